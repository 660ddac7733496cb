"""Helpers the tests share: a conversation asked turn by turn, and a knowledge base of the
shipped sources plus a folder of (synthetic) disclosure pages."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from bot.engine import Engine
from knowledge.queries import Queries
from knowledge.store import ingest_path, open_db


def ask(engine: Any, *turns: str) -> Any:
    """Ask the turns of one conversation; the last answer."""
    context, answer = None, None
    for turn in turns:
        answer = engine.answer(turn, context=context)
        context = answer.context
    return answer


def engine_with_pages(kb_path: Path, pages: Path, folder: Path) -> Engine:
    """An engine over a copy (in ``folder``) of the knowledge base ``kb_path`` with every
    page of ``pages`` ingested, in name order."""
    path = folder / "knowledge.db"
    shutil.copy(kb_path, path)
    db = open_db(path)
    for page in sorted(pages.iterdir()):
        ingest_path(db, page)
    db.close()
    return Engine(Queries(path))
