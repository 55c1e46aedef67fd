"""`attribution who-said`, `claims` and `speakers`: questions to the claims database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer

from attribution.cli.desk import DB_OPTION, DEFAULT_DB, TableFormat, chosen_format, open_store, write_records
from attribution.io.sqlite import SpeakerSummary
from attribution.types import COLUMNS

TABLE_COLUMNS = ("doc_id", "quote_id", "speaker", "stance", "quote_text")  # what fits a terminal
SPEAKER_COLUMNS = ("speaker_id", "name", "speaker_type", "roles", "claims", "documents", "assertions", "denials", "evaluations")
# On a terminal the roles go last: the table cuts its last column to fit.
SPEAKER_TABLE_COLUMNS = ("name", "speaker_type", "claims", "documents", "assertions", "denials", "evaluations", "roles")

OUTPUT_OPTION = typer.Option("--output", "-o", metavar="OUT", help="Write CSV or JSONL here (by its extension); default: a table on stdout.")
FORMAT_OPTION = typer.Option("--format", help="table, csv or jsonl; default: from OUT's extension, else table.")


def who_said_command(
    speaker: Annotated[str, typer.Option("--speaker", help="A name, a word of it, or a mention (case-insensitive).")],
    db: Annotated[Path, DB_OPTION] = DEFAULT_DB,
    output: Annotated[Optional[Path], OUTPUT_OPTION] = None,
    output_format: Annotated[Optional[TableFormat], FORMAT_OPTION] = None,
) -> None:
    """Everything a speaker said, across the database.

    Example: attribution who-said --speaker "Lloyd Austin" --db claims.db
    """
    fmt = chosen_format(output, output_format)
    with open_store(db) as store:
        rows = store.who_said(speaker)
    write_records(rows, TABLE_COLUMNS if fmt == "table" else COLUMNS, output, fmt)


def claims_command(
    about: Annotated[str, typer.Option("--about", help="Words that must all occur in the quote (stemmed: troops finds troop).")],
    db: Annotated[Path, DB_OPTION] = DEFAULT_DB,
    limit: Annotated[Optional[int], typer.Option(min=1, help="At most this many rows, best matches first.")] = None,
    output: Annotated[Optional[Path], OUTPUT_OPTION] = None,
    output_format: Annotated[Optional[TableFormat], FORMAT_OPTION] = None,
) -> None:
    """Claims about a subject: full-text search over what was said.

    Example: attribution claims --about "troops" --db claims.db -o troops.csv
    """
    fmt = chosen_format(output, output_format)
    with open_store(db) as store:
        rows = store.claims_about(about, limit)
    write_records(rows, TABLE_COLUMNS if fmt == "table" else COLUMNS, output, fmt)


@dataclass(frozen=True)
class _SpeakerRow:
    """A SpeakerSummary with its roles as one cell."""

    speaker_id: str
    name: str
    speaker_type: str
    roles: str
    claims: int
    documents: int
    assertions: int
    denials: int
    evaluations: int

    @classmethod
    def of(cls, summary: SpeakerSummary) -> "_SpeakerRow":
        return cls(summary.speaker_id, summary.name, summary.speaker_type, "; ".join(summary.roles), summary.claims,
                   summary.documents, summary.assertions, summary.denials, summary.evaluations)  # fmt: skip


def speakers_command(
    db: Annotated[Path, DB_OPTION] = DEFAULT_DB,
    output: Annotated[Optional[Path], OUTPUT_OPTION] = None,
    output_format: Annotated[Optional[TableFormat], FORMAT_OPTION] = None,
) -> None:
    """Every named speaker: type, roles seen, and how many claims of each stance.

    Example: attribution speakers --db claims.db
    """
    fmt = chosen_format(output, output_format)
    with open_store(db) as store:
        rows = [_SpeakerRow.of(s) for s in store.speakers()]
    write_records(rows, SPEAKER_TABLE_COLUMNS if fmt == "table" else SPEAKER_COLUMNS, output, fmt)
