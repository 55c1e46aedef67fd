"""Name mentions read from the parse and NER: (text) -> (name, kind, gender) of the mentions."""

from __future__ import annotations

import pytest

from attribution.speakers.mentions import find_names


MENTIONS = [
    # a first name and surname NER left untagged, subject of a verb, whose surname stands alone elsewhere
    ('Inside the mosque - which looks like a church - Adel Nefzi said he was trying to collect money.\n\n"We are horrified," Nefzi said.', ("Adel Nefzi", "person", "")),
    # a first name NER left untagged joins the surname it tagged
    ("Ilya Shapiro argues at The Federalist that the court erred.", ("Ilya Shapiro", "person", "")),
    # a title before the name is no first name
    ("Senator Cruz said no.", ("Cruz", "person", "")),
    # a lower-case "miss" is a verb, not an honorific; a capitalised "Miss" is one
    ("Polls miss Trump's fall in Iowa vote.", ("Trump", "person", "")),
    ("Miss Smith said she would stay.", ("Smith", "person", "f")),
    # "president of X": what the title's "of" governs is an organisation, cut between words only
    ("David Friedman, president of Wealth-X, said the list was right.", ("Wealth-X", "organization", "")),
    # words NER ran into a name from the left are not the name
    ("Among the charity's projects: Its Clinton Health Access Initiative lowered drug prices.", ("Clinton Health Access Initiative", "organization", "")),
    ("Entrusting Donald Trump with the budget would be a gamble.", ("Donald Trump", "person", "")),
    ("Top Clinton aides discussed the matter in an email exchange.", ("Clinton", "person", "")),
    # an agency's acronym NER took for a place is an organisation; a country's stays a country
    ("Before the vote, the F.B.I. released its findings on Tuesday.", ("F.B.I.", "organization", "")),
    ("Before the vote, the I.R.S. released its findings on Tuesday.", ("I.R.S.", "organization", "")),
    ("Before the vote, the U.S. released its findings on Tuesday.", ("U.S.", "country", "")),
    # a description before an organisation's name is no person's title
    ("Stocks slipped after a drop in the oil giant Exxon Mobil.", ("Exxon Mobil", "organization", "")),
    # a dateline NER ran into a name is no part of it; the name written alone again is a person's
    ("ROME - Bernie Sanders said Friday that the pope inspired him. Sanders added more.", ("Bernie Sanders", "person", "")),
    # an outlet NER ran into its host's name: the host, whose surname the story writes alone
    ("At CPAC, Fox News Sean Hannity asked Kasich to lay out his path. Hannity followed up.", ("Sean Hannity", "person", "")),
    # a titled person's name holding an outlet's word is still a person's
    ("Atlantic City Mayor Don Guardian said it works.", ("Don Guardian", "person", "")),
    # a rabbi's title is no part of his name
    ("Rabbi Rick Jacobs said the speech was wrong.", ("Rick Jacobs", "person", "")),
    # a nickname in quotation marks is part of the name that NER cut at the marks
    ("Former CIA operative and Marine John “Tig” Tiegen found both issues disqualifying.", ("John “Tig” Tiegen", "person", "")),
    ('His campaign was represented by Gov. C.L. "Butch" Otter (R-Idaho), an early endorser.', ('C.L. "Butch" Otter', "person", "")),
]


TITLES = [
    ("Assemblywoman Claudia Tenney won the primary.", ("Claudia Tenney", "Assemblywoman")),
    ("U.S. Secretary of Defense Lloyd Austin told reporters.", ("Lloyd Austin", "U.S. Secretary of Defense")),
    # the name after an office's "of" is its last two words, initials not counted
    ("Former Secretary of State Colin L. Powell disagreed.", ("Colin L. Powell", "Former Secretary of State")),
    # a rank shortened before the name is a title of its own; after an office, its service goes with it
    ("Lt. Gen. Michael Flynn spoke first.", ("Michael Flynn", "Lt. Gen.")),
    ("The troops will stay, said Pentagon spokesman Navy Capt. Jeff Davis.", ("Jeff Davis", "Pentagon spokesman")),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", TITLES)
def test_mentions_split_title_from_name(nlp, text, expected):
    assert expected in [(m.name, m.title) for m in find_names(nlp(text))]


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", MENTIONS)
def test_mentions_find_names(nlp, text, expected):
    assert expected in [(m.name, m.kind, m.gender) for m in find_names(nlp(text))]


@pytest.mark.slow
def test_mentions_untagged_name_is_no_slogan_nor_common_word(nlp):
    doc = nlp('He tweeted: "I want America First - so do voters!" First, he spoke in San Jose.')
    assert [m.name for m in find_names(doc)] == ["San Jose"]


@pytest.mark.slow
def test_mentions_short_name_in_brackets_is_the_name_before(nlp):
    doc = nlp("The California Department of Transportation (Caltrans) closed the road. Caltrans said it would reopen.")
    # the full name, the short name in brackets, and the short name again
    assert [(m.name, m.kind) for m in find_names(doc)] == [("California Department of Transportation", "organization")] * 3


@pytest.mark.slow
def test_mentions_name_in_brackets_is_the_acronym_before(nlp):
    doc = nlp("NATO (North Atlantic Treaty Organization) also announced it. NATO said allies agreed.")
    names = {m.name for m in find_names(doc) if m.kind == "organization"}
    assert names == {"North Atlantic Treaty Organization"}


@pytest.mark.slow
def test_mentions_a_dateline_is_no_name(nlp):
    doc = nlp("MIAMI - A super PAC ad says Trump is a fraud.")
    assert "MIAMI" not in {m.name for m in find_names(doc)}


@pytest.mark.slow
def test_mentions_an_outlet_with_more_words_stays_whole(nlp):
    doc = nlp("Bloomberg New Energy Finance said sales grew. Bloomberg New Energy Finance added more.")
    assert {(m.name, m.kind) for m in find_names(doc)} == {("Bloomberg New Energy Finance", "organization")}


@pytest.mark.slow
def test_mentions_words_in_quotation_marks_between_names_are_no_nickname(nlp):
    doc = nlp("The “Partnership Treaty” Russia signed was criticised. He said “Yes” Trump would win.")
    assert not any("“" in m.name for m in find_names(doc))


@pytest.mark.slow
def test_mentions_a_name_ends_at_a_colon(nlp):
    doc = nlp("De Blasio: Trust Bratton On Police Tactics.\n\nMayor Bill de Blasio said the police were right.")
    names = {m.name for m in find_names(doc)}
    assert "De Blasio" in names and not any(":" in name for name in names)
