"""Checks of one service's place in the rounds: was it evaluated (in a round, a year,
before a year), did each or any of its evaluations hold, and a name the knowledge base does
not hold, against the round's own list."""

from __future__ import annotations

import re
from functools import cache

from bot.answers import tally
from bot.answers.base import Request, round_name, service_name, target
from bot.answers.yesno.common import Verdict, has, named_service
from bot.answers.yesno.score import service_score
from knowledge.model import Evaluation, Scope, Service


def _year_loaded(req: Request, year: int) -> bool:
    """Whether every service the year evaluated is in its loaded rounds (the year's stated
    total reached), so that a service missing from them was not evaluated that year."""
    total = req.q.figure("services_in_year", Scope.year(year))
    rounds = req.q.rounds_of_year(year)
    if total is None or total.figure.value is None or not rounds:
        return False
    loaded = sum(r.services_evaluated or len(req.q.evaluations(r.year, r.round_no)) for r in rounds)
    return loaded >= int(total.figure.value)


def about_service(req: Request) -> Verdict | None:
    """A check about a named service: evaluated (in the round or year asked, before a
    year), and its score against the cutoff — in its newest, each or any evaluation."""
    e = req.entities
    service = named_service(req)
    if service is None:
        return None
    evaluations = req.q.evaluations_of_service(service.id)
    if e.year is not None and e.round_no is None and _before_year(req.question, e.year):
        return _evaluated_before(req, service, e.year, evaluations)
    if e.year is not None or e.round_no is not None:
        where = target(req, whole_year=e.round_no is None)
        evaluations = [
            v
            for v in evaluations
            if v.year == where.year and (where.round_no is None or v.round_no == where.round_no)
        ]
    name = service_name(req.t, service)
    scorey = (
        e.threshold is not None
        or e.score is not None
        or any(has(req, c) for c in ("recontract", "score_words", "pass", "fail"))
    )
    if not evaluations:
        return _not_evaluated(req, service, scorey)
    latest = evaluations[-1]
    rnd = req.q.get_round(latest.year, latest.round_no)
    if scorey and len(evaluations) > 1 and has(req, "ever"):
        return _ever(req, name, evaluations)
    if scorey and len(evaluations) > 1 and tally.said(req.question, "each_evaluation"):
        return _each_evaluation(req, name, evaluations)
    if scorey and rnd is not None:
        return service_score(req, name, latest.score, latest.score_precision, rnd)
    # "평가를 받았나요?" asks membership; "어떤 부분을 개선하라고 평가를 받았는지" its findings
    loose = tally.said(req.question, "membership") and e.kind is None
    if has(req, "membership") or loose:
        return Verdict(
            "yes",
            (
                req.t._(
                    "{service} was one of the {n} services evaluated in {round}.",
                    service=name,
                    n=len(req.q.evaluations(latest.year, latest.round_no)),
                    round=round_name(req.t, latest.year, latest.round_no),
                ),
            ),
            (latest.document_id,),
        )
    return None


def _not_evaluated(req: Request, service: Service, scorey: bool) -> Verdict:
    """No evaluation of the service in the round or year asked: no, the round's own list
    the evidence — or not known, when only part of the year is loaded (unless those rounds
    are named with their whole lists, ``_not_in_rounds``)."""
    e = req.entities
    line = req.t._(
        "{service} has no evaluation in the knowledge base for that round or year.",
        service=service_name(req.t, service),
    )
    # "X 2026년 점수 나왔어?" with only part of 2026 loaded: not known, rather than no
    partly = e.round_no is None and e.year is not None and not _year_loaded(req, e.year)
    if partly and not scorey and e.year is not None:
        listed = _not_in_rounds(req, service, e.year)
        if listed is not None:
            return listed  # "evaluated again in 2026?": not in the rounds of 2026 loaded
    # "evaluated in the 2025 second round?" → no: the round's own list is the evidence
    rnd_asked = target(req, whole_year=False).round if e.round_no is not None else None
    shown = (rnd_asked.document_id,) if rnd_asked is not None else ()
    return Verdict("unknown" if partly else "no", (line,), shown)


def _not_in_rounds(req: Request, service: Service, year: int) -> Verdict | None:
    """ "Was X evaluated again in 2026?" with some of 2026's rounds loaded, each with its
    whole list, and X in none: no, as far as those rounds go — they are named and cited,
    with the rounds that did evaluate X."""
    rounds = req.q.rounds_of_year(year)
    complete = [
        r
        for r in rounds
        if r.services_evaluated in (None, len(req.q.evaluations(r.year, r.round_no)))
    ]
    if not rounds or len(complete) != len(rounds):
        return None
    t = req.t
    own = req.q.evaluations_of_service(service.id)
    lines = [
        t._(
            "{service} is not among the services of {rounds}, the rounds of {year} loaded.",
            service=service_name(t, service),
            rounds=t.join([round_name(t, r.year, r.round_no) for r in rounds]),
            year=year,
        )
    ]
    if own:
        lines.append(
            t._(
                "Its evaluations: {rounds}.",
                rounds=t.join([round_name(t, v.year, v.round_no) for v in own]),
            )
        )
    return Verdict("no", tuple(lines), tuple(r.document_id for r in rounds))


def _before_year(question: str, year: int) -> bool:
    """ "evaluated before 2027?", "2027년 전에도": the years before the named one are asked,
    not that year (tally.yaml ``before_year``, right beside the year)."""
    return _before_pattern(year).search(question.lower()) is not None


@cache
def _before_pattern(year: int) -> re.Pattern[str]:
    """``_before_year``'s pattern for one year, built once rather than per question."""
    short = f"{year % 100:02d}"
    said = rf"(?:{year}|['’]{short}(?!\d)|(?<!\d){short}(?=\s*년))"
    words = tally.words()["before_year"]
    ko = "|".join(re.escape(w) for w in words if not w.isascii())
    en = "|".join(re.escape(w) for w in words if w.isascii())
    return re.compile(rf"(?:{en})\s+{said}|{said}\s*년?\s*(?:{ko})")


def _evaluated_before(
    req: Request, service: Service, year: int, evaluations: list[Evaluation]
) -> Verdict:
    """The service's evaluations in loaded rounds before ``year``: yes with those rounds,
    else no (only the loaded rounds are known)."""
    t, name = req.t, service_name(req.t, service)
    earlier = [v for v in evaluations if v.year < year]
    if not earlier:
        line = t._(
            "{service} has no evaluation before {year} in the loaded rounds.",
            service=name,
            year=year,
        )
        return Verdict("no", (line,), tuple(r.document_id for r in req.q.rounds() if r.year < year))
    rounds = t.join([round_name(t, v.year, v.round_no) for v in earlier])
    line = t._("{service} was evaluated in {rounds}.", service=name, rounds=rounds)
    return Verdict("yes", (line,), tuple(dict.fromkeys(v.document_id for v in earlier)))


def _ever(req: Request, name: str, evaluations: list[Evaluation]) -> Verdict | None:
    """ "Has X ever fallen below the cutoff?": every evaluation of it, yes if any one does."""
    verdicts = []
    for v in evaluations:
        rnd = req.q.get_round(v.year, v.round_no)
        if rnd is not None:
            verdicts.append(service_score(req, name, v.score, v.score_precision, rnd))
    if not verdicts:
        return None
    held = [x for x in verdicts if x.answer == "yes"]
    if not held and any(x.answer == "unknown" for x in verdicts):
        held = [x for x in verdicts if x.answer == "unknown"]
        answer = "unknown"
    else:
        answer = "yes" if held else "no"
    shown = held or verdicts
    lines = tuple(line for x in shown for line in x.lines)
    return Verdict(answer, lines, tuple(d for x in shown for d in x.documents))


def _each_evaluation(req: Request, name: str, evaluations: list[Evaluation]) -> Verdict | None:
    """ "Did X clear 75 in both of its evaluations?": each evaluation checked on its own
    (a round with no published scores still answers when none of it fell below) — yes only
    when every one holds, no when one does not, else not known; every evaluation is shown."""
    verdicts = []
    for v in evaluations:
        rnd = req.q.get_round(v.year, v.round_no)
        if rnd is None:
            return None
        verdicts.append(service_score(req, name, v.score, v.score_precision, rnd))
    answers = {x.answer for x in verdicts}
    answer = "no" if "no" in answers else "unknown" if "unknown" in answers else "yes"
    lines = tuple(line for x in verdicts for line in x.lines)
    return Verdict(answer, lines, tuple(d for x in verdicts for d in x.documents))


def not_a_member(req: Request) -> Verdict | None:
    """ "서북권직장맘지원센터도 3차 때 평가받았어?": a name the knowledge base does not hold
    was not among the round's evaluated services — a fact the list answers (its results,
    asked for, stay unknown: that is ``unknown_service``)."""
    where = target(req, whole_year=False)
    rnd = where.round
    if rnd is None:
        return None
    evaluated = req.q.evaluations(rnd.year, rnd.round_no)
    names = req.t.join([service_name(req.t, v.service) for v in evaluated])
    line = req.t._(
        "“{name}” was not among the {n} services evaluated in {round}: {names}.",
        name=req.entities.unknown_name or "",
        n=len(evaluated),
        round=round_name(req.t, rnd.year, rnd.round_no),
        names=names,
    )
    return Verdict("no", (line,), (rnd.document_id,))
