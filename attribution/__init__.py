"""attribution: who said what in news articles.

    >>> import attribution
    >>> rows = attribution.extract('"We will win," the senator said.')
    >>> df = attribution.extract_dataframe(["text one", "text two"])
"""

from __future__ import annotations

from typing import Iterable

from attribution.types import COLUMNS, SPEC_COLUMNS, Attribution, Document

__version__ = "0.2.0"


def _documents(text_or_texts: str | Document | Iterable[str | Document]) -> list[Document]:
    items = [text_or_texts] if isinstance(text_or_texts, (str, Document)) else list(text_or_texts)
    return [item if isinstance(item, Document) else Document(f"doc{i + 1}", item) for i, item in enumerate(items)]


def extract(text_or_texts: str | Document | Iterable[str | Document], *, rules_only: bool = False) -> list[Attribution]:
    """Attributions for one text or many (strings get ids doc1, doc2, ...). Failed documents are logged and skipped.
    `rules_only`: no transformer model (rules and the cue lexicon; faster, lower recall)."""
    from attribution.pipeline import DocumentResult, Pipeline

    rows: list[Attribution] = []
    for result in Pipeline(rules_only=rules_only).run(_documents(text_or_texts)):
        if isinstance(result, DocumentResult):
            rows.extend(result.attributions)
    return rows


def extract_dataframe(text_or_texts: str | Document | Iterable[str | Document], *, rules_only: bool = False):
    """The same as `extract`, as a pandas DataFrame with the spec's columns first."""
    import pandas as pd

    return pd.DataFrame([a.as_row() for a in extract(text_or_texts, rules_only=rules_only)], columns=list(COLUMNS))


__all__ = ["extract", "extract_dataframe", "Attribution", "Document", "COLUMNS", "SPEC_COLUMNS"]
