"""`nlp.add_pipe("attribution")` on the real spaCy model sets doc._.attributions."""

from __future__ import annotations

import pytest

import attribution.quotes.detect as detect_module
from attribution.resources import has_model
from attribution.types import Attribution, Stance

TEXTS = [
    '"We will fight on," the senator said after the vote on Tuesday.',
    "The weather was mild and the markets were closed for the holiday.",
]
DETECTOR_READY = not (detect_module.__doc__ or "").startswith("Scaffold")


def fixed_stances(docs, quotes_per_doc):
    return [[Stance("assertion", 0.5) for _ in quotes] for quotes in quotes_per_doc]


@pytest.fixture(scope="module")
def nlp_with_component():
    """A fresh pipeline, not the shared `nlp` fixture: adding a pipe must not change other tests' model.
    Until the stance model ships, a fixed stance keeps the component testable."""
    import spacy

    import attribution.spacy_component as component_module
    from attribution.resources import SPACY_MODEL

    with pytest.MonkeyPatch.context() as patch:
        if not has_model("stance"):
            patch.setattr(component_module, "classify_stances", fixed_stances)
        nlp = spacy.load(SPACY_MODEL)
        nlp.add_pipe("attribution")
        yield nlp


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
    if DETECTOR_READY:
        assert [row.quote_id for row in quoted._.attributions][:1] == ["q001"]
        assert quoted._.attributions[0].quote_text.startswith("We will fight on")


@pytest.mark.slow
def test_spacy_component_single_doc_call_and_doc_id(nlp_with_component):
    doc = nlp_with_component.make_doc(TEXTS[0])
    doc.user_data["doc_id"] = "senate"
    for _, component in nlp_with_component.pipeline:
        doc = component(doc)
    assert all(row.doc_id == "senate" for row in doc._.attributions)
    if DETECTOR_READY:
        assert doc._.attributions
