"""Oracle tests of the many-rounds operations on published scores, given the entities a
question means: every round's average in time order, no scope when the newest round
published no scores, the mean of the published scores, scores by band, every service once,
a service's change between evaluations and its next evaluation, two services' gap, the
services above a round's own average, the average of the services listed, and each round
below its own cutoff (half the histories state 60 points before 2018, as the city's did).

Expected answers come from the generated history alone (tests/oracle.py); the handlers
run over a real database built from its rendered pages.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine import Engine
from bot.understand.entities import Threshold
from knowledge.synthetic import CUTOFF, SynthEvaluation, SynthHistory, SynthRound, generate
from tests.oracle import NOT_PUBLISHED, Expect, built, core, key, num, problems, round_words
from tests.test_oracle_handlers import Asked, Check, reply, service_ids

#: Histories per run (each checked about 20 ways, both languages): a few seconds.
EXAMPLES = 40
TWO = Decimal("0.01")


@dataclass(frozen=True)
class Ordered:
    """Strings that must appear in this order (a list in time order)."""

    check: Check
    order: tuple[str, ...]


def _mean(evaluations: list[SynthEvaluation]) -> Decimal:
    total = sum((e.score for e in evaluations), Decimal(0))
    return (total / len(evaluations)).quantize(TWO, ROUND_HALF_UP)


def every_round_average(h: SynthHistory, lang: str) -> Ordered:
    expect = Expect()
    order = []
    for r in h.loaded:
        shown = (
            f"{round_words(lang, r)}: {num(r.average)}"
            if lang == "en"
            else f"{round_words(lang, r)}: {num(r.average)}점"
        )
        expect.has(shown)
        order.append(shown)
    entities = Asked(every_round=True, metrics=frozenset({"average"}))
    return Ordered(Check("every round's average", "average", entities, lang, expect), tuple(order))


def last_rounds_average(h: SynthHistory, k: int, lang: str) -> Ordered:
    """ "최근 k개 차수 평균": the newest k loaded rounds in time order, no older one."""
    last = h.loaded[-k:]
    expect = Expect()
    for r in last:
        expect.has(round_words(lang, r))
    for r in h.loaded[:-k]:
        expect.lacks(round_words(lang, r))
    order = tuple(round_words(lang, r) for r in last)
    entities = Asked(latest=True, count=k, metrics=frozenset({"average"}))
    return Ordered(Check(f"the last {k} rounds", "average", entities, lang, expect), order)


def no_scope_end(h: SynthHistory, lang: str, top: bool) -> Check:
    """No scope: the newest round; when it published no scores, every round that did."""
    newest = h.newest()
    scored_rounds = [r for r in h.loaded if r.scores_published]
    rounds = [newest] if newest.scores_published else scored_rounds
    expect = Expect()
    scored = [e for r in rounds if r.scores_published for e in r.evaluations]
    if scored:
        end = max(e.score for e in scored) if top else min(e.score for e in scored)
        expect.has(num(end))
        for e in scored:
            if e.score == end:
                expect.has(core(e.name))
        if not newest.scores_published:  # said first: the newest published none
            expect.has(round_words(lang, newest)).has(*NOT_PUBLISHED[lang])
            for r in scored_rounds:
                expect.has(round_words(lang, r))
    else:
        expect.answered = False
        expect.has(*NOT_PUBLISHED[lang])
    intent = "highest" if top else "lowest"
    return Check(f"{intent}, no scope", intent, Asked(metrics=frozenset({intent})), lang, expect)


def mean_of_published(h: SynthHistory, lang: str) -> Check:
    scored = [e for r in h.loaded if r.scores_published for e in r.evaluations]
    expect = Expect()
    if scored:
        expect.has(f"/ {len(scored)} = {num(_mean(scored))}")
    else:
        expect.answered = False
        expect.has(*NOT_PUBLISHED[lang])
    entities = Asked(metrics=frozenset({"average", "scores"}))
    return Check("mean of the published scores", "average", entities, lang, expect)


def by_band(h: SynthHistory, r: SynthRound, lang: str) -> Check:
    expect = Expect()
    if r.scores_published:
        for e in r.evaluations:
            expect.has(f"{core(e.name)}").has(num(e.score))
        expect.has(str(len(r.evaluations)))
    else:
        expect.answered = False
        expect.has(*NOT_PUBLISHED[lang])
    entities = Asked(year=r.year, round_no=r.round_no)
    return Check("scores by band", "distribution", entities, lang, expect)


def every_service(h: SynthHistory, lang: str) -> Check:
    idents = list(dict.fromkeys(e.service for r in h.loaded for e in r.evaluations))
    expect = Expect()
    if len(h.loaded) > 1:
        expect.has(str(len(idents)))
        for ident in idents:
            expect.has(core(h.history_of(ident)[-1][1].name))
    else:  # one round: the round's own list
        for ident in idents:
            expect.has(core(h.history_of(ident)[-1][1].name))
    return Check("every service", "services_list", Asked(every_round=True), lang, expect)


_ROSE = {"en": "rose by", "ko": "올랐습니다"}
_FELL = {"en": "fell by", "ko": "내려갔습니다"}
_SAME = {"en": "was the same in", "ko": "점수가 같습니다"}
_UNKNOWN = {"en": "cannot be told", "ko": "알 수 없습니다"}


def change(h: SynthHistory, ident: int, service_id: int, lang: str) -> Check:
    """Between its last two evaluations: up, down, the same, or unknown (a score missing)."""
    (r1, before), (r2, now) = h.history_of(ident)[-2:]
    expect = Expect()
    if not (r1.scores_published and r2.scores_published):
        expect.has(_UNKNOWN[lang])
        missing = r1 if not r1.scores_published else r2
        expect.has(round_words(lang, missing))
    else:
        diff = now.score - before.score
        word = _ROSE if diff > 0 else _FELL if diff < 0 else _SAME
        expect.has(word[lang])
        for other in (_ROSE, _FELL, _SAME):
            if other is not word:
                expect.lacks(other[lang])
        if diff:
            expect.has(num(abs(diff)))
    entities = Asked(services=(service_id,), how="trend")
    return Check("a service's change", "service_score", entities, lang, expect)


def next_evaluation(h: SynthHistory, ident: int, service_id: int, lang: str) -> Check:
    history = h.history_of(ident)
    (r, _), (after, e) = history[-2], history[-1]
    expect = Expect().has(round_words(lang, after))
    if after.scores_published:
        expect.has(num(e.score))
    else:
        expect.answered = False
        expect.has(*NOT_PUBLISHED[lang])
    entities = Asked(services=(service_id,), year=r.year, round_no=r.round_no, reference="next")
    return Check("a service's next evaluation", "service_score", entities, lang, expect)


def two_services(h: SynthHistory, r: SynthRound, ids: dict[str, int], lang: str) -> Check:
    a, b = r.evaluations[0], r.evaluations[-1]
    expect = Expect().has(num(a.score)).has(num(b.score))
    if a.score != b.score:
        expect.has(num(abs(a.score - b.score)))
    entities = Asked(
        year=r.year,
        round_no=r.round_no,
        services=(ids[key(a.name)], ids[key(b.name)]),
        how="gap",
    )
    return Check("two services' gap", "service_score", entities, lang, expect)


def above_average(h: SynthHistory, r: SynthRound, lang: str) -> Check:
    expect = Expect().has(num(r.average))
    for e in r.evaluations:
        if e.score > r.average:
            expect.has(core(e.name))
        else:
            expect.lacks(core(e.name))
    entities = Asked(
        year=r.year, round_no=r.round_no, reference="average", threshold=Threshold(0, "above")
    )
    return Check("above the round's average", "below_cutoff", entities, lang, expect)


def average_of_passing(h: SynthHistory, r: SynthRound, lang: str) -> Check:
    passing = [e for e in r.evaluations if e.score >= CUTOFF]
    expect = Expect()
    if passing:
        expect.has(f"= {num(_mean(passing))}")
    entities = Asked(
        year=r.year,
        round_no=r.round_no,
        threshold=Threshold(float(CUTOFF), "at_least"),
        metrics=frozenset({"average"}),
    )
    return Check("average of those passing", "below_cutoff", entities, lang, expect)


def own_cutoff(h: SynthHistory, r: SynthRound, lang: str) -> Check:
    """ "Below the cutoff" with no number: the round's own cutoff (60 in earlier rounds)."""
    expect = Expect()
    for e in r.evaluations:
        if r.scores_published or r.names_published:
            if e.score < r.cutoff:
                expect.has(core(e.name))
            else:
                expect.lacks(core(e.name))
    if r.below and not (r.scores_published or r.names_published):
        expect.has(*NOT_PUBLISHED[lang])
    if r.below:
        expect.has(str(len(r.below)))
    expect.answered = None if r.below and not (r.scores_published or r.names_published) else True
    entities = Asked(year=r.year, round_no=r.round_no)
    return Check(f"below its own cutoff ({r.cutoff})", "below_cutoff", entities, lang, expect)


def every_round_own_cutoff(h: SynthHistory, lang: str) -> Check:
    """Every round below its own cutoff, then the total over them."""
    expect = Expect()
    if len(h.loaded) > 1:
        below = sum(len(r.below) for r in h.loaded)
        total = sum(len(r.evaluations) for r in h.loaded)
        expect.has(
            f"{total}개 사무 중 {below}개" if lang == "ko" else f"{below} of {total} services"
        )
    entities = Asked(every_round=True, metrics=frozenset({"count"}))
    return Check("every round, own cutoffs", "below_cutoff", entities, lang, expect)


def median(h: SynthHistory, r: SynthRound, lang: str) -> Check:
    """The middle published score, or the mean of the two middle ones, half-up."""
    ordered = sorted(e.score for e in r.evaluations)
    n, expect = len(ordered), Expect()
    if n % 2:
        expect.has(f"{num(ordered[n // 2])}")
    else:
        a, b = ordered[n // 2 - 1], ordered[n // 2]
        expect.has(f"({num(a)} + {num(b)}) / 2 = {num(((a + b) / 2).quantize(TWO, ROUND_HALF_UP))}")
    entities = Asked(year=r.year, round_no=r.round_no, metrics=frozenset({"median"}))
    return Check("median of a round", "average", entities, lang, expect)


def margin(h: SynthHistory, r: SynthRound, lang: str, top: bool) -> Check:
    """The lowest score at or above the cutoff ("passed by the smallest margin") or the
    highest under it ("the closest miss"), with the margin to the cutoff."""
    cut = r.cutoff
    side = [e for e in r.evaluations if (e.score < cut if top else e.score >= cut)]
    expect = Expect()
    if side:
        end = (max if top else min)(e.score for e in side)
        diff = abs(end - cut)
        expect.has(num(end)).has(f"= {num(diff)}")
        for e in side:
            if e.score == end:
                expect.has(core(e.name))
    threshold = Threshold(float(cut), "below" if top else "at_least")
    entities = Asked(
        year=r.year,
        round_no=r.round_no,
        threshold=threshold,
        metrics=frozenset({"highest" if top else "lowest"}),
    )
    name = "closest miss" if top else "smallest margin above the cutoff"
    return Check(name, "highest" if top else "lowest", entities, lang, expect)


def checks(h: SynthHistory, engine: Engine, rng: random.Random) -> list[Check | Ordered]:
    ids = service_ids(engine)
    scored = [r for r in h.loaded if r.scores_published]
    again = sorted(
        {e.service for r in h.loaded for e in r.evaluations if len(h.history_of(e.service)) > 1}
    )
    out: list[Check | Ordered] = []
    for lang in ("ko", "en"):
        out += [
            every_round_average(h, lang),
            no_scope_end(h, lang, True),
            no_scope_end(h, lang, False),
            mean_of_published(h, lang),
            by_band(h, rng.choice(h.loaded), lang),
            every_service(h, lang),
            own_cutoff(h, rng.choice(h.loaded), lang),
            every_round_own_cutoff(h, lang),
        ]
        if len(h.loaded) > 2:
            out.append(last_rounds_average(h, rng.randint(2, len(h.loaded) - 1), lang))
        for ident in rng.sample(again, min(2, len(again))):
            name = h.history_of(ident)[-1][1].name
            out += [
                change(h, ident, ids[key(name)], lang),
                next_evaluation(h, ident, ids[key(name)], lang),
            ]
        if scored:
            r = rng.choice(scored)
            if len(r.evaluations) > 1:
                out.append(two_services(h, r, ids, lang))
            out += [above_average(h, r, lang), average_of_passing(h, r, lang)]
            out += [median(h, r, lang), margin(h, r, lang, True), margin(h, r, lang, False)]
    return out


def _out_of_order(text: str, order: tuple[str, ...]) -> list[str]:
    positions = [text.find(s) for s in order]
    return [] if positions == sorted(positions) else ["not in time order"]


histories = st.builds(
    lambda seed, rounds, eras: generate(
        seed, rounds, services=(3, 12), earlier_cutoff=(2018, Decimal(60)) if eras else None
    ),
    seed=st.integers(0, 2**32 - 1),
    rounds=st.integers(1, 30),
    eras=st.booleans(),
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(h=histories, pick=st.randoms(use_true_random=False))
def test_score_operations_match_the_generated_history(h: SynthHistory, pick: random.Random) -> None:
    failures = []
    with built(h) as engine:
        for item in checks(h, engine, pick):
            check = item.check if isinstance(item, Ordered) else item
            said = reply(engine, check)
            wrong = problems(said, check.expect, h)
            if isinstance(item, Ordered):
                wrong += _out_of_order(said.text, item.order)
            if wrong:
                failures.append(
                    f"[{check.kind}] {check.entities}: {'; '.join(wrong)}\n    "
                    + said.text.replace("\n", "\n    ")
                )
    assert not failures, f"history seed {h.seed}, {len(h.loaded)} rounds:\n" + "\n".join(failures)


def test_a_new_round_joins_every_round_answers_at_once(tmp_path) -> None:
    """Live: another connection ingests a round; the running engine's every-round answers
    (averages in time order, the published scores, every service) include it at once."""
    from knowledge.queries import Queries
    from knowledge.store import build, ingest_text, open_db
    from knowledge.synthetic import render

    h = next(
        h
        for seed in range(100)
        if (h := generate(seed, 8, services=(3, 8), reports=False)) and h.newest().scores_published
    )
    newest = h.loaded[-1]
    sources = tmp_path / "sources"
    sources.mkdir()
    for name, text in h.documents()[:-1]:
        (sources / name).write_text(text, encoding="utf-8")
    path = tmp_path / "knowledge.db"
    build(path, sources)
    engine = Engine(Queries(path))
    averages = Check(
        "", "average", Asked(every_round=True, metrics=frozenset({"average"})), "en", Expect()
    )
    assert round_words("en", newest) not in reply(engine, averages).text
    ingest_text(open_db(path), render(newest), "newest.txt")  # its own connection
    engine.refresh()
    text = reply(engine, averages).text
    assert f"{round_words('en', newest)}: {num(newest.average)}" in text.splitlines()[-1]
    top = max(e.score for r in h.loaded if r.scores_published for e in r.evaluations)
    ever = Check("", "highest", Asked(metrics=frozenset({"highest", "scores"})), "en", Expect())
    said = reply(engine, ever).text
    assert num(top) in said and round_words("en", newest) in said
    listed = reply(engine, Check("", "services_list", Asked(every_round=True), "en", Expect())).text
    assert all(core(e.name) in listed for e in newest.evaluations)
