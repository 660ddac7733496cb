"""Mechanisms found by the blind many4 set (seed + tests/fixtures/blind/many4), checked
with hand-computed values from those pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine
from tests.helpers import engine_with_pages

PAGES = Path(__file__).resolve().parent / "fixtures" / "blind" / "many4"


@pytest.fixture(scope="module")
def engine(kb_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_with_pages(kb_path, PAGES, tmp_path_factory.mktemp("many4"))


def test_a_round_list_shows_the_published_scores(engine: Engine) -> None:
    text = engine.answer("2025년 2차 평가 대상 사무 목록 보여줘").text
    for value in ("81.20", "77.85", "84.10", "79.81"):
        assert value in text
    seed = engine.answer("2023년 3차 평가 대상 사무 목록 보여줘").text  # no scores published
    assert "점" not in seed.split("\n", 1)[1]


def test_a_year_list_carries_the_year_counts(engine: Engine) -> None:
    text = engine.answer("2024년에 평가받은 사무 전부 알려줘").text
    assert "61" in text and "대한경제" in text  # the report's whole-year count, labelled


def test_years_ranked_by_share_below_the_cutoff(engine: Engine) -> None:
    text = engine.answer("Which year had the highest share of services below 75?", "en").text
    first, *rest = text.splitlines()
    assert "2023" in first and "27.7%" in first
    assert any("20.0%" in line for line in rest)  # 2022 rounds 1–2: 6 of 30
    assert any("13.1%" in line and "report" in line for line in rest)  # 2024, reported
