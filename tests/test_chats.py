"""Per-chat memory in the real ``chats`` table: language choice and last turn, across reopen."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from knowledge.chats import ChatMemory, Chats


def rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute("select chat_id, lang, context from chats order by chat_id").fetchall()


def test_a_new_chat_remembers_nothing(kb_copy: Path) -> None:
    assert Chats.open(kb_copy).get(42) == ChatMemory(42)


def test_language_and_turn_are_stored_independently_and_survive_reopen(kb_copy: Path) -> None:
    chats = Chats.open(kb_copy)
    chats.set_lang(7, "en")
    chats.remember(7, {"context": {"intent": "average", "entities": {"year": 2023}}})
    chats.remember(-100, {"context": None, "buttons": {"abc": "질문"}})
    chats.set_lang(7, "ko")
    chats.close()

    assert rows(kb_copy) == [
        (-100, None, '{"context": null, "buttons": {"abc": "질문"}}'),
        (7, "ko", '{"context": {"intent": "average", "entities": {"year": 2023}}}'),
    ]
    again = Chats.open(kb_copy)
    assert again.get(7) == ChatMemory(
        7, "ko", {"context": {"intent": "average", "entities": {"year": 2023}}}
    )
    again.set_lang(7, None)
    assert again.get(7).lang is None and again.get(7).turn is not None


def test_unreadable_rows_are_treated_as_no_memory(kb_copy: Path) -> None:
    with sqlite3.connect(kb_copy) as conn:
        conn.execute("insert into chats (chat_id, lang, context) values (1, 'fr', '{not json')")
        conn.execute("insert into chats (chat_id, lang, context) values (2, 'en', '[1, 2]')")
    chats = Chats.open(kb_copy)
    assert chats.get(1) == ChatMemory(1) and chats.get(2) == ChatMemory(2, "en")


def test_only_supported_languages_are_stored(kb_copy: Path) -> None:
    with pytest.raises(ValueError, match="unsupported language"):
        Chats.open(kb_copy).set_lang(1, "fr")
    assert rows(kb_copy) == []
