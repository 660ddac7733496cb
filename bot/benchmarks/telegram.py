"""`evalbot bench telegram`: the whole Telegram stack under load, on this machine.

The bot runs in its own process exactly as `evalbot run` builds it (python-telegram-bot
Application, rate limiter, handlers, the engine over a freshly built knowledge base, chat
memory in SQLite) and long-polls the fake Bot API of ``bot.testing.fakebotapi``.  This
process plays ``chats`` private chats asking real questions, and times each update from
the moment it is queued to the moment its reply reaches the server.

* sustained: updates offered at a steady ``rate`` for ``seconds`` (open loop): the rate
  achieved and the p50/p99 time from update to reply;
* saturation: every chat asks again as soon as it is answered (closed loop): the most
  updates/s the bot keeps up with;
* the bot process's CPU per update and its peak resident memory (VmHWM).

Telegram itself lets a bot send about 30 messages/s in all; the benchmark lifts that
overall cap (``overall_max_rate=0``) to measure the bot rather than Telegram's quota.
"""

from __future__ import annotations

import asyncio
import importlib
import multiprocessing
import os
import statistics
import tempfile
import time
from collections import defaultdict, deque
from pathlib import Path
from typing import Any, TextIO

from bot.telegram.texts import t
from bot.testing.fakebotapi import Call, FakeBotAPI, text_update

CHATS = 50
RATE = 200.0
SECONDS = 10.0
SATURATION_SECONDS = 5.0
TARGETS = {"updates_per_second": 200.0, "p99_ms": 100.0, "peak_rss_mb": 200.0}
#: Questions people ask (the shipped examples and the question set), Korean and English.
QUESTIONS = (
    "75점 미만 받은 사무 있어?",
    "Which services fell below 75?",
    "2023년 3차 평균 점수는?",
    "What was the average score in round 3 of 2023?",
    "재계약 배제 기준 점수가 몇 점이야?",
    "핀테크랩 개선과제 알려줘",
    "평가는 누가 했어?",
    "When was the evaluation carried out?",
)


def serve_bot(base_url: str, token: str, db_path: str, engine_factory: str) -> None:
    """The bot process: `evalbot run`'s application, long polling until SIGTERM."""
    from telegram import Update

    from bot.config import settings
    from bot.telegram.app import build_application, configure_logging
    from bot.telegram.limiter import BotRateLimiter
    from knowledge.queries import Queries

    config = settings(
        {
            "TELEGRAM_BOT_TOKEN": token,
            "TELEGRAM_BASE_URL": base_url,
            "EVALBOT_DB": db_path,
            "EVALBOT_LOG_LEVEL": "WARNING",
        }
    )
    configure_logging(config.log_level)
    module, _, name = engine_factory.partition(":")
    engine = getattr(importlib.import_module(module), name)(Queries(db_path))
    app = build_application(config, engine, rate_limiter=BotRateLimiter(overall_max_rate=0))
    app.run_polling(allowed_updates=Update.ALL_TYPES, close_loop=False)


def _proc_status(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024  # kB -> MB
    return float("nan")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


class Load:
    """Pushes questions and times replies, with one FIFO of send times per chat."""

    def __init__(self, api: FakeBotAPI, chats: int) -> None:
        self.api, self.chats = api, chats
        self.sent_at: dict[int, deque[float]] = defaultdict(deque)
        self.latencies: list[float] = []
        self.asked = 0
        self.closed_loop = False
        api.listeners.append(self._on_call)

    def ask(self, chat_id: int) -> None:
        self.sent_at[chat_id].append(time.monotonic())
        self.api.push(text_update(chat_id, QUESTIONS[self.asked % len(QUESTIONS)]))
        self.asked += 1

    def _on_call(self, call: Call) -> None:
        chat_id = call.params.get("chat_id")
        queue = self.sent_at.get(chat_id) if isinstance(chat_id, int) else None
        if call.method != "sendMessage" or not queue:
            return
        self.latencies.append(call.at - queue.popleft())
        if self.closed_loop:
            self.ask(call.params["chat_id"])

    def outstanding(self) -> int:
        return sum(len(q) for q in self.sent_at.values())

    async def drain(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while self.outstanding() and time.monotonic() < deadline:
            await asyncio.sleep(0.01)


def _percentile(sorted_ms: list[float], share: float) -> float:
    return round(sorted_ms[max(0, int(len(sorted_ms) * share) - 1)], 1) if sorted_ms else -1.0


async def _sustained(load: Load, rate: float, seconds: float) -> dict[str, float]:
    load.latencies.clear()
    total = int(rate * seconds)
    started = time.monotonic()
    for i in range(total):
        delay = started + i / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        load.ask(1 + i % load.chats)
    await load.drain()
    ms = sorted(x * 1000 for x in load.latencies)
    last_reply = max(load.api.calls[-1].at, started + (total - 1) / rate)
    return {
        "offered_updates_per_second": rate,
        "updates": total,
        "replies": len(ms),
        "sustained_updates_per_second": round(len(ms) / (last_reply - started), 1),
        "p50_ms": round(statistics.median(ms), 1) if ms else -1.0,
        "p99_ms": _percentile(ms, 0.99),
        "max_ms": round(ms[-1], 1) if ms else -1.0,
    }


async def _saturation(load: Load, seconds: float) -> float:
    load.latencies.clear()
    load.closed_loop = True
    for chat_id in range(1, load.chats + 1):
        load.ask(chat_id)
    started = time.monotonic()
    await asyncio.sleep(seconds)
    done, elapsed = len(load.latencies), time.monotonic() - started
    load.closed_loop = False
    await load.drain()
    return round(done / elapsed, 1)


async def _bench(
    db_path: Path,
    chats: int,
    rate: float,
    seconds: float,
    saturation_seconds: float,
    engine_factory: str,
) -> dict[str, Any]:
    async with FakeBotAPI() as api:
        bot = multiprocessing.get_context("spawn").Process(
            target=serve_bot,
            daemon=True,
            args=(api.base_url, api.token, str(db_path), engine_factory),
        )
        bot.start()
        pid = bot.pid or 0
        try:
            await api.wait_for("deleteWebhook", timeout=60)  # polling is about to start
            load = Load(api, chats)
            for chat_id in range(1, chats + 1):  # warm-up: every chat once
                load.ask(chat_id)
            await load.drain()
            cpu_before = _cpu_seconds(pid)
            sustained = await _sustained(load, rate, seconds)
            cpu_ms = (_cpu_seconds(pid) - cpu_before) * 1000 / max(1, sustained["replies"])
            saturation = await _saturation(load, saturation_seconds)
            peak = _proc_status(pid, "VmHWM")
        finally:
            bot.terminate()  # SIGTERM: run_polling stops gracefully
            await asyncio.to_thread(bot.join, 20)
            if bot.is_alive():
                bot.kill()
    apologies = (t("error", "ko"), t("error", "en"))
    errors = sum(1 for c in api.sent() if c.params.get("text") in apologies)
    return {
        "chats": chats,
        **sustained,
        "bot_cpu_ms_per_update": round(cpu_ms, 2),
        "saturation_updates_per_second": saturation,
        "peak_rss_mb": round(peak, 1),
        "error_replies": errors,
    }


def meets_targets(result: dict[str, Any]) -> bool:
    """200 updates/s kept up with (no backlog) at p99 <= 100 ms, in <= 200 MB, nothing lost."""
    return (
        result["offered_updates_per_second"] >= TARGETS["updates_per_second"]
        and result["sustained_updates_per_second"] >= 0.98 * result["offered_updates_per_second"]
        and result["saturation_updates_per_second"] >= TARGETS["updates_per_second"]
        and 0 <= result["p99_ms"] <= TARGETS["p99_ms"]
        and result["peak_rss_mb"] <= TARGETS["peak_rss_mb"]
        and result["replies"] == result["updates"]
        and result["error_replies"] == 0
    )


def run_bench(
    out: TextIO,
    chats: int = CHATS,
    rate: float = RATE,
    seconds: float = SECONDS,
    saturation_seconds: float = SATURATION_SECONDS,
    engine_factory: str = "bot.engine:Engine",
) -> dict[str, Any]:
    """Run the benchmark on a freshly built knowledge base; print and return the figures."""
    from knowledge.store import build

    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "knowledge.db"
        build(db_path)
        result = asyncio.run(
            _bench(db_path, chats, rate, seconds, saturation_seconds, engine_factory)
        )
    result["meets_targets"] = meets_targets(result)
    width = max(map(len, result))
    for key, value in result.items():
        out.write(f"{key:<{width}}  {value}\n")
    out.write(
        f"targets: >= {TARGETS['updates_per_second']:g} updates/s with p99 <= "
        f"{TARGETS['p99_ms']:g} ms, peak RSS <= {TARGETS['peak_rss_mb']:g} MB "
        f"({os.cpu_count()} CPUs; the fake server and the load share them with the bot)\n"
    )
    return result
