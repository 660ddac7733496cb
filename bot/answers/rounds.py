"""Round-level facts: summary, the services evaluated, how many, legal basis, evaluator,
period and scoring scheme — each for the named round, else the newest one.  A year (or
"all rounds") covers every loaded round of it: its services and counts round by round."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from bot.answer import Suggestion
from bot.answers import handles, tally
from bot.answers.base import (
    Coverage,
    Draft,
    Joiner,
    Reply,
    Request,
    Target,
    ask,
    coverage,
    english_or_korean,
    entity,
    evaluated_count,
    points,
    report_note,
    round_name,
    scope_name,
    score,
    share,
    share_sum,
    suggestions,
    target,
    target_name,
    unshadowed,
    value,
)
from bot.answers.known import (
    RESULT_METRICS,
    figure_phrase,
    loaded_rounds,
    not_loaded,
    report_lines,
    reported_only,
    reports_about,
)
from knowledge.model import Evaluation, Scope, Service, StoredFigure, StoredRound


def round_title(req: Request, where: Target) -> str:
    """The round's name; when the question named none, said to be the newest loaded."""
    if where.year is None or where.round_no is None:
        return target_name(req.t, where)
    name = round_name(req.t, where.year, where.round_no)
    if where.named:
        return name
    return req.t._("{round} (the newest round in the knowledge base)", round=name)


def _loaded(req: Request) -> tuple[Target, StoredRound | None]:
    """The question's round (named, else the newest) and its row, None when not loaded."""
    where = target(req, whole_year=False)
    return where, where.round


#: A named round's summary lists its services when it evaluated at most this many.
_LISTED_IN_SUMMARY = 12


@handles("round_summary")
def round_summary(req: Request) -> Reply:
    """Average, services evaluated and the cutoff outcome of a round (or of a named year)."""
    e = req.entities
    if e.round_no is None and e.year is not None:
        return _year_summary(req, Target(e.year, None, True))
    cov = coverage(req)
    if cov.kind in ("all", "recent"):  # "which rounds do you have?", "최근 3개 차수 요약"
        return _every_round_summary(req, cov)
    where, rnd = _loaded(req)
    if rnd is None:
        missing = not_loaded(
            req, where, offer=("round_summary", "reported_figures"), answers=RESULT_METRICS
        )
        return _with_year_known(req, where, missing)
    t, draft = req.t, Draft(req)
    if req.entities.terse:
        # "한 줄로 요약해줘": the engine keeps the first line — it carries every key figure
        key_line(req, Scope.round(rnd.year, rnd.round_no), rnd, draft)
    draft.add(
        t._(
            "{round}: {n} services evaluated, average score {average}.",
            round=round_title(req, where),
            n=evaluated_count(req, rnd),
            average=points(t, rnd.average_score, rnd.average_precision)
            if rnd.average_score is not None
            else t._("not published"),
        ),
        rnd.document_id,
    )
    evaluated = req.q.evaluations(rnd.year, rnd.round_no)
    asked = where.named or entity(req, "latest", False)  # "최신 차수에서 평가받은 사무"
    if asked and 0 < len(evaluated) <= _LISTED_IN_SUMMARY:  # "2024년 1차 평가 대상 알려줘"
        names = [
            e.service.name_en if t.lang == "en" and e.service.name_en else req.q.published_name(e)
            for e in evaluated
        ]
        draft.add(t._("Services evaluated: {names}.", names=t.join(names)))
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
    _below_names(req, rnd, draft)
    _year_average_line(req, rnd.year, draft)
    return draft.reply(suggestions=suggestions(req, "services_list", "below_cutoff", "average"))


def _every_round_summary(req: Request, cov: Coverage) -> Reply:
    """Every loaded round (or the last N), oldest first: how many services it evaluated
    and its average."""
    t, draft, rounds = req.t, Draft(req), cov.rounds
    if not rounds:
        return not_loaded(req, Target(None, None, True))
    if cov.kind == "all":
        draft.add(
            t.n_(
                "The knowledge base holds {n} round:",
                "The knowledge base holds {n} rounds:",
                len(rounds),
            )
        )
    else:
        draft.add(t._("{scope}:", scope=cov.label))
    for rnd in rounds:
        draft.add(
            t._(
                "{round}: {n} services evaluated, average score {average}.",
                round=round_name(t, rnd.year, rnd.round_no),
                n=evaluated_count(req, rnd),
                average=points(t, rnd.average_score, rnd.average_precision)
                if rnd.average_score is not None
                else t._("not published"),
            ),
            rnd.document_id,
        )
    return draft.reply(suggestions=suggestions(req, "services_list", "average"))


def _below_names(req: Request, rnd: StoredRound, draft: Draft) -> None:
    """The names of the round's services below the cutoff, where its page gives them
    (named in the results, or readable from the published scores)."""
    names = below_cutoff_names(req, rnd)
    if names:
        draft.add(req.t._("They are: {names}.", names=req.t.join(names)))


def below_cutoff_names(req: Request, rnd: StoredRound) -> list[str]:
    """Services of ``rnd`` below its cutoff by name: from the published scores when there
    are any, else from the names the results section lists; empty when neither exists."""
    scored = [e for e in req.q.evaluations(rnd.year, rnd.round_no) if e.score is not None]
    if scored:
        return [req.q.published_name(e) for e in scored if score(e) < rnd.cutoff]
    return list(rnd.below_cutoff_names)


def _with_year_known(req: Request, where: Target, missing: Reply) -> Reply:
    """ "2026년 1차 결과 알려줘" with that round not loaded: after saying so, its year's
    whole average when another page states it (still not the round's own result)."""
    if where.year is None or where.round_no is None or missing.answered:
        return missing
    draft = Draft(req)
    _year_average_line(req, where.year, draft)
    if not draft.lines:
        return missing
    lines = missing.text.splitlines() + draft.lines
    sources = tuple(dict.fromkeys((*missing.sources, *draft.reply().sources)))
    return replace(missing, text="\n".join(lines), sources=sources)


def _year_average_line(req: Request, year: int, draft: Draft) -> None:
    """The whole year's average as context; a reported one says so in the same sentence."""
    stored = req.q.figure("average_score", Scope.year(year))
    if stored is None:
        return
    values = {
        "year": year,
        "average": points(req.t, value(stored), stored.figure.precision),
    }
    if stored.official:
        line = req.t._("For all of {year}, the average was {average}.", **values)
    else:
        line = req.t._(
            "For all of {year}, the average was {average}, according to {note}.",
            note=report_note(req, stored),
            **values,
        )
    draft.add(line, stored.document_id)


def _single_round(scope: Scope) -> bool:
    return scope.round_start is not None and scope.round_start == scope.round_end


def _year_summary(req: Request, where: Target) -> Reply:
    """A year: its official year-level figures and loaded rounds, then reports as context."""
    if where.year is None:
        return not_loaded(req, where)
    official = [
        f
        for f in req.q.figures_of_year(where.year)
        if f.official and not _single_round(f.figure.scope)
    ]
    rounds = req.q.rounds_of_year(where.year)
    if not official and not rounds:
        missing = not_loaded(
            req, where, offer=("round_summary", "reported_figures"), answers=RESULT_METRICS
        )
        return _reported_key_line(req, where, missing) if req.entities.terse else missing
    draft = Draft(req)
    if req.entities.terse:  # "23년 전체 한 줄로": the key figures first, on one line
        key_line(req, where.scope, None, draft)
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
                n=evaluated_count(req, rnd),
                average=points(req.t, rnd.average_score, rnd.average_precision)
                if rnd.average_score is not None
                else req.t._("not published"),
            ),
            rnd.document_id,
        )
    report_lines(req, reports_about(req, where.scope), draft)
    return draft.reply(suggestions=suggestions(req, "average", "below_cutoff"))


def _reported_key_line(req: Request, where: Target, missing: Reply) -> Reply:
    """ "2024년 결과 한 줄로": a year no loaded page covers, in one line from the reports
    about it (named in the line), the "not loaded" reply after it; none: that reply."""
    draft = Draft(req)
    if not key_line(req, where.scope, None, draft):
        return missing
    lines = [*draft.lines, *missing.text.splitlines()]
    sources = tuple(dict.fromkeys((*draft.reply().sources, *missing.sources)))
    return replace(missing, text="\n".join(lines), sources=sources, answered=True)


def key_line(req: Request, scope: Scope, rnd: StoredRound | None, draft: Draft) -> bool:
    """ "보도자료에 넣게 한 줄로 요약해줘": a round's or a year's key figures on one line —
    services evaluated, the average, how many fell below the cutoff (of how many, the share;
    "none" said too) — reports named at its end.  Whether there was anything to say."""
    t = req.t
    pieces: list[str] = []
    docs: list[int | None] = []
    reports: dict[int | None, StoredFigure] = {}
    evaluated = tally.count(req, scope, tally.EVALUATED)
    if rnd is not None:
        total: int | None = evaluated_count(req, rnd)
        docs.append(rnd.document_id)
    else:
        total = evaluated.value if evaluated is not None else None
    if total:
        pieces.append(t.n_("{n} service evaluated", "{n} services evaluated", total))
    if evaluated is not None and evaluated.report is not None and rnd is None:
        reports[evaluated.report.document_id] = evaluated.report
    average = _key_average(req, scope, rnd, reports, docs)
    if average is not None:
        pieces.append(average)
    below = _key_below(req, scope, rnd, total, reports, docs)
    if below is not None:
        pieces.append(below)
    if not pieces:
        return False
    named, facts = scope_name(t, scope), ", ".join(pieces)
    line = t._("{scope}: {facts}.", scope=named, facts=facts)
    if reports:
        notes = t.join([report_note(req, r) for r in reports.values()])
        line = t._("{scope}: {facts} — according to {note}.", scope=named, facts=facts, note=notes)
        docs.extend(reports)
    draft.add(line, *docs)
    return True


def _key_average(
    req: Request,
    scope: Scope,
    rnd: StoredRound | None,
    reports: dict[int | None, StoredFigure],
    docs: list[int | None],
) -> str | None:
    """The scope's average for the key line: the round's own, else the published one."""
    t = req.t
    if rnd is not None and rnd.average_score is not None:
        return t._(
            "an average score of {value}",
            value=points(t, rnd.average_score, rnd.average_precision),
        )
    stored = req.q.figure("average_score", scope)
    if stored is None or stored.figure.value is None:
        return None
    if stored.official:
        docs.append(stored.document_id)
    else:
        reports[stored.document_id] = stored
    return figure_phrase(req, stored.figure)


def _key_below(
    req: Request,
    scope: Scope,
    rnd: StoredRound | None,
    total: int | None,
    reports: dict[int | None, StoredFigure],
    docs: list[int | None],
) -> str | None:
    """How many fell below the cutoff for the key line: "none below the 75-point cutoff",
    else the count of how many with its share ("13 of 47 (27.7%)")."""
    t = req.t
    cutoffs = {r.cutoff for r in req.q.rounds_of_year(scope.year_start or 0)}
    cutoff = rnd.cutoff if rnd is not None else (cutoffs.pop() if len(cutoffs) == 1 else None)
    if rnd is not None and rnd.below_cutoff_count is not None:
        n: int | None = rnd.below_cutoff_count
    else:
        found = tally.count(req, scope, tally.BELOW)
        n = found.value if found is not None else None
        if found is not None and found.report is not None:
            reports[found.report.document_id] = found.report
        elif found is not None:
            docs.append(found.document_id)
    if n is None:
        return None
    if n == 0 and cutoff is not None:
        return t._("none below the {cutoff}-point cutoff", cutoff=t.num(cutoff))
    if not total:
        return t._("{n} below the cutoff", n=n)
    values = {"n": n, "total": total, "share": t.pct(share(n, total), 1)}
    if cutoff is None:
        return t._("{n} of {total} ({share}) below the cutoff", **values)
    return t._(
        "{n} of {total} ({share}) below the {cutoff}-point cutoff", cutoff=t.num(cutoff), **values
    )


@handles("services_list")
def services_list(req: Request) -> Reply:
    """The services evaluated in a round (in published order), or in every loaded round of
    a year or of the whole knowledge base, round by round."""
    cov = coverage(req)
    e = req.entities
    if "history" in e.metrics and e.kind is None:  # "which services were evaluated again?"
        return _evaluated_again(req)
    if _share_of_quoted(req) is not None:
        # "2023년에 평가받은 사무가 377개 중에 몇 %야?": a count asked as a share, no list
        return count_evaluated(req)
    other = (e.compare_year, entity(req, "compare_round"))
    if e.round_no is not None and other[0] is not None and other[1] is not None:
        return _in_both(req, (other[0], other[1]))  # "2026년 1차 중 2023년 3차에도 평가받은 사무"
    if cov.kind != "round":
        return _services_of_rounds(req, cov)
    where, rnd = _loaded(req)
    if rnd is None:
        return not_loaded(req, where, offer=("services_list", "reported_figures"))
    evaluations = req.q.evaluations(rnd.year, rnd.round_no)
    draft = Draft(req)
    total = evaluated_count(req, rnd)
    if total > len(evaluations):  # the page named only some: never list them as all
        draft.add(
            req.t._(
                "{round} evaluated {n} services; its page names {k} of them:",
                round=round_title(req, where),
                n=total,
                k=len(evaluations),
            ),
            rnd.document_id,
        )
    else:
        draft.add(
            req.t.n_(
                "{round} evaluated {n} service:",
                "{round} evaluated {n} services:",
                len(evaluations),
                round=round_title(req, where),
            ),
            rnd.document_id,
        )
    _numbered(req, evaluations, draft)
    _which_kind(req, rnd, draft)
    first = evaluations[0].service if evaluations else None
    offer = tuple(s for s in (_findings_ask(req, first),) if s) + suggestions(req, "below_cutoff")
    if _scores_missing(req, evaluations):
        draft.add(req.t._("This round's page did not publish each service's score."))
        return draft.reply(answered=False, suggestions=offer)
    return draft.reply(suggestions=offer)


def _which_kind(req: Request, rnd: StoredRound, draft: Draft) -> None:
    """ "평가대상은 어떤 사무들이야?" with no round named: what kind of services are evaluated
    (the page's own statement: those whose consignment period is ending) after the list."""
    from bot.answers.about import purpose_line

    lower = req.question.lower()
    if req.entities.has_scope or not any(w in lower for w in tally.words()["which_kind"]):
        return
    stated = purpose_line(req, rnd.document_id)
    if stated:
        draft.add(req.t._("Purpose, as published: {line}", line=stated), rnd.document_id)


def _scores_missing(req: Request, evaluations: list[Evaluation]) -> bool:
    """The question asks each service's score ("List the scores of every service") and the
    round published none: the list is not the answer."""
    from bot.understand.parts import shared_parts

    if any(e.score is not None for e in evaluations):
        return False
    asked = shared_parts().checks["score_words"].search(req.question.lower())
    return "scores" in req.entities.metrics or bool(asked)


def _numbered(req: Request, evaluations: list[Evaluation], draft: Draft) -> None:
    """One line per service, numbered, under the name its round's page used."""
    for number, evaluation in enumerate(evaluations, start=1):
        name = _published(req, evaluation)
        if evaluation.score is not None:  # a published score goes with its name
            name = req.t._(
                "{name}: {score}",
                name=name,
                score=points(req.t, evaluation.score, evaluation.score_precision),
            )
        draft.add(req.t._("{number}. {name}", number=number, name=name))


def _published(req: Request, evaluation: Evaluation) -> str:
    """The service's name in the answer's language: its curated English name, else the
    Korean name the round's page printed."""
    if req.lang == "en" and evaluation.service.name_en:
        return evaluation.service.name_en
    return req.q.published_name(evaluation)


def _services_of_rounds(req: Request, cov: Coverage) -> Reply:
    """Every loaded round of a year (or of a span), each with its services; over every
    loaded round, each service once with the rounds it was evaluated in."""
    if not cov.rounds:
        return _nothing_loaded(req, cov, offer=("services_list", "reported_figures"))
    if cov.kind == "all":
        return _every_service(req, cov)
    t, draft = req.t, Draft(req)
    total = sum(evaluated_count(req, r) for r in cov.rounds)
    draft.add(
        t.n_(
            "{scope}: {n} service evaluated in {rounds}:",
            "{scope}: {n} services evaluated in {rounds}:",
            total,
            scope=cov.label,
            rounds=_rounds_phrase(req, cov.rounds),
        )
    )
    for rnd in cov.rounds:
        evaluations = req.q.evaluations(rnd.year, rnd.round_no)
        draft.add(
            t.n_(
                "{round} ({n} service):",
                "{round} ({n} services):",
                len(evaluations),
                round=round_name(t, rnd.year, rnd.round_no),
            ),
            rnd.document_id,
        )
        _numbered(req, evaluations, draft)
    if cov.kind == "year" and cov.year is not None:
        _year_counts(req, cov.year, cov.rounds, draft)
    return draft.reply(suggestions=suggestions(req, "below_cutoff", "average"))


def _in_both(req: Request, other: tuple[int, int]) -> Reply:
    """The services of the asked round that the other round evaluated too (renamings are
    one service), each with both rounds' scores; "Yes/No —" first for a yes/no question."""
    t, draft = req.t, Draft(req)
    where, rnd = _loaded(req)
    second = req.q.get_round(*other)
    if rnd is None:
        return not_loaded(req, where, offer=("services_list",))
    if second is None:
        return not_loaded(req, Target(other[0], other[1], True), offer=("services_list",))
    before = {v.service.id: v for v in req.q.evaluations(second.year, second.round_no)}
    both = [
        (before[v.service.id], v)
        for v in req.q.evaluations(rnd.year, rnd.round_no)
        if v.service.id in before
    ]
    names = {
        "round": round_name(t, rnd.year, rnd.round_no),
        "other": round_name(t, second.year, second.round_no),
    }
    yes_no = req.entities.how == "yes_no"
    if not both:
        line = t._("No service of {round} was evaluated in {other} too.", **names)
        draft.add(
            t._("No — {line}", line=line) if yes_no else line, rnd.document_id, second.document_id
        )
        return draft.reply()
    line = t.n_(
        "{n} service of {round} was evaluated in {other} too:",
        "{n} services of {round} were evaluated in {other} too:",
        len(both),
        **names,
    )
    draft.add(
        t._("Yes — {line}", line=line) if yes_no else line, rnd.document_id, second.document_id
    )
    unpublished = t._("not published")
    for number, (a, b) in enumerate(both, start=1):
        parts = [
            t._(
                "{round}: {value}",
                round=round_name(t, v.year, v.round_no),
                value=points(t, v.score, v.score_precision) if v.score is not None else unpublished,
            )
            for v in sorted((a, b), key=lambda v: (v.year, v.round_no))
        ]
        name = t._("{name} ({rounds})", name=_published(req, b), rounds=t.join(parts))
        draft.add(t._("{number}. {name}", number=number, name=name))
    return draft.reply(suggestions=suggestions(req, "services_list"))


def _evaluated_again(req: Request) -> Reply:
    """Every service evaluated in more than one loaded round (renamings are one service),
    with each round and its score where published."""
    t, draft = req.t, Draft(req)
    history: dict[int, list[Evaluation]] = {}
    for v in req.q.evaluations():
        history.setdefault(v.service.id, []).append(v)
    again = [evaluations for evaluations in history.values() if len(evaluations) > 1]
    rounds = len(req.q.rounds())
    if not again:
        draft.add(
            t.n_(
                "No service was evaluated more than once in the {n} loaded round.",
                "No service was evaluated more than once in the {n} loaded rounds.",
                rounds,
            )
        )
        return draft.reply()
    draft.add(
        t.n_(
            "{n} service was evaluated more than once in the {total} loaded rounds:",
            "{n} services were evaluated more than once in the {total} loaded rounds:",
            len(again),
            total=rounds,
        )
    )
    # many lines over thirty rounds: each template is translated once, then filled
    join, named = Joiner(t), {}
    part, unpublished = t._("{round}: {value}"), t._("not published")
    with_rounds, numbered = t._("{name} ({rounds})"), t._("{number}. {name}")
    for number, evaluations in enumerate(again, start=1):
        parts = []
        for v in evaluations:
            if (v.year, v.round_no) not in named:
                named[(v.year, v.round_no)] = round_name(t, v.year, v.round_no)
            shown = points(t, v.score, v.score_precision) if v.score is not None else unpublished
            parts.append(part.format(round=named[(v.year, v.round_no)], value=shown))
        name = with_rounds.format(name=_published(req, evaluations[-1]), rounds=join(parts))
        draft.lines.append(numbered.format(number=number, name=name))
        draft.cite(*(v.document_id for v in evaluations))
    return draft.reply(suggestions=suggestions(req, "services_list"))


def _every_service(req: Request, cov: Coverage) -> Reply:
    """Every service the loaded rounds evaluated, once each (renamings are one service),
    in order of first evaluation, with the rounds it was evaluated in."""
    t, draft = req.t, Draft(req)
    covered = {(r.year, r.round_no) for r in cov.rounds}
    history: dict[int, list[Evaluation]] = {}
    for v in req.q.evaluations():
        if (v.year, v.round_no) in covered:
            history.setdefault(v.service.id, []).append(v)
    draft.add(
        t.n_(
            "{n} service was evaluated in the {k} loaded rounds:",
            "{n} services were evaluated in the {k} loaded rounds:",
            len(history),
            k=len(cov.rounds),
        ),
        *(r.document_id for r in cov.rounds),
    )
    # hundreds of lines over thirty rounds: each template is translated once, then filled
    join = Joiner(t)
    named = {(r.year, r.round_no): round_name(t, r.year, r.round_no) for r in cov.rounds}
    with_rounds, numbered = t._("{name} ({rounds})"), t._("{number}. {name}")
    for number, evaluations in enumerate(history.values(), start=1):
        rounds = join([named[(v.year, v.round_no)] for v in evaluations])
        name = with_rounds.format(name=_published(req, evaluations[-1]), rounds=rounds)
        draft.lines.append(numbered.format(number=number, name=name))
    return draft.reply(suggestions=suggestions(req, "below_cutoff", "average"))


def _rounds_phrase(req: Request, rounds: tuple[StoredRound, ...]) -> str:
    """ "1 loaded round" / "3 loaded rounds" — how much of the scope the knowledge base holds."""
    return req.t.n_("{n} loaded round", "{n} loaded rounds", len(rounds))


def _nothing_loaded(req: Request, cov: Coverage, offer: tuple[str, ...]) -> Reply:
    """No loaded round in the scope: what reports say of it, and which rounds are loaded."""
    if cov.kind == "year" and cov.year is not None:
        return not_loaded(req, Target(cov.year, None, True), offer=offer)
    draft = Draft(req)
    draft.add(req.t._("No loaded round falls in {scope}.", scope=cov.label))
    draft.add(req.t._("Rounds loaded: {rounds}.", rounds=loaded_rounds(req)))
    return draft.reply(answered=False, suggestions=suggestions(req, *offer))


def _findings_ask(req: Request, service: Service | None) -> Suggestion | None:
    return ask(req, "findings", service) if service is not None else None


@handles("count_evaluated")
def count_evaluated(req: Request) -> Reply:
    """Services evaluated in the round, and due in its year (both when known); for a year
    or everything, the count over every loaded round, with year figures beside it."""
    if tally.consigned_asked(req):  # "평가받은 사무 수 말고 민간위탁 사무 전체": Seoul's own
        from bot.answers import HANDLERS

        e = req.entities
        return HANDLERS["consignment"](
            replace(req, entities=replace(e, aspects=e.aspects | {"size"}))
        )
    renewals = tally.renewals_not_published(req)
    if renewals is not None:  # "재계약 된 곳 몇 개?": not the services evaluated
        return renewals
    if tally.passed_count_asked(req):  # "In 2024 how many made the pass mark?"
        return tally.as_complement(req)
    if tally.how_many(req) and tally.pass_negated(req.question):
        from bot.answers import HANDLERS  # "How many didn't pass?": those below the cutoff

        return HANDLERS["below_cutoff"](req)
    special = (
        tally.listed_rounds(req, tally.EVALUATED)
        or tally.era_counts(req)
        or tally.yearly_end(req, tally.EVALUATED)
    )
    if special is not None:  # rounds listed; an earlier cutoff's time; the year with most
        return special
    if not tally.per_year(req):
        special = tally.versus(req, tally.EVALUATED)
        if special is not None:  # two scopes side by side
            return special
    per_year = tally.yearly(req, tally.EVALUATED, every_year=tally.per_year(req))
    if per_year is not None and not req.entities.has_scope:  # "연도별로": every year held
        return per_year
    if per_year is not None:  # "per year from 2023 to 2026": each year's count, then the rounds
        return _followed(per_year, _count_evaluated(req))
    if "average" in req.entities.metrics:
        # "몇 개 사무 했어? 평균은?": the count, then the average of the same scope
        return _with_average(req, _count_evaluated(req))
    quoted = _share_of_quoted(req)
    if quoted is not None:  # "…, and what share of the 377 is that?"
        return _followed(_count_evaluated(req), quoted)
    threshold = req.entities.threshold
    if threshold is not None and threshold.direction == "below":
        # "총 몇 개 평가했고 75점 안 된 게 몇 개야": the count, then those below it
        from bot.answers import HANDLERS

        return _followed(_count_evaluated(req), HANDLERS["below_cutoff"](req))
    return _count_evaluated(req)


#: a number the question quotes (not a year, not a decimal)
_QUOTED_NUMBER = re.compile(r"(?<![\d.])(\d{2,4})(?![\d.%]|\s*(?:년|차|점|월))")


def _share_of_quoted(req: Request) -> Reply | None:
    """ "How many were evaluated in 2023, and what share of the 377 is that?": the year's
    count of services evaluated as a share of a whole the question quotes — a count a
    loaded page or report states (377 consigned services), cited."""
    e = req.entities
    if "share" not in e.metrics or e.year is None or e.round_no is not None:
        return None
    numbers = [int(m.group(1)) for m in _QUOTED_NUMBER.finditer(req.question.lower())]
    wholes = [n for n in numbers if not 1990 <= n <= 2100]
    if len(wholes) != 1:
        return None
    whole = wholes[0]
    stated = [f for f in req.q.figures() if f.figure.value == whole and f.figure.precision == 0]
    counted = tally.count(req, Scope.year(e.year), tally.EVALUATED)
    if not stated or counted is None or not 0 < counted.value <= whole:
        return None
    draft = Draft(req)
    draft.add(
        req.t._(
            "{scope}: {n} of the {total} services — {sum}.",
            scope=scope_name(req.t, counted.scope),
            n=counted.value,
            total=whole,
            sum=share_sum(req.t, counted.value, whole),
        ),
        counted.document_id,
        stated[0].document_id,
    )
    return draft.reply()


def _followed(first: Reply, then: Reply) -> Reply:
    """Two answers as one: ``then``'s lines not already said after ``first``'s."""
    if not then.answered:
        return first
    lines = first.text.splitlines()
    lines += [line for line in then.text.splitlines() if line not in lines]
    sources = tuple(dict.fromkeys((*first.sources, *then.sources)))
    return replace(first, text="\n".join(lines), sources=sources)


def _with_average(req: Request, counted: Reply) -> Reply:
    from bot.answers import HANDLERS

    averaged = HANDLERS["average"](req)
    if not averaged.answered:
        return counted
    lines = counted.text.splitlines()
    lines += [line for line in averaged.text.splitlines() if line not in lines]
    sources = tuple(dict.fromkeys((*counted.sources, *averaged.sources)))
    return replace(counted, text="\n".join(lines), sources=sources, answered=True)


def _count_evaluated(req: Request) -> Reply:
    t = req.t
    cov = coverage(req)
    if cov.kind != "round":
        if not cov.rounds and cov.kind == "year":
            return _reported_count(req, Target(cov.year, None, True))
        return _count_of_rounds(req, cov)
    where, rnd = _loaded(req)
    if rnd is None:
        return _reported_count(req, where)
    draft = Draft(req)
    n = evaluated_count(req, rnd)
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


def _count_of_rounds(req: Request, cov: Coverage) -> Reply:
    """How many services the loaded rounds of a year (or all of them) evaluated, round by
    round; the year's own figures (due for evaluation, reports) follow, labelled."""
    if not cov.rounds:
        return _nothing_loaded(req, cov, offer=("count_evaluated",))
    t, draft = req.t, Draft(req)
    counts = [(r, evaluated_count(req, r)) for r in cov.rounds]
    ends = req.entities.metrics & {"highest", "lowest"}
    if ends and len(counts) > 1:  # "which round evaluated the most services?"
        _round_with_most(req, counts, "highest" in ends, draft)
    total = sum(n for _, n in counts)
    parts = [t._("{round}: {n}", round=round_name(t, r.year, r.round_no), n=n) for r, n in counts]
    draft.add(
        t.n_(
            "{scope}: {n} service evaluated in {rounds} ({parts}).",
            "{scope}: {n} services evaluated in {rounds} ({parts}).",
            total,
            scope=cov.label,
            rounds=_rounds_phrase(req, cov.rounds),
            parts=t.join(parts),
        ),
        *(r.document_id for r in cov.rounds),
    )
    if cov.kind == "all":
        distinct = len({e.service.id for e in req.q.evaluations()})
        draft.add(
            t.n_(
                "That is {n} distinct service (some were evaluated more than once).",
                "That is {n} distinct services (some were evaluated more than once).",
                distinct,
            )
        )
    if cov.kind == "year" and cov.year is not None:
        _year_counts(req, cov.year, cov.rounds, draft)
    return draft.reply(suggestions=suggestions(req, "services_list", "below_cutoff"))


def _round_with_most(
    req: Request, counts: list[tuple[StoredRound, int]], most: bool, draft: Draft
) -> None:
    """The round(s) that evaluated the most (or fewest) services, ties included."""
    t = req.t
    end = max(n for _, n in counts) if most else min(n for _, n in counts)
    names = t.join([round_name(t, r.year, r.round_no) for r, n in counts if n == end])
    if most:
        line = t.n_(
            "Most services: {rounds}, {n} service.",
            "Most services: {rounds}, {n} services.",
            end,
            rounds=names,
        )
    else:
        line = t.n_(
            "Fewest services: {rounds}, {n} service.",
            "Fewest services: {rounds}, {n} services.",
            end,
            rounds=names,
        )
    draft.add(line)


def _year_counts(req: Request, year: int, rounds: tuple[StoredRound, ...], draft: Draft) -> None:
    """The year's own counts beside its loaded rounds: services due (from a page) and
    services evaluated over the whole year (from a report, labelled)."""
    t = req.t
    due = next((r.services_in_year for r in rounds if r.services_in_year), None)
    if due:
        draft.add(
            t.n_(
                "In all of {year}, {n} service was due for evaluation.",
                "In all of {year}, {n} services were due for evaluation.",
                due,
                year=year,
            )
        )
    reports = [
        f
        for f in unshadowed(req, reports_about(req, Scope.year(year)))
        if f.figure.metric == "services_evaluated"
    ]
    report_lines(req, reports, draft)


def _reported_count(req: Request, where: Target) -> Reply:
    """A scope no loaded page covers: what reports say of its counts (evaluated, and below
    the cutoff with the share computed from the two when a report gives both)."""
    e = req.entities
    metrics: tuple[str, ...] = ("services_evaluated",)
    if e.reference == "cutoff" or e.threshold is not None or "share" in e.metrics:
        # "몇 개 평가해서 몇 개가 기준 미달이었어?": the count below beside it
        metrics += ("below_cutoff", "below_cutoff_share_pct")
    reply = reported_only(req, where, metrics, offer=("count_evaluated",))
    return tally.computed_share(req, where, reply)


@handles("legal_basis")
def legal_basis(req: Request) -> Reply:
    """The ordinance the evaluation is carried out under."""
    where, rnd = _loaded(req)
    if rnd is None:
        return not_loaded(req, where)
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


def _rounds_asked(req: Request) -> tuple[StoredRound, ...]:
    """Several rounds, when the question covers more than one: a year with several loaded
    rounds, every round, a span, or two years ("2021년이랑 2024년"); else empty."""
    e = req.entities
    cov = coverage(req)
    rounds = list(cov.rounds) if cov.kind != "round" else []
    if e.compare_year is not None and e.compare_year != e.year and e.round_no is None:
        rounds += req.q.rounds_of_year(e.compare_year)
        if not rounds and e.year is not None:
            rounds += req.q.rounds_of_year(e.year)
    unique = {(r.year, r.round_no): r for r in rounds}
    return tuple(unique[k] for k in sorted(unique)) if len(unique) > 1 else ()


def _who_by_round(req: Request, rounds: tuple[StoredRound, ...]) -> Reply:
    """The evaluator of each round, in time order, and whether it changed."""
    t, draft = req.t, Draft(req)
    for rnd in rounds:
        who = english_or_korean(req, rnd.evaluator) if rnd.evaluator else t._("not stated")
        draft.add(
            t._("{round}: {value}", round=round_name(t, rnd.year, rnd.round_no), value=who),
            rnd.document_id,
        )
    named = [r for r in rounds if r.evaluator]
    changes = [(a, b) for a, b in pairwise(named) if a.evaluator != b.evaluator]
    if len(named) > 1 and not changes:
        draft.lines.insert(0, t._("The same evaluator carried out every one of these rounds."))
    for before, after in changes:
        draft.add(
            t._(
                "It changed from {before} ({before_round}) to {after} ({after_round}).",
                before=english_or_korean(req, before.evaluator),
                before_round=round_name(t, before.year, before.round_no),
                after=english_or_korean(req, after.evaluator),
                after_round=round_name(t, after.year, after.round_no),
            )
        )
    return draft.reply(answered=bool(named), suggestions=suggestions(req, "period"))


#: Four-digit years as written in a question.
_YEARS_WRITTEN = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def _who_by_year(req: Request, years: list[int]) -> Reply:
    """The evaluator of every year named: each loaded round's, else a report's (named)."""
    t, draft = req.t, Draft(req)
    known = 0
    for year in years:
        rounds = [r for r in req.q.rounds_of_year(year) if r.evaluator]
        for rnd in rounds:
            who = english_or_korean(req, rnd.evaluator)
            line = t._("{round}: {value}", round=round_name(t, rnd.year, rnd.round_no), value=who)
            draft.add(line, rnd.document_id)
            known += 1
        if rounds:
            continue
        reported = [f for f in req.q.figures("evaluator") if f.figure.scope.year_start == year]
        for stored in reported:
            line = t._(
                "{scope}: {value}, according to {note}.",
                scope=scope_name(t, stored.figure.scope),
                value=english_or_korean(req, stored.figure.text or "") or stored.figure.text,
                note=report_note(req, stored),
            )
            draft.add(line, stored.document_id)
            known += 1
        if not reported:
            draft.add(t._("{year}: not known from the loaded documents or reports.", year=year))
    return draft.reply(answered=known > 0, suggestions=suggestions(req, "period"))


@handles("evaluator")
def evaluator(req: Request) -> Reply:
    """Who carried out the evaluation; over several rounds, each one's and any change."""
    e = req.entities
    years = sorted({int(y) for y in _YEARS_WRITTEN.findall(req.question)})
    if len(years) > 2 or (len(years) == 2 and e.compare_year is None):
        # "which organisation did the evaluations in 2020, and who in 2023 and 2024?"
        return _who_by_year(req, years)
    several = _rounds_asked(req)
    if several:
        return _who_by_round(req, several)
    if e.round_no is None and e.year is not None and not req.q.rounds_of_year(e.year):
        return _reported_text(req, Target(e.year, None, True), "evaluator")
    where, rnd = _loaded(req)
    if rnd is None:
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
    """When the evaluation took place (months as published); each round's, over several."""
    several = _rounds_asked(req)
    if several:
        t, draft = req.t, Draft(req)
        for r in several:
            when = (
                t._(
                    "from {start} to {end}",
                    start=t.date(r.period_start),
                    end=t.date(r.period_end or r.period_start),
                )
                if r.period_start
                else t._("not stated")
            )
            draft.add(
                t._("{round}: {value}", round=round_name(t, r.year, r.round_no), value=when),
                r.document_id,
            )
        return draft.reply(suggestions=suggestions(req, "evaluator"))
    where, rnd = _loaded(req)
    if rnd is None:
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
    where, rnd = _loaded(req)
    if rnd is None:
        return not_loaded(req, where)
    if not rnd.scoring_areas:
        return _unpublished(req, where, rnd)
    areas = req.t.join([english_or_korean(req, a) or a for a in rnd.scoring_areas])
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
    if rnd.area_points:  # "배점이 분야별로 어떻게 돼?": the page gives each area's points
        each = req.t.join(
            [
                req.t._("{area} {points} points", area=area, points=value)
                for area, value in rnd.area_points
            ]
        )
        draft.add(req.t._("Points per area: {areas}.", areas=each), rnd.document_id)
    draft.add(
        req.t._(
            "A service scoring below {cutoff} is not offered a re-contract.",
            cutoff=points(req.t, rnd.cutoff, 0),
        )
    )
    offer = suggestions(req, "cutoff_rule", "average")
    if _each_area_asked(req) and not rnd.area_points:  # "각각 몇 점씩?": never published
        draft.lines.insert(
            0, req.t._("How many points each area carries is not in the published results.")
        )
        return draft.reply(answered=False, suggestions=offer)
    return draft.reply(suggestions=offer)


def _each_area_asked(req: Request) -> bool:
    """The question asks each scoring area's points ("각각 몇 점씩", "points per area")."""
    lower = req.question.lower()
    return any(w in lower for w in tally.words()["each_area"])


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
