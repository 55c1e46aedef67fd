"""Fixtures for the speaker resolver's tests."""

from __future__ import annotations

import re

import pytest

from attribution.speakers.resolve import resolve_speakers
from attribution.types import Quote, TextSpan


@pytest.fixture(scope="session")
def speaker_of(nlp):
    """speaker_of(text, mention, occurrence=1) -> (name, type, role) of a quote spanning `text`
    whose source is the `occurrence`-th whole-word `mention` ("he" never inside "the")."""

    def resolve(text: str, mention: str, occurrence: int = 1):
        starts = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(mention) + r"(?!\w)", text)]
        start = starts[occurrence - 1]
        source = TextSpan.of(text, start, start + len(mention))
        quote = Quote(TextSpan.of(text, 0, len(text)), "indirect", None, source)
        speaker = resolve_speakers(nlp(text), [quote])[0]
        return speaker.name, speaker.speaker_type, speaker.role

    return resolve
