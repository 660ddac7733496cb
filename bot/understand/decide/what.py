"""*What* a question is about: an ordered table of recognisers, first match wins.

The ranking of examples says which intent the wording is most like; each step here knows
a shape of question the ranking cannot tell apart (a follow-up, a service asked for by its
findings, a rule asked of no round, a name never seen) and returns the intent to answer —
or ``None`` to let the next step try.  The order is the behaviour: an earlier step wins
over a later one that would also match, so a new step goes where its question must be
decided, not at the end.  The steps led by how well the wording matched follow
(ranked.py); what none decides is the best-ranked intent, corrected (reading.py).
"""

from __future__ import annotations

from dataclasses import replace

from bot.understand import Understander, Understanding
from bot.understand.decide.asked import Asked, Step
from bot.understand.decide.content import describes, name_described, said_of_named
from bot.understand.decide.conversation import (
    earlier_era,
    follow_up,
    in_common,
    kind_of_pointed,
    points_at_one,
    rounds_ranked,
    shares_compared,
    verdict_of_one,
)
from bot.understand.decide.decision import NO_SCOPE, Decision, complete
from bot.understand.decide.figures import (
    compared_figure,
    counted_under_the_line,
    figure_asked,
    figure_checked,
    scopes_compared,
    year_against_before,
    year_moved,
    year_of_most,
)
from bot.understand.decide.ranked import RANKED_STEPS
from bot.understand.decide.reading import read_best
from bot.understand.decide.rounds import data_held, rounds_listed
from bot.understand.decide.rules import (
    ARTICLE,
    areas_asked,
    cutoff_consequence,
    cutoff_history,
    cutoff_is,
    party_asked,
    renewals_counted,
    rule_asked,
    rule_basis,
    scheme_asked,
    why_evaluated,
)
from bot.understand.decide.service import (
    evaluated_again,
    focus,
    in_both_asked,
    one_and_the_same,
    which_is,
    why_scored,
)
from bot.understand.decide.unknowns import unpublished_asked
from bot.understand.decide.words import GENERIC_AGENT
from bot.understand.entities import Entities


def decide_what(
    ur: Understander, u: Understanding, previous: Entities | None, prev_intent: str | None
) -> Decision:
    """The intent the question asks about: the first step that knows its shape, else the
    ranking's reading of it."""
    if prev_intent not in ur.specs:
        prev_intent = None
    if previous is not None and complete(u.entities):
        previous = replace(previous, **NO_SCOPE)  # a complete question keeps its own scope
    s = Asked.of(ur, u, previous, prev_intent)
    for step in _IN_ORDER:
        found = step(s)
        if found is not None:
            return found
    return read_best(s)


def _foreign(s: Asked) -> Decision | None:
    """A question in a language the bot does not read: nothing else can be trusted."""
    return Decision("fallback", s.e) if s.u.foreign else None


def _compared_figure(s: Asked) -> Decision | None:
    """ "3.6점 하락했다는 건 뭐랑 뭐를 비교한 거야?": what a quoted figure compares."""
    if compared_figure(s.ur, s.u):
        return Decision("figure_lookup", replace(s.e, how=None))
    return None


def _held_at_all(s: Asked) -> Decision | None:
    """ "Was there an evaluation back in 2020?": whether a year had an evaluation at all."""
    e, lower = s.e, s.u.text.lower()
    if e.year is None or e.round_no is not None or e.services or e.metrics or e.threshold:
        return None
    if not s.ur.parts.checks["held_at_all"].search(lower) or not s.ur.parts.yes_no(s.u.text):
        return None
    return Decision("round_summary", replace(e, how="yes_no"))


def _official_asked(s: Asked) -> Decision | None:
    """ "24년 숫자 공식 공개자료 맞음?", "is that data official?": whether a scope's figures
    are an official disclosure — asked after any answer, of its scope when it names none."""
    lower = s.u.text.lower()
    if not s.ur.parts.checks["official"].search(lower) or not s.ur.parts.yes_no(s.u.text):
        return None
    e = s.e
    if not e.has_scope and s.previous is not None:
        e = e.merged_with(s.previous, frozenset({"scope"}))
    if not e.has_scope:
        return None
    return Decision("yes_no", replace(e, how="yes_no", what="fallback"))


def _verdict_after_one(s: Asked) -> Decision | None:
    """ "그래서 재계약 됐어?" after a service's score: that service's verdict (refines only)."""
    if s.previous is not None and verdict_of_one(s.ur, s.u, s.previous):
        s.refine(s.e.merged_with(s.previous, frozenset({"services", "scope"})))
    return None


def _why_scored(s: Asked) -> Decision | None:
    """ "X 왜 점수 낮게 나왔어?": the reasons the evaluation gave."""
    return why_scored(s.ur, s.u)


def _articles(s: Asked) -> Decision | None:
    """ "12조도 나오던데 18조랑 뭐가 달라요?", "what does article 18 say?": articles of the
    ordinance — what each is cited for, not a score of 12 or 18."""
    e = s.e
    if ARTICLE.search(s.u.text) and not (e.services or e.threshold or e.band):
        return Decision("legal_basis", replace(e, score=None, metrics=frozenset()))
    return None


def _scheme(s: Asked) -> Decision | None:
    """ "평가 내용 구성이 어떻게 돼? 이용자 만족도 조사도 들어가?": the scoring areas, not a
    search of the findings for "조사"."""
    if scheme_asked(s.ur, s.u):
        return Decision("scoring_scheme", replace(s.e, topic=None, kind=None))
    return None


def _in_common(s: Asked) -> Decision | None:
    """ "두 번 다 개선과제에 공통으로 나온 건 뭐야?" after a service's two years: its findings
    over its evaluations (the handler keeps what they share)."""
    return in_common(s.ur, s.u, s.previous)


def _under_the_line(s: Asked) -> Decision | None:
    """ "3차에서 기준보다 낮은 곳 몇 개야?": the cutoff named, not a number — the count below
    it, not of every service evaluated."""
    if counted_under_the_line(s.ur, s.u) and (s.previous is None or s.e.has_scope):
        return Decision("below_cutoff", s.e)
    return None


def _same_service(s: Asked) -> Decision | None:
    """ "X랑 Y는 같은 데야?": whether two names are one service, not their findings."""
    return Decision("same_service", s.e) if one_and_the_same(s.ur, s.u) else None


def _which_is(s: Asked) -> Decision | None:
    """ "Which of those six is the waste-incineration plant?": the one service named."""
    return Decision("which_is", s.e) if which_is(s.ur, s.u) else None


def _in_both(s: Asked) -> Decision | None:
    """ "2026년 3차 대상 중에 2023년에도 평가받았던 곳은?": the services of one round that
    another evaluated too, not a comparison of two averages."""
    if in_both_asked(s.ur, s.u):
        return Decision("services_list", replace(s.e, metrics=frozenset(), compare="round"))
    return None


def _kind_of_the_one(s: Asked) -> Decision | None:
    """ "and where does it need to do better?", "거기 아쉬운 점은?": the kind of finding of
    the service the conversation is about ("fall short" of no line is no gap; "better" of
    nothing is no comparison)."""
    e, previous = s.e, s.previous
    if points_at_one(s.ur, s.u, previous) and previous is not None and kind_of_pointed(s.ur, s.u):
        how = e.how if e.how == "yes_no" else None
        plain = replace(e, how=how, compare=None, reference=None)
        return Decision("findings", plain.merged_with(previous, frozenset({"services", "scope"})))
    return None


def _named_kind_said(s: Asked) -> Decision | None:
    """ "Which round-3 service acts as an incubator for finance-tech startups …?": a service
    asked for by its kind and what its findings say — the finding shown."""
    ur, u, e = s.ur, s.u, s.e
    if e.services and ur.parts.service_shape.search(u.text.lower()) and said_of_named(ur, u):
        return Decision("topic_search", e)
    return None


def _described(s: Asked) -> Decision | None:
    """ "소각로가 18년이나 돼서 낡았다는 곳 어디야": a service asked for by what its findings
    say, whatever intent (or number) the wording resembles; "which one is the only one of
    its kind?": "its" points at no service here."""
    ur, u, e = s.ur, s.u, s.e
    if describes(ur, u) and not name_described(ur, u) and not points_at_one(ur, u, s.previous):
        own_names = ur.services.match(u.text)
        services = e.services if own_names.named or own_names.candidates else ()
        return Decision("topic_search", replace(e, unknown_name=None, services=services))
    return None


def _this_scope(s: Asked) -> Decision | None:
    """ "what share of all services evaluated that year …": the conversation's year
    (refines only)."""
    previous, e = s.previous, s.e
    if previous is not None and not e.has_scope and s.ur.vocab.this_scope.search(s.u.text.lower()):
        s.refine(e.merged_with(previous, frozenset({"scope"})))
    return None


def _other_place(s: Asked) -> Decision | None:
    """A place outside Seoul's consigned services, and no service of Seoul's named."""
    e = s.e
    return Decision("other_place", e) if e.other_place and not e.services else None


def _follow_up(s: Asked) -> Decision | None:
    """Follow-ups that only make sense against the previous answer (conversation.py)."""
    return follow_up(s.ur, s.u, s.previous, s.prev_intent) or shares_compared(
        s.ur, s.u, s.previous, s.prev_intent
    )


def _cutoff_history(s: Asked) -> Decision | None:
    """ "재계약 기준이 언제 상향됐어?", "was it always like that?" after the rule."""
    return Decision("cutoff_history", s.e) if cutoff_history(s.ur, s.u, s.prev_intent) else None


def _year_against_before(s: Asked) -> Decision | None:
    """ "Did scores improve in 2023 compared with earlier years?", "was 2023 a bad year
    compared with earlier years?": the year's average against the years before."""
    e = s.e
    if year_against_before(e) or year_moved(s.ur, s.u, e):
        return Decision("average", replace(e, kind=None, reference="prev_year"))
    return None


def _evaluator_over_time(s: Asked) -> Decision | None:
    """ "Has the organisation doing the evaluations changed over time?", "평가기관 바뀐 적
    있어?": the evaluator is the subject of the change — the evaluators in time order, not
    the trend of the averages."""
    lower, checks = s.u.text.lower(), s.ur.parts.checks
    if s.e.services or not checks["evaluator_named"].search(lower):
        return None
    if not checks["changed"].search(lower):
        return None
    return Decision("evaluator", replace(s.e, how="yes_no", topic=None))


def _rate_changed(s: Asked) -> Decision | None:
    """ "Did the failure rate improve from 2023 to 2024?": "improve" of a share below the
    cutoff is its change between the scopes — not an improvement task of some service."""
    e = s.e
    if e.kind != "improvement" or "share" not in e.metrics:
        return None
    if e.services or e.service_candidates or e.topic:
        return None
    two = e.compare in ("year", "round") or (e.year_span is not None and e.year is None)
    if not two:
        return None
    return Decision("below_cutoff", replace(e, kind=None))


def _scope_came_out(s: Asked) -> Decision | None:
    """ "How did the 2026 round 1 evaluation turn out?", "2025년 1차 평가 결과 어땠어?": how a
    round (or year) came out, nothing else named — its results (or that it is not loaded)."""
    e = s.e
    if not e.has_scope or e.services or e.service_candidates or e.unknown_name:
        return None
    if e.metrics or e.threshold or e.band or e.topic or e.compare or e.kind not in (None, "both"):
        return None
    if not s.ur.parts.checks["came_out"].search(s.u.text.lower()):
        return None
    return Decision("round_summary", replace(e, kind=None))


def _service_came_out(s: Asked) -> Decision | None:
    """ "Hi, 저는 교포인데요, fintech lab 이 evaluation 에서 어떻게 나왔어요?": how one named
    service came out, no score word and nothing else asked — its findings (and score where
    published), however weakly the rest of a wordy message matched any example."""
    e, lower, checks = s.e, s.u.text.lower(), s.ur.parts.checks
    if len(e.services) != 1 or e.service_candidates or e.topic or e.metrics or e.how:
        return None
    if e.threshold or e.band or e.compare or s.best.cues:
        return None
    if not checks["came_out"].search(lower) or checks["score_words"].search(lower):
        return None
    return Decision("findings", e)


def _round_and_year(s: Asked) -> Decision | None:
    """ "2024년은 1차 결과랑 1년 전체 결과 둘 다 있나요? 각각 알려주세요": a round and its
    whole year, both asked, no figure named — the round's results, which end with its
    year's (official or reported, labelled)."""
    e = s.e
    if e.round_no is None or e.compare != "whole_year" or e.metrics or e.services:
        return None
    if e.threshold or e.band or e.topic or e.how not in (None, "yes_no"):
        return None
    lower, checks = s.u.text.lower(), s.ur.parts.checks
    if not (checks["both_asked"].search(lower) and checks["came_out_or_results"].search(lower)):
        return None
    return Decision("round_summary", replace(e, compare=None, reference=None, how=None))


def _names_below(s: Asked) -> Decision | None:
    """ "2023년에 75점 안 된 13개 사무 이름 다 알려줘": the names of those below a line — the
    services below it (or that their names were not published), not every service listed."""
    e, lower, checks = s.e, s.u.text.lower(), s.ur.parts.checks
    if e.services or e.threshold is None or e.threshold.direction not in ("below", "at_most"):
        return None
    if s.best.intent != "services_list" or not checks["names_asked"].search(lower):
        return None
    return Decision("below_cutoff", replace(e, metrics=e.metrics - {"count"}, count=None))


def _services_held(s: Asked) -> Decision | None:
    """ "How many different services appear across the loaded rounds?": the distinct services
    of every loaded round — no round's own count (none is named)."""
    e = s.e
    if e.has_scope or e.services or e.threshold or e.band or e.topic:
        return None
    if not s.ur.parts.checks["distinct_services"].search(s.u.text.lower()):
        return None
    return Decision("services_held", e)


def _scopes_compared(s: Asked) -> Decision | None:
    """ "2022년이 2023년 3차보다 높았어?", "did round 3 of 2023 score higher than 2022?":
    two scopes weighed with no figure named — their averages."""
    if scopes_compared(s.ur, s.u, s.e):
        return Decision("average", replace(s.e, kind=None, metrics=frozenset({"average"})))
    return None


def _earlier_era(s: Asked) -> Decision | None:
    """ "how many fell below it back then?" after the cutoff's history: that era (refines
    only)."""
    if earlier_era(s.ur, s.u, s.prev_intent):
        s.refine(replace(s.e, era="earlier_cutoff"))
    return None


def _data_held(s: Asked) -> Decision | None:
    """ "2024년 자료 있어?", "do you have data for 2021?": what is held for that scope."""
    return Decision("round_summary", replace(s.e, how=None)) if data_held(s.ur, s.u) else None


def _year_of_most(s: Asked) -> Decision | None:
    """ "평가 대상 사무가 제일 많았던 해는?", "Which year had the most services evaluated?":
    the years ranked by their counts of evaluated services."""
    e = s.e
    if year_of_most(s.ur, s.u):
        return Decision("count_evaluated", replace(e, metrics=e.metrics | {"count"}))
    return None


def _rounds_listed(s: Asked) -> Decision | None:
    """ "Which evaluation rounds do you have official disclosures for?": the rounds."""
    if rounds_listed(s.ur, s.u):
        return Decision("round_summary", replace(s.e, every_round=True))
    return None


def _named_services(s: Asked) -> Decision | None:
    """ "Only the names of services with 'center' in round 3": the list, filtered by a word
    of the names (not a search of the findings for it)."""
    e = s.e
    if s.ur.parts.name_word(s.u.text) and not e.services:
        return Decision("named_services", replace(e, topic=None, service_candidates=()))
    return None


def _figure_checked(s: Asked) -> Decision | None:
    """ "47개라는 숫자가 민간위탁 사무 전체 개수를 말하는 건가요?", "Is 377 the number of
    services evaluated?": what the stated value is, against what it is taken for."""
    if figure_checked(s.ur, s.u):
        return Decision("figure_lookup", replace(s.e, how=None))
    return None


def _figure_asked(s: Asked) -> Decision | None:
    """ "74.02는 무슨 숫자야?", "what is 78.52?": which stored figure has that value."""
    return Decision("figure_lookup", s.e) if figure_asked(s.ur, s.u) else None


def _renewals_counted(s: Asked) -> Decision | None:
    """ "can a contractor get re-contracted more than once?", "재계약 몇 번까지 돼?": how many
    renewals the contract rules allow, not the cutoff that ends one."""
    e = s.e
    if renewals_counted(s.ur, s.u):
        return Decision("consignment", replace(e, aspects=e.aspects | {"contracts"}))
    return None


def _cutoff_rule(s: Asked) -> Decision | None:
    """ "75점 안 나오면 수탁기관은 어떻게 돼?", "can a contractor under 75 be renewed?", "min
    score to not get kicked out?", "75점 미만 배제는 어디에 정해져 있어?"."""
    ur, u = s.ur, s.u
    if cutoff_consequence(ur, u) or rule_asked(ur, u) or rule_basis(ur, u) or cutoff_is(ur, u):
        return Decision("cutoff_rule", s.e)
    return None


def _party(s: Asked) -> Decision | None:
    """ "Who actually gets evaluated, the city office or the organisation that runs the
    service?": the contractors, as the purpose and use of results say."""
    return Decision("purpose", replace(s.e, how=None)) if party_asked(s.ur, s.u) else None


def _why_evaluated(s: Asked) -> Decision | None:
    """ "Why does the city publish these results at all?": the evaluation's purpose, however
    many words ("results") another intent's cues share."""
    return Decision("purpose", s.e) if why_evaluated(s.ur, s.u) else None


def _contracts_in_general(s: Asked) -> Decision | None:
    """ "can one contractor keep it forever?": the contract rules — but "what score does a
    contractor need?" asks for the cutoff, not the contract rules."""
    ur, u, e = s.ur, s.u, s.e
    contracts = e.aspects == frozenset({"contracts"}) and not (e.has_scope or e.services)
    contracts = contracts and not ur.parts.checks["score_words"].search(u.text.lower())
    if contracts and GENERIC_AGENT.search(u.text.lower()):
        return Decision("consignment", e)
    return None


def _unpublished(s: Asked) -> Decision | None:
    """A fact the published results do not hold ("수탁기관 어디야?")."""
    return unpublished_asked(s.ur, s.u, s.previous, s.prev_intent)


def _areas(s: Asked) -> Decision | None:
    """ "How many points does each scoring area carry?": the scheme, not a score."""
    if areas_asked(s.ur, s.u):
        return Decision("scoring_scheme", replace(s.e, score=None, metrics=frozenset()))
    return None


def _focus(s: Asked) -> Decision | None:
    """ "거기 소각로는 몇 년 됐대?": one service's question its own findings answer."""
    return focus(s.ur, s.u, s.previous)


def _rounds_ranked(s: Asked) -> Decision | None:
    """ "Which of them evaluated the most services?" after the list of loaded rounds."""
    if rounds_ranked(s.u, s.previous, s.prev_intent):
        return Decision("count_evaluated", replace(s.e, every_round=True))
    return None


def _evaluated_again(s: Asked) -> Decision | None:
    """ "which services were evaluated more than once?": every service with a history."""
    e = s.e
    if evaluated_again(s.ur, s.u):
        return Decision("services_list", replace(e, metrics=e.metrics | {"history"}))
    return None


#: The recognisers, in the order they are tried (the ranking-led steps follow in ranked.py).
STEPS: tuple[Step, ...] = (
    _foreign,
    _compared_figure,
    _official_asked,
    _held_at_all,
    _verdict_after_one,
    _why_scored,
    _articles,
    _scheme,
    _in_common,
    _under_the_line,
    _same_service,
    _which_is,
    _in_both,
    _kind_of_the_one,
    _named_kind_said,
    _described,
    _this_scope,
    _other_place,
    _follow_up,
    _cutoff_history,
    _year_against_before,
    _evaluator_over_time,
    _rate_changed,
    _scopes_compared,
    _round_and_year,
    _names_below,
    _services_held,
    _scope_came_out,
    _service_came_out,
    _earlier_era,
    _data_held,
    _year_of_most,
    _rounds_listed,
    _named_services,
    _figure_checked,
    _figure_asked,
    _renewals_counted,
    _cutoff_rule,
    _party,
    _why_evaluated,
    _contracts_in_general,
    _unpublished,
    _areas,
    _focus,
    _rounds_ranked,
    _evaluated_again,
)
#: Every *what* step before the ranking's reading, in order.
_IN_ORDER = STEPS + RANKED_STEPS
