"""Rounds that published only some scores, and other many7 mechanisms, by hand.

Two synthetic pages on top of the seed (written here, hand-computed figures):
- 2027 round 2 publishes the scores of its two services under the cutoff only, after
  their names ("가상 갑(68.15점), 가상 을(72.40점)"), and the year's "1~2차 합산 40개 중
  5개" — round 1 of 2027 is not loaded;
- 2028 round 1 publishes every score in the headings (an even count: 4), and evaluated
  가상 병 again (2027 round 2).
"""

from __future__ import annotations

import shutil

import pytest

from bot.engine import Engine
from bot.understand.entities import Threshold
from knowledge.curated import SOURCES_DIR
from knowledge.queries import Queries
from knowledge.store import build
from tests.helpers import handle

_BLOCK = """
{head}

구 분	주 요 내 용
주요 성과	<ul style="list-style-type: none"> - {name} 사업 목표 달성
개선 과제	<ul style="list-style-type: none"> - {name} 성과지표 보완 필요
"""

PARTIAL = """※ 합성 시험 문서 (synthetic test document) — not a real disclosure
2027년 제2차 민간위탁 종합성과평가 결과 공개

□ 평가개요

- 평가기간 : '27년 8월 ~ 10월
- 평가대상 : '27년 40개 사무 중 5개
- 평가기관 : 외부 전문기관(재단법인 가상평가연구원)

□ 평가결과

- 평가점수 : 5개 민간위탁사무 평가 결과 평균 77.10점
 - 75점 미만 재계약 배제 대상 사무 2개 : {BELOW}
- 결과활용 : 재계약 적정성 심의반영 및 위탁사업 개선
 - 평가 결과 75점 미만은 해당 수탁기관과 재계약 배제 및 공개모집(관리지침)

□ 사무별 주요성과 및 과제
""" + "".join(
    _BLOCK.format(head=f"{n}) {name}", name=name)
    for n, name in enumerate(
        (
            "가상 갑센터 운영",
            "가상 을센터 운영",
            "가상 병센터 운영",
            "가상 정센터 운영",
            "가상 무센터 운영",
        ),
        start=1,
    )
)

_BELOW = "가상 갑센터 운영(68.15점), 가상 을센터 운영(72.40점)"
PARTIAL = PARTIAL.replace("{BELOW}", _BELOW + " * 1~2차 합산 40개 중 5개(12.5%)")

COMPLETE = """※ 합성 시험 문서 (synthetic test document) — not a real disclosure
2028년 제1차 민간위탁 종합성과평가 결과 공개

□ 평가개요

- 평가기간 : '28년 2월 ~ 4월
- 평가대상 : '28년 30개 사무 중 4개
- 평가기관 : 외부 전문기관(재단법인 가상평가연구원)

□ 평가결과

- 평가점수 : 4개 민간위탁사무 평가 결과 평균 78.79점
 - 75점 미만 재계약 배제 대상 사무 : 1개(가상 기센터 운영)

□ 사무별 주요성과 및 과제
""" + "".join(
    _BLOCK.format(head=f"{mark} {name} ({value}점)", name=name)
    for mark, name, value in (
        ("①", "가상 병센터 운영", "81.20"),
        ("②", "가상 경센터 운영", "76.90"),
        ("③", "가상 기센터 운영", "74.63"),
        ("④", "가상 신센터 운영", "82.45"),
    )
)


#: the handler called with entities (tests/helpers.py)
ask = handle


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    sources = tmp_path_factory.mktemp("many-partial") / "sources"
    shutil.copytree(SOURCES_DIR, sources)
    (sources / "partial-2027-round2.txt").write_text(PARTIAL, encoding="utf-8")
    (sources / "partial-2028-round1.txt").write_text(COMPLETE, encoding="utf-8")
    path = sources.parent / "knowledge.db"
    build(path, sources)
    return Engine(Queries(path))


R2027 = {"year": 2027, "round_no": 2}
R2028 = {"year": 2028, "round_no": 1}


def test_the_fixture_stores_only_the_scores_under_the_cutoff(engine: Engine) -> None:
    scores = {e.service.name_ko: e.score for e in engine.queries.evaluations(2027, 2)}
    assert scores["가상 갑센터 운영"] == 68.15 and scores["가상 을센터 운영"] == 72.40
    assert sum(v is not None for v in scores.values()) == 2 and len(scores) == 5


def test_the_highest_of_a_partly_published_round_is_not_known(engine: Engine) -> None:
    reply = ask(engine, "highest", metrics=frozenset({"highest"}), **R2027)
    assert not reply.answered
    assert "only 2 of its 5 services" in reply.text and "72.40" in reply.text
    both = ask(engine, "highest", metrics=frozenset({"highest", "lowest"}), **R2027)
    assert not both.answered
    assert not ask(engine, "rank", **R2027).answered


def test_the_lowest_is_known_when_every_score_under_the_cutoff_was_published(
    engine: Engine,
) -> None:
    reply = ask(engine, "lowest", metrics=frozenset({"lowest"}), **R2027)
    assert reply.answered
    assert "가상 갑센터 운영: 68.15" in reply.text
    assert "the other 3 scored 75 or more" in reply.text


def test_a_threshold_under_the_cutoff_counts_every_service_of_the_round(engine: Engine) -> None:
    reply = ask(engine, "below_cutoff", threshold=Threshold(70.0, "below"), **R2027)
    assert reply.answered
    assert "1 of 5 services (20.0%)" in reply.text and "68.15" in reply.text
    above = ask(engine, "below_cutoff", threshold=Threshold(80.0, "above"), **R2027)
    assert not above.answered


def test_a_year_not_all_loaded_names_the_rest_by_subtraction(engine: Engine) -> None:
    reply = ask(engine, "below_cutoff", year=2027)
    assert "2 of 5" in reply.text
    assert "5 − 2 = 3 were in 2027 round 1" in reply.text


def test_median_odd_even_and_partly_published(engine: Engine) -> None:
    even = ask(engine, "average", metrics=frozenset({"median"}), **R2028)
    # 74.63, 76.90, 81.20, 82.45 → (76.90 + 81.20) / 2 = 79.05
    assert "(76.90 + 81.20) / 2 = 79.05" in even.text and even.answered
    partly = ask(engine, "average", metrics=frozenset({"median"}), **R2027)
    assert not partly.answered


def test_the_smallest_margin_above_the_cutoff_and_the_closest_miss(engine: Engine) -> None:
    above = ask(
        engine,
        "lowest",
        metrics=frozenset({"lowest"}),
        threshold=Threshold(75.0, "at_least"),
        **R2028,
    )
    assert "가상 경센터 운영: 76.90" in above.text and "76.90 − 75 = 1.90" in above.text
    miss = ask(
        engine,
        "highest",
        metrics=frozenset({"highest"}),
        threshold=Threshold(75.0, "below"),
        **R2028,
    )
    assert "74.63" in miss.text and "75 − 74.63 = 0.37" in miss.text
    # in the partly published round the lowest above the cutoff is not known
    unknown = ask(
        engine,
        "lowest",
        metrics=frozenset({"lowest"}),
        threshold=Threshold(75.0, "at_least"),
        **R2027,
    )
    assert not unknown.answered


def test_services_of_a_round_evaluated_in_another_round_too(engine: Engine) -> None:
    reply = ask(
        engine,
        "services_list",
        "ko",
        compare="round",
        compare_year=2027,
        compare_round=2,
        how="yes_no",
        **R2028,
    )
    assert reply.text.startswith("네")
    assert "가상 병센터 운영" in reply.text and "81.20" in reply.text
    assert "가상 경센터" not in reply.text


def test_a_round_named_without_a_year_is_the_newest_year_holding_it(engine: Engine) -> None:
    reply = ask(engine, "period", round_no=2)
    assert "2027 round 2" in reply.text


def test_a_count_of_rounds_equal_to_the_loaded_ones_covers_every_round(engine: Engine) -> None:
    loaded = len(engine.queries.rounds())
    reply = ask(engine, "count_evaluated", count=loaded, metrics=frozenset({"count"}))
    assert "2027 round 2: 5" in reply.text and "2028 round 1: 4" in reply.text


def test_a_service_without_a_published_score_there_scored_the_cutoff_or_more(
    engine: Engine,
) -> None:
    third = next(
        e.service.id for e in engine.queries.evaluations(2027, 2) if "병센터" in e.service.name_ko
    )
    reply = ask(engine, "service_score", services=(third,), **R2027)
    assert not reply.answered
    assert "it scored 75 or more" in reply.text


def test_bands_of_a_partly_published_round(engine: Engine) -> None:
    under = ask(engine, "below_cutoff", band=(70.0, 75.0), **R2027)
    assert "1 of 5" in under.text and "72.40" in under.text
    over = ask(engine, "below_cutoff", band=(80.0, 85.0), **R2027)
    assert not over.answered
    spread = ask(engine, "distribution", **R2027)
    assert "the other 3 scored 75 or more" in spread.text
