"""Answers (round 11, calculations): a yes/no asked of a change in the share below the
cutoff answers Yes/No first (the verb that names the counted services is no direction);
two rounds compared when one side is only reported; the services that did NOT fall below
the cutoff by name; an average of rounds no page prints, computed from published averages
weighted by published counts; the number of consigned services over the years.

Phrasings are new (in no question set)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.answers.tally import directions
from bot.engine import Engine
from tests.helpers import ask, clean, engine_with_pages, handle

FIXTURES = Path(__file__).parent / "fixtures"
SIX_KO = ("핀테크", "소셜벤처", "직장맘", "마포", "성평등", "경계선")
SIX_EN = ("Fintech", "Social Venture", "Working Moms", "Mapo", "Gender Equality", "Borderline")


@pytest.fixture(scope="module")
def three_rounds(kb_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """2023 with rounds 1 and 2 loaded beside round 3 (synthetic pages)."""
    pages = tmp_path_factory.mktemp("pages-2023")
    for name in ("2023-round1-numbered-plain-bullets.txt", "2023-round2-wrong-difference.txt"):
        shutil.copy(FIXTURES / name, pages / name)
    return engine_with_pages(kb_path, pages, tmp_path_factory.mktemp("three-rounds"))


# ---- 1. a yes/no on a change of the share below the cutoff ----------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "did the share of services slipping under the cutoff climb",
        "was the proportion of services dropping below 75 going up",
        "2024년에 75점 밑으로 떨어진 사무 비율이 올라갔어",
        "기준 미만으로 내려간 사무 비율이 높아졌나요",
    ],
)
def test_the_verb_naming_the_counted_services_is_no_direction(question: str) -> None:
    assert directions(question.lower()) == (True, False)


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("Has the share of services slipping under the cutoff climbed from 2023 to 2024?", "No."),
        ("2023년에서 2024년 사이에 75점 밑으로 떨어진 사무 비율이 올라갔어?", "아니요."),
        ("Did the share of services dropping below 75 shrink from 2023 to 2024?", "Yes."),
        # a share below the cutoff is better when it falls
        ("Did the failure rate get any better between 2023 and 2024?", "Yes."),
        ("2023년보다 2024년에 미달 비율이 나빠졌어?", "아니요."),
    ],
)
def test_a_share_change_checked_answers_yes_or_no_first(
    engine: Engine, question: str, verdict: str
) -> None:
    answer = engine.answer(question)
    assert answer.answered
    assert answer.text.startswith(verdict), answer.text
    assert "27.7" in answer.text and "13.1" in answer.text
    clean(engine, answer.text)


def test_a_claim_of_a_steady_fall_is_checked_at_every_step(engine: Engine) -> None:
    # 23% → 27.7% → 13.1%: it fell overall, but not at every step
    answer = engine.answer("2022년부터 2024년까지 75점 아래로 떨어진 사무 비율이 계속 줄었나요?")
    assert answer.text.startswith("아니요."), answer.text
    assert "27.7" in answer.text and "23" in answer.text


def test_a_rank_among_years_is_not_a_change(engine: Engine) -> None:
    answer = engine.answer("평균 점수로 보면 22~24년 중 23년이 가장 낮았던 해야?")
    assert "가장 낮은 해: 2023년 전체(74.02점)" in answer.text, answer.text
    assert not answer.text.startswith("아니요. 상승")  # no verdict on the latest change


# ---- 2. two rounds compared, one side reported ---------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "In 2023, how did the first round stack up against the third on services under 75?",
        "Compare the third round of 2023 with the first on how many scored under the cutoff",
    ],
)
def test_a_bare_ordinal_after_a_comparison_is_the_other_round(
    engine: Engine, question: str
) -> None:
    answer = engine.answer(question)
    assert answer.answered
    assert "not in the knowledge base" not in answer.text
    first = answer.text.splitlines()[0]
    assert "2023 round 1: 7 services below the cutoff" in first
    assert "2023 round 3: no service below the cutoff" in first
    assert "Newspim" in answer.text  # the reported side is labelled
    clean(engine, answer.text)


def test_none_below_reads_as_none_in_korean(engine: Engine) -> None:
    answer = engine.answer("2023년 1차와 3차의 75점 미만 사무 수를 나란히 비교해 줘")
    assert "기준 미만 사무 없음" in answer.text
    assert "뉴스핌" in answer.text


# ---- 3. the services that did not fall below the cutoff, by name ---------------------------
def test_a_published_count_of_zero_names_every_service_as_passed(engine: Engine) -> None:
    answer = engine.answer("3차에서 재계약 배제 기준을 넘긴 사무 이름 알려줘")
    assert answer.answered
    assert all(name in answer.text for name in SIX_KO), answer.text
    assert "6개 모두" in answer.text  # the reason: the published count of 0


def test_the_passed_services_by_name_in_english(engine: Engine) -> None:
    answer = engine.answer("Which services were not excluded from re-contracting in round 3?")
    assert all(name in answer.text for name in SIX_EN), answer.text
    assert "so all 6 passed" in answer.text


def test_published_scores_name_those_at_the_cutoff_or_above(many15: Engine) -> None:
    answer = many15.answer("2026년 2차에서 75점 밑으로 떨어지지 않은 곳은 어디야?")
    lines = answer.text.splitlines()
    listed = [line for line in lines if line.startswith("- ")]
    assert len(listed) == 4, answer.text
    assert not any("Mapo" in line or "Upcycling" in line for line in listed)
    assert "84.25" in answer.text  # with their scores


def test_a_count_alone_cannot_name_the_passed_services(many15: Engine) -> None:
    answer = many15.answer("2025년 1차 평가에서 통과한 사무 이름은?")
    assert not answer.answered
    assert "공개되지 않았습니다" in answer.text


def test_a_share_of_those_that_passed_lists_no_names(engine: Engine) -> None:
    answer = engine.answer("what share of round 3's services passed?")
    assert "6 of 6 services (100.0%)" in answer.text, answer.text
    assert not any(line.startswith("- ") for line in answer.text.splitlines())


# ---- 4. an average of rounds no page prints ------------------------------------------------
@pytest.mark.parametrize(
    ("question", "assumption"),
    [
        ("2023년 1차랑 2차를 합친 평균 점수는 얼마쯤이야?", "가정"),
        ("What would rounds 1 and 2 of 2023 average together?", "assuming"),
        ("What did the remaining 41 services of 2023 average?", "assuming"),
    ],
)
def test_an_unprinted_average_of_rounds_is_backed_out(
    engine: Engine, question: str, assumption: str
) -> None:
    answer = engine.answer(question)
    assert answer.answered and answer.intent == "average"
    assert "73.28" in answer.text
    assert "(74.02 × 47 − 79.05 × 6) / (47 − 6) = 73.28" in answer.text
    assert assumption in answer.text
    clean(engine, answer.text)


def test_a_stated_rest_that_does_not_add_up_is_not_backed_out(engine: Engine) -> None:
    answer = engine.answer("What did the remaining 30 services of 2023 average?")
    assert "74.02" in answer.text, answer.text  # the year's own average, as published
    assert "73.28" not in answer.text


def test_the_asked_rounds_own_averages_are_weighted_by_their_services(
    three_rounds: Engine,
) -> None:
    answer = three_rounds.answer("What would rounds 2 and 3 of 2023 average together?")
    assert "(70.00 × 2 + 79.05 × 6) / (2 + 6) = 76.79" in answer.text
    clean(three_rounds, answer.text)


def test_one_round_asked_plainly_is_not_published(many15: Engine) -> None:
    answer = many15.answer("2024년 1차 평균 점수 알려줄래?")
    assert not answer.answered
    assert "78.58" not in answer.text
    assert "2024년 제1차 자료는 없습니다" in answer.text, answer.text


def test_an_estimate_asked_names_the_reported_terms(many15: Engine) -> None:
    answer = many15.answer("Work out the 2024 round 1 average from the year's figures")
    assert "(78.52 × 61 − 78.14 × 8) / (61 − 8) = 78.58" in answer.text
    assert "combine official figures and reported ones" in answer.text
    assert "Daehan Economy" in answer.text


# ---- 5. the number of consigned services over time -----------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "Seoul's number of consigned services — how has it moved over recent years?",
        "최근 몇 년 동안 서울시 민간위탁 사무 개수가 어떻게 바뀌어 왔어?",
    ],
)
def test_the_count_of_consigned_services_over_the_years(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.intent == "consignment"
    assert all(n in answer.text for n in ("420", "421", "377", "44"))
    assert "10년" not in answer.text and "10 years" not in answer.text  # not the contract rules


def test_the_year_before_the_newest_count(engine: Engine) -> None:
    answer = handle(
        engine,
        "consignment",
        "ko",
        question="전년엔?",
        compare="prev_year",
        reference="prev_year",
    )
    assert "2022년 전체: 민간위탁 사무 총 421개" in answer.text
    assert "421 − 377 = 44" in answer.text
    assert "420" not in answer.text  # that year, not every year


def test_a_change_on_the_year_before_with_no_year_named(engine: Engine) -> None:
    answer = handle(
        engine,
        "consignment",
        "en",
        question="how many fewer than the year before?",
        compare="prev_year",
        metrics=frozenset({"count"}),
        aspects=frozenset({"size"}),
    )
    assert "2022: 421 → 2023: 377 consigned services — down by 44" in answer.text.splitlines()[1]


def test_last_year_after_the_consigned_total(engine: Engine) -> None:
    total = "서울시가 민간에 위탁한 사무는 모두 몇 개나 돼?"
    answer = ask(engine, total, "작년엔?", "그럼 몇 개 감소한 거야?")
    assert answer.intent == "consignment"
    assert "44" in answer.text
