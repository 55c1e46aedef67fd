"""`attribution bench`: speed and peak memory of the extraction beside the spaCy pipeline alone;
`attribution bench --quotes GOLD`: our quote scores beside textacy's `direct_quotations` on the same documents."""

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
    rules_only: Annotated[bool, typer.Option("--rules-only", help="Time the extraction without its transformer models (extract --rules-only).")] = False,
    quotes: Annotated[
        Optional[Path],
        typer.Option("--quotes", metavar="GOLD", help="Instead of timing: score our quotes beside textacy's direct_quotations on this gold (a BRAT folder or seeds folder; needs the bench extra: requirements-bench.lock)."),
    ] = None,
) -> None:
    """Time and peak memory of extraction vs spaCy alone over the same articles, and cost over 1..1,000 documents."""
    if quotes is not None:
        quote_bench(quotes, batch_size, as_json)
        return
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
        mode = "   rules only" if rules_only else ""
        typer.echo(f"corpus: {source}   workers: {workers}   batch size: {batch_size}{mode}\n\n{HEADER}")
    try:
        report = run_bench(
            documents, corpus=str(source), replicate=counts, workers=workers, batch_size=batch_size, stream=stream,
            rules_only=rules_only, on_measure=(lambda m: None) if as_json else (lambda m: typer.echo(format_measure(m))),
        )
    except AttributionError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(json.dumps(report.as_dict(), indent=2) if as_json else format_summary(report))


def quote_bench(gold_path: Path, batch_size: int, as_json: bool) -> None:
    from attribution.bench_quotes import run_quote_bench
    from attribution.evaluate import load_gold

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        report = run_quote_bench(load_gold(gold_path), batch_size=batch_size)
    except AttributionError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(json.dumps(report.as_dict(), indent=2) if as_json else format_quote_bench(report))


def format_quote_bench(report) -> str:
    n = report.documents
    lines = [
        f"gold: {report.gold}   documents: {n}   spaCy parse, once, shared by both: {report.parse_seconds:.1f} s\n",
        f"{'system':<34} {'P':>6} {'R':>6} {'F1':>6} {'strict F1':>9} {'source':>7} {'cue':>7} {'seconds':>8}  raised",
        f"{'':<34} {'lenient (0.3)':^20} {'(0.8)':>9} {'acc':>7} {'acc':>7}",
    ]
    for run in report.systems:
        s = run.scores
        lines.append(
            f"{run.system:<34} {s.lenient.precision:>6.3f} {s.lenient.recall:>6.3f} {s.lenient.f1:>6.3f} {s.strict.f1:>9.3f} "
            f"{_value(s.source.value):>7} {_value(s.cue.value):>7} {run.seconds:>8.1f}  on {run.raised} of {n} articles"
        )
    lines.append("\nseconds: on top of the shared parse, models loaded; an article a system raised on is scored as no predictions")
    return "\n".join(lines)


def _value(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


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
