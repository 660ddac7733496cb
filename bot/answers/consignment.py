"""Private consignment in Seoul as a whole — how many services, the budget, how contracts
run — as reported outside the evaluation disclosures, each figure with its source."""

from __future__ import annotations

import re

from bot.answers import handles
from bot.answers.base import Draft, Reply, Request, suggestions
from bot.answers.known import report_lines
from knowledge.model import StoredFigure

#: a question whether a contract may go on without limit
_UNLIMITED = re.compile(r"무제한|무한정|영원히|unlimited|indefinitely|forever|without limit")

#: The figures that answer each aspect of the question.
ASPECT_METRICS = {
    "size": ("consigned_services_total",),
    "budget": ("consigned_budget_krw_100m",),
    "contracts": ("usual_contract_years", "max_same_contractor_years", "recontracts_allowed"),
}


def _order(stored: StoredFigure) -> tuple[int, int]:
    """Figures known only by a label ("as of 2023-01") first, then the newest year first."""
    scope = stored.figure.scope
    return (scope.year_start is not None, -(scope.year_start or 0))


@handles("consignment")
def consignment(req: Request) -> Reply:
    """The figures for the aspects asked about (all of them when none is named)."""
    aspects = req.entities.aspects or frozenset(ASPECT_METRICS)
    if len(aspects) > 1 and "count" not in req.entities.metrics:
        aspects -= {"size"}  # "민간위탁 사무 예산": the budget of the services, not their number
    metrics = {m for a in aspects for m in ASPECT_METRICS.get(a, ())}
    found = sorted(
        (f for f in req.q.figures() if f.figure.metric in metrics and f.figure.value is not None),
        key=_order,
    )
    draft = Draft(req)
    if not found:
        draft.add(
            req.t._("The knowledge base holds no figures about private consignment as a whole.")
        )
        return draft.reply(answered=False, suggestions=suggestions(req, "round_summary"))
    draft.add(req.t._("Private consignment in Seoul as a whole (figures from reports):"))
    report_lines(req, found, draft)
    if "size" in aspects:
        _size_over_time(req, draft)
    if "contracts" in aspects:
        _contract_verdict(req, found, draft)
    return draft.reply(suggestions=suggestions(req, "cutoff_rule", "round_summary"))


#: a number of years a contract would last ("15년", "for 15 years")
_YEARS_ASKED = re.compile(r"(\d{1,2})\s*(?:년|years?)(?!\s*(?:도|차))")
#: "how many times can it be re-contracted?", "재계약 몇 번까지 돼?"
_TIMES_ASKED = re.compile(r"how many times|몇 번|몇번|몇 회")


def _contract_verdict(req: Request, found: list[StoredFigure], draft: Draft) -> None:
    """ "Can one contractor keep it forever / for 15 years?": No (or Yes) by the reported
    limit first; "how many re-contracts?": the number in words."""
    lower = req.question.lower()
    limit = next((f for f in found if f.figure.metric == "max_same_contractor_years"), None)
    asked = _YEARS_ASKED.search(lower)
    verdict = None
    if limit is not None and _UNLIMITED.search(lower):
        verdict = req.t._("No.")  # "can one contractor keep it forever?": there is a limit
    elif limit is not None and limit.figure.value is not None and asked is not None:
        over = float(asked.group(1)) > limit.figure.value
        verdict = req.t._("No.") if over else req.t._("Yes.")
    if verdict is not None:
        draft.lines[0] = f"{verdict} {draft.lines[0]}"
    times = next((f for f in found if f.figure.metric == "recontracts_allowed"), None)
    if times is not None and times.figure.value is not None and _TIMES_ASKED.search(lower):
        n = int(times.figure.value)
        draft.add(
            req.t.n_("Re-contracting is allowed once.", "Re-contracting is allowed {n} times.", n)
        )


def _size_over_time(req: Request, draft: Draft) -> None:
    """The number of consigned services year by year in time order, the latest change
    computed ("421 − 377 = 44"), and 네/아니요 first when the question checks a direction."""
    from bot.understand.parts import shared_parts

    t = req.t
    by_year: dict[int, float] = {}
    for stored in req.q.figures("consigned_services_total"):
        s, value = stored.figure.scope, stored.figure.value
        if s.year_start is not None and s.year_start == s.year_end and value is not None:
            by_year.setdefault(s.year_start, value)
    years = sorted(by_year)
    if len(years) < 2:
        return
    before, after = years[-2], years[-1]
    a, b = int(by_year[before]), int(by_year[after])
    words = {
        "start": str(before),
        "end": str(after),
        "a": str(a),
        "b": str(b),
        "diff": str(abs(a - b)),
    }
    if b < a:
        draft.add(t._("Down: from {start} to {end} it fell by {diff} ({a} → {b}).", **words))
        draft.add(f"{a} − {b} = {a - b}")
    elif b > a:
        draft.add(t._("Up: from {start} to {end} it rose by {diff} ({a} → {b}).", **words))
        draft.add(f"{b} − {a} = {b - a}")
    series = [t._("{scope} {value}", scope=str(y), value=str(int(by_year[y]))) for y in years]
    draft.add(t._("In time order: {series}.", series=t.join(series)))
    p = shared_parts()
    lower = req.question.lower()
    if p.yes_no(req.question) and a != b:
        up, down = p.checks["up"].search(lower), p.checks["down"].search(lower)
        shrink = any(w in lower for w in ("shrink", "fewer", "줄어", "줄고", "감소"))
        grow = any(w in lower for w in ("grow", "more services", "늘어", "늘고", "증가"))
        falling, rising = bool(down) or shrink, bool(up) or grow
        if falling != rising:
            verdict = t._("Yes.") if (b < a) == falling else t._("No.")
            draft.lines[0] = f"{verdict} {draft.lines[0]}"
