"""The re-contract cutoff: which services fell below it (or below another score), and the rule.

Below-threshold answers are computed from per-service scores where they were published,
and otherwise taken from the published counts — the reply says which of the two it is.
Year-level counts and newer reports follow as context when the question named no round.
"""

from __future__ import annotations

from dataclasses import replace

from bot.answers import bands, handles, tally
from bot.answers.base import (
    Coverage,
    Draft,
    Reply,
    Request,
    Target,
    as_reported,
    asks_scores,
    coverage,
    english_or_korean,
    entity,
    less_one_asked,
    loaded_asked,
    mean_of_scores,
    points,
    report_note,
    round_name,
    scope_name,
    score,
    score_coverage,
    scored_rounds_line,
    scores_settle,
    share,
    share_sum,
    suggestions,
    target,
    unshadowed,
    value,
)
from bot.answers.known import (
    newer_reports,
    not_loaded,
    report_lines,
    reported_only,
    reports_about,
)
from bot.answers.rounds import round_title
from bot.answers.tally import said as said_of
from bot.i18n import Translator
from bot.understand.entities import Threshold
from knowledge.model import DEFAULT_CUTOFF, Evaluation, Scope, StoredFigure, StoredRound


def _threshold_words(t: Translator, threshold: Threshold, precision: int | None = None) -> str:
    if precision is None:
        precision = 0 if threshold.value == int(threshold.value) else 1
    value = points(t, threshold.value, precision)
    return {
        "below": t._("below {value}", value=value),
        "at_most": t._("at {value} or below", value=value),
        "at_least": t._("at {value} or above", value=value),
        "above": t._("above {value}", value=value),
    }[threshold.direction]


threshold_words = _threshold_words


@handles("below_cutoff")
def below_cutoff(req: Request) -> Reply:
    """Services under the cutoff (or the asked threshold, or in a score band) in a round,
    in every loaded round of a year, or in all of them — by name where a page published
    names or scores, by count where it did not.  With no scope named, a threshold the
    newest round cannot answer (no scores) is answered from the rounds that published
    scores, said first."""
    e = req.entities
    renewals = tally.renewals_not_published(req)
    if renewals is not None:  # "2023년에 재계약한 사무는 몇 개?": not the count below it
        return renewals
    reason = _reason_asked(req)
    if reason is not None:  # "why did so many more fail in 2023?": no page says why
        return reason
    rest = _rest_of_loaded(req)
    if rest is not None:  # "2023년 3차 말고 나머지 불러온 회차들은 전부 있었나요?"
        return rest
    if _names_of_a_reported_year(req):
        # "어떤 사무들이에요?" after 2024's reported count: no page names them
        return _names_not_published(req)
    if tally.passed_count_asked(req) or tally.passed_names_asked(req):
        # "how many actually passed?": evaluated − below; "떨어지지 않은 곳은 어디어디?":
        # the names of the rest, where the page says which fell below
        return tally.as_complement(req)
    band = entity(req, "band")
    if band is not None:
        low, high = float(band[0]), float(band[1])
        cov, note = score_coverage(req, lambda r: _band_known(req, r, high))
        return score_band(req, cov, (low, high), note)
    from bot.answers import HANDLERS
    from bot.answers.compute import gap_asked

    both = said_of(req.question, "any_service")  # "평균은 몇 점이고 미만인 사무도 있었어?"
    if "average" in e.metrics and both:
        return HANDLERS["yes_no"](req)
    if "average" in e.metrics and gap_asked(req) and not both:
        # "3차 평균이 기준선보다 얼마나 위에 있어?": the average's distance from the
        # cutoff, with its arithmetic — not the services below it
        return HANDLERS["gap"](req)
    several = tally.counts_over_scopes(req) if e.threshold is None else None
    if several is not None:  # "in the older period, in 2023 and in 2024": each one
        return several
    special = _era_or_versus(req)
    if special is not None:
        return special
    from bot.answers.compute import since_year  # compute's helpers sit above this module

    since = since_year(req)
    if since is not None:  # "2022년 이후 미달 비율은?": every year from it on
        from bot.answers import HANDLERS

        return HANDLERS["direction"](
            replace(since, entities=replace(since.entities, what="below_cutoff"))
        )
    moved = _count_moved(req)
    if moved is not None:
        return moved
    where = target(req, whole_year=True)
    # None: each round's own cutoff (75 today; 60 in 2021 and earlier rounds said so)
    threshold = e.threshold
    if entity(req, "reference") == "average":  # "평균보다 높은 사무"
        return _versus_average(req, where, threshold or Threshold(0.0, "above"))
    cov = coverage(req)
    if cov.kind in ("all", "recent"):  # every round, or the last N rounds
        return _rounds_below(req, cov, threshold)
    ends = e.metrics & {"highest", "lowest"}
    newest = req.newest
    at_cutoff = threshold is None or (newest is not None and own(None, newest) == threshold)
    if ends and e.metrics & {"share", "count"} and not e.has_scope and at_cutoff:
        return _years_by_share(req, "lowest" not in ends)  # "which year had the most …?"
    if where.is_round:
        if where.round is None:
            return _of_year_count(req, where, _reported_round(req, where))
        if not where.named:
            cov, note = score_coverage(req, lambda r: _answerable(req, r, own(threshold, r)))
            if cov.kind == "all":
                return _rounds_below(req, cov, threshold, note)
        found = _round_below(req, where, where.round, own(threshold, where.round))
        return _of_year_count(req, where, found)
    if e.year_span is not None:
        return _rounds_below(req, coverage(req), threshold)
    return _year_below(req, where, threshold)


def _reason_asked(req: Request) -> Reply | None:
    """ "Why did so many more fail in 2023?", "2023년에 미달이 왜 늘었어?": a reason for the
    count below the cutoff — which no published page states.  Said plainly (answered=False),
    then the figures asked about: the year's share against the year before (official or
    reported, labelled), and what a source does note about that time (the criteria raised
    in July 2022), as a note, not as the reason."""
    e = req.entities
    if not tally.said(req.question, "why") or e.services:
        return None
    year = e.year if e.year is not None else (req.newest.year if req.newest else None)
    if year is None:
        return None
    t, draft = req.t, Draft(req)
    draft.add(t._("The published results do not say why."))
    shares = [(y, tally.share_below(req, Scope.year(y))) for y in (year - 1, year)]
    for y, found in shares:
        if found is None:
            continue
        line = t._("{scope}: {value}", scope=scope_name(t, Scope.year(y)), value=found.shown)
        report = found.report or next((c.report for c in found.counts if c.report), None)
        if report is not None:  # a reported share, or one computed from reported counts
            note = report_note(req, report)
            line = t._("{line} (according to {note})", line=line, note=note)
        draft.add(line, *(c.document_id for c in found.counts))
        if report is not None:
            draft.cite(report.document_id)
    notes = [
        f
        for f in req.q.figures("cutoff_changed")
        if f.figure.text and f.figure.scope.year_start in (year - 1, year)
    ]
    for stored in notes:
        when, _, way = (stored.figure.text or "").partition(" ")
        if not when:
            continue
        line = t._(
            "The re-contract criteria were {way} in {when}, according to {note}.",
            way=t._("raised") if way == "raised" else t._("lowered"),
            when=t.date(when),
            note=report_note(req, stored),
        )
        draft.add(t._("What the sources do note about that time:"))
        draft.add(line, stored.document_id)
    return draft.reply(
        answered=False, suggestions=suggestions(req, "below_cutoff", "cutoff_history")
    )


def _of_year_count(req: Request, where: Target, reply: Reply) -> Reply:
    """ "23년 미달 13개 중에 1차에서 나온 게 몇 개고 비중은?": the question states the
    year's count below the cutoff as the whole, so the round's count is also a share of
    that count (7 / 13 = 53.8%), beside the round's own share of its services."""
    e = req.entities
    if not reply.answered or where.year is None or where.round_no is None or e.count is None:
        return reply
    if e.threshold is not None and e.threshold.value != DEFAULT_CUTOFF:
        return reply
    year = tally.count(req, Scope.year(where.year), tally.BELOW)
    part = tally.count(req, Scope.round(where.year, where.round_no), tally.BELOW)
    if year is None or part is None or year.value != e.count or not year.value:
        return reply
    t = req.t
    line = t._(
        "Of the {total} services below the cutoff in {year}, {n} came from {round}: {sum}.",
        total=year.value,
        year=where.year,
        n=part.value,
        round=round_name(t, where.year, where.round_no),
        sum=share_sum(t, part.value, year.value),
    )
    return replace(reply, text=f"{reply.text}\n{line}")


def _count_moved(req: Request) -> Reply | None:
    """ "미달 사무 개수가 몇 년 전이랑 비교해서 많아진 거예요, 적어진 거예요?": a count below
    the cutoff asked which way it moved, with no scope named — each year's own count held,
    each change computed (not the newest round's count alone)."""
    e = req.entities
    if e.has_scope or e.services or "count" not in e.metrics or "share" in e.metrics:
        return None
    if e.how == "yes_no":  # 네/아니요 is the yes/no handler's, over its own lines
        return None
    if e.threshold is not None and e.threshold.direction != "below":
        return None
    if tally.per_year(req) and e.band is None:
        # "연도별로 75점 미만 몇 개씩이었는지 정리 좀": each year's own count, not the newest
        # round's alone (reports labelled)
        return tally.yearly(req, tally.BELOW, every_year=True)
    up, down = tally.directions(req.question.lower())
    # a comparison or a trend asked, or both ways ("많아진 거예요, 적어진 거예요?"): one
    # direction word alone is no ask ("올라와 있는 회차 전부": uploaded, not risen)
    if not (up or down) or not (e.compare or e.how == "trend" or (up and down)):
        return None
    return tally.yearly(req, tally.BELOW, every_year=True)


def _era_or_versus(req: Request) -> Reply | None:
    """An earlier cutoff's time ("60점 기준이던 시절엔?"), or two scopes' counts or shares
    below the cutoff side by side ("2023년보다 늘었어?", "1차랑 3차 비율 비교") — for the
    cutoff itself only, not for another score."""

    from bot.answers import HANDLERS

    e = req.entities
    era = tally.era_versus(req) or tally.era_counts(req) or tally.rounds_together(req)
    if era is not None:
        return era
    span = e.year_span
    spans_years = span is not None and span[1] - span[0] >= 2
    if spans_years and e.year is None and e.round_no is None and "share" in e.metrics:
        # "share below the cutoff, 2022 through 2024": the yearly shares in time order
        return HANDLERS["direction"](replace(req, entities=replace(e, what="below_cutoff")))
    cutoff = req.newest.cutoff if req.newest else DEFAULT_CUTOFF
    if e.threshold is not None and e.threshold != Threshold(cutoff, "below"):
        return None
    if e.services or entity(req, "reference") == "average":
        return None
    if tally.with_eras(req):  # "over time — the older period, 2023, 2024?": eras too
        return tally.yearly(req, tally.BELOW, every_year=True) or tally.versus(req, tally.BELOW)
    return tally.listed_rounds(req, tally.BELOW) or tally.versus(req, tally.BELOW)


def own(threshold: Threshold | None, rnd: StoredRound) -> Threshold:
    """The asked threshold, or the round's own cutoff when none was asked: a cutoff is
    per round (60 points in 2021, 75 since), never one constant."""
    return threshold or Threshold(rnd.cutoff, "below")


def _cutoff_words(
    t: Translator, threshold: Threshold | None, rounds: tuple[StoredRound, ...]
) -> str:
    """The threshold in words; for "the cutoff" over rounds whose cutoffs differ, said so."""
    if threshold is not None:
        return _threshold_words(t, threshold)
    cutoffs = {r.cutoff for r in rounds}
    if len(cutoffs) == 1:
        return _threshold_words(t, Threshold(cutoffs.pop(), "below"))
    return t._("below their round's cutoff")


def _answerable(req: Request, rnd: StoredRound, threshold: Threshold) -> bool:
    """Whether the round's page says which services are on the asked side: its scores,
    or its below-cutoff count when that settles the threshold."""
    evaluations = req.q.evaluations(rnd.year, rnd.round_no)
    scored = [ev for ev in evaluations if ev.score is not None]
    if scores_settle(rnd, evaluations, scored, threshold):
        return True
    return rnd.below_cutoff_count is not None and _covered_by_count(threshold, rnd)


def _band_known(req: Request, rnd: StoredRound, high: float) -> bool:
    """Whether the round's page says which services score in a band ending at ``high``:
    its scores, or a published "none below the cutoff" when the band lies under it."""
    if any(ev.score is not None for ev in req.q.evaluations(rnd.year, rnd.round_no)):
        return True
    return rnd.below_cutoff_count == 0 and high <= rnd.cutoff


def _versus_average(req: Request, where: Target, asked: Threshold) -> Reply:
    """ "Which services scored above the round's average?": the threshold is the round's
    published average (the named round, else the newest), compared on raw values."""
    rnd = where.round if where.is_round else None
    if rnd is None and where.year is not None and not where.is_round:
        rounds = req.q.rounds_of_year(where.year)
        rnd = rounds[-1] if rounds else None
    if rnd is None:
        return not_loaded(req, where, offer=("below_cutoff",))
    shown = Target(rnd.year, rnd.round_no, where.named, rnd)
    if rnd.average_score is None:
        draft = Draft(req)
        draft.add(
            req.t._("The average of {round} was not published.", round=round_title(req, shown)),
            rnd.document_id,
        )
        return draft.reply(answered=False)
    direction = asked.direction if asked.direction in ("above", "at_least") else "below"
    if asked.direction == "at_most":
        direction = "at_most"
    threshold = Threshold(rnd.average_score, direction)
    reply = _round_below(req, shown, rnd, threshold, precision=rnd.average_precision)
    line = req.t._(
        "The average of {round} was {value}.",
        round=round_title(req, shown),
        value=points(req.t, rnd.average_score, rnd.average_precision),
    )
    return Reply(line + "\n" + reply.text, reply.answered, reply.sources, reply.suggestions)


def _reported_round(req: Request, where: Target) -> Reply:
    """A round not loaded: a report's count answers "how many", never "which"."""
    if not req.entities.metrics & {"count", "share"}:
        return not_loaded(req, where, offer=("below_cutoff",))
    metrics = ("below_cutoff", "below_cutoff_share_pct", "services_evaluated")
    reply = tally.computed_share(
        req, where, reported_only(req, where, metrics, offer=("below_cutoff",))
    )
    if not reply.answered or where.year is None or not where.is_round:
        return reply
    draft = Draft(req)
    if _year_context(req, where.year, draft):  # "연간 합산으로는?": the round's year beside it
        lines = [line for line in draft.lines if line not in reply.text]
        sources = tuple(dict.fromkeys((*reply.sources, *draft.reply().sources)))
        return Reply("\n".join([reply.text, *lines]), True, sources, reply.suggestions)
    return reply


def _round_below(
    req: Request,
    where: Target,
    rnd: StoredRound,
    threshold: Threshold,
    precision: int | None = None,
) -> Reply:
    t, draft = req.t, Draft(req)
    evaluations = req.q.evaluations(rnd.year, rnd.round_no)
    scored = [ev for ev in evaluations if ev.score is not None]
    words = _threshold_words(t, threshold, precision)
    answered = True
    if scores_settle(rnd, evaluations, scored, threshold):
        hits = [ev for ev in scored if threshold.admits(score(ev))]
        order = tally.order_asked(req.question)
        if order is not None:  # "낮은 순으로": the list in the order asked
            hits.sort(key=score, reverse=order == "high")
        draft.add(
            t._(
                "{round}: {n} of {total} services ({share}) scored {words} (computed from "
                "the published scores).",
                round=round_title(req, where),
                n=len(hits),
                total=rnd.services_evaluated or len(evaluations),
                share=t.pct(share(len(hits), rnd.services_evaluated or len(evaluations)), 1),
                words=words,
            ),
            rnd.document_id,
        )
        if len(scored) < (rnd.services_evaluated or len(evaluations)):
            draft.add(_partial_note(req, rnd, scored))
        for ev in hits:
            line = t._(
                "{name}: {score}",
                name=_published(req, ev),
                score=points(t, score(ev), ev.score_precision),
            )
            if entity(req, "how") == "gap":  # "각각 얼마나 모자랐어?": each one's distance
                line = f"{line} ({_distance(req, threshold, ev)})"
            # "이름만 알려줘": a short answer keeps the first line and the list under it
            draft.add(t._("- {line}", line=line) if req.entities.terse else line)
        _mean_of_listed(req, hits, draft)
    elif rnd.below_cutoff_count is not None and _covered_by_count(threshold, rnd):
        n, total = rnd.below_cutoff_count, rnd.services_evaluated or len(evaluations)
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
        elif n > 0:
            draft.add(t._("Their names and scores were not published."))
            answered = _asks_count(req)  # "which ones?" has no answer; "how many?" has
    elif (banded := _banded(req, rnd, threshold, words, draft)) is not None:
        answered = banded[1] or _asks_count(req)  # "80점 이상 몇 개?": the bands add up to it
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
                    total=rnd.services_evaluated or len(evaluations),
                    cutoff=t.num(rnd.cutoff),
                )
            )
    _year_context(req, rnd.year, draft, skip_round=rnd.round_no)
    if not where.named:
        for_reports = [f for f in newer_reports(req, "below_cutoff")]
        _report_counts(req, for_reports, draft)
    return draft.reply(answered=answered, suggestions=suggestions(req, "cutoff_rule", "average"))


def _banded(
    req: Request, rnd: StoredRound, threshold: Threshold, words: str, draft: Draft
) -> tuple[int, bool] | None:
    """The count on the asked side of ``threshold`` from the round's published score
    bands ("90점 이상 1개, 80~90점 7개" → 80 or above: 1 + 7 = 8), and whether the services
    are known by name too: as many published scores fall on that side as the bands count.
    None when the bands do not add up to the asked side."""
    band = bands.asked_band(threshold)
    found = bands.published(req, Scope.round(rnd.year, rnd.round_no), band) if band else []
    if not found:
        return None
    n = bands.band_line(req, found, words, draft)
    evaluations = req.q.evaluations(rnd.year, rnd.round_no)
    hits = [e for e in evaluations if e.score is not None and threshold.admits(score(e))]
    named = len(hits) == n
    for e in hits if named else ():
        draft.add(
            req.t._(
                "{name}: {score}",
                name=_published(req, e),
                score=points(req.t, score(e), e.score_precision),
            )
        )
    return n, named


def _distance(req: Request, threshold: Threshold, ev: Evaluation) -> str:
    """ "75 − 73.60 = 1.40": how far a listed score lies from the threshold it was listed by."""
    from bot.answers.base import difference

    t, at = req.t, (threshold.value, 0 if threshold.value == int(threshold.value) else 2)
    mine = (score(ev), ev.score_precision)
    high, low = (at, mine) if at[0] >= mine[0] else (mine, at)
    diff, precision = difference(high[0], high[1], low[0], low[1])
    return f"{t.num(high[0], high[1])} − {t.num(low[0], low[1])} = {t.num(diff, precision)}"


def _partial_note(req: Request, rnd: StoredRound, scored: list[Evaluation]) -> str:
    """A round that published only some scores: those under its cutoff (and maybe a few
    more), so every unscored service scored the cutoff or more."""
    total = rnd.services_evaluated or len(req.q.evaluations(rnd.year, rnd.round_no))
    values = {"n": len(scored), "cutoff": req.t.num(rnd.cutoff), "rest": total - len(scored)}
    if all(score(e) < rnd.cutoff for e in scored):
        return req.t._(
            "The page published the scores of the {n} services below the {cutoff}-point "
            "cutoff only; the other {rest} scored {cutoff} or more.",
            **values,
        )
    return req.t._(
        "The page published {n} of the {total} scores, every one below the {cutoff}-point "
        "cutoff among them; the other {rest} scored {cutoff} or more.",
        total=total,
        **values,
    )


def _mean_of_listed(req: Request, listed: list[Evaluation], draft: Draft) -> None:
    """ "Their average: (83.40 + 80.65 + 87.30) / 3 = 83.78" when the question asks for the
    average of the services it lists ("75점 이상 받은 곳들 평균은?")."""
    if "average" not in req.entities.metrics or not listed:
        return
    _, _, arithmetic = mean_of_scores(req.t, listed)
    draft.add(req.t._("Their average: {arithmetic}.", arithmetic=arithmetic))


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


def _count_context(
    req: Request, year: int, stored: StoredFigure
) -> tuple[list[StoredFigure], int | None]:
    """The published shares of a year-level count's own scope, and what it counts out of:
    its denominator, a share's, or the same document's number of services evaluated."""
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
        or (int(value(evaluated[0])) if evaluated else None)
    )
    return shares, total


def _year_context(req: Request, year: int, draft: Draft, skip_round: int | None = None) -> bool:
    """ "Across rounds 1–3 of 2023: 13 of 47 (27.7%)" from the best year-level figure."""
    counts = _year_figures(req, year, "below_cutoff")
    if not counts:
        return False
    stored = counts[0]
    f = stored.figure
    shares, total = _count_context(req, year, stored)
    if total:
        pct = (
            req.t.pct(value(shares[0]), shares[0].figure.precision)
            if shares
            else req.t.pct(share(int(value(stored)), total), 1)
        )
        line = req.t._(
            "{scope}: {n} of {total} services ({share}) scored below the cutoff.",
            scope=scope_name(req.t, f.scope),
            n=int(value(stored)),
            total=total,
            share=pct,
        )
    else:
        line = req.t._(
            "{scope}: {n} services scored below the cutoff.",
            scope=scope_name(req.t, f.scope),
            n=int(value(stored)),
        )
    line = as_reported(req, line, stored)
    draft.add(line, stored.document_id)
    return True


def _rest_of_year(req: Request, cov: Coverage, by_round: dict[int, int], draft: Draft) -> bool:
    """A year's stated count over rounds not all loaded: the rest were in the rounds the
    knowledge base does not hold ("8 − 2 = 6 were in 2024 round 1, not loaded").  True when
    some of the year's services below the cutoff are in rounds not loaded (names unknown)."""
    if cov.year is None:
        return False
    counts = _year_figures(req, cov.year, "below_cutoff")
    if not counts:
        return False
    f = counts[0].figure
    loaded = {r.round_no for r in cov.rounds}
    if f.scope.round_end is not None:
        start = f.scope.round_start or 1
        span = set(range(start, f.scope.round_end + 1))
    else:
        span = loaded | {n for n in range(1, max(loaded, default=0) + 1)}
    inside = span & loaded
    if not inside or not inside <= by_round.keys() or span <= loaded:
        return False
    stated, here = int(value(counts[0])), sum(by_round[n] for n in sorted(inside))
    if stated < here:
        return False
    t = req.t
    reported = _reported_below(req, cov.year, span - loaded)
    if reported and stated - here - sum(int(value(f)) for f in reported.values()) >= 0:
        _rest_less_reported(req, cov.year, (stated, here), span - loaded, reported, draft)
        return stated > here
    missing = [round_name(t, cov.year, n) for n in sorted(span - loaded)]
    draft.add(
        t._(
            "The other {stated} − {here} = {rest} were in {rounds}, which the knowledge base "
            "does not hold: their names are not known here.",
            stated=stated,
            here=here,
            rest=stated - here,
            rounds=t.join(missing),
        )
    )
    return stated > here


def _reported_below(req: Request, year: int, rounds: set[int]) -> dict[int, StoredFigure]:
    """Reported below-cutoff counts of rounds the knowledge base does not hold, by round."""
    found = {}
    for n in sorted(rounds):
        f = req.q.figure("below_cutoff", Scope.round(year, n))
        if f is not None and f.figure.value is not None:
            found[n] = f
    return found


def _rest_less_reported(
    req: Request,
    year: int,
    counts: tuple[int, int],
    missing: set[int],
    reported: dict[int, StoredFigure],
    draft: Draft,
) -> None:
    """ "13 − 0 − 7 = 6 were in 2023 round 2": a year's stated count less the loaded rounds'
    and the reported rounds' counts (each report named) leaves the rounds nobody counted."""
    t, (stated, here) = req.t, counts
    for n, f in reported.items():
        draft.add(
            t._(
                "{round}: {n} below the cutoff, according to {note}.",
                round=round_name(t, year, n),
                n=int(value(f)),
                note=report_note(req, f),
            ),
            f.document_id,
        )
    rest_rounds = sorted(missing - reported.keys())
    if not rest_rounds:
        return
    terms = [str(stated), str(here), *(str(int(value(f))) for f in reported.values())]
    rest = stated - here - sum(int(value(f)) for f in reported.values())
    draft.add(
        t._(
            "The other {arithmetic} = {rest} were in {rounds}, which the knowledge base does "
            "not hold: their names are not known here.",
            arithmetic=" − ".join(terms),
            rest=rest,
            rounds=t.join([round_name(t, year, n) for n in rest_rounds]),
        )
    )


def _year_share(req: Request, year: int) -> tuple[str, int, int, float, StoredFigure | None] | None:
    """(scope label, n, total, share %, figure) below the cutoff over ``year``: its widest
    published year-level count (official first), else the sum over its loaded rounds when
    every one of them gives a count."""
    counts = _year_figures(req, year, "below_cutoff")
    if counts:
        stored = counts[0]
        f = stored.figure
        shares, total = _count_context(req, year, stored)
        if total:
            n = int(value(stored))
            pct = value(shares[0]) if shares else share(n, total)
            return scope_name(req.t, f.scope), n, total, float(pct), stored
    rounds = req.q.rounds_of_year(year)
    if not rounds or any(r.below_cutoff_count is None for r in rounds):
        return None
    n = sum(r.below_cutoff_count or 0 for r in rounds)
    total = sum(r.services_evaluated or len(req.q.evaluations(r.year, r.round_no)) for r in rounds)
    if not total:
        return None
    label = req.t.join([round_name(req.t, r.year, r.round_no) for r in rounds])
    return label, n, total, float(share(n, total)), None


def _years_by_share(req: Request, highest: bool) -> Reply:
    """ "Which year had the highest share below 75?": every year with a known share,
    ranked, the top one (ties included) first."""
    t, draft = req.t, Draft(req)
    years = sorted(
        {r.year for r in req.q.rounds()}
        | {
            f.figure.scope.year_start
            for f in req.q.figures("below_cutoff")
            if f.figure.scope.year_start is not None
            and f.figure.scope.year_start == f.figure.scope.year_end
        }
    )
    known = [(y, found) for y in years if (found := _year_share(req, y)) is not None]
    if not known:
        return draft.reply(answered=False, suggestions=suggestions(req, "below_cutoff"))
    known.sort(key=lambda item: -item[1][3] if highest else item[1][3])
    best = known[0][1][3]
    top = [item for item in known if round(item[1][3], 6) == round(best, 6)]
    values = {"scopes": t.join([item[1][0] for item in top]), "share": t.pct(best, 1)}
    if highest:
        lead = t._("Highest share below the cutoff: {scopes}, {share}.", **values)
    else:
        lead = t._("Lowest share below the cutoff: {scopes}, {share}.", **values)
    reported = next((f for _, (*_, f) in top if f is not None and not f.official), None)
    if reported is not None:  # a report's value is labelled wherever it is stated
        lead = t._("{line} (according to {note})", line=lead, note=report_note(req, reported))
    draft.add(lead)
    for _year, (label, n, total, pct, stored) in known:
        line = t._(
            "{scope}: {n} of {total} services ({share}) scored below the cutoff.",
            scope=label,
            n=n,
            total=total,
            share=t.pct(pct, 1),
        )
        if stored is not None and not stored.official:
            line = t._("{line} (according to {note})", line=line, note=report_note(req, stored))
        draft.add(line, *((stored.document_id,) if stored is not None else ()))
    return draft.reply(suggestions=suggestions(req, "below_cutoff"))


def _report_counts(req: Request, found: list[StoredFigure], draft: Draft) -> None:
    for stored in found:
        f = stored.figure
        related = [s for s in req.q.figures(scope=f.scope) if s.document_id == stored.document_id]
        evaluated = next((s for s in related if s.figure.metric == "services_evaluated"), None)
        pct = next((s for s in related if s.figure.metric == "below_cutoff_share_pct"), None)
        values = {
            "scope": scope_name(req.t, f.scope),
            "n": int(value(stored)),
            "note": report_note(req, stored),
        }
        if evaluated is not None and pct is not None:
            line = req.t._(
                "{scope}: {n} of {total} services ({share}) below the cutoff, according to {note}.",
                total=int(value(evaluated)),
                share=req.t.pct(value(pct), pct.figure.precision),
                **values,
            )
        else:
            line = req.t._("{scope}: {n} services below the cutoff, according to {note}.", **values)
        draft.add(line, stored.document_id)


#: What a report says of one round's services below the cutoff.
_ROUND_REPORTED = ("below_cutoff", "below_cutoff_share_pct", "services_evaluated")


def _reported_rounds(
    req: Request, cov: Coverage, threshold: Threshold | None, draft: Draft
) -> bool:
    """ "23년에 차수가 지나면서 탈락 비율이 어떻게 바뀌었어?": a year asked round by round
    names first what reports say of its rounds the knowledge base does not hold (2023
    round 1: 7 of 12, reported), so that every round known is in the answer, in order."""
    e, lower = req.entities, req.question.lower()
    asked = "history" in e.metrics or any(w in lower for w in tally.words()["by_round"])
    if cov.kind != "year" or cov.year is None or not asked:
        return False
    if not _is_cutoff(threshold, cov):
        return False
    loaded = {r.round_no for r in cov.rounds}
    reports = [
        f
        for f in reports_about(req, Scope.year(cov.year))
        if f.figure.metric in _ROUND_REPORTED
        and f.figure.scope.round_start is not None
        and f.figure.scope.round_start == f.figure.scope.round_end
        and f.figure.scope.round_start not in loaded
    ]
    reports.sort(key=lambda f: f.figure.scope.round_start or 0)
    return report_lines(req, reports, draft) > 0


def _year_below(req: Request, where: Target, threshold: Threshold | None) -> Reply:
    """A whole year: each loaded round of it (names where published), the total over them,
    then the year's own counts (official, or reported and labelled)."""
    rounds = tuple(req.q.rounds_of_year(where.year)) if where.year is not None else ()
    cov = Coverage(
        "year", rounds, req.t._("{year} (whole year)", year=where.year), True, where.year
    )
    return _rounds_below(req, cov, threshold)


def _rounds_below(
    req: Request, cov: Coverage, threshold: Threshold | None, note: str | None = None
) -> Reply:
    """Every round of ``cov`` below the threshold, round by round, and the year figures.
    Over every loaded round, the rounds that cannot say are named together in one line."""
    t, draft = req.t, Draft(req)
    if note:
        draft.add(note)
    named = False  # whether any round says which services (names or scores)
    tally: list[tuple[int, int]] = []  # (below, total) of rounds whose count is known
    listed: list[Evaluation] = []
    unknown: list[str] | None = [] if cov.kind == "all" else None
    # "how many?" over many rounds: the counts; names would run to hundreds
    names = not (_asks_count(req) and len(cov.rounds) > _NAMED_ROUNDS)
    by_round: dict[int, int] = {}  # round_no → count below, for a year's rounds
    found = _reported_rounds(req, cov, threshold, draft)
    for rnd in cov.rounds:
        known = _round_line(req, rnd, own(threshold, rnd), draft, unknown, listed, names)
        found = True
        named |= _names_known(req, rnd)
        if known is not None:
            tally.append(known)
            by_round[rnd.round_no] = known[0]
    if unknown:
        draft.add(
            t._(
                "Individual scores were not published for {rounds}, so which of their "
                "services scored {words} is not known.",
                rounds=t.join(unknown),
                words=_cutoff_words(t, threshold, cov.rounds),
            )
        )
    _mean_of_listed(req, listed, draft)
    line = scored_rounds_line(req, cov) if note or asks_scores(req) else None
    if line:
        draft.add(line)
    if len(tally) > 1 and len(tally) == len(cov.rounds):
        n, total = sum(b for b, _ in tally), sum(x for _, x in tally)
        draft.add(
            t._(
                "In the {k} loaded rounds: {n} of {total} services scored {words}.",
                k=len(tally),
                n=n,
                total=total,
                words=_cutoff_words(t, threshold, cov.rounds),
            )
        )
        if total:  # the rounds taken as one: their share, from the summed counts
            draft.add(share_sum(t, n, total))
    unknown_count = False  # the year's count under the asked score is not published
    elsewhere = False  # some of the year's below are in rounds not loaded: names unknown
    if (
        cov.kind == "year"
        and cov.year is not None
        and threshold is not None
        and threshold.direction == "below"
        and not _is_cutoff(threshold, cov)
    ):
        reported = _reported_band(req, cov.year, (0.0, threshold.value))
        if reported:  # "under 65 in 2024": the report's bands say how many
            _reported_band_line(req, reported, _threshold_words(t, threshold), draft)
            if said_of(req.question, "of_below"):  # "미달 사무 중 65점 미만은 몇 %?"
                _band_share_of_below(req, reported, (0.0, threshold.value), draft)
            _band_share_of_evaluated(req, reported, draft)
            found = True
        elif _year_figures(req, cov.year, "below_cutoff"):
            # "(그중 65점 미만은?) 23년은?": no count under that score for the year — say
            # so, and give what the year does hold: its count below the cutoff
            words = _threshold_words(t, threshold)
            draft.add(t._("No count {words} for {year} was published.", words=words, year=cov.year))
            found = _year_context(req, cov.year, draft) or found
            _nearest_band(req, cov.year, threshold.value, draft)
            unknown_count = True
    if cov.kind == "year" and cov.year is not None and _is_cutoff(threshold, cov):
        found = _year_context(req, cov.year, draft) or found
        elsewhere = _rest_of_year(req, cov, by_round, draft)
        if not _year_figures(req, cov.year, "below_cutoff"):
            reports = [
                f
                for f in unshadowed(req, reports_about(req, Scope.year(cov.year)))
                if f.figure.metric
                in ("below_cutoff", "below_cutoff_share_pct", "services_evaluated")
            ]
            found = report_lines(req, reports, draft) > 0 or found
    if not found:
        if cov.kind == "year" and cov.year is not None:
            return not_loaded(req, Target(cov.year, None, True), offer=("below_cutoff",))
        draft.add(req.t._("No loaded round falls in {scope}.", scope=cov.label))
        return draft.reply(answered=False, suggestions=suggestions(req, "below_cutoff"))
    # "which ones?" is answered when a round names them, or when none fell below at all
    nobody = len(tally) == len(cov.rounds) and not any(b for b, _ in tally) and not elsewhere
    answered = (named or nobody or _asks_count(req)) and not unknown_count
    if answered and _year_part_only(req, cov, threshold, tally, draft):
        answered = False
    return draft.reply(answered=answered, suggestions=suggestions(req, "cutoff_rule", "average"))


def _year_part_only(
    req: Request,
    cov: Coverage,
    threshold: Threshold | None,
    counted: list[tuple[int, int]],
    draft: Draft,
) -> bool:
    """ "2025년 전체로 75점 미만 몇 개야?" when the loaded rounds evaluated fewer services
    than the year had due and no page or report gives the year's count: the loaded rounds
    are a part, not the answer — say so (and the caller answers "not known")."""
    from bot.answers.tally import EVALUATED
    from bot.answers.tally import count as tally_count

    if cov.kind != "year" or cov.year is None or not _is_cutoff(threshold, cov):
        return False
    if not _asks_count(req) or _year_figures(req, cov.year, "below_cutoff"):
        return False
    reported = reports_about(req, Scope.year(cov.year))
    if any(f.figure.metric.startswith("below_cutoff") for f in reported):
        return False
    due = tally_count(req, Scope.year(cov.year), EVALUATED)
    held = sum(total for _, total in counted)
    if due is None or len(counted) != len(cov.rounds) or held >= due.value:
        return False
    draft.add(
        req.t._(
            "All of {year} had {due} services due and the loaded rounds hold {held} of them: "
            "the year's count below the cutoff is not published.",
            year=cov.year,
            due=due.value,
            held=held,
        )
    )
    return True


#: A count asked over more rounds than this is answered with counts only, no names.
_NAMED_ROUNDS = 3


def _names_not_published(req: Request) -> Reply:
    """The names asked of a count only a report gives: not published, then the count."""
    from bot.answers import HANDLERS

    e = req.entities
    named = replace(req, entities=replace(e, what="below_cutoff_names"))
    threshold = e.threshold
    if threshold is None or threshold == Threshold(DEFAULT_CUTOFF, "below"):
        return HANDLERS["not_published"](named)
    known = below_cutoff(named)
    line = req.t._(
        "Individual scores of {round} were not published, so which services scored {words} "
        "is not known.",
        round=req.t._("{year} (whole year)", year=e.year),
        words=_threshold_words(req.t, threshold),
    )
    return replace(known, text=f"{line}\n{known.text}", answered=False)


def _names_of_a_reported_year(req: Request) -> bool:
    """ "Which services were they?" of a year no loaded page covers, whose count below the
    cutoff only a report gives: the names were never published."""
    e = req.entities
    if _asks_count(req) or e.services or e.round_no is not None or e.year is None:
        return False
    if e.what == "below_cutoff_names":  # already said so: what is known follows
        return False
    from bot.understand.parts import shared_parts

    if not shared_parts().checks["which_counted"].search(req.question.lower()):
        return False
    if req.q.rounds_of_year(e.year):
        return False
    return any(f.figure.metric == "below_cutoff" for f in reports_about(req, Scope.year(e.year)))


def _asks_count(req: Request) -> bool:
    """ "How many / what share" rather than "which": a published count answers it."""
    return bool(req.entities.metrics & {"count", "share"})


def _names_known(req: Request, rnd: StoredRound) -> bool:
    """Whether the round's page says which services fell below (a list or the scores)."""
    if rnd.below_cutoff_names:
        return True
    return any(e.score is not None for e in req.q.evaluations(rnd.year, rnd.round_no))


def _is_cutoff(threshold: Threshold | None, cov: Coverage) -> bool:
    if threshold is None:
        return True
    cutoff = cov.rounds[-1].cutoff if cov.rounds else DEFAULT_CUTOFF
    return threshold.direction == "below" and threshold.value == cutoff


def _round_line(
    req: Request,
    rnd: StoredRound,
    threshold: Threshold,
    draft: Draft,
    unknown: list[str] | None = None,
    listed: list[Evaluation] | None = None,
    names: bool = True,
) -> tuple[int, int] | None:
    """One round in one line: which services scored on the asked side (from published
    scores), or the published count and names, or that it is not known (added to
    ``unknown`` when given, to be said once for all such rounds).  Returns (count, total)
    when the count is known; the services found by score are added to ``listed``.
    Without ``names`` (a count asked over many rounds) the line gives the count only."""
    t = req.t
    name = round_name(t, rnd.year, rnd.round_no)
    evaluations = req.q.evaluations(rnd.year, rnd.round_no)
    total = rnd.services_evaluated or len(evaluations)
    scored = [e for e in evaluations if e.score is not None]
    words = _threshold_words(t, threshold)
    if scores_settle(rnd, evaluations, scored, threshold):
        hits = [e for e in scored if threshold.admits(score(e))]
        if listed is not None:
            listed.extend(hits)
        values = {"round": name, "n": len(hits), "total": total, "words": words}
        if hits and not names:
            line = t._("{round}: {n} of {total} scored {words} (published scores).", **values)
        elif hits:
            line = t._(
                "{round}: {n} of {total} scored {words} (published scores): {names}.",
                names=t.join([_scored_name(req, e) for e in hits]),
                **values,
            )
        else:
            line = t._("{round}: none of {total} scored {words} (published scores).", **values)
        draft.add(line, rnd.document_id)
        return len(hits), total
    covered = rnd.below_cutoff_count is not None and _covered_by_count(threshold, rnd)
    if not covered:
        banded = _banded(req, rnd, threshold, words, draft)
        if banded is not None:
            return banded[0], total
    if not covered and unknown is not None:
        unknown.append(name)
        return None
    if not covered:
        draft.add(
            t._(
                "{round}: individual scores were not published, so which services scored "
                "{words} is not known.",
                round=name,
                words=words,
            ),
            rnd.document_id,
        )
        return None
    n = rnd.below_cutoff_count or 0
    values = {"round": name, "n": n, "total": total, "cutoff": t.num(rnd.cutoff)}
    if n == 0:
        line = t._("{round}: none of {total} below the {cutoff}-point cutoff.", **values)
    elif rnd.below_cutoff_names and not names:
        line = t._(
            "{round}: {n} of {total} below the {cutoff}-point cutoff (named in the disclosure).",
            **values,
        )
    elif rnd.below_cutoff_names:
        line = t._(
            "{round}: {n} of {total} below the {cutoff}-point cutoff (named in the "
            "disclosure): {names}.",
            names=t.join(list(rnd.below_cutoff_names)),
            **values,
        )
    else:
        line = t._(
            "{round}: {n} of {total} below the {cutoff}-point cutoff (published count; "
            "the names were not published).",
            **values,
        )
    draft.add(line, rnd.document_id)
    return n, total


def _published(req: Request, e: Evaluation) -> str:
    """The service as the round's page named it (its curated English name in English)."""
    if req.lang == "en" and e.service.name_en:
        return e.service.name_en
    return req.q.published_name(e)


def _scored_name(req: Request, e: Evaluation) -> str:
    shown = req.t.num(score(e), e.score_precision)
    return req.t._("{name} ({score})", name=_published(req, e), score=shown)


def score_band(
    req: Request, cov: Coverage, band: tuple[float, float], note: str | None = None
) -> Reply:
    """Services scoring from ``low`` to under ``high`` ("70점대", "between 70 and 75"): from
    the published scores of each covered round; a report's band figure beside a year."""
    t, draft = req.t, Draft(req)
    if note:
        draft.add(note)
    listed: list[Evaluation] = []
    low, high = band
    words = t._(
        "from {low} to under {high}",
        low=points(t, low, _places(low)),
        high=points(t, high, _places(high)),
    )
    threshold_low, threshold_high = Threshold(low, "at_least"), Threshold(high, "below")
    hits_total = scored_total = 0
    unknown: list[str] = []
    for rnd in cov.rounds:
        evaluations = req.q.evaluations(rnd.year, rnd.round_no)
        scored = [e for e in evaluations if e.score is not None]
        name = round_name(t, rnd.year, rnd.round_no)
        settled = scored and scores_settle(rnd, evaluations, scored, Threshold(high, "below"))
        scope = Scope.round(rnd.year, rnd.round_no)
        published = [] if settled else bands.published(req, scope, band)
        if published:  # "80점대": the page's score bands count it
            hits_total += bands.band_line(req, published, words, draft)
            continue
        if scored and not settled:
            unknown.append(name)  # only some scores published, and the band reaches above them
            continue
        if not scored:
            if rnd.below_cutoff_count == 0 and high <= rnd.cutoff:
                draft.add(
                    t._(
                        "{round}: none scored {words} (none fell below the {cutoff}-point "
                        "cutoff; individual scores were not published).",
                        round=name,
                        words=words,
                        cutoff=t.num(rnd.cutoff),
                    ),
                    rnd.document_id,
                )
            else:
                unknown.append(name)
            continue
        hits = [
            e for e in scored if threshold_low.admits(score(e)) and threshold_high.admits(score(e))
        ]
        hits_total, scored_total = hits_total + len(hits), scored_total + len(evaluations)
        listed.extend(hits)
        values = {"round": name, "n": len(hits), "total": len(evaluations), "words": words}
        if hits:
            line = t._(
                "{round}: {n} of {total} scored {words} (published scores): {names}.",
                names=t.join([_scored_name(req, e) for e in hits]),
                **values,
            )
        else:
            line = t._("{round}: none of {total} scored {words} (published scores).", **values)
        draft.add(line, rnd.document_id)
    if unknown:
        draft.add(
            t._(
                "Individual scores were not published for {rounds}, so their services in "
                "this range are not known.",
                rounds=t.join(unknown),
            )
        )
    reported = (
        _reported_band(req, cov.year, band) if cov.kind == "year" and cov.year is not None else []
    )
    if scored_total and len(cov.rounds) > 1:
        draft.add(
            t._(
                "In all: {n} of {total} services with a published score.",
                n=hits_total,
                total=scored_total,
            )
        )
    _mean_of_listed(req, listed, draft)
    scored_in = scored_rounds_line(req, cov) if scored_total else None
    if scored_in:
        draft.add(scored_in)
    if reported:
        _reported_band_line(req, reported, words, draft)
        _under_the_band(req, cov, low, draft)
        _band_share_of_below(req, reported, band, draft)
        _band_share_of_evaluated(req, reported, draft)
    if entity(req, "how") == "yes_no" and draft.lines:  # "was any service in the 60s?"
        if hits_total or any(value(f) > 0 for f in reported):
            draft.lines.insert(0, t._("Yes."))
        elif not unknown and (scored_total or draft.documents) and not reported:
            draft.lines.insert(0, t._("No."))
    if not draft.lines or (not scored_total and not reported and not draft.documents):
        if not cov.rounds and cov.kind == "year" and cov.year is not None:
            return not_loaded(req, Target(cov.year, None, True), offer=("below_cutoff",))
        draft.lines.insert(
            0, t._("Individual scores of {scope} were not published.", scope=cov.label)
        )
        return draft.reply(answered=False, suggestions=suggestions(req, "average"))
    return draft.reply(suggestions=suggestions(req, "below_cutoff", "average"))


def _under_the_band(req: Request, cov: Coverage, low: float, draft: Draft) -> None:
    """ "70점대 몇 개, 그 아래는 몇 개?": the band asked, then what the same report counts
    under its floor — the second half of a question that splits a group in two."""
    if low <= 0 or cov.year is None or not said_of(req.question, "below_band"):
        return
    under = _reported_band(req, cov.year, (0.0, low))
    if under:
        words = _threshold_words(req.t, Threshold(low, "below"))
        _reported_band_line(req, under, words, draft)


def _reported_band(req: Request, year: int, band: tuple[float, float]) -> list[StoredFigure]:
    """The report figures whose bands make up ``band`` exactly ((65, 75) = 65–70 + 70–75;
    under 65 = (0, 65)), all from one report about ``year``; empty when they do not."""
    reports = unshadowed(req, reports_about(req, Scope.year(year)))
    for document in dict.fromkeys(f.document_id for f in reports):
        own = bands.of_document([f for f in reports if f.document_id == document])
        tiled = bands.tile(own, band[0], band[1])
        if tiled:
            return tiled
    return []


def _nearest_band(req: Request, year: int, below: float, draft: Draft) -> None:
    """ "55점 미만도 있었어?" with a report's "under 65: 2": the lowest reported band that
    holds the asked one (0 up to the nearest published edge above it), as what is known."""
    reports = unshadowed(req, reports_about(req, Scope.year(year)))
    edges = sorted({high for (_, high), _f in bands.of_document(reports) if high > below})
    for high in edges:
        found = _reported_band(req, year, (0.0, high))
        if found:
            words = _threshold_words(req.t, Threshold(high, "below"))
            _reported_band_line(req, found, words, draft)
            return


def _reported_band_line(
    req: Request, figures: list[StoredFigure], words: str, draft: Draft
) -> None:
    """ "2024 (whole year): 6 services scored from 65 to under 75 (1 + 5 = 6), according to
    a report by …" — the sum shown when the band spans several reported bands."""
    t, first = req.t, figures[0]
    counts = [int(f.figure.value or 0) for f in figures]
    n = sum(counts)
    values = {"scope": scope_name(t, first.figure.scope), "words": words}
    values["note"] = report_note(req, first)
    if len(counts) == 1:
        line = t.n_(
            "{scope}: {n} service scored {words}, according to {note}.",
            "{scope}: {n} services scored {words}, according to {note}.",
            n,
            **values,
        )
    else:
        line = t._(
            "{scope}: {n} services scored {words} ({parts} = {n}), according to {note}.",
            parts=" + ".join(str(c) for c in counts),
            n=n,
            **values,
        )
    draft.add(line, first.document_id)


def _band_part(
    req: Request, figures: list[StoredFigure], whole: str
) -> tuple[int, int, StoredFigure] | None:
    """A reported band's count, the same scope's ``whole`` count and its figure, when the
    band fits inside it: the two shares of a band (of those below, of those evaluated)
    stand on the same pairing."""
    found = req.q.figure(whole, figures[0].figure.scope)
    n = sum(int(f.figure.value or 0) for f in figures)
    total = int(found.figure.value or 0) if found is not None else 0
    if found is None or not total or n > total:
        return None
    return n, total, found


def _band_share_of_below(
    req: Request, figures: list[StoredFigure], band: tuple[float, float], draft: Draft
) -> None:
    """ "Of the services below 75, what share were in the 70s?": a band under the cutoff as
    a part of the same scope's count below the cutoff ("5 of 8")."""
    cutoff = req.newest.cutoff if req.newest else DEFAULT_CUTOFF
    if "share" not in req.entities.metrics or band[1] > cutoff:
        return
    part = _band_part(req, figures, "below_cutoff")
    if part is None:
        return
    n, total, below = part
    draft.add(req.t._("That is {n} of {total} services below the cutoff.", n=n, total=total))
    draft.cite(below.document_id)
    if tally.said(req.question, "of_below"):  # "as a percentage of those below 75": 5 / 8
        draft.add(share_sum(req.t, n, total))


def _band_share_of_evaluated(req: Request, figures: list[StoredFigure], draft: Draft) -> None:
    """ "What share of all evaluated services is that?" of a reported band ("under 65: 2"):
    the band's count out of the same scope's services evaluated, with its arithmetic
    ("2 / 61 = 3.28%") — a share of two reported counts."""
    if "share" not in req.entities.metrics or not figures:
        return
    part = _band_part(req, figures, "services_evaluated")
    if part is None:
        return
    n, total, evaluated = part
    t = req.t
    draft.add(
        t._(
            "That is {n} of the {total} services evaluated ({share}).",
            n=n,
            total=total,
            share=t.pct(share(n, total), 1),
        ),
        evaluated.document_id,
    )
    draft.add(share_sum(t, n, total))


def _places(value: float) -> int:
    return 0 if value == int(value) else 1


@handles("cutoff_rule")
def cutoff_rule(req: Request) -> Reply:
    """The re-contract cutoff, what happens below it, and how results are used; its
    history when the question asks about an earlier or changed cutoff."""
    if tally.asks_cutoff_history(req):
        return cutoff_history(req)
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
            draft.add(earlier_cutoff(req, stored), stored.document_id)
    return draft.reply(suggestions=suggestions(req, "below_cutoff", "legal_basis"))


def earlier_cutoff(req: Request, stored: StoredFigure) -> str:
    """ "Earlier the cutoff was 60 points (about 2018–2020), according to …": a past cutoff a
    report gives — one wording for the rule's answer, its history and the yes/no check."""
    t = req.t
    return t._(
        "Earlier the cutoff was {cutoff} ({scope}), according to {note}.",
        cutoff=points(t, value(stored), stored.figure.precision),
        scope=scope_name(t, stored.figure.scope),
        note=report_note(req, stored),
    )


@handles("cutoff_history")
def cutoff_history(req: Request) -> Reply:
    """The re-contract cutoff over time, from the stored figures only: today's (the newest
    round's page), each earlier one a report gives with its era's counts, and a change a
    report dates — 네/아니요 first when the question checks a change ("달라?", "raised?",
    "always 75?"), the date first when it asks when."""
    from bot.understand.parts import shared_parts

    rnd = req.newest
    today = rnd.cutoff if rnd else DEFAULT_CUTOFF
    t, draft = req.t, Draft(req)
    earlier = [
        f for f in req.q.figures("cutoff") if f.figure.value is not None and f.figure.value != today
    ]
    changes = [f for f in req.q.figures("cutoff_changed") if f.figure.text]
    now = t._("The re-contract cutoff is {cutoff} points today.", cutoff=t.num(today))
    if rnd is not None:
        now = t._("{line} ({round})", line=now, round=round_name(t, rnd.year, rnd.round_no))
    draft.add(now, rnd.document_id if rnd else None)
    for stored in earlier:
        old = value(stored)
        draft.add(earlier_cutoff(req, stored), stored.document_id)
        values = {
            "high": t.num(max(today, old)),
            "low": t.num(min(today, old)),
            "diff": t.num(abs(today - old)),
        }
        if today > old:
            line = t._("{high} − {low} = {diff}: the cutoff was raised by {diff} points.", **values)
        else:
            line = t._(
                "{high} − {low} = {diff}: the cutoff was lowered by {diff} points.", **values
            )
        draft.add(line)
    for stored in changes:
        when, _, way = (stored.figure.text or "").partition(" ")
        line = t._(
            "The re-contract criteria were {way} in {when}, according to {note}.",
            way=t._("raised") if way == "raised" else t._("lowered"),
            when=t.date(when),
            note=report_note(req, stored),
        )
        draft.cite(stored.document_id)
        p = shared_parts()
        if p.checks["period"].search(req.question.lower()) and not p.yes_no(req.question):
            draft.lines.insert(0, line)  # "언제 강화됐어?": the date first
        else:
            draft.lines.append(line)
    era = tally.era_counts(_with_era(req), with_cutoff=False) if earlier else None
    if era is not None:
        draft.lines.extend(line for line in era.text.splitlines() if line not in draft.lines)
        draft.cite(*(s.document_id for s in era.sources))
    if era is not None and "share" in req.entities.metrics:
        _shares_since(req, draft)
    _history_verdict(req, draft, today, [value(f) for f in earlier])
    answered = bool(earlier or changes)
    reply = draft.reply(answered=answered, suggestions=suggestions(req, "cutoff_rule"))
    if earlier:  # "그때는 몇 개가 미달이었대?": the earlier cutoff's years come next
        reply = replace(reply, scope=tally.scope_entities(earlier[0].figure.scope))
    return reply


def _shares_since(req: Request, draft: Draft) -> None:
    """ "How has the exclusion rate changed since the 60-point days?": after the earlier
    cutoff's share, the shares below today's cutoff year by year (reports labelled)."""
    from bot.answers import HANDLERS

    e = req.entities
    plain = replace(e, what="below_cutoff", score=None, compare=None, reference=None)
    shares = HANDLERS["direction"](replace(req, entities=plain))
    if not shares.answered:
        return
    draft.lines.extend(line for line in shares.text.splitlines() if line not in draft.lines)
    draft.cite(*(s.document_id for s in shares.sources))


def _with_era(req: Request) -> Request:
    """The request as if it named the earlier cutoff's time (for its counts)."""
    from dataclasses import replace

    earlier = [f for f in req.q.figures("cutoff") if f.figure.value is not None]
    today = req.newest.cutoff if req.newest else DEFAULT_CUTOFF
    old = next((value(f) for f in earlier if value(f) != today), None)
    return replace(req, entities=replace(req.entities, score=old, threshold=None))


def _history_verdict(req: Request, draft: Draft, today: float, earlier: list[float]) -> None:
    """네/아니요 before the history when the question checks it: changed / different (yes
    when an earlier cutoff differs), always the same (no), raised or stricter (yes when
    today's is higher), lowered or laxer (the reverse)."""
    from bot.understand.parts import shared_parts

    p = shared_parts()
    if not p.yes_no(req.question) or not earlier or not draft.lines:
        return
    lower = req.question.lower()
    checks = p.checks
    raised = any(today > old for old in earlier)
    if checks["always"].search(lower):
        verdict = False
    elif checks["stricter"].search(lower) or checks["up"].search(lower):
        verdict = raised
    elif checks["laxer"].search(lower):
        verdict = not raised
    elif checks["changed"].search(lower) or checks["past"].search(lower):
        verdict = True
    else:
        return
    draft.lines[0] = f"{req.t._('Yes.') if verdict else req.t._('No.')} {draft.lines[0]}"


def _rest_of_loaded(req: Request) -> Reply | None:
    """ "2023년 3차 말고 나머지 불러온 회차들은 …": the loaded rounds less the named one
    (not the rest of that year) — a yes/no gets each round's count and the verdict (the
    yes/no handler's ``_rounds_below``); any other question the rounds' lines."""
    from bot.answers import HANDLERS
    from bot.understand.parts import shared_parts

    e = req.entities
    if not less_one_asked(req):
        return None
    left = list(tally.cue("except_round").finditer(req.question.lower()))
    tail = req.question[left[-1].end() :] if left else req.question
    tail = tally.cue("rest_of").sub(" ", tail.lower())
    # the clause after "말고/except" is the question ("나머지 … 있었나요?")
    if shared_parts().yes_no(req.question) or shared_parts().yes_no(tail):
        asked = replace(e, how="yes_no", what="below_cutoff")
        return HANDLERS["yes_no"](replace(req, entities=asked))
    rounds = tuple(loaded_asked(req) or ())
    cov = Coverage("all", rounds, req.t._("all loaded rounds"), True)
    return _rounds_below(req, cov, e.threshold)
