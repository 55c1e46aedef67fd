"""schema.org ClaimReview JSON-LD for claims a fact-checker will review.

Follows schema.org's ClaimReview as fact-checking tools read it: `claimReviewed` is the claim's
words; `itemReviewed` is a Claim whose `author` is the speaker (Person or Organization, with the
role the article gives) and whose `appearance` is the article. The review's own `author` (the
fact-checking organisation) and `reviewRating` are left for the fact-checker to fill in. No
date is written: articles come without a known publication date.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from attribution.types import Attribution, Document

CONTEXT = "https://schema.org"
PERSON_TYPES = frozenset({"person"})
ORGANIZATION_TYPES = frozenset({"organization", "media", "country"})
URL_SCHEMES = ("http://", "https://")


def claim_reviews(attributions: Sequence[Attribution], documents: Mapping[str, Document]) -> dict:
    """One JSON-LD document (a @graph) holding a ClaimReview per attribution, in the given order."""
    return {"@context": CONTEXT, "@graph": [claim_review(a, documents.get(a.doc_id)) for a in attributions]}


def claim_review(attribution: Attribution, document: Document | None) -> dict:
    return {
        "@type": "ClaimReview",
        "claimReviewed": attribution.quote_text,
        "itemReviewed": {
            "@type": "Claim",
            "identifier": f"{attribution.doc_id}:{attribution.quote_id}",
            "author": claim_author(attribution),
            "appearance": appearance(attribution.doc_id, document),
        },
        # Left for the fact-checker: the verdict ("False", "Mostly true", ...) and who gives it.
        "reviewRating": {"@type": "Rating", "alternateName": ""},
    }


def claim_author(attribution: Attribution) -> dict:
    """The speaker as schema.org sees them; an unnamed source keeps the article's words for it."""
    name = attribution.speaker or attribution.speaker_mention
    if attribution.speaker_type in PERSON_TYPES:
        author = {"@type": "Person", "name": name}
        if attribution.speaker_role:
            author["jobTitle"] = attribution.speaker_role
        return author
    if attribution.speaker_type not in ORGANIZATION_TYPES:
        # Unnamed ("officials said") or absent: no entity to name, so say so rather than guess.
        return {"@type": "Thing", "name": name, "description": attribution.speaker_role or "unnamed source"}
    author = {"@type": "Organization", "name": name}
    if attribution.speaker_role:
        author["description"] = attribution.speaker_role
    return author


def appearance(doc_id: str, document: Document | None) -> dict:
    work = {"@type": "CreativeWork", "identifier": doc_id}
    source = document.source if document is not None else ""
    if source.startswith(URL_SCHEMES):
        work["url"] = source
    elif source:
        work["name"] = source
    return work
