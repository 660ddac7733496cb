"""The words the bot knows, and what it does with the ones it does not.

Intent examples cannot list every way of writing a word.  People glue Korean words
together ("평가대상", "외부기관"), attach particles ("결과는"), and mistype English words
("avrage").  The lexicon is built once from the bot's own data — intent examples and cue
words, the extractor's word lists, service names and the findings' text — and lets the
understander

- correct a mistyped English word to the known word it is closest to,
- split a glued Korean word into known words, and strip its particle,
- count the words it does not know at all ("연락처", "mayor"): a question made of those
  is not about the evaluations, whatever its other words match,
- tell which words of the findings are topics (no intent uses them: "clinker", "로드맵").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel

from bot.understand.normalise import fold, jamo
from bot.understand.vocab import Vocab

#: Edits (a letter added, dropped, changed or two swapped) a typo may have: one, two in
#: long words.  "performed" is not a typo of "performance": it is left alone.
TYPO_EDITS = {5: 1, 9: 2}
#: English words shorter than this are too short to correct safely ("rate"/"date").
TYPO_MIN_LETTERS = 5
#: Letters two English words must share at their start to count as one word's forms
#: ("removal"/"removed", "praising"/"praised").
STEM_LETTERS = 5
#: Words corrected per question at most: keeps pasted essays fast.
MAX_CORRECTIONS = 24
_LATIN = re.compile(r"[a-z]{3,}")
_SHORT_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,5}(?![A-Za-z])")
#: a word of Hangul syllables (a Korean typo candidate) and its whole-syllable check
_SYLLABLE_WORD = re.compile(r"(?<![가-힣\w])[가-힣]{2,5}(?![가-힣])")
_SYLLABLES = re.compile(r"[가-힣]+")
#: a glued run of Hangul syllables ("평가기곤어디"): a known compound mistyped at its start
_GLUED_RUN = re.compile(r"(?<![가-힣\w])[가-힣]{3,12}(?![가-힣])")
#: compound vowels and double final consonants as the keys typed for them (two-set layout):
#: "곤" is "관" with one key (ㅏ) missed, while "간" is a wrong key — a missed or doubled key
#: is the likelier slip, so it decides between two words one letter away
_KEYSTROKES = str.maketrans(
    {
        "ㅘ": "ㅗㅏ",
        "ㅙ": "ㅗㅐ",
        "ㅚ": "ㅗㅣ",
        "ㅝ": "ㅜㅓ",
        "ㅞ": "ㅜㅔ",
        "ㅟ": "ㅜㅣ",
        "ㅢ": "ㅡㅣ",
        "ㄳ": "ㄱㅅ",
        "ㄵ": "ㄴㅈ",
        "ㄶ": "ㄴㅎ",
        "ㄺ": "ㄹㄱ",
        "ㄻ": "ㄹㅁ",
        "ㄼ": "ㄹㅂ",
        "ㄽ": "ㄹㅅ",
        "ㄾ": "ㄹㅌ",
        "ㄿ": "ㄹㅍ",
        "ㅀ": "ㄹㅎ",
        "ㅄ": "ㅂㅅ",
    }
)
_SHORT_TYPO = re.compile(rf"(?<![A-Za-z])[a-z]{{3,{TYPO_MIN_LETTERS - 1}}}(?![A-Za-z])")
_LATIN_WORD = re.compile(rf"(?<![A-Za-z])[A-Za-z]{{{TYPO_MIN_LETTERS},}}(?![A-Za-z])")


def _hangul(word: str) -> bool:
    """Hangul only (syllables or jamo, as ``is_hangul``): one regex, not a call per letter
    (start-up tests every word of every finding)."""
    return _ALL_HANGUL.fullmatch(word) is not None


_ALL_HANGUL = re.compile("[\uac00-\ud7a3\u3131-\u318e]+")


class Lexicon:
    """Known words (Latin and Hangul), built once per knowledge base."""

    def __init__(
        self,
        vocab: Vocab,
        intent_texts: Iterable[str],
        topic_texts: Iterable[str],
        name_words: Iterable[str],
        finding_words: Iterable[str],
        other_words: Iterable[str] = (),
    ) -> None:
        """``intent_texts``: examples and cues of the intents (their words are the bot's
        vocabulary); ``topic_texts``: examples of the topic intent (their words are sample
        topics, not vocabulary); ``other_words``: words of other names the data holds
        (the evaluators': "Industrial Relations" is no typo of "relating")."""
        self.vocab = vocab
        strip = vocab.strip_particle
        written = {w for t in intent_texts for w in fold(str(t)).split()}
        intent_words = written | {strip(w) for w in written}
        intent_words |= {w for w in vocab.latin_words()}
        intent_words |= {strip(w) for w in _vocab_hangul(vocab)}
        topic_sample = {strip(w) for t in topic_texts for w in fold(str(t)).split()}
        names = set(name_words)
        findings = {strip(w) for w in finding_words}
        #: Korean words as the bot's own texts write them: "결과" (so "결과는" is 결과 + 는)
        #: and "종합성과평가" (so it is not 종합성과평 + 가)
        bare = written | {w for t in topic_texts for w in fold(str(t)).split()}
        bare |= _vocab_hangul(vocab)
        self.korean = frozenset(w for w in bare if _hangul(w) and len(w) >= 2)
        known_latin = intent_words | topic_sample | names | findings | set(other_words)
        self.latin = sorted(w for w in known_latin if w.isascii() and _LATIN.fullmatch(w))
        self._latin_set = frozenset(self.latin)
        #: the known words by length: a typo of k edits is within k letters of its word
        self._latin_by_length: dict[int, list[str]] = {}
        for w in self.latin:
            self._latin_by_length.setdefault(len(w), []).append(w)
        self._typo_window: dict[tuple[int, int], list[str]] = {}
        self._latin_stems = frozenset(w[:STEM_LETTERS] for w in self.latin if len(w) > STEM_LETTERS)
        #: the key Korean terms (vocab.yaml ``typo_keys``) by syllable count, spelled in
        #: letters: what a one-letter Korean slip ("평귱") is corrected to
        self._korean_keys: dict[int, dict[str, str]] = {}
        for w in map(str, vocab.data.get("typo_keys", ())):
            if _SYLLABLES.fullmatch(w) and 2 <= len(w) <= 4:
                self._korean_keys.setdefault(len(w), {})[jamo(w)] = w
        #: what a glued run's mistyped start is corrected to ("평가기곤어디" -> 평가기관 + 어디):
        #: the key terms and the bot's own compounds of a key and another known word
        #: ("평가기관": 평가 + 기관; not "평가한", "사무소": a key and an ending or a syllable),
        #: by syllable count and first syllable, spelled in letters
        keys = {w for by_length in self._korean_keys.values() for w in by_length.values()}
        compounds = {w for w in self.korean if strip(w) == w and self._compound(w, keys)}
        self._glued_targets: dict[tuple[int, str], dict[str, str]] = {}
        for w in keys | compounds:
            self._glued_targets.setdefault((len(w), w[0]), {})[jamo(w)] = w
        #: words a glued run may be spelled as on purpose: names and the findings' words
        self._spelled = frozenset(w for w in names | findings if _hangul(w))
        everything = intent_words | topic_sample | names | findings
        self._stems = frozenset(w[:2] for w in everything if _hangul(w) and len(w) >= 2)
        self.topic_words = frozenset(
            w
            for w in findings
            if w not in intent_words
            and w not in names
            and w not in vocab.function_words
            and w not in vocab.topic_stop
            and (len(w) >= 5 if w.isascii() else _hangul(w) and len(w) >= 2)
        )

    def _compound(self, word: str, keys: set[str]) -> bool:
        """A key term and another known word of two syllables or more, no verb form
        ("평가기관", "재계약배제"; not "평가받았", "평가한")."""
        if word.endswith(_verb_endings()):
            return False
        return any(
            word.startswith(k) and len(word) - len(k) >= 2 and word[len(k) :] in self.korean
            for k in keys
        )

    # ---- English typos ------------------------------------------------------------------
    def correct(self, text: str) -> str:
        """``text`` with each unknown English word replaced by the known word it is a typo
        of ("avrage" -> "average"); words with no close known word stay as they are."""
        fixes: dict[str, str] = {}
        shorthands = self.vocab.shorthands
        for raw in dict.fromkeys(_SHORT_WORD.findall(text)):
            if raw.lower() in shorthands:  # "rnd 3": vocab.yaml's shorthands
                fixes[raw] = shorthands[raw.lower()]
        for raw in dict.fromkeys(_SHORT_TYPO.findall(text)):
            word = raw.lower()
            if word in self._latin_set or word in self.vocab.function_words or raw in fixes:
                continue
            short = self._short_typo(word)
            if short is not None:
                fixes[raw] = short
        for raw in dict.fromkeys(_LATIN_WORD.findall(text)):
            word = raw.lower()
            if len(fixes) >= MAX_CORRECTIONS:
                break
            if word in self._latin_set or word in self.vocab.function_words:
                continue
            best = self._typo_of(word)
            if best is not None:
                fixes[raw] = best
        for raw in dict.fromkeys(_SYLLABLE_WORD.findall(text)):
            if len(fixes) >= MAX_CORRECTIONS:
                break
            fixed = self._korean_typo(raw)
            if fixed is not None:
                fixes[raw] = fixed
        for raw in dict.fromkeys(_GLUED_RUN.findall(text)):
            if len(fixes) >= MAX_CORRECTIONS:
                break
            fixed = self._glued_typo(raw) if raw not in fixes else None
            if fixed is not None:
                fixes[raw] = fixed
        if not fixes:
            return text
        pattern = re.compile(
            r"(?<![A-Za-z가-힣])(" + "|".join(map(re.escape, fixes)) + r")(?![A-Za-z])"
        )
        return pattern.sub(lambda m: fixes[m.group(1)], text)

    # ---- Korean words -------------------------------------------------------------------
    def split(self, word: str) -> list[str]:
        """A Hangul word as known words: particle stripped, a glued compound split
        ("평가대상" -> 평가 대상); a word that cannot be split stays whole."""
        if not _hangul(word):
            return [word]
        stripped = self.vocab.strip_particle(word)
        if stripped in self.korean:
            return [stripped]
        if word in self.korean:
            return [word]
        whole = self._cover(word)
        if whole is not None and len(whole) > 1:
            return whole  # "평가결과": 평가 + 결과, not 평가결 + the particle 과
        if len(stripped) < 4:
            return [stripped]
        return self._cover(stripped) or whole or [stripped]

    def _cover(self, word: str) -> list[str] | None:
        """Known words of two syllables or more that make up ``word`` exactly, longest first."""
        if not word:
            return []
        for end in range(len(word), 1, -1):
            head = word[:end]
            if head in self.korean:
                rest = self._cover(word[end:])
                if rest is not None:
                    return [head, *rest]
        return None

    def known_hangul(self, word: str) -> bool:
        """A Hangul word the bot has seen, or one that starts like one ("받았는지" ~ "받았어")."""
        word = self.vocab.strip_particle(word)
        return len(word) < 2 or word[:2] in self._stems or self._cover(word) is not None

    # ---- unknown words ------------------------------------------------------------------
    def unknown_words(self, lower: str, skip: set[str]) -> tuple[int, int]:
        """(unknown English words, unknown Korean words) of ``lower`` (already corrected)."""
        latin = hangul = 0
        for word in set(fold(lower).split()):
            if word in skip or word in self.vocab.function_words:
                continue
            if _hangul(word):
                hangul += not self.known_hangul(word)
            elif word.isascii() and _LATIN.fullmatch(word):
                latin += word not in self._latin_set and not self._near(word)
        return latin, hangul

    def unknown_run(self, text: str) -> str | None:
        """The first run of unknown words of ``text`` as written ("Ttareungyi"): a name the
        bot has never seen, for a reply that must repeat it."""
        run: list[str] = []
        for raw in text.split():
            word = raw.strip("?!.,\"'()")
            folded = fold(word)
            unknown = bool(folded) and folded not in self.vocab.function_words
            if unknown and _hangul(folded):
                unknown = not self.known_hangul(folded)
            elif unknown:
                # an English name is capitalised ("Ttareungyi"); "quarter" is a word
                unknown = folded.isascii() and bool(_LATIN.fullmatch(folded)) and word[:1].isupper()
                unknown = unknown and folded not in self._latin_set and not self._near(folded)
            if unknown:
                run.append(word)
            elif run:
                break
        return " ".join(run) or None

    def _near(self, word: str) -> bool:
        """Another form of a known word ("removal"/"removed") is not unknown either."""
        return len(word) > STEM_LETTERS and word[:STEM_LETTERS] in self._latin_stems

    def _typo_of(self, word: str) -> str | None:
        edits = max(n for length, n in TYPO_EDITS.items() if len(word) >= length)
        found = process.extract(
            word, self._within(len(word), edits), scorer=OSA.distance, score_cutoff=edits, limit=8
        )
        if not found:
            return None
        # among the closest, one ending as typed: "evaluater" is "evaluator", not "evaluated"
        # (a slip is likelier inside a word than on its last letter)
        best = min(d for _, d, _ in found)
        return min((f for f in found if f[1] == best), key=lambda f: (f[0][-1] != word[-1], f[2]))[
            0
        ]

    def _korean_typo(self, raw: str) -> str | None:
        """A Korean word no text of the bot's starts like ("평귱몇점" no, "평귱" yes) that is
        one letter (jamo) away from exactly one of the extractor's own words of as many
        syllables: that word, its particle kept ("평귱은" -> "평균은")."""
        stem = self.vocab.strip_particle(raw)
        if not 2 <= len(stem) <= 4 or self.known_hangul(stem) or stem in self.korean:
            return None
        keys = self._korean_keys.get(len(stem), {})
        letters = jamo(stem)
        # a slip after the first syllable ("평귱"): a different first syllable is another
        # word more often than a typo ("개라" is not "해라")
        near = [
            w
            for k, w in keys.items()
            if w[0] == stem[0] and OSA.distance(letters, k, score_cutoff=1) <= 1
        ]
        if len(near) != 1:
            return None
        return near[0] + raw[len(stem) :] if raw.startswith(stem) else None

    def _glued_typo(self, raw: str) -> str | None:
        """A glued run of words that does not split into known ones ("평가기곤어디",
        "평귱몇점") whose start (or a word after known ones) is one letter (jamo) away from
        a key term or a compound of the bot's own beginning with one (평가기관, 평균) while
        the rest splits into known words: the run with that word corrected ("평가기관어디").
        Its first syllable stays (a different one is another word more often than a typo);
        of two words one letter away, the one a missed or doubled key makes wins ("곤": 관,
        not 간), and a tie is no fix."""
        strip = self.vocab.strip_particle
        if raw in self.korean or raw in self._spelled or strip(raw) in self._spelled:
            return None
        if self._cover(raw) is not None or self._cover(strip(raw)) is not None:
            return None
        # the run's start, then each point known words lead up to ("재계약배즤기준": 배즤…)
        starts = [0, *(i for i in range(2, len(raw) - 1) if self._cover(raw[:i]) is not None)]
        for start in starts:
            fixed = self._slip_at(raw[start:])
            if fixed is not None:
                return raw[:start] + fixed
        return None

    def _slip_at(self, part: str) -> str | None:
        """``part`` with its mistyped first word corrected, when the rest splits."""
        for size in range(min(len(part), 5), 1, -1):
            head, rest = part[:size], part[size:]
            # a start made of known words is no typo ("평가기간" is 평가 + 기간, not 평가기관)
            if self._cover(head) is not None or not self._splits(rest):
                continue
            fixed = self._nearest(head, self._glued_targets.get((size, head[0]), {}))
            if fixed is not None:
                return fixed + rest
        return None

    def _splits(self, rest: str) -> bool:
        """What follows a corrected start is known words, perhaps after its particle ("어디",
        "몇점", "은", "은어디")."""
        stripped = self.vocab.strip_particle(rest)
        if self._cover(rest) is not None or self._cover(stripped) is not None:
            return True
        return any(
            self.vocab.only_particle(rest[:end]) and self._cover(rest[end:]) is not None
            for end in range(1, min(3, len(rest)) + 1)
        )

    @staticmethod
    def _nearest(head: str, targets: dict[str, str]) -> str | None:
        """The one target one letter from ``head``: by keys typed when two are."""
        letters = jamo(head)
        near = [(k, w) for k, w in targets.items() if OSA.distance(letters, k, score_cutoff=1) <= 1]
        if len(near) <= 1:
            return near[0][1] if near else None
        typed = letters.translate(_KEYSTROKES)
        ranked = sorted((Indel.distance(typed, k.translate(_KEYSTROKES)), w) for k, w in near)
        return ranked[0][1] if ranked[0][0] < ranked[1][0] else None

    def _short_typo(self, word: str) -> str | None:
        """A short word's typo ("teh", "scor", "rund"): too short for any edit to be safe
        ("rate"/"date"), so only two letters swapped or one letter after the first dropped
        count, and only when exactly one known word fits."""
        swapped = {
            word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            for i in range(len(word) - 1)
            if word[i] != word[i + 1]
        }
        fits = {w for w in swapped if w in self._latin_set}
        fits |= {
            w
            for w in self._latin_by_length.get(len(word) + 1, ())
            if any(w[:i] + w[i + 1 :] == word for i in range(1, len(w)))
        }
        return next(iter(fits)) if len(fits) == 1 else None

    def _within(self, length: int, edits: int) -> list[str]:
        """The known words ``edits`` letters or fewer longer or shorter than ``length``, in
        the order of ``self.latin`` (so a tie goes to the same word as over all of them):
        only they can be that few edits away, and over twenty rounds' findings comparing
        with every known word made a question with a few unknown words ~0.2 ms slower."""
        key = (length, edits)
        window = self._typo_window.get(key)
        if window is None:
            runs = (
                self._latin_by_length.get(n, []) for n in range(length - edits, length + edits + 1)
            )
            window = self._typo_window[key] = sorted(w for run in runs for w in run)
        return window


@cache
def _verb_endings() -> tuple[str, ...]:
    """The verb endings a question's words end in (lookup.yaml ``endings``): a word ending
    so is a verb form ("평가받았"), never a compound a typo is corrected to."""
    from bot.understand.search import load_lookup

    return tuple(str(w) for w in load_lookup()["endings"])


def _vocab_hangul(vocab: Vocab) -> set[str]:
    """Every Hangul word in the extractor's word lists."""
    return {w for node in vocab.strings() for w in fold(node).split() if _hangul(w)}
