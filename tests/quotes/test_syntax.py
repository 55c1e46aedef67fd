"""Parse helpers: the subject of a cue, past the "it" of a cleft."""

from __future__ import annotations

import pytest

from attribution.quotes.syntax import subject_of

pytestmark = pytest.mark.slow


def subject(nlp, text: str, cue: str) -> str | None:
    verb = next(t for t in nlp(text) if t.text == cue)
    found = subject_of(verb)
    return found.text if found is not None else None


@pytest.mark.parametrize(
    "text, cue, expected",
    [
        # a cleft's "it" stands for no one: the subject of the clause it brings forward speaks
        ("It was at the conference that Swanson delivered his tirade, pointing to a revelation by the author.", "pointing", "Swanson"),
        (
            "It was less than two weeks ago that, standing on stage, Khizr Khan pulled out his copy of the Constitution "
            "and defiantly offered to loan it to Trump.",
            "offered",
            "Khan",
        ),
        # an extraposed clause after an adjective or a common noun is no cleft: "it" stays
        ("It is clear that the deal is dead.", "is", "It"),
        ("It is a fact that the deal is dead.", "is", "It"),
        # a subject of the verb itself is kept
        ("Smith said that the deal is dead.", "said", "Smith"),
        # a verb coordinated with no "and" right after a preposition's noun: that noun speaks;
        # with "and", the first verb's subject does
        (
            "The director of the gallery on Tuesday dismissed claims that its painting is a forgery, "
            "a day after a prominent art historian said the work was painted long after the artist's death.",
            "said",
            "historian",
        ),
        ("The director dismissed the claims and said the painting was genuine.", "said", "director"),
        # one who feels speaks, not what moved them; "by" after a verb of saying names who said it
        ("The former House Speaker is intrigued by the opportunity to have a role in it.", "intrigued", "Speaker"),
        ("Angered by the cultural transformations of the 1960s, Schlafly led campaigns against abortion.", "Angered", "Schlafly"),
        # a name the parse joined to the object of the verb before ("supported it and Cruz") is the subject
        ("McCain supported it and Cruz, as he has in the past, opposed the measure.", "opposed", "Cruz"),
        ("It was reported by AFP that the talks had failed.", "reported", "AFP"),
        # a main verb with no subject after a name the parse set beside a place: that name speaks
        (
            "At Boca West, Jay DiPietro, the club's president, suggested that the troubles of his competitors "
            "could be attributed to poor management. ''It was just waiting for a recession,'' he said.",
            "suggested",
            "DiPietro",
        ),
    ],
)
def test_subject_of(nlp, text, cue, expected):
    assert subject(nlp, text, cue) == expected
