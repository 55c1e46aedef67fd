"""Cut a document into encoder windows of whole sentences, keeping every subword's character offsets.

Training and inference both call `make_windows`, so the tagger always sees inputs formatted the
same way. Nothing is truncated: every subword token lands in exactly one window, and a sentence
longer than a window is cut into consecutive pieces.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

# [CLS] and [SEP] take two positions of every window.
SPECIAL_TOKENS = 2


@dataclass(frozen=True)
class Window:
    """A run of subword tokens of one document; `offsets[i]` is token i's (start, end) in the text."""

    input_ids: tuple[int, ...]
    offsets: tuple[tuple[int, int], ...]

    def __len__(self) -> int:
        return len(self.input_ids)


@dataclass(frozen=True)
class EncodedText:
    """All subword tokens of a text, without special tokens."""

    input_ids: tuple[int, ...]
    offsets: tuple[tuple[int, int], ...]


def encode_text(tokenizer, text: str) -> EncodedText:
    """Tokenise a whole text once; offsets are exact character positions into `text`."""
    encoding = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
    pairs = [(i, (s, e)) for i, (s, e) in zip(encoding["input_ids"], encoding["offset_mapping"]) if e > s]
    return EncodedText(tuple(i for i, _ in pairs), tuple(o for _, o in pairs))


def sentence_token_ranges(offsets: Sequence[tuple[int, int]], sentence_starts: Sequence[int]) -> list[tuple[int, int]]:
    """Token index ranges [a, b) per sentence; a token belongs to the sentence holding its first character."""
    ranges: list[tuple[int, int]] = []
    boundaries = sorted(set(sentence_starts) | {0})
    token = 0
    for number, start in enumerate(boundaries):
        end = boundaries[number + 1] if number + 1 < len(boundaries) else float("inf")
        first = token
        while token < len(offsets) and offsets[token][0] < end:
            token += 1
        if token > first:
            ranges.append((first, token))
    return ranges


def pack_windows(ranges: Sequence[tuple[int, int]], max_tokens: int) -> list[tuple[int, int]]:
    """Greedily join consecutive sentences into windows of at most `max_tokens` subwords."""
    windows: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for first, last in ranges:
        for a in range(first, last, max_tokens):  # a sentence longer than a window is cut in pieces
            b = min(a + max_tokens, last)
            if current is not None and b - current[0] <= max_tokens:
                current = (current[0], b)
            else:
                if current is not None:
                    windows.append(current)
                current = (a, b)
    if current is not None:
        windows.append(current)
    return windows


def make_windows(tokenizer, text: str, sentence_starts: Sequence[int], max_length: int) -> list[Window]:
    """Windows of whole sentences, each at most `max_length` positions including [CLS] and [SEP]."""
    encoded = encode_text(tokenizer, text)
    ranges = sentence_token_ranges(encoded.offsets, sentence_starts)
    return [
        Window(encoded.input_ids[a:b], encoded.offsets[a:b])
        for a, b in pack_windows(ranges, max_length - SPECIAL_TOKENS)
    ]
