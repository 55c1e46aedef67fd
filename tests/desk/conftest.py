"""Fixtures of the fact-checker's desk tests: hand-made documents and attribution rows."""

from __future__ import annotations

from dataclasses import replace

import pytest

from attribution.types import Attribution, Document


def row(document: Document, quote_id: str, quote: str, speaker: str, stance: str, **extra) -> Attribution:
    """An attribution of `quote` (a unique substring of the document) by `speaker`."""
    start = document.text.index(quote)
    base = Attribution(
        doc_id=document.doc_id, quote_id=quote_id, quote_type="indirect", quote_text=quote,
        quote_start=start, quote_end=start + len(quote), cue="said", cue_start=None, cue_end=None,
        speaker=speaker, speaker_type="person", speaker_role="", speaker_mention=speaker,
        mention_start=None, mention_end=None, stance=stance, stance_score=0.9, model_version="test",
    )  # fmt: skip
    return replace(base, **extra)


@pytest.fixture
def make_row():
    return row


@pytest.fixture
def troops_doc() -> Document:
    return Document(
        "troops",
        'U.S. Defense Secretary Lloyd Austin said "North Korean troops are in Russia." '
        "Moscow denied that North Korean soldiers had been sent to Russia.",
        "troops.txt",
    )
