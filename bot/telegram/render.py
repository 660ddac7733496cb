"""An engine ``Answer`` as Telegram HTML: escaped, split to fit, sources under the answer.

Answer text is plain text and may echo anything a user typed ("<b>", "&"), so every
piece of data goes through ``html.escape``; the only markup is ours.  Telegram limits a
message to 4,096 characters and a photo caption to 1,024, counted in UTF-16 code units;
parts are measured in their escaped form, which is never shorter than what Telegram
counts, so a part that fits here fits there.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import replace

from bot.answer import Answer, Chart, Source
from bot.chart import shown_series
from bot.telegram.texts import N_, t

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
#: Characters the inline result's description shows under its title.
DESCRIPTION_LIMIT = 120


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def size(text: str) -> int:
    """Length in UTF-16 code units, which is how Telegram counts."""
    return len(text.encode("utf-16-le")) // 2


def _escaped_size(ch: str) -> int:
    return size(escape(ch))


def _cut(line: str, limit: int) -> int:
    """Where to cut an over-long line: the last space that fits, else as much as fits."""
    used, last_space = 0, 0
    for i, ch in enumerate(line):
        used += _escaped_size(ch)
        if used > limit:
            return last_space or max(i, 1)
        if ch == " ":
            last_space = i + 1
    return len(line)


def split_text(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Plain text in chunks whose escaped form fits ``limit``, broken at lines where possible."""
    chunks: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        while size(escape(line)) > limit:
            cut = _cut(line, limit)
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:cut])
            line = line[cut:]
        if size(escape(current + line)) > limit:
            chunks.append(current)
            current = ""
        current += line
    chunks.append(current)
    return [c.strip("\n") for c in chunks if c.strip()]


#: How a source that is not an official disclosure is labelled, by its document kind.
SOURCE_LABELS = {
    "report": N_("source_press"),
    "press": N_("source_press"),
    "city": N_("source_city"),
    "plan": N_("source_city"),
}
OTHER_SOURCE = N_("source_report")


def _source_html(source: Source, lang: str) -> str:
    title = escape(source.title)
    if source.url and source.url.startswith(("https://", "http://")):
        title = f'<a href="{html.escape(source.url, quote=True)}">{title}</a>'
    if source.official:
        return f"↳ {title}"
    # publisher and date once: many titles already say them ("대한경제 (2024-10-21)")
    details = [d for d in (source.publisher, source.published_on) if d and d not in source.title]
    label = t(SOURCE_LABELS.get(source.kind, OTHER_SOURCE), lang)
    extra = ", ".join(escape(d) for d in details)
    return f"↳ {title} ({label}{': ' + extra if extra else ''})"


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a space where possible, "…" marking the cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip() + "…"


def sources_html(sources: Iterable[Source], lang: str) -> str:
    """The sources, one short line each, under an italic heading; empty when there are none."""
    seen: dict[str, Source] = {}
    for source in sources:
        seen.setdefault(source.title, source)
    if not seen:
        return ""
    lines = [_source_html(s, lang) for s in seen.values()]
    heading = t("sources", lang)
    return f"<i>{heading}</i>\n" + "\n".join(lines)


def answer_parts(answer: Answer, limit: int = MESSAGE_LIMIT) -> list[str]:
    """The answer as HTML messages of at most ``limit`` characters; sources under the last."""
    parts = [escape(chunk) for chunk in split_text(answer.text, limit)] or ["…"]
    footer = sources_html(answer.sources, answer.lang)
    if footer and size(footer) > limit:
        footer = ""  # a source list longer than a message helps no one; the text stands alone
    if footer and size(parts[-1]) + 2 + size(footer) <= limit:
        parts[-1] += "\n\n" + footer
    elif footer:
        parts.append(footer)
    return parts


def chart_numbers(chart: Chart) -> str:
    """The chart's values as text, one series per line: what the picture shows, in numbers."""
    lines = [f"<b>{escape(chart.title)}</b>"]
    for name, points in shown_series(chart).items():  # each value as published ("76.00")
        values = ", ".join(f"{escape(x)} {escape(value)}" for x, value in points)
        lines.append(f"{escape(name)}: {values}")
    if chart.cutoff is not None:
        lines.append(f"{escape(chart.cutoff_label or 'cutoff')}: {chart.cutoff:g}")
    return "\n".join(lines)


def chart_caption(answer: Answer) -> tuple[str, list[str]]:
    """A photo caption and the messages that follow it.

    The whole answer goes in the caption when it fits; otherwise the caption carries the
    chart's numbers and the answer follows as messages.
    """
    parts = answer_parts(answer, CAPTION_LIMIT)
    if len(parts) == 1:
        return parts[0], []
    assert answer.chart is not None
    caption = chart_numbers(answer.chart)
    if size(caption) > CAPTION_LIMIT:
        caption = escape((split_text(answer.chart.title, CAPTION_LIMIT) or [""])[0])
    return caption, answer_parts(answer)


def inline_html(answer: Answer) -> str:
    """One message for inline mode, where no buttons or follow-up messages are possible:
    suggestions that the text introduces ("Try one of these:") are written out."""
    text = answer.text
    if answer.suggestions and text.rstrip().endswith((":", "：")):
        text = text.rstrip() + "\n" + "\n".join(f"• {s.question}" for s in answer.suggestions)
    inline = replace(answer, text=text)
    parts = answer_parts(inline)
    if len(parts) == 1:
        return parts[0]
    return escape(split_text(text, MESSAGE_LIMIT - 1)[0]) + "…"


def description(answer: Answer) -> str:
    """The inline result's grey preview line: the start of the answer, plain text."""
    flat = " ".join(answer.text.split())
    return flat if len(flat) <= DESCRIPTION_LIMIT else flat[: DESCRIPTION_LIMIT - 1] + "…"
