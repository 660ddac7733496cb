"""Averages checked: one against the cutoff, a stated value or band, the year before or
another scope; every loaded round's; any year's; an average asked with a count below."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.answers import tally
from bot.answers.base import Request, average_versus, coverage, points, round_name, target
from bot.answers.compute import (
    Fig,
    compare_reply,
    cutoff_fig,
    label,
    sides,
    value,
    yearly_figs,
)
from bot.answers.yesno.below_cutoff import below_line
from bot.answers.yesno.common import Verdict, has, newest_cutoff, parts
from bot.answers.yesno.scope import figure_line
from bot.understand.entities import Threshold


def any_year(req: Request) -> Verdict | None:
    """ "평균이 기준보다 낮았던 해가 있어?": every yearly average against the cutoff."""
    if not has(req, "any_year") or req.entities.year is not None:
        return None
    cutoff = cutoff_fig(req)
    series = yearly_figs(req, "average_score")
    lower = req.question.lower()
    below = bool(parts().checks["down"].search(lower)) or bool(parts().checks["fail"].search(lower))
    hits = [f for f in series if (f.value < cutoff.value) == below and f.value != cutoff.value]
    listed = req.t.join(
        [req.t._("{scope} {value}", scope=label(req, f), value=value(req, f)) for f in series]
    )
    line = req.t._(
        "Yearly averages against the {cutoff}-point cutoff: {series}.",
        cutoff=req.t.num(cutoff.value),
        series=listed,
    )
    return Verdict("yes" if hits else "no", (line,), tuple(f.document_id for f in series))


def average_and_below(req: Request) -> Verdict | None:
    """ "What was the average of 2023 round 3, and was any service below 75?": the average
    given, and the yes/no answered from how many services fell below — never from the
    average against the line."""
    e, t = req.entities, req.t
    below = e.threshold is not None and e.threshold.direction == "below"
    if "average" not in e.metrics or not below or e.services:
        return None
    if not tally.said(req.question, "any_service"):
        return None
    rnd = target(req, whole_year=False).round
    if rnd is None or rnd.below_cutoff_count is None or rnd.average_score is None:
        return None
    if e.threshold is not None and e.threshold.value != rnd.cutoff:
        return None  # another line than the cutoff: the round's count does not say
    n = rnd.below_cutoff_count
    average = average_versus(req, round_name(t, rnd.year, rnd.round_no), rnd, rnd.average_score)
    if n:
        count = below_line(req, rnd, n)
    else:
        count = t._("No service scored below the {cutoff}-point cutoff.", cutoff=t.num(rnd.cutoff))
    return Verdict("yes" if n else "no", (count, average), (rnd.document_id,))


def every_round_average(req: Request) -> Verdict | None:
    """ "Did every loaded round average above 75?": the loaded rounds named as a whole are
    each checked against the cutoff (or the stated score) — yes only when every published
    average is on the asked side; each round's average is listed, the newest alone is no
    answer."""
    e, t = req.entities, req.t
    if "average" not in e.metrics and e.what != "average":
        return None
    cov = coverage(req)
    if cov.kind != "all" or e.has_scope or e.services or len(cov.rounds) < 2:
        return None
    rounds = [r for r in cov.rounds if r.average_score is not None]
    if len(rounds) != len(cov.rounds):
        return None  # a round without a published average: no verdict over all of them
    threshold = e.threshold or Threshold(rounds[-1].cutoff, "at_least")
    lines = tuple(
        t._(
            "{scope}: {value}",
            scope=round_name(t, r.year, r.round_no),
            value=points(t, r.average_score or 0.0, r.average_precision),
        )
        for r in rounds
    )
    inside = all(threshold.admits(float(r.average_score or 0)) for r in rounds)
    return Verdict("yes" if inside else "no", lines, tuple(r.document_id for r in rounds))


def average_against(req: Request) -> Verdict | None:
    """An average against the cutoff, a stated score, the year before or another scope."""
    e = req.entities
    if "average" not in e.metrics and req.entities.what != "average":
        return None
    before = tally.said(req.question, "prev_year_words")
    if e.compare != "prev_year" and e.year is not None and before:
        # "2023년 전체 평균이 그 전 해보다 올랐나요?": the year before, not the cutoff
        e = replace(e, compare="prev_year", reference="prev_year")
        req = replace(req, entities=e)
    both = sides(req)
    if both is None:
        return None
    of, other = both
    if e.band is not None:
        # "3차 평균이 79점대야?": the average inside the band or not
        inside = e.band[0] <= float(of.value) < e.band[1]
        return Verdict("yes" if inside else "no", (), evidence=True)
    stated = _stated_average(req)
    if stated is not None:
        return _stated_against(req, of, stated)
    if e.threshold is not None and e.threshold.value != other.value:
        if e.threshold.value != newest_cutoff(req):
            return None
        other = Fig(of.scope, e.threshold.value, 0, None, kind="cutoff")
    lower = req.question.lower()
    up, down = parts().checks["up"].search(lower), parts().checks["down"].search(lower)
    fail = parts().checks["fail"].search(lower)
    down = down or fail
    asks_down = down is not None and not (up is not None and up.start() < down.start())
    if e.threshold is not None:
        asks_down = e.threshold.direction in ("below", "at_most")
    higher = of.value > other.value
    answer = "yes" if higher != asks_down else "no"
    if of.value == other.value:
        answer = "no"
    shown = compare_reply(req, of, other, "gap")
    return Verdict(
        answer, tuple(shown.text.splitlines()), tuple(s.document_id for s in shown.sources)
    )


def _stated_against(req: Request, of: Fig, stated: float) -> Verdict:
    """ "2023 전체 평균 74.02 맞아?": the stated value against the published average; a
    wrong one is often another scope's average ("2023년 3차 평균이 74.02점이었죠?"), said."""
    if abs(float(of.value) - stated) < 0.005:
        return Verdict("yes", (), evidence=True)
    elsewhere = [
        st
        for st in req.q.figures("average_score")
        if st.figure.value is not None
        and abs(float(st.figure.value) - stated) < 0.005
        and st.figure.scope != of.scope
    ][:2]
    lines = tuple(
        req.t._("The stated figure is {figure}.", figure=figure_line(req, st)) for st in elsewhere
    )
    return Verdict("no", lines, tuple(st.document_id for st in elsewhere), evidence=True)


_DECIMAL = re.compile(r"(?<![\d.])(\d{2,3}\.\d{1,2})(?![\d.])")


def _stated_average(req: Request) -> float | None:
    """A value the question states as the average ("평균 74.02 맞아?", "was the average
    79.05?"): a decimal with no direction, cutoff or change word beside it."""
    lower = req.question.lower()
    found = _DECIMAL.search(lower)
    if found is None or req.entities.threshold is not None:
        return None
    checks = parts().checks
    if any(checks[c].search(lower) for c in ("up", "down", "fail", "pass")):
        return None
    if parts().cutoff.search(lower):
        return None
    return float(found.group(1))
