"""The cue-lexicon baseline (stance v1): rules of shared/spec/stance.md on small sentences."""

from __future__ import annotations

import pytest

from attribution.stance.inputs import format_input
from attribution.stance.lexicon import lexicon_stance, tokens


@pytest.mark.parametrize(
    ("text", "content", "cue", "expected"),
    [
        # denial: a denial cue, or a content that rebuts a claim in circulation
        ("The minister denied the allegations.", "the allegations", "denied", "denial"),
        ("She dismissed reports of a rift.", "reports of a rift", "dismissed", "denial"),
        ("He said the report was false.", "the report was false", "said", "denial"),
        ('"That is fake news," the spokesman said.', "That is fake news,", "said", "denial"),
        ("Officials said the claims were not true.", "the claims were not true", "said", "denial"),
        ("The company said the allegations had no substance.", "the allegations had no substance", "said", "denial"),
        # assertion: a plain negative statement rebuts nothing
        ("The firm said Sales did not grow in May.", "Sales did not grow in May", "said", "assertion"),
        ("He said he will visit Paris next week.", "he will visit Paris next week", "said", "assertion"),
        ("According to the police, two people were arrested.", "two people were arrested", "According to", "assertion"),
        # a negated cue takes no side
        ("He did not deny the report.", "the report", "deny", "assertion"),
        ("She never criticized the plan.", "the plan", "criticized", "assertion"),
        # evaluation: a judging cue or value-laden content
        ("The senator praised the deal.", "the deal", "praised", "evaluation"),
        ("He called the treaty a disgrace.", "the treaty a disgrace", "called", "evaluation"),
        # "liar" judges a person, not a claim (stance.md: "called him a weak ... leader")
        ("Sanders called Trump a pathological liar.", "Trump a pathological liar", "called", "evaluation"),
        ("She said the plan was dangerous.", "the plan was dangerous", "said", "evaluation"),
        ("He said voters should reject the bill.", "voters should reject the bill", "said", "evaluation"),
        # "called for" proposes, it does not judge
        ("Trump called for steep tariffs on imports.", "steep tariffs on imports", "called for", "assertion"),
    ],
)
def test_lexicon_stance_table(stance_input, text, content, cue, expected):
    assert lexicon_stance(stance_input(text, content, cue)).label == expected


def test_lexicon_stance_denial_wins_over_judgement(stance_input):
    text = "He denied the story, calling the senator a liar."
    assert lexicon_stance(stance_input(text, "the story", "denied")).label == "denial"


def test_lexicon_stance_scores_are_probabilities():
    text = "He said the report was false."
    c = text.index("the report")
    stance = lexicon_stance(format_input(text, [(c, len(text) - 1)], [(3, 7)]))
    assert 0.0 < stance.score <= 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [("It isn’t true", ["it", "isn't", "true"]), ("FAKE   news!", ["fake", "news"]), ("", [])],
)
def test_lexicon_tokens(text, expected):
    assert tokens(text) == expected
