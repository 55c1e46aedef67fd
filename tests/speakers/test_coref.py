"""Name keys used to group mentions into entities (no parse needed)."""

from __future__ import annotations

import pytest

from attribution.speakers.coref import acronym, normalise, surname_of


@pytest.mark.parametrize(
    "name, expected",
    [
        ("The New York Times", "new york times"),
        ("Trump's", "trump"),
        ("Trump’s", "trump"),
        ("U.S.", "us"),
        ("the  State   Duma", "state duma"),
        ("Theodore Roosevelt", "theodore roosevelt"),  # "the" only as a whole word
    ],
)
def test_coref_normalise(name, expected):
    assert normalise(name) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("North Atlantic Treaty Organization", "NATO"),
        ("Federal Bureau of Investigation", "FBI"),
        ("Democratic People's Republic of Korea", "DPRK"),
    ],
)
def test_coref_acronym(name, expected):
    assert acronym(name) == expected


@pytest.mark.parametrize(
    "name, expected",
    [("Lloyd Austin", "austin"), ("Martin Luther King Jr.", "king"), ("Kim Jong-un", "jong-un"), ("", "")],
)
def test_coref_surname(name, expected):
    assert surname_of(name) == expected
