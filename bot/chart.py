"""Draw an answer's ``Chart`` as a PNG: a line per series, the cutoff as a dashed line.

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
from functools import cache
from typing import Any

from bot.answer import Chart

SIZE_INCHES = (8.0, 4.5)
DPI = 110
#: matplotlib's font cache and text layout are not thread-safe; charts are rare, so queue them.
_LOCK = threading.Lock()


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


def render_png(chart: Chart) -> bytes:
    """The chart as PNG bytes, labelled with the chart's own (already localised) words."""
    with _LOCK:
        return _render(chart)


def _render(chart: Chart) -> bytes:
    figure_class = _figure_class()
    order = x_order(chart)
    position = {label: i for i, label in enumerate(order)}
    fig = figure_class(figsize=SIZE_INCHES, dpi=DPI, layout="constrained")
    ax = fig.add_subplot()
    for name, points in chart.series.items():
        ordered = sorted((position[x], value) for x, value in points)
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
