"""Services pointed at rather than named: "세 번째 거", "the last one", "거기", "그 두
곳", "the one with the lower score" — counted in the previous answer's list, the round's
list, or the service the conversation holds.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from bot.answer import Context
from bot.engine.groups import COUNTED
from bot.engine.memory import held_by
from bot.engine.words import only_fillers
from bot.understand import Understander, Understanding
from bot.understand.decide import Decider, Decision
from bot.understand.entities import Entities
from bot.understand.literals import bounded_words
from bot.understand.search import load_lookup
from knowledge.queries import Queries

#: an ordinal that counts services ("첫 번째 사무", "the second centre"), not findings
ORDINAL_SERVICE = re.compile(
    r"(?:번째|째)\s*(?:사무|센터|시설|기관|곳)"
    r"|(?:first|second|third|fourth|fifth|sixth|last|\d+(?:st|nd|rd|th))\s+"
    r"(?:service|centre|center|facility|institution|one)"
)


def pointed_at(
    ur: Understander,
    q: Queries,
    decider: Decider,
    u: Understanding,
    context: Context | None,
    previous: Entities | None,
) -> Understanding:
    """ "세 번째 거", "the last one", "거기": the service the previous answer pointed at."""
    e = u.entities
    if context is None or e.services or e.service_candidates:
        return u
    chosen_ones = chosen_services(ur, q, decider, u, context, previous)
    if not chosen_ones or any(q.service(c) is None for c in chosen_ones):
        return u
    entities = replace(e, services=chosen_ones, topic=None, unknown_name=None)
    if not e.has_scope and previous is not None and previous.has_scope:
        # "그중 네 번째 거 점수는?": the listed service, in the round that listed it
        entities = replace(entities, **previous.scope_fields())
    matcher = ur.matcher
    ranked = tuple(matcher.rank(u.prepared, u.text.lower(), entities, u.unknown[0]))
    # "and the last one?", "다섯 번째는?" after a question about one service: the pointer
    # and nothing else asks what the previous turn asked, of the service pointed at
    # (after a list, "what about the second one?" asks about that service in general)
    spec = ur.specs.get(context.intent or "")
    bare = e.ordinal is not None and spec is not None and "services" in spec.slots
    bare = bare and only_fillers(ur, ur.parts.without_ordinal(u.text.lower()))
    return replace(u, entities=entities, ranked=ranked, elliptical=bare)


def chosen_services(
    ur: Understander,
    q: Queries,
    decider: Decider,
    u: Understanding,
    context: Context,
    previous: Entities | None,
) -> tuple[int, ...]:
    """The service (or two) the question points at: by its ordinal in the previous list
    (or the round's), by a pronoun at the one service answered, by a word pointing at the
    service held, by score among those listed — else the two just listed, or none."""
    e = u.entities
    chosen = None
    items = context.items
    counted = not items and context.intent in COUNTED  # "두번째꺼 뭐임" after "몇 개?"
    if (
        e.ordinal is not None
        and len(items) <= 1
        and (counted or ORDINAL_SERVICE.search(u.text.lower()))
    ):
        # "그럼 첫 번째 사무 주요 성과는?" after an answer about one service: the answer
        # had no list, so the ordinal counts in its round's list of services
        items = round_list(q, previous, items)
    if e.ordinal is not None and items:
        index = e.ordinal - 1 if e.ordinal > 0 else e.ordinal
        if -len(items) <= index < len(items):
            chosen = items[index]
    elif (
        ur.parts.pronoun.search(u.text.lower())
        and not (previous and previous.services)
        and len(context.items) == 1
        # "What's the gap between them?" after two answers: the figures, not one service
        and not ur.parts.checks["plural_pointer"].search(u.text.lower())
        # "which one was it?" after a count: the counted ones asked for, no pointer
        and not (previous and decider.which_counted(u, previous, context.intent))
    ):
        chosen = context.items[0]
    elif e.ordinal is None and not (previous and previous.services):
        chosen = held_pointed(ur, u, context)
    if chosen is None and e.ordinal is None:
        chosen = picked_by_score(q, u, context, previous)
    return (chosen,) if chosen is not None else two_pointed(ur, u, context)


def round_list(q: Queries, previous: Entities | None, items: tuple[int, ...]) -> tuple[int, ...]:
    """The services of the round the conversation is about, in published order: the
    previous turn's round, else the newest round of the one service it answered about,
    else the newest loaded round."""
    if previous is not None and previous.year is not None and previous.round_no is not None:
        rnd: tuple[int, int] | None = (previous.year, previous.round_no)
    elif items and q.evaluations_of_service(items[0]):
        last = q.evaluations_of_service(items[0])[-1]
        rnd = (last.year, last.round_no)
    else:
        newest = q.latest_round()
        rnd = (newest.year, newest.round_no) if newest is not None else None
    if rnd is None:
        return items
    listed = tuple(dict.fromkeys(v.service.id for v in q.evaluations(*rnd)))
    return listed or items


def held_pointed(ur: Understander, u: Understanding, context: Context) -> int | None:
    """ "And that service's overall score?" after a ranking, then a turn about the round:
    a word pointing at one service ("that service", "그 사무", "거기") is the one the
    conversation holds, though the last answer listed several or none."""
    held = held_by(context).get("service")
    lower = u.text.lower()
    if not isinstance(held, int) or not service_pointers().search(lower):
        return None
    if ur.parts.checks["plural_pointer"].search(lower):
        return None
    return held


def picked_by_score(
    q: Queries, u: Understanding, context: Context, previous: Entities | None
) -> int | None:
    """ "그 중 점수 더 낮은 곳 개선과제는?" after a list of services with their scores:
    the one of them with the lower (higher) score in the round the list was of — not a
    ranking of a whole round, and not a question about every one of them."""
    e = u.entities
    if len(context.items) < 2 or e.metrics & {"highest", "lowest", "count", "share"}:
        return None
    if e.threshold or e.band or e.has_scope or e.reference:
        return None  # "기준보다 낮은 곳", "2025년 1차에서 …": not one of those listed
    if context.intent in ("highest", "lowest", "rank"):
        return None
    lower = u.text.lower()
    side = next((s for s, p in picks().items() if p.search(lower)), None)
    if side is None or previous is None or previous.year is None:
        return None
    scores: dict[int, float] = {}
    for v in q.evaluations(previous.year, previous.round_no):
        if v.service.id in context.items and v.score is not None:
            scores[v.service.id] = v.score
    if len(scores) != len(context.items):
        return None  # a score not published: which one is lower cannot be told
    pick = min if side == "lower" else max
    return pick(scores, key=lambda i: scores[i])


def two_pointed(ur: Understander, u: Understanding, context: Context) -> tuple[int, ...]:
    """ "그 두 곳 점수 차이는?" after an answer listing two services: both of them, to
    be compared (a gap or a versus; a plain "their scores?" keeps the last answer's list)."""
    e = u.entities
    if len(context.items) != 2 or e.how not in ("gap", "versus") or e.ordinal is not None:
        return ()
    if not ur.parts.checks["two_pointed"].search(u.text.lower()):
        return ()
    return tuple(context.items)


def the_one(ur: Understander, q: Queries, decision: Decision, context: Context | None) -> Decision:
    """ "점수는?" after an answer about one service (a search that found one, say): that
    service, rather than asking which."""
    e, spec = decision.entities, ur.specs.get(decision.intent)
    if (
        context is None
        or len(context.items) != 1
        or spec is None
        or "services" not in spec.slots
        or e.services
        or e.service_candidates
        or e.unknown_name
        or decision.ask_back
        or q.service(context.items[0]) is None
    ):
        return decision
    return replace(decision, entities=replace(e, services=(context.items[0],)))


@cache
def picks() -> dict[str, re.Pattern[str]]:
    """lookup.yaml ``picked_by_score``: the lower / the higher of the listed services."""
    return {side: bounded_words(words) for side, words in load_lookup()["picked_by_score"].items()}


@cache
def service_pointers() -> re.Pattern[str]:
    """lookup.yaml ``pointing``: words pointing at one service ("that centre", "그 사무")."""
    return bounded_words((str(w).lower() for w in load_lookup()["pointing"]), end=r"(?![\w])")
