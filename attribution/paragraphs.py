"""A line break always ends a sentence in news text; the small parser sometimes runs paragraphs together."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "paragraph_sentence_starts"


@Language.component(COMPONENT)
def paragraph_sentence_starts(doc: Doc) -> Doc:
    """Mark the first token after a line break as a sentence start (the parser keeps preset starts)."""
    for previous, token in zip(doc, doc[1:]):
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc
