"""measure: model and baseline scored on the same labelled items, from gold spans."""

from __future__ import annotations

import json

import pytest

from attribution.errors import InputError
from attribution.stance.measure import format_measurements, lexicon_classifier, measure, read_labelled_inputs, scores_dict

TEXT = "The minister denied the report. Police said two men were arrested. She asked why."


def write_items(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "d1.txt").write_text(TEXT, encoding="utf-8")

    def span(piece):
        start = TEXT.index(piece)
        return [[start, start + len(piece)]]

    items = [
        {"item_id": "1", "doc_id": "d1", "content_spans": span("the report"), "cue_spans": span("denied"), "stance": "denial"},
        {"item_id": "2", "doc_id": "d1", "content_spans": span("two men were arrested"), "cue_spans": span("said"), "stance": "evaluation", "stance_also_acceptable": ["assertion"]},
        {"item_id": "3", "doc_id": "d1", "content_spans": span("why"), "cue_spans": span("asked"), "stance": "other"},
    ]
    path = tmp_path / "labels.jsonl"
    path.write_text("\n".join(json.dumps(i) for i in items), encoding="utf-8")
    return path


def test_measure_lexicon_other_left_out_and_also_acceptable_right(tmp_path):
    items = read_labelled_inputs(write_items(tmp_path), tmp_path / "text")
    (result,) = measure(items, {"lexicon": lexicon_classifier})
    assert len(result.predictions) == 3  # `other` is classified, then left out of the scores
    assert (result.scores.accuracy.k, result.scores.accuracy.n) == (2, 2)
    assert scores_dict(result.scores)["n"] == 2
    assert "lexicon" in format_measurements([result])


def test_measure_missing_text_is_a_named_error(tmp_path):
    path = write_items(tmp_path)
    with pytest.raises(InputError):
        read_labelled_inputs(path, tmp_path / "nowhere")
