"""Reported speech over the parse: a cue and the clause, object or sentence it reports.

Each rule is a generator over one parsed Doc yielding `Quote`s with quote_type "indirect"; the
detector later marks the ones holding quotation marks as "mixed" and drops those nested inside
another quote (PolNeAR never annotates an attribution whose cue lies inside another's content).
"""

from __future__ import annotations

from typing import Iterator

from spacy.tokens import Doc, Token

from attribution.quotes.lexicon import CueLexicon
from attribution.quotes.syntax import (
    SUBJECT_DEPS,
    Paragraphs,
    char_span,
    cue_bounds,
    is_unattributed_passive,
    mention_span,
    subject_of,
)
from attribution.types import Quote

VERB_POS = frozenset({"VERB"})
NOUN_POS = frozenset({"NOUN"})
CLAUSE_DEPS = frozenset({"ccomp"})  # "said (that) the economy is weak"
INFINITIVE_DEPS = frozenset({"xcomp"})  # "plans to raise taxes"
OBJECT_DEPS = frozenset({"dobj"})  # "denied the allegations"
# What follows the object and completes the claim: "called Trump “a liar”", "accused him of
# lying", "described the field as “all very good”", "blamed the violence on ...".
OBJECT_COMPLEMENT_DEPS = frozenset({"oprd", "xcomp", "ccomp", "acomp", "dative"})
OBJECT_COMPLEMENT_PREPOSITIONS = frozenset({"as", "of", "for", "on", "about", "over", "with", "to"})
PARATAXIS_DEPS = frozenset({"parataxis"})  # "The economy is weak, he said."
# "..., said Doyle, ...": a name. Not a common noun: "aides to Gov. Christie ..., said their
# stump speeches, already ..., would focus" has its subject before the verb.
SPEAKER_POS = frozenset({"PROPN"})
# What sets off an aside inside the clause it reports ("The plan, he said, ..."); after a colon
# ("It has not gone unnoticed: according to polls, ...") it opens a clause of its own.
ASIDE_OPENERS = frozenset({",", "\u2014", "\u2013", "-", "--"})
ASIDE_MARKERS = frozenset({"as"})  # "As the paper noted, ...": an adverbial aside
# A participial cue that hangs inside another cue's complement ("He added, '...,' explaining
# that ...") is a second attribution: the first one's content stops before it.
NESTED_CUE_DEPS = frozenset({"advcl", "xcomp", "conj", "parataxis"})
NOUN_CLAUSE_DEPS = frozenset({"acl", "ccomp"})  # "his claim that ...": not a relative clause
COMPLEMENTIZERS = frozenset({"that", "whether", "if"})
POSSESSOR_DEPS = frozenset({"poss"})
NOUN_SOURCE_PREPOSITIONS = frozenset({"by", "from", "of"})
PREPOSITION_OBJECT_DEPS = frozenset({"pobj", "pcomp"})
SETTING_PREPOSITIONS = frozenset({"in"})  # "In a new poll, ...", "In a statement, the ministry ..."
MAX_CONTENT_TOKENS = 250  # longer than any reported clause in PolNeAR train but a few
MAX_LABEL_TOKENS = 4  # "SEN. BERNIE SANDERS:"
READER_PRONOUNS = frozenset({"you"})  # "Do you think ...?" asks the reader: no one is quoted
# Passive cues whose subject is raised out of what is said, by no one named ("Trump is expected to
# speak"); PolNeAR TRAIN marks 64 of 74 "is expected to" so, but 0 of 19 "is supposed to".
RAISING_PASSIVES = frozenset({"expect"})
OPENING_MARKS = frozenset({'"', "``", "''", "\u201c", "\u201e", "\u2018", "\u00ab", "'"})
CLOSING_MARKS = frozenset({'"', "''", "\u201d", "\u2019", "\u00bb", "'"})


def cue_lemma(token: Token) -> str:
    """The lemma, with its particle for phrasal verbs ("point out")."""
    lemma = token.lemma_.lower()
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    return f"{lemma} {particle}" if particle else lemma


def is_cue_verb(token: Token, lexicon: CueLexicon) -> bool:
    """A verb of speech or belief, and not a reduced passive ("a group called X", "the plan
    announced Tuesday"), which names or describes rather than reports."""
    if token.pos_ not in VERB_POS or not lexicon.is_cue_verb(cue_lemma(token)):
        return False
    return not (token.tag_ == "VBN" and token.dep_ == "acl")


def reported_speech(doc: Doc, lexicon: CueLexicon) -> Iterator[Quote]:
    """Every reported-speech candidate in the document, in token order."""
    paragraphs = Paragraphs(doc)
    for token in doc:
        if is_cue_verb(token, lexicon) or _cue_preposition(token, lexicon) is not None:
            yield from verb_reports(token, lexicon, paragraphs)
        elif token.lower_ == "according":
            yield from according_to(token, paragraphs)
        elif token.pos_ in NOUN_POS and token.lemma_.lower() in lexicon.nominal_cues:
            yield from nominal_reports(token, lexicon, paragraphs)
        elif token.lower_ in SETTING_PREPOSITIONS:
            yield from setting_reports(token, lexicon, paragraphs)
    yield from speaker_labels(doc, paragraphs)


def verb_reports(verb: Token, lexicon: CueLexicon, paragraphs: Paragraphs) -> Iterator[Quote]:
    """"X said (that) ...", "..., he said", "X denied the allegations", "..., saying ..."."""
    lemma = cue_lemma(verb)
    if is_unattributed_passive(verb):
        yield from _raised_passive(verb, lexicon, paragraphs)
        return  # "it was anticipated that ...": nobody is quoted
    inverted = _inverted_aside(verb)
    bounds = inverted[1:] if inverted is not None else _complement_bounds(verb, lemma, lexicon)
    if bounds is None:
        return
    subject = inverted[0] if inverted is not None else subject_of(verb)
    if subject is not None and subject.lower_ in READER_PRONOUNS:
        return
    start, end = paragraphs.clip(verb, *bounds)
    if end <= start:
        return
    cue_start, cue_end = cue_bounds(verb, lexicon.audience_verbs, lexicon.nominal_cues)
    preposition = _cue_preposition(verb, lexicon)
    if preposition is not None and preposition.i == cue_end:
        cue_end += 1  # "called for", "talked about"
    yield Quote(
        content=char_span(verb.doc, start, end),
        quote_type="indirect",
        cue=char_span(verb.doc, cue_start, cue_end),
        source_mention=mention_span(subject),
        kind=lexicon.kind(lemma),
    )


def _raised_passive(verb: Token, lexicon: CueLexicon, paragraphs: Paragraphs) -> Iterator[Quote]:
    """"Trump is expected to deliver a speech": what someone unnamed expects, the subject and the
    infinitive together, with no source."""
    if cue_lemma(verb) not in RAISING_PASSIVES:
        return
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    clause = next((c for c in verb.children if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
    auxiliary = next((c for c in verb.children if c.dep_ == "auxpass"), None)
    if subject is None or clause is None or auxiliary is None or subject.lower_ in READER_PRONOUNS:
        return
    start, end = paragraphs.clip(verb, subject.left_edge.i, clause.right_edge.i + 1)
    if end <= start:
        return
    yield Quote(
        content=char_span(verb.doc, start, end),
        quote_type="indirect",
        cue=char_span(verb.doc, auxiliary.i, verb.i + 1),
        kind=lexicon.kind(cue_lemma(verb)),
    )


def _inverted_aside(verb: Token) -> tuple[Token, int, int] | None:
    """"The contrast with Trump, said Doyle and others, would be clear": an aside with its subject
    after the verb, which the parser reads as "The contrast ... said [Doyle ... would be clear]".
    The words after the verb, up to the aside's closing comma, are the speaker; the sentence
    around the aside is the content, running over it as a split content does (see `_outside`).
    Returns the speaker's head and the content's token bounds."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    subject = next((c for c in verb.lefts if c.dep_ in SUBJECT_DEPS), None)
    clause = next((c for c in verb.rights if c.dep_ in CLAUSE_DEPS), None)
    if subject is None or clause is None:
        return None
    speaker = next((c for c in clause.lefts if c.dep_ in SUBJECT_DEPS), None)
    if speaker is None or speaker.left_edge.i != verb.i + 1 or speaker.pos_ not in SPEAKER_POS:
        return None
    closing = speaker.right_edge.i if doc[speaker.right_edge.i].text == "," else speaker.right_edge.i + 1
    if closing >= clause.i or doc[closing].text != ",":  # the parser may hang the comma on the speaker
        return None
    return (speaker, *_trim(doc, subject.left_edge.i, clause.right_edge.i + 1))


def _complement_bounds(verb: Token, lemma: str, lexicon: CueLexicon) -> tuple[int, int] | None:
    """Token bounds of what the verb reports, by the first rule that applies."""
    children = list(verb.children)
    for child in children:
        # The clausal complement is the reported claim itself, "that" included (as PolNeAR marks it).
        if child.dep_ in CLAUSE_DEPS:
            return _content_bounds(child)
    if _is_aside(verb, lexicon):
        # "The economy is weak, he said", "As the paper noted, ...": the cue is an aside in the
        # sentence it reports.
        return _outside(verb.head, verb)
    for child in children:
        # "plans to visit", "urged the industry to do more": the infinitive (with the object it
        # is addressed to) is the intention.
        if child.dep_ in INFINITIVE_DEPS and lemma in lexicon.intention_verbs:
            start, end = _content_bounds(child)
            addressee = next((c for c in children if c.dep_ in OBJECT_DEPS and c.i < child.i), None)
            return (_content_bounds(addressee)[0] if addressee is not None else start), end
    for child in children:
        # "denied the allegations", "emphasizing the necessity of ...": the object is the claim.
        if child.dep_ in OBJECT_DEPS and lemma in lexicon.object_verbs:
            return _object_bounds(verb, child)
    preposition = _cue_preposition(verb, lexicon)
    if preposition is not None:
        # "called for a ban", "talked about the economy": the prepositional object is the content.
        return _content_bounds(next(c for c in preposition.children if c.dep_ in PREPOSITION_OBJECT_DEPS))
    return None


def _cue_preposition(verb: Token, lexicon: CueLexicon) -> Token | None:
    """The preposition of a "call for"-style cue, if the verb has one after it."""
    if verb.pos_ not in VERB_POS:
        return None
    lemma = verb.lemma_.lower()
    for child in verb.rights:
        if child.dep_ == "prep" and f"{lemma} {child.lower_}" in lexicon.prepositional_cues:
            return child if any(c.dep_ in PREPOSITION_OBJECT_DEPS for c in child.children) else None
    return None


def _is_aside(verb: Token, lexicon: CueLexicon) -> bool:
    """A parenthetical cue; not one hanging from another cue verb, which reports it already."""
    if verb.head.i == verb.i or is_cue_verb(verb.head, lexicon):
        return False
    if verb.dep_ in PARATAXIS_DEPS:
        return True
    # "As the paper noted, ...", but not "as she considers how to ..." or "as Trump continues to ...":
    # only a speech verb with nothing of its own to report.
    if verb.dep_ != "advcl" or verb.lemma_.lower() not in lexicon.speech_verbs:
        return False
    children = {c.dep_ for c in verb.children}
    marked = any(c.dep_ == "mark" and c.lower_ in ASIDE_MARKERS for c in verb.children)
    return marked and not children & (CLAUSE_DEPS | INFINITIVE_DEPS | OBJECT_DEPS)


def _object_bounds(verb: Token, obj: Token) -> tuple[int, int] | None:
    """The object and the complements right after it; a bare pronoun says nothing by itself."""
    start, end = _content_bounds(obj)
    for child in verb.rights:
        if child.i <= obj.i or child.left_edge.i > end:
            continue
        if child.dep_ in OBJECT_COMPLEMENT_DEPS or (child.dep_ == "prep" and child.lower_ in OBJECT_COMPLEMENT_PREPOSITIONS):
            end = _content_bounds(child)[1]
        else:
            break
    if end - start == 1 and obj.pos_ == "PRON":
        return None
    return start, end


def according_to(according: Token, paragraphs: Paragraphs) -> Iterator[Quote]:
    """"..., according to X": the clause it hangs from, less the phrase itself, is the content."""
    to = next((c for c in according.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    clause = _clause_head(according)
    if source is None or clause is None:
        return
    bounds = _sentence_before(according) or _outside(clause, according)
    if bounds is None:
        return
    start, end = paragraphs.clip(according, *bounds)
    if end <= start:
        return
    doc = according.doc
    cue_end = to.i + 1 if to.i == according.i + 1 else according.i + 1
    yield Quote(
        content=char_span(doc, start, end),
        quote_type="indirect",
        cue=char_span(doc, according.i, cue_end),
        source_mention=mention_span(source),
        kind="speech",
    )


def _sentence_before(aside: Token) -> tuple[int, int] | None:
    """"A, B and C were paid ..., according to filings.": an aside that closes its sentence reports
    all of the sentence before it, however the parser split that."""
    sentence = aside.sent
    last = sentence.end - 1
    while last > aside.i and (sentence.doc[last].is_punct or sentence.doc[last].is_space):
        last -= 1
    if aside.right_edge.i < last or aside.left_edge.i <= sentence.start:
        return None
    start, end = _trim(aside.doc, sentence.start, aside.left_edge.i)
    return (start, end) if end > start else None


def nominal_reports(noun: Token, lexicon: CueLexicon, paragraphs: Paragraphs) -> Iterator[Quote]:
    """"Trump's claim that ...", "a statement by the ministry that ...": the noun is the cue."""
    clause = next((c for c in noun.rights if c.dep_ in NOUN_CLAUSE_DEPS and _has_complementizer(c)), None)
    source = _noun_source(noun)
    if clause is None or source is None:
        return
    start, end = paragraphs.clip(noun, *_content_bounds(clause))
    if end <= start:
        return
    doc = noun.doc
    yield Quote(
        content=char_span(doc, start, end),
        quote_type="indirect",
        cue=char_span(doc, noun.i, noun.i + 1),
        source_mention=mention_span(source),
        kind=lexicon.kind(noun.lemma_.lower()),
    )


def setting_reports(preposition: Token, lexicon: CueLexicon, paragraphs: Paragraphs) -> Iterator[Quote]:
    """A sentence opened by the speech event it comes from. ("said in a statement" is not one:
    there the phrase belongs to the cue verb's cue.)"""
    event = next((c for c in preposition.children if c.dep_ == "pobj"), None)
    clause = preposition.head
    if event is None or event.lemma_.lower() not in lexicon.nominal_cues or preposition.dep_ != "prep":
        return
    if clause.pos_ not in ("VERB", "AUX") or is_cue_verb(clause, lexicon) or preposition.i > clause.i:
        return
    if event.lemma_.lower() in lexicon.findings_nouns:
        yield from _findings_report(preposition, event, clause, paragraphs)
    elif not _holds_cue_verb(clause, lexicon):
        yield from _event_report(clause, lexicon, paragraphs)


def _findings_report(preposition: Token, findings: Token, clause: Token, paragraphs: Paragraphs) -> Iterator[Quote]:
    """"In a new poll, Clinton leads Trump": the phrase is the cue, the poll the source."""
    bounds = _outside(clause, preposition)
    if bounds is None:
        return
    start, end = paragraphs.clip(preposition, *bounds)
    if end <= start:
        return
    doc = preposition.doc
    yield Quote(
        content=char_span(doc, start, end),
        quote_type="indirect",
        cue=char_span(doc, preposition.i, preposition.i + 1),
        source_mention=mention_span(findings),
        kind="speech",
    )


def _event_report(clause: Token, lexicon: CueLexicon, paragraphs: Paragraphs) -> Iterator[Quote]:
    """"In a statement, the senator dismissed Obama's actions", "In an interview he named it as a
    reason": the subject speaks, the verb is the cue and what follows it the content."""
    subject = subject_of(clause)
    if subject is None:
        return
    cue_start, cue_end = cue_bounds(clause, lexicon.audience_verbs, lexicon.nominal_cues)
    doc = clause.doc
    start, end = paragraphs.clip(clause, *_trim(doc, cue_end, clause.right_edge.i + 1))
    if end <= start:
        return
    yield Quote(
        content=char_span(doc, start, end),
        quote_type="indirect",
        cue=char_span(doc, cue_start, cue_end),
        source_mention=mention_span(subject),
        kind="speech",
    )


def _holds_cue_verb(clause: Token, lexicon: CueLexicon) -> bool:
    """"In a speech, Trump struck a measured tone, saying ...": the speech event is the setting of
    the clause's own cue verb, which reports on its own."""
    return any(c.dep_ in NESTED_CUE_DEPS and is_cue_verb(c, lexicon) for c in clause.children)


def speaker_labels(doc: Doc, paragraphs: Paragraphs) -> Iterator[Quote]:
    """Transcripts: "TRUMP: The deaths of ...", "Q: ...", "A: ...": a paragraph opened by a
    speaker's name in capitals and a colon is that speaker's words."""
    start = 0
    while start < len(doc):
        _, end = paragraphs.bounds(doc[start])
        label_end = _speaker_label_end(doc, start, end)
        if label_end is not None:
            content = _trim(doc, label_end + 1, end)
            if content[1] > content[0]:
                yield Quote(
                    content=char_span(doc, *content),
                    quote_type="indirect",
                    cue=char_span(doc, label_end, label_end + 1),
                    source_mention=char_span(doc, start, label_end),
                    kind="speech",
                )
        start = end + 1


def _speaker_label_end(doc: Doc, start: int, end: int) -> int | None:
    """The colon's index when the paragraph starts with a label in capitals ("SEN. SANDERS:")."""
    for index in range(start, min(end, start + MAX_LABEL_TOKENS + 1)):
        token = doc[index]
        if token.text == ":":
            return index if index > start else None
        if not (token.text.isupper() or token.text == "."):
            return None
    return None


def _has_complementizer(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in COMPLEMENTIZERS for c in clause.children)


def _noun_source(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ in POSSESSOR_DEPS:
            return child
        if child.dep_ == "prep" and child.lower_ in NOUN_SOURCE_PREPOSITIONS:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.ent_type_:
                return pobj
    return None


def _clause_head(token: Token) -> Token | None:
    """The verb of the clause a phrase modifies (climbing out of noun phrases)."""
    head = token.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return None if head.i == token.i else head


def _content_bounds(head: Token) -> tuple[int, int]:
    """The head's subtree, stopped before a nested participial cue, cut to a sane length (a longer
    one is a parse running through a run-on text) and trimmed of punctuation."""
    start = head.left_edge.i
    end = min(head.right_edge.i + 1, start + MAX_CONTENT_TOKENS)
    for token in head.doc[head.i + 1 : end]:
        if _starts_nested_cue(token):
            end = max(head.i + 1, token.left_edge.i)
            break
    return _trim(head.doc, start, end)


def _starts_nested_cue(token: Token) -> bool:
    """", explaining that ...", "...,” officially confirming ...": a participle after a comma or
    a closing quotation mark, attached as an adverbial or aside."""
    if token.tag_ != "VBG" or token.dep_ not in NESTED_CUE_DEPS or token.left_edge.i == 0:
        return False
    before = token.doc[token.left_edge.i - 1]
    return before.text == "," or before.text in CLOSING_MARKS


def _outside(clause: Token, aside: Token) -> tuple[int, int] | None:
    """The clause's subtree less the aside's. An aside set off in the middle ("The economy, he said,
    is strong") parts one content, which runs over it from the first side to the second, as PolNeAR
    marks it and as a direct quote split around its cue is reported; but a side that is all one
    quotation is the direct rules' quote, so then the longer side is the content."""
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    aside_start, aside_end = aside.left_edge.i, aside.right_edge.i + 1
    before = _trim(clause.doc, start, aside_start) if aside_start > start else None
    after = _trim(clause.doc, aside_end, end) if aside_end < end else None
    sides = [s for s in (before, after) if s is not None and s[1] > s[0]]
    if not sides:
        return None
    if len(sides) == 2 and _set_off(clause.doc, aside_start) and not any(_all_quoted(clause.doc, *side) for side in sides):
        return before[0], after[1]
    return max(sides, key=lambda s: s[1] - s[0])


def _set_off(doc: Doc, aside_start: int) -> bool:
    """The aside opens with a comma or dash, its own (the parser may hang it there) or just before."""
    return doc[aside_start].text in ASIDE_OPENERS or doc[aside_start - 1].text in ASIDE_OPENERS


def _all_quoted(doc: Doc, start: int, end: int) -> bool:
    return doc[start].text in OPENING_MARKS and doc[end - 1].text in CLOSING_MARKS


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop edge punctuation and connectives, but keep quotation marks that enclose words."""
    while start < end and _edge_junk(doc[start], OPENING_MARKS):
        start += 1
    while end > start and _edge_junk(doc[end - 1], CLOSING_MARKS):
        end -= 1
    return start, end


def _edge_junk(token: Token, marks_kept: frozenset[str]) -> bool:
    if token.text in marks_kept:
        return False
    return token.is_punct or token.is_space or token.dep_ == "cc"
