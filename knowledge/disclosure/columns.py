"""Findings laid out as a table's columns: one row per service.

Some departments publish the findings as one table, "연번 | 사무명 | (점수) | 주요 성과 | 개선
과제", a row per service with its achievements and tasks in the row's cells, instead of a
heading per service with labelled lists under it.  A cell holds its items as ``<li>``
elements or lines (HTML: the lines of one ``<tr>`` and ``<td>``, ``Line.cell``), or, in a
pipe or tab table of plain text, separated by ``<br>`` or by bullets written inline.  The
header row names the columns; ``read_columns`` turns each row into a service with its
findings, as the headings-and-labels layout would have.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from knowledge.disclosure.layout import layout
from knowledge.disclosure.lines import Line
from knowledge.model import ACHIEVEMENT, IMPROVEMENT, FindingKind
from knowledge.textnorm import collapse, plain

#: header cells, spaces removed: the service's name, its number, its score
_NAME = frozenset(
    {"사무명", "사무", "위탁사무명", "민간위탁사무명", "사무명칭", "사업명", "기관명"}
)
#: of those, the ones naming the service itself: beside them "기관명" is the contractor's
_SERVICE_NAME = frozenset({"사무명", "위탁사무명", "민간위탁사무명", "사무명칭", "사업명"})
#: the organisation running the service (수탁기관), kept apart from its name
_CONTRACTOR = frozenset(layout()["contractor_headers"])
_NUMBER = frozenset({"연번", "번호", "순번", "no", "no."})
_SCORE = re.compile(r"^(?:종합|평가|총|최종)?(?:점수|총점|득점)(?:\(점\))?$")
_ACHIEVEMENT = re.compile(r"^[\[(]?(?:주요성과|우수사항|우수사례|우수성과|성과)[\])]?$")
_IMPROVEMENT = re.compile(
    r"^[\[(]?(?:개선(?:과제|사항|필요사항)|보완(?:과제|사항|필요사항)|미흡사항|향후과제|과제)[\])]?$"
)
#: a column that says which kind of finding the row holds ("사무명 | 구분 | 내용": a row per
#: service and kind, the name once for both rows)
_KIND = frozenset({"구분", "항목", "평가구분"})
_CELLS = re.compile(r"\s*\|\s*|\t")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
#: items written one after another inside a cell: " - a - b", "• a • b", "① a ② b", "1) a 2) b"
_ITEM = re.compile(r"(?:^|\s)(?:[-•○◦▪●ㅇ]|[①-⑳]|[0-9]{1,2}\))\s+")
_EMPTY = frozenset({"", "-", "–", "—", "없음", "해당없음", "해당 없음"})

Columns = dict[int, str]  # cell → "name", "number", "score", "contractor" or a finding kind


def findings_header(text: str) -> Columns | None:
    """The columns of a findings table's header row, or ``None``: it must name the service
    and at least one kind of finding."""
    if "명" not in text and "무" not in text:
        return None  # every name header says "…명" or "사무"
    if "\t" in text:
        quick = text.split("\t")
    elif "|" in text:
        quick = text.split("|")
    else:
        return None
    if not any(cell.replace(" ", "") in _NAME for cell in quick):
        return None  # most rows with cells: no name header among them
    columns: Columns = {}
    keys = [re.sub(r"\s+", "", cell).lower() for cell in _cells(text)]
    service_named = any(key in _SERVICE_NAME for key in keys)
    for i, key in enumerate(keys):
        if key in _CONTRACTOR or (service_named and key in _NAME and key not in _SERVICE_NAME):
            columns[i] = "contractor"  # "사무명 | 기관명 | …": the 기관 runs the 사무
        elif key in _NAME and "name" not in columns.values():
            columns[i] = "name"
        elif key in _NUMBER:
            columns[i] = "number"
        elif _SCORE.match(key):
            columns[i] = "score"
        elif _ACHIEVEMENT.match(key):
            columns[i] = ACHIEVEMENT
        elif _IMPROVEMENT.match(key):
            columns[i] = IMPROVEMENT
        elif key in _KIND:
            columns[i] = "kind"
    kinds = {ACHIEVEMENT, IMPROVEMENT, "kind"} & set(columns.values())
    return columns if "name" in columns.values() and kinds else None


def kind_of(text: str) -> FindingKind | None:
    """The kind of finding a cell names ("주요 성과", "[개선 과제]"), or ``None``."""
    key = re.sub(r"\s+", "", text)
    if _ACHIEVEMENT.match(key):
        return ACHIEVEMENT
    return IMPROVEMENT if _IMPROVEMENT.match(key) else None


def _cells(text: str) -> list[str]:
    """A row's cells: tab or pipe separated, the outer pipes of "| a | b |" dropped."""
    cells = _CELLS.split(text.strip())
    if "|" in text and text.strip().startswith("|"):
        cells = cells[1:]
    if "|" in text and text.strip().endswith("|"):
        cells = cells[:-1]
    return cells


class Row:
    """One service's row: each cell's items, by cell, and the row's first line."""

    def __init__(self, line: Line) -> None:
        self.line = line
        self.cells: dict[int, list[str]] = {}

    def add(self, cell: int, text: str) -> None:
        self.cells.setdefault(cell, []).append(text)

    def text(self, cell: int) -> str:
        return collapse(" ".join(self.cells.get(cell, [])))

    def by_kind(self) -> tuple[str, FindingKind, list[str]] | None:
        """``(name, kind, items)`` of a row that names its kind in a cell ("name | 주요 성과 |
        items"): the name is the cell before the kind's (empty when a rowspan or an empty
        cell leaves it to the row above), the items the cells after it.  Found by content,
        not position: a rowspan shifts the cells of the rows under it."""
        order = sorted(self.cells)
        at = next((i for i in order if kind_of(plain(self.text(i)))), None)
        if at is None:
            return None
        kind = kind_of(plain(self.text(at)))
        assert kind is not None
        before = [plain(self.text(i)) for i in order if i < at]
        names = [t for t in before if t and not t.isdigit()]
        items = [item for i in order if i > at for item in self.items(i)]
        return (names[-1] if names else ""), kind, items

    def items(self, cell: int) -> Iterator[str]:
        """The findings of a cell: its lines, each split at the bullets written inline."""
        for part in self.cells.get(cell, []):
            for piece in _BR.split(part):
                for item in _ITEM.split(" " + plain(piece)):
                    item = collapse(item).strip(" -")
                    if item and item not in _EMPTY and not item.startswith("※"):
                        yield item  # a "※" note in the cell is no finding


def rows(body: list[tuple[Line, str]], start: int, is_html: bool) -> tuple[list[Row], int]:
    """The rows after the header at ``start``, and the index of the first line after them."""
    header = body[start][0]
    found: list[Row] = []
    i = start + 1
    while i < len(body):
        line, p = body[i]
        if is_html:
            if line.row is None or line.row == header.row:
                if not p and found:  # a blank line inside the table
                    i += 1
                    continue
                break
            if not found or found[-1].line.row != line.row:
                found.append(Row(line))
            start_cell = line.cell or 0
            for k, piece in enumerate(line.text.split("\t")):
                found[-1].add(start_cell + k, piece)
        else:
            if "|" not in p and "\t" not in p:
                break
            if re.fullmatch(r"[\s|:\-=+]*", p):  # "|---|---|"
                i += 1
                continue
            row = Row(line)  # "<br>" between items is in the raw pipe row; a row laid out
            raw = line.text if "|" in line.text else p  # with runs of spaces has tabs in ``p``
            for k, piece in enumerate(_cells(raw)):
                row.add(k, piece)
            found.append(row)
        i += 1
    return found, i


def kinds(columns: Columns) -> list[tuple[int, FindingKind]]:
    """The cells of findings, with their kind."""
    named: dict[str, FindingKind] = {ACHIEVEMENT: ACHIEVEMENT, IMPROVEMENT: IMPROVEMENT}
    return [(i, named[k]) for i, k in columns.items() if k in named]
