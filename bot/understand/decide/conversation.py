"""Follow-ups: questions that lean on the previous turn.

"그래서 재계약 됐어?" after a service's score, "어디어디야?" after a count, "2023년엔 몇 개가
그랬어?" after the rule, "그럼 2022년은?": what the conversation already holds decides what
these mean — which subject they keep, which scope they inherit, which intent they continue.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.understand import Understander, Understanding, scopes
from bot.understand.decide.decision import Decision, complete
from bot.understand.decide.groups import CONDITIONED, COUNTED_BEFORE
from bot.understand.decide.words import EVALUATION, no_ordinals
from bot.understand.entities import Entities
from bot.understand.normalise import fold

#: Whether any service was so ("그런 데가 있었어?", "were there any?").
_ANY_THERE = re.compile(r"있었|있어|있나|있음|있니|있냐|were there|was there|\bany\b")


def verdict_of_one(ur: Understander, u: Understanding, previous: Entities) -> bool:
    """A yes/no on renewal or passing ("그래서 재계약 됐어?", "did it keep its contract?")
    that names no service, topic or threshold of its own, after a turn about one
    service: it asks that service's verdict, not a search of the findings."""
    e, checks, lower = u.entities, ur.parts.checks, u.text.lower()
    if len(previous.services) != 1 or e.services or e.service_candidates or e.unknown_name:
        return False
    if e.how != "yes_no" or e.topic or e.threshold or e.metrics:
        return False
    # "전에도 평가받은 적 있어?": that service's earlier evaluations
    again = checks["times_evaluated"].search(no_ordinals(lower))
    return bool(checks["recontract"].search(lower) or checks["pass"].search(lower) or again)


def which_counted(
    ur: Understander, u: Understanding, previous: Entities, prev_intent: str | None = None
) -> bool:
    """ "Which one was it?", "어디어디야?": names asked of the services just counted
    — the question is a "which" phrase and filler words only, and the previous turn
    counted services on one side of a threshold (a number, or the cutoff itself: "And
    how many fell below the cutoff?" — ``prev_intent`` below_cutoff)."""
    e, checks = u.entities, ur.parts.checks
    sided = previous.threshold is not None or previous.reference == "cutoff"
    sided = sided or (prev_intent == "below_cutoff" and previous.band is None)
    if not sided or e.threshold or e.metrics or e.topic or e.kind:
        return False
    lower = u.text.lower()
    found = checks["which_counted"].search(lower)
    if found is None:
        return False
    rest = checks["which_fillers"].sub(" ", lower[: found.start()] + " " + lower[found.end() :])
    return not re.sub(r"[\s?!.,~]+", "", rest)


def follow_up(
    ur: Understander, u: Understanding, previous: Entities | None, prev_intent: str | None
) -> Decision | None:
    """Follow-ups that only make sense against the previous answer: "예산은?" after
    Seoul's consignment (an aspect of it, with no marker word), "그중에 65점도 안 된
    건?" after a count below the cutoff (another threshold, the same scope)."""
    e, lower = u.entities, u.text.lower()
    if previous is None or prev_intent is None or e.services:
        return None
    pro_verb = ur.parts.checks["pro_verb"].search(lower)
    existed = pro_verb and not e.metrics and _ANY_THERE.search(lower)
    if existed and prev_intent in CONDITIONED:
        # "2023년 3차 때도 그렇게 된 데가 있었어요?" after the rule: any below it there
        kept = e.merged_with(previous, frozenset({"threshold"}))
        return Decision("below_cutoff", replace(kept, topic=None, how=e.how or "yes_no"))
    if pro_verb and e.metrics & {"count", "share"} and prev_intent in CONDITIONED:
        # "2023년엔 몇 개가 그랬어?" after "75점 미만이면 어떻게 돼?": those below it
        kept = e.merged_with(previous, frozenset({"threshold"}))
        what = "below_cutoff" if prev_intent == "cutoff_rule" else prev_intent
        return Decision(what, kept)
    counted_again = prev_intent == "consignment" and e.metrics == frozenset({"count"})
    if counted_again and not (e.threshold or EVALUATION.search(lower)):
        # "so how many fewer by 2023?" after 2021's consigned services: the same count,
        # that year against the one just given
        kept = e.merged_with(previous, frozenset({"scope"}))
        if e.year is not None and previous.year is not None and e.year != previous.year:
            kept = replace(kept, compare="year", compare_year=previous.year)
        return Decision("consignment", replace(kept, aspects=kept.aspects | {"size"}))
    if e.has_scope:
        return None
    if prev_intent == "consignment" and not (e.metrics - {"count"}) and not e.threshold:
        aspects = frozenset(a for a, p in ur.vocab.aspects.items() if p.search(lower))
        if aspects and u.ranked[0].score < ur.matching.cutoff:
            return Decision("consignment", replace(e, aspects=aspects))
    counted = prev_intent in COUNTED_BEFORE
    their = e.how is None and ur.parts.checks["their_scores"].search(lower)
    if counted and (which_counted(ur, u, previous, prev_intent) or (their and previous.threshold)):
        # "Which one was it?" after "how many scored 90 or above?": those, by name;
        # "걔네 점수는?" after a list under 75: the same list (it gives the scores)
        kept = e.merged_with(previous, frozenset({"scope", "threshold"}))
        return Decision(prev_intent, replace(kept, metrics=kept.metrics - {"count", "share"}))
    weak = u.ranked[0].score < ur.matching.cutoff or u.ranked[0].intent == "below_cutoff"
    # "거기서 75 미만 받은 데는 재계약 돼?": whether they keep their contracts is the rule
    weak = weak and not ur.parts.checks["renewal_asked"].search(lower)
    if counted and weak and (e.threshold or e.band) and not e.topic and not e.kind:
        kept = e.merged_with(previous, frozenset({"scope", "metrics"}))
        return Decision("below_cutoff", kept)
    return None


def shares_compared(
    ur: Understander, u: Understanding, previous: Entities | None, prev_intent: str | None
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


def points_at_one(ur: Understander, u: Understanding, previous: Entities | None) -> bool:
    """ "and where does it need to do better?", "거기서 점심시간에 한다는 프로그램은?": a
    pointer at the one service the conversation is about — the question asks about
    that service, not which service its words describe ("where" is no place asked)."""
    e = u.entities
    if previous is None or len(previous.services) != 1 or e.services or e.service_candidates:
        return False
    lower = u.text.lower()
    if ur.parts.checks["place_pointer"].search(lower):
        return True  # "what problems they found there?": "they" found, "there" is one
    if ur.parts.checks["plural_pointer"].search(lower):
        return False
    return bool(ur.parts.pronoun.search(lower))


def kind_of_pointed(ur: Understander, u: Understanding) -> bool:
    """A kind of finding asked, and nothing else that counts or scores."""
    e = u.entities
    if e.kind not in ("achievement", "improvement") or e.threshold or e.band:
        return False
    if e.metrics or e.score is not None or e.topic:
        return False
    return not ur.parts.checks["score_words"].search(u.text.lower())


def in_common(ur: Understander, u: Understanding, previous: Entities | None) -> Decision | None:
    """What one service's evaluations said alike: an "in common" phrase, the service
    named or the previous turn's, no figure asked."""
    e = u.entities
    services = e.services or (previous.services if previous is not None else ())
    if len(services) != 1 or e.metrics or e.threshold or e.service_candidates:
        return None
    if not ur.parts.checks["in_common"].search(u.text.lower()):
        return None
    kept = replace(e, services=services, topic=None, unknown_name=None, how=None)
    if not e.has_scope:
        kept = replace(kept, year=None, round_no=None, year_span=None, round_span=None)
    return Decision("findings", kept)


def rounds_ranked(u: Understanding, previous: Entities | None, prev_intent: str | None) -> bool:
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


def earlier_era(ur: Understander, u: Understanding, prev_intent: str | None) -> bool:
    """ "back then", "그때는", "옛날에는" right after the cutoff's rule or history: the
    years of the earlier cutoff, not the conversation's round."""
    e, lower = u.entities, u.text.lower()
    if prev_intent not in ("cutoff_rule", "cutoff_history") or e.has_scope or e.services:
        return False
    return bool(ur.parts.checks["past"].search(lower)) or bool(ur.vocab.this_scope.search(lower))


def in_scope_before(
    ur: Understander, d: Decision, previous: Entities | None, prev_intent: str | None = None
) -> Decision:
    """ "몇 개 탈락했어?" after "2024년 평가 결과": a count that names no scope, service or
    topic of its own is of the scope the conversation is about; "그 중에 떨어진 건?"
    after a count asks how many of those fell (the count, when no names are published)."""
    e = d.entities
    if d.intent == "below_cutoff" and prev_intent in COUNTED_BEFORE and not e.metrics:
        e = replace(e, metrics=frozenset({"count"}))
    if previous is None or e.has_scope or complete(e) or "scope" not in ur.specs[d.intent].slots:
        return replace(d, entities=e)
    return replace(d, entities=e.merged_with(previous, frozenset({"scope"})))


def bare_metric(ur: Understander, u: Understanding) -> bool:
    """ "how many?", "비율은?", "평균은?": a metric and nothing else to go by."""
    e = u.entities
    if not e.metrics or e.services or e.topic or e.threshold:
        return False
    rest = u.text.lower()
    for name in e.metrics:
        rest = ur.vocab.metrics[name].sub(" ", rest)
    fillers, function = ur.fillers, ur.vocab.function_words
    rest = ur.parts.total.sub(" ", rest)  # "전체 몇 개 중에서?" asks for a count only
    if e.compare in ur.vocab.compare:  # "연간 전체는?": the comparison is an entity too
        rest = ur.vocab.compare[e.compare].sub(" ", rest)
    for word in fold(re.sub(r"\d+", " ", rest)).split():
        stem = ur.vocab.strip_particle(word)
        if ur.vocab.only_particle(word):
            continue  # "비율로는?": the particle the metric word carried
        if len(stem) > 1 and not {word, stem} & fillers and word not in function:
            return False
    return True


def metric_intent(ur: Understander, u: Understanding, prev_intent: str) -> str:
    """The previous intent when it deals in the metric, else the intent that does most."""
    metrics = [f"metric:{m}" for m in u.entities.metrics]

    def weight(intent: str) -> float:
        return sum(ur.specs[intent].features.get(m, 0.0) for m in metrics)

    if weight(prev_intent) > 0:
        return prev_intent
    order = {r.intent: i for i, r in enumerate(u.ranked)}
    return max(ur.specs, key=lambda i: (weight(i), -order.get(i, 99)))


def scope_score(intent: str, e: Entities, previous: Entities | None) -> str:
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
    subject = (previous.year, previous.round_no)
    moved = e.two_sides(subject, (own.year, own.round_no), compare_first=False)
    return Decision(d.intent, moved, d.ask_back)


def recalled_place(ur: Understander, lower: str) -> str | None:
    """ "the first average I asked about", "처음에 물어본 평균", "아까 그 숫자": a figure the
    conversation stated, recalled by its place in it — "first" or "earlier" — not the one
    just given; None when no place and no recall word are both there ("처음 평가받은 해"
    recalls nothing the conversation said)."""
    checks = ur.parts.checks
    recalled = checks.get("figure_recalled")
    if recalled is None or not recalled.search(lower):
        return None
    for place, key in (("first", "figure_first"), ("earlier", "figure_earlier")):
        words = checks.get(key)
        if words is not None and words.search(lower):
            return place
    return None


def scope_of_figure(figure: dict[str, object]) -> Entities | None:
    """The entities of a stated figure's scope ([year from, year to, round from, round to],
    as ``Fig.to_dict`` keeps it): a round, a year, or a span of years."""
    scope = figure.get("scope")
    if not isinstance(scope, list | tuple) or len(scope) != 4:
        return None
    ys, ye, rs, re_ = scope
    if not isinstance(ys, int) or not isinstance(ye, int):
        return None
    if ys != ye:
        return Entities(year_span=(ys, ye))
    return Entities(year=ys, round_no=rs if isinstance(rs, int) and rs == re_ else None)


def _yardstick_named(e: Entities, lower: str, marked: bool) -> bool:
    """The question names one scope, and (when ``marked``) a comparison word marks it as
    the yardstick ("2022년 대비", "15~22년 평균보다", "compared with the 2015–2022 average")."""
    if e.services or e.service_candidates or e.topic or e.unknown_name or e.latest:
        return False
    if e.threshold or e.band or e.every_round or e.round_span or e.score is not None:
        return False
    if e.compare not in (None, "other") or e.compare_year is not None or e.compare_round:
        return False
    if e.year_span is not None and (e.year is not None or e.round_no is not None):
        return False  # two scopes named: the question has its own subject
    if e.metrics - {"average"}:
        return False
    if e.year is None and e.year_span is None:
        return False
    if not marked:
        return True
    found = scopes.yardsticks(lower)
    if e.year_span is not None:
        return (e.year_span[0], None) in found or (e.year_span[1], None) in found
    return (e.year, e.round_no) in found


def against_yardstick(u: Understanding, subject: Entities, *, marked: bool = True) -> Understanding:
    """ "2022년 대비 어때?" after "2023년 3차 평균은?", "15~22년 평균보다 얼마 떨어짐" after 2023's
    average: a question that names only the yardstick of a comparison ("대비", "보다",
    "compared with") measures the conversation's subject against it — the average just
    stated (or the one recalled: "the first average I asked about"), exactly as the question
    naming both would; not the yardstick alone, and not the whole of the subject's year.
    ``marked``: the named scope must be marked as the yardstick (a recalled subject makes
    any one scope named the other side)."""
    e = u.entities
    if not subject.has_scope or not _yardstick_named(e, u.text.lower(), marked):
        return u
    own = (e.year, e.round_no, e.year_span)
    if (subject.year, subject.round_no, subject.year_span) == own:
        return u
    moved = replace(
        e,
        year=subject.year,
        round_no=subject.round_no,
        year_span=subject.year_span,
        compare=None,
        compare_year=None,
        compare_round=None,
        compare_first=False,
        rounds_named=(),
        metrics=e.metrics | {"average"},
    )
    if e.year_span is not None:
        if subject.year_span is not None:
            return u  # a span against a span: no year to set beside it
        moved = replace(moved, year_span=e.year_span)
    elif e.round_no is not None:
        moved = replace(moved, compare="round", compare_year=e.year, compare_round=e.round_no)
    elif subject.year == e.year and subject.round_no is not None:
        moved = replace(moved, compare="whole_year")  # "그해 전체 대비": the round's own year
    else:
        moved = replace(moved, compare="year", compare_year=e.year)
    return replace(u, entities=moved, elliptical=False)
