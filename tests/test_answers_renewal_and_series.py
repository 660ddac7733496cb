"""Answers (round 7): a renewal asked as done is not "not excluded"; a score asked published is
not the round's page; a stated figure's scope; reported counts turned into shares; a movement
between two years through the years between; Seoul's consigned services as a series; two rounds
judged better or worse; two counts of an unloaded round deduced together; a reason asked.

Phrasings are new (in no question set).  Engine-level tests check the whole path; handler-level
ones (``handle``) check the operation whatever route a wording takes to it."""

from __future__ import annotations

from collections.abc import Callable

from bot.engine import Engine
from tests.helpers import ask, clean, handle


# ---- TRUTH: passed is not renewed, a round's page is not a service's score -------------------
def test_a_renewal_asked_as_done_is_not_answered_yes_for_a_service_that_passed(
    engine: Engine,
) -> None:
    for question in (
        "성평등활동지원센터는 결국 재계약이 성사됐나요?",
        "So was the fintech lab's contract renewed after all?",
        "Did Seoul renew the contract for the social venture hub?",
    ):
        answer = engine.answer(question)
        assert not answer.answered, answer.text
        assert not answer.text.startswith(("네", "Yes")), answer.text
        assert "75" in answer.text
        assert "공개되지" in answer.text or "not published" in answer.text


def test_a_renewal_asked_as_possible_keeps_its_verdict(engine: Engine) -> None:
    answer = engine.answer("Could the Mapo incinerator's operator be re-contracted?")
    assert answer.answered and answer.text.startswith("Yes"), answer.text


def test_renewals_of_a_round_are_not_a_count_of_its_services(engine: Engine) -> None:
    for question in (
        "2023년 3차에서 재계약된 사무는 몇 곳이에요?",
        "Were all of round 3's services renewed?",
    ):
        answer = engine.answer(question)
        assert not answer.answered, answer.text
        assert "6 − 0 = 6" in answer.text, answer.text


def test_a_score_asked_published_is_not_the_rounds_page(engine: Engine) -> None:
    answer = ask(engine, "서남권직장맘지원센터 75점 넘었어?", "그 점수 공개된 거야?")
    assert answer.text.startswith("아니요"), answer.text
    assert "79.05" in answer.text
    en = engine.answer("Was the Mapo facility's own score made public?")
    assert en.text.startswith("No"), en.text


# ---- a stated figure's scope ------------------------------------------------------------------
def test_a_stated_share_is_placed_in_its_own_scope(engine: Engine) -> None:
    answer = engine.answer("Does the 27.7% number refer to the third round?")
    assert answer.text.startswith("No"), answer.text
    assert "13 / 47" in answer.text and "0 / 6" in answer.text
    yes = engine.answer("13.1%는 2024년 얘기야?")
    assert yes.text.startswith("네"), yes.text
    assert "대한경제" in yes.text
    clean(engine, answer.text)


def test_a_stated_average_is_placed_in_its_own_scope(engine: Engine) -> None:
    answer = engine.answer("79.05점은 2023년 전체 평균이야?")
    assert answer.text.startswith("아니요"), answer.text
    assert "74.02" in answer.text


# ---- shares of reported counts -----------------------------------------------------------------
def test_a_complement_asked_of_a_report_is_computed(engine: Engine) -> None:
    answer = engine.answer("Going by press reports, what fraction of 2023 round 1 cleared 75?")
    assert "12 − 7 = 5" in answer.text and "41.7%" in answer.text, answer.text
    assert "Newspim" in answer.text
    clean(engine, answer.text)


def test_a_reported_band_as_a_share_of_the_years_services(engine: Engine) -> None:
    reply = handle(
        engine,
        "below_cutoff",
        "ko",
        question="2024년 65~70점 구간 비율?",
        year=2024,
        band=(65.0, 70.0),
        metrics=frozenset({"share"}),
    )
    assert "1 / 61 = 1.64%" in reply.text, reply.text


# ---- a movement between two years, the years between included -----------------------------------
def test_a_movement_between_two_years_goes_through_the_year_between(engine: Engine) -> None:
    answer = engine.answer("How has the failing share changed from 2022 through 2024?")
    order = next(line for line in answer.text.splitlines() if "In time order" in line)
    assert order.index("23%") < order.index("27.7%") < order.index("13.1%"), answer.text
    text = answer.text
    assert "27.7 − 23 = 4.7" in text and "27.7 − 13.1 = 14.6" in text
    assert "Newspim" in text and "Daehan" in text
    reply = handle(
        engine,
        "share_gap",
        question="how did it move between 2022 and 2024?",
        year=2024,
        compare="year",
        compare_year=2022,
        how="trend",
        metrics=frozenset({"share"}),
        what="below_cutoff",
    )
    assert "27.7%" in reply.text, reply.text


# ---- Seoul's consigned services as a series ------------------------------------------------------
def test_consigned_services_since_a_year_are_a_series_with_each_change(engine: Engine) -> None:
    reply = handle(
        engine,
        "consignment",
        question="Has Seoul handed out fewer services since 2021?",
        year=2021,
        aspects=frozenset({"size"}),
        metrics=frozenset({"count"}),
    )
    text = reply.text
    assert "421 − 420 = 1" in text and "421 − 377 = 44" in text, text
    assert "420 − 377 = 43" in text
    clean(engine, text)


def test_more_before_is_a_fall_since(engine: Engine) -> None:
    reply = handle(
        engine,
        "consignment",
        question="Were there more consigned services earlier?",
        how="yes_no",
        what="consignment",
    )
    assert reply.text.startswith("Yes"), reply.text
    assert "420" in reply.text and "421" in reply.text


# ---- two rounds judged ---------------------------------------------------------------------------
def test_two_rounds_judged_better_on_the_share_they_both_publish(engine: Engine) -> None:
    answer = engine.answer("Was 2023's third round an improvement over its first?")
    reply = handle(
        engine,
        "yes_no",
        question="Did round 3 go better than round 1 in 2023?",
        year=2023,
        round_no=3,
        compare="round",
        compare_year=2023,
        compare_round=1,
        how="yes_no",
        what="fallback",
    )
    assert reply.text.startswith("Yes"), reply.text
    assert "7 / 12" in reply.text and "0 / 6" in reply.text
    assert "79.05" in reply.text and "not published" in reply.text
    assert answer.text  # the engine's route may differ; the operation is checked above


# ---- two deduced counts --------------------------------------------------------------------------
def test_both_counts_of_an_unloaded_round_are_deduced_and_the_mix_is_said(engine: Engine) -> None:
    answer = engine.answer("23년 2차 평가 대상 수하고 미달 수 둘 다 계산돼?")
    text = answer.text
    assert "47 − 12 − 6 = 29" in text and "13 − 7 − 0 = 6" in text, text
    assert "공식" in text and "뉴스핌" in text
    clean(engine, text)
    reply = handle(
        engine,
        "deduced",
        question="How many did round 2 evaluate, and how many of them failed?",
        year=2023,
        round_no=2,
        metrics=frozenset({"count"}),
        what="below_cutoff",
    )
    assert "29" in reply.text and "13 − 7 − 0 = 6" in reply.text, reply.text


# ---- a reason asked ------------------------------------------------------------------------------
def test_a_reason_for_more_failures_is_not_published(engine: Engine) -> None:
    answer = engine.answer("2023년엔 왜 미달이 늘어난 거예요?")
    assert not answer.answered, answer.text
    assert "23%" in answer.text and "27.7%" in answer.text
    assert "2022년 7월" in answer.text


def test_a_missing_years_average_says_not_published(engine: Engine) -> None:
    answer = engine.answer("What was the 2021 average?")
    assert not answer.answered
    assert "not published" in answer.text, answer.text


# ---- published: a service's results, a round not loaded; every service passing ------------------
def test_a_services_results_published_is_yes_but_its_score_is_not(engine: Engine) -> None:
    answer = engine.answer("서남권직장맘지원센터 평가 결과도 공표됐나요?")
    assert answer.text.startswith("네"), answer.text
    assert "개별 점수는 공개되지 않았습니다" in answer.text


def test_a_round_not_loaded_is_not_said_published_from_a_report(engine: Engine) -> None:
    answer = engine.answer("Have the 2024 evaluation results been released?")
    assert not answer.answered, answer.text
    assert "cannot be known" in answer.text and "report" in answer.text


def test_every_service_passing_is_checked_whatever_list_it_reaches(engine: Engine) -> None:
    reply = handle(
        engine,
        "yes_no",
        question="Did all of round 3's services make the grade and pass?",
        round_no=3,
        how="yes_no",
        what="rank",
    )
    assert reply.text.startswith("Yes"), reply.text
    assert "0 of the 6" in reply.text


def test_a_reason_for_an_average_is_not_published_but_the_figures_follow(engine: Engine) -> None:
    answer = engine.answer("How come the 2023 average fell?")
    assert not answer.answered
    assert "do not say why" in answer.text and "74.02" in answer.text


def test_a_band_as_a_share_of_those_below_the_cutoff(engine: Engine) -> None:
    answer = engine.answer("Of 2024's failing services, what percent were under 65?")
    assert "2 / 8 = 25.0%" in answer.text, answer.text
    ko = engine.answer("2024년 미만 사무 중에 70~75점 구간은 몇 퍼센트야?")
    assert "5 / 8 = 62.5%" in ko.text, ko.text


def test_two_shares_stated_as_a_move_are_checked_year_by_year(engine: Engine) -> None:
    yes = engine.answer("Did the failing share fall from 27.7% to 13.1% in 2024?")
    assert yes.text.startswith("Yes"), yes.text
    assert "8 / 61 = 13.1%" in yes.text and "Daehan" in yes.text
    no = engine.answer("2023년에 미달 비율이 20%에서 27.7%로 늘었어?")
    assert no.text.startswith("아니요"), no.text
    assert "23%" in no.text


def test_a_reason_for_fewer_failures_labels_the_reported_year(engine: Engine) -> None:
    answer = engine.answer("Why were fewer services below the cutoff in 2024?")
    assert not answer.answered
    assert "8 / 61 = 13.1%" in answer.text and "Daehan" in answer.text, answer.text


def test_a_renewal_asked_of_a_scored_service_keeps_its_score_and_says_not_published(
    blind_engine: Callable[[str], Engine],
) -> None:
    engine = blind_engine("many13")
    passed = engine.answer("서울창업허브는 2024년 2차 평가 뒤에 결국 재계약했어?")
    assert not passed.answered, passed.text
    assert "공개되지" in passed.text and "84.6" in passed.text
    failed = engine.answer("Did the 2024 round 2 services below 75 get renewed?")
    assert not failed.text.startswith("Yes"), failed.text
