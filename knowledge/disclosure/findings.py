"""Stage 4: the services section(s) → each service's heading and its findings.

A service starts at a numbered heading ("① name", "1. name", "(1) name", optionally with
its score: "① name (82.00점)", "① name : 82.00점(재계약 배제)").  Its score may instead stand
on a line of its own inside its block ("○ 평가점수 : 82.35점", "- 점수 : 82.35",
"· 종합점수 82.35점(재계약 배제)"); such a line is a score, never a finding.  Its findings
follow a label — 주요 성과 (achievements) or 개선 과제 (improvement tasks) — in any of the
published forms:

* a findings table: the label in a cell, the items after it (``<ul>``/``<li>``, " - "
  separators, or bulleted lines below);
* written inline: "○ 주요 성과 : …", "○ 개선 과제 : …" (a label may come twice);
* none at all, for a service whose score is published (checked once scores are read).

An item starts at a bullet (``-``, ``ㅇ``, ``○``, ``•``), an ``<li>`` or an inline " - "
separator; an unbulleted line continues the open item.  The service's block ends at the
next heading, at a footer ("- 문의 : …", "- 붙임 : …"), after a blank line followed by
unbulleted text, and in HTML where the label's table row ends.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from knowledge.disclosure.aligned import AlignedRow, Grid, aligned_header, aligned_rows, kind_cell
from knowledge.disclosure.columns import Columns, Row, findings_header, kinds, rows
from knowledge.disclosure.draft import Draft, decimals
from knowledge.disclosure.layout import layout
from knowledge.disclosure.lines import Line
from knowledge.disclosure.marks import without_list_mark
from knowledge.disclosure.pages import glued, join_wrapped
from knowledge.disclosure.prose import (
    has_verdict,
    prose_lead,
    sentence_kind,
    sentences,
    without_turn,
)
from knowledge.disclosure.sections import Section, section_heading, section_kind
from knowledge.model import (
    ACHIEVEMENT,
    IMPROVEMENT,
    AreaScore,
    Finding,
    FindingKind,
    ServiceResult,
)
from knowledge.names import service_key
from knowledge.textnorm import collapse, plain

NUM = r"[0-9]+(?:\.[0-9]+)?"
CIRCLED = "①-⑳㉑-㉟㊱-㊿"


@dataclass
class ServiceDraft:
    """A service being read: its heading, score if published, and the findings so far."""

    number: int
    name: str
    key: str
    heading: Line
    score: str | None = None
    score_line: Line | None = None
    labels: list[tuple[FindingKind, Line]] = field(default_factory=list)
    items: dict[str, list[tuple[list[str], int]]] = field(
        default_factory=lambda: {ACHIEVEMENT: [], IMPROVEMENT: []}
    )
    explicitly_empty: set[str] = field(default_factory=set)
    #: listed as evaluated, with no findings section (``knowledge.disclosure.roster``)
    listed: bool = False
    #: the organisation running it, from a table's 수탁기관 column
    contractor: str | None = None
    #: its scores by area, from a score table giving them beside the total
    area_scores: tuple[AreaScore, ...] = ()
    #: the Korean name beside an English one in a translated page's table
    korean_name: str | None = None


def read_services(draft: Draft, sections: list[Section]) -> list[ServiceDraft]:
    """Every service of the services sections, in published order."""
    found: list[ServiceDraft] = []
    if sections:
        draft.where["services"] = sections[0].heading.no
    partial = False
    for section in sections:
        before = len(found)
        _Findings(draft, found).read(section.body)
        if len(found) == before:
            draft.fail(section.heading, "expected numbered service headings (① name) here")
        if any(w in section.name.replace(" ", "") for w in layout()["some_services"]):
            partial = True  # "주요 사무 평가 의견": some services, described
        stated = _OWN_COUNT.search(section.name)
        if stated is not None:  # "사무별 주요 성과 및 개선 과제 (4개 사무)": some services only
            partial = True
            if int(stated.group("n")) != len(found) - before:
                draft.fail(
                    section.heading,
                    f"expected {stated.group('n')} service headings as stated here, "
                    f"found {len(found) - before}",
                )
    draft.complete = bool(found) and not partial
    return found


_OWN_COUNT = re.compile(r"(?P<n>[0-9]+)\s*개")


def split_findings(section: Section) -> list[Section]:
    """``section``, or when findings stand in it without a services heading of their own (the
    heading missing, or one of no known topic such as "■ 세부 내용"), the section up to the
    service heading before its first findings label, and a services section from there: the
    findings are read, not silently dropped."""
    if section.kind in ("services", "usage", "aside", "scores", "roster"):
        return [section]
    first_label = next(
        (i for i, (_, p) in enumerate(section.body) if _is_label(p)),
        None,
    )
    table = next(
        (
            i
            for i, (_, p) in enumerate(section.body)
            if ("\t" in p or "|" in p) and findings_header(p)
        ),
        None,
    )
    if table is not None and (first_label is None or table < first_label):
        head = Section(section.kind, section.heading, section.body[:table], name=section.name)
        line = section.body[table][0]
        return [head, Section("services", line, section.body[table:], name=section.name)]
    if first_label is None:
        prose = _numbered_prose_start(section.body)
        if prose is None:
            return [section]
        head = Section(section.kind, section.heading, section.body[:prose], name=section.name)
        line = section.body[prose][0]
        return [head, Section("services", line, section.body[prose:], name=section.name)]
    start = next(
        (
            i
            for i in range(first_label, -1, -1)
            if service_heading(section.body[i][1], lettered=True) or tagged_service(section.body, i)
        ),
        None,
    )
    if start is None:
        return [section]
    head = Section(section.kind, section.heading, section.body[:start], name=section.name)
    line = section.body[start][0]
    return [head, Section("services", line, section.body[start:], name=section.name)]


def _numbered_prose_start(body: list[tuple[Line, str]]) -> int | None:
    """Where the services' paragraphs begin in a section of statements with no findings
    heading ("이번에 평가한 사무별 주요 성과와 개선이 필요한 점은 다음과 같습니다." / "(1) name
    — …했습니다." / "(2) name — …"): numbered paragraphs of prose about services, or
    numbered names each over a paragraph of prose, the first two numbered on from one to
    the next.  One numbered sentence alone is no list."""
    found: list[tuple[int, int]] = []
    for i, (_, p) in enumerate(body):
        if p[:1] not in _PROSE_HEADING_STARTS:
            continue
        prose = numbered_prose(p)
        if prose is None and (heading := _prose_headed(body, i)) is not None:
            prose = (heading, "", "")
        if prose is not None:
            found.append((i, prose[0]))
            if len(found) == 2:
                break
    if len(found) < 2 or found[1][1] != found[0][1] + 1:
        return None
    return found[0][0]


def _prose_headed(body: list[tuple[Line, str]], i: int) -> int | None:
    """The number of a numbered heading that is a service's name alone ("### 2. 가상 ○○센터
    운영"), with a paragraph of prose as the next line that says something."""
    heading = service_heading(body[i][1], lettered=True)
    if heading is None or heading[2] is not None or not _bare_name(heading[1]):
        return None
    after = next((q for _, q in body[i + 1 :] if q.strip()), "")
    if after[:1] in _NOT_PROSE_STARTS or _is_label(after) or service_heading(after) is not None:
        return None
    return heading[0] if _PROSE_SENTENCE.search(after) is not None else None


def numbered_prose(text: str) -> tuple[int, str, str] | None:
    """``(number, name, rest)`` of a numbered paragraph about a service written as prose
    ("(1) 마포자원회수시설 관리 및 운영 — 노후 소각로의 대보수를 마쳤습니다. 다만 …"): the
    name is set apart as a prose paragraph's is (``prose.prose_lead``: a dash, a colon, a
    topic particle), and the rest is sentences.  Read as a heading, the whole paragraph was
    the service's name."""
    if _PROSE_SENTENCE.search(text) is None:
        return None  # most numbered lines are headings or items, not sentences
    heading = service_heading(text, lettered=True)
    prose = _prose_of(heading) if heading is not None else None
    return (heading[0], *prose) if heading is not None and prose is not None else None


def _prose_of(heading: tuple[int, str, str | None]) -> tuple[str, str] | None:
    """``(name, rest)`` when a numbered heading's "name" is a paragraph about a service
    (``numbered_prose``)."""
    _, text, score = heading
    if score is not None or len(text) < 20 or _PROSE_SENTENCE.search(text) is None:
        return None
    lead = prose_lead(text, text)
    if lead is None or len(WORDS.findall(lead[1])) < 3 or section_kind(lead[0]) != "other":
        return None  # "1. 결과 활용 및 후속 지원: …" is about a topic, not a service
    return lead if _PROSE_SENTENCE.search(lead[1]) is not None else None


def check_findings(draft: Draft, services: list[ServiceDraft]) -> None:
    """Each service has findings, or is a service whose score alone was published."""
    for service in services:
        if not service.labels and service.score is None and not service.listed:
            draft.fail(
                service.heading,
                "expected a findings table (주요 성과 / 개선 과제) under this service, "
                "or its score",
            )
        for kind, label in service.labels:
            if not service.items[kind] and kind not in service.explicitly_empty:
                draft.fail(label, "expected at least one finding after this label")


def result(service: ServiceDraft) -> ServiceResult:
    """The service as the model holds it: numbered findings of both kinds."""
    findings: list[Finding] = []
    for kind in (ACHIEVEMENT, IMPROVEMENT):
        texts = [(_clean_finding(parts), no) for parts, no in service.items[kind]]
        for position, (text, no) in enumerate([t for t in texts if t[0]], 1):
            findings.append(Finding(kind, position, text, line_no=no))
    score = service.score
    return ServiceResult(
        number=service.number,
        name_ko=service.name,
        findings=tuple(findings),
        score=float(score) if score is not None else None,
        score_precision=decimals(score) if score is not None else 2,
        line_no=service.heading.no,
        contractor=service.contractor,
        area_scores=service.area_scores,
        korean_name=service.korean_name,
    )


# ---- headings ----------------------------------------------------------------------------------
#: Korean list letters, in order: "가. name" is the first service, "ㄷ) name" the third
_LETTERS = ("가나다라마바사아자차카타파하", "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ")
_LETTER_HEADING = re.compile(
    rf"^(?:(?P<k>[{_LETTERS[0]}{_LETTERS[1]}])\s*[.)]|[(\[]\s*(?P<q>[{_LETTERS[0]}{_LETTERS[1]}])\s*[)\]])"
    r"\s+(?P<name>\S.*)$"
)
_LETTER_STARTS = frozenset(_LETTERS[0] + _LETTERS[1] + "([")
_SERVICE_HEADING = re.compile(
    rf"^(?:(?P<c>[{CIRCLED}])|(?P<n>[0-9]{{1,3}})\s*[.)](?![0-9])|[(\[]\s*(?P<p>[0-9]{{1,3}})\s*[)\]])"
    r"\s*(?P<name>\S.*)$"
)
_HEADING_STARTS = frozenset(
    "0123456789(["
    + "".join(
        chr(c)
        for r in ((0x2460, 0x2473), (0x3251, 0x325F), (0x32B1, 0x32BF))
        for c in range(r[0], r[1] + 1)
    )
)
#: the words that label a service's score: "평가점수", "점수", "종합점수", "종합평가 점수", "총점"
_SCORE_WORDS = r"(?:(?:종\s*합\s*(?:성\s*과\s*)?(?:평\s*가\s*)?|평\s*가\s*)?점\s*수|총\s*점)"
#: what may follow a published score: "(재계약 배제)", "/ 100점", "(100점 만점)"
_SCORE_REMARK = rf"(?:\s*/\s*{NUM}\s*점?)?(?:\s*[(\[][^()\[\]]*[)\]])?"
_HEADING_SCORE = re.compile(
    r"^(?P<name>.*?\S)\s*(?:"
    rf"[(\[]\s*(?:{_SCORE_WORDS}\s*:?\s*)?(?P<s1>{NUM})\s*점\s*(?:[,/][^()\[\]]*)?[)\]]"
    rf"|(?:\t|\s*[:|])\s*(?P<s2>{NUM})\s*점?|\s+[-–]\s*(?P<s3>{NUM})\s*점"
    rf"){_SCORE_REMARK}\s*$"
)
#: a score after a name in a list, with a space only: "서울시 가상센터 운영 72.10점"
_LISTED_SCORE = re.compile(rf"^(?P<name>.*?\S)\s+(?P<s>{NUM})\s*점{_SCORE_REMARK}\s*$")
#: a service's score on a line of its own inside its block: "○ 평가점수 : 82.35점(재계약 배제)"
_SCORE_LINE = re.compile(
    r"^(?:[-•○◦▪●∙·]|ㅇ(?=\s))?\s*[\[〈《【(]?"
    rf"{_SCORE_WORDS}\s*[\]〉》】)]?\s*(?::|\t|\s)\s*(?P<s>{NUM})\s*점?{_SCORE_REMARK}\s*$"
)
WORDY = re.compile(r"[가-힣A-Za-z]")


def service_heading(text: str, *, lettered: bool = False) -> tuple[int, str, str | None] | None:
    """``(number, name, score)`` of a numbered service heading, or ``None``; a heading mark
    may stand before the number ("### ① name", "▶ 1. name", "**[2] name**").  A note after
    the name ("④ name ※ 75점 미만(재계약 배제)") is no part of it.  ``lettered``: in a
    services section a Korean letter numbers a service too ("가. name", "나) name", "(다)
    name", "ㄱ. name"); elsewhere "가." numbers a page's sub-items, not services."""
    if "※" in text:
        text = text.partition("※")[0].rstrip()
    if text[:1] in _MARK_STARTS and (mark := _HEADING_MARK.match(text)) is not None:
        text = text[mark.end() :].rstrip("* ")
    m: re.Match[str] | None = None
    if lettered and text[:1] in _LETTER_STARTS:
        m = _LETTER_HEADING.match(text)
    if m is None and text[:1] in _HEADING_STARTS:
        m = _SERVICE_HEADING.match(text)
    if m is None:
        return None
    name = collapse(m.group("name"))
    if not WORDY.search(name) or _LABEL.match(name) or section_heading(name) is not None:
        return None
    number = _heading_number(m)
    scored_name, score = named_score(m.group("name").strip())
    return number, (scored_name if score is not None else name), score


def _heading_number(m: re.Match[str]) -> int:
    """The number a heading's mark gives: circled, written, or a letter's place ("다" → 3)."""
    groups = m.groupdict()
    if groups.get("c"):
        return int(unicodedata.numeric(groups["c"]))
    if letter := groups.get("k") or groups.get("q"):
        return next(row.index(letter) + 1 for row in _LETTERS if letter in row)
    return int(groups.get("n") or groups.get("p") or 0)


def tagged_service(body: list[tuple[Line, str]], i: int) -> tuple[int, str, str | None] | None:
    """``(0, name, score)`` of a service heading marked by the page's markup alone: an HTML
    heading element ("<h5>서울시 가족센터 운영</h5>", ``Line.tag``), or a line all in bold
    when a findings label follows it.  A section's name, a label, a footer, a note or an
    item is no service."""
    line, p = body[i]
    if line.tag is None or not p or p[:1] in "-•○◦▪●∙·※*ㅇ":
        return None
    name = without_list_mark(collapse(p))
    if not WORDY.search(name) or _is_label(name) or is_footer(name):
        return None
    if section_heading(name) is not None or section_heading(p) is not None:
        return None
    if line.tag == "b":
        after = next((q for _, q in body[i + 1 :] if q.strip()), "")
        if not _is_label(after) and findings_header(after) is None:
            return None
    scored_name, score = named_score(name)
    return 0, (scored_name if score is not None else name), score


#: marks a heading may carry before its number or, in a services section, before a name
_HEADING_MARK = re.compile(r"^(?:#{1,6}|\*\*|[■□◆◇★☆▶▷►❖◈])\s*")
_MARK_STARTS = frozenset("#*■□◆◇★☆▶▷►❖◈")
#: of those, the ones that never mark a finding: an unnumbered line after one is a service
_SERVICE_MARK = re.compile(r"^(?:#{1,6}|\*\*|[■□◆◇★☆❖◈])\s*(?P<name>.*?)\s*(?:\*\*)?$")


def marked_service(text: str) -> tuple[int, str, str | None] | None:
    """``(0, name, score)`` of an unnumbered service heading in a services section ("■ name
    (81.20점)", "### name", "**name**"), or ``None``: a label or a footer is no service."""
    if text[:1] not in _MARK_STARTS or (m := _SERVICE_MARK.match(text)) is None:
        return None
    if "※" in text:  # "### name ※ 75점 미만": the note is no part of the name
        m = _SERVICE_MARK.match(text.partition("※")[0].rstrip()) or m
    name = without_list_mark(collapse(m.group("name")))  # "### 가. name": the list's mark
    if not WORDY.search(name) or _LABEL.match(name) or is_footer(name):
        return None
    if section_heading(name) is not None:
        return None
    scored_name, score = named_score(name)
    return 0, (scored_name if score is not None else name), score


#: marks that may stand before a finding as well as a service ("▶ 해외 실증 확대"): a service's
#: heading only when a findings label follows it ("▶ 서울 핀테크랩 관리 및 운영 (82.70점)" /
#: "[주요 성과]")
_POINTER = re.compile(r"^[▶▷►➤●◎○◦ㅇ]\s*(?P<name>.+?)\s*$")
#: bullets that mark items far more often than services: a heading only when the line is a
#: bare service name and its labels stand a level below, under another bullet ("○ name" /
#: "- (성과) …"); "○ item" before "○ 개선 과제" is the last item of a label
_WEAK_POINTERS = "○◦ㅇ"


def _pointed_service(body: list[tuple[Line, str]], i: int) -> tuple[int, str, str | None] | None:
    """``(0, name, score)`` of an unnumbered heading marked as findings may be, when the next
    line that says something is a findings label."""
    p = body[i][1]
    if p[:1] not in "▶▷►➤●◎○◦ㅇ" or (m := _POINTER.match(p)) is None:
        return None
    after = next((q for _, q in body[i + 1 :] if q.strip()), "")
    if not _is_label(after) or _is_label(m.group("name")) or section_heading(m.group("name")):
        return None
    if p[:1] in _WEAK_POINTERS and (after[:1] == p[:1] or not _bare_name(m.group("name"))):
        return None
    name, score = named_score(without_list_mark(collapse(m.group("name"))))
    return (0, name, score) if WORDY.search(name) else None


def _bare_name(text: str) -> bool:
    """A service's name and nothing else: no figure or colon, ending as names do."""
    bare = re.sub(r"\([^()]*\)", "", text).strip()
    endings = tuple(layout()["service_endings"])
    return not re.search(r"[0-9:]", bare) and len(bare) <= 60 and bare.endswith(endings)


def named_score(text: str, *, listed: bool = False) -> tuple[str, str | None]:
    """A name and the score written after it, or ``(text, None)``.

    One grammar for every place a score follows a service's name, so a layout accepted in a
    heading ("① name (82.35점)", "① name : 82.35점(재계약 배제)", "1. name - 82.35점") is
    accepted in a list of names too.  In a list (``listed``) a bare "name 82.35점" is a
    score as well; in a heading it could be part of the name, so it needs "(…)", ":", "-".
    """
    m = _HEADING_SCORE.match(text)
    if m is not None and WORDY.search(m.group("name")):
        return collapse(m.group("name")), m.group("s1") or m.group("s2") or m.group("s3")
    if listed and (m := _LISTED_SCORE.match(text)) is not None and WORDY.search(m.group("name")):
        return collapse(m.group("name")), m.group("s")
    return text, None


def score_line(text: str) -> str | None:
    """The score of a line such as "○ 평가점수 : 82.35점" inside a service's block, or ``None``.

    Some disclosures publish each service's score under its heading instead of in a table
    or in the heading itself; such a line is a score, never a finding.
    """
    m = _SCORE_LINE.match(text) if "점" in text or "총" in text else None
    return m.group("s") if m else None


#: the legal forms a contractor's name opens with: "(사)온가족나눔", "사회복지법인 들꽃나눔"
_LEGAL_FORM = "(?:" + "|".join(re.escape(f) for f in layout()["legal_forms"]) + ")"
#: a contractor named in parentheses after the service's name: "name ((사)온가족나눔)"
_NAMED_CONTRACTOR = re.compile(rf"^(?P<name>.*\S)\s*\((?P<c>{_LEGAL_FORM}\s*[^()]*\S)\)$")
#: a contractor's line in a service's block: "○ 수탁기관 : (사)온가족나눔", "- 운영기관: …"
_CONTRACTOR_LINE = re.compile(
    r"^(?:[-•○◦▪●∙·]|ㅇ(?=\s))?\s*[\[〈《【(]?"
    rf"(?:{'|'.join(layout()['contractor_headers'])})\s*[\]〉》】)]?\s*(?:[:：]|\t)\s*(?P<c>\S.*?)\s*$"
)


def _contractor_apart(name: str) -> tuple[str, str | None]:
    """A heading's name without the contractor written after it in parentheses, and that
    contractor: "서울시 가족센터 운영 ((사)온가족나눔)" is the service "서울시 가족센터 운영"."""
    if not name.endswith(")") or (m := _NAMED_CONTRACTOR.match(name)) is None:
        return name, None
    return m.group("name"), collapse(m.group("c"))


def contractor_line(text: str) -> str | None:
    """The contractor a line of a service's block names ("○ 수탁기관 : (사)○○", or a table's
    row "수탁기관 | (사)○○"), or ``None``."""
    if "기관" not in text and "수탁" not in text and "법인" not in text and "주체" not in text:
        return None
    m = _CONTRACTOR_LINE.match(text)
    return collapse(m.group("c")) if m is not None else None


# ---- labels, items and the end of a block --------------------------------------------------------
_LABEL_WORDS = (
    r"주\s*요\s*성\s*과|개\s*선\s*(?:과\s*제|사\s*항|필\s*요\s*사\s*항)"
    r"|우\s*수\s*(?:사\s*항|사\s*례|성\s*과)|보\s*완\s*(?:과\s*제|사\s*항|필\s*요\s*사\s*항)"
    r"|미\s*흡\s*사\s*항|향\s*후\s*과\s*제"
)
#: the marks a label may follow: "○ 주요 성과", "◎ 개선과제", "▶ 성과 :"
_LABEL_MARKS = "\\-•○◦▪●∙·◇◆▶▷►◎★☆❖◈"
#: the short labels ("성과", "과제") only when they are all the line says, or before a colon:
#: "과제 발굴 노력 필요" is a finding
_SHORT_LABEL = re.compile(
    rf"^(?:[{_LABEL_MARKS}]|ㅇ(?=\s))?\s*[\[〈《【(]?(?P<label>성\s*과|과\s*제)\s*[\]〉》】)]?\s*(?::|$)"
    # or tagged in brackets before the finding itself: "- (성과) 판로개척 …", "[과제] …"
    rf"|^(?:[{_LABEL_MARKS}]|ㅇ(?=\s))?\s*[\[〈《【(](?P<tag>성\s*과|과\s*제)[\]〉》】)]\s*(?=\S)"
)
#: a label in a table cell or on a line of its own: "주요 성과", "[개선 과제]"
_LABEL = re.compile(
    rf"^[\[〈《【(◇◆▶▷►◎★☆■□❖◈*\s]*(?P<label>{_LABEL_WORDS})(?![가-힣])\s*[\]〉》】)]?\s*:?"
)
#: a label written inline after a bullet: "○ 주요 성과 : …" (a colon, or nothing after it)
_BULLET_LABEL = re.compile(
    rf"^(?:[{_LABEL_MARKS}]|ㅇ(?=\s))\s*[\[〈《【(]?(?P<label>{_LABEL_WORDS})\s*[\]〉》】)]?\s*(?::|$)"
)
#: what follows the findings on a page: contacts, attachments, the end mark
_FOOTER = re.compile(
    r"^[-•○◦▪●∙·※*ㅇ\s]*(?:"
    r"(?:문의(?:처)?|담당(?:부서|자|과|팀)?|연락처|전화|출처|작성(?:자|부서)?|등록일|게시일|공개일)"
    r"\s*:"
    r"|(?:붙임|첨부)\s*(?:[0-9]+\s*[.)]?|:|$)"
    r"|(?:붙임|첨부)\s.*[0-9]+\s*부\s*\.?\s*$"
    r"|끝\s*\.?\s*$|-\s*끝\s*-"
    r")"
)
_LI = re.compile(r"<li\b[^<>]*>", re.IGNORECASE)
_INLINE_SEP = re.compile(r"\s[-•○◦▪●ㅇ]\s+")
#: a finding numbered rather than bulleted: "1) …", "2. …", "(3) …", "④ …"
_NUMBERED_ITEM = re.compile(
    rf"^(?:[0-9]{{1,2}}\s*[.)](?![0-9])|\(\s*[0-9]{{1,2}}\s*\)|[{CIRCLED}]"
    rf"|[{_LETTERS[0]}{_LETTERS[1]}]\s*[.)](?=\s)|\(\s*[{_LETTERS[0]}{_LETTERS[1]}]\s*\)(?=\s))\s*"
)
_ITEM_BULLET = re.compile(r"^(?:[-•○◦▪●∙·]|ㅇ(?=\s))\s*")
_LEADING_TAGS = re.compile(r"^(?:\s*</?[A-Za-z][^<>]*>)*\s*")
_EMPTY = ("없음", "해당 없음", "해당없음")


_ACHIEVEMENT_LABELS = frozenset({"주요성과", "우수사항", "우수사례", "우수성과", "성과"})


def _is_label(text: str) -> bool:
    return bool(_LABEL.match(text) or _BULLET_LABEL.match(text) or _short_label(text))


def _short_label(text: str) -> re.Match[str] | None:
    return _SHORT_LABEL.match(text) if ("성" in text or "과" in text) and len(text) < 60 else None


#: how a numbered paragraph may open ("(1)", "1.", "①", "가.", "### 1.")
_PROSE_HEADING_STARTS = frozenset(
    "0123456789([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳#*■□◆◇★☆▶▷►❖◈가나다라마바사아자차"
)
#: lines that never go on with a paragraph of prose: bullets, notes, marks, numbers
_NOT_PROSE_STARTS = frozenset("-•○◦▪●∙·※#■□◆◇▶▷►➤◎★☆❖◈[〈《【|①②③④⑤⑥⑦⑧⑨⑩")
#: a sentence as prose ends one ("… 평가되었습니다.", "… was improved.")
_PROSE_SENTENCE = re.compile(r"(?:[다요]\.|[a-z]\.)(?:\s|$)")
WORDS = re.compile(r"[가-힣A-Za-z]{2,}")


#: a note marking an exclusion ("재계약 배제", "75점 미만"), unless it denies it or is about
#: another year
_EXCLUDED = re.compile("|".join([*layout()["excluded_marks"], r"[0-9]+점미만"]))
_NOT_EXCLUDED = re.compile("|".join(layout()["excluded_not"]) + r"|[0-9]{2}\s*년|전년|이전")


def _ends_table(p: str) -> bool:
    """A line after which a table laid out with spaces cannot go on: the next service's
    heading, a section's heading, a footer."""
    return bool(
        service_heading(p, lettered=True)
        or marked_service(p)
        or (p[:1] in "□■◆◇#" and section_heading(p) is not None)
        or is_footer(p)
    )


def is_footer(text: str) -> bool:
    """A line that closes the findings: "- 문의 : …", "※ 붙임 : 보고서 1부.", "끝."."""
    return _FOOTER.match(text) is not None


class _Findings:
    """Reads one services section line by line (see the module docstring)."""

    def __init__(self, draft: Draft, found: list[ServiceDraft]) -> None:
        self.draft = draft
        self.found = found
        self.service: ServiceDraft | None = None
        self.kind: FindingKind | None = None
        self.label: Line | None = None
        self.item: list[str] | None = None
        self.after_blank = False
        self.closed = False
        self.ended = False  # a footer ended the section's last block
        self.style: str | None = None  # how the first heading is numbered (``_numbering``)
        self.item_style: str | None = None  # how the items under the open label are numbered
        #: the open service's heading may still go on (a name wrapped in extracted text)
        self.name_open = False
        #: the lines of a prose paragraph about the open service, read when it ends
        self.paragraph: list[tuple[Line, str]] = []
        #: the service whose findings are written as prose, and the last sentence's kind
        self.prose_service: ServiceDraft | None = None
        self.prose_kind: FindingKind | None = None

    def read(self, body: list[tuple[Line, str]]) -> None:
        i = 0
        while i < len(body):
            line, p = body[i]
            if (
                not self.draft.is_html
                and "  " in line.text
                and (grid := aligned_header(line.text)) is not None
            ):
                self.end_paragraph()
                i = self.aligned(body, i, grid)
                continue
            if ("\t" in p or "|" in p) and (columns := findings_header(p)) is not None:
                self.end_paragraph()
                i = self.table(body, i, columns)
                continue
            if self.paragraph and line.text.strip() and self.goes_on(body, i, p):
                self.paragraph.append((line, p))
            else:
                self.end_paragraph()
                self.read_line(body, i, line, p)
            i += 1
        self.end_paragraph()
        if self.item is not None:  # the page's last finding: a closing remark on its line?
            self.item[-1] = _without_remark(self.item[-1])

    def table(self, body: list[tuple[Line, str]], start: int, columns: Columns) -> int:
        """A findings table laid out in columns (``columns``): a service per row, its
        findings in the row's cells; returns where the table ends."""
        found, end = rows(body, start, self.draft.is_html)
        at = {kind: cell for cell, kind in columns.items()}
        if "kind" in at:  # "사무명 | 구분 | 내용": a row per service and kind
            self.kind_rows(found)
            return end
        for row in found:
            name = collapse(row.text(at["name"]).replace("**", ""))
            if not WORDY.search(name):
                continue  # a second header row, a summary row
            number = row.text(at["number"]) if "number" in at else ""
            score = re.fullmatch(NUM, row.text(at["score"])) if "score" in at else None
            heading = (
                int(number) if number.isdigit() else len(self.found) + 1,
                name,
                score.group() if score else None,
            )
            self.start_service(heading, row.line, name)
            service = self.service
            assert service is not None
            if "contractor" in at and WORDY.search(contractor := row.text(at["contractor"])):
                service.contractor = collapse(contractor)
            for cell, kind in kinds(columns):
                service.labels.append((kind, row.line))
                items = list(row.items(cell))
                service.items[kind].extend(([item], row.line.no) for item in items)
                if not items:
                    service.explicitly_empty.add(kind)
        self.kind, self.closed, self.name_open = None, True, False
        return end

    def aligned(self, body: list[tuple[Line, str]], start: int, grid: Grid) -> int:
        """A findings table laid out with spaces (``knowledge.disclosure.aligned``): a row
        per service (a name column) or per kind of finding under the open service (a kind
        column, or the kinds side by side); returns where the table ends."""
        found, end = aligned_rows(body, start, grid, _ends_table)
        roles = grid.roles
        for row in found:
            if "name" in roles:
                if "name" not in row.cells:
                    continue  # a row with no name: no service of its own
                self.aligned_service(row)
            if self.service is None:
                self.draft.fail(
                    row.line, "expected a numbered service heading (① name) before findings"
                )
            if "kind" in roles:
                kind = kind_cell(row)
                if kind is not None:  # a row of another topic ("비고") holds no findings
                    self.cell_items(kind, row.cells.get("content", []), row.line)
            for kind in (ACHIEVEMENT, IMPROVEMENT):
                if kind in roles:
                    self.cell_items(kind, row.cells.get(kind, []), row.line)
        self.kind, self.item, self.closed, self.name_open = None, None, True, False
        return end

    def aligned_service(self, row: AlignedRow) -> None:
        """The service a row of a table with a name column is about."""
        name = collapse(row.joined("name"))
        number = row.joined("number").rstrip(".")
        score = re.fullmatch(NUM, row.joined("score").removesuffix("점").strip())
        heading = (
            int(number) if number.isdigit() else len(self.found) + 1,
            name,
            score.group() if score else None,
        )
        self.start_service(heading, row.line, name)

    def cell_items(self, kind: FindingKind, cell: list[tuple[Line, str]], line: Line) -> None:
        """The findings of one cell of a table laid out with spaces, read as the lines under
        a label are: a bullet starts a finding, a line without one goes on with it."""
        service = self.service
        assert service is not None, "a cell's findings belong to a service"
        service.labels.append((kind, line))
        self.kind, self.label, self.item, self.item_style = kind, line, None, None
        self.after_blank = self.closed = False
        if " ".join(text for _, text in cell).strip(" -:") in _EMPTY:
            service.explicitly_empty.add(kind)
            return
        note = False  # a note in the cell ("※ …") and its wrapped lines are no finding
        for at, text in cell:
            p = plain(text)
            if p.startswith("※"):
                note = True
            elif _ITEM_BULLET.match(p) or _NUMBERED_ITEM.match(p):
                note = False
            if not note:
                self.content(at, p)
            self.after_blank = False

    def kind_rows(self, found: list[Row]) -> None:
        """Rows naming their kind in a cell ("name | 주요 성과 | items" / "| 개선 과제 | items"):
        a name starts a service, a row without one adds to the service above."""
        for row in found:
            read = row.by_kind()
            if read is None:
                continue  # a second header row, a note
            name, kind, items = read
            if name:
                self.start_service((len(self.found) + 1, collapse(name), None), row.line, name)
            if self.service is None:
                self.draft.fail(row.line, "expected the service's name in this row")
            self.service.labels.append((kind, row.line))
            self.service.items[kind].extend(([item], row.line.no) for item in items)
        self.kind, self.closed, self.name_open = None, True, False

    def read_line(self, body: list[tuple[Line, str]], i: int, line: Line, p: str) -> None:
        """One line of the services section (a heading, a label, a finding, a footer)."""
        if not line.text.strip():
            self.after_blank = True
        elif (
            heading := self.heading(p) or _pointed_service(body, i) or tagged_service(body, i)
        ) is not None:
            if (prose := _prose_of(heading)) is not None:  # "(1) name — …했습니다."
                self.start_service((heading[0], prose[0], None), line, p)
                self.prose_service, self.prose_kind, self.name_open = self.service, None, False
                self.paragraph = [(line, prose[1])]
            else:
                self.start_service(heading, line, p)
        elif (i == 0 or not body[i - 1][0].text.strip()) and (
            lead := self.prose_lead(line, p)
        ) is not None:
            name, rest = lead
            self.start_service((0, name, None), line, name)
            self.prose_service, self.prose_kind, self.name_open = self.service, None, False
            self.paragraph = [(line, rest)] if rest else []
        elif self.prose_goes_on(p):
            self.paragraph = [(line, p)]
        elif self.ended or (self.name_open and self.name_goes_on(line, p)):
            return
        elif self.service is not None and (score := score_line(p)) is not None:
            self.score(score, line)
        elif self.service is not None and (contractor := contractor_line(p)) is not None:
            self.service.contractor = contractor  # "○ 수탁기관 : (사)○○": no finding
            self.item = None
        elif label := _LABEL.match(p) or _BULLET_LABEL.match(p) or _short_label(p):
            self.start_label(label, p, line)
        elif self.service is not None and is_footer(p):
            self.ended = self.closed = True
        elif self.service is not None and p.startswith("※"):
            self.note(line, p)
            if not (self.kind is None or self.closed):
                self.content(line, p)
        elif not (self.service is None or self.kind is None or self.closed):
            self.content(line, p)

    def prose_lead(self, line: Line, p: str) -> tuple[str, str] | None:
        """A paragraph opening with a service's name (``knowledge.disclosure.prose``): not a
        label, a score ("name : 82.35점") or a footer, and what follows the name says
        something in words or nothing at all (a bold name alone, its paragraph below)."""
        if _is_label(p) or is_footer(p) or p[:1] in "-•○◦▪●∙·※":
            return None
        lead = prose_lead(line.text, p)
        if lead is None or named_score(p)[1] is not None:
            return None
        rest = lead[1]
        return lead if not rest or len(WORDS.findall(rest)) >= 3 else None

    def prose_goes_on(self, p: str) -> bool:
        """A paragraph of prose under the open service: under a heading with no labels yet,
        or another paragraph about a service already written as prose (not a remark that
        closes the page)."""
        service = self.service
        if service is None or self.closed or self.ended or self.kind is not None:
            return False
        if p[:1] in _NOT_PROSE_STARTS or _is_label(p) or score_line(p) is not None:
            return False
        if service is self.prose_service:  # a paragraph after the service's: if it judges
            # ("자세한 내용은 … 문의해 주시기 바랍니다." is the post's, not the service's)
            goes_on = has_verdict(p) and not p.startswith(tuple(layout()["remark_openers"]))
        else:
            goes_on = not service.labels and _PROSE_SENTENCE.search(p) is not None
        return goes_on and not is_footer(p)  # "문의 : 가상시 조직과" under the last paragraph

    def goes_on(self, body: list[tuple[Line, str]], i: int, p: str) -> bool:
        """The paragraph being read goes on with line ``i``: no heading, label, item, note,
        score or footer starts there."""
        return not (
            p[:1] in _NOT_PROSE_STARTS
            or self.heading(p) is not None
            or _pointed_service(body, i) is not None
            or tagged_service(body, i) is not None
            or _is_label(p)
            or score_line(p) is not None
            or is_footer(p)
        )

    def end_paragraph(self) -> None:
        """The paragraph read so far as findings: each sentence an achievement or a task."""
        if not self.paragraph:
            return
        service = self.service
        assert service is not None, "a paragraph of findings belongs to a service"
        text, starts, last = "", [], None
        for line, part in self.paragraph:
            if last is not None and line.no == last and text[-1:] not in ".!?":
                text += "."  # a sentence a translated page put on a line of its own
            starts.append((len(text) + (1 if text else 0), line))
            text = join_wrapped(text, part) if text else part
            last = line.no
        self.paragraph = []
        self.prose_service = service
        at = 0
        for sentence in sentences(text):
            at = max(text.find(sentence[:20], at), at)
            line = next(ln for start, ln in reversed(starts) if start <= at or start == 0)
            kind = sentence_kind(sentence, self.prose_kind)
            self.prose_kind = kind
            if all(k != kind for k, _ in service.labels):
                service.labels.append((kind, line))
            service.items[kind].append(([without_turn(sentence)], line.no))
        self.kind = self.item = None

    def note(self, line: Line, p: str) -> None:
        """A note under a service about that service ("※ 본 사무는 평가 결과 75점 미만으로
        재계약 배제 대상이며, …"): the page marks it excluded from re-contracting, as a
        table's remark does (``Draft.excluded``).  Another year's exclusion is history."""
        service = self.service
        if service is None or not any(w in p for w in layout()["self_reference"]):
            return
        compact = re.sub(r"\s+", "", p)
        if _EXCLUDED.search(compact) and not _NOT_EXCLUDED.search(compact):
            self.draft.excluded.append((line, service.name))

    def heading(self, p: str) -> tuple[int, str, str | None] | None:
        """A service's heading; under a label, a line numbered in another style than the
        headings so far ("1) …" under "[1] name") is a numbered finding, not a service."""
        heading = service_heading(p, lettered=True) or marked_service(p)
        if heading is None or self.kind is None or self.style is None:
            return heading
        style = _numbering(p)
        if style == self.style:
            return heading
        # another style: the next service's number ("(21)" after "⑳"), unless the items
        # under this label are numbered so
        expected = heading[0] == len(self.found) + 1
        return heading if expected and style != self.item_style else None

    def start_service(self, heading: tuple[int, str, str | None], line: Line, p: str) -> None:
        number, name, score = heading
        number = number or len(self.found) + 1  # an unnumbered heading: its place
        self.style = self.style or _numbering(p)
        name, contractor = _contractor_apart(name)
        key = service_key(name)
        for other in self.found:
            if other.number == number or other.key == key:
                self.draft.fail(line, f"expected each service once (see line {other.heading.no})")
        self.service = ServiceDraft(number, name, key, line, score, line if score else None)
        self.service.contractor = contractor
        self.found.append(self.service)
        self.kind = self.label = self.item = None
        self.after_blank = self.closed = self.ended = False
        # a name that ends as names do ("… 운영", "… (재)") is whole; "… 서남권직장맘지원" is not
        self.name_open = score is None and not (
            self.draft.is_html
            or re.sub(r"\([^()]*\)", "", name).rstrip().endswith(_NAME_ENDINGS)
            or name.endswith(")")
        )

    def name_goes_on(self, line: Line, p: str) -> bool:
        """The line right under a heading is the rest of its name when the text was wrapped
        at the page's width ("① 서울시 서남권직장맘지원" / "센터 운영 (81.20점)"): no mark, no
        label, no key or cell, short, and no blank line between.  Always clears the chance."""
        self.name_open = False
        service = self.service
        if (
            service is None
            or self.after_blank
            or len(p) > 40
            or p[:1] in _NOT_NAME_STARTS
            or not WORDY.match(p)
            or _is_label(p)
            or score_line(p) is not None
            or is_footer(p)
            or ":" in p
            or "\t" in p
            or p.replace(" ", "").startswith("구분")
        ):
            return False
        name, score = named_score(join_wrapped(service.name, p))
        service.name, service.key = name, service_key(name)
        if score is not None:
            service.score, service.score_line = score, line
        return True

    def score(self, score: str, line: Line) -> None:
        """A score line of the open service: its score, once (a second one must agree)."""
        service = self.service
        assert service is not None, "score lines are read inside a service's block"
        if service.score is None:
            service.score, service.score_line = score, line
        elif float(service.score) != float(score):
            self.draft.fail(line, "expected one score per service (a different one was given)")
        self.item = None  # a line after the score starts a finding of its own

    def start_label(self, m: re.Match[str], p: str, line: Line) -> None:
        if self.service is None:
            self.draft.fail(line, "expected a numbered service heading (① name) before findings")
        compact = re.sub(r"\s+", "", m.group("label") or m.group("tag"))
        self.kind = ACHIEVEMENT if compact in _ACHIEVEMENT_LABELS else IMPROVEMENT
        self.label, self.item, self.item_style = line, None, None
        self.after_blank = self.closed = False
        self.service.labels.append((self.kind, line))
        shown = p[m.end() :]
        if shown.strip(" -:") in _EMPTY:
            self.service.explicitly_empty.add(self.kind)
        elif shown.strip(" -:"):
            raw = ""
            if "<li" in line.text.lower():  # the items are the <li> elements after the label
                raw = _without_leading_tags(line.text)
                raw = raw[raw_label.end() :] if (raw_label := _LABEL.match(raw)) else raw
            self.inline(shown.lstrip(" :"), line, raw)

    def content(self, line: Line, p: str) -> None:
        label = self.label
        if self.draft.is_html and label is not None and label.row != line.row:
            self.closed = True
            return
        if p.startswith("※"):  # a note on the service ("※ 동 사무는 …"): no finding
            self.item = None
            self.after_blank = False
            return
        if self.item is not None and _closes(self.item[-1], p):
            self.closed = True  # "이상의 평가 결과는 … 반영할 예정입니다." after the last one
            return
        lowered = line.text.lower()
        if "<li" in lowered or "<ul" in lowered:
            self.inline(p, line, line.text)
        elif not p or p.replace(" ", "").startswith("구분"):
            return  # a line of tags only ("</ul>"), or the table's header row
        elif (bullet := _ITEM_BULLET.match(p) or _NUMBERED_ITEM.match(p)) is not None:
            if bullet.re is _NUMBERED_ITEM:
                self.item_style = _numbering(p)
            self.new_item(p[bullet.end() :], line)
        elif self.after_blank and not (self.draft.is_html and label and label.row is not None):
            self.closed = True
            return
        elif self.after_blank or self.item is None:
            self.new_item(p, line)
        elif glued(self.item[-1], p):  # a word broken by the wrap: "참여" / "자 만족도 향상"
            self.item[-1] = join_wrapped(self.item[-1], p)
        else:
            self.item.append(p)
        self.after_blank = False

    def inline(self, shown: str, line: Line, raw: str = "") -> None:
        """Items written inside one line: ``<li>`` elements of ``raw``, or " - " separated."""
        pieces = _LI.split(raw) if "<" in raw else []
        if len(pieces) > 1:
            head, items = plain(pieces[0]), [plain(x) for x in pieces[1:]]
        else:
            lead = _ITEM_BULLET.match(shown)
            pieces = _INLINE_SEP.split(shown[lead.end() :] if lead else shown)
            head, items = ("", pieces) if lead else (pieces[0], pieces[1:])
        if head and self.item is not None:
            self.item.append(head)
        elif head:
            self.new_item(head, line)
        for text in items:
            self.new_item(text, line)
        self.after_blank = False

    def new_item(self, text: str, line: Line) -> None:
        text = text.strip()
        if not text:
            self.item = None
            return
        service, kind = self.service, self.kind
        assert service is not None and kind is not None, "items are read under a service's label"
        self.item = [text]
        service.items[kind].append((self.item, line.no))


_NUMBERING = (
    ("circled", re.compile(rf"^[{CIRCLED}]")),
    ("dot", re.compile(r"^[0-9]{1,3}\s*\.")),
    ("paren", re.compile(r"^[0-9]{1,3}\s*\)")),
    ("parens", re.compile(r"^\(\s*[0-9]{1,3}\s*\)")),
    ("brackets", re.compile(r"^\[\s*[0-9]{1,3}\s*\]")),
    ("letter dot", re.compile(rf"^[{_LETTERS[0]}{_LETTERS[1]}]\s*\.")),
    ("letter paren", re.compile(rf"^[{_LETTERS[0]}{_LETTERS[1]}]\s*\)")),
    ("letter parens", re.compile(rf"^[(\[]\s*[{_LETTERS[0]}{_LETTERS[1]}]\s*[)\]]")),
)


def _numbering(text: str) -> str:
    """How a heading is numbered ("① ", "1. ", "1) ", "(1) ", "[1] ", or its mark)."""
    if text[:1] in _MARK_STARTS and (mark := _HEADING_MARK.match(text)) is not None:
        rest = text[mark.end() :]
        return next((n for n, p in _NUMBERING if p.match(rest)), "mark" + text[: mark.end()])
    return next((n for n, p in _NUMBERING if p.match(text)), "none")


def _without_leading_tags(text: str) -> str:
    return _LEADING_TAGS.sub("", text) if text.lstrip()[:1] == "<" else text


_NAME_ENDINGS = tuple(layout()["name_closers"])
#: lines that never go on with a heading's name: marks, bullets, numbers, notes
_NOT_NAME_STARTS = frozenset("-•○◦▪●∙·※*#■□◆◇▶▷►➤◎★☆❖◈[(〈《【0123456789①②③④⑤⑥⑦⑧⑨⑩")
#: a sentence of its own, as a closing remark is written ("… 반영할 예정입니다.")
_SENTENCE = re.compile(r"(?:니다|이다|한다|된다|있다|했다)\s*\.?$")
#: how a complete finding ends: a finding's word ("… 필요"), a sentence's end, a parenthesis
_FINDING_END = re.compile(
    rf"(?:{'|'.join(layout()['finding_endings'] + layout()['finding_results'])}|함|음|임|다)\s*\.?$"
    r"|\)\s*$"
)


#: a finding's end followed by a closing sentence on the same line: "… 단축 필요. 이상의 평가
#: 결과는 … 반영할 예정입니다." (it opens as remarks do, ``layout.yaml`` remark_openers)
_GLUED_REMARK = re.compile(
    rf"^(?P<finding>.*?(?:{'|'.join(layout()['finding_endings'])}))\.?\s+"
    rf"(?:{'|'.join(layout()['remark_openers'])})\S*\s+\S+\s+\S.*"
    r"(?:니다|이다|한다|된다|있다|했다)\s*\.?$"
)


def _without_remark(text: str) -> str:
    """The last finding of a page without a closing remark written on its line."""
    if "다" not in text:
        return text
    m = _GLUED_REMARK.match(text)
    return m.group("finding") if m is not None else text


def _closes(last: str, p: str) -> bool:
    """``p``, an unbulleted line after a complete finding, is a remark closing the page
    ("이상의 평가 결과는 … 반영할 예정입니다."), not more of the finding: it is a sentence of
    its own, and the finding before it had ended."""
    return _SENTENCE.search(p) is not None and _FINDING_END.search(last) is not None


def _clean_finding(parts: list[str]) -> str:
    text = " ".join(parts)
    if " ※" in text:  # a note written on the finding's line: "… 필요 ※ 기준은 지침 참조"
        text = text.partition(" ※")[0]
    if "  " in text or "\t" in text:
        text = collapse(text)
    while (m := _ITEM_BULLET.match(text)) is not None and m.end() > 0:
        text = text[m.end() :]
    return text.strip()
