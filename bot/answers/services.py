"""Asking back which service is meant, when a question needs one and names none (or several)."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.answer import Source
from bot.answers import handles
from bot.answers.base import (
    Draft,
    Reply,
    Request,
    ask,
    round_name,
    service_name,
    suggestions,
    target,
)
from bot.understand.parts import shared_parts
from bot.understand.vocab import shared_vocab
from knowledge.model import Service

#: Above this many services a bare "which one?" lists only the newest round's services:
#: a knowledge base of thirty rounds holds hundreds, and nobody reads such a list.
LIST_ALL_UP_TO = 12


def which_service(req: Request, intent: str) -> Reply:
    """ "Which service do you mean?" with the candidates (or the services to choose from)
    as buttons."""
    ids = req.entities.service_candidates or _choices(req)
    services = [s for s in (req.q.service(i) for i in ids) if s is not None]
    every = _each_candidate(req, intent, services)
    if every is not None:
        return every
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


def _each_candidate(req: Request, intent: str, services: list[Service]) -> Reply | None:
    """ "직장맘지원센터 평가받은 거 다 알려줘": a name that fits a few services, asked of all
    of them — each one's answer in turn, not "which do you mean?"."""
    from bot.answers import HANDLERS
    from bot.answers.tally import said

    if not req.entities.service_candidates:
        return None
    if not (said(req.question, "each_candidate") or plural_name(req, services)):
        return None
    if intent not in HANDLERS or not 1 < len(services) <= 3:
        return None
    e = req.entities
    if len(services) == 2 and (e.compare == "other" or e.how in ("gap", "versus")):
        # "직장맘지원센터들 점수 비교해줘": the two against each other, in one answer
        both = replace(e, services=tuple(s.id for s in services), service_candidates=())
        return HANDLERS[intent](replace(req, entities=both))
    text: list[str] = []
    sources: list[Source] = []
    for service in services:
        e = replace(req.entities, services=(service.id,), service_candidates=())
        reply = HANDLERS[intent](replace(req, entities=e))
        if not reply.answered:
            return None
        text.append(reply.text)
        sources.extend(reply.sources)
    return Reply("\n".join(text), True, tuple(dict.fromkeys(sources)))


#: The Korean plural ending glued to a noun ("센터들", "직장맘지원센터들은").
_PLURAL_KO = "들"
#: English plural endings of a name's head word ("centers", "facilities").
_PLURAL_EN = re.compile(r"^[a-z]{3,}s$")


def plural_name(req: Request, services: list[Service]) -> bool:
    """The name that fits several services is itself said in the plural ("직장맘지원센터들",
    "the working moms centers"): all of them are asked about, as with "다 알려줘" — a
    plural cannot mean one of them.  The word with its plural ending off must still name
    every one of ``services`` (a plural elsewhere, "사무들 중에", says nothing of them)."""
    from bot.understand.search import current_index

    names = current_index(req.q).names
    if names is None or len(services) < 2:
        return False
    wanted = {s.id for s in services}
    vocab = shared_vocab()
    words = req.question.lower().split()
    for i, word in enumerate(words):
        plain = word.strip("?!.,'\"()")
        bare = vocab.strip_particle(plain)
        if bare.endswith(_PLURAL_KO) and len(bare) > 3:
            before, singulars = words[max(0, i - 2) : i], [bare.removesuffix(_PLURAL_KO)]
        elif _PLURAL_EN.match(plain) and i > 0:
            before = words[max(0, i - 4) : i]
            singulars = [plain[:-1], plain[:-2], plain[:-3] + "y"]
        else:
            continue
        for single in singulars:
            matched = names.match(" ".join([*before, single]))
            if wanted <= {*matched.named, *matched.candidates}:
                return True
    return False


def _choices(req: Request) -> tuple[int, ...]:
    """Every service when there are few; else the services of the newest round."""
    everything = req.q.services()
    newest = req.newest
    if len(everything) <= LIST_ALL_UP_TO or newest is None:
        return tuple(s.id for s in everything)
    evaluated = req.q.evaluations(newest.year, newest.round_no)
    return tuple(dict.fromkeys(e.service.id for e in evaluated))


@handles("named_services")
def named_services(req: Request) -> Reply:
    """ "Only the names of services with 'center' in round 3": the services of the round
    (the newest when none is named; every round of a year named alone) whose names hold
    the word, in published order — their names only."""
    word = shared_parts().name_word(req.question)
    t, draft = req.t, Draft(req)
    rounds = _rounds_asked(req)
    if word is None or not rounds:
        draft.add(t._("The knowledge base holds no evaluation round yet."))
        return draft.reply(answered=False)
    for rnd in rounds:
        evaluations = req.q.evaluations(rnd.year, rnd.round_no)
        services = list({e.service.id: e.service for e in evaluations}.values())
        named = [s for s in services if _holds(s, word)]
        where = round_name(t, rnd.year, rnd.round_no)
        if not named:
            draft.add(
                t._("No service of {round} has “{word}” in its name.", round=where, word=word),
                rnd.document_id,
            )
            continue
        draft.add(
            t._(
                "Services of {round} with “{word}” in their names ({n} of {total}):",
                round=where,
                word=word,
                n=len(named),
                total=len(services),
            ),
            rnd.document_id,
        )
        for i, service in enumerate(named, start=1):
            draft.add(t._("{number}. {name}", number=i, name=service_name(t, service)))
    return draft.reply(suggestions=suggestions(req, "services_list", "findings"))


@handles("same_service")
def same_service(req: Request) -> Reply:
    """ "서남권직장맘지원센터랑 동북권직장맘지원센터는 같은 데야?": two names are one service
    only when the knowledge base holds them as one (a renaming); otherwise they are two
    services, each with the rounds that evaluated it."""
    t, draft = req.t, Draft(req)
    services = [s for s in (req.q.service(i) for i in req.entities.services) if s is not None]
    if len(services) < 2:
        service = services[0] if services else None
        if service is None:
            draft.add(t._("The knowledge base holds no such service."))
            return draft.reply(answered=False)
        draft.add(
            t._(
                "Yes — both names are {service} (the knowledge base holds them as one service).",
                service=service_name(t, service),
            )
        )
        services = [service]
    else:
        draft.add(
            t._(
                "No — {first} and {second} are different services, evaluated separately.",
                first=service_name(t, services[0]),
                second=service_name(t, services[1]),
            )
        )
    for service in services:
        _evaluated_in(req, service, draft)
    return draft.reply(suggestions=suggestions(req, "findings", "service_score"))


@handles("which_is")
def which_is(req: Request) -> Reply:
    """ "Which of those six is the waste-incineration plant?": the service the words name,
    with the rounds that evaluated it (the list it was picked from is one of them)."""
    t, draft = req.t, Draft(req)
    service = req.q.service(req.entities.services[0]) if req.entities.services else None
    if service is None:
        draft.add(t._("The knowledge base holds no such service."))
        return draft.reply(answered=False)
    draft.add(t._("That is {service}.", service=service_name(t, service)))
    _evaluated_in(req, service, draft)
    return draft.reply(suggestions=suggestions(req, "findings", "service_score"))


def _evaluated_in(req: Request, service: Service, draft: Draft) -> None:
    """The rounds that evaluated ``service``, cited (nothing when none did): one line shared
    by ``same_service`` and ``which_is``, so both name a service's rounds alike."""
    t = req.t
    history = req.q.evaluations_of_service(service.id)
    if history:
        draft.add(
            t._(
                "{service}: evaluated in {rounds}.",
                service=service_name(t, service),
                rounds=t.join([round_name(t, v.year, v.round_no) for v in history]),
            ),
            *(v.document_id for v in history),
        )


def _rounds_asked(req: Request) -> list:
    """The round asked about (the newest by default), or every loaded round of a year."""
    e = req.entities
    if e.year is not None and e.round_no is None:
        return list(req.q.rounds_of_year(e.year))
    where = target(req, whole_year=False)
    return [where.round] if where.round is not None else []


def _holds(service: Service, word: str) -> bool:
    """Whether one of the service's names holds ``word`` (spacing and case aside)."""
    folded = word.lower().replace(" ", "")
    names = (service.name_ko, service.short_ko, service.name_en, *service.aliases)
    return any(folded in name.lower().replace(" ", "") for name in names if name)
