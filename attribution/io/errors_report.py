"""The per-document error report: which documents failed, at which stage, and why."""

from __future__ import annotations

from dataclasses import fields

from attribution.types import DocumentError

ERROR_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(DocumentError))  # doc_id, source, stage, error, message


def describe(error: DocumentError) -> str:
    """One human line for a failed document: its id, where it came from and the reason."""
    where = f" ({error.source})" if error.source and error.source != error.doc_id else ""
    return f"{error.doc_id}{where}: {error.error}: {error.message}"
