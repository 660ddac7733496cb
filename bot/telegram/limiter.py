"""One rate limiter for every Bot API call the bot makes: replies first, broadcasts after.

Telegram accepts about 30 messages per second from a bot, counted over any one second,
and answers a flood with 429 ``retry_after``, which python-telegram-bot's
``AIORateLimiter`` honours by pausing *every* request — so a broadcast that runs into
the limit holds up the answers of people asking questions meanwhile.  ``BotRateLimiter``
is a ``BaseRateLimiter`` (PTB's extension point for this) that keeps the count itself:

* at most ``overall_max_rate`` messages in any second (one under Telegram's 30, for the
  few milliseconds between our clock and the server's), so the 429 does not happen;
* broadcast messages (``rate_limit_args=BROADCAST``) take at most
  ``broadcast_max_rate`` of them, evenly spaced, and wait while any reply is waiting: an
  answer sent during a broadcast waits for one slot at most, not for the broadcast;
* the rest is ``AIORateLimiter``'s: 20 messages a minute per group, and a 429 that
  happens anyway (another process, a stricter server) waited out and retried;
* server errors (5xx) and dropped connections are retried with backoff, because they
  are usually gone a moment later.  Bad requests are our own fault and are not retried;
  nor are timeouts, whose request may already have been delivered.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter, BaseRateLimiter

logger = logging.getLogger(__name__)

#: Messages per second to Telegram, all chats together (Telegram allows about 30).
OVERALL_MAX_RATE = 29
#: Of those, what a broadcast may take; the rest is kept free for replies.
BROADCAST_MAX_RATE = 28
#: The window Telegram counts messages in.
PERIOD = 1.0
#: Retries after a 429, each after waiting the retry_after Telegram asked for.
RATE_LIMIT_RETRIES = 3
#: Retries after a 5xx or a dropped connection, waiting 0.5 s, 1 s, 2 s.
NETWORK_RETRIES = 3
NETWORK_BACKOFF = 0.5
#: How often a waiting broadcast looks again whether the replies have gone out.
YIELD_SECONDS = 0.005


class Priority(enum.Enum):
    """``rate_limit_args`` of a Bot API call: a reply to someone (default) or a broadcast."""

    REPLY = "reply"
    BROADCAST = "broadcast"


BROADCAST = Priority.BROADCAST

Callback = Callable[..., Coroutine[Any, Any, Any]]


class MessageWindow:
    """The messages sent in the last ``period`` seconds, and the replies waiting to be sent.

    Broadcast messages are also spaced evenly (one per ``period / broadcast_max_rate``): a
    broadcast that sent its second's worth in one burst would fill the window until that
    burst aged out, and a reply arriving meanwhile would wait for it.
    """

    def __init__(self, max_rate: int, broadcast_max_rate: int, period: float = PERIOD) -> None:
        self.max_rate = max_rate
        self.broadcast_max_rate = min(broadcast_max_rate, max_rate)
        self.period = period
        self.spacing = period / self.broadcast_max_rate
        self._sent: deque[float] = deque()
        self._last_broadcast = float("-inf")
        self._replies_waiting = 0

    def _room(self, now: float, cap: int) -> float:
        """0 when a message may go now under ``cap``, else the seconds until one may."""
        sent = self._sent
        while sent and sent[0] <= now - self.period:
            sent.popleft()
        if len(sent) < cap:
            return 0.0
        return sent[len(sent) - cap] + self.period - now

    async def slot(self, priority: Priority) -> None:
        """Wait until this message may be sent, and count it as sent."""
        loop = asyncio.get_running_loop()
        broadcast = priority is Priority.BROADCAST
        cap = self.broadcast_max_rate if broadcast else self.max_rate
        if not broadcast:
            self._replies_waiting += 1
        try:
            while True:
                now = loop.time()
                wait = self._room(now, cap)
                if broadcast:
                    wait = max(wait, self._last_broadcast + self.spacing - now)
                    if self._replies_waiting:
                        wait = max(wait, YIELD_SECONDS)
                if wait <= 0:
                    self._sent.append(now)
                    if broadcast:
                        self._last_broadcast = now
                    return
                await asyncio.sleep(wait)
        finally:
            if not broadcast:
                self._replies_waiting -= 1


class BotRateLimiter(BaseRateLimiter[Priority]):
    """Telegram's limits for one bot: a message window with priorities, over AIORateLimiter."""

    def __init__(
        self,
        *,
        overall_max_rate: int = OVERALL_MAX_RATE,
        broadcast_max_rate: int = BROADCAST_MAX_RATE,
        group_max_rate: int = 20,
        max_retries: int = RATE_LIMIT_RETRIES,
        network_retries: int = NETWORK_RETRIES,
    ) -> None:
        """``overall_max_rate=0`` lifts the overall limit (tests and benchmarks of the bot
        itself); ``group_max_rate`` messages a minute per group, 0 for none."""
        self.window = (
            MessageWindow(overall_max_rate, broadcast_max_rate) if overall_max_rate else None
        )
        self._base = AIORateLimiter(
            overall_max_rate=0, group_max_rate=group_max_rate, max_retries=max_retries
        )
        self._network_retries = network_retries

    async def initialize(self) -> None:
        await self._base.initialize()

    async def shutdown(self) -> None:
        await self._base.shutdown()

    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Priority | None,
    ) -> Any:
        """Send one request when the limits allow it, retrying what is worth retrying."""
        window = self.window if data.get("chat_id") is not None else None
        priority = rate_limit_args or Priority.REPLY

        async def send(*call_args: Any, **call_kwargs: Any) -> Any:
            if window is not None:
                await window.slot(priority)
            return await callback(*call_args, **call_kwargs)

        attempt, delay = 0, NETWORK_BACKOFF
        while True:
            try:
                return await self._base.process_request(send, args, kwargs, endpoint, data, None)
            except (BadRequest, TimedOut):
                raise
            except NetworkError as error:
                attempt += 1
                if attempt > self._network_retries:
                    raise
                logger.warning(
                    "bot_api_retry method=%s error=%r wait=%.1f", endpoint, str(error), delay
                )
                await asyncio.sleep(delay)
                delay *= 2
