"""The services an answer names, found by every name they go by — the list the next
turn points into ("세 번째 거") — and the evaluators' names the typo corrector must keep.
"""

from __future__ import annotations

import re

from bot.understand.literals import compile_words
from knowledge.queries import Queries

#: every way an answer names a service, as one pattern, and each name's service id
Names = tuple[re.Pattern[str], dict[str, int]]


def items_named(names: Names, text: str) -> tuple[int, ...]:
    """The services an answer names, in the order it names them."""
    found: dict[int, None] = {}
    for match in names[0].finditer(text):
        found.setdefault(names[1][match.group(0)], None)
    return tuple(found)


def evaluator_names(queries: Queries) -> list[str]:
    """The evaluators the data names (loaded rounds and reports), with their English names:
    words a question may quote, which the typo corrector must leave as they are."""
    names = {r.evaluator for r in queries.rounds() if r.evaluator}
    names |= {f.figure.text for f in queries.figures("evaluator") if f.figure.text}
    return [*names, *(queries.english(n) or "" for n in names)]


def name_table(queries: Queries) -> Names:
    """Every way an answer names a service (Korean, short, English) -> its id."""
    names: dict[str, int] = {}
    for service in queries.services():
        for name in (service.name_ko, service.short_ko, service.name_en):
            if name and len(name) >= 3:
                names.setdefault(name, service.id)
    return compile_words(names), names
