"""Consistency checks: the seed and the clean fixtures are silent; a planted error warns once.

(Scores that contradict the stated average, count or names are refused by the parser:
see tests/test_disclosure_hostile.py.)
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from knowledge.checks import check_round
from knowledge.disclosure import parse
from knowledge.model import ConsistencyWarning, Figure, Round, Scope

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "knowledge" / "sources" / "2023-round3-disclosure.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The synthetic round fixtures of test_disclosure.py that are meant to be consistent.
CLEAN = sorted(p.name for p in FIXTURES.glob("20*-round*") if "wrong" not in p.name)


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def fixture(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8")


def warnings_for(text: str, document: str = "doc.txt") -> list[ConsistencyWarning]:
    return check_round(parse(text), document)


def test_seed_is_consistent() -> None:
    assert warnings_for(seed_text()) == []


@pytest.mark.parametrize("name", CLEAN)
def test_clean_fixtures_are_consistent(name: str) -> None:
    assert warnings_for(fixture(name), name) == []


def test_wrong_difference_yields_exactly_one_warning_naming_its_line() -> None:
    name = "2023-round2-wrong-difference.txt"
    found = warnings_for(fixture(name), name)
    assert len(found) == 1
    warning = found[0]
    assert (warning.document, warning.line_no) == (name, 13)
    assert "-3.4" in warning.message and "74.02 - 77.62 = -3.60" in warning.message
    assert str(warning).startswith(f"{name}:13: stated difference -3.4 (2023 vs 2022)")


def test_wrong_share_is_reported() -> None:
    found = warnings_for(seed_text().replace("13개(27.7%)", "13개(29.7%)"))
    assert [(w.line_no, w.message) for w in found] == [
        (22, "stated share 29.7% (2023-R1-3) but 13 / 47 = 27.66%")
    ]


def test_differences_within_rounding_are_not_reported() -> None:
    # 74.00 - 77.65 = -3.65: a published "3.6" (or "3.7") is within rounding of it
    text = seed_text().replace("74.02점", "74.00점").replace("77.62)", "77.65)")
    text = text.replace("4.56점", "4.58점")
    assert warnings_for(text) == []
    assert warnings_for(text.replace("3.6점 하락", "3.7점 하락")) == []
    assert len(warnings_for(text.replace("3.6점 하락", "3.8점 하락"))) == 1


def test_a_rise_stated_as_a_fall_is_reported() -> None:
    found = warnings_for(seed_text().replace("3.6점 하락", "3.6점 상승"))
    assert [w.line_no for w in found] == [23]
    assert "+3.6" in found[0].message


def test_below_cutoff_name_that_is_no_service_of_the_round() -> None:
    text = fixture("2023-round1-numbered-plain-bullets.txt").replace(
        "가상 도서관 관리)", "가상 수목원 관리)"
    )
    found = warnings_for(text)
    assert [w.line_no for w in found] == [15]
    assert "'가상 수목원 관리' is named below the cutoff" in found[0].message


def test_below_cutoff_names_against_the_stated_count() -> None:
    text = fixture("2023-round1-numbered-plain-bullets.txt").replace(
        "2개(가상 청년센터 운영", "3개(가상 청년센터 운영"
    )
    found = warnings_for(text)
    assert [w.message for w in found] == ["2 services named below the cutoff but the count says 3"]


def test_stated_service_count_against_the_sections() -> None:
    # parse() rejects such a document; a Round built another way is still checked
    round_ = dataclasses.replace(parse(seed_text()), services_evaluated=7)
    found = check_round(round_, "seed")
    assert [(w.line_no, w.message) for w in found] == [
        (12, "stated 7 services evaluated but the document has 6 service sections")
    ]


def test_year_to_date_count_smaller_than_the_round_alone() -> None:
    seed = parse(seed_text())
    cumulative = Figure(Scope.rounds(2023, 1, 3), "below_cutoff", 1, denominator=47, line_no=22)
    others = tuple(f for f in seed.figures if f.scope != Scope.rounds(2023, 1, 3))
    round_ = dataclasses.replace(seed, below_cutoff_count=2, figures=(*others, cumulative))
    found = check_round(round_, "seed")
    assert [(w.line_no, w.message) for w in found] == [
        (22, "1 below the cutoff in 2023-R1-3, fewer than the 2 of round 3 alone")
    ]


def test_round_without_figures_is_silent() -> None:
    bare = Round(year=2030, round_no=1, title="t", services=())
    assert check_round(bare, "bare") == []
