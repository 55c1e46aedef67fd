"""For any text, extraction never raises and every row keeps the spec's offset invariants."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribution.pipeline import Pipeline
from attribution.types import Document

pytestmark = pytest.mark.slow

NEWS_BITS = [
    '"We will win," the senator said. ', "“It is false,” she told reporters. ", "He denied the reports. ",
    "According to officials, the deal is done. ", "« Non », a-t-il dit. ", "„Nein“, sagte er. ",
    "‘Fine’, he said. ", '"unbalanced quote ', "The minister, 54, said that ", "\n\n", "it's the '90s. ",
    "=SUM(A1:A2) said Bob. ", "<script>alert(1)</script> ", "\u200b\ufeff", "\r\n", "Q: Why?\nA: Because. ",
]

news_like = st.lists(st.one_of(st.sampled_from(NEWS_BITS), st.text(max_size=40)), max_size=12).map("".join)


def assert_invariants(text: str, rows) -> None:
    for row in rows:
        assert text[row.quote_start : row.quote_end] == row.quote_text
        if row.cue_start is not None:
            assert text[row.cue_start : row.cue_end] == row.cue
        if row.mention_start is not None:
            assert text[row.mention_start : row.mention_end] == row.speaker_mention
        assert row.quote_type in ("direct", "indirect", "mixed")
        assert row.stance in ("assertion", "denial", "evaluation") and 0.0 <= row.stance_score <= 1.0
    assert [r.quote_id for r in rows] == [f"q{i:03d}" for i in range(1, len(rows) + 1)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=news_like)
def test_properties_extract_never_raises_and_keeps_offsets(text):
    (result,) = Pipeline().run([Document("fuzz", text)])
    assert result.error is None, result.error  # a failure would be caught and reported: it must not happen
    assert_invariants(text, result.attributions)
