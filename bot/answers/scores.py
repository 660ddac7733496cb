"""Individual scores: a service's score and its history, the highest, the lowest, a rank.

The seed disclosure publishes no individual scores, only the round's average.  Then the
reply says exactly that (answered: false) and gives what is known; when scores exist,
they are ranked on their raw values and shown at their published precision.  With many
rounds loaded, "highest" ranks the asked round, a year's rounds, or every round ("ever"),
among the scores that were published — and says which rounds published none.  Services
with the same score share a place: a tie is never broken by the order of a page.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace

from bot.answers import areas, bands, handles, tally
from bot.answers.base import (
    Coverage,
    Draft,
    Reply,
    Request,
    Target,
    ask,
    average,
    below_cutoff_scored,
    coverage,
    difference,
    entity,
    evaluated_count,
    gap,
    points,
    report_note,
    round_name,
    score,
    score_coverage,
    scored_rounds_line,
    scores_settle,
    service_name,
    suggestions,
    target,
    unshadowed,
    value,
)
from bot.answers.cutoff import threshold_words
from bot.answers.known import not_loaded, reports_about
from bot.answers.rounds import round_title
from bot.answers.services import which_service
from bot.i18n import Translator
from bot.understand.entities import Threshold
from knowledge.model import DEFAULT_CUTOFF as CUTOFF_75
from knowledge.model import Evaluation, Scope, StoredRound
from knowledge.names import service_key


def _covered_scores(req: Request) -> tuple[Coverage, list[Evaluation], Draft] | Reply:
    """The published scores of the rounds the question covers and the answer's draft (which
    says first why the scope is not the newest round, when it is not), or the reply saying
    why there are none (round not loaded, scores not published)."""
    cov, note = score_coverage(req)
    draft = Draft(req)
    if note:
        draft.add(note, *(r.document_id for r in cov.rounds[-1:]))
    if cov.kind == "round":
        where = target(req, whole_year=False)
        if where.round is None:
            return not_loaded(req, where, offer=("average",))
        scored = _scored(req, cov.rounds)
        return (cov, scored, draft) if scored else _not_published(req, where, where.round)
    if not cov.rounds:
        if cov.kind == "year" and cov.year is not None:
            return not_loaded(req, Target(cov.year, None, True), offer=("average",))
        return not_loaded(req, Target(None, None, True))
    scored = _scored(req, cov.rounds)
    return (cov, scored, draft) if scored else _none_published(req, cov)


def _scored(req: Request, rounds: tuple[StoredRound, ...]) -> list[Evaluation]:
    return [e for r in rounds for e in req.q.evaluations(r.year, r.round_no) if e.score is not None]


def _none_published(req: Request, cov: Coverage) -> Reply:
    draft = Draft(req)
    draft.add(
        req.t._(
            "Individual scores of {scope} were not published, so there is no ranking.",
            scope=cov.label,
        ),
        *(r.document_id for r in cov.rounds),
    )
    return draft.reply(answered=False, suggestions=suggestions(req, "average", "below_cutoff"))


def _not_published(
    req: Request, where: Target, rnd: StoredRound, service_label: str | None = None
) -> Reply:
    t, draft = req.t, Draft(req)
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
                n=evaluated_count(req, rnd),
                average=points(t, rnd.average_score, rnd.average_precision),
            )
        )
    if rnd.below_cutoff_count == 0:
        draft.add(
            t._("No service scored below the {cutoff}-point cutoff.", cutoff=t.num(rnd.cutoff))
        )
    elif service_label and _at_or_above_cutoff(req, rnd):
        draft.add(
            t._(
                "The page published the scores of the services below the {cutoff}-point "
                "cutoff, and it is not among them: it scored {cutoff} or more.",
                cutoff=t.num(rnd.cutoff),
            )
        )
    elif service_label and _named_below(req, rnd, service_label):
        draft.add(
            t._(
                "The page names it among the services below the {cutoff}-point cutoff.",
                cutoff=t.num(rnd.cutoff),
            )
        )
    return draft.reply(answered=False, suggestions=suggestions(req, "average", "below_cutoff"))


def _at_or_above_cutoff(req: Request, rnd: StoredRound) -> bool:
    """Whether the round published a score for every service under its cutoff (and only
    some scores): then a service without a published score scored the cutoff or more."""
    evaluations = req.q.evaluations(rnd.year, rnd.round_no)
    scored = [v for v in evaluations if v.score is not None]
    return 0 < len(scored) < len(evaluations) and below_cutoff_scored(rnd, scored)


def _named_below(req: Request, rnd: StoredRound, label: str) -> bool:
    """Whether the round's results name the service (shown as ``label``) below the cutoff."""
    keys = {service_key(n) for n in rnd.below_cutoff_names}
    for e in req.q.evaluations(rnd.year, rnd.round_no):
        if label in (e.service.name_ko, e.service.name_en, req.q.published_name(e)):
            return bool(
                keys & {service_key(e.service.name_ko), service_key(req.q.published_name(e))}
            )
    return False


def _ranked(scored: list[Evaluation]) -> list[Evaluation]:
    """Best first; equal scores keep their published order (and share a place)."""
    return sorted(scored, key=lambda e: -score(e))


def places(ranked: list[Evaluation]) -> list[int]:
    """Standard competition ranking: 90, 85, 85, 80 -> 1, 2, 2, 4."""
    out: list[int] = []
    for i, e in enumerate(ranked):
        out.append(out[-1] if i and e.score == ranked[i - 1].score else i + 1)
    return out


def _name(req: Request, e: Evaluation) -> str:
    """The service as the round's page named it (its curated English name in English)."""
    if req.lang == "en" and e.service.name_en:
        return e.service.name_en
    return req.q.published_name(e)


def _score_line(req: Request, e: Evaluation, cov: Coverage | None = None) -> str:
    """ "name: 80.00 points", with the round when the ranking spans several rounds."""
    line = req.t._(
        "{name}: {score}", name=_name(req, e), score=points(req.t, score(e), e.score_precision)
    )
    if cov is not None and cov.kind != "round":
        line = req.t._("{line} ({round})", line=line, round=round_name(req.t, e.year, e.round_no))
    return line


def _scope_title(req: Request, cov: Coverage) -> str:
    rnd = cov.single
    if rnd is not None:
        return round_title(req, Target(rnd.year, rnd.round_no, cov.named, rnd))
    return cov.label


@handles("highest")
def highest(req: Request) -> Reply:
    return _one_end(req, True, lambda scope: req.t._("Highest score in {round}:", round=scope))


@handles("lowest")
def lowest(req: Request) -> Reply:
    return _one_end(req, False, lambda scope: req.t._("Lowest score in {round}:", round=scope))


def _one_end(req: Request, top: bool, heading: Callable[[str], str]) -> Reply:
    """The service(s) at one end of the ranking — every one that ties for it; both ends
    and the gap between them when the question asks for both ("최고점이랑 최저점 차이")."""
    e = req.entities
    yearly = "whole_year" in (e.compare, e.reference) and not e.has_scope
    if "average" in e.metrics and yearly and e.service is None:
        from bot.answers import HANDLERS

        return HANDLERS["year_series"](req)  # "which year's average was the lowest?"
    if "average" in e.metrics and e.service is None and not entity(req, "band"):
        return _round_by_average(req, top)
    two = _two_rounds(req)
    if two is not None and not {"highest", "lowest"} <= e.metrics:
        return _ends_of_two_rounds(req, top, two)
    found = _covered_scores(req)
    if isinstance(found, Reply):
        return found
    cov, scored, draft = found
    both = {"highest", "lowest"} <= e.metrics
    partial = _partial(req, cov, scored)
    if partial is not None:
        evaluations = req.q.evaluations(partial.year, partial.round_no)
        if e.threshold is not None and not both:
            known = scores_settle(partial, evaluations, scored, e.threshold)
        else:
            known = not top and not both and below_cutoff_scored(partial, scored)
            known = known or (not both and _end_banded(req, partial, scored, top))
            known = known or (top and not both and _top_stated(req, partial, scored))
        if not known:
            return _partly_published(req, partial, scored)
    threshold = e.threshold
    if threshold is not None and not both:  # "the lowest score above 75", "closest miss"
        return _end_within(req, cov, scored, threshold, top, draft)
    values = [score(v) for v in scored]
    ends = (
        ((True, max(values)), (False, min(values)))
        if both
        else ((top, max(values) if top else min(values)),)
    )
    for is_top, end in ends:
        title = _scope_title(req, cov)
        if both:
            title_line = (
                req.t._("Highest score in {round}:", round=title)
                if is_top
                else req.t._("Lowest score in {round}:", round=title)
            )
        else:
            title_line = heading(title)
        draft.add(title_line, *(r.document_id for r in cov.rounds))
        for v in scored:
            if v.score == end:
                draft.add(_score_line(req, v, cov))
    if both:
        high = next(v for v in scored if v.score == max(values))
        low = next(v for v in scored if v.score == min(values))
        draft.add(_gap_line(req, high, low))
    if partial is not None:  # the lowest, when every score under the cutoff was published
        draft.add(_partial_line(req, partial, scored))
    _unscored_note(req, cov, draft)
    return draft.reply(suggestions=suggestions(req, "rank", "average"))


def _end_within(
    req: Request,
    cov: Coverage,
    scored: list[Evaluation],
    threshold: Threshold,
    top: bool,
    draft: Draft,
) -> Reply:
    """The highest/lowest among the scores on the asked side of a threshold ("passed with
    the smallest margin above 75" = the lowest score at or above it), with the margin."""
    t = req.t
    words = threshold_words(t, threshold)
    kept = [v for v in scored if threshold.admits(score(v))]
    title = _scope_title(req, cov)
    if not kept:
        draft.add(
            t._("No published score in {scope} is {words}.", scope=title, words=words),
            *(r.document_id for r in cov.rounds),
        )
        _unscored_note(req, cov, draft)
        return draft.reply(suggestions=suggestions(req, "rank", "below_cutoff"))
    end = max(score(v) for v in kept) if top else min(score(v) for v in kept)
    draft.add(
        t._("Highest score {words} in {round}:", words=words, round=title)
        if top
        else t._("Lowest score {words} in {round}:", words=words, round=title),
        *(r.document_id for r in cov.rounds),
    )
    precision = 0 if threshold.value == int(threshold.value) else 1
    tied = [v for v in kept if v.score == end]
    for v in tied:  # a tie is never broken by the order of a page
        draft.add(_score_line(req, v, cov))
    v = tied[0]
    shown_score = t.num(score(v), v.score_precision)
    shown_cut = t.num(threshold.value, precision)
    if score(v) >= threshold.value:
        diff, places_ = difference(score(v), v.score_precision, threshold.value, precision)
        a, b = shown_score, shown_cut
    else:
        diff, places_ = difference(threshold.value, precision, score(v), v.score_precision)
        a, b = shown_cut, shown_score
    draft.add(
        t._(
            "Margin to {value}: {a} − {b} = {diff}.",
            value=shown_cut,
            a=a,
            b=b,
            diff=points(t, diff, places_),
        )
    )
    _unscored_note(req, cov, draft)
    return draft.reply(suggestions=suggestions(req, "rank", "below_cutoff"))


def _two_rounds(req: Request) -> tuple[StoredRound, StoredRound] | None:
    """ "2024년 2차 1등이랑 2026년 3차 1등 점수 차이": two loaded rounds named against each
    other (a round and a compared round), no service named."""
    e = req.entities
    if e.compare != "round" or e.compare_round is None or e.round_no is None or e.service:
        return None
    first = req.q.get_round(e.year or (req.newest.year if req.newest else 0), e.round_no)
    second = req.q.get_round(e.compare_year or e.year or 0, e.compare_round)
    if first is None or second is None or first == second:
        return None
    return (
        (second, first)
        if (second.year, second.round_no) < (first.year, first.round_no)
        else (
            first,
            second,
        )
    )


def _round_end(req: Request, rnd: StoredRound, top: bool) -> list[Evaluation] | None:
    """The services at one end of one round (ties kept), or None when its published
    scores do not settle that end (only some published, no stated top or band)."""
    scored = [v for v in req.q.evaluations(rnd.year, rnd.round_no) if v.score is not None]
    if not scored:
        return None
    if len(scored) < evaluated_count(req, rnd):
        settled = _end_banded(req, rnd, scored, top)
        settled = settled or (
            _top_stated(req, rnd, scored) if top else below_cutoff_scored(rnd, scored)
        )
        if not settled:
            return None
    end = max(score(v) for v in scored) if top else min(score(v) for v in scored)
    return [v for v in scored if score(v) == end]


def _ends_of_two_rounds(req: Request, top: bool, pair: tuple[StoredRound, StoredRound]) -> Reply:
    """Each round's top (or bottom) service and score, then the gap between the two ends
    with its arithmetic; a round whose scores do not settle its end says so."""
    t, draft = req.t, Draft(req)
    ends = []
    for rnd in pair:
        tied = _round_end(req, rnd, top)
        if tied is None:
            scored = [v for v in req.q.evaluations(rnd.year, rnd.round_no) if v.score is not None]
            return _partly_published(req, rnd, scored)
        name = round_name(t, rnd.year, rnd.round_no)
        title = (
            t._("Highest score in {round}:", round=name)
            if top
            else t._("Lowest score in {round}:", round=name)
        )
        draft.add(title, rnd.document_id)
        for v in tied:
            draft.add(_score_line(req, v))
        ends.append(tied[0])
    high, low = sorted(ends, key=score, reverse=True)
    draft.add(_gap_line(req, high, low))
    return draft.reply(suggestions=suggestions(req, "rank", "average"))


def _top_stated(req: Request, rnd: StoredRound, scored: list[Evaluation]) -> bool:
    """Whether the page states its top score ("가장 높은 점수를 받은 사무는 서울 핀테크랩
    (86.40점)") and the best published score is that one: the highest is then known
    although only some scores were published."""
    stated = req.q.figure("top_score", Scope.round(rnd.year, rnd.round_no))
    if stated is None or stated.figure.value is None or not scored:
        return False
    return max(score(v) for v in scored) == float(stated.figure.value)


def _end_banded(req: Request, rnd: StoredRound, scored: list[Evaluation], top: bool) -> bool:
    """Whether the round's published score bands settle one end although only some scores
    were published: its top band ("90점 이상 1개") holds as many services as published
    scores fall in it (so the best published score is the best of all); likewise the
    bottom band for the lowest."""
    for f in req.q.figures(scope=Scope.round(rnd.year, rnd.round_no)):
        band = bands.edges(f.figure.metric)
        if band is None or not f.figure.value or (band[1] != math.inf if top else band[0] != 0):
            continue
        inside = [v for v in scored if band[0] <= score(v) < band[1]]
        if len(inside) == int(f.figure.value):
            return True
    return False


def _partial_line(req: Request, rnd: StoredRound, scored: list[Evaluation]) -> str:
    """What a round that published only some scores says of the rest."""
    total = evaluated_count(req, rnd)
    # a page may add its best score to the ones under the cutoff: then the generic line
    if below_cutoff_scored(rnd, scored) and len(scored) == rnd.below_cutoff_count:
        return req.t._(
            "The page published the scores of the {n} services below the {cutoff}-point "
            "cutoff only; the other {rest} scored {cutoff} or more.",
            n=len(scored),
            cutoff=req.t.num(rnd.cutoff),
            rest=total - len(scored),
        )
    return req.t._(
        "{round} published the scores of only {n} of its {total} services.",
        round=round_name(req.t, rnd.year, rnd.round_no),
        n=len(scored),
        total=total,
    )


def _partial(req: Request, cov: Coverage, scored: list[Evaluation]) -> StoredRound | None:
    """The asked round when it published the scores of only some of its services."""
    rnd = cov.single
    if rnd is None or cov.kind != "round":
        return None
    return rnd if len(scored) < evaluated_count(req, rnd) else None


def _partly_published(req: Request, rnd: StoredRound, scored: list[Evaluation]) -> Reply:
    """A round that published only some scores (those under the cutoff, say): the top,
    a ranking or the best−worst gap is not known; what was published is listed."""
    t, draft = req.t, Draft(req)
    draft.add(
        t._(
            "{round} published the scores of only {n} of its {total} services, so the "
            "highest score and a full ranking are not known.",
            round=round_name(t, rnd.year, rnd.round_no),
            n=len(scored),
            total=evaluated_count(req, rnd),
        ),
        rnd.document_id,
    )
    draft.add(t._("Published scores:"))
    for v in _ranked(scored):
        draft.add(_score_line(req, v))
    if rnd.average_score is not None:
        draft.add(
            t._(
                "What was published is the average of the {n} services: {average}.",
                n=evaluated_count(req, rnd),
                average=points(t, rnd.average_score, rnd.average_precision),
            )
        )
    return draft.reply(answered=False, suggestions=suggestions(req, "average", "below_cutoff"))


def _gap_line(req: Request, high: Evaluation, low: Evaluation) -> str:
    """ "Difference: 85.15 − 68.90 = 16.25 points" on the published values."""
    t = req.t
    diff, precision = difference(score(high), high.score_precision, score(low), low.score_precision)
    return t._(
        "Difference: {a} − {b} = {diff}.",
        a=t.num(score(high), high.score_precision),
        b=t.num(score(low), low.score_precision),
        diff=points(t, diff, precision),
    )


def _round_by_average(req: Request, top: bool) -> Reply:
    """ "Which round had the highest/lowest average?": the rounds of the named year (or
    span), every loaded round when none is named, ranked by their published averages."""
    t, e = req.t, req.entities
    if e.round_no is not None or e.year is not None or e.year_span is not None:
        cov = coverage(req)
        rounds: tuple[StoredRound, ...] = cov.rounds
        label = cov.label
    else:
        rounds, label = tuple(req.q.rounds()), t._("all loaded rounds")
    averaged = [r for r in rounds if r.average_score is not None]
    if len(averaged) < 2 or (e.round_no is not None):
        return _one_round_average(req, rounds)
    end = max(average(r) for r in averaged) if top else min(average(r) for r in averaged)
    draft = Draft(req)
    draft.add(
        t._("Highest round average in {scope}:", scope=label)
        if top
        else t._("Lowest round average in {scope}:", scope=label),
        *(r.document_id for r in averaged if average(r) == end),
    )
    for r in averaged:
        if average(r) == end:  # the value compared, as ranked (a page's figure or the round's)
            draft.add(
                t._(
                    "{name}: {score}",
                    name=round_name(t, r.year, r.round_no),
                    score=points(t, average(r), r.average_precision),
                )
            )
    ranked = sorted(averaged, key=lambda r: -average(r) if top else average(r))
    draft.add(
        t._(
            "All round averages: {list}.",
            list=t.join(
                [
                    t._(
                        "{round}: {value}",
                        round=round_name(t, r.year, r.round_no),
                        value=points(t, average(r), r.average_precision),
                    )
                    for r in ranked
                ]
            ),
        )
    )
    return draft.reply(suggestions=suggestions(req, "average"))


def _one_round_average(req: Request, rounds: tuple[StoredRound, ...]) -> Reply:
    """One round (or none with an average) in scope: there is nothing to rank; its average."""
    t, draft = req.t, Draft(req)
    for r in rounds:
        if r.average_score is not None:
            draft.add(
                t._(
                    "{name}: {score}",
                    name=round_name(t, r.year, r.round_no),
                    score=points(t, average(r), r.average_precision),
                ),
                r.document_id,
            )
    if not draft.lines:
        return not_loaded(req, target(req, whole_year=False), offer=("average",))
    return draft.reply(suggestions=suggestions(req, "average"))


def _unscored_note(req: Request, cov: Coverage, draft: Draft) -> None:
    """Which rounds the answer's scores come from, when it covers several: every round
    that published scores, or the rounds of a year that did not (left out)."""
    if cov.kind == "round":
        return
    if cov.kind == "all":
        line = scored_rounds_line(req, cov)
        if line:
            draft.add(line)
        return
    silent = [
        round_name(req.t, r.year, r.round_no)
        for r in cov.rounds
        if not any(e.score is not None for e in req.q.evaluations(r.year, r.round_no))
    ]
    if silent:
        draft.add(
            req.t._(
                "Individual scores were not published for {rounds}; they are not ranked.",
                rounds=req.t.join(silent),
            )
        )


@handles("rank")
def rank(req: Request) -> Reply:
    """The ranking of a round (or a year, or all rounds); of one service when it names one."""
    if req.entities.service is not None:
        return service_rank(req, req.entities.service)
    found = _covered_scores(req)
    if isinstance(found, Reply):
        return found
    cov, scored, draft = found
    partial = _partial(req, cov, scored)
    if partial is not None:
        return _partly_published(req, partial, scored)
    ranked = _ranked(scored)
    draft.add(
        req.t._("Ranking of {round}:", round=_scope_title(req, cov)),
        *(r.document_id for r in cov.rounds),
    )
    placed = list(zip(places(ranked), ranked, strict=True))
    if tally.order_asked(req.question) == "low":
        placed.reverse()  # "점수 낮은 곳 순서대로": from the bottom, each keeping its place
    for place, e in placed:
        draft.add(req.t._("{rank}. {line}", rank=place, line=_score_line(req, e, cov)))
    _unscored_note(req, cov, draft)
    return draft.reply()


def service_rank(req: Request, service_id: int) -> Reply:
    """Where one service stands among the published scores of its round (the asked one,
    else its newest)."""
    service = req.q.service(service_id)
    found = _evaluation_in_scope(req, service_id)
    if isinstance(found, Reply):
        return found
    evaluation, where, rnd = found
    if evaluation.score is None or service is None:
        return _not_published(req, where, rnd, _name(req, evaluation))
    ranked = _ranked(_scored(req, (rnd,)))
    place = places(ranked)[ranked.index(evaluation)]
    draft = Draft(req)
    draft.add(
        req.t._(
            "{service} ranked {rank} of {total} in {round}, with {score}.",
            service=_name(req, evaluation),
            rank=place,
            total=len(ranked),
            round=round_title(req, where),
            score=points(req.t, score(evaluation), evaluation.score_precision),
        ),
        evaluation.document_id,
    )
    if score(evaluation) < rnd.cutoff:  # "공익활동지원센터는 어떻게 됨?": what the rank means
        draft.add(
            req.t._(
                "Below the {cutoff}-point cutoff: its contractor is excluded from "
                "re-contracting, and a new one is sought through an open call.",
                cutoff=req.t.num(rnd.cutoff),
            )
        )
    return draft.reply(suggestions=tuple(s for s in (ask(req, "findings", service),) if s))


def _evaluation_in_scope(
    req: Request, service_id: int
) -> tuple[Evaluation, Target, StoredRound] | Reply:
    """The service's evaluation in the asked round or year (its newest one otherwise), or
    the reply saying it has none there."""
    e = req.entities
    evaluations = req.q.evaluations_of_service(service_id)
    if e.round_no is not None or e.year is not None:
        where = target(req, whole_year=False)
        if e.round_no is None:  # a year: the service's evaluation(s) in that year
            wanted = [v for v in evaluations if v.year == e.year]
        else:
            wanted = [
                v for v in evaluations if (v.year, v.round_no) == (where.year, where.round_no)
            ]
        if not wanted:
            return _not_in_scope(req, service_id, where, evaluations)
        evaluations = wanted
    latest = evaluations[-1] if evaluations else None
    rnd = req.q.get_round(latest.year, latest.round_no) if latest is not None else None
    if latest is None or rnd is None:
        return not_loaded(req, target(req, whole_year=False))
    return latest, Target(latest.year, latest.round_no, True, rnd), rnd


def _not_in_scope(
    req: Request, service_id: int, where: Target, evaluations: list[Evaluation]
) -> Reply:
    """The service was not evaluated in the asked round or year: say when it was."""
    service = req.q.service(service_id)
    if where.round is None and req.entities.round_no is not None:
        return not_loaded(req, where)
    draft = Draft(req)
    if where.year is not None and where.round_no is not None and req.entities.round_no:
        scope = round_name(req.t, where.year, where.round_no)
    else:
        scope = req.t._("{year} (whole year)", year=req.entities.year)
    draft.add(
        req.t._(
            "{service} was not evaluated in {scope}.",
            service=service_name(req.t, service) if service else "",
            scope=scope,
        )
    )
    if evaluations:
        rounds = [round_name(req.t, v.year, v.round_no) for v in evaluations]
        draft.add(
            req.t._("It was evaluated in {rounds}.", rounds=req.t.join(rounds)),
            *(v.document_id for v in evaluations),
        )
    return draft.reply(answered=False)


@handles("service_score")
def service_score(req: Request) -> Reply:
    """One service's score in the named round; with no round named, its score in every
    round it was evaluated in (its history), newest last.  Two services compared: both
    scores and the gap; "next/previous evaluation": that one."""
    if len(req.entities.services) == 1:
        from bot.answers.findings import amounts_across

        # "How old was the incinerator in 2023 versus 2026?": an amount its findings state
        stated = amounts_across(req, req.entities.services[0])
        if stated is not None:
            return stated
    e = req.entities
    if e.service is None:
        return which_service(req, "service_score")
    if len(e.services) == 1 and areas.asked_area(req.question) is not None:
        scored = areas.answer(req)  # "X 만족도 점수 만점 대비 몇 퍼센트야?": one area's score
        if scored is not None:
            return scored
        from bot.answers import HANDLERS

        # the round asked published no scores by area: said so, never the total instead
        return HANDLERS["not_published"](replace(req, entities=replace(e, what="area_scores")))
    if "rank" in e.metrics:
        return service_rank(req, e.service)
    service = req.q.service(e.service)
    if service is None:
        return which_service(req, "service_score")
    how = entity(req, "how")
    compared = how in ("gap", "versus") or (
        e.compare and how is None and "history" not in e.metrics
    )
    if len(e.services) > 1 and compared:
        return services_gap(req, e.services[0], e.services[1])
    if entity(req, "reference") in _NEIGHBOURS:  # "그 다음 평가에선 몇 점?"
        return _neighbour_evaluation(req, e.service, entity(req, "reference"))
    history = req.q.evaluations_of_service(e.service)
    each = tally.said(req.question, "each_evaluation") and len(history) > 1
    if each and len(e.services) == 1 and (e.threshold is not None or e.score is not None):
        # "두 번 다 75점 넘었어?": each evaluation against the line, not how many there were
        from bot.answers import HANDLERS

        return HANDLERS["yes_no"](replace(req, entities=replace(e, how="yes_no")))
    asks_history = "history" in e.metrics or entity(req, "how") == "trend"
    if e.round_no is None and e.year is None and (len(history) > 1 or asks_history):
        record = service_record(req, e.service)  # "평가 이력 정리해줘": findings too
        return record if record is not None else service_history(req, e.service)
    years = {v.year for v in history}
    if e.compare == "year" and {e.year, e.compare_year} <= years and len(history) > 1:
        return service_history(req, e.service)  # "23년이랑 25년 점수 비교": both evaluations
    found = _evaluation_in_scope(req, e.service)
    if isinstance(found, Reply):
        return found
    evaluation, where, rnd = found
    if evaluation.score is None:
        return _not_published(req, where, rnd, service_name(req.t, service))
    draft = Draft(req)
    draft.add(
        req.t._(
            "{service} scored {score} in {round}.",
            service=_name(req, evaluation),
            score=points(req.t, score(evaluation), evaluation.score_precision),
            round=round_title(req, where),
        ),
        evaluation.document_id,
    )
    _since_before(req, evaluation, history, draft)
    if score(evaluation) < rnd.cutoff and tally.said(req.question, "renewal_ahead"):
        _exclusion_rule(req, rnd, draft)
    shortfall = tally.said(req.question, "shortfall")  # "75점에서 몇 점 부족했어?"
    if (
        entity(req, "how") == "gap" or shortfall
    ):  # "75점보다 얼마나 높아?", "by how much did it miss the cutoff?"
        reference = entity(req, "reference")
        versus: float | None = None
        versus_precision = 0
        if e.score is not None:
            versus = e.score
        elif e.threshold is not None:
            versus = e.threshold.value
        elif reference == "cutoff" or shortfall:
            versus = rnd.cutoff
        elif (reference == "average" or "average" in e.metrics) and (
            rnd.average_score is not None
        ):  # "how far above that round's average is it?"
            versus, versus_precision = rnd.average_score, rnd.average_precision
        if versus is not None:
            a, b = (score(evaluation), evaluation.score_precision), (versus, versus_precision)
            if shortfall and a[0] < b[0]:  # "몇 점 부족?": the shortfall, a positive figure
                a, b = b, a
            diff, precision = difference(*a, *b)
            draft.add(
                req.t._(
                    "Difference from {versus}: {a} − {b} = {diff}.",
                    versus=points(req.t, versus, versus_precision),
                    a=req.t.num(*a),
                    b=req.t.num(*b),
                    diff=req.t.num(diff, precision),
                ),
                rnd.document_id,
            )
    offer = ask(req, "findings", service)
    return draft.reply(suggestions=(offer,) if offer else ())


def _exclusion_rule(req: Request, rnd: StoredRound, draft: Draft) -> None:
    """ "그럼 재계약 할 수 있어?" of a service under the cutoff: what the page says happens
    then (재계약 배제, 공개모집), from its round or the newest round publishing it."""
    from bot.answers.yesno.score import exclusion_rule

    lines, page = exclusion_rule(req, rnd)
    for line in lines:
        draft.add(line, page)


#: ``reference`` values that pick a service's evaluation relative to the asked round.
_NEIGHBOURS = ("next", "previous")


def _neighbour_evaluation(req: Request, service_id: int, which: str) -> Reply:
    """The service's evaluation after (or before) the asked round — "and at its next
    evaluation?" after a question about one round — its score, or that there is none."""
    e, t = req.entities, req.t
    history = req.q.evaluations_of_service(service_id)
    if e.year is None:
        return service_history(req, service_id)
    here = (e.year, e.round_no if e.round_no is not None else 99 if which == "next" else 0)
    if which == "next":
        found = next((v for v in history if (v.year, v.round_no) > here), None)
    else:
        found = next((v for v in reversed(history) if (v.year, v.round_no) < here), None)
    if found is None:
        draft = Draft(req)
        service = req.q.service(service_id)
        name = service_name(t, service) if service else ""
        draft.add(
            t._("{service} has no later evaluation in the knowledge base.", service=name)
            if which == "next"
            else t._("{service} has no earlier evaluation in the knowledge base.", service=name)
        )
        draft.add(
            t._(
                "It was evaluated in {rounds}.",
                rounds=t.join([round_name(t, v.year, v.round_no) for v in history]),
            ),
            *(v.document_id for v in history),
        )
        return draft.reply(answered=False)
    rnd = req.q.get_round(found.year, found.round_no)
    where = Target(found.year, found.round_no, True, rnd)
    if found.score is None or rnd is None:
        return _not_published(req, where, rnd, _name(req, found)) if rnd else not_loaded(req, where)
    draft = Draft(req)
    draft.add(
        t._(
            "{service} scored {score} in {round}.",
            service=_name(req, found),
            score=points(t, score(found), found.score_precision),
            round=round_title(req, where),
        ),
        found.document_id,
    )
    return draft.reply()


def _newest_scored(req: Request, service_id: int) -> tuple[Evaluation, Target, StoredRound] | None:
    """With no round asked, a service's newest evaluation that published its score: two
    services evaluated in different rounds ("둘이 점수 몇 점 차이?") are compared by the
    scores they have, not refused because one's newest round kept its score back.  None
    when a round is asked or no evaluation of it published a score."""
    e = req.entities
    if e.round_no is not None or e.year is not None:
        return None
    for v in reversed(req.q.evaluations_of_service(service_id)):
        rnd = req.q.get_round(v.year, v.round_no)
        if v.score is not None and rnd is not None:
            return v, Target(v.year, v.round_no, True, rnd), rnd
    return None


def _newer_unscored(req: Request, used: Evaluation, draft: Draft) -> None:
    """The service was evaluated again after the score used, in a round that published no
    individual score: said, so the older score is not taken for its newest result."""
    newest = req.q.evaluations_of_service(used.service.id)[-1]
    if (newest.year, newest.round_no) > (used.year, used.round_no) and newest.score is None:
        draft.add(
            req.t._(
                "(Its newer evaluation, {round}, published no individual score.)",
                round=round_name(req.t, newest.year, newest.round_no),
            ),
            newest.document_id,
        )


def services_gap(req: Request, first_id: int, second_id: int) -> Reply:
    """Two services' scores (in the asked round, else each one's newest evaluation) and
    the difference between them: "82.40 − 76.30 = 6.10"."""
    t, draft = req.t, Draft(req)
    picked: list[Evaluation] = []
    for service_id in (first_id, second_id):
        found = _newest_scored(req, service_id) or _evaluation_in_scope(req, service_id)
        if isinstance(found, Reply):
            return found
        evaluation, where, rnd = found
        if evaluation.score is None:
            return _not_published(req, where, rnd, _name(req, evaluation))
        picked.append(evaluation)
        draft.add(
            t._(
                "{service} scored {score} in {round}.",
                service=_name(req, evaluation),
                score=points(t, score(evaluation), evaluation.score_precision),
                round=round_name(t, evaluation.year, evaluation.round_no),
            ),
            evaluation.document_id,
        )
        _newer_unscored(req, evaluation, draft)
    a, b = picked
    diff, arithmetic = gap(t, (score(a), a.score_precision), (score(b), b.score_precision))
    values = {"first": _name(req, a), "second": _name(req, b), **arithmetic}
    if diff > 0:
        draft.add(t._("{first} scored {diff} more than {second} ({sum}).", **values))
    elif diff < 0:
        draft.add(t._("{first} scored {diff} less than {second} ({sum}).", **values))
    else:
        draft.add(t._("{first} and {second} scored the same.", **values))
    return draft.reply()


def service_history(req: Request, service_id: int) -> Reply:
    """A service evaluated several times (renamed or not): its score per round where it
    was published, the change between published scores, and each round's name for it.
    Asked whether it changed or was evaluated more than once, the answer says so first."""
    t, draft = req.t, Draft(req)
    service = req.q.service(service_id)
    if service is None:
        return which_service(req, "service_score")
    history = req.q.evaluations_of_service(service_id)
    _history_verdict(req, history, draft)
    draft.add(
        t.n_(
            "{service} was evaluated {n} time:",
            "{service} was evaluated {n} times:",
            len(history),
            service=service_name(t, service),
        )
    )
    previous: Evaluation | None = None
    for v in history:
        rnd = round_name(t, v.year, v.round_no)
        if v.score is None:
            line = t._("{round}: score not published", round=rnd)
        else:
            line = t._("{round}: {score}", round=rnd, score=points(t, v.score, v.score_precision))
            if previous is not None:
                line = _change_line(req, line, v, previous)
            previous = v
        published = req.q.published_name(v)
        if _fell_below(req, v, published):
            line = t._(
                "{line} — below the {cutoff}-point cutoff: not re-contracted",
                line=line,
                cutoff=t.num(_round_cutoff(req, v), 0),
            )
        if published != service.name_ko:  # renamed: say what that round's page called it
            line = t._("{line} (published as {name})", line=line, name=published)
        draft.add(line, v.document_id)
    offer = ask(req, "findings", service)
    # "compare it with its previous evaluation": with no earlier evaluation at all there is
    # nothing to compare (two evaluations with unpublished scores say why instead)
    change = entity(req, "how") == "trend" or req.entities.compare is not None
    answered = len(history) > 1 or not change
    return draft.reply(answered=answered, suggestions=(offer,) if offer else ())


def _round_cutoff(req: Request, v: Evaluation) -> float:
    rnd = req.q.get_round(v.year, v.round_no)
    return rnd.cutoff if rnd is not None and rnd.cutoff else CUTOFF_75


def _fell_below(req: Request, v: Evaluation, published: str) -> bool:
    """The evaluation fell under its round's cutoff: by its published score, or named
    among the round's services below it (a page may name them without scores)."""
    if v.score is not None:
        return v.score < _round_cutoff(req, v)
    rnd = req.q.get_round(v.year, v.round_no)
    return rnd is not None and published in rnd.below_cutoff_names


def _history_verdict(req: Request, history: list[Evaluation], draft: Draft) -> None:
    """The first line when the question checks the history: whether the score changed
    between the last two evaluations ("did it improve?"), or how many times it was
    evaluated ("more than once?")."""
    how, t = entity(req, "how"), req.t
    change = how == "trend" or req.entities.compare is not None
    if how == "yes_no" and not change:  # "has it been evaluated more than once?"
        if len(history) > 1:
            draft.add(t._("Yes — it was evaluated {n} times.", n=len(history)))
        else:
            draft.add(t._("No — it was evaluated once in the loaded rounds."))
        return
    if not change or len(history) < 2:
        return
    before, now = history[-2], history[-1]
    names = {
        "before": round_name(t, before.year, before.round_no),
        "now": round_name(t, now.year, now.round_no),
    }
    if before.score is None or now.score is None:
        missing = before if before.score is None else now
        draft.add(
            t._(
                "Whether its score rose between {before} and {now} cannot be told: the "
                "score of {missing} was not published.",
                missing=round_name(t, missing.year, missing.round_no),
                **names,
            )
        )
        return
    diff, arithmetic = gap(
        t, (score(now), now.score_precision), (score(before), before.score_precision)
    )
    values = {**names, **arithmetic}
    if diff > 0:
        line = t._("Its score rose by {diff} from {before} to {now} ({sum}).", **values)
    elif diff < 0:
        line = t._("Its score fell by {diff} from {before} to {now} ({sum}).", **values)
    else:
        line = t._("Its score was the same in {before} and {now}.", **values)
    draft.add(line)


def _since_before(req: Request, now: Evaluation, history: list[Evaluation], draft: Draft) -> None:
    """ "몇 점 올랐어?" about one evaluation: its change on the service's previous published
    score, with the arithmetic ("80.35 − 73.10 = 7.25")."""
    from bot.understand.parts import shared_parts

    if not shared_parts().checks["score_change"].search(req.question.lower()):
        return
    before = [
        v
        for v in history
        if v.score is not None and (v.year, v.round_no) < (now.year, now.round_no)
    ]
    if not before:
        return
    last = before[-1]
    high, low = (now, last) if score(now) >= score(last) else (last, now)
    diff, precision = difference(score(high), high.score_precision, score(low), low.score_precision)
    t = req.t
    line = t._(
        "{round}: {score}",
        round=round_name(t, last.year, last.round_no),
        score=points(t, score(last), last.score_precision),
    )
    draft.add(
        _change_line(
            req,
            t._(
                "{round}: {score}",
                round=round_name(t, now.year, now.round_no),
                score=points(t, score(now), now.score_precision),
            ),
            now,
            last,
        )
    )
    draft.add(line, last.document_id)
    a, b = t.num(score(high), high.score_precision), t.num(score(low), low.score_precision)
    draft.add(f"{a} − {b} = {t.num(diff, precision)}")


def _change_line(req: Request, line: str, now: Evaluation, before: Evaluation) -> str:
    diff, precision = difference(
        score(now), now.score_precision, score(before), before.score_precision
    )
    shown = req.t.num(abs(diff), precision)
    if diff > 0:
        return req.t._("{line} (up {diff} on its previous score)", line=line, diff=shown)
    if diff < 0:
        return req.t._("{line} (down {diff} on its previous score)", line=line, diff=shown)
    return req.t._("{line} (the same as its previous score)", line=line)


#: Width of a score band in a distribution (the city's reports count 65–70 and 70–75).
_BAND_WIDTH = 5


@handles("distribution")
def distribution(req: Request) -> Reply:
    """The published scores of a round (a year, every round) by 5-point band, from the
    lowest band holding a score to the highest, each band with its services."""
    found = _covered_scores(req)
    year = req.entities.year if req.entities.round_no is None else None
    if isinstance(found, Reply):  # no scores: a report may count the year's bands
        reported = Draft(req)
        if year is not None and _reported_bands(req, year, reported):
            return reported.reply(suggestions=suggestions(req, "below_cutoff"))
        return found
    cov, scored, draft = found
    t = req.t
    draft.add(
        t.n_(
            "Scores of {scope} by band ({n} published score):",
            "Scores of {scope} by band ({n} published scores):",
            len(scored),
            scope=_scope_title(req, cov),
        ),
        *(r.document_id for r in cov.rounds),
    )
    by_band: dict[int, list[Evaluation]] = {}
    for v in scored:
        by_band.setdefault(int(score(v) // _BAND_WIDTH) * _BAND_WIDTH, []).append(v)
    for low in range(max(by_band), min(by_band) - 1, -_BAND_WIDTH):
        members = sorted(by_band.get(low, []), key=lambda v: -score(v))
        words = t._(
            "from {low} to under {high}",
            low=points(t, low, 0),
            high=points(t, low + _BAND_WIDTH, 0),
        )
        if members:
            names = t.join([_score_line(req, v, cov) for v in members])
            line = t.n_(
                "{band}: {n} service — {names}",
                "{band}: {n} services — {names}",
                len(members),
                band=words,
                names=names,
            )
        else:
            line = t._("{band}: none", band=words)
        draft.add(line)
    partial = _partial(req, cov, scored)
    if partial is not None:  # "the other 7 scored 75 or more" (or not known)
        draft.add(_partial_line(req, partial, scored))
    _unscored_note(req, cov, draft)
    if year is not None:  # the whole year as a report counts it, beside the loaded rounds
        _reported_bands(req, year, draft)
    return draft.reply(suggestions=suggestions(req, "rank", "below_cutoff"))


def _band_words(t: Translator, low: float, high: float) -> str:
    """ "below 65", "from 65 to under 70", "at 90 or above": a band's edges in words."""
    if low <= 0:
        return t._("below {value}", value=points(t, high, 0))
    if math.isinf(high):
        return t._("at {value} or above", value=points(t, low, 0))
    return t._("from {low} to under {high}", low=points(t, low, 0), high=points(t, high, 0))


def _reported_bands(req: Request, year: int, draft: Draft) -> bool:
    """A report's band counts for the whole year ("under 65: 2, 65–70: 1, 70–75: 5"),
    labelled, and the rest at or above 75 as the report's total minus its count below the
    cutoff, the arithmetic shown.  False when no report about the year counts bands."""
    t = req.t
    reports = unshadowed(req, reports_about(req, Scope.year(year)))
    for document in dict.fromkeys(f.document_id for f in reports):
        own = [f for f in reports if f.document_id == document]
        found = {f.figure.metric: f for f in own}
        banded = bands.of_document(own)
        if not banded:
            continue
        parts = []
        for (low, high), stored in banded:
            parts.append(t._("{band}: {n}", band=_band_words(t, low, high), n=int(value(stored))))
        total, below = found.get("services_evaluated"), found.get("below_cutoff")
        if total is not None and below is not None:
            parts.append(
                t._(
                    "{band}: {total} − {below} = {n}",
                    band=t._("at {value} or above", value=points(t, CUTOFF_75, 0)),
                    total=int(value(total)),
                    below=int(value(below)),
                    n=int(value(total)) - int(value(below)),
                )
            )
        # one sentence: a reported figure is labelled wherever it is stated
        draft.add(
            t._(
                "{year} (whole year) by band: {bands} — according to {note}.",
                year=year,
                bands=t.join(parts),
                note=report_note(req, banded[0][1]),
            ),
            document,
        )
        return True
    return False


def service_record(req: Request, service_id: int) -> Reply | None:
    """ "평가 이력 정리해줘", "how many times was it evaluated and how did it go?": every
    evaluation of the service (its score, or that none was published, and whether it fell
    below the cutoff) and then what each round said of it, oldest first — not the newest
    round alone.  None unless the record is asked and the service was evaluated twice or more
    with a scope left open."""
    from bot.answers.findings import record_asked, service_findings

    e = req.entities
    if not record_asked(req, service_id):
        return None
    history = req.q.evaluations_of_service(service_id)
    scored = service_history(req, service_id)
    draft = Draft(req)
    draft.lines.extend(scored.text.splitlines())
    draft.documents.extend(s.document_id for s in scored.sources if s.document_id)
    korean = False
    for v in history:
        one = replace(req, entities=replace(e, year=v.year, round_no=v.round_no))
        korean |= service_findings(one, service_id, draft)
    if korean:
        draft.add(
            req.t._("(Findings without an English translation are shown as published, in Korean.)")
        )
    return draft.reply(suggestions=scored.suggestions)
