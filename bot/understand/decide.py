"""From an understood question (and the previous turn) to the intent to answer.

The ranking says which intent the wording is most like; this module adds what the
ranking cannot know: the conversation so far ("그럼 2022년은?", "how many?"), questions
that are only entities ("75점", "Mapo incinerator"), words nobody could answer
("핀테크랩 담당 직원 연락처"), and when to ask back instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from bot.understand import Understander, Understanding
from bot.understand.entities import Entities, Threshold
from bot.understand.intents import SLOTS, Matching, load_intents
from bot.understand.literals import bounded_words
from bot.understand.normalise import fold
from bot.understand.search import GUESS_COVERAGE, MIN_COVERAGE, SURE_COVERAGE, load_lookup
from bot.understand.services import descriptive
from bot.understand.unpublished import unpublished

#: an article of an ordinance cited by its number ("제12조", "18조랑", "article 18"), not a
#: sum in 조 원 ("1조 원", "2조5천억")
_ARTICLE = re.compile(
    r"(?<![\d.,])제?\s*\d{1,3}\s*조(?![\d원억천만]|\s*(?:원|억|\d))|\barticles?\s+\d{1,3}\b"
    # the number asked ("조례 조항이 몇조예요?"; "which article says …" stays the rule asked)
    r"|제?\s*몇\s*조(?![\d원억천만]|\s*(?:원|억|\d))",
    re.IGNORECASE,
)
#: Handled intents that no example selects (intents.yaml ``internal_intents``).
INTERNAL_INTENTS = tuple(load_intents()["internal_intents"])
#: Intents answered "not in the knowledge base" for an unknown place (``place_intents``).
PLACE_INTENTS = frozenset(load_intents()["place_intents"])
ALL_SLOTS = SLOTS
#: Intents whose figure is an average: a gap or "which is higher" works on it.
AVERAGE_WHATS = frozenset({"average", "round_summary", "cutoff_rule", "trend", "fallback"})
#: Intents a question about one service may land on when it asks what its findings say.
FOCUSABLE = frozenset({"findings", "fallback", "topic_search", "purpose", "service_score"})
#: a contractor or a service in general, not a named one
_GENERIC_AGENT = re.compile(
    r"\b(?:a|any|one|the same) (?:contractor|operator|service|consignee|organi[sz]ation)\b"
    r"|수탁기관은|수탁기관이|수탁 기관은|수탁기관도|위탁받은 기관"
    r"|같은 기관|한 기관|같은 수탁|같은 단체"
)
#: the services a round evaluated (for its share of the year's)
_EVALUATED = re.compile(
    r"evaluated services|services evaluated|평가\s*대상|평가받은 사무|평가된 사무|평가받은 곳"
    r"|평가\s*사무|\d\s*차\s*대상|services it evaluated|of the year's services"
)
_YEARS = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
#: The rounds themselves, and the services they evaluated (a count of one or the other).
_ROUNDS = re.compile(r"\brounds\b|차수|회차|라운드|몇\s*차(?!이)")
_A_ROUND = re.compile(r"\brounds?\b|차수|회차|라운드|몇\s*차(?!이)")
_SERVICES_WORD = re.compile(r"services?\b|사무|곳|센터|기관|시설|evaluated")
#: Words of the evaluation itself (a count of evaluated services is not Seoul's consignment).
_EVALUATION = re.compile(r"evaluat|assess|performance|평가|점수|성과|score")


def _made_of(word: str, heads: tuple[str, ...]) -> bool:
    """``word`` is one or more of ``heads`` run together ("평가결과", "종합성과평가"), so a
    verb that starts like one ("평가받은") is not."""
    while word:
        head = next((h for h in heads if word.startswith(h)), None)
        if head is None:
            return False
        word = word[len(head) :]
    return True


#: The fewest syllables of a Korean word read as an unknown name before a result noun.
_KO_NAME_MIN = 3
#: Words that may open a question before the name it asks about ("혹시 따릉이 평가 결과").
_OPENERS = frozenset({"혹시", "그럼", "그러면", "그리고", "근데", "저기", "음", "아", "그", "또"})
#: Intents a question about which services are evaluated as a rule may resemble.
_CRITERION_READS = frozenset({"services_list", "purpose", "trend"})
#: Intents whose count a complement ("how many passed") turns around.
COUNT_WHATS = frozenset(
    {"below_cutoff", "count_evaluated", "cutoff_rule", "round_summary", "fallback", "services_list"}
)
#: Intents a yes/no form never changes (they answer no question of fact).
NO_VERDICT = frozenset(
    {
        "greeting",
        "thanks",
        "help",
        "not_published",
        "unknown_service",
        "other_place",
        "out_of_range",
    }
)
#: Cue words that only shape a "which service / who" question ("who cleared out fly ash?").
SHAPE_CUES = frozenset({"who", "who did", "누가", "어디", "which", "어느"})
#: How much of a description one finding must cover when a finding kind ("was told",
#: "칭찬받은") already says the question describes a finding.
KIND_COVERAGE = 0.5
#: Content words of a description long enough to outweigh one cue word of an intent.
LONG_DESCRIPTION = 5
#: General intents a "which service …" question described by its findings may resemble.
DESCRIBABLE = frozenset(
    {
        "period",
        "purpose",
        "evaluator",
        "legal_basis",
        "scoring_scheme",
        "round_summary",
        "reported_figures",
        "consignment",
        "trend",
        "fallback",
    }
)
#: Intents a named service's "how far from the cutoff / from Y" question may land on.
SERVICE_GAP_WHATS = frozenset(
    {
        "fallback",
        "yes_no",
        "service_score",
        "average",
        "below_cutoff",
        "cutoff_rule",
        "highest",
        "lowest",
        "rank",
        "findings",
        "topic_search",
        "services_list",
    }
)
#: Intents whose answer sets a condition on services ("75점 미만이면 …"): "몇 개가 그랬어?"
_CONDITIONED = frozenset({"cutoff_rule", "below_cutoff", "complement"})
#: Intents whose answer counts services (or reports a year's counts): a follow-up with a
#: new threshold or a share is asked of the same scope.
COUNTED_BEFORE = frozenset(
    {
        "below_cutoff",
        "complement",
        "count_evaluated",
        "deduced",
        "round_summary",
        "reported_figures",
    }
)
#: Intents of figures: a cue word of theirs keeps a question with them, whatever finding
#: happens to share its words ("재계약 배제" is in a finding too).
FIGURE_INTENTS = frozenset(
    {"below_cutoff", "average", "count_evaluated", "highest", "lowest", "rank", "distribution"}
)
#: Intents of the evaluation's rules (the same for every round unless a round is named):
#: a follow-up asking one does not take the conversation's year or round.
RULES = frozenset({"legal_basis", "purpose", "cutoff_rule"})
#: Intents a count (or list) of services that "fell" may resemble ("몇 개 떨어졌어?": an
#: average that fell, a trend): it is the services below the cutoff.
_FELL_READS = frozenset({"average", "trend", "fallback", "round_summary", "count_evaluated"})
#: A word used by this many intents' examples says nothing about which one is meant.
VAGUE_SPREAD = 3


@dataclass(frozen=True)
class Decision:
    intent: str
    entities: Entities
    #: When set, ask which of these intents was meant instead of answering.
    ask_back: tuple[str, ...] = ()


class Decider:
    def __init__(self, understander: Understander) -> None:
        self.u = understander
        self.specs = understander.specs
        self._phrases: re.Pattern[str] | None = None

    @property
    def matching(self) -> Matching:
        return self.u.matching  # read each time: the scorer benchmark swaps it

    def decide(
        self,
        u: Understanding,
        previous: Entities | None,
        prev_intent: str | None,
        figures: int = 0,
    ) -> Decision:
        """The intent to answer and the entities to answer it with (follow-ups merged):
        first *what* the question is about, then *how* it asks (``_operation``).
        ``figures``: how many figures the previous answer left to compare."""
        if u.entities.out_of_range and not self._describes(u):
            return Decision("out_of_range", u.entities)
        banded = self._by_band(u, previous)
        if banded is not None:
            return banded
        decision = self._what(self._relative_to_named(u), previous, prev_intent)
        return self._operation(u, decision, previous, figures)

    def _by_band(self, u: Understanding, previous: Entities | None) -> Decision | None:
        """ "75점 미만 8개를 점수대별로 나눠서 보여주실 수 있나요?", "break those 8 down by
        score band": the services split into score bands — the distribution of the scope
        asked (or the one just answered), whatever count, cutoff or request form comes with
        it; a count or a yes/no would only repeat the total."""
        e = u.entities
        if e.services or e.service_candidates or e.unknown_name:
            return None
        if not self.u.parts.checks["by_band"].search(u.text.lower()):
            return None
        banded = replace(e, how=None, count=None, threshold=None, band=None, what=None, score=None)
        if previous is not None and not e.has_scope:
            banded = banded.merged_with(previous, frozenset({"scope"}))
        return Decision("distribution", banded)

    def _relative_to_named(self, u: Understanding) -> Understanding:
        """ "25년 1차 평균이 작년 전체 평균보다 …": beside a year the question names, "작년 /
        last year" is the year before *that* year, not before the newest — a comparison with
        the year before (the year's whole average), whatever other comparison word is there."""
        e, lower = u.entities, u.text.lower()
        if e.year is None or e.year_span or e.compare not in (None, "whole_year", "other"):
            return u
        if not any(off == -1 and p.search(lower) for off, p in self.u.vocab.relative_years):
            return u
        if not re.search(rf"{e.year}|{e.year % 100}\s*년|'{e.year % 100}", lower):
            return u  # the year is the relative word's own ("작년 평균은?")
        reference = "prev_year" if e.reference in (None, "whole_year") else e.reference
        kept = replace(e, compare="prev_year", compare_year=None, reference=reference)
        return replace(u, entities=kept)

    def _what(
        self, u: Understanding, previous: Entities | None, prev_intent: str | None
    ) -> Decision:
        e, best, m = u.entities, u.ranked[0], self.matching
        written = u.entities  # as asked, before anything is taken from the previous turn
        if prev_intent not in self.specs:
            prev_intent = None
        if previous is not None and _complete(e):
            previous = replace(previous, **_NO_SCOPE)  # a complete question keeps its own scope
        if u.foreign:
            return Decision("fallback", e)
        if previous is not None and self._verdict_of_one(u, previous):
            # "그래서 재계약 됐어?" after a service's score: that service's verdict
            e = e.merged_with(previous, frozenset({"services", "scope"}))
            u = replace(u, entities=e)
        why = self._why_scored(u)
        if why is not None:
            return why
        if _ARTICLE.search(u.text) and not (e.services or e.threshold or e.band):
            # "12조도 나오던데 18조랑 뭐가 달라요?", "what does article 18 say?": articles of
            # the ordinance — what each is cited for, not a score of 12 or 18
            return Decision("legal_basis", replace(e, score=None, metrics=frozenset()))
        if self._scheme_asked(u):
            # "평가 내용 구성이 어떻게 돼? 이용자 만족도 조사도 들어가?": the scoring areas,
            # not a search of the findings for "조사"
            return Decision("scoring_scheme", replace(e, topic=None, kind=None))
        common = self._in_common(u, previous)
        if common is not None:
            # "두 번 다 개선과제에 공통으로 나온 건 뭐야?" after a service's two years: its
            # findings over its evaluations (the handler keeps what they share)
            return common
        if self._counted_under_the_line(u) and (previous is None or e.has_scope):
            # "3차에서 기준보다 낮은 곳 몇 개야?": the cutoff named, not a number — the count
            # below it, not of every service evaluated
            return Decision("below_cutoff", e)
        if self._one_and_the_same(u):
            # "X랑 Y는 같은 데야?": whether two names are one service, not their findings
            return Decision("same_service", e)
        if self._which_is(u):
            # "Which of those six is the waste-incineration plant?": the one service named
            return Decision("which_is", e)
        if self._in_both_asked(u):
            # "2026년 3차 대상 중에 2023년에도 평가받았던 곳은?": the services of one round
            # that another evaluated too, not a comparison of two averages
            return Decision("services_list", replace(e, metrics=frozenset(), compare="round"))
        pointed = self._points_at_one(u, previous)
        if pointed and previous is not None and self._kind_of_pointed(u):
            # "and where does it need to do better?", "거기 아쉬운 점은?": the kind of finding
            # of the service the conversation is about
            # ("fall short" of no line is no gap; "better" of nothing is no comparison)
            how = e.how if e.how == "yes_no" else None
            plain = replace(e, how=how, compare=None, reference=None)
            return Decision(
                "findings", plain.merged_with(previous, frozenset({"services", "scope"}))
            )
        if (
            e.services
            and self.u.parts.service_shape.search(u.text.lower())
            and self._said_of_named(u)
        ):
            # "Which round-3 service acts as an incubator for finance-tech startups …?": a
            # service asked for by its kind and what its findings say — the finding shown
            return Decision("topic_search", e)
        if self._describes(u) and not self._name_described(u) and not pointed:
            # "소각로가 18년이나 돼서 낡았다는 곳 어디야": a service asked for by what its
            # findings say, whatever intent (or number) the wording resembles; "which one
            # is the only one of its kind?": "its" points at no service here
            own_names = self.u.services.match(u.text)
            services = e.services if own_names.named or own_names.candidates else ()
            return Decision("topic_search", replace(e, unknown_name=None, services=services))
        if (
            previous is not None
            and not e.has_scope
            and self.u.vocab.this_scope.search(u.text.lower())
        ):
            # "what share of all services evaluated that year …": the conversation's year
            e = e.merged_with(previous, frozenset({"scope"}))
            u = replace(u, entities=e)
        if e.other_place and not e.services:
            return Decision("other_place", e)
        followed = self._follow_up(u, previous, prev_intent) or self._shares_compared(
            u, previous, prev_intent
        )
        if followed is not None:
            return followed
        if self._cutoff_history(u, prev_intent):
            # "재계약 기준이 언제 상향됐어?", "was it always like that?" after the rule
            return Decision("cutoff_history", e)
        if self._year_against_before(e) or self._year_moved(u, e):
            # "Did scores improve in 2023 compared with earlier years?", "was 2023 a bad
            # year compared with earlier years?": the year's average against the years before
            return Decision("average", replace(e, kind=None, reference="prev_year"))
        if self._earlier_era(u, prev_intent):
            # "how many fell below it back then?" after the cutoff's history: that era
            e = replace(e, era="earlier_cutoff")
            u = replace(u, entities=e)
        if self._data_held(u):
            # "2024년 자료 있어?", "do you have data for 2021?": what is held for that scope
            return Decision("round_summary", replace(e, how=None))
        if self._year_of_most(u):
            # "평가 대상 사무가 제일 많았던 해는?", "Which year had the most services evaluated?":
            # the years ranked by their counts of evaluated services
            return Decision("count_evaluated", replace(e, metrics=e.metrics | {"count"}))
        if self._rounds_listed(u):
            # "Which evaluation rounds do you have official disclosures for?": the rounds
            return Decision("round_summary", replace(e, every_round=True))
        if self.u.parts.name_word(u.text) and not e.services:
            # "Only the names of services with 'center' in round 3": the list, filtered by
            # a word of the names (not a search of the findings for it)
            return Decision("named_services", replace(e, topic=None, service_candidates=()))
        if self._figure_checked(u):
            # "47개라는 숫자가 민간위탁 사무 전체 개수를 말하는 건가요?", "Is 377 the number of
            # services evaluated?": what the stated value is, against what it is taken for
            return Decision("figure_lookup", replace(e, how=None))
        if self._figure_asked(u):
            # "74.02는 무슨 숫자야?", "what is 78.52?": which stored figure has that value
            return Decision("figure_lookup", e)
        if self._renewals_counted(u):
            # "can a contractor get re-contracted more than once?", "재계약 몇 번까지 돼?": how
            # many renewals the contract rules allow, not the cutoff that ends one
            return Decision("consignment", replace(e, aspects=e.aspects | {"contracts"}))
        if self._rule(u) or self._rule_asked(u) or self._rule_basis(u) or self._cutoff_is(u):
            # "75점 안 나오면 수탁기관은 어떻게 돼?", "can a contractor under 75 be renewed?",
            # "min score to not get kicked out?", "75점 미만 배제는 어디에 정해져 있어?"
            return Decision("cutoff_rule", e)
        if self._party_asked(u):
            # "Who actually gets evaluated, the city office or the organisation that runs
            # the service?": the contractors, as the purpose and use of results say
            return Decision("purpose", replace(e, how=None))
        if self._why_evaluated(u):
            # "Why does the city publish these results at all?": the evaluation's purpose,
            # however many words ("results") another intent's cues share
            return Decision("purpose", e)
        contracts = e.aspects == frozenset({"contracts"}) and not (e.has_scope or e.services)
        # "what score does a contractor need?" asks for the cutoff, not the contract rules
        contracts = contracts and not self.u.parts.checks["score_words"].search(u.text.lower())
        if contracts and _GENERIC_AGENT.search(u.text.lower()):
            return Decision("consignment", e)  # "can one contractor keep it forever?"
        asked = self._unpublished(u, previous, prev_intent)
        if asked is not None:
            return asked
        if self._areas_asked(u):
            # "How many points does each scoring area carry?": the scheme, not a score
            return Decision("scoring_scheme", replace(e, score=None, metrics=frozenset()))
        said = self._focus(u, previous)
        if said is not None:
            return said
        if self._rounds_ranked(u, previous, prev_intent):
            # "Which of them evaluated the most services?" after the list of loaded rounds
            return Decision("count_evaluated", replace(e, every_round=True))
        if self._evaluated_again(u):
            # "which services were evaluated more than once?": every service with a history
            return Decision("services_list", replace(e, metrics=e.metrics | {"history"}))
        if u.elliptical or (best.score < m.cutoff and previous and e.has_scope):
            measured = self._measured_by_verb(u, "fallback") if not u.elliptical else None
            if measured is not None:  # "그 중에 떨어진 건?"
                return self._in_scope_before(measured, previous, prev_intent)
            if prev_intent and previous is not None:
                merged = e.merged_with(previous, ALL_SLOTS)
                whole = written.compare == "whole_year" and written.round_no is None
                whole = whole and not written.round_span
                if whole and merged.round_no is not None and prev_intent in COUNT_WHATS:
                    # "그해 전체로는?" after a round's count: the same count, for the whole year
                    year = merged.year or self.u.extractor.newest_year
                    merged = replace(merged, year=year, round_no=None, compare=None, reference=None)
                    if prev_intent == "cutoff_rule":
                        prev_intent = "below_cutoff"  # "3차에 그런 데 있었어?" was counted
                if merged.how is None and previous.how is not None:
                    # "2024년은?" after "그럼 통과한 건 몇 개야?": the same way of asking
                    merged = replace(merged, how=previous.how)
                return Decision(prev_intent, merged)
            if e.services or e.service_candidates:
                return Decision("findings", e)
            if e.has_scope:
                return Decision("round_summary", e)
        if previous is not None and prev_intent and self.bare_metric(u):
            intent = self._metric_intent(u, prev_intent)
            if "count" in e.metrics and self.u.parts.total.search(u.text.lower()):
                intent = "count_evaluated"  # "전체 몇 개 중에서?": the whole the count was of
                e = replace(e, compare=None, reference=None)
            measured = self._measured_by_verb(u, intent)
            if measured is not None:
                # "몇 개 떨어졌어?" after a year's results: those that fell, of that year
                intent, e = measured.intent, measured.entities
            return Decision(intent, e.merged_with(previous, self.specs[intent].slots))
        unseen = self._unknown_subject(u)
        if unseen is not None:
            # "따릉이 민간위탁 평가결과 있어?", "results for Ttareungyi?": a name never seen is
            # the subject of the results asked — not the round's summary of other services
            return Decision("unknown_service", replace(e, unknown_name=unseen))
        if e.unknown_name and (
            best.score < m.cutoff or best.intent in PLACE_INTENTS or self._scored_place(u)
        ):
            if not e.services and self._described(u) and not self._name_described(u):
                return Decision("topic_search", replace(e, unknown_name=None))
            return Decision("unknown_service", e)
        if previous is not None and best.cues and best.score >= m.cutoff - m.cue_bonus:
            # a short follow-up with a telling word ("and when?"): same subject, new intent
            told = _scope_score(best.intent, e, previous)
            measured = self._measured_by_verb(u, told)
            if measured is not None:  # "그 중에 떨어진 건?"
                return self._in_scope_before(measured, previous, prev_intent)
            if told == "below_cutoff" and not (e.threshold or e.band or e.services):
                # "거기서 탈락한 건?" after a count: how many of those (and which, if known)
                return self._in_scope_before(Decision(told, e), previous, prev_intent)
            slots = self.specs[told].slots
            if told in RULES:
                # "종합성과평가 추진근거 조례 몇 조야?" after a 2024 figure: the rule itself, not
                # that year's (a year asked for says so: "그해 기준은?" keeps it above)
                slots = slots - {"scope"}
            return Decision(told, e.merged_with(previous, slots))
        said_asked = self.u.parts.checks["said_asked"].search(u.text.lower()) is not None
        if self._two_evaluations(e) and not said_asked and best.intent in _TWO_EVALUATIONS_READS:
            return Decision("service_score", e)
        if best.score < m.cutoff:
            measured = self._measured_by_verb(u, "fallback")
            if measured is not None:
                return measured  # "3차평가대상몇개": a count of what was evaluated
            lined = (e.threshold or e.band) and not (e.services or e.topic or e.unknown_name)
            # "그거 75점 넘었어?" checks the figure pointed at, not the services past a line
            lined = lined and not self.u.parts.pronoun.search(u.text.lower())
            if lined and best.intent == "below_cutoff":
                # "그 중 75점 안 된 곳은?": a score line is what below_cutoff counts by, and the
                # wording agrees however little of it an example shares
                return self._in_scope_before(Decision("below_cutoff", e), previous, prev_intent)
            if e.has_scope and self.bare_metric(u):
                # "23년 3차 몇갠데", "3차 평균만": a scope and a metric is a whole question
                return Decision(self._metric_intent(u, u.ranked[0].intent), e)
            two = e.compare in ("round", "year") and (e.compare_round or e.compare_year)
            if two and best.cues and not e.services:
                # "1차에서 3차로 가면서 탈락 상황은 나아졌어?": two scopes and one telling
                # word ("탈락") say enough, however little else the wording matches
                return Decision(best.intent, e)
            found = self._lookup(u)
            return found or self._not_matched(u, previous)
        if e.reference == "average" and e.threshold is not None and not e.services:
            # "2024년 1차 평균보다 점수 높은 사무는?": services on one side of the average
            return Decision("below_cutoff", e)
        if self._rounds_counted(u):
            # "How many rounds are loaded?", "차수 몇 개 있어?": the loaded rounds themselves
            return Decision("round_summary", replace(e, every_round=True))
        if self._described_service(u) and not self._points_at_one(u, previous):
            # "Which one is the only centre of its kind in the country?": a service asked
            # for by what its findings say, whatever general intent the words resemble
            return Decision("topic_search", e)
        intent = best.intent
        intent = _scope_score(intent, e, previous)
        if intent in _CRITERION_READS and self._criterion_asked(u):
            # "어떤 사무들이 평가 대상이 되는 거야?": which services are evaluated as a rule —
            # the published purpose says (those whose consignment period ends), no asking;
            # "…매년 해?" beside it asks about the rule's frequency, not a yearly trend; "is
            # every service evaluated each year?" is answered by the rule, not a bare yes
            return Decision("purpose", replace(e, how=None))
        if intent in ("highest", "lowest") and e.services and not e.metrics & _RANKING:
            # "Which round 3 service supports working moms?": the words named the service; a
            # ranking needs a ranking word ("highest", "꼴찌"), whatever the wording resembles
            return Decision("findings", e)
        if intent == "trend" and e.services and not e.service_candidates:
            intent = "service_score"  # "how has X done over time?": that service's history
        if self._service_over_time(e, intent) and not (
            self._two_evaluations(e) and self.u.parts.checks["said_asked"].search(u.text.lower())
        ):
            # "How has X done across rounds?": its score in every round, no asking back
            return Decision("service_score", e)
        unnamed = not (e.services or e.service_candidates or e.topic)
        if intent == "findings" and unnamed and e.has_scope and e.kind in (None, "both"):
            intent = "round_summary"  # "How did 2024 go overall?": the year, no service
        if intent == "findings" and unnamed and not e.has_scope and self._scheme_close(u, previous):
            intent = "scoring_scheme"  # "평가내용 뭐뭐 봄": what is scored, no service to look up
        named = e.services and not e.service_candidates and not e.topic
        if intent in ("highest", "lowest") and self.u.parts.checks["nth_place"].search(
            u.text.lower()
        ):
            intent = "rank"  # "두 번째로 점수 높은 사무는?": a place in the ranking, not the top
        if intent in ("highest", "lowest") and {"highest", "lowest", "rank"} <= e.metrics:
            intent = "rank"  # "scores from lowest to highest": every place, in that order
        intent, sure = self._findings_named(u, intent)
        if sure:
            return Decision("findings", e)  # "마포 어케 평가됐음?": no need to ask back
        if intent in ("round_summary", "topic_search") and named:
            # "tell me about the fintech lab evaluation", "성평등활동지원센터에 대한 평가": the
            # service's results, not the round's or a search
            intent = "findings"
        if previous is not None and "services" in self.specs[intent].slots:
            e = e.merged_with(previous, frozenset({"services"}))
        if "services" in self.specs[intent].slots and not (e.services or e.service_candidates):
            described = self._lookup_shaped(u)
            if described is not None:
                return described  # "2개년 … 비교하라는 곳": a service by its findings
        measured = self._measured_by_verb(u, intent) or self._failure_share(u, intent)
        if measured is not None:
            return self._in_scope_before(measured, previous)
        if intent != "consignment" and self._budget_per_service(u):
            return Decision("consignment", replace(e, aspects=e.aspects | {"size"}))
        if self._vague(u, e):
            return Decision(intent, e, self._top(u, 3))
        close = None if e.ordinal is not None and e.services else self._close_call(u)
        if close is not None and self._result_of_named(u, *close):
            return Decision("findings", e)
        return Decision(intent, e, close or ())

    def _operation(
        self, u: Understanding, d: Decision, previous: Entities | None, figures: int
    ) -> Decision:
        """How the question asks: a gap, "which is higher", a complement, a yes/no check, a
        direction — answered by the operation's handler over the *what* intent."""
        e, how, own = d.entities, d.entities.how, u.entities
        if how == "trend" and d.intent in RULES and not e.metrics:
            # "어떤 사무가 대상이 돼? 민간위탁 전부 매년 해?": "매년" asks how often the rule
            # applies, not which way a figure moved
            how, e = None, replace(e, how=None)
            d = Decision(d.intent, e, d.ask_back)
        uncounted = d.intent == "cutoff_rule" and not e.metrics & {"count", "share"}
        if how == "complement" and (e.rounds_excluded or uncounted):
            # "2차 빼고 나머지 차수": the other rounds, not the services that passed;
            # "the lowest score that avoids exclusion": the rule, not a count
            how = None
            e = replace(e, how=None)
            d = Decision(d.intent, e, d.ask_back)
        if self._round_share_of_year(u):
            # "3차 평가 사무가 그 해 전체에서 차지하는 비율은?", "3차 대상이 23년 전체의 절반이
            # 넘어?": the round's evaluated services as a share of its year's
            shared = replace(e, what="count_evaluated", compare=None, reference=None)
            return Decision(
                "evaluated_share", replace(shared, how="yes_no" if how == "yes_no" else None)
            )
        if d.intent == "topic_search":
            # a service asked for by its findings: their words ("going down", "past years")
            # are no operation on a figure; only a yes/no form stays a check
            return Decision("yes_no", replace(e, what=d.intent)) if how == "yes_no" else d
        if how == "complement" and self.u.parts.yes_no(u.text):
            how = "yes_no"  # "So it cleared 75, right?": a check, not the count that passed
            e = replace(e, how=how)
        unscoped = not (own.has_scope or own.services or e.has_scope)
        if how == "complement" and unscoped and previous is not None and previous.has_scope:
            # "and how many got through?" after 2024's count: the services of that scope
            e = e.merged_with(previous, frozenset({"scope"}))
            d = Decision(d.intent, e, d.ask_back)
        bare = not (own.has_scope or own.services or own.topic or own.reference)
        if how in ("gap", "versus") and bare and figures >= 2 and not own.metrics - {"average"}:
            # "what's the gap?" after two figures: their difference, whatever else it resembles
            return Decision(how, replace(e, what="previous"))
        if d.intent == "average" and how is None and e.compare == "other" and figures >= 1:
            # "그거 15년부터 22년까지 평균이랑 비교하면?" after a figure: one average named to
            # compare with, and the other side the figure just stated
            return Decision("versus", replace(e, what="average", how="versus"))
        ends = e.metrics & {"highest", "lowest"}
        if d.intent == "average" and len(ends) == 1 and how is None and self._rounds_ranked_by(u):
            # "평균 젤 높은 차수 어디야?": the rounds ranked by their averages, not the newest
            return Decision(next(iter(ends)), e)
        if how == "yes_no" and d.ask_back:
            d = Decision(d.ask_back[0], e)  # a check names its subject: no need to ask back
        if how == "complement" and d.intent == "service_score" and not e.services:
            # "So how many passed?": no service to score, so the services that passed
            return Decision("complement", replace(e, what="below_cutoff"))
        if how == "complement" and d.ask_back and set(d.ask_back) <= COUNT_WHATS:
            # "23년 1차에서 기준 넘긴 사무는 몇 개?": every reading is a count, turned around
            return Decision("complement", replace(e, what=d.ask_back[0]))
        if how == "yes_no" and self._when_checked(u):
            # "Was round 3 done in the fall?", "3차 평가 6월에 했어?": the round's period
            return Decision("yes_no", replace(e, what="period", compare=None, metrics=frozenset()))
        if how == "yes_no" and not e.services and (self._agent_named(u) or self._self_done(u)):
            # "Was round 3 evaluated by KMAC?", "삼일회계법인이 평가했어?": who evaluated the
            # round, not whether a service of that name was among those evaluated
            return Decision("yes_no", replace(e, what="evaluator"))
        if how == "yes_no" and not (e.unknown_name or e.services or e.service_candidates):
            unseen = self.u.lexicon.unknown_run(u.text) if u.unknown[0] else None
            if unseen and self._membership_only(u):
                # "Was Ttareungyi … one of the services evaluated?": a name never seen
                return Decision("yes_no", replace(e, what="services_list", unknown_name=unseen))
        if how == "yes_no" and e.unknown_name and not e.services:
            if self._membership_only(u):
                # "서북권직장맘지원센터도 3차 때 평가받았어?": no, it is not on the round's list
                return Decision("yes_no", replace(e, what="services_list"))
            return Decision("unknown_service", e)
        if how == "yes_no" and e.band is not None and "average" in e.metrics and not e.services:
            # "3차 평균이 79점대야?": the average checked against the band
            return Decision("yes_no", replace(e, what="average"))
        if e.band is not None and not e.services and d.intent not in NO_VERDICT:
            # "2024년 1차에서 70점대 받은 곳은?": a band is counted and listed where
            # thresholds are, whatever else the words resembled (no need to ask back)
            return Decision("below_cutoff", e)
        if d.ask_back or d.intent in NO_VERDICT:
            return d
        if {"highest", "lowest"} <= e.metrics and how == "gap" and not e.services:
            # "gap between the best and worst score?": both ends and their difference
            return Decision("highest", e)
        bare = not (own.has_scope or own.services or own.topic or own.reference)
        if len(e.services) == 1 and self._versus_average_checked(u):
            # "X 점수가 3차 평균보다 높았어요?": a check of X against the average (unknowable
            # when X's score was not published), not the gap between the two figures
            return Decision("yes_no", replace(e, how="yes_no", what="service_score"))
        history = self._service_history(u, d, e)
        if history is not None:
            # "마포 점수 올랐어?", "Has X been evaluated more than once?": its history
            return history
        if self._service_gap(d, e):
            # "how far below the cutoff was X?", "X 점수가 Y보다 몇 점 높아?", "how far above
            # that round's average is that?": the service's score against the reference
            if e.score is not None and e.threshold is None and len(e.services) == 1:
                # "75점에서 얼마나 모자랐어?": the named score is the line it is measured from
                if e.score == (self.u.cutoff or 75):
                    measured = replace(e, how="gap", reference="cutoff", score=None)
                    return Decision("service_score", measured)
                at = Threshold(e.score, "below")
                return Decision("service_score", replace(e, how="gap", threshold=at, score=None))
            return Decision("service_score", replace(e, how="gap"))
        bare_latest = e.latest and not e.metrics and not e.services and e.threshold is None
        bare_latest = bare_latest and not e.kind and not e.has_scope
        newest_asked = d.intent in ("fallback", "average", "round_summary", "count_evaluated")
        if bare_latest and newest_asked and _A_ROUND.search(u.text.lower()):
            # "which is the newest round you have?": the round itself, summarised
            return Decision("round_summary", replace(e, what="round_summary"))
        passed = e.threshold
        if passed is None and e.score is not None and how == "complement":
            passed = Threshold(e.score, "at_least")  # "cleared 75 by the narrowest margin"
        above = passed is not None and passed.direction in ("above", "at_least")
        if above and "lowest" in e.metrics and "highest" not in e.metrics and not e.services:
            # "75점 넘은 사무 중 최저점은?", "passed with the smallest margin above 75": the
            # lowest score on the passing side of the threshold, not the count that passed
            lowest = replace(e, what="lowest", how=None, threshold=passed, score=None)
            return Decision("lowest", lowest)
        if "median" in e.metrics and not e.services:
            # "2022년 1차 점수 중앙값은?": the middle published score, from the averages' handler
            return Decision("average", replace(e, what="average", how=None))
        if self._year_series(u, d, e):
            # "was 2023 the weakest year?", "Compare the 2022, 2023 and 2024 averages."
            return Decision("year_series", replace(e, what="average"))
        if self._consigned_size(self.u.parts.without_set_aside(u.text.lower()), d, e):
            # "has the number of consigned services been shrinking?": Seoul's consignment
            return Decision("consignment", e)
        if self._two_year_shares(d, e):
            # "2022년이랑 2023년 75점 미만 비율 차이는?", "was the share lower in 2024 than 2023?"
            return Decision("share_gap", replace(e, what=d.intent))
        if how in ("gap", "versus") and bare and figures >= 2:
            return Decision(how, replace(e, what="previous"))
        one = previous is not None and len(previous.services) == 1
        lower = u.text.lower()
        passing = self.u.parts.checks["pass"].search(lower) or self.u.parts.checks["fail"].search(
            lower
        )
        checked = how == "yes_no" and (e.threshold is not None or e.score is not None or passing)
        if checked and one and not (own.services or own.has_scope or own.topic):
            # "그럼 75점은 넘은 거지?" after a service's score: that service against it
            assert previous is not None
            kept = e.merged_with(previous, frozenset({"services", "scope"}))
            return Decision("yes_no", replace(kept, what="service_score"))
        if how == "gap" and bare and one and (e.reference == "cutoff" or "average" in e.metrics):
            # "how far above that round's average is that?" after a service's score
            assert previous is not None
            kept = e.merged_with(previous, frozenset({"services", "scope"}))
            return Decision("service_score", replace(kept, how="gap"))
        scored = self.u.parts.checks["score_words"].search(u.text.lower())
        unnamed = not (e.services or (previous is not None and previous.services))
        if how == "versus" and bare and figures < 2 and unnamed and scored:
            # "which of the two scored higher?" with no scores remembered: the round's
            # ranking says whether any score was published
            return Decision("highest", replace(e, how=None))
        if how in ("gap", "versus") and bare and previous is not None and previous.services:
            # "둘 중 어디가 점수 높아?" after two services: their scores decide it
            asked = replace(
                e, services=previous.services, what="service_score", metrics=e.metrics | {"highest"}
            )
            return Decision("yes_no", asked)
        at_cutoff = own.reference == "cutoff" or own.score == (self.u.cutoff or 75)
        pointed = how == "gap" and at_cutoff and not own.has_scope and not own.services
        if pointed and previous is not None and previous.has_scope and not previous.services:
            # "그게 75점에서 얼마나 모자란 거야?" after 2023's average: that figure's scope
            e = e.merged_with(previous, frozenset({"scope"}))
            e = replace(e, reference="cutoff", score=None)
        spanned = how in ("gap", "versus") and own.year_span is not None and own.year is None
        if spanned and previous is not None and previous.year is not None and not e.services:
            # "2015~2022 전체 평균이랑은 얼마나 차이나?" after 2023's average: that year
            # against the span, not the span against the cutoff
            assert own.year_span is not None
            against = replace(e, year=previous.year, year_span=own.year_span, round_no=None)
            against = replace(against, compare=None, reference=None, what="average")
            return Decision(how or "gap", against)
        if (
            how in ("gap", "versus")
            and (d.intent in AVERAGE_WHATS or "average" in e.metrics or e.reference)
            and not e.services
        ):
            return Decision(how, replace(e, what="average"))
        two = own.year is not None and own.year_span is not None and own.round_no is None
        if two and how is None and d.intent == "average" and not e.services:
            # "How does 2022 compare with the 2015-2022 average?": the year against the span
            return Decision("gap", replace(e, what="average"))
        off_cutoff = e.threshold is not None and e.threshold.value != (self.u.cutoff or 75)
        if off_cutoff and d.intent == "count_evaluated" and not e.services:
            return Decision("below_cutoff", e)  # "70점이 안 된 사무는 몇 곳?": counted by score
        if e.band is not None and not e.services and d.intent in COUNT_WHATS | {"service_score"}:
            return Decision("below_cutoff", e)  # bands are counted where thresholds are
        complement = how == "complement" or (self._at_cutoff(e) and how != "yes_no")
        counted = d.intent in COUNT_WHATS and not e.band and not e.services
        at_cutoff = e.threshold is None or e.threshold.value == self.u.cutoff or self._at_cutoff(e)
        if complement and counted and at_cutoff and "average" in e.metrics:
            # "75점 이상 받은 세 곳 평균은?": the services that passed, listed with their average
            return Decision("below_cutoff", e)
        if complement and counted and at_cutoff:
            return Decision("complement", replace(e, what=d.intent))
        evaluated = d.intent in ("count_evaluated", "services_list")
        # "what fraction of the year's evaluated services were in round 3?": no threshold,
        # no cutoff — the round's share of its year, whatever the words suggested
        evaluated = evaluated or (
            d.intent in ("below_cutoff", "scoring_scheme", "round_summary", "fallback")
            and e.threshold is None
            and e.band is None
            and not e.services
            and e.reference in (None, "whole_year")
            and e.year is not None
            and bool(_EVALUATED.search(u.text.lower()))
        )
        if evaluated and "share" in e.metrics and how is None and e.round_no is not None:
            listed = d.intent if d.intent in ("count_evaluated", "services_list") else None
            return Decision("evaluated_share", replace(e, what=listed or "count_evaluated"))
        two_years = e.compare == "year" and e.compare_year is not None and e.year is not None
        if how == "trend" and two_years and own.round_no is None and not e.services:
            # "2023년에서 2024년으로 넘어가면서 어느 쪽으로 움직였어?": the direction between
            # two years is the trend over their span, figures in time order
            assert e.year is not None and e.compare_year is not None
            years = (min(e.year, e.compare_year), max(e.year, e.compare_year))
            span = replace(e, year=None, year_span=years, compare=None, compare_year=None)
            return Decision("direction", replace(span, what=d.intent, compare_first=False))
        # "민간위탁 사무 줄어드는 중?": Seoul's consigned services over time are their number
        consigned = "size" in e.aspects or bool(_CONSIGNED.search(u.text.lower()))
        sized = how == "trend" and consigned and not e.services and not e.round_no
        if sized and not _EVALUATION.search(u.text.lower()):
            # "how has the number of consigned services evolved since 2021?": Seoul's count
            return Decision("consignment", replace(e, aspects=e.aspects | {"size"}))
        over_rounds = how == "trend" and own.year is not None and own.round_no is None
        over_rounds = over_rounds and bool(_A_ROUND.search(u.text.lower()))
        if over_rounds and d.intent in COUNT_WHATS | {"average"} and not e.services:
            # "23년에 차수가 지나면서 탈락 비율이 어떻게 바뀌었어?": that year round by round,
            # not the year against the one before
            kept = replace(e, how=None, compare=None, reference=None)
            return Decision(d.intent, replace(kept, metrics=e.metrics | {"history"}))
        if how == "trend" and own.year is not None and own.round_no is None and not e.services:
            if self.u.parts.since.search(u.text.lower()):
                # "has the average gone down since 2022?": the newest year against it
                since = replace(e, year=None, compare="year", compare_year=own.year)
                return Decision("gap", replace(since, what="average"))
            # "2024년에는 회복됐어?": that year against the one before
            moved = replace(e, what="average", compare="prev_year", reference="prev_year")
            return Decision("gap", moved)
        over_time = not own.has_scope or own.year_span is not None
        trend = (how == "trend" or d.intent == "trend") and not e.services and over_time
        if trend and e.compare == "whole_year" and own.year is None and own.year_span is None:
            # "So overall, are scores getting better or worse?": "overall" of no year is the
            # scores in general — the years' averages, not one year's whole
            e = replace(e, compare=None, reference=None)
        if trend and e.compare in (None, "other", "long_run"):
            return Decision("direction", replace(e, what=d.intent))
        direction_checked = how == "trend" and d.intent == "findings" and bool(e.services)
        if direction_checked and self.u.parts.yes_no(u.text):
            # "마포 지도점검 지적사항 늘고 있음?": which way something moves, checked against
            # what the findings say of it
            return Decision("yes_no", replace(e, how="yes_no", what="findings"))
        if how == "yes_no":
            return Decision("yes_no", replace(e, what=d.intent))
        return d

    def _service_history(self, u: Understanding, d: Decision, e: Entities) -> Decision | None:
        """One service's evaluations over time: whether its score rose or fell between
        them, or how many times it was evaluated — not a check of one round's score."""
        lower, checks = _no_ordinals(u.text.lower()), self.u.parts.checks
        single = len(e.services) == 1 and not e.service_candidates
        plain = not (e.kind or e.topic or e.threshold or e.band or e.metrics - {"history", "count"})
        # "Which round 3 service …": a round named is no "which round(s)" asked
        named_round = _ROUND_NAMED.sub(" roundnamed ", lower)
        if single and plain and checks["appearances"].search(named_round):
            # "Which rounds did X show up in?", "…in any round other than 2023 round 3?":
            # every evaluation of it (a round named is the one set aside, not the scope)
            how = "yes_no" if e.how == "yes_no" else None
            kept = replace(e, metrics=e.metrics | {"history"}, how=how, **_NO_SCOPE)
            return Decision("service_score", replace(kept, rounds_named=()))
        if len(e.services) != 1 or e.service_candidates or e.has_scope:
            return None
        if e.how not in ("yes_no", "trend") and "count" not in e.metrics:
            return None
        metrics = e.metrics | {"history"}
        judged = checks["fail"].search(lower) or checks["pass"].search(lower)
        if checks["ever"].search(lower) and judged and self.u.parts.yes_no(u.text):
            # "Has the fintech lab ever fallen below the cutoff?": each of its evaluations
            every = replace(e, how="yes_no", what="service_score", every_round=False)
            return Decision("yes_no", every)
        if checks["times_evaluated"].search(lower) and not e.kind:
            return Decision("service_score", replace(e, metrics=metrics, how=e.how or "yes_no"))
        if e.how is None or not checks["score_words"].search(lower):
            return None
        if not checks["score_change"].search(lower):
            return None
        # "did its score improve?": "improve" there is the score's change, not a finding kind
        moved = replace(e, metrics=metrics, compare="other", reference=None, kind=None)
        return Decision("service_score", moved)

    def _scheme_close(self, u: Understanding, previous: Entities | None) -> bool:
        """The scoring scheme told by a cue word and matched well enough, with no service
        anywhere in the conversation for findings to be about."""
        if previous is not None and (previous.services or previous.service_candidates):
            return False
        scheme = next((r for r in u.ranked if r.intent == "scoring_scheme"), None)
        return scheme is not None and scheme.cues > 0 and scheme.score >= self.matching.cutoff

    def _versus_average_checked(self, u: Understanding) -> bool:
        """A service's score against an average, asked as yes or no."""
        e = u.entities
        return "average" in e.metrics and e.threshold is None and self.u.parts.yes_no(u.text)

    @staticmethod
    def _service_gap(d: Decision, e: Entities) -> bool:
        """A named service's score measured against something: the cutoff, its round's
        average, or a second named service — a difference, whatever intent the words
        resembled (a findings lookup, a yes/no, nothing at all)."""
        if not e.services or e.service_candidates or e.how not in ("gap", "versus", "yes_no"):
            return False
        if e.how == "yes_no" and not (e.metrics & {"average"} and e.reference is None):
            return False  # "did X clear the cutoff?" is a check, answered by yes_no
        against = (
            e.reference == "cutoff"
            or "average" in e.metrics
            or len(e.services) == 2
            or (e.threshold is not None and e.how == "gap")
            or (e.score is not None and e.how == "gap" and len(e.services) == 1)
        )
        return against and d.intent in SERVICE_GAP_WHATS and not e.kind

    def _rule(self, u: Understanding) -> bool:
        """A general question about what the cutoff means for a contractor: a score below
        the cutoff, no round, year or service, and a condition or a generic contractor."""
        e, lower = u.entities, u.text.lower()
        t = e.threshold
        at_cutoff = t is not None and t.direction in ("below", "at_most")
        at_cutoff = at_cutoff and t is not None and t.value == (self.u.cutoff or 75)
        checks = self.u.parts.checks
        # "거기서 75 미만 받은 데는 재계약 돼?": whether renewal follows is the rule in any round
        scoped = e.has_scope and not checks["renewal_asked"].search(lower)
        if not at_cutoff or scoped or e.services or e.latest or e.unknown_name:
            return False
        if e.metrics & {"count", "share", "average", "highest", "lowest"}:
            return False
        return bool(
            checks["conditional"].search(lower)
            or _GENERIC_AGENT.search(lower)
            or checks["renewal_asked"].search(lower)
        )

    def _year_series(self, u: Understanding, d: Decision, e: Entities) -> bool:
        """Several years' averages at once: the best or worst year, three or more years
        named, or the history of the averages with no scope."""
        if e.services or e.round_no is not None or e.aspects or d.intent in NO_VERDICT:
            return False
        lower = u.text.lower()
        checks = self.u.parts.checks
        if checks["worst_year"].search(lower) or checks["best_year"].search(lower):
            return d.intent in AVERAGE_WHATS | {"highest", "lowest", "yes_no"} or (
                "average" in e.metrics
            )
        averages = d.intent in AVERAGE_WHATS or "average" in e.metrics
        years = set(_YEARS.findall(lower))
        if e.year_span is not None:  # "2015-2022" is one span, not two years
            years -= {str(e.year_span[0]), str(e.year_span[1])}
        if averages and len(years) >= 3:
            return True
        history = "history" in e.metrics and d.intent == "average" and not e.has_scope
        # "yearly averages in time order": every year is the series, not one year's whole
        return history and e.compare in (None, "whole_year")

    @staticmethod
    def _consigned_size(lower: str, d: Decision, e: Entities) -> bool:
        """How many services Seoul consigns, over time or compared — not an evaluation
        (``lower``: the question without what it sets aside)."""
        asked = d.intent in ("trend", "fallback", "count_evaluated", "average", "consignment")
        if "contracts" in e.aspects and "size" not in e.aspects:
            asked = d.intent == "fallback"  # "can one contractor keep a service forever?"
        return (
            asked
            and d.intent != "consignment"
            and ("size" in e.aspects or e.aspects == frozenset({"contracts"}))
            and not e.services
            and e.round_no is None
            and not _EVALUATION.search(lower)
        )

    @staticmethod
    def _two_year_shares(d: Decision, e: Entities) -> bool:
        """The share below the cutoff asked for two named years at once (a difference in
        percentage points, which is higher, or a yes/no check on the change)."""
        named = e.compare == "year" and e.compare_year not in (None, e.year) and e.year is not None
        # "from 2023 to 2024" reads as a span: its two ends, when a difference is asked
        ends = e.year_span is not None and e.year is None and e.how != "trend"
        ends = ends and (e.compare == "other" or e.how in ("gap", "versus", "yes_no"))
        return (
            d.intent in COUNT_WHATS
            and "share" in e.metrics
            and (named or ends)
            and e.round_no is None
            and not e.services
            and e.band is None
            and (e.threshold is None or e.threshold.direction == "below")
        )

    def _focus(self, u: Understanding, previous: Entities | None) -> Decision | None:
        """ "거기 소각로는 몇 년 됐대?", "what did they say about its instructors?": a question
        about one service (named, or the previous turn's) that its own findings answer."""
        e, best = u.entities, u.ranked[0]
        if self.u.lookup is None or e.service_candidates or e.has_scope or e.threshold:
            return None
        if best.score >= self.matching.cutoff and best.intent not in FOCUSABLE:
            return None
        services = e.services
        if not services and previous is not None and not e.unknown_name:
            services = previous.services
        if len(services) != 1:
            return None
        question = self.u.parts.without_ending(u.text)
        if self.u.parts.checks["score_words"].search(question.lower()):
            return None
        # "그 소각로가 몇 년이나 됐다고요?": the quantity asked is not what the findings say
        question = self.u.parts.checks["quantity"].sub(" ", question.lower())
        # "거기서 …", "그 센터에서 …": the pointer at the service is no content of its findings
        question = " ".join(w for w in question.split() if not self.u.parts.pronoun.match(w))
        if not self.u.lookup.focus(question, services[0], self.u.services.names_of(services[0])):
            return None
        return Decision("findings", replace(e, services=services, kind=None))

    def _at_cutoff(self, e: Entities) -> bool:
        """ "75점 이상", "75 or more": the complement of below the cutoff (not "90점 넘은")."""
        newest = self.u.cutoff
        return (
            e.threshold is not None
            and e.threshold.direction in ("at_least", "above")
            and (newest is None or e.threshold.value == newest)
        )

    def _described(self, u: Understanding) -> bool:
        """The question describes what a service did, closely enough to find it."""
        if self.u.lookup is None or self.u.lookup.content_words(u.text) < 2:
            return False
        hits = self.u.lookup.search(u.text, coverage=SURE_COVERAGE)
        return bool(hits)

    @staticmethod
    def _service_over_time(e: Entities, intent: str) -> bool:
        """One named service's history asked ("across rounds", "그동안"), no finding kind."""
        return (
            bool(e.services)
            and not e.service_candidates
            and ("history" in e.metrics or Decider._two_evaluations(e))
            and not e.topic
            and intent in ("findings", "service_score", "fallback", "rank")
            and e.kind in (None, "both")
        )

    @staticmethod
    def _two_evaluations(e: Entities) -> bool:
        """ "성평등활동지원센터 2023년이랑 2026년 결과 비교해줘", "How did X do in 2023 compared
        with 2026?": one service's results in two years, measured against each other (its
        scores and verdicts side by side), no finding kind or topic asked."""
        return (
            len(e.services) == 1
            and not e.service_candidates
            and e.compare == "year"
            and e.compare_year is not None
            and e.year is not None
            and e.kind in (None, "both")
            and not e.topic
            and e.how != "yes_no"
        )

    @staticmethod
    def _rounds_ranked(
        u: Understanding, previous: Entities | None, prev_intent: str | None
    ) -> bool:
        """The most or fewest services among the rounds just listed."""
        e = u.entities
        return (
            previous is not None
            and previous.every_round
            and prev_intent in ("round_summary", "count_evaluated")
            and bool(e.metrics & {"highest", "lowest"})
            and "average" not in e.metrics
            and not e.has_scope
            and not e.services
        )

    def _in_common(self, u: Understanding, previous: Entities | None) -> Decision | None:
        """What one service's evaluations said alike: an "in common" phrase, the service
        named or the previous turn's, no figure asked."""
        e = u.entities
        services = e.services or (previous.services if previous is not None else ())
        if len(services) != 1 or e.metrics or e.threshold or e.service_candidates:
            return None
        if not self.u.parts.checks["in_common"].search(u.text.lower()):
            return None
        kept = replace(e, services=services, topic=None, unknown_name=None, how=None)
        if not e.has_scope:
            kept = replace(kept, year=None, round_no=None, year_span=None, round_span=None)
        return Decision("findings", kept)

    def _counted_under_the_line(self, u: Understanding) -> bool:
        """A count of services below the cutoff said by its name ("기준보다 낮은 곳"), with
        no number, service, band or average of its own."""
        e = u.entities
        return (
            "count" in e.metrics
            and e.threshold is None
            and e.band is None
            and not (e.services or e.service_candidates)
            and "average" not in e.metrics
            and bool(self.u.parts.checks["under_the_line"].search(u.text.lower()))
        )

    def _one_and_the_same(self, u: Understanding) -> bool:
        """Two services named and asked whether they are one: an identity phrase, no
        scope, figure or finding kind of its own."""
        e = u.entities
        return (
            len(e.services) == 2
            and not e.has_scope
            and not e.metrics
            and e.kind is None
            and e.threshold is None
            and bool(self.u.parts.checks["one_and_the_same"].search(u.text.lower()))
        )

    def _which_is(self, u: Understanding) -> bool:
        """One service named and asked which of a list it is (parts.yaml ``which_is``): no
        figure, finding kind, threshold or topic of its own — an identification."""
        e = u.entities
        return (
            len(e.services) == 1
            and not e.service_candidates
            and not e.metrics
            and e.kind is None
            and e.threshold is None
            and e.band is None
            and e.how in (None, "versus")  # "which of those" is a versus word too
            and bool(self.u.parts.checks["which_is"].search(u.text.lower()))
            # named by the question's own words, not a pointer's ("which of those two
            # scored lower, and what was its score?")
            and bool(self.u.extractor.extract(u.text).services)
            and not self.u.parts.checks["score_words"].search(u.text.lower())
        )

    def _in_both_asked(self, u: Understanding) -> bool:
        """Services of a round asked for by their being evaluated in another scope too: two
        scopes (the second a year or a round), no service of its own, an "also evaluated" phrase."""
        e = u.entities
        return (
            e.year is not None
            and e.round_no is not None
            and e.compare_year is not None
            and e.compare_year != e.year
            and not (e.services or e.service_candidates)
            and bool(self.u.parts.checks["also_evaluated"].search(u.text.lower()))
        )

    def _evaluated_again(self, u: Understanding) -> bool:
        """Services evaluated in more than one round, asked for with no service named."""
        e, lower = u.entities, _no_ordinals(u.text.lower())
        return (
            not e.services
            and not e.service_candidates
            and not e.has_scope
            and not e.kind
            and bool(self.u.parts.checks["times_evaluated"].search(lower))
            and bool(self.u.parts.lookup_shape.search(lower) or _SERVICES_WORD.search(lower))
            and "count" not in e.metrics
        )

    @staticmethod
    def _rounds_counted(u: Understanding) -> bool:
        """The rounds themselves, not their services: "how many rounds", "차수 몇 개",
        "불러온 회차 목록"."""
        e, lower = u.entities, u.text.lower()
        return (
            ("count" in e.metrics or e.every_round)
            and not e.metrics & {"average", "highest", "lowest", "share", "rank"}
            and e.threshold is None
            and e.band is None
            and not e.has_scope
            and not e.services
            and bool(_ROUNDS.search(lower))
            and not _SERVICES_WORD.search(lower)
        )

    def _party_asked(self, u: Understanding) -> bool:
        """Who is evaluated, asked of the evaluation in general (no service or scope)."""
        e = u.entities
        if e.services or e.service_candidates or e.has_scope or e.metrics or e.threshold:
            return False
        return bool(self.u.parts.checks["evaluated_party"].search(u.text.lower()))

    def _criterion_asked(self, u: Understanding) -> bool:
        """Which services are evaluated as a rule: the criterion's words, no round, year or
        service named, and nothing in the past tense (that asks for a round's list)."""
        e, lower, checks = u.entities, u.text.lower(), self.u.parts.checks
        if e.has_scope or e.services or e.latest or e.metrics & {"count"}:
            return False
        return bool(checks["criterion"].search(lower)) and not checks["happened"].search(lower)

    def _renewals_counted(self, u: Understanding) -> bool:
        """A number of renewals asked of contracts in general (no service, no round)."""
        e, lower, checks = u.entities, u.text.lower(), self.u.parts.checks
        if e.services or e.service_candidates or e.has_scope or e.threshold or e.score:
            return False
        renewal = checks["renewal_words"].search(lower) and not checks["evaluated_verb"].search(
            lower
        )
        return bool(renewal and checks["times_evaluated"].search(lower))

    def _rule_asked(self, u: Understanding) -> bool:
        """The cutoff rule asked for without naming the cutoff: the least score that keeps a
        contract ("min score to not get kicked out?", "what score do I need so I'm not
        barred from renewing?") or what follows exclusion ("재계약 배제되면 그 담엔?")."""
        e, lower, checks = u.entities, u.text.lower(), self.u.parts.checks
        if e.services or e.has_scope or e.band or e.metrics & {"count", "share", "average"}:
            return False
        if checks["needed_score"].search(lower) and checks["renewal_words"].search(lower):
            return True
        if checks["then_what"].search(lower) and checks["fail"].search(lower):
            return True  # "배제된 수탁기관은 그 뒤 어떻게 돼?": what the rule says follows
        return bool(checks["after_exclusion"].search(lower)) and not e.topic

    def _cutoff_is(self, u: Understanding) -> bool:
        """ "Is 75 the cutoff for being excluded?", "커트라인이 80점이야?": whether a stated
        value is the cutoff — a check of the rule, not a count of services below it."""
        e, lower = u.entities, u.text.lower()
        if e.how != "yes_no" or e.services or e.has_scope or e.metrics or e.threshold:
            return False
        if e.band is not None or not self.u.parts.cutoff.search(lower):
            return False
        if self.u.parts.checks["max_points"].search(lower):
            return False  # "100점 만점 기준이지?": the scale, not the cutoff
        stated = e.score
        if stated is None:
            bare = _BARE_SCORE.search(lower)
            stated = float(bare.group(1)) if bare else None
        return stated is not None and 40 <= stated <= 100

    def _membership_only(self, u: Understanding) -> bool:
        """Whether a place was evaluated at all, asked with no word of its results (scores,
        findings): a question the round's list of evaluated services answers."""
        e, lower, checks = u.entities, u.text.lower(), self.u.parts.checks
        if e.kind or e.metrics or e.threshold or e.band or e.topic:
            return False
        if checks["score_words"].search(lower) or _RESULT_WORDS.search(lower):
            return False
        if checks["fail"].search(lower) or checks["recontract"].search(lower):
            return False  # "were more than a quarter … excluded?": a count, not a name
        listed = _EVALUATION.search(lower) or (e.has_scope and _SERVICES_WORD.search(lower))
        return bool(checks["membership"].search(lower)) and bool(listed)

    def _follow_up(
        self, u: Understanding, previous: Entities | None, prev_intent: str | None
    ) -> Decision | None:
        """Follow-ups that only make sense against the previous answer: "예산은?" after
        Seoul's consignment (an aspect of it, with no marker word), "그중에 65점도 안 된
        건?" after a count below the cutoff (another threshold, the same scope)."""
        e, lower = u.entities, u.text.lower()
        if previous is None or prev_intent is None or e.services:
            return None
        pro_verb = self.u.parts.checks["pro_verb"].search(lower)
        existed = pro_verb and not e.metrics and _ANY_THERE.search(lower)
        if existed and prev_intent in _CONDITIONED:
            # "2023년 3차 때도 그렇게 된 데가 있었어요?" after the rule: any below it there
            kept = e.merged_with(previous, frozenset({"threshold"}))
            return Decision("below_cutoff", replace(kept, topic=None, how=e.how or "yes_no"))
        if pro_verb and e.metrics & {"count", "share"} and prev_intent in _CONDITIONED:
            # "2023년엔 몇 개가 그랬어?" after "75점 미만이면 어떻게 돼?": those below it
            kept = e.merged_with(previous, frozenset({"threshold"}))
            what = "below_cutoff" if prev_intent == "cutoff_rule" else prev_intent
            return Decision(what, kept)
        counted_again = prev_intent == "consignment" and e.metrics == frozenset({"count"})
        if counted_again and not (e.threshold or _EVALUATION.search(lower)):
            # "so how many fewer by 2023?" after 2021's consigned services: the same count,
            # that year against the one just given
            kept = e.merged_with(previous, frozenset({"scope"}))
            if e.year is not None and previous.year is not None and e.year != previous.year:
                kept = replace(kept, compare="year", compare_year=previous.year)
            return Decision("consignment", replace(kept, aspects=kept.aspects | {"size"}))
        if e.has_scope:
            return None
        if prev_intent == "consignment" and not (e.metrics - {"count"}) and not e.threshold:
            aspects = frozenset(a for a, p in self.u.vocab.aspects.items() if p.search(lower))
            if aspects and u.ranked[0].score < self.matching.cutoff:
                return Decision("consignment", replace(e, aspects=aspects))
        counted = prev_intent in COUNTED_BEFORE
        their = e.how is None and self.u.parts.checks["their_scores"].search(lower)
        if counted and (self.which_counted(u, previous) or (their and previous.threshold)):
            # "Which one was it?" after "how many scored 90 or above?": those, by name;
            # "걔네 점수는?" after a list under 75: the same list (it gives the scores)
            kept = e.merged_with(previous, frozenset({"scope", "threshold"}))
            return Decision(prev_intent, replace(kept, metrics=kept.metrics - {"count", "share"}))
        weak = u.ranked[0].score < self.matching.cutoff or u.ranked[0].intent == "below_cutoff"
        # "거기서 75 미만 받은 데는 재계약 돼?": whether they keep their contracts is the rule
        weak = weak and not self.u.parts.checks["renewal_asked"].search(lower)
        if counted and weak and (e.threshold or e.band) and not e.topic and not e.kind:
            kept = e.merged_with(previous, frozenset({"scope", "metrics"}))
            return Decision("below_cutoff", kept)
        return None

    @staticmethod
    def _rounds_ranked_by(u: Understanding) -> bool:
        """The rounds are what is ranked: a round word, and no round, year or service named."""
        e = u.entities
        if e.services or e.service_candidates or e.has_scope or e.topic or e.latest:
            return False
        lower = u.text.lower()
        return bool(_A_ROUND.search(lower)) and not _SERVICES_WORD.search(lower)

    def _why_scored(self, u: Understanding) -> Decision | None:
        """ "X 왜 점수 낮게 나왔어?", "why did X score so well?": the reasons the evaluation
        gave — its improvement findings for a low score, its achievements for a high one."""
        e, checks, lower = u.entities, self.u.parts.checks, u.text.lower()
        if len(e.services) != 1 or e.service_candidates or e.kind or e.topic:
            return None
        if not checks["why"].search(lower) or not checks["score_words"].search(lower):
            return None
        down, up = checks["down"].search(lower), checks["up"].search(lower)
        kind = "improvement" if down and not up else "achievement" if up and not down else "both"
        return Decision("findings", replace(e, kind=kind, metrics=frozenset()))

    def _verdict_of_one(self, u: Understanding, previous: Entities) -> bool:
        """A yes/no on renewal or passing ("그래서 재계약 됐어?", "did it keep its contract?")
        that names no service, topic or threshold of its own, after a turn about one
        service: it asks that service's verdict, not a search of the findings."""
        e, checks, lower = u.entities, self.u.parts.checks, u.text.lower()
        if len(previous.services) != 1 or e.services or e.service_candidates or e.unknown_name:
            return False
        if e.how != "yes_no" or e.topic or e.threshold or e.metrics:
            return False
        # "전에도 평가받은 적 있어?": that service's earlier evaluations
        again = checks["times_evaluated"].search(_no_ordinals(lower))
        return bool(checks["recontract"].search(lower) or checks["pass"].search(lower) or again)

    def which_counted(self, u: Understanding, previous: Entities) -> bool:
        """ "Which one was it?", "어디어디야?": names asked of the services just counted
        — the question is a "which" phrase and filler words only, and the previous turn
        counted services on one side of a threshold."""
        e, checks = u.entities, self.u.parts.checks
        if previous.threshold is None or e.threshold or e.metrics or e.topic or e.kind:
            return False
        lower = u.text.lower()
        found = checks["which_counted"].search(lower)
        if found is None:
            return False
        rest = checks["which_fillers"].sub(" ", lower[: found.start()] + " " + lower[found.end() :])
        return not re.sub(r"[\s?!.,~]+", "", rest)

    def _shares_compared(
        self, u: Understanding, previous: Entities | None, prev_intent: str | None
    ) -> Decision | None:
        """ "2023이랑 비교하면 탈락 비율은?" after a year's count below the cutoff: the two
        years' shares, not their averages (the comparison word is no average)."""
        e = u.entities
        if previous is None or prev_intent not in COUNTED_BEFORE or e.services:
            return None
        if "share" not in e.metrics or "average" in e.metrics or e.compare is None:
            return None
        if e.year is None or previous.year is None or e.year == previous.year:
            return None
        first, second = sorted((e.year, previous.year), reverse=True)
        both = replace(e, year=first, compare="year", compare_year=second, round_no=None)
        return Decision("below_cutoff", replace(both, how=e.how or "versus"))

    def _cutoff_history(self, u: Understanding, prev_intent: str | None) -> bool:
        """The cutoff over time: cutoff words (or the rule just answered) with words of the
        past or of a change ("예전엔 60점이었다던데 언제 올라간 거야?", "always 75?")."""
        e, lower, checks = u.entities, u.text.lower(), self.u.parts.checks
        if e.services or e.threshold or e.band or e.metrics & {"average", "count", "share"}:
            return False
        changed = checks["rule_changed"].search(lower) or checks["always"].search(lower)
        if not (changed or checks["past"].search(lower)):
            return False
        if self.u.parts.cutoff.search(lower) and not _AS_OF.search(lower):
            return not (e.has_scope and not changed)  # "2022년 기준은?" is a scope's rule
        after_rule = prev_intent in ("cutoff_rule", "cutoff_history")
        return after_rule and not e.has_scope and not e.metrics

    def _earlier_era(self, u: Understanding, prev_intent: str | None) -> bool:
        """ "back then", "그때는", "옛날에는" right after the cutoff's rule or history: the
        years of the earlier cutoff, not the conversation's round."""
        e, lower = u.entities, u.text.lower()
        if prev_intent not in ("cutoff_rule", "cutoff_history") or e.has_scope or e.services:
            return False
        return bool(self.u.parts.checks["past"].search(lower)) or bool(
            self.u.vocab.this_scope.search(lower)
        )

    def _scheme_asked(self, u: Understanding) -> bool:
        """What the evaluation is made of, asked with an area's name ("만족도 조사도 들어가?",
        "is user satisfaction part of it?") and a word of the scheme, no service asked for."""
        e, lower = u.entities, u.text.lower()
        if e.services or e.service_candidates or e.has_scope or e.threshold:
            return False
        if not self.u.parts.checks["areas"].search(lower):
            return False
        if self.u.parts.service_shape.search(lower) or self.u.parts.lookup_shape.search(lower):
            return False
        scheme = next((r for r in u.ranked if r.intent == "scoring_scheme"), None)
        return scheme is not None and scheme.cues > 0 and u.ranked[0].intent == "topic_search"

    @staticmethod
    def _year_against_before(e: Entities) -> bool:
        """A year measured against the years before it, no service, round or figure named:
        its average is the figure ("improve" there is the score's change, not a finding)."""
        return (
            e.compare == "prev_year"
            and e.year is not None
            and e.round_no is None
            and e.round_span is None
            and not (e.services or e.service_candidates or e.threshold or e.band or e.topic)
            and not e.metrics - {"average"}
            and e.kind in (None, "improvement")
        )

    def _describes(self, u: Understanding) -> bool:
        """The content lookup's word (``FindingIndex.describes``): the question asks for a
        service by what its findings say, strongly enough to outrank intent routing."""
        best, scoped = u.ranked[0], u.entities.has_scope
        if scoped and best.intent in FIGURE_INTENTS and best.cues and self._own_cue(u):
            # "2026년 2차에 재계약 배제 사무 있어?": a round's figure asked in its own words
            return best.score < self.matching.cutoff and self._lookup_describes(u)
        return self._lookup_describes(u)

    def _points_at_one(self, u: Understanding, previous: Entities | None) -> bool:
        """ "and where does it need to do better?", "거기서 점심시간에 한다는 프로그램은?": a
        pointer at the one service the conversation is about — the question asks about
        that service, not which service its words describe ("where" is no place asked)."""
        e = u.entities
        if previous is None or len(previous.services) != 1 or e.services or e.service_candidates:
            return False
        lower = u.text.lower()
        if self.u.parts.checks["place_pointer"].search(lower):
            return True  # "what problems they found there?": "they" found, "there" is one
        if self.u.parts.checks["plural_pointer"].search(lower):
            return False
        return bool(self.u.parts.pronoun.search(lower))

    def _scored_place(self, u: Understanding) -> bool:
        """ "What score did the Seoul 120 Dasan call center get …?": a score asked of the
        place the question names, no intent's own word said — its score, whatever general
        intent ("performance evaluation") the rest of the wording resembles."""
        best = u.ranked[0]
        return not best.cues and bool(self.u.parts.checks["score_words"].search(u.text.lower()))

    def _said_of_named(self, u: Understanding) -> bool:
        """Whether the one service the question names has a finding that says the rest of
        the question (its names aside), as much as a description must."""
        e, lookup = u.entities, self.u.lookup
        if lookup is None or len(e.services) != 1 or e.service_candidates:
            return False
        names = self.u.services.names_of(e.services[0])
        text = self.u.services.without_kind(e.services[0], u.text)
        if lookup.content_words(lookup.without_names(text, names)) < 2:
            return False  # "Which service helps working moms?": the name, and one word
        hits = lookup.within(text, lookup.of_service(e.services[0]), ignore=names)
        return bool(hits) and hits[0].coverage >= MIN_COVERAGE

    def _kind_of_pointed(self, u: Understanding) -> bool:
        """A kind of finding asked, and nothing else that counts or scores."""
        e = u.entities
        if e.kind not in ("achievement", "improvement") or e.threshold or e.band:
            return False
        if e.metrics or e.score is not None or e.topic:
            return False
        return not self.u.parts.checks["score_words"].search(u.text.lower())

    def _name_described(self, u: Understanding) -> bool:
        """ "120다산콜센터 민간위탁 평가 결과도 알려줘": a name the knowledge base does not hold
        is what the findings matched ("센터"); without it nothing is described, so the
        question is about that unknown service."""
        name = u.entities.unknown_name
        if not name or u.entities.services or self.u.lookup is None:
            return False
        return not self._described(replace(u, text=u.text.replace(name, " ")))

    def _own_cue(self, u: Understanding) -> bool:
        """Whether the best intent's cue is said outside the finding search's paraphrases:
        in "picked as a best-practice case" the "best" is part of "best-practice", which
        the search reads as one phrase (lookup.yaml synonyms) — no ranking word."""
        lower = u.text.lower()
        rest = self._paraphrases().sub(" ", lower)
        if rest == lower:
            return True
        return u.ranked[0].intent in self.u.matcher.cue_hits(rest)

    def _paraphrases(self) -> re.Pattern[str]:
        """The finding search's phrases of more than one word (lookup.yaml synonym keys
        such as "best practice", "best-practice"), longest first."""
        if self._phrases is None:
            keys = [str(k).lower() for k in load_lookup()["synonyms"]]
            many = [k for k in keys if re.search(r"[\s-]", k)]
            self._phrases = bounded_words(many, end=r"(?![\w])") if many else re.compile(r"(?!)")
        return self._phrases

    def _lookup_describes(self, u: Understanding) -> bool:
        return self.u.lookup is not None and self.u.lookup.describes(u.text)

    def _rounds_listed(self, u: Understanding) -> bool:
        """The loaded rounds asked for as such ("which rounds do you have?", "어떤 회차 자료가
        있어?"): the rounds word with a question word, nothing scoped or counted."""
        e, lower = u.entities, u.text.lower()
        if e.has_scope or e.services or e.metrics or e.threshold or e.band or e.topic:
            return False
        if not _ROUNDS.search(lower) or _SERVICES_WORD.search(lower) or "대상" in lower:
            return False  # "이번 차수 평가 대상 어디어디야?": the round's services
        if self.u.parts.latest.search(lower) or self.u.vocab.this_scope.search(lower):
            return False
        return bool(_WHICH.search(lower))

    def _figure_checked(self, u: Understanding) -> bool:
        """A stated value (a count too: "47개라는 숫자") checked for what it measures: a
        quoting phrase ("라는 숫자", "이라는 수치"), or "is N the number of …"."""
        e, lower = u.entities, u.text.lower()
        if e.services or e.service_candidates or e.unknown_name or e.threshold or e.band:
            return False
        if _VALUE_IS_THE.search(lower):
            return True
        stated = e.count is not None or _FIGURE_VALUE.search(lower) is not None
        return stated and bool(self.u.parts.checks["figure_identity"].search(lower))

    def _figure_asked(self, u: Understanding) -> bool:
        """A value asked about for what it is, with (almost) nothing else in the question:
        a decimal or a percentage ("74.02는 무슨 숫자야?", "what's 27.7%?"), or any number
        with a word for a figure ("61은 무슨 숫자야?")."""
        e, lower = u.entities, u.text.lower()
        if e.services or e.has_scope or e.threshold or e.band or e.unknown_name:
            return False
        asked = self.u.parts.checks["figure_asked"]
        if not asked.search(lower):
            return False
        number = _FIGURE_VALUE.search(lower)
        if number is None:
            return False
        if not (number.group(2) or number.group(3) or _FIGURE_WORD.search(lower)):
            return False
        rest = _FIGURE_WORD.sub(" ", asked.sub(" ", _FIGURE_VALUE.sub(" ", u.prepared)))
        quoting = _QUOTING | self.u.vocab.function_words
        metric = self.u.vocab.metrics["share"]  # "…나눈 비율이에요?": the value's own kind
        words = [w for w in rest.split() if len(w) > 1 and w not in quoting]
        words = [w for w in words if not metric.match(w)]
        return len(words) <= 1

    def _why_evaluated(self, u: Understanding) -> bool:
        """A reason asked for the evaluation itself (no service, scope, figure or cutoff):
        only the purpose says why it is done and published."""
        e, lower, checks = u.entities, u.text.lower(), self.u.parts.checks
        if e.services or e.has_scope or e.metrics or e.threshold or e.unknown_name:
            return False
        if self.u.parts.cutoff.search(lower):
            return False
        if checks["defined"].search(lower) and not (e.kind or e.topic or e.aspects):
            # "종합성과평가가 정확히 뭐 하는 거예요?": what it is and what it is for — when
            # nothing else is asked ("근거 법령이 뭐임" asks for the law, not the purpose)
            rest = checks["defined_rest"].sub(" ", checks["defined"].sub(" ", lower))
            vocab = self.u.vocab
            if _EVALUATION.search(lower) and all(
                w in vocab.function_words or vocab.only_particle(w) for w in fold(rest).split()
            ):
                return True
        if not checks["why"].search(lower):
            return False
        return bool(_EVALUATION.search(lower) or checks["published"].search(lower))

    def _budget_per_service(self, u: Understanding) -> bool:
        """ "위탁사무 1개당 평균 예산은?": the consignment budget, however "평균" reads."""
        e, lower = u.entities, u.text.lower()
        return (
            "budget" in e.aspects
            and bool(_CONSIGNED.search(lower))
            and not _EVALUATION.search(lower)
            and not (e.services or e.threshold or e.band)
        )

    def _measured_by_verb(self, u: Understanding, intent: str) -> Decision | None:
        """A count whose verb says what is counted, whatever nouns the words share: services
        Seoul *evaluated* ("how many consigned services did Seoul evaluate?") are not the
        services it consigns, and services that *fell* ("3차 몇 개 떨어졌어?") fell below the
        cutoff, not an average that fell.  What the question sets aside ("not just the ones
        evaluated") is not what it counts."""
        e, checks = u.entities, self.u.parts.checks
        lower = self.u.parts.without_set_aside(u.text.lower())
        if e.services or e.threshold or e.band:
            return None
        if "count" not in e.metrics:
            # "그 중에 떨어진 건?", "which ones failed?": the services that fell, no figure
            bare = not (e.metrics or e.topic or e.kind or checks["score_words"].search(lower))
            # "2023년은 2022년보다 몇 점 떨어졌어?": a difference of figures, not services
            bare = bare and e.how in (None, "yes_no") and e.compare in (None, "other")
            fallen = bare and bool(checks["fell_verb"].search(lower)) and intent in _FELL_READS
            return Decision("below_cutoff", replace(e, compare=None)) if fallen else None
        evaluated = checks["evaluated_verb"].search(lower) and "budget" not in e.aspects
        asked = ("consignment", "reported_figures", "fallback", "purpose", "scoring_scheme")
        # "평가를 받아야 했던 사무는 몇 개?": "받아야" is the rule's word only beside a cutoff
        ruled = intent == "cutoff_rule" and not self.u.parts.cutoff.search(lower)
        # "평가받는 사무 개수는 2023년하고 2024년하고 비교하면?": counts compared, no average
        ruled = ruled or (intent == "average" and "average" not in e.metrics)
        if evaluated and (intent in asked or ruled):
            return Decision("count_evaluated", replace(e, aspects=frozenset()))
        consigned = _CONSIGNED.search(lower) and not _EVALUATION.search(lower)
        if consigned and intent in ("below_cutoff", "count_evaluated", "fallback", "average"):
            # "2023년 1월 기준 위탁사무가 전년보다 몇 개 줄었어?": Seoul's consignment
            return Decision("consignment", replace(e, aspects=e.aspects | {"size"}))
        fell = "average" not in e.metrics and checks["fell_verb"].search(lower)
        if fell and intent in _FELL_READS:
            compare = None if e.compare == "other" else e.compare
            return Decision("below_cutoff", replace(e, compare=compare))
        return None

    def _data_held(self, u: Understanding) -> bool:
        """Whether the bot holds data for a scope, asked with nothing else ("2024년 자료
        있어?", "do you have the 2021 results?")."""
        e = u.entities
        if (
            not e.has_scope
            or e.services
            or e.metrics
            or e.threshold
            or e.band
            or e.kind not in (None, "both")
        ):
            return False
        return bool(self.u.parts.checks["data_held"].search(u.text.lower()))

    def _year_of_most(self, u: Understanding) -> bool:
        """The year with the most (fewest) services evaluated: a year asked for, an end, and
        the services evaluated — no average, score, share, scope or service."""
        e, lower, checks = u.entities, u.text.lower(), self.u.parts.checks
        ends = e.metrics & {"highest", "lowest"}
        if len(ends) != 1 or e.metrics & {"average", "share"} or e.has_scope or e.services:
            return False
        if e.threshold or e.band:
            return False
        if checks["fail"].search(lower) or checks["fell_verb"].search(lower):
            return False  # "탈락이 제일 많았던 해": the counts below the cutoff
        evaluated = _EVALUATED.search(lower) or checks["evaluated_verb"].search(lower)
        return bool(evaluated and checks["which_year"].search(lower))

    def _round_share_of_year(self, u: Understanding) -> bool:
        """A round's evaluated services as a part of its year's: a round named, a share (or
        "half"), words of the services evaluated, and nothing of scores, failures or averages."""
        e, lower, checks = u.entities, u.text.lower(), self.u.parts.checks
        if e.round_no is None or e.round_span or e.services or e.threshold or e.band:
            return False
        if e.score is not None or e.metrics & {"average", "highest", "lowest", "count"}:
            return False
        if not ("share" in e.metrics or checks["half"].search(lower)):
            return False
        if checks["fail"].search(lower) or checks["fell_verb"].search(lower):
            return False  # "3차에서 떨어진 비율": the share below the cutoff
        # "What share of 2023's 47 services were in the third round?": the year's total stated
        stated = e.count is not None and e.year is not None
        return bool(_EVALUATED.search(lower)) or stated

    def _when_checked(self, u: Understanding) -> bool:
        """A month or season checked, of a round or year, with no service, score, count or
        share: when the evaluation took place."""
        e = u.entities
        if e.services or e.service_candidates or e.threshold or e.band or e.score is not None:
            return False
        if e.metrics - {"rank"} or e.topic or e.kind:
            return False  # "rank" is "place": "did it take place in June?"
        return bool(self.u.parts.months(u.text.lower()))

    def _unknown_subject(self, u: Understanding) -> str | None:
        """A word never seen as the subject of an evaluation's result: the first word of a
        Korean question right before a result noun ("청계천 평가 결과", "따릉이 민간위탁
        평가결과 있어?"), or a name right after a result phrase in English ("evaluation
        results for Ttareungyi").  Only when no service is named, the lexicon read the word
        as unknown (a typo of a known word is corrected before) and the word alone reads as
        nothing else ("삼차" is a round) nor describes ("가면서", "어려운")."""
        e = u.entities
        if e.services or e.service_candidates or e.unknown_name or not any(u.unknown):
            return None
        run = self.u.lexicon.unknown_run(u.text)
        if run is None or " " in run or descriptive(run) or run.lower() in self.u.vocab.not_names:
            return None
        at = u.text.find(run)
        if run.isascii():
            before = u.text[:at].lower().rstrip()
            found = list(self.u.vocab.result_before_en.finditer(before))
            named = bool(found) and found[-1].end() >= len(before) - len(" the")
        else:
            # two syllables never seen are likelier a misspelling ("펑균 점수") than a name
            named = len(run) >= _KO_NAME_MIN and self._ko_subject(u.text, at, run)
        if not named or self._reads_as_something(run):
            return None
        return run

    def _ko_subject(self, text: str, at: int, run: str) -> bool:
        """``run`` opens the question (after a scope or filler word at most) and a result noun
        follows it ("따릉이 민간위탁 평가결과", "2023년 청계천 평가는")."""
        vocab = self.u.vocab
        before = text[:at].split()
        if any(not (re.search(r"\d", w) or w in _OPENERS) for w in before):
            return False
        after = text[at + len(run) :]
        if not after[:1].isspace():
            return False  # "남자다움, 남성성 …", "왜요? 점수가 …": the name's phrase ends there
        rest = after.split(maxsplit=1)
        head = vocab.strip_particle(rest[0].strip("?!.,")) if rest else ""
        return bool(head) and _made_of(head, vocab.result_heads_ko)

    def _reads_as_something(self, word: str) -> bool:
        """The word alone is read as a scope, figure, service or topic ("삼차": round 3), or
        is a misspelling of a known word ("펑균" for 평균)."""
        corrected = self.u.lexicon.correct(word)
        if corrected != word:
            return True
        alone = self.u.extractor.extract(word)
        return bool(
            alone.year or alone.round_no or alone.metrics or alone.services or alone.topic
        ) or bool(alone.service_candidates)

    def _self_done(self, u: Understanding) -> bool:
        """The city said to have evaluated by itself ("서울시 공무원들이 직접 평가한 건가요?",
        "Did City Hall assess the services by themselves?"): whoever the subject, a check on
        who evaluated — not on a count, a score or a finding of the services."""
        e, lower = u.entities, u.text.lower()
        if e.count is not None or e.score is not None or e.threshold or e.topic or e.kind:
            return False
        return bool(self.u.parts.checks["self_done"].search(lower)) and bool(
            _EVALUATION.search(lower)
        )

    def _agent_named(self, u: Understanding) -> bool:
        """An agent of the evaluation named in the question: "evaluated by X", "X가 평가했어",
        "평가는 X가 했어", or an unknown name right before "evaluate" ("Did X evaluate …")."""
        lower, checks = u.text.lower(), self.u.parts.checks
        if checks["evaluated_by"].search(lower):
            return True
        if checks["agent_did"].search(lower) and _EVALUATION.search(lower):
            return True
        name = u.entities.unknown_name
        if name is not None and re.search(re.escape(name.lower()) + _AGENT_VERB, lower):
            return True
        return self.u.parts.named_agent(u.text)

    def _findings_named(self, u: Understanding, intent: str) -> tuple[str, bool]:
        """A named service asked how it came out: "핀테크랩은 어떻게 평가받았어?" (not the
        scoring scheme), "the fintech lab's strong points?" (not its score), "마포 어케
        평가됐음?" (sure: no asking back) — its findings, unless a score is asked."""
        e, lowered, checks = u.entities, u.text.lower(), self.u.parts.checks
        if not e.services or e.service_candidates or e.topic:
            return intent, False
        scored = bool(checks["score_words"].search(lowered))
        if intent == "scoring_scheme" and not self._scheme_named(u):
            intent = "findings"
        kinded = e.kind in ("achievement", "improvement") and not (e.threshold or e.score)
        # "What did the evaluators write about X in 2026 compared with 2023?": what was said,
        # no score word — the findings, however much the wording resembles a score question
        kinded = kinded or bool(checks["said_asked"].search(lowered))
        if kinded and intent in ("service_score", "rank") and not e.metrics and not scored:
            intent = "findings"
        came_out = bool(checks["came_out"].search(lowered)) and not scored
        sure = came_out and intent in ("service_score", "findings") and not (e.metrics or e.how)
        return ("findings" if sure else intent), sure

    def _year_moved(self, u: Understanding, e: Entities) -> bool:
        """ "2024년에는 좀 나아졌나요?": one year, a word of change and nothing else — its
        average against the year before."""
        if e.compare != "other" or e.year is None or e.round_no is not None or e.year_span:
            return False
        if e.how not in ("yes_no", "trend") or e.count is not None:
            return False  # "2024년에 떨어진 8개 어디어디야?": which ones, not a change
        if e.metrics - {"average"} or e.services or e.threshold or e.band or e.topic or e.kind:
            return False
        lower, checks = u.text.lower(), self.u.parts.checks
        if checks["fail"].search(lower) or self.u.parts.cutoff.search(lower):
            return False  # "did over a third of 2023's services fall below the cutoff?"
        return bool(checks["up"].search(lower) or checks["down"].search(lower))

    def _areas_asked(self, u: Understanding) -> bool:
        """The scoring scheme's areas asked about (their points, what they are), with no
        service, scope, threshold or band: "each area", "분야별로 몇 점"."""
        e, lower, checks = u.entities, u.text.lower(), self.u.parts.checks
        if e.services or e.service_candidates or e.has_scope or e.threshold or e.band:
            return False
        if e.topic and not checks["scheme_areas"].search(e.topic.lower()):
            return False
        if checks["areas"].search(lower) and checks["area_counted"].search(lower):
            return True  # "이용자 만족도도 반영되나요?": whether the area is scored at all
        return bool(checks["scheme_areas"].search(lower)) and bool(
            checks["score_words"].search(lower) or re.search(r"points?\b|점|배점", lower)
        )

    def _scheme_named(self, u: Understanding) -> bool:
        """A word of the scoring scheme itself ("항목", "배점", "criteria", "만족도")."""
        lower, checks = u.text.lower(), self.u.parts.checks
        return bool(checks["scheme_words"].search(lower) or checks["areas"].search(lower))

    def _failure_share(self, u: Understanding, intent: str) -> Decision | None:
        """ "23년 1차 탈락률이랑 연간 탈락률 비교하면?": a share of failures, whatever comparing
        words made it resemble the averages — the share below the cutoff."""
        e, lower, checks = u.entities, u.text.lower(), self.u.parts.checks
        if intent not in ("average", "fallback") or "share" not in e.metrics or e.how == "trend":
            return None
        if "average" in e.metrics or e.services or e.band:
            return None
        failed = checks["fail"].search(lower) or checks["fell_verb"].search(lower)
        return Decision("below_cutoff", e) if failed else None

    def _in_scope_before(
        self, d: Decision, previous: Entities | None, prev_intent: str | None = None
    ) -> Decision:
        """ "몇 개 탈락했어?" after "2024년 평가 결과": a count that names no scope, service or
        topic of its own is of the scope the conversation is about; "그 중에 떨어진 건?"
        after a count asks how many of those fell (the count, when no names are published)."""
        e = d.entities
        if d.intent == "below_cutoff" and prev_intent in COUNTED_BEFORE and not e.metrics:
            e = replace(e, metrics=frozenset({"count"}))
        if (
            previous is None
            or e.has_scope
            or _complete(e)
            or "scope" not in self.specs[d.intent].slots
        ):
            return replace(d, entities=e)
        return replace(d, entities=e.merged_with(previous, frozenset({"scope"})))

    def _rule_basis(self, u: Understanding) -> bool:
        """Where the cutoff rule comes from: basis words and cutoff words, nothing scoped."""
        e, lower = u.entities, u.text.lower()
        if e.services or e.has_scope or not self.u.parts.checks["basis"].search(lower):
            return False
        cutoff = self.u.parts.cutoff.search(lower) or _RULE_WORDS.search(lower)
        # "How many of the 100 points come from …?": the whole scale, not a line to pass
        at = e.threshold or (None if e.score == _FULL_SCALE else e.score)
        return bool(cutoff) or (at is not None and u.ranked[0].intent != "legal_basis")

    def _described_service(self, u: Understanding) -> bool:
        """A "which service / 곳" question, no cue word for its intent, naming no service or
        scope, whose content one finding covers surely."""
        e, best = u.entities, u.ranked[0]
        words = self.u.lookup.content_words(u.text) if self.u.lookup is not None else 0
        if (
            self.u.lookup is None
            or (best.intent not in DESCRIBABLE and words < LONG_DESCRIPTION)
            or e.services
            or e.service_candidates
            or e.has_scope
            or e.threshold
            or e.band
        ):
            return False
        lower = u.text.lower()
        if not (
            self.u.parts.service_shape.search(lower) or self.u.parts.lookup_shape.search(lower)
        ):
            return False
        cues = self.u.matcher.cue_hits(lower, u.prepared).get(best.intent, set())
        strong = bool(cues - SHAPE_CUES)  # "who …" shapes the question; it is no evidence
        # a finding kind ("told to", "praised for") says the words describe a finding
        if words < 2 or (strong and words < LONG_DESCRIPTION and not e.kind):
            return False  # a cue word ("when …") decides unless a long description outweighs it
        # "Which one was told its goals were too easy …?": a finding kind ("was told",
        # "지적받은") says a finding is described — most of the description covered is enough
        sure = KIND_COVERAGE if e.kind in ("achievement", "improvement") else SURE_COVERAGE
        return bool(self.u.lookup.search(u.text, coverage=sure))

    def _lookup_shaped(self, u: Understanding) -> Decision | None:
        """A question shaped like "…한 곳", "which service …" that its findings answer."""
        if self.u.lookup is None or not self.u.parts.lookup_shape.search(u.text.lower()):
            return None
        if self.u.lookup.content_words(u.text) < 2:
            return None
        if not self.u.lookup.search(u.text, coverage=GUESS_COVERAGE):
            return None
        return Decision("topic_search", u.entities)

    def _lookup(self, u: Understanding) -> Decision | None:
        """A question no intent fits that describes what a service did ("보일러 부식 막은 곳",
        "who was praised for going global?"): find the service by its findings.  One that
        asks for a service ("…한 곳 어디야?", "which service …") is answered by the search
        even when nothing fits: "no finding matches that" is the honest answer."""
        e = u.entities
        if (
            e.services
            or e.service_candidates
            or e.threshold
            or e.has_scope
            or self.u.lookup is None
        ):
            return None
        if self.u.lookup.search(u.text, coverage=GUESS_COVERAGE):
            return Decision("topic_search", e)
        if self.u.parts.service_shape.search(u.text.lower()) and self.u.lookup.tokens(
            u.text, query=True
        ):
            return Decision("topic_search", e)
        return None

    def _unpublished(
        self, u: Understanding, previous: Entities | None, prev_intent: str | None = None
    ) -> Decision | None:
        """A fact the published results do not hold ("수탁기관 어디야?"): answered as such,
        whatever intent its wording resembles.  A follow-up ("그럼 예산은?") keeps the
        service of the previous turn."""
        e = u.entities
        if e.unknown_name and not e.services:
            return None
        if previous is not None and not (e.services or e.service_candidates):
            e = e.merged_with(previous, frozenset({"services", "scope"}))
        text = u.text
        if prev_intent in ("below_cutoff", "complement") and previous is not None:
            # "그 사무들 이름은?" after a count below the cutoff: the names of those
            text = f"{text} ({self.u.parts.data['checks']['fail'][0]})"
        found = unpublished(text, e)
        if found is None:
            return None
        # "그 센터 수탁기관은?" after a service: the pronoun names it, nothing is described
        pointed = (
            previous is not None
            and bool(e.services)
            and self.u.parts.pronoun.search(u.text.lower())
        )
        own = u.entities.services or u.entities.service_candidates
        if not own and not pointed and self._described(u):
            return None  # "일자리 체험 프로그램 운영하는 곳": a service by its findings
        return Decision("not_published", replace(e, what=found.name))

    def _not_matched(self, u: Understanding, previous: Entities | None) -> Decision:
        """No intent is close enough.  A named service with (almost) nothing unknown
        around it is asked about in general — one odd Korean word is likely an ending
        ("뭐임"); a bare score is asked back; anything else is not understood."""
        e = u.entities
        asks_who = self.u.parts.service_shape.search(u.text.lower()) or _WHO.search(u.text.lower())
        lookup = self.u.lookup
        found = bool(e.services and lookup is not None and asks_who)
        if found and lookup is not None and lookup.search(u.text, coverage=GUESS_COVERAGE):
            # "who needs a plan for the aging incinerator?": the finding names the service
            return Decision("topic_search", e)
        if asks_who and lookup is not None and self._said_of_named(u):
            # "점심시간에 직장 다니는 엄마들 찾아가 상담해 줬다는 곳이 어디였지": a service
            # asked for by a description that names its kind and says one of its findings
            return Decision("topic_search", e)
        if asks_who and len(e.services) == 1 and not (e.threshold or e.band or e.topic):
            # "직장 다니는 엄마들 돕는 곳 어디야?": the service its kind names, asked for —
            # that service, with what its evaluation says
            return Decision("findings", e)
        if e.services and u.unknown[0] == 0 and u.unknown[1] <= 1:
            return Decision("service_score" if e.threshold else "findings", e)
        if e.services and e.kind and not (e.threshold or e.band):
            # "What else was the first one told to do?": a service and a finding kind
            return Decision("findings", e)
        if u.wordless and e.score is not None and previous is None:
            offered = tuple(
                r.intent for r in u.ranked if self.specs[r.intent].features.get("score", 0) > 0
            )
            if offered:
                return Decision(offered[0], e, offered[:3])
        return Decision("fallback", e)

    def bare_metric(self, u: Understanding) -> bool:
        """ "how many?", "비율은?", "평균은?": a metric and nothing else to go by."""
        e = u.entities
        if not e.metrics or e.services or e.topic or e.threshold:
            return False
        rest = u.text.lower()
        for name in e.metrics:
            rest = self.u.vocab.metrics[name].sub(" ", rest)
        fillers, function = self.u.fillers, self.u.vocab.function_words
        rest = self.u.parts.total.sub(" ", rest)  # "전체 몇 개 중에서?" asks for a count only
        if e.compare in self.u.vocab.compare:  # "연간 전체는?": the comparison is an entity too
            rest = self.u.vocab.compare[e.compare].sub(" ", rest)
        for word in fold(re.sub(r"\d+", " ", rest)).split():
            stem = self.u.vocab.strip_particle(word)
            if self.u.vocab.only_particle(word):
                continue  # "비율로는?": the particle the metric word carried
            if len(stem) > 1 and not {word, stem} & fillers and word not in function:
                return False
        return True

    def _metric_intent(self, u: Understanding, prev_intent: str) -> str:
        """The previous intent when it deals in the metric, else the intent that does most."""
        metrics = [f"metric:{m}" for m in u.entities.metrics]

        def weight(intent: str) -> float:
            return sum(self.specs[intent].features.get(m, 0.0) for m in metrics)

        if weight(prev_intent) > 0:
            return prev_intent
        order = {r.intent: i for i, r in enumerate(u.ranked)}
        return max(self.specs, key=lambda i: (weight(i), -order.get(i, 99)))

    def _vague(self, u: Understanding, e: Entities) -> bool:
        """One word that many intents use ("score", "점수"), for an intent that needs a
        service and has none: which of them was meant is anyone's guess."""
        words = u.prepared.split()
        intent = u.ranked[0].intent
        return (
            len(words) == 1
            and self.u.matcher.spread.get(words[0], 0) >= VAGUE_SPREAD
            and "services" in self.specs[intent].slots
            and not e.services
            and not e.service_candidates
        )

    def _top(self, u: Understanding, n: int) -> tuple[str, ...]:
        return tuple(r.intent for r in u.ranked[:n] if r.score > 0)

    def _close_call(self, u: Understanding) -> tuple[str, str] | None:
        """The two best intents when they are too close to call and no cue word tells."""
        first, second = u.ranked[0], u.ranked[1]
        m = self.matching
        if (
            second.score >= m.cutoff
            and first.score - second.score < m.margin
            and first.cues == second.cues == 0
            and not self._metric_decides(u, first.intent, second.intent)
        ):
            return first.intent, second.intent
        return None

    def _result_of_named(self, u: Understanding, first: str, second: str) -> bool:
        """ "Tell me how the social venture hub did in its evaluation": a named service's
        result with no word of a score is its findings (as "How did X do?" is) — no reason to
        ask back between its score and its findings."""
        return (
            {first, second} == {"service_score", "findings"}
            and bool(u.entities.services)
            and not self.u.parts.checks["score_words"].search(u.text.lower())
        )

    def _metric_decides(self, u: Understanding, first: str, second: str) -> bool:
        """ "2023 1차 평가 몇개 했었어?": the question's metric (a count) is one only the
        first intent deals in — the second ("when was it done?") cannot be meant."""
        metrics = [f"metric:{m}" for m in u.entities.metrics]

        def deals(intent: str) -> bool:
            return any(self.specs[intent].features.get(m, 0.0) > 0 for m in metrics)

        return deals(first) and not deals(second)


#: A round named by its number ("round 3", "3rd round").
_ROUND_NAMED = re.compile(r"\bround\s*\d+\b|\b\d+(?:st|nd|rd|th)\s+round\b")
#: The intents (and metrics) of a place in the ranking.
#: readings of a question about one service's two evaluations that ask how it scored
_TWO_EVALUATIONS_READS = frozenset({"findings", "service_score", "average", "round_summary"})
_RANKING = frozenset({"highest", "lowest", "rank"})

#: Ordinals ("두 번째", "세번째"): "두 번" inside them is not "twice".
_ORDINAL_KO = re.compile(r"(?:첫|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*번째")


def _no_ordinals(lower: str) -> str:
    return _ORDINAL_KO.sub(" ", lower)


#: A bare score in a question ("Is 75 the cutoff?"): not a year, round, count or share.
_BARE_SCORE = re.compile(
    r"(?<![\d.])(\d{2,3})(?![\d.])(?!\s*(?:년|차|개|곳|%|percent\b))(?!(?:th|st|nd|rd)\b)"
)

#: A place's results asked for ("평가결과 있나요", "its results"), not only its membership.
_RESULT_WORDS = re.compile(r"결과|성과|과제|result|finding|achiev|improv")

#: A question word asking which ones ("which rounds", "어떤 회차", "무슨 차수").
_WHICH = re.compile(r"\bwhich\b|\bwhat\b|어떤|무슨|어느|뭐뭐|어디어디")

#: A value a question may ask about by itself: a decimal, a percentage, or a whole number
#: (not a year, round or count).
_FIGURE_VALUE = re.compile(
    r"(?<![\d.])(\d{1,4}(\.\d+)?)(\s*(?:%|퍼센트|percent))?(?![\d.])(?!\s*(?:년|차|개|곳|번))"
)
#: "Is 377 the number of services evaluated?", "was 47 the total …": a value checked for
#: what it measures
_VALUE_IS_THE = re.compile(
    r"\b(?:is|was|are|were)\s+(?:the\s+)?\d[\d.,]*\s*%?\s+(?:the|a)\s+"
    r"(?:number|count|total|figure|share|average|percentage)\b"
)
_FIGURE_WORD = re.compile(r"숫자|수치|값|의미|뜻|number|figure|stand for|refer|\bmeans?\b")
#: Words that only quote the value ("79.05라는 숫자", "the number 61").
_QUOTING = frozenset(
    {"라는", "이라는", "이란", "라고", "이라고", "the", "this", "that"}
    # where the value was read ("자료에 나오는 27.7%는 정확히 …"): no other subject
    | {
        "자료",
        "자료에",
        "자료에서",
        "나오는",
        "나온",
        "나와",
        "나오",
        "정확히",
        "정확하게",
        "data",
        "exactly",
    }
    | {"공개", "공개된", "published", "disclosed"}
    # the span the value is quoted with ("the full-year 27.7% figure", "연간 27.7%") and
    # the words around "where does … come from"
    | {"full", "full-year", "whole", "whole-year", "annual", "year", "연간", "전체", "so"}
    | {"where", "does", "did", "do", "그", "그럼"}
    | {
        "이에요",
        "예요",
        "에요",
        "인가요",
        "인지",
        "이야",
        "야",
        "거예요",
        "거야",
        "건가요",
        "건지",
        "거",
    }
)

#: "2023년 기준", "as of 2023": a date, not the cutoff ("기준" is both).
_AS_OF = re.compile(r"(?:20\d\d|\d\d)\s*년?\s*(?:\d+\s*월\s*)?기준|as of")

#: The verbs of doing the evaluation, after the name of who did it.
_AGENT_VERB = r"\s+(?:evaluat|assess|conduct|grade|rate|carr(?:y|ied) out|run|ran\b)"
#: Seoul's consigned services as such (counted with no word of the evaluation).
_CONSIGNED = re.compile(r"위탁\s*사무|민간위탁|consigned services|services seoul consigns")

#: The points of the whole scale: a score of 100 names the scale, never a cutoff.
_FULL_SCALE = 100.0
#: Words of the re-contract rule itself: a basis asked for them is the rule's source.
_RULE_WORDS = re.compile(r"배제|exclu|재계약|re-?\s?contract|renew")

#: Whether any service was so ("그런 데가 있었어?", "were there any?").
_ANY_THERE = re.compile(r"있었|있어|있나|있음|있니|있냐|were there|was there|\bany\b")
#: "who …?", "…한 데 어디야?": a question asking which service did something.
_WHO = re.compile(r"(?<![a-z])who(?![a-z])|누가|어디")

_NO_SCOPE: dict[str, Any] = {
    "year": None,
    "year_span": None,
    "round_no": None,
    "round_span": None,
    "compare": None,
    "compare_year": None,
    "compare_round": None,
}


def _scope_score(intent: str, e: Entities, previous: Entities | None) -> str:
    """ "2023년 3차랑 견주면 몇 점 차이야?", "did scores go up or down from 2022 to 2023?": a
    service's score with no service anywhere, for a scope measured against another (or
    followed over several years), is that scope's average."""
    serviceless = not (e.services or e.service_candidates or (previous and previous.services))
    over_years = e.year_span is not None or e.compare == "year" or e.how == "trend"
    measured = e.how in ("gap", "versus") or over_years
    if intent == "service_score" and serviceless and e.has_scope and measured:
        return "average"
    return intent


def against_named(d: Decision, u: Understanding, previous: Entities | None) -> Decision:
    """ "24년 3차랑 비교하면?" after "26년 1차랑 25년 1차 평균 비교해줘": a round named only
    as the other side of a comparison; the previous subject (its round, when loaded: the
    caller passes no ``previous`` otherwise) stays the subject."""
    own, e = u.entities, d.entities
    if (
        previous is None
        or own.compare != "other"
        or own.year is None
        or own.round_no is None
        or own.services
        or own.metrics - {"average"}
        or previous.year is None
        or previous.round_no is None
        or previous.services
        or (previous.year, previous.round_no) == (own.year, own.round_no)
        or previous.compare not in (None, "round", "other", "year")
        or "average" not in e.metrics | previous.metrics
    ):
        return d
    moved = replace(
        e,
        year=previous.year,
        round_no=previous.round_no,
        compare="round",
        compare_year=own.year,
        compare_round=own.round_no,
        compare_first=False,
    )
    return Decision(d.intent, moved, d.ask_back)


def _complete(e: Entities) -> bool:
    """A question that names its own subject (a service, a topic) or says "latest": it never
    inherits a remembered year or round — no scope means the newest round holding it."""
    return bool(e.latest or e.services or e.service_candidates or e.topic or e.unknown_name)
