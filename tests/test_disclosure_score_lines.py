"""Scores published inside each service's block ("○ 평가점수 : 82.35점"), not in a table.

Some disclosures give each service's score on a line under its heading (or after its
findings table).  Those scores are read like a score table's: stored on the evaluation, and
checked against the stated average, the count below the cutoff and the names below it — a
contradiction refuses the document and names the line.  The fixture is synthetic
(tests/fixtures/k-2025-round4-score-lines.txt, first line says so).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.cli import main
from knowledge import synthetic
from knowledge.disclosure import ParseError, parse
from knowledge.disclosure.findings import score_line, service_heading
from knowledge.model import Round
from tests.test_disclosure import as_board_page, fixture, shape

NAME = "k-2025-round4-score-lines.txt"
SCORES = [
    ("가상 햇살 청소년센터 운영", 82.35),
    ("가상 푸른 도서관 운영", 79.18),
    ("가상 한빛 복지관 운영", 70.40),
    ("가상 새싹 체험관 운영", 76.63),
]


def text() -> str:
    return fixture(NAME)


def line_no(document: str, line: str) -> int:
    """The 1-based number of the first line of ``document`` that is exactly ``line``."""
    return document.split("\n").index(line) + 1


# ---- reading ------------------------------------------------------------------------------------
def test_score_lines_give_each_service_its_score_and_no_finding() -> None:
    r = parse(text())
    assert [(s.name_ko, s.score, s.score_precision) for s in r.services] == [
        (name, score, 2) for name, score in SCORES
    ]
    assert [len(s.findings) for s in r.services] == [3, 3, 3, 2]
    assert not [f for s in r.services for f in s.findings if "점수" in f.text_ko]
    assert (r.average_score, r.below_cutoff_count) == (77.14, 1)


def as_score_section(document: str) -> str:
    """``document`` with its score lines moved into a section of their own before the
    findings: "□ 사무별 평가점수", then "① name" / "○ 평가점수 : …" per service."""
    lines = document.split("\n")
    blocks: list[str] = ["□ 사무별 평가점수", ""]
    findings: list[str] = []
    heading = ""
    for line in lines:
        if line[:1] and line[:1] in "①②③④":
            heading = line
        if score_line(line) is not None:
            blocks += [heading, line, ""]
        else:
            findings.append(line)
    at = findings.index("□ 사무별 평가점수 및 주요성과·과제")
    return "\n".join([*findings[:at], *blocks, "□ 사무별 주요성과 및 과제", *findings[at + 1 :]])


def test_numbered_names_with_score_lines_in_a_score_section() -> None:
    moved = as_score_section(text())
    assert "□ 사무별 평가점수\n\n① 가상 햇살 청소년센터 운영\n○ 평가점수 : 82.35점" in moved
    assert shape(parse(moved)) == shape(parse(text()))
    # a score line under no service heading is the score of no service: refused, named
    stray = moved.replace("① 가상 햇살 청소년센터 운영\n○ 평가점수", "○ 평가점수")
    with pytest.raises(ParseError) as caught:
        parse(stray)
    assert (caught.value.line_no, caught.value.line) == (
        line_no(stray, "○ 평가점수 : 82.35점"),
        "○ 평가점수 : 82.35점",
    )
    assert caught.value.reason == "expected a numbered service name (① name) before this score"


def as_results_list(document: str) -> str:
    """``document`` with its score lines replaced by one results line listing every
    service's score under a shortened name, as some rounds publish them."""
    kept = [line for line in document.split("\n") if score_line(line) is None]
    listed = (
        "① 햇살 청소년센터 82.35점, ② 푸른 도서관 79.18점, ③ 한빛 복지관 70.40점, "
        "④ 새싹 체험관 76.63점"
    )
    at = kept.index(" - 75점 미만 재계약 배제 대상 사무 : 1개(가상 한빛 복지관 운영)")
    return "\n".join([*kept[:at], f" - 사무별 점수 : {listed}", *kept[at:]])


def test_scores_listed_in_the_results_under_shortened_names() -> None:
    listed = as_results_list(text())
    assert shape(parse(listed)) == shape(parse(text()))
    assert shape(parse(as_board_page(listed))) == shape(parse(text()))
    r = parse(listed.replace("① 햇살 청소년센터", "햇살 청소년센터").replace("② 푸른", "푸른"))
    assert [s.score for s in r.services] == [score for _, score in SCORES]  # by name alone


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            ("② 푸른 도서관", "② 한빛 복지관"),
            "expected '한빛 복지관' to be a service of this round",
        ),
        (
            ("④ 새싹 체험관", "⑤ 새싹 체험관"),
            "expected '새싹 체험관' to be a service of this round",
        ),
        (
            ("④ 새싹 체험관", "④ 새벽 천문대"),
            "expected '새벽 천문대' to be a service of this round",
        ),
        (("70.40점", "75.40점"), "expected scores whose mean is the average stated on line 13"),
    ],
)
def test_listed_scores_that_contradict_the_round_are_refused(
    change: tuple[str, str], reason: str
) -> None:
    listed = as_results_list(text()).replace(*change)
    with pytest.raises(ParseError) as caught:
        parse(listed)
    assert caught.value.reason.startswith(reason)
    assert caught.value.line_no in (13, 14)  # the listing, or the cutoff statement


def test_score_lines_on_a_board_page_read_the_same() -> None:
    assert shape(parse(as_board_page(text()))) == shape(parse(text()))


@pytest.mark.parametrize(
    ("line", "score"),
    [
        ("○ 평가점수 : 82.35점", "82.35"),
        ("- 평가점수: 82.35", "82.35"),
        ("· 점수 : 82.35점", "82.35"),
        ("• 종합점수 82.35점", "82.35"),
        ("ㅇ 종합성과평가 점수 : 82.35점", "82.35"),
        ("평가 점수 : 82.35점(재계약 배제)", "82.35"),
        ("○ 평가점수 : 71.20점 (75점 미만, 재계약 배제)", "71.20"),
        ("[평가점수] 82.35점", "82.35"),
        ("평가점수\t82.35점", "82.35"),
        ("○ 총점 : 88.2 / 100점", "88.2"),
        ("- 평가점수 : 82점", "82"),
    ],
)
def test_score_line_forms(line: str, score: str) -> None:
    assert score_line(line) == score


@pytest.mark.parametrize(
    "line",
    [
        "- 평가점수 : 3개 민간위탁사무 평가 결과 평균 79.39점",  # the results statement
        "- 점수 향상을 위한 노력 필요",
        "- 만족도 점수 82.35점 달성",
        "82.35점",
        "- 평가점수 : 미공개",
    ],
)
def test_lines_that_are_not_a_service_score(line: str) -> None:
    assert score_line(line) is None


@pytest.mark.parametrize(
    ("heading", "name", "score"),
    [
        ("① 가상 센터 운영 (82.35점)", "가상 센터 운영", "82.35"),
        ("① 가상 센터 운영 : 82.35점", "가상 센터 운영", "82.35"),
        ("① 가상 센터 운영: 82.35점(재계약 배제)", "가상 센터 운영", "82.35"),
        ("① 가상 센터 운영 (82.35점, 재계약 배제)", "가상 센터 운영", "82.35"),
        ("① 가상 센터 운영 (82.35점)(재계약 배제)", "가상 센터 운영", "82.35"),
        ("① 가상 센터 운영 (평가점수 82.35점)", "가상 센터 운영", "82.35"),
        ("1. 가상 센터 운영 - 82.35점", "가상 센터 운영", "82.35"),
        ("① 가상 센터 운영 - 2024", "가상 센터 운영 - 2024", None),
        ("① 가상 센터 운영 (2개소)", "가상 센터 운영 (2개소)", None),
    ],
)
def test_scores_in_heading_forms(heading: str, name: str, score: str | None) -> None:
    assert service_heading(heading) == (1, name, score)


def test_ingest_stores_the_scores_of_score_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "k.db"
    page = tmp_path / NAME
    page.write_text(text(), encoding="utf-8")
    assert main(["ingest", "--db", str(db), str(page)]) == 0
    assert "new round — 2025 round 4, 4 services" in capsys.readouterr().out
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "select s.name_ko, e.score from evaluations e join rounds r on r.id = e.round_id"
            " join services s on s.id = e.service_id where r.year = 2025 and r.round_no = 4"
            " order by e.score desc"
        ).fetchall()
    finally:
        conn.close()
    assert rows == sorted(SCORES, key=lambda row: -row[1])


# ---- contradictions refuse the document, naming the line -----------------------------------
def test_score_lines_that_contradict_the_stated_average_are_refused() -> None:
    changed = text().replace("평균 77.14점", "평균 78.00점")
    with pytest.raises(ParseError) as caught:
        parse(changed)
    assert caught.value.line_no == line_no(
        changed, "- 평가점수 : 4개 민간위탁사무 평가 결과 평균 78.00점"
    )
    assert caught.value.reason.startswith("expected scores whose mean is the average stated")


def test_a_score_line_above_the_cutoff_for_a_service_named_below_it_is_refused() -> None:
    # the count below the cutoff and the mean still agree: only the named service contradicts
    changed = text().replace("70.40점(재계약 배제)", "75.40점").replace("76.63점", "71.63점")
    with pytest.raises(ParseError) as caught:
        parse(changed)
    assert (caught.value.line_no, caught.value.line) == (
        line_no(changed, "· 종합점수 75.40점"),
        "· 종합점수 75.40점",
    )


def test_a_score_line_against_the_stated_count_below_the_cutoff_is_refused() -> None:
    changed = text().replace("76.63점", "74.63점").replace("77.14점", "76.64점")
    with pytest.raises(ParseError, match="expected 1 score\\(s\\) below 75 as stated"):
        parse(changed)


def test_two_different_scores_for_one_service_are_refused() -> None:
    changed = text().replace("② 가상 푸른 도서관 운영\n", "② 가상 푸른 도서관 운영 (79.81점)\n")
    with pytest.raises(ParseError) as caught:
        parse(changed)
    assert (caught.value.line_no, caught.value.line) == (
        line_no(changed, "- 점수 : 79.18"),
        "- 점수 : 79.18",
    )
    assert caught.value.reason == "expected one score per service (a different one was given)"
    same = text().replace("② 가상 푸른 도서관 운영\n", "② 가상 푸른 도서관 운영 (79.18점)\n")
    assert shape(parse(same)) == shape(parse(text()))


def test_a_score_line_over_the_maximum_points_is_refused() -> None:
    changed = text().replace("○ 평가점수 : 82.35점", "○ 평가점수 : 182.35점")
    with pytest.raises(ParseError) as caught:
        parse(changed)
    assert caught.value.line == "○ 평가점수 : 182.35점"
    assert caught.value.reason == "expected a score within the maximum points"


# ---- property: a score table and score lines are the same round --------------------------------
_FORMS = [
    "○ 평가점수 : {s}점",
    "- 점수 : {s}",
    "· 종합점수 {s}점",
    "ㅇ 평가점수 : {s}점(재계약 배제)",
    "평가점수\t{s}점",
]
_HEADING_FORMS = ["{h} ({s}점)", "{h} : {s}점", "{h} ({s}점, 비고)"]
_TABLE = re.compile(r"□ 사무별 평가점수\n\n(?P<rows>(?:.+\t.+\n)+)\n")


def as_score_lines(table_text: str, forms: list[int], after_findings: list[bool]) -> str:
    """``table_text`` with its score table moved into each service's block.

    ``forms[i]`` picks how service i's score is written (a score line, or its heading);
    ``after_findings[i]`` puts a score line after the findings table instead of under the
    heading.
    """
    m = _TABLE.search(table_text)
    assert m is not None, "the synthetic disclosure has a score table"
    scores = dict(row.split("\t") for row in m.group("rows").splitlines())
    lines = table_text[: m.start()].split("\n") + table_text[m.end() :].split("\n")
    out: list[str] = []
    pending: str | None = None
    index = -1
    for line in lines:
        heading = service_heading(line)
        if heading is not None:
            if pending is not None:
                out.insert(len(out) - 1, pending)  # before the blank line ending the block
                pending = None
            index += 1
            form = forms[index % len(forms)]
            score = scores[heading[1]]
            if form >= len(_FORMS):
                out.append(_HEADING_FORMS[form - len(_FORMS)].format(h=line, s=score))
                continue
            out.append(line)
            written = _FORMS[form].format(s=score)
            if after_findings[index % len(after_findings)]:
                pending = written
            else:
                out.append(written)
            continue
        out.append(line)
    if pending is not None:
        out.append(pending)
    return "\n".join(out)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(2015, 2040),
    st.integers(1, 6),
    st.integers(1, 12),
    st.integers(0, 10_000),
    st.lists(st.integers(0, len(_FORMS) + len(_HEADING_FORMS) - 1), min_size=1, max_size=12),
    st.lists(st.booleans(), min_size=1, max_size=12),
)
def test_score_lines_and_a_score_table_parse_equal(
    year: int, round_no: int, n: int, seed: int, forms: list[int], after: list[bool]
) -> None:
    table_text = synthetic.disclosure(year, round_no, n, seed=seed, scores=True)
    as_table: Round = parse(table_text)
    lines_text = as_score_lines(table_text, forms, after)
    as_lines = parse(lines_text)
    assert shape(parse(as_board_page(lines_text))) == shape(as_lines)
    assert all(s.score is not None for s in as_table.services)
    assert shape(as_lines) == shape(as_table)
    assert [s.score_precision for s in as_lines.services] == [
        s.score_precision for s in as_table.services
    ]


def test_the_blind_disclosures_with_scores_outside_a_table_read_as_written() -> None:
    blind = Path(__file__).resolve().parent / "fixtures" / "blind"
    r5 = parse((blind / "many5" / "2025-round3.txt").read_bytes())  # "○ 평가점수 : 82.35점"
    assert [s.score for s in r5.services] == [82.35, 79.18, 76.64]
    assert [len(s.findings) for s in r5.services] == [4, 4, 5]
    r6 = parse((blind / "many6" / "2024-round3.txt").read_bytes())  # "사무별 점수 : ① …"
    assert [s.score for s in r6.services] == [83.10, 80.25, 77.40, 72.40, 79.85, 68.15, 81.56]
    assert r6.services[0].name_ko == "서울시 청소년노동인권센터 운영"  # the heading's name
