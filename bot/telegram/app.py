"""Build and run the Telegram bot: the one place that creates what the bot holds and
registers every handler, in one block.

``build_application`` takes the engine as an argument, so tests and benchmarks run the
real Application against a fake Bot API (``TELEGRAM_BASE_URL``); ``run`` opens the real
knowledge base and serves by long polling or by webhook.  Every message is sent in HTML
parse mode; render.py escapes all data.  Feature modules (handlers, subscriptions,
publish, notify) only export handlers and jobs; they never import each other.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.config import Settings
from bot.config import configure_logging as base_logging
from bot.telegram import handlers, publish, subscriptions, texts
from bot.telegram.answering import AnswerEngine
from bot.telegram.botdata import BotContext, BotData
from bot.telegram.follow import Follower
from bot.telegram.limiter import BotRateLimiter
from bot.telegram.memory import Memory
from bot.telegram.notify import JOB_BROADCAST, TICK_SECONDS, Notifier, Pace
from bot.telegram.request import AiohttpRequest
from bot.telegram.texts import N_
from bot.telegram.userdata import UserData
from knowledge.store import health

logger = logging.getLogger(__name__)

CONTEXT_TYPES = ContextTypes(bot_data=BotData)
#: Start-up calls (deleteWebhook / setWebhook) retried this often before giving up.
BOOTSTRAP_RETRIES = 5
HEARTBEAT_SECONDS = 30
HEARTBEAT_JOB = "heartbeat"
#: How often the bot looks whether another process changed the knowledge base.
FOLLOW_SECONDS = 0.5
FOLLOW_JOB = "follow-knowledge"
NO_TOKEN = (
    "evalbot run needs TELEGRAM_BOT_TOKEN (see .env.example); "
    "to try the bot without Telegram use `evalbot chat`."
)

#: New messages; edited ones are answered as text only; channel posts fall through: silence.
NEW_MESSAGE = filters.UpdateType.MESSAGE
TEXT = filters.UpdateType.MESSAGES & filters.TEXT & ~filters.COMMAND


@dataclass(frozen=True)
class Command:
    """A command: its name, the description in Telegram's menu (None: not in the menu), and
    whether the next update must wait for it (``block``).

    python-telegram-bot handles one update at a time; a command that waits for the
    database's write lock (another process may hold it for seconds) or ingests a document
    runs beside the others instead (``block=False``), so no chat waits for it.
    """

    name: str
    description: str | None
    callback: Callable[[Update, BotContext], Coroutine[Any, Any, None]]
    block: bool = True


#: Every command, in menu order: the menu, the handlers and /help's list come from here.
COMMANDS = (
    Command("start", N_("command_start"), handlers.start),
    Command("help", N_("command_help"), handlers.help_command),
    Command("rounds", N_("command_rounds"), handlers.rounds),
    Command("services", N_("command_services"), handlers.services),
    Command("lang", N_("command_lang"), handlers.lang),
    Command("about", N_("command_about"), handlers.about),
    Command("subscribe", N_("command_subscribe"), subscriptions.subscribe, block=False),
    Command("subscriptions", N_("command_subscriptions"), subscriptions.show, block=False),
    Command("unsubscribe", N_("command_unsubscribe"), subscriptions.unsubscribe, block=False),
    Command("publish", None, publish.on_command, block=False),  # administrators only
)


def menu(lang: str) -> list[BotCommand]:
    """Telegram's command menu in ``lang``."""
    return [BotCommand(c.name, texts.plain(c.description, lang)) for c in COMMANDS if c.description]


def handler_groups(
    admins: frozenset[int],
) -> dict[int, Sequence[BaseHandler[Any, BotContext, Any]]]:
    """Every handler of the bot.  Within a group the first that matches handles the update,
    so a failing handler gets one apology (on_error) and nothing else answers it."""
    admin = filters.Chat(chat_id=admins) | filters.User(user_id=admins)
    publish_caption = filters.Document.ALL & filters.CaptionRegex(publish.CAPTION)
    disclosure = (
        filters.Document.FileExtension("txt")
        | filters.Document.FileExtension("html")
        | filters.Document.FileExtension("htm")
    )
    return {
        0: [
            *(
                CommandHandler(c.name, c.callback, filters=NEW_MESSAGE, block=c.block)
                for c in COMMANDS
            ),
            MessageHandler(NEW_MESSAGE & filters.COMMAND, handlers.unknown_command),
            MessageHandler(NEW_MESSAGE & publish_caption, publish.on_document, block=False),
            MessageHandler(NEW_MESSAGE & disclosure & admin, publish.hint),
            MessageHandler(TEXT, handlers.on_text),
            MessageHandler(NEW_MESSAGE, handlers.on_other_message),
            CallbackQueryHandler(
                subscriptions.on_button, pattern=subscriptions.BUTTONS, block=False
            ),
            CallbackQueryHandler(handlers.on_button),
            InlineQueryHandler(handlers.on_inline_query),
        ],
    }


# ---- logging -----------------------------------------------------------------------------
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
    """The CLI's logging (one event per line), and PTB's start-up retries in one line."""
    base_logging(level)
    # PTB's retry loop logs the start-up failure with its traceback; run() says it in one line
    logging.getLogger("telegram.ext").addFilter(_retry_loop_without_traceback)


def _retry_loop_without_traceback(record: logging.LogRecord) -> bool:
    if record.module == "networkloop":
        record.exc_info, record.exc_text = None, None
    return True


# ---- lifecycle ---------------------------------------------------------------------------
async def post_init(app: Application[Any, Any, Any, Any, BotData, Any]) -> None:
    """Register the command menu in Korean, in English, and (English) for everyone else."""
    for lang in ("ko", "en"):
        await app.bot.set_my_commands(menu(lang), language_code=lang)
    await app.bot.set_my_commands(menu("en"))
    app.bot_data.started = True
    app.bot_data.follower.start()  # built and about to answer: freeze the heap (follow.py)
    if app.job_queue is not None:
        for job in app.job_queue.get_jobs_by_name(HEARTBEAT_JOB):
            await job.run(app)  # beat now: the schedule's first beat is an interval away
    logger.info("started bot=@%s admins=%d", app.bot.username, len(app.bot_data.admins))


async def post_shutdown(app: Application[Any, Any, Any, Any, BotData, Any]) -> None:
    """Close the chat memory, the writer thread and the HTTP sessions the bot held.

    python-telegram-bot calls this even when start-up failed (a rejected token): the bot
    is then not initialised, its username unknown and its sessions never closed by
    ``Bot.shutdown``, so they are closed here.
    """
    data = app.bot_data
    await data.memory.flush()
    data.memory.close()
    await data.userdata.close()
    data.follower.close()
    for request in data.requests:
        await request.shutdown()
    if data.started:
        logger.info("stopped bot=@%s", app.bot.username)


async def heartbeat(context: BotContext) -> None:
    """Touch the heartbeat file (Docker's HEALTHCHECK) while the bot works: the event loop
    runs, the database is sound and writable, and notifications are being delivered."""
    path = context.job.data if context.job else None
    if not isinstance(path, Path):
        return
    database = await asyncio.to_thread(health, context.bot_data.userdata.path)
    if database and context.bot_data.notifier.healthy:
        path.touch()
    else:
        problem = database.problem or "the outbox cannot be read or written"
        logger.warning("heartbeat withheld: notifications cannot be delivered: %s", problem)


async def follow_knowledge(context: BotContext) -> None:
    """Rebuild the engine once the knowledge base changed (an `evalbot ingest`, /publish,
    the inbox): in the follower's thread (bot/telegram/follow.py), since after a large page
    it takes a second or more, and every chat keeps being answered meanwhile, from the
    engine as it stood.  The job only starts the rebuild: a job still running at its next
    turn would be skipped with a warning every half second."""
    follower = context.bot_data.follower
    if not follower.busy and follower.engine.stale():
        context.application.create_task(_follow_logged(follower), name="evalbot-follow")


async def _follow_logged(follower: Follower) -> None:
    try:
        await follower.follow()
    except Exception:  # a failed rebuild keeps the engine as it stood; the next turn retries
        logger.exception("could not follow the knowledge base")


# ---- building ----------------------------------------------------------------------------
def build_application(
    settings: Settings,
    engine: AnswerEngine,
    *,
    rate_limiter: BotRateLimiter | None = None,
    pace: Pace | None = None,
    inbox_interval: float = publish.INBOX_SECONDS,
) -> Application[Any, Any, Any, Any, BotData, Any]:
    """The bot, ready to initialise: what it holds created, every handler registered."""
    texts.check()
    for lang in texts.LANGS:
        menu(lang)  # every description translated, or fail now
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
        .rate_limiter(rate_limiter or BotRateLimiter())
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if settings.base_url:
        builder = builder.base_url(settings.base_url).base_file_url(file_url(settings.base_url))
    app = builder.build()

    userdata = UserData(settings.db_path)
    follower = Follower(engine)
    notifier = Notifier(userdata, engine, pace or Pace(), follower=follower)
    app.bot_data.attach(engine, Memory(userdata), userdata, notifier, settings.admin_ids, follower)
    app.bot_data.requests = requests
    app.bot_data.menu = tuple((c.name, c.description) for c in COMMANDS if c.description)

    app.add_handlers(handler_groups(settings.admin_ids))
    app.add_error_handler(handlers.on_error)

    jobs = app.job_queue
    assert jobs is not None, "install python-telegram-bot[job-queue]"
    jobs.run_repeating(notifier.tick, TICK_SECONDS, first=0.1, name=JOB_BROADCAST)
    jobs.run_repeating(follow_knowledge, FOLLOW_SECONDS, first=FOLLOW_SECONDS, name=FOLLOW_JOB)
    if settings.inbox is not None:
        inbox = publish.Inbox(Path(settings.inbox), Path(settings.db_path))
        first = min(inbox_interval, 1.0)
        jobs.run_repeating(inbox.check, inbox_interval, first=first, name=publish.JOB_INBOX)
    if settings.heartbeat is not None:
        jobs.run_repeating(
            heartbeat, HEARTBEAT_SECONDS, name=HEARTBEAT_JOB, data=Path(settings.heartbeat)
        )
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
    if not settings.token:
        raise SystemExit(NO_TOKEN)
    configure_logging(settings.log_level)
    from bot.engine import Engine
    from knowledge.queries import Queries
    from knowledge.store import ensure_db

    logger.info("administrators read from EVALBOT_ADMIN_IDS: %d", len(settings.admin_ids))
    try:
        path = ensure_db(settings.db_path)
        app = build_application(settings, Engine(Queries(path)))
        if webhook_url:
            logger.info("serving webhook url=%s listen=%s port=%s", webhook_url, listen, port)
            app.run_webhook(**webhook_options(webhook_url, listen, port))
        else:
            logger.info("polling for updates")
            app.run_polling(allowed_updates=Update.ALL_TYPES, bootstrap_retries=BOOTSTRAP_RETRIES)
    except Exception as error:
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
