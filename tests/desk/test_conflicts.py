"""Conflicting claims on small hand-made rows: opposing pairs found, agreeing and unrelated ones not."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from attribution.conflicts import CONFLICT_COLUMNS, find_conflicts, group_claims
from attribution.types import Document

STORY = Document(
    "drone",
    "The army said a Valdorian drone entered Kestovian airspace on Saturday. "
    "Valdoria's defence ministry denied that any Valdorian drone had entered Kestovian airspace. "
    "Border monitors said a Valdorian drone flew into Kestovian airspace. "
    "The ministry also said grain exports to Kestovia rose ten percent in March.",
)
OTHER_STORY = Document(
    "budget",
    "Finance minister Ola Berg said the Norwegian budget deficit narrowed last year. "
    "The opposition leader Kari Dahl said the Norwegian budget deficit did not narrow.",
)


def _rows(make_row):
    return [
        make_row(STORY, "q001", "a Valdorian drone entered Kestovian airspace on Saturday", "Kestovian army", "assertion"),
        make_row(STORY, "q002", "any Valdorian drone had entered Kestovian airspace", "Valdorian Defence Ministry", "denial"),
        make_row(STORY, "q003", "a Valdorian drone flew into Kestovian airspace", "Border Observation Mission", "assertion"),
        make_row(STORY, "q004", "grain exports to Kestovia rose ten percent in March", "Valdorian Defence Ministry", "assertion"),
    ]


@pytest.mark.slow
def test_conflicts_opposing_pairs_are_found_and_agreeing_ones_are_not(make_row):
    conflicts = find_conflicts(_rows(make_row), [STORY])
    pairs = {(c.a.quote_id, c.b.quote_id) for c in conflicts}
    assert pairs == {("q001", "q002"), ("q003", "q002")}  # q001 and q003 agree; q004 is another proposition
    assert {c.conflict_id for c in conflicts} == {"c01"}
    assert all(c.a.stance == "assertion" and c.b.stance == "denial" for c in conflicts)


@pytest.mark.slow
def test_conflicts_same_speaker_never_conflicts_with_itself(make_row):
    rows = [r for r in _rows(make_row) if r.quote_id in ("q001", "q002")]
    rows[1] = replace(rows[1], speaker="Kestovian army")
    assert find_conflicts(rows, [STORY]) == []


@pytest.mark.slow
def test_conflicts_negated_assertion_opposes_a_plain_one(make_row):
    rows = [
        make_row(OTHER_STORY, "q001", "the Norwegian budget deficit narrowed last year", "Ola Berg", "assertion"),
        make_row(OTHER_STORY, "q002", "the Norwegian budget deficit did not narrow", "Kari Dahl", "assertion"),
    ]
    conflicts = find_conflicts(rows, [OTHER_STORY])
    assert [(c.a.speaker, c.b.speaker) for c in conflicts] == [("Ola Berg", "Kari Dahl")]


@pytest.mark.slow
def test_conflicts_pointing_denial_borrows_the_claim_before_it(make_row):
    document = Document(
        "leak",
        "Regulators said chlorine gas leaked from the Verdant plant on Sunday night. "
        "Verdant Chemicals rejected the claim. The mayor said a new school opens in May.",
    )
    rows = [
        make_row(document, "q001", "chlorine gas leaked from the Verdant plant on Sunday night", "regulators", "assertion"),
        make_row(document, "q002", "the claim", "Verdant Chemicals", "denial"),
        make_row(document, "q003", "a new school opens in May", "the mayor", "assertion"),
    ]
    conflicts = find_conflicts(rows, [document])
    assert [(c.a.quote_id, c.b.quote_id) for c in conflicts] == [("q001", "q002")]


@pytest.mark.slow
def test_conflicts_other_stories_are_never_paired(make_row):
    story_rows = [r for r in _rows(make_row) if r.quote_id == "q002"]
    budget = [make_row(OTHER_STORY, "q001", "the Norwegian budget deficit narrowed last year", "Ola Berg", "assertion")]
    assert find_conflicts(story_rows + budget, [STORY, OTHER_STORY]) == []


@pytest.mark.slow
def test_conflicts_rows_have_the_documented_columns(make_row):
    row = find_conflicts(_rows(make_row), [STORY])[0].as_row()
    assert tuple(row) == CONFLICT_COLUMNS
    assert row["speaker_a"] == "Kestovian army" and row["stance_b"] == "denial"


@pytest.mark.parametrize("stances", [(), ("evaluation",), ("evaluation", "evaluation"), ("assertion",)])
def test_conflicts_nothing_to_pair_gives_nothing(make_row, stances):
    quotes = ("a Valdorian drone entered Kestovian airspace on Saturday", "any Valdorian drone had entered Kestovian airspace")
    rows = [make_row(STORY, f"q{i:03d}", quote, f"speaker {i}", stance) for i, (quote, stance) in enumerate(zip(quotes, stances))]
    assert find_conflicts(rows, [STORY]) == []


def test_conflicts_rows_of_absent_documents_are_ignored(make_row):
    assert find_conflicts(_rows(make_row), []) == []


@pytest.mark.parametrize(
    ("similarity", "threshold", "expected"),
    [
        ([[0, 0.9, 0.1], [0.9, 0, 0.2], [0.1, 0.2, 0]], 0.5, [[0, 1]]),
        ([[0, 0.9, 0.8], [0.9, 0, 0.7], [0.8, 0.7, 0]], 0.5, [[0, 1, 2]]),
        # Average linkage: 2 is close to 0 only, so the group {0, 1} keeps it out.
        ([[0, 0.9, 0.6], [0.9, 0, 0.1], [0.6, 0.1, 0]], 0.5, [[0, 1]]),
        ([[0, 0.1], [0.1, 0]], 0.5, []),
    ],
)
def test_conflicts_group_claims_average_linkage(similarity, threshold, expected):
    assert group_claims(np.array(similarity), threshold) == expected
