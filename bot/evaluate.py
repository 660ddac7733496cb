"""Run a question set against the engine and report what fails, and why.

A question set is a YAML list of cases in the format of ``shared/eval/dev_questions.yaml``:

    q         the question as typed
    lang      language the answer must be in
    answered  whether the knowledge base holds the answer
    must      list of any-of groups: one string of each group must appear (case-insensitive)
    must_not  strings that must not appear

and, in evalbot's own sets (tests/questions/), optionally:

    ask_lang  the language the user chose (passed to the engine; it wins over the question's)
    intent    the intent the engine must choose
    context   the previous turn, as ``{intent: ..., entities: {...}}`` (see ``bot.answer.Context``)
    turns     instead of q: a conversation, a list of cases asked in order, each turn getting
              the previous answer's context
    suggests  at least this many suggestions (an ask-back must offer candidates)
    suggest   list of any-of groups, like ``must``, over the suggestions' questions
    max_lines at most this many lines of text (a greeting is brief, not the help page)
    starts    any-of list: the answer text must begin with one of these (a yes/no answer
              begins 네/아니요, Yes/No, or says it cannot be known)
    wait      minutes that pass before this turn (a stored context expires)

Every answer is also checked for invented numbers: each decimal number in its text must be
a stored figure or score, or computed from two of them (a difference or a share).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import combinations
from pathlib import Path
from typing import Any, TextIO

import yaml

from bot.answer import Answer, Context
from knowledge.queries import Queries

_DECIMAL = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d+(?!\d|\.\d)")


@dataclass(frozen=True)
class Outcome:
    label: str
    answer: Answer
    problems: tuple[str, ...]


def load_cases(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return list(yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or [])


def _area_numbers(queries: Queries) -> set[str]:
    """Scores by area as stored, each as a share of its area's points (57%, 57.0%), and the
    gap between two services' scores in one area."""
    shown: set[str] = set()
    by_area: dict[str, list[tuple[Decimal, int]]] = {}
    for e in queries.evaluations():
        for a in e.area_scores:
            by_area.setdefault(a.area, []).append((Decimal(str(a.score)), a.precision))
            shown.add(_show(Decimal(str(a.score)), a.precision))
            if a.points:
                pct = Decimal(str(a.score)) * 100 / a.points
                shown.update({_show(pct, 1), _show(pct, 2)})
                if pct == pct.to_integral_value():
                    shown.add(_show(pct, 0))
    for scores in by_area.values():
        for (x, px), (y, py) in combinations(scores, 2):
            shown.add(_show(abs(x - y), max(px, py)))
    return shown


def allowed_numbers(queries: Queries) -> frozenset[str]:
    """Every decimal an answer may show: stored values and differences/shares of them."""
    values: list[tuple[Decimal, int]] = []
    counts: set[int] = set()  # what a share may count ...
    totals: set[int] = set()  # ... and out of what
    for stored in queries.figures():
        f = stored.figure
        if f.value is not None:
            values.append((Decimal(str(f.value)), f.precision))
            if f.metric.startswith(("below", "from_")):
                counts.add(int(f.value))
            if f.metric in ("services_evaluated", "services_in_year"):
                totals.add(int(f.value))
        if f.denominator:
            totals.add(f.denominator)
    for r in queries.rounds():
        if r.average_score is not None:
            values.append((Decimal(str(r.average_score)), r.average_precision))
        values.append((Decimal(str(r.cutoff)), 0))
        totals.add(len(queries.evaluations(r.year, r.round_no)))
        if r.below_cutoff_count is not None:
            counts.add(r.below_cutoff_count)
    for e in queries.evaluations():
        if e.score is not None:
            values.append((Decimal(str(e.score)), e.score_precision))
    allowed = {_show(v, p) for v, p in values}
    allowed |= _area_numbers(queries)
    for finding in queries.findings():  # quoted as published ("가동률 94.2%")
        for text in (finding.text_ko, finding.text_en or ""):
            allowed.update(n.replace(",", "") for n in _DECIMAL.findall(text))
    for (a, pa), (b, pb) in combinations(values, 2):
        allowed.add(_show(abs(a - b), max(pa, pb)))
    counts |= totals  # a round's services out of its year's ("6 of 47")
    # a round's count deduced from its year's ("47 − 12 − 6 = 29 evaluated, 13 − 7 − 0 = 6
    # below"): the year's total less its other rounds' counts, and the share it makes
    for year_totals, round_totals in _by_year(queries).values():
        for metric in ("evaluated", "below"):
            whole = year_totals.get(metric, set())
            parts = list(round_totals.get(metric, {}).values())
            deduced = {w - p for w in whole for p in parts if w >= p}
            deduced |= {w - sum(parts) for w in whole if w >= sum(parts)}
            year_totals.setdefault("deduced_" + metric, set()).update(deduced)
        for n in year_totals.get("deduced_below", set()) | year_totals.get("below", set()):
            for total in year_totals.get("deduced_evaluated", set()):
                if total > 0 and n <= total:
                    allowed.add(_show(Decimal(n) * 100 / total, 1))
    for n in counts:
        for total in totals:
            if total > 0 and n <= total:
                for places in (1, 2):  # "5 / 126 = 3.97 %" where one decimal would hide it
                    allowed.add(_show(Decimal(n) * 100 / total, places))
                    allowed.add(_show(Decimal(total - n) * 100 / total, places))  # complement
    for v, p in values:
        if 0 <= v <= 100:
            allowed.add(_show(Decimal(100) - v, p))  # a share's complement ("100% − 27.7%")
    return frozenset(allowed)


def _show(value: Decimal, precision: int) -> str:
    return str(value.quantize(Decimal(1).scaleb(-precision), ROUND_HALF_UP))


def _by_year(queries: Queries) -> dict[int, tuple[dict[str, set[int]], dict[str, dict[int, int]]]]:
    """Per year: its totals (services evaluated that year, below the cutoff over the year)
    and each single round's counts — the parts a deduction is made of."""
    years: dict[int, tuple[dict[str, set[int]], dict[str, dict[int, int]]]] = {}
    metrics = {"services_in_year": "evaluated", "services_evaluated": "evaluated"}
    metrics["below_cutoff"] = "below"
    for stored in queries.figures():
        f = stored.figure
        name, s = metrics.get(f.metric), f.scope
        if name is None or f.value is None or s.year_start is None or s.year_start != s.year_end:
            continue
        whole, rounds = years.setdefault(s.year_start, ({}, {}))
        if s.round_start is not None and s.round_start == s.round_end:
            rounds.setdefault(name, {})[s.round_start] = int(f.value)
        else:
            whole.setdefault(name, set()).add(int(f.value))
    for r in queries.rounds():
        whole, rounds = years.setdefault(r.year, ({}, {}))
        n = len(queries.evaluations(r.year, r.round_no)) or r.services_evaluated
        if n:
            rounds.setdefault("evaluated", {})[r.round_no] = int(n)
        if r.below_cutoff_count is not None:
            rounds.setdefault("below", {})[r.round_no] = r.below_cutoff_count
        if r.services_in_year:
            whole.setdefault("evaluated", set()).add(r.services_in_year)
    return years


def invented_numbers(text: str, allowed: frozenset[str]) -> list[str]:
    """Decimal numbers in ``text`` that are neither stored nor computed from stored ones —
    including on the answer's own arithmetic lines ("(83.40 + 80.65 + 87.30) / 3 = 83.78")."""
    known = allowed | derived_numbers(text, allowed)
    return [n for n in _DECIMAL.findall(text) if n.replace(",", "") not in known]


#: an arithmetic line's expression and its result: "(a + b + c) / 3 = m", "a − b = d",
#: "(74.02 × 47 − 79.05 × 6) / 41 = 73.28", "6 / 47 = 12.8%"
_EQUATION = re.compile(r"([\d.()\s+\-−×*/÷]*\d[\d.()\s+\-−×*/÷]*?)=\s*(\d[\d,]*\.\d+)(\s*%)?")
_OPERATORS = str.maketrans({"−": "-", "×": "*", "÷": "/"})
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def derived_numbers(text: str, allowed: frozenset[str]) -> frozenset[str]:
    """Results of the answer's arithmetic lines whose decimal operands are all allowed and
    whose result is right (half-up at the result's precision): a figure computed in the open
    is as good as a stored one — and a wrong sum shown as arithmetic is still caught."""
    found: set[str] = set()
    for line in text.splitlines():
        for match in _EQUATION.finditer(_THOUSANDS.sub("", line)):
            expression = match.group(1).strip().translate(_OPERATORS)
            while expression.count("(") > expression.count(")"):  # "(77.62 − 74.02 = 3.60)"
                expression = expression.replace("(", "", 1).strip()
            operands = re.findall(r"\d+\.\d+", expression)
            if not all(o in allowed or o in found for o in operands):
                continue
            value = _evaluate(expression)
            if value is None:
                continue
            if match.group(3):  # a share: "6 / 47 = 12.8%"
                value *= 100
            result = match.group(2).replace(",", "")
            step = Decimal(1).scaleb(-len(result.split(".")[1]))
            if value.quantize(step, rounding=ROUND_HALF_UP) == Decimal(result):
                found.add(result)
                found.update(_numerators(expression))
    return frozenset(found)


def _evaluate(expression: str) -> Decimal | None:
    """The value of an arithmetic expression of numbers, + - * / and brackets (in
    ``Decimal``, exact as written), or None when it is not one."""
    try:
        tree = ast.parse(expression, mode="eval").body
        return _value(tree)
    except (SyntaxError, ValueError, ArithmeticError):
        return None


def _value(node: ast.expr) -> Decimal:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return Decimal(repr(node.value))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_value(node.operand)
    if isinstance(node, ast.BinOp):
        left, right = _value(node.left), _value(node.right)
        operations = {ast.Add: left.__add__, ast.Sub: left.__sub__, ast.Mult: left.__mul__}
        if isinstance(node.op, ast.Div):
            return left / right
        for kind, operation in operations.items():
            if isinstance(node.op, kind):
                return operation(right)
    raise ValueError("not arithmetic")


def _numerators(expression: str) -> set[str]:
    """A mean's sum shown as its own figure ("(a + b + c) / 3": the sum a + b + c)."""
    tree = ast.parse(expression, mode="eval").body
    if isinstance(tree, ast.BinOp) and isinstance(tree.op, ast.Div):
        return {str(_value(tree.left))}
    return set()


def check(case: dict[str, Any], answer: Answer, allowed: frozenset[str]) -> list[str]:
    """Why ``answer`` fails ``case`` (empty when it passes)."""
    problems = []
    text = answer.text.lower()
    if "lang" in case and answer.lang != case["lang"]:
        problems.append(f"lang is {answer.lang}, expected {case['lang']}")
    starts = [str(o).lower() for o in case.get("starts") or []]
    if starts and not any(text.lstrip().startswith(o) for o in starts):
        problems.append(f"the answer does not begin with any of {starts}")
    if "answered" in case and answer.answered != bool(case["answered"]):
        problems.append(f"answered is {answer.answered}, expected {case['answered']}")
    if case.get("intent") and answer.intent != case["intent"]:
        problems.append(f"intent is {answer.intent}, expected {case['intent']}")
    for group in case.get("must") or []:
        options = [str(o) for o in (group if isinstance(group, list) else [group])]
        if not any(o.lower() in text for o in options):
            problems.append(f"none of {options} in the answer")
    for banned in case.get("must_not") or []:
        if str(banned).lower() in text:
            problems.append(f"{banned!r} must not appear")
    if len(answer.suggestions) < int(case.get("suggests") or 0):
        problems.append(f"{len(answer.suggestions)} suggestions, expected {case['suggests']}+")
    offered = " | ".join(s.question.lower() for s in answer.suggestions)
    for group in case.get("suggest") or []:
        options = [str(o) for o in (group if isinstance(group, list) else [group])]
        if not any(o.lower() in offered for o in options):
            problems.append(f"none of {options} in the suggestions")
    lines = answer.text.count("\n") + 1
    if case.get("max_lines") and lines > int(case["max_lines"]):
        problems.append(f"{lines} lines of text, expected at most {case['max_lines']}")
    invented = invented_numbers(answer.text, allowed)
    if invented:
        problems.append(f"numbers from nowhere: {invented}")
    if not answer.sources and answer.answered:
        problems.append("an answer without sources")
    return problems


def run_cases(cases: list[dict[str, Any]], engine: Any) -> Iterator[Outcome]:
    """Ask every case (every turn of a conversation) and judge each answer."""
    allowed = allowed_numbers(engine.queries)
    for number, case in enumerate(cases, start=1):
        turns = case.get("turns") or [case]
        context = Context.from_json(_json(case.get("context")))
        for step, turn in enumerate(turns, start=1):
            if turn.get("wait") and context is not None:
                context = context.aged(float(turn["wait"]) * 60)
            answer = engine.answer(
                str(turn.get("q", "")), lang=turn.get("ask_lang"), context=context
            )
            context = answer.context
            label = f"#{number}" + (f".{step}" if len(turns) > 1 else "") + f" {turn.get('q')!r}"
            yield Outcome(label, answer, tuple(check(turn, answer, allowed)))


def _json(raw: Any) -> str | None:
    import json

    return json.dumps(raw, ensure_ascii=False) if raw else None


def run_eval(path: str | Path, engine: Any, out: TextIO) -> tuple[int, int]:
    """Run the question set at ``path``; print each failure with why, then the tally."""
    passed = failed = 0
    for outcome in run_cases(load_cases(path), engine):
        if outcome.problems:
            failed += 1
            out.write(f"FAIL {outcome.label} [{outcome.answer.intent}]\n")
            for problem in outcome.problems:
                out.write(f"  - {problem}\n")
            out.write("  answer: " + outcome.answer.text.replace("\n", "\n          ") + "\n")
        else:
            passed += 1
    out.write(f"{passed} passed, {failed} failed\n")
    return passed, failed
