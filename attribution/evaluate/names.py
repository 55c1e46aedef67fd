"""When a predicted speaker name, type or role counts as right."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

_LEADING_THE = re.compile(r"^the\s+")
_SPACES = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """Lower case, punctuation (and symbols such as "&") dropped, spaces collapsed, a leading "the" dropped.

    Punctuation is dropped, not turned into a space, so "U.S." and "US" agree; a hyphen or
    apostrophe joins its neighbours the same way ("Jong-un" == "Jongun").
    """
    kept = "".join(ch for ch in name.lower() if not unicodedata.category(ch).startswith(("P", "S")))
    kept = _SPACES.sub(" ", kept).strip()
    return _LEADING_THE.sub("", kept)


def name_correct(predicted: str, gold_name: str, aliases: Iterable[str] = ()) -> bool:
    """Right if the predicted name equals the gold name or any alias, once normalised.

    A gold name of "" means the source is unnamed: only an empty prediction is right then, whatever
    the aliases say (they list how the unnamed source is described, not names to give it).
    """
    predicted = normalise_name(predicted)
    if not normalise_name(gold_name):
        return predicted == ""
    return predicted in {normalise_name(n) for n in (gold_name, *aliases)} - {""}


def type_correct(predicted: str, gold: str) -> bool:
    return predicted.strip().lower() == gold.strip().lower()


def role_correct(predicted: str, gold: str) -> bool:
    """Right if, normalised as names, the roles are equal or one contains the other as whole words.

    Containment accepts a shorter or longer form of the same title ("Deputy Foreign Minister" vs
    "Russian Deputy Foreign Minister"); whole words keep "minister" from matching "administer".
    An empty gold role is right only for an empty prediction, and vice versa.
    """
    predicted, gold = normalise_name(predicted), normalise_name(gold)
    if not predicted or not gold:
        return predicted == gold
    return f" {predicted} " in f" {gold} " or f" {gold} " in f" {predicted} "
