"""Who wants to hear about new rounds, and the outbox of notifications owed to them.

Besides ingest, this is the only module that writes user data about notifications.
``enqueue_notices`` runs inside the ingest's transaction, so a round is never published
without its notifications, nor the reverse.
"""

from __future__ import annotations

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
    db: sqlite_utils.Database, chat_id: int, service_name_ko: str | None = None, *, all_: bool = False
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
    with db.atomic():
        db.execute("update subscribers set lang = ? where chat_id = ?", [lang, chat_id])


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
        "select id, active from subscribers where chat_id = ? and coalesce(service_name_ko, '') = ?",
        [chat_id, service_name_ko or ""],
    )
    row = cursor.fetchone()
    return {"id": row[0], "active": row[1]} if row else None
