"""Stage 2: lines → the title (year and round) and the sections that follow it.

A section starts at a marked heading ("□ 평가개요", "■ 평가결과") or at a numbered one whose
name is a known section ("1. 평가개요"); its kind says which stage reads its body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.disclosure.draft import MAX_YEAR, MIN_YEAR, Draft, year_of
from knowledge.disclosure.lines import Line
from knowledge.model import Scope
from knowledge.textnorm import collapse

YEAR = r"(?<![0-9])['‘’`´]?(?:[0-9]{4}|[0-9]{2})(?![0-9])"


@dataclass
class Section:
    """``kind`` is one of overview, results, usage, scores, services, other."""

    kind: str
    heading: Line
    body: list[tuple[Line, str]] = field(default_factory=list)


# ---- the title -------------------------------------------------------------------------------
_TITLE_ROUND = re.compile(rf"(?P<y>{YEAR})\s*년\s*도?\s*(?:제\s*)?(?P<r>[0-9]{{1,3}})\s*차")
_TITLE_LABEL = re.compile(r"^제\s*목\s*:?\s*")


def read_title(draft: Draft) -> int:
    """Find the title before the first section; it must name the year and the round.

    Returns the index of the line after the title.
    """
    candidate = None
    for i, p in enumerate(draft.plains):
        if section_heading(p) is not None:
            break
        if "성과평가" not in p.replace(" ", ""):
            continue
        cell = next(c for c in p.split("\t") if "성과평가" in c.replace(" ", ""))
        cell = _TITLE_LABEL.sub("", collapse(cell))
        m = _TITLE_ROUND.search(cell)
        if m is None:
            candidate = candidate or draft.lines[i]
            continue
        year, round_no = year_of(m.group("y")), int(m.group("r"))
        if not (MIN_YEAR <= year <= MAX_YEAR and round_no >= 1):
            draft.fail(draft.lines[i], "expected a plausible year and round in the title")
        draft.fields.update({"title": cell, "year": year, "round_no": round_no})
        draft.year, draft.round_scope = year, Scope.round(year, round_no)
        draft.where["title"] = draft.lines[i].no
        return i + 1
    if candidate is not None:
        draft.fail(candidate, "expected the year and round (e.g. '2023년 제3차') in the title")
    first = next((line for line in draft.lines if line.text.strip()), draft.lines[0])
    draft.fail(
        first,
        "expected a disclosure title such as '2023년 제3차 민간위탁 종합성과평가 결과 공개'",
    )


# ---- section headings --------------------------------------------------------------------------
_SECTION_MARK = re.compile(r"^[□■◻◼❏❑☐]\s*(?P<name>.*)$")
_SECTION_NUMBERED = re.compile(
    r"^(?:[0-9]{1,2}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|[가나다라마바사아자차카타파하])\s*[.)]\s*(?P<name>.+)$"
)
_SECTION_STARTS = frozenset("□■◻◼❏❑☐0123456789ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ가나다라마바사아자차카타파하")
_KNOWN_SECTIONS = frozenset(
    {
        "평가개요",
        "개요",
        "평가결과",
        "결과",
        "사무별주요성과및과제",
        "주요성과및과제",
        "사무별평가점수",
        "평가점수",
        "결과활용",
    }
)


def section_heading(text: str) -> str | None:
    """The section name of a heading line ("□ 평가결과" → "평가결과"), or ``None``."""
    if text[:1] not in _SECTION_STARTS:
        return None
    m = _SECTION_MARK.match(text)
    if m:
        return m.group("name")
    m = _SECTION_NUMBERED.match(text)
    if m and re.sub(r"\s+", "", m.group("name")) in _KNOWN_SECTIONS:
        return m.group("name")
    return None


def section_kind(name: str) -> str:
    """Which stage reads a section: by the words of its name."""
    key = re.sub(r"\s+", "", name)
    if "주요성과" in key or "과제" in key or (key.startswith("사무별") and "점수" not in key):
        return "services"
    if "활용" in key:
        return "usage"
    if "점수" in key and "결과" not in key:
        return "scores"
    if "결과" in key:
        return "results"
    return "overview" if "개요" in key else "other"


def split_sections(draft: Draft, start: int) -> list[Section]:
    """The sections after the title, each with the lines of its body."""
    sections: list[Section] = []
    for line, p in zip(draft.lines[start:], draft.plains[start:], strict=True):
        name = section_heading(p)
        if name is not None:
            sections.append(Section(section_kind(name), line))
        elif sections:
            sections[-1].body.append((line, p))
    return sections
