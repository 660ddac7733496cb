"""Where a question's numbers point: two scopes in one question, score bands, stated counts,
and numbers outside the data (issue 9, "Out-of-range input")."""

from __future__ import annotations

import pytest

from bot.understand import scopes


@pytest.mark.parametrize(
    ("question", "fields"),
    [
        (
            "2023년 1차와 3차 평균 비교",
            {
                "year": 2023,
                "round_no": 3,
                "compare": "round",
                "compare_year": 2023,
                "compare_round": 1,
            },
        ),
        (
            "2023년 3차랑 2024년 1차",
            {
                "year": 2024,
                "round_no": 1,
                "compare": "round",
                "compare_year": 2023,
                "compare_round": 3,
            },
        ),
        (
            "2024년 1차와 2023년 전체",
            {"year": 2024, "round_no": 1, "compare": "year", "compare_year": 2023},
        ),
        (
            "2023년 3차와 2024년 평균",
            {
                "year": 2024,
                "round_no": None,
                "compare": "round",
                "compare_year": 2023,
                "compare_round": 3,
            },
        ),
        (
            "3차와 1차",
            {
                "year": None,
                "round_no": 3,
                "compare": "round",
                "compare_year": None,
                "compare_round": 1,
            },
        ),
        (
            "3차 평균이랑 2022년 평균 차이는?",
            {"year": None, "round_no": 3, "compare": "year", "compare_year": 2022},
        ),
        ("2023년 평균과 3차 평균", {"year": 2023, "round_no": 3, "compare": "whole_year"}),
        (
            "2023 round 3 vs 2022",
            {"year": 2023, "round_no": 3, "compare": "year", "compare_year": 2022},
        ),
    ],
)
def test_two_scopes_the_later_first(question: str, fields: dict) -> None:
    found = scopes.two_scopes(question.lower(), 2023)
    assert found is not None
    assert {k: found.get(k) for k in fields} == fields


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("1차 평균이 2024년 평균보다 높았어?", True),
        ("Was round 2 of 2022 above the 2023 round 1 average?", True),
        ("2024년 평균이 2023년 3차보다 높아?", False),
    ],
)
def test_the_scope_named_first_is_the_subject(question: str, first: bool) -> None:
    found = scopes.two_scopes(question.lower(), 2023)
    assert found is not None and found.get("compare_first", False) is first


@pytest.mark.parametrize(
    "question", ["round 3 of 2023", "2023년 평가에서 3차 평균은?", "2023년 3차 평균", "R3 2023"]
)
def test_one_round_of_one_year_is_one_scope(question: str) -> None:
    assert scopes.two_scopes(question.lower(), 2023) is None


@pytest.mark.parametrize(
    ("question", "band"),
    [
        ("70점대 사무", (70.0, 80.0)),
        ("between 70 and 75", (70.0, 75.0)),
        ("70~75점", (70.0, 75.0)),
        ("70점 이상 75점 미만", (70.0, 75.0)),
        ("from 70 to under 75", (70.0, 75.0)),
        ("2024년에 65~70점 구간은 몇 개?", (65.0, 70.0)),
        ("2015~2022년 평균", None),
        ("75점 미만", None),
    ],
)
def test_score_bands(question: str, band: tuple[float, float] | None) -> None:
    assert scopes.band(question.lower()) == band


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("101점 미만 사무는?", "score:101"),
        ("-5점 미만 사무 있어?", "score:-5"),
        ("scores below 1000", "score:1000"),
        ("평균이 999점이야?", "score:999"),
        ("9999년 평균", "year:9999"),
        ("1800년 평가 결과", "year:1800"),
        ("What was the average in the year 3000?", "year:3000"),
        ("round 18446744073709551616 average", "round:18446744073709551616"),
        ("99차 평가 결과", "round:99"),
        ("75점 미만", None),
        ("100점 만점", None),
        ("2019년 평균", None),
        ("2023년 4차산업", None),
        ("0점 이상", None),
    ],
)
def test_numbers_outside_the_data(question: str, found: str | None) -> None:
    assert scopes.out_of_range(question.lower(), (2015, 2024)) == found


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("3차 평가 대상이 6개 맞아?", 6),
        ("Were 10 services evaluated?", 10),
        ("half of the round 1 services", None),
        ("평균 점수", None),
    ],
)
def test_stated_counts(question: str, count: int | None) -> None:
    assert scopes.count(question.lower()) == count
