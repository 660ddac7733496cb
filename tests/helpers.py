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


def turns(engine: Any, *questions: str) -> list[Any]:
    """Ask the turns of one conversation; every answer, in order."""
    context, answers = None, []
    for question in questions:
        answer = engine.answer(question, context=context)
        context = answer.context
        answers.append(answer)
    return answers


def clean(engine: Any, text: str) -> None:
    """Every number of ``text`` is one the knowledge base publishes or vouches for."""
    from bot.evaluate import allowed_numbers, invented_numbers

    assert invented_numbers(text, allowed_numbers(engine.queries)) == []


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


def handle(
    engine: Engine, intent: str, lang: str = "en", *, question: str = "", **entities: Any
) -> Any:
    """One handler called directly with the entities given (no understanding in between):
    what a handler computes from a scope, whatever words would lead to it."""
    from dataclasses import replace

    from bot.answers.base import Request
    from bot.i18n import translator
    from bot.understand.entities import Entities

    request = Request(
        question=question,
        lang=lang,
        entities=replace(Entities(), **entities),
        q=engine.queries,
        t=translator(lang),
        specs=engine.specs,
    )
    return engine.handlers[intent](request)


def engine_from_sources(folder: Path, *fixtures: Path) -> Engine:
    """An engine over a knowledge base built in ``folder`` from the shipped sources plus
    ``fixtures`` (synthetic pages copied beside them)."""
    from knowledge.curated import SOURCES_DIR
    from knowledge.store import build

    sources = folder / "sources"
    shutil.copytree(SOURCES_DIR, sources)
    for fixture in fixtures:
        shutil.copy(fixture, sources / fixture.name)
    path = folder / "knowledge.db"
    build(path, sources)
    return Engine(Queries(path))
