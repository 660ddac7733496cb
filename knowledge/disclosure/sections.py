"""Stage 2: lines → the title (year and round) and the sections that follow it.

A section starts at a marked heading ("□ 평가개요", "■ 평가결과") or at a numbered one whose
name is a known section ("1. 평가개요"); its kind says which stage reads its body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.disclosure.draft import MAX_YEAR, MIN_YEAR, Draft, year_of
from knowledge.disclosure.layout import layout
from knowledge.disclosure.lines import Line
from knowledge.disclosure.round_of import YEAR_ONLY, round_in
from knowledge.model import Scope
from knowledge.textnorm import collapse

YEAR = r"(?<![0-9])['‘’`´]?(?:[0-9]{4}|[0-9]{2})(?![0-9])"


@dataclass
class Section:
    """``kind`` is one of preamble, overview, results, year, usage, scores, services, other."""

    kind: str
    heading: Line
    body: list[tuple[Line, str]] = field(default_factory=list)
    #: the heading's name as written ("2024년도 연간 종합 (제1차 + 제2차)")
    name: str = ""
    #: a score table's header row ("연번 | 사무명 | 점수"), which says which cell is which
    header: str = ""
    #: a second header row naming the areas under a spanning "분야별 점수" cell
    sub_header: str = ""


# ---- the title -------------------------------------------------------------------------------
_TITLE_ROUND = re.compile(rf"(?P<y>{YEAR})\s*년\s*도?\s*(?:제\s*)?(?P<r>[0-9]{{1,3}})\s*차")
#: what stands before the title itself: "제목 :", "[서울특별시 조직담당관 알림]", "## "
_TITLE_LABEL = re.compile(
    r"^(?:#{1,6}\s*|\*\*)?(?:제\s*목\s*:?\s*|[\[【〔][^\]】〕]{1,30}[\]】〕]\s*)?"
)


#: a title naming the round apart from the year: "2024년도 민간위탁 종합성과평가 결과(제2차)"
_TITLE_APART = re.compile(
    rf"(?P<y>{YEAR})\s*년\s*도?(?![^제]*?[0-9]+\s*년).*?제\s*(?P<r>[0-9]{{1,3}})\s*차"
)


#: a title in English: "Results of the 2025 Round 2 Comprehensive Performance Evaluation"
_ENGLISH_TITLE = re.compile(r"performance\s+evaluation", re.IGNORECASE)


def _is_title(text: str) -> bool:
    """A line that may be the title: it names the comprehensive performance evaluation."""
    return "성과평가" in text.replace(" ", "") or (
        "valuation" in text and _ENGLISH_TITLE.search(text) is not None
    )


def _title_apart(cell: str) -> re.Match[str] | None:
    return _TITLE_APART.search(cell) if "제" in cell else None


def read_title(draft: Draft) -> int:
    """Find the title before the first section; it must name the year and the round.

    Returns the index of the line after the title.
    """
    candidate = None
    after_blank = True
    for i, p in enumerate(draft.plains):
        titled = _is_title(p) and _TITLE_ROUND.search(p) is not None
        if not titled and section_heading(p, bare=after_blank) is not None:
            break  # a title marked as a heading ("# 2022년 제3차 … 결과") is still the title
        after_blank = not p
        if not _is_title(p):
            continue
        cell = next(c for c in p.split("\t") if _is_title(c))
        cell = _TITLE_LABEL.sub("", collapse(cell)).strip("* ")
        if cell[:1] in "<〈《【[" and cell[-1:] in ">〉》】]":  # "<2025년 제2차 … 결과>"
            cell = cell[1:-1].strip()
        m = _TITLE_ROUND.search(cell) or _title_apart(cell)
        round_no: int | None
        if m is not None:
            year, round_no = year_of(m.group("y")), int(m.group("r"))
        elif (only := YEAR_ONLY.search(cell)) is not None:
            year, round_no = int(only.group("y")), round_in(cell)  # "Round 2", "2회차", none
        else:
            candidate = candidate or draft.lines[i]
            continue
        if not (MIN_YEAR <= year <= MAX_YEAR and (round_no is None or round_no >= 1)):
            draft.fail(draft.lines[i], "expected a plausible year and round in the title")
        draft.fields.update({"title": cell, "year": year})
        draft.year, draft.title_line = year, draft.lines[i]
        if round_no is not None:  # else the text names it (``round_of.round_from_text``)
            draft.fields["round_no"] = round_no
            draft.round_scope = Scope.round(year, round_no)
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
_LAYOUT = layout()
#: the strong marks: whatever follows them is a section's name ("□ 평가결과", "■ 한눈에 보기")
_SECTION_MARK = re.compile(r"^[□■◻◼❏❑☐▣]\s*(?P<name>.*)$")
#: weaker marks and numbering, a heading only when its name is about a known topic:
#: "◆ 평가 결과", "1. 평가 개요", "Ⅱ. 결과", "가) 개요", "(1) 결과", "[2] 활용", "## 개요"
_SECTION_STYLED = re.compile(
    r"^(?:#{1,6}\s*|[◆◇▶▷►●◎★☆◈❖]\s*|제\s*[0-9]{1,2}\s*[장절]\s*"
    r"|(?:[0-9]{1,2}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|[IVX]{1,4}|[가나다라마바사아자차카타파하])\s*[.)]\s*"
    r"|[(\[【<〈]\s*(?:[0-9]{1,2}|[가나다라마바사아자차카타파하])\s*[)\]】>〉]\s*)"
    r"(?P<name>.+?)\s*(?:\*\*)?$"
)
_BOLD = re.compile(r"^\*\*(?P<name>.+?)\*\*$")
_SECTION_STARTS = frozenset(
    "□■◻◼❏❑☐▣#◆◇▶▷►●◎★☆◈❖제*([【<〈IVX0123456789ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ가나다라마바사아자차카타파하"
)
#: a findings label is no section: "◆ 주요 성과" under a service names its achievements
_LABEL_ONLY = re.compile(
    r"^[\[〈《【(]?(?:주요성과|개선(?:과제|사항|필요사항)|우수(?:사항|사례|성과)"
    r"|보완(?:과제|사항|필요사항)|미흡사항|향후과제|성과|과제)[\]〉》】)]?:?$"
)
#: what a topic heading never holds: a figure ("76.84점", "13.1%"), a key with its value
#: ("근거 : 조례"), a sentence's end ("…공개합니다."), a subject with its sentence ("개선 과제는
#: 소관부서가 … 확인"), a citation closing a statement ("… 결과 반영 (조례 제12조)")
#: a figure says a heading is a statement, except a cutoff naming the services a section is
#: about ("4. 75점 미만 사무 주요 개선 과제": the findings of the services below 75 points)
_NOT_A_NAME = re.compile(
    r"[0-9]\s*(?:점|%)(?!\s*만점)(?!\s*(?:미만|이상|이하)\s*(?:사무|사업|기관)\s*[가-힣])|:\s*\S|(?:다|음|함|임)\s*\.?$"
    r"|[가-힣](?:은|는)\s+[^\s()]+\s+[^\s()]+\s+\S"
    r"|\([^()]*(?:조례|지침|규정|법률|제\s*[0-9]+\s*조)[^()]*\)\s*$"
    rf"|(?:{'|'.join(_LAYOUT['finding_endings'])})\s*\.?$"
)
#: of those, what even a sentence heading never holds: a figure or a key with its value
_NOT_A_FIGURE = re.compile(r"[0-9]\s*(?:점|%|개)|:\s*\S")
_BARE_MAX: int = _LAYOUT["bare_heading_max"]
#: the endings of a service's name: "1. 서울시 결과분석센터 운영" is a service, not a section
_SERVICE_ENDINGS = tuple(_LAYOUT["service_endings"])


def _compile_topics() -> tuple[
    re.Pattern[str], list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]
]:
    """One pattern of every topic word (most lines name no topic: one search says so), and
    per topic, in order, its words and the words that exclude it."""

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    topics = [
        (
            str(t["kind"]),
            re.compile(alternation(t["any_of"])),
            re.compile(alternation(t["none_of"])) if t.get("none_of") else None,
        )
        for t in _LAYOUT["topics"]
    ]
    every = alternation([w for t in _LAYOUT["topics"] for w in t["any_of"]])
    return re.compile(every), topics


_ANY_TOPIC, _TOPICS = _compile_topics()


def _topic_kind(key: str) -> str | None:
    """The kind of section a name (spaces removed) is about, or ``None`` for no known topic."""
    if _ANY_TOPIC.search(key) is None:
        return None
    for kind, words, excluded in _TOPICS:
        if (excluded is None or excluded.search(key) is None) and words.search(key):
            return kind
    return None


def _topical(name: str, limit: int, *, sentence: bool = False) -> bool:
    """A name a heading without a strong mark may carry: about a known topic, short, no
    figure, no value, no sentence, no findings label, no service's name.  ``sentence``: a
    Markdown heading ("## 결과는 이렇게 활용됩니다") is one by its markup, and may be a
    sentence; it still holds no figure or value."""
    key = re.sub(r"\s+", "", name).strip("*:")
    bare = re.sub(r"\([^()]*\)", "", name).strip()
    refused = _NOT_A_FIGURE if sentence else _NOT_A_NAME
    return (
        0 < len(key) <= limit
        and _topic_kind(key) is not None
        and not _LABEL_ONLY.match(key)
        and not refused.search(name)
        and not bare.endswith(_SERVICE_ENDINGS)
        and "\t" not in name
        and "|" not in name
    )


def _in_findings(name: str) -> bool:
    """A marked name that belongs to the findings: a service's heading or a label."""
    return (
        _names_service(name) or _LABEL_ONLY.match(re.sub(r"\s+", "", name).strip("*")) is not None
    )


def _names_service(name: str) -> bool:
    """A marked name that is a service's, not a section's: no topic, and a service's ending
    or a score ("■ 서울시 ○○센터 운영 (81.20점)")."""
    bare = re.sub(r"\([^()]*\)", "", name).strip()
    return _topic_kind(re.sub(r"\s+", "", name)) is None and (
        bare.endswith(_SERVICE_ENDINGS) or re.search(r"[0-9]\s*점", name) is not None
    )


def section_heading(text: str, *, bare: bool = True) -> str | None:
    """The section name of a heading line ("□ 평가결과" → "평가결과"), or ``None``.

    A strong mark (□ ■) makes any line a heading; numbering, weaker marks, Markdown and
    bold make one only when the name is about a known topic (``layout.yaml``), and a line
    with no mark at all (an HTML ``<h2>``, a plain-text heading) only when it is short,
    says nothing else, and (``bare``) stands after a blank line as headings do.
    """
    if not text:
        return None
    if text[:1] in _SECTION_STARTS:
        m = _SECTION_MARK.match(text)
        if m:
            return m.group("name")
        m = _SECTION_STYLED.match(text) or _BOLD.match(text)
        if m and _topical(m.group("name"), 40):
            return m.group("name").strip("* ")
        if m and text[:1] == "#" and _topical(m.group("name"), 40, sentence=True):
            return m.group("name").strip("* ")  # "## 결과는 이렇게 활용됩니다"
    if (
        bare
        and "성과평가" not in text
        and text[:1] not in "-•○◦▪·ㅇ※*"
        and _topical(text, _BARE_MAX)
    ):
        return text
    return None


def section_kind(name: str) -> str:
    """Which stage reads a section: by the words of its name (``layout.yaml`` topics)."""
    key = re.sub(r"\s+", "", name)
    kind = _topic_kind(key)
    if kind is None and key.startswith("사무별"):
        return "services"
    return kind or "other"


def split_sections(draft: Draft, start: int) -> list[Section]:
    """The sections after the title, each with the lines of its body.  What stands between
    the title and the first heading is a "preamble" section: a disclosure with no headings
    at all still states its facts there."""
    sections: list[Section] = [Section("preamble", draft.lines[min(start, len(draft.lines) - 1)])]
    after_blank = True
    for line, p in zip(draft.lines[start:], draft.plains[start:], strict=True):
        name = section_heading(p, bare=after_blank and line.row is None)
        if name is not None and sections[-1].kind == "services" and _in_findings(name):
            name = None  # "■ 서울시 ○○센터 운영", "■ 주요 성과" under the findings heading
        if name is not None:
            sections.append(Section(section_kind(name), line, name=name))
        else:
            sections[-1].body.append((line, p))
        after_blank = not p
    return sections
