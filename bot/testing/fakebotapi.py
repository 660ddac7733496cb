"""A fake Telegram Bot API server on loopback, for end-to-end tests and benchmarks.

Synthetic: it implements just the methods evalbot calls, the way the real server
answers them (``{"ok": true, "result": ...}``, or ``ok: false`` with an error code),
and checks what Telegram checks and a bot gets wrong: HTML that does not parse, text
over 4,096 characters, captions over 1,024, callback data over 64 bytes.  Tests fill
the ``getUpdates`` queue with the builders at the bottom, inject failures (500, or 429
with ``retry_after``), and read every recorded call.  Run the real python-telegram-bot
``Application`` against ``base_url``.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Self

from aiohttp import web

TOKEN = "4839574812:AAFakeTokenForTestsOnly-x9_QrStUvWxYz"
BOT_USER = {
    "id": 4839574812,
    "is_bot": True,
    "first_name": "Evalbot (test)",
    "username": "evalbot_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
#: Parameters Telegram reads as JSON; the rest are strings or integers.
JSON_FIELDS = {
    "reply_markup",
    "results",
    "commands",
    "scope",
    "allowed_updates",
    "reply_parameters",
    "link_preview_options",
    "entities",
    "caption_entities",
    "button",
    "media",
}
INT_FIELDS = {"chat_id", "offset", "limit", "timeout", "message_id", "cache_time"}
ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "tg-emoji",
    "code",
    "pre",
    "blockquote",
}
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>")
ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


@dataclass
class Call:
    """One request the bot made: method, decoded parameters, uploaded files."""

    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)
    #: the file name each upload was sent with
    filenames: dict[str, str] = field(default_factory=dict)
    #: what the server answered (the sent Message for sendMessage), None for an error
    result: Any = None


class ApiError(Exception):
    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.retry_after = status, description, retry_after


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse_html(text: str) -> str:
    """The visible text of a Telegram-HTML string; ApiError(400) when Telegram would reject it."""
    stack: list[str] = []
    plain: list[str] = []
    position = 0
    for match in itertools.chain(TAG.finditer(text), [None]):
        end = match.start() if match else len(text)
        chunk = text[position:end]
        if "<" in chunk or ">" in chunk or len(ENTITY.findall(chunk)) != chunk.count("&"):
            raise ApiError(400, f"Bad Request: can't parse entities: unescaped text {chunk[:40]!r}")
        plain.append(html.unescape(chunk))
        if match is None:
            break
        closing, name = match.group(1), match.group(2).lower()
        if name not in ALLOWED_TAGS:
            raise ApiError(400, f"Bad Request: can't parse entities: unsupported tag <{name}>")
        if closing:
            if not stack or stack.pop() != name:
                raise ApiError(400, f"Bad Request: can't parse entities: unexpected </{name}>")
        else:
            stack.append(name)
        position = match.end()
    if stack:
        raise ApiError(400, f"Bad Request: can't parse entities: unclosed <{stack[-1]}>")
    return "".join(plain)


def _decode(name: str, value: str) -> Any:
    if name in JSON_FIELDS:
        return json.loads(value)
    if name in INT_FIELDS and re.fullmatch(r"-?\d+", value):
        return int(value)
    return value


class FakeBotAPI:
    """The server.  ``async with FakeBotAPI() as api:`` then point the bot at ``api.base_url``."""

    def __init__(self, token: str = TOKEN, *, max_poll_wait: float = 0.5) -> None:
        self.token = token
        #: longest a getUpdates call is held open, whatever timeout the bot asked for
        self.max_poll_wait = max_poll_wait
        self.calls: list[Call] = []
        #: called with every call as it arrives (benchmarks time replies this way)
        self.listeners: list[Callable[[Call], None]] = []
        self.commands: dict[str, list[dict]] = {}
        self.webhook: dict[str, Any] = {}
        self._updates: deque[dict] = deque()
        self._next_update_id = 1
        self._next_message_id = itertools.count(1000)
        self._faults: dict[str, deque[ApiError]] = defaultdict(deque)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._closing = False
        self.port = 0

    # ---- life ---------------------------------------------------------------------------
    def _routes(self, app: web.Application) -> None:
        """The Bot API's method routes; subclasses add more (file downloads)."""
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/bot{token}/{method}", self._handle)

    async def start(self) -> Self:
        app = web.Application(client_max_size=10 * 1024 * 1024)
        self._routes(app)
        # no access log: request paths carry the token, and tests assert it is never logged
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        self._closing = True  # release held getUpdates calls, so shutdown is immediate
        await self._notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # ---- what tests do --------------------------------------------------------------------
    def push(self, update: dict) -> int:
        """Queue an update for getUpdates; returns its update_id."""
        update = {**update, "update_id": self._next_update_id}
        self._next_update_id += 1
        self._updates.append(update)
        asyncio.get_running_loop().create_task(self._notify())
        return update["update_id"]

    def fail(
        self,
        method: str,
        status: int,
        *,
        times: int = 1,
        retry_after: int | None = None,
        description: str | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with an error instead."""
        if description is None:
            description = {
                429: f"Too Many Requests: retry after {retry_after}",
                400: "Bad Request",
            }.get(status, "Internal Server Error")
        for _ in range(times):
            self._faults[method].append(ApiError(status, description, retry_after))

    def calls_to(self, *methods: str, chat_id: int | None = None) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.method in methods and (chat_id is None or c.params.get("chat_id") == chat_id)
        ]

    def sent(self, chat_id: int | None = None) -> list[Call]:
        """Messages and photos the bot sent (successfully or not), oldest first."""
        return self.calls_to("sendMessage", "sendPhoto", chat_id=chat_id)

    async def wait_for(
        self, *methods: str, count: int = 1, chat_id: int | None = None, timeout: float = 5.0
    ) -> list[Call]:
        """Wait until at least ``count`` calls of ``methods`` (to ``chat_id``) were made."""

        async def enough() -> list[Call]:
            async with self._changed:
                await self._changed.wait_for(
                    lambda: len(self.calls_to(*methods, chat_id=chat_id)) >= count
                )
            return self.calls_to(*methods, chat_id=chat_id)

        try:
            return await asyncio.wait_for(enough(), timeout)
        except TimeoutError:
            got = [(c.method, c.params.get("text")) for c in self.calls[-5:]]
            raise AssertionError(
                f"expected {count} x {methods} to {chat_id}; last calls: {got}"
            ) from None

    async def quiet(self, seconds: float = 0.3) -> None:
        """Let the bot work for a moment (to show that it stays silent)."""
        await asyncio.sleep(seconds)

    def pending_updates(self) -> int:
        return len(self._updates)

    # ---- the server -------------------------------------------------------------------
    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params, files, filenames = await self._read(request)
        call = Call(method, params, files, filenames=filenames)
        self.calls.append(call)
        for listener in self.listeners:
            listener(call)
        try:
            if request.match_info["token"] != self.token:
                raise ApiError(401, "Unauthorized")
            if self._faults[method]:
                raise self._faults[method].popleft()
            handler = getattr(self, f"_m_{method.lower()}", None)
            if handler is None:
                raise ApiError(404, "Not Found")
            call.result = await handler(params, files)
            body: dict[str, Any] = {"ok": True, "result": call.result}
            status = 200
        except ApiError as error:
            body = {"ok": False, "error_code": error.status, "description": error.description}
            if error.retry_after is not None:
                body["parameters"] = {"retry_after": error.retry_after}
            status = error.status
        finally:
            await self._notify()
        return web.json_response(body, status=status)

    async def _read(
        self, request: web.Request
    ) -> tuple[dict[str, Any], dict[str, bytes], dict[str, str]]:
        params: dict[str, Any] = {}
        files: dict[str, bytes] = {}
        filenames: dict[str, str] = {}
        if request.content_type == "application/json":
            return dict(await request.json()), files, filenames
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                files[name] = value.file.read()
                filenames[name] = value.filename
            else:
                params[name] = _decode(name, str(value))
        return params, files, filenames

    def _message(self, chat_id: int, **content: Any) -> dict:
        chat_type = "private" if chat_id > 0 else "supergroup"
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = "User"
        else:
            chat["title"] = "Group"
        return {
            "message_id": next(self._next_message_id),
            "date": int(time.time()),
            "chat": chat,
            "from": BOT_USER,
            **content,
        }

    @staticmethod
    def _check_markup(params: dict[str, Any]) -> None:
        for row in (params.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode("utf-8")) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")

    @staticmethod
    def _visible(params: dict[str, Any], name: str) -> str:
        text = str(params.get(name, ""))
        return parse_html(text) if params.get("parse_mode") == "HTML" else text

    # ---- methods (named _m_<lowercase method>) --------------------------------------------
    async def _m_getme(self, params: dict, files: dict) -> dict:
        return BOT_USER

    async def _m_getupdates(self, params: dict, files: dict) -> list[dict]:
        offset = params.get("offset") or 0
        while self._updates and self._updates[0]["update_id"] < offset:
            self._updates.popleft()  # confirmed by the offset
        wait = min(float(params.get("timeout") or 0), self.max_poll_wait)
        if not self._updates and wait > 0:
            async with self._changed:
                with contextlib.suppress(TimeoutError):
                    arrived = self._changed.wait_for(lambda: bool(self._updates) or self._closing)
                    await asyncio.wait_for(arrived, wait)
        limit = params.get("limit") or 100
        return list(itertools.islice(self._updates, limit))

    async def _m_sendmessage(self, params: dict, files: dict) -> dict:
        text = self._visible(params, "text")
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_len(text) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        self._check_markup(params)
        return self._message(params["chat_id"], text=text)

    async def _m_sendphoto(self, params: dict, files: dict) -> dict:
        photo = files.get("photo")
        if not photo or not photo.startswith(b"\x89PNG"):
            raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
        caption = self._visible(params, "caption")
        if utf16_len(caption) > 1024:
            raise ApiError(400, "Bad Request: message caption is too long")
        self._check_markup(params)
        size = {"file_id": "photo-1", "file_unique_id": "p1", "width": 880, "height": 495}
        return self._message(params["chat_id"], photo=[size], caption=caption)

    async def _m_senddocument(self, params: dict, files: dict) -> dict:
        document = files.get("document")
        if not document:
            raise ApiError(400, "Bad Request: there is no document in the request")
        caption = self._visible(params, "caption")
        if utf16_len(caption) > 1024:
            raise ApiError(400, "Bad Request: message caption is too long")
        meta = {"file_id": "doc-1", "file_unique_id": "d1", "file_size": len(document)}
        return self._message(params["chat_id"], document=meta, caption=caption)

    async def _m_sendchataction(self, params: dict, files: dict) -> bool:
        return True

    async def _m_answercallbackquery(self, params: dict, files: dict) -> bool:
        if not params.get("callback_query_id"):
            raise ApiError(400, "Bad Request: query is too old and response timeout expired")
        return True

    async def _m_answerinlinequery(self, params: dict, files: dict) -> bool:
        for result in params.get("results", []):
            content = result.get("input_message_content") or {}
            text = content.get("message_text", "")
            visible = parse_html(text) if content.get("parse_mode") == "HTML" else text
            if utf16_len(visible) > 4096:
                raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    async def _m_setmycommands(self, params: dict, files: dict) -> bool:
        self.commands[params.get("language_code", "")] = params["commands"]
        return True

    async def _m_getmycommands(self, params: dict, files: dict) -> list[dict]:
        return self.commands.get(params.get("language_code", ""), [])

    async def _m_deletemycommands(self, params: dict, files: dict) -> bool:
        self.commands.pop(params.get("language_code", ""), None)
        return True

    async def _m_deletewebhook(self, params: dict, files: dict) -> bool:
        self.webhook = {}
        return True

    async def _m_setwebhook(self, params: dict, files: dict) -> bool:
        self.webhook = dict(params)
        return True

    async def _m_getwebhookinfo(self, params: dict, files: dict) -> dict:
        return {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    async def _m_close(self, params: dict, files: dict) -> bool:
        return True

    async def _m_logout(self, params: dict, files: dict) -> bool:
        return True


# ---- updates, as Telegram sends them ---------------------------------------------------------
_message_ids = itertools.count(1)


def user(user_id: int, lang: str | None = "ko", first_name: str = "Tester") -> dict:
    data: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if lang:
        data["language_code"] = lang
    return data


def chat(chat_id: int) -> dict:
    """A private chat for positive ids, a supergroup for negative ones (as in Telegram)."""
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": "Tester"}
    return {"id": chat_id, "type": "supergroup", "title": "Test group"}


def _entities(text: str) -> list[dict]:
    found = []
    command = re.match(r"/\S+", text)
    if command:
        found.append({"type": "bot_command", "offset": 0, "length": utf16_len(command.group())})
    for mention in re.finditer(r"@\w+", text):
        found.append(
            {
                "type": "mention",
                "offset": utf16_len(text[: mention.start()]),
                "length": utf16_len(mention.group()),
            }
        )
    return found


def message(
    chat_id: int,
    text: str | None = None,
    *,
    user_id: int | None = None,
    lang: str | None = "ko",
    reply_to: dict | None = None,
    **content: Any,
) -> dict:
    """A Message object; ``text`` gets the entities Telegram would attach (commands, mentions)."""
    data: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": chat(chat_id),
        "from": user(user_id if user_id is not None else abs(chat_id), lang),
        **content,
    }
    if text is not None:
        data["text"] = text
        if entities := _entities(text):
            data["entities"] = entities
    if reply_to is not None:
        data["reply_to_message"] = reply_to
    return data


def text_update(chat_id: int, text: str, **kwargs: Any) -> dict:
    return {"message": message(chat_id, text, **kwargs)}


def bot_message(chat_id: int, text: str = "…") -> dict:
    """A message the bot sent earlier (what a reply or a button press refers to)."""
    return {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": chat(chat_id),
        "from": BOT_USER,
        "text": text,
    }


def sticker_update(chat_id: int, **kwargs: Any) -> dict:
    sticker = {
        "file_id": "s1",
        "file_unique_id": "s1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    return {"message": message(chat_id, sticker=sticker, **kwargs)}


def photo_update(chat_id: int, **kwargs: Any) -> dict:
    photo = [{"file_id": "p1", "file_unique_id": "p1", "width": 90, "height": 90}]
    return {"message": message(chat_id, photo=photo, **kwargs)}


def edited_update(chat_id: int, text: str, **kwargs: Any) -> dict:
    edited = message(chat_id, text, **kwargs)
    edited["edit_date"] = int(time.time())
    return {"edited_message": edited}


def channel_post_update(chat_id: int, text: str) -> dict:
    post = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "channel", "title": "Channel"},
        "text": text,
    }
    return {"channel_post": post}


def callback_update(
    chat_id: int, data: str, *, user_id: int | None = None, lang: str | None = "ko"
) -> dict:
    return {
        "callback_query": {
            "id": f"cq{next(_message_ids)}",
            "from": user(user_id if user_id is not None else abs(chat_id), lang),
            "chat_instance": f"ci{chat_id}",
            "message": bot_message(chat_id),
            "data": data,
        }
    }


def inline_update(user_id: int, query: str, lang: str | None = "ko") -> dict:
    return {
        "inline_query": {
            "id": f"iq{next(_message_ids)}",
            "from": user(user_id, lang),
            "query": query,
            "offset": "",
        }
    }
