"""Questions about named services: how one came out, why, over time, against a line.

"X 왜 점수 낮게 나왔어?", "X랑 Y는 같은 데야?", "마포 점수 올랐어?", "how far below the
cutoff was X?", "which services were evaluated more than once?": a service (or the
services' records across rounds) is the subject, and its findings or scores answer.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.understand import Understander, Understanding
from bot.understand.decide.decision import NO_SCOPE, Decision
from bot.understand.decide.groups import FOCUSABLE, SERVICE_GAP_WHATS
from bot.understand.decide.rules import scheme_named
from bot.understand.decide.words import SERVICES_WORD, no_ordinals
from bot.understand.entities import Entities

#: A round named by its number ("round 3", "3rd round").
_ROUND_NAMED = re.compile(r"\bround\s*\d+\b|\b\d+(?:st|nd|rd|th)\s+round\b")


def why_scored(ur: Understander, u: Understanding) -> Decision | None:
    """ "X 왜 점수 낮게 나왔어?", "why did X score so well?": the reasons the evaluation
    gave — its improvement findings for a low score, its achievements for a high one."""
    e, checks, lower = u.entities, ur.parts.checks, u.text.lower()
    if len(e.services) != 1 or e.service_candidates or e.kind or e.topic:
        return None
    if not checks["why"].search(lower) or not checks["score_words"].search(lower):
        return None
    down, up = checks["down"].search(lower), checks["up"].search(lower)
    kind = "improvement" if down and not up else "achievement" if up and not down else "both"
    return Decision("findings", replace(e, kind=kind, metrics=frozenset()))


def one_and_the_same(ur: Understander, u: Understanding) -> bool:
    """Two services named and asked whether they are one: an identity phrase, no
    scope, figure or finding kind of its own."""
    e = u.entities
    return (
        len(e.services) == 2
        and not e.has_scope
        and not e.metrics
        and e.kind is None
        and e.threshold is None
        and bool(ur.parts.checks["one_and_the_same"].search(u.text.lower()))
    )


def which_is(ur: Understander, u: Understanding) -> bool:
    """One service named and asked which of a list it is (parts.yaml ``which_is``): no
    figure, finding kind, threshold or topic of its own — an identification."""
    e = u.entities
    return (
        len(e.services) == 1
        and not e.service_candidates
        and not e.metrics
        and e.kind is None
        and e.threshold is None
        and e.band is None
        and e.how in (None, "versus")  # "which of those" is a versus word too
        and bool(ur.parts.checks["which_is"].search(u.text.lower()))
        # named by the question's own words, not a pointer's ("which of those two
        # scored lower, and what was its score?")
        and bool(ur.extractor.extract(u.text).services)
        and not ur.parts.checks["score_words"].search(u.text.lower())
    )


def in_both_asked(ur: Understander, u: Understanding) -> bool:
    """Services of a round asked for by their being evaluated in another scope too: two
    scopes (the second a year or a round), no service of its own, an "also evaluated" phrase."""
    e = u.entities
    return (
        e.year is not None
        and e.round_no is not None
        and e.compare_year is not None
        and e.compare_year != e.year
        and not (e.services or e.service_candidates)
        and bool(ur.parts.checks["also_evaluated"].search(u.text.lower()))
    )


def evaluated_again(ur: Understander, u: Understanding) -> bool:
    """Services evaluated in more than one round, asked for with no service named."""
    e, lower = u.entities, no_ordinals(u.text.lower())
    return (
        not e.services
        and not e.service_candidates
        and not e.has_scope
        and not e.kind
        and bool(ur.parts.checks["times_evaluated"].search(lower))
        and bool(ur.parts.lookup_shape.search(lower) or SERVICES_WORD.search(lower))
        and "count" not in e.metrics
    )


def focus(ur: Understander, u: Understanding, previous: Entities | None) -> Decision | None:
    """ "거기 소각로는 몇 년 됐대?", "what did they say about its instructors?": a question
    about one service (named, or the previous turn's) that its own findings answer."""
    e, best = u.entities, u.ranked[0]
    if ur.lookup is None or e.service_candidates or e.has_scope or e.threshold:
        return None
    if best.score >= ur.matching.cutoff and best.intent not in FOCUSABLE:
        return None
    services = e.services
    if not services and previous is not None and not e.unknown_name:
        services = previous.services
    if len(services) != 1:
        return None
    question = ur.parts.without_ending(u.text)
    if ur.parts.checks["score_words"].search(question.lower()):
        return None
    # "그 소각로가 몇 년이나 됐다고요?": the quantity asked is not what the findings say
    question = ur.parts.checks["quantity"].sub(" ", question.lower())
    # "거기서 …", "그 센터에서 …": the pointer at the service is no content of its findings
    question = " ".join(w for w in question.split() if not ur.parts.pronoun.match(w))
    if not ur.lookup.focus(question, services[0], ur.services.names_of(services[0])):
        return None
    return Decision("findings", replace(e, services=services, kind=None))


def findings_named(ur: Understander, u: Understanding, intent: str) -> tuple[str, bool]:
    """A named service asked how it came out: "핀테크랩은 어떻게 평가받았어?" (not the
    scoring scheme), "the fintech lab's strong points?" (not its score), "마포 어케
    평가됐음?" (sure: no asking back) — its findings, unless a score is asked."""
    e, lowered, checks = u.entities, u.text.lower(), ur.parts.checks
    if not e.services or e.service_candidates or e.topic:
        return intent, False
    scored = bool(checks["score_words"].search(lowered))
    if intent == "scoring_scheme" and not scheme_named(ur, u):
        intent = "findings"
    kinded = e.kind in ("achievement", "improvement") and not (e.threshold or e.score)
    # "What did the evaluators write about X in 2026 compared with 2023?": what was said,
    # no score word — the findings, however much the wording resembles a score question
    kinded = kinded or bool(checks["said_asked"].search(lowered))
    if kinded and intent in ("service_score", "rank") and not e.metrics and not scored:
        intent = "findings"
    came_out = bool(checks["came_out"].search(lowered)) and not scored
    sure = came_out and intent in ("service_score", "findings") and not (e.metrics or e.how)
    return ("findings" if sure else intent), sure


def result_of_named(ur: Understander, u: Understanding, first: str, second: str) -> bool:
    """ "Tell me how the social venture hub did in its evaluation": a named service's
    result with no word of a score is its findings (as "How did X do?" is) — no reason to
    ask back between its score and its findings."""
    return (
        {first, second} == {"service_score", "findings"}
        and bool(u.entities.services)
        and not ur.parts.checks["score_words"].search(u.text.lower())
    )


def service_history(
    ur: Understander, u: Understanding, d: Decision, e: Entities
) -> Decision | None:
    """One service's evaluations over time: whether its score rose or fell between
    them, or how many times it was evaluated — not a check of one round's score."""
    lower, checks = no_ordinals(u.text.lower()), ur.parts.checks
    single = len(e.services) == 1 and not e.service_candidates
    plain = not (e.kind or e.topic or e.threshold or e.band or e.metrics - {"history", "count"})
    # "Which round 3 service …": a round named is no "which round(s)" asked
    named_round = _ROUND_NAMED.sub(" roundnamed ", lower)
    if single and plain and checks["appearances"].search(named_round):
        # "Which rounds did X show up in?", "…in any round other than 2023 round 3?":
        # every evaluation of it (a round named is the one set aside, not the scope)
        how = "yes_no" if e.how == "yes_no" else None
        kept = replace(e, metrics=e.metrics | {"history"}, how=how, **NO_SCOPE)
        return Decision("service_score", replace(kept, rounds_named=()))
    if len(e.services) != 1 or e.service_candidates or e.has_scope:
        return None
    if e.how not in ("yes_no", "trend") and "count" not in e.metrics:
        return None
    metrics = e.metrics | {"history"}
    judged = checks["fail"].search(lower) or checks["pass"].search(lower)
    if checks["ever"].search(lower) and judged and ur.parts.yes_no(u.text):
        # "Has the fintech lab ever fallen below the cutoff?": each of its evaluations
        every = replace(e, how="yes_no", what="service_score", every_round=False)
        return Decision("yes_no", every)
    if checks["times_evaluated"].search(lower) and not e.kind:
        return Decision("service_score", replace(e, metrics=metrics, how=e.how or "yes_no"))
    if e.how is None or not checks["score_words"].search(lower):
        return None
    if not checks["score_change"].search(lower):
        return None
    # "did its score improve?": "improve" there is the score's change, not a finding kind
    moved = replace(e, metrics=metrics, compare="other", reference=None, kind=None)
    return Decision("service_score", moved)


def versus_average_checked(ur: Understander, u: Understanding) -> bool:
    """A service's score against an average, asked as yes or no."""
    e = u.entities
    return "average" in e.metrics and e.threshold is None and ur.parts.yes_no(u.text)


def service_gap(d: Decision, e: Entities) -> bool:
    """A named service's score measured against something: the cutoff, its round's
    average, or a second named service — a difference, whatever intent the words
    resembled (a findings lookup, a yes/no, nothing at all)."""
    if not e.services or e.service_candidates or e.how not in ("gap", "versus", "yes_no"):
        return False
    if e.how == "yes_no" and not (e.metrics & {"average"} and e.reference is None):
        return False  # "did X clear the cutoff?" is a check, answered by yes_no
    against = (
        e.reference == "cutoff"
        or "average" in e.metrics
        or len(e.services) == 2
        or (e.threshold is not None and e.how == "gap")
        or (e.score is not None and e.how == "gap" and len(e.services) == 1)
    )
    return against and d.intent in SERVICE_GAP_WHATS and not e.kind


def service_over_time(e: Entities, intent: str) -> bool:
    """One named service's history asked ("across rounds", "그동안"), no finding kind."""
    return (
        bool(e.services)
        and not e.service_candidates
        and ("history" in e.metrics or two_evaluations(e))
        and not e.topic
        and intent in ("findings", "service_score", "fallback", "rank")
        and e.kind in (None, "both")
    )


def two_evaluations(e: Entities) -> bool:
    """ "성평등활동지원센터 2023년이랑 2026년 결과 비교해줘", "How did X do in 2023 compared
    with 2026?": one service's results in two years, measured against each other (its
    scores and verdicts side by side), no finding kind or topic asked."""
    return (
        len(e.services) == 1
        and not e.service_candidates
        and e.compare == "year"
        and e.compare_year is not None
        and e.year is not None
        and e.kind in (None, "both")
        and not e.topic
        and e.how != "yes_no"
    )
