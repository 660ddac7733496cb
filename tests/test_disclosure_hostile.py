"""Hostile and accidental documents (issue 9): footers, contradicting score tables, huge files.

Each test pins a way a real page went wrong: text after the last service stored as its
improvement tasks, a trailing garbage score table giving a real service 12.00 with only a
warning, and a 50 MB page accepted by `evalbot ingest`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from knowledge import synthetic
from knowledge.disclosure import MAX_BYTES, ParseError, parse
from knowledge.model import IMPROVEMENT
from tests.test_disclosure import as_board_page, fixture, seed_text, shape, texts

FOOTER = "- 문의 : 서울시 조직담당관 민간위탁팀 (02-2133-6000)\n- 붙임 : 평가결과 보고서 1부."
LAST_IMPROVEMENTS = [
    "타시도 및 지자체와의 협력을 통한 지원 프로그램의 고도화 및 성과 발굴 필요",
    "신규 위탁사무로서 민간위탁 사무의 공공성 준수를 위해 관련 규정에 대한 직원 교육 강화가 "
    "필요하며, 지도점검 체크리스트를 통한 자체점검 강화 필요",
]


# ---- findings end where the service's block ends ---------------------------------------------
@pytest.mark.parametrize("gap", ["\n\n", "\n"])
def test_a_footer_after_the_last_service_is_not_a_finding(gap: str) -> None:
    r = parse(seed_text().rstrip("\n") + gap + FOOTER + "\n")
    assert texts(r, 6, IMPROVEMENT) == LAST_IMPROVEMENTS
    assert shape(r) == shape(parse(seed_text()))


def test_a_footer_after_bulleted_findings_is_not_a_finding() -> None:
    text = fixture("2023-round1-numbered-plain-bullets.txt")
    base = parse(text)
    for footer in (FOOTER, "※ 문의 : 가상 민간위탁팀", "첨부 1. 평가결과 보고서", "- 끝 -"):
        lines = text.rstrip("\n").split("\n")
        lines.insert(lines.index("ㅇ 야간 조명 개선 필요") + 1, footer)
        assert shape(parse("\n".join(lines))) == shape(base), footer


def test_a_footer_on_a_board_page_is_not_a_finding() -> None:
    page = as_board_page(seed_text() + "\n" + FOOTER)
    assert texts(parse(page), 6, IMPROVEMENT) == LAST_IMPROVEMENTS


def test_an_item_mentioning_an_attachment_is_still_a_finding() -> None:
    text = fixture("2023-round1-numbered-plain-bullets.txt").replace(
        "ㅇ 야간 조명 개선 필요", "ㅇ 첨부 서류 관리 강화 필요"
    )
    assert texts(parse(text), 3, IMPROVEMENT)[-1] == "첨부 서류 관리 강화 필요"


# ---- scores that contradict the document refuse it -------------------------------------------
def test_a_trailing_garbage_score_table_is_refused_with_its_line() -> None:
    text = seed_text().rstrip("\n") + "\n\n□ 사무별 평가점수\n\n서울 핀테크랩 관리 및 운영\t12.00\n"
    heading = len(seed_text().rstrip("\n").split("\n")) + 2
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert (caught.value.line_no, caught.value.line) == (heading, "□ 사무별 평가점수")
    assert caught.value.reason == (
        "expected 0 score(s) below 75 as stated on line 22, but 1 of the 1 published scores "
        "are below it"
    )


def test_scores_that_contradict_the_stated_average_are_refused() -> None:
    text = fixture("2024-round3-scores-section.txt")
    parse(text)  # consistent as published
    with pytest.raises(ParseError) as caught:
        parse(text.replace("평균 75.88점", "평균 77.00점"))
    assert caught.value.line_no == 22  # the table's own average row states another average
    assert caught.value.reason == "expected the average stated on line 12 (77.00), not 75.88"
    without_row = text.replace("평균 | 75.88\n", "")
    assert without_row != text
    with pytest.raises(ParseError) as caught:
        parse(without_row.replace("평균 75.88점", "평균 77.00점"))
    assert caught.value.line_no == 15  # the score table
    assert caught.value.reason == (
        "expected scores whose mean is the average stated on line 12 (77.00), "
        "but the 4 scores average 75.875"
    )


def test_scores_that_contradict_the_stated_count_below_the_cutoff_are_refused() -> None:
    text = fixture("2024-round3-scores-section.txt").replace(
        "2개(가상 노인복지관 운영, 가상 재활용센터 관리)", "1개(가상 재활용센터 관리)"
    )
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert caught.value.line_no == 15
    assert "expected 1 score(s) below 75 as stated on line 13, but 2 of the 4" in str(caught.value)


def test_a_service_named_below_the_cutoff_but_scored_above_it_is_refused() -> None:
    text = fixture("2024-round3-scores-section.txt").replace(
        "2개(가상 노인복지관 운영, 가상 재활용센터 관리)",
        "2개(가상 청년센터 운영, 가상 재활용센터 관리)",
    )
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert caught.value.line_no == 18  # the row of 가상 청년센터 운영
    assert caught.value.reason == (
        "expected a score below 75 for '가상 청년센터 운영', named below the cutoff on "
        "line 13, not 81.25"
    )


def test_scores_in_headings_are_checked_too() -> None:
    text = fixture("2021-round2-twenty-services.txt").replace("(70.50점)", "(99.50점)")
    with pytest.raises(ParseError, match="line 10: expected scores whose mean"):
        parse(text)


def test_a_contradicted_document_leaves_the_database_untouched(
    kb_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "garbage-table.txt"
    page.write_text(
        seed_text().replace("2023년 제3차", "2031년 제1차")
        + "\n□ 사무별 평가점수\n서울 핀테크랩 관리 및 운영\t12.00\n",
        encoding="utf-8",
    )
    before = _documents(kb_copy)
    assert main(["ingest", "--db", str(kb_copy), str(page)]) == 1
    assert "rejected, nothing changed" in capsys.readouterr().err
    assert _documents(kb_copy) == before


# ---- the CLI has the same size limit as /publish ---------------------------------------------
def _documents(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("select id, sha256 from documents order by id").fetchall()
    finally:
        conn.close()


def _big_document(tmp_path: Path) -> Path:
    text = synthetic.disclosure(2032, 1, 2, seed=1)
    filler = "\n".join(f"  - 부록 {i}: 참고 자료 목록" for i in range(MAX_BYTES // 30))
    path = tmp_path / "big.txt"
    path.write_text(text + "\n\n□ 참고자료\n" + filler + "\n", encoding="utf-8")
    assert path.stat().st_size > MAX_BYTES
    return path


def test_ingest_refuses_a_document_over_2mb(
    kb_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = _big_document(tmp_path)
    before = _documents(kb_copy)
    assert main(["ingest", "--db", str(kb_copy), str(big)]) == 1
    err = capsys.readouterr().err
    assert "big.txt: rejected, nothing changed" in err and "2.0 MB limit" in err
    assert "--max-bytes" in err and "Traceback" not in err
    assert _documents(kb_copy) == before


def test_ingest_accepts_a_large_document_with_the_explicit_override(
    kb_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = _big_document(tmp_path)
    limit = str(big.stat().st_size)
    assert main(["ingest", "--db", str(kb_copy), "--max-bytes", limit, str(big)]) == 0
    assert "new round — 2032 round 1, 2 services" in capsys.readouterr().out
