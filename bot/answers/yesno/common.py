"""What every yes/no check shares: the ``Verdict`` a check returns and how it becomes the
reply (네/아니요 first, then the evidence), and the small readings of a question that checks
of every kind make — its check words, the service it names, the round a verdict rests on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.answers import HANDLERS
from bot.answers.base import Draft, Reply, Request, Target, target
from bot.understand.parts import Parts, shared_parts
from knowledge.model import DEFAULT_CUTOFF, Service, StoredRound


def parts() -> Parts:
    """parts.yaml (check words, yes/no forms), compiled once per process."""
    return shared_parts()


@dataclass(frozen=True)
class Verdict:
    """What a check decided: the answer, the lines that show why and the documents they
    rest on ("stated": the side a finding states is itself the answer)."""

    answer: str  # yes | no | unknown
    lines: tuple[str, ...]
    documents: tuple[int | None, ...] = ()
    #: give the what-intent's own answer after the verdict, as evidence
    evidence: bool = False
    #: whether the reply counts as an answer, when an "unknown" still answers what the
    #: question can mean (its standing, when the outcome itself is not published)
    answered: bool | None = None


#: A check: its verdict when it applies to the question, else None (the next one is tried).
Check = Callable[[Request], "Verdict | None"]


#: Intents whose answer is a list or a text: only a check about a named service applies.
LISTS = frozenset(
    {"topic_search", "findings", "services_list", "rank", "highest", "lowest", "round_summary"}
)


def has(req: Request, check: str) -> bool:
    """Whether the question uses the words of parts.yaml's check ``check``."""
    return bool(parts().checks[check].search(req.question.lower()))


def named_service(req: Request) -> Service | None:
    """The first service the question names, if the knowledge base holds it."""
    services = req.entities.services
    return req.q.service(services[0]) if services else None


def checked_round(req: Request) -> tuple[Target, StoredRound | None]:
    """The round a verdict about a round rests on: the one the question names, else the
    newest.  A named year or round that is not loaded has none — a yes/no about 2027 is
    never answered from 2026's page (the what-intent's handler then says it is not held)."""
    where = target(req, whole_year=False)
    if where.named and where.round is None:
        return where, None
    return where, where.round or req.newest


def in_english(req: Request, text: str) -> str:
    """A published Korean text as it is, or its English translation in an English answer."""
    return (req.q.english(text) or text) if req.lang == "en" else text


def scope_not_loaded(req: Request) -> bool:
    """The question names a year or a round that no loaded page is about."""
    where = target(req, whole_year=False)
    return where.named and where.round is None and where.year is not None


def newest_cutoff(req: Request) -> float:
    """The newest loaded round's cutoff (the default one while no round is loaded): the line
    a check measures against when the question states no other."""
    return req.newest.cutoff if req.newest else DEFAULT_CUTOFF


def verdict_reply(req: Request, verdict: Verdict, what: str) -> Reply:
    """The verdict as the reply: 네/아니요 (or "cannot be known") with its first line, its
    other lines, then, when it asks for evidence, the what-intent's own answer (lines it
    already gave left out)."""
    t, draft = req.t, Draft(req)
    opening = {
        "yes": t._("Yes."),
        "no": t._("No."),
        "unknown": t._("That cannot be known from the published results."),
        "stated": "",  # "new or existing?": the side the finding states is the answer
    }
    first = verdict.lines[0] if verdict.lines else ""
    draft.add(f"{opening[verdict.answer]} {first}".strip(), *verdict.documents)
    for line in verdict.lines[1:]:
        draft.add(line)
    answered = verdict.answer != "unknown" if verdict.answered is None else verdict.answered
    reply = draft.reply(answered=answered)
    if not verdict.evidence or what not in HANDLERS or what == "fallback":
        return reply  # no what-intent: the verdict's own lines are the evidence
    known = HANDLERS[what](req)
    text = "\n".join(
        [reply.text, *(line for line in known.text.splitlines() if line not in reply.text)]
    )
    sources = tuple(dict.fromkeys((*reply.sources, *known.sources)))
    return Reply(text, reply.answered, sources, known.suggestions, known.chart)
