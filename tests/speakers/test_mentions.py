"""Name mentions read from the parse and NER: (text) -> (name, kind, gender) of the mentions."""

from __future__ import annotations

import pytest

from attribution.speakers.mentions import find_names


MENTIONS = [
    # a first name NER left untagged joins the surname it tagged
    ("Ilya Shapiro argues at The Federalist that the court erred.", ("Ilya Shapiro", "person", "")),
    # a title before the name is no first name
    ("Senator Cruz said no.", ("Cruz", "person", "")),
    # a lower-case "miss" is a verb, not an honorific; a capitalised "Miss" is one
    ("Polls miss Trump's fall in Iowa vote.", ("Trump", "person", "")),
    ("Miss Smith said she would stay.", ("Smith", "person", "f")),
    # "president of X": what the title's "of" governs is an organisation, cut between words only
    ("David Friedman, president of Wealth-X, said the list was right.", ("Wealth-X", "organization", "")),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", MENTIONS)
def test_mentions_find_names(nlp, text, expected):
    assert expected in [(m.name, m.kind, m.gender) for m in find_names(nlp(text))]
