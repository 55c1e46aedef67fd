"""Match predicted quotes to gold ones, the way shared/README.md counts them.

Overlap is counted in alphanumeric characters only (quote marks, spaces and punctuation ignored),
as a share of the gold content's alphanumeric characters; a pair matches at >= LENIENT (0.3) or
>= STRICT (0.8). Pairs are taken one-to-one, largest overlap (in characters) first. The caller
matches one document at a time, so predictions never meet another document's gold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

LENIENT = 0.3
STRICT = 0.8

Span = tuple[int, int]


@dataclass(frozen=True)
class Match:
    pred: int  # index into the predicted spans
    gold: int  # index into the gold contents
    overlap: int  # alphanumeric characters in common
    share: float  # overlap / the gold content's alphanumeric characters


class AlnumIndex:
    """Prefix counts of alphanumeric characters in one text, so any span is counted in O(1)."""

    def __init__(self, text: str) -> None:
        counts = [0]
        for char in text:
            counts.append(counts[-1] + char.isalnum())
        self._counts = counts

    def count(self, start: int, end: int) -> int:
        """Alphanumeric characters in text[start:end]; offsets outside the text are clipped."""
        last = len(self._counts) - 1
        start = min(max(start, 0), last)
        end = min(max(end, start), last)
        return self._counts[end] - self._counts[start]

    def size(self, spans: Sequence[Span]) -> int:
        return sum(self.count(s, e) for s, e in merge(spans))

    def overlap(self, a: Sequence[Span], b: Sequence[Span]) -> int:
        """Alphanumeric characters that lie in both span sets (each set may be discontinuous)."""
        total = 0
        for a_start, a_end in merge(a):
            for b_start, b_end in merge(b):
                if a_start < b_end and b_start < a_end:
                    total += self.count(max(a_start, b_start), min(a_end, b_end))
        return total


def merge(spans: Sequence[Span]) -> list[Span]:
    """Sorted, non-overlapping spans covering the same characters (so nothing is counted twice)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        elif start < end:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def match_spans(
    index: AlnumIndex, predicted: Sequence[Span], gold: Sequence[Sequence[Span]], threshold: float
) -> list[Match]:
    """One-to-one matches at `threshold` or above, greedily by largest overlap.

    Pairs under the threshold are dropped before the greedy pass, so they never block a valid pair.
    Ties are broken by share, then by position, so the result is deterministic.
    """
    candidates = []
    for g, pieces in enumerate(gold):
        size = index.size(pieces)
        if size == 0:  # a content with no letters or digits can never be matched
            continue
        for p, span in enumerate(predicted):
            common = index.overlap([span], pieces)
            if common and common / size >= threshold:
                candidates.append(Match(p, g, common, common / size))
    candidates.sort(key=lambda m: (-m.overlap, -m.share, m.gold, m.pred))
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    matches = []
    for candidate in candidates:
        if candidate.pred in used_pred or candidate.gold in used_gold:
            continue
        used_pred.add(candidate.pred)
        used_gold.add(candidate.gold)
        matches.append(candidate)
    return sorted(matches, key=lambda m: m.gold)
