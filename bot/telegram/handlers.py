"""Questions and answers: each handler turns an update into a question for the engine, or a
short reply.

Handlers never compute an answer (the engine does) nor format one (render.py and
keyboards.py do); they choose the language, choose the previous turn a question follows,
deliver, and then remember.  Commands, deep links and example buttons are questions of
their own: they follow no previous turn.  A reply to one of the bot's answers follows
*that* answer, whoever asked last in the group.  Order: delivery, commands, messages,
buttons, inline, errors.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from telegram import (
    Bot,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError

from bot.answer import Answer, Context, Suggestion
from bot.telegram import keyboards, render, texts
from bot.telegram.botdata import BotContext
from bot.telegram.memory import LANGS, ChatMemory, question_lang, ui_lang, written_lang
from knowledge import subscribers

logger = logging.getLogger(__name__)

#: Longest question passed to the engine; a real question is a sentence or two.
MAX_QUESTION_CHARS = 500
#: digest -> question pairs kept per chat for buttons whose question did not fit.
REMEMBERED_BUTTONS = 32
#: Answers per chat whose context a reply can follow (by the answer's message id).
REMEMBERED_ANSWERS = 20
#: Rounds offered as summary buttons under /rounds (newest first).
MAX_ROUND_BUTTONS = 6
#: Source buttons under one answer ("📄 원문: 2024년 2차").
MAX_SOURCE_BUTTONS = 2
#: Seconds Telegram may cache an inline answer (the data changes once per round).
INLINE_CACHE_SECONDS = 60
#: Document ids are SQLite integers.
MAX_DOCUMENT_ID = 2**63 - 1
#: The names of the answer languages, for /lang.
LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}


def _memory(update: Update, context: BotContext) -> ChatMemory:
    chat = update.effective_chat
    if chat is None:
        return ChatMemory(0)
    try:
        return context.bot_data.memory.get(chat.id)
    except Exception:  # memory must never cost an answer
        logger.exception("chat memory unreadable chat=%s", chat.id)
        return ChatMemory(chat.id)


def _lang(update: Update, context: BotContext) -> str:
    return ui_lang(_memory(update, context), update.effective_user)


# ---- the turn a question follows, and what is remembered of it -----------------------------
def _context(raw: Any) -> Context | None:
    return Context.from_json(json.dumps(raw)) if isinstance(raw, dict) else None


def followed_context(memory: ChatMemory, message: Message, bot_id: int) -> Context | None:
    """The previous turn a message follows: the answer it replies to, else the chat's last."""
    turn = memory.turn or {}
    original = message.reply_to_message
    if original is not None and original.from_user is not None and original.from_user.id == bot_id:
        return _context((turn.get("answers") or {}).get(str(original.message_id)))
    return _context(turn.get("context"))


def _buttons(previous: dict[str, Any] | None, remembered: dict[str, str]) -> dict[str, str]:
    buttons = dict((previous or {}).get("buttons") or {})
    for key, question in remembered.items():  # newest last, so the oldest are dropped first
        buttons.pop(key, None)
        buttons[key] = question
    return dict(list(buttons.items())[-REMEMBERED_BUTTONS:])


def _turn(
    previous: dict[str, Any] | None,
    answer: Answer | None,
    remembered: dict[str, str],
    message_ids: Sequence[int] = (),
) -> dict[str, Any]:
    """The chat's memory after this turn: the engine's context, the questions behind
    buttons, and this answer's context under each message id it was sent as."""
    turn = dict(previous or {})
    turn["buttons"] = _buttons(previous, remembered)
    if answer is not None:
        stored = json.loads(answer.context.to_json()) if answer.context else None
        turn["context"] = stored
        answers = dict(turn.get("answers") or {})
        for message_id in message_ids:
            answers.pop(str(message_id), None)
            answers[str(message_id)] = stored
        turn["answers"] = dict(list(answers.items())[-REMEMBERED_ANSWERS:])
    return turn


def _remember(context: BotContext, chat_id: int, turn: dict[str, Any]) -> None:
    """Remember a turn after the reply went out; a failure costs the memory, not the answer."""
    try:
        context.bot_data.memory.remember(chat_id, turn)
    except Exception:
        logger.exception("could not remember the turn chat=%s", chat_id)


# ---- delivery -------------------------------------------------------------------------------
async def _chart_png(answer: Answer) -> bytes | None:
    """The answer's chart as PNG, drawn off the event loop; None (logged) if drawing fails."""
    from bot.chart import render_png

    assert answer.chart is not None
    try:
        return await asyncio.to_thread(render_png, answer.chart)
    except Exception:
        logger.exception("chart failed intent=%s; sending the text alone", answer.intent)
        return None


async def deliver(
    bot: Bot,
    chat_id: int,
    answer: Answer,
    markup: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
) -> list[int]:
    """Send an answer: the chart as a photo if any, then the text, buttons on the last
    message; the ids of the messages sent."""
    reply = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None
    messages = render.answer_parts(answer)
    photo = await _chart_png(answer) if answer.chart else None
    sent: list[int] = []
    if photo is not None:
        caption, messages = render.chart_caption(answer)
        message = await bot.send_photo(
            chat_id,
            photo,
            caption=caption,
            reply_parameters=reply,
            reply_markup=None if messages else markup,
        )
        sent.append(message.message_id)
        reply = None
    for i, text in enumerate(messages):
        last = i == len(messages) - 1
        message = await bot.send_message(
            chat_id,
            text,
            reply_parameters=reply if i == 0 else None,
            reply_markup=markup if last else None,
        )
        sent.append(message.message_id)
    return sent


def _suggestions(answer: Answer) -> list[Suggestion]:
    """The follow-ups worth a button: never the question that led here."""
    asked = " ".join(answer.question.split()).casefold()
    return [s for s in answer.suggestions if " ".join(s.question.split()).casefold() != asked]


def source_buttons(context: BotContext, answer: Answer) -> list[tuple[int, str]]:
    """(document id, short label) for the sources without a link: their text is one tap away."""
    queries = context.bot_data.engine.queries
    rounds = {r.document_id: r for r in queries.rounds()}
    buttons: list[tuple[int, str]] = []
    for source in answer.sources:
        document_id = source.document_id
        if document_id is None or source.url or document_id in dict(buttons):
            continue
        round_ = rounds.get(document_id)
        if round_ is not None:
            values = {"year": round_.year, "round_no": round_.round_no}
            label = texts.plain("read_round", answer.lang, **values)
        else:
            label = texts.plain("read_source", answer.lang, title=render.shorten(source.title, 24))
        buttons.append((document_id, label))
    return buttons[:MAX_SOURCE_BUTTONS]


async def ask(
    update: Update,
    context: BotContext,
    question: str,
    *,
    previous: Context | None = None,
    reply_to: int | None = None,
) -> None:
    """Answer a question in this chat, following ``previous``; send; then remember."""
    chat = update.effective_chat
    assert chat is not None
    memory = _memory(update, context)
    started = time.perf_counter()
    answer = context.bot_data.engine.answer(
        question,
        lang=question_lang(memory, update.effective_user, question),
        context=previous,
        follow=False,  # app.py follows the knowledge base off the event loop
    )
    markup, remembered = keyboards.suggestions_markup(
        _suggestions(answer), source_buttons(context, answer)
    )
    sent = await deliver(context.bot, chat.id, answer, markup, reply_to)
    _remember(context, chat.id, _turn(memory.turn, answer, remembered, sent))
    logger.info(
        "answered chat=%s intent=%s answered=%s lang=%s ms=%.1f",
        chat.id,
        answer.intent,
        answer.answered,
        answer.lang,
        (time.perf_counter() - started) * 1000,
    )


async def _reply(update: Update, text: str, **kwargs: Any) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(text, **kwargs)


# ---- commands -------------------------------------------------------------------------
async def start(update: Update, context: BotContext) -> None:
    """Greet with example questions; a deep link (/start below75) answers directly."""
    lang = _lang(update, context)
    question = texts.example(context.args[0], lang) if context.args else None
    if question:
        await ask(update, context, question)
        return
    name = update.effective_user.first_name if update.effective_user else ""
    markup = keyboards.examples_markup(texts.start_examples(lang))
    await _reply(update, texts.t("start", lang, name=name), reply_markup=markup)


async def help_command(update: Update, context: BotContext) -> None:
    """Say what can be asked and list the commands (those of the menu)."""
    lang = _lang(update, context)
    commands = "\n".join(f"/{name} {texts.plain(key, lang)}" for name, key in context.bot_data.menu)
    await _reply(update, texts.t("help", lang, username=context.bot.username, commands=commands))


async def about(update: Update, context: BotContext) -> None:
    """Say what the data is, where it comes from, and that reported figures are reports."""
    await _reply(update, texts.t("about", _lang(update, context)))


def _average(score: float | None, precision: int | None, lang: str) -> str:
    if score is None:
        return texts.t("rounds_no_average", lang)
    return f"{score:.{precision if precision is not None else 2}f}"  # as published


async def rounds(update: Update, context: BotContext) -> None:
    """List the rounds in the knowledge base, newest first, each with a summary button."""
    chat = update.effective_chat
    assert chat is not None
    lang = _lang(update, context)
    await context.bot_data.follower.follow()
    queries = context.bot_data.engine.queries
    known = list(reversed(queries.rounds()))
    if not known:
        await _reply(update, texts.t("rounds_none", lang))
        return
    lines = [texts.t("rounds_title", lang)]
    buttons: list[Suggestion] = []
    for r in known:
        services = r.services_evaluated or len(queries.evaluations(r.year, r.round_no))
        average = _average(r.average_score, r.average_precision, lang)
        values = {"year": r.year, "round": r.round_no, "services": services, "average": average}
        lines.append(texts.t("rounds_line", lang, **values))
        if len(buttons) < MAX_ROUND_BUTTONS:
            label = texts.plain("rounds_button", lang, year=r.year, round=r.round_no)
            question = texts.plain("rounds_question", lang, year=r.year, round=r.round_no)
            buttons.append(Suggestion(label, question))
    markup, remembered = keyboards.suggestions_markup(buttons)
    await _reply(update, "\n".join(lines), reply_markup=markup)
    memory = _memory(update, context)
    _remember(context, chat.id, _turn(memory.turn, None, remembered))


async def services(update: Update, context: BotContext) -> None:
    """List the services evaluated in the newest round (the engine answers its question)."""
    await ask(update, context, texts.command_question("services", _lang(update, context)))


async def lang(update: Update, context: BotContext) -> None:
    """Choose the answer language: /lang ko, /lang en, or /lang auto."""
    chat = update.effective_chat
    assert chat is not None
    memory = context.bot_data.memory
    choice = context.args[0].lower() if context.args else ""
    if choice in LANGS:
        memory.set_lang(chat.id, choice)
        await _reply(update, texts.t("lang_set", choice))
    elif choice == "auto":
        memory.set_lang(chat.id, None)
        await _reply(update, texts.t("lang_auto", _lang(update, context)))
    else:
        current_lang = _lang(update, context)
        chosen = _memory(update, context).lang
        current = LANGUAGE_NAMES[chosen] if chosen else texts.t("lang_auto_name", current_lang)
        usage = texts.t("lang_usage", current_lang, current=current)
        if choice:
            usage = texts.t("lang_unknown", current_lang, code=choice) + "\n" + usage
        await _reply(update, usage)
        return
    # subscriptions (and their pending alerts) follow the chat's language
    new_lang = _lang(update, context)
    context.bot_data.userdata.submit(subscribers.set_language, chat.id, new_lang)


async def unknown_command(update: Update, context: BotContext) -> None:
    """Point at /help, unless the command in a group was meant for another bot."""
    message = update.effective_message
    assert message is not None and message.text is not None
    command = message.text.split()[0]
    addressed = command.lower().endswith(f"@{context.bot.username}".lower())
    if message.chat.type != ChatType.PRIVATE and not addressed:
        return
    await _reply(update, texts.t("unknown_command", _lang(update, context)))


# ---- messages ---------------------------------------------------------------------------
def addressed_question(message: Message, bot_username: str, bot_id: int) -> str | None:
    """The question in a message meant for the bot, or None when it is not meant for it.

    Private chats are always meant for the bot; in groups, only a message that mentions
    the bot or replies to one of its messages is.  The mention itself is not part of the
    question, in either.
    """
    text = message.text or ""
    mention = f"@{bot_username}".lower()
    question = re.sub(re.escape(mention), " ", text, flags=re.IGNORECASE).strip()
    if message.chat.type == ChatType.PRIVATE:
        return question
    mentioned = any(
        found.lower() == mention
        for found in message.parse_entities([MessageEntity.MENTION]).values()
    )
    original = message.reply_to_message
    replied = bool(original and original.from_user and original.from_user.id == bot_id)
    return question if mentioned or replied else None


async def on_text(update: Update, context: BotContext) -> None:
    """Answer free text (new or edited) with the engine; in groups only when addressed."""
    message = update.effective_message
    assert message is not None
    question = addressed_question(message, context.bot.username, context.bot.id)
    if question is None:
        return  # a group conversation not meant for us
    lang = _lang(update, context)
    if not question:
        example = texts.start_examples(lang)[0][1]
        await _reply(update, texts.t("ask_what", lang, example=example))
    elif len(question) > MAX_QUESTION_CHARS:
        values = {"length": len(question), "limit": MAX_QUESTION_CHARS}
        written = written_lang(_memory(update, context), update.effective_user, question)
        await _reply(update, texts.t("too_long", written, **values))
    else:
        private = message.chat.type == ChatType.PRIVATE
        previous = followed_context(_memory(update, context), message, context.bot.id)
        reply_to = None if private else message.message_id
        await ask(update, context, question, previous=previous, reply_to=reply_to)


async def on_other_message(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice…: a hint in private chats, silence in groups."""
    message = update.message
    if message is None or message.chat.type != ChatType.PRIVATE:
        return
    lang = _lang(update, context)
    example = texts.start_examples(lang)[0][1]
    await _reply(update, texts.t("not_text", lang, example=example))


# ---- buttons ------------------------------------------------------------------------------
def tapped_question(
    context: BotContext, tap: keyboards.Tap | None, memory: ChatMemory, lang: str
) -> str | None:
    """The question behind a tapped button, or None when the button is old or unknown."""
    if tap is None:
        return None
    if tap.kind == "k":
        return texts.example(tap.value, lang)
    if tap.kind == "q":
        return tap.value
    if tap.kind == "h":
        return ((memory.turn or {}).get("buttons") or {}).get(tap.value)
    if tap.kind == "s":  # an alert's "results of your service"
        service_id, year, round_no = keyboards.service_round(tap)
        service = context.bot_data.engine.queries.service(service_id)
        if service is None:
            return None
        name = (service.name_en or service.name_ko) if lang == "en" else service.name_ko
        values = {"service": name, "year": year, "round_no": round_no}
        return texts.plain("notice_service_question", lang, **values)
    return None


async def send_source(context: BotContext, chat_id: int, document_id: int, lang: str) -> bool:
    """Send a current stored document as a file, as published (an HTML page as .html);
    False if there is none to send under that id."""
    if not 0 < document_id <= MAX_DOCUMENT_ID:
        return False
    document = context.bot_data.engine.queries.readable_document(document_id)
    if document is None:
        return False
    suffix = Path(document.source).suffix.lower()
    name = Path(document.source).stem + (".html" if suffix in (".html", ".htm") else ".txt")
    caption = texts.t("source_caption", lang, title=document.title)
    data = document.text.encode("utf-8")
    await context.bot.send_document(chat_id, data, filename=name, caption=caption)
    return True


async def expired(update: Update, context: BotContext, lang: str) -> None:
    """An old, forged or foreign button: a toast, and a message for those who missed it."""
    query = update.callback_query
    assert query is not None
    # Telegram shows this text as a toast; the message stays for those who missed it
    await query.answer(texts.t("button_expired", lang))
    if update.effective_chat is not None:
        await context.bot.send_message(update.effective_chat.id, texts.t("button_expired", lang))


async def on_button(update: Update, context: BotContext) -> None:
    """Answer the tapped suggestion or send the tapped source; old buttons get a polite reply."""
    query = update.callback_query
    assert query is not None
    chat = update.effective_chat
    memory = _memory(update, context)
    lang = ui_lang(memory, update.effective_user)
    tap = keyboards.decode(query.data)
    if tap is not None and tap.kind == "d" and chat is not None:
        if not await send_source(context, chat.id, int(tap.value), lang):
            await expired(update, context, lang)
            return
        await query.answer()  # callback queries must be answered, or the client keeps spinning
        return
    question = tapped_question(context, tap, memory, lang)
    if question is None or chat is None:
        await expired(update, context, lang)
        return
    await query.answer()  # callback queries must be answered, or the client keeps spinning
    # a suggestion continues the conversation it was offered in; an example starts afresh
    previous = _context((memory.turn or {}).get("context")) if tap and tap.kind != "k" else None
    await ask(update, context, question, previous=previous)


# ---- inline mode --------------------------------------------------------------------------
async def on_inline_query(update: Update, context: BotContext) -> None:
    """Offer the answer to "@bot 75점 미만" as one article the user can send into any chat."""
    query = update.inline_query
    assert query is not None
    question = query.query.strip()
    if not question or len(question) > MAX_QUESTION_CHARS:
        await query.answer([], cache_time=INLINE_CACHE_SECONDS)
        return
    # a user's private chat with the bot has the user's id: their /lang choice lives there
    memory = context.bot_data.memory.get(query.from_user.id)
    answer = context.bot_data.engine.answer(
        question, lang=question_lang(memory, query.from_user, question), follow=False
    )
    article = InlineQueryResultArticle(
        id=keyboards.digest(f"{answer.lang}:{question}"),
        title=question,
        description=render.description(answer),
        input_message_content=InputTextMessageContent(
            render.inline_html(answer), parse_mode=ParseMode.HTML
        ),
    )
    await query.answer([article], cache_time=INLINE_CACHE_SECONDS, is_personal=True)


# ---- errors ---------------------------------------------------------------------------------
def _describe(update: object) -> str:
    if not isinstance(update, Update):
        return repr(type(update).__name__)
    chat = update.effective_chat
    return f"update_id={update.update_id} chat={chat.id if chat else None}"


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure first, then tell the user something went wrong (once)."""
    logger.error("update failed: %s", _describe(update), exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    lang = ui_lang(_memory(update, context), update.effective_user)
    try:
        await context.bot.send_message(update.effective_chat.id, texts.t("error", lang))
    except TelegramError as error:
        logger.warning("could not report the failure to %s: %s", _describe(update), error)
