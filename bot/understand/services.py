"""Find the service a question is about, by fuzzy matching over names and aliases.

Names are compared without spaces and with Hangul split into letters (jamo), so
"핀테크렙" finds "핀테크랩", "소셜벤처허브센터는" finds its service despite the particle, and
"working mom center" finds "Working Moms Support Center".  Every name also yields
variants without the generic parts ("서울시", "관리 및 운영"); a variant of three syllables
or fewer must appear exactly, because short strings are alike by chance.  When the two
best services are close, the caller asks back instead of guessing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from bot.understand.literals import compile_words
from bot.understand.normalise import compact, fold, is_hangul, jamo
from bot.understand.search import load_lookup
from bot.understand.vocab import Vocab

#: Chosen on the question sets: below 80 the
#: chance likeness of Korean jamo starts to match unrelated words.
CUTOFF = 80.0
#: Two services closer than this are ambiguous unless both are plainly named.
MARGIN = 6.0
#: Score of a plain mention: both of two services at or above this are "both named".
PLAIN = 97.0
#: Letters (jamo) at the start of a name that a fuzzy match must get exactly right.
_HEAD = 3
#: How many name keys (the most alike by shared grams) are scored fuzzily per question.
_SHORTLIST = 48
#: A gram in more name keys than this (or an eighth of them) does not rank candidates.
_COMMON_GRAM = 64
_FUNCTION_WORDS = frozenset({"the", "of", "and", "for", "in", "on", "a", "an", "to", "및"})


@dataclass(frozen=True)
class ServiceHit:
    service_id: int
    score: float
    variant: str
    start: int
    end: int


@dataclass(frozen=True)
class ServiceResult:
    """The services named (best first) or, when ambiguous, the candidates to ask about."""

    named: tuple[int, ...] = ()
    candidates: tuple[int, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return not self.named and len(self.candidates) > 1


@cache
def _describing() -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...], frozenset[str]]:
    data = load_lookup()["descriptive"]
    by_length = lambda words: tuple(sorted((str(w) for w in words), key=len, reverse=True))  # noqa: E731
    return (
        by_length(data["ko_endings"]),
        frozenset(str(w) for w in data["ko_words"]),
        by_length(data["en_endings"]),
        frozenset(str(w).lower() for w in data["en_words"]),
    )


@cache
def clause_heads() -> tuple[str, ...]:
    """lookup.yaml ``descriptive.clause_heads``: the nouns a describing clause ends in ("…
    운영하는 곳"), besides the head nouns of names."""
    return tuple(str(w) for w in load_lookup()["descriptive"]["clause_heads"])


def descriptive(word: str) -> bool:
    """Whether the word before a head noun describes the place rather than names it:
    "떼어냈다는 시설", "교육하는 센터", "마포에 있는 시설", "관련 센터", "a consigned center".
    Such a phrase is a service asked for by what it did (a content lookup) or by another
    word of its name, never the name of a service the knowledge base lacks."""
    word = word.strip("?!.,\"'()").lower()
    if not word:
        return False
    ko_endings, ko_words, en_endings, en_words = _describing()
    if word.isascii():
        return word in en_words or any(
            word.endswith(e) and len(word) - len(e) >= 3 for e in en_endings
        )
    return word in ko_words or any(word.endswith(e) and len(word) > len(e) for e in ko_endings)


def _generic_word(word: str, vocab: Vocab) -> bool:
    generic = (
        *vocab.generic_prefixes,
        *vocab.generic_suffixes,
        *vocab.unknown_en_heads,
        *vocab.unknown_ko_heads,
    )
    return (
        word in generic
        or word in vocab.not_names
        or word in vocab.not_distinctive
        or word in vocab.function_words
        or len(word) < (2 if is_hangul(word[0]) else 4)
    )


def _is_short(variant: str) -> bool:
    hangul = sum(1 for ch in variant if is_hangul(ch))
    return hangul <= 3 and len(variant) <= 5 if hangul else len(variant) <= 5


class ServiceIndex:
    """All name variants of all services, prepared once for fast matching."""

    def __init__(
        self, services: Iterable[Any], vocab: Vocab, common_text: str | Mapping[int, str] = ""
    ) -> None:
        """``common_text`` (the findings' text, or each service's findings by service id)
        holds ordinary words: a word of a name that also occurs in the findings of another
        service ("education") never identifies a service alone; one that occurs only in
        its own service's findings ("borderline", "fintech") still does."""
        self.vocab = vocab
        self._places_in: dict[str, frozenset[str]] = {}
        self._generic = {compact(w) for w in (*vocab.generic_prefixes, *vocab.generic_suffixes)}
        exact: dict[str, set[int]] = {}
        fuzzy: dict[str, set[int]] = {}
        grams: dict[str, set[str]] = {}
        words: set[str] = set()
        services_words: dict[int, set[str]] = {}
        kinds = _kinds()
        called_of: dict[int, tuple[str, ...]] = {}
        findings_say = fold(
            " ".join(common_text.values() if isinstance(common_text, Mapping) else [common_text])
        )
        for service in services:
            names = [service.name_ko, service.name_en or "", *service.aliases]
            # a kind ("소각시설") finds the service as a whole phrase; its words ("소각") are
            # no words of the service's names (a topic question says them)
            called = _called(names, kinds, findings_say)
            called_of[service.id] = tuple(called)
            for name in (*names, *called):
                if name not in called:
                    found = {w for w in fold(name).split() if w not in _FUNCTION_WORDS}
                    words.update(found)
                    services_words.setdefault(service.id, set()).update(found)
                for variant in self._variants(name):
                    key = jamo(variant)
                    # a kind is matched as written: "소각 설비" is content, not "소각시설"
                    table = exact if _is_short(variant) or name in called else fuzzy
                    table.setdefault(key, set()).add(service.id)
                    if table is fuzzy:
                        grams.setdefault(key, set()).update(_grams(variant))
        _share_generic_aliases(services, (exact, fuzzy))
        #: the last questions' results: one question is matched by several stages
        self._matched: dict[str, ServiceResult] = {}
        self.exact = exact
        self._exact_pattern = compile_words(exact)
        self.fuzzy_keys = list(fuzzy)
        self.fuzzy_owners = [fuzzy[k] for k in self.fuzzy_keys]
        #: n-gram -> indexes of fuzzy keys containing it: only those are scored
        self._by_gram: dict[str, list[int]] = {}
        for index, key in enumerate(self.fuzzy_keys):
            for gram in grams[key]:
                self._by_gram.setdefault(gram, []).append(index)
        #: the grams that rank candidates: those in a few name keys ("운영", "센터" are in
        #: hundreds and tell none apart), looked up once per gram of a question
        common = max(_COMMON_GRAM, len(self.fuzzy_keys) // 8)
        self._rare_grams = {g: keys for g, keys in self._by_gram.items() if len(keys) <= common}
        self.name_words = frozenset(words)
        #: service id -> the place qualifiers its names carry ("서남권", "mapo")
        self._places_of = {
            service.id: self._places(" ".join(filter(None, (service.name_ko, service.name_en))))
            for service in services
        }
        self._names_of = {i: " ".join(sorted(w)) for i, w in services_words.items()}
        self._called_of = called_of
        #: the words of the kinds services are called by ("finance", "tech", "태우는"): known
        #: words, so that the typo corrector never turns "tech" into "teach"
        self.kind_words = frozenset(
            w for called in called_of.values() for phrase in called for w in fold(phrase).split()
        )
        if isinstance(common_text, str):
            common_text = {-1: common_text}
        #: word -> the services whose findings use it
        self._common: dict[str, set[int]] = {}
        for owner, text in common_text.items():
            for word in set(fold(text).split()):  # once per word: findings repeat theirs
                self._common.setdefault(word, set()).add(owner)
        self._distinctive = self._distinctive_words(services_words)

    @property
    def common_words(self) -> Iterable[str]:
        """Every distinct word of the findings, folded (``common_text``'s words)."""
        return self._common.keys()

    def _distinctive_words(self, services_words: dict[int, set[str]]) -> dict[str, int]:
        """Words (and places) of one service's names only — no generic word, none the
        other services' findings use — each naming that service on its own."""
        owners: dict[str, set[int]] = {}
        for service_id, found in services_words.items():
            for word in found:
                owners.setdefault(word, set()).add(service_id)
        distinct = {
            word: next(iter(ids))
            for word, ids in owners.items()
            if len(ids) == 1
            and not _generic_word(word, self.vocab)
            and not self._common.get(word, set()) - ids
        }
        return self._place_words(services_words) | distinct

    def _place_words(self, services_words: dict[int, set[str]]) -> dict[str, int]:
        """Each spelling of a place (vocab.yaml ``place_qualifiers``) that only one service's
        names carry: "동북권은 …" names 서울시 동북권직장맘지원센터 though the name glues the
        place to the rest ("동북권직장맘지원센터" is one word of it, so the place is no word
        of its own) — as "서남권" names the other one."""
        carried: dict[str, set[int]] = {}
        for service_id, places in self._places_of.items():
            if service_id in services_words:
                for place in places:
                    carried.setdefault(place, set()).add(service_id)
        return {
            spelling: next(iter(carried[place]))
            for spelling, place in self.vocab.place_qualifiers.items()
            if len(carried.get(place, ())) == 1
        }

    def _places(self, text: str) -> frozenset[str]:
        """The places ``text`` names (remembered for the last few texts: a question's
        services are looked up in several steps, each asking which places it names)."""
        found = self._places_in.get(text)
        if found is None:
            if len(self._places_in) >= _REMEMBERED:
                self._places_in.clear()
            plain = compact(text)
            found = self._places_in[text] = frozenset(
                place
                for spelling, place in self.vocab.place_qualifiers.items()
                if spelling in plain
            )
        return found

    def _other_place(self, service_id: int, asked: frozenset[str]) -> bool:
        """The question names a place and the service's names carry only other places: a
        "서북권 직장맘지원센터" is not the 서남권 one however alike the two names read."""
        own = self._places_of.get(service_id, frozenset())
        return bool(asked and own and asked.isdisjoint(own))

    def names_of(self, service_id: int) -> str:
        """The words of every name of one service (Korean, English, aliases)."""
        return self._names_of.get(service_id, "")

    def without_kind(self, service_id: int, text: str) -> str:
        """``text`` without the words of its kind that name the service ("직장 다니는 엄마",
        "쓰레기 태우는"): what the rest of a description says is content, those are not."""
        lower = text.lower()
        for phrase in sorted(self._called_of.get(service_id, ()), key=len, reverse=True):
            lower = lower.replace(phrase.lower(), " ")
        return lower

    def by_words(self, text: str, question: str | None = None) -> tuple[int, ...]:
        """Services named by a distinctive word of theirs ("Mapo facility" -> Mapo).

        A word counts when it belongs to the names of exactly one service and is not a
        generic word ("seoul", "center"): used only for place-like names the fuzzy match
        did not find.  A place the whole ``question`` names rules out services of others.
        """
        found = []
        asked = self._places(question or text)
        for word in fold(text).split():
            word = self.vocab.strip_particle(word)
            owner = self._distinctive.get(word)
            if owner is not None and owner not in found and not self._other_place(owner, asked):
                found.append(owner)
        return tuple(found)

    def containing(self, fragment: str, question: str | None = None) -> tuple[int, ...]:
        """Services with a name that contains ``fragment`` (no spaces): "지원센터" -> three;
        none of another place than the ``question`` names."""
        key = jamo(compact(fragment))
        if len(key) < 4:
            return ()
        asked = self._places(question or fragment)
        owners: list[int] = []
        for variant, ids in (
            *self.exact.items(),
            *zip(self.fuzzy_keys, self.fuzzy_owners, strict=True),
        ):
            if key in variant:
                owners.extend(i for i in ids if i not in owners and not self._other_place(i, asked))
        return tuple(owners)

    def _variants(self, name: str) -> set[str]:
        """The name and the name without generic prefixes/suffixes, compacted."""
        folded = fold(name)
        out = {compact(folded)}
        stripped = folded
        for _ in range(2):
            for prefix in self.vocab.generic_prefixes:
                if stripped.startswith(prefix + " ") or stripped.startswith(prefix):
                    stripped = stripped[len(prefix) :].strip()
                    break
            for suffix in self.vocab.generic_suffixes:
                if stripped.endswith(suffix):
                    stripped = stripped[: -len(suffix)].strip()
                    break
            out.add(compact(stripped))
        return {v for v in out if len(v) >= 2 and v not in self._generic}

    def hits(self, text: str, cutoff: float = CUTOFF) -> list[ServiceHit]:
        """Best hit per service at or above ``cutoff``, best first."""
        plain = compact(text)
        query = jamo(plain)
        if not query:
            return []
        best: dict[int, ServiceHit] = {}
        asked = self._places(text)

        def keep(service_id: int, hit: ServiceHit) -> None:
            old = best.get(service_id)
            if old is None or (hit.score, len(hit.variant)) > (old.score, len(old.variant)):
                best[service_id] = hit

        for found in self._exact_pattern.finditer(query):
            key = found.group(0)
            for owner in self.exact[key]:
                if not self._other_place(owner, asked):
                    keep(owner, ServiceHit(owner, 100.0, key, found.start(), found.end()))
        keys = {i: self.fuzzy_keys[i] for i in self._candidates(plain)}
        matched = process.extract(
            query, keys, scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=8
        )
        if not matched:  # a bare name shorter than the names: compare whole ("fintek lab")
            matched = process.extract(query, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=8)
        for key, score, index in matched:
            if len(key) > len(query):
                # the question is shorter than the name: compare them whole, or a
                # fragment ("센터") would match every name that contains it
                score = fuzz.ratio(key, query)
                if score < cutoff:
                    continue
                start, end = 0, len(query)
            else:
                alignment = fuzz.partial_ratio_alignment(key, query)
                if alignment is None:
                    continue
                start, end = alignment.dest_start, alignment.dest_end
                if score < 100 and query[start : start + _HEAD] != key[:_HEAD]:
                    continue  # a name must at least begin right ("toincinerator" is not Mapo)
            if score < 100 and not _same_core(key, query[start:end]):
                continue  # "청년활동지원센터" is not "성평등활동지원센터": only the tail is shared
            for owner in self.fuzzy_owners[index]:
                if self._other_place(owner, asked):
                    continue
                keep(owner, ServiceHit(owner, score, key, start, end))
        return sorted(best.values(), key=lambda h: (-h.score, -len(h.variant)))

    def _candidates(self, plain: str) -> list[int]:
        """The name keys sharing the most syllable pairs / letter triples with the question.

        With hundreds of services (and an English alias each), common triples ("ent",
        "cen") reach most keys; a name the question really contains shares more of its
        grams than any of them, so only the best ``_SHORTLIST`` are scored."""
        rare = self._rare_grams
        shared = Counter(chain.from_iterable(rare.get(gram, ()) for gram in _grams(plain)))
        if len(shared) <= _SHORTLIST:
            return sorted(shared)
        return sorted(_most_shared(shared, _SHORTLIST))

    def match(self, text: str) -> ServiceResult:
        """Named services, or candidates when the best two are too close to call
        (remembered for the last few texts: entities, routing and lookup each ask)."""
        found = self._matched.get(text)
        if found is None:
            if len(self._matched) >= _REMEMBERED:
                self._matched.clear()
            found = self._matched[text] = self._match(text)
        return found

    def _match(self, text: str) -> ServiceResult:
        hits = self.hits(text)
        if not hits:
            read = in_korean(text)
            hits = self.hits(read) if read != text else []
        if not hits:
            return ServiceResult()
        first = hits[0]
        named = [first.service_id]
        for other in hits[1:]:
            if other.score < first.score - MARGIN:
                break
            if _covers(first, other):
                continue  # a longer name containing the other's match: the longer wins
            if other.score >= PLAIN and first.score >= PLAIN and _apart(first, other):
                named.append(other.service_id)
                continue
            close = [h.service_id for h in hits if h.score >= first.score - MARGIN]
            return ServiceResult(candidates=tuple(close[:3]))
        return ServiceResult(named=tuple(named))


def _share_generic_aliases(
    services: Iterable[Any], tables: tuple[dict[str, set[int]], ...]
) -> None:
    """An alias of one service that another service's official name contains ("직장맘지원센터"
    of 서남권직장맘지원센터, once 동북권직장맘지원센터 is loaded too) names both: it stops
    picking the first one and asks which is meant."""
    official = {s.id: jamo(compact(fold(s.name_ko))) for s in services if s.name_ko}
    # every name in one string: a key in fewer than two names (the usual case) is ruled out
    # by one C-level count instead of a test against each of hundreds of names
    joined = "\n".join(official.values())
    for table in tables:
        for key, owners in table.items():
            if len(owners) != 1 or len(key) < _SHARED_ALIAS or joined.count(key) < 2:
                continue
            sharing = {i for i, name in official.items() if key in name}
            if len(sharing) > 1:
                owners.update(sharing)


#: The shortest alias (in jamo) checked against the other names: shorter ones are words.
_SHARED_ALIAS = 12

#: Texts whose match results are kept (a question's stages ask about the same text).
_REMEMBERED = 4

#: Letters (jamo) from which the parts two names do not share are each a word of their own.
_CORE = 4
#: Letters (jamo) a run must share to anchor the comparison (a chance letter does not).
_ANCHOR = 3
#: How alike (rapidfuzz ratio) those parts must be for a misspelling rather than another name.
_CORE_ALIKE = 50.0


def _same_core(key: str, span: str) -> bool:
    """Whether a fuzzy match differs from the name only by a misspelling: between the runs
    of letters both share ("서울시", "활동지원센터"; a run of at least one syllable), what is
    left is short on one side ("핀테크렙", "직장맘센터") or alike ("성평듕").  Two different
    words before a shared generic tail ("청년" / "성평등") are two different services."""
    anchors = [m for m in Indel.opcodes(key, span).as_matching_blocks() if m.size >= _ANCHOR]
    at_key = at_span = 0
    for block in [*anchors, None]:
        end_key = block.a if block is not None else len(key)
        end_span = block.b if block is not None else len(span)
        gap_key, gap_span = key[at_key:end_key], span[at_span:end_span]
        inside = block is not None  # past the last shared run, the span may simply go on
        differ = inside and min(len(gap_key), len(gap_span)) >= _CORE
        if differ and fuzz.ratio(gap_key, gap_span) < _CORE_ALIKE:
            return False
        if block is not None:
            at_key, at_span = block.a + block.size, block.b + block.size
    return True


def _most_shared(shared: Counter[int], count: int) -> list[int]:
    """The keys of ``shared.most_common(count)`` (ties to the first counted, as there) with
    the counts' cut-off found among the counts alone: cheaper than a heap over the pairs."""
    floor = sorted(shared.values(), reverse=True)[count - 1]
    above = [key for key, n in shared.items() if n > floor]
    return above + [key for key, n in shared.items() if n == floor][: count - len(above)]


def _grams(text: str) -> set[str]:
    """Syllable pairs of Hangul, letter triples of everything else: a cheap first filter
    (a name sharing none of them with the question cannot be a fuzzy match of it)."""
    hangul = [is_hangul(ch) for ch in text]
    out = {text[i : i + 2] for i in range(len(text) - 1) if hangul[i]}
    out.update(text[i : i + 3] for i in range(len(text) - 2) if not hangul[i])
    return out


#: Share of a weaker hit's span inside a longer hit for it to be the same words read fuzzily.
_COVERED = 0.8


def _covers(a: ServiceHit, b: ServiceHit) -> bool:
    """``a`` is a longer name over (almost) the same words as ``b``: "한봄어린이집" also reads
    fuzzily as "보미어린이집", and a fuzzy alignment may reach a letter past the name."""
    if len(a.variant) <= len(b.variant) or b.end <= b.start:
        return False
    overlap = min(a.end, b.end) - max(a.start, b.start)
    return overlap >= _COVERED * (b.end - b.start)


def _apart(a: ServiceHit, b: ServiceHit) -> bool:
    return a.end <= b.start or b.end <= a.start


SERVICES_PATH = Path(__file__).parents[2] / "knowledge" / "sources" / "services.yaml"


@cache
def _services_data() -> dict[str, Any]:
    with open(SERVICES_PATH, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


@cache
def _kinds() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """services.yaml ``kinds``: (name words that make a service one of the kind, the words
    people call the kind by), folded."""
    return tuple(
        (
            tuple(compact(fold(str(w))) for w in kind["named"]),
            tuple(str(w) for w in kind["called"]),
        )
        for kind in _services_data().get("kinds") or ()
    )


def _called(
    names: list[str],
    kinds: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...],
    findings_say: str,
) -> list[str]:
    """What a service is called by its kind ("환경시설", "소각시설" for a 자원회수시설): every
    kind one of its names belongs to — but not a word the findings themselves use
    ("incinerator"): that is a topic to search, not a name."""
    plain = [compact(fold(n)) for n in names if n]
    return [
        word
        for named, called in kinds
        if any(marker in name for marker in named for name in plain)
        for word in called
        if fold(word) not in findings_say
    ]


def kind_names(names: Iterable[str], findings_say: str = "") -> list[str]:
    """What people call a service with these ``names`` by its kind (services.yaml ``kinds``:
    "소각시설" for a 자원회수시설), less any word ``findings_say`` (folded) already uses —
    the public face of ``_called`` over the loaded kinds, for the answers that must tell a
    kind word naming the service from a claim about it."""
    return _called(list(names), _kinds(), findings_say)


@cache
def _name_words() -> tuple[tuple[re.Pattern[str], str], ...]:
    """services.yaml ``name_words``: an English word of names and its Korean, longest first."""
    table = {str(k).lower(): str(v) for k, v in (_services_data().get("name_words") or {}).items()}
    return tuple(
        (re.compile(rf"(?<![a-z]){re.escape(k)}(?![a-z])"), v)
        for k, v in sorted(table.items(), key=lambda kv: -len(kv[0]))
    )


def in_korean(text: str) -> str:
    """A name written half in English read all in Korean ("마포 resource recovery 시설" ->
    "마포 자원 회수 시설"); a text with no Hangul is left as it is (its English names match)."""
    if not any(is_hangul(ch) for ch in text):
        return text
    lower = text.lower()
    for pattern, korean in _name_words():
        lower = pattern.sub(korean, lower)
    return lower
