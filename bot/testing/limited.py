"""The fake Bot API with Telegram's limits and failures, for broadcast tests and benchmarks.

Synthetic, like ``bot.testing.fakebotapi`` which it extends:

* at most ``rate`` messages per second overall (a sliding one-second window); beyond it
  a 429 with ``retry_after``, as Telegram answers a flood;
* a share of sends answered 500 (``error_rate``, seeded, so a run can be repeated);
* chats that blocked the bot (403 "Forbidden: bot was blocked by the user") and chats
  that do not exist (400 "Bad Request: chat not found");
* a delay between accepting a message and answering (``accept_delay``), where a crash
  of the bot leaves a message delivered but not known to be;
* documents: ``add_document`` stores a file, ``getFile`` describes it, and
  ``/file/bot<token>/<file_path>`` serves its bytes, as the real server does.

``delivered`` holds each message Telegram would have shown, in order.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time
from collections import Counter, deque
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.testing.fakebotapi import ApiError, FakeBotAPI


@dataclass(frozen=True)
class Delivered:
    chat_id: int
    text: str
    markup: dict | None
    at: float


class LimitedBotAPI(FakeBotAPI):
    def __init__(
        self,
        *,
        rate: float | None = 30.0,
        retry_after: int = 1,
        error_rate: float = 0.0,
        seed: int = 0,
        blocked: set[int] | frozenset[int] = frozenset(),
        missing: set[int] | frozenset[int] = frozenset(),
        accept_delay: float = 0.0,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.rate = rate
        self.retry_after = retry_after
        self.error_rate = error_rate
        self.random = random.Random(seed)
        self.blocked, self.missing = set(blocked), set(missing)
        #: seconds between recording a message as delivered and answering the bot (a window
        #: in which the bot has been heard but does not know it yet: where a crash hurts)
        self.accept_delay = accept_delay
        self.delivered: list[Delivered] = []
        self.statuses: Counter[int] = Counter()
        self.files: dict[str, tuple[str, bytes]] = {}
        self._recent: deque[float] = deque()
        self._file_ids = itertools.count(1)

    def _routes(self, app: web.Application) -> None:
        """The base server's routes plus file downloads (for /publish)."""
        super()._routes(app)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)

    @property
    def file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # ---- what tests do ------------------------------------------------------------------------
    def add_document(self, name: str, data: bytes, mime_type: str = "text/plain") -> dict:
        """Store a file and return the Document object a message would carry."""
        file_id = f"doc{next(self._file_ids)}"
        self.files[file_id] = (name, data)
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": name,
            "mime_type": mime_type,
            "file_size": len(data),
        }

    def count(self, chat_id: int) -> int:
        return sum(1 for d in self.delivered if d.chat_id == chat_id)

    # ---- the server ---------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        response = await super()._handle(request)
        self.statuses[response.status] += 1
        return response

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response({"ok": False, "error_code": 401}, status=401)
        file_id = request.match_info["path"].split("/")[-1].split("_")[0]
        if file_id not in self.files:
            return web.json_response({"ok": False, "error_code": 404}, status=404)
        self.statuses[200] += 1
        return web.Response(body=self.files[file_id][1])

    def _flood_check(self) -> None:
        if self.rate is None:
            return
        now = time.monotonic()
        while self._recent and self._recent[0] <= now - 1.0:
            self._recent.popleft()
        if len(self._recent) >= self.rate:
            raise ApiError(
                429, f"Too Many Requests: retry after {self.retry_after}", self.retry_after
            )
        self._recent.append(now)

    def _sending_checks(self, chat_id: int) -> None:
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if chat_id in self.missing:
            raise ApiError(400, "Bad Request: chat not found")
        if self.error_rate and self.random.random() < self.error_rate:
            raise ApiError(500, "Internal Server Error")
        self._flood_check()

    async def _m_sendmessage(self, params: dict, files: dict) -> dict:
        self._sending_checks(params["chat_id"])
        result = await super()._m_sendmessage(params, files)
        markup = params.get("reply_markup")
        self.delivered.append(
            Delivered(params["chat_id"], result["text"], markup, time.monotonic())
        )
        if self.accept_delay:
            await asyncio.sleep(self.accept_delay)
        return result

    async def _m_sendphoto(self, params: dict, files: dict) -> dict:
        self._sending_checks(params["chat_id"])
        return await super()._m_sendphoto(params, files)

    async def _m_getfile(self, params: dict, files: dict) -> dict:
        file_id = str(params.get("file_id", ""))
        if file_id not in self.files:
            raise ApiError(400, "Bad Request: invalid file_id")
        name, data = self.files[file_id]
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(data),
            "file_path": f"documents/{file_id}_{name}",
        }
