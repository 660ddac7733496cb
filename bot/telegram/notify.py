"""The broadcaster: drains the outbox into Telegram, paced, resumable, one message at a time.

Ingest (``evalbot ingest``, /publish, the inbox) writes one outbox row per subscriber in
the same transaction as the round, from whichever process.  The broadcaster only reads
the outbox, so every way of publishing ends here.  A JobQueue tick (every second)
starts a drain when rows are pending; the drain sends them one by one:

* claim a row (pending -> sending, committed), send it, mark it sent as soon as
  Telegram accepts it.  Only one row is ever in flight, so a SIGKILL repeats at most
  that one message after the restart (``recover_in_flight`` at the first tick);
* pace: ``Pace.rate`` messages/s overall (25 by default, under PTB's 30/s limiter, so
  answers to people asking questions meanwhile keep headroom) and one message per
  ``Pace.per_chat`` seconds to any one chat;
* ``RetryAfter``: wait as told, retry the same row; network errors, timeouts, 5xx:
  back off and retry; blocked by the user or "chat not found": the chat is deactivated.

``install(app, settings)`` registers all of this (and /subscribe, /publish, the inbox).
"""

from __future__ import annotations

import asyncio
import logging
import warnings
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application
from telegram.warnings import PTBDeprecationWarning

from bot.config import Settings
from bot.telegram import notice as notice_text
from bot.telegram.botdata import BotContext
from knowledge import subscribers
from knowledge.queries import Queries
from knowledge.store import open_db
from knowledge.subscribers import Notice

logger = logging.getLogger(__name__)

TICK_SECONDS = 1.0
INBOX_SECONDS = 5.0
JOB_BROADCAST = "evalbot.notify.broadcast"
JOB_INBOX = "evalbot.notify.inbox"


@dataclass
class Pace:
    """How fast the broadcaster may go, and how it waits after failures."""

    rate: float = 27.0  # messages per second, all chats together: ~10% under Telegram's 30
    per_chat: float = 1.0  # seconds between two messages to the same chat
    backoff: float = 0.5  # first wait after a network error; doubles per failure in a row
    max_backoff: float = 30.0
    max_attempts: int = 10  # claims of one row before it is marked failed


@dataclass
class Stats:
    """What this process's broadcaster did (benchmarks and logs read it)."""

    sent: int = 0
    retried: int = 0
    rate_limited: int = 0
    deactivated: int = 0
    failed: int = 0
    recovered: int = 0
    drains: int = 0


@dataclass
class Notifier:
    """The outbox drainer of one bot process, and the knowledge it composes messages from."""

    db_path: Path
    pace: Pace = field(default_factory=Pace)
    stats: Stats = field(default_factory=Stats)

    def __post_init__(self) -> None:
        self.db = open_db(self.db_path)
        self.queries = Queries(self.db_path)
        self._last_document = self._newest_document()
        self._recovered = False
        self._task: asyncio.Task | None = None
        self._last_sent: dict[int, float] = {}
        self._failures = 0
        self._service_index: Any = None

    def close(self) -> None:
        self.queries.close()
        self.db.close()

    # ---- knowledge -------------------------------------------------------------------
    def _newest_document(self) -> int:
        return self.db.execute("select coalesce(max(id), 0) from documents").fetchone()[0]

    def refresh(self, engine: object | None = None) -> None:
        """Forget cached knowledge (ours and the engine's) after an ingest."""
        self.queries.refresh()
        self._service_index = None
        # the engine may rebuild more than its queries (its service matcher): let it say how
        refresh = getattr(engine, "refresh", None) or getattr(
            getattr(engine, "queries", None), "refresh", None
        )
        if callable(refresh):
            refresh()

    def watch_documents(self, engine: object | None) -> bool:
        """Refresh when another process (or /publish) added a document; True if it did."""
        newest = self._newest_document()
        if newest == self._last_document:
            return False
        self._last_document = newest
        self.refresh(engine)
        logger.info("knowledge refreshed newest_document=%s", newest)
        return True

    def service_index(self) -> Any:
        """The engine's fuzzy service matcher over the current services (built lazily)."""
        if self._service_index is None:
            from bot.understand.services import ServiceIndex
            from bot.understand.vocab import Vocab

            self._service_index = ServiceIndex(self.queries.services(), Vocab())
        return self._service_index

    # ---- the tick ----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    async def tick(self, context: BotContext) -> None:
        """JobQueue callback: notice new knowledge, then start a drain if rows are pending."""
        self.watch_documents(context.bot_data.engine)
        self.start(context.application)

    def start(self, app: Application) -> None:
        """Start draining in the background unless a drain is already running."""
        if self.busy:
            return
        if not self._recovered:
            self.stats.recovered += subscribers.recover_in_flight(self.db)
            self._recovered = True
        if subscribers.has_pending(self.db):
            self._task = app.create_task(
                self.drain(app.bot, lambda: app.running), name="evalbot-notify-drain"
            )

    # ---- the drain ---------------------------------------------------------------------
    async def drain(self, bot: Bot, running: Callable[[], bool]) -> None:
        """Send pending notices until none is left (or the application stops)."""
        self.stats.drains += 1
        loop = asyncio.get_running_loop()
        next_at = loop.time()
        try:
            while running():
                await _sleep_until(next_at, running)
                if not running():
                    return
                now = loop.time()
                notice = subscribers.claim_next(self.db, self._cooling(now))
                if notice is None:
                    wait = self._cooldown_left(now)
                    if wait is None or not subscribers.has_pending(self.db):
                        return
                    next_at = now + wait
                    continue
                next_at = max(next_at, now - 1 / self.pace.rate) + 1 / self.pace.rate
                pause = await self.deliver(bot, notice)
                if pause:  # not delivered: the same row comes first again after the pause
                    next_at = max(next_at, loop.time() + pause)
                else:
                    self._last_sent[notice.chat_id] = loop.time()
        except BaseException:
            self._recovered = False  # a row may be left in 'sending': recover it next tick
            raise

    def _cooling(self, now: float) -> list[int]:
        """Chats sent something less than ``per_chat`` seconds ago (forgetting older ones)."""
        horizon = now - self.pace.per_chat
        self._last_sent = {c: at for c, at in self._last_sent.items() if at > horizon}
        return list(self._last_sent)

    def _cooldown_left(self, now: float) -> float | None:
        if not self._last_sent:
            return None
        return max(0.0, min(self._last_sent.values()) + self.pace.per_chat - now)

    async def deliver(self, bot: Bot, notice: Notice) -> float:
        """Send one claimed notice and record its fate; returns how long to pause after it."""
        try:
            text, markup = notice_text.compose(self._queries_for(notice), notice)
            await bot.send_message(
                notice.chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup
            )
        except RetryAfter as error:
            self.stats.rate_limited += 1
            subscribers.mark_retry(self.db, notice.id, str(error))
            return _seconds(error)
        except Forbidden as error:
            self._deactivate(notice, f"forbidden: {error.message}")
        except BadRequest as error:
            if "chat not found" in error.message.lower():
                self._deactivate(notice, f"bad request: {error.message}")
            else:  # our own request is wrong: retrying cannot help
                self.stats.failed += 1
                subscribers.mark_failed(self.db, notice.id, f"bad request: {error.message}")
                logger.error("notice rejected id=%s chat=%s: %s", notice.id, notice.chat_id, error)
        except (NetworkError, TelegramError) as error:  # timeouts, 5xx, dropped connections
            return self._retry_later(notice, error)
        except Exception as error:  # a bug of ours: keep the row, keep the broadcaster alive
            logger.exception("notice failed id=%s chat=%s", notice.id, notice.chat_id)
            return self._retry_later(notice, error)
        else:
            subscribers.mark_sent(self.db, notice.id)
            self.stats.sent += 1
            self._failures = 0
        return 0.0

    def _queries_for(self, notice: Notice) -> Queries:
        """Our queries, refreshed first if the notice is about a round we have not seen yet."""
        if self.queries.get_round(notice.year, notice.round_no) is None:
            self.queries.refresh()
        return self.queries

    def _deactivate(self, notice: Notice, reason: str) -> None:
        subscribers.deactivate_chat(self.db, notice.chat_id, reason)
        self.stats.deactivated += 1
        logger.info("chat deactivated chat=%s reason=%r", notice.chat_id, reason)

    def _retry_later(self, notice: Notice, error: BaseException) -> float:
        self._failures += 1
        if notice.attempts >= self.pace.max_attempts:
            self.stats.failed += 1
            reason = f"gave up after {notice.attempts} attempts: {error}"
            subscribers.mark_failed(self.db, notice.id, reason)
            logger.error("notice failed id=%s chat=%s: %s", notice.id, notice.chat_id, reason)
        else:
            self.stats.retried += 1
            subscribers.mark_retry(self.db, notice.id, f"{type(error).__name__}: {error}")
        wait = min(self.pace.backoff * 2 ** (self._failures - 1), self.pace.max_backoff)
        logger.warning("notice retry id=%s error=%r wait=%.1f", notice.id, str(error), wait)
        return wait


def _seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 deprecates the int form; accept both
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def _sleep_until(deadline: float, running: Callable[[], bool]) -> None:
    """Sleep until ``deadline`` (loop time) in short steps, so a stopping bot is not held."""
    loop = asyncio.get_running_loop()
    while running() and (left := deadline - loop.time()) > 0:
        await asyncio.sleep(min(left, 0.25))


# ---- installing ----------------------------------------------------------------------------
_INSTALLED: weakref.WeakKeyDictionary[Application, Notifier] = weakref.WeakKeyDictionary()


def notifier(app: Application) -> Notifier:
    """The notifier ``install`` attached to ``app`` (tests and benchmarks read its stats)."""
    return _INSTALLED[app]


def install(
    app: Application,
    settings: Settings,
    *,
    pace: Pace | None = None,
    inbox_interval: float = INBOX_SECONDS,
) -> None:
    """Register the subscription and publishing commands, the broadcaster and the inbox job.

    Calling it again on the same application only changes the pace and the inbox
    interval (tests and benchmarks tune an application that is already installed).
    """
    from bot.telegram import publish, subscriptions

    assert app.job_queue is not None, "install python-telegram-bot[job-queue]"
    existing = _INSTALLED.get(app)
    if existing is not None:
        existing.pace = pace or existing.pace
        publish.schedule_inbox(app, settings, existing, inbox_interval)
        return
    notify = Notifier(Path(settings.db_path), pace or Pace())
    _INSTALLED[app] = notify
    subscriptions.register(app, notify)
    publish.register(app, settings, notify)
    app.job_queue.run_repeating(notify.tick, TICK_SECONDS, first=0.1, name=JOB_BROADCAST)
    publish.schedule_inbox(app, settings, notify, inbox_interval)
    _close_on_shutdown(app, notify)


def _close_on_shutdown(app: Application, notify: Notifier) -> None:
    previous = app.post_shutdown

    async def post_shutdown(application: Application) -> None:
        notify.close()
        if previous is not None:
            await previous(application)

    app.post_shutdown = post_shutdown
