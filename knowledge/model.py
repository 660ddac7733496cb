"""The vocabulary of evalbot: plain, frozen dataclasses shared by parser, store and queries.

Numbers carry the precision they were published with (``precision`` = decimal places),
so an answer can show "79.05" exactly as the city printed it while comparisons use the
raw value.  Every object that came out of a document remembers the line it came from,
which is what consistency warnings and error messages point at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FindingKind = Literal["achievement", "improvement"]
ACHIEVEMENT: FindingKind = "achievement"
IMPROVEMENT: FindingKind = "improvement"

DEFAULT_CUTOFF = 75.0

#: Metric names used in ``Figure.metric``; handlers look figures up by these.
METRICS = (
    "average_score",  # mean score of the scope
    "services_evaluated",  # how many services were evaluated in the scope
    "services_in_year",  # how many services are due for evaluation in the year
    "below_cutoff",  # count of services below the cutoff
    "below_cutoff_share_pct",  # share of services below the cutoff, in percent
    "average_diff",  # stated difference of an average against the figure's comparison scope
    "cutoff",  # the re-contract cutoff in force for the scope
    "below_65",
    "from_65_to_70",
    "from_70_to_75",
    "consigned_services_total",
    "consigned_budget_krw_100m",
)


@dataclass(frozen=True)
class Scope:
    """What a figure is about: a year, a span of years, a round, or a span of rounds.

    ``year_start == year_end`` for a single year; ``round_start``/``round_end`` are
    ``None`` for a whole year.  ``label`` keeps a scope that cannot be pinned down
    ("about 2018-2020") in the words of its source.
    """

    year_start: int | None = None
    year_end: int | None = None
    round_start: int | None = None
    round_end: int | None = None
    label: str | None = None

    @classmethod
    def year(cls, year: int) -> Scope:
        return cls(year, year)

    @classmethod
    def years(cls, start: int, end: int) -> Scope:
        return cls(start, end)

    @classmethod
    def round(cls, year: int, round_no: int) -> Scope:
        return cls(year, year, round_no, round_no)

    @classmethod
    def rounds(cls, year: int, start: int, end: int) -> Scope:
        return cls(year, year, start, end)

    @property
    def key(self) -> str:
        """A stable, readable key: ``2023``, ``2015-2022``, ``2023-R3``, ``2023-R1-3``."""
        if self.year_start is None:
            return self.label or "general"
        years = (
            str(self.year_start)
            if self.year_start == self.year_end
            else f"{self.year_start}-{self.year_end}"
        )
        if self.round_start is None:
            return years
        if self.round_start == self.round_end:
            return f"{years}-R{self.round_start}"
        return f"{years}-R{self.round_start}-{self.round_end}"


@dataclass(frozen=True)
class Figure:
    """A published number that is not a per-service score (averages, counts, shares)."""

    scope: Scope
    metric: str
    value: float | None
    precision: int = 0
    denominator: int | None = None
    #: For ``average_diff``: the scope the difference is measured against.
    compared_to: Scope | None = None
    quote: str = ""
    line_no: int | None = None
    #: A fact that is words, not a number (a report's evaluator or period).
    text: str | None = None


@dataclass(frozen=True)
class Finding:
    """One bullet of a service's main achievements (주요 성과) or improvement tasks (개선 과제)."""

    kind: FindingKind
    position: int
    text_ko: str
    text_en: str | None = None
    line_no: int | None = None


@dataclass(frozen=True)
class AreaScore:
    """A service's score in one scoring area (분야별 점수), published beside its total: the
    area as the table's header names it ("만족도"), and the area's points when stated."""

    area: str
    score: float
    precision: int = 1
    points: int | None = None


@dataclass(frozen=True)
class ServiceResult:
    """A service as evaluated in one round: its name as published, score if published, findings."""

    number: int
    name_ko: str
    findings: tuple[Finding, ...]
    score: float | None = None
    score_precision: int = 2
    line_no: int | None = None
    #: the organisation running it (수탁기관), when a table names it in a column of its own
    contractor: str | None = None
    #: its scores by scoring area, when a table publishes them beside the total
    area_scores: tuple[AreaScore, ...] = ()
    #: the Korean name a translated page gives beside the English one ("Seoul Fintech Lab
    #: (서울 핀테크랩)"): it says which known service this is when the English name differs
    korean_name: str | None = None

    def of_kind(self, kind: FindingKind) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == kind)


@dataclass(frozen=True)
class Round:
    """One published evaluation round (차수) of one year, as read from its disclosure."""

    year: int
    round_no: int
    title: str
    services: tuple[ServiceResult, ...]
    legal_basis: str | None = None
    period_start: str | None = None  # "YYYY-MM"
    period_end: str | None = None
    evaluator: str | None = None
    services_in_year: int | None = None
    services_evaluated: int | None = None
    average_score: float | None = None
    average_precision: int = 2
    cutoff: float = DEFAULT_CUTOFF
    scoring_areas: tuple[str, ...] = ()
    max_points: int | None = None
    #: Each scoring area's points as stated ("공통분야(40점), …"): (area, points), in order.
    area_points: tuple[tuple[str, int], ...] = ()
    #: How the results are used, one line per published bullet.
    usage: tuple[str, ...] = ()
    #: Count of services below the cutoff in this round, when the document states it.
    below_cutoff_count: int | None = None
    #: Names of below-cutoff services when the results section lists them.
    below_cutoff_names: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    #: Line numbers of notable statements (e.g. ``{"average_score": 17}``) for warnings.
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    @property
    def scope(self) -> Scope:
        return Scope.round(self.year, self.round_no)


@dataclass(frozen=True)
class Document:
    """A source as received: a disclosure (official) or a report (news, internal memo)."""

    title: str
    source: str  # path or URL
    sha256: str
    kind: Literal["disclosure", "report", "curated"] = "disclosure"
    publisher: str | None = None
    published_on: str | None = None
    url: str | None = None
    text: str = field(default="", repr=False)
    id: int | None = None
    #: for a report: "press" (news) or "city" (a city plan or approval document)
    source_type: Literal["press", "city"] | None = None


@dataclass(frozen=True)
class Service:
    """A consigned service (사무), stable across rounds, with curated names and aliases."""

    id: int
    name_ko: str
    name_en: str | None
    aliases: tuple[str, ...] = ()
    short_ko: str | None = None
    name_en_full: str | None = None


@dataclass(frozen=True)
class Evaluation:
    """A service × round row as stored: the score is ``None`` when never published."""

    id: int
    service: Service
    year: int
    round_no: int
    score: float | None
    score_precision: int
    document_id: int
    #: the name the round published (a service is renamed slightly from round to round)
    name_published: str | None = None
    #: its scores by scoring area, when the round published them beside the total
    area_scores: tuple[AreaScore, ...] = ()


@dataclass(frozen=True)
class StoredFinding:
    """A finding as stored, with the service and round it belongs to."""

    id: int
    evaluation_id: int
    service: Service
    year: int
    round_no: int
    kind: FindingKind
    position: int
    text_ko: str
    text_en: str | None
    document_id: int


@dataclass(frozen=True)
class StoredFigure:
    """A figure as stored, with the document (disclosure or report) it came from."""

    id: int
    figure: Figure
    document_id: int
    official: bool


@dataclass(frozen=True)
class ConsistencyWarning:
    """A consistency problem found at build or ingest: never fatal, never silent."""

    document: str
    line_no: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.document}:{self.line_no}" if self.line_no else self.document
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class StoredRound:
    """A round as stored: the round-level facts of its disclosure, with provenance."""

    id: int
    year: int
    round_no: int
    title: str
    document_id: int
    legal_basis: str | None
    period_start: str | None
    period_end: str | None
    evaluator: str | None
    services_in_year: int | None
    services_evaluated: int | None
    average_score: float | None
    average_precision: int
    cutoff: float
    scoring_areas: tuple[str, ...]
    max_points: int | None
    usage: tuple[str, ...]
    below_cutoff_count: int | None
    below_cutoff_names: tuple[str, ...]
    #: each scoring area's points as stated: (area, points), in order; empty when not stated
    area_points: tuple[tuple[str, int], ...] = ()

    @property
    def scope(self) -> Scope:
        return Scope.round(self.year, self.round_no)
