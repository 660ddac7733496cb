"""Entities in a question: year, round, service, threshold, finding kind, metric, topic.

Each extractor is a small function over the normalised text.  Years may be relative
("작년", "last year"): they are resolved against the newest round in the knowledge base,
which the caller passes in, so the same question means the same thing until a newer
round is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from typing import Any

from bot.understand import scopes
from bot.understand.normalise import fold, syllables_ending_in
from bot.understand.parts import Parts
from bot.understand.services import ServiceIndex, ServiceResult, clause_heads, descriptive
from bot.understand.vocab import Vocab

_APOS = "'’‘`"
_YEAR4 = re.compile(r"(?<![\d.])(20\d\d)(?!\d|\.\d)(\s*년)?")
_YEAR2 = re.compile(rf"(?:[{_APOS}](\d\d)(?!\d))|(?:(?<![\d.])(\d\d)\s*년{scopes.DURATION})")
#: "the most recent round": recency, not the highest of anything
_MOST_RECENT = re.compile(r"\b(?:the )?most (?=recent)")
_YEAR2_RUN = re.compile(r"(?<![\d.])((?:\d\d\s*[,·/→]\s*)+\d\d)\s*년")
_YEAR_SPAN = re.compile(
    rf"((?:20)?\d\d|[{_APOS}]\d\d)\s*년?\s*(?:~|-|–|부터|to|through|until)\s*"
    rf"((?:20)?\d\d|[{_APOS}]\d\d)(?!\d)"
)
_ROUND_KO = re.compile(r"(?<![\d.])제?\s*([1-9])\s*(?:차|회차)(?!\s*산업|이)")
_ROUND_SPAN_KO = re.compile(
    r"([1-9])\s*(?:~|-|–|부터|·|ㆍ|,)\s*([1-9])\s*차"
    # "1차부터 3차까지": every round from the first to the last named
    r"|([1-9])\s*(?:차|회차)\s*(?:부터|~)\s*(?:제\s*)?([1-9])\s*(?:차|회차)"
)
_ROUND_EN = re.compile(
    r"(?<![a-z])round(?:\s*|-)(?:no\.?\s*)?([1-9])(?!\d)|(?<![a-z0-9])r([1-9])(?![0-9])"
    # "3rd round", but not the "4" of "score 4 round 3" (a "for" before a numbered round)
    r"|(?<![0-9])([1-9])(?:st|nd|rd|th)?\s+round(?!s?\s*(?:no\.?\s*)?[1-9])"
)
_ROUND_SPAN_EN = re.compile(r"rounds?\s*([1-9])\s*(?:~|-|–|to|through|and)\s*([1-9])")
_ROUND_WORD_EN = re.compile(
    # "third round", "the third evaluation round", "round three"
    r"(?<![a-z])([a-z]+)[\s-]+(?:(?:evaluation|assessment|review|performance)[\s-]+)?round"
    r"|round\s+([a-z]+)(?![a-z])"
)
_ROUND_WORD_KO = re.compile(
    r"(첫|첫\s*번째|두\s*번째|세\s*번째|네\s*번째|다섯\s*번째)"
    # "세 번째로 한 평가", "두 번째로 진행된 평가": the round that came in that place
    r"\s*(?:로\s*(?:한|진행한|진행된|실시한|실시된|치른|열린|있었던|했던)?\s*)?"
    # "세 번째 민간위탁 성과평가": the programme's name between the ordinal and its noun
    r"(?:민간\s*위탁\s*)?(?:(?:종합)?성과\s*)?(?:차수|평가|라운드)"
)
#: "삼차 평가": a Sino-Korean number glued to 차, not inside a word ("일차적", "이차이" of 차이)
_ROUND_SINO_KO = re.compile(
    r"(?:(?<![가-힣])|(?<=년))([가-힣])차(?=$|[^가-힣]|수|평가|에|의|는|은|도|결과|때)"
)
_NUMBER = r"(?<![\d.])(\d{1,3}(?:\.\d+)?)(?![\d])"
#: After "N년": a length of time, not a year ("10년도 안 된", "18년 넘은", "5년 동안").
_DURATION = re.compile(
    r"\s*(?:도\s*안|도\s*못|이\s*넘|이상|넘(?!어\s*[가오간와])|미만|이하|동안|간|째|짜리|이나|만에|밖에|정도|가\s*넘|된|됐|되었|지난|지났)"
)
_QUOTED = re.compile(r"[\"“”「『«]([^\"“”」』»]{2,30})[\"“”」』»]|'([^']{2,30})'")


def without_ko_ordinal_round(text: str) -> str:
    """ "세 번째 민간위탁 성과평가는 …" -> "민간위탁 성과평가는 …": the ordinal is the round,
    an entity, so it must not weigh in the wording compared with intent examples (the way
    "3차" and "third round" do not)."""
    return _ROUND_WORD_KO.sub(lambda m: m.group(0)[m.end(1) - m.start(0) :], text)


@dataclass(frozen=True)
class Threshold:
    value: float
    #: below | at_most | at_least | above
    direction: str = "below"

    def admits(self, score: float) -> bool:
        """Whether ``score`` is on the asked side (raw values, never rounded ones)."""
        return {
            "below": score < self.value,
            "at_most": score <= self.value,
            "at_least": score >= self.value,
            "above": score > self.value,
        }[self.direction]


@dataclass(frozen=True)
class Entities:
    year: int | None = None
    year_span: tuple[int, int] | None = None
    round_no: int | None = None
    round_span: tuple[int, int] | None = None
    services: tuple[int, ...] = ()
    service_candidates: tuple[int, ...] = ()
    threshold: Threshold | None = None
    kind: str | None = None  # achievement | improvement | both
    metrics: frozenset[str] = field(default_factory=frozenset)
    #: prev_year | long_run | year (compare_year) | whole_year (a round with its year) |
    #: other (a comparison word that names no target: "vs", "비교", "did it drop?")
    compare: str | None = None
    compare_year: int | None = None
    topic: str | None = None
    unknown_name: str | None = None
    #: a score named with no direction ("75점", "80 points"): below it? the rule? ask back
    score: float | None = None
    #: another city or province ("부산", "Busan"): the knowledge base is Seoul's only
    other_place: str | None = None
    #: what a question about consignment as a whole asks: size | budget | contracts
    aspects: frozenset[str] = field(default_factory=frozenset)
    #: the other scope of a round comparison ("2023년 1차와 3차"): round ``compare_round``
    #: of ``compare_year`` (None: the newest year holding it); ``compare`` is "round"
    compare_round: int | None = None
    #: a score band, low inclusive, high exclusive ("70점대" -> (70, 80)); threshold is None
    band: tuple[float, float] | None = None
    #: every loaded round ("역대", "all rounds") when no year or round is named
    every_round: bool = False
    #: how the question asks (bot/understand/parts.yaml): value (None) | gap | complement |
    #: versus | yes_no | trend
    how: str | None = None
    #: what a gap is measured against: cutoff | prev_year | long_run | whole_year; for a
    #: service's own history, its "next" or "previous" evaluation after/before the scope
    reference: str | None = None
    #: "최근/latest": the newest round, whatever an earlier turn was about
    latest: bool = False
    #: a number outside the data ("101점", "9999년", "round 99"): "score:101" | "year:9999"
    out_of_range: str | None = None
    #: a reference into the previous answer's list ("세 번째 거" 3, "the last one" -1)
    ordinal: int | None = None
    #: a count the question states ("13개 맞아?", "were 10 services evaluated")
    count: int | None = None
    #: for an operation (gap, yes_no …): the intent whose figure or fact it works on
    what: str | None = None
    #: the compared scope (compare_year/compare_round) is the one the question names first:
    #: it is the question's subject ("2022년이 2023년보다 높았어?", "Was round 3 above 2024?")
    compare_first: bool = False
    #: the answer should be short: its first line, or its list ("숫자로만", "in one sentence")
    terse: bool = False
    #: a round relative to the conversation's ("그 전 차수", "the round before it": -1);
    #: the engine resolves it against the loaded rounds before deciding (never stored)
    round_step: int | None = None
    #: every round number the question names, in order, left-out ones included
    #: ("1차 보도 수치랑 3차 공개자료로 보면 2차는?" -> (1, 3, 2))
    rounds_named: tuple[int, ...] = ()
    #: rounds the question leaves out ("3차 빼고", "except round 3"); round_no/round_span
    #: then hold only the rounds still asked (None when none is named)
    rounds_excluded: tuple[int, ...] = ()
    #: a time the question is about that is not a scope: "earlier_cutoff" (the years of the
    #: old 60-point cutoff: "그때는", "back then" after the cutoff's history)
    era: str | None = None
    #: every (year, round) the question names as a round of its own year, in order, when
    #: it names two or more ("23년 3차, 24년 2차 합치면", "(2023 R3, 2024 R2, 2025 R1)"):
    #: the rounds a sum or list across years is over (scopes.year_rounds)
    rounds_listed: tuple[tuple[int, int], ...] = ()

    @property
    def service(self) -> int | None:
        return self.services[0] if self.services else None

    @property
    def has_scope(self) -> bool:
        return any(
            x is not None for x in (self.year, self.year_span, self.round_no, self.round_span)
        )

    def scope_fields(self) -> dict[str, Any]:
        """The four fields of the scope (year, span of years, round, span of rounds): a turn
        about exactly this one's scope takes them whole (``replace(e, **other.scope_fields())``),
        a span left over from its own words included."""
        return {
            "year": self.year,
            "year_span": self.year_span,
            "round_no": self.round_no,
            "round_span": self.round_span,
        }

    def two_sides(
        self,
        subject: tuple[int | None, int | None],
        other: tuple[int | None, int | None],
        **more: Any,
    ) -> Entities:
        """These entities as two scopes set side by side: ``subject`` (a year and its round)
        and the ``other`` side it is compared with — a round, or the whole year when the
        other's round is None; ``more`` fields set with them."""
        return replace(
            self,
            year=subject[0],
            round_no=subject[1],
            compare="round" if other[1] is not None else "year",
            compare_year=other[0],
            compare_round=other[1],
            **more,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form for ``Context.entities``."""
        data: dict[str, Any] = {
            "year": self.year,
            "year_span": list(self.year_span) if self.year_span else None,
            "round_no": self.round_no,
            "round_span": list(self.round_span) if self.round_span else None,
            "services": list(self.services),
            "service_candidates": list(self.service_candidates),
            "threshold": {"value": self.threshold.value, "direction": self.threshold.direction}
            if self.threshold
            else None,
            "kind": self.kind,
            "metrics": sorted(self.metrics),
            "compare": self.compare,
            "compare_year": self.compare_year,
            "topic": self.topic,
            "unknown_name": self.unknown_name,
            "score": self.score,
            "other_place": self.other_place,
            "aspects": sorted(self.aspects),
            "compare_round": self.compare_round,
            "band": list(self.band) if self.band else None,
            "every_round": self.every_round or None,
            "how": self.how,
            "reference": self.reference,
            "latest": self.latest or None,
            "count": self.count,
            "what": self.what,
            "rounds_named": list(self.rounds_named),
            "rounds_excluded": list(self.rounds_excluded),
            "era": self.era,
            "rounds_listed": [list(p) for p in self.rounds_listed],
        }
        return {k: v for k, v in data.items() if v not in (None, [])}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entities:
        """Rebuild from a context; unknown or malformed keys are dropped, never raised."""
        try:
            threshold = data.get("threshold")
            return cls(
                year=_int(data.get("year")),
                year_span=_pair(data.get("year_span")),
                round_no=_int(data.get("round_no")),
                round_span=_pair(data.get("round_span")),
                services=tuple(int(s) for s in data.get("services") or ()),
                threshold=Threshold(float(threshold["value"]), str(threshold["direction"]))
                if isinstance(threshold, dict)
                else None,
                kind=data.get("kind") if data.get("kind") in _KINDS else None,
                metrics=frozenset(str(m) for m in data.get("metrics") or ()),
                compare=data.get("compare") if data.get("compare") in _COMPARES else None,
                compare_year=_int(data.get("compare_year")),
                topic=str(data["topic"])[:60] if data.get("topic") else None,
                score=float(data["score"]) if data.get("score") is not None else None,
                aspects=frozenset(str(a) for a in data.get("aspects") or () if a in _ASPECTS),
                compare_round=_int(data.get("compare_round")),
                band=_band(data.get("band")),
                every_round=data.get("every_round") is True,
                how=data.get("how") if data.get("how") in HOWS else None,
                reference=data.get("reference") if data.get("reference") in _REFERENCES else None,
                latest=data.get("latest") is True,
                count=_int(data.get("count")),
                what=str(data["what"])[:40] if data.get("what") else None,
                rounds_named=tuple(int(r) for r in data.get("rounds_named") or ()),
                rounds_excluded=tuple(int(r) for r in data.get("rounds_excluded") or ()),
                era=data.get("era") if data.get("era") in _ERAS else None,
                rounds_listed=tuple(
                    (int(p[0]), int(p[1])) for p in data.get("rounds_listed") or ()
                ),
            )
        except (TypeError, ValueError, KeyError, AttributeError):
            return cls()

    def merged_with(self, earlier: Entities, slots: frozenset[str]) -> Entities:
        """This turn's entities, with ``slots`` it lacks filled in from ``earlier``."""
        filled: dict[str, Any] = {}
        for slot in slots:
            if slot == "compare":
                # "75점보다 얼마나 높아?": its own score is what it is measured against
                if self.compare is None and self.score is None and self.threshold is None:
                    filled.update(compare=earlier.compare, compare_year=earlier.compare_year)
            elif slot == "scope":
                if not self.has_scope:
                    filled.update(earlier.scope_fields())
                elif self.year is None and self.year_span is None and earlier.year is not None:
                    # "그럼 2차 평균은?" after a question about 2024: round 2 of 2024
                    filled["year"] = earlier.year
            elif slot == "services":
                if not self.services and not self.service_candidates:
                    filled["services"] = earlier.services
            elif slot == "threshold" and self.band is not None:
                continue  # "70~75점 구간은?": the band replaces the earlier threshold
            elif getattr(self, slot) in (None, frozenset()):
                filled[slot] = getattr(earlier, slot)
        if "scope" in slots and earlier.every_round and not self.has_scope:
            filled["every_round"] = True  # "Which of them evaluated the most?" after the rounds
        merged = replace(self, **filled)
        if {"scope", "compare"} <= slots:
            merged = merged._versus(earlier)
        return merged

    def _versus(self, earlier: Entities) -> Entities:
        """ "vs 2022?" after a question about 2023: compare the two years."""
        if (
            self.compare == "other"
            and self.round_no is None
            and self.year is not None
            and earlier.year is not None
            and earlier.year != self.year
        ):
            first, second = sorted((self.year, earlier.year), reverse=True)
            return replace(self, year=first, compare="year", compare_year=second)
        return self


_KINDS = ("achievement", "improvement", "both")
_COMPARES = ("prev_year", "long_run", "year", "whole_year", "other", "round")
HOWS = ("gap", "complement", "versus", "yes_no", "trend")
_REFERENCES = ("cutoff", "prev_year", "long_run", "whole_year", "next", "previous", "average")
_ASPECTS = ("size", "budget", "contracts")
_ERAS = ("earlier_cutoff",)


#: Two years set side by side ("2024년이랑 2026년 중에", "2024 vs 2026"): two scopes compared.
_SIDE_BY_SIDE = re.compile(
    r"(?:20)?\d\d\s*년?\s*(?:이랑|랑|와|과|하고|vs\.?|versus|and|or)\s*(?:20)?\d\d\s*년?(?:\s*(?:중|사이|둘))?"
)


def _years_side_by_side(lower: str) -> bool:
    """ "누적 75점 미만 비율은 2024년이랑 2026년 중에 …": two years compared as they are ("누적"
    is each year's running total), not a long run counted from the earlier one."""
    return _SIDE_BY_SIDE.search(lower) is not None and not re.search(r"since|부터|이후|이래", lower)


def _single(found: re.Match[str] | None, lower: str) -> bool:
    """A round before (after) this one, not "earlier rounds" / "전 회차들" (all of them)."""
    if found is None:
        return False
    plural = found.group(0).endswith("rounds") or found.group(0).endswith("evaluations")
    return not plural and not re.match(r"s\b|들", lower[found.end() : found.end() + 2])


def _int(value: object) -> int | None:
    return int(value) if isinstance(value, int | str) and str(value).isdigit() else None


def _pair(value: object) -> tuple[int, int] | None:
    if isinstance(value, list | tuple) and len(value) == 2:
        return int(value[0]), int(value[1])
    return None


def _band(value: object) -> tuple[float, float] | None:
    if isinstance(value, list | tuple) and len(value) == 2:
        low, high = float(value[0]), float(value[1])
        return (low, high) if 0 <= low < high <= 100 else None
    return None


class EntityExtractor:
    """Extracts ``Entities`` from normalised text; built once per knowledge base."""

    def __init__(
        self,
        services: ServiceIndex,
        vocab: Vocab,
        newest_year: int | None,
        topic_words: frozenset[str] = frozenset(),
        parts: Parts | None = None,
        years: tuple[int, int] | None = None,
        known_word: Callable[[str], bool] = lambda word: True,
    ) -> None:
        """``topic_words``: words of the findings that are not the bot's own vocabulary;
        ``years``: the first and last year the data speaks of (outside them a year is out
        of range)."""
        self.services = services
        self.vocab = vocab
        self.newest_year = newest_year
        self.topic_words = topic_words
        self.parts = parts or Parts.load()
        self.years = years
        #: whether a Hangul word is one the bot has seen (an unseen one before "운영" is a name)
        self.known_word = known_word

    def extract(self, text: str) -> Entities:
        """Every entity ``text`` names: its scopes, services (or an unknown name), threshold
        or band, finding kind, topic, metrics, comparison — then how it asks (``_parts``)."""
        lower = text.lower()
        #: the words as written and without their particles ("사무은 몇" reads as "사무 몇"),
        #: side by side so that one search finds a phrase in either
        stripped = " ".join(self.vocab.strip_particle(w) for w in lower.split())
        bare = lower if stripped == lower else f"{lower} ¦ {stripped}"
        folded = fold(text)
        year, year_span, other_year, compare_first = self._two_years(lower)
        round_no, round_span = _rounds(lower, self.vocab)
        found, unknown = self._services_named(text)
        band, threshold = _bounds(lower, self.vocab, scopes.band(lower))
        topic = _topic(text, self.vocab)
        if (
            topic is not None
            and found.named
            and set(fold(topic).split()) <= self.services.name_words
        ):
            topic = None  # "tell me about the fintech lab": the service itself, not a topic
        if topic is None and not found.named and not found.candidates and not unknown:
            topic = self.findings_topic(lower)
        kind = _kind(folded, self.vocab)
        if kind == "both" and not (found.named or found.candidates) and other_year is not None:
            kind = None  # "how did 2023 compare with 2022?": two years, not a service's findings
        entities = Entities(
            year=year,
            year_span=year_span,
            round_no=round_no,
            round_span=round_span,
            services=found.named,
            service_candidates=found.candidates,
            threshold=threshold,
            kind=kind,
            metrics=self._metrics(lower, bare),
            compare="year"
            if other_year is not None
            else next((c for c, p in self.vocab.compare.items() if _either(p, lower, bare)), None),
            compare_year=other_year,
            compare_first=compare_first,
            topic=topic,
            unknown_name=unknown,
            score=None if threshold or band else _bare_score(lower),
            other_place=None if found.named else self._other_place(folded),
            aspects=self._aspects(bare),
            band=band,
            out_of_range=scopes.out_of_range(lower, self.years),
            count=scopes.count(lower),
            ordinal=self.parts.ordinal(lower),
        )
        return self._parts(entities, text, lower)

    def _two_years(self, lower: str) -> tuple[int | None, tuple[int, int] | None, int | None, bool]:
        """The year (or span) a question names and the second year it compares with — the
        later of two years first — and whether the second is the question's subject
        (``compare_first``: named first, unless a comparison word marks it the yardstick)."""
        year, year_span = self._years(lower)
        other_year = self._second_year(lower, year) if year is not None else None
        compare_first = False
        if other_year is not None and year is not None and other_year > year:
            year, other_year = other_year, year  # the later year is compared with the earlier
            compare_first = True
        if other_year is not None and year is not None:
            compare_first = scopes.subject_named_first(
                lower, (year, None), (other_year, None), compare_first
            )
        return year, year_span, other_year, compare_first

    def _services_named(self, text: str) -> tuple[ServiceResult, str | None]:
        """The services a question names (or the candidates a name fits), else a name the
        knowledge base does not hold, else the one service its words alone fit."""
        found = self._distinguished(text, self.services.match(text))
        unknown = None
        if not found.named and not found.candidates:
            found, unknown = self._place_names(text)
            unknown = unknown or self._operated(text)
        if not found.named and not found.candidates and not unknown:
            named = self.services.by_words(text)
            found = ServiceResult(named=named) if len(named) == 1 else found
        return found, unknown

    def _parts(self, e: Entities, text: str, lower: str) -> Entities:
        """Two scopes, every round, the operation and its reference, "latest"."""
        listed = scopes.round_list(lower)
        e = self._year_compared(self._two_scopes(e, lower, listed), lower)
        e = self._at_average(e, lower)
        counted = e.score is not None and e.threshold is None and "count" in e.metrics
        if counted and e.score is not None and self.parts.checks["fail"].search(lower):
            # "if the 75-point rule had applied, how many would have been excluded?"
            e = replace(e, threshold=Threshold(e.score, "below"), score=None)
        how = self.parts.operation(lower)
        if how != "versus" and self.parts.yes_no(text):
            how = "trend" if how == "trend" else "yes_no"
        reference = "cutoff" if self.parts.cutoff.search(scopes.without_as_of(lower)) else None
        reference = "average" if e.reference == "average" else reference
        if reference is None and e.compare in ("prev_year", "long_run", "whole_year"):
            reference = e.compare
        step = (
            -1
            if _single(self.parts.previous_round.search(lower), lower)
            else 1
            if _single(self.parts.next_round.search(lower), lower)
            else None
        )
        services = e.services
        if len(services) == 1 and (how in ("gap", "versus") or e.compare == "other"):
            # "청년일자리센터 점수가 마포보다 몇 점 높아?": the second name, by a word of it
            rest = self._without_name(text, services[0])
            others = [s for s in self.services.by_words(rest) if s not in services]
            services = (*services, others[0]) if len(others) == 1 else services
        recent = _recent_rounds(lower, self.vocab)
        if recent is not None:
            # "the last three rounds", "최근 세 차수": the newest N loaded rounds, not round 3
            e = replace(e, round_no=None, round_span=None, count=recent)
        named = listed.named
        if e.round_no is not None and _picked_from_span(lower):
            named = (e.round_no,)  # "1~3차 중에 2차": the span only says where it sits
        return replace(
            e,
            rounds_named=named,
            rounds_listed=scopes.year_rounds(lower),
            terse=bool(self.parts.terse.search(lower))
            and not self.parts.checks["considering_only"].search(lower),
            services=services,
            round_step=step,
            every_round=not e.has_scope and step is None and self._every_round(e, lower),
            how=how,
            reference=reference,
            latest=recent is not None
            or (not e.has_scope and bool(self.parts.latest.search(lower))),
        )

    def _two_scopes(self, e: Entities, lower: str, listed: scopes.RoundList) -> Entities:
        """The rounds a question leaves out or adds together, else the two scopes it sets
        side by side ("2023년 1차와 3차", "3차 평균이랑 2022년 평균"), else a bare ordinal
        after a comparison word as the other round."""
        several = listed.excluded or (listed.combined and len(set(listed.named)) >= 2)
        two = None
        # "1차부터 3차까지": one span of rounds, not round 1 against round 3
        spanned = e.round_span is not None and _ROUND_SPAN_KO.search(lower) is not None
        # "1차부터 3차까지 어떻게 변했어?": from one round to the other, compared
        spanned = spanned and self.parts.operation(lower) != "trend"
        spanned = spanned or _picked_from_span(lower)  # "1~3차 중에 2차": one round, no pair
        if e.year_span is None and not several and not spanned:
            two = scopes.two_scopes(lower, self.newest_year)
        if several:
            e = _rounds_left(e, listed)
        if two is not None:
            fields: dict[str, Any] = {
                "compare": None,
                "compare_year": None,
                "compare_round": None,
                "compare_first": False,
            }
            if two.get("round_no") is not None:
                fields["round_span"] = None  # "1차부터 3차까지 어떻게 변했어?": two rounds
            e = replace(e, **{**fields, **two})
        return self._ordinal_compared(e, lower)

    def _year_compared(self, e: Entities, lower: str) -> Entities:
        """What a year is compared with, read again: "작년보다" of last year is this year
        against it, and a long run's first year ("since 2015") is no second year."""
        if e.compare == "prev_year" and e.year is not None and self.newest_year is not None:
            phrase = self.vocab.compare["prev_year"].search(lower)
            relative = phrase and any(
                p.search(phrase.group(0)) for _, p in self.vocab.relative_years
            )
            if relative and e.year == self.newest_year - 1:
                e = replace(e, year=None)  # "작년보다 올랐어?": this year against the last
        if (
            e.compare == "year"
            and e.compare_year is not None
            and e.year is not None
            and e.compare_year < e.year
            and (
                (self.vocab.compare["long_run"].search(lower) and not _years_side_by_side(lower))
                or (e.year_span is not None and e.compare_year == e.year_span[0])
            )
        ):
            # "the long-run average since 2015", "2015-2022 long-run average": the year the
            # long run starts from, not a second year to compare with
            e = replace(e, compare="long_run", compare_year=None)
        return e

    def _at_average(self, e: Entities, lower: str) -> Entities:
        """ "2024년 1차 평균보다 점수 높은 사무는?", "Which services scored below the round
        average?": a threshold at the round's published average (the handler reads the value;
        0 here) — only when services are asked for, not an average against another."""
        if e.services or e.threshold is not None or not self.parts.lookup_shape.search(lower):
            return e
        for side, direction in (("above", "above"), ("below", "below")):
            ko = self.vocab.ko_average_side[side].search(lower)
            en = self.vocab.en_average_side[side].search(lower)
            if ko or en:
                if ko and ko.group(0).rstrip().endswith(("이상", "이하")):
                    direction = "at_least" if side == "above" else "at_most"
                metrics = e.metrics - {"average"}
                return replace(
                    e, threshold=Threshold(0.0, direction), reference="average", metrics=metrics
                )
        return e

    def _distinguished(self, text: str, found: ServiceResult) -> ServiceResult:
        """ "the northeast working moms center": a name shared by several services ("working
        moms center" is an alias of the southwest one) read with the word that tells them
        apart — a word of only one other service's names, none of the matched one's."""
        if len(found.named) != 1:
            return found
        distinct = self.services.by_words(self._without_name(text, found.named[0]))
        if len(distinct) == 1 and distinct[0] != found.named[0]:
            return ServiceResult(named=distinct)
        return found

    def _without_name(self, text: str, service: int) -> str:
        """The question without the words of ``service``'s names (its second name is not
        another service: "옥찬 재활용센터" and "재향 재활용센터" share a word)."""
        names = fold(self.services.names_of(service))
        words, glued = set(names.split()), names.replace(" ", "")

        def named(word: str) -> bool:
            # "재활용센터" is part of "옥찬재활용센터" even where that name is written solid,
            # and "직장맘센터" is "동북권직장맘지원센터" shortened (its letters in order)
            bare = self.vocab.strip_particle(fold(word))
            if bare in words or (len(bare) >= 2 and bare in glued):
                return True
            return len(bare) >= 3 and any(_shortened_from(bare, w) for w in words)

        return " ".join(w for w in text.split() if not named(w))

    def _every_round(self, e: Entities, lower: str) -> bool:
        """Every loaded round: said so ("역대", "each round you have"), or a list by score
        that asks for all of them ("80점 이상 받은 사무 다 알려줘")."""
        if self.vocab.every_round.search(lower):
            return True
        by_score = e.threshold is not None or e.band is not None
        if not by_score or self.vocab.this_scope.search(lower):
            return False  # "all services evaluated that year": the conversation's year
        return bool(self.vocab.every_round_all.search(lower))

    def findings_topic(self, lower: str) -> str | None:
        """A word of the findings that no intent uses ("clinker", "investment"): when the
        question has no topic phrase, such a word is what it asks about.  English noun
        phrases end in their head ("attracting investment"), so the last one is taken."""
        if not self.topic_words:
            return None
        found = [
            w
            for w in (self.vocab.strip_particle(w) for w in fold(lower).split())
            if w in self.topic_words and not w.isdigit()
        ]
        return found[-1] if found else None

    def _aspects(self, lower: str) -> frozenset[str]:
        """What a question about consignment as a whole asks: size, budget, contracts."""
        if not self.vocab.aspect_marker.search(lower):
            return frozenset()
        return frozenset(a for a, p in self.vocab.aspects.items() if p.search(lower))

    def _other_place(self, folded: str) -> str | None:
        for word in folded.split():
            place = self.vocab.other_place(word)
            if place:
                return place
        return None

    def _years(self, lower: str) -> tuple[int | None, tuple[int, int] | None]:
        span = _YEAR_SPAN.search(lower)
        if span and _two_digit_bare(span):
            span = None  # "65~70점" is a score band, not the years 2065–2070
        if span:
            start, end = _year(span.group(1)), _year(span.group(2))
            if start and end and start < end:
                # a year named apart from the span ("2023 against 2015-2022") is kept
                rest = lower[: span.start()] + " " + lower[span.end() :]
                other = [int(m.group(1)) for m in _YEAR4.finditer(rest)]
                # "22년 평균이 15~22년 평균보다": two digits too
                other += [
                    2000 + int(m.group(1) or m.group(2))
                    for m in _YEAR2.finditer(rest)
                    if self._a_year(rest, m)
                ]
                return (other[0] if other else None), (start, end)
        listed = self._listed_years(lower)
        if len(listed) >= 3:
            # "22년→23년→24년", "2021, 2022 and 2023": a run of years is a span over time
            return None, (min(listed), max(listed))
        for match in _YEAR4.finditer(lower):
            value = int(match.group(1))
            limit = (self.newest_year or 2030) + 3
            if match.group(2) or value <= limit:
                return value, None
        for match in _YEAR2.finditer(lower):
            if self._a_year(lower, match):
                return 2000 + int(match.group(1) or match.group(2)), None
        if self.newest_year is not None:
            for offset, pattern in self.vocab.relative_years:
                if pattern.search(lower):
                    return self.newest_year + offset, None
        return None, None

    def _listed_years(self, lower: str) -> set[int]:
        """Every distinct year the question names (four digits, or a two-digit year)."""
        limit = (self.newest_year or 2030) + 3
        years = {int(m.group(1)) for m in _YEAR4.finditer(lower)}
        years |= {
            2000 + int(m.group(1) or m.group(2))
            for m in _YEAR2.finditer(lower)
            if self._a_year(lower, m)
        }
        for run in _YEAR2_RUN.finditer(lower):
            # "(22, 23, 24년)", "22·23·24년": the unit written once after the last
            years |= {2000 + int(n) for n in re.findall(r"\d{2}", run.group(1))}
        return {y for y in years if 2000 <= y <= limit}

    def _ordinal_compared(self, e: Entities, lower: str) -> Entities:
        """ "how did the first round compare with the third?": a bare ordinal after a
        comparison word, beside a named round, is the other round — not a place in the
        previous answer's list."""
        if e.round_no is None or e.ordinal is None or e.ordinal == e.round_no:
            return e
        if e.compare not in (None, "other") or not 1 <= e.ordinal <= scopes.MAX_ROUND:
            return e
        if not (self.parts.checks["compared_words"].search(lower) or _THAN.search(lower)):
            return e
        return replace(e, compare="round", compare_round=e.ordinal, ordinal=None)

    def _second_year(self, lower: str, first: int) -> int | None:
        """The year a question compares its year with, when it names two."""
        years = [int(m.group(1)) for m in _YEAR4.finditer(lower)]
        years += [
            2000 + int(m.group(1) or m.group(2))
            for m in _YEAR2.finditer(lower)
            if self._a_year(lower, m)
        ]
        others = [y for y in years if y != first and 2000 <= y <= (self.newest_year or 2030) + 3]
        return others[0] if others else None

    def _a_year(self, lower: str, match: re.Match[str]) -> bool:
        """ "'22", "22년 평균": a year — but "10년도 안 된 설비", "18년 넘은" are durations: a
        bare "N년" followed by a duration word, or naming a year the data is far from."""
        if match.group(1):  # an apostrophe marks a year
            return True
        if _DURATION.match(lower[match.end() :]):
            return False
        value = 2000 + int(match.group(2))
        if self.years is None:
            return True
        return self.years[0] - 2 <= value <= self.years[1] + 2

    def _operated(self, text: str) -> str | None:
        """ "따릉이 운영": a word the bot has never seen before "운영"/"관리" names a service
        the knowledge base does not hold."""
        words = [w.strip("?!.,\"'()") for w in text.split()]
        for before, word in pairwise(words):
            if self.vocab.strip_particle(word) not in self.vocab.operated_heads:
                continue
            name = self.vocab.strip_particle(before)
            if descriptive(before):
                continue  # "오래돼서 운영": a description of what it does, not a name
            if (
                len(name) >= 2
                and name.isalpha()
                and not name.isascii()
                and name not in self.vocab.not_names
                and name not in self.vocab.generic_prefixes
                and not self.known_word(name)
                and not self.services.by_words(name)
            ):
                return f"{before} {word}"
        return None

    def _metrics(self, lower: str, bare: str) -> frozenset[str]:
        """The figures named ("average", "count"), "최근/latest" read as no figure."""
        lower, bare = _MOST_RECENT.sub(" ", lower), _MOST_RECENT.sub(" ", bare)
        # "out of how many points?": the scale asked, no count of services
        bare = self.vocab.not_a_count.sub(" ", bare)
        return frozenset(m for m, p in self.vocab.metrics.items() if _either(p, lower, bare))

    def _place_names(self, text: str) -> tuple[ServiceResult, str | None]:
        """A place-like name the fuzzy match missed: a service by a distinctive word of it
        ("Mapo facility"), several services containing it ("지원센터"), or unknown."""
        for name in _candidate_names(text, self.vocab):
            named = self.services.by_words(name, text)
            if len(named) == 1:
                return ServiceResult(named=named), None
            containing = named or self.services.containing(name, text)
            if containing:
                return ServiceResult(candidates=containing), None
            return ServiceResult(), name
        return ServiceResult(), None


def _either(pattern: re.Pattern[str], lower: str, bare: str) -> bool:
    """A phrase found as written or once particles are stripped (``bare`` holds both)."""
    return bool(pattern.search(bare))


def _two_digit_bare(span: re.Match[str]) -> bool:
    """Two-digit years need a mark of a year: an apostrophe ("'15~'22") or 년 ("15~22년")."""
    first, second = span.group(1), span.group(2)
    bare = len(first) == 2 and len(second) == 2
    return (
        bare and "년" not in span.string[span.end() : span.end() + 2] and "년" not in span.group(0)
    )


def _year(raw: str) -> int | None:
    digits = raw.strip(_APOS)
    if len(digits) == 2:
        return 2000 + int(digits)
    return int(digits) if digits.isdigit() else None


_RECENT_EN = re.compile(
    r"\b(?:last|latest|past|most recent|previous|newest)\s+(\d|[a-z]+)\s+(?:loaded\s+)?rounds\b"
)
_RECENT_KO = re.compile(r"(?:최근|최신|지난)\s*(\d|[가-힣]{1,2})\s*(?:개\s*)?(?:차수|회차)")
_KO_NUMBERS = {"두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8}


def _recent_rounds(lower: str, vocab: Vocab) -> int | None:
    """ "the last three rounds", "최근 3개 차수", "최근 세 차수": how many of the newest."""
    for pattern in (_RECENT_EN, _RECENT_KO):
        found = pattern.search(lower)
        if found is None:
            continue
        raw = found.group(1)
        n = int(raw) if raw.isdigit() else vocab.ordinals_en.get(raw) or _KO_NUMBERS.get(raw)
        if n and n > 1:
            return n
    return None


def _rounds_left(e: Entities, listed: scopes.RoundList) -> Entities:
    """The rounds still asked once some are left out or several are added together:
    one is ``round_no``, consecutive ones a ``round_span``, none (or a gap) neither."""
    left = sorted(listed.left)
    round_no = left[0] if len(left) == 1 else None
    consecutive = len(left) >= 2 and left == list(range(left[0], left[-1] + 1))
    round_span = (left[0], left[-1]) if consecutive else None
    if len(left) >= 2 and not consecutive:
        round_span = e.round_span  # "1차랑 3차 합쳐서": rounds_named says which
    return replace(
        e,
        round_no=round_no,
        round_span=round_span,
        compare_round=None,
        rounds_named=listed.named,
        rounds_excluded=listed.excluded,
    )


#: "1~3차 중에 2차", "of rounds 1-3, round 2": the span is where the one round is picked from
_AMONG = re.compile(
    r"\s*(?:평가\s*)?(?:중에서|중에|중|가운데|사이에서)\s|\s*(?:,\s*)?(?:among|of)\s+(?:them|those)?"
)


def _round_among(lower: str, span: re.Match[str], ends: list[int]) -> int | None:
    """The one round picked out of a span named just before it ("2023년 1~3차 중에 2차 때
    평가받은 사무"): that round is asked, the span only says where it sits."""
    if not _AMONG.match(lower, span.end()):
        return None
    rest = lower[span.end() : span.end() + 24]
    for pattern in (_ROUND_KO, _ROUND_EN):
        found = pattern.search(rest)
        if found:
            number = int(next(g for g in found.groups() if g))
            return number if ends[0] <= number <= ends[1] else None
    return None


def _spans(lower: str) -> Iterator[tuple[re.Match[str], list[int]]]:
    """The span of rounds each pattern finds first ("1~3차", "rounds 1 to 3"), with its
    two ends, Korean first."""
    for pattern in (_ROUND_SPAN_KO, _ROUND_SPAN_EN):
        match = pattern.search(lower)
        ends = [int(g) for g in match.groups() if g] if match else []
        if match and len(ends) == 2:
            yield match, ends


@lru_cache(maxsize=32)
def _picked_from_span(lower: str) -> bool:
    """Whether the question picks one round out of a span it names ("1~3차 중에 2차");
    kept for the last questions: the entities of one question ask it twice."""
    return any(_round_among(lower, match, ends) is not None for match, ends in _spans(lower))


#: "… than the third", "세 번째보다": the other side of a comparison
_THAN = re.compile(r"\bthan\b|보다")
#: Cardinals that name a round only after the word ("round three"), never before it.
_CARDINALS_EN = frozenset({"one", "two", "three", "four", "five"})


def _rounds(lower: str, vocab: Vocab) -> tuple[int | None, tuple[int, int] | None]:
    """The round or span of rounds a question names: a span ("1~3차") unless one round is
    picked out of it, else a numbered round, an ordinal ("the third round"), a Korean
    ordinal ("세 번째 평가") or a Sino-Korean number ("삼차")."""
    for span, ends in _spans(lower):
        if ends[0] < ends[1]:
            inner = _round_among(lower, span, ends)
            return (inner, None) if inner is not None else (None, (ends[0], ends[1]))
    for pattern in (_ROUND_KO, _ROUND_EN):
        match = pattern.search(lower)
        if match:
            return int(next(g for g in match.groups() if g)), None
    for match in _ROUND_WORD_EN.finditer(lower):
        word = match.group(1) or match.group(2)
        if match.group(1) and word in _CARDINALS_EN:
            continue  # "the four round averages": how many rounds, not round 4
        if word in vocab.ordinals_en:
            return vocab.ordinals_en[word], None
    match = _ROUND_WORD_KO.search(lower)
    if match:
        return vocab.ordinals_ko.get(match.group(1).replace(" ", "")), None
    for match in _ROUND_SINO_KO.finditer(lower):  # the syllable is a number of ko_sino
        if match.group(1) in vocab.ordinals_sino:
            return vocab.ordinals_sino[match.group(1)], None
    return None, None


#: a particle between a score and its direction word ("70점도 못 넘은", "75점이 안 되는")
_SCORE_PARTICLE = re.compile(r"^(?:도|조차|까지|을|를|은|는|이|가)\s+")
_UPPER = ("below", "at_most")


def _thresholds(lower: str, vocab: Vocab) -> list[Threshold]:
    """Every score with a direction in the question, in order."""
    patterns, found = vocab.threshold, []
    for match in re.finditer(_NUMBER + r"\s*(?:점|points?|pts?)?\s*", lower):
        value = float(match.group(1))
        if not 40 <= value <= 100 or _is_year_or_round(lower, match):
            continue
        after = _SCORE_PARTICLE.sub("", lower[match.end() : match.end() + 14])
        before = lower[max(0, match.start() - 16) : match.start()]
        direction = next(
            (
                d
                for d in ("at_most", "at_least", "below", "above")
                if patterns[f"ko_{d}"].match(after)
            ),
            None,
        )
        direction = direction or next(
            (d for d in ("at_most", "at_least") if patterns[f"en_after_{d}"].match(after)), None
        )
        for d in ("at_most", "at_least", "below", "above"):
            tail = None if direction else patterns[f"en_{d}"].search(before)
            if tail and not before[tail.end() :].strip(" :")[:1].isalpha():
                direction = d
        if direction:
            found.append(Threshold(value, direction))
    return found


def _bounds(
    lower: str, vocab: Vocab, band: tuple[float, float] | None
) -> tuple[tuple[float, float] | None, Threshold | None]:
    """The band or threshold a question asks, from every bound it states: "at least 70 but
    under 75" is the band 70–75; "75점 미만 8개 중에 70점도 안 된 건" the narrower bound;
    "75점 미만 … 70점대" the part of the 70s under 75."""
    found = _thresholds(lower, vocab)
    upper = [t for t in found if t.direction in _UPPER]
    lower_bounds = [t for t in found if t.direction not in _UPPER]
    if band is not None:
        cap = min((t.value for t in upper if band[0] < t.value < band[1]), default=None)
        return ((band[0], cap) if cap is not None else band), None
    if upper and lower_bounds:
        low, high = max(t.value for t in lower_bounds), min(t.value for t in upper)
        if low < high:
            return (low, high), None
    if len(upper) >= 2:
        return None, min(upper, key=lambda t: t.value)
    return None, (found[0] if found else None)


_BARE_SCORE = re.compile(r"(?<![\d.'’])(\d{2,3}(?:\.\d+)?)\s*-?\s*(?:점|points?|pts?)(?![a-z])")


def _bare_score(lower: str) -> float | None:
    """A score with its unit and no direction ("75점", "80 points")."""
    found = _BARE_SCORE.search(lower)
    if found and 40 <= float(found.group(1)) <= 100 and "만점" not in lower:
        return float(found.group(1))
    return None


def _is_year_or_round(lower: str, match: re.Match[str]) -> bool:
    after = lower[match.end(1) : match.end(1) + 3].lstrip()
    before = lower[max(0, match.start() - 6) : match.start()]
    return (
        after.startswith(("년", "차", "회", "위", "등", "개", "곳", "%", "퍼"))
        or bool(re.search(r"(?:round|(?<![a-z])r|['’])$", before.rstrip()))
        or bool(re.search(r"\d[.,]?$", before))
    )


def _kind(folded: str, vocab: Vocab) -> str | None:
    text = vocab.kind_noise.sub(" ", folded)
    achievement = _kind_said(text, vocab.kinds["achievement"], vocab)
    improvement = _kind_said(text, vocab.kinds["improvement"], vocab)
    if False in (achievement, improvement) and (achievement or improvement):
        # "주요 성과만 알려줘. 개선과제는 빼고": the kind asked, not the one left out
        return "achievement" if achievement else "improvement"
    if vocab.kinds["both"].search(text):
        return "both"
    if achievement and improvement:
        return "both"
    return "achievement" if achievement else "improvement" if improvement else None


def _kind_said(text: str, pattern: re.Pattern[str], vocab: Vocab) -> bool | None:
    """True: the kind is asked for; False: only mentioned to be left out ("개선과제는
    빼고", "without the improvements"); None: not mentioned."""
    said, left_end = None, -1
    for match in pattern.finditer(text):
        if left_end >= 0 and not text[left_end : match.start()].strip():
            left_end = match.end()  # "skip the improvement tasks": one phrase, left out
            continue
        # the rest of the glued word ("개선" + "과제는"), then the next word: "빼고"
        rest = re.match(r"(\S*)\s*(\S*\s*\S*)", text[match.end() :])
        glued, following = (rest.group(1), rest.group(2)) if rest else ("", "")
        before = text[max(0, match.start() - 24) : match.start()]
        left_out = bool(
            vocab.kind_exclude_ko.search(glued) or vocab.kind_exclude_ko.match(following)
        ) or bool(vocab.kind_exclude_en.search(before))
        if not left_out:
            return True
        said, left_end = False, match.end()
    return said


def _topic(text: str, vocab: Vocab) -> str | None:
    """The subject of a "which services mention X" question, if the question has one."""
    quoted = _QUOTED.search(text)
    if quoted:
        return (quoted.group(1) or quoted.group(2)).strip()
    lower = text.lower()
    for match in vocab.topic_ko_after.finditer(lower):
        words = lower[: match.start()].split()
        if words:
            # "(70점 이상 75점 미만)이 나온 곳": a bracket closes an aside, no part of a word
            marks = "?!.,()[]{}<>\"'“”‘’"
            word = vocab.strip_particle(words[-1].strip(marks)).strip(marks)
            if _good_topic(word, vocab):
                return word
    for match in vocab.topic_en_before.finditer(lower):
        words = re.findall(r"[a-z][a-z\-]*|[가-힣]+", lower[match.end() :])
        phrase = _en_phrase(words, vocab)
        if phrase:
            return phrase
    for match in vocab.topic_en_after.finditer(lower):
        words = re.findall(r"[a-z][a-z]*", lower[: match.start()])
        if words and _good_topic(words[-1], vocab):
            return words[-1]
    return None


def _en_phrase(words: list[str], vocab: Vocab) -> str | None:
    kept: list[str] = []
    for word in words:
        if word in vocab.topic_stop or word in {"in", "of", "and", "or", "for", "at"}:
            if kept:
                break
            continue
        kept.append(word)
        if len(kept) == 2:
            break
    phrase = " ".join(kept)
    return phrase if _good_topic(phrase, vocab) else None


def _good_topic(word: str, vocab: Vocab) -> bool:
    # a number with its unit ("75점밑") is an entity, never a topic; a predicate ("점수가
    # 떨어진다는 얘기", "늘었다는 말") is what was said about something, never a topic noun
    return (
        len(word) >= 2
        and word not in vocab.topic_stop
        and not word[0].isdigit()
        and not word.endswith(vocab.topic_not_endings)
        and not _PREDICATE_END.search(word)
    )


#: A Korean plain declarative ending: -ㄴ다 / -는다 ("진다", "된다", "줄어든다") or a past
#: -았다 / -었다 ("늘었다", "나빠졌다").
_PREDICATE_END = re.compile("(?:는|[었았였졌됐했갔왔])다$|[" + syllables_ending_in("ㄴ") + "]다$")


def _object_of_a_clause(words: list[str], i: int, vocab: Vocab) -> bool:
    """ "업사이클링 소재 도서관 운영하는 곳", "사람 병원 같이 가주는 서비스 하는 센터": the
    head noun is the object of a describing clause (a modifier within two words, then a
    noun the clause describes) — what the service runs or does, not its name."""
    after = words[i + 1 : i + 3]
    if not any(descriptive(w) for w in after):
        return False
    nouns = (*vocab.unknown_ko_heads, *clause_heads())
    return any(vocab.strip_particle(w) in nouns for w in words[i + 1 : i + 5])


def _candidate_names(text: str, vocab: Vocab) -> list[str]:
    """Place-like names: a Korean word ending in a head noun ("수족관"), or up to three
    words before an English head noun ("Seoul Aquarium service" -> "Seoul Aquarium")."""
    names = []
    words = [w.strip("?!.,\"'()") for w in text.split()]
    for i, word in enumerate(words):
        word = vocab.strip_particle(word)
        if word in vocab.unknown_ko_heads and i > 0 and words[i - 1].lower() not in vocab.not_names:
            if descriptive(words[i - 1]) or _object_of_a_clause(words, i, vocab):
                continue  # "떼어냈다는 시설" describes; "도서관 운영하는 곳": what it runs
            names.append(words[i - 1] + word)
        elif vocab.ko_place.match(word):
            names.append(word)
    for i, word in enumerate(words):
        if word.lower() not in vocab.unknown_en_heads:
            continue
        before: list[str] = []
        for prior in reversed(words[max(0, i - 3) : i]):
            if prior.lower() in vocab.not_names or prior.lower() in vocab.name_glue or not prior:
                break
            if descriptive(prior):  # "a consigned center": what it is, not its name
                break
            before.insert(0, prior)
        if before:
            names.append(" ".join([*before, word]))
    return names


def _shortened_from(short: str, word: str) -> bool:
    """Whether ``short`` is ``word`` shortened: its letters in order from where its first
    letter occurs, ending as the word ends ("직장맘센터" in "동북권직장맘지원센터")."""
    if len(short) >= len(word) or not word.endswith(short[-1]):
        return False
    rest = iter(word[word.find(short[0]) :] if short[0] in word else "")
    return all(ch in rest for ch in short)
