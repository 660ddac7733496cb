"""From a decision to a reply: which service was meant, asking back, the two figures
the conversation last stated weighed against each other, the figure just stated against
the one the question names — else the intent's handler.
"""

from __future__ import annotations

from dataclasses import replace

from bot.answer import Context
from bot.answers.base import Reply, Request, scope_name
from bot.answers.compute import Fig, compare_reply, fig_from_dict, subject
from bot.answers.meta import clarify
from bot.answers.services import which_service
from bot.engine.built import Built
from bot.engine.words import pointers
from bot.i18n import translator
from bot.understand import Understander
from bot.understand.decide import Decision
from bot.understand.decide.conversation import recalled_place
from bot.understand.entities import Entities


def request_for(built: Built, text: str, lang: str, entities: Entities) -> Request:
    """What a handler is given: the question, its language and entities, over this build."""
    return Request(
        question=text,
        lang=lang,
        entities=entities,
        q=built.q,
        t=translator(lang),
        specs=built.specs,
    )


def dispatch(built: Built, decision: Decision, request: Request, context: Context | None) -> Reply:
    """The reply to a decision: which service was meant, asking back, the two figures last
    stated weighed, the figure last stated against the one named — else the handler."""
    spec = built.specs.get(decision.intent)
    if spec and "services" in spec.slots and request.entities.service_candidates:
        return which_service(request, decision.intent)
    if decision.ask_back:
        return clarify(request, decision.ask_back)
    if decision.entities.what == "previous" and context is not None:
        figs = [f for f in (fig_from_dict(request, d) for d in context.figures[-2:]) if f]
        if len(figs) == 2:
            compared = compare_reply(request, figs[0], figs[1], decision.intent)
            return same_round_said(built.ur, compared, request, figs[0], figs[1])
    against = against_last(built.ur, decision, request, context)
    if against is not None:
        return against
    return built.handlers[decision.intent](request)


def same_round_said(ur: Understander, reply: Reply, request: Request, a: Fig, b: Fig) -> Reply:
    """ "둘이 몇 점 차이? 같은 회차야?": beside the gap of two figures, whether they come
    from one round (year, span) — asked with the gap, answered after it."""
    asked = ur.parts.checks.get("same_round")
    if asked is None or not asked.search(request.question.lower()):
        return reply
    t = request.t
    if a.scope == b.scope:
        line = t._("Both are of the same round: {scope}.", scope=scope_name(t, a.scope))
    else:
        line = t._(
            "They are not of the same round: {a} and {b}.",
            a=scope_name(t, a.scope),
            b=scope_name(t, b.scope),
        )
    return replace(reply, text=f"{reply.text}\n{line}")


def against_last(
    ur: Understander, decision: Decision, request: Request, context: Context | None
) -> Reply | None:
    """ "2025년 2차랑 비교하면 몇 점 차이야?": an average named and compared with nothing
    named — the other side is the figure the conversation last stated (not the cutoff)."""
    e = request.entities
    # "올해 전체 평균은 거기서 얼마나 떨어진 거야?": a word pointing at the figure just
    # stated names the other side too, whatever comparison words the scope carries
    pointed = e.compare in (None, "whole_year") and e.reference in (None, "whole_year")
    pointed = pointed and bool(pointers().search(request.question.lower()))
    # "아까 그 숫자": a figure recalled by its place is the subject already decided
    pointed = pointed and recalled_place(ur, request.question.lower()) is None
    if decision.intent == "yes_no" and pointed:
        return checked_against_last(ur, decision, request, context)
    if (
        context is None
        or not context.figures
        or decision.intent not in ("gap", "versus")
        or e.what != "average"
        or not (pointed or (e.compare == "other" and e.reference is None))
        or e.score is not None
        or e.services
        or not e.has_scope
    ):
        return None
    last, named = fig_from_dict(request, context.figures[-1]), subject(request)
    if last is None or named is None or last.scope == named.scope:
        return None
    return compare_reply(request, last, named, decision.intent)


def checked_against_last(
    ur: Understander, decision: Decision, request: Request, context: Context | None
) -> Reply | None:
    """ "Is that above the 2015–2022 average?" after the 2024 average: the figure just
    stated ("that") against the average the question names — 네/아니요 on the direction
    asked, then both figures and the gap — not the named average against the cutoff."""
    e = request.entities
    if context is None or not context.figures or e.what != "average" or not e.has_scope:
        return None
    if e.services or e.threshold is not None or e.score is not None:
        return None
    last, named = fig_from_dict(request, context.figures[-1]), subject(request)
    if last is None or named is None or last.scope == named.scope or last.kind != "average":
        return None
    lower = request.question.lower()
    checks = ur.parts.checks
    up, down = checks["up"].search(lower), checks["down"].search(lower)
    compared = compare_reply(request, last, named, "versus")
    if bool(up) == bool(down) or last.value == named.value:
        return compared
    holds = (last.value > named.value) == bool(up)
    verdict = request.t._("Yes.") if holds else request.t._("No.")
    return Reply(
        f"{verdict} {compared.text}",
        compared.answered,
        compared.sources,
        compared.suggestions,
        compared.chart,
    )
