"""The averages chart: a time axis with rounds inside their year, official and reported
yearly figures apart, no line across a missing year or between unlike series, labels at
published precision, and a title that says what is drawn — over one round and over many."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.chart import (
    TimeChart,
    TimePoint,
    labelled_rounds,
    position,
    render_png,
    shown_series,
    slots,
    yearly_runs,
)
from bot.engine import Engine
from knowledge.synthetic import generate
from tests.oracle import built

PNG = b"\x89PNG\r\n\x1a\n"


def _point(kind: str, year: int, round_no: int | None, value: float, shown: str) -> TimePoint:
    return TimePoint(kind, year, round_no, value, shown, kind)  # type: ignore[arg-type]


def test_rounds_sit_inside_their_year_in_order_and_a_year_in_its_middle() -> None:
    points = (
        _point("round", 2023, 1, 72.4, "72.40"),
        _point("round", 2023, 3, 79.05, "79.05"),
        _point("year", 2023, None, 74.02, "74.02"),
    )
    where = slots(points)
    first, third, year = (position(p, where) for p in points)
    assert 2023 < first < year < third < 2024
    assert year == 2023.5


def test_a_year_with_five_rounds_widens_its_slots_and_keeps_them_inside() -> None:
    points = tuple(_point("round", 2021, n, 70.0 + n, f"{70 + n:.2f}") for n in range(1, 6))
    where = slots(points)
    xs = [position(p, where) for p in points]
    assert xs == sorted(xs) and xs[0] > 2021 and xs[-1] < 2022


def test_the_yearly_line_never_bridges_a_missing_year() -> None:
    years = [_point("year", y, None, 75.0, "75.00") for y in (2015, 2016, 2018, 2019, 2021)]
    runs = yearly_runs(years)
    assert [[p.year for p in run] for run in runs] == [[2015, 2016], [2018, 2019], [2021]]


def test_many_rounds_label_only_the_newest_and_the_extremes() -> None:
    rounds = [_point("round", 2000 + i // 3, i % 3 + 1, 70 + (i * 7) % 13, "x") for i in range(20)]
    chosen = labelled_rounds(rounds)
    assert len(chosen) <= 3
    assert rounds[-1] in chosen
    assert max(rounds, key=lambda p: p.value) in chosen


def test_the_trend_chart_over_the_seed_keeps_reports_apart_and_published_precision(
    queries,
) -> None:
    engine = Engine(queries)
    chart = engine.answer("Show the average score trend by year").chart
    assert isinstance(chart, TimeChart)
    kinds = {(p.kind, p.year, p.round_no): p for p in chart.points}
    assert kinds[("year", 2023, None)].shown == "74.02"
    assert kinds[("report", 2024, None)].shown == "78.52"  # a report, drawn as one
    assert kinds[("round", 2023, 3)].shown == "79.05"
    assert chart.title == "Average score by year and by round"
    assert chart.cutoff == 75


def test_labels_keep_trailing_zeros_and_the_korean_title_matches(tmp_path: Path) -> None:
    h = generate(5, 12, services=(4, 10))
    with built(h) as engine:
        chart = engine.answer("연도별 평균 추이 그래프").chart
    assert isinstance(chart, TimeChart)
    assert chart.title == "연도별·차수별 평균 점수"
    rounds = {(p.year, p.round_no): p for p in chart.points if p.kind == "round"}
    for r in h.loaded:
        assert rounds[(r.year, r.round_no)].shown == f"{r.average:.2f}"  # "76.00", never "76"
    assert len(rounds) == len(h.loaded)
    as_text = dict(shown_series(chart)["차수 평균"])  # the caption's numbers, the same way
    assert sorted(as_text.values()) == sorted(f"{r.average:.2f}" for r in h.loaded)


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("rounds", [1, 12])
def test_charts_with_one_and_with_many_rounds_render(rounds: int, lang: str) -> None:
    h = generate(rounds, rounds, services=(4, 10))
    question = "평균 추이 그래프" if lang == "ko" else "Show the average score trend by year"
    with built(h) as engine:
        chart = engine.answer(question, lang=lang).chart
    assert chart is not None
    png = render_png(chart)
    assert png.startswith(PNG) and len(png) > 10_000
