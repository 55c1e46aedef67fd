"""`attribution conflicts` and `attribution evaluate-conflicts`: contradicting claims, and their score."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from types import SimpleNamespace
from typing import Annotated, Optional

import typer

from attribution.cli.desk import TableFormat, chosen_format, fail, load_claims, load_conflict_encoder, write_records
from attribution.conflicts import CONFLICT_COLUMNS, find_conflicts
from attribution.errors import AttributionError

TABLE_COLUMNS = ("conflict_id", "speaker_a", "stance_a", "speaker_b", "stance_b", "score", "proposition")


class ClaimSource(str, Enum):
    pipeline = "pipeline"
    gold = "gold"


def conflicts_command(
    inputs: Annotated[Optional[list[str]], typer.Argument(metavar="[INPUT]...", help="Files or folders to extract from (or use --db).", show_default=False)] = None,
    db: Annotated[Optional[Path], typer.Option("--db", metavar="DB", help="Read the claims from this database instead.")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="OUT", help="Write CSV or JSONL here (by its extension); default: a table on stdout.")] = None,
    output_format: Annotated[Optional[TableFormat], typer.Option("--format", help="table, csv or jsonl; default: from OUT's extension, else table.")] = None,
) -> None:
    """Claims about the same proposition with opposite stances (assertion vs denial) from different speakers.

    One row per conflicting pair, within and across documents: conflict_id, proposition, then
    doc_id, quote_id, speaker, stance and quote_text of side a (asserting) and side b (denying), and a score.

    Example: attribution conflicts articles/ -o conflicts.csv   or   attribution conflicts --db claims.db
    """
    fmt = chosen_format(output, output_format)
    load_conflict_encoder()
    documents, rows = load_claims(inputs or [], db)
    conflicts = [SimpleNamespace(**c.as_row()) for c in find_conflicts(rows, documents)]
    write_records(conflicts, TABLE_COLUMNS if fmt == "table" else CONFLICT_COLUMNS, output, fmt)
    if output is not None:  # stdout holds the rows; a file's summary goes to stderr
        typer.echo(f"{summary(conflicts)} -> {output}", err=True)


def summary(conflicts) -> str:
    """ "12 pairs in 3 conflicts, 5 across documents": rows as written by conflicts_command."""
    across = sum(c.doc_id_a != c.doc_id_b for c in conflicts)
    return f"{_count(len(conflicts), 'pair')} in {_count(len({c.conflict_id for c in conflicts}), 'conflict')}, {across} across documents"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def evaluate_conflicts_command(
    folder: Annotated[Path, typer.Argument(help="A folder of articles (*.txt) with gold *.conflicts.jsonl.", exists=True, file_okay=False)],
    claims: Annotated[ClaimSource, typer.Option("--claims", help="pipeline: extract the claims (end to end); gold: the folder's *.gold.jsonl claims (the conflict finder alone).")] = ClaimSource.pipeline,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Conflict precision and recall against a folder's gold conflicts.

    Pair precision: reported pairs that are gold conflicts. Pair recall: gold pairs (every required
    asserting x denying quote of a proposition) reported. Proposition recall: gold propositions
    with at least one of their pairs reported. Agreeing: reported pairs whose claims agree.

    Example: attribution evaluate-conflicts benchmarks/conflicts --claims gold
    """
    from attribution.evaluate.conflicts import evaluate_folder

    try:
        scores = evaluate_folder(folder, claims.value).scores
    except AttributionError as exc:
        raise fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(scores.as_dict(), indent=2))
        return
    typer.echo(f"conflicts in {folder} (claims: {claims.value})")
    typer.echo(f"  pairs reported        {scores.predicted} ({scores.ignored} left out: optional gold quotes)")
    typer.echo(f"  pair precision        {scores.precision:.3f}  ({scores.correct} right)")
    typer.echo(f"  pair recall           {scores.recall:.3f}  ({scores.found_pairs} of {scores.gold_pairs} gold pairs)")
    typer.echo(f"  proposition recall    {scores.proposition_recall:.3f}  ({scores.found_propositions} of {scores.gold_propositions})")
    typer.echo(f"  agreeing pairs        {scores.agreeing}")
