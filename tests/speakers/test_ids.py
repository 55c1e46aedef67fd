"""Speaker ids: stable slugs, and bare surnames merged across documents only when unambiguous."""

from __future__ import annotations

import pytest

from attribution.pipeline import DocumentResult, build_attributions, merge_speaker_ids
from attribution.speakers.ids import SurnameIndex, merge_surnames, slug, speaker_id
from attribution.types import Attribution, Document, DocumentError, Quote, Speaker, Stance, TextSpan


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
    assert slug("Sir Peter Westmacott") == slug("Peter Westmacott") == "peter-westmacott"


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


def _row(doc_id: str, name: str, speaker_type: str = "person") -> Attribution:
    quote = Quote(TextSpan.of("x", 0, 1), "direct")
    speaker = Speaker(name, speaker_type, speaker_id=speaker_id(name, speaker_type))
    return build_attributions(doc_id, "x", [quote], [speaker], [Stance("assertion", 0.5)])[0]


def _ids(results) -> list[str]:
    return [row.speaker_id for result in results if isinstance(result, DocumentResult) for row in result.attributions]


STREAMS = [
    # a bare surname takes the id of the one full name met before it, in an earlier document ...
    ([["Lloyd Austin"], ["Austin"]], ["person:lloyd-austin", "person:lloyd-austin"]),
    # ... or in the same one
    ([["Austin", "Lloyd Austin"]], ["person:lloyd-austin", "person:lloyd-austin"]),
    # not one met after it: a stream is not read ahead
    ([["Austin"], ["Lloyd Austin"]], ["person:austin", "person:lloyd-austin"]),
    # nor when two people share the surname
    ([["Hillary Clinton"], ["Bill Clinton"], ["Clinton"]], ["person:hillary-clinton", "person:bill-clinton", "person:clinton"]),
]


@pytest.mark.parametrize("names, expected", STREAMS)
def test_ids_merge_speaker_ids_over_a_stream(names, expected):
    results = [
        DocumentResult(Document(f"d{i}", "x"), tuple(_row(f"d{i}", name) for name in doc_names))
        for i, doc_names in enumerate(names)
    ]
    assert _ids(merge_speaker_ids(results)) == expected


def test_ids_merge_speaker_ids_passes_errors_and_keeps_other_types():
    error = DocumentError("bad", "bad", "ingest", "EmptyDocumentError", "empty")
    results = [
        DocumentResult(Document("d0", "x"), (_row("d0", "Lloyd Austin"),)),
        error,
        DocumentResult(Document("d1", "x"), (_row("d1", "Austin", "organization"), _row("d1", "", "unnamed"))),
    ]
    merged = list(merge_speaker_ids(results))
    assert merged[1] is error
    assert _ids(merged) == ["person:lloyd-austin", "organization:austin", ""]
    assert [row.speaker for row in merged[2].attributions] == ["Austin", ""]  # the document's own words stay


def test_people_speaking_together_own_no_surname():
    index = SurnameIndex()
    index.note("Felicia Sanders and Polly Sheppard", "person", "person:felicia-sanders-and-polly-sheppard")
    assert index.merged_id("Sheppard", "person", "person:sheppard") == "person:sheppard"
