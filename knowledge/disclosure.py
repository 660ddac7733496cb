"""Read a published round disclosure (text or HTML board page) into a ``knowledge.model.Round``.

The city writes these disclosures by hand, so the parser reads *statements*, not byte
layouts: a title with year and round, an overview of ``key : value`` bullets, a results
section of sentences with numbers in them, an optional score table, and one section per
service with its findings table.  Whatever it cannot place is ignored, but anything it
would have to guess about (a findings table that is missing, a count that disagrees with
the sections, a score for an unknown service) stops the parse with a ``ParseError`` that
names the line: a round is loaded whole or not at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import NoReturn

from knowledge.model import (
    ACHIEVEMENT,
    IMPROVEMENT,
    Figure,
    Finding,
    FindingKind,
    Round,
    Scope,
    ServiceResult,
)
from knowledge.textnorm import Line, collapse, looks_like_html, name_key, plain, to_lines

__all__ = ["ParseError", "looks_like_html", "parse"]


class ParseError(ValueError):
    """A document that is not a readable disclosure: which line, and what was expected there."""

    def __init__(self, line_no: int, line: str, reason: str) -> None:
        self.line_no = line_no
        self.line = line
        self.reason = reason
        shown = line if len(line) <= 120 else line[:117] + "..."
        super().__init__(f"line {line_no}: {reason}: '{shown}'")

    def __reduce__(self):  # keep it picklable despite the custom signature
        return (type(self), (self.line_no, self.line, self.reason))


# ---- patterns -------------------------------------------------------------------------
NUM = r"[0-9]+(?:\.[0-9]+)?"
YEAR = r"(?<![0-9])['‘’`´]?(?:[0-9]{4}|[0-9]{2})(?![0-9])"
_TITLE_ROUND = re.compile(rf"(?P<y>{YEAR})\s*년\s*도?\s*(?:제\s*)?(?P<r>[0-9]{{1,3}})\s*차")
_TITLE_LABEL = re.compile(r"^제\s*목\s*:?\s*")
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
_BULLET = re.compile(r"^(?:(?:[-•○◦▪●∙·]|ㅇ(?=\s))\s*)+")
_BULLET_CHARS = frozenset("-•○◦▪●∙·ㅇ")
_KEY_VALUE = re.compile(r"^(?P<key>[가-힣][가-힣 ]{0,14}?)\s*:\s*(?P<value>.*)$")
_SEGMENTS = re.compile(r"(?:^|\s)\*+\s*|※")

_RANGE = re.compile(r"\s*[~\-–—]\s*")
_YEAR_MONTH = re.compile(
    rf"(?:(?P<y>{YEAR})\s*(?:년\s*도?|\.)\s*)?(?P<m>[0-9]{{1,2}})(?![0-9])\s*(?:월|\.|$)"
)
_OF_TOTAL = re.compile(r"(?P<total>[0-9]+)\s*개\s*(?:[가-힣]+\s*)?중\s*(?P<n>[0-9]+)\s*개")
_COUNT = re.compile(r"(?P<n>[0-9]+)\s*개")
_PAREN = re.compile(r"\((?P<inner>[^()]*)\)")
_LEGAL_FORM = re.compile(
    r"\(\s*(?:재|사|주|재단법인|사단법인|주식회사)\s*\)|㈜|㈔|㈎|재단법인|사단법인|주식회사"
)
_TOTAL_POINTS = re.compile(r"(?:총\s*(?P<a>[0-9]+)\s*점|(?P<b>[0-9]+)\s*점\s*만점)")
_AREA_POINTS = re.compile(r"\(\s*(?:총\s*)?[0-9]+\s*점\s*(?:만점)?\s*\)|총\s*[0-9]+\s*점")
_AREA_SPLIT = re.compile(r"\s*[,、]\s*")

_YEAR_AVG = re.compile(
    rf"(?P<y>{YEAR})\s*년\s*도?\s*(?:전체|연간|연)?\s*평균\s*(?:점수)?\s*:?\s*(?P<v>{NUM})\s*점"
)
_YEAR_AVG_BARE = re.compile(rf"(?:전체|연간|연)\s*평균\s*(?:점수)?\s*:?\s*(?P<v>{NUM})\s*점")
_ROUND_AVG = re.compile(rf"평균\s*(?:점수)?\s*:?\s*(?P<v>{NUM})\s*점")
_COMPARE = re.compile(
    rf"(?P<label>전년도?|전차|전체|직전\s*차수|직전)?\s*(?:\((?P<inner>[^()]*)\))?\s*"
    rf"대비\s*(?P<d>{NUM})\s*(?:점|%p)?\s*(?P<dir>하락|감소|하향|상승|증가|상향)"
)
_COMPARE_INNER = re.compile(
    rf"^\s*(?P<y1>{YEAR})\s*(?:년\s*도?\s*)?(?:~\s*(?P<y2>{YEAR})\s*(?:년\s*도?\s*)?)?"
    rf"(?:평균\s*:?\s*)?(?P<v>{NUM})?\s*점?\s*$"
)
_CUTOFF = re.compile(rf"(?P<cut>{NUM})\s*점\s*미만")
_CUMULATIVE = re.compile(
    rf"(?P<a>[0-9]{{1,2}})\s*차?\s*~\s*(?P<b>[0-9]{{1,2}})\s*차\s*(?:합산|누적|누계|전체)?\s*:?\s*"
    rf"(?P<den>[0-9]+)\s*개\s*(?:[가-힣]+\s*)?중\s*(?P<n>[0-9]+)\s*개(?:\s*사무)?\s*"
    rf"(?:\(\s*(?P<pct>{NUM})\s*%\s*\)|,\s*(?P<pct2>{NUM})\s*%)?"
)
_STATED_SERVICES = re.compile(r"(?P<n>[0-9]+)\s*개\s*(?:민간위탁\s*)?사무")
_NONE_WORDS = ("없음", "없다", "없었", "해당 없", "해당없")

_CIRCLED = "①-⑳㉑-㉟㊱-㊿"
_SERVICE_HEADING = re.compile(
    rf"^(?:(?P<c>[{_CIRCLED}])|(?P<n>[0-9]{{1,3}})\s*[.)](?![0-9])|[(\[]\s*(?P<p>[0-9]{{1,3}})\s*[)\]])"
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
_HEADING_SCORE = re.compile(
    rf"^(?P<name>.*?\S)\s*(?:[(\[]\s*(?P<s1>{NUM})\s*점\s*[)\]]|(?:\t|\s+[:|])\s*(?P<s2>{NUM})\s*점?)\s*$"
)
_WORDY = re.compile(r"[가-힣A-Za-z]")
_LEADING_TAGS = re.compile(r"^(?:\s*</?[A-Za-z][^<>]*>)*\s*")
_LABEL = re.compile(
    r"^[\[〈《【(◇◆▶▷*\s]*(?P<label>주\s*요\s*성\s*과|개\s*선\s*(?:과\s*제|사\s*항|필\s*요\s*사\s*항))"
    r"(?![가-힣])\s*[\]〉》】)]?\s*:?"
)
_LI = re.compile(r"<li\b[^<>]*>", re.IGNORECASE)
_INLINE_SEP = re.compile(r"\s[-•○◦▪●ㅇ]\s+")
_ITEM_BULLET = re.compile(r"^(?:[-•○◦▪●∙·]|ㅇ(?=\s))\s*")
_CELLS = re.compile(r"\s*(?:\t|\||:| {2,})\s*")
_SCORE_CELL = re.compile(rf"^(?P<s>{NUM})\s*점?$")
_SCORE_TAIL = re.compile(rf"^(?P<name>.*?[가-힣A-Za-z)].*?)\s+(?P<s>{NUM})\s*점?$")
_ROW_NUMBER = re.compile(rf"^(?:[{_CIRCLED}]|[0-9]{{1,3}}\s*[.)]|\(\s*[0-9]{{1,3}}\s*\))\s*")
_NOT_SERVICES = frozenset({"평균", "합계", "계", "전체", "전체평균", "평균점수", "소계"})

MIN_YEAR, MAX_YEAR = 1990, 2199


def _decimals(number: str) -> int:
    return len(number.partition(".")[2])


def _year(text: str) -> int:
    digits = text.lstrip("'‘’`´")
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _strip_bullet(text: str) -> str:
    return _BULLET.sub("", text).strip() if text[:1] in _BULLET_CHARS else text.strip()


def _section_kind(name: str) -> str:
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


def _section_heading(text: str) -> str | None:
    if text[:1] not in _SECTION_STARTS:
        return None
    m = _SECTION_MARK.match(text)
    if m:
        return m.group("name")
    m = _SECTION_NUMBERED.match(text)
    if m and re.sub(r"\s+", "", m.group("name")) in _KNOWN_SECTIONS:
        return m.group("name")
    return None


@dataclass
class _Section:
    kind: str
    heading: Line
    body: list[tuple[Line, str]] = field(default_factory=list)


@dataclass
class _Service:
    """A service section being read: its heading and the findings collected so far."""

    number: int
    name: str
    key: str
    heading: Line
    score: str | None = None
    labels: list[tuple[FindingKind, Line]] = field(default_factory=list)
    items: dict[str, list[tuple[list[str], int]]] = field(
        default_factory=lambda: {ACHIEVEMENT: [], IMPROVEMENT: []}
    )
    explicitly_empty: set[str] = field(default_factory=set)


def parse(text: str) -> Round:
    """Parse a disclosure given as plain text or as an HTML page (detected automatically)."""
    return _Parser(text).run()


class _Parser:
    """One parse: reads the sections in order and collects the round's fields and figures."""

    year: int  # set by title(), with round_scope
    round_scope: Scope

    def __init__(self, text: str) -> None:
        self.lines, self.is_html = to_lines(text)
        if not self.lines:
            self.lines = [Line(1, "")]
        self.plains = [plain(line.text) for line in self.lines]
        self.fields: dict[str, object] = {}
        self.figures: dict[tuple, Figure] = {}
        self.where: dict[str, int] = {}
        self.usage: list[str] = []
        self.stated_counts: list[tuple[int, Line]] = []
        self.subject: Scope | None = None

    # ---- driver ---------------------------------------------------------------------
    def run(self) -> Round:
        start = self.title()
        sections = self.sections(start)
        kinds = {s.kind for s in sections}
        if "results" not in kinds:
            at = next((s.heading for s in sections if s.kind == "services"), self.lines[-1])
            self.fail(at, "expected a results section ('□ 평가결과')")
        if "services" not in kinds:
            at = next(s.heading for s in sections if s.kind == "results")
            self.fail(at, "expected a section of services ('□ 사무별 주요성과 및 과제')")
        for s in sections:
            if s.kind in ("overview", "results"):
                self.statements(s)
            elif s.kind == "usage":
                self.usage.extend(_strip_bullet(collapse(p)) for _, p in s.body if p)
        services = self.services([s for s in sections if s.kind == "services"])
        scores = self.scores([s for s in sections if s.kind == "scores"], services)
        self.check_counts(services)
        self.cutoff_from_usage()
        return self.build(services, scores)

    def fail(self, line: Line, reason: str) -> NoReturn:
        raise ParseError(line.no, line.text, reason)

    def figure(self, scope: Scope, metric: str, value: str, line: Line, quote: str, **kw) -> None:
        key = (scope, metric, kw.get("compared_to"))
        if key not in self.figures:
            self.figures[key] = Figure(
                scope,
                metric,
                float(value),
                _decimals(value),
                quote=quote[:160],
                line_no=line.no,
                **kw,
            )

    # ---- title and sections ------------------------------------------------------------
    def title(self) -> int:
        """Find the title before the first section; it must name the year and the round."""
        candidate = None
        for i, p in enumerate(self.plains):
            if _section_heading(p) is not None:
                break
            if "성과평가" not in p.replace(" ", ""):
                continue
            cell = next(c for c in p.split("\t") if "성과평가" in c.replace(" ", ""))
            cell = _TITLE_LABEL.sub("", collapse(cell))
            m = _TITLE_ROUND.search(cell)
            if m is None:
                candidate = candidate or self.lines[i]
                continue
            year, round_no = _year(m.group("y")), int(m.group("r"))
            if not (MIN_YEAR <= year <= MAX_YEAR and round_no >= 1):
                self.fail(self.lines[i], "expected a plausible year and round in the title")
            self.fields.update(title=cell, year=year, round_no=round_no)
            self.year, self.round_scope = year, Scope.round(year, round_no)
            self.where["title"] = self.lines[i].no
            return i + 1
        if candidate is not None:
            self.fail(candidate, "expected the year and round (e.g. '2023년 제3차') in the title")
        first = next((line for line in self.lines if line.text.strip()), self.lines[0])
        self.fail(
            first,
            "expected a disclosure title such as '2023년 제3차 민간위탁 종합성과평가 결과 공개'",
        )

    def sections(self, start: int) -> list[_Section]:
        sections: list[_Section] = []
        for line, p in zip(self.lines[start:], self.plains[start:], strict=True):
            name = _section_heading(p)
            if name is not None:
                sections.append(_Section(_section_kind(name), line))
            elif sections:
                sections[-1].body.append((line, p))
        return sections

    # ---- overview and results: key : value bullets and numeric statements --------------
    def statements(self, section: _Section) -> None:
        if section.kind == "results":
            self.where.setdefault("results", section.heading.no)
        in_usage = False
        for line, p in section.body:
            body = _strip_bullet(p)
            if not body:
                continue
            kv = _KEY_VALUE.match(body) if ":" in body else None
            key = kv.group("key").replace(" ", "") if kv else None
            if key and "활용" in key:
                in_usage = True
                self.where.setdefault("usage", line.no)
                if kv.group("value").strip():
                    self.usage.append(collapse(kv.group("value")))
                continue
            if in_usage and key is None:
                self.usage.append(collapse(body))
                continue
            in_usage = False
            if section.kind == "overview" and kv:
                self.overview_item(key, collapse(kv.group("value")), line)
            elif section.kind == "results":
                self.result_line(body, line)

    def overview_item(self, key: str, value: str, line: Line) -> None:
        if key.endswith("근거"):
            self.fields["legal_basis"] = value
            self.where["legal_basis"] = line.no
        elif key.endswith("기간"):
            self.period(value, line)
        elif key.endswith("대상"):
            self.evaluated(value, line)
        elif key.endswith("기관"):
            self.fields["evaluator"] = _evaluator(value)
            self.where["evaluator"] = line.no
        elif key in ("평가내용", "평가항목", "평가지표", "평가분야", "내용"):
            self.scoring(value, line)

    def period(self, value: str, line: Line) -> None:
        sides = _RANGE.split(value, maxsplit=1)
        start = _YEAR_MONTH.search(sides[0])
        end = _YEAR_MONTH.search(sides[1]) if len(sides) > 1 else start
        if start is None or end is None:
            return
        y1 = _year(start.group("y")) if start.group("y") else self.year
        m1, m2 = int(start.group("m")), int(end.group("m"))
        y2 = _year(end.group("y")) if end.group("y") else y1 + (m2 < m1)
        if 1 <= m1 <= 12 and 1 <= m2 <= 12 and (y1, m1) <= (y2, m2):
            self.fields.update(period_start=f"{y1:04d}-{m1:02d}", period_end=f"{y2:04d}-{m2:02d}")
            self.where["period"] = line.no

    def evaluated(self, value: str, line: Line) -> None:
        m = _OF_TOTAL.search(value)
        if m:
            total, n = m.group("total"), m.group("n")
            self.fields["services_in_year"] = int(total)
            self.where["services_in_year"] = line.no
            self.figure(Scope.year(self.year), "services_in_year", total, line, value)
        else:
            m = _COUNT.search(value)
            if m is None:
                return
            n = m.group("n")
        self.stated_counts.append((int(n), line))
        self.fields["services_evaluated"] = int(n)
        self.where["services_evaluated"] = line.no
        self.figure(self.round_scope, "services_evaluated", n, line, value)

    def scoring(self, value: str, line: Line) -> None:
        m = _TOTAL_POINTS.search(value)
        if m:
            self.fields["max_points"] = int(m.group("a") or m.group("b"))
        areas = [a.strip() for a in _AREA_SPLIT.split(_AREA_POINTS.sub("", value))]
        self.fields["scoring_areas"] = tuple(a for a in areas if a)
        self.where["scoring"] = line.no

    def result_line(self, body: str, line: Line) -> None:
        has_cutoff = "미만" in body
        for segment in _SEGMENTS.split(body):
            segment = segment.strip(" ,")
            if segment:
                self.result_segment(segment, line, has_cutoff)

    def result_segment(self, seg: str, line: Line, has_cutoff: bool) -> None:
        compares = list(_COMPARE.finditer(seg)) if "대비" in seg else []
        rest = _COMPARE.sub(" ", seg) if compares else seg
        has_average = "평균" in rest
        m = (_YEAR_AVG.search(rest) or _YEAR_AVG_BARE.search(rest)) if has_average else None
        if m is not None:
            year = _year(m.group("y")) if "y" in m.groupdict() else self.year
            self.subject = Scope.year(year)
            self.where.setdefault("year_average", line.no)
            self.figure(self.subject, "average_score", m.group("v"), line, seg)
        elif (
            has_average
            and "average_score" not in self.fields
            and (m := _ROUND_AVG.search(rest)) is not None
        ):
            self.subject = self.round_scope
            self.fields["average_score"] = float(m.group("v"))
            self.fields["average_precision"] = _decimals(m.group("v"))
            self.where["average_score"] = line.no
            self.figure(self.subject, "average_score", m.group("v"), line, seg)
            stated = _STATED_SERVICES.search(rest)
            if stated:
                self.stated_counts.append((int(stated.group("n")), line))
                self.where.setdefault("services_evaluated", line.no)
                self.fields.setdefault("services_evaluated", int(stated.group("n")))
                self.figure(self.subject, "services_evaluated", stated.group("n"), line, seg)
        for c in compares:
            self.comparison(c, line)
        if has_cutoff:
            self.below_cutoff(seg, line)

    def comparison(self, m: re.Match[str], line: Line) -> None:
        subject = self.subject
        if subject is None:
            return
        inner = _COMPARE_INNER.match(m.group("inner") or "")
        compared: Scope | None = None
        if inner and _year(inner.group("y1")) >= MIN_YEAR:
            y1 = _year(inner.group("y1"))
            y2 = _year(inner.group("y2")) if inner.group("y2") else y1
            compared = Scope.year(y1) if y1 == y2 else Scope.years(y1, y2)
        elif (m.group("label") or "").startswith("전년") and subject.round_start is None:
            compared = Scope.year(subject.year_start - 1)  # type: ignore[operator]
        if compared is None:
            return
        quote = m.group().strip()
        if inner and inner.group("v"):
            self.figure(compared, "average_score", inner.group("v"), line, quote)
        sign = "-" if m.group("dir") in ("하락", "감소", "하향") else ""
        diff = sign + m.group("d")
        self.where.setdefault("average_diff", line.no)
        self.figure(subject, "average_diff", diff, line, quote, compared_to=compared)

    def below_cutoff(self, seg: str, line: Line) -> None:
        cumulative = _CUMULATIVE.search(seg) if "중" in seg else None
        if cumulative:
            self.cumulative(cumulative, line, seg)
        m = _CUTOFF.search(seg)
        if m is None or "below_cutoff_count" in self.fields:
            return
        self.fields.setdefault("cutoff", float(m.group("cut")))
        rest = seg[m.end() :]
        if cumulative and cumulative.start() >= m.end():
            rest = seg[m.end() : cumulative.start()]
        count = _COUNT.search(rest)
        if any(word in rest for word in _NONE_WORDS):
            n, names = "0", ()
        elif count:
            n = count.group("n")
            paren = _PAREN.match(rest[count.end() :].lstrip())
            names = _split_names(paren.group("inner")) if paren else ()
        else:
            return
        self.fields.update(below_cutoff_count=int(n), below_cutoff_names=names)
        self.fields["cutoff"] = float(m.group("cut"))
        self.where["below_cutoff"] = self.where["cutoff"] = line.no
        self.figure(self.round_scope, "below_cutoff", n, line, seg)
        self.figure(self.round_scope, "cutoff", m.group("cut"), line, seg)

    def cumulative(self, m: re.Match[str], line: Line, seg: str) -> None:
        first, last = int(m.group("a")), int(m.group("b"))
        if not 1 <= first <= last:
            return
        scope = Scope.rounds(self.year, first, last)
        den = int(m.group("den"))
        self.where.setdefault("cumulative_below_cutoff", line.no)
        self.figure(scope, "below_cutoff", m.group("n"), line, seg, denominator=den)
        pct = m.group("pct") or m.group("pct2")
        if pct:
            self.figure(scope, "below_cutoff_share_pct", pct, line, seg, denominator=den)

    def cutoff_from_usage(self) -> None:
        if "cutoff" in self.fields:
            return
        for text in self.usage:
            m = _CUTOFF.search(text)
            if m:
                self.fields["cutoff"] = float(m.group("cut"))
                return

    # ---- services and their findings -----------------------------------------------
    def services(self, sections: list[_Section]) -> list[_Service]:
        found: list[_Service] = []
        self.where["services"] = sections[0].heading.no
        for section in sections:
            before = len(found)
            _Findings(self, found).read(section.body)
            if len(found) == before:
                self.fail(section.heading, "expected numbered service headings (① name) here")
        for service in found:
            self.finish(service)
        return found

    def finish(self, service: _Service) -> None:
        if not service.labels:
            self.fail(
                service.heading,
                "expected a findings table (주요 성과 / 개선 과제) under this service",
            )
        for kind, label in service.labels:
            if not service.items[kind] and kind not in service.explicitly_empty:
                self.fail(label, "expected at least one finding after this label")

    def scores(self, sections: list[_Section], services: list[_Service]) -> dict[int, str]:
        """Per-service scores from a score table, keyed by service number."""
        scores = {s.number: s.score for s in services if s.score is not None}
        keys = {s.key: s for s in services}
        for section in sections:
            self.where.setdefault("scores", section.heading.no)
            for line, p in section.body:
                row = _score_row(p)
                if row is None:
                    continue
                name, score = row
                service = _match(name_key(name), keys)
                if service is None:
                    self.fail(line, "expected the name of a service of this round")
                if float(score) > (self.fields.get("max_points") or 100):
                    self.fail(line, "expected a score within the maximum points")
                if float(scores.setdefault(service.number, score)) != float(score):
                    self.fail(line, "expected one score per service (a different one was given)")
        return scores

    def check_counts(self, services: list[_Service]) -> None:
        for n, line in self.stated_counts:
            if n != len(services):
                self.fail(
                    line, f"expected {n} service sections as stated here, found {len(services)}"
                )

    def build(self, services: list[_Service], scores: dict[int, str]) -> Round:
        results = tuple(_result(s, scores.get(s.number)) for s in services)
        self.fields.setdefault("services_evaluated", len(results))
        return Round(
            services=results,
            usage=tuple(u for u in self.usage if u),
            figures=tuple(self.figures.values()),
            lines=dict(self.where),
            **self.fields,  # type: ignore[arg-type]
        )


class _Findings:
    """Reads a services section: numbered headings, findings labels and their items.

    An item starts at a bullet (``-``, ``ㅇ``, ``○``, ``•``), an ``<li>`` or an inline
    `` - `` separator on the label line; an unbulleted line continues the open item.
    After a blank line, unbulleted text ends the label's block (it is not a finding),
    except inside an HTML table row, where a new paragraph is a new item.
    """

    def __init__(self, parser: _Parser, found: list[_Service]) -> None:
        self.parser = parser
        self.found = found
        self.service: _Service | None = None
        self.kind: FindingKind | None = None
        self.label: Line | None = None
        self.item: list[str] | None = None
        self.after_blank = False
        self.closed = False

    def read(self, body: list[tuple[Line, str]]) -> None:
        for line, p in body:
            if not line.text.strip():
                self.after_blank = True
            elif (heading := _service_heading(p)) is not None:
                self.start_service(heading, line)
            elif (label := _LABEL.match(p)) is not None:
                self.start_label(label, p, line)
            elif not (self.service is None or self.kind is None or self.closed):
                self.content(line, p)

    def start_service(self, heading: tuple[int, str, str | None], line: Line) -> None:
        number, name, score = heading
        key = name_key(name)
        for other in self.found:
            if other.number == number or other.key == key:
                self.parser.fail(line, f"expected each service once (see line {other.heading.no})")
        self.service = _Service(number, name, key, line, score)
        self.found.append(self.service)
        self.kind = self.label = self.item = None
        self.after_blank = self.closed = False

    def start_label(self, m: re.Match[str], p: str, line: Line) -> None:
        if self.service is None:
            self.parser.fail(line, "expected a numbered service heading (① name) before findings")
        compact = m.group("label").replace(" ", "")
        self.kind = ACHIEVEMENT if compact == "주요성과" else IMPROVEMENT
        self.label, self.item = line, None
        self.after_blank = self.closed = False
        self.service.labels.append((self.kind, line))
        shown = p[m.end() :]
        if shown.strip(" -:") in ("없음", "해당 없음", "해당없음"):
            self.service.explicitly_empty.add(self.kind)
        elif shown.strip(" -:"):
            raw = ""
            if "<li" in line.text.lower():  # the items are the <li> elements after the label
                raw = _without_leading_tags(line.text)
                raw = raw[raw_label.end() :] if (raw_label := _LABEL.match(raw)) else raw
            self.inline(shown, line, raw)

    def content(self, line: Line, p: str) -> None:
        label = self.label
        if self.parser.is_html and label is not None and label.row != line.row:
            self.closed = True
            return
        lowered = line.text.lower()
        if "<li" in lowered or "<ul" in lowered:
            self.inline(p, line, line.text)
        elif not p or p.replace(" ", "").startswith("구분"):
            return  # a line of tags only ("</ul>"), or the table's header row
        elif (bullet := _ITEM_BULLET.match(p)) is not None:
            self.new_item(p[bullet.end() :], line)
        elif self.after_blank and not (self.parser.is_html and label and label.row is not None):
            self.closed = True
            return
        elif self.after_blank or self.item is None:
            self.new_item(p, line)
        else:
            self.item.append(p)
        self.after_blank = False

    def inline(self, shown: str, line: Line, raw: str = "") -> None:
        """Items written inside one line: ``<li>`` elements of ``raw``, or `` - `` separated."""
        pieces = _LI.split(raw) if "<" in raw else ()
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
        self.item = [text]
        self.service.items[self.kind].append((self.item, line.no))  # type: ignore[union-attr,index]


def _service_heading(text: str) -> tuple[int, str, str | None] | None:
    """``(number, name, score)`` of a numbered service heading, or ``None``."""
    if text[:1] not in _HEADING_STARTS:
        return None
    m = _SERVICE_HEADING.match(text)
    if m is None:
        return None
    name = collapse(m.group("name"))
    if not _WORDY.search(name) or _LABEL.match(name) or _section_heading(name) is not None:
        return None
    if m.group("c"):
        number = int(unicodedata.numeric(m.group("c")))
    else:
        number = int(m.group("n") or m.group("p"))
    score = None
    scored = _HEADING_SCORE.match(m.group("name").strip())
    if scored and _WORDY.search(scored.group("name")):
        name, score = collapse(scored.group("name")), scored.group("s1") or scored.group("s2")
    return number, name, score


def _without_leading_tags(text: str) -> str:
    return _LEADING_TAGS.sub("", text) if text.lstrip()[:1] == "<" else text


def _clean_finding(parts: list[str]) -> str:
    text = " ".join(parts)
    if "  " in text or "\t" in text:
        text = collapse(text)
    while (m := _ITEM_BULLET.match(text)) is not None and m.end() > 0:
        text = text[m.end() :]
    return text.strip()


def _result(service: _Service, score: str | None) -> ServiceResult:
    findings: list[Finding] = []
    for kind in (ACHIEVEMENT, IMPROVEMENT):
        texts = [(_clean_finding(parts), no) for parts, no in service.items[kind]]
        for position, (text, no) in enumerate([t for t in texts if t[0]], 1):
            findings.append(Finding(kind, position, text, line_no=no))
    return ServiceResult(
        number=service.number,
        name_ko=service.name,
        findings=tuple(findings),
        score=float(score) if score is not None else None,
        score_precision=_decimals(score) if score is not None else 2,
        line_no=service.heading.no,
    )


def _score_row(text: str) -> tuple[str, str] | None:
    """``(name, score)`` from a score-table row, or ``None`` for headers and notes."""
    body = _ROW_NUMBER.sub("", _strip_bullet(text))
    if not body or body[0] in "※*":
        return None
    cells = [c for c in _CELLS.split(body) if c]
    name = score = None
    if len(cells) > 1:
        for cell in cells:
            if name is None and _WORDY.search(cell) and not _SCORE_CELL.match(cell):
                name = cell
            elif name is not None and (m := _SCORE_CELL.match(cell)):
                score = m.group("s")
                break
    elif (m := _SCORE_TAIL.match(body)) is not None:
        name, score = m.group("name"), m.group("s")
    if name is None or score is None:
        return None
    name = _ROW_NUMBER.sub("", collapse(name))
    return None if name.replace(" ", "") in _NOT_SERVICES else (name, score)


def _match(key: str, services: dict[str, _Service]) -> _Service | None:
    """The service whose name matches ``key`` exactly or, failing that, by unique containment."""
    if key in services:
        return services[key]
    if len(key) < 4:
        return None
    hits = [s for k, s in services.items() if key in k or k in key]
    return hits[0] if len(hits) == 1 else None


def _split_names(text: str) -> tuple[str, ...]:
    return tuple(n for n in (collapse(x) for x in re.split(r"[,、/]", text)) if n)


def _evaluator(value: str) -> str:
    """The body's own name: inside "외부 전문기관(재단법인 ...)", without the legal form."""
    text = collapse(_LEGAL_FORM.sub(" ", value))
    parens = _PAREN.findall(text)
    inner = collapse(parens[-1]) if parens else ""
    return inner or collapse(_PAREN.sub(" ", text)) or collapse(value)
