"""The finished answer and the context the next turn continues from: the intent it
reports, the services its text lists (for "세 번째 거"), the figures it stated (for "what's
the gap?"), what the whole conversation holds, and when it was answered.
"""

from __future__ import annotations

from bot.answer import Answer, Context
from bot.answers.base import Reply, Request
from bot.engine.built import Built
from bot.engine.groups import OPERATIONS, SELECTING
from bot.engine.memory import HELD, TERSE, figures_kept, held_now, stated_now
from bot.engine.names import items_named
from bot.engine.replies import terse
from bot.understand.decide import Decision


def finish(
    built: Built,
    question: str,
    lang: str,
    decision: Decision,
    request: Request,
    reply: Reply,
    context: Context | None,
    asked: str | None = None,
) -> Answer:
    """The answer, and the context the next turn continues from."""
    stated = stated_now(built.q, decision, request, reply)
    figures = figures_kept(context, stated)
    items = items_named(built.names, reply.text)
    held = held_now(decision, items, stated, context)
    what = decision.entities.what
    intent = what if what in built.specs and decision.intent in OPERATIONS else decision.intent
    one_of = len(items) == 1 and context is not None and items[0] in context.items
    if context is not None and (not items or (one_of and intent not in SELECTING)):
        # an answer about one item of the previous list keeps the list: "다섯 번째는?"
        # after "세 번째 사무 개선 과제는?" still counts in it — but a search or a ranking
        # that picked one of them ("Which of them is newly consigned?", "그중 제일 점수
        # 낮은 곳은?") makes it the one "it" means
        items = context.items
    return Answer(
        question=question,
        lang=lang,
        intent=intent,
        operation=decision.intent if decision.intent in OPERATIONS else None,
        answered=reply.answered,
        text=reply.text,
        sources=reply.sources,
        suggestions=reply.suggestions,
        chart=reply.chart,
        context=Context(
            intent,
            {
                **request.entities.to_dict(),
                **(getattr(reply, "scope", None) or {}),
                **({TERSE: True} if terse(decision.entities) else {}),
                HELD: held,
            },
            at=built.clock(),
            lang=lang,
            question=(asked or request.question)[:512],
            items=items,
            figures=figures,
            operation=decision.intent if decision.intent in OPERATIONS else None,
        ),
    )
