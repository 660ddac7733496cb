"""`evalbot bench notify`: one round announced to 1,000 subscribers under Telegram's limits.

The bot is built as `evalbot run` builds it (production rate limiter, default broadcast
pace, the engine over a freshly built knowledge base) and runs in this process against
``tests/fakebotapi_limits.py``, which enforces 30 messages/s overall with 429
``retry_after`` replies.  A synthetic round is ingested from another connection (as
`evalbot ingest` would), and the benchmark measures, until every subscriber has it:

* the time from the ingest's commit to the last accepted notice, and the achieved
  messages/s between the first and the last (target >= 25: close to Telegram's 30);
* the 429s the server answered, and losses / duplicates per subscriber (target 0 / 0);
* meanwhile, other people ask questions (2 per second): how long their replies take.
"""

from __future__ import annotations

import asyncio
import itertools
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

SUBSCRIBERS = 1000
SERVER_RATE = 30.0
QUESTIONS_PER_SECOND = 2.0
QUESTION = "75점 미만 받은 사무 있어?"
#: Chats of the people asking questions during the broadcast (one question each).
ASKERS_FROM = 900_001
TARGETS = {"achieved_msgs_per_s": 25.0, "losses": 0, "duplicates": 0}


def _populate(db_path: Path, count: int) -> dict[int, str]:
    from knowledge import subscribers
    from knowledge.store import open_db

    chats = {100_000 + i: ("ko" if i % 2 else "en") for i in range(count)}
    db = open_db(db_path)
    try:
        with db.atomic():
            for chat_id, lang in chats.items():
                subscribers.subscribe(db, chat_id, lang)
    finally:
        db.close()
    return chats


def _ingest(db_path: Path) -> int:
    from knowledge import synthetic
    from knowledge.store import ingest_text, open_db

    db = open_db(db_path)
    try:
        return ingest_text(
            db, synthetic.disclosure(2031, 1, scores=True), "bench-2031-1.txt"
        ).notices
    finally:
        db.close()


async def _ask_meanwhile(api: Any, replies: dict[int, float], stop: asyncio.Event) -> list[float]:
    """A new person asks every 1/QUESTIONS_PER_SECOND s until ``stop``; reply latencies (ms)."""
    from tests.fakebotapi import text_update

    asked: dict[int, float] = {}
    for chat_id in itertools.count(ASKERS_FROM):
        if stop.is_set():
            break
        asked[chat_id] = time.monotonic()
        api.push(text_update(chat_id, QUESTION))
        await asyncio.sleep(1 / QUESTIONS_PER_SECOND)
    await asyncio.sleep(1.0)
    return [(replies[c] - at) * 1000 for c, at in asked.items() if c in replies]


async def _bench(db_path: Path, count: int, server_rate: float, rate: float | None) -> dict:
    from bot.engine import Engine
    from bot.telegram import notify
    from bot.telegram.app import build_application
    from knowledge.chats import Chats
    from knowledge.queries import Queries
    from tests.botharness import bot_settings, running
    from tests.fakebotapi_limits import LimitedBotAPI

    chats = _populate(db_path, count)
    async with LimitedBotAPI(rate=server_rate) as api:
        config = bot_settings(api, db_path)
        app = build_application(config, Engine(Queries(db_path)), Chats.open(db_path))
        pace = notify.Pace() if rate is None else notify.Pace(rate=rate)
        notify.install(app, config, pace=pace)
        replies: dict[int, float] = {}
        api.listeners.append(
            lambda call: (
                call.method == "sendMessage"
                and call.params.get("chat_id", 0) >= ASKERS_FROM
                and replies.setdefault(call.params["chat_id"], call.at)
            )
        )
        async with running(app):
            stop = asyncio.Event()
            asking = asyncio.create_task(_ask_meanwhile(api, replies, stop))
            started = time.monotonic()
            queued = _ingest(db_path)
            while sum(1 for d in api.delivered if d.chat_id in chats) < queued:
                await asyncio.sleep(0.05)
                if time.monotonic() - started > 20 + 3 * queued / server_rate:
                    break
            stop.set()
            latencies = sorted(await asking)
            await asyncio.sleep(0.5)  # a duplicate would arrive now
            stats = notify.notifier(app).stats
    notices = [d for d in api.delivered if d.chat_id in chats]
    per_chat = Counter(d.chat_id for d in notices)
    first, last = notices[0].at, notices[-1].at
    return {
        "subscribers": count,
        "server_limit_msgs_per_s": server_rate,
        "pace_msgs_per_s": pace.rate,
        "notices_delivered": len(notices),
        "time_to_deliver_all_s": round(last - started, 2),
        "achieved_msgs_per_s": round((len(notices) - 1) / (last - first), 2),
        "http_429_received": api.statuses[429],
        "broadcaster_retries": stats.retried + stats.rate_limited,
        "losses": len(set(chats) - set(per_chat)),
        "duplicates": sum(n - 1 for n in per_chat.values()),
        "questions_answered_meanwhile": len(latencies),
        "reply_p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "reply_max_ms": round(latencies[-1], 1) if latencies else None,
    }


def run_bench(
    out: TextIO,
    subscribers: int = SUBSCRIBERS,
    server_rate: float = SERVER_RATE,
    rate: float | None = None,
) -> dict[str, Any]:
    """Run the benchmark on a freshly built knowledge base; print and return the figures."""
    from knowledge.store import build

    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "knowledge.db"
        build(db_path)
        result = asyncio.run(_bench(db_path, subscribers, server_rate, rate))
    result["meets_targets"] = (
        result["achieved_msgs_per_s"] >= TARGETS["achieved_msgs_per_s"]
        and result["losses"] == TARGETS["losses"]
        and result["duplicates"] == TARGETS["duplicates"]
    )
    width = max(map(len, result))
    for key, value in result.items():
        out.write(f"{key:<{width}}  {value}\n")
    out.write(f"targets: >= {TARGETS['achieved_msgs_per_s']:g} msgs/s, 0 losses, 0 duplicates\n")
    return result
