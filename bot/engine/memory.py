"""What the conversation remembers between turns, kept in the ``Context`` each answer
carries: the figures stated (the last two, for "which one was higher?"), what the whole
conversation holds (the one service it is about, every figure stated, in order), and when
it was answered (``CONTEXT_TTL``: an older context is forgotten).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from bot.answer import Context
from bot.answers.base import Reply, Request
from bot.answers.compute import Fig, figures_for, score_fig
from bot.engine.groups import NEEDS_SERVICE, SELECTING
from bot.i18n import LANGS
from bot.understand import Understanding
from bot.understand.decide import Decision
from bot.understand.entities import Entities
from knowledge.queries import Queries

#: A stored context older than this (seconds) is forgotten: a new conversation starts.
CONTEXT_TTL = 30 * 60
#: The key of ``Context.entities`` under which the engine keeps what the whole conversation
#: holds (``held_now``): no entity, so a rebuilt ``Entities`` never sees it.
HELD = "held"
#: The key of ``Context.entities`` that says the answer was asked short ("한 줄로"): "And in
#: English?" repeats it as short (no entity keeps it: each question asks its own length).
TERSE = "terse"
#: How many stated figures the conversation keeps (the first two, then the newest).
STATED_KEPT = 8


def live(context: Context | None, clock: Callable[[], float]) -> Context | None:
    """The context, unless it is too old to continue (a new conversation starts)."""
    if context is not None and context.at is not None and clock() - context.at > CONTEXT_TTL:
        return None
    return context


def context_lang(context: Context | None) -> str | None:
    """The language the conversation was answered in, if a known one: words with no
    language of their own ("2020?", "출처?") continue it."""
    return context.lang if context is not None and context.lang in LANGS else None


def held_by(context: Context | None) -> dict[str, Any]:
    """What the conversation holds beyond its last turn (``held_now``)."""
    held = context.entities.get(HELD) if context is not None else None
    return held if isinstance(held, dict) else {}


def held_now(
    decision: Decision,
    items: tuple[int, ...],
    stated: list[dict[str, Any]],
    context: Context | None,
) -> dict[str, Any]:
    """What the conversation holds after this turn, beyond the turn itself: the one
    service it is about (named, picked by a ranking, or the only one an answer named —
    kept through turns that name none, dropped by a list of several) and the figures it
    stated, in order (the first ones kept: "the first average I asked about")."""
    before = held_by(context)
    e = decision.entities
    picked = bool(e.metrics & {"highest", "lowest"}) or decision.intent in SELECTING
    service = before.get("service")
    if e.services:
        service = e.services[0] if len(e.services) == 1 else None
    elif items:
        service = items[0] if picked or len(items) == 1 else None
    figures: dict[tuple[Any, ...], dict[str, Any]] = {}
    for f in [*before.get("stated", ()), *stated]:
        if isinstance(f, dict):
            key = (f.get("kind"), tuple(f.get("scope") or ()), f.get("service"))
            figures.setdefault(key, f)
    kept = list(figures.values())
    if len(kept) > STATED_KEPT:
        kept = kept[:2] + kept[2 - STATED_KEPT :]
    return {"service": service, "stated": kept}


def known(q: Queries, entities: Entities) -> Entities:
    """A stored context may name services that no longer exist (or never did)."""
    kept = tuple(i for i in entities.services if q.service(i) is not None)
    return entities if kept == entities.services else replace(entities, services=kept)


def figures_kept(context: Context | None, now: list[dict[str, Any]]) -> tuple[dict, ...]:
    """The last two figures stated, for "which one was higher?" / "what's the gap?"."""
    before = context.figures if context else ()
    if not now or (len(now) == 1 and before and same_figure(before[-1], now[0])):
        # "how far above the cutoff is that?" restates the average just given: the
        # figure before it stays the other one ("what's the gap?" weighs the two)
        return tuple(before)
    return tuple([*before, *now][-2:]) if len(now) == 1 else tuple(now[-2:])


def same_figure(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two stated figures that are one (the same kind, scope and service)."""
    return all(a.get(k) == b.get(k) for k in ("kind", "scope", "service"))


def stated_now(
    q: Queries, decision: Decision, request: Request, reply: Reply
) -> list[dict[str, Any]]:
    """The figures this answer states (a figure it only repeats, none)."""
    if decision.entities.what == "previous" or not reply.answered:
        return []
    now = [f.to_dict() for f in figures_for(request, decision.intent)]
    if not now:
        now = [f.to_dict() for f in score_stated(q, decision, request, reply.text)]
    if any(f.get("kind") != "cutoff" for f in now):
        # the cutoff an average was measured against is not what was asked: "얼마나
        # 떨어진 거야?" after two averages compares the averages
        now = [f for f in now if f.get("kind") != "cutoff"]
    return now


def score_stated(q: Queries, decision: Decision, request: Request, text: str) -> list[Fig]:
    """ "동북권직장맘지원센터 점수 몇 점?", then "서남권은?", then "둘이 몇 점 차이?": the
    score an answer about one service states when no round is named — its newest
    published one (within the year asked) that the answer's ``text`` shows, so the
    next turn can weigh the two."""
    e = decision.entities
    if decision.intent not in NEEDS_SERVICE or len(e.services) != 1:
        return []
    if e.compare or e.how or e.reference:
        return []
    scored = [
        v
        for v in q.evaluations_of_service(e.services[0])
        if v.score is not None and e.year in (None, v.year) and e.round_no in (None, v.round_no)
    ]
    if not scored:
        return []
    last = scored[-1]
    found = score_fig(request, e.services[0], last.year, last.round_no)
    if found is None or request.t.num(found.value, found.precision) not in text:
        return []
    return [found]


def recalled(stated: Any, place: str, u: Understanding) -> dict[str, Any] | None:
    """The stated figure a question recalls by its place ("first", "earlier"), among those
    of the kind it names (an average, a share), else among all but the cutoff."""
    kinds = {"average": "average", "share": "share"}
    kind = next((k for m, k in kinds.items() if m in u.entities.metrics), None)
    pool = [
        f
        for f in stated
        if isinstance(f, dict) and f.get("kind") != "cutoff" and kind in (None, f.get("kind"))
    ]
    if not pool:
        return None
    if place == "first":
        return pool[0]
    return pool[-2] if len(pool) >= 2 else pool[0]
