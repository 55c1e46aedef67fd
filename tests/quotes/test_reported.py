"""Reported speech over the parse: cue, content, source and kind of each candidate."""

from __future__ import annotations

import pytest

from attribution.quotes.lexicon import load_lexicon
from attribution.quotes.reported import MAX_CONTENT_TOKENS, reported_speech

pytestmark = pytest.mark.slow


def candidates(nlp, text: str) -> list[tuple]:
    return [
        (q.content.text, q.cue.text, q.source_mention.text if q.source_mention else None, q.kind)
        for q in reported_speech(nlp(text), load_lexicon())
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a clausal complement, "that" included
        ("AFP reported that the treaty is unclear.", ("that the treaty is unclear", "reported", "AFP", "speech")),
        ("A spokesman for the ministry said the report was false.", ("the report was false", "said", "A spokesman for the ministry", "speech")),
        # the cue as an aside
        ("The economy is weak, he said.", ("The economy is weak", "said", "he", "speech")),
        ("As the paper noted, trust in government is collapsing.", ("trust in government is collapsing", "noted", "the paper", "speech")),
        # ... in the middle: the content runs over it, from the first side to the second
        (
            "The real problem, experts say, is the ground itself.",
            ("The real problem, experts say, is the ground itself", "say", "experts", "speech"),
        ),
        # ... with its subject after the verb, which the parser takes for the reported clause's
        (
            "The contrast with Trump, said Doyle and others, would be clear.",
            ("The contrast with Trump, said Doyle and others, would be clear", "said", "Doyle and others", "speech"),
        ),
        # ... but not a subject that ends in a comma before its verb, with a common noun after it
        (
            "Aides to Gov. John Kasich, who had a long career in Congress, said their speeches, already long, would focus on it.",
            ("their speeches, already long, would focus on it", "said", "Aides to Gov. John Kasich, who had a long career in Congress", "speech"),
        ),
        (
            "That plan, according to officials, would cost billions.",
            ("That plan, according to officials, would cost billions", "according to", "officials", "speech"),
        ),
        # ... not after a colon, where it opens a clause of its own
        (
            "It has not gone unnoticed: according to recent polls, Trump holds 14 percent of the vote.",
            ("Trump holds 14 percent of the vote", "according to", "recent polls", "speech"),
        ),
        # the object is the claim; with its complement
        ("The ministry denied the allegations.", ("the allegations", "denied", "The ministry", "speech")),
        ("She accused the minister of lying to parliament.", ("the minister of lying to parliament", "accused", "She", "speech")),
        # participial cues take the main verb's subject
        (
            "Leonid Slutsky, Chairman of the Committee, evaluated the treaty, saying that it was historic.",
            ("that it was historic", "saying", "Leonid Slutsky", "speech"),
        ),
        (
            "Andrey Rudenko also requested ratification at the Duma, emphasizing the necessity of the treaty.",
            ("the necessity of the treaty", "emphasizing", "Andrey Rudenko", "speech"),
        ),
        # ... of a passive verb too (the parser reads "she's tacked" as one)
        (
            "Since May, she's tacked to the left on environmental issues, criticizing the Keystone XL pipeline.",
            ("the Keystone XL pipeline", "criticizing", "she", "speech"),
        ),
        # a hyphen inside the source's words does not cut it
        ("Douglas Holtz-Eakin said the data showed growth.", ("the data showed growth", "said", "Douglas Holtz-Eakin", "speech")),
        # a bracket the source's words open and do not close ends them
        ("The Federal Bureau of Investigation (FBI) said the data showed growth.", ("the data showed growth", "said", "The Federal Bureau of Investigation", "speech")),
        # what someone issued "says" what they say
        (
            "The senator issued a statement Tuesday saying that the judge was biased.",
            ("that the judge was biased", "saying", "The senator", "speech"),
        ),
        # a participle set off after the subject is what the subject does
        ('"They know words," said Sherman, speaking of politicians.', ("politicians", "speaking of", "Sherman", "speech")),
        # a participle after a preposition takes the subject of the verb the preposition hangs from
        ("She answered critics by insisting that the plan would work.", ("that the plan would work", "insisting", "She", "speech")),
        # beliefs and intentions
        ("Officials believe the treaty will be signed soon.", ("the treaty will be signed soon", "believe", "Officials", "belief")),
        ("The company plans to open a new factory in Ohio.", ("to open a new factory in Ohio", "plans", "The company", "belief")),
        # according to, settings, nominal and prepositional cues, transcripts
        ("The plan will fail, according to the ministry.", ("The plan will fail", "according to", "the ministry", "speech")),
        ("According to reports, the Duma passed the bill.", ("the Duma passed the bill", "According to", "reports", "speech")),
        # ... closing its sentence: all of the sentence before it, however the parser split it
        (
            "The company lost money in 2015 and cut 300 jobs, according to its annual report.",
            ("The company lost money in 2015 and cut 300 jobs", "according to", "its annual report", "speech"),
        ),
        (
            "Golf Club was paid $29,715; and Trump Restaurants LLC was paid $125,080, according to filings.",
            ("Golf Club was paid $29,715; and Trump Restaurants LLC was paid $125,080", "according to", "filings", "speech"),
        ),
        ("In a new poll, Clinton leads Trump by four points.", ("Clinton leads Trump by four points", "In", "a new poll", "speech")),
        # after any other speech event the subject speaks and the verb is the cue
        (
            "In a statement, the Kentucky Republican on Tuesday dismissed Obama's actions on guns.",
            ("Obama's actions on guns", "dismissed", "the Kentucky Republican", "speech"),
        ),
        ("In an interview he named it as a reason for the bias.", ("it as a reason for the bias", "named", "he", "speech")),
        ("Trump's claim that his net worth exceeds $10 billion was disputed.", ("that his net worth exceeds $10 billion", "claim", "Trump's", "speech")),
        ("Clinton called for a ban on assault weapons.", ("a ban on assault weapons", "called for", "Clinton", "speech")),
        ("TRUMP: We are going to win so much.", ("We are going to win so much", ":", "TRUMP", "speech")),
        # the relative pronoun is the source mention, as "He" is (PolNeAR marks it; speakers resolve it)
        ("Smith, who said the vote was rigged, left early.", ("the vote was rigged", "said", "who", "speech")),
        # "is expected to": the subject and the infinitive are what someone unnamed expects
        ("Trump is expected to deliver a victory speech tonight.", ("Trump is expected to deliver a victory speech tonight", "is expected", None, "belief")),
        # the content stays in the cue's paragraph
        ("He spoke for an hour.\n\nSmith said the plan works.", ("the plan works", "said", "Smith", "speech")),
    ],
)
def test_reported_finds(nlp, text, expected):
    assert expected in candidates(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "It was previously anticipated that the Duma would handle the bill by mid-month.",  # unattributed passive
        "It is said that the bill will pass.",
        "The bill is supposed to pass next week.",  # only "is expected to" raises a claim out of a passive
        "All rights reserved.",  # boilerplate
        "Do you think the plan will work?",  # a question to the reader
        "The ministry denied it.",  # a bare pronoun says nothing
        "The treaty was signed in June and takes effect next year.",  # no cue
        "An advocacy group called Our Principles opened an office.",  # naming, not reporting
        "As Trump continues to lead in the polls, the party worries.",  # "as" clause, not an aside cue
    ],
)
def test_reported_ignores(nlp, text):
    assert candidates(nlp, text) == []


def test_a_speech_event_is_the_setting_of_the_clause_own_cue(nlp):
    """"In a speech, X struck a tone, saying ...": "saying" reports, not "In" nor "struck"."""
    found = candidates(nlp, "In a victory speech on Tuesday, Mr. Trump struck a measured tone, saying he understood the stakes.")
    assert found == [("he understood the stakes", "saying", "Mr. Trump", "speech")]


def test_reported_content_is_capped_in_run_on_text(nlp):
    doc = nlp("Officials said that " + " and ".join(["the plan works"] * 200) + ".")
    for quote in reported_speech(doc, load_lexicon()):
        span = doc.char_span(quote.content.start, quote.content.end)
        assert span is not None and len(span) <= MAX_CONTENT_TOKENS
