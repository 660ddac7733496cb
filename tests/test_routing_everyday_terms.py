"""Everyday words for the official terms (bot/understand/everyday.py, everyday.yaml), and the
routing mechanisms around them: a dismissed scope after a complete sentence, a closing
"… 말고요", an area of the scheme asked whether it counts, a round named by its place, the
article number asked.  Phrasings are new (in no question set)."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.understand.everyday import official, rule_count
from tests.helpers import turns


# ---- the rewriting itself ----------------------------------------------------------------
def test_the_data_is_loaded() -> None:
    assert rule_count() > 20


@pytest.mark.parametrize(
    "question",
    [
        "2024년 재계약 배제 기준 미만 사무 몇 개?",
        "What is the re-contract cutoff?",
        "마포자원회수시설 개선과제는?",
        "How many services scored below 75 in 2023?",
    ],
)
def test_official_wording_passes_unchanged(question: str) -> None:
    assert official(question) == question


@pytest.mark.parametrize(
    "question",
    [
        "70점 아래로 떨어진 곳 있어?",  # a line of its own, not the cutoff
        "점수가 떨어진 곳 있어?",  # of a score, 떨어진 means fell
        "2024년에 65점 넘고 75 못 넘은 곳은?",
    ],
)
def test_fell_of_a_score_or_under_a_line_is_not_failed(question: str) -> None:
    assert "기준 미달" not in official(question)


def test_failed_places_keep_their_particle() -> None:
    assert official("탈락한 곳은 몇 퍼센트야?") == "기준 미달한 곳은 몇 퍼센트야?"


# ---- through the engine -------------------------------------------------------------------
def test_made_the_pass_mark_is_those_above_the_cutoff(engine: Engine) -> None:
    answer = engine.answer("How many services hit the passing mark in 2023?")
    assert "34" in answer.text, answer.text  # 47 − 13


def test_thrown_out_of_renewal_is_the_exclusion(engine: Engine) -> None:
    answer = engine.answer("How many services got thrown out of contract renewal in 2023?")
    assert answer.intent == "below_cutoff" and "13" in answer.text, answer.text


def test_a_contract_extended_asks_the_cutoff(engine: Engine) -> None:
    answer = engine.answer("How many points does an operator need to get their contract renewed?")
    assert answer.intent == "cutoff_rule" and "75" in answer.text, answer.text


def test_renewing_under_the_line_is_still_no(engine: Engine) -> None:
    answer = engine.answer("Below 75, can the city still extend the contract of that operator?")
    assert answer.text.startswith("No"), answer.text


def test_renewed_again_and_again_is_the_contract_rules(engine: Engine) -> None:
    answer = engine.answer("Can an operator just keep getting its contract renewed forever?")
    assert answer.text.startswith("No") and "10" in answer.text, answer.text


def test_how_happy_citizens_are_is_user_satisfaction(engine: Engine) -> None:
    answer = engine.answer("Is how satisfied residents are part of the score?")
    assert answer.intent == "scoring_scheme", answer.text
    assert "satisfaction" in answer.text.lower(), answer.text


def test_citizens_satisfaction_reflected_is_the_scheme(engine: Engine) -> None:
    answer = engine.answer("주민들 만족도도 평가 점수에 포함되나요?")
    assert answer.intent == "scoring_scheme" and "만족도" in answer.text, answer.text


def test_furnace_is_the_incinerator(engine: Engine) -> None:
    answer = engine.answer("Whose furnaces are old and need a plan?")
    assert "Mapo" in answer.text or "마포" in answer.text, answer.text


def test_providers_failing_are_services_below_the_cutoff(engine: Engine) -> None:
    answer = engine.answer("What share of providers failed in 2024?")
    assert answer.intent == "below_cutoff" and "13.1" in answer.text, answer.text


def test_failed_places_in_a_follow_up_keep_the_share(engine: Engine) -> None:
    answers = turns(engine, "2024년 평가 결과 있어?", "거기서 탈락한 곳은 비율로 얼마나 돼요?")
    assert answers[1].intent == "below_cutoff" and "13.1" in answers[1].text, answers[1].text


def test_the_evaluation_in_plain_words_is_not_consignment(engine: Engine) -> None:
    answer = engine.answer(
        "민간에게 맡긴 일을 평가하는 거 있잖아요, 2023년 3차 평균 점수가 궁금해요"
    )
    assert answer.intent == "average" and "79.05" in answer.text, answer.text


def test_a_cutoff_miss_after_the_cutoff_is_the_open_call(engine: Engine) -> None:
    answers = turns(
        engine, "What is the passing score to have the contract extended?", "What if they miss it?"
    )
    assert "75" in answers[0].text, answers[0].text
    assert "open" in answers[1].text.lower(), answers[1].text


# ---- a round by its place -------------------------------------------------------------
def test_rounds_named_by_their_place_are_compared(engine: Engine) -> None:
    answer = engine.answer("23년 두 번째 평가랑 세 번째 성과평가 미달 사무 비교해 주세요")
    assert answer.intent == "below_cutoff", answer.text
    assert "6" in answer.text and "0" in answer.text, answer.text


def test_a_long_greeting_still_asks_the_period(engine: Engine) -> None:
    answer = engine.answer(
        "안녕하세요, 최근에 공개된 2023년 세 번째 종합성과평가가 "
        "몇 월부터 몇 월까지였는지 궁금합니다."
    )
    assert answer.intent == "period" and "6월" in answer.text, answer.text


# ---- scope corrections --------------------------------------------------------------------
def test_a_dismissed_round_after_a_sentence_keeps_the_question(engine: Engine) -> None:
    answer = engine.answer("2023년 평균 점수가 궁금해요. 3차 말고 한 해 전체로요.")
    assert "74.02" in answer.text, answer.text


def test_a_closing_set_aside_sentence_is_no_part_of_the_ask(engine: Engine) -> None:
    answer = engine.answer("평가 결과를 재계약에 반영하라는 건 조례 제몇조예요? 근거 조항 말고요")
    assert answer.intent == "legal_basis" and "12" in answer.text, answer.text


def test_a_sum_in_jo_won_is_still_a_budget(engine: Engine) -> None:
    answer = engine.answer("서울시 민간위탁 예산 몇 조 원 정도야?")
    assert answer.intent == "consignment", answer.text


# ---- conversation: what a follow-up points at -------------------------------------------
def test_there_points_at_the_service_whoever_they_are(engine: Engine) -> None:
    answers = turns(
        engine,
        "Did the Mapo resource recovery facility get evaluated?",
        "and what issues did they flag over there?",
    )
    assert answers[1].intent == "findings", answers[1].text
    assert "Mapo" in answers[1].text, answers[1].text


def test_replacing_the_operator_is_the_exclusion_of_that_service(engine: Engine) -> None:
    answers = turns(
        engine,
        "Was the Seoul Fintech Lab evaluated in 2023?",
        "are they going to replace the operator that runs it?",
    )
    assert answers[1].text.startswith("No"), answers[1].text
    assert "75" in answers[1].text, answers[1].text


def test_the_operator_changed_in_korean_is_the_exclusion(engine: Engine) -> None:
    answers = turns(engine, "성평등활동지원센터 평가 받았나요?", "그러면 수탁기관이 교체되나요?")
    assert answers[1].text.startswith("아니요"), answers[1].text


def test_a_gap_after_the_cutoff_history_is_the_cutoff_raised(engine: Engine) -> None:
    answers = turns(
        engine,
        "What's the bar a service must clear to be re-contracted?",
        "has it changed over the years?",
        "by how many points did it go up?",
    )
    assert answers[2].intent == "cutoff_history" and "15" in answers[2].text, answers[2].text


def test_how_a_named_service_did_is_its_findings_not_a_question_back(engine: Engine) -> None:
    answer = engine.answer("I'd like to know how the fintech lab did in the evaluation")
    assert answer.intent == "findings" and answer.answered, answer.text


def test_a_share_asked_again_of_another_year_is_read_beside_it(engine: Engine) -> None:
    answers = turns(engine, "2024년 평가 결과 알려줘", "그 가운데 탈락한 곳 비율은?", "23년은?")
    assert answers[1].intent == "below_cutoff" and "13.1" in answers[1].text, answers[1].text
    assert "13.1" in answers[2].text and "27.7" in answers[2].text, answers[2].text


def test_a_count_follow_up_is_not_turned_into_shares(engine: Engine) -> None:
    answers = turns(engine, "2024년 미달 사무 몇 개야?", "2023년은?")
    assert "13" in answers[1].text and "14.6" not in answers[1].text, answers[1].text


@pytest.mark.parametrize(
    "question",
    [
        "How many points is the passing mark?",
        "몇 점 이상이어야 재계약 돼요?",
        "몇 점 넘겨야 안 떨어져요?",
    ],
)
def test_the_score_needed_is_the_cutoff(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.intent == "cutoff_rule" and "75" in answer.text, answer.text


def test_the_line_not_cleared_is_below_the_cutoff(engine: Engine) -> None:
    answer = engine.answer("2024년에 커트라인을 통과하지 못한 사무는 몇 개예요?")
    assert answer.intent == "below_cutoff" and "8" in answer.text, answer.text


def test_a_stated_count_evaluated_is_checked_not_the_evaluator(engine: Engine) -> None:
    answer = engine.answer("23년 3차 때 12곳 평가받은 거 맞아요?")
    assert answer.text.startswith("아니요") and "6" in answer.text, answer.text
