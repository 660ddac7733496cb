"""List marks are the list's, not the name's; names below the cutoff in bullets; services
named only in findings; a scored name line in any heading grammar.

Pages number their services, usage lines and names with whatever list style they use
("### 가. name", "■ 나) name", "(2) name (71.20점, 재계약 배제)", "1) name" under a count
below the cutoff).  A name stored with its mark joins no other round's service.  Fixtures
tests/fixtures/k4-* are synthetic (first line says so); the seed is the real 2023-R3 page.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from knowledge.disclosure import ParseError, parse
from knowledge.disclosure.marks import without_list_mark
from knowledge.store import ingest_text, open_db, read_document
from tests.test_disclosure import FIXTURES, SEED

MARK = "※ 합성(synthetic) 시험 자료 — 실제 공개 자료 아님"
LETTERED = "k4-2028-round2-lettered.txt"
OPINIONS = "k4-2028-round1-opinions.txt"
MANY11 = FIXTURES / "blind" / "many11"


def text(name: str) -> str:
    return read_document(FIXTURES / name)


def with_seed(db_path: Path, *pages: tuple[str, str]) -> sqlite3.Connection:
    """The seed and ``pages`` (text, source name) ingested into a fresh knowledge base."""
    db = open_db(db_path)
    assert ingest_text(db, SEED.read_text(encoding="utf-8"), SEED.name).status == "new"
    for page, name in pages:
        assert ingest_text(db, page, name).status == "new"
    db.conn.close()
    return sqlite3.connect(db_path)


def evaluations(conn: sqlite3.Connection, year: int, round_no: int) -> list[tuple]:
    return conn.execute(
        "select s.name_ko, e.score from evaluations e join rounds r on r.id = e.round_id "
        "join services s on s.id = e.service_id where r.year = ? and r.round_no = ? "
        "and r.superseded = 0 order by e.position",
        (year, round_no),
    ).fetchall()


def round_row(conn: sqlite3.Connection, year: int, round_no: int) -> tuple:
    return conn.execute(
        "select services_evaluated, average_score, below_cutoff_count, below_cutoff_names, "
        "usage, evaluator from rounds where year = ? and round_no = ? and superseded = 0",
        (year, round_no),
    ).fetchone()


@pytest.mark.parametrize("name", [LETTERED, OPINIONS])
def test_k4_fixtures_are_marked_synthetic(name: str) -> None:
    assert text(name).splitlines()[0] == MARK


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("가. 서울 핀테크랩 관리 및 운영", "서울 핀테크랩 관리 및 운영"),
        ("나) 가상 센터 운영", "가상 센터 운영"),
        ("(다) 가상 센터 운영", "가상 센터 운영"),
        ("12. 가상 센터 운영", "가상 센터 운영"),
        ("④ 가상 센터 운영", "가상 센터 운영"),
        ("- — 가상평가원", "가상평가원"),
        ("가나다센터 운영", "가나다센터 운영"),  # a name that starts with letters
        ("2.5점 상승", "2.5점 상승"),  # a decimal, no mark
        ("가.", "가."),  # a mark alone stays
    ],
)
def test_list_marks_are_not_part_of_the_text(written: str, name: str) -> None:
    assert without_list_mark(written) == name


def test_lettered_page_joins_the_seed_services(tmp_path: Path) -> None:
    conn = with_seed(tmp_path / "kb.sqlite", (text(LETTERED), LETTERED))
    assert evaluations(conn, 2028, 2) == [
        ("서울 핀테크랩 관리 및 운영", 82.10),
        ("마포자원회수시설 관리 및 운영", 71.20),  # "(71.20점, 재계약 배제)" is its score
        ("가상 별빛마을센터 운영", 80.30),
        ("가상 달빛도서관 운영", 77.80),
    ]
    # the same service in the seed and in 2028: one row, two evaluations
    fintech = conn.execute(
        "select count(*) from evaluations e join services s on s.id = e.service_id "
        "where s.name_ko = '서울 핀테크랩 관리 및 운영'"
    ).fetchone()
    assert fintech == (2,)
    assert conn.execute("select count(*) from services where name_ko like '%. %'").fetchone() == (
        0,
    )
    evaluated, average, below, names, usage, evaluator = round_row(conn, 2028, 2)
    assert (evaluated, average, below) == (4, 77.85, 1)
    assert names == '["마포자원회수시설 관리 및 운영"]'
    assert usage.startswith('["재계약 여부 심의 시')  # "1) " is the list's
    assert evaluator == "가상행정평가원"  # "외부 전문기관 — (재)가상행정평가원"


def test_year_count_written_before_the_cutoff_is_the_rounds_so_far() -> None:
    r = parse(text(LETTERED))
    figures = {(f.scope.key, f.metric): (f.value, f.denominator) for f in r.figures}
    assert figures[("2028-R1-2", "below_cutoff")] == (3.0, 20)
    assert figures[("2028-R1-2", "below_cutoff_share_pct")] == (15.0, 20)
    assert ("2028-R2", "below_cutoff") in figures  # the round's own count is kept apart


def test_services_named_only_in_opinions_are_evaluations_without_score(tmp_path: Path) -> None:
    conn = with_seed(tmp_path / "kb.sqlite", (text(OPINIONS), OPINIONS))
    assert evaluations(conn, 2028, 1) == [
        ("가상 창업허브 관리 및 운영", None),
        ("서울 핀테크랩 관리 및 운영", None),
        # named below the cutoff in bullets "1) name": evaluated, scores unpublished
        ("가상 녹음환경센터 운영", None),
        ("가상 이음사회센터 운영", None),
    ]
    evaluated, average, below, names, _, evaluator = round_row(conn, 2028, 1)
    assert (evaluated, average, below) == (12, 76.9, 2)  # "주요 사무": some of the 12
    assert names == '["가상 녹음환경센터 운영", "가상 이음사회센터 운영"]'
    assert evaluator == "가상행정평가원"
    findings = conn.execute(
        "select f.kind, f.text_ko from findings f join evaluations e on e.id = f.evaluation_id "
        "join rounds r on r.id = e.round_id where r.year = 2028 order by f.id"
    ).fetchall()
    assert findings[:2] == [
        ("achievement", "가상 공공기관 시범구매 연계 실적 확대"),  # "[성과]" is the label
        ("improvement", "가상 졸업기업 성과 추적 관리 필요"),
    ]


def test_names_below_cutoff_of_a_complete_list_must_be_its_services() -> None:
    page = text(LETTERED).replace(
        "다) 기준(75점) 미달 사무 : 마포자원회수시설 관리 및 운영(1개)",
        "다) 기준(75점) 미달 사무 : 가상 없는센터 운영(1개)",
    )
    r = parse(page)  # a complete score table: the name is not added as a fifth service
    assert len(r.services) == 4
    assert r.below_cutoff_names == ("가상 없는센터 운영",)


def test_item_bullets_before_labels_are_no_service_headings() -> None:
    page = text(OPINIONS).replace(" ◦ 서울 핀테크랩 관리 및 운영\n", " ◦ 가상 협력 지원\n")
    page = page.replace("   - [성과] 가상 데모데이", " ◦ [성과] 가상 데모데이")
    # "◦ 가상 협력 지원" stands at the level of the label below it: a finding's line, not
    # a service heading, so the findings stay with the service before it
    r = parse(page)
    names = [s.name_ko for s in r.services]
    assert "가상 협력 지원" not in names and "서울 핀테크랩 관리 및 운영" not in names
    assert len(r.services[0].findings) == 5


def test_below_cutoff_name_scored_above_it_is_refused_at_its_line() -> None:
    page = text(LETTERED).replace("(71.20점, 재계약 배제)", "(79.20점)")
    page = page.replace("평균 : 77.85점", "평균 : 79.85점")  # the scores' own mean
    with pytest.raises(ParseError) as err:
        parse(page)
    # the statement under the table ("다) 기준(75점) 미달 사무 : …(1개)") is read, and the
    # scores contradict it
    assert "below 75 as stated on line 20" in str(err.value)


def test_many11_pages_load_as_published(tmp_path: Path) -> None:
    pages = [(read_document(p), p.name) for p in sorted(MANY11.iterdir())]
    conn = with_seed(tmp_path / "kb.sqlite", *pages)
    assert evaluations(conn, 2026, 3)[:2] == [
        ("서울 핀테크랩 관리 및 운영", 81.30),
        ("마포자원회수시설 관리 및 운영", 72.40),
    ]
    assert round_row(conn, 2026, 3)[2:4] == (1, '["마포자원회수시설 관리 및 운영"]')
    assert [n for n, _ in evaluations(conn, 2024, 2)] == [
        "서울창업허브 관리 및 운영",
        "서울시 어르신돌봄종사자종합지원센터 운영",
        "서울시 녹색환경지원센터 운영",
        "서울시 청소년노동인권센터 운영",
        "서울시 사회적경제지원센터 운영",
    ]
    assert round_row(conn, 2024, 2)[2] == 3
    assert "위탁사업 개선에 활용" in round_row(conn, 2025, 1)[4]
    mapo = conn.execute(
        "select count(*) from evaluations e join services s on s.id = e.service_id "
        "where s.name_ko = '마포자원회수시설 관리 및 운영'"
    ).fetchone()
    assert mapo == (2,)
