"""How the rules' quotes and the tagger's attributions combine, on hand-made tagger output."""

from __future__ import annotations

import pytest

from attribution.quotes.combine import MIN_ADDED_CONFIDENCE, combine
from attribution.quotes.detect import detect_quotes
from attribution.quotes.lexicon import load_lexicon
from attribution.quotes.marks import MarkIndex, quoted_spans
from attribution.quotes.spans import TaggedAttribution
from attribution.types import TextSpan

pytestmark = pytest.mark.slow  # parses with spaCy


def span(text: str, words: str, after: int = 0) -> TextSpan:
    start = text.index(words, after)
    return TextSpan.of(text, start, start + len(words))


def tagged(text: str, content: list[str], cue: str, source: str | None = None, confidence: float = 0.9) -> TaggedAttribution:
    return TaggedAttribution(
        content=tuple(span(text, c) for c in content),
        cue=span(text, cue),
        source=span(text, source) if source else None,
        confidence=confidence,
    )


def combined(nlp, text: str, found: list[TaggedAttribution]) -> list[tuple]:
    doc = nlp(text)
    (rules,) = detect_quotes([doc], tagger=False)
    quotes = combine(doc, rules, found, MarkIndex(text, quoted_spans(text)), load_lexicon())
    return [
        (q.content.text, q.quote_type, q.cue.text if q.cue else None, q.source_mention.text if q.source_mention else None, q.kind)
        for q in quotes
    ]


def test_combine_adds_an_attribution_the_rules_miss(nlp):
    text = "The group issued a statement of concern about the treatment of refugees."
    found = [tagged(text, ["the treatment of refugees"], "issued a statement of concern about", "The group")]
    assert combined(nlp, text, found) == [
        ("the treatment of refugees", "indirect", "issued a statement of concern about", "The group", "speech")
    ]


@pytest.mark.parametrize("confidence, kept", [(MIN_ADDED_CONFIDENCE, True), (MIN_ADDED_CONFIDENCE - 0.01, False)])
def test_combine_adds_only_what_the_tagger_is_fairly_sure_of(nlp, confidence, kept):
    text = "The group issued a statement of concern about the treatment of refugees."
    found = [tagged(text, ["the treatment of refugees"], "issued a statement of concern about", "The group", confidence)]
    assert bool(combined(nlp, text, found)) is kept


@pytest.mark.parametrize("tagged_source", [None, "South"])
def test_combine_takes_the_parsed_subject_of_an_added_verb_cue(nlp, tagged_source):
    text = "Felicia Sanders, a survivor of the shooting in Charleston, South Carolina, made a call for racial unity."
    found = [tagged(text, ["racial unity"], "made a call for", tagged_source)]
    assert combined(nlp, text, found) == [("racial unity", "indirect", "made a call for", "Felicia Sanders", "speech")]


def test_combine_takes_the_verb_of_a_lone_preposition_cue(nlp):
    text = "Chris Christie lit into Rubio for giving the same speech over and over again."
    found = [tagged(text, ["giving the same speech over and over again"], "for")]
    assert combined(nlp, text, found) == [
        ("giving the same speech over and over again", "indirect", "lit into Rubio for", "Chris Christie", "speech")
    ]


def test_combine_keeps_a_direct_quote_and_its_marks(nlp):
    text = 'Smith said, "The plan will fail."'
    found = [tagged(text, ['Smith said, "The plan'], "said", "Smith")]  # bad tagger boundaries
    assert combined(nlp, text, found) == [("The plan will fail.", "direct", "said", "Smith", "speech")]


def test_combine_takes_the_tagger_boundaries_of_an_indirect_quote(nlp):
    text = "Smith said that the plan will fail next year, according to aides."
    found = [tagged(text, ["the plan will fail next year"], "said", "Smith")]
    (row,) = [r for r in combined(nlp, text, found) if r[2] == "said"]
    assert row[0] == "the plan will fail next year"


def test_combine_refines_only_the_second_side_of_a_content_around_its_cue(nlp):
    text = "The real problem, experts say, is the ground itself and the water in it."
    found = [tagged(text, ["is the ground itself"], "say", "experts")]
    assert combined(nlp, text, found) == [
        ("The real problem, experts say, is the ground itself", "indirect", "say", "experts", "speech")
    ]


def test_combine_refines_a_rule_quote_by_the_tagger_attribution_of_its_own_cue(nlp):
    text = "A spokeswoman said that all staffers sign agreements, though she did not discuss their terms."
    found = [
        tagged(text, ["all staffers sign agreements"], "said", "A spokeswoman"),
        tagged(text, ["their terms"], "did not discuss", "she"),  # after it in the text, over the same rule quote
    ]
    rows = combined(nlp, text, found)
    assert ("all staffers sign agreements", "said") in [(r[0], r[2]) for r in rows]


def test_combine_adds_a_second_attribution_inside_a_refined_rule_quote(nlp):
    text = "Smith said the real extremist is Clinton, and he railed against the moderators for ignoring the issue."
    found = [
        tagged(text, ["the real extremist is Clinton"], "said", "Smith"),
        tagged(text, ["the moderators for ignoring the issue"], "railed against", "he"),
    ]
    assert [(r[0], r[2]) for r in combined(nlp, text, found)] == [
        ("the real extremist is Clinton", "said"),
        ("the moderators for ignoring the issue", "railed against"),
    ]


def test_combine_takes_the_tagger_boundaries_of_a_mixed_quote(nlp):
    text = "Smith said that the deadlock has “kept us safe” before he turned to the border."
    found = [tagged(text, ["that the deadlock has “kept us safe”"], "said", "Smith")]
    rows = combined(nlp, text, found)
    assert [(r[0], r[1]) for r in rows] == [("that the deadlock has “kept us safe”", "mixed")]


def test_combine_keeps_the_marks_of_a_quote_after_that(nlp):
    text = 'The ministry said that "the reports are false."'
    found = [tagged(text, ['that "the reports are false."'], "said", "The ministry")]
    assert [(r[0], r[1]) for r in combined(nlp, text, found)] == [("the reports are false.", "mixed")]


def test_combine_drops_an_attribution_whose_cue_a_rule_quote_holds(nlp):
    text = "“I’m not worried,” he said, “because the voters know us.” The crowd went wild at the rally."
    found = [tagged(text, ["The crowd went wild at the rally"], "said", "he")]
    assert combined(nlp, text, found) == [
        ("I’m not worried,” he said, “because the voters know us.", "direct", "said", "he", "speech")
    ]


def test_combine_drops_an_agentless_passive(nlp):
    text = "It was widely anticipated that the vote would pass by March."
    found = [tagged(text, ["that the vote would pass by March"], "was widely anticipated", "It")]
    assert combined(nlp, text, found) == []


def test_combine_keeps_a_passive_with_its_agent(nlp):
    text = "The vote was described by officials as a formality."
    found = [tagged(text, ["as a formality"], "was described", "officials")]
    assert [r[0] for r in combined(nlp, text, found)] == ["as a formality"]


def test_combine_types_a_belief_by_its_cue(nlp):
    text = "Many voters fear the economy will get worse."
    found = [tagged(text, ["the economy will get worse"], "fear", "Many voters")]
    rows = combined(nlp, text, found)
    assert [(r[0], r[4]) for r in rows] == [("the economy will get worse", "belief")]


def test_combine_types_split_quoted_pieces_as_direct(nlp):
    text = "“We are ready,” the mayor told reporters, “and we will win.” The council disagreed."
    found = [tagged(text, ["We are ready,", "and we will win."], "told", "the mayor")]
    doc = nlp(text)
    quotes = combine(doc, [], found, MarkIndex(text, quoted_spans(text)), load_lexicon())
    assert [(q.quote_type, q.content.text) for q in quotes] == [("direct", "We are ready,” the mayor told reporters, “and we will win.")]


@pytest.mark.parametrize(
    "text, content, cue, source, kept",
    [
        ("The treaty was ratified earlier than initially expected by the Duma.", "The treaty", "expected", None, False),
        ("Sales rose, as analysts had predicted, to a record.", "Sales rose", "predicted", "analysts", True),
    ],
)
def test_combine_drops_a_subjectless_comparison(nlp, text, content, cue, source, kept):
    found = [tagged(text, [content], cue, source)]
    assert bool(combined(nlp, text, found)) is kept


def test_combine_runs_a_tagger_source_that_stops_at_its_article_to_its_noun(nlp):
    text = "In his campaign debut, the former president gave a crowd a warm endorsement of Hillary Clinton."
    found = [tagged(text, ["Hillary Clinton"], "a warm endorsement of", "the")]
    assert combined(nlp, text, found)[0][3] == "the former president"


def test_combine_keeps_a_tagger_source_short_of_its_cue(nlp):
    text = "Many fear Trump will feed insecurity in nations worried about their security."
    found = [tagged(text, ["Trump will feed insecurity in nations worried about their security"], "fear", "Many")]
    assert combined(nlp, text, found)[0][3] == "Many"


@pytest.mark.parametrize(
    "text, source, whole",
    [
        ("At the rally, the Democrat's Brooklyn-based team gave a warm endorsement of Hillary Clinton.", "-based team", "the Democrat's Brooklyn-based team"),
        ("At the rally, a 30-year-old volunteer gave a warm endorsement of Hillary Clinton.", "a 30-", "a 30-year-old volunteer"),
        ("At the rally, Obama's aide gave a warm endorsement of Hillary Clinton.", "Obama", "Obama"),
    ],
)
def test_combine_runs_a_tagger_source_cut_inside_a_word_to_its_noun_phrase(nlp, text, source, whole):
    found = [tagged(text, ["Hillary Clinton"], "a warm endorsement of", source)]
    assert combined(nlp, text, found)[0][3] == whole
