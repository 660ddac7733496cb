"""Answer mechanisms of round 9 (many15 pages: seed 2023 round 3 + 2024 round 2 HTML, 2025
round 1 text with withheld names, 2026 round 2 in English), each checked with phrasings of
its own and hand-computed values.

Loaded rounds: 2023-3 (6 services, average 79.05, none below 75), 2024-2 (8, 78.14, 2 below:
71.85 and 74.20), 2025-1 (7, 76.38, 2 below, names not published), 2026-2 (6, 78.38, 2 below:
73.90 and 71.88).  Over all four: 6 of 27 below, 6 / 27 = 22.2%; without 2023-3: 6 of 21.
"""

from __future__ import annotations

import pytest

from bot.engine import Engine
from tests.helpers import ask


def _starts(text: str, *words: str) -> bool:
    return text.lstrip().lower().startswith(tuple(w.lower() for w in words))


# ---- a later finding that cites the earlier evaluation answers the follow-up -----------------
@pytest.mark.parametrize(
    ("question", "must", "verdict"),
    [
        ("핀테크랩, 2023년에 지적받은 로드맵 문제는 나중에 이행했어?", "roadmap", ("네", "예")),
        ("핀테크랩 2023년 로드맵 과제는 해결됐어?", "로드맵", ("네", "예")),
    ],
)
def test_a_finding_citing_the_earlier_evaluation_decides(
    many15: Engine, question: str, must: str, verdict: tuple[str, ...]
) -> None:
    answer = ask(many15, question)
    assert answer.answered, answer.text
    assert must in answer.text.lower(), answer.text
    assert "2026" in answer.text, answer.text
    assert _starts(answer.text, *verdict), answer.text


def test_a_citing_finding_is_shown_across_languages(many15: Engine) -> None:
    answer = ask(many15, "서남권 직장맘센터는 2023년 개선 요구사항을 그 뒤에 반영했나요?")
    assert "three months" in answer.text or "3개월" in answer.text, answer.text


# ---- totals over the loaded rounds carry their share ---------------------------------------
def test_the_share_over_every_loaded_round(many15: Engine) -> None:
    answer = ask(
        many15, "Taking every loaded round together, what share of services scored under 75?"
    )
    assert "6 / 27 = 22.2%" in answer.text, answer.text


def test_every_round_average_in_order(many15: Engine) -> None:
    answer = ask(many15, "Give me each round you have with its mean score, oldest first.")
    for value in ("79.05", "78.14", "76.38", "78.38"):
        assert value in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("불러온 회차들 평균이 하나도 빠짐없이 75점을 넘었어?", ("네", "예")),
        ("Were the averages of all the loaded rounds above 77?", ("no",)),
    ],
)
def test_every_loaded_round_average_is_checked(
    many15: Engine, question: str, verdict: tuple[str, ...]
) -> None:
    answer = ask(many15, question)
    assert _starts(answer.text, *verdict), answer.text
    assert "76.38" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "verdict", "absent"),
    [
        ("2023년 3차를 빼면 불러온 회차마다 75점 미만이 있었어?", ("네", "예"), "2023년 제3차"),
        ("Apart from 2024 round 2, did every loaded round have a service under 75?", ("no",), ""),
    ],
)
def test_the_loaded_rounds_less_one(
    many15: Engine, question: str, verdict: tuple[str, ...], absent: str
) -> None:
    answer = ask(many15, question)
    assert _starts(answer.text, *verdict), answer.text
    if absent:
        assert absent not in answer.text, answer.text


# ---- withheld names: the disclosure itself is asked -----------------------------------------
def test_withheld_names_are_said_not_published(many15: Engine) -> None:
    answer = ask(many15, "2025년 1차 때 기준 미달한 곳 명단 공개됐나요?")
    assert _starts(answer.text, "아니요", "아니오"), answer.text
    assert "공개되지" in answer.text, answer.text


def test_published_names_are_given(many15: Engine) -> None:
    answer = ask(many15, "Were the names of the services under 75 in 2024 round 2 published?")
    assert _starts(answer.text, "yes"), answer.text
    assert "청년활동" in answer.text or "Youth" in answer.text, answer.text


# ---- a shortfall in words is the gap to the cutoff ------------------------------------------
def test_a_shortfall_is_the_gap_to_the_cutoff(many15: Engine) -> None:
    answer = ask(many15, "노동권익센터 점수가 75점에 얼마나 모자랐어?")
    assert "75 − 74.20 = 0.80" in answer.text, answer.text


# ---- a service's record: every evaluation and its findings ----------------------------------
def test_a_record_has_every_round_and_its_findings(many15: Engine) -> None:
    answer = ask(many15, "What's the Social Venture Hub Center's evaluation history?")
    assert "2023 round 3" in answer.text and "2025 round 1" in answer.text, answer.text
    assert "투자유치 목표" in answer.text or "investment" in answer.text.lower(), answer.text


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("마포 소각장은 평가 때마다 75점 넘었나요?", ("아니요", "아니오")),
        ("Did the fintech lab stay above 75 both times it was evaluated?", ("yes",)),
    ],
)
def test_each_evaluation_of_a_service_is_checked(
    many15: Engine, question: str, verdict: tuple[str, ...]
) -> None:
    answer = ask(many15, question)
    assert _starts(answer.text, *verdict), answer.text
    assert "2023" in answer.text, answer.text


# ---- unknowns said as "not published" -------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "must"),
    [
        ("Which operator manages the Seoul Fintech Lab?", "not published"),
        ("서울새활용플라자 수탁기관은 어디예요?", "공개되지 않"),
        ("What did the fintech lab get for user satisfaction in 2026 round 2?", "not published"),
    ],
)
def test_unknowns_are_said_not_published(many15: Engine, question: str, must: str) -> None:
    answer = ask(many15, question)
    assert not answer.answered, answer.text
    assert must in answer.text, answer.text


# ---- an average asked beside "was any service below?" ---------------------------------------
@pytest.mark.parametrize(
    ("question", "verdict", "average"),
    [
        ("2024년 2차 평균은 몇 점이고 75점 미만인 사무도 있었어?", ("네", "예"), "78.14"),
        (
            "What was the 2026 round 2 average, and did any centre score under 75?",
            ("yes",),
            "78.38",
        ),
        ("Tell me the 2023 round 3 average; was any service below 75 there?", ("no",), "79.05"),
    ],
)
def test_the_average_and_whether_any_fell_below(
    many15: Engine, question: str, verdict: tuple[str, ...], average: str
) -> None:
    answer = ask(many15, question)
    assert _starts(answer.text, *verdict), answer.text
    assert average in answer.text, answer.text


# ---- a round's count from a printed span's base, never the year's due count -----------------
def test_a_round_count_comes_from_the_span_base(many15: Engine) -> None:
    # "rounds 1 and 2 of 2026 combined: 4 of 31" less round 2's 6 — the year's 58 due
    # include later rounds, so 58 − 6 would be wrong
    answer = ask(
        many15, "Working from the published figures, how many services were in 2026's first round?"
    )
    assert "31 − 6 = 25" in answer.text, answer.text
    assert "58 − 6" not in answer.text, answer.text
