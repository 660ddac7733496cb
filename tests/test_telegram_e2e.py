"""The real bot, end to end over HTTP: python-telegram-bot against the fake Bot API.

Each test runs the Application exactly as ``evalbot run`` builds it, with the real engine
over a real knowledge base, and reads what reached the server.  Expected replies are the
engine's own answers rendered by render.py, so a test fails if the adapter drops,
reorders or mangles anything.  "Silence" is shown deterministically: updates are handled
in order, so once a later private message is answered, the earlier one was handled too.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from bot.answer import Answer, Context
from bot.engine import Engine
from bot.telegram import render, texts
from bot.telegram.app import COMMANDS
from bot.testing.fakebotapi import (
    BOT_USER,
    Call,
    FakeBotAPI,
    bot_message,
    callback_update,
    channel_post_update,
    inline_update,
    photo_update,
    sticker_update,
    text_update,
)
from bot.testing.harness import make_app, running

ROOT = Path(__file__).resolve().parent.parent
ME = 1001  # a private chat (its id is the user's id)
GROUP = -1002003
MENTION = f"@{BOT_USER['username']}"
BELOW = "75점 미만 받은 사무 있어?"


@pytest.fixture
async def bot(api: FakeBotAPI, engine: Engine, kb_copy: Path):
    async with running(make_app(api, engine, kb_copy)) as app:
        yield app


def rendered(
    engine: Engine, question: str, lang: str | None = None, context: Context | None = None
) -> tuple[str, Answer]:
    answer = engine.answer(question, lang=lang, context=context)
    [text] = render.answer_parts(answer)
    return text, answer


async def exchange(api: FakeBotAPI, update: dict, chat_id: int, replies: int = 1) -> list[Call]:
    """Push one update and return the ``replies`` messages it caused in ``chat_id``."""
    before = len(api.sent(chat_id))
    api.push(update)
    calls = await api.wait_for("sendMessage", "sendPhoto", chat_id=chat_id, count=before + replies)
    return calls[before:]


async def say(api: FakeBotAPI, chat_id: int, text: str, **kwargs) -> Call:
    [call] = await exchange(api, text_update(chat_id, text, **kwargs), chat_id)
    return call


async def assert_silent(api: FakeBotAPI, chat_id: int, *updates: dict) -> None:
    before = len(api.sent(chat_id))
    for update in updates:
        api.push(update)
    await say(api, ME + 1, "/about")  # handled after them, so they were handled
    assert len(api.sent(chat_id)) == before


def buttons(call: Call) -> list[tuple[str, str]]:
    rows = (call.params.get("reply_markup") or {}).get("inline_keyboard", [])
    return [(b["text"], b["callback_data"]) for row in rows for b in row]


# ---- commands -----------------------------------------------------------------------------------
async def test_command_menu_is_registered_in_korean_english_and_default(api, bot) -> None:
    for lang, sample in (
        ("ko", "시작과 예시 질문"),
        ("en", "Start and example questions"),
        ("", "Start and example questions"),
    ):
        menu = api.commands[lang]
        assert [c["command"] for c in menu] == [c.name for c in COMMANDS if c.description]
        assert menu[0]["description"] == sample


@pytest.mark.parametrize("lang", ["ko", "en"])
async def test_start_greets_in_the_users_language_with_tappable_examples(api, bot, lang) -> None:
    call = await say(api, ME, "/start", lang=lang)
    assert call.params["text"] == texts.t("start", lang, name="Tester")
    assert buttons(call) == [(q, f"v1:k:{key}") for key, q in texts.start_examples(lang)]


async def test_start_with_a_deep_link_answers_directly(api, bot, engine) -> None:
    call = await say(api, ME, "/start below75", lang="en")
    assert call.params["text"] == rendered(engine, "Which services fell below 75?")[0]


async def test_help_about_and_placeholders(api, bot) -> None:
    help_text = (await say(api, ME, "/help", lang="en")).params["text"]
    # the command list is the menu's, from the one command table
    listed = [line.split()[0] for line in help_text.splitlines() if line.startswith("/")]
    assert listed == [f"/{c.name}" for c in COMMANDS if c.description]
    assert "/rounds Evaluation rounds" in help_text and BOT_USER["username"] in help_text
    assert (await say(api, ME, "/about")).params["text"] == texts.t("about", "ko")
    # the notifications feature registers /subscribe and /unsubscribe on every application
    assert (await say(api, ME, "/subscribe")).params["text"] == texts.t("subscribed_all", "ko")
    unsubscribed = texts.t("unsubscribed_all", "ko", count=1)
    assert (await say(api, ME, "/unsubscribe all")).params["text"] == unsubscribed
    assert (await say(api, ME, "/nonsense")).params["text"] == texts.t("unknown_command", "ko")


async def test_rounds_lists_the_knowledge_base_and_its_button_summarises(api, bot, engine) -> None:
    call = await say(api, ME, "/rounds")
    assert call.params["text"] == (
        "<b>불러온 평가 차수</b> (최신순)\n• 2023년 제3차: 6개 사무, 평균 79.05점"
    )
    assert buttons(call) == [("2023년 3차 결과 요약", "v1:q:2023년 3차 결과 요약해줘")]
    [summary] = await exchange(api, callback_update(ME, "v1:q:2023년 3차 결과 요약해줘"), ME)
    assert summary.params["text"] == rendered(engine, "2023년 3차 결과 요약해줘")[0]
    assert "79.05" in summary.params["text"]


async def test_services_asks_the_engine_for_the_latest_list(api, bot, engine) -> None:
    call = await say(api, ME, "/services", lang="en")
    expected = rendered(engine, texts.command_question("services", "en"))[0]
    assert call.params["text"] == expected and "Seoul Fintech Lab" in expected


async def test_lang_sets_reports_and_resets_the_answer_language(api, bot, engine) -> None:
    assert (await say(api, ME, "/lang")).params["text"] == texts.t(
        "lang_usage", "ko", current="자동"
    )
    assert (await say(api, ME, "/lang en")).params["text"] == texts.t("lang_set", "en")
    assert (await say(api, ME, BELOW)).params["text"] == rendered(engine, BELOW, lang="en")[0]
    assert (await say(api, ME, "/lang auto")).params["text"] == texts.t("lang_auto", "ko")
    assert (await say(api, ME, BELOW)).params["text"] == rendered(engine, BELOW)[0]


# ---- free text ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "lang", "must"),
    [(BELOW, "ko", "13개(27.7%)"), ("Which services fell below 75?", "en", "13 of 47")],
)
async def test_a_question_gets_the_engines_answer_with_sources_and_buttons(
    api, bot, engine, question, lang, must
) -> None:
    call = await say(api, ME, question, lang=lang)
    expected, answer = rendered(engine, question)
    assert answer.lang == lang and must in answer.text
    assert call.params["text"] == expected
    assert call.params["parse_mode"] == "HTML"
    assert ("<i>출처</i>" if lang == "ko" else "<i>Sources</i>") in expected
    labels = [label for label, _ in buttons(call)]
    assert labels[: len(answer.suggestions)] == [s.label for s in answer.suggestions]
    assert labels[len(answer.suggestions) :] == [
        texts.plain("read_round", lang, year=2023, round_no=3)
    ]


async def test_a_follow_up_uses_the_previous_turn(api, bot, engine, kb_copy) -> None:
    first = await say(api, ME, "2023년 3차 평균 점수는?")
    assert "79.05" in first.params["text"]
    follow_up = await say(api, ME, "그럼 2022년은?")
    context = engine.answer("2023년 3차 평균 점수는?").context
    with_context = rendered(engine, "그럼 2022년은?", context=context)[0]
    assert follow_up.params["text"] == with_context
    assert with_context != rendered(engine, "그럼 2022년은?")[0]  # the context mattered
    await bot.bot_data.memory.flush()  # memory is written behind the answer
    with sqlite3.connect(kb_copy) as conn:
        [(stored,)] = conn.execute("select context from chats where chat_id = ?", [ME])
    assert '"intent": "average"' in stored and '"year": 2022' in stored


async def test_html_special_characters_are_echoed_safely(api, bot, engine) -> None:
    question = '"A&B<C>" 사무 성과'
    call = await say(api, ME, question)
    expected, answer = rendered(engine, question)
    assert "A&B<C>" in answer.text  # the engine echoes it ...
    assert call.params["text"] == expected and "“A&amp;B&lt;C&gt;”" in expected  # ... escaped
    update = text_update(ME + 6, "/start", lang="en")
    update["message"]["from"]["first_name"] = '<b>Kim</b> & "Lee"'
    [greeting] = await exchange(api, update, ME + 6)
    assert greeting.params["text"].startswith('Hello, &lt;b&gt;Kim&lt;/b&gt; &amp; "Lee"!')


# ---- buttons ------------------------------------------------------------------------------------
async def test_a_suggestion_button_round_trip(api, bot, engine) -> None:
    call = await say(api, ME, BELOW)
    label, data = buttons(call)[0]
    before = len(api.calls_to("answerCallbackQuery"))
    [reply] = await exchange(api, callback_update(ME, data), ME)
    [answered] = api.calls_to("answerCallbackQuery")[before:]
    assert "text" not in answered.params  # answered silently: the reply is the message
    suggestion = rendered(engine, BELOW)[1].suggestions[0]
    assert label == suggestion.label
    context = engine.answer(BELOW).context
    assert reply.params["text"] == rendered(engine, suggestion.question, context=context)[0]


async def test_the_source_text_is_one_tap_away(api, bot, engine) -> None:
    call = await say(api, ME, "마포자원회수시설 개선과제")
    label, data = buttons(call)[-1]
    assert label.startswith("📄") and data.startswith("v1:d:")
    api.push(callback_update(ME, data))
    [sent] = await api.wait_for("sendDocument", chat_id=ME)
    seed = (ROOT / "knowledge" / "sources" / "2023-round3-disclosure.txt").read_bytes()
    assert sent.files["document"] == seed.decode("utf-8-sig").encode("utf-8")
    assert "2023년 제3차" in sent.params["caption"]
    [reply] = await exchange(api, callback_update(ME, "v1:d:999999"), ME)  # gone after a rebuild
    assert reply.params["text"] == texts.t("button_expired", "ko")


async def test_a_long_suggestion_travels_by_digest_and_survives_a_restart(
    api, engine, kb_copy
) -> None:
    async with running(make_app(api, engine, kb_copy)):
        call = await say(api, ME, "최근 평가 대상 사무 목록 보여줘")
    digests = [(label, data) for label, data in buttons(call) if data.startswith("v1:h:")]
    assert digests, "the service buttons are longer than 64 bytes"
    label, data = digests[0]
    async with running(make_app(api, engine, kb_copy)):
        [reply] = await exchange(api, callback_update(ME, data), ME)
    question = next(
        s.question
        for s in engine.answer("최근 평가 대상 사무 목록 보여줘").suggestions
        if s.label == label
    )
    context = engine.answer("최근 평가 대상 사무 목록 보여줘").context
    assert reply.params["text"] == rendered(engine, question, context=context)[0]


@pytest.mark.parametrize(
    "data", ["v0:q:old button", "garbage", "v1:h:0000000000000000", "v1:k:gone"]
)
async def test_old_or_malformed_buttons_get_a_polite_reply(api, bot, data) -> None:
    [reply] = await exchange(api, callback_update(ME, data, lang="en"), ME)
    assert reply.params["text"] == texts.t("button_expired", "en")
    [answered] = api.calls_to("answerCallbackQuery")
    assert answered.params["text"] == texts.t("button_expired", "en")


# ---- inline mode --------------------------------------------------------------------------------
async def test_an_inline_query_offers_the_answer_as_an_article(api, bot, engine) -> None:
    api.push(inline_update(ME, "75점 미만"))
    [call] = await api.wait_for("answerInlineQuery")
    [article] = call.params["results"]
    answer = engine.answer("75점 미만")
    assert article["type"] == "article" and article["title"] == "75점 미만"
    assert article["input_message_content"]["message_text"] == render.inline_html(answer)
    assert article["input_message_content"]["parse_mode"] == "HTML"
    assert article["description"] == render.description(answer)


# ---- groups -------------------------------------------------------------------------------------
async def test_in_groups_only_commands_mentions_and_replies_are_answered(api, bot, engine) -> None:
    await assert_silent(
        api,
        GROUP,
        text_update(GROUP, BELOW, user_id=7),
        text_update(GROUP, "/help@some_other_bot", user_id=7),
        text_update(GROUP, "/nonsense", user_id=7),
        sticker_update(GROUP, user_id=7),
        text_update(GROUP, f"{BELOW} @some_other_bot", user_id=7),
    )
    expected = rendered(engine, BELOW)[0]
    mention = text_update(GROUP, f"{MENTION} {BELOW}", user_id=7)
    [answer] = await exchange(api, mention, GROUP)
    assert answer.params["text"] == expected
    assert answer.params["reply_parameters"]["message_id"] == mention["message"]["message_id"]
    reply = text_update(GROUP, BELOW, user_id=7, reply_to=bot_message(GROUP))
    assert (await exchange(api, reply, GROUP))[0].params["text"] == expected
    assert (await say(api, GROUP, "/help", user_id=7)).params["text"].startswith("<b>")
    unknown = await say(api, GROUP, f"/nonsense{MENTION}", user_id=7)
    assert unknown.params["text"] == texts.t("unknown_command", "ko")


# ---- what is not a question ---------------------------------------------------------------------
async def test_non_text_and_oversized_messages_get_a_short_hint_or_silence(api, bot) -> None:
    hint = texts.t("not_text", "en", example=texts.start_examples("en")[0][1])
    assert (await exchange(api, sticker_update(ME, lang="en"), ME))[0].params["text"] == hint
    assert (await exchange(api, photo_update(ME, lang="en"), ME))[0].params["text"] == hint
    ask_what = texts.t("ask_what", "en", example=texts.start_examples("en")[0][1])
    assert (await say(api, ME, "   ", lang="en")).params["text"] == ask_what
    too_long = await say(api, ME, "가" * 10_000, lang="en")
    # said in the question's language (Korean), whatever the client's
    assert too_long.params["text"] == texts.t("too_long", "ko", length=10_000, limit=500)
    await assert_silent(api, -1009, channel_post_update(-1009, BELOW))
    assert not [c for c in api.sent() if c.params.get("text") == texts.t("error", "en")]


async def test_a_chart_answer_is_a_photo_with_the_numbers_in_the_caption(api, bot, engine) -> None:
    [photo] = await exchange(api, text_update(ME, "연도별 평균 추이"), ME)
    answer = engine.answer("연도별 평균 추이")
    assert answer.chart is not None and photo.method == "sendPhoto"
    assert photo.files["photo"].startswith(b"\x89PNG")
    assert photo.params["caption"] == render.chart_caption(answer)[0]
    for number in ("77.62", "74.02", "79.05"):
        assert number in photo.params["caption"]


# ---- failures -----------------------------------------------------------------------------------
async def test_a_500_then_a_429_delay_the_reply_but_it_arrives(api, bot, engine) -> None:
    api.fail("sendMessage", 500)
    api.fail("sendMessage", 429, retry_after=1)
    failed, limited, delivered = await exchange(api, text_update(ME, BELOW), ME, replies=3)
    assert delivered.params["text"] == failed.params["text"] == rendered(engine, BELOW)[0]
    assert delivered.at - limited.at >= 1.0  # retry_after was honoured
    api.fail("getUpdates", 500)
    assert (await say(api, ME, "/about")).params["text"] == texts.t("about", "ko")


async def test_an_error_is_logged_first_then_the_user_is_told(api, bot, engine, caplog) -> None:
    api.fail("sendMessage", 400, description="Bad Request: chat not found")
    with caplog.at_level(logging.ERROR, logger="bot.telegram.handlers"):
        rejected, apology = await exchange(api, text_update(ME, BELOW), ME, replies=2)
    assert apology.params["text"] == texts.t("error", "ko")
    [record] = [r for r in caplog.records if r.name == "bot.telegram.handlers"]
    assert record.getMessage().startswith("update failed: update_id=")
    assert record.exc_info and str(record.exc_info[1]) == "Chat not found"
    assert rejected.params["text"] == rendered(engine, BELOW)[0]  # what the server refused


async def test_the_token_never_reaches_the_logs(api, engine, kb_copy, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    api.fail("sendMessage", 500)
    api.fail("sendMessage", 400, description="Bad Request: nope")
    async with running(make_app(api, engine, kb_copy)):
        await exchange(api, text_update(ME, BELOW), ME, replies=3)
        await say(api, ME, "/start")
    assert "bot_api_retry method=sendMessage" in caplog.text  # the logs did see the traffic
    assert "update failed" in caplog.text
    assert api.token not in caplog.text
    assert api.token.split(":")[1] not in caplog.text


# ---- restart ------------------------------------------------------------------------------------
async def test_a_restart_keeps_the_language_and_the_last_turn(api, engine, kb_copy) -> None:
    async with running(make_app(api, engine, kb_copy)):
        await say(api, ME, "/lang en")
        first = await say(api, ME, "2023년 3차 평균 점수는?")
    assert first.params["text"] == rendered(engine, "2023년 3차 평균 점수는?", lang="en")[0]
    async with running(make_app(api, engine, kb_copy)):
        follow_up = await say(api, ME, "그럼 2022년은?")
    context = engine.answer("2023년 3차 평균 점수는?", lang="en").context
    assert follow_up.params["text"] == rendered(engine, "그럼 2022년은?", "en", context)[0]
    assert "2022" in follow_up.params["text"] and "average" in follow_up.params["text"]


async def test_the_heartbeat_file_is_touched_from_the_start(api, engine, kb_copy, tmp_path) -> None:
    heartbeat = tmp_path / "alive"
    async with running(make_app(api, engine, kb_copy, EVALBOT_HEARTBEAT=str(heartbeat))) as app:
        assert heartbeat.exists()
        assert "heartbeat" in [job.name for job in app.job_queue.jobs()]


async def test_updates_from_many_chats_are_all_answered(api, bot, engine) -> None:
    chats = range(2000, 2040)
    for chat_id in chats:
        api.push(text_update(chat_id, BELOW))
    await api.wait_for("sendMessage", count=40, timeout=20)
    expected = rendered(engine, BELOW)[0]
    assert {c.params["chat_id"] for c in api.sent()} == set(chats)
    assert all(c.params["text"] == expected for c in api.sent())
