"""Entities: years (absolute and relative), rounds, thresholds, kinds, topics and services.

The services here carry the published Korean names of the 2023 round-3 disclosure and a
few aliases of the kind the curated file holds; no database is needed.
"""

from __future__ import annotations

import pytest

from bot.understand.entities import Entities, EntityExtractor, Threshold
from bot.understand.normalise import normalise
from bot.understand.services import ServiceIndex
from bot.understand.vocab import Vocab
from knowledge.model import Service

SERVICES = [
    Service(1, "서울 핀테크랩 관리 및 운영", "Seoul Fintech Lab", ("핀테크랩", "fintech lab")),
    Service(2, "소셜벤처허브센터 관리 및 운영", "Social Venture Hub Center", ("소셜벤처허브",)),
    Service(3, "서울시 서남권직장맘지원센터 운영", "Working Moms Support Center", ("직장맘센터",)),
    Service(
        4, "마포자원회수시설 관리 및 운영", "Mapo Resource Recovery Facility", ("마포 소각장",)
    ),
    Service(5, "서울시 성평등활동지원센터 운영", "Gender Equality Activity Support Center", ()),
    Service(
        6,
        "서울특별시 경계선지능인 평생교육지원센터 관리 및 운영",
        "Lifelong Education Support Center for People with Borderline Intelligence",
        ("밈센터",),
    ),
]


@pytest.fixture(scope="module")
def extract():
    vocab = Vocab()
    extractor = EntityExtractor(ServiceIndex(SERVICES, vocab), vocab, newest_year=2023)
    return lambda text: extractor.extract(normalise(text))


@pytest.mark.parametrize(
    ("text", "year", "round_no"),
    [
        ("2023년 3차 평균", 2023, 3),
        ("'23년 제3차", 2023, 3),
        ("23년도 평균", 2023, None),
        ("작년 평균은?", 2022, None),
        ("last year", 2022, None),
        ("올해 몇 개", 2023, None),
        ("third round", None, 3),
        ("round 3 of 2023", 2023, 3),
        ("R3 average", None, 3),
        ("2nd round", None, 2),
        ("4차산업 관련 성과", None, None),
        ("3.6점 차이", None, None),
        ("2030 성평등교육 강사", None, None),
    ],
)
def test_years_and_rounds(extract, text: str, year: int | None, round_no: int | None) -> None:
    e = extract(text)
    assert (e.year, e.round_no) == (year, round_no)


def test_spans_of_years_and_rounds(extract) -> None:
    assert extract("'15~'22년 평균").year_span == (2015, 2022)
    assert extract("2015-2022 average").year_span == (2015, 2022)
    assert extract("1~3차 합산").round_span == (1, 3)


def test_two_years_make_a_comparison(extract) -> None:
    e = extract("23년 평균이 22년보다 낮아?")
    assert (e.year, e.compare, e.compare_year) == (2023, "year", 2022)


@pytest.mark.parametrize(
    ("text", "threshold"),
    [
        ("75점 미만 받은 사무", Threshold(75, "below")),
        ("70점 이하", Threshold(70, "at_most")),
        ("80점 이상", Threshold(80, "at_least")),
        ("below 75", Threshold(75, "below")),
        ("scored under 85?", Threshold(85, "below")),
        ("70 or less", Threshold(70, "at_most")),
        ("2023년 3차", None),
        ("round 3 average", None),
        ("총 100점 만점", None),
    ],
)
def test_thresholds(extract, text: str, threshold: Threshold | None) -> None:
    assert extract(text).threshold == threshold


def test_threshold_compares_raw_values() -> None:
    assert Threshold(75, "below").admits(74.95)
    assert not Threshold(75, "below").admits(75.0)
    assert Threshold(70, "at_most").admits(70.0)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("핀테크랩 주요 성과", "achievement"),
        ("핀테크랩 개선과제", "improvement"),
        ("종합성과평가 결과 개선 과제", "improvement"),
        ("성과와 과제 모두", "both"),
        ("strengths of the lab", "achievement"),
        ("what should it improve", "improvement"),
        ("종합성과평가 평균", None),
    ],
)
def test_finding_kinds(extract, text: str, kind: str | None) -> None:
    assert extract(text).kind == kind


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("투자유치 관련 성과가 언급된 사무는?", "투자유치"),
        ("소각 관련 내용", "소각"),
        ("'네트워크'가 언급된 평가", "네트워크"),
        ("which services mention investment?", "investment"),
        ("findings about the checklist", "checklist"),
        ("평균 점수는?", None),
    ],
)
def test_topics(extract, text: str, topic: str | None) -> None:
    assert extract(text).topic == topic


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("핀테크랩 성과", 1),
        ("핀테크렙 성과", 1),  # typo
        ("서울핀테크랩의 개선과제는?", 1),  # particle, no spaces
        ("Seoul Fintech Lab achievements", 1),
        ("소셜벤쳐허브센터는 뭘 잘했어?", 2),  # typo and particle
        ("직장맘센터 성과", 3),
        ("마포소각장 점수", 4),  # nickname without its space
        ("the Mapo facility", 4),  # a distinctive word of the name
        ("경게선지능인 평생교육지원센터", 6),  # typo
        ("밈센터 개선과제", 6),  # nickname
    ],
)
def test_services_by_name_alias_typo_and_particle(extract, text: str, service: int) -> None:
    assert extract(text).services == (service,)


def test_a_fragment_shared_by_several_names_is_ambiguous(extract) -> None:
    e = extract("지원센터 성과")
    assert e.services == ()
    assert set(e.service_candidates) == {3, 5, 6}


def test_no_service_in_unrelated_questions(extract) -> None:
    for text in ("내일 서울 날씨 어때?", "평균 점수는?", "anything related to incinerators?"):
        e = extract(text)
        assert e.services == () and e.service_candidates == (), text


def test_unknown_place_names(extract) -> None:
    assert extract("Tell me about the Seoul Aquarium evaluation").unknown_name == "Seoul Aquarium"
    assert extract("강남도서관 성과").unknown_name == "강남도서관"
    assert extract("핀테크랩 성과").unknown_name is None


def test_entities_survive_a_round_trip_through_context_json() -> None:
    e = Entities(
        year=2023,
        round_no=3,
        services=(4,),
        threshold=Threshold(70, "at_most"),
        kind="improvement",
        metrics=frozenset({"count"}),
        compare="prev_year",
        topic="소각",
    )
    import json

    data = json.loads(json.dumps(e.to_dict()))
    back = Entities.from_dict(data)
    assert back == e


def test_malformed_context_entities_are_dropped_not_raised() -> None:
    assert Entities.from_dict({"year": "x", "services": "bad", "threshold": 5}) == Entities()


@pytest.mark.parametrize(
    ("text", "compare"),
    [
        ("3차 평균이 연평균보다 높아?", "whole_year"),
        ("round 3 vs whole year", "whole_year"),
        ("2023 3차 평균 점수와 전체 평균 비교", "whole_year"),
        ("did the average drop?", "other"),  # a change with no target: the year before
        ("2023년 평균 전년 대비", "prev_year"),
        ("평균 점수는?", None),
    ],
)
def test_comparisons(extract, text: str, compare: str | None) -> None:
    assert extract(text).compare == compare


def test_a_follow_up_versus_compares_with_the_previous_year() -> None:
    earlier = Entities(year=2023)
    now = Entities(year=2022, compare="other")
    merged = now.merged_with(earlier, frozenset({"scope", "compare"}))
    assert (merged.year, merged.compare, merged.compare_year) == (2023, "year", 2022)


@pytest.mark.parametrize(
    ("text", "score"),
    [("75점", 75.0), ("80 points", 80.0), ("75점 미만", None), ("100점 만점", None), ("3차", None)],
)
def test_a_bare_score_is_not_a_threshold(extract, text: str, score: float | None) -> None:
    assert extract(text).score == score


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("부산시 민간위탁 평가 결과", "부산"),
        ("Busan evaluation results", "Busan"),
        ("경기도는?", "경기도"),
        ("서울시 평가 결과", None),
        ("부산물 처리", None),
    ],
)
def test_other_cities(extract, text: str, place: str | None) -> None:
    assert extract(text).other_place == place


@pytest.mark.parametrize(
    ("text", "aspects"),
    [
        ("민간위탁 예산은?", {"budget"}),
        ("how long are the contracts?", {"contracts"}),
        ("서울시 민간위탁 사무가 총 몇 개야?", {"size"}),
        ("서울시 예산은 얼마야?", set()),  # the city's budget, not consignment's
    ],
)
def test_aspects_of_consignment(extract, text: str, aspects: set) -> None:
    assert extract(text).aspects == aspects


def test_a_findings_word_is_the_topic_when_no_phrase_names_one() -> None:
    vocab = Vocab()
    extractor = EntityExtractor(
        ServiceIndex(SERVICES, vocab), vocab, 2023, topic_words=frozenset({"clinker"})
    )
    assert extractor.extract("which centre deals with clinker removal?").topic == "clinker"
    assert extractor.extract("how about the whole year?").topic is None
