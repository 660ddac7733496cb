"""Saying what the knowledge base does hold: figures in words, and honest "not loaded" replies.

When a question is about a round or year that is not loaded, the reply says so plainly
and then offers what *is* known about it — typically a figure from a news report, named
as such — and which rounds are loaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from bot.answers import handles
from bot.answers.base import (
    Draft,
    Reply,
    Request,
    Target,
    english_or_korean,
    points,
    report_note,
    round_name,
    scope_name,
    service_name,
    suggestions,
    target_name,
)
from bot.i18n import Translator
from knowledge.model import Figure, Scope, StoredFigure

_MONTHS = re.compile(r"^(\d{4}-\d{2}) to (\d{4}-\d{2})$")


def _count(t: Translator, f: Figure) -> int:
    return int(f.value or 0)


_PHRASES: dict[str, Callable[[Translator, Figure], str]] = {
    "average_score": lambda t, f: t._(
        "an average score of {value}", value=points(t, f.value or 0, f.precision)
    ),
    "services_evaluated": lambda t, f: t.n_(
        "{n} service evaluated", "{n} services evaluated", _count(t, f)
    ),
    "services_in_year": lambda t, f: t.n_(
        "{n} service due for evaluation", "{n} services due for evaluation", _count(t, f)
    ),
    "below_cutoff": lambda t, f: (
        t._("{n} of {total} below the cutoff", n=_count(t, f), total=f.denominator)
        if f.denominator
        else t._("{n} below the cutoff", n=_count(t, f))
    ),
    "below_cutoff_share_pct": lambda t, f: t._(
        "{share} below the cutoff", share=t.pct(f.value or 0, f.precision)
    ),
    "below_65": lambda t, f: t._("{n} below 65 points", n=_count(t, f)),
    "from_65_to_70": lambda t, f: t._("{n} from 65 to under 70 points", n=_count(t, f)),
    "from_70_to_75": lambda t, f: t._("{n} from 70 to under 75 points", n=_count(t, f)),
    "cutoff": lambda t, f: t._("a cutoff of {value}", value=points(t, f.value or 0, f.precision)),
    "consigned_services_total": lambda t, f: t._(
        "{n} consigned services in total", n=t.num(f.value or 0)
    ),
    "consigned_budget_krw_100m": lambda t, f: t._(
        "a consigned-services budget of {value} hundred million won", value=t.num(f.value or 0)
    ),
    "usual_contract_years": lambda t, f: t._("contracts usually run {n} years", n=_count(t, f)),
    "max_same_contractor_years": lambda t, f: t._(
        "at most {n} years with the same contractor", n=_count(t, f)
    ),
    "recontracts_allowed": lambda t, f: t._(
        "at most {n} re-contract, after which the service goes to open bidding", n=_count(t, f)
    ),
}


def figure_phrase(req: Request, figure: Figure) -> str | None:
    """One figure in words ("7 below the cutoff"), or None for figures not shown alone."""
    if figure.value is None:
        if figure.text is None:
            return None
        text = english_or_korean(req, figure.text)
        if figure.metric == "evaluator":
            return req.t._("evaluated by {name}", name=text)
        if figure.metric == "period":
            months = _MONTHS.match(figure.text)
            if months:
                text = req.t._(
                    "{start} to {end}",
                    start=req.t.date(months.group(1)),
                    end=req.t.date(months.group(2)),
                )
            return req.t._("evaluation period: {period}", period=text)
        return None
    phrase = _PHRASES.get(figure.metric)
    return phrase(req.t, figure) if phrase else None


def reported_only(
    req: Request, where: Target, metrics: tuple[str, ...], offer: tuple[str, ...]
) -> Reply:
    """A scope with no loaded disclosure: what reports say of ``metrics``, else "not loaded"."""
    reports = [f for f in reports_about(req, where.scope) if f.figure.metric in metrics]
    if not reports:
        return not_loaded(req, where, offer=offer)
    draft = Draft(req)
    draft.add(
        req.t._("No official disclosure for {scope} is loaded.", scope=target_name(req.t, where))
    )
    report_lines(req, reports, draft)
    return draft.reply()


def report_lines(req: Request, found: list[StoredFigure], draft: Draft) -> int:
    """One line per report document: its figures in words and its attribution.

    Returns how many lines were written.
    """
    by_doc: dict[tuple[int, str], list[StoredFigure]] = {}
    for stored in found:
        if not stored.official:
            by_doc.setdefault((stored.document_id, stored.figure.scope.key), []).append(stored)
    written = 0
    for (doc, _), figures in by_doc.items():
        phrases = [p for p in (figure_phrase(req, f.figure) for f in figures) if p]
        if not phrases:
            continue
        draft.add(
            req.t._(
                "{scope}: {facts} — according to {note}.",
                scope=scope_name(req.t, figures[0].figure.scope),
                facts=req.t.join(phrases),
                note=report_note(req, figures[0]),
            ),
            doc,
        )
        written += 1
    return written


def reports_about(req: Request, scope: Scope) -> list[StoredFigure]:
    """Report figures about ``scope``: exactly it, or (for a year) any part of that year."""
    if scope.year_start is None:
        return []
    if scope.round_start is None and scope.year_start == scope.year_end:
        found = req.q.figures_of_year(scope.year_start)
    else:
        found = req.q.figures(scope=scope)
    return [f for f in found if not f.official]


def newer_reports(req: Request, metric: str) -> list[StoredFigure]:
    """Report figures about years after the newest loaded round: context for "now"."""
    newest = req.newest
    if newest is None:
        return []
    return [
        f
        for f in req.q.figures(metric)
        if not f.official
        and f.figure.value is not None
        and (f.figure.scope.year_start or 0) > newest.year
    ]


def loaded_rounds(req: Request) -> str:
    names = [round_name(req.t, r.year, r.round_no) for r in req.q.rounds()]
    return req.t.join(names) if names else req.t._("none")


#: Reported figures that state a scope's evaluation results (not context such as the
#: number of consigned services): with them, "how did 2023 round 1 go?" is answered.
RESULT_METRICS = ("average_score", "services_evaluated", "below_cutoff", "below_cutoff_share_pct")


def not_loaded(
    req: Request, where: Target, *, offer: tuple[str, ...] = (), answers: tuple[str, ...] = ()
) -> Reply:
    """ "2023 round 1 is not in the knowledge base", then what is known about it; reported
    figures of one of the metrics ``answers`` (named with their source) answer the question."""
    draft = Draft(req)
    if where.year is None:
        draft.add(req.t._("The knowledge base holds no evaluation round yet."))
        return draft.reply(answered=False)
    draft.add(req.t._("{scope} is not in the knowledge base.", scope=target_name(req.t, where)))
    reports = reports_about(req, where.scope)
    if reports:
        draft.add(req.t._("What is known about it comes from reports only:"))
        report_lines(req, reports, draft)
    draft.add(req.t._("Rounds loaded: {rounds}.", rounds=loaded_rounds(req)))
    told = any(f.figure.metric in answers and f.figure.value is not None for f in reports)
    return draft.reply(answered=told, suggestions=suggestions(req, *offer))


# ---- a figure asked for by its value ---------------------------------------------------
#: "74.02", "27.7%", "61": the values a question asks about (not years, rounds or counts).
_VALUE = re.compile(r"(?<![\d.])(\d{1,4}(?:\.\d+)?)(?![\d.])(?!\s*(?:년|차|개|곳|번))")


@handles("figure_lookup")
def figure_lookup(req: Request) -> Reply:
    """ "74.02는 무슨 숫자야?", "what is 78.52?": every stored figure and published score with
    that value — what it measures, its scope and its source — so that a number read
    elsewhere can be placed; none is an honest "no stored figure has that value"."""
    values = [float(m.group(1)) for m in _VALUE.finditer(req.question)]
    if req.entities.count is not None:
        values.append(float(req.entities.count))  # "47개라는 숫자": a count quoted as a figure
    draft, found = Draft(req), 0
    taken_for = _taken_for(req)
    if taken_for is not None and values:
        _identity_verdict(req, values, taken_for, draft)
    for value in dict.fromkeys(values):
        lines = _figure_lines(req, value) + _score_lines(req, value)
        if not lines:
            continue
        draft.add(req.t._("{value} in the knowledge base:", value=req.t.num(value, _digits(value))))
        for line, document in lines:
            draft.add(line, document)
        found += len(lines)
    if taken_for is not None and found and not _has_kind(req, values, taken_for):
        # "47개가 민간위탁 사무 전체 개수야?": no — and what that figure is
        _kind_lines(req, taken_for, draft)
    if not found:
        shown = req.t.join([req.t.num(v, _digits(v)) for v in dict.fromkeys(values)])
        draft.add(req.t._("No figure or score in the knowledge base is {value}.", value=shown))
        return draft.reply(answered=False, suggestions=suggestions(req, "reported_figures"))
    return draft.reply()


#: What a stated value may be taken for ("민간위탁 사무 전체 개수", "the number of services
#: evaluated") -> the stored metrics that are that figure.
_KINDS: dict[str, frozenset[str]] = {
    "consigned": frozenset({"consigned_services_total"}),
    "evaluated": frozenset({"services_in_year", "services_evaluated"}),
}


#: Words of a number of things ("총 개수", "the total", "how many"): beside a consignment
#: word they name Seoul's number of consigned services.
_HOW_MANY = re.compile(
    r"개수|갯수|총|전체|통틀|모두|몇 개|number|total|count|altogether|in all|how many"
)


def _taken_for(req: Request) -> str | None:
    """The kind of figure the question takes its value for, by the words it keeps (not
    those it sets aside): Seoul's consignment as a whole, or the services evaluated."""
    from bot.understand.parts import shared_parts
    from bot.understand.vocab import shared_vocab

    parts, vocab = shared_parts(), shared_vocab()
    lower = parts.without_set_aside(req.question.lower())
    marked = vocab.aspect_marker.search(lower) is not None
    consigned = "size" in req.entities.aspects or (
        marked and (vocab.aspects["size"].search(lower) or _HOW_MANY.search(lower))
    )
    if consigned:
        return "consigned"
    if parts.checks["evaluated_verb"].search(lower):
        return "evaluated"
    return None


def _stored_with(req: Request, value: float) -> list[StoredFigure]:
    return [
        f
        for f in req.q.figures()
        if f.figure.value is not None and abs(abs(f.figure.value) - value) <= 1e-9
    ]


def _has_kind(req: Request, values: list[float], kind: str) -> bool:
    return any(f.figure.metric in _KINDS[kind] for v in values for f in _stored_with(req, v))


def _identity_verdict(req: Request, values: list[float], kind: str, draft: Draft) -> None:
    """Yes or no first: is a stated value the figure it is taken for?"""
    if not any(_stored_with(req, v) for v in values):
        return
    if _has_kind(req, values, kind):
        draft.add(req.t._("Yes."))
    else:
        draft.add(req.t._("No."))


def _kind_lines(req: Request, kind: str, draft: Draft) -> None:
    """The figures of the kind the value was taken for (the newest scope first)."""
    found = [f for f in req.q.figures() if f.figure.metric in _KINDS[kind] and f.figure.value]
    if not found:
        return
    newest = max(found, key=lambda f: (f.figure.scope.year_end or 0, f.official))
    draft.add(req.t._("The figure it was taken for:"))
    for stored in found:
        if stored.figure.scope.key != newest.figure.scope.key:
            continue
        fact = figure_phrase(req, stored.figure)
        if fact is None:
            continue
        scope = scope_name(req.t, stored.figure.scope)
        if stored.official:
            line = req.t._("{scope}: {facts} (official disclosure).", scope=scope, facts=fact)
        else:
            line = req.t._(
                "{scope}: {facts} — according to {note}.",
                scope=scope,
                facts=fact,
                note=report_note(req, stored),
            )
        draft.add(line, stored.document_id)


def _digits(value: float) -> int:
    text = f"{value:g}"
    return len(text.split(".")[1]) if "." in text else 0


def _figure_lines(req: Request, value: float) -> list[tuple[str, int]]:
    """The stored figures (official first) whose value is ``value``, one line each."""
    lines = []
    for stored in req.q.figures():
        f = stored.figure
        if f.value is None or abs(abs(f.value) - value) > 1e-9:
            continue
        fact = figure_phrase(req, f) or _difference_phrase(req, f)
        if fact is None:
            continue
        scope = scope_name(req.t, f.scope)
        if stored.official:
            title = req.q.document(stored.document_id).title
            line = req.t._(
                "{scope}: {facts} — from the official disclosure “{title}”.",
                scope=scope,
                facts=fact,
                title=english_or_korean(req, title) or title,
            )
        else:
            line = req.t._(
                "{scope}: {facts} — according to {note}.",
                scope=scope,
                facts=fact,
                note=report_note(req, stored),
            )
        lines.append((line, stored.document_id))
        arithmetic = _share_arithmetic(req, f) or _difference_sides(req, f)
        if arithmetic is not None:
            lines.append((arithmetic, stored.document_id))
    return lines


def _difference_sides(req: Request, f: Figure) -> str | None:
    """ "3.6점 하락했다는 건 뭐랑 뭐를 비교한 거야?": a published change of the average as
    the two averages it lies between ("77.62 − 74.02 = 3.60"), when both are held."""
    if f.metric != "average_diff" or f.compared_to is None:
        return None
    now, before = (
        req.q.figure("average_score", f.scope),
        req.q.figure("average_score", f.compared_to),
    )
    if now is None or before is None or now.figure.value is None or before.figure.value is None:
        return None
    high, low = sorted((now.figure, before.figure), key=lambda x: -(x.value or 0))
    precision = max(high.precision, low.precision)
    diff = abs((high.value or 0) - (low.value or 0))
    return req.t._(
        "{a} ({x}) and {b} ({y}): {x} − {y} = {diff}.",
        a=scope_name(req.t, high.scope),
        x=req.t.num(high.value or 0, precision),
        b=scope_name(req.t, low.scope),
        y=req.t.num(low.value or 0, precision),
        diff=req.t.num(diff, precision),
    )


def _share_arithmetic(req: Request, f: Figure) -> str | None:
    """ "27.7%는 뭘 뭐로 나눈 비율이야?": a share below the cutoff as the count it divides —
    the same scope's count below the cutoff over its total ("13 / 47 = 27.7%")."""
    if f.metric != "below_cutoff_share_pct" or f.value is None:
        return None
    count = req.q.figure("below_cutoff", f.scope)
    if count is None or count.figure.value is None:
        return None
    total = f.denominator or count.figure.denominator
    if not total:
        return None
    share = count.figure.value / total * 100
    if abs(share - f.value) > 0.1:
        return None  # the stored share is not this division (rounded otherwise)
    return req.t._(
        "{n} / {total} = {share} (below the cutoff / evaluated)",
        n=int(count.figure.value),
        total=int(total),
        share=req.t.pct(share, 1),
    )


def _difference_phrase(req: Request, f: Figure) -> str | None:
    """ "average_diff": how far the scope's average moved against the compared scope."""
    if f.metric != "average_diff" or f.value is None or f.compared_to is None:
        return None
    value = points(req.t, abs(f.value), f.precision)
    other = scope_name(req.t, f.compared_to)
    if f.value < 0:
        return req.t._("its average was {value} below that of {other}", value=value, other=other)
    return req.t._("its average was {value} above that of {other}", value=value, other=other)


def _score_lines(req: Request, value: float) -> list[tuple[str, int]]:
    """The published service scores equal to ``value``."""
    lines = []
    for rnd in req.q.rounds():
        for ev in req.q.evaluations(rnd.year, rnd.round_no):
            if ev.score is None or abs(ev.score - value) > 1e-9:
                continue
            line = req.t._(
                "{round}: the score of {service} ({value}).",
                round=round_name(req.t, rnd.year, rnd.round_no),
                service=service_name(req.t, ev.service),
                value=points(req.t, ev.score, ev.score_precision),
            )
            lines.append((line, ev.document_id))
    return lines


# ---- the services of a year no loaded disclosure names ---------------------------------
#: A curated note saying which services a reported year evaluated ("evaluation of services
#: whose contracts end in July 2025").
_CONTRACTS_END = re.compile(r"contracts? end(?:s|ing)? in ([A-Z][a-z]+) (\d{4})")


def _selection(req: Request, stored: StoredFigure) -> str | None:
    """What a report says picked the year's services, in the answer's language."""
    found = _CONTRACTS_END.search(stored.figure.quote or "")
    if found is None:
        return None
    try:
        month = datetime.strptime(f"{found.group(1)} {found.group(2)}", "%B %Y")
    except ValueError:
        return None
    return req.t._(
        "services whose contracts end in {month}", month=req.t.date(month.strftime("%Y-%m"))
    )


@handles("unlisted_services")
def unlisted_services(req: Request) -> Reply:
    """ "2024년 평가는 어떤 사무들이 대상이었어요?" for a year no loaded disclosure covers: the
    names are not known, but a report may say how many were evaluated and which kind
    (those whose contracts end at a given time) — that answers the question as far as
    anything published does."""
    where = Target(req.entities.year, None, True)
    reports = [
        f
        for f in reports_about(req, where.scope)
        if f.figure.metric == "services_evaluated" and f.figure.value is not None
    ]
    if not reports:
        return not_loaded(req, where, offer=("services_list", "reported_figures"))
    t, draft = req.t, Draft(req)
    draft.add(
        t._(
            "Which services were evaluated in {scope} is not in the knowledge base: no "
            "disclosure naming them is loaded.",
            scope=target_name(t, where),
        )
    )
    for stored in reports:
        picked = _selection(req, stored)
        n = int(stored.figure.value or 0)
        line = (
            t._(
                "{scope}: {n} services evaluated, {picked} — according to {note}.",
                scope=scope_name(t, stored.figure.scope),
                n=n,
                picked=picked,
                note=report_note(req, stored),
            )
            if picked
            else t._(
                "{scope}: {n} services evaluated — according to {note}.",
                scope=scope_name(t, stored.figure.scope),
                n=n,
                note=report_note(req, stored),
            )
        )
        draft.add(line, stored.document_id)
    draft.add(t._("Rounds loaded: {rounds}.", rounds=loaded_rounds(req)))
    return draft.reply(suggestions=suggestions(req, "reported_figures", "services_list"))
