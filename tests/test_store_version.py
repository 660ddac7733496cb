"""The one-row knowledge version: bumped with every change to documents or to a build."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from knowledge import synthetic
from knowledge.queries import Queries
from knowledge.store import build, ingest_text, open_db


def _version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("select version from knowledge_version").fetchone()[0])
    finally:
        conn.close()


def test_an_ingest_by_another_connection_changes_the_signature(kb_copy: Path) -> None:
    q = Queries(kb_copy)
    before, version = q.knowledge_signature(), _version(kb_copy)
    assert q.knowledge_signature() == before  # nothing committed: the same value, no read
    name, text = synthetic.generate(3, 1).documents()[0]
    db = open_db(kb_copy)
    ingest_text(db, text, name, notify=False)
    db.close()
    assert _version(kb_copy) > version
    assert q.knowledge_signature() != before
    q.close()


def test_a_commit_that_is_not_knowledge_keeps_the_signature(kb_copy: Path) -> None:
    q = Queries(kb_copy)
    before = q.knowledge_signature()
    conn = sqlite3.connect(kb_copy)
    conn.execute("create table if not exists scratch (x)")
    conn.execute("insert into scratch values (1)")  # like chat memory or the outbox
    conn.commit()
    conn.close()
    assert q.knowledge_signature() == before
    q.close()


def test_a_rebuild_never_repeats_a_version(tmp_path: Path) -> None:
    path = tmp_path / "knowledge.db"
    build(path)
    first = _version(path)
    build(path)  # the table survives the rebuild of the knowledge tables
    assert _version(path) > first
