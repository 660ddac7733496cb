"""What the knowledge base holds as a whole: how many distinct services its loaded rounds
evaluated, and which were evaluated more than once — a count no page prints (each page
counts only its own round), computed over the rounds the bot holds."""

from __future__ import annotations

from collections import defaultdict

from bot.answers import handles
from bot.answers.base import Draft, Reply, Request, round_name, service_name, suggestions


@handles("services_held")
def services_held(req: Request) -> Reply:
    """ "How many different services appear across the loaded rounds?", "중복 없이 세면 몇
    개?": the evaluations of every loaded round, the distinct services among them, and the
    services evaluated in more than one round (with the rounds)."""
    t = req.t
    rounds = sorted(req.q.rounds(), key=lambda r: (r.year, r.round_no))
    seen: dict[int, list[str]] = defaultdict(list)
    names: dict[int, str] = {}
    per_round: list[int] = []
    for rnd in rounds:
        evaluated = req.q.evaluations(rnd.year, rnd.round_no)
        per_round.append(len(evaluated))
        for ev in evaluated:
            seen[ev.service.id].append(round_name(t, rnd.year, rnd.round_no))
            names[ev.service.id] = service_name(t, ev.service)
    draft = Draft(req)
    total = sum(per_round)
    draft.add(
        t._(
            "The {k} loaded rounds evaluated {total} services in all ({sum}): {n} distinct "
            "services.",
            k=len(rounds),
            total=total,
            sum=" + ".join(str(n) for n in per_round),
            n=len(seen),
        ),
        *(r.document_id for r in rounds),
    )
    again = [(names[i], where) for i, where in seen.items() if len(where) > 1]
    if again:
        draft.add(t._("Evaluated in more than one round:"))
    for name, where in sorted(again):
        draft.add(t._("- {service}: {rounds}", service=name, rounds=t.join(where)))
    return draft.reply(suggestions=suggestions(req, "services_list", "count_evaluated"))
