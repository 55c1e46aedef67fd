"""`attribution bench`: speed and peak memory of the extraction beside the spaCy pipeline alone."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated, Optional

import typer

from attribution.errors import AttributionError

HEADER = f"{'measure':<28} {'docs':>6} {'words':>9} {'seconds':>9} {'docs/s':>8} {'words/s':>9} {'ms/doc':>8} {'peak MB':>8} {'rows':>6} {'failed':>6}"


def bench_command(
    dev: Annotated[Optional[Path], typer.Option("--dev", help="Folder or files of articles; default: PolNeAR dev texts in ../shared.")] = None,
    replicate: Annotated[str, typer.Option(help="Document counts for the scaling runs, comma-separated (dev articles replicated).")] = "1,10,100,1000",
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (1: this process).")] = 1,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per model batch.")] = 16,
    stream: Annotated[int, typer.Option(min=0, help="Also stream this many small documents (dev paragraphs) to show memory stays flat.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Time and peak memory of extraction vs spaCy alone over the same articles, and cost over 1..1,000 documents."""
    from attribution.bench import DEFAULT_DEV, run_bench
    from attribution.ingest import read_documents
    from attribution.types import Document

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    counts = _counts(replicate)
    source = dev or DEFAULT_DEV
    if not source.exists():
        typer.echo(f"error: {source} not found (give --dev a folder of articles)", err=True)
        raise typer.Exit(2)
    documents = [d for d in read_documents([source]) if isinstance(d, Document)]
    if not documents:
        typer.echo(f"error: no readable article in {source}", err=True)
        raise typer.Exit(2)
    if not as_json:  # rows appear as they are measured: the whole run takes minutes
        typer.echo(f"corpus: {source}   workers: {workers}   batch size: {batch_size}\n\n{HEADER}")
    try:
        report = run_bench(
            documents, corpus=str(source), replicate=counts, workers=workers, batch_size=batch_size, stream=stream,
            on_measure=(lambda m: None) if as_json else (lambda m: typer.echo(format_measure(m))),
        )
    except AttributionError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(json.dumps(report.as_dict(), indent=2) if as_json else format_summary(report))


def _counts(replicate: str) -> tuple[int, ...]:
    try:
        counts = tuple(int(part) for part in replicate.split(",") if part.strip())
    except ValueError:
        raise typer.BadParameter(f"expected comma-separated counts, got {replicate!r}", param_hint="--replicate") from None
    if any(n < 1 for n in counts):
        raise typer.BadParameter("counts must be positive", param_hint="--replicate")
    return counts


def format_summary(report) -> str:
    return (
        f"\nmodel loading (not in the timings above): spaCy {report.spacy_load_seconds:.1f} s, extraction {report.load_seconds:.1f} s\n"
        f"peak MB: this process's peak resident memory; with workers, the sum of all processes' PSS, sampled\n"
        f"extraction / spaCy alone: {report.ratio:.2f}x (target <= 1.3x)"
    )


def format_measure(m) -> str:
    return (
        f"{m.label:<28} {m.documents:>6} {m.words:>9} {m.seconds:>9.2f} {m.docs_per_s:>8.1f} "
        f"{m.words_per_s:>9.0f} {m.ms_per_doc:>8.1f} {m.peak_mb:>8.0f} {m.rows:>6} {m.failed:>6}"
    )
