"""`attribution evaluate PRED --gold GOLD`: score an output file against gold."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated, Optional

import typer

from attribution.errors import AttributionError


def evaluate_command(
    predictions: Annotated[
        Path, typer.Argument(help="Predicted rows: a .csv or .jsonl written by `attribution extract`.")
    ],
    gold: Annotated[
        Path,
        typer.Option("--gold", help="A BRAT folder (text/ + attributions/), a folder of texts with *.gold.jsonl (seeds/, benchmarks/*) or a *.gold.jsonl file."),
    ],
    labels: Annotated[
        Optional[Path], typer.Option("--labels", help="A labels JSONL joined to the gold by doc_id + content_spans.")
    ] = None,
    negatives: Annotated[
        Optional[Path],
        typer.Option("--negatives", help="Text that must not be reported (found beside a *.gold.jsonl on its own)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score predictions against gold: content P/R/F1 (lenient 0.3, strict 0.8), source, cue, speaker, stance."""
    from attribution.evaluate import evaluate, format_scores, load_gold, read_predictions, scores_to_dict

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        gold_set = load_gold(gold, labels=labels, negatives=negatives)
        scores = evaluate(read_predictions(predictions), gold_set)
    except AttributionError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(scores_to_dict(scores), indent=2))
    else:
        typer.echo(format_scores(scores, title=f"{predictions} vs {gold}"))
