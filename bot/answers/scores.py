"""Individual scores: a service's score, the highest, the lowest, a rank.

The seed disclosure publishes no individual scores, only the round's average.  Then the
reply says exactly that (answered: false) and gives what is known; when scores exist,
they are ranked on their raw values and shown at their published precision.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.answers import handles
from bot.answers.base import (
    Draft,
    Reply,
    Request,
    Target,
    ask,
    points,
    service_name,
    suggestions,
    target,
)
from bot.answers.known import not_loaded
from bot.answers.rounds import round_title
from bot.answers.services import which_service
from knowledge.model import Evaluation


def _round_scores(req: Request) -> tuple[Target, list[Evaluation], Reply | None]:
    where = target(req, whole_year=False)
    if where.round is None:
        return where, [], not_loaded(req, where, offer=("average",))
    evaluations = req.q.evaluations(where.year, where.round_no)
    scored = [e for e in evaluations if e.score is not None]
    if not scored:
        return where, [], _not_published(req, where)
    return where, scored, None


def _not_published(req: Request, where: Target, service_label: str | None = None) -> Reply:
    rnd, t, draft = where.round, req.t, Draft(req)
    if service_label:
        draft.add(
            t._(
                "The individual score of {service} in {round} was not published.",
                service=service_label,
                round=round_title(req, where),
            ),
            rnd.document_id,
        )
    else:
        draft.add(
            t._(
                "Individual scores of {round} were not published, so there is no ranking.",
                round=round_title(req, where),
            ),
            rnd.document_id,
        )
    if rnd.average_score is not None:
        draft.add(
            t._(
                "What was published is the average of the {n} services: {average}.",
                n=len(req.q.evaluations(rnd.year, rnd.round_no)),
                average=points(t, rnd.average_score, rnd.average_precision),
            )
        )
    if rnd.below_cutoff_count == 0:
        draft.add(
            t._("No service scored below the {cutoff}-point cutoff.", cutoff=t.num(rnd.cutoff))
        )
    return draft.reply(answered=False, suggestions=suggestions(req, "average", "below_cutoff"))


def _ranked(scored: list[Evaluation]) -> list[Evaluation]:
    return sorted(scored, key=lambda e: -e.score)


def _score_line(req: Request, e: Evaluation) -> str:
    return req.t._(
        "{name}: {score}",
        name=service_name(req.t, e.service),
        score=points(req.t, e.score, e.score_precision),
    )


@handles("highest")
def highest(req: Request) -> Reply:
    return _one_end(req, 0, lambda rnd: req.t._("Highest score in {round}:", round=rnd))


@handles("lowest")
def lowest(req: Request) -> Reply:
    return _one_end(req, -1, lambda rnd: req.t._("Lowest score in {round}:", round=rnd))


def _one_end(req: Request, index: int, heading: Callable[[str], str]) -> Reply:
    """The service at one end of the ranking (0: top, -1: bottom), under its heading."""
    where, scored, missing = _round_scores(req)
    if missing:
        return missing
    draft = Draft(req)
    draft.add(heading(round_title(req, where)), where.round.document_id)
    draft.add(_score_line(req, _ranked(scored)[index]))
    return draft.reply()


@handles("rank")
def rank(req: Request) -> Reply:
    where, scored, missing = _round_scores(req)
    if missing:
        return missing
    ranked = _ranked(scored)
    draft = Draft(req)
    draft.add(
        req.t._("Ranking of {round}:", round=round_title(req, where)), where.round.document_id
    )
    for position, e in enumerate(ranked, start=1):
        draft.add(req.t._("{rank}. {line}", rank=position, line=_score_line(req, e)))
    return draft.reply()


@handles("service_score")
def service_score(req: Request) -> Reply:
    """One service's score in the named round, else in its latest evaluation."""
    e = req.entities
    if e.service is None:
        return which_service(req, "service_score")
    service = req.q.service(e.service)
    evaluations = req.q.evaluations_of_service(e.service)
    if e.round_no is not None or e.year is not None:
        where = target(req, whole_year=False)
        evaluations = [
            v for v in evaluations if (v.year, v.round_no) == (where.year, where.round_no)
        ]
    if not evaluations:
        return not_loaded(req, target(req, whole_year=False))
    latest = evaluations[-1]
    rnd = req.q.get_round(latest.year, latest.round_no)
    where = Target(latest.year, latest.round_no, True, rnd)
    if latest.score is None:
        return _not_published(req, where, service_name(req.t, service))
    draft = Draft(req)
    draft.add(
        req.t._(
            "{service} scored {score} in {round}.",
            service=service_name(req.t, service),
            score=points(req.t, latest.score, latest.score_precision),
            round=round_title(req, where),
        ),
        latest.document_id,
    )
    offer = ask(req, "findings", service)
    return draft.reply(suggestions=(offer,) if offer else ())
