"""Understanding a question: normalise, detect the language, extract entities, rank intents.

``Understander`` is built once per knowledge base (it precomputes the service-name and
example tables) and then turns any string into an ``Understanding`` in well under a
millisecond for a typical question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.understand.entities import Entities, EntityExtractor
from bot.understand.intents import (
    IntentMatcher,
    IntentSpec,
    Matching,
    Ranked,
    intent_specs,
    load_intents,
)
from bot.understand.language import detect_language
from bot.understand.normalise import fold, is_hangul, normalise
from bot.understand.services import ServiceIndex
from bot.understand.vocab import Vocab

__all__ = ["Entities", "IntentSpec", "Ranked", "Understander", "Understanding"]

#: Numbers with their unit words ("2023년", "3차", "75점", "'23"): entities, not wording.
_NUMBERISH = re.compile(r"['’]?\d+(?:\.\d+)?\s*(?:년도|년|차|회차|점|개|%|st|nd|rd|th)?")


def _foreign(text: str) -> bool:
    """More letters of other scripts than of Hangul and Latin together."""
    ours = other = 0
    for ch in text:
        if ch.isalpha():
            if is_hangul(ch) or ch.isascii():
                ours += 1
            else:
                other += 1
    return other > ours


@dataclass(frozen=True)
class Understanding:
    text: str  # normalised question
    lang: str | None  # from the question's own words; None when they give no sign
    entities: Entities
    ranked: tuple[Ranked, ...]
    #: Nothing left but entities and filler words ("그럼 2022년은?", "and round 2?").
    elliptical: bool
    #: Written mostly in a script the bot does not read (Chinese, Japanese, Cyrillic …).
    foreign: bool = False


class Understander:
    """Everything needed to understand questions about one knowledge base."""

    def __init__(
        self, services: Iterable[object], newest_year: int | None, common_text: str = ""
    ) -> None:
        data = load_intents()
        self.vocab = Vocab()
        self.services = ServiceIndex(services, self.vocab, common_text)
        self.extractor = EntityExtractor(self.services, self.vocab, newest_year)
        self.specs: dict[str, IntentSpec] = intent_specs(data)
        self.matching = Matching(**data.get("matching", {}))
        self.fillers = frozenset(str(w).lower() for w in data.get("followup_fillers", ()))
        self.matcher = IntentMatcher(self.specs, self.prepare, self.matching)
        self.known = self._known_words(data)

    def prepare(self, text: str) -> str:
        """The wording of a question without its entities: what intent examples compare."""
        words = fold(_NUMBERISH.sub(" ", text.lower())).split()
        names = self.services.name_words
        return " ".join(
            w for w in words if w not in names and self.vocab.strip_particle(w) not in names
        )

    def _known_words(self, data: dict) -> list[str]:
        """Latin words the bot knows: examples, cues, word lists, service names."""
        words = self.vocab.latin_words() | self.services.name_words
        for raw in data["intents"].values():
            for text in (*raw["examples"].get("en", ()), *(raw.get("cues") or ())):
                words.update(re.findall(r"[a-z]{3,}", str(text).lower()))
        return sorted(w for w in words if w.isascii())

    def out_of_vocabulary(self, text: str, entities: Entities) -> int:
        """Latin words that are neither known (allowing a typo) nor part of an entity."""
        skip = set(fold(f"{entities.topic or ''} {entities.unknown_name or ''}").split())
        count = 0
        for word in set(re.findall(r"[a-z]{3,}", text.lower())):
            if word in self.vocab.function_words or word in skip:
                continue
            if process.extractOne(word, self.known, scorer=fuzz.ratio, score_cutoff=80) is None:
                count += 1
        return count

    def understand(self, question: str) -> Understanding:
        text = normalise(question)
        entities = self.extractor.extract(text)
        prepared = self.prepare(text)
        oov = self.out_of_vocabulary(text, entities)
        ranked = tuple(self.matcher.rank(prepared, text.lower(), entities, oov))
        return Understanding(
            text=text,
            lang=detect_language(text, self.services.name_words),
            entities=entities,
            ranked=ranked,
            elliptical=self._elliptical(prepared, entities),
            foreign=_foreign(text),
        )

    def _elliptical(self, prepared: str, entities: Entities) -> bool:
        has_entity = bool(
            entities.has_scope
            or entities.services
            or entities.service_candidates
            or entities.threshold
            or entities.kind
            or entities.compare
        )
        words = prepared.split()
        return has_entity and all(
            w in self.fillers or self.vocab.strip_particle(w) in self.fillers for w in words
        )
