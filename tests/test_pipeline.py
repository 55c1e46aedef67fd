"""The pipeline's rows for a document depend on that document alone."""

from __future__ import annotations

import pytest

from attribution.pipeline import DocumentResult, Pipeline
from attribution.types import Document

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def documents(seeds_dir) -> list[Document]:
    """The seed article, then each of its paragraphs as a document of its own: batches of many
    widths and companions."""
    text = (seeds_dir / "duma-ratifies-dprk-treaty.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n") if p.strip()]
    return [Document("seed", text)] + [Document(f"p{i:02d}", p) for i, p in enumerate(paragraphs)]


def rows_by_document(pipeline: Pipeline, documents: list[Document]) -> dict:
    results = [r for r in pipeline.run(documents) if isinstance(r, DocumentResult)]
    return {r.document.doc_id: r.attributions for r in results}


def test_pipeline_rows_do_not_depend_on_the_batch_size(documents):
    one_by_one = rows_by_document(Pipeline(batch_size=1), documents)
    assert sum(len(rows) for rows in one_by_one.values()) > 20
    for batch_size in (3, 16):
        assert rows_by_document(Pipeline(batch_size=batch_size), documents) == one_by_one  # stance_score included


def test_pipeline_rules_only_runs_no_model(monkeypatch):
    import attribution.quotes.tagger as tagger_module
    import attribution.stance.classify as stance_module

    def no_model(*args, **kwargs):
        raise AssertionError("a transformer model was loaded")

    monkeypatch.setattr(tagger_module, "load_tagger", no_model)
    monkeypatch.setattr(stance_module, "load_stance_model", no_model)
    text = 'The mayor denied reports that the bridge had closed. "The bridge is safe," she said.'
    (result,) = Pipeline(rules_only=True).run([Document("bridge", text)])
    rows = {a.quote_text: a for a in result.attributions}
    assert rows["reports that the bridge had closed"].stance == "denial"  # the cue lexicon's label
    assert rows["The bridge is safe,"].stance == "assertion"
    assert all(a.model_version.endswith("+rules") for a in result.attributions)
    assert all(text[a.quote_start : a.quote_end] == a.quote_text for a in result.attributions)
