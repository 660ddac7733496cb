"""Issue 12, round 4 (E1d): understanding mechanisms found by the blind sets' failures,
tested on paraphrases of my own (never the blind questions).  Routing and entities are
checked with ``Engine.decide`` over a knowledge base of several rounds (the seed plus the
synthetic tests/fixtures/many-* disclosures: 2023 rounds 1-3, 2024 rounds 1-2), so the
tests hold whatever wording E2's handlers give the answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.understand.entities import Entities
from knowledge.curated import SOURCES_DIR
from knowledge.queries import Queries
from knowledge.store import build

FIXTURES = sorted((Path(__file__).resolve().parent / "fixtures").glob("many-*"))


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    sources = tmp_path_factory.mktemp("round4") / "sources"
    shutil.copytree(SOURCES_DIR, sources)
    for fixture in FIXTURES:
        shutil.copy(fixture, sources / fixture.name)
    path = sources.parent / "knowledge.db"
    build(path, sources)
    return Engine(Queries(path))


def _service(engine: Engine, fragment: str) -> int:
    return next(s.id for s in engine.queries.services() if fragment in s.name_ko)


# ---- every loaded round, in more words ------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "각 차수 평균 점수 알려줘",
        "회차별 평균은?",
        "What was the average of every round on file?",
        "Show me the average per round.",
        "점수가 공개된 사무 중 제일 낮은 곳은?",
        "What's the top published score so far?",
        "Which services dropped under 75 in the rounds you hold?",
    ],
)
def test_every_round_phrases(many: Engine, question: str) -> None:
    e = many.decide(question).entities
    assert e.every_round and not e.has_scope, e


def test_the_round_before_is_not_every_round(many: Engine) -> None:
    first = many.answer("2024년 1차 평균은?")
    d = many.decide("그 이전 차수는?", first.context)
    assert (d.intent, d.entities.year, d.entities.round_no) == ("average", 2023, 3)
    assert not d.entities.every_round


# ---- a round relative to the conversation's ------------------------------------------
def test_the_round_after_and_a_comparison_with_the_one_before(many: Engine) -> None:
    first = many.answer("2023년 2차 평균은?")
    d = many.decide("그 다음 차수는?", first.context)
    assert (d.entities.year, d.entities.round_no) == (2023, 3)
    newest = many.answer("What is the latest round's average?")
    d = many.decide("How did it do against the previous round?", newest.context)
    e = d.entities
    assert (e.year, e.round_no, e.compare, e.compare_year, e.compare_round) == (
        2024,
        2,
        "round",
        2024,
        1,
    )


def test_a_services_next_evaluation(many: Engine) -> None:
    nuri = _service(many, "누리")
    first = many.answer("누리청소년센터 2023년 1차 점수는?")
    assert first.context.entities.get("services") == [nuri]
    d = many.decide("다음 번 평가에서는 몇 점이었어?", first.context)
    assert d.intent == "service_score"
    assert d.entities.services == (nuri,) and d.entities.reference == "next"


# ---- a service measured against something -------------------------------------------
@pytest.mark.parametrize(
    ("question", "reference"),
    [
        ("How many points short of the cutoff was the 새봄어린이집?", "cutoff"),
        ("새봄어린이집은 기준점에서 몇 점 모자랐어?", "cutoff"),
    ],
)
def test_a_services_distance_from_the_cutoff(many: Engine, question: str, reference: str) -> None:
    d = many.decide(question)
    assert d.intent == "service_score" and d.entities.how == "gap"
    assert d.entities.reference == reference


def test_two_services_compared(many: Engine) -> None:
    d = many.decide("누리청소년센터는 바다쉼터보다 몇 점 높았어?")
    assert d.intent == "service_score" and d.entities.how == "gap"
    assert set(d.entities.services) == {_service(many, "누리"), _service(many, "바다쉼터")}


def test_a_follow_up_gap_from_the_rounds_average(many: Engine) -> None:
    first = many.answer("바다쉼터 2024년 1차 점수는?")
    d = many.decide("그건 그 차수 평균보다 얼마나 높아?", first.context)
    assert d.intent == "service_score" and "average" in d.entities.metrics
    assert d.entities.services == (_service(many, "바다쉼터"),)


def test_best_minus_worst_is_the_spread_of_a_round(many: Engine) -> None:
    d = many.decide("2024년 1차 최고점과 최저점 차이는?")
    assert d.intent == "highest" and {"highest", "lowest"} <= d.entities.metrics


# ---- bands ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "band"),
    [
        ("Which round 1 of 2024 services landed in the 70s?", (70.0, 80.0)),
        ("2023년 1차 80점대 사무 어디야?", (80.0, 90.0)),
    ],
)
def test_bands_go_where_thresholds_go(
    many: Engine, question: str, band: tuple[float, float]
) -> None:
    d = many.decide(question)
    assert d.intent == "below_cutoff" and d.entities.band == band and not d.ask_back


# ---- a service's history ----------------------------------------------------------------
@pytest.mark.parametrize(
    "question", ["누리청소년센터 점수 좋아졌어?", "Did the youth centre's score go down?"]
)
def test_a_services_score_change(many: Engine, question: str) -> None:
    d = many.decide(question)
    assert d.intent == "service_score" and "history" in d.entities.metrics
    assert d.entities.compare == "other" and d.entities.kind is None


def test_how_many_times_a_service_was_evaluated(many: Engine) -> None:
    d = many.decide("바다쉼터는 여러 번 평가받았어?")
    assert d.intent == "service_score" and "history" in d.entities.metrics
    assert d.entities.compare is None


def test_this_round_is_not_a_second_evaluation(many: Engine) -> None:
    d = many.decide("바다쉼터도 이번 평가 대상이었어?")
    assert "history" not in d.entities.metrics


# ---- the score distribution ----------------------------------------------------------------
def test_distribution_where_scores_were_published(many: Engine) -> None:
    answer = many.answer("2024년 1차 점수 분포 보여줘")
    assert answer.answered and "79.40" in answer.text


# ---- entities alone (no data needed) --------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("핀테크랩 성과는 빼고 개선과제만", "improvement"),
        ("마포자원회수시설 잘한 점만 알려줘, 과제는 제외", "achievement"),
        ("Fintech lab: achievements, except the improvement tasks", "achievement"),
        ("What was the gender equality centre criticised for?", "improvement"),
        ("핀테크랩 성과와 과제", "both"),
    ],
)
def test_a_kind_left_out_or_asked(many: Engine, question: str, kind: str) -> None:
    assert many.decide(question).entities.kind == kind


def test_terse_words_are_not_the_question(many: Engine) -> None:
    plain = many.decide("2023년 3차 평균은?")
    short = many.decide("2023년 3차 평균은? 숫자만")
    assert short.entities.terse and short.intent == plain.intent == "average"
    assert Entities.from_dict(short.entities.to_dict()).terse is False  # never remembered


# ---- lists over every round, rounds themselves, services with a history --------------------
@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Show all services that scored 80 or more.", "below_cutoff"),
        ("불러온 회차 목록 보여줘", "round_summary"),
        ("How many rounds do you hold?", "round_summary"),
        ("여러 번 평가받은 사무 있어?", "services_list"),
    ],
)
def test_every_round_routes(many: Engine, question: str, intent: str) -> None:
    d = many.decide(question)
    assert d.intent == intent or d.entities.what == intent, d
    assert d.entities.every_round or "history" in d.entities.metrics


def test_the_most_services_among_the_listed_rounds(many: Engine) -> None:
    listed = many.answer("Which rounds are loaded?")
    d = many.decide("Which one had the most services?", listed.context)
    assert d.intent == "count_evaluated" and d.entities.every_round
    assert "highest" in d.entities.metrics


def test_that_year_is_the_conversations_year(many: Engine) -> None:
    first = many.answer("2024년 75점 미만 사무는 몇 개야?")
    d = many.decide("What share of all services evaluated that year is that?", first.context)
    assert d.entities.year == 2024 and not d.entities.every_round


@pytest.mark.parametrize(
    ("question", "direction"),
    [
        ("2024년 1차 평균보다 점수가 낮은 곳은?", "below"),
        ("Which services did better than the round 1 of 2024 average?", "above"),
    ],
)
def test_a_threshold_at_the_average(many: Engine, question: str, direction: str) -> None:
    d = many.decide(question)
    assert d.intent == "below_cutoff" and d.entities.reference == "average"
    assert d.entities.threshold is not None and d.entities.threshold.direction == direction


def test_an_average_against_an_average_is_not_a_threshold(many: Engine) -> None:
    d = many.decide("Was the 2024 round 1 average above the yearly average?")
    assert d.entities.threshold is None and d.entities.reference != "average"


def test_the_newest_round_against_a_named_one(many: Engine) -> None:
    d = many.decide("How far is the 2023 round 1 average from the latest round's?")
    e = d.entities
    assert (e.year, e.round_no, e.compare, e.compare_year, e.compare_round) == (
        2023,
        1,
        "round",
        2024,
        2,
    )


def test_a_hypothetical_cutoff_is_a_threshold(many: Engine) -> None:
    d = many.decide("With a 80-point rule, how many 2024 round 1 services would be excluded?")
    assert d.intent == "below_cutoff" and d.entities.threshold is not None
    assert d.entities.threshold.value == 80 and d.entities.threshold.direction == "below"


def test_a_year_overall_is_its_summary(many: Engine) -> None:
    assert many.decide("2023년은 전체적으로 어땠어?").intent == "round_summary"


# ---- two facts at once; arithmetic in the open; ordinals are not "twice" ---------------------
def test_two_facts_of_a_round_in_one_question(engine: Engine) -> None:
    answer = engine.answer("3차 평가기간이랑 평가기관 둘 다 알려줘")
    assert answer.answered and "6월" in answer.text and "한국산업관계연구원" in answer.text


def test_an_arithmetic_line_derives_its_result() -> None:
    from bot.evaluate import invented_numbers

    allowed = frozenset({"81.20", "75.00", "72.10"})
    assert invented_numbers("Average: (81.20 + 75.00 + 72.10) / 3 = 76.10.", allowed) == []
    assert invented_numbers("Average: (81.20 + 75.00 + 72.10) / 3 = 76.11.", allowed) == ["76.11"]
    assert invented_numbers("81.20 + 99.99 = 181.19", allowed) == ["99.99", "181.19"]


def test_an_ordinal_is_not_a_second_evaluation(many: Engine) -> None:
    d = many.decide("두 번째 사무 성과는?")
    assert "history" not in d.entities.metrics


@pytest.mark.parametrize(
    ("question", "n"),
    [("What were the scores like over the past two rounds?", 2), ("최근 세 차수 평균은?", 3)],
)
def test_the_newest_n_rounds(many: Engine, question: str, n: int) -> None:
    e = many.decide(question).entities
    assert e.latest and e.count == n and e.round_no is None
