"""Everyday words rewritten into the official terms, before anything else reads a question.

Citizens do not know the disclosure's words: "get the contract extended" is 재계약, "the
pass mark" is the 75-point cutoff, "떨어진 데" is a service below it.  The intents, entities
and answers each know the official words; rather than teach every one of them every
everyday phrase, the question is rewritten once, here, from data (everyday.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

_DATA = Path(__file__).with_name("everyday.yaml")


#: How far back ``not_after`` looks from a phrase (a number and its unit word).
_LOOK_BACK = 12


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    #: the official wording (may refer to the pattern's groups: "\\1 re-contracted")
    official: str
    #: the text just before the phrase must not match this ("75 못 넘은 곳" has its own line)
    not_after: re.Pattern[str] | None = None
    #: the rule is tried only when the lower-cased question holds one of these
    when: tuple[str, ...] = ()

    def applies(self, lower: str) -> bool:
        return not self.when or any(word in lower for word in self.when)

    def apply(self, text: str) -> str:
        return self.pattern.sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        before = match.string[max(0, match.start() - _LOOK_BACK) : match.start()]
        if self.not_after is not None and self.not_after.search(before):
            return match.group(0)
        return match.expand(self.official)


@cache
def _rules() -> tuple[_Rule, ...]:
    """The rules of both languages, in the file's order: a specific phrase ("kicked out of
    renewal") is rewritten before a general one could take part of it."""
    # the C loader, as every other data file here: the pure-Python one took ~10 ms of start-up
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(_DATA.read_text(encoding="utf-8"), Loader=loader)
    rules: list[_Rule] = []
    for lang in ("en", "ko"):
        for entry in data.get(lang, ()):
            unless = entry.get("not_after")
            not_after = re.compile(str(unless), re.IGNORECASE) if unless else None
            when = tuple(str(w).lower() for w in entry.get("when", ()))
            for phrase in entry["from"]:
                pattern = re.compile(str(phrase), re.IGNORECASE)
                rules.append(_Rule(pattern, str(entry["to"]), not_after, when))
    return tuple(rules)


def official(text: str) -> str:
    """``text`` with each everyday phrase replaced by the official term it means.

    A phrase that is already official matches no rule, so official questions pass unchanged;
    a rule is tried only when the question holds one of its ``when`` words (the latency
    budget: a regular expression per rule per question costs tens of microseconds)."""
    if not _trigger().search(text.lower()):
        return text
    lower = text.lower()
    for rule in _rules():
        if rule.applies(lower) and rule.pattern.search(text):
            text = rule.apply(text)
            lower = text.lower()
    return text


@cache
def _trigger() -> re.Pattern[str]:
    """Every rule's ``when`` words in one alternation of literals (a rule without any makes
    every question a candidate)."""
    rules = _rules()
    if any(not r.when for r in rules):
        return re.compile("")
    words = sorted({w for r in rules for w in r.when}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


def rule_count() -> int:
    """How many everyday phrases are known (tests: the data loaded)."""
    return len(_rules())
