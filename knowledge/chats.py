"""What a chat adapter remembers per chat: the language a user chose and the last turn.

The only writer of the ``chats`` table.  Both survive a restart because a follow-up
("그럼 2022년은?") sent a minute after a deploy should still find its previous turn.
The turn is stored as an opaque JSON object: the ``knowledge`` layer does not know
what an adapter keeps in it (the Telegram adapter keeps the engine's context and the
questions behind its buttons).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

LANGS = ("ko", "en")


@dataclass(frozen=True)
class ChatMemory:
    chat_id: int
    #: the language chosen with /lang; None lets the question's own words decide
    lang: str | None = None
    turn: dict[str, Any] | None = None


class Chats:
    """Read and write per-chat memory in the knowledge database's ``chats`` table."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    @classmethod
    def open(cls, path: str | Path) -> Chats:
        """Open the knowledge database the way every writer does (WAL, busy timeout, schema)."""
        from knowledge.store import open_db

        return cls(open_db(path))

    def close(self) -> None:
        self.db.close()

    def get(self, chat_id: int) -> ChatMemory:
        """The chat's memory; a chat never seen before remembers nothing."""
        row = self.db.execute(
            "select lang, context from chats where chat_id = ?", [chat_id]
        ).fetchone()
        if row is None:
            return ChatMemory(chat_id)
        lang = row[0] if row[0] in LANGS else None
        return ChatMemory(chat_id, lang, _load(row[1]))

    def set_lang(self, chat_id: int, lang: str | None) -> None:
        """Remember a chosen language (``None`` forgets the choice)."""
        if lang is not None and lang not in LANGS:
            raise ValueError(f"unsupported language {lang!r}; expected one of {LANGS}")
        self._upsert(chat_id, lang=lang)

    def remember(self, chat_id: int, turn: dict[str, Any] | None) -> None:
        """Replace the chat's last turn."""
        raw = json.dumps(turn, ensure_ascii=False) if turn is not None else None
        self._upsert(chat_id, context=raw)

    def _upsert(self, chat_id: int, **columns: Any) -> None:
        # one statement per turn: this runs for every message the bot answers
        names = [*columns, "updated_at"]
        values = [*columns.values(), _now()]
        updates = ", ".join(f"{name} = excluded.{name}" for name in names)
        with self.db.conn:
            self.db.execute(
                f"insert into chats (chat_id, {', '.join(names)}) "
                f"values (?, {', '.join('?' for _ in names)}) "
                f"on conflict (chat_id) do update set {updates}",
                [chat_id, *values],
            )


def _load(raw: str | None) -> dict[str, Any] | None:
    """A stored turn, or None when missing or unreadable (never an error for the user)."""
    if not raw:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
