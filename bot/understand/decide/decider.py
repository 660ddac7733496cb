"""The entry point: from an understood question (and the previous turn) to a decision.

``Decider.decide`` runs, in order: a question out of range (unless it describes a
service's findings), a split into score bands, then *what* the question is about
(what.py → ranked.py → reading.py) and *how* it asks (operation.py).  The engine holds
one ``Decider`` per ``Understander`` and also asks it ``which_counted``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.understand import Understander, Understanding
from bot.understand.decide.content import describes
from bot.understand.decide.conversation import bare_metric, which_counted
from bot.understand.decide.decision import Decision
from bot.understand.decide.operation import decide_operation
from bot.understand.decide.what import decide_what
from bot.understand.entities import Entities
from bot.understand.intents import Matching


class Decider:
    """The decision steps bound to one ``Understander`` (its parts, vocabulary, finding
    lookup and newest cutoff, read at each call: they are rebuilt when a round is loaded)."""

    def __init__(self, understander: Understander) -> None:
        self.u = understander
        self.specs = understander.specs

    @property
    def matching(self) -> Matching:
        """The ranking's thresholds (cutoff, margin, cue bonus)."""
        return self.u.matching  # read each time: the scorer benchmark swaps it

    def decide(
        self,
        u: Understanding,
        previous: Entities | None,
        prev_intent: str | None,
        figures: int = 0,
    ) -> Decision:
        """The intent to answer and the entities to answer it with (follow-ups merged):
        first *what* the question is about, then *how* it asks (``decide_operation``).
        ``figures``: how many figures the previous answer left to compare."""
        if u.entities.out_of_range and not describes(self.u, u):
            return Decision("out_of_range", u.entities)
        banded = by_band(self.u, u, previous)
        if banded is not None:
            return banded
        decision = decide_what(self.u, relative_to_named(self.u, u), previous, prev_intent)
        return decide_operation(self.u, u, decision, previous, figures)

    def which_counted(
        self, u: Understanding, previous: Entities, prev_intent: str | None = None
    ) -> bool:
        """Names asked of the services just counted ("Which one was it?")."""
        return which_counted(self.u, u, previous, prev_intent)

    def bare_metric(self, u: Understanding) -> bool:
        """A metric and nothing else to go by ("how many?", "비율은?")."""
        return bare_metric(self.u, u)


def by_band(ur: Understander, u: Understanding, previous: Entities | None) -> Decision | None:
    """ "75점 미만 8개를 점수대별로 나눠서 보여주실 수 있나요?", "break those 8 down by
    score band": the services split into score bands — the distribution of the scope
    asked (or the one just answered), whatever count, cutoff or request form comes with
    it; a count or a yes/no would only repeat the total."""
    e = u.entities
    if e.services or e.service_candidates or e.unknown_name:
        return None
    if not ur.parts.checks["by_band"].search(u.text.lower()):
        return None
    banded = replace(e, how=None, count=None, threshold=None, band=None, what=None, score=None)
    if previous is not None and not e.has_scope:
        banded = banded.merged_with(previous, frozenset({"scope"}))
    return Decision("distribution", banded)


def relative_to_named(ur: Understander, u: Understanding) -> Understanding:
    """ "25년 1차 평균이 작년 전체 평균보다 …": beside a year the question names, "작년 /
    last year" is the year before *that* year, not before the newest — a comparison with
    the year before (the year's whole average), whatever other comparison word is there."""
    e, lower = u.entities, u.text.lower()
    if e.year is None or e.year_span or e.compare not in (None, "whole_year", "other"):
        return u
    if not any(off == -1 and p.search(lower) for off, p in ur.vocab.relative_years):
        return u
    named = re.compile(rf"{e.year}|{e.year % 100}\s*년|'{e.year % 100}")
    if not named.search(lower):
        return u  # the year is the relative word's own ("작년 평균은?")
    if _restated(ur, u.text, re.compile(rf"(?:20)?{e.year % 100}\s*년?(?:도)?|'{e.year % 100}")):
        return u  # "작년 결과도 있어요? 2024년이요": the year says which year "작년" is
    reference = "prev_year" if e.reference in (None, "whole_year") else e.reference
    kept = replace(e, compare="prev_year", compare_year=None, reference=reference)
    return replace(u, entities=kept)


def _restated(ur: Understander, text: str, named: re.Pattern[str]) -> bool:
    """ "작년 결과도 있어요? 2024년이요", "last year's? I mean 2024": a sentence of the year
    alone (and a particle or filler) says which year the relative word meant, rather than
    naming a year the relative word counts from."""
    for sentence in ur.parts.sentences(text)[1:]:
        found = named.search(sentence.lower())
        if found is None:
            continue
        rest = (sentence[: found.start()] + " " + sentence[found.end() :]).lower()
        restating = ur.parts.checks.get("restating")  # "I mean 2024", "그러니까 2024년"
        rest = restating.sub(" ", rest) if restating is not None else rest
        if ur.all_fillers(re.sub(r"[^\w\s]", " ", rest).split(), particles=True):
            return True
    return False
