"""What the answers say: languages, scope, sources, reports, charts, follow-ups, asking back
— over the database built from knowledge/sources, and over a synthetic round with
per-service scores (the seed publishes none)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answer import Context
from bot.engine import Engine
from knowledge.queries import Queries
from knowledge.synthetic import SYNTHETIC_MARK


@pytest.fixture(scope="module")
def engine(queries) -> Engine:
    return Engine(queries)


def test_language_follows_the_question_not_the_names_in_it(engine: Engine) -> None:
    english = engine.answer("What did 마포자원회수시설 achieve?")
    assert english.lang == "en"
    assert "Mapo Resource Recovery Facility" in english.text
    korean = engine.answer("Seoul Fintech Lab 주요 성과 알려줘")
    assert korean.lang == "ko"
    assert "인큐베이터" in korean.text


def test_the_users_chosen_language_wins(engine: Engine) -> None:
    answer = engine.answer("평균 점수는?", lang="en")
    assert answer.lang == "en"
    assert "79.05 points" in answer.text


def test_no_scope_means_the_newest_round_and_says_so(engine: Engine) -> None:
    answer = engine.answer("평균 점수는?")
    assert "2023년 제3차" in answer.text and "최신 차수" in answer.text
    assert "79.05" in answer.text
    assert "74.02" in answer.text  # the whole year follows as context


def test_differences_are_computed_from_the_published_averages(engine: Engine) -> None:
    answer = engine.answer("How does the 2023 average compare with the previous year?")
    assert "3.60 points lower than 2022 (whole year) (77.62 points)" in answer.text


def test_reports_are_named_as_reports_with_publisher_and_date(engine: Engine) -> None:
    answer = engine.answer("What was the average score in 2024?")
    assert answer.answered
    assert "78.52" in answer.text
    assert "report" in answer.text and "not an official disclosure" in answer.text
    assert "2024" in answer.text
    report = next(s for s in answer.sources if not s.official)
    assert report.publisher and report.published_on == "2024-10-21" and report.url


def test_official_answers_cite_the_disclosure(engine: Engine) -> None:
    answer = engine.answer("2023년 3차 평균 점수는?")
    assert [s.official for s in answer.sources] == [True]
    assert "민간위탁 종합성과평가" in answer.sources[0].title


def test_english_answers_use_curated_names_and_translations(engine: Engine, queries) -> None:
    answer = engine.answer("list the services evaluated in the third round")
    for service in queries.services():
        assert (service.name_en or service.name_ko) in answer.text
    findings = engine.answer("main achievements of the Seoul Fintech Lab")
    assert "incubator" in findings.text and "인큐베이터" not in findings.text


def test_unknown_round_is_not_answered_but_what_is_known_is_offered(engine: Engine) -> None:
    answer = engine.answer("2023년 1차 평가 대상 사무는?")
    assert not answer.answered
    assert "없습니다" in answer.text
    assert "12" in answer.text and "7" in answer.text and "뉴스핌" in answer.text
    missing_year = engine.answer("What was the average in 2019?")
    assert not missing_year.answered
    assert "2019" in missing_year.text and "74.02" in missing_year.text


def test_individual_scores_never_published_are_said_to_be_so(engine: Engine) -> None:
    answer = engine.answer("마포자원회수시설 점수 몇 점이야?")
    assert not answer.answered
    assert "공개되지 않았습니다" in answer.text and "79.05" in answer.text


def test_trend_carries_a_chart_with_years_rounds_and_the_cutoff(engine: Engine) -> None:
    answer = engine.answer("Show the average score trend by year")
    chart = answer.chart
    assert chart is not None and chart.cutoff == 75
    yearly, rounds = chart.series.values()
    assert ("2022", 77.62) in yearly and ("2023", 74.02) in yearly
    assert ("2024 (report)", 78.52) in yearly  # a reported figure is marked on the chart too
    assert [value for _, value in rounds] == [79.05]
    json.dumps(answer.to_dict(), ensure_ascii=False)


def test_follow_ups_reuse_the_previous_turn(engine: Engine) -> None:
    first = engine.answer("핀테크랩 성과 알려줘")
    second = engine.answer("개선과제는?", context=first.context)
    assert second.intent == "findings" and "로드맵" in second.text
    third = engine.answer("마포자원회수시설은?", context=second.context)
    assert "노후화" in third.text and "클링커" not in third.text
    restored = Context.from_json(third.context.to_json())
    assert engine.answer("점수는?", context=restored).intent == "service_score"


def test_ambiguous_service_is_asked_back_with_buttons(engine: Engine) -> None:
    answer = engine.answer("지원센터 성과")
    assert not answer.answered
    assert len(answer.suggestions) == 3
    picked = engine.answer(answer.suggestions[0].question)
    assert picked.answered and picked.intent == "findings"


def test_fallback_offers_questions_that_work(engine: Engine) -> None:
    answer = engine.answer("내일 서울 날씨 어때?")
    assert not answer.answered and 2 <= len(answer.suggestions) <= 3
    for suggestion in answer.suggestions:
        assert engine.answer(suggestion.question).answered, suggestion.question


def test_every_suggestion_the_help_offers_works(engine: Engine) -> None:
    for lang in ("ko", "en"):
        for suggestion in engine.answer("help", lang=lang).suggestions:
            assert engine.answer(suggestion.question).answered, suggestion.question


def test_a_round_is_compared_with_its_whole_year(engine: Engine) -> None:
    for question in ("3차 평균이 연평균보다 높아?", "round 3 vs whole year"):
        answer = engine.answer(question)
        assert all(n in answer.text for n in ("79.05", "74.02", "5.03")), answer.text


def test_a_follow_up_versus_compares_the_two_years(engine: Engine) -> None:
    first = engine.answer("average in 2023")
    second = engine.answer("vs 2022?", context=first.context)
    assert second.intent == "average"
    assert "3.60 points lower than 2022" in second.text


def test_a_bare_metric_follow_up_keeps_the_subject(engine: Engine) -> None:
    first = engine.answer("Which services were evaluated in round 3?")
    second = engine.answer("how many?", context=first.context)
    assert second.intent == "count_evaluated" and "6 services" in second.text


def test_a_bare_score_is_asked_back_with_the_likely_questions(engine: Engine) -> None:
    answer = engine.answer("80점")
    assert not answer.answered
    questions = [s.question for s in answer.suggestions]
    assert questions[0] == "80점 미만 받은 사무 있어?" and len(questions) >= 2
    # each offer is understood as what it offers (below 80 itself is not known: no scores)
    picked = [engine.answer(q).intent for q in questions]
    assert picked[:2] == ["below_cutoff", "cutoff_rule"]


def test_one_vague_word_is_asked_back_not_guessed(engine: Engine) -> None:
    answer = engine.answer("score")
    assert not answer.answered and len(answer.suggestions) == 3
    assert any("average" in s.question for s in answer.suggestions)


def test_a_greeting_is_brief_and_offers_examples(engine: Engine) -> None:
    for question, word in (("안녕", "안녕하세요"), ("hi", "Hello")):
        answer = engine.answer(question)
        assert answer.intent == "greeting" and not answer.answered
        assert word in answer.text and "\n" not in answer.text
        assert len(answer.suggestions) == 3


def test_another_city_is_not_in_the_knowledge_base(engine: Engine) -> None:
    answer = engine.answer("Busan evaluation results")
    assert answer.intent == "other_place" and not answer.answered
    assert "Busan" in answer.text and "79.05" not in answer.text


def test_a_service_with_words_nobody_knows_is_not_answered_with_its_findings(
    engine: Engine,
) -> None:
    answer = engine.answer("핀테크랩 담당 직원 연락처")
    assert answer.intent == "fallback" and not answer.answered
    assert "로드맵" not in answer.text
    assert all("핀테크랩" in s.question for s in answer.suggestions)


def test_consignment_figures_answer_only_the_aspect_asked(engine: Engine) -> None:
    answer = engine.answer("민간위탁 사무 예산은?")
    assert answer.intent == "consignment" and answer.answered
    assert "7,155" in answer.text and "377" not in answer.text
    assert all(not s.official for s in answer.sources)
    assert engine.answer("서울시 예산은 얼마야?").intent != "consignment"


def test_a_context_naming_a_missing_service_is_ignored(engine: Engine) -> None:
    answer = engine.answer("개선과제는?", context=Context("findings", {"services": [999]}))
    assert answer.intent != "error"


def test_a_handler_bug_becomes_an_apology_not_a_crash(engine: Engine, monkeypatch) -> None:
    def broken(request):
        raise ZeroDivisionError

    monkeypatch.setitem(engine.handlers, "average", broken)
    answer = engine.answer("평균 점수는?")
    assert answer.intent == "error" and not answer.answered and answer.text


# ---- a synthetic round with per-service scores ----------------------------------------
SYNTHETIC_NAMES = ["가상1구 지원센터 운영", "시험2구 복지관 운영", "예시3구 청소년센터 운영"]
SYNTHETIC_SCORES = ["74.95", "80.10", "91.00"]


def _synthetic_disclosure() -> str:
    """A synthetic round (invented names, year 2030) whose score table holds 74.95."""
    lines = [
        SYNTHETIC_MARK,
        "",
        "2030년 제1차 민간위탁 종합성과평가 결과 공개",
        "",
        "□ 평가개요",
        "",
        "- 추진근거 : 「서울특별시 행정사무의 민간위탁에 관한 조례」 제18조",
        "- 평가기간 : '30년 2월 ~ 4월",
        "- 평가대상 : '30년 12개 사무 중 3개",
        "- 평가기관 : 외부 전문기관(재단법인 가상평가연구원)",
        "- 평가내용 : 공통분야, 개별분야, 사용자 만족도 평가(총100점)",
        "",
        "□ 평가결과",
        "",
        "- 평가점수 : 3개 민간위탁사무 평가 결과 평균 82.02점",
        f" - 75점 미만 재계약 배제 대상 사무 : 1개({SYNTHETIC_NAMES[0]})",
        "- 결과활용 : 재계약 적정성 심의반영 및 위탁사업 개선",
        " - 평가 결과 75점 미만은 해당 수탁기관과 재계약 배제 및 공개모집(관리지침)",
        "",
        "□ 사무별 평가점수",
        "",
        *(f"{n}\t{s}" for n, s in zip(SYNTHETIC_NAMES, SYNTHETIC_SCORES, strict=True)),
        "",
        "□ 사무별 주요성과 및 과제",
        "",
    ]
    for i, name in enumerate(SYNTHETIC_NAMES):
        lines += [
            "①②③"[i] + " " + name,
            "",
            "구 분\t주 요 내 용",
            f"주요 성과\t- 시험 사업 {i + 2}건 추진 적절",
            "개선 과제\t- 중장기 운영 계획 수립 필요",
            "",
        ]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    from knowledge.store import build

    folder = tmp_path_factory.mktemp("scored")
    sources = folder / "sources"
    sources.mkdir()
    (sources / "synthetic-2030-round1.txt").write_text(_synthetic_disclosure(), encoding="utf-8")
    build(folder / "kb.db", sources=sources)
    return Engine(Queries(folder / "kb.db"))


def test_74_95_is_below_75_and_shown_as_74_95(scored: Engine) -> None:
    for question, lang in (("75점 미만 사무는?", "ko"), ("Which services scored below 75?", "en")):
        answer = scored.answer(question)
        assert answer.lang == lang
        assert "74.95" in answer.text and "75.0" not in answer.text
        assert "가상1구 지원센터 운영" in answer.text
        assert "시험2구" not in answer.text and "예시3구" not in answer.text


def test_thresholds_compare_raw_scores(scored: Engine) -> None:
    assert "0" in scored.answer("70점 미만 사무 있어?").text
    above = scored.answer("80점 이상 받은 사무는?").text
    assert "시험2구" in above and "예시3구" in above and "가상1구" not in above


def test_highest_lowest_rank_and_a_services_score(scored: Engine) -> None:
    assert "예시3구 청소년센터 운영: 91.00" in scored.answer("가장 높은 점수는?").text
    assert "가상1구 지원센터 운영: 74.95" in scored.answer("lowest score").text
    ranking = scored.answer("순위 알려줘").text
    assert ranking.index("91.00") < ranking.index("80.10") < ranking.index("74.95")
    own = scored.answer("가상1구 지원센터 점수")
    assert own.answered and "74.95점" in own.text


def test_untranslated_findings_are_shown_in_korean_and_said_to_be(scored: Engine) -> None:
    answer = scored.answer("What did 가상1구 지원센터 achieve?")
    assert answer.lang == "en"
    assert "시험 사업 2건 추진 적절" in answer.text
    assert "in Korean" in answer.text


def test_synthetic_document_says_it_is_synthetic() -> None:
    assert _synthetic_disclosure().splitlines()[0] == SYNTHETIC_MARK
    assert Path(__file__).read_text(encoding="utf-8").count("synthetic") > 3


def test_module_level_answer_opens_the_configured_database(kb_copy: Path, monkeypatch) -> None:
    import bot.engine

    monkeypatch.setenv("EVALBOT_DB", str(kb_copy))
    bot.engine.get_engine.cache_clear()
    try:
        answer = bot.engine.answer("평균 점수는?")
        assert answer.answered and "79.05" in answer.text
        assert bot.engine.get_engine().queries.path == kb_copy
    finally:
        bot.engine.get_engine.cache_clear()


# ---- issue 12: operations, yes/no, conversation ---------------------------------------
def test_the_engine_decides_through_a_public_method(engine: Engine) -> None:
    decision = engine.decide("2023년 평균은?")
    assert decision.intent == "average" and decision.entities.year == 2023
    assert engine.intent_of("핀테크랩 개선과제") == "findings"
    assert not hasattr(engine, "_decide")


def test_a_gap_shows_its_arithmetic_in_one_line(engine: Engine) -> None:
    answer = engine.answer("3차 평균은 기준선에서 얼마나 여유 있어?")
    assert answer.answered and answer.operation == "gap" and answer.intent == "average"
    assert "79.05 − 75 = 4.05" in answer.text.splitlines()


def test_a_complement_is_evaluated_minus_below(engine: Engine) -> None:
    answer = engine.answer("2023년에 75점 이상 받은 사무 비율")
    assert "47 − 13 = 34" in answer.text and "72.3%" in answer.text


def test_a_yes_no_answer_begins_with_the_verdict(engine: Engine) -> None:
    assert engine.answer("이번 평가 외부에 맡긴 거 맞아?").text.startswith("네.")
    assert engine.answer("2023년 평균이 75점 넘었어?").text.startswith("아니요.")
    cleared = engine.answer("Did the borderline intelligence center clear the cutoff?")
    assert cleared.text.startswith("Yes.") and "not published" in cleared.text
    unknown = engine.answer("핀테크랩이 제일 높은 점수 받았어?")
    assert not unknown.answered and "알 수 없" in unknown.text


def test_out_of_range_numbers_are_outside_the_data(engine: Engine) -> None:
    for question in ("101점 미만 사무는?", "-5점 미만 사무 있어?", "9999년 평균",
                     "round 18446744073709551616 average"):  # fmt: skip
        answer = engine.answer(question)
        assert answer.intent == "out_of_range" and not answer.answered, question
        assert "79.05" not in answer.text


def test_a_list_item_is_reached_by_its_position(engine: Engine) -> None:
    listed = engine.answer("3차 평가 대상 사무 알려줘")
    assert listed.context is not None and len(listed.context.items) == 6
    last = engine.answer("마지막 거 개선과제는?", context=listed.context)
    assert "경계선" in last.text and "협력" in last.text


def test_the_previous_two_figures_can_be_compared(engine: Engine) -> None:
    first = engine.answer("2022년 평균은?")
    second = engine.answer("2023년은?", context=first.context)
    gap = engine.answer("둘이 몇 점 차이야?", context=second.context)
    assert "77.62 − 74.02 = 3.60" in gap.text


def test_the_last_answer_again_in_the_other_language(engine: Engine) -> None:
    korean = engine.answer("핀테크랩 개선과제")
    english = engine.answer("영어로 다시", context=korean.context)
    assert english.lang == "en" and "roadmap" in english.text


def test_a_complete_question_keeps_its_own_scope(engine: Engine) -> None:
    gone = engine.answer("2019년 평균은?")
    answer = engine.answer("핀테크랩 개선과제", context=gone.context)
    assert answer.answered and "로드맵" in answer.text


def test_a_stored_context_expires(queries) -> None:
    now = [1_000_000.0]
    engine = Engine(queries, clock=lambda: now[0])
    first = engine.answer("핀테크랩 성과")
    assert first.context is not None and first.context.at == now[0]
    now[0] += 29 * 60
    assert "로드맵" in engine.answer("개선과제는?", context=first.context).text
    now[0] += 2 * 60
    assert not engine.answer("개선과제는?", context=first.context).answered


def test_the_context_round_trips_through_json(engine: Engine) -> None:
    answer = engine.answer("What was the 2023 average?")
    again = Context.from_json(answer.context.to_json())
    assert again == answer.context
    assert Context.from_json('{"items": ["x", 3], "figures": [1, {"value": 2}]}').items == (3,)


def test_a_failure_is_logged_with_its_intent_and_language(engine, monkeypatch, caplog) -> None:
    def broken(request):
        raise ZeroDivisionError

    monkeypatch.setitem(engine.handlers, "average", broken)
    with caplog.at_level("ERROR", logger="bot.engine"):
        engine.answer("평균 점수는?")
    assert "intent=average lang=ko" in caplog.text


def test_a_service_found_by_what_was_said_about_it(engine: Engine) -> None:
    answer = engine.answer("Which service got praise for helping its companies go global?")
    assert answer.answered and "Fintech" in answer.text
    nothing = engine.answer("which service planted trees along the Han river?")
    assert not nothing.answered


def test_bare_names_resolve_best_first(engine: Engine, queries) -> None:
    found = engine.match_services("서울시 지원센터")
    names = [queries.service(i).name_ko for i in found.candidates]
    assert names[0] == "서울시 성평등활동지원센터 운영" and len(names) == 3
    assert engine.match_services("핀테크렙").named
