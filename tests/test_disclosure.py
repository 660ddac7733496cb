"""The disclosure parser: the seed exactly, every published variant, and broken documents.

Variants are synthetic documents under tests/fixtures/ (each says so on its first line);
the seed is the real published disclosure shipped in knowledge/sources/.
"""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.disclosure import ParseError, looks_like_html, parse
from knowledge.model import ACHIEVEMENT, IMPROVEMENT, Round, Scope

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "knowledge" / "sources" / "2023-round3-disclosure.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

SEED_SERVICES = [
    "서울 핀테크랩 관리 및 운영",
    "소셜벤처허브센터 관리 및 운영",
    "서울시 서남권직장맘지원센터 운영",
    "마포자원회수시설 관리 및 운영",
    "서울시 성평등활동지원센터 운영",
    "서울특별시 경계선지능인 평생교육지원센터 관리 및 운영",
]


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def fixture(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8")


def figure_set(round_: Round) -> set[tuple]:
    return {
        (f.scope, f.metric, f.value, f.precision, f.denominator, f.compared_to)
        for f in round_.figures
    }


def texts(round_: Round, number: int, kind: str) -> list[str]:
    service = next(s for s in round_.services if s.number == number)
    return [f.text_ko for f in service.of_kind(kind)]  # type: ignore[arg-type]


# ---- the seed -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed() -> Round:
    return parse(seed_text())


def test_seed_round_facts(seed: Round) -> None:
    assert (seed.year, seed.round_no) == (2023, 3)
    assert seed.title == "2023년 제3차 민간위탁 종합성과평가 결과 공개"
    assert seed.legal_basis == "「서울특별시 행정사무의 민간위탁에 관한 조례」 제18조"
    assert (seed.period_start, seed.period_end) == ("2023-06", "2023-08")
    assert (seed.services_in_year, seed.services_evaluated) == (47, 6)
    assert seed.evaluator == "한국산업관계연구원"
    assert seed.scoring_areas == ("공통분야", "개별분야", "사용자 만족도 평가")
    assert seed.max_points == 100
    assert (seed.average_score, seed.average_precision) == (79.05, 2)
    assert (seed.below_cutoff_count, seed.below_cutoff_names, seed.cutoff) == (0, (), 75.0)
    assert seed.usage == (
        "재계약 적정성 심의반영 및 위탁사업 개선",
        "재계약 적정여부 판단 시 종합성과평가 결과 반영(조례 제12조)",
        "평가 결과 75점 미만은 해당 수탁기관과 재계약 배제 및 공개모집(관리지침)",
    )


def test_seed_services_and_their_findings(seed: Round) -> None:
    assert [s.name_ko for s in seed.services] == SEED_SERVICES
    assert [s.number for s in seed.services] == [1, 2, 3, 4, 5, 6]
    assert [s.line_no for s in seed.services] == [30, 36, 42, 48, 54, 60]
    assert all(s.score is None for s in seed.services)
    lines = seed_text().split("\n")
    findings = [f for s in seed.services for f in s.findings]
    assert len(findings) == 24
    for s in seed.services:
        for kind, row in ((ACHIEVEMENT, s.line_no + 3), (IMPROVEMENT, s.line_no + 4)):
            own = s.of_kind(kind)
            assert [f.position for f in own] == [1, 2]
            assert [f.line_no for f in own] == [row, row]
            for f in own:
                assert f.text_ko in lines[row - 1]
    for f in findings:
        assert "<" not in f.text_ko and ">" not in f.text_ko
        assert f.text_ko == f.text_ko.strip() and not f.text_ko.startswith("-")
    assert texts(seed, 1, ACHIEVEMENT)[0] == (
        "핀테크 산업에 특화된 스타트업 인큐베이터로서의 역할 이행을 통해 "
        "입주기업들의 매출과 투자유치 성장에 기여"
    )
    assert (
        texts(seed, 4, IMPROVEMENT)[1]
        == "소각로 설비의 노후화(18년)로 인한 운영 안정화 종합계획 수립 필요"
    )
    assert "직장맘&직장대디" in texts(seed, 3, ACHIEVEMENT)[0]


def test_seed_figures(seed: Round) -> None:
    r3, y23 = Scope.round(2023, 3), Scope.year(2023)
    y22, y15_22 = Scope.year(2022), Scope.years(2015, 2022)
    r1_3 = Scope.rounds(2023, 1, 3)
    assert figure_set(seed) == {
        (r3, "average_score", 79.05, 2, None, None),
        (r3, "services_evaluated", 6, 0, None, None),
        (r3, "below_cutoff", 0, 0, None, None),
        (r3, "cutoff", 75, 0, None, None),
        (y23, "services_in_year", 47, 0, None, None),
        (y23, "average_score", 74.02, 2, None, None),
        (r1_3, "below_cutoff", 13, 0, 47, None),
        (r1_3, "below_cutoff_share_pct", 27.7, 1, 47, None),
        (y22, "average_score", 77.62, 2, None, None),
        (y15_22, "average_score", 78.58, 2, None, None),
        (y23, "average_diff", -3.6, 1, None, y22),
        (y23, "average_diff", -4.56, 2, None, y15_22),
    }
    lines = seed_text().split("\n")
    for f in seed.figures:
        assert f.line_no is not None and f.quote
        assert f.quote in " ".join(lines[f.line_no - 1].split())
    by_metric = {(f.scope, f.metric, f.compared_to): f.line_no for f in seed.figures}
    assert by_metric[(r3, "average_score", None)] == 21
    assert by_metric[(r1_3, "below_cutoff", None)] == 22
    assert by_metric[(y23, "average_diff", y22)] == 23


def test_seed_lines_point_at_the_statements(seed: Round) -> None:
    expected = {"title": 4, "services_evaluated": 12, "average_score": 21}
    expected |= {"below_cutoff": 22, "year_average": 23, "usage": 24, "services": 28}
    assert {k: seed.lines[k] for k in expected} == expected


def test_seed_is_text_not_html() -> None:
    assert not looks_like_html(seed_text())
    assert looks_like_html(fixture("2025-round1-board-page.html"))


def test_a_stray_br_in_a_text_cell_keeps_the_document_text(seed: Round) -> None:
    text = seed_text().replace(" 기여 - 해외진출", " 기여<br> - 해외진출")
    assert not looks_like_html(text)
    assert shape(parse(text)) == shape(seed)


# ---- year, round and title forms -------------------------------------------------------------
@pytest.mark.parametrize(
    ("title", "year", "round_no"),
    [
        ("2023년 제3차 민간위탁 종합성과평가 결과 공개", 2023, 3),
        ("'23년 제3차 민간위탁 종합성과평가 결과 공개", 2023, 3),
        ("’23년 3차 민간위탁 종합성과평가 결과", 2023, 3),
        ("23년도 제 3 차 민간위탁 종합성과평가 결과 공개", 2023, 3),
        ("2031년도 제12차 민간위탁 종합성과평가 결과 공개", 2031, 12),
        ("２０１９년 제１차 민간위탁 종합성과평가 결과 공개", 2019, 1),
    ],
)
def test_year_and_round_in_any_published_form(title: str, year: int, round_no: int) -> None:
    round_ = parse(seed_text().replace("2023년 제3차 민간위탁 종합성과평가 결과 공개", title))
    assert (round_.year, round_.round_no) == (year, round_no)
    assert round_.scope == Scope.round(year, round_no)


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("'23년 6월 ~ 8월", "2023-06", "2023-08"),
        ("2023년 6월 ~ 2023년 8월", "2023-06", "2023-08"),
        ("'23년 11월 ~ '24년 1월", "2023-11", "2024-01"),
        ("'23년 11월 ~ 1월", "2023-11", "2024-01"),
        ("23년도 6월～8월", "2023-06", "2023-08"),
        ("2023. 6. ~ 2023. 8.", "2023-06", "2023-08"),
    ],
)
def test_evaluation_period_forms(period: str, start: str, end: str) -> None:
    round_ = parse(seed_text().replace("'23년 6월 ~ 8월", period))
    assert (round_.period_start, round_.period_end) == (start, end)


# ---- variants, one synthetic document each ---------------------------------------------------
def test_numbered_services_with_plain_bullets_and_continuations() -> None:
    r = parse(fixture("2023-round1-numbered-plain-bullets.txt"))
    assert (r.year, r.round_no, r.title) == (
        2023,
        1,
        "23년도 제1차 민간위탁 종합성과평가 결과 공개",
    )
    assert (r.period_start, r.period_end) == ("2023-02", "2023-04")
    assert [(s.number, s.name_ko) for s in r.services] == [
        (1, "가상 청년센터 운영"),
        (2, "가상 도서관 관리"),
        (3, "가상 공원 운영"),
    ]
    assert texts(r, 1, ACHIEVEMENT) == [
        "청년 상담 프로그램을 확대하여 참여자 만족도를 높인 점 적절",  # spans two lines
        "지역 기관과 협력망 구축",  # "ㅇ" bullet
    ]
    assert texts(r, 1, IMPROVEMENT) == ["예산 집행 계획의 정밀화 필요", "성과지표 재설정 필요"]
    assert texts(r, 2, ACHIEVEMENT) == [
        "야간 개관 시간 확대로 이용자 증가",
        "독서 동아리 지원 적절",
    ]
    # the note after the last service is not a finding
    assert texts(r, 3, IMPROVEMENT) == ["시설물 안전점검 주기 단축 필요", "야간 조명 개선 필요"]
    assert [f.line_no for f in r.services[0].findings] == [24, 26, 29, 31]
    assert r.evaluator == "가상평가연구소"
    assert (r.scoring_areas, r.max_points) == (("공통분야", "개별분야"), 100)
    assert r.below_cutoff_count == 2
    assert r.below_cutoff_names == ("가상 청년센터 운영", "가상 도서관 관리")


def test_parenthesised_numbers_and_li_items() -> None:
    r = parse(fixture("2022-round4-paren-li.txt"))
    assert (r.year, r.round_no) == (2022, 4)
    assert [(s.number, s.name_ko) for s in r.services] == [
        (1, "가상 미술관 운영"),
        (2, "가상 수영장 관리"),
    ]
    assert texts(r, 1, ACHIEVEMENT) == ["기획 전시 확대로 관람객 증가", "교육 프로그램 다양화"]
    assert texts(r, 1, IMPROVEMENT) == ["소장품 관리 체계 고도화 필요", "관람 동선 개선 필요"]
    assert [f.line_no for f in r.services[0].of_kind(IMPROVEMENT)] == [22, 24]
    assert texts(r, 2, ACHIEVEMENT) == ["수질 관리 기준 준수 & 안전요원 상시 배치"]
    assert r.evaluator == "가상연구원"
    # "전년 대비" with no year in parentheses compares with the year before
    diff = next(f for f in r.figures if f.metric == "average_diff")
    assert (diff.scope, diff.value, diff.compared_to) == (Scope.year(2022), -1.0, Scope.year(2021))


def test_crlf_full_width_nbsp_and_tabs_or_spaces() -> None:
    raw = (FIXTURES / "2024-round2-crlf-fullwidth.txt").read_bytes()
    assert b"\r\n" in raw and "：".encode() in raw and "\u3000".encode() in raw
    r = parse(raw.decode("utf-8"))
    assert (r.year, r.round_no) == (2024, 2)
    assert (r.period_start, r.period_end) == ("2024-11", "2025-01")
    assert (r.services_in_year, r.services_evaluated, r.average_score) == (61, 2, 80.10)
    assert r.legal_basis == "「서울특별시 행정사무의 민간위탁에 관한 조례」 제18조"
    assert r.evaluator == "가상품질연구원"
    assert [s.name_ko for s in r.services] == ["가상 복지관 운영", "가상 물재생센터 관리"]
    assert texts(r, 1, ACHIEVEMENT) == ["지역 돌봄 연계 강화", "자원봉사자 관리 체계화"]
    assert texts(r, 1, IMPROVEMENT) == [
        "후원금 집행 투명성 제고 필요",
        "장기 운영 계획을 구체화할 필요",
    ]
    assert texts(r, 2, IMPROVEMENT) == ["설비 노후화 대응 계획 필요"]
    assert r.services[0].findings[0].line_no == 26
    assert (Scope.rounds(2024, 1, 2), "below_cutoff_share_pct", 15.0, 1, 20, None) in figure_set(r)
    assert (Scope.year(2024), "average_diff", 4.5, 1, None, Scope.year(2023)) in figure_set(r)


def test_board_page_html() -> None:
    source = fixture("2025-round1-board-page.html")
    r = parse(source)
    assert (r.year, r.round_no, r.title) == (
        2025,
        1,
        "2025년 제1차 민간위탁 종합성과평가 결과 공개",
    )
    assert (r.period_start, r.period_end, r.evaluator) == ("2025-02", "2025-04", "가상평가원")
    assert [(s.name_ko, s.score) for s in r.services] == [
        ("가상 문화회관 관리 & 운영", 80.0),
        ("가상 체육센터 운영", 70.5),
        ("가상 어린이집 운영", 77.5),
    ]
    assert texts(r, 1, ACHIEVEMENT) == [
        "공연 프로그램 다양화로 관객 & 회원 수 증가",
        "시설 안전점검 강화",
    ]
    assert texts(r, 1, IMPROVEMENT) == ["노후 설비 교체 계획 수립 필요", "예약 시스템 개선 필요"]
    assert texts(r, 2, ACHIEVEMENT) == ["강좌 수 확대로 이용자 증가", "이용자 만족도 향상"]
    assert texts(r, 2, IMPROVEMENT) == ["강사 처우 개선 필요", "안전교육 강화 필요"]
    assert texts(r, 3, IMPROVEMENT) == ["교사 연수 확대 필요", "급식 위생 관리 강화 필요"]
    assert r.below_cutoff_names == ("가상 체육센터 운영",)
    assert r.usage[-1] == "평가 결과 75점 미만은 해당 수탁기관과 재계약 배제 및 공개모집(관리지침)"
    # line numbers are those of the HTML source
    source_lines = source.split("\n")
    for s in r.services:
        assert s.name_ko in html.unescape(source_lines[s.line_no - 1])
        for f in s.findings:
            assert f.text_ko.split()[0] in html.unescape(source_lines[f.line_no - 1])


def as_board_page(text: str) -> str:
    """The seed rendered the way a board shows it: paragraphs, tables, escaped entities."""
    out = ["<html><head><title>게시판</title></head><body><div class='view'>"]
    in_table = False
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) > 1:
            if not in_table:
                out.append("<table>")
                in_table = True
            out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
            continue
        if in_table:
            out.append("</table>")
            in_table = False
        out.append(f"<p>{html.escape(line).replace(' ', '&nbsp;', 1)}</p>" if line.strip() else "")
    out.append("</div></body></html>")
    return "\n".join(out)


def shape(round_: Round) -> list[tuple]:
    """Services and findings without line numbers, for comparing two renderings of a round."""
    return [
        (s.number, s.name_ko, s.score, [(f.kind, f.position, f.text_ko) for f in s.findings])
        for s in round_.services
    ]


def test_seed_as_an_html_page_reads_the_same(seed: Round) -> None:
    page = parse(as_board_page(seed_text()))
    assert figure_set(page) == figure_set(seed)
    assert shape(page) == shape(seed)
    for name in ("title", "legal_basis", "period_start", "evaluator", "usage", "scoring_areas"):
        assert getattr(page, name) == getattr(seed, name)


def test_score_table_with_spacing_differences() -> None:
    r = parse(fixture("2024-round3-scores-section.txt"))
    assert [(s.name_ko, s.score, s.score_precision) for s in r.services] == [
        ("가상 청년센터 운영", 81.25, 2),
        ("가상 노인복지관 운영", 74.50, 2),
        ("가상 재활용센터 관리", 68.00, 2),
        ("가상 창업허브 운영", 79.75, 2),
    ]
    assert r.below_cutoff_count == 2
    assert r.below_cutoff_names == ("가상 노인복지관 운영", "가상 재활용센터 관리")


def test_twenty_circled_services_with_scores_in_headings() -> None:
    r = parse(fixture("2021-round2-twenty-services.txt"))
    assert [s.number for s in r.services] == list(range(1, 21))
    assert r.services[19].name_ko == "가상 시설20 운영"
    assert [s.score for s in r.services] == [75 + (i - 10) * 0.5 for i in range(1, 21)]
    assert all(len(s.findings) == 3 for s in r.services)
    assert (r.services_evaluated, r.below_cutoff_count, len(r.below_cutoff_names)) == (20, 9, 9)


def test_absent_sections_still_load() -> None:
    r = parse(fixture("2025-round2-minimal.txt"))
    assert (r.year, r.round_no, r.average_score) == (2025, 2, 80.0)
    assert r.services_in_year is None and r.below_cutoff_count is None and r.usage == ()
    assert r.services_evaluated == 2  # counted from the sections, not stated
    assert figure_set(r) == {(Scope.round(2025, 2), "average_score", 80.0, 2, None, None)}
    assert [len(s.findings) for s in r.services] == [2, 2]


def test_findings_without_a_results_section_still_load() -> None:
    """No average, no scores: the services and their findings are the results; refusing
    them would lose a valid round (the count stated in the overview still checks them)."""
    r = parse(fixture("broken-no-results.txt"))
    assert (r.year, r.round_no, r.services_evaluated, r.average_score) == (2023, 2, 1, None)
    assert [s.name_ko for s in r.services] == ["가상 주차장 관리"]
    assert len(r.services[0].findings) == 2


def test_seed_without_comparison_and_cumulative_count_still_loads() -> None:
    text = seed_text()
    text = text.replace(" * 1~3차 합산 47개 중 13개(27.7%)", "")
    text = re.sub(r"\n - ※ '23년 전체 평균[^\n]*", "", text)
    r = parse(text)
    assert {f.metric for f in r.figures} == {
        "average_score",
        "services_evaluated",
        "services_in_year",
        "below_cutoff",
        "cutoff",
    }
    assert len(r.services) == 6 and r.below_cutoff_count == 0


# ---- broken documents --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "line_no", "expected"),
    [
        ("broken-news-article.txt", 1, "expected a disclosure title"),
        ("k-broken-overview-only.txt", 8, "expected the results"),
        ("broken-service-without-findings.txt", 15, "expected a findings table"),
        ("broken-count-mismatch-overview.txt", 6, "expected 3 service sections"),
        ("broken-count-mismatch-results.txt", 6, "expected 6 service sections"),
        ("broken-title-without-round.txt", 2, "expected the year and round"),
    ],
)
def test_broken_documents_name_the_line(name: str, line_no: int, expected: str) -> None:
    text = fixture(name)
    with pytest.raises(ParseError) as caught:
        parse(text)
    error = caught.value
    assert error.line_no == line_no
    assert error.line == text.split("\n")[line_no - 1]
    assert error.reason.startswith(expected)
    assert str(error).startswith(f"line {line_no}: {expected}")
    assert str(error).endswith(f": '{error.line}'")


@pytest.mark.parametrize("text", ["", "\n\n", "오늘의 날씨\n맑음", "<html><body></body></html>"])
def test_not_a_disclosure(text: str) -> None:
    with pytest.raises(ParseError, match=r"^line 1: expected a disclosure title"):
        parse(text)


def test_label_without_findings_is_rejected() -> None:
    lines = seed_text().split("\n")
    lines[32] = "주요 성과"
    with pytest.raises(ParseError) as caught:
        parse("\n".join(lines))
    assert (caught.value.line_no, caught.value.reason) == (
        33,
        "expected at least one finding after this label",
    )


def test_service_missing_from_the_seed_is_a_count_mismatch() -> None:
    lines = seed_text().split("\n")
    del lines[53:59]  # service ⑤
    with pytest.raises(ParseError) as caught:
        parse("\n".join(lines))
    assert caught.value.line_no == 12 and "expected 6 service sections" in caught.value.reason


def test_a_service_listed_twice_is_rejected() -> None:
    lines = seed_text().split("\n")
    lines[35] = "② 서울 핀테크랩 관리 및 운영"
    with pytest.raises(ParseError, match="line 36: expected each service once"):
        parse("\n".join(lines))


def test_score_for_an_unknown_service_is_rejected() -> None:
    text = fixture("2024-round3-scores-section.txt").replace(
        "가상 재활용센터 관리 : 68.00점", "가상 수목원 : 68.00점"
    )
    with pytest.raises(ParseError, match="line 20: expected the name of a service"):
        parse(text)


def test_html_errors_name_source_lines() -> None:
    source = fixture("2025-round1-board-page.html")
    broken = re.sub(
        r"<p>② 가상 체육센터 운영</p>\n<table.*?</table>",
        "<p>② 가상 체육센터 운영</p>",
        source,
        flags=re.S,
    )
    # without its score too: a service with neither findings nor a score is refused
    broken = broken.replace("<tr><td>2</td><td>가상 체육센터 운영</td><td>70.50</td></tr>", "")
    with pytest.raises(ParseError) as caught:
        parse(broken)
    assert caught.value.line_no == 48 and caught.value.line == "② 가상 체육센터 운영"


def test_parse_error_is_a_value_error_with_its_parts() -> None:
    error = ParseError(12, "- 평가대상 : x", "expected a count")
    assert isinstance(error, ValueError)
    assert str(error) == "line 12: expected a count: '- 평가대상 : x'"
    assert (error.line_no, error.line, error.reason) == (12, "- 평가대상 : x", "expected a count")


# ---- anything at all: a Round or a ParseError ------------------------------------------------
def parse_or_error(text: str) -> None:
    try:
        result = parse(text)
    except ParseError as error:
        assert error.line_no >= 1 and error.reason.startswith("expected")
    else:
        # a round is its services, or at least its stated results (services named in passing)
        assert isinstance(result, Round) and (result.services or result.average_score is not None)
        assert all(f.text_ko for s in result.services for f in s.findings)


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text())
def test_arbitrary_text_parses_or_raises_parse_error(text: str) -> None:
    parse_or_error(text)


SEED_LINES = seed_text().split("\n")
BOARD_LINES = fixture("2025-round1-board-page.html").split("\n")
EDITS = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "swap", "insert", "truncate"]),
        st.integers(0, 10_000),
        st.integers(0, 10_000),
        st.text(max_size=8),
    ),
    max_size=6,
)


def mutate(lines: list[str], edits: list[tuple[str, int, int, str]]) -> str:
    lines = list(lines)
    for op, a, b, noise in edits:
        if not lines:
            break
        i, j = a % len(lines), b % len(lines)
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(j, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            k = b % (len(lines[i]) + 1)
            lines[i] = lines[i][:k] + noise + lines[i][k:]
        else:
            lines[i] = lines[i][: b % (len(lines[i]) + 1)]
    return "\n".join(lines)


@FAST
@given(EDITS)
def test_mutated_seed_parses_or_raises_parse_error(edits: list[tuple[str, int, int, str]]) -> None:
    parse_or_error(mutate(SEED_LINES, edits))


@settings(max_examples=60, deadline=None)
@given(EDITS)
def test_mutated_board_page_parses_or_raises_parse_error(
    edits: list[tuple[str, int, int, str]],
) -> None:
    parse_or_error(mutate(BOARD_LINES, edits))


PIECES = [
    "<p>", "</p>", "<td>", "</td>", "<tr>", "</tr>", "<table>", "</table>", "<li>", "<ul>",
    "<br>", "<!--", "-->", "<script>", "&amp;", "&#39;", "&nbsp;", "\n", "\t", " ", "- ",
    "□ 평가결과", "□ 사무별 주요성과 및 과제", "□ 평가개요", "① 가상", "(2) 가상", "3. 가상",
    "주요 성과", "개선 과제", "2023년 제3차 종합성과평가", "'23년", "평균 79.05점", "75점 미만",
    "47개 중 13개(27.7%)", "대비 3.6점 하락", "('15~'22년 78.58점)", "사무명 | 81.25",
    "□ 사무별 평가점수",
]  # fmt: skip


@FAST
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_disclosure_like_fragments_parse_or_raise_parse_error(pieces: list[str]) -> None:
    parse_or_error("".join(pieces))


# ---- speed ---------------------------------------------------------------------------------
def test_parsing_is_fast_and_linear() -> None:
    text = seed_text()
    parse(text)
    start = time.perf_counter()
    for _ in range(50):
        parse(text)
    per_seed = (time.perf_counter() - start) / 50
    assert per_seed < 0.005  # about 1 ms on a slow 2-core machine
    lines = text.split("\n")
    head = (
        "\n".join(lines[:28])
        .replace("중 6개", "중 120개")
        .replace("6개 민간위탁", "120개 민간위탁")
    )
    table = lines[31:34]
    blocks = [f"({n}) 가상 시설{n} 운영\n\n" + "\n".join(table) for n in range(1, 121)]
    big = head.replace("47개 사무", "470개 사무") + "\n\n" + "\n\n".join(blocks)
    elapsed = []
    for _ in range(3):
        start = time.perf_counter()
        parsed = parse(big)
        elapsed.append(time.perf_counter() - start)
    assert len(parsed.services) == 120 and len(parsed.services[119].findings) == 4
    assert min(elapsed) < 40 * per_seed  # 20 times the services: linear, not quadratic
