"""What every handler shares, as a typed ``context.bot_data``.

python-telegram-bot creates ``bot_data`` itself by calling ``BotData()`` with no
arguments, so the fields start empty and ``build_application`` fills them before the
first update; reading one that was never filled is a programming error, said loudly.
Features add their own fields here (the notifier, the inbox watcher).
"""

from __future__ import annotations

from typing import Any, Protocol

from telegram.ext import CallbackContext, ExtBot
from telegram.request import BaseRequest

from bot.answer import Answer, Context
from knowledge.chats import Chats
from knowledge.queries import Queries


class AnswerEngine(Protocol):
    """What the adapter needs from the engine: answers, and its knowledge base for /rounds."""

    queries: Queries

    def answer(
        self, question: str, lang: str | None = None, context: Context | None = None
    ) -> Answer: ...


class BotData:
    """Typed ``bot_data``: the engine that answers and the per-chat memory."""

    def __init__(self) -> None:
        self._engine: AnswerEngine | None = None
        self._chats: Chats | None = None
        #: The HTTP sessions the bot sends through: closed at shutdown whatever happened.
        self.requests: tuple[BaseRequest, ...] = ()
        #: Set once start-up (``post_init``) finished: the bot is known to Telegram.
        self.started = False

    def attach(self, engine: AnswerEngine, chats: Chats) -> None:
        self._engine, self._chats = engine, chats

    @property
    def engine(self) -> AnswerEngine:
        if self._engine is None:
            raise RuntimeError("no engine attached: build the app with build_application()")
        return self._engine

    @property
    def chats(self) -> Chats:
        if self._chats is None:
            raise RuntimeError("no chat memory attached: build the app with build_application()")
        return self._chats


#: The ``context`` argument of every handler.
BotContext = CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], BotData]
