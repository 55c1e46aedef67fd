"""Our labels for PolNeAR attributions (stance-dev.jsonl), joined to the gold by doc id + content spans.

The labels file is for measuring only: nothing here learns from it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from attribution.errors import EvaluationFormatError, InputError
from attribution.evaluate.gold import GoldLabels, GoldSet, labels_from_record, read_jsonl

log = logging.getLogger(__name__)

LABEL_FIELDS = ("doc_id", "content_spans", "stance")


@dataclass(frozen=True)
class LabelledSpan:
    """One labels-file record: the gold attribution it belongs to and what it says about it."""

    doc_id: str
    content_key: tuple[tuple[int, int], ...]  # sorted, as GoldQuote.content_key
    labels: GoldLabels


def read_labels(path: str | Path) -> list[LabelledSpan]:
    path = Path(path)
    if not path.is_file():
        raise InputError(f"labels file not found: {path}")
    records = []
    for number, record in read_jsonl(path):
        missing = [f for f in LABEL_FIELDS if f not in record]
        if missing:
            raise EvaluationFormatError(f"{path}:{number}: missing field(s) {', '.join(missing)}")
        try:
            key = tuple(sorted((int(s), int(e)) for s, e in record["content_spans"]))
        except (TypeError, ValueError):
            raise EvaluationFormatError(f"{path}:{number}: content_spans must be [[start, end], ...]") from None
        labels = labels_from_record(record, name_field="speaker_name")
        if labels is not None:
            records.append(LabelledSpan(str(record["doc_id"]), key, labels))
    return records


def attach_labels(gold: GoldSet, labelled: list[LabelledSpan]) -> GoldSet:
    """The gold with each labelled attribution's labels set; labels that join nothing are logged."""
    by_key = {(item.doc_id, item.content_key): item.labels for item in labelled}
    joined = 0
    docs = []
    for doc in gold.docs:
        quotes = []
        for quote in doc.quotes:
            labels = by_key.get((quote.doc_id, quote.content_key))
            if labels is not None:
                quote = replace(quote, labels=labels)
                joined += 1
            quotes.append(quote)
        docs.append(replace(doc, quotes=tuple(quotes)))
    if joined < len(by_key):
        log.warning("%d of %d labelled attributions match no gold attribution", len(by_key) - joined, len(by_key))
    return replace(gold, docs=tuple(docs))
