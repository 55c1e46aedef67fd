"""The `attribution` command: a thin layer over the Python API. One module per command."""

from __future__ import annotations

import typer

import attribution

app = typer.Typer(
    help="Who said what in news articles: quotes, speakers, stance, conflicts.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,  # article text stays out of tracebacks
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"attribution {attribution.__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Who said what in news articles."""


# Command registration: one line per command module.
from attribution.cli import bench, conflicts, evaluate, export, extract, ingest, queries, report, train  # noqa: E402

app.command("extract")(extract.extract_command)
app.command("evaluate")(evaluate.evaluate_command)
app.command("ingest")(ingest.ingest_command)
app.command("who-said")(queries.who_said_command)
app.command("claims")(queries.claims_command)
app.command("speakers")(queries.speakers_command)
app.command("conflicts")(conflicts.conflicts_command)
app.command("evaluate-conflicts")(conflicts.evaluate_conflicts_command)
app.command("report")(report.report_command)
app.command("export-claimreview")(export.export_claimreview_command)
app.command("bench")(bench.bench_command)
app.add_typer(train.train_app, name="train")
