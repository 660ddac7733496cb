"""Test doubles that ship with the bot, for its own tests and benchmarks and for anyone's.

* ``fakebotapi``: a fake Telegram Bot API server on loopback (aiohttp), and builders for
  the updates Telegram sends;
* ``limited``: the same server with Telegram's limits and failures (429 floods, 5xx,
  blocked chats, file downloads);
* ``harness``: the bot's real ``Application`` pointed at such a server and run inside the
  caller's event loop.

Like opsdroid's ``opsdroid.testing`` and Datasette's ``datasette.fixtures``, they live in
the package so that ``evalbot bench telegram|notify`` run from an installed wheel, and
nothing in the product ever imports ``tests/``.
"""
