"""A line break always ends a sentence in news text; the small parser sometimes runs paragraphs
together. An abbreviated title never does: the parser ends sentences at "Capt." or "Sen."."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "paragraph_sentence_starts"
# Titles written shortened before a name: "Navy Capt. Jeff Davis", "Sen. Ted Cruz", "Lt. Gen. Flynn".
TITLE_ABBREVIATIONS = frozenset({
    "Capt.", "Cdr.", "Ald.", "Lt.", "Col.", "Sgt.", "Maj.", "Cmdr.", "Cpl.", "Pvt.", "Spc.", "Brig.", "Supt.", "Det.", "Insp.",
    "Atty.", "Amb.", "Sec.", "Pres.", "Gens.", "Sens.", "Reps.", "Msgr.", "Gen.", "Adm.", "Sen.", "Rep.", "Gov.",
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Rev.",
})  # fmt: skip


@Language.component(COMPONENT)
def paragraph_sentence_starts(doc: Doc) -> Doc:
    """Mark the first token after a line break as a sentence start, and a name after an abbreviated
    title as none (the parser keeps preset starts)."""
    for previous, token in zip(doc, doc[1:]):
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
        elif previous.text in TITLE_ABBREVIATIONS and token.is_title:
            token.is_sent_start = False
    return doc
