"""Figures the documents imply but do not print: the gap between two published figures,
which of two is higher, the services that passed (evaluated − below the cutoff), the
direction of the averages or of the share below the cutoff over the years, and numbers
outside the data.

Every computed figure is shown with its arithmetic in one short line ("79.05 − 75 = 4.05"),
computed exactly (``Decimal``) on the published values; a reported figure is named as a
report wherever it is stated.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from itertools import pairwise

from bot.answers import HANDLERS, handles
from bot.answers.base import (
    Draft,
    Reply,
    Request,
    as_reported,
    below_cutoff_scored,
    difference,
    entity,
    less_one_asked,
    points,
    report_note,
    round_name,
    scope_name,
    service_name,
    share,
    share_sum,
    suggestions,
    target,
)
from bot.answers.tally import (
    Deduced,
    Known,
    after_premise,
    asked_direction,
    asked_rounds,
    asks_cutoff_history,
    by_round_asked,
    change_verdict,
    consigned_asked,
    count_metric,
    counts_by_year,
    deduce,
    directions,
    era_counts,
    era_versus,
    how_many,
    name_reports,
    renewals_not_published,
    round_count,
    rounds_in_order,
    rounds_name,
    rounds_of,
    said,
    short_of_year,
    stated_count,
    year_count,
)
from bot.answers.tally import words as tally_words
from knowledge.model import DEFAULT_CUTOFF, Evaluation, Scope, StoredFigure, StoredRound

MINUS = "−"


@dataclass(frozen=True)
class Fig:
    """One published figure an operation works on, with where it comes from."""

    scope: Scope
    value: float
    precision: int
    document_id: int | None
    #: the figure as stored, when it is a report (its note names the publisher)
    report: StoredFigure | None = None
    #: "average" | "cutoff" | "share" | "score" (one service's score in a round)
    kind: str = "average"
    #: the service whose score it is (kind "score")
    service: int | None = None

    def to_dict(self) -> dict[str, object]:
        s = self.scope
        return {
            "kind": self.kind,
            "scope": [s.year_start, s.year_end, s.round_start, s.round_end],
            "value": self.value,
            "precision": self.precision,
            "doc": self.document_id,
            "service": self.service,
        }


def fig_from_dict(req: Request, data: dict[str, object]) -> Fig | None:
    """A figure remembered in the conversation, looked up again (None when it is gone)."""
    try:
        raw = data["scope"]
        if not isinstance(raw, list | tuple) or len(raw) != 4:
            return None
        ys, ye, rs, re_ = (None if v is None else int(v) for v in raw)
        scope = Scope(ys, ye, rs, re_)
        if data.get("kind") == "cutoff":
            return cutoff_fig(req)
        if data.get("kind") == "share":
            return share_fig(req, scope)
        if data.get("kind") == "score" and ys is not None and rs is not None:
            service = data.get("service")
            return score_fig(req, int(service), ys, rs) if isinstance(service, int) else None
        if rs is not None and rs == re_ and ys is not None:
            return round_average(req, ys, rs)
        if ys is not None and ys == ye:
            return year_average(req, ys)
        return _stored(req.q.figure("average_score", scope))
    except (KeyError, TypeError, ValueError):
        return None


# ---- the figures ---------------------------------------------------------------------
def _stored(stored: StoredFigure | None) -> Fig | None:
    if stored is None or stored.figure.value is None:
        return None
    f = stored.figure
    value = f.value
    if value is None:
        return None
    return Fig(f.scope, value, f.precision, stored.document_id, None if stored.official else stored)


def round_average(req: Request, year: int | None, round_no: int) -> Fig | None:
    rounds = [r for r in req.q.rounds() if r.round_no == round_no and year in (None, r.year)]
    rnd = rounds[-1] if rounds else None
    if rnd is None or rnd.average_score is None:
        return _stored(req.q.figure("average_score", Scope.round(year, round_no))) if year else None
    return Fig(rnd.scope, rnd.average_score, rnd.average_precision, rnd.document_id)


def year_average(req: Request, year: int) -> Fig | None:
    return _stored(req.q.figure("average_score", Scope.year(year)))


def long_run(req: Request, before: int) -> Fig | None:
    """The published multi-year average ending before ``before`` (e.g. 2015–2022)."""
    spans = [
        f
        for f in req.q.figures("average_score")
        if f.figure.scope.year_start is not None
        and f.figure.scope.year_start != f.figure.scope.year_end
        and f.figure.scope.round_start is None
        and (f.figure.scope.year_end or 0) < before
    ]
    best = max(spans, key=lambda f: (f.official, f.figure.scope.year_end or 0), default=None)
    if best is None:  # a year inside the long run (2022 against 2015–2022)
        spans = [
            f
            for f in req.q.figures("average_score")
            if f.figure.scope.year_start is not None
            and f.figure.scope.year_start != f.figure.scope.year_end
            and f.figure.scope.round_start is None
            and (f.figure.scope.year_end or 0) == before
        ]
        best = max(spans, key=lambda f: f.official, default=None)
    return _stored(best)


def cutoff_fig(req: Request) -> Fig:
    """The newest round's cutoff as a figure, to stand beside averages (yesno/ too)."""
    newest = req.newest
    value = newest.cutoff if newest else DEFAULT_CUTOFF
    scope = newest.scope if newest else Scope()
    return Fig(scope, value, 0, newest.document_id if newest else None, kind="cutoff")


def _newest_year(req: Request) -> int | None:
    years = [r.year for r in req.q.rounds()]
    return max(years) if years else None


def subject(req: Request) -> Fig | None:
    """The average the question is about: its round, its year, else the newest round — or
    the newest year when it compares with a year ("전년보다", "yearly average")."""
    e = req.entities
    if e.round_no is not None:
        return round_average(req, e.year, e.round_no)
    if e.year is not None and e.year_span is not None:
        # "2023 against the 2015–2022 average"; "the gap between the 2015-2022 average and
        # the 2022 average" (a year is only set when it is named apart from the span)
        return year_average(req, e.year)
    if e.latest and e.year is None:  # "최근 차수 평균이 연평균보다 …": the newest round
        latest = req.newest
        return round_average(req, latest.year, latest.round_no) if latest else None
    if e.year_span is not None:
        return _stored(req.q.figure("average_score", Scope.years(*e.year_span)))
    if e.year is not None:
        return year_average(req, e.year)
    newest = _newest_year(req)
    yearly = ("prev_year", "long_run", "whole_year", "other", "year")
    if newest is not None and (e.compare in yearly or e.reference in yearly):
        return year_average(req, newest)
    where = target(req, whole_year=False)
    return round_average(req, where.year, where.round_no) if where.round_no else None


def reference(req: Request, of: Fig) -> Fig | None:
    """What the subject is measured against: a second named scope, the year before, the long
    run, the round's own year, or (by default) the re-contract cutoff."""
    e = req.entities
    year = of.scope.year_start
    if e.year_span is not None and of.scope != Scope.years(*e.year_span):
        return _stored(req.q.figure("average_score", Scope.years(*e.year_span)))
    if e.compare == "round" and e.compare_round is not None:
        return round_average(req, e.compare_year, e.compare_round)
    own = _own_year(req, of)
    if own is not None:  # "같은 해 다른 차수들이랑 비교하면": the round against its year
        return own
    earlier = _long_run_instead(req, of)
    if earlier is not None:  # "예전 평균 수준으로 돌아왔어?": the long run, not the year before
        return earlier
    if e.compare == "year" and e.compare_year is not None:
        return year_average(req, e.compare_year)
    if e.reference == "cutoff":
        return cutoff_fig(req)
    whole = e.compare == "whole_year" or e.reference == "whole_year"
    if whole and of.scope.round_start is not None and year is not None:
        return year_average(req, year)
    if (e.compare == "prev_year" or e.reference == "prev_year") and year is not None:
        return year_average(req, year - 1)
    if (e.compare == "long_run" or e.reference == "long_run") and year is not None:
        return long_run(req, year)
    if e.compare == "other" and year is not None and of.scope.round_start is None:
        return year_average(req, year - 1)
    return cutoff_fig(req)


def _named_year(question: str, year: int) -> bool:
    """The question writes ``year`` itself ("2023", "'23", "23년"), not only implies it."""
    short = f"{year % 100:02d}"
    pattern = rf"{year}|['’]{short}(?!\d)|(?<!\d){short}\s*년"
    return re.search(pattern, question) is not None


def _own_year(req: Request, of: Fig) -> Fig | None:
    """A round weighed against the rest of its own year ("같은 해 다른 차수들이랑", "the
    other rounds that year"): that year's average is the reference, not the cutoff."""
    year = of.scope.year_start
    if of.kind != "average" or of.scope.round_start is None or year is None:
        return None
    if not said(req.question, "own_year"):
        return None
    return year_average(req, year)


def _long_run_instead(req: Request, of: Fig) -> Fig | None:
    """ "2024년 평균이면 예전 수준으로 돌아온 거야?", "back to its historical level?": the long
    run asked by its words is the reference — unless the question names another scope of
    its own (a year it writes, the cutoff, the year before, its whole year)."""
    e = req.entities
    year = of.scope.year_start
    if year is None or of.kind != "average" or e.year_span is not None:
        return None
    if not said(req.question, "long_run") or e.reference in ("cutoff", "prev_year", "whole_year"):
        return None
    if e.compare in ("prev_year", "whole_year", "round"):
        return None
    if (
        e.compare == "year"
        and e.compare_year is not None
        and _named_year(req.question, e.compare_year)
    ):
        return None
    found = long_run(req, year)
    return found if found is not None and found.scope != of.scope else None


def _context_pairs(req: Request, a: Fig, b: Fig) -> list[tuple[Fig, Fig]]:
    """Comparisons a question's scope words ask beside its own pair of figures:

    - the long run ("예전", "for a while", "long-run"): the subject's year and the year
      before it, each against the published multi-year average — so "a one-off, or had it
      been slipping?" shows where each year stood;
    - its own year ("같은 해 다른 차수"): a round against its year's average."""
    pairs: list[tuple[Fig, Fig]] = []
    singles = [f for f in (a, b) if f.kind == "average" and f.scope.year_start is not None]
    years = [f.scope.year_start for f in singles if f.scope.year_start == f.scope.year_end]
    if said(req.question, "long_run") and years:
        last = max(y for y in years if y is not None)
        earlier = long_run(req, last)
        for year in (last - 1, last):
            fig = year_average(req, year)
            if earlier is None or fig is None or {fig, earlier} == {a, b}:
                continue
            if fig.scope == earlier.scope:
                continue
            pairs.append((fig, earlier))
    return pairs


def sides(req: Request) -> tuple[Fig, Fig] | None:
    """The question's figure and what it is measured against, in the question's order: a
    compared scope named first is the subject ("2022년이 2023년보다 높았어?")."""
    after = _year_after(req)
    if after is not None:
        return after
    of = subject(req)
    other = reference(req, of) if of is not None else None
    if of is None or other is None:
        return None
    if _from_to(req, of, other):  # "25년 2차에서 26년 2차로 올랐어?": the later one moved
        return (of, other) if _time(of) > _time(other) else (other, of)
    if req.entities.compare_first and other.kind != "cutoff":
        return other, of
    return of, other


#: "from A to B", "A에서 B로": a change from the first-named scope to the second.
_FROM_TO = re.compile(r"\bfrom\b.+\bto\b|에서.{1,24}?(?:으로|로)(?=\s|$|가|는|의|넘어|오|가면)")


def _from_to(req: Request, of: Fig, other: Fig) -> bool:
    """A change asked from one time to another ("from 2025 round 2 to 2026 round 2, did it
    rise?"): the later figure is the subject whichever the question named first."""
    if of.kind == "cutoff" or other.kind == "cutoff" or _time(of) == _time(other):
        return False
    return bool(_FROM_TO.search(req.question.lower()))


def _year_after(req: Request) -> tuple[Fig, Fig] | None:
    """ "2023년 이후엔 다시 올랐어?", "did it go back up after 2023?": a change after the
    named year is the next year holding an average (a report's, labelled) against it —
    not the named year against the one before."""
    e = req.entities
    if e.compare not in ("other", "prev_year") or e.year is None or e.round_no is not None:
        return None
    if e.year_span is not None or not _after_year(req.question.lower(), e.year):
        return None
    named = year_average(req, e.year)
    later = sorted(
        y
        for f in req.q.figures("average_score")
        if (y := f.figure.scope.year_start) is not None
        and y == f.figure.scope.year_end
        and y > e.year
        and f.figure.scope.round_start is None
    )
    following = year_average(req, later[0]) if later else None
    if named is None or following is None:
        return None
    return following, named


def _asks_direction(req: Request, of: Fig, other: Fig) -> bool:
    """ "Did the average go up or down from 2025 round 2 to 2026 round 2?": a direction word
    and two scopes of different times (not the cutoff, not a span and a year in it)."""
    if not _from_to(req, of, other):  # "higher or lower than …" compares, not moves
        return False
    return any(directions(req.question.lower()))


def _time(fig: Fig) -> tuple[int, int]:
    return fig.scope.year_start or 0, fig.scope.round_start or 0


def _moved(req: Request, of: Fig, other: Fig) -> Reply:
    """The change from the earlier figure to the later one, in words and arithmetic, with
    Yes or No first when the question checks one direction."""
    before, after = sorted((of, other), key=_time)
    draft = Draft(req)
    _direction_lines(req, draft, [before, after], percent=False)
    reply = draft.reply(suggestions=suggestions(req, "trend", "below_cutoff"))
    return rose_verdict(req, reply, after.value > before.value)


def moved_between(
    req: Request, a: tuple[int | None, int], b: tuple[int | None, int], any_way: bool = False
) -> Reply | None:
    """Two rounds' averages asked as a change from one to the other ("from 2028 round 1 to
    2029 round 3, rise or fall?"): the change in time order; None when not asked so.
    ``any_way``: a trend question ("어떻게 변했어") needs no direction word."""
    first, second = round_average(req, *a), round_average(req, *b)
    if first is None or second is None:
        return None
    asked = _from_to(req, first, second) if any_way else _asks_direction(req, first, second)
    return _moved(req, first, second) if asked else None


def rose_verdict(req: Request, reply: Reply, rose: bool) -> Reply:
    """Yes or No first when a yes/no question asks one direction of the change."""
    from bot.understand.parts import shared_parts

    if not shared_parts().yes_no(req.question):
        return reply
    up, down = directions(req.question.lower())
    if up == down:
        return reply
    verdict = req.t._("Yes.") if rose == up else req.t._("No.")
    return replace(reply, text=f"{verdict} {reply.text}")


def _after_year(lower: str, year: int) -> bool:
    """The question says "after" right beside the year ("2023년 이후엔", "after 2023"):
    a change after it, not the year's own change on the year before."""
    return any(p.search(lower) for p in _after_patterns(year))


@cache
def _after_patterns(year: int) -> tuple[re.Pattern[str], ...]:
    """``_after_year``'s patterns for one year, built once (tally.yaml ``after``,
    ``after_following``) rather than on every question."""
    after = tally_words()["after"]
    ko = "|".join(re.escape(w) for w in after if not w.isascii())
    en = "|".join(re.escape(w) for w in after if w.isascii())
    named = rf"(?:{year}|'{year % 100:02d}|(?<!\d){year % 100:02d}(?=\s*년))"
    following = "|".join(re.escape(w) for w in tally_words()["after_following"])
    return (
        re.compile(rf"{named}\s*(?:년도?)?\s*(?:{ko})"),
        re.compile(rf"\b(?:{en})\s+(?:the\s+year\s+)?{named}"),
        re.compile(rf"{named}\s+(?:{following})\b"),
        re.compile(rf"\b(?:from|starting)\s+(?:in\s+)?{named}\s+on\b"),
    )


def after_year(lower: str, year: int) -> bool:
    """Whether "since"/"이후"/"onward" stands right beside ``year`` in the question."""
    return _after_year(lower, year)


def label(req: Request, fig: Fig) -> str:
    if fig.kind == "cutoff":
        return req.t._("the re-contract cutoff")
    service = req.q.service(fig.service) if fig.kind == "score" and fig.service else None
    if service is not None:
        return req.t._(
            "{service} ({scope})",
            service=service_name(req.t, service),
            scope=scope_name(req.t, fig.scope),
        )
    name = scope_name(req.t, fig.scope)
    return req.t._("{scope} (report)", scope=name) if fig.report else name


def value(req: Request, fig: Fig) -> str:
    if fig.kind == "share":
        return req.t.pct(fig.value, fig.precision)
    return req.t._("{value} points", value=req.t.num(fig.value, fig.precision))


def _as_share(req: Request, fig: Fig, other: Fig) -> Fig:
    """A share weighed against an average of a scope ("비율로 치면?"): that scope's share
    below the cutoff instead, so both sides are shares (the average when none is known)."""
    if fig.kind != "average" or other.kind != "share":
        return fig
    return share_fig(req, fig.scope) or fig


def _arithmetic(req: Request, high: Fig, low: Fig) -> tuple[str, Decimal, int]:
    diff, precision = difference(high.value, high.precision, low.value, low.precision)
    t = req.t
    a, b = t.num(high.value, high.precision), t.num(low.value, low.precision)
    line = f"{a} {MINUS} {b} = {t.num(diff, precision)}"
    return line, diff, precision


def _cite(req: Request, draft: Draft, *figs: Fig) -> None:
    for fig in figs:
        draft.cite(fig.document_id)
        if fig.report is not None:
            draft.add(
                req.t._(
                    "({scope}: according to {note})",
                    scope=label(req, fig),
                    note=report_note(req, fig.report),
                )
            )


@dataclass(frozen=True)
class Weighted:
    """One round's published average with its published number of services (either of
    them a report's): a term of a mean weighted by services."""

    scope: Scope
    average: Fig
    count: Known


@dataclass(frozen=True)
class AverageDeduced:
    """An average no page prints, computed from printed ones: the value, the sentence that
    says how (and on what assumption) with its documents, the arithmetic line, and every
    reported term to be named."""

    value: Decimal
    lines: tuple[tuple[str, tuple[int | None, ...]], ...]
    reports: tuple[tuple[Scope, StoredFigure], ...]
    mixed: bool


def _weighted(req: Request, year: int, rounds: Sequence[int]) -> list[Weighted] | None:
    """Each round's average and count, loaded or reported; None when one is not known."""
    terms = []
    for r in rounds:
        fig = round_average(req, year, r)
        count = round_count(req, year, r, "services_evaluated")
        if fig is None or count is None or not count.value:
            return None
        terms.append(Weighted(Scope.round(year, r), fig, count))
    return terms


def deduce_average(req: Request, year: int, asked: Sequence[int]) -> AverageDeduced | None:
    """The average of ``asked`` rounds of ``year`` that no page prints, the way a count is
    deduced (tally.deduce): the asked rounds' own averages weighted by their services
    ("(a × n + b × m) / (n + m)"), else the year's average over its services less every other
    round's ("(74.02 × 47 − 79.05 × 6) / (47 − 6) = 73.28") — an estimate that assumes the
    year's figure is the plain mean over all its services.  None when the asked scope prints
    its own average or a term is missing."""
    wanted = sorted(set(asked))
    rounds = rounds_of(req, year)
    if not wanted or rounds < 2 or wanted[0] < 1 or wanted[-1] > rounds or len(wanted) == rounds:
        return None
    if len(wanted) == 1 and round_average(req, year, wanted[0]) is not None:
        return None  # printed: no deduction
    span = Scope.rounds(year, wanted[0], wanted[-1]) if len(wanted) > 1 else None
    contiguous = wanted == list(range(wanted[0], wanted[-1] + 1))
    if span is not None and contiguous and _stored(req.q.figure("average_score", span)):
        return None  # "1~2차 평균" printed as such
    own = _weighted(req, year, wanted) if len(wanted) > 1 else None
    if own is not None:
        return _weighted_mean(req, year, wanted, own)
    others = _weighted(req, year, [r for r in range(1, rounds + 1) if r not in wanted])
    whole = year_average(req, year)
    due = year_count(req, year, "services_evaluated", rounds)
    if others is None or whole is None or due is None:
        return None
    return _backed_out(req, year, wanted, whole, due, others)


def _scope_of(year: int, asked: Sequence[int]) -> Scope:
    """The scope of the asked rounds of a year: one round, or the span from first to last."""
    return (
        Scope.rounds(year, min(asked), max(asked))
        if len(asked) > 1
        else Scope.round(year, min(asked))
    )


def _reports(
    terms: Sequence[Weighted], *more: tuple[Scope, Fig | Known]
) -> tuple[tuple[Scope, StoredFigure], ...]:
    """The reported terms of an arithmetic line, each with its scope."""
    pairs: list[tuple[Scope, Fig | Known]] = [*more]
    for term in terms:
        pairs += [(term.scope, term.average), (term.scope, term.count)]
    return tuple((scope, x.report) for scope, x in pairs if x.report is not None)


def _documents(terms: Sequence[Weighted], *more: Fig | Known) -> tuple[int | None, ...]:
    """The documents of every term of an arithmetic line, each once, in order."""
    docs = [x.document_id for x in more]
    for term in terms:
        docs += [term.average.document_id, term.count.document_id]
    return tuple(dict.fromkeys(docs))


def _backed_out(
    req: Request,
    year: int,
    asked: Sequence[int],
    whole: Fig,
    due: Known,
    others: Sequence[Weighted],
) -> AverageDeduced | None:
    """The asked rounds' mean backed out of the year's: the year's average over all its
    services less every other round's average over its own — None when no service is left."""
    t = req.t
    mean, total = Decimal(str(whole.value)), due.value
    rest = total - sum(w.count.value for w in others)
    if rest <= 0:
        return None
    less = sum((Decimal(str(w.average.value)) * w.count.value for w in others), Decimal(0))
    result = ((mean * total - less) / rest).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    terms, counts = _products(req, others, " − ")
    said_ = t._(
        "{scope} ({n} services): {value}, backed out of the year's average — assuming the "
        "{mean} of {year} is the plain mean over all {due} services.",
        scope=scope_name(t, _scope_of(year, asked)),
        n=rest,
        value=points(t, float(result), 2),
        mean=points(t, float(mean), whole.precision),
        year=year,
        due=total,
    )
    arithmetic = (
        f"({t.num(float(mean), whole.precision)} × {total} − {terms}) / ({total} − {counts}) "
        f"= {t.num(float(result), 2)}"
    )
    reports = _reports(others, (Scope.year(year), whole), (Scope.year(year), due))
    return _deduced(result, said_, arithmetic, reports, _documents(others, whole, due))


def _weighted_mean(
    req: Request, year: int, asked: Sequence[int], terms: Sequence[Weighted]
) -> AverageDeduced:
    """The asked rounds' own averages weighted by their numbers of services."""
    t = req.t
    n = sum(w.count.value for w in terms)
    total = sum((Decimal(str(w.average.value)) * w.count.value for w in terms), Decimal(0))
    result = (total / n).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    said_ = t._(
        "{scope} ({n} services): {value}, the rounds' averages weighted by their numbers of "
        "services — assuming each round's average is the plain mean over its services.",
        scope=scope_name(t, _scope_of(year, asked)),
        n=n,
        value=points(t, float(result), 2),
    )
    plus, counts = _products(req, terms, " + ")
    arithmetic = f"({plus}) / ({counts}) = {t.num(float(result), 2)}"
    return _deduced(result, said_, arithmetic, _reports(terms), _documents(terms))


def _products(req: Request, terms: Sequence[Weighted], sign: str) -> tuple[str, str]:
    """The terms of a weighted mean as written in its arithmetic line, joined by ``sign``:
    each average times its services ("79.05 × 6"), and the services alone ("6")."""
    t = req.t
    products = sign.join(
        f"{t.num(w.average.value, w.average.precision)} × {w.count.value}" for w in terms
    )
    return products, sign.join(str(w.count.value) for w in terms)


def _deduced(
    result: Decimal,
    said: str,
    arithmetic: str,
    reports: tuple[tuple[Scope, StoredFigure], ...],
    documents: tuple[int | None, ...],
) -> AverageDeduced:
    """A deduced average with its sentence (citing ``documents``) and its arithmetic line;
    ``mixed`` when reports and official pages are both among its terms."""
    mixed = bool(reports) and len(reports) < len(documents)
    return AverageDeduced(result, ((said, documents), (arithmetic, ())), reports, mixed)


def rest_of_year(req: Request, rnd: StoredRound) -> list[tuple[str, tuple[int | None, ...]]]:
    """ "What did the other 41 average?", "같은 해 다른 차수들은?": the services of the round's
    year outside it, their mean backed out of the year's average (an estimate that says its
    assumption); [] when a term is missing (no year average, no count of the year)."""
    if rnd.average_score is None or not rnd.services_evaluated:
        return []
    asked = {r for r in range(1, max(rounds_of(req, rnd.year), rnd.round_no) + 1)} - {rnd.round_no}
    if not asked:
        return []
    whole = year_average(req, rnd.year)
    due = year_count(req, rnd.year, "services_evaluated", rounds_of(req, rnd.year))
    own = _weighted(req, rnd.year, [rnd.round_no])
    if whole is None or due is None or own is None or rnd.services_evaluated >= due.value:
        return []
    found = _backed_out(req, rnd.year, sorted(asked), whole, due, own)
    return list(found.lines) if found is not None else []


def gap_asked(req: Request) -> bool:
    """ "3차 평균이 기준보다 몇 점이나 높아?": an average against the cutoff asked *how much*
    — the gap with its arithmetic (the ``gap`` handler), not only above or below."""
    e = req.entities
    cutoff = e.reference == "cutoff" or (
        e.threshold is not None
        and req.newest is not None
        and e.threshold.value == req.newest.cutoff
    )
    if not cutoff or e.services or e.band is not None or not said(req.question, "how_much"):
        return False
    return sides(req) is not None  # both figures known: else this handler says what is


# ---- gap and versus ------------------------------------------------------------------
def compare_reply(req: Request, a: Fig, b: Fig, how: str, context: bool = True) -> Reply:
    """ "79.05 − 75 = 4.05": the two figures, the arithmetic, and which is higher; with
    ``context``, the comparisons the question's scope words ask beside it."""
    t, draft = req.t, Draft(req)
    a, b = _as_share(req, a, b), _as_share(req, b, a)
    high, low = (a, b) if a.value >= b.value else (b, a)
    line, diff, precision = _arithmetic(req, high, low)
    shares = a.kind == b.kind == "share"
    words = {
        "a": label(req, a),
        "av": value(req, a),
        "b": label(req, b),
        "bv": value(req, b),
        "high": label(req, high),
        "hv": value(req, high),
        "low": label(req, low),
        "lv": value(req, low),
        "diff": (
            t._("{value} percentage points", value=t.num(diff, precision))
            if shares
            else t._("{value} points", value=t.num(diff, precision))
        ),
        "cutoff": value(req, b),
    }
    if b.kind == "cutoff" and a.kind == "average":
        # measured against the cutoff, the figure says what it is ("2025년 제1차 평균")
        words["a"] = t._("{scope} average", scope=words["a"])
    if diff == 0:
        draft.add(
            t._("{a} and {b} are the same: {value}.", a=words["a"], b=words["b"], value=words["av"])
        )
    elif how == "versus" and b.kind == "cutoff" and high is a:
        draft.add(t._("{a} ({av}) is {diff} above the re-contract cutoff ({cutoff}).", **words))
    elif how == "versus" and b.kind == "cutoff":
        # "above or below the cutoff?": the question's figure is the subject, not the cutoff
        draft.add(t._("{a} ({av}) is {diff} below the re-contract cutoff ({cutoff}).", **words))
    elif how == "versus" and high is not a:
        # "2024년이 장기 평균보다 높아 낮아?": the question's own figure first ("lower")
        draft.add(t._("{a} ({av}) is {diff} lower than {b} ({bv}).", **words))
    elif how == "versus":
        draft.add(t._("{high} ({hv}) is higher than {low} ({lv}), by {diff}.", **words))
    elif b.kind == "cutoff" and high is a:
        draft.add(t._("{a} ({av}) is {diff} above the re-contract cutoff ({cutoff}).", **words))
    elif b.kind == "cutoff":
        draft.add(t._("{a} ({av}) is {diff} below the re-contract cutoff ({cutoff}).", **words))
    elif high is a:
        draft.add(t._("{a} ({av}) is {diff} higher than {b} ({bv}).", **words))
    else:
        draft.add(t._("{a} ({av}) is {diff} lower than {b} ({bv}).", **words))
    if diff and how == "gap" and _over_time(a, b):
        # "2024년 평균 전년보다 올랐어?": two periods — the change said as a change too
        start, end = sorted((a, b), key=_time)
        moved = {"start": label(req, start), "end": label(req, end), "diff": words["diff"]}
        if end.value > start.value:
            draft.add(t._("From {start} to {end}: up {diff}.", **moved))
        else:
            draft.add(t._("From {start} to {end}: down {diff}.", **moved))
    draft.add(line)
    _cite(req, draft, a, b)
    if context:
        add_context(req, draft, a, b)
    return draft.reply(suggestions=suggestions(req, "trend", "below_cutoff"))


def add_context(req: Request, draft: Draft, a: Fig, b: Fig) -> None:
    """The comparisons the question's scope words ask beside its own (``_context_pairs``),
    and for a round weighed against its own year the rest of that year backed out."""
    for first, second in _context_pairs(req, a, b):
        extra = compare_reply(req, first, second, "gap", context=False)
        draft.lines.extend(line for line in extra.text.splitlines() if line not in draft.lines)
        draft.cite(first.document_id, second.document_id)
    rnd = next((f for f in (a, b) if f.kind == "average" and f.scope.round_start), None)
    if rnd is not None and said(req.question, "own_year"):
        _own_year_lines(req, draft, rnd)


def _own_year_lines(req: Request, draft: Draft, fig: Fig) -> None:
    """ "같은 해 다른 차수들이랑 비교하면?": the rest of the round's year — its services'
    mean backed out of the year's, and its count below the cutoff (year less round)."""
    year, round_no = fig.scope.year_start, fig.scope.round_start
    rnd = req.q.get_round(year, round_no) if year is not None and round_no is not None else None
    if rnd is None:
        return
    for line, documents in rest_of_year(req, rnd):
        draft.add(line, *documents)
    others = [r for r in range(1, rounds_of(req, rnd.year) + 1) if r != rnd.round_no]
    got = deduce(req, rnd.year, others, "below_cutoff") if others else None
    if got is not None:
        draft.add(
            req.t._(
                "{round}: {n} services below the cutoff, deduced from the published counts.",
                round=rounds_name(req, rnd.year, others),
                n=got.value,
            ),
            *got.documents,
        )
        draft.add(got.line)
        name_reports(req, draft, list(got.reports))


def _over_time(a: Fig, b: Fig) -> bool:
    """Two averages of single periods (two years, or two rounds) at different times — not
    the cutoff, not a span of years (the long run), not a round beside its own year."""

    def single(fig: Fig) -> bool:
        s = fig.scope
        return (
            fig.kind in ("average", "share")
            and s.year_start is not None
            and s.year_start == s.year_end
        )

    same_kind = (a.scope.round_start is None) == (b.scope.round_start is None)  # not a part
    same_kind = same_kind and a.kind == b.kind
    return single(a) and single(b) and same_kind and _time(a) != _time(b)


def _end_from_cutoff(req: Request) -> Reply | None:
    """The top (bottom) scoring service of a round against the cutoff: the ranking's
    answer, then each end score's distance from the round's cutoff with its arithmetic."""
    e = req.entities
    ends = e.metrics & {"highest", "lowest"}
    if len(ends) != 1 or "average" in e.metrics or e.services or e.reference != "cutoff":
        return None
    where = target(req, whole_year=False)
    rnd = where.round
    scored = (
        [v for v in req.q.evaluations(rnd.year, rnd.round_no) if v.score is not None] if rnd else []
    )
    if rnd is None or not scored or len(scored) < (rnd.services_evaluated or 0):
        return None  # scores not all published: the ends are not known here
    top = "highest" in ends
    pick = (
        max(v.score for v in scored if v.score is not None)
        if top
        else min(v.score for v in scored if v.score is not None)
    )
    ranked = HANDLERS["highest" if top else "lowest"](req)
    lines = ranked.text.splitlines()
    for v in scored:
        if v.score == pick:
            high, low = max(pick, rnd.cutoff), min(pick, rnd.cutoff)
            diff, precision = difference(high, v.score_precision, low, 0)
            t = req.t
            lines.append(
                f"{t.num(high, v.score_precision if high == pick else 0)} {MINUS} "
                f"{t.num(low, v.score_precision if low == pick else 0)} = {t.num(diff, precision)}"
            )
            break
    return replace(ranked, text="\n".join(lines))


def _missing(req: Request) -> Reply:
    """One of the two figures is not in the knowledge base: say so, with what is."""
    draft = Draft(req)
    draft.add(req.t._("The knowledge base does not hold both figures needed for this comparison."))
    known = HANDLERS["average"](req)
    draft.lines.extend(known.text.splitlines())
    return Reply("\n".join(draft.lines), False, known.sources, suggestions(req, "trend", "average"))


@handles("gap", "versus")
def gap(req: Request) -> Reply:
    """The difference between the question's average and its reference (the cutoff when
    the question names no other), or which of the two is higher."""
    how = "versus" if req.question and _asks_versus(req) else "gap"
    era = era_versus(req)
    if era is not None:
        return era
    since = _since_year(req)
    if since is not None:
        return HANDLERS["direction"](since)
    e = req.entities
    listed = e.threshold is not None and e.threshold.direction == "below"
    if listed and not e.services and "average" not in e.metrics:
        # "75점 안 된 곳들 기준선에서 각각 얼마나 모자랐어?": the services under it, each
        # with its distance — not the round's average against the cutoff
        return HANDLERS["below_cutoff"](req)
    spanned = _years_run(req)
    if spanned is not None:
        return HANDLERS["direction"](spanned)
    end = _end_from_cutoff(req)
    if end is not None:  # "how far below the cutoff was the lowest-scoring service?"
        return end
    req = _span_ends(req)
    both = sides(req)
    if both is None:
        return _missing(req)
    of, other = both
    reply = compare_reply(req, of, other, how)
    if _year_after(req) is not None:  # "did it recover after 2023?": 네/아니요 first
        reply = rose_verdict(req, reply, of.value > other.value)
    elif _asks_direction(req, of, other):  # "went up or down from A to B?": in time order
        reply = _moved(req, of, other)
    more = [f for f in _more_references(req, of, other) if f != other and f != of]
    if not more:
        return reply
    lines, sources = reply.text.splitlines(), list(reply.sources)
    for extra in more:
        added = compare_reply(req, of, extra, how)
        lines.extend(line for line in added.text.splitlines() if line not in lines)
        sources.extend(s for s in added.sources if s not in sources)
    return Reply("\n".join(lines), True, tuple(sources), reply.suggestions)


def _span_ends(req: Request) -> Request:
    """ "How much did the yearly average change from 2023 to 2025?": a span of years with
    no average of its own asks its last year against its first (their whole-year
    averages), not a figure of the span."""
    from dataclasses import replace

    e = req.entities
    if e.year_span is None or e.year is not None or e.round_no is not None or e.services:
        return req
    start, end = e.year_span
    if start == end or req.q.figure("average_score", Scope.years(start, end)) is not None:
        return req
    ends = replace(e, year=end, year_span=None, compare="year", compare_year=start, reference=None)
    return replace(req, entities=ends)


def _since_year(req: Request) -> Request | None:
    """ "Have average scores improved since 2022?", "75점 미만 비율 22년부터 추이": a trend
    from a named year with no other year is every year from it on that the knowledge base
    holds a figure for (official and reported), not that year against one other."""
    e = req.entities
    if e.year_span is not None or e.round_no is not None or e.services:
        return None
    start = e.compare_year if e.how == "trend" and e.compare == "year" and e.year is None else None
    if start is None and e.year is not None and e.metrics & {"share", "count"}:
        # "2022년 이후 미달 비율은?", "below the cutoff since 2022": a share or count
        # with "since" right beside the year (tally.yaml ``after``)
        start = e.year if _after_year(req.question.lower(), e.year) else None
    if start is None:
        return None
    run = replace(
        e,
        year=None,
        year_span=(start, last_year(req)),
        compare=None,
        compare_year=None,
        reference=None,
    )
    return replace(req, entities=run)


def since_year(req: Request) -> Request | None:
    """The request as a run of years from the one named with "since" (None if not)."""
    return _since_year(req)


def last_year(req: Request) -> int:
    """The last year the knowledge base holds any figure or round for."""
    years = [r.year for r in req.q.rounds()]
    years += [f.figure.scope.year_end for f in req.q.figures() if f.figure.scope.year_end]
    return max(years, default=0)


def _open_ended(req: Request, span: tuple[int, int]) -> tuple[int, int]:
    """ "2022년부터 어떻게 변했어?": a span whose end the question does not write runs to
    the last year held (a later report included), not the newest loaded round's year."""
    start, end = span
    if re.search(rf"(?<!\d)(?:{end}|{end % 100:02d})(?!\d)", req.question):
        return span
    return start, max(end, last_year(req))


def _years_run(req: Request) -> Request | None:
    """ "from 2022 through 2023 to 2024": a span with no average of its own beside a year
    is one run of years — each year's average in time order (the direction handler)."""
    from dataclasses import replace

    e = req.entities
    if e.year_span is None or e.year is None or e.round_no is not None:
        return None
    if req.q.figure("average_score", Scope.years(*e.year_span)) is not None:
        return None  # "2023 against the 2015–2022 average": a real long-run figure
    low, high = min(e.year_span[0], e.year), max(e.year_span[1], e.year)
    if high - low < 2:
        return None
    run = replace(e, year=None, year_span=(low, high), compare=None, reference=None)
    return replace(req, entities=run)


def _more_references(req: Request, of: Fig, first: Fig) -> list[Fig]:
    """Several references in one question ("전년 대비, 그리고 장기평균 대비 각각"), or a
    year's fall or rise with no reference named ("2023년에 얼마나 떨어진 거야?"): the year
    before and the long run, each with its own arithmetic."""
    from bot.understand.vocab import shared_vocab

    e, year = req.entities, of.scope.year_start
    if year is None or of.scope.round_start is not None or of.report is not None:
        return []
    lower = req.question.lower()
    vocab = shared_vocab()
    named = {name for name in ("prev_year", "long_run") if vocab.compare[name].search(lower)}
    if e.compare == "other" and e.compare_year is None and e.year_span is None:
        named |= {"prev_year", "long_run"}  # no reference named: both natural ones
    found: list[Fig] = []
    if "prev_year" in named:
        found.append(year_average(req, year - 1))  # type: ignore[arg-type]
    if "long_run" in named:
        found.append(long_run(req, year))  # type: ignore[arg-type]
    return [f for f in found if f is not None and f.kind != "cutoff" and first.kind != "cutoff"]


def _asks_versus(req: Request) -> bool:
    return req.entities.how == "versus"


# ---- complement ----------------------------------------------------------------------
@handles("complement")
def complement(req: Request) -> Reply:
    """Services that did not fall below the cutoff: evaluated − below, with the share."""
    renewals = renewals_not_published(req)
    if renewals is not None:  # "how many were renewed?": not published; who was not excluded
        return renewals
    if less_one_asked(req) and below_asked(req):
        # "2023년 3차 말고 나머지 불러온 회차들": the other loaded rounds, not the rest of 2023
        return HANDLERS["below_cutoff"](replace(req, entities=replace(req.entities, how=None)))
    e, t, draft = req.entities, req.t, Draft(req)
    year_only = e.year is not None and e.round_no is None
    where = target(req, whole_year=False)
    span_year = where.year if where.year is not None else e.year
    if e.round_span is not None and span_year is not None:
        # "1~3차 합산 통과율": every round of the year is the year itself
        year_only = year_only or e.round_span == (1, rounds_of(req, span_year))
        if not year_only and _deduced_complement(req, draft):
            return draft.reply(suggestions=suggestions(req, "below_cutoff", "cutoff_rule"))
    rnd = None if year_only else where.round
    if rnd is None and not year_only and _deduced_complement(req, draft):
        return draft.reply(suggestions=suggestions(req, "below_cutoff", "cutoff_rule"))
    named = True  # the names asked of the passed services are known (or not asked)
    if rnd is not None:
        total = rnd.services_evaluated or len(req.q.evaluations(rnd.year, rnd.round_no))
        below = rnd.below_cutoff_count
        if below is not None and total:
            _complement_line(
                req,
                draft,
                round_name(t, rnd.year, rnd.round_no),
                total,
                below,
                rnd.document_id,
                None,
            )
            if below == 0:
                draft.add(
                    t._(
                        "No service scored below the {cutoff}-point cutoff.",
                        cutoff=t.num(rnd.cutoff),
                    )
                )
        named = _passed_names(req, draft, rnd) if _names_wanted(req) else True
    year = e.year if e.year is not None else (rnd.year if rnd else where.year)
    if year is not None and (year_only or rnd is None or not where.named):
        _year_complement(req, draft, year, e.round_no if rnd is None and not year_only else None)
    if not draft.lines:
        return HANDLERS["below_cutoff"](req)
    # "which ones passed?" with a count alone published: the count is no answer to it
    answered = named
    return draft.reply(answered, suggestions=suggestions(req, "below_cutoff", "cutoff_rule"))


def _names_wanted(req: Request) -> bool:
    """The services that passed asked by name ("which ones cleared 75?", "떨어지지 않은 곳은
    어디어디?"), or with no count or share asked ("통과한 사무는?"): their names follow the
    count."""
    counted = how_many(req) or req.entities.metrics & {"count", "share"}
    return said(req.question, "names_asked") or not counted


def _passed_names(req: Request, draft: Draft, rnd: StoredRound) -> bool:
    """The services of a round that did not fall below its cutoff, by name, when the page
    says which ones fell below: every score published (those at the cutoff or above, with
    their scores), only the scores under the cutoff published (the unscored rest), a
    published count of 0 (all of them), or the ones below named (the others).  Nothing
    when the page gives a count alone — which services it was is then not known (False
    when they were asked by name)."""
    t = req.t
    evaluations = req.q.evaluations(rnd.year, rnd.round_no)
    total = rnd.services_evaluated or len(evaluations)
    if not evaluations or len(evaluations) < total:
        return True  # a page that lists only some of its services cannot name the rest
    known = _below_known(req, rnd, evaluations)
    if known is None:
        if not said(req.question, "names_asked"):
            return True
        # "which ones?": a count says not which
        draft.add(t._("Their names and scores were not published."), rnd.document_id)
        return False
    below, reason = known
    draft.add(reason, rnd.document_id)
    for ev in evaluations:
        if ev.id in below:
            continue
        name = ev.service.name_en if t.lang == "en" and ev.service.name_en else None
        name = name or req.q.published_name(ev)
        if ev.score is not None:
            name = t._("{name} ({score})", name=name, score=t.num(ev.score, ev.score_precision))
        draft.add(t._("- {line}", line=name))
    return True


def _below_known(
    req: Request, rnd: StoredRound, evaluations: Sequence[Evaluation]
) -> tuple[set[int], str] | None:
    """Which of a round's evaluations fell below its cutoff, when its page says so, and the
    sentence saying how it is known (its scores, its count of 0, its names); None when it
    gives a count alone."""
    t = req.t
    scored = [ev for ev in evaluations if ev.score is not None]
    words = {"cutoff": t.num(rnd.cutoff), "round": round_name(t, rnd.year, rnd.round_no)}
    if scored and (len(scored) == len(evaluations) or below_cutoff_scored(rnd, scored)):
        below = {ev.id for ev in scored if (ev.score or 0) < rnd.cutoff}
        return below, t._(
            "From the published scores, the services of {round} at {cutoff} points or more:",
            **words,
        )
    if rnd.below_cutoff_count == 0:
        return set(), t.n_(
            "{round} published that none of its {n} service fell below the {cutoff}-point "
            "cutoff, so it passed:",
            "{round} published that none of its {n} services fell below the {cutoff}-point "
            "cutoff, so all {n} passed:",
            len(evaluations),
            **words,
        )
    named = _named_below(rnd, evaluations)
    if named is None:
        return None
    return named, t._(
        "{round} named the services below the {cutoff}-point cutoff; the others passed:",
        **words,
    )


def _named_below(rnd: StoredRound, evaluations: Sequence[Evaluation]) -> set[int] | None:
    """The evaluations a round's page named below its cutoff, when every name it gave is one
    of its services and the names are as many as its count (else None: not known which)."""
    from knowledge.names import match_key, service_key

    names = rnd.below_cutoff_names
    if not names or rnd.below_cutoff_count not in (None, len(names)):
        return None
    by_key = {service_key(ev.name_published or ev.service.name_ko): ev for ev in evaluations}
    found = [match_key(service_key(name), by_key) for name in names]
    if any(ev is None for ev in found):
        return None
    return {ev.id for ev in found if ev is not None}


def _deduced_complement(req: Request, draft: Draft) -> bool:
    """Rounds whose counts no document prints: the passed count from the deduced
    evaluated and below counts ("29 − 6 = 23"), each deduction shown."""
    _, asked_ev = asked_rounds(req, "services_evaluated")
    year, asked = asked_rounds(req, "below_cutoff")
    if year is None or not asked or tuple(asked_ev) != tuple(asked):
        return False
    counts = []
    for metric in ("services_evaluated", "below_cutoff"):
        got = deduce(req, year, asked, metric)
        if got is None and len(asked) == 1:
            known = round_count(req, year, asked[0], metric)
            got = None if known is None else Deduced(known.value, "", (known.document_id,), False)
        if got is None:
            return False
        counts.append(got)
    evaluated, below = counts
    if not evaluated.line and not below.line:
        return False  # both printed: the ordinary complement answers it
    _complement_line(
        req, draft, rounds_name(req, year, asked), evaluated.value, below.value, None, None
    )
    for got in counts:
        if got.line:
            draft.add(got.line)
        draft.cite(*got.documents)
    reports = [r for got in counts for r in got.reports]
    for got in counts:
        if not got.line:
            reports += [(Scope.round(year, asked[0]), r) for r in _reports_of(req, year, asked[0])]
    name_reports(req, draft, reports)
    return True


def _reports_of(req: Request, year: int, round_no: int) -> list[StoredFigure]:
    return [f for f in req.q.figures(scope=Scope.round(year, round_no)) if not f.official]


def _complement_line(
    req: Request,
    draft: Draft,
    scope: str,
    total: int,
    below: int,
    doc: int | None,
    report: StoredFigure | None,
) -> None:
    t = req.t
    passed = total - below
    line = t._(
        "{scope}: {passed} of {total} services ({share}) did not fall below the cutoff — "
        "{total} {minus} {below} = {passed}; {below} ({below_share}) fell below it.",
        scope=scope,
        passed=passed,
        total=total,
        below=below,
        minus=MINUS,
        share=t.pct(share(passed, total), 1),
        below_share=t.pct(share(below, total), 1),
    )
    if report is not None:
        line = t._("{line} (according to {note})", line=line, note=report_note(req, report))
    draft.add(line, doc)


def _year_complement(req: Request, draft: Draft, year: int, round_no: int | None) -> None:
    """The year's (or a reported round's) count below the cutoff, turned around."""
    figures = [f for f in req.q.figures_of_year(year) if f.figure.value is not None]
    if round_no is not None:
        figures = [
            f for f in figures if f.figure.scope.round_start == f.figure.scope.round_end == round_no
        ]
    counts = [
        f for f in figures if f.figure.metric == "below_cutoff" and not _single_loaded(req, f)
    ]
    for stored in counts[:1]:
        f = stored.figure
        total = f.denominator or _evaluated(figures, stored)
        if total:
            official = None if stored.official else stored
            _complement_line(
                req,
                draft,
                scope_name(req.t, f.scope),
                total,
                int(f.value or 0),
                stored.document_id,
                official,
            )
            return
    shares = [f for f in figures if f.figure.metric == "below_cutoff_share_pct"]
    for stored in shares[:1]:
        f = stored.figure
        rest = Decimal(100) - Decimal(str(f.value or 0))
        line = req.t._(
            "{scope}: {share} of services did not fall below the cutoff — "
            "100% {minus} {below} = {share}.",
            scope=scope_name(req.t, f.scope),
            share=req.t.pct(rest, f.precision),
            below=req.t.pct(f.value or 0, f.precision),
            minus=MINUS,
        )
        line = as_reported(req, line, stored)
        draft.add(line, stored.document_id)


def _single_loaded(req: Request, stored: StoredFigure) -> bool:
    """A figure for one round that is loaded (its own page answers it)."""
    s = stored.figure.scope
    if s.year_start is None or s.round_start is None or s.round_start != s.round_end:
        return False
    return req.q.get_round(s.year_start, s.round_start) is not None


def _evaluated(figures: list[StoredFigure], stored: StoredFigure) -> int | None:
    for f in figures:
        if (
            f.figure.metric == "services_evaluated"
            and f.figure.scope == stored.figure.scope
            and f.document_id == stored.document_id
        ):
            return int(f.figure.value or 0)
    return None


# ---- direction over time --------------------------------------------------------------
def yearly_figs(req: Request, metric: str) -> list[Fig]:
    """One figure per year (official before reported), oldest first; a span of years (the
    long run) first of all when it ends before the first year."""
    by_year: dict[int, StoredFigure] = {}
    for stored in req.q.figures(metric):
        s = stored.figure.scope
        if s.year_start is None or stored.figure.value is None:
            continue
        whole = s.year_start == s.year_end and (
            s.round_start is None or s.round_start != s.round_end
        )
        if whole and s.round_start is not None and short_of_year(req, s.year_start, stored):
            whole = False  # "'24년 1~2차 35개 중" in a year of 61: a part of the year
        if whole:
            by_year.setdefault(s.year_start, stored)
    return [f for f in (_stored(by_year[y]) for y in sorted(by_year)) if f is not None]


def _all_rounds_asked(req: Request) -> bool:
    """The loaded rounds named as a whole ("every round you have"): their coverage is all."""
    from bot.answers.base import coverage

    return coverage(req).kind == "all"


@handles("direction")
def direction(req: Request) -> Reply:
    """Which way the averages (or the share below the cutoff) moved, year by year in time
    order, each change computed; then the averages' trend answer with its chart."""
    e = req.entities
    if e.what == "consignment" and "size" in e.aspects:
        # "has the number of consigned services grown since 2021?": Seoul's own count
        return HANDLERS["consignment"](req)
    counted = e.metrics & {"share", "count"} or e.what in ("below_cutoff", "count_evaluated")
    if (
        e.reference == "cutoff"
        and not counted
        and "average" not in e.metrics
        and asks_cutoff_history(req)
    ):
        # "Has the re-contract cutoff been raised over time?": the cutoff's own history
        return HANDLERS["cutoff_history"](req)
    if not counted and not e.has_scope and _all_rounds_asked(req):
        # "every round you have, in time order": each loaded round's own average, not the years'
        return HANDLERS["average"](req)
    # "is the number of services below cutoff going down?": a count, not the share
    share_asked = "share" in e.metrics or (e.what == "below_cutoff" and "count" not in e.metrics)
    below = e.what == "below_cutoff" or e.threshold is not None
    if below and "share" not in e.metrics and not e.has_scope and by_round_asked(req):
        # "75점 미만 사무 차수 갈수록 늘고 있어?": each round's count, in time order
        per_round = rounds_in_order(req, "below_cutoff")
        if per_round is not None:
            return per_round
    counts = _counts_over_time(req, share_asked)
    if counts is not None:
        return counts
    metric = "below_cutoff_share_pct" if share_asked else "average_score"
    series = yearly_figs(req, metric)
    if e.year_span is not None:
        start, end = _open_ended(req, e.year_span)
        within = [f for f in series if start <= (f.scope.year_start or 0) <= end]
        # "2018~2020년 무렵이랑 비교하면 흐름은?": a span with no yearly figures of its own
        # is what the years after it are compared with, not a filter that empties the series
        series = within if len(within) >= 2 or e.compare != "other" else series
    if len(series) < 2:
        return HANDLERS["trend"](req)
    draft = Draft(req)
    era = era_counts(req) if share_asked else None
    if era is not None:
        # "2018~2020년 무렵이랑 비교하면 흐름은?": the era (its cutoff, its counts) first
        draft.lines.extend(era.text.splitlines())
        draft.cite(*(s.document_id for s in era.sources))
    _direction_lines(req, draft, series, percent=share_asked)
    _direction_verdict(req, draft, series, bad=share_asked)
    if share_asked:
        return draft.reply(suggestions=suggestions(req, "trend", "below_cutoff"))
    trend = HANDLERS["trend"](req)
    draft.lines.extend(trend.text.splitlines())
    reply = draft.reply(chart=trend.chart, suggestions=trend.suggestions)
    sources = tuple(dict.fromkeys((*reply.sources, *trend.sources)))
    return Reply(reply.text, True, sources, reply.suggestions, reply.chart)


def _counts_over_time(req: Request, share_asked: bool) -> Reply | None:
    """ "Did the number of evaluated services go up from 2023 to 2024?", "연도별 평가 사무 수
    추이": counts of services (evaluated, or below a threshold), not averages — two years
    side by side, or every year of the span."""
    e = req.entities
    counted = e.what == "count_evaluated" or (
        "count" in e.metrics and (e.what in ("trend", "below_cutoff") or e.threshold is not None)
    )
    if share_asked or not counted or e.metrics & {"average", "score"}:
        return None
    if consigned_asked(req):  # "민간에 맡기는 사무 수 자체는 해마다 늘어?": Seoul's own count
        return HANDLERS["consignment"](
            replace(req, entities=replace(e, aspects=e.aspects | {"size"}))
        )
    below = e.threshold is not None or e.what == "below_cutoff"
    metric = "below_cutoff" if below else "services_evaluated"
    return counts_by_year(req, metric)


def _direction_verdict(req: Request, draft: Draft, series: list[Fig], bad: bool = False) -> None:
    """ "나빠지는 추세야?", "Did the share below the cutoff go up from 2023 to 2024?": 네/아니요
    before the figures — from the two years the question names as its ends, else from the
    latest official change.  ``bad``: the series is a share below the cutoff (a fall is the
    better way, tally.asked_direction)."""
    asked = asked_direction(req, bad)
    if asked is None or req.entities.metrics & {"lowest", "highest"}:
        return  # "23년이 제일 낮았던 거야?" checks a year's rank, not a change
    official = [f for f in series if f.report is None] or series
    ends = _asked_ends(req, series)
    if ends is None and len(official) >= 2:
        ends = (official[-2], official[-1])
    if ends is None or ends[0].value == ends[1].value:
        return
    before, after = ends
    rose = after.value > before.value
    if said(req.question, "continuing"):
        # "계속 나빠지고 있어?": a claim about every change, a newer report's included
        steps = [b.value - a.value for a, b in pairwise(sorted(series, key=_time))]
        rose = all(d > 0 for d in steps) if asked else not all(d < 0 for d in steps)
    verdict = req.t._("Yes.") if rose == asked else req.t._("No.")
    draft.lines[0] = f"{verdict} {draft.lines[0]}"


def _asked_ends(req: Request, series: list[Fig]) -> tuple[Fig, Fig] | None:
    """The first and the last figure of a span the question names ("from 2023 to 2024",
    "2022년부터 2024년까지"), when the series holds both: the change it checks."""
    span = req.entities.year_span
    if span is None or len(series) < 2:
        return None
    first, last = series[0], series[-1]
    if (first.scope.year_start, last.scope.year_start) != span:
        return None
    return first, last


def _direction_lines(req: Request, draft: Draft, series: list[Fig], percent: bool) -> None:
    t = req.t

    def shown(fig: Fig) -> str:
        return t.pct(fig.value, fig.precision) if percent else value(req, fig)

    official = [f for f in series if f.report is None]
    last_two = official[-2:] if len(official) >= 2 else series[-2:]
    before, after = last_two
    line, diff, precision = _arithmetic(
        req, *((after, before) if after.value >= before.value else (before, after))
    )
    amount = (
        t.num(diff, precision) if percent else t._("{value} points", value=t.num(diff, precision))
    )
    words = {
        "start": label(req, before),
        "end": label(req, after),
        "a": shown(before),
        "b": shown(after),
        "diff": amount,
    }
    if after.value < before.value:
        verdict = t._("Down: from {start} to {end} it fell by {diff} ({a} → {b}).", **words)
    elif after.value > before.value:
        verdict = t._("Up: from {start} to {end} it rose by {diff} ({a} → {b}).", **words)
    else:
        verdict = t._("Unchanged from {start} to {end} ({a}).", **words)
    order = t._(
        "In time order: {series}.",
        series=t.join(
            [t._("{scope} {value}", scope=label(req, f), value=shown(f)) for f in series]
        ),
    )
    if req.entities.terse:
        # "한 줄로": the direction and every figure in time order are the one line
        draft.add(f"{verdict} {order}")
        draft.add(line)
    else:
        draft.add(verdict)
        draft.add(line)
        draft.add(order)
        _steps(req, draft, series, percent)
    _cite(req, draft, *series)


def _steps(req: Request, draft: Draft, series: list[Fig], percent: bool) -> None:
    """Every change on the figure before, with its arithmetic, when a series has more than
    two figures (the last change alone hides the ones before it: 23% → 27.7% → 13.1%)."""
    if len(series) < 3:
        return
    draft.add("; ".join(_each_step(req, series, percent)))


def _each_step(req: Request, series: list[Fig], percent: bool) -> list[str]:
    """Each change of a series on the figure before: its direction in words, its size and
    its arithmetic ("2022 → 2023: down 3.60 points (77.62 − 74.02 = 3.60)")."""
    t, steps = req.t, []
    for before, after in pairwise(series):
        high, low = (after, before) if after.value >= before.value else (before, after)
        arithmetic, diff, precision = _arithmetic(req, high, low)
        amount = t.num(diff, precision)
        if percent:
            amount = t._("{value} percentage points", value=amount)
        else:
            amount = t._("{value} points", value=amount)
        words = {"start": label(req, before), "end": label(req, after), "diff": amount}
        if after.value > before.value:
            step = t._("{start} → {end}: up {diff}", **words)
        elif after.value < before.value:
            step = t._("{start} → {end}: down {diff}", **words)
        else:
            step = t._("{start} → {end}: unchanged", **words)
        steps.append(f"{step} ({arithmetic})")
    return steps


# ---- several years' averages at once ----------------------------------------------------
def _spans(req: Request) -> list[Fig]:
    """Published multi-year averages (the long run), oldest first."""
    found = [
        _stored(f)
        for f in req.q.figures("average_score")
        if f.figure.scope.year_start is not None
        and f.figure.scope.year_start != f.figure.scope.year_end
        and f.figure.scope.round_start is None
    ]
    return sorted((f for f in found if f is not None), key=lambda f: f.scope.year_start or 0)


@handles("year_series")
def year_series(req: Request) -> Reply:
    """ "Compare the 2022, 2023 and 2024 averages", "was 2023 the weakest year?", "평균 점수
    추이": every year's average in time order (reports labelled), the long run before them,
    the highest and the lowest, and 네/아니요 first when one year is checked."""
    from bot.understand.parts import shared_parts

    e, t = req.entities, req.t
    if not e.has_scope and _all_rounds_asked(req):
        # "every round you have, in time order": each loaded round's own average, not the years'
        return HANDLERS["average"](req)
    series = yearly_figs(req, "average_score")
    if len(series) < 2:
        return HANDLERS["trend"](req)
    draft = Draft(req)
    spans = [f for f in _spans(req) if (f.scope.year_end or 0) < (series[0].scope.year_start or 0)]
    if not spans:
        spans = _spans(req)[:1]
    shown = [*spans, *series]
    draft.add(
        t._(
            "In time order: {series}.",
            series=t.join(
                [t._("{scope} {value}", scope=label(req, f), value=value(req, f)) for f in shown]
            ),
        )
    )
    for step in _each_step(req, series, percent=False):
        draft.add(step)
    high = max(series, key=lambda f: f.value)
    low = min(series, key=lambda f: f.value)
    draft.add(
        t._(
            "Highest of these years: {high} ({hv}); lowest: {low} ({lv}).",
            high=label(req, high),
            hv=value(req, high),
            low=label(req, low),
            lv=value(req, low),
        )
    )
    p, lower = shared_parts(), req.question.lower()
    named = e.year if e.year is not None else None
    if p.yes_no(req.question) and named is not None:
        worst, best = p.checks["worst_year"].search(lower), p.checks["best_year"].search(lower)
        if bool(worst) != bool(best):
            picked = low if worst else high
            verdict = t._("Yes.") if picked.scope.year_start == named else t._("No.")
            draft.lines[0] = f"{verdict} {draft.lines[0]}"
    _cite(req, draft, *shown)
    return draft.reply(suggestions=suggestions(req, "trend", "average"))


# ---- the share below the cutoff in two years -------------------------------------------
# the words of a threshold ("below 75", "기준 미만") say no direction of change: tally.directions
@handles("share_gap")
def share_gap(req: Request) -> Reply:
    """ "2022년이랑 2023년 75점 미만 비율 차이는 몇 %p야?": both years' shares below the
    cutoff (official or reported, labelled), the difference in percentage points, and a
    네/아니요 first when the question checks a direction."""
    e = req.entities
    between = _years_between(req)
    if between is not None:  # "how did it move between 2022 and 2024?": every year on the way
        return HANDLERS["direction"](between)
    by_year = {f.scope.year_start: f for f in yearly_figs(req, "below_cutoff_share_pct")}
    if e.year_span is not None and e.year is None:
        a, b = by_year.get(e.year_span[1]), by_year.get(e.year_span[0])
    else:
        a, b = by_year.get(e.year), by_year.get(e.compare_year)
    if a is None or b is None:
        return HANDLERS["below_cutoff"](req)
    t, draft = req.t, Draft(req)
    high, low = (a, b) if a.value >= b.value else (b, a)
    line, diff, precision = _arithmetic(req, high, low)
    words = {
        "a": label(req, a),
        "av": t.pct(a.value, a.precision),
        "b": label(req, b),
        "bv": t.pct(b.value, b.precision),
        "diff": t._("{value} percentage points", value=t.num(diff, precision)),
    }
    if diff == 0:
        draft.add(
            t._("{a} and {b} are the same: {value}.", a=words["a"], b=words["b"], value=words["av"])
        )
    elif high is a:
        draft.add(t._("{a} ({av}) is {diff} higher than {b} ({bv}).", **words))
    else:
        draft.add(t._("{a} ({av}) is {diff} lower than {b} ({bv}).", **words))
    draft.add(line)
    # the question's own year is the one it says moved ("2024년엔 … 줄었어?"); a share
    # below the cutoff is better when it falls ("did the failure rate get better?")
    verdict = change_verdict(req, a.value > b.value, bad=True) if diff != 0 else None
    if verdict is not None:
        draft.lines[0] = f"{verdict} {draft.lines[0]}"
    _cite(req, draft, a, b)
    return draft.reply(suggestions=suggestions(req, "trend", "below_cutoff"))


def _years_between(req: Request) -> Request | None:
    """ "How did the share below the cutoff move between 2022 and 2024?": a movement asked
    (a trend, not a gap) over two years with years between them is the series of every
    year from one to the other — the year between is part of the movement (23% → 27.7%
    → 13.1%), not skipped by a two-point difference."""
    e = req.entities
    if e.how != "trend" and not said(req.question, "continuing"):
        return None  # "계속 줄었어?" claims every step of the span, not its two ends
    if e.year_span is not None and e.year is None:
        start, end = e.year_span
    elif e.year is not None and e.compare == "year" and e.compare_year is not None:
        start, end = sorted((e.year, e.compare_year))
    else:
        return None
    if end - start < 2:
        return None
    span = replace(
        e, year=None, compare=None, compare_year=None, year_span=(start, end), what="below_cutoff"
    )
    return replace(req, entities=span)


def _asks_knowable(req: Request) -> bool:
    """ "알 수 있어?", "can you tell …?": a yes/no whose answer is the figure itself."""
    lower = req.question.lower()
    return any(w in lower for w in tally_words()["knowable"])


def _given_elsewhere(req: Request) -> bool:
    """ "2차 몇 개인지 계산이 되나요? 1차는 12개였다고 들었어요": the count stated belongs to
    another round than the one asked — a given for the sum, not the claim checked."""
    asked = req.entities.round_no
    lower = req.question.lower()
    stated = req.entities.count
    if asked is None or stated is None:
        return False
    particle = "|".join(re.escape(w) for w in tally_words()["round_particles"])
    pattern = rf"(?<!\d)([1-9])\s*(?:차|회차)\s*(?:{particle})?\s*{stated}\s*개"
    return any(int(m.group(1)) != asked for m in re.finditer(pattern, lower))


def below_asked(req: Request) -> bool:
    """A count below the line asked (the cutoff, a threshold, or its words)."""
    e = req.entities
    return e.what == "below_cutoff" or e.threshold is not None or said(req.question, "below_words")


def deducible(req: Request, intent: str) -> bool:
    """The question asks a count of a round (or of several rounds together) that only a
    deduction gives."""
    e = req.entities
    if intent == "yes_no" and _asks_knowable(req) and (e.count is None or _given_elsewhere(req)):
        intent = e.what or intent  # "2차 평가 사무 수 알 수 있어?": the count is the answer
    elif (
        intent == "yes_no"
        and after_premise(req.question)
        and (e.count is not None or stated_count(req.question) is not None)
    ):
        # "3차에서 미달이 없었으면, 13개는 전부 1·2차에서 나온 거죠?": a stated count of the
        # rounds after a premise, checked against the deduction
        intent = e.what or intent
    elif (
        intent == "yes_no" and e.count is not None and len(asked_rounds(req, "below_cutoff")[1]) > 1
    ):
        # "Did all 13 … come from the first two rounds?": a stated count of several rounds
        # together, checked against the deduction (the count's kind from its words)
        intent = e.what or ("below_cutoff" if said(req.question, "below_words") else intent)
    if intent not in ("count_evaluated", "below_cutoff"):
        return False
    if e.services or e.band is not None or e.every_round or e.how == "complement":
        return False
    if entity(req, "era", None) is not None:
        return False
    cutoff = req.newest.cutoff if req.newest else DEFAULT_CUTOFF
    if e.threshold is not None and (
        e.threshold.value != cutoff or e.threshold.direction != "below"
    ):
        return False
    metric = count_metric(req, intent)
    year, asked = asked_rounds(req, metric)
    if year is None or not asked:
        return False
    return deduce(req, year, asked, metric) is not None


def _deduced_count(req: Request, draft: Draft, name: str, got: Deduced, *, below: bool) -> None:
    """One deduced count (evaluated, or below the cutoff) said, its arithmetic and its
    sources after it: ``deduced`` gives the asked count and the other one alike."""
    t = req.t
    if below:
        line = t._(
            "{round}: {n} services below the cutoff, deduced from the published counts.",
            round=name,
            n=got.value,
        )
    else:
        line = t._(
            "{round}: {n} services evaluated, deduced from the published counts.",
            round=name,
            n=got.value,
        )
    draft.add(line)
    draft.add(got.line)
    draft.cite(*got.documents)


@handles("deduced")
def deduced(req: Request) -> Reply:
    """ "2023년 2차는 몇 개 사무를 평가했어?", "3차 빼고 1·2차 합쳐서?": the year's total less
    the other rounds' counts, or the asked rounds' own counts added up (and, below the
    cutoff, the share of those rounds' services); every reported term named."""
    if less_one_asked(req) and below_asked(req):
        # "2023년 3차 말고 나머지 불러온 회차들": the other loaded rounds, not the rest of 2023
        return HANDLERS["below_cutoff"](replace(req, entities=replace(req.entities, how=None)))
    what = req.entities.what or "count_evaluated"
    if what == "yes_no":  # a check whose count's kind only its words tell
        what = "below_cutoff" if said(req.question, "below_words") else "count_evaluated"
    metric = count_metric(req, what)
    below = metric == "below_cutoff"
    year, asked = asked_rounds(req, metric)
    got = deduce(req, year, asked, metric) if year else None
    if year is None or got is None:
        return HANDLERS[req.entities.what or "count_evaluated"](req)
    t, draft = req.t, Draft(req)
    name = rounds_name(req, year, asked)
    other = _other_count(req, year, asked, metric)
    if other is not None and below:
        # "몇 개 평가했고 몇 개 미달?": the number evaluated first, then those below
        _deduced_count(req, draft, name, other, below=False)
    _deduced_count(req, draft, name, got, below=below)
    reports = list(got.reports)
    if below and "share" in req.entities.metrics:  # a share only when asked: its terms first
        evaluated = round_count(req, year, asked[0], "services_evaluated")
        of = (
            None
            if len(asked) == 1 and evaluated
            else deduce(req, year, asked, "services_evaluated")
        )
        total = evaluated.value if evaluated and len(asked) == 1 else (of.value if of else None)
        if of is not None:
            draft.add(of.line)
            draft.cite(*of.documents)
            reports += [r for r in of.reports if r not in reports]
        if total:
            draft.add(share_sum(t, got.value, total))
    if other is not None:
        if not below:
            _deduced_count(req, draft, name, other, below=True)
        reports += [r for r in other.reports if r not in reports]
    used = {d for d in (*got.documents, *(other.documents if other else ())) if d is not None}
    if reports and used - {r.document_id for _, r in reports}:
        # official pages and reports in one sum: said, before the reports are named
        draft.add(t._("These deductions combine official figures and reported ones:"))
    name_reports(req, draft, reports)
    # the count after a premise is the one checked ("0개였다면, 13개는 …": 13, not 0)
    stated = stated_count(req.question)
    stated = stated if stated is not None else req.entities.count
    if stated is not None and entity(req, "how") == "yes_no" and not _asks_knowable(req):
        # "…13개는 전부 1·2차에서 나온 거죠?": the stated count against the deduced one
        verdict = t._("Yes.") if got.value == stated else t._("No.")
        draft.lines[0] = f"{verdict} {draft.lines[0]}"
    return draft.reply(suggestions=suggestions(req, "count_evaluated", "below_cutoff"))


def _other_count(req: Request, year: int, asked: Sequence[int], metric: str) -> Deduced | None:
    """The other count a question asks beside ``metric`` ("몇 개 평가했고 몇 개 미달"),
    deduced for the same rounds; None when only one count is asked or it is not deducible."""
    q = req.question
    if metric == "below_cutoff":
        other, asked_too = "services_evaluated", said(q, "evaluated_count")
    else:
        other, asked_too = "below_cutoff", said(q, "below_words")
    if not asked_too:
        return None
    return deduce(req, year, asked, other)


# ---- numbers outside the data ----------------------------------------------------------
@handles("out_of_range")
def out_of_range(req: Request) -> Reply:
    """ "101점", "9999년", "round 99": outside what the data can hold — said plainly."""
    kind, _, raw = (req.entities.out_of_range or "score:").partition(":")
    t, draft = req.t, Draft(req)
    if kind == "score":
        draft.add(
            t._(
                "{value} points is outside the scores an evaluation gives: "
                "scores run from 0 to 100 points.",
                value=raw,
            )
        )
    elif kind == "year":
        years = _data_years(req)
        span = t._("{start}–{end}", start=years[0], end=years[1]) if years else t._("none")
        draft.add(
            t._(
                "There is no data for {year} in the knowledge base: "
                "it is outside the years it holds ({years}).",
                year=raw,
                years=span,
            )
        )
    else:
        from bot.answers.known import loaded_rounds

        draft.add(
            t._(
                "Round {round} is not a round any year has; rounds loaded: {rounds}.",
                round=raw,
                rounds=loaded_rounds(req),
            )
        )
    return draft.reply(answered=False, suggestions=suggestions(req, "round_summary", "average"))


def _data_years(req: Request) -> tuple[int, int] | None:
    return data_years(req.q)


def data_years(queries: object) -> tuple[int, int] | None:
    """The first and last year the loaded rounds and figures speak of."""
    years = [r.year for r in queries.rounds()]  # type: ignore[attr-defined]
    for stored in queries.figures():  # type: ignore[attr-defined]
        s = stored.figure.scope
        years += [y for y in (s.year_start, s.year_end) if y is not None]
    return (min(years), max(years)) if years else None


# ---- figures an answer leaves for the next turn ----------------------------------------
def figures_for(req: Request, intent: str) -> list[Fig]:
    """The averages an answer of ``intent`` states, so "what's the gap?" can follow."""
    e = req.entities
    if intent == "round_summary" and not e.services:
        # "And the newest round?" states that round's average: the next turn may weigh it
        of = subject(req)
        return [of] if of is not None and of.scope.round_start is not None else []
    if intent in ("below_cutoff", "share_gap") and not e.services and e.band is None:
        # "2024년 미달 몇 개?" then "그 전 해는?": each answer's share below the cutoff, so
        # "비율로 치면 둘이 얼마나 차이나?" can weigh the two in percentage points
        from bot.answers.tally import compared_scopes

        both = compared_scopes(req) if e.compare else None
        scopes = list(both) if both is not None else [_count_scope(req)]
        found = [share_fig(req, scope) for scope in scopes if scope is not None]
        return [f for f in found if f is not None]
    if intent in ("highest", "lowest", "service_score"):
        return _ranked_figs(req, intent)
    if intent not in ("average", "gap", "versus"):
        return []
    of = subject(req)
    if of is None:
        return []
    if intent in ("gap", "versus") or e.compare or e.reference:
        other = reference(req, of)
        return [f for f in (of, other) if f is not None]
    return [of]


def score_fig(req: Request, service: int, year: int, round_no: int) -> Fig | None:
    """One service's published score in a round, as a figure an operation can weigh."""
    for v in req.q.evaluations(year, round_no):
        if v.service.id == service and v.score is not None:
            scope = Scope.round(year, round_no)
            return Fig(
                scope, v.score, v.score_precision, v.document_id, kind="score", service=service
            )
    return None


def _ranked_figs(req: Request, intent: str) -> list[Fig]:
    """The score a highest/lowest answer (or one service's score in a named round) states:
    "Top scorer …", "And the lowest?", then "What's the gap between them?"."""
    e = req.entities
    where = target(req, whole_year=False)
    rnd = where.round
    if rnd is None or e.year_span is not None or e.every_round:
        return []
    scored = [v for v in req.q.evaluations(rnd.year, rnd.round_no) if v.score is not None]
    if intent == "service_score":
        if len(e.services) != 1 or e.compare or not where.named:
            return []
        scored = [v for v in scored if v.service.id == e.services[0]]
    if not scored:
        return []
    pick = min if intent == "lowest" else max
    end = pick(scored, key=lambda v: v.score or 0.0)
    if [v.score for v in scored].count(end.score) > 1:
        return []  # a tie: no one service's figure
    found = score_fig(req, end.service.id, rnd.year, rnd.round_no)
    return [found] if found is not None else []


def _count_scope(req: Request) -> Scope | None:
    """The scope a count answer speaks of: its named round, else its year (all rounds)."""
    e = req.entities
    cutoff = req.newest.cutoff if req.newest else DEFAULT_CUTOFF
    if e.threshold is not None and e.threshold.value != cutoff:
        return None
    if e.year_span is not None or e.every_round:
        return None
    if e.round_no is not None and e.year is not None:
        return Scope.round(e.year, e.round_no)
    return Scope.year(e.year) if e.year is not None else None


def share_fig(req: Request, scope: Scope) -> Fig | None:
    """The share below the cutoff of ``scope`` as a figure an operation can weigh:
    computed from its counts, else as printed (a report's, labelled)."""
    from bot.answers.tally import share_below

    found = share_below(req, scope)
    if found is None:
        return None
    docs = [c.document_id for c in found.counts if c.document_id is not None]
    doc = docs[0] if docs else (found.report.document_id if found.report else None)
    report = found.report or next((c.report for c in found.counts if c.report), None)
    return Fig(scope, float(found.value), found.precision, doc, report, kind="share")


# ---- a round's share of its year -------------------------------------------------------
@handles("evaluated_share")
def evaluated_share(req: Request) -> Reply:
    """ "What share of the year's services were evaluated in round 3?": n of the year's."""
    where = target(req, whole_year=False)
    rnd = where.round
    if rnd is None or not rnd.services_in_year:
        return HANDLERS["count_evaluated"](req)
    t, draft = req.t, Draft(req)
    n = rnd.services_evaluated or len(req.q.evaluations(rnd.year, rnd.round_no))
    draft.add(
        t._(
            "{round} evaluated {n} of the {total} services due in {year} ({share}).",
            round=round_name(t, rnd.year, rnd.round_no),
            n=n,
            total=rnd.services_in_year,
            year=rnd.year,
            share=t.pct(share(n, rnd.services_in_year), 1),
        ),
        rnd.document_id,
    )
    draft.add(share_sum(t, n, rnd.services_in_year))
    _half_verdict(req, draft, 2 * n > rnd.services_in_year)
    return draft.reply(suggestions=suggestions(req, "services_list", "below_cutoff"))


def _half_verdict(req: Request, draft: Draft, over: bool) -> None:
    """ "3차 평가 대상이 23년 전체의 절반이 넘어?": 네/아니요 first when a yes/no asks
    whether the share is over half (parts.yaml ``half``)."""
    from bot.understand.parts import shared_parts

    parts = shared_parts()
    if entity(req, "how") != "yes_no" and not parts.yes_no(req.question):
        return
    if not parts.checks["half"].search(req.question.lower()):
        return
    verdict = req.t._("Yes.") if over else req.t._("No.")
    draft.lines[0] = f"{verdict} {draft.lines[0]}"
