"""The stance model's input: the cue, and the content marked within its sentence.

`format_input` is the ONE function that builds it, called by training (from PolNeAR gold spans),
by inference (from detected quotes) and by the dev measurement (from labelled spans), so the
model always sees text laid out the same way. It works on raw character offsets and never
needs a parse, so training does not depend on spaCy's sentence splits. The input also carries
the cue lexicon's label: the model starts from the spec's word lists and learns when to overrule
them (on held-out annotations this beat the same model without it, 0.83 against 0.81 macro-F1).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from attribution.errors import ModelError
from attribution.stance.lexicon import lexicon_label
from attribution.types import Quote

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

Span = tuple[int, int]

CONTENT_OPEN, CONTENT_CLOSE = "«", "»"  # single tokens in the MiniLM vocabulary, rare in English news
GAP = " … "  # stands for text left out of a long content or context
MAX_SIDE_CHARS = 200  # context kept before and after the cue + content window
MAX_PIECE_CHARS = 400  # a longer content piece keeps its head and its tail: rebuttals often end a quote
PIECE_HEAD_CHARS = 250
BEFORE_CUE_CHARS = 40  # where a negation of the cue lives ("did not deny")
MAX_TOKENS = 160  # the encoder's input length; the context is truncated first
SENTENCE_END = ".!?"
MAX_ABBREVIATION_CHARS = 6
CLOSERS = "\"'”’)]»"  # may follow a sentence's final punctuation


@dataclass(frozen=True)
class StanceInput:
    """What the stance classifiers read about one attribution."""

    cue: str  # the cue words, pieces joined by a space; "" when there is no cue
    content: str  # the content pieces joined by GAP
    context: str  # the sentence(s) holding cue and content, the content marked « »
    before_cue: str  # the words just before the cue, within its sentence
    hint: str  # the cue lexicon's label (assertion, denial or evaluation)


@dataclass(frozen=True)
class MarkerIds:
    """Token ids the classifier pools by: the cue is the first segment, the content is marked."""

    cls: int
    sep: int
    open: int
    close: int


def marker_ids(tokenizer) -> MarkerIds:
    open_id, close_id = tokenizer.convert_tokens_to_ids([CONTENT_OPEN, CONTENT_CLOSE])
    if tokenizer.unk_token_id in (open_id, close_id):
        raise ModelError(f"the tokenizer has no single token for {CONTENT_OPEN} or {CONTENT_CLOSE}")
    return MarkerIds(tokenizer.cls_token_id, tokenizer.sep_token_id, open_id, close_id)


@lru_cache(maxsize=None)
def abbreviations() -> frozenset[str]:
    text = (DATA_DIR / "stance_abbreviations.en.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def format_input(text: str, content: Sequence[Span], cue: Sequence[Span] = ()) -> StanceInput:
    """The model input for one attribution, from character spans of `text` (bad spans are dropped)."""
    content_spans = _clean(text, content)
    cue_spans = _clean(text, cue)
    cue_text = " ".join(_squash(text[s:e]) for s, e in cue_spans)
    content_text = GAP.join(_clip(_squash(text[s:e])) for s, e in content_spans)
    spans = content_spans + cue_spans
    if not spans:
        return StanceInput(cue_text, content_text, "", "", lexicon_label(cue_text, content_text).label)
    low, high = min(s for s, _ in spans), max(e for _, e in spans)
    start, end = _sentence_start(text, low), _sentence_end(text, high)
    before = ""
    if cue_spans:
        cue_start = cue_spans[0][0]
        before = _squash(text[max(start, cue_start - BEFORE_CUE_CHARS) : cue_start])
    hint = lexicon_label(cue_text, content_text, before).label
    return StanceInput(cue_text, content_text, _marked_context(text, start, end, content_spans), before, hint)


def quote_input(text: str, quote: Quote) -> StanceInput:
    """The model input for a detected quote of the document whose text is `text`."""
    cue = [(quote.cue.start, quote.cue.end)] if quote.cue else []
    return format_input(text, [(quote.content.start, quote.content.end)], cue)


def encode(tokenizer, inputs: Sequence[StanceInput]):
    """Token ids for a batch: (lexicon label : cue, context) as a sentence pair; only the context is cut."""
    return pad(tokenizer, tokenize(tokenizer, inputs))


def tokenize(tokenizer, inputs: Sequence[StanceInput]):
    """Unpadded token ids of each input, for `pad` to batch (inference sorts them by length first)."""
    return tokenizer(*_pairs(inputs), truncation="only_second", max_length=MAX_TOKENS)


def pad(tokenizer, encoded, rows: Sequence[int] | None = None, multiple: int | None = None):
    """The given rows of `tokenize`'s output (all by default) as one padded tensor batch, its width
    rounded up to `multiple` if given."""
    rows = range(len(encoded["input_ids"])) if rows is None else rows
    batch = {key: [values[i] for i in rows] for key, values in encoded.items()}
    return tokenizer.pad(batch, return_tensors="pt", pad_to_multiple_of=multiple)


def _pairs(inputs: Sequence[StanceInput]) -> tuple[list[str], list[str]]:
    return [f"{item.hint} : {item.cue}" for item in inputs], [item.context for item in inputs]


def _clean(text: str, spans: Sequence[Span]) -> list[Span]:
    """Spans clipped to the text, empty ones dropped, sorted and with overlaps merged."""
    clipped = sorted((max(0, int(s)), min(len(text), int(e))) for s, e in spans)
    merged: list[Span] = []
    for start, end in clipped:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked_context(text: str, start: int, end: int, content: Sequence[Span]) -> str:
    parts = []
    position = start
    for s, e in content:
        parts.append(_clip(_squash(text[position:s]), MAX_SIDE_CHARS, MAX_SIDE_CHARS // 2))
        parts.append(f"{CONTENT_OPEN} {_clip(_squash(text[s:e]))} {CONTENT_CLOSE}")
        position = e
    parts.append(_squash(text[position:end]))
    return " ".join(p for p in parts if p)


def _squash(piece: str) -> str:
    """Whitespace runs (newlines included) as one space: layout carries no stance."""
    return " ".join(piece.split())


def _clip(piece: str, limit: int = MAX_PIECE_CHARS, head: int = PIECE_HEAD_CHARS) -> str:
    if len(piece) <= limit:
        return piece
    tail = limit - head
    return piece[:head].rstrip() + GAP + piece[-tail:].lstrip()


def _is_boundary(text: str, period: int) -> bool:
    """Whether the punctuation at `period` ends a sentence (not "U.S." or "Mr.")."""
    if text[period] != ".":
        return True
    word_start = period
    floor = max(0, period - MAX_ABBREVIATION_CHARS - 1)  # bounded: a long word is no abbreviation
    while word_start > floor and text[word_start - 1].isalpha():
        word_start -= 1
    word = text[word_start:period]
    return not (len(word) == 1 or word.lower() in abbreviations())


def _sentence_start(text: str, position: int) -> int:
    """The start of the sentence holding `position`, at most MAX_SIDE_CHARS before it."""
    floor = max(0, position - MAX_SIDE_CHARS)
    for i in range(position - 1, floor - 1, -1):
        char = text[i]
        if char == "\n":
            return i + 1
        if char.isspace():
            j = i - 1
            while j >= floor and text[j] in CLOSERS:
                j -= 1
            if j >= floor and text[j] in SENTENCE_END and _is_boundary(text, j):
                return i + 1
    if floor == 0:
        return 0
    space = text.find(" ", floor, position)  # do not start inside a word
    return space + 1 if space != -1 else floor


def _sentence_end(text: str, position: int) -> int:
    """The end of the sentence holding `position - 1`, at most MAX_SIDE_CHARS after it."""
    ceiling = min(len(text), position + MAX_SIDE_CHARS)
    for i in range(max(0, position - 1), ceiling):
        char = text[i]
        if char == "\n" and i >= position:
            return i
        if char in SENTENCE_END and _is_boundary(text, i):
            j = i + 1
            while j < ceiling and text[j] in CLOSERS:
                j += 1
            if j >= len(text) or text[j].isspace():
                return max(j, position)
    if ceiling == len(text):
        return ceiling
    space = text.rfind(" ", position, ceiling)  # do not end inside a word
    return space if space != -1 else ceiling
