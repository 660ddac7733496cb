"""From an understood question (and the previous turn) to the intent to answer.

The ranking says which intent the wording is most like; this module adds what the
ranking cannot know: the conversation so far ("그럼 2022년은?", "how many?"), questions
that are only entities ("75점", "Mapo incinerator"), words nobody could answer
("핀테크랩 담당 직원 연락처"), and when to ask back instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.understand import Understander, Understanding
from bot.understand.entities import Entities
from bot.understand.intents import Matching
from bot.understand.normalise import fold
from bot.understand.unpublished import unpublished

#: Handled intents that no example selects: the engine chooses them itself.
INTERNAL_INTENTS = ("fallback", "unknown_service", "other_place", "not_published")
#: Intents answered "not in the knowledge base" when the question names an unknown place.
PLACE_INTENTS = frozenset(
    {
        "round_summary",
        "services_list",
        "findings",
        "service_score",
        "rank",
        "highest",
        "lowest",
        "average",
        "count_evaluated",
        "below_cutoff",
        "topic_search",
    }
)
ALL_SLOTS = frozenset({"scope", "services", "kind", "threshold", "compare", "topic", "metrics"})
#: A word used by this many intents' examples says nothing about which one is meant.
VAGUE_SPREAD = 3


@dataclass(frozen=True)
class Decision:
    intent: str
    entities: Entities
    #: When set, ask which of these intents was meant instead of answering.
    ask_back: tuple[str, ...] = ()


class Decider:
    def __init__(self, understander: Understander) -> None:
        self.u = understander
        self.specs = understander.specs

    @property
    def matching(self) -> Matching:
        return self.u.matching  # read each time: the scorer benchmark swaps it

    def decide(
        self, u: Understanding, previous: Entities | None, prev_intent: str | None
    ) -> Decision:
        """The intent to answer and the entities to answer it with (follow-ups merged)."""
        e, best, m = u.entities, u.ranked[0], self.matching
        if prev_intent not in self.specs:
            prev_intent = None
        if u.foreign:
            return Decision("fallback", e)
        if e.other_place and not e.services:
            return Decision("other_place", e)
        asked = self._unpublished(u, previous)
        if asked is not None:
            return asked
        if u.elliptical or (best.score < m.cutoff and previous and e.has_scope):
            if prev_intent and previous is not None:
                return Decision(prev_intent, e.merged_with(previous, ALL_SLOTS))
            if e.services or e.service_candidates:
                return Decision("findings", e)
            if e.has_scope:
                return Decision("round_summary", e)
        if previous is not None and prev_intent and self.bare_metric(u):
            intent = self._metric_intent(u, prev_intent)
            return Decision(intent, e.merged_with(previous, self.specs[intent].slots))
        if e.unknown_name and (best.score < m.cutoff or best.intent in PLACE_INTENTS):
            return Decision("unknown_service", e)
        if previous is not None and best.cues and best.score >= m.cutoff - m.cue_bonus:
            # a short follow-up with a telling word ("and when?"): same subject, new intent
            return Decision(best.intent, e.merged_with(previous, self.specs[best.intent].slots))
        if best.score < m.cutoff:
            return self._not_matched(u, previous)
        intent = best.intent
        if intent == "round_summary" and e.services and not e.service_candidates:
            # "tell me about the fintech lab evaluation": the service's results, not the round's
            intent = "findings"
        if previous is not None and "services" in self.specs[intent].slots:
            e = e.merged_with(previous, frozenset({"services"}))
        if self._vague(u, e):
            return Decision(intent, e, self._top(u, 3))
        close = self._close_call(u)
        return Decision(intent, e, close or ())

    def _unpublished(self, u: Understanding, previous: Entities | None) -> Decision | None:
        """A fact the published results do not hold ("수탁기관 어디야?"): answered as such,
        whatever intent its wording resembles.  A follow-up ("그럼 예산은?") keeps the
        service of the previous turn."""
        e = u.entities
        if e.unknown_name and not e.services:
            return None
        if previous is not None and not (e.services or e.service_candidates):
            e = e.merged_with(previous, frozenset({"services"}))
        if unpublished(u.text, e) is None:
            return None
        return Decision("not_published", e)

    def _not_matched(self, u: Understanding, previous: Entities | None) -> Decision:
        """No intent is close enough.  A named service with (almost) nothing unknown
        around it is asked about in general — one odd Korean word is likely an ending
        ("뭐임"); a bare score is asked back; anything else is not understood."""
        e = u.entities
        if e.services and u.unknown[0] == 0 and u.unknown[1] <= 1:
            return Decision("service_score" if e.threshold else "findings", e)
        if u.wordless and e.score is not None and previous is None:
            offered = tuple(
                r.intent for r in u.ranked if self.specs[r.intent].features.get("score", 0) > 0
            )
            if offered:
                return Decision(offered[0], e, offered[:3])
        return Decision("fallback", e)

    def bare_metric(self, u: Understanding) -> bool:
        """ "how many?", "비율은?", "평균은?": a metric and nothing else to go by."""
        e = u.entities
        if not e.metrics or e.services or e.topic or e.threshold:
            return False
        rest = u.text.lower()
        for name in e.metrics:
            rest = self.u.vocab.metrics[name].sub(" ", rest)
        fillers, function = self.u.fillers, self.u.vocab.function_words
        for word in fold(re.sub(r"\d+", " ", rest)).split():
            stem = self.u.vocab.strip_particle(word)
            if len(stem) > 1 and not {word, stem} & fillers and word not in function:
                return False
        return True

    def _metric_intent(self, u: Understanding, prev_intent: str) -> str:
        """The previous intent when it deals in the metric, else the intent that does most."""
        metrics = [f"metric:{m}" for m in u.entities.metrics]

        def weight(intent: str) -> float:
            return sum(self.specs[intent].features.get(m, 0.0) for m in metrics)

        if weight(prev_intent) > 0:
            return prev_intent
        order = {r.intent: i for i, r in enumerate(u.ranked)}
        return max(self.specs, key=lambda i: (weight(i), -order.get(i, 99)))

    def _vague(self, u: Understanding, e: Entities) -> bool:
        """One word that many intents use ("score", "점수"), for an intent that needs a
        service and has none: which of them was meant is anyone's guess."""
        words = u.prepared.split()
        intent = u.ranked[0].intent
        return (
            len(words) == 1
            and self.u.matcher.spread.get(words[0], 0) >= VAGUE_SPREAD
            and "services" in self.specs[intent].slots
            and not e.services
            and not e.service_candidates
        )

    def _top(self, u: Understanding, n: int) -> tuple[str, ...]:
        return tuple(r.intent for r in u.ranked[:n] if r.score > 0)

    def _close_call(self, u: Understanding) -> tuple[str, str] | None:
        """The two best intents when they are too close to call and no cue word tells."""
        first, second = u.ranked[0], u.ranked[1]
        m = self.matching
        if (
            second.score >= m.cutoff
            and first.score - second.score < m.margin
            and first.cues == second.cues == 0
        ):
            return first.intent, second.intent
        return None
