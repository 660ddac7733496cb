"""From an understood question (and the previous turn) to the intent to answer.

The ranking says which intent the wording is most like; this package adds what the
ranking cannot know: the conversation so far ("그럼 2022년은?", "how many?"), questions
that are only entities ("75점", "Mapo incinerator"), words nobody could answer
("핀테크랩 담당 직원 연락처"), and when to ask back instead of guessing.

The decision runs as ordered tables of small steps, the first that knows the question's
shape winning (the order of the tables is the behaviour):

* ``decider``   — the entry: out of range, score bands, then *what*, then *how*;
* ``what``      — recognisers of question shapes, tried in order; then ``ranked`` (steps led
  by how well the wording matched) and ``reading`` (the best intent, corrected);
* ``operation`` — *how* it asks: ``op_forms`` (complement, yes/no, ask-back), ``op_gaps``
  (gaps and comparisons), ``op_trends`` (counts by a line, shares, directions);
* the recognisers the steps call, plain functions grouped by concern: ``conversation``
  (follow-ups), ``rules`` (the cutoff, the basis, the scheme), ``service`` (named
  services), ``content`` (services by their findings), ``rounds`` (the rounds and their
  facts), ``figures`` (counts, shares, values), ``unknowns`` (unknown names, unpublished
  facts), ``asking`` (asking back);
* ``groups`` (intent groups), ``words`` (shared patterns, its plain word lists in
  words.yaml), ``decision``, ``asked`` and ``shaped`` (the result and the states the
  steps share).

Every recogniser takes ``ur``, the ``Understander`` (its parts, vocabulary, finding lookup,
newest cutoff), and ``u``, the question as understood.
"""

from __future__ import annotations

from bot.understand.decide.conversation import against_named
from bot.understand.decide.decider import Decider
from bot.understand.decide.decision import Decision
from bot.understand.decide.groups import (
    ALL_SLOTS,
    AVERAGE_WHATS,
    COUNT_WHATS,
    COUNTED_BEFORE,
    DESCRIBABLE,
    FIGURE_INTENTS,
    FOCUSABLE,
    INTERNAL_INTENTS,
    KIND_COVERAGE,
    LONG_DESCRIPTION,
    NO_VERDICT,
    PLACE_INTENTS,
    RULES,
    SERVICE_GAP_WHATS,
    SHAPE_CUES,
    VAGUE_SPREAD,
)

__all__ = [
    "ALL_SLOTS",
    "AVERAGE_WHATS",
    "COUNTED_BEFORE",
    "COUNT_WHATS",
    "DESCRIBABLE",
    "FIGURE_INTENTS",
    "FOCUSABLE",
    "INTERNAL_INTENTS",
    "KIND_COVERAGE",
    "LONG_DESCRIPTION",
    "NO_VERDICT",
    "PLACE_INTENTS",
    "RULES",
    "SERVICE_GAP_WHATS",
    "SHAPE_CUES",
    "VAGUE_SPREAD",
    "Decider",
    "Decision",
    "against_named",
]
