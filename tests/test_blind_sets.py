"""Held-out question sets, kept as regression tests after their first run.

Each set in tests/questions/blind/ was written by someone who had seen neither the code nor
any other question set, from the seed disclosure and the reported figures only (many.yaml
also from three synthetic disclosures the same writer made, in tests/fixtures/blind/).
The first-run figures are the honest measure of generalisation and are recorded in the
README; this test is a ratchet: a set may only get better.  Raise a floor when a fix
raises the pass count; never edit a question to make it pass (an expectation that
contradicts the documents may be corrected, with a comment saying why).
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.evaluate import load_cases, run_cases
from knowledge.disclosure import ParseError
from knowledge.queries import Queries
from knowledge.store import ingest_path, open_db

BLIND = Path(__file__).resolve().parent / "questions" / "blind"
DISCLOSURES = Path(__file__).resolve().parent / "fixtures" / "blind"

#: Answers judged right at least this many times (turns count one each).
#: First runs: fresh1 91/154 (59.1 %, engine before issue 12), fresh2 118/152 (77.6 %),
#: many 27/79 before issue 8 and 45/79 (57.0 %) after its first pass.
#: Round 2 of issue 12 (E1b): fresh1 120 -> 127, fresh2 118 -> 125.
#: Final blind pass (written after round 2): fresh4 112/148 (75.7 %), many4 39/59 (66.1 %).
#: Round 3 of issue 12 (E1c): fresh1 127 -> 134, fresh2 125 -> 137, fresh4 112 -> 126.
#: Round 3 (E2c + E1c): many4 39 -> 43 (services listed with scores, a year's counts
#: beside its list, years ranked by share below the cutoff).
#: Last blind pass (written during round 3, first run after it): fresh5 112/136 (82.4 %),
#: many5 39/62 (62.9 %); the engine before this work: 81/136 and 23/62.
#: Round 4 of issue 12 (E1d, with E2's handlers and K's parser): fresh1 134 -> 144,
#: fresh2 137 -> 139, fresh4 126 -> 138, fresh5 112 -> 133, many 59 -> 72, many4 43 -> 55,
#: many5 39 -> 51; then fresh1 -> 146, fresh2 -> 141, fresh4 -> 141, many -> 75, many4 -> 56,
#: many5 -> 55.
#: Diagnosis sets added during round 4 (first runs by the coordinator): fresh6 126/169
#: (74.6 %) -> 151, many6 42/74 (56.8 %) -> 66.
#: Issue 12 round 5 (E1, with E2's handlers and K's parser): fresh7 first run 148/183
#: (80.9 %) -> 154, many7 first run 36/75 -> 65 (K's score layouts 36 -> 60, routing -> 65);
#: fresh6 151 -> 152 (with python-mecab-ko stems in the content lookup), back to 151 when
#: the analyser was dropped by measurement: +1 turn here, 0 on fresh7/fresh8, +53 MB peak.
#: Final blind pass (written during round 5, first run after it): fresh8 142/178 (79.8 %),
#: many8 38/75 (50.7 %; its 2023 round 2 page, 29 services listed and 6 with findings, was
#: refused by the parser) -> 46 once the parser read a list of every evaluated service beside
#: findings for some of them.
#: After the review (final engine): fresh9 first run 95/116 (81.9 %); the engine at b2140b0
#: 86/116 (74.1 %).
#: Session of 20:56 (issue 12 round 6): fresh10, written before any change of this session,
#: first run 137/167 (82.0 %) on 2b6a7dd.
#: Round 6 (E1 routing, with E2's handlers, E3's content lookup, K's parser): fresh10
#: 137 -> 167, fresh6 151 -> 165, fresh7 154 -> 180, fresh8 142 -> 178, fresh9 95 -> 114,
#: fresh1 146 -> 154, fresh2 141 -> 149, fresh4 141 -> 146, fresh5 133 -> 135,
#: many6 66 -> 67, many7 65 -> 66, many8 46 -> 54.
#: Session of 01:48: fresh11 (written blind at 21:05, before round 6 changed the engine)
#: first run 153/168 (91.1 %) after round 6 (145/168, 86.3 %, on the engine of 2b6a7dd);
#: many10 (same writer) 36/103 (35.0 %; two of its three pages refused by the parser),
#: 34/103 on 2b6a7dd; many9 (its pages K's diagnosis copies in round 6) 34/97 -> 83/97.
#: Round 2 (E5, engine: score bands, follow-ups over the listed services, relative years):
#: many10 85 -> 102, many9 83 -> 87, many4 56 -> 57, many7 66 -> 68, many8 54 -> 56;
#: round 1 (E4 engine, K3 parser): fresh11 153 -> 168, many10 36 -> 85; many10 -> 103 once
#: a decimal quoted from a finding ("가동률 94.2%") was no longer taken for an invented one.
#: Last blind pass (written at 01:52 by a writer who saw only the seed and the facts, held
#: out until the engine of 03:20 was committed): fresh12 first run 134/152 (88.2 %; 127 on
#: 2b6a7dd, 134 on 48bb10a), many11 73/115 (63.5 %; 70 on 48bb10a).
#: After the review: fresh13 (written blind at 04:00, run once on fb79262 and once on the
#: final engine): 92/109 (84.4 %) before the change, 97/109 (89.0 %) first run after it.
#: Session of 04:16 (Dec 1): fresh14 and many12, written blind before any change of the
#: session, first run on 875ac81: fresh14 101/115 (87.8 %; 102 once one expectation too
#: narrow for a right answer was widened), many12 46/115 (40.0 %; two of its three pages
#: refused by the parser).  Two more written during the session by writers who saw the
#: same two files only, first run on 875ac81: fresh16 (citizens' wordy questions) 76/115
#: (66.1 %), fresh17 (English-speaking residents) 101/115 (87.8 %); many14 (three more
#: page layouts) 33/110 (30.0 %; two of its pages refused).
#: This session's round (E7a routing, E7b calculations, E7c wordy questions, K5/K6 parser):
#: many14 33 -> 103, fresh17 101 -> 114, fresh16 76 -> 104, fresh14 102 -> 114, many12 46 -> 110,
#: fresh13 97 -> 109, fresh12 141 -> 152, many11 101 -> 113, many9 87 -> 95, fresh6 166 -> 167,
#: fresh7 180 -> 181, many7 68 -> 69, many8 56 -> 68, many6 67 -> 69, many5 55 -> 56, fresh4 146 ->
#: 147.
#: Written blind at 05:40 (after the round above), first run on 1d7691d: fresh18 (a mix of
#: everyone, conversation-heavy) 88/104 (84.6 %; 82 on 875ac81), fresh19 (phone fragments and
#: slang) 89/106 (84.0 %; 87 on 875ac81).
#: Round 2 (F1 routing, F2 answers): fresh18 88 -> 104, fresh19 89 -> 106, many14 103 -> 104,
#: fresh16 104 -> 105, many9 95 -> 96, many 75 -> 76.
#: Held out from every helper until the engine of f3a4588 (written at 04:20 with fresh14, never
#: shown to anyone working on the engine), first run on f3a4588: fresh15 (citizens first)
#: 90/115 (78.3 %; 85 on 875ac81), many13 (PDF text, sub-score table, a prose notice)
#: 39/111 (35.1 %; 38 on 875ac81; two of its pages refused, one read without services).
#: Round 3 (G1 cue words and synonyms kept as data, G2 parser: a second header row of
#: sub-scores, a heading naming the cutoff): fresh15 90 -> 96, many13 39 -> 47.
#: Session of 10:21 (Dec 1), written blind before any change of the session, first run on
#: 2e35b5f: fresh21 (calculations, yes/no, conversations) 108/124 (87.1 %; 109 once one
#: expectation too narrow for a right "not published" answer was widened).
#: Round 4 (H1 content ranking by the whole description, yes/no over findings, service kinds;
#: H2 gaps, long-run and same-year comparisons, shares and per-item divisions, claims of a
#: continued trend; H3 follow-ups keeping their metric, ordinals into any list, about-answers,
#: premises of "…라던데 사실이에요?"):
#: fresh15 96 -> 112, fresh16 105 -> 115, fresh17 114 -> 115, fresh2 149 -> 152, fresh21 109 ->
#: 118, fresh4 147 -> 148, fresh5 135 -> 136, fresh6 167 -> 169, fresh7 181 -> 183, fresh9 114 ->
#: 116.
#: Round 5 (H4/H7 parser: PDF text, prose notices, area scores and points; H5 routing: two-round
#: questions, follow-ups over rankings and earlier evaluations, typos of key terms, English
#: descriptions of Korean findings; H6 answers: a service followed across rounds, fail-claims,
#: counts as shares of their year, counts per year): fresh15 112 -> 115, fresh21 118 -> 124, many
#: 76 -> 78, many11 113 -> 115, many12 110 -> 114, many13 47 -> 106, many14 104 -> 109, many4 57
#: -> 58, many5 56 -> 59, many6 69 -> 74, many7 69 -> 75, many8 68 -> 74, many9 96 -> 97.
#: Written blind at 11:20 (staff and journalists: comparisons, two asks in one, long
#: conversations changing scope), first run on 9926738 (after round 5): fresh23 102/120 (85.0 %;
#: 100 on 2e35b5f; 103 once one expectation too narrow for a right "has no" answer was widened).
#: Round 6 (H8: scores by area and area points answered where published, a yes/no never answered
#: from another round, gaps between ranked services, two-part answers kept through follow-ups,
#: 'the last one' and other ordinals, 'is that above X?' on the figure just stated): fresh23 103
#: -> 120, many 78 -> 79, many12 114 -> 115, many13 106 -> 110, many14 109 -> 110, many8 74 -> 75.
#: Written blind at 11:40 (conversations like chats with a colleague: dropped subjects,
#: corrections, "why?", "source?", repeats and shorter answers), first run on 12f6a09 (after
#: round 6): fresh25 88/123 (71.5 %; 85 on 2e35b5f; 90 once two expectations too narrow for a
#: right "is not in the published results" answer were widened).
#: Round 7 (previous answers repeated shorter or in the other language, facts of the service
#: being discussed, everyday descriptions of a service's kind, passed is not renewed, a figure's
#: scope, series of reported counts and shares): fresh25 90 -> 122.
#: Held out from every helper until the engine of be86fe0 (round 7), first run there:
#: fresh22 (written at 10:25, citizens who do not know the official terms) 100/118 (84.7 %;
#: 88 on 2e35b5f), fresh24 (written at 11:25, a day of use by everyone) 106/121 (87.6 %; 96 on
#: 2e35b5f), many15 (three new page layouts) 25/117 (21.4 %; 24 on 2e35b5f; two of its three
#: pages refused).
#: Round 8 (everyday words for official terms as a data layer before matching; complements asked
#: as 'how many passed'; wrong premises corrected with the right scope; counts over several eras;
#: the parser: header cells with <br>, summary rows, English pages, space-aligned overview tables,
#: score-band headers): fresh22 100 -> 118, fresh24 106 -> 120, many15 25 -> 80.
#: The last blind pass: fresh26 (written at 12:00 after round 7 was committed, a week of use by
#: everyone, held out from every helper), first run on be86fe0 114/121 (94.2 %) and on the
#: engine after round 8 (1343632) 114/121 (94.2 %); 104 (86.0 %) on 2e35b5f.
#: Round 9 (who is evaluated vs who evaluates in any verb, 'did the city score them itself?', an
#: unknown name asked about results, score bands and round comparisons as follow-ups, every form
#: of 'was it renewed?'; a task followed up across rounds and languages, totals over the loaded
#: rounds, withheld names, a service's record): fresh26 114 -> 121, many15 80 -> 96.
#: The review's blind pass: fresh27 (written at 12:40 by a helper who saw no code and no set),
#: first run on 86f6489 (before the work of Dec 1) 101/115 (87.8 %) and on 27b6f60 (after it)
#: 105/115 (91.3 %); 107 once two expectations too narrow for a right "is not in the
#: published results" answer were widened.  Not fixed against until the next session.
#: Session of Dec 1, 13:02 (round 11): fresh28 (written at 13:05, before any change) first run
#: on a7b814f 108/117 (92.3 %); fresh30 (written at 13:20) 106/120 (88.3 %) on a7b814f and on
#: the branch then; fresh31 (written at 13:32) 110/117 (94.0 %) on a7b814f, 112/117 on the
#: branch then.  Round 11 (comparison yardsticks, programme and ordinal words out of intent
#: matching, two scopes weighed as averages, the evaluator over time, how a round came out,
#: conversation memory of the service and the figures stated, backed-out averages of rounds,
#: names of those that passed, eras in by-year counts, counted lookups, glued typos, two-part
#: unpublished questions): fresh27 107 -> 115, fresh28 108 -> 117, fresh30 106 -> 120,
#: fresh31 110 -> 117, many15 96 -> 114, fresh24 120 -> 121, fresh25 122 -> 123.
#: Then fresh32 (written at 13:45) 107/119 (89.9 %) on a7b814f and 108/119 (90.8 %) on 1b6a312,
#: and many16 (written at 13:45, three new layouts: Markdown with area points, PDF text with
#: spaced-out words, a board post in prose) 40/114 (35.1 %) on a7b814f, 42/114 (36.8 %) on
#: 1b6a312 (one page refused, one read without its services).  Round 11b (claims in words,
#: stated cutoffs, one-line summaries, the parser's three layouts, a service's whole record,
#: weighted means of rounds, distinct services held, the conversation's figure kept, terms the
#: results do not use): fresh32 108 -> 119, many16 42 -> 112.
#: The blind passes of this session, sealed when written and never opened until their first
#: run on the engine of 3f7af0e: fresh29 (written at 13:05) 111/118 (94.1 %; 108 = 91.5 % on
#: a7b814f) and fresh33 (written at 14:02) 103/116 (88.8 %; 100 = 86.2 % on a7b814f).  Then fixed
#: against (routing of the scale, the bot's own data, the results' use, names below a line, the
#: evaluator of every year, what a quoted change compares, a year held at all): fresh29 111 ->
#: 114, fresh33 103 -> 113.
#: The last blind pass: fresh34 (written at 14:33, sealed, run once at the end and never fixed
#: against), first run 114/119 (95.8 %) on 0bbf499 and on 7e922d2; 113 (95.0 %) on a7b814f.
#: After the review and the fast paths: fresh35 (written at 15:20, sealed, run once, never
#: fixed against) 102/116 (87.9 %) on e75cc98, 104 (89.7 %) on a7b814f, 108 (93.1 %) on 763c9d6.
FLOORS = {
    "fresh35.yaml": 108,
    "fresh34.yaml": 114,
    "fresh29.yaml": 114,
    "fresh33.yaml": 113,
    "fresh32.yaml": 119,
    "many16.yaml": 112,
    "fresh31.yaml": 117,
    "fresh30.yaml": 120,
    "fresh28.yaml": 117,
    "fresh27.yaml": 115,
    "fresh26.yaml": 121,
    "fresh22.yaml": 118,
    "fresh24.yaml": 121,
    "many15.yaml": 114,
    "fresh25.yaml": 123,
    "fresh23.yaml": 120,
    "fresh21.yaml": 124,
    "fresh15.yaml": 115,
    "many13.yaml": 110,
    "fresh18.yaml": 104,
    "fresh19.yaml": 106,
    "many14.yaml": 110,
    "fresh17.yaml": 115,
    "fresh16.yaml": 115,
    "fresh14.yaml": 114,
    "many12.yaml": 115,
    "fresh13.yaml": 109,
    "fresh12.yaml": 152,
    "many11.yaml": 115,
    "fresh11.yaml": 168,
    "many10.yaml": 103,
    "many9.yaml": 97,
    "fresh10.yaml": 167,
    "fresh6.yaml": 169,
    "fresh7.yaml": 183,
    "fresh8.yaml": 178,
    "fresh9.yaml": 116,
    "many7.yaml": 75,
    "many8.yaml": 75,
    "many6.yaml": 74,
    "fresh5.yaml": 136,
    "many5.yaml": 59,
    "fresh1.yaml": 154,
    "fresh2.yaml": 152,
    "many.yaml": 79,
    "fresh4.yaml": 148,
    "many4.yaml": 58,
}


def _passed(engine: Engine, path: Path) -> tuple[int, list[str]]:
    outcomes = list(run_cases(load_cases(path), engine))
    failed = [f"{o.label}: {'; '.join(o.problems)}" for o in outcomes if o.problems]
    return len(outcomes) - len(failed), failed


def _engine_with(kb_path: Path, folder: Path, tmp: Path) -> Engine:
    """The seed's knowledge base plus the set's own synthetic disclosures."""
    path = tmp / "knowledge.db"
    shutil.copy(kb_path, path)
    db = open_db(path)
    for document in sorted(folder.iterdir()):
        # a page refused as the bot refuses it: the questions about it count as failed
        with contextlib.suppress(ParseError):
            ingest_path(db, document)
    db.close()
    return Engine(Queries(path))


@pytest.mark.parametrize(
    "name",
    [
        "fresh1.yaml",
        "fresh2.yaml",
        "fresh4.yaml",
        "fresh5.yaml",
        "fresh6.yaml",
        "fresh7.yaml",
        "fresh8.yaml",
        "fresh9.yaml",
        "fresh10.yaml",
        "fresh11.yaml",
        "fresh12.yaml",
        "fresh13.yaml",
        "fresh14.yaml",
        "fresh15.yaml",
        "fresh16.yaml",
        "fresh17.yaml",
        "fresh18.yaml",
        "fresh19.yaml",
        "fresh21.yaml",
        "fresh23.yaml",
        "fresh25.yaml",
        "fresh22.yaml",
        "fresh24.yaml",
        "fresh26.yaml",
        "fresh27.yaml",
        "fresh28.yaml",
        "fresh30.yaml",
        "fresh31.yaml",
        "fresh32.yaml",
        "fresh29.yaml",
        "fresh33.yaml",
        "fresh34.yaml",
        "fresh35.yaml",
    ],
)
def test_single_round_blind_sets_do_not_regress(queries: Queries, name: str) -> None:
    passed, failed = _passed(Engine(queries), BLIND / name)
    assert passed >= FLOORS[name], "\n".join(failed)


@pytest.mark.parametrize(
    "name",
    [
        "many.yaml",
        "many4.yaml",
        "many5.yaml",
        "many6.yaml",
        "many7.yaml",
        "many8.yaml",
        "many9.yaml",
        "many10.yaml",
        "many11.yaml",
        "many12.yaml",
        "many13.yaml",
        "many14.yaml",
        "many15.yaml",
        "many16.yaml",
    ],
)
def test_many_rounds_blind_sets_do_not_regress(kb_path: Path, tmp_path: Path, name: str) -> None:
    engine = _engine_with(kb_path, DISCLOSURES / name.removesuffix(".yaml"), tmp_path)
    passed, failed = _passed(engine, BLIND / name)
    assert passed >= FLOORS[name], "\n".join(failed)


def test_blind_disclosures_say_they_are_synthetic() -> None:
    for document in DISCLOSURES.glob("*/*"):
        first = document.read_text(encoding="utf-8").splitlines()[0]
        assert "synthetic" in first.lower(), document.name
