"""Mechanisms of session 9 (E6), on the real engine over the shipped seed.

Each test uses phrasings of its own (not the diagnosis sets'): a round written with a
Sino-Korean number ("이차", "삼차"), English shorthand ("rnd", "yr"), a typo tie resolved by
the last letter, a "4" that is "for" before a numbered round, the chat spelling "머임", an
idiom that holds another intent's cue word ("take place"), the evaluation itself asked
what it is, a round known only from reports summarised, and a change of a failure share
judged "better" or "worse" against the year before, an evaluator named in a
yes/no checked against the round's, and the evaluator of each loaded round.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ask, engine_with_pages


# ---- fragility: numbers, shorthand, typos ------------------------------------------------
@pytest.mark.parametrize("question", ["2023년 삼차 평균 얼마야", "23년삼차 평균점수 알려줘"])
def test_a_sino_korean_round_number(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert "79.05" in answer.text and "74.02" not in answer.text, answer.text


@pytest.mark.parametrize("question", ["오차 범위가 뭐야?", "평균 차이가 얼마야?"])
def test_words_with_cha_are_not_rounds(engine: Any, question: str) -> None:
    from bot.understand.entities import _ROUND_SINO_KO

    found = [m.group(1) for m in _ROUND_SINO_KO.finditer(question)]
    assert not [f for f in found if f in ("일", "이", "삼", "사")], question


@pytest.mark.parametrize(
    ("question", "expected"),
    [("avg score rnd 3 of 2023?", "79.05"), ("evaluater of rnd 3?", "Industrial Relations")],
)
def test_english_shorthand_and_typos(engine: Any, question: str, expected: str) -> None:
    answer = ask(engine, question)
    assert answer.answered, answer.text
    assert expected in answer.text and "74.02" not in answer.text, answer.text


def test_a_typo_tie_keeps_the_typed_last_letter(engine: Any) -> None:
    lexicon = engine.understander.lexicon if hasattr(engine, "understander") else None
    if lexicon is None:
        lexicon = engine.decider.u.lexicon
    assert "evaluator" in lexicon.correct("the evaluater")


def test_a_number_before_a_numbered_round_is_not_the_round(engine: Any) -> None:
    answer = ask(engine, "mean 4 round 3 of 2023?")
    assert "79.05" in answer.text, answer.text


@pytest.mark.parametrize("question", ["23년 3차 평균 머임", "3차 평가기관 머야"])
def test_the_chat_spelling_of_what_is_not_yes_no(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert not answer.text.startswith(("네", "아니")), answer.text


# ---- an idiom holding another intent's cue -----------------------------------------------
@pytest.mark.parametrize("question", ["so when did round 3 take place", "when was round 3 held"])
def test_take_place_asks_the_period(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert "June" in answer.text and "August" in answer.text, answer.text


# ---- the evaluation itself -----------------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "종합성과평가라는 게 도대체 뭐예요?",
        "What is the comprehensive performance evaluation, exactly?",
        "서울시 성과평가가 뭔지",
    ],
)
def test_what_the_evaluation_is(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "purpose", answer.text


@pytest.mark.parametrize(
    "question", ["평가 근거 조례가 뭐예요?", "What does the score consist of?"]
)
def test_what_is_with_another_subject_is_not_the_purpose(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent != "purpose" or "18" in answer.text, answer.text


# ---- a round known only from reports -------------------------------------------------------
def test_a_reported_round_summary_is_an_answer(engine: Any) -> None:
    answer = ask(engine, "23년 1차 평가 결과 요약해 줘")
    assert answer.answered, answer.text
    assert "12" in answer.text and "뉴스핌" in answer.text, answer.text


def test_reports_without_results_do_not_answer_a_summary(engine: Any) -> None:
    answer = ask(engine, "2021년 평가 결과 정리해줘")
    assert not answer.answered, answer.text


# ---- a failure share judged better or worse --------------------------------------------------
@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("Has the share of services under 75 improved in 2024?", "Yes"),
        ("Did the share of failing services get worse in 2024?", "No"),
        ("2024년 75점 미만 비율 개선됐어?", "네"),
        ("2024년엔 탈락 비율이 나빠졌어?", "아니"),
    ],
)
def test_a_failure_share_better_or_worse(engine: Any, question: str, opening: str) -> None:
    answer = ask(engine, question)
    assert answer.text.startswith(opening), answer.text
    assert "27.7" in answer.text and "13.1" in answer.text, answer.text


# ---- evaluators over several rounds (seed + tests/fixtures/blind/many10) -------------------
PAGES = Path(__file__).resolve().parent / "fixtures" / "blind" / "many10"


@pytest.fixture(scope="module")
def rounds4(kb_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """2023 R3 and 2024 R3 by 한국산업관계연구원, 2025 R1 by KMAC, 2026 R1 by 한국생산성본부."""
    return engine_with_pages(kb_path, PAGES, tmp_path_factory.mktemp("session9"))


@pytest.mark.parametrize(
    ("question", "opening", "expected"),
    [
        ("2026년 1차 평가도 한국산업관계연구원이 했어?", "아니", "한국생산성본부"),
        ("2024년 3차도 한국산업관계연구원이 맡았나요?", "네", "한국산업관계연구원"),
    ],
)
def test_a_named_evaluator_is_checked_against_the_round(
    rounds4: Any, question: str, opening: str, expected: str
) -> None:
    answer = ask(rounds4, question)
    assert answer.text.startswith(opening) and expected in answer.text, answer.text


def test_each_published_round_lists_every_evaluator(rounds4: Any) -> None:
    answer = ask(rounds4, "Who evaluated each loaded round?")
    assert "KMAC" in answer.text and "Industrial Relations" in answer.text, answer.text
