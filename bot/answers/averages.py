"""Average scores: of a round, a year, the year before, the long run — and their differences.

Differences are computed from the two published averages (never copied from the text)
and shown at the larger precision of the two; whether an average is above or below the
cutoff is decided on the raw values.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from bot.answers import handles
from bot.answers.base import (
    Coverage,
    Draft,
    Reply,
    Request,
    Target,
    asks_scores,
    average_versus,
    coverage,
    difference,
    entity,
    gap,
    mean_of_scores,
    points,
    report_note,
    round_name,
    scope_name,
    score,
    score_coverage,
    scored_rounds_line,
    suggestions,
    target,
    value,
    versus_cutoff,
)
from bot.answers.base import average as published_average
from bot.answers.known import loaded_rounds, newer_reports, not_loaded
from bot.answers.rounds import round_title
from bot.answers.scores import service_history
from bot.chart import TimeChart, TimePoint
from knowledge.model import DEFAULT_CUTOFF, Evaluation, Scope, StoredFigure, StoredRound


def _average(req: Request, scope: Scope) -> StoredFigure | None:
    return req.q.figure("average_score", scope)


def _long_run(req: Request, before: int) -> StoredFigure | None:
    """The published multi-year average of the years before ``before`` (e.g. 2015–2022 for
    2023); when no span ends before it, the span ending at it (2015–2022 for 2022)."""
    spans = [
        f
        for f in req.q.figures("average_score")
        if f.figure.scope.year_start is not None
        and f.figure.scope.year_start != f.figure.scope.year_end
        and f.figure.scope.round_start is None
        and (f.figure.scope.year_end or 0) <= before
    ]
    earlier = [f for f in spans if (f.figure.scope.year_end or 0) < before] or spans
    return max(earlier, key=lambda f: (f.official, f.figure.scope.year_end or 0), default=None)


def _cutoff(req: Request, year: int | None = None) -> float:
    """The cutoff in force for ``year`` (its newest loaded round's; a cutoff is per round:
    60 points in 2021, 75 since), else the newest round's."""
    rounds = req.q.rounds_of_year(year) if year is not None else []
    rnd = rounds[-1] if rounds else req.newest
    return rnd.cutoff if rnd else DEFAULT_CUTOFF


def _describe(req: Request, label: str, stored: StoredFigure, draft: Draft) -> None:
    shown, number = points(req.t, value(stored), stored.figure.precision), value(stored)
    year = stored.figure.scope.year_end
    cutoff = _cutoff(req, year) if stored.figure.scope.year_start == year else None
    if stored.official:
        line = req.t._(
            "The average score of {scope} was {value}, {versus}.",
            scope=label,
            value=shown,
            versus=versus_cutoff(req, number, cutoff),
        )
    else:
        line = req.t._(
            "The average score of {scope} was {value}, {versus} — according to {note}.",
            scope=label,
            value=shown,
            versus=versus_cutoff(req, number, cutoff),
            note=report_note(req, stored),
        )
    draft.add(line, stored.document_id)


def _compare(req: Request, base: StoredFigure, other: StoredFigure, draft: Draft) -> bool | None:
    """``base`` against ``other``; when ``other`` is an earlier year, said as a change
    (fell/rose, 하락/상승) — people asking "올랐어?" want the direction. Whether it rose
    then (None when no change over time is stated)."""
    a, b = base.figure, other.figure
    diff, precision = difference(value(base), a.precision, value(other), b.precision)
    values = {
        "scope": scope_name(req.t, other.figure.scope),
        "value": points(req.t, value(other), b.precision),
        "diff": points(req.t, abs(diff), precision),
    }
    start, end, after = b.scope.year_start, b.scope.year_end, a.scope.year_start
    earlier = start is not None and after is not None and start == end and end < after
    if earlier and diff:
        later, before = (value(base), a.precision), (value(other), b.precision)
        _, sums = gap(req.t, *((later, before) if diff > 0 else (before, later)))
        values["sum"] = sums["sum"]
        if diff < 0:
            line = req.t._("Down: {diff} lower than {scope} ({value}), {sum}.", **values)
        else:
            line = req.t._("Up: {diff} higher than {scope} ({value}), {sum}.", **values)
        draft.add(_labelled(req, line, base, other), other.document_id)  # both figures shown
        return diff > 0
    if diff < 0:
        line = req.t._("That is {diff} lower than {scope} ({value}).", **values)
    elif diff > 0:
        line = req.t._("That is {diff} higher than {scope} ({value}).", **values)
    else:
        line = req.t._("That is the same as {scope} ({value}).", **values)
    draft.add(_labelled(req, line, other), other.document_id)
    return None


def _labelled(req: Request, line: str, *figures: StoredFigure | None) -> str:
    """The line, said to rest on a report when one of ``figures`` is reported: every
    sentence that states a reported figure says so."""
    for stored in figures:
        if stored is not None and not stored.official:
            note = report_note(req, stored)
            return req.t._("{line} — according to {note}", line=line.rstrip("."), note=note) + "."
    return line


def _backed_out(req: Request) -> Reply | None:
    """ "Back out the average of rounds 1–2", "1·2차만 평균 내면?", "average of rounds 1 and 2
    of 2023?": rounds of a year whose average no page prints, computed as a count is deduced
    (compute.deduce_average) — from their own averages weighted by their services, else from
    the year's average over its services less the other rounds' — said as a calculation with
    its assumption and its arithmetic, every reported term named."""
    from bot.answers.compute import deduce_average
    from bot.answers.tally import asked_rounds, name_reports, rounds_name, words

    e = req.entities
    if e.services:
        return None
    year, asked = asked_rounds(req, "services_evaluated")
    if year is not None and not asked:
        asked = _rest_of_loaded(req, year)
    estimate = any(w in req.question.lower() for w in words()["estimate"])
    if len(asked) == 1 and not estimate:
        return None  # "2024년 1차 평균은?": a round's own average, not published — said so
    found = deduce_average(req, year, asked) if year is not None else None
    if found is None or year is None:
        return None
    t, draft = req.t, Draft(req)
    if not estimate:
        # a plain "1·2차 평균은?": no page prints it — said before the calculation
        draft.add(
            t._(
                "No page prints the average of {scope}; it can be calculated from the "
                "published figures:",
                scope=rounds_name(req, year, asked),
            )
        )
    for line, documents in found.lines:
        draft.add(line, *documents)
    if found.mixed:  # official pages and reports in one calculation: said, then each report
        draft.add(t._("These deductions combine official figures and reported ones:"))
    name_reports(req, draft, found.reports)
    return draft.reply(suggestions=suggestions(req, "average", "trend"))


def _rest_of_loaded(req: Request, year: int) -> tuple[int, ...]:
    """ "2023년 나머지 41개 평균은?", "the other 41 services of 2023": the rest of a year named
    with no round is its rounds no loaded page covers — when a number is stated, only if it
    is their number of services (47 − 6 = 41)."""
    from bot.answers.tally import rounds_of, said, year_count

    e = req.entities
    if e.round_no is not None or e.round_span is not None or not said(req.question, "rest"):
        return ()
    loaded = {r.round_no: r for r in req.q.rounds_of_year(year)}
    rounds = rounds_of(req, year)
    rest = tuple(r for r in range(1, rounds + 1) if r not in loaded)
    if not loaded or not rest:
        return ()
    if e.count is not None:
        due = year_count(req, year, "services_evaluated", rounds)
        covered = sum(r.services_evaluated or 0 for r in loaded.values())
        if due is None or due.value - covered != e.count:
            return ()
    return rest


def _rest_asked(req: Request) -> Reply | None:
    """ "If round 3's six averaged 79.05 and all 47 averaged 74.02, what did the other 41
    average?": a named round and its whole year, the rest of the year asked — the round's
    and the year's averages, then the rest backed out with its arithmetic."""
    from bot.answers.tally import said

    e = req.entities
    excluded = tuple(entity(req, "rounds_excluded", ()) or ())
    whole = "whole_year" in (e.compare, e.reference) or said(req.question, "own_year")
    rest = said(req.question, "rest") or len(excluded) == 1
    if e.round_no is None and len(excluded) == 1 and e.round_span is None:
        # "3차 빼고 나머지 사무들 평균은?": the round left out is the one weighed
        e = replace(e, round_no=excluded[0])
        req = replace(req, entities=e)
        whole = True
    if e.round_no is None or e.services or not whole or not rest:
        return None
    from bot.answers.compute import rest_of_year

    where = target(req, whole_year=False)
    rnd = where.round
    lines = rest_of_year(req, rnd) if rnd is not None else []
    if rnd is None or not lines or rnd.average_score is None:
        return None
    draft = Draft(req)
    draft.add(
        average_versus(req, round_title(req, where), rnd, rnd.average_score),
        rnd.document_id,
    )
    year_figure = _average(req, Scope.year(rnd.year))
    if year_figure is not None:
        _describe(req, req.t._("{year} (whole year)", year=rnd.year), year_figure, draft)
    for line, documents in lines:
        draft.add(line, *documents)
    return draft.reply(suggestions=suggestions(req, "average", "trend"))


def _round_share_of_year(req: Request) -> bool:
    """A share asked of a round against its whole year, with no average word: an average
    has no share, so it is the round's services out of the year's."""
    e = req.entities
    whole = "whole_year" in (e.compare, e.reference)
    plain = e.threshold is None and e.band is None and not e.services
    return whole and plain and e.round_no is not None and e.metrics == frozenset({"share"})


@handles("average")
def average(req: Request) -> Reply:
    """A round's or a year's average, compared when asked with another round, another year,
    the year before or the long run; a year shows each of its loaded rounds beside it.
    "Why did the average drop?": no page states a reason — said first (answered=False),
    the figures after it."""
    from bot.answers.tally import said

    reply = _average_reply(req)
    if not said(req.question, "why") or req.entities.services or not reply.answered:
        return reply
    text = "\n".join([req.t._("The published results do not say why."), reply.text])
    return replace(reply, text=text, answered=False)


def _average_reply(req: Request) -> Reply:
    e = req.entities
    if "median" in e.metrics:  # "중간값/중앙값", "the median score"
        return median(req)
    if asks_scores(req):  # "공개된 개별 점수 전부 평균": the mean of the scores themselves
        return _mean_of_scores(req)
    backed = _backed_out(req) or _rest_asked(req)
    if backed is not None:  # "1·2차만의 평균은?" from the year's mean and round 3's
        return backed
    from bot.answers.compute import gap_asked

    if gap_asked(req):  # "기준보다 몇 점이나 높아?": the gap, with its arithmetic
        from bot.answers import HANDLERS

        return HANDLERS["gap"](req)
    if _round_share_of_year(req):  # "3차 대상 사무가 23년 전체에서 차지하는 비율은?"
        from bot.answers import HANDLERS

        return HANDLERS["evaluated_share"](req)
    cov = coverage(req)
    if cov.kind in ("all", "recent"):  # "차수별 평균 정리해줘", "최근 3개 차수 평균"
        return _every_round(req, cov)
    if e.year_span is not None:
        start, end = e.year_span
        if e.round_no is not None or (e.year is not None and not start <= e.year <= end):
            return _versus_span(req, start, end)  # "2025 R1 vs the 2015–2022 average"
        return _span_average(req, start, end)
    if e.compare == "round" and entity(req, "compare_round") is not None:
        return _versus_round(req)
    newest = _newest_versus(req)
    if newest is not None:  # "newest round vs 2023 round 3, better or worse?"
        return newest
    if e.round_no is None and (e.year is not None or e.compare):
        year = e.year if e.year is not None else (req.newest.year if req.newest else None)
        if e.year is None and e.latest and e.compare == "prev_year":
            # "the newest average you've got against the year before": the newest year
            # holding an average (a report's, labelled), not the newest round's year
            year = max(_yearly(req), default=year)
        if year is not None:
            return _year_average(req, year)
    where = target(req, whole_year=False)
    if where.round is None:
        return _known_of_year(req, where, not_loaded(req, where, offer=("average", "trend")))
    rnd = where.round
    draft = Draft(req)
    if rnd.average_score is None:
        draft.add(
            req.t._("The average of {round} was not published.", round=round_title(req, where))
        )
        return draft.reply(answered=False)
    draft.add(
        average_versus(req, round_title(req, where), rnd, rnd.average_score),
        rnd.document_id,
    )
    if e.compare == "year" and e.compare_year is not None:
        _round_versus_other_year(req, rnd, e.compare_year, draft)
        return draft.reply(suggestions=suggestions(req, "trend", "below_cutoff"))
    previous_year = _average(req, Scope.year(rnd.year - 1)) if e.compare == "prev_year" else None
    if where.named and previous_year is not None:
        # "2025년 1차 평균은 전년 대비?": the named round against last year's average (as a
        # round's page states it: 78.40 − 78.52 = −0.12), not its own year's average
        _difference_line(
            req,
            (published_average(rnd), rnd.average_precision),
            (value(previous_year), previous_year.figure.precision),
            round_name(req.t, rnd.year, rnd.round_no),
            req.t._("{year} (whole year)", year=rnd.year - 1),
            draft,
            previous_year if not previous_year.official else None,
        )
        return draft.reply(suggestions=suggestions(req, "trend", "below_cutoff"))
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


def _newest_versus(req: Request) -> Reply | None:
    """ "newest round vs 2023 round 3, better or worse on average?": a named round and the
    newest loaded round, named only in words (tally.yaml ``newest``), compared — the newer
    first, the difference with its arithmetic."""
    from bot.answers import tally
    from bot.answers.compute import compare_reply, round_average

    e, newest = req.entities, req.newest
    if e.round_no is None or newest is None or e.compare not in (None, "other"):
        return None
    if not tally.said(req.question, "newest"):
        return None
    named = round_average(req, e.year, e.round_no)
    latest = round_average(req, newest.year, newest.round_no)
    if named is None or latest is None or named.scope == latest.scope:
        return None
    return compare_reply(req, latest, named, "versus", context=False)


def _every_round(req: Request, cov: Coverage) -> Reply:
    """Every loaded round's (or the last N rounds') published average in time order,
    each change on the round before, with the chart of the rounds."""
    t, draft = req.t, Draft(req)
    rounds = [r for r in cov.rounds if r.average_score is not None]
    if not rounds:
        return _no_average(req, cov.label)
    draft.add(t._("Average score of {scope}, round by round:", scope=cov.label))
    previous: StoredRound | None = None
    for r in rounds:
        line = t._(
            "{round}: {value}",
            round=round_name(t, r.year, r.round_no),
            value=points(t, published_average(r), r.average_precision),
        )
        if previous is not None:
            line = _round_change(req, line, r, previous)
        draft.add(line, r.document_id)
        previous = r
    from bot.answers.tally import said

    if len(rounds) > 1 and said(req.question, "weighted"):
        _weighted_mean(req, rounds, draft)
    elif len(rounds) > 1 and said(req.question, "mean_of_averages"):
        _mean_of_averages(req, rounds, draft)
    return draft.reply(
        chart=_trend_chart(req, {}, rounds), suggestions=suggestions(req, "trend", "below_cutoff")
    )


def _mean_of_averages(req: Request, rounds: list[StoredRound], draft: Draft) -> None:
    """ "the simple mean of the round averages": their sum over their number, each round
    weighing the same — a calculation on published figures, said to be one (no page
    publishes it, and it is not the mean over every service)."""
    values = [Decimal(str(published_average(r))) for r in rounds]
    precision = max(r.average_precision for r in rounds)
    mean = (sum(values, Decimal(0)) / len(values)).quantize(
        Decimal(1).scaleb(-precision), ROUND_HALF_UP
    )
    t = req.t
    terms = " + ".join(t.num(v, precision) for v in values)
    draft.add(
        t._(
            "Simple mean of the {n} round averages (each round weighs the same; computed, "
            "not published): {mean}.",
            n=len(values),
            mean=points(t, mean, precision),
        )
    )
    draft.add(f"({terms}) / {len(values)} = {t.num(mean, precision)}")


def _weighted_mean(req: Request, rounds: list[StoredRound], draft: Draft) -> None:
    """ "네 개 차수 전체를 사무 수로 가중해서 평균 내면?": each round's average weighted by
    its number of services evaluated — the mean over every service of those rounds, as far
    as the rounded averages allow; computed, said to be, with its arithmetic."""
    counted = [(r, len(req.q.evaluations(r.year, r.round_no))) for r in rounds]
    if any(n == 0 for _, n in counted):
        return
    precision = max(r.average_precision for r in rounds)
    total = sum(n for _, n in counted)
    weighted = sum((Decimal(str(published_average(r))) * n for r, n in counted), Decimal(0))
    mean = (weighted / total).quantize(Decimal(1).scaleb(-precision), ROUND_HALF_UP)
    t = req.t
    terms = " + ".join(
        f"{t.num(Decimal(str(published_average(r))), precision)} × {n}" for r, n in counted
    )
    draft.add(
        t._(
            "Mean of the {n} round averages weighted by their services ({total} in all; "
            "computed, not published): {mean}.",
            n=len(counted),
            total=total,
            mean=points(t, mean, precision),
        )
    )
    draft.add(f"({terms}) / {total} = {t.num(mean, precision)}")


def _round_change(req: Request, line: str, now: StoredRound, before: StoredRound) -> str:
    """The line with its change on the round before, computed from the two averages."""
    diff, precision = difference(
        published_average(now),
        now.average_precision,
        published_average(before),
        before.average_precision,
    )
    shown = req.t.num(abs(diff), precision)
    if diff > 0:
        return req.t._("{line} (up {diff} on the round before)", line=line, diff=shown)
    if diff < 0:
        return req.t._("{line} (down {diff} on the round before)", line=line, diff=shown)
    return req.t._("{line} (the same as the round before)", line=line)


def _mean_of_scores(req: Request) -> Reply:
    """The mean of the individual scores published for the scope (every round that
    published scores, when none is named), with its arithmetic; a single round's own
    published average beside it."""
    t = req.t
    cov, note = score_coverage(req)
    scored = [
        v for r in cov.rounds for v in req.q.evaluations(r.year, r.round_no) if v.score is not None
    ]
    draft = Draft(req)
    if not scored:
        draft.add(t._("Individual scores of {scope} were not published.", scope=cov.label))
        return draft.reply(answered=False, suggestions=suggestions(req, "average"))
    if note:
        draft.add(note)
    mean, precision, arithmetic = mean_of_scores(t, scored)
    draft.add(
        t.n_(
            "The mean of the {n} published individual score of {scope} is {mean}.",
            "The mean of the {n} published individual scores of {scope} is {mean}.",
            len(scored),
            scope=cov.label,
            mean=points(t, mean, precision),
        ),
        *(r.document_id for r in cov.rounds),
    )
    draft.add(arithmetic)
    line = scored_rounds_line(req, cov)
    if line:
        draft.add(line)
    rnd = cov.single
    if rnd is not None and rnd.average_score is not None:
        draft.add(
            t._(
                "The published average of {round} is {value}.",
                round=round_name(t, rnd.year, rnd.round_no),
                value=points(t, rnd.average_score, rnd.average_precision),
            )
        )
    return draft.reply(suggestions=suggestions(req, "average", "rank"))


def median(req: Request) -> Reply:
    """The median of the published individual scores of the scope (the middle score, or
    the mean of the two middle ones with its arithmetic) — only when every score of every
    covered round was published: a partly published round has no known middle."""

    t = req.t
    cov, note = score_coverage(req)
    draft = Draft(req)
    scored: list[Evaluation] = []
    partly: list[str] = []
    for r in cov.rounds:
        evaluations = req.q.evaluations(r.year, r.round_no)
        have = [v for v in evaluations if v.score is not None]
        if have and len(have) < len(evaluations):
            partly.append(round_name(t, r.year, r.round_no))
        scored.extend(have)
    if not scored or partly:
        draft.add(
            t._(
                "The individual scores of {scope} were not all published, so the median "
                "is not known.",
                scope=t.join(partly) if partly else cov.label,
            ),
            *(r.document_id for r in cov.rounds),
        )
        return draft.reply(answered=False, suggestions=suggestions(req, "average"))
    if note:
        draft.add(note)
    ordered = sorted(scored, key=lambda v: score(v))
    n, precision = len(ordered), max(v.score_precision for v in ordered)
    listing = ", ".join(t.num(score(v), v.score_precision) for v in ordered)
    if n % 2:
        middle = ordered[n // 2]
        value_ = Decimal(str(score(middle)))
        arithmetic = t._(
            "In order: {scores}; the middle one (number {k} of {n}) is {value}.",
            scores=listing,
            k=n // 2 + 1,
            n=n,
            value=t.num(score(middle), middle.score_precision),
        )
    else:
        a, b = ordered[n // 2 - 1], ordered[n // 2]
        value_ = ((Decimal(str(score(a))) + Decimal(str(score(b)))) / 2).quantize(
            Decimal(1).scaleb(-precision), ROUND_HALF_UP
        )
        arithmetic = t._(
            "In order: {scores}; the two middle ones: ({a} + {b}) / 2 = {value}.",
            scores=listing,
            a=t.num(score(a), a.score_precision),
            b=t.num(score(b), b.score_precision),
            value=t.num(value_, precision),
        )
    draft.add(
        t._(
            "The median of the {n} published scores of {scope} is {value}.",
            n=n,
            scope=cov.label,
            value=points(t, value_, precision),
        ),
        *(r.document_id for r in cov.rounds),
    )
    draft.add(arithmetic)
    return draft.reply(suggestions=suggestions(req, "average", "rank"))


def _round_average_line(req: Request, rnd: StoredRound, draft: Draft) -> bool:
    """ "The average score of 2023 round 1 was 72.40 points, …"; False when not published."""
    if rnd.average_score is None:
        draft.add(
            req.t._(
                "The average of {round} was not published.",
                round=round_name(req.t, rnd.year, rnd.round_no),
            ),
            rnd.document_id,
        )
        return False
    draft.add(
        average_versus(req, round_name(req.t, rnd.year, rnd.round_no), rnd, rnd.average_score),
        rnd.document_id,
    )
    return True


def _other_round(req: Request, year: int | None, round_no: int) -> StoredRound | None:
    """Round ``round_no`` of ``year``, or (no year named) of the newest year that holds it."""
    if year is not None:
        return req.q.get_round(year, round_no)
    return next((r for r in reversed(req.q.rounds()) if r.round_no == round_no), None)


def _versus_round(req: Request) -> Reply:
    """Round against round, or a year against a round: both values, the exact difference."""
    e, t = req.entities, req.t
    other_year = e.compare_year if e.compare_year is not None else e.year
    other_round = int(entity(req, "compare_round"))
    other = _other_round(req, other_year, other_round)
    if e.round_no is not None:
        from bot.answers.compute import moved_between
        from bot.understand.parts import shared_parts

        changed = shared_parts().checks["score_change"].search(req.question.lower())
        moved = moved_between(
            req, (e.year, e.round_no), (other_year, other_round), any_way=bool(changed)
        )
        if moved is not None:  # "from A to B, rise or fall?": the change in time order
            return moved
        first = _other_round(req, e.year, e.round_no)
        missing = [
            round_name(t, y, n)
            for found, y, n in ((first, e.year, e.round_no), (other, other_year, other_round))
            if found is None and y is not None
        ]
        if first is None or other is None:
            return _shares_instead(req, _not_both(req, missing))
        draft = Draft(req)
        both = _round_average_line(req, other, draft) & _round_average_line(req, first, draft)
        if both:
            _difference_line(
                req,
                (published_average(first), first.average_precision),
                (published_average(other), other.average_precision),
                round_name(t, first.year, first.round_no),
                round_name(t, other.year, other.round_no),
                draft,
            )
        return draft.reply(answered=both, suggestions=suggestions(req, "trend", "below_cutoff"))
    if other is None or e.year is None:
        named = [round_name(t, other_year, other_round)] if other_year is not None else []
        return _not_both(req, named)
    return _year_versus_round(req, e.year, other)


def _year_versus_round(req: Request, year: int, rnd: StoredRound) -> Reply:
    """A year's average (official, else reported and labelled) against a round's."""
    t, draft = req.t, Draft(req)
    _round_average_line(req, rnd, draft)
    stored = _average(req, Scope.year(year))
    if stored is None:
        draft.add(t._("No average for {year} is in the knowledge base.", year=year))
        _rounds_of_year_line(req, year, draft)
        return draft.reply(answered=False)
    _describe(req, t._("{year} (whole year)", year=year), stored, draft)
    if rnd.average_score is not None:
        _difference_line(
            req,
            (value(stored), stored.figure.precision),
            (rnd.average_score, rnd.average_precision),
            t._("{year} (whole year)", year=year),
            round_name(t, rnd.year, rnd.round_no),
            draft,
            stored,
        )
    return draft.reply(suggestions=suggestions(req, "trend", "below_cutoff"))


def _round_versus_other_year(req: Request, rnd: StoredRound, year: int, draft: Draft) -> None:
    """A round against another year's average (official, else reported and labelled)."""
    t = req.t
    stored = _average(req, Scope.year(year))
    if stored is None:
        draft.add(t._("No average for {year} is in the knowledge base.", year=year))
        return
    _describe(req, t._("{year} (whole year)", year=year), stored, draft)
    _difference_line(
        req,
        (published_average(rnd), rnd.average_precision),
        (value(stored), stored.figure.precision),
        round_name(t, rnd.year, rnd.round_no),
        t._("{year} (whole year)", year=year),
        draft,
        stored,
    )


def _difference_line(
    req: Request,
    first: tuple[float, int],
    second: tuple[float, int],
    first_name: str,
    second_name: str,
    draft: Draft,
    source: StoredFigure | None = None,
) -> None:
    """ "2023 round 3 was 6.65 points higher than 2023 round 1 (79.05 − 72.40 = 6.65)."."""
    t = req.t
    diff, arithmetic = gap(t, first, second)
    values = {"first": first_name, "second": second_name, **arithmetic}
    if diff > 0:
        line = t._("{first} was {diff} higher than {second} ({sum}).", **values)
    elif diff < 0:
        line = t._("{first} was {diff} lower than {second} ({sum}).", **values)
    else:
        line = t._("{first} and {second} had the same average.", **values)
    draft.add(_labelled(req, line, source))


def _shares_instead(req: Request, missing: Reply) -> Reply:
    """Two rounds' results compared when one has no average: what both do have — their
    shares below the cutoff ("1차 58.3% (7 / 12) → 3차 0.0%") — after saying the average
    is missing; the missing answer alone when the shares are not both known either."""
    from bot.answers import tally

    e = req.entities
    if "average" in e.metrics:  # "평균 비교": the average asked is not known, nothing else
        return missing
    shares = tally.versus(
        replace(req, entities=replace(e, metrics=e.metrics | {"share"})), "below_cutoff"
    )
    if shares is None:
        return missing
    lines = missing.text.splitlines() + shares.text.splitlines()
    sources = tuple(dict.fromkeys((*missing.sources, *shares.sources)))
    return replace(shares, text="\n".join(lines), sources=sources, answered=True)


def _not_both(req: Request, missing: list[str]) -> Reply:
    draft = Draft(req)
    for name in missing:
        draft.add(req.t._("{scope} is not in the knowledge base.", scope=name))
    draft.add(req.t._("Rounds loaded: {rounds}.", rounds=loaded_rounds(req)))
    return draft.reply(answered=False, suggestions=suggestions(req, "trend"))


def _rounds_of_year_line(req: Request, year: int, draft: Draft) -> bool:
    """ "Loaded rounds of 2024: round 1 78.10 points, round 3 75.88 points" (official)."""
    rounds = [r for r in req.q.rounds_of_year(year) if r.average_score is not None]
    if not rounds:
        return False
    parts = [
        req.t._(
            "{round}: {value}",
            round=round_name(req.t, r.year, r.round_no),
            value=points(req.t, published_average(r), r.average_precision),
        )
        for r in rounds
    ]
    draft.add(
        req.t._("Round averages of {year}: {rounds}.", year=year, rounds=req.t.join(parts)),
        *(r.document_id for r in rounds),
    )
    return True


def _round_versus_year(
    req: Request, number: float, precision: int, year: StoredFigure, draft: Draft
) -> None:
    """The round's average against its whole year's, the difference computed."""
    diff, shown = difference(number, precision, value(year), year.figure.precision)
    values = {"diff": points(req.t, abs(diff), shown)}
    if diff > 0:
        line = req.t._("The round's average is {diff} higher than the year's.", **values)
    elif diff < 0:
        line = req.t._("The round's average is {diff} lower than the year's.", **values)
    else:
        line = req.t._("The round's average is the same as the year's.")
    draft.add(line, year.document_id)


def _year_average(req: Request, year: int) -> Reply:
    """A year's average (official, else reported and labelled), each loaded round of the
    year beside it, and the comparison asked for."""
    stored = _average(req, Scope.year(year))
    if stored is None:
        draft = Draft(req)
        if _rounds_of_year_line(req, year, draft):
            draft.lines.insert(
                0, req.t._("No average for the whole of {year} was published.", year=year)
            )
            if req.entities.compare in ("prev_year", "year", "other", "long_run"):
                draft.add(req.t._("No average for {year} is in the knowledge base.", year=year))
            # "2026년 전체 평균 나왔어?": whether the whole year's figure is out, when its
            # loaded rounds hold only part of it (55 due, 7 loaded) — no, not known
            # "2025년 전체 평균은?" with 7 of its 40 services loaded: the rounds are a part
            whole = _year_partly_loaded(req, year)
            return draft.reply(
                answered=not whole, suggestions=suggestions(req, "trend", "below_cutoff")
            )
        return _no_average(req, req.t._("{year} (whole year)", year=year))
    draft = Draft(req)
    _describe(req, req.t._("{year} (whole year)", year=year), stored, draft)
    e = req.entities
    whole = "whole_year" in (e.compare, e.reference) and stored.official
    if not e.terse and not whole:  # "숫자만", "전체 평균": the year's own figure, not its rounds'
        _rounds_of_year_line(req, year, draft)
    rose = _year_comparison(req, stored, year, draft)
    _long_run_context(req, year, draft)
    reply = draft.reply(suggestions=suggestions(req, "trend", "below_cutoff"))
    if rose is None:
        return reply
    from bot.answers.compute import rose_verdict  # compute imports this module's neighbours

    return rose_verdict(req, reply, rose)


def _long_run_context(req: Request, year: int, draft: Draft) -> None:
    """ "Was 2022 already under the long-run average?", "예전 수준이야?": the year and the
    year before it, each against the published multi-year average (compute's context
    pairs); the pair the answer already stated is not repeated."""
    from bot.answers.compute import add_context, long_run, year_average

    fig = year_average(req, year)
    if fig is None:
        return
    stated = long_run(req, year) if req.entities.compare == "long_run" else None
    add_context(req, draft, fig, stated or fig)


def _known_of_year(req: Request, where: Target, missing: Reply) -> Reply:
    """A round that is not loaded: after saying so, what is known of its year's averages
    (the year's own, its loaded rounds') — still not the round's answer."""
    e = req.entities
    if where.year is None or missing.answered or e.terse or e.how == "yes_no":
        return missing
    stored = _average(req, Scope.year(where.year))
    draft = Draft(req)
    if stored is not None:
        _describe(req, req.t._("{year} (whole year)", year=where.year), stored, draft)
    _rounds_of_year_line(req, where.year, draft)
    if not draft.lines:
        return missing
    lines = missing.text.splitlines() + [ln for ln in draft.lines if ln not in missing.text]
    sources = tuple(dict.fromkeys((*missing.sources, *draft.reply().sources)))
    return replace(missing, text="\n".join(lines), sources=sources)


def _year_partly_loaded(req: Request, year: int) -> bool:
    """Whether the year's stated number of services due exceeds its loaded rounds' total."""
    due = req.q.figure("services_in_year", Scope.year(year))
    if due is None or due.figure.value is None:
        return False
    rounds = req.q.rounds_of_year(year)
    loaded = sum(r.services_evaluated or len(req.q.evaluations(r.year, r.round_no)) for r in rounds)
    return loaded < int(due.figure.value)


def _year_comparison(req: Request, stored: StoredFigure, year: int, draft: Draft) -> bool | None:
    """A year's average against the year asked for, the year before or the long run; a
    comparison that names no target ("did it drop?") is with the year before. Whether it
    rose on an earlier year (None when no change over time was stated)."""
    from bot.understand.vocab import shared_vocab

    e = req.entities
    lower, compare = req.question.lower(), shared_vocab().compare
    if all(compare[name].search(lower) for name in ("prev_year", "long_run")):
        # "전년 대비랑 장기평균 대비 각각": both references, each with its own difference
        rose = None
        for reference in ("prev_year", "long_run"):
            single = replace(req, entities=replace(e, compare=reference, compare_year=None))
            moved = _one_comparison(single, stored, year, draft)
            rose = moved if rose is None else rose
        return rose
    return _one_comparison(req, stored, year, draft)


def _one_comparison(req: Request, stored: StoredFigure, year: int, draft: Draft) -> bool | None:
    e = req.entities
    if e.compare in ("prev_year", "year", "other"):
        other = e.compare_year if e.compare == "year" and e.compare_year else year - 1
        previous = _average(req, Scope.year(other))
        if previous is not None:
            return _compare(req, stored, previous, draft)
        else:
            draft.add(req.t._("No average for {year} is in the knowledge base.", year=other))
    elif e.compare == "long_run":
        long_run = _long_run(req, year)
        if long_run is not None:
            _compare(req, stored, long_run, draft)
        else:
            draft.add(req.t._("No long-run average is in the knowledge base."))
    return None


def _versus_span(req: Request, start: int, end: int) -> Reply:
    """A round's (or a year's) average against a span's ("the 2015–2022 long run")."""
    t, e = req.t, req.entities
    span = _average(req, Scope.years(start, end))
    span_label = scope_name(t, Scope.years(start, end))
    draft = Draft(req)
    if e.round_no is not None:
        where = target(req, whole_year=False)
        if where.round is None:
            return not_loaded(req, where, offer=("average", "trend"))
        if not _round_average_line(req, where.round, draft):
            return draft.reply(answered=False)
        subject = (published_average(where.round), where.round.average_precision)
        subject_name = round_name(t, where.round.year, where.round.round_no)
        subject_figure = None
    else:
        year = int(e.year) if e.year is not None else 0
        stored = _average(req, Scope.year(year))
        if stored is None:
            return _no_average(req, t._("{year} (whole year)", year=year))
        subject_name = t._("{year} (whole year)", year=year)
        _describe(req, subject_name, stored, draft)
        subject = (value(stored), stored.figure.precision)
        subject_figure = stored
    if span is None:
        draft.add(t._("{scope} is not in the knowledge base.", scope=span_label))
        return draft.reply(answered=False)
    _describe(req, span_label, span, draft)
    _difference_line(
        req,
        subject,
        (value(span), span.figure.precision),
        subject_name,
        span_label,
        draft,
        span if not span.official else subject_figure,
    )
    return draft.reply(suggestions=suggestions(req, "trend", "below_cutoff"))


def _span_average(req: Request, start: int, end: int) -> Reply:
    """A span's own published average ("2015–2022: 78.58"); when none was published, the
    yearly averages within the span, in time order (official, else reported and labelled)."""
    stored = _average(req, Scope.years(start, end))
    label = scope_name(req.t, Scope.years(start, end))
    if stored is None:
        return _years_within(req, start, end) or _no_average(req, label)
    draft = Draft(req)
    _describe(req, label, stored, draft)
    return draft.reply()


def _years_within(req: Request, start: int, end: int) -> Reply | None:
    """Each year's average from ``start`` to ``end`` that is known, with its change on the
    year before; the years without one named.  None when no year of the span has one."""
    t = req.t
    yearly = {y: f for y, f in _yearly(req).items() if start <= y <= end}
    if not yearly:
        return None
    draft = Draft(req)
    draft.add(t._("Yearly averages from {start} to {end}:", start=start, end=end))
    previous: StoredFigure | None = None
    for year, stored in sorted(yearly.items()):
        line = t._(
            "{year}: {value}",
            year=year,
            value=points(t, value(stored), stored.figure.precision),
        )
        if previous is not None and previous.figure.scope.year_start == year - 1:
            line = _change(req, line, stored, previous)
        draft.add(_labelled(req, line, stored), stored.document_id)
        previous = stored
    missing = [str(y) for y in range(start, end + 1) if y not in yearly]
    if missing:
        draft.add(t._("No yearly average is known for {years}.", years=t.join(missing)))
    return draft.reply(suggestions=suggestions(req, "trend"))


def _no_average(req: Request, label: str) -> Reply:
    """No average for what was asked: say so, then list the averages that are known."""
    draft = Draft(req)
    draft.add(
        req.t._(
            "The average score for {scope} is not published in the documents loaded.", scope=label
        )
    )
    known = [
        _known(req, f, req.entities.year)
        for f in req.q.figures("average_score")
        if f.figure.value is not None
    ]
    if known:
        draft.add(req.t._("Averages it does hold: {known}.", known=req.t.join(known)))
    return draft.reply(answered=False, suggestions=suggestions(req, "trend", "average"))


def _change(req: Request, line: str, stored: StoredFigure, previous: StoredFigure) -> str:
    """The line with its change on the year before, computed from the two averages."""
    a, b = stored.figure, previous.figure
    diff, precision = difference(value(stored), a.precision, value(previous), b.precision)
    shown = req.t.num(abs(diff), precision)
    if diff > 0:
        return req.t._("{line} (up {diff} on the year before)", line=line, diff=shown)
    if diff < 0:
        return req.t._("{line} (down {diff} on the year before)", line=line, diff=shown)
    return req.t._("{line} (the same as the year before)", line=line)


def _known(req: Request, stored: StoredFigure, asked: int | None) -> str:
    """A known average for the "not known" answer: with its value, except for a scope that
    holds the asked year or lies next to it — "2015–2022: 78.58" or "2022: 77.62" beside
    "no average for 2021" reads as 2021's answer, so those are named without a value."""
    scope = stored.figure.scope
    label = scope_name(req.t, scope)
    if not stored.official:
        label = req.t._("{scope} (report)", scope=label)
    start, end = scope.year_start, scope.year_end
    near = asked is not None and start is not None and start - 1 <= asked <= (end or start) + 1
    if near:
        return label
    shown = points(req.t, value(stored), stored.figure.precision)
    return req.t._("{scope}: {value}", scope=label, value=shown)


def _rounds_asked(req: Request) -> Reply | None:
    """ "2023년 1차, 2차, 3차 회차별 평균 추이": each named round of the year in order — its
    published average, or that it is not known (not loaded, or not published) — then the
    year's own average.  None unless the question names two rounds or more of one year."""
    e, t = req.entities, req.t
    named = list(dict.fromkeys(entity(req, "rounds_named", ()) or ()))
    if e.round_span is not None:
        named = list(range(e.round_span[0], e.round_span[1] + 1))
    year = e.year if e.year is not None else (req.newest.year if req.newest else None)
    other_year = e.compare_year is not None and e.compare_year != year
    if len(named) < 2 or year is None or other_year or e.year_span is not None:
        return None  # rounds of several years: the trend over them
    draft = Draft(req)
    draft.add(t._("Average score of {year}, round by round:", year=year))
    missing = []
    for round_no in sorted(named):
        rnd = req.q.get_round(year, round_no)
        reported = _average(req, Scope.round(year, round_no))
        name = round_name(t, year, round_no)
        if rnd is not None and rnd.average_score is not None:
            shown = points(t, rnd.average_score, rnd.average_precision)
            draft.add(t._("{round}: {value}", round=name, value=shown), rnd.document_id)
        elif reported is not None:
            shown = points(t, value(reported), reported.figure.precision)
            line = t._("{round}: {value}", round=name, value=shown)
            draft.add(_labelled(req, line, reported), reported.document_id)
        else:
            missing.append(name)
    if missing:
        draft.add(t._("No average is known for {rounds}.", rounds=t.join(missing)))
    whole = _average(req, Scope.year(year))
    if whole is not None:
        line = t._(
            "{year} (whole year): {value}",
            year=year,
            value=points(t, value(whole), whole.figure.precision),
        )
        draft.add(_labelled(req, line, whole), whole.document_id)
    return draft.reply(suggestions=suggestions(req, "trend", "average"))


def _round_to_round(req: Request) -> Reply | None:
    """ "24년 2차에서 25년 1차로 오면서 평균 어떻게 변했어": a trend between two named rounds
    is the change from the earlier to the later one, not every year's average."""
    from bot.answers.compute import moved_between

    e = req.entities
    other = entity(req, "compare_round")
    if e.compare != "round" or other is None or e.round_no is None:
        return None
    other_year = e.compare_year if e.compare_year is not None else e.year
    return moved_between(req, (e.year, e.round_no), (other_year, int(other)), any_way=True)


@handles("trend")
def trend(req: Request) -> Reply:
    """Yearly and per-round averages in time order, with a chart (the adapter draws it);
    "how has <service> done over time?" is that service's own history."""
    if req.entities.service is not None:
        return service_history(req, req.entities.service)
    by_round = _rounds_asked(req) or _round_to_round(req)
    if by_round is not None:
        return by_round
    t, draft = req.t, Draft(req)
    seen = _yearly(req)
    rounds = [r for r in req.q.rounds() if r.average_score is not None]
    if not seen and not rounds:
        return _no_average(req, t._("any year"))
    if seen:
        draft.add(t._("Average scores by year:"))
    previous: StoredFigure | None = None
    for year, stored in sorted(seen.items()):
        shown = points(t, value(stored), stored.figure.precision)
        line = t._("{year}: {value}", year=year, value=shown)
        if previous is not None and previous.figure.scope.year_start == year - 1:
            line = _change(req, line, stored, previous)
        if not stored.official:
            line = t._("{line} — according to {note}", line=line, note=report_note(req, stored))
        draft.add(line, stored.document_id)
        previous = stored
    for r in rounds:
        draft.add(
            t._(
                "{round}: {value}",
                round=round_name(t, r.year, r.round_no),
                value=points(t, published_average(r), r.average_precision),
            ),
            r.document_id,
        )
    long_run = _long_run(req, 9999)
    if long_run is not None:
        draft.add(
            t._(
                "Long-run average {scope}: {value}",
                scope=scope_name(t, long_run.figure.scope),
                value=points(t, value(long_run), long_run.figure.precision),
            ),
            long_run.document_id,
        )
    return draft.reply(
        chart=_trend_chart(req, seen, rounds),
        suggestions=suggestions(req, "average", "below_cutoff"),
    )


def _yearly(req: Request) -> dict[int, StoredFigure]:
    """The best average of each single year: an official one beats a report."""
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
        if f.figure.scope.year_start is not None and f.figure.value is not None:
            seen.setdefault(f.figure.scope.year_start, f)
    return seen


def _trend_chart(
    req: Request, seen: dict[int, StoredFigure], rounds: list[StoredRound]
) -> TimeChart:
    """The averages on a time axis: yearly (official / reported apart) and per round."""
    t = req.t
    official, reported, by_round = (
        t._("Yearly average"),
        t._("Yearly average (report)"),
        t._("Round average"),
    )
    points_: list[TimePoint] = []
    for year, stored in sorted(seen.items()):
        number, text = value(stored), t.num(value(stored), stored.figure.precision)
        if stored.official:
            points_.append(TimePoint("year", year, None, number, text, official))
        else:
            points_.append(TimePoint("report", year, None, number, text, reported))
    for r in rounds:
        number, text = published_average(r), t.num(published_average(r), r.average_precision)
        points_.append(TimePoint("round", r.year, r.round_no, number, text, by_round))
    # the same points as text (the caption): a report keeps its label there too
    series: dict[str, list[tuple[str, float]]] = {}
    shown: dict[str, dict[str, str]] = {}
    for p in points_:
        if p.kind == "round":
            tick = t._("{year} R{round}", year=p.year, round=p.round_no)
        elif p.kind == "report":
            tick = t._("{year} (report)", year=p.year)
        else:
            tick = str(p.year)
        name = by_round if p.kind == "round" else official
        series.setdefault(name, []).append((tick, p.value))
        shown.setdefault(name, {})[tick] = p.shown
    if seen and rounds:
        title = t._("Average score by year and by round")
    elif seen:
        title = t._("Average score by year")
    else:
        title = t._("Average score by round")
    return TimeChart(
        title=title,
        x_label=t._("Year"),
        y_label=t._("Average score"),
        series=series,
        cutoff=_cutoff(req),
        cutoff_label=t._("Re-contract cutoff"),
        points=tuple(points_),
        shown=shown,
    )
