"""Many rounds, handler by handler: the operations issue 8 added, given the entities a
question means (whatever wording the understanding layer learns for them), over the seed +
tests/fixtures/many-* database (hand-computed figures: tests/questions/many_rounds.yaml).

The newest round (2024 R2) publishes no scores; 2023 R1 (한빛도서관 81.20, 누리청소년센터
75.00, 바다쉼터 72.10, 솔숲체육센터 68.40, average 74.18) and 2024 R1 (누리 79.40, 바다쉼터
76.30, 새봄어린이집 70.00, average 75.23) do.
"""

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
    folder = tmp_path_factory.mktemp("many-handlers")
    return engine_from_sources(folder, *sorted((HERE / "fixtures").glob("many-*")))


def service(engine: Engine, word: str) -> int:
    return next(s.id for s in engine.queries.services() if word in s.name_ko)


def test_the_mean_of_every_published_score_shows_its_arithmetic(engine: Engine) -> None:
    # (81.20 + 75.00 + 72.10 + 68.40 + 79.40 + 76.30 + 70.00) / 7 = 522.40 / 7 = 74.628… → 74.63
    reply = ask(engine, "average", metrics=frozenset({"average", "scores"}))
    assert reply.answered
    assert "(81.20 + 75.00 + 72.10 + 68.40 + 79.40 + 76.30 + 70.00) / 7 = 74.63" in reply.text
    assert "2023 round 1 and 2024 round 1" in reply.text


def test_the_mean_of_one_rounds_scores_sits_beside_its_published_average(
    engine: Engine,
) -> None:
    reply = ask(
        engine, "average", "ko", year=2024, round_no=1, metrics=frozenset({"average", "scores"})
    )
    assert "(79.40 + 76.30 + 70.00) / 3 = 75.23" in reply.text
    assert "75.23점" in reply.text.splitlines()[-1]  # the page's own average


def test_scores_by_band(engine: Engine) -> None:
    reply = ask(engine, "distribution", year=2023, round_no=1)
    lines = reply.text.splitlines()
    assert reply.answered and "4 published scores" in lines[0]
    assert lines[1].startswith("From 80 points") and "81.20" in lines[1]
    assert "75.00" in lines[2] and "72.10" in lines[3] and "68.40" in lines[4]
    every = ask(engine, "distribution", "ko", every_round=True)
    assert "7개" in every.text and "2023년 제1차 및 2024년 제1차" in every.text
    silent = ask(engine, "distribution", year=2024, round_no=2)
    assert not silent.answered and "not published" in silent.text


def test_a_services_next_and_previous_evaluation(engine: Engine) -> None:
    nuri = service(engine, "누리")
    after = ask(
        engine, "service_score", "ko", services=(nuri,), year=2023, round_no=1, reference="next"
    )
    assert after.answered and "79.40" in after.text and "2024년 제1차" in after.text
    before = ask(
        engine, "service_score", services=(nuri,), year=2024, round_no=1, reference="previous"
    )
    assert "75.00" in before.text and "79.40" not in before.text
    none = ask(engine, "service_score", services=(nuri,), year=2024, round_no=1, reference="next")
    assert not none.answered and "no later evaluation" in none.text


def test_did_its_score_rise_both_directions_and_unknown(engine: Engine) -> None:
    nuri, sea = service(engine, "누리"), service(engine, "바다쉼터")
    up = ask(engine, "service_score", services=(nuri,), how="yes_no", compare="other")
    assert up.text.splitlines()[0] == (
        "Its score rose by 4.40 points from 2023 round 1 to 2024 round 1 (79.40 − 75.00 = 4.40)."
    )
    rose = ask(engine, "service_score", "ko", services=(sea,), how="trend")
    assert "4.20점 올랐습니다" in rose.text.splitlines()[0]  # 76.30 − 72.10
    once = ask(
        engine,
        "service_score",
        services=(service(engine, "한빛"),),
        how="yes_no",
        metrics=frozenset({"history"}),
    )
    assert once.text.startswith("No")
    twice = ask(engine, "service_score", services=(nuri,), how="yes_no")
    assert twice.text.startswith("Yes — it was evaluated 2 times.")


def test_two_services_and_the_gap_between_them(engine: Engine) -> None:
    first, second = service(engine, "한빛"), service(engine, "솔숲")
    reply = ask(engine, "service_score", services=(first, second), how="gap")
    assert "81.20 − 68.40 = 12.80" in reply.text and "12.80 points more" in reply.text
    other_way = ask(engine, "service_score", "ko", services=(second, first), how="gap")
    assert "68.40 − 81.20 = -12.80" in other_way.text and "12.80점 낮습니다" in other_way.text


def test_services_above_the_rounds_own_average(engine: Engine) -> None:
    # 2023 R1 average 74.18: above it 81.20 and 75.00; below it 72.10 and 68.40
    above = ask(
        engine,
        "below_cutoff",
        year=2023,
        round_no=1,
        reference="average",
        threshold=Threshold(0, "above"),
    )
    assert "74.18" in above.text and "81.20" in above.text and "75.00" in above.text
    assert "72.10" not in above.text
    below = ask(
        engine,
        "below_cutoff",
        "ko",
        year=2023,
        round_no=1,
        reference="average",
        threshold=Threshold(0, "below"),
    )
    assert "72.10" in below.text and "68.40" in below.text and "81.20" not in below.text


def test_the_average_of_the_services_listed(engine: Engine) -> None:
    reply = ask(
        engine,
        "below_cutoff",
        year=2023,
        round_no=1,
        threshold=Threshold(75, "at_least"),
        metrics=frozenset({"average"}),
    )
    assert "(81.20 + 75.00) / 2 = 78.10" in reply.text
    band = ask(engine, "below_cutoff", "ko", band=(70.0, 80.0), metrics=frozenset({"average"}))
    # 75.00, 72.10, 79.40, 76.30, 70.00 → 372.80 / 5 = 74.56
    assert "(75.00 + 72.10 + 79.40 + 76.30 + 70.00) / 5 = 74.56" in band.text


def test_a_threshold_the_newest_round_cannot_answer_uses_the_rounds_that_can(
    engine: Engine,
) -> None:
    reply = ask(engine, "below_cutoff", "ko", threshold=Threshold(80, "at_least"))
    assert reply.text.splitlines()[0].startswith("불러온 자료의 최신 차수인 2024년 제2차")
    assert "81.20" in reply.text and "79.40" not in reply.text
    # the newest round's published count settles "below 75": it answers itself
    cutoff = ask(engine, "below_cutoff", threshold=Threshold(75, "below"))
    assert "2024 round 2" in cutoff.text.splitlines()[0]


def test_the_evaluator_of_each_round_and_when_it_changed(engine: Engine) -> None:
    """2023 R1–R2 and 2024 R1–R2: 가상평가연구원; 2023 R3 (seed): 한국산업관계연구원."""
    year = ask(engine, "evaluator", "ko", year=2023)
    lines = year.text.splitlines()
    assert lines[0].startswith("2023년 제1차: 가상평가연구원")
    assert "한국산업관계연구원" in lines[2]
    assert "가상평가연구원(2023년 제2차)에서 한국산업관계연구원(2023년 제3차)" in year.text
    same = ask(engine, "evaluator", year=2024)
    assert same.text.startswith("The same evaluator carried out every one of these rounds.")
    two = ask(engine, "evaluator", year=2024, compare="year", compare_year=2023)
    assert len([line for line in two.text.splitlines() if ": " in line]) == 5


def test_the_period_of_every_round(engine: Engine) -> None:
    reply = ask(engine, "period", every_round=True)
    lines = reply.text.splitlines()
    assert len(lines) == 5 and lines[0].startswith("2023 round 1: from February 2023")
    assert lines[-1].startswith("2024 round 2: from May 2024 to July 2024")


def test_the_services_evaluated_more_than_once(engine: Engine) -> None:
    reply = ask(engine, "services_list", "ko", metrics=frozenset({"history"}))
    lines = reply.text.splitlines()
    assert "2개" in lines[0] and len(lines) == 3
    assert "2023년 제1차: 75.00점 및 2024년 제1차: 79.40점" in lines[1]  # renamed: one service
    assert "바다쉼터" in lines[2] and "72.10" in lines[2] and "76.30" in lines[2]


def test_a_years_bands_from_a_report_beside_its_published_scores(engine: Engine) -> None:
    """2024: R1's three scores by band, then the report's whole-year bands (대한경제: under
    65: 2, 65–70: 1, 70–75: 5; 61 evaluated, 8 below → 61 − 8 = 53 at 75 or above)."""
    reply = ask(engine, "distribution", "ko", year=2024)
    last = reply.text.splitlines()[-1]
    assert "65점 미만: 2개" in last and "70점 이상 75점 미만: 5개" in last
    assert "61 − 8 = 53개" in last and "보도" in last  # the report is named in the sentence
    assert "79.40" in reply.text
