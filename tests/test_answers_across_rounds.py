"""Answers: yes/no verdicts whose claim is everyday words, a round's count as a
share of its year's count, a deduction over "the first N rounds", a service followed across its
rounds, the ends of two rounds against each other, a page's stated top score, the newest round
named in words, and each year's count below the cutoff.

Phrasings are new (in no question set).  Engine-level tests check the whole path; handler-level
ones (``handle``) check the operation whatever route a wording takes to it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.engine import Engine
from tests.helpers import ask, clean, handle


@pytest.fixture(scope="module")
def two_rounds(blind_engine: Callable[[str], Engine]) -> Engine:
    """The seed plus 2024 round 1 (Mapo again, with its checklist made routine)."""
    return blind_engine("many")


@pytest.fixture(scope="module")
def partial(blind_engine: Callable[[str], Engine]) -> Engine:
    """The seed plus 2024 round 2 (all scores), 2025 round 1 and 2026 round 3 (3 of 7 scores,
    its top score stated in words)."""
    return blind_engine("many13")


# ---- yes/no: claims in everyday words ---------------------------------------------------------
def test_a_claim_of_losing_the_contract_is_denied_for_a_service_that_passed(
    engine: Engine,
) -> None:
    ko = engine.answer("소셜벤처허브센터가 이번 평가로 재계약에서 밀려났다던데 맞아?")
    assert ko.text.startswith("아니요"), ko.text
    en = engine.answer("Did the fintech lab get thrown out of its contract after round 3?")
    assert en.text.startswith("No"), en.text


def test_membership_asked_with_a_particle_is_answered_yes(engine: Engine) -> None:
    answer = engine.answer("성평등활동지원센터도 이번 차수에 평가를 받은 거죠?")
    assert answer.text.startswith("네"), answer.text
    assert "6개" in answer.text


def test_a_findings_question_with_the_membership_words_stays_a_findings_answer(
    engine: Engine,
) -> None:
    answer = engine.answer("서남권직장맘지원센터는 무슨 점을 개선해야 한다고 평가를 받았나요?")
    assert not answer.text.startswith("네"), answer.text
    assert "만족도" in answer.text


def test_a_state_asked_both_ways_after_a_service_is_the_finding_not_the_contract(
    engine: Engine,
) -> None:
    answer = ask(
        engine,
        "What were the borderline intelligence centre's improvement tasks?",
        "Was its contract new or old?",
    )
    assert "new" in answer.text.lower()
    assert "re-contracting" not in answer.text


# ---- counts: a round within its year, the first N rounds ---------------------------------------
def test_a_rounds_count_as_a_share_of_the_years_stated_count(engine: Engine) -> None:
    answer = engine.answer(
        "Of 2023's 13 services under the cutoff, how many came from round 1, and what share?"
    )
    assert "7 / 13 = 53.8%" in answer.text
    clean(engine, answer.text)


def test_a_loaded_round_share_of_the_year_is_zero_when_none_fell(engine: Engine) -> None:
    reply = handle(
        engine,
        "below_cutoff",
        "ko",
        question="2023년 미달 13개 가운데 3차 몫은 얼마나 돼?",
        year=2023,
        round_no=3,
        count=13,
        metrics=frozenset({"count", "share"}),
    )
    assert "0 / 13" in reply.text


def test_the_first_two_rounds_are_a_span_for_a_stated_count(engine: Engine) -> None:
    from bot.answers.tally import first_rounds

    assert first_rounds("did they all come from the first two rounds?") == (1, 2)
    assert first_rounds("처음 두 차수에서 다 나온 거야?") == (1, 2)
    assert first_rounds("the first round only") is None
    answer = engine.answer("2023년 기준 미달 13곳은 모두 처음 두 차수에서 나왔어?")
    assert answer.text.startswith("네"), answer.text
    assert "13 − 0 = 13" in answer.text


# ---- a service across its rounds ---------------------------------------------------------------
def test_an_earlier_task_acted_on_is_the_later_achievement(two_rounds: Engine) -> None:
    answer = two_rounds.answer("Has Mapo dealt with the inspection checklist task from 2023?")
    assert answer.text.startswith("Yes"), answer.text
    assert "분기별" in answer.text  # the 2024 achievement on the same matter
    assert "2023 round 3" in answer.text and "2024 round 1" in answer.text


def test_tasks_given_in_both_rounds_are_paired(two_rounds: Engine) -> None:
    answer = two_rounds.answer("마포자원회수시설 개선과제 중에 두 번 모두 지적된 건?")
    assert "노후" in answer.text and "종합계획" in answer.text
    assert "주민지원협의체" not in answer.text  # only in 2024: not common


def test_a_task_given_again_is_not_acted_on(two_rounds: Engine) -> None:
    answer = two_rounds.answer("마포 소각로 노후화 과제는 그 다음 평가에서 해결됐어?")
    assert answer.text.startswith("아니요"), answer.text
    assert "다시 개선과제" in answer.text


# ---- ends of rounds, stated tops, the newest round in words -----------------------------------
def test_a_stated_top_score_settles_the_highest_of_a_partly_published_round(
    partial: Engine,
) -> None:
    answer = partial.answer("2026년 3차 최고점 받은 사무는?")
    assert answer.answered
    assert "핀테크" in answer.text and "86.40" in answer.text


def test_the_tops_of_two_rounds_and_their_gap(partial: Engine) -> None:
    answer = partial.answer(
        "What separates the best-scoring services of 2024 round 2 and 2026 round 3?"
    )
    assert "85.9" in answer.text and "86.40" in answer.text
    assert "86.40 − 85.9 = 0.50" in answer.text
    clean(partial, answer.text)


def test_the_newest_round_named_in_words_is_compared_with_a_named_round(
    partial: Engine,
) -> None:
    answer = partial.answer("Is the most recent round's average above or below 2024 round 2's?")
    assert "79.62" in answer.text and "78.44" in answer.text
    assert "79.62 − 78.44 = 1.18" in answer.text


def test_each_years_count_below_the_cutoff_in_turn(partial: Engine) -> None:
    answer = partial.answer("해마다 기준 미달 사무 수 정리해줘")
    for year, n in ((2023, 13), (2024, 8), (2025, 11), (2026, 9)):
        assert f"{year}년: 기준 미만 {n}개" in answer.text, answer.text
    assert "대한경제" in answer.text  # 2024's count is a report's


# ---- many7 / many14: loaded rounds as a whole, a round's own cutoff, amounts over rounds -------
@pytest.fixture(scope="module")
def four(blind_engine: Callable[[str], Engine]) -> Engine:
    """The seed plus 2022 round 1, 2024 round 2 and 2026 round 1 (four rounds loaded)."""
    return blind_engine("many7")


def test_the_loaded_rounds_named_as_a_whole_are_summed(four: Engine) -> None:
    answer = four.answer("How many services do all the loaded rounds cover together?")
    assert "30" in answer.text and "8" in answer.text and "7" in answer.text


def test_a_named_rounds_cutoff_quotes_its_page(four: Engine) -> None:
    answer = four.answer("2022년 제1차 평가에서도 재계약 기준이 75점이었나요?")
    assert answer.text.startswith("네"), answer.text
    assert "관리지침" in answer.text and "죄송합니다" not in answer.text


def test_an_amount_stated_in_two_rounds_side_by_side(four: Engine) -> None:
    mapo = next(s.id for s in four.queries.services() if s.name_ko.startswith("마포"))
    for intent in ("findings", "service_score"):  # whichever a wording is routed to
        reply = handle(
            four,
            intent,
            "ko",
            question="마포 소각로는 2023년 평가 때랑 2026년 평가 때 각각 몇 년 됐다고 나와?",
            services=(mapo,),
            year=2026,
            compare="year",
            compare_year=2023,
        )
        assert "18년" in reply.text and "21년" in reply.text


def test_a_service_among_the_names_below_is_below_though_not_all_were_named(
    partial: Engine,
) -> None:
    answer = partial.answer("1인가구지원센터는 2025년 1차 결과로 재계약이 되나요?")
    assert answer.text.startswith("아니요"), answer.text
    assert "공개모집" in answer.text


@pytest.fixture(scope="module")
def later(blind_engine: Callable[[str], Engine]) -> Engine:
    """The seed plus 2025 round 2 and 2027 rounds 1–2 (2026 only stated by a 2027 page)."""
    return blind_engine("many14")


def test_evaluated_before_a_year_lists_the_earlier_rounds(later: Engine) -> None:
    answer = ask(later, "경계선지능인 센터 2027년 점수?", "2027년 이전에도 평가받은 적 있어?")
    assert answer.text.startswith("네"), answer.text
    assert "2023" in answer.text


def test_a_round_not_loaded_gives_its_years_stated_average(later: Engine) -> None:
    answer = later.answer("Give me the 2026 round 3 results")
    assert not answer.answered
    assert "77.95" in answer.text
