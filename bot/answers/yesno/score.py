"""One service against the cutoff (or a stated score, or its round's average): from its
score, else from what its round's page says of the services below; and what clearing or
missing the cutoff means for its renewal (the review decides, the rule excludes)."""

from __future__ import annotations

import re

from bot.answers import tally
from bot.answers.base import Request, points, round_name, versus_cutoff
from bot.answers.yesno.common import Verdict, has, in_english, named_service, parts
from bot.answers.yesno.cues import EXCLUSION_LINE, RENEWAL_OUTCOME
from bot.understand.entities import Threshold
from knowledge.model import Evaluation, StoredRound


def service_score(
    req: Request, name: str, score: float | None, precision: int, rnd: StoredRound
) -> Verdict:
    """A service against the cutoff or another score: from its score, or deduced from the
    round's count below the cutoff when scores were not published."""
    e, t = req.entities, req.t
    threshold = e.threshold or Threshold(e.score if e.score is not None else rnd.cutoff, "below")
    ranked = e.metrics & {"highest", "lowest", "rank", "average"}
    stated = e.threshold or e.score is not None or _against_cutoff(req)
    if score is None and (ranked or not stated):
        line = t._(
            "Individual scores of {round} were not published, "
            "so how {service} compares is not known.",
            round=round_name(t, rnd.year, rnd.round_no),
            service=name,
        )
        return Verdict("unknown", (line,), (rnd.document_id,))
    if score is not None and _against_average(req, rnd):
        return _versus_average(req, name, (score, precision), rnd)
    if score is not None:
        reason = scored_line(req, name, (score, precision), rnd)
        return _settled(req, rnd, threshold, score < threshold.value, reason)
    return _unscored(req, name, rnd, threshold)


def _against_cutoff(req: Request) -> bool:
    """The question is about the cutoff itself: re-contracting, passing or failing."""
    return has(req, "recontract") or has(req, "pass") or has(req, "fail")


def _unscored(req: Request, name: str, rnd: StoredRound, threshold: Threshold) -> Verdict:
    """A service whose round kept its score back: its side of the cutoff from the names the
    page gives of those below, or from a count of 0 below; else not known."""
    t = req.t
    none_below = rnd.below_cutoff_count == 0 and threshold.value <= rnd.cutoff
    named = _named_below(req, rnd) if threshold.value == rnd.cutoff else None
    if named is not None and not none_below:
        # "Did X fail the 2026 evaluation?": the page names every service below the
        # cutoff, so X's place is known without its score
        below, names = named
        reason = t._(
            "Its own score was not published, but {round} names the services below the "
            "{cutoff}-point cutoff: {names}.",
            round=round_name(t, rnd.year, rnd.round_no),
            cutoff=t.num(rnd.cutoff),
            names=t.join([in_english(req, n) for n in names]),
        )
        told = exclusion_rule(req, rnd)[0] if below and _against_cutoff(req) else ()
        if not below and tally.renewal_done(req.question):
            return _renewal_not_published(req, reason, rnd)
        failing = _negative(req, threshold)
        return Verdict("yes" if below == failing else "no", (reason, *told), (rnd.document_id,))
    if not none_below:
        return Verdict(
            "unknown",
            (unscored_line(req, name, rnd),),
            (rnd.document_id,),
            # what was published beside it (the round's average, its count below the cutoff)
            evidence=req.entities.what == "service_score",
        )
    return _settled(req, rnd, threshold, False, _none_below(req, rnd))


def _settled(
    req: Request, rnd: StoredRound, threshold: Threshold, below: bool, reason: str
) -> Verdict:
    """The verdict once the service's side of the line is known (``reason`` says how): yes
    or no against the side asked, with what the rule says follows — the exclusion below
    the cutoff, the re-contract review above it, or that the renewal itself is not
    published when it is asked."""
    if not below and threshold.value >= rnd.cutoff and tally.renewal_done(req.question):
        return _renewal_not_published(req, reason, rnd)
    answer = "yes" if below == _negative(req, threshold) else "no"
    rule: tuple[str, ...] = ()
    page = rnd.document_id
    if below and _against_cutoff(req) and threshold.value == rnd.cutoff:
        # "중부기술교육원 재계약 할 수 있어?" → no: and what the rule says happens then
        rule, ruled = exclusion_rule(req, rnd)
        page = ruled if ruled is not None else page
    elif not below and threshold.value == rnd.cutoff and _renewal_ahead(req):
        rule = _review_decides(req, rnd)
    return Verdict(answer, (reason, *rule), tuple(dict.fromkeys((rnd.document_id, page))))


def _renewal_ahead(req: Request) -> bool:
    """ "재계약 되는 거 맞죠?", "will it be re-contracted?": a renewal asked of a service
    (tally.yaml ``renewal_ahead``) — clearing the cutoff answers only half of it."""
    return tally.said(req.question, "renewal_ahead")


def _review_decides(req: Request, rnd: StoredRound) -> tuple[str, ...]:
    """Clearing the cutoff means only "not excluded": the re-contract review (재계약
    적정성 심의) decides the renewal — said with the page's own line on it."""
    t = req.t
    review = next((in_english(req, u) for u in rnd.usage if "심의" in u), None)
    lines = [
        t._(
            "Clearing the {cutoff}-point cutoff only means it was not excluded; the "
            "re-contract review decides the renewal itself.",
            cutoff=t.num(rnd.cutoff),
        )
    ]
    if review is not None:
        lines.append(t._("- {line}", line=review))
    return tuple(lines)


def _renewal_not_published(req: Request, passed: str, rnd: StoredRound) -> Verdict:
    """ "재계약 했나요?" of a service that cleared the cutoff: clearing it means only that
    it was not excluded; whether the contract was in fact renewed is the re-contract
    review's decision, which no page publishes — never 네 for "not excluded"."""
    lines = [
        req.t._("Whether its contract was actually renewed is not published."),
        passed,
        *_review_decides(req, rnd),
    ]
    # "재계약 됐어요?" is answered by its standing; "결국 재계약 했나요?" asks only the outcome
    outcome = bool(RENEWAL_OUTCOME.search(req.question.lower()))
    return Verdict("unknown", tuple(lines), (rnd.document_id,), answered=not outcome)


def exclusion_rule(req: Request, rnd: StoredRound) -> tuple[tuple[str, ...], int | None]:
    """What a page says happens below the cutoff (재계약 배제, 공개모집), and the page: the
    round's own, else the newest round that publishes the rule, named — a round whose page
    has no "use of the results" section is under the same rule."""
    newest_first = sorted(req.q.rounds(), key=lambda r: (r.year, r.round_no), reverse=True)
    for page in (rnd, *newest_first):
        lines = [u for u in page.usage if EXCLUSION_LINE.search(u)]
        if not lines:
            continue
        said = [req.t._("- {line}", line=in_english(req, u)) for u in lines]
        if page is not rnd:
            name = round_name(req.t, page.year, page.round_no)
            said.insert(0, req.t._("The rule, as {round} publishes it:", round=name))
        return tuple(said), page.document_id
    return (), None


def standing(req: Request, name: str, ev: Evaluation, rnd: StoredRound) -> str:
    """A service's place against its round's cutoff, nothing claimed: its score and its
    side of the cutoff, else what the round's count or named list says of it."""
    t = req.t
    round_label = round_name(t, rnd.year, rnd.round_no)
    if ev.score is not None:
        return t._(
            "{service} scored {score} in {round}, {versus}.",
            service=name,
            score=points(t, ev.score, ev.score_precision),
            round=round_label,
            versus=versus_cutoff(req, ev.score, rnd.cutoff),
        )
    named = _named_below(req, rnd)
    if rnd.below_cutoff_count == 0:
        return _none_below(req, rnd)
    if named is not None and named[0]:
        return t._(
            "Its own score was not published, but {round} names it among the services below "
            "the {cutoff}-point cutoff, excluded from re-contracting.",
            round=round_label,
            cutoff=t.num(rnd.cutoff),
        )
    if named is not None:
        return t._(
            "Its own score was not published, but it is not among the services {round} names "
            "below the {cutoff}-point cutoff ({names}).",
            round=round_label,
            cutoff=t.num(rnd.cutoff),
            names=t.join([in_english(req, n) for n in named[1]]),
        )
    return unscored_line(req, name, rnd)


def scored_line(req: Request, name: str, scored: tuple[float, int], rnd: StoredRound) -> str:
    """ "X scored 82.40 in 2024 round 2.": a service's published score (value, decimals) as
    every check cites it — the one wording, so that a score reads alike whichever check
    gives it."""
    t, (score, precision) = req.t, scored
    return t._(
        "{service} scored {score} in {round}.",
        service=name,
        score=points(t, score, precision),
        round=round_name(t, rnd.year, rnd.round_no),
    )


def unscored_line(req: Request, name: str, rnd: StoredRound) -> str:
    """That the round kept the service's own score back: said by every check that rests on
    such a round (its standing, whether the score was published, a comparison)."""
    return req.t._(
        "The individual score of {service} in {round} was not published.",
        service=name,
        round=round_name(req.t, rnd.year, rnd.round_no),
    )


def _none_below(req: Request, rnd: StoredRound) -> str:
    """A service of a round that published no scores but a count of 0 below the cutoff:
    its side of the cutoff is known all the same."""
    t = req.t
    return t._(
        "Its own score was not published, but none of the {n} services in {round} scored "
        "below the {cutoff}-point cutoff, so it was not excluded from re-contracting.",
        n=len(req.q.evaluations(rnd.year, rnd.round_no)),
        round=round_name(t, rnd.year, rnd.round_no),
        cutoff=t.num(rnd.cutoff),
    )


def _against_average(req: Request, rnd: StoredRound) -> bool:
    """ "X 점수가 3차 평균보다 높았어요?": the service against its round's average (no score
    line named), when that average was published."""
    e = req.entities
    return "average" in e.metrics and e.threshold is None and rnd.average_score is not None


def _versus_average(
    req: Request, name: str, scored: tuple[float, int], rnd: StoredRound
) -> Verdict:
    """The service's published score against its round's published average: both shown."""
    t, (score, precision) = req.t, scored
    average = float(rnd.average_score or 0.0)
    round_label = round_name(t, rnd.year, rnd.round_no)
    below = score < average
    reasons = (
        scored_line(req, name, scored, rnd),
        t._(
            "The average of {round} was {value}.",
            round=round_label,
            value=points(t, average, precision),
        ),
    )
    failing = _negative(req, Threshold(average, "below"))
    return Verdict("yes" if below == failing else "no", reasons, (rnd.document_id,))


def _named_below(req: Request, rnd: StoredRound) -> tuple[bool, list[str]] | None:
    """Whether the named service is among the services ``rnd`` names below its cutoff —
    when the page names all of them (as many names as its count) — and those names."""
    names = list(rnd.below_cutoff_names)
    service = named_service(req)
    if not names or service is None:
        return None
    own = {n.replace(" ", "") for n in (service.name_ko, service.short_ko, *service.aliases) if n}
    below = any(n.replace(" ", "") in own for n in names)
    if not below and rnd.below_cutoff_count not in (None, len(names)):
        return None  # only some of the services below were named: another may be this one
    return below, names


def _negative(req: Request, threshold: Threshold) -> bool:
    """Whether the question asks about failing ("below 75?", "못 넘었어?", "lose")."""
    lower = req.question.lower()
    # "재계약에서 빠지게 됐다는", "kicked off its contract": everyday words of losing it
    fail = parts().checks["fail"].search(lower) or tally.cue("fail_claim").search(lower)
    passing = parts().checks["pass"].search(lower)
    if re.search(r"못\s*넘|못\s*미|not\s+(?:pass|clear|make)|didn'?t\s+(?:pass|clear|make)", lower):
        return True
    if req.entities.threshold is not None:
        return threshold.direction in ("below", "at_most")
    if fail is None:
        return False
    return not (passing is not None and passing.start() > fail.start())
