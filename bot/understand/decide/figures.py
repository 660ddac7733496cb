"""Questions about figures: counts, shares, averages over years, a value itself.

"3차에서 기준보다 낮은 곳 몇 개야?", "3차 대상이 그 해 전체의 절반이 넘어?", "Compare the
2022, 2023 and 2024 averages.", "74.02는 무슨 숫자야?", "몇 개 떨어졌어?": which figure is
asked, and of what — the verb and the scope decide, not the nouns the words share.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.understand import Understander, Understanding
from bot.understand.decide.decision import Decision
from bot.understand.decide.groups import AVERAGE_WHATS, COUNT_WHATS, FELL_READS, NO_VERDICT
from bot.understand.decide.words import CONSIGNED, EVALUATED, EVALUATION
from bot.understand.entities import Entities

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


def counted_under_the_line(ur: Understander, u: Understanding) -> bool:
    """A count of services below the cutoff said by its name ("기준보다 낮은 곳"), with
    no number, service, band or average of its own."""
    e = u.entities
    return (
        "count" in e.metrics
        and e.threshold is None
        and e.band is None
        and not (e.services or e.service_candidates)
        and "average" not in e.metrics
        and bool(ur.parts.checks["under_the_line"].search(u.text.lower()))
    )


def year_of_most(ur: Understander, u: Understanding) -> bool:
    """The year with the most (fewest) services evaluated: a year asked for, an end, and
    the services evaluated — no average, score, share, scope or service."""
    e, lower, checks = u.entities, u.text.lower(), ur.parts.checks
    ends = e.metrics & {"highest", "lowest"}
    if len(ends) != 1 or e.metrics & {"average", "share"} or e.has_scope or e.services:
        return False
    if e.threshold or e.band:
        return False
    if checks["fail"].search(lower) or checks["fell_verb"].search(lower):
        return False  # "탈락이 제일 많았던 해": the counts below the cutoff
    evaluated = EVALUATED.search(lower) or checks["evaluated_verb"].search(lower)
    return bool(evaluated and checks["which_year"].search(lower))


def round_share_of_year(ur: Understander, u: Understanding) -> bool:
    """A round's evaluated services as a part of its year's: a round named, a share (or
    "half"), words of the services evaluated, and nothing of scores, failures or averages."""
    e, lower, checks = u.entities, u.text.lower(), ur.parts.checks
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
    return bool(EVALUATED.search(lower)) or stated


def figure_checked(ur: Understander, u: Understanding) -> bool:
    """A stated value (a count too: "47개라는 숫자") checked for what it measures: a
    quoting phrase ("라는 숫자", "이라는 수치"), or "is N the number of …"."""
    e, lower = u.entities, u.text.lower()
    if e.services or e.service_candidates or e.unknown_name or e.threshold or e.band:
        return False
    if _VALUE_IS_THE.search(lower):
        return True
    stated = e.count is not None or _FIGURE_VALUE.search(lower) is not None
    return stated and bool(ur.parts.checks["figure_identity"].search(lower))


def figure_asked(ur: Understander, u: Understanding) -> bool:
    """A value asked about for what it is, with (almost) nothing else in the question:
    a decimal or a percentage ("74.02는 무슨 숫자야?", "what's 27.7%?"), or any number
    with a word for a figure ("61은 무슨 숫자야?")."""
    e, lower = u.entities, u.text.lower()
    if e.services or e.has_scope or e.threshold or e.band or e.unknown_name:
        return False
    asked = ur.parts.checks["figure_asked"]
    if not asked.search(lower):
        return False
    number = _FIGURE_VALUE.search(lower)
    if number is None:
        return False
    if not (number.group(2) or number.group(3) or _FIGURE_WORD.search(lower)):
        return False
    rest = _FIGURE_WORD.sub(" ", asked.sub(" ", _FIGURE_VALUE.sub(" ", u.prepared)))
    quoting = _QUOTING | ur.vocab.function_words
    metric = ur.vocab.metrics["share"]  # "…나눈 비율이에요?": the value's own kind
    words = [w for w in rest.split() if len(w) > 1 and w not in quoting]
    words = [w for w in words if not metric.match(w)]
    return len(words) <= 1


def compared_figure(ur: Understander, u: Understanding) -> bool:
    """ "3.6점 하락했다는 건 뭐랑 뭐를 비교한 거야?", "the 3.6 drop is between what and
    what?": a decimal quoted and its two sides asked — the stored figure with that value."""
    number = _FIGURE_VALUE.search(u.text.lower())
    if number is None or not number.group(2) or u.entities.services:
        return False
    return bool(ur.parts.checks["what_compared"].search(u.text.lower()))


def year_against_before(e: Entities) -> bool:
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


def year_moved(ur: Understander, u: Understanding, e: Entities) -> bool:
    """ "2024년에는 좀 나아졌나요?": one year, a word of change and nothing else — its
    average against the year before."""
    if e.compare != "other" or e.year is None or e.round_no is not None or e.year_span:
        return False
    if e.how not in ("yes_no", "trend") or e.count is not None:
        return False  # "2024년에 떨어진 8개 어디어디야?": which ones, not a change
    if e.metrics - {"average"} or e.services or e.threshold or e.band or e.topic or e.kind:
        return False
    lower, checks = u.text.lower(), ur.parts.checks
    if checks["fail"].search(lower) or ur.parts.cutoff.search(lower):
        return False  # "did over a third of 2023's services fall below the cutoff?"
    return bool(checks["up"].search(lower) or checks["down"].search(lower))


def scopes_compared(ur: Understander, u: Understanding, e: Entities) -> bool:
    """Two scopes weighed against each other with no service and no figure named ("2022년이
    2023년 3차보다 높았어?", "Did things improve in 2024 compared with 2023?", "In comparison
    with 2022, did round 3 of 2023 score higher?"): the one figure both hold is the average —
    not a finding, a ranking or the cutoff rule the other words resemble."""
    # two rounds are judged by everything both publish (the yes/no handler's rounds_judged)
    if e.compare != "year" or e.compare_year is None or e.year is None:
        return False
    if e.services or e.service_candidates or e.threshold or e.band or e.topic:
        return False
    if e.metrics - {"average", "highest"} or e.count is not None:
        return False
    lower, checks = u.text.lower(), ur.parts.checks
    if checks["fail"].search(lower) or ur.parts.cutoff.search(lower):
        return False  # "more services below the cutoff in 2024?": a count, not the average
    changed = checks["up"].search(lower) or checks["down"].search(lower)
    return bool(changed or checks["compared_words"].search(lower))


#: A span of years as written ("2015–2022", "2015~22년"): one scope, its ends no years.
_SPAN_WRITTEN = re.compile(
    r"(?<![\d.])(?:19|20)?\d\d\s*(?:년도?)?\s*(?:~|-|–|—|to|부터|에서)\s*(?:(?:19|20)?\d\d)(?![\d.])"
)
#: A year as written: "2023", or "23년" (two digits before 년, not a duration).
_YEAR_WRITTEN = re.compile(r"(?<![\d.])(?:20(\d\d)|(\d\d)\s*년(?!\s*(?:동안|간|째)))(?![\d.])")


def year_series(ur: Understander, u: Understanding, d: Decision, e: Entities) -> bool:
    """Several years' averages at once: the best or worst year, three or more years
    named, or the history of the averages with no scope."""
    if e.services or e.round_no is not None or e.aspects or d.intent in NO_VERDICT:
        return False
    lower = u.text.lower()
    checks = ur.parts.checks
    if checks["worst_year"].search(lower) or checks["best_year"].search(lower):
        return d.intent in AVERAGE_WHATS | {"highest", "lowest", "yes_no"} or (
            "average" in e.metrics
        )
    averages = d.intent in AVERAGE_WHATS or "average" in e.metrics
    # "2015-2022" is one span, not two years; its end named again alone is a year
    unspanned = _SPAN_WRITTEN.sub(" ", lower)
    years = {m.group(1) or m.group(2) for m in _YEAR_WRITTEN.finditer(unspanned)}
    if averages and len(years) + (e.year_span is not None) >= 3:
        return True  # three scopes: years, or a span and two years
    history = "history" in e.metrics and d.intent == "average" and not e.has_scope
    # "yearly averages in time order": every year is the series, not one year's whole
    return history and e.compare in (None, "whole_year")


def consigned_size(lower: str, d: Decision, e: Entities) -> bool:
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
        and not EVALUATION.search(lower)
    )


def two_year_shares(d: Decision, e: Entities) -> bool:
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


def budget_per_service(ur: Understander, u: Understanding) -> bool:
    """ "위탁사무 1개당 평균 예산은?": the consignment budget, however "평균" reads."""
    e, lower = u.entities, u.text.lower()
    return (
        "budget" in e.aspects
        and bool(CONSIGNED.search(lower))
        and not EVALUATION.search(lower)
        and not (e.services or e.threshold or e.band)
    )


def measured_by_verb(ur: Understander, u: Understanding, intent: str) -> Decision | None:
    """A count whose verb says what is counted, whatever nouns the words share: services
    Seoul *evaluated* ("how many consigned services did Seoul evaluate?") are not the
    services it consigns, and services that *fell* ("3차 몇 개 떨어졌어?") fell below the
    cutoff, not an average that fell.  What the question sets aside ("not just the ones
    evaluated") is not what it counts."""
    e, checks = u.entities, ur.parts.checks
    lower = ur.parts.without_set_aside(u.text.lower())
    if e.services or e.threshold or e.band:
        return None
    if "count" not in e.metrics:
        # "그 중에 떨어진 건?", "which ones failed?": the services that fell, no figure
        bare = not (e.metrics or e.topic or e.kind or checks["score_words"].search(lower))
        # "2023년은 2022년보다 몇 점 떨어졌어?": a difference of figures, not services
        bare = bare and e.how in (None, "yes_no") and e.compare in (None, "other")
        fallen = bare and bool(checks["fell_verb"].search(lower)) and intent in FELL_READS
        return Decision("below_cutoff", replace(e, compare=None)) if fallen else None
    evaluated = checks["evaluated_verb"].search(lower) and "budget" not in e.aspects
    asked = ("consignment", "reported_figures", "fallback", "purpose", "scoring_scheme")
    # "평가를 받아야 했던 사무는 몇 개?": "받아야" is the rule's word only beside a cutoff
    ruled = intent == "cutoff_rule" and not ur.parts.cutoff.search(lower)
    # "평가받는 사무 개수는 2023년하고 2024년하고 비교하면?": counts compared, no average
    ruled = ruled or (intent == "average" and "average" not in e.metrics)
    if evaluated and (intent in asked or ruled):
        return Decision("count_evaluated", replace(e, aspects=frozenset()))
    consigned = CONSIGNED.search(lower) and not EVALUATION.search(lower)
    if consigned and intent in ("below_cutoff", "count_evaluated", "fallback", "average"):
        # "2023년 1월 기준 위탁사무가 전년보다 몇 개 줄었어?": Seoul's consignment
        return Decision("consignment", replace(e, aspects=e.aspects | {"size"}))
    fell = "average" not in e.metrics and checks["fell_verb"].search(lower)
    if fell and intent in FELL_READS:
        compare = None if e.compare == "other" else e.compare
        return Decision("below_cutoff", replace(e, compare=compare))
    return None


def failure_share(ur: Understander, u: Understanding, intent: str) -> Decision | None:
    """ "23년 1차 탈락률이랑 연간 탈락률 비교하면?": a share of failures, whatever comparing
    words made it resemble the averages — the share below the cutoff."""
    e, lower, checks = u.entities, u.text.lower(), ur.parts.checks
    if intent not in ("average", "fallback") or "share" not in e.metrics or e.how == "trend":
        return None
    if "average" in e.metrics or e.services or e.band:
        return None
    failed = checks["fail"].search(lower) or checks["fell_verb"].search(lower)
    return Decision("below_cutoff", e) if failed else None
