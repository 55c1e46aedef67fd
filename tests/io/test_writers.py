"""attribution.io.writers and errors_report: format by extension, the failed-document report."""

from __future__ import annotations

import io
import json

import pytest

from attribution.io.errors_report import ERROR_COLUMNS, describe
from attribution.io.writers import format_for, open_writer
from attribution.types import DocumentError

ERROR = DocumentError("=bad", "in/bad.txt", "ingest", "NotUtf8Error", "not valid UTF-8: byte 0xe9 at offset 3")


@pytest.mark.parametrize(
    "path, expected",
    [("out.csv", "csv"), ("OUT.CSV", "csv"), ("a/out.jsonl", "jsonl"), ("out.ndjson", "jsonl"), ("out.txt", None), ("out", None)],
)
def test_writers_format_for(path, expected):
    assert format_for(path) == expected


def test_writers_error_report_csv_and_jsonl():
    assert ERROR_COLUMNS == ("doc_id", "source", "stage", "error", "message")
    handle = io.StringIO(newline="")
    open_writer("csv", handle, ERROR_COLUMNS).write(ERROR)
    assert handle.getvalue() == "doc_id,source,stage,error,message\r\n'=bad,in/bad.txt,ingest,NotUtf8Error,not valid UTF-8: byte 0xe9 at offset 3\r\n"
    handle = io.StringIO()
    open_writer("jsonl", handle, ERROR_COLUMNS).write(ERROR)
    assert json.loads(handle.getvalue()) == {c: getattr(ERROR, c) for c in ERROR_COLUMNS}


def test_writers_unknown_format_raises():
    with pytest.raises(ValueError):
        open_writer("xml", io.StringIO())


@pytest.mark.parametrize(
    "error, expected",
    [
        (ERROR, "=bad (in/bad.txt): NotUtf8Error: not valid UTF-8: byte 0xe9 at offset 3"),
        (DocumentError("stdin", "stdin", "ingest", "EmptyDocumentError", "empty"), "stdin: EmptyDocumentError: empty"),
    ],
)
def test_errors_report_describe(error, expected):
    assert describe(error) == expected
