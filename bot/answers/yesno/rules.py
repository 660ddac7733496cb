"""Checks about the rules: the scoring scheme, the period, the ordinance behind a rule, the
cutoff's value and its history, renewal below it and what follows it, and the years one
contractor may keep a service."""

from __future__ import annotations

import re

from bot.answers.base import (
    Request,
    as_reported,
    points,
    report_note,
    round_name,
    scope_name,
    target,
)
from bot.answers.cutoff import earlier_cutoff
from bot.answers.known import figure_phrase
from bot.answers.yesno.common import Verdict, checked_round, has, in_english, parts
from bot.answers.yesno.cues import EXCLUSION_ASKED, GUIDELINE, MORE
from knowledge.model import StoredFigure, StoredRound


def scoring_asked(req: Request) -> Verdict | None:
    """ "Do satisfaction surveys count toward the score?": scoring, whatever else matched."""
    return scoring(req) if has(req, "score_words") or has(req, "consequence") else None


def scoring(req: Request) -> Verdict | None:
    """ "만점이 100점이야?", "Do surveys count toward the score?": the round's scoring areas
    and its maximum."""
    _, rnd = checked_round(req)
    if rnd is None or not rnd.scoring_areas:
        return None
    areas = req.t.join([in_english(req, a) for a in rnd.scoring_areas])
    line = req.t._(
        "{round} scored {areas}, {max} points in total.",
        round=round_name(req.t, rnd.year, rnd.round_no),
        areas=areas,
        max=rnd.max_points or 100,
    )
    asked = req.entities.score
    if has(req, "max_points") or (asked is not None and asked >= 90):
        if rnd.max_points is None:
            return None
        return Verdict(
            "yes" if asked in (None, rnd.max_points) else "no", (line,), (rnd.document_id,)
        )
    if has(req, "areas"):
        return Verdict("yes", (line,), (rnd.document_id,))
    return None


def _months(req: Request) -> set[int]:
    """The months the question names."""
    return parts().months(req.question.lower())


def period(req: Request) -> Verdict | None:
    """ "평가는 7월에 했어?": the months or year asked against the round's period."""
    _, rnd = checked_round(req)
    if rnd is None or not rnd.period_start or not (has(req, "period") or _months(req)):
        return None
    months = _months(req)
    start, end = int(rnd.period_start[5:7]), int((rnd.period_end or rnd.period_start)[5:7])
    held = set(range(start, end + 1))
    line = req.t._(
        "{round} took place from {start} to {end}.",
        round=round_name(req.t, rnd.year, rnd.round_no),
        start=req.t.date(rnd.period_start),
        end=req.t.date(rnd.period_end or rnd.period_start),
    )
    if months:
        return Verdict(
            "yes" if months <= held or (months & held and len(months) >= 3) else "no",
            (line,),
            (rnd.document_id,),
        )
    if req.entities.year is not None and req.entities.round_no is None:
        return Verdict(
            "yes" if req.entities.year == rnd.year else "no", (line,), (rnd.document_id,)
        )
    return None


def ordinance(req: Request) -> Verdict | None:
    """ "조례에 근거한 거야?": the round's legal basis (an article named, checked), or where
    the rule asked about comes from."""
    _, rnd = checked_round(req)
    if rnd is None or not rnd.legal_basis or not has(req, "ordinance"):
        return None
    rule = _rule_source(req, rnd)
    if rule is not None:
        return rule
    article = re.search(r"(\d+)\s*조|article\s+(\d+)", req.question.lower())
    basis = in_english(req, rnd.legal_basis)
    line = req.t._(
        "{round} was carried out under {basis}.",
        round=round_name(req.t, rnd.year, rnd.round_no),
        basis=basis,
    )
    if article and (article.group(1) or article.group(2)) not in rnd.legal_basis:
        return Verdict("no", (line,), (rnd.document_id,))
    return Verdict("yes", (line,), (rnd.document_id,))


def _rule_source(req: Request, rnd: StoredRound) -> Verdict | None:
    """ "Is the 75-point exclusion rule set out in the ordinance?": the published usage lines
    say where each rule comes from — the exclusion below the cutoff from the management
    guidelines (관리지침), taking results into account from the ordinance (조례 제12조)."""
    lower = req.question.lower()
    about_cutoff = parts().cutoff.search(lower) or req.entities.threshold is not None
    about_cutoff = about_cutoff or bool(EXCLUSION_ASKED.search(lower))
    about_cutoff = about_cutoff or _cutoff_said(lower, rnd.cutoff)
    guideline = [u for u in rnd.usage if "지침" in u]
    if not about_cutoff or not guideline:
        return None
    asks_guideline = bool(GUIDELINE.search(lower))
    return Verdict("yes" if asks_guideline else "no", _usage(req, rnd), (rnd.document_id,))


def _usage(req: Request, rnd: StoredRound) -> tuple[str, ...]:
    """ "As published for 2023 round 3:" and the page's own lines on the use of the results:
    the evidence of every check of what the rule says."""
    head = req.t._("As published for {round}:", round=round_name(req.t, rnd.year, rnd.round_no))
    return (head, *(req.t._("- {line}", line=in_english(req, u)) for u in rnd.usage))


def _cutoff_said(lower: str, cutoff: float) -> bool:
    """Whether the question says the round's cutoff score ("the 75 rule", "75점 미만"): a
    rule of the cutoff is asked about."""
    shown = re.escape(f"{cutoff:g}")
    return re.search(rf"\b{shown}\b|{shown}점", lower) is not None


#: A score stated without its unit ("was it 79.05?", "Is 80 the cutoff?"), decimals too —
#: not a year, a round, a count or a share ("2023", "3차", "13개", "27.7%").
_STATED_POINTS = re.compile(
    r"(?<![\d.])(\d{2,3}(?:\.\d+)?)(?![\d.])(?!\s*(?:년|차|개|곳|%|퍼센트|프로|percent|services?|rounds?))"
)


def _stated_points(lower: str) -> float | None:
    """A bare score in a question, within the range a cutoff can have (40–100 points)."""
    bare = _STATED_POINTS.search(lower)
    return float(bare.group(1)) if bare and 40 <= float(bare.group(1)) <= 100 else None


def stated_cutoff(req: Request) -> float | None:
    """The cutoff score a question states ("75점", "was it always 75?", "79.05, right?")."""
    e = req.entities
    if e.score is not None:
        return e.score
    if e.threshold is not None:
        return e.threshold.value
    return _stated_points(req.question.lower())


def cutoff_value(req: Request) -> Verdict | None:
    """ "커트라인이 75점 맞지?", "Is 80 the re-contract cutoff?": the stated score against it."""
    e = req.entities
    _, rnd = checked_round(req)
    lower = req.question.lower()
    if rnd is None or e.services or "average" in e.metrics or not parts().cutoff.search(lower):
        return None
    stated = e.score if e.score is not None else _stated_points(lower)
    if stated is None:
        return None
    t, where = req.t, target(req, whole_year=False)
    lines = [t._("The re-contract cutoff is {cutoff}.", cutoff=points(t, rnd.cutoff, 0))]
    if where.named and where.round is not None:
        # "2022년 1차 때도 75점 기준 적용됐어?": that round's cutoff, and its page's own words
        # on the criterion it applied ("'22.7월 개정 관리지침에 따른 재계약 기준(75점) 적용")
        shown = f"{rnd.cutoff:g}점"
        lines = [
            _cutoff_of(req, rnd),
            *(t._("- {line}", line=in_english(req, u)) for u in rnd.usage if shown in u),
        ]
    documents: list[int | None] = [rnd.document_id]
    if stated != rnd.cutoff:
        # "the cutoff in round 3 was 79.05?": 79.05 is that round's average — say what the
        # stated value is when the scope publishes it as another figure
        for i, (line, document) in enumerate(_other_figure(req, rnd, stated), start=1):
            lines.insert(i, line)  # right after the cutoff, before the page's own words
            documents.append(document)
    return Verdict(
        "yes" if stated == rnd.cutoff else "no", tuple(lines), tuple(documents), evidence=True
    )


def _other_figure(req: Request, rnd: StoredRound, value: float) -> list[tuple[str, int | None]]:
    """The published figures with the stated value, of the nearest scope that has one: the
    checked round, then its year (its rounds together too), then any other scope."""
    same = [
        f
        for f in req.q.figures()
        if f.figure.value is not None
        and f.figure.metric != "cutoff"
        and abs(f.figure.value - value) <= 1e-9
    ]

    def nearness(stored: StoredFigure) -> int:
        scope = stored.figure.scope
        if scope.year_start == scope.year_end == rnd.year:
            one = scope.round_start == scope.round_end == rnd.round_no
            return 0 if one else 1
        return 2

    if not same:
        return []
    nearest = min(nearness(f) for f in same)
    t = req.t
    found: list[tuple[str, int | None]] = []
    for stored in sorted(same, key=lambda f: not f.official):
        fact = figure_phrase(req, stored.figure)
        if nearness(stored) != nearest or fact is None:
            continue
        line = t._(
            "{value}: not the cutoff but another published figure — {scope}, {fact}.",
            value=t.num(value, _places(value)),
            scope=scope_name(t, stored.figure.scope),
            fact=fact,
        )
        line = as_reported(req, line, stored)
        found.append((line, stored.document_id))
    return found


def _places(value: float) -> int:
    """The decimals a stated value was written with (79.05 -> 2)."""
    text = f"{value:g}"
    return len(text.split(".")[1]) if "." in text else 0


def cutoff_before(req: Request) -> Verdict | None:
    """ "I heard the cutoff used to be 60. Is that right?", "재계약 기준이 예전보다 엄격해졌어?":
    the cutoff of the past (older rounds, reports) against the stated score or today's."""
    e = req.entities
    _, rnd = checked_round(req)
    if rnd is None or e.services or not has(req, "past"):
        return None
    earlier = sorted(
        {r.cutoff for r in req.q.rounds() if r.cutoff != rnd.cutoff}
        | {
            f.figure.value
            for f in req.q.figures("cutoff")
            if f.figure.value is not None and f.figure.value != rnd.cutoff
        }
    )
    if not earlier:
        return None
    stated = stated_cutoff(req)
    if stated is not None and has(req, "always"):
        answer = "no"  # "was the cutoff always 75?": it was not, it has changed
    elif stated is not None:
        answer = "yes" if stated in earlier else "no"
    elif has(req, "stricter"):
        answer = "yes" if rnd.cutoff > max(earlier) else "no"
    elif has(req, "laxer"):
        answer = "yes" if rnd.cutoff < min(earlier) else "no"
    else:
        return None
    t = req.t
    lines = [t._("The re-contract cutoff is {cutoff}.", cutoff=points(t, rnd.cutoff, 0))]
    documents = [rnd.document_id]
    for stored in req.q.figures("cutoff"):
        if not stored.official and stored.figure.value in earlier:
            lines.append(earlier_cutoff(req, stored))
            documents.append(stored.document_id)
    for old in sorted({r for r in req.q.rounds() if r.cutoff in earlier}, key=_round_key)[-1:]:
        lines.append(_cutoff_of(req, old))
        documents.append(old.document_id)
    return Verdict(answer, tuple(lines), tuple(documents))


def _cutoff_of(req: Request, rnd: StoredRound) -> str:
    """ "2022 round 1: the cutoff was 75 points.": the cutoff a round's own page applied."""
    t = req.t
    return t._(
        "{round}: the cutoff was {cutoff}.",
        round=round_name(t, rnd.year, rnd.round_no),
        cutoff=points(t, rnd.cutoff, 0),
    )


def _round_key(rnd: StoredRound) -> tuple[int, int]:
    """Rounds in time order."""
    return rnd.year, rnd.round_no


def renewal_below(req: Request) -> Verdict | None:
    """ "Can a contractor that scores under 75 get its contract renewed?", "75점 미만이어도
    재계약 돼?": the rule says no — excluded from re-contracting, then an open call."""
    e = req.entities
    _, rnd = checked_round(req)
    below = e.threshold is not None and e.threshold.direction in ("below", "at_most")
    if rnd is None or not rnd.usage or not below or e.services or not has(req, "recontract"):
        return None
    if has(req, "consequence") and not has(req, "renewal_asked"):
        return None  # "does it lose the contract?": the consequence check says yes
    return Verdict("no", _usage(req, rnd), (rnd.document_id,))


def consequence(req: Request) -> Verdict | None:
    """ "기준 미달이면 재계약 못 해?": what the round's page says the results are used for."""
    _, rnd = checked_round(req)
    asked = has(req, "consequence") or (
        req.entities.what in ("cutoff_rule", "purpose") and has(req, "recontract")
    )
    if rnd is None or not rnd.usage or not asked:
        return None
    return Verdict("yes", _usage(req, rnd), (rnd.document_id,))


def contract_limit(req: Request) -> Verdict | None:
    """ "같은 수탁기관이 10년 넘게 맡을 수 있어?", "can a contractor keep it for 12 years?":
    the stated years against the reported limit with one contractor."""
    stated = re.search(
        r"(?<!\d)(\d{1,2})\s*(?:년|years?)(?!\s*(?:도|부터|에))", req.question.lower()
    )
    limits = [f for f in req.q.figures("max_same_contractor_years") if f.figure.value]
    if stated is None or not limits:
        return None
    years, limit = int(stated.group(1)), int(limits[0].figure.value or 0)
    beyond = bool(MORE.search(req.question.lower()[stated.end() : stated.end() + 12]))
    allowed = years < limit or (years == limit and not beyond)
    line = req.t._(
        "One contractor can keep a service for at most {n} years (according to {note}).",
        n=limit,
        note=report_note(req, limits[0]),
    )
    return Verdict("yes" if allowed else "no", (line,), (limits[0].document_id,))
