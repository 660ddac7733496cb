"""Answers about the conversation itself: help, not understood, asking back, unknown names."""

from __future__ import annotations

from bot.answer import Suggestion
from bot.answers import handles
from bot.answers.base import Draft, Reply, Request, ask, service_name, suggestions
from bot.answers.known import loaded_rounds

#: Intents whose suggestion questions make good first examples.
EXAMPLE_INTENTS = ("average", "below_cutoff", "findings", "round_summary")


@handles("help")
def help_(req: Request) -> Reply:
    """What the bot can answer: one line per intent, with an example each."""
    draft = Draft(req)
    draft.add(
        req.t._(
            "I answer questions about Seoul's published evaluations of privately "
            "consigned services. Rounds loaded: {rounds}. You can ask about:",
            rounds=loaded_rounds(req),
        )
    )
    first = next(iter(req.q.services()), None)
    for name, spec in req.specs.items():
        if name == "help":
            continue
        example = ask(req, name, first)
        line = spec.help.get(req.lang, "")
        if example is not None:
            line = req.t._("{help} — e.g. “{example}”", help=line, example=example.question)
        draft.add(req.t._("- {line}", line=line))
    draft.cite(*(r.document_id for r in req.q.rounds()))
    return draft.reply(suggestions=suggestions(req, "round_summary", "below_cutoff", "average"))


def _examples(req: Request, intents: tuple[str, ...]) -> tuple[Suggestion, ...]:
    first = next(iter(req.q.services()), None)
    found = [ask(req, i, first) for i in intents]
    unique: dict[str, Suggestion] = {}
    for s in found:
        if s is not None:
            unique.setdefault(s.question, s)
    return tuple(unique.values())[:3]


@handles("fallback")
def fallback(req: Request) -> Reply:
    """Not understood: say so briefly and offer questions that do work."""
    draft = Draft(req)
    draft.add(
        req.t._(
            "Sorry, I can only answer questions about Seoul's evaluations of privately "
            "consigned services, and I did not understand this one. Try one of these:"
        )
    )
    return draft.reply(answered=False, suggestions=_examples(req, EXAMPLE_INTENTS))


@handles("unknown_service")
def unknown_service(req: Request) -> Reply:
    """A named place or service that is not in the knowledge base."""
    draft = Draft(req)
    draft.add(
        req.t._("“{name}” is not in the knowledge base.", name=req.entities.unknown_name or "")
    )
    draft.add(
        req.t._(
            "Services it holds: {names}.",
            names=req.t.join([service_name(req.t, s) for s in req.q.services()]),
        )
    )
    return draft.reply(
        answered=False, suggestions=_examples(req, ("services_list", "findings", "round_summary"))
    )


def clarify(req: Request, intents: tuple[str, ...]) -> Reply:
    """Two intents fit about equally well: ask which one was meant."""
    draft = Draft(req)
    draft.add(req.t._("Did you mean one of these?"))
    service = req.q.service(req.entities.service) if req.entities.service else None
    offers = tuple(
        s
        for s in (ask(req, i, service or next(iter(req.q.services()), None)) for i in intents)
        if s
    )
    return draft.reply(answered=False, suggestions=offers)
