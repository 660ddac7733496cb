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

from knowledge.disclosure.draft import MIN_YEAR, Draft, decimals, year_of
from knowledge.disclosure.findings import named_score
from knowledge.disclosure.lines import Line
from knowledge.disclosure.sections import YEAR, Section
from knowledge.model import Scope
from knowledge.textnorm import collapse

NUM = r"[0-9]+(?:\.[0-9]+)?"
CIRCLED = "①-⑳"
_BULLET = re.compile(r"^(?:(?:[-•○◦▪●∙·]|ㅇ(?=\s))\s*)+")
_BULLET_CHARS = frozenset("-•○◦▪●∙·ㅇ")


def strip_bullet(text: str) -> str:
    """A line without its leading bullets ("- ", "○ ", "ㅇ ")."""
    return _BULLET.sub("", text).strip() if text[:1] in _BULLET_CHARS else text.strip()


def read_usage(draft: Draft, section: Section) -> None:
    """A section of its own on how the results are used: one line per bullet."""
    draft.usage.extend(strip_bullet(collapse(p)) for _, p in section.body if p)


def cutoff_from_usage(draft: Draft) -> None:
    """The cutoff, when the results did not state it but the usage lines do."""
    if "cutoff" in draft.fields:
        return
    for text in draft.usage:
        m = _CUTOFF.search(text)
        if m:
            draft.fields["cutoff"] = float(m.group("cut"))
            return


_KEY_VALUE = re.compile(r"^(?P<key>[가-힣][가-힣 ]{0,14}?)\s*:\s*(?P<value>.*)$")


def read_statements(draft: Draft, section: Section) -> None:
    """An overview or results section: ``key : value`` bullets and numeric statements."""
    if section.kind == "results":
        draft.where.setdefault("results", section.heading.no)
    reader = _Statements(draft)
    in_usage = False
    for line, p in section.body:
        body = strip_bullet(p)
        if not body:
            continue
        kv = _KEY_VALUE.match(body) if ":" in body else None
        key = kv.group("key").replace(" ", "") if kv else None
        if kv and key and "활용" in key:
            in_usage = True
            draft.where.setdefault("usage", line.no)
            if kv.group("value").strip():
                draft.usage.append(collapse(kv.group("value")))
            continue
        if in_usage and key is None:
            draft.usage.append(collapse(body))
            continue
        in_usage = False
        if section.kind == "overview" and kv and key:
            reader.overview_item(key, collapse(kv.group("value")), line)
        elif section.kind == "results":
            reader.result_line(body, line)


# ---- overview ----------------------------------------------------------------------------------
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

# ---- results -----------------------------------------------------------------------------------
_SEGMENTS = re.compile(r"(?:^|\s)\*+\s*|※")
_YEAR_AVG = re.compile(
    rf"(?P<y>{YEAR})\s*년\s*도?\s*(?:전체|연간|연)?\s*평균\s*(?:점수)?\s*:?\s*(?P<v>{NUM})\s*점"
)
_YEAR_AVG_BARE = re.compile(rf"(?:전체|연간|연)\s*평균\s*(?:점수)?\s*:?\s*(?P<v>{NUM})\s*점")
_ROUND_AVG = re.compile(rf"평균\s*(?:점수)?\s*:?\s*(?P<v>{NUM})\s*점")
_STATED_SERVICES = re.compile(r"(?P<n>[0-9]+)\s*개\s*(?:민간위탁\s*)?사무")
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
_NONE_WORDS = ("없음", "없다", "없었", "해당 없", "해당없")
#: a results note on which rule the cutoff follows ("※ '22.7월 개정 관리지침에 따른 재계약
#: 기준(75점) 적용"): kept with the usage lines, the only place a round says why its cutoff is
#: what it is — it needs both what the rule is about and where it comes from
_RULE_NOTE_SUBJECT = re.compile(r"재계약|배제|미만")
_RULE_NOTE_SOURCE = re.compile(r"지침|조례|기준")


class _Statements:
    """Reads statements in order; ``subject`` is the scope the last average was about, which
    a following comparison ("전년 대비 3.6점 하락") refers to."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.subject: Scope | None = None
        self.after_cutoff = False

    # ---- overview ----
    def overview_item(self, key: str, value: str, line: Line) -> None:
        draft = self.draft
        if key.endswith("근거"):
            draft.fields["legal_basis"] = value
            draft.where["legal_basis"] = line.no
        elif key.endswith("기간"):
            self.period(value, line)
        elif key.endswith("대상"):
            self.evaluated(value, line)
        elif key.endswith("기관"):
            draft.fields["evaluator"] = _evaluator(value)
            draft.where["evaluator"] = line.no
        elif key in ("평가내용", "평가항목", "평가지표", "평가분야", "내용"):
            self.scoring(value, line)

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
            total, n = m.group("total"), m.group("n")
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
        areas = [a.strip() for a in _AREA_SPLIT.split(_AREA_POINTS.sub("", value))]
        self.draft.fields["scoring_areas"] = tuple(a for a in areas if a)
        self.draft.where["scoring"] = line.no

    # ---- results ----
    def result_line(self, body: str, line: Line) -> None:
        if listed := _listed_scores(body):
            self.draft.listed_scores.extend((line, *item) for item in listed)
            return
        # a note line ("* '24년 1~2차 합산 9개 중 4개(44.4%)") under the cutoff statement
        # belongs to it, as it would written on the same line
        note = body.startswith(("*", "※"))
        if note and _RULE_NOTE_SUBJECT.search(body) and _RULE_NOTE_SOURCE.search(body):
            self.draft.usage.append(collapse(body.lstrip("*※ ")))
        has_cutoff = "미만" in body or (note and self.after_cutoff)
        self.after_cutoff = has_cutoff
        for segment in _SEGMENTS.split(body):
            segment = segment.strip(" ,")
            if segment:
                self.result_segment(segment, line, has_cutoff)

    def result_segment(self, seg: str, line: Line, has_cutoff: bool) -> None:
        draft = self.draft
        compares = list(_COMPARE.finditer(seg)) if "대비" in seg else []
        rest = _COMPARE.sub(" ", seg) if compares else seg
        has_average = "평균" in rest
        m = (_YEAR_AVG.search(rest) or _YEAR_AVG_BARE.search(rest)) if has_average else None
        if m is not None:
            year = year_of(m.group("y")) if "y" in m.groupdict() else draft.year
            self.subject = Scope.year(year)
            draft.where.setdefault("year_average", line.no)
            draft.figure(self.subject, "average_score", m.group("v"), line, seg)
        elif (
            has_average
            and "average_score" not in draft.fields
            and (m := _ROUND_AVG.search(rest)) is not None
        ):
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

    def below_cutoff(self, seg: str, line: Line) -> None:
        draft = self.draft
        cumulative = _CUMULATIVE.search(seg) if "중" in seg else None
        if cumulative:
            self.cumulative(cumulative, line, seg)
        m = _CUTOFF.search(seg)
        if m is None or "below_cutoff_count" in draft.fields:
            return
        draft.fields.setdefault("cutoff", float(m.group("cut")))
        rest = seg[m.end() :]
        if cumulative and cumulative.start() >= m.end():
            rest = seg[m.end() : cumulative.start()]
        count = _COUNT.search(rest)
        names: tuple[str, ...]
        if any(word in rest for word in _NONE_WORDS):
            n, names = "0", ()
        elif count:
            n = count.group("n")
            inner = _parenthesised(rest[count.end() :].lstrip())
            names = _split_names(inner) if inner is not None else _listed(rest, count)
        elif names := _listed(rest, None):
            n = str(len(names))
        else:
            return
        names = self.scored_names(names, float(m.group("cut")), line)
        draft.fields.update({"below_cutoff_count": int(n), "below_cutoff_names": names})
        draft.fields["cutoff"] = float(m.group("cut"))
        draft.where["below_cutoff"] = draft.where["cutoff"] = line.no
        draft.figure(draft.round_scope, "below_cutoff", n, line, seg)
        draft.figure(draft.round_scope, "cutoff", m.group("cut"), line, seg)

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
        scope = Scope.rounds(self.draft.year, first, last)
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


def _listed(rest: str, count: re.Match[str] | None) -> tuple[str, ...]:
    """Names listed after a colon: "대상: A, B (2개)", "대상 2개 : A, B", "대상: A, B"."""
    colon = rest.find(":")
    if colon < 0:
        return ()
    if count is not None and colon < count.start():
        text = rest[colon + 1 : count.start()].rstrip(" (")
    else:
        text = rest[colon + 1 :]
    return _split_names(_LISTED_COUNT.sub(" ", text))


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
    return tuple(n for n in (collapse(x) for x in parts) if n)


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


def _evaluator(value: str) -> str:
    """The body's own name: inside "외부 전문기관(재단법인 ...)", without the legal form."""
    text = collapse(_LEGAL_FORM.sub(" ", value))
    parens = _PAREN.findall(text)
    inner = collapse(parens[-1]) if parens else ""
    return inner or collapse(_PAREN.sub(" ", text)) or collapse(value)
