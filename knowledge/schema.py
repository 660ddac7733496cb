"""Every table, index and full-text index of the knowledge database, in one place.

Two families of tables live in one file so that an ingest and its notifications commit
in a single transaction:

* knowledge tables (documents … glossary) are a build product: ``evalbot build`` drops
  and recreates them from ``knowledge/sources``;
* user tables (chats, subscribers, outbox) hold what people told the bot and survive
  every rebuild.
"""

from __future__ import annotations

import sqlite_utils

#: Bump when a knowledge table changes: a database built by another version is rebuilt.
KNOWLEDGE_SCHEMA = 3

KNOWLEDGE_TABLES = (
    "build_info",
    "findings_fts",
    "findings",
    "evaluations",
    "services",
    "figures",
    "rounds",
    "glossary",
    "documents",
)
USER_TABLES = ("outbox", "subscribers", "chats")

_SCOPE = {
    "year_start": int,
    "year_end": int,
    "round_start": int,
    "round_end": int,
    "label": str,
}


def create_knowledge_tables(db: sqlite_utils.Database) -> None:
    """Create the knowledge tables (idempotent: existing tables are left alone)."""
    db.table("documents").create(
        {
            "id": int,
            "title": str,
            "source": str,
            "sha256": str,
            "kind": str,  # disclosure | report | curated
            "publisher": str,
            "published_on": str,
            "url": str,
            "ingested_at": str,
            # 1 when the document is not served: a newer document of the same round replaced
            # it, it was withdrawn (withdrawn_at), or a build retired it
            "superseded": int,
            "withdrawn_at": str,  # set by `evalbot withdraw`; survives every rebuild
            "origin": str,  # sources (shipped in knowledge/sources) | ingest
            "source_type": str,  # reports: press | city (a city plan or approval document)
            "text": str,
        },
        pk="id",
        not_null={"title", "source", "sha256", "kind"},
        defaults={"superseded": 0, "origin": "ingest"},
        if_not_exists=True,
    )
    db.table("documents").create_index(["sha256"], unique=True, if_not_exists=True)
    db.table("build_info").create({"key": str, "value": str}, pk="key", if_not_exists=True)
    create_knowledge_version(db)
    db.table("rounds").create(
        {
            "id": int,
            "year": int,
            "round_no": int,
            "title": str,
            "document_id": int,
            "legal_basis": str,
            "period_start": str,
            "period_end": str,
            "evaluator": str,
            "services_in_year": int,
            "services_evaluated": int,
            "average_score": float,
            "average_precision": int,
            "cutoff": float,
            "scoring_areas": str,  # JSON list
            "max_points": int,
            "area_points": str,  # JSON list of [area, points]
            "usage": str,  # JSON list
            "below_cutoff_count": int,
            "below_cutoff_names": str,  # JSON list
            "superseded": int,
        },
        pk="id",
        not_null={"year", "round_no", "title", "document_id"},
        defaults={"superseded": 0},
        foreign_keys=[("document_id", "documents", "id")],
        if_not_exists=True,
    )
    db.execute(
        "create unique index if not exists idx_rounds_current "
        "on rounds(year, round_no) where superseded = 0"
    )
    db.table("services").create(
        {
            "id": int,
            "name_ko": str,
            "key": str,  # knowledge.names.service_key(name_ko): one service across rounds
            "short_ko": str,
            "name_en": str,
            "name_en_full": str,
            "aliases": str,  # JSON list
        },
        pk="id",
        not_null={"name_ko"},
        if_not_exists=True,
    )
    db.table("services").create_index(["key"], unique=True, if_not_exists=True)
    db.table("evaluations").create(
        {
            "id": int,
            "round_id": int,
            "service_id": int,
            "position": int,
            "name_published": str,
            "score": float,
            "score_precision": int,
            "contractor": str,
            "department": str,
            "area_scores": str,  # JSON list of [area, score, decimal places, points or null]
        },
        pk="id",
        not_null={"round_id", "service_id"},
        foreign_keys=[("round_id", "rounds", "id"), ("service_id", "services", "id")],
        if_not_exists=True,
    )
    db.table("evaluations").create_index(
        ["round_id", "service_id"], unique=True, if_not_exists=True
    )
    db.table("findings").create(
        {
            "id": int,
            "evaluation_id": int,
            "kind": str,
            "position": int,
            "text_ko": str,
            "text_en": str,
            "line_no": int,
        },
        pk="id",
        not_null={"evaluation_id", "kind", "position", "text_ko"},
        foreign_keys=[("evaluation_id", "evaluations", "id")],
        if_not_exists=True,
    )
    db.table("findings").create_index(["evaluation_id"], if_not_exists=True)
    if "findings_fts" not in db.table_names():
        db.table("findings").enable_fts(
            ["text_ko", "text_en"], tokenize="trigram", create_triggers=True
        )
    db.table("figures").create(
        {
            "id": int,
            "document_id": int,
            "metric": str,
            "value": float,
            "precision": int,
            "denominator": int,
            **_SCOPE,
            **{f"cmp_{k}": v for k, v in _SCOPE.items()},
            "quote": str,
            "line_no": int,
            "text": str,
        },
        pk="id",
        not_null={"document_id", "metric"},
        foreign_keys=[("document_id", "documents", "id")],
        if_not_exists=True,
    )
    db.table("figures").create_index(["metric", "year_start"], if_not_exists=True)
    db.table("glossary").create({"ko": str, "en": str}, pk="ko", if_not_exists=True)


def create_user_tables(db: sqlite_utils.Database) -> None:
    """Create the user tables (idempotent); they are never dropped by a rebuild."""
    db.table("chats").create(
        {"chat_id": int, "lang": str, "context": str, "updated_at": str},
        pk="chat_id",
        if_not_exists=True,
    )
    db.table("subscribers").create(
        {
            "id": int,
            "chat_id": int,
            "lang": str,
            "service_name_ko": str,  # NULL: every new round; else one service's evaluations
            "active": int,
            "created_at": str,
        },
        pk="id",
        not_null={"chat_id", "lang", "active"},
        defaults={"active": 1},
        if_not_exists=True,
    )
    db.execute(
        "create unique index if not exists idx_subscribers_unique "
        "on subscribers(chat_id, coalesce(service_name_ko, ''))"
    )
    db.table("outbox").create(
        {
            "id": int,
            "chat_id": int,
            "lang": str,
            "year": int,
            "round_no": int,
            "notice": str,  # new | updated
            "document_sha256": str,
            "service_name_ko": str,  # the subscribed service the round evaluates, if any
            "state": str,  # pending | sending | sent | failed | cancelled (document withdrawn)
            "attempts": int,
            "created_at": str,
            "sent_at": str,
            "error": str,
        },
        pk="id",
        not_null={"chat_id", "lang", "year", "round_no", "notice", "state"},
        defaults={"state": "pending", "attempts": 0},
        if_not_exists=True,
    )
    db.execute(
        "create unique index if not exists idx_outbox_once "
        "on outbox(chat_id, year, round_no, document_sha256)"
    )
    db.table("outbox").create_index(["state"], if_not_exists=True)


def add_outbox_service(db: sqlite_utils.Database) -> None:
    """Outbox rows name the subscribed service that caused them (added after the first release)."""
    if "service_name_ko" not in db["outbox"].columns_dict:
        db.execute("alter table outbox add column service_name_ko text")


def create_knowledge_version(db: sqlite_utils.Database) -> None:
    """One row whose ``version`` grows with every change to what the bot knows.

    Triggers bump it in the same transaction as any insert, update or delete of a document
    (ingest, replace, withdraw, build) or of ``build_info`` (a rebuild that changed only
    curated data), so a reader compares one integer instead of reading ``documents``.
    The table is not a knowledge table: it survives rebuilds, so the number never repeats.
    """
    db.execute(
        "create table if not exists knowledge_version "
        "(id integer primary key check (id = 1), version integer not null)"
    )
    db.execute("insert or ignore into knowledge_version (id, version) values (1, 0)")
    bump = "update knowledge_version set version = version + 1 where id = 1"
    for table in ("documents", "build_info"):
        for event in ("insert", "update", "delete"):
            db.execute(
                f"create trigger if not exists knowledge_version_{table}_{event} "
                f"after {event} on {table} for each row begin {bump}; end"
            )


def drop_knowledge_tables(db: sqlite_utils.Database) -> None:
    """Drop the knowledge tables, children first (the FTS triggers go with ``findings``)."""
    for name in KNOWLEDGE_TABLES:
        db[name].drop(ignore=True)
