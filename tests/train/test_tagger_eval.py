"""Rows built from the tagger's output for the scorer."""

from __future__ import annotations

from attribution.quotes.spans import TaggedAttribution
from attribution.train.tagger_eval import tagged_rows
from attribution.types import TextSpan

TEXT = "“We won,” she said, “and we will win again.” He said nothing new at all."


def span(words: str) -> TextSpan:
    start = TEXT.index(words)
    return TextSpan.of(TEXT, start, start + len(words))


def test_tagger_eval_rows_span_discontinuous_content_and_keep_text_order():
    later = TaggedAttribution((span("nothing new at all"),), span("said nothing"), span("He"), 0.5)
    split = TaggedAttribution((span("“We won,”"), span("“and we will win again.”")), span("said"), span("she"), 0.9)
    rows = tagged_rows("d", [later, split])
    assert [r.quote_id for r in rows] == ["q001", "q002"]
    first = rows[0]
    assert (first.quote_start, first.quote_end) == (0, TEXT.index("He") - 1)
    assert (first.cue, first.cue_start, first.speaker_mention, first.mention_start) == ("said", TEXT.index("said"), "she", TEXT.index("she"))


def test_tagger_eval_rows_without_cue_or_source_have_no_offsets():
    rows = tagged_rows("d", [TaggedAttribution((span("nothing new at all"),), None, None, 0.4)])
    assert (rows[0].cue, rows[0].cue_start, rows[0].mention_start, rows[0].mention_end) == ("", None, None, None)


def test_tagger_eval_quote_rows_keep_the_detector_offsets():
    from attribution.train.tagger_eval import quote_rows
    from attribution.types import Quote

    quote = Quote(span("nothing new at all"), "indirect", span("said nothing"), span("He"))
    (row,) = quote_rows("d", TEXT, [quote])
    assert TEXT[row.quote_start : row.quote_end] == row.quote_text == "nothing new at all"
    assert (row.cue_start, row.speaker_mention, row.mention_start) == (TEXT.index("said nothing"), "He", TEXT.index("He"))
