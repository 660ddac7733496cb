"""Parser, round 11: three layout families a blind writer's pages broke.

* text copied out of a PDF whose table cells hold a short word spaced out letter by letter
  ("평   균", "전   체   평   균", "사    무    명"): the word, not its letters in columns — a
  summary row was read as a service named "평" and the page refused;
* a board post in prose whose services are numbered paragraphs ("(1) name — …했습니다."), or
  numbered names over a paragraph, with no findings heading: the services were not found,
  and counts written as sentences ("2개 사무가 75점에 미치지 못했습니다", "1·2차 평가를
  합치면 누적 19개 사무 중 4개 …") were not read;
* a count below the cutoff followed by its share ("3개 (9개 중 33.3%)", "2개(2/5, 40.0%)"):
  the share is no service's name.

Fixtures tests/fixtures/k11-* are synthetic (their first line says so); pages are ingested
with the real seed into a real SQLite knowledge base, and questions go through the real engine.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.engine import Engine
from knowledge.checks import check_round
from knowledge.disclosure import parse
from knowledge.disclosure.findings import numbered_prose
from knowledge.disclosure.prose import has_verdict, restated
from knowledge.disclosure.reader import as_read
from knowledge.disclosure.scores import score_row
from knowledge.disclosure.statements import is_remark
from knowledge.model import Round
from knowledge.queries import Queries
from knowledge.store import ingest_text, open_db
from tests.test_disclosure import FIXTURES, SEED
from tests.test_disclosure_k5 import page, refused_untouched

K11 = sorted(p.name for p in FIXTURES.glob("k11-*"))
BLIND = FIXTURES / "blind" / "many16"

SPACED = "k11-2071-round3-pdf-spaced-average.txt"
SPACED_AREAS = "k11-2072-round2-pdf-spaced-areas.txt"
SPACED_TOTAL = "k11-2073-round1-pdf-spaced-total.txt"
PROSE = "k11-2074-round2-board-prose-paragraphs.txt"
PROSE_HEADINGS = "k11-2075-round1-notice-numbered-headings.md"
PROSE_HTML = "k11-2076-round3-board-prose.html"
SHARE = "k11-2077-round2-share-remark.md"
SHARE_SLASH = "k11-2078-round1-share-slash.txt"
SHARE_HTML = "k11-2079-round2-share-board.html"


def test_the_three_families_have_their_variants() -> None:
    assert len(K11) == 9


@pytest.mark.parametrize("name", K11)
def test_k11_fixtures_are_marked_synthetic(name: str) -> None:
    first = page(name).strip().splitlines()[0]
    assert "SYNTHETIC test document" in first and "not real data" in first


def scores(r: Round) -> list[tuple[str, float | None]]:
    return [(s.name_ko, s.score) for s in r.services]


def findings(r: Round, name: str) -> tuple[list[str], list[str]]:
    service = next(s for s in r.services if s.name_ko == name)
    achieved = [f.text_ko for f in service.findings if f.kind == "achievement"]
    tasks = [f.text_ko for f in service.findings if f.kind == "improvement"]
    return achieved, tasks


def figure(r: Round, metric: str, rounds: tuple[int, int] | None = None) -> float | None:
    """The value of a figure of the round (``rounds=None``) or of rounds of its year."""
    for f in r.figures:
        scope = f.scope
        wanted = (r.round_no, r.round_no) if rounds is None else rounds
        if f.metric == metric and (scope.round_start, scope.round_end) == wanted:
            return f.value
    return None


# ---- 1. a PDF's cells spaced out letter by letter ------------------------------------------------
def test_a_spaced_out_average_row_is_the_tables_mean_not_a_service() -> None:
    r = parse(page(SPACED))
    assert (r.year, r.round_no, r.services_evaluated, r.services_in_year) == (2071, 3, 5, 36)
    assert r.average_score == 78.30 and r.evaluator == "가상경영연구소"
    assert scores(r) == [
        ("가상 솔바람 도서관 운영", 81.40),
        ("가상 물빛 체육센터 관리 및 운영", 72.65),
        ("가상 은하 천문대 운영", 79.90),
        ("가상 들꽃 어린이집 운영", 80.25),
        ("가상 하늘 청소년수련관 운영", 77.30),
    ]
    assert [s.contractor for s in r.services][:2] == ["(재)솔바람문화재단", "(사)물빛스포츠"]
    assert r.below_cutoff_names == ("가상 물빛 체육센터 관리 및 운영",)
    assert findings(r, "가상 물빛 체육센터 관리 및 운영") == (
        ["수영 강습 프로그램 다양화"],
        [
            "시설 안전점검 지적사항의 조치가 늦어 안전관리 체계 개선 필요",
            "회계 처리 기준 준수 필요",
        ],
    )
    assert figure(r, "below_cutoff", (1, 3)) == 6 and figure(r, "below_cutoff_share_pct", (1, 3))


def test_a_spaced_out_average_row_beside_the_areas_checks_the_total() -> None:
    r = parse(page(SPACED_AREAS))
    assert (r.year, r.round_no, r.average_score, r.below_cutoff_count) == (2072, 2, 80.05, 0)
    assert scores(r) == [
        ("가상 달맞이 노인복지관 운영", 83.60),
        ("가상 바다 해양체험관 운영", 78.80),
        ("가상 오솔길 숲체험원 운영", 80.20),
        ("가상 무지개 다문화센터 운영", 77.60),
    ]
    assert [(a.area, a.score, a.points) for a in r.services[2].area_scores] == [
        ("공통", 24.0, 30),
        ("개별", 40.15, 50),
        ("만족도", 16.05, 20),
    ]
    assert findings(r, "가상 무지개 다문화센터 운영") == (
        ["결혼이민자 한국어 교육 수료율 향상"],
        ["통번역 인력 확충 필요"],
    )


def test_a_spaced_out_whole_average_row_is_no_year_average() -> None:
    """ "전 체 평 균" under a table is the mean of its rows: the round's, not the whole year's
    ("'25년 전체 평균" is the year's)."""
    r = parse(page(SPACED_TOTAL))
    assert scores(r) == [
        ("가상 초록 재활용센터 운영", 73.20),
        ("가상 새싹 청년창업센터 운영", 78.40),
        ("가상 노을 장애인복지관 운영", 76.70),
    ]
    assert r.average_score == 76.10
    assert [
        f for f in r.figures if f.metric == "average_score" and f.scope.round_start is None
    ] == []


@pytest.mark.parametrize(
    ("name", "old", "new", "line", "said"),
    [
        # a spaced-out average row against the one stated
        (SPACED, "                78.30\n", "                79.30\n", 28, "79.30"),
        (SPACED_AREAS, "15.79      80.05", "15.79      80.95", 22, "15.79      80.95"),
        (SPACED_TOTAL, "     76.10\n", "     76.40\n", 20, "76.40"),
        # a count below the cutoff, with its share, against the published scores
        (SHARE, "**2개** (8개 사무 중 25%)", "**3개** (8개 사무 중 37.5%)", 23, "below 75"),
        (SHARE_SLASH, "2개(2/5, 40.0%)", "1개(1/5, 20.0%)", 16, "below 75"),
        (
            SHARE_HTML,
            "1개 (평가대상 4개 중 1개, 25.0%)",
            "2개 (평가대상 4개 중 2개, 50.0%)",
            17,
            "below 75",
        ),
    ],
)
def test_a_figure_contradicting_the_page_is_refused_at_its_line(
    tmp_path: Path, name: str, old: str, new: str, line: int, said: str
) -> None:
    text = page(name)
    assert text.count(old) == 1
    error = refused_untouched(tmp_path, text.replace(old, new))
    assert f"line {line}" in str(error) and said in str(error)


def test_a_spaced_out_row_of_no_summary_is_still_refused(tmp_path: Path) -> None:
    """The word is joined, not dropped: a row "기   타 … 78.30" under the services is a
    score of no service of the round, refused at its line as before."""
    text = page(SPACED).replace("        평   균      ", "        기   타      ")
    error = refused_untouched(tmp_path, text)
    assert "line 28" in str(error) and "expected the name of a service" in str(error)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("        평   균                                  77.85", "평균\t77.85"),
        ("  합    계     7    100.0", "합계\t7\t100.0"),
        ("  구 분      주 요 내 용      비 고", "구분\t주요내용\t비고"),
        ("  구 분      주 요 내 용", "구 분 주 요 내 용"),  # one gap: no row of a table
        (  # no spaced word: the cells as they are
            "   1    가상 솔바람 도서관 운영    (재)솔바람    81.40",
            "1\t가상 솔바람 도서관 운영\t(재)솔바람\t81.40",
        ),
    ],
)
def test_a_row_read_joins_a_word_spaced_out_in_its_cell(row: str, expected: str) -> None:
    assert as_read(row) == expected


SYLLABLES = st.sampled_from(list("가나다라마바사아자차카타파하구분평균합계소성과"))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["평균", "합계", "소계", "전체평균", "총계"]), st.integers(1, 6))
def test_a_spaced_summary_word_never_scores_a_service(word: str, gap: int) -> None:
    spaced = (" " * gap).join(word)
    row = f"        {spaced}{' ' * (40 - len(spaced))}77.85"
    assert score_row(as_read(row)) is None


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(SYLLABLES, min_size=1, max_size=4), min_size=2, max_size=8))
def test_prose_with_single_spaces_is_never_rejoined(words: list[list[str]]) -> None:
    """A line with no column gaps (prose, "각 구 및 시") stays as written."""
    line = " ".join("".join(w) for w in words)
    assert as_read(line) == line


# ---- 2. a board post in prose, the services as numbered paragraphs -------------------------------
def test_numbered_prose_paragraphs_are_the_services() -> None:
    r = parse(page(PROSE))
    assert (r.year, r.round_no, r.services_evaluated, r.services_in_year) == (2074, 2, 4, 33)
    assert (r.period_start, r.period_end, r.evaluator) == ("2074-06", "2074-08", "가상평가연구원")
    assert [s.name_ko for s in r.services] == [
        "가상 햇빛 청소년문화의집 운영",
        "가상 강변 자전거공원 관리",
        "가상 한울 장애인자립센터 운영",
        "가상 별빛 어린이도서관 운영",
    ]
    assert all(s.score is None for s in r.services)  # the post publishes none
    assert findings(r, "가상 강변 자전거공원 관리") == (
        ["자전거 대여 시스템을 무인화해 이용 편의를 높인 점이 좋은 평가를 받았습니다."],
        ["야간 안전시설이 부족하다는 지적을 받았습니다."],
    )
    assert findings(r, "가상 별빛 어린이도서관 운영")[1] == [
        "장서 관리 인력을 보강하고 이용자 의견 수렴 창구를 넓혀야 한다는 의견이 있었습니다."
    ]
    # the closing remark is the post's, not the last service's finding
    assert not any("문의" in f.text_ko for s in r.services for f in s.findings)
    assert (r.average_score, r.below_cutoff_count) == (77.45, 1)
    assert figure(r, "below_cutoff", (1, 2)) == 3
    assert check_round(r, PROSE) == []


def test_numbered_names_over_paragraphs_are_the_services() -> None:
    r = parse(page(PROSE_HEADINGS))
    assert (r.year, r.round_no, r.average_score, r.below_cutoff_count) == (2075, 1, 79.20, 0)
    assert [s.name_ko for s in r.services] == [
        "가상 푸른숲 생태공원 관리",
        "가상 새빛 노인일자리센터 운영",
        "가상 온누리 가족센터 운영",
    ]
    achieved, tasks = findings(r, "가상 푸른숲 생태공원 관리")
    assert achieved == [
        "생태 해설 프로그램을 새로 만들어 학교 단체 방문이 크게 늘었습니다.",
        "공원 안내 표지판을 정비해 이용자 불편도 줄었습니다.",
    ]
    assert tasks == ["주말 주차 공간이 부족하여 대중교통 이용 안내를 강화할 필요가 있습니다."]
    assert findings(r, "가상 온누리 가족센터 운영")[1] == [
        "한부모 가족을 위한 상담 인력을 늘려야 한다는 과제가 제시되었습니다."
    ]
    assert not any("문의" in f.text_ko for s in r.services for f in s.findings)  # the footer


def test_numbered_prose_in_an_html_board_post() -> None:
    r = parse(page(PROSE_HTML))
    assert (r.year, r.round_no, r.average_score, r.below_cutoff_count) == (2076, 3, 74.90, 2)
    assert figure(r, "below_cutoff", (1, 3)) == 7
    assert [s.name_ko for s in r.services] == [
        "가상 한강 수상레저센터 운영",
        "가상 다온 치매안심센터 운영",
        "가상 누리 사회적기업지원센터 운영",
    ]
    assert findings(r, "가상 다온 치매안심센터 운영") == (
        ["조기 검진 대상자를 적극 발굴해 검진 인원이 늘었습니다."],
        ["검진 이후 사례관리로 이어지는 비율이 낮아 연계 체계를 보완해야 합니다."],
    )


def _without_paragraph(text: str, start: str, end: str) -> str:
    return text[: text.index(start)] + text[text.index(end) :]


@pytest.mark.parametrize(
    ("name", "change", "line", "reason"),
    [
        # a paragraph missing: the stated count of 4 is no longer the list's
        (
            PROSE,
            lambda t: _without_paragraph(t, "4. 가상 별빛", "자세한"),
            10,
            "expected 4 service sections",
        ),
        (PROSE, lambda t: t.replace("3. 가상 한울", "2. 가상 한울"), 18, "each service once"),
        (
            PROSE_HEADINGS,
            lambda t: t.replace("### 3. 가상 온누리", "### 2. 가상 온누리"),
            24,
            "each service once",
        ),
        (
            PROSE_HTML,
            lambda t: t.replace("3개 사무의 평균 점수는", "4개 사무의 평균 점수는"),
            10,
            "expected 4 service sections",
        ),
    ],
)
def test_a_broken_prose_post_is_refused_at_its_line(
    tmp_path: Path, name: str, change: Callable[[str], str], line: int, reason: str
) -> None:
    error = refused_untouched(tmp_path, change(page(name)))
    assert f"line {line}" in str(error) and reason in str(error)


def test_one_numbered_sentence_is_no_list_of_services() -> None:
    """A lone numbered paragraph ("1. 가상 … 운영은 …") among statements is no findings list:
    two, numbered on, are needed."""
    text = page(PROSE)
    head = text[: text.index("1. 가상 햇빛")]
    one = text[text.index("1. 가상 햇빛") : text.index("2. 가상 강변")]
    r = parse(head + one.replace("1. ", "3. ", 1))
    assert r.services == ()


@pytest.mark.parametrize(
    ("sentence", "written"),
    [
        ("이 가운데 2개 사무가 재계약 기준인 75점에 미치지 못했습니다.", "75점 미만 2개"),
        ("이번 차수에서는 3곳이 80점에 미달했습니다.", "80점 미만 3개"),
        ("75점에 미치지 못한 사무는 한 곳도 없었습니다.", "75점 미만 사무 없음"),
        (
            "올해 1·2차 평가를 합치면 누적 19개 사무 중 4개 사무가 75점 미만입니다.",
            "1~2차 합산 19개 사무 중 4개 사무가 75점 미만",
        ),
        ("올해 1·2·3차를 모두 합치면 30개 사무 중 7개 사무가 75점 미만입니다.", "1~3차 합산 30개"),
    ],
)
def test_counts_written_as_sentences_are_restated(sentence: str, written: str) -> None:
    assert written in restated(sentence)[0]


def test_a_part_of_a_sum_is_not_the_rounds_count() -> None:
    """ "… 19개 사무 중 4개 사무가 75점 미만" keeps its "중": the 4 is the rounds' together."""
    text, _ = restated("1~2차 합산 19개 사무 중 4개 사무가 75점에 미치지 못했습니다.")
    assert "19개 사무 중 4개 사무가" in text
    assert "75점 미만 4개" not in text


NAMES = st.builds(
    lambda a, b, end: f"가상 {a}{b} {end}",
    st.text(alphabet="가나다라마바사아자차카타파하", min_size=2, max_size=4),
    st.sampled_from(["복지관", "지원센터", "도서관", "체육센터"]),
    st.sampled_from(["운영", "관리 및 운영", "관리"]),
)
MARKS = st.sampled_from(["({n}) ", "{n}. ", "{n}) "])
VERDICTS = st.sampled_from(
    [
        "프로그램을 늘려 참여자가 크게 늘었습니다. 다만 인력 확충이 필요합니다.",
        "시설 안전 점검을 강화한 점이 성과로 꼽혔습니다.",
        "이용자 만족도 조사가 미흡하다는 지적을 받았습니다.",
    ]
)


@settings(max_examples=120, deadline=None)
@given(NAMES, MARKS, st.integers(1, 20), st.sampled_from([" — ", " – ", ": "]), VERDICTS)
def test_a_numbered_paragraph_names_its_service(
    name: str, mark: str, n: int, dash: str, rest: str
) -> None:
    assert numbered_prose(f"{mark.format(n=n)}{name}{dash}{rest}") == (n, name, rest)


@settings(max_examples=80, deadline=None)
@given(NAMES, MARKS, st.integers(1, 20))
def test_a_numbered_heading_alone_is_no_paragraph(name: str, mark: str, n: int) -> None:
    assert numbered_prose(f"{mark.format(n=n)}{name}") is None
    assert numbered_prose(f"{mark.format(n=n)}{name} (81.20점)") is None


@pytest.mark.parametrize(
    "line",
    [
        "1. 결과 활용 및 후속 지원: 평가 결과는 재계약 심의에 반영되고 위탁사업 개선에 활용됩니다.",
        "(2) 가상 솔 복지관 운영 — 82.35점",
        "3. 가상 솔 복지관 운영 — 이용자",
    ],
)
def test_a_numbered_topic_score_or_fragment_is_no_prose_service(line: str) -> None:
    assert numbered_prose(line) is None


def test_a_closing_remark_does_not_judge() -> None:
    assert not has_verdict("자세한 내용은 가상시 조직과로 문의해 주시기 바랍니다. 감사합니다.")
    assert has_verdict("다만 운영 인력이 부족합니다.")
    assert has_verdict("주민 호응을 얻었습니다.")


# ---- 3. a share after the count below the cutoff -------------------------------------------------
def test_a_share_in_parentheses_is_no_name() -> None:
    r = parse(page(SHARE))
    assert (r.year, r.round_no, r.services_evaluated, r.average_score) == (2077, 2, 8, 77.10)
    assert r.below_cutoff_count == 2
    assert r.below_cutoff_names == ("가상 모래내 공예공방 운영", "가상 새벽 청소년쉼터 운영")
    assert scores(r)[0] == ("가상 모래내 공예공방 운영", 69.30)
    assert [a.points for a in r.services[0].area_scores] == [25, 55, 20]
    assert check_round(r, SHARE) == []


def test_names_after_a_share_and_a_dash_are_read() -> None:
    r = parse(page(SHARE_SLASH))
    assert (r.year, r.round_no, r.average_score, r.below_cutoff_count) == (2078, 1, 76.54, 2)
    assert r.below_cutoff_names == ("가상 느티 마을도서관 운영", "가상 은빛 경로당 지원")
    assert check_round(r, SHARE_SLASH) == []


def test_a_share_in_an_html_list_is_no_name() -> None:
    r = parse(page(SHARE_HTML))
    assert (r.year, r.round_no, r.average_score, r.below_cutoff_count) == (2079, 2, 78.75, 1)
    assert r.below_cutoff_names == ("가상 미리내 공공승마장 운영",)
    assert check_round(r, SHARE_HTML) == []


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 60),
    st.integers(0, 60),
    st.sampled_from(
        [
            "{den}개 중 {pct}%",
            "{den}개 사무 중 {pct}%",
            "{n}/{den}, {pct}%",
            "전체 {den}개 사무 대비 {pct}%",
            "평가대상 {den}개 중 {n}개, {pct}%",
            "{pct}%",
        ]
    ),
)
def test_a_share_is_a_remark(den: int, n: int, template: str) -> None:
    pct = f"{100 * min(n, den) / den:.1f}"
    assert is_remark(template.format(den=den, n=min(n, den), pct=pct))


@pytest.mark.parametrize(
    "names",
    [
        "서울시 50플러스 중부캠퍼스 운영",
        "가상1구 지원센터 운영, 가상2구 복지관 운영",
        "A센터 운영 (72.10점)",
    ],
)
def test_names_with_numbers_are_no_share(names: str) -> None:
    assert not is_remark(names)


# ---- the blind pages -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "year", "round_no", "count", "average", "below"),
    [
        ("2025-round3-disclosure.txt", 2025, 3, 7, 77.85, 2),
        ("2027-round2-disclosure.txt", 2027, 2, 7, 80.36, 2),
        ("2024-round1-disclosure.md", 2024, 1, 9, 78.45, 3),
    ],
)
def test_the_blind_pages_ingest_whole_and_without_warnings(
    tmp_path: Path, name: str, year: int, round_no: int, count: int, average: float, below: int
) -> None:
    text = (BLIND / name).read_text(encoding="utf-8")
    r = parse(text)
    assert (r.year, r.round_no, len(r.services), r.average_score) == (
        year,
        round_no,
        count,
        average,
    )
    assert r.below_cutoff_count == below
    assert all(s.findings for s in r.services)
    db = open_db(tmp_path / "kb.db")
    ingest_text(db, SEED.read_text(encoding="utf-8"), SEED.name)
    result = ingest_text(db, text, name)
    assert result.status == "new" and result.warnings == []


# ---- stored and answered -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("k11")
    db = open_db(folder / "kb.db")
    ingest_text(db, SEED.read_text(encoding="utf-8"), SEED.name)
    for name in K11:
        result = ingest_text(db, page(name), name)
        assert result.status == "new" and result.warnings == [], name
    db.conn.close()
    return Engine(Queries(folder / "kb.db"))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("2071년 3차 때 평균은 몇 점이었지?", ["78.30"]),
        ("2072년 2차 가상 바다 해양체험관 운영 점수", ["78.80"]),
        ("2074년 2차 평가에서 기준 점수에 못 미친 사무는 몇 곳?", ["1개", "3개"]),
        ("가상 별빛 어린이도서관 운영이 개선해야 할 점은?", ["장서 관리 인력"]),
        ("가상 한강 수상레저센터 운영 잘한 점 알려줘", ["수상 안전요원"]),
        ("2077년 2차에서 재계약 배제 대상은 어디어디야?", ["모래내", "새벽 청소년쉼터"]),
    ],
)
def test_engine_answers_from_the_new_layouts(
    engine: Engine, question: str, expected: list[str]
) -> None:
    answer = engine.answer(question)
    assert answer.answered
    for part in expected:
        assert part in answer.text
