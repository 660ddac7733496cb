"""The intent registry is complete, and the matcher's choices hold on plain questions."""

from __future__ import annotations

import pytest

from bot.answers import load_handlers
from bot.engine import INTERNAL_INTENTS, Engine
from bot.understand.intents import SCORERS, intent_specs, load_intents

SPECS = intent_specs(load_intents())


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_intent_has_examples_help_and_a_handler(name: str) -> None:
    spec = SPECS[name]
    assert len(spec.examples["ko"]) >= 3, "Korean examples"
    assert len(spec.examples["en"]) >= 3, "English examples"
    assert spec.help.get("ko") and spec.help.get("en"), "help line in both languages"
    assert spec.ask.get("ko") and spec.ask.get("en"), "a suggestion question in both languages"
    assert name in load_handlers(), "a registered handler"


def test_internal_intents_have_handlers_too() -> None:
    handlers = load_handlers()
    assert all(name in handlers for name in INTERNAL_INTENTS)


def test_matching_settings_name_a_known_scorer() -> None:
    assert load_intents()["matching"]["scorer"] in SCORERS


def test_engine_refuses_to_start_with_an_intent_without_handler(queries, monkeypatch) -> None:
    from bot import answers

    monkeypatch.delitem(answers.HANDLERS, "trend")
    monkeypatch.setattr(answers, "load_handlers", lambda: answers.HANDLERS)
    monkeypatch.setattr("bot.engine.core.load_handlers", lambda: answers.HANDLERS)
    with pytest.raises(RuntimeError, match="trend"):
        Engine(queries)


@pytest.fixture(scope="module")
def engine(queries) -> Engine:
    return Engine(queries)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("평균 점수는?", "average"),
        ("연도별 평균 추이", "trend"),
        ("75점 미만 사무 있어?", "below_cutoff"),
        ("커트라인이 몇 점이야?", "cutoff_rule"),
        ("평가 대상 사무 목록", "services_list"),
        ("몇 개 사무를 평가했어?", "count_evaluated"),
        ("핀테크랩 개선과제", "findings"),
        ("투자유치 관련 사무는?", "topic_search"),
        ("평가기관은 어디야?", "evaluator"),
        ("평가 기간은?", "period"),
        ("법적 근거는?", "legal_basis"),
        ("몇 점 만점이야?", "scoring_scheme"),
        ("도움말", "help"),
        ("what's the average score?", "average"),
        ("who evaluated the services?", "evaluator"),
        ("which service scored highest?", "highest"),
        ("which service scored lowest?", "lowest"),
        ("ranking of the services", "rank"),
        ("What score did the fintech lab get?", "service_score"),
        ("what do news reports say about 2024?", "reported_figures"),
        ("내일 서울 날씨 어때?", "fallback"),
        ("Who is the mayor of Seoul?", "fallback"),
        ("2023年 平均点は?", "fallback"),
        ("Tell me about the Seoul Aquarium evaluation", "unknown_service"),
    ],
)
def test_intents_of_plain_questions(engine: Engine, question: str, intent: str) -> None:
    assert engine.answer(question).intent == intent
