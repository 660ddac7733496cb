"""The answer engine: question in, ``Answer`` out — understand, decide, dispatch, render.

Everything expensive (service-name variants, prepared intent examples, the findings'
search index, the knowledge base's small tables) is prepared once in ``Engine._build``;
answering is then pure computation over memory and a few indexed SQLite reads.  The
engine never raises on user input: an unexpected error is logged (with the intent and
language it was answering) and answered with an apology.

The conversation lives in the ``Context`` each answer carries: the previous turn's intent
and entities, the services its answer listed (for "세 번째 거"), the figures it stated (for
"what's the gap?"), its question and language (for "영어로 다시"), and when it was answered —
a context older than ``CONTEXT_TTL`` seconds is forgotten.

One concern a module, each step a plain function of the collaborators it reads (``ur``,
the ``Understander``; ``q``, the ``Queries``; or ``built``, all of them as one answer
sees them):

* ``core``      — the ``Engine``: build, follow the knowledge, the public API;
* ``turn``      — one turn, in order: understand, decide, dispatch, amend, finish;
* ``again``     — the previous answer again (another language, shorter) or its sources;
* ``deciding``  — the decision against the conversation: the question read against the
  previous turn, ``Decider``, then ordered follow-up steps — ``pointing`` (services
  pointed at), ``stepping`` and ``latest`` (years and rounds reached by a step),
  ``measured`` (figures stated, measured), ``kept`` and ``scoped`` (what a follow-up
  keeps of the previous turn), ``rounds`` (rounds reached from the conversation),
  ``across`` (the held service's tasks followed into a later round);
* ``sentences`` (several sentences, the last asked) and ``parts`` (two parts asked at once);
* ``dispatch``  — from a decision to a reply; ``amend`` — the reply amended by what the
  question also asked; ``unused`` — terms the documents do not use, asked as what they
  stand for and named after the answer;
* ``finish``    — the answer and the next turn's context; ``memory`` — what the
  conversation remembers (figures stated, the service held, expiry);
* ``built``, ``names``, ``groups``, ``words``, ``replies`` — what the steps share.
"""

from __future__ import annotations

from bot.answers import load_handlers  # the name tests patch (engine start-up)
from bot.engine.core import Engine, answer, get_engine
from bot.engine.memory import CONTEXT_TTL
from bot.understand.decide import (  # re-exported: the intents the engine picks itself
    ALL_SLOTS,
    INTERNAL_INTENTS,
    PLACE_INTENTS,
    Decision,
)

__all__ = [
    "ALL_SLOTS",
    "CONTEXT_TTL",
    "INTERNAL_INTENTS",
    "PLACE_INTENTS",
    "Decision",
    "Engine",
    "answer",
    "get_engine",
    "load_handlers",
]
