"""Synthetic disclosures in the published format, for tests and benchmarks only.

Every document this module writes says on its first line that it is synthetic, and uses
invented service names, so it can never be mistaken for (or mixed into) real data.

Two generators live here:

* ``disclosure(year, round_no, ...)`` — one round, for tests that need "a round";
* ``generate(seed, rounds)`` / ``history(seed, rounds)`` — a whole, internally consistent
  history of the city's rounds over several years (services evaluated again when their
  contract ends, sometimes under a slightly different name; score tables or not; named
  below-cutoff lists or only counts; year-level figures; news reports beside them).
  The oracle tests (tests/test_oracle*.py) compute every expected answer from the
  ``SynthHistory`` itself, and ``evalbot bench engine`` answers over ``history(...)``:
  the generator is the single description of what a history may look like.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from html import escape

SYNTHETIC_MARK = "※ 합성 시험 문서 (synthetic test document) — 실제 공개 자료가 아님"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PLACES = ["가상", "시험", "예시", "모의", "견본", "샘플", "표본", "연습"]
_KINDS = ["지원센터", "복지관", "청소년센터", "자원회수시설", "창업허브", "상담소", "교육센터"]


def service_name(index: int) -> str:
    return f"{_PLACES[index % len(_PLACES)]}{index + 1}구 {_KINDS[index % len(_KINDS)]} 운영"


def disclosure(
    year: int,
    round_no: int,
    services: int = 6,
    *,
    seed: int = 0,
    scores: bool = False,
    names: list[str] | None = None,
) -> str:
    """A synthetic round disclosure shaped like the city's (optionally with a score table)."""
    rng = random.Random(seed * 1000 + year * 10 + round_no)
    names = names or [service_name(i) for i in range(services)]
    values = [round(rng.uniform(60, 95), 2) for _ in names]
    average = round(sum(values) / len(values), 2)
    below = [n for n, v in zip(names, values, strict=True) if v < 75] if scores else []
    yy = year % 100
    lines = [
        SYNTHETIC_MARK,
        "",
        f"{year}년 제{round_no}차 민간위탁 종합성과평가 결과 공개",
        "",
        "□ 평가개요",
        "",
        "- 추진근거 : 「서울특별시 행정사무의 민간위탁에 관한 조례」 제18조",
        f"- 평가기간 : '{yy}년 2월 ~ 4월",
        f"- 평가대상 : '{yy}년 {len(names) * 4}개 사무 중 {len(names)}개",
        "- 평가기관 : 외부 전문기관(재단법인 가상평가연구원)",
        "- 평가내용 : 공통분야, 개별분야, 사용자 만족도 평가(총100점)",
        "",
        "□ 평가결과",
        "",
        f"- 평가점수 : {len(names)}개 민간위탁사무 평가 결과 평균 {average:.2f}점",
    ]
    if scores and below:
        lines.append(f" - 75점 미만 재계약 배제 대상 사무 : {len(below)}개({', '.join(below)})")
    elif not scores or not below:
        lines.append(" - 75점 미만 재계약 배제 대상 사무 없음")
    lines += [
        "- 결과활용 : 재계약 적정성 심의반영 및 위탁사업 개선",
        " - 재계약 적정여부 판단 시 종합성과평가 결과 반영(조례 제12조)",
        "",
    ]
    if scores:
        lines += ["□ 사무별 평가점수", ""]
        lines += [f"{name}\t{value:.2f}" for name, value in zip(names, values, strict=True)]
        lines.append("")
    lines += ["□ 사무별 주요성과 및 과제", ""]
    for i, name in enumerate(names):
        lines += [
            f"{CIRCLED[i] if i < len(CIRCLED) else f'({i + 1})'} {name}",
            "",
            "구 분\t주 요 내 용",
            f"주요 성과\t- {name} 이용자 만족도 향상 노력 적절"
            f" - 시험 사업 {rng.randint(2, 9)}건 추진",
            f"개선 과제\t- 중장기 운영 계획 수립 필요 - 성과지표 {rng.randint(2, 9)}종 고도화 필요",
            "",
        ]
    return "\n".join(lines)


# ==== whole histories ======================================================================
CUTOFF = Decimal(75)
TWO = Decimal("0.01")
ONE = Decimal("0.1")
#: Syllables of invented place names: two of them make a place ("가람", "누솔").  Services
#: of one kind of facility never share a syllable of their place, so no two names are
#: a letter apart ("가람도서관" / "나솔도서관", never "가람도서관" / "다람도서관").
_FIRST = "가노두리며보수유재초코태피호강눈달룡문별산옥정춘한"
_SECOND = "람솔빛결온샘들숲담울찬봄린휘윤채률미혜뫼슬음향길솜"
_FACILITIES = (
    "청소년센터",
    "복지관",
    "도서관",
    "체육센터",
    "문화센터",
    "창업허브",
    "상담소",
    "기록관",
    "미술관",
    "수영장",
    "캠핑장",
    "주차장",
    "어린이집",
    "쉼터",
    "재활용센터",
    "박물관",
    "공연장",
    "수목원",
    "학습관",
    "돌봄센터",
    "의료원",
    "공예공방",
    "도시텃밭",
    "경로당",
    "청년공간",
)
_SUBJECTS = (
    "이용자 만족도",
    "프로그램 참여율",
    "안전 점검 체계",
    "지역 협력망",
    "회계 투명성",
    "시설 가동률",
    "상담 품질",
    "교육 과정",
    "홍보 활동",
    "민원 처리",
    "예약 시스템",
    "직원 역량",
)
_DONE = ("향상 노력 적절", "개선 실적 우수", "확대 운영 적절", "체계적 관리 우수")
_TODO = ("고도화 필요", "개선 방안 마련 필요", "점검 강화 필요", "중장기 계획 수립 필요")
#: The ways the city renames a service slightly between two evaluations of it.
RENAMES = ("spacing", "prefix", "suffix")
_REPORTERS = ("가상일보", "모의경제", "시험뉴스")


def _money(value: Decimal) -> str:
    """A score as the city prints it: two decimals ("75.00")."""
    return f"{value.quantize(TWO, ROUND_HALF_UP):.2f}"


@dataclass(frozen=True)
class SynthFinding:
    kind: str  # achievement | improvement
    text: str


@dataclass(frozen=True)
class SynthEvaluation:
    """A service as evaluated in one round: the name this round's page uses, its score."""

    service: int  # identity across rounds (and renames)
    name: str
    score: Decimal
    findings: tuple[SynthFinding, ...]

    def of_kind(self, kind: str) -> tuple[str, ...]:
        return tuple(f.text for f in self.findings if f.kind == kind)


@dataclass(frozen=True)
class SynthRound:
    year: int
    round_no: int
    evaluations: tuple[SynthEvaluation, ...]
    #: whether the page publishes each service's score (a table, or in the headings)
    scores_published: bool
    #: "table" (a score section) or "heading" ("① name (80.00점)")
    score_form: str
    #: whether the page names the services below the cutoff (it always gives the count)
    names_published: bool
    #: text or html
    form: str
    #: whether the page was published (and so is in the knowledge base)
    loaded: bool = True
    #: year-level statements this page carries (only the last loaded round of a year)
    year_average: Decimal | None = None
    previous_year_average: Decimal | None = None
    cumulative: tuple[int, int, int] | None = None  # (last round, total, below)
    services_in_year: int = 0
    #: the re-contract cutoff this round's page states (60 before 2022 in reality, then 75)
    cutoff: Decimal = CUTOFF

    @property
    def average(self) -> Decimal:
        total = sum((e.score for e in self.evaluations), Decimal(0))
        return (total / len(self.evaluations)).quantize(TWO, ROUND_HALF_UP)

    @property
    def below(self) -> tuple[SynthEvaluation, ...]:
        return tuple(e for e in self.evaluations if e.score < self.cutoff)

    @property
    def key(self) -> tuple[int, int]:
        return self.year, self.round_no


@dataclass(frozen=True)
class SynthReport:
    """A news report's figures about a year (or a round), as reported-figures.yaml holds them."""

    publisher: str
    date: str
    year: int
    round_no: int | None
    figures: dict[str, Decimal | int]


@dataclass
class SynthHistory:
    """Every round the city held (``loaded`` ones were published), year figures, reports."""

    seed: int
    rounds: list[SynthRound]
    reports: list[SynthReport] = field(default_factory=list)
    #: service identity -> every name it was published under, first one first
    names: dict[int, list[str]] = field(default_factory=dict)

    @property
    def loaded(self) -> list[SynthRound]:
        return [r for r in self.rounds if r.loaded]

    def years(self) -> list[int]:
        return sorted({r.year for r in self.loaded})

    def rounds_of_year(self, year: int) -> list[SynthRound]:
        return [r for r in self.loaded if r.year == year]

    def year_average(self, year: int) -> Decimal | None:
        """The official year average some loaded page of the year states, if any."""
        return next((r.year_average for r in self.rounds_of_year(year) if r.year_average), None)

    def newest(self) -> SynthRound:
        return max(self.loaded, key=lambda r: r.key)

    def history_of(self, service: int) -> list[tuple[SynthRound, SynthEvaluation]]:
        return [(r, e) for r in self.loaded for e in r.evaluations if e.service == service]

    def documents(self) -> list[tuple[str, str]]:
        """(file name, text) of every published page, oldest first."""
        out = []
        for r in self.loaded:
            suffix = "html" if r.form == "html" else "txt"
            out.append((f"synthetic-{r.year}-round{r.round_no}.{suffix}", render(r)))
        return out

    def reports_yaml(self) -> str:
        """The reports in the format of knowledge/sources/reported-figures.yaml."""
        lines = [f"# {SYNTHETIC_MARK}"]
        for report in self.reports:
            scope = f"{{year: {report.year}" + (
                f", round: {report.round_no}}}" if report.round_no else "}"
            )
            lines.append(f"- scope: {scope}")
            lines.append("  figures:")
            lines += [f"    {metric}: {value}" for metric, value in report.figures.items()]
            lines.append(f"  source: {{publisher: {report.publisher}, date: {report.date}}}")
        return "\n".join(lines) + "\n"


def history(seed: int, rounds: int = 30) -> list[str]:
    """The published pages of a generated history, oldest first (for benchmarks): with
    the default sizes, 30 rounds hold about 600 evaluations."""
    return [text for _, text in generate(seed, rounds).documents()]


def history_questions(seed: int, rounds: int = 30) -> list[str]:
    """Questions about the history ``history(seed, rounds)`` publishes, in both languages:
    what a benchmark asks beside the usual question sets so that answering is measured
    over many rounds (rounds, years, below-cutoff lists, rankings, a service's history)."""
    h = generate(seed, rounds)
    rng = random.Random(seed)
    out: list[str] = ["최근 평가 결과 요약해줘", "Summarise the latest evaluation round"]
    for r in rng.sample(h.loaded, min(6, len(h.loaded))):
        y, n = r.year, r.round_no
        name = rng.choice(r.evaluations).name
        out += [
            f"{y}년 {n}차 평균 점수는?",
            f"{y}년 {n}차 75점 미만 사무는?",
            f"What was the highest score in round {n} of {y}?",
            f"{y}년 {n}차 {name} 개선과제",
            f"What did {name} score?",
        ]
    for year in rng.sample(h.years(), min(3, len(h.years()))):
        out += [
            f"{year}년 전체 평균은?",
            f"{year}년에 평가받은 사무는 몇 개야?",
            f"Which services fell below 75 in {year}?",
            f"{year}년 최저 점수 받은 사무는?",
        ]
    out += ["평균 추이 보여줘", "Show the average score trend by year"]
    return out


def generate(
    seed: int,
    rounds: int = 30,
    *,
    services: tuple[int, int] = (8, 32),
    renames: tuple[str, ...] = RENAMES,
    start_year: int = 2015,
    reports: bool = True,
    earlier_cutoff: tuple[int, Decimal] | None = None,
) -> SynthHistory:
    """A random, internally consistent history with ``rounds`` published rounds.

    Years run from ``start_year`` with one to four rounds each; now and then a round was
    held but its page is not loaded (it still counts in its year's figures).  About a
    third of the services of a round were evaluated before (their contract came up
    again), some under a slightly changed name (``renames``).  ``earlier_cutoff`` (year,
    cutoff): rounds before that year state that cutoff instead of 75, as the city's did
    (60 points until 2022) — a cutoff belongs to its round."""
    rng = random.Random(seed)
    maker = _Maker(rng, services, renames)
    held: list[SynthRound] = []
    year = start_year
    while sum(r.loaded for r in held) < rounds:
        count = rng.randint(1, 4)
        for round_no in range(1, count + 1):
            loaded = sum(r.loaded for r in held) < rounds and rng.random() > 0.12
            held.append(maker.round(year, round_no, loaded))
        year += 1 + (rng.random() < 0.15)  # now and then a year with nothing loaded
    if earlier_cutoff is not None:
        from dataclasses import replace

        until, cutoff = earlier_cutoff
        held = [replace(r, cutoff=cutoff) if r.year < until else r for r in held]
    held = _with_year_figures(held, rng)
    out = SynthHistory(seed, held, names=maker.names)
    if reports:
        out.reports = _reports(out, rng)
    return out


class _Maker:
    """Draws services, scores and findings; remembers every service's names."""

    def __init__(self, rng: random.Random, services: tuple[int, int], renames: tuple[str, ...]):
        self.rng = rng
        self.size = services
        self.renames = renames
        self.names: dict[int, list[str]] = {}
        self.order = list(range(len(_FIRST) * len(_FACILITIES)))
        rng.shuffle(self.order)
        self.seen: list[int] = []

    def _new_service(self) -> int:
        ident = len(self.names)
        name = unique_name(self.order[ident % len(self.order)])
        if ident >= len(self.order):  # more services than names: number the next laps
            name = f"제{ident // len(self.order) + 1}{name}"
        self.names[ident] = [f"{name} 운영"]
        return ident

    def _name(self, ident: int) -> str:
        """The name a page uses: the first one, or (now and then) a slight renaming."""
        first = self.names[ident][0]
        again = len(self.names[ident]) == 1 and ident in self.seen
        if again and self.renames and self.rng.random() < 0.3:
            renamed = rename(first, self.rng.choice(self.renames))
            self.names[ident].append(renamed)
            return renamed
        return self.names[ident][-1]

    def _score(self) -> Decimal:
        roll = self.rng.random()
        if roll < 0.06:
            return Decimal("75.00")  # exactly at the cutoff: not below it
        if roll < 0.10:
            return Decimal("74.99")
        return (Decimal(self.rng.randint(5500, 9800)) / 100).quantize(TWO)

    def _findings(self, ident: int) -> tuple[SynthFinding, ...]:
        out = []
        for kind, endings in (("achievement", _DONE), ("improvement", _TODO)):
            for _ in range(self.rng.randint(1, 2)):
                subject = self.rng.choice(_SUBJECTS)
                out.append(SynthFinding(kind, f"{subject} {self.rng.choice(endings)}"))
        return tuple(out)

    def round(self, year: int, round_no: int, loaded: bool) -> SynthRound:
        rng = self.rng
        count = rng.randint(*self.size)
        chosen: list[int] = []
        again = [s for s in dict.fromkeys(self.seen) if rng.random() < 0.08]
        for ident in again[: count // 3]:
            chosen.append(ident)
        while len(chosen) < count:
            chosen.append(self._new_service())
        rng.shuffle(chosen)
        evaluations = []
        for ident in chosen:
            name = self._name(ident)
            evaluations.append(SynthEvaluation(ident, name, self._score(), self._findings(ident)))
            self.seen.append(ident)
        _distinct_findings(evaluations, rng)
        scores = rng.random() < 0.55
        return SynthRound(
            year=year,
            round_no=round_no,
            evaluations=tuple(evaluations),
            scores_published=scores,
            score_form=rng.choice(("table", "heading")),
            names_published=scores or rng.random() < 0.5,
            form=rng.choice(("text", "html")),
            loaded=loaded,
        )


def _distinct_findings(evaluations: list[SynthEvaluation], rng: random.Random) -> None:
    """Number each finding so a service's findings differ from round to round (and from
    other services'): "…(가람-3)" says which evaluation it belongs to, as a tag would."""
    for i, e in enumerate(evaluations):
        tag = rng.randint(100, 999)
        tagged = tuple(
            SynthFinding(f.kind, f"{f.text} (점검 {tag}-{n})") for n, f in enumerate(e.findings, 1)
        )
        evaluations[i] = SynthEvaluation(e.service, e.name, e.score, tagged)


def unique_name(index: int) -> str:
    """The ``index``-th invented facility: a place of two syllables and a kind of facility.

    No word is shared by every name (a real list has none either: "서울시" and "운영" are
    generic words the matcher sets aside), so finding a service by its name costs what it
    would over the city's own list; the documents say on their first line that they are
    synthetic."""
    facility, row = index % len(_FACILITIES), index // len(_FACILITIES) % len(_FIRST)
    place = _FIRST[row] + _SECOND[(row + facility) % len(_SECOND)]
    return place + _FACILITIES[facility]


def rename(name: str, how: str) -> str:
    """A slight renaming of ``name`` ("가람도서관 운영"), the way the city does it: spaced
    differently ("가람 도서관 운영"), with the city's name in front ("서울시 …"), or with a
    longer ending ("… 관리 및 운영")."""
    if how == "spacing":
        return f"{name[:2]} {name[2:]}"
    if how == "prefix":
        return f"서울시 {name}"
    if how == "suffix":
        return name.removesuffix(" 운영") + " 관리 및 운영"
    raise ValueError(f"unknown renaming {how!r}")


def _with_year_figures(held: list[SynthRound], rng: random.Random) -> list[SynthRound]:
    """Give the last loaded round of (most) years the year-level statements: the year's
    average over every round held, the previous year's, and the cumulative below count."""
    from dataclasses import replace

    years = sorted({r.year for r in held})
    averages: dict[int, Decimal] = {}
    for year in years:
        scores = [e.score for r in held if r.year == year for e in r.evaluations]
        averages[year] = (sum(scores, Decimal(0)) / len(scores)).quantize(TWO, ROUND_HALF_UP)
    out = []
    for r in held:
        of_year = [x for x in held if x.year == r.year]
        total = sum(len(x.evaluations) for x in of_year)
        r = replace(r, services_in_year=total)
        last_loaded = max((x.round_no for x in of_year if x.loaded), default=None)
        if r.loaded and r.round_no == last_loaded and rng.random() < 0.7:
            before = [x for x in of_year if x.round_no <= r.round_no]
            below = sum(len(x.below) for x in before)
            r = replace(
                r,
                year_average=averages[r.year],
                previous_year_average=averages.get(r.year - 1) if rng.random() < 0.6 else None,
                cumulative=(r.round_no, total, below) if r.round_no > 1 else None,
            )
        out.append(r)
    return out


def _reports(h: SynthHistory, rng: random.Random) -> list[SynthReport]:
    """News reports about a few years: some where an official year figure exists (the
    official one must win), some where none does (the report is all there is)."""
    out = []
    for year in h.years():
        if rng.random() > 0.35:
            continue
        held = [r for r in h.rounds if r.year == year]
        scores = [e.score for r in held for e in r.evaluations]
        # a newspaper rounds to one decimal ("78.5점"); where the city published the
        # year's average, the report is slightly off (the official figure must win)
        average = (sum(scores, Decimal(0)) / len(scores)).quantize(ONE, ROUND_HALF_UP)
        if h.year_average(year) is not None:
            average += Decimal("0.3")
        below = sum(len(r.below) for r in held)
        out.append(
            SynthReport(
                publisher=rng.choice(_REPORTERS),
                date=f"{year + 1}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                year=year,
                round_no=None,
                figures={
                    "average_score": average,
                    "services_evaluated": len(scores),
                    "below_cutoff": below,
                },
            )
        )
    return out


# ==== rendering =============================================================================
def render(r: SynthRound) -> str:
    """The page of one round, as text or as an HTML board page."""
    return _html(r) if r.form == "html" else _text(r)


def _results(r: SynthRound) -> list[str]:
    """The results bullets (without markup): average, below-cutoff count/names, year figures."""
    yy = r.year % 100
    lines = [
        f"- 평가점수 : {len(r.evaluations)}개 민간위탁사무 평가 결과 평균 {_money(r.average)}점"
    ]
    below = r.below
    cumulative = ""
    if r.cumulative:
        last, total, n = r.cumulative
        share = (Decimal(n) * 100 / Decimal(total)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        cumulative = f" * 1~{last}차 합산 {total}개 중 {n}개({share}%)"
    cut = int(r.cutoff)
    if not below:
        lines.append(f" - {cut}점 미만 재계약 배제 대상 사무 없음{cumulative}")
    elif r.names_published:
        names = ", ".join(e.name for e in below)
        lines.append(f" - {cut}점 미만 재계약 배제 대상 사무 : {len(below)}개({names}){cumulative}")
    else:
        lines.append(f" - {cut}점 미만 재계약 배제 대상 사무 : {len(below)}개{cumulative}")
    if r.year_average is not None:
        line = f" - ※ '{yy}년 전체 평균 : {_money(r.year_average)}점"
        if r.previous_year_average is not None:
            diff = r.year_average - r.previous_year_average
            way = "상승" if diff >= 0 else "하락"
            prev = _money(r.previous_year_average)
            line += f" * 전년('{(r.year - 1) % 100:02d}년 {prev}) 대비 {_money(abs(diff))}점 {way}"
        lines.append(line)
    return lines


def _overview(r: SynthRound) -> list[str]:
    yy = r.year % 100
    start = r.round_no * 2
    return [
        "- 추진근거 : 「서울특별시 행정사무의 민간위탁에 관한 조례」 제18조",
        f"- 평가기간 : '{yy}년 {start}월 ~ {start + 2}월",
        f"- 평가대상 : '{yy}년 {r.services_in_year}개 사무 중 {len(r.evaluations)}개",
        "- 평가기관 : 외부 전문기관(재단법인 가상평가연구원)",
        "- 평가내용 : 공통분야, 개별분야, 사용자 만족도 평가(총100점)",
    ]


def _usage(r: SynthRound) -> list[str]:
    return [
        "- 결과활용 : 재계약 적정성 심의반영 및 위탁사업 개선",
        f" - 평가 결과 {int(r.cutoff)}점 미만은 해당 수탁기관과 재계약 배제 및 공개모집(관리지침)",
    ]


def _number(i: int) -> str:
    return CIRCLED[i] if i < len(CIRCLED) else f"({i + 1})"


def _heading(r: SynthRound, i: int, e: SynthEvaluation) -> str:
    if r.scores_published and r.score_form == "heading":
        return f"{_number(i)} {e.name} ({_money(e.score)}점)"
    return f"{_number(i)} {e.name}"


@dataclass(frozen=True)
class Layout:
    """How a text page is laid out, for pages that say the same thing in another shape (the
    parser must read every one of them to the same round; tests/test_disclosure_layouts.py).

    ``heading`` formats a section heading from its number and name ("□ {name}", "{n}. {name}",
    "## {name}", "{name}" alone); ``bullet`` starts an item ("- ", "○ ", "가. " numbered when
    it holds "{k}"); ``service`` formats a service heading from its number and name;
    ``findings`` is "table" (the city's cells), "lines" (a label, then one item per line) or
    "brackets" ("[주요 성과]" then "ㅇ" items); ``table`` is "pipes", "tabs", "ruled" (a pipe
    table with a header and a rule) or "leaders" ("name ······ 80.00점").
    """

    heading: str = "□ {name}"
    names: tuple[str, str, str, str] = (
        "평가개요",
        "평가결과",
        "사무별 평가점수",
        "사무별 주요성과 및 과제",
    )
    bullet: str = "- "
    service: str = "{c} {name}"
    findings: str = "table"
    table: str = "pipes"


#: the parts a random ``Layout`` is drawn from
LAYOUT_CHOICES: dict[str, tuple] = {
    "heading": ("□ {name}", "■ {name}", "◆ {name}", "{n}. {name}", "{r}. {name}", "## {name}",
                "{name}", "【{name}】", "▣ {name}"),
    "names": (
        ("평가개요", "평가결과", "사무별 평가점수", "사무별 주요성과 및 과제"),
        ("평가 개요", "평가 결과", "사무별 점수", "사무별 주요 성과 및 개선 과제"),
        ("개요", "결과", "평가 점수", "주요 성과 및 과제"),
    ),
    "bullet": ("- ", "○ ", "· ", "▶ ", "ㅇ ", "• ", "{k}. "),
    "service": ("{c} {name}", "{i}. {name}", "({i}) {name}", "[{i}] {name}", "### {c} {name}",
                "{i}) {name}"),
    "findings": ("table", "lines", "brackets"),
    "table": ("pipes", "tabs", "ruled", "leaders"),
}  # fmt: skip
_ROMAN = "ⅠⅡⅢⅣⅤⅥ"
_LETTERS = "가나다라마바사아자차"


def random_layout(rng: random.Random) -> Layout:
    """One of the layouts ``LAYOUT_CHOICES`` describes."""
    return Layout(**{key: rng.choice(options) for key, options in LAYOUT_CHOICES.items()})


def _styled(lines: list[str], bullet: str) -> list[str]:
    """Items with another bullet: "- x" → "○ x"; a sub-item " - x" keeps its indentation."""
    out: list[str] = []
    for k, line in enumerate(lines):
        indent = line[: len(line) - len(line.lstrip())]
        body = line.lstrip()[2:] if line.lstrip().startswith("- ") else line.strip()
        out.append(indent + bullet.format(k=_LETTERS[k % len(_LETTERS)]) + body)
    return out


def _score_rows(r: SynthRound, style: str) -> list[str]:
    rows = [(i + 1, e.name, _money(e.score)) for i, e in enumerate(r.evaluations)]
    if style == "tabs":
        return ["사무명\t점수", *(f"{name}\t{score}" for _, name, score in rows)]
    if style == "ruled":
        head = ["| 연번 | 사무명 | 점수 |", "|---|---|---|"]
        return head + [f"| {i} | {name} | {score} |" for i, name, score in rows]
    if style == "leaders":
        return [f"{i}. {name} ········ {score}점" for i, name, score in rows]
    return ["사무명 | 점수", *(f"{name} | {score}" for _, name, score in rows)]


def _findings_lines(e: SynthEvaluation, style: str) -> list[str]:
    done, todo = e.of_kind("achievement"), e.of_kind("improvement")
    if style == "lines":
        return [
            "○ 주요 성과",
            *(f"  - {t}" for t in done),
            "○ 개선 과제",
            *(f"  - {t}" for t in todo),
        ]
    if style == "brackets":
        return [
            "[주요 성과]",
            *(f"ㅇ {t}" for t in done),
            "[개선 과제]",
            *(f"ㅇ {t}" for t in todo),
        ]
    return [
        "구 분\t주 요 내 용",
        f'주요 성과\t<ul style="list-style-type: none"> {" ".join(f"- {t}" for t in done)}',
        f'개선 과제\t<ul style="list-style-type: none"> {" ".join(f"- {t}" for t in todo)}',
    ]


def render_laid_out(r: SynthRound, layout: Layout) -> str:
    """The text page of ``r`` in ``layout``: the same statements, other marks and tables."""
    sections = 0

    def heading(name: str) -> list[str]:
        nonlocal sections
        sections += 1
        n = sections
        return ["", layout.heading.format(n=n, r=_ROMAN[n - 1], name=name), ""]

    overview, results, scores, services = layout.names
    lines = [SYNTHETIC_MARK, f"{r.year}년 제{r.round_no}차 민간위탁 종합성과평가 결과 공개"]
    lines += heading(overview) + _styled(_overview(r), layout.bullet)
    lines += heading(results) + _styled(_results(r) + _usage(r), layout.bullet)
    if r.scores_published and r.score_form == "table":
        lines += heading(scores) + _score_rows(r, layout.table)
    lines += heading(services)
    for i, e in enumerate(r.evaluations):
        name = e.name
        if r.scores_published and r.score_form == "heading":
            name = f"{name} ({_money(e.score)}점)"
        c = CIRCLED[i] if i < len(CIRCLED) else f"({i + 1})"
        lines += [layout.service.format(c=c, i=i + 1, name=name), ""]
        lines += [*_findings_lines(e, layout.findings), ""]
    return "\n".join(lines)


def _text(r: SynthRound) -> str:
    lines = [
        SYNTHETIC_MARK,
        f"{r.year}년 제{r.round_no}차 민간위탁 종합성과평가 결과 공개",
        "",
        "□ 평가개요",
        "",
        *_overview(r),
        "",
        "□ 평가결과",
        "",
        *_results(r),
        *_usage(r),
        "",
    ]
    if r.scores_published and r.score_form == "table":
        lines += ["□ 사무별 평가점수", "", "사무명 | 점수"]
        lines += [f"{e.name} | {_money(e.score)}" for e in r.evaluations]
        lines.append("")
    lines += ["□ 사무별 주요성과 및 과제", ""]
    for i, e in enumerate(r.evaluations):
        done = " ".join(f"- {t}" for t in e.of_kind("achievement"))
        todo = " ".join(f"- {t}" for t in e.of_kind("improvement"))
        lines += [
            _heading(r, i, e),
            "",
            "구 분\t주 요 내 용",
            f'주요 성과\t<ul style="list-style-type: none"> {done}',
            f'개선 과제\t<ul style="list-style-type: none"> {todo}',
            "",
        ]
    return "\n".join(lines)


def _html(r: SynthRound) -> str:
    title = f"{r.year}년 제{r.round_no}차 민간위탁 종합성과평가 결과 공개"

    def para(lines: list[str]) -> str:
        return (
            "<p>" + "<br>\n".join(escape(x).replace(" - ", "&nbsp;- ", 1) for x in lines) + "</p>"
        )

    parts = [
        f"<!-- {SYNTHETIC_MARK} -->",
        "<!DOCTYPE html>",
        '<html lang="ko"><head><meta charset="utf-8">',
        f"<title>{escape(title)} | 가상 게시판</title></head><body>",
        '<table class="bbs-view">',
        f"<tr><th>제목</th><td>{escape(title)}</td></tr>",
        '<tr><td colspan="2" class="view-body">',
        "<p>□&nbsp;평가개요</p>",
        para(_overview(r)),
        "<p>□ 평가결과</p>",
        para(_results(r)),
        para(_usage(r)),
    ]
    if r.scores_published and r.score_form == "table":
        parts += [
            "<p>□ 사무별 평가점수</p>",
            '<table class="scores">',
            "<tr><th>연번</th><th>사무명</th><th>점수</th></tr>",
        ]
        parts += [
            f"<tr><td>{i + 1}</td><td>{escape(e.name)}</td><td>{_money(e.score)}</td></tr>"
            for i, e in enumerate(r.evaluations)
        ]
        parts.append("</table>")
    parts.append("<p>□ 사무별 주요성과 및 과제</p>")
    for i, e in enumerate(r.evaluations):
        parts += [
            f"<p><strong>{escape(_heading(r, i, e))}</strong></p>",
            '<table class="findings">',
            "<tr><th>구 분</th><th>주 요 내 용</th></tr>",
        ]
        for label, kind in (("주요 성과", "achievement"), ("개선 과제", "improvement")):
            items = "".join(f"<li>{escape(t)}</li>" for t in e.of_kind(kind))
            parts.append(f"<tr><td>{label}</td><td><ul>{items}</ul></td></tr>")
        parts.append("</table>")
    parts += ["</td></tr>", "</table>", "</body></html>"]
    return "\n".join(parts)
