"""Figures reported outside the official disclosures (news, internal memos), always named as
reports with their publisher and date."""

from __future__ import annotations

from bot.answers import HANDLERS, handles
from bot.answers.base import Draft, Reply, Request, suggestions, target
from bot.answers.known import report_lines, reports_about


@handles("reported_figures")
def reported_figures(req: Request) -> Reply:
    """Report figures about the named year or round, or every report when none is named.
    "According to the news, what share made it past the cutoff?" names where the figures
    come from but asks an operation over them: the computing handler answers (it labels
    every report it uses), not the list of the report's figures."""
    computed = _operation(req)
    if computed is not None:
        return HANDLERS[computed](req)
    where = target(req, whole_year=True)
    if where.named:
        found = reports_about(req, where.scope)
    else:
        found = [f for f in req.q.figures() if not f.official]
    draft = Draft(req)
    if not found:
        draft.add(req.t._("The knowledge base holds no reported figures about that."))
        return draft.reply(answered=False, suggestions=suggestions(req, "reported_figures"))
    draft.add(req.t._("Figures from reports (not official disclosures):"))
    found.sort(
        key=lambda f: (f.figure.scope.year_start or 0, f.figure.scope.round_start or 0),
        reverse=True,
    )
    report_lines(req, found, draft)
    return draft.reply(suggestions=suggestions(req, "round_summary", "average"))


def _operation(req: Request) -> str | None:
    """The handler of an operation asked over reported figures: the complement ("made it
    past the cutoff"), a band or a threshold's count or share — None for the figures alone."""
    e = req.entities
    if e.how == "complement":
        return "complement"
    if e.band is not None or (e.threshold is not None and e.metrics & {"share", "count"}):
        return "below_cutoff"
    return None
