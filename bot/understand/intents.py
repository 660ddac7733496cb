"""Which intent a question expresses: fuzzy similarity to examples, plus cues and entities.

Every example of every intent (intents.yaml, Korean and English) is prepared once, the
same way as questions are (entities and service-name words taken out), so that
"마포자원회수시설 점수 몇 점이야?" and "{any service} 점수 몇 점이야" compare alike.
The score of an intent is its best example's similarity, plus a bonus per cue word
present, plus the feature adjustments for the entities the question carries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from bot.understand.entities import Entities
from bot.understand.vocab import phrase_pattern

INTENTS_PATH = Path(__file__).with_name("intents.yaml")
LANGS = ("ko", "en")
#: Scorer name -> (scorer, whether both sides are token-sorted first).  "token_sort_ratio"
#: is done as a plain ratio over pre-sorted tokens: the same score, four times faster.
SCORERS: dict[str, tuple[Callable[..., float], bool]] = {
    "ratio": (fuzz.ratio, False),
    "partial_ratio": (fuzz.partial_ratio, False),
    "token_set_ratio": (fuzz.token_set_ratio, False),
    "token_sort_ratio": (fuzz.ratio, True),
    "partial_token_set_ratio": (fuzz.partial_token_set_ratio, False),
    "WRatio": (fuzz.WRatio, False),
    "QRatio": (fuzz.QRatio, False),
}


@dataclass(frozen=True)
class IntentSpec:
    name: str
    examples: dict[str, tuple[str, ...]]
    help: dict[str, str]
    ask: dict[str, str]
    slots: frozenset[str]
    cues: tuple[str, ...]
    #: How telling this intent's cue words are ("trend", "그래프": very), times cue_bonus.
    cue_weight: float
    features: dict[str, float]
    #: Shown on the help page (greetings and thanks are not).
    listed: bool = True
    #: The suggestion for a bare score ("80점" -> "80점 미만 받은 사무 있어?"): ``{score}``.
    ask_score: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Matching:
    scorer: str = "token_sort_ratio"
    cutoff: float = 62.0
    margin: float = 3.0
    cue_bonus: float = 14.0
    oov_penalty: float = 20.0
    #: Bonus for a word of the question that only this intent's examples use ("외부").
    word_bonus: float = 0.0
    #: A clause or filler-free reading of a long question counts for an intent only when it
    #: is at least this similar to one of its examples (a fragment's weak likeness is noise).
    reading_floor: float = 45.0


@dataclass(frozen=True)
class Ranked:
    intent: str
    score: float
    fuzzy: float
    cues: int


#: What a follow-up may inherit from the previous turn (an intent's ``slots``).
SLOTS = frozenset({"scope", "services", "kind", "threshold", "compare", "topic", "metrics"})
_TOP_KEYS = {"matching", "followup_fillers", "internal_intents", "place_intents", "intents"}
_INTENT_KEYS = {"help", "ask", "slots", "cues", "cue_weight", "features", "examples", "listed"}
_INTENT_OPTIONAL = {"ask_score"}
_FEATURES = {
    "no_metric",
    "service",
    "no_service",
    "threshold",
    "topic",
    "kind",
    "compare",
    "score",
    "scope",
    "aspects",
    "no_aspect",
}


class IntentsError(ValueError):
    """intents.yaml does not say what it means: an unknown key, slot, feature or intent."""


@cache
def load_intents(path: Path = INTENTS_PATH) -> dict[str, Any]:
    """intents.yaml, checked strictly: a misspelt key fails here, at start-up."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    check_intents(data, path.name)
    return data


def check_intents(data: dict[str, Any], name: str = "intents.yaml") -> None:
    """Raise ``IntentsError`` naming the first thing in ``data`` that is not understood."""
    from bot.understand.vocab import load_vocab

    _keys(name, data, _TOP_KEYS, _TOP_KEYS)
    Matching(**data["matching"])  # an unknown matching setting raises TypeError
    features = _FEATURES | {f"metric:{m}" for m in load_vocab()["metrics"]}
    for intent, raw in data["intents"].items():
        where = f"{name}: intent {intent}"
        _keys(
            where,
            raw,
            _INTENT_KEYS - {"listed", "cue_weight", "ask", "features"},
            _INTENT_KEYS | _INTENT_OPTIONAL,
        )
        if set(raw["examples"]) != set(LANGS) or not all(raw["examples"].values()):
            raise IntentsError(f"{where}: examples need both {LANGS}")
        if set(raw["slots"] or ()) - SLOTS:
            raise IntentsError(f"{where}: unknown slots {sorted(set(raw['slots']) - SLOTS)}")
        if set(raw.get("features") or ()) - features:
            raise IntentsError(
                f"{where}: unknown features {sorted(set(raw['features']) - features)}"
            )
    named = set(data["intents"])
    for key in ("place_intents",):
        unknown = set(data[key]) - named
        if unknown:
            raise IntentsError(f"{name}: {key} names unknown intents {sorted(unknown)}")
    if set(data["internal_intents"]) & named:
        raise IntentsError(f"{name}: internal intents must not have examples")


def _keys(where: str, raw: dict[str, Any], required: set[str], allowed: set[str]) -> None:
    keys = set(raw)
    if keys - allowed or required - keys:
        raise IntentsError(
            f"{where}: unknown keys {sorted(keys - allowed)}, missing {sorted(required - keys)}"
        )


def intent_specs(data: dict[str, Any]) -> dict[str, IntentSpec]:
    specs = {}
    for name, raw in data["intents"].items():
        specs[name] = IntentSpec(
            name=name,
            examples={lang: tuple(raw["examples"].get(lang) or ()) for lang in LANGS},
            help=dict(raw.get("help") or {}),
            ask=dict(raw.get("ask") or {}),
            slots=frozenset(raw.get("slots") or ()),
            cues=tuple(str(c).lower() for c in raw.get("cues") or ()),
            cue_weight=float(raw.get("cue_weight", 1.0)),
            features={str(k): float(v) for k, v in (raw.get("features") or {}).items()},
            listed=bool(raw.get("listed", True)),
            ask_score=dict(raw.get("ask_score") or {}),
        )
    return specs


@dataclass(frozen=True)
class _Cue:
    """One cue phrase and the intents it belongs to, with the fastest test for it."""

    phrase: str
    intents: tuple[str, ...]
    #: Hangul-only cues are looked up in the question without spaces ("어떻게돼"); others
    #: need a word-bounded regex ("score" is not in "scored"), tried after a cheap check.
    compact: str | None
    needle: str
    pattern: re.Pattern[str] | None


def _cue_table(specs: dict[str, IntentSpec]) -> list[_Cue]:
    owners: dict[str, list[str]] = {}
    for spec in specs.values():
        for cue in spec.cues:
            owners.setdefault(cue, []).append(spec.name)
    table = []
    for phrase, intents in owners.items():
        if re.search(r"[a-z0-9]", phrase):
            needle = max(re.findall(r"[a-z0-9]+", phrase), key=len)
            table.append(_Cue(phrase, tuple(intents), None, needle, phrase_pattern([phrase])))
        else:
            key = re.sub(r"\s+", "", phrase)
            table.append(_Cue(phrase, tuple(intents), key, key, None))
    return table


def _cue_by_head(cues: list[_Cue]) -> dict[str, tuple[_Cue, ...]]:
    """The cues by the first two characters of what is looked for: a question holds a
    few dozen such pairs, so only the cues that can be in it are tested (not hundreds)."""
    table: dict[str, list[_Cue]] = {}
    for cue in cues:
        key = cue.compact if cue.compact is not None else cue.needle
        table.setdefault(key[:_HEAD], []).append(cue)
    return {head: tuple(found) for head, found in table.items()}


def _heads(text: str) -> set[str]:
    """Every run of one or two characters of ``text`` (the heads a cue in it can start with)."""
    heads = set(text)
    heads.update(text[i : i + _HEAD] for i in range(len(text) - _HEAD + 1))
    return heads


#: Characters a cue is indexed by.
_HEAD = 2
#: Questions whose cue hits are kept (ranking and routing ask about the same one).
_REMEMBERED = 2


def features_of(entities: Entities) -> set[str]:
    """The entity features an intent's ``features`` table can reward or penalise."""
    found = {f"metric:{m}" for m in entities.metrics} or {"no_metric"}
    if entities.services or entities.service_candidates:
        found.add("service")
    else:
        found.add("no_service")
    for name in ("threshold", "topic", "kind", "compare", "score"):
        if getattr(entities, name):
            found.add(name)
    if entities.has_scope:
        found.add("scope")
    found.add("aspects" if entities.aspects else "no_aspect")
    return found


class IntentMatcher:
    """Ranks intents for a prepared question; built once, used for every question."""

    def __init__(
        self,
        specs: dict[str, IntentSpec],
        prepare: Callable[[str], str],
        matching: Matching | None = None,
    ) -> None:
        # ``prepare`` is used here only: keeping the bound method would make the engine's one
        # reference cycle (Understander -> matcher -> Understander), freed only by a full GC
        self.specs = specs
        self.matching = matching or Matching()
        self.scorer, self.sorted_tokens = SCORERS[self.matching.scorer]
        self._cues = _cue_by_head(_cue_table(specs))
        self._cue_heads = frozenset(self._cues)
        #: each intent's name, cue weight and feature table, read once per question
        self._scoring = [(n, s.cue_weight, tuple(s.features.items())) for n, s in specs.items()]
        self._cue_memo: dict[tuple[str, str], dict[str, set[str]]] = {}
        self.example_texts: list[str] = []
        self.example_intents: list[str] = []
        users: dict[str, set[str]] = {}
        for spec in specs.values():
            for lang in LANGS:
                for example in spec.examples[lang]:
                    prepared = prepare(example)
                    for word in prepared.split():
                        users.setdefault(word, set()).add(spec.name)
                    prepared = self._form(prepared)
                    if prepared:
                        self.example_texts.append(prepared)
                        self.example_intents.append(spec.name)
        #: word -> the intents whose examples use it, for words used by one or two intents:
        #: such a word tells the intent even when the rest of the question matches nothing.
        self.telling = {
            w: tuple(sorted(i))
            for w, i in users.items()
            if len(i) <= 2 and len(w) >= (2 if not w.isascii() else 4)
        }
        #: word -> how many intents' examples use it ("score": many, so it tells nothing)
        self.spread = {w: len(i) for w, i in users.items()}

    def cue_hits(self, lower: str, prepared: str = "") -> dict[str, set[str]]:
        """Intent -> the distinct cue phrases of it found in the question — in its words as
        written or with their particles stripped ("기준는 점수" has the cue "기준 점수").
        Ranking and routing both ask for one question: the last few are remembered."""
        found = self._remembered_cues(lower, prepared)
        return {intent: set(phrases) for intent, phrases in found.items()}

    def _remembered_cues(self, lower: str, prepared: str) -> dict[str, set[str]]:
        """``cue_hits``' own dict (not to be changed by the caller)."""
        key = (lower, prepared)
        found = self._cue_memo.get(key)
        if found is None:
            if len(self._cue_memo) >= _REMEMBERED:
                self._cue_memo.clear()
            found = self._cue_memo[key] = self._cue_hits(lower, prepared)
        return found

    def _cue_hits(self, lower: str, prepared: str) -> dict[str, set[str]]:
        hits: dict[str, set[str]] = {}
        squeezed = lower.replace(" ", "")
        bare = prepared.replace(" ", "")
        # a cue is indexed by a head without spaces, so the heads of ``lower`` that are
        # not heads of ``squeezed`` (those with a space) find none
        for head in (_heads(squeezed) | _heads(bare)) & self._cue_heads:
            for cue in self._cues[head]:
                if cue.compact is not None:
                    if cue.compact not in squeezed and cue.compact not in bare:
                        continue
                elif (
                    cue.needle not in lower or cue.pattern is None or not cue.pattern.search(lower)
                ):
                    continue
                for intent in cue.intents:
                    hits.setdefault(intent, set()).add(cue.phrase)
        return hits

    def told(self, prepared: str) -> dict[str, float]:
        """Intent -> bonus for the telling words of the question (at most two count)."""
        bonus: dict[str, float] = {}
        counted: dict[str, int] = {}
        for word in dict.fromkeys(prepared.split()):  # in question order: deterministic
            owners = self.telling.get(word)
            if not owners:
                continue
            for intent in owners:
                if counted.get(intent, 0) < 2:
                    counted[intent] = counted.get(intent, 0) + 1
                    bonus[intent] = bonus.get(intent, 0.0) + self.matching.word_bonus / len(owners)
        return bonus

    def _form(self, prepared: str) -> str:
        return " ".join(sorted(prepared.split())) if self.sorted_tokens else prepared

    def rank(
        self,
        prepared: str,
        lower: str,
        entities: Entities,
        unknown_words: int = 0,
        readings: Sequence[tuple[str, int]] = (),
        cue_source: tuple[str, str] | None = None,
    ) -> list[Ranked]:
        """Every intent with a score, best first; each unknown word costs every intent.

        ``readings``: other (prepared wording, unknown words) readings of a long question —
        its clause-tails and heads, its text without polite wrapping (clauses.py).  Each
        intent keeps its best reading's similarity less that reading's unknown words, so a
        preamble's words ("For a piece I'm writing:") cost nothing once the ask is read
        alone, and a question that is one clause ("Who is the mayor of Seoul?") is read
        as before."""
        # ``cue_source``: (lower, prepared) of the question's asking sentences, when scene-setting
        # ones come first ("I'm writing a report for school. How many points …?"): their words
        # tell no intent
        cue_hits = self._remembered_cues(*(cue_source or (lower, prepared)))
        prepared = self._form(prepared)
        oov, floor = self.matching.oov_penalty, self.matching.reading_floor
        fuzzy = self._similarity(prepared)
        penalty = dict.fromkeys(self.specs, min(unknown_words, 2) * oov)
        for wording, unknown in readings:
            other = self._similarity(self._form(wording))
            cost = min(unknown, 2) * oov
            for name, score in other.items():
                if score >= floor and score - cost > fuzzy[name] - penalty[name]:
                    fuzzy[name], penalty[name] = score, cost
        features = features_of(entities)
        told = self.told(prepared)
        ranked = []
        cue_bonus = self.matching.cue_bonus
        for name, cue_weight, table in self._scoring:
            found = cue_hits.get(name)
            cues = min(2, len(found)) if found else 0
            bonus = told.get(name, 0.0)
            if table:
                bonus += sum([v for f, v in table if f in features])
            score = fuzzy[name] + cues * cue_bonus * cue_weight + bonus
            score -= penalty[name]
            ranked.append(Ranked(name, score, fuzzy[name], cues))
        ranked.sort(key=lambda r: -r.score)
        return ranked

    def _similarity(self, formed: str) -> dict[str, float]:
        """Intent -> its best example's similarity to a prepared (and formed) wording."""
        fuzzy: dict[str, float] = dict.fromkeys(self.specs, 0.0)
        if formed:
            for _, score, index in process.extract(
                formed, self.example_texts, scorer=self.scorer, limit=None, score_cutoff=30
            ):
                intent = self.example_intents[index]
                if score > fuzzy[intent]:
                    fuzzy[intent] = score
        return fuzzy
