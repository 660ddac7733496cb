"""Follow-ups over the figures the conversation stated: a yardstick named alone
measures the conversation's subject, the pair just compared kept for the next figure, a
gap asked beside a check, one side of a comparison replaced, "that" as the figure last
stated.
"""

from __future__ import annotations

from dataclasses import replace

from bot.answer import Context
from bot.engine.memory import held_by, recalled
from bot.engine.stepping import base_round
from bot.engine.words import points_back
from bot.understand import Understander, Understanding
from bot.understand.decide import Decision
from bot.understand.decide.conversation import against_yardstick, recalled_place, scope_of_figure
from bot.understand.entities import Entities
from bot.understand.literals import compile_words
from bot.understand.search import load_lookup
from knowledge.queries import Queries

#: one side of a comparison set aside for another ("3차 말고 연간으로", "instead of round 3"):
#: lookup.yaml ``side_set_aside``, found anywhere
SET_ASIDE = compile_words(str(w) for w in load_lookup()["side_set_aside"])


def measured_subject(ur: Understander, u: Understanding, context: Context | None) -> Understanding:
    """ "2022년 대비 어때?", "Compared with the 2015–2022 average, was the first average I
    asked about higher?": a question naming only a yardstick measures the conversation's
    subject against it — the average the previous question was about, or the one the
    question recalls by its place (``against_yardstick``)."""
    if context is None or not context.figures:
        return u
    place = recalled_place(ur, u.text.lower())
    if place is not None:
        # the figure recalled is the subject: the one scope the question names is the
        # other side, marked by a comparison word or not ("above the 2015–2022 average")
        figure = recalled(held_by(context).get("stated") or context.figures, place, u)
        if figure is None or figure.get("kind") != "average":
            return u
        subject = scope_of_figure(figure)
        return against_yardstick(u, subject, marked=False) if subject is not None else u
    previous = Entities.from_dict(context.entities or {})
    if previous.services or context.figures[-1].get("kind") != "average":
        return u
    # the scope the previous question was about (its round, not the yardstick it was
    # measured against) when an answer stated its average, else the average stated last
    asked = (
        Entities(year=previous.year, round_no=previous.round_no)
        if previous.year is not None
        else Entities(year_span=previous.year_span)
    )
    averages = [f for f in context.figures if f.get("kind") == "average"]
    if any(scope_of_figure(f) == asked for f in averages):
        return against_yardstick(u, asked)
    last = scope_of_figure(context.figures[-1])
    return against_yardstick(u, last) if last is not None else u


def pair_kept(ur: Understander, u: Understanding, previous: Entities | None) -> Understanding:
    """ "미달 비율은요?" after "2023년이랑 평균 비교하면 어때요?" of 2024: another figure asked
    of the two scopes just compared — both of them again (13.1% | 27.7%), not the first
    alone; the question names a figure and nothing else of its own."""
    e = u.entities
    if previous is None or previous.services or previous.compare not in ("year", "round"):
        return u
    if previous.compare_year is None and previous.compare_round is None:
        return u
    if e.has_scope or e.compare not in (None, "other") or e.compare_year is not None:
        return u  # "and how many fell?": a change word names no other side of its own
    if e.services or e.service_candidates or e.topic:
        return u
    if e.band or e.kind or e.every_round or e.how is not None or e.unknown_name:
        return u  # "둘이 몇 %p 차이?": the two figures stated, weighed as they are
    if e.threshold is not None and e.threshold.value != ur.cutoff:
        return u
    if not e.metrics & {"average", "share", "count"} or e.metrics & {"highest", "lowest"}:
        return u
    kept = replace(
        e,
        year=previous.year,
        round_no=previous.round_no,
        compare=previous.compare,
        compare_year=previous.compare_year,
        compare_round=previous.compare_round,
        compare_first=previous.compare_first,
    )
    return replace(u, entities=kept, elliptical=False)


def gap_beside_check(ur: Understander, u: Understanding, figures: int) -> Understanding:
    """ "둘이 몇 점 차이? 같은 회차야?", "was it under? by how much?": a gap and a check
    asked in one message — the gap is the operation (the check is answered beside it:
    the verdict first, whether the two are of one round), not a yes/no alone."""
    e, parts = u.entities, ur.parts
    if e.how != "yes_no" or figures < 2:
        return u  # a follow-up over two figures just stated
    sentences = parts.sentences(u.text)
    if len(sentences) < 2:
        return u
    if not any(parts.operation(s.lower()) in ("gap", "versus") for s in sentences[:-1]):
        return u
    return replace(u, entities=replace(e, how="gap"))


def side_replaced(decision: Decision, u: Understanding, context: Context | None) -> Decision:
    """ "아니 3차 말고 23년 연간 평균으로 비교하면" after the gap between two averages: one
    side set aside for the scope the question names — the same gap, with the side of
    that year (or else the newer side) replaced and the other side kept."""
    e = u.entities
    if context is None or context.operation not in ("gap", "versus"):
        return decision
    sides = [f for f in context.figures[-2:] if f.get("kind") == "average"]
    if len(sides) != 2 or e.year is None or e.services or e.service_candidates:
        return decision
    if decision.intent not in ("average", "gap", "versus") or e.threshold or e.score:
        return decision
    if not (u.dismissed or SET_ASIDE.search(u.text.lower())):
        return decision
    years = [f["scope"][0] for f in sides]
    replaced = years.index(e.year) if e.year in years else years.index(max(years))
    kept = sides[1 - replaced]["scope"]
    year, round_no = kept[0], kept[2] if kept[2] == kept[3] else None
    if (year, round_no) == (e.year, e.round_no):
        return decision
    moved = replace(
        e,
        compare="round" if round_no is not None else "year",
        compare_year=year,
        compare_round=round_no,
        how=decision.entities.how if decision.entities.how in ("gap", "versus") else "gap",
        what="average",
        metrics=frozenset({"average"}),
        reference=None,
    )
    return Decision("average", moved)


def yardstick_kept(
    ur: Understander, q: Queries, decision: Decision, u: Understanding, context: Context | None
) -> Decision:
    """ "And for the whole year?" after "how far above the cutoff is that?", then "so the
    year as a whole was under it?": the cutoff stays the yardstick ("it") — the whole
    year measured against it, not against the round the conversation started from."""
    own = u.entities
    if context is None or context.operation not in ("gap", "versus", "yes_no"):
        return decision
    previous = Entities.from_dict(context.entities or {})
    if previous.reference != "cutoff" or previous.services or not previous.has_scope:
        return decision
    if own.services or own.service_candidates or own.threshold or own.score is not None:
        return decision
    if own.compare != "whole_year" or own.round_no is not None or own.metrics - {"average"}:
        return decision
    lower = u.text.lower()
    pointed = points_back(ur, lower)
    if not (u.elliptical or pointed):
        return decision
    base = base_round(q, own, previous)  # "3차" named with no year: the newest's
    year = own.year or previous.year or (base[0] if base else None)
    if year is None:
        return decision
    measured = replace(
        decision.entities,
        year=year,
        round_no=None,
        round_span=None,
        year_span=None,
        compare=None,
        compare_year=None,
        compare_round=None,
        reference="cutoff",
        how="gap",
        what="average",
        metrics=frozenset({"average"}),
    )
    return Decision("gap", measured)


def last_measured(
    ur: Understander, decision: Decision, u: Understanding, context: Context | None
) -> Decision:
    """ "how far is that from the cutoff" after "and the whole year?" (answered beside the
    round): "that" is the figure the previous answer stated last — the one its question
    asked for — not the round the conversation started from."""
    e, own = decision.entities, u.entities
    if context is None or len(context.figures) != 2 or e.reference != "cutoff":
        return decision
    if decision.intent not in ("gap", "versus", "yes_no") or e.what != "average":
        return decision
    if own.has_scope or own.services or own.compare or e.services or e.year_span:
        return decision
    first, last = context.figures
    if first.get("kind") != "average" or last.get("kind") != "average":
        return decision
    lower = u.text.lower()
    if not points_back(ur, lower):
        return decision
    scope = scope_of_figure(last)
    if scope is None or scope == scope_of_figure(first) or scope.year_span is not None:
        return decision
    if (scope.year, scope.round_no) == (e.year, e.round_no):
        return decision
    # the previous question asked for that figure ("and the whole year?"), not for the
    # other one beside it ("3차 평균이 연간보다 높아?" asked of the round)
    asked = ur.understand(context.question or "").entities
    whole = asked.compare == "whole_year" and asked.round_no is None
    if not (whole and scope.round_no is None) and (
        (asked.year, asked.round_no) != (scope.year, scope.round_no) or asked.compare
    ):
        return decision
    moved = replace(
        e,
        year=scope.year,
        round_no=scope.round_no,
        compare=None,
        compare_year=None,
        compare_round=None,
    )
    return replace(decision, entities=moved)


def span_pointed(
    ur: Understander, decision: Decision, u: Understanding, previous: Entities | None
) -> Decision:
    """ "그 기간 평균은 75점 기준보다 몇점 위?" after 2023 against the 2015–2022 average:
    the period pointed at is the span of years, not the year measured against it."""
    e, own = decision.entities, u.entities
    pointer = ur.parts.checks.get("span_pointer")
    if pointer is None or previous is None or previous.year_span is None:
        return decision
    if previous.year is None or own.has_scope or own.services or e.year_span is None:
        return decision
    if not pointer.search(u.text.lower()):
        return decision
    kept = replace(e, year=None, round_no=None, compare=None, compare_year=None)
    return replace(decision, entities=kept)


def score_measured(decision: Decision, u: Understanding, context: Context | None) -> Decision:
    """ "커트라인이랑 몇점차?", "how far is that from the cutoff?" after a service's score
    was stated (its history, "그중에 점수 나온 건?", then its contractor): the gap is the
    score's — the last figure the conversation stated — not the newest round's average.
    The previous turn must be about that service and name no other scope."""
    e, own = decision.entities, u.entities
    if context is None or not context.figures or e.reference != "cutoff":
        return decision
    if decision.intent not in ("gap", "versus", "yes_no") or e.what != "average":
        return decision
    if own.has_scope or own.services or own.service_candidates or own.metrics & {"average"}:
        return decision
    last = context.figures[-1]
    service = last.get("service")
    scope = scope_of_figure(last)
    if last.get("kind") != "score" or not isinstance(service, int) or scope is None:
        return decision
    previous = Entities.from_dict(context.entities or {})
    if held_by(context).get("service") != service and previous.services != (service,):
        return decision
    if previous.services not in ((), (service,)):
        return decision
    if previous.year is not None and (previous.year, previous.round_no) != (
        scope.year,
        scope.round_no,
    ):
        return decision  # the turn before asked of another round: its figure, not the score
    measured = replace(
        e,
        services=(service,),
        year=scope.year,
        round_no=scope.round_no,
        every_round=False,
        compare=None,
        compare_year=None,
        compare_round=None,
        metrics=frozenset(),
        what=None,
        how="gap" if decision.intent != "yes_no" else "yes_no",
    )
    if decision.intent == "yes_no":
        return Decision("yes_no", replace(measured, what="service_score"))
    return Decision("service_score", measured)
