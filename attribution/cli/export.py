"""`attribution export-claimreview`: claims as schema.org ClaimReview JSON-LD for fact-checking tools."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from attribution.cli.desk import DB_OPTION, DEFAULT_DB, fail, open_store
from attribution.io.atomic import atomic_output
from attribution.io.claimreview import claim_reviews

CHECKABLE_STANCES = frozenset({"assertion", "denial"})  # evaluations are opinions, not checkable facts


def export_claimreview_command(
    db: Annotated[Path, DB_OPTION] = DEFAULT_DB,
    quotes: Annotated[Optional[list[str]], typer.Option("--quote", metavar="DOC:QID", help="A claim to export (repeat); default: every assertion and denial.")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="OUT", help="The JSON-LD file; default: stdout.")] = None,
) -> None:
    """Export claims as schema.org ClaimReview JSON-LD: claimReviewed, the speaker as the Claim's
    author (with role), the article as its appearance; the rating is left for the fact-checker.

    Example: attribution export-claimreview --db claims.db --quote duma-ratifies-dprk-treaty:q011 -o claims.jsonld
    """
    with open_store(db) as store:
        documents = {d.doc_id: d for d in store.documents()}
        if quotes:
            rows = []
            for ref in quotes:
                doc_id, _, quote_id = ref.rpartition(":")
                row = store.find_attribution(doc_id, quote_id) if doc_id else None
                if row is None:
                    raise fail(f"no claim {ref!r} in {db} (write it as DOC:QID, e.g. article:q001)")
                rows.append(row)
        else:
            rows = [a for a in store.attributions() if a.stance in CHECKABLE_STANCES]
    text = json.dumps(claim_reviews(rows, documents), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        with atomic_output(output) as handle:
            handle.write(text)
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror or exc}") from None
    typer.echo(f"wrote {len(rows)} claim reviews to {output}", err=True)
