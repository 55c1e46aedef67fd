"""The rules and the fine-tuned span tagger together, each where it is strongest.

The rules (quotation-mark structure and the parse) are precise: on the 42 PolNeAR TRAIN articles
held out of the tagger's training, lenient precision 0.90 but recall 0.62. The tagger has learnt
PolNeAR's long tail of cues ("issued a statement of concern about", "seems", "fears of") and its
content boundaries: recall 0.83, strict F1 0.76 against the rules' 0.65. Hence:

1. a rule quote stands, with its quotation-mark boundaries, type and cue;
2. over a rule quote that is not all inside quotation marks, the tagger's boundaries win (strict F1
   +0.026 on the held-out articles for indirect quotes; for those with some words quoted, +0.005
   more): the parse ends a reported clause at the clause, PolNeAR often ends it earlier or later.
   Where the tagger finds several attributions over one rule quote (43 of 771 held-out rule
   quotes), the one sharing its cue refines it, and the others that the refined quote leaves out
   are attributions of their own, added as in 4 ("said all staffers sign NDAs, though she did not
   discuss [their terms]"; lenient F1 0.836 -> 0.840, cue accuracy 0.884 -> 0.889);
3. a rule quote with no source mention takes the tagger's source (source accuracy +0.025);
4. a tagger attribution that overlaps no rule quote is added when the tagger is fairly sure of it
   (MIN_ADDED_CONFIDENCE), with the parse's subject of its verb cue as its source where there is
   one (source accuracy 0.891 -> 0.897, speaker name 0.821 -> 0.847), unless its cue lies inside
   a rule quote's content (nested, as the rules drop theirs), or its cue is a passive
   with no agent ("it was anticipated that", "is interpreted to be") or a subjectless comparison
   ("earlier than expected", "as predicted"): nobody is said to say or think it, so there is no
   one for a fact-checker to hold to it (PolNeAR annotates some of these; we do not).

Measured on the held-out TRAIN articles (never on dev): lenient F1 0.731 (rules) / 0.826 (tagger)
/ 0.837 (this combination, before the confidence gate; 0.836 with it, after later rule changes).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from attribution.quotes.coverage import Coverage, holds
from attribution.quotes.lexicon import CueLexicon
from attribution.quotes.marks import MarkIndex
from attribution.quotes.spans import TaggedAttribution
from attribution.quotes.syntax import char_span, mention_bounds, mention_span, subject_of
from attribution.types import Quote, TextSpan

# Dependents that make a verb passive in spaCy's English scheme ("was anticipated", "is interpreted").
PASSIVE_DEPS = frozenset({"auxpass", "nsubjpass", "csubjpass"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
COMPARISON_MARKS = frozenset({"than", "as"})  # "earlier than expected", "as predicted"
# A tagger attribution the rules did not find is added only when the tagger is fairly sure of its
# content (mean B+I probability): on the held-out TRAIN articles 67 of the 102 under 0.45 matched
# no gold, and leaving those out raised lenient F1 0.830 -> 0.836 and strict 0.752 -> 0.765.
MIN_ADDED_CONFIDENCE = 0.45
# A tagger source made only of these stops short of its noun: "the", "the former".
MODIFIER_POS = frozenset({"DET", "ADJ", "NUM"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
MAX_VERB_TO_PREPOSITION = 3  # tokens: "railed against", "lit into Rubio for"


def combine(
    doc: Doc, rule_quotes: Sequence[Quote], tagged: Sequence[TaggedAttribution], marks: MarkIndex, lexicon: CueLexicon
) -> list[Quote]:
    """The rule quotes, refined and completed by the tagger's attributions, in text order."""
    text = doc.text
    quotes = list(rule_quotes)
    candidates: list[TaggedAttribution] = []
    within: dict[int, list[TaggedAttribution]] = {}  # rule quote -> the tagger attributions over it alone
    for found in tagged:
        overlapping = [i for i, q in enumerate(rule_quotes) if _overlaps(q.content, found.start, found.end)]
        if not overlapping:
            candidates.append(found)
        elif len(overlapping) == 1:
            within.setdefault(overlapping[0], []).append(found)
    for i, founds in within.items():
        same = _same_attribution(quotes[i], founds)
        quotes[i] = _refined(doc, text, quotes[i], same, marks)
        candidates += [f for f in founds if f is not same and not _overlaps(quotes[i].content, f.start, f.end)]
    covered = Coverage(q.content for q in quotes)
    quotes += [
        _tagged_quote(doc, text, found, marks, lexicon)
        for found in candidates
        if found.confidence >= MIN_ADDED_CONFIDENCE and not _unattributed(doc, found.cue) and not _nested(found, covered)
    ]
    return sorted(quotes, key=lambda q: (q.content.start, q.content.end))


def _nested(found: TaggedAttribution, covered: Coverage) -> bool:
    """A cue inside a content reported already belongs to it: its own cue, where the content runs
    over it ('"A," he said, "b."'), or a nested one, which the rules drop too (detect.py).
    Held-out lenient F1 0.840 -> 0.842."""
    return found.cue is not None and covered.holds(found.cue.start)


def _same_attribution(quote: Quote, founds: Sequence[TaggedAttribution]) -> TaggedAttribution:
    """Of the tagger attributions over one rule quote, the one that is that quote: the one sharing
    its cue, else the one overlapping it most."""

    def shared(found: TaggedAttribution) -> tuple[bool, int]:
        same_cue = None not in (quote.cue, found.cue) and _overlaps(quote.cue, found.cue.start, found.cue.end)
        overlap = min(quote.content.end, found.end) - max(quote.content.start, found.start)
        return same_cue, overlap

    return max(founds, key=shared)


def _overlaps(span: TextSpan, start: int, end: int) -> bool:
    return span.start < end and start < span.end


def _refined(doc: Doc, text: str, quote: Quote, found: TaggedAttribution, marks: MarkIndex) -> Quote:
    # Quotation marks bound a content wholly inside them, even one typed mixed for its "that".
    if "direct" not in (quote.quote_type, marks.quote_type(quote.content)) and len(found.content) == 1:
        content = TextSpan.of(text, _refined_start(quote, found), found.end)
        quote = replace(quote, content=content, quote_type=marks.quote_type(content))
    if quote.source_mention is None and found.source is not None:
        quote = replace(quote, source_mention=_whole_phrase(doc, found.source, quote.cue))
    return quote


def _refined_start(quote: Quote, found: TaggedAttribution) -> int:
    """The rules found a content on both sides of its cue ("The real problem, experts say, is the
    ground itself"); a tagger content after the cue refines only the second side."""
    cue = quote.cue
    holds_cue = cue is not None and holds(quote.content, cue.start)
    return quote.content.start if holds_cue and found.start >= cue.end else found.start


def _tagged_quote(doc: Doc, text: str, found: TaggedAttribution, marks: MarkIndex, lexicon: CueLexicon) -> Quote:
    """A tagger attribution as a Quote: one content from its first piece to its last (like the
    rules' split quotes), typed by its quotation marks, a belief when its cue is a belief verb."""
    cue = _with_verb(doc, found.cue)
    return Quote(
        content=TextSpan.of(text, found.start, found.end),
        quote_type=_pieces_type(found.content, marks),
        cue=cue,
        source_mention=_parsed_source(doc, cue) or _whole_phrase(doc, found.source, cue),
        kind=_kind(doc, cue, lexicon),
    )


def _with_verb(doc: Doc, cue: TextSpan | None) -> TextSpan | None:
    """A lone preposition tagged as the cue ("lit into Rubio [for] giving ...") is the end of its
    verb's cue: the cue runs from the verb to it, or is the verb alone when they lie far apart."""
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand") if cue is not None else None
    if span is None or len(span) != 1 or span[0].pos_ != "ADP":
        return cue
    preposition, verb = span[0], span[0].head
    if verb.pos_ != "VERB" or verb.i > preposition.i:
        return cue
    end = preposition.i + 1 if preposition.i - verb.i <= MAX_VERB_TO_PREPOSITION else verb.i + 1
    return char_span(doc, verb.i, end)


def _parsed_source(doc: Doc, cue: TextSpan | None) -> TextSpan | None:
    """The subject of a verb cue. It beats the source the tagger links to the cue, which is often a
    piece of a long source or a name nearby ("Felicia Sanders and Polly Sheppard, two of the
    survivors of the shooting in Charleston, South Carolina, made a call for ...": "South")."""
    root = _cue_root(doc, cue)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return None
    return mention_span(subject_of(root))


def _whole_phrase(doc: Doc, source: TextSpan | None, cue: TextSpan | None) -> TextSpan | None:
    """A tagger source that stops at the article before its noun ("the [former president]") runs
    to that noun: the words of the span modify a noun after it, short of the cue ("Many [fear]"
    is a verb the parser took for a noun)."""
    span = doc.char_span(source.start, source.end, alignment_mode="expand") if source is not None else None
    if span is None:
        return source
    if _cut_in_a_word(span):
        return _whole_words_phrase(span)
    if not all(t.pos_ in MODIFIER_POS for t in span):
        return source
    noun = span[-1].head
    if noun.i < span.end or noun.pos_ not in NOUN_POS or noun.left_edge.i > span.start:
        return source
    if cue is not None and noun.idx + len(noun) > cue.start and noun.idx < cue.end:
        return source
    return char_span(doc, span.start, noun.i + 1)


def _cut_in_a_word(span: Span) -> bool:
    """A tagger source that starts or ends inside a word: "-based team" of "the Democrat's
    Brooklyn-based team", "of his 30-" of "his 30-minute speech"."""
    doc = span.doc
    starts_inside = span.start > 0 and _glued(doc[span.start - 1], doc[span.start])
    ends_inside = span.end < len(doc) and _glued(doc[span.end - 1], doc[span.end])
    return starts_inside or ends_inside


def _glued(left: Token, right: Token) -> bool:
    """Two tokens of one written word ("Brooklyn" "-" "based"), not a word and its clitic or
    bracket ("Trump" "'s", "(" "FBI")."""
    return not left.whitespace_ and not left.is_left_punct and (right.text[0].isalnum() or right.text in ("-", "–")) and (
        left.text[-1].isalnum() or left.text in ("-", "–")
    )


def _whole_words_phrase(span: Span) -> TextSpan:
    """The words a cut source lies in, and the noun phrase they head when it holds them."""
    doc = span.doc
    start, end = span.start, span.end
    while start > 0 and _glued(doc[start - 1], doc[start]):
        start -= 1
    while end < len(doc) and _glued(doc[end - 1], doc[end]):
        end += 1
    root = doc[start:end].root
    noun = root if root.pos_ in NOUN_POS else root.head  # "a 30-year-old" modifies "volunteer"
    if noun.pos_ in NOUN_POS:
        phrase_start, phrase_end = mention_bounds(noun)
        if phrase_start <= start and end <= phrase_end:
            return char_span(doc, phrase_start, phrase_end)
    return char_span(doc, start, end)


def _pieces_type(pieces: Sequence[TextSpan], marks: MarkIndex) -> str:
    """direct when every piece is all quoted ("“A,” he said, “b.”"), mixed when some words are."""
    types = {marks.quote_type(piece) for piece in pieces}
    if types == {"direct"}:
        return "direct"
    return "mixed" if types & {"direct", "mixed"} else "indirect"


def _cue_root(doc: Doc, cue: TextSpan | None):
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand") if cue is not None else None
    return span.root if span is not None else None


def _unattributed(doc: Doc, cue: TextSpan | None) -> bool:
    """A cue with no one behind it: an agentless passive, or a comparison with no subject."""
    root = _cue_root(doc, cue)
    if root is None:
        return False
    deps = {child.dep_ for child in root.children}
    if deps & PASSIVE_DEPS:
        return "agent" not in deps
    marks = {child.lower_ for child in root.children if child.dep_ == "mark"}
    return bool(marks & COMPARISON_MARKS) and not deps & SUBJECT_DEPS


def _kind(doc: Doc, cue: TextSpan | None, lexicon: CueLexicon) -> str:
    root = _cue_root(doc, cue)
    return lexicon.kind(root.lemma_.lower()) if root is not None else "speech"
