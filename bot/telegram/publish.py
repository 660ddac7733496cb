"""Publishing a round from Telegram: /publish for administrators, and the inbox folder.

Both end in ``ingest_upload`` — the same checks (.txt/.html, at most 2 MB, UTF-8) and
the same ``knowledge.store.ingest_text`` that ``evalbot ingest`` uses, which writes the
round and its outbox rows in one transaction or, for a broken document, nothing at all.
Then the notifier refreshes the knowledge and starts broadcasting at once.

Only chats (or users) listed in ``EVALBOT_ADMIN_IDS`` may publish; anyone else is refused
before the file is even downloaded.  Inbox files are ingested when they have not changed
for a moment, then moved to ``processed/`` or ``failed/`` (with ``<name>.error.txt``
beside it); the administrators are told either way.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from telegram import Document, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.config import Settings
from bot.telegram.botdata import BotContext
from bot.telegram.handlers import ui_lang
from bot.telegram.notify import JOB_INBOX, Notifier
from bot.telegram.texts import N_, t
from knowledge.disclosure import ParseError
from knowledge.store import DISCLOSURE_SUFFIXES, IngestResult, ingest_text, open_db

logger = logging.getLogger(__name__)

MAX_BYTES = 2 * 1024 * 1024
#: An inbox file must be this old (seconds since its last change) to be read: not mid-copy.
SETTLE_SECONDS = 1.0
PARTIAL_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", "~")
CAPTION = re.compile(r"^/publish(@\w+)?(\s|$)", re.IGNORECASE)


# ---- the one code path -----------------------------------------------------------------------
@dataclass
class Rejected(Exception):
    """A document refused before (or instead of) changing anything; a message key and values."""

    key: str
    values: dict[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return html.unescape(self.message("en"))

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.values)


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def check_upload(name: str, size: int | None) -> None:
    """Refuse what is not a .txt/.html disclosure or is over the size limit (before reading)."""
    if Path(name).suffix.lower() not in DISCLOSURE_SUFFIXES:
        raise Rejected(N_("publish_not_text"), {"name": name})
    if size is not None and size > MAX_BYTES:
        limit = _megabytes(MAX_BYTES)
        values = {"name": name, "size": _megabytes(size), "limit": limit}
        raise Rejected(N_("publish_too_big"), values)


def ingest_upload(db_path: Path, name: str, data: bytes) -> IngestResult:
    """Check, decode and ingest one uploaded disclosure; ``Rejected`` leaves the db untouched."""
    check_upload(name, len(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Rejected(N_("publish_not_utf8"), {"name": name, "error": str(error)}) from error
    db = open_db(db_path)
    try:
        return ingest_text(db, text, name)
    except ParseError as error:
        raise Rejected(N_("publish_rejected"), {"name": name, "error": str(error)}) from error
    finally:
        db.close()


def done_message(
    result: IngestResult, lang: str, key: str = N_("publish_done"), **values: object
) -> str:
    lines = [t(key, lang, result=result.describe(), **values)]
    lines += [t("publish_warning", lang, warning=w) for w in result.warnings]
    return "\n".join(lines)


def after_ingest(app: Application, notify: Notifier, result: IngestResult) -> None:
    """New knowledge: refresh the caches and start broadcasting now, not at the next tick."""
    logger.info("ingested %s", result.describe())
    notify.watch_documents(app.bot_data.engine)
    notify.start(app)


# ---- /publish ---------------------------------------------------------------------------------
def register(app: Application, settings: Settings, notify: Notifier) -> None:
    """Add /publish (command, or caption of a document) ahead of the adapter's handlers."""
    publisher = Publisher(settings, notify)
    caption = filters.Document.ALL & filters.CaptionRegex(CAPTION)
    app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & caption, publisher.on_document), -1)
    app.add_handler(
        CommandHandler("publish", publisher.on_command, filters=filters.UpdateType.MESSAGE), -1
    )


class Publisher:
    """The /publish handlers: administrators only, then the one code path."""

    def __init__(self, settings: Settings, notify: Notifier) -> None:
        self.admins = settings.admin_ids
        self.notify = notify

    def allowed(self, update: Update) -> bool:
        chat, user = update.effective_chat, update.effective_user
        return bool((chat and chat.id in self.admins) or (user and user.id in self.admins))

    async def on_document(self, update: Update, context: BotContext) -> None:
        """A document captioned /publish (or /publish@this_bot; another bot's is not ours)."""
        message = update.effective_message
        assert message is not None
        _, _, addressee = (message.caption or "").split()[0].partition("@")
        if addressee and addressee.lower() != context.bot.username.lower():
            return
        await self._publish(update, context, message.document)
        raise ApplicationHandlerStop

    async def on_command(self, update: Update, context: BotContext) -> None:
        """/publish as a reply to a message carrying the document (or alone: how to use it)."""
        message = update.effective_message
        assert message is not None
        original = message.reply_to_message
        await self._publish(update, context, original.document if original else None)
        raise ApplicationHandlerStop

    async def _publish(
        self, update: Update, context: BotContext, document: Document | None
    ) -> None:
        message = update.effective_message
        assert message is not None
        chat = update.effective_chat
        lang = ui_lang(context.bot_data.chats.get(chat.id if chat else 0), update.effective_user)
        if not self.allowed(update):
            logger.warning(
                "publish refused chat=%s user=%s",
                chat and chat.id,
                update.effective_user and update.effective_user.id,
            )
            await message.reply_text(t("publish_refused", lang))
            return
        if document is None:
            await message.reply_text(t("publish_usage", lang))
            return
        name = document.file_name or "document"
        try:
            check_upload(name, document.file_size)
            data = bytes(await (await document.get_file()).download_as_bytearray())
            result = ingest_upload(self.notify.db_path, name, data)
        except Rejected as rejected:
            await message.reply_text(rejected.message(lang))
            return
        after_ingest(context.application, self.notify, result)
        await message.reply_text(done_message(result, lang))


# ---- the inbox ----------------------------------------------------------------------------------
def schedule_inbox(app: Application, settings: Settings, notify: Notifier, interval: float) -> None:
    """(Re)schedule the inbox check when ``EVALBOT_INBOX`` is set."""
    assert app.job_queue is not None
    for job in app.job_queue.get_jobs_by_name(JOB_INBOX):
        job.schedule_removal()
    if settings.inbox is None:
        return
    inbox = Inbox(Path(settings.inbox), settings.admin_ids, notify)
    app.job_queue.run_repeating(inbox.check, interval, first=min(interval, 1.0), name=JOB_INBOX)


class Inbox:
    """A folder of disclosures to publish: checked on a schedule, each file handled once."""

    def __init__(self, folder: Path, admins: frozenset[int], notify: Notifier) -> None:
        self.folder = folder
        self.admins = admins
        self.notify = notify
        for sub in ("processed", "failed"):
            (folder / sub).mkdir(parents=True, exist_ok=True)

    def ready(self) -> list[Path]:
        """Files to ingest now: visible, complete (not a partial download), settled."""
        now = time.time()
        self.folder.mkdir(parents=True, exist_ok=True)  # a folder removed meanwhile comes back
        return sorted(
            p
            for p in self.folder.iterdir()
            if p.is_file()
            and not p.name.startswith(".")
            and not p.name.endswith(PARTIAL_SUFFIXES)
            and now - p.stat().st_mtime >= SETTLE_SECONDS
        )

    async def check(self, context: BotContext) -> None:
        """JobQueue callback: ingest every ready file, move it, tell the administrators."""
        for path in self.ready():
            report = self.process(context.application, path)
            await self._tell_admins(context, report)

    def process(self, app: Application, path: Path) -> dict[str, object]:
        """Ingest one file and move it; what to tell the administrators, per language."""
        name = path.name
        try:
            check_upload(name, path.stat().st_size)
            result = ingest_upload(self.notify.db_path, name, path.read_bytes())
        except Rejected as rejected:
            self._fail(path, html.unescape(rejected.message("en")))
            return {"key": "inbox_failed", "name": name, "error": rejected}
        except Exception as error:  # unreadable file, database trouble: keep the reason
            logger.exception("inbox file failed name=%s", name)
            self._fail(path, f"{type(error).__name__}: {error}")
            return {"key": "inbox_failed", "name": name, "error": error}
        _move(path, self.folder / "processed")
        after_ingest(app, self.notify, result)
        return {"key": "inbox_done", "name": name, "result": result}

    def _fail(self, path: Path, reason: str) -> None:
        moved = _move(path, self.folder / "failed")
        moved.with_name(moved.name + ".error.txt").write_text(reason + "\n", encoding="utf-8")
        logger.warning("inbox file rejected name=%s reason=%r", path.name, reason)

    async def _tell_admins(self, context: BotContext, report: dict[str, object]) -> None:
        for admin in sorted(self.admins):
            lang = ui_lang(context.bot_data.chats.get(admin), None)
            text = _report_text(report, lang)
            try:
                await context.bot.send_message(admin, text)
            except TelegramError as error:
                logger.warning("could not tell admin=%s about the inbox: %s", admin, error)


def _report_text(report: dict[str, object], lang: str) -> str:
    name = report["name"]
    if report["key"] == "inbox_done":
        result = report["result"]
        assert isinstance(result, IngestResult)
        return done_message(result, lang, N_("inbox_done"), name=name)
    error = report["error"]
    reason = error.message(lang) if isinstance(error, Rejected) else str(error)
    return t("inbox_failed", lang, name=name, error=reason)


def _move(path: Path, folder: Path) -> Path:
    """Move ``path`` into ``folder``, never overwriting an earlier file of the same name."""
    target = folder / path.name
    if target.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        target = folder / f"{path.stem}-{stamp}{path.suffix}"
    return Path(shutil.move(str(path), target))
