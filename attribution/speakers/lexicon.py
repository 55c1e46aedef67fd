"""The speaker resolver's word lists (attribution/data/speaker_*.en.txt), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class PronounInfo:
    person: str  # "1", "2", "3" or "rel" (who, which, that)
    gender: str  # "m", "f", "n" (it) or "-" (any)
    number: str  # "sg", "pl" or "-"


def _lines(name: str) -> list[str]:
    text = (DATA_DIR / f"{name}.en.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _words(name: str) -> frozenset[str]:
    return frozenset(_lines(name))


@lru_cache(maxsize=None)
def titles() -> frozenset[str]:
    return _words("speaker_titles")


@lru_cache(maxsize=None)
def office_modifiers() -> frozenset[str]:
    return _words("speaker_office_modifiers")


@lru_cache(maxsize=None)
def media_words() -> frozenset[str]:
    return _words("speaker_media")


@lru_cache(maxsize=None)
def speech_nouns() -> frozenset[str]:
    return _words("speaker_speech_nouns")


@lru_cache(maxsize=None)
def outlet_words() -> frozenset[str]:
    return _words("speaker_outlet_words")


@lru_cache(maxsize=None)
def outlets() -> frozenset[str]:
    return _words("speaker_outlets")


@lru_cache(maxsize=None)
def country_acronyms() -> frozenset[str]:
    return _words("speaker_country_acronyms")


@lru_cache(maxsize=None)
def platforms() -> frozenset[str]:
    return _words("speaker_platforms")


@lru_cache(maxsize=None)
def org_heads() -> frozenset[str]:
    return _words("speaker_org_heads")


@lru_cache(maxsize=None)
def unnamed_heads() -> frozenset[str]:
    return _words("speaker_unnamed")


@lru_cache(maxsize=None)
def honorifics() -> dict[str, str]:
    """Honorific -> the gender it marks ("m", "f", or "" when it marks none, like "Dr.")."""
    pairs = (line.split("\t") for line in _lines("speaker_honorifics"))
    return {word: gender.strip("-") for word, gender in pairs}


@lru_cache(maxsize=None)
def acronym_heads() -> dict[str, str]:
    """An organisation's acronym -> the head noun of its full name ("FBI" -> "bureau")."""
    pairs = (line.split("\t") for line in _lines("speaker_acronym_heads"))
    return {acronym: head.strip() for acronym, head in pairs}


@lru_cache(maxsize=None)
def pronouns() -> dict[str, PronounInfo]:
    table = {}
    for line in _lines("speaker_pronouns"):
        word, person, gender, number = line.split("\t")
        table[word] = PronounInfo(person, gender, number)
    return table
