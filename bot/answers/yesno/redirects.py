"""Questions put as checks that another handler answers better than a 네/아니요: a count
asked ("1차에선 몇 개였는데요?"), two rounds judged better or worse, a change of one named year,
and a score line that no published count reaches (neither yes nor no)."""

from __future__ import annotations

from dataclasses import replace

from bot.answers import HANDLERS, tally
from bot.answers.base import Reply, Request, points, scope_name
from bot.answers.compute import deducible
from bot.answers.yesno.common import Verdict, newest_cutoff, verdict_reply


def count_asked(req: Request, what: str) -> Reply | None:
    """A count asked ("how many", "몇 개", "계산하면?") that reached the yes/no handler (a
    follow-up of a check keeps its how): the count, deduced when no page prints it — a
    verdict only checks a count the question states."""
    e = req.entities
    if what not in ("count_evaluated", "below_cutoff") or e.count is not None or e.services:
        return None
    if not (tally.how_many(req) or tally.said(req.question, "estimate")):
        return None
    plain = replace(req, entities=replace(e, how=None, what=what))
    if deducible(plain, what):
        return HANDLERS["deduced"](plain)
    return HANDLERS[what](plain)


def rounds_judged(req: Request) -> Reply | None:
    """ "Within 2023, did things look better in round 3 than in round 1?": two rounds
    judged better or worse with no measure named — weighed on the measure both rounds
    publish, the share below the cutoff (7 / 12 against 0 / 6, 네/아니요 from it), then
    each round's average where it was published and "not published" where it was not."""
    e = req.entities
    if e.compare != "round" or e.compare_round is None or e.round_no is None or e.services:
        return None
    if not tally.judged(req):
        return None
    scopes = tally.compared_scopes(req)
    if scopes is None:
        return None
    shares = HANDLERS["below_cutoff"](
        replace(req, entities=replace(e, metrics=e.metrics | {"share"}, what="below_cutoff"))
    )
    if not shares.answered:
        return None
    t, lines = req.t, []
    for scope in scopes:
        stored = req.q.figure("average_score", scope)
        name = scope_name(t, scope)
        if stored is not None and stored.figure.value is not None:
            lines.append(
                t._(
                    "The average of {round} was {value}.",
                    round=name,
                    value=points(t, float(stored.figure.value), stored.figure.precision),
                )
            )
        else:
            lines.append(t._("The average of {round} was not published.", round=name))
    text = "\n".join([shares.text, *lines])
    return Reply(text, True, shares.sources, shares.suggestions, shares.chart)


def year_before(req: Request) -> bool:
    """ "Did the below-75 share get better in 2024?": a change of one named year, which
    the count's handler measures against the year before (and says which way it went)."""
    e = req.entities
    return e.compare in ("prev_year", "other") and tally.compared_scopes(req) is not None


def band_unknowable(req: Request, what: str) -> Reply | None:
    """ "2024년에 60점 미만 받은 곳도 있었어?": a line other than the cutoff that no published
    count or score reaches (only "below 65: 2" was reported) — neither yes nor no; what the
    sources do say follows.  The count's own handler knows which lines it can count."""
    e = req.entities
    cutoff = newest_cutoff(req)
    if what != "below_cutoff" or e.services or e.threshold is None or e.threshold.value == cutoff:
        return None
    known = HANDLERS[what](req)
    if known.answered:
        return None
    verdict = verdict_reply(req, Verdict("unknown", ()), "fallback")
    text = "\n".join([verdict.text, *known.text.splitlines()])
    return Reply(text, False, known.sources, known.suggestions, known.chart)
