"""Stage 3: the overview and results sections → the round's facts and published figures.

The overview is ``key : value`` bullets (근거, 기간, 대상, 기관, 내용); the results are
sentences with numbers in them ("평균 79.05점", "75점 미만 … 없음", "1~3차 합산 47개 중
13개(27.7%)", "전년 대비 3.6점 하락"), read segment by segment (``*`` and ``※`` start a
new one).  Each figure keeps the line and the words it came from.  A results line listing
each service's score ("사무별 점수 : ① 청소년노동인권센터 83.10점, …"), and scores written after
the names below the cutoff ("… 2개 : A(72.10점), B(70.55점)"), are kept for the score stage,
which gives the scores to the services once their headings are read; the names keep no score.
A note on the rule behind the cutoff ("※ … 관리지침에 따른 재계약 기준(75점) 적용") is kept
with the usage lines.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from knowledge.disclosure.bands import Bands, band_of
from knowledge.disclosure.draft import MIN_YEAR, Draft, decimals, year_of
from knowledge.disclosure.findings import is_footer, named_score
from knowledge.disclosure.layout import key_kind, layout
from knowledge.disclosure.lines import Line
from knowledge.disclosure.marks import without_list_mark
from knowledge.disclosure.prose import restated, sentences
from knowledge.disclosure.scopes import PieceScope, pieces
from knowledge.disclosure.sections import YEAR, Section
from knowledge.model import Scope
from knowledge.textnorm import collapse

NUM = r"[0-9]+(?:\.[0-9]+)?"
CIRCLED = "①-⑳"
_BULLET = re.compile(r"^(?:(?:[-•○◦▪●∙·▶▷►➢✓◇◆]|ㅇ(?=\s))\s*)+")
_BULLET_CHARS = frozenset("-•○◦▪●∙·▶▷►➢✓◇◆ㅇ")


def strip_bullet(text: str) -> str:
    """A line without its leading bullets ("- ", "○ ", "ㅇ ")."""
    return _BULLET.sub("", text).strip() if text[:1] in _BULLET_CHARS else text.strip()


def read_usage(draft: Draft, section: Section) -> None:
    """A section of its own on how the results are used: one line per bullet.  A "※" note
    is a footnote of the page ("※ 본 페이지는 …"), unless it states the rule behind the cutoff."""
    for _, p in section.body:
        rule = _RULE_NOTE_SUBJECT.search(p) and _RULE_NOTE_SOURCE.search(p)
        if (p.startswith("※") and not rule) or is_footer(p) or not _WORD.search(p):
            continue  # a footnote, a footer, a rule "====="
        if p:  # a paragraph of prose: a usage per sentence, as a list has one per bullet
            for sentence in sentences(p) if ". " in p else [p]:
                draft.usage.append(without_list_mark(strip_bullet(collapse(sentence))))


_WORD = re.compile(r"[가-힣A-Za-z0-9]")
#: the start of an item of its own: a bullet, a note, a number or a sub-item's mark
_ITEM_START = re.compile(
    r"^(?:[-•○◦▪●∙·▶▷►➢✓◇◆※*□■ㅇ]|[0-9]{1,2}\s*[.)]|\(\s*(?:[0-9]{1,2}|[가-하])\s*\)|[가-하]\s*[.)])"
)
#: a line that stands on its own under an item: a table row, a figure ("75점 미만 비율 …")
_OWN_LINE = re.compile(r"^[0-9]|.*[\t|]")
#: the end of a sentence, after which an indented line is an item's note, not its rest
_ITEM_END = re.compile(r"(?:[.。]|다)$")


def aligned_keys(body: list[tuple[Line, str]]) -> list[tuple[Line, str]]:
    """``body`` with a two-column table laid out in spaces under a header "구 분 / 내 용" read
    as "key : value" items: a row is a key, a gap of spaces and its value; a line starting
    at the value's column (under it, nothing in the key's) continues the value ("추진근거
    「… 조례」" / "                제18조").  Read as lines, no key had a colon and the overview
    (legal basis, period, evaluator, areas) was lost."""
    headers = layout()["aligned_headers"]
    out: list[tuple[Line, str]] = []
    column: int | None = None  # the values' column, once the header is seen
    for line, p in body:
        raw = line.text.rstrip()
        squeezed = re.sub(r"\s+", "", raw).lower()
        if line.row is None and any(
            squeezed == k + c for k in headers["kind"] for c in headers["content"]
        ):
            column = -1
            continue
        if column is None or (column != -1 and not raw.strip()):
            column = None if not raw.strip() else column
            out.append((line, p))
            continue
        if _ALIGNED_RULE.match(raw):
            continue  # "──────── ──────────"
        indent = len(raw) - len(raw.lstrip(" "))
        if (row := _ALIGNED_ROW.match(raw)) is not None:
            at = row.start("value")  # a page laid out for the eye: a Hangul is two cells
            column = at if indent == at else _width(raw[:at])
            out.append((line, f"{row.group('key')} : {row.group('value').strip()}"))
        elif column > 0 and out and indent in (column, _width(raw[:indent])):
            out[-1] = (out[-1][0], f"{out[-1][1]} {raw.strip()}")
        else:
            column = None
            out.append((line, p))
    return out


def _width(text: str) -> int:
    """The display width of ``text``: wide (Hangul, CJK) characters are two cells."""
    return sum(
        2 if ch >= "\u1100" and unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text
    )


#: a rule under a header laid out in text
_ALIGNED_RULE = re.compile(r"^[\s─━=\-_]+$")
#: a key and its value in a two-column table laid out in spaces: "  추진근거      「…」"
_ALIGNED_ROW = re.compile(
    r"^\s*(?P<key>[가-힣A-Za-z][가-힣A-Za-z ]{0,10}?[가-힣A-Za-z])\s{2,}(?P<value>\S.*)$"
)


def hanging(body: list[tuple[Line, str]]) -> list[tuple[Line, str]]:
    """``body`` with each bulleted item of a text page joined with its hanging lines: a line
    with no mark of its own, indented deeper than the item's bullet, continues the item
    ("- Legal basis: Article 18 of the … of" / "     Administrative Affairs").  Read line
    by line, a statement lost its second half (a legal basis cut, an evaluator's name in
    parentheses lost, one usage line stored as two) and a list of names broke apart."""
    out: list[tuple[Line, str]] = []
    item_indent: int | None = None
    for line, p in body:
        raw = line.text
        indent = len(raw) - len(raw.lstrip(" "))
        if (
            item_indent is not None
            and p
            and out
            and indent > item_indent
            and line.row is None
            and not _OWN_LINE.match(p)
            and "\t" not in out[-1][1]
            and not _ITEM_START.match(p)
            and not _ITEM_END.search(out[-1][1])
        ):
            out[-1] = (out[-1][0], f"{out[-1][1]} {p.strip()}")
            continue
        item_indent = indent if p[:1] in _BULLET_CHARS and line.row is None else None
        out.append((line, p))
    return out


def cutoff_from_usage(draft: Draft) -> None:
    """The cutoff, when the results did not state it but the usage lines do."""
    if "cutoff" in draft.fields:
        return
    for text in draft.usage:
        m = _CUTOFF.search(text)
        if m:
            draft.fields["cutoff"] = float(m.group("cut"))
            return


_KEY_CELL = re.compile(r"^([가-힣][가-힣 ]{0,14}?)\s*\t\s*(?=\S)")
_KEY_VALUE = re.compile(r"^(?P<key>[가-힣][가-힣 ]{0,14}?)\s*:\s*(?P<value>.*)$")


#: numbering of a sub-item, dropped like a bullet: "가. 근거 : …", "(1) name … 68.40점", "1) …"
_SUB_MARK = re.compile(
    r"^(?:[가-하]\s*[.)]|[(\[]\s*(?:[가-하]|[0-9]{1,2})\s*[)\]]|[0-9]{1,2}\s*\)|[0-9]{1,2}\.(?![0-9]))\s*"
)
#: the sections whose statements are the round's own; a statement elsewhere (a heading no
#: topic names) only fills in what these left unstated, and never refuses the document
PRIMARY = frozenset({"results", "overview", "preamble"})


def read_statements(draft: Draft, section: Section, reader: _Statements | None = None) -> None:
    """A section of statements: ``key : value`` items and numeric sentences.

    Any section may hold any statement (an overview may state the average, a results list
    the evaluator); what a key is about is looked up in ``layout.yaml``.  A year's summary
    ("3. 2024년도 연간 종합") states figures of the year: the caller passes its ``reader``
    (``knowledge.disclosure.yearly.YearStatements``).
    """
    if section.kind == "results":
        draft.where.setdefault("results", section.heading.no)
    if reader is None:
        reader = _Statements(draft, primary=section.kind in PRIMARY)
    in_usage = False
    for line, p in _keyed_rows(section.body) if "\t" in _tabs(section.body) else section.body:
        body = strip_bullet(p)
        if body[:1] in _SUB_START and (mark := _SUB_MARK.match(body)) is not None:
            body = strip_bullet(body[mark.end() :])
        if "\t" in body and ":" not in body:  # a two-cell row "평가기간 | 2025년 7월 ~ 9월"
            body = _KEY_CELL.sub(r"\g<1> : ", body, count=1)
        for sentence in _sentences(body):
            if len(sentence) > 15 and sentence[-1:] in "다.":  # prose: its items, in its words
                sentence, items = restated(sentence)
                for item in items:
                    _read_item(draft, section, reader, line, item, False)
            in_usage = _read_item(draft, section, reader, line, sentence, in_usage)


def _tabs(body: list[tuple[Line, str]]) -> str:
    """A tab if any line of ``body`` has cells (most sections have none)."""
    return "\t" if any("\t" in p for _, p in body) else ""


#: a cell holding a figure and nothing else: "14개", "76.84점", "4개(28.6%)"
_VALUE_CELL = re.compile(r"^[0-9][0-9.,]*\s*(?:개|점|%|명|건)?\s*(?:\([^()]*\))?$")


def _keyed_rows(body: list[tuple[Line, str]]) -> list[tuple[Line, str]]:
    """``body`` with a header row of keys over one row of figures ("평가 사무 수 | 평균 점수 |
    75점 미만 사무 수" / "14개 | 76.84점 | 4개(28.6%)") read as one "key : value" item per
    column, as a list of items would state them: row by row, a header says nothing and a
    row of bare figures says nothing either."""
    out: list[tuple[Line, str]] = []
    skip = -1
    for i, (line, p) in enumerate(body):
        if i <= skip:
            continue
        keys = p.split("\t")
        j = i + 1
        while len(keys) > 1 and j < len(body) and _TABLE_RULE.match(body[j][1]):
            j += 1  # "|---|---|" under a Markdown header
        values = body[j][1].split("\t") if len(keys) > 1 and j < len(body) else []
        if (
            len(values) == len(keys)
            and all(_WORD.search(k) and not _VALUE_CELL.match(k.strip()) for k in keys)
            and all(_VALUE_CELL.match(v.strip()) for v in values)
            and sum(band_of(k) is not None for k in keys) < 2  # bands: ``Bands`` reads them
        ):
            out += [
                (body[j][0], f"{k.strip()} : {v.strip()}")
                for k, v in zip(keys, values, strict=True)
            ]
            skip = j
        else:
            out.append((line, p))
    return out


_TABLE_RULE = re.compile(r"^[\s|:\-=+─━]+$")


#: the end of a sentence inside a paragraph (an HTML <p> is one line): "…상승하였습니다. 최고 …"
_SENTENCE_END = re.compile(r"(?<=[다음함임])\.\s+(?=\S)")


def _sentences(body: str) -> list[str]:
    """The sentences of a line, each a statement of its own ("최고 점수는 …입니다" is a
    prose item only as a sentence of its own)."""
    if not body:
        return []
    return _SENTENCE_END.split(body) if ". " in body and ":" not in body else [body]


def _read_item(
    draft: Draft, section: Section, reader: _Statements, line: Line, body: str, in_usage: bool
) -> bool:
    """One statement: a usage line, a keyed item, or a results sentence; returns whether
    the lines that follow are still the usage's."""
    kv = _KEY_VALUE.match(body) if ":" in body else _prose_item(body)
    key = kv.group("key").replace(" ", "") if kv else None
    if kv and key and key_kind(key, loose=True) == "usage":
        draft.where.setdefault("usage", line.no)
        if kv.group("value").strip():
            draft.usage.append(without_list_mark(collapse(kv.group("value"))))
        return True
    if in_usage and key is None:
        draft.usage.append(collapse(body))
        return True
    kind = key_kind(key, loose=section.kind == "overview") if kv and key else None
    if kv and kind is None and _names_evaluator(kv.group("value")):
        kind = "evaluator"  # "평가 : 외부 전문기관(…)": the value says what the key is
    if kv and kind is not None:
        reader.item(kind, collapse(kv.group("value")), line, key or "")
    else:
        if section.kind == "results" and kv is None and _USAGE_SENTENCE.search(body):
            _add_usage(draft, body, line)  # "평가 결과는 … 위탁사업 개선에 활용"
        reader.result_line(body, line)
    return False


#: a results sentence on how the results are used: it ends in "활용"/"반영", or in the rule
#: it follows ("… 공개모집으로 선정(관리지침)", "… 반영(조례 제12조)")
_USAGE_SENTENCE = re.compile(
    r"(?:활용|반영)(?:함|한다|합니다|할\s*예정|예정)?\s*\.?$"
    r"|\((?:[^()]*지침|조례\s*제\s*[0-9]+\s*조)\)\s*\.?$"
)


def _add_usage(draft: Draft, body: str, line: Line) -> None:
    """A usage line found among the results, once: a note's mark dropped, so a "※" note read
    both as a results sentence and as the rule behind the cutoff is one line, not two."""
    text = without_list_mark(collapse(body).lstrip("*※ "))
    if text not in draft.usage:
        draft.where.setdefault("usage", line.no)
        draft.usage.append(text)


#: a statement in prose: "평가 기간은 2024년 10월 ~ 12월입니다." (its key must be a known one)
_PROSE = re.compile(
    r"^(?P<key>[가-힣][가-힣 ]{0,10}?)(?:은|는)\s+(?P<value>.+?)\s*"
    r"(?:(?:이|였|이었)?(?:습니다|입니다|니다|이다|다|임|음))?\s*\.?$"
)


def _prose_item(body: str) -> re.Match[str] | None:
    """A prose sentence whose subject is a known key, read like "key : value"."""
    m = _PROSE.match(body) if ("은 " in body or "는 " in body) else None
    if m is None or key_kind(m.group("key").replace(" ", ""), loose=False) is None:
        return None
    return m


#: a name quoted in prose, with its particle: "「서울시 여성능력개발원 운영」의" → the name
_QUOTED = re.compile(
    r"^[「『“\"‘'](?P<name>[^」』”\"’']+)[」』”\"’']\s*(?:의|은|는|이|가|으로|로)?$"
)


def _unquoted(name: str) -> str:
    m = _QUOTED.match(name)
    return collapse(m.group("name")) if m else name


def _names_evaluator(value: str) -> bool:
    """A value that names the body that evaluated: "외부 전문기관(주식회사 ○○)"."""
    key = value.replace(" ", "")
    return any(key.startswith(word) for word in layout()["evaluator_generic"])


_SUB_START = frozenset("가나다라마바사아자차카타파하([0123456789")
#: a key naming the round's highest score ("최고점", "최고 점수"), not its lowest
_HIGHEST = re.compile(r"^최고")


# ---- overview ----------------------------------------------------------------------------------
_RANGE = re.compile(r"\s*[~\-–—]\s*")
_YEAR_MONTH = re.compile(
    rf"(?:(?P<y>{YEAR})\s*(?:년\s*도?|\.)\s*)?(?P<m>[0-9]{{1,2}})(?![0-9])\s*(?:월|\.|$)"
)
#: "47개 사무 중 6개", "61개 사무 중 제2차분 15개", "7개 (2026년 평가대상 49개 사무 중)"
_OF_TOTAL = re.compile(
    r"(?P<total>[0-9]+)\s*개\s*(?:[가-힣]+\s*)?중\s*(?:제?\s*[0-9]{1,2}\s*차\s*분?\s*)?"
    r"(?P<n>[0-9]+)\s*개"
    r"|(?P<n2>[0-9]+)\s*개\s*(?:사무)?\s*\([^()]*?(?P<total2>[0-9]+)\s*개\s*(?:[가-힣]+\s*)?중\s*\)"
)
_COUNT = re.compile(r"(?P<n>[0-9]+)\s*개")
_PAREN = re.compile(r"\((?P<inner>[^()]*)\)")
_LEGAL_FORM = re.compile(
    r"\(\s*(?:재|사|주|재단법인|사단법인|주식회사)\s*\)|㈜|㈔|㈎|재단법인|사단법인|주식회사"
)
_TOTAL_POINTS = re.compile(r"(?:총\s*(?P<a>[0-9]+)\s*점|(?P<b>[0-9]+)\s*점\s*만점)")
_AREA_POINTS = re.compile(r"\(\s*(?:총\s*)?[0-9]+\s*점\s*(?:만점)?\s*\)|총\s*[0-9]+\s*점")
_AREA_SPLIT = re.compile(r"\s*[,、]\s*|\s+/\s+")  # "공통분야 / 개별분야"
_AREA_LAST = re.compile(r",?\s+(?:and|및)\s+")
#: one area and its points: "공통분야(40점)", "사용자 만족도 (10점)"
_AREA_WITH_POINTS = re.compile(
    r"^(?P<area>[^()]*?[가-힣A-Za-z][^()]*?)\s*\(\s*(?P<p>[0-9]{1,3})\s*점\s*\)"
)


def area_points(value: str, total: int | None) -> tuple[tuple[str, int], ...]:
    """Each area's points as the scoring statement gives them ("공통분야(40점), 개별분야(50점),
    사용자 만족도(10점) / 총 100점"): all the areas' or none, and only when they add up to
    the stated total, so a stray number in parentheses is never taken for an area's points."""
    body = _TOTAL_POINTS.sub("", re.sub(r"\(\s*총\s*[0-9]+\s*점\s*(?:만점)?\s*\)", "", value))
    parts = [p.strip(" /") for p in _AREA_SPLIT.split(body) if p.strip(" /")]
    found = [_AREA_WITH_POINTS.match(p) for p in parts]
    if not found or any(m is None for m in found):
        return ()
    points = tuple((m["area"].strip(), int(m["p"])) for m in found if m is not None)
    if total is not None and sum(p for _, p in points) != total:
        return ()
    return points


# ---- results -----------------------------------------------------------------------------------
_SEGMENTS = re.compile(r"(?:^|\s)\*+\s*|※")
#: what may stand between "평균" and its number: "평균 : ", "평균 점수는 ", "평균은 ", "평균이 "
AVG_GAP = r"\s*(?:점수)?\s*(?::|은|는|이|가)?\s*"
#: the points of an average: "79.05점", or a score's two decimals with no unit ("평균 : 79.05");
#: "평균 79" or "13.10%" is no score
POINTS = r"(?:\s*점|(?<=\.[0-9]{2})(?![0-9]|\.[0-9]|\s*[%개명차년]))"
_YEAR_AVG = re.compile(
    rf"(?P<y>{YEAR})\s*년\s*도?\s*(?:전체|연간|연)?\s*평균{AVG_GAP}(?P<v>{NUM}){POINTS}"
)
_YEAR_AVG_BARE = re.compile(rf"(?:전체|연간|연)\s*평균{AVG_GAP}(?P<v>{NUM}){POINTS}")
_ROUND_AVG = re.compile(rf"평균{AVG_GAP}(?P<v>{NUM}){POINTS}")
_STATED_SERVICES = re.compile(r"(?P<n>[0-9]+)\s*개\s*(?:민간위탁\s*)?사무")
_COMPARE = re.compile(
    rf"(?P<label>전년도?|전차|전체|직전\s*차수|직전)?\s*(?:\((?P<inner>[^()]*)\))?\s*"
    rf"대비\s*(?P<d>{NUM})\s*(?:점|%p)?\s*(?P<dir>하락|감소|하향|상승|증가|상향)"
)
_COMPARE_INNER = re.compile(
    rf"^\s*(?P<y1>{YEAR})\s*(?:년\s*도?\s*)?(?:~\s*(?P<y2>{YEAR})\s*(?:년\s*도?\s*)?)?"
    rf"(?:(?:전체|연간|연)?\s*평균\s*:?\s*)?(?P<v>{NUM})?\s*점?\s*$"
)
#: "75점 미만", "기준(75점) 미달", "75점 미달"
_CUTOFF = re.compile(rf"(?P<cut>{NUM})\s*점\s*\)?\s*(?:미만|미달)")
#: public: the reader looks for statements of the cutoff under a score table's heading
CUTOFF = _CUTOFF
#: the year named just before rounds added up: "2025년 1~2차 합산", "'25년 제1~2차"
_YEAR_BEFORE = re.compile(rf"(?P<y>{YEAR})\s*년\s*(?:도\s*)?(?:제\s*)?$")
_CUMULATIVE = re.compile(
    rf"(?P<a>[0-9]{{1,2}})\s*차?\s*~\s*(?P<b>[0-9]{{1,2}})\s*차\s*(?:합산|누적|누계|전체)?\s*:?\s*"
    rf"(?P<den>[0-9]+)\s*개\s*(?:[가-힣]+\s*)?중\s*(?P<n>[0-9]+)\s*개(?:\s*사무)?\s*"
    rf"(?:\(\s*(?P<pct>{NUM})\s*%\s*\)|,\s*(?P<pct2>{NUM})\s*%)?"
)
#: words that may give a piece of a statement a scope of its own (``scopes.pieces``)
_SCOPE_HINT = re.compile(r"년|차|합산|누적|누계|연간|전체|올해|금년|작년|지난\s*해|한\s*해")
#: a count below the cutoff in a scoped piece, after "75점 미만": " 8개(13.1%)", " : 9개 (15.5%)",
#: " 61개 중 8개(13.1%)", "은 9개"
_SCOPED_BELOW = re.compile(
    rf"^\s*(?:사무\s*)?(?:은|는|이|가)?\s*:?\s*(?:(?P<den>[0-9]+)\s*개\s*(?:[가-힣]+\s*)?중\s*)?"
    rf"(?P<n>[0-9]+)\s*개(?:\s*사무)?\s*(?:\(\s*(?P<pct>{NUM})\s*%\s*\))?"
)
_NONE_WORDS = ("없음", "없다", "없었", "해당 없", "해당없")
_DOWN = ("하락", "감소", "하향")
#: words of a statement about more than the round: a year, rounds added up, a distribution
_OTHER_SCOPE = re.compile(rf"{YEAR}\s*년|합산|누적|누계|연간|전체|분포|[0-9]\s*~\s*[0-9]+\s*차")
#: words of a statement, never of a service's name in a list
_STATEMENT_WORDS = ("평균", "미만", "미달", "이상", "대비", "합산", "최고", "최저", "합계")
#: a summary row's number cell after "평균": "평균<TAB>78.40" → "평균 78.40점"
_SUMMARY_CELL = re.compile(rf"(평균)\s*\t\s*({NUM})(?![0-9.])(?!\s*점)")
#: a change between two years: "2023년 74.02점 → 2024년 78.52점 (4.50점 상승)"
_ARROW = re.compile(
    rf"(?P<y1>{YEAR})\s*년\s*도?\s*(?P<v1>{NUM})\s*점\s*(?:→|->|⇒)\s*"
    rf"(?P<y2>{YEAR})\s*년\s*도?\s*(?P<v2>{NUM})\s*점"
    rf"(?:\s*[(,]?\s*(?P<d>{NUM})\s*점\s*(?P<dir>하락|감소|하향|상승|증가|상향))?"
)
#: a results note on which rule the cutoff follows ("※ '22.7월 개정 관리지침에 따른 재계약
#: 기준(75점) 적용"): kept with the usage lines, the only place a round says why its cutoff is
#: what it is — it needs both what the rule is about and where it comes from
_RULE_NOTE_SUBJECT = re.compile(r"재계약|배제|미만")
_RULE_NOTE_SOURCE = re.compile(r"지침|조례|기준")


class _Statements:
    """Reads statements in order; ``subject`` is the scope the last average was about, which
    a following comparison ("전년 대비 3.6점 하락") refers to."""

    def __init__(self, draft: Draft, *, primary: bool = True) -> None:
        self.draft = draft
        self.primary = primary
        self.subject: Scope | None = None
        self.after_cutoff = False
        #: services still to come in a list under a count below the cutoff ("3개" then
        #: "(1) name ···· 68.40점" lines)
        self.pending_below = 0
        self.bands = Bands(draft)

    # ---- key : value items ----
    def item(self, kind: str, value: str, line: Line, key: str = "") -> None:
        """An item whose key says what it is about (``layout.key_kind``); ``key`` as written,
        spaces removed."""
        draft = self.draft
        if kind == "legal_basis":
            draft.fields.setdefault("legal_basis", value)
            draft.where.setdefault("legal_basis", line.no)
        elif kind == "period" and "period_start" not in draft.fields:
            self.period(value, line)
        elif kind == "evaluated":
            self.evaluated(value, line)
        elif kind == "evaluator" and "evaluator" not in draft.fields:
            draft.fields["evaluator"] = _evaluator(value)
            draft.where["evaluator"] = line.no
        elif kind == "scoring" and "scoring_areas" not in draft.fields:
            self.scoring(value, line)
        elif kind == "top_score":
            name, score = named_score(value, listed=True)
            name = _unquoted(name)
            if score is not None:
                draft.listed_scores.append((line, None, name, score))
                if self.primary and _HIGHEST.match(key):  # the page names the round's best
                    scope = draft.round_scope
                    draft.figure(scope, "top_score", score, line, line.text, text=name)

    def period(self, value: str, line: Line) -> None:
        sides = _RANGE.split(value, maxsplit=1)
        start = _YEAR_MONTH.search(sides[0])
        end = _YEAR_MONTH.search(sides[1]) if len(sides) > 1 else start
        if start is None or end is None:
            return
        y1 = year_of(start.group("y")) if start.group("y") else self.draft.year
        m1, m2 = int(start.group("m")), int(end.group("m"))
        y2 = year_of(end.group("y")) if end.group("y") else y1 + (m2 < m1)
        if 1 <= m1 <= 12 and 1 <= m2 <= 12 and (y1, m1) <= (y2, m2):
            self.draft.fields.update(
                {"period_start": f"{y1:04d}-{m1:02d}", "period_end": f"{y2:04d}-{m2:02d}"}
            )
            self.draft.where["period"] = line.no

    def evaluated(self, value: str, line: Line) -> None:
        draft = self.draft
        m = _OF_TOTAL.search(value)
        if m:
            total, n = m.group("total") or m.group("total2"), m.group("n") or m.group("n2")
            draft.fields["services_in_year"] = int(total)
            draft.where["services_in_year"] = line.no
            draft.figure(Scope.year(draft.year), "services_in_year", total, line, value)
        else:
            m = _COUNT.search(value)
            if m is None:
                return
            n = m.group("n")
        draft.stated_counts.append((int(n), line))
        draft.fields["services_evaluated"] = int(n)
        draft.where["services_evaluated"] = line.no
        draft.figure(draft.round_scope, "services_evaluated", n, line, value)

    def scoring(self, value: str, line: Line) -> None:
        m = _TOTAL_POINTS.search(value)
        if m:
            self.draft.fields["max_points"] = int(m.group("a") or m.group("b"))
        listed = _AREA_SPLIT.split(_AREA_POINTS.sub("", value))
        if len(listed) > 1:  # "A, B and C", "A, B 및 C": the joining word parts the last two
            listed[-1:] = _AREA_LAST.split(listed[-1], maxsplit=1)
        areas = [a.strip(" ―—–-:") for a in listed]
        self.draft.fields["scoring_areas"] = tuple(a for a in areas if a)
        self.draft.where["scoring"] = line.no
        if points := area_points(value, self.draft.fields.get("max_points")):
            self.draft.fields["area_points"] = points

    # ---- results ----
    def result_line(self, body: str, line: Line) -> None:
        if self.bands.line(line, body):
            return  # "75점 미만 | 2": a band's count, no statement of the cutoff
        if listed := _listed_scores(body):
            self.draft.listed_scores.extend((line, *item) for item in listed)
            return
        if self.pending_below and self.below_item(body, line):
            return
        self.pending_below = 0
        if (scored := _service_score(body)) is not None:  # "가상 ○○센터 운영   72.30점"
            self.draft.listed_scores.append((line, None, *scored))
            return
        if "\t" in body and "평균" in body:  # a table's summary row: "8개 사무 평균 | 78.40"
            body = _SUMMARY_CELL.sub(r"\g<1> \g<2>점", body)
        for arrow in _ARROW.finditer(body) if "→" in body or "->" in body else ():
            self.arrow(arrow, line)
        # a note line ("* '24년 1~2차 합산 9개 중 4개(44.4%)") under the cutoff statement
        # belongs to it, as it would written on the same line
        note = body.startswith(("*", "※"))
        if note and _RULE_NOTE_SUBJECT.search(body) and _RULE_NOTE_SOURCE.search(body):
            _add_usage(self.draft, body, line)
        has_cutoff = "미만" in body or "미달" in body or (note and self.after_cutoff)
        self.after_cutoff = has_cutoff
        for segment in _SEGMENTS.split(body):
            segment = segment.strip(" ,")
            if segment:
                self.result_segment(segment, line, has_cutoff)

    def result_segment(self, seg: str, line: Line, has_cutoff: bool) -> None:
        """A segment of a results line, cut into the pieces its own words give a scope
        (``scopes.pieces``): the round's, then the year's or another year's."""
        compares = list(_COMPARE.finditer(seg)) if "대비" in seg else []
        if _SCOPE_HINT.search(seg) is None:
            self.round_piece(seg, line, has_cutoff, compares)
            return
        for scope, piece in pieces(seg, self.draft.year, tuple(c.span() for c in compares)):
            found = list(_COMPARE.finditer(piece)) if "대비" in piece else []
            if scope is None:
                self.round_piece(piece, line, has_cutoff, found)
            else:
                self.scoped_piece(scope, piece, line, has_cutoff, found)

    def round_piece(
        self, seg: str, line: Line, has_cutoff: bool, compares: list[re.Match[str]]
    ) -> None:
        draft = self.draft
        rest = _COMPARE.sub(" ", seg) if compares else seg
        self.bands.prose(line, rest, None)
        has_average = "평균" in rest
        m = (_YEAR_AVG.search(rest) or _YEAR_AVG_BARE.search(rest)) if has_average else None
        if m is not None:
            year = year_of(m.group("y")) if "y" in m.groupdict() else draft.year
            self.subject = Scope.year(year)
            draft.where.setdefault("year_average", line.no)
            draft.figure(self.subject, "average_score", m.group("v"), line, seg)
        elif has_average and "average_score" in draft.fields:
            self.restated_average(rest, line)
        elif has_average and (m := _ROUND_AVG.search(rest)) is not None:
            self.subject = draft.round_scope
            draft.fields["average_score"] = float(m.group("v"))
            draft.fields["average_precision"] = decimals(m.group("v"))
            draft.where["average_score"] = line.no
            draft.figure(self.subject, "average_score", m.group("v"), line, seg)
            stated = _STATED_SERVICES.search(rest)
            if stated:
                draft.stated_counts.append((int(stated.group("n")), line))
                draft.where.setdefault("services_evaluated", line.no)
                draft.fields.setdefault("services_evaluated", int(stated.group("n")))
                draft.figure(self.subject, "services_evaluated", stated.group("n"), line, seg)
        for c in compares:
            self.comparison(c, line)
        if has_cutoff:
            self.below_cutoff(seg, line)

    def scoped_piece(
        self,
        scope: PieceScope,
        seg: str,
        line: Line,
        has_cutoff: bool,
        compares: list[re.Match[str]],
    ) -> None:
        """A piece about the year's rounds together or another year ("2024년 제1~3차 합산 :
        61개 사무 평균 78.52점, 75점 미만 8개(13.1%)"): figures of that scope, never the
        round's; a change after its average ("전년도(2024년) 전체 평균 78.52점 대비 1.85점
        상승") is the subject's against it."""
        draft = self.draft
        rest = _COMPARE.sub(" ", seg) if compares else seg
        den = self.scoped_services(scope, rest, line, seg)
        self.bands.prose(line, rest, scope.below)
        average = _ROUND_AVG.search(rest) if "평균" in rest else None
        if average is not None:
            draft.where.setdefault("year_average", line.no)
            draft.figure(scope.average, "average_score", average.group("v"), line, seg)
        for c in compares:
            if c.group("label") or c.group("inner") or average is None:
                self.comparison(c, line)
            elif self.subject is not None and self.subject != scope.average:
                self.difference(c, scope.average, line)
        if average is not None and not compares:
            self.subject = scope.average
        cumulative = _CUMULATIVE.search(seg) if has_cutoff and "중" in seg else None
        if cumulative is not None:
            self.cumulative(cumulative, line, seg)
        elif (cut := _CUTOFF.search(rest)) is not None and (
            below := _SCOPED_BELOW.match(rest[cut.end() :])
        ):
            den = int(below.group("den")) if below.group("den") else den
            draft.where.setdefault("cumulative_below_cutoff", line.no)
            draft.figure(scope.below, "below_cutoff", below.group("n"), line, seg, denominator=den)
            if below.group("pct"):
                draft.figure(
                    scope.below,
                    "below_cutoff_share_pct",
                    below.group("pct"),
                    line,
                    seg,
                    denominator=den,
                )

    def scoped_services(self, scope: PieceScope, rest: str, line: Line, seg: str) -> int | None:
        """The services a scoped piece counts ("61개 사무"): the year's, or its rounds so far."""
        m = _STATED_SERVICES.search(rest)
        if m is None:
            return None
        n, where = m.group("n"), scope.average
        if where.round_start is not None:
            self.draft.figure(where, "services_evaluated", n, line, seg)
            return int(n)
        if scope.year == self.draft.year:
            self.draft.fields.setdefault("services_in_year", int(n))
            self.draft.where.setdefault("services_in_year", line.no)
        self.draft.figure(where, "services_in_year", n, line, seg)
        return int(n)

    def difference(self, m: re.Match[str], compared: Scope, line: Line) -> None:
        """A stated change of the subject against ``compared``, the scope just named."""
        assert self.subject is not None
        sign = "-" if m.group("dir") in _DOWN else ""
        self.draft.where.setdefault("average_diff", line.no)
        self.draft.figure(
            self.subject,
            "average_diff",
            sign + m.group("d"),
            line,
            m.group().strip(),
            compared_to=compared,
        )

    def restated_average(self, rest: str, line: Line) -> None:
        """The round's average stated again ("제3차 평균 : 77.80점" in a summary and under the
        table): it must be the same number."""
        m = _ROUND_AVG.search(rest)
        stated = self.draft.fields.get("average_score")
        if m is None or not self.primary or stated is None:
            return
        self.subject = self.draft.round_scope
        if abs(float(m.group("v")) - stated) > 1e-9:
            shown = f"{stated:.{self.draft.fields.get('average_precision', 2)}f}"
            self.draft.fail(
                line,
                f"expected the average stated on line {self.draft.where.get('average_score')} "
                f"({shown}), not {m.group('v')}",
            )

    def comparison(self, m: re.Match[str], line: Line) -> None:
        subject = self.subject
        if subject is None:
            return
        inner = _COMPARE_INNER.match(m.group("inner") or "")
        compared: Scope | None = None
        if inner and year_of(inner.group("y1")) >= MIN_YEAR:
            y1 = year_of(inner.group("y1"))
            y2 = year_of(inner.group("y2")) if inner.group("y2") else y1
            compared = Scope.year(y1) if y1 == y2 else Scope.years(y1, y2)
        elif (
            (m.group("label") or "").startswith("전년")
            and subject.round_start is None
            and subject.year_start is not None
        ):
            compared = Scope.year(subject.year_start - 1)
        if compared is None:
            return
        quote = m.group().strip()
        if inner and inner.group("v"):
            self.draft.figure(compared, "average_score", inner.group("v"), line, quote)
        sign = "-" if m.group("dir") in ("하락", "감소", "하향") else ""
        self.draft.where.setdefault("average_diff", line.no)
        self.draft.figure(
            subject, "average_diff", sign + m.group("d"), line, quote, compared_to=compared
        )

    def below_item(self, body: str, line: Line) -> bool:
        """A line of the list under a count below the cutoff: "(1) name ····· 68.40점", or a
        bare name where no scores are published ("- 서울시 ○○센터 운영")."""
        name, score = named_score(without_list_mark(collapse(body)), listed=True)
        if any(word in name for word in _STATEMENT_WORDS):
            return False
        draft = self.draft
        if score is None:
            if not _is_bare_name(name):
                return False
            draft.fields["below_cutoff_names"] = (*draft.fields.get("below_cutoff_names", ()), name)
            self.pending_below -= 1
            return True
        if float(score) >= draft.fields.get("cutoff", 100):
            draft.fail(line, f"expected a score below the cutoff for '{name}', listed below it")
        draft.listed_scores.append((line, None, name, score))
        names = draft.fields.get("below_cutoff_names", ())
        draft.fields["below_cutoff_names"] = (*names, name)
        self.pending_below -= 1
        return True

    def arrow(self, m: re.Match[str], line: Line) -> None:
        """A change between two years ("평균 2023년 74.02점 → 2024년 78.52점 (4.50점 상승)"):
        both years' averages, and the change when stated."""
        before, after = Scope.year(year_of(m.group("y1"))), Scope.year(year_of(m.group("y2")))
        quote = m.group()
        self.draft.figure(before, "average_score", m.group("v1"), line, quote)
        self.draft.figure(after, "average_score", m.group("v2"), line, quote)
        if m.group("d"):
            sign = "-" if m.group("dir") in _DOWN else ""
            self.draft.where.setdefault("average_diff", line.no)
            self.draft.figure(
                after, "average_diff", sign + m.group("d"), line, quote, compared_to=before
            )

    def below_cutoff(self, seg: str, line: Line) -> None:
        draft = self.draft
        cumulative = _CUMULATIVE.search(seg) if "중" in seg else None
        if cumulative:
            self.cumulative(cumulative, line, seg)
        m = _CUTOFF.search(seg)
        if m is None:
            return
        if "below_cutoff_count" in draft.fields:
            if not _OTHER_SCOPE.search(seg):  # "'24년 75점 미만 8개" restates no round figure
                self.restated_below(seg[m.end() :], float(m.group("cut")), line)
            return
        draft.fields.setdefault("cutoff", float(m.group("cut")))
        rest = seg[m.end() :]
        if cumulative and cumulative.start() >= m.end():
            rest = seg[m.end() : cumulative.start()]
        found = _below_count(rest)
        if found is None:
            return
        n, names = found
        names = self.scored_names(names, float(m.group("cut")), line)
        draft.fields.update({"below_cutoff_count": int(n), "below_cutoff_names": names})
        draft.fields["cutoff"] = float(m.group("cut"))
        self.pending_below = int(n) - len(names)
        draft.where["below_cutoff"] = draft.where["cutoff"] = line.no
        draft.figure(draft.round_scope, "below_cutoff", n, line, seg)
        draft.figure(draft.round_scope, "cutoff", m.group("cut"), line, seg)

    def restated_below(self, rest: str, cutoff: float, line: Line) -> None:
        """A second statement of the count below the cutoff: it must agree with the first
        (in the round's own sections), and may name the services the first only counted."""
        found = _below_count(rest)
        if found is None or not self.primary:
            return
        fields = self.draft.fields
        n, names = found
        if int(n) != fields.get("below_cutoff_count") and cutoff == fields.get("cutoff"):
            self.draft.fail(
                line,
                f"expected {fields.get('below_cutoff_count')} service(s) below the cutoff as "
                f"stated on line {self.draft.where.get('below_cutoff')}, not {n}",
            )
        if names and not fields.get("below_cutoff_names"):
            fields["below_cutoff_names"] = self.scored_names(names, cutoff, line)

    def scored_names(self, names: tuple[str, ...], cutoff: float, line: Line) -> tuple[str, ...]:
        """The names below the cutoff without the scores written after them ("A(72.10점)"),
        which are kept as those services' scores (checked like a table's once the services
        are read).  A score the line itself contradicts — not below its own cutoff — refuses
        the document here rather than storing a name with "(72.10점)" in it."""
        bare: list[str] = []
        for written in names:
            name, score = named_score(written, listed=True)
            if score is not None:
                if float(score) >= cutoff:
                    self.draft.fail(
                        line,
                        f"expected a score below {cutoff:g} for '{name}', named below the "
                        f"cutoff here, not {score}",
                    )
                self.draft.listed_scores.append((line, None, name, score))
            bare.append(name)
        return tuple(bare)

    def cumulative(self, m: re.Match[str], line: Line, seg: str) -> None:
        first, last = int(m.group("a")), int(m.group("b"))
        if not 1 <= first <= last:
            return
        named = _YEAR_BEFORE.search(m.string[: m.start()])  # "2025년 1~2차 합산": that year's
        year = year_of(named.group("y")) if named else self.draft.year
        scope = Scope.rounds(year, first, last)
        den = int(m.group("den"))
        self.draft.where.setdefault("cumulative_below_cutoff", line.no)
        self.draft.figure(scope, "below_cutoff", m.group("n"), line, seg, denominator=den)
        pct = m.group("pct") or m.group("pct2")
        if pct:
            self.draft.figure(scope, "below_cutoff_share_pct", pct, line, seg, denominator=den)


#: "사무별 점수 : ① 청소년노동인권센터 83.10점, ② …" — a key naming scores per service
_SCORES_KEY = re.compile(r"^(?:사무별|사업별|기관별)\s*(?:평가\s*)?(?:점수|결과)\s*:\s*")
_LISTED_SCORE = re.compile(
    rf"(?:(?P<c>[{CIRCLED}])|\(?(?P<n>[0-9]{{1,2}})[.)])?\s*(?P<name>[^,、;①-⑳]*?[가-힣A-Za-z)][^,、;]*?)"
    rf"\s*[:(]?\s*(?P<s>{NUM})\s*점\s*\)?\s*$"
)


def _listed_scores(body: str) -> list[tuple[int | None, str, str]]:
    """(number, name, score) of each service a results line scores, or [] for any other
    line: the line must name per-service scores ("사무별 점수 : …") and every item of it
    must be a name with its score."""
    key = _SCORES_KEY.match(body)
    if key is None:
        return []
    items: list[tuple[int | None, str, str]] = []
    for item in re.split(r"\s*[,、;]\s*", body[key.end() :].strip(" .")):
        m = _LISTED_SCORE.match(item.strip())
        if m is None:
            return []
        number = int(unicodedata.numeric(m.group("c"))) if m.group("c") else None
        if m.group("n"):
            number = int(m.group("n"))
        items.append((number, collapse(m.group("name")), m.group("s")))
    return items


_LISTED_COUNT = re.compile(r"\(\s*[0-9]+\s*개(?:\s*사무)?\s*\)|[0-9]+\s*개(?:\s*사무)?")


def _service_score(body: str) -> tuple[str, str] | None:
    """A line that is a service's name and its score and nothing else ("가상 ○○센터 운영
    72.30점", "서울시 ○○센터 운영 : 81.20점"): the name ends as services' names do."""
    if "점" not in body or any(word in body for word in _STATEMENT_WORDS):
        return None
    name, score = named_score(collapse(body.replace("\t", " : ")), listed=True)
    bare = re.sub(r"\([^()]*\)", "", name).strip()
    if score is None or not bare.endswith(tuple(layout()["service_endings"])):
        return None
    return name, score


def _is_bare_name(text: str) -> bool:
    """A line that is a service's name and nothing else: no figure, no colon, and it ends
    as services' names do ("서울시 ○○센터 운영")."""
    bare = re.sub(r"\([^()]*\)", "", text).strip()
    return (
        not re.search(r"[0-9:]", bare)
        and len(bare) <= 60
        and bare.endswith(tuple(layout()["service_endings"]))
    )


def _below_count(rest: str) -> tuple[str, tuple[str, ...]] | None:
    """The count and names of a statement below the cutoff, read after "75점 미만":
    "… 없음", "… 2개(A, B)", "… : 2개 — A, B", "… : A, B"; ``None`` when it states neither."""
    count = _COUNT.search(rest)
    if any(word in rest for word in _NONE_WORDS):
        return "0", ()
    if count:
        inner = _parenthesised(rest[count.end() :].lstrip())
        if inner is not None and not is_remark(inner):
            return count.group("n"), _with_scores(_split_names(inner))
        return count.group("n"), _with_scores(_listed(rest, count))
    names = _with_scores(_listed(rest, None))
    return (str(len(names)), names) if names else None


def is_remark(text: str) -> bool:
    """A parenthesis that says what the services face, not which they are: "(재계약 배제 및
    공개모집 대상)" — every part of it is such words (``layout.yaml`` remark_words)."""
    if _SHARE.match(text) or _is_share(text):  # "4개(28.6%)", "3개 (9개 중 33.3%)": a share
        return True
    parts = _split_names(text)
    return all(any(w in p for w in layout()["remark_words"]) and len(p) <= 20 for p in parts)


_SHARE = re.compile(r"^\s*[0-9]+(?:\.[0-9]+)?\s*%\s*$")
#: a number with what it counts in a share: "9개", "33.3%", "9개 사무", "3/9"
_SHARE_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?\s*(?:%|개(?:\s*사무)?|곳)?(?:\s*/\s*[0-9]+)?")


def _is_share(text: str) -> bool:
    """A parenthesis that relates the count to the services it is a part of — "9개 중 33.3%",
    "전체 12개 사무 대비 25.0%", "3/9, 33.3%" — and names no service: numbers, the words of a
    share (``layout.yaml`` share_words) and punctuation only, with a share's relation (a
    percentage, or "중" / "대비" between counts).  Read as names, "9개 중 33.3%" became a
    service below the cutoff that the round does not have."""
    if not any(w in text for w in layout()["share_relations"]):
        return False  # no share's relation: a name ("가상1구 지원센터 운영"), a remark
    words = _SHARE_GAPS.split(_SHARE_NUMBER.sub(" ", text))
    return any(ch.isdigit() for ch in text) and all(w in _share_words() for w in words if w)


@cache
def _share_words() -> frozenset[str]:
    """``layout.yaml`` share_words as a set, built once: every word of a parenthesis is
    looked up in it."""
    return frozenset(str(w) for w in layout()["share_words"])


_SHARE_GAPS = re.compile(r"[\s,、:·()]+")


def _with_scores(names: tuple[str, ...]) -> tuple[str, ...]:
    """A bare score item belongs to the name before it: "A, 74.23점" → "A (74.23점)"."""
    merged: list[str] = []
    for name in names:
        if merged and _BARE_SCORE.match(name):
            merged[-1] = f"{merged[-1]} ({name.strip('() ')})"
        else:
            merged.append(name)
    return tuple(merged)


def _listed(rest: str, count: re.Match[str] | None) -> tuple[str, ...]:
    """Names listed after a colon or a dash: "대상: A, B (2개)", "대상 2개 : A, B",
    "대상: A, B", "2개 — A, B"."""
    colon = rest.find(":")
    text = ""
    if colon >= 0 and count is not None and colon < count.start():
        text = rest[colon + 1 : count.start()].rstrip(" (")
    elif colon >= 0:
        text = rest[colon + 1 :]
    if not text.strip() and count is not None:
        after = rest[count.end() :]
        if (paren := _LEADING_PAREN.match(after)) is not None and is_remark(paren["inner"]):
            after = after[paren.end() :]  # "2개(2/5, 40.0%) — A, B": the share, then the names
        dash = _NAMES_DASH.match(after)
        text = after[dash.end() :] if dash else ""
    return _split_names(_LISTED_COUNT.sub(" ", text))


_LEADING_PAREN = re.compile(r"^\s*\((?P<inner>[^()]*)\)")
_NAMES_DASH = re.compile(r"^\s*(?:사무)?\s*(?:[—–:]|-{1,2}|=>|→)\s*")
_BARE_SCORE = re.compile(rf"^\(?\s*{NUM}\s*점\s*\)?$")


def _split_names(text: str) -> tuple[str, ...]:
    """Names separated by "," "、" or "/" — not inside parentheses, where a name's own
    remark may hold them: "A(72.10점, 재계약 배제), B(남/북부) 운영"."""
    parts: list[str] = []
    depth = start = 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in ",、/":
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    parts = [piece for part in parts for piece in _AND_AFTER_SCORE.sub("\\1\0", part).split("\0")]
    return tuple(n for n in (without_list_mark(collapse(x)) for x in parts) if n)


#: "A (73.90) and B (71.88)", "A(72.10점) 및 B(70.55점)": after a name's score in parentheses,
#: the joining word parts two names (never inside one: "Science and Technology Center")
_AND_AFTER_SCORE = re.compile(rf"(\(\s*{NUM}\s*점?\s*\))\s+(?:and|및)\s+")


def _parenthesised(text: str) -> str | None:
    """The inside of the parenthesis ``text`` starts with, nested ones included:
    "(A(72.10점), B(70.55점)) * …" → "A(72.10점), B(70.55점)"; ``None`` if it starts with none
    or never closes."""
    if not text.startswith("("):
        return None
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth == 0:
            return text[1:i]
    return None


_NAME_AND_ABBREVIATION = re.compile(
    r"^(?P<name>[^,()]*[가-힣][^,()]*?)\s*[,/]\s*(?P<abbr>[A-Z][A-Za-z&]{1,9})$"
)


def _evaluator(value: str) -> str:
    """The body's own name, without the legal form or the generic words before it:
    "외부 전문기관(재단법인 ○○연구원)", "외부 전문기관 (재)○○연구원" → "○○연구원";
    "외부 전문기관 ○○컨설팅(KMAC)" → "○○컨설팅(KMAC)" (the parenthesis is its abbreviation)."""
    text = without_list_mark(collapse(_LEGAL_FORM.sub(" ", value)))  # "— ○○연구원"
    outside = collapse(_PAREN.sub(" ", text))
    parens = _PAREN.findall(text)
    generic = layout()["evaluator_generic"]
    if parens and (not outside or outside.replace(" ", "") in generic):
        inner = collapse(parens[-1])
        if m := _NAME_AND_ABBREVIATION.match(inner):  # "(한국능률협회컨설팅, KMAC)"
            return f"{m.group('name')}({m.group('abbr')})"
        return inner or collapse(value)
    for word in sorted(generic, key=len, reverse=True):
        m = re.match(r"\s*".join(word), text)
        if m is not None and text[m.end() :].strip():
            rest = text[m.end() :].lstrip(" ,;")  # "external institution, Korea …"
            return without_list_mark(collapse(rest))  # "전문기관 — ○○연구원"
    return text or collapse(value)
