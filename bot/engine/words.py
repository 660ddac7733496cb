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


def only_fillers(ur: Understander, text: str) -> bool:
    """Nothing but follow-up fillers ("and", "그럼", "는") and punctuation."""
    fillers, strip = ur.fillers, ur.vocab.strip_particle
    words = re.sub(r"[^\w\s]", " ", text).split()
    return all(w in fillers or strip(w) in fillers or not strip(w) for w in words)
