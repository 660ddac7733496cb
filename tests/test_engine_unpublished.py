"""Facts the published results do not hold (bot/understand/unpublished.yaml): the answer
says so plainly and offers what is published — over the database built from
knowledge/sources, and over a copy whose disclosure does carry a publication date."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.answer import Context
from bot.answers import load_handlers
from bot.answers.unpublished import INTROS, SENTENCES
from bot.engine import Engine
from bot.understand.entities import Entities
from bot.understand.intents import load_intents
from bot.understand.unpublished import load_attributes, unpublished
from knowledge.queries import Queries


@pytest.fixture(scope="module")
def engine(queries) -> Engine:
    return Engine(queries)


def test_every_attribute_has_its_sentence_and_real_intents() -> None:
    attributes = load_attributes()
    names = {a.name for a in attributes}
    assert names == set(SENTENCES)
    assert set(INTROS) <= names
    intents = set(load_intents()["intents"])
    handlers = load_handlers()
    for a in attributes:
        assert a.known in handlers, a.name
        assert set(a.offer) <= intents, a.name
        if a.per_service:
            assert SENTENCES[a.name][1] is not None, a.name


def test_cues_need_every_group_none_of_unless_and_what_is_needed() -> None:
    fintech = Entities(services=(1,))
    assert unpublished("평가 결과 공개는 언제?", Entities()).name == "publication_date"
    assert unpublished("평가 결과 공개됐어?", Entities()) is None  # no "when"
    assert unpublished("75점 미만이면 수탁기관은 어떻게 돼?", Entities()) is None  # unless
    assert unpublished("핀테크랩 예산은?", fintech).name == "budget"
    assert unpublished("민간위탁 예산은?", Entities()) is None  # the consignment budget is known
    names = "2023년 75점 미만 사무 이름"
    assert unpublished(names, Entities(year=2023)).name == "below_cutoff_names"
    assert unpublished(names, Entities(year=2023, round_no=3)) is None  # a round lists its own


def test_the_contractor_is_not_answered_with_the_findings(engine: Engine) -> None:
    answer = engine.answer("핀테크랩 수탁기관 어디야?")
    assert answer.intent == "not_published" and not answer.answered
    assert "수탁기관" in answer.text and "나와 있지 않습니다" in answer.text
    assert "인큐베이터" not in answer.text  # a finding would read as the answer
    assert answer.sources and answer.sources[0].official
    assert any("주요 성과" in s.question for s in answer.suggestions)


def test_the_publication_date_is_not_passed_off_as_the_period(engine: Engine) -> None:
    answer = engine.answer("when were the results published?")
    assert not answer.answered
    lines = answer.text.splitlines()
    assert "not recorded" in lines[0] and "June 2023" not in lines[0]
    assert "not when its results were published" in lines[1]
    assert "June 2023" in lines[2]


def test_a_follow_up_keeps_the_service(engine: Engine) -> None:
    first = engine.answer("마포자원회수시설 주요 성과")
    follow = engine.answer("그럼 예산은?", context=first.context)
    assert follow.intent == "not_published"
    assert "마포자원회수시설" in follow.text and "예산" in follow.text
    assert "클링커" not in follow.text


def test_known_questions_still_get_their_answers(engine: Engine) -> None:
    assert engine.answer("평가 언제부터 언제까지 했어?").intent == "period"
    assert engine.answer("배점 어떻게 돼").intent == "scoring_scheme"
    assert engine.answer("what's the budget for private consignment?").intent == "consignment"
    assert engine.answer("What happens if a contractor scores below 75 points?").answered


def test_a_recorded_publication_date_is_answered(kb_copy: Path) -> None:
    conn = sqlite3.connect(kb_copy)
    with conn:
        conn.execute("update documents set published_on = '2023-10-05' where kind = 'disclosure'")
    conn.close()
    q = Queries(kb_copy)
    try:
        answer = Engine(q).answer("평가 결과 공개는 언제?", context=Context())
    finally:
        q.close()
    assert answer.answered
    assert "2023년 10월 5일" in answer.text
