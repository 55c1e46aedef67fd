from __future__ import annotations

import pytest

from attribution.evaluate.names import name_correct, normalise_name, role_correct, type_correct


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Donald Trump", "donald trump"),
        ("The White House", "white house"),
        ("the  New York   Times", "new york times"),
        ("U.S. State Department", "us state department"),
        ("Kim Jong-un", "kim jongun"),
        ("O’Rourke", "orourke"),
        ("AT&T", "att"),
        ("Theresa May", "theresa may"),  # "the" only as a whole leading word
        ("  ", ""),
        ("The", "the"),  # nothing follows: nothing to drop it from
    ],
)
def test_names_normalise(name, expected):
    assert normalise_name(name) == expected


@pytest.mark.parametrize(
    "predicted, gold, aliases, right",
    [
        ("Donald Trump", "Donald Trump", (), True),
        ("donald trump.", "Donald Trump", (), True),
        ("Trump", "Donald Trump", ("Trump", "Mr. Trump"), True),
        ("Mr Trump", "Donald Trump", ("Trump", "Mr. Trump"), True),
        ("White House", "the White House", (), True),
        ("Trump", "Donald Trump", (), False),
        ("Hillary Clinton", "Donald Trump", ("Trump",), False),
        ("", "Donald Trump", (), False),
        ("", "", (), True),
        ("", "", ("officials",), True),
        ("officials", "", ("officials",), False),  # gold "" = unnamed: only "" is right
        ("Anyone", "", (), False),
        ("", "", ("",), True),
    ],
)
def test_names_name_correct(predicted, gold, aliases, right):
    assert name_correct(predicted, gold, aliases) is right


@pytest.mark.parametrize(
    "predicted, gold, right",
    [
        ("Deputy Foreign Minister", "Deputy Foreign Minister", True),
        ("deputy foreign minister", "Deputy Foreign Minister", True),
        ("Russian Deputy Foreign Minister", "Deputy Foreign Minister", True),
        ("Minister", "Deputy Foreign Minister", True),
        ("minister", "administer", False),  # whole words only
        ("Secretary of State", "Secretary of Defense", False),
        ("", "", True),
        ("", "spokesman", False),
        ("spokesman", "", False),
    ],
)
def test_names_role_correct(predicted, gold, right):
    assert role_correct(predicted, gold) is right


@pytest.mark.parametrize(
    "predicted, gold, right",
    [("person", "person", True), ("Person ", "person", True), ("organization", "media", False), ("", "none", False)],
)
def test_names_type_correct(predicted, gold, right):
    assert type_correct(predicted, gold) is right
