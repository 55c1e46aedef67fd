"""For any text, extraction never raises and every row keeps the spec's offset invariants."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attribution.pipeline import Pipeline
from attribution.types import Document
from invariants import assert_invariants

pytestmark = pytest.mark.slow

NEWS_BITS = [
    '"We will win," the senator said. ', "“It is false,” she told reporters. ", "He denied the reports. ",
    "According to officials, the deal is done. ", "« Non », a-t-il dit. ", "„Nein“, sagte er. ",
    "‘Fine’, he said. ", '"unbalanced quote ', "The minister, 54, said that ", "\n\n", "it's the '90s. ",
    "=SUM(A1:A2) said Bob. ", "<script>alert(1)</script> ", "\u200b\ufeff", "\r\n", "Q: Why?\nA: Because. ",
]

news_like = st.lists(st.one_of(st.sampled_from(NEWS_BITS), st.text(max_size=40)), max_size=12).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=news_like)
def test_properties_extract_never_raises_and_keeps_offsets(text):
    (result,) = Pipeline().run([Document("fuzz", text)])
    assert result.error is None, result.error  # a failure would be caught and reported: it must not happen
    assert_invariants(text, result.attributions)
