"""The quote detector: rules for direct quotes (direct.py) and reported speech (reported.py),
completed by the fine-tuned span tagger (tagger.py; how the two combine: combine.py).

The rules are combined first, so that each attribution is reported once:
1. a reported candidate whose cue lies inside quotation marks is dropped (PolNeAR, like a reader,
   never counts the "I think" inside someone's quote as a second attribution);
2. a direct quote and a reported candidate of the same cue are one attribution: the reported one
   wins only when it reports more than the quoted words ("said the plan was “a disaster”");
3. a candidate whose cue lies inside another one's content is nested and dropped.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from spacy.tokens import Doc, Span, Token

from attribution.quotes.combine import combine
from attribution.quotes.coverage import Coverage, holds
from attribution.quotes.direct import direct_quotes
from attribution.quotes.lexicon import CueLexicon, load_lexicon
from attribution.quotes.marks import MarkIndex, introducing_colon, quoted_spans
from attribution.quotes.reported import RAISING_PASSIVES, reported_speech
from attribution.quotes.spans import TaggedAttribution
from attribution.quotes.syntax import mention_span
from attribution.quotes.tagger import tag_documents
from attribution.types import Quote, TextSpan


# Alphanumeric characters a reported content may hold outside a quote of the same cue and still be
# that quote ("that" is four: "stating that “...”" is the quote).
MAX_EXTRA_CHARS = 4
# Sentence openings with "said" that turn the writer's argument ("That said, ..."), as lower-cased tokens.
WRITERS_TURNS = ("that said ,", "that being said ,", "having said that ,", "with that said ,")
TURN_TOKENS = 4  # the longest of them
# Cues whose subject is raised out of the content: no one is its source.
RAISING_CUES = frozenset({"seem", "appear", "reportedly"})
# What follows a dateline's place: a state or a date, an agency, then a dash ("WASHINGTON (AP) —",
# "OMAHA, Neb. -", "CLEVELAND, July 19 (UPI) —"); every run is bounded, so no input makes the match slow.
DATELINE_END = re.compile(r"(?:,[ \t]{0,3}[A-Z][\w.]{0,20}(?:[ \t][A-Z0-9][\w.]{0,20})?)?[ \t]{0,3}(?:\([A-Za-z]{1,12}\)[ \t]{0,3})?[—–-]")


def detect_quotes(docs: Sequence[Doc], tagger: bool = True) -> list[list[Quote]]:
    """For each parsed spaCy Doc, its quotes in text order; `tagger=False` runs the rules alone
    (faster, more precise, much lower recall on reported speech)."""
    lexicon = load_lexicon()
    tagged = tag_documents(docs) if tagger else [() for _ in docs]
    return [detect_doc(doc, lexicon, found) for doc, found in zip(docs, tagged)]


def detect_doc(doc: Doc, lexicon: CueLexicon, tagged: Sequence[TaggedAttribution] = ()) -> list[Quote]:
    text = doc.text  # built once: Doc.text joins every token on each call
    spans = quoted_spans(text)
    marks = MarkIndex(text, spans)
    direct = list(direct_quotes(doc, spans, lexicon))
    reported = [
        replace(quote, quote_type=marks.quote_type(quote.content))
        for quote in reported_speech(doc, lexicon)
        if not marks.covers(quote.cue) and not _writers_turn(doc, quote.cue)
    ]
    tagged = [found for found in tagged if not _writers_turn(doc, found.cue)]
    quotes = _one_per_cue(text, direct, _past_introductions(text, reported, direct))
    quotes = sorted(_drop_nested(quotes), key=lambda q: (q.content.start, q.content.end))
    combined = combine(doc, _join_pieces(text, quotes), tagged, marks, lexicon)
    return [_without_raised_subject(doc, _past_dateline(doc, text, _past_writers_turn(doc, text, q))) for q in combined]


def _writers_turn(doc: Doc, cue: TextSpan | None) -> bool:
    """"That said, Cruz cannot win", "Having said that, ...": a turn of the writer's argument
    opening a sentence, not anyone's speech. Of the four in PolNeAR TRAIN, one is annotated, with
    no source and "That" as its content: nothing a fact-checker could hold anyone to."""
    tokens = doc.char_span(cue.start, cue.end, alignment_mode="expand") if cue is not None else None
    if tokens is None or not len(tokens):
        return False
    comma = _turn_end(doc, tokens[-1].sent)
    return comma is not None and tokens[-1].i < comma.i


def _turn_end(doc: Doc, sentence: Span) -> Token | None:
    """The comma ending a writer's turn that opens the sentence, if one does."""
    opening = doc[sentence.start : min(sentence.end, sentence.start + TURN_TOKENS)]
    if not " ".join(t.lower_ for t in opening).startswith(WRITERS_TURNS):
        return None
    return next(t for t in opening if t.text == ",")


def _past_writers_turn(doc: Doc, text: str, quote: Quote) -> Quote:
    """A content opening with the writer's turn ("Having said that, the plan has flaws, he said")
    starts after its comma."""
    tokens = doc.char_span(quote.content.start, quote.content.end, alignment_mode="expand")
    if tokens is None or not len(tokens) or tokens[0].i != tokens[0].sent.start:
        return quote
    comma = _turn_end(doc, tokens[0].sent)
    if comma is None or comma.i + 1 >= tokens.end:
        return quote
    return replace(quote, content=TextSpan.of(text, doc[comma.i + 1].idx, quote.content.end))


def _without_raised_subject(doc: Doc, quote: Quote) -> Quote:
    """"Clinton still seems not to have found a comfortable voice", "Castro reportedly has lived
    like a king", "Trump is expected to speak": the subject is part of what is said, by no one
    named (PolNeAR TRAIN gives 188 of 194 such seem, appear and reportedly cues no source, and 78
    of 84 expected ones), so it is no source."""
    if quote.source_mention is None or quote.cue is None:
        return quote
    cue = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    if cue is None or len(cue) == 0:
        return quote
    last = cue[-1]
    # not "Cruz denied it, appearing to rely on ...": the participle's subject is the clause's speaker
    raising = (last.lemma_.lower() in RAISING_CUES or last.lower_ in RAISING_CUES) and last.tag_ != "VBG"
    expected = last.lemma_.lower() in RAISING_PASSIVES and any(c.dep_ == "auxpass" for c in last.children)
    return replace(quote, source_mention=None) if raising or expected else quote


def _past_dateline(doc: Doc, text: str, quote: Quote) -> Quote:
    """"TALLAHASSEE — Democratic U.S. Rep. Gwen Graham on Friday pummeled ...": the place a story
    is filed from, in capitals at the start of its line before a dash, is no source; the parser
    hangs the real subject on it as an appositive."""
    mention = quote.source_mention
    if mention is None or not mention.text.isupper():
        return quote
    line_start = text.rfind("\n", 0, mention.start) + 1
    dateline = DATELINE_END.match(text, mention.end)
    if text[line_start : mention.start].strip() or dateline is None:
        return quote
    place = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    # past the dash: not the agency in brackets ("(UPI)") that the parser may also hang on the place
    after_dash = (c for c in place.root.children if c.dep_ == "appos" and c.idx >= dateline.end()) if place is not None else ()
    return replace(quote, source_mention=mention_span(next(after_dash, None)))


def _join_pieces(text: str, quotes: list[Quote]) -> list[Quote]:
    """Pieces of one cue, one after the other ("“A,” he said, “b.”"; "pledged to oppose legal
    status, “today, tomorrow, forever.”"), become one quote from the first to the last, the cue
    between them included, mixed when the pieces differ in type: PolNeAR marks them as one
    attribution with a discontinuous content, and one row scores better there than one row per
    piece (train lenient F1 0.691 against 0.663 for direct pieces; joining an indirect piece too
    gave strict F1 +0.002 to +0.007 on the three TRAIN samples)."""
    groups: list[list[Quote]] = []
    for quote in quotes:
        last = groups[-1][-1] if groups else None
        if last is not None and last.cue == quote.cue:
            groups[-1].append(quote)
        else:
            groups.append([quote])
    return [_joined(text, group) for group in groups]


def _joined(text: str, group: list[Quote]) -> Quote:
    first, last = group[0], group[-1]
    if len(group) == 1:
        return first
    types = {q.quote_type for q in group}
    quote_type = types.pop() if len(types) == 1 else "mixed"
    return replace(first, content=TextSpan.of(text, first.content.start, last.content.end), quote_type=quote_type)


def _one_per_cue(text: str, direct: list[Quote], reported: list[Quote]) -> list[Quote]:
    by_cue: dict[int, list[Quote]] = {}
    for quote in direct:
        by_cue.setdefault(quote.cue.start, []).append(quote)
    kept_reported = []
    for quote in reported:
        same_cue = [d for d in by_cue.get(quote.cue.start, ()) if _overlaps(d.content, quote.content)]
        if not same_cue:
            kept_reported.append(quote)
        elif _extra_chars(text, _before_speaker(quote, same_cue), same_cue) > MAX_EXTRA_CHARS:
            kept_reported.append(quote)
            for d in same_cue:
                by_cue[quote.cue.start].remove(d)
    return [q for group in by_cue.values() for q in group] + kept_reported


def _past_introductions(text: str, reported: list[Quote], direct: list[Quote]) -> list[Quote]:
    """A reported content that holds the words introducing a quotation by a colon, its cue after
    the quotation ('Mosman saw it differently: "When he says ...," he said'), starts at the
    quotation: the parser hangs the introduction on the cue, but it is the writer's narration, and
    it names the speaker whom the pronoun after the quotation refers to. An introduction alone
    ("Fallon fired back" before '“...,” he wrote') is no content, nor is a quotation that a
    direct quote of another cue reports already."""
    introduced = [(colon, q) for q in direct if (colon := introducing_colon(text, q.content.start)) is not None]
    kept = []
    for quote in reported:
        quotation = _introduced_quotation(quote, introduced)
        if quotation is None:
            kept.append(quote)
            continue
        content = TextSpan.of(text, quotation.content.start, quote.content.end)
        if quote.content.end > quotation.content.start and _extra_chars(text, content, [quotation]) > MAX_EXTRA_CHARS:
            kept.append(replace(quote, content=content))
    return kept


def _introduced_quotation(quote: Quote, introduced: list[tuple[int, Quote]]) -> Quote | None:
    """Of the direct quotes a colon introduces, the first before the cue whose colon lies in the
    reported content (or at its end)."""
    return next(
        (q for colon, q in introduced if quote.content.start < colon <= quote.content.end and q.content.end <= quote.cue.start),
        None,
    )


def _before_speaker(quote: Quote, direct: list[Quote]) -> TextSpan:
    """A reported content that runs on past the quotation into the quotation's own speaker, its
    cue after it ('“...,” Darrow, who has written two books, told ...', where the parser hung
    the speaker on the quote), ends with the quotation: the speaker is no content. Words after a
    quotation that name no speaker stay content ('“I held and hugged” grieving family members')."""
    content = quote.content
    last = max(direct, key=lambda d: d.content.end)
    speaker = last.source_mention
    if speaker is None or quote.cue.start < content.end or not last.content.end <= speaker.start < content.end:
        return content  # a cue inside the content splits a quotation ('“A,” Blackwell added, “b”')
    return TextSpan(content.start, last.content.end, content.text[: last.content.end - content.start])


def _overlaps(a: TextSpan, b: TextSpan) -> bool:
    return a.start < b.end and b.start < a.end


def _extra_chars(text: str, content: TextSpan, quotes: list[Quote]) -> int:
    """Alphanumeric characters of a reported content outside the given direct quotes."""
    covered = sorted((q.content.start, q.content.end) for q in quotes)
    extra, position = 0, content.start
    for start, end in covered + [(content.end, content.end)]:
        extra += sum(c.isalnum() for c in text[position : max(position, min(start, content.end))])
        position = max(position, end)
    return extra


def _drop_nested(quotes: list[Quote]) -> list[Quote]:
    """Drop each quote whose cue lies inside another quote's content. A content may hold its own
    cue ("The economy, he said, is strong"): such a quote is checked against the others alone."""
    covered = Coverage(q.content for q in quotes)

    def nested(quote: Quote) -> bool:
        if holds(quote.content, quote.cue.start):  # rare: scan the others
            return any(holds(other.content, quote.cue.start) for other in quotes if other is not quote)
        return covered.holds(quote.cue.start)

    return [q for q in quotes if not nested(q)]
