"""Publishing a round from Telegram: /publish for administrators, and the inbox folder.

Both end in ``ingest_upload`` — the same checks (.txt/.html, the size limit, the
encoding) and the same ``knowledge.store.ingest_bytes`` that ``evalbot ingest`` uses,
which writes the round and its outbox rows in one transaction or, for a broken
document, nothing at all.  Ingesting runs in a worker thread: a 2 MB page takes seconds
to parse, and the bot keeps answering meanwhile.  Then the broadcaster starts at once.

Only chats (or users) listed in ``EVALBOT_ADMIN_IDS`` may publish; anyone else is refused
before the file is even downloaded.  Inbox files are ingested when they have not changed
for a moment, then moved to ``processed/`` or ``failed/`` (with ``<name>.error.txt``
beside it); the administrators are told either way, each in their own language.
"""

from __future__ import annotations

import asyncio
import logging
import re
import shutil
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from telegram import Document, Update
from telegram.error import TelegramError

from bot.telegram.botdata import BotContext
from bot.telegram.follow import prompt_switching
from bot.telegram.memory import ui_lang
from bot.telegram.texts import N_, t
from knowledge.disclosure import ParseError
from knowledge.model import ConsistencyWarning
from knowledge.store import (
    DISCLOSURE_SUFFIXES,
    MAX_DOCUMENT_BYTES,
    IngestResult,
    TooLarge,
    ingest_bytes,
    open_db,
)

logger = logging.getLogger(__name__)

#: An inbox file must be this old (seconds since its last change) to be read: not mid-copy.
SETTLE_SECONDS = 1.0
PARTIAL_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", "~")
#: A document's caption that publishes it (/publish, or /publish@this_bot).
CAPTION = re.compile(r"^/publish(@\w+)?(\s|$)", re.IGNORECASE)
JOB_INBOX = "evalbot.publish.inbox"
INBOX_SECONDS = 5.0


# ---- the one code path -----------------------------------------------------------------------
@dataclass
class Rejected(Exception):
    """A document refused before (or instead of) changing anything; a message key and values."""

    key: str
    values: dict[str, object] = field(default_factory=dict)
    #: the parser's reason, for documents that are not readable disclosures
    error: ParseError | None = None

    def __str__(self) -> str:
        return self.message("en")

    def message(self, lang: str) -> str:
        """What went wrong, in ``lang``, for the administrator."""
        text = t(self.key, lang, **self.values)
        if self.error is not None:
            where = {"line_no": self.error.line_no, "line": _shown(self.error.line)}
            text += "\n" + t("publish_error_line", lang, reason=self.error.reason, **where)
        return text


def _shown(line: str) -> str:
    return line if len(line) <= 120 else line[:117] + "..."


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def check_upload(name: str, size: int | None) -> None:
    """Refuse what is not a .txt/.html disclosure or is over the size limit (before reading)."""
    if Path(name).suffix.lower() not in DISCLOSURE_SUFFIXES:
        raise Rejected(N_("publish_not_text"), {"name": name})
    if size is not None and size > MAX_DOCUMENT_BYTES:
        raise _too_big(name, size)


def _too_big(name: str, size: int) -> Rejected:
    limit = _megabytes(MAX_DOCUMENT_BYTES)
    return Rejected(N_("publish_too_big"), {"name": name, "size": _megabytes(size), "limit": limit})


def ingest_upload(db_path: Path, name: str, data: bytes) -> IngestResult:
    """Check, decode and ingest one uploaded disclosure; ``Rejected`` leaves the db untouched.

    Blocking (parsing, then the database's write lock): call it in a worker thread.
    """
    check_upload(name, len(data))
    db = open_db(db_path)
    try:
        return ingest_bytes(db, data, name, max_bytes=MAX_DOCUMENT_BYTES)
    except TooLarge as error:
        raise _too_big(name, error.size) from error
    except ParseError as error:  # not a readable disclosure (nor text in any encoding read)
        raise Rejected(N_("publish_rejected"), {"name": name}, error) from error
    finally:
        db.close()


def outcome(result: IngestResult, lang: str) -> str:
    """What an ingest did, in ``lang``: new, updated or already known, and what to check."""
    values = {
        "name": result.document,
        "year": result.year,
        "round_no": result.round_no,
        "services": result.services,
        "notices": result.notices,
    }
    key = {
        "new": N_("publish_new"),
        "updated": N_("publish_updated"),
        "known": N_("publish_known"),
        "withdrawn": N_("publish_withdrawn"),
    }[result.status]
    return "\n".join([t(key, lang, **values), *(_warning(w, lang) for w in result.warnings)])


def _warning(warning: ConsistencyWarning, lang: str) -> str:
    if warning.line_no is None:
        return t("publish_warning", lang, warning=warning.message)
    return t("publish_warning_line", lang, warning=warning.message, line_no=warning.line_no)


# ---- /publish ---------------------------------------------------------------------------------
def _allowed(update: Update, context: BotContext) -> bool:
    chat, user = update.effective_chat, update.effective_user
    admins = context.bot_data.admins
    return bool((chat and chat.id in admins) or (user and user.id in admins))


def _lang(update: Update, context: BotContext) -> str:
    chat = update.effective_chat
    memory = context.bot_data.memory.get(chat.id if chat else 0)
    return ui_lang(memory, update.effective_user)


async def on_document(update: Update, context: BotContext) -> None:
    """A document captioned /publish (or /publish@this_bot; another bot's is not ours)."""
    message = update.effective_message
    assert message is not None
    _, _, addressee = (message.caption or "").split()[0].partition("@")
    if addressee and addressee.lower() != context.bot.username.lower():
        return
    await _publish(update, context, message.document)


async def on_command(update: Update, context: BotContext) -> None:
    """/publish as a reply to a message carrying the document (or alone: how to use it)."""
    message = update.effective_message
    assert message is not None
    original = message.reply_to_message
    await _publish(update, context, original.document if original else None)


async def hint(update: Update, context: BotContext) -> None:
    """An administrator sent a disclosure without /publish: say how to publish it."""
    message = update.effective_message
    assert message is not None and message.document is not None
    lang = _lang(update, context)
    await message.reply_text(t("publish_hint", lang, name=message.document.file_name or ""))


async def _publish(update: Update, context: BotContext, document: Document | None) -> None:
    message = update.effective_message
    assert message is not None
    lang = _lang(update, context)
    if not _allowed(update, context):
        chat, user = update.effective_chat, update.effective_user
        logger.warning("publish refused chat=%s user=%s", chat and chat.id, user and user.id)
        await message.reply_text(t("publish_refused", lang))
        return
    if document is None:
        await message.reply_text(t("publish_usage", lang))
        return
    name = document.file_name or "document"
    path = context.bot_data.userdata.path
    try:
        check_upload(name, document.file_size)
        data = bytes(await (await document.get_file()).download_as_bytearray())
        with prompt_switching():  # parsing 2 MB in a thread must not starve the loop
            result = await asyncio.to_thread(ingest_upload, path, name, data)
    except Rejected as rejected:
        await message.reply_text(rejected.message(lang))
        return
    logger.info("published %s", result.describe())
    await context.bot_data.notifier.wake(context.application)
    await message.reply_text(outcome(result, lang))


# ---- the inbox ----------------------------------------------------------------------------------
@dataclass
class Report:
    """What happened to one inbox file: its outcome, or why it was refused."""

    name: str
    result: IngestResult | None = None
    rejected: Rejected | None = None
    error: str | None = None

    def text(self, lang: str) -> str:
        if self.result is not None:
            return t("inbox_done", lang, result=outcome(self.result, lang))
        if self.rejected is not None:
            reason = self.rejected.message(lang)
        else:
            reason = t("inbox_unreadable", lang, name=self.name)  # details in .error.txt
        return t("inbox_failed", lang, message=reason, name=self.name)


class Inbox:
    """A folder of disclosures to publish: checked on a schedule, each file handled once."""

    def __init__(self, folder: Path, db_path: Path) -> None:
        self.folder = folder
        self.db_path = db_path
        for sub in ("processed", "failed"):
            (folder / sub).mkdir(parents=True, exist_ok=True)

    async def check(self, context: BotContext) -> None:
        """JobQueue callback: ingest every ready file (in a thread), tell the administrators."""
        for path in await asyncio.to_thread(self.ready):
            with prompt_switching():  # parsing in a thread must not starve the loop
                report = await asyncio.to_thread(self.process, path)
            if report.result is not None:
                logger.info("inbox ingested %s", report.result.describe())
                await context.bot_data.notifier.wake(context.application)
            await _tell_admins(context, report)

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

    def process(self, path: Path) -> Report:
        """Ingest one file and move it (blocking: run it in a thread)."""
        name = path.name
        try:
            check_upload(name, path.stat().st_size)
            result = ingest_upload(self.db_path, name, path.read_bytes())
        except Rejected as rejected:
            self._fail(path, rejected.message("en"))
            return Report(name, rejected=rejected)
        except Exception as error:  # unreadable file, database trouble: keep the reason
            logger.exception("inbox file failed name=%s", name)
            self._fail(path, f"{type(error).__name__}: {error}")
            return Report(name, error=f"{type(error).__name__}: {error}")
        _move(path, self.folder / "processed")
        return Report(name, result=result)

    def _fail(self, path: Path, reason: str) -> None:
        moved = _move(path, self.folder / "failed")
        moved.with_name(moved.name + ".error.txt").write_text(reason + "\n", encoding="utf-8")
        logger.warning("inbox file rejected name=%s reason=%r", path.name, reason)


async def _tell_admins(context: BotContext, report: Report) -> None:
    for admin in sorted(context.bot_data.admins):
        lang = ui_lang(context.bot_data.memory.get(admin), None)
        try:
            await context.bot.send_message(admin, report.text(lang))
        except TelegramError as error:
            logger.warning("could not tell admin=%s about the inbox: %s", admin, error)


def _move(path: Path, folder: Path) -> Path:
    """Move ``path`` into ``folder``, never overwriting an earlier file of the same name."""
    target = folder / path.name
    if target.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        target = folder / f"{path.stem}-{stamp}{path.suffix}"
    return Path(shutil.move(str(path), target))
