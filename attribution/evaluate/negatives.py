"""Negatives: text in a gold document that must never be reported as a quote (seeds/*.negatives.jsonl)."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from attribution.errors import EvaluationFormatError, InputError
from attribution.evaluate.gold import GoldSet, Negative, read_jsonl
from attribution.types import TextSpan

log = logging.getLogger(__name__)


def find_all(text: str, needle: str) -> tuple[TextSpan, ...]:
    """Every occurrence of `needle`, non-overlapping, left to right."""
    spans = []
    start = text.find(needle) if needle else -1
    while start >= 0:
        spans.append(TextSpan.of(text, start, start + len(needle)))
        start = text.find(needle, start + len(needle))
    return tuple(spans)


def attach_negatives(gold: GoldSet, path: str | Path) -> GoldSet:
    """The gold with the file's negatives added to their documents (located at every occurrence)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"negatives file not found: {path}")
    texts = {doc.doc_id: doc.text for doc in gold.docs}
    found: dict[str, list[Negative]] = {}
    for number, record in read_jsonl(path):
        if "doc_id" not in record or not record.get("text"):
            raise EvaluationFormatError(f"{path}:{number}: a negative needs doc_id and text")
        doc_id, words = str(record["doc_id"]), str(record["text"])
        if doc_id not in texts:
            log.warning("%s:%d: document %r is not in the gold; negative ignored", path, number, doc_id)
            continue
        spans = find_all(texts[doc_id], words)
        if not spans:
            log.warning("%s:%d: negative %r does not occur in %s", path, number, words, doc_id)
        found.setdefault(doc_id, []).append(Negative(doc_id, words, str(record.get("why") or ""), spans))
    docs = tuple(replace(doc, negatives=doc.negatives + tuple(found.get(doc.doc_id, ()))) for doc in gold.docs)
    return replace(gold, docs=docs)
