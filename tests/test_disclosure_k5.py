"""Layouts other departments publish: findings as table columns, a round named only in the
text or as "2회차"/"Round 2", a page in English, notes and closing remarks after the last
finding, text copied out of a PDF, and score tables with the areas' sub-scores.

Fixtures tests/fixtures/k5-* are synthetic (first line says so); every page is ingested
with the real seed into a real SQLite knowledge base, and a page that cannot be read is
refused at the line that shows why with the database untouched.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from knowledge.disclosure import ParseError, parse
from knowledge.disclosure.pages import glued
from knowledge.store import build, ingest_text, open_db, read_document
from tests.test_disclosure import FIXTURES, SEED

K5 = sorted(p.name for p in FIXTURES.glob("k5-*"))


def page(name: str) -> str:
    return read_document(FIXTURES / name)


def loaded(db_path: Path, *names: str) -> sqlite3.Connection:
    """The seed and the fixtures ``names`` ingested into a fresh knowledge base."""
    db = open_db(db_path)
    assert ingest_text(db, SEED.read_text(encoding="utf-8"), SEED.name).status == "new"
    for name in names:
        assert ingest_text(db, page(name), name).status == "new"
    db.conn.close()
    return sqlite3.connect(db_path)


def stored(conn: sqlite3.Connection, year: int, round_no: int) -> list[tuple]:
    """(name, score, achievements, improvements) of each service of a round, as stored."""
    rows = conn.execute(
        "select e.id, e.name_published, e.score from evaluations e join rounds r "
        "on r.id = e.round_id where r.year = ? and r.round_no = ? and r.superseded = 0 "
        "order by e.position",
        (year, round_no),
    ).fetchall()
    out = []
    for eid, name, score in rows:
        found = conn.execute(
            "select kind, text_ko from findings where evaluation_id = ? order by kind, position",
            (eid,),
        ).fetchall()
        ach = [t for k, t in found if k == "achievement"]
        imp = [t for k, t in found if k != "achievement"]
        out.append((name, score, ach, imp))
    return out


def refused_untouched(tmp_path: Path, text: str) -> ParseError:
    """``text`` is refused and the knowledge base keeps exactly what it had."""
    db = open_db(tmp_path / "kb.db")
    ingest_text(db, SEED.read_text(encoding="utf-8"), SEED.name)
    tables = ("rounds", "evaluations", "findings", "documents", "figures")
    before = [db.execute(f"select count(*) from {t}").fetchone()[0] for t in tables]
    with pytest.raises(ParseError) as error:
        ingest_text(db, text, "broken.txt")
    assert [db.execute(f"select count(*) from {t}").fetchone()[0] for t in tables] == before
    return error.value


@pytest.mark.parametrize("name", K5)
def test_k5_fixtures_are_marked_synthetic(name: str) -> None:
    assert "SYNTHETIC" in page(name).strip().splitlines()[0]


# ---- score tables with the areas' sub-scores ----
@pytest.mark.parametrize(
    ("name", "year", "round_no", "scores"),
    [
        ("k5-2029-round3-area-scores.txt", 2029, 3, [82.2, 79.5, 73.5]),
        ("k5-2029-round4-area-scores.html", 2029, 4, [81.8, 79.5]),
    ],
)
def test_the_total_is_the_score_not_a_sub_score(
    tmp_path: Path, name: str, year: int, round_no: int, scores: list[float]
) -> None:
    conn = loaded(tmp_path / "kb.db", name)
    assert [score for _, score, _, _ in stored(conn, year, round_no)] == scores


def test_a_row_of_sub_scores_without_header_gives_its_total() -> None:
    text = page("k5-2029-round3-area-scores.txt")
    rows = [
        line for line in text.splitlines() if not line.startswith("| 연번") and "| |" not in line
    ]
    round_ = parse("\n".join(rows))
    assert [s.score for s in round_.services] == [82.2, 79.5, 73.5]


def test_sub_scores_that_do_not_add_up_keep_the_first_score_cell(tmp_path: Path) -> None:
    """No header and no total: the average check refuses a table it cannot be sure of."""
    text = page("k5-2029-round3-area-scores.txt").replace("| 82.20 |", "| 90.20 |")
    text = "\n".join(line for line in text.splitlines() if "연번" not in line and "| |" not in line)
    error = refused_untouched(tmp_path, text)
    assert "average" in error.reason


# ---- findings laid out as columns ----
def test_findings_columns_in_an_html_table(tmp_path: Path) -> None:
    conn = loaded(tmp_path / "kb.db", "k5-2032-round1-findings-columns.html")
    services = stored(conn, 2032, 1)
    assert [(n, s) for n, s, _, _ in services] == [
        ("가상 노을 도서관 운영", 81.0),
        ("가상 구름 복지관 운영", 80.0),
        ("가상 별빛 주차장 관리", 73.0),
    ]
    assert services[0][2:] == (
        ["야간 열람실 운영으로 이용자 증가", "지역 작가 강연 정례화"],
        ["노후 서가 교체 계획 수립 필요"],
    )
    assert services[1][2] == ["어르신 돌봄 프로그램 확대", "경로식당 위생 점검 강화"]
    assert services[2][3] == ["야간 순찰 인력 보강 필요", "요금 감면 확인 절차 개선 필요"]


def test_findings_columns_in_a_pipe_table_inside_the_results(tmp_path: Path) -> None:
    conn = loaded(tmp_path / "kb.db", "k5-2032-round2-findings-pipes.txt")
    assert stored(conn, 2032, 2) == [
        (
            "가상 은하 체육센터 운영",
            None,
            ["생활체육 강좌 확대", "수강생 만족도 90% 달성"],
            ["강사 처우 개선 필요"],
        ),
        (
            "가상 바람 청소년센터 운영",
            None,
            ["청소년 자치활동 지원 강화", "진로 상담 확대"],
            ["시설 안전점검 주기 단축 필요"],
        ),
    ]


def test_a_findings_table_row_counted_against_the_stated_count(tmp_path: Path) -> None:
    text = page("k5-2032-round2-findings-pipes.txt").replace("42개 사무 중 2개", "42개 사무 중 3개")
    error = refused_untouched(tmp_path, text)
    assert "expected 3 service" in error.reason and "2개" in error.line


# ---- the round, wherever and however it is written ----
def test_round_named_only_in_the_text(tmp_path: Path) -> None:
    conn = loaded(tmp_path / "kb.db", "k5-2031-half-year.txt")
    row = conn.execute("select title from rounds where year = 2031 and round_no = 1").fetchone()
    assert row == ("2031년 상반기 민간위탁 종합성과평가 결과",)
    assert len(stored(conn, 2031, 1)) == 2


@pytest.mark.parametrize(
    ("title", "round_no"),
    [
        ("2031년 민간위탁 종합성과평가 2회차 결과 공개", 2),
        ("2031년도 종합성과평가(3 회차) 결과", 3),
        ("Results of the 2nd round of the 2031 Performance Evaluation", 2),
        ("2031 Performance Evaluation Results (Round 4)", 4),
    ],
)
def test_round_written_as_hoecha_or_in_english(title: str, round_no: int) -> None:
    text = page("k5-2031-round2-hoecha.txt").replace(
        "2031년 민간위탁 종합성과평가 2회차 결과 공개", title
    )
    round_ = parse(text)
    assert (round_.year, round_.round_no) == (2031, round_no)


def test_round_named_nowhere_is_refused_at_the_title(tmp_path: Path) -> None:
    text = page("k5-2031-half-year.txt").replace("제1차 종합성과평가를", "종합성과평가를")
    error = refused_untouched(tmp_path, text)
    assert error.line_no == 3 and "the title names the year only" in error.reason


def test_two_rounds_in_the_text_are_refused_at_the_second(tmp_path: Path) -> None:
    text = page("k5-2031-half-year.txt").replace("2031. 2. ~ 4.", "2031. 2. ~ 4. (제2차)")
    error = refused_untouched(tmp_path, text)
    assert error.line_no == 8 and "line 5 names round 1" in error.reason


def test_other_rounds_in_the_results_name_no_round_of_the_page() -> None:
    """ "2030년 제4차 대비" and "1~2차 누적" are other rounds; the text's "제1차" decides."""
    text = page("k5-2031-half-year.txt").replace(
        "- 평가대상 : 2031년 40개 사무 중 2개",
        "- 평가대상 : 2031년 40개 사무 중 2개 (1~2차 누적 5개)",
    )
    assert parse(text).round_no == 1


# ---- English ----
def test_an_english_page_loads_with_its_figures_and_findings(tmp_path: Path) -> None:
    conn = loaded(tmp_path / "kb.db", "k5-2033-round2-english.txt")
    services = stored(conn, 2033, 2)
    assert [(n, s) for n, s, _, _ in services] == [
        ("Virtual Sunset Library Operation", 81.0),
        ("Virtual Cloud Welfare Center Operation", 79.6),
        ("Virtual Starlight Parking Lot Management", 74.0),
    ]
    assert services[2][2:] == (
        ["Unmanned pay stations introduced"],
        ["More night patrol staff are needed"],
    )
    row = conn.execute(
        "select average_score, services_evaluated, services_in_year, below_cutoff_count, "
        "below_cutoff_names, period_start, period_end, evaluator from rounds "
        "where year = 2033 and round_no = 2"
    ).fetchone()
    assert row == (
        78.2,
        3,
        44,
        1,
        '["Virtual Starlight Parking Lot Management"]',
        "2033-05",
        "2033-07",
        "Virtual Evaluation Institute",
    )


def test_an_english_page_with_a_wrong_average_is_refused(tmp_path: Path) -> None:
    text = page("k5-2033-round2-english.txt").replace("78.20 points", "71.20 points")
    error = refused_untouched(tmp_path, text)
    assert "average" in error.reason


def test_a_korean_page_quoting_english_stays_korean() -> None:
    """English words in a Korean page ("Performance Evaluation" in a name) are not rewritten."""
    text = page("k5-2030-round1-notes.txt").replace(
        "가상 노을 도서관 운영", "Service Performance Evaluation Lab 운영"
    )
    assert parse(text).services[0].name_ko == "Service Performance Evaluation Lab 운영"


# ---- notes and closing remarks ----
def test_notes_and_a_closing_remark_are_no_findings(tmp_path: Path) -> None:
    conn = loaded(tmp_path / "kb.db", "k5-2030-round1-notes.txt")
    assert [imp for _, _, _, imp in stored(conn, 2030, 1)] == [
        ["노후 서가 교체 계획 수립 필요"],
        ["강사 처우 개선 필요"],
        ["시설 안전점검 주기 단축 필요"],
    ]


def test_an_unfinished_finding_still_runs_on_to_its_next_line() -> None:
    """A line after a finding that had not ended is the same finding, even as a sentence."""
    text = (
        page("k5-2030-round1-notes.txt")
        .replace(
            "이상의 평가 결과는 재계약 적정성 심의에 반영할 예정입니다.",
            "및 점검 결과 공개가 필요합니다.",
        )
        .replace("- 시설 안전점검 주기 단축 필요", "- 시설 안전점검 주기 단축")
    )
    last = parse(text).services[-1].findings[-1].text_ko
    assert last == "시설 안전점검 주기 단축 및 점검 결과 공개가 필요합니다."


# ---- text out of a PDF ----
def test_pdf_text_wraps_and_page_furniture(tmp_path: Path) -> None:
    conn = loaded(tmp_path / "kb.db", "k5-2030-round2-pdf-wraps.txt")
    services = stored(conn, 2030, 2)
    assert services[0][:2] == ("서울시 서남권직장맘지원 센터 운영", 81.2)
    assert services[0][2:] == (
        [
            "점심시간 찾아가는 법률상담 프로그램 운영으로 참여자 만족도 향상",
            "고용노동부 등 행정기관의 제도개선에 기여",
        ],
        ["사업성과 심층 분석을 통한 사업활성화 전략 고도화 필요"],
    )
    assert services[2][2] == ["생활체육 강좌 확대로 수강생이 늘어남"]
    # the wrapped name is the seed's service, not a new one
    seed_service = conn.execute(
        "select count(distinct r.id) from evaluations e join rounds r on r.id = e.round_id "
        "join services s on s.id = e.service_id where s.key = '서남권직장맘지원센터'"
    ).fetchone()
    assert seed_service == (2,)
    evaluator = conn.execute("select evaluator from rounds where year = 2030").fetchone()
    assert evaluator == ("가상평가연구원",)


def test_no_finding_holds_a_page_number_or_header() -> None:
    round_ = parse(page("k5-2030-round2-pdf-wraps.txt"))
    texts = [f.text_ko for s in round_.services for f in s.findings]
    assert not any("서울특별시" in t or "- 2 -" in t for t in texts)


@pytest.mark.parametrize(
    ("before", "after", "glue"),
    [
        ("운영으로 참여", "자 만족도 향상", True),
        ("인큐베이", "터로서의 역할", True),
        ("전략 고도", "화 필요", True),
        ("제도개선에", "기여", False),
        ("교육 및", "등 지원", False),
        ("프로그램 운영", "및 관리 강화", False),
        ("consig-", "ned services", True),
    ],
)
def test_a_wrap_inside_a_word(before: str, after: str, glue: bool) -> None:
    assert glued(before, after) is glue


# ---- Markdown label tables, a note after a heading, figures as a header row over values ----
_MARKDOWN_LABELS = """\
# 2034년 제1차 민간위탁 종합성과평가 결과 공개

## □ 평가개요
- 평가대상 : '34년 40개 사무 중 2개

## □ 평가결과
| 평가 사무 수 | 평균 점수 | 75점 미만 사무 수 |
|---|---|---|
| 2개 | 76.00점 | 1개(50.0%) |

## □ 사무별 주요성과 및 과제

### ① 가상 노을 도서관 운영

| 구 분 | 주 요 내 용 |
|---|---|
| 주요 성과 | - 야간 열람실 운영 - 지역 작가 강연 정례화 |
| 개선 과제 | - 노후 서가 교체 필요 |

### ② 가상 별빛 주차장 관리 ※ 75점 미만(재계약 배제)

| 구 분 | 주 요 내 용 |
|---|---|
| 주요 성과 | - 무인 정산기 도입 |
| 개선 과제 | - 야간 순찰 인력 보강 필요 |
"""


def test_markdown_label_rows_and_a_note_after_the_heading(tmp_path: Path) -> None:
    db = open_db(tmp_path / "kb.db")
    ingest_text(db, _MARKDOWN_LABELS, "md.txt")
    db.conn.close()
    conn = sqlite3.connect(tmp_path / "kb.db")
    assert stored(conn, 2034, 1) == [
        (
            "가상 노을 도서관 운영",
            None,
            ["야간 열람실 운영", "지역 작가 강연 정례화"],
            ["노후 서가 교체 필요"],
        ),
        ("가상 별빛 주차장 관리", None, ["무인 정산기 도입"], ["야간 순찰 인력 보강 필요"]),
    ]


def test_figures_as_a_header_row_over_one_row_of_values() -> None:
    r = parse(_MARKDOWN_LABELS)
    assert (r.services_evaluated, r.average_score, r.below_cutoff_count) == (2, 76.0, 1)
    assert r.below_cutoff_names == ()  # "(50.0%)" is a share, not a name


def test_a_figures_row_contradicting_a_statement_is_refused(tmp_path: Path) -> None:
    text = _MARKDOWN_LABELS.replace(
        "- 평가대상 : '34년 40개 사무 중 2개",
        "- 평가대상 : '34년 40개 사무 중 2개\n- 평균 : 78.00점",
    )
    error = refused_untouched(tmp_path, text)
    assert error.line_no == 10 and "(78.00), not 76.00" in error.reason


def test_an_english_page_names_a_known_service_by_its_english_name(tmp_path: Path) -> None:
    """ "Seoul Fintech Lab Management and Operation" is the seed's 서울 핀테크랩, and an English
    finding is its own English text."""
    text = page("k5-2033-round2-english.txt").replace(
        "Virtual Sunset Library Operation", "Seoul Fintech Lab Management and Operation"
    )
    build(tmp_path / "kb.db")  # the seed with the curated English names
    db = open_db(tmp_path / "kb.db")
    ingest_text(db, text, "en.txt")
    rounds = db.execute(
        "select r.year, r.round_no from evaluations e join rounds r on r.id = e.round_id "
        "join services s on s.id = e.service_id where s.name_ko = '서울 핀테크랩 관리 및 운영' "
        "order by 1"
    ).fetchall()
    assert rounds == [(2023, 3), (2033, 2)]
    english = db.execute(
        "select text_en from findings where text_ko like 'More visitors%'"
    ).fetchone()
    assert english == ("More visitors after the night reading room opened",)


# ---- the same gaps in other shapes ----
def test_findings_columns_in_a_tab_table_with_notes_in_cells() -> None:
    text = (
        "2035년 제1차 민간위탁 종합성과평가 결과\n\n□ 평가 결과\n- 평균 80.00점\n\n"
        "□ 사무별 주요 성과 및 개선 과제\n"
        "번호\t사 무 명\t점수\t성과\t과제\n"
        "1\t가상 노을 도서관 운영\t82.00\t- 야간 운영 - 강연 정례화"
        "\t- 서가 교체 필요 ※ 예산 반영 예정\n"
        "2\t가상 구름 복지관 운영\t78.00\t① 돌봄 확대 ② 식당 점검\t없음\n"
    )
    r = parse(text)
    assert [(s.name_ko, s.score) for s in r.services] == [
        ("가상 노을 도서관 운영", 82.0),
        ("가상 구름 복지관 운영", 78.0),
    ]
    assert [f.text_ko for f in r.services[0].findings] == [
        "야간 운영",
        "강연 정례화",
        "서가 교체 필요",
    ]
    assert [f.text_ko for f in r.services[1].findings] == ["돌봄 확대", "식당 점검"]


def test_a_service_twice_in_a_findings_table_is_refused_at_its_row(tmp_path: Path) -> None:
    text = page("k5-2032-round2-findings-pipes.txt").replace(
        "| 2 | 가상 바람 청소년센터 운영 |", "| 2 | 가상 은하 체육센터 운영 |"
    )
    error = refused_untouched(tmp_path, text)
    assert error.line_no == 15 and "each service once" in error.reason


def test_english_findings_columns_and_other_phrasings() -> None:
    text = (
        "Results of the Second Round of the 2035 Performance Evaluation of Consigned Services\n\n"
        "Overview\n- Services evaluated: 2 services out of 40\n\n"
        "Results\n- The average score was 80.00 points\n- Services below 75 points: none\n\n"
        "Findings by service\n"
        "| No. | Service | Score | Key achievements | Improvement tasks |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Virtual Library Operation | 82.00 | Night opening | Shelves need replacing |\n"
        "| 2 | Virtual Welfare Center Operation | 78.00 | Care expanded | Volunteer rota needed |\n"
    )
    r = parse(text)
    assert (r.year, r.round_no, r.services_in_year, r.average_score) == (2035, 2, 40, 80.0)
    assert (r.below_cutoff_count, r.services_evaluated) == (0, 2)
    assert [(s.name_ko, s.score, len(s.findings)) for s in r.services] == [
        ("Virtual Library Operation", 82.0, 2),
        ("Virtual Welfare Center Operation", 78.0, 2),
    ]


@pytest.mark.parametrize("written", ["제2회 민간위탁 종합성과평가를", "second round of the"])
def test_the_round_in_the_text_as_je_n_hoe_or_an_english_ordinal(written: str) -> None:
    text = page("k5-2031-half-year.txt").replace("제1차 종합성과평가를", written)
    assert parse(text).round_no == 2


def test_page_numbers_in_bars_and_a_running_title_are_furniture() -> None:
    text = page("k5-2030-round2-pdf-wraps.txt")
    text = text.replace("- 2 -\n서울특별시", "― 2 ―\n2030년 제2차 결과 공개 자료").replace(
        "- 3 -\n서울특별시", "― 3 ―\n2030년 제2차 결과 공개 자료"
    )
    r = parse(text)
    texts = [f.text_ko for s in r.services for f in s.findings]
    assert "사업성과 심층 분석을 통한 사업활성화 전략 고도화 필요" in texts
    assert "생활체육 강좌 확대로 수강생이 늘어남" in texts


@pytest.mark.parametrize(
    ("last_line", "finding"),
    [
        (
            "- 시설 안전점검 주기 단축 필요 이상의 평가 결과는 재계약 심의에 반영할 예정입니다.",
            "시설 안전점검 주기 단축 필요",
        ),
        (
            "- 시설 안전점검 주기 단축 필요. 평가 결과는 재계약 심의에 반영합니다.",
            "시설 안전점검 주기 단축 필요",
        ),
        (  # a finding written as a sentence of its own stays whole
            "- 인력 보강 필요 여부를 검토하기 바랍니다.",
            "인력 보강 필요 여부를 검토하기 바랍니다.",
        ),
    ],
)
def test_a_closing_remark_on_the_line_of_the_last_finding(last_line: str, finding: str) -> None:
    text = page("k5-2030-round1-notes.txt").replace(
        "- 시설 안전점검 주기 단축 필요\n이상의 평가 결과는 재계약 적정성 심의에 반영할 "
        "예정입니다.",
        last_line,
    )
    assert parse(text).services[-1].findings[-1].text_ko == finding


def test_findings_columns_laid_out_with_runs_of_spaces() -> None:
    text = (
        "2036년 제2차 민간위탁 종합성과평가 결과\n\n□ 평가 결과\n- 평균 80.00점\n\n"
        "□ 사무별 주요 성과 및 개선 과제\n"
        "연번    사무명                  주요 성과                 개선 과제\n"
        "1       가상 노을 도서관 운영    야간 열람실 운영          서가 교체 필요\n"
        "2       가상 구름 복지관 운영    돌봄 프로그램 확대        봉사자 관리 정비 필요\n"
    )
    r = parse(text)
    assert [(s.name_ko, [f.text_ko for f in s.findings]) for s in r.services] == [
        ("가상 노을 도서관 운영", ["야간 열람실 운영", "서가 교체 필요"]),
        ("가상 구름 복지관 운영", ["돌봄 프로그램 확대", "봉사자 관리 정비 필요"]),
    ]


def test_an_english_page_in_other_words() -> None:
    """ "Period", "Number of services evaluated: 2", "Conducted by", "Average: 78.5",
    "scoring below 75: 1 (…)", "Points", "Achievements:" / "Recommendations:"."""
    text = (
        "Results of the 2036 Round 1 Performance Evaluation of Privately Consigned Services\n\n"
        "Overview\n- Period: June to August 2036\n- Number of services evaluated: 2\n"
        "- Conducted by: Virtual Institute\n\n"
        "Results\n- Average: 78.5\n"
        "- Services scoring below 75: 1 (Virtual Parking Lot Management)\n\n"
        "Scores\n| No. | Service name | Points |\n"
        "| 1 | Virtual Library Operation | 84.0 |\n"
        "| 2 | Virtual Parking Lot Management | 73.0 |\n\n"
        "Findings by service\n1. Virtual Library Operation\nAchievements:\n- Night opening\n"
        "Recommendations:\n- Replace shelves\n2. Virtual Parking Lot Management\n"
        "Achievements:\n- Pay stations\nRecommendations:\n- More patrols\n"
    )
    r = parse(text)
    assert (r.period_start, r.period_end, r.services_evaluated, r.evaluator) == (
        "2036-06",
        "2036-08",
        2,
        "Virtual Institute",
    )
    assert (r.average_score, r.below_cutoff_names) == (78.5, ("Virtual Parking Lot Management",))
    assert [(s.score, len(s.findings)) for s in r.services] == [(84.0, 2), (73.0, 2)]


_KIND_ROWS_HTML = (
    "<html><body><h1>2036년 제3차 민간위탁 종합성과평가 결과</h1>"
    "<h2>평가 결과</h2><p>평균 80.00점</p><h2>사무별 주요 성과 및 개선 과제</h2>\n"
    "<table><tr><th>사무명</th><th>구분</th><th>내용</th></tr>\n"
    '<tr><td rowspan="2">가상 노을 도서관 운영</td><td>주요 성과</td>'
    "<td><ul><li>야간 운영</li><li>강연</li></ul></td></tr>\n"
    "<tr><td>개선 과제</td><td>서가 교체 필요</td></tr>\n"
    '<tr><td rowspan="2">가상 구름 복지관 운영</td><td>주요 성과</td><td>돌봄 확대</td></tr>\n'
    "<tr><td>개선 과제</td><td>- 봉사자 관리 필요<br>- 식당 점검 필요</td></tr>\n"
    "</table></body></html>"
)
_KIND_ROWS_PIPES = (
    "2036년 제3차 민간위탁 종합성과평가 결과\n\n□ 평가 결과\n- 평균 80.00점\n\n"
    "□ 사무별 주요 성과 및 개선 과제\n| 연번 | 사무명 | 구분 | 내용 |\n|---|---|---|---|\n"
    "| 1 | 가상 노을 도서관 운영 | 주요 성과 | 야간 운영<br>강연 |\n"
    "| | | 개선 과제 | 서가 교체 필요 |\n"
    "| 2 | 가상 구름 복지관 운영 | 주요 성과 | 돌봄 확대 |\n"
    "| | | 개선 과제 | 봉사자 관리 필요<br>식당 점검 필요 |\n"
)


@pytest.mark.parametrize("text", [_KIND_ROWS_HTML, _KIND_ROWS_PIPES])
def test_a_row_per_service_and_kind_with_the_name_spanning_both(text: str) -> None:
    """ "사무명 | 구분 | 내용": the name once (a rowspan, or an empty cell) over two rows."""
    r = parse(text)
    assert [(s.name_ko, [(f.kind, f.text_ko) for f in s.findings]) for s in r.services] == [
        (
            "가상 노을 도서관 운영",
            [
                ("achievement", "야간 운영"),
                ("achievement", "강연"),
                ("improvement", "서가 교체 필요"),
            ],
        ),
        (
            "가상 구름 복지관 운영",
            [
                ("achievement", "돌봄 확대"),
                ("improvement", "봉사자 관리 필요"),
                ("improvement", "식당 점검 필요"),
            ],
        ),
    ]


def test_a_kind_row_before_any_name_is_refused(tmp_path: Path) -> None:
    text = _KIND_ROWS_PIPES.replace(
        "| 1 | 가상 노을 도서관 운영 | 주요 성과 |", "| 1 | | 주요 성과 |"
    )
    error = refused_untouched(tmp_path, text)
    assert error.line_no == 9 and "service's name" in error.reason


@pytest.mark.parametrize("item", ["- 평가차수 : 2차", "- 평가대상 : 2차분 2개", "- 차수 : 2회차"])
def test_the_round_as_an_overview_item(item: str) -> None:
    text = page("k5-2031-half-year.txt").replace("제1차 종합성과평가를", "종합성과평가를")
    text = text.replace("- 평가기간 : 2031. 2. ~ 4.", f"- 평가기간 : 2031. 2. ~ 4.\n{item}")
    assert parse(text).round_no == 2


def test_an_english_board_page_with_counts_in_words(tmp_path: Path) -> None:
    """An HTML notice: "Results of Round 2" after the year, a paragraph of sentences ("The
    average score of the 3 services was 79.10 points, … One service scored below 75 points
    (…)"), "an external expert institution (…)", headings in <h2>, labels in <strong>."""
    conn = loaded(tmp_path / "kb.db", "k5-2037-round2-english-board.html")
    row = conn.execute(
        "select average_score, below_cutoff_count, below_cutoff_names, evaluator, period_start, "
        "services_in_year from rounds where year = 2037 and round_no = 2"
    ).fetchone()
    assert row == (
        79.1,
        1,
        '["Virtual Parking Operation"]',
        "Virtual Research Institute",
        "2037-07",
        52,
    )
    assert [(n, s, len(a), len(i)) for n, s, a, i in stored(conn, 2037, 2)] == [
        ("Virtual Library Operation", 83.3, 1, 1),
        ("Virtual Welfare Center Operation", 80.0, 1, 1),
        ("Virtual Parking Operation", 74.0, 1, 1),
    ]
