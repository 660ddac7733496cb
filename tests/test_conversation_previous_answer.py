"""Conversation mechanisms of round 7: follow-ups that act on the previous answer, facts
of the service the conversation is about, services named by an everyday description of their
kind, and topics or sides a follow-up keeps.  Every phrasing here is new (in no question set).
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.understand.parts import Parts


def chat(engine: Any, *turns: str) -> list[Any]:
    """Each turn answered with the context the one before left."""
    answers, context = [], None
    for question in turns:
        answer = engine.answer(question, context=context)
        answers.append(answer)
        context = answer.context
    return answers


# ---- the previous answer again, shorter ------------------------------------------------
@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("더 짧게", (None, True)),
        ("tl;dr?", (None, True)),
        ("can you make it shorter?", (None, True)),
        ("numbers only please", (None, True)),
        ("영어로 한 줄로", ("en", True)),
        ("in Korean please", ("ko", False)),
        ("sorry, come again?", (None, False)),
        ("한 번 더 말해 줄래요?", (None, False)),
        # a terse phrase that keeps what it asks for asks that, not the answer again
        ("점수만", None),
        ("only the score", None),
        ("2023년 평균 한 줄로", None),
    ],
)
def test_a_message_asking_only_for_a_shorter_answer_is_a_repeat(
    message: str, expected: tuple[str | None, bool] | None
) -> None:
    assert Parts.load().repeat_asked(message) == expected


def test_shorter_acts_on_the_previous_answer_not_on_the_findings(engine: Any) -> None:
    first, short, korean = chat(
        engine,
        "How did the third round of 2023 go, in a few lines?",
        "more concise please",
        "이거 한국어로 해줘",
    )
    assert first.intent == short.intent == korean.intent == "round_summary"
    assert short.text.count("\n") == 0 and "79.05" in short.text and "6" in short.text
    assert korean.lang == "ko" and "79.05" in korean.text


def test_one_line_puts_both_parts_of_a_two_part_answer_on_one_line(engine: Any) -> None:
    _, again = chat(
        engine,
        "When was round 3 of 2023 held and which institute evaluated it?",
        "oh sorry, again in one line?",
    )
    assert "\n" not in again.text
    assert "2023" in again.text and "Industrial Relations" in again.text


def test_a_language_named_inside_a_question_is_the_answer_language(engine: Any) -> None:
    _, english = chat(engine, "마포자원회수시설 잘한 점은?", "그 시설 개선 과제를 영어로 알려줘")
    assert english.lang == "en" and "18" in english.text


# ---- a fact of the service the conversation is about -----------------------------------
def test_a_pointer_and_a_detail_search_that_services_findings(engine: Any) -> None:
    _, detail = chat(
        engine, "서남권직장맘지원센터는 무슨 일 해?", "거기 법률 상담 프로그램은 언제 한다고 나와?"
    )
    assert detail.answered and "점심시간" in detail.text
    assert "마포" not in detail.text  # no other service's findings


def test_how_old_the_equipment_is_finds_the_ageing_finding(engine: Any) -> None:
    _, _, age = chat(engine, "마포자원회수시설 평가 받았어?", "잘한 건?", "장비가 얼마나 오래됐대?")
    assert age.answered and "18" in age.text


def test_a_kind_of_finding_of_it_is_its_findings_not_a_search(engine: Any) -> None:
    _, weak = chat(engine, "Tell me about the Seoul Fintech Lab.", "where does it fall short?")
    assert weak.intent == "findings"
    assert "Fintech" in weak.text and "Gender" not in weak.text


# ---- services named by an everyday description of their kind ---------------------------
@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("일하는 엄마들 지원하는 센터도 평가받았어?", "직장맘"),
        ("Was the plant that burns the city's garbage evaluated?", "Mapo"),
        ("쓰레기 소각하는 곳은 뭘 잘했대?", "마포"),
        ("What did the financial technology startup incubator do well?", "Fintech"),
    ],
)
def test_an_everyday_description_of_a_kind_names_the_service(
    engine: Any, question: str, name: str
) -> None:
    answer = engine.answer(question)
    assert answer.answered and name in answer.text


def test_a_kind_and_a_finding_asked_where_show_that_finding(engine: Any) -> None:
    answer = engine.answer("직장 다니는 엄마 아빠한테 점심때 법률 상담해 준 곳이 어디더라?")
    assert answer.answered and "직장맘" in answer.text and "샌드위치" in answer.text


def test_a_kind_word_is_never_typo_corrected(engine: Any) -> None:
    # "tech" of "finance-tech" must not become "teach"
    assert "teach" not in engine.understander.lexicon.correct("finance-tech startups")


# ---- what a follow-up keeps --------------------------------------------------------------
def test_before_after_consigned_services_compares_the_count(engine: Any) -> None:
    _, before = chat(engine, "서울시가 민간에 위탁하는 사무는 몇 개나 돼?", "전에는 더 많았어?")
    assert before.intent == "consignment"
    assert "421" in before.text and "377" in before.text


def test_a_unitless_step_after_whole_years_steps_a_year(engine: Any) -> None:
    *_, step = chat(engine, "2023년 전체 평균 알려줘", "전년도는?", "그 전 거는?")
    assert step.context is not None and step.context.entities.get("year") == 2021


def test_overall_with_no_year_is_the_trend_of_the_years(engine: Any) -> None:
    answer = engine.answer("Overall, have the scores been improving or declining?")
    assert "77.62" in answer.text and "74.02" in answer.text


def test_a_side_set_aside_is_replaced_and_the_gap_kept(engine: Any) -> None:
    *_, gap = chat(
        engine,
        "2023 round 3 average?",
        "and 2022?",
        "what's the difference?",
        "no, not round 3, use the full 2023 average instead",
    )
    assert "3.60" in gap.text


def test_articles_cited_by_number_are_the_legal_basis(engine: Any) -> None:
    answer = engine.answer("제12조하고 제18조는 각각 무슨 내용이야?")
    assert answer.intent == "legal_basis"
    assert "18" in answer.text and "12" in answer.text


def test_a_score_asked_of_an_unknown_place_is_unknown(engine: Any) -> None:
    answer = engine.answer("How many points did the Seoul Museum of Art get last time?")
    assert not answer.answered
    assert "not in the knowledge base" in answer.text, answer.text
