"""A stand-in for attribution.pipeline.Pipeline: one row per sentence, no models, optionally slow.

Used by the store tests (and as a subprocess by the kill test) so they test the store alone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Iterable, Iterator

from attribution.pipeline import DocumentResult
from attribution.types import Attribution, Document, DocumentError


def rows_for(document: Document, model_version: str) -> tuple[Attribution, ...]:
    rows, start = [], 0
    for number, sentence in enumerate(s for s in document.text.split(".") if s.strip()):
        start = document.text.index(sentence, start)
        rows.append(Attribution(
            document.doc_id, f"q{number + 1:03d}", "indirect", sentence, start, start + len(sentence), "said", None, None,
            "Ann Lee", "person", "mayor", "Ann Lee", None, None, "assertion", 0.9, model_version=model_version,
        ))  # fmt: skip
        start += len(sentence)
    return tuple(rows)


@dataclass
class FakePipeline:
    model_version: str = "fake-1"
    delay_s: float = 0.0
    batch_size: int = 16  # accepted like the real Pipeline's; unused
    rules_only: bool = False  # as the real Pipeline's: its rows say +rules
    seen: int = 0  # documents it was asked to process

    def __post_init__(self) -> None:
        if self.rules_only:
            self.model_version += "+rules"

    def run(self, items: Iterable[Document | DocumentError]) -> Iterator[DocumentResult | DocumentError]:
        for item in items:
            if isinstance(item, DocumentError):
                yield item
                continue
            self.seen += 1
            time.sleep(self.delay_s)
            yield DocumentResult(item, rows_for(item, self.model_version))


if __name__ == "__main__":
    # python fake_pipeline.py DB FOLDER DELAY: ingest FOLDER slowly (the kill test's victim).
    import sys

    from attribution.ingest import read_documents
    from attribution.io.sqlite import ClaimStore, ingest_documents

    with ClaimStore.open(sys.argv[1]) as store:
        for _ in ingest_documents(store, read_documents([sys.argv[2]]), FakePipeline(delay_s=float(sys.argv[3]))):
            pass
