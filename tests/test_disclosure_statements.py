"""Results statements the city writes in more than one way (issue 8 blind set, round 2).

Below-cutoff names listed after a colon with the count after them, and a cumulative note
("* '24년 1~2차 합산 9개 중 4개(44.4%)") on its own line under the cutoff statement.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.disclosure import ParseError, parse
from knowledge.model import Scope

BLIND = Path(__file__).resolve().parent / "fixtures" / "blind" / "many"
BASE = (BLIND / "2025-round1.txt").read_text(encoding="utf-8")
NONE_LINE = " - 75점 미만 재계약 배제 대상 사무 없음"
NAMES = ("서울글로벌센터 운영", "서울시 1인가구지원센터 운영")


def with_cutoff_line(*lines: str) -> str:
    assert NONE_LINE in BASE
    return BASE.replace(NONE_LINE, "\n".join(lines))


@pytest.mark.parametrize(
    "line",
    [
        " - 75점 미만 재계약 배제 대상: 서울글로벌센터 운영, 서울시 1인가구지원센터 운영 (2개)",
        " - 75점 미만 재계약 배제 대상 2개 : 서울글로벌센터 운영, 서울시 1인가구지원센터 운영",
        " - 75점 미만 재계약 배제 대상 사무 2개(서울글로벌센터 운영, 서울시 1인가구지원센터 운영)",
        " - 75점 미만 재계약 배제 대상: 서울글로벌센터 운영, 서울시 1인가구지원센터 운영",
    ],
)
def test_below_cutoff_names_however_listed(line: str) -> None:
    r = parse(with_cutoff_line(line))
    assert (r.below_cutoff_count, r.below_cutoff_names) == (2, NAMES)


def test_a_count_after_the_colon_is_not_a_name() -> None:
    r = parse(with_cutoff_line(" - 75점 미만 재계약 배제 대상: 2개 사무"))
    assert (r.below_cutoff_count, r.below_cutoff_names) == (2, ())


def test_cumulative_note_on_its_own_line_under_the_cutoff_statement() -> None:
    r = parse(
        with_cutoff_line(
            " - 75점 미만 재계약 배제 대상 사무 없음",
            "  * '25년 1~2차 합산 9개 중 4개(44.4%)",
        )
    )
    found = {(f.scope, f.metric): (f.value, f.denominator) for f in r.figures}
    assert found[(Scope.rounds(2025, 1, 2), "below_cutoff")] == (4.0, 9)
    assert found[(Scope.rounds(2025, 1, 2), "below_cutoff_share_pct")] == (44.4, 9)


def test_a_note_after_another_statement_is_not_a_cutoff_figure() -> None:
    r = parse(
        with_cutoff_line(NONE_LINE, "- 참고 : 기타", "  * '25년 1~2차 합산 9개 중 4개(44.4%)")
    )
    assert not [f for f in r.figures if f.scope == Scope.rounds(2025, 1, 2)]


def test_the_blind_disclosures_read_as_written() -> None:
    r1 = parse((BLIND / "2024-round1.txt").read_bytes())
    assert [s.score for s in r1.services] == [82.40, 76.30, 73.20, 85.15, 68.90]
    assert (r1.average_score, r1.below_cutoff_count) == (77.19, 2)
    r2 = parse((BLIND / "2024-round2.html").read_bytes())
    assert r2.below_cutoff_names == ("서울시 도시농업지원센터 운영", "남산유스호스텔 운영")
    assert all(len(s.findings) == 4 for s in (*r1.services, *r2.services))
    found = {(f.scope, f.metric): f.value for f in r2.figures}
    assert found[(Scope.rounds(2024, 1, 2), "below_cutoff_share_pct")] == 44.4
    r3 = parse((BLIND / "2025-round1.txt").read_bytes())
    assert (r3.average_score, r3.below_cutoff_count, len(r3.services)) == (80.27, 0, 3)


def test_the_many4_disclosures_read_as_written() -> None:
    # a text naming its one service below 75, an HTML board page with a score table (its
    # average row is not a service) and a renamed seed service, a text with a score section
    many4 = BLIND.parent / "many4"
    r22 = parse((many4 / "2022-round2.txt").read_bytes())
    assert (r22.average_score, r22.services_in_year, len(r22.services)) == (77.46, 52, 4)
    assert r22.below_cutoff_names == ("서울시 도시농업지원센터 운영",)
    assert {(f.scope, f.metric): f.value for f in r22.figures}[
        (Scope.rounds(2022, 1, 2), "below_cutoff")
    ] == 6
    r24 = parse((many4 / "2024-round3.html").read_bytes())
    assert [s.score for s in r24.services] == [83.40, 72.15, 80.65, 69.80, 87.30]
    assert r24.services[0].name_ko == "서울특별시 소셜벤처허브센터 운영"
    assert (r24.average_score, r24.below_cutoff_count, r24.services_in_year) == (78.66, 2, None)
    assert r24.below_cutoff_names == (
        "서울시 청소년노동인권센터 운영",
        "서울시 서북권역 재활용선별장 관리 및 운영",
    )
    assert [len(s.findings) for s in r24.services] == [4, 4, 4, 3, 3]
    r25 = parse((many4 / "2025-round2.txt").read_bytes())
    assert [s.score for s in r25.services] == [81.20, 77.85, 84.10, 79.81]
    assert (r25.average_score, r25.below_cutoff_count) == (80.74, 0)


def test_a_named_service_that_is_not_in_the_round_still_fails_loudly_elsewhere() -> None:
    # the parser keeps refusing what contradicts itself: a stated count that disagrees
    with pytest.raises(ParseError) as err:
        parse(with_cutoff_line(NONE_LINE).replace("3개 민간위탁사무", "4개 민간위탁사무"))
    assert err.value.line_no > 1
