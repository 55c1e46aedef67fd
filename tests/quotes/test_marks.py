"""Quotation-mark pairing on characters alone (no parse: fast)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attribution.quotes.marks import MAX_QUOTE_CHARS, introducing_colon, looks_like_title, quoted_spans


def contents(text: str) -> list[str]:
    return [text[s.start : s.end] for s in quoted_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('He said "hello there," and left.', ["hello there,"]),
        ("“We will win,” she said.", ["We will win,"]),
        ("«Nous allons gagner», a-t-il dit.", ["Nous allons gagner"]),
        ("„Das ist gut“, sagte er.", ["Das ist gut"]),
        ("Ryan said,“Look, they have no place.”", ["Look, they have no place."]),  # a missing space
        ('He said,"Look, no." Then "yes," he said.', ["yes,"]),  # a straight mark there may close: not paired
        ("''We will not back down,'' Mr. Trump said.", ["We will not back down,"]),
        ("‘We are ready to talk,’ the minister said.", ["We are ready to talk,"]),
        ("'We are ready,' the minister said.", ["We are ready,"]),
        # a single-mark quote inside a double one is not a quote of its own
        ('"He told me \'no\' twice," she said.', ["He told me 'no' twice,"]),
        # paragraphs of one quote: the opening mark of the next paragraph continues it
        ("“First paragraph.\n“Second paragraph,” she said.", ["First paragraph.\n“Second paragraph,"]),
        # an inch mark in a height closes nothing
        ("“I admit, he’s like 6’2”,” Rubio said.", ["I admit, he’s like 6’2”,"]),
        ('"He is 5\'11" tall," she said.', ["He is 5'11\" tall,"]),
        # negatives: apostrophes never pair
        ("It's the '90s, don't ask, and Jones' book is out.", []),
        ("Rock 'n' roll is here.", []),
        # negatives: an unbalanced mark never runs on
        ('He said "this never closes', []),
        ("“Never closed.\nThe next paragraph is prose, with “a pair” in it.", ["a pair"]),
        ('A stray " mark', []),
        ('Empty "" marks and "  " blanks', []),
    ],
)
def test_marks_pairs(text, expected):
    assert contents(text) == expected


def test_marks_spans_hold_their_offsets():
    text = "A “first” and a “second one,” he said."
    for span in quoted_spans(text):
        assert text[span.open_start] == "“" and text[span.close_end - 1] == "”"
        assert span.open_start < span.start <= span.end < span.close_end


def test_marks_cap_a_quote_running_over_paragraphs():
    paragraph = "“" + "word " * 300 + "\n"
    text = paragraph * 10 + "end.” he said."
    assert all(s.end - s.start <= MAX_QUOTE_CHARS for s in quoted_spans(text))


@pytest.mark.parametrize(
    "quoted, expected",
    [
        ("Comprehensive Strategic Partnership Treaty", True),
        ("This Week,", True),
        ("Saturday Night Live", True),
        ("secret clauses", False),
        ("We will win this election,", False),
        ("Closing Gitmo is an imperative,", False),
    ],
)
def test_marks_looks_like_title(quoted, expected):
    assert looks_like_title(quoted) is expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n\"'“”‘’«»„`")), max_size=200))
def test_marks_never_crash_and_stay_inside_the_text(text):
    spans = quoted_spans(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.open_start < span.start <= span.end < span.close_end <= len(text)
        assert any(c.isalnum() for c in text[span.start : span.end])
        previous_end = span.close_end


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Fallon fired back: “As a guardian,” he wrote.", 17),
        ('He said: "No."', 7),
        ("He said “no,” she said.", None),  # no colon before the marks
        ("Notes:          “far,” he said.", None),  # too far back to introduce it
    ],
)
def test_marks_introducing_colon(text, expected):
    start = next(i for i, c in enumerate(text) if c in "“\"") + 1
    assert introducing_colon(text, start) == expected
