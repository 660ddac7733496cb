"""The invented-number check accepts a figure computed in the open only when its operands
are stored figures and its arithmetic is right (bot/evaluate.py)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from bot.evaluate import invented_numbers

ALLOWED = frozenset({"74.02", "79.05", "78.52"})


def test_a_weighted_mean_backed_out_of_a_year_mean_is_derived() -> None:
    text = "(74.02 × 47 − 79.05 × 6) / 41 = 73.28"
    assert invented_numbers(text, ALLOWED) == []
    assert invented_numbers(text.replace("73.28", "73.29"), ALLOWED) == ["73.29"]


def test_a_difference_and_a_share_are_checked_as_written() -> None:
    assert invented_numbers("78.52 − 74.02 = 4.50", ALLOWED) == []
    assert invented_numbers("78.52 − 74.02 = 4.60", ALLOWED) == ["4.60"]
    assert invented_numbers("2023: 6 / 47 = 12.8%", ALLOWED) == []
    assert invented_numbers("2023: 6 / 47 = 13.8%", ALLOWED) == ["13.8"]


def test_arithmetic_in_brackets_after_the_words_is_read() -> None:
    assert (
        invented_numbers("3.56점 낮습니다 (78.58 − 75.02 = 3.56)", ALLOWED | {"78.58", "75.02"})
        == []
    )


def test_an_operand_that_is_no_stored_figure_is_invented() -> None:
    assert invented_numbers("(74.02 × 47 − 80.00 × 6) / 41 = 73.13", ALLOWED) == ["80.00", "73.13"]


def test_arithmetic_on_another_line_does_not_vouch_for_a_number() -> None:
    assert invented_numbers("74.02 + 79.05\n= 153.07", ALLOWED) == ["153.07"]


@given(
    st.sampled_from(sorted(ALLOWED)),
    st.sampled_from(sorted(ALLOWED)),
    st.integers(1, 99),
    st.integers(1, 99),
)
def test_any_right_weighted_mean_passes_and_a_wrong_one_fails(
    a: str, b: str, m: int, n: int
) -> None:
    value = (Decimal(a) * m + Decimal(b) * n) / (m + n)
    shown = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    line = f"({a} × {m} + {b} × {n}) / {m + n} = {shown}"
    assert invented_numbers(line, ALLOWED) == []
    wrong = shown + Decimal("0.01")
    assume(str(wrong) not in ALLOWED)  # a stored figure may always be shown
    assert invented_numbers(line.replace(f"= {shown}", f"= {wrong}"), ALLOWED) == [str(wrong)]
