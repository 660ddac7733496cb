"""Yes/no questions: 네/아니요 (Yes/No) first — or plainly "cannot be known" — then the
evidence, deductions included ("none of the six scored under 75, so yes").

A yes/no question is an ordinary question (its *what* intent) asked as a check.  Each check
below decides it from the knowledge base; the words that say which check applies are data
(parts.yaml ``checks``, and this package's cues.yaml).  When no check applies, the *what*
intent's answer is given as it is: evidence without a verdict is better than a guessed one.

One concern a module: ``dispatch`` (the handler, and which check decides), ``redirects``
(checks another handler answers), ``common`` (the verdict, its reply, the readings every
check shares), ``cues`` (cue words); the checks about a service (``membership``, ``score``,
``published``), about its findings (``claimed``, ``finding``), on stated figures (``scope``,
``averages``, ``below_cutoff``, ``counts``) and about the rules (``evaluators``, ``rules``).
"""

from __future__ import annotations

from bot.answers.yesno.dispatch import yes_no  # registers the handler
from bot.answers.yesno.score import standing

__all__ = ["standing", "yes_no"]
