"""Services below the cutoff checked: any, more than half, a stated count or share, a
stated move between two years, in each loaded round, and whether their names were published."""

from __future__ import annotations

from bot.answers import tally
from bot.answers.base import (
    Request,
    as_reported,
    loaded_asked,
    report_note,
    round_name,
    scope_name,
    service_name,
    target,
)
from bot.answers.yesno.common import LISTS, Verdict, has
from bot.answers.yesno.shares import PERCENT, Stated, stated_share
from knowledge.model import Scope, StoredFigure, StoredRound


def rounds_below(req: Request) -> Verdict | None:
    """ "불러온 회차 전부 75점 미만 사무가 있었어?", "Did any loaded round other than 2023-3
    have services under 75?": each round's published count — every round (or any, when
    not asked of each) having one below decides, never the newest round alone."""
    e = req.entities
    asked = e.what == "below_cutoff" or has(req, "fail") or e.threshold is not None
    if not asked or "average" in e.metrics or e.services:
        return None
    rounds = loaded_asked(req)
    if not rounds or len(rounds) < 2 or any(r.below_cutoff_count is None for r in rounds):
        return None
    if e.threshold is not None and any(e.threshold.value != r.cutoff for r in rounds):
        return None  # another score than the cutoff: the rounds' counts do not say
    lines = tuple(below_line(req, r, r.below_cutoff_count or 0) for r in rounds)
    had = [bool(r.below_cutoff_count) for r in rounds]
    each = tally.said(req.question, "every_one")
    return Verdict(
        "yes" if (all(had) if each else any(had)) else "no",
        lines,
        tuple(r.document_id for r in rounds),
    )


def below_line(req: Request, rnd: StoredRound, n: int) -> str:
    """ "2 of the 7 services in 2027 round 2 scored below the 75-point cutoff.": a loaded
    round's count below its cutoff out of its services — the one wording of the checks
    that rest on a round's count (any, each round, a share, the names, beside an average)."""
    t = req.t
    return t._(
        "{n} of the {total} services in {round} scored below the {cutoff}-point cutoff.",
        n=n,
        total=len(req.q.evaluations(rnd.year, rnd.round_no)),
        round=round_name(t, rnd.year, rnd.round_no),
        cutoff=t.num(rnd.cutoff),
    )


def _stated_move(req: Request) -> Verdict | None:
    """ "2024년 미달 비율 27.7%에서 13.1%로 줄어든 거야?": two shares stated as a move into
    the named year — checked against the year before's share and the year's own (each as
    published or computed, reports named); 네 only when both match as stated."""
    e = req.entities
    values = [float(m.group(1)) for m in PERCENT.finditer(req.question.lower())]
    if len(values) != 2 or e.year is None or e.round_no is not None or e.services:
        return None
    t, matched = req.t, True
    lines: list[str] = []
    docs: list[int | None] = []
    for year, stated in zip((e.year - 1, e.year), values, strict=True):
        found = tally.share_below(req, Scope.year(year))
        if found is None:
            return None
        places = len(str(stated).split(".")[1]) if stated != int(stated) else 0
        matched = matched and round(float(found.value), places) == round(stated, places)
        line = t._("{scope}: {value}", scope=scope_name(t, Scope.year(year)), value=found.shown)
        report = found.report or next((c.report for c in found.counts if c.report), None)
        if report is not None:  # a reported share, or one computed from reported counts
            line = t._("{line} (according to {note})", line=line, note=report_note(req, report))
            docs.append(report.document_id)
        docs.extend(c.document_id for c in found.counts)
        lines.append(line)
    return Verdict("yes" if matched else "no", tuple(lines), tuple(docs))


def _names_published(req: Request, rnd: StoredRound) -> Verdict:
    """ "2025년 1차 75점 안 된 사무 이름 공개됐어?": the disclosure itself is asked — no when
    the page printed only how many (neither a list nor the scores), yes with the names when it
    did; a round with none below has no names to publish."""
    t = req.t
    below = _below_names(req, rnd)
    n = rnd.below_cutoff_count if rnd.below_cutoff_count is not None else len(below)
    count = below_line(req, rnd, n)
    if below:
        return Verdict(
            "yes", (count, t._("They are: {names}.", names=t.join(below))), (rnd.document_id,)
        )
    if n:
        withheld = t._("Their names and scores were not published.")
        return Verdict("no", (count, withheld), (rnd.document_id,))
    return Verdict("no", (count,), (rnd.document_id,))


def _below_names(req: Request, rnd: StoredRound) -> list[str]:
    """The names the page gave of those below: its list, else the services whose published
    score is under the cutoff."""
    if rnd.below_cutoff_names:
        return list(rnd.below_cutoff_names)
    return [
        service_name(req.t, e.service)
        for e in req.q.evaluations(rnd.year, rnd.round_no)
        if e.score is not None and e.score < rnd.cutoff
    ]


def count_below(req: Request) -> Verdict | None:
    """Any service below the cutoff (or more than half, or a stated count) in a round or year."""
    moved = _stated_move(req)
    if moved is not None:
        return moved
    e = req.entities
    asked = e.what == "below_cutoff" or has(req, "fail") or e.threshold is not None
    # "did every … pass?" reaches here as a list (services, or a ranking by its words)
    asked = asked or (has(req, "pass") and e.what in LISTS)
    # "2024년에 통과한 곳이 53개 맞아?": a stated count of those that passed
    asked = asked or (e.count is not None and tally.said(req.question, "passed_asked"))
    if not asked or e.services or e.band is not None:
        return None
    where = target(req, whole_year=e.round_no is None and e.year is not None)
    rnd = where.round
    if rnd is not None and tally.said(req.question, "names_published"):
        return _names_published(req, rnd)
    stated = stated_share(req.question)
    if rnd is not None and rnd.below_cutoff_count is not None and stated is not None:
        return _round_share(req, rnd, rnd.below_cutoff_count, stated)
    if rnd is not None and rnd.below_cutoff_count is not None and not has(req, "half"):
        return _round_count(req, rnd, rnd.below_cutoff_count)
    return _stored_count(req, where.year, stated)


def _round_count(req: Request, rnd: StoredRound, n: int) -> Verdict:
    """A loaded round's count below its cutoff: 네 when any fell below — or, when the
    passing side is asserted ("So every R3 service scored at least 75, right?"), when none
    did."""
    e = req.entities
    passing = e.threshold is not None and e.threshold.direction in ("at_least", "above")
    passing = passing or (has(req, "pass") and not has(req, "fail"))
    at_cutoff = e.threshold is None or e.threshold.value == rnd.cutoff
    passing = passing and at_cutoff and "average" not in e.metrics
    return Verdict(
        ("no" if n else "yes") if passing else ("yes" if n else "no"),
        (below_line(req, rnd, n),),
        (rnd.document_id,),
        # a ranking's answer is no evidence of a count ("no ranking": scores unpublished)
        evidence=e.what not in ("rank", "highest", "lowest"),
    )


def _stored_count(req: Request, year: int | None, stated: Stated | None) -> Verdict | None:
    """A count below the cutoff stored as a figure of the year or of one round (a report's
    labelled), when no loaded round's own count answers or more than half is asked: against
    a stated share, a stated count of those that passed or fell below, half, or any."""
    e = req.entities
    counts = [
        f
        for f in req.q.figures_of_year(year or 0)
        if f.figure.metric == "below_cutoff" and f.figure.value is not None
    ]
    if e.round_no is not None:
        counts = [
            f
            for f in counts
            if f.figure.scope.round_start == f.figure.scope.round_end == e.round_no
        ]
    else:  # the year: its own figure or its rounds together, not one round's
        counts = [
            f
            for f in counts
            if f.figure.scope.round_start is None
            or f.figure.scope.round_start != f.figure.scope.round_end
        ]
    if not counts:
        return _printed_share(req, year, stated) if stated is not None else None
    stored = counts[0]
    n = int(stored.figure.value or 0)
    total = stored.figure.denominator or _total(req, stored)
    if stated is not None and total:
        line = _count_line(req, stored, n, total)
        return _against(req, stated, n, total, (line,), (stored.document_id,))
    if e.count is not None and total and tally.said(req.question, "passed_asked"):
        # "Were 34 services not excluded in 2023?": the stated count is of those that
        # passed — checked against the complement, its arithmetic shown
        return _passed_count(req, stored, n, total)
    if has(req, "half") and total:
        answer = "yes" if n * 2 > total else "no"
    elif e.count is not None:
        answer = "yes" if e.count == n else "no"
    else:
        answer = "yes" if n else "no"
    line = _count_line(req, stored, n, total)
    return Verdict(answer, (line,), (stored.document_id,), evidence=True)


def _passed_count(req: Request, stored: StoredFigure, below: int, total: int) -> Verdict:
    """A stated count of the services that did not fall below the cutoff, against the
    scope's evaluated − below."""
    t, passed = req.t, total - below
    line = t._(
        "{scope}: {passed} of {total} services ({share}) did not fall below the cutoff — "
        "{total} {minus} {below} = {passed}; {below} ({below_share}) fell below it.",
        scope=scope_name(t, stored.figure.scope),
        passed=passed,
        total=total,
        below=below,
        minus="−",
        share=t.pct(passed / total * 100, 1),
        below_share=t.pct(below / total * 100, 1),
    )
    line = as_reported(req, line, stored)
    answer = "yes" if req.entities.count == passed else "no"
    return Verdict(answer, (line,), (stored.document_id,))


def _against(
    req: Request,
    stated: Stated,
    n: int,
    total: int,
    lines: tuple[str, ...],
    docs: tuple[int | None, ...],
) -> Verdict:
    """A count below the cutoff as a share of the services evaluated, against the share the
    question states ("half of them failed", "30% 넘었어?"), its arithmetic shown."""
    t, share = req.t, n / total * 100
    sum_line = t._(
        "{n} ÷ {total} = {share} (against {stated})",
        n=n,
        total=total,
        share=t.pct(share, 1),
        stated=_shown(req, stated),
    )
    answer = "yes" if stated.met_by(share) else "no"
    return Verdict(answer, (*lines, sum_line), docs, evidence=True)


def _shown(req: Request, stated: Stated) -> str:
    """A stated share as a percentage, at the precision it was stated with (a fraction's
    at one decimal: "33.3%")."""
    value = stated.value
    places = stated.places if not stated.words else (0 if value == int(value) else 1)
    return req.t.pct(value, places)


def _round_share(req: Request, rnd: StoredRound, n: int, stated: Stated) -> Verdict | None:
    """ "3차에서 절반 넘게 떨어졌어?", "did a third of round 3 fail?": a loaded round's count
    below over its evaluated services, against the stated share."""
    total = len(req.q.evaluations(rnd.year, rnd.round_no))
    if not total:
        return None
    line = below_line(req, rnd, n)
    return _against(req, stated, n, total, (line,), (rnd.document_id,))


def _printed_share(req: Request, year: int | None, stated: Stated) -> Verdict | None:
    """ "Did half of the services fail in 2022?": a year whose count is not published but
    whose share is (a report's "23%"), against the stated share — the report named."""
    if year is None or req.entities.round_no is not None:
        return None
    found = tally.share_below(req, Scope.year(year))
    if found is None or found.counts:
        return None
    t = req.t
    line = t._(
        "{scope}: {share} below the cutoff (against {stated})",
        scope=scope_name(t, found.scope),
        share=found.shown,
        stated=_shown(req, stated),
    )
    docs = (found.report.document_id,) if found.report is not None else ()
    answer = "yes" if stated.met_by(float(found.value)) else "no"
    # the what-intent's answer follows: it names the report the share comes from
    return Verdict(answer, (line,), docs, evidence=True)


def _total(req: Request, stored: StoredFigure) -> int | None:
    """The services evaluated in a count's scope, as the same document gives them (the
    share's denominator when the count states none)."""
    for f in req.q.figures(scope=stored.figure.scope):
        if f.figure.metric == "services_evaluated" and f.document_id == stored.document_id:
            return int(f.figure.value or 0)
    return None


def _count_line(req: Request, stored: StoredFigure, n: int, total: int | None) -> str:
    """A stored count below the cutoff of a scope, out of its services when known, a
    report named."""
    scope = scope_name(req.t, stored.figure.scope)
    if total:
        line = req.t._(
            "{scope}: {n} of {total} services scored below the cutoff.",
            scope=scope,
            n=n,
            total=total,
        )
    else:
        line = req.t._("{scope}: {n} services scored below the cutoff.", scope=scope, n=n)
    line = as_reported(req, line, stored)
    return line
