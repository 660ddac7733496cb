"""The Telegram adapter: the only package of the product that imports python-telegram-bot.

``app`` is the one place that builds the Application, creates what it holds (chat memory,
the writer thread, the notifier) and registers every handler in one block.  Features
export handlers and never import each other: ``handlers`` (questions and answers),
``subscriptions`` (/subscribe and its buttons), ``publish`` (/publish and the inbox),
``notify`` (the broadcaster, with ``notice`` composing its messages).  They share
``botdata`` (the typed ``context.bot_data``), ``answering`` (what the adapter asks of the
engine), ``memory`` and ``userdata`` (what the bot remembers, written off the event
loop), ``texts`` (gettext catalogs, msgctxt "telegram", and examples.yaml), ``render`` and
``keyboards`` (answers as Telegram HTML and buttons), ``limiter`` (Telegram's limits,
replies before broadcasts) and ``request`` (Bot API calls over aiohttp).
"""
