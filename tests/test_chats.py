"""Per-chat memory in the real ``chats`` table: language choice and last turn, across reopen;
written behind the answer, never failing it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.telegram.memory import ChatMemory, Memory
from bot.telegram.userdata import UserData


def rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute("select chat_id, lang, context from chats order by chat_id").fetchall()


def fail_writes(path: Path) -> None:
    """Every write to ``chats`` fails, as on a full disk (whoever runs the test, root too)."""
    with sqlite3.connect(path) as conn:
        for event in ("insert", "update"):
            conn.execute(
                f"create trigger full_{event} before {event} on chats "
                "begin select raise(abort, 'database or disk is full'); end"
            )


async def opened(path: Path) -> tuple[Memory, UserData]:
    userdata = UserData(path)
    return Memory(userdata), userdata


async def close(memory: Memory, userdata: UserData) -> None:
    await memory.flush()
    memory.close()
    await userdata.close()


async def test_a_new_chat_remembers_nothing(kb_copy: Path) -> None:
    memory, userdata = await opened(kb_copy)
    assert memory.get(42) == ChatMemory(42)
    await close(memory, userdata)


async def test_language_and_turn_are_stored_independently_and_survive_reopen(
    kb_copy: Path,
) -> None:
    memory, userdata = await opened(kb_copy)
    memory.set_lang(7, "en")
    memory.remember(7, {"context": {"intent": "average", "entities": {"year": 2023}}})
    memory.remember(-100, {"context": None, "buttons": {"abc": "질문"}})
    memory.set_lang(7, "ko")
    await close(memory, userdata)

    assert rows(kb_copy) == [
        (-100, None, '{"context": null, "buttons": {"abc": "질문"}}'),
        (7, "ko", '{"context": {"intent": "average", "entities": {"year": 2023}}}'),
    ]
    again, userdata = await opened(kb_copy)
    assert again.get(7) == ChatMemory(
        7, "ko", {"context": {"intent": "average", "entities": {"year": 2023}}}
    )
    again.set_lang(7, None)
    assert again.get(7).lang is None and again.get(7).turn is not None
    await close(again, userdata)


async def test_unreadable_rows_are_treated_as_no_memory(kb_copy: Path) -> None:
    with sqlite3.connect(kb_copy) as conn:
        conn.execute("insert into chats (chat_id, lang, context) values (1, 'fr', '{not json')")
        conn.execute("insert into chats (chat_id, lang, context) values (2, 'en', '[1, 2]')")
    memory, userdata = await opened(kb_copy)
    assert memory.get(1) == ChatMemory(1) and memory.get(2) == ChatMemory(2, "en")
    await close(memory, userdata)


async def test_only_supported_languages_are_stored(kb_copy: Path) -> None:
    memory, userdata = await opened(kb_copy)
    with pytest.raises(ValueError, match="unsupported language"):
        memory.set_lang(1, "fr")
    await close(memory, userdata)
    assert rows(kb_copy) == []


async def test_a_write_that_fails_is_logged_and_the_memory_kept_in_this_process(
    kb_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Regression (issue 9): a full disk or read-only file made every answer an apology."""
    fail_writes(kb_copy)
    memory, userdata = await opened(kb_copy)
    memory.remember(5, {"context": None})
    await memory.flush()
    assert memory.get(5).turn == {"context": None}
    await close(memory, userdata)
    assert "background write failed" in caplog.text and "disk is full" in caplog.text
    assert rows(kb_copy) == []
