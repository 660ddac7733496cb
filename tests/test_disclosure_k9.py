"""Parser audit of the many-round sets: what a page publishes beside a service's total (its
scores by scoring area, each area's points), English findings kept in their own words, and a
"※" note read twice kept once.

Fixtures tests/fixtures/k9-* are synthetic (their first line says so); pages are ingested with
the real seed into a real SQLite knowledge base, and questions go through the real engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine
from knowledge.disclosure import parse
from knowledge.disclosure.statements import area_points
from knowledge.model import AreaScore
from knowledge.queries import Queries
from knowledge.store import ingest_text, open_db
from tests.test_disclosure import FIXTURES, SEED
from tests.test_disclosure_k5 import page, refused_untouched

SPANNED = "k9-2061-round2-area-scores.html"
FLAT = "k9-2062-round1-area-header.txt"
ENGLISH = "k9-2063-round3-english-points.txt"
K9 = sorted(p.name for p in FIXTURES.glob("k9-*"))


def by_area(name: str) -> dict[str, tuple[AreaScore, ...]]:
    """Each service's scores by area, as parsed."""
    return {s.name_ko: s.area_scores for s in parse(page(name)).services}


@pytest.mark.parametrize("name", K9)
def test_k9_fixtures_are_marked_synthetic(name: str) -> None:
    assert "SYNTHETIC" in page(name).strip().splitlines()[0]


# ---- each area's points, as the scoring statement gives them ---------------------------------
@pytest.mark.parametrize(
    ("value", "total", "expected"),
    [
        (
            "공통분야(30점), 개별분야(50점), 사용자 만족도(20점) / 총 100점",
            100,
            (("공통분야", 30), ("개별분야", 50), ("사용자 만족도", 20)),
        ),
        (
            "공통 분야 (45점), 개별 분야 (45점), 만족도 (10점) 평가(총 100점)",
            100,
            (("공통 분야", 45), ("개별 분야", 45), ("만족도", 10)),
        ),
        (
            "Common(40점), Individual(40점), Satisfaction(20점)",
            None,
            (("Common", 40), ("Individual", 40), ("Satisfaction", 20)),
        ),
        # not every area has points, or they do not add up to the total: none taken
        ("공통분야(40점), 개별분야, 만족도(10점) (총 100점)", 100, ()),
        ("공통분야(40점), 개별분야(40점), 만족도(10점) (총 100점)", 100, ()),
        ("공통분야, 개별분야, 사용자 만족도 평가(총 100점)", 100, ()),
    ],
)
def test_area_points_are_all_or_none(
    value: str, total: int | None, expected: tuple[tuple[str, int], ...]
) -> None:
    assert area_points(value, total) == expected


def test_round_keeps_each_areas_points() -> None:
    r = parse(page(SPANNED))
    assert r.area_points == (("공통분야", 30), ("개별분야", 50), ("사용자 만족도", 20))
    assert r.scoring_areas == ("공통분야", "개별분야", "사용자 만족도")
    assert parse(page(FLAT)).area_points == ()


# ---- scores by area beside the total ---------------------------------------------------------
def test_sub_header_under_a_spanning_cell_gives_areas_and_points() -> None:
    areas = by_area(SPANNED)
    assert areas["가상 호수 도서관 운영"] == (
        AreaScore("공통", 25.5, 1, 30),
        AreaScore("개별", 42.0, 1, 50),
        AreaScore("만족도", 17.3, 1, 20),
    )
    assert [a.score for a in areas["가상 달빛 청년센터 운영"]] == [21.0, 36.8, 16.0]
    assert parse(page(SPANNED)).services[2].score == 73.8  # the total, not a sub-score


def test_areas_named_in_the_header_row_itself() -> None:
    areas = by_area(FLAT)
    assert [(a.area, a.score, a.points) for a in areas["가상 언덕 공원 관리"]] == [
        ("공통", 30.0, None),
        ("개별", 37.0, None),
        ("만족도", 10.0, None),
    ]


def test_cells_that_do_not_add_up_to_the_total_are_no_area_scores() -> None:
    text = page(FLAT).replace("| 32.0 | 38.5 | 11.5 | 82.0 |", "| 32.0 | 38.5 | 12.5 | 82.0 |")
    areas = by_area_of(text)
    assert areas["가상 바다 복지관 운영"] == ()
    assert len(areas["가상 언덕 공원 관리"]) == 3  # the other rows keep theirs
    assert parse(text).services[0].score == 82.0


def test_a_cell_above_its_areas_points_is_no_area_score() -> None:
    text = page(SPANNED).replace(
        "<td>25.5</td><td>42.0</td><td>17.3</td>", "<td>35.5</td><td>32.0</td><td>17.3</td>"
    )
    assert by_area_of(text)["가상 호수 도서관 운영"] == ()


def test_without_area_headers_the_stated_areas_name_the_cells() -> None:
    text = page(FLAT).replace(
        "| 연번 | 사무명 | 공통 | 개별 | 만족도 | 총점 |", "| 연번 | 사무명 | | | | 총점 |"
    )
    assert [a.area for a in by_area_of(text)["가상 들판 센터 운영"]] == [
        "공통분야",
        "개별분야",
        "사용자 만족도",
    ]


def by_area_of(text: str) -> dict[str, tuple[AreaScore, ...]]:
    return {s.name_ko: s.area_scores for s in parse(text).services}


def test_a_table_contradicting_the_average_is_still_refused(tmp_path: Path) -> None:
    text = page(SPANNED).replace("<td>84.8</td>", "<td>94.8</td>").replace("17.3", "27.3")
    error = refused_untouched(tmp_path, text)
    assert "78.90" in str(error)


# ---- stored and queried ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("k9")
    db = open_db(folder / "kb.db")
    ingest_text(db, SEED.read_text(encoding="utf-8"), SEED.name)
    for name in K9:
        assert ingest_text(db, page(name), name).status == "new"
    db.conn.close()
    return folder / "kb.db"


def test_area_scores_and_points_are_stored_and_queried(kb: Path) -> None:
    q = Queries(kb)
    evaluations = {e.name_published: e for e in q.evaluations(2061, 2)}
    assert [
        (a.area, a.score, a.points) for a in evaluations["가상 숲길 체육센터 운영"].area_scores
    ] == [
        ("공통", 24.1, 30),
        ("개별", 39.6, 50),
        ("만족도", 14.4, 20),
    ]
    stored = q.get_round(2061, 2)
    assert stored is not None and stored.area_points[2] == ("사용자 만족도", 20)
    seed = q.get_round(2023, 3)
    assert seed is not None and seed.area_points == ()  # the seed states no area's points
    assert all(e.area_scores == () for e in q.evaluations(2023, 3))


def test_a_note_read_twice_is_one_usage_line(kb: Path) -> None:
    stored = Queries(kb).get_round(2061, 2)
    assert stored is not None
    notes = [u for u in stored.usage if "비고란" in u]
    assert len(notes) == 1 and not notes[0].startswith("※")


# ---- English findings in their own words -----------------------------------------------------
def test_english_findings_keep_points_and_number_words() -> None:
    r = parse(page(ENGLISH))
    texts = [f.text_ko for s in r.services for f in s.findings]
    assert texts == [
        "Visitor satisfaction rose by 12 points after late opening began in May 2063",
        "Guided tours reach only two services of the district; a wider plan is needed",
        "Mentoring now runs with three services out of 10 services in the district",
        "The 4.5 points lost on safety checks must be recovered",
    ]
    # the statements are still read through the Korean layout
    assert r.average_score == 80.0 and r.below_cutoff_count == 0
    assert (r.period_start, r.period_end) == ("2063-06", "2063-08")
    assert r.evaluator == "Virtual Review Board"


def test_english_usage_keeps_its_points_and_the_cutoff_is_still_read() -> None:
    r = parse(page(ENGLISH))
    assert r.usage == (
        "Services below 75 points are excluded from contract renewal and re-tendered "
        "(management guidelines)",
    )
    assert r.cutoff == 75.0


def test_engine_quotes_an_english_finding_as_published(kb: Path) -> None:
    answer = Engine(Queries(kb)).answer(
        "What did Virtual Harbour Museum Operation achieve in the 2063 third round?"
    )
    assert answer.answered and "12 points" in answer.text and "12점" not in answer.text


def test_engine_gives_the_total_of_a_table_with_area_scores(kb: Path) -> None:
    answer = Engine(Queries(kb)).answer("2061년 2차 가상 숲길 체육센터 운영 점수 몇 점이야")
    assert answer.answered and "78.1" in answer.text
