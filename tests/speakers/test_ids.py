"""Speaker ids: stable slugs, and bare surnames merged across documents only when unambiguous."""

from __future__ import annotations

import pytest

from attribution.speakers.ids import merge_surnames, slug, speaker_id
from attribution.types import Speaker


@pytest.mark.parametrize(
    "name, speaker_type, expected",
    [
        ("Lloyd Austin", "person", "person:lloyd-austin"),
        ("The New York Times", "media", "media:new-york-times"),
        ("Russia's Foreign Ministry", "organization", "organization:russia-foreign-ministry"),
        ("Kim Jong-un", "person", "person:kim-jong-un"),
        ("Zoë Baird", "person", "person:zoe-baird"),
        ("", "unnamed", ""),
        ("officials", "unnamed", ""),
        ("", "none", ""),
        ("!!!", "person", ""),
    ],
)
def test_ids_speaker_id(name, speaker_type, expected):
    assert speaker_id(name, speaker_type) == expected


def test_ids_slug_is_stable_across_spellings():
    assert slug("Lloyd  Austin") == slug("lloyd austin") == "lloyd-austin"


def _person(name: str) -> Speaker:
    return Speaker(name, "person", speaker_id=speaker_id(name, "person"))


def test_ids_merge_surname_when_unambiguous():
    batch = [[_person("Lloyd Austin")], [_person("Austin"), Speaker("", "unnamed")]]
    merged = merge_surnames(batch)
    assert merged[1][0].speaker_id == "person:lloyd-austin"
    assert merged[1][0].name == "Austin"  # the document's own words stay
    assert merged[1][1].speaker_id == ""


def test_ids_merge_leaves_ambiguous_surname():
    batch = [[_person("Hillary Clinton")], [_person("Bill Clinton")], [_person("Clinton")]]
    assert merge_surnames(batch)[2][0].speaker_id == "person:clinton"


def test_ids_merge_only_people():
    batch = [[_person("Lloyd Austin")], [Speaker("Austin", "organization", speaker_id="organization:austin")]]
    assert merge_surnames(batch)[1][0].speaker_id == "organization:austin"
