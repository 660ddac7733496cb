"""Score tables inside the results section, and scores after the names below the cutoff.

Some rounds publish the per-service score table as a sub-item of the results ("- 사무별
평가점수" or "<li>사무별 평가점수</li>", then the table) instead of under a heading of its own,
and write each excluded service's score after its name: "… 대상 사무 2개 : A(72.10점),
B(70.55점)".  Both are read as that service's score — checked like a table's — and the names
keep no "(72.10점)".  The fixtures are synthetic (tests/fixtures/k-2022-round5-results-table.txt
and k-2026-round3-results-table.html, first line says so).
"""

from __future__ import annotations

import html
import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.cli import main
from knowledge import synthetic
from knowledge.disclosure import ParseError, parse
from knowledge.disclosure.findings import named_score
from knowledge.disclosure.lines import Line
from knowledge.disclosure.scores import split_score_tables
from knowledge.disclosure.sections import Section
from knowledge.english_names import english_aliases
from knowledge.model import Round
from tests.test_disclosure import as_board_page, figure_set, fixture, shape

TEXT = "k-2022-round5-results-table.txt"
PAGE = "k-2026-round3-results-table.html"
TEXT_SCORES = [81.35, 72.10, 84.65, 70.55, 78.94]
CUTOFF_LINE = (
    " - 75점 미만 재계약 배제 대상 사무 2개 : 가상 햇빛 재활용센터 운영(72.10점), "
    "가상 한솔 자원회수시설 운영(70.55점) * 1~5차 합산 40개 중 9개(22.5%)"
)
BLIND = Path(__file__).resolve().parent / "fixtures" / "blind"


def line_no(document: str, line: str) -> int:
    """The 1-based number of the first line of ``document`` that is exactly ``line``."""
    return document.split("\n").index(line) + 1


def refusal(document: str) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse(document)
    return caught.value


# ---- a table inside the results ----------------------------------------------------------------
def test_a_score_table_under_a_results_bullet_scores_every_service() -> None:
    r = parse(fixture(TEXT))
    assert [s.score for s in r.services] == TEXT_SCORES
    assert [s.score_precision for s in r.services] == [2] * 5
    assert r.lines["scores"] == line_no(fixture(TEXT), "- 사무별 평가점수")
    assert r.usage == (
        "재계약 적정성 심의반영 및 위탁사업 개선",
        "재계약 적정여부 판단 시 종합성과평가 결과 반영(조례 제12조)",
    )


def test_the_same_table_under_its_own_heading_reads_the_same() -> None:
    document = fixture(TEXT)
    own = document.replace("- 사무별 평가점수\n", "").replace(
        "□ 사무별 주요성과 및 과제",
        "□ 사무별 평가점수\n\n" + "\n".join(_rows(document)) + "\n\n□ 사무별 주요성과 및 과제",
    )
    for row in _rows(document)[1:]:
        own = own.replace(row + "\n", "", 1)
    assert own.count("가상 누리 청소년센터 운영\t81.35") == 1
    assert shape(parse(own)) == shape(parse(document))
    assert figure_set(parse(own)) == figure_set(parse(document))


def _rows(document: str) -> list[str]:
    """The score table's lines (header first) of the text fixture."""
    lines = document.split("\n")
    at = lines.index("연번\t사 무 명\t평가점수\t비고")
    return lines[at : lines.index("", at)]


@pytest.mark.parametrize(
    "caption",
    [
        "○ 사무별 평가점수",
        "ㅇ 사무별 평가점수",
        " · 사무별 평가 점수 (단위: 점)",
        "[사무별 평가점수]",
        "- 사무별 평가점수 :",
        "※ 사무별 평가점수",
        "- 기관별 종합점수 현황",
        "",  # the header row alone starts the table
    ],
)
def test_any_caption_or_none_before_the_table(caption: str) -> None:
    document = fixture(TEXT).replace("- 사무별 평가점수", caption)
    assert [s.score for s in parse(document).services] == TEXT_SCORES


def test_a_table_after_the_usage_lines_and_with_pipes_reads_the_same() -> None:
    document = fixture(TEXT)
    rows = ["- 사무별 평가점수", *_rows(document)]
    moved = document
    for row in rows:
        moved = moved.replace(row + "\n", "", 1)
    end = " - 재계약 적정여부 판단 시 종합성과평가 결과 반영(조례 제12조)"
    moved = moved.replace(end, end + "\n" + "\n".join(rows))
    assert shape(parse(moved)) == shape(parse(document))
    piped = document
    for row in _rows(document):
        piped = piped.replace(row, row.replace("\t", " | "))
    assert "1 | 가상 누리 청소년센터 운영 | 81.35" in piped
    assert shape(parse(piped)) == shape(parse(document))


def test_the_table_leaves_the_statements_to_the_results() -> None:
    results = Section(
        "results",
        Line(1, "□ 평가결과"),
        [
            (Line(2, "- 사무별 평가점수"), "- 사무별 평가점수"),
            (Line(3, "가 센터 운영\t81.35"), "가 센터 운영\t81.35"),
            (Line(4, ""), ""),
            (Line(5, "※ 단위 : 점"), "※ 단위 : 점"),
            (Line(6, "나 센터 운영\t72.10"), "나 센터 운영\t72.10"),
            (Line(7, "- '24년 평균 : 78.52점"), "- '24년 평균 : 78.52점"),
            (Line(8, "다 센터 운영\t70.00"), "다 센터 운영\t70.00"),
        ],
    )
    kept, table = split_score_tables(results)
    assert table.kind == "scores" and table.heading.no == 2
    assert [line.no for line, _ in table.body] == [3, 6]  # a note does not end the table
    assert [line.no for line, _ in kept.body] == [4, 5, 7, 8]  # a statement does


def test_a_page_with_the_table_after_a_results_list_item() -> None:
    r = parse(fixture(PAGE))
    assert [(s.name_ko, s.score) for s in r.services] == [
        ("가상 별빛 핀테크랩 운영", 82.70),
        ("가상 온샘 자원회수시설 운영 관리", 73.80),
        ("가상 가람 인권센터 운영", 80.15),
        ("가상 누솔 도시재생지원센터 운영", 76.90),
    ]
    assert r.below_cutoff_names == ("가상 온샘 자원회수시설 운영 관리",)
    without_caption = fixture(PAGE).replace("<li>사무별 평가점수</li>\n", "")
    assert shape(parse(without_caption)) == shape(r)


def test_a_results_table_that_contradicts_the_average_is_refused() -> None:
    document = fixture(TEXT).replace(
        "3\t가상 푸른 창업허브 관리 및 운영\t84.65", "3\t가상 푸른 창업허브 관리 및 운영\t86.65"
    )
    caught = refusal(document)
    assert caught.line_no == line_no(document, "- 사무별 평가점수")
    assert caught.reason.startswith("expected scores whose mean is the average stated")


# ---- scores after the names below the cutoff -------------------------------------------------
def test_names_below_the_cutoff_keep_no_score() -> None:
    r = parse(fixture(TEXT))
    assert r.below_cutoff_names == ("가상 햇빛 재활용센터 운영", "가상 한솔 자원회수시설 운영")
    assert r.below_cutoff_count == 2


@pytest.mark.parametrize(
    "listing",
    [
        "사무 2개 : 가상 햇빛 재활용센터 운영(72.10점), 가상 한솔 자원회수시설 운영(70.55점)",
        "사무 2개(가상 햇빛 재활용센터 운영(72.10점), 가상 한솔 자원회수시설 운영(70.55점))",
        "사무 : 2개(가상 햇빛 재활용센터 운영 (72.10점, 재계약 배제), "
        "가상 한솔 자원회수시설 운영 (70.55점))",
        "대상 : 가상 햇빛 재활용센터 운영 72.10점, 가상 한솔 자원회수시설 운영 70.55점 (2개)",
        "대상 : 가상 햇빛 재활용센터 운영 : 72.10점 / 가상 한솔 자원회수시설 운영 : 70.55점",
        "사무 2개 : 가상 햇빛 재활용센터 운영(평가점수 72.10점), "
        "가상 한솔 자원회수시설 운영(70.55점)",
    ],
)
def test_scores_after_the_names_below_the_cutoff_alone(listing: str) -> None:
    """Without a table, only the two named services have a published score."""
    document = _without_table(fixture(TEXT)).replace(
        CUTOFF_LINE, f" - 75점 미만 재계약 배제 대상 {listing}"
    )
    r = parse(document)
    assert [s.score for s in r.services] == [None, 72.10, None, 70.55, None]
    assert r.below_cutoff_names == ("가상 햇빛 재활용센터 운영", "가상 한솔 자원회수시설 운영")
    assert r.below_cutoff_count == 2


def _without_table(document: str) -> str:
    for row in ["- 사무별 평가점수", *_rows(document)]:
        document = document.replace(row + "\n", "", 1)
    return document


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            ("운영(72.10점)", "운영(76.10점)"),
            "expected a score below 75 for '가상 햇빛 재활용센터 운영', named below the cutoff "
            "here, not 76.10",
        ),
        (
            ("운영(72.10점)", "운영(72.20점)"),
            "expected one score per service (a different one was given)",
        ),
        (
            ("가상 햇빛 재활용센터 운영(72.10점)", "가상 햇빛 수리센터 운영(72.10점)"),
            "expected '가상 햇빛 수리센터 운영' to be a service of this round",
        ),
        (
            ("2\t가상 햇빛 재활용센터 운영\t72.10", "2\t가상 햇빛 재활용센터 운영\t72.20"),
            "expected one score per service (a different one was given)",
        ),
    ],
)
def test_a_score_in_the_cutoff_line_that_contradicts_the_round_is_refused(
    change: tuple[str, str], reason: str
) -> None:
    document = fixture(TEXT).replace(*change)
    caught = refusal(document)
    cutoff_line = next(x for x in document.split("\n") if "75점 미만 재계약 배제 대상" in x)
    assert (caught.line_no, caught.line, caught.reason) == (
        line_no(document, cutoff_line),
        cutoff_line,
        reason,
    )


@pytest.mark.parametrize(
    ("text", "listed", "expected"),
    [
        ("가상 센터 운영(72.10점)", False, ("가상 센터 운영", "72.10")),
        ("가상 센터 운영 (72.10점, 재계약 배제)", False, ("가상 센터 운영", "72.10")),
        ("가상 센터 운영 : 72.10점", False, ("가상 센터 운영", "72.10")),
        ("가상 센터 운영 - 72.10점", False, ("가상 센터 운영", "72.10")),
        ("가상 센터 운영 72.10점", True, ("가상 센터 운영", "72.10")),
        ("가상 센터 운영 72.10점", False, ("가상 센터 운영 72.10점", None)),
        ("가상 센터 운영(2개소)", True, ("가상 센터 운영(2개소)", None)),
        ("가상 센터 운영 - 2024", True, ("가상 센터 운영 - 2024", None)),
        ("(72.10점)", True, ("(72.10점)", None)),
    ],
)
def test_named_score_forms(text: str, listed: bool, expected: tuple[str, str | None]) -> None:
    assert named_score(text, listed=listed) == expected


def test_separators_inside_a_score_remark_split_no_name() -> None:
    remark = "운영(70.55점, 재계약 배제/공개모집)"
    document = fixture(TEXT).replace(CUTOFF_LINE, CUTOFF_LINE.replace("운영(70.55점)", remark))
    r = parse(document)
    assert r.below_cutoff_names == ("가상 햇빛 재활용센터 운영", "가상 한솔 자원회수시설 운영")
    assert [s.score for s in r.services] == TEXT_SCORES


def test_ingest_stores_the_scores_of_a_results_table_and_of_the_cutoff_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "k.db"
    partial = tmp_path / "k-2022-round5-partial.txt"
    partial.write_text(_without_table(fixture(TEXT)), encoding="utf-8")
    page = tmp_path / PAGE
    page.write_text(fixture(PAGE), encoding="utf-8")
    assert main(["ingest", "--db", str(db), str(partial), str(page)]) == 0
    capsys.readouterr()
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "select r.year, e.name_published, e.score from evaluations e"
            " join rounds r on r.id = e.round_id where r.year in (2022, 2026)"
            " order by r.year, e.position"
        ).fetchall()
        names = conn.execute(
            "select below_cutoff_names from rounds where year = 2022 and round_no = 5"
        ).fetchone()[0]
    finally:
        conn.close()
    assert [row[2] for row in rows if row[0] == 2022] == [None, 72.10, None, 70.55, None]
    assert [row[2] for row in rows if row[0] == 2026] == [82.70, 73.80, 80.15, 76.90]
    assert "점)" not in names and "(" not in "".join(row[1] for row in rows)


def test_the_many7_disclosures_read_as_written() -> None:
    r22 = parse((BLIND / "many7" / "2022-round1-disclosure.txt").read_bytes())
    assert [s.score for s in r22.services] == [
        81.35,
        83.20,
        76.45,
        72.10,
        79.80,
        84.65,
        70.55,
        78.94,
    ]
    r24 = parse((BLIND / "many7" / "2024-round2-disclosure.txt").read_bytes())
    assert [s.score for s in r24.services] == [None] * 5 + [72.40, 68.15, None, None]
    assert r24.below_cutoff_names == (
        "서울시 마을공동체종합지원센터 운영",
        "서울시 동물복지지원센터 운영",
    )
    r26 = parse((BLIND / "many7" / "2026-round1-disclosure.html").read_bytes())
    assert [s.score for s in r26.services] == [82.70, 73.80, 80.15, 76.90, 85.25, 78.45, 74.63]
    assert r26.below_cutoff_names == (
        "마포자원회수시설 운영 관리",
        "서울시 고립·은둔청년 지원센터 운영",
    )


# ---- property: a round's scores moved among the layouts parse the same ---------------------------
_TABLE = re.compile(r"□ 사무별 평가점수\n\n(?P<rows>(?:.+\t.+\n)+)\n")
_CAPTIONS = [
    "- 사무별 평가점수",
    "○ 사무별 평가점수",
    "ㅇ 평가점수 :",
    "· 사무별 점수 현황 (단위: 점)",
    "",
]
_HEADERS = ["연번\t사 무 명\t평가점수", "연번\t사무명\t평가점수\t비고", "사무명 | 점수", ""]
_ROW_FORMS = [
    "{i}\t{name}\t{score}",
    "{name}\t{score}",
    "{i}\t{name}\t{score}\t{remark}",
    "{c} {name} : {score}점",
    "{i}. {name} | {score}점",
    "{c} {name}\n○ 평가점수 : {score}점",
]
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫"


def into_results(document: str, form: tuple[int, int, list[int], int, bool]) -> str:
    """``document`` (a synthetic round with "□ 사무별 평가점수") with its score table moved
    into the results section: ``form`` = (caption, header, row forms, position, whether the
    names below the cutoff carry their scores).  A caption-less, header-less table is not a
    table, so then the first caption is used."""
    caption, header, row_forms, position, scored_names = form
    m = _TABLE.search(document)
    assert m is not None, "the synthetic disclosure has a score table"
    scores = [tuple(row.split("\t")) for row in m.group("rows").splitlines()]
    lines = (document[: m.start()] + document[m.end() :]).split("\n")
    table = [_CAPTIONS[caption]] if _CAPTIONS[caption] or _HEADERS[header] else [_CAPTIONS[0]]
    table += [_HEADERS[header]] if _HEADERS[header] else []
    for i, (name, score) in enumerate(scores):
        row = _ROW_FORMS[row_forms[i % len(row_forms)]]
        remark = "재계약 배제" if float(score) < 75 else "-"
        table += row.format(i=i + 1, c=_CIRCLED[i], name=name, score=score, remark=remark).split(
            "\n"
        )
    table = [x for x in table if x]
    if scored_names:
        lines = [_scored_cutoff_line(x, dict(scores)) for x in lines]
    starts = [
        lines.index("□ 평가결과") + 2,
        next(i for i, x in enumerate(lines) if "75점 미만" in x) + 1,
        lines.index("□ 사무별 주요성과 및 과제") - 1,
    ]
    at = starts[position]
    return "\n".join([*lines[:at], *table, *lines[at:]])


def _scored_cutoff_line(line: str, scores: dict[str, str]) -> str:
    """The synthetic cutoff line "…: 2개(A, B)" written "…: 2개(A(72.10점), B(70.55점))"."""
    m = re.match(r"^(?P<head>.*?\d+개\()(?P<names>.*)\)$", line)
    if m is None or "미만" not in line:
        return line
    names = [n.strip() for n in m.group("names").split(",")]
    return m.group("head") + ", ".join(f"{n}({scores[n]}점)" for n in names) + ")"


def as_list_page(document: str) -> str:
    """A board page whose bullets are ``<ul><li>`` items and whose tab lines are a table."""
    page = as_board_page(document)
    return re.sub(
        r"<p>(?:&nbsp;| )*-(?:&nbsp;| )(?P<item>.*?)</p>", r"<ul><li>\g<item></li></ul>", page
    )


_FORM = st.tuples(
    st.integers(0, len(_CAPTIONS) - 1),
    st.integers(0, len(_HEADERS) - 1),
    st.lists(st.integers(0, len(_ROW_FORMS) - 1), min_size=1, max_size=12),
    st.integers(0, 2),
    st.booleans(),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(2015, 2040), st.integers(1, 6), st.integers(1, 12), st.integers(0, 10_000), _FORM
)
def test_a_score_table_moved_into_the_results_parses_equal(
    year: int, round_no: int, n: int, seed: int, form: tuple[int, int, list[int], int, bool]
) -> None:
    table_text = synthetic.disclosure(year, round_no, n, seed=seed, scores=True)
    as_table: Round = parse(table_text)
    moved = into_results(table_text, form)
    for rendering in (moved, as_board_page(moved), as_list_page(moved)):
        parsed = parse(rendering)
        assert shape(parsed) == shape(as_table)
        assert parsed.below_cutoff_names == as_table.below_cutoff_names
        assert figure_set(parsed) == figure_set(as_table)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(2015, 2040), st.integers(1, 6), st.integers(2, 12), st.integers(0, 10_000))
def test_scores_after_the_names_below_the_cutoff_are_those_of_the_table(
    year: int, round_no: int, n: int, seed: int
) -> None:
    """With the table dropped, the names below the cutoff still give their services' scores
    (the others stay unpublished); with both, the round is the table's."""
    table_text = synthetic.disclosure(year, round_no, n, seed=seed, scores=True)
    as_table = parse(table_text)
    m = _TABLE.search(table_text)
    assert m is not None
    scores = dict(tuple(row.split("\t")) for row in m.group("rows").splitlines())

    def scored(document: str) -> str:
        return "\n".join(_scored_cutoff_line(x, scores) for x in document.split("\n"))

    assert shape(parse(scored(table_text))) == shape(as_table)
    alone = scored(table_text[: m.start()] + table_text[m.end() :])
    assert "\t" not in alone.split("□ 사무별 주요성과 및 과제")[0]
    for rendering in (alone, as_list_page(alone)):
        parsed = parse(rendering)
        below = set(as_table.below_cutoff_names)
        assert [(s.name_ko, s.score) for s in parsed.services] == [
            (s.name_ko, s.score if s.name_ko in below else None) for s in as_table.services
        ]
        assert parsed.below_cutoff_names == as_table.below_cutoff_names


def test_the_list_page_renders_bullets_as_list_items() -> None:
    page = as_list_page(fixture(TEXT))
    assert "<ul><li>사무별 평가점수</li></ul>" in page
    assert f"<ul><li>{html.escape('평가점수 : 5개')}" in page


# ---- working English names of the services these rounds bring ---------------------------------
@pytest.mark.parametrize(
    ("name_ko", "alias"),
    [
        ("서울시 고립·은둔청년 지원센터 운영", "isolated reclusive youth support center"),
        ("서울시 도시재생지원센터 운영", "urban regeneration support center"),
        ("서울시 공공자전거 정비센터 운영", "public bicycle maintenance center"),
        ("서울시 강동 음식물류폐기물 처리시설 운영", "Gangdong food waste treatment facility"),
        ("서울시립청소년미디어센터 운영", "municipal youth media center"),
        ("서울시 자살예방센터 운영", "suicide prevention center"),
        ("서울시 기후변화체험교육관 운영", "climate change experience education center"),
        ("서울시 50플러스 중부캠퍼스 운영", "50 plus central campus"),
    ],
)
def test_english_aliases_of_the_new_services(name_ko: str, alias: str) -> None:
    """English questions name these services by their meaning ("the isolated and reclusive
    youth support center"); a romanised alias ("Goripeundun …") matched none of them."""
    assert english_aliases(name_ko) == (alias,)


# ---- a note on the rule behind the cutoff ------------------------------------------------------
def test_a_results_note_on_the_cutoff_rule_is_kept_with_the_usage() -> None:
    """The note "※ '22.7월 개정 관리지침에 따른 재계약 기준(75점) 적용" is the only place a
    round says why its cutoff is 75; other notes (figures, counts) are not usage."""
    r = parse((BLIND / "many7" / "2022-round1-disclosure.txt").read_bytes())
    assert r.usage[0] == "'22.7월 개정 관리지침에 따른 재계약 기준(75점) 적용"
    assert r.cutoff == 75
    r24 = parse((BLIND / "many7" / "2024-round2-disclosure.txt").read_bytes())
    assert not [u for u in r24.usage if "평균" in u or "분포" in u]
