"""Words the follow-up steps share: pointers at the figure just stated ("that", "거기서")
and follow-up fillers ("and", "그럼").
"""

from __future__ import annotations

import re
from functools import cache

from bot.understand import Understander
from bot.understand.literals import bounded_words
from bot.understand.search import load_lookup


@cache
def pointers() -> re.Pattern[str]:
    """lookup.yaml ``pointers``: words pointing at the previous answer's figure."""
    return bounded_words(load_lookup()["pointers"])


def points_back(ur: Understander, lower: str) -> bool:
    """A pronoun ("it", "그거") or a pointer ("that figure", "그 수치") in the lower-cased
    question: it leans on what the previous answer stated rather than naming it."""
    return bool(ur.parts.pronoun.search(lower) or pointers().search(lower))


def only_fillers(ur: Understander, text: str) -> bool:
    """Nothing but follow-up fillers ("and", "그럼", "는") and punctuation."""
    return ur.all_fillers(re.sub(r"[^\w\s]", " ", text).split())
