"""Terms the published results do not use: "3차 재평가 대상은 몇 군데예요?", "How many
services are up for re-evaluation?" ask, in a word the documents never say, what they do
say (the services the evaluation excludes from re-contracting).  The question is answered
as what the term stands for, and the answer then says which term the documents use —
the term confused is not repeated back as if it were theirs.

The terms are data: parts.yaml ``checks.unused_terms`` (each: ``words``, the intent
``asks``, the catalog ``note`` said after the answer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from bot.answers.base import Reply, Request
from bot.i18n import Translator
from bot.understand import Understander, Understanding
from bot.understand.decide import Decision
from bot.understand.vocab import phrase_pattern

#: decisions a confused term does not redirect: a service's own history ("재평가 받은 적
#: 있어?" — evaluated again) and the rule or procedure asked in general
KEPT_INTENTS = frozenset({"service_score", "findings", "unknown_service", "topic_search"})


@dataclass(frozen=True)
class Term:
    """One term the documents do not use: its words, the intent a question using it asks,
    and the note said after the answer (a catalog message, by key)."""

    key: str
    words: re.Pattern[str]
    asks: str
    note: str


def terms(ur: Understander) -> tuple[Term, ...]:
    """parts.yaml ``checks.unused_terms``, compiled once per parts data (none: no terms)."""
    data = ur.parts.data.get("checks", {}).get("unused_terms")
    if not isinstance(data, dict) or not data:
        return ()
    cached = _CACHE.get(id(data))
    if cached is not None and cached[0] is data:
        return cached[1]
    found = tuple(_term(key, spec) for key, spec in data.items() if isinstance(spec, dict))
    _CACHE[id(data)] = (data, found)
    return found


_CACHE: dict[int, tuple[Any, tuple[Term, ...]]] = {}


def _term(key: str, spec: dict[str, Any]) -> Term:
    """One entry of ``unused_terms``; a missing ``note`` names the catalog note by the key."""
    return Term(
        key=key,
        words=phrase_pattern([str(w) for w in spec.get("words") or ()]),
        asks=str(spec.get("asks") or ""),
        note=str(spec.get("note") or key),
    )


def term_used(ur: Understander, text: str) -> Term | None:
    """The first unused term the question says, if any."""
    lower = text.lower()
    return next((t for t in terms(ur) if t.words.search(lower)), None)


def as_said(ur: Understander, decision: Decision, u: Understanding) -> Decision:
    """The question answered as what its confused term stands for ("재평가 대상 몇 곳?":
    the services below the cutoff, counted) when it names no service and asks nothing
    of one service's history; a yes/no keeps being one ("재평가 받아야 하는 곳 있어?")."""
    term = term_used(ur, u.text)
    e = u.entities
    if term is None or term.asks not in ur.specs or decision.ask_back:
        return decision
    if e.services or e.service_candidates or e.unknown_name or "history" in e.metrics:
        return decision
    asked = decision.intent if decision.intent != "yes_no" else decision.entities.what
    if asked in KEPT_INTENTS or asked == term.asks:
        return decision
    kept = replace(decision.entities, what=None, topic=None)
    if decision.intent == "yes_no" or e.how == "yes_no":
        return Decision("yes_no", replace(kept, how="yes_no", what=term.asks))
    return Decision(term.asks, replace(kept, how=None))


def noted(ur: Understander, reply: Reply, request: Request, u: Understanding) -> Reply:
    """The answer, then which term the documents use for the one the question confused."""
    term = term_used(ur, u.text)
    if term is None or not reply.answered or request.entities.services:
        return reply
    line = note(request.t, term.note, ur.cutoff_or_default)
    if line is None or line in reply.text:
        return reply
    return replace(reply, text=f"{reply.text}\n{line}")


def note(t: Translator, key: str, cutoff: float) -> str | None:
    """The catalog note of ``key`` (None for a key no message is written for)."""
    if key == "recontract":
        return t._(
            "Note: the published results know no separate re-evaluation. The evaluation "
            "decides re-contracting (재계약): a service scoring under {cutoff} points is "
            "excluded from re-contracting with its operator.",
            cutoff=t.num(cutoff, 0),
        )
    return None
