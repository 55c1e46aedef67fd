"""Which character offsets a set of contents covers: merged intervals, looked up by bisection, so
that asking for every cue of a long article stays cheap."""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterable

from attribution.types import TextSpan


def holds(span: TextSpan, offset: int) -> bool:
    return span.start <= offset < span.end


class Coverage:
    def __init__(self, spans: Iterable[TextSpan]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted((span.start, span.end) for span in spans):
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def holds(self, offset: int) -> bool:
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ends[index]
