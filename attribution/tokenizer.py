"""spaCy's tokenizer, guarded against long runs of punctuation with no space in them.

spaCy strips a chunk's prefixes and suffixes one at a time, copying the rest of the chunk each
time, so a run of n quotation marks, brackets or "!" costs n squared: 4,000 '"' take 4 s, 50,000
would take minutes. Prose has no chunk that long, so a chunk of more than LONG_CHUNK characters
without whitespace is cut into pieces of PIECE characters, each tokenized alone and joined without
spaces. The Doc's text is still the input, character for character, so every offset holds; a text
without such a chunk is tokenized exactly as before.
"""

from __future__ import annotations

import re
from typing import Callable

from spacy.tokens import Doc

LONG_CHUNK = 1000  # longer than any word, URL or hashtag in news
PIECE = 100  # a long chunk costs about its length times PIECE: linear
NON_SPACE = re.compile(r"\S+")


class GuardedTokenizer:
    """Wraps a spaCy tokenizer (nlp.tokenizer = GuardedTokenizer(nlp.tokenizer))."""

    def __init__(self, tokenizer: Callable[[str], Doc]):
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        if len(text) <= LONG_CHUNK:
            return self.tokenizer(text)
        long_chunks = [m.span() for m in NON_SPACE.finditer(text) if m.end() - m.start() > LONG_CHUNK]
        if not long_chunks:
            return self.tokenizer(text)
        parts, done = [], 0
        for start, end in long_chunks:
            if start > done:
                parts.append(self.tokenizer(text[done:start]))
            parts.extend(self.tokenizer(text[i : min(i + PIECE, end)]) for i in range(start, end, PIECE))
            done = end
        if done < len(text):
            parts.append(self.tokenizer(text[done:]))
        return Doc.from_docs(parts, ensure_whitespace=False)
