"""The question sets: the shared dev set passes completely, evalbot's own sets (at least
200 cases, both languages, every intent) pass at 97 % or better, and no answer in any of
them shows a number that is not stored or computed from stored figures."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.evaluate import (
    allowed_numbers,
    invented_numbers,
    load_cases,
    run_cases,
    run_eval,
)
from bot.understand.intents import intent_specs, load_intents

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev_questions.yaml"
#: evalbot's own sets on the default build (many_rounds*.yaml run on their own database,
#: in tests/test_many_rounds.py)
OWN = sorted(
    p for p in (ROOT / "tests" / "questions").glob("*.yaml") if not p.name.startswith("many_rounds")
)


@pytest.fixture(scope="module")
def engine(queries) -> Engine:
    return Engine(queries)


def _turns(path: Path) -> list[dict]:
    return [turn for case in load_cases(path) for turn in case.get("turns") or [case]]


@pytest.mark.skipif(not DEV.exists(), reason="shared dev set not present")
def test_dev_questions_pass_completely(engine: Engine) -> None:
    out = io.StringIO()
    passed, failed = run_eval(DEV, engine, out)
    assert failed == 0, out.getvalue()
    assert out.getvalue().splitlines()[-1] == f"{passed} passed, 0 failed"


def test_own_sets_are_big_bilingual_and_cover_every_intent() -> None:
    cases = [case for path in OWN for case in load_cases(path)]
    turns = [turn for path in OWN for turn in _turns(path)]
    assert len(cases) >= 200
    languages = Counter(turn.get("lang") for turn in turns)
    assert languages["ko"] >= 80 and languages["en"] >= 80
    covered = {turn.get("intent") for turn in turns}
    missing = set(intent_specs(load_intents())) - covered
    assert not missing, f"intents without a labelled question: {missing}"
    assert any("turns" in case for case in cases), "follow-up conversations"
    assert any(turn.get("answered") is False for turn in turns), "unanswerable questions"


def test_own_sets_pass_at_97_percent(engine: Engine) -> None:
    passed = failed = 0
    report = io.StringIO()
    for path in OWN:
        p, f = run_eval(path, engine, report)
        passed, failed = passed + p, failed + f
    assert passed / (passed + failed) >= 0.97, report.getvalue()


def test_no_invented_numbers_in_any_answer(engine: Engine) -> None:
    allowed = allowed_numbers(engine.queries)
    invented = []
    for path in ([DEV] if DEV.exists() else []) + OWN:
        for outcome in run_cases(load_cases(path), engine):
            found = invented_numbers(outcome.answer.text, allowed)
            if found:
                invented.append((outcome.label, found))
    assert not invented


def test_the_invented_number_check_can_fail(engine: Engine) -> None:
    allowed = allowed_numbers(engine.queries)
    assert invented_numbers("평균 79.05점, 전년 대비 3.60점 하락, 27.7%", allowed) == []
    assert invented_numbers("the average was 81.20 points", allowed) == ["81.20"]
    assert invented_numbers("75.0 points", allowed) == ["75.0"]


def test_every_answer_in_the_sets_carries_a_json_context(engine: Engine) -> None:
    import json

    for path in OWN:
        for outcome in run_cases(load_cases(path), engine):
            context = outcome.answer.context
            assert context is not None
            json.loads(context.to_json())
