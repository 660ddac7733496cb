"""Subscriptions and the outbox on real SQLite files: what ingest queues, and how rows move.

The broadcaster's exactly-once-ish promise rests on these transitions: a row is claimed
by exactly one claimer, leaves 'sending' only through mark_* (or recovery after a crash),
and a round's notices are written with the round or not at all.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from knowledge import subscribers, synthetic
from knowledge.disclosure import ParseError
from knowledge.store import ingest_text, open_db

IN_ROUND = synthetic.service_name(0)  # "가상1구 지원센터 운영": evaluated in every synthetic round
NOT_IN_ROUND = "서울 핀테크랩 관리 및 운영"  # a real service absent from the synthetic rounds
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def rows(path: Path, sql: str, args: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


@pytest.fixture
def db(kb_copy: Path):
    database = open_db(kb_copy)
    yield database
    database.close()


def _subscribe_mix(db) -> None:
    subscribers.subscribe(db, 1, "ko")
    subscribers.subscribe(db, 2, "en")
    subscribers.subscribe(db, 3, "ko", IN_ROUND.replace(" ", "  "))  # spacing does not matter
    subscribers.subscribe(db, 4, "en", NOT_IN_ROUND)
    subscribers.subscribe(db, 5, "ko")
    subscribers.subscribe(db, 5, "ko", IN_ROUND)  # both: still one notice
    subscribers.subscribe(db, 6, "en")
    subscribers.unsubscribe(db, 6)  # inactive: nothing


def test_ingest_queues_one_notice_per_interested_active_chat(db, kb_copy: Path) -> None:
    _subscribe_mix(db)
    result = ingest_text(db, synthetic.disclosure(2031, 1, scores=True), "syn-2031-1.txt")
    assert (result.status, result.notices) == ("new", 4)
    assert rows(
        kb_copy,
        "select chat_id, lang, year, round_no, notice, state, attempts "
        "from outbox order by chat_id",
    ) == [
        (1, "ko", 2031, 1, "new", "pending", 0),
        (2, "en", 2031, 1, "new", "pending", 0),
        (3, "ko", 2031, 1, "new", "pending", 0),
        (5, "ko", 2031, 1, "new", "pending", 0),
    ]


def test_known_document_queues_nothing_and_updates_notify_only_when_figures_change(
    db, kb_copy: Path
) -> None:
    _subscribe_mix(db)
    text = synthetic.disclosure(2031, 2, scores=True)
    assert ingest_text(db, text, "a.txt").notices == 4
    again = ingest_text(db, text, "a-again.txt")
    assert (again.status, again.notices) == ("known", 0)
    reworded = ingest_text(db, text + "\n", "a-reworded.txt")  # new bytes, same figures
    assert (reworded.status, reworded.figures_changed, reworded.notices) == ("updated", False, 0)
    changed = synthetic.disclosure(2031, 2, scores=True, seed=7)  # other scores and average
    result = ingest_text(db, changed, "a-corrected.txt")
    assert (result.status, result.notices) == ("updated", 4)
    assert rows(kb_copy, "select notice, count(*) from outbox group by notice") == [
        ("new", 4),
        ("updated", 4),
    ]


def test_broken_document_leaves_rounds_and_outbox_untouched(db, kb_copy: Path) -> None:
    _subscribe_mix(db)
    before = rows(kb_copy, "select (select count(*) from documents), (select count(*) from outbox)")
    broken = (FIXTURES / "broken-count-mismatch-results.txt").read_text(encoding="utf-8")
    with pytest.raises(ParseError, match="line 6"):
        ingest_text(db, broken, "broken.txt")
    after = rows(kb_copy, "select (select count(*) from documents), (select count(*) from outbox)")
    assert after == before


def _queue(db, chats: list[int], year: int = 2031) -> None:
    for chat_id in chats:
        subscribers.subscribe(db, chat_id, "ko" if chat_id % 2 else "en")
    ingest_text(db, synthetic.disclosure(year, 1), f"syn-{year}.txt")


def test_claim_takes_the_oldest_pending_row_once(db, kb_copy: Path) -> None:
    _queue(db, [10, 11, 12])
    first = subscribers.claim_next(db)
    assert first is not None and (first.chat_id, first.attempts, first.lang) == (10, 1, "en")
    assert rows(kb_copy, "select state from outbox where id = ?", (first.id,)) == [("sending",)]
    second = subscribers.claim_next(db)
    assert second is not None and second.chat_id == 11  # the claimed row is not handed out again
    subscribers.mark_sent(db, first.id)
    subscribers.mark_retry(db, second.id, "NetworkError: Internal Server Error")
    again = subscribers.claim_next(db)
    assert again is not None and (again.id, again.attempts) == (second.id, 2)
    subscribers.mark_failed(db, again.id, "bad request")
    last = subscribers.claim_next(db)
    assert last is not None and last.chat_id == 12
    subscribers.mark_sent(db, last.id)
    assert subscribers.claim_next(db) is None
    assert rows(
        kb_copy,
        "select chat_id, state, attempts, error is not null, sent_at is not null "
        "from outbox order by chat_id",
    ) == [
        (10, "sent", 1, 0, 1),
        (11, "failed", 2, 1, 0),
        (12, "sent", 1, 0, 1),
    ]


def test_marks_only_move_rows_that_are_being_sent(db, kb_copy: Path) -> None:
    _queue(db, [10])
    notice = subscribers.claim_next(db)
    assert notice is not None
    subscribers.mark_sent(db, notice.id)
    subscribers.mark_retry(db, notice.id, "late")  # a sent row never goes back to pending
    assert rows(kb_copy, "select state, error from outbox") == [("sent", None)]


def test_claim_skips_chats_that_were_just_sent_something(db) -> None:
    _queue(db, [10, 11], year=2031)
    ingest_text(db, synthetic.disclosure(2032, 1), "syn-2032.txt")  # a second notice each
    first = subscribers.claim_next(db)
    assert first is not None and first.chat_id == 10
    subscribers.mark_sent(db, first.id)
    second = subscribers.claim_next(db, skip_chats=[10])
    assert second is not None and (second.chat_id, second.year) == (11, 2031)
    subscribers.mark_sent(db, second.id)
    assert subscribers.claim_next(db, skip_chats=[10, 11]) is None
    assert subscribers.has_pending(db)
    third = subscribers.claim_next(db, skip_chats=[11])
    assert third is not None and (third.chat_id, third.year) == (10, 2032)


def test_recover_in_flight_puts_sending_rows_back(db, kb_copy: Path) -> None:
    _queue(db, [10, 11])
    claimed = subscribers.claim_next(db)
    assert claimed is not None
    assert subscribers.counts(db).sending == 1
    assert subscribers.recover_in_flight(db) == 1
    assert rows(kb_copy, "select state, attempts from outbox where id = ?", (claimed.id,)) == [
        ("pending", 1)
    ]
    assert subscribers.recover_in_flight(db) == 0


def test_deactivate_chat_stops_subscriptions_and_fails_undelivered_notices(
    db, kb_copy: Path
) -> None:
    _queue(db, [10, 11])
    subscribers.subscribe(db, 10, "en", IN_ROUND)
    claimed = subscribers.claim_next(db)
    assert claimed is not None and claimed.chat_id == 10
    subscribers.deactivate_chat(db, 10, "forbidden: bot was blocked by the user")
    assert subscribers.subscriptions(db, 10) == []
    assert rows(kb_copy, "select chat_id, state from outbox order by chat_id") == [
        (10, "failed"),
        (11, "pending"),
    ]
    counts = subscribers.counts(db)
    assert (counts.active, counts.inactive, counts.pending, counts.failed) == (1, 2, 1, 1)
    assert "1 active, 2 inactive" in counts.describe()


def test_language_change_reaches_pending_notices(db, kb_copy: Path) -> None:
    _queue(db, [10])
    subscribers.set_language(db, 10, "ko")
    assert rows(kb_copy, "select lang from outbox") == [("ko",)]
    assert rows(kb_copy, "select lang from subscribers") == [("ko",)]


def test_concurrent_claimers_never_share_a_row(db, kb_copy: Path) -> None:
    """Two connections (as two processes would) claim until empty: each row exactly once."""
    _queue(db, list(range(100, 400)))
    claimed: list[list[int]] = [[], [], []]

    def claimer(slot: int) -> None:
        own = open_db(kb_copy)
        try:
            while (notice := subscribers.claim_next(own)) is not None:
                claimed[slot].append(notice.id)
                subscribers.mark_sent(own, notice.id)
        finally:
            own.close()

    threads = [threading.Thread(target=claimer, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [i for ids in claimed for i in ids]
    assert len(every) == len(set(every)) == 300
    assert rows(kb_copy, "select state, count(*), max(attempts) from outbox group by state") == [
        ("sent", 300, 1)
    ]


def test_a_notice_names_the_subscribed_service_it_is_about(db, kb_copy: Path) -> None:
    """A service subscriber's alert can name *their* service (None: every round)."""
    subscribers.subscribe(db, 1, "ko")
    subscribers.subscribe(db, 2, "en", IN_ROUND.replace(" ", ""))  # spelt another way
    subscribers.subscribe(db, 3, "ko")
    subscribers.subscribe(db, 3, "ko", IN_ROUND)  # both kinds: the service is named
    ingest_text(db, synthetic.disclosure(2031, 1), "syn-2031-1.txt")
    claimed = []
    while (notice := subscribers.claim_next(db)) is not None:
        claimed.append((notice.chat_id, notice.service_name_ko))
        subscribers.mark_sent(db, notice.id)
    assert claimed == [(1, None), (2, IN_ROUND.replace(" ", "")), (3, IN_ROUND)]


def test_every_write_starts_with_begin_immediate(db) -> None:
    """One transaction idiom: a write takes the lock before it reads (issue 9)."""
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        subscribers.subscribe(db, 1, "ko")
        subscribers.set_language(db, 1, "en")
        subscribers.unsubscribe(db, 1)
        subscribers.recover_in_flight(db)
        subscribers.claim_next(db)
    finally:
        db.conn.set_trace_callback(None)
    begins = [s for s in statements if s.upper().startswith("BEGIN")]
    assert begins and all(s.upper() == "BEGIN IMMEDIATE" for s in begins)
    assert len(begins) == 5
