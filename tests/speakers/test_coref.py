"""Name keys used to group mentions into entities, and the signs that a name is a person's."""

from __future__ import annotations

import pytest

from attribution.speakers.coref import acronym, normalise, surname_of


@pytest.mark.parametrize(
    "name, expected",
    [
        ("The New York Times", "new york times"),
        ("Trump's", "trump"),
        ("Trump’s", "trump"),
        ("U.S.", "us"),
        ("the  State   Duma", "state duma"),
        ("Theodore Roosevelt", "theodore roosevelt"),  # "the" only as a whole word
    ],
)
def test_coref_normalise(name, expected):
    assert normalise(name) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("North Atlantic Treaty Organization", "NATO"),
        ("Federal Bureau of Investigation", "FBI"),
        ("Democratic People's Republic of Korea", "DPRK"),
    ],
)
def test_coref_acronym(name, expected):
    assert acronym(name) == expected


@pytest.mark.parametrize(
    "name, expected",
    [("Lloyd Austin", "austin"), ("Martin Luther King Jr.", "king"), ("Kim Jong-un", "jong-un"), ("", "")],
)
def test_coref_surname(name, expected):
    assert surname_of(name) == expected


@pytest.mark.slow
def test_coref_untagged_first_name_before_a_known_surname_is_another_person(nlp):
    """NER often misses "Ivanka Trump" (or calls it a product); with "Donald Trump" named, the
    capitalised word before the surname makes her another person, not a mention of him."""
    from attribution.speakers.coref import EntityIndex
    from attribution.speakers.mentions import find_names, sentence_of, sentence_starts

    doc = nlp("Donald Trump spoke in Ohio on Monday. On Tuesday, Ivanka Trump spoke about maternity leave and childcare.")
    doc.ents = [e for e in doc.ents if "Ivanka" not in e.text and e.text != "Trump"]
    starts = sentence_starts(doc)
    index = EntityIndex(doc, find_names(doc), lambda i: sentence_of(starts, i))
    names = sorted(e.name for e in index.entities if e.kind == "person")
    assert names == ["Donald Trump", "Ivanka Trump"]


@pytest.mark.slow
def test_coref_organisation_with_a_persons_surname_is_a_person(nlp):
    """NER took "Naghmeh Abedini" for an organisation; "Saeed Abedini" is a person named in full,
    so a name of several words ending in his surname, with no organisation word, is a person."""
    from spacy.tokens import Span

    from attribution.speakers.coref import EntityIndex
    from attribution.speakers.mentions import find_names, sentence_of, sentence_starts

    doc = nlp("Mr. Obama called Naghmeh Abedini. Her husband, Saeed Abedini, was free. The Abedini Foundation said so.")
    doc.ents = [Span(doc, 3, 5, label="ORG"), Span(doc, 9, 11, label="PERSON"), Span(doc, 16, 18, label="ORG")]
    starts = sentence_starts(doc)
    index = EntityIndex(doc, find_names(doc), lambda i: sentence_of(starts, i))
    kinds = {e.name: e.kind for e in index.entities}
    assert kinds == {"Naghmeh Abedini": "person", "Saeed Abedini": "person", "Abedini Foundation": "organization"}


@pytest.mark.slow
def test_coref_organisation_with_her_things_is_a_person(nlp):
    """NER took every "Carly Fiorina" and "Fiorina" for an organisation: one that throws "her
    support" behind someone is a person, and so is her surname alone."""
    from spacy.tokens import Span

    from attribution.speakers.coref import EntityIndex
    from attribution.speakers.mentions import find_names, sentence_of, sentence_starts

    doc = nlp("Carly Fiorina threw her support behind Ted Cruz on Wednesday. Fiorina said he would win.")
    doc.ents = [Span(doc, 0, 2, label="ORG"), Span(doc, 6, 8, label="PERSON"), Span(doc, 11, 12, label="ORG")]
    starts = sentence_starts(doc)
    index = EntityIndex(doc, find_names(doc), lambda i: sentence_of(starts, i))
    kinds = {e.name: e.kind for e in index.entities}
    assert kinds == {"Carly Fiorina": "person", "Ted Cruz": "person"}


@pytest.mark.slow
def test_coref_a_division_is_no_person(nlp):
    """"the state Division of Gaming Enforcement": "state" before it is no title making it a person."""
    from attribution.speakers.coref import EntityIndex
    from attribution.speakers.mentions import find_names, sentence_of, sentence_starts

    doc = nlp("The casinos won less, according to the state Division of Gaming Enforcement.")
    starts = sentence_starts(doc)
    index = EntityIndex(doc, find_names(doc), lambda i: sentence_of(starts, i))
    assert [(e.name, e.kind) for e in index.entities] == [("Division of Gaming Enforcement", "organization")]


@pytest.mark.parametrize(
    ("text", "word", "person"),
    [
        ("Ramos, 58, told AFP that the network was wrong.", "Ramos", True),  # an age beside a name
        ("Darrow, who has written two books, said the picture was a fake.", "Darrow", True),
        ("Boeing, which builds jets, said sales rose.", "Boeing", False),
        ("The Post, 2016, reported that sales rose.", "Post", False),  # a year is no age
        # a description with a "who" clause: the name is the one it describes ("Murphy")
        ("Murphy, a Jupiter Democrat who has been endorsed by Obama, said the race was close.", "Democrat", False),
    ],
)
def test_coref_an_age_or_a_who_clause_marks_a_person(nlp, text, word, person):
    from attribution.speakers.coref import _aged_or_who

    doc = nlp(text)
    assert _aged_or_who(next(t for t in doc if t.text == word)) is person


@pytest.mark.parametrize(
    ("text", "word", "person"),
    [
        ("Neera Tanden, head of the Center for American Progress, said the plan works.", "Tanden", True),
        # no comma: the parse hangs the sentence's subject on the place before it
        ("After his rally in San Jose, California the GOP candidate went a step further.", "California", False),
    ],
)
def test_coref_a_role_set_off_beside_a_name_marks_a_person(nlp, text, word, person):
    from attribution.speakers.coref import _has_role_appositive

    doc = nlp(text)
    assert _has_role_appositive(next(t for t in doc if t.text == word)) is person
