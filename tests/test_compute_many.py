"""Calculations over several loaded rounds with published scores (the seed + the
tests/fixtures/many-* rounds; hand-computed figures in tests/test_many_rounds_handlers.py):
2023 R1 scores 한빛도서관 81.20, 누리청소년센터 75.00, 바다쉼터 72.10, 솔숲체육센터 68.40."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine
from bot.understand.entities import Threshold
from tests.helpers import engine_from_sources, handle

HERE = Path(__file__).resolve().parent


#: the handler called with entities (tests/helpers.py)
ask = handle


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("compute-many")
    return engine_from_sources(folder, *sorted((HERE / "fixtures").glob("many-*")))


def test_each_listed_service_shows_its_distance_from_the_cutoff(engine: Engine) -> None:
    # "how far short of 75 was each one?": the services under it, each with its gap —
    # 75.00 is not below 75
    reply = ask(
        engine,
        "gap",
        year=2023,
        round_no=1,
        threshold=Threshold(75.0, "below"),
        how="gap",
        reference="cutoff",
        what="average",
    )
    assert "75 − 72.10 = 2.90" in reply.text and "75 − 68.40 = 6.60" in reply.text
    assert "75.00" not in reply.text


def test_an_average_gap_with_a_threshold_stays_the_average(engine: Engine) -> None:
    reply = ask(
        engine,
        "gap",
        year=2023,
        round_no=1,
        threshold=Threshold(75.0, "below"),
        metrics=frozenset({"average"}),
        how="gap",
        reference="cutoff",
        what="average",
    )
    assert "75 − 74.18 = 0.82" in reply.text
