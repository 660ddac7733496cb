"""The Telegram adapter: the only package that imports python-telegram-bot.

``app`` builds and runs the Application, ``handlers`` turn updates into engine questions,
``render`` and ``keyboards`` shape answers for Telegram, ``texts`` holds the adapter's own
words (gettext catalogs, msgctxt "telegram") and example questions (examples.yaml),
``request`` carries Bot API calls over aiohttp.
"""
