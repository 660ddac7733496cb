"""What the reading stages collect, shared by all of them: the round being read."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NoReturn, TypedDict

from knowledge.disclosure.errors import ParseError
from knowledge.disclosure.lines import Line
from knowledge.model import AreaScore, Figure, Scope

MIN_YEAR, MAX_YEAR = 1990, 2199


def decimals(number: str) -> int:
    """Decimal places of a number as published ("79.05" → 2)."""
    return len(number.partition(".")[2])


def year_of(text: str) -> int:
    """A year as written: "2023", "'23", "’23" → 2023."""
    digits = text.lstrip("'‘’`´")
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


class RoundFields(TypedDict, total=False):
    """The round's facts read so far, named as the fields of ``Round`` (passed to it as is)."""

    title: str
    year: int
    round_no: int
    legal_basis: str
    period_start: str
    period_end: str
    evaluator: str
    services_in_year: int
    services_evaluated: int
    average_score: float
    average_precision: int
    cutoff: float
    scoring_areas: tuple[str, ...]
    max_points: int
    area_points: tuple[tuple[str, int], ...]
    below_cutoff_count: int
    below_cutoff_names: tuple[str, ...]


@dataclass
class Draft:
    """One parse in progress: the document's lines and the round's facts read so far."""

    lines: list[Line]
    is_html: bool
    plains: list[str]
    year: int = 0
    round_scope: Scope = field(default_factory=Scope)
    fields: RoundFields = field(default_factory=RoundFields)
    figures: dict[tuple, Figure] = field(default_factory=dict)
    #: line numbers of notable statements, by name ("average_score": 21)
    where: dict[str, int] = field(default_factory=dict)
    usage: list[str] = field(default_factory=list)
    #: every statement of how many services were evaluated, with its line
    stated_counts: list[tuple[int, Line]] = field(default_factory=list)
    #: scores listed in the results ("사무별 점수 : ① name 83.10점, …"): (line, number or
    #: None, name as written, score), given to the services once they are read
    listed_scores: list[tuple[Line, int | None, str, str]] = field(default_factory=list)
    #: the services read are all of the round's (findings for each, a score table, a list):
    #: a stated count must then equal their number, not merely bound it
    complete: bool = False
    #: the title's line, where a page whose round is named nowhere is refused
    title_line: Line | None = None
    #: services a table's remark marks as excluded from re-contracting ("비고 : 재계약 배제
    #: (공개모집)"): (line, name as written), checked against their scores and the names stated
    excluded: list[tuple[Line, str]] = field(default_factory=list)
    #: the contractor a table names for a service, by the service's key
    contractors: dict[str, str] = field(default_factory=dict)
    #: the scores by area a table gives beside a service's total, by the service's key
    area_scores: dict[str, tuple[AreaScore, ...]] = field(default_factory=dict)

    def fail(self, line: Line, reason: str) -> NoReturn:
        raise ParseError(line.no, line.text, reason)

    def line(self, no: int) -> Line:
        """The line numbered ``no`` in the source (the nearest one for an HTML page)."""
        for line in self.lines:
            if line.no >= no:
                return line
        return self.lines[-1]

    def figure(self, scope: Scope, metric: str, value: str, line: Line, quote: str, **kw) -> None:
        """Record a published figure (the first statement of a scope and metric wins)."""
        key = (scope, metric, kw.get("compared_to"))
        if key not in self.figures:
            self.figures[key] = Figure(
                scope,
                metric,
                float(value),
                decimals(value),
                quote=quote[:160],
                line_no=line.no,
                **kw,
            )
