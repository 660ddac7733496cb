"""Real pages (issue 8): HTML read by html.parser, encodings, and findings written inline.

Every document here is the real seed re-encoded or re-marked-up, or a synthetic fixture
under tests/fixtures/ that says so on its first line.
"""

from __future__ import annotations

import codecs
import html
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge import synthetic
from knowledge.disclosure import EncodingError, ParseError, decode, parse
from knowledge.disclosure.encoding import detect
from knowledge.model import ACHIEVEMENT, IMPROVEMENT, Round
from knowledge.store import ingest_path, open_db
from tests.test_disclosure import as_board_page, figure_set, seed_text, shape

FIXTURES = Path(__file__).resolve().parent / "fixtures"
INLINE = FIXTURES / "2026-round1-inline-findings.txt"


@pytest.fixture(scope="module")
def seed() -> Round:
    return parse(seed_text())


def cp949able(text: str) -> str:
    """The synthetic mark's em dash has no CP949 code; everything else in these texts does."""
    return text.replace("—", "-")


def same_round(a: Round, b: Round) -> None:
    assert shape(a) == shape(b)
    assert figure_set(a) == figure_set(b)
    for name in ("title", "legal_basis", "period_start", "period_end", "evaluator", "usage"):
        assert getattr(a, name) == getattr(b, name)


# ---- HTML with a real parser -----------------------------------------------------------------
def test_a_quoted_gt_in_an_attribute_is_not_text(seed: Round) -> None:
    page = as_board_page(seed_text()).replace(
        "<p>①&nbsp;서울 핀테크랩 관리 및 운영</p>",
        "<p>①&nbsp;<span title=\"a>b\" data-x='c>d'>서울 핀테크랩</span> 관리 및 운영</p>",
    )
    assert 'title="a>b"' in page
    same_round(parse(page), seed)


def test_nested_markup_nbsp_br_and_entities_read_as_the_text_does(seed: Round) -> None:
    page = as_board_page(seed_text())
    page = page.replace("<td>", '<td class="c"><div><span style="font:10pt"><b>')
    page = page.replace("</td>", "</b></span></div></td>")
    page = page.replace("<p>- 평가기간", "<p><font color='#333'>-</font>&nbsp;평가기간")
    page = page.replace("<p>□ 평가결과</p>", "<p>□<!-- a comment > with a gt -->&nbsp;평가결과</p>")
    page = page.replace("<html>", "<!DOCTYPE html>\n<html>")
    same_round(parse(page), seed)


def test_br_separated_results_in_one_paragraph_read_like_lines(seed: Round) -> None:
    lines = seed_text().split("\n")
    results = "<br>\n".join(html.escape(line) for line in lines[20:23])
    page = as_board_page("\n".join([*lines[:20], "@@", *lines[23:]]))
    page = page.replace("<p>@@</p>", f"<p>{results}</p>")
    same_round(parse(page), seed)


def test_script_style_and_head_text_is_ignored(seed: Round) -> None:
    page = as_board_page(seed_text()).replace(
        "<body>",
        "<body><script>var t = '□ 평가결과 </p> 평균 12.00점';</script>"
        "<style>p::before { content: '① 가짜 사무' }</style>",
    )
    same_round(parse(page), seed)


def test_html_line_numbers_are_source_lines() -> None:
    page = as_board_page(seed_text())
    r = parse(page)
    source = page.split("\n")
    for s in r.services:
        assert s.name_ko.split()[-1] in html.unescape(source[s.line_no - 1])
        for f in s.findings:
            assert f.text_ko.split()[0] in html.unescape(source[f.line_no - 1])


# ---- encodings -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("codec", "bom", "detected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("utf-32-le", codecs.BOM_UTF32_LE, "utf-32"),
        ("cp949", b"", "cp949"),
        ("euc-kr", b"", "cp949"),
    ],
)
def test_every_published_encoding_reads_to_the_same_round(
    seed: Round, codec: str, bom: bytes, detected: str
) -> None:
    data = bom + seed_text().encode(codec)
    assert detect(data) == detected
    assert decode(data) == seed_text()
    same_round(parse(data), seed)


def test_an_euc_kr_board_page_declaring_its_charset() -> None:
    page = as_board_page(seed_text()).replace(
        "<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr">'
    )
    data = page.encode("cp949")
    assert detect(data) == "cp949"
    same_round(parse(data), parse(seed_text()))


def test_ingest_reads_a_cp949_file(kb_copy: Path, tmp_path: Path) -> None:
    text = cp949able(synthetic.disclosure(2031, 1, 3, seed=2))
    path = tmp_path / "2031-1.txt"
    path.write_bytes(text.encode("cp949"))
    db = open_db(kb_copy)
    try:
        result = ingest_path(db, path)
        stored = db.execute("select text from documents where source = '2031-1.txt'").fetchone()
    finally:
        db.close()
    assert (result.status, result.year, result.services) == ("new", 2031, 3)
    assert stored[0] == text


def _broken(data: bytes, before: str, garbage: bytes, codec: str) -> bytes:
    at = data.index(before.encode(codec))
    return data[:at] + garbage + data[at:]


@pytest.mark.parametrize(
    ("codec", "garbage", "name"),
    [
        ("cp949", b"\xff\xfe", "CP949 (EUC-KR)"),
        ("utf-8", b"\xff", "UTF-8"),
    ],
)
def test_unreadable_bytes_name_the_encoding_and_the_line(
    codec: str, garbage: bytes, name: str
) -> None:
    data = _broken(seed_text().encode(codec), "마포자원회수시설 관리", garbage, codec)
    with pytest.raises(EncodingError) as caught:
        parse(data)
    error = caught.value
    assert isinstance(error, ParseError) and error.encoding == name
    assert error.line_no == 48  # "④ 마포자원회수시설 관리 및 운영", not a byte offset
    assert "마포자원회수시설" in error.line
    assert f"expected text in {name}, the encoding detected" in error.reason
    assert str(error).startswith("line 48: ")


def test_a_lone_surrogate_in_utf16_names_utf16_and_its_line() -> None:
    data = codecs.BOM_UTF16_LE + seed_text().encode("utf-16-le")
    at = data.index("마포자원회수시설".encode("utf-16-le"))
    broken = data[:at] + b"\x00\xd8\x41\x00" + data[at:]
    with pytest.raises(EncodingError) as caught:
        decode(broken)
    assert caught.value.encoding == "UTF-16" and caught.value.line_no == 48


def test_utf16_without_a_byte_order_mark_is_refused_plainly() -> None:
    with pytest.raises(EncodingError, match="NUL bytes"):
        parse(seed_text().encode("utf-16-le"))


# ---- a score table with findings written inline ----------------------------------------------
def test_score_table_with_inline_findings() -> None:
    r = parse(INLINE.read_text(encoding="utf-8"))
    assert (r.year, r.round_no, r.services_evaluated, r.average_score) == (2026, 1, 5, 77.10)
    assert [(s.number, s.name_ko, s.score) for s in r.services] == [
        (1, "가상 청소년수련관 관리 및 운영", 82.0),
        (2, "가상 물놀이장 운영", 71.5),
        (3, "가상 생활문화센터 운영", 78.0),  # a heading without findings
        (4, "가상 공공자전거 대여소 관리", 76.5),
        (5, "가상 주민쉼터 운영", 77.5),  # in the score table only
    ]
    by = {s.number: s for s in r.services}
    assert [f.text_ko for f in by[2].of_kind(ACHIEVEMENT)] == [
        "안전요원 상시 배치로 사고 없이 운영"
    ]
    assert [f.text_ko for f in by[2].of_kind(IMPROVEMENT)] == [  # two "개선 과제" lines
        "수질 검사 결과의 공개 주기 단축 필요",
        "이용 대기 시간 안내 체계 마련 필요",
    ]
    assert [(f.position, f.line_no) for f in by[2].of_kind(IMPROVEMENT)] == [(1, 33), (2, 34)]
    assert by[3].findings == () and by[5].findings == ()
    assert [f.text_ko for f in by[4].of_kind(ACHIEVEMENT)] == [
        "대여소 확충",
        "고장 신고 처리 기간 단축",
    ]
    # the footer after the last service is not a finding
    assert [f.text_ko for f in by[4].of_kind(IMPROVEMENT)] == ["야간 반납 안내 개선 필요"]
    assert r.below_cutoff_names == ("가상 물놀이장 운영",)


def test_inline_findings_as_an_html_page_read_the_same() -> None:
    text = INLINE.read_text(encoding="utf-8")
    assert shape(parse(as_board_page(text))) == shape(parse(text))


def test_a_service_only_in_the_table_needs_the_stated_count() -> None:
    text = INLINE.read_text(encoding="utf-8").replace("중 5개", "중 4개")
    text = text.replace("5개 민간위탁사무", "4개 민간위탁사무")
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert caught.value.line_no == 23  # "5	가상 주민쉼터 운영	77.50"
    assert caught.value.reason == "expected the name of a service of this round"


def test_a_heading_with_neither_findings_nor_a_score_is_refused() -> None:
    text = INLINE.read_text(encoding="utf-8").replace("3\t가상 생활문화센터 운영\t78.00\n", "")
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert caught.value.line_no == 35
    assert caught.value.reason.startswith("expected a findings table")


def test_a_finding_that_starts_with_a_label_word_is_still_a_finding() -> None:
    text = INLINE.read_text(encoding="utf-8").replace(
        " ○ 주요 성과 : 청소년 참여", " ○ 주요 성과 : 개선 과제 발굴 노력과 청소년 참여"
    )
    r = parse(text)
    assert r.services[0].of_kind(ACHIEVEMENT)[0].text_ko.startswith("개선 과제 발굴 노력과")
    assert len(r.services[0].of_kind(IMPROVEMENT)) == 1


# ---- the same round as text and as a page ----------------------------------------------------
ROUNDS = st.builds(
    lambda year, round_no, n, seed, scores: synthetic.disclosure(
        year, round_no, n, seed=seed, scores=scores
    ),
    st.integers(2015, 2040),
    st.integers(1, 6),
    st.integers(1, 12),
    st.integers(0, 10_000),
    st.booleans(),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ROUNDS)
def test_html_and_text_forms_of_a_round_parse_equal(text: str) -> None:
    as_text = parse(text)
    as_page = parse(as_board_page(text))
    assert shape(as_page) == shape(as_text)
    assert figure_set(as_page) == figure_set(as_text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ROUNDS, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp949"]))
def test_any_encoding_of_a_round_parses_equal(text: str, codec: str) -> None:
    text = cp949able(text)
    assert shape(parse(text.encode(codec))) == shape(parse(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_arbitrary_bytes_give_a_round_or_a_parse_error(data: bytes) -> None:
    try:
        parse(data)
    except ParseError as error:
        assert error.line_no >= 1 and error.reason.startswith("expected")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ROUNDS, st.integers(0, 10_000), st.binary(min_size=1, max_size=4))
def test_corrupted_bytes_give_a_round_or_a_parse_error(text: str, at: int, noise: bytes) -> None:
    data = cp949able(text).encode("cp949")
    at %= len(data)
    try:
        parse(data[:at] + noise + data[at:])
    except ParseError as error:
        assert error.line_no >= 1 and error.reason.startswith("expected")
