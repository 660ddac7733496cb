"""Findings tables laid out with spaces: the columns of text copied out of a PDF.

A table extracted from a PDF keeps its columns only as runs of spaces, and a cell's text
wraps inside its column over several lines, the label of a row as well ("주요" / "성과"):

    구 분    주 요 내 용
    주요     - 타 시도 및 자치구와 함께 협의체를 구
    성과     성·운영하여 지원 프로그램을 공동 개발
    개선     - 상담 전문인력이 부족하여 상
    과제     담 대기기간이 길어짐

Read line by line, "주요" and "성과" are no label and the findings no items.  The header row
gives the columns: each header cell (text between runs of two spaces or more) starts a
column at its character offset, and every later line's text belongs to the column it starts
in.  A column's lines are one cell until the row ends: a new label, name or number in the
first column once the one before is whole, a rule line, or a blank line before a new row.
The table ends at a line that does not fit the columns (text running across a column's
start, a heading, a note), as the page's next paragraph does.

The header's words are those of ``columns`` (the service's name, its number and score, the
kinds of findings) and of ``layout.yaml`` ``aligned_headers`` (a kind column, "구분", beside
a content column, "주요 내용"), in Korean or English.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from knowledge.disclosure.columns import kind_of
from knowledge.disclosure.layout import layout
from knowledge.disclosure.lines import Line
from knowledge.disclosure.pages import join_wrapped
from knowledge.model import ACHIEVEMENT, IMPROVEMENT, FindingKind

#: a header cell's text: words with single spaces between them ("주 요 내 용", "Key achievements")
_CHUNK = re.compile(r"\S+(?: \S+)*")
#: a line drawn across the table ("────", "-----", "=====")
_RULE = re.compile(r"^\s*[-─━=_+·]{4,}\s*$")
#: how far left of its column's start a cell's text may begin (a bullet hanging out)
_SLACK = 1


@dataclass(frozen=True)
class Column:
    """A column of the table: where it starts in the line, and what it holds."""

    start: int
    role: str  # "name", "number", "score", "kind", "content", or a finding kind


@dataclass
class AlignedRow:
    """One row of the table: its first line and each column's lines, in order."""

    line: Line
    cells: dict[str, list[tuple[Line, str]]] = field(default_factory=dict)

    def add(self, role: str, line: Line, text: str) -> None:
        self.cells.setdefault(role, []).append((line, text))

    def joined(self, role: str) -> str:
        """A column's text with its wrapped lines joined as words broken by the wrap are."""
        text = ""
        for _, part in self.cells.get(role, []):
            text = join_wrapped(text, part) if text else part
        return text

    def anchor(self) -> str:
        return self.joined("name") or self.joined("kind")


@cache
def _headers() -> dict[str, str]:
    """Header cell (spaces removed, lower case) → the column's role."""
    roles: dict[str, str] = {}
    for role, words in layout()["aligned_headers"].items():
        for word in words:
            roles[re.sub(r"\s+", "", str(word)).lower()] = role
    return roles


def _role(cell: str) -> str | None:
    key = re.sub(r"\s+", "", cell).lower().strip("[]()")
    kind = kind_of(key)
    if kind is not None:
        return kind
    return _headers().get(key)


@dataclass(frozen=True)
class Grid:
    """A header's columns, measured in characters and in display cells (a Hangul syllable
    is two cells wide): a page laid out for the eye aligns by the second, text copied out
    of a PDF often by the first; the rows under the header tell which (``aligned_rows``)."""

    by_chars: tuple[Column, ...]
    by_cells: tuple[Column, ...]

    @property
    def roles(self) -> set[str]:
        return {c.role for c in self.by_chars}


def _offsets(text: str, wide: bool) -> list[int]:
    """Where each character of ``text`` starts, in characters or in display cells."""
    if not wide:
        return list(range(len(text) + 1))
    out, at = [], 0
    for ch in text:
        out.append(at)
        at += 2 if ch >= "\u1100" and unicodedata.east_asian_width(ch) in "WF" else 1
    out.append(at)
    return out


def aligned_header(text: str) -> Grid | None:
    """The columns of a findings table's header row laid out with spaces, or ``None``: two
    cells or more, every one a known header, naming the kinds of findings (as columns, or a
    kind column beside a content column)."""
    if "\t" in text or "|" in text or "  " not in text.strip():
        return None
    found = []
    for m in _CHUNK.finditer(text):
        role = _role(m.group())
        if role is None:
            return None
        found.append((m.start(), role))
    roles = [role for _, role in found]
    if len(found) < 2 or len(set(roles)) != len(roles):
        return None
    if not ({ACHIEVEMENT, IMPROVEMENT} & set(roles) or {"kind", "content"} <= set(roles)):
        return None
    cells = _offsets(text, wide=True)
    return Grid(
        tuple(Column(at, role) for at, role in found),
        tuple(Column(cells[at], role) for at, role in found),
    )


def _cells(columns: tuple[Column, ...], text: str, wide: bool) -> list[tuple[str, str]] | None:
    """``(role, text)`` of each column a line has text in, or ``None`` when the line does not
    fit the columns: text running across the start of the next column (a paragraph)."""
    out: list[tuple[str, str]] = []
    where = _offsets(text, wide)
    for m in _CHUNK.finditer(text):
        start, end = m.start(), m.end()
        at = _column_at(columns, where[start])
        while True:
            nxt = columns[at + 1].start if at + 1 < len(columns) else None
            if nxt is None or where[end] <= nxt:
                out.append((columns[at].role, text[start:end]))
                break
            # the text runs into the next column: split at a space at the column's edge
            cut = next(
                (k for k in range(end - 1, start, -1) if text[k] == " " and where[k] <= nxt),
                -1,
            )
            if cut <= start or nxt - where[cut] > 2:
                return None
            out.append((columns[at].role, text[start:cut]))
            start, at = cut + 1, at + 1
    return out


def _column_at(columns: tuple[Column, ...], offset: int) -> int:
    at = 0
    for i, column in enumerate(columns):
        if column.start <= offset + _SLACK:
            at = i
    return at


def _whole(role: str, text: str) -> bool:
    """A first column's text that is complete, so more text in it starts a new row."""
    if role == "kind":
        return _role(text) in (ACHIEVEMENT, IMPROVEMENT)
    closers = tuple(layout()["name_closers"])
    return re.sub(r"\([^()]*\)", "", text).rstrip().endswith(closers) or text.endswith(")")


def aligned_rows(
    body: list[tuple[Line, str]], start: int, grid: Grid, ends: Callable[[str], bool]
) -> tuple[list[AlignedRow], int]:
    """The rows under the header at ``start``, and the index of the first line after them,
    by the measure (characters or display cells) under which more lines fit the columns.
    ``ends(p)`` says when a line is the page's next part (a heading, a footer)."""
    by_cells = _rows(body, start, grid.by_cells, ends, wide=True)
    if by_cells[1] >= len(body) or grid.by_cells == grid.by_chars:
        return by_cells
    by_chars = _rows(body, start, grid.by_chars, ends, wide=False)
    return by_chars if by_chars[1] > by_cells[1] else by_cells


def _rows(
    body: list[tuple[Line, str]],
    start: int,
    columns: tuple[Column, ...],
    ends: Callable[[str], bool],
    wide: bool,
) -> tuple[list[AlignedRow], int]:
    anchor = next((c.role for c in columns if c.role in ("number", "name", "kind")), None)
    first = columns[0].role
    rows: list[AlignedRow] = []
    i = start + 1
    broken = False  # a blank or rule line since the last row's text
    while i < len(body):
        line, p = body[i]
        if not line.text.strip() or _RULE.match(line.text):
            broken = True
            i += 1
            continue
        cells = None if ends(p) else _cells(columns, line.text, wide)
        if cells is None or (cells[0][0] == first and cells[0][1].startswith("※")):
            break  # a paragraph, a heading, a note under the table
        roles = dict(cells)
        new_row = not rows or (
            anchor is not None and anchor in roles and (broken or _new_anchor(rows[-1], anchor))
        )
        if broken and not new_row:
            break  # a blank line, then text that starts no row: the next paragraph
        if new_row:
            rows.append(AlignedRow(line))
        for role, text in cells:
            rows[-1].add(role, line, text)
        broken = False
        i += 1
    while i > start + 1 and not body[i - 1][0].text.strip():
        i -= 1  # the blank lines after the table are the page's, not the table's
    return rows, i


def _new_anchor(row: AlignedRow, anchor: str) -> bool:
    """More text in the first column starts a new row: a number always, a name or a label
    once the row's own is whole."""
    if anchor == "number":
        return True
    return _whole(anchor, row.joined(anchor))


def kind_cell(row: AlignedRow) -> FindingKind | None:
    """The kind of finding a row's kind column names ("주요" / "성과" → achievement, "Key" /
    "achievements" too)."""
    role = _role(row.joined("kind"))
    if role == ACHIEVEMENT:
        return ACHIEVEMENT
    return IMPROVEMENT if role == IMPROVEMENT else None
