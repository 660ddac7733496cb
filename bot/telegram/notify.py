"""The broadcaster: drains the outbox into Telegram, one message at a time, resumable.

Ingest (``evalbot ingest``, /publish, the inbox) writes one outbox row per subscriber in
the same transaction as the round, from whichever process.  The broadcaster only reads
the outbox, so every way of publishing ends here.  A JobQueue job (every second) starts
a drain when rows are pending; the drain sends them one by one:

* claim a row (pending -> sending, committed), send it, mark it sent as soon as
  Telegram accepts it.  Only one row is ever in flight, so a SIGKILL repeats at most
  that one message after the restart (``recover_in_flight`` at the first tick);
* pace: as fast as the rate limiter lets a broadcast go (bot/telegram/limiter.py: under
  Telegram's 30 messages/s, and never ahead of a reply someone is waiting for), and
  one message per ``Pace.per_chat`` seconds to any one chat;
* ``RetryAfter``: wait as told, retry the same row; network errors, timeouts, 5xx:
  back off and retry; blocked by the user or "chat not found": the chat is deactivated.

Every database call runs in the ``UserData`` writer thread, never on the event loop.
While the outbox cannot be read or pending notices make no progress, ``healthy`` is
False and the heartbeat (Docker's health check) stops.
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application, CallbackContext
from telegram.warnings import PTBDeprecationWarning

from bot.telegram import notice as notice_text
from bot.telegram.answering import AnswerEngine
from bot.telegram.follow import Follower
from bot.telegram.limiter import BROADCAST
from bot.telegram.userdata import UserData
from knowledge import subscribers
from knowledge.subscribers import Notice

logger = logging.getLogger(__name__)

TICK_SECONDS = 1.0
JOB_BROADCAST = "evalbot.notify.broadcast"
#: A failing outbox is logged at most this often (it is checked every second).
LOG_EVERY_SECONDS = 60.0


@dataclass
class Pace:
    """How the broadcaster spaces messages to one chat, and how it waits after failures."""

    per_chat: float = 1.0  # seconds between two messages to the same chat
    backoff: float = 0.5  # first wait after a network error; doubles per failure in a row
    max_backoff: float = 30.0
    max_attempts: int = 10  # claims of one row before it is marked failed
    #: pending notices with no delivery (nor final failure) for this long: unhealthy
    stalled_after: float = 180.0


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
    """The outbox drainer of one bot process."""

    userdata: UserData
    engine: AnswerEngine
    pace: Pace = field(default_factory=Pace)
    stats: Stats = field(default_factory=Stats)
    #: rebuilds the engine when a notice is about a round it does not know yet
    follower: Follower | None = None

    def __post_init__(self) -> None:
        if self.follower is None:
            self.follower = Follower(self.engine)
        self._recovered = False
        self._task: asyncio.Task[None] | None = None
        #: a wake-up is looking at the outbox: a second one (the tick, /publish) waits its turn
        self._waking = False
        self._last_sent: dict[int, float] = {}
        self._failures = 0
        #: monotonic time since which the outbox could not be read or written, if it can't
        self._broken_since: float | None = None
        self._last_logged = 0.0
        #: monotonic time of the last finished row (or of the start of the current drain)
        self._progress_at = time.monotonic()

    # ---- health ------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    @property
    def healthy(self) -> bool:
        """False while the outbox fails, or a drain has delivered nothing for a long time."""
        if self._broken_since is not None:
            return False
        stalled = time.monotonic() - self._progress_at > self.pace.stalled_after
        return not (self.busy and stalled)

    def _broken(self, error: BaseException) -> None:
        now = time.monotonic()
        if self._broken_since is None:
            self._broken_since = now
        if now - self._last_logged >= LOG_EVERY_SECONDS:
            self._last_logged = now
            logger.error(
                "notifications cannot be delivered: %s: %s (health check failing)",
                type(error).__name__,
                error,
            )

    def _mended(self) -> None:
        if self._broken_since is not None:
            logger.info("notifications deliverable again")
        self._broken_since = None

    # ---- the tick ----------------------------------------------------------------------
    async def tick(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        """JobQueue callback: start a drain if rows are pending."""
        await self.wake(context.application)

    async def wake(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """Start draining in the background, unless a drain is running or nothing is pending.

        Only one drain ever runs (one message in flight): the tick and /publish may both
        call this at once, and the check and the start are apart by awaits."""
        if self.busy or self._waking:
            return
        self._waking = True
        try:
            await self._wake(app)
        finally:
            self._waking = False

    async def _wake(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        try:
            if not self._recovered:
                self.stats.recovered += await self.userdata.run(subscribers.recover_in_flight)
                self._recovered = True
            pending = await self.userdata.run(subscribers.has_pending)
        except Exception as error:  # a damaged or unwritable database: red health check
            self._broken(error)
            return
        self._mended()
        if pending:
            self._progress_at = time.monotonic()
            self._task = app.create_task(
                self._drain_logged(app.bot, lambda: app.running), name="evalbot-notify-drain"
            )

    async def _drain_logged(self, bot: Bot, running: Callable[[], bool]) -> None:
        try:
            await self.drain(bot, running)
        except Exception as error:
            self._broken(error)

    # ---- the drain ---------------------------------------------------------------------
    async def drain(self, bot: Bot, running: Callable[[], bool]) -> None:
        """Send pending notices until none is left (or the application stops)."""
        self.stats.drains += 1
        loop = asyncio.get_running_loop()
        try:
            while running():
                now = loop.time()
                notice = await self.userdata.run(subscribers.claim_next, self._cooling(now))
                if notice is None:
                    wait = self._cooldown_left(now)
                    if wait is None or not await self.userdata.run(subscribers.has_pending):
                        return
                    await _sleep(wait, running)
                    continue
                pause = await self.deliver(bot, notice)
                if pause:  # not delivered: the same row comes first again after the pause
                    await _sleep(pause, running)
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
            # the notice may be about a round ingested a moment ago: rebuild off the loop
            assert self.follower is not None, "set in __post_init__"
            await self.follower.follow()
            text, markup = notice_text.compose(self.engine.queries, notice)
            await bot.send_message(
                notice.chat_id,
                text,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
                rate_limit_args=BROADCAST,  # type: ignore[call-arg]
            )
        except RetryAfter as error:
            self.stats.rate_limited += 1
            await self.userdata.run(subscribers.mark_retry, notice.id, str(error))
            return _seconds(error)
        except Forbidden as error:
            await self._deactivate(notice, f"forbidden: {error.message}")
        except BadRequest as error:
            if "chat not found" in error.message.lower():
                await self._deactivate(notice, f"bad request: {error.message}")
            else:  # our own request is wrong: retrying cannot help
                self.stats.failed += 1
                reason = f"bad request: {error.message}"
                await self.userdata.run(subscribers.mark_failed, notice.id, reason)
                logger.error("notice rejected id=%s chat=%s: %s", notice.id, notice.chat_id, error)
        except (NetworkError, TelegramError) as error:  # timeouts, 5xx, dropped connections
            return await self._retry_later(notice, error)
        except Exception as error:  # a bug of ours: keep the row, keep the broadcaster alive
            logger.exception("notice failed id=%s chat=%s", notice.id, notice.chat_id)
            return await self._retry_later(notice, error)
        else:
            await self.userdata.run(subscribers.mark_sent, notice.id)
            self.stats.sent += 1
            self._failures = 0
        self._progress_at = time.monotonic()
        return 0.0

    async def _deactivate(self, notice: Notice, reason: str) -> None:
        await self.userdata.run(subscribers.deactivate_chat, notice.chat_id, reason)
        self.stats.deactivated += 1
        logger.info("chat deactivated chat=%s reason=%r", notice.chat_id, reason)

    async def _retry_later(self, notice: Notice, error: BaseException) -> float:
        self._failures += 1
        if notice.attempts >= self.pace.max_attempts:
            self.stats.failed += 1
            reason = f"gave up after {notice.attempts} attempts: {error}"
            await self.userdata.run(subscribers.mark_failed, notice.id, reason)
            self._progress_at = time.monotonic()
            logger.error("notice failed id=%s chat=%s: %s", notice.id, notice.chat_id, reason)
        else:
            self.stats.retried += 1
            reason = f"{type(error).__name__}: {error}"
            await self.userdata.run(subscribers.mark_retry, notice.id, reason)
        wait = min(self.pace.backoff * 2 ** (self._failures - 1), self.pace.max_backoff)
        logger.warning("notice retry id=%s error=%r wait=%.1f", notice.id, str(error), wait)
        return wait


def _seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():  # PTB 22 deprecates the int form; accept both
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def _sleep(seconds: float, running: Callable[[], bool]) -> None:
    """Sleep in short steps, so a stopping bot is not held up."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while running() and (left := deadline - loop.time()) > 0:
        await asyncio.sleep(min(left, 0.25))
