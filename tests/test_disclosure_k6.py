"""Service headings in whatever list style a page uses, and the columns of a results table
beside the name and the score: the contractor (수탁기관) and the remark (비고) that marks a
service as excluded from re-contracting.

Fixtures tests/fixtures/k6-* are synthetic (first line says so); the heading styles are
generated from one page, so every style is read the same way.  Pages are ingested with the
real seed into a real SQLite knowledge base; a page that cannot be read is refused at the
line that shows why, with the database untouched.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from knowledge.disclosure import parse
from knowledge.disclosure.lines import html_lines
from knowledge.store import open_db
from tests.test_disclosure import FIXTURES
from tests.test_disclosure_k5 import loaded, page, refused_untouched, stored

K6 = sorted(p.name for p in FIXTURES.glob("k6-*"))
NAMES = ["가상 구름 도서관 운영", "가상 바람 체육센터 운영", "가상 노을 복지관 관리"]
ITEMS = [("열람실 좌석 확충", "장서 관리 강화 필요"), ("강좌 수 확대", "안전요원 보강 필요"),
         ("경로식당 위생 강화", "회계 증빙 보완 필요")]  # fmt: skip


def text_page(marks: list[str]) -> str:
    """A plain-text page whose three services are headed ``mark + name`` (``{}`` = the name)."""
    blocks = []
    for mark, name, (ach, imp) in zip(marks, NAMES, ITEMS, strict=True):
        heading = mark.format(name) if "{}" in mark else f"{mark} {name}"
        blocks.append(f"{heading}\n - 주요 성과 : {ach}\n - 개선 과제 : {imp}\n")
    return (
        "※ SYNTHETIC\n2042년 제1차 민간위탁 종합성과평가 결과\n\n□ 평가 개요\n"
        " ○ 평가 대상 : 3개 사무\n\n□ 평가 결과\n ○ 3개 사무 평균 78.00점\n\n"
        "□ 사무별 주요 성과 및 개선 과제\n\n" + "\n".join(blocks)
    )


def html_page(heading: str) -> str:
    """An HTML page whose services are headed by ``heading`` (``{}`` = the name; ``{n}``,
    ``{k}``, ``{j}`` = its number, Korean letter, Korean consonant), each with
    a two-row table: the label in a ``<th>``, the items ``<br>``-separated in a ``<td>``."""
    blocks = []
    for i, (name, (ach, imp)) in enumerate(zip(NAMES, ITEMS, strict=True)):
        marks = {"n": i + 1, "k": "가나다"[i], "j": "ㄱㄴㄷ"[i]}
        blocks.append(
            heading.format(name, **marks) + '\n<table border="1">\n'
            f"<tr><th>주요 성과</th><td>- {ach}<br>- 추가 {ach}</td></tr>\n"
            f"<tr><th>개선 과제</th><td>- {imp}</td></tr>\n</table>"
        )
    return (
        "<!-- SYNTHETIC -->\n<html><body>\n<h3>2042년 제2차 민간위탁 종합성과평가 결과</h3>\n"
        "<h4>1. 평가 결과</h4>\n<p>3개 사무 평균 78.00점</p>\n"
        "<h4>2. 주요 사무별 성과 및 개선과제</h4>\n" + "\n".join(blocks) + "\n</body></html>"
    )


@pytest.mark.parametrize("name", K6)
def test_k6_fixtures_are_marked_synthetic(name: str) -> None:
    assert "SYNTHETIC" in page(name).strip().splitlines()[0]


# ---- service headings in any list style ----
@pytest.mark.parametrize(
    "marks",
    [
        ["①", "②", "③"],
        ["1.", "2.", "3."],
        ["1)", "2)", "3)"],
        ["(1)", "(2)", "(3)"],
        ["가.", "나.", "다."],
        ["가)", "나)", "다)"],
        ["(가)", "(나)", "(다)"],
        ["[가]", "[나]", "[다]"],
        ["ㄱ.", "ㄴ.", "ㄷ."],
        ["ㄱ)", "ㄴ)", "ㄷ)"],
        ["○", "○", "○"],
        ["■", "■", "■"],
        ["**{}**"] * 3,
        ["### {}"] * 3,
        ["#### 가. {}", "#### 나. {}", "#### 다. {}"],
    ],
    ids=lambda marks: marks[0],
)
def test_every_list_style_heads_a_service(marks: list[str]) -> None:
    round_ = parse(text_page(marks))
    assert [(s.number, s.name_ko) for s in round_.services] == list(enumerate(NAMES, 1))
    for service, (ach, imp) in zip(round_.services, ITEMS, strict=True):
        assert [f.text_ko for f in service.findings] == [ach, imp]


@pytest.mark.parametrize(
    "heading",
    [
        "<h5>{}</h5>",
        "<h4>{}</h4>",
        "<h6><span>{}</span></h6>",
        "<h5>{k}. {}</h5>",
        "<h5>({n}) {}</h5>",
        "<p><strong>{}</strong></p>",
        "<div><b>{}</b></div>",
        "<p>{j}) {}</p>",
    ],
)
def test_html_headings_by_markup_or_mark(tmp_path: Path, heading: str) -> None:
    (tmp_path / "page.html").write_text(html_page(heading), encoding="utf-8")
    conn = loaded_path(tmp_path, tmp_path / "page.html")
    services = stored(conn, 2042, 2)
    assert [n for n, _, _, _ in services] == NAMES
    assert services[0][2:] == (
        ["열람실 좌석 확충", "추가 열람실 좌석 확충"],
        ["장서 관리 강화 필요"],
    )


def loaded_path(tmp_path: Path, path: Path) -> sqlite3.Connection:
    from knowledge.store import ingest_text
    from tests.test_disclosure import SEED

    db = open_db(tmp_path / "kb.db")
    ingest_text(db, SEED.read_text(encoding="utf-8"), SEED.name)
    assert ingest_text(db, path.read_text(encoding="utf-8"), path.name).status == "new"
    db.conn.close()
    return sqlite3.connect(tmp_path / "kb.db")


def test_heading_elements_and_bold_lines_are_tagged() -> None:
    lines = html_lines(
        "<html><body><h5>가상 센터 운영</h5><p><b>굵은</b> 보통</p><p><strong>전부 굵게</strong>"
        "</p><ul><li><b>굵은 항목</b></li></ul><table><tr><td><b>칸</b></td></tr></table></body>"
    )
    tags = {line.text: line.tag for line in lines if line.text}
    assert tags == {
        "가상 센터 운영": "h5",
        "굵은 보통": None,
        "전부 굵게": "b",
        "- 굵은 항목": None,  # a list item, bold or not, is an item
        "칸": None,  # a cell is a table's
    }


def test_a_bold_line_without_findings_after_it_is_no_service() -> None:
    """Bold alone is emphasis: a heading only when a findings label follows it."""
    text = html_page("<h5>{}</h5>").replace(
        "<h4>2. 주요", "<p><strong>아래는 사무별 내용입니다</strong></p>\n<h4>2. 주요"
    )
    assert [s.name_ko for s in parse(text).services] == NAMES


def test_lettered_sub_items_under_a_label_stay_findings() -> None:
    """ "가. …" under a label of a service headed "1." is the task's sub-item, not a service."""
    text = text_page(["1.", "2.", "3."]).replace(
        " - 개선 과제 : 장서 관리 강화 필요\n",
        " - 개선 과제 : 장서 관리 강화 필요\n   가. 희귀본 보존 처리\n   나. 대출 기록 전산화\n",
    )
    round_ = parse(text)
    assert [s.name_ko for s in round_.services] == NAMES
    assert [f.text_ko for f in round_.services[0].findings] == [
        "열람실 좌석 확충",
        "장서 관리 강화 필요",
        "희귀본 보존 처리",
        "대출 기록 전산화",
    ]


def test_the_blind_table_page_loads_with_its_lettered_headings() -> None:
    round_ = parse(read_blind("many14/2027-round1-table.html"))
    assert len(round_.services) == 10
    found = {s.name_ko: len(s.findings) for s in round_.services if s.findings}
    assert found == {
        "마포자원회수시설 관리 및 운영": 4,
        "서울특별시 경계선지능인 평생교육지원센터 관리 및 운영": 4,
        "서울시 전통시장 활성화지원센터 운영": 3,
    }
    market = next(s for s in round_.services if "전통시장" in s.name_ko)
    assert (market.score, market.contractor) == (68.9, "(사)장터살림연구소")


def read_blind(name: str) -> str:
    return (FIXTURES / "blind" / name).read_text(encoding="utf-8")


# ---- the contractor and the remark columns ----
def test_contractors_are_stored_apart_from_names_and_scores(tmp_path: Path) -> None:
    conn = loaded(
        tmp_path / "kb.db",
        "k6-2041-round1-lettered-contractors.txt",
        "k6-2041-round2-bare-headings.html",
    )
    rows = conn.execute(
        "select r.round_no, e.name_published, e.score, e.contractor from evaluations e "
        "join rounds r on r.id = e.round_id where r.year = 2041 order by r.round_no, e.position"
    ).fetchall()
    assert rows == [
        (1, "가상 솔숲 도서관 운영", 80.2, "(사)책읽는솔숲"),
        (1, "가상 물빛 체육센터 운영", 82.4, "(주)물빛스포츠"),
        (1, "가상 들꽃 복지관 운영", 72.6, "사회복지법인 들꽃나눔"),
        (1, "가상 별무리 과학관 관리", 76.8, "(재)별무리과학재단"),
        (2, "가상 하늘 공원 관리", 81.5, "(사)하늘정원"),  # the contractor's column first
        (2, "가상 바다 셔틀 운영", 74.5, "(주)바다교통"),
        (2, "가상 숲속 학교 운영", 75.0, "(재)숲속배움"),  # its remark cell left empty
    ]
    services = stored(conn, 2041, 1)
    assert services[2][3] == [  # "가." sub-items of a task under "다)" headings
        "회계 처리 절차 개선 필요",
        "보조금 집행 증빙 누락 방지",
        "내부 감사 주기 단축",
    ]


def test_the_remark_column_names_the_services_excluded() -> None:
    """With no names (and no count) stated, the rows marked "재계약 배제" are the names below
    the cutoff; a remark about another year, or one that negates the mark, is none."""
    text = page("k6-2041-round1-lettered-contractors.txt").replace(", 75점 미만 1개 사무", "")
    round_ = parse(text)
    assert round_.below_cutoff_count is None
    assert round_.below_cutoff_names == ("가상 들꽃 복지관 운영",)
    assert parse(page("k6-2041-round2-bare-headings.html")).below_cutoff_names == (
        "가상 바다 셔틀 운영",
    )


def test_a_contractor_column_in_a_findings_table_is_not_the_name() -> None:
    text = (
        "※ SYNTHETIC\n2042년 제3차 민간위탁 종합성과평가 결과\n\n□ 평가 결과\n"
        " ○ 2개 사무 평균 78.00점\n\n□ 사무별 주요 성과 및 개선 과제\n"
        "| 기관명 | 사무명 | 주요 성과 | 개선 과제 |\n|---|---|---|---|\n"
        "| (사)구름 | 가상 구름 도서관 운영 | 열람실 좌석 확충 | 장서 관리 강화 필요 |\n"
        "| (주)바람 | 가상 바람 체육센터 운영 | 강좌 수 확대 | 안전요원 보강 필요 |\n"
    )
    round_ = parse(text)
    assert [(s.name_ko, s.contractor) for s in round_.services] == [
        ("가상 구름 도서관 운영", "(사)구름"),
        ("가상 바람 체육센터 운영", "(주)바람"),
    ]


# ---- refused at the line that broke it ----
def test_a_mark_contradicting_the_score_is_refused(tmp_path: Path) -> None:
    text = page("k6-2041-round2-bare-headings.html").replace(
        "<td>81.50</td><td>-</td>", "<td>81.50</td><td>재계약 배제(공개모집)</td>"
    )
    error = refused_untouched(tmp_path, text)
    assert (error.line_no, "marked excluded" in error.reason) == (16, True)


def test_findings_before_any_lettered_heading_are_refused(tmp_path: Path) -> None:
    text = text_page(["가.", "나.", "다."]).replace(
        "가. 가상 구름 도서관 운영\n", "가상 구름 도서관 운영 현황\n"
    )
    error = refused_untouched(tmp_path, text)
    line = text.splitlines()[error.line_no - 1]
    assert line == " - 주요 성과 : 열람실 좌석 확충"
    assert "service heading" in error.reason


def test_a_heading_element_without_findings_is_refused(tmp_path: Path) -> None:
    text = html_page("<h5>{}</h5>").replace(
        "<h5>가상 바람", "<h5>가상 새벽 센터 운영</h5>\n<h5>가상 바람"
    )
    error = refused_untouched(tmp_path, text)
    assert text.splitlines()[error.line_no - 1].startswith("<h5>가상 새벽 센터 운영")
    assert "findings" in error.reason


def test_a_contractor_in_the_heading_or_its_block_is_no_name_and_no_finding() -> None:
    """ "가. name ((사)○○)" names the service and its contractor; "○ 수탁기관 : …" or a table row
    "수탁기관 | …" in the block is the contractor, never a finding."""
    text = text_page(["가.", "나.", "다."])
    text = text.replace("가. 가상 구름 도서관 운영", "가. 가상 구름 도서관 운영 ((사)구름책방)")
    text = text.replace(
        " - 개선 과제 : 안전요원 보강 필요\n",
        " - 개선 과제 : 안전요원 보강 필요\n ○ 운영기관 : 주식회사 바람스포츠\n",
    )
    round_ = parse(text)
    assert [(s.name_ko, s.contractor) for s in round_.services] == [
        (NAMES[0], "(사)구름책방"),
        (NAMES[1], "주식회사 바람스포츠"),
        (NAMES[2], None),
    ]
    assert [f.text_ko for f in round_.services[1].findings] == list(ITEMS[1])
    html = html_page("<h5>{}</h5>").replace(
        "<tr><th>주요 성과</th><td>- 강좌",
        "<tr><th>수탁기관</th><td>(재)바람재단</td></tr>\n<tr><th>주요 성과</th><td>- 강좌",
    )
    services = parse(html).services
    assert (services[1].contractor, len(services[1].findings)) == ("(재)바람재단", 3)
