"""Questions about the rounds themselves and the facts of a round.

"How many rounds are loaded?", "어떤 회차 자료가 있어?", "2024년 자료 있어?", "Was round 3
done in the fall?", "Was round 3 evaluated by KMAC?": the rounds, their period and their
evaluator — not the services they evaluated.
"""

from __future__ import annotations

import re

from bot.understand import Understander, Understanding
from bot.understand.decide.words import A_ROUND, EVALUATION, SERVICES_WORD

#: The rounds themselves (a count of them, not of their services).
_ROUNDS = re.compile(r"\brounds\b|차수|회차|라운드|몇\s*차(?!이)")
#: A question word asking which ones ("which rounds", "어떤 회차", "무슨 차수").
_WHICH = re.compile(r"\bwhich\b|\bwhat\b|어떤|무슨|어느|뭐뭐|어디어디")
#: The verbs of doing the evaluation, after the name of who did it.
_AGENT_VERB = r"\s+(?:evaluat|assess|conduct|grade|rate|carr(?:y|ied) out|run|ran\b)"


def rounds_counted(u: Understanding) -> bool:
    """The rounds themselves, not their services: "how many rounds", "차수 몇 개",
    "불러온 회차 목록"."""
    e, lower = u.entities, u.text.lower()
    return (
        ("count" in e.metrics or e.every_round)
        and not e.metrics & {"average", "highest", "lowest", "share", "rank"}
        and e.threshold is None
        and e.band is None
        and not e.has_scope
        and not e.services
        and bool(_ROUNDS.search(lower))
        and not SERVICES_WORD.search(lower)
    )


def rounds_listed(ur: Understander, u: Understanding) -> bool:
    """The loaded rounds asked for as such ("which rounds do you have?", "어떤 회차 자료가
    있어?"): the rounds word with a question word, nothing scoped or counted."""
    e, lower = u.entities, u.text.lower()
    if e.has_scope or e.services or e.metrics or e.threshold or e.band or e.topic:
        return False
    if not _ROUNDS.search(lower) or SERVICES_WORD.search(lower) or "대상" in lower:
        return False  # "이번 차수 평가 대상 어디어디야?": the round's services
    if ur.parts.latest.search(lower) or ur.vocab.this_scope.search(lower):
        return False
    return bool(_WHICH.search(lower))


def rounds_ranked_by(u: Understanding) -> bool:
    """The rounds are what is ranked: a round word, and no round, year or service named."""
    e = u.entities
    if e.services or e.service_candidates or e.has_scope or e.topic or e.latest:
        return False
    lower = u.text.lower()
    return bool(A_ROUND.search(lower)) and not SERVICES_WORD.search(lower)


def data_held(ur: Understander, u: Understanding) -> bool:
    """Whether the bot holds data for a scope, asked with nothing else ("2024년 자료
    있어?", "do you have the 2021 results?")."""
    e = u.entities
    if (
        not e.has_scope
        or e.services
        or e.metrics
        or e.threshold
        or e.band
        or e.kind not in (None, "both")
    ):
        return False
    return bool(ur.parts.checks["data_held"].search(u.text.lower()))


def when_checked(ur: Understander, u: Understanding) -> bool:
    """A month or season checked, of a round or year, with no service, score, count or
    share: when the evaluation took place."""
    e = u.entities
    if e.services or e.service_candidates or e.threshold or e.band or e.score is not None:
        return False
    if e.metrics - {"rank"} or e.topic or e.kind:
        return False  # "rank" is "place": "did it take place in June?"
    return bool(ur.parts.months(u.text.lower()))


def self_done(ur: Understander, u: Understanding) -> bool:
    """The city said to have evaluated by itself ("서울시 공무원들이 직접 평가한 건가요?",
    "Did City Hall assess the services by themselves?"): whoever the subject, a check on
    who evaluated — not on a count, a score or a finding of the services."""
    e, lower = u.entities, u.text.lower()
    if e.count is not None or e.score is not None or e.threshold or e.topic or e.kind:
        return False
    return bool(ur.parts.checks["self_done"].search(lower)) and bool(EVALUATION.search(lower))


def agent_named(ur: Understander, u: Understanding) -> bool:
    """An agent of the evaluation named in the question: "evaluated by X", "X가 평가했어",
    "평가는 X가 했어", or an unknown name right before "evaluate" ("Did X evaluate …")."""
    lower, checks = u.text.lower(), ur.parts.checks
    if checks["evaluated_by"].search(lower):
        return True
    if checks["agent_did"].search(lower) and EVALUATION.search(lower):
        return True
    name = u.entities.unknown_name
    if name is not None and re.search(re.escape(name.lower()) + _AGENT_VERB, lower):
        return True
    return ur.parts.named_agent(u.text)
