"""Service identification (bot/understand/services.py): a misspelt name still finds its
service, but another name sharing only a generic tail ("…활동지원센터") is another service;
a describing word before a head noun ("…하는 시설") is no service name at all."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from knowledge.queries import Queries


@pytest.fixture(scope="module")
def engine(queries: Queries) -> Engine:
    return Engine(queries)


@pytest.mark.parametrize(
    "question",
    [
        "서울시 노인활동지원센터 점수 알려줘",
        "청소년활동지원센터 개선과제는?",
        "youth activity support centre findings",
    ],
)
def test_a_shared_generic_tail_is_not_the_service(engine: Engine, question: str) -> None:
    assert not engine.understander.services.match(question).named
    answer = engine.answer(question)
    assert not answer.answered and answer.intent == "unknown_service", answer.text


@pytest.mark.parametrize(
    ("question", "service"),
    [
        ("성평듕활동지원센터 점수", "성평등"),
        ("경게선지능인센터 성과", "경계선"),
        ("소셜밴처허브센터", "소셜벤처"),
    ],
)
def test_a_misspelt_name_still_finds_its_service(
    engine: Engine, question: str, service: str
) -> None:
    found = engine.understander.services.match(question).named
    assert len(found) == 1
    assert service in engine.queries.service(found[0]).name_ko


@pytest.mark.parametrize(
    "question",
    [
        "소각을 담당하는 시설 어디야",
        "노동법 교육해준 센터가 어디였지",
        "a consigned center told to use a checklist",
    ],
)
def test_a_described_place_is_no_unknown_service(engine: Engine, question: str) -> None:
    assert engine.answer(question).intent != "unknown_service"
