"""The start-up shortcuts give what they replace: a word's Hangul test by one regex, word
lists compiled once per process, BM25 parts computed when a term is first asked for."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.understand.lexicon import _hangul
from bot.understand.normalise import is_hangul
from bot.understand.vocab import phrase_pattern

LETTERS = st.sampled_from(["가", "힣", "ㄱ", "ㆎ", "\u318f", "a", "1", " ", "é", "中"])


@given(st.lists(LETTERS, max_size=6).map("".join))
def test_hangul_word_is_every_letter_hangul(word: str) -> None:
    assert _hangul(word) == (bool(word) and all(is_hangul(ch) for ch in word))


def test_a_word_list_is_compiled_once_whatever_its_order_or_case() -> None:
    first = phrase_pattern(["평균 점수", "Average", "평균"])
    again = phrase_pattern(["average", "평균", "평균 점수", "평균"])
    assert first is again
    assert first.search("올해 평균점수는") and first.search("the average") and not first.search("x")


def test_bm25_parts_of_a_term_are_those_of_the_formula(engine: object) -> None:
    from bot.understand.search import K1, B, current_index

    index = current_index(engine.queries)  # type: ignore[attr-defined]
    term = max(index.postings, key=lambda t: len(index.postings[t]))
    for doc_id, part in index._term_parts(term):
        tf = index.terms[doc_id][term]
        norm = 1 - B + B * index.lengths[doc_id] / index.avg_len
        assert abs(part - index.idf[term] * tf * (K1 + 1) / (tf + K1 * norm)) < 1e-12
    assert index._term_parts(term) is index._term_parts(term)  # computed once


@given(st.text(alphabet=st.sampled_from("가나 \n\t.,()ab1Σ·-"), max_size=40))
def test_folding_each_word_is_folding_the_text(text: str) -> None:
    """Lexicon folds each distinct word of the findings, not their joined text."""
    from bot.understand.normalise import fold

    by_word = {f for raw in set(text.split()) for f in fold(raw).split()}
    assert by_word == set(fold(text).split())
