"""Round-level facts: summary, the services evaluated, how many, legal basis, evaluator,
period and scoring scheme — each for the named round, else the newest one."""

from __future__ import annotations

from bot.answers import handles
from bot.answers.base import (
    Draft,
    Reply,
    Request,
    Target,
    english_or_korean,
    points,
    round_name,
    scope_name,
    service_name,
    suggestions,
    target,
)
from bot.answers.known import (
    figure_phrase,
    not_loaded,
    report_lines,
    reported_only,
    reports_about,
)
from knowledge.model import Scope, StoredFigure, StoredRound


def round_title(req: Request, where: Target) -> str:
    """The round's name; when the question named none, said to be the newest loaded."""
    name = round_name(req.t, where.year, where.round_no)
    if where.named:
        return name
    return req.t._("{round} (the newest round in the knowledge base)", round=name)


def _loaded(
    req: Request, offer: tuple[str, ...] = ()
) -> tuple[Target, StoredRound | None, Reply | None]:
    where = target(req, whole_year=False)
    if where.round is None:
        return where, None, not_loaded(req, where, offer=offer)
    return where, where.round, None


@handles("round_summary")
def round_summary(req: Request) -> Reply:
    """Average, services evaluated and the cutoff outcome of a round (or of a named year)."""
    e = req.entities
    if e.round_no is None and e.year is not None:
        return _year_summary(req, Target(e.year, None, True))
    where, rnd, missing = _loaded(req, offer=("round_summary", "reported_figures"))
    if missing:
        return missing
    t, draft = req.t, Draft(req)
    draft.add(
        t._(
            "{round}: {n} services evaluated, average score {average}.",
            round=round_title(req, where),
            n=len(req.q.evaluations(rnd.year, rnd.round_no)),
            average=points(t, rnd.average_score, rnd.average_precision)
            if rnd.average_score is not None
            else t._("not published"),
        ),
        rnd.document_id,
    )
    if rnd.below_cutoff_count == 0:
        draft.add(
            t._("No service scored below the {cutoff}-point cutoff.", cutoff=t.num(rnd.cutoff))
        )
    elif rnd.below_cutoff_count:
        draft.add(
            t.n_(
                "{n} service scored below the {cutoff}-point cutoff.",
                "{n} services scored below the {cutoff}-point cutoff.",
                rnd.below_cutoff_count,
                cutoff=t.num(rnd.cutoff),
            )
        )
    year_average = req.q.figure("average_score", Scope.year(rnd.year))
    if year_average is not None:
        draft.add(
            t._(
                "For all of {year}, the average was {average}.",
                year=rnd.year,
                average=points(t, year_average.figure.value, year_average.figure.precision),
            ),
            year_average.document_id,
        )
    return draft.reply(suggestions=suggestions(req, "services_list", "below_cutoff", "average"))


def _single_round(scope: Scope) -> bool:
    return scope.round_start is not None and scope.round_start == scope.round_end


def _year_summary(req: Request, where: Target) -> Reply:
    """A year: its official year-level figures and loaded rounds, then reports as context."""
    official = [
        f
        for f in req.q.figures_of_year(where.year)
        if f.official and not _single_round(f.figure.scope)
    ]
    rounds = req.q.rounds_of_year(where.year)
    if not official and not rounds:
        return not_loaded(req, where, offer=("round_summary", "reported_figures"))
    draft = Draft(req)
    by_scope: dict[Scope, list[StoredFigure]] = {}
    for f in official:  # the whole year, then spans of its rounds ("rounds 1–3")
        by_scope.setdefault(f.figure.scope, []).append(f)
    for scope, figures in by_scope.items():
        phrases = [p for p in (figure_phrase(req, f.figure) for f in figures) if p]
        if phrases:
            facts = req.t.join(phrases)
            draft.add(
                req.t._("{scope}: {facts}.", scope=scope_name(req.t, scope), facts=facts),
                *(f.document_id for f in figures),
            )
    for rnd in rounds:
        draft.add(
            req.t._(
                "{round}: {n} services evaluated, average score {average}.",
                round=round_name(req.t, rnd.year, rnd.round_no),
                n=len(req.q.evaluations(rnd.year, rnd.round_no)),
                average=points(req.t, rnd.average_score, rnd.average_precision)
                if rnd.average_score is not None
                else req.t._("not published"),
            ),
            rnd.document_id,
        )
    report_lines(req, reports_about(req, where.scope), draft)
    return draft.reply(suggestions=suggestions(req, "average", "below_cutoff"))


@handles("services_list")
def services_list(req: Request) -> Reply:
    """The services evaluated in a round, in published order."""
    where, rnd, missing = _loaded(req, offer=("services_list", "reported_figures"))
    if missing:
        return missing
    evaluations = req.q.evaluations(rnd.year, rnd.round_no)
    draft = Draft(req)
    draft.add(
        req.t.n_(
            "{round} evaluated {n} service:",
            "{round} evaluated {n} services:",
            len(evaluations),
            round=round_title(req, where),
        ),
        rnd.document_id,
    )
    for number, evaluation in enumerate(evaluations, start=1):
        draft.add(
            req.t._("{number}. {name}", number=number, name=service_name(req.t, evaluation.service))
        )
    first = evaluations[0].service if evaluations else None
    offer = [s for s in (_findings_ask(req, first),) if s]
    return draft.reply(suggestions=tuple(offer) + suggestions(req, "below_cutoff"))


def _findings_ask(req: Request, service: object):
    from bot.answers.base import ask

    return ask(req, "findings", service) if service is not None else None


@handles("count_evaluated")
def count_evaluated(req: Request) -> Reply:
    """Services evaluated in the round, and due in its year (both when known)."""
    e, t = req.entities, req.t
    if e.round_no is None and e.year is not None and not req.q.rounds_of_year(e.year):
        return _reported_count(req, Target(e.year, None, True))
    where, rnd, missing = _loaded(req, offer=("count_evaluated",))
    if missing:
        return _reported_count(req, where)
    draft = Draft(req)
    n = len(req.q.evaluations(rnd.year, rnd.round_no)) or rnd.services_evaluated or 0
    draft.add(
        t.n_(
            "{round} evaluated {n} service.",
            "{round} evaluated {n} services.",
            n,
            round=round_title(req, where),
        ),
        rnd.document_id,
    )
    if rnd.services_in_year:
        draft.add(
            t.n_(
                "In all of {year}, {n} service was due for evaluation.",
                "In all of {year}, {n} services were due for evaluation.",
                rnd.services_in_year,
                year=rnd.year,
            )
        )
    return draft.reply(suggestions=suggestions(req, "services_list", "below_cutoff"))


def _reported_count(req: Request, where: Target) -> Reply:
    return reported_only(req, where, ("services_evaluated",), offer=("count_evaluated",))


@handles("legal_basis")
def legal_basis(req: Request) -> Reply:
    """The ordinance the evaluation is carried out under."""
    where, rnd, missing = _loaded(req)
    if missing:
        return missing
    if not rnd.legal_basis:
        return _unpublished(req, where, rnd)
    draft = Draft(req)
    draft.add(
        req.t._(
            "{round} was carried out under {basis}.",
            round=round_title(req, where),
            basis=english_or_korean(req, rnd.legal_basis),
        ),
        rnd.document_id,
    )
    for line in rnd.usage:
        if "조례" in line:
            draft.add(req.t._("Use of the results: {line}", line=english_or_korean(req, line)))
    return draft.reply(suggestions=suggestions(req, "cutoff_rule", "evaluator"))


@handles("evaluator")
def evaluator(req: Request) -> Reply:
    """Who carried out the evaluation."""
    e = req.entities
    if e.round_no is None and e.year is not None and not req.q.rounds_of_year(e.year):
        return _reported_text(req, Target(e.year, None, True), "evaluator")
    where, rnd, missing = _loaded(req)
    if missing:
        return _reported_text(req, where, "evaluator")
    if not rnd.evaluator:
        return _unpublished(req, where, rnd)
    draft = Draft(req)
    draft.add(
        req.t._(
            "{round} was carried out by {evaluator}, an external specialist body.",
            round=round_title(req, where),
            evaluator=english_or_korean(req, rnd.evaluator),
        ),
        rnd.document_id,
    )
    return draft.reply(suggestions=suggestions(req, "period", "scoring_scheme"))


@handles("period")
def period(req: Request) -> Reply:
    """When the evaluation took place (months as published)."""
    where, rnd, missing = _loaded(req)
    if missing:
        return _reported_text(req, where, "period")
    if not rnd.period_start:
        return _unpublished(req, where, rnd)
    draft = Draft(req)
    draft.add(
        req.t._(
            "{round} took place from {start} to {end}.",
            round=round_title(req, where),
            start=req.t.date(rnd.period_start),
            end=req.t.date(rnd.period_end or rnd.period_start),
        ),
        rnd.document_id,
    )
    return draft.reply(suggestions=suggestions(req, "evaluator", "scoring_scheme"))


@handles("scoring_scheme")
def scoring_scheme(req: Request) -> Reply:
    """What is scored, and out of how many points."""
    where, rnd, missing = _loaded(req)
    if missing:
        return missing
    if not rnd.scoring_areas:
        return _unpublished(req, where, rnd)
    areas = req.t.join([english_or_korean(req, a) for a in rnd.scoring_areas])
    draft = Draft(req)
    if rnd.max_points:
        draft.add(
            req.t._(
                "{round} scored {areas}, {max} points in total.",
                round=round_title(req, where),
                areas=areas,
                max=rnd.max_points,
            ),
            rnd.document_id,
        )
    else:
        draft.add(req.t._("{round} scored {areas}.", round=round_title(req, where), areas=areas))
    draft.add(
        req.t._(
            "A service scoring below {cutoff} is not offered a re-contract.",
            cutoff=points(req.t, rnd.cutoff, 0),
        )
    )
    return draft.reply(suggestions=suggestions(req, "cutoff_rule", "average"))


def _unpublished(req: Request, where: Target, rnd: StoredRound) -> Reply:
    draft = Draft(req)
    draft.add(
        req.t._("The disclosure of {round} does not state this.", round=round_title(req, where)),
        rnd.document_id,
    )
    return draft.reply(answered=False)


def _reported_text(req: Request, where: Target, metric: str) -> Reply:
    """A words-only fact (evaluator, period) from a report, when no disclosure is loaded."""
    found = [f for f in reports_about(req, where.scope) if f.figure.metric == metric]
    if not found:
        return not_loaded(req, where)
    draft = Draft(req)
    draft.add(req.t._("No official disclosure for this is loaded."))
    report_lines(req, found, draft)
    return draft.reply()
