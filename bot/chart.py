"""Draw an answer's ``Chart`` as a PNG.

Two kinds of chart:

* a ``TimeChart`` (what the engine draws for averages over time): one time axis on which
  each year is a span and each round sits inside its year at its place (round 1 early,
  round 4 late), so rounds and years are never mixed on one categorical axis.  Official
  yearly averages are filled markers joined only between consecutive years; a reported
  figure is a hollow marker with a dashed bar and never joined to anything; round
  averages are small dots, not joined to the yearly line.  Every point is labelled at the
  precision it was published with ("76.00"), and the cutoff is a dashed line.
* any other ``Chart``: a line per series over its x labels in natural order.

matplotlib (and the Korean font from koreanize-matplotlib) is imported on the first
chart, not with the engine: it costs about a second and tens of megabytes, and most
questions never need a picture.  The figure is drawn with the object API on the Agg
canvas, so no global pyplot state is shared between charts.
"""

from __future__ import annotations

import io
import re
import threading
import warnings
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from bot.answer import Chart

SIZE_INCHES = (8.0, 4.5)
WIDE_INCHES = (10.0, 5.0)
DPI = 110
#: Rounds a year is divided into on the time axis (a fifth round widens its year's slots).
ROUND_SLOTS = 4
#: With more round points than this, only the newest and the extremes are labelled.
LABEL_ALL_ROUNDS = 12
#: matplotlib's font cache and text layout are not thread-safe; charts are rare, so queue them.
_LOCK = threading.Lock()

PointKind = Literal["year", "report", "round"]


@dataclass(frozen=True)
class TimePoint:
    """One value on the time axis: a year's average (official or reported) or a round's."""

    kind: PointKind
    year: int
    round_no: int | None
    value: float
    #: the value as published, for its label ("76.00")
    shown: str
    #: the series (legend entry) it belongs to
    series: str


@dataclass(frozen=True)
class TimeChart(Chart):
    """A ``Chart`` whose points are placed in time (``series`` still lists them as text)."""

    points: tuple[TimePoint, ...] = ()
    #: series -> x label -> the value as published, for the text beside the picture
    shown: dict[str, dict[str, str]] = field(default_factory=dict)


@cache
def _figure_class() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    with warnings.catch_warnings():
        # koreanize-matplotlib still imports distutils' LooseVersion
        warnings.simplefilter("ignore", DeprecationWarning)
        import koreanize_matplotlib  # noqa: F401  (registers NanumGothic and selects it)
    from matplotlib.figure import Figure

    return Figure


def _natural_key(label: str) -> tuple[tuple[int, ...], str]:
    """Order x labels by the numbers in them: "2015~2022" < "2022" < "2023" < "2023 3차"."""
    return tuple(int(n) for n in re.findall(r"\d+", label)), label


def x_order(chart: Chart) -> list[str]:
    """Every x label of every series, once, in natural order."""
    labels = {x for points in chart.series.values() for x, _ in points}
    return sorted(labels, key=_natural_key)


def shown_series(chart: Chart) -> dict[str, list[tuple[str, str]]]:
    """The chart's values as text, series by series: each at the precision it was published
    with ("76.00") where the chart knows it, for a caption that says what the picture shows."""
    shown = chart.shown if isinstance(chart, TimeChart) else {}
    return {
        name: [(x, shown.get(name, {}).get(x, f"{value:g}")) for x, value in points]
        for name, points in chart.series.items()
    }


def render_png(chart: Chart) -> bytes:
    """The chart as PNG bytes, labelled with the chart's own (already localised) words."""
    with _LOCK:
        if isinstance(chart, TimeChart) and chart.points:
            return _render_time(chart)
        return _render(chart)


# ---- a time axis ----------------------------------------------------------------------------
def slots(points: tuple[TimePoint, ...]) -> dict[int, int]:
    """How many round slots each year has: four, or more when a year held more rounds."""
    out: dict[int, int] = {}
    for p in points:
        if p.round_no is not None:
            out[p.year] = max(out.get(p.year, ROUND_SLOTS), p.round_no)
    return out


def position(point: TimePoint, year_slots: dict[int, int]) -> float:
    """Where a point sits: a year's figure in the middle of its year, a round at its slot."""
    if point.round_no is None:
        return point.year + 0.5
    return point.year + (point.round_no - 0.5) / year_slots.get(point.year, ROUND_SLOTS)


def yearly_runs(points: list[TimePoint]) -> list[list[TimePoint]]:
    """Official yearly points split where a year is missing: a line never bridges a gap."""
    runs: list[list[TimePoint]] = []
    for p in sorted(points, key=lambda p: p.year):
        if runs and runs[-1][-1].year == p.year - 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def labelled_rounds(points: list[TimePoint]) -> set[TimePoint]:
    """The round points that get a label: all of a few; of many, the newest and extremes."""
    if len(points) <= LABEL_ALL_ROUNDS:
        return set(points)
    newest = max(points, key=lambda p: (p.year, p.round_no or 0))
    return {newest, max(points, key=lambda p: p.value), min(points, key=lambda p: p.value)}


def _render_time(chart: TimeChart) -> bytes:
    year_slots = slots(chart.points)
    years = sorted({p.year for p in chart.points})
    wide = len(years) > 6 or sum(p.kind == "round" for p in chart.points) > LABEL_ALL_ROUNDS
    fig = _figure_class()(
        figsize=WIDE_INCHES if wide else SIZE_INCHES, dpi=DPI, layout="constrained"
    )
    ax = fig.add_subplot()
    values = [p.value for p in chart.points] + ([chart.cutoff] if chart.cutoff else [])
    ax.set_ylim(min(values) - 3, max(values) + 3)
    _time_axis(ax, years)
    labels = _Labels(ax, (years[0], years[-1] + 1), ax.get_ylim(), wide)
    if chart.cutoff is not None:
        ax.axhline(
            chart.cutoff,
            color="tab:red",
            linestyle="--",
            linewidth=1.2,
            label=chart.cutoff_label or f"{chart.cutoff:g}",
            zorder=1,
        )
        labels.block(years[0], years[-1] + 1, chart.cutoff)
    by_kind: dict[str, list[TimePoint]] = {"year": [], "report": [], "round": []}
    for p in chart.points:
        by_kind[p.kind].append(p)
    _draw_years(ax, by_kind["year"], year_slots, labels)
    _draw_reports(ax, by_kind["report"], year_slots, labels)
    _draw_rounds(ax, by_kind["round"], year_slots, labels)
    ax.set_title(chart.title)
    ax.set_xlabel(chart.x_label)
    ax.set_ylabel(chart.y_label)
    ax.legend(loc="best", fontsize=9)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


class _Labels:
    """Point labels that do not cover each other: each goes above its point, else below,
    else (a round's, when the chart is crowded) is left out — the text has every value."""

    def __init__(
        self, ax: Any, xs: tuple[float, float], ys: tuple[float, float], wide: bool
    ) -> None:
        self.ax = ax
        inches = WIDE_INCHES if wide else SIZE_INCHES
        # a label of five characters at 8 pt, in data units
        self.width = (xs[1] - xs[0]) * 0.42 / inches[0]
        self.height = (ys[1] - ys[0]) * 0.16 / inches[1]
        self.step = (ys[1] - ys[0]) * 0.11 / inches[1]  # from the point to the label
        self.boxes: list[tuple[float, float, float, float]] = []

    def block(self, x0: float, x1: float, y: float) -> None:
        """Keep labels off a horizontal line (the cutoff)."""
        self.boxes.append((x0, x1, y - self.height * 0.15, y + self.height * 0.15))

    def _box(self, x: float, y: float, above: bool) -> tuple[float, float, float, float]:
        y0 = y + self.step if above else y - self.step - self.height
        return x - self.width / 2, x + self.width / 2, y0, y0 + self.height

    def _free(self, box: tuple[float, float, float, float]) -> bool:
        return all(
            box[1] <= b[0] or b[1] <= box[0] or box[3] <= b[2] or b[3] <= box[2] for b in self.boxes
        )

    def place(self, x: float, y: float, text: str, color: str, *, must: bool, below: bool) -> None:
        """Label a point at (x, y); ``must`` labels it even where it would overlap."""
        for above in (not below, below):
            box = self._box(x, y, above)
            if self._free(box):
                break
        else:
            if not must:
                return
            box = self._box(x, y, not below)
        self.boxes.append(box)
        self.ax.annotate(
            text,
            (x, y),
            textcoords="offset points",
            xytext=(0, 7 if box[2] > y else -13),
            ha="center",
            fontsize=8,
            color=color,
            zorder=6,
            bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.75},
        )


def _draw_years(
    ax: Any, points: list[TimePoint], year_slots: dict[int, int], labels: _Labels
) -> None:
    """Official yearly averages: a filled marker per year, joined across consecutive years."""
    color = "tab:blue"
    for i, run in enumerate(yearly_runs(points)):
        xs = [position(p, year_slots) for p in run]
        ys = [p.value for p in run]
        label = run[0].series if i == 0 else None
        ax.plot(xs, ys, marker="o", color=color, linewidth=1.8, label=label, zorder=3)
        for x, p in zip(xs, run, strict=True):
            labels.place(x, p.value, p.shown, color, must=True, below=False)


def _draw_reports(
    ax: Any, points: list[TimePoint], year_slots: dict[int, int], labels: _Labels
) -> None:
    """Reported yearly figures: hollow markers and a dotted bar over their year, unjoined."""
    color = "tab:orange"
    for i, p in enumerate(sorted(points, key=lambda p: p.year)):
        x = position(p, year_slots)
        ax.hlines(p.value, p.year + 0.1, p.year + 0.9, colors=color, linestyles=":", zorder=2)
        ax.plot(
            [x],
            [p.value],
            linestyle="none",
            marker="o",
            markerfacecolor="white",
            markeredgecolor=color,
            markeredgewidth=1.6,
            markersize=8,
            label=p.series if i == 0 else None,
            zorder=4,
        )
        labels.place(x, p.value, p.shown, color, must=True, below=False)


def _draw_rounds(
    ax: Any, points: list[TimePoint], year_slots: dict[int, int], labels: _Labels
) -> None:
    """Round averages: small dots at their place in the year, not joined to anything."""
    if not points:
        return
    color = "tab:green"
    xs = [position(p, year_slots) for p in points]
    ax.plot(
        xs,
        [p.value for p in points],
        linestyle="none",
        marker="D",
        markersize=5,
        color=color,
        label=points[0].series,
        zorder=3,
    )
    chosen = labelled_rounds(points)
    for x, p in zip(xs, points, strict=True):
        if p in chosen:
            labels.place(x, p.value, p.shown, color, must=False, below=True)


def _time_axis(ax: Any, years: list[int]) -> None:
    """Years as spans: every other one shaded, a tick label in the middle of each."""
    first, last = years[0], years[-1]
    step = 1 if last - first < 14 else 2
    ticks = list(range(first, last + 1, step))
    ax.set_xticks([y + 0.5 for y in ticks], [str(y) for y in ticks])
    for year in range(first, last + 1, 2):
        ax.axvspan(year, year + 1, color="0.5", alpha=0.07, linewidth=0, zorder=0)
    ax.grid(axis="y", alpha=0.3)
    ax.set_xlim(first - 0.05, last + 1.05)


# ---- categorical charts ---------------------------------------------------------------------
def _render(chart: Chart) -> bytes:
    figure_class = _figure_class()
    order = x_order(chart)
    where = {label: i for i, label in enumerate(order)}
    fig = figure_class(figsize=SIZE_INCHES, dpi=DPI, layout="constrained")
    ax = fig.add_subplot()
    for name, points in chart.series.items():
        ordered = sorted((where[x], value) for x, value in points)
        xs = [x for x, _ in ordered]
        ys = [value for _, value in ordered]
        ax.plot(xs, ys, marker="o", label=name)
        for x, y in zip(xs, ys, strict=True):
            ax.annotate(
                f"{y:g}", (x, y), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=9
            )
    if chart.cutoff is not None:
        ax.axhline(
            chart.cutoff,
            color="tab:red",
            linestyle="--",
            linewidth=1.2,
            label=chart.cutoff_label or f"{chart.cutoff:g}",
        )
    ax.set_xticks(range(len(order)), order)
    ax.set_title(chart.title)
    ax.set_xlabel(chart.x_label)
    ax.set_ylabel(chart.y_label)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="best", fontsize=9)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
