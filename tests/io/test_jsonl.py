"""attribution.io.jsonl: one raw JSON object per line, keys in column order."""

from __future__ import annotations

import io
import json

from attribution.io.jsonl import JsonlWriter
from attribution.types import COLUMNS, Attribution


def make_row(**changes) -> Attribution:
    values = dict(
        doc_id="d1", quote_id="q001", quote_type="direct", quote_text="=We will\nfight on, 北京", quote_start=1,
        quote_end=18, cue="said", cue_start=None, cue_end=None, speaker="", speaker_type="unnamed",
        speaker_role="", speaker_mention="", mention_start=None, mention_end=None,
        stance="assertion", stance_score=0.91,
    )
    values.update(changes)
    return Attribution(**values)


def write(rows) -> str:
    handle = io.StringIO()
    writer = JsonlWriter(handle)
    for row in rows:
        writer.write(row)
    return handle.getvalue()


def test_jsonl_one_object_per_line_in_column_order():
    text = write([make_row(), make_row(quote_id="q002")])
    lines = text.split("\n")
    assert len(lines) == 3 and lines[2] == ""
    objects = [json.loads(line) for line in lines[:2]]
    assert [list(obj) for obj in objects] == [list(COLUMNS)] * 2
    assert objects[0] == make_row().as_row()


def test_jsonl_text_raw_and_not_ascii_escaped():
    text = write([make_row()])
    assert "北京" in text  # ensure_ascii=False
    assert json.loads(text)["quote_text"] == "=We will\nfight on, 北京"  # no formula neutralising in JSONL


def test_jsonl_none_is_null():
    assert json.loads(write([make_row()]))["cue_start"] is None


def test_jsonl_custom_columns():
    handle = io.StringIO()
    JsonlWriter(handle, ("doc_id", "stance")).write(make_row())
    assert handle.getvalue() == '{"doc_id": "d1", "stance": "assertion"}\n'
