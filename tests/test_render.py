"""Answer -> Telegram HTML, callback data, the adapter's catalogs and the chart picture.

Visible text is checked with the fake Bot API's own HTML parser (bot/testing/fakebotapi.py),
which rejects what Telegram rejects: a part that passes here is a message Telegram takes.
"""

from __future__ import annotations

import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answer import Answer, Chart, Source, Suggestion
from bot.i18n import LOCALES_DIR, context_messages, load_catalogs
from bot.telegram import keyboards, render, texts
from bot.telegram.app import COMMANDS, menu
from bot.testing.fakebotapi import parse_html, utf16_len

ROOT = Path(__file__).resolve().parent.parent
DISCLOSURE = Source("2023년 제3차 민간위탁 종합성과평가 결과 공개")
REPORT = Source(
    "대한경제 (2024-10-21)",
    official=False,
    url="http://kcms.cnews.co.kr/view.jsp?a=1&b=2",
    publisher="대한경제",
    published_on="2024-10-21",
    kind="report",
)


def answer(
    text: str, sources=(DISCLOSURE,), chart: Chart | None = None, lang: str = "ko"
) -> Answer:
    return Answer(
        question="q",
        lang=lang,
        intent="test",
        answered=True,
        text=text,
        sources=tuple(sources),
        chart=chart,
    )


def visible(html_text: str) -> str:
    return parse_html(html_text)


def squash(text: str) -> str:
    return re.sub(r"\s", "", text)


# ---- escaping and sources ---------------------------------------------------------------
def test_every_piece_of_data_is_escaped_and_reads_back_unchanged() -> None:
    text = "“A&B<C>” 언급은 없습니다 <b>not bold</b> & 5 > 3"
    [part] = render.answer_parts(answer(text, sources=()))
    assert part == "“A&amp;B&lt;C&gt;” 언급은 없습니다 &lt;b&gt;not bold&lt;/b&gt; &amp; 5 &gt; 3"
    assert visible(part) == text


def test_sources_sit_compactly_under_the_answer_reports_flagged() -> None:
    [part] = render.answer_parts(answer("평균 79.05점", sources=(DISCLOSURE, REPORT, DISCLOSURE)))
    assert part == (
        "평균 79.05점\n\n<i>출처</i>\n"
        "↳ 2023년 제3차 민간위탁 종합성과평가 결과 공개\n"
        '↳ <a href="http://kcms.cnews.co.kr/view.jsp?a=1&amp;b=2">대한경제 (2024-10-21)</a>'
        " (보도)"  # publisher and date once: the title says them already
    )
    english = render.answer_parts(answer("79.05", sources=(REPORT,), lang="en"))[0]
    assert "<i>Sources</i>" in english and "(2024-10-21)</a> (press report)" in english
    untitled = Source(
        "기사", official=False, publisher="뉴스핌", published_on="2023-05-10", kind="report"
    )
    assert "↳ 기사 (보도: 뉴스핌, 2023-05-10)" in render.sources_html([untitled], "ko")


def test_a_city_document_is_not_labelled_press() -> None:
    """Regression (issue 11): a city plan was labelled 보도 (press)."""
    plan = Source("2023년 민간위탁 운영계획", official=False, publisher="서울특별시", kind="city")
    assert render.sources_html([plan], "ko").endswith("(서울시 문서: 서울특별시)")
    assert render.sources_html([plan], "en").endswith("(city document: 서울특별시)")


def test_only_web_links_become_links() -> None:
    sneaky = Source("<evil>", url='javascript:alert("x")')
    [part] = render.answer_parts(answer("x", sources=(sneaky,)))
    assert "<a " not in part and "↳ &lt;evil&gt;" in part


# ---- splitting --------------------------------------------------------------------------
def test_a_long_answer_is_split_at_lines_within_telegrams_limit() -> None:
    lines = [f"{i}. 서울 핀테크랩 관리 및 운영 & <개선 과제> " + "가" * 60 for i in range(200)]
    text = "\n".join(lines)
    parts = render.answer_parts(answer(text))
    assert len(parts) > 1
    assert all(len(p) <= 4096 for p in parts)
    *text_parts, footer = parts  # the sources did not fit beside the last line
    assert all(visible(p).split("\n")[0] in lines for p in text_parts)  # parts start at a line
    assert squash("".join(visible(p) for p in text_parts)) == squash(text)
    assert footer.startswith("<i>출처</i>")


def test_a_line_longer_than_a_message_is_cut_at_a_space_or_hard() -> None:
    words = render.split_text("word " * 2000)
    assert all(len(render.escape(c)) <= 4096 and not c.startswith("d ") for c in words)
    solid = render.split_text("&" * 5000)  # each & becomes five characters
    assert all(len(render.escape(c)) <= 4096 for c in solid) and sum(map(len, solid)) == 5000


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab &<>\n가😀")), max_size=9000),
    st.integers(min_value=8, max_value=4096),
)
def test_split_never_exceeds_the_limit_nor_loses_text(text: str, limit: int) -> None:
    chunks = render.split_text(text, limit)
    assert all(utf16_len(render.escape(c)) <= limit for c in chunks)
    assert squash("".join(chunks)) == squash(text)


def test_sources_that_do_not_fit_go_into_their_own_message() -> None:
    parts = render.answer_parts(answer("가" * 4090))
    assert len(parts) == 2 and parts[1].startswith("<i>출처</i>")


# ---- captions and inline ----------------------------------------------------------------
CHART = Chart(
    title="연도별 평균 점수",
    x_label="연도",
    y_label="평균 점수",
    series={"연도 평균": [("2022", 77.62), ("2023", 74.02)], "차수 평균": [("2023년 3차", 79.05)]},
    cutoff=75.0,
    cutoff_label="재계약 배제 기준",
)


def test_a_short_chart_answer_is_all_caption() -> None:
    caption, rest = render.chart_caption(answer("2022년: 77.62점\n2023년: 74.02점", chart=CHART))
    assert rest == [] and "77.62" in caption and len(caption) <= 1024


def test_a_long_chart_answer_puts_the_numbers_in_the_caption_and_the_text_after() -> None:
    caption, rest = render.chart_caption(answer("설명 " * 400, chart=CHART))
    assert visible(caption) == (
        "연도별 평균 점수\n연도 평균: 2022 77.62, 2023 74.02\n차수 평균: 2023년 3차 79.05\n"
        "재계약 배제 기준: 75"
    )
    assert rest and all(len(p) <= 4096 for p in rest)


def test_inline_text_is_one_message() -> None:
    assert len(render.inline_html(answer("가\n" * 5000))) <= 4096
    assert render.description(answer("a  b\nc")) == "a b c"


# ---- callback data ------------------------------------------------------------------------
def test_short_questions_travel_in_the_button_long_ones_by_digest() -> None:
    markup, remembered = keyboards.suggestions_markup(
        [
            Suggestion("짧은", "75점 미만?"),
            Suggestion("긴", "서울 핀테크랩 관리 및 운영 주요 성과와 개선 과제"),
        ]
    )
    assert markup is not None
    short, long_ = (row[0].callback_data for row in markup.inline_keyboard)
    assert short == "v1:q:75점 미만?"
    assert long_.startswith("v1:h:") and remembered == {
        long_[5:]: "서울 핀테크랩 관리 및 운영 주요 성과와 개선 과제"
    }
    assert keyboards.suggestions_markup([]) == (None, {})


@given(st.text(min_size=1, max_size=200))
def test_callback_data_always_fits_and_decodes(question: str) -> None:
    data, key = keyboards.encode_question(question)
    assert 1 <= len(data.encode("utf-8")) <= 64
    tap = keyboards.decode(data)
    assert tap == (keyboards.Tap("q", question) if key is None else keyboards.Tap("h", key))


@pytest.mark.parametrize(
    "data", [None, "", "garbage", "v0:q:old", "v2:q:new", "v1:z:1", "v1:q:", "v1"]
)
def test_old_foreign_or_malformed_callback_data_decodes_to_nothing(data: str | None) -> None:
    assert keyboards.decode(data) is None


# ---- catalogs ---------------------------------------------------------------------------
def test_every_command_in_the_menu_has_a_handler_and_both_languages() -> None:
    for lang in ("ko", "en"):
        assert [c.command for c in menu(lang)] == [c.name for c in COMMANDS if c.description]
        assert all(c.description for c in menu(lang))
    assert [c.name for c in COMMANDS if not c.description] == ["publish"]  # admins only


def test_examples_are_reachable_by_deep_link_and_button() -> None:
    keys = texts.example_data()["examples"]
    assert 3 <= len(texts.example_data()["start"]) <= 4
    for key in keys:
        assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", key)  # Telegram's deep-link alphabet
        assert keyboards.decode(keyboards.encode_example(key)) == keyboards.Tap("k", key)


def test_placeholders_are_escaped() -> None:
    assert texts.t("start", "en", name="<Kim & Lee>").startswith("Hello, &lt;Kim &amp; Lee&gt;!")
    assert texts.plain("rounds_button", "ko", year=2023, round=3) == "2023년 3차 결과 요약"
    for lang in ("ko", "en"):  # every message is valid Telegram HTML, whatever fills it
        for key in texts.all_keys():
            values = {name: "a<b & c>" for name in _fields(texts.MESSAGES[lang][key])}
            visible(texts.t(key, lang, **values))


def _fields(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def _marked_keys() -> set[str]:
    """Every message key pybabel extract finds in bot/telegram (bot/locales/babel.cfg)."""
    with open(LOCALES_DIR / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = extract_from_dir(ROOT, method_map, options_map, keywords={"pgettext": ((1, "c"), 2)})
    return {message for _, _, message, _, context in found if context == texts.CONTEXT}


def _po(name: str):
    with open(LOCALES_DIR / name, "rb") as handle:
        return read_po(handle)


def test_every_key_in_the_code_is_in_the_template_and_translated_in_both_languages() -> None:
    marked = _marked_keys()
    assert {"start", "error", "notice_new", "publish_new", "command_unsubscribe"} <= marked
    template = {m.id for m in _po("messages.pot") if m.context == texts.CONTEXT}
    assert marked == template  # nothing unextracted, nothing left over
    for lang in ("ko", "en"):
        catalog = {m.id: m.string for m in _po(f"{lang}/LC_MESSAGES/messages.po") if m.context}
        assert {key for key in marked if catalog.get(key)} == marked, lang
        assert set(texts.MESSAGES[lang]) == marked, lang


#: Placeholders filled with English-only text (the parser's reasons and warnings): the
#: Korean message names the line instead (issue 11: no English inside Korean replies).
ENGLISH_ONLY = {"reason", "warning"}


def test_both_languages_fill_the_same_placeholders() -> None:
    for key in texts.all_keys():
        ko, en = _fields(texts.MESSAGES["ko"][key]), _fields(texts.MESSAGES["en"][key])
        assert ko == en - ENGLISH_ONLY, key


def test_a_message_missing_in_one_language_fails_at_start_up(tmp_path: Path) -> None:
    shutil.copytree(LOCALES_DIR, tmp_path / "locales")
    po = tmp_path / "locales" / "en" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgctxt "telegram"\nmsgid "error"', 'msgid "error"'), "utf-8")
    tables = context_messages(texts.CONTEXT, load_catalogs(tmp_path / "locales"))
    with pytest.raises(texts.CatalogError, match=r"'en'.*'error'"):
        texts.check_messages(tables)
    with pytest.raises(texts.CatalogError, match="no_such_key"):
        texts.t("no_such_key", "ko")


# ---- chart ----------------------------------------------------------------------------------
def test_a_chart_is_a_png_with_its_x_labels_in_natural_order() -> None:
    from bot.chart import render_png, x_order

    assert x_order(CHART) == ["2022", "2023", "2023년 3차"]
    png = render_png(CHART)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000


def test_the_engine_never_imports_matplotlib_or_telegram() -> None:
    code = (
        "import sys, bot.engine, bot.chart; "
        "print(sorted(m for m in ('matplotlib', 'telegram') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_files_are_fetched_from_the_same_server_as_the_api() -> None:
    from bot.telegram.app import file_url

    assert file_url("http://127.0.0.1:8081/bot") == "http://127.0.0.1:8081/file/bot"
    assert file_url("https://api.telegram.org/bot") == "https://api.telegram.org/file/bot"
