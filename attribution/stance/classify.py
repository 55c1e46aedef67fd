"""Scaffold: replaced by the cue-lexicon baseline and the fine-tuned classifier."""

from __future__ import annotations

from typing import Sequence

from attribution.types import Quote, Stance


def classify_stances(docs: Sequence, quotes_per_doc: Sequence[Sequence[Quote]]) -> list[list[Stance]]:
    """One Stance per quote, per document, in the same order."""
    return [[Stance("assertion", 0.5) for _ in quotes] for quotes in quotes_per_doc]
