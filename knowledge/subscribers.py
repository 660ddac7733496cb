"""Who wants to hear about new rounds, and the outbox of notifications owed to them.

Besides ingest, this is the only module that writes user data about notifications.
``enqueue_notices`` runs inside the ingest's transaction, so a round is never published
without its notifications, nor the reverse.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlite_utils


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


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
    """
    placeholders = ",".join("?" for _ in service_keys) or "''"
    before = db.execute("select count(*) from outbox").fetchone()[0]
    db.execute(
        f"""
        insert or ignore into outbox
            (chat_id, lang, year, round_no, notice, document_sha256, state, attempts, created_at)
        select chat_id, lang, ?, ?, ?, ?, 'pending', 0, ?
        from subscribers
        where active = 1
          and (service_name_ko is null
               or replace(service_name_ko, ' ', '') in ({placeholders}))
        order by id
        """,
        [year, round_no, notice, document_sha256, _now(), *service_keys],
    )
    return db.execute("select count(*) from outbox").fetchone()[0] - before


# ---- subscriptions ----------------------------------------------------------------------
def subscribe(
    db: sqlite_utils.Database, chat_id: int, lang: str, service_name_ko: str | None = None
) -> bool:
    """Subscribe a chat to every new round (or to one service); True if it was new or revived."""
    existing = _subscription(db, chat_id, service_name_ko)
    with db.atomic():
        if existing is None:
            db["subscribers"].insert(
                {
                    "chat_id": chat_id,
                    "lang": lang,
                    "service_name_ko": service_name_ko,
                    "active": 1,
                    "created_at": _now(),
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
    with db.atomic():
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
    with db.atomic():
        db.execute("update subscribers set lang = ? where chat_id = ?", [lang, chat_id])
        db.execute(
            "update outbox set lang = ? where chat_id = ? and state = 'pending'", [lang, chat_id]
        )


def deactivate_chat(db: sqlite_utils.Database, chat_id: int, reason: str) -> None:
    """The chat blocked the bot or vanished: stop its subscriptions and its pending notices."""
    with db.atomic():
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


@dataclass(frozen=True)
class Counts:
    """What `evalbot subscribers` shows: subscriptions and deliveries by state."""

    active: int
    inactive: int
    pending: int
    sending: int
    sent: int
    failed: int

    def describe(self) -> str:
        return (
            f"subscribers: {self.active} active, {self.inactive} inactive\n"
            f"deliveries: {self.pending} pending, {self.sending} sending, "
            f"{self.sent} sent, {self.failed} failed"
        )


def claim_next(db: sqlite_utils.Database, skip_chats: Iterable[int] = ()) -> Notice | None:
    """Take the oldest pending notice (pending -> sending, attempts + 1), or None.

    ``skip_chats`` are chats that were just sent something (Telegram allows about one
    message per second per chat); their notices wait for a later claim.
    """
    with db.atomic():
        row = db.execute(
            """
            update outbox set state = 'sending', attempts = attempts + 1
            where id = (
                select id from outbox
                where state = 'pending'
                  and chat_id not in (select value from json_each(?))
                order by id limit 1
            )
            returning id, chat_id, lang, year, round_no, notice, document_sha256, attempts
            """,
            [json.dumps(sorted(set(skip_chats)))],
        ).fetchone()
    return Notice(*row) if row else None


def mark_sent(db: sqlite_utils.Database, notice_id: int) -> None:
    """Telegram accepted the message: never send this row again."""
    _finish(db, notice_id, "sent", None, sent_at=_now())


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
    with db.atomic():
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
    with db.atomic():
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
        **{s: states.get(s, 0) for s in ("pending", "sending", "sent", "failed")},
    )
