"""Crash safety: `evalbot run` killed with SIGKILL mid-broadcast, restarted, resumes.

The bot runs as a subprocess (``python -m bot run``) against the fake Bot API in this
process; the fake holds each answer back for a moment after recording the message as
delivered, and the test kills the bot inside that moment — the worst case, where
Telegram has the message but the bot never learnt it.  After each restart every
subscriber must still get the notice, and at most one message per kill is repeated.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections import Counter
from pathlib import Path

from bot.testing.limited import LimitedBotAPI
from knowledge import synthetic
from tests.test_notify_e2e import delivered_all, ingest, outbox_states, populate, until

ROOT = Path(__file__).resolve().parent.parent
BOT = [sys.executable, "-m", "bot", "run"]
SUBSCRIBERS = 80
KILL_AFTER = (20, 45)  # deliveries seen before each SIGKILL


async def start_bot(
    api: LimitedBotAPI, db: Path, folder: Path, run: int
) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_BASE_URL": api.base_url,
        "EVALBOT_DB": str(db),
        "EVALBOT_ADMIN_IDS": "",
        "EVALBOT_INBOX": "",
        "EVALBOT_LOG_LEVEL": "INFO",
    }
    log = open(folder / f"bot-{run}.log", "wb")  # noqa: SIM115 - the child writes to it
    return await asyncio.create_subprocess_exec(*BOT, cwd=folder, env=env, stdout=log, stderr=log)


async def test_sigkill_mid_broadcast_then_restart_notifies_everyone_at_most_one_repeat_per_kill(
    kb_copy: Path, tmp_path: Path
) -> None:
    chats = populate(kb_copy, SUBSCRIBERS)
    assert ingest(kb_copy, synthetic.disclosure(2031, 11), "2031-11.txt") == SUBSCRIBERS
    api = LimitedBotAPI(rate=30, accept_delay=0.05)
    in_flight_at_kill = []
    async with api:
        for run, kill_after in enumerate(KILL_AFTER):
            bot = await start_bot(api, kb_copy, tmp_path, run)
            try:
                await until(lambda n=kill_after: len(api.delivered) >= n, 30, "deliveries")
            except AssertionError:
                bot.kill()
                log = (tmp_path / f"bot-{run}.log").read_text(errors="replace")[-2000:]
                raise AssertionError(
                    f"the bot did not broadcast (notify.install?):\n{log}"
                ) from None
            bot.kill()  # SIGKILL: no shutdown, no cleanup, mid-send
            await bot.wait()
            in_flight_at_kill.append(outbox_states(kb_copy).get("sending", 0))
        bot = await start_bot(api, kb_copy, tmp_path, len(KILL_AFTER))
        try:
            await delivered_all(api, kb_copy, SUBSCRIBERS, timeout=60)
        finally:
            bot.terminate()
            await bot.wait()

    counts = Counter(d.chat_id for d in api.delivered)
    duplicates = sum(n - 1 for n in counts.values())
    print(f"kills={len(KILL_AFTER)} in_flight_at_kill={in_flight_at_kill} duplicates={duplicates}")
    assert set(counts) == set(chats)  # nobody missed
    assert all(n <= 1 for n in in_flight_at_kill)
    assert duplicates <= len(KILL_AFTER)  # at most the one in flight, per kill
    assert outbox_states(kb_copy) == {"sent": SUBSCRIBERS}
