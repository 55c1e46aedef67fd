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


# Command registration: one line per command module (keep this block sorted).
