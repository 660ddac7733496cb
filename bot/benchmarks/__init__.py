"""Rerunnable benchmarks, shipped with the bot: ``evalbot bench WHAT``.

Each module measures one layer on the machine it runs on and prints its figures next to
its targets: ``kb`` ingest throughput and database size, ``engine`` answer latency and
cold start, ``telegram`` the whole bot under load against the fake Bot API, ``notify`` a
broadcast under Telegram's limits while people keep asking questions, ``ingest-stall``
answer latency while another process ingests the largest accepted page.  They need nothing
but the installed package (the fake Bot API is ``bot.testing``).
"""
