"""`evalbot bench ingest-stall`: answer latency while another process ingests a 2 MB page.

Issue 9 asked that a running bot keep answering while `evalbot ingest` writes the largest
accepted document (≤ 100 ms, where it once stalled every chat for seconds).  This
benchmark runs the bot as `evalbot run` builds it (its own process, long-polling the fake
Bot API of ``bot.testing``), offers questions from several chats at a steady rate (open
loop: an update queued during a stall waits it out, so every stall shows), and meanwhile
runs ``evalbot ingest`` of the largest accepted page in a subprocess.  The window measured
runs from the ingest's start until the bot answers from the new round and ``SETTLE_SECONDS``
more: the parse, the commit, the WAL checkpoint, and the bot's rebuild of its
understanding (the follow job, in a thread) are all inside it.

Telegram's overall quota (about 30 messages/s) is lifted (``overall_max_rate=0``), as in
`evalbot bench telegram`: with it, the 30th reply within one second waits for the window
whatever the ingest does — which is what an earlier measurement of this stall (≈0.7 s,
always on the 30th message) had measured.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from bot.testing.fakebotapi import Call, FakeBotAPI, text_update

#: Updates offered per second, all chats together: one every 40 ms, so no stall longer
#: than that can hide, and well below what the bot sustains (`evalbot bench telegram`).
RATE = 25.0
CHATS = 5
#: Seconds of answers before the ingest starts: the quiet baseline.
BEFORE_SECONDS = 1.5
#: Seconds measured after the bot first answers from the new round.
SETTLE_SECONDS = 2.0
#: Longest the ingest and the bot's rebuild after it may take before the run is abandoned.
TIMEOUT_SECONDS = 120.0
TARGETS = {"max_ms": 100.0}
#: Questions whose answer is one short message; "평균은?" names the newest round, so its
#: answer shows when the bot follows the ingest.
QUESTIONS = ("75점 미만 사무는?", "평균은?", "평가는 누가 했어?", "What was the average score?")
#: The year of the page ingested; "평균은?" answered from it names it.
NEW_ROUND_YEAR = 2099
NEW_ROUND_MARK = f"{NEW_ROUND_YEAR}년"


@dataclass
class Sample:
    """One question: when it was asked, in which phase, when and what was answered."""

    chat_id: int
    asked_at: float
    phase: str
    replied_at: float | None = None
    text: str = ""

    @property
    def ms(self) -> float:
        assert self.replied_at is not None, "only answered samples have a latency"
        return (self.replied_at - self.asked_at) * 1000


class Probe:
    """Offers questions from ``chats`` private chats and times each reply (the first
    ``sendMessage`` to the chat after the question: every question asked has a one-message
    answer)."""

    def __init__(self, api: FakeBotAPI, chats: int) -> None:
        self.api, self.chats = api, chats
        self.samples: list[Sample] = []
        self.phase = "warm-up"
        #: when the first answer from the new round reached the server
        self.followed_at: float | None = None
        self._waiting: dict[int, deque[Sample]] = defaultdict(deque)
        api.listeners.append(self._on_call)

    def ask(self, due: float | None = None) -> None:
        """Ask the next question; its latency counts from ``due`` (when it should have been
        asked) if given, so a stall that also held up the asking is not hidden."""
        n = len(self.samples)
        sample = Sample(1 + n % self.chats, due or time.monotonic(), self.phase)
        self.samples.append(sample)
        self._waiting[sample.chat_id].append(sample)
        self.api.push(text_update(sample.chat_id, QUESTIONS[n % len(QUESTIONS)]))

    def _on_call(self, call: Call) -> None:
        chat_id = call.params.get("chat_id")
        waiting = self._waiting.get(chat_id) if isinstance(chat_id, int) else None
        if call.method != "sendMessage" or not waiting:
            return
        sample = waiting.popleft()
        sample.replied_at, sample.text = call.at, str(call.params.get("text", ""))
        if self.followed_at is None and NEW_ROUND_MARK in sample.text:
            self.followed_at = call.at

    def outstanding(self) -> int:
        return sum(len(q) for q in self._waiting.values())

    async def offer(self, rate: float, until: Callable[[], bool], timeout: float) -> None:
        """Ask at ``rate`` per second until ``until()`` holds (or ``timeout`` seconds).

        Each question's latency counts from when it was due: when the asking shares the
        bot's event loop (the tests), a stall holds up the asking too, and the questions
        then asked late would otherwise show none of it."""
        started = time.monotonic()
        i = 0
        while not until() and time.monotonic() - started < timeout:
            due = started + i / rate
            delay = due - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            self.ask(due)
            i += 1

    async def drain(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while self.outstanding() and time.monotonic() < deadline:
            await asyncio.sleep(0.01)

    def answered(self, *phases: str) -> list[float]:
        """Latencies (ms, sorted) of the questions asked in ``phases`` that were answered."""
        return sorted(s.ms for s in self.samples if s.phase in phases and s.replied_at)


# ---- the bot, the ingest, the run -------------------------------------------------------------
def _serve(base_url: str, token: str, db_path: str) -> None:
    """The bot process: `evalbot run`'s application without Telegram's overall quota."""
    from bot.benchmarks.telegram import serve_bot

    serve_bot(base_url, token, db_path, "bot.engine:Engine")


@contextlib.asynccontextmanager
async def bot_process(api: FakeBotAPI, db_path: Path) -> AsyncIterator[None]:
    """The bot in a process of its own (as in production: the ingest is a third process)."""
    bot = multiprocessing.get_context("spawn").Process(
        target=_serve, daemon=True, args=(api.base_url, api.token, str(db_path))
    )
    bot.start()
    try:
        await api.wait_for("deleteWebhook", timeout=60)  # polling is about to start
        yield
    finally:
        bot.terminate()  # SIGTERM: run_polling stops gracefully
        await asyncio.to_thread(bot.join, 20)
        if bot.is_alive():
            bot.kill()


async def ingest_process(db_path: Path, page: Path) -> asyncio.subprocess.Process:
    """``evalbot ingest --db DB PAGE`` with this interpreter (works from a wheel, no PATH)."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "ingest",
        "--db",
        str(db_path),
        str(page),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def measure(
    api: FakeBotAPI,
    db_path: Path,
    page: Path,
    *,
    rate: float = RATE,
    chats: int = CHATS,
    before_seconds: float = BEFORE_SECONDS,
    settle_seconds: float = SETTLE_SECONDS,
    timeout: float = TIMEOUT_SECONDS,
) -> dict[str, Any]:
    """With a bot polling ``api`` over ``db_path``: answer latency before, and during an
    ingest of ``page`` by another process until the bot answers from it (and a little more)."""
    probe = Probe(api, chats)
    for _ in range(chats):  # warm-up: every chat once
        probe.ask()
    await probe.drain()
    probe.phase = "before"
    began = time.monotonic()
    await probe.offer(rate, lambda: time.monotonic() - began >= before_seconds, before_seconds)
    probe.phase = "ingest"
    started = time.monotonic()
    ingest = await ingest_process(db_path, page)
    waited = asyncio.ensure_future(ingest.communicate())
    await probe.offer(rate, waited.done, timeout)
    output, errors = await waited
    ended = time.monotonic()
    probe.phase = "follow"

    def settled() -> bool:
        return probe.followed_at is not None and time.monotonic() >= probe.followed_at + (
            settle_seconds
        )

    await probe.offer(rate, settled, timeout)
    await probe.drain()
    if ingest.returncode != 0:
        raise RuntimeError(f"the ingest failed: {(errors or output).decode(errors='replace')}")
    return _figures(probe, started, ended)


def _figures(probe: Probe, started: float, ended: float) -> dict[str, Any]:
    before, during = probe.answered("before"), probe.answered("ingest", "follow")
    asked = [s for s in probe.samples if s.phase in ("ingest", "follow")]
    followed = probe.followed_at
    return {
        "ingest_s": round(ended - started, 2),
        "followed_after_ingest_s": round(followed - ended, 2) if followed else None,
        "answers_before": len(before),
        "before_p50_ms": _round(statistics.median(before)) if before else None,
        "before_max_ms": _round(before[-1]) if before else None,
        "answers_during": len(during),
        "unanswered_during": len(asked) - len(during),
        "during_p50_ms": _round(statistics.median(during)) if during else None,
        "during_p99_ms": _round(percentile(during, 0.99)) if during else None,
        "max_ms": _round(during[-1]) if during else None,
    }


def _round(ms: float) -> float:
    return round(ms, 1)


def percentile(sorted_values: list[float], share: float) -> float:
    """The value below which ``share`` of ``sorted_values`` lie (nearest rank)."""
    return sorted_values[max(0, int(len(sorted_values) * share + 0.999999) - 1)]


def largest_page_text(year: int = NEW_ROUND_YEAR) -> tuple[str, str]:
    """(name, text) of the largest accepted document (just under 2 MB), a round of ``year``."""
    from bot.benchmarks.engine import largest_document

    return largest_document(year)


def largest_page(folder: Path) -> Path:
    """The largest accepted document, written into ``folder``."""
    name, text = largest_page_text()
    page = folder / name
    page.write_text(text, encoding="utf-8")
    return page


def meets_targets(result: dict[str, Any]) -> bool:
    """Every question answered, none later than ``TARGETS['max_ms']``, and the bot followed."""
    return (
        result["max_ms"] is not None
        and result["max_ms"] <= TARGETS["max_ms"]
        and result["unanswered_during"] == 0
        and result["followed_after_ingest_s"] is not None
    )


async def _bench(db_path: Path, page: Path, rate: float, chats: int) -> dict[str, Any]:
    async with FakeBotAPI() as api, bot_process(api, db_path):
        return await measure(api, db_path, page, rate=rate, chats=chats)


def run_bench(out: TextIO, rate: float = RATE, chats: int = CHATS) -> dict[str, Any]:
    """Run the benchmark over a freshly built knowledge base; print and return the figures."""
    from knowledge.store import build

    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "knowledge.db"
        build(db_path)
        page = largest_page(Path(tmp))
        result = {"page_bytes": page.stat().st_size, "rate": rate, "chats": chats}
        result.update(asyncio.run(_bench(db_path, page, rate, chats)))
    result["meets_targets"] = meets_targets(result)
    width = max(map(len, result))
    for key, value in result.items():
        out.write(f"{key:<{width}}  {value}\n")
    out.write(
        f"target: max answer latency <= {TARGETS['max_ms']:g} ms from the ingest's start until "
        f"the bot answers from the new round (+{SETTLE_SECONDS:g} s); {os.cpu_count()} CPUs "
        "shared by the bot, the ingest and the fake server\n"
    )
    return result
