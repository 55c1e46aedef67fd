"""`attribution report`: the review page (HTML) of articles, their quotes and conflicts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from attribution.cli.desk import fail, load_claims, load_conflict_encoder
from attribution.conflicts import find_conflicts
from attribution.io.atomic import atomic_output
from attribution.io.report_html import render_report


def report_command(
    inputs: Annotated[Optional[list[str]], typer.Argument(metavar="[INPUT]...", help="Files or folders to extract from (or use --db).", show_default=False)] = None,
    db: Annotated[Optional[Path], typer.Option("--db", metavar="DB", help="Report on this claims database instead.")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="OUT", help="The HTML file to write.")] = Path("reports/review.html"),
    title: Annotated[str, typer.Option(help="The page's title.")] = "Review report",
) -> None:
    """Write one self-contained HTML page for review: conflicting claims side by side, then each
    article with its quotes highlighted by stance. Article text is escaped; the page loads nothing.

    Example: attribution report seeds/duma-ratifies-dprk-treaty.txt -o reports/review.html
    """
    load_conflict_encoder()
    documents, rows = load_claims(inputs or [], db)
    page = render_report(documents, rows, find_conflicts(rows, documents), title)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(output) as handle:
            handle.write(page)
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from None
    typer.echo(f"wrote {output} ({len(documents)} articles, {len(rows)} attributions)", err=True)
