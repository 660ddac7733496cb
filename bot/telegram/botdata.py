"""What every handler shares, as a typed ``context.bot_data``.

python-telegram-bot creates ``bot_data`` itself by calling ``BotData()`` with no
arguments, so the fields start empty and ``build_application`` (bot/telegram/app.py, the
one place that creates them) fills them before the first update; reading one that was
never filled is a programming error, said loudly.
"""

from __future__ import annotations

from typing import Any, TypeVar

from telegram.ext import CallbackContext, ExtBot
from telegram.request import BaseRequest

from bot.telegram.answering import AnswerEngine
from bot.telegram.follow import Follower
from bot.telegram.memory import Memory
from bot.telegram.notify import Notifier
from bot.telegram.userdata import UserData

T = TypeVar("T")


class BotData:
    """Typed ``bot_data``: the engine, the chat memory, the writer thread, the notifier, and
    the follower that rebuilds the engine after an ingest."""

    def __init__(self) -> None:
        self._engine: AnswerEngine | None = None
        self._memory: Memory | None = None
        self._userdata: UserData | None = None
        self._notifier: Notifier | None = None
        self._follower: Follower | None = None
        #: Chats and users allowed to /publish (EVALBOT_ADMIN_IDS).
        self.admins: frozenset[int] = frozenset()
        #: (command, description key) of Telegram's command menu, in order (for /help).
        self.menu: tuple[tuple[str, str], ...] = ()
        #: The HTTP sessions the bot sends through: closed at shutdown whatever happened.
        self.requests: tuple[BaseRequest, ...] = ()
        #: Set once start-up (``post_init``) finished: the bot is known to Telegram.
        self.started = False

    def attach(
        self,
        engine: AnswerEngine,
        memory: Memory,
        userdata: UserData,
        notifier: Notifier,
        admins: frozenset[int],
        follower: Follower,
    ) -> None:
        self._engine, self._memory, self._userdata = engine, memory, userdata
        self._notifier, self.admins, self._follower = notifier, admins, follower

    @property
    def engine(self) -> AnswerEngine:
        return _filled(self._engine, "engine")

    @property
    def memory(self) -> Memory:
        return _filled(self._memory, "chat memory")

    @property
    def userdata(self) -> UserData:
        return _filled(self._userdata, "writer thread")

    @property
    def notifier(self) -> Notifier:
        return _filled(self._notifier, "notifier")

    @property
    def follower(self) -> Follower:
        return _filled(self._follower, "follower")


def _filled(value: T | None, what: str) -> T:
    if value is None:
        raise RuntimeError(f"no {what} attached: build the app with build_application()")
    return value


#: The ``context`` argument of every handler.
BotContext = CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], BotData]
