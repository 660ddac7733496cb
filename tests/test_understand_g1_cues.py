"""Plain-word cues (bot/understand/intents.yaml): "사업" stands for 사무 when a citizen asks
which were evaluated, and "good things said about X" asks for a service's findings, not its
(unpublished) score."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from knowledge.queries import Queries


@pytest.fixture(scope="module")
def engine(queries: Queries) -> Engine:
    return Engine(queries)


@pytest.mark.parametrize(
    "question",
    ["3차 때 무슨 사업들이 평가 대상이었나요?", "2023년 3차에 어떤 사업들 평가했어?"],
)
def test_business_as_a_word_for_service_lists_them(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.answered and answer.intent == "services_list", answer.text
    assert "소셜벤처" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Tell me the good things said about the social venture hub",
        "What went well at the Fintech Lab?",
    ],
)
def test_good_things_ask_for_findings(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.answered and answer.intent == "findings", answer.text


@pytest.mark.parametrize(
    "question",
    [
        "What score did the Tashu bike sharing service get?",
        "What score did the Nanum car sharing get?",
    ],
)
def test_an_unheld_sharing_service_is_not_in_the_knowledge_base(
    engine: Engine, question: str
) -> None:
    answer = engine.answer(question)
    assert "not in the knowledge base" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Which one was told it should aim higher?",
        "Which service was told its targets were too easy?",
    ],
)
def test_plain_words_for_challenging_targets_find_the_finding(
    engine: Engine, question: str
) -> None:
    answer = engine.answer(question)
    assert answer.answered and "Social Venture" in answer.text, answer.text
