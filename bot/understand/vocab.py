"""The extractor's word lists (vocab.yaml), compiled once into regular expressions.

Latin phrases match on word boundaries ("top" is not in "stop"); Korean phrases match
anywhere, because particles are glued to the words they follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.understand.literals import trie

VOCAB_PATH = Path(__file__).with_name("vocab.yaml")


def phrase_pattern(phrases: Iterable[Any]) -> re.Pattern[str]:
    """One pattern over ``phrases`` (see ``_phrase_pattern``), compiled once per process for
    a given list: the engine is rebuilt whenever a round is ingested, and compiling the
    ~450 word lists again took a third of a second of every start-up."""
    return _phrase_pattern(tuple(sorted({str(p).lower() for p in phrases})))


@lru_cache(maxsize=2048)
def _phrase_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern over ``words``, longest first, Latin ones on word boundaries.

    The phrases are compiled as a trie ("평균 몇", "평균 몇 점" share their start), not one
    alternative each: Python's regular expressions try every alternative at every position,
    so a list of a hundred phrases made each search ~2x slower (measured over every word
    list and every question set).  A longer phrase is preferred to a shorter one it extends;
    a space matches any run of spaces, or none."""
    if not words:
        return re.compile(r"(?!x)x")
    root = trie(words)
    branches = []
    for ch in _branch_order(root):
        body = _piece(ch)
        if re.match(r"[a-z0-9]", ch):
            # the word boundary is checked after the first letter ("t(?<![a-z0-9]t)…", the
            # same test as "(?<![a-z0-9])t…"), so that every branch starts with a literal:
            # the regex engine then skips positions by the set of first letters instead of
            # trying every branch at every position — a list's search ~5-15x faster.
            body += rf"(?<![a-z0-9]{ch})"
        branches.append(body + _emit(root[ch]))
    return re.compile("|".join(branches))


def _branch_order(node: dict[str, Any]) -> list[str]:
    """Children in a fixed order; a space (which may match nothing) last, so that the
    written-together branch is tried first."""
    return sorted((k for k in node if k), key=lambda k: (k == " ", k))


def _piece(ch: str) -> str:
    return r"\s*" if ch == " " else re.escape(ch)


def _emit(node: dict[str, Any]) -> str:
    """The pattern of a trie node: its continuations first (longer phrases), then its end."""
    alternatives = [_piece(ch) + _emit(node[ch]) for ch in _branch_order(node)]
    if "" in node:
        alternatives.append(_phrase_end(node[""]))
    if len(alternatives) == 1:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")"


def _phrase_end(phrase: str) -> str:
    """Latin phrases end on a word boundary (plurals allowed); digits too."""
    if re.search(r"[a-z]$", phrase):
        return r"(?:s|es)?(?![a-z0-9])"  # plurals: "strengths", "achievements"
    if re.search(r"[0-9]$", phrase):
        return r"(?![a-z0-9])"
    return ""


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
        #: the endings that pattern can match at ("$" also before a final newline): a word
        #: ending in none of them keeps its form without the (lazy, per-letter) search
        self._particle_ends = (*self.particles, "\n")
        self.relative_years = [
            (entry["offset"], phrase_pattern(entry["words"])) for entry in data["relative_years"]
        ]
        self.compare = {name: phrase_pattern(words) for name, words in data["compare"].items()}
        self.ordinals_en: dict[str, int] = data["ordinals"]["en"]
        self.ordinals_ko: dict[str, int] = data["ordinals"]["ko"]
        self.ordinals_sino: dict[str, int] = data["ordinals"]["ko_sino"]
        self.shorthands: dict[str, str] = data["shorthands"]
        self.kind_noise = phrase_pattern(data["kind_noise"])
        self.programme_name = phrase_pattern(data["programme_name"])
        self.not_a_count = phrase_pattern(data["not_a_count"])
        self.kinds = {name: phrase_pattern(words) for name, words in data["kinds"].items()}
        exclude = data["kind_exclude"]
        self.kind_exclude_ko = phrase_pattern(exclude["ko_after"])
        self.kind_exclude_en = re.compile(
            r"(?:" + phrase_pattern(exclude["en_before"]).pattern + r")\s*$"
        )
        self.metrics = {name: phrase_pattern(words) for name, words in data["metrics"].items()}
        self.every_round = phrase_pattern(data["every_round"])
        self.every_round_all = phrase_pattern(data["every_round_all"])
        self.this_scope = phrase_pattern(data["this_scope"])
        at = data["average_threshold"]
        #: "평균보다 높은", "평균 이하": a threshold at an average (direction after 평균)
        self.ko_average_side = {
            side: re.compile(
                r"평균\s*(?:점수)?\s*(?:" + phrase_pattern(at[f"ko_{side}"]).pattern + ")"
            )
            for side in ("above", "below")
        }
        #: "above the round average", "below 2024 round 1's average"
        self.en_average_side = {
            side: re.compile(
                r"(?:" + phrase_pattern(at[f"en_{side}"]).pattern + r")\s+(?:the\s+)?"
                r"(?:[\w'’-]+\s+){0,4}?(?:average|mean)\b"
            )
            for side in ("above", "below")
        }
        self.threshold = {name: phrase_pattern(words) for name, words in data["threshold"].items()}
        topic = data["topic"]
        self.topic_ko_after = phrase_pattern(topic["ko_after"])
        self.topic_en_before = phrase_pattern(topic["en_before"])
        self.topic_en_after = phrase_pattern(topic["en_after"])
        self.topic_not_endings = tuple(str(w) for w in topic.get("not_endings", ()))
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
        #: result words a never-seen name is the subject of ("따릉이 평가결과", "results for X")
        self.result_heads_ko = tuple(str(w) for w in unknown.get("result_heads_ko", ()))
        self.result_before_en = phrase_pattern(unknown.get("result_before_en", ()))
        self.not_names = frozenset(str(w).lower() for w in unknown["not_names"])
        self.name_glue = frozenset(str(w).lower() for w in unknown["glue"])
        self.function_words = frozenset(str(w).lower() for w in data.get("function_words", ()))
        self.not_distinctive = frozenset(str(w).lower() for w in data.get("not_distinctive", ()))
        #: spelling -> the place it names (Korean and English spellings of one place agree)
        self.place_qualifiers = {
            str(spelling).lower(): str(group[0])
            for group in data["place_qualifiers"]
            for spelling in group
        }
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
        """ "투자유치가" -> "투자유치"; a word that is only a particle stays as it is.

        The hand-kept list, measured against python-mecab-ko (issue 12): everywhere, the
        analyser changed intents of short follow-ups ("그중 75점 미만은?") and lost more blind
        turns than it won; in the content lookup only it won 1 turn of ~1,600 over nine blind
        sets (none on the two written last) for +53 MB peak memory and a 108 MB dictionary,
        so it is not used."""
        if not word.endswith(self._particle_ends):
            return word
        found = self._particle.match(word)
        return found.group(1) if found else word

    def only_particle(self, word: str) -> bool:
        """ "로는", "으로는요": what is left of "비율로는" once the metric word is taken out —
        a particle (or particles) glued to nothing, saying nothing of its own."""
        if not word:
            return False
        rest = "평균" + word
        for _ in range(3):  # "로는요": particles glued one after another
            stripped = self.strip_particle(rest)
            if stripped == rest:
                break
            rest = stripped
        return rest == "평균"


@cache
def shared_vocab() -> Vocab:
    """The shipped vocabulary, compiled once per process (for the handlers)."""
    return Vocab()
