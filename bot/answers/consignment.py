"""Private consignment in Seoul as a whole — how many services, the budget, how contracts
run — as reported outside the evaluation disclosures, each figure with its source."""

from __future__ import annotations

from bot.answers import handles
from bot.answers.base import Draft, Reply, Request, suggestions
from bot.answers.known import report_lines
from knowledge.model import StoredFigure

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
    if len(aspects) > 1:
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
    return draft.reply(suggestions=suggestions(req, "cutoff_rule", "round_summary"))
