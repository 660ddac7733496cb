"""Finding a service by what was said about it: a BM25 index over every finding, Korean
and English together, built once per knowledge base.

English words are lower-cased and stemmed with a few suffix rules ("helping", "helped" and
"help" are one word); Korean words lose their particle and are indexed as syllable pairs,
so "보일러" finds "폐열보일러" and "우수사례로" finds "우수사례".  A synonym table (lookup.yaml)
bridges paraphrases ("unique" ~ "only", "정부 부처" ~ "기획재정부").  A question whose
searchable words are mostly unknown to the index finds nothing: ``search`` returns only
hits covering enough of the question (``MIN_COVERAGE``), so "who planted trees?" is "no
finding mentions that", not the closest unrelated finding.
"""

from __future__ import annotations

import math
import re
import weakref
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from bot.understand.literals import bounded_words
from bot.understand.normalise import jamo
from bot.understand.vocab import Vocab

LOOKUP_PATH = Path(__file__).with_name("lookup.yaml")
K1, B = 1.2, 0.75
#: How close (rapidfuzz ratio over jamo) a query word must be to a finding word to be read
#: as it: one letter of a three-syllable word ("클링거"/"클링커") is ~89.
_SPELLED = 85
#: Share of the question's searchable weight the best finding must cover: when the
#: question asks for a topic search, and when no intent fits and a search is a guess.
#: an English round named by its ordinal ("second round", "round-1"): scope, not content
_ROUND_WORDS = re.compile(
    r"\b(?:first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)[\s-]+rounds?\b"
    r"|\brounds?[\s-]+(?:one|two|three|four|five|\d)\b"
)
MIN_COVERAGE = 0.34
#: A best finding scoring this many times the next one is the match with a coverage this
#: much under the asked one (``FindingIndex._dominant``).
DOMINANT = 3.0
DOMINANT_SLACK = 0.1
GUESS_COVERAGE = 0.42
#: ... and when it must win over another reading ("운영하는 곳" is also a contractor question).
SURE_COVERAGE = 0.6
#: Findings scoring at least this share of the best one are shown with it.
KEEP = 0.5
#: ... and findings covering nearly as much of the question as the best one (this much less).
ALIKE = 0.1
#: At most this many services may share the findings a description finds.
DESCRIBED = 3
#: What a synonym is worth in place of the word it stands for.
BRIDGE = 0.7
#: How many more findings than asked are weighed by coverage (BM25 picks them first).
_WIDER = 3
#: Questions whose scored findings are kept (one question's stages share them; no more).
_SCORED = 4
_LATIN = re.compile(r"[a-z][a-z'\-]*[a-z]|[a-z]")
_HANGUL = re.compile(r"[가-힣]+")
#: British "-ise" forms, read as the American ones the translations may use
_BRITISH = re.compile(r"(?<=[a-z]{3})is(ation|ations|e|ed|es|ing)$")
#: a finding's numbers and words, Latin or Hangul (``_NUMBER``'s numbers, ``_LATIN`` and
#: ``_HANGUL`` in one pass; a number's glued unit is a Hangul word of its own here too)
_TOKEN = re.compile(r"(?<![\d.])\d+(?:\.\d+)?|[a-z][a-z'\-]*[a-z]|[a-z]|[가-힣]+")
#: A number and the Hangul glued to it ("18년이나"): the number is content ("노후화(18년)"),
#: its unit and particle are not words of their own.
_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)([가-힣%]*)")
_DIGIT = re.compile(r"\d")
#: "round 3", "R2": a number after these is a round, part of the question's scope
_ROUND_BEFORE = re.compile(r"(?:round|rounds|r|no\.?)\s*$")
#: "3rd", "75 points": an English unit after the number makes it a round or a score
_UNIT_AFTER = re.compile(r"\s*(?:st|nd|rd|th|points?|pts?|percent)\b")
#: Units that make a number an entity of the question (a year, a round, a score), not content.
_ENTITY_UNITS = ("차", "회차", "점", "%", "퍼센트", "년도")
_SUFFIXES = (
    "ingly",
    "edly",
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "ed",
    "es",
    "ly",
    "er",
    "s",
)


@cache
def load_lookup(path: Path = LOOKUP_PATH) -> dict[str, Any]:
    """lookup.yaml, checked strictly: a misspelt or missing key fails at start-up, never
    as an empty word list."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    expected = {
        "synonyms",
        "stop",
        "endings",
        "question_words",
        "asks_service",
        "descriptive",
        "year_steps",
        "picked_by_score",
        "result_uses",
        "years_ago",
        "pointers",
        "aspect_markers",
        "narrowing",
        "source_asked",
        "claims",
        "opposites",
        "pointing",
        "both_parts",
        "before_now",
        "services_counted",
        "record_plural",
        "side_set_aside",
    }
    if set(data) != expected:
        raise ValueError(f"{path.name}: expected keys {sorted(expected)}; got {sorted(data)}")
    return data


@cache
def _counting() -> tuple[re.Pattern[str], dict[str, int]]:
    """lookup.yaml ``services_counted`` as one pattern: a number word (or digit) before a
    head noun, or a word for all of a few ("both", "둘 다") not before another noun."""
    data = load_lookup()["services_counted"]
    numbers = {str(k).lower(): int(v) for k, v in data["numbers"].items()}
    together = {str(k).lower(): int(v) for k, v in data["together"].items()}
    either = "|".join(map(re.escape, sorted(numbers, key=len, reverse=True)))
    en_heads = "|".join(map(re.escape, (str(w) for w in data["en_heads"])))
    ko_heads = "|".join(map(re.escape, (str(w) for w in data["ko_heads"])))
    whole = "|".join(map(re.escape, sorted(together, key=len, reverse=True)))
    others = "|".join(map(re.escape, (str(w) for w in data["not_services"])))
    pattern = re.compile(
        # "the round-3 services", "round 3 centres": a round, not a number of services
        rf"(?<![\w\-])(?<!round )(?<!rd )(?P<n>{either}|[2-9])"
        rf"(?:\s+[a-z\-]+)?\s+(?:{en_heads})(?![a-z])"
        rf"|(?<![가-힣\w])(?P<k>{either}|[2-9])\s*(?:{ko_heads})"
        rf"|(?<![\w])(?P<all>{whole})(?![a-z])(?!\s*(?:{others}))"
    )
    return pattern, numbers | together


def services_counted(question: str) -> int | None:
    """How many services the question expects ("which two services", "두 곳", "both", "둘
    다"), or None: a search for a description keeps that many of the fitting services."""
    pattern, numbers = _counting()
    found = pattern.search(question.lower())
    if found is None:
        return None
    said = found.group("n") or found.group("k") or found.group("all") or ""
    return int(said) if said.isdigit() else numbers.get(said)


def stem(word: str) -> str:
    """A crude English stem: enough for "companies"/"company", "globally"/"global"."""
    word = word.strip("'-").removesuffix("'s")
    word = _BRITISH.sub(r"iz\1", word)  # "stabilisation" is "stabilization"
    if not word.endswith(_SUFFIXES):
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            return base + "y" if suffix in ("ies", "ied") else base
    return word


@lru_cache(maxsize=512)
def _jamo_of(names: str) -> str:
    """A service's names in letters, once per service (they are long: every alias)."""
    return jamo(names)


@lru_cache(maxsize=512)
def _name_forms(names: str) -> tuple[str, frozenset[str]]:
    """A service's names without spaces, and their Hangul words, once per service (with the
    words of kinds and generic parts they run to a thousand characters)."""
    return "".join(names.split()), frozenset(_HANGUL.findall(names))


def _spelled_in(word: str, names: str) -> bool:
    """``word`` (jamo) is in ``names`` (jamo) give or take a typo; the cutoff lets the
    comparison stop early over a long text of names."""
    return fuzz.partial_ratio(word, names, score_cutoff=_SPELLED) >= _SPELLED


@lru_cache(maxsize=512)
def _latin_stems(names: str) -> frozenset[str]:
    """The stems of the English words of a service's names (and the words ignored with
    them), once per service: they are long."""
    return frozenset(stem(w) for w in _LATIN.findall(names))


def _verb_stem(word: str, endings: tuple[str, ...]) -> str:
    """ "초청한" -> "초청", "조사하라는" -> "조사": a verb ending (lookup.yaml ``endings``,
    longest first) is how the question is phrased, the stem is what was done."""
    if not word.endswith(endings):
        return word  # one test for the hundred-odd endings: most words end in none
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return word[: -len(ending)]
    return word


#: A synonym bridge: the terms of the part of a word it replaces, and its synonyms' terms.
Bridge = tuple[frozenset[str], tuple[tuple[str, ...], ...]]


def _says(counts: Mapping[str, int], synonyms: tuple[tuple[str, ...], ...]) -> bool:
    """A finding says one of the synonyms (every pair of it, not one pair of a long one)."""
    return any(all(t in counts for t in synonym) for synonym in synonyms)


@dataclass(frozen=True)
class Reading:
    """A question as searched: its own terms, the terms synonyms add, the paraphrase groups
    (one term of each must be said), and its words — each word's terms with the synonym
    terms that stand in for it."""

    own: tuple[str, ...]
    extra: tuple[str, ...]
    groups: tuple[frozenset[str], ...]
    #: each word's terms, with the synonyms said for part of it: (that part's terms, the
    #: synonyms' terms, one tuple per synonym — a finding says a synonym when it has all)
    words: tuple[tuple[tuple[str, ...], tuple[Bridge, ...]], ...]
    #: each group's synonyms, one tuple of terms per synonym
    said_as: tuple[tuple[tuple[str, ...], ...], ...] = ()
    #: the synonyms of paraphrases the question also says in the findings' words
    #: ("쓰레기 소각하는": 쓰레기 ~ 소각): a word of the description all the same
    echoed: tuple[tuple[tuple[str, ...], ...], ...] = ()


@dataclass(frozen=True)
class Hit:
    finding_id: int
    score: float
    coverage: float
    #: the question's paraphrases the finding does not say ("처음 위탁된": 신규)
    missed: int = 0


class TermCounts(Mapping[int, Counter[str]]):
    """Each finding's index terms with their counts, counted the first time a question
    needs them: start-up keeps the terms only (counting the 50,000 findings of the largest
    accepted document up front cost a fifth of its start-up)."""

    def __init__(self) -> None:
        self.found: dict[int, list[str]] = {}
        self._counts: dict[int, Counter[str]] = {}

    def __getitem__(self, doc_id: int) -> Counter[str]:
        counts = self._counts.get(doc_id)
        if counts is None:
            counts = self._counts[doc_id] = Counter(self.found[doc_id])
        return counts

    def __iter__(self) -> Iterator[int]:
        return iter(self.found)

    def __len__(self) -> int:
        return len(self.found)


class FindingIndex:
    """BM25 over findings; ``docs`` maps a finding id to its texts."""

    def __init__(self, docs: Iterable[tuple[int, str]], vocab: Vocab) -> None:
        self.vocab = vocab
        data = load_lookup()
        self.stop = frozenset(str(w).lower() for w in data["stop"]) | vocab.function_words
        self.endings = tuple(sorted((str(w) for w in data["endings"]), key=len, reverse=True))
        self._ending_set = frozenset(self.endings)
        #: "어디예요", "누구야", "곳은": a question word with its ending is never content
        self.question_words = tuple(str(w) for w in data["question_words"])
        synonyms = {str(k).lower(): [str(v) for v in vs] for k, vs in data["synonyms"].items()}
        self._latin_synonyms = {k: v for k, v in synonyms.items() if k.isascii()}
        self._hangul_synonyms = {k: v for k, v in synonyms.items() if not k.isascii()}
        self._latin_phrase = re.compile(
            r"(?<![a-z])("
            + "|".join(re.escape(k) for k in sorted(self._latin_synonyms, key=len, reverse=True))
            + r")"
        )
        self._cache: dict[tuple[str, float], list[Hit]] = {}
        self._scores: dict[tuple[str, int], list[Hit]] = {}
        self._read: dict[str, Reading] = {}
        #: a finding word's index terms, computed once: findings repeat their words, and
        #: start-up stays linear and short even after the largest accepted document
        self._indexed: dict[str, tuple[str, ...]] = {}
        #: a finding word (Latin or Hangul) -> its index terms
        self._word_terms: dict[str, tuple[str, ...]] = {}
        self.terms = TermCounts()
        self.lengths: dict[int, int] = {}
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for doc_id, text in docs:
            found = self.terms.found[doc_id] = self._doc_terms(text)
            self.lengths[doc_id] = len(found)
            for term in set(found):
                postings[term].append(doc_id)
        self.postings: dict[str, list[int]] = dict(postings)
        n = len(self.terms) or 1
        # a term's document frequency is its postings' length (each finding listed once)
        self.idf = {
            t: math.log(1 + (n - len(ids) + 0.5) / (len(ids) + 0.5))
            for t, ids in self.postings.items()
        }
        self.unknown_idf = math.log(1 + (n + 0.5) / 0.5)
        #: the weight of the rarest word a finding uses
        self.rare_idf = max(self.idf.values(), default=self.unknown_idf)
        #: the findings' Hangul words (particles off) by length, in jamo, for ``_spelled``
        by_length: dict[int, dict[str, str]] = {}
        for raw in self._indexed:
            bare = self.vocab.strip_particle(raw)
            if len(bare) >= 3:
                by_length.setdefault(len(bare), {})[bare] = jamo(bare)
        self._words_by_length: dict[int, dict[str, str]] = by_length
        self.avg_len = sum(self.lengths.values()) / n
        #: finding id -> service id (set by ``index_for``)
        self.service_of: dict[int, int] = {}
        #: the service names (a ``ServiceIndex``, set by the engine): a question naming a
        #: service is about that service, never a description of one
        self.names: Any = None
        #: index terms of the bot's own vocabulary (set by ``own_vocabulary``)
        self.own_terms: frozenset[str] = frozenset()
        #: term -> (finding, its BM25 part for the term), computed the first time a question
        #: uses the term (not at start-up: 50,000 findings hold too many terms for that)
        self._parts: dict[str, list[tuple[int, float]]] = {}

    def tokens(self, text: str, *, query: bool = False) -> list[str]:
        if query:
            return [t for word in self.query_words(text) for t in word]
        lower = text.lower()
        out: list[str] = self._numbers(lower, query)
        for word in _LATIN.findall(lower):
            if word in self.stop or word.removesuffix("'s") in self.stop:
                continue
            out.append(stem(word))
            if "-" in word.strip("-"):  # as the index reads it: "best-practice" says both
                out.extend(stem(w) for w in word.split("-") if w and w not in self.stop)
        for word in _HANGUL.findall(lower):
            out.extend(self._index_terms(word))
        return out

    def query_words(self, text: str) -> list[tuple[str, ...]]:
        """A question's searchable words, each as its index terms (a number, an English stem,
        a Korean word's syllable pairs): coverage is counted per word, so a long word
        ("액셀러레이팅", five pairs) weighs as one word of a description, not five."""
        # "in the 2023 second round": the round is the scope, not a word a finding says
        lower = _ROUND_WORDS.sub(" ", text.lower())
        out: list[tuple[str, ...]] = [(t,) for t in self._numbers(lower, True)]
        lower = _NUMBER.sub(" ", lower)
        for word in _LATIN.findall(lower):
            if word in self.stop or word.removesuffix("'s") in self.stop:
                continue
            out.append(self._latin_word(word))
        for word in _HANGUL.findall(lower):
            if word in self.stop or self._question_word(word):
                continue
            if self._phrasing(word):
                continue
            word = self._spelled(self._indexed_form(self._query_stem(word)))
            if word in self.stop or len(word) < 2:
                continue
            out.append(tuple(word[i : i + 2] for i in range(len(word) - 1)))
        return out

    def _latin_word(self, word: str) -> tuple[str, ...]:
        """A question's English word as its terms: a hyphenated one ("self-inspection") as
        its parts when the findings use each of them (the index holds the parts of every
        hyphenated finding word too) — so a finding saying "self-assessment … inspection
        checklist" or "best practice" unhyphenated says it, not only one spelling it the
        same way.  A part no finding uses could never be said, and a word the synonyms
        list ("self-check") means what they say: those stay whole."""
        if "-" not in word.strip("-") or word in self._latin_synonyms:
            return (stem(word),)
        parts = tuple(stem(w) for w in word.split("-") if w and w not in self.stop)
        if len(parts) > 1 and all(p in self.idf for p in parts):
            return parts
        return (stem(word),)

    def _doc_terms(self, text: str) -> list[str]:
        """A finding's index terms, as ``tokens(text)`` gives them (in another order): one
        pass over its words, each word's terms computed once for all findings."""
        out: list[str] = []
        cache = self._word_terms
        for word in _TOKEN.findall(text.lower()):
            terms = cache.get(word)
            if terms is None:
                terms = cache[word] = self._word_index_terms(word)
            out.extend(terms)
        return out

    def _word_index_terms(self, word: str) -> tuple[str, ...]:
        if _DIGIT.match(word):
            return (f"#{word}",)
        if word[0] >= "가":
            return self._index_terms(word)
        if word in self.stop or word.removesuffix("'s") in self.stop:
            return ()
        if "-" in word.strip("-"):
            # "best-practice" says "best" and "practice" too
            parts = [stem(w) for w in word.split("-") if w and w not in self.stop]
            return (stem(word), *parts)
        return (stem(word),)

    def _phrasing(self, word: str) -> bool:
        """A verb of one syllable with its ending ("잡으라는", "먹으면서", "심었다는") that no
        finding uses: how the question is put, not what was done — unless the synonyms
        (lookup.yaml) read it as a finding's word ("낡았다는" ~ 노후화), which they do apart."""
        known = getattr(self, "idf", None)
        if not known:
            return False
        bare = self.vocab.strip_particle(word)
        short = word[1:] in self._ending_set or bare[1:] in self._ending_set
        return short and not all(word[i : i + 2] in known for i in range(len(word) - 1))

    def _query_stem(self, word: str) -> str:
        """What a question's word says was done or is: "떼어냈다는" -> "떼어", "소각로가" ->
        "소각로", "교육하는" -> "교육".  A verb ending is read off the word as written (its
        last syllable may look like a particle: "…다는") or once a particle is off; the
        shorter reading wins, as long as two syllables remain."""
        written = _verb_stem(word, self.endings)
        bare = _verb_stem(self.vocab.strip_particle(word), self.endings)
        return min((written, bare), key=len)

    def _numbers(self, lower: str, query: bool) -> list[str]:
        """Numbers as terms ("#18"): a finding's "노후화(18년)" is found by "18년이나 된 소각로"
        and "18 years old".  A question's number counts only when some finding has it and it
        is no year, round or score (those are the question's scope, not its content)."""
        out: list[str] = []
        if not _DIGIT.search(lower):  # most findings have none: the cheap test first
            return out
        for found in _NUMBER.finditer(lower):
            number, unit = found.groups()
            if query and not self._content_number(lower, found.start(), number, unit):
                continue
            out.append(f"#{number}")
        return out

    def _content_number(self, lower: str, at: int, number: str, unit: str) -> bool:
        """A question's number some finding has, which is no year ("2023년"), round ("3차",
        "round 3", "3rd"), score ("75점", "75 points") or share ("13%")."""
        if f"#{number}" not in getattr(self, "idf", {}):
            return False
        if len(number) == 4 and "1990" <= number <= "2029" and unit in ("", "년", "년도"):
            return False
        if unit.startswith(_ENTITY_UNITS):
            return False
        end = at + len(number) + len(unit)
        return not (_UNIT_AFTER.match(lower, end) or _ROUND_BEFORE.search(lower[:at]))

    def _question_word(self, word: str) -> bool:
        """A question word or a shape noun with a short ending glued on ("어디예요", "곳은",
        "데가"): particles on one-syllable nouns escape ``strip_particle``."""
        return any(word.startswith(q) and len(word) - len(q) <= 3 for q in self.question_words)

    def _index_terms(self, word: str) -> tuple[str, ...]:
        """The syllable pairs a finding's Hangul word is indexed under (particle stripped)."""
        terms = self._indexed.get(word)
        if terms is None:
            stem_ = self.vocab.strip_particle(word)
            terms = self._indexed[word] = tuple(stem_[i : i + 2] for i in range(len(stem_) - 1))
        return terms

    def _spelled(self, word: str) -> str:
        """A query word the findings never use, read as the finding word one letter away
        ("클링거" -> "클링커"): Korean typos change one jamo of one syllable."""
        known = getattr(self, "idf", None)
        if not known or len(word) < 3:
            return word
        pairs = [word[i : i + 2] for i in range(len(word) - 1)]
        if all(p in known for p in pairs):
            return word
        same: dict[str, str] = self._words_by_length.get(len(word), {})
        found = process.extractOne(
            jamo(word), same, scorer=fuzz.ratio, processor=None, score_cutoff=_SPELLED
        )
        return str(found[2]) if found else word

    def _indexed_form(self, word: str) -> str:
        """A query word as the findings were indexed: "소각로가" is "소각로" to the question
        but the index read the finding's "소각로" as "소각" + the particle "로"."""
        known = getattr(self, "idf", None)
        if not known:
            return word
        shorter = self.vocab.strip_particle(word)
        if shorter == word or len(shorter) < 2:
            return word
        pairs = [word[i : i + 2] for i in range(len(word) - 1)]
        if all(p in known for p in pairs):
            return word
        short_pairs = [shorter[i : i + 2] for i in range(len(shorter) - 1)]
        return shorter if all(p in known for p in short_pairs) else word

    def content_words(self, question: str) -> int:
        """How many searchable words the question has (a description has several)."""
        lower = question.lower()
        latin = [w for w in _LATIN.findall(lower) if w not in self.stop]
        hangul = [
            w
            for w in (self.vocab.strip_particle(h) for h in _HANGUL.findall(lower))
            if len(w) >= 2 and w not in self.stop
        ]
        return len(latin) + len(hangul)

    def synonyms(self, question: str) -> tuple[list[str], list[str], list[frozenset[str]]]:
        """The question's own terms; the terms its synonyms add; and, for each paraphrase
        whose own words no finding uses ("처음 위탁된" for 신규, "낡았다는" for 노후화), the
        group of its synonyms' terms — one of which a finding must have to cover it.
        Remembered per question: routing, the search and the focus all ask."""
        found = self.reading(question)
        return list(found.own), list(found.extra), list(found.groups)

    def reading(self, question: str) -> Reading:
        """How the question is searched (``synonyms``, with its words kept apart)."""
        found = self._read.get(question)
        if found is None:
            if len(self._read) > 256:
                self._read.clear()
            found = self._read[question] = self._read_question(question)
        return found

    def _read_question(self, question: str) -> Reading:
        words = self.query_words(question)
        own = [t for w in words for t in w]
        extra: list[str] = []
        groups: list[frozenset[str]] = []
        said_as: list[tuple[tuple[str, ...], ...]] = []
        lower = question.lower()
        found = [m.group(1) for m in self._latin_phrase.finditer(lower)]
        found += [k for k in self._hangul_synonyms if k in lower]
        replaced: set[str] = set()
        hangul = _HANGUL.findall(_NUMBER.sub(" ", lower))
        known = getattr(self, "idf", None) or {}
        #: each word's synonym bridges: a finding saying one stands in for that part of it
        bridges: list[list[Bridge]] = [[] for _ in words]
        for phrase in found:
            listed = self._latin_synonyms.get(phrase) or self._hangul_synonyms.get(phrase) or ()
            synonyms = tuple(spelled for word in listed if (spelled := tuple(self.tokens(word))))
            terms = [t for synonym in synonyms for t in synonym]
            extra.extend(terms)
            sayable = tuple(x for x in synonyms if all(t in known for t in x))
            # a paraphrase's own words the findings never use ("하나밖에 없는" for 유일) are
            # replaced by its synonyms, not counted as content nothing covers — the whole
            # word it is part of ("떼어냈다는" for "떼어" ~ 제거), whatever its ending
            said = [w for w in hangul if phrase in w] if not phrase.isascii() else []
            spoken = {t for part in (phrase, *said) for t in self.tokens(part, query=True)}
            gone = {t for t in spoken if t not in known}
            replaced |= gone
            group = frozenset(t for x in sayable for t in x)
            # a paraphrase in words of no content of their own ("old", "told to") is one too
            if (gone or not spoken) and group and group not in groups:
                groups.append(group)
                said_as.append(sayable)
            part = frozenset(self.tokens(phrase, query=True)) or frozenset(spoken)
            for i, word in enumerate(words):
                if sayable and spoken & set(word):
                    bridges[i].append((part & set(word) or frozenset(word), sayable))
        if replaced and known:
            # all of it paraphrased ("기재부가 뽑아준 센터"): the synonym groups are the content
            own = [t for t in own if t not in replaced] or ([] if groups else own)
        in_groups = {t for g in groups for t in g}
        kept_groups = [
            (g, x) for g, x in zip(groups, said_as, strict=True) if not g & set(own)
        ]  # said in its own words too
        kept = set(own)
        # a word some of whose pairs a synonym replaced keeps them all: what no finding says
        # of it still counts against it ("강남자원회수시설" is not "자원…시설")
        pairs = [
            (w, tuple(b)) for w, b in zip(words, bridges, strict=True) if any(t in kept for t in w)
        ]
        return Reading(
            own=tuple(own),
            extra=tuple(t for t in extra if t not in own and t not in in_groups),
            groups=tuple(g for g, _ in kept_groups),
            words=tuple(dict.fromkeys(pairs)),
            said_as=tuple(x for _, x in kept_groups),
            echoed=tuple(x for g, x in zip(groups, said_as, strict=True) if g & set(own)),
        )

    def _word_weight(self, word: tuple[str, ...]) -> float:
        """What one word of the question is worth: its rarest known pair; a word no finding
        uses weighs more than any word a finding uses — the findings do not say it, and a
        question made of such words ("청년센터도 평가대상이었어?") describes nothing.  An
        English word weighs as the rarest word: the translations are one English wording
        of many ("picked", "saw" are how a question is put as often as what it asks)."""
        unknown = self.rare_idf if word[0].isascii() else self.unknown_idf
        return max((self.idf[t] for t in word if t in self.idf), default=unknown)

    def _word_share(
        self, word: tuple[str, ...], bridges: tuple[Bridge, ...], counts: Mapping[str, int]
    ) -> float:
        """How much of one word a finding says, by its pairs' weight (a pair no finding has
        weighs most: "청년센터도" is not said by a finding that says "청년" and "센터"); the
        part of it a synonym stands for counts ``BRIDGE`` when the finding says the synonym."""
        whole = sum(self.idf.get(t, self.unknown_idf) for t in word)
        said = sum(self.idf.get(t, 0.0) for t in word if t in counts)
        bridged: set[str] = set()
        for part, synonyms in bridges:
            if _says(counts, synonyms):
                bridged |= {t for t in part if t not in counts}
        said += BRIDGE * sum(self.idf.get(t, self.unknown_idf) for t in bridged)
        return min(1.0, said / whole) if whole else 0.0

    def _coverage(self, found: Reading, counts: Mapping[str, int]) -> tuple[float, float]:
        """The share of the question's words a finding's terms say (a word by its pairs, or
        by a synonym at ``BRIDGE``; a paraphrase by any of its synonyms), and that share's
        total weight."""
        total = covered = 0.0
        for word, bridges in found.words:
            weight = self._word_weight(word)
            total += weight
            covered += weight * self._word_share(word, bridges, counts)
        for group, synonyms in zip(found.groups, found.said_as, strict=True):
            weight = self._group_weight(group)
            total += weight
            if _says(counts, synonyms):
                covered += weight
        return (min(1.0, covered / total) if total else 0.0), total

    def matched_words(self, question: str, doc_id: int) -> int:
        """How many of the question's words (or paraphrases) a finding says."""
        found, counts = self.reading(question), self.terms.get(doc_id) or Counter()
        said = sum(
            1
            for word, bridges in found.words
            if any(t in counts for t in word) or any(_says(counts, x) for _, x in bridges)
        )
        return said + sum(1 for x in (*found.said_as, *found.echoed) if _says(counts, x))

    def _group_weight(self, group: frozenset[str]) -> float:
        """What covering one paraphrase is worth: its rarest synonym term."""
        return max(self.idf.get(t, 0.0) for t in group)

    def search(self, question: str, limit: int = 8, coverage: float = MIN_COVERAGE) -> list[Hit]:
        """Findings about what ``question`` describes, best first; [] when too little fits."""
        key = (question, coverage)
        if key not in self._cache:
            if len(self._cache) > 256:
                self._cache.clear()
            self._cache[key] = self._search(question, limit, coverage)
        return self._cache[key]

    def _search(self, question: str, limit: int, coverage: float) -> list[Hit]:
        """The findings that say enough of ``question`` (``coverage``), near the best one;
        a best one far above the rest even a little under it (``_dominant``)."""
        hits = self._scored(question, limit)
        if not hits:
            return []
        best = hits[0]
        if best.coverage < coverage:
            return [best] if self._dominant(hits, coverage) else []
        # a finding saying (nearly) all the question says is shown even when it says it in
        # other words than the best one ("startup" ~ 소셜벤처 beside "startup incubator")
        alike = max(SURE_COVERAGE, min(best.coverage - ALIKE, BRIDGE * best.coverage))
        kept = [h for h in hits if h.score >= KEEP * best.score or h.coverage >= alike]
        # each says enough on its own, and every paraphrase the best one says ("처음 위탁된":
        # a finding saying 위탁 but not 신규 is no match beside one saying both)
        return [h for h in kept if h.coverage >= coverage and h.missed <= best.missed]

    def fitting(self, question: str, limit: int = 8, coverage: float = MIN_COVERAGE) -> list[Hit]:
        """Every finding of the ``limit`` best that says enough of ``question`` on its own
        (``coverage``) and every paraphrase the best one says, best first — not only those
        near the best one, which ``search`` keeps: a question stating how many services it
        expects ("which two services …") takes as many of these as it asks for."""
        hits = self._scored(question, limit)
        if not hits or hits[0].coverage < coverage:
            return self.search(question, limit, coverage)
        best = hits[0]
        return [h for h in hits if h.coverage >= coverage and h.missed <= best.missed]

    @staticmethod
    def _dominant(hits: list[Hit], coverage: float) -> bool:
        """A finding that scores far above every other one, on words rare enough to say the
        most of the question ("긴급 보육 요청을 하루 안에 거의 다 처리했다는 곳": only one
        finding speaks of emergency childcare requests) is the match even when the rest of
        the wording is everyday talk — at the topic search's coverage only, not routing's."""
        if coverage > MIN_COVERAGE or hits[0].coverage < coverage - DOMINANT_SLACK:
            return False
        second = hits[1].score if len(hits) > 1 else 0.0
        return hits[0].score >= DOMINANT * max(second, 1.0)

    def _scored(self, question: str, limit: int) -> list[Hit]:
        """The ``limit`` best findings with their coverage, whatever coverage is asked:
        routing (``describes``) and the topic search ask one question with two coverages,
        and over twenty rounds adding up the BM25 parts is the dearest step of an answer —
        so the last few questions' lists are kept (a handful: a question's own stages)."""
        key = (question, limit)
        found = self._scores.get(key)
        if found is None:
            if len(self._scores) >= _SCORED:
                self._scores.clear()
            found = self._scores[key] = self._score(question, limit)
        return found

    def _term_parts(self, term: str) -> list[tuple[int, float]]:
        """Each finding holding ``term`` with the term's BM25 part of its score."""
        found = self._parts.get(term)
        if found is None:
            idf, found = self.idf.get(term, 0.0), []
            for doc_id in self.postings.get(term, ()):
                tf = self.terms[doc_id][term]
                norm = K1 * (1 - B + B * self.lengths[doc_id] / self.avg_len)
                found.append((doc_id, idf * tf * (K1 + 1) / (tf + norm)))
            self._parts[term] = found
        return found

    def _score(self, question: str, limit: int) -> list[Hit]:
        """The findings sharing a term with the question, by how much of the whole question
        each says (its words, not its pairs), then by BM25."""
        found = self.reading(question)
        own, extra, groups = found.own, found.extra, found.groups
        if not own and not groups:
            return []
        meant = {t: 1.0 for g in groups for t in g}
        weights = {t: 1.0 for t in own} | {t: 0.7 for t in extra} | meant
        scores: dict[int, float] = {}
        for term, weight in weights.items():
            for doc_id, part in self._term_parts(term):
                scores[doc_id] = scores.get(doc_id, 0.0) + weight * part
        if not scores:
            return []
        best = sorted(scores.items(), key=lambda kv: -kv[1])[: limit * _WIDER]
        hits = []
        for doc_id, score in best:
            counts = self.terms[doc_id]
            missed = sum(1 for x in found.said_as if not _says(counts, x))
            hits.append(Hit(doc_id, score, self._coverage(found, counts)[0], missed))
        hits.sort(key=lambda h: (-round(h.coverage, 2), -h.score))
        return hits[:limit]

    def describes(self, question: str) -> bool:
        """Whether the question asks for a service by what its findings say, clearly enough
        to outrank any intent its wording resembles ("소각로가 18년이나 돼서 낡았다는 곳",
        "the centre said to be the only one of its kind"): it asks for a service (lookup.yaml
        ``asks_service``), has at least two words of content, and one finding covers
        ``SURE_COVERAGE`` of them.  A figure question ("75점 미만인 곳은?") has no content
        the findings cover, so it stays with its intent."""
        if not self._asks_service(question.lower()) or self.content_words(question) < 2:
            return False
        if self._pointing.search(question.lower()):
            return False  # "Was that centre the only one …?": the service talked about
        hits = self.search(question, coverage=SURE_COVERAGE)
        if not hits:
            return False
        terms = set(self.terms[hits[0].finding_id])
        own, extra, groups = self.synonyms(question)
        matched = terms & {*own, *extra, *(t for g in groups for t in g)}
        if self.matched_words(question, hits[0].finding_id) < 2:
            return False  # one word ("비율", "대상", "액셀러레이팅") is no description
        if matched <= self.own_terms:
            return False  # "재계약 배제 사무 있어?": the bot's own words ask for a figure
        # a description picks out a few services; words every finding shares pick out none
        if len({self.service_of.get(h.finding_id, h.finding_id) for h in hits}) > DESCRIBED:
            return False
        # "소셜벤처허브센터가 우수사례로 뽑혔어?" is that service's own answer (checked last:
        # the fuzzy name match is the dearest step)
        return self.names is None or not self._named(question)

    @cached_property
    def _pointing(self) -> re.Pattern[str]:
        """lookup.yaml ``pointing``: words naming the service the conversation is about."""
        return bounded_words((str(w).lower() for w in load_lookup()["pointing"]), end=r"(?![\w])")

    def own_vocabulary(self, words: Iterable[str]) -> None:
        """Learn the bot's own words (intent examples and cues) as index terms."""
        self.own_terms = frozenset(t for w in words for t in self.tokens(w))

    def _named(self, question: str) -> bool:
        """The question names a service (by its name or a distinctive word of it)."""
        assert self.names is not None
        found = self.names.match(question)
        return bool(found.named or found.candidates or self.names.by_words(question))

    @cached_property
    def _service_asked(self) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
        """English (one pattern) and Korean (lists) ways of asking for a service."""
        data = load_lookup()["asks_service"]
        english = sorted((str(p).lower() for p in data["en"]), key=len, reverse=True)
        which = "|".join(map(re.escape, (str(w) for w in data["en_which"])))
        heads = "|".join(map(re.escape, (str(w) for w in data["en_heads"])))
        pattern = re.compile(
            rf"(?<![a-z])(?:(?:{which})(?:\s+[a-z0-9'\-]+){{0,2}}?\s+(?:{heads})"
            + "".join(f"|{re.escape(p)}" for p in english)
            + r")(?![a-z])"
        )
        korean = {k: tuple(str(w) for w in data[k]) for k in ("ko_which", "ko_phrases", "ko_heads")}
        korean["ko_trailing"] = tuple(str(w) for w in data["ko_trailing"])
        return pattern, korean

    def _asks_service(self, lower: str) -> bool:
        """ "…한 곳 어디야?", "떼어냈다는시설 어디임", "…지적 받은 사무는?", "which (evaluated)
        facility …", "who …" — not "사무 수가 어떻게 바뀌었어?" (사무 is not what is asked)."""
        pattern, ko = self._service_asked
        if pattern.search(lower):
            return True
        words = [self.vocab.strip_particle(w) for w in _HANGUL.findall(lower)]
        if any(w.startswith(ko["ko_which"]) for w in words):
            return True
        if any(p in " ".join(words) for p in ko["ko_phrases"]):
            return True
        while words and words[-1] in ko["ko_trailing"]:
            words.pop()
        # the head noun ends the question, alone or glued ("받은센터", "데가", "곳은")
        return bool(words) and (
            words[-1].endswith(ko["ko_heads"]) or self._question_word(words[-1])
        )

    def of_service(self, service_id: int) -> list[int]:
        return self._by_service.get(service_id, [])

    @cached_property
    def _by_service(self) -> dict[int, list[int]]:
        """Service id -> its finding ids, grouped once (``service_of`` is set by ``index_for``
        before the first lookup)."""
        grouped: dict[int, list[int]] = {}
        for doc_id, owner in self.service_of.items():
            grouped.setdefault(owner, []).append(doc_id)
        return grouped

    def focus(
        self,
        question: str,
        service_id: int,
        names: str,
        coverage: float = 0.6,
        doc_ids: Iterable[int] | None = None,
    ) -> list[Hit]:
        """The findings of one service that say what ``question`` asks about it ("소각로가
        몇 년 됐다고?", "what about its instructors?"); [] when the question asks nothing
        its findings say.  Words naming the service or a kind of finding are not content.
        ``doc_ids``: the findings to look in (default: its newest evaluation's)."""
        data = self.vocab.data
        kinds = " ".join(w for words in data["kinds"].values() for w in words)
        lower = question.lower()
        named = any(
            len(w) >= 2 and w not in self.stop and w in lower for w in names.lower().split()
        )
        # "애니메이션센터 개선과제" names 서울애니메이션센터 by a part of its name
        named = named or self.without_names(question, names) != question
        generic = " ".join((*self.vocab.generic_prefixes, *self.vocab.generic_suffixes))
        ignore = f"{names if named else ''} {kinds} {generic}"
        among = self.of_service(service_id) if doc_ids is None else doc_ids
        hits = self.within(question, among, ignore=ignore)
        if not hits or hits[0].coverage < coverage:
            return []
        return [h for h in hits if h.coverage >= coverage]

    def without_names(self, question: str, names: str) -> str:
        """The question without the words that name the service ("마포", "fintech lab"): a
        word goes when it is (part of) one of the names — not when the names merely share
        a term with it ("소각로" is content though an alias says "마포 소각장", "지원기관"
        though the name says "지원센터")."""
        if not names:
            return question
        lower = names.lower()
        compacted, words = _name_forms(lower)
        latin = _latin_stems(lower)  # "improvements" is "improvement"
        kept = []
        for word in question.split():
            plain = word.lower().strip("?!.,'\"()")
            bare = self.vocab.strip_particle(plain)
            if plain.isascii():
                if plain and all(stem(w) in latin for w in _LATIN.findall(plain)):
                    continue
            elif plain in compacted or (bare in compacted and len(bare) >= 4) or bare in words:
                continue  # "마포는", "성평등활동지원센터가"
            elif len(bare) >= 3 and _spelled_in(jamo(bare), _jamo_of(compacted)):
                continue  # the name with a typo: "소셜밴처"
            kept.append(word)
        return " ".join(kept)

    def within(self, question: str, doc_ids: Iterable[int], ignore: str = "") -> list[Hit]:
        """The findings among ``doc_ids`` that say what ``question`` asks, best first, with
        the share of the question's weight each covers.  The terms of ``ignore`` (the
        service's own name) are not part of what is asked."""
        found = self.reading(self.without_names(question, ignore))
        if not (found.words or found.groups):
            return []
        terms = {t for w, _ in found.words for t in w} | {t for g in found.groups for t in g}
        terms |= {t for _, bridges in found.words for _, x in bridges for y in x for t in y}
        # only findings sharing a term can cover any of the question: the postings name them,
        # so a check over every finding of thirty rounds stays a few set lookups
        sharing = set().union(*(self.postings.get(t, ()) for t in terms))
        hits = []
        for doc_id in doc_ids:
            counts = self.terms.get(doc_id) if doc_id in sharing else None
            if not counts:
                continue
            coverage, total = self._coverage(found, counts)
            hits.append(Hit(doc_id, coverage * total, coverage))
        return sorted(hits, key=lambda h: (-h.coverage, -h.score))


#: queries -> (its knowledge signature when indexed, the index); weak, because the engine
#: takes a fresh ``Queries`` at every rebuild
_INDEXES: weakref.WeakKeyDictionary[Any, tuple[object, FindingIndex]] = weakref.WeakKeyDictionary()


def current_index(queries: Any) -> FindingIndex:
    """The index the engine built for ``queries`` (built now if none): an answer uses the
    engine's view of the knowledge base and never rebuilds it on the way (``index_for``)."""
    found = _INDEXES.get(queries)
    return found[1] if found is not None else index_for(queries)


def index_for(queries: Any, vocab: Vocab | None = None) -> FindingIndex:
    """The index of ``queries``' findings, rebuilt when its knowledge changes."""
    signature = queries.knowledge_signature()
    found = _INDEXES.get(queries)
    if found is not None and found[0] == signature:
        return found[1]
    findings = queries.findings()
    index = FindingIndex(
        ((f.id, f"{f.text_ko} {f.text_en or ''}") for f in findings), vocab or Vocab()
    )
    newest: dict[int, tuple[int, int]] = {}
    for f in findings:
        newest[f.service.id] = max(newest.get(f.service.id, (0, 0)), (f.year, f.round_no))
    # a service's findings are those of its newest evaluation, as the findings answer shows
    index.service_of = {
        f.id: f.service.id for f in findings if (f.year, f.round_no) == newest[f.service.id]
    }
    _INDEXES[queries] = (signature, index)
    return index
