"""Content lookup (bot/understand/search.py): a service asked for by what its findings say,
in paraphrase — verb stems, synonyms, numbers inside findings — and ``describes``, the word
the decider takes before any intent.  Phrasings differ from the blind sets'."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.understand.services import descriptive
from knowledge.queries import Queries


@pytest.fixture(scope="module")
def engine(queries: Queries) -> Engine:
    return Engine(queries)


@pytest.mark.parametrize(
    ("question", "service"),
    [
        ("클링커를 떼어낸 곳이 어디였더라", "마포"),
        ("소각 설비가 18년 돼서 낡았다고 한 데는?", "마포"),
        ("Which facility has equipment that is roughly 18 years old?", "Mapo"),
        ("서울 사회가 어떻게 바뀌었는지 근본적으로 분석하라는 말 들은 센터는?", "성평등"),
        ("which centre is said to be the only one of its kind in the country?", "Borderline"),
        ("which facility saw its inspection findings going down?", "Mapo"),
    ],
)
def test_paraphrased_description_finds_the_service(
    engine: Engine, question: str, service: str
) -> None:
    assert engine.understander.lookup is not None
    assert engine.understander.lookup.describes(question), question
    answer = engine.answer(question)
    assert answer.answered and service in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "2023년 3차에서 평균 점수 제일 높은 곳은 어디야?",  # a figure, not a description
        "75점 미만인 사무는?",
        "3차 평가 대상 사무 뭐뭐야?",
        "서울시 민간위탁 사무 수가 2021년부터 어떻게 바뀌었어?",  # 사무 is not what is asked
        "소셜벤처허브센터가 기재부 우수사례로 뽑힌 거 맞아?",  # names its service
        "나무를 심었다는 곳 어디야?",  # nothing in the findings
        "Which services were evaluated every year?",  # words every finding shares
    ],
)
def test_figure_and_named_questions_are_no_description(engine: Engine, question: str) -> None:
    assert engine.understander.lookup is not None
    assert not engine.understander.lookup.describes(question), question


def test_unrelated_description_finds_nothing(engine: Engine) -> None:
    lookup = engine.understander.lookup
    assert lookup is not None
    assert lookup.search("고양이를 입양 보냈다는 곳 어디야") == []


def test_numbers_in_findings_are_terms_but_scope_numbers_are_not(engine: Engine) -> None:
    lookup = engine.understander.lookup
    assert lookup is not None
    assert "#18" in lookup.tokens("소각로가 18년이나 됐다는 곳", query=True)
    # a year, a round and a score are the question's scope, never its content
    terms = lookup.tokens("2023년 3차 75점 미만", query=True)
    assert not [t for t in terms if t.startswith("#")]


def test_a_verb_form_is_read_as_the_findings_noun(engine: Engine) -> None:
    lookup = engine.understander.lookup
    assert lookup is not None
    own, _, groups = lookup.synonyms("보일러 클링커를 떼어냈다는 시설")
    # the verb is gone from the question's own terms, and its noun is required instead
    assert not [t for t in own if t.startswith("떼")]
    assert any("제거" in group for group in groups)


def test_a_paraphrase_must_be_covered_by_its_synonyms(engine: Engine) -> None:
    lookup = engine.understander.lookup
    assert lookup is not None
    # "처음 위탁된" means 신규 위탁: a finding saying only 위탁 does not cover it
    hits = lookup.search("처음 위탁된 사무는 어디야?")
    services = {lookup.service_of.get(h.finding_id) for h in hits}
    assert len(services) == 1, hits


@pytest.mark.parametrize(
    ("word", "describing"),
    [
        ("떼어냈다는", True),
        ("교육하는", True),
        ("마포에", True),
        ("관련", True),
        ("consigned", True),
        ("청년", False),
        ("수족관", False),
        ("노인", False),
        ("aquarium", False),
    ],
)
def test_descriptive_words_before_a_head_noun(word: str, describing: bool) -> None:
    assert descriptive(word) is describing


def test_a_plural_kind_word_asks_for_the_kind_not_a_topic(engine: Engine) -> None:
    answer = engine.answer("mapo facility improvements?")
    # both improvement tasks, not the one finding that happens to say "improve"
    assert "Improvement tasks:" in answer.text and "18" in answer.text, answer.text
    assert "checklist" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "service"),
    [
        ("기재부가 잘했다고 뽑아준 센터는?", "소셜벤처"),  # every content word paraphrased
        ("임팩트 투자 끌어오는 데 도움 준 기관은 어디야", "소셜벤처"),
        ("목표를 너무 쉽게 잡는다고 더 높게 잡으라고 한 데는?", "소셜벤처"),
        ("보일러 덕트에 쌓인 재를 치운 곳은?", "마포"),
        ("성평등 인식 차이 줄이려고 사업 다양화하라는 말 들은 데는?", "성평등"),
        ("which facility cut pollutant concentrations?", "Mapo"),
        ("which centre invited the developer of a masculinity education tool?", "Gender"),
    ],
)
def test_more_paraphrases_find_their_service(engine: Engine, question: str, service: str) -> None:
    answer = engine.answer(question)
    head = "\n".join(answer.text.splitlines()[:3])
    assert answer.answered and service in head, answer.text


def test_a_named_topic_lists_only_findings_saying_it(engine: Engine) -> None:
    answer = engine.answer("육아휴직 관련해서 정부 고시 바꾸는 데 기여한 센터는?")
    assert "서남권" in answer.text and "소셜벤처" not in answer.text, answer.text


def test_the_bots_own_words_are_no_description() -> None:
    from bot.understand.search import FindingIndex
    from bot.understand.vocab import Vocab

    docs = [
        (1, "재계약 배제 이후 공개모집으로 선정된 신규 수탁기관이 사후관리 매뉴얼을 마련"),
        (2, "지역 주민 대상 무료 법률상담 프로그램 운영"),
        (3, "노후 설비 교체 계획 수립 필요"),
        (4, "청소년 진로 체험 프로그램 확대"),
    ]
    index = FindingIndex(docs, Vocab())
    index.service_of = {1: 1, 2: 2, 3: 3, 4: 4}
    index.own_vocabulary(["재계약", "배제", "사무", "기준"])
    # a figure question in the bot's own words, though one finding says them too
    assert not index.describes("재계약 배제된 사무 있어?")
    # the same finding asked for by what it says beyond those words
    assert index.describes("사후관리 매뉴얼 마련한 곳 어디야?")
