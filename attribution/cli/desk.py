"""What the fact-checker's desk commands share: the claims database, input rows, and table output."""

from __future__ import annotations

import contextlib
import shutil
import sys
from enum import Enum
from pathlib import Path
from typing import Iterator, Optional, Sequence, TextIO

import typer

from attribution.errors import AttributionError, ModelError
from attribution.ingest import read_documents
from attribution.io.atomic import atomic_output
from attribution.io.sqlite import ClaimStore
from attribution.io.writers import format_for, open_writer
from attribution.types import Attribution, Document, DocumentError

EXIT_FAILED = 1
DEFAULT_DB = Path("claims.db")
TABLE_MIN_TEXT = 20  # the narrowest quote column worth showing on a terminal
DB_OPTION = typer.Option("--db", metavar="DB", help="The claims database (SQLite).")


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


def fail(message: str) -> typer.Exit:
    """Print `message` as an error; the caller raises what this returns."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(EXIT_FAILED)


@contextlib.contextmanager
def open_store(db: Path, must_exist: bool = True) -> Iterator[ClaimStore]:
    if must_exist and not db.is_file():
        raise fail(f"{db}: no such claims database (create it with: attribution ingest INPUT... --db {db})")
    try:
        store = ClaimStore.open(db)
    except AttributionError as exc:
        raise fail(str(exc)) from None
    try:
        yield store
    finally:
        store.close()


def load_conflict_encoder() -> None:
    """Load the conflict finder's encoder first: a missing or altered model then fails at once,
    with its reason, not after a whole extraction."""
    from attribution.resources import load_proposition_encoder

    try:
        load_proposition_encoder()
    except ModelError as exc:
        raise fail(str(exc)) from None


def load_claims(inputs: Sequence[str], db: Optional[Path]) -> tuple[list[Document], list[Attribution]]:
    """Documents and rows from a claims database, or extracted now from INPUT files."""
    if db is not None:
        if inputs:
            raise typer.BadParameter("give INPUT files or --db, not both")
        with open_store(db) as store:
            return store.documents(), store.attributions()
    if not inputs:
        raise typer.BadParameter("give INPUT files or --db")
    from attribution.pipeline import DocumentResult, Pipeline

    documents, rows = [], []
    for result in Pipeline().run(read_documents(inputs)):
        if isinstance(result, DocumentError) or result.error is not None:
            error = result if isinstance(result, DocumentError) else result.error
            typer.echo(f"skipped {error.doc_id}: {error.error}: {error.message}", err=True)
        elif isinstance(result, DocumentResult):
            documents.append(result.document)
            rows.extend(result.attributions)
    return documents, rows


def chosen_format(output: Optional[Path], chosen: Optional[TableFormat]) -> str:
    if chosen is not None:
        return chosen.value
    if output is None:
        return "table"
    found = format_for(output)
    if found is None:
        raise typer.BadParameter(f"cannot tell the format of {output.name}: name it .csv or .jsonl, or pass --format")
    return found


def write_records(records: Sequence[object], columns: Sequence[str], output: Optional[Path], output_format: str) -> None:
    """Records (objects with the columns as attributes) as a table, CSV or JSONL, to OUT or stdout."""
    if output_format == "table":
        with _destination(output) as handle:
            handle.write(format_table(records, columns))
        return
    with _destination(output) as handle:
        writer = open_writer(output_format, handle, columns)
        for record in records:
            writer.write(record)


@contextlib.contextmanager
def _destination(output: Optional[Path]) -> Iterator[TextIO]:
    if output is None:
        yield sys.stdout
        return
    try:
        with atomic_output(output) as handle:
            yield handle
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from None


def format_table(records: Sequence[object], columns: Sequence[str]) -> str:
    """A plain-text table for the terminal; the last column is cut to the terminal's width."""
    cells = [[_cell(getattr(r, c)) for c in columns] for r in records]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    room = shutil.get_terminal_size((120, 24)).columns - sum(widths[:-1]) - 2 * (len(columns) - 1)
    widths[-1] = min(widths[-1], max(room, TABLE_MIN_TEXT))
    lines = [_line(columns, widths), _line(["-" * w for w in widths], widths)]
    lines += [_line(row, widths) for row in cells]
    return "\n".join(lines) + "\n" + f"({len(records)} rows)\n"


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.split())  # newlines and tabs in article text would break the table


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    parts = [cell if len(cell) <= width else cell[: width - 1] + "…" for cell, width in zip(cells, widths)]
    return "  ".join(p.ljust(w) for p, w in zip(parts, widths)).rstrip()
