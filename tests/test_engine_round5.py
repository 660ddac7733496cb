"""Issue 12 round 5 (E1): mechanisms found by the blind fresh7/many7 failures, checked on
the engine's decisions over a several-round knowledge base (tests/fixtures/many-*) and the
seed — in my own words, not the blind questions'."""

from __future__ import annotations

import pytest

from bot.engine import Engine, get_engine
from tests.test_engine_round4 import many  # noqa: F401  (module fixture)


@pytest.mark.parametrize(
    "question", ["2023년 2차 점수들의 중간값은?", "Median score of 2023 round 2?"]
)
def test_median_goes_to_the_averages(many: Engine, question: str) -> None:  # noqa: F811
    d = many.decide(question)
    assert d.intent == "average" and "median" in d.entities.metrics


@pytest.mark.parametrize(
    "question",
    [
        "2023년 2차에서 75점을 넘긴 곳 가운데 점수가 제일 낮은 곳은?",
        "In 2023 round 2, which service scored above 75 points by the narrowest margin?",
        "2023년 2차에 아슬아슬하게 통과한 곳은? 75점 기준",
    ],
)
def test_lowest_on_the_passing_side(many: Engine, question: str) -> None:  # noqa: F811
    d = many.decide(question)
    assert d.intent == "lowest"
    assert d.entities.threshold is not None and d.entities.threshold.direction in (
        "above",
        "at_least",
    )


@pytest.mark.parametrize(
    "question",
    [
        "Which is the latest round on file?",
        "제일 최근 회차가 어디까지야?",
        "the most recent round?",
    ],
)
def test_the_newest_round_itself(many: Engine, question: str) -> None:  # noqa: F811
    d = many.decide(question)
    assert d.intent == "round_summary" and d.entities.latest


def test_most_recent_is_not_highest(many: Engine) -> None:  # noqa: F811
    assert "highest" not in many.decide("the most recent round's average?").entities.metrics


def test_a_year_at_the_end_of_a_sentence() -> None:
    assert get_engine().decide("Show the services excluded in 2023.").entities.year == 2023


def test_a_named_score_as_the_line_a_service_missed(many: Engine) -> None:  # noqa: F811
    d = many.decide("청년일자리센터는 2023년 3차에 75점에서 몇 점 모자랐어?")
    if d.entities.services:
        assert d.intent == "service_score" and d.entities.how == "gap"
        assert d.entities.reference == "cutoff"


@pytest.mark.parametrize(
    ("question", "span"),
    [
        ("평균 점수 21→22→23년 흐름은?", (2021, 2023)),
        ("평균 (22, 23, 24년) 어떻게 변했어?", (2022, 2024)),
        ("2022년에서 2023년으로 평균은 어느 쪽으로 움직였어?", (2022, 2023)),
    ],
)
def test_years_with_a_direction_are_a_span(question: str, span: tuple[int, int]) -> None:
    d = get_engine().decide(question)
    assert d.intent == "direction" and d.entities.year_span == span
