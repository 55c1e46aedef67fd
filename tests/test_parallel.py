"""attribution.parallel: worker processes give the single-process results, in order, whatever fails."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from attribution.errors import WorkerError
from attribution.parallel import CRASH_ERROR, WARM_UP, WorkerPool, batches, run_parallel
from attribution.pipeline import DocumentResult, Pipeline, build_attributions
from attribution.types import Document, DocumentError, Quote, Speaker, Stance, TextSpan

POLNEAR_ARTICLES = 3


class WordPipeline(Pipeline):
    """No models: one row per document quoting its first word. "BOOM" raises, "CRASH" kills the worker."""

    def _annotate(self, documents):
        results = []
        for document in documents:
            if "BOOM" in document.text:
                raise ValueError("boom")
            if "CRASH" in document.text:
                os._exit(1)  # what a segfault in a C extension looks like from outside
            end = len(document.text.split()[0])
            quote = Quote(TextSpan.of(document.text, 0, end), "direct")
            rows = build_attributions(document.doc_id, document.text, [quote], [Speaker("", "none")], [Stance("assertion", 0.5)])
            results.append(DocumentResult(document, rows))
        return results


class AlwaysCrashPipeline(Pipeline):
    """Loads fine (the warm-up article passes), then every worker dies on every document."""

    def _annotate(self, documents):
        if documents[0].doc_id != WARM_UP.doc_id:
            os._exit(1)
        return [DocumentResult(d) for d in documents]


class CrashOnLoadPipeline(Pipeline):
    def _annotate(self, documents):
        os._exit(1)


def docs(*texts: str) -> list[Document]:
    return [Document(f"d{i}", text, f"src{i}") for i, text in enumerate(texts)]


def ingest_error(doc_id: str) -> DocumentError:
    return DocumentError(doc_id, doc_id, "ingest", "EmptyDocumentError", "the document is empty")


def shape(results) -> list[tuple[str, str]]:
    """(doc_id, what happened) per result: a row's quote text, or the error's class name."""
    out = []
    for result in results:
        if isinstance(result, DocumentError):
            out.append((result.doc_id, result.error))
        elif result.error is not None:
            out.append((result.document.doc_id, result.error.error))
        else:
            out.append((result.document.doc_id, result.attributions[0].quote_text))
    return out


@pytest.mark.parametrize(
    "items, batch_size, expected",
    [
        (["a", "b", "c"], 2, [["a", "b"], ["c"]]),
        (["a", "b"], 2, [["a", "b"]]),
        (["a", "E", "b", "c"], 2, [["a"], "E", ["b", "c"]]),
        (["E", "E"], 3, ["E", "E"]),
        ([], 4, []),
    ],
)
def test_parallel_batches_cut_like_pipeline(items, batch_size, expected):
    as_items = [ingest_error(x) if x == "E" else Document(x, x) for x in items]
    got = [b.doc_id if isinstance(b, DocumentError) else [d.doc_id for d in b] for b in batches(as_items, batch_size)]
    assert got == expected


def test_parallel_one_worker_equals_pipeline_run():
    items = [*docs("alpha one", "beta two"), ingest_error("bad")]
    assert list(run_parallel(items, workers=1, pipeline=WordPipeline(batch_size=2))) == list(WordPipeline(batch_size=2).run(items))


def test_parallel_keeps_order_and_turns_failures_into_errors():
    items = [*docs("alpha", "beta BOOM", "gamma", "delta CRASH", "epsilon"), ingest_error("bad"), *docs("zeta")]
    results = list(run_parallel(items, workers=2, pipeline=WordPipeline(batch_size=2)))
    assert shape(results) == [
        ("d0", "alpha"),
        ("d1", "ValueError"),
        ("d2", "gamma"),
        ("d3", CRASH_ERROR),
        ("d4", "epsilon"),
        ("bad", "EmptyDocumentError"),
        ("d0", "zeta"),
    ]


@pytest.mark.parametrize("pipeline", [AlwaysCrashPipeline(batch_size=1), CrashOnLoadPipeline(batch_size=1)])
def test_parallel_gives_up_when_every_worker_dies(pipeline):
    with pytest.raises(WorkerError):
        list(run_parallel(docs("a", "b", "c", "d", "e", "f"), workers=2, pipeline=pipeline))


def test_parallel_reads_ahead_only_a_bounded_number_of_documents():
    pulled = 0

    def stream():
        nonlocal pulled
        for i in range(60):
            pulled += 1
            yield Document(f"d{i}", f"word{i} rest")

    with WorkerPool(2, WordPipeline(batch_size=3), in_flight=2) as pool:
        for done, _ in enumerate(pool.run(stream()), start=1):
            # the batch just yielded plus at most `in_flight` batches out, each of batch_size documents
            assert pulled - done <= 3 * 2 + 3
    assert pulled == 60


@pytest.mark.slow
def test_parallel_two_workers_equal_single_process(seeds_dir: Path, polnear_dev: Path):
    texts = sorted((polnear_dev / "text").glob("*.txt"))[:POLNEAR_ARTICLES] + sorted(seeds_dir.glob("*.txt"))
    items = [Document(p.stem, p.read_text(encoding="utf-8"), str(p)) for p in texts]
    items.insert(2, ingest_error("unreadable"))
    single = list(Pipeline(batch_size=2).run(items))
    assert list(run_parallel(items, workers=2, batch_size=2)) == single
