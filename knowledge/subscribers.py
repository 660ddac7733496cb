"""Who wants to hear about new rounds, and the outbox of notifications owed to them.

Besides ingest, this is the only module that writes user data about notifications.
``enqueue_notices`` runs inside the ingest's transaction, so a round is never published
without its notifications, nor the reverse.  Every write is one
``knowledge.db.transaction`` (``BEGIN IMMEDIATE``): a claim or a subscription never fails
because another process wrote in between.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

import sqlite_utils

from knowledge.db import now, transaction
from knowledge.names import service_key


def enqueue_notices(
    db: sqlite_utils.Database,
    year: int,
    round_no: int,
    document_sha256: str,
    notice: str,
    service_keys: list[str],
) -> int:
    """Queue one notice per active subscriber interested in this round; returns how many.

    A subscriber to every round, or to one of the round's services, gets exactly one row
    (the unique index on chat × round × document makes a second subscription a no-op).
    The row names the subscribed service the round evaluates (``None`` when the chat only
    subscribed to every round), so the alert can name it.  Services are compared by
    ``knowledge.names.service_key``: a renamed service still matches.
    """
    keys = set(service_keys)
    with transaction(db):
        chosen: dict[int, tuple[str, str | None]] = {}  # chat -> (lang, subscribed service)
        for chat_id, lang, service_name_ko in db.execute(
            "select chat_id, lang, service_name_ko from subscribers where active = 1 order by id"
        ).fetchall():
            if service_name_ko is not None and service_key(service_name_ko) not in keys:
                continue
            first_lang, service = chosen.get(chat_id, (lang, None))
            chosen[chat_id] = (first_lang, service or service_name_ko)
        if not chosen:
            return 0
        before = db.conn.total_changes
        db.conn.executemany(
            """
            insert or ignore into outbox
                (chat_id, lang, year, round_no, notice, document_sha256, service_name_ko,
                 state, attempts, created_at)
            values (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)
            """,
            [
                (chat_id, lang, year, round_no, notice, document_sha256, service, now())
                for chat_id, (lang, service) in chosen.items()
            ],
        )
        return db.conn.total_changes - before


def cancel_notices(db: sqlite_utils.Database, document_sha256: str, reason: str) -> int:
    """Cancel the pending notices about a document (it was withdrawn); returns how many."""
    with transaction(db):
        cursor = db.execute(
            "update outbox set state = 'cancelled', error = ? "
            "where document_sha256 = ? and state = 'pending'",
            [reason, document_sha256],
        )
    return cursor.rowcount


# ---- subscriptions ----------------------------------------------------------------------
def subscribe(
    db: sqlite_utils.Database, chat_id: int, lang: str, service_name_ko: str | None = None
) -> bool:
    """Subscribe a chat to every new round (or to one service); True if it was new or revived."""
    with transaction(db):
        existing = _subscription(db, chat_id, service_name_ko)
        if existing is None:
            db.table("subscribers").insert(
                {
                    "chat_id": chat_id,
                    "lang": lang,
                    "service_name_ko": service_name_ko,
                    "active": 1,
                    "created_at": now(),
                }
            )
            return True
        db.execute(
            "update subscribers set active = 1, lang = ? where id = ?", [lang, existing["id"]]
        )
    return not existing["active"]


def unsubscribe(
    db: sqlite_utils.Database,
    chat_id: int,
    service_name_ko: str | None = None,
    *,
    all_: bool = False,
) -> int:
    """Stop one subscription (or all of a chat's with ``all_``); returns how many were active."""
    with transaction(db):
        if all_:
            cursor = db.execute(
                "update subscribers set active = 0 where chat_id = ? and active = 1", [chat_id]
            )
        else:
            cursor = db.execute(
                "update subscribers set active = 0 where chat_id = ? and active = 1 "
                "and coalesce(service_name_ko, '') = ?",
                [chat_id, service_name_ko or ""],
            )
    return cursor.rowcount


def subscriptions(db: sqlite_utils.Database, chat_id: int) -> list[str | None]:
    """A chat's active subscriptions: ``None`` for every round, else a service's Korean name."""
    rows = db.execute(
        "select service_name_ko from subscribers where chat_id = ? and active = 1 order by id",
        [chat_id],
    ).fetchall()
    return [r[0] for r in rows]


def set_language(db: sqlite_utils.Database, chat_id: int, lang: str) -> None:
    """A chat chose another language: its subscriptions and its undelivered notices follow."""
    with transaction(db):
        db.execute("update subscribers set lang = ? where chat_id = ?", [lang, chat_id])
        db.execute(
            "update outbox set lang = ? where chat_id = ? and state = 'pending'", [lang, chat_id]
        )


def deactivate_chat(db: sqlite_utils.Database, chat_id: int, reason: str) -> None:
    """The chat blocked the bot or vanished: stop its subscriptions and its pending notices."""
    with transaction(db):
        db.execute("update subscribers set active = 0 where chat_id = ?", [chat_id])
        db.execute(
            "update outbox set state = 'failed', error = ? where chat_id = ? "
            "and state in ('pending', 'sending')",
            [reason, chat_id],
        )


def _subscription(db: sqlite_utils.Database, chat_id: int, service_name_ko: str | None):
    cursor = db.execute(
        "select id, active from subscribers "
        "where chat_id = ? and coalesce(service_name_ko, '') = ?",
        [chat_id, service_name_ko or ""],
    )
    row = cursor.fetchone()
    return {"id": row[0], "active": row[1]} if row else None


# ---- delivery -------------------------------------------------------------------------------
# One broadcaster drains the outbox, one row at a time:
#
#   pending --claim_next--> sending --mark_sent--> sent
#                              |----mark_retry---> pending   (429, 5xx, network: try again)
#                              |----mark_failed--> failed    (our own bad request, or gave up)
#                              '--deactivate_chat-> failed   (blocked, chat not found)
#
# Each step is its own committed transaction, so after a crash (even SIGKILL) the only
# row whose fate is unknown is the one left in 'sending'; ``recover_in_flight`` puts it
# back to 'pending', and at most that one message is delivered twice.
@dataclass(frozen=True)
class Notice:
    """One claimed outbox row: whom to tell, in which language, about which round."""

    id: int
    chat_id: int
    lang: str
    year: int
    round_no: int
    notice: str  # new | updated
    document_sha256: str
    attempts: int
    #: the subscribed service this round evaluates; None for an every-round subscriber
    service_name_ko: str | None = None


@dataclass(frozen=True)
class Counts:
    """What `evalbot subscribers` shows: subscriptions and deliveries by state."""

    active: int
    inactive: int
    pending: int
    sending: int
    sent: int
    failed: int
    cancelled: int = 0  # the document was withdrawn before they were sent

    def describe(self) -> str:
        cancelled = f", {self.cancelled} cancelled" if self.cancelled else ""
        return (
            f"subscribers: {self.active} active, {self.inactive} inactive\n"
            f"deliveries: {self.pending} pending, {self.sending} sending, "
            f"{self.sent} sent, {self.failed} failed{cancelled}"
        )


def claim_next(db: sqlite_utils.Database, skip_chats: Iterable[int] = ()) -> Notice | None:
    """Take the oldest pending notice (pending -> sending, attempts + 1), or None.

    ``skip_chats`` are chats that were just sent something (Telegram allows about one
    message per second per chat); their notices wait for a later claim.
    """
    with transaction(db):
        row = db.execute(
            """
            update outbox set state = 'sending', attempts = attempts + 1
            where id = (
                select id from outbox
                where state = 'pending'
                  and chat_id not in (select value from json_each(?))
                order by id limit 1
            )
            returning id, chat_id, lang, year, round_no, notice, document_sha256, attempts,
                service_name_ko
            """,
            [json.dumps(sorted(set(skip_chats)))],
        ).fetchone()
    return Notice(*row) if row else None


def mark_sent(db: sqlite_utils.Database, notice_id: int) -> None:
    """Telegram accepted the message: never send this row again."""
    _finish(db, notice_id, "sent", None, sent_at=now())


def mark_retry(db: sqlite_utils.Database, notice_id: int, error: str) -> None:
    """The send failed in a way worth retrying: back to pending, reason kept."""
    _finish(db, notice_id, "pending", error)


def mark_failed(db: sqlite_utils.Database, notice_id: int, error: str) -> None:
    """The send can never succeed (or we gave up): stop trying, reason kept."""
    _finish(db, notice_id, "failed", error)


def _finish(
    db: sqlite_utils.Database,
    notice_id: int,
    state: str,
    error: str | None,
    sent_at: str | None = None,
) -> None:
    with transaction(db):
        db.execute(
            "update outbox set state = ?, error = ?, sent_at = coalesce(?, sent_at) "
            "where id = ? and state = 'sending'",
            [state, error, sent_at, notice_id],
        )


def recover_in_flight(db: sqlite_utils.Database) -> int:
    """Put rows left in 'sending' (by a crash) back to pending; returns how many.

    Call it only when no broadcaster is sending (at start-up, or between drains): a row
    in 'sending' then belongs to nobody.
    """
    with transaction(db):
        cursor = db.execute(
            "update outbox set state = 'pending', error = 'interrupted while sending' "
            "where state = 'sending'"
        )
    return cursor.rowcount


def has_pending(db: sqlite_utils.Database) -> bool:
    return db.execute("select 1 from outbox where state = 'pending' limit 1").fetchone() is not None


def counts(db: sqlite_utils.Database) -> Counts:
    active = dict(db.execute("select active, count(*) from subscribers group by active").fetchall())
    states = dict(db.execute("select state, count(*) from outbox group by state").fetchall())
    return Counts(
        active=active.get(1, 0),
        inactive=active.get(0, 0),
        **{s: states.get(s, 0) for s in ("pending", "sending", "sent", "failed", "cancelled")},
    )
