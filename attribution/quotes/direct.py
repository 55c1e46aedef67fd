"""Direct quotes: text in quotation marks that someone is reported to have said.

A quoted span is a quote when it reads like speech (a clause, a full sentence, or words ending in
the punctuation of a sentence) and a cue attributes it: the verb its clause hangs from, a cue verb
elsewhere in its sentence, a colon introduction ("X: “...”"), or the quote just before it in the
same paragraph ("“A,” he said. “B.”": one speaker, two pieces). Titles and scare quotes ("the
“Comprehensive Strategic Partnership Treaty”", "any “secret clauses”") have no clause and no cue:
they stay part of whatever reported speech holds them.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from attribution.quotes.lexicon import CueLexicon
from attribution.quotes.marks import QuotedSpan, is_mark_char, looks_like_title
from attribution.quotes.reported import is_cue_verb
from attribution.quotes.syntax import (
    SUBJECT_DEPS,
    Paragraphs,
    char_span,
    cue_bounds,
    is_unattributed_passive,
    mention_bounds,
    subject_of,
)
from attribution.types import Quote, TextSpan

VERB_POS = frozenset({"VERB", "AUX"})
# Deps by which a cue verb hangs from the quote's own clause ("“...,” he said" is often parsed
# with the quote as the main clause and "said" as an aside).
ASIDE_CUE_DEPS = frozenset({"parataxis", "ccomp", "advcl", "conj"})
SENTENCE_END = frozenset(".!?,;:\u2026")
MIN_CLAUSE_WORDS = 6  # this many words read as speech even without a verb the tagger saw
MIN_LOOSE_WORDS = 3  # shorter quotes ("“Nice try,” she said") need a cue their clause hangs from
COMPLEMENTIZERS = frozenset({"that"})
NAME_PART_DEPS = frozenset({"compound", "flat"})  # "Melanne" in "Melanne Verveer"
COLON = ":"
SOURCE_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})  # who may open a "Name: “...”" quote
MAX_TAG_SENTENCE_TOKENS = 12  # "Priebus said on Tuesday." split from the quote before it
MAX_CUE_DISTANCE = 40  # tokens: a cue further from its quote belongs to something else
MAX_PIECE_GAP = 40  # characters between the pieces of a quote split around its cue
MAX_COLON_LOOKBACK = 200  # characters searched back from an opening mark for a colon
MAX_TAG_CHARS = 80  # "Rubio said Sunday in Virginia as the crowd roared." after a quote


@dataclass(frozen=True)
class _Cue:
    verb: Token | None  # None for a bare colon introduction
    start: int  # token bounds of the cue words
    end: int
    mention: tuple[int, int] | None  # token bounds of the words naming the source


def direct_quotes(doc: Doc, spans: Sequence[QuotedSpan], lexicon: CueLexicon) -> Iterator[Quote]:
    """Attributed quotes among the quoted spans; continuation pieces repeat their first piece's cue."""
    text = doc.text  # built once: Doc.text joins every token on each call
    inside = _QuoteIndex(spans)
    paragraphs = Paragraphs(doc)
    newlines = [i for i, char in enumerate(text) if char == "\n"]
    previous: tuple[QuotedSpan, _Cue, int] | None = None  # last attributed quote and its paragraph
    for span in spans:
        tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
        if tokens is None or not len(tokens) or not _reads_as_speech(text, span, tokens):
            continue
        window = (paragraphs.bounds(tokens[0])[0], paragraphs.bounds(tokens[-1])[1])
        cue = _syntactic_cue(tokens, window, inside, lexicon)
        if cue is None and _stands_alone(text, span, tokens):
            cue = _sentence_cue(text, tokens, window, inside, lexicon) or _colon_cue(doc, text, span, inside, lexicon)
        paragraph = bisect_left(newlines, span.open_start)
        if cue is None and previous is not None and _continues(doc, text, previous, span, tokens, paragraph, inside, lexicon):
            cue = previous[1]
        if cue is None:
            continue
        previous = (span, cue, paragraph)
        yield _quote(doc, text, span, tokens, cue)


def _quote(doc: Doc, text: str, span: QuotedSpan, tokens: Span, cue: _Cue) -> Quote:
    mention = cue.mention
    if mention is not None and span.open_start <= doc[mention[0]].idx < span.close_end:
        mention = _outside_quote(doc, tokens, mention) or _name_after_close(doc, tokens, cue)
    elif mention is None and cue.verb is not None and cue.start >= tokens.end:
        mention = _name_after_close(doc, tokens, cue)  # the verb after the quote lost its subject to it
    source = char_span(doc, *mention) if mention is not None else None
    return Quote(
        content=TextSpan.of(text, span.start, span.end),
        # A quotation brought in by "that" is grammatically reported speech with quoted words.
        quote_type="mixed" if _after_complementizer(doc, tokens) else "direct",
        cue=char_span(doc, cue.start, cue.end),
        source_mention=source,
        kind="speech",
    )


def _outside_quote(doc: Doc, tokens: Span, mention: tuple[int, int]) -> tuple[int, int] | None:
    """No one is named inside their own quotation: of a mention that runs from inside the quote
    past its closing mark ("It’s unanimous,” councilmember Mark Levine), the words after the mark."""
    start = _after_closing_mark(doc, tokens)
    return (start, mention[1]) if start < mention[1] else None


def _after_closing_mark(doc: Doc, tokens: Span) -> int:
    """The first word after the quote's closing mark and the punctuation around it."""
    i = tokens.end
    while i < len(doc) and (doc[i].is_punct or doc[i].is_space):
        i += 1
    return i


def _name_after_close(doc: Doc, tokens: Span, cue: _Cue) -> tuple[int, int] | None:
    """'“...,” Ramos, 58, told AFP': the name right after the closing mark, before the cue verb.
    The parser may hang it on a word of the quote (an apposition), leaving the verb with no
    subject or with one inside the quotation marks ("This is not a Hollemans", "We were wrong")."""
    i = _after_closing_mark(doc, tokens)
    if i >= cue.start or doc[i].pos_ != "PROPN":
        return None
    head = doc[i]
    while head.dep_ in NAME_PART_DEPS and head.head.i > head.i and head.head.pos_ == "PROPN":
        head = head.head
    return mention_bounds(head)


def _after_complementizer(doc: Doc, tokens: Span) -> bool:
    before = tokens.start - 2  # the token before the opening mark
    return before >= 0 and doc[before].lower_ in COMPLEMENTIZERS and doc[before].dep_ == "mark"


class _QuoteIndex:
    """Which tokens lie inside quotation marks, answered in O(log n)."""

    def __init__(self, spans: Sequence[QuotedSpan]) -> None:
        self._starts = [s.open_start for s in spans]
        self._spans = list(spans)

    def covers(self, token: Token) -> bool:
        index = bisect_left(self._starts, token.idx + 1) - 1
        return index >= 0 and token.idx < self._spans[index].close_end


def _reads_as_speech(text: str, span: QuotedSpan, tokens: Span) -> bool:
    """A clause or a sentence, not a title or a scare-quoted phrase."""
    words = _words(tokens)
    if len(words) < 2 or looks_like_title(text[span.start : span.end]):
        return False
    if len(words) >= MIN_CLAUSE_WORDS or text[span.end - 1] in SENTENCE_END:
        return True
    return any(t.pos_ in VERB_POS for t in words)


def _words(tokens: Span) -> list[Token]:
    return [t for t in tokens if not (t.is_punct or t.is_space)]


def _stands_alone(text: str, span: QuotedSpan, tokens: Span) -> bool:
    """Long enough, and starting like a sentence, to be attributed by a cue it does not hang from;
    a lower-case start ("an “extraordinarily long line”") is a fragment of the sentence around it."""
    return len(_words(tokens)) >= MIN_LOOSE_WORDS and not text[span.start].islower()


def _is_cue(token: Token, inside: _QuoteIndex, lexicon: CueLexicon) -> bool:
    return is_cue_verb(token, lexicon) and not inside.covers(token) and not is_unattributed_passive(token)


def _make_cue(verb: Token, lexicon: CueLexicon) -> _Cue:
    start, end = cue_bounds(verb, lexicon.audience_verbs, lexicon.nominal_cues)
    subject = subject_of(verb)
    return _Cue(verb, start, end, mention_bounds(subject) if subject is not None else None)


def _syntactic_cue(tokens: Span, window: tuple[int, int], inside: _QuoteIndex, lexicon: CueLexicon) -> _Cue | None:
    """The cue verb the quote's clause hangs from, or that hangs from it as an aside, in the
    quote's paragraphs."""
    for token in tokens:
        head = token.head
        if tokens.start <= head.i < tokens.end and head.i != token.i:
            continue  # not a root of the quoted words
        candidates = [head] if head.i != token.i else []
        asides = [c for c in token.children if c.dep_ in ASIDE_CUE_DEPS and not tokens.start <= c.i < tokens.end]
        # the nearest aside first: "Emphasizing the urgency, Trump said, “...”" is said's quote
        candidates += sorted(asides, key=lambda c: _distance(tokens, c))
        for candidate in candidates:
            if window[0] <= candidate.i < window[1] and _is_cue(candidate, inside, lexicon):
                return _make_cue(candidate, lexicon)
    return None


def _distance(tokens: Span, token: Token) -> int:
    """Tokens between a token outside the quoted words and the nearest of them."""
    return tokens.start - token.i if token.i < tokens.start else token.i - tokens.end


def _sentence_cue(
    text: str, tokens: Span, window: tuple[int, int], inside: _QuoteIndex, lexicon: CueLexicon
) -> _Cue | None:
    """The nearest cue verb outside quotation marks in the sentences the quote touches, and in the
    sentence right after it on the same line when the parser split "“...?” | Priebus said." apart
    (it goes on in lower case, or is as short as a speech tag)."""
    doc = tokens.doc
    start = max(tokens[0].sent.start, tokens.start - MAX_CUE_DISTANCE, window[0])
    end = tokens[-1].sent.end
    if end < len(doc) and "\n" not in text[tokens.end_char : doc[end].idx]:
        following = doc[end].sent
        if doc[end].is_lower or doc[end].is_punct or len(following) <= MAX_TAG_SENTENCE_TOKENS:
            end = following.end
    end = min(end, tokens.end + MAX_CUE_DISTANCE, window[1])
    best: tuple[int, Token] | None = None
    for token in doc[start:end]:
        if tokens.start <= token.i < tokens.end or not _is_cue(token, inside, lexicon):
            continue
        distance = _distance(tokens, token)
        if best is None or distance < best[0]:
            best = (distance, token)
    return _make_cue(best[1], lexicon) if best else None


def _colon_cue(doc: Doc, text: str, span: QuotedSpan, inside: _QuoteIndex, lexicon: CueLexicon) -> _Cue | None:
    """"Trump on Twitter: “...”": the colon is the cue and the first name before it the source."""
    window_start = max(0, span.open_start - MAX_COLON_LOOKBACK)
    before = text[window_start : span.open_start].rstrip()
    if not before.endswith(COLON):
        return None
    colon_end = window_start + len(before)
    colon = doc.char_span(colon_end - 1, colon_end)
    if colon is None:
        return None
    colon_token = colon[0]
    before = doc[max(colon_token.sent.start, colon_token.i - MAX_CUE_DISTANCE) : colon_token.i]
    verbs = [t for t in before if _is_cue(t, inside, lexicon)]
    if verbs:
        return _make_cue(verbs[-1], lexicon)
    verb = _introducing_verb(before, inside)
    if verb is not None:
        return _make_cue(verb, lexicon)
    name = next((e for e in before.ents if e.label_ in SOURCE_ENTITIES), None)
    if name is not None:
        return _Cue(None, colon_token.i, colon_token.i + 1, (name.start, name.end))
    first = next((t for t in before if _is_name(t) or (t.pos_ == "PRON" and t.dep_ in SUBJECT_DEPS)), None)
    if first is None:
        return None
    end = first.i + 1
    while _is_name(first) and end < colon_token.i and _is_name(doc[end]):
        end += 1  # the rest of a name the tagger did not see as an entity
    return _Cue(None, colon_token.i, colon_token.i + 1, (first.i, end))


def _introducing_verb(before: Span, inside: _QuoteIndex) -> Token | None:
    """"Jeb Bush broke down what was wrong with it: “...”", "the board was conclusive in its
    findings: “...”": the first verb before the colon with a nominal subject introduces the quote
    (PolNeAR train marks the verb as the cue of 295 quotes after a colon, the bare colon of 146,
    mostly headlines)."""
    for token in before:
        if token.pos_ in ("VERB", "AUX") and not inside.covers(token):
            subject = next((c for c in token.children if c.dep_ in SUBJECT_DEPS), None)
            if subject is not None and subject.pos_ in ("PROPN", "NOUN", "PRON"):
                return token
    return None


def _is_name(token: Token) -> bool:
    """A capitalised noun: the small tagger reads "Sanders" as a plural noun."""
    return token.pos_ in ("PROPN", "NOUN") and token.text[:1].isupper()


def _next_paragraph(text: str, last: QuotedSpan, span: QuotedSpan) -> bool:
    """"“A,” Rubio said.\n\n“B.”": a paragraph that is one quote, with no words of its own,
    continues the speaker whose quote closed the paragraph before, when nothing but a short tag
    ("Rubio said Sunday in Virginia.") followed that quote."""
    between = text[last.close_end : span.open_start]
    tag, _, gap = between.partition("\n")
    if gap.strip() or len(tag) > MAX_TAG_CHARS or any(is_mark_char(char) for char in tag):
        return False
    paragraph_end = text.find("\n", span.close_end)
    rest = text[span.close_end : paragraph_end if paragraph_end >= 0 else len(text)]
    return not rest.strip(" .\t")


def _continues(
    doc: Doc,
    text: str,
    previous: tuple[QuotedSpan, _Cue, int],
    span: QuotedSpan,
    tokens: Span,
    paragraph: int,
    inside: _QuoteIndex,
    lexicon: CueLexicon,
) -> bool:
    """A quote after an attributed one in the same paragraph, with no other cue between: right
    after its cue ("“A,” he said, “b.”"), or a sentence of its own ("“A,” he said. “B.”"); or
    a paragraph that is all quote right after the paragraph the attributed one ends."""
    last, cue, last_paragraph = previous
    if paragraph != last_paragraph:
        return _next_paragraph(text, last, span)
    if span.open_start - last.close_end > MAX_PIECE_GAP and not _stands_alone(text, span, tokens):
        return False
    between = doc.char_span(last.close_end, span.open_start, alignment_mode="contract")
    if between is None:
        return True
    return not any((cue.verb is None or t.i != cue.verb.i) and _is_cue(t, inside, lexicon) for t in between)
