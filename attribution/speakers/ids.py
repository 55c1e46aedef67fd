"""Speaker ids stable across documents: "person:lloyd-austin" in every article that names him.

Within a document the id comes from the speaker's normalised full name. Across documents, a
bare surname ("person:austin") takes the id of the one full name with that surname
(`SurnameIndex`), and keeps its own when two people share it: `merge_surnames` does so over a
whole batch held at once; `pipeline.merge_speaker_ids` over a stream, with the names met so far.
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
JOINT = "and"  # no person's name holds it as a word


def slug(name: str) -> str:
    """"Lloyd Austin" -> "lloyd-austin"; accents folded, "the", a knight's or dame's style and
    possessives dropped ("Sir Peter Westmacott" is "Peter Westmacott" in another story)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"['’]s\b", "", text)
    text = _NOT_SLUG.sub("-", text).strip("-")
    return re.sub(r"^(?:the|sir|dame)-", "", text)


def speaker_id(name: str, speaker_type: str) -> str:
    """The id of a named speaker; "" when the speaker is unnamed or absent."""
    if speaker_type not in NAMED_TYPES or not name.strip():
        return ""
    key = slug(name)
    return f"{speaker_type}:{key}" if key else ""


def joint_name(names: Sequence[str]) -> str:
    """People who speak together: "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {JOINT} {names[-1]}"


def is_joint_name(name: str) -> bool:
    return f" {JOINT} " in name


class SurnameIndex:
    """The full person names met so far, by surname, to give bare surnames their owner's id."""

    def __init__(self) -> None:
        self._full_by_surname: dict[str, set[str]] = {}

    def note(self, name: str, speaker_type: str, speaker_id_: str) -> None:
        """Remember a speaker; only a person's full name ("Lloyd Austin") can own a surname, not
        people speaking together ("Felicia Sanders and Polly Sheppard")."""
        parts = slug(name).split("-")
        if speaker_type == "person" and len(parts) > 1 and speaker_id_ and not is_joint_name(name):
            self._full_by_surname.setdefault(parts[-1], set()).add(speaker_id_)

    def merged_id(self, name: str, speaker_type: str, speaker_id_: str) -> str:
        """A bare person surname's id: that of the only full name noted with it, else its own."""
        parts = slug(name).split("-")
        owners = self._full_by_surname.get(parts[0], set()) if len(parts) == 1 else set()
        return next(iter(owners)) if speaker_type == "person" and len(owners) == 1 else speaker_id_


def merge_surnames(batch: Sequence[Sequence[Speaker]]) -> list[list[Speaker]]:
    """The speakers of many documents, with each bare person surname given the id of the only
    full name in the batch that ends in it; ambiguous surnames keep their own id."""
    index = SurnameIndex()
    for speakers in batch:
        for speaker in speakers:
            index.note(speaker.name, speaker.speaker_type, speaker.speaker_id)
    return [
        [replace(s, speaker_id=index.merged_id(s.name, s.speaker_type, s.speaker_id)) for s in speakers]
        for speakers in batch
    ]
