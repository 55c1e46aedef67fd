"""`nlp.add_pipe("attribution")` on the real spaCy model sets doc._.attributions."""

from __future__ import annotations

import pytest

from attribution.types import Attribution

TEXTS = [
    '"We will fight on," the senator said after the vote on Tuesday.',
    "The weather was mild and the markets were closed for the holiday.",
]


@pytest.fixture(scope="module")
def nlp_with_component():
    """A fresh pipeline, not the shared `nlp` fixture: adding a pipe must not change other tests' model."""
    import spacy

    from attribution.resources import SPACY_MODEL

    nlp = spacy.load(SPACY_MODEL)
    nlp.add_pipe("attribution")
    return nlp


@pytest.mark.slow
def test_spacy_component_sets_attributions(nlp_with_component):
    assert nlp_with_component.pipe_names[-1] == "attribution"
    for doc in nlp_with_component.pipe(TEXTS, batch_size=1):  # batch_size=1: more docs than one batch
        assert isinstance(doc._.attributions, tuple)
        for row in doc._.attributions:
            assert isinstance(row, Attribution)
            assert doc.text[row.quote_start : row.quote_end] == row.quote_text
    quoted, plain = nlp_with_component.pipe(TEXTS)
    assert plain._.attributions == ()
    assert [row.quote_id for row in quoted._.attributions][:1] == ["q001"]
    assert quoted._.attributions[0].quote_text.startswith("We will fight on")


@pytest.mark.slow
def test_spacy_component_single_doc_call_and_doc_id(nlp_with_component):
    doc = nlp_with_component.make_doc(TEXTS[0])
    doc.user_data["doc_id"] = "senate"
    for _, component in nlp_with_component.pipeline:
        doc = component(doc)
    assert all(row.doc_id == "senate" for row in doc._.attributions)
    assert doc._.attributions
