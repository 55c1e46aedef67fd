"""format_input: the one layout of the stance model's input, for training and inference."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attribution.stance.inputs import CONTENT_CLOSE, CONTENT_OPEN, GAP, MAX_PIECE_CHARS, format_input, quote_input
from attribution.types import Quote, TextSpan


def spans(text: str, *pieces: str) -> list[tuple[int, int]]:
    return [(text.index(p), text.index(p) + len(p)) for p in pieces]


def test_inputs_marks_content_within_its_sentence():
    text = "First sentence here. The minister said the report was false. Another one follows."
    item = format_input(text, spans(text, "the report was false"), spans(text, "said"))
    assert item.cue == "said"
    assert item.content == "the report was false"
    assert item.context == f"The minister said {CONTENT_OPEN} the report was false {CONTENT_CLOSE} ."
    assert item.before_cue == "The minister"


@pytest.mark.parametrize(
    ("text", "content", "cue", "expected_context"),
    [
        # an abbreviation's period does not end the sentence
        ("Hi. The U.S. envoy said talks failed.", "talks failed", "said", "The U.S. envoy said « talks failed » ."),
        ("Intro. Mr. Smith said it rained.", "it rained", "said", "Mr. Smith said « it rained » ."),
        # a paragraph break ends the sentence
        ("Headline\nHe said it rained", "it rained", "said", "He said « it rained »"),
        # a quote split around its cue keeps both pieces and the cue between them
        ('"We won," he said, "and we will win again."', None, "said", None),
    ],
)
def test_inputs_sentence_window(text, content, cue, expected_context):
    if content is None:
        item = format_input(text, spans(text, "We won,", "and we will win again."), spans(text, cue))
        assert item.context.count(CONTENT_OPEN) == 2 and "he said" in item.context
        assert item.content == f"We won,{GAP}and we will win again."
    else:
        assert format_input(text, spans(text, content), spans(text, cue)).context == expected_context


def test_inputs_long_content_keeps_head_and_tail():
    content = "word " * 200 + "which is false"
    item = format_input(content, [(0, len(content))])
    assert len(item.content) <= MAX_PIECE_CHARS + len(GAP)
    assert item.content.endswith("which is false") and GAP in item.content


def test_inputs_without_cue_or_with_bad_spans():
    text = "Officials expect growth."
    assert format_input(text, [(10, 99)], []).content == "expect growth."
    assert format_input(text, [(5, 5), (-3, 0)], []).context == ""


def test_inputs_quote_input_matches_format_input():
    text = "He said it rained."
    quote = Quote(TextSpan.of(text, 8, 17), "indirect", cue=TextSpan.of(text, 3, 7))
    assert quote_input(text, quote) == format_input(text, [(8, 17)], [(3, 7)])


@given(st.text(max_size=300), st.integers(-5, 320), st.integers(-5, 320), st.integers(-5, 320))
def test_inputs_never_raise(text, a, b, c):
    item = format_input(text, [(min(a, b), max(a, b))], [(c, c + 3)])
    assert isinstance(item.context, str)


@pytest.mark.parametrize(
    ("text", "content", "cue", "hint"),
    [
        ("He said the report was false.", "the report was false", "said", "denial"),
        ("He said sales did not grow.", "sales did not grow", "said", "assertion"),
        ("She praised the plan.", "the plan", "praised", "evaluation"),
    ],
)
def test_inputs_carry_the_lexicon_label(text, content, cue, hint):
    assert format_input(text, spans(text, content), spans(text, cue)).hint == hint


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        ("He said the report was false.", "the report was false", "said"),
        ("Police said two people were arrested on Tuesday near the old mill.", "two people were arrested", "said"),
        ("She praised " + "the very long plan " * 60 + "today.", "the very long plan", "praised"),  # cut at MAX_TOKENS
    ],
)
def test_inputs_tokenize_then_pad_is_encode(text, content, cue):
    """Inference tokenizes once, sorts by length and pads each batch: the same ids `encode` gives."""
    from transformers import AutoTokenizer

    from attribution.resources import encoder_path
    from attribution.stance.inputs import MAX_TOKENS, encode, pad, tokenize

    tokenizer = AutoTokenizer.from_pretrained(encoder_path(), local_files_only=True)
    short = format_input("He said it rained.", spans("He said it rained.", "it rained"), spans("He said it rained.", "said"))
    items = [format_input(text, spans(text, content), spans(text, cue)), short]
    encoded = tokenize(tokenizer, items)
    lengths = [len(ids) for ids in encoded["input_ids"]]
    whole = encode(tokenizer, items)
    assert lengths == whole["attention_mask"].sum(dim=1).tolist()
    assert lengths[1] < lengths[0] <= MAX_TOKENS
    (second,) = pad(tokenizer, encoded, [1])["input_ids"].tolist()
    assert second == whole["input_ids"][1, : lengths[1]].tolist()
