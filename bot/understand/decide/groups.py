"""The groups of intents (and the few thresholds) the decision steps test against.

Data, not logic: which intents deal in an average, a count, a rule or a ranking.  One
place, so a step in ``what`` and a step in ``operation`` that ask "is this a count?" ask it
of the same set; the two lists that intents.yaml declares are read from it here.
"""

from __future__ import annotations

from bot.understand.intents import SLOTS, load_intents

#: Handled intents that no example selects (intents.yaml ``internal_intents``).
INTERNAL_INTENTS = tuple(load_intents()["internal_intents"])
#: Intents answered "not in the knowledge base" for an unknown place (``place_intents``).
PLACE_INTENTS = frozenset(load_intents()["place_intents"])
ALL_SLOTS = SLOTS
#: Intents whose figure is an average: a gap or "which is higher" works on it.
AVERAGE_WHATS = frozenset({"average", "round_summary", "cutoff_rule", "trend", "fallback"})
#: Intents a question about one service may land on when it asks what its findings say.
FOCUSABLE = frozenset({"findings", "fallback", "topic_search", "purpose", "service_score"})
#: Intents a question about which services are evaluated as a rule may resemble.
CRITERION_READS = frozenset({"services_list", "purpose", "trend"})
#: Intents whose count a complement ("how many passed") turns around.
COUNT_WHATS = frozenset(
    {"below_cutoff", "count_evaluated", "cutoff_rule", "round_summary", "fallback", "services_list"}
)
#: Intents a yes/no form never changes (they answer no question of fact).
NO_VERDICT = frozenset(
    {
        "greeting",
        "thanks",
        "help",
        "not_published",
        "unknown_service",
        "other_place",
        "out_of_range",
    }
)
#: Cue words that only shape a "which service / who" question ("who cleared out fly ash?").
SHAPE_CUES = frozenset({"who", "who did", "누가", "어디", "which", "어느"})
#: How much of a description one finding must cover when a finding kind ("was told",
#: "칭찬받은") already says the question describes a finding.
KIND_COVERAGE = 0.5
#: Content words of a description long enough to outweigh one cue word of an intent.
LONG_DESCRIPTION = 5
#: General intents a "which service …" question described by its findings may resemble.
DESCRIBABLE = frozenset(
    {
        "period",
        "purpose",
        "evaluator",
        "legal_basis",
        "scoring_scheme",
        "round_summary",
        "reported_figures",
        "consignment",
        "trend",
        "fallback",
    }
)
#: Intents a named service's "how far from the cutoff / from Y" question may land on.
SERVICE_GAP_WHATS = frozenset(
    {
        "fallback",
        "yes_no",
        "service_score",
        "average",
        "below_cutoff",
        "cutoff_rule",
        "highest",
        "lowest",
        "rank",
        "findings",
        "topic_search",
        "services_list",
    }
)
#: Intents whose answer sets a condition on services ("75점 미만이면 …"): "몇 개가 그랬어?"
CONDITIONED = frozenset({"cutoff_rule", "below_cutoff", "complement"})
#: Intents whose answer counts services (or reports a year's counts): a follow-up with a
#: new threshold or a share is asked of the same scope.
COUNTED_BEFORE = frozenset(
    {
        "below_cutoff",
        "complement",
        "count_evaluated",
        "deduced",
        "round_summary",
        "reported_figures",
    }
)
#: Intents of figures: a cue word of theirs keeps a question with them, whatever finding
#: happens to share its words ("재계약 배제" is in a finding too).
FIGURE_INTENTS = frozenset(
    {"below_cutoff", "average", "count_evaluated", "highest", "lowest", "rank", "distribution"}
)
#: Intents of the evaluation's rules (the same for every round unless a round is named):
#: a follow-up asking one does not take the conversation's year or round.
RULES = frozenset({"legal_basis", "purpose", "cutoff_rule"})
#: Intents a count (or list) of services that "fell" may resemble ("몇 개 떨어졌어?": an
#: average that fell, a trend): it is the services below the cutoff.
FELL_READS = frozenset({"average", "trend", "fallback", "round_summary", "count_evaluated"})
#: A word used by this many intents' examples says nothing about which one is meant.
VAGUE_SPREAD = 3
#: readings of a question about one service's two evaluations that ask how it scored
TWO_EVALUATIONS_READS = frozenset({"findings", "service_score", "average", "round_summary"})
#: The metrics of a place in the ranking.
RANKING = frozenset({"highest", "lowest", "rank"})
