"""Answers (round 11): a comparison word marks the yardstick whatever order the scopes are
named in; a Korean ordinal round is an entity before intent matching; a band asked with what
lies under it; a round picked out of a span; a count another round is given as; a service
found by its achievements asked what it must improve; eras in a by-year count; paraphrases
reaching their findings; survey respondents never published.

Phrasings are new (in no question set)."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from tests.helpers import ask, clean


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
    clean(engine, answer.text)


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


# ---- two scopes weighed, the evaluator over time, how a scope came out ------------------------
@pytest.mark.parametrize(
    ("question", "start", "expected"),
    [
        ("2022년이 2023년 3차보다 점수가 낮았나요?", "네.", "79.05 − 77.62 = 1.43"),
        ("Did results get worse in 2023 compared with 2022?", "Yes.", "77.62 − 74.02 = 3.60"),
        ("Relative to 2023, was 2024 any better?", "Yes.", "78.52 − 74.02 = 4.50"),
    ],
)
def test_two_scopes_weighed_with_no_figure_are_their_averages(
    engine: Engine, question: str, start: str, expected: str
) -> None:
    answer = engine.answer(question)
    assert answer.intent == "average"
    assert answer.text.startswith(start)
    assert expected in answer.text


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("Has the evaluating body ever changed?", "Yes."),
        ("평가기관은 늘 같은 곳이었나요?", "아니요."),
    ],
)
def test_the_evaluator_over_time_is_its_history(engine: Engine, question: str, start: str) -> None:
    answer = engine.answer(question)
    assert answer.text.startswith(start)
    lines = answer.text.splitlines()
    assert "KMAC" in answer.text
    kmac = next(i for i, line in enumerate(lines) if "KMAC" in line)
    later = next(i for i, line in enumerate(lines) if "2023" in line)
    assert kmac < later  # time order: the 2020 report before the 2023 page


def test_how_a_round_not_loaded_went_is_said_plainly(engine: Engine) -> None:
    answer = engine.answer("How did the 2026 round 1 evaluation turn out?")
    assert answer.intent == "round_summary"
    assert "is not in the knowledge base" in answer.text
    assert not answer.answered


def test_how_an_unknown_place_did_is_not_the_scoring_scheme(engine: Engine) -> None:
    answer = engine.answer("How did the Seoul Bike Station do in its evaluation?")
    assert answer.intent == "unknown_service"
    assert not answer.answered


# ---- which one, asked in Korean with a noun ----------------------------------------------------
def test_a_noun_after_a_modifier_asks_which_one(engine: Engine) -> None:
    answer = engine.answer("보일러 설비에 붙은 찌꺼기 치운 시설?")
    assert not answer.text.startswith(("네.", "아니요."))
    assert "마포자원회수시설" in answer.text


# ---- a series of averages ----------------------------------------------------------------------
def test_a_span_and_two_years_are_a_series(engine: Engine) -> None:
    answer = engine.answer("15~22년 장기 평균, 23년, 24년 평균을 순서대로 보여줘")
    assert "78.58" in answer.text and "74.02" in answer.text and "78.52" in answer.text


# ---- follow-ups: the counted ones, the year before, the other round ------------------------------
def test_which_services_after_a_count_of_a_round(engine: Engine) -> None:
    answer = ask(engine, "3차 평가에서 75점 미만 몇 곳?", "어떤 사무들이었나요?")
    assert "없습니다" in answer.text or "none" in answer.text.lower()


def test_the_year_before_with_its_particle(engine: Engine) -> None:
    answer = ask(engine, "2023년 평균 점수는?", "전년엔요?")
    assert "77.62" in answer.text


def test_a_bare_ordinal_after_a_comparison_is_the_other_round(engine: Engine) -> None:
    answer = engine.answer("Was the first round of 2023 harder on services than the third?")
    assert "7" in answer.text and "58.3%" in answer.text
    assert "0 / 6" in answer.text


def test_the_third_is_no_fraction(engine: Engine) -> None:
    answer = engine.answer("Was round 1 of 2023 worse than the third for services under 75?")
    assert answer.text.startswith("Yes."), answer.text
    assert "7 − 0 = 7" in answer.text  # round 1's count against round 3's
    assert "33.3%" not in answer.text  # not a share of a third


def test_a_rate_that_improved_is_its_change(engine: Engine) -> None:
    answer = engine.answer("Did the share of excluded services improve between 2023 and 2024?")
    assert answer.text.startswith("Yes.")
    assert "27.7 − 13.1 = 14.6" in answer.text


# ---- the source kind of a scope's figures --------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "start", "expected"),
    [
        ("2024년 결과는 공식 발표된 자료인가요?", "아니요.", "대한경제"),
        ("Are the round 3 results of 2023 an official disclosure?", "Yes.", "official disclosure"),
    ],
)
def test_whether_figures_are_official(
    engine: Engine, question: str, start: str, expected: str
) -> None:
    answer = engine.answer(question)
    assert answer.text.startswith(start)
    assert expected in answer.text


def test_city_officials_are_not_an_official_disclosure(engine: Engine) -> None:
    answer = engine.answer("Did city officials themselves score round 3?")
    assert answer.text.startswith("No.")
    assert "Industrial Relations" in answer.text


# ---- numbers written in words, abbreviations ---------------------------------------------------
@pytest.mark.parametrize(
    "question", ["이천이십삼년 제삼차 평균 점수", "avg for 2023 rnd3", "2023 rd 3 average?"]
)
def test_rounds_and_years_in_words_and_abbreviations(engine: Engine, question: str) -> None:
    assert "79.05" in engine.answer(question).text


def test_a_cardinal_before_round_counts_rounds(engine: Engine) -> None:
    answer = engine.answer("What were the two round averages you know for 2023?")
    assert "Round averages of 2023: 2023 round 3: 79.05" in answer.text, answer.text
    assert "round 2 is not in the knowledge base" not in answer.text
