"""Texts to spaCy Docs, with inline markup masked.

Scraped article text often keeps inline markup: embedded tweets (`<tweet pic="" author="...">`),
links (`<a href="...">`), comments. Its attribute values hold quotation marks and words that the
detector would read as quotes, cues and sources. Each tag is replaced by spaces of its own length
(line breaks kept), so the parse never sees it and every offset into the parsed text is an offset
into the original: rows slice their text from the original (pipeline.make_attribution).
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from spacy.tokens import Doc

from attribution.resources import load_nlp

# A tag name, then attributes up to the closing ">", bounded so a stray "<" cannot reach far;
# "a < b" and "<3" are no tags. Comments are masked whole.
MARKUP = re.compile(r"</?[A-Za-z][\w:.-]{0,40}(?:\s[^<>]{0,2000})?/?>|<!--.{0,20000}?-->", re.DOTALL)
NOT_LINE_BREAK = re.compile(r"[^\n]")


def mask_markup(text: str) -> str:
    """The text with every inline tag and comment blanked out, its length and line breaks kept."""
    return MARKUP.sub(lambda match: NOT_LINE_BREAK.sub(" ", match.group()), text)


def parse_texts(texts: Iterable[str], batch_size: int | None = None) -> Iterator[Doc]:
    """The spaCy parse of each text, markup masked; Doc.text has the length of the text it parses."""
    return load_nlp().pipe((mask_markup(text) for text in texts), batch_size=batch_size)
