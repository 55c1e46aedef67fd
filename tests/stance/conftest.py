"""Fixtures for the stance tests."""

from __future__ import annotations

import pytest

from attribution.stance.inputs import format_input


@pytest.fixture(scope="session")
def stance_input():
    """stance_input(text, content, cue) -> the model input of a claim whose content and cue are the
    first occurrences of those words in `text`."""

    def build(text: str, content: str, cue: str):
        c, k = text.index(content), text.index(cue)
        return format_input(text, [(c, c + len(content))], [(k, k + len(cue))])

    return build
