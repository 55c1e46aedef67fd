"""How fast and how big: the spaCy pipeline alone beside the full extraction, in one run.

Both go through the same runner (in this process, or the same worker pool machinery) with the
same batches, so their ratio is the cost of our stages on top of parsing. Model loading is timed
apart and left out of every other timing. The cost over 1, 10, 100, ... replicated documents shows
whether time grows linearly; an optional stream of many small documents shows memory stays flat.
"""

from __future__ import annotations

import itertools
import logging
import os
import resource
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from attribution.parallel import WARM_UP, WorkerPool
from attribution.pipeline import DocumentResult, Pipeline
from attribution.resources import load_nlp
from attribution.types import Document, DocumentError

log = logging.getLogger(__name__)

SHARED_DIR = Path(os.environ.get("ATTRIBUTION_SHARED", Path(__file__).resolve().parent.parent.parent / "shared"))
DEFAULT_DEV = SHARED_DIR / "data" / "polnear" / "dev" / "text"
DEFAULT_REPLICATE = (1, 10, 100, 1000)
SAMPLE_SECONDS = 0.25  # how often worker memory is sampled (reading PSS costs the kernel a walk of the page tables)
MB = 1024 * 1024

Runner = Callable[[Iterable[Document]], Iterator[DocumentResult | DocumentError]]


@dataclass(frozen=True)
class Measure:
    """One timed pass over `documents` documents."""

    label: str
    documents: int
    words: int  # whitespace-separated words of the input texts
    seconds: float
    peak_mb: float  # this process's peak RSS; with workers, the sampled peak of all processes' PSS
    rows: int = 0
    failed: int = 0

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def ms_per_doc(self) -> float:
        return 1000 * self.seconds / self.documents if self.documents else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "docs_per_s": self.docs_per_s, "words_per_s": self.words_per_s, "ms_per_doc": self.ms_per_doc}


@dataclass(frozen=True)
class BenchReport:
    corpus: str
    workers: int
    batch_size: int
    spacy_load_seconds: float  # loading spaCy (in every worker), not counted in the measures
    load_seconds: float  # loading the extraction's models (in every worker), not counted either
    spacy: Measure
    extraction: Measure
    scaling: tuple[Measure, ...]
    stream: Measure | None = None
    rules_only: bool = False  # the extraction ran no transformer model

    @property
    def ratio(self) -> float:
        """Extraction time over spaCy-alone time on the same documents (the target is <= 1.3)."""
        return self.extraction.seconds / self.spacy.seconds if self.spacy.seconds else 0.0

    def as_dict(self) -> dict:
        return {
            "corpus": self.corpus,
            "workers": self.workers,
            "batch_size": self.batch_size,
            "rules_only": self.rules_only,
            "spacy_load_seconds": self.spacy_load_seconds,
            "load_seconds": self.load_seconds,
            "ratio_extraction_to_spacy": self.ratio,
            "spacy": self.spacy.as_dict(),
            "extraction": self.extraction.as_dict(),
            "scaling": [m.as_dict() for m in self.scaling],
            "stream": self.stream.as_dict() if self.stream else None,
        }


class SpacyOnly(Pipeline):
    """`load_nlp().pipe` over the same batches as the extraction, and nothing after it."""

    def _annotate(self, documents: Sequence[Document]) -> list[DocumentResult]:
        for _ in load_nlp().pipe(d.text for d in documents):
            pass
        return [DocumentResult(d) for d in documents]


def run_bench(
    documents: Sequence[Document],
    *,
    corpus: str = "",
    replicate: Sequence[int] = DEFAULT_REPLICATE,
    workers: int = 1,
    batch_size: int = 16,
    stream: int = 0,
    rules_only: bool = False,
    on_measure: Callable[[Measure], None] = lambda measure: None,
) -> BenchReport:
    """Time spaCy alone, then the extraction, over `documents`; then the extraction over replicated sets.

    `rules_only` times the pipeline without its transformer models (`Pipeline(rules_only=True)`).
    `on_measure` sees each measure as soon as it is taken (a long run shows its progress).
    """
    if not documents:
        raise ValueError("the benchmark needs at least one document")

    def timed(label: str, run: Runner, items: Iterable[Document], count: int) -> Measure:
        result = measure(label, run, items, count)
        on_measure(result)
        return result

    with _runner(SpacyOnly(batch_size=batch_size), workers) as (spacy_run, spacy_load_seconds):
        spacy = timed("spaCy alone", spacy_run, documents, len(documents))
    with _runner(Pipeline(batch_size=batch_size, rules_only=rules_only), workers) as (extract_run, load_seconds):
        extraction = timed("extraction, rules only" if rules_only else "extraction", extract_run, documents, len(documents))
        scaling = tuple(timed(f"extraction x{n}", extract_run, replicated(documents, n), n) for n in replicate)
        streamed = timed(f"stream of {stream} paragraphs", extract_run, replicated(paragraphs(documents), stream), stream) if stream else None
    return BenchReport(corpus, workers, batch_size, spacy_load_seconds, load_seconds, spacy, extraction, scaling, streamed, rules_only)


@contextmanager
def _runner(pipeline: Pipeline, workers: int) -> Iterator[tuple[Runner, float]]:
    """A warm runner (models loaded) and the seconds the loading took."""
    start = time.perf_counter()
    if workers <= 1:
        list(pipeline.run([WARM_UP]))
        yield pipeline.run, time.perf_counter() - start
        return
    with WorkerPool(workers, pipeline) as pool:
        yield pool.run, time.perf_counter() - start


def measure(label: str, run: Runner, documents: Iterable[Document], count: int) -> Measure:
    """Consume `run(documents)` (streamed: results are counted, not kept) under a clock and a memory probe."""
    words = rows = failed = 0

    def counted() -> Iterator[Document]:
        nonlocal words
        for document in documents:
            words += len(document.text.split())
            yield document

    with PeakMemory() as memory:
        start = time.perf_counter()
        for result in run(counted()):
            if isinstance(result, DocumentError) or result.error is not None:
                failed += 1
            else:
                rows += len(result.attributions)
        seconds = time.perf_counter() - start
    return Measure(label, count, words, seconds, memory.peak / MB, rows, failed)


def replicated(documents: Sequence[Document], count: int) -> Iterator[Document]:
    """`count` documents cycling through `documents`, each copy with its own id; generated, never held."""
    for number, document in enumerate(itertools.islice(itertools.cycle(documents), count)):
        yield Document(f"{document.doc_id}~{number}", document.text, document.source)


def paragraphs(documents: Sequence[Document]) -> list[Document]:
    """Each non-blank line of each document as a small document of its own."""
    out = []
    for document in documents:
        for number, line in enumerate(line for line in document.text.splitlines() if line.strip()):
            out.append(Document(f"{document.doc_id}#{number}", line, document.source))
    return out


class PeakMemory:
    """Peak memory (bytes) of this process and its descendants while the block runs.

    Alone, this process's peak is exact: the kernel's high-water mark of its resident memory, reset
    on entry. With worker processes, the total is sampled every SAMPLE_SECONDS as the sum of their
    proportional set sizes (PSS: a page shared by n processes counts 1/n in each, so the torch and
    spaCy pages the workers share are counted once); a short spike between samples can be missed.
    """

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> "PeakMemory":
        _reset_own_peak()
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _own_peak(), tree_memory())

    def _sample(self) -> None:
        while not self._stop.wait(SAMPLE_SECONDS):
            self.peak = max(self.peak, tree_memory())


def tree_memory(pid: int | None = None) -> int:
    """Bytes used by a process and all its descendants: the sum of their PSS (Linux /proc; 0 where there is none)."""
    pid = os.getpid() if pid is None else pid
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        if pid == os.getpid() and not children:
            return 0  # alone: the high-water mark already has it, exactly and for free
        own = _status_kb(Path(f"/proc/{pid}/smaps_rollup").read_text(), "Pss")
    except OSError:  # no /proc (macOS) or the process just exited
        return 0
    return own * 1024 + sum(tree_memory(int(child)) for child in children)


def _own_peak() -> int:
    try:
        return _status_kb(Path("/proc/self/status").read_text(), "VmHWM") * 1024
    except OSError:  # no /proc: the peak since the process started, in KiB on Linux and bytes on macOS
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def _reset_own_peak() -> None:
    """Reset the kernel's high-water mark so each measure has its own peak (Linux 4.0+)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        log.debug("cannot reset the peak memory mark; peaks are since the process started")


def _status_kb(status: str, key: str) -> int:
    for line in status.splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0
