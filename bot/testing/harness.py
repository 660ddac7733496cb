"""Run the real python-telegram-bot Application inside a test's (or a benchmark's) event loop.

``running`` does what ``Application.run_polling`` does (initialise, post_init, poll,
start; then the reverse, post_shutdown last) without taking over the loop or installing
signal handlers, so a test can push updates and read the fake server's calls meanwhile.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.config import Settings, settings
from bot.telegram.answering import AnswerEngine
from bot.telegram.app import build_application
from bot.telegram.limiter import BotRateLimiter
from bot.telegram.notify import Pace
from bot.testing.fakebotapi import FakeBotAPI

#: getUpdates long-poll timeout the bot asks for; the fake answers as soon as updates arrive.
POLL_TIMEOUT = 1


def bot_settings(api: FakeBotAPI, db_path: Path, **env: str) -> Settings:
    """The settings ``evalbot run`` would read, pointed at the fake server and ``db_path``."""
    return settings(
        {
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_BASE_URL": api.base_url,
            "EVALBOT_DB": str(db_path),
            **env,
        }
    )


def make_app(
    api: FakeBotAPI,
    engine: AnswerEngine,
    db_path: Path,
    rate_limiter: BotRateLimiter | None = None,
    pace: Pace | None = None,
    inbox_interval: float | None = None,
    **env: str,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The bot as ``evalbot run`` builds it, pointed at the fake server."""
    extra: dict[str, Any] = {} if inbox_interval is None else {"inbox_interval": inbox_interval}
    return build_application(
        bot_settings(api, db_path, **env), engine, rate_limiter=rate_limiter, pace=pace, **extra
    )


@asynccontextmanager
async def running(
    app: Application[Any, Any, Any, Any, Any, Any],
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """The application initialised and polling; stopped and shut down on exit."""
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    assert app.updater is not None
    await app.updater.start_polling(
        poll_interval=0, timeout=POLL_TIMEOUT, allowed_updates=Update.ALL_TYPES
    )
    await app.start()
    try:
        yield app
    finally:
        if app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
