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
