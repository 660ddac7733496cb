"""Counts over several years and rounds (E7b): a round deduced from a printed span ("1~2차
누계"), rounds of different years listed and summed, each year's own count, the year with
the most, a whole year the loaded rounds only partly cover, a page naming only some of its
services, a round's share of its year, and a change after a named year.

The pages are synthetic, written here (their first line says so): 2027 round 2 (10 of 50
due, 3 named, "1~2차 누계 30개 중 4개"), 2028 round 1 (3 of 40, scores) and 2029 round 3
(3 of 45, scores), over the shipped sources (the seed's 2023 round 3: 6 of 47)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine
from bot.understand.entities import Threshold
from tests.helpers import ask, engine_from_sources, handle

HEAD = (
    "※ 합성 시험 문서 (synthetic test document) — not a real disclosure "
    "(tests/test_compute_years_rounds.py)"
)


def _page(year: int, round_no: int, due: int, evaluated: int, average: str, body: str) -> str:
    yy = str(year)[2:]
    return f"""{HEAD}
{year}년 제{round_no}차 민간위탁 종합성과평가 결과 공개

□ 평가개요

- 평가기간 : '{yy}년 5월 ~ 7월
- 평가대상 : '{yy}년 {due}개 사무 중 {evaluated}개
- 평가기관 : 외부 전문기관(재단법인 가상평가연구원)

□ 평가결과

- 평가점수 : {evaluated}개 민간위탁사무 평가 결과 평균 {average}점
{body}"""


def _findings(*names: str) -> str:
    marks = "①②③④⑤"
    return "\n".join(
        f"{marks[i]} {name}\n\n구 분\t주 요 내 용\n"
        f'주요 성과\t<ul style="list-style-type: none"> - {name} 이용자 증가\n'
        f'개선 과제\t<ul style="list-style-type: none"> - {name} 시설 정비 필요\n'
        for i, name in enumerate(names)
    )


def _scored(below: str, scores: dict[str, str]) -> str:
    table = "\n".join(f"{name} | {score}" for name, score in scores.items())
    return (
        f" - 75점 미만 재계약 배제 대상 사무 : {below}\n\n□ 사무별 평가점수\n\n사무명 | 점수\n"
        f"{table}\n\n□ 사무별 주요성과 및 과제\n\n{_findings(*scores)}"
    )


PAGES = {
    "e7b-2027-round2.txt": _page(
        2027,
        2,
        50,
        10,
        "78.00",
        " - 75점 미만 재계약 배제 대상 사무 : 2개(가상 별빛공원 운영, 가상 은하수센터 운영)\n"
        " - '27년 1~2차 누계 : 30개 사무 중 4개(13.3%)가 75점 미만\n\n"
        "□ 주요 사무 평가 의견 (일부 사무)\n\n"
        + _findings("가상 새벽도서관 운영", "가상 별빛공원 운영", "가상 은하수센터 운영"),
    ),
    "e7b-2028-round1.txt": _page(
        2028,
        1,
        40,
        3,
        "77.00",
        _scored(
            "1개(가상 노을체육관 운영)",
            {
                "가상 아침시장 운영": "80.00",
                "가상 한낮미술관 운영": "78.00",
                "가상 노을체육관 운영": "73.00",
            },
        ),
    ),
    "e7b-2029-round3.txt": _page(
        2029,
        3,
        45,
        3,
        "76.00",
        _scored(
            "2개(가상 노을체육관 운영, 가상 한낮미술관 운영)",
            {
                "가상 아침시장 운영": "80.50",
                "가상 한낮미술관 운영": "74.50",
                "가상 노을체육관 운영": "73.00",
            },
        ),
    ),
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    pages = tmp_path_factory.mktemp("e7b-pages")
    for name, text in PAGES.items():
        (pages / name).write_text(text, encoding="utf-8")
    folder = tmp_path_factory.mktemp("e7b-kb")
    return engine_from_sources(folder, *sorted(pages.iterdir()))


def test_a_round_is_its_printed_span_less_the_other_rounds_of_the_span(engine: Engine) -> None:
    # 50 due in 2027, but rounds 1–2 together were 30: round 1 is 30 − 10, not 50 − 10
    reply = ask(engine, "2027년 1차에는 평가 사무가 몇 개였어?")
    assert "30 − 10 = 20" in reply.text and "40" not in reply.text
    below = ask(engine, "How many services fell below 75 in 2027 round 1?")
    assert "4 − 2 = 2" in below.text


def test_a_below_count_shows_no_share_unless_one_is_asked(engine: Engine) -> None:
    threshold = Threshold(75.0, "below")
    count = handle(
        engine,
        "deduced",
        "ko",
        year=2027,
        round_no=1,
        threshold=threshold,
        what="below_cutoff",
        question="2027년 1차 미달 몇 개?",
    )
    assert "4 − 2 = 2" in count.text and "%" not in count.text
    rate = handle(
        engine,
        "deduced",
        "ko",
        year=2027,
        round_no=1,
        threshold=threshold,
        what="below_cutoff",
        metrics=frozenset({"share"}),
        question="미달 비율은?",
    )
    lines = rate.text.splitlines()
    assert lines.index("30 − 10 = 20") < lines.index("2 / 20 = 10.0%")


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("27년 2차, 28년 1차, 29년 3차 평가 사무 수 모두 더하면?", "ko"),
        (
            "How many services did 2027 round 2, 2028 round 1 and 2029 round 3 evaluate "
            "altogether?",
            "en",
        ),
    ],
)
def test_rounds_of_different_years_listed_are_summed(
    engine: Engine, question: str, lang: str
) -> None:
    reply = handle(
        engine,
        "count_evaluated",
        lang,
        question=question,
        rounds_listed=((2027, 2), (2028, 1), (2029, 3)),
        metrics=frozenset({"count"}),
    )
    assert "10 + 3 + 3 = 16" in reply.text
    below = handle(
        engine,
        "below_cutoff",
        lang,
        question=question,
        rounds_listed=((2027, 2), (2028, 1), (2029, 3)),
        threshold=Threshold(75.0, "below"),
    )
    assert "2 + 1 + 2 = 5" in below.text


def test_a_listed_round_only_deduction_gives_shows_its_arithmetic(engine: Engine) -> None:
    reply = handle(
        engine,
        "count_evaluated",
        "en",
        question="2027 round 1 and 2028 round 1 combined?",
        rounds_listed=((2027, 1), (2028, 1)),
    )
    assert "20 + 3 = 23" in reply.text and "30 − 10 = 20" in reply.text


def test_two_listed_rounds_are_not_summed_unless_asked_together(engine: Engine) -> None:
    reply = handle(
        engine,
        "count_evaluated",
        "en",
        question="2028 round 1 versus 2029 round 3?",
        rounds_listed=((2028, 1), (2029, 3)),
        year=2028,
        round_no=1,
    )
    assert "3 + 3" not in reply.text


def test_each_year_has_its_own_count_not_its_loaded_rounds(engine: Engine) -> None:
    reply = ask(engine, "2027년부터 2029년까지 해마다 평가 대상 사무가 몇 개였어?")
    text = reply.text
    assert "50" in text and "40" in text and "45" in text
    assert "50 − 40 = 10" in text and "45 − 40 = 5" in text


def test_the_year_with_the_most_services(engine: Engine) -> None:
    reply = handle(
        engine,
        "count_evaluated",
        "en",
        question="In which year were the fewest services up for evaluation?",
        metrics=frozenset({"count", "lowest"}),
    )
    assert reply.text.splitlines()[0].startswith("The fewest: 2028")


def test_a_whole_year_partly_loaded_is_not_answered_from_its_rounds(engine: Engine) -> None:
    reply = handle(
        engine,
        "below_cutoff",
        "en",
        year=2028,
        threshold=Threshold(75.0, "below"),
        metrics=frozenset({"count"}),
        reference="whole_year",
        question="How many of 2028's services fell under 75 over the whole year?",
    )
    assert not reply.answered
    assert "40" in reply.text and "3 of them" in reply.text


def test_a_page_naming_some_services_says_so(engine: Engine) -> None:
    listed = handle(
        engine,
        "services_list",
        "en",
        year=2027,
        round_no=2,
        question="Which services did 2027 round 2 cover?",
    )
    assert "evaluated 10 services; its page names 3 of them" in listed.text
    scores = handle(
        engine,
        "services_list",
        "en",
        year=2027,
        round_no=2,
        question="Show me every service's score in 2027 round 2",
    )
    assert not scores.answered


def test_a_rounds_share_of_its_year_answers_over_half(engine: Engine) -> None:
    reply = handle(
        engine,
        "evaluated_share",
        "ko",
        year=2027,
        round_no=2,
        how="yes_no",
        what="count_evaluated",
        question="27년 2차 평가 사무가 그해 전체의 과반이야?",
    )
    assert reply.text.startswith("아니요") and "10 / 50 = 20.0%" in reply.text


def test_rounds_after_a_premise_are_the_asked_ones(engine: Engine) -> None:
    reply = ask(engine, "2023년 47개 중 3차가 6개라면, 1차와 2차는 합쳐 몇 개를 평가한 셈이야?")
    assert "47 − 6 = 41" in reply.text


def test_a_change_after_a_named_year_is_the_next_year_against_it(engine: Engine) -> None:
    # the seed: 2023 74.02 (official), 2024 78.52 (a report, named)
    reply = ask(engine, "Did the yearly average recover after 2023?")
    assert reply.text.startswith("Yes") and "78.52 − 74.02 = 4.50" in reply.text
    assert "Daehan" in reply.text or "대한경제" in reply.text


def test_a_change_from_one_round_to_a_later_one_reads_in_time_order(engine: Engine) -> None:
    # 2028 round 1 77.00 → 2029 round 3 76.00, whichever the question names first
    reply = ask(engine, "From 2028 round 1 to 2029 round 3, did the round average rise or fall?")
    assert reply.text.startswith("Down: from 2028 round 1 to 2029 round 3")
    assert "77.00 − 76.00 = 1.00" in reply.text
    checked = ask(engine, "28년 1차에서 29년 3차로 오면서 평균이 떨어졌어?")
    assert checked.text.startswith("네") and "77.00 − 76.00 = 1.00" in checked.text


def test_higher_or_lower_stays_a_comparison(engine: Engine) -> None:
    reply = ask(engine, "Was 2029 round 3's average higher or lower than 2028 round 1's?")
    assert "lower" in reply.text and "Down:" not in reply.text


def test_a_score_below_its_rounds_cutoff_says_so_in_a_history(engine: Engine) -> None:
    gym = next(s.id for s in engine.queries.services() if "노을체육관" in s.name_ko)
    reply = handle(
        engine,
        "service_score",
        "ko",
        services=(gym,),
        metrics=frozenset({"history"}),
        question="가상 노을체육관은 두 번 평가받았는데 결과가 어떻게 바뀌었어?",
    )
    assert reply.text.count("재계약 배제 기준(75점) 미만") == 2


def test_a_band_under_the_cutoff_as_a_share_of_the_count_below(engine: Engine) -> None:
    # the seed's 2024 report: 8 below 75, 5 of them from 70 to 75
    reply = handle(
        engine,
        "below_cutoff",
        "en",
        year=2024,
        band=(70.0, 75.0),
        metrics=frozenset({"share"}),
        question="Among 2024's services under 75, how big a share scored in the low 70s?",
    )
    assert "5 of 8 services below the cutoff" in reply.text


def test_the_share_since_the_old_cutoff_follows_its_era(engine: Engine) -> None:
    reply = ask(
        engine, "Since the 60-point cutoff era, how has the share of failing services moved?"
    )
    text = reply.text
    assert "5 / 126 = 3.97%" in text and "27.7%" in text and "13.1%" in text
    assert text.index("5 / 126") < text.index("27.7%")


def test_a_yes_no_asking_whether_a_count_is_knowable_gives_it(engine: Engine) -> None:
    reply = ask(engine, "2027년 1차 평가 사무 수 계산할 수 있어?")
    assert "30 − 10 = 20" in reply.text


def test_a_share_asked_of_a_round_against_its_year_is_its_services(engine: Engine) -> None:
    reply = handle(
        engine,
        "average",
        "ko",
        year=2028,
        round_no=1,
        metrics=frozenset({"share"}),
        reference="whole_year",
        compare="whole_year",
        question="28년 1차 사무가 28년 전체에서 몇 퍼센트 차지해?",
    )
    assert "3 / 40 = 7.5%" in reply.text


def test_a_rounds_failure_share_against_its_whole_year(engine: Engine) -> None:
    # the seed and its reports: 2023 round 1 7 of 12 (뉴스핌), 2023 13 of 47
    reply = handle(
        engine,
        "below_cutoff",
        "en",
        year=2023,
        round_no=1,
        compare="whole_year",
        reference="whole_year",
        metrics=frozenset({"share"}),
        question="Was round 1 of 2023 worse than the year overall for exclusions?",
    )
    text = reply.text
    assert "7 / 12 = 58.3%" in text and "13 / 47 = 27.7%" in text and "higher than" in text
    assert "as a whole" not in text and "30.6" not in text  # a part beside its whole


def test_a_trend_between_two_named_rounds_is_their_change(engine: Engine) -> None:
    reply = ask(engine, "28년 1차에서 29년 3차로 오면서 평균은 어떻게 바뀌었어?")
    assert "77.00 − 76.00 = 1.00" in reply.text and "연도별 평균" not in reply.text


def test_a_year_with_no_count_of_its_own_shows_its_loaded_rounds_as_a_part(
    engine: Engine,
) -> None:
    # 2024 has the seed's reported 61; 2025 and 2026 have nothing; 2027 its page's 50
    reply = handle(
        engine,
        "count_evaluated",
        "en",
        year_span=(2027, 2029),
        question="Year by year, how many services were evaluated from 2027 to 2029?",
    )
    assert "2027: 50 services evaluated" in reply.text
    assert "2028: 40 services evaluated (down by 10)" in reply.text


def test_an_average_of_some_rounds_backed_out_of_the_years(engine: Engine) -> None:
    # the seed: 2023 74.02 over 47 services, round 3 79.05 over 6 → rounds 1–2 73.28
    reply = ask(engine, "Estimate the mean score of 2023 rounds 1 to 2 from the annual one.")
    assert "(74.02 × 47 − 79.05 × 6) / (47 − 6) = 73.28" in reply.text
    # asked plainly, the average of rounds no page prints is computed too, said to be a
    # calculation and on what assumption (a single round's average is still not published)
    plain = ask(engine, "2023년 1~2차 평균은?")
    assert "(74.02 × 47 − 79.05 × 6) / (47 − 6) = 73.28" in plain.text
    assert "어느 자료에도 나와 있지 않지만" in plain.text and "가정" in plain.text


def test_two_rounds_results_without_an_average_compare_their_shares(engine: Engine) -> None:
    # the seed: 2023 round 1 only reported (7 of 12 below), round 3 loaded (0 of 6)
    reply = handle(
        engine,
        "average",
        "en",
        year=2023,
        round_no=3,
        compare="round",
        compare_year=2023,
        compare_round=1,
        metrics=frozenset({"history"}),
        question="How did the 2023 round 1 results compare with round 3?",
    )
    assert reply.answered and "7 / 12 = 58.3%" in reply.text and "0 / 6 = 0.0%" in reply.text
    averages = handle(
        engine,
        "average",
        "en",
        year=2023,
        round_no=3,
        compare="round",
        compare_year=2023,
        compare_round=1,
        metrics=frozenset({"average"}),
        question="Compare the averages of 2023 round 1 and round 3",
    )
    assert not averages.answered and "58.3" not in averages.text


def test_a_round_not_loaded_shows_what_its_year_holds(engine: Engine) -> None:
    reply = ask(engine, "What was the average in the 2nd round of 2023?")
    assert not reply.answered and "74.02" in reply.text and "79.05" in reply.text


def test_the_lowest_year_among_yearly_averages_ranks_years(engine: Engine) -> None:
    reply = handle(
        engine,
        "lowest",
        "en",
        metrics=frozenset({"lowest", "average"}),
        compare="whole_year",
        reference="whole_year",
        question="Of the annual averages on record, which year came out lowest?",
    )
    assert "lowest: 2023 (whole year) (74.02 points)" in reply.text


def test_a_round_summary_leaves_its_average_for_the_next_turn(engine: Engine) -> None:
    reply = ask(engine, "What was the 2028 round 1 average?", "And the newest round?")
    figures = [f["value"] for f in reply.context.figures]
    assert figures == [77.0, 76.0]


def test_a_count_of_consigned_services_over_time_is_seouls_own(engine: Engine) -> None:
    reply = ask(engine, "Is the number of services Seoul has contracted out going up each year?")
    assert "421" in reply.text and "377" in reply.text


def test_every_year_with_a_count_of_its_own_is_listed(engine: Engine) -> None:
    # 2023 (the seed's 47), 2024 (a report's 61, named), then the synthetic 2027–2029
    reply = ask(engine, "Show me the count of evaluated services year by year")
    text = reply.text
    for line in ("2023: 47", "2024: 61", "2027: 50", "2028: 40", "2029: 45"):
        assert line in text
    assert "Daehan" in text or "대한경제" in text


def test_each_scoring_areas_points_are_not_published(engine: Engine) -> None:
    reply = handle(
        engine,
        "scoring_scheme",
        "en",
        year=2023,
        round_no=3,
        question="What is the weighting of each area out of 100?",
    )
    assert not reply.answered and "not in the published results" in reply.text
    plain = handle(
        engine, "scoring_scheme", "en", year=2023, round_no=3, question="What areas are scored?"
    )
    assert plain.answered


def test_a_count_asked_with_its_failures_gives_both(engine: Engine) -> None:
    reply = handle(
        engine,
        "count_evaluated",
        "ko",
        year=2028,
        round_no=1,
        threshold=Threshold(75.0, "below"),
        metrics=frozenset({"count"}),
        question="28년 1차 몇 개 평가했고 75점 안 된 건 몇 개야?",
    )
    assert "3개" in reply.text and "노을체육관" in reply.text


def test_the_lowest_service_against_the_cutoff(engine: Engine) -> None:
    reply = handle(
        engine,
        "gap",
        "en",
        year=2029,
        round_no=3,
        metrics=frozenset({"lowest"}),
        how="gap",
        reference="cutoff",
        what="average",
        question="By how much did the bottom service of 2029 round 3 miss the cutoff?",
    )
    assert "73.00" in reply.text and "75 − 73.00 = 2.00" in reply.text


def test_failures_round_by_round_in_time_order(engine: Engine) -> None:
    reply = handle(
        engine,
        "direction",
        "ko",
        threshold=Threshold(75.0, "below"),
        how="trend",
        what="below_cutoff",
        question="차수별로 75점 미만이 늘고 있어?",
    )
    lines = reply.text.splitlines()
    assert lines[:2] == ["2023년 제3차: 6개 중 0개", "2027년 제2차: 10개 중 2개"]


def test_a_year_average_of_a_partly_loaded_year_is_not_known(engine: Engine) -> None:
    # 2028: 3 of its 40 services loaded and no year figure
    reply = ask(engine, "2028년 평균 점수는?")
    assert not reply.answered and "77.00" in reply.text


def test_one_services_two_named_years_are_its_history(engine: Engine) -> None:
    market = next(s.id for s in engine.queries.services() if "아침시장" in s.name_ko)
    reply = handle(
        engine,
        "service_score",
        "ko",
        services=(market,),
        year=2029,
        compare="year",
        compare_year=2028,
        question="가상 아침시장 28년이랑 29년 점수 비교해줘",
    )
    assert "80.00" in reply.text and "80.50" in reply.text


def test_the_newest_yearly_average_against_the_year_before(engine: Engine) -> None:
    # the seed: 2024's report (78.52) is the newest year average; 2023 is the year before
    reply = handle(
        engine,
        "average",
        "en",
        latest=True,
        compare="prev_year",
        reference="prev_year",
        metrics=frozenset({"average"}),
        question="How does the most recent yearly average compare with the one before it?",
    )
    assert "78.52" in reply.text and "4.50 points higher than 2023" in reply.text


def test_a_whole_year_average_asked_as_such_is_the_years_own(engine: Engine) -> None:
    reply = handle(
        engine,
        "average",
        "ko",
        year=2023,
        compare="whole_year",
        reference="whole_year",
        metrics=frozenset({"average"}),
        question="2023년 연간 평균 점수",
    )
    assert "74.02" in reply.text and "79.05" not in reply.text


def test_a_services_rise_on_its_previous_published_score(engine: Engine) -> None:
    market = next(s.id for s in engine.queries.services() if "아침시장" in s.name_ko)
    reply = handle(
        engine,
        "service_score",
        "ko",
        services=(market,),
        year=2029,
        round_no=3,
        question="가상 아침시장 29년엔 몇 점 올랐어?",
    )
    assert "80.50 − 80.00 = 0.50" in reply.text


def test_the_contractor_a_results_table_names_is_queryable(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # a results table with a 수탁기관 column (the many14 page): Queries.contractors
    page = Path(__file__).parent / "fixtures" / "blind" / "many14" / "2027-round1-table.html"
    built = engine_from_sources(tmp_path_factory.mktemp("e7b-contractor"), page)
    q = built.queries
    market = next(s.id for s in q.services() if "전통시장" in s.name_ko)
    assert [(y, r, c) for y, r, c, _ in q.contractors(market)] == [(2027, 1, "(사)장터살림연구소")]
    seed = next(s.id for s in q.services() if "핀테크" in s.name_ko)
    assert q.contractors(seed) == []


def test_how_many_consigned_services_and_their_budget_gives_both(engine: Engine) -> None:
    reply = handle(
        engine,
        "consignment",
        "ko",
        aspects=frozenset({"size", "budget"}),
        question="민간위탁 사무가 전부 몇 가지고 예산은 얼마야?",
    )
    assert "377" in reply.text and "7,155" in reply.text
    budget = handle(
        engine,
        "consignment",
        "ko",
        aspects=frozenset({"size", "budget"}),
        question="민간위탁 사무 예산은?",
    )
    assert "7,155" in budget.text and "377" not in budget.text
