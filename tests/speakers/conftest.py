"""Fixtures for the speaker resolver's tests."""

from __future__ import annotations

import re

import pytest

from attribution.speakers.resolve import resolve_speakers
from attribution.types import Quote, Speaker, TextSpan


@pytest.fixture(scope="session")
def resolve_one(nlp):
    """resolve_one(text, mention, occurrence=1) -> the Speaker of a quote spanning `text` whose
    source is the `occurrence`-th whole-word `mention` ("he" never inside "the"); None: no source."""

    def resolve(text: str, mention: str | None, occurrence: int = 1) -> Speaker:
        source = None
        if mention:
            starts = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(mention) + r"(?!\w)", text)]
            start = starts[occurrence - 1]
            source = TextSpan.of(text, start, start + len(mention))
        quote = Quote(TextSpan.of(text, 0, len(text)), "indirect", None, source)
        return resolve_speakers(nlp(text), [quote])[0]

    return resolve


@pytest.fixture(scope="session")
def speaker_of(resolve_one):
    """speaker_of(text, mention, occurrence=1) -> (name, type, role) of resolve_one's Speaker."""

    def name_type_role(text: str, mention: str | None, occurrence: int = 1) -> tuple[str, str, str]:
        speaker = resolve_one(text, mention, occurrence)
        return speaker.name, speaker.speaker_type, speaker.role

    return name_type_role
