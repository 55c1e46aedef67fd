"""Scaffold: replaced by the speaker resolver."""

from __future__ import annotations

from typing import Sequence

from attribution.types import Quote, Speaker


def resolve_speakers(doc, quotes: Sequence[Quote]) -> list[Speaker]:
    """One Speaker per quote, in the same order."""
    return [Speaker("", "none") for _ in quotes]
