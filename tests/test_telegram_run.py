"""`evalbot run` as a real process against the fake Bot API, and the webhook mode.

The process test is the issue's definition of done: the command a deployment runs
answers "75점 미만 사무는?" correctly, stops cleanly on SIGTERM, and never prints its
token even at DEBUG.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp

from bot.engine import Engine
from bot.telegram import render
from bot.telegram.app import webhook_options
from bot.testing.fakebotapi import FakeBotAPI, text_update
from bot.testing.harness import make_app
from knowledge.queries import Queries

ROOT = Path(__file__).resolve().parent.parent


def _env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "EVALBOT_"))}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return {**env, **values}


async def test_evalbot_run_answers_and_stops_cleanly(kb_copy: Path, tmp_path: Path) -> None:
    question = "75점 미만 사무는?"
    expected = render.answer_parts(Engine(Queries(kb_copy)).answer(question))[0]
    log = tmp_path / "bot.log"
    async with FakeBotAPI() as api:
        env = _env(
            TELEGRAM_BOT_TOKEN=api.token,
            TELEGRAM_BASE_URL=api.base_url,
            EVALBOT_DB=str(kb_copy),
            EVALBOT_LOG_LEVEL="DEBUG",
        )
        with log.open("wb") as stderr:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                cwd=tmp_path,
                env=env,
                stderr=stderr,
            )
            try:
                await api.wait_for("deleteWebhook", timeout=60)  # polling is about to start
                api.push(text_update(77, question))
                [reply] = await api.wait_for("sendMessage", chat_id=77, timeout=30)
            finally:
                process.send_signal(signal.SIGTERM)
                code = await asyncio.wait_for(process.wait(), 30)
    assert reply.params["text"] == expected
    assert code == 0
    output = log.read_text(encoding="utf-8")
    assert "started bot=@evalbot_test_bot" in output and "answered chat=77" in output
    assert api.token not in output and api.token.split(":")[1] not in output


async def test_evalbot_run_without_a_token_explains_and_fails(tmp_path: Path) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=tmp_path,
        env=_env(EVALBOT_DB=str(tmp_path / "k.db")),
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode != 0
    assert ".env.example" in stderr.decode() and "evalbot chat" in stderr.decode()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_webhook_mode_checks_the_secret_token_and_answers(api, kb_copy: Path) -> None:
    engine = Engine(Queries(kb_copy))
    port = _free_port()
    options = webhook_options("https://bot.example.org/evalbot/hook", "127.0.0.1", port)
    app = make_app(api, engine, kb_copy)
    await app.initialize()
    await app.updater.start_webhook(**options)
    await app.start()
    url = f"http://127.0.0.1:{port}/evalbot/hook"
    update = json.dumps({**text_update(78, "Which services fell below 75?"), "update_id": 1})
    try:
        assert api.webhook["url"] == "https://bot.example.org/evalbot/hook"
        assert api.webhook["secret_token"] == options["secret_token"]
        async with aiohttp.ClientSession(headers={"Content-Type": "application/json"}) as http:
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "guess"}
            async with http.post(url, data=update, headers=wrong) as response:
                assert response.status == 403
            right = {"X-Telegram-Bot-Api-Secret-Token": options["secret_token"]}
            async with http.post(url, data=update, headers=right) as response:
                assert response.status == 200
        [reply] = await api.wait_for("sendMessage", chat_id=78)
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    expected = render.answer_parts(engine.answer("Which services fell below 75?"))[0]
    assert reply.params["text"] == expected
    assert len(api.sent(78)) == 1  # the forged update was never processed


async def test_a_rejected_token_ends_in_one_line_without_the_token(tmp_path: Path) -> None:
    """Regression: PTB's InvalidToken quotes the token, and escaped to stderr with a
    chained traceback, a post_shutdown RuntimeError and an unclosed aiohttp session."""
    wrong = "987654321:AAHwrongTokenThatTelegramRejects0123"
    async with FakeBotAPI() as api:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=tmp_path,
            env=_env(
                TELEGRAM_BOT_TOKEN=wrong,
                TELEGRAM_BASE_URL=api.base_url,
                EVALBOT_DB=str(tmp_path / "k.db"),
                EVALBOT_LOG_LEVEL="DEBUG",
            ),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        stdout, stderr = await asyncio.wait_for(process.communicate(), 60)
    output = (stdout + stderr).decode()
    assert process.returncode != 0
    assert wrong not in output and wrong.split(":")[1] not in output
    assert "Traceback" not in output and "Unclosed" not in output
    [last] = [line for line in stderr.decode().splitlines() if line.startswith("evalbot run:")]
    assert "rejected TELEGRAM_BOT_TOKEN" in last
