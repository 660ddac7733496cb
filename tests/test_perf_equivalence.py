"""The speed-ups of understanding give the same results as the plain computations they
replace (the engine's answers must not change when it gets faster)."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.understand.lexicon import Lexicon
from bot.understand.normalise import fold
from bot.understand.search import MIN_COVERAGE, SURE_COVERAGE, FindingIndex
from bot.understand.services import _most_shared
from bot.understand.vocab import Vocab, phrase_pattern


def _plain_pattern(phrases: list[str]) -> re.Pattern[str]:
    """What ``phrase_pattern`` stands for, one alternative per phrase (longest first)."""
    parts = []
    for phrase in sorted({p.lower() for p in phrases}, key=len, reverse=True):
        body = r"\s*".join(re.escape(w) for w in phrase.split(" "))
        if re.match(r"[a-z0-9]", phrase):
            body = r"(?<![a-z0-9])" + body
        if re.search(r"[a-z]$", phrase):
            body += r"(?:s|es)?(?![a-z0-9])"
        elif re.search(r"[0-9]$", phrase):
            body += r"(?![a-z0-9])"
        parts.append(body)
    return re.compile("|".join(parts))


@pytest.mark.parametrize(
    "text",
    [
        "top score",
        "stop it",
        "the top",
        "2023top",
        "평균top3",
        "(top) average",
        "averages and tops",
        "평균 점수는 몇 점",
        "평균점수 올랐어",
        "누가 1등",
        "x1등",
        "top3 services",
    ],
)
def test_a_phrase_list_matches_where_its_phrases_do(text: str) -> None:
    phrases = ["top", "top 3", "average", "평균 점수", "평균", "1등", "점수"]
    fast, plain = phrase_pattern(phrases), _plain_pattern(phrases)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_latin_phrase_starts_its_branch_with_a_letter() -> None:
    """Every branch begins with a literal, so the regex engine may skip by first letters."""
    pattern = phrase_pattern(["rank", "순위", "top 3"]).pattern
    assert all(not branch.startswith("(?<!") for branch in pattern.split("|"))


def _lexicon(findings: str) -> Lexicon:
    return Lexicon(Vocab(), ["what is the average score"], [], [], fold(findings).split())


@pytest.mark.parametrize(
    "word", ["avrage", "scroe", "improvment", "recomendation", "satisfacton", "zzzzzz"]
)
def test_a_typo_is_corrected_as_over_every_known_word(word: str) -> None:
    lexicon = _lexicon(
        "improvement improvements recommendation recommended satisfaction satisfied "
        "scored scores stored average averaged leverage coverage beverage"
    )
    edits = 2 if len(word) >= 9 else 1
    every = process.extractOne(word, lexicon.latin, scorer=OSA.distance, score_cutoff=edits)
    assert lexicon._typo_of(word) == (every[0] if every else None)


def test_the_most_shared_keys_are_those_of_most_common() -> None:
    rng = random.Random(7)
    for _ in range(200):
        shared = Counter(rng.randrange(300) for _ in range(rng.randrange(60, 900)))
        if len(shared) <= 48:
            continue
        want = sorted(i for i, _ in shared.most_common(48))
        assert sorted(_most_shared(shared, 48)) == want


def test_one_question_searched_at_two_coverages_reads_as_twice_alone() -> None:
    docs = [
        (1, "소각로 노후화로 종합계획 수립 필요 incinerator plan"),
        (2, "직원 교육 강화 필요 staff training"),
        (3, "만족도 조사 재실시 satisfaction survey"),
        (4, "소각 설비 교체 계획 equipment replacement"),
    ]
    question = "낡은 소각로 설비 때문에 종합계획 세우라는 곳은?"
    shared = FindingIndex(docs, Vocab())
    both = (shared.search(question, coverage=SURE_COVERAGE), shared.search(question))
    alone = (
        FindingIndex(docs, Vocab()).search(question, coverage=SURE_COVERAGE),
        FindingIndex(docs, Vocab()).search(question, coverage=MIN_COVERAGE),
    )
    assert both == alone
    assert both[1]  # the question does find the incinerator's finding


_FINDING_ALPHABET = st.sampled_from(
    list("소각로노후화클링커제거 교육강화필요만족도")
    + list("abc'- .,()%0123456789")
    + ["18년", "０", "1.5", "v.2"]
)


@given(st.lists(_FINDING_ALPHABET, max_size=40).map("".join))
@settings(max_examples=300, deadline=None)
def test_a_findings_index_terms_are_its_tokens(text: str) -> None:
    """Start-up reads each finding in one pass (``_doc_terms``, words cached across
    findings); a question's search reads it as ``tokens`` does: the same terms."""
    index = FindingIndex([(1, text)], Vocab())
    assert sorted(index.terms.found[1]) == sorted(index.tokens(text))
    assert index.terms[1] == Counter(index.tokens(text))
    assert set(index.postings) == set(index.tokens(text))
