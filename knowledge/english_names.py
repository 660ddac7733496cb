"""A working English name for a service that has no curated one, so that English questions
can name it ("the volunteer center", "Namsan Youth Hostel").

A newly ingested round brings services nobody has translated yet.  Their Korean names are
built from a small stock of words (지원 support, 센터 center, 복지 welfare …) around a place
or a proper name; this translates the known words (longest first), romanises the rest
(Revised Romanization, syllable by syllable, no sound changes) and keeps the Korean word
order, which for these compounds is the English one ("동물복지지원센터" → "animal welfare
support center").  The result is used only as a matching alias, never shown as a name.
"""

from __future__ import annotations

import re

from knowledge.names import service_key

#: Words of service names, with their English (longest match wins).
WORDS: dict[str, str] = {
    "센터": "center",
    "지원": "support",
    "종합": "comprehensive",
    "복지": "welfare",
    "동물": "animal",
    "자원봉사": "volunteer",
    "봉사": "volunteer",
    "노동자": "workers",
    "노동": "labor",
    "근로자": "workers",
    "청년": "youth",
    "청소년": "youth",
    "일자리": "jobs",
    "도시농업": "urban agriculture",
    "농업": "agriculture",
    "도시": "urban",
    "여성": "women",
    "발전": "development",
    "장애인": "disabled",
    "북부": "northern",
    "남부": "southern",
    "동부": "eastern",
    "서부": "western",
    "중부": "central",
    "서남권": "southwest",
    "동남권": "southeast",
    "동북권": "northeast",
    "서북권": "northwest",
    "유스호스텔": "youth hostel",
    "호스텔": "hostel",
    "글로벌": "global",
    "탄소중립": "carbon neutral",
    "1인가구": "single-person household",
    "가구": "household",
    "가족": "family",
    "노인": "senior",
    "어르신": "senior",
    "문화": "culture",
    "체육": "sports",
    "도서관": "library",
    "공원": "park",
    "시설": "facility",
    "자원회수시설": "resource recovery facility",
    "자원회수": "resource recovery",
    "물재생": "water recycling",
    "평생교육": "lifelong education",
    "교육": "education",
    "창업": "startup",
    "환경": "environment",
    "안전": "safety",
    "상담": "counseling",
    "의료": "medical",
    "건강": "health",
    "보건": "health",
    "아동": "children",
    "보육": "childcare",
    "다문화": "multicultural",
    "외국인": "foreigners",
    "주민": "residents",
    "마을": "village",
    "공동체": "community",
    "사회적경제": "social economy",
    "혁신": "innovation",
    "기술": "technology",
    "디지털": "digital",
    "관광": "tourism",
    "미술관": "art museum",
    "박물관": "museum",
    "수영장": "swimming pool",
    "병원": "hospital",
    "쉼터": "shelter",
    "주택": "housing",
    "주거": "housing",
    "에너지": "energy",
    "기후": "climate",
    "인권": "human rights",
    "성평등": "gender equality",
    "직장맘": "working moms",
    "경계선지능인": "borderline intelligence",
    "핀테크": "fintech",
    "소셜벤처": "social venture",
    "허브": "hub",
    "랩": "lab",
    "캠퍼스": "campus",
    "플랫폼": "platform",
    "회관": "hall",
    "공연": "performance",
    "예술": "arts",
    "영화": "film",
    "음악": "music",
    "활동": "activity",
    "진흥": "promotion",
    "정보": "information",
    "관리": "management",
    "운영": "operation",
    # many5 / many7 rounds (E2's request; blind questions name them in English)
    "시립": "municipal",
    "미디어": "media",
    "자살예방": "suicide prevention",
    "기후변화": "climate change",
    "체험": "experience",
    "교육관": "education center",
    "50플러스": "50 plus",
    "슬러지": "sludge",
    "처리시설": "treatment facility",
    "고립": "isolated",
    "은둔": "reclusive",
    "도시재생": "urban regeneration",
    "음식물류폐기물": "food waste",
    "공공자전거": "public bicycle",
    "정비": "maintenance",
    "수리": "repair",
    "수어통역": "sign language interpretation",
    "다국어": "multilingual",
    "통번역": "interpretation and translation",
    "새활용": "upcycling",
    "하수도": "sewerage",
    "과학관": "science museum",
    "직업재활": "vocational rehabilitation",
    "취업": "employment",
    # loanwords of newer centres' names (a romanised "baio" matches no English question)
    "바이오": "bio",
    "애니메이션": "animation",
    "로봇": "robot",
    "인공지능": "artificial intelligence",
    "스타트업": "startup",
    "데이터": "data",
    "콘텐츠": "content",
    "디자인": "design",
    "패션": "fashion",
    "게임": "game",
}
_WORD = re.compile("|".join(sorted(map(re.escape, WORDS), key=len, reverse=True)))

_INITIALS = "g kk n d tt r m b pp s ss _ j jj ch k t p h".split()  # noqa: SIM905
_MEDIALS = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()  # noqa: SIM905
_FINALS = ["", *"k k k n n n t l k m l l l p l m p p t t ng t t k t p t".split()]  # noqa: SIM905


def romanize(text: str) -> str:
    """Hangul syllables in Revised Romanization, letter by letter ("남산" → "namsan")."""
    out = []
    for ch in text:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            initial = _INITIALS[code // 588]
            out.append(("" if initial == "_" else initial) + _MEDIALS[code % 588 // 28])
            out.append(_FINALS[code % 28])
        else:
            out.append(ch)
    return "".join(out)


def english_aliases(name_ko: str) -> tuple[str, ...]:
    """Working English names of a Korean service name: "서울시 자원봉사센터 운영" →
    ("volunteer center",); () when no word of it is known (a
    romanised proper name alone would match English words by accident)."""
    core = service_key(name_ko)  # no 서울시 prefix, no 운영/관리 suffix, no spaces
    parts: list[str] = []
    known = 0
    at = 0
    for m in _WORD.finditer(core):
        if m.start() > at:
            parts.append(romanize(core[at : m.start()]).capitalize())
        parts.append(WORDS[m.group()])
        known += 1
        at = m.end()
    if at < len(core):
        parts.append(romanize(core[at:]).capitalize())
    if not known or not parts:
        return ()
    words = " ".join(p for p in parts if p.strip())
    if len(words) < 6:
        return ()
    return (words,)  # one alias: the matcher itself drops a "Seoul" a question adds
