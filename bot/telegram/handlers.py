"""Telegram handlers: each turns an update into a question for the engine, or a short reply.

Handlers never compute an answer (the engine does) nor format one (render.py and
keyboards.py do); they choose the language, carry the chat's previous turn, deliver,
and remember.  Order: language, delivery, commands, messages, buttons, inline, errors.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
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
    User,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError

from bot.answer import Answer, Context, Suggestion
from bot.telegram import keyboards, render, texts
from bot.telegram.botdata import BotContext
from knowledge.chats import ChatMemory

logger = logging.getLogger(__name__)

#: Longest question passed to the engine; a real question is a sentence or two.
MAX_QUESTION_CHARS = 500
#: digest -> question pairs kept per chat for buttons whose question did not fit.
REMEMBERED_BUTTONS = 32
#: Rounds offered as summary buttons under /rounds (newest first).
MAX_ROUND_BUTTONS = 6
#: Seconds Telegram may cache an inline answer (the data changes once per round).
INLINE_CACHE_SECONDS = 60


# ---- language ---------------------------------------------------------------------------
def _code_lang(code: str | None) -> str | None:
    code = (code or "").lower()
    return "ko" if code.startswith("ko") else "en" if code.startswith("en") else None


def ui_lang(memory: ChatMemory, user: User | None) -> str:
    """Our own messages: the /lang choice, else the Telegram client's language, else Korean."""
    if memory.lang:
        return memory.lang
    if user and user.language_code:
        return _code_lang(user.language_code) or "en"
    return "ko"


def question_lang(memory: ChatMemory, user: User | None, question: str) -> str | None:
    """The language to answer in; None lets the engine read it from the question.

    A /lang choice is a rule.  Telegram's language_code is only a default (often missing
    or wrong), so the question's own words decide, and the client's language only breaks
    the tie for a question without letters ("75?").
    """
    if memory.lang:
        return memory.lang
    if any(ch.isalpha() for ch in question):
        return None
    return _code_lang(user.language_code if user else None)


def _memory(update: Update, context: BotContext) -> ChatMemory:
    chat = update.effective_chat
    if chat is None:
        return ChatMemory(0)
    return context.bot_data.chats.get(chat.id)


def _lang(update: Update, context: BotContext) -> str:
    return ui_lang(_memory(update, context), update.effective_user)


# ---- delivery -----------------------------------------------------------------------------
def _previous(memory: ChatMemory) -> Context | None:
    raw = (memory.turn or {}).get("context")
    return Context.from_json(json.dumps(raw)) if raw else None


def _remember_buttons(update: Update, context: BotContext, remembered: dict[str, str]) -> None:
    """Keep the questions behind new buttons without touching the conversation's context."""
    chat = update.effective_chat
    if not remembered or chat is None:
        return
    memory = context.bot_data.chats.get(chat.id)
    turn = dict(memory.turn or {})
    turn["buttons"] = _buttons(turn, remembered)
    context.bot_data.chats.remember(chat.id, turn)


def _buttons(previous: dict[str, Any] | None, remembered: dict[str, str]) -> dict[str, str]:
    buttons = dict((previous or {}).get("buttons") or {})
    for key, question in remembered.items():  # newest last, so the oldest are dropped first
        buttons.pop(key, None)
        buttons[key] = question
    return dict(list(buttons.items())[-REMEMBERED_BUTTONS:])


def _turn(answer: Answer, previous: dict[str, Any] | None, remembered: dict[str, str]) -> dict:
    """What to remember of this turn: the engine's context and the questions behind buttons."""
    context = json.loads(answer.context.to_json()) if answer.context else None
    return {"context": context, "buttons": _buttons(previous, remembered)}


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
) -> None:
    """Send an answer: the chart as a photo if any, then the text, buttons on the last message."""
    reply = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None
    messages = render.answer_parts(answer)
    photo = await _chart_png(answer) if answer.chart else None
    if photo is not None:
        caption, messages = render.chart_caption(answer)
        await bot.send_photo(
            chat_id,
            photo,
            caption=caption,
            reply_parameters=reply,
            reply_markup=None if messages else markup,
        )
        reply = None
    for i, text in enumerate(messages):
        last = i == len(messages) - 1
        await bot.send_message(
            chat_id,
            text,
            reply_parameters=reply if i == 0 else None,
            reply_markup=markup if last else None,
        )


async def ask(
    update: Update, context: BotContext, question: str, reply_to: int | None = None
) -> None:
    """Answer a question in this chat with its previous turn, remember the new turn, send."""
    chat = update.effective_chat
    assert chat is not None
    chats = context.bot_data.chats
    memory = chats.get(chat.id)
    started = time.perf_counter()
    answer = context.bot_data.engine.answer(
        question,
        lang=question_lang(memory, update.effective_user, question),
        context=_previous(memory),
    )
    markup, remembered = keyboards.suggestions_markup(answer.suggestions, readable_sources(answer))
    chats.remember(chat.id, _turn(answer, memory.turn, remembered))
    await deliver(context.bot, chat.id, answer, markup, reply_to)
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
    """Say what can be asked and list the commands."""
    await _reply(update, texts.t("help", _lang(update, context), username=context.bot.username))


async def about(update: Update, context: BotContext) -> None:
    """Say what the data is, where it comes from, and that reported figures are reports."""
    await _reply(update, texts.t("about", _lang(update, context)))


def _average(score: float | None, precision: int | None, lang: str) -> str:
    if score is None:
        return texts.t("rounds_no_average", lang)
    return f"{score:.{precision if precision is not None else 2}f}"  # as published


async def rounds(update: Update, context: BotContext) -> None:
    """List the rounds in the knowledge base, newest first, each with a summary button."""
    lang = _lang(update, context)
    queries = context.bot_data.engine.queries
    known = list(reversed(queries.rounds()))
    if not known:
        await _reply(update, texts.t("rounds_none", lang))
        return
    lines = [texts.t("rounds_title", lang)]
    buttons = []
    for r in known:
        services = r.services_evaluated or len(queries.evaluations(r.year, r.round_no))
        average = _average(r.average_score, r.average_precision, lang)
        lines.append(
            texts.t(
                "rounds_line",
                lang,
                year=r.year,
                round=r.round_no,
                services=services,
                average=average,
            )
        )
        if len(buttons) < MAX_ROUND_BUTTONS:
            label = texts.plain("rounds_button", lang, year=r.year, round=r.round_no)
            question = texts.plain("rounds_question", lang, year=r.year, round=r.round_no)
            buttons.append(Suggestion(label, question))
    markup, remembered = keyboards.suggestions_markup(buttons)
    _remember_buttons(update, context, remembered)
    await _reply(update, "\n".join(lines), reply_markup=markup)


async def services(update: Update, context: BotContext) -> None:
    """List the services evaluated (the engine answers its canned question)."""
    await ask(update, context, texts.command_question("services", _lang(update, context)))


async def lang(update: Update, context: BotContext) -> None:
    """Choose the answer language: /lang ko, /lang en, or /lang auto."""
    chat = update.effective_chat
    assert chat is not None
    chats = context.bot_data.chats
    choice = context.args[0].lower() if context.args else ""
    if choice in ("ko", "en"):
        chats.set_lang(chat.id, choice)
        await _reply(update, texts.t("lang_set", choice))
    elif choice == "auto":
        chats.set_lang(chat.id, None)
        await _reply(update, texts.t("lang_auto", _lang(update, context)))
    else:
        memory = chats.get(chat.id)
        current_lang = ui_lang(memory, update.effective_user)
        current = memory.lang or texts.t("lang_auto_name", current_lang)
        await _reply(update, texts.t("lang_usage", current_lang, current=current))


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
    question.
    """
    text = message.text or ""
    if message.chat.type == ChatType.PRIVATE:
        return text
    mention = f"@{bot_username}".lower()
    mentioned = any(
        found.lower() == mention
        for found in message.parse_entities([MessageEntity.MENTION]).values()
    )
    original = message.reply_to_message
    replied = bool(original and original.from_user and original.from_user.id == bot_id)
    if not (mentioned or replied):
        return None
    return re.sub(re.escape(mention), " ", text, flags=re.IGNORECASE).strip()


async def on_text(update: Update, context: BotContext) -> None:
    """Answer free text with the engine; in groups only when addressed."""
    message = update.message
    assert message is not None
    question = addressed_question(message, context.bot.username, context.bot.id)
    if question is None:
        return  # a group conversation not meant for us
    question = question.strip()
    if question and len(question) <= MAX_QUESTION_CHARS:
        private = message.chat.type == ChatType.PRIVATE
        await ask(update, context, question, reply_to=None if private else message.message_id)
        return
    lang = _lang(update, context)
    if not question:
        example = texts.start_examples(lang)[0][1]
        await _reply(update, texts.t("not_text", lang, example=example))
    else:
        await _reply(
            update, texts.t("too_long", lang, length=len(question), limit=MAX_QUESTION_CHARS)
        )


async def on_other_message(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice…: a hint in private chats, silence in groups."""
    message = update.message
    if message is None or message.chat.type != ChatType.PRIVATE:
        return
    lang = _lang(update, context)
    example = texts.start_examples(lang)[0][1]
    await _reply(update, texts.t("not_text", lang, example=example))


# ---- buttons ------------------------------------------------------------------------------
def tapped_question(tap: keyboards.Tap | None, memory: ChatMemory, lang: str) -> str | None:
    """The question behind a tapped button, or None when the button is old or unknown."""
    if tap is None:
        return None
    if tap.kind == "k":
        return texts.example(tap.value, lang)
    if tap.kind == "q":
        return tap.value
    return ((memory.turn or {}).get("buttons") or {}).get(tap.value)


def readable_sources(answer: Answer) -> list[tuple[int, str]]:
    """(document id, button label) for each source with no link: its text is one tap away."""
    return [
        (s.document_id, texts.plain("read_source", answer.lang, title=s.title))
        for s in answer.sources
        if s.document_id is not None and not s.url
    ]


async def send_source(update: Update, context: BotContext, document_id: int, lang: str) -> bool:
    """Send a stored document as a text file; False if it is unknown (e.g. after a rebuild)."""
    queries = context.bot_data.engine.queries
    text = queries.document_text(document_id)
    chat = update.effective_chat
    if text is None or chat is None:
        return False
    doc = queries.document(document_id)
    name = Path(doc.source).stem + ".txt"
    caption = texts.t("source_caption", lang, title=doc.title)
    await context.bot.send_document(chat.id, text.encode("utf-8"), filename=name, caption=caption)
    return True


async def on_button(update: Update, context: BotContext) -> None:
    """Answer the tapped suggestion; an old or malformed button gets a polite reply."""
    query = update.callback_query
    assert query is not None
    chat = update.effective_chat
    memory = _memory(update, context)
    lang = ui_lang(memory, update.effective_user)
    tap = keyboards.decode(query.data)
    if tap is not None and tap.kind == "d":
        await query.answer()  # callback queries must be answered, or the client keeps spinning
        if not await send_source(update, context, int(tap.value), lang):
            await context.bot.send_message(chat.id, texts.t("button_expired", lang))
        return
    question = tapped_question(tap, memory, lang)
    if question is None or chat is None:
        # Telegram shows this text as a toast; the message stays for those who missed it
        await query.answer(texts.t("button_expired", lang))
        if chat is not None:
            await context.bot.send_message(chat.id, texts.t("button_expired", lang))
        return
    await query.answer()  # callback queries must be answered, or the client keeps spinning
    await ask(update, context, question)


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
    memory = context.bot_data.chats.get(query.from_user.id)
    answer = context.bot_data.engine.answer(
        question, lang=question_lang(memory, query.from_user, question)
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
    """Log the failure first, then tell the user something went wrong."""
    logger.error("update failed: %s", _describe(update), exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    lang = ui_lang(_memory_or_none(update, context), update.effective_user)
    try:
        await context.bot.send_message(update.effective_chat.id, texts.t("error", lang))
    except TelegramError as error:
        logger.warning("could not report the failure to %s: %s", _describe(update), error)


def _memory_or_none(update: Update, context: BotContext) -> ChatMemory:
    """The chat's memory, or none at all when reading it fails (we may be here because of it)."""
    try:
        return _memory(update, context)
    except Exception:
        return ChatMemory(0)
