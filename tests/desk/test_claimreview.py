"""ClaimReview JSON-LD: the claim's words, its author with role, its article."""

from __future__ import annotations

import json

import pytest

from attribution.io.claimreview import claim_author, claim_reviews


def test_claimreview_shape(make_row, troops_doc):
    row = make_row(troops_doc, "q001", "North Korean troops are in Russia.", "Lloyd Austin", "assertion",
                   speaker_role="U.S. Defense Secretary")  # fmt: skip
    doc = json.loads(json.dumps(claim_reviews([row], {"troops": troops_doc})))
    assert doc["@context"] == "https://schema.org"
    (review,) = doc["@graph"]
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "North Korean troops are in Russia."
    item = review["itemReviewed"]
    assert item["@type"] == "Claim" and item["identifier"] == "troops:q001"
    assert item["author"] == {"@type": "Person", "name": "Lloyd Austin", "jobTitle": "U.S. Defense Secretary"}
    assert item["appearance"] == {"@type": "CreativeWork", "identifier": "troops", "name": "troops.txt"}
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": ""}  # for the fact-checker


@pytest.mark.parametrize(
    ("speaker", "speaker_type", "role", "expected"),
    [
        ("NATO", "organization", "", {"@type": "Organization", "name": "NATO"}),
        ("Russia", "country", "", {"@type": "Organization", "name": "Russia"}),
        ("TASS", "media", "", {"@type": "Organization", "name": "TASS"}),
        ("Ann Lee", "person", "", {"@type": "Person", "name": "Ann Lee"}),
        ("", "unnamed", "", {"@type": "Thing", "name": "officials", "description": "unnamed source"}),
    ],
)
def test_claimreview_author_types(make_row, troops_doc, speaker, speaker_type, role, expected):
    row = make_row(troops_doc, "q001", "North Korean troops are in Russia.", speaker, "assertion",
                   speaker_type=speaker_type, speaker_role=role, speaker_mention=speaker or "officials")  # fmt: skip
    assert claim_author(row) == expected


def test_claimreview_url_source_becomes_url(make_row, troops_doc):
    from dataclasses import replace

    online = replace(troops_doc, source="https://news.example/troops")
    row = make_row(troops_doc, "q001", "North Korean troops are in Russia.", "Lloyd Austin", "assertion")
    appearance = claim_reviews([row], {"troops": online})["@graph"][0]["itemReviewed"]["appearance"]
    assert appearance["url"] == "https://news.example/troops"
