"""Calculations the documents imply but do not print: every operation computed from
published figures, shown with its arithmetic in one short line, and every decimal vouched
for by the invented-number check.

- a gap asked "how much" against the cutoff (not only above/below);
- the long run ("예전", "for a while") brought into a comparison of years;
- a round weighed against its own year, with the rest of the year backed out;
- two shares told apart in percentage points (a follow-up after two counts);
- the share of two reported counts, two decimals when small;
- a reported total per item (budget per consigned service);
- a count's direction said as a count (감소/줄었, 증가/늘었);
- a stated count checked against a deduction (네/아니요 first).

Phrasings here are new (in no question set); most call the handler directly so that the
operation is tested whatever route a wording takes to it."""

from __future__ import annotations

from bot.engine import Engine
from bot.understand.entities import Threshold
from tests.helpers import ask, clean, handle


def test_how_much_above_the_cutoff_gives_the_gap_and_its_arithmetic(engine: Engine) -> None:
    reply = handle(
        engine,
        "average",
        "ko",
        question="3차 평균은 커트라인을 몇 점쯤 넘었어?",
        year=2023,
        round_no=3,
        reference="cutoff",
        metrics=frozenset({"average"}),
    )
    assert "79.05 − 75 = 4.05" in reply.text
    listed = handle(
        engine,
        "below_cutoff",
        "en",
        question="By how many points does the round 3 average clear the cutoff?",
        year=2023,
        round_no=3,
        reference="cutoff",
        metrics=frozenset({"average"}),
    )
    assert "4.05" in listed.text and "79.05 − 75 = 4.05" in listed.text


def test_a_plain_above_or_below_keeps_its_short_answer(engine: Engine) -> None:
    reply = handle(
        engine,
        "average",
        "ko",
        question="3차 평균 기준 넘었어?",
        year=2023,
        round_no=3,
        reference="cutoff",
        metrics=frozenset({"average"}),
    )
    assert "4.05" not in reply.text and "79.05" in reply.text


def test_the_long_run_joins_a_comparison_of_years(engine: Engine) -> None:
    reply = handle(
        engine,
        "average",
        "en",
        question="Had the yearly average been below its historical level even before 2023?",
        year=2023,
        compare="prev_year",
    )
    assert "78.58 − 77.62 = 0.96" in reply.text  # 2022 against 2015–2022
    assert "78.58 − 74.02 = 4.56" in reply.text  # 2023 against 2015–2022
    clean(engine, reply.text)


def test_the_long_run_is_the_reference_when_the_words_ask_for_it(engine: Engine) -> None:
    reply = handle(
        engine,
        "gap",
        "ko",
        question="2024년 점수는 과거 평균 수준과 비교하면 얼마나 차이 나?",
        year=2024,
        compare="year",
        compare_year=2023,
        how="gap",
    )
    assert "78.58 − 78.52 = 0.06" in reply.text
    named = handle(
        engine,
        "gap",
        "ko",
        question="2024년은 2023년 평균과 비교해 예전보다 얼마나 올랐어?",
        year=2024,
        compare="year",
        compare_year=2023,
        how="gap",
    )
    assert "78.52 − 74.02 = 4.50" in named.text  # a year the question writes stays


def test_a_round_against_the_rest_of_its_year(engine: Engine) -> None:
    reply = handle(
        engine,
        "gap",
        "en",
        question="How did round 3 compare with the other rounds that year?",
        year=2023,
        round_no=3,
        how="gap",
    )
    assert "79.05 − 74.02 = 5.03" in reply.text
    assert "(74.02 × 47 − 79.05 × 6) / (47 − 6) = 73.28" in reply.text
    assert "13 − 0 = 13" in reply.text
    clean(engine, reply.text)


def test_the_rest_of_a_year_backed_out_when_asked(engine: Engine) -> None:
    reply = handle(
        engine,
        "average",
        "ko",
        question="2023년 3차 6개 말고 나머지 41개 사무는 평균 몇 점이었을까?",
        year=2023,
        round_no=3,
        compare="whole_year",
        metrics=frozenset({"average"}),
    )
    assert "73.28" in reply.text and "가정" in reply.text
    clean(engine, reply.text)


def test_two_shares_told_apart_in_percentage_points(engine: Engine) -> None:
    answer = ask(
        engine,
        "2024년 기준 미달 사무 몇 곳이었어?",
        "2023년은?",
        "그 두 해 비율 차이는 얼마야?",
    )
    assert "27.7 − 13.1 = 14.6" in answer.text
    assert "%p" in answer.text


def test_a_small_share_of_two_counts_shows_two_decimals(engine: Engine) -> None:
    reply = handle(
        engine,
        "below_cutoff",
        "en",
        question="Under 65 in 2024 — what percentage of the evaluated services?",
        year=2024,
        threshold=Threshold(65.0, "below"),
        metrics=frozenset({"share"}),
    )
    assert "2 / 61 = 3.28%" in reply.text and "3.3%" in reply.text
    clean(engine, reply.text)


def test_a_reported_total_per_consigned_service(engine: Engine) -> None:
    reply = handle(
        engine,
        "consignment",
        "ko",
        question="위탁 예산을 사무당으로 나누면 얼마쯤 돼?",
        aspects=frozenset({"budget"}),
    )
    assert "7,155 / 377 = 18.98" in reply.text and "18.98억 원" in reply.text
    clean(engine, reply.text)


def test_a_count_that_shrank_is_said_to_shrink(engine: Engine) -> None:
    reply = handle(
        engine,
        "consignment",
        "ko",
        question="민간위탁 사무 수 추이 알려줘",
        aspects=frozenset({"size"}),
        how="trend",
    )
    assert "감소" in reply.text and "줄었습니다" in reply.text and "421 − 377 = 44" in reply.text


def test_a_stated_count_is_checked_against_the_deduction(engine: Engine) -> None:
    yes = ask(engine, "3차 미달이 0개였다면 2023년 미달 13개는 모두 1, 2차 몫인 거죠?")
    assert yes.text.startswith("네") and "13 − 0 = 13" in yes.text
    no = ask(engine, "3차 미달이 0개였다면 2023년 미달 12개는 모두 1, 2차 몫인 거죠?")
    assert no.text.startswith("아니요")


def test_a_direction_claimed_to_go_on_needs_every_change(engine: Engine) -> None:
    keeps = handle(
        engine, "direction", "ko", question="평균 점수 해마다 자꾸 내려가고 있지?", how="trend"
    )
    assert keeps.text.startswith("아니요")  # 2024's report went back up (74.02 → 78.52)
    assert "78.52" in keeps.text
