"""What a source mention resolves to, before its mention and id are attached."""

from __future__ import annotations

from dataclasses import dataclass

from attribution.speakers import lexicon
from attribution.speakers.coref import Entity, normalise


@dataclass(frozen=True)
class Resolved:
    """A speaker before its mention and id are attached."""

    name: str
    speaker_type: str
    role: str = ""
    entity: Entity | None = None


UNNAMED = Resolved("", "unnamed")
NONE = Resolved("", "none")

def is_media_name(name: str) -> bool:
    """An outlet or agency: a known outlet, or a name with a media word ("The New York Times")."""
    key = normalise(name)
    if key in lexicon.outlets():
        return True
    return any(word in lexicon.outlet_words() for word in key.split())

