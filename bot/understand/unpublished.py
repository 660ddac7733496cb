"""Facts people ask about that the published results do not hold (unpublished.yaml).

"핀테크랩 수탁기관 어디야?" matches the findings intent well enough by its wording, and
"결과 공개는 언제?" the period intent; answering those would answer a different question
as if it were the one asked.  This module recognises such questions by their cue words,
before any intent is chosen, so that the engine can say plainly that the fact is not
published and offer what is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.understand.entities import Entities
from bot.understand.vocab import phrase_pattern

UNPUBLISHED_PATH = Path(__file__).with_name("unpublished.yaml")
NEEDS = frozenset({"service", "year_only", "not_year_only", "year_or_count"})


@dataclass(frozen=True)
class Attribute:
    name: str
    groups: tuple[re.Pattern[str], ...]
    unless: re.Pattern[str] | None
    needs: frozenset[str]
    per_service: bool
    known: str
    offer: tuple[str, ...]

    def matches(self, lower: str, entities: Entities) -> bool:
        if not all(g.search(lower) for g in self.groups):
            return False
        if self.unless is not None and self.unless.search(lower):
            return False
        return all(_holds(need, entities) for need in self.needs)


def _holds(need: str, e: Entities) -> bool:
    year_only = e.year is not None and e.round_no is None
    return {
        "service": bool(e.services or e.service_candidates),
        "year_only": year_only,
        "not_year_only": not year_only,
        "year_or_count": year_only or e.count is not None,
    }[need]


@cache
def _data(path: Path = UNPUBLISHED_PATH) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@cache
def load_attributes(path: Path = UNPUBLISHED_PATH) -> tuple[Attribute, ...]:
    found = []
    for name, raw in _data(path)["attributes"].items():
        needs = frozenset(raw.get("needs") or ())
        if needs - NEEDS:
            raise ValueError(f"{name}: unknown needs {sorted(needs - NEEDS)}")
        unless = raw.get("unless") or ()
        found.append(
            Attribute(
                name=name,
                groups=tuple(phrase_pattern([str(p) for p in g]) for g in raw["cues"]),
                unless=phrase_pattern([str(p) for p in unless]) if unless else None,
                needs=needs,
                per_service=bool(raw.get("per_service", False)),
                known=str(raw["known"]),
                offer=tuple(raw.get("offer") or ()),
            )
        )
    return tuple(found)


def cue_words(path: Path = UNPUBLISHED_PATH) -> list[str]:
    """Every cue phrase: the lexicon must know them (not "correct" "staff" into another word)."""
    attributes = _data(path)["attributes"].values()
    return [str(p) for raw in attributes for g in raw["cues"] for p in g]


def unpublished(text: str, entities: Entities) -> Attribute | None:
    """The unpublished fact ``text`` asks about, if any (the first in file order)."""
    lower = text.lower()
    for attribute in load_attributes():
        if attribute.matches(lower, entities):
            return attribute
    return None
