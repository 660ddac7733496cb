"""Benchmark of the answer engine, rerunnable by anyone: ``evalbot bench engine [FILE...]``.

Over every question of the given sets, in one process: cold start (building the engine
and answering the first question, module imports included when they have not happened
yet), then latency per answer (p50, p99, max) over several passes, and peak memory (the
process's peak resident set size).  ``evalbot bench engine --scorers`` compares the
intent scorers and cue weights on the labelled questions instead — the measurement
behind the choice in intents.yaml — with one engine per setting, built through the
engine's public interface.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from bot.engine import Engine
from bot.evaluate import load_cases

PASSES = 5
TARGETS = {"p99_ms": 2.0, "cold_start_s": 1.0, "peak_mb": 150.0}


def _questions(files: list[Path]) -> list[tuple[str, bool]]:
    """(question, continues the previous one) for every case and every turn."""
    out = []
    for path in files:
        for case in load_cases(path):
            turns = case.get("turns") or [case]
            for step, turn in enumerate(turns):
                out.append((str(turn.get("q", "")), step > 0))
    return out


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)  # bytes on macOS


def run_bench(
    engine_factory: Callable[[], Engine], question_files: list[Path], out: TextIO
) -> dict[str, Any]:
    """Measure and print cold start, latency per answer and peak memory."""
    questions = _questions(question_files)
    if not questions:
        raise ValueError("no questions to benchmark")
    start = time.perf_counter()
    engine = engine_factory()
    engine.answer(questions[0][0])
    cold = time.perf_counter() - start
    timings: list[float] = []
    for _ in range(PASSES):
        context = None
        for question, follows in questions:
            began = time.perf_counter()
            answer = engine.answer(question, context=context if follows else None)
            timings.append((time.perf_counter() - began) * 1000)
            context = answer.context
    timings.sort()
    result = {
        "questions": len(questions),
        "answers": len(timings),
        "cold_start_s": cold,
        "p50_ms": statistics.median(timings),
        "p99_ms": timings[min(len(timings) - 1, int(len(timings) * 0.99))],
        "max_ms": timings[-1],
        "mean_ms": statistics.fmean(timings),
        "peak_mb": _peak_mb(),
    }
    _print(result, out)
    return result


def _print(result: dict[str, Any], out: TextIO) -> None:
    out.write(f"engine benchmark: {result['questions']} questions x {PASSES} passes\n")
    rows = [
        ("cold start to first answer", f"{result['cold_start_s']:.3f} s", "cold_start_s"),
        ("latency p50", f"{result['p50_ms']:.3f} ms", None),
        ("latency p99", f"{result['p99_ms']:.3f} ms", "p99_ms"),
        ("latency max", f"{result['max_ms']:.3f} ms", None),
        ("latency mean", f"{result['mean_ms']:.3f} ms", None),
        ("peak memory (max RSS)", f"{result['peak_mb']:.1f} MB", "peak_mb"),
    ]
    for label, value, key in rows:
        verdict = ""
        if key:
            limit = TARGETS[key]
            verdict = f"target <= {limit:g}: " + ("ok" if result[key] <= limit else "MISSED")
        out.write(f"  {label:<28} {value:>12}   {verdict}\n")


def run_scorers(engine: Engine, question_files: list[Path], out: TextIO) -> list[tuple]:
    """Intent accuracy of each scorer and cue bonus on the questions labelled with an intent
    (``engine`` gives the knowledge base and the settings to vary; it is left unchanged)."""
    from bot.understand.intents import SCORERS

    labelled = [
        (case["q"], case["intent"])
        for path in question_files
        for case in load_cases(path)
        if case.get("q") and case.get("intent") and not case.get("context")
    ]
    chosen = engine.understander.matching
    results = []
    for scorer in SCORERS:
        for cue_bonus in (0, 10, 20, 30):
            matching = replace(chosen, scorer=scorer, cue_bonus=cue_bonus)
            variant = Engine(engine.queries, matching=matching)
            right = sum(variant.intent_of(q) == want for q, want in labelled)
            results.append((scorer, cue_bonus, right, len(labelled)))
            share = right / len(labelled)
            out.write(
                f"  {scorer:<24} cue_bonus={cue_bonus:<3} {right}/{len(labelled)} {share:.1%}\n"
            )
    return results
