"""Speaker ids stable across documents: "person:lloyd-austin" in every article that names him.

Within a document the id comes from the speaker's normalised full name. Across a batch,
`merge_surnames` gives a bare surname ("person:austin") the id of the one full name in the batch
with that surname, and leaves it alone when two people share it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Sequence

from attribution.types import Speaker

# Types whose speakers have names; unnamed and absent sources get no id.
NAMED_TYPES = frozenset({"person", "organization", "media", "country"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """"Lloyd Austin" -> "lloyd-austin"; accents folded, "the" and possessives dropped."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"['’]s\b", "", text)
    text = _NOT_SLUG.sub("-", text).strip("-")
    return text[4:] if text.startswith("the-") else text


def speaker_id(name: str, speaker_type: str) -> str:
    """The id of a named speaker; "" when the speaker is unnamed or absent."""
    if speaker_type not in NAMED_TYPES or not name.strip():
        return ""
    key = slug(name)
    return f"{speaker_type}:{key}" if key else ""


def merge_surnames(batch: Sequence[Sequence[Speaker]]) -> list[list[Speaker]]:
    """The speakers of many documents, with each bare person surname given the id of the only
    full name in the batch that ends in it; ambiguous surnames keep their own id."""
    full_by_surname: dict[str, set[str]] = {}
    for speakers in batch:
        for speaker in speakers:
            parts = slug(speaker.name).split("-")
            if speaker.speaker_type == "person" and len(parts) > 1:
                full_by_surname.setdefault(parts[-1], set()).add(speaker.speaker_id)
    merged = []
    for speakers in batch:
        row = []
        for speaker in speakers:
            parts = slug(speaker.name).split("-")
            owners = full_by_surname.get(parts[0], set()) if len(parts) == 1 else set()
            if speaker.speaker_type == "person" and len(owners) == 1:
                speaker = replace(speaker, speaker_id=next(iter(owners)))
            row.append(speaker)
        merged.append(row)
    return merged
