"""Follow-up mechanisms found by blind conversations (fresh27, fresh28, fresh30, fresh31,
many15), each checked with phrasings of its own in both languages.

Figures (seed and reported): 2023 round 3 averaged 79.05, 2023 as a whole 74.02, 2022 77.62,
2015–2022 78.58, 2024 (reported) 78.52; below the cutoff 27.7% in 2023 and 13.1% (8 of 61) in
2024; the cutoff 75, about 2018–2020 60; Seoul consigned 421 services in 2022, 377 in 2023.
many15 pages: 2024 round 2 scores 동북권직장맘지원센터 82.40, 서울창업허브 공덕 85.60 (its
user-satisfaction score 16.80 the round's highest); 서남권직장맘지원센터 78.45 in 2026 round 2;
Fintech Lab 84.25 in 2026 round 2, its 2023 tasks a VC roadmap.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.engine import Engine
from tests.helpers import ask


def _has_all(answer: Any, *figures: str) -> None:
    assert answer.answered, answer.text
    for figure in figures:
        assert figure in answer.text, (figure, answer.text)


# ---- a figure recalled by its place in the conversation -------------------------------------
@pytest.mark.parametrize(
    ("turns", "verdict", "figures"),
    [
        (
            (
                "What was the 2022 average?",
                "And the 2023 round 3 average?",
                "And 2023 as a whole?",
                "Was the first average you gave me above the 2015–2022 average?",
            ),
            "No",
            ("77.62", "78.58", "0.96"),
        ),
        (
            (
                "2022년 평균 몇 점이야?",
                "2023년 3차 평균은?",
                "2023년 전체는?",
                "처음에 물어본 평균이 15~22년 평균보다 높았어?",
            ),
            "아니",
            ("77.62", "78.58", "0.96"),
        ),
        (
            ("2023년 3차 평균은?", "2022년 평균은?", "아까 그 숫자가 15~22년 평균보다 높아?"),
            "네",
            ("79.05", "78.58", "0.47"),
        ),
    ],
)
def test_a_figure_recalled_by_its_place_is_the_one_measured(
    engine: Engine, turns: tuple[str, ...], verdict: str, figures: tuple[str, ...]
) -> None:
    answer = ask(engine, *turns)
    assert answer.text.startswith(verdict), answer.text
    _has_all(answer, *figures)


# ---- the yardstick of the previous comparison stays ("it", "그거") -------------------------
@pytest.mark.parametrize(
    "turns",
    [
        (
            "2023 round 3 average?",
            "And how much higher than the cutoff is that?",
            "what about the year overall?",
        ),
        ("3차 평균은 기준보다 몇 점 높아?", "그해 전체로는?"),
    ],
)
def test_the_whole_year_after_a_gap_to_the_cutoff_is_measured_against_it(
    engine: Engine, turns: tuple[str, ...]
) -> None:
    _has_all(ask(engine, *turns), "74.02", "0.98")


@pytest.mark.parametrize(
    ("turns", "verdict"),
    [
        (
            (
                "2023 round 3 average?",
                "And how much higher than the cutoff is that?",
                "what about the year overall?",
                "so the full year was below it? by how much?",
            ),
            "Yes",
        ),
        (
            (
                "3차 평균은 기준보다 몇 점 높아?",
                "그해 전체로는?",
                "그럼 연간은 그거보다 낮았어? 얼마나?",
            ),
            "네",
        ),
    ],
)
def test_it_is_the_yardstick_and_the_check_is_answered_first(
    engine: Engine, turns: tuple[str, ...], verdict: str
) -> None:
    answer = ask(engine, *turns)
    assert answer.text.startswith(verdict), answer.text
    _has_all(answer, "74.02", "0.98")
    assert "5.03" not in answer.text  # not the year against the round


@pytest.mark.parametrize(
    "turns",
    [
        ("Round 3 of 2023 — average?", "And the full year?", "How far is that below the cutoff?"),
        ("23년 3차 평균?", "연간으로는?", "그건 기준에서 얼마나 떨어져?"),
    ],
)
def test_that_is_the_figure_the_previous_question_asked_for(
    engine: Engine, turns: tuple[str, ...]
) -> None:
    answer = ask(engine, *turns)
    _has_all(answer, "74.02", "0.98")
    assert "4.05" not in answer.text


# ---- another figure asked of the two scopes just compared ----------------------------------
@pytest.mark.parametrize(
    ("turns", "figures"),
    [
        (
            ("How did 2024's average compare with 2023?", "what about the share below the cutoff?"),
            ("13.1", "27.7"),
        ),
        (
            (
                "How did 2024's average compare with 2023?",
                "what about the share below the cutoff?",
                "and how many fell below?",
            ),
            ("13", "8"),
        ),
        (("2024년 평균 2023년이랑 비교해줘", "탈락 비율은?"), ("13.1", "27.7")),
        (("2024년 평균 2023년이랑 비교해줘", "탈락 비율은?", "비율 차이는 몇 %p야?"), ("14.6",)),
    ],
)
def test_a_new_figure_keeps_both_scopes_of_a_comparison(
    engine: Engine, turns: tuple[str, ...], figures: tuple[str, ...]
) -> None:
    _has_all(ask(engine, *turns), *figures)


# ---- a year stepped after a figure that is no evaluation's -----------------------------------
@pytest.mark.parametrize(
    ("turns", "figure"),
    [
        (("서울시 민간위탁 사무가 전부 몇 개야?", "그 전년도엔?"), "421"),
        (("서울시 민간위탁 사무가 전부 몇 개야?", "그 전년도엔?", "그럼 몇 개 줄어든 거야?"), "44"),
        (("How many services does Seoul consign in total?", "And the year before?"), "421"),
    ],
)
def test_the_year_before_of_consigned_services(
    engine: Engine, turns: tuple[str, ...], figure: str
) -> None:
    _has_all(ask(engine, *turns), figure)


# ---- the conversation's subject against a yardstick named alone ----------------------------
@pytest.mark.parametrize(
    ("turns", "figures"),
    [
        (("2023년 3차 평균이 궁금해", "2022년이랑 비교하면?"), ("79.05", "77.62", "1.43")),
        (
            ("What was round 3's average in 2023?", "How about compared with 2022?"),
            ("79.05", "77.62", "1.43"),
        ),
        (("2023년 3차 평균", "15~22년 평균보다 얼마나 높아?"), ("79.05", "78.58", "0.47")),
        (
            ("What's the 2023 whole-year average?", "how far below the 2015-2022 average is that?"),
            ("4.56",),
        ),
    ],
)
def test_a_yardstick_named_alone_measures_the_subject_just_given(
    engine: Engine, turns: tuple[str, ...], figures: tuple[str, ...]
) -> None:
    answer = ask(engine, *turns)
    _has_all(answer, *figures)
    assert "3.60" not in answer.text  # not the whole year 2023 against 2022


# ---- a service held through turns that name none --------------------------------------------
@pytest.mark.parametrize(
    ("turns", "words"),
    [
        (("핀테크랩 2026년 점수 몇 점?", "지난번에 개선하라고 한 건 어떻게 됐어?"), ("로드맵",)),
        (
            (
                "핀테크랩 2026년 점수 몇 점?",
                "지난번에 개선하라고 한 건 어떻게 됐어?",
                "2023년엔 어떤 성과 냈어?",
            ),
            ("입주기업",),
        ),
        (
            (
                "Which service had the best user-satisfaction score in round 2 of 2024?",
                "Out of how many points is satisfaction scored?",
                "And that service's overall score?",
            ),
            ("85.6",),
        ),
        (
            ("2024년 2차 사용자 만족도 1등 사무는?", "만족도 배점은 몇 점이야?", "그 곳 총점은?"),
            ("85.6",),
        ),
    ],
)
def test_the_service_of_the_conversation_is_kept(
    many15: Engine, turns: tuple[str, ...], words: tuple[str, ...]
) -> None:
    _has_all(ask(many15, *turns), *words)


@pytest.mark.parametrize(
    ("turns", "said"),
    [
        (
            (
                "동북권직장맘지원센터 몇 점 받았어?",
                "서남권직장맘지원센터는?",
                "두 곳 점수 차이는? 같은 차수였어?",
            ),
            "같은 회차가 아닙니다",
        ),
        (
            (
                "How did the Northeast working moms centre score?",
                "And the Southwest one?",
                "What's the gap between the two? Same round?",
            ),
            "not of the same round",
        ),
    ],
)
def test_two_services_scores_stated_are_weighed_and_their_rounds_told(
    many15: Engine, turns: tuple[str, ...], said: str
) -> None:
    _has_all(ask(many15, *turns), "82.40", "78.45", "3.95", "2024", "2026", said)


# ---- after the cutoff's history --------------------------------------------------------------
@pytest.mark.parametrize(
    "turns",
    [
        ("재계약 배제 기준 점수는?", "옛날에도 75점이었어?", "그럼 몇 점이나 올린 거야?"),
        (
            "What is the re-contract cutoff?",
            "Has it always been that?",
            "So by how much was it increased?",
        ),
    ],
)
def test_the_rise_of_the_cutoff_after_its_history(engine: Engine, turns: tuple[str, ...]) -> None:
    answer = ask(engine, *turns)
    _has_all(answer, "75", "60", "15")
    assert answer.intent == "cutoff_history"


# ---- content asked of the service in context -------------------------------------------------
@pytest.mark.parametrize(
    "turns",
    [
        (
            "성평등활동지원센터 성과 뭐 있었어?",
            "평가 기관은 어디였어?",
            "그 개발자가 만든 교육 도구 이름?",
        ),
        (
            "Tell me about the gender equality centre's results",
            "Who was the developer they invited?",
            "And the name of the toolkit he made?",
        ),
    ],
)
def test_content_asked_of_the_service_in_context(engine: Engine, turns: tuple[str, ...]) -> None:
    _has_all(ask(engine, *turns), "IMAGINE")


def test_words_no_finding_says_are_not_read_as_the_service(engine: Engine) -> None:
    answer = ask(engine, "성평등활동지원센터 성과 뭐 있었어?", "날씨 어때?")
    assert not answer.answered


# ---- a year restated beside a relative word -------------------------------------------------
def test_a_year_restated_after_last_year_is_no_comparison(engine: Engine) -> None:
    answer = ask(engine, "작년 거도 나와요? 2024년요")
    _has_all(answer, "78.52", "61")
    assert "4.50" not in answer.text
