"""Score tables with a second header row naming the areas' sub-scores ("분야별 점수" spanning
"공통(40) | 개별(50) | 만족도(10)"): the second row is part of the header, not the end of the
table, so every row below it is a scored service (the total column wins).

Fixtures tests/fixtures/k7-* are synthetic (first line says so); pages are ingested with the
real seed into a real SQLite knowledge base.
"""

from __future__ import annotations

from pathlib import Path

from knowledge.disclosure import parse
from tests.test_disclosure_k5 import loaded, page, refused_untouched

SUBSCORES = "k7-2043-round2-subscore-header.md"


def test_rows_under_a_sub_score_header_row_are_scored(tmp_path: Path) -> None:
    conn = loaded(tmp_path / "kb.db", SUBSCORES)
    rows = conn.execute(
        "select e.name_published, e.score from evaluations e join rounds r on r.id = e.round_id"
        " where r.year = 2043 and r.round_no = 2 order by e.position"
    ).fetchall()
    assert rows == [
        ("가상 별빛 문화센터 운영", 82.0),
        ("가상 물결 수영장 관리", 74.0),
        ("가상 새싹 돌봄센터 운영", 78.0),
    ]


def test_an_html_table_with_two_header_rows_is_read() -> None:
    html = (
        "<!-- SYNTHETIC -->\n<h3>2044년 제1차 민간위탁 종합성과평가 결과</h3>\n<h4>평가 결과</h4>\n"
        "<p>2개 사무 평균 80.00점</p>\n<table>"
        "<tr><th rowspan='2'>사무명</th><th colspan='2'>영역별</th><th rowspan='2'>총점</th></tr>"
        "<tr><th>정량</th><th>정성</th></tr>"
        "<tr><td>가상 달빛 도서관 운영</td><td>50.0</td><td>33.0</td><td>83.0</td></tr>"
        "<tr><td>가상 햇살 경로당 관리</td><td>45.0</td><td>32.0</td><td>77.0</td></tr></table>"
    )
    scores = [(s.name_ko, s.score) for s in parse(html).services]
    assert scores == [("가상 달빛 도서관 운영", 83.0), ("가상 햇살 경로당 관리", 77.0)]


def test_a_score_beyond_the_points_under_the_sub_header_is_refused(tmp_path: Path) -> None:
    text = page(SUBSCORES).replace("| 74.0 |", "| 174.0 |")
    error = refused_untouched(tmp_path, text)
    assert "174.0" in str(error) or "maximum" in str(error)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "174.0" in t)
    assert f"line {line}" in str(error)


def test_a_findings_heading_naming_a_cutoff_is_a_section() -> None:
    """ "4. 75점 미만 사업 개선 과제" heads the findings of the services below the cutoff; the
    figure in it made it no heading, and its table fell into the usage section (not read)."""
    text = (
        "<!-- SYNTHETIC -->\n<h3>2045년 제1차 민간위탁 종합성과평가 결과</h3>\n"
        "<h4>1. 평가 개요</h4>\n<ul><li>평가대상 : 2개 사무</li></ul>\n"
        "<h4>2. 평가 결과</h4>\n<p>2개 사무 평균 77.00점</p>\n"
        "<table><tr><th>사무명</th><th>평가점수</th></tr>"
        "<tr><td>가상 구슬 공방 운영</td><td>84.00</td></tr>"
        "<tr><td>가상 이슬 쉼터 관리</td><td>70.00</td></tr></table>\n"
        "<h4>3. 결과 활용</h4>\n<ul><li>재계약 여부 판단에 반영</li></ul>\n"
        "<h4>4. 75점 미만 사업 개선 과제</h4>\n<table><tr><th>사업명</th><th>개선 과제</th></tr>"
        "<tr><td>가상 이슬 쉼터 관리</td><td>- 야간 안전 인력 보강 필요</td></tr></table>\n"
    )
    found = {s.name_ko: [f.text_ko for f in s.findings] for s in parse(text).services}
    assert found == {"가상 구슬 공방 운영": [], "가상 이슬 쉼터 관리": ["야간 안전 인력 보강 필요"]}


def test_a_heading_stating_a_count_below_the_cutoff_stays_a_statement() -> None:
    """ "75점 미만 사무 : 1개" is a statement, not a heading (the cutoff exception needs a name)."""
    from knowledge.disclosure.sections import section_heading

    assert section_heading("2. 75점 미만 사무 : 1개") is None
    assert section_heading("4. 75점 미만 사무 주요 개선 과제") == "75점 미만 사무 주요 개선 과제"
