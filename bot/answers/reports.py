"""Figures reported outside the official disclosures (news, internal memos), always named as
reports with their publisher and date."""

from __future__ import annotations

from bot.answers import handles
from bot.answers.base import Draft, Reply, Request, suggestions, target
from bot.answers.known import report_lines, reports_about


@handles("reported_figures")
def reported_figures(req: Request) -> Reply:
    """Report figures about the named year or round, or every report when none is named."""
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
