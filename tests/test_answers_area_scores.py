"""Answers and routing: scores by scoring area where a round publishes them
(a service's area score, its share of the area's points, a round ranked by one area, an
area's points from round to round), a yes/no about a scope never answered from another
one, the figures of a ranking kept for "the gap between them", "evaluated again in <year>?"
with some of that year's rounds loaded, lists in the order asked, and the routing gaps a
fresh blind set showed (two-part answers repeated, a pronoun that names the service, an
unknown name that is not a description, "got through", an ordinal "마지막 건" …).

Phrasings are new (in no question set)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from bot.engine import Engine
from tests.helpers import clean


@pytest.fixture(scope="module")
def areas(blind_engine: Callable[[str], Engine]) -> Engine:
    """The seed plus 2024 round 2 (scores by area beside each total), 2025 round 1 (each
    area's points, changed) and 2026 round 3 (no area scores)."""
    return blind_engine("many13")


@pytest.fixture(scope="module")
def round_one(blind_engine: Callable[[str], Engine]) -> Engine:
    """The seed plus 2024 round 1 (every score published)."""
    return blind_engine("many")


@pytest.fixture(scope="module")
def part_of_2026(blind_engine: Callable[[str], Engine]) -> Engine:
    """The seed plus rounds of 2024–2026, 2026 only in part (its round 2 with its list)."""
    return blind_engine("many8")


# ---- scores by area -----------------------------------------------------------------------------
def test_a_services_area_score_comes_from_the_round_that_publishes_it(areas: Engine) -> None:
    answer = areas.answer("청년활동지원센터 공통분야 점수 몇 점이었어?")
    assert answer.answered, answer.text
    assert "29.5" in answer.text and "40점" in answer.text, answer.text
    assert "2024년 제2차" in answer.text, answer.text
    clean(areas, answer.text)


def test_an_area_score_as_a_share_of_its_points(areas: Engine) -> None:
    answer = areas.answer("What percentage of the satisfaction points did the startup hub get?")
    assert answer.answered, answer.text
    assert "8.3 / 10 = 83%" in answer.text, answer.text


def test_every_area_of_one_service_with_its_total(areas: Engine) -> None:
    answer = areas.answer("노동권익센터 분야별로 몇 점 받았어?")
    assert answer.answered, answer.text
    for value in ("33.0", "41.6", "7.9", "82.5"):
        assert value in answer.text, answer.text


def test_a_round_ranked_by_one_area_lowest_first(areas: Engine) -> None:
    answer = areas.answer("2024년 2차 개별분야 점수 가장 낮은 사무 어디야?")
    assert answer.answered, answer.text
    first = answer.text.splitlines()[0]
    assert "외국인근로자" in first and "가장 낮은" in first, answer.text
    clean(areas, answer.text)


def test_a_round_without_area_scores_says_so_and_names_the_round_that_has_them(
    areas: Engine,
) -> None:
    answer = areas.answer("2026년 3차에서 만족도 점수 1등은 어디야?")
    assert not answer.answered, answer.text
    assert "2026년 제3차" in answer.text and "2024년 제2차" in answer.text, answer.text


def test_the_seed_still_publishes_no_area_scores(engine: Engine) -> None:
    answer = engine.answer("핀테크랩 만족도 점수 알려줘")
    assert not answer.answered, answer.text
    assert "나와 있지 않습니다" in answer.text, answer.text


def test_an_areas_points_change_is_computed(areas: Engine) -> None:
    answer = areas.answer("공통분야 배점 몇 점 줄었어?")
    assert "40" in answer.text and "35" in answer.text, answer.text
    assert "35 − 40 = -5" in answer.text, answer.text


# ---- a scope asked is the scope answered --------------------------------------------------------
def test_a_yes_no_about_an_unloaded_year_is_never_answered_from_another(areas: Engine) -> None:
    answer = areas.answer("2028년 평가 결과 발표됐나요?")
    assert not answer.answered, answer.text
    assert not answer.text.startswith("네"), answer.text
    assert "2028" in answer.text, answer.text
    english = areas.answer("Has the 2029 round been published yet?")
    assert not english.text.startswith("Yes"), english.text


def test_a_rule_asked_of_a_future_year_is_not_held(areas: Engine) -> None:
    answer = areas.answer("2028년에도 재계약 기준 75점으로 적용되나요?")
    assert not answer.answered, answer.text
    assert not answer.text.startswith("네"), answer.text
    assert answer.intent == "out_of_range" and "2028" in answer.text, answer.text


def test_the_use_of_results_of_an_unloaded_round_says_it_is_not_loaded(areas: Engine) -> None:
    answer = areas.answer("2026년 2차 평가 결과는 어디에 쓰여?")
    assert answer.text.splitlines()[0].startswith("불러온 자료에 2026년 제2차"), answer.text


# ---- the open requests --------------------------------------------------------------------------
def test_the_gap_between_a_top_and_a_bottom_scorer(round_one: Engine) -> None:
    top = round_one.answer("2024년 1차 1등 사무 어디야?")
    bottom = round_one.answer("꼴찌는?", context=top.context)
    gap = round_one.answer("둘 점수 차이 얼마야?", context=bottom.context)
    assert "16.25" in gap.text, gap.text
    assert "자원봉사" in gap.text and "동물복지" in gap.text, gap.text


def test_evaluated_again_in_a_partly_loaded_year_is_no_with_its_rounds(
    part_of_2026: Engine,
) -> None:
    answer = part_of_2026.answer("Did the Seonam working moms center get evaluated in 2026 too?")
    assert answer.text.startswith("No"), answer.text
    assert answer.answered and answer.sources, answer.text
    assert "2026 round 2" in answer.text, answer.text


def test_a_score_asked_in_a_partly_loaded_year_stays_unknown(part_of_2026: Engine) -> None:
    answer = part_of_2026.answer("서남권직장맘지원센터 2026년 점수는 몇 점 나왔어?")
    assert not answer.text.startswith("아니요"), answer.text
    assert not answer.answered and "2026" in answer.text, answer.text


def test_an_average_against_the_cutoff_names_the_average(engine: Engine) -> None:
    answer = engine.answer("23년 3차 평균은 커트라인보다 얼마나 높아?")
    assert "평균" in answer.text.splitlines()[0], answer.text


def test_lists_in_the_order_asked(areas: Engine) -> None:
    ranked = areas.answer("2024년 2차 사무들 점수 낮은 것부터 순위 보여줘")
    lines = [line for line in ranked.text.splitlines() if re.match(r"\d+\. ", line)]
    assert lines[0].startswith("9.") and "67.4" in lines[0], ranked.text
    below = areas.answer("2024년 2차 기준 미달 사무를 점수 낮은 순서로")
    assert below.text.index("67.4") < below.text.index("71.8"), below.text


# ---- routing gaps of the fresh blind set --------------------------------------------------------
def test_a_two_part_answer_is_repeated_whole_in_the_other_language(engine: Engine) -> None:
    first = engine.answer("3차 평가기관이랑 평가 기간 둘 다 알려줘")
    again = engine.answer("in English please", context=first.context)
    assert "Industrial Relations" in again.text and "June" in again.text, again.text


def test_both_parts_asked_again_for_the_whole_year(engine: Engine) -> None:
    first = engine.answer("2023년 3차 평균하고 미달 사무 수 같이 알려줘")
    assert "79.05" in first.text, first.text
    wider = engine.answer("그해 전체로 보면 둘 다 어때?", context=first.context)
    assert "74.02" in wider.text and "13" in wider.text, wider.text


def test_a_pronoun_names_the_service_even_when_its_words_match_a_finding(engine: Engine) -> None:
    found = engine.answer("Which centre offers legal counselling at lunchtime?")
    tasks = engine.answer("And what should it improve?", context=found.context)
    who = engine.answer("그 센터 운영하는 법인은 어디야?", context=tasks.context)
    assert who.intent == "not_published", who.text
    assert not who.answered, who.text


def test_an_unknown_centre_with_evaluation_words_is_unknown(engine: Engine) -> None:
    answer = engine.answer("서울시 청소년상담복지센터 민간위탁 평가 결과 좀 알려줘")
    assert answer.intent == "unknown_service", answer.text
    assert not answer.answered, answer.text


def test_a_year_moving_into_the_next_is_two_years(engine: Engine) -> None:
    answer = engine.answer("2022년에서 2023년으로 넘어오면서 연평균은 어떻게 바뀌었어?")
    assert "77.62" in answer.text and "74.02" in answer.text, answer.text


def test_a_count_comparison_of_the_situation_gives_each_share(engine: Engine) -> None:
    answer = engine.answer("23년 1차랑 3차 탈락 현황 비교해줘")
    assert "58.3%" in answer.text, answer.text


def test_that_figure_against_another_average(engine: Engine) -> None:
    first = engine.answer("2024년 연평균 점수 알려줘")
    check = engine.answer("Was that higher than the 2015-2022 average?", context=first.context)
    assert check.text.startswith("No"), check.text
    assert "0.06" in check.text, check.text


def test_how_many_got_through_keeps_the_year(engine: Engine) -> None:
    first = engine.answer("How many services fell below 75 in 2024?")
    passed = engine.answer("and how many made it through?", context=first.context)
    assert "53" in passed.text, passed.text


def test_the_last_one_of_a_list_after_picking_another(engine: Engine) -> None:
    listed = engine.answer("2023년 3차 평가 사무 전부 보여줘")
    second = engine.answer("두 번째 건 성과는?", context=listed.context)
    last = engine.answer("마지막 건 성과는?", context=second.context)
    assert "경계선" in last.text, last.text


def test_a_stated_figures_origin_with_its_span_words(engine: Engine) -> None:
    answer = engine.answer("Where did the annual 27.7% come from?")
    assert answer.intent == "figure_lookup", answer.text
    assert "13 / 47" in answer.text, answer.text


def test_a_years_count_as_a_share_of_a_quoted_whole(engine: Engine) -> None:
    answer = engine.answer("2023년에 평가받은 사무가 377개 중에 몇 %야?")
    assert "47 / 377 = 12.5%" in answer.text, answer.text


def test_which_listed_service_a_common_word_names(engine: Engine) -> None:
    listed = engine.answer("3차 평가받은 사무 목록")
    which = engine.answer(
        "Which one of them is the Mapo incineration plant?", context=listed.context
    )
    assert which.intent == "which_is", which.text
    assert which.answered and "Mapo" in which.text, which.text


def test_a_pool_of_evaluations_is_the_years_count(engine: Engine) -> None:
    answer = engine.answer("How big was the whole pool of services evaluated in 2023?")
    assert "47" in answer.text, answer.text


def test_a_count_stated_before_a_years_services(engine: Engine) -> None:
    answer = engine.answer("Did 12 of 2023's failing services come from the first two rounds?")
    assert answer.text.startswith("No"), answer.text


def test_two_services_side_by_side_in_one_area(areas: Engine) -> None:
    answer = areas.answer("자원봉사센터하고 시민청 개별분야 점수 비교하면?")
    assert answer.answered, answer.text
    assert "−" in answer.text and "50점" in answer.text, answer.text
    clean(areas, answer.text)
