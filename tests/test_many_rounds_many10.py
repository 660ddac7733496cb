"""Mechanisms found by the blind many10 set (seed + tests/fixtures/blind/many10), checked
with hand-computed values from those pages and phrasings of their own.

2024 round 3 publishes every score (78.36; under 75: 71.85 and 73.40); 2025 round 1 only
three scores (91.20, 72.60, 64.30) and a band table (90+ 1, 80–90 7, 75–80 5, <75 2 of 15);
2026 round 1 publishes every score (78.83) and findings for four services; 2025 as a
whole averaged 79.64, 2024 78.52, 2023 74.02, 2022 77.62.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.engine import Engine
from tests.helpers import ask


@pytest.fixture(scope="module")
def many10(blind_engine: Callable[[str], Engine]) -> Engine:
    return blind_engine("many10")


# ---- score bands a page published ----------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("2025년 제1차에서 점수 80 이상인 사무는 몇 곳?", "1 + 7 = 8"),
        ("In round 1 of 2025, how many services got at least 90 points?", "1 of 15"),
        ("2025년 1차 80점대 사무 수는?", "7"),
    ],
)
def test_published_bands_add_up_to_the_asked_side(
    many10: Engine, question: str, expected: str
) -> None:
    answer = ask(many10, question)
    assert answer.answered, answer.text
    assert expected in answer.text, answer.text


def test_the_top_is_known_when_the_top_band_holds_the_published_best(many10: Engine) -> None:
    answer = ask(many10, "What was the best score in 2025 round 1?")
    assert answer.answered, answer.text
    assert "91.20" in answer.text


@pytest.mark.parametrize("which", ["So which was it?", "그게 어디였어?"])
def test_which_after_a_count_names_the_counted(many10: Engine, which: str) -> None:
    answer = ask(many10, "2025년 1차에 90점 이상 받은 곳 몇 개야?", which)
    assert answer.answered, answer.text
    assert "91.20" in answer.text


# ---- services of the previous answer -------------------------------------------------------
def test_their_scores_keep_the_listed_services(many10: Engine) -> None:
    answer = ask(many10, "2024년 3차에서 75점 못 넘은 곳 어디야?", "걔들 점수는?")
    assert "71.85" in answer.text and "73.40" in answer.text, answer.text
    answer = ask(many10, "2024년 3차에서 75점 못 넘은 곳 어디야?", "걔들 점수는?", "2025년 1차는?")
    assert "64.30" in answer.text and "72.60" in answer.text, answer.text


def test_a_gap_between_the_two_listed_services(many10: Engine) -> None:
    answer = ask(many10, "2024년 3차 75점 미만 사무 알려줘", "그 둘 점수 차이는?")
    assert "1.55" in answer.text and "71.85" in answer.text, answer.text


def test_a_renewal_verdict_and_a_year_follow_the_service(many10: Engine) -> None:
    first = ("청년활동지원센터 2024년 몇 점 받았어?", "재계약은 됐나?")
    verdict = ask(many10, *first)
    assert verdict.text.startswith("아니요"), verdict.text
    assert "청년활동" in verdict.text
    later = ask(many10, *first, "2026년은?")
    assert "81.25" in later.text, later.text


# ---- scopes -----------------------------------------------------------------------------------
def test_last_year_beside_a_named_year_is_the_year_before_it(many10: Engine) -> None:
    answer = ask(many10, "2024년 3차 평균, 작년 전체 평균보다 얼마나 높아?")
    assert "78.36 − 74.02 = 4.34" in answer.text, answer.text


def test_the_newest_round_against_a_named_year(many10: Engine) -> None:
    answer = ask(many10, "가장 최근 차수 평균을 2024년 연간 평균과 비교하면?")
    assert "78.83 − 78.52 = 0.31" in answer.text, answer.text


def test_a_span_of_years_compares_its_ends(many10: Engine) -> None:
    answer = ask(many10, "2022년에서 2025년까지 연간 평균은 얼마나 올랐어?")
    assert "79.64 − 77.62 = 2.02" in answer.text, answer.text


def test_a_round_named_as_the_other_side_keeps_the_subject(many10: Engine) -> None:
    answer = ask(many10, "2025년 1차 평균 알려줘", "2023년 3차랑 비교하면?")
    assert "80.37 − 79.05 = 1.32" in answer.text, answer.text


def test_rounds_ranked_by_their_averages(many10: Engine) -> None:
    answer = ask(many10, "불러온 회차 중에서 평균이 제일 높았던 회차는 어디야?")
    assert answer.text.splitlines()[1].startswith("2025년 제1차"), answer.text


# ---- what is not known -------------------------------------------------------------------------
def test_a_whole_year_average_not_published(many10: Engine) -> None:
    answer = ask(many10, "Has a whole-year average for 2026 come out?")
    assert answer.answered is False, answer.text
    assert "78.83" in answer.text  # what is known: its loaded round


def test_a_service_missing_from_a_partly_loaded_year_is_not_known(many10: Engine) -> None:
    answer = ask(many10, "Did the Seoul Startup Hub get a score in 2025?")
    assert answer.answered is False, answer.text


def test_findings_a_page_did_not_publish(many10: Engine) -> None:
    answer = ask(many10, "1인가구지원센터 주요 성과 나온 게 있나?")
    assert answer.answered is False, answer.text
    assert "1인가구" in answer.text


# ---- reasons and consequences ------------------------------------------------------------------
def test_why_a_low_score_gives_the_improvement_findings(many10: Engine) -> None:
    answer = ask(many10, "마포자원회수시설은 왜 점수가 낮게 나왔지?")
    assert answer.intent == "findings", answer.text
    assert "노후 설비" in answer.text and "가동률" not in answer.text, answer.text


def test_a_rank_under_the_cutoff_says_what_follows(many10: Engine) -> None:
    answer = ask(many10, "Where did 공익활동지원센터 rank in 2026?")
    assert "69.80" in answer.text and "open call" in answer.text, answer.text


def test_a_year_count_less_the_reported_round(engine: Any) -> None:
    answer = ask(engine, "2023년 기준 미달 사무가 전부 몇 개였지?")
    assert "13 − 0 − 7 = 6" in answer.text, answer.text


def test_a_number_quoted_from_a_finding_is_not_invented(many10: Engine) -> None:
    """The invented-number check allows what a finding itself says ("가동률 94.2%"),
    and still refuses a decimal nothing published holds."""
    from bot.evaluate import allowed_numbers, invented_numbers

    allowed = allowed_numbers(many10.queries)
    answer = many10.answer("마포자원회수시설 2026년 성과가 뭐야?")
    assert "94.2" in answer.text, answer.text
    assert invented_numbers(answer.text, allowed) == []
    assert invented_numbers("가동률 94.3%", allowed) == ["94.3"]
