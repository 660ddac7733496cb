"""Answers (round 11, claims): a share said in words checked against the share below the
cutoff; a stated cutoff value that is another published figure named as that figure; a
finding checked of the service a pointing word means; one-line summaries that keep the count
below the cutoff; counts below the cutoff in time order with how many were evaluated; the
change in Seoul's consigned services between a named year and the newest.

Phrasings are new (in no question set).  Engine-level tests check the whole path; handler-level
ones (``handle``) check the operation whatever route a wording takes to it."""

from __future__ import annotations

import pytest

from bot.answers.yesno.shares import stated_share
from bot.engine import Engine
from tests.helpers import ask, clean, handle


# ---- a share said in words ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "value", "side"),
    [
        ("A post claimed half of them failed. True?", 50.0, "at_least"),
        ("절반이 75점 미만이었다며?", 50.0, "at_least"),  # 미만 is the score's, not the share's
        ("Did half fall under 75?", 50.0, "at_least"),
        ("less than a third of them", 100 / 3, "below"),
        ("3분의 1 넘게 떨어졌어?", 100 / 3, "above"),
        ("a third or more were cut", 100 / 3, "at_least"),
        ("대부분 탈락했대", 50.0, "above"),
        ("the majority were excluded", 50.0, "above"),
        ("Did 27.7% fail?", 27.7, "equal"),
        ("미달 비율 20% 미만이야?", 20.0, "below"),
    ],
)
def test_a_share_is_read_in_words_and_numbers(question: str, value: float, side: str) -> None:
    found = stated_share(question)
    assert found is not None, question
    assert found.value == pytest.approx(value) and found.side == side, found


@pytest.mark.parametrize(
    "question",
    [
        "What happened in the third round?",
        "Which round had the most services below 75?",
        "상반기 평가 결과 반영됐어?",
        "What was evaluated in the first quarter of 2023?",
    ],
)
def test_words_that_hold_no_share_state_none(question: str) -> None:
    assert stated_share(question) is None


@pytest.mark.parametrize(
    ("question", "opening", "figures"),
    [
        (
            "Someone told me most of 2023's services fell below the cutoff. Is that true?",
            "No",
            ("27.7", "13"),
        ),
        ("2023년엔 사무 3분의 1 이상이 미달이었다던데 사실이야?", "아니", ("27.7",)),
        ("2023년 1차에선 과반이 기준 미달이었지?", "네", ("58.3", "뉴스핌")),
        ("Did less than half of the services fail in 2024?", "Yes", ()),
        # a year known only by a reported share
        ("Did a third of services fail in 2022?", "No", ("23", "Newspim")),
        ("2022년엔 절반 이상 떨어졌어?", "아니", ()),
    ],
)
def test_a_fraction_in_words_is_checked_against_the_share(
    engine: Engine, question: str, opening: str, figures: tuple[str, ...]
) -> None:
    answer = engine.answer(question)
    assert answer.text.startswith(opening), answer.text
    assert all(figure in answer.text for figure in figures), answer.text
    clean(engine, answer.text)


def test_a_claim_then_true_is_checked_whatever_the_route(engine: Engine) -> None:
    # the statement, then "True?": the yes/no handler reads the share the statement states
    answer = handle(
        engine,
        "yes_no",
        question="A blog said half of Seoul's consigned services flunked in 2023. True?",
        how="yes_no",
        what="below_cutoff",
        year=2023,
    )
    assert answer.text.startswith("No"), answer.text
    assert "27.7" in answer.text


# ---- a stated cutoff that is another figure ------------------------------------------------------
def test_a_stated_cutoff_with_decimals_is_checked_and_named(engine: Engine) -> None:
    answer = engine.answer("Round 3's pass mark was 79.05 points, wasn't it?")
    assert answer.text.startswith("No"), answer.text
    first, second = answer.text.splitlines()[:2]
    assert "75" in first
    assert "79.05" in second and "average" in second
    ko = engine.answer("2023년 3차 커트라인 79.05점 맞지?")
    assert ko.text.startswith("아니"), ko.text
    assert "평균 79.05" in ko.text and "75점" in ko.text
    clean(engine, answer.text)


@pytest.mark.parametrize(
    ("question", "figures"),
    [
        ("Was the re-contract cutoff 74.02 in 2023?", ("2023 (whole year)", "74.02")),
        ("Is the cutoff 47 points?", ("47 services due for evaluation",)),
    ],
)
def test_a_stated_cutoff_is_named_in_the_nearest_scope(
    engine: Engine, question: str, figures: tuple[str, ...]
) -> None:
    answer = engine.answer(question)
    assert answer.text.startswith("No"), answer.text
    assert all(figure in answer.text for figure in figures), answer.text


def test_the_cutoff_stated_with_a_decimal_is_the_cutoff(engine: Engine) -> None:
    answer = engine.answer("Is 75.0 the cutoff?")
    assert answer.text.startswith("Yes"), answer.text
    assert "another published figure" not in answer.text


# ---- a finding checked of the service pointed at -------------------------------------------------
@pytest.mark.parametrize(
    ("turns", "opening", "finding"),
    [
        (("경계선지능인 센터 과제?", "이거 새로 위탁된 사무임?"), "네", "신규 위탁사무"),
        (
            (
                "Tell me the borderline intelligence centre's results",
                "Is this one newly consigned?",
            ),
            "Yes",
            "newly consigned",
        ),
        (("마포자원회수시설 개선과제 알려줘", "거기 새 설비야?"), "아니", "노후화(18년)"),
    ],
)
def test_a_pointing_word_is_the_service_talked_about(
    engine: Engine, turns: tuple[str, ...], opening: str, finding: str
) -> None:
    answer = ask(engine, *turns)
    assert answer.text.startswith(opening), answer.text
    assert finding in answer.text, answer.text  # the finding that decides it, quoted


# ---- one line -----------------------------------------------------------------------------------
def test_a_one_line_round_summary_keeps_the_count_below(engine: Engine) -> None:
    ko = engine.answer("2023년 3차 결과를 한 줄로 정리해줘")
    assert len(ko.text.splitlines()) == 1, ko.text
    for figure in ("6", "79.05", "75점 미만 없음"):
        assert figure in ko.text, ko.text
    en = engine.answer("Give me the 2023 round 3 results in one line")
    assert len(en.text.splitlines()) == 1 and "none below the 75-point cutoff" in en.text


def test_a_one_line_year_summary_keeps_the_count_and_share(engine: Engine) -> None:
    en = engine.answer("Summarise 2023 in one sentence")
    assert len(en.text.splitlines()) == 1, en.text
    for figure in ("47", "74.02", "13 of 47", "27.7%"):
        assert figure in en.text, en.text
    reported = engine.answer("2024년 결과 한 줄로")
    assert len(reported.text.splitlines()) == 1, reported.text
    for figure in ("61", "78.52", "8개", "13.1%", "대한경제"):
        assert figure in reported.text, reported.text
    clean(engine, en.text)


# ---- counts below the cutoff in time order -----------------------------------------------------
def test_counts_below_in_time_order_hold_every_period_with_its_evaluated(engine: Engine) -> None:
    ko = engine.answer("기준 미달 건수를 시기 순으로 보여줘, 평가 사무 수와 함께")
    lines = ko.text.splitlines()
    assert "126" in lines[0] and "60점" in lines[0], ko.text  # the era first, its own cutoff
    assert any("기준 미만 13개" in line and "47개 중" in line for line in lines), ko.text
    assert any("기준 미만 8개" in line and "61개 중" in line for line in lines), ko.text
    en = engine.answer("Show the below-cutoff counts in chronological order")
    assert en.text.index("126") < en.text.index("of 47, 27.7%") < en.text.index("of 61"), en.text
    clean(engine, en.text)


# ---- consigned services between a named year and the newest -------------------------------------
def test_the_change_since_a_named_year_is_to_the_newest_count(engine: Engine) -> None:
    ko = ask(engine, "민간위탁 사무 총 몇 개야?", "2022년은? 그 사이 얼마나 줄었어?")
    assert "421" in ko.text and "421 − 377 = 44" in ko.text, ko.text
    en = ask(
        engine,
        "How many services does Seoul contract out in total?",
        "What about 2021, and how many fewer are there until now?",
    )
    assert "420 − 377 = 43" in en.text, en.text


def test_a_copula_ending_reaches_the_finding_check(engine: Engine) -> None:
    # "…인가?", "…인감?" once read as yes/no: the short noun is checked against the findings
    centre = next(s.id for s in engine.queries.services() if "경계선" in s.name_ko)
    for question, opening in (
        ("그럼 여기 신규 위탁사무인가?", "네"),
        ("이건 기존 사무인감?", "아니"),
    ):
        reply = handle(
            engine,
            "yes_no",
            "ko",
            question=question,
            how="yes_no",
            what="findings",
            services=(centre,),
        )
        assert reply.text.startswith(opening), reply.text
        assert "신규 위탁사무" in reply.text
