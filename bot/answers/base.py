"""What every handler shares: the request, the reply, scope resolution and phrasing helpers.

Handlers compute; these helpers decide *which* round or year a question is about (the
newest round when it names none) and phrase the recurring pieces — a round's name, a
service's name in the answer's language, a report's attribution — through the catalogs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.answer import Chart, Source, Suggestion
from bot.i18n import Translator
from bot.understand.entities import Entities, Threshold
from bot.understand.intents import IntentSpec
from knowledge.model import (
    DEFAULT_CUTOFF,
    Evaluation,
    Scope,
    Service,
    StoredFigure,
    StoredRound,
)
from knowledge.queries import Queries


@dataclass(frozen=True)
class Reply:
    text: str
    answered: bool = True
    sources: tuple[Source, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    chart: Chart | None = None
    #: the scope the answer speaks of when it is not the question's own (an earlier
    #: cutoff's years): keys as ``Entities.to_dict`` ("year", "year_span", "round_no",
    #: "round_span"); the engine keeps it for the next turn's "그때/back then"
    scope: dict[str, Any] | None = None


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
        if e.year is None:  # "When was round 3 carried out?": the newest year holding a round 3
            held = [r for r in req.q.rounds() if r.round_no == e.round_no]
            if held:
                return Target(held[-1].year, e.round_no, True, held[-1])
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


def entity(req: Request, name: str, default: object = None) -> Any:
    """An entity the understanding layer may not extract yet (``band``, ``every_round``,
    ``compare_round``): read with a default, so handlers work before and after it lands."""
    return getattr(req.entities, name, default)


@dataclass(frozen=True)
class Coverage:
    """Every loaded round a question covers — one round, a year's rounds, a span of years,
    or all of them — and how to name that in the answer.

    With many rounds loaded, "2023" means each loaded round of 2023 (not only the newest),
    and "ever / all rounds" means every round in the knowledge base."""

    kind: str  # round | year | years | recent (the last N rounds) | all
    rounds: tuple[StoredRound, ...]
    label: str
    named: bool
    year: int | None = None

    @property
    def single(self) -> StoredRound | None:
        return self.rounds[0] if self.kind == "round" and self.rounds else None


def coverage(req: Request) -> Coverage:
    """The rounds the question is about: a named round, a named year or span of years,
    every round when it says so, else the newest round."""
    e, t = req.entities, req.t
    recent = entity(req, "count")
    if entity(req, "latest", False) and recent and recent > 1 and not e.has_scope:
        # "최근 3개 차수", "the last three rounds": the newest ``recent`` loaded rounds
        rounds = tuple(req.q.rounds()[-int(recent) :])
        label = t.n_("the last {n} loaded round", "the last {n} loaded rounds", len(rounds))
        return Coverage("recent", rounds, label, True)
    if recent and recent > 1 and not e.has_scope and not entity(req, "latest", False):
        loaded = req.q.rounds()
        if recent == len(loaded):  # "불러온 4개 회차에서 …" with four rounds loaded
            return Coverage("all", tuple(loaded), t._("all loaded rounds"), True)
    if not e.has_scope and _all_loaded(req):
        # "across the four loaded round disclosures", "불러온 회차 전부": every round
        return Coverage("all", tuple(req.q.rounds()), t._("all loaded rounds"), True)
    if entity(req, "every_round", False) and not e.has_scope:
        return Coverage("all", tuple(req.q.rounds()), t._("all loaded rounds"), True)
    if e.year_span is not None and e.round_no is None:
        start, end = e.year_span
        rounds = tuple(r for r in req.q.rounds() if start <= r.year <= end)
        return Coverage("years", rounds, scope_name(t, Scope.years(start, end)), True)
    if e.round_no is None and e.year is not None:
        label = t._("{year} (whole year)", year=e.year)
        return Coverage("year", tuple(req.q.rounds_of_year(e.year)), label, True, e.year)
    where = target(req, whole_year=False)
    rounds = (where.round,) if where.round is not None else ()
    label = target_name(t, where) if where.year is not None else ""
    return Coverage("round", rounds, label, where.named, where.year)


def _all_loaded(req: Request) -> bool:
    """The question names the loaded rounds as a whole (tally.yaml ``all_loaded``; read
    here, since tally builds on this module)."""
    lower = req.question.lower()
    return any(w in lower for w in _all_loaded_words())


@cache
def _all_loaded_words(key: str = "all_loaded") -> tuple[str, ...]:
    path = Path(__file__).with_name("tally.yaml")
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return tuple(str(w).lower() for w in data.get(key, ()))


def loaded_asked(req: Request) -> list[StoredRound] | None:
    """The loaded rounds named as a whole, less a round the question leaves out ("2023년
    3차 말고 나머지 불러온 회차들": the other loaded rounds, not the rest of 2023); None when
    the question does not name them so (tally.yaml ``all_loaded``, ``except_round``)."""
    e = req.entities
    if not e.has_scope:
        cov = coverage(req)
        return list(cov.rounds) if cov.kind == "all" else None
    out = set(e.rounds_excluded) or ({e.round_no} if e.round_no is not None else set())
    if e.year is None or not out or not _all_loaded(req):
        return None
    lower = req.question.lower()
    if not (e.rounds_excluded or any(w in lower for w in _all_loaded_words("except_round"))):
        return None
    return [r for r in req.q.rounds() if not (r.year == e.year and r.round_no in out)]


def less_one_asked(req: Request) -> bool:
    """The loaded rounds less a named one, two or more of them left: a scope of its own."""
    if not req.entities.has_scope or req.entities.services:
        return False
    rounds = loaded_asked(req)
    return rounds is not None and len(rounds) >= 2


def asks_scores(req: Request) -> bool:
    """Whether the question is about the individual scores as published ("공개된 점수 중",
    "published scores", "개별 점수"): then no scope means every round that published them."""
    return "scores" in req.entities.metrics


def _has_scores(req: Request, rnd: StoredRound) -> bool:
    return any(e.score is not None for e in req.q.evaluations(rnd.year, rnd.round_no))


def score_coverage(
    req: Request, answers: Callable[[StoredRound], bool] | None = None
) -> tuple[Coverage, str | None]:
    """The rounds a question about individual scores covers, and a line to say first.

    As everywhere, no scope means the newest round — unless the question is about the
    published scores as such, or asks for every round, or the newest round cannot answer
    it (``answers``: by default, it published scores): then it covers every loaded round
    that published scores (the answer names them).  A round named, a year, or "latest" is
    kept as asked."""
    cov = coverage(req)
    scored = tuple(req.q.scored_rounds())
    label = req.t._("the rounds that published scores")
    if cov.kind == "all":
        return (Coverage("all", scored, label, True) if scored else cov), None
    if cov.kind != "round" or cov.named or entity(req, "latest", False) or not scored:
        return cov, None
    newest = cov.single
    if asks_scores(req) or newest is None:
        return Coverage("all", scored, label, True), None
    if (answers or (lambda r: _has_scores(req, r)))(newest):
        return cov, None
    note = req.t._(
        "Individual scores of {round}, the newest round in the knowledge base, were not "
        "published; the published scores of earlier rounds follow.",
        round=round_name(req.t, newest.year, newest.round_no),
    )
    return Coverage("all", scored, label, True), note


def scored_rounds_line(req: Request, cov: Coverage) -> str | None:
    """ "Rounds with published scores: 2023 round 1 and 2024 round 1 (2 of 5 loaded
    rounds)." — said whenever an answer covers the published scores of several rounds."""
    if cov.kind != "all":
        return None
    every = len(req.q.rounds())
    return req.t.n_(
        "Rounds with published scores: {rounds} ({k} of {n} loaded round).",
        "Rounds with published scores: {rounds} ({k} of {n} loaded rounds).",
        every,
        rounds=req.t.join([round_name(req.t, r.year, r.round_no) for r in cov.rounds]),
        k=len(cov.rounds),
    )


def evaluated_count(req: Request, rnd: StoredRound) -> int:
    """How many services a round evaluated: its page's count — a page may name only some of
    them (the best one and those under the cutoff) — else the services it lists."""
    return rnd.services_evaluated or len(req.q.evaluations(rnd.year, rnd.round_no))


def unshadowed(req: Request, figures: list[StoredFigure]) -> list[StoredFigure]:
    """Figures without the reports that an official disclosure overrides: a report about a
    round whose page is loaded, or a report of a metric an official figure gives for the
    same scope.  (Reports about other scopes — a whole year beside its rounds — stay.)"""
    official = {(f.figure.metric, f.figure.scope) for f in figures if f.official}
    official |= {(f.figure.metric, f.figure.scope) for f in req.q.figures() if f.official}
    kept = []
    for f in figures:
        scope = f.figure.scope
        loaded_round = (
            scope.year_start is not None
            and scope.round_start is not None
            and scope.round_start == scope.round_end
            and req.q.get_round(scope.year_start, scope.round_start) is not None
        )
        if f.official or not (loaded_round or (f.figure.metric, scope) in official):
            kept.append(f)
    return kept


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
        # a report says what it is: "press" (news) or "city" (a city plan); else its kind
        kind=doc.source_type or doc.kind,
    )


class Joiner:
    """``t.join`` for many short lists at once: Babel's list pattern is looked up once per
    list length (formatting hundreds of lines through ``format_list`` each time costs
    milliseconds over thirty rounds)."""

    def __init__(self, t: Translator) -> None:
        self.t = t
        self.patterns: dict[int, str] = {}

    def __call__(self, items: list[str]) -> str:
        n = len(items)
        if n not in self.patterns:
            self.patterns[n] = self.t.join([f"\x00{i}\x00" for i in range(n)])
        text = self.patterns[n]
        for i, item in enumerate(items):
            text = text.replace(f"\x00{i}\x00", item)
        return text


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
    if where.year is not None and where.round_no is not None:
        return round_name(t, where.year, where.round_no)
    return t._("{year} (whole year)", year=where.year)


def service_name(t: Translator, service: Service) -> str:
    if t.lang == "en" and service.name_en:
        return service.name_en
    return service.name_ko


def every_name(service: Service) -> str:
    """Every name a service goes by (Korean, English, short, aliases), in one string: the
    words a lookup in the findings sets aside as naming the service, not saying anything
    of it."""
    names = (service.name_ko, service.name_en, service.short_ko, *service.aliases)
    return " ".join(n for n in names if n)


def as_reported(req: Request, line: str, stored: StoredFigure) -> str:
    """The line with the report it rests on after it ("… (according to a report by …)"): a
    reported figure is never stated without its source; an official one stands as it is."""
    if stored.official:
        return line
    return req.t._("{line} (according to {note})", line=line, note=report_note(req, stored))


def points(t: Translator, value: float | Decimal, precision: int) -> str:
    """A score at its published precision, with the unit ("79.05점" / "79.05 points")."""
    return t._("{value} points", value=t.num(value, precision))


def score(e: Evaluation) -> float:
    """The score of an evaluation whose score is known to be published (callers filter on
    ``e.score is not None`` first; this says so to the type checker and fails loudly)."""
    if e.score is None:
        raise ValueError(f"evaluation {e.id} has no published score")
    return e.score


def value(stored: StoredFigure) -> float:
    """The value of a figure that is a number (callers look up numeric metrics)."""
    if stored.figure.value is None:
        raise ValueError(f"figure {stored.id} ({stored.figure.metric}) has no value")
    return stored.figure.value


def average(rnd: StoredRound) -> float:
    """A round's published average (callers check ``average_score is not None`` first)."""
    if rnd.average_score is None:
        raise ValueError(f"{rnd.year} round {rnd.round_no} has no published average")
    return rnd.average_score


def difference(a: float, a_precision: int, b: float, b_precision: int) -> tuple[Decimal, int]:
    """``a - b`` computed exactly on the published values, and the precision to show it at."""
    return Decimal(str(a)) - Decimal(str(b)), max(a_precision, b_precision)


def gap(t: Translator, first: tuple[float, int], second: tuple[float, int]) -> tuple[Decimal, dict]:
    """``first - second`` of two (value, precision) figures, with the message values every
    difference sentence shares: ``diff`` (the size, in points) and ``sum`` ("79.05 − 72.40
    = 6.65"), so each sentence only chooses its words for higher, lower or the same."""
    diff, precision = difference(first[0], first[1], second[0], second[1])
    return diff, {
        "diff": points(t, abs(diff), precision),
        "sum": t._(
            "{a} − {b} = {d}",
            a=t.num(first[0], first[1]),
            b=t.num(second[0], second[1]),
            d=t.num(diff, precision),
        ),
    }


#: Up to this many values, a mean's arithmetic shows every one of them; beyond, the sum.
_MEAN_TERMS_SHOWN = 12


def mean_of_scores(t: Translator, evaluations: list[Evaluation]) -> tuple[Decimal, int, str]:
    """The mean of published scores, computed exactly and rounded half-up at the scores'
    precision, with its arithmetic: "(83.40 + 80.65 + 87.30) / 3 = 83.78", or for many
    values "1,265.04 / 16 = 79.07"."""
    from decimal import ROUND_HALF_UP

    precision = max(e.score_precision for e in evaluations)
    values = [Decimal(str(score(e))) for e in evaluations]
    total = sum(values, Decimal(0))
    mean = (total / len(values)).quantize(Decimal(1).scaleb(-precision), ROUND_HALF_UP)
    if len(values) <= _MEAN_TERMS_SHOWN:
        terms = " + ".join(t.num(score(e), e.score_precision) for e in evaluations)
        shown = f"({terms})" if len(values) > 1 else terms
    else:
        shown = t.num(total, precision)
    return mean, precision, f"{shown} / {len(values)} = {t.num(mean, precision)}"


def share(count: int, total: int) -> Decimal:
    """``count`` of ``total`` in percent, rounded half-up to one decimal as the city does."""
    from decimal import ROUND_HALF_UP

    return (Decimal(count) * 100 / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)


#: Below this share (in percent) an arithmetic line shows two decimals: one decimal would
#: hide a large part of a small share ("5 / 126 = 3.97%", not "4.0%").
_SMALL_SHARE = Decimal(10)


def share_sum(t: Translator, count: int, total: int) -> str:
    """ "6 / 47 = 12.8%", "5 / 126 = 3.97%": a share's arithmetic line, at one decimal as
    the city rounds, at two when the share is small."""
    from decimal import ROUND_HALF_UP

    exact = Decimal(count) * 100 / Decimal(total)
    fine = exact.quantize(Decimal("0.01"), ROUND_HALF_UP)
    if exact >= _SMALL_SHARE or fine == fine.quantize(Decimal("0.1")):  # 7.5%, not 7.50%
        return f"{count} / {total} = {t.pct(share(count, total), 1)}"
    return f"{count} / {total} = {t.pct(fine, 2)}"


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


def below_cutoff_scored(rnd: StoredRound, scored: list[Evaluation]) -> bool:
    """Whether a round that published only some scores published every score under its
    cutoff (its below-cutoff count matches): then every unscored service scored the cutoff
    or more ("…(72.10점)" after the names of the excluded services only)."""
    if rnd.below_cutoff_count is None:
        return False
    return sum(1 for e in scored if score(e) < rnd.cutoff) == rnd.below_cutoff_count


def scores_settle(
    rnd: StoredRound, evaluations: list[Evaluation], scored: list[Evaluation], threshold: Threshold
) -> bool:
    """Whether the published scores say which services are on the asked side: all of
    them published, or only those under the cutoff and the threshold lies at or under it
    (the unscored ones are all at the cutoff or above)."""
    if not scored:
        return False
    if len(scored) == max(len(evaluations), rnd.services_evaluated or 0):
        return True  # every service scored (a page may list only some of its services)
    if not below_cutoff_scored(rnd, scored):
        return False
    if threshold.direction == "below":
        return threshold.value <= rnd.cutoff
    return threshold.direction == "at_most" and threshold.value < rnd.cutoff


def versus_cutoff(req: Request, value: float, cutoff: float | None = None) -> str:
    """Above / below / exactly at the cutoff (the newest round's unless given), decided on
    the raw value: the one wording of a side of the line (averages.py and yesno/)."""
    if cutoff is None:
        cutoff = req.newest.cutoff if req.newest else DEFAULT_CUTOFF
    where = "above" if value > cutoff else "below" if value < cutoff else "at"
    shown = req.t.num(cutoff)
    messages = {
        "above": req.t._("above the {cutoff}-point cutoff", cutoff=shown),
        "below": req.t._("below the {cutoff}-point cutoff", cutoff=shown),
        "at": req.t._("exactly at the {cutoff}-point cutoff", cutoff=shown),
    }
    return messages[where]


def average_versus(req: Request, label: str, rnd: StoredRound, score: float) -> str:
    """ "The average score of {round} was 72.40 points, above the 75-point cutoff.": one
    sentence for a round's published average (``score``, its ``average_score`` once known
    to be published) against its own cutoff, wherever a round's average is given."""
    return req.t._(
        "The average score of {round} was {value}, {versus}.",
        round=label,
        value=points(req.t, score, rnd.average_precision),
        versus=versus_cutoff(req, score, rnd.cutoff),
    )
