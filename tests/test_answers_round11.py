"""Answers (round 11): a comparison word marks the yardstick whatever order the scopes are
named in; a Korean ordinal round is an entity before intent matching; a band asked with what
lies under it; a round picked out of a span; a count another round is given as; a service
found by its achievements asked what it must improve; eras in a by-year count; paraphrases
reaching their findings; survey respondents never published.

Phrasings are new (in no question set)."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.evaluate import allowed_numbers, invented_numbers
from tests.helpers import ask


def _clean(engine: Engine, text: str) -> None:
    assert invented_numbers(text, allowed_numbers(engine.queries)) == []


# ---- the yardstick of a comparison --------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "first", "verdict"),
    [
        # the yardstick named first: the other scope is the subject of the sentence
        ("Relative to 2022, was the 2023 average better?", "2023 (whole year) (74.02", "No."),
        ("In comparison with 2022, did round 3 of 2023 score higher?", "2023 round 3", "Yes."),
        ("2023년보다 2022년 평균이 높았나요?", "2022년 전체(77.62", "네."),
        ("2022년에 비하면 2023년 3차 평균은 높아?", "2023년 제3차(79.05", "네."),
    ],
)
def test_the_yardstick_word_decides_the_subject(
    engine: Engine, question: str, first: str, verdict: str
) -> None:
    answer = engine.answer(question)
    assert answer.intent == "average"
    assert answer.text.startswith(verdict)
    assert first in answer.text.splitlines()[0]


def test_without_a_yardstick_word_the_scope_named_first_is_the_subject(engine: Engine) -> None:
    answer = engine.answer("2022년이 2023년보다 평균이 높았어?")
    assert answer.text.startswith("네.")
    assert "2022년 전체(77.62점)" in answer.text.splitlines()[0]


# ---- a Korean ordinal round is an entity -----------------------------------------------------
@pytest.mark.parametrize(
    ("question", "intent", "expected"),
    [
        (
            "2023년 세 번째 민간위탁 성과평가는 어디서 맡아서 진행했는지 알고 싶습니다",
            "evaluator",
            "한국산업관계연구원",
        ),
        ("두번째 민간위탁 종합성과평가 말고 세번째 평가 기간이 궁금해요", "period", "2023"),
    ],
)
def test_a_korean_ordinal_round_does_not_weigh_in_the_wording(
    engine: Engine, question: str, intent: str, expected: str
) -> None:
    answer = engine.answer(question)
    assert answer.intent == intent
    assert expected in answer.text


# ---- a band and what lies under it -----------------------------------------------------------
def test_a_band_asked_with_what_lies_under_it(engine: Engine) -> None:
    answer = engine.answer("2024년에 65~70점 구간은 몇 곳이고 그보다 아래는 몇 곳이었어?")
    assert "1개" in answer.text
    assert "65점 미만인 사무 2개" in answer.text
    assert "대한경제" in answer.text
    _clean(engine, answer.text)


def test_an_english_band_by_its_verb(engine: Engine) -> None:
    answer = engine.answer("In 2024, how many services scored 70 to 75 and how many under that?")
    assert "5 services scored from 70 points to under 75 points" in answer.text
    assert "3 services scored below 70 points (2 + 1 = 3)" in answer.text


def test_one_service_in_a_band_is_singular(engine: Engine) -> None:
    answer = engine.answer("How many services were in the 65-70 range in 2024?")
    assert "1 service scored from 65 points to under 70 points" in answer.text


# ---- a round picked out of a span; a given count of another round -----------------------------
def test_a_round_picked_out_of_a_span_is_the_round_asked(engine: Engine) -> None:
    answer = engine.answer("2023년 1~3차 가운데 2차에서는 사무 몇 개를 평가했어?")
    assert "47 − 12 − 6 = 29" in answer.text
    assert "뉴스핌" in answer.text


def test_a_count_given_for_another_round_is_not_the_claim_checked(engine: Engine) -> None:
    answer = engine.answer("2023년 2차 평가 사무 수 계산 가능해요? 1차는 12개라고 하던데요.")
    assert "29" in answer.text
    assert not answer.text.startswith("아니요")


# ---- a service found by its achievements, asked what it must improve --------------------------
def test_a_described_service_asked_for_its_tasks_gets_them(engine: Engine) -> None:
    answer = engine.answer(
        "which centre invited a foreign expert to talk about masculinity? what must it improve?"
    )
    assert "Gender Equality" in answer.text
    assert "(improvement task)" in answer.text
    assert "(achievement)" in answer.text  # the finding that named it comes first


# ---- eras in a by-year count ------------------------------------------------------------------
def test_a_by_year_count_starts_with_a_reported_era(engine: Engine) -> None:
    answer = engine.answer("연도별로 평가받은 사무 수 보여줘")
    lines = answer.text.splitlines()
    assert lines[0].startswith("2018~2020년경: 126개")
    assert "데일리클릭" in answer.text


# ---- paraphrases and unknowns -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "service"),
    [
        ("해외 전문가를 모셔서 남성성 화두를 던진 곳이 어디야?", "성평등활동지원센터"),
        ("창업 보육센터 중에 해외 나가는 거 돕는 데", "핀테크랩"),
    ],
)
def test_everyday_words_reach_the_findings(engine: Engine, question: str, service: str) -> None:
    answer = engine.answer(question)
    assert service in answer.text
    assert answer.intent != "unknown_service"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("만족도 설문에 응답한 사람 수는?", "몇 명이 응답했는지는 공개된 결과에 없습니다"),
        ("What was the sample size of the satisfaction poll?", "is not in the published results"),
    ],
)
def test_survey_respondents_are_not_published(engine: Engine, question: str, expected: str) -> None:
    answer = engine.answer(question)
    assert expected in answer.text
    assert not answer.answered


def test_the_conversation_keeps_the_yardstick(engine: Engine) -> None:
    answer = ask(engine, "2023년 3차 평균은?", "2022년 대비 어때?")
    assert "79.05 − 77.62 = 1.43" in answer.text
