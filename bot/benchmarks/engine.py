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


# ---- many rounds and the largest accepted document -----------------------------------------
#: The disclosure every generated page is modelled on (shipped in knowledge/sources).
SEED = "2023-round3-disclosure.txt"
START_RUNS = 3


def with_documents(base: Path, documents: list[tuple[str, str]], folder: Path) -> Path:
    """A copy of the knowledge base ``base`` with ``documents`` (name, text) ingested."""
    import shutil

    from knowledge.store import ingest_text, open_db

    path = folder / "bench-knowledge.db"
    shutil.copy(base, path)
    db = open_db(path)
    for name, text in documents:
        ingest_text(db, text, name, notify=False)
    db.close()
    return path


def history_documents(rounds: int, seed: int = 1) -> tuple[list[tuple[str, str]], list[str]]:
    """A generated history of ``rounds`` rounds (synthetic pages) and questions about it."""
    from knowledge import synthetic

    return synthetic.generate(seed, rounds).documents(), synthetic.history_questions(seed, rounds)


def largest_document(year: int = 2099) -> tuple[str, str]:
    """A synthetic page just under the size limit: the seed's layout, a new round (of
    ``year``), and its last service's improvement row filled with short bullets — the most
    findings (and so the slowest start-up) an accepted document can bring."""
    from knowledge.curated import SOURCES_DIR
    from knowledge.disclosure import MAX_BYTES

    seed = (SOURCES_DIR / SEED).read_text(encoding="utf-8").rstrip()
    seed = seed.replace("2023년 제3차", f"{year}년 제3차").replace("'23년", f"'{year % 100:02d}년")
    head = "※ 합성 시험 문서 (synthetic benchmark document) — not a real disclosure\n"
    text, number = head + seed, 0
    bullets: list[str] = []
    size = len(text.encode())
    while True:
        bullet = f" - 자체점검 항목 {number} 강화 필요"
        if size + len(bullet.encode()) + 1 > MAX_BYTES:
            break
        bullets.append(bullet)
        size += len(bullet.encode())
        number += 1
    return f"synthetic-largest-{year}.txt", text + "".join(bullets) + "\n"


def run_start(db_path: Path, out: TextIO, runs: int = START_RUNS) -> dict[str, Any]:
    """Start-up (engine built over ``db_path`` and its first answer), best of ``runs``."""
    from knowledge.queries import Queries

    times = []
    for _ in range(runs):
        began = time.perf_counter()
        queries = Queries(db_path)
        Engine(queries).answer("최근 평가 결과 요약해줘")
        times.append(time.perf_counter() - began)
        queries.close()
    result = {"start_s": min(times), "findings": len(Queries(db_path).findings())}
    verdict = "ok" if result["start_s"] <= TARGETS["cold_start_s"] else "MISSED"
    out.write(
        f"start-up after the largest accepted document ({result['findings']} findings): "
        f"{result['start_s']:.3f} s (best of {runs})   target <= 1: {verdict}\n"
    )
    return result
