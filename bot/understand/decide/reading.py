"""The last *what* step: the ranking's best intent, corrected where it is known to mislead.

When no recogniser decided, the best-ranked intent is the answer — adjusted by what the
entities say it cannot mean (a "trend" of one service is its score history, "highest"
with a service named and no ranking word is that service's findings, a count with a
verb of failing is the services below the cutoff), or asked back when it is a guess.
The adjustments run in order, each seeing the intent the ones before it left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.understand.decide.asked import Asked
from bot.understand.decide.asking import close_call, top, vague
from bot.understand.decide.content import lookup_shaped
from bot.understand.decide.conversation import in_scope_before, scope_score
from bot.understand.decide.decision import Decision
from bot.understand.decide.figures import budget_per_service, failure_share, measured_by_verb
from bot.understand.decide.groups import CRITERION_READS, RANKING
from bot.understand.decide.rules import criterion_asked, scheme_close
from bot.understand.decide.service import (
    findings_named,
    result_of_named,
    service_over_time,
    two_evaluations,
)
from bot.understand.entities import Entities


@dataclass(slots=True)
class Reading:
    """The best intent as the adjustments leave it, with the entities to answer it with
    (the previous turn's service is taken in once the intent is known to need one)."""

    s: Asked
    intent: str
    e: Entities


ReadingStep = Callable[[Reading], Decision | None]


def read_best(s: Asked) -> Decision:
    """The best-ranked intent (a service's score of no service measured between scopes is
    their average), through the adjustments; asked back when too close to call."""
    r = Reading(s, scope_score(s.best.intent, s.e, s.previous), s.e)
    for step in READING_STEPS:
        found = step(r)
        if found is not None:
            return found
    return _answered_or_asked_back(r)


def _criterion(r: Reading) -> Decision | None:
    """ "어떤 사무들이 평가 대상이 되는 거야?": which services are evaluated as a rule — the
    published purpose says (those whose consignment period ends), no asking; "…매년 해?"
    beside it asks about the rule's frequency, not a yearly trend; "is every service
    evaluated each year?" is answered by the rule, not a bare yes."""
    if r.intent in CRITERION_READS and criterion_asked(r.s.ur, r.s.u):
        return Decision("purpose", replace(r.e, how=None))
    return None


def _named_not_ranked(r: Reading) -> Decision | None:
    """ "Which round 3 service supports working moms?": the words named the service; a
    ranking needs a ranking word ("highest", "꼴찌"), whatever the wording resembles."""
    e = r.e
    if r.intent in ("highest", "lowest") and e.services and not e.metrics & RANKING:
        return Decision("findings", e)
    return None


def _one_over_time(r: Reading) -> Decision | None:
    """ "how has X done over time?", "How has X done across rounds?": that service's score
    in every round, no asking back (unless what was said of it is asked)."""
    e, u = r.e, r.s.u
    if r.intent == "trend" and e.services and not e.service_candidates:
        r.intent = "service_score"
    if service_over_time(e, r.intent) and not (
        two_evaluations(e) and r.s.ur.parts.checks["said_asked"].search(u.text.lower())
    ):
        return Decision("service_score", e)
    return None


def _findings_of_nothing(r: Reading) -> Decision | None:
    """Findings with no service to find them of: "How did 2024 go overall?" is the year;
    "평가내용 뭐뭐 봄" is what is scored, no service to look up."""
    e = r.e
    unnamed = not (e.services or e.service_candidates or e.topic)
    if r.intent == "findings" and unnamed and e.has_scope and e.kind in (None, "both"):
        r.intent = "round_summary"
    if (
        r.intent == "findings"
        and unnamed
        and not e.has_scope
        and scheme_close(r.s.ur, r.s.u, r.s.previous)
    ):
        r.intent = "scoring_scheme"
    return None


def _place_in_ranking(r: Reading) -> Decision | None:
    """ "두 번째로 점수 높은 사무는?": a place in the ranking, not the top; "scores from
    lowest to highest": every place, in that order."""
    if r.intent in ("highest", "lowest") and r.s.ur.parts.checks["nth_place"].search(
        r.s.u.text.lower()
    ):
        r.intent = "rank"
    if r.intent in ("highest", "lowest") and {"highest", "lowest", "rank"} <= r.e.metrics:
        r.intent = "rank"
    return None


def _how_one_came_out(r: Reading) -> Decision | None:
    """ "마포 어케 평가됐음?": a named service's findings, no need to ask back; "tell me
    about the fintech lab evaluation", "성평등활동지원센터에 대한 평가": the service's
    results, not the round's or a search."""
    e = r.e
    named = e.services and not e.service_candidates and not e.topic
    r.intent, sure = findings_named(r.s.ur, r.s.u, r.intent)
    if sure:
        return Decision("findings", e)
    if r.intent in ("round_summary", "topic_search") and named:
        r.intent = "findings"
    return None


def _service_needed(r: Reading) -> Decision | None:
    """An intent that needs a service: the previous turn's, or one its findings describe
    ("2개년 … 비교하라는 곳")."""
    ur, previous = r.s.ur, r.s.previous
    if previous is not None and "services" in ur.specs[r.intent].slots:
        r.e = r.e.merged_with(previous, frozenset({"services"}))
    if "services" in ur.specs[r.intent].slots and not (r.e.services or r.e.service_candidates):
        return lookup_shaped(ur, r.s.u)
    return None


def _measured(r: Reading) -> Decision | None:
    """A count its verb says ("몇 개 떨어졌어?"), or a share of failures, of the conversation's
    scope when it names none."""
    ur, u = r.s.ur, r.s.u
    measured = measured_by_verb(ur, u, r.intent) or failure_share(ur, u, r.intent)
    if measured is not None:
        return in_scope_before(ur, measured, r.s.previous)
    return None


def _budget(r: Reading) -> Decision | None:
    """ "위탁사무 1개당 평균 예산은?": the consignment budget, however "평균" reads."""
    if r.intent != "consignment" and budget_per_service(r.s.ur, r.s.u):
        return Decision("consignment", replace(r.e, aspects=r.e.aspects | {"size"}))
    return None


def _vague(r: Reading) -> Decision | None:
    """One word many intents use ("점수"): ask back with the best three."""
    if vague(r.s.ur, r.s.u, r.e):
        return Decision(r.intent, r.e, top(r.s.u, 3))
    return None


def _answered_or_asked_back(r: Reading) -> Decision:
    """The intent — asked back between the two best when they are too close to call (a
    named service's result with no score word is its findings, no asking)."""
    e, ur, u = r.e, r.s.ur, r.s.u
    close = None if e.ordinal is not None and e.services else close_call(ur, u)
    if close is not None and result_of_named(ur, u, *close):
        return Decision("findings", e)
    came_out = ur.parts.checks["came_out"].search(u.text.lower())
    if close is not None and e.has_scope and not e.services and came_out:
        # "How did the 2025 round 2 evaluation go?": the round's results, no asking back
        return Decision("round_summary", e)
    return Decision(r.intent, e, close or ())


#: The adjustments, in order (each sees the intent the ones before it left).
READING_STEPS: tuple[ReadingStep, ...] = (
    _criterion,
    _named_not_ranked,
    _one_over_time,
    _findings_of_nothing,
    _place_in_ranking,
    _how_one_came_out,
    _service_needed,
    _measured,
    _budget,
    _vague,
)
