"""Was it published?: a service's score, its results, a round's results — the page is the
proof, and a round without per-service scores says what it published instead."""

from __future__ import annotations

from bot.answers.base import (
    Request,
    points,
    report_note,
    round_name,
    scope_name,
    service_name,
    target,
)
from bot.answers.known import reports_about
from bot.answers.yesno.common import (
    Verdict,
    checked_round,
    has,
    in_english,
    named_service,
    scope_not_loaded,
)
from bot.answers.yesno.score import scored_line, standing, unscored_line
from knowledge.model import Evaluation, Scope, Service, StoredRound


def score_published(req: Request) -> Verdict | None:
    """ "점수가 공개된 건가요?", "Was its score made public?": a *score* asked published,
    not the round's results — a round publishes its results without each service's
    score, so the round's page being public is no 네.  Scores published: 네, the score;
    not: 아니요, and what the page published instead (its average; a service's standing)."""
    e, t = req.entities, req.t
    if not has(req, "published"):
        return None
    if scope_not_loaded(req) and not e.services:
        # "Were the 2024 results published?" with no 2024 page loaded: a report's figures
        # are no proof of an official disclosure — not known here, and what is held
        return Verdict("unknown", (), (), evidence=True)
    scorey = has(req, "score_words") or "scores" in e.metrics or e.what == "service_score"
    service = named_service(req)
    if service is not None and not scorey:
        return _results_published(req, service)
    if not scorey:
        return None
    if service is not None:
        return _service_score_published(req, service)
    _, rnd = checked_round(req)
    if rnd is None or e.services:
        return None
    scored = [v for v in req.q.evaluations(rnd.year, rnd.round_no) if v.score is not None]
    if scored:
        return None  # the round's scores are there: the what-intent's answer lists them
    lines = [
        t._(
            "Individual scores of {round} were not published.",
            round=round_name(t, rnd.year, rnd.round_no),
        ),
        *_published_instead(req, rnd),
    ]
    return Verdict("no", tuple(lines), (rnd.document_id,))


def _service_score_published(req: Request, service: Service) -> Verdict | None:
    """A service's score asked published, in the round or year named (its newest
    evaluation otherwise): 네 with the score, else 아니요 with what was published and
    where it stands."""
    e = req.entities
    held = req.q.evaluations_of_service(service.id)
    if e.year is not None or e.round_no is not None:
        where = target(req, whole_year=e.round_no is None)
        held = [v for v in held if v.year == where.year and where.round_no in (None, v.round_no)]
    newest = _newest(req, held)
    if newest is None:
        return None
    ev, rnd = newest
    name = service_name(req.t, service)
    if ev.score is not None:
        line = scored_line(req, name, (ev.score, ev.score_precision), rnd)
        return Verdict("yes", (line,), (rnd.document_id,))
    lines = [
        unscored_line(req, name, rnd),
        *_published_instead(req, rnd),
        standing(req, name, ev, rnd),
    ]
    return Verdict("no", tuple(dict.fromkeys(lines)), (rnd.document_id,))


def _results_published(req: Request, service: Service) -> Verdict | None:
    """ "마포자원회수시설 평가 결과 발표됐어?": the service's results were published with its
    round (its achievements and tasks) — but not its own score, said with it."""
    t, e = req.t, req.entities
    held = req.q.evaluations_of_service(service.id)
    if e.year is not None:
        held = [v for v in held if v.year == e.year and e.round_no in (None, v.round_no)]
    newest = _newest(req, held)
    if newest is None:
        return None
    ev, rnd = newest
    name = service_name(t, service)
    lines = [
        _results_line(req, rnd),
        t._("They include {service}'s achievements and improvement tasks.", service=name),
    ]
    if ev.score is None:
        lines.append(unscored_line(req, name, rnd))
    return Verdict("yes", tuple(lines), (rnd.document_id,))


def _newest(req: Request, held: list[Evaluation]) -> tuple[Evaluation, StoredRound] | None:
    """The newest of a service's evaluations asked about, with its round: what a check of
    its publication rests on (None: no evaluation, or its round not loaded)."""
    if not held:
        return None
    rnd = req.q.get_round(held[-1].year, held[-1].round_no)
    return (held[-1], rnd) if rnd is not None else None


def _results_line(req: Request, rnd: StoredRound) -> str:
    """ "The results of 2023 round 3 were published: “…”": the round's page, by its title,
    is the proof that its results are public."""
    return req.t._(
        "The results of {round} were published: “{title}”.",
        round=round_name(req.t, rnd.year, rnd.round_no),
        title=in_english(req, rnd.title),
    )


def _published_instead(req: Request, rnd: StoredRound) -> list[str]:
    """What a round without per-service scores did publish instead of them: its average."""
    t, out = req.t, []
    if rnd.average_score is not None:
        out.append(
            t._(
                "The average of {round} was {value}.",
                round=round_name(t, rnd.year, rnd.round_no),
                value=points(t, float(rnd.average_score), 2),
            )
        )
    return out


def published(req: Request) -> Verdict | None:
    """ "평가 결과 공개돼?": the results are published — this disclosure is the proof."""
    _, rnd = checked_round(req)
    if rnd is None or not has(req, "published") or req.entities.services:
        return None
    return Verdict("yes", (_results_line(req, rnd),), (rnd.document_id,))


def figures_official(req: Request) -> Verdict | None:
    """ "24년 숫자 공식 공개자료 맞음?", "Are the 2023 round 3 figures official?": a loaded
    page of the scope is an official disclosure (네); a scope known only from reports is
    not (아니요, and which report) — the source kind of what the bot holds answers it."""
    if not has(req, "official"):
        return None
    where = target(req, whole_year=req.entities.round_no is None)
    if where.year is None or not where.named:
        return None
    t = req.t
    rounds = [where.round] if where.round is not None else req.q.rounds_of_year(where.year)
    if rounds:
        names = t.join([round_name(t, r.year, r.round_no) for r in rounds])
        line = t._("The results of {rounds} come from the official disclosure.", rounds=names)
        return Verdict("yes", (line,), tuple(r.document_id for r in rounds))
    reports = reports_about(req, where.scope)
    if not reports:
        return None
    notes = t.join(list(dict.fromkeys(report_note(req, f) for f in reports)))
    line = t._(
        "No official disclosure of {scope} is loaded; its figures come from {notes}.",
        scope=scope_name(t, where.scope),
        notes=notes,
    )
    return Verdict("no", (line,), tuple(dict.fromkeys(f.document_id for f in reports)))


def held_in_year(req: Request) -> Verdict | None:
    """ "Was there an evaluation back in 2020?", "2020년에도 평가했어?": a year's evaluation held
    at all — a loaded round says yes; a report of that year's round says yes too, named;
    nothing of the year is no answer here (another check, or not loaded, says so)."""
    from bot.answers.base import report_note
    from bot.answers.known import reports_about

    e = req.entities
    if not has(req, "held_at_all") or e.year is None or e.services:
        return None
    if e.what not in (None, "round_summary", "fallback"):
        return None  # "2020년에도 X가 평가했어?": who evaluated, not whether anyone did
    t = req.t
    rounds = req.q.rounds_of_year(e.year)
    if rounds:
        names = t.join([round_name(t, r.year, r.round_no) for r in rounds])
        line = t._("The knowledge base holds {rounds}.", rounds=names)
        return Verdict("yes", (line,), tuple(r.document_id for r in rounds), evidence=True)
    reports = reports_about(req, Scope.year(e.year))
    if not reports:
        return None
    notes = t.join(list(dict.fromkeys(report_note(req, f) for f in reports)))
    line = t._(
        "No disclosure of {year} is loaded, but {notes} reports an evaluation that year.",
        year=e.year,
        notes=notes,
    )
    documents = tuple(dict.fromkeys(f.document_id for f in reports))
    return Verdict("yes", (line,), documents, evidence=True)  # then what the reports say
