"""The re-contract cutoff: which services fell below it (or below another score), and the rule.

Below-threshold answers are computed from per-service scores where they were published,
and otherwise taken from the published counts — the reply says which of the two it is.
Year-level counts and newer reports follow as context when the question named no round.
"""

from __future__ import annotations

from bot.answers import handles
from bot.answers.base import (
    Draft,
    Reply,
    Request,
    Target,
    english_or_korean,
    points,
    report_note,
    scope_name,
    service_name,
    share,
    suggestions,
    target,
)
from bot.answers.known import (
    newer_reports,
    not_loaded,
    report_lines,
    reported_only,
    reports_about,
)
from bot.answers.rounds import round_title
from bot.i18n import Translator
from bot.understand.entities import Threshold
from knowledge.model import StoredFigure, StoredRound


def _threshold_words(t: Translator, threshold: Threshold) -> str:
    value = points(t, threshold.value, 0 if threshold.value == int(threshold.value) else 1)
    return {
        "below": t._("below {value}", value=value),
        "at_most": t._("at {value} or below", value=value),
        "at_least": t._("at {value} or above", value=value),
        "above": t._("above {value}", value=value),
    }[threshold.direction]


@handles("below_cutoff")
def below_cutoff(req: Request) -> Reply:
    """Services under the cutoff (or the asked threshold) in a round or a year, with share."""
    e = req.entities
    where = target(req, whole_year=True)
    newest = req.newest
    cutoff = newest.cutoff if newest else 75.0
    threshold = e.threshold or Threshold(cutoff, "below")
    if where.is_round:
        if where.round is None:
            return _reported_round(req, where)
        return _round_below(req, where, where.round, threshold)
    return _year_below(req, where, threshold)


def _reported_round(req: Request, where: Target) -> Reply:
    """A round not loaded: a report's count answers "how many", never "which"."""
    if not req.entities.metrics & {"count", "share"}:
        return not_loaded(req, where, offer=("below_cutoff",))
    metrics = ("below_cutoff", "below_cutoff_share_pct", "services_evaluated")
    return reported_only(req, where, metrics, offer=("below_cutoff",))


def _round_below(req: Request, where: Target, rnd: StoredRound, threshold: Threshold) -> Reply:
    t, draft = req.t, Draft(req)
    evaluations = req.q.evaluations(rnd.year, rnd.round_no)
    scored = [ev for ev in evaluations if ev.score is not None]
    words = _threshold_words(t, threshold)
    answered = True
    if scored:
        hits = [ev for ev in scored if threshold.admits(ev.score)]
        draft.add(
            t._(
                "{round}: {n} of {total} services ({share}) scored {words} (computed from "
                "the published scores).",
                round=round_title(req, where),
                n=len(hits),
                total=len(scored),
                share=t.pct(share(len(hits), len(scored)), 1),
                words=words,
            ),
            rnd.document_id,
        )
        for ev in hits:
            draft.add(
                t._(
                    "{name}: {score}",
                    name=service_name(t, ev.service),
                    score=points(t, ev.score, ev.score_precision),
                )
            )
    elif rnd.below_cutoff_count is not None and _covered_by_count(threshold, rnd):
        n, total = rnd.below_cutoff_count, len(evaluations) or rnd.services_evaluated or 0
        if n == 0 and threshold.value == rnd.cutoff and threshold.direction == "below":
            line = t._(
                "None of the {total} services in {round} scored below the {cutoff}-point "
                "cutoff (published count).",
                total=total,
                round=round_title(req, where),
                cutoff=t.num(rnd.cutoff),
            )
        elif n == 0:
            line = t._(
                "None of the {total} services in {round} scored {words}: none fell even "
                "below the {cutoff}-point cutoff (published count).",
                total=total,
                round=round_title(req, where),
                words=words,
                cutoff=t.num(rnd.cutoff),
            )
        else:
            line = t._(
                "{n} of the {total} services ({share}) in {round} scored below the "
                "{cutoff}-point cutoff (published count).",
                n=n,
                total=total,
                share=t.pct(share(n, max(total, n)), 1),
                round=round_title(req, where),
                cutoff=t.num(rnd.cutoff),
            )
        draft.add(line, rnd.document_id)
        if rnd.below_cutoff_names:
            draft.add(t._("They are: {names}.", names=t.join(list(rnd.below_cutoff_names))))
    else:
        answered = False
        draft.add(
            t._(
                "Individual scores of {round} were not published, so which services "
                "scored {words} is not known.",
                round=round_title(req, where),
                words=words,
            ),
            rnd.document_id,
        )
        if rnd.below_cutoff_count is not None:
            draft.add(
                t._(
                    "Published: {n} of {total} services below the {cutoff}-point cutoff.",
                    n=rnd.below_cutoff_count,
                    total=len(evaluations) or rnd.services_evaluated or 0,
                    cutoff=t.num(rnd.cutoff),
                )
            )
    _year_context(req, rnd.year, draft, skip_round=rnd.round_no)
    if not where.named:
        for_reports = [f for f in newer_reports(req, "below_cutoff")]
        _report_counts(req, for_reports, draft)
    return draft.reply(answered=answered, suggestions=suggestions(req, "cutoff_rule", "average"))


def _covered_by_count(threshold: Threshold, rnd: StoredRound) -> bool:
    """Whether the published below-cutoff count answers this threshold.

    It does for the cutoff itself; and when no service fell below the cutoff, none fell
    below any lower score either.
    """
    if threshold.direction not in ("below", "at_most"):
        return False
    if threshold.direction == "below" and threshold.value == rnd.cutoff:
        return True
    return rnd.below_cutoff_count == 0 and threshold.value < rnd.cutoff


def _year_figures(req: Request, year: int, metric: str) -> list[StoredFigure]:
    return [
        f
        for f in req.q.figures_of_year(year)
        if f.figure.metric == metric
        and f.figure.value is not None
        and not (
            f.figure.scope.round_start is not None
            and f.figure.scope.round_start == f.figure.scope.round_end
        )
    ]


def _year_context(req: Request, year: int, draft: Draft, skip_round: int | None = None) -> bool:
    """ "Across rounds 1–3 of 2023: 13 of 47 (27.7%)" from the best year-level figure."""
    counts = _year_figures(req, year, "below_cutoff")
    if not counts:
        return False
    stored = counts[0]
    f = stored.figure
    shares = [
        s for s in _year_figures(req, year, "below_cutoff_share_pct") if s.figure.scope == f.scope
    ]
    evaluated = [
        s
        for s in _year_figures(req, year, "services_evaluated")
        if s.figure.scope == f.scope and s.document_id == stored.document_id
    ]
    total = (
        f.denominator
        or next((s.figure.denominator for s in shares if s.figure.denominator), None)
        or (int(evaluated[0].figure.value) if evaluated else None)
    )
    if total:
        pct = (
            req.t.pct(shares[0].figure.value, shares[0].figure.precision)
            if shares
            else req.t.pct(share(int(f.value), total), 1)
        )
        line = req.t._(
            "{scope}: {n} of {total} services ({share}) scored below the cutoff.",
            scope=scope_name(req.t, f.scope),
            n=int(f.value),
            total=total,
            share=pct,
        )
    else:
        line = req.t._(
            "{scope}: {n} services scored below the cutoff.",
            scope=scope_name(req.t, f.scope),
            n=int(f.value),
        )
    if not stored.official:
        line = req.t._("{line} (according to {note})", line=line, note=report_note(req, stored))
    draft.add(line, stored.document_id)
    return True


def _report_counts(req: Request, found: list[StoredFigure], draft: Draft) -> None:
    for stored in found:
        f = stored.figure
        related = [s for s in req.q.figures(scope=f.scope) if s.document_id == stored.document_id]
        evaluated = next((s for s in related if s.figure.metric == "services_evaluated"), None)
        pct = next((s for s in related if s.figure.metric == "below_cutoff_share_pct"), None)
        values = {
            "scope": scope_name(req.t, f.scope),
            "n": int(f.value),
            "note": report_note(req, stored),
        }
        if evaluated is not None and pct is not None:
            line = req.t._(
                "{scope}: {n} of {total} services ({share}) below the cutoff, according to {note}.",
                total=int(evaluated.figure.value),
                share=req.t.pct(pct.figure.value, pct.figure.precision),
                **values,
            )
        else:
            line = req.t._("{scope}: {n} services below the cutoff, according to {note}.", **values)
        draft.add(line, stored.document_id)


def _year_below(req: Request, where: Target, threshold: Threshold) -> Reply:
    """A whole year: published (or reported) year counts, plus each loaded round of it."""
    t, draft = req.t, Draft(req)
    rounds = req.q.rounds_of_year(where.year)
    cutoff = rounds[-1].cutoff if rounds else (req.newest.cutoff if req.newest else 75.0)
    if not (threshold.direction == "below" and threshold.value == cutoff):
        draft.add(
            t._(
                "Individual scores for {year} were not published, so only counts below "
                "the {cutoff}-point cutoff are known.",
                year=where.year,
                cutoff=t.num(cutoff),
            )
        )
    found = _year_context(req, where.year, draft)
    if not found:
        reports = [
            f
            for f in reports_about(req, where.scope)
            if f.figure.metric in ("below_cutoff", "below_cutoff_share_pct", "services_evaluated")
        ]
        if reports:
            found = report_lines(req, reports, draft) > 0
    for rnd in rounds:
        if rnd.below_cutoff_count is not None:
            draft.add(
                t._(
                    "{round}: {n} of {total} below the cutoff.",
                    round=round_title(req, Target(rnd.year, rnd.round_no, True, rnd)),
                    n=rnd.below_cutoff_count,
                    total=len(req.q.evaluations(rnd.year, rnd.round_no))
                    or rnd.services_evaluated
                    or 0,
                ),
                rnd.document_id,
            )
            found = True
    if not found:
        return not_loaded(req, where, offer=("below_cutoff",))
    return draft.reply(suggestions=suggestions(req, "cutoff_rule", "average"))


@handles("cutoff_rule")
def cutoff_rule(req: Request) -> Reply:
    """The re-contract cutoff, what happens below it, and how results are used."""
    where = target(req, whole_year=False)
    rnd = where.round or req.newest
    if rnd is None:
        return not_loaded(req, where)
    t, draft = req.t, Draft(req)
    draft.add(
        t._(
            "The re-contract cutoff is {cutoff}: a contractor whose service scores below "
            "it is excluded from re-contracting, and a new contractor is sought through "
            "an open call.",
            cutoff=points(t, rnd.cutoff, 0),
        ),
        rnd.document_id,
    )
    usage = [english_or_korean(req, line) for line in rnd.usage]
    if usage:
        draft.add(
            t._(
                "As published for {round}:",
                round=round_title(req, Target(rnd.year, rnd.round_no, where.named, rnd)),
            )
        )
        for line in usage:
            draft.add(t._("- {line}", line=line))
    for stored in req.q.figures("cutoff"):
        if not stored.official and stored.figure.value is not None:
            draft.add(
                t._(
                    "Earlier the cutoff was {cutoff} ({scope}), according to {note}.",
                    cutoff=points(t, stored.figure.value, stored.figure.precision),
                    scope=scope_name(t, stored.figure.scope),
                    note=report_note(req, stored),
                ),
                stored.document_id,
            )
    return draft.reply(suggestions=suggestions(req, "below_cutoff", "legal_basis"))
