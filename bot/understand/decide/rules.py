"""Questions about the evaluation's rules and scheme, asked of no round in particular.

The cutoff and what follows it ("75점 안 나오면 어떻게 돼?"), where it is laid down, how it
changed, how many renewals a contract allows, who is evaluated and why, which areas are
scored: the rule answers them, whatever figure or finding the wording resembles.
"""

from __future__ import annotations

import re

from bot.understand import Understander, Understanding
from bot.understand.decide.words import EVALUATION, GENERIC_AGENT
from bot.understand.entities import Entities
from bot.understand.normalise import fold

#: an article of an ordinance cited by its number ("제12조", "18조랑", "article 18"), not a
#: sum in 조 원 ("1조 원", "2조5천억")
ARTICLE = re.compile(
    r"(?<![\d.,])제?\s*\d{1,3}\s*조(?![\d원억천만]|\s*(?:원|억|\d))|\barticles?\s+\d{1,3}\b"
    # the number asked ("조례 조항이 몇조예요?"; "which article says …" stays the rule asked)
    r"|제?\s*몇\s*조(?![\d원억천만]|\s*(?:원|억|\d))",
    re.IGNORECASE,
)
#: A bare score in a question ("Is 75 the cutoff?"): not a year, round, count or share.
_BARE_SCORE = re.compile(
    r"(?<![\d.])(\d{2,3})(?![\d.])(?!\s*(?:년|차|개|곳|%|percent\b))(?!(?:th|st|nd|rd)\b)"
)
#: "2023년 기준", "as of 2023": a date, not the cutoff ("기준" is both).
_AS_OF = re.compile(r"(?:20\d\d|\d\d)\s*년?\s*(?:\d+\s*월\s*)?기준|as of")
#: The points of the whole scale: a score of 100 names the scale, never a cutoff.
_FULL_SCALE = 100.0
#: Words of the re-contract rule itself: a basis asked for them is the rule's source.
_RULE_WORDS = re.compile(r"배제|exclu|재계약|re-?\s?contract|renew")


def cutoff_consequence(ur: Understander, u: Understanding) -> bool:
    """A general question about what the cutoff means for a contractor: a score below
    the cutoff, no round, year or service, and a condition or a generic contractor."""
    e, lower = u.entities, u.text.lower()
    t = e.threshold
    at_cutoff = t is not None and t.direction in ("below", "at_most")
    at_cutoff = at_cutoff and t is not None and t.value == ur.cutoff_or_default
    checks = ur.parts.checks
    # "거기서 75 미만 받은 데는 재계약 돼?": whether renewal follows is the rule in any round
    scoped = e.has_scope and not checks["renewal_asked"].search(lower)
    if not at_cutoff or scoped or e.services or e.latest or e.unknown_name:
        return False
    if e.metrics & {"count", "share", "average", "highest", "lowest"}:
        return False
    return bool(
        checks["conditional"].search(lower)
        or GENERIC_AGENT.search(lower)
        or checks["renewal_asked"].search(lower)
    )


def rule_asked(ur: Understander, u: Understanding) -> bool:
    """The cutoff rule asked for without naming the cutoff: the least score that keeps a
    contract ("min score to not get kicked out?", "what score do I need so I'm not
    barred from renewing?") or what follows exclusion ("재계약 배제되면 그 담엔?")."""
    e, lower, checks = u.entities, u.text.lower(), ur.parts.checks
    if e.services or e.has_scope or e.band or e.metrics & {"count", "share", "average"}:
        return False
    if checks["needed_score"].search(lower) and checks["renewal_words"].search(lower):
        return True
    if checks["then_what"].search(lower) and checks["fail"].search(lower):
        return True  # "배제된 수탁기관은 그 뒤 어떻게 돼?": what the rule says follows
    return bool(checks["after_exclusion"].search(lower)) and not e.topic


def rule_basis(ur: Understander, u: Understanding) -> bool:
    """Where the cutoff rule comes from: basis words and cutoff words, nothing scoped."""
    e, lower = u.entities, u.text.lower()
    if e.services or e.has_scope or not ur.parts.checks["basis"].search(lower):
        return False
    cutoff = ur.parts.cutoff.search(lower) or _RULE_WORDS.search(lower)
    # "How many of the 100 points come from …?": the whole scale, not a line to pass
    at = e.threshold or (None if e.score == _FULL_SCALE else e.score)
    return bool(cutoff) or (at is not None and u.ranked[0].intent != "legal_basis")


def cutoff_is(ur: Understander, u: Understanding) -> bool:
    """ "Is 75 the cutoff for being excluded?", "커트라인이 80점이야?": whether a stated
    value is the cutoff — a check of the rule, not a count of services below it."""
    e, lower = u.entities, u.text.lower()
    if e.how != "yes_no" or e.services or e.has_scope or e.metrics or e.threshold:
        return False
    if e.band is not None or not ur.parts.cutoff.search(lower):
        return False
    if ur.parts.checks["max_points"].search(lower):
        return False  # "100점 만점 기준이지?": the scale, not the cutoff
    stated = e.score
    if stated is None:
        bare = _BARE_SCORE.search(lower)
        stated = float(bare.group(1)) if bare else None
    return stated is not None and 40 <= stated <= 100


def at_or_above_cutoff(ur: Understander, e: Entities) -> bool:
    """ "75점 이상", "75 or more": the complement of below the cutoff (not "90점 넘은")."""
    newest = ur.cutoff
    return (
        e.threshold is not None
        and e.threshold.direction in ("at_least", "above")
        and (newest is None or e.threshold.value == newest)
    )


def cutoff_history(ur: Understander, u: Understanding, prev_intent: str | None) -> bool:
    """The cutoff over time: cutoff words (or the rule just answered) with words of the
    past or of a change ("예전엔 60점이었다던데 언제 올라간 거야?", "always 75?")."""
    e, lower, checks = u.entities, u.text.lower(), ur.parts.checks
    if e.services or e.threshold or e.band or e.metrics & {"average", "count", "share"}:
        return False
    changed = checks["rule_changed"].search(lower) or checks["always"].search(lower)
    if not (changed or checks["past"].search(lower)):
        return False
    if ur.parts.cutoff.search(lower) and not _AS_OF.search(lower):
        return not (e.has_scope and not changed)  # "2022년 기준은?" is a scope's rule
    after_rule = prev_intent in ("cutoff_rule", "cutoff_history")
    return after_rule and not e.has_scope and not e.metrics


def renewals_counted(ur: Understander, u: Understanding) -> bool:
    """A number of renewals asked of contracts in general (no service, no round)."""
    e, lower, checks = u.entities, u.text.lower(), ur.parts.checks
    if e.services or e.service_candidates or e.has_scope or e.threshold or e.score:
        return False
    renewal = checks["renewal_words"].search(lower) and not checks["evaluated_verb"].search(lower)
    return bool(renewal and checks["times_evaluated"].search(lower))


def criterion_asked(ur: Understander, u: Understanding) -> bool:
    """Which services are evaluated as a rule: the criterion's words, no round, year or
    service named, and nothing in the past tense (that asks for a round's list)."""
    e, lower, checks = u.entities, u.text.lower(), ur.parts.checks
    if e.has_scope or e.services or e.latest or e.metrics & {"count"}:
        return False
    return bool(checks["criterion"].search(lower)) and not checks["happened"].search(lower)


def party_asked(ur: Understander, u: Understanding) -> bool:
    """Who is evaluated, asked of the evaluation in general (no service or scope)."""
    e = u.entities
    if e.services or e.service_candidates or e.has_scope or e.metrics or e.threshold:
        return False
    return bool(ur.parts.checks["evaluated_party"].search(u.text.lower()))


def why_evaluated(ur: Understander, u: Understanding) -> bool:
    """A reason asked for the evaluation itself (no service, scope, figure or cutoff):
    only the purpose says why it is done and published."""
    e, lower, checks = u.entities, u.text.lower(), ur.parts.checks
    if e.services or e.has_scope or e.metrics or e.threshold or e.unknown_name:
        return False
    if ur.parts.cutoff.search(lower):
        return False
    if checks["defined"].search(lower) and not (e.kind or e.topic or e.aspects):
        # "종합성과평가가 정확히 뭐 하는 거예요?": what it is and what it is for — when
        # nothing else is asked ("근거 법령이 뭐임" asks for the law, not the purpose)
        rest = checks["defined_rest"].sub(" ", checks["defined"].sub(" ", lower))
        vocab = ur.vocab
        if EVALUATION.search(lower) and all(
            w in vocab.function_words or vocab.only_particle(w) for w in fold(rest).split()
        ):
            return True
    if not checks["why"].search(lower):
        return False
    return bool(EVALUATION.search(lower) or checks["published"].search(lower))


def scheme_asked(ur: Understander, u: Understanding) -> bool:
    """What the evaluation is made of, asked with an area's name ("만족도 조사도 들어가?",
    "is user satisfaction part of it?") and a word of the scheme, no service asked for."""
    e, lower = u.entities, u.text.lower()
    if e.services or e.service_candidates or e.has_scope or e.threshold:
        return False
    if not ur.parts.checks["areas"].search(lower):
        return False
    if ur.parts.service_shape.search(lower) or ur.parts.lookup_shape.search(lower):
        return False
    scheme = next((r for r in u.ranked if r.intent == "scoring_scheme"), None)
    return scheme is not None and scheme.cues > 0 and u.ranked[0].intent == "topic_search"


def areas_asked(ur: Understander, u: Understanding) -> bool:
    """The scoring scheme's areas asked about (their points, what they are), with no
    service, scope, threshold or band: "each area", "분야별로 몇 점"."""
    e, lower, checks = u.entities, u.text.lower(), ur.parts.checks
    if e.services or e.service_candidates or e.has_scope or e.threshold or e.band:
        return False
    if e.topic and not checks["scheme_areas"].search(e.topic.lower()):
        return False
    if checks["areas"].search(lower) and checks["area_counted"].search(lower):
        return True  # "이용자 만족도도 반영되나요?": whether the area is scored at all
    return bool(checks["scheme_areas"].search(lower)) and bool(
        checks["score_words"].search(lower) or re.search(r"points?\b|점|배점", lower)
    )


def scheme_named(ur: Understander, u: Understanding) -> bool:
    """A word of the scoring scheme itself ("항목", "배점", "criteria", "만족도")."""
    lower, checks = u.text.lower(), ur.parts.checks
    return bool(checks["scheme_words"].search(lower) or checks["areas"].search(lower))


def scheme_close(ur: Understander, u: Understanding, previous: Entities | None) -> bool:
    """The scoring scheme told by a cue word and matched well enough, with no service
    anywhere in the conversation for findings to be about."""
    if previous is not None and (previous.services or previous.service_candidates):
        return False
    scheme = next((r for r in u.ranked if r.intent == "scoring_scheme"), None)
    return scheme is not None and scheme.cues > 0 and scheme.score >= ur.matching.cutoff
