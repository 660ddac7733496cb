"""How a question asks (parts.yaml): the operation, its reference, yes/no form, references
into the previous answer and requests to repeat it in the other language.

Intents say *what* a question is about; these parts say *how* it asks, so that "3차 평균은?",
"3차 평균은 기준선에서 얼마나 여유 있어?" and "3차 평균 기준 넘었어?" share one intent and
differ only in the operation.  Every list is data; this module compiles it once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot.understand.normalise import fold, syllable_letters, syllables_ending_in
from bot.understand.vocab import phrase_pattern

PARTS_PATH = Path(__file__).with_name("parts.yaml")
_TOP = {
    "how",
    "set_aside",
    "cutoff_words",
    "yes_no",
    "ordinals",
    "pronouns",
    "repeat",
    "lang_asked",
    "lookup_shape",
    "latest",
    "checks",
    "service_shape",
    "since",
    "previous_round",
    "terse",
    "next_round",
    "total",
    "slang",
    "terse_keeps",
}
_CHECKS = {
    "quantity",
    "place_pointer",
    "area_counted",
    "which_is",
    "truth_check",
    "name_word",
    "evaluated_party",
    "figure_identity",
    "external",
    "defined",
    "defined_rest",
    "which_counted",
    "two_pointed",
    "their_scores",
    "which_fillers",
    "in_house",
    "self_done",
    "by_band",
    "compared_words",
    "membership",
    "pass",
    "fail",
    "recontract",
    "score_words",
    "areas",
    "max_points",
    "consequence",
    "ordinance",
    "up",
    "down",
    "half",
    "seasons",
    "months_en",
    "any_year",
    "worst_year",
    "renewal_asked",
    "best_year",
    "conditional",
    "period",
    "published",
    "times_evaluated",
    "score_change",
    "past",
    "the_one",
    "evaluator_words",
    "government_body",
    "changed",
    "basis",
    "always",
    "stricter",
    "laxer",
    "evaluated_verb",
    "fell_verb",
    "after_exclusion",
    "needed_score",
    "renewal_words",
    "why",
    "contrast_after",
    "contrast_before",
    "figure_asked",
    "rule_changed",
    "pro_verb",
    "same_as",
    "ever",
    "then_what",
    "criterion",
    "happened",
    "scheme_words",
    "evaluated_by",
    "agent_did",
    "only",
    "which_year",
    "data_held",
    "appearances",
    "earlier_rounds",
    "came_out",
    "scheme_areas",
    "nth_place",
    "also_evaluated",
    "said_asked",
    "one_and_the_same",
    "plural_pointer",
    "in_common",
    "under_the_line",
    "result_asked",
    "unchanged_asked",
    "evaluator_named",
    "figure_first",
    "figure_earlier",
    "figure_recalled",
    "same_round",
    "official",
    "span_pointer",
    "restating",
    "considering_only",
    "distinct_services",
    "both_asked",
    "came_out_or_results",
    "unused_terms",
    "names_asked",
    "held_at_all",
    "what_compared",
}
_KEYS = {
    "how": {"versus", "gap", "complement", "trend"},
    "yes_no": {
        "en_start",
        "en_skip",
        "en_tail",
        "wh",
        "ko_wh",
        "en_request",
        "ko_checks",
        "ko_request",
        "ko_noun_ends",
        "ko_endings",
        "negative",
        "en_inferred",
        "en_finite",
    },
    "set_aside": {"en", "ko"},
    "ordinals": {"ko_numbers", "ko_nouns", "ko_ranked", "en_numbers", "en_nouns", "numbered"},
    "repeat": {"en", "ko", "fillers", "shorter", "again"},
    "lang_asked": {"en", "ko"},
    "checks": _CHECKS,
}


def _strict(data: dict[str, Any], path: Path) -> None:
    """Fail at start-up on a misspelt key: a typo must not silently mean "no words"."""
    unknown = set(data) - _TOP
    missing = _TOP - set(data)
    if unknown or missing:
        raise ValueError(f"{path.name}: unknown keys {sorted(unknown)}, missing {sorted(missing)}")
    for key, allowed in _KEYS.items():
        extra = set(data[key]) - allowed
        if extra or set(data[key]) != allowed:
            raise ValueError(
                f"{path.name}: {key}: expected {sorted(allowed)}, got {sorted(data[key])}"
            )


@cache
def shared_parts() -> Parts:
    """The parts of the shipped parts.yaml, compiled once per process (for the handlers)."""
    return Parts.load()


#: A bound noun carrying the question's ending ("건가요", "거야", "거지", "것인가요").
_NOMINAL_END = re.compile(
    r"^(?:건|거|것)(?:가요|가|야|지|죠|인가요|인가|인지|이야|이지|예요|에요|일까|냐|니)?$"
)
#: A capitalised name (one to six words) as the subject of evaluating a round.
_NAMED_AGENT = re.compile(
    r"\b(?:[Dd]id|[Dd]oes|[Hh]as|[Hh]ave|[Ww]ill|[Ww]as)\s+(?:the\s+)?(?:[A-Z][\w&.'-]*\s+){1,6}?"
    r"(?:evaluat|assess|conduct|grade|rate|carr(?:y|ied) out|run\b)"
)
#: Before a month or season word that is also another word ("in may", "in the fall").
_TIME_BEFORE = (
    r"(?<![a-z])(?:in|during|by|until|till|from|to|through|since|early|late|mid|this|last|that"
    r"|next)[\s-]+(?:the\s+)?"
)
#: "6월", and a range of months "6~8월" ("6월~8월").
_MONTH_KO = re.compile(r"(?<!\d)(1[0-2]|[1-9])\s*월")
_MONTHS_KO = re.compile(r"(?<!\d)(1[0-2]|[1-9])\s*월?\s*(?:~|-|–|부터)\s*(1[0-2]|[1-9])\s*월")


def _month_pattern(words: dict[str, set[int]]) -> re.Pattern[str]:
    """Korean words anywhere after a non-Hangul letter; English ones as words, those that are
    also other words ("may", "fall") only after a preposition or article or before a year."""

    def alternation(chosen: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(chosen, key=len, reverse=True)) or "(?!x)x"

    korean = alternation([w for w in words if not w.isascii()])
    latin = alternation([w for w in words if w.isascii()])
    plain = alternation([w for w in words if w.isascii() and w not in _ALSO_WORDS])
    return re.compile(
        rf"(?<![가-힣])({korean})|{_TIME_BEFORE}({latin})(?![a-z])"
        rf"|(?<![a-z])({latin})\s+(?:of\s+)?(?:20)?\d\d\b|(?<![a-z])({plain})(?![a-z])"
    )


#: English month and season names that are also other words ("may", "fall").
_ALSO_WORDS = frozenset({"may", "fall", "march"})


@cache
def load_parts(path: Path = PARTS_PATH) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    _strict(data, path)
    return data


@dataclass(frozen=True)
class Parts:
    """The compiled lists; built once per engine."""

    how: tuple[tuple[str, re.Pattern[str]], ...]
    cutoff: re.Pattern[str]
    negative: re.Pattern[str]
    pronoun: re.Pattern[str]
    lookup_shape: re.Pattern[str]
    latest: re.Pattern[str]
    service_shape: re.Pattern[str]
    since: re.Pattern[str]
    previous_round: re.Pattern[str]
    terse: re.Pattern[str]
    next_round: re.Pattern[str]
    total: re.Pattern[str]
    data: dict[str, Any]

    @classmethod
    def load(cls, path: Path = PARTS_PATH) -> Parts:
        data = load_parts(path)
        return cls(
            how=tuple((name, phrase_pattern(words)) for name, words in data["how"].items()),
            cutoff=phrase_pattern(data["cutoff_words"]),
            negative=phrase_pattern(data["yes_no"]["negative"]),
            pronoun=phrase_pattern(data["pronouns"]),
            lookup_shape=phrase_pattern(data["lookup_shape"]),
            latest=phrase_pattern(data["latest"]),
            service_shape=phrase_pattern(data["service_shape"]),
            since=phrase_pattern(data["since"]),
            previous_round=phrase_pattern(data["previous_round"]),
            terse=phrase_pattern(data["terse"]),
            next_round=phrase_pattern(data["next_round"]),
            total=phrase_pattern(data["total"]),
            data=data,
        )

    @property
    def checks(self) -> dict[str, re.Pattern[str]]:
        """The yes/no check word lists, compiled (cached on first use)."""
        found = self.__dict__.get("_checks")
        if found is None:
            c = self.data["checks"]
            found = {k: phrase_pattern(v) for k, v in c.items() if isinstance(v, list)}
            object.__setattr__(self, "_checks", found)
        return found

    @staticmethod
    def named_agent(text: str) -> bool:
        """ "Did Samjong KPMG evaluate round 3?": a capitalised name as the subject of
        evaluating — who did the evaluation is asked, whatever the name."""
        return _NAMED_AGENT.search(text) is not None

    @staticmethod
    def sentences(text: str) -> list[str]:
        """The sentences of a message ("지금부터 3차 기준으로 얘기하자. 평가 기간은?")."""
        return [p.strip() for p in _SENTENCE.split(text.strip()) if p.strip()]

    def months(self, lower: str) -> set[int]:
        """The months a question names: "6월", "6~8월", "in June", a season ("가을", "in the
        fall", "summer of 2023").  An English month or season that is also a word ("may",
        "fall") counts only after a preposition or article, or before a year."""
        found = {int(m) for m in _MONTH_KO.findall(lower)}
        for a, b in _MONTHS_KO.findall(lower):
            found |= set(range(int(a), int(b) + 1))  # "6~8월": June to August
        pattern, months = self._month_words
        for match in pattern.finditer(lower):
            found |= months[next(g for g in match.groups() if g)]
        return found

    @property
    def _month_words(self) -> tuple[re.Pattern[str], dict[str, set[int]]]:
        """One pattern over every month and season word (compiled on first use), and the
        months each word means."""
        found = self.__dict__.get("_months")
        if found is None:
            c = self.data["checks"]
            words = {str(k): {int(v)} for k, v in c["months_en"].items()}
            for season in c["seasons"].values():
                for w in season["words"]:
                    words[str(w)] = words.get(str(w), set()) | {int(m) for m in season["months"]}
            found = (_month_pattern(words), words)
            object.__setattr__(self, "_months", found)
        return found

    def operation(self, lower: str) -> str | None:
        """The first operation whose words the question uses (None: a plain value)."""
        for name, pattern in self.how:
            found = pattern.search(lower)
            if found and not (name == "complement" and _negated(lower, found.start())):
                if name == "versus" and self._moved(lower, found):
                    return "trend"
                return name
        return None

    def _moved(self, lower: str, versus: re.Match[str]) -> bool:
        """ "어느 쪽으로 움직였어?", "which way did it move?": a direction over time, not
        which of two figures is higher — a trend word after the versus words."""
        trend = dict(self.how).get("trend")
        found = trend.search(lower, versus.end()) if trend is not None else None
        return found is not None

    def yes_no(self, text: str) -> bool:
        """A question answered yes or no: "Did X clear the cutoff?", "외부에 맡긴 거 맞아?"."""
        y = self.data["yes_no"]
        if _YES_OR_NO.search(text.lower()):
            return True  # "yes or no: is 75 the cutoff?", "예/아니오로만 답해줘"
        # a premise, then the question: "I heard it used to be 60. Is that right?"
        sentences = [p for p in _SENTENCE.split(text.strip()) if p.strip()]
        last = sentences[-1] if sentences else text
        words = fold(last).split()
        if not words:
            return False
        skip = {str(w) for w in y["en_skip"]}
        first = next((w for w in words if w not in skip), words[0])
        # "Is the Mapo 소각장 one of …?": an English question quoting a Korean name
        english = first.isascii() and first in y["en_start"] and words[0].isascii()
        if all(w.isascii() for w in words) or english:
            if _EITHER_OR_EN.search(last.lower()) or _ALTERNATIVE_EN.search(last.lower()):
                # "did it go up or down?", "every year, or only some of them?": which of
                # two, not yes or no
                return False
            # "In the first round of 2023, did more services fail than pass?"
            clause = last.rsplit(",", 1)[-1]
            return self._en_yes_no(words, last.lower()) or (
                clause != last and self._en_yes_no(fold(clause).split() or words, clause.lower())
            )
        hangul = [w for w in words if not w.isascii()]
        if any(wh in w for w in hangul for wh in y["ko_wh"]):  # glued too: "점수몇"
            return False
        if self._either_or(hangul[-2:]) or _ALTERNATIVE_KO.search(last):
            return False  # "올랐어 내렸어?", "매년 해, 아니면 일부만 해?": which of two
        if any(c in last for c in y["ko_checks"]):
            return True  # "75점 이상 받았다고 봐도 돼?": asking whether a reading holds
        if any(r in w for w in hangul[-2:] for r in y["ko_request"]):
            return False
        last = words[-1]
        if last.isascii():
            return False
        if last.endswith(tuple(y["ko_noun_ends"])) and len(words) > 1 and _modifier(words[-2]):
            return False  # "…새 의제를 꺼낸 센터?": which one, a noun asked for, no verb
        if last.endswith(tuple(y["ko_endings"])) and _predicate(last):
            return True
        return text.rstrip().endswith("?") and informal_ending(last)

    def _either_or(self, last: list[str]) -> bool:
        """ "올랐어 내렸어?", "늘었어 줄었어?": two opposite predicates side by side ask
        which one holds — an alternative question, answered by the figures, not yes/no."""
        if len(last) != 2:
            return False
        up, down = self.checks["up"], self.checks["down"]
        first, second = last
        endings = tuple(self.data["yes_no"]["ko_endings"])
        if not (first.endswith(endings) and _predicate(first)):
            return False  # "절반 넘게 떨어졌어?": an adverb before one predicate
        return bool(
            (up.search(first) and down.search(second)) or (down.search(first) and up.search(second))
        )

    def name_word(self, text: str) -> str | None:
        """The word a question asks the services' names to hold: quoted ("names with
        'center'"), else the word right after the cue ("이름에 지원센터 들어간 곳")."""
        lower = text.lower()
        cue = self.checks["name_word"].search(lower)
        if cue is None:
            return None
        quoted = _QUOTED_WORD.search(text)
        if quoted:
            return (quoted.group(1) or quoted.group(2) or quoted.group(3)).strip() or None
        after = lower[cue.end() :].split()
        if not after:
            return None
        word = after[0].strip("?!.,")
        for particle in ("이라는", "라는", "이란", "란", "가", "이", "을", "를", "은", "는"):
            if not word.isascii() and len(word) > len(particle) + 1 and word.endswith(particle):
                word = word[: -len(particle)]
                break
        return word if len(word) >= 2 else None

    def without_set_aside(self, lower: str) -> str:
        """The question without what it sets aside ("not just the ones evaluated", "평가받은
        거 말고"): words that name what is *not* asked about must not choose the subject."""
        words = _set_aside_words(id(self.data), self.data)
        if not any(w in lower for w in words):
            return lower  # no marker at all: the pattern (it backtracks at every word) can't match
        return _set_aside_pattern(id(self.data), self.data).sub(" ", lower)

    def without_ending(self, text: str) -> str:
        """The question without the yes/no ending of its last Korean word ("위탁사무인가요?"
        -> "위탁사무", "진출 했어?" -> "진출"): what is asked, not how."""
        words = text.rstrip(" ?!.~").split()
        if not words or words[-1].isascii():
            return text
        if len(words) >= 2 and _NOMINAL_END.match(words[-1]):
            # "위탁된 사무인 건가요?": the predicate is the word before "건가요"
            words = words[:-1]
        last = words[-1]
        endings = sorted([*self.data["yes_no"]["ko_endings"], *_HEARSAY], key=len, reverse=True)
        for ending in endings:
            if last.endswith(ending):
                last = last[: -len(ending)]
                break
        for copula in ("이었", "였", "인", "이"):
            if len(last) > 2 and last.endswith(copula):
                last = last[: -len(copula)]
                break
        return " ".join([*words[:-1], last] if last else words[:-1])

    def _en_yes_no(self, words: list[str], lower: str) -> bool:
        y = self.data["yes_no"]
        skip = {str(w) for w in y["en_skip"]}
        rest = [w for w in words if w not in skip] or words
        if rest[:2] in (["can", "you"], ["could", "you"], ["would", "you"], ["will", "you"]):
            checked = {"whether", "if"} & set(rest[3:7])  # "could you tell me whether …"
            if len(rest) > 2 and rest[2] in y["en_request"] and not checked:
                return False  # "Can you back out the mean …?": a request, not a check
        if rest[0] in y["en_start"] and not any(w in y["wh"] for w in rest[1:2]):
            return True
        if self._inferred(words, rest, lower):
            return True
        tail = lower.rstrip(" ?!.")
        # "…failed in 2023. True?": a last sentence that is only the tail checks the one before
        return any(
            tail == t or tail.endswith(", " + t) or tail.endswith(" " + t) for t in y["en_tail"]
        ) and (rest[0] not in y["wh"])

    def _inferred(self, words: list[str], rest: list[str], lower: str) -> bool:
        """ "So the fintech lab got renewed?", "Then the Mapo facility was re-contracted?": a
        statement drawn as a conclusion and asked back — a check, though no auxiliary opens
        it.  Only after an inferring word, with a finite verb and no wh-word."""
        y = self.data["yes_no"]
        if not lower.rstrip().endswith("?") or words[0] not in y["en_inferred"]:
            return False
        if any(w in y["wh"] for w in rest):
            return False
        return any(w in y["en_finite"] for w in rest[1:])

    def without_terse(self, text: str) -> str:
        """The question without its answer-shaping words, keeping what they ask for
        ("걍 점수만" -> "걍 점수": just the score is still the score asked for)."""
        keeps = self.__dict__.get("_keeps")
        if keeps is None:
            keeps = phrase_pattern(self.data["terse_keeps"])
            object.__setattr__(self, "_keeps", keeps)

        def kept(match: re.Match[str]) -> str:
            return " " + " ".join(k.group(0) for k in keeps.finditer(match.group(0))) + " "

        return self.terse.sub(kept, text)

    def unslang(self, text: str) -> str:
        """Chat spelling written out ("몇갠데" -> "몇 개인데", "걍" -> "그냥", "ㅇㅇ" dropped):
        a contraction hides the word every list knows, an interjection is no content."""
        patterns = _slang_patterns(id(self.data), self.data)
        for pattern, full in patterns:
            text = pattern.sub(full, text)
        return text

    def ordinal(self, lower: str) -> int | None:
        """A position in the previous list (1-based; -1 the last), if the question points at one."""
        for pattern, number in _ordinal_patterns(id(self.data), self.data):
            found = pattern.search(lower)
            if found:
                return number if number is not None else int(found.group(1))
        return None

    def without_ordinal(self, lower: str) -> str:
        """The question without the words pointing into the previous list ("and the last
        one?" -> "and ?"): what else it asks, if anything."""
        for pattern, _ in _ordinal_patterns(id(self.data), self.data):
            found = pattern.search(lower)
            if found:
                return lower[: found.start()] + " " + lower[found.end() :]
        return lower

    def repeat_lang(self, text: str) -> str | None:
        """ "영어로 다시" -> "en", "in Korean please" -> "ko": only the request, nothing else."""
        found = self.repeat_asked(text)
        return found[0] if found is not None else None

    def lang_asked(self, text: str) -> str | None:
        """The language the question asks its answer in ("…를 영어로 한 줄만" -> "en"), if it
        names one: asked for, it outranks the language the question is written in."""
        patterns = self.__dict__.get("_lang_asked")
        if patterns is None:
            patterns = [(lang, phrase_pattern(w)) for lang, w in self.data["lang_asked"].items()]
            object.__setattr__(self, "_lang_asked", patterns)
        lower = fold(text)
        found = [lang for lang, pattern in patterns if pattern.search(lower)]
        return found[0] if len(found) == 1 else None

    def repeat_asked(self, text: str) -> tuple[str | None, bool] | None:
        """The previous answer asked for again — in another language ("영어로 다시"), shorter
        ("Shorter please, numbers only.", "can you say that again in one line?"), or both
        ("영어로 한 줄로"): (the language or None, whether shorter).  None when the message
        asks anything of its own: "점수만" asks for the score ("terse_keeps"), not a repeat."""
        lower = fold(text)
        patterns, fillers = _repeat_patterns(id(self.data), self.data)
        shorter = self.__dict__.get("_shorter")
        if shorter is None:
            shorter = phrase_pattern(self.data["repeat"]["shorter"])
            object.__setattr__(self, "_shorter", shorter)
        short = bool(shorter.search(lower) or self.terse.search(lower))
        # "더 짧게" before its "짧게"; then the terse phrases, keeping what they ask for
        # ("점수만" asks for the score: no repeat)
        rest = fold(self.without_terse(shorter.sub(" ", lower)))
        for lang, pattern in patterns:
            if pattern.search(rest) and all(w in fillers for w in pattern.sub(" ", rest).split()):
                return lang, short
        if short and all(w in fillers for w in rest.split()):
            return None, True
        again = self.__dict__.get("_again")
        if again is None:
            again = phrase_pattern(self.data["repeat"]["again"])
            object.__setattr__(self, "_again", again)
        if again.search(lower) and all(w in fillers for w in again.sub(" ", lower).split()):
            return None, False  # "can you repeat that?": as it was
        return None


_COMPILED: dict[tuple[str, int], Any] = {}
#: A quoted word: 'center', "센터", “lab”.
_QUOTED_WORD = re.compile(r"'([^']{2,30})'|\"([^\"]{2,30})\"|[“‘]([^”’]{2,30})[”’]")
#: A Korean relative (adnominal) ending: a syllable closed by ㄴ ("나온", "적힌", "된") or
#: 는/던 ("나와 있는", "받던") — what ties a clause to the noun after it.
_RELATIVE_END = "(?:[는던]|[" + syllables_ending_in("ㄴ") + "])"
#: Two opposite directions offered ("up or down", "higher or lower"): an alternative question.
_EITHER_OR_EN = re.compile(
    r"\b(?:up or down|down or up|higher or lower|lower or higher|rise or fall|rose or fell"
    r"|increase or decrease|increased or decreased|better or worse|worse or better"
    r"|more or fewer|fewer or more|above or below|below or above)\b"
)
#: A second alternative offered after a comma ("… every year, or only some of them?"): which
#: of two, not yes or no ("…, or not?" stays a yes/no question).
_ALTERNATIVE_EN = re.compile(
    r",\s*or\s+(?!not\b|no\b|what\b)\w|\bor\s+(?:only|just)\s+(?:some|a few|part)\b"
)
#: "… 다 평가해, 아니면 일부만 해?": 아니면 between two predicates (not the "아니면" opening
#: a follow-up).
_ALTERNATIVE_KO = re.compile(r"[가-힣]\S*[,\s]+아니면\s+\S")
#: Sentence ends inside one message ("… used to be 60. Is that right?", "yes or no: is …").
_SENTENCE = re.compile(r"(?<=[.!?:])\s+")
_YES_OR_NO = re.compile(r"\byes\s*(?:or|/)\s*no\b|예\s*/?\s*아니오|네\s*/?\s*아니오|네\s*아니요로")


def _slang_patterns(key: int, data: dict[str, Any]) -> list[tuple[re.Pattern[str], Any]]:
    """Slang replacements, compiled once into two alternations: a contraction ends a word
    (its stem may be glued to what comes before: "몇갠데"), an interjection stands alone."""
    found = _COMPILED.get(("slang", key))
    if found is None:
        s = data["slang"]
        endings = {str(k): str(v) for k, v in s["endings"].items()}
        words = {str(k): str(v) for k, v in s["words"].items()}
        found = []
        for table, before in ((endings, ""), (words, r"(?<![가-힣ㄱ-ㅎ\w])")):
            alternation = "|".join(re.escape(w) for w in sorted(table, key=len, reverse=True))
            pattern = re.compile(rf"{before}(?:{alternation})(?![가-힣ㄱ-ㅎ\w])")
            found.append((pattern, lambda m, table=table: table[m.group(0)]))
        _COMPILED[("slang", key)] = found
    return found


def _set_aside_words(key: int, data: dict[str, Any]) -> tuple[str, ...]:
    """parts.yaml ``set_aside`` markers, English and Korean: every match of the pattern
    holds one of them as written, so a question holding none is left as it is."""
    found = _COMPILED.get(("set_aside_words", key))
    if found is None:
        words = data["set_aside"]
        found = tuple(str(w) for w in (*words["en"], *words["ko"]))
        _COMPILED[("set_aside_words", key)] = found
    return found


def _set_aside_pattern(key: int, data: dict[str, Any]) -> re.Pattern[str]:
    """parts.yaml ``set_aside``: an English marker and the rest of its clause ("not just the
    ones evaluated"), or up to three Korean words before a marker ("평가받은 거 말고")."""
    found = _COMPILED.get(("set_aside", key))
    if found is None:
        words = data["set_aside"]
        en = "|".join(re.escape(str(w)) for w in sorted(words["en"], key=len, reverse=True))
        ko = "|".join(re.escape(str(w)) for w in sorted(words["ko"], key=len, reverse=True))
        found = re.compile(rf"\b(?:{en})\b[^,.;?!]*|(?:\S+\s+){{0,2}}\S*?\s*(?:{ko})(?![가-힣])")
        _COMPILED[("set_aside", key)] = found
    return found


def _ordinal_patterns(key: int, data: dict[str, Any]) -> list[tuple[re.Pattern[str], int | None]]:
    """The ordinal references, compiled once per loaded parts.yaml (longest words first)."""
    found = _COMPILED.get(("ordinal", key))
    if found is None:
        o = data["ordinals"]
        ko_nouns = "|".join(re.escape(n) for n in o["ko_nouns"])
        # "두 번째로 높은 곳": a place in a ranking, not a position in the previous list
        ranked = "|".join(re.escape(str(w)) for w in o["ko_ranked"])
        found = []
        for word, number in sorted(o["ko_numbers"].items(), key=lambda kv: -len(kv[0])):
            body = re.escape(word).replace(r"\ ", r"\s*")
            # "세 번째 거", and a bare "다섯 번째는?" that ends the question
            # "다섯번째는 개선과제 뭐였지": the ordinal as the topic of what follows
            tail = rf"(?:{ko_nouns}|[은는도]?요?\s*[?.!]*\s*$|[은는]\s+(?!번|차|회|라운드))"
            found.append((re.compile(rf"{body}\s*{tail}"), int(number)))
            # "세 번째로 나와 있는 데", "두 번째로 적힌 곳": the ordinal, then a relative clause
            # (a verb ending in -ㄴ/-는/-던) over the noun for the item
            relative = (
                rf"{body}\s*(?:으로|로)\s+(?:(?!{ranked})[가-힣]+\s+){{0,2}}"
                rf"(?!{ranked})[가-힣]*{_RELATIVE_END}\s*(?:{ko_nouns})(?:[이가은는도]|요)?(?![가-힣])"
            )
            found.append((re.compile(relative), int(number)))
        en_nouns = "|".join(re.escape(n) for n in o["en_nouns"])
        for word, number in o["en_numbers"].items():
            pattern = (
                rf"\b(?:the\s+)?{word}\s+(?:{en_nouns})\b"
                rf"|\bthe\s+{word}\b(?!\s+(?:round|year|time))"
            )
            found.append((re.compile(pattern), int(number)))
        found += [(re.compile(p), None) for p in o["numbered"]]
        _COMPILED[("ordinal", key)] = found
    return found


def _repeat_patterns(
    key: int, data: dict[str, Any]
) -> tuple[list[tuple[str, re.Pattern[str]]], frozenset[str]]:
    found = _COMPILED.get(("repeat", key))
    if found is None:
        r = data["repeat"]
        found = (
            [(lang, phrase_pattern(r[lang])) for lang in ("en", "ko")],
            frozenset(str(f) for f in r["fillers"]),
        )
        _COMPILED[("repeat", key)] = found
    return found


def _predicate(word: str) -> bool:
    """A Korean word that ends a sentence as a verb or adjective does (not a noun + particle:
    "평균은", "성과"); "들어가", "나가" end in 가 and are verbs all the same."""
    if word.endswith(("어가", "아가", "나가", "들어가")):
        return True
    if len(word) > 2 and word.endswith(("은요", "는요", "로요")):
        return False  # "퍼센트로는요?", "2022년은요?": a noun's particle made polite
    if len(word) > 2 and word.endswith(("인가", "인감", "인거", "일까")):
        return True  # "신규사무인가?": the copula asked, not the subject particle 가
    return not word.endswith(("은", "는", "을", "를", "이", "가", "의", "과", "와", "도", "로"))


#: Vowels of the informal verb ending (-어/-아 fused into the stem: "끊겨", "바뀌어", "봐").
_INFORMAL = frozenset("ㅓㅕㅏㅐㅘㅝㅙ")


def _modifier(word: str) -> bool:
    """A verb or adjective made to modify the noun after it ("꺼낸", "막은", "하는", "받을"):
    its last syllable closes on ㄴ or ㄹ."""
    letters = syllable_letters(word[-1]) if word else None
    return letters is not None and letters[2] in ("ㄴ", "ㄹ")


def informal_ending(word: str) -> bool:
    """ "끊겨?", "바꿔?": a last syllable with an -어/-아 vowel and no final consonant."""
    letters = syllable_letters(word[-1]) if len(word) >= 2 else None
    if letters is None:
        return False
    return not letters[2] and letters[1] in _INFORMAL and _predicate(word)


def _negated(lower: str, start: int) -> bool:
    """ "못 넘은", "not passed", "didn't make it": the words before deny the operation."""
    before = lower[max(0, start - 6) : start]
    return bool(re.search(r"못\s*$|안\s*$|not\s+$|n't\s+$|never\s+$|못$", before))


#: Endings that report or ask back what was said ("몇 년 됐다고?", "됐대?"): not content.
_HEARSAY = ("다고", "다구", "대요", "래요", "냐고", "대", "래")
