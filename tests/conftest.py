"""Shared fixtures: real knowledge databases built from the shipped sources.

The database is built once per session into a temporary folder; tests that write to it
take ``kb_copy`` (a private copy) so they cannot disturb the others.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def kb_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A knowledge.db freshly built from knowledge/sources (read it, do not write it)."""
    from knowledge.store import build

    path = tmp_path_factory.mktemp("kb") / "knowledge.db"
    build(path)
    conn = sqlite3.connect(path)
    conn.execute("pragma wal_checkpoint(truncate)")
    conn.close()
    return path


@pytest.fixture
def kb_copy(kb_path: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the built database."""
    target = tmp_path / "knowledge.db"
    shutil.copy(kb_path, target)
    return target


@pytest.fixture(scope="session")
def queries(kb_path: Path) -> Iterator[object]:
    from knowledge.queries import Queries

    q = Queries(kb_path)
    yield q
    q.close()


@pytest.fixture(scope="session")
def engine(kb_path: Path) -> object:
    """One engine over the shared knowledge base, for tests that only ask."""
    from bot.engine import Engine
    from knowledge.queries import Queries

    return Engine(Queries(kb_path))


@pytest.fixture
async def api() -> AsyncIterator[object]:
    """The fake Bot API server on loopback, for the end-to-end tests."""
    from bot.testing.fakebotapi import FakeBotAPI

    async with FakeBotAPI() as server:
        yield server
