"""Questions of two parts ("평가기간이랑 평가기관은?", "평균이랑 미달 개수"): the second
fact, figure or count asked beside the decided one, answered after it — and asked again
of a new scope ("둘 다 어떻게 돼?").
"""

from __future__ import annotations

from bot.answer import Context
from bot.answers.base import Reply, Request
from bot.engine.built import Built
from bot.engine.replies import joined
from bot.understand import Understander, Understanding
from bot.understand.decide import Decision
from bot.understand.entities import Entities
from bot.understand.literals import bounded_words
from bot.understand.search import load_lookup

#: Facts of a round that one question may ask for together ("평가기간이랑 평가기관은?").
FACTS = frozenset({"period", "evaluator", "legal_basis", "scoring_scheme"})
#: both parts of a two-part answer asked again (lookup.yaml both_parts)
BOTH = bounded_words(load_lookup()["both_parts"])


def also(
    built: Built, reply: Reply, request: Request, u: Understanding, decision: Decision
) -> Reply:
    """ "2025년 1차 평가기간이랑 평가기관은?", "2024년 평균이랑 평가 사무 수": two facts or
    two figures of a scope asked at once, each by its own words — both answers, one
    after the other."""
    if decision.ask_back or not reply.answered:
        return reply
    other = second_part(built.ur, u, decision)
    others = [other] if other is not None else round_pair_rest(u, decision)
    for name in others:
        extra = built.handlers[name](request)
        if extra.answered:
            reply = joined(reply, extra)
    return reply


def second_part(ur: Understander, u: Understanding, decision: Decision) -> str | None:
    """The intent of the second fact, figure or count the words ask for beside the decided
    one, if any (``also`` answers it; ``both_again`` asks whether there was one)."""
    return (
        other_fact(ur, u, decision) or other_figure(ur, u, decision) or other_count(ur, u, decision)
    )


def other_fact(ur: Understander, u: Understanding, decision: Decision) -> str | None:
    """The second fact of a round the words ask for beside the decided one: two facts
    ("평가기간이랑 평가기관은?"), or a fact beside a count or an average ("몇 개 사무였고
    어디서 평가했어?", "3차 평가기간이랑 평균은?") — each asked by its own words."""
    best, paired = u.ranked[0], FACTS | {"count_evaluated", "average"}
    if decision.intent not in paired or best.intent != decision.intent or not best.cues:
        return None
    if decision.entities.services or decision.entities.how:
        return None
    cutoff = ur.matching.cutoff
    return next(
        (
            r.intent
            for r in u.ranked[1:]
            if r.intent in paired
            and r.intent != decision.intent
            and r.cues
            and FACTS & {r.intent, decision.intent}
            and (decision.intent in FACTS or r.score >= cutoff)
        ),
        None,
    )


def other_figure(ur: Understander, u: Understanding, decision: Decision) -> str | None:
    """ "몇 개 사무 했어? 평균은?", "3차 평균이랑 미달 개수 둘 다": the other of a count
    (of services evaluated, or below the cutoff) and an average, asked plainly (no
    threshold, band, service or way of asking) beside the decided one."""
    e = decision.entities
    plain = not (e.how or e.threshold or e.band or e.services or e.service_candidates)
    plain = plain and e.reference != "average" and e.compare in (None, "whole_year")
    if not plain or not {"count", "average"} <= e.metrics:
        return None
    if decision.intent == "below_cutoff":
        return "average"
    failing = ur.parts.checks["fail"].search(u.text.lower())
    counted = "below_cutoff" if failing else "count_evaluated"
    return {"average": counted, "count_evaluated": "average"}.get(decision.intent)


def other_count(ur: Understander, u: Understanding, decision: Decision) -> str | None:
    """ "27년에 총 몇 개 평가했고 75점 안 된 게 몇 개야": the services evaluated and those
    below the line, each asked with its own "how many"."""
    e = decision.entities
    below = e.threshold is not None and e.threshold.direction in ("below", "at_most")
    if decision.intent != "count_evaluated" or not below or e.services or e.how:
        return None
    asked = ur.vocab.metrics["count"].findall(u.text.lower())
    return "below_cutoff" if len(asked) >= 2 else None


def round_pair_rest(u: Understanding, decision: Decision) -> list[str]:
    """Two rounds compared with no figure named ("3차랑 비교하면?" after round 1's results):
    after the named round's results, the counts evaluated and below the cutoff of the two
    rounds side by side — what both rounds publish (round 1's average is not)."""
    e, own = decision.entities, u.entities
    if decision.intent != "round_summary" or e.compare != "round" or e.compare_round is None:
        return []
    if own.metrics or own.threshold or e.services:
        return []
    return ["count_evaluated", "below_cutoff"]


def both_again(built: Built, u: Understanding, context: Context | None) -> Understanding | None:
    """The previous question, understood again, when the question asks "both" of its two
    parts for another scope ("둘 다 어떻게 돼?") and names nothing else of its own."""
    e = u.entities
    if context is None or not context.question or context.intent not in built.handlers:
        return None
    if e.services or e.metrics or e.threshold or e.topic or not BOTH.search(u.text.lower()):
        return None
    before = built.ur.understand(context.question)
    decision = Decision(context.intent, Entities.from_dict(context.entities or {}))
    return before if second_part(built.ur, before, decision) is not None else None
