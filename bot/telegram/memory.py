"""What the bot remembers per chat: the language chosen with /lang and the last turn.

Both survive a restart, because a follow-up ("그럼 2022년은?") sent a minute after a
deploy should still find its previous turn; they live in the database's ``chats`` table,
which only this module reads and writes.  The turn is the adapter's own JSON: the
engine's context, the questions behind the chat's buttons, and the context of each
recent answer by message id (a reply to an answer follows that answer).

Memory never holds up or fails an answer: it is read from a cache of the chats seen
lately (else with a read-only connection that gives up at once when the file is busy or
unreadable) and written behind the answer, in the ``UserData`` thread.  A full disk or a
read-only file costs the memory of what happened since — logged — not the answer.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any

import sqlite_utils
from telegram import User

from bot.telegram.userdata import UserData
from knowledge.db import connect_readonly, now, transaction

logger = logging.getLogger(__name__)

LANGS = ("ko", "en")
#: Chats whose memory is kept in this process (the rest is read from the database).
CACHED_CHATS = 10_000
#: Seconds between an answer and the write of its memory: under load, the turns of many
#: chats go into one transaction (and wake the writer thread once), not one each.
WRITE_DELAY = 0.05
#: How long a memory read may wait for a busy database before answering without memory.
READ_TIMEOUT_MS = 50


@dataclass(frozen=True)
class ChatMemory:
    chat_id: int
    #: the language chosen with /lang; None lets the question's own words decide
    lang: str | None = None
    turn: dict[str, Any] | None = None


class Memory:
    """Per-chat memory over the ``chats`` table: cached reads, background writes."""

    def __init__(self, userdata: UserData) -> None:
        self.userdata = userdata
        self._cache: OrderedDict[int, ChatMemory] = OrderedDict()
        self._reader: sqlite3.Connection | None = None
        #: chat -> columns to write; written together, in one transaction, by the next flush
        self._pending: dict[int, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._table = False
        #: the scheduled write of what is pending (cancelled by ``flush``, which writes now)
        self._timer: asyncio.TimerHandle | None = None

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    # ---- reading ------------------------------------------------------------------------
    def get(self, chat_id: int) -> ChatMemory:
        """The chat's memory; a chat never seen before (or unreadable) remembers nothing."""
        memory = self._cache.get(chat_id)
        if memory is None:
            memory = self._read(chat_id)
            self._keep(memory)
        else:
            self._cache.move_to_end(chat_id)
        return memory

    def _read(self, chat_id: int) -> ChatMemory:
        try:
            if self._reader is None:
                self._reader = connect_readonly(self.userdata.path)
                self._reader.execute(f"pragma busy_timeout = {READ_TIMEOUT_MS}")
            row = self._reader.execute(
                "select lang, context from chats where chat_id = ?", [chat_id]
            ).fetchone()
        except sqlite3.Error as error:  # no table yet, busy, damaged: no memory this time
            logger.debug("chat memory unreadable chat=%s: %s", chat_id, error)
            return ChatMemory(chat_id)
        if row is None:
            return ChatMemory(chat_id)
        return ChatMemory(chat_id, row[0] if row[0] in LANGS else None, _load(row[1]))

    def _keep(self, memory: ChatMemory) -> None:
        self._cache[memory.chat_id] = memory
        self._cache.move_to_end(memory.chat_id)
        while len(self._cache) > CACHED_CHATS:
            self._cache.popitem(last=False)

    # ---- writing ------------------------------------------------------------------------
    def set_lang(self, chat_id: int, lang: str | None) -> None:
        """Remember a chosen language (``None`` forgets the choice)."""
        if lang is not None and lang not in LANGS:
            raise ValueError(f"unsupported language {lang!r}; expected one of {LANGS}")
        self._keep(replace(self.get(chat_id), lang=lang))
        self._write(chat_id, lang=lang)

    def remember(self, chat_id: int, turn: dict[str, Any] | None) -> None:
        """Replace the chat's last turn."""
        self._keep(replace(self.get(chat_id), turn=turn))
        raw = json.dumps(turn, ensure_ascii=False) if turn is not None else None
        self._write(chat_id, context=raw)

    def _write(self, chat_id: int, **columns: Any) -> None:
        """Queue a write; the writes of the next ``WRITE_DELAY`` seconds share one transaction."""
        with self._lock:
            idle = not self._pending
            self._pending.setdefault(chat_id, {}).update(columns)
        if not idle:
            return
        try:
            self._timer = asyncio.get_running_loop().call_later(WRITE_DELAY, self._submit)
        except RuntimeError:  # no event loop (a script): write now
            self._submit()

    def _submit(self) -> None:
        self._timer = None
        self.userdata.submit(self._flush)

    async def flush(self) -> None:
        """Write everything remembered so far, and wait until it is written (or failed).

        The scheduled write is cancelled: at shutdown it would otherwise fire after the
        writer thread stopped, and the last turns would be lost with an error."""
        if self._timer is not None:
            self._timer.cancel()
        self._submit()
        await self.userdata.flush()

    def _flush(self, db: sqlite_utils.Database) -> None:
        """Write what is queued (in the writer thread)."""
        with self._lock:
            pending, self._pending = self._pending, {}
        if not self._table:
            create_table(db)
            self._table = True
        if pending:
            _upsert(db, pending)


def create_table(db: sqlite_utils.Database) -> None:
    """The ``chats`` table (idempotent)."""
    db.table("chats").create(
        {"chat_id": int, "lang": str, "context": str, "updated_at": str},
        pk="chat_id",
        if_not_exists=True,
    )


def _upsert(db: sqlite_utils.Database, rows: dict[int, dict[str, Any]]) -> None:
    """One statement per chat, one transaction for them all."""
    stamp = now()
    with transaction(db):
        for chat_id, columns in rows.items():
            names = [*columns, "updated_at"]
            updates = ", ".join(f"{name} = excluded.{name}" for name in names)
            db.execute(
                f"insert into chats (chat_id, {', '.join(names)}) "
                f"values (?, {', '.join('?' for _ in names)}) "
                f"on conflict (chat_id) do update set {updates}",
                [chat_id, *columns.values(), stamp],
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


# ---- the language of a chat -----------------------------------------------------------------
def _code_lang(code: str | None) -> str | None:
    code = (code or "").lower()
    return "ko" if code.startswith("ko") else "en" if code.startswith("en") else None


def ui_lang(memory: ChatMemory, user: User | None) -> str:
    """Our own messages: the /lang choice, else the Telegram client's language, else Korean."""
    if memory.lang:
        return memory.lang
    if user and user.language_code:
        return _code_lang(user.language_code) or "en"
    return "ko"


def written_lang(memory: ChatMemory, user: User | None, text: str) -> str:
    """The language to reply to ``text`` in without the engine (e.g. "too long"): the /lang
    choice, else the text's own script (Hangul: Korean, Latin letters: English), else the
    client's language — a French or German client's Korean question gets Korean."""
    if memory.lang:
        return memory.lang
    if any("\uac00" <= ch <= "\ud7a3" for ch in text):
        return "ko"
    if any(ch.isascii() and ch.isalpha() for ch in text):
        return "en"
    return ui_lang(memory, user)


def question_lang(memory: ChatMemory, user: User | None, question: str) -> str | None:
    """The language to answer in; None lets the engine read it from the question.

    A /lang choice is a rule.  Telegram's language_code is only a default (often missing
    or wrong), so the question's own words decide, and the client's language only breaks
    the tie for a question without letters ("75?").
    """
    if memory.lang:
        return memory.lang
    if any(ch.isalpha() for ch in question):
        return None
    return _code_lang(user.language_code if user else None)
