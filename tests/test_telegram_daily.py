"""Issue 11: Telegram in daily use — one end-to-end test per defect a week of chats found.

Each test runs the real Application (as ``evalbot run`` builds it) against the fake Bot
API over HTTP, with the real engine over a real knowledge base, and failed before its fix.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from bot.answer import Context
from bot.engine import Engine
from bot.telegram import keyboards, render, texts
from bot.testing.fakebotapi import (
    BOT_USER,
    Call,
    FakeBotAPI,
    callback_update,
    edited_update,
    inline_update,
    message,
    text_update,
)
from bot.testing.harness import make_app, running
from bot.testing.limited import LimitedBotAPI
from knowledge import synthetic
from knowledge.queries import Queries
from knowledge.store import ingest_text, open_db

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ME = 3001
GROUP = -1003004
MENTION = f"@{BOT_USER['username']}"
ADMIN = 4242


@pytest.fixture
async def bot(api: FakeBotAPI, engine: Engine, kb_copy: Path):
    async with running(make_app(api, engine, kb_copy, EVALBOT_ADMIN_IDS=str(ADMIN))) as app:
        yield app


def rendered(engine: Engine, question: str, lang: str | None = None, context=None) -> str:
    return render.answer_parts(engine.answer(question, lang=lang, context=context))[0]


async def exchange(api: FakeBotAPI, update: dict, chat_id: int, replies: int = 1) -> list[Call]:
    before = len(api.sent(chat_id))
    api.push(update)
    calls = await api.wait_for("sendMessage", "sendPhoto", chat_id=chat_id, count=before + replies)
    return calls[before:]


async def say(api: FakeBotAPI, chat_id: int, text: str, **kwargs) -> Call:
    [call] = await exchange(api, text_update(chat_id, text, **kwargs), chat_id)
    return call


def buttons(call: Call) -> list[tuple[str, str]]:
    rows = (call.params.get("reply_markup") or {}).get("inline_keyboard", [])
    return [(b["text"], b["callback_data"]) for row in rows for b in row]


def answered_context(engine: Engine, question: str, context=None) -> Context | None:
    return engine.answer(question, context=context).context


# ---- commands and buttons do not inherit a conversation ------------------------------------
async def test_commands_deep_links_and_example_buttons_ignore_the_conversation(
    api, bot, engine
) -> None:
    services_question = texts.command_question("services", "ko")
    fresh_services = rendered(engine, services_question)
    await say(api, ME, "2024년 1차 결과는?")  # a round that is not loaded
    assert (await say(api, ME, "/services")).params["text"] == fresh_services
    await say(api, ME, "2024년 1차 결과는?")
    deep_link = await say(api, ME, "/start below75")
    assert deep_link.params["text"] == rendered(engine, texts.example("below75", "ko"))
    await say(api, ME, "2024년 1차 결과는?")
    [tapped] = await exchange(api, callback_update(ME, "v1:k:average"), ME)
    assert tapped.params["text"] == rendered(engine, texts.example("average", "ko"))
    # in a group, one member's follow-up does not become everyone's /services
    await say(api, GROUP, f"{MENTION} 2023년 3차 평균 점수는?", user_id=7)
    await say(api, GROUP, f"{MENTION} 그럼 2022년은?", user_id=7)
    assert (await say(api, GROUP, "/services", user_id=8)).params["text"] == fresh_services


async def test_a_reply_in_a_group_follows_the_answer_it_replies_to(api, bot, engine) -> None:
    first = await say(api, GROUP, f"{MENTION} 2023년 3차 평균 점수는?", user_id=7)
    await say(api, GROUP, f"{MENTION} 75점 미만 받은 사무 있어?", user_id=8)  # someone else
    reply = text_update(GROUP, "그럼 2022년은?", user_id=7, reply_to=first.result)
    [follow_up] = await exchange(api, reply, GROUP)
    context = answered_context(engine, "2023년 3차 평균 점수는?")
    expected = rendered(engine, "그럼 2022년은?", context=context)
    other = rendered(
        engine, "그럼 2022년은?", context=answered_context(engine, "75점 미만 받은 사무 있어?")
    )
    assert expected != other  # which answer it follows matters
    assert follow_up.params["text"] == expected


# ---- subscriptions -------------------------------------------------------------------------
def _stop_buttons(call: Call) -> list[str]:
    return [data for _, data in buttons(call) if data.startswith(keyboards.STOP)]


async def test_every_subscription_has_its_own_stop_button_and_a_bare_unsubscribe_asks(
    api, bot, kb_copy
) -> None:
    """Regression: "/unsubscribe 서울 핀테크랩" printed in a message arrived as a bare
    /unsubscribe when tapped (a command entity ends at the space), which removed them all."""
    subscribed = await say(api, ME, "/subscribe 핀테크랩")
    assert "/unsubscribe" not in subscribed.params["text"]
    [fintech_stop] = _stop_buttons(subscribed)
    everything = await say(api, ME, "/subscribe")
    [rounds_stop] = _stop_buttons(everything)
    assert rounds_stop != fintech_stop
    listed = await say(api, ME, "/subscriptions")
    assert _stop_buttons(listed) == [fintech_stop, rounds_stop, keyboards.STOP_ALL]
    asked = await say(api, ME, "/unsubscribe")  # what the old tap sent: stops nothing now
    assert _stop_buttons(asked) == [fintech_stop, rounds_stop, keyboards.STOP_ALL]
    assert _active(kb_copy, ME) == ["서울 핀테크랩 관리 및 운영", None]
    [stopped] = await exchange(api, callback_update(ME, fintech_stop), ME)
    assert "핀테크랩" in stopped.params["text"]
    assert _active(kb_copy, ME) == [None]
    api.push(callback_update(ME, fintech_stop))  # tapped again: already stopped, a toast
    toast = (await api.wait_for("answerCallbackQuery", count=2))[-1]
    assert toast.params.get("text") == texts.t("unsubscribe_gone", "ko")
    [all_stopped] = await exchange(api, callback_update(ME, keyboards.STOP_ALL), ME)
    assert all_stopped.params["text"] == texts.t("unsubscribed_all", "ko", count=1)
    assert _active(kb_copy, ME) == []


def _active(path: Path, chat_id: int) -> list[str | None]:
    db = open_db(path)
    try:
        rows = db.execute(
            "select service_name_ko from subscribers where chat_id = ? and active = 1 order by id",
            [chat_id],
        ).fetchall()
        return [r[0] for r in rows]
    finally:
        db.close()


@pytest.mark.parametrize(
    ("words", "service"),
    [
        ("마포", "마포자원회수시설 관리 및 운영"),
        ("Mapo", "마포자원회수시설 관리 및 운영"),
        ("fintek lab", "서울 핀테크랩 관리 및 운영"),
    ],
)
async def test_subscribe_finds_services_as_questions_do(api, bot, kb_copy, words, service) -> None:
    await say(api, ME, f"/subscribe {words}", lang="en")
    assert _active(kb_copy, ME) == [service]


async def test_subscribe_offers_candidates_for_a_shared_word_and_takes_all(
    api, bot, kb_copy
) -> None:
    which = await say(api, ME, "/subscribe 센터")
    picks = [data for _, data in buttons(which) if data.startswith("v1:sub:")]
    assert which.params["text"] == texts.t("service_which", "ko") and len(picks) >= 2
    await say(api, ME, "/subscribe 전체")
    assert _active(kb_copy, ME) == [None]
    await say(api, ME + 1, "/subscribe all", lang="en")
    assert _active(kb_copy, ME + 1) == [None]


async def _alerts(kb_copy: Path, *documents: tuple[str, str], subscribe: str | None):
    """Subscribe chat ME (to a service, or every round) and ingest ``documents``; the alerts."""
    async with LimitedBotAPI(rate=None) as api:
        queries = Queries(kb_copy)
        app = make_app(api, Engine(queries), kb_copy)
        async with running(app):
            await say(api, ME, f"/subscribe {subscribe}" if subscribe else "/subscribe")
            db = open_db(kb_copy)
            try:
                for text, name in documents:
                    ingest_text(db, text, name)
                    await api.wait_for(
                        "sendMessage", chat_id=ME, count=len(api.sent(ME)) + 1, timeout=10
                    )
            finally:
                db.close()
        queries.close()
    return api.sent(ME)[1:]


async def test_a_service_subscriber_hears_of_their_service_and_the_services_below(
    kb_copy: Path,
) -> None:
    name = synthetic.service_name(2)
    db = open_db(kb_copy)
    try:  # the service was evaluated before: it can be subscribed to
        ingest_text(db, synthetic.disclosure(2030, 1), "2030-1.txt", notify=False)
    finally:
        db.close()
    document = synthetic.disclosure(2031, 1, scores=True)
    [alert] = await _alerts(kb_copy, (document, "2031-1.txt"), subscribe=name)
    text = alert.params["text"]
    assert f"구독하신 <b>{name}</b>" in text
    below = re.findall(r"75점 미만: (\d+)개 사무 \((.*)\)", text)
    assert below and int(below[0][0]) == len(below[0][1].split(", "))
    label, data = buttons(alert)[0]
    assert label == texts.plain("notice_service_button", "ko", service=name)
    # the button asks for the service's results
    async with (
        LimitedBotAPI(rate=None) as api,
        running(make_app(api, Engine(Queries(kb_copy)), kb_copy)),
    ):
        [results] = await exchange(api, callback_update(ME, data), ME)
    assert name in results.params["text"] and "2031" in results.params["text"]


async def test_an_updated_alert_says_what_changed(kb_copy: Path) -> None:
    first = synthetic.disclosure(2031, 2, scores=True)
    corrected = synthetic.disclosure(2031, 2, scores=True, seed=3)
    _, alert = await _alerts(
        kb_copy, (first, "2031-2.txt"), (corrected, "2031-2b.txt"), subscribe=None
    )
    assert "수정되었습니다" in alert.params["text"] and "→" in alert.params["text"]


# ---- publishing in the admin's language ----------------------------------------------------
def _document_update(chat_id: int, document: dict, caption: str | None = "/publish") -> dict:
    content: dict = {"document": document}
    if caption is not None:
        content["caption"] = caption
        content["caption_entities"] = [{"type": "bot_command", "offset": 0, "length": 8}]
    return {"message": message(chat_id, None, lang="ko", **content)}


async def test_publish_replies_entirely_in_the_admins_language(engine, kb_copy: Path) -> None:
    broken = (FIXTURES / "broken-count-mismatch-results.txt").read_bytes()
    cp949 = synthetic.disclosure(2031, 3).replace("—", "-").encode("cp949")
    async with LimitedBotAPI(rate=None) as api:
        app = make_app(api, Engine(Queries(kb_copy)), kb_copy, EVALBOT_ADMIN_IDS=str(ADMIN))
        async with running(app):
            replies = []
            for name, data in (("broken.txt", broken), ("cp949.txt", cp949), ("again.txt", cp949)):
                [reply] = await exchange(
                    api, _document_update(ADMIN, api.add_document(name, data)), ADMIN
                )
                replies.append(reply.params["text"])
    rejected, published, duplicate = replies
    assert "6번째 줄" in rejected
    assert not re.search(r"[A-Za-z]{4,}", rejected.replace("broken.txt", ""))  # no English reason
    assert published.startswith("✅") and "2031년 3차" in published  # CP949 is read
    assert not duplicate.startswith("✅") and "이미 반영된" in duplicate
    assert "already" not in duplicate and "nothing changed" not in duplicate


async def test_an_admins_disclosure_without_the_caption_gets_the_publish_hint(api, bot) -> None:
    document = {"file_id": "d1", "file_unique_id": "u1", "file_name": "2031-4.txt"}
    [hint] = await exchange(api, _document_update(ADMIN, document, caption=None), ADMIN)
    assert hint.params["text"] == texts.t("publish_hint", "ko", name="2031-4.txt")
    [other] = await exchange(api, _document_update(ME, document, caption=None), ME)
    assert other.params["text"] == texts.t(
        "not_text", "ko", example=texts.start_examples("ko")[0][1]
    )


# ---- text and layout on a phone -------------------------------------------------------------
async def test_english_paragraphs_have_no_hard_line_breaks_inside_sentences(api, bot) -> None:
    for command in ("/start", "/about"):
        text = (await say(api, ME, command, lang="en")).params["text"]
        for line in text.splitlines()[:-1]:
            assert line.rstrip().endswith((".", ":", "!", "?")), (command, line)


async def test_citizens_see_no_knowledge_base_jargon(api, bot) -> None:
    for text in (
        "/rounds",
        "/about",
        "/help",
        "2024년 1차 결과는?",
        "최근 평가 대상 사무 목록 보여줘",
    ):
        assert "지식 베이스" not in (await say(api, ME, text)).params["text"], text


async def test_lang_names_the_language_and_refuses_unknown_codes(api, bot) -> None:
    await say(api, ME, "/lang en")
    assert "Now: English" in (await say(api, ME, "/lang")).params["text"]
    unknown = (await say(api, ME, "/lang fr")).params["text"]
    assert unknown.startswith(texts.t("lang_unknown", "en", code="fr"))


async def test_sources_name_publisher_and_date_once_and_buttons_are_short(api, bot, engine) -> None:
    call = await say(api, ME, "75점 미만 받은 사무 있어?")
    footer = call.params["text"].split("<i>출처</i>")[1]
    assert footer.count("2024-10-21") == 1 and footer.count("대한경제") == 1
    sources = [label for label, data in buttons(call) if data.startswith("v1:d:")]
    assert sources == ["📄 원문: 2023년 3차"]
    labels = [label for label, _ in buttons(call)]
    assert "75점 미만 받은 사무 있어?" not in labels  # never the question that led here


async def test_english_answers_label_reports_in_english(api, bot) -> None:
    call = await say(api, ME, "Which services fell below 75?", lang="en")
    footer = call.params["text"].split("<i>Sources</i>")[1]
    assert "press report" in footer and "보도" not in footer
    assert "Daehan Economy" in footer  # the curated English name of a Korean-titled source


async def test_an_inline_result_never_ends_with_text_meant_for_buttons(api, bot, engine) -> None:
    api.push(inline_update(ME, "asdf qwer zxcv"))
    [call] = await api.wait_for("answerInlineQuery")
    [article] = call.params["results"]
    text = article["input_message_content"]["message_text"]
    assert not text.rstrip().endswith(":")
    for suggestion in engine.answer("asdf qwer zxcv").suggestions:
        assert suggestion.question in text


async def test_a_mention_in_a_private_chat_is_not_part_of_the_question(api, bot, engine) -> None:
    call = await say(api, ME, f"{MENTION} 75점 미만 받은 사무 있어?")
    assert call.params["text"] == rendered(engine, "75점 미만 받은 사무 있어?")


async def test_a_bare_mention_in_a_group_asks_what_to_answer(api, bot) -> None:
    call = await say(api, GROUP, MENTION, user_id=7)
    assert call.params["text"] == texts.t(
        "ask_what", "ko", example=texts.start_examples("ko")[0][1]
    )


async def test_an_edited_question_is_answered_as_edited(api, bot, engine) -> None:
    [call] = await exchange(api, edited_update(ME, "2023년 3차 평균 점수는?"), ME)
    assert call.params["text"] == rendered(engine, "2023년 3차 평균 점수는?")


@pytest.mark.parametrize(
    "data", ["v1:d:²", "v1:d:٣", "v1:d:9223372036854775808", "v1:d:999999", "v1:d:0"]
)
async def test_forged_source_buttons_get_the_toast_and_no_traceback(api, bot, data, caplog) -> None:
    caplog.set_level(logging.INFO)
    [reply] = await exchange(api, callback_update(ME, data), ME)
    assert reply.params["text"] == texts.t("button_expired", "ko")
    [toast] = api.calls_to("answerCallbackQuery")
    assert toast.params["text"] == texts.t("button_expired", "ko")
    assert not api.calls_to("sendDocument")
    assert "Traceback" not in caplog.text and "update failed" not in caplog.text


async def test_an_html_source_is_sent_as_the_page_it_was(api, engine, kb_copy: Path) -> None:
    page = (FIXTURES / "2025-round1-board-page.html").read_text(encoding="utf-8")
    db = open_db(kb_copy)
    try:
        ingest_text(db, page, "2025-round1-board-page.html", notify=False)
    finally:
        db.close()
    async with running(make_app(api, Engine(Queries(kb_copy)), kb_copy)):
        call = await say(api, ME, "2025년 1차 평균 점수는?")
        [source] = [data for _, data in buttons(call) if data.startswith("v1:d:")]
        api.push(callback_update(ME, source))
        [sent] = await api.wait_for("sendDocument", chat_id=ME)
    # the page as published, as a page: not its HTML source in a .txt
    assert sent.filenames["document"] == "2025-round1-board-page.html"
    assert sent.files["document"].decode("utf-8") == page


async def test_a_user_of_another_language_is_answered_in_the_questions_language(
    api, bot, engine
) -> None:
    korean = await say(api, ME, "75점 미만 받은 사무 있어?", lang="fr")
    assert korean.params["text"] == rendered(engine, "75점 미만 받은 사무 있어?", lang="ko")
    english = await say(api, ME, "Which services fell below 75?", lang="de")
    assert english.params["text"] == rendered(engine, "Which services fell below 75?", lang="en")
    # what the bot says itself about a question is in the question's language too
    too_long = await say(api, ME, "가" * 600, lang="fr")
    assert too_long.params["text"] == texts.t("too_long", "ko", length=600, limit=500)
