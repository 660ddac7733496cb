"""Services asked for by what their findings say ("소각로가 낡았다는 곳 어디야?").

The finding lookup decides whether a question describes a service's findings strongly
enough to outrank the intent its wording resembles; these recognisers say when to trust
it (a description long enough, a "which service" shape, no cue word of a figure).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from bot.understand import Understander, Understanding
from bot.understand.decide.decision import Decision
from bot.understand.decide.groups import (
    DESCRIBABLE,
    FIGURE_INTENTS,
    KIND_COVERAGE,
    LONG_DESCRIPTION,
    SHAPE_CUES,
)
from bot.understand.literals import bounded_words
from bot.understand.search import GUESS_COVERAGE, MIN_COVERAGE, SURE_COVERAGE, load_lookup


def describes(ur: Understander, u: Understanding) -> bool:
    """The content lookup's word (``FindingIndex.describes``): the question asks for a
    service by what its findings say, strongly enough to outrank intent routing."""
    best, scoped = u.ranked[0], u.entities.has_scope
    if scoped and best.intent in FIGURE_INTENTS and best.cues and own_cue(ur, u):
        # "2026년 2차에 재계약 배제 사무 있어?": a round's figure asked in its own words
        return best.score < ur.matching.cutoff and lookup_describes(ur, u)
    return lookup_describes(ur, u)


def own_cue(ur: Understander, u: Understanding) -> bool:
    """Whether the best intent's cue is said outside the finding search's paraphrases:
    in "picked as a best-practice case" the "best" is part of "best-practice", which
    the search reads as one phrase (lookup.yaml synonyms) — no ranking word."""
    lower = u.text.lower()
    rest = paraphrases().sub(" ", lower)
    if rest == lower:
        return True
    return u.ranked[0].intent in ur.matcher.cue_hits(rest)


@cache
def paraphrases() -> re.Pattern[str]:
    """The finding search's phrases of more than one word (lookup.yaml synonym keys
    such as "best practice", "best-practice"), longest first — built on first use (not at
    import: a cold start need not pay for it) and once, as lookup.yaml is read once."""
    keys = [str(k).lower() for k in load_lookup()["synonyms"]]
    many = [k for k in keys if re.search(r"[\s-]", k)]
    return bounded_words(many, end=r"(?![\w])") if many else re.compile(r"(?!)")


def lookup_describes(ur: Understander, u: Understanding) -> bool:
    """The finding index says the question describes a service (no index: it cannot)."""
    return ur.lookup is not None and ur.lookup.describes(u.text)


def described(ur: Understander, u: Understanding, coverage: float = SURE_COVERAGE) -> bool:
    """The question describes what a service did, closely enough to find it."""
    if ur.lookup is None or ur.lookup.content_words(u.text) < 2:
        return False
    hits = ur.lookup.search(u.text, coverage=coverage)
    return bool(hits)


def descriptive_name(ur: Understander, name: str) -> bool:
    """An "unknown name" made of words the finding search knows another way of saying
    ("창업 보육센터", "startup incubator"): a description of a kind of service, not a
    service's name — the findings may well say what it is."""
    if ur.lookup is None:
        return False
    return bool(ur.lookup.synonyms(name)[1])


def name_described(ur: Understander, u: Understanding) -> bool:
    """ "120다산콜센터 민간위탁 평가 결과도 알려줘": a name the knowledge base does not hold
    is what the findings matched ("센터"); without it nothing is described, so the
    question is about that unknown service."""
    name = u.entities.unknown_name
    if not name or u.entities.services or ur.lookup is None:
        return False
    return not described(ur, replace(u, text=u.text.replace(name, " ")))


def said_of_named(ur: Understander, u: Understanding) -> bool:
    """Whether the one service the question names has a finding that says the rest of
    the question (its names aside), as much as a description must."""
    e, lookup = u.entities, ur.lookup
    if lookup is None or len(e.services) != 1 or e.service_candidates:
        return False
    names = ur.services.names_of(e.services[0])
    text = ur.services.without_kind(e.services[0], u.text)
    if lookup.content_words(lookup.without_names(text, names)) < 2:
        return False  # "Which service helps working moms?": the name, and one word
    hits = lookup.within(text, lookup.of_service(e.services[0]), ignore=names)
    return bool(hits) and hits[0].coverage >= MIN_COVERAGE


def described_service(ur: Understander, u: Understanding) -> bool:
    """A "which service / 곳" question, no cue word for its intent, naming no service or
    scope, whose content one finding covers surely."""
    e, best = u.entities, u.ranked[0]
    words = ur.lookup.content_words(u.text) if ur.lookup is not None else 0
    if (
        ur.lookup is None
        or (best.intent not in DESCRIBABLE and words < LONG_DESCRIPTION)
        or e.services
        or e.service_candidates
        or e.has_scope
        or e.threshold
        or e.band
    ):
        return False
    lower = u.text.lower()
    if not (ur.parts.service_shape.search(lower) or ur.parts.lookup_shape.search(lower)):
        return False
    cues = ur.matcher.cue_hits(lower, u.prepared).get(best.intent, set())
    strong = bool(cues - SHAPE_CUES)  # "who …" shapes the question; it is no evidence
    # a finding kind ("told to", "praised for") says the words describe a finding
    if words < 2 or (strong and words < LONG_DESCRIPTION and not e.kind):
        return False  # a cue word ("when …") decides unless a long description outweighs it
    # "Which one was told its goals were too easy …?": a finding kind ("was told",
    # "지적받은") says a finding is described — most of the description covered is enough
    sure = KIND_COVERAGE if e.kind in ("achievement", "improvement") else SURE_COVERAGE
    return bool(ur.lookup.search(u.text, coverage=sure))


def lookup_shaped(ur: Understander, u: Understanding) -> Decision | None:
    """A question shaped like "…한 곳", "which service …" that its findings answer."""
    if ur.lookup is None or not ur.parts.lookup_shape.search(u.text.lower()):
        return None
    if ur.lookup.content_words(u.text) < 2:
        return None
    if not ur.lookup.search(u.text, coverage=GUESS_COVERAGE):
        return None
    return Decision("topic_search", u.entities)


def found_by_content(ur: Understander, u: Understanding) -> Decision | None:
    """A question no intent fits that describes what a service did ("보일러 부식 막은 곳",
    "who was praised for going global?"): find the service by its findings.  One that
    asks for a service ("…한 곳 어디야?", "which service …") is answered by the search
    even when nothing fits: "no finding matches that" is the honest answer."""
    e = u.entities
    if e.services or e.service_candidates or e.threshold or e.has_scope or ur.lookup is None:
        return None
    if ur.lookup.search(u.text, coverage=GUESS_COVERAGE):
        return Decision("topic_search", e)
    if ur.parts.service_shape.search(u.text.lower()) and ur.lookup.tokens(u.text, query=True):
        return Decision("topic_search", e)
    return None
