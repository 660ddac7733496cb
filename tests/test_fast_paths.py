"""The latency shortcuts (a cheap test before a regular expression, a small memo of folded
texts, one look-behind before a word list) must give exactly what the full pattern gives:
each is checked against the slow form it skips, over phrasings of every shape."""

from __future__ import annotations

import importlib
import re

import pytest

from bot.answers import tally
from bot.understand.normalise import fold
from bot.understand.parts import Parts, _set_aside_pattern
from bot.understand.search import _SUFFIXES, _verb_stem, stem
from bot.understand.vocab import Vocab

#: the module (``bot.understand.normalise`` the name is also the package's function)
normalise = importlib.import_module("bot.understand.normalise")

PHRASES = [
    "평가받은 거 말고 나머지 사무 중에 점수가 제일 낮은 곳은요?",
    "not just the ones evaluated, every consigned service please",
    "Apart from Mapo, which incinerators were told to replace equipment?",
    "성과 뿐만 아니라 개선과제도 보여줘",
    "직장맘지원센터에서는 육아휴직 제도개선에 기여했나요",
    "which services were re-contracted rather than put out to tender?",
    "소각로가 낡았다고 지적받은 곳은 어디야\n",
    "경계선지능인센터는 새로 맡겨진 위탁사무야?",
    "  Stabilisation of the organisation's finances —  budgets, 2024!  ",
    "로는",
    "",
]


def _words() -> list[str]:
    return [w for p in PHRASES for w in (*p.split(), p)] + ["가", "은\n", "센터가\n", "ab"]


def test_without_set_aside_matches_the_pattern_alone() -> None:
    parts = Parts.load()
    pattern = _set_aside_pattern(id(parts.data), parts.data)
    for phrase in PHRASES:
        lower = phrase.lower()
        assert parts.without_set_aside(lower) == pattern.sub(" ", lower)


def test_strip_particle_matches_the_pattern_alone() -> None:
    vocab = Vocab()
    for word in _words():
        found = vocab._particle.match(word)
        assert vocab.strip_particle(word) == (found.group(1) if found else word)


def test_fold_remembered_matches_fold_computed() -> None:
    texts = [*PHRASES, "x" * 300, "센터 " * 100]
    for text in texts * 2:  # the second time from the memo
        assert fold(text) == normalise._fold(text)
    for i in range(normalise._FOLDED_MAX + 5):  # full: cleared, never grows past the bound
        fold(f"question {i}")
    assert len(normalise._FOLDED) <= normalise._FOLDED_MAX


def _slow_stem(word: str) -> str:
    word = word.strip("'-").removesuffix("'s")
    word = re.sub(r"(?<=[a-z]{3})is(ation|ations|e|ed|es|ing)$", r"iz\1", word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            return base + "y" if suffix in ("ies", "ied") else base
    return word


@pytest.mark.parametrize(
    "word", ["companies", "globally", "stabilisation", "improvements", "its", "tender", "as"]
)
def test_stem_matches_the_suffix_loop(word: str) -> None:
    assert stem(word) == _slow_stem(word)


def test_verb_stem_matches_the_ending_loop() -> None:
    endings = ("하라는", "했다는", "라는", "한", "는")
    for word in [*_words(), "조사하라는", "초청한", "한", "하는"]:
        slow = next(
            (word[: -len(e)] for e in endings if word.endswith(e) and len(word) - len(e) >= 2),
            word,
        )
        assert _verb_stem(word, endings) == slow


def test_tally_cues_match_one_lookbehind_per_word() -> None:
    for key, listed in tally.words().items():
        if not isinstance(listed, list) or not all(isinstance(w, str) for w in listed):
            continue
        ko = [re.escape(w) for w in listed if not w.isascii()]
        en = [rf"(?<![a-z]){re.escape(w)}" for w in listed if w.isascii()]
        slow = re.compile("|".join([*ko, *en]) or r"(?!)")
        for phrase in PHRASES:
            lower = phrase.lower()
            fast, want = tally.cue(key).search(lower), slow.search(lower)
            assert (fast and fast.span()) == (want and want.span()), key
