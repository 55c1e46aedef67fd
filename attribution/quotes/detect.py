"""Scaffold: replaced by the rule-based detector (direct.py + reported.py)."""

from __future__ import annotations

from typing import Sequence

from attribution.types import Quote


def detect_quotes(docs: Sequence) -> list[list[Quote]]:
    """For each parsed spaCy Doc, its quotes (any order; the pipeline sorts them)."""
    return [[] for _ in docs]
