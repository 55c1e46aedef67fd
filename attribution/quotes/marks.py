"""Quotation-mark structure of a text: which marks pair up, found on characters alone (no parse).

Every style is read: straight and curly double marks, NYT-style doubled apostrophes (''...''),
guillemets, low-9 marks, and single marks where they clearly pair. An apostrophe inside a word
(don't), before a number (the '90s) or after a plural (Jones') never opens a quote. A quote that
is still open at the end of its paragraph continues only when the next paragraph opens with a mark
(the newspaper convention for a quote running over paragraphs); otherwise it is dropped, so one
stray mark never swallows the rest of a document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterator, Sequence

from attribution.types import TextSpan

MAX_INTRODUCTION_GAP = 4  # characters between an introducing colon and its quotation's words: a space, a mark

# Doubled apostrophes and backticks first, so that '' is one mark and not two single ones.
MARK_RE = re.compile(r"''|``|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019']")
PARAGRAPH_RE = re.compile(r"[^\n]+")

DOUBLE_MARKS = frozenset(['"', "''", "``", "\u201c", "\u201d", "\u201e", "\u201f", "\u00ab", "\u00bb"])
# Marks that only ever open or only ever close; the rest are decided by the characters around them.
OPENERS = frozenset(["``", "\u201e", "\u201f", "\u00ab", "\u2018"])
CLOSERS = frozenset(["\u00bb"])
# Closers by shape that open where nothing can close (Swedish "”...”"); "“" may close a German "„...“".
LENIENT_CLOSERS = frozenset(["\u201d", "\u2019"])

OPEN_CONTEXT = frozenset("([{\u2014\u2013-/")  # a quote may open right after these
CLOSE_CONTEXT = frozenset(".,;:!?)]}\u2014\u2013-/\u2026")  # and close right before these
# A left double mark also opens right after these, as in 'Ryan said,“Look, ...”' (a missing space):
# its shape says it opens; a straight mark there may as well close.
TIGHT_OPEN_CONTEXT = frozenset(",:;")

# A height written with primes, its inch mark a double quote: 6'2", 5’11”.
FEET_AND_INCHES_RE = re.compile(r"\d['\u2019\u2032]\d{1,2}$")

WORD_RE = re.compile(r"[^\W\d_][\w'\u2019.-]*")
SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "for", "to", "in", "on", "at", "by", "with", "or", "vs."})
MAX_TITLE_WORDS = 8  # "“This Week,”", "the “Comprehensive Strategic Partnership Treaty”"

MAX_QUOTE_CHARS = 6000  # a quote longer than a few paragraphs is a stray mark, not speech
MAX_SINGLE_QUOTE_CHARS = 600  # single marks are riskier (apostrophes): pair only nearby ones
MIN_SINGLE_QUOTE_ALNUM = 2  # "rock 'n' roll": one letter between single marks is an elision


@dataclass(frozen=True)
class QuotedSpan:
    """The text between a pair (or a paragraph-spanning chain) of quotation marks."""

    start: int  # first character after the opening mark
    end: int  # the closing mark's offset
    open_start: int  # where the opening mark begins
    close_end: int  # just past the closing mark


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    text: str
    can_open: bool
    can_close: bool


def is_mark_char(char: str) -> bool:
    return char in "\"'`\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019"


def introducing_colon(text: str, start: int) -> int | None:
    """The offset of the colon that introduces a quotation whose words start at `start`
    ('Fallon fired back: “As a guardian ...'), with at most spaces and marks between."""
    position = start
    while position > 0 and start - position < MAX_INTRODUCTION_GAP and (text[position - 1].isspace() or is_mark_char(text[position - 1])):
        position -= 1
    return position - 1 if position > 0 and text[position - 1] == ":" else None


def _flanking(text: str, start: int, end: int, para_start: int, para_end: int) -> tuple[bool, bool]:
    """Whether a mark at [start, end) sits where a quote could open, and where one could close."""
    before = text[start - 1] if start > para_start else " "
    after = text[end] if end < para_end else " "
    can_open = (before.isspace() or before in OPEN_CONTEXT or is_mark_char(before)) and not after.isspace()
    can_close = not before.isspace() and (after.isspace() or after in CLOSE_CONTEXT or is_mark_char(after))
    return can_open, can_close


def _is_apostrophe(text: str, start: int, para_start: int, para_end: int) -> bool:
    """A single mark that is part of a word: don't, O'Brien, the '90s, rock 'n' roll."""
    before = text[start - 1] if start > para_start else " "
    after = text[start + 1] if start + 1 < para_end else " "
    if before.isalnum() and after.isalnum():
        return True
    if after.isdigit():  # '90s, '16
        return True
    return False


def _marks(text: str, para_start: int, para_end: int, double: bool) -> Iterator[_Mark]:
    for match in MARK_RE.finditer(text, para_start, para_end):
        mark = match.group()
        if (mark in DOUBLE_MARKS) != double:
            continue
        start, end = match.span()
        if not double and _is_apostrophe(text, start, para_start, para_end):
            continue
        if double and FEET_AND_INCHES_RE.search(text, max(para_start, start - 6), start):
            continue  # 'he’s like 6’2”,” Rubio said': the first ” is an inch mark
        can_open, can_close = _flanking(text, start, end, para_start, para_end)
        if mark == "\u201c" and start > para_start and text[start - 1] in TIGHT_OPEN_CONTEXT:
            can_open = can_open or (end < para_end and not text[end].isspace())  # 'said,“Look'
        if mark in OPENERS:
            can_close = False
        elif mark in CLOSERS or mark in LENIENT_CLOSERS:
            can_open = can_open and not can_close
        yield _Mark(start, end, mark, can_open, can_close)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in PARAGRAPH_RE.finditer(text) if m.group().strip()]


def _starts_paragraph(text: str, mark: _Mark, para_start: int) -> bool:
    return mark.can_open and not text[para_start : mark.start].strip()


def _family_spans(text: str, double: bool) -> Iterator[QuotedSpan]:
    """Pair one family's marks left to right; only double marks may stay open across paragraphs."""
    limit = MAX_QUOTE_CHARS if double else MAX_SINGLE_QUOTE_CHARS
    least = 1 if double else MIN_SINGLE_QUOTE_ALNUM
    opened: _Mark | None = None
    for para_start, para_end in _paragraphs(text):
        marks = list(_marks(text, para_start, para_end, double))
        if opened is not None:
            if marks and _starts_paragraph(text, marks[0], para_start) and para_end - opened.end <= limit:
                marks = marks[1:]  # the continuation mark of a quote running over paragraphs
            else:
                opened = None  # no continuation: the earlier opening mark was stray
        for mark in marks:
            if opened is None:
                if mark.can_open:
                    opened = mark
            elif mark.can_close:
                yield from _bounded(text, opened, mark, limit, least)
                opened = None
            elif mark.text in OPENERS or mark.text == "\u201c":
                opened = mark  # a second opener: the first was never closed, so it is dropped
        if not double:
            opened = None


def _bounded(text: str, opening: _Mark, closing: _Mark, limit: int, least: int) -> Iterator[QuotedSpan]:
    start, end = opening.end, closing.start
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start > limit or sum(c.isalnum() for c in text[start:end]) < least:
        return
    yield QuotedSpan(start, end, opening.start, closing.end)


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Outermost quoted spans in text order: a span inside (or crossing) an earlier one is dropped."""
    spans = list(_family_spans(text, double=True)) + list(_family_spans(text, double=False))
    spans.sort(key=lambda s: (s.open_start, -s.close_end))
    outermost: list[QuotedSpan] = []
    for span in spans:
        if outermost and span.open_start < outermost[-1].close_end:
            continue
        outermost.append(span)
    return outermost


def looks_like_title(quoted: str) -> bool:
    """Quoted words that name something rather than quote someone: every word but small ones
    capitalised, and not many of them ("Comprehensive Strategic Partnership Treaty", "This Week,")."""
    words = WORD_RE.findall(quoted)
    if not words or len(words) > MAX_TITLE_WORDS:
        return False
    return all(word[0].isupper() or word.lower() in SMALL_WORDS for word in words)


class MarkIndex:
    """The quoted spans of a text, searchable by offset."""

    def __init__(self, text: str, spans: Sequence[QuotedSpan]) -> None:
        self.spans = list(spans)
        self._starts = [s.open_start for s in spans]
        # A title in quotation marks quotes nobody: a content holding one is still indirect.
        self._titles = {s.open_start for s in spans if looks_like_title(text[s.start : s.end])}

    def _at(self, offset: int) -> QuotedSpan | None:
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and offset < self.spans[index].close_end:
            return self.spans[index]
        return None

    def covers(self, span: TextSpan | None) -> bool:
        return span is not None and self._at(span.start) is not None

    def quote_type(self, content: TextSpan) -> str:
        """direct: all inside one pair of marks; mixed: some words quoted; indirect: none."""
        first = self._at(content.start)
        if first is not None and first.start <= content.start and content.end <= first.end:
            return "direct"
        index = bisect_right(self._starts, content.end - 1) - 1
        while index >= 0 and self.spans[index].close_end > content.start:
            if self.spans[index].open_start not in self._titles:
                return "mixed"
            index -= 1
        return "indirect"
