"""Twenty-odd rounds: replies that would list every match stay readable (a generated,
synthetic history beside the shipped knowledge base, as `evalbot bench engine --rounds`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.benchmarks.engine import history_documents, with_documents
from bot.engine import Engine
from knowledge.queries import Queries

ROUNDS = 30


@pytest.fixture(scope="module")
def engine(kb_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    documents, _ = history_documents(ROUNDS)
    return Engine(Queries(with_documents(kb_path, documents, tmp_path_factory.mktemp("long"))))


def test_a_common_topic_lists_the_most_recent_ten_services_and_counts_all(engine: Engine) -> None:
    q = engine.queries
    term = "교육"
    said = q.search_findings(term, kind="improvement")  # "지적 받은": improvement tasks
    matching = {f.service.id for f in said}
    assert len(matching) > 10  # the generated findings reuse their words: the case exists
    answer = engine.answer(f"{term} 관련 지적 받은 곳")
    assert answer.intent == "topic_search", answer.text
    assert f"{len(matching)}" in answer.text and "10곳" in answer.text
    listed = [s for s in q.services() if s.id in matching and s.name_ko in answer.text]
    assert len(listed) == 10
    newest_of = {s: max((f.year, f.round_no) for f in said if f.service.id == s) for s in matching}
    cut = sorted(newest_of.values(), reverse=True)[9]
    assert all(newest_of[s.id] >= cut for s in listed)


def test_an_unknown_name_does_not_list_every_service(engine: Engine) -> None:
    answer = engine.answer("서울숲 카페 사무 평가 결과")
    assert not answer.answered
    q = engine.queries
    newest = q.latest_round()
    assert newest is not None
    newest_names = {e.service.name_ko for e in q.evaluations(newest.year, newest.round_no)}
    named = {s.name_ko for s in q.services() if s.name_ko in answer.text}
    assert named == newest_names, answer.text
    assert re.search(rf"\b{len(engine.queries.services())}개", answer.text)
