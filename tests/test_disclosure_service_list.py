"""A list of every evaluated service with its result, findings for only some of them.

Fixture tests/fixtures/k-2021-round4-service-list.txt is synthetic (its first line says so).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.disclosure import ParseError, parse
from tests.test_disclosure import fixture

TEXT = "k-2021-round4-service-list.txt"


def _sections(document: str) -> tuple[str, list[str]]:
    head, _, tail = document.partition("□ 사무별 주요성과 및 과제\n")
    parts = re.split(r"\n(?=[①-⑩] )", "\n" + tail)
    return head + "□ 사무별 주요성과 및 과제\n", [p.strip("\n") for p in parts if p.strip()]


def _with(keep: list[int]) -> str:
    head, parts = _sections(fixture(TEXT))
    circ = "①②③④⑤⑥⑦⑧⑨⑩"
    kept = [circ[j] + parts[i][1:] for j, i in enumerate(keep)]
    return head + "\n" + "\n\n".join(kept) + "\n"


def refusal(document: str) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse(document)
    return caught.value


def test_every_listed_service_is_evaluated() -> None:
    r = parse(fixture(TEXT))
    assert r.services_evaluated == 11 and len(r.services) == 11
    assert [len(s.findings) for s in r.services] == [2, 0, 2, 0, 0, 2, 0, 2, 0, 2, 0]
    assert r.below_cutoff_count == 2
    assert r.below_cutoff_names == ("가상 청년활동지원센터 운영", "가상 별빛 과학체험관 운영")


def test_a_section_naming_no_listed_service_is_refused_with_its_line() -> None:
    doc = fixture(TEXT).replace("① 가상 한빛 청소년문화의집 운영", "① 가상 무지개 체육센터 운영")
    e = refusal(doc)
    assert "무지개" in e.line and "listed" in e.reason


def test_a_list_of_another_length_is_refused_with_its_line() -> None:
    doc = fixture(TEXT).replace("11\t가상 온누리 다문화가족지원센터 운영\t적정\n", "")
    e = refusal(doc)
    assert "연번" in e.line and "11" in e.reason


def test_marks_that_disagree_with_the_stated_count_are_refused() -> None:
    doc = fixture(TEXT).replace("사무 2개", "사무 3개")
    assert "below the cutoff" in refusal(doc).reason


def test_without_a_list_missing_sections_are_still_refused() -> None:
    doc = re.sub(r"연번\t사무명\t평가결과\n(?:[0-9]+\t.*\n)+", "", fixture(TEXT))
    assert "service sections" in refusal(doc).reason


def test_a_shortened_section_name_is_its_listed_service() -> None:
    doc = fixture(TEXT).replace("③ 가상 해오름 가족센터 운영", "③ 해오름 가족센터")
    r = parse(doc)
    assert len(r.services[5].findings) == 2


@settings(max_examples=30, deadline=None)
@given(st.sets(st.integers(0, 4)))
def test_any_subset_of_sections_gives_the_same_services(keep: set[int]) -> None:
    r = parse(_with(sorted(keep)) if keep else _with([0]))
    full = parse(fixture(TEXT))
    assert [(s.number, s.name_ko) for s in r.services] == [
        (s.number, s.name_ko) for s in full.services
    ]
    assert r.below_cutoff_names == full.below_cutoff_names
