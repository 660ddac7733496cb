"""Services a new round brings have no curated English name: English questions still find
them through working aliases (knowledge.english_names), which are never shown as names."""

from __future__ import annotations

from knowledge.english_names import english_aliases, romanize


def test_known_words_translate_and_the_rest_is_romanised() -> None:
    assert english_aliases("서울시 자원봉사센터 운영")[-1] == "volunteer center"
    assert english_aliases("남산유스호스텔 운영")[-1] == "Namsan youth hostel"
    assert english_aliases("서울시 동물복지지원센터 운영")[-1] == "animal welfare support center"
    assert romanize("마포") == "mapo"


def test_a_name_of_no_known_word_gets_no_alias() -> None:
    assert english_aliases("가나다라") == ()
