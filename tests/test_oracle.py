"""Oracle tests: the engine is right for any history, not just the one it was built on.

Hypothesis draws random, internally consistent histories (1–30 rounds over several years;
score tables or not; below-cutoff names or only counts; services evaluated again, some
renamed; year figures; news reports) from ``knowledge.synthetic.generate``.  Each history
is rendered as text and HTML disclosures, built into a real SQLite file through the real
parser and store, and asked templated questions in Korean and English.  The expected
answer of every question is computed from the generated history alone (tests/oracle.py).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine import Engine
from knowledge.synthetic import CUTOFF, SynthHistory, SynthRound, generate
from tests.oracle import (
    NOT_PUBLISHED,
    REPORT_MARKS,
    Expect,
    built,
    core,
    num,
    official_year_average,
    problems,
    reported_year_average,
    round_words,
    which_answered,
)

#: Histories per run of the main test (each asked about 80 questions, both languages), and
#: full-size histories (30 rounds, about 600 evaluations) — about 20 s together.
EXAMPLES = 60
FULL_SIZE_EXAMPLES = 4


@dataclass(frozen=True)
class Case:
    kind: str
    question: str
    lang: str
    expect: Expect


def _count(lang: str, n: int) -> tuple[str, ...]:
    return (f"{n}개",) if lang == "ko" else (f"{n} service", f"{n} of")


# ---- templates: a question and its expectation, from the history ---------------------------
def round_average(h: SynthHistory, r: SynthRound, lang: str) -> Case:
    q = (
        f"{r.year}년 {r.round_no}차 평균 점수는?"
        if lang == "ko"
        else f"What was the average score in round {r.round_no} of {r.year}?"
    )
    return Case("round average", q, lang, Expect().has(num(r.average)).has(round_words(lang, r)))


def year_average(h: SynthHistory, year: int, lang: str) -> Case:
    q = f"{year}년 전체 평균은?" if lang == "ko" else f"What was the average score in {year}?"
    official, reported = official_year_average(h, year), reported_year_average(h, year)
    expect = Expect()
    if official is not None:
        expect.has(num(official))
        if reported is not None and num(reported) != num(official):
            expect.lacks(num(reported))  # an official figure beats a report for its scope
    elif reported is not None:
        expect.has(num(reported)).has(*REPORT_MARKS[lang])
    loaded = h.rounds_of_year(year)
    for r in loaded if official is None else ():  # a year means every loaded round of it
        # (with the year's own official figure, "전체 평균" is that figure alone: E7b)
        expect.has(num(r.average))
    if official is None and reported is None and not loaded:
        expect.answered = False
    held = sum(len(r.evaluations) for r in loaded)
    if official is None and reported is None and loaded and held < loaded[0].services_in_year:
        # some of its rounds are not loaded: their averages are a part, the year's is not
        # known (E7b: "2025년 전체 평균은?" with 7 of 40 services loaded)
        expect.answered = False
    return Case("year average", q, lang, expect)


def count_round(h: SynthHistory, r: SynthRound, lang: str) -> Case:
    q = (
        f"{r.year}년 {r.round_no}차에는 몇 개 사무를 평가했어?"
        if lang == "ko"
        else f"How many services were evaluated in round {r.round_no} of {r.year}?"
    )
    return Case("count of a round", q, lang, Expect().has(*_count(lang, len(r.evaluations))))


def count_year(h: SynthHistory, year: int, lang: str) -> Case:
    q = (
        f"{year}년에 평가받은 사무는 몇 개야?"
        if lang == "ko"
        else f"How many services were evaluated in {year}?"
    )
    total = sum(len(r.evaluations) for r in h.rounds_of_year(year))
    expect = Expect().has(str(total))
    for r in h.rounds_of_year(year):
        expect.has(round_words(lang, r))
    return Case("count of a year", q, lang, expect)


def list_round(h: SynthHistory, r: SynthRound, lang: str) -> Case:
    q = (
        f"{r.year}년 {r.round_no}차 평가 대상 사무 목록 보여줘"
        if lang == "ko"
        else f"List the services evaluated in round {r.round_no} of {r.year}"
    )
    expect = Expect()
    for e in r.evaluations:
        expect.has(core(e.name))
    return Case("services of a round", q, lang, expect)


def list_year(h: SynthHistory, year: int, lang: str) -> Case:
    q = (
        f"{year}년에 평가받은 사무 목록 전부 알려줘"
        if lang == "ko"
        else f"List every service evaluated in {year}"
    )
    expect = Expect()
    for r in h.rounds_of_year(year):
        expect.has(round_words(lang, r))
        for e in r.evaluations:
            expect.has(core(e.name))
    return Case("services of a year", q, lang, expect)


def _below_expectations(rounds: list[SynthRound], lang: str, expect: Expect) -> None:
    """Named where the page names them (or publishes scores), counted where it does not;
    a service at or above 75 — exactly 75.00 included — is never among them (unless it
    fell below in another of the rounds)."""
    below = {e.service for r in rounds for e in r.below}
    for r in rounds:
        if r.scores_published or r.names_published:
            for e in r.below:
                expect.has(core(e.name))
        elif r.below:
            expect.has(*NOT_PUBLISHED[lang])
        for e in r.evaluations:
            if e.score >= CUTOFF and e.service not in below:
                expect.lacks(core(e.name))


def below_round(h: SynthHistory, r: SynthRound, lang: str) -> Case:
    q = (
        f"{r.year}년 {r.round_no}차 75점 미만 사무는?"
        if lang == "ko"
        else f"Which services scored below 75 in round {r.round_no} of {r.year}?"
    )
    expect = Expect()
    _below_expectations([r], lang, expect)
    expect.answered = which_answered([r])
    if r.below:
        expect.has(f"{len(r.below)}")
    return Case("below the cutoff in a round", q, lang, expect)


def below_year(h: SynthHistory, year: int, lang: str) -> Case:
    q = (
        f"{year}년 75점 미만 사무는?"
        if lang == "ko"
        else f"Which services fell below 75 in {year}?"
    )
    expect = Expect()
    for r in h.rounds_of_year(year):
        expect.has(round_words(lang, r))
    rounds = h.rounds_of_year(year)
    _below_expectations(rounds, lang, expect)
    expect.answered = which_answered(rounds)
    if not any(r.below for r in rounds):
        # the loaded rounds name nobody, but a year-level count (a cumulative note or a
        # report) says some fell below in the year: their names were not published. The
        # team's sets differ on whether that partial answer counts as answered
        # (fresh1/unknown_facts: no; many4 "2023년에 75점 미만 받은 사무 이름": yes), so
        # only the content is checked here: the counts, and no invented names.
        claims = [r.cumulative[2] for r in rounds if r.cumulative] + [
            int(rep.figures["below_cutoff"])
            for rep in h.reports
            if rep.year == year and rep.round_no is None and "below_cutoff" in rep.figures
        ]
        if any(claims):
            expect.answered = None
            expect.has(*sorted({str(c) for c in claims if c}))
    return Case("below the cutoff in a year", q, lang, expect)


def one_end_round(h: SynthHistory, r: SynthRound, lang: str, top: bool) -> Case:
    word = ("최고" if top else "최저") if lang == "ko" else ("highest" if top else "lowest")
    q = (
        f"{r.year}년 {r.round_no}차 {word} 점수는?"
        if lang == "ko"
        else f"What was the {word} score in round {r.round_no} of {r.year}?"
    )
    expect = Expect()
    if r.scores_published:
        end = max(e.score for e in r.evaluations) if top else min(e.score for e in r.evaluations)
        expect.has(num(end))
        for e in r.evaluations:
            if e.score == end:
                expect.has(core(e.name))  # every service that ties for it
    else:
        expect.answered = False
        expect.has(*NOT_PUBLISHED[lang])
    return Case(f"{word} in a round", q, lang, expect)


def one_end_year(h: SynthHistory, year: int, lang: str, top: bool) -> Case:
    word = ("최고" if top else "최저") if lang == "ko" else ("highest" if top else "lowest")
    q = (
        f"{year}년 {word} 점수 받은 사무는?"
        if lang == "ko"
        else f"Which service had the {word} score in {year}?"
    )
    scored = [e for r in h.rounds_of_year(year) if r.scores_published for e in r.evaluations]
    expect = Expect()
    if scored:
        end = max(e.score for e in scored) if top else min(e.score for e in scored)
        expect.has(num(end))
        for e in scored:
            if e.score == end:
                expect.has(core(e.name))
    else:
        expect.answered = False
        expect.has(*NOT_PUBLISHED[lang])
    return Case(f"{word} in a year", q, lang, expect)


def _year_value(h: SynthHistory, year: int):
    return official_year_average(h, year) or reported_year_average(h, year)


def year_versus_year(h: SynthHistory, later: int, earlier: int, lang: str) -> Case | None:
    a, b = _year_value(h, later), _year_value(h, earlier)
    if a is None or b is None or later == earlier:
        return None
    q = (
        f"{later}년 평균을 {earlier}년 평균과 비교해줘"
        if lang == "ko"
        else f"Compare the {later} average with the {earlier} average"
    )
    expect = Expect().has(num(a)).has(num(b))
    if a != b:
        expect.has(num(abs(a - b)))
    return Case("year against year", q, lang, expect)


def round_versus_year(h: SynthHistory, r: SynthRound, lang: str) -> Case | None:
    year = _year_value(h, r.year)
    if year is None:
        return None
    q = (
        f"{r.year}년 {r.round_no}차 평균을 {r.year}년 전체 평균과 비교해줘"
        if lang == "ko"
        else f"How does the round {r.round_no} average of {r.year} compare with the whole year?"
    )
    expect = Expect().has(num(r.average)).has(num(year))
    if r.average != year:
        expect.has(num(abs(r.average - year)))
    return Case("round against its year", q, lang, expect)


def service_scores(h: SynthHistory, ident: int, lang: str) -> Case:
    """A service named with no round: its score in every round it was evaluated in."""
    history = h.history_of(ident)
    name = history[-1][1].name
    q = f"{name} 점수는?" if lang == "ko" else f"What score did {name} get?"
    expect = Expect()
    for r, e in history:
        if len(history) > 1:
            expect.has(round_words(lang, r))
        if r.scores_published:
            expect.has(num(e.score))
    if len(history) == 1 and not history[0][0].scores_published:
        expect.answered = False
        expect.has(*NOT_PUBLISHED[lang])
    return Case("a service's scores", q, lang, expect)


def service_score_in_round(h: SynthHistory, r: SynthRound, ident: int, lang: str) -> Case:
    e = next(x for x in r.evaluations if x.service == ident)
    q = (
        f"{r.year}년 {r.round_no}차 {e.name} 점수는?"
        if lang == "ko"
        else f"What did {e.name} score in round {r.round_no} of {r.year}?"
    )
    expect = Expect()
    if r.scores_published:
        expect.has(num(e.score))
    else:
        expect.answered = False
        expect.has(*NOT_PUBLISHED[lang])
    # never another round's score, unless it is also a figure this answer rightly
    # gives (the round's average, offered when the service's own score is unpublished)
    shown = {e.score} if r.scores_published else {r.average}
    for other, x in h.history_of(ident):
        if other is not r and other.scores_published and x.score not in shown:
            expect.lacks(num(x.score))
    return Case("a service's score in a round", q, lang, expect)


def findings_in_round(h: SynthHistory, r: SynthRound, ident: int, lang: str) -> Case:
    e = next(x for x in r.evaluations if x.service == ident)
    q = (
        f"{r.year}년 {r.round_no}차 {e.name} 개선과제"
        if lang == "ko"
        else f"What should {e.name} improve, according to round {r.round_no} of {r.year}?"
    )
    expect = Expect()
    for text in e.of_kind("improvement"):
        expect.has(text)
    for other, x in h.history_of(ident):
        if other is not r:
            expect.lacks(*x.of_kind("improvement"))
    return Case("findings of a round", q, lang, expect)


def findings_newest(h: SynthHistory, ident: int, lang: str) -> Case:
    history = h.history_of(ident)
    newest = history[-1][1]
    q = f"{newest.name} 개선과제" if lang == "ko" else f"What should {newest.name} improve?"
    expect = Expect()
    for text in newest.of_kind("improvement"):
        expect.has(text)
    for _, x in history[:-1]:
        expect.lacks(*x.of_kind("improvement"))
    return Case("findings, newest evaluation", q, lang, expect)


def newest_round(h: SynthHistory, lang: str) -> Case:
    r = h.newest()
    q = "최근 평가 결과 요약해줘" if lang == "ko" else "Summarise the latest evaluation round"
    return Case("newest round", q, lang, Expect().has(round_words(lang, r)).has(num(r.average)))


def every_round_average(h: SynthHistory, lang: str) -> Case:
    """Every loaded round's average (the order is checked by tests/test_oracle_scores.py)."""
    q = (
        "각 차수 평균 점수 정리해줘"
        if lang == "ko"
        else "What was the average score of every round so far?"
    )
    expect = Expect()
    for r in h.loaded:
        expect.has(num(r.average))
    return Case("every round's average", q, lang, expect)


def published_end(h: SynthHistory, lang: str, top: bool) -> Case:
    """ "The published scores" with no scope: every round that published them."""
    if lang == "ko":
        q = f"공개된 점수 중에 {'가장 높은' if top else '가장 낮은'} 점수는 몇 점이야?"
    else:
        q = f"What's the {'best' if top else 'worst'} score that has ever been published?"
    scored = [e for r in h.loaded if r.scores_published for e in r.evaluations]
    expect = Expect()
    if scored:
        end = max(e.score for e in scored) if top else min(e.score for e in scored)
        expect.has(num(end))
        for e in scored:
            if e.score == end:
                expect.has(core(e.name))
    else:
        expect.answered = False
        expect.has(*NOT_PUBLISHED[lang])
    return Case("the published scores, no scope", q, lang, expect)


def every_service(h: SynthHistory, lang: str) -> Case:
    q = (
        "지금까지 평가받은 사무 전부 알려줘"
        if lang == "ko"
        else "List every service evaluated in all rounds"
    )
    expect = Expect()
    for ident in dict.fromkeys(e.service for r in h.loaded for e in r.evaluations):
        expect.has(core(h.history_of(ident)[-1][1].name))
    return Case("every service, every round", q, lang, expect)


def score_change(h: SynthHistory, ident: int, lang: str) -> Case | None:
    """ "Did its score go up?" between its last two evaluations (or that it cannot be told)."""
    history = h.history_of(ident)
    if len(history) < 2:
        return None
    (r1, before), (r2, now) = history[-2:]
    name = now.name
    q = f"{name} 점수 올랐어?" if lang == "ko" else f"Did {name}'s score go up?"
    expect = Expect()
    if r1.scores_published and r2.scores_published and now.score != before.score:
        expect.has(num(abs(now.score - before.score)))
        up = now.score > before.score
        expect.has(
            ("올랐습니다" if up else "내려갔습니다") if lang == "ko" else ("rose" if up else "fell")
        )
    elif not (r1.scores_published and r2.scores_published):
        expect.has("알 수 없" if lang == "ko" else "cannot be told")
    return Case("a service's score change", q, lang, expect)


# ---- choosing questions for one history ---------------------------------------------------
def cases(h: SynthHistory, rng: random.Random) -> list[Case]:
    """Templated questions about a few rounds, years and services of ``h``, both languages."""
    rounds = rng.sample(h.loaded, min(3, len(h.loaded)))
    years = rng.sample(h.years(), min(2, len(h.years())))
    loaded_ids = sorted({e.service for r in h.loaded for e in r.evaluations})
    again = [i for i in loaded_ids if len(h.history_of(i)) > 1]
    services = rng.sample(again, min(2, len(again))) + rng.sample(loaded_ids, 1)
    out: list[Case | None] = []
    for lang in ("ko", "en"):
        out.append(newest_round(h, lang))
        out += [
            every_round_average(h, lang),
            published_end(h, lang, rng.random() < 0.5),
            every_service(h, lang),
        ]
        for r in rounds:
            out += [
                round_average(h, r, lang),
                count_round(h, r, lang),
                list_round(h, r, lang),
                below_round(h, r, lang),
                one_end_round(h, r, lang, top=rng.random() < 0.5),
                round_versus_year(h, r, lang),
            ]
        for year in years:
            out += [
                year_average(h, year, lang),
                count_year(h, year, lang),
                list_year(h, year, lang),
                below_year(h, year, lang),
                one_end_year(h, year, lang, top=rng.random() < 0.5),
            ]
        if len(years) == 2:
            out.append(year_versus_year(h, max(years), min(years), lang))
        for ident in services:
            r, _ = rng.choice(h.history_of(ident))
            out += [
                service_scores(h, ident, lang),
                service_score_in_round(h, r, ident, lang),
                findings_in_round(h, r, ident, lang),
                findings_newest(h, ident, lang),
                # score_change(h, ident, lang),  # E2: on once E1 drops the spurious 2nd service
            ]
    return [c for c in out if c is not None]


def ask_all(h: SynthHistory, chosen: list[Case]) -> list[str]:
    """Every failing case, with the question, what was wrong and the answer."""
    failures = []
    with built(h) as engine:
        for case in chosen:
            answer = engine.answer(case.question)
            wrong = problems(answer, case.expect, h)
            if answer.lang != case.lang:
                wrong.append(f"answered in {answer.lang}")
            if wrong:
                failures.append(
                    f"[{case.kind}] {case.question!r} ({answer.intent}): {'; '.join(wrong)}\n"
                    + "    "
                    + answer.text.replace("\n", "\n    ")
                )
    return failures


histories: Callable[..., st.SearchStrategy[SynthHistory]] = st.builds(
    lambda seed, rounds: generate(seed, rounds, services=(3, 12)),
    seed=st.integers(0, 2**32 - 1),
    rounds=st.integers(1, 30),
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(h=histories, pick=st.randoms(use_true_random=False))
def test_answers_match_the_generated_history(h: SynthHistory, pick: random.Random) -> None:
    failures = ask_all(h, cases(h, pick))
    assert not failures, f"history seed {h.seed}, {len(h.loaded)} rounds:\n" + "\n".join(failures)


@settings(
    max_examples=FULL_SIZE_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(seed=st.integers(0, 2**32 - 1), pick=st.randoms(use_true_random=False))
def test_answers_match_a_full_size_history(seed: int, pick: random.Random) -> None:
    """What `evalbot bench engine` answers over: 30 rounds, some 600 evaluations."""
    h = generate(seed, 30)
    failures = ask_all(h, cases(h, pick))
    assert not failures, f"history seed {seed}:\n" + "\n".join(failures)


def test_a_round_ingested_while_the_engine_runs_is_known_whole_at_the_next_question(
    tmp_path,
) -> None:
    """Live: another connection ingests the newest round; the running engine answers about
    it at once — newest round, its services by name, its year's lists."""
    from knowledge.queries import Queries
    from knowledge.store import build, ingest_text, open_db
    from knowledge.synthetic import render

    h = generate(11, 6, services=(3, 8), reports=False)
    *older, newest = h.loaded
    sources = tmp_path / "sources"
    sources.mkdir()
    for name, text in h.documents()[:-1]:
        (sources / name).write_text(text, encoding="utf-8")
    path = tmp_path / "knowledge.db"
    build(path, sources)
    engine = Engine(Queries(path))
    assert round_words("ko", older[-1]) in engine.answer("최근 평가 결과 요약해줘").text
    ingest_text(open_db(path), render(newest), "newest.txt")  # its own connection
    summary = engine.answer("최근 평가 결과 요약해줘")
    assert round_words("ko", newest) in summary.text and num(newest.average) in summary.text
    fresh = next(e for e in newest.evaluations if len(h.history_of(e.service)) == 1)
    named = engine.answer(f"{fresh.name} 개선과제")
    assert named.intent == "findings", named.text
    assert all(text in named.text for text in fresh.of_kind("improvement")), named.text
    listed = engine.answer(f"{newest.year}년에 평가받은 사무 목록 전부 알려줘")
    assert core(fresh.name) in listed.text
