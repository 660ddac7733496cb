"""Conversation mechanisms found by blind conversations (fresh32, many15, many16), checked
with phrasings of their own in both languages.

Seed: 2024 as a whole (reported) 8 of 61 below the cutoff (13.1%), 2023 13 of 47 (27.7%);
2023 round 3 six services, average 79.05, none below.  many16 pages: Mapo scored 76.80 in
2025 round 3 (1.80 above the cutoff); the Seoul Global Center's 2024 round 1 tasks
(online reservations, the districts' agencies) and its 2027 round 2 findings; 2024 round 1
evaluated by 한국산업관계연구원, 2025 round 3 by KMAC; 2027 round 2 publishes a count below
the cutoff (2 of 7) and no names.  many15 pages: the Fintech Lab's 2023 round 3 roadmap
task, reported on as done in 2026 round 2.
"""

from __future__ import annotations

import pytest

from bot.engine import Engine
from tests.helpers import ask


# ---- a comparison keeps the figure the conversation is about ---------------------------
@pytest.mark.parametrize(
    "turns",
    [
        # a breakdown by band states no figure of its own: the count stays the subject
        (
            "How many services scored under 75 in 2024?",
            "Split them by score band.",
            "And against 2023?",
        ),
        ("2024년에 75점 못 넘은 데 몇 개야?", "구간별로 나눠서 보여줘", "23년이랑 견주면?"),
        # right after the count, a comparison word and a year: the two side by side
        ("How many services fell short of 75 in 2024?", "How does that stack up against 2023?"),
    ],
)
def test_a_comparison_after_a_count_compares_the_count(
    engine: Engine, turns: tuple[str, ...]
) -> None:
    answer = ask(engine, *turns)
    assert answer.answered, answer.text
    assert answer.intent == "below_cutoff", answer.intent
    for figure in ("13", "27.7", "8", "13.1"):
        assert figure in answer.text, answer.text
    assert "74.02" not in answer.text, answer.text  # not the averages


# ---- a one-line answer stays one line ----------------------------------------------------
@pytest.mark.parametrize(
    "turns",
    [
        ("2023년 3차 결과를 한 줄로 정리해줘", "2023년 전체로도 한 줄", "In English, please."),
        ("Give me the 2023 results as a whole in one line", "한국어로는?"),
    ],
)
def test_a_one_line_answer_is_repeated_in_one_line(engine: Engine, turns: tuple[str, ...]) -> None:
    answer = ask(engine, *turns)
    assert answer.answered, answer.text
    assert "\n" not in answer.text, answer.text
    assert "74.02" in answer.text and "27.7" in answer.text, answer.text


def test_the_whole_year_named_beside_its_year_is_no_comparison(engine: Engine) -> None:
    answer = ask(engine, "2023년 3차 결과를 한 줄로 정리해줘", "2023년 전체로도 한 줄")
    assert answer.text.count("\n") == 0, answer.text
    assert "47" in answer.text and "74.02" in answer.text, answer.text


# ---- a held service followed across its evaluations --------------------------------------
@pytest.mark.parametrize(
    "turns",
    [
        (
            "What did the evaluators ask the Seoul Global Center to improve?",
            "Was that resolved in the later round?",
        ),
        ("서울글로벌센터 평가 받았어?", "그때 개선과제는?", "나중에 고쳐졌어?"),
        (
            "What were the Seoul Global Center's improvement tasks?",
            "Did they fix those afterwards?",
        ),
    ],
)
def test_an_earlier_task_is_followed_to_the_later_round(
    many16: Engine, turns: tuple[str, ...]
) -> None:
    answer = ask(many16, *turns)
    assert answer.answered, answer.text
    assert answer.intent == "findings", answer.intent
    assert "2024" in answer.text and "2027" in answer.text, answer.text
    assert "사전예약" in answer.text, answer.text  # the reservation task and its outcome


def test_the_previous_evaluation_is_the_services_own(many15: Engine) -> None:
    """ "the previous evaluation" is the service's earlier one (2023 round 3), not the
    round before the newest loaded one."""
    answer = ask(
        many15,
        "핀테크랩 2026년 점수는?",
        "Has what the previous evaluation asked for been resolved?",
    )
    assert answer.intent == "findings", answer.intent
    assert "2023 round 3" in answer.text and "2026 round 2" in answer.text, answer.text
    assert "roadmap" in answer.text, answer.text


# ---- the same evaluator as the round just given -------------------------------------------
@pytest.mark.parametrize(
    ("turns", "verdict"),
    [
        (("2024년 1차는 누가 평가했어?", "2025년 3차도 같은 기관이야?"), "아니요"),
        (
            (
                "Who carried out the 2025 round 3 evaluation?",
                "The same body as in round 1 of 2024?",
            ),
            "No",
        ),
    ],
)
def test_the_same_evaluator_weighs_the_round_just_given(
    many16: Engine, turns: tuple[str, ...], verdict: str
) -> None:
    answer = ask(many16, *turns)
    assert answer.answered, answer.text
    assert answer.text.startswith(verdict), answer.text
    assert "2024" in answer.text and "2025" in answer.text, answer.text
    assert "2027" not in answer.text.split("\n")[0], answer.text  # not the newest round


@pytest.mark.parametrize(
    ("turns", "verdict"),
    [
        (("2020년 1차 평가기관은?", "그럼 25년 3차랑 같은 데네?"), "네"),  # KMAC both times
        (("Who evaluated round 1 of 2024?", "Was it a different one in 2025 round 3?"), "Yes"),
    ],
)
def test_same_or_different_is_asked_of_the_two_rounds(
    many16: Engine, turns: tuple[str, ...], verdict: str
) -> None:
    answer = ask(many16, *turns)
    assert answer.text.startswith(verdict), answer.text
    assert "KMAC" in answer.text, answer.text


def test_the_same_evaluator_as_a_reported_year(engine: Engine) -> None:
    answer = ask(engine, "2023년 3차 평가기관이 어디야?", "2024년에도 같은 곳이었어?")
    assert answer.text.startswith("네"), answer.text
    assert "2023" in answer.text and "2024" in answer.text, answer.text


# ---- a gap to the cutoff measures the last figure stated ----------------------------------
@pytest.mark.parametrize(
    "turns",
    [
        (
            "마포자원회수시설 2025년 3차 점수는?",
            "수탁기관은 어디야?",
            "기준점이랑은 몇 점 차이 나?",
        ),
        (
            "What did the Mapo Resource Recovery Facility score in round 3 of 2025?",
            "Who runs it?",
            "How far above the cutoff was that?",
        ),
    ],
)
def test_a_gap_to_the_cutoff_is_the_score_stated(many16: Engine, turns: tuple[str, ...]) -> None:
    answer = ask(many16, *turns)
    assert answer.answered, answer.text
    assert "1.80" in answer.text, answer.text
    assert "80.36" not in answer.text, answer.text  # not the newest round's average


# ---- names asked of a count below the cutoff that published none --------------------------
@pytest.mark.parametrize(
    ("turns", "said"),
    [
        (("2027년 2차에서 기준 미달 몇 곳?", "어디어디였어?"), "공개되지"),
        (
            (
                "What's the newest round you have?",
                "And how many fell below the cutoff?",
                "Which ones were they?",
            ),
            "not published",
        ),
    ],
)
def test_which_after_an_unnamed_count_says_the_names_are_not_published(
    many16: Engine, turns: tuple[str, ...], said: str
) -> None:
    answer = ask(many16, *turns)
    assert not answer.answered, answer.text
    assert said in answer.text, answer.text
    assert "고립은둔" not in answer.text, answer.text  # not the round's list


# ---- a term the documents do not use --------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("2023년 3차 재평가 대상 사무 몇 개야?", "재계약"),
        ("How many services in round 3 of 2023 are up for re-evaluation?", "re-contracting"),
    ],
)
def test_an_unused_term_is_answered_as_what_it_stands_for(
    engine: Engine, question: str, said: str
) -> None:
    answer = ask(engine, question)
    assert answer.answered, answer.text
    assert answer.intent == "below_cutoff", answer.intent
    assert "6" in answer.text, answer.text  # none of the six
    assert said in answer.text.split("\n")[-1], answer.text  # the documents' term, last


def test_a_services_own_re_evaluation_keeps_its_meaning(engine: Engine) -> None:
    """ "핀테크랩 재평가 받은 적 있어?": evaluated again — the service's history."""
    answer = ask(engine, "핀테크랩 재평가 받은 적 있어?")
    assert answer.intent == "service_score", answer.intent
