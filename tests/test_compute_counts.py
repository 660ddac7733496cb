"""Counts, shares and their comparisons computed from the published and reported figures
(bot/answers/compute.py, tally.py, cutoff.py, consignment.py), on the real knowledge base.

The seed holds 2023 round 3 (6 services, none below 75; 47 services in 2023, 13 of them
below over rounds 1–3).  Reports add 2023 round 1 (12 evaluated, 7 below, 58 %, 뉴스핌),
2024 (61 evaluated, 8 below, 13.1 %, bands 2 / 1 / 5, 대한경제), about 2018–2020 (126
evaluated, 5 below, cutoff 60, 데일리클릭), 2022 (23 %, criteria raised July 2022, 뉴스핌)
and Seoul's consigned services 2021 420 → 2022 421 → 2023 377 (budget 7,155억원).
Hand-computed: round 2 = 47 − 12 − 6 = 29 evaluated, 13 − 7 − 0 = 6 below; rounds 1–2 =
47 − 6 = 41; round 1 passed 12 − 7 = 5; 7 / 12 = 58.3 %; 34 / 47 = 72.3 %; 5 / 126 = 3.97 %.
Questions here are worded unlike the diagnosis sets on purpose.
"""

from __future__ import annotations

from functools import partial

from bot.engine import Engine
from bot.understand.entities import Threshold
from knowledge.curated import load_reports
from tests.helpers import handle

#: the handler called with entities (tests/helpers.py), in Korean unless told
ask = partial(handle, lang="ko")


# ---- a round's count from its year's total ----------------------------------------------
def test_a_missing_round_is_the_year_less_the_others_with_the_report_named(engine: Engine) -> None:
    reply = ask(engine, "deduced", year=2023, round_no=2, what="count_evaluated")
    assert "29" in reply.text and "47 − 12 − 6 = 29" in reply.text
    assert "뉴스핌" in reply.text  # the reported 12 says where it comes from


def test_two_rounds_together_with_no_year_take_the_newest_year(engine: Engine) -> None:
    reply = ask(engine, "deduced", round_span=(1, 2), what="count_evaluated")
    assert "47 − 6 = 41" in reply.text


def test_left_out_rounds_leave_the_rest_of_the_year(engine: Engine) -> None:
    # "except round 3": rounds 1 and 2 together
    reply = ask(engine, "deduced", year=2023, rounds_excluded=(3,), what="count_evaluated")
    assert "47 − 6 = 41" in reply.text
    # rounds 1 and 3 left out, round 2 asked
    reply = ask(
        engine, "deduced", year=2023, round_no=2, rounds_excluded=(1, 3), what="count_evaluated"
    )
    assert "47 − 12 − 6 = 29" in reply.text


def test_among_rounds_named_the_one_no_document_prints_is_the_one_asked(engine: Engine) -> None:
    reply = ask(
        engine,
        "deduced",
        year=2023,
        round_no=1,
        rounds_named=(1, 3, 2),
        threshold=Threshold(75.0, "below"),
        what="below_cutoff",
    )
    # a count asked is the count (E7b: a share only when one is asked, after its terms)
    assert "13 − 7 − 0 = 6" in reply.text and "6 / 29" not in reply.text
    shared = ask(
        engine,
        "deduced",
        year=2023,
        round_no=1,
        rounds_named=(1, 3, 2),
        threshold=Threshold(75.0, "below"),
        metrics=frozenset({"share"}),
        what="below_cutoff",
    )
    assert "6 / 29" in shared.text


def test_the_engine_deduces_a_round_asked_in_other_words(engine: Engine) -> None:
    answer = engine.answer("2023년 두 번째 차수 평가 대상은 몇 곳이었을까?")
    assert "29" in answer.text


# ---- passed = evaluated − below -----------------------------------------------------------
def test_a_reported_round_passes_by_subtraction_naming_the_report(engine: Engine) -> None:
    reply = ask(engine, "complement", year=2023, round_no=1, how="complement")
    assert "12 − 7 = 5" in reply.text and "뉴스핌" in reply.text


def test_every_round_of_a_year_is_the_year(engine: Engine) -> None:
    reply = ask(engine, "complement", year=2023, round_no=3, round_span=(1, 3), how="complement")
    assert "47 − 13 = 34" in reply.text and "72.3" in reply.text


def test_a_deduced_round_passes_by_two_deductions(engine: Engine) -> None:
    reply = ask(engine, "complement", year=2023, round_no=2, how="complement")
    assert "29 − 6 = 23" in reply.text
    assert "47 − 12 − 6 = 29" in reply.text and "13 − 7 − 0 = 6" in reply.text


# ---- shares --------------------------------------------------------------------------------
def test_a_reported_share_is_recomputed_from_its_counts(engine: Engine) -> None:
    answer = engine.answer("In 2023 round 1, what percentage of services were under 75 points?")
    assert "7 / 12 = 58.3" in answer.text
    assert "Newspim" in answer.text


def test_an_earlier_cutoff_names_its_era(engine: Engine) -> None:
    reply = ask(
        engine, "below_cutoff", score=60.0, reference="cutoff", metrics=frozenset({"share"})
    )
    assert "126" in reply.text and "5 / 126 = 3.97%" in reply.text
    assert "데일리클릭" in reply.text


def test_a_loose_span_of_years_finds_the_report_that_says_it_loosely(engine: Engine) -> None:
    reply = ask(engine, "below_cutoff", year_span=(2018, 2020), metrics=frozenset({"share"}))
    assert "5 / 126" in reply.text


def test_a_round_share_of_its_year(engine: Engine) -> None:
    reply = ask(engine, "evaluated_share", year=2023, round_no=3, metrics=frozenset({"share"}))
    assert "12.8" in reply.text


# ---- two scopes side by side -----------------------------------------------------------------
def test_evaluated_counts_of_two_years_in_time_order(engine: Engine) -> None:
    reply = ask(
        engine,
        "count_evaluated",
        question="evaluated services: 2024 against 2023",
        lang="en",
        year=2024,
        compare="year",
        compare_year=2023,
    )
    first = reply.text.splitlines()[0]
    assert first.index("47") < first.index("61") and "61 − 47 = 14" in reply.text
    assert "Daehan" in reply.text


def test_a_count_checked_in_one_direction_gets_its_verdict(engine: Engine) -> None:
    grew = ask(
        engine,
        "count_evaluated",
        question="2024년 평가 사무가 2023년보다 늘어났나요?",
        year=2024,
        compare="year",
        compare_year=2023,
    )
    assert grew.text.startswith("네")
    fell = ask(
        engine,
        "below_cutoff",
        question="Did fewer services fall under 75 in 2024 than in 2023?",
        lang="en",
        year=2024,
        compare="year",
        compare_year=2023,
        threshold=Threshold(75.0, "below"),
    )
    assert fell.text.startswith("Yes") and "13 − 8 = 5" in fell.text


def test_both_directions_asked_gives_the_change_not_a_verdict(engine: Engine) -> None:
    reply = ask(
        engine,
        "below_cutoff",
        question="2024년 기준 미달 사무는 2023년에 비해 많아졌어 적어졌어?",
        year=2024,
        compare="year",
        compare_year=2023,
    )
    assert not reply.text.startswith(("네", "아니"))
    assert "감소" in reply.text and "13 − 8 = 5" in reply.text


def test_shares_of_two_rounds_with_their_year(engine: Engine) -> None:
    reply = ask(
        engine,
        "below_cutoff",
        lang="en",
        year=2023,
        round_no=3,
        compare="round",
        compare_round=1,
        metrics=frozenset({"share"}),
    )
    assert "7 / 12 = 58.3%" in reply.text and "0 / 6 = 0.0%" in reply.text
    assert "13 / 47 = 27.7%" in reply.text and "Newspim" in reply.text


def test_two_rounds_added_up_when_asked_together(engine: Engine) -> None:
    reply = ask(
        engine,
        "count_evaluated",
        question="1차하고 3차 합산하면?",
        year=2023,
        round_no=3,
        compare="round",
        compare_round=1,
    )
    assert "12 + 6 = 18" in reply.text


def test_the_share_comparison_reads_past_the_cutoff_words(engine: Engine) -> None:
    answer = engine.answer("Was the proportion under the cutoff larger in 2024 than in 2023?")
    assert answer.text.startswith("No")


# ---- averages over a run of years ------------------------------------------------------------
def test_a_span_and_a_year_are_one_run_of_years(engine: Engine) -> None:
    reply = ask(
        engine,
        "gap",
        lang="en",
        year=2024,
        year_span=(2022, 2023),
        metrics=frozenset({"average"}),
        how="trend",
        what="average",
    )
    assert reply.answered
    text = reply.text
    assert text.index("77.62") < text.index("74.02") < text.index("78.52")


def test_both_references_each_with_its_difference(engine: Engine) -> None:
    answer = engine.answer("2023 평균이 전년 대비, 그리고 장기평균 대비 각각 몇 점 떨어졌어?")
    assert "3.60" in answer.text and "4.56" in answer.text


def test_a_missing_year_names_its_neighbours_without_their_values(engine: Engine) -> None:
    answer = engine.answer("Average score for the year 2021?")
    assert not answer.answered
    # 2022 and 2015–2022 hold or border 2021: named without a value; 2023 keeps its value
    assert "77.62" not in answer.text and "78.58" not in answer.text
    assert "74.02" in answer.text


# ---- the cutoff over time --------------------------------------------------------------------
def test_the_reported_change_of_criteria_is_a_dated_figure() -> None:
    changed = [f for _, figures in load_reports() for f in figures if f.metric == "cutoff_changed"]
    assert [(f.scope.year_start, f.text) for f in changed] == [(2022, "2022-07 raised")]


def test_the_cutoff_history_in_both_languages(engine: Engine) -> None:
    ko = ask(engine, "cutoff_history", question="재계약 커트라인이 원래부터 75점이었어?")
    assert ko.text.startswith("아니요") and "60" in ko.text and "2022년 7월" in ko.text
    en = ask(engine, "cutoff_history", question="When did the city tighten the cutoff?", lang="en")
    assert en.text.startswith("The re-contract criteria were raised in July 2022")
    assert "Newspim" in en.text and "75 − 60 = 15" in en.text


def test_the_rule_passes_a_history_question_on(engine: Engine) -> None:
    reply = ask(engine, "cutoff_rule", question="재계약 기준이 과거엔 몇 점이었나요?")
    assert "60" in reply.text and "데일리클릭" in reply.text


# ---- consignment as a whole ------------------------------------------------------------------
def test_consigned_services_between_two_named_years(engine: Engine) -> None:
    reply = ask(
        engine,
        "consignment",
        lang="en",
        year=2023,
        compare="year",
        compare_year=2021,
        aspects=frozenset({"size"}),
    )
    assert "420 − 377 = 43" in reply.text


def test_a_budget_over_time_with_one_figure_is_not_known(engine: Engine) -> None:
    reply = ask(
        engine,
        "consignment",
        year=2023,
        compare="year",
        compare_year=2022,
        aspects=frozenset({"budget"}),
    )
    assert not reply.answered and "7,155" in reply.text


def test_evaluating_is_not_consigning(engine: Engine) -> None:
    reply = ask(
        engine,
        "consignment",
        question="how many consigned services were assessed in 2023",
        lang="en",
        year=2023,
        aspects=frozenset({"size"}),
    )
    assert "47" in reply.text and "377" not in reply.text


# ---- a band of a reported year ---------------------------------------------------------------
def test_a_lower_score_in_a_reported_year_comes_from_its_bands(engine: Engine) -> None:
    reply = ask(engine, "below_cutoff", year=2024, threshold=Threshold(65.0, "below"))
    assert "2" in reply.text and "대한경제" in reply.text


# ---- more scopes side by side ----------------------------------------------------------------
def test_a_two_year_span_compares_its_ends_with_a_verdict(engine: Engine) -> None:
    reply = ask(
        engine,
        "count_evaluated",
        question="Did the evaluations get more numerous between 2023 and 2024?",
        lang="en",
        year_span=(2023, 2024),
        how="yes_no",
    )
    assert reply.text.startswith("Yes") and "61 − 47 = 14" in reply.text


def test_an_era_in_words_against_a_year(engine: Engine) -> None:
    reply = ask(
        engine,
        "below_cutoff",
        year=2023,
        year_span=(2018, 2020),
        metrics=frozenset({"share"}),
    )
    text = reply.text
    assert "126" in text and "13 / 47 = 27.7%" in text and "데일리클릭" in text
    assert text.index("4.0%") < text.index("27.7%")


def test_a_shares_trend_over_named_years_lists_each_year(engine: Engine) -> None:
    reply = ask(
        engine,
        "below_cutoff",
        lang="en",
        year_span=(2022, 2024),
        metrics=frozenset({"share"}),
    )
    line = next(line for line in reply.text.splitlines() if line.startswith("In time order"))
    assert line.index("23%") < line.index("27.7%") < line.index("13.1%")


def test_above_or_below_the_cutoff_keeps_the_asked_figure_as_subject(engine: Engine) -> None:
    reply = ask(
        engine,
        "versus",
        question="2023 yearly average: over or under the cutoff?",
        lang="en",
        year=2023,
        metrics=frozenset({"average"}),
        how="versus",
        reference="cutoff",
        what="average",
    )
    assert reply.text.startswith("2023") and "0.98 points below" in reply.text


def test_a_count_with_an_average_asked_beside_it(engine: Engine) -> None:
    reply = ask(engine, "count_evaluated", year=2024, metrics=frozenset({"count", "average"}))
    assert "61" in reply.text and "78.52" in reply.text


def test_a_year_after_a_consignment_answer_is_its_count(engine: Engine) -> None:
    reply = ask(engine, "consignment", question="2021년엔?", year=2021)
    assert "420" in reply.text and not reply.text.startswith(("네", "아니요"))


def test_the_earlier_cutoff_era_is_left_for_the_next_turn(engine: Engine) -> None:
    reply = ask(engine, "cutoff_history", question="예전 기준은 몇 점이었어?")
    assert reply.scope == {"year_span": [2018, 2020]}


def test_some_rounds_of_a_year_together_below_the_cutoff(engine: Engine) -> None:
    reply = ask(
        engine,
        "below_cutoff",
        year=2023,
        round_span=(2, 3),
        threshold=Threshold(75.0, "below"),
        metrics=frozenset({"share"}),
    )
    assert "13 − 7 = 6" in reply.text and "47 − 12 = 35" in reply.text
    assert "17.1%" in reply.text and "뉴스핌" in reply.text


def test_a_named_round_against_the_year_before_is_the_round_itself(engine: Engine) -> None:
    reply = ask(
        engine,
        "average",
        lang="en",
        year=2023,
        round_no=3,
        metrics=frozenset({"average"}),
        compare="prev_year",
        reference="prev_year",
    )
    assert "79.05 − 77.62 = 1.43" in reply.text


def test_the_year_before_is_a_second_scope_for_counts_and_shares(engine: Engine) -> None:
    counted = ask(
        engine,
        "below_cutoff",
        year=2024,
        threshold=Threshold(75.0, "below"),
        metrics=frozenset({"count"}),
        compare="prev_year",
    )
    assert "13 − 8 = 5" in counted.text
    shares = ask(
        engine,
        "below_cutoff",
        lang="en",
        year=2023,
        metrics=frozenset({"share"}),
        compare="prev_year",
    )
    # the report's 23 % is shown as printed, the computed 27.7 % at one decimal
    assert "2022 (whole year) 23% → 2023 (whole year) 27.7%" in shares.text
    assert "27.7 − 23 = 4.7" in shares.text
