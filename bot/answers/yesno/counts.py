"""How many services a round or a year evaluated, checked against a stated count — a wrong
one is often another scope's right one, and that is said."""

from __future__ import annotations

from bot.answers.base import Request, as_reported, round_name, scope_name, target
from bot.answers.yesno.common import Verdict
from knowledge.model import Scope


def evaluated_count(req: Request) -> Verdict | None:
    """ "3차에 6개 평가했지?": a stated number of services evaluated, against the round's
    (or, no round loaded, the year's reported) count."""
    e = req.entities
    if e.count is None or e.services:
        return None
    rnd = target(req, whole_year=False).round
    if rnd is None:
        return _year_count(req, e.count) if e.year is not None and e.round_no is None else None
    n = rnd.services_evaluated or len(req.q.evaluations(rnd.year, rnd.round_no)) or 0
    line = req.t._(
        "{round} evaluated {n} services.", round=round_name(req.t, rnd.year, rnd.round_no), n=n
    )
    if n == e.count:
        return Verdict("yes", (line,), (rnd.document_id,))
    elsewhere = _count_elsewhere(req, e.count, Scope.round(rnd.year, rnd.round_no))
    lines = (line, *(text for text, _ in elsewhere))
    return Verdict("no", lines, (rnd.document_id, *(doc for _, doc in elsewhere)))


def _year_count(req: Request, stated: int) -> Verdict | None:
    """ "So 2024 had 47 services evaluated, right?" of a year no page is loaded for: the
    year's evaluated count as a report gives it (labelled), and whose count the stated
    one is."""
    year = req.entities.year or 0
    own = Scope.year(year)
    for stored in req.q.figures(scope=own):
        f = stored.figure
        total = f.value if f.metric == "services_evaluated" else f.denominator
        if total is None:
            continue
        line = req.t._(
            "{round} evaluated {n} services.", round=scope_name(req.t, own), n=int(total)
        )
        line = as_reported(req, line, stored)
        if int(total) == stated:
            return Verdict("yes", (line,), (stored.document_id,))
        elsewhere = _count_elsewhere(req, stated, own)
        lines = (line, *(text for text, _ in elsewhere))
        return Verdict("no", lines, (stored.document_id, *(doc for _, doc in elsewhere)))
    return None


def _count_elsewhere(req: Request, stated: int, own: Scope) -> list[tuple[str, int | None]]:
    """ "So round 3 of 2023 evaluated 47 services, right?": a wrong count is often another
    scope's right one (the whole year's 47) — the premise corrected with the scope the
    stated number belongs to, a report labelled as one."""
    found: list[tuple[str, int | None]] = []
    seen: set[Scope] = set()
    for stored in req.q.figures():
        f = stored.figure
        total = f.value if f.metric == "services_evaluated" else f.denominator
        if total is None or total != stated or f.scope == own or f.scope in seen:
            continue
        seen.add(f.scope)
        line = req.t._(
            "{n} is the number of services evaluated in {scope}.",
            n=stated,
            scope=scope_name(req.t, f.scope),
        )
        line = as_reported(req, line, stored)
        found.append((line, stored.document_id))
    return found[:2]
