"""Counts of services for any scope — a round, a year, an era known only by a label — from
a loaded page, an official year figure, a report, or a deduction, and the same counts (or
the shares they give) set side by side across two scopes, in time order, with the change.

Handlers of counts (``count_evaluated``, ``below_cutoff``) call ``versus`` when the question
names two scopes ("2023 vs 2024", "1차랑 3차 비교"); ``era_counts`` answers the time of an
earlier cutoff ("60점 기준이던 시절", "back then").  Every computed number shows its
arithmetic; every reported number names its source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml

from bot.answers.base import (
    Draft,
    Reply,
    Request,
    Target,
    entity,
    report_note,
    round_name,
    scope_name,
    share,
    share_sum,
)
from bot.answers.base import suggestions as offer
from knowledge.model import Scope, StoredFigure

MINUS = "−"
EVALUATED, BELOW = "services_evaluated", "below_cutoff"


@cache
def _data() -> dict[str, Any]:
    """tally.yaml as written, read once: ``words`` and ``_numbers`` both draw on it."""
    path = Path(__file__).with_name("tally.yaml")
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


@cache
def words() -> dict[str, list[str]]:
    """Direction words of a count ("많아졌", "fewer"): data, in tally.yaml."""
    return {k: [str(w).lower() for w in v] for k, v in _data().items()}


@cache
def _cue(key: str) -> re.Pattern[str]:
    """One pattern over a tally.yaml word list: Korean words anywhere (particles attach to
    them), English ones from a word's start ("historical" in "historically")."""
    ko = [re.escape(w) for w in words()[key] if not w.isascii()]
    en = [re.escape(w) for w in words()[key] if w.isascii()]
    # one look-behind before all the English words, not one each: the same matches (tried
    # in the same order), but a pattern whose every branch opens with a look-behind is
    # tried branch by branch at each character — three times slower
    parts = [*ko, *([rf"(?<![a-z])(?:{'|'.join(en)})"] if en else [])]
    return re.compile("|".join(parts) or r"(?!)")


def cue(key: str) -> re.Pattern[str]:
    """The pattern of tally.yaml's ``key`` words (Korean anywhere, English from a word start)."""
    return _cue(key)


def across_mode(question: str) -> str | None:
    """How a question follows a service across rounds (bot/answers/findings.py): an earlier
    task acted on ("followed_up"), what both rounds flagged ("in_common"), two rounds side by
    side ("compared"); None for a plain lookup."""
    for mode in ("in_common", "followed_up", "compared"):
        if said(question, mode):
            return mode
    return None


def order_asked(question: str) -> str | None:
    """ "점수 낮은 순으로", "lowest first": "low" or "high" when a list's order is asked."""
    if said(question, "low_first"):
        return "low"
    return "high" if said(question, "high_first") else None


def said(question: str, key: str) -> bool:
    """Whether the question uses one of tally.yaml's ``key`` words."""
    return _cue(key).search(question.lower()) is not None


def renewal_done(question: str) -> bool:
    """ "재계약 했나요?", "Was the Fintech Lab contract renewed?": the renewal asked as
    done (an outcome no page publishes), not whether it may be renewed (the rule)."""
    lower = question.lower()
    if said(question, "renewal_done"):
        return True
    return any(re.search(p, lower) for p in words()["renewal_done_pattern"])


# ---- a round's count deduced from its year ---------------------------------------------
@dataclass(frozen=True)
class Known:
    """A count for a round or a year, and the document (official or report) it comes from."""

    value: int
    document_id: int | None
    report: StoredFigure | None = None


def round_count(req: Request, year: int, round_no: int, metric: str) -> Known | None:
    """A round's published count: the loaded round's, else a reported figure's."""
    for rnd in req.q.rounds():
        if (rnd.year, rnd.round_no) == (year, round_no):
            n: int | None = rnd.below_cutoff_count
            if metric == "services_evaluated":
                n = rnd.services_evaluated or len(req.q.evaluations(year, round_no))
            return None if n is None else Known(int(n), rnd.document_id)
    stored = req.q.figure(metric, Scope.round(year, round_no))
    if stored is None or stored.figure.value is None:
        return None
    return Known(int(stored.figure.value), stored.document_id, None if stored.official else stored)


def year_count(req: Request, year: int, metric: str, rounds: int) -> Known | None:
    """The year's total (services due that year; below the cutoff over all its rounds)."""
    if metric == "services_evaluated":
        for rnd in req.q.rounds():
            if rnd.year == year and rnd.services_in_year:
                return Known(int(rnd.services_in_year), rnd.document_id)
        scopes = [Scope.year(year)]
        names = ("services_in_year",)
    else:
        scopes = [Scope.rounds(year, 1, rounds), Scope.year(year)]
        names = ("below_cutoff",)
    for scope in scopes:
        for name in names:
            stored = req.q.figure(name, scope)
            if stored is not None and stored.figure.value is not None:
                report = None if stored.official else stored
                return Known(int(stored.figure.value), stored.document_id, report)
    return None


def rounds_of(req: Request, year: int) -> int:
    """How many rounds the year had, as far as the loaded rounds and figures tell."""
    found = [r.round_no for r in req.q.rounds() if r.year == year]
    for stored in req.q.figures():
        s = stored.figure.scope
        if s.year_start == year and s.year_end == year and s.round_end is not None:
            found.append(s.round_end)
    return max(found, default=0)


@dataclass(frozen=True)
class Deduced:
    value: int
    line: str
    documents: tuple[int | None, ...]
    reported: bool
    #: the reported terms of the arithmetic, each to be named with its source
    reports: tuple[tuple[Scope, StoredFigure], ...] = ()


def deduce(req: Request, year: int, asked: Sequence[int], metric: str) -> Deduced | None:
    """The count of ``asked`` rounds of ``year`` together that no document prints: the sum
    of their own counts ("12 + 29"), else the year's total minus every other round's count
    ("47 − 12 − 6 = 29"); None when one round is asked and printed, or a part is missing."""
    wanted = sorted(set(asked))
    rounds = rounds_of(req, year)
    if not wanted or rounds < 2 or wanted[0] < 1 or wanted[-1] > rounds or len(wanted) == rounds:
        return None
    own = {r: round_count(req, year, r, metric) for r in wanted}
    if len(wanted) == 1 and own[wanted[0]] is not None:
        return None
    if len(wanted) > 1 and wanted == list(range(wanted[0], wanted[-1] + 1)):
        stored = req.q.figure(metric, Scope.rounds(year, wanted[0], wanted[-1]))
        if stored is not None and stored.figure.value is not None:
            return None  # printed as such
    spanned = _within_span(req, year, wanted, metric)
    if spanned is not None:
        return spanned
    others = {r: round_count(req, year, r, metric) for r in range(1, rounds + 1) if r not in own}
    total = year_count(req, year, metric, rounds)
    if total is not None and _more_rounds(req, year, rounds, metric, total.value):
        total = None  # the year's total covers rounds no page or figure names
    if total is not None and all(k is not None for k in others.values()):
        parts = [(Scope.year(year), total), *((Scope.round(year, r), k) for r, k in others.items())]
        value = total.value - sum(k.value for _, k in parts[1:] if k is not None)
        sign = f" {MINUS} "
    elif all(k is not None for k in own.values()):
        parts = [(Scope.round(year, r), k) for r, k in own.items()]
        value = sum(k.value for _, k in parts if k is not None)
        sign = " + "
    else:
        return None
    if value < 0:
        return None
    known = [(scope, k) for scope, k in parts if k is not None]
    line = sign.join(str(k.value) for _, k in known) + f" = {value}"
    reports = tuple((scope, k.report) for scope, k in known if k.report is not None)
    documents = tuple(k.document_id for _, k in known)
    return Deduced(value, line, documents, bool(reports), reports)


def _within_span(req: Request, year: int, wanted: Sequence[int], metric: str) -> Deduced | None:
    """The asked rounds as a printed span's count less its other rounds ("1~2차 누계 35개"
    less round 2's 19 = 16 for round 1): the narrowest span holding them whose every other
    round is known.  A span is nearer than the year, which may hold later rounds too."""
    spans = sorted(
        [
            (s.round_end - s.round_start, s, f, v)
            for f, v in _span_counts(req, metric)
            if (s := f.figure.scope).year_start == year == s.year_end
            and s.round_start is not None
            and s.round_end is not None
            and s.round_start <= wanted[0]
            and wanted[-1] <= s.round_end
            and s.round_end - s.round_start + 1 > len(wanted)
        ],
        key=lambda x: x[0],  # the narrowest span first; ties keep the figures' order
    )
    for _, scope, stored, count in spans:
        assert scope.round_start is not None and scope.round_end is not None
        rest = range(scope.round_start, scope.round_end + 1)
        others = {r: round_count(req, year, r, metric) for r in rest if r not in wanted}
        if any(k is None for k in others.values()):
            continue
        total = Known(count, stored.document_id, _report(stored))
        known = [(scope, total), *((Scope.round(year, r), k) for r, k in others.items() if k)]
        value = total.value - sum(k.value for _, k in known[1:])
        if value < 0:
            continue
        line = f" {MINUS} ".join(str(k.value) for _, k in known) + f" = {value}"
        reports = tuple((s, k.report) for s, k in known if k.report is not None)
        return Deduced(value, line, tuple(k.document_id for _, k in known), bool(reports), reports)
    return None


def _span_counts(req: Request, metric: str) -> list[tuple[StoredFigure, int]]:
    """Printed counts of ``metric``, each with its figure: the figures themselves, and for
    the number evaluated also the base of a printed count below the cutoff ("rounds 1 and 2
    combined: 4 of 31" says 31 services were evaluated in rounds 1–2)."""
    found = [(f, int(f.figure.value)) for f in req.q.figures(metric) if f.figure.value is not None]
    if metric == "services_evaluated":
        found += [
            (f, f.figure.denominator)
            for f in req.q.figures("below_cutoff")
            if f.figure.denominator is not None
            and not _whole_year(req, f.figure.scope, f.figure.denominator)
        ]
    return found


def _whole_year(req: Request, scope: Scope, base: int) -> bool:
    """A span from round 1 to the year's last known round whose base no larger count of the
    year exceeds (services due or evaluated): the year's own count says the same already."""
    year = scope.year_start
    if year is None or scope.round_start != 1 or scope.round_end is None:
        return False
    if scope.round_end < rounds_of(req, year):
        return False
    totals = [
        f.figure.value
        for metric in ("services_in_year", "services_evaluated")
        if (f := req.q.figure(metric, Scope.year(year))) is not None and f.figure.value is not None
    ]
    return not any(v > base for v in totals)


def _report(stored: StoredFigure) -> StoredFigure | None:
    return None if stored.official else stored


def _more_rounds(req: Request, year: int, rounds: int, metric: str, total: int) -> bool:
    """The year's total is larger than its printed rounds-1–n count: the year had rounds
    after the last one known, so "total less the known rounds" would count them too."""
    if rounds < 2:
        return False
    span = Scope.rounds(year, 1, rounds)
    printed = [v for f, v in _span_counts(req, metric) if f.figure.scope == span]
    return bool(printed) and min(printed) < total


def asked_rounds(req: Request, metric: str) -> tuple[int | None, tuple[int, ...]]:
    """The year and the rounds a count question asks about, as far as a deduction goes:
    a span ("1,2차"), the rounds named less those left out ("3차 빼고", rounds_excluded),
    the rest of the year when only left-out rounds are named; among several rounds named
    one by one (rounds_named), the one whose count no document prints.  A question naming
    no year means the newest round's year."""
    e = req.entities
    newest = req.newest
    year = e.year if e.year is not None else (newest.year if newest else None)
    if year is None:
        return None, ()
    excluded = set(entity(req, "rounds_excluded", ()) or ())
    named = [r for r in dict.fromkeys(entity(req, "rounds_named", ()) or ()) if r not in excluded]
    paired = e.compare == "round" and e.compare_round is not None and e.round_no is not None
    if paired and e.compare_year in (None, year):
        whole = e.count is not None and e.how == "yes_no" and said(req.question, "whole_count")
        if not together(req) and not whole:
            # "1차랑 3차 비교": two counts side by side (tally.versus); "13개는 전부 1차랑
            # 2차에서?" claims one count of both together
            return year, ()
        pair = {e.compare_round, e.round_no} - excluded
        return year, tuple(sorted(r for r in pair if r is not None))
    span = first_rounds(req.question) or e.round_span
    if span is not None:
        asked = [r for r in range(span[0], span[1] + 1) if r not in excluded]
    elif len(named) > 1:
        asked = named
    else:
        asked = [r for r in (e.round_no,) if r is not None and r not in excluded]
    if excluded and not asked:
        asked = [r for r in range(1, rounds_of(req, year) + 1) if r not in excluded]
    if len(named) > 1 and e.round_span is None and not excluded:
        # "1차 보도 수치랑 3차 공개자료로 보면 2차 때는?": the named round only a sum gives
        open_ = [r for r in named if round_count(req, year, r, metric) is None]
        after = after_premise(req.question)
        asked = after if after else open_ if len(open_) == 1 else []
    return year, tuple(asked)


@cache
def _numbers() -> dict[str, int]:
    """tally.yaml ``numbers``: number words ("two", "두") and their values."""
    return {str(k).lower(): int(v) for k, v in _data()["numbers"].items()}


@cache
def _first_rounds() -> re.Pattern[str]:
    """tally.yaml ``first_rounds_lead`` + a number word + ``first_rounds_head``."""
    numbers = "|".join(re.escape(n) for n in _numbers())
    lead = "|".join(re.escape(w) for w in words()["first_rounds_lead"])
    head = "|".join(re.escape(w) for w in words()["first_rounds_head"])
    return re.compile(rf"(?:{lead})\s*({numbers})\s*(?:개\s*)?(?:{head})", re.IGNORECASE)


def first_rounds(question: str) -> tuple[int, int] | None:
    """ "the first two rounds", "처음 두 차수": rounds 1 to N, which the entities read as
    one round ("two") — a span is what is asked."""
    found = _first_rounds().search(question.lower())
    if found is None:
        return None
    n = _numbers()[found.group(1)]
    return (1, n) if n > 1 else None


#: The end of a premise clause: "…6개면", "…로 보면", "…이라면"; "if/given …," in English.
_PREMISE_END = re.compile(r"(?<=[가-힣])면(?=[\s,]|$)|\b(?:if|given|assuming)\b[^,?]*,")
_ROUND_NO = re.compile(r"(\d)\s*차|\bround\s*(\d)\b|\bR(\d)\b", re.IGNORECASE)


def after_premise(question: str) -> list[int]:
    """ "47개 중에 3차가 6개면 1차 2차에서는?": the rounds named after a premise clause
    are the asked ones (those before it are given); [] when no round follows one."""
    end = _PREMISE_END.search(question)
    if end is None:
        return []
    before = {
        int(next(g for g in m.groups() if g)) for m in _ROUND_NO.finditer(question[: end.start()])
    }
    later = [int(next(g for g in m.groups() if g)) for m in _ROUND_NO.finditer(question, end.end())]
    asked = [r for r in dict.fromkeys(later) if r not in before]
    return asked if before and asked else []


_COUNT = re.compile(r"(?<![\d.])(\d{1,4})\s*(?:개|곳|건|services?\b)")


def stated_count(question: str) -> int | None:
    """The count a check states after its premise ("3차가 0개였다면, 13개는 1·2차 몫이지?":
    13) — the premise's own counts are given, not checked; None when none follows one."""
    end = _PREMISE_END.search(question)
    if end is None:
        return None
    found = _COUNT.findall(question[end.end() :])
    return int(found[-1]) if found else None


def count_metric(req: Request, intent: str) -> str:
    below = intent == "below_cutoff" or req.entities.what == "below_cutoff"
    return "below_cutoff" if below or req.entities.threshold is not None else "services_evaluated"


def rounds_name(req: Request, year: int, asked: Sequence[int]) -> str:
    """ "2023 round 2", "rounds 1–2 of 2023", or "2023 round 1 and 2023 round 3"."""
    t = req.t
    if len(asked) == 1:
        return round_name(t, year, asked[0])
    if list(asked) == list(range(asked[0], asked[-1] + 1)):
        return scope_name(t, Scope.rounds(year, asked[0], asked[-1]))
    return t.join([round_name(t, year, r) for r in asked])


def name_reports(req: Request, draft: Draft, reports: Sequence[tuple[Scope, StoredFigure]]) -> None:
    """Each reported term of an arithmetic line with its source ("12: 2023 round 1, a
    report by 뉴스핌 …"), so no reported number goes unlabelled."""
    seen: set[tuple[object, int]] = set()
    for scope, stored in reports:
        if (scope.key, stored.document_id) in seen:
            continue
        seen.add((scope.key, stored.document_id))
        draft.add(
            req.t._(
                "({scope}: according to {note})",
                scope=scope_name(req.t, scope),
                note=report_note(req, stored),
            ),
            stored.document_id,
        )


def together(req: Request) -> bool:
    """Two scopes' counts are to be added up ("1차랑 2차 합쳐서"), not compared."""
    lower = req.question.lower()
    return any(w in lower for w in words()["together"])


@dataclass(frozen=True)
class Count:
    """A count for one scope, where it comes from, and its arithmetic when deduced."""

    scope: Scope
    value: int
    document_id: int | None
    report: StoredFigure | None = None
    line: str = ""


def _stored(scope: Scope, stored: StoredFigure | None) -> Count | None:
    if stored is None or stored.figure.value is None:
        return None
    report = None if stored.official else stored
    return Count(scope, int(stored.figure.value), stored.document_id, report)


def count(req: Request, scope: Scope, metric: str) -> Count | None:
    """``metric`` (services evaluated, or below the cutoff) for ``scope``: a loaded round,
    a year (its services due, its rounds-1–n or whole-year figure), a labelled era, or a
    round deduced from its year."""
    ys, rs = scope.year_start, scope.round_start
    if ys is None:
        return _stored(scope, req.q.figure(metric, scope))
    if rs is not None and scope.round_end is not None and rs != scope.round_end:
        return _span_count(req, scope, metric)
    if rs is not None and rs == scope.round_end:
        known = round_count(req, ys, rs, metric)
        if known is not None:
            return Count(scope, known.value, known.document_id, known.report)
        got = deduce(req, ys, (rs,), metric)
        if got is None:
            return None
        report = got.reports[0][1] if got.reports else None
        return Count(scope, got.value, got.documents[0], report, got.line)
    if metric == EVALUATED:
        for rnd in req.q.rounds_of_year(ys):
            if rnd.services_in_year:
                return Count(scope, int(rnd.services_in_year), rnd.document_id)
        for name in ("services_in_year", EVALUATED):
            found = _stored(scope, req.q.figure(name, Scope.year(ys)))
            if found is not None:
                return found
        return None
    rounds = rounds_of(req, ys)
    for wide in (Scope.rounds(ys, 1, rounds), Scope.year(ys)) if rounds > 1 else (Scope.year(ys),):
        stored = req.q.figure(BELOW, wide)
        if stored is not None and wide != Scope.year(ys) and short_of_year(req, ys, stored):
            continue  # "1~2차 누계 35개 중 5개" in a year of 61: not the whole year
        found = _stored(scope, stored)
        if found is not None:
            return found
    return None


def short_of_year(req: Request, year: int, stored: StoredFigure) -> bool:
    """A rounds-1–n figure whose denominator is less than the year's services due: the
    year had later rounds the figure does not count."""
    due = count(req, Scope.year(year), EVALUATED)
    return bool(stored.figure.denominator and due and stored.figure.denominator < due.value)


def _span_count(req: Request, scope: Scope, metric: str) -> Count | None:
    """Rounds a–b of a year together: a printed figure ("'23년 1~2차 합산 41개 중 13개"),
    its denominator for the services evaluated, else a deduction or a sum."""
    assert scope.year_start is not None and scope.round_start is not None
    found = _stored(scope, req.q.figure(metric, scope))
    if found is not None:
        return found
    if metric == EVALUATED:
        below = req.q.figure(BELOW, scope)
        if below is not None and below.figure.denominator:
            report = None if below.official else below
            return Count(scope, below.figure.denominator, below.document_id, report)
    asked = range(scope.round_start, (scope.round_end or scope.round_start) + 1)
    got = deduce(req, scope.year_start, tuple(asked), metric)
    if got is None:
        return None
    report = got.reports[0][1] if got.reports else None
    return Count(scope, got.value, got.documents[0], report, got.line)


def rounds_together(req: Request) -> Reply | None:
    """ "2023년 1~2차 합산 미달 비율은?": some rounds of a year together (not all of them,
    which is the year) — below the cutoff out of evaluated, with the share, from a printed
    figure or deduced from the year's."""
    e = req.entities
    if e.round_span is None or e.services or e.band is not None:
        return None
    year = e.year if e.year is not None else (req.newest.year if req.newest else None)
    first, last = e.round_span
    if year is None or first == last or (first, last) == (1, rounds_of(req, year)):
        return None
    scope = Scope.rounds(year, first, last)
    below, evaluated = count(req, scope, BELOW), count(req, scope, EVALUATED)
    if below is None or evaluated is None or not evaluated.value:
        return None
    t, draft = req.t, Draft(req)
    draft.add(
        t._(
            "{scope}: {n} of {total} services ({share}) fell below the cutoff.",
            scope=scope_name(t, scope),
            n=below.value,
            total=evaluated.value,
            share=t.pct(share(below.value, evaluated.value), 1),
        )
    )
    for c in (below, evaluated):
        if c.line:
            draft.add(c.line)
    _sources(req, draft, [below, evaluated])
    return draft.reply(suggestions=offer(req, "below_cutoff", "count_evaluated"))


def era_scope(req: Request) -> Scope | None:
    """The scope of an earlier cutoff the question points at: ``era`` set by the
    understanding layer, or a score named with no direction that is a stored cutoff other
    than today's ("60점 기준이던 시절")."""
    spanned = _labelled_span(req)
    if spanned is not None:
        return spanned
    cutoffs = [f for f in req.q.figures("cutoff") if f.figure.value is not None]
    today = req.newest.cutoff if req.newest else None
    earlier = [f for f in cutoffs if f.figure.value != today]
    if not earlier:
        return None
    if entity(req, "era", None) is not None:
        return earlier[0].figure.scope
    score = req.entities.score
    if score is None and req.entities.threshold is not None and req.entities.reference == "cutoff":
        score = req.entities.threshold.value
    match = [f for f in earlier if score is not None and f.figure.value == score]
    return match[0].figure.scope if match else None


_ABOUT = re.compile(r"about (\d{4})\s*[-–~]\s*(\d{4})$")


def _labelled_span(req: Request) -> Scope | None:
    """ "2018~2020년쯤": a span of years no figure has exactly, that a report's scope
    gives in words ("about 2018-2020") — the same years, said as loosely as the report."""
    span = req.entities.year_span
    if span is None or req.q.figures(scope=Scope.years(*span)):
        return None
    for stored in req.q.figures():
        label = stored.figure.scope.label or ""
        found = _ABOUT.match(label) if stored.figure.scope.year_start is None else None
        if found and (int(found.group(1)), int(found.group(2))) == span:
            return stored.figure.scope
    return None


def scope_entities(scope: Scope) -> dict[str, Any] | None:
    """A figure's scope as entities for the next turn: a label "about 2018-2020" is the
    span of years it names."""
    if scope.year_start is None:
        found = _ABOUT.match(scope.label or "")
        return {"year_span": [int(found.group(1)), int(found.group(2))]} if found else None
    if scope.year_start != scope.year_end:
        return {"year_span": [scope.year_start, scope.year_end]}
    return {"year": scope.year_start}


def era_counts(req: Request, with_cutoff: bool = True) -> Reply | None:
    """ "60점 기준이던 시절엔 탈락 비율이?", "how many fell below it back then?": the era's
    evaluated and below counts, the share computed, the report named."""
    scope = era_scope(req)
    if scope is None:
        return None
    t, draft = req.t, Draft(req)
    evaluated, below = count(req, scope, EVALUATED), count(req, scope, BELOW)
    cutoff = next((f for f in req.q.figures("cutoff", scope=scope)), None)
    if evaluated is None and below is None:
        return None
    name = scope_name(t, scope)
    if with_cutoff and cutoff is not None and cutoff.figure.value is not None:
        draft.add(
            t._(
                "{scope}: the re-contract cutoff was {cutoff} points.",
                scope=name,
                cutoff=t.num(cutoff.figure.value),
            ),
            cutoff.document_id,
        )
    if evaluated is not None and below is not None and evaluated.value:
        # a share of a loosely dated report ("about 2018–2020") is said as loosely: ~4%
        rounded = share(below.value, evaluated.value).quantize(Decimal(1), ROUND_HALF_UP)
        draft.add(
            t._(
                "{scope}: {n} of {total} services (about {share}) fell below the cutoff.",
                scope=name,
                n=below.value,
                total=evaluated.value,
                share=t.pct(rounded, 0),
            )
        )
        draft.add(share_sum(t, below.value, evaluated.value))
    else:
        for known, message in ((evaluated, EVALUATED), (below, BELOW)):
            if known is not None:
                draft.add(_count_phrase(req, known, message))
    _sources(req, draft, [c for c in (evaluated, below, _as_count(cutoff)) if c is not None])
    reply = draft.reply(suggestions=offer(req, "cutoff_rule", "below_cutoff"))
    return replace(reply, scope=scope_entities(scope))


def _as_count(stored: StoredFigure | None) -> Count | None:
    if stored is None or stored.figure.value is None:
        return None
    return Count(
        stored.figure.scope,
        int(stored.figure.value),
        stored.document_id,
        None if stored.official else stored,
    )


def _count_phrase(req: Request, known: Count, metric: str) -> str:
    t, name = req.t, scope_name(req.t, known.scope)
    if metric == EVALUATED:
        return t._("{scope}: {n} services evaluated.", scope=name, n=known.value)
    return t._("{scope}: {n} services below the cutoff.", scope=name, n=known.value)


def _sources(req: Request, draft: Draft, counts: list[Count]) -> None:
    """Cite every count; name each report once ("(2024 (whole year): according to …)")."""
    seen: set[tuple[str, int]] = set()
    for c in counts:
        draft.cite(c.document_id)
        if c.report is None or (c.scope.key, c.report.document_id) in seen:
            continue
        seen.add((c.scope.key, c.report.document_id))
        draft.add(
            req.t._(
                "({scope}: according to {note})",
                scope=scope_name(req.t, c.scope),
                note=report_note(req, c.report),
            )
        )


# ---- two scopes side by side ----------------------------------------------------------
def compared_scopes(req: Request) -> tuple[Scope, Scope] | None:
    """The question's scope and the one it is compared with, older first: two years
    ("2023 vs 2024"), two rounds ("1차랑 3차"), or a round and its year."""
    e = req.entities
    newest = req.newest
    ends = _span_ends(req)
    if ends is not None:
        return ends
    year = e.year if e.year is not None else (newest.year if newest else None)
    if year is None:
        return None
    other_round = compared_round(req)
    if other_round is not None and e.round_no is not None:
        other_year = e.compare_year if e.compare_year is not None else year
        a, b = Scope.round(year, e.round_no), Scope.round(other_year, other_round)
    elif e.compare == "year" and e.compare_year is not None and e.compare_year != year:
        a, b = Scope.year(year), Scope.year(e.compare_year)
    elif e.compare == "prev_year" and e.year is not None and e.round_no is None:
        a, b = Scope.year(year), Scope.year(year - 1)  # "전년 대비 몇 개 줄었어?"
    elif e.compare == "whole_year" and e.round_no is not None and "share" in e.metrics:
        # "23년 1차 탈락률이랑 연간 탈락률 비교": the round's share against its year's
        return Scope.round(year, e.round_no), Scope.year(year)
    elif e.compare == "other" and e.year is not None and e.round_no is None and judged(req):
        # "did it get better in 2024?": a judged change, no other scope named — against
        # the year before ("fell below 75 in 2016" names no change: one year)
        a, b = Scope.year(year), Scope.year(year - 1)
    else:
        return None
    return (a, b) if _when(a) <= _when(b) else (b, a)


def compared_round(req: Request) -> int | None:
    """The round a round is compared with: the one named ("1차랑 3차", "round 1 versus
    round 3"), or a bare ordinal after a comparison word ("how did the first round compare
    with the third?", "the third round against the first") — the understanding reads "the
    third" as an ordinal with no noun, and a comparison of rounds makes it a round."""
    e = req.entities
    if e.compare == "round" and e.compare_round is not None:
        return e.compare_round
    if e.compare != "other" or e.round_no is None or e.ordinal in (None, e.round_no):
        return None
    return (
        e.ordinal
        if said(req.question, "compared") or _ORDINAL_OTHER.search(req.question.lower())
        else None
    )


#: "with the third", "against the first", "and the second": a bare ordinal as the other side
_ORDINAL_OTHER = re.compile(
    r"\b(?:with|against|to|and|versus|vs\.?)\s+(?:the\s+)?"
    r"(?:first|second|third|fourth|1st|2nd|3rd|4th)\b(?!\s+(?:service|one|place|time))"
)


def judged(req: Request) -> bool:
    """The question judges a change better or worse (tally.yaml's better/worse words)."""
    lower = req.question.lower()
    return any(w in lower for w in (*words()["better"], *words()["worse"]))


def _span_ends(req: Request) -> tuple[Scope, Scope] | None:
    """ "from 2023 to 2024", "2023~2024년 사이 늘었어?": the two ends of a span of years
    named alone, when it is two years or the question checks or measures a change."""
    e = req.entities
    if e.year_span is None or e.year is not None or e.round_no is not None:
        return None
    start, end = e.year_span
    if end - start != 1 and e.how not in ("yes_no", "gap", "versus", "trend"):
        return None
    if _labelled_span(req) is not None:
        return None  # "2018~2020년쯤": one era, not two years
    return Scope.year(start), Scope.year(end)


def _when(scope: Scope) -> tuple[int, int]:
    return scope.year_start or 0, scope.round_start or 0


def versus(req: Request, metric: str) -> Reply | None:
    """Two scopes' counts (or, when a share is asked, the shares below the cutoff), in
    time order, with the change and its arithmetic; None when a side is not known."""
    scopes = compared_scopes(req)
    if scopes is None:
        return None
    if metric == BELOW and "share" in req.entities.metrics:
        return _shares(req, scopes)
    first, second = (count(req, s, metric) for s in scopes)
    if first is None or second is None:
        return None
    t, draft = req.t, Draft(req)
    if together(req):
        # "1차랑 2차 합쳐서": the two counts added up, not set against each other
        total = first.value + second.value
        draft.add(
            t._(
                "{first} and {second} together: {n}.",
                first=scope_name(t, first.scope),
                second=scope_name(t, second.scope),
                n=_count_phrase_short(req, total, metric),
            )
        )
        draft.add(f"{first.value} + {second.value} = {total}")
        for c in (first, second):
            if c.line:
                draft.add(c.line)
        _sources(req, draft, [first, second])
        return draft.reply(suggestions=offer(req, "count_evaluated", "below_cutoff"))
    a, b = first.value, second.value
    lower = req.question.lower()
    change = _change(req, a, b)
    draft.add(
        t._(
            "{first}: {a} → {second}: {b} — {change}.",
            first=scope_name(t, first.scope),
            a=_count_phrase_short(req, a, metric),
            second=scope_name(t, second.scope),
            b=_count_phrase_short(req, b, metric),
            change=change,
        )
    )
    high, low = max(a, b), min(a, b)
    draft.add(f"{high} {MINUS} {low} = {high - low}")
    for c in (first, second):
        if c.line:
            draft.add(c.line)
    if metric == BELOW and (said(req.question, "standing") or not any(directions(lower))):
        # "미달 상황이 어떻게 달라졌어?", "And in 2024?": a count of a larger scope says
        # less alone — the share each side's count makes of its services beside it (a
        # count asked to move, "are fewer failing?", stays a count)
        for found in (share_below(req, s) for s in scopes):
            if found is not None and found.counts:
                draft.add(
                    req.t._(
                        "{round}: {value}", round=scope_name(req.t, found.scope), value=found.shown
                    )
                )
    _verdict(req, draft, b - a, bad=metric == BELOW)
    _sources(req, draft, [first, second])
    return draft.reply(suggestions=offer(req, "count_evaluated", "below_cutoff"))


def listed_rounds(req: Request, metric: str) -> Reply | None:
    """ "Across 2023 R3, 2024 R2, 2025 R1 and 2026 R3, how many in total?", "24년 2차랑 25년
    1차 합치면": rounds of different years named one by one (``rounds_listed``), each
    round's count (printed, or deduced with its arithmetic) and their sum.  Two rounds
    are summed only when asked together; three or more always (with each shown)."""
    pairs = tuple(dict.fromkeys(entity(req, "rounds_listed", ()) or ()))
    if len(pairs) < 2 or (len(pairs) == 2 and not together(req)) or req.entities.services:
        return None
    if len({y for y, _ in pairs}) == 1 or "share" in req.entities.metrics:
        return None  # rounds of one year: rounds_together and deduce (a share, a span's figure)
    counts = [(y, r, count(req, Scope.round(y, r), metric)) for y, r in pairs]
    known = [c for _, _, c in counts if c is not None]
    t, draft = req.t, Draft(req)
    names = t.join([round_name(t, y, r) for y, r in pairs])
    if len(known) == len(counts):
        total = sum(c.value for c in known)
        draft.add(
            t._("{rounds} together: {n}.", rounds=names, n=_count_phrase_short(req, total, metric))
        )
        draft.add(" + ".join(str(c.value) for c in known) + f" = {total}")
    for y, r, c in counts:
        if c is not None:
            draft.add(t._("{round}: {n}", round=round_name(t, y, r), n=c.value))
            if c.line:
                draft.add(c.line)
    missing = [round_name(t, y, r) for y, r, c in counts if c is None]
    if missing:
        draft.add(t._("No count is known for {rounds}.", rounds=t.join(missing)))
    _sources(req, draft, known)
    return draft.reply(
        answered=not missing, suggestions=offer(req, "count_evaluated", "below_cutoff")
    )


def per_year(req: Request) -> bool:
    """The question asks each year's figure ("연도별", "per year"), or a span of three or
    more years in no yes/no or gap form: every year, not the span's two ends."""
    e = req.entities
    lower = req.question.lower()
    if any(w in lower for w in words()["by_year"]) or in_time_order(req):
        return True
    span = e.year_span
    return span is not None and span[1] - span[0] >= 2 and e.how not in ("yes_no", "gap")


def in_time_order(req: Request) -> bool:
    """ "Put the counts in time order", "시간 순으로 정리해줘": every period held, oldest
    first — a list over time, not the newest figure; never an order by score."""
    e = req.entities
    return said(req.question, "in_time_order") and not e.metrics & {"highest", "lowest"}


def counts_by_year(req: Request, metric: str) -> Reply | None:
    """Each year's count when the question asks per year, else two scopes side by side."""
    if per_year(req) or with_eras(req):
        return yearly(req, metric, every_year=True) or versus(req, metric)
    return versus(req, metric) or yearly(req, metric, every_year=True)


def with_eras(req: Request) -> bool:
    """ "below the cutoff over time — the older period, 2023, 2024?": an earlier era asked
    beside the years, which only the by-year answer with its eras gives."""
    e = req.entities
    return said(req.question, "long_run") and e.round_no is None and not e.services


def yearly(req: Request, metric: str, every_year: bool = False) -> Reply | None:
    """ "Number of services evaluated per year from 2023 to 2026", "연도별 75점 미만 사무 수":
    each year's own count over the asked span (services due that year, a year's count
    below the cutoff; reports labelled), each change on the year before computed, and the
    sum when the years are asked together.  None for fewer than two years with a count.
    ``every_year``: with no span named, every year the knowledge base holds ("연도별 추이")."""
    e = req.entities
    every = every_year and (not e.has_scope or with_eras(req))
    span = e.year_span or (_years_held(req) if every else None)
    if span is None or e.round_no is not None or e.services or e.band is not None:
        return None
    start, end = span
    counts = [c for y in range(start, end + 1) if (c := count(req, Scope.year(y), metric))]
    if len(counts) < 2:
        return None
    t, draft = req.t, Draft(req)
    eras = _eras(req, metric) if every and (e.year_span is None or with_eras(req)) else []
    for c in eras:  # "about 2018-2020: 126": a labelled span of years comes first
        shown = _era_phrase(req, c, metric)
        draft.add(t._("{scope}: {value}", scope=scope_name(t, c.scope), value=shown))
    before: Count | None = None
    by_year = {c.scope.year_start: c for c in counts}
    for year in range(start, end + 1):
        c = by_year.get(year)
        if c is None:  # no count of its own: what its loaded rounds hold, said to be a part
            _partial_year(req, year, metric, draft)
            continue
        shown = _year_phrase(req, c, metric)
        if before is not None and before.scope.year_start == year - 1:
            shown += f" ({_change(req, before.value, c.value)})"
        draft.add(t._("{year}: {value}", year=year, value=shown))
        before = c
    steps = [
        f"{max(a.value, b.value)} {MINUS} {min(a.value, b.value)} = {abs(a.value - b.value)}"
        for a, b in pairwise(counts)
        if a.value != b.value and a.scope.year_start == (b.scope.year_start or 0) - 1
    ]
    if steps:
        draft.add("; ".join(steps))
    if together(req):
        total = sum(c.value for c in counts)
        draft.add(" + ".join(str(c.value) for c in counts) + f" = {total}")
    _sources(req, draft, eras + counts)
    return draft.reply(suggestions=offer(req, "count_evaluated", "below_cutoff"))


def _year_phrase(req: Request, c: Count, metric: str) -> str:
    """A year's count in the by-year answer; below the cutoff with the services the year
    evaluated and the share after it ("13 services below the cutoff (of 47, 27.7%)"), as
    the eras' are — how many fell below means little without how many were evaluated."""
    shown = _count_phrase_short(req, c.value, metric)
    total = count(req, c.scope, EVALUATED) if metric == BELOW else None
    if total is None or not total.value or not c.value:
        return shown
    t = req.t
    return t._(
        "{count} (of {total}, {share})",
        count=shown,
        total=total.value,
        share=t.pct(share(c.value, total.value), 1),
    )


def _era_phrase(req: Request, c: Count, metric: str) -> str:
    """An era's count, below the cutoff said out of the services it evaluated ("5 of 126")
    when the same report gives both."""
    total = None if metric == EVALUATED else _stored(c.scope, req.q.figure(EVALUATED, c.scope))
    if total is None:
        return _count_phrase_short(req, c.value, metric)
    then = req.q.figure("cutoff", c.scope)
    if then is not None and then.figure.value is not None:
        # the era's own line (60 points then): its count is not of today's cutoff
        return req.t.n_(
            "{n} of {total} service below the cutoff of the time ({cutoff} points)",
            "{n} of {total} services below the cutoff of the time ({cutoff} points)",
            c.value,
            total=total.value,
            cutoff=req.t.num(then.figure.value),
        )
    return req.t.n_(
        "{n} of {total} service below the cutoff",
        "{n} of {total} services below the cutoff",
        c.value,
        total=total.value,
    )


def _eras(req: Request, metric: str) -> list[Count]:
    """Counts stored for a labelled span of years ("about 2018-2020", a report's era): part
    of "how many over the years?" though no single year holds them."""
    found = []
    for stored in req.q.figures(metric):
        scope = stored.figure.scope
        if scope.year_start is None and scope.label:
            c = _stored(scope, stored)
            if c is not None:
                found.append(c)
    return found


def _partial_year(req: Request, year: int, metric: str, draft: Draft) -> None:
    """A year with no count of its own but loaded rounds: their sum, named as a part."""
    rounds = req.q.rounds_of_year(year)
    known = [round_count(req, year, r.round_no, metric) for r in rounds]
    if not rounds or any(k is None for k in known):
        return
    n = sum(k.value for k in known if k is not None)
    t = req.t
    draft.add(
        t._(
            "{year}: {value} — only {rounds} loaded; the year's total is not published",
            year=year,
            value=_count_phrase_short(req, n, metric),
            rounds=t.join([round_name(t, r.year, r.round_no) for r in rounds]),
        ),
        *(r.document_id for r in rounds),
    )


def yearly_end(req: Request, metric: str) -> Reply | None:
    """ "평가 대상 사무가 제일 많았던 해는?": the year(s) with the most (fewest) services by
    the years' own counts (reports labelled), every year's count after it; None when the
    question asks no year or names a scope."""
    e = req.entities
    ends = e.metrics & {"highest", "lowest"}
    lower = req.question.lower()
    if len(ends) != 1 or e.has_scope or e.services:
        return None
    if not any(w in lower for w in words()["which_year"]):
        return None
    span = _years_held(req)
    if span is None:
        return None
    counts = [c for y in range(span[0], span[1] + 1) if (c := count(req, Scope.year(y), metric))]
    if len(counts) < 2:
        return None
    pick = max if "highest" in ends else min
    end = pick(c.value for c in counts)
    t, draft = req.t, Draft(req)
    years = t.join([str(c.scope.year_start) for c in counts if c.value == end])
    shown = _count_phrase_short(req, end, metric)
    if "highest" in ends:
        draft.add(t._("The most: {years}, {value}.", years=years, value=shown))
    else:
        draft.add(t._("The fewest: {years}, {value}.", years=years, value=shown))
    for c in counts:
        value = _count_phrase_short(req, c.value, metric)
        draft.add(t._("{year}: {value}", year=c.scope.year_start, value=value))
    _sources(req, draft, counts)
    return draft.reply(suggestions=offer(req, "count_evaluated", "below_cutoff"))


def _years_held(req: Request) -> tuple[int, int] | None:
    """The first and last year of the loaded rounds and of the single years a count of
    services is stored for (a page's year total, a report's)."""
    years = [r.year for r in req.q.rounds()]
    for metric in ("services_in_year", EVALUATED):
        for stored in req.q.figures(metric):
            s = stored.figure.scope
            if s.year_start is not None and s.year_start == s.year_end and s.round_start is None:
                years.append(s.year_start)
    return (min(years), max(years)) if years else None


def _count_phrase_short(req: Request, n: int, metric: str) -> str:
    if metric == EVALUATED:
        return req.t.n_("{n} service evaluated", "{n} services evaluated", n)
    if n == 0:  # "0 services below the cutoff" reads as a figure; none is the fact
        return req.t._("no service below the cutoff")
    return req.t.n_("{n} service below the cutoff", "{n} services below the cutoff", n)


def _change(req: Request, a: int, b: int) -> str:
    if b > a:
        return req.t._("up by {n}", n=b - a)
    if b < a:
        return req.t._("down by {n}", n=a - b)
    return req.t._("unchanged")


def _verdict(req: Request, draft: Draft, rise: float, bad: bool = False) -> None:
    """네/아니요 first when the question checks one direction ("많아졌어?", "did it drop?");
    nothing for "늘었어 줄었어?" (both directions asked) or an unchanged figure.  ``bad``:
    the figure counts failures, so "better" asks whether it fell."""
    if rise == 0 or asked_direction(req, bad) is None:
        return
    # the question's own scope is the one it says moved: "2024년엔 … 많아졌어?"
    subject, other = _subject(req), _other(req)
    if _is_reference(req.question.lower(), subject):
        # "1차 때는 3차보다 높았던 거 맞지?": the scope before 보다/after "than" is the one
        # compared against, so the other scope is the question's subject
        subject, other = other, subject
    subject_later = _when(subject) >= _when(other)
    verdict = change_verdict(req, (rise > 0) == subject_later, bad)
    if verdict is not None:
        draft.lines[0] = f"{verdict} {draft.lines[0]}"


def asked_direction(req: Request, bad: bool = False) -> bool | None:
    """The one direction a yes/no question checks: True for a rise, False for a fall, None
    when it asks none, both ("늘었어 줄었어?"), or is no yes/no.  ``bad``: the figure counts
    failures (a count or share below the cutoff), so "better" asks whether it fell and
    "worse" whether it rose."""
    from bot.understand.parts import shared_parts

    if not shared_parts().yes_no(req.question):
        return None
    lower = req.question.lower()
    up, down = directions(lower)
    if bad:
        better = any(w in lower for w in words()["better"])
        worse = any(w in lower for w in words()["worse"])
        if better != worse:
            up, down = worse, better
    return None if up == down else up


def change_verdict(req: Request, rose: bool, bad: bool = False) -> str | None:
    """ "Yes." / "No." for a change that ``rose`` (or fell), against the direction the
    question checks — every handler of a change of a count, a share or an average answers
    a yes/no with it first; None when the question checks no one direction."""
    asked = asked_direction(req, bad)
    if asked is None:
        return None
    return req.t._("Yes.") if rose == asked else req.t._("No.")


_THAN_ROUND = re.compile(
    r"(\d)\s*차\s*(?:때|평균|비율|결과|점수)?\s*보다"
    r"|than\s+(?:in\s+)?(?:the\s+)?(?:\d{4}\s+)?(?:round\s+(\d)|(\d)(?:st|nd|rd|th)\s+round)"
)
_THAN_YEAR = re.compile(
    r"(?<!\d)(?:20)?(\d{2})\s*년\s*(?:도|때|평균|비율|결과|전체)?\s*보다|than\s+(?:in\s+)?20(\d{2})\b"
)


def _is_reference(lower: str, scope: Scope) -> bool:
    """Whether the question names ``scope`` as what it compares against ("3차보다",
    "than round 3", "2023년보다", "than 2023")."""
    rounds = {int(g) for m in _THAN_ROUND.finditer(lower) for g in m.groups() if g}
    years = {2000 + int(g) for m in _THAN_YEAR.finditer(lower) for g in m.groups() if g}
    if scope.round_start is not None and scope.round_start == scope.round_end:
        return scope.round_start in rounds
    return scope.year_start is not None and scope.year_start in years and not rounds


#: A threshold's words say no direction of change ("below the cutoff", "75점 미만").
THRESHOLD_WORDS = re.compile(
    r"(?:below|under|less than)[- ]?(?:\d+|the (?:cutoff|cut-off|threshold|line|bar))"
    r"|\d+\s*점?\s*(?:미만|아래|밑)|기준\s*(?:점수\s*)?(?:미만|미달|아래)"
)


@cache
def _fall_below() -> re.Pattern[str]:
    """The verb of landing under a line ("services falling below the cutoff", "75점 미만으로
    떨어진 사무"): it names which services are counted, not a change of the figure asked
    about — tally.yaml ``fall_below_en`` (before below/under) and ``fall_below_ko`` (after
    미만으로/아래로)."""
    en = "|".join(re.escape(w) for w in words()["fall_below_en"])
    ko = "|".join(re.escape(w) for w in words()["fall_below_ko"])
    return re.compile(
        rf"\b(?:{en})\s+(?=(?:below|under|beneath|short of)\b)|{_under_line()}(?:{ko})\S*"
    )


@cache
def _under_line() -> str:
    """The pattern of a line gone under in Korean, its particle with it ("미만으로", "기준
    아래로"; tally.yaml ``under_line_ko``): the start of a phrase that names which services
    are counted."""
    line = "|".join(re.escape(w) for w in words()["under_line_ko"])
    return rf"(?:{line})\s*(?:으로|로)?\s*"


def directions(lower: str) -> tuple[bool, bool]:
    """Whether the (lower-cased) question asks about a rise, and about a fall: the score
    words of parts.yaml and the count words of tally.yaml ("많아졌", "larger", "fewer").
    The words that say which services are counted ("falling below the cutoff", "75점
    미만으로 떨어진") are no direction."""
    from bot.understand.parts import shared_parts

    checks = shared_parts().checks
    lower = THRESHOLD_WORDS.sub(" ", _fall_below().sub(" ", lower))
    up = bool(checks["up"].search(lower)) or any(w in lower for w in words()["more"])
    down = bool(checks["down"].search(lower)) or any(w in lower for w in words()["fewer"])
    return up, down


def _subject(req: Request) -> Scope:
    e = req.entities
    ends = _span_ends(req)
    if ends is not None:  # "grown from 2023 to 2024?": the later year is the one that moved
        return ends[1]
    year = e.year if e.year is not None else (req.newest.year if req.newest else 0)
    return Scope.round(year, e.round_no) if e.round_no is not None else Scope.year(year)


def _other(req: Request) -> Scope:
    e = req.entities
    ends = _span_ends(req)
    if ends is not None:
        return ends[0]
    year = e.year if e.year is not None else (req.newest.year if req.newest else 0)
    if e.compare == "round" and e.compare_round is not None:
        return Scope.round(e.compare_year or year, e.compare_round)
    if e.compare == "prev_year":
        return Scope.year(year - 1)
    return Scope.year(e.compare_year or year)


@dataclass(frozen=True)
class Share:
    scope: Scope
    value: Decimal
    shown: str
    counts: tuple[Count, ...]
    report: StoredFigure | None = None
    #: decimals to show: one for a computed share, a printed share's own ("23%")
    precision: int = 1


def share_below(req: Request, scope: Scope) -> Share | None:
    """The share below the cutoff for a scope: computed from its counts when both are
    known ("7 / 12 = 58.3%"), else a printed share (official first, then a report)."""
    t = req.t
    below, evaluated = count(req, scope, BELOW), count(req, scope, EVALUATED)
    if below is not None and evaluated is not None and evaluated.value:
        pct = share(below.value, evaluated.value)
        shown = f"{below.value} / {evaluated.value} = {t.pct(pct, 1)}"
        return Share(scope, pct, shown, (below, evaluated))
    stored = req.q.figure("below_cutoff_share_pct", scope)
    if stored is None or stored.figure.value is None:
        return None
    pct = Decimal(str(stored.figure.value))
    report = None if stored.official else stored
    precision = stored.figure.precision
    return Share(scope, pct, t.pct(pct, precision), (), report, precision)


def _shares(req: Request, scopes: tuple[Scope, Scope]) -> Reply | None:
    """ "1차랑 3차 미달 비율 비교": each share in time order, the change in percentage
    points, and the year's own share when both are rounds of one year."""
    first, second = (share_below(req, s) for s in scopes)
    if first is None or second is None:
        return None
    if first.scope.round_start is not None and second.scope.round_start is None:
        return _round_beside_year(req, first, second)
    t, draft = req.t, Draft(req)
    diff = second.value - first.value
    places = max(first.precision, second.precision)
    change = (
        t._("up by {n} percentage points", n=t.num(abs(diff), places))
        if diff > 0
        else t._("down by {n} percentage points", n=t.num(abs(diff), places))
        if diff < 0
        else t._("unchanged")
    )
    draft.add(
        t._(
            "Share below the cutoff: {first} {a} → {second} {b} — {change}.",
            first=scope_name(t, first.scope),
            a=t.pct(first.value, first.precision),
            second=scope_name(t, second.scope),
            b=t.pct(second.value, second.precision),
            change=change,
        )
    )
    for s in (first, second):
        if s.counts:
            draft.add(s.shown)
    (high, hp), (low, lp) = sorted(
        ((first.value, first.precision), (second.value, second.precision)), reverse=True
    )
    shown = t.num(high - low, max(hp, lp))
    draft.add(f"{t.num(high, hp)} {MINUS} {t.num(low, lp)} = {shown}")
    year = first.scope.year_start
    rounds = first.scope.round_start is not None and second.scope.round_start is not None
    if rounds and year == second.scope.year_start and year:
        whole = _year_share(req, year)
        if whole is not None:
            draft.add(
                t._(
                    "{scope} as a whole: {share}.",
                    scope=scope_name(t, whole.scope),
                    share=whole.shown,
                )
            )
            first_counts = list(whole.counts)
        else:
            first_counts = []
    else:
        first_counts = []
    _verdict(req, draft, float(diff), bad=True)
    counts = [c for s in (first, second) for c in s.counts] + first_counts
    counts += [_as_count(s.report) for s in (first, second) if s.report is not None]  # type: ignore[misc]
    _sources(req, draft, [c for c in counts if c is not None])
    return draft.reply(suggestions=offer(req, "below_cutoff", "trend"))


def _round_beside_year(req: Request, rnd: Share, year: Share) -> Reply:
    """A round's share below the cutoff beside its whole year's (a part and its whole,
    not a change over time): both with their arithmetic, which is the higher."""
    t, draft = req.t, Draft(req)
    words = {
        "round": scope_name(t, rnd.scope),
        "a": t.pct(rnd.value, rnd.precision),
        "year": scope_name(t, year.scope),
        "b": t.pct(year.value, year.precision),
    }
    if rnd.value > year.value:
        draft.add(t._("Share below the cutoff: {round} {a}, higher than {year} {b}.", **words))
    elif rnd.value < year.value:
        draft.add(t._("Share below the cutoff: {round} {a}, lower than {year} {b}.", **words))
    else:
        draft.add(t._("Share below the cutoff: {round} {a}, the same as {year}.", **words))
    for s in (rnd, year):
        if s.counts:
            draft.add(s.shown)
    counts = [c for s in (rnd, year) for c in s.counts]
    counts += [c for s in (rnd, year) if s.report is not None and (c := _as_count(s.report))]
    _sources(req, draft, counts)
    return draft.reply(suggestions=offer(req, "below_cutoff", "trend"))


def _year_share(req: Request, year: int) -> Share | None:
    rounds = rounds_of(req, year)
    scope = Scope.rounds(year, 1, rounds) if rounds > 1 else Scope.year(year)
    found = share_below(req, Scope.year(year))
    return Share(scope, found.value, found.shown, found.counts, found.report) if found else None


def asks_cutoff_history(req: Request) -> bool:
    """ "예전이랑 달라?", "언제 강화됐어?", "was it always 75?": the cutoff over time — when
    the knowledge base knows an earlier cutoff or a dated change, and no condition is
    asked ("75점 미만이면 어떻게 돼?" is the rule)."""
    from bot.understand.parts import shared_parts

    checks, lower = shared_parts().checks, req.question.lower()
    if req.entities.services or checks["conditional"].search(lower):
        return False
    asked = any(checks[c].search(lower) for c in ("past", "changed", "stricter", "laxer"))
    return asked and bool(req.q.figures("cutoff_changed") or req.q.figures("cutoff"))


def computed_share(req: Request, where: Target, reply: Reply) -> Reply:
    """A reported scope's share below the cutoff computed from its two reported counts
    ("7 / 12 = 58.3%"), added under the report's own (rounded) figures."""
    if not reply.answered or where.year is None:
        return reply
    below = count(req, where.scope, BELOW)
    evaluated = count(req, where.scope, EVALUATED)
    if below is None or evaluated is None or not evaluated.value or below.line or evaluated.line:
        return reply
    if where.scope.round_start is None and below.report is None:
        return reply  # a year's official count already shows its share
    computed = share(below.value, evaluated.value)
    printed = req.q.figure("below_cutoff_share_pct", where.scope)
    printed_value = printed.figure.value if printed is not None else None
    if printed_value is not None and computed == Decimal(str(printed_value)):
        return reply  # the printed share says as much (58 printed for 58.3 does not)
    pct = req.t.pct(computed, 1)
    line = req.t._(
        "Computed from the counts: {n} / {total} = {share}.",
        n=below.value,
        total=evaluated.value,
        share=pct,
    )
    return replace(reply, text=f"{reply.text}\n{line}")


def era_versus(req: Request) -> Reply | None:
    """ "How does the picture around 2018–2020 compare with 2023?": an era a report gives
    only in words holds counts, not averages — its share below its cutoff against the
    named year's, each computed from its counts, in time order."""
    era, year = _labelled_span(req), req.entities.year
    if era is None or year is None:
        return None
    counted = era_counts(req)
    compared = _shares(req, (era, Scope.year(year)))
    if counted is None or compared is None:
        return None
    lines = counted.text.splitlines()
    lines += [line for line in compared.text.splitlines() if line not in lines]
    sources = tuple(dict.fromkeys((*counted.sources, *compared.sources)))
    return replace(compared, text="\n".join(lines), sources=sources)


def consigned_asked(req: Request) -> bool:
    """The question counts Seoul's consigned services ("민간에 맡기는 사무 수"), not the
    evaluated ones (tally.yaml ``consigned``; an evaluation word keeps it evaluated)."""
    lower = req.question.lower()
    evaluated = words()["evaluated_words"]
    excluded, kept = _set_aside(lower)
    if any(w in excluded for w in evaluated) and not any(w in kept for w in evaluated):
        # "평가받은 사무 수 말구요, 민간위탁 사무가 전체 몇 개": the evaluated count set
        # aside, the count asked is Seoul's own
        return True
    return any(w in lower for w in words()["consigned"]) and not any(w in lower for w in evaluated)


def kept_part(question: str) -> str:
    """The (lower-cased) question without what it sets aside ("X 말고 Y" → Y)."""
    return _set_aside(question.lower())[1]


def _set_aside(lower: str) -> tuple[str, str]:
    """What a question sets aside ("X 말고 Y", "Y, not X") and what it keeps (tally.yaml
    ``set_aside``: Korean words after the phrase, English ones before it)."""
    marks = words()["set_aside"]
    for mark in (m for m in marks if not m.isascii()):
        at = lower.rfind(mark)
        if at >= 0:
            return lower[:at], lower[at + len(mark) :]
    for mark in (m for m in marks if m.isascii()):
        at = lower.find(f"{mark} ")
        if at >= 0:
            stops = [i for i in (lower.find(c, at) for c in ",.;?") if i >= 0]
            end = min(stops, default=len(lower))
            return lower[at:end], lower[:at] + lower[end:]
    return "", lower


def by_round_asked(req: Request) -> bool:
    """The question follows the rounds one by one ("차수 갈수록", "round by round")."""
    lower = req.question.lower()
    return any(w in lower for w in words()["by_round"])


def rounds_in_order(req: Request, metric: str) -> Reply | None:
    """ "75점 미만 사무 차수 갈수록 늘고 있어?": each loaded round's count in time order (out
    of its services), the change from the first to the last; None for fewer than two."""
    rows = [
        (r, k, round_count(req, r.year, r.round_no, EVALUATED))
        for r in req.q.rounds()
        if (k := round_count(req, r.year, r.round_no, metric)) is not None
    ]
    if len(rows) < 2:
        return None
    t, draft = req.t, Draft(req)
    for r, k, of in rows:
        name = round_name(t, r.year, r.round_no)
        if of:
            line = t._("{round}: {n} of {total}", round=name, n=k.value, total=of.value)
        else:
            line = t._("{round}: {n}", round=name, n=k.value)
        draft.add(line, k.document_id)
    first, last = rows[0][1].value, rows[-1][1].value
    draft.add(
        t._(
            "From {first} to {last}: {change}.",
            first=round_name(t, rows[0][0].year, rows[0][0].round_no),
            last=round_name(t, rows[-1][0].year, rows[-1][0].round_no),
            change=_change(req, first, last),
        )
    )
    return draft.reply(suggestions=offer(req, "below_cutoff", "count_evaluated"))


def how_many(req: Request) -> bool:
    """The question asks how many ("몇 가지나", "how many"), whatever the count words the
    understanding read (tally.yaml ``how_many``)."""
    lower = req.question.lower()
    return any(w in lower for w in words()["how_many"])


_POINTS_ASKED = re.compile(r"how many points|몇\s*점")


def passed_count_asked(req: Request) -> bool:
    """ "how many actually passed, i.e. weren't kicked out?", "통과한 곳 몇 개?": a count of
    the services that did NOT fall below the cutoff (tally.yaml ``passed_asked``) — the
    complement, whatever count or yes/no the understanding read. A question that also
    asks the ones below ("how many failed and how many passed?") keeps its own handler."""
    if req.entities.how == "complement" or not how_many(req):
        return False
    return _passed_said(req.question.lower())


def passed_names_asked(req: Request) -> bool:
    """ "75점 미만으로 떨어지지 않은 곳은 어디어디예요?", "which services cleared 75?": the
    services that did NOT fall below the cutoff asked by name (tally.yaml ``passed_asked``
    and ``names_asked``) — the complement's names, not the (empty) list of those below."""
    if req.entities.how == "complement":
        return False
    lower = req.question.lower()
    return said(lower, "names_asked") and _passed_said(lower)


@cache
def _line_not_crossed() -> re.Pattern[str]:
    """The line named before the pass word ("75점 미만으로 떨어지지 않은", "기준 아래로 안
    떨어진"): part of the pass phrase, not a count below it."""
    return re.compile(rf"{_under_line()}(?=\S*\s*(?:안|않|떨어지지))")


def _passed_said(lower: str) -> bool:
    """The question says the services that passed (and not those below the line)."""
    if not said(lower, "passed_asked") or _POINTS_ASKED.search(lower):
        return False  # "how many points is the pass mark?": the cutoff, not a count
    if pass_negated(lower):
        return False  # "how many didn't pass?": those below
    rest = cue("passed_asked").sub(" ", _line_not_crossed().sub(" ", lower))
    return not said(rest, "below_words")


def pass_negated(question: str) -> bool:
    """ "didn't pass", "failed to clear", "통과 못 한" (tally.yaml ``passed_negated``): a pass
    word that asks those below the cutoff."""
    lower = question.lower()
    return any(re.search(p, lower) for p in words()["passed_negated"])


def as_complement(req: Request) -> Reply:
    """The complement handler for a count asked of the services that passed."""
    from bot.answers import HANDLERS

    e = req.entities
    what = e.what if e.what in ("count_evaluated", "below_cutoff") else "below_cutoff"
    return HANDLERS["complement"](replace(req, entities=replace(e, how="complement", what=what)))


def era_said(req: Request) -> bool:
    """ "in the older period", "예전 기준 시절": an earlier cutoff's era named in words."""
    return said(req.question, "earlier_era")


def _earlier_era(req: Request) -> Scope | None:
    """The scope of the earliest cutoff other than today's (the "older period")."""
    today = req.newest.cutoff if req.newest else None
    earlier = [
        f for f in req.q.figures("cutoff") if f.figure.value is not None and f.figure.value != today
    ]
    return earlier[0].figure.scope if earlier else None


def counts_over_scopes(req: Request, metric: str = BELOW) -> Reply | None:
    """ "How many failed in the older period, in 2023, and in 2024?": every scope named —
    an earlier cutoff's era and each year — with its count of ``total`` and the share,
    in time order, each labelled by its source; None unless three or more are named, or
    an era beside a year."""
    scopes: list[Scope] = []
    era = _earlier_era(req) if era_said(req) else era_scope(req)
    if era is not None:
        scopes.append(era)
    e = req.entities
    years = {y for y in (e.year, e.compare_year) if y is not None}
    if e.year_span is not None:
        years |= set(range(e.year_span[0], e.year_span[1] + 1))
    scopes += [Scope.year(y) for y in sorted(years)]
    if len(scopes) < 3 and not (era is not None and len(scopes) >= 2):
        return None
    t, draft = req.t, Draft(req)
    used: list[Count] = []
    for scope in scopes:
        part, total = count(req, scope, metric), count(req, scope, EVALUATED)
        if part is None:
            return None
        used += [c for c in (part, total) if c is not None]
        if total is not None and total.value:
            draft.add(
                t._(
                    "{scope}: {n} of {total} services ({share}) fell below the cutoff.",
                    scope=scope_name(t, part.scope),
                    n=part.value,
                    total=total.value,
                    share=t.pct(share(part.value, total.value), 1),
                )
            )
            draft.add(share_sum(t, part.value, total.value))
        else:
            draft.add(_count_phrase(req, part, metric))
        for c in (part, total):
            if c is not None and c.line:
                draft.add(c.line)
    _sources(req, draft, used)
    return draft.reply(suggestions=offer(req, "cutoff_rule", "below_cutoff"))


def renewals_not_published(req: Request) -> Reply | None:
    """ "Were all six round-3 services re-contracted?", "3차에서 재계약 된 곳 몇 개야?": the
    renewals themselves (decided by the re-contract review) are published nowhere — said
    plainly (answered=False), then what is published: how many fell below the cutoff and
    were excluded, and how many were not; None when the question asks no renewal done or
    names a service (the service's own verdict answers it)."""
    if not renewal_done(req.question) or req.entities.services:
        return None
    e = req.entities
    year = e.year if e.year is not None else (req.newest.year if req.newest else None)
    if year is None:
        return None
    scope = Scope.round(year, e.round_no) if e.round_no is not None else Scope.year(year)
    below, evaluated = count(req, scope, BELOW), count(req, scope, EVALUATED)
    t, draft = req.t, Draft(req)
    failing = e.threshold is not None and e.threshold.direction in ("below", "at_most")
    if (failing or said(req.question, "below_words")) and below is not None:
        # "Did the services below 75 get renewed?": the rule answers it — excluded
        draft.add(
            t._(
                "No. {scope}: the {n} services below the cutoff were excluded from "
                "re-contracting; their services go to an open call.",
                scope=scope_name(t, scope),
                n=below.value,
            )
        )
        _sources(req, draft, [below])
        return draft.reply(suggestions=offer(req, "below_cutoff", "cutoff_rule"))
    draft.add(
        t._(
            "Which services were actually re-contracted is not published: the re-contract "
            "review decides it."
        )
    )
    if below is not None and evaluated is not None and evaluated.value:
        kept = evaluated.value - below.value
        draft.add(
            t._(
                "{scope}: {below} of {total} services fell below the cutoff and were excluded "
                "from re-contracting; the other {kept} were not excluded "
                "({total} {minus} {below} = {kept}).",
                scope=scope_name(t, scope),
                below=below.value,
                total=evaluated.value,
                kept=kept,
                minus=MINUS,
            )
        )
        _sources(req, draft, [below, evaluated])
    return draft.reply(answered=False, suggestions=offer(req, "below_cutoff", "cutoff_rule"))
