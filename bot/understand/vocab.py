"""The extractor's word lists (vocab.yaml), compiled once into regular expressions.

Latin phrases match on word boundaries ("top" is not in "stop"); Korean phrases match
anywhere, because particles are glued to the words they follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

VOCAB_PATH = Path(__file__).with_name("vocab.yaml")


def phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    """One alternation over ``phrases``, longest first, Latin ones on word boundaries."""
    parts = []
    for phrase in sorted({str(p).lower() for p in phrases}, key=len, reverse=True):
        body = re.escape(phrase).replace(r"\ ", r"\s*")
        if re.match(r"[a-z0-9]", phrase):
            body = r"(?<![a-z0-9])" + body
        if re.search(r"[a-z]$", phrase):
            body += r"(?:s|es)?(?![a-z0-9])"  # plurals: "strengths", "achievements"
        elif re.search(r"[0-9]$", phrase):
            body += r"(?![a-z0-9])"
        parts.append(body)
    return re.compile("|".join(parts) if parts else r"(?!x)x")


@cache
def load_vocab(path: Path = VOCAB_PATH) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _words(*nodes: Any) -> frozenset[str]:
    """Every word (folded on spaces) of the strings anywhere in ``nodes``."""
    found: set[str] = set()
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, str):
            found.update(node.lower().split())
    return frozenset(found)


class Vocab:
    """Compiled patterns for every word list in vocab.yaml."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        data = data or load_vocab()
        self.data = data
        self.particles = tuple(sorted(data["particles"], key=len, reverse=True))
        self._particle = re.compile(
            r"^(.{2,}?)(?:" + "|".join(re.escape(p) for p in self.particles) + r")$", re.S
        )
        self.relative_years = [
            (entry["offset"], phrase_pattern(entry["words"])) for entry in data["relative_years"]
        ]
        self.compare = {name: phrase_pattern(words) for name, words in data["compare"].items()}
        self.ordinals_en: dict[str, int] = data["ordinals"]["en"]
        self.ordinals_ko: dict[str, int] = data["ordinals"]["ko"]
        self.kind_noise = phrase_pattern(data["kind_noise"])
        self.kinds = {name: phrase_pattern(words) for name, words in data["kinds"].items()}
        self.metrics = {name: phrase_pattern(words) for name, words in data["metrics"].items()}
        self.every_round = phrase_pattern(data["every_round"])
        self.threshold = {name: phrase_pattern(words) for name, words in data["threshold"].items()}
        topic = data["topic"]
        self.topic_ko_after = phrase_pattern(topic["ko_after"])
        self.topic_en_before = phrase_pattern(topic["en_before"])
        self.topic_en_after = phrase_pattern(topic["en_after"])
        #: never a topic: the stop list, and the words of years, comparisons, metrics and
        #: thresholds ("how about the whole year?" asks for an average, not a topic)
        self.topic_stop = frozenset(str(w).lower() for w in topic["stop"]) | _words(
            data["relative_years"], data["compare"], data["metrics"], data["threshold"]
        )
        unknown = data["unknown_name"]
        self.unknown_ko_heads = tuple(unknown["ko_heads"])
        #: a word of two or more letters before a Korean head noun: "강남도서관"
        self.ko_place = re.compile(
            r"^..+?(?:" + "|".join(re.escape(h) for h in self.unknown_ko_heads) + r")$"
        )
        self.unknown_en_heads = tuple(unknown["en_heads"])
        #: words after a service's own name ("따릉이 운영"): the word before them names it
        self.operated_heads = frozenset(str(w) for w in unknown["operated"])
        self.not_names = frozenset(str(w).lower() for w in unknown["not_names"])
        self.name_glue = frozenset(str(w).lower() for w in unknown["glue"])
        self.function_words = frozenset(str(w).lower() for w in data.get("function_words", ()))
        self.not_distinctive = frozenset(str(w).lower() for w in data.get("not_distinctive", ()))
        aspects = dict(data["aspects"])
        self.aspect_marker = phrase_pattern(aspects.pop("marker"))
        self.aspects = {name: phrase_pattern(words) for name, words in aspects.items()}
        places = data["other_places"]
        names = {
            str(p).lower(): str(p).title() if str(p).isascii() else str(p) for p in places["names"]
        }
        #: every written form ("부산", "부산시", "부산광역시") -> the name to show
        self._places = {
            n + str(suffix): shown
            for suffix in places["suffixes"]
            for n, shown in names.items()
            if not n.isascii()
        }
        self._places.update(names)  # "경기도" is a name, not 경기 + 도
        generic = data["service_generic"]
        self.generic_prefixes = tuple(sorted(generic["prefixes"], key=len, reverse=True))
        self.generic_suffixes = tuple(sorted(generic["suffixes"], key=len, reverse=True))

    def strings(self) -> Iterator[str]:
        """Every string in the word lists, keys included, wherever it is nested."""

        def walk(node: Any) -> Iterator[str]:
            if isinstance(node, dict):
                for key, value in node.items():
                    yield from walk(key)
                    yield from walk(value)
            elif isinstance(node, list):
                for item in node:
                    yield from walk(item)
            elif isinstance(node, str):
                yield node

        return walk(self.data)

    def latin_words(self) -> set[str]:
        """Every Latin word in the word lists (they are all part of the bot's vocabulary)."""
        return {w for node in self.strings() for w in re.findall(r"[a-z]{3,}", node.lower())}

    def other_place(self, word: str) -> str | None:
        """ "부산시는" -> "부산", "busan" -> "Busan": a city or province that is not Seoul."""
        found = self._places.get(word)
        if found is None and not word.isascii():
            found = self._places.get(self.strip_particle(word))
        return found

    def strip_particle(self, word: str) -> str:
        """ "투자유치가" -> "투자유치"; a word that is only a particle stays as it is."""
        found = self._particle.match(word)
        return found.group(1) if found else word


@cache
def shared_vocab() -> Vocab:
    """The shipped vocabulary, compiled once per process (for the handlers)."""
    return Vocab()
