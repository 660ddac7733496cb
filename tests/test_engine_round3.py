"""Issue 12, round 3: mechanisms found by the blind sets' failures, tested on paraphrases
(not the blind questions themselves)."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from knowledge.queries import Queries


@pytest.fixture(scope="module")
def engine(queries: Queries) -> Engine:
    return Engine(queries)


def _check(engine: Engine, question: str, *must: str, starts: str | None = None) -> None:
    answer = engine.answer(question)
    assert answer.answered, answer.text
    for part in must:
        assert part in answer.text, (question, answer.text)
    if starts is not None:
        assert answer.text.startswith(starts), answer.text
    assert answer.sources


# ---- the share below the cutoff in two years: percentage points --------------------------
@pytest.mark.parametrize(
    ("question", "must", "starts"),
    [
        ("2023년과 2024년의 75점 미만 비율은 몇 %p 차이 나?", ("14.6%p", "27.7 − 13.1"), None),
        ("How far did the below-cutoff share drop between 2023 and 2024?", ("14.6",), None),
        ("2022년보다 2023년에 75점 미만 비율이 늘었어?", ("4.7",), "네."),
        ("Was the share under 75 in 2024 higher than in 2022?", ("9.9",), "No."),
    ],
)
def test_share_gap(
    engine: Engine, question: str, must: tuple[str, ...], starts: str | None
) -> None:
    _check(engine, question, *must, starts=starts)


# ---- the long run named by its first year; several references at once ------------------
@pytest.mark.parametrize(
    ("question", "must"),
    [
        ("How does 2023 stack up against the long-term average going back to 2015?", ("4.56",)),
        ("2022년 평균은 2015~2022년 평균이랑 비교하면 어때?", ("0.96",)),
        ("2023년 평균은 작년 대비, 장기 평균 대비 각각 몇 점 낮아?", ("3.60", "4.56")),
    ],
)
def test_long_run_and_several_references(
    engine: Engine, question: str, must: tuple[str, ...]
) -> None:
    _check(engine, question, *must)


# ---- a round's count deduced from its year -------------------------------------------------
@pytest.mark.parametrize(
    ("question", "must"),
    [
        ("2023년 제2차에는 사무 몇 개가 평가받았을까?", ("29", "47 − 12 − 6")),
        ("how many services fell under 75 in the second round of 2023?", ("6", "13 − 7 − 0")),
        ("2023년 1~2차 합쳐서 75점 미만 비율은?", ("31.7", "41")),
    ],
)
def test_round_deduction(engine: Engine, question: str, must: tuple[str, ...]) -> None:
    _check(engine, question, *must)


# ---- bands written as phrases ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "must"),
    [
        ("2024년에 70점이 안 된 사무는 몇 곳이야?", ("3",)),
        ("How many 2024 services landed between at least 70 and below 75?", ("5",)),
    ],
)
def test_bands_from_phrases(engine: Engine, question: str, must: tuple[str, ...]) -> None:
    _check(engine, question, *must)


# ---- Seoul's consigned services over time; contract limits ---------------------------------
def test_consigned_services_over_time(engine: Engine) -> None:
    _check(engine, "Is Seoul consigning fewer services than before?", "421 − 377 = 44", "420")
    _check(engine, "서울시 위탁사무 수 추이는?", "377", "421")


def test_contract_limit_rule(engine: Engine) -> None:
    _check(engine, "Can the same contractor keep a service forever?", "10", starts="No.")


# ---- several years' averages at once ----------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "starts"),
    [
        ("Was 2023 the worst year for the average score?", "Yes."),
        ("2024년이 가장 낮은 해였어?", "아니요."),
        ("Line up the 2022, 2023 and 2024 averages for me", None),
    ],
)
def test_year_series(engine: Engine, question: str, starts: str | None) -> None:
    _check(engine, question, "77.62", "74.02", "78.52", starts=starts)


# ---- the rule for a contractor below the cutoff ---------------------------------------------
@pytest.mark.parametrize(
    ("question", "starts", "must"),
    [
        ("Can a service under 75 points keep its contractor?", "No.", "open"),
        ("75점 못 넘으면 수탁기관은 어떻게 돼?", None, "공개모집"),
    ],
)
def test_rule_below_the_cutoff(
    engine: Engine, question: str, starts: str | None, must: str
) -> None:
    _check(engine, question, must, starts=starts)


# ---- a round's share of its year's evaluated services, whatever the words suggest ---------
def test_round_share_of_the_year(engine: Engine) -> None:
    answer = engine.answer("Round 3 covered what proportion of the services evaluated in 2023?")
    assert "12.8" in answer.text and answer.intent == "count_evaluated", answer.text
