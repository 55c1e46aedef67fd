"""Conflicting claims on small hand-made rows: opposing pairs found, agreeing and unrelated ones not."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from attribution.conflicts import (
    CONFLICT_COLUMNS,
    Claim,
    ConflictSettings,
    _conflicts,
    _speaker_sides,
    build_claims,
    find_conflicts,
    group_claims,
    link_threshold,
    merge_threshold,
    mutual_neighbours,
    proposition_label,
    standardized,
    stories,
)
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


LEAK = Document(
    "leak",
    "Regulators said chlorine gas leaked from the Verdant plant on Sunday night. "
    "Verdant Chemicals rejected the claim. The mayor said a new school opens in May.",
)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("document", "claims", "expected_speakers"),
    [
        pytest.param(
            OTHER_STORY,
            [
                ("the Norwegian budget deficit narrowed last year", "Ola Berg", "assertion"),
                ("the Norwegian budget deficit did not narrow", "Kari Dahl", "assertion"),
            ],
            [("Ola Berg", "Kari Dahl")],
            id="negated_assertion_opposes_a_plain_one",
        ),
        pytest.param(
            LEAK,
            [
                ("chlorine gas leaked from the Verdant plant on Sunday night", "regulators", "assertion"),
                ("the claim", "Verdant Chemicals", "denial"),
                ("a new school opens in May", "the mayor", "assertion"),
            ],
            [("regulators", "Verdant Chemicals")],
            id="pointing_denial_borrows_the_claim_before_it",
        ),
    ],
)
def test_conflicts_in_one_story(make_row, document, claims, expected_speakers):
    """Each speaker says one claim, so a pair of speakers names one pair of claims."""
    rows = [make_row(document, f"q{n:03d}", quote, speaker, stance) for n, (quote, speaker, stance) in enumerate(claims, start=1)]
    conflicts = find_conflicts(rows, [document])
    assert [(c.a.speaker, c.b.speaker) for c in conflicts] == expected_speakers


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
    ("z", "expected"),
    [
        # 0-1 are near paraphrases; 2 is close to both on average: one proposition.
        ([[0, 2.0, 1.0], [2.0, 0, 1.0], [1.0, 1.0, 0]], [[0, 1, 2]]),
        # Single linkage: 0-1 and 1-2 are linked, so 0 and 2 are one group however far apart.
        ([[0, 2.0, -1.0], [2.0, 0, 2.0], [-1.0, 2.0, 0]], [[0, 1, 2]]),
        # Average linkage: {0, 1} and 2 are close through one pair only (mean 0.25 < 0.75).
        ([[0, 2.0, 1.5], [2.0, 0, -1.0], [1.5, -1.0, 0]], [[0, 1]]),
        ([[0, 0.5], [0.5, 0]], []),
    ],
)
def test_conflicts_group_claims_links_then_merges(z, expected):
    assert group_claims(np.array(z), link=1.75, merge=0.75) == expected


def test_conflicts_group_claims_links_only_claims_close_in_themselves():
    """Far above a story's usual similarity is not enough to be a near paraphrase: 1-2 stands
    out in its story but is only 0.45 alike, so it does not chain 2 to 0 through 1."""
    z = np.array([[0, 2.0, -1.0], [2.0, 0, 2.0], [-1.0, 2.0, 0]])
    similarity = np.array([[0, 0.7, 0.1], [0.7, 0, 0.45], [0.1, 0.45, 0]])
    close = similarity >= ConflictSettings().min_link_similarity
    assert group_claims(z, link=1.75, merge=0.75) == [[0, 1, 2]]
    assert group_claims(z, link=1.75, merge=0.75, close=close) == [[0, 1]]


def test_conflicts_proposition_label_skips_clauses_with_no_words():
    from types import SimpleNamespace

    claims = [
        SimpleNamespace(clause="that", polarity=1),  # the most central, but nothing to show
        SimpleNamespace(clause="that the plant leaked chlorine", polarity=1),
        SimpleNamespace(clause="no chlorine leaked", polarity=-1),
    ]
    similarity = np.array([[0.0, 0.9, 0.9], [0.9, 0.0, 0.5], [0.9, 0.5, 0.0]])
    assert proposition_label(claims, [0, 1, 2], similarity) == "the plant leaked chlorine"


def test_conflicts_links_only_mutual_neighbours():
    # Claim 0 is close to 1, 2 and 3 (a stock line); 3 and 4 are each other's closest.
    similarity = np.full((5, 5), 0.1)
    for (i, j), value in {(0, 1): 0.9, (0, 2): 0.85, (0, 3): 0.8, (3, 4): 0.95}.items():
        similarity[i, j] = similarity[j, i] = value
    pairs = {(int(i), int(j)) for i, j in zip(*np.nonzero(np.triu(mutual_neighbours(similarity, 1), 1)))}
    assert pairs == {(0, 1), (3, 4)}
    assert np.triu(mutual_neighbours(similarity, 2), 1)[0, 2]  # 2's closest is 0, and 2 is 0's second


def test_conflicts_merge_needs_an_absolute_floor_in_a_loose_story():
    # Ten claims 0.1 alike and two pairs 0.35 alike: the pairs stand out, but only on topic.
    similarity = np.full((10, 10), 0.1)
    similarity[0, 1] = similarity[1, 0] = similarity[2, 3] = similarity[3, 2] = 0.35
    np.fill_diagonal(similarity, 0.0)
    settings = ConflictSettings()
    z = standardized(similarity, settings)
    assert z[0, 1] >= settings.merge_z
    assert z[0, 1] < merge_threshold(similarity, settings)
    assert merge_threshold(similarity, replace(settings, min_merge_similarity=0.0)) == settings.merge_z


@pytest.mark.parametrize(
    ("values", "expected_above"),
    [
        # In a story whose claims all look alike, 0.8 is ordinary; in a varied one it stands out.
        ([0.8, 0.8, 0.7, 0.75, 0.8, 0.8], False),
        ([0.8, 0.1, 0.2, 0.1, 0.15, 0.2], True),
    ],
)
def test_conflicts_standardized_is_relative_to_the_story(values, expected_above):
    n = 4
    similarity = np.zeros((n, n))
    similarity[np.triu_indices(n, 1)] = values
    similarity = similarity + similarity.T
    assert bool(standardized(similarity, ConflictSettings())[0, 1] >= ConflictSettings().link_z) is expected_above


def _claims(make_row, text, quotes, stance="assertion", **extra):
    document = Document("doc", text)
    rows = [make_row(document, f"q{i:03d}", q, f"speaker {i}", stance, **extra) for i, q in enumerate(quotes, 1)]
    return build_claims(rows, {"doc": text})


def _statements(make_row, text, *said):
    """The claims of one document's statements, each (content, speaker, stance), ids q001, q002, ..."""
    document = Document("doc", text)
    rows = [make_row(document, f"q{i:03d}", content, speaker, stance) for i, (content, speaker, stance) in enumerate(said, 1)]
    return build_claims(rows, {"doc": text})


@pytest.mark.slow
@pytest.mark.parametrize(
    ("content", "stance", "expected"),
    [
        ("a drone entered our airspace", "assertion", [1]),
        ("no aircraft has entered our airspace", "assertion", [-1]),
        ("none of its aircraft had been lost", "assertion", [-1]),
        ("we saw no ballot stuffing anywhere", "assertion", [-1]),  # the negation sits in the complement
        ("reports of troop deployment are false and exaggerated information", "assertion", [-1]),
        ("the number of cases had been wildly exaggerated", "assertion", [-1]),
        ("the reports are not false", "assertion", [1]),  # two negations cancel out
        ("nothing had gone wrong", "assertion", [-1]),  # "wrong" describes events: no rebuttal word
        ("no troops crossed the border", "denial", [-1]),  # a denial restating the negative: no double flip
        ("it is unclear whether the treaty includes a nuclear umbrella", "assertion", []),  # a hedge
        ("it is unclear whether the treaty includes a nuclear umbrella", "denial", []),
        ("the death toll is unknown", "assertion", []),
        ("the cause of the fire was still under investigation", "assertion", []),  # no verdict yet
        ("it is far too early to say what caused the crash", "assertion", []),
        ("the fire broke out early on Sunday", "assertion", [1]),
        # Coordinated clauses with their own subjects are claims of their own ...
        ("our teams visited 600 polling stations, and we saw no ballot stuffing anywhere", "assertion", [1, -1]),
        # ... unless too short to state a proposition: a comment on the first one.
        ("there was no leak at our plant, and we will prove it", "assertion", [-1]),
        # An assertion with no verb that states, a topic or an aim, has nothing to contradict ...
        ("the ministry's new budget rules", "assertion", []),
        ("to give the minister more time", "assertion", []),
        # ... while a denial of a noun phrase denies it, and a pointing content answers a claim.
        ("any involvement in the outage", "denial", [-1]),
        ("requests for comment", "denial", []),  # withheld speech denies nothing
        ("the claim", "assertion", [1]),
    ],
)
def test_conflicts_claim_polarity(make_row, content, stance, expected):
    assert [c.polarity for c in _claims(make_row, f"They said {content}.", [content], stance)] == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("content", "quote_type", "expected"),
    [
        # the speaker's own words: the denial is the negated clause, the rest is the speaker's account
        ("The canvas was made after 1900. It is not the work of Jan Hollemans", "direct", [1, -1]),
        # ... even where that clause is too short to be a claim of its own
        ("The canvas was made after 1900. It is not a Hollemans", "direct", [1]),
        # reported speech: "denied that X" denies every clause of X
        ("The canvas was made after 1900. It is not the work of Jan Hollemans", "indirect", [-1, -1]),
        # no clause that says no: where the denial lies is unknown, so all of it denies
        ("The canvas was made after 1900. The paint on the canvas is modern", "direct", [-1, -1]),
    ],
)
def test_conflicts_a_quoted_denial_denies_in_its_negative_clauses(make_row, content, quote_type, expected):
    claims = _claims(make_row, f'"{content}," Darrow said.', [content], "denial", quote_type=quote_type)
    assert [c.polarity for c in claims] == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("cue", "content", "stance", "claims"),
    [
        ("declined", "to comment on the reaction to the minister's speech", "denial", 0),
        ("refused", "to intervene in the dispute over the harbour", "denial", 0),
        ("has not endorsed", "the governor's plan for the harbour", "denial", 0),
        ("didn’t say", "whether the harbour would close", "assertion", 0),
        ("asked", "whether the harbour would close before the winter", "assertion", 0),
        ("said", "the harbour will close before the winter?", "assertion", 0),  # a question
        ("discussed", "whether the harbour would close before the winter", "assertion", 0),  # an indirect one
        ("denied", "that the harbour will close before the winter", "denial", 1),
        ("said", "the harbour will close before the winter", "assertion", 1),
    ],
)
def test_conflicts_withheld_speech_refusals_and_questions_are_no_claims(make_row, cue, content, stance, claims):
    """stance.md: withheld speech, refusals and questions are not claims; the stance model calls
    refusals denials, which paired with every claim of a real-news story."""
    assert len(_claims(make_row, f"The mayor {cue} {content}.", [content], stance, cue=cue)) == claims


@pytest.mark.slow
@pytest.mark.parametrize(("cue", "claims"), [("confirmed", 1), ("criticised", 0)])
def test_conflicts_a_noun_phrase_is_a_claim_after_a_factive_cue(make_row, cue, claims):
    content = "the North Korean troop deployment to Russia"
    assert len(_claims(make_row, f"NATO {cue} {content}.", [content], cue=cue)) == claims


@pytest.mark.slow
def test_conflicts_content_that_takes_in_its_cue_is_split_past_it(make_row):
    text = '"There is no measles outbreak in Brentford," Pike told the council. "A handful of cases is no epidemic."'
    content = text[1:-2]
    cue = text.index("told")
    claims = _claims(make_row, text, [content], cue_start=cue, cue_end=cue + 4)
    assert [(c.polarity, c.clause) for c in claims] == [
        (-1, "There is no measles outbreak in Brentford"),
        (-1, "A handful of cases is no epidemic"),
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "cue", "clause"),
    [
        # the attribution's own aside is no part of its proposition
        (
            "The reports, the ministry said, are false and exaggerated.",
            "The reports, the ministry said, are false and exaggerated",
            "said",
            "The reports are false and exaggerated",
        ),
        # a relative content is about the noun phrase before it
        (
            "The city struggles with a measles outbreak that officials say has infected 50 children.",
            "that officials say has infected 50 children",
            "say",
            "a measles outbreak that has infected 50 children",
        ),
    ],
)
def test_conflicts_claim_clause_is_the_proposition_alone(make_row, text, content, cue, clause):
    cue_start = text.index(cue)
    (claim,) = _claims(make_row, text, [content], cue_start=cue_start, cue_end=cue_start + len(cue))
    assert claim.clause == clause


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "pointing", "answers"),
    [
        # "the account" is the whole account: the claims of the speaker just before, in a row.
        ("Tass said the treaty was signed. The army said a drone violated our airspace. It said radar tracked "
         "the drone for an hour. The ministry dismissed the account.", "the account",
         ["a drone violated our airspace", "radar tracked the drone for an hour"]),
        # What is denied was stated positively: the ministry's own negative statement is passed over.
        ("Regulators said chlorine leaked from the plant. The firm said no one was hurt. The firm rejected the claim.",
         "the claim", ["chlorine leaked from the plant"]),
    ],
)
def test_conflicts_pointing_denial_answers_the_claims_before_it(make_row, text, pointing, answers):
    document = Document("doc", text)
    speakers = {"the treaty was signed": "Tass", "a drone violated our airspace": "army",
                "radar tracked the drone for an hour": "army", "chlorine leaked from the plant": "regulators",
                "no one was hurt": "firm"}  # fmt: skip
    said = [(q, s) for q, s in speakers.items() if q in text]
    rows = [make_row(document, f"q{i:03d}", q, s, "assertion") for i, (q, s) in enumerate(said, 1)]
    rows.append(make_row(document, "q009", pointing, "firm" if "firm" in text else "ministry", "denial"))
    claims = build_claims(rows, {"doc": text})
    assert [claims[i].attribution.quote_text for i in claims[-1].antecedents] == answers


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "said", "pointing", "answers"),
    [
        # "the allegations" are what was alleged, not the claim said last
        ("The panel charged the club, alleging that the club inflated its sponsorship income. Okafor said a "
         "hearing would be held in June. Kessler rejected the allegations.",
         [("the club inflated its sponsorship income", "panel", {"cue": "alleging"}),
          ("a hearing would be held in June", "Okafor", {})],
         "the allegations", ["the club inflated its sponsorship income"]),
        # "the report's findings" are what the report found, not what officials familiar with it said
        ("The report found that the fire began beneath the pole. Officials familiar with the report said the "
         "pole was due for replacement. Northvale dismissed the report's findings.",
         [("the fire began beneath the pole", "Fire Service",
           {"cue": "found", "speaker_mention": "The report", "mention_start": 0, "mention_end": 10}),
          ("the pole was due for replacement", "", {"speaker_role": "Officials familiar with the report"})],
         "the report's findings", ["the fire began beneath the pole"]),
        # told by no claim: the nearest claim of another speaker, as before
        ("The panel said the club inflated its sponsorship income. Okafor said a hearing would be held in June. "
         "Kessler rejected the allegations.",
         [("the club inflated its sponsorship income", "panel", {}), ("a hearing would be held in June", "Okafor", {})],
         "the allegations", ["a hearing would be held in June"]),
    ],
)
def test_conflicts_a_claim_noun_answers_the_claim_told_so(make_row, text, said, pointing, answers):
    document = Document("doc", text)
    rows = [make_row(document, f"q{i:03d}", q, s, "assertion", **extra) for i, (q, s, extra) in enumerate(said, 1)]
    rows.append(make_row(document, "q009", pointing, "Kessler" if "Kessler" in text else "Northvale", "denial"))
    claims = build_claims(rows, {"doc": text})
    assert [claims[i].attribution.quote_text for i in claims[-1].antecedents] == answers


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "ties"),
    [
        ("Brandt rejected the report. \"There was no leak at our plant,\" Brandt said.", True),
        ("Brandt rejected the report.\n\n\"There was no leak at our plant,\" Brandt said.", False),  # next paragraph
    ],
)
def test_conflicts_denial_in_two_statements_is_tied(make_row, text, ties):
    claims = _statements(make_row, text, ("the report", "Brandt", "denial"),
                         ("There was no leak at our plant", "Brandt", "assertion"))  # fmt: skip
    assert (claims[1].continues == 0) is ties


@pytest.mark.slow
def test_conflicts_a_speaker_keeps_one_side_in_a_group(make_row):
    text = ("The opposition said ballots were stuffed. Berg said no ballots were stuffed. "
            "Berg said the vote was orderly in all polling stations.")  # fmt: skip
    claims = _statements(make_row, text, ("ballots were stuffed", "opposition", "assertion"),
                         ("no ballots were stuffed", "Berg", "assertion"),
                         ("the vote was orderly in all polling stations", "Berg", "assertion"))  # fmt: skip
    assert [c.polarity for c in claims] == [1, -1, 1]
    # Berg's denial is the claim closest to the group, so his positive statement backs it: it
    # denies with him, and pairs with the opposition's claim as his denial does.
    similarity = np.array([[0, 0.9, 0.6], [0.9, 0, 0.6], [0.6, 0.6, 0]])
    assert _speaker_sides(claims, [0, 1, 2], similarity) == [1, -1, -1]
    conflicts = _conflicts(claims, [([0, 1, 2], similarity, np.full((3, 3), 3.0))], ConflictSettings())
    assert [(c.a.quote_id, c.b.quote_id) for c in conflicts] == [("q001", "q002"), ("q001", "q003")]


@pytest.mark.slow
def test_conflicts_a_speakers_denial_sets_its_side_over_a_closer_positive_statement(make_row):
    text = ("Residents said the power line started the fire. Northvale denied that its line had started the fire. "
            "Northvale said the fire had been started on purpose.")  # fmt: skip
    claims = _statements(make_row, text, ("the power line started the fire", "residents", "assertion"),
                         ("its line had started the fire", "Northvale", "denial"),
                         ("the fire had been started on purpose", "Northvale", "assertion"))  # fmt: skip
    # Its other explanation is the closer to the group, but Northvale denied: it stays a denier.
    similarity = np.array([[0, 0.6, 0.8], [0.6, 0, 0.8], [0.8, 0.8, 0]])
    assert _speaker_sides(claims, [0, 1, 2], similarity) == [1, -1, -1]


@pytest.mark.slow
@pytest.mark.parametrize(("role", "pairs"), [
    # the operator's chief executive holds the operator's side: his account rebuts the union, and
    # he is never paired with his own company
    ("Northline Rail chief executive", [("q001", "q002"), ("q001", "q003")]),
    ("Northline's chief executive", [("q001", "q002"), ("q001", "q003")]),
    # a role that names no organisation of the group leaves him a side of his own; a word of a
    # name is not the name (a former Northline engineer does not speak for Northline Rail, and a
    # "House Speaker" not for the White House)
    ("a passenger", [("q001", "q002"), ("q003", "q002")]),
    ("a former Northline engineer", [("q001", "q002"), ("q003", "q002")]),
])  # fmt: skip
def test_conflicts_a_person_holds_the_side_of_the_organisation_the_role_names(make_row, role, pairs):
    text = ("The union said the signals had failed. Northline Rail denied that the signals had failed. "
            "Gregor Amsel said the driver had been speeding.")  # fmt: skip
    document = Document("doc", text)
    organisation = {"speaker_type": "organization"}
    rows = [make_row(document, "q001", "the signals had failed", "Rail Workers' Union", "assertion", **organisation),
            make_row(document, "q002", "that the signals had failed", "Northline Rail", "denial", **organisation),
            make_row(document, "q003", "the driver had been speeding", "Gregor Amsel", "assertion",
                     speaker_role=role)]  # fmt: skip
    claims = build_claims(rows, {"doc": text})
    similarity = np.array([[0, 0.9, 0.8], [0.9, 0, 0.8], [0.8, 0.8, 0]])
    conflicts = _conflicts(claims, [([0, 1, 2], similarity, np.full((3, 3), 3.0))], ConflictSettings())
    assert [(c.a.quote_id, c.b.quote_id) for c in conflicts] == pairs


ANSWERS = [
    # (what the second speaker rejects, its polarity): a rejected denial is asserted again
    ("Northvale's denial", 1),
    ("the company's account", 1),  # the company denied: its account is a denial
    ("the residents' account", -1),  # the residents asserted
]


@pytest.mark.slow
@pytest.mark.parametrize(("rejected", "polarity"), ANSWERS)
def test_conflicts_a_named_claim_is_answered_with_its_owners_polarity(make_row, rejected, polarity):
    text = ("Residents said the power line started the fire. Northvale Electric, the company, denied that its line "
            f"had started the fire. The union rejected {rejected}.")  # fmt: skip
    document = Document("doc", text)
    rows = [make_row(document, "q001", "the power line started the fire", "residents", "assertion"),
            make_row(document, "q002", "its line had started the fire", "Northvale Electric", "denial"),
            make_row(document, "q003", rejected, "union", "denial")]  # fmt: skip
    rows[1] = replace(rows[1], speaker_role="the company")
    claims = build_claims(rows, {"doc": text})
    assert claims[2].polarity == polarity
    assert claims[2].antecedents == ((1,) if "residents" not in rejected else (0,))



@pytest.mark.slow
@pytest.mark.parametrize(
    ("rejected", "answers"),
    [
        ("Northline's insistence that the signalling had worked", ()),  # Northline spoke of speed here
        ("Northline's insistence that the driver had been speeding", (0,)),
    ],
)
def test_conflicts_a_named_claim_that_says_what_was_claimed_answers_only_that(make_row, rejected, answers):
    text = f"Northline said the driver had been speeding. The union rejected {rejected}."
    claims = _statements(make_row, text, ("the driver had been speeding", "Northline", "assertion"), (rejected, "union", "denial"))
    assert claims[1].antecedents == answers
    assert claims[1].polarity == -1


@pytest.mark.slow
def test_conflicts_stories_are_linked_by_shared_names(make_row):
    documents = {
        "a": "The Valdorian army said a drone crossed the border.",
        "b": "Valdoria's ministry said no drone crossed the border.",  # "Valdorian" ~ "Valdoria"
        "c": "The Norwegian finance minister said the deficit narrowed.",
    }
    quotes = {"a": "a drone crossed the border", "b": "no drone crossed the border", "c": "the deficit narrowed"}
    rows = [make_row(Document(d, t), "q001", quotes[d], f"speaker {d}", "assertion") for d, t in documents.items()]
    claims = build_claims(rows, documents)
    assert [sorted(claims[i].attribution.doc_id for i in story) for story in stories(claims)] == [["a", "b"]]


@pytest.mark.slow
def test_conflicts_an_outlet_links_no_stories(make_row):
    documents = {
        "fire": "MARLOW (Continental Press) - The fire chief said a power line started the fire.",
        "club": "REDMERE (Continental Press) - The league said the club inflated its sponsorship income.",
    }
    quotes = {"fire": "a power line started the fire", "club": "the club inflated its sponsorship income"}
    rows = [make_row(Document(d, t), "q001", quotes[d], f"speaker {d}", "assertion") for d, t in documents.items()]
    assert stories(build_claims(rows, documents)) == []


@pytest.mark.parametrize(
    ("pairs", "links"),
    [
        ([3.0, 2.9, 2.8, 2.7, 2.0, 1.9], 4),  # six close pairs among four claims: the four closest link
        ([3.0, 1.0, 1.0, 1.0, 1.0, 1.0], 1),  # one near paraphrase: the story's own threshold
    ],
)
def test_conflicts_a_story_links_about_one_pair_per_claim(pairs, links):
    z = np.zeros((4, 4))
    z[np.triu_indices(4, 1)] = pairs
    z = z + z.T
    threshold = link_threshold(z, ConflictSettings())
    assert threshold >= ConflictSettings().link_z
    assert int(np.triu(z >= threshold, 1).sum()) == links


def _claim_naming(make_row, doc_id: str, names: set[str], polarity: int = 1, speaker: str = "") -> Claim:
    """A claim of document `doc_id` whose document names `names`; no parse needed."""
    document = Document(doc_id, "Officials said the bridge was closed.")
    attribution = make_row(document, "q001", "the bridge was closed", speaker or f"speaker {doc_id}", "assertion")
    return Claim(attribution, polarity, "the bridge was closed", "the bridge was closed", frozenset(),
                 frozenset((name,) for name in names))  # fmt: skip


def test_conflicts_a_collection_is_not_chained_into_one_story_by_one_rare_name(make_row):
    # Twelve articles on two topics, all naming the country the news is about; one article of each
    # topic also names a town (a rare name). Linked by any shared name they would be one story.
    topics = [{"valdoria", "castrell", "northvale"}] * 6 + [{"valdoria", "greywater", "soltani"}] * 6
    names = [set(t) for t in topics]
    names[5].add("marlow")
    names[6].add("marlow")
    claims = [_claim_naming(make_row, f"d{k:02d}", n) for k, n in enumerate(names)]
    grouped = [sorted(claims[i].attribution.doc_id for i in story) for story in stories(claims)]
    assert sorted(grouped) == [[f"d{k:02d}" for k in range(6)], [f"d{k:02d}" for k in range(6, 12)]]


@pytest.mark.parametrize(("similarity", "reported"), [(0.5, True), (0.25, False)])
def test_conflicts_a_pair_must_be_alike_in_itself_not_only_for_its_story(make_row, similarity, reported):
    # In a story of unrelated claims (a topic of real news) a pair can stand far above the story's
    # usual similarity (high z) and still be about two things.
    claims = [_claim_naming(make_row, "a", set(), +1, "minister"),
              _claim_naming(make_row, "b", set(), -1, "opposition")]  # fmt: skip
    matrix = np.array([[0.0, similarity], [similarity, 0.0]])
    high_z = np.array([[0.0, 3.0], [3.0, 0.0]])
    assert bool(_conflicts(claims, [([0, 1], matrix, high_z)], ConflictSettings())) is reported


@pytest.mark.parametrize(("similarity", "reported"), [(0.6, True), (0.4, False)])
def test_conflicts_a_negated_assertion_denies_only_what_it_nearly_restates(make_row, similarity, reported):
    # "he has not held a rally this year" beside another fact of the story is a negative fact,
    # however far above the story's usual similarity the pair stands; a near restatement denies.
    claims = [_claim_naming(make_row, "a", set(), +1, "minister"),
              replace(_claim_naming(make_row, "b", set(), -1, "opposition"), negated=True)]  # fmt: skip
    matrix = np.array([[0.0, similarity], [similarity, 0.0]])
    high_z = np.array([[0.0, 3.0], [3.0, 0.0]])
    assert bool(_conflicts(claims, [([0, 1], matrix, high_z)], ConflictSettings())) is reported


PAIRS = [
    # (claim a, claim b, conflict?): each pair said by two speakers in one short article.
    ("North Korean troops are in Russia", "no North Korean troops are in Russia", True),
    ("North Korean troops are in Russia", "reports of North Korean troops in Russia are false", True),
    ("the treaty includes a nuclear umbrella", "it is unclear whether the treaty includes a nuclear umbrella", False),
    ("the budget deficit narrowed last year", "the budget deficit shrank last year", False),  # they agree
    ("the budget deficit narrowed last year", "the city would not close any schools", False),  # another matter
    ("the budget deficit narrowed last year", "no one had been arrested after the vote", False),  # a negative fact
]


@pytest.mark.slow
@pytest.mark.parametrize(("claim_a", "claim_b", "conflict"), PAIRS)
def test_conflicts_pair_table(make_row, claim_a, claim_b, conflict):
    text = f"The minister said {claim_a}. The opposition said {claim_b}."
    document = Document("doc", text)
    rows = [make_row(document, "q001", claim_a, "minister", "assertion"),
            make_row(document, "q002", claim_b, "opposition", "assertion")]  # fmt: skip
    assert bool(find_conflicts(rows, [document])) is conflict
