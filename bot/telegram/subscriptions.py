"""/subscribe, /subscribe SERVICE, /subscriptions, /unsubscribe [SERVICE].

Registered in handler group -1, ahead of the adapter's placeholders, and each handler
ends the update there (``ApplicationHandlerStop``).  A service is found with the
engine's own fuzzy matcher (``bot.understand.services.ServiceIndex``), so "/subscribe
핀테크랩" finds what the question "핀테크랩 점수는?" finds; when two services are too close
to call, the user picks one from buttons (``v1:sub:<service id>``: the adapter's
versioned scheme, a kind its own decoder treats as foreign).  A subscription keeps the
chat's language, and follows later /lang choices.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    filters,
)

from bot.telegram import keyboards
from bot.telegram.botdata import BotContext
from bot.telegram.handlers import ui_lang
from bot.telegram.notify import Notifier
from bot.telegram.texts import N_, t
from knowledge import subscribers
from knowledge.model import Service

PICK_PREFIX = f"{keyboards.VERSION}:sub:"
#: Below the matcher's own cutoff, still worth offering as "did you mean" buttons.
SUGGEST_CUTOFF = 60.0
ALL_WORDS = frozenset({"all", "전체", "모두", "전부"})
NEW_MESSAGE = filters.UpdateType.MESSAGE


#: The commands this feature adds to the menu, in menu order.
COMMANDS = ("subscribe", "subscriptions", "unsubscribe")


def register(app: Application, notify: Notifier) -> None:
    """Add the subscription commands ahead of the adapter's handlers."""
    commands = Subscriptions(notify)
    callbacks = (commands.subscribe, commands.show, commands.unsubscribe)
    for name, callback in zip(COMMANDS, callbacks, strict=True):
        app.add_handler(CommandHandler(name, callback, filters=NEW_MESSAGE), group=-1)
    app.add_handler(CallbackQueryHandler(commands.pick, pattern=rf"^{PICK_PREFIX}\d+$"), group=-1)
    # after the adapter's /lang (group 0) has stored the choice
    app.add_handler(CommandHandler("lang", commands.follow_language, filters=NEW_MESSAGE), group=1)


class Subscriptions:
    """The handlers, bound to the notifier's database and knowledge."""

    def __init__(self, notify: Notifier) -> None:
        self.notify = notify

    # ---- helpers -----------------------------------------------------------------------
    def _lang(self, update: Update, context: BotContext) -> str:
        chat = update.effective_chat
        memory = context.bot_data.chats.get(chat.id if chat else 0)
        return ui_lang(memory, update.effective_user)

    def _name(self, service: Service, lang: str) -> str:
        return (service.name_en or service.name_ko) if lang == "en" else service.name_ko

    def _by_name(self, name_ko: str) -> Service | None:
        return next((s for s in self.notify.queries.services() if s.name_ko == name_ko), None)

    def _label(self, name_ko: str | None, lang: str) -> str:
        if name_ko is None:
            return t("subscription_all_rounds", lang)
        service = self._by_name(name_ko)
        return self._name(service, lang) if service else name_ko

    def _match(self, query: str) -> tuple[list[int], list[int]]:
        """(named service ids, candidate ids to ask about) for a typed service name."""
        index = self.notify.service_index()
        result = index.match(query)
        if len(result.named) == 1:
            return list(result.named), []
        if result.named or result.candidates:
            return [], list(result.named or result.candidates)[:3]
        return [], [h.service_id for h in index.hits(query, cutoff=SUGGEST_CUTOFF)[:3]]

    def _pick_markup(self, service_ids: list[int], lang: str) -> InlineKeyboardMarkup:
        services = [self.notify.queries.service(i) for i in service_ids]
        return InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(self._name(s, lang), callback_data=f"{PICK_PREFIX}{s.id}")]
                for s in services
                if s is not None
            ]
        )

    async def _reply(self, update: Update, text: str, **kwargs: object) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(text, **kwargs)  # type: ignore[arg-type]

    def _subscribe_service(self, chat_id: int, service: Service, lang: str) -> str:
        fresh = subscribers.subscribe(self.notify.db, chat_id, lang, service.name_ko)
        key = N_("subscribed_service") if fresh else N_("already_service")
        return t(key, lang, service=self._name(service, lang))

    # ---- commands --------------------------------------------------------------------
    async def subscribe(self, update: Update, context: BotContext) -> None:
        """Subscribe to every new round, or (with a name) to one service's evaluations."""
        chat = update.effective_chat
        assert chat is not None
        lang = self._lang(update, context)
        query = " ".join(context.args or []).strip()
        if not query:
            fresh = subscribers.subscribe(self.notify.db, chat.id, lang)
            key = N_("subscribed_all") if fresh else N_("already_all")
            await self._reply(update, t(key, lang))
            raise ApplicationHandlerStop
        named, candidates = self._match(query)
        if named:
            service = self.notify.queries.service(named[0])
            assert service is not None
            await self._reply(update, self._subscribe_service(chat.id, service, lang))
        elif candidates:
            markup = self._pick_markup(candidates, lang)
            await self._reply(update, t("service_which", lang), reply_markup=markup)
        else:
            await self._reply(update, t("service_unknown", lang, query=query))
        raise ApplicationHandlerStop

    async def pick(self, update: Update, context: BotContext) -> None:
        """A "which service?" button: subscribe to the service it names."""
        query = update.callback_query
        chat = update.effective_chat
        assert query is not None and query.data is not None
        await query.answer()  # callback queries must be answered, or the client keeps spinning
        lang = self._lang(update, context)
        service = self.notify.queries.service(int(query.data.removeprefix(PICK_PREFIX)))
        if chat is not None and service is not None:
            text = self._subscribe_service(chat.id, service, lang)
            await context.bot.send_message(chat.id, text)
        raise ApplicationHandlerStop

    async def show(self, update: Update, context: BotContext) -> None:
        """List the chat's active subscriptions."""
        chat = update.effective_chat
        assert chat is not None
        lang = self._lang(update, context)
        names = subscribers.subscriptions(self.notify.db, chat.id)
        if not names:
            await self._reply(update, t("subscriptions_none", lang))
        else:
            items = "\n".join(f"• {self._label(n, lang)}" for n in names)
            await self._reply(update, t("subscriptions_list", lang, items=items))
        raise ApplicationHandlerStop

    async def unsubscribe(self, update: Update, context: BotContext) -> None:
        """Stop every subscription, or (with a name) the one for that service."""
        chat = update.effective_chat
        assert chat is not None
        lang = self._lang(update, context)
        query = " ".join(context.args or []).strip()
        db = self.notify.db
        if not query or query.lower() in ALL_WORDS:
            stopped = subscribers.unsubscribe(db, chat.id, all_=True)
            key = N_("unsubscribed_all") if stopped else N_("unsubscribe_nothing")
            await self._reply(update, t(key, lang, count=stopped))
            raise ApplicationHandlerStop
        current = [n for n in subscribers.subscriptions(db, chat.id) if n is not None]
        named, candidates = self._match(query)
        ids = named or candidates
        services = [s for s in (self.notify.queries.service(i) for i in ids) if s is not None]
        target = next((s for s in services if s.name_ko in current), None)
        if target is None:
            await self._reply(update, t("unsubscribe_unknown", lang, query=query))
        else:
            subscribers.unsubscribe(db, chat.id, target.name_ko)
            await self._reply(
                update, t("unsubscribed_service", lang, service=self._name(target, lang))
            )
        raise ApplicationHandlerStop

    async def follow_language(self, update: Update, context: BotContext) -> None:
        """After /lang: future notifications (and pending ones) use the chat's new language."""
        chat = update.effective_chat
        if chat is None or not subscribers.subscriptions(self.notify.db, chat.id):
            return
        subscribers.set_language(self.notify.db, chat.id, self._lang(update, context))
