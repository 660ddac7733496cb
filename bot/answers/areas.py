"""Scores by scoring area (분야별 점수: 공통/개별/만족도), where a round publishes them beside
each service's total: one service's area scores, an area's score as a share of its points,
and the services of a round ranked by one area.

A round that publishes no area scores keeps the plain "not published" answer
(bot/answers/unpublished.py), which then names the rounds that do publish them — the
answer is never taken from a round the question did not ask about.  The area words are
data (areas.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

import yaml

from bot.answers.base import (
    Draft,
    Reply,
    Request,
    difference,
    round_name,
    service_name,
    suggestions,
)
from bot.answers.base import points as points_of
from knowledge.model import AreaScore, Evaluation, StoredRound


@dataclass(frozen=True)
class Area:
    """A scoring area: the Korean core its labels hold, the words naming it, its English name."""

    core: str
    words: re.Pattern[str]
    en: str


@cache
def areas() -> tuple[Area, ...]:
    """The scoring areas of areas.yaml (Korean words match anywhere, English from a word start)."""
    with Path(__file__).with_name("areas.yaml").open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)["areas"]
    found = []
    for core, spec in data.items():
        words = [str(w).lower() for w in spec["words"]]
        parts = [re.escape(w) if not w.isascii() else rf"(?<![a-z]){re.escape(w)}" for w in words]
        found.append(Area(str(core), re.compile("|".join(parts)), str(spec["en"])))
    return tuple(found)


def asked_area(question: str) -> Area | None:
    """The one scoring area a question names ("만족도 점수", "satisfaction score"), else None."""
    lower = question.lower()
    named = [a for a in areas() if a.words.search(lower)]
    return named[0] if len(named) == 1 else None


def label(req: Request, area: Area, rnd: StoredRound | None) -> str:
    """The area as the round's overview names it ("사용자 만족도"), in English its own name."""
    if req.lang == "en":
        return area.en
    if rnd is not None:
        for label, _ in rnd.area_points:
            if area.core in label:
                return label
    return area.core


def _of(evaluation: Evaluation, area: Area) -> AreaScore | None:
    return next((s for s in evaluation.area_scores if area.core in s.area), None)


def _points(score: AreaScore, rnd: StoredRound | None, area: Area) -> int | None:
    """The area's points: stated in the table, else in the round's overview."""
    if score.points is not None:
        return score.points
    if rnd is not None:
        return next((p for label, p in rnd.area_points if area.core in label), None)
    return None


def _rounds_asked(req: Request) -> list[StoredRound]:
    """The rounds the question names (a round, or a year's rounds); every loaded one if none."""
    e = req.entities
    if e.round_no is not None:
        if e.year is not None:
            found = req.q.get_round(e.year, e.round_no)
            return [found] if found is not None else []
        return [r for r in req.q.rounds() if r.round_no == e.round_no]
    if e.year is not None:
        return list(req.q.rounds_of_year(e.year))
    return list(req.q.rounds())


def publishing_rounds(req: Request) -> list[StoredRound]:
    """The loaded rounds whose pages publish scores by area."""
    return [
        r
        for r in req.q.rounds()
        if any(v.area_scores for v in req.q.evaluations(r.year, r.round_no))
    ]


def answer(req: Request) -> Reply | None:
    """Area scores from the data, or None when the scope asked publishes none (the caller
    then says they are not published)."""
    e = req.entities
    if len(e.services) > 1 and asked_area(req.question) is not None:
        return _side_by_side(req, e.services)
    if e.services:
        return _of_service(req, e.services[0])
    area = asked_area(req.question)
    if area is None:
        return None
    rounds = [r for r in _rounds_asked(req) if r in publishing_rounds(req)]
    if e.year is None and e.round_no is None and len(rounds) > 1:
        rounds = rounds[-1:]  # no scope named: the newest round that publishes them
    if len(rounds) != 1:
        return None
    return _ranked(req, rounds[0], area)


def _scored_in_scope(req: Request, service_id: int, area: Area) -> Evaluation | None:
    """The service's evaluation in the scope asked (else its newest) that scores ``area``."""
    e = req.entities
    found = [
        v
        for v in req.q.evaluations_of_service(service_id)
        if e.year in (None, v.year) and e.round_no in (None, v.round_no) and _of(v, area)
    ]
    return found[-1] if found else None


def _side_by_side(req: Request, services: tuple[int, ...]) -> Reply | None:
    """ "창업허브랑 노동권익센터 만족도 점수 비교": each service's score in the area asked, and
    for two the gap — only when every one of them has that area's score published."""
    area = asked_area(req.question)
    if area is None:
        return None
    found = [_scored_in_scope(req, s, area) for s in services]
    if any(v is None for v in found):
        return None
    t, draft = req.t, Draft(req)
    values: list[tuple[float, int]] = []
    for v in found:
        assert v is not None
        score = _of(v, area)
        assert score is not None
        rnd = req.q.get_round(v.year, v.round_no)
        draft.add(
            t._(
                "{service}: {score} of {points}",
                service=f"{service_name(t, v.service)} ({round_name(t, v.year, v.round_no)})",
                score=t.num(score.score, score.precision),
                points=_points(score, rnd, area) or "",
            )
            if _points(score, rnd, area) is not None
            else t._(
                "{service}: {score}",
                service=service_name(t, v.service),
                score=t.num(score.score, score.precision),
            ),
            v.document_id,
        )
        values.append((score.score, score.precision))
    if len(values) == 2:
        (high, hp), (low, lp) = sorted(values, reverse=True)
        diff, precision = difference(high, hp, low, lp)
        draft.add(
            t._(
                "Difference: {a} − {b} = {diff}.",
                a=t.num(high, hp),
                b=t.num(low, lp),
                diff=points_of(t, diff, precision),
            )
        )
    first = label(
        req, area, req.q.get_round(found[0].year, found[0].round_no) if found[0] else None
    )
    draft.lines.insert(0, t._("{area} scores:", area=first))
    return draft.reply(suggestions=suggestions(req, "findings", "service_score"))


def _of_service(req: Request, service_id: int) -> Reply | None:
    """One service's area score (or all its areas), from its evaluation in the scope asked
    (else its newest evaluation that publishes them); a share of the area's points when asked."""
    e, t = req.entities, req.t
    evaluations = [
        v
        for v in req.q.evaluations_of_service(service_id)
        if e.year in (None, v.year) and e.round_no in (None, v.round_no)
    ]
    published = [v for v in evaluations if v.area_scores]
    if not published:
        return None
    reply = _service_lines(req, published[-1])
    newer = [
        v
        for v in evaluations
        if (v.year, v.round_no) > (published[-1].year, published[-1].round_no)
    ]
    if not newer:
        return reply
    # its newer evaluations publish none: said, so the older round's score is not read as new
    note = t._(
        "{rounds} published no scores by area.",
        rounds=t.join([round_name(t, v.year, v.round_no) for v in newer]),
    )
    return Reply(reply.text + "\n" + note, reply.answered, reply.sources, reply.suggestions)


def _service_lines(req: Request, evaluation: Evaluation) -> Reply:
    t, draft = req.t, Draft(req)
    rnd = req.q.get_round(evaluation.year, evaluation.round_no)
    name = service_name(t, evaluation.service)
    when = round_name(t, evaluation.year, evaluation.round_no)
    area = asked_area(req.question)
    shown = [a for a in areas() if area is None or a is area]
    for each in shown:
        score = _of(evaluation, each)
        if score is None:
            continue
        points = _points(score, rnd, each)
        named = label(req, each, rnd)
        value = t.num(score.score, score.precision)
        if points is None:
            draft.add(
                t._(
                    "{service} scored {score} in the {area} area in {round}.",
                    service=name,
                    score=value,
                    area=named,
                    round=when,
                ),
                evaluation.document_id,
            )
            continue
        draft.add(
            t._(
                "{service} scored {score} of {points} points in the {area} area in {round}.",
                service=name,
                score=value,
                points=points,
                area=named,
                round=when,
            ),
            evaluation.document_id,
        )
        if "share" in req.entities.metrics and area is not None:
            pct = (Decimal(str(score.score)) * 100 / points).quantize(Decimal("0.1"), ROUND_HALF_UP)
            pct_text = t.pct(pct, 0 if pct == pct.to_integral_value() else 1)
            draft.add(
                t._("That is {sum} of the area's points.", sum=f"{value} / {points} = {pct_text}")
            )
    if evaluation.score is not None and area is None:
        draft.add(
            t._("Total: {score} points.", score=t.num(evaluation.score, evaluation.score_precision))
        )
    return draft.reply(suggestions=suggestions(req, "findings", "service_score"))


def _ranked(req: Request, rnd: StoredRound, area: Area) -> Reply | None:
    """The services of a round by one area's score: the highest (or lowest) first, or the
    one asked for with the list after it."""
    t, draft = req.t, Draft(req)
    rows = [(v, s) for v in req.q.evaluations(rnd.year, rnd.round_no) if (s := _of(v, area))]
    if not rows:
        return None
    low = "lowest" in req.entities.metrics
    rows.sort(key=lambda vs: vs[1].score, reverse=not low)
    named = label(req, area, rnd)
    when = round_name(t, rnd.year, rnd.round_no)
    end = rows[0][1].score
    tops = [v for v, s in rows if s.score == end]
    if req.entities.metrics & {"highest", "lowest"}:
        names = t.join([service_name(t, v.service) for v in tops])
        draft.add(
            (
                t._(
                    "Lowest {area} score in {round}: {services} ({score}).",
                    area=named,
                    round=when,
                    services=names,
                    score=t.num(end, rows[0][1].precision),
                )
                if low
                else t._(
                    "Highest {area} score in {round}: {services} ({score}).",
                    area=named,
                    round=when,
                    services=names,
                    score=t.num(end, rows[0][1].precision),
                )
            ),
            rnd.document_id,
        )
    else:
        draft.add(t._("{area} scores in {round}:", area=named, round=when), rnd.document_id)
    if not req.entities.terse:
        for v, s in rows:
            name, value = service_name(t, v.service), t.num(s.score, s.precision)
            most = _points(s, rnd, area)
            draft.add(
                t._("{service}: {score} of {points}", service=name, score=value, points=most)
                if most is not None
                else t._("{service}: {score}", service=name, score=value)
            )
    return draft.reply(suggestions=suggestions(req, "rank"))
