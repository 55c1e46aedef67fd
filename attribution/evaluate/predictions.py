"""Read our own output (CSV or JSONL, columns as attribution.types.COLUMNS) back into Attribution rows.

CSV text cells may carry the spreadsheet formula guard (a leading "'" before = + - @ tab CR, see
shared/spec/output.md); it is removed from names. Spans are always taken from the offsets, never
from the text cells, so a guarded quote_text cannot shift a match.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterator

from attribution.errors import EvaluationFormatError, InputError, UnsupportedFormatError
from attribution.evaluate.gold import read_jsonl
from attribution.types import COLUMNS, Attribution

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
REQUIRED_COLUMNS = ("doc_id", "quote_start", "quote_end")
INT_COLUMNS = frozenset({"quote_start", "quote_end"})
OPTIONAL_INT_COLUMNS = frozenset({"cue_start", "cue_end", "mention_start", "mention_end"})
FLOAT_COLUMNS = frozenset({"stance_score"})


def unguard(cell: str) -> str:
    """Undo the CSV formula guard: "'=x" -> "=x"; any other cell is returned as it is."""
    if cell[:1] == "'" and cell[1:2] in FORMULA_TRIGGERS:
        return cell[1:]
    return cell


def read_predictions(path: str | Path) -> list[Attribution]:
    """Rows from a .csv or .jsonl file written by `attribution extract` (or anything with its columns)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"predictions file not found: {path}")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return list(_read_csv(path))
    if suffix in (".jsonl", ".ndjson"):
        return [_to_attribution(record, f"{path}:{number}") for number, record in read_jsonl(path)]
    raise UnsupportedFormatError(f"{path}: predictions must be .csv or .jsonl")


def _read_csv(path: Path) -> Iterator[Attribution]:
    # utf-8-sig: a spreadsheet that re-saved the file may have added a byte-order mark.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for number, row in enumerate(reader, start=2):
            cells = {key: unguard(value) for key, value in row.items() if key is not None and value is not None}
            yield _to_attribution(cells, f"{path}:{number}")


def _to_attribution(record: dict, where: str) -> Attribution:
    missing = [c for c in REQUIRED_COLUMNS if c not in record]
    if missing:
        raise EvaluationFormatError(f"{where}: missing column(s) {', '.join(missing)}")
    values = {}
    for name in COLUMNS:
        raw = record.get(name)
        try:
            values[name] = _convert(name, raw)
        except (TypeError, ValueError):
            raise EvaluationFormatError(f"{where}: {name} has a bad value {raw!r}") from None
    return Attribution(**values)


def _convert(name: str, raw):
    empty = raw is None or raw == ""
    if name in INT_COLUMNS:
        return _integer(raw)
    if name in OPTIONAL_INT_COLUMNS:
        return None if empty else _integer(raw)
    if name in FLOAT_COLUMNS:
        return 0.0 if empty else float(raw)
    return "" if empty else str(raw)


def _integer(raw) -> int:
    """An offset; "12.0" is accepted because pandas writes int columns holding blanks as floats."""
    number = float(raw) if isinstance(raw, str) and "." in raw else raw
    if isinstance(number, bool) or (isinstance(number, float) and not number.is_integer()):
        raise ValueError(raw)
    return int(number)
