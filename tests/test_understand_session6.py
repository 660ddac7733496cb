"""Routing mechanisms of issue 12 round 6 (E1), on the real engine over the shipped seed.

Each test uses phrasings of its own (not the diagnosis sets'): the verb of a count, the
cutoff rule asked without its score, yes/no checks (a contrast, a stated share, a stated
average, a name the knowledge base lacks), a figure asked for by its value, durations that
are not years, several rounds left out or added together, and follow-ups.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.understand import scopes
from tests.helpers import ask


# ---- the verb decides what is counted ------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "How many services did the city assess in 2023 altogether?",
        "2023년 평가받은 위탁사무 총 몇 개?",
    ],
)
def test_an_evaluation_verb_counts_evaluated_services(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "count_evaluated"
    assert "47" in answer.text and "377" not in answer.text


@pytest.mark.parametrize("question", ["3차에서 몇 곳이 떨어졌어?", "How many failed in round 3?"])
def test_a_count_that_fell_fell_below_the_cutoff(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "below_cutoff"


def test_consigned_services_with_no_evaluation_word_are_seouls(engine: Any) -> None:
    answer = ask(engine, "위탁사무가 2022년보다 몇 개 줄었지?")
    assert answer.intent == "consignment" and "44" in answer.text


# ---- the cutoff rule asked without its score ---------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "What's the minimum score a contractor needs to avoid losing the renewal?",
        "탈락하면 그 다음 절차는 어떻게 돼?",
        "재계약 배제 규정은 어디에 명시돼 있어?",
        "Which article says results count when renewing a contract?",
    ],
)
def test_rule_questions_reach_the_cutoff_rule(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "cutoff_rule" and "75" in answer.text


def test_why_the_evaluation_is_done_is_its_purpose(engine: Any) -> None:
    answer = ask(engine, "Why are these evaluation results made public?")
    assert answer.intent == "purpose"


def test_the_cutoff_over_time_has_its_own_intent(engine: Any) -> None:
    assert ask(engine, "재계약 기준 점수가 언제 높아졌어?").intent == "cutoff_history"
    later = ask(engine, "재계약 기준은 몇 점이야?", "그 시절엔 몇 개 중 몇 개가 미달이었어?")
    assert "126" in later.text


# ---- yes/no --------------------------------------------------------------------------------
def test_a_stated_value_is_checked_against_the_cutoff(engine: Any) -> None:
    assert ask(engine, "Is 80 the re-contract cutoff?").text.startswith("No")
    assert ask(engine, "Is 75 the bar for keeping a contract?").text.startswith("Yes")


def test_the_asserted_side_of_a_contrast_decides(engine: Any) -> None:
    answer = ask(engine, "Did an external institute grade round 3, instead of city staff?")
    assert answer.text.startswith("Yes")


def test_a_stated_share_is_compared(engine: Any) -> None:
    assert ask(engine, "2023년 1~3차 미달 비율이 25% 넘었어?").text.startswith("네")
    assert ask(engine, "Was 2023's share below the cutoff under 20%?").text.startswith("No")


def test_a_stated_average_is_checked(engine: Any) -> None:
    assert ask(engine, "2023년 전체 평균이 74.02점 맞지?").text.startswith("네")
    assert ask(engine, "Was the 2023 round 3 average 78.5?").text.startswith("No")


def test_an_unknown_place_is_not_on_the_list(engine: Any) -> None:
    answer = ask(engine, "서울숲관리사무소도 3차에 평가 대상이었어?")
    assert answer.answered and answer.text.startswith("아니")
    unseen = ask(engine, "Was Namsangol Hanok Village among the round 3 services?")
    assert unseen.answered and unseen.text.startswith("No")


def test_the_results_of_an_unknown_place_stay_unknown(engine: Any) -> None:
    answer = ask(engine, "서울숲관리사무소 평가 결과 알려줘")
    assert not answer.answered


def test_a_reading_asked_with_bodo_dwae_is_a_check(engine: Any) -> None:
    answer = ask(engine, "핀테크랩은 3차에서 기준 넘었다고 봐도 되나?")
    assert answer.text.startswith("네")


def test_either_or_is_not_a_yes_no(engine: Any) -> None:
    answer = ask(engine, "2022년에서 2023년으로 평균이 올랐어 내렸어?")
    assert not answer.text.startswith(("네", "아니"))
    assert "3.60" in answer.text


def test_contract_years_are_checked_against_the_limit(engine: Any) -> None:
    assert ask(engine, "한 수탁기관이 12년 동안 계속 운영할 수 있어?").text.startswith("아니")


def test_a_renewal_question_about_a_named_service_is_deduced(engine: Any) -> None:
    answer = ask(engine, "Will the operator of the social venture hub keep its contract renewed?")
    assert answer.answered and answer.text.startswith("Yes") and "75" in answer.text


# ---- a figure by its value -------------------------------------------------------------------
def test_a_value_is_looked_up_among_the_figures(engine: Any) -> None:
    answer = ask(engine, "79.05라는 숫자는 뭐야?")
    assert answer.intent == "figure_lookup" and "2023" in answer.text
    report = ask(engine, "where does 13.1% come from?")
    assert "Daehan" in report.text or "대한경제" in report.text
    assert not ask(engine, "what is 66.66?").answered


# ---- numbers that are not rounds or years ------------------------------------------------------
def test_durations_are_neither_rounds_nor_years(engine: Any) -> None:
    answer = ask(engine, "Which facility has equipment that is around 18 years old?")
    assert answer.intent == "topic_search" and "Mapo" in answer.text
    korean = engine.understander.understand("설비가 18년째 쓰이고 있는 곳")
    assert korean.entities.year is None


# ---- several rounds -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("2차는 빼고 1차랑 3차", (1, 3)),
        ("apart from round 2, rounds 1 and 3 combined", (1, 3)),
        ("1·2차 합산", (1, 2)),
        ("3차 제외", ()),
    ],
)
def test_round_lists(text: str, left: tuple[int, ...]) -> None:
    found = scopes.round_list(text.lower())
    assert found.left == left


def test_rounds_left_out_become_the_asked_span(engine: Any) -> None:
    e = engine.understander.understand("2023년 3차를 제외하면 1차와 2차 평가 사무는 모두 몇 개?")
    assert e.entities.round_span == (1, 2) and e.entities.rounds_excluded == (3,)


# ---- follow-ups ------------------------------------------------------------------------------
def test_a_new_threshold_follows_the_count(engine: Any) -> None:
    answer = ask(engine, "2024년에 75점 안 된 곳 몇 개야?", "그 중 70점도 못 넘은 데는?")
    assert answer.intent == "below_cutoff" and "2024" in answer.text


def test_an_aspect_follows_consignment(engine: Any) -> None:
    answer = ask(engine, "서울시 위탁사무 규모 알려줘", "그럼 예산은?")
    assert answer.intent == "consignment" and "7,155" in answer.text


def test_a_span_follows_a_years_average(engine: Any) -> None:
    answer = ask(engine, "2023년 전체 평균은?", "2015~2022년 평균이랑은 몇 점 차이야?")
    assert "4.56" in answer.text


def test_the_same_evaluator_in_a_reported_year(engine: Any) -> None:
    answer = ask(engine, "3차 평가기관은?", "was 2024 done by the same institute?")
    assert answer.text.startswith("Yes")


def test_area_scores_are_not_published(engine: Any) -> None:
    answer = ask(engine, "3차 공통분야 점수 평균은?")
    assert answer.intent == "not_published" and not answer.answered


# ---- more follow-ups and checks ---------------------------------------------------------------
def test_a_share_said_in_words_is_compared(engine: Any) -> None:
    assert ask(
        engine, "Did over a third of 2023's services fall below the cutoff?"
    ).text.startswith("No")


def test_more_services_evaluated_compares_two_years(engine: Any) -> None:
    answer = ask(engine, "Were more services assessed in 2024 than in 2023?")
    assert answer.intent == "count_evaluated" and "47" in answer.text and "61" in answer.text


def test_the_evaluator_of_an_earlier_round_too(engine: Any) -> None:
    answer = ask(engine, "평가기관 어디야?", "2020년 1차 때도 같은 곳이었어?")
    assert answer.text.startswith("아니")


def test_a_telling_word_and_two_rounds_are_enough(engine: Any) -> None:
    answer = ask(engine, "2023년 1차랑 3차 사이 탈락 상황 비교해줘")
    assert answer.intent == "below_cutoff" and "7" in answer.text


def test_a_bare_comparison_follows_the_previous_intent(engine: Any) -> None:
    answer = ask(engine, "2023년 1차 평가 결과 알려줘", "그럼 3차랑 비교하면?")
    assert answer.intent == "round_summary" and "79.05" in answer.text


def test_a_pro_verb_counts_what_the_rule_described(engine: Any) -> None:
    answer = ask(engine, "점수가 75점이 안 되면 어떻게 돼?", "그럼 2023년엔 몇 곳이 그랬어?")
    assert answer.intent == "below_cutoff" and "13" in answer.text


def test_a_figure_just_stated_is_what_a_gap_measures(engine: Any) -> None:
    answer = ask(engine, "2023년 전체 평균 알려줘", "그건 75점까지 몇 점 모자라?")
    assert "0.98" in answer.text


def test_names_after_a_count_below_the_cutoff_are_not_published(engine: Any) -> None:
    answer = ask(engine, "2023년에 75점 안 된 사무 몇 개였어?", "그럼 그 사무들 이름 알려줘")
    assert answer.intent == "not_published" and not answer.answered


def test_how_many_passed_after_a_reported_round(engine: Any) -> None:
    answer = ask(engine, "How many services were evaluated in round 1 of 2023?", "how many passed?")
    assert "5" in answer.text and answer.answered


def test_what_is_done_with_the_results_is_the_purpose(engine: Any) -> None:
    assert ask(engine, "What is done with the results of the evaluation?").intent == "purpose"


def test_a_budget_per_consigned_service_is_consignment(engine: Any) -> None:
    assert ask(engine, "위탁사무 한 개당 예산은 평균 얼마야?").intent == "consignment"


def test_a_past_value_is_checked_the_history_answers_the_rest(engine: Any) -> None:
    assert ask(engine, "옛날에도 재계약 기준이 75점이었나?").text.startswith("아니")
    assert ask(engine, "Has the passing bar changed since earlier years?").intent == (
        "cutoff_history"
    )


def test_a_scope_measured_against_another_is_its_average(engine: Any) -> None:
    answer = ask(engine, "2022년 평균은?", "2023년 3차와 비교하면 몇 점 차이 나?")
    assert answer.intent == "average" and "1.43" in answer.text


def test_a_question_with_its_own_score_keeps_it(engine: Any) -> None:
    answer = ask(engine, "2022년 전체 평균은?", "2023년 3차 평균은 75점보다 몇 점 높아?")
    assert "4.05" in answer.text


def test_the_rest_of_the_rounds_is_no_complement(engine: Any) -> None:
    answer = ask(engine, "3차 말고 나머지 차수에서 평가한 사무는 모두 몇 개?")
    assert answer.operation != "complement" and "41" in answer.text


def test_a_band_checks_an_average(engine: Any) -> None:
    assert ask(engine, "2023년 전체 평균이 80점대였어?").text.startswith("아니")


def test_an_alternative_in_english_is_not_a_yes_no(engine: Any) -> None:
    answer = ask(engine, "Did the yearly average rise or fall from 2022 to 2023?")
    assert not answer.text.startswith(("Yes", "No"))


def test_the_rounds_held_are_listed(engine: Any) -> None:
    answer = ask(engine, "What rounds are in your data?")
    assert answer.intent == "round_summary" and "2023" in answer.text


def test_who_topped_a_round_is_the_highest(engine: Any) -> None:
    assert ask(engine, "Who came top in round 3?").intent == "highest"


@pytest.fixture(scope="module")
def many8(kb_path: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The seed plus the many8 synthetic disclosures (published scores, four rounds)."""
    from tests.test_blind_sets import DISCLOSURES, _engine_with

    return _engine_with(kb_path, DISCLOSURES / "many8", tmp_path_factory.mktemp("many8"))


def test_a_failing_score_names_the_rule(many8: Any) -> None:
    answer = ask(many8, "서울시 중부기술교육원은 재계약 가능해?")
    assert answer.text.startswith("아니") and "배제" in answer.text


def test_ever_checks_every_evaluation(many8: Any) -> None:
    answer = ask(many8, "Did the Seoul Fintech Lab ever score below 75?")
    assert answer.text.startswith("No") and "84.30" in answer.text


def test_a_whole_number_with_mean_is_looked_up(engine: Any) -> None:
    assert ask(engine, "what does 421 mean here?").intent == "figure_lookup"


def test_reviewed_counts_evaluated_services(engine: Any) -> None:
    assert ask(engine, "How many services did Seoul look at in 2023?").intent == "count_evaluated"


def test_what_follows_exclusion_is_the_rule(engine: Any) -> None:
    assert ask(engine, "탈락한 기관은 그 후에 어떻게 돼?").intent == "cutoff_rule"


def test_the_other_rounds_leave_the_named_ones_out(engine: Any) -> None:
    answer = ask(engine, "1차는 12개, 3차는 6개였으면 2023년 나머지 회차에서 평가한 건 몇 개?")
    assert "29" in answer.text


def test_which_of_two_with_no_scores_says_none_were_published(engine: Any) -> None:
    answer = ask(engine, "Who runs the Mapo facility?", "which of those two got the better score?")
    assert not answer.answered
