"""Which round a page is about when its title names the year only.

Departments title a round "2025년 상반기 민간위탁 종합성과평가 결과" and say "제2차" in the text,
or write the round as "2회차" or, on a translated notice, "Round 2" / "2nd round".  The
title stage accepts a title with a year and a round in any of these forms; a title with the
year alone leaves the round to the text before the results (the preamble and overview),
where one round must be named: none, or two different ones, refuses the page at the line
that shows why.  Ranges ("1~3차 합산"), comparisons ("제1차 대비") and another year's rounds
("2024년 제2차") name no round of this page.
"""

from __future__ import annotations

import re

from knowledge.disclosure.draft import Draft
from knowledge.disclosure.layout import layout
from knowledge.disclosure.lines import Line
from knowledge.model import Scope

#: a round in any published form: "제2차", "2회차", "제2회", "2차 평가", "Round 2", "2nd round",
#: "second round"
_ROUND = re.compile(
    r"(?<![0-9~∼·,\-–])(?<![0-9][~∼·,\-–]\s)(?:"
    r"제\s*(?P<a>[0-9]{1,2})\s*차(?!\s*[~∼·,\-–]\s*[0-9])"
    r"|(?P<b>[0-9]{1,2})\s*회\s*차"
    r"|(?P<c>[0-9]{1,2})\s*차\s*(?=민간위탁|종합성과평가|성과평가|평가|결과|분|\)|,|\.?\s*$)"
    r"|\bround\s*(?:no\.?\s*)?(?P<d>[0-9]{1,2})\b(?!\s*[~∼\-–,&]\s*[0-9])"
    r"|\b(?P<e>[0-9]{1,2})(?:st|nd|rd|th)\s+(?:evaluation\s+)?round\b"
    r"|제\s*(?P<f>[0-9]{1,2})\s*회(?![0-9])"
    rf"|\b(?P<g>{'|'.join(layout()['english_ordinals'])})\s+(?:evaluation\s+)?round\b"
    r")",
    re.IGNORECASE,
)
#: a line that names rounds other than this page's: comparisons, sums, earlier rounds
_NOT_THIS_ROUND = re.compile("|".join(layout()["other_rounds"]), re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"(?P<y>(?:19|20|21)[0-9]{2}|'[0-9]{2})\s*년?\s*도?\s*$")
#: a year alone in a title: "2025년 상반기 …", "… of the 2025 …"
YEAR_ONLY = re.compile(r"(?<![0-9])(?P<y>(?:19|20|21)[0-9]{2})(?![0-9])")


_ORDINALS = {word: i for i, word in enumerate(layout()["english_ordinals"], 1)}


def _number(m: re.Match[str]) -> int:
    """The round a match of ``_ROUND`` names, in digits or as an English ordinal."""
    if m.group("g"):
        return _ORDINALS[m.group("g").lower()]
    return int(next(g for g in m.group("a", "b", "c", "d", "e", "f") if g is not None))


def round_in(text: str) -> int | None:
    """The round ``text`` names in any published form, or ``None``."""
    if "차" not in text and "회" not in text and "round" not in text.lower():
        return None
    m = _ROUND.search(text)
    return _number(m) if m is not None else None


def _mentions(text: str, year: int) -> list[int]:
    """The rounds of this page's year a line names (another year's are not this page's)."""
    if _NOT_THIS_ROUND.search(text):
        return []
    found = []
    for m in _ROUND.finditer(text):
        before = _YEAR_BEFORE.search(text[: m.start()])
        if before is not None:
            digits = before.group("y").lstrip("'")
            named = int(digits) + (2000 if len(digits) == 2 else 0)
            if named != year:
                continue
        found.append(_number(m))
    return found


def round_from_text(draft: Draft, title: Line, body: list[tuple[Line, str]]) -> None:
    """Set the round from the lines before the results, or refuse the page."""
    seen: tuple[int, Line] | None = None
    for line, p in body:
        if "차" not in p and "회" not in p and "round" not in p.lower():
            continue
        for number in _mentions(p, draft.year):
            if seen is None:
                seen = (number, line)
            elif seen[0] != number:
                draft.fail(
                    line,
                    f"expected one round for this page: line {seen[1].no} names round {seen[0]}, "
                    f"this line round {number}",
                )
    if seen is None or seen[0] < 1:
        draft.fail(
            title,
            "expected the round (e.g. '제2차', '2회차', 'Round 2') in the title or in the text "
            "before the results: the title names the year only",
        )
    draft.fields["round_no"] = seen[0]
    draft.round_scope = Scope.round(draft.year, seen[0])
    draft.where["round"] = seen[1].no
