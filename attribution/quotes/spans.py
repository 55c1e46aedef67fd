"""The tagger's label scheme and its decoding into linked attributions.

Three independent BIO layers (content, cue, source) over subword tokens, so a cue inside someone
else's content, or a source inside a content, keeps its own label. Decoding reads each layer into
character spans, links every content piece to the nearest cue outside it (same or adjacent
sentence) and every cue to the nearest source, and joins content pieces split around their cue
("The plan," he said, "is dead.") into one discontinuous content. Short holes inside a content
are filled, fragments and contents with no cue nearby are dropped.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Sequence

from attribution.types import TextSpan

LAYERS = ("content", "cue", "source")
TAGS = ("O", "B", "I")
O, B, I = range(len(TAGS))
IGNORE = -100  # label of padding and special tokens, skipped by the loss
# A cue or source this many sentences away from its content is not linked.
MAX_SENTENCE_DISTANCE = 1
# Decoding thresholds, chosen on held-out TRAIN articles (never on dev):
INSIDE_THRESHOLD = 0.3  # a token is in a span when P(B) + P(I) exceeds this
SPLIT_THRESHOLD = 0.7  # a run splits in two where P(B) exceeds this and P(I)
MAX_HOLE_ALNUM = 30  # content runs this close (letters and digits between) are one content
MIN_CONTENT_ALNUM = 10  # a shorter content is a fragment, not a claim
EDGE_SEPARATORS = ",;:"  # never the first or last character of a span


@dataclass(frozen=True)
class Piece:
    """A decoded span of one layer, in characters, with the mean probability of its tags."""

    start: int
    end: int
    score: float


@dataclass(frozen=True)
class TaggedAttribution:
    """What the tagger finds: content pieces in text order, their cue and source, and a confidence."""

    content: tuple[TextSpan, ...]
    cue: TextSpan | None
    source: TextSpan | None
    confidence: float

    @property
    def start(self) -> int:
        return self.content[0].start

    @property
    def end(self) -> int:
        return self.content[-1].end


def tag_spans(offsets: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]]) -> list[int]:
    """BIO tags of one layer: tokens overlapping a span are I, its first token B.

    Longer spans are laid first and never overwritten, so a rare nested span of the same layer
    does not cut its outer span in two.
    """
    tags = [O] * len(offsets)
    for start, end in sorted(spans, key=lambda s: s[0] - s[1]):
        inside = [i for i, (a, b) in enumerate(offsets) if a < end and b > start]
        if not inside or any(tags[i] != O for i in inside):
            continue
        tags[inside[0]] = B
        for i in inside[1:]:
            tags[i] = I
    return tags


def decode_layer(
    text: str, begin: Sequence[float], inside: Sequence[float], offsets: Sequence[tuple[int, int]]
) -> list[Piece]:
    """Character spans of one layer from each token's P(B) and P(I).

    Reading probabilities rather than argmax tags keeps a span whole where the model hesitates
    between B and I; a new span starts inside a run only where B clearly wins.
    """
    pieces: list[Piece] = []
    first = None
    for i in range(len(offsets) + 1):
        is_in = i < len(offsets) and begin[i] + inside[i] > INSIDE_THRESHOLD
        splits = is_in and first is not None and begin[i] > max(inside[i], SPLIT_THRESHOLD)
        if first is not None and (not is_in or splits):
            start, end = whole_words(text, offsets[first][0], offsets[i - 1][1])
            score = sum(begin[t] + inside[t] for t in range(first, i)) / (i - first)
            pieces.append(Piece(start, end, min(score, 1.0)))
            first = None
        if is_in and first is None:
            first = i
    return pieces


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span that starts or ends inside a word (a subword piece) to the whole word, and drop
    the separators a span may pick up at its edges (", “It is" -> "“It is")."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end - 1 and (text[start].isspace() or text[start] in EDGE_SEPARATORS):
        start += 1
    while end > start + 1 and (text[end - 1].isspace() or text[end - 1] in EDGE_SEPARATORS):
        end -= 1
    return start, end


def _alnum(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def fill_holes(text: str, contents: Sequence[Piece], blockers: Sequence[Piece]) -> list[Piece]:
    """Join content runs separated by a short hole in one paragraph with no cue or source in it:
    the model often drops a few tokens in the middle of a long content."""
    joined: list[Piece] = []
    for piece in sorted(contents, key=lambda p: p.start):
        if joined:
            last = joined[-1]
            hole = text[last.end : piece.start]
            blocked = any(last.end <= b.start and b.end <= piece.start for b in blockers)
            # nested pieces (a content inside a content) stay apart
            if piece.start >= last.end and _alnum(hole) <= MAX_HOLE_ALNUM and "\n" not in hole and not blocked:
                joined[-1] = Piece(last.start, piece.end, (last.score + piece.score) / 2)
                continue
        joined.append(piece)
    return joined


class _Sentences:
    """Sentence index of a character position."""

    def __init__(self, sentence_starts: Sequence[int]):
        self.starts = sorted(sentence_starts)

    def of(self, position: int) -> int:
        return bisect_right(self.starts, position)

    def distance(self, a: Piece, b: Piece) -> int:
        """How many sentence boundaries lie between two pieces (0 when they share a sentence)."""
        first, second = (a, b) if a.start <= b.start else (b, a)
        return max(0, self.of(second.start) - self.of(first.end - 1))


def _gap(a: Piece, b: Piece) -> int:
    return max(0, b.start - a.end, a.start - b.end)


def _inside(inner: Piece, outer: Piece) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _nearest(target: Piece, candidates: Sequence[Piece], sentences: _Sentences, exclude: Sequence[Piece]) -> Piece | None:
    """The closest candidate not inside an excluded span: one in the target's own sentences first,
    then one in an adjacent sentence (a cue after a long source beats a nearer one across a full stop)."""
    allowed = [
        (distance, _gap(target, c), c.start, c)
        for c in candidates
        if (distance := sentences.distance(target, c)) <= MAX_SENTENCE_DISTANCE and not any(_inside(c, x) for x in exclude)
    ]
    return min(allowed, key=lambda t: t[:3], default=(None,))[-1]


def link(
    text: str,
    contents: Sequence[Piece],
    cues: Sequence[Piece],
    sources: Sequence[Piece],
    sentence_starts: Sequence[int],
) -> list[TaggedAttribution]:
    """Tie content pieces to cues and sources; pieces split around their shared cue become one content."""
    sentences = _Sentences(sentence_starts)
    # A source names someone: a lone comma tagged at the end of a long source is no source (a cue
    # may be a lone colon).
    sources = [s for s in sources if _alnum(text[s.start : s.end])]
    groups: list[tuple[list[Piece], Piece | None]] = []
    for piece in fill_holes(text, contents, [*cues, *sources]):
        cue = _nearest(piece, cues, sentences, exclude=[piece])
        if groups and _continues(text, groups[-1], piece, cue, sources, sentences):
            groups[-1][0].append(piece)
        else:
            groups.append(([piece], cue))
    # PolNeAR gives every attribution a cue: a content with no cue near it is a stray run of tags.
    return [
        _attribution(text, pieces, cue, sources, sentences)
        for pieces, cue in groups
        if cue is not None and sum(_alnum(text[p.start : p.end]) for p in pieces) >= MIN_CONTENT_ALNUM
    ]


def _continues(
    text: str,
    group: tuple[list[Piece], Piece | None],
    piece: Piece,
    cue: Piece | None,
    sources: Sequence[Piece],
    sentences: _Sentences,
) -> bool:
    """A piece continues the previous content when only that content's cue and source (and punctuation)
    lie between them, and the piece has no other cue of its own in its own sentences."""
    pieces, group_cue = group
    if group_cue is None or not (pieces[-1].end <= group_cue.start and group_cue.end <= piece.start):
        return False
    if cue == group_cue:
        return True
    if cue is not None and sentences.distance(piece, cue) == 0:
        return False
    source = _nearest(group_cue, sources, sentences, exclude=pieces)
    between = [Piece(pieces[-1].end, group_cue.start, 0.0), Piece(group_cue.end, piece.start, 0.0)]
    if source is not None:
        between = [part for gap in between for part in _cut(gap, source)]
    return not any(ch.isalnum() for gap in between for ch in text[gap.start : gap.end])


def _cut(span: Piece, hole: Piece) -> list[Piece]:
    """`span` without the characters of `hole`."""
    parts = [Piece(span.start, min(span.end, hole.start), 0.0), Piece(max(span.start, hole.end), span.end, 0.0)]
    return [p for p in parts if p.start < p.end]


def _attribution(
    text: str, pieces: list[Piece], cue: Piece | None, sources: Sequence[Piece], sentences: _Sentences
) -> TaggedAttribution:
    anchor = cue if cue is not None else pieces[0]
    source = _nearest(anchor, sources, sentences, exclude=pieces)
    confidence = sum(p.score * (p.end - p.start) for p in pieces) / sum(p.end - p.start for p in pieces)
    return TaggedAttribution(
        content=tuple(TextSpan.of(text, p.start, p.end) for p in pieces),
        cue=TextSpan.of(text, cue.start, cue.end) if cue else None,
        source=TextSpan.of(text, source.start, source.end) if source else None,
        confidence=confidence,
    )
