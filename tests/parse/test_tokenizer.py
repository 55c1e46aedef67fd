"""attribution.tokenizer: long punctuation runs tokenized in linear time, the text kept exactly."""

from __future__ import annotations

import time

import pytest

from attribution.tokenizer import LONG_CHUNK, GuardedTokenizer

pytestmark = pytest.mark.slow

BUDGET_S = 2.0  # CPU seconds; guarded about 0.2 s, unguarded spaCy takes about 25 s on each run

RUNS = [
    '"' * 10_000,
    "!" * 10_000,
    "(" * 5_000 + ")" * 5_000,
    "«»“”‘’" * 1_700,
    "'s" * 5_000,
    'He said "' + "?!" * 5_000 + '" and left.\n\n"Yes," she said.',
]


@pytest.mark.parametrize("text", RUNS, ids=lambda t: repr(t[:6]))
def test_tokenizer_long_punctuation_run_is_fast_and_exact(nlp, text):
    start = time.process_time()
    doc = nlp.tokenizer(text)
    assert time.process_time() - start < BUDGET_S
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)


@pytest.mark.parametrize(
    "text",
    [
        '"We will win," the senator said.\n\nOfficials  denied it.',  # short: the plain tokenizer
        "word " * 400 + "https://example.com/" + "a" * 200 + " end.",  # long, but no long chunk
    ],
)
def test_tokenizer_ordinary_text_tokenized_as_before(nlp, text):
    plain = nlp.tokenizer.tokenizer
    assert [(t.text, t.whitespace_) for t in GuardedTokenizer(plain)(text)] == [(t.text, t.whitespace_) for t in plain(text)]


def test_tokenizer_long_chunk_cut_but_neighbours_kept(nlp):
    head, run, tail = "Before it:\n\n", "!" * (LONG_CHUNK + 1), '  after it, "quoted."'
    doc = nlp.tokenizer(head + run + tail)
    plain = nlp.tokenizer.tokenizer
    assert doc.text == head + run + tail
    assert [t.text for t in doc if t.idx < len(head)] == [t.text for t in plain(head)]
    assert [t.text for t in doc if t.idx >= len(head + run)] == [t.text for t in plain(tail)]
    assert "".join(t.text_with_ws for t in doc if len(head) <= t.idx < len(head + run)) == run


def test_tokenizer_is_what_the_pipeline_uses(nlp):
    start = time.process_time()
    doc = nlp.make_doc('"' * 10_000)  # nlp(text) and nlp.pipe tokenize through make_doc
    assert time.process_time() - start < BUDGET_S
    assert isinstance(nlp.tokenizer, GuardedTokenizer) and len(doc) == 10_000
