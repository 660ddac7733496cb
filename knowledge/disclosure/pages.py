"""Text extracted from a PDF: page furniture out, lines broken inside a word joined.

A disclosure copied out of the city's PDF keeps what the page layout added: a page number
("- 3 -", "3 / 12", "Page 3") with the running header or footer beside it ("서울특별시"), in
the middle of a finding or a service's name wherever the page broke; and lines wrapped at
the page's width, inside a sentence or inside a word ("참여" / "자 만족도 향상").  Read as they
stand, the header becomes a finding ("2 - 서울특별시") and the wrapped word two words.

``without_furniture`` drops every page number line and the lines beside it that are
furniture (seen beside two page numbers, or the publisher's name from ``layout.yaml``),
with the blank lines around them unless the text on both sides is one sentence going on.
``glued`` says when a wrapped line's first word is the rest of the word before the break.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from knowledge.disclosure.layout import layout
from knowledge.disclosure.lines import Line

#: "- 3 -", "— 3/12 —", "3 / 12", "Page 3", "p. 3 of 12" alone on a line
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—―]\s*[0-9]{1,3}(?:\s*/\s*[0-9]{1,3})?\s*[-–—―]|[0-9]{1,3}\s*/\s*[0-9]{1,3}"
    r"|(?:page|p\.)\s*[0-9]{1,3}(?:\s*(?:/|of)\s*[0-9]{1,3})?)\s*$",
    re.IGNORECASE,
)
#: the quick test: does the text hold a page number line at all (most do not); it starts
#: with a line break, which the regular expression engine looks for fast
_HINT = re.compile(
    r"\n[ \t]*(?:[-–—―][ \t]*[0-9]{1,3}(?:[ \t]*/[ \t]*[0-9]{1,3})?[ \t]*[-–—―]"
    r"|[0-9]{1,3}[ \t]*/[ \t]*[0-9]{1,3}|[Pp](?:age|AGE|\.)[ \t]*[0-9])[ \t]*\r?(?:\n|$)"
)
#: how a line ends when what follows it is a new paragraph, not the same sentence going on
_ENDED = re.compile(r"(?:[.。!?:)\]」』]|다|음|함|임|요)\s*$")
_FURNITURE_MAX = 40


def without_furniture(text: str, lines: list[Line]) -> list[Line]:
    """``lines`` without page numbers and the running header/footer beside them."""
    if _HINT.search("\n" + text if text[:1] != "\n" else text) is None:
        return lines
    numbers = [i for i, line in enumerate(lines) if _PAGE_NUMBER.match(line.text)]
    if not numbers:
        return lines
    beside = Counter(t for i in numbers for t in set(_neighbours(lines, i)))
    known = set(layout()["page_furniture"])
    dropped: set[int] = set()
    for i in numbers:
        run = {i}
        for j in _neighbour_indices(lines, i):
            text_j = lines[j].text.strip()
            if beside[text_j] >= 2 or text_j in known:
                run.add(j)
        lo, hi = min(run), max(run)
        while lo > 0 and not lines[lo - 1].text.strip():
            lo -= 1
        while hi + 1 < len(lines) and not lines[hi + 1].text.strip():
            hi += 1
        blanks = {k for k in range(lo, hi + 1) if not lines[k].text.strip()}
        dropped |= run | (blanks if _continues(lines, lo, hi) else set(sorted(blanks)[1:]))
    return [line for k, line in enumerate(lines) if k not in dropped]


def _neighbour_indices(lines: list[Line], i: int) -> list[int]:
    """The nearest line that says something before and after line ``i``, if short."""
    found = []
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j].text.strip():
            j += step
        if 0 <= j < len(lines) and len(lines[j].text.strip()) <= _FURNITURE_MAX:
            found.append(j)
    return found


def _neighbours(lines: list[Line], i: int) -> list[str]:
    return [lines[j].text.strip() for j in _neighbour_indices(lines, i)]


def _continues(lines: list[Line], lo: int, hi: int) -> bool:
    """The text before the page break runs on after it: the line before does not end a
    sentence and the line after starts with a word, not a mark or a number."""
    before = lines[lo - 1].text.rstrip() if lo > 0 else ""
    after = lines[hi + 1].text.lstrip() if hi + 1 < len(lines) else ""
    return bool(before and after) and not _ENDED.search(before) and after[:1].isalpha()


#: a parenthesis closed on the next line only
_OPEN_ACROSS = re.compile(r"\([^()\n]*\n[^()\n]*\)")


def joined_parentheses(text: str, lines: list[Line]) -> list[Line]:
    """A parenthesis the wrap left open, closed on the next line ("평가기관 : 외부 전문기관(재단
    법인 가상평가연구" / "원)"): one line, or the key's value loses its end.  Only a short next
    line that closes more than it opens and starts with no mark."""
    if _OPEN_ACROSS.search(text) is None:
        return lines  # every parenthesis closed on its line (most pages)
    out: list[Line] = []
    for line in lines:
        prev = out[-1].text if out else ""
        text = line.text.strip()
        if (
            "(" in prev
            and prev.count("(") > prev.count(")")
            and text
            and len(text) <= _FURNITURE_MAX
            and text.count(")") > text.count("(")
            and (text[:1].isalnum() or text[:1] == ")")
        ):
            out[-1] = out[-1]._replace(text=join_wrapped(prev.rstrip(), text))
        else:
            out.append(line)
    return out


# ---- words broken by a wrap ---------------------------------------------------------------------
_HANGUL = re.compile(r"[가-힣]")
#: particles that close the word before them: a line ending so ended a word, not inside one
_WORD_ENDS = frozenset("을를은는")
_FIRST_WORD = re.compile(r"^([가-힣]+)(?=[\s,.)·]|$)")


@cache
def _particles() -> re.Pattern[str]:
    words = sorted(layout()["wrap_particles"], key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(words)})+$")


def glued(before: str, after: str) -> bool:
    """Whether ``after``, a line wrapped from ``before``, starts with the rest of the word
    that ``before`` ends with: Korean has no hyphen at a wrap, so the next line's first word
    is taken for a fragment when it cannot stand alone — one syllable that is no word of its
    own ("자 만족도"), or particles after at most one syllable ("터로서의") — and so is the
    next line's first word after a syllable standing alone at the end ("표준 운" / "영모델").
    An English word broken with a hyphen ("consig-" / "ned") is glued too."""
    if before.endswith("-") and before[-2:-1].isalpha() and after[:1].islower():
        return True
    if not before or _HANGUL.match(before[-1]) is None:
        return False
    m = _FIRST_WORD.match(after)
    if m is None:
        return False
    last = before.rsplit(None, 1)[-1]
    if len(last) > 1 and last[-1] in _WORD_ENDS:
        return False  # "서비스를" / "주 2회로": a word closed by its particle
    if len(last) == 1 and last not in layout()["wrap_words"]:
        return True  # "… 확" / "산한 점": a syllable alone before the break is a word's start
    word = m.group(1)
    if len(word) == 1:
        return word not in layout()["wrap_words"]
    if word in layout()["wrap_whole_words"]:
        return False  # "투자유치 실적" / "증가": a word of its own, though "가" is a particle
    stem = _particles().sub("", word)
    return len(stem) == 1 and stem not in layout()["wrap_words"]


def join_wrapped(before: str, after: str) -> str:
    """``before`` and its wrapped continuation ``after`` as one text: no space inside a word
    broken by the wrap, before a closing mark ("(15점" / ") 평가"), or between a number and
    the counter that goes with it ("제18" / "조", "(제1" / "차)")."""
    if glued(before, after):
        return (before[:-1] if before.endswith("-") else before) + after
    if after[:1] in _CLOSERS or (before[-1:].isdigit() and _COUNTER.match(after)):
        return before + after
    return f"{before} {after}"


#: what closes a text a wrap broke before it: never a space before these
_CLOSERS = frozenset(")]」』,.")
#: a counter written after a number ("18조", "1차", "15점"), alone before a mark or a space
_COUNTER = re.compile(r"^[차조항호점개년월일회명건%](?:[\s)\],.·]|$)")


# ---- headings and values broken by the wrap ------------------------------------------------------
#: a wrapped line's continuation this short is a broken word's rest, never a line of its own
_FRAGMENT_MAX = 4
#: marks that open a line of its own (a bullet, a note, a heading's mark)
_MARKED = re.compile(r"^[-•○◦▪●∙·※*#■□◆◇▶▷►➤◎★☆❖◈ㅇ①-⑳0-9(\[<|]")


def joined_wraps(lines: list[Line]) -> list[Line]:
    """Lines ended mid-word by the wrap of a page, with the short rest of the word on the next
    line (" ① 서울특별시 ○○센터 관리 및 운" / "영", "조례」 제18" / "조", "(제1" / "차)"): one
    line, or a heading loses its last syllable to a line of its own and a value its counter.
    Only a fragment of a few characters, with no mark, right under a long line that it
    continues (``glued``, or a counter after a number)."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1].text.rstrip() if out else ""
        text = line.text.strip()
        if prev and text and _is_fragment(prev, text):
            out[-1] = out[-1]._replace(text=join_wrapped(prev, text))
        else:
            out.append(line)
    return out


def _is_fragment(prev: str, text: str) -> bool:
    """``text`` is the rest of the word ``prev`` was broken in (see ``joined_wraps``)."""
    if len(text) > _FRAGMENT_MAX or len(prev.strip()) < 12 or _MARKED.match(text):
        return False
    if _ENDED.search(prev) and not prev[-1:].isdigit():
        return False
    if prev[-1:].isdigit():
        return _COUNTER.match(text) is not None
    return glued(prev, text) and text.count("(") <= text.count(")")
