"""Private consignment in Seoul as a whole — how many services, the budget, how contracts
run — as reported outside the evaluation disclosures, each figure with its source."""

from __future__ import annotations

import re
from itertools import pairwise

from bot.answers import handles, tally
from bot.answers.base import Draft, Reply, Request, suggestions
from bot.answers.known import report_lines
from bot.answers.tally import words
from knowledge.model import Scope, StoredFigure

#: a question whether a contract may go on without limit
_UNLIMITED = re.compile(r"무제한|무한정|영원히|unlimited|indefinitely|forever|without limit")

#: The figures that answer each aspect of the question.
ASPECT_METRICS = {
    "size": ("consigned_services_total",),
    "budget": ("consigned_budget_krw_100m",),
    "contracts": ("usual_contract_years", "max_same_contractor_years", "recontracts_allowed"),
}


def _order(stored: StoredFigure) -> tuple[int, int]:
    """Figures known only by a label ("as of 2023-01") first, then the newest year first."""
    scope = stored.figure.scope
    return (scope.year_start is not None, -(scope.year_start or 0))


@handles("consignment")
def consignment(req: Request) -> Reply:
    """The figures for the aspects asked about (all of them when none is named)."""
    from bot.answers import HANDLERS
    from bot.understand.parts import shared_parts

    e = req.entities
    # "평가받은 사무 수 말고 …": the evaluated count set aside is not what is asked
    evaluated = shared_parts().checks["evaluated_verb"].search(tally.kept_part(req.question))
    if evaluated and "size" in e.aspects and "budget" not in e.aspects:
        # "How many consigned services did Seoul evaluate in 2023?": the services evaluated
        return HANDLERS["count_evaluated"](req)
    if e.aspects == frozenset({"budget"}) and _over_time(req):
        unknown = _budget_over_time(req)
        if unknown is not None:
            return unknown
    aspects = req.entities.aspects or _aspects_of_year(req) or _moved_aspect(req)
    aspects = aspects or frozenset(ASPECT_METRICS)
    if _over_time(req) and len(aspects) > 1:
        # "최근 몇 년 사이에 어떻게 변해 왔는지": a change over the years is of the aspects
        # with figures over several years ("몇 년" is no contract's length here)
        aspects = _with_series(req, aspects) or aspects
    counted = "count" in req.entities.metrics or tally.how_many(req)
    if len(aspects) > 1 and not counted:
        aspects -= {"size"}  # "민간위탁 사무 예산": the budget of the services, not their number
    metrics = {m for a in aspects for m in ASPECT_METRICS.get(a, ())}
    found = sorted(
        (f for f in req.q.figures() if f.figure.metric in metrics and f.figure.value is not None),
        key=_order,
    )
    one_year = _of_year(req, found)
    found = one_year or found
    draft = Draft(req)
    if not found:
        draft.add(
            req.t._("The knowledge base holds no figures about private consignment as a whole.")
        )
        return draft.reply(answered=False, suggestions=suggestions(req, "round_summary"))
    draft.add(req.t._("Private consignment in Seoul as a whole (figures from reports):"))
    report_lines(req, found, draft)
    if "size" in aspects and not one_year:
        _size_between(req, draft)
        _size_over_time(req, draft)
    elif "size" in aspects and _year_before(req) is not None:
        _size_between(req, draft, lead=False)  # "전년엔?": that year's, then the change
    if "contracts" in aspects:
        _contract_verdict(req, found, draft)
    if "budget" in aspects and tally.said(req.question, "per_item"):
        _per_service(req, draft)
    return draft.reply(suggestions=suggestions(req, "cutoff_rule", "round_summary"))


#: a number of years a contract would last ("15년", "for 15 years")
_YEARS_ASKED = re.compile(r"(?<!\d)(\d{1,2})\s*(?:년|years?)(?!\s*(?:도|차))")
#: "how many times can it be re-contracted?", "재계약 몇 번까지 돼?"
_TIMES_ASKED = re.compile(r"how many times|몇 번|몇번|몇 회")


def _contract_verdict(req: Request, found: list[StoredFigure], draft: Draft) -> None:
    """ "Can one contractor keep it forever / for 15 years?": No (or Yes) by the reported
    limit first; "how many re-contracts?": the number in words."""
    from bot.understand.parts import shared_parts

    lower = req.question.lower()
    limit = next((f for f in found if f.figure.metric == "max_same_contractor_years"), None)
    asked = _YEARS_ASKED.search(lower)
    verdict = None
    if limit is not None and (_UNLIMITED.search(lower) or tally.said(lower, "renewal_endless")):
        verdict = req.t._("No.")  # "can one contractor keep it forever?": there is a limit
    elif limit is not None and limit.figure.value is not None and asked is not None:
        over = float(asked.group(1)) > limit.figure.value
        verdict = req.t._("No.") if over else req.t._("Yes.")
    if verdict is not None:
        draft.lines[0] = f"{verdict} {draft.lines[0]}"
    times = next((f for f in found if f.figure.metric == "recontracts_allowed"), None)
    endless = tally.said(lower, "renewal_endless")  # "keep getting renewed": how many times too
    asked_times = (
        _TIMES_ASKED.search(lower) or any(w in lower for w in words()["many_times"]) or endless
    )
    if times is not None and times.figure.value is not None and asked_times:
        n = int(times.figure.value)
        many = any(w in lower for w in words()["many_times"])
        if verdict is None and many and shared_parts().yes_no(req.question):
            # "can it be re-contracted more than once?": whether the allowed number exceeds one
            verdict = req.t._("Yes.") if n > 1 else req.t._("No.")
            draft.lines[0] = f"{verdict} {draft.lines[0]}"
        draft.add(
            req.t.n_("Re-contracting is allowed once.", "Re-contracting is allowed {n} times.", n)
        )


def _size_over_time(req: Request, draft: Draft) -> None:
    """The number of consigned services year by year in time order, the latest change
    computed ("421 − 377 = 44"), and 네/아니요 first when the question checks a direction."""
    from bot.understand.parts import shared_parts

    t = req.t
    by_year: dict[int, float] = {}
    for stored in req.q.figures("consigned_services_total"):
        s, value = stored.figure.scope, stored.figure.value
        if s.year_start is not None and s.year_start == s.year_end and value is not None:
            by_year.setdefault(s.year_start, value)
    years = sorted(by_year)
    if len(years) < 2:
        return
    before, after = years[-2], years[-1]
    a, b = int(by_year[before]), int(by_year[after])
    words = {
        "start": str(before),
        "end": str(after),
        "a": str(a),
        "b": str(b),
        "diff": str(abs(a - b)),
    }
    # a number of services grows or shrinks (늘었다/줄었다, 증가/감소); it does not rise or fall
    if b < a:
        draft.add(
            t._("Fewer: from {start} to {end} the number fell by {diff} ({a} → {b}).", **words)
        )
        draft.add(f"{a} − {b} = {a - b}")
    elif b > a:
        draft.add(
            t._("More: from {start} to {end} the number rose by {diff} ({a} → {b}).", **words)
        )
        draft.add(f"{b} − {a} = {b - a}")
    series = [t._("{scope} {value}", scope=str(y), value=str(int(by_year[y]))) for y in years]
    draft.add(t._("In time order: {series}.", series=t.join(series)))
    _each_change(req, draft, years, by_year)
    start = _since(req)
    first = int(by_year[years[0]])
    if start is not None and start in by_year and start != before:
        first = int(by_year[start])
        change = _change_words(req, first, b)
        draft.add(
            t._(
                "Since {start}: {change} ({a} → {b}, {high} − {low} = {diff}).",
                start=str(start),
                change=change,
                a=str(first),
                b=str(b),
                high=str(max(first, b)),
                low=str(min(first, b)),
                diff=str(abs(first - b)),
            )
        )
        a = first  # the verdict weighs the change since the year asked
    p = shared_parts()
    lower = req.question.lower()
    if p.yes_no(req.question) and a != b:
        up, down = p.checks["up"].search(lower), p.checks["down"].search(lower)
        shrink = any(w in lower for w in ("shrink", "fewer", "줄어", "줄고", "감소"))
        grow = any(w in lower for w in ("grow", "more", "늘어", "늘고", "증가", "많아", "많았"))
        falling, rising = bool(down) or shrink, bool(up) or grow
        if _earlier_asked(req):  # "was it more before?": more then is fewer now
            falling, rising = rising, falling
        if falling != rising:
            verdict = t._("Yes.") if (b < a) == falling else t._("No.")
            draft.lines[0] = f"{verdict} {draft.lines[0]}"


def _each_change(req: Request, draft: Draft, years: list[int], by_year: dict[int, float]) -> None:
    """Each year's change on the year before, computed, when there are more than two years
    (the latest change alone hides a rise before it: 420 → 421 → 377)."""
    if len(years) < 3:
        return
    t, steps = req.t, []
    for before, after in pairwise(years):
        if after != before + 1:
            continue
        a, b = int(by_year[before]), int(by_year[after])
        steps.append(
            t._(
                "{start} → {end}: {change} ({high} − {low} = {diff})",
                start=str(before),
                end=str(after),
                change=_change_words(req, a, b),
                high=str(max(a, b)),
                low=str(min(a, b)),
                diff=str(abs(a - b)),
            )
        )
    if steps:
        draft.add("; ".join(steps))


def _change_words(req: Request, a: int, b: int) -> str:
    t = req.t
    if b > a:
        return t._("up by {n}", n=b - a)
    if b < a:
        return t._("down by {n}", n=a - b)
    return t._("unchanged")


def _of_year(req: Request, found: list[StoredFigure]) -> list[StoredFigure]:
    """ "2021년엔 몇 개였어?", "2년 전엔?": one year asked, not a change — that year's
    figures alone, when there are any (empty: the whole picture)."""
    before = _year_before(req)
    year = req.entities.year if before is None else before
    moved = any(tally.directions(req.question.lower()))  # "그럼 몇 개 감소한 거야?"
    if before is None and (
        year is None or moved or _over_time(req) or req.entities.compare not in (None, "whole_year")
    ):
        return []  # "2022년보다 몇 개 줄었지?": a change, not one year
    if _since(req) is not None:
        return []  # "since 2021": every year from it, not 2021 alone

    def of_year(scope: Scope) -> bool:
        if scope.year_start is None:  # "as of 2023-01": dated by its label
            return (scope.label or "").startswith(f"as of {year}")
        return scope.year_start == year == scope.year_end

    kept = [f for f in found if of_year(f.figure.scope)]
    # a label of that year and the year itself say the same count: the year's, once
    if any(f.figure.scope.year_start == year for f in kept):
        counted = {"consigned_services_total"}
        kept = [f for f in kept if f.figure.scope.year_start or f.figure.metric not in counted]
    return kept


def _with_series(req: Request, aspects: frozenset[str]) -> frozenset[str]:
    """The aspects among ``aspects`` with figures for more than one year (the number of
    consigned services: 2021, 2022, 2023); a contract rule has no history to trace."""
    years: dict[str, set[int]] = {}
    for stored in req.q.figures():
        s = stored.figure.scope
        if s.year_start is not None and s.year_start == s.year_end:
            years.setdefault(stored.figure.metric, set()).add(s.year_start)
    return frozenset(
        a for a in aspects if any(len(years.get(m, ())) > 1 for m in ASPECT_METRICS.get(a, ()))
    )


def _year_before(req: Request) -> int | None:
    """ "전년엔?", "and the year before?" after the number of consigned services: the year
    before the newest one counted, asked for its own figure (no direction, no year named) —
    not a change ("전년보다 줄었어?" is one)."""
    e = req.entities
    if e.year is not None or "prev_year" not in (e.compare, e.reference) or e.how == "trend":
        return None
    if any(tally.directions(req.question.lower())) or tally.said(req.question, "how_much"):
        return None
    sizes = _yearly_sizes(req)
    return max(sizes) - 1 if sizes else None


def _over_time(req: Request) -> bool:
    """A change over the years asked: two years, a span, a trend, or the words of a change
    ("어떻게 바뀌어 왔어?", "how has it moved?", tally.yaml ``changed``)."""
    e = req.entities
    if e.compare in ("year", "prev_year") or e.year_span is not None or e.how == "trend":
        return True
    return tally.said(req.question, "changed")


def _since(req: Request) -> int | None:
    """ "since 2021", "2021년 이후로", "2021년부터": the year a series starts from."""
    from bot.answers.compute import after_year, since_year

    since = since_year(req)
    if since is not None and since.entities.year_span is not None:
        return since.entities.year_span[0]
    year = req.entities.year
    if (
        year is not None
        and req.entities.year_span is None
        and after_year(req.question.lower(), year)
    ):
        return year  # "2021 onward, are there fewer?": no count word, still a run of years
    return None


def _moved_aspect(req: Request) -> frozenset[str]:
    """ "Was it more before?", "예전엔 더 많았어?": a count's direction asked with no aspect
    named is the number of services (the one aspect with figures over several years)."""
    up, down = tally.directions(req.question.lower())
    return frozenset({"size"}) if up or down else frozenset()


def _earlier_asked(req: Request) -> bool:
    """The question puts the direction on the earlier time ("was it more before?", "예전엔
    더 많았어?"): a yes to it is a fall since, not a rise."""
    return tally.said(req.question, "earlier_time")


def _budget_over_time(req: Request) -> Reply | None:
    """ "How did the budget change between 2021 and 2023?": with one year's budget known,
    the change is not — said plainly, with the one figure there is."""
    found = [f for f in req.q.figures("consigned_budget_krw_100m") if f.figure.value is not None]
    if len({f.figure.scope for f in found}) != 1:
        return None
    draft = Draft(req)
    draft.add(
        req.t._(
            "Only one budget figure is known, so how the budget changed is not in the "
            "knowledge base:"
        )
    )
    report_lines(req, found[:1], draft)
    return draft.reply(answered=False, suggestions=suggestions(req, "consignment"))


def _size_between(req: Request, draft: Draft, lead: bool = True) -> None:
    """ "How many fewer in 2023 than in 2021?", "전년보다 몇 개 줄었어?": the two years the
    question names (or its year and the one before), the change computed, put first."""
    e = req.entities
    by_year = _yearly_sizes(req)
    year = e.year
    if year is None and "prev_year" in (e.compare, e.reference) and by_year:
        year = max(by_year)  # "전년보다 몇 개 줄었어?", "전년엔?": the newest count's year before
    if year is None:
        return
    other = (
        e.compare_year if e.compare == "year" else year - 1 if e.compare == "prev_year" else None
    )
    if other is None and by_year and _between_now(req):
        other = max(by_year)  # "2021년에는요? 그 사이 몇 개 줄었어요?": that year to the newest
    if other is None or other == year:
        return
    if year not in by_year or other not in by_year:
        return
    first, second = sorted((other, year))
    a, b = by_year[first], by_year[second]
    t = req.t
    change = t._("up by {n}", n=b - a) if b > a else t._("down by {n}", n=a - b)
    if a == b:
        change = t._("unchanged")
    line = t._(
        "{first}: {a} → {second}: {b} consigned services — {change} ({high} − {low} = {diff}).",
        first=first,
        second=second,
        a=a,
        b=b,
        change=change,
        high=max(a, b),
        low=min(a, b),
        diff=abs(a - b),
    )
    if lead:
        draft.lines.insert(1 if draft.lines else 0, line)
    else:
        draft.add(line)


def _between_now(req: Request) -> bool:
    """ "2021년에는요? 그 사이 몇 개 줄었어요?", "and 2021? how many fewer since then?": one
    year named, a change asked between it and the count talked about (the newest) — a
    "between" word, or a direction or "how many" beside a count's change."""
    e = req.entities
    if e.year is None or e.year_span is not None or e.compare_year is not None:
        return False
    if tally.said(req.question, "between"):
        return True
    up, down = tally.directions(req.question.lower())
    return (up or down) and (tally.how_many(req) or tally.said(req.question, "how_much"))


def _yearly_sizes(req: Request) -> dict[int, int]:
    out: dict[int, int] = {}
    for stored in req.q.figures("consigned_services_total"):
        s, value = stored.figure.scope, stored.figure.value
        if s.year_start is not None and s.year_start == s.year_end and value is not None:
            out.setdefault(s.year_start, int(value))
    return out


def _aspects_of_year(req: Request) -> frozenset[str]:
    """ "2021년엔?" after a consignment answer: the aspects with a figure for that year
    (its count of services; no budget or contract rule is dated 2021)."""
    year = req.entities.year if req.entities.year is not None else _year_before(req)
    if year is None:
        return frozenset()
    dated = {
        f.figure.metric
        for f in req.q.figures()
        if f.figure.scope.year_start == year == f.figure.scope.year_end
    }
    return frozenset(a for a, metrics in ASPECT_METRICS.items() if dated & set(metrics))


def _per_service(req: Request, draft: Draft) -> None:
    """ "1개당 평균 예산은?", "budget per service?": the reported budget divided by the
    number of consigned services of the same date ("7,155 / 377 = 18.98"), in the budget's
    unit (hundred million won) — an average the report implies but does not print."""
    from decimal import ROUND_HALF_UP, Decimal

    budgets = [f for f in req.q.figures("consigned_budget_krw_100m") if f.figure.value]
    for budget in sorted(budgets, key=_order):
        scope = budget.figure.scope
        count = next(
            (
                f
                for f in req.q.figures("consigned_services_total")
                if f.figure.scope == scope and f.figure.value
            ),
            None,
        )
        if count is None or budget.figure.value is None or count.figure.value is None:
            continue
        total, n = Decimal(str(budget.figure.value)), int(count.figure.value)
        each = (total / n).quantize(Decimal("0.01"), ROUND_HALF_UP)
        t = req.t
        draft.add(
            t._(
                "{scope}: a budget of {budget} hundred million won over {n} consigned services "
                "comes to about {each} hundred million won per service.",
                scope=_scope_label(req, budget),
                budget=t.num(total),
                n=n,
                each=t.num(each, 2),
            ),
            budget.document_id,
            count.document_id,
        )
        draft.add(f"{t.num(total)} / {n} = {t.num(each, 2)}")
        return


def _scope_label(req: Request, stored: StoredFigure) -> str:
    from bot.answers.base import scope_name

    return scope_name(req.t, stored.figure.scope)
