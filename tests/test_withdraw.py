"""`evalbot withdraw` (issue 9): a document published by mistake stops being served.

Its round disappears from answers, its pending notifications are cancelled (sent ones are
history), ingesting it again changes nothing, and the running bot notices (the knowledge
signature changes).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from knowledge import subscribers, synthetic
from knowledge.queries import Queries
from knowledge.store import NoSuchDocument, find_document, ingest_text, open_db, withdraw


def rows(path: Path, sql: str, args: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


@pytest.fixture
def published(kb_copy: Path) -> Path:
    """Round 2031-1 published to three subscribers, one notice already sent."""
    db = open_db(kb_copy)
    for chat in (1, 2, 3):
        subscribers.subscribe(db, chat, "ko")
    ingest_text(db, synthetic.disclosure(2031, 1, 3, seed=1), "2031-1.txt")
    sent = subscribers.claim_next(db)
    assert sent is not None
    subscribers.mark_sent(db, sent.id)
    db.close()
    return kb_copy


def _id_and_sha(path: Path) -> tuple[int, str]:
    return rows(path, "select id, sha256 from documents where source = '2031-1.txt'")[0]


@pytest.mark.parametrize("how", ["id", "sha", "source", "file"])
def test_withdraw_by_id_sha_source_or_file(published: Path, tmp_path: Path, how: str) -> None:
    doc_id, sha = _id_and_sha(published)
    file = tmp_path / "copy.txt"
    file.write_text(synthetic.disclosure(2031, 1, 3, seed=1), encoding="utf-8")
    ref = {"id": str(doc_id), "sha": sha[:10], "source": "2031-1.txt", "file": str(file)}[how]
    db = open_db(published)
    try:
        assert find_document(db, ref)["id"] == doc_id
    finally:
        db.close()


def test_a_withdrawn_round_disappears_and_its_pending_notices_are_cancelled(
    published: Path,
) -> None:
    doc_id, sha = _id_and_sha(published)
    q = Queries(published)
    signature = q.knowledge_signature()
    assert (2031, 1) in [(r.year, r.round_no) for r in q.rounds()]
    db = open_db(published)
    result = withdraw(db, str(doc_id))
    db.close()
    assert (result.round, result.cancelled, result.already) == ((2031, 1), 2, False)
    assert rows(published, "select state, count(*) from outbox group by state order by 1") == [
        ("cancelled", 2),
        ("sent", 1),
    ]
    assert rows(
        published,
        "select superseded, withdrawn_at is not null from documents where id = ?",
        (doc_id,),
    ) == [(1, 1)]
    assert q.knowledge_signature() != signature  # a running bot rebuilds what it knows
    q.refresh()
    assert (2031, 1) not in [(r.year, r.round_no) for r in q.rounds()]
    assert q.evaluations(2031, 1) == [] and q.findings(year=2031) == []
    assert all(f.document_id != doc_id for f in q.figures())
    db = open_db(published)
    assert subscribers.claim_next(db) is None  # the broadcaster has nothing to send
    assert withdraw(db, sha[:8]).already
    again = ingest_text(db, synthetic.disclosure(2031, 1, 3, seed=1), "again.txt")
    db.close()
    assert (again.status, again.notices) == ("withdrawn", 0)
    assert "withdrawn" in again.describe()


def test_withdraw_from_the_cli(published: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc_id, sha = _id_and_sha(published)
    assert main(["withdraw", "--db", str(published), "2031-1.txt"]) == 0
    out = capsys.readouterr().out
    assert out.strip() == (
        f"withdrew document {doc_id} (2031-1.txt, {sha[:12]}); round 2031-1 is no longer "
        "answered from it; 2 pending notification(s) cancelled"
    )
    assert main(["subscribers", "--db", str(published)]) == 0
    assert "1 sent, 0 failed, 2 cancelled" in capsys.readouterr().out
    assert main(["withdraw", "--db", str(published), "no-such-thing.txt"]) == 1
    err = capsys.readouterr().err
    assert "no stored document matches 'no-such-thing.txt'" in err and "Traceback" not in err


def test_an_ambiguous_reference_is_refused(published: Path) -> None:
    db = open_db(published)
    try:
        ingest_text(db, synthetic.disclosure(2031, 2, 3, seed=2), "2031-1.txt")  # same name
        with pytest.raises(NoSuchDocument, match="matches 2 documents"):
            withdraw(db, "2031-1.txt")
    finally:
        db.close()
