"""Roles in the document's own words: (text, source mention) -> role."""

from __future__ import annotations

import pytest

ROLES = [
    # a possessive or plain description the name is set beside gives the role
    ("Ms. Merkel's spokesman, Steffen Seibert, said the talks would continue.", "Ms. Merkel's spokesman, Steffen Seibert", "Ms. Merkel's spokesman"),
    ("The Vatican spokesman, Federico Lombardi, told Vatican Radio that the pope was right.", "The Vatican spokesman, Federico Lombardi", "Vatican spokesman"),
    # a role ends with the name its preposition governs, never with the preposition
    ("Jane Doe, a political scientist at RAND, said the plan would fail.", "Jane Doe", "political scientist at RAND"),
    # negatives: a noun that is no role word gives no role
    ("A neighbor, John Smith, said the house was empty.", "A neighbor, John Smith", ""),
    ("John Smith said the house was empty.", "John Smith", ""),
    # a noun before a name that starts a relative clause, or a name hyphened to a word, holds no title
    ("The federal judge Trump was referring to is Gonzalo Curiel. Trump said the judge was biased.", "Trump", ""),
    (
        "Dan Cantor, the national director of the Sanders-supporting Working Families Party, spoke. Sanders said the platform mattered.",
        "Sanders",
        "",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, mention, role", ROLES)
def test_roles_from_the_documents_words(speaker_of, text, mention, role):
    assert speaker_of(text, mention)[2] == role
