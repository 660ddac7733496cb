"""Changes over time said as changes (F2): a year's average against an earlier year says
which way it moved (하락/상승, down/up) with its arithmetic; a trend "since" a year lists
every year held from it on; a count below the cutoff over time is counted, not a share; a
threshold with no yearly count gives the year's cutoff count; the evaluated count set
aside ("X 말고") asks Seoul's own count; the query caches are all dropped on refresh.

Over the shipped sources (the seed's 2023 round 3 and the reported figures)."""

from __future__ import annotations

from functools import cached_property

from bot.engine import Engine
from knowledge import queries
from tests.helpers import ask, handle


def test_a_year_against_the_year_before_says_the_direction(engine: Engine) -> None:
    reply = handle(
        engine, "average", "ko", year=2023, compare="prev_year", question="23년 평균 작년이랑?"
    )
    assert "하락" in reply.text and "77.62 − 74.02 = 3.60" in reply.text
    risen = handle(
        engine, "average", "en", year=2023, compare="prev_year", question="2023 vs the year before"
    )
    assert "Down: 3.60 points lower" in risen.text


def test_a_year_against_the_long_run_is_not_a_change(engine: Engine) -> None:
    reply = handle(
        engine, "average", "ko", year=2023, compare="long_run", question="23년 장기평균 대비?"
    )
    assert "하락" not in reply.text and "78.58" in reply.text


def test_a_yes_no_on_one_direction_of_a_year_is_answered_first(engine: Engine) -> None:
    reply = handle(
        engine,
        "average",
        "ko",
        year=2023,
        compare="prev_year",
        question="2023년 평균 점수 전년 대비 올랐나요?",
    )
    assert reply.text.startswith("아니요")


def test_a_trend_since_a_year_lists_every_year_held(engine: Engine) -> None:
    reply = ask(engine, "Have the yearly averages gone up since 2022?")
    assert all(v in reply.text for v in ("77.62", "74.02", "78.52"))
    shares = ask(engine, "22년 이후로 75점 미만 비율 흐름 보여줘")
    assert all(v in shares.text for v in ("23%", "27.7%", "13.1%"))


def test_a_count_below_the_cutoff_over_time_is_a_count(engine: Engine) -> None:
    reply = handle(
        engine,
        "direction",
        "en",
        year_span=(2023, 2024),
        metrics=frozenset({"count"}),
        what="below_cutoff",
        how="trend",
        question="Are fewer services failing, 2023 against 2024?",
    )
    assert "13 − 8 = 5" in reply.text and "27.7" not in reply.text


def test_a_threshold_with_no_yearly_count_gives_the_years_cutoff_count(engine: Engine) -> None:
    from bot.understand.entities import Threshold

    reply = handle(
        engine,
        "below_cutoff",
        "ko",
        year=2023,
        threshold=Threshold(68.0, "below"),
        metrics=frozenset({"count"}),
        question="2023년에 68점 아래는 몇 개?",
    )
    assert "공개되지 않았습니다" in reply.text and "13" in reply.text
    assert not reply.answered


def test_the_evaluated_count_set_aside_asks_seouls_own(engine: Engine) -> None:
    reply = handle(
        engine,
        "count_evaluated",
        "ko",
        metrics=frozenset({"count"}),
        question="평가한 사무 수 아니고, 서울시가 위탁한 사무는 통틀어 몇 개?",
    )
    assert "377" in reply.text
    evaluated = handle(
        engine,
        "count_evaluated",
        "ko",
        year=2023,
        round_no=3,
        question="2023년 3차 민간위탁 사무 몇 개 평가했어?",
    )
    assert "377" not in evaluated.text and "6" in evaluated.text


def test_every_cached_table_is_dropped_on_refresh() -> None:
    cached = {n for n, v in vars(queries.Queries).items() if isinstance(v, cached_property)}
    assert cached <= set(queries._CACHES)


def test_the_scope_before_boda_is_the_reference_of_a_yes_no(engine: Engine) -> None:
    earlier = ask(engine, "2023년 1차 미달 비율, 3차보다 높았나요?")
    assert earlier.text.startswith("네")
    later = ask(engine, "Was round 3 of 2023's failure share higher than round 1?")
    assert later.text.startswith("No")


def test_a_span_with_no_written_end_runs_to_the_last_year_held(engine: Engine) -> None:
    reply = handle(
        engine,
        "direction",
        "ko",
        year_span=(2022, 2023),
        metrics=frozenset({"average"}),
        how="trend",
        question="22년부터 평균 흐름은?",
    )
    assert "78.52" in reply.text.splitlines()[2]
    written = handle(
        engine,
        "direction",
        "ko",
        year_span=(2022, 2023),
        metrics=frozenset({"average"}),
        how="trend",
        question="2022~2023년 평균 흐름은?",
    )
    assert "78.52" not in written.text.splitlines()[2]


def test_what_kind_of_services_with_no_round_says_which_are_evaluated(engine: Engine) -> None:
    kind = handle(engine, "services_list", "ko", question="평가 받는 건 무슨 사무들인데?")
    assert "만료" in kind.text and "핀테크" in kind.text
    listed = handle(engine, "services_list", "ko", question="평가 대상 사무 목록 보여줘")
    assert "만료" not in listed.text


def test_a_gap_between_two_years_says_the_change_but_not_a_round_beside_its_year(
    engine: Engine,
) -> None:
    years = ask(engine, "How far apart were the yearly averages of 2022 and 2023?")
    assert "down 3.60" in years.text and "77.62 − 74.02 = 3.60" in years.text
    part = ask(engine, "2023년 3차 평균이랑 2023년 전체 평균 차이")
    assert "상승" not in part.text and "하락" not in part.text


def test_a_share_since_a_named_year_is_every_year_from_it(engine: Engine) -> None:
    from dataclasses import replace as _replace

    from bot.answers.base import Request
    from bot.answers.compute import since_year
    from bot.i18n import translator
    from bot.understand.entities import Entities

    def request(question: str, **entities: object) -> Request:
        return Request(
            question=question,
            lang="ko",
            entities=_replace(Entities(), **entities),
            q=engine.queries,
            t=translator("ko"),
            specs=engine.specs,
        )

    since = since_year(
        request("22년 이후 재계약 배제 비율은?", year=2022, metrics=frozenset({"share"}))
    )
    assert since is not None and since.entities.year_span == (2022, 2024)
    plain = request("22년 재계약 배제 비율은?", year=2022, metrics=frozenset({"share"}))
    assert since_year(plain) is None
    reply = handle(
        engine,
        "below_cutoff",
        "ko",
        year=2022,
        metrics=frozenset({"share"}),
        question="22년 이후 재계약 배제 비율은?",
    )
    assert all(v in reply.text for v in ("23%", "27.7%", "13.1%"))


def test_a_count_below_asked_which_way_it_moved_is_each_years_count(engine: Engine) -> None:
    reply = handle(
        engine,
        "below_cutoff",
        "en",
        metrics=frozenset({"count"}),
        question="Compared with earlier years, are there more or fewer services under the cutoff?",
    )
    assert "13 − 8 = 5" in reply.text
    plain = handle(
        engine, "below_cutoff", "en", metrics=frozenset({"count"}), question="How many failed?"
    )
    assert "13 − 8" not in plain.text
