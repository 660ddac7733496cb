"""Finding a service by what was said about it, and yes/no checks about a finding.

- the content ranking counts a description word by word (a long word is one word, a
  synonym stands in for the part of a word it replaces, a finding must say a synonym
  whole), and everyday paraphrases are data (lookup.yaml);
- a description that names a topic word is ranked by all of it, not by the topic alone;
- a yes/no check about a finding weighs the finding's kind against the claim (praise vs
  criticism) and a state against its opposite (새 vs 노후, new vs existing) — data too;
- services are found by the kind people call them ("소각시설", "느린 학습자 센터") and by
  names written half in English.

Phrasings are new (in no question set) and assert on real engine answers."""

from __future__ import annotations

from bot.engine import Engine
from bot.understand.search import current_index
from tests.helpers import ask


def test_a_paraphrased_description_finds_the_facility(engine: Engine) -> None:
    answer = ask(engine, "덕트에 눌어붙은 재를 말끔히 걷어냈다고 나온 시설은 어디야?")
    assert answer.intent == "topic_search" and answer.answered
    assert "마포자원회수시설" in answer.text
    assert "클링커" in answer.text


def test_a_low_target_paraphrase_finds_the_improvement_task(engine: Engine) -> None:
    answer = ask(engine, "목표치를 너무 낮게 잡았다는 지적을 받은 센터는 어디인가요?")
    assert answer.answered
    assert "소셜벤처허브센터" in answer.text
    assert "도전적 목표" in answer.text


def test_a_description_ranks_by_all_its_words_not_its_topic_word(engine: Engine) -> None:
    """ "스타트업" is a topic word; the finding saying the rest (해외, 현지 전문가, 도와준)
    is the answer, not every finding that says "스타트업"."""
    answer = ask(engine, "현지 전문가를 붙여서 해외 나가는 스타트업을 도와준 곳은?")
    assert answer.answered
    first = answer.text.splitlines()[1]
    assert "핀테크랩" in first
    assert "현지 전문가" in answer.text


def test_a_long_word_weighs_as_one_word_of_the_description(engine: Engine) -> None:
    index = current_index(engine.queries)
    by_id = engine.queries.findings_by_id
    hits = index.search("해외로 나가는 스타트업에 현지 전문가 붙여 액셀러레이팅 도운 곳")
    assert hits
    assert "현지 전문가" in by_id[hits[0].finding_id].text_ko


def test_a_synonym_must_be_said_whole_not_one_pair_of_it(engine: Engine) -> None:
    """ "startup" ~ 인큐베이터: a finding holding only the pair "베이" (데이터베이스) does
    not say it."""
    index = current_index(engine.queries)
    found = index.reading("startup")
    counts = {"베이": 1}
    assert index._coverage(found, counts)[0] == 0.0


def test_a_description_no_finding_holds_finds_nothing(engine: Engine) -> None:
    """No finding says trees: no facility is offered for the shape noun "시설" alone."""
    answer = ask(engine, "나무를 심었다는 시설은 어디야?")
    assert "마포" not in answer.text
    assert not answer.answered, answer.text
    assert answer.intent == "fallback", answer.text


def test_praise_claimed_of_an_improvement_task_is_no(engine: Engine) -> None:
    answer = ask(engine, "핀테크랩은 VC 네트워크 강화로 칭찬받았지?")
    assert answer.text.startswith("아니요")
    assert "개선 과제" in answer.text
    assert "로드맵" in answer.text


def test_praise_claimed_of_an_achievement_is_yes(engine: Engine) -> None:
    answer = ask(engine, "핀테크랩이 해외진출 지원으로 좋은 평가 받았지?")
    assert answer.text.startswith("네")
    assert "해외진출" in answer.text


def test_criticism_claimed_of_an_achievement_is_no(engine: Engine) -> None:
    answer = ask(engine, "Was the fintech lab criticised for supporting companies going overseas?")
    assert answer.text.startswith("No")
    assert "achievement" in answer.text


def test_a_state_is_checked_against_its_opposite(engine: Engine) -> None:
    old = ask(engine, "마포자원회수시설 소각로 낡은 설비야?")
    assert old.text.startswith("네") and "노후화(18년)" in old.text
    new = ask(engine, "마포 소각로 최신 설비지?")
    assert new.text.startswith("아니요") and "노후화(18년)" in new.text


def test_new_or_existing_is_answered_by_the_side_stated(engine: Engine) -> None:
    answer = ask(
        engine, "Is the borderline intelligence center a new consignment or an existing one?"
    )
    assert answer.answered
    assert not answer.text.startswith(("Yes", "No"))
    assert "newly consigned" in answer.text
    korean = ask(engine, "경계선지능인센터는 새로 위탁된 사무야?")
    assert korean.text.startswith("네") and "신규 위탁사무" in korean.text


def test_a_service_is_found_by_its_kind(engine: Engine) -> None:
    answer = ask(engine, "소각시설 평가에서 잘한 점은?")
    assert answer.intent == "findings"
    assert "마포자원회수시설" in answer.text and "클링커" in answer.text
    english = ask(engine, "what did the waste incinerator do well?")
    assert "Mapo" in english.text
    slow = ask(engine, "느린 학습자 센터 개선과제 뭐야?")
    assert "경계선지능인" in slow.text and "체크리스트" in slow.text


def test_a_name_half_in_english_is_read_in_korean(engine: Engine) -> None:
    answer = ask(engine, "경계선지능인 center 잘한 거 알려줘")
    assert answer.answered
    assert "경계선지능인" in answer.text and "노하우" in answer.text
