"""A disclosure translated into English, read by the same stages as a Korean one.

A department may publish the notice in English as well ("Results of the 2025 Round 2
Comprehensive Performance Evaluation of Privately Consigned Services", "Average score of
the 6 services: 79.05 points", "Key achievements" / "Improvement tasks", a table "No. |
Service | Score").  Only the words of the layout differ: ``korean_layout`` rewrites
headings, keys, labels, table headers and figures as the Korean layout writes them (the
rules are data, ``layout.yaml`` ``english``), and months ("May - July 2033" → "2033년 5월 ~
7월").  Names and findings stay as published; the title is found as written (``sections``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher
from functools import cache

from knowledge.disclosure.layout import layout
from knowledge.disclosure.lines import Line
from knowledge.model import ServiceResult
from knowledge.textnorm import plain

_HANGUL = re.compile(r"[가-힣]")
_LATIN = re.compile(r"[A-Za-z]")


def is_english(text: str) -> bool:
    """A page in English: it names the evaluation in English and has far more Latin letters
    than Hangul ones (a Korean page quoting an English name is still Korean)."""
    if "valuation" not in text:
        return False
    return len(_LATIN.findall(text)) > 4 * len(_HANGUL.findall(text))


@cache
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p, re.IGNORECASE), r) for p, r in layout()["english"])


@cache
def _months() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int]]:
    names: list[str] = layout()["english_months"]
    number = {n[:3]: i for i, n in enumerate(names, 1)}
    month = r"(?:" + "|".join(rf"{n[:3]}(?:{n[3:]})?\.?" for n in names) + r")"
    span = re.compile(
        rf"\b(?P<m1>{month})\s*(?P<y1>[0-9]{{4}})?\s*(?:-|–|—|~|to)\s*(?P<m2>{month})\s*(?P<y2>[0-9]{{4}})",
        re.IGNORECASE,
    )
    single = re.compile(rf"\b(?P<m>{month})\s+(?P<y>[0-9]{{4}})\b", re.IGNORECASE)
    return span, single, number


def _korean_months(text: str) -> str:
    """ "May - July 2033" → "2033년 5월 ~ 2033년 7월", "June 2033" → "2033년 6월"."""
    span, single, number = _months()

    def month(name: str) -> int:
        return number[name[:3].lower()]

    def whole(m: re.Match[str]) -> str:
        y1 = m.group("y1") or m.group("y2")
        return f"{y1}년 {month(m.group('m1'))}월 ~ {m.group('y2')}년 {month(m.group('m2'))}월"

    text = span.sub(whole, text)
    return single.sub(lambda m: f"{m.group('y')}년 {month(m.group('m'))}월", text)


@cache
def _numbers() -> tuple[re.Pattern[str], dict[str, str]]:
    words: list[str] = layout()["english_numbers"]
    pattern = re.compile(rf"\b({'|'.join(words)})(?=\s+(?:\w+\s+)?services?\b)", re.IGNORECASE)
    return pattern, {w: str(i) for i, w in enumerate(words)}


#: the end of an English sentence inside a paragraph: each is a statement of its own
_SENTENCE_END = re.compile(r"(?<=[a-z%)])\.\s+(?=[A-Z])")


def korean_layout(lines: list[Line]) -> list[Line]:
    """``lines`` with the layout's English words in their Korean form, a paragraph's
    sentences on lines of their own (the same line number)."""
    out = []
    for line in lines:
        if len(_GAPS.findall(line.text)) >= 2:  # a row of columns laid out with spaces
            text = _by_cells(line.text)
            out.append(line._replace(text=text) if text != line.text else line)
            continue
        for sentence in _SENTENCE_END.split(line.text) if ". " in line.text else [line.text]:
            text = _korean(sentence)
            out.append(line._replace(text=text) if text != line.text else line)
    return out


def _korean(text: str) -> str:
    """One sentence or cell with the layout's English words in their Korean form."""
    numbers, digits = _numbers()
    text = numbers.sub(lambda m: digits[m.group(1).lower()], text)
    if text.strip():
        for pattern, replacement in _rules():
            text = pattern.sub(replacement, text)
        text = _korean_months(text)
    return text


#: a run of two spaces or more between two texts: the gap between two columns
_GAPS = re.compile(r"(?<=\S) {2,}(?=\S)")
_CELL = re.compile(r"\S+(?: \S+)*")


def _by_cells(text: str) -> str:
    """A row of a table laid out with spaces, rewritten cell by cell, each cell left at the
    column it starts in (``knowledge.disclosure.aligned`` finds columns by where a cell
    starts; "12 points" → "12점" must not pull the next column left)."""
    out = ""
    for m in _CELL.finditer(text):
        cell = _korean(m.group()).strip()
        pad = m.start() - len(out) if len(out) < m.start() - 1 else (2 if out else 0)
        out += " " * pad + cell
    return out


# ---- findings as published -----------------------------------------------------------------
#: what ``korean_layout`` rewrote on each source line: (rewritten words, published words)
Rewrites = dict[int, list[tuple[str, str]]]


def rewrites(before: list[Line], after: list[Line]) -> Rewrites:
    """Per source line, each run of words ``korean_layout`` rewrote and the words it was
    published as ("12점" ← "12 points"), compared word by word on the plain text."""
    published = {line.no: plain(line.text).split() for line in before}
    rewritten: dict[int, list[str]] = {}
    for line in after:
        rewritten.setdefault(line.no, []).extend(plain(line.text).split())
    out: Rewrites = {}
    for no, words in rewritten.items():
        old = published.get(no, [])
        if words == old:
            continue
        ops = SequenceMatcher(None, words, old, autojunk=False).get_opcodes()
        pairs = [
            (" ".join(words[i1:i2]), " ".join(old[j1:j2]))
            for tag, i1, i2, j1, j2 in ops
            if tag == "replace" and i2 > i1 and _words(words[i1:i2]) != _words(old[j1:j2])
        ]
        if pairs:
            out[no] = pairs
    return out


def _words(words: list[str]) -> str:
    """Words without the sentence ends a paragraph split at ("achievement." → "achievement")."""
    return " ".join(words).rstrip(".")


def as_published(services: tuple[ServiceResult, ...], undo: Rewrites) -> tuple[ServiceResult, ...]:
    """The services with their findings' words as the page published them: the layout's
    rules are for headings, keys and figures, and a finding's "12 points" or "three services"
    must not be stored as "12점" or "3 services".  Only what was rewritten on the finding's own
    lines (from its first line to the next finding's) is put back, first occurrence onward."""
    starts = sorted({f.line_no for s in services for f in s.findings if f.line_no is not None})
    out = []
    for service in services:
        findings = []
        for f in service.findings:
            if f.line_no is None:
                findings.append(f)
                continue
            end = next((n for n in starts if n > f.line_no), f.line_no + 20)
            pairs = [p for no in range(f.line_no, end) for p in undo.get(no, ())]
            text = put_back(f.text_ko, pairs)
            findings.append(replace(f, text_ko=text) if text != f.text_ko else f)
        out.append(replace(service, findings=tuple(findings)))
    return tuple(out)


def put_back(text: str, pairs: list[tuple[str, str]]) -> str:
    """``text`` with each rewritten run replaced by its published words, in order."""
    at = 0
    for new, old in pairs:
        found = text.find(new, at)
        if found < 0:
            continue
        text = text[:found] + old + text[found + len(new) :]
        at = found + len(old)
    return text
