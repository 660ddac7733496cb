"""One regular expression for many literal strings, built as a trie.

A plain alternation of hundreds of names ("a|b|c…") makes Python's regex engine try every
name at every position of the text; the names of twenty rounds make that the slowest part
of an answer.  Sharing prefixes ("서울시 …", "서울 …") lets it try one character per step.
The match is the same as the longest-first alternation's: leftmost, then longest.

``bot.understand.vocab.phrase_pattern`` is the same idea for the word lists of questions
(lower-cased, a space matching any run of spaces, Latin words on word boundaries); this one
matches text exactly as written, for names looked up by the very string found.
``bounded_words`` and ``phrase_alternation`` are the plain longest-first alternations the
short word lists of the data files are built as (bounded, or with any spacing)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

#: A pattern that never matches (an empty list of words).
_NOTHING = "(?!x)x"


def alternation(words: Iterable[str]) -> str:
    """The regex source matching any of ``words`` (leftmost, then longest)."""
    return _source(trie(words)) or _NOTHING


def trie(words: Iterable[str]) -> dict[str, Any]:
    """``words`` as a trie: a character -> the node after it; a word ends at a node holding
    the key "" (its value is the word)."""
    root: dict[str, Any] = {}
    for word in words:
        if not word:
            continue
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = word
    return root


def compile_words(words: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    """``alternation`` compiled."""
    return re.compile(alternation(words), flags)


def bounded_words(
    words: Iterable[object], end: str = r"(?![a-z])", start: str = r"(?<![\w])"
) -> re.Pattern[str]:
    """A short word list of lookup.yaml as a plain longest-first alternation, after
    ``start`` (by default never inside a longer word before it) and followed by ``end`` (by
    default no Latin letter: a Korean particle may follow, "그중에서"): the one shape the
    engine, the decider and the finding search each built for their follow-up word lists.
    The list must not be empty."""
    ordered = sorted(map(str, words), key=len, reverse=True)
    return re.compile(start + r"(?:" + "|".join(map(re.escape, ordered)) + r")" + end)


def phrase_alternation(words: Iterable[object], space: str = r"\s+") -> str:
    """The regex source matching any of ``words`` (phrases of a data file), longest first so
    that the longest phrase is taken where several start, each as written but for a space,
    which matches ``space`` (by default any run of spaces): the one shape the clause reader,
    the unpublished-fact reader and the engine's year steps build their phrase lists in."""
    ordered = sorted(map(str, words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", space) for w in ordered)


def _source(node: dict[str, Any]) -> str:
    """A node's branches; where a word also ends here, the branches are optional
    (greedy, so the longer word is taken when it goes on)."""
    branches = [re.escape(ch) + _source(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
