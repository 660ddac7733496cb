"""Mechanisms of session 7 (E4), on the real engine over the shipped seed.

Each test uses phrasings of its own (not the diagnosis sets'): the nominal "-ㅁ" ending of a
yes/no chat question, an amount claimed about a finding, a score line no published count
reaches, scores followed over years with no service, figures in time order, the consigned
services over time and "N년 전", a follow-up's language, a bare metric with its particle,
a gap pointed at the figure just stated, renewals counted, the evaluation's criterion, and
a year asked round by round.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import ask


# ---- yes/no ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "question", ["공통분야도 평가 항목에 포함됨?", "만족도 조사 점수도 반영함?"]
)
def test_a_nominal_ending_asks_yes_or_no(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert answer.operation == "yes_no", answer.text
    assert answer.text.startswith("네"), answer.text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("마포자원회수시설 소각로 설비 25년 넘은 거 맞음?", "아니요"),
        ("마포 소각로 설비 노후화가 10년 이상이지?", "네"),
        ("Mapo's incinerator is under 10 years old, right?", "No"),
    ],
)
def test_an_amount_claimed_of_a_finding_is_checked(
    engine: Any, question: str, opening: str
) -> None:
    answer = ask(engine, question)
    assert answer.text.startswith(opening), answer.text
    assert "18" in answer.text


@pytest.mark.parametrize(
    "question", ["2024년에 55점 미만인 사무도 있었음?", "Did any service score under 62 in 2024?"]
)
def test_a_line_no_count_reaches_cannot_be_known(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert answer.answered is False, answer.text
    assert not answer.text.startswith(("네", "아니", "Yes", "No.")), answer.text
    assert "65" in answer.text  # what is known: the reported band below 65


def test_a_band_the_report_gives_is_still_answered(engine: Any) -> None:
    answer = ask(engine, "2024년 65점 미만 받은 데 있었음?")
    assert answer.answered and answer.text.startswith("네"), answer.text


# ---- trends ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "were scores higher or lower in 2023 than 2022?",
        "did scores go up or down between 2022 and 2023",
    ],
)
def test_scores_over_years_without_a_service_are_averages(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert answer.answered, answer.text
    assert "77.62" in answer.text and "74.02" in answer.text
    assert "Which service" not in answer.text


@pytest.mark.parametrize(
    "question", ["list the yearly average scores chronologically", "평균 점수 연도순으로 보여줘"]
)
def test_averages_in_time_order_list_every_year(engine: Any, question: str) -> None:
    text = ask(engine, question).text
    figures = ["78.58", "77.62", "74.02", "78.52"]
    assert all(f in text for f in figures), text
    positions = [text.index(f) for f in figures]
    assert positions == sorted(positions), text  # the long run first, then year by year


@pytest.mark.parametrize(
    "question", ["서울시 위탁사무 21년 이후로 늘어나는 중?", "민간위탁 사무가 계속 줄어드는 중?"]
)
def test_consigned_services_over_time_are_their_count(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "consignment", answer.text
    assert "421" in answer.text and "377" in answer.text


def test_years_ago_counts_back_from_the_conversation(engine: Any) -> None:
    answer = ask(engine, "민간위탁 사무 전체 몇 개임?", "1년 전에는?")
    assert answer.answered and "421" in answer.text, answer.text
    assert "420" not in answer.text  # that year alone, not the whole series


def test_years_ago_in_english_steps_from_the_year_asked(engine: Any) -> None:
    answer = ask(engine, "what was the average in 2023?", "and one year before?")
    assert "77.62" in answer.text, answer.text
    later = ask(engine, "what was the average in 2022?", "two years later?")
    assert "78.52" in later.text, later.text


def test_a_year_asked_round_by_round_names_reported_rounds(engine: Any) -> None:
    answer = ask(engine, "2023년 회차별로 기준 미만 사무 수 알려줘")
    text = answer.text
    assert "7" in text and "12" in text and "뉴스핌" in text, text
    assert text.index("제1차") < text.index("제3차"), text


def test_a_year_across_rounds_is_not_the_year_before(engine: Any) -> None:
    answer = ask(engine, "2023년엔 회차가 지나면서 미달 비율 어떻게 변했어?")
    assert "58" in answer.text, answer.text
    assert "77.62" not in answer.text


# ---- about ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "어떤 사무가 종합성과평가 대상이 되나요?",
        "what sort of services qualify for this evaluation?",
    ],
)
def test_the_criterion_of_evaluated_services_is_the_rule(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "purpose", answer.text
    assert "만료" in answer.text or "period is ending" in answer.text


def test_a_round_list_is_still_the_list(engine: Any) -> None:
    answer = ask(engine, "3차에 평가 대상이었던 사무들 뭐야?")
    assert answer.intent == "services_list", answer.text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("is a contractor allowed to be re-contracted twice?", "No"),
        ("수탁기관이 재계약을 한 번 넘게 할 수 있어?", "아니요"),
    ],
)
def test_renewals_counted_are_the_contract_rules(engine: Any, question: str, opening: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "consignment", answer.text
    assert answer.text.startswith(opening), answer.text
    assert "뉴스핌" in answer.text or "Newspim" in answer.text


# ---- conversation ------------------------------------------------------------------------
def test_a_wordless_follow_up_keeps_the_conversations_language(engine: Any) -> None:
    answer = ask(engine, "what was the 2022 average?", "2023?")
    assert answer.lang == "en", answer.text


def test_a_metric_with_its_particle_is_a_bare_follow_up(engine: Any) -> None:
    answer = ask(engine, "2024년 기준 미만 사무 몇 개야?", "퍼센트로는요?")
    assert "13.1" in answer.text, answer.text


def test_a_gap_pointed_at_the_last_figure_measures_from_it(engine: Any) -> None:
    answer = ask(engine, "2022년 전체 평균은?", "2023년 전체 평균은 그보다 몇 점 낮아?")
    assert "3.6" in answer.text, answer.text
    assert "0.98" not in answer.text  # not the distance to the cutoff
