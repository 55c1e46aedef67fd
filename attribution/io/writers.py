"""Pick the output format from a file name and open the matching writer."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, Sequence, TextIO

from attribution.io.csv import CsvWriter
from attribution.io.jsonl import JsonlWriter
from attribution.types import COLUMNS

OUTPUT_FORMATS = ("csv", "jsonl")
FORMAT_BY_SUFFIX = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


class RecordWriter(Protocol):
    def write(self, record: object) -> None: ...


def format_for(path: str | Path) -> str | None:
    """"csv" or "jsonl" from the file's extension; None when the extension says neither."""
    return FORMAT_BY_SUFFIX.get(Path(path).suffix.lower())


def open_writer(output_format: str, handle: TextIO, columns: Sequence[str] = COLUMNS, *, raw: bool = False) -> RecordWriter:
    """A writer of `columns` to `handle` (opened with newline=""); the CSV header is written at once."""
    if output_format == "csv":
        return CsvWriter(handle, columns, raw=raw)
    if output_format == "jsonl":
        return JsonlWriter(handle, columns)
    raise ValueError(f"output format must be one of {OUTPUT_FORMATS}, not {output_format!r}")
