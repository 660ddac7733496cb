"""Publishing and notifications end to end: the real Application against a fake Bot API.

Every test runs python-telegram-bot over HTTP against ``LimitedBotAPI`` (loopback) on a
private copy of the knowledge base, and checks what Telegram would have shown (the
server's ``delivered``) and what the database holds (real rows).  Rounds are synthetic.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from telegram.ext import Application

from bot.engine import Engine
from bot.telegram import keyboards, notify
from bot.telegram.app import build_application
from bot.telegram.limiter import BotRateLimiter
from bot.testing.fakebotapi import callback_update, message
from bot.testing.harness import bot_settings, running
from bot.testing.limited import LimitedBotAPI
from knowledge import subscribers, synthetic
from knowledge.queries import Queries
from knowledge.store import ingest_text, open_db

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ADMIN = 4242
STRANGER = 777
IN_ROUND = synthetic.service_name(0)
NOT_IN_ROUND = "서울 핀테크랩 관리 및 운영"
#: Fast enough that correctness tests do not wait on Telegram's pace (checked elsewhere).
FAST = notify.Pace(per_chat=0.0, backoff=0.05)


# ---- helpers ----------------------------------------------------------------------------------
def rows(path: Path, sql: str, args: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def outbox_states(path: Path) -> dict[str, int]:
    return dict(rows(path, "select state, count(*) from outbox group by state"))


def populate(path: Path, count: int, first_chat: int = 100_000) -> dict[int, str]:
    """``count`` subscribers to every round, Korean and English alternating: chat -> lang."""
    db = open_db(path)
    try:
        chats = {first_chat + i: ("ko" if i % 2 else "en") for i in range(count)}
        with db.atomic():
            for chat_id, lang in chats.items():
                subscribers.subscribe(db, chat_id, lang)
        return chats
    finally:
        db.close()


def ingest(path: Path, text: str, source: str) -> int:
    db = open_db(path)
    try:
        return ingest_text(db, text, source).notices
    finally:
        db.close()


async def until(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.05)


async def delivered_all(api: LimitedBotAPI, path: Path, expected: int, timeout: float) -> None:
    """Wait until ``expected`` messages arrived and the outbox is drained; then a moment more."""
    await until(lambda: len(api.delivered) >= expected, timeout, f"{expected} deliveries")
    await until(
        lambda: not {"pending", "sending"} & set(outbox_states(path)), timeout, "an empty outbox"
    )
    await asyncio.sleep(0.3)  # anything sent twice would show up now


def is_notice(text: str, lang: str, year: int, round_no: int, kind: str = "new") -> bool:
    if lang == "ko":
        verb = "공개되었습니다" if kind == "new" else "수정되었습니다"
        return text.startswith(f"📢 {year}년 {round_no}차") if kind == "new" else verb in text
    phrase = "new evaluation results" if kind == "new" else "were updated"
    return f"Round {round_no} of {year}" in text and phrase in text


def notices(api: LimitedBotAPI) -> Counter[int]:
    return Counter(d.chat_id for d in api.delivered)


def document_update(chat_id: int, document: dict, caption: str | None = "/publish") -> dict:
    content: dict = {"document": document}
    if caption is not None:
        content["caption"] = caption
        content["caption_entities"] = [{"type": "bot_command", "offset": 0, "length": 8}]
    return {"message": message(chat_id, None, lang="en", **content)}


def command(chat_id: int, text: str, lang: str = "en", **kwargs: object) -> dict:
    return {"message": message(chat_id, text, lang=lang, **kwargs)}


@asynccontextmanager
async def bot(
    api: LimitedBotAPI,
    path: Path,
    *,
    pace: notify.Pace = FAST,
    limiter: BotRateLimiter | None = None,
    inbox: Path | None = None,
) -> AsyncIterator[Application]:
    """The bot as `evalbot run` builds it, with the notifier installed, running."""
    env = {"EVALBOT_ADMIN_IDS": str(ADMIN)}
    if inbox is not None:
        env["EVALBOT_INBOX"] = str(inbox)
    config = bot_settings(api, path, **env)
    queries = Queries(path)
    app = build_application(
        config, Engine(queries), rate_limiter=limiter, pace=pace, inbox_interval=0.2
    )
    try:
        async with running(app):
            yield app
    finally:
        queries.close()


def unthrottled() -> BotRateLimiter:
    """The production limiter without its 30/s cap, for tests about correctness only."""
    return BotRateLimiter(overall_max_rate=0)


# ---- publishing three ways ---------------------------------------------------------------------
async def test_thousand_subscribers_hear_of_a_cli_ingest_once_in_their_language(
    kb_copy: Path, tmp_path: Path
) -> None:
    """`evalbot ingest` in another process while the bot runs: the bot notifies everyone."""
    chats = populate(kb_copy, 1000)
    service_only = {c: lang for c, lang in chats.items() if c % 10 == 3}
    other_service = {c: lang for c, lang in chats.items() if c % 10 == 7}
    db = open_db(kb_copy)
    with db.atomic():
        for chat_id, lang in service_only.items():
            subscribers.unsubscribe(db, chat_id)
            subscribers.subscribe(db, chat_id, lang, IN_ROUND)
        for chat_id, lang in other_service.items():
            subscribers.unsubscribe(db, chat_id)
            subscribers.subscribe(db, chat_id, lang, NOT_IN_ROUND)
    db.close()
    document = tmp_path / "synthetic-2031-round1.txt"
    document.write_text(synthetic.disclosure(2031, 1, scores=True), encoding="utf-8")

    async with LimitedBotAPI(rate=None) as api, bot(api, kb_copy, limiter=unthrottled()):
        cli = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "ingest",
            "--db",
            str(kb_copy),
            str(document),
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await cli.communicate()
        assert cli.returncode == 0, err.decode()
        assert "900 notification(s) queued" in out.decode()
        await delivered_all(api, kb_copy, 900, timeout=30)

    counts = notices(api)
    assert set(counts) == set(chats) - set(other_service)
    assert set(counts.values()) == {1}
    for sent in api.delivered:
        assert is_notice(sent.text, chats[sent.chat_id], 2031, 1), sent.text
        data = sent.markup["inline_keyboard"][0][0]["callback_data"]
        tap = keyboards.decode(data)
        # the round's summary, or (a service subscriber's) the service's results in it
        assert tap is not None and tap.kind in ("q", "s") and "2031" in tap.value
        assert (tap.kind == "s") == (sent.chat_id in service_only)
    assert outbox_states(kb_copy) == {"sent": 900}


async def test_publish_command_with_an_updated_document_notifies_as_an_update(
    kb_copy: Path,
) -> None:
    original = synthetic.disclosure(2031, 2, scores=True)
    ingest(kb_copy, original, "2031-2.txt")  # before anyone subscribed: no notices
    chats = populate(kb_copy, 60)
    corrected = synthetic.disclosure(2031, 2, scores=True, seed=3).encode("utf-8")

    async with LimitedBotAPI(rate=None) as api, bot(api, kb_copy) as app:
        assert app.bot.base_file_url.startswith(api.file_url), "build_application: base_file_url"
        api.push(document_update(ADMIN, api.add_document("2031-2-corrected.txt", corrected)))
        reply = (await api.wait_for("sendMessage", chat_id=ADMIN, timeout=10))[0]
        assert "2031 round 2 was updated" in reply.params["text"]
        assert "Alerts queued: 60." in reply.params["text"]
        await delivered_all(api, kb_copy, 61, timeout=15)

        # the same document again: already known, nothing queued, nobody told twice
        api.push(document_update(ADMIN, api.add_document("again.txt", corrected)))
        await api.wait_for("sendMessage", chat_id=ADMIN, count=2, timeout=10)
        known = api.sent(ADMIN)[-1].params["text"]
        assert "already loaded" in known and "nothing changed" in known
        assert not known.startswith("✅")  # a duplicate is not reported as published

        # the notice's button asks the engine about the round it announced
        one = next(d for d in api.delivered if d.chat_id in chats and chats[d.chat_id] == "en")
        data = one.markup["inline_keyboard"][0][0]["callback_data"]
        api.push(callback_update(one.chat_id, data, lang="en"))
        answer = (await api.wait_for("sendMessage", chat_id=one.chat_id, count=2, timeout=10))[-1]
        assert "2031 round 2" in answer.params["text"], answer.params["text"]
        await asyncio.sleep(0.3)

    received = Counter(d.chat_id for d in api.delivered if d.chat_id in chats)
    assert set(received) == set(chats)
    notices_only = [d for d in api.delivered if d.chat_id in chats and d.text.startswith("🔄")]
    assert len(notices_only) == 60 and len({d.chat_id for d in notices_only}) == 60
    for sent in notices_only:
        assert is_notice(sent.text, chats[sent.chat_id], 2031, 2, "updated"), sent.text


async def test_inbox_files_are_ingested_moved_and_reported_to_admins(
    kb_copy: Path, tmp_path: Path
) -> None:
    chats = populate(kb_copy, 60)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good = inbox / "2031-round3.txt"
    good.write_text(synthetic.disclosure(2031, 3), encoding="utf-8")
    broken = inbox / "broken.txt"
    broken.write_bytes((FIXTURES / "broken-count-mismatch-results.txt").read_bytes())
    partial = inbox / "next.txt.part"
    partial.write_text("still copying", encoding="utf-8")
    for path in (good, broken, partial):
        os.utime(path, (time.time() - 5, time.time() - 5))
    documents_before = rows(kb_copy, "select count(*) from documents")[0][0]

    async with LimitedBotAPI(rate=None) as api, bot(api, kb_copy, inbox=inbox):
        reports = await api.wait_for("sendMessage", chat_id=ADMIN, count=2, timeout=10)
        await delivered_all(api, kb_copy, 62, timeout=15)

    # the administrators are told in their language (Korean unless they chose English)
    [done] = [r.params["text"] for r in reports if "2031-round3.txt" in r.params["text"]]
    [failed] = [r.params["text"] for r in reports if "broken.txt" in r.params["text"]]
    assert "새 차수" in done and "processed/" in done
    assert "6번째 줄" in failed and "failed/" in failed
    assert failed.count("반영하지") == 1  # the failure is said once
    assert (inbox / "processed" / "2031-round3.txt").exists()
    assert (inbox / "failed" / "broken.txt").exists()
    reason = (inbox / "failed" / "broken.txt.error.txt").read_text(encoding="utf-8")
    assert "Line 6" in reason and "expected 6 service sections" in reason
    assert partial.exists() and not good.exists() and not broken.exists()
    assert rows(kb_copy, "select count(*) from documents")[0][0] == documents_before + 1
    assert notices(api) == Counter({**dict.fromkeys(chats, 1), ADMIN: 2})


# ---- Telegram's limits and failures ----------------------------------------------------------
async def test_flood_limits_and_server_errors_still_deliver_exactly_once(kb_copy: Path) -> None:
    """30 msg/s enforced with 429s, 3% of sends answered 500, through the production limiter."""
    chats = populate(kb_copy, 90)
    api = LimitedBotAPI(rate=30, error_rate=0.03, seed=1)
    pace = notify.Pace(backoff=0.05)  # with the limiter's cap lifted: above the server's
    async with api, bot(api, kb_copy, pace=pace, limiter=unthrottled()):
        ingest(kb_copy, synthetic.disclosure(2031, 4), "2031-4.txt")
        await delivered_all(api, kb_copy, 90, timeout=30)
    assert api.statuses[429] > 0 and api.statuses[500] > 0
    assert notices(api) == Counter(dict.fromkeys(chats, 1))
    assert outbox_states(kb_copy) == {"sent": 90}


async def test_broadcaster_itself_waits_on_retry_after_and_backs_off_on_errors(
    kb_copy: Path,
) -> None:
    """A limiter that retries nothing: every 429 and 500 reaches the broadcaster's own handling."""
    chats = populate(kb_copy, 80)
    api = LimitedBotAPI(rate=30, error_rate=0.1, seed=2)
    pace = notify.Pace(backoff=0.05)
    limiter = BotRateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=0, network_retries=0)
    async with api, bot(api, kb_copy, pace=pace, limiter=limiter) as app:
        ingest(kb_copy, synthetic.disclosure(2031, 5), "2031-5.txt")
        await delivered_all(api, kb_copy, 80, timeout=30)
        stats = app.bot_data.notifier.stats
    assert stats.rate_limited > 0 and stats.retried > 0
    assert notices(api) == Counter(dict.fromkeys(chats, 1))
    retries = rows(kb_copy, "select sum(attempts - 1) from outbox where state = 'sent'")
    assert retries[0][0] == stats.rate_limited + stats.retried


async def test_blocked_and_vanished_chats_are_deactivated(kb_copy: Path) -> None:
    chats = populate(kb_copy, 20)
    blocked, missing = {100_003, 100_004}, {100_010}
    api = LimitedBotAPI(rate=None, blocked=blocked, missing=missing)
    async with api, bot(api, kb_copy):
        ingest(kb_copy, synthetic.disclosure(2031, 6), "2031-6.txt")
        await delivered_all(api, kb_copy, 17, timeout=10)
    assert set(notices(api)) == set(chats) - blocked - missing
    inactive = rows(kb_copy, "select chat_id from subscribers where active = 0 order by chat_id")
    assert [c for (c,) in inactive] == sorted(blocked | missing)
    failed = rows(
        kb_copy, "select chat_id, error from outbox where state = 'failed' order by chat_id"
    )
    assert [(c, e.split(":")[0]) for c, e in failed] == [
        (100_003, "forbidden"),
        (100_004, "forbidden"),
        (100_010, "bad request"),
    ]


async def test_one_message_per_second_per_chat(kb_copy: Path) -> None:
    """Two rounds at once: a chat's second notice waits a second, others are not held up."""
    chats = populate(kb_copy, 5)
    ingest(kb_copy, synthetic.disclosure(2031, 7), "2031-7.txt")
    ingest(kb_copy, synthetic.disclosure(2031, 8), "2031-8.txt")
    api = LimitedBotAPI(rate=None)
    async with api, bot(api, kb_copy, pace=notify.Pace(per_chat=1.0)):
        await delivered_all(api, kb_copy, 10, timeout=10)
    for chat_id in chats:
        first, second = [d.at for d in api.delivered if d.chat_id == chat_id]
        assert second - first >= 0.95
    assert api.delivered[4].at - api.delivered[0].at < 0.5  # the first five went out together


# ---- who may publish, and what is refused ---------------------------------------------------
def _fingerprint(path: Path) -> list[tuple]:
    return rows(
        path,
        "select (select count(*) from documents), (select count(*) from rounds), "
        "(select count(*) from outbox), (select group_concat(sha256) from documents)",
    )


async def test_publish_from_a_non_admin_is_refused_and_nothing_is_downloaded(
    kb_copy: Path,
) -> None:
    populate(kb_copy, 3)
    before = _fingerprint(kb_copy)
    api = LimitedBotAPI(rate=None)
    async with api, bot(api, kb_copy):
        doc = api.add_document("2031-9.txt", synthetic.disclosure(2031, 9).encode("utf-8"))
        api.push(document_update(STRANGER, doc))
        first = await api.wait_for("sendMessage", chat_id=STRANGER, timeout=10)
        posted = message(STRANGER, None, document=doc)
        api.push(command(STRANGER, "/publish", reply_to=posted))
        await api.wait_for("sendMessage", chat_id=STRANGER, count=2, timeout=10)
        await asyncio.sleep(0.3)
    assert "Only administrators" in first[0].params["text"]
    assert "Only administrators" in api.sent(STRANGER)[1].params["text"]
    assert api.calls_to("getFile") == []
    assert _fingerprint(kb_copy) == before


async def test_broken_large_and_non_utf8_documents_change_nothing(kb_copy: Path) -> None:
    populate(kb_copy, 3)
    before = _fingerprint(kb_copy)
    api = LimitedBotAPI(rate=None)
    broken = (FIXTURES / "broken-count-mismatch-results.txt").read_bytes()
    cases = [
        ("broken.txt", broken, "Line 6"),
        ("huge.txt", b"x" * (3 * 1024 * 1024), "too large (3.0 MB)"),
        ("binary.txt", b"\x00\x01\x02 not text", "Line 1"),
        ("scan.pdf", b"%PDF-1.4", "only .txt or .html"),
    ]
    async with api, bot(api, kb_copy):
        for number, (name, data, _) in enumerate(cases, start=1):
            api.push(document_update(ADMIN, api.add_document(name, data)))
            await api.wait_for("sendMessage", chat_id=ADMIN, count=number, timeout=10)
        api.push(command(ADMIN, "/publish"))
        await api.wait_for("sendMessage", chat_id=ADMIN, count=len(cases) + 1, timeout=10)
    replies = [c.params["text"] for c in api.sent(ADMIN)]
    for (name, _, expected), reply in zip(cases, replies, strict=False):
        assert name in reply and expected in reply and "othing changed" in reply, reply
    assert "/publish" in replies[-1] and ".txt" in replies[-1]  # usage
    downloaded = [c.params["file_id"] for c in api.calls_to("getFile")]
    assert len(downloaded) == 2  # the broken and the binary one: size and type are known before
    assert _fingerprint(kb_copy) == before


# ---- subscription commands -----------------------------------------------------------------
async def test_subscription_commands(kb_copy: Path) -> None:
    chat = 5150
    api = LimitedBotAPI(rate=None)

    def subscriptions() -> list[tuple]:
        return rows(
            kb_copy,
            "select service_name_ko, lang from subscribers where chat_id = ? and active = 1 "
            "order by id",
            (chat,),
        )

    async def say(text: str, count: int, lang: str = "en") -> str:
        api.push(command(chat, text, lang=lang))
        return (await api.wait_for("sendMessage", chat_id=chat, count=count, timeout=10))[
            -1
        ].params["text"]

    async with api, bot(api, kb_copy):
        assert "I'll tell you when a new evaluation round" in await say("/subscribe", 1)
        assert "already" in await say("/subscribe", 2)
        assert "Seoul Fintech Lab" in await say("/subscribe 핀테크렙", 3)  # a typo still matches
        assert subscriptions() == [(None, "en"), (NOT_IN_ROUND, "en")]
        listed = await say("/subscriptions", 4)
        assert "every new evaluation round" in listed and "Seoul Fintech Lab" in listed
        assert "couldn't find" in await say("/subscribe 없는사무이름입니다", 5)

        which = await say("/subscribe 서울시 지원센터", 6)
        assert "Which service" in which
        buttons = api.sent(chat)[-1].params["reply_markup"]["inline_keyboard"]
        assert all(b[0]["callback_data"].startswith("v1:sub:") for b in buttons)
        [gender] = [b[0] for b in buttons if "Gender Equality" in b[0]["text"]]
        api.push(callback_update(chat, gender["callback_data"], lang="en"))
        assert (
            "Gender Equality"
            in (await api.wait_for("sendMessage", chat_id=chat, count=7))[-1].params["text"]
        )
        assert len(subscriptions()) == 3

        assert "Stopped the alerts for" in await say("/unsubscribe fintech", 8)
        api.push(command(chat, "/lang ko"))
        await api.wait_for("sendMessage", chat_id=chat, count=9, timeout=10)
        await until(lambda: {lang for _, lang in subscriptions()} == {"ko"}, 5, "/lang to follow")
        # alone, /unsubscribe stops nothing: it asks, with a button per subscription
        assert "어떤 알림을 끌까요?" in await say("/unsubscribe", 10)
        assert len(subscriptions()) == 2
        assert "알림 2건을 모두 해제했어요" in await say("/unsubscribe 전체", 11)
        assert "해제할 알림이 없어요" in await say("/unsubscribe", 12)
    assert subscriptions() == []
    assert api.calls_to("answerCallbackQuery")
