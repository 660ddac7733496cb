"""Whose figure is it?: a stated value ("27.7%", "74.02") checked against the scopes of the
published figures that hold it; and the one wording of what a figure is, which the average
checks use too."""

from __future__ import annotations

import re
from decimal import Decimal

from bot.answers import tally
from bot.answers.base import Request, as_reported, points, scope_name, target
from bot.answers.yesno.common import Verdict
from knowledge.model import Scope, StoredFigure

#: a stated value the question asks the scope of: a share ("27.7%") or a decimal ("79.05")
_STATED = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d{1,2})?)\s*(%|퍼센트|프로|percent|점)?")


def figure_scope(req: Request) -> Verdict | None:
    """ "Is the 27.7% figure about round 3?", "74.02는 3차 평균이야?": a stated value's
    scope checked against the published figures that hold that value — 네 when one is of
    the scope asked, else 아니요 and the scope it belongs to (with its counts), then the
    asked scope's own value of the same measure when known."""
    lower = req.question.lower()
    topic = _TOPIC_VALUE.search(lower)  # "74.02점은 …?": the value is what is talked about
    if not (tally.said(req.question, "figure_about") or topic) or req.entities.threshold:
        return None
    e = req.entities
    if e.year is None and e.round_no is None:
        return None
    stated = _stated_values(lower)
    if len({v for v, _ in stated}) != 1:
        return None  # none, or "27.7%에서 13.1%로 줄었어?": a movement, not one figure's scope
    matches = [
        f
        for f in req.q.figures()
        if f.figure.value is not None
        and (f.figure.metric.endswith("_pct") or f.figure.metric == "average_score")
        and any(
            abs(f.figure.value - v) < 1e-9 and (pct or not f.figure.metric.endswith("_pct"))
            for v, pct in stated
        )
    ]
    if not matches:
        return None
    where = target(req, whole_year=e.round_no is None)
    if where.year is None:
        return None
    asked = Scope.round(where.year, where.round_no) if where.round_no else Scope.year(where.year)
    own = [f for f in matches if _scope_covers(req, asked, f.figure.scope)]
    t = req.t
    official = {(f.figure.metric, f.figure.value) for f in matches if f.official}
    told = [f for f in matches if f.official or (f.figure.metric, f.figure.value) not in official]
    shown = t.join(
        list(dict.fromkeys(figure_line(req, f) for f in sorted(told, key=_official_first)))
    )
    if own:
        line = t._("It is {figures}.", figures=shown)
        return Verdict("yes", (line,), tuple(f.document_id for f in own))
    lines = [
        t._("It is not about {scope}: it is {figures}.", scope=scope_name(t, asked), figures=shown),
        *(_own_value(req, asked, f.figure.metric) for f in matches[:1]),
    ]
    return Verdict(
        "no", tuple(line for line in lines if line), tuple(f.document_id for f in matches)
    )


_TOPIC_VALUE = re.compile(r"\d\.\d{1,2}\s*(?:%|퍼센트|프로|점)?\s*(?:은|는|이란|이라는)(?![가-힣])")


def _stated_values(lower: str) -> list[tuple[float, bool]]:
    """The values the question states, each with whether it was said as a percentage."""
    out = []
    for m in _STATED.finditer(lower):
        number, unit = m.group(1), m.group(2) or ""
        if "." not in number and unit in ("", "점"):
            continue  # "round 3", "2023": no stated figure
        out.append((float(number), unit not in ("", "점")))
    return out


def _official_first(stored: StoredFigure) -> tuple[bool, int]:
    """Official figures before reported ones, each in round order: a report's copy of a
    published figure is named after the page."""
    scope = stored.figure.scope
    return (not stored.official, scope.round_start or 0)


def _scope_covers(req: Request, asked: Scope, scope: Scope) -> bool:
    """Whether a figure's scope is the asked scope: a round itself, or a year as a whole
    (its whole-year figure, or the one summing all its rounds)."""
    if asked.round_start is not None:
        return scope == asked
    if scope.year_start != asked.year_start or scope.year_end != asked.year_end:
        return False
    return scope.round_start is None or (
        scope.round_start == 1
        and (scope.round_end or 0) >= tally.rounds_of(req, scope.year_start or 0)
    )


def figure_line(req: Request, stored: StoredFigure) -> str:
    """What a figure is: its measure and scope, a share with its counts, a report named."""
    t, scope = req.t, stored.figure.scope
    if stored.figure.metric == "average_score":
        line = t._(
            "the average of {scope}, {value}",
            scope=scope_name(t, scope),
            value=points(t, float(stored.figure.value or 0), stored.figure.precision),
        )
    else:
        found = tally.share_below(req, scope)
        counts = found.shown if found is not None and found.counts else None
        below = tally.count(req, scope, tally.BELOW)
        total = stored.figure.denominator
        if counts is None and below is not None and total:
            counts = f"{below.value} / {total} = {t.pct(Decimal(str(stored.figure.value)), 1)}"
        line = t._(
            "the share of {scope} below the cutoff, {value}",
            scope=scope_name(t, scope),
            value=t.pct(Decimal(str(stored.figure.value)), stored.figure.precision),
        )
        if counts:
            line = f"{line} ({counts})"
    line = as_reported(req, line, stored)
    return line


def _own_value(req: Request, scope: Scope, metric: str) -> str:
    """The asked scope's own value of the measure, when known ("2023 round 3: 0 / 6 = 0%")."""
    t = req.t
    if metric == "average_score":
        stored = req.q.figure("average_score", scope)
        if stored is None or stored.figure.value is None:
            return ""
        return t._(
            "{scope} itself: {value}.",
            scope=scope_name(t, scope),
            value=points(t, float(stored.figure.value), stored.figure.precision),
        )
    found = tally.share_below(req, scope)
    if found is None:
        return ""
    return t._("{scope} itself: {value}.", scope=scope_name(t, scope), value=found.shown)
