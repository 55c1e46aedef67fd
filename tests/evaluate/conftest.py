"""Helpers for the evaluator's tests: predicted rows and tiny gold sets built by hand."""

from __future__ import annotations

import pytest

from attribution.evaluate.gold import GoldDoc, GoldLabels, GoldQuote, GoldSet
from attribution.types import Attribution, TextSpan


@pytest.fixture
def make_row():
    """make_row(doc_id, start, end, **columns) -> Attribution with empty defaults."""

    def build(doc_id: str, start: int, end: int, **columns) -> Attribution:
        values = dict(
            doc_id=doc_id, quote_id="q001", quote_type="direct", quote_text="", quote_start=start, quote_end=end,
            cue="", cue_start=None, cue_end=None, speaker="", speaker_type="", speaker_role="",
            speaker_mention="", mention_start=None, mention_end=None, stance="assertion", stance_score=1.0,
        )
        values.update(columns)
        return Attribution(**values)

    return build


@pytest.fixture
def make_gold():
    """make_gold(text, [content pieces, ...], doc_id=..., labels=[...]) -> GoldSet of one document."""

    def build(text: str, contents, doc_id: str = "a", labels=None, sources=None, cues=None) -> GoldSet:
        quotes = tuple(
            GoldQuote(
                doc_id=doc_id,
                gold_id=f"E{i}",
                content=tuple(TextSpan.of(text, s, e) for s, e in pieces),
                source=tuple(TextSpan.of(text, s, e) for s, e in (sources[i] if sources else ())),
                cue=tuple(TextSpan.of(text, s, e) for s, e in (cues[i] if cues else ())),
                labels=labels[i] if labels else None,
            )
            for i, pieces in enumerate(contents)
        )
        return GoldSet((GoldDoc(doc_id, text, quotes),))

    return build


@pytest.fixture
def labels():
    def build(stance="assertion", name="", aliases=(), speaker_type="person", role="", also=()) -> GoldLabels:
        return GoldLabels(name, tuple(aliases), speaker_type, role, stance, tuple(also))

    return build
