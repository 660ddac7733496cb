"""Understanding a question: normalise, detect the language, extract entities, rank intents.

``Understander`` is built once per knowledge base (it precomputes the service-name and
example tables) and then turns any string into an ``Understanding`` in well under a
millisecond for a typical question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.understand.clauses import clause_reader
from bot.understand.entities import Entities, EntityExtractor, without_ko_ordinal_round
from bot.understand.everyday import official
from bot.understand.intents import (
    IntentMatcher,
    IntentSpec,
    Matching,
    Ranked,
    intent_specs,
    load_intents,
)
from bot.understand.language import detect_language
from bot.understand.lexicon import Lexicon
from bot.understand.normalise import SENTENCE_END, fold, is_hangul, normalise
from bot.understand.parts import Parts
from bot.understand.search import FindingIndex, load_lookup
from bot.understand.services import ServiceIndex
from bot.understand.unpublished import cue_words
from bot.understand.vocab import Vocab
from knowledge.model import DEFAULT_CUTOFF

__all__ = ["Entities", "IntentSpec", "Ranked", "Understander", "Understanding"]

#: Numbers with their unit words ("2023년", "3차", "75점", "'23"): entities, not wording.
_NUMBERISH = re.compile(
    r"['’]?\d+(?:\.\d+)?\s*(?:년도|년|차|회차|점|개|%|st|nd|rd|th|points?(?![a-z])|pts?(?![a-z]))?"
)


def _strings(node: object) -> list[str]:
    """Every string in a nested YAML structure (keys and values)."""
    if isinstance(node, dict):
        return [str(k) for k in node] + [w for v in node.values() for w in _strings(v)]
    if isinstance(node, list):
        return [w for v in node for w in _strings(v)]
    return [node] if isinstance(node, str) else []


def _foreign(text: str) -> bool:
    """More letters of other scripts than of Hangul and Latin together."""
    ours = other = 0
    for ch in text:
        if ch.isalpha():
            if is_hangul(ch) or ch.isascii():
                ours += 1
            else:
                other += 1
    return other > ours


@dataclass(frozen=True)
class Understanding:
    text: str  # normalised question, English typos corrected
    lang: str | None  # from the question's own words; None when they give no sign
    entities: Entities
    ranked: tuple[Ranked, ...]
    #: Nothing left but entities and filler words ("그럼 2022년은?", "and round 2?").
    elliptical: bool
    #: Written mostly in a script the bot does not read (Chinese, Japanese, Cyrillic …).
    foreign: bool = False
    #: The question's wording once entities are taken out (what the examples compare).
    prepared: str = ""
    #: Words the bot does not know at all (after typo correction): English, Korean.
    unknown: tuple[int, int] = (0, 0)
    #: Part of the question set aside ("3차 말고 …", "not round 3 but …"): what it asks
    #: replaces something said before.
    dismissed: bool = False

    @property
    def wordless(self) -> bool:
        """Only entities, no words: "75점", "Mapo incinerator", "2023 R3"."""
        return not self.prepared


class Understander:
    """Everything needed to understand questions about one knowledge base."""

    def __init__(
        self,
        services: Iterable[object],
        newest_year: int | None,
        common_text: str | Mapping[int, str] = "",
        matching: Matching | None = None,
        years: tuple[int, int] | None = None,
        other_names: Iterable[str] = (),
    ) -> None:
        """``matching``: other intent-matching settings than intents.yaml's (benchmarks);
        ``years``: the first and last year the data speaks of; ``other_names``: names
        the data holds besides the services' (the evaluators'), known words too."""
        data = load_intents()
        self.vocab = Vocab()
        self.services = ServiceIndex(services, self.vocab, common_text)
        self.specs: dict[str, IntentSpec] = intent_specs(data)
        own, topics = self._texts(data)
        #: the bot's own words (intent examples and cues): a question whose content is only
        #: these ("재계약 배제 사무 있어?") asks for a figure, whatever a finding also says
        self.own_words = frozenset(w for text in own for w in fold(str(text)).split())
        self.lexicon = Lexicon(
            self.vocab,
            intent_texts=own,
            topic_texts=topics,
            name_words=self.services.name_words,
            finding_words=self.services.common_words,
            other_words={w for name in other_names for w in fold(str(name)).split()}
            | _search_words()
            | self.services.kind_words,
        )
        self.parts = Parts.load()
        self.extractor = EntityExtractor(
            self.services,
            self.vocab,
            newest_year,
            self.lexicon.topic_words,
            self.parts,
            years,
            known_word=self.lexicon.known_hangul,
        )
        self.matching = matching or Matching(**data.get("matching", {}))
        #: the findings' search index and the newest round's cutoff (set by the engine,
        #: which owns the knowledge base)
        self.lookup: FindingIndex | None = None
        self.cutoff: float | None = None
        # the words of relative years are entities too ("그럼 작년은?", "and last year?")
        relative = {
            w for e in self.vocab.data["relative_years"] for p in e["words"] for w in p.split()
        }
        self.fillers = (
            frozenset(str(w).lower() for w in data.get("followup_fillers", ())) | relative
        )
        # a round's ordinal is an entity like "3rd": "third round" and "round 3rd" compare alike
        ordinals = "|".join(sorted(self.vocab.ordinals_en, key=len, reverse=True))
        self._ordinal = re.compile(rf"\b(?:(?:{ordinals})\s+round|round\s+(?:{ordinals}))\b")
        self.matcher = IntentMatcher(self.specs, self.prepare, self.matching)

    def _texts(self, data: dict) -> tuple[list[str], list[str]]:
        """The bot's own words — examples and cues of every intent, follow-up fillers — and
        the topic search's examples apart (their words are sample topics, not vocabulary)."""
        own: list[str] = [str(w) for w in data.get("followup_fillers", ())]
        own.extend(cue_words())
        # the words of how questions ask (parts.yaml: "right?", "yes or no", "used to") are
        # the bot's own too: a typo corrector must never turn "right" into "might"
        own.extend(_strings(Parts.load().data))
        # and the words of stepping through years ("a year later", "two years earlier")
        own.extend(_strings({k: load_lookup()[k] for k in ("year_steps", "years_ago")}))
        topics: list[str] = []
        for name, spec in self.specs.items():
            own.extend(spec.cues)
            examples = [*spec.examples["ko"], *spec.examples["en"]]
            (topics if name == "topic_search" else own).extend(examples)
        return own, topics

    @staticmethod
    def _programme_word(match: re.Match[str]) -> str:
        """The programme's name as the bare word for an evaluation, in its language."""
        return " evaluation " if match.group(0)[:1].isascii() else " 평가"

    def prepare(self, text: str) -> str:
        """The wording of a question without its entities: what intent examples compare.

        Korean particles are stripped and glued words split into known ones, so "평가대상은"
        and "평가 대상" compare alike."""
        lower = without_ko_ordinal_round(_NUMBERISH.sub(" ", text.lower()))
        lower = self.vocab.programme_name.sub(self._programme_word, lower)
        words = fold(self._ordinal.sub(" round ", lower)).split()
        names = self.services.name_words
        out: list[str] = []
        for w in words:
            if w in names or self.vocab.strip_particle(w) in names:
                continue
            if self.vocab.only_particle(w):
                continue  # "2차에서" without its number: the particle alone says nothing
            out.extend(self.lexicon.split(w) if is_hangul(w[0]) else (w,))
        return " ".join(out)

    def understand(self, question: str) -> Understanding:
        # everyday words for the official terms ("pass mark", "떨어진 데"): everyday.yaml
        whole = official(self.parts.unslang(normalise(question)))
        text = self._undismissed(whole)
        dismissed = text != whole
        text = self.lexicon.correct(text)
        entities = self.extractor.extract(text)
        # "in one sentence", "숫자로만" shape the answer, not the question
        prepared = self.prepare(self.parts.without_terse(text) if entities.terse else text)
        skip = set(fold(f"{entities.topic or ''} {entities.unknown_name or ''}").split())
        skip |= set(fold(entities.other_place or "").split())
        unknown = self.lexicon.unknown_words(text.lower(), skip)
        oov = unknown[0]  # Korean endings vary too much for a word list to tell nonsense
        # (E7c) a long question's other readings — clause-tails and heads, the text without
        # polite wrapping — each with its own unknown words (bot/understand/clauses.py)
        readings = [
            (self.prepare(r), self.lexicon.unknown_words(r.lower(), skip)[0])
            for r in clause_reader().readings(text)
        ]
        asked = _asking_sentences(text)
        cue_source = (asked.lower(), self.prepare(asked)) if asked != text else None
        ranked = tuple(
            self.matcher.rank(prepared, text.lower(), entities, oov, readings, cue_source)
        )
        return Understanding(
            text=text,
            lang=detect_language(text, self.services.name_words),
            entities=entities,
            ranked=ranked,
            elliptical=self._elliptical(prepared, entities),
            foreign=_foreign(text),
            prepared=prepared,
            unknown=unknown,
            dismissed=dismissed,
        )

    def _undismissed(self, text: str) -> str:
        """The question from the end of its dismissed part ("3차 말고 23년 전체 평균만"), the
        service that part named kept when the rest names none: in "소셜벤처허브센터 점수 말고
        개선할 점만" the score is set aside, not the service."""
        rest = clause_reader().asked(text)
        if rest == text:
            return text
        names = self.services.name_words
        strip = self.vocab.strip_particle
        head = text[: text.rfind(rest)].split()
        named = [w for w in head if w in names or strip(w) in names]
        if named and not any(w in names or strip(w) in names for w in rest.split()):
            rest = " ".join([*named, rest])
        # "23년 전체 평균 말고 3차 평균만": the whole year is set aside, not the year — a
        # round asked with no year of its own is that year's round
        years = [m.group(0) for w in head for m in [_A_YEAR.fullmatch(strip(w))] if m]
        if years and not _A_YEAR.search(rest) and _A_ROUND.search(rest):
            rest = " ".join([years[-1], rest])
        return rest

    def _unless_metric(self, match: re.Match[str]) -> str:
        """A matched phrase taken out, unless it names a metric ("전체 평균" asks for one)."""
        text = match.group(0)
        return text if any(p.search(text) for p in self.vocab.metrics.values()) else " "

    @property
    def cutoff_or_default(self) -> float:
        """The newest round's cutoff, else the usual one (no round loaded): the line a
        score or threshold is read against when a question names "the cutoff"."""
        return self.cutoff or DEFAULT_CUTOFF

    def all_fillers(self, words: Iterable[str], *, particles: bool = False) -> bool:
        """Every word a follow-up filler ("and", "그럼"), bare or with its particle — or,
        with ``particles``, a particle glued to nothing ("엔" of "전년엔" once the comparison's
        word is taken out): what is left of a question asks nothing of its own."""
        fillers, strip = self.fillers, self.vocab.strip_particle
        return all(
            w in fillers or strip(w) in fillers or (particles and self.vocab.only_particle(w))
            for w in words
        )

    def _elliptical(self, prepared: str, entities: Entities) -> bool:
        """Only entities and fillers: a follow-up that asks again what the previous turn
        asked, of what it names ("2022년은?", "서남권은?")."""
        has_entity = bool(
            entities.has_scope
            or entities.services
            or entities.service_candidates
            or entities.threshold
            or entities.band
            or entities.kind
            or entities.compare
        )
        pattern = self.vocab.compare.get(entities.compare or "")
        if pattern is not None:  # "연간 전체는?": the comparison's words are an entity too
            prepared = pattern.sub(self._unless_metric, prepared)
        # "전년엔?": once the comparison's word is taken out its particle ("엔") stands alone
        return has_entity and self.all_fillers(prepared.split(), particles=True)


def _search_words() -> set[str]:
    """The finding search's own words (lookup.yaml synonyms, both sides, and stop words):
    known, never typos — "picked" is a paraphrase the search reads, not "kicked" — yet not
    the bot's intent vocabulary, so they stay topics where the findings use them."""
    lookup = load_lookup()
    phrases = [*map(str, lookup["synonyms"]), *map(str, lookup["stop"])]
    phrases += [str(v) for values in lookup["synonyms"].values() for v in values]
    return {w for p in phrases for w in fold(p).split()}


#: a year written alone ("23년", "2023년", "2023") and a round ("3차", "round 3")
_A_YEAR = re.compile(r"(?:20)?\d\d년|20\d\d")
_A_ROUND = re.compile(r"\d\s*차|round\s*\d|\d(?:st|nd|rd|th)\s+round")


def _asking_sentences(text: str) -> str:
    """The sentences of ``text`` that ask (end in "?"), when a statement or greeting comes
    first ("Hi! I'm writing a report for school. How many points …?"); else ``text``."""
    sentences = SENTENCE_END.split(text)
    if len(sentences) < 2 or not sentences[-1].rstrip().endswith("?"):
        return text
    asking = [s for s in sentences if s.rstrip().endswith("?")]
    return " ".join(asking) if len(asking) < len(sentences) else text
