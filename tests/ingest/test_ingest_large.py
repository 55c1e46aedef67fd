"""attribution.ingest on a 50 MB document: refused with a clear error, in little memory."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from attribution.ingest import ReadOptions, read_documents

FIFTY_MB = 50_000_000
MB = 1_000_000


def sparse_file(path: Path, head: bytes, size: int = FIFTY_MB) -> Path:
    """`head` followed by zeros up to `size` bytes; the zeros take no disk space."""
    with open(path, "wb") as handle:
        handle.write(head)
        handle.truncate(size)
    return path


def read_traced(path: Path, **options):
    """The items read from `path` and the peak of memory Python allocated meanwhile."""
    tracemalloc.start()
    try:
        items = list(read_documents([str(path)], **options))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return items, peak


@pytest.mark.parametrize("name", ["big.txt", "big.md", "big.html"])
def test_ingest_50mb_file_refused_unread(tmp_path, name):
    path = sparse_file(tmp_path / name, b'"We will win," the senator said. ' * 100)
    (item,), peak = read_traced(path)
    assert item.error == "DocumentTooLargeError"
    assert "50,000,000 bytes is over the limit of" in item.message
    assert peak < MB  # refused from its size: not even the 0.5 MB (2.5 MB for HTML) the limit allows is read


def test_ingest_50mb_stdin_redirected_from_file_refused_unread(tmp_path):
    path = sparse_file(tmp_path / "big.txt", b"He said so. ")
    with open(path, "rb") as stdin:
        tracemalloc.start()
        try:
            (item,) = read_documents(["-"], stdin=stdin)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert item.error == "DocumentTooLargeError" and "50,000,000 bytes" in item.message
    assert peak < MB


def test_ingest_50mb_raised_limit_reads_the_document(tmp_path):
    path = sparse_file(tmp_path / "big.txt", b"He said so. ", size=3 * MB)  # negative: a limit above the size reads it
    (item,) = read_documents([str(path)], max_bytes=4 * MB)
    assert item.error == "BinaryDocumentError"  # read, then judged by its content (zeros), not by its size


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_ingest_50mb_record_refused_in_bounded_memory(tmp_path, suffix):
    text = "He said so. " * (FIFTY_MB // 12)
    line = json.dumps({"id": "huge", "text": text}) if suffix == ".jsonl" else f"id,text\nhuge,{text}"
    path = tmp_path / f"feed{suffix}"
    path.write_text(line + "\n", encoding="utf-8")
    del text, line
    max_bytes = 100_000
    items, peak = read_traced(path, max_bytes=max_bytes)
    assert [item.error for item in items] == ["DocumentTooLargeError"]
    assert "over the limit" in items[0].message
    # Memory follows the limit, not the file: a line is read up to the record limit (6 x the text
    # limit, for JSON escapes; readline may hold it twice while joining), the rest skipped in 1 MiB chunks.
    assert ReadOptions(max_bytes=max_bytes).record_line_limit < MB
    assert peak < 5 * MB
