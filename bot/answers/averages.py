"""Average scores: of a round, a year, the year before, the long run — and their differences.

Differences are computed from the two published averages (never copied from the text)
and shown at the larger precision of the two; whether an average is above or below the
cutoff is decided on the raw values.
"""

from __future__ import annotations

from bot.answer import Chart
from bot.answers import handles
from bot.answers.base import (
    Draft,
    Reply,
    Request,
    difference,
    points,
    report_note,
    round_name,
    scope_name,
    suggestions,
    target,
)
from bot.answers.known import newer_reports, not_loaded
from bot.answers.rounds import round_title
from knowledge.model import DEFAULT_CUTOFF, Scope, StoredFigure


def _average(req: Request, scope: Scope) -> StoredFigure | None:
    return req.q.figure("average_score", scope)


def _long_run(req: Request, before: int) -> StoredFigure | None:
    """The published multi-year average ending before ``before`` (e.g. 2015–2022)."""
    spans = [
        f
        for f in req.q.figures("average_score")
        if f.figure.scope.year_start is not None
        and f.figure.scope.year_start != f.figure.scope.year_end
        and f.figure.scope.round_start is None
        and (f.figure.scope.year_end or 0) < before
    ]
    return max(spans, key=lambda f: (f.official, f.figure.scope.year_end or 0), default=None)


def _cutoff(req: Request) -> float:
    newest = req.newest
    return newest.cutoff if newest else DEFAULT_CUTOFF


def _versus_cutoff(req: Request, value: float) -> str:
    """Above / below / exactly at the cutoff, decided on the raw value."""
    cutoff = _cutoff(req)
    where = "above" if value > cutoff else "below" if value < cutoff else "at"
    shown = req.t.num(cutoff)
    messages = {
        "above": req.t._("above the {cutoff}-point cutoff", cutoff=shown),
        "below": req.t._("below the {cutoff}-point cutoff", cutoff=shown),
        "at": req.t._("exactly at the {cutoff}-point cutoff", cutoff=shown),
    }
    return messages[where]


def _describe(req: Request, label: str, stored: StoredFigure, draft: Draft) -> None:
    f = stored.figure
    if stored.official:
        line = req.t._(
            "The average score of {scope} was {value}, {versus}.",
            scope=label,
            value=points(req.t, f.value, f.precision),
            versus=_versus_cutoff(req, f.value),
        )
    else:
        line = req.t._(
            "The average score of {scope} was {value}, {versus} — according to {note}.",
            scope=label,
            value=points(req.t, f.value, f.precision),
            versus=_versus_cutoff(req, f.value),
            note=report_note(req, stored),
        )
    draft.add(line, stored.document_id)


def _compare(req: Request, base: StoredFigure, other: StoredFigure, draft: Draft) -> None:
    a, b = base.figure, other.figure
    diff, precision = difference(a.value, a.precision, b.value, b.precision)
    values = {
        "scope": scope_name(req.t, other.figure.scope),
        "value": points(req.t, b.value, b.precision),
        "diff": points(req.t, abs(diff), precision),
    }
    if diff < 0:
        line = req.t._("That is {diff} lower than {scope} ({value}).", **values)
    elif diff > 0:
        line = req.t._("That is {diff} higher than {scope} ({value}).", **values)
    else:
        line = req.t._("That is the same as {scope} ({value}).", **values)
    draft.add(line, other.document_id)


@handles("average")
def average(req: Request) -> Reply:
    """A round's or a year's average, compared when asked with the previous year or the long run."""
    e = req.entities
    if e.year_span is not None:
        return _span_average(req, *e.year_span)
    if e.round_no is None and (e.year is not None or e.compare):
        year = e.year if e.year is not None else (req.newest.year if req.newest else None)
        if year is not None:
            return _year_average(req, year)
    where = target(req, whole_year=False)
    if where.round is None:
        return not_loaded(req, where, offer=("average", "trend"))
    rnd = where.round
    stored = req.q.figure("average_score", rnd.scope)
    draft = Draft(req)
    if rnd.average_score is None:
        draft.add(
            req.t._("The average of {round} was not published.", round=round_title(req, where))
        )
        return draft.reply(answered=False)
    draft.add(
        req.t._(
            "The average score of {round} was {value}, {versus}.",
            round=round_title(req, where),
            value=points(req.t, rnd.average_score, rnd.average_precision),
            versus=_versus_cutoff(req, rnd.average_score),
        ),
        rnd.document_id,
    )
    year_figure = _average(req, Scope.year(rnd.year))
    if year_figure is not None and (not where.named or e.compare):
        _describe(req, req.t._("{year} (whole year)", year=rnd.year), year_figure, draft)
        if e.compare in ("whole_year", "other"):
            _round_versus_year(req, rnd.average_score, rnd.average_precision, year_figure, draft)
        else:
            _year_comparison(req, year_figure, rnd.year, draft)
    if not where.named:
        for stored in newer_reports(req, "average_score"):
            _describe(req, scope_name(req.t, stored.figure.scope), stored, draft)
    return draft.reply(suggestions=suggestions(req, "trend", "below_cutoff"))


def _round_versus_year(
    req: Request, value: float, precision: int, year: StoredFigure, draft: Draft
) -> None:
    """The round's average against its whole year's, the difference computed."""
    diff, shown = difference(value, precision, year.figure.value, year.figure.precision)
    values = {"diff": points(req.t, abs(diff), shown)}
    if diff > 0:
        line = req.t._("The round's average is {diff} higher than the year's.", **values)
    elif diff < 0:
        line = req.t._("The round's average is {diff} lower than the year's.", **values)
    else:
        line = req.t._("The round's average is the same as the year's.")
    draft.add(line, year.document_id)


def _year_average(req: Request, year: int) -> Reply:
    stored = _average(req, Scope.year(year))
    if stored is None:
        return _no_average(req, req.t._("{year} (whole year)", year=year))
    draft = Draft(req)
    _describe(req, req.t._("{year} (whole year)", year=year), stored, draft)
    _year_comparison(req, stored, year, draft)
    return draft.reply(suggestions=suggestions(req, "trend", "below_cutoff"))


def _year_comparison(req: Request, stored: StoredFigure, year: int, draft: Draft) -> None:
    """A year's average against the year asked for, the year before or the long run; a
    comparison that names no target ("did it drop?") is with the year before."""
    e = req.entities
    if e.compare in ("prev_year", "year", "other"):
        other = e.compare_year if e.compare == "year" and e.compare_year else year - 1
        previous = _average(req, Scope.year(other))
        if previous is not None:
            _compare(req, stored, previous, draft)
        else:
            draft.add(req.t._("No average for {year} is in the knowledge base.", year=other))
    elif e.compare == "long_run":
        long_run = _long_run(req, year)
        if long_run is not None:
            _compare(req, stored, long_run, draft)
        else:
            draft.add(req.t._("No long-run average is in the knowledge base."))


def _span_average(req: Request, start: int, end: int) -> Reply:
    stored = _average(req, Scope.years(start, end))
    label = scope_name(req.t, Scope.years(start, end))
    if stored is None:
        return _no_average(req, label)
    draft = Draft(req)
    _describe(req, label, stored, draft)
    return draft.reply()


def _no_average(req: Request, label: str) -> Reply:
    """No average for what was asked: say so, then list the averages that are known."""
    draft = Draft(req)
    draft.add(req.t._("The knowledge base has no average score for {scope}.", scope=label))
    known = [_known(req, f) for f in req.q.figures("average_score") if f.figure.value is not None]
    if known:
        draft.add(req.t._("Averages it does hold: {known}.", known=req.t.join(known)))
    return draft.reply(answered=False, suggestions=suggestions(req, "trend", "average"))


def _change(req: Request, line: str, stored: StoredFigure, previous: StoredFigure) -> str:
    """The line with its change on the year before, computed from the two averages."""
    a, b = stored.figure, previous.figure
    diff, precision = difference(a.value, a.precision, b.value, b.precision)
    shown = req.t.num(abs(diff), precision)
    if diff > 0:
        return req.t._("{line} (up {diff} on the year before)", line=line, diff=shown)
    if diff < 0:
        return req.t._("{line} (down {diff} on the year before)", line=line, diff=shown)
    return req.t._("{line} (the same as the year before)", line=line)


def _known(req: Request, stored: StoredFigure) -> str:
    label = scope_name(req.t, stored.figure.scope)
    if not stored.official:
        label = req.t._("{scope} (report)", scope=label)
    value = points(req.t, stored.figure.value, stored.figure.precision)
    return req.t._("{scope}: {value}", scope=label, value=value)


@handles("trend")
def trend(req: Request) -> Reply:
    """Yearly and per-round averages with a chart (the adapter draws it)."""
    t, draft = req.t, Draft(req)
    yearly = sorted(
        (
            f
            for f in req.q.figures("average_score")
            if f.figure.scope.round_start is None
            and f.figure.scope.year_start is not None
            and f.figure.scope.year_start == f.figure.scope.year_end
        ),
        key=lambda f: (f.figure.scope.year_start, not f.official),
    )
    seen: dict[int, StoredFigure] = {}
    for f in yearly:
        seen.setdefault(f.figure.scope.year_start, f)
    if not seen:
        return _no_average(req, t._("any year"))
    draft.add(t._("Average scores by year:"))
    previous: StoredFigure | None = None
    for year, stored in sorted(seen.items()):
        f = stored.figure
        line = t._("{year}: {value}", year=year, value=points(t, f.value, f.precision))
        if previous is not None and previous.figure.scope.year_start == year - 1:
            line = _change(req, line, stored, previous)
        if not stored.official:
            line = t._("{line} — according to {note}", line=line, note=report_note(req, stored))
        draft.add(line, stored.document_id)
        previous = stored
    rounds = [r for r in req.q.rounds() if r.average_score is not None]
    for r in rounds:
        draft.add(
            t._(
                "{round}: {value}",
                round=round_name(t, r.year, r.round_no),
                value=points(t, r.average_score, r.average_precision),
            ),
            r.document_id,
        )
    long_run = _long_run(req, 9999)
    if long_run is not None:
        draft.add(
            t._(
                "Long-run average {scope}: {value}",
                scope=scope_name(t, long_run.figure.scope),
                value=points(t, long_run.figure.value, long_run.figure.precision),
            ),
            long_run.document_id,
        )
    chart = Chart(
        title=t._("Average score by year"),
        x_label=t._("Year"),
        y_label=t._("Average score"),
        series={
            t._("Yearly average"): [
                (str(y) if s.official else t._("{year} (report)", year=y), s.figure.value)
                for y, s in sorted(seen.items())
            ],
            t._("Round average"): [
                (t._("{year} R{round}", year=r.year, round=r.round_no), r.average_score)
                for r in rounds
            ],
        },
        cutoff=_cutoff(req),
        cutoff_label=t._("Re-contract cutoff"),
    )
    return draft.reply(chart=chart, suggestions=suggestions(req, "average", "below_cutoff"))
