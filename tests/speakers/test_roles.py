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
]


@pytest.mark.slow
@pytest.mark.parametrize("text, mention, role", ROLES)
def test_roles_from_the_documents_words(speaker_of, text, mention, role):
    assert speaker_of(text, mention)[2] == role
