"""Long, wordy questions: the ask read apart from its preamble and its polite wrapping.

Intent examples are short; a question that opens with a scene ("제 동생이 궁금해해서
여쭤보는데요, …", "For an article I'm drafting: …") or closes with a softener ("… 알고
싶어요") compared badly with every example and was not understood.  The matcher also reads
each clause-tail and clause-head and the text without fillers (bot/understand/clauses.py),
keeping per intent its best reading less that reading's unknown words.  The phrasings here
differ from the diagnosis sets on purpose.
"""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.understand import clauses
from bot.understand.clauses import clause_reader


def test_a_preamble_clause_is_read_apart_from_the_ask() -> None:
    readings = clause_reader().readings(
        "제 동생이 궁금해해서 여쭤보는데요, 2023년 3차 평균은 몇 점이에요?"
    )
    assert "2023년 3차 평균은 몇 점이에요?" in readings


def test_an_english_lead_in_before_a_colon_is_read_apart() -> None:
    readings = clause_reader().readings("For an article I'm drafting: who evaluated round 3?")
    assert "who evaluated round 3?" in readings


def test_polite_wrapping_is_taken_out_of_one_reading() -> None:
    readings = clause_reader().readings("평가 기간이 언제였는지 혹시 알려 주실 수 있을까요?")
    assert readings == ["평가 기간이 언제였는지 ?"]


def test_a_short_question_has_no_other_reading() -> None:
    assert clause_reader().readings("평가 기간은?") == []
    assert clause_reader().readings("Who is the mayor of Seoul?") == []


def test_a_connective_inside_a_word_is_no_boundary() -> None:
    # "…인지만" ends in "지만" but asks on; only the question mark ends the clause
    readings = clause_reader().readings("3차 평가가 언제였는지만 알려 줘요? 몇 월인지")
    assert all(not r.endswith("언제였는") for r in readings)


@pytest.mark.parametrize(
    ("question", "intent", "needle"),
    [
        (
            "제 동생이 궁금해해서 여쭤보는데요, 2023년 3차 평가에서 평가받은 사무는 몇 개였어요?",
            "count_evaluated",
            "6",
        ),
        ("For an article I'm drafting: when did the evaluation take place?", "period", "June"),
        (
            "신문에서 봤는데, 2023년 3차 평가는 어느 기관이 했나요?",
            "evaluator",
            "한국산업관계연구원",
        ),
    ],
)
def test_a_wordy_question_is_answered_as_its_ask(
    engine: Engine, question: str, intent: str, needle: str
) -> None:
    answer = engine.answer(question)
    assert answer.intent == intent, answer.text
    assert needle in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Who is the mayor of Seoul?",
        "For a school project: who is the mayor of Seoul?",
        "제가 궁금한 건데요, 내일 부산 날씨 어때요?",
    ],
)
def test_a_preamble_does_not_make_an_unrelated_question_understood(
    engine: Engine, question: str
) -> None:
    answer = engine.answer(question)
    assert not answer.answered, answer.text


def test_without_the_readings_the_wordy_question_is_not_understood(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = "For an article I'm drafting: when did the evaluation take place?"
    u = engine.understander.understand(question)
    monkeypatch.setattr(clauses.ClauseReader, "readings", lambda self, text: [])
    whole = engine.understander.understand(question)
    assert u.ranked[0].intent == "period"
    assert u.ranked[0].score > whole.ranked[0].score


def test_a_pasted_paragraph_is_read_at_its_last_clauses_only() -> None:
    reader = clause_reader()
    text = "그런데요, 제가 궁금한 건요, 2023년 3차 평가에서, 평균 점수가, 몇 점이었는지, " * 6
    readings = reader.readings(text.strip())
    # the text without fillers, then a tail and a head per boundary read
    assert len(readings) <= 1 + 2 * reader.max_boundaries
