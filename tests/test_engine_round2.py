"""Issue 12, round 2: mechanisms found by the blind sets' failures, tested on paraphrases
(not the blind questions themselves)."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from tests.helpers import turns


# ---- a yes/no check that a service's own findings answer ---------------------------------
@pytest.mark.parametrize(
    ("question", "opening", "evidence"),
    [
        ("소셜벤처허브센터 기획재정부 우수사례로 선정됐어?", "네.", "기획재정부"),
        ("Was the fintech lab helping startups go global?", "Yes.", "global"),
        ("Is the Mapo incinerator older than 20 years?", "No.", "18 years"),
        ("Is the Mapo incinerator more than 10 years old?", "Yes.", "18 years"),
    ],
)
def test_yes_no_answered_by_a_finding(
    engine: Engine, question: str, opening: str, evidence: str
) -> None:
    answer = engine.answer(question)
    assert answer.answered and answer.operation == "yes_no"
    assert answer.text.startswith(opening), answer.text
    assert evidence in answer.text


def test_yes_no_no_finding_says_it_gives_no_verdict(engine: Engine) -> None:
    answer = engine.answer("핀테크랩은 신규 위탁사무야?")  # only another service's finding says so
    assert not answer.text.startswith(("네", "아니요")), answer.text
    assert answer.intent == "findings" and "핀테크랩" in answer.text, answer.text


# ---- one service's findings, narrowed to what the question asks ----------------------------
def test_follow_up_about_a_detail_of_the_previous_service(engine: Engine) -> None:
    first, detail = turns(engine, "경계선지능인 센터 얘기 해줘", "거기 타시도 협력 얘기는 뭐였어?")
    assert first.intent == "findings"
    assert detail.answered and "타시도" in detail.text
    assert "신규 위탁사무" not in detail.text  # only the finding asked about


def test_named_service_detail_in_english(engine: Engine) -> None:
    answer = engine.answer("What was said about the Mapo facility's ageing equipment?")
    assert answer.answered and "18" in answer.text
    assert "clinker" not in answer.text


def test_plain_findings_question_is_not_narrowed(engine: Engine) -> None:
    answer = engine.answer("성평등활동지원센터 평가 내용 알려줘")
    assert "IMAGINE" in answer.text and "본원적" in answer.text


def test_a_search_that_found_one_service_is_the_subject_of_the_next_turn(engine: Engine) -> None:
    _, score = turns(engine, "보일러 부식 막은 곳은?", "점수는 몇 점이었어?")
    assert "마포" in score.text and score.intent == "service_score"


# ---- the previous two figures, not the cutoff they were measured against ------------------
def test_gap_after_two_averages_compares_the_averages(engine: Engine) -> None:
    *_, gap = turns(engine, "2022년 평균은?", "2023년은?", "차이는?")
    assert "3.60" in gap.text and "75" not in gap.text.splitlines()[-1]
