"""A statement's scope by its own words, and distributions of scores as bands.

A round's results may add what the year's rounds came to ("1~2차 누적 : 30개 사무 평균
78.10점"), or another year's ("지난해 1~3차 합산 …", "작년(2026년) 연간 평균 77.80점 대비 …"),
in the lines of the round's own figures: those are figures of that scope, never a second
average of the round (``knowledge.disclosure.scopes``).  A table or a list of score bands
("90점 이상 | 1개") is counts per band, never services (``knowledge.disclosure.bands``).
Fixtures tests/fixtures/k3-* are synthetic (their first line says so); the pages of
tests/fixtures/blind/many10 were written by someone who never saw the parser.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.disclosure import ParseError, parse
from knowledge.disclosure.bands import band_metric, band_of
from knowledge.disclosure.lines import html_lines
from knowledge.model import Round
from knowledge.store import ingest_text, open_db, read_document
from tests.test_disclosure import FIXTURES

MARK = "※ 합성(synthetic) 시험 자료 — 실제 공개 자료 아님"
SUMS = "k3-2027-round2-year-sums.txt"
ROWS = "k3-2027-round1-band-rows.html"
MANY10 = FIXTURES / "blind" / "many10"


def text(name: str) -> str:
    return read_document(FIXTURES / name)


def figures(r: Round) -> dict[tuple[str, str], tuple[float | None, int | None]]:
    return {
        (f.scope.key, f.metric): (f.value, f.denominator) for f in r.figures if not f.compared_to
    }


def diffs(r: Round) -> dict[tuple[str, str], float | None]:
    return {
        (f.scope.key, f.compared_to.key): f.value for f in r.figures if f.compared_to is not None
    }


def ingested(db_path: Path, *names: str) -> sqlite3.Connection:
    db = open_db(db_path)
    for name in names:
        assert ingest_text(db, text(name), name).status == "new"
    db.conn.close()
    return sqlite3.connect(db_path)


@pytest.mark.parametrize("name", [SUMS, ROWS])
def test_k3_fixtures_are_marked_synthetic(name: str) -> None:
    assert text(name).splitlines()[0] == MARK


# ---- scopes by the statement's own words --------------------------------------------------------
def test_year_sums_in_the_results_are_figures_of_their_scope_not_the_round(kb_copy: Path) -> None:
    conn = ingested(kb_copy, SUMS)
    row = conn.execute(
        "select average_score, services_evaluated, services_in_year, below_cutoff_count, "
        "below_cutoff_names from rounds where year = 2027 and round_no = 2"
    ).fetchone()
    assert row == (79.4, 12, 52, 1, '["가상 별빛마을센터 운영"]')
    stored = {
        (m, ys, rs, re_): (v, d)
        for m, v, d, ys, rs, re_ in conn.execute(
            "select metric, value, denominator, year_start, round_start, round_end from figures "
            "where year_start in (2026, 2027) and cmp_year_start is null"
        )
    }
    # "1~2차 누적 : 30개 사무 평균 78.10점, 75점 미만 5개(16.7%)": the rounds so far
    assert stored[("average_score", 2027, 1, 2)] == (78.1, None)
    assert stored[("services_evaluated", 2027, 1, 2)] == (30.0, None)
    assert stored[("below_cutoff", 2027, 1, 2)] == (5.0, 30)
    assert stored[("below_cutoff_share_pct", 2027, 1, 2)] == (16.7, 30)
    # "지난해 1~3차 합산 50개 사무 중 75점 미만 6개(12.0%)": last year's
    assert stored[("services_in_year", 2026, None, None)] == (50.0, None)
    assert stored[("below_cutoff", 2026, 1, 3)] == (6.0, 50)
    # "작년(2026년) 연간 평균 77.80점 대비 1.60점 상승": last year's average and the change
    assert stored[("average_score", 2026, None, None)] == (77.8, None)
    change = conn.execute(
        "select value, year_start, round_start from figures where metric = 'average_diff' "
        "and cmp_year_start = 2026 and cmp_round_start is null"
    ).fetchall()
    assert change == [(1.6, 2027, 2)]


def test_the_three_blind_pages_load_with_year_figures_apart(kb_copy: Path) -> None:
    db = open_db(kb_copy)
    for page in sorted(MANY10.iterdir()):
        assert ingest_text(db, read_document(page), page.name).status == "new"
    db.conn.close()
    conn = sqlite3.connect(kb_copy)
    rounds = conn.execute(
        "select year, round_no, average_score, services_evaluated, services_in_year, "
        "below_cutoff_count from rounds where year >= 2024 order by year"
    ).fetchall()
    assert rounds == [
        (2024, 3, 78.36, 10, 61, 2),
        (2025, 1, 80.37, 15, 58, 2),
        (2026, 1, 78.83, 7, 55, 1),
    ]
    years = dict(
        conn.execute(
            "select year_start, value from figures f join documents d on d.id = f.document_id "
            "where d.kind = 'disclosure' and metric = 'average_score' and round_start is null "
            "and year_start = year_end and year_start in (2024, 2025)"
        ).fetchall()
    )
    assert years == {2024: 78.52, 2025: 79.64}
    services_2025 = conn.execute(
        "select s.name_ko, e.score from evaluations e join services s on s.id = e.service_id "
        "join rounds r on r.id = e.round_id where r.year = 2025 order by e.score"
    ).fetchall()
    assert services_2025 == [
        ("서울시 NPO지원센터 운영", 64.3),
        ("서울시 도시농업지원센터 운영", 72.6),
        ("서울시 여성능력개발원 운영", 91.2),  # "최고 점수는 「…」의 91.20점입니다."
    ]


def test_two_averages_of_the_round_still_refuse_the_page_at_the_second() -> None:
    broken = text(SUMS).replace("※ 제2차 평균 : 79.40점", "※ 제2차 평균 : 79.50점")
    with pytest.raises(ParseError) as caught:
        parse(broken)
    assert caught.value.line_no == 20
    assert "expected the average stated on line 11 (79.40), not 79.50" in str(caught.value)


_WORDINGS = [
    "{y}년 제1~2차 합산 : {n}개 사무 평균 {avg}점, 75점 미만 {b}개({pct}%)",
    "1~2차 누적 : {n}개 사무 평균 {avg}점, 75점 미만 {b}개({pct}%)",
    "참고 : 전년도({p}년) 1~3차 전체 {n}개 사무 평균 {avg}점, 75점 미만 {b}개({pct}%)",
    "작년 연간 {n}개 사무 평균 {avg}점, 75점 미만 {b}개({pct}%)",
    "올해 전체 {n}개 사무 평균은 {avg}점이며 75점 미만은 {b}개({pct}%)",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    wording=st.sampled_from(_WORDINGS),
    avg=st.integers(6000, 9500),
    n=st.integers(13, 99),
    b=st.integers(0, 12),
    pct=st.integers(0, 999),
)
def test_a_year_total_never_changes_the_round(
    wording: str, avg: int, n: int, b: int, pct: int
) -> None:
    stated = f"{avg / 100:.2f}"
    line = wording.format(y=2027, p=2026, n=n, avg=stated, b=b, pct=f"{pct / 10:.1f}")
    page = "\n".join(
        f"  ○ {line}" if "누적" in row else row  # the page's own year sums give way
        for row in text(SUMS).splitlines()
        if "지난해" not in row
    ).replace(", 작년(2026년) 연간 평균 77.80점 대비 1.60점 상승", "")
    r = parse(page)
    assert (r.average_score, r.services_evaluated, r.below_cutoff_count) == (79.4, 12, 1)
    assert r.below_cutoff_names == ("가상 별빛마을센터 운영",)
    year = 2026 if ("전년도" in line or "작년" in line) else 2027
    other = [f for f in r.figures if f.metric == "average_score" and f.scope != r.scope]
    assert [(f.scope.year_start, f"{f.value:.2f}") for f in other] == [(year, stated)]
    below = [f for f in r.figures if f.metric == "below_cutoff" and f.scope != r.scope]
    assert [(f.scope.year_start, f.value, f.denominator) for f in below] == [(year, b, n)]


# ---- bands -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "band", "metric"),
    [
        ("90점 이상", (90, None), "from_90_up"),
        ("80점 이상 ~ 90점 미만", (80, 90), "from_80_to_90"),
        ("75점 이상 80점 미만", (75, 80), "from_75_to_80"),
        ("65~70점", (65, 70), "from_65_to_70"),
        ("60점대", (60, 70), "from_60_to_70"),
        ("65점 미만", (None, 65), "below_65"),
        ("75점미만", (None, 75), "below_75"),
    ],
)
def test_band_cells(cell: str, band: tuple, metric: str) -> None:
    assert band_of(cell) == band
    assert band_metric(band) == metric


@pytest.mark.parametrize("cell", ["사무 수", "78.36", "서울시 가상센터 운영", "75점", "계"])
def test_cells_that_are_no_band(cell: str) -> None:
    assert band_of(cell) is None


def test_a_band_table_is_counts_per_band_never_services(kb_copy: Path) -> None:
    conn = ingested(kb_copy, ROWS, SUMS)
    bands = dict(
        conn.execute(
            "select metric, value from figures where year_start = 2027 and round_start = 1 "
            "and round_end = 1 and (metric like 'from_%' or metric like 'below_%')"
        ).fetchall()
    )
    assert bands == {
        "from_90_up": 2.0,
        "from_80_to_90": 4.0,
        "from_75_to_80": 3.0,
        "below_75": 0.0,
        "below_cutoff": 0.0,
    }
    names = {n for (n,) in conn.execute("select name_ko from services")}
    assert not names & {"90점 이상", "사무 수", "점수 구간", "합계", "75점 미만"}
    row = conn.execute(
        "select average_score, services_evaluated, evaluator, period_start from rounds "
        "where year = 2027 and round_no = 1"
    ).fetchone()
    assert row == (81.05, 9, "가상경영연구소(VMI)", "2027-02")
    # the band rows of a text page ("80점대 | 4개") too
    sums = dict(
        conn.execute(
            "select metric, value from figures where year_start = 2027 and round_start = 2 "
            "and (metric like 'from_%' or metric = 'below_75')"
        ).fetchall()
    )
    assert sums == {"from_90_up": 1.0, "from_80_to_90": 4.0, "from_75_to_80": 6.0, "below_75": 1.0}


def test_a_band_table_that_contradicts_the_stated_count_below_the_cutoff_is_refused() -> None:
    broken = text(SUMS).replace("75점 미만 | 1개", "75점 미만 | 3개")
    with pytest.raises(ParseError) as caught:
        parse(broken)
    assert caught.value.line_no == 19
    assert "expected 1 service(s) below the cutoff as stated on line 12, not 3" in str(caught.value)


def test_a_transposed_band_table_gives_the_total_as_the_count_evaluated() -> None:
    page = (
        f"{MARK}\n<html><body><h2>2027년 제3차 민간위탁 종합성과평가 결과</h2>"
        "<p>평가 결과 평균 78.00점</p><table><caption>점수 구간별 사무 수</caption>"
        "<tr><th>구간</th><th>80점 이상</th><th>75~80점</th><th>75점 미만</th><th>계</th></tr>"
        "<tr><td>사무 수</td><td>3</td><td>2</td><td>1</td><td>6</td></tr></table></body></html>"
    )
    r = parse(page)
    assert (r.services_evaluated, r.below_cutoff_count, r.services) == (6, 1, ())
    assert figures(r)[("2027-R3", "from_80_up")] == (3.0, 6)
    assert figures(r)[("2027-R3", "below_75")] == (1.0, 6)


def test_a_definition_list_term_and_description_are_one_line() -> None:
    lines = html_lines(
        "<dl><dt>평가 기간</dt><dd>2025년 2월 ~ 4월</dd>"
        "<dt>성과</dt><dd><ul><li>a</li></ul></dd></dl>"
    )
    assert [line.text for line in lines if line.text] == [
        "평가 기간\t2025년 2월 ~ 4월",
        "성과",
        "- a",
    ]
