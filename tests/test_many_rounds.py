"""Many rounds, by hand: the seed plus the synthetic rounds tests/fixtures/many-* (2023
rounds 1-2 and 2024 rounds 1-2: score tables, named lists, scores in headings, a bare count,
a renamed service evaluated twice) and the reported figures, built into one real database.
The question sets tests/questions/many_rounds*.yaml hold the expectations, computed by hand
from those files (see their headers)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.evaluate import run_eval
from bot.understand.entities import Entities
from knowledge.curated import SOURCES_DIR
from knowledge.queries import Queries
from knowledge.store import build

HERE = Path(__file__).resolve().parent
FIXTURES = sorted((HERE / "fixtures").glob("many-*"))
QUESTIONS = HERE / "questions"
#: The entities tests/questions/many_rounds_contract.yaml needs from bot.understand.
CONTRACT = ("band", "every_round", "compare_round")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    sources = tmp_path_factory.mktemp("many") / "sources"
    shutil.copytree(SOURCES_DIR, sources)
    for fixture in FIXTURES:
        shutil.copy(fixture, sources / fixture.name)
    path = sources.parent / "knowledge.db"
    build(path, sources)
    return Engine(Queries(path))


def test_every_fixture_says_it_is_synthetic_on_its_first_line() -> None:
    assert len(FIXTURES) >= 4
    for fixture in FIXTURES:
        first = fixture.read_text(encoding="utf-8").splitlines()[0]
        assert "synthetic" in first and "합성" in first, fixture.name


def test_the_knowledge_base_holds_five_rounds_and_one_renamed_service(engine: Engine) -> None:
    q = engine.queries
    assert [(r.year, r.round_no) for r in q.rounds()] == [
        (2023, 1),
        (2023, 2),
        (2023, 3),
        (2024, 1),
        (2024, 2),
    ]
    nuri = [s for s in q.services() if "누리" in s.name_ko]
    # one service: "가상 누리청소년센터 운영" and "서울시 가상 누리 청소년센터 관리 및 운영"
    assert len(nuri) == 1
    history = q.evaluations_of_service(nuri[0].id)
    assert [(e.year, e.round_no, e.score) for e in history] == [(2023, 1, 75.0), (2024, 1, 79.4)]
    assert q.published_name(history[-1]) == "서울시 가상 누리 청소년센터 관리 및 운영"


def test_many_rounds_questions_pass(engine: Engine) -> None:
    out = io.StringIO()
    passed, failed = run_eval(QUESTIONS / "many_rounds.yaml", engine, out)
    assert failed == 0, out.getvalue()
    assert passed >= 20


@pytest.mark.skipif(
    not all(f in Entities.__dataclass_fields__ for f in CONTRACT),
    reason="waiting for bot.understand to extract band / every_round / compare_round",
)
def test_many_rounds_questions_that_need_the_new_entities_pass(engine: Engine) -> None:
    out = io.StringIO()
    _, failed = run_eval(QUESTIONS / "many_rounds_contract.yaml", engine, out)
    assert failed == 0, out.getvalue()


def test_questions_about_the_published_scores_as_a_whole_pass(engine: Engine) -> None:
    """No scope + the newest round publishes no scores, "the published scores", every
    round's average, every service once, the newest round's services by name."""
    out = io.StringIO()
    _, failed = run_eval(QUESTIONS / "many_rounds_scores.yaml", engine, out)
    assert failed == 0, out.getvalue()


@pytest.mark.parametrize(
    "question", ["서울숲 카페 사무 평가 결과", "Seoul Forest cafe results please"]
)
def test_a_name_not_held_offers_the_newest_round_not_every_service(
    engine: Engine, question: str
) -> None:
    """With many rounds, the reply to an unknown name names the newest round's services and
    the total, not every service of every round (a wall of names nobody reads)."""
    q = engine.queries
    newest = q.latest_round()
    assert newest is not None and len(q.services()) > 12
    answer = engine.answer(question)
    assert not answer.answered and answer.intent == "unknown_service"
    assert str(len(q.services())) in answer.text
    newest_ids = {e.service.id for e in q.evaluations(newest.year, newest.round_no)}
    for service in q.services():
        assert (service.name_ko in answer.text) == (service.id in newest_ids), service.name_ko
