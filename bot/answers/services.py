"""Asking back which service is meant, when a question needs one and names none (or several)."""

from __future__ import annotations

from bot.answers.base import Draft, Reply, Request, ask, service_name

#: Above this many services a bare "which one?" lists only the newest round's services:
#: a knowledge base of thirty rounds holds hundreds, and nobody reads such a list.
LIST_ALL_UP_TO = 12


def which_service(req: Request, intent: str) -> Reply:
    """ "Which service do you mean?" with the candidates (or the services to choose from)
    as buttons."""
    ids = req.entities.service_candidates or _choices(req)
    services = [s for s in (req.q.service(i) for i in ids) if s is not None]
    draft = Draft(req)
    if req.entities.service_candidates:
        names = req.t.join([service_name(req.t, s) for s in services])
        draft.add(req.t._("Which service do you mean: {names}?", names=names))
    elif len(req.q.services()) > len(services) and (newest := req.newest) is not None:
        draft.add(
            req.t._(
                "Which service do you mean? The knowledge base holds {n} services; these "
                "were evaluated in {round}:",
                n=len(req.q.services()),
                round=req.t._("{year} round {round}", year=newest.year, round=newest.round_no),
            )
        )
        for s in services:
            draft.add(req.t._("- {line}", line=service_name(req.t, s)))
    else:
        draft.add(req.t._("Which service do you mean? The knowledge base holds these:"))
        for s in services:
            draft.add(req.t._("- {line}", line=service_name(req.t, s)))
    offers = tuple(
        x for x in (ask(req, intent, s, by_name=True) for s in services[:6]) if x is not None
    )
    return draft.reply(answered=False, suggestions=offers)


def _choices(req: Request) -> tuple[int, ...]:
    """Every service when there are few; else the services of the newest round."""
    everything = req.q.services()
    newest = req.newest
    if len(everything) <= LIST_ALL_UP_TO or newest is None:
        return tuple(s.id for s in everything)
    evaluated = req.q.evaluations(newest.year, newest.round_no)
    return tuple(dict.fromkeys(e.service.id for e in evaluated))
