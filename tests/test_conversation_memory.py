"""Conversation memory (bot/engine/): what a follow-up inherits from the previous answer —
its exact scope, its way of asking when replayed in the other language, its round's list
for an ordinal, its year for "the year after".  Phrasings differ from the blind sets'."""

from __future__ import annotations

import pytest

from bot.answer import Context
from bot.engine import Engine
from tests.helpers import turns


def test_a_gap_on_the_figure_just_given_keeps_its_whole_year_scope(engine: Engine) -> None:
    answers = turns(engine, "2022년 전체 평균 알려줘", "그게 75점보다 얼마나 높은 거야?")
    assert "2.62" in answers[1].text, answers[1].text  # 77.62 − 75, not the newest round's


def test_a_check_pointing_at_the_figure_is_about_it(engine: Engine) -> None:
    answers = turns(engine, "2022년 평균은?", "그거 75점 넘었어?")
    assert answers[1].text.startswith("네") and "77.62" in answers[1].text, answers[1].text


def test_a_complete_question_keeps_its_own_scope(engine: Engine) -> None:
    answers = turns(engine, "2022년 전체 평균 알려줘", "2023년 3차 평균은?")
    assert "79.05" in answers[1].text and "77.62" not in answers[1].text, answers[1].text


@pytest.mark.parametrize("again", ["in English please", "영어로 해줘"])
def test_replay_in_the_other_language_keeps_the_operation(engine: Engine, again: str) -> None:
    answers = turns(engine, "3차 평균이 75점보다 얼마나 높아?", again)
    assert answers[0].operation == "gap"
    assert answers[1].lang == "en" and "4.05" in answers[1].text, answers[1].text


def test_an_ordinal_after_a_single_service_counts_in_its_round(engine: Engine) -> None:
    answers = turns(engine, "마포자원회수시설 평가 결과", "그럼 두 번째 사무 개선과제는?")
    assert "소셜벤처" in answers[1].text, answers[1].text  # the round's 2nd, not Mapo


def test_the_year_after_the_one_asked_about(engine: Engine) -> None:
    answers = turns(engine, "2022년 전체 평균 알려줘", "그 다음 해는?")
    assert "74.02" in answers[1].text, answers[1].text


def test_the_year_before_that_in_english(engine: Engine) -> None:
    answers = turns(engine, "What was the 2023 average?", "and the year before that?")
    assert "77.62" in answers[1].text and "2021" not in answers[1].text, answers[1].text


def test_a_service_found_by_its_findings_is_the_next_turns_it(engine: Engine) -> None:
    answers = turns(engine, "클링커를 떼어낸 곳이 어디였더라", "거기 개선과제는?")
    assert "노후화" in answers[1].text, answers[1].text


def test_operation_survives_the_stored_context() -> None:
    stored = Context("average", {"year": 2023}, at=1.0, operation="gap")
    again = Context.from_json(stored.to_json())
    assert again is not None and again.operation == "gap"


def test_a_follow_up_pointing_at_the_figure_asks_about_its_subject(engine: Engine) -> None:
    answers = turns(engine, "2023년 기준 미달 사무 몇 개야?", "그건 몇 퍼센트에 해당해?")
    assert answers[1].answered and "27.7" in answers[1].text, answers[1].text


def test_a_search_that_found_one_of_a_list_is_what_it_means(engine: Engine) -> None:
    answers = turns(
        engine,
        "3차 평가 대상 사무 목록 보여줘",
        "그중에 처음 위탁된 사무는 어디야?",
        "거기 주요 성과는?",
    )
    assert "경계선" in answers[1].text, answers[1].text
    assert answers[2].answered and "경계선" in answers[2].text.splitlines()[0], answers[2].text


@pytest.mark.parametrize(
    ("question", "count", "average"),
    [
        ("2023년 3차 평가 사무 개수랑 평균 점수 알려줘", "6", "79.05"),
        ("What was the 2023 round 3 average, and how many services did it evaluate?", "6", "79.05"),
    ],
)
def test_a_count_and_an_average_asked_together(
    engine: Engine, question: str, count: str, average: str
) -> None:
    answer = engine.answer(question)
    assert count in answer.text and average in answer.text, answer.text


def test_a_follow_up_about_the_same_service_in_plain_words(engine: Engine) -> None:
    answers = turns(
        engine,
        "마포자원회수시설 평가에서 보일러 얘기 뭐 나왔어?",
        "그래서 무슨 계획을 세우라고 했는데?",
    )
    assert "클링커" in answers[0].text and "노후화" not in answers[0].text, answers[0].text
    assert answers[1].answered and "종합계획" in answers[1].text, answers[1].text


def test_a_named_average_compared_with_nothing_named_is_against_the_last(engine: Engine) -> None:
    answers = turns(engine, "2022년 평균 점수 알려줘", "2023년 3차랑 비교해 보면 차이가 몇 점이야?")
    assert "1.43" in answers[1].text and "77.62" in answers[1].text, answers[1].text
    # without a conversation the same words measure against the cutoff
    alone = engine.answer("2023년 3차 평균이랑 비교하면 몇 점 차이야?")
    assert "1.43" not in alone.text, alone.text


def test_the_scope_an_answer_spoke_of_is_the_next_turns(engine: Engine) -> None:
    answers = turns(engine, "재계약 기준 예전에는 몇 점이었어?", "그 시절 기준 미달은 몇 개였어?")
    assert answers[0].context is not None and answers[0].context.entities.get("year_span")
    assert "126" in answers[1].text and "2018" in answers[1].text, answers[1].text
