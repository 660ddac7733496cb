"""Normalisation and language detection: the same question always reads the same way."""

from __future__ import annotations

import pytest

from bot.understand.language import detect_language
from bot.understand.normalise import MAX_CHARS, compact, fold, jamo, normalise


def test_normalise_folds_full_width_forms_and_controls() -> None:
    assert normalise("２０２３년\u200b  ３차\t평균？\x00") == "2023년 3차 평균?"


def test_normalise_caps_length() -> None:
    assert len(normalise("가" * 10_000)) == MAX_CHARS


def test_fold_and_compact_ignore_case_punctuation_and_spacing() -> None:
    assert fold("Seoul  Fintech-Lab!!") == "seoul fintech lab"
    assert compact("청소년 상담 센터") == compact("청소년상담센터") == "청소년상담센터"


def test_jamo_makes_a_one_letter_typo_small() -> None:
    assert jamo("랩") == "ㄹㅐㅂ"
    assert jamo("렙") == "ㄹㅔㅂ"
    assert jamo("A랩") == "Aㄹㅐㅂ"


NAMES = frozenset({"마포자원회수시설", "seoul", "fintech", "lab"})


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("What did 마포자원회수시설 achieve?", "en"),
        ("Seoul Fintech Lab 주요 성과 알려줘", "ko"),
        ("2023년 3차 평균은?", "ko"),
        ("average score in R3", "en"),
        ("KMAC이 뭐야", "ko"),
        ("VC 네트워크", "ko"),
        ("2023 R3", None),
        ("Seoul Fintech Lab", "en"),  # nothing but a name: its script decides
        ("마포자원회수시설", "ko"),
        ("😀😀", None),
    ],
)
def test_language_comes_from_the_questions_own_words(question: str, lang: str | None) -> None:
    assert detect_language(normalise(question), NAMES) == lang
