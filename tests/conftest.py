"""Shared fixtures: real knowledge databases built from the shipped sources.

The database is built once per session into a temporary folder; tests that write to it
take ``kb_copy`` (a private copy) so they cannot disturb the others.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterator
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


@pytest.fixture(scope="session")
def blind_engine(
    kb_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[str], object]:
    """``blind_engine(name)``: an engine over the shipped sources plus the pages of
    tests/fixtures/blind/<name>, built once a session for each folder (ask it, do not write)."""
    from tests.helpers import engine_with_pages

    built: dict[str, object] = {}

    def get(name: str) -> object:
        if name not in built:
            folder = tmp_path_factory.mktemp(f"blind-{name}")
            built[name] = engine_with_pages(kb_path, FIXTURES / "blind" / name, folder)
        return built[name]

    return get


@pytest.fixture(scope="session")
def many15(blind_engine: Callable[[str], object]) -> object:
    """The seed plus the blind set many15's pages."""
    return blind_engine("many15")


@pytest.fixture(scope="session")
def many16(blind_engine: Callable[[str], object]) -> object:
    """The seed plus the blind set many16's pages."""
    return blind_engine("many16")


@pytest.fixture
async def api() -> AsyncIterator[object]:
    """The fake Bot API server on loopback, for the end-to-end tests."""
    from bot.testing.fakebotapi import FakeBotAPI

    async with FakeBotAPI() as server:
        yield server
