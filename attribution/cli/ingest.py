"""`attribution ingest`: extract articles into the claims database, incrementally."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated, Optional

import typer
from tqdm import tqdm

from attribution.cli.desk import DB_OPTION, DEFAULT_DB, fail, open_store
from attribution.errors import ManifestMismatchError, ModelError
from attribution.ingest import read_documents
from attribution.io.sqlite import ingest_documents

EXIT_SOME_FAILED = 3
OUTCOMES = ("added", "replaced", "unchanged", "failed")
FATAL_ERRORS = frozenset({ModelError.__name__, ManifestMismatchError.__name__})  # a model that cannot load


def ingest_command(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT", help="Files, folders, or - for stdin.", show_default=False)],
    db: Annotated[Path, DB_OPTION] = DEFAULT_DB,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per model batch.")] = 16,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="Run no transformer model (as extract --rules-only). A document stored by the other mode is extracted again.")] = False,
    progress: Annotated[Optional[bool], typer.Option("--progress/--no-progress", help="Progress bar on stderr; default: when stderr is a terminal.", show_default=False)] = None,
) -> None:
    """Extract who said what from articles and store it in the claims database.

    Safe to rerun: a document already stored with the same text is skipped, a changed one has its
    rows replaced in one transaction, and each document is committed as soon as it is done, so an
    interrupted ingest keeps what it finished and the next run completes the rest.

    Exit codes: 0 every document stored or unchanged; 3 some documents failed (listed on stderr);
    1 the database or the models cannot be opened.

    Example: attribution ingest articles/ --db claims.db
    """
    from attribution.pipeline import Pipeline

    try:
        from attribution.resources import load_nlp

        load_nlp()
    except ModelError as exc:
        raise fail(str(exc)) from None
    counts: Counter[str] = Counter()
    rows = 0
    with open_store(db, must_exist=False) as store:
        events = ingest_documents(store, read_documents(inputs), Pipeline(batch_size=batch_size, rules_only=rules_only))
        for event in tqdm(events, unit="doc", disable=not progress if progress is not None else None, leave=False):
            counts[event.outcome] += 1
            rows += event.rows
            if event.error is not None:
                typer.echo(f"failed {event.doc_id}: {event.error.error}: {event.error.message}", err=True)
                if event.error.error in FATAL_ERRORS:
                    # Every later document would fail alike; what was committed stays committed.
                    raise fail(f"stopped: {event.error.message}")
    summary = ", ".join(f"{counts[o]} {o}" for o in OUTCOMES)
    typer.echo(f"{sum(counts.values())} documents: {summary}; {rows} rows written to {db}", err=True)
    raise typer.Exit(EXIT_SOME_FAILED if counts["failed"] else 0)
