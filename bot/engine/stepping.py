"""Years and rounds reached by a step from the conversation's: "다음해는?", "2년 전엔?",
"그 전 차수는?", "the round before it" — counted from the previous turn's year or round,
else the newest.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from bot.understand import Understander, Understanding
from bot.understand.entities import Entities
from bot.understand.literals import bounded_words, phrase_alternation
from bot.understand.search import load_lookup
from knowledge.queries import Queries

#: a word of rounds ("the round before", "그 전 차수", "previous evaluation"): a step by round
ROUND_WORD = re.compile(r"round|차수|회차|\d\s*차|evaluation|평가")


def year_stepped(ur: Understander, u: Understanding, previous: Entities | None) -> Understanding:
    """ "다음해는?", "and the year after?", "2년 전엔?": the year after (before) the one the
    previous turn was about — its year, or the last year of its span — asked the same
    way; a count of years ("2년 전", "three years earlier") counts from the newest year
    when the conversation named none."""
    lower = u.text.lower()
    named = u.entities.year is not None or u.entities.year_span is not None
    # "그 전해는?": "전해" alone is last year, but "그 전해" steps from the conversation's
    # year — a year no digit names is the step's, not a year of its own
    if named and (
        re.search(r"\d", lower) or not any(p.search(lower) for p in year_steps().values())
    ):
        return u
    counted = years_counted(lower)
    if previous is None and counted is None:
        return u
    step = next((s for s, p in year_steps().items() if p.search(lower)), None)
    if counted is not None:
        step = "next" if counted[0] > 0 else "previous"
    if step is None and year_is_the_step(ur, u, previous):
        # "and the one before that?" after whole years: the year before, not a round
        step = "next" if (u.entities.round_step or 0) > 0 else "previous"
    base = previous.year if previous is not None else None
    if base is not None and previous is not None and step is not None:
        base = step_base(base, previous, step)
    if base is None and previous is not None and previous.year_span is not None:
        base = previous.year_span[1] if step == "next" else previous.year_span[0]
    if base is None and counted is not None:
        base = ur.extractor.newest_year
    if step is None or base is None:
        return u
    offset = counted[0] if counted is not None else (1 if step == "next" else -1)
    year = base + offset
    # "the year before that": its "before that" is the year's step, not a round's
    moved = replace(u.entities, year=year, round_no=None, round_span=None, round_step=None)
    # "the year before that" steps; it compares nothing
    if moved.compare == "prev_year" or (previous and previous.compare == "prev_year"):
        moved = replace(moved, compare=None, reference=None)
    said = counted[1] if counted is not None else year_steps()[step]
    bare = ur.all_fillers(said.sub(" ", u.prepared).split())
    return replace(u, entities=moved, elliptical=bare or u.elliptical)


def year_is_the_step(ur: Understander, u: Understanding, previous: Entities | None) -> bool:
    """A step with no unit ("and the one before that?", "그 전엔?") while the conversation
    is about whole years (no round, no service): the step is a year's."""
    e = u.entities
    if e.round_step is None or previous is None or previous.year is None:
        return False
    if previous.round_no is not None or previous.round_span or previous.services:
        return False
    if e.services or e.has_scope or e.compare is not None or e.reference is not None:
        return False  # "the long-run average before that?" compares; it steps nothing
    return only_step(ur, u) and not ROUND_WORD.search(u.text.lower())


def years_counted(lower: str) -> tuple[int, re.Pattern[str]] | None:
    """ "2년 전엔?" -> (-2, the phrase), "two years later" -> (2, …); None without a count."""
    pattern, numbers = years_ago()
    found = pattern.search(lower)
    if found is None:
        return None
    n = numbers.get(found.group("n")) or int(found.group("n"))
    if not 0 < n < 30:
        return None
    said = re.compile(re.escape(found.group(0)).replace(r"\ ", r"\s*"))
    return (n if found.group("after") else -n), said


def step_base(year: int, previous: Entities, step: str) -> int:
    """The year a step counts from: after "2024년 비율은?" then "그 전 해는요?" (answered as
    2024 against 2023), the conversation has reached 2023 — "그럼 그 전 해는?" is 2022, the
    year beyond both sides of the comparison in the step's direction."""
    other = previous.compare_year if previous.compare in ("year", "prev_year") else None
    if other is None and previous.compare == "prev_year":
        other = year - 1  # "and the year before?" compared the year with the one before it
    if other is None:
        return year
    return max(year, other) if step == "next" else min(year, other)


@cache
def year_steps() -> dict[str, re.Pattern[str]]:
    """lookup.yaml ``year_steps``: "다음해", "the year after" and their opposites, found
    anywhere in the question (no word boundary: "다음해는", "그 전해엔")."""
    return {
        step: bounded_words(phrases, start="", end="")
        for step, phrases in load_lookup()["year_steps"].items()
    }


@cache
def years_ago() -> tuple[re.Pattern[str], dict[str, int]]:
    """lookup.yaml ``years_ago``: a count of years, then the words saying before or after."""
    data = load_lookup()["years_ago"]
    numbers = {str(k): int(v) for k, v in data["numbers"].items()}
    count = "|".join([r"\d{1,2}", *map(re.escape, sorted(numbers, key=len, reverse=True))])

    def words(key: str) -> str:
        """The phrases under ``key``, longest first, a space in them optional."""
        return phrase_alternation(data[key], space=r"\s*")

    pattern = (
        rf"(?<![\w.])(?P<n>{count})\s*(?:(?P<before>{words('before')})|(?P<after>{words('after')}))"
    )
    return re.compile(pattern), numbers


def stepped(
    ur: Understander, q: Queries, u: Understanding, previous: Entities | None
) -> Understanding:
    """ "그 전 차수는?", "How does it compare with the round before it?": the loaded round
    just before the one the question (or else the conversation, or else the newest
    round) is about — as the scope asked, or as the other side of a comparison."""
    e = u.entities
    if e.round_step is None:
        return u
    if e.services or (previous is not None and previous.services and not e.has_scope):
        # "그 다음 평가에선 몇 점 받았어?": that service's next (previous) evaluation after
        # (before) the round the conversation is about
        # "그럼 그 전엔?" alone asks what the previous turn asked, of that evaluation
        step = "next" if e.round_step > 0 else "previous"
        moved = replace(e, reference=step, round_step=None)
        return replace(u, entities=moved, elliptical=only_step(ur, u) or u.elliptical)
    base = base_round(q, e, previous)
    rounds = [(r.year, r.round_no) for r in q.rounds()]
    at = rounds.index(base) + e.round_step if base is not None and base in rounds else -1
    if base is None or not 0 <= at < len(rounds):
        return replace(u, entities=replace(e, round_step=None))
    year, round_no = rounds[at]
    compared = e.how in ("gap", "versus") or e.compare not in (None, "round")
    if compared:
        later, earlier = max(base, (year, round_no)), min(base, (year, round_no))
        metrics = e.metrics or frozenset({"average"})
        moved = e.two_sides(later, earlier, round_step=None, metrics=metrics)
        return replace(u, entities=moved)
    moved = replace(e, year=year, round_no=round_no, round_step=None)
    return replace(u, entities=moved, elliptical=only_step(ur, u) or u.elliptical)


def only_step(ur: Understander, u: Understanding) -> bool:
    """Nothing but a round step and fillers ("그럼 그 전엔?", "and the one after?"): the
    question asks again what the previous turn asked."""
    parts = ur.parts
    rest = parts.next_round.sub(" ", parts.previous_round.sub(" ", u.prepared))
    return ur.all_fillers(rest.split())


def base_round(q: Queries, e: Entities, previous: Entities | None) -> tuple[int, int] | None:
    """The round a relative round counts from: the question's, the conversation's, or
    the newest loaded one."""
    if e.year is not None and e.round_no is not None:
        return e.year, e.round_no
    if previous is not None and previous.round_no is not None and previous.year is not None:
        return previous.year, previous.round_no
    newest = q.latest_round()
    if previous is not None and previous.round_no is not None and newest is not None:
        return newest.year, previous.round_no
    return (newest.year, newest.round_no) if newest is not None else None
