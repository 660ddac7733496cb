"""Rebuilds and upgrades (issue 8, "Live" and "Upgrades"): ids stay, ingested rounds come back.

Before, `evalbot build` renumbered documents while replaying ingested ones, so an old
"📄 원문 보기" button (callback "v1:d:<id>") sent another round's file; and a deployment
whose database lives in a volume never saw the knowledge sources of a new release.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from knowledge import curated, subscribers, synthetic
from knowledge.queries import Queries
from knowledge.store import build, ensure_db, ingest_text, open_db, sources_digest, withdraw


def rows(path: Path, sql: str, args: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def documents(path: Path) -> dict[str, int]:
    return dict(rows(path, "select sha256, id from documents"))


def served(path: Path) -> dict[int, str]:
    return dict(rows(path, "select id, source from documents where superseded = 0"))


@pytest.fixture
def history(kb_copy: Path) -> Path:
    """Three ingested rounds, one of them corrected (its first version superseded)."""
    db = open_db(kb_copy)
    subscribers.subscribe(db, 7, "ko")
    ingest_text(db, synthetic.disclosure(2024, 1, 3, seed=1), "2024-1.txt")
    ingest_text(db, synthetic.disclosure(2024, 2, 3, seed=2), "2024-2.txt")
    ingest_text(db, synthetic.disclosure(2024, 2, 3, seed=3), "2024-2-fixed.txt")
    ingest_text(db, synthetic.disclosure(2024, 3, 3, seed=4), "2024-3.txt")
    db.close()
    return kb_copy


def test_build_keeps_every_document_id(history: Path) -> None:
    before, before_served = documents(history), served(history)
    build(history)
    assert documents(history) == before
    assert served(history) == before_served
    assert "2024-2.txt" not in served(history).values()  # still superseded
    assert rows(history, "select chat_id from subscribers") == [(7,)]
    q = Queries(history)
    third = next(i for i, source in before_served.items() if source == "2024-3.txt")
    assert q.document(third).source == "2024-3.txt"
    assert [(r.year, r.round_no) for r in q.rounds()] == [
        (2023, 3),
        (2024, 1),
        (2024, 2),
        (2024, 3),
    ]


def test_a_document_after_a_rebuild_never_reuses_an_old_id(history: Path) -> None:
    before = documents(history)
    db = open_db(history)
    withdraw(db, "2024-3.txt")
    db.close()
    build(history)
    build(history)
    db = open_db(history)
    result = ingest_text(db, synthetic.disclosure(2025, 1, 2, seed=9), "2025-1.txt")
    db.close()
    assert result.document_id is not None and result.document_id > max(before.values())
    assert documents(history).items() >= before.items()


def test_a_withdrawn_document_stays_withdrawn_across_rebuilds(history: Path) -> None:
    db = open_db(history)
    withdraw(db, "2024-1.txt")
    db.close()
    build(history)
    assert "2024-1.txt" not in served(history).values()
    assert [(r.year, r.round_no) for r in Queries(history).rounds()] == [
        (2023, 3),
        (2024, 2),
        (2024, 3),
    ]
    assert rows(history, "select count(*) from documents where withdrawn_at is not null") == [(1,)]


def _sources_copy(tmp_path: Path) -> Path:
    sources = tmp_path / "sources"
    shutil.copytree(curated.SOURCES_DIR, sources)
    return sources


def test_ensure_db_rebuilds_when_the_shipped_sources_change(tmp_path: Path, kb_copy: Path) -> None:
    sources = _sources_copy(tmp_path)
    build(kb_copy, sources)
    db = open_db(kb_copy)
    subscribers.subscribe(db, 42, "en")
    ingest_text(db, synthetic.disclosure(2024, 1, 2, seed=5), "2024-1.txt")
    db.close()
    ids = documents(kb_copy)
    built_at = rows(kb_copy, "select value from build_info where key = 'built_at'")

    ensure_db(kb_copy, sources)  # unchanged: nothing happens
    assert rows(kb_copy, "select value from build_info where key = 'built_at'") == built_at

    # a new release ships one more round in its sources
    (sources / "2025-round1-disclosure.txt").write_text(
        synthetic.disclosure(2025, 1, 2, seed=6), encoding="utf-8"
    )
    sources_digest.cache_clear()
    ensure_db(kb_copy, sources)
    q = Queries(kb_copy)
    assert [(r.year, r.round_no) for r in q.rounds()] == [(2023, 3), (2024, 1), (2025, 1)]
    assert documents(kb_copy).items() >= ids.items()  # old ids kept; the new file got a new one
    assert rows(kb_copy, "select chat_id, lang from subscribers") == [(42, "en")]
    assert rows(kb_copy, "select value from build_info where key = 'sources_digest'") == [
        (sources_digest(sources),)
    ]


def test_a_database_of_the_previous_release_is_upgraded(tmp_path: Path, kb_copy: Path) -> None:
    """No build_info, documents without withdrawn_at/origin: rebuilt on first use, ids kept."""
    db = open_db(kb_copy)
    ingest_text(db, synthetic.disclosure(2024, 1, 2, seed=5), "2024-1.txt")
    db.close()
    ids = documents(kb_copy)
    conn = sqlite3.connect(kb_copy)
    conn.execute("drop table build_info")
    for column in ("withdrawn_at", "origin", "source_type"):
        conn.execute(f"alter table documents drop column {column}")
    conn.commit()
    conn.close()
    ensure_db(kb_copy)
    assert documents(kb_copy) == ids
    assert [(r.year, r.round_no) for r in Queries(kb_copy).rounds()] == [(2023, 3), (2024, 1)]


def test_a_replayed_document_that_no_longer_parses_is_kept_and_reported(kb_copy: Path) -> None:
    db = open_db(kb_copy)
    ingest_text(db, synthetic.disclosure(2024, 1, 2, seed=5), "2024-1.txt")
    db.execute("update documents set text = '오늘의 날씨' where source = '2024-1.txt'")
    db.close()
    ids = documents(kb_copy)
    report = build(kb_copy)
    assert any("no longer parses" in w.message for w in report.warnings)
    assert documents(kb_copy) == ids
    assert "2024-1.txt" not in served(kb_copy).values()
