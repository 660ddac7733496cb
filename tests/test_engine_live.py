"""The running engine follows the knowledge base: a round ingested by another connection
(another process, /publish, the inbox) is known at the next question, whole."""

from __future__ import annotations

from pathlib import Path

from bot.engine import Engine
from knowledge.queries import Queries
from knowledge.store import ingest_path, open_db

FIXTURES = Path(__file__).with_name("fixtures")


def test_a_round_ingested_elsewhere_is_known_at_the_next_question(
    kb_copy: Path, tmp_path: Path
) -> None:
    engine = Engine(Queries(kb_copy))
    before = engine.answer("최근 평가 결과 요약해줘")
    assert "2023년 제3차" in before.text
    ingest_path(open_db(kb_copy), FIXTURES / "2025-round2-minimal.txt")  # its own connection
    after = engine.answer("최근 평가 결과 요약해줘")
    assert "2025년 제2차" in after.text
    newest = engine.queries.latest_round()
    assert newest is not None and (newest.year, newest.round_no) == (2025, 2)
    service = engine.queries.evaluations(2025, 2)[0].service
    named = engine.answer(f"{service.name_ko} 개선과제")
    assert named.intent != "unknown_service" and service.name_ko.split()[0] in named.text


def test_nothing_is_rebuilt_while_nothing_changes(kb_copy: Path) -> None:
    engine = Engine(Queries(kb_copy))
    understander = engine.understander
    engine.answer("평균은?")
    assert engine.refresh() is False and engine.understander is understander
