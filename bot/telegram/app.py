"""Build and run the Telegram bot: one Application, every handler registered in one block.

``build_application`` takes the engine and the chat memory as arguments, so tests and
benchmarks run the real Application against a fake Bot API (``TELEGRAM_BASE_URL``);
``run`` opens the real ones and serves by long polling or by webhook.  Every message
is sent in HTML parse mode; render.py escapes all data.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, InvalidToken, NetworkError, TimedOut
from telegram.ext import (
    AIORateLimiter,
    Application,
    BaseRateLimiter,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.config import Settings
from bot.telegram import handlers, notify, texts
from bot.telegram.botdata import AnswerEngine, BotContext, BotData
from bot.telegram.request import AiohttpRequest
from knowledge.chats import Chats

logger = logging.getLogger(__name__)

CONTEXT_TYPES = ContextTypes(bot_data=BotData)
#: Retries after a 429, each after waiting the retry_after Telegram asked for.
RATE_LIMIT_RETRIES = 3
#: Retries after a 5xx or a dropped connection, waiting 0.5 s, 1 s, 2 s.
NETWORK_RETRIES = 3
NETWORK_BACKOFF = 0.5
#: Start-up calls (deleteWebhook / setWebhook) retried this often before giving up.
BOOTSTRAP_RETRIES = 5
HEARTBEAT_SECONDS = 30
HEARTBEAT_JOB = "heartbeat"

#: Edited messages and channel posts fall through every handler: silence, by design.
NEW_MESSAGE = filters.UpdateType.MESSAGE

COMMANDS: dict[str, Callable[[Update, BotContext], Coroutine[Any, Any, None]]] = {
    "start": handlers.start,
    "help": handlers.help_command,
    "rounds": handlers.rounds,
    "services": handlers.services,
    "lang": handlers.lang,
    "about": handlers.about,
}


class RetryingRateLimiter(AIORateLimiter):
    """``AIORateLimiter`` that also retries server and network errors, with backoff.

    AIORateLimiter waits out a 429 but re-raises everything else.  A 500 from the Bot API
    or a dropped connection is usually gone a moment later, so the reply should still
    arrive.  Bad requests are our own fault and are not retried; nor are timeouts, whose
    request may already have been delivered.
    """

    def __init__(self, *, network_retries: int = NETWORK_RETRIES, **kwargs: Any) -> None:
        kwargs.setdefault("max_retries", RATE_LIMIT_RETRIES)
        super().__init__(**kwargs)
        self._network_retries = network_retries

    async def process_request(  # type: ignore[override]
        self, callback, args, kwargs, endpoint, data, rate_limit_args
    ):
        attempt, delay = 0, NETWORK_BACKOFF
        while True:
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
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


_REDACTED: set[str] = set()


def redact_token_in_logs(token: str) -> None:
    """Replace the token in every log record this process creates, whoever logs it.

    python-telegram-bot logs its API URL (which contains the token) at DEBUG, and HTTP
    clients log request URLs; a filter on our own handlers would miss records that reach
    other handlers (a test's, a library's), so records are cleaned as they are made.
    """
    if not token or token in _REDACTED:
        return
    _REDACTED.add(token)
    make_record = logging.getLogRecordFactory()

    def clean(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed log call is the handler's to report, not ours
            return record
        if token in message:
            record.msg, record.args = message.replace(token, "<token>"), ()
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            if token in text:
                record.exc_info, record.exc_text = None, text.replace(token, "<token>")
        return record

    logging.setLogRecordFactory(clean)


def configure_logging(level: str) -> None:
    """One event per line; libraries that log every request speak from WARNING up."""
    logging.basicConfig(
        format="%(asctime)s level=%(levelname)s logger=%(name)s %(message)s", level=level
    )
    for noisy in ("httpx", "httpcore", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # PTB's retry loop logs the start-up failure with its traceback; run() says it in one line
    logging.getLogger("telegram.ext").addFilter(_retry_loop_without_traceback)


def _retry_loop_without_traceback(record: logging.LogRecord) -> bool:
    if record.module == "networkloop":
        record.exc_info, record.exc_text = None, None
    return True


# ---- lifecycle ---------------------------------------------------------------------------
def _menu(lang: str) -> list[BotCommand]:
    return [BotCommand(name, description) for name, description in texts.command_descriptions(lang)]


async def post_init(app: Application) -> None:
    """Register the command menu in Korean, in English, and (English) for everyone else."""
    for lang in ("ko", "en"):
        await app.bot.set_my_commands(_menu(lang), language_code=lang)
    await app.bot.set_my_commands(_menu("en"))
    app.bot_data.started = True
    if app.job_queue is not None:
        for job in app.job_queue.get_jobs_by_name(HEARTBEAT_JOB):
            await job.run(app)  # beat now: the schedule's first beat is an interval away
    logger.info("started bot=@%s", app.bot.username)


async def post_shutdown(app: Application) -> None:
    """Close the chat memory and the HTTP sessions the bot held.

    python-telegram-bot calls this even when start-up failed (a rejected token): the bot
    is then not initialised, its username unknown and its sessions never closed by
    ``Bot.shutdown``, so they are closed here.
    """
    app.bot_data.chats.close()
    for request in app.bot_data.requests:
        await request.shutdown()
    if app.bot_data.started:
        logger.info("stopped bot=@%s", app.bot.username)


def _heartbeat(path: Path) -> Callable[[BotContext], Coroutine[Any, Any, None]]:
    async def beat(context: BotContext) -> None:
        """Touch the heartbeat file: the event loop is alive (Docker's HEALTHCHECK)."""
        path.touch()

    return beat


# ---- building ----------------------------------------------------------------------------
def build_application(
    settings: Settings,
    engine: AnswerEngine,
    chats: Chats,
    *,
    rate_limiter: BaseRateLimiter | None = None,
) -> Application:
    """The bot, ready to initialise: every handler registered, engine and memory attached."""
    texts.check()
    redact_token_in_logs(settings.token)
    requests = (AiohttpRequest(), AiohttpRequest(connection_pool_size=1))
    builder = (
        Application.builder()
        .token(settings.token)
        .context_types(CONTEXT_TYPES)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .request(requests[0])
        .get_updates_request(requests[1])
        .rate_limiter(rate_limiter or RetryingRateLimiter())
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if settings.base_url:
        builder = builder.base_url(settings.base_url).base_file_url(file_url(settings.base_url))
    app = builder.build()
    app.bot_data.attach(engine, chats)
    app.bot_data.requests = requests

    for name, callback in COMMANDS.items():
        app.add_handler(CommandHandler(name, callback, filters=NEW_MESSAGE))
    app.add_handler(MessageHandler(NEW_MESSAGE & filters.COMMAND, handlers.unknown_command))
    app.add_handler(MessageHandler(NEW_MESSAGE & filters.TEXT, handlers.on_text))
    app.add_handler(MessageHandler(NEW_MESSAGE, handlers.on_other_message))
    app.add_handler(CallbackQueryHandler(handlers.on_button))
    app.add_handler(InlineQueryHandler(handlers.on_inline_query))
    app.add_error_handler(handlers.on_error)

    heartbeat = settings.heartbeat
    if heartbeat is not None and app.job_queue is not None:
        app.job_queue.run_repeating(_heartbeat(heartbeat), HEARTBEAT_SECONDS, name=HEARTBEAT_JOB)
    notify.install(app, settings)
    return app


def file_url(base_url: str) -> str:
    """Where another Bot API server serves files: ``…/bot`` -> ``…/file/bot``, as Telegram does."""
    root, slash, last = base_url.rstrip("/").rpartition("/")
    return f"{root}{slash}file/{last}"


def webhook_options(webhook_url: str, listen: str, port: int) -> dict[str, Any]:
    """``run_webhook`` arguments: serve the URL's path, and check a fresh secret token.

    Telegram echoes the secret in a header on every webhook call; the token is new at
    each start (setWebhook registers it), so it never needs to be stored or configured.
    """
    return {
        "listen": listen,
        "port": port,
        "url_path": urlsplit(webhook_url).path.lstrip("/"),
        "webhook_url": webhook_url,
        "secret_token": secrets.token_urlsafe(32),
        "allowed_updates": Update.ALL_TYPES,
        "bootstrap_retries": BOOTSTRAP_RETRIES,
    }


def run(
    settings: Settings,
    webhook_url: str | None = None,
    listen: str = "0.0.0.0",
    port: int = 8443,
) -> None:
    """Serve the bot until interrupted: long polling, or a webhook when a URL is given."""
    configure_logging(settings.log_level)
    if not settings.token:
        raise SystemExit("TELEGRAM_BOT_TOKEN is not set (see .env.example)")
    from bot.engine import Engine
    from knowledge.queries import Queries
    from knowledge.store import ensure_db

    path = ensure_db(settings.db_path)
    app = build_application(settings, Engine(Queries(path)), Chats.open(path))
    try:
        if webhook_url:
            logger.info("serving webhook url=%s listen=%s port=%s", webhook_url, listen, port)
            app.run_webhook(**webhook_options(webhook_url, listen, port))
        else:
            logger.info("polling for updates")
            app.run_polling(allowed_updates=Update.ALL_TYPES, bootstrap_retries=BOOTSTRAP_RETRIES)
    except Exception as error:  # noqa: BLE001 - every start-up failure ends in one clean line
        raise SystemExit(startup_failure(error, settings.token)) from None


def startup_failure(error: BaseException, token: str) -> str:
    """One line saying why the bot could not start, with the token masked.

    python-telegram-bot's ``InvalidToken`` quotes the whole token, and Python would print
    it (and its chained causes) to stderr past every logging filter, so the message is
    rebuilt here and the traceback dropped.
    """
    detail = mask_token(str(error), token) or type(error).__name__
    if isinstance(error, InvalidToken):
        hint = "Telegram rejected TELEGRAM_BOT_TOKEN: check it with @BotFather"
    elif isinstance(error, (NetworkError, OSError)):
        hint = "could not reach the Bot API (TELEGRAM_BASE_URL or the network)"
    else:
        hint = "the bot could not start"
    return f"evalbot run: {hint} ({type(error).__name__}: {detail})"


def mask_token(text: str, token: str) -> str:
    """``text`` with the token (and its secret half, alone) replaced by ``<token>``."""
    if token:
        text = text.replace(token, "<token>")
        secret = token.partition(":")[2]
        if len(secret) >= 8:
            text = text.replace(secret, "<token>")
    return text
