"""Asking back which service is meant, when a question needs one and names none (or several)."""

from __future__ import annotations

from bot.answers.base import Draft, Reply, Request, ask, service_name


def which_service(req: Request, intent: str) -> Reply:
    """ "Which service do you mean?" with the candidates (or every service) as buttons."""
    ids = req.entities.service_candidates or tuple(s.id for s in req.q.services())
    services = [s for s in (req.q.service(i) for i in ids) if s is not None]
    draft = Draft(req)
    if req.entities.service_candidates:
        names = req.t.join([service_name(req.t, s) for s in services])
        draft.add(req.t._("Which service do you mean: {names}?", names=names))
    else:
        draft.add(req.t._("Which service do you mean? The knowledge base holds these:"))
        for s in services:
            draft.add(req.t._("- {line}", line=service_name(req.t, s)))
    offers = tuple(
        x for x in (ask(req, intent, s, by_name=True) for s in services[:6]) if x is not None
    )
    return draft.reply(answered=False, suggestions=offers)
