"""Answers (round 8): a count asked of those that passed is the complement; counts over an
earlier era and several years in one answer; a wrong count corrected with the scope it belongs
to; a renewal asked of a service that passed says the re-contract review decides; renewals
asked as endless meet the limits with one contractor; "the year before" named in words; a
stated count claimed whole for two rounds; a count that reached the yes/no handler.

Phrasings are new (in no question set).  Handler-level tests (``handle``) check the operation
whatever route a wording takes to it; engine-level ones check the whole path."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from tests.helpers import ask, clean, handle


# ---- the complement asked in words --------------------------------------------------------
@pytest.mark.parametrize(
    ("intent", "lang", "question", "year", "expected"),
    [
        (
            "yes_no",
            "en",
            "In 2023, how many services survived, i.e. were not excluded?",
            2023,
            "47 − 13 = 34",
        ),
        ("count_evaluated", "en", "How many services got through in 2024?", 2024, "61 − 8 = 53"),
        ("below_cutoff", "ko", "2023년에 배제되지 않은 사무는 몇 곳이에요?", 2023, "47 − 13 = 34"),
        ("count_evaluated", "ko", "2024년엔 기준 넘긴 곳이 몇 개나 돼?", 2024, "61 − 8 = 53"),
    ],
)
def test_a_count_of_those_that_passed_is_the_complement(
    engine: Engine, intent: str, lang: str, question: str, year: int, expected: str
) -> None:
    what = "below_cutoff" if intent == "yes_no" else None
    how = "yes_no" if intent == "yes_no" else None
    reply = handle(
        engine,
        intent,
        lang,
        question=question,
        year=year,
        metrics=frozenset({"count"}),
        how=how,
        what=what,
    )
    assert expected in reply.text, reply.text
    clean(engine, reply.text)
    if year == 2024:  # the year's counts are a report's, and said so
        assert "대한경제" in reply.text


def test_a_question_of_both_sides_keeps_its_count(engine: Engine) -> None:
    reply = handle(
        engine,
        "below_cutoff",
        question="In 2023 how many failed and how many passed?",
        year=2023,
        metrics=frozenset({"count"}),
    )
    assert "47 − 13 = 34" not in reply.text, reply.text
    assert "13" in reply.text and "47" in reply.text, reply.text


def test_the_complement_through_the_engine(engine: Engine) -> None:
    answer = engine.answer("How many services in 2024 did not fail?")
    assert "53" in answer.text, answer.text
    assert "61 − 8 = 53" in answer.text


# ---- several scopes in one answer ------------------------------------------------------------
def test_an_earlier_era_and_two_years_counted_in_one_answer(engine: Engine) -> None:
    reply = handle(
        engine,
        "below_cutoff",
        question="Under the old cutoff, in 2023 and in 2024, how many fell short?",
        year=2024,
        compare="year",
        compare_year=2023,
        metrics=frozenset({"count"}),
    )
    text = reply.text
    for part in ("5 of 126", "13 of 47", "8 of 61", "13 / 47 = 27.7%", "8 / 61 = 13.1%"):
        assert part in text, text
    # time order, and both reports labelled
    assert text.index("5 of 126") < text.index("13 of 47") < text.index("8 of 61")
    assert "not an official disclosure" in text
    clean(engine, text)


def test_two_years_alone_stay_a_comparison(engine: Engine) -> None:
    reply = handle(
        engine,
        "below_cutoff",
        question="How many failed in 2023 compared with 2024?",
        year=2024,
        compare="year",
        compare_year=2023,
        metrics=frozenset({"count"}),
    )
    assert "13 − 8 = 5" in reply.text, reply.text


# ---- a wrong count corrected with its scope -------------------------------------------------
def test_a_wrong_count_names_the_scope_it_belongs_to(engine: Engine) -> None:
    reply = handle(
        engine,
        "yes_no",
        question="Round 3 in 2023 covered 47 services, didn't it?",
        year=2023,
        round_no=3,
        count=47,
        how="yes_no",
        what="services_list",
    )
    assert reply.text.startswith("No"), reply.text
    assert "6" in reply.text and "47 is the number of services evaluated in rounds 1–3 of 2023" in (
        reply.text
    )
    reply = handle(
        engine,
        "yes_no",
        "ko",
        question="2023년 3차에 61개를 평가한 거죠?",
        year=2023,
        round_no=3,
        count=61,
        how="yes_no",
        what="count_evaluated",
    )
    assert reply.text.startswith("아니요"), reply.text
    assert "61개는 2024년 전체에 평가한 사무 수" in reply.text and "대한경제" in reply.text


def test_a_right_count_adds_no_other_scope(engine: Engine) -> None:
    reply = handle(
        engine,
        "yes_no",
        question="Round 3 in 2023 covered 6 services, right?",
        year=2023,
        round_no=3,
        count=6,
        how="yes_no",
        what="services_list",
    )
    assert reply.text.startswith("Yes") and "47" not in reply.text, reply.text


# ---- renewal: clearing the cutoff is not the renewal ---------------------------------------
def test_a_renewal_ahead_for_a_service_that_passed_names_the_review(engine: Engine) -> None:
    for question, review in (
        ("성평등활동지원센터는 재계약 가능하겠죠?", "재계약 적정성 심의"),
        (
            "The Southwest working moms center will keep its contract, won't it?",
            "re-contract review",
        ),
    ):
        answer = engine.answer(question)
        assert "75" in answer.text, answer.text
        assert review in answer.text, answer.text
        assert "확정" not in answer.text


def test_passing_alone_does_not_name_the_review(engine: Engine) -> None:
    answer = engine.answer("Did the fintech lab clear the 75-point line?")
    assert "re-contract review" not in answer.text, answer.text
    assert answer.text.startswith("Yes") and "75" in answer.text, answer.text


def test_endless_renewals_meet_the_limits_with_one_contractor(engine: Engine) -> None:
    for lang, question, start in (
        ("en", "As long as it passes each time, can an operator be renewed forever?", "No"),
        ("ko", "기준만 넘기면 몇 번이고 재계약 가능한가요?", "아니요"),
    ):
        reply = handle(engine, "yes_no", lang, question=question, how="yes_no", what="cutoff_rule")
        assert reply.text.startswith(start), reply.text
        assert "10" in reply.text and ("Newspim" in reply.text or "뉴스핌" in reply.text)


# ---- the year before in words; the scoring areas asked as "reflected" ------------------------
def test_the_year_before_named_in_words_is_the_reference(engine: Engine) -> None:
    reply = handle(
        engine,
        "yes_no",
        "ko",
        question="2023년 전체 평균, 직전 해에 비해 올랐어요?",
        year=2023,
        metrics=frozenset({"average"}),
        compare="whole_year",
        reference="whole_year",
        how="yes_no",
        what="average",
    )
    assert reply.text.startswith("아니요"), reply.text
    assert "77.62 − 74.02 = 3.60" in reply.text


def test_an_area_asked_reflected_is_the_scoring_scheme(engine: Engine) -> None:
    reply = handle(
        engine,
        "yes_no",
        "ko",
        question="이용자 만족도 조사 결과도 평가에 반영돼요?",
        how="yes_no",
        what="purpose",
    )
    assert reply.text.startswith("네") and "만족도" in reply.text, reply.text


# ---- two rounds claimed as one count; a count in a yes/no follow-up --------------------------
def test_a_count_claimed_whole_for_two_rounds_is_checked_together(engine: Engine) -> None:
    reply = handle(
        engine,
        "deduced",
        "ko",
        question="미달 13곳은 죄다 1차, 2차 거였죠?",
        year=2023,
        round_no=2,
        compare="round",
        compare_round=1,
        count=13,
        how="yes_no",
        what="below_cutoff",
        rounds_named=(1, 2),
    )
    assert reply.text.startswith("네"), reply.text
    assert "13 − 0 = 13" in reply.text


def test_a_count_in_a_yes_no_follow_up_is_counted_not_confirmed(engine: Engine) -> None:
    answer = ask(
        engine,
        "2023년 미달 사무는 몇 개였어요?",
        "그 13개 모두 1차와 2차 거죠?",
        "2차만 따로 구하면 몇 개?",
    )
    assert not answer.text.startswith("네"), answer.text
    assert "13 − 7 − 0 = 6" in answer.text, answer.text


@pytest.mark.parametrize(
    ("lang", "question", "year", "count", "start", "what"),
    [
        (
            "en",
            "Is it true that 34 services weren't excluded in 2023?",
            2023,
            34,
            "Yes",
            "below_cutoff",
        ),
        ("en", "Did 50 services make the pass mark in 2024?", 2024, 50, "No", "below_cutoff"),
        ("ko", "2024년 통과한 사무가 53곳 맞죠?", 2024, 53, "네", "fallback"),
    ],
)
def test_a_stated_count_of_those_that_passed_is_checked_against_the_complement(
    engine: Engine, lang: str, question: str, year: int, count: int, start: str, what: str
) -> None:
    reply = handle(
        engine, "yes_no", lang, question=question, year=year, count=count, how="yes_no", what=what
    )
    assert reply.text.startswith(start), reply.text
    assert "47 − 13 = 34" in reply.text or "61 − 8 = 53" in reply.text, reply.text
    clean(engine, reply.text)


def test_the_pass_mark_asked_in_points_is_no_count_of_those_that_passed(engine: Engine) -> None:
    reply = handle(
        engine, "count_evaluated", question="How many points is the pass mark in 2024?", year=2024
    )
    assert "61 − 8 = 53" not in reply.text, reply.text
    assert "61" in reply.text, reply.text


def test_a_wrong_average_names_the_scope_it_belongs_to(engine: Engine) -> None:
    reply = handle(
        engine,
        "yes_no",
        "ko",
        question="2023년 3차 평균 점수가 74.02였던 거 맞아요?",
        year=2023,
        round_no=3,
        metrics=frozenset({"average"}),
        score=74.02,
        how="yes_no",
        what="average",
    )
    assert reply.text.startswith("아니요"), reply.text
    assert "2023년 전체 평균 74.02점" in reply.text and "79.05" in reply.text


def test_a_count_stated_for_a_year_with_no_page_is_checked_against_its_report(
    engine: Engine,
) -> None:
    reply = handle(
        engine,
        "yes_no",
        question="2024 saw 47 services evaluated, yes?",
        year=2024,
        count=47,
        how="yes_no",
        what="count_evaluated",
    )
    assert reply.text.startswith("No"), reply.text
    assert "61" in reply.text and "Daehan" in reply.text
    assert "47 is the number of services evaluated in rounds 1–3 of 2023" in reply.text


@pytest.mark.parametrize(
    ("lang", "question", "year"),
    [
        ("en", "How many services did not manage to pass in 2024?", 2024),
        ("ko", "2024년에 통과하지 못한 데가 몇 군데야?", 2024),
    ],
)
def test_a_negated_pass_counts_those_below_not_the_complement(
    engine: Engine, lang: str, question: str, year: int
) -> None:
    reply = handle(
        engine, "count_evaluated", lang, question=question, year=year, metrics=frozenset({"count"})
    )
    assert "61 − 8 = 53" not in reply.text, reply.text
    assert "8" in reply.text and ("13.1%" in reply.text), reply.text


def test_a_korean_past_form_of_clearing_the_cutoff_is_the_complement(engine: Engine) -> None:
    reply = handle(
        engine,
        "count_evaluated",
        "ko",
        question="2023년에 75점 넘겼던 곳 몇 개였죠?",
        year=2023,
        metrics=frozenset({"count"}),
    )
    assert "47 − 13 = 34" in reply.text, reply.text


def test_words_that_named_a_service_by_its_kind_are_no_claim(engine: Engine) -> None:
    reply = handle(
        engine,
        "yes_no",
        "ko",
        question="느린 학습자 센터는 새로 위탁된 곳이에요?",
        services=(6,),
        how="yes_no",
        what="fallback",
    )
    assert reply.text.startswith("네") and "신규" in reply.text, reply.text
