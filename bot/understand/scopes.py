"""Where a question's numbers point: the scopes it names (with their positions, so two
scopes can be told apart), score bands, counts, and numbers outside the data.

"2023년 1차와 3차", "3차 평균이랑 2022년 평균", "round 3 of 2023 vs 2022": a round takes
the year written right before it ("2023년 3차") or right after it ("round 3 of 2023");
a round with no year of its own takes the year named earlier in the question, unless a
comparison word stands between them ("2023년 평균과 3차 평균" compares the two).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

#: "18년이나 돼서", "18년 된", "18년째": a duration in years, never the year 2018.
DURATION = (
    r"(?!\s*(?:이나|째|동안|간\b|넘(?!어\s*[가오간와])|이상\s*된|가까이|된|됐|돼|되었"
    r"|정도\s*된|밖에|만에|차\b|묵은|씩))"
)
_YEAR = re.compile(
    r"(?<![\d.])(20\d\d)(?![\d.])|['’](\d\d)(?!\d)"
    rf"|(?<![\d.])(\d\d)\s*년{DURATION}"
)
_ROUND = re.compile(
    r"(?<![\d.])제?\s*([1-9])\s*(?:차|회차)(?!\s*산업|이)"
    r"|(?<![a-z])round[\s-]*(?:no\.?\s*)?([1-9])(?![\d])|(?<![a-z0-9])r([1-9])(?![0-9])"
    r"|(?<![0-9])([1-9])(?:st|nd|rd|th)?\s+round"
)
#: Between a year and its round: "2023년 3차", "2023 R3", "'23 round 3".
_YEAR_THEN_ROUND = re.compile(r"^\s*(?:년도?)?\s*(?:의|,)?\s*$")
#: Between a round and its year: "round 3 of 2023", "R3 2023", "3rd round in 2023".
_ROUND_THEN_YEAR = re.compile(r"^\s*(?:of|in|,|of the year)?\s*$")
#: A year written after its round ("round 1 average of 2016", "round 2 scores in 2024").
_OF_YEAR = re.compile(r"\b(?:of|in|for|from)\s+(?:the\s+)?(?:year\s+)?$")
#: A figure of the year itself between a year and a later round ("the 2022 yearly average
#: … the round 3 average", "2024년 평균이 3차보다"): the round is not that year's.
_OWN_FIGURE = re.compile(r"평균|average|mean|yearly|annual|연간|전체|whole year|full year")
#: Words that set two scopes side by side ("A와 B", "A vs B"): then neither takes the other.
_BETWEEN = re.compile(
    r"(?:와|과|랑|이랑|하고|대비|보다|비교|\band\b|\bvs\.?|\bversus\b|\bwith\b|\bthan\b)"
)

#: Rounds numbered past this are not rounds of any year ("99차", "round 18446744073709551616").
MAX_ROUND = 12

_BANDS = (
    # "70점대" is a decade: 70 to under 80
    (re.compile(r"(?<![\d.])(\d{2})0?\s*점대"), "decade"),
    # "in the 80s", "scored in the 70's": a decade of scores (a year is never "80s" here)
    (re.compile(r"(?<![\d.'’])([4-9]0)['’]?s(?![a-z])"), "decade"),
    (re.compile(r"(?<![\d.])(\d{1,3})\s*점?\s*이상\s*(\d{1,3})\s*점?\s*(?:미만|아래)"), "pair"),
    (re.compile(r"(?<![\d.'])(\d{1,3})\s*(?:점)?\s*(?:~|–|-|에서)\s*(\d{1,3})\s*점"), "pair"),
    (re.compile(r"between\s+(\d{1,3})\s*(?:points?)?\s*and\s+(\d{1,3})"), "pair"),
    (
        re.compile(r"from\s+(\d{1,3})\s*(?:points?)?\s*(?:to|until)\s*(?:under\s+)?(\d{1,3})"),
        "pair",
    ),
    (re.compile(r"(?<![\d.'])(\d{1,3})\s*(?:~|–|-|to)\s*(\d{1,3})\s*(?:points?|pts?)"), "pair"),
    (re.compile(r"(?<![\d.'])(\d{1,3})\s*(?:~|–|-)\s*(\d{1,3})\s*(?:구간|사이|band)"), "pair"),
    # "how many scored 65 to 70", "in the 65-70 range": a band by its verb or its noun
    (
        re.compile(
            r"(?:scored|scoring|score|got|in)\s+(?:the\s+)?(\d{2,3})\s*(?:~|–|-|to)\s*(\d{2,3})"
            r"(?![\d.])(?!\s*(?:%|percent|services?|years?))"
        ),
        "pair",
    ),
    (re.compile(r"(?<![\d.'])(\d{2,3})\s*(?:~|–|-|to)\s*(\d{2,3})\s*(?:range|bracket)"), "pair"),
)

_SCORE_UNIT = re.compile(
    # "점수" after a number is the noun ("2025 점수": the year's scores), not the unit
    r"(-\s*)?(?<![\d.])(\d+(?:\.\d+)?)\s*(?:점(?!대|수)|points?(?![a-z])|pts?(?![a-z]))"
)
_EN_COMPARED = re.compile(
    r"(?:below|under|less than|lower than|above|over|more than|higher than)"
    r"\s+(-\s*)?(\d+(?:\.\d+)?)"
    r"(?!\s*(?:%|percent|services?|centers?|years?|년|차|개|\d))"
)
_KO_COMPARED = re.compile(r"(-\s*)?(?<![\d.])(\d+(?:\.\d+)?)\s*(?:미만|이하|이상|초과|넘|보다)")
_YEAR_OUT = re.compile(
    r"(?<![\d.])(\d{4,})\s*년|(?:year|in|of|for|since)\s+(?:the\s+year\s+)?(\d{4,})(?![\d.])"
)
_ROUND_OUT = re.compile(
    r"(?<![a-z])round\s*(?:no\.?\s*)?(?!20\d\d(?!\d))(\d+)|(?<![\d.])(\d+)\s*(?:차|회차)(?!\s*산업)|(?<![a-z0-9])r(\d+)(?![0-9])"
)
_COUNT = re.compile(
    r"(?<![\d.])(\d{1,4})\s*(?:개|곳|군데)(?!월)"
    r"|(?<![\d.])(?<!round )(?<!round)(?<!round-)(?<![a-z])(\d{1,4})"
    r"\s+(?:services|centers|centres|of them|were|institutions|places)"
    r"|\ball\s+(?:the\s+)?(\d{1,4})\s+(?:of\b|services|centers|centres)"
    # "10 of 2023's …", "13 of the year's": a count of a year's services
    r"|(?<![\d.])(\d{1,3})\s+of\s+(?:the\s+)?(?:20\d\d|'\d\d|year)['’]s\b"
    # "2023's 13 failing services": a number, one word saying which, then the services
    r"|(?<![\d.])(?<!round )(\d{1,3})\s+(?!points?\b|pts\b)[a-z-]+\s+(?:services|centers|centres)\b"
)


@dataclass(frozen=True)
class Mention:
    """One scope as written: a year, a round, or a round of a year."""

    start: int
    year: int | None
    round_no: int | None


def _year_value(match: re.Match[str]) -> int:
    raw = next(g for g in match.groups() if g)
    return int(raw) if len(raw) == 4 else 2000 + int(raw)


def mentions(lower: str) -> list[Mention]:
    """The scopes written in ``lower``, in order; each round with the year it belongs to."""
    years = [(m.start(), m.end(), _year_value(m)) for m in _YEAR.finditer(lower)]
    rounds = [
        (m.start(), m.end(), int(next(g for g in m.groups() if g))) for m in _ROUND.finditer(lower)
    ]
    consumed: set[int] = set()
    found: list[Mention] = []
    for start, end, number in rounds:
        year = None
        for i, (ys, ye, value) in enumerate(years):
            if ye <= start and _YEAR_THEN_ROUND.match(lower[ye:start]):
                year = value
                consumed.add(i)
                break
            if ys >= end and _ROUND_THEN_YEAR.match(lower[end:ys]):
                year = value
                consumed.add(i)
                break
            if (
                ys >= end
                and ys - end <= 20
                and not _BETWEEN.search(lower[end:ys])
                and _OF_YEAR.search(lower[end:ys])
            ):
                # "round 1 average of 2016": nothing sets them apart, "of" joins them (not
                # "round 3 average exceed the 2022 average", "3차 평균이 2024년 …")
                year = value
                consumed.add(i)
                break
        if year is None:
            earlier = [(i, y) for i, y in enumerate(years) if y[1] <= start]
            if earlier and not _OWN_FIGURE.search(lower[earlier[-1][1][1] : start]):
                i, (_, ye, value) = earlier[-1]
                year = value
                if not _BETWEEN.search(lower[ye:start]):
                    consumed.add(i)
        found.append(Mention(start, year, number))
    found += [Mention(s, v, None) for i, (s, _, v) in enumerate(years) if i not in consumed]
    return sorted(found, key=lambda m: m.start)


@cache
def _yardstick() -> tuple[re.Pattern[str], re.Pattern[str], int, int]:
    """vocab.yaml ``yardstick``, compiled on first use: the words before and after a
    yardstick's scope and how far from it each may stand."""
    from bot.understand.vocab import load_vocab, phrase_pattern

    data = load_vocab()["yardstick"]
    return (
        phrase_pattern(data["before"]),
        phrase_pattern(data["after"]),
        int(data["before_gap"]),
        int(data["after_gap"]),
    )


def yardsticks(lower: str) -> set[tuple[int | None, int | None]]:
    """The scopes a comparison word marks as what the other is measured against ("compared
    with 2022", "2022년 대비"), as (year, round) — the subject is then the other scope,
    whichever the question names first."""
    before, after, before_gap, after_gap = _yardstick()
    found = mentions(lower)
    marked: set[tuple[int | None, int | None]] = set()
    for word in before.finditer(lower):
        nxt = [m for m in found if word.end() <= m.start <= word.end() + before_gap]
        if nxt:
            marked.add((nxt[0].year, nxt[0].round_no))
    for word in after.finditer(lower):
        prev = [m for m in found if word.start() - after_gap <= m.start < word.start()]
        if prev:
            marked.add((prev[-1].year, prev[-1].round_no))
    return marked


def subject_named_first(lower: str, first: object, other: object, named_first: bool) -> bool:
    """Whether the compared scope ``other`` (not the primary ``first``) is the question's
    subject: the one named first, unless a comparison word marks one of the two as the
    yardstick ("Compared with 2022, was 2023 higher?": 2023 is the subject)."""
    marked = yardsticks(lower)
    if other in marked and first not in marked:
        return False
    if first in marked and other not in marked:
        return True
    return named_first


def two_scopes(lower: str, newest_year: int | None) -> dict[str, object] | None:
    """The entity fields of a question naming two scopes of which one is a round, else None.

    The later scope is the primary one; the other becomes ``compare_round``/``compare_year``
    (E2's convention), or ``compare="whole_year"`` for a round against its own year."""
    found = list(dict.fromkeys((m.year, m.round_no) for m in mentions(lower)))
    if len(found) != 2 or all(r is None for _, r in found):
        return None

    def key(scope: tuple[int | None, int | None]) -> tuple[int, int]:
        year, round_no = scope
        return (year or newest_year or 0, 99 if round_no is None else round_no)

    first, other = sorted(found, key=key, reverse=True)
    # the question's own subject is the scope it names first ("3차 평균이 2024년보다 높아?")
    named_first = subject_named_first(lower, first, other, found.index(other) < found.index(first))
    if first[1] is not None and other[1] is None and other[0] in (first[0], None):
        return {"year": first[0], "round_no": first[1], "compare": "whole_year"}
    if other[1] is None and first[1] is None:
        return None
    # a round named with no year is the newest year's: it goes with a year only if that is it
    own_year = other[0] == first[0] or (other[0] is None and first[0] in (None, newest_year))
    if first[1] is None and other[1] is not None and own_year:
        # "2023년 전체와 3차": the round against its own year
        return {"year": first[0], "round_no": other[1], "compare": "whole_year"}
    fields: dict[str, object] = {
        "year": first[0],
        "round_no": first[1],
        "compare_year": other[0],
        "compare_first": named_first,
    }
    if other[1] is not None:
        fields.update(compare="round", compare_round=other[1])
    else:
        fields["compare"] = "year"
    return fields


def band(lower: str) -> tuple[float, float] | None:
    """A score band: "70점대" (70, 80), "between 70 and 75", "65~70점 구간",
    "70점 이상 75점 미만"."""
    for pattern, shape in _BANDS:
        match = pattern.search(lower)
        if not match:
            continue
        if shape == "decade":
            decade = int(match.group(1)) // 10 * 10
            if len(match.group(1)) == 2 and 0 <= decade < 100:
                return float(decade), float(decade + 10)
            continue
        low, high = float(match.group(1)), float(match.group(2))
        if 0 <= low < high <= 100:
            return low, high
    return None


def count(lower: str) -> int | None:
    """A count the question states: "13개", "10 services"."""
    for match in _COUNT.finditer(lower):
        raw = next(g for g in match.groups() if g)
        if len(raw) == 4 and 1990 <= int(raw) <= 2100:
            continue  # "2024 services": the services of a year, not 2024 of them
        return int(raw)
    return None


def out_of_range(lower: str, years: tuple[int, int] | None) -> str | None:
    """A score outside 0–100, a year outside ``years`` (the data's first and last year) or a
    round number no year has, as "score:101" / "year:9999" / "round:99"; else None."""
    for pattern in (_SCORE_UNIT, _EN_COMPARED, _KO_COMPARED):
        for match in pattern.finditer(lower):
            value = float(match.group(2)) * (-1 if match.group(1) else 1)
            if pattern is not _SCORE_UNIT and 1900 <= value <= 2100:
                continue  # a year ("2023년 이상"), not a score
            if value < 0 or value > 100:
                return f"score:{_shown(value)}"
    for match in _YEAR_OUT.finditer(lower):
        value = int(match.group(1) or match.group(2))
        if years is not None and not years[0] <= value <= years[1] + 1 and len(str(value)) >= 4:
            return f"year:{value}"
    for match in _ROUND_OUT.finditer(lower):
        raw = next(g for g in match.groups() if g)
        if len(raw) > 6 or int(raw) == 0 or int(raw) > MAX_ROUND:
            return f"round:{raw[:24]}"
    return None


def _shown(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


# ---- several rounds: named, left out, combined ------------------------------------------
#: One round number: "3차", "제3차", "round 3", "3rd round", and each number of a list
#: glued to one 차 ("1,2차", "1·2차", "1~3차") or after "rounds" ("rounds 1 and 2").
_ROUND_NUMBER = re.compile(
    r"(?<![\d.])([1-9])(?=\s*(?:[,·ㆍ~\-–]\s*[1-9]\s*)*(?:차|회차)(?!\s*산업))"
    r"|(?<![a-z])rounds?[\s-]*(?:no\.?\s*)?([1-9])(?!\d)"
    r"|(?<![0-9])([1-9])(?:st|nd|rd|th)?\s+rounds?\b"
    r"|(?<=\band )([1-9])(?!\d)(?=\s*(?:combined|together|in total|,|\?|$))"
)
#: Words that leave the rounds before (Korean) or after (English) them out.
_EXCLUDE_KO = re.compile(r"빼고|빼면|뺀|빼서|제외|말고|외에|외의")
_EXCLUDE_EN = re.compile(
    r"\b(?:except(?: for)?|excluding|other than|apart from|besides|without|leaving out"
    r"|not counting)\b"
)
#: What may stand between the rounds of one list and its exclusion word.
_LIST_GAP_KO = re.compile(r"^[\s차회는은를을도,·ㆍ~\-–랑이와과하고및]*$")
_LIST_GAP_EN = re.compile(r"^(?:\s|,|and|or|for|the|rounds?|&)*$")
_LIST_MORE_EN = re.compile(r"^\s*(?:,|and|or|&)?\s*(?:and|or)?\s*$")
#: The rounds not named ("나머지 차수", "the other rounds", "the remaining round").
_THE_REST = re.compile(
    r"나머지\s*(?:차수|회차|라운드)|남은\s*(?:차수|회차)|the other rounds?|the remaining rounds?"
    r"|the rest of the rounds"
)
#: Rounds added together ("1·2차 합쳐서", "rounds 1 and 2 combined").
_COMBINED = re.compile(
    r"합쳐|합치면|합산|합계|더하면|더해|모두 합|다 합"
    r"|combined|together|in total|altogether|summed|added up"
)


@dataclass(frozen=True)
class RoundList:
    """Every round number a question names (in order), those it leaves out, and whether it
    adds the rounds it names together."""

    named: tuple[int, ...]
    excluded: tuple[int, ...]
    combined: bool
    #: the rounds still asked: named less excluded, or the list added together
    left: tuple[int, ...] = ()


def round_list(lower: str) -> RoundList:
    """ "3차 빼고 1차랑 2차", "1차랑 3차 빼면 2차는", "except round 3", "1·2차 합쳐서"."""
    numbers = [
        (m.start(), m.end(), int(next(g for g in m.groups() if g)))
        for m in _ROUND_NUMBER.finditer(lower)
    ]
    excluded: list[int] = []
    for word in _EXCLUDE_KO.finditer(lower):
        end = word.start()
        for start, stop, number in reversed([n for n in numbers if n[1] <= word.start()]):
            if not _LIST_GAP_KO.match(lower[stop:end]):
                break
            excluded.append(number)
            end = start
    for word in _EXCLUDE_EN.finditer(lower):
        begin, gap = word.end(), _LIST_GAP_EN
        for start, stop, number in [n for n in numbers if n[0] >= word.end()]:
            if not gap.match(lower[begin:start]):
                break
            if gap is _LIST_MORE_EN and lower[start:stop].startswith("round"):
                break  # "except round 2, rounds 1 and 3": "rounds" starts a list of its own
            excluded.append(number)
            begin, gap = stop, _LIST_MORE_EN  # "except round 2, rounds 1 and 3": a new list
    named = tuple(n for _, _, n in numbers)
    if not excluded and _THE_REST.search(lower):
        # "1차 7개, 3차 0개면 나머지 차수에서는?": the rounds named are the ones left out
        excluded = list(named)
    left = tuple(n for n in dict.fromkeys(named) if n not in excluded)
    if _COMBINED.search(lower):
        # "since no round-3 service fell below, … rounds 1 and 2 combined": the rounds
        # added together are the list of several, not a round of the premise
        group = next((g for g in _groups(lower, numbers) if len(set(g) - set(excluded)) >= 2), ())
        left = tuple(n for n in dict.fromkeys(group) if n not in excluded) or left
        return RoundList(named, tuple(dict.fromkeys(excluded)), True, left)
    return RoundList(named, tuple(dict.fromkeys(excluded)), False, left)


def _groups(lower: str, numbers: list[tuple[int, int, int]]) -> list[list[int]]:
    """The round numbers in runs joined only by list words ("1차랑 2차", "rounds 1 and 2")."""
    groups: list[list[int]] = []
    last_end = None
    for start, end, number in numbers:
        gap = lower[last_end:start] if last_end is not None else None
        joined = gap is not None and (_LIST_GAP_KO.match(gap) or _LIST_GAP_EN.match(gap))
        if joined and groups:
            groups[-1].append(number)
        else:
            groups.append([number])
        last_end = end
    return groups


# ---- several rounds, each of its own year ------------------------------------------------
#: A year, then its round(s): "2023년 3차", "23년 2·3차", "2024 R2", "'25 round 1".
_YEAR_ROUNDS = re.compile(
    r"(?:(?<![\d.])(20\d\d)(?![\d.])|['’](\d\d)(?!\d)|(?<![\d.])(\d\d)(?=\s*년))"
    r"\s*(?:년도?)?\s*(?:의|,)?\s*"
    r"(?:제?\s*([1-9](?:\s*[,·ㆍ]\s*[1-9])*)\s*(?:차|회차)(?!\s*산업)"
    r"|(?:round|rnd|r)[\s-]*(?:no\.?\s*)?([1-9])(?!\d))"
)
#: A round, then its year: "round 3 of 2023", "R2 in 2024".
_ROUND_OF_YEAR = re.compile(
    r"(?<![a-z])(?:round|rnd|r)[\s-]*(?:no\.?\s*)?([1-9])(?!\d)\s*(?:of|in)\s*"
    r"(?:(?<![\d.])(20\d\d)(?![\d.])|['’](\d\d)(?!\d))"
)


def year_rounds(lower: str) -> tuple[tuple[int, int], ...]:
    """Every (year, round) a question names as a round of its own year, in order, when it
    names two or more ("23년 3차, 24년 2차", "(2023 R3, 2024 R2, 2025 R1)", "23년 2·3차"):
    the rounds of a sum or list across years; () for one pair or none (the scope fields
    already say that one)."""
    found: list[tuple[int, int, int]] = []
    spans: list[tuple[int, int]] = []
    for m in _YEAR_ROUNDS.finditer(lower):
        spans.append(m.span())
        raw = m.group(1) or m.group(2) or m.group(3)
        year = int(raw) if len(raw) == 4 else 2000 + int(raw)
        numbers = re.findall(r"[1-9]", m.group(4)) if m.group(4) else [m.group(5)]
        found += [(m.start(), year, int(n)) for n in numbers]
    for m in _ROUND_OF_YEAR.finditer(lower):
        if any(a < m.end() and m.start() < b for a, b in spans):
            continue  # "2023 R3, 2024": that round is 2023's
        raw = m.group(2) or m.group(3)
        found.append((m.start(), int(raw) if len(raw) == 4 else 2000 + int(raw), int(m.group(1))))
    pairs = tuple(dict.fromkeys((year, n) for _, year, n in sorted(found)))
    return pairs if len(pairs) >= 2 else ()


#: A scope "as of" which something is asked ("2023년 3차 기준으로", "2024년 기준"): the
#: scope, not the cutoff ("기준" is both).
_AS_OF = re.compile(
    r"((?:20\d\d|\d\d)\s*년도?|[1-9]\s*(?:차|회차)|\d{1,2}\s*월)\s*기준(?:으로는|으로|으론|에서는|에서|에선|에는|에|은|는)?"
    r"(?:\s*(?:으로만|으로|만))?"
)


def without_as_of(lower: str) -> str:
    """``lower`` with "기준" taken out where it follows a scope ("2023년 3차 기준으로만")."""
    return _AS_OF.sub(lambda m: m.group(1), lower)
