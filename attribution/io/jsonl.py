"""JSONL output: one JSON object per line, keys in column order, text raw (never neutralised)."""

from __future__ import annotations

import json
from typing import Sequence, TextIO

from attribution.types import COLUMNS


class JsonlWriter:
    """Writes dataclass records as JSON objects of `columns`; None stays null."""

    def __init__(self, handle: TextIO, columns: Sequence[str] = COLUMNS):
        self._handle = handle
        self._columns = tuple(columns)

    def write(self, record: object) -> None:
        row = {column: getattr(record, column) for column in self._columns}
        self._handle.write(json.dumps(row, ensure_ascii=False) + "\n")
