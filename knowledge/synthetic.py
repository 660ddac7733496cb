"""Synthetic disclosures in the published format, for tests and benchmarks only.

Every document this module writes says on its first line that it is synthetic, and uses
invented service names, so it can never be mistaken for (or mixed into) real data.
"""

from __future__ import annotations

import random

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
