"""Answers about the conversation itself: help, not understood, asking back, unknown names."""

from __future__ import annotations

from bot.answer import Suggestion
from bot.answers import handles
from bot.answers.base import (
    Draft,
    Reply,
    Request,
    ask,
    english_or_korean,
    round_name,
    service_name,
    suggestions,
)
from bot.answers.known import loaded_rounds

#: Up to this many services, a name not held is answered with all of them.
_LISTED = 12

#: Intents whose suggestion questions make good first examples.
EXAMPLE_INTENTS = ("average", "below_cutoff", "findings", "round_summary")


@handles("help")
def help_(req: Request) -> Reply:
    """What the bot can answer: one line per intent, with an example each."""
    draft = Draft(req)
    _contents(req, draft)
    draft.add(
        req.t._(
            "I answer questions about Seoul's published evaluations of privately "
            "consigned services. Rounds loaded: {rounds}. You can ask about:",
            rounds=loaded_rounds(req),
        )
    )
    first = next(iter(req.q.services()), None)
    for name, spec in req.specs.items():
        if name == "help" or not spec.listed:
            continue
        example = ask(req, name, first)
        line = spec.help.get(req.lang, "")
        if example is not None:
            line = req.t._("{help} — e.g. “{example}”", help=line, example=example.question)
        draft.add(req.t._("- {line}", line=line))
    draft.cite(*(r.document_id for r in req.q.rounds()))
    return draft.reply(suggestions=suggestions(req, "round_summary", "below_cutoff", "average"))


def _contents(req: Request, draft: Draft) -> None:
    """What the official disclosure behind the answers holds — the round the question names,
    else the newest — listed from what was read out of it: "3차 결과 공개 자료에는 어떤 내용이
    담겨 있어?", "What document is your round-3 info based on?"."""
    e = req.entities
    rounds = [
        r
        for r in req.q.rounds()
        if req.q.document(r.document_id).kind == "disclosure"
        and (e.year is None or r.year == e.year)
        and (e.round_no is None or r.round_no == e.round_no)
    ]
    if not rounds:
        return
    rnd, t = rounds[-1], req.t
    present = (
        (rnd.legal_basis, t._("the legal basis")),
        (rnd.period_start, t._("the evaluation period")),
        (rnd.evaluator, t._("the evaluating body")),
        (rnd.scoring_areas, t._("the scoring areas")),
        (rnd.average_score is not None, t._("the average score")),
        (rnd.services_evaluated, t._("the number of services evaluated")),
        (
            rnd.below_cutoff_count is not None or rnd.below_cutoff_names,
            t._("the services below {cutoff} points", cutoff=t.num(rnd.cutoff, 0)),
        ),
        (rnd.usage, t._("how the results are used")),
    )
    parts = [label for held, label in present if held]
    with_findings = {f.service.id for f in req.q.findings(year=rnd.year, round_no=rnd.round_no)}
    if with_findings:
        parts.append(
            t._(
                "each service's main achievements and improvement tasks ({count} services)",
                count=len(with_findings),
            )
        )
    title = req.q.document(rnd.document_id).title
    draft.add(
        t._(
            "The official disclosure “{title}” ({round}) holds: {parts}.",
            title=english_or_korean(req, title) or title,
            round=round_name(t, rnd.year, rnd.round_no),
            parts=t.join(parts),
        ),
        rnd.document_id,
    )


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
    """Not understood: say so briefly and offer questions that do work — about the service
    the question named, when it named one."""
    draft = Draft(req)
    service = req.q.service(req.entities.service) if req.entities.service else None
    if service is not None:
        draft.add(
            req.t._(
                "Sorry, I did not understand this question about {service}. "
                "About it I can answer these:",
                service=service_name(req.t, service),
            )
        )
        offers = (ask(req, i, service) for i in ("findings", "service_score"))
        return draft.reply(answered=False, suggestions=tuple(o for o in offers if o))
    draft.add(
        req.t._(
            "Sorry, I can only answer questions about Seoul's evaluations of privately "
            "consigned services, and I did not understand this one. Try one of these:"
        )
    )
    return draft.reply(answered=False, suggestions=_examples(req, EXAMPLE_INTENTS))


@handles("greeting")
def greeting(req: Request) -> Reply:
    """A hello: one line of who the bot is, and questions to start with."""
    draft = Draft(req)
    draft.add(
        req.t._(
            "Hello! I answer questions about Seoul's evaluations of privately consigned "
            "services. For example:"
        )
    )
    return draft.reply(answered=False, suggestions=_examples(req, EXAMPLE_INTENTS))


@handles("thanks")
def thanks(req: Request) -> Reply:
    draft = Draft(req)
    draft.add(req.t._("You're welcome! Ask me anything else about the evaluations."))
    return draft.reply(answered=False, suggestions=_examples(req, EXAMPLE_INTENTS))


@handles("other_place")
def other_place(req: Request) -> Reply:
    """Another city or province: the knowledge base is Seoul's only."""
    draft = Draft(req)
    draft.add(
        req.t._(
            "The knowledge base holds Seoul's evaluations only; there is nothing about "
            "{place} in it.",
            place=req.entities.other_place or "",
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
    services = req.q.services()
    newest = req.q.latest_round()
    if len(services) <= _LISTED or newest is None:
        names = [service_name(req.t, s) for s in services]
        draft.add(req.t._("Services it holds: {names}.", names=req.t.join(names)))
    else:  # twenty rounds hold hundreds: the newest round's, and how to see the rest
        evaluated = req.q.evaluations(newest.year, newest.round_no)
        draft.add(
            req.t._(
                "It holds {n} services; those of {round}: {names}.",
                n=len(services),
                round=round_name(req.t, newest.year, newest.round_no),
                names=req.t.join([service_name(req.t, e.service) for e in evaluated]),
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
        for s in (
            _score_ask(req, i) or ask(req, i, service or next(iter(req.q.services()), None))
            for i in intents
        )
        if s
    )
    return draft.reply(answered=False, suggestions=offers)


def _score_ask(req: Request, intent: str) -> Suggestion | None:
    """The intent's question about the bare score the user typed, if it has one."""
    score = req.entities.score
    spec = req.specs.get(intent)
    template = spec.ask_score.get(req.lang) if spec else None
    if score is None or not template:
        return None
    question = template.format(score=req.t.num(score, 0 if score == int(score) else 1))
    return Suggestion(question, question)
