"""When no step has decided: the ranking's best intent, or asking back.

A single word many intents use ("점수"), two intents too close to call with no cue word,
or nothing close at all: ask which was meant (or say what the bot can answer) rather than
guess — unless the question's metric or a named service settles it.
"""

from __future__ import annotations

import re

from bot.understand import Understander, Understanding
from bot.understand.decide.content import said_of_named
from bot.understand.decide.decision import Decision
from bot.understand.decide.groups import VAGUE_SPREAD
from bot.understand.entities import Entities
from bot.understand.search import GUESS_COVERAGE

#: "who …?", "…한 데 어디야?": a question asking which service did something.
_WHO = re.compile(r"(?<![a-z])who(?![a-z])|누가|어디")


def not_matched(ur: Understander, u: Understanding, previous: Entities | None) -> Decision:
    """No intent is close enough.  A named service with (almost) nothing unknown
    around it is asked about in general — one odd Korean word is likely an ending
    ("뭐임"); a bare score is asked back; anything else is not understood."""
    e = u.entities
    asks_who = ur.parts.service_shape.search(u.text.lower()) or _WHO.search(u.text.lower())
    lookup = ur.lookup
    found = bool(e.services and lookup is not None and asks_who)
    if found and lookup is not None and lookup.search(u.text, coverage=GUESS_COVERAGE):
        # "who needs a plan for the aging incinerator?": the finding names the service
        return Decision("topic_search", e)
    if asks_who and lookup is not None and said_of_named(ur, u):
        # "점심시간에 직장 다니는 엄마들 찾아가 상담해 줬다는 곳이 어디였지": a service
        # asked for by a description that names its kind and says one of its findings
        return Decision("topic_search", e)
    if asks_who and len(e.services) == 1 and not (e.threshold or e.band or e.topic):
        # "직장 다니는 엄마들 돕는 곳 어디야?": the service its kind names, asked for —
        # that service, with what its evaluation says
        return Decision("findings", e)
    if e.services and u.unknown[0] == 0 and u.unknown[1] <= 1:
        return Decision("service_score" if e.threshold else "findings", e)
    if e.services and e.kind and not (e.threshold or e.band):
        # "What else was the first one told to do?": a service and a finding kind
        return Decision("findings", e)
    if u.wordless and e.score is not None and previous is None:
        offered = tuple(
            r.intent for r in u.ranked if ur.specs[r.intent].features.get("score", 0) > 0
        )
        if offered:
            return Decision(offered[0], e, offered[:3])
    return Decision("fallback", e)


def vague(ur: Understander, u: Understanding, e: Entities) -> bool:
    """One word that many intents use ("score", "점수"), for an intent that needs a
    service and has none: which of them was meant is anyone's guess."""
    words = u.prepared.split()
    intent = u.ranked[0].intent
    return (
        len(words) == 1
        and ur.matcher.spread.get(words[0], 0) >= VAGUE_SPREAD
        and "services" in ur.specs[intent].slots
        and not e.services
        and not e.service_candidates
    )


def top(u: Understanding, n: int) -> tuple[str, ...]:
    """The ``n`` best-ranked intents with any likeness: the candidates to ask back with."""
    return tuple(r.intent for r in u.ranked[:n] if r.score > 0)


def close_call(ur: Understander, u: Understanding) -> tuple[str, str] | None:
    """The two best intents when they are too close to call and no cue word tells."""
    first, second = u.ranked[0], u.ranked[1]
    m = ur.matching
    if (
        second.score >= m.cutoff
        and first.score - second.score < m.margin
        and first.cues == second.cues == 0
        and not metric_decides(ur, u, first.intent, second.intent)
    ):
        return first.intent, second.intent
    return None


def metric_decides(ur: Understander, u: Understanding, first: str, second: str) -> bool:
    """ "2023 1차 평가 몇개 했었어?": the question's metric (a count) is one only the
    first intent deals in — the second ("when was it done?") cannot be meant."""
    metrics = [f"metric:{m}" for m in u.entities.metrics]

    def deals(intent: str) -> bool:
        return any(ur.specs[intent].features.get(m, 0.0) > 0 for m in metrics)

    return deals(first) and not deals(second)
