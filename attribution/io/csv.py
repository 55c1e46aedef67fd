"""CSV output: UTF-8, a header row, RFC 4180 quoting (CRLF), formula-like cells neutralised."""

from __future__ import annotations

import csv
from typing import Any, Sequence, TextIO

from attribution.types import COLUMNS

# A spreadsheet runs a cell starting with these as a formula (CSV injection): see OWASP "CSV Injection".
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"


def neutralise(value: str) -> str:
    """`value` with a leading "'" when a spreadsheet would run it as a formula."""
    return NEUTRALISER + value if value.startswith(FORMULA_PREFIXES) else value


def to_cell(value: Any, raw: bool = False) -> Any:
    """None becomes an empty cell; text is neutralised unless `raw`; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, str) and not raw:
        return neutralise(value)
    return value


class CsvWriter:
    """Writes dataclass records as rows of `columns`; the handle must be opened with newline=""."""

    def __init__(self, handle: TextIO, columns: Sequence[str] = COLUMNS, *, raw: bool = False):
        self._writer = csv.writer(handle, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        self._columns = tuple(columns)
        self._raw = raw
        self._writer.writerow(self._columns)

    def write(self, record: object) -> None:
        self._writer.writerow([to_cell(getattr(record, column), self._raw) for column in self._columns])
