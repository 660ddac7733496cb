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
from bot.understand.literals import phrase_alternation
from bot.understand.normalise import SENTENCE_END
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
    """Every cue phrase: the lexicon must know them (not "correct" "staff" into another word,
    "hosted by" into "posted by") — the words of a service running something too."""
    data = _data(path)
    attributes = data["attributes"].values()
    runs = data["runs_something"]
    return [str(p) for raw in attributes for g in raw["cues"] for p in g] + [
        str(p) for key in ("en_by", "ko_runs") for p in runs[key]
    ]


@cache
def _runs_something(path: Path = UNPUBLISHED_PATH) -> re.Pattern[str]:
    """unpublished.yaml ``runs_something`` as one pattern: "… run by the working moms
    centre", "직장맘센터가 운영하는 …" — a service running something."""
    data = _data(path)["runs_something"]

    def either(key: str) -> str:
        """The phrases under ``key``, lower-cased, longest first, a space any run of them."""
        return phrase_alternation(str(w).lower() for w in data[key])

    word = r"[^\s?!.,;:()]"
    return re.compile(
        rf"(?<![a-z])(?:{either('en_by')})\s+(?!(?:{either('en_not_first')})\s)"
        rf"(?:{word}+\s+){{0,4}}?{word}*?(?:{either('heads')})(?![a-z])"
        rf"|{word}*?(?:{either('heads')})(?:{either('ko_subject')})\s*(?:{either('ko_runs')})"
        rf"(?![가-힣])"
    )


def _without_runner(lower: str, entities: Entities) -> str:
    """The question without the phrase saying a named service runs something ("the class
    run by the working moms centre"): no cue of it asks who runs that service."""
    if not (entities.services or entities.service_candidates):
        return lower
    return _runs_something().sub(" ", lower)


@cache
def _part_break(path: Path = UNPUBLISHED_PATH) -> re.Pattern[str]:
    """unpublished.yaml ``part_breaks``, each a word on its own (or after a comma)."""
    either = phrase_alternation(str(w).lower() for w in _data(path)["part_breaks"])
    return re.compile(rf"(?:^|[\s,;]+)(?:{either})(?=[\s,]|$)", re.IGNORECASE)


def asking_parts(text: str) -> list[str]:
    """The parts of ``text`` that ask something, as written: its sentences ending in "?"
    and its last one, each divided once more after a break word ("그리고", "and also")."""
    sentences = [s for s in SENTENCE_END.split(text.strip()) if s.strip()]
    parts: list[str] = []
    for i, sentence in enumerate(sentences):
        if not (sentence.rstrip().endswith("?") or i == len(sentences) - 1):
            continue
        parts.extend(p.strip() for p in _part_break().split(sentence) if p.strip())
    return parts


def known_part(text: str, attribute: Attribute, cues: re.Pattern[str]) -> str | None:
    """The part of the question, besides one asking the unpublished fact on its own, that
    asks for what is published instead ("…나뉘어요? 뭘 보고 점수 매기는 거예요?": the
    scoring areas; "평가 비용은? 누가 평가했어?": the evaluator): one that does not ask
    ``attribute`` (not every group of its cues) and says one of ``cues`` (its known
    intent's).  None for a question asking only the unpublished fact, or asking it across
    its parts ("결과 공개? 언제야?")."""
    parts = [p.lower() for p in asking_parts(text)]
    asked = [all(g.search(p) for g in attribute.groups) for p in parts]
    if len(parts) < 2 or not any(asked):
        return None
    found = next((i for i, p in enumerate(parts) if not asked[i] and cues.search(p)), None)
    return asking_parts(text)[found] if found is not None else None


def unpublished(text: str, entities: Entities) -> Attribute | None:
    """The unpublished fact ``text`` asks about, if any (the first in file order)."""
    lower = _without_runner(text.lower(), entities)
    for attribute in load_attributes():
        if attribute.matches(lower, entities):
            return attribute
    return None
