"""What every handler shares: the request, the reply, scope resolution and phrasing helpers.

Handlers compute; these helpers decide *which* round or year a question is about (the
newest round when it names none) and phrase the recurring pieces — a round's name, a
service's name in the answer's language, a report's attribution — through the catalogs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from bot.answer import Chart, Source, Suggestion
from bot.i18n import Translator
from bot.understand.entities import Entities
from bot.understand.intents import IntentSpec
from knowledge.model import Scope, Service, StoredFigure, StoredRound
from knowledge.queries import Queries


@dataclass(frozen=True)
class Reply:
    text: str
    answered: bool = True
    sources: tuple[Source, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    chart: Chart | None = None


@dataclass(frozen=True)
class Request:
    question: str
    lang: str
    entities: Entities
    q: Queries
    t: Translator
    specs: dict[str, IntentSpec]

    @property
    def newest(self) -> StoredRound | None:
        return self.q.latest_round()


@dataclass(frozen=True)
class Target:
    """The round or year a question is about, and whether the question named it."""

    year: int | None
    round_no: int | None
    named: bool
    round: StoredRound | None = None

    @property
    def scope(self) -> Scope:
        if self.round_no is not None and self.year is not None:
            return Scope.round(self.year, self.round_no)
        return Scope.year(self.year) if self.year is not None else Scope()

    @property
    def is_round(self) -> bool:
        return self.round_no is not None


def target(req: Request, whole_year: bool = True) -> Target:
    """The question's round (a named round, else the newest) or, if it names only a year
    and ``whole_year`` is allowed, that year."""
    e, newest = req.entities, req.newest
    if e.round_no is not None:
        year = e.year if e.year is not None else newest.year if newest else None
        found = req.q.get_round(year, e.round_no) if year is not None else None
        return Target(year, e.round_no, True, found)
    if e.year is not None:
        rounds = req.q.rounds_of_year(e.year)
        if whole_year or not rounds:
            return Target(e.year, None, True)
        return Target(e.year, rounds[-1].round_no, True, rounds[-1])
    if newest is None:
        return Target(None, None, False)
    return Target(newest.year, newest.round_no, False, newest)


@dataclass
class Draft:
    """An answer being written: lines of text and the documents they rest on."""

    req: Request
    lines: list[str] = field(default_factory=list)
    documents: list[int] = field(default_factory=list)

    def add(self, line: str, *document_ids: int | None) -> None:
        self.lines.append(line[:1].upper() + line[1:])
        self.cite(*document_ids)

    def cite(self, *document_ids: int | None) -> None:
        for doc in document_ids:
            if doc is not None and doc not in self.documents:
                self.documents.append(doc)

    def reply(
        self,
        answered: bool = True,
        suggestions: tuple[Suggestion, ...] = (),
        chart: Chart | None = None,
    ) -> Reply:
        sources = tuple(source(self.req, d) for d in self.documents)
        return Reply("\n".join(self.lines), answered, sources, suggestions, chart)


# ---- phrasing ---------------------------------------------------------------------------
def source(req: Request, document_id: int) -> Source:
    doc = req.q.document(document_id)
    title, publisher = doc.title, doc.publisher
    if req.lang == "en":
        title = req.q.english(title) or title
        publisher = req.q.english(publisher) or publisher
    return Source(
        title=title,
        official=doc.kind == "disclosure",
        url=doc.url,
        publisher=publisher,
        published_on=doc.published_on,
        document_id=document_id,
    )


def round_name(t: Translator, year: int, round_no: int) -> str:
    return t._("{year} round {round}", year=year, round=round_no)


def scope_name(t: Translator, scope: Scope) -> str:
    """A figure's scope in words: a round, a year, rounds of a year, a span of years."""
    ys, ye, rs, re_ = scope.year_start, scope.year_end, scope.round_start, scope.round_end
    if ys is None:
        return _label(t, scope.label or "")
    if rs is not None and rs == re_:
        return round_name(t, ys, rs)
    if rs is not None:
        return t._("rounds {start}–{end} of {year}", year=ys, start=rs, end=re_)
    if ys == ye:
        return t._("{year} (whole year)", year=ys)
    return t._("{start}–{end}", start=ys, end=ye)


_AS_OF = re.compile(r"as of (\d{4}-\d{2}(?:-\d{2})?)$")
_ABOUT = re.compile(r"about (\d{4})\s*[-–~]\s*(\d{4})$")


def _label(t: Translator, label: str) -> str:
    """A scope known only by words ("about 2018-2020", "as of 2023-01") in the answer's
    language; a label of another shape is shown as written."""
    found = _AS_OF.match(label)
    if found:
        return t._("as of {date}", date=t.date(found.group(1)))
    found = _ABOUT.match(label)
    if found:
        return t._("about {start}–{end}", start=found.group(1), end=found.group(2))
    if label == "rule: contracts":
        return t._("contract rules")
    return label


def target_name(t: Translator, where: Target) -> str:
    if where.is_round:
        return round_name(t, where.year, where.round_no)
    return t._("{year} (whole year)", year=where.year)


def service_name(t: Translator, service: Service) -> str:
    if t.lang == "en" and service.name_en:
        return service.name_en
    return service.name_ko


def points(t: Translator, value: float, precision: int) -> str:
    """A score at its published precision, with the unit ("79.05점" / "79.05 points")."""
    return t._("{value} points", value=t.num(value, precision))


def difference(a: float, a_precision: int, b: float, b_precision: int) -> tuple[Decimal, int]:
    """``a - b`` computed exactly on the published values, and the precision to show it at."""
    return Decimal(str(a)) - Decimal(str(b)), max(a_precision, b_precision)


def share(count: int, total: int) -> Decimal:
    """``count`` of ``total`` in percent, rounded half-up to one decimal as the city does."""
    from decimal import ROUND_HALF_UP

    return (Decimal(count) * 100 / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def report_note(req: Request, figure: StoredFigure) -> str:
    """ "a report by 대한경제 (21 October 2024), not an official disclosure"."""
    doc = req.q.document(figure.document_id)
    publisher = doc.publisher or doc.title
    if req.lang == "en":
        publisher = req.q.english(publisher) or publisher
    if doc.published_on:
        return req.t._(
            "a report by {publisher} ({date}), not an official disclosure",
            publisher=publisher,
            date=req.t.date(doc.published_on),
        )
    return req.t._(
        "a report by {publisher} (undated), not an official disclosure", publisher=publisher
    )


def english_or_korean(req: Request, text_ko: str | None) -> str | None:
    """A published Korean phrase in the answer's language (curated English when there is)."""
    if text_ko is None or req.lang != "en":
        return text_ko
    return req.q.english(text_ko) or text_ko


def ask(
    req: Request, intent: str, service: Service | None = None, *, by_name: bool = False
) -> Suggestion | None:
    """The intent's suggestion question (intents.yaml ``ask``), filled for ``service``;
    labelled with the question, or with the service's name when ``by_name``."""
    spec = req.specs.get(intent)
    template = spec.ask.get(req.lang) if spec else None
    if not template:
        return None
    if "{service}" in template:
        if service is None:
            return None
        name = service_name(req.t, service)
        question = template.replace("{service}", name)
        return Suggestion(name if by_name else question, question)
    return Suggestion(template, template)


def suggestions(req: Request, *intents: str) -> tuple[Suggestion, ...]:
    found = (ask(req, i) for i in intents)
    return tuple(s for s in found if s is not None)
