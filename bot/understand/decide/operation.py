"""*How* a question asks, over the *what* decision: the three ordered tables of steps.

A gap, "which is higher", a complement, a yes/no check, a direction — answered by the
operation's handler over the *what* intent.  The form of asking is read first
(op_forms.py), then gaps and comparisons (op_gaps.py), then counts and trends
(op_trends.py); the first step that returns a decision wins, and a decision no step
changes is answered as it is.
"""

from __future__ import annotations

from bot.understand import Understander, Understanding
from bot.understand.decide.decision import Decision
from bot.understand.decide.op_forms import FORM_STEPS
from bot.understand.decide.op_gaps import GAP_STEPS
from bot.understand.decide.op_trends import TREND_STEPS
from bot.understand.decide.shaped import OperationStep, Shaped
from bot.understand.entities import Entities

#: Every operation step, in the order they are tried.
STEPS: tuple[OperationStep, ...] = (*FORM_STEPS, *GAP_STEPS, *TREND_STEPS)


def decide_operation(
    ur: Understander, u: Understanding, d: Decision, previous: Entities | None, figures: int
) -> Decision:
    """The operation ``u`` asks of decision ``d`` (``figures``: how many figures the previous
    answer left to compare); ``d`` itself when it asks none."""
    s = Shaped.of(ur, u, d, previous, figures)
    for step in STEPS:
        found = step(s)
        if found is not None:
            return found
    return s.d
