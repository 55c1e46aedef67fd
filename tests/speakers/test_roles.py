"""Roles in the document's own words: (text, source mention) -> role."""

from __future__ import annotations

import pytest

ROLES = [
    # a possessive or plain description the name is set beside gives the role
    ("Ms. Merkel's spokesman, Steffen Seibert, said the talks would continue.", "Ms. Merkel's spokesman, Steffen Seibert", "Ms. Merkel's spokesman"),
    ("The Vatican spokesman, Federico Lombardi, told Vatican Radio that the pope was right.", "The Vatican spokesman, Federico Lombardi", "Vatican spokesman"),
    # a possessive pronoun only points back: the role is what follows it
    ("The trust denied it. Its chief executive, Helena Voss, said the figures were right.", "Its chief executive, Helena Voss", "chief executive"),
    # a plural set beside one name is no role of that person's
    (
        "Even if that happens, Sanders would still be far from overtaking Hillary Clinton's commanding lead in pledged delegates and "
        "in superdelegates, the party leaders and elected officials who can vote for the candidate of their choice. "
        "Sanders said he would win.",
        "Sanders",
        "",
    ),
    # a role ends with the name its preposition governs, never with the preposition
    ("Jane Doe, a political scientist at RAND, said the plan would fail.", "Jane Doe", "political scientist at RAND"),
    # a title that is only a form of address gives way to a role the document states
    (
        "Gen. Barry R. McCaffrey, the White House drug policy director in the Clinton administration, spoke. McCaffrey said it failed.",
        "McCaffrey",
        "White House drug policy director in the Clinton administration",
    ),
    ("Gen. Barry R. McCaffrey said it failed.", "Gen. Barry R. McCaffrey", "Gen."),
    # when ("on Tuesday") is no part of a role
    (
        "The director of the National Gallery on Tuesday dismissed claims that its painting is a forgery.",
        "The director of the National Gallery",
        "director of the National Gallery",
    ),
    # nor an adjective phrase after the noun; but "of 22 years" completes a role
    ("Paul Bryant Jr., a Tuscaloosa real estate tycoon worth $300 million, said that Bush would win.", "Paul Bryant Jr.", "Tuscaloosa real estate tycoon"),
    ("John Smith, a veteran of 22 years in the Marine Corps, said that the war was lost.", "John Smith", "veteran of 22 years in the Marine Corps"),
    ("Jay DiPietro, the 78-year-old president of the club, said that the troubles were over.", "Jay DiPietro", "president of the club"),
    # negatives: a noun that is no role word gives no role
    ("A neighbor, John Smith, said the house was empty.", "A neighbor, John Smith", ""),
    ("John Smith said the house was empty.", "John Smith", ""),
    # a noun before a name that starts a relative clause (with or without a subject of its own),
    # a verb tagged as a noun, a plural (a list of people), or a name hyphened to a word, holds no title
    ("The outright hostility Cruz faced from his colleagues hampered his ability. Cruz said he had no regrets.", "Cruz", ""),
    ("Maddow tried to press Warren on the question. Warren said she had not discussed it.", "Warren", ""),
    ("Republican presidential candidates Marco Rubio and Ted Cruz spoke. Rubio said he would win.", "Rubio", ""),
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
