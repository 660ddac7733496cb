"""The lexicon: English typos corrected to known words (and only to them), glued Korean
words split into known ones, words nobody knows counted, findings words as topics."""

from __future__ import annotations

import pytest

from bot.understand.lexicon import Lexicon
from bot.understand.normalise import fold
from bot.understand.vocab import Vocab

INTENT_TEXTS = [
    "what was the average score?",
    "what is the cutoff threshold?",
    "평가 대상 사무는?",
    "평가 결과 요약",
    "2023년 3차 종합성과평가 결과 알려줘",
    "외부 전문기관이 어디야?",
    "어느 기관이 평가했어?",
]
FINDINGS = "Removed the clinker stuck to the tubes. 소각로 설비의 노후화 클링커 제거 로드맵 설계"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon(
        Vocab(),
        intent_texts=INTENT_TEXTS,
        topic_texts=["which services mention investment?"],
        name_words={"mapo", "incinerator", "마포"},
        finding_words=fold(FINDINGS).split(),
    )


@pytest.mark.parametrize(
    ("text", "corrected"),
    [
        ("avrage in round 3", "average in round 3"),
        ("What was the averge?", "What was the average?"),
        ("the cutof thresold", "the cutoff threshold"),
        ("avg scor", "average score"),  # a shorthand, and one dropped letter only one word fits
        ("Mapo incinerater", "Mapo incinerator"),
        ("who performed it", "who performed it"),  # a real word, not a typo of "perform…"
        ("average score", "average score"),
    ],
)
def test_english_typos_become_the_known_word(lexicon: Lexicon, text: str, corrected: str) -> None:
    assert lexicon.correct(text) == corrected


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("평가대상은", ["평가", "대상"]),  # glued, with a particle
        ("결과는", ["결과"]),  # particle only
        ("종합성과평가에서", ["종합성과평가"]),  # its final 가 is not a particle
        ("외부기관", ["외부", "기관"]),
        ("연락처", ["연락처"]),  # unknown, left whole
    ],
)
def test_korean_words_split_into_known_words(lexicon: Lexicon, word: str, parts: list) -> None:
    assert lexicon.split(word) == parts


def test_unknown_words_are_counted_per_script(lexicon: Lexicon) -> None:
    assert lexicon.unknown_words("who is the mayor of seoul", set())[0] >= 1
    # "clinker" is a findings word and "removal" a form of "removed": nothing unknown
    assert lexicon.unknown_words("which clinker removal", set()) == (0, 0)
    assert lexicon.unknown_words("평가 대상 담당 연락처", set())[1] == 2


def test_topics_are_findings_words_no_intent_uses(lexicon: Lexicon) -> None:
    assert {"clinker", "로드맵", "노후화"} <= lexicon.topic_words
    assert "average" not in lexicon.topic_words and "mapo" not in lexicon.topic_words
