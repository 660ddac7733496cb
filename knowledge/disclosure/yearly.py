"""Stage 3b: a year's summary inside a round's disclosure → figures of the year.

A round's disclosure may close with the year so far ("3. 2024년도 연간 종합 (제1차 + 제2차)",
"■ 2026년 연간 종합 (제1차 ~ 제3차)"): the services evaluated that year, the year's average,
how many fell below the cutoff and their share, the change from the year before.  These are
the year's figures, not the round's — as the seed's "'23년 전체 평균" and "1~3차 합산 47개 중
13개" are — so every statement of such a section is read with the year as its subject:

* "평가 사무 : 61개", "평가 사무 49개" → services of the year;
* "연간 평균 : 78.52점", "평균 79.11점" → the year's average (of the rounds so far when the
  heading names them and does not call them the year: "'23년 누적 현황 (1~2차)");
* "75점 미만 : 8개 (13.1%)" → the count below the cutoff over the rounds the heading names
  (``Scope.rounds``; the whole year when it names none) and its share, out of the year's services;
* "전년(2025년 연간 평균 77.94점) 대비 1.17점 상승", "2023년 74.02점 → 2024년 78.52점" → the
  previous year's average and the change; "27.7% → 13.1%" after "전년" → last year's share.
"""

from __future__ import annotations

import re

from knowledge.disclosure.draft import Draft, year_of
from knowledge.disclosure.lines import Line
from knowledge.disclosure.sections import YEAR, Section
from knowledge.disclosure.statements import (
    _ARROW,
    _COMPARE,
    _CUMULATIVE,
    _CUTOFF,
    _SEGMENTS,
    AVG_GAP,
    NUM,
    POINTS,
    _Statements,
)
from knowledge.model import Scope

_HEADING_YEAR = re.compile(rf"(?P<y>{YEAR})\s*년")
#: the rounds a heading names: "(제1차 + 제2차)", "(1~3차)", "제1·2차", "(제1차 ~ 제3차)"
_HEADING_ROUNDS = re.compile(
    r"(?<![0-9])(?:제\s*)?[0-9]{1,2}(?:\s*차)?(?:\s*[~∼+·,\-]\s*(?:제\s*)?[0-9]{1,2}(?:\s*차)?)*"
    r"(?<=차)"
)
_SERVICES = re.compile(
    r"사무\s*(?:수)?\s*:?\s*(?P<n>[0-9]+)\s*개|(?P<m>[0-9]+)\s*개\s*(?:민간위탁\s*)?사무"
)
_WHOLE_YEAR = re.compile(r"연간|전체|연도\s*종합|년\s*종합|한\s*해")
_KEYED = re.compile(r"(?P<n>[0-9]+)\s*개(?P<m>)")
_AVERAGE = re.compile(rf"평균{AVG_GAP}(?P<v>{NUM}){POINTS}")
_BELOW = re.compile(rf"(?P<n>[0-9]+)\s*개(?:\s*사무)?\s*(?:\(\s*(?P<pct>{NUM})\s*%\s*\))?")
_SHARE_ARROW = re.compile(rf"(?P<a>{NUM})\s*%\s*(?:→|->|⇒)\s*(?P<b>{NUM})\s*%")


class YearStatements(_Statements):
    """The statements of a year's summary: ``subject`` is always the year."""

    def __init__(self, draft: Draft, section: Section) -> None:
        super().__init__(draft, primary=False)
        found = _HEADING_YEAR.search(section.name)
        self.year = year_of(found.group("y")) if found else draft.year
        rounds = [
            int(n)
            for m in _HEADING_ROUNDS.finditer(section.name)
            for n in re.findall(r"[0-9]+", m.group())
        ]
        self.below_scope = (
            Scope.rounds(self.year, min(rounds), max(rounds)) if rounds else Scope.year(self.year)
        )
        # "연간 종합", "전체" is the year; "누적 현황 (1~2차)" is the year so far, its rounds
        whole = not rounds or _WHOLE_YEAR.search(section.name) is not None
        self.scope = Scope.year(self.year) if whole else self.below_scope
        self.subject = self.scope
        self.in_year: int | None = None
        self.last_year_context = False

    def item(self, kind: str, value: str, line: Line, key: str = "") -> None:
        if kind == "evaluated":
            self.services(value, line, keyed=True)
        else:
            super().item(kind, value, line, key)

    def result_line(self, body: str, line: Line) -> None:
        if "전년" in body or "작년" in body:
            self.last_year_context = True
        for arrow in _ARROW.finditer(body) if "→" in body or "->" in body else ():
            self.arrow(arrow, line)
        if self.last_year_context and (share := _SHARE_ARROW.search(body)) and "%" in body:
            scope = Scope.year(self.year - 1)
            self.draft.figure(scope, "below_cutoff_share_pct", share.group("a"), line, body)
        for segment in _SEGMENTS.split(body):
            if segment.strip(" ,"):
                self.segment(segment.strip(" ,"), line)

    def segment(self, seg: str, line: Line) -> None:
        self.services(seg, line)
        compares = list(_COMPARE.finditer(seg)) if "대비" in seg else []
        rest = _COMPARE.sub(" ", seg) if compares else seg
        if "→" not in rest and (m := _AVERAGE.search(rest)) is not None:
            whole = _WHOLE_YEAR.search(rest[: m.start()]) is not None
            self.subject = Scope.year(self.year) if whole else self.scope
            self.draft.where.setdefault("year_average", line.no)
            self.draft.figure(self.subject, "average_score", m.group("v"), line, seg)
        for c in compares:
            self.comparison(c, line)
        if (cut := _CUTOFF.search(rest)) is None or "→" in rest:
            return
        if (span := _CUMULATIVE.search(rest[: cut.start()])) is not None:
            self.cumulative(span, line, seg)  # "1~3차 합산 44개 사무 중 9개(20.5%)가 75점 미만"
        elif not self.below(rest[cut.end() :], line, seg) and "중" in rest[: cut.start()]:
            self.below(rest[rest.index("중", 0, cut.start()) :], line, seg)  # "44개 중 9개가 …"

    def services(self, text: str, line: Line, *, keyed: bool = False) -> None:
        """The year's services: "평가 사무 49개"; after a key that names them, "61개"."""
        m = (_KEYED if keyed else _SERVICES).search(text)
        if m is None or self.in_year is not None:
            return
        n = m.group("n") or m.group("m")
        self.in_year = int(n)
        if self.scope.round_start is not None:  # the services of the rounds so far
            self.draft.figure(self.scope, "services_evaluated", n, line, text)
            return
        self.draft.fields.setdefault("services_in_year", int(n))
        self.draft.where.setdefault("services_in_year", line.no)
        self.draft.figure(self.scope, "services_in_year", n, line, text)

    def below(self, rest: str, line: Line, seg: str) -> bool:
        """The count below the cutoff in ``rest`` (and its share), at the heading's rounds."""
        m = _BELOW.search(rest)
        if m is None:
            return False
        den = self.in_year
        self.draft.where.setdefault("cumulative_below_cutoff", line.no)
        self.draft.figure(
            self.below_scope, "below_cutoff", m.group("n"), line, seg, denominator=den
        )
        if m.group("pct"):
            self.draft.figure(
                self.below_scope,
                "below_cutoff_share_pct",
                m.group("pct"),
                line,
                seg,
                denominator=den,
            )
        return True
