"""/subscribe [SERVICE | all], /subscriptions, /unsubscribe [SERVICE | all], and their buttons.

A service is resolved by the engine (``match_services``), exactly as a question naming it
is: "/subscribe 마포", "/subscribe Mapo" and "/subscribe fintek lab" find what "마포 점수는?"
finds; when a word fits several services ("센터"), the user picks one from buttons.  A
subscription keeps the chat's language, and follows later /lang choices (handlers.lang).

Every subscription shown to the user carries its own "stop" button: a command printed in
a message is not tappable as a whole (Telegram's command entity ends at the first space),
so "/unsubscribe 서울 핀테크랩" would arrive as a bare /unsubscribe.  A bare /unsubscribe
therefore never stops anything by itself: it lists the subscriptions with their buttons
and a "stop all" button.

Callback data (the adapter's versioned scheme, bot/telegram/keyboards.py):
``v1:sub:<service id>`` subscribes, ``v1:stop:<key>`` stops the subscription whose key
is ``keyboards.digest`` of its service name ("" for every round), ``v1:stop:all`` stops all.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.telegram import keyboards
from bot.telegram.botdata import BotContext
from bot.telegram.memory import ui_lang
from bot.telegram.texts import N_, plain, t
from knowledge import subscribers
from knowledge.model import Service

PICK = f"{keyboards.VERSION}:sub:"
STOP, STOP_ALL = keyboards.STOP, keyboards.STOP_ALL
#: Callback data this module answers (registered ahead of the generic button handler).
BUTTONS = rf"^(?:{PICK}\d{{1,18}}|{STOP}(?:all|[0-9a-f]{{{keyboards.DIGEST_CHARS}}}))$"
ALL_WORDS = frozenset({"all", "every", "전체", "모두", "전부", "다"})


# ---- helpers -----------------------------------------------------------------------------
def _lang(update: Update, context: BotContext) -> str:
    chat = update.effective_chat
    memory = context.bot_data.memory.get(chat.id if chat else 0)
    return ui_lang(memory, update.effective_user)


def _name(service: Service, lang: str) -> str:
    return (service.name_en or service.name_ko) if lang == "en" else service.name_ko


def _label(context: BotContext, name_ko: str | None, lang: str) -> str:
    """How a subscription is called: "every new round", or the service's name in ``lang``."""
    if name_ko is None:
        return plain("subscription_all_rounds", lang)
    queries = context.bot_data.engine.queries
    service = next((s for s in queries.services() if s.name_ko == name_ko), None)
    return _name(service, lang) if service else name_ko


def _stop_markup(context: BotContext, names: list[str | None], lang: str) -> InlineKeyboardMarkup:
    """A "stop" button per subscription, and "stop all" when there are several."""
    rows = [
        [keyboards.stop_button(name, plain("stop_one", lang, label=_label(context, name, lang)))]
        for name in names
    ]
    if len(names) > 1:
        rows.append([InlineKeyboardButton(plain("stop_all", lang), callback_data=STOP_ALL)])
    return InlineKeyboardMarkup(rows)


def _pick_markup(context: BotContext, service_ids: list[int], lang: str) -> InlineKeyboardMarkup:
    queries = context.bot_data.engine.queries
    services = [s for s in (queries.service(i) for i in service_ids) if s is not None]
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(_name(s, lang), callback_data=f"{PICK}{s.id}")] for s in services]
    )


async def _reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(text, reply_markup=markup)


async def _subscribe(
    context: BotContext, chat_id: int, lang: str, service: Service | None
) -> tuple[str, InlineKeyboardMarkup]:
    """Subscribe, and the confirmation with its "stop" button."""
    name_ko = service.name_ko if service else None
    fresh = await context.bot_data.userdata.run(subscribers.subscribe, chat_id, lang, name_ko)
    if service is None:
        text = t(N_("subscribed_all") if fresh else N_("already_all"), lang)
    else:
        key = N_("subscribed_service") if fresh else N_("already_service")
        text = t(key, lang, service=_name(service, lang))
    button = keyboards.stop_button(name_ko, plain("stop_these", lang))
    return text, InlineKeyboardMarkup([[button]])


# ---- commands ----------------------------------------------------------------------------
async def subscribe(update: Update, context: BotContext) -> None:
    """Subscribe to every new round, or (with a name) to one service's evaluations."""
    chat = update.effective_chat
    assert chat is not None
    lang = _lang(update, context)
    query = " ".join(context.args or []).strip()
    if not query or query.lower() in ALL_WORDS:
        await _reply(update, *await _subscribe(context, chat.id, lang, None))
        return
    found = context.bot_data.engine.match_services(query)
    queries = context.bot_data.engine.queries
    if len(found.named) == 1 and (service := queries.service(found.named[0])) is not None:
        await _reply(update, *await _subscribe(context, chat.id, lang, service))
    elif found.named or found.candidates:
        markup = _pick_markup(context, list(found.named or found.candidates)[:3], lang)
        await _reply(update, t("service_which", lang), markup)
    else:
        await _reply(update, t("service_unknown", lang, query=query))


async def show(update: Update, context: BotContext) -> None:
    """List the chat's subscriptions, each with a "stop" button."""
    chat = update.effective_chat
    assert chat is not None
    lang = _lang(update, context)
    names = await context.bot_data.userdata.run(subscribers.subscriptions, chat.id)
    if not names:
        await _reply(update, t("subscriptions_none", lang))
        return
    items = "\n".join(f"• {_label(context, n, lang)}" for n in names)
    markup = _stop_markup(context, names, lang)
    await _reply(update, t("subscriptions_list", lang, items=items), markup)


async def unsubscribe(update: Update, context: BotContext) -> None:
    """Stop the subscription named, or all with "all"; alone, offer a button per subscription."""
    chat = update.effective_chat
    assert chat is not None
    lang = _lang(update, context)
    userdata = context.bot_data.userdata
    query = " ".join(context.args or []).strip()
    names = await userdata.run(subscribers.subscriptions, chat.id)
    if not names:
        await _reply(update, t("unsubscribe_nothing", lang))
    elif not query:
        items = "\n".join(f"• {_label(context, n, lang)}" for n in names)
        await _reply(
            update, t("unsubscribe_which", lang, items=items), _stop_markup(context, names, lang)
        )
    elif query.lower() in ALL_WORDS:
        stopped = await userdata.run(subscribers.unsubscribe, chat.id, all_=True)
        await _reply(update, t("unsubscribed_all", lang, count=stopped))
    else:
        found = context.bot_data.engine.match_services(query)
        queries = context.bot_data.engine.queries
        wanted = [s.name_ko for i in (*found.named, *found.candidates) if (s := queries.service(i))]
        target = next((name for name in wanted if name in names), None)
        if target is None:
            await _reply(update, t("unsubscribe_unknown", lang, query=query))
        else:
            await userdata.run(subscribers.unsubscribe, chat.id, target)
            label = _label(context, target, lang)
            await _reply(update, t("unsubscribed_service", lang, service=label))


# ---- buttons -------------------------------------------------------------------------------
async def on_button(update: Update, context: BotContext) -> None:
    """A "which service?" button subscribes; a "stop" button stops what it names."""
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None and query.data is not None
    lang = _lang(update, context)
    if chat is None:
        await query.answer(t("button_expired", lang))
        return
    if query.data.startswith(PICK):
        service = context.bot_data.engine.queries.service(int(query.data.removeprefix(PICK)))
        if service is None:
            await query.answer(t("button_expired", lang))
            return
        await query.answer()  # callback queries must be answered, or the client keeps spinning
        confirmation, markup = await _subscribe(context, chat.id, lang, service)
        await context.bot.send_message(chat.id, confirmation, reply_markup=markup)
        return
    userdata = context.bot_data.userdata
    names = await userdata.run(subscribers.subscriptions, chat.id)
    text: str | None
    if query.data == STOP_ALL:
        stopped = await userdata.run(subscribers.unsubscribe, chat.id, all_=True)
        await query.answer()
        text = t("unsubscribed_all", lang, count=stopped) if stopped else None
    else:
        matching = [name for name in names if keyboards.encode_stop(name) == query.data]
        if not matching:
            await query.answer(t("unsubscribe_gone", lang))  # stopped already
            return
        await userdata.run(subscribers.unsubscribe, chat.id, matching[0])
        await query.answer()
        text = t("unsubscribed_service", lang, service=_label(context, matching[0], lang))
    await context.bot.send_message(chat.id, text or t("unsubscribe_nothing", lang))
