"""A handler's reply amended by what the question also asked or left implicit: a
service's score after the search that found it, the published rule before the list it
picks, the scope inherited from the previous turn, 네/아니요 before a gap.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.answers.base import Reply, Request
from bot.answers.compute import figures_for
from bot.engine.built import Built
from bot.engine.names import items_named
from bot.engine.replies import joined
from bot.understand import Understander, Understanding
from bot.understand.decide import INTERNAL_INTENTS, Decision

#: the services evaluated, asked of in general ("평가대상은 어떤 사무들이야")
EVALUATED_ONES = re.compile(
    r"평가\s*대상|evaluated services|services (?:are|get) evaluated|services evaluated"
)


def verdict_first(
    ur: Understander, reply: Reply, request: Request, u: Understanding, decision: Decision
) -> Reply:
    """ "so the year as a whole was under it? by how much?": a direction checked and a
    gap asked in one message — 네/아니요 on the direction first (the subject against
    what it is measured by), then the gap as computed."""
    if decision.intent not in ("gap", "versus") or not reply.answered:
        return reply
    if decision.entities.what == "previous":
        return reply
    parts = ur.parts
    checks = parts.checks
    asked = [s.lower() for s in parts.sentences(u.text) if parts.yes_no(s)]
    directions = {(bool(checks["up"].search(s)), bool(checks["down"].search(s))) for s in asked}
    if len(directions) != 1:
        return reply
    up, down = directions.pop()
    figs = figures_for(request, decision.intent)
    if up == down or len(figs) != 2 or figs[0].value == figs[1].value:
        return reply
    t = request.t
    if reply.text.startswith((t._("Yes."), t._("No."))):
        return reply
    holds = (figs[0].value > figs[1].value) == up
    verdict = t._("Yes.") if holds else t._("No.")
    return replace(reply, text=f"{verdict} {reply.text}")


def described_then_scored(
    built: Built, reply: Reply, decision: Decision, request: Request, u: Understanding
) -> Reply:
    """ "상인들 온라인 판매 교육한 사무 몇점 받았어?": a service asked for by what its
    findings say *and* how it scored — the search finds it, then its score (and
    verdict) is answered for it, under the finding that named it."""
    if decision.intent != "topic_search" or not reply.answered:
        return reply
    if not built.ur.parts.checks["result_asked"].search(u.text.lower()):
        return reply
    found = items_named(built.names, reply.text)
    if len(found) != 1:
        return reply
    e = replace(request.entities, services=found, topic=None, kind=None, how=None)
    scored = built.handlers["service_score"](replace(request, entities=e))
    return joined(reply, scored)


def listed_by_rule(
    ur: Understander, reply: Reply, request: Request, u: Understanding, decision: Decision
) -> Reply:
    """ "평가대상은 어떤 사무들이야", "which services get evaluated?": asked of no round, the
    list of the newest round comes after the published rule that picks them (services
    whose consignment period is ending), from the same disclosure."""
    from bot.answers.about import purpose_line

    e, checks = u.entities, ur.parts.checks
    lower = u.text.lower()
    if (
        decision.intent != "services_list"
        or not reply.answered
        or e.has_scope
        or e.latest
        or e.metrics
        or e.terse
        or not EVALUATED_ONES.search(lower)
        or checks["happened"].search(lower)
        or request.newest is None
    ):
        return reply
    stated = purpose_line(request, request.newest.document_id)
    if stated is None:
        return reply
    line = request.t._("Purpose, as published: {line}", line=stated)
    return replace(reply, text=line + "\n" + reply.text)


def name_inherited(reply: Reply, request: Request, u: Understanding, decision: Decision) -> Reply:
    """A scope taken from the previous turn is named in the answer, if it is not yet."""
    e = decision.entities
    if u.entities.has_scope or e.year is None or decision.intent in INTERNAL_INTENTS:
        return reply
    if e.reference in ("next", "previous"):
        return reply  # the answer names the evaluation it found, not the one counted from
    if str(e.year) in reply.text:
        return reply
    t = request.t
    scope = (
        t._("{year} round {round}", year=e.year, round=e.round_no)
        if e.round_no is not None
        else t._("{year} (whole year)", year=e.year)
    )
    text = t._("(As in the previous question: {scope})", scope=scope) + "\n" + reply.text
    return replace(reply, text=text)
