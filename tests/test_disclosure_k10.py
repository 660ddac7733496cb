"""Parser, round 8: a score table's total beside its areas' sub-scores (header cells with their
points, a summary row of the areas' averages and the total's), an English page's table rows
and items that run over lines, and a page copied out of a PDF with its overview laid out in
spaces and its counts by score band under a header of bands.

Fixtures tests/fixtures/k10-* are synthetic (their first line says so); pages are ingested with
the real seed into a real SQLite knowledge base, and questions go through the real engine.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.engine import Engine
from knowledge.disclosure import parse
from knowledge.disclosure.lines import to_lines
from knowledge.disclosure.pages import glued
from knowledge.disclosure.statements import aligned_keys, hanging
from knowledge.queries import Queries
from knowledge.store import ingest_text, open_db
from tests.test_disclosure import FIXTURES, SEED
from tests.test_disclosure_k5 import page, refused_untouched

AREAS = "k10-2064-round1-area-footer.html"
ENGLISH = "k10-2065-round2-english-wraps.txt"
PDF = "k10-2066-round1-pdf-bands.txt"
K10 = sorted(p.name for p in FIXTURES.glob("k10-*"))


@pytest.mark.parametrize("name", K10)
def test_k10_fixtures_are_marked_synthetic(name: str) -> None:
    assert "SYNTHETIC" in page(name).strip().splitlines()[0]


# ---- the total beside the areas ---------------------------------------------------------------
def test_a_summary_row_of_area_averages_checks_the_total_not_the_first_area() -> None:
    r = parse(page(AREAS))
    assert r.average_score == 79.0
    scores = {s.name_ko: (s.score, s.contractor) for s in r.services}
    assert scores["가상 달빛 도서관 운영"] == (81.6, "(재)달빛")
    areas = {s.name_ko: s.area_scores for s in r.services}
    assert [(a.area, a.score, a.points) for a in areas["가상 솔숲 쉼터 운영"]] == [
        ("공통", 18.2, 25),
        ("개별", 40.1, 55),
        ("만족도", 15.1, 20),
    ]


def test_a_header_cell_broken_by_br_is_one_cell() -> None:
    lines, is_html = to_lines(
        "<table><tr><th>사무명</th><th>공통<br>(30)</th><th>총점<br/>(100)</th></tr></table>"
    )
    assert is_html and [line.text for line in lines if line.text.strip()] == [
        "사무명\t공통 (30)\t총점 (100)"
    ]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        # the total is the sum of the areas before it
        ("<td>평균</td><td>20.00</td><td>40.00</td><td>19.00</td><td>79.00</td>", None),
        # a summary row of the total alone, in a Markdown text table
        ("<td>평균</td><td>79.00</td>", None),
    ],
)
def test_summary_rows_that_agree_are_accepted(row: str, expected: None) -> None:
    text = page(AREAS)
    start = text.index("<tfoot>")
    end = text.index("</tfoot>")
    varied = text[:start] + f"<tfoot><tr>{row}</tr>" + text[end:]
    assert parse(varied).average_score == 79.0


def test_a_summary_total_contradicting_the_average_is_still_refused(tmp_path: Path) -> None:
    text = page(AREAS).replace("<td>16.18</td><td>79.00</td>", "<td>16.18</td><td>81.00</td>")
    error = refused_untouched(tmp_path, text)
    assert "line 26" in str(error) and "81.00" in str(error)


def test_a_text_table_with_area_averages_under_it() -> None:
    text = (
        "SYNTHETIC test document\n"
        "2067년 제1차 민간위탁 종합성과평가 결과\n\n"
        "□ 평가 결과\n"
        "  ○ 2개 사무 평균 80.00점, 75점 미만 없음\n\n"
        "□ 사무별 평가점수\n"
        "| 연번 | 사무명 | 공통(40) | 개별(50) | 만족도(10) | 총점(100) |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | 가상 하늘 센터 운영 | 30.00 | 42.00 | 8.00 | 80.00 |\n"
        "| 2 | 가상 바다 센터 운영 | 31.00 | 41.00 | 8.00 | 80.00 |\n"
        "| | 평균 | 30.50 | 41.50 | 8.00 | 80.00 |\n"
    )
    r = parse(text)
    assert r.average_score == 80.0 and [s.score for s in r.services] == [80.0, 80.0]
    assert [a.score for a in r.services[0].area_scores] == [30.0, 42.0, 8.0]


# ---- an English page: rows and items over lines ------------------------------------------------
def test_english_mean_row_and_wrapped_name_are_no_services() -> None:
    r = parse(page(ENGLISH))
    assert [(s.name_ko, s.score) for s in r.services] == [
        ("Virtual Science and Arts Hall", 72.1),
        ("Virtual River Park", 74.6),
        ("Virtual Support Center for Families with Young Children", 80.3),
        ("Virtual Youth Hostel", 83.0),
    ]
    assert all(len(s.findings) == 2 for s in r.services)  # the findings heading is known


def test_english_items_over_lines_are_whole() -> None:
    r = parse(page(ENGLISH))
    assert r.legal_basis == (
        "Article 18 of the Virtual City Ordinance on the Consignment of Administrative "
        "Affairs to the Private Sector"
    )
    assert r.evaluator == "Virtual Audit Institute (가상감사연구원, VAI)"  # "(가…" is no mark
    assert r.scoring_areas == ("common indicators", "service indicators", "user satisfaction")
    assert r.max_points == 100  # "(100 points in total)"
    assert r.usage[0].endswith("(Article 12 of the Ordinance).")
    assert "below 75 points" in r.usage[1]  # published words put back over two lines


def test_names_below_the_cutoff_joined_by_and_after_their_scores() -> None:
    r = parse(page(ENGLISH))
    # "Science and Arts" stays one name: only "and" after a score parts two names
    assert r.below_cutoff_names == ("Virtual Science and Arts Hall", "Virtual River Park")
    assert r.below_cutoff_count == 2


def test_hanging_joins_only_unmarked_deeper_lines() -> None:
    lines, _ = to_lines(
        "  - 근거 : 조례\n      제18조\n  - 75점 미만 2개\n      75점 미만 비율 10%\n"
        "  - 점수 분포\n      90점 이상 | 1개\n  - 끝난 문장입니다.\n      다음 줄\n"
    )
    body = [(line, line.text.strip()) for line in lines if line.text.strip()]
    assert [p for _, p in hanging(body)] == [
        "- 근거 : 조례 제18조",
        "- 75점 미만 2개",
        "75점 미만 비율 10%",  # a figure of its own
        "- 점수 분포",
        "90점 이상 | 1개",  # a table row
        "- 끝난 문장입니다.",
        "다음 줄",  # after a sentence's end
    ]


# ---- a page copied out of a PDF ----------------------------------------------------------------
def test_an_overview_laid_out_in_spaces_is_read_with_its_wraps() -> None:
    r = parse(page(PDF))
    assert r.legal_basis == "「가상시 행정사무의 민간위탁에 관한 조례」 제18조"
    assert (r.period_start, r.period_end) == ("2066-02", "2066-04")
    assert r.evaluator == "가상평가컨설팅(VEC)"
    assert r.services_in_year == 30 and r.max_points == 100
    assert r.scoring_areas == ("공통지표", "사무별 개별지표", "이용자 만족도")


def test_aligned_keys_needs_the_header() -> None:
    lines, _ = to_lines("  평가기간      '66. 2. ~ 4.\n                (서면평가)\n")
    body = [(line, line.text.strip()) for line in lines]
    assert aligned_keys(body) == body  # no "구 분 / 내 용" header: lines as they are


def test_band_headers_over_counts_are_bands_not_a_second_cutoff() -> None:
    r = parse(page(PDF))
    assert r.cutoff == 75.0 and r.below_cutoff_count == 1
    bands = {f.metric: f.value for f in r.figures if f.metric.startswith(("from_", "below_7"))}
    assert bands == {"from_85_up": 1.0, "from_75_to_85": 3.0, "below_75": 1.0}
    assert r.usage == (
        "재계약 적정성 심의 반영(조례 제12조) 및 위탁 사업 개선(개선과제 소관부서 통보)",
    )
    assert len(r.services) == 5 and all(len(s.findings) == 2 for s in r.services)


def test_a_band_count_contradicting_the_count_below_is_refused(tmp_path: Path) -> None:
    text = page(PDF).replace("1개                  3개                 1개", "1개  2개  2개")
    error = refused_untouched(tmp_path, text)
    assert "line 26" in str(error)


# ---- stored and answered -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("k10")
    db = open_db(folder / "kb.db")
    ingest_text(db, SEED.read_text(encoding="utf-8"), SEED.name)
    for name in K10:
        assert ingest_text(db, page(name), name).status == "new"
    db.conn.close()
    return folder / "kb.db"


def test_stored_rounds_hold_what_the_pages_say(kb: Path) -> None:
    q = Queries(kb)
    pdf = q.get_round(2066, 1)
    assert pdf is not None and pdf.below_cutoff_count == 1 and pdf.cutoff == 75.0
    english = q.get_round(2065, 2)
    assert english is not None and english.below_cutoff_names == (
        "Virtual Science and Arts Hall",
        "Virtual River Park",
    )
    table = {e.name_published: e for e in q.evaluations(2064, 1)}
    assert [a.score for a in table["가상 별자리 과학관 운영"].area_scores] == [20.2, 44.1, 17.7]


def test_engine_gives_a_total_read_beside_area_columns(kb: Path) -> None:
    answer = Engine(Queries(kb)).answer("2064년 1차 가상 달빛 도서관 운영은 몇 점 받았어?")
    assert answer.answered and "81.6" in answer.text


def test_engine_gives_the_average_of_a_pdf_page(kb: Path) -> None:
    answer = Engine(Queries(kb)).answer("2066년 제1차 평균 점수 알려줘")
    assert answer.answered and "78.02" in answer.text


def test_korean_name_beside_an_english_one_names_the_service(kb: Path) -> None:
    conn = sqlite3.connect(kb)
    rows = conn.execute(
        "select e.name_published, s.name_ko, s.name_en from evaluations e "
        "join services s on s.id = e.service_id join rounds r on r.id = e.round_id "
        "where r.year = 2065 order by e.position"
    ).fetchall()
    assert rows[0] == (
        "Virtual Science and Arts Hall",
        "가상 과학예술관",
        "Virtual Science and Arts Hall",
    )
    assert rows[2][1] == "가상 영유아가족지원센터"  # the wrapped row's Korean name, whole


def test_korean_name_links_a_differently_translated_service(tmp_path: Path) -> None:
    """The seed's 서남권직장맘지원센터 under an English name its aliases lack."""
    text = (
        page(ENGLISH)
        .replace(
            "Virtual Youth Hostel (가상 유스호스텔)",
            "Southwest Working Mom Centre (서남권직장맘지원센터)",
        )
        .replace("(4) Virtual Youth Hostel", "(4) Southwest Working Mom Centre")
    )
    db = open_db(tmp_path / "kb.db")
    ingest_text(db, SEED.read_text(encoding="utf-8"), SEED.name)
    assert ingest_text(db, text, "en.txt").status == "new"
    db.conn.close()
    conn = sqlite3.connect(tmp_path / "kb.db")
    linked = conn.execute(
        "select count(distinct r.year) from evaluations e join services s on s.id = e.service_id "
        "join rounds r on r.id = e.round_id where s.name_ko like '%서남권직장맘지원센터%'"
    ).fetchone()[0]
    assert linked == 2  # the seed's 2023 round and this 2065 page: one service


@pytest.mark.parametrize(
    ("line", "year"),
    [
        ("   - Rounds 1 and 2 combined: 3 of 30 services scored below 75 (10.0%).", 2065),
        (
            "   - Rounds 1 to 2 of 2064 combined: 3 of 30 services fell below 75 points (10.0%).",
            2064,
        ),
    ],
)
def test_english_rounds_combined_are_a_figure_of_those_rounds(line: str, year: int) -> None:
    text = page(ENGLISH).replace(
        "Their operators are excluded from renewal.\n",
        "Their operators are excluded from renewal.\n" + line + "\n",
    )
    r = parse(text)
    found = {
        f.metric: (
            f.value,
            f.denominator,
            f.scope.year_start,
            f.scope.round_start,
            f.scope.round_end,
        )
        for f in r.figures
        if f.scope is not None and f.scope.round_start == 1 and f.scope.round_end == 2
    }
    assert found == {
        "below_cutoff": (3.0, 30, year, 1, 2),
        "below_cutoff_share_pct": (10.0, 30, year, 1, 2),
    }
    assert r.below_cutoff_count == 2  # the round's own count is unchanged


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("- 후속 투자 연계 프로그램 운영으로 입주기업 투자유치 실적", "증가", False),
        ("- 2년 연속 이용자 만족도 조사 결과 전년 대비 사업", "성과 향상", False),
        ("① 서울특별시 ○○센", "터가 운영하는", True),  # a broken word with its particle
        ("- 교육과정 운영 확", "대", True),
    ],
)
def test_a_whole_word_after_a_wrap_is_not_glued(before: str, after: str, expected: bool) -> None:
    assert glued(before, after) is expected
