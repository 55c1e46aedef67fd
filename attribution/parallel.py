"""Worker processes: the pipeline over a stream of documents on several cores, results in input order.

Each worker loads the models once (in its initializer) and runs whole pipeline batches, cut exactly
as `Pipeline.run` cuts them, so the rows are the same bytes as a single-process run. At most
`in_flight` batches are out at a time, so memory stays flat however long the stream.

Failures: a document that raises inside a worker is already turned into its DocumentResult error
by `Pipeline.run`. A worker that *dies* (a segfault in a C extension, the OOM killer) breaks the
whole process pool; we restart it and re-run the batches that were out one at a time, splitting
the batch that breaks again into single documents, so only the document that kills a worker gets
an error ("WorkerCrashedError") and the run goes on.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from attribution.errors import WorkerError
from attribution.pipeline import DocumentResult, Pipeline
from attribution.types import Document, DocumentError

log = logging.getLogger(__name__)

# "forkserver": a plain fork would copy torch's thread pools and locks mid-state. The server is a clean
# process that has only imported the pipeline's modules (torch takes seconds to import), so a new or
# restarted worker is a fast fork of it and then loads the models in its initializer.
START_METHOD = "forkserver"
PRELOAD = ["attribution.pipeline"]
IN_FLIGHT_PER_WORKER = 2  # one batch running, one queued: workers never wait on the parent
# Dying this many times in a row with no batch getting through is the environment, not a document.
MAX_CONSECUTIVE_CRASHES = 4
CRASH_ERROR = "WorkerCrashedError"
PING_SECONDS = 0.1
MAX_PING_ROUNDS = 20
# A tiny article with a quote, so the initializer loads every model (tagger, stance) before the first batch.
WARM_UP = Document("warm-up", '"The plan works," the minister said on Monday.')

Item = Document | DocumentError
Result = DocumentResult | DocumentError

_worker_pipeline: Pipeline | None = None  # set in each worker process by _init_worker


def run_parallel(
    items: Iterable[Item], workers: int, batch_size: int = 16, *, pipeline: Pipeline | None = None
) -> Iterator[Result]:
    """`Pipeline.run` over `workers` processes: one result per input, in input order, same rows.

    `workers <= 1` runs in this process. `pipeline` (default `Pipeline(batch_size)`) is copied to
    every worker; its own batch_size then rules. As with any multiprocessing code, a script calling
    this must keep its top level under `if __name__ == "__main__":` (workers re-import the script).
    """
    pipeline = pipeline if pipeline is not None else Pipeline(batch_size=batch_size)
    if workers <= 1:
        yield from pipeline.run(items)
        return
    with WorkerPool(workers, pipeline) as pool:
        yield from pool.run(items)


def batches(items: Iterable[Item], batch_size: int) -> Iterator[list[Document] | DocumentError]:
    """Lists of documents cut exactly where `Pipeline.run` cuts its batches, and the ingest errors between them."""
    batch: list[Document] = []
    for item in items:
        if isinstance(item, DocumentError):
            if batch:
                yield batch
                batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


@dataclass
class _Slot:
    """One entry of the ordered queue: a batch out with a worker, or an ingest error waiting its turn."""

    documents: list[Document]
    future: Future | None = None
    passthrough: DocumentError | None = None


class WorkerPool:
    """Worker processes holding loaded models; `run` may be called several times (the bench does)."""

    def __init__(self, workers: int, pipeline: Pipeline | None = None, *, in_flight: int | None = None):
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self.pipeline = pipeline if pipeline is not None else Pipeline()
        self.in_flight = in_flight or IN_FLIGHT_PER_WORKER * workers
        self._executor: ProcessPoolExecutor | None = None
        self._crashes = 0

    def __enter__(self) -> "WorkerPool":
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def start(self) -> None:
        """Start the workers and wait until each has loaded the models, so timings start warm."""
        if self._executor is not None:
            return
        self._executor = _new_executor(self.workers, self.pipeline)
        # A worker answers only after its initializer ran; pings take a moment so one worker cannot take them all.
        ready: set[int] = set()
        try:
            for _ in range(MAX_PING_ROUNDS):
                ready.update(f.result() for f in [self._executor.submit(_ping) for _ in range(self.workers)])
                if len(ready) >= self.workers:
                    return
        except BrokenProcessPool:
            self.close()
            raise WorkerError("a worker process died while loading the models (out of memory?)") from None

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
        """One result per input, in input order; never more than `in_flight` batches out at once."""
        self.start()
        queue: deque[_Slot] = deque()
        feed = batches(items, self.pipeline.batch_size)
        while True:
            self._fill(queue, feed)
            if not queue:
                return
            slot = queue.popleft()
            if slot.passthrough is not None:
                yield slot.passthrough
                continue
            try:
                results = slot.future.result()
            except BrokenProcessPool:
                yield from self._recover([slot, *queue])
                queue.clear()
                continue
            self._crashes = 0
            yield from results

    def _fill(self, queue: deque[_Slot], feed: Iterator[list[Document] | DocumentError]) -> None:
        while len(queue) < self.in_flight:
            batch = next(feed, None)
            if batch is None:
                return
            if isinstance(batch, DocumentError):
                queue.append(_Slot([], passthrough=batch))
            else:
                queue.append(_Slot(batch, self._executor.submit(_run_batch, batch)))

    def _recover(self, slots: list[_Slot]) -> Iterator[Result]:
        """Re-run every batch that was out when the pool broke, alone, to find the document that kills it."""
        log.warning("a worker process died; restarting the workers and re-running %d batches one at a time", len(slots))
        self._restart()
        suspects: deque[list[Document] | DocumentError] = deque(s.passthrough or s.documents for s in slots)
        while suspects:
            batch = suspects.popleft()
            if isinstance(batch, DocumentError):
                yield batch
                continue
            try:
                results = self._executor.submit(_run_batch, batch).result()
            except BrokenProcessPool:
                self._restart()
                if len(batch) == 1:
                    yield _crashed(batch[0])
                else:  # one of these kills a worker: find which by running them one by one
                    suspects.extendleft([document] for document in reversed(batch))
                continue
            self._crashes = 0
            yield from results

    def _restart(self) -> None:
        self._crashes += 1
        if self._crashes > MAX_CONSECUTIVE_CRASHES:
            self.close()
            raise WorkerError(f"worker processes died {self._crashes} times in a row; giving up (out of memory?)")
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = _new_executor(self.workers, self.pipeline)


def _new_executor(workers: int, pipeline: Pipeline) -> ProcessPoolExecutor:
    threads = max(1, (os.cpu_count() or 1) // workers)
    context = multiprocessing.get_context(START_METHOD)
    context.set_forkserver_preload(PRELOAD)
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(pipeline, threads))


def _crashed(document: Document) -> DocumentResult:
    log.warning("document %s killed a worker process; skipped", document.doc_id)
    error = DocumentError(document.doc_id, document.source, "pipeline", CRASH_ERROR, "a worker process died on this document")
    return DocumentResult(document, error=error)


def _init_worker(pipeline: Pipeline, threads: int) -> None:
    """Runs once in each worker: share the cores between workers, then load the models."""
    global _worker_pipeline
    # Workers x threads must not exceed the cores, or torch's threads fight each other.
    os.environ["OMP_NUM_THREADS"] = str(threads)
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(threads)
    _worker_pipeline = pipeline
    for result in pipeline.run([WARM_UP]):  # failures here recur per document, where they are reported
        if isinstance(result, DocumentResult) and result.error is not None:
            log.warning("worker warm-up failed: %s", result.error.message)


def _ping() -> int:
    time.sleep(PING_SECONDS)
    return os.getpid()


def _run_batch(documents: Sequence[Document]) -> list[Result]:
    return list(_worker_pipeline.run(documents))
