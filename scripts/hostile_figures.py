"""Reproduce the README's hardening figures: hostile inputs, failures handled, peak memory.

    .venv/bin/python scripts/hostile_figures.py [--stream 1000000] [--pipeline-stream 2000]

1. A folder of hostile documents (empty, binary, UTF-16, Latin-1, a 50 MB file over the limit,
   HTML with scripts, unbalanced, nested and twenty-paragraph quotes, five other languages, bad
   JSONL and CSV records) goes through ingest, the real pipeline and the CSV and error writers, as
   `attribution extract` does. Every row is checked against the offsets invariant.
2. The 50 MB document alone, after the models are loaded: peak resident memory while it is handled.
3. --stream tiny documents, generated as a JSONL byte stream (never held whole), through ingest and
   the CSV and error writers, with the model stage replaced by a one-row-per-document stand-in:
   the models run at tens of documents per second on a small machine, so a million would take hours.
   One document in a thousand is malformed. Peak memory is read at checkpoints: flat means streaming.
4. --pipeline-stream tiny documents through the real models, with peak memory at checkpoints.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

os.environ.setdefault("OMP_NUM_THREADS", "1")

from attribution.bench import PeakMemory  # noqa: E402
from attribution.ingest import read_documents  # noqa: E402
from attribution.io.errors_report import ERROR_COLUMNS  # noqa: E402
from attribution.io.writers import open_writer  # noqa: E402
from attribution.pipeline import DocumentResult, Pipeline  # noqa: E402
from attribution.types import Attribution, Document, DocumentError  # noqa: E402

MB = 1024 * 1024
FIFTY_MB = 50_000_000
BAD_EVERY = 1000  # one malformed record in this many, in the stream

PARAGRAPH = '"Our plan, step {}, is to keep the roads open and the schools running through the winter'
SCRIPT = 'var note = "He said the launch is secret"; document.write("<p>“Injected,” the hacker said.</p>");'
HOSTILE_FILES: dict[str, bytes] = {
    "empty.txt": b"",
    "blank.txt": b" \r\n\t\n",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    "controls.txt": b"a\x01b\x02c\x03d\x04e\x05",
    "utf16.txt": '"We will win," the senator said.'.encode("utf-16"),
    "latin1.txt": "Le ministre a déclaré « Nous continuerons ».".encode("latin-1"),
    "cp1252.txt": "“Quoted,” he said.".encode("cp1252"),
    "page.html": (
        f"<html><head><script>{SCRIPT}</script></head><body><article><h1>Vote fails</h1>"
        "<p>“We will fight on,” the senator said on Tuesday after the vote in the chamber failed.</p>"
        f"<script>{SCRIPT}</script><p>The bill failed by three votes, officials said.</p></article></body></html>"
    ).encode(),
    "script_only.html": f"<html><head><script>{SCRIPT}</script></head><body> </body></html>".encode(),
    "unbalanced_open.txt": b'The minister said "we will not resign. Then she left the room.',
    "unbalanced_close.txt": b'We will not resign," the minister said. Reporters waited.',
    "nested.txt": "He said 'she told me “no”' today.".encode(),
    "nested_same_style.txt": "“He said ‘she told me “no”’ today,” the witness told the court.".encode(),
    "marks_run.txt": b'"We will win," the senator said. ' + b'"' * 5_000,
    "long_quote.txt": ("The mayor said on Monday:\n\n" + "\n\n".join(PARAGRAPH.format(n) for n in range(1, 21)) + '."\n').encode(),
    "german.txt": "„Wir werden weiterkämpfen“, sagte die Senatorin am Dienstag.".encode(),
    "french.txt": "« Nous ne céderons pas », a déclaré le ministre mardi.".encode(),
    "russian.txt": "«Мы не отступим», — заявил министр во вторник.".encode(),
    "chinese.txt": "外交部发言人表示：“我们将继续推动对话。”他还说，局势稳定。".encode(),
    "arabic.txt": "قال وزير الخارجية إن «الحوار سيستمر» يوم الثلاثاء.".encode(),
    "records.jsonl": b"\n".join([
        json.dumps({"id": "good", "text": '"We will win," the senator said.'}).encode(),
        b'{"id": "broken", "text": ',
        json.dumps({"id": "no-text"}).encode(),
        b'{"id": "surrogate", "text": "\\ud800 lone"}',
        b"[" * 100_000,
        json.dumps({"id": "formula", "text": "=HYPERLINK(\"http://x\") said Bob."}).encode(),
    ]) + b"\n",
    "sheet.csv": b'id,text\nok,"""Fine,"" she said."\nformula,"=cmd|\' /C calc\'!A0 said the clerk."\nempty,\n',
}


def write_hostile_folder(folder: Path) -> Path:
    for name, data in HOSTILE_FILES.items():
        (folder / name).write_bytes(data)
    with open(folder / "big50.txt", "wb") as handle:  # 50 MB of text, over the default limit
        line = b'"We will win," the senator said on Tuesday. Officials denied the report.\n\n'
        handle.write(line * (FIFTY_MB // len(line)))
        handle.truncate(FIFTY_MB)
    return folder


def run_batch(results: Iterable[DocumentResult | DocumentError], out: io.TextIOBase, errors: io.TextIOBase):
    """Write rows and failures as `attribution extract` does; check offsets against the ingested texts."""
    writer, error_writer = open_writer("csv", out), open_writer("csv", errors, ERROR_COLUMNS)
    documents = rows = violations = 0
    failures: Counter[str] = Counter()
    for result in results:
        documents += 1
        error = result if isinstance(result, DocumentError) else result.error
        if error is not None:
            failures[error.error] += 1
            error_writer.write(error)
            continue
        text = result.document.text
        for row in result.attributions:
            writer.write(row)
            rows += 1
            violations += text[row.quote_start : row.quote_end] != row.quote_text
            violations += row.cue_start is not None and text[row.cue_start : row.cue_end] != row.cue
            violations += row.mention_start is not None and text[row.mention_start : row.mention_end] != row.speaker_mention
    return documents, rows, failures, violations


def hostile_batch(folder: Path, pipeline: Pipeline) -> None:
    items = read_documents([str(folder)])
    with open(os.devnull, "w", newline="") as out, open(os.devnull, "w", newline="") as errors:
        documents, rows, failures, violations = run_batch(pipeline.run(items), out, errors)
    print(f"hostile inputs: {documents} documents from {len(HOSTILE_FILES) + 1} files (2 of them JSONL and CSV feeds); {rows} rows")
    print(f"  failures reported per document: {sum(failures.values())} ({', '.join(f'{k} {v}' for k, v in sorted(failures.items()))})")
    print(f"  crashes: 0; rows breaking the offsets invariant: {violations}")


def fifty_mb(folder: Path, pipeline: Pipeline) -> None:
    before = resident("VmRSS")
    tracemalloc.start()
    with PeakMemory() as memory:
        (result,) = list(pipeline.run(read_documents([str(folder / "big50.txt")])))
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    outcome = f"{result.error} ({result.message})" if isinstance(result, DocumentError) else "accepted"
    print(f"50 MB document: {outcome}")
    print(f"  peak resident memory while handled: {memory.peak / MB:.0f} MB (resident before it, models loaded: {before:.0f} MB); "
          f"Python allocations for it: {traced / MB:.2f} MB")


class GeneratedStream(io.RawIOBase):
    """A read-only byte stream over a generator of chunks: the data never exists whole."""

    def __init__(self, chunks: Iterator[bytes]):
        self._chunks, self._pending = chunks, b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            self._pending = next(self._chunks, b"")
            if not self._pending:
                return 0
        size = min(len(buffer), len(self._pending))
        buffer[:size], self._pending = self._pending[:size], self._pending[size:]
        return size


def tiny_records(count: int) -> Iterator[bytes]:
    texts = ('"We will win," the senator said.', "It rained on Monday.", "Officials denied the report.", "Он сказал: «Нет».")
    for number in range(count):
        if number % BAD_EVERY == BAD_EVERY - 1:
            yield b'{"id": "bad", "text": \n'  # malformed: reported, and the stream goes on
        else:
            yield json.dumps({"id": f"d{number}", "text": texts[number % len(texts)]}).encode() + b"\n"


def one_row_each(items: Iterable[Document | DocumentError]) -> Iterator[DocumentResult | DocumentError]:
    """Stand-in for the models: a row per document (its first word), so the writer streams real rows."""
    for item in items:
        if isinstance(item, DocumentError):
            yield item
            continue
        word = item.text.split()[0]
        start = item.text.index(word)
        row = Attribution(item.doc_id, "q001", "direct", word, start, start + len(word), "", None, None, "", "none", "", "", None, None, "assertion", 0.5)
        yield DocumentResult(item, (row,))


def resident(key: str = "VmHWM") -> float:
    """This process's peak (VmHWM; PeakMemory resets it on entry) or current (VmRSS) resident memory, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def checkpoints(results: Iterable, marks: set[int]) -> Iterator:
    """Pass results through, printing the peak resident memory so far at each mark."""
    start = time.perf_counter()
    for number, result in enumerate(results, start=1):
        yield result
        if number in marks:
            print(f"    after {number:>9,} documents: peak {resident():6.0f} MB, {time.perf_counter() - start:7.1f} s")


def stream(count: int, runner, label: str, out_dir: Path) -> None:
    marks = {count // 10, count // 2, count} | ({100_000} if count > 100_000 else set())
    print(f"{label}: {count:,} tiny documents streamed from a generator (1 in {BAD_EVERY} malformed)")
    handle = io.BufferedReader(GeneratedStream(tiny_records(count)))
    items = read_documents(["-"], stdin=handle, input_format="jsonl")
    with PeakMemory() as memory, open(out_dir / "rows.csv", "w", newline="", encoding="utf-8") as out, \
            open(out_dir / "failed.csv", "w", newline="", encoding="utf-8") as errors:
        print(f"    at the start:                peak {resident():6.0f} MB")
        documents, rows, failures, violations = run_batch(checkpoints(runner(items), marks), out, errors)
    print(f"  {documents:,} documents, {rows:,} rows, {sum(failures.values()):,} failures reported per document, "
          f"{violations} offset violations; peak resident memory {memory.peak / MB:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stream", type=int, default=1_000_000, help="tiny documents through ingest and the writers")
    parser.add_argument("--pipeline-stream", type=int, default=2_000, help="tiny documents through the real models")
    args = parser.parse_args()
    pipeline = Pipeline(batch_size=64)
    list(pipeline.run([Document("warm-up", '"We will win," the senator said.')]))  # load every model first
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_hostile_folder(Path(tmp))
        hostile_batch(folder, pipeline)
        fifty_mb(folder, pipeline)
        out_dir = Path(tmp)
        if args.stream:
            stream(args.stream, one_row_each, "stream, model stage replaced", out_dir)
        if args.pipeline_stream:
            stream(args.pipeline_stream, pipeline.run, "stream through the models", out_dir)


if __name__ == "__main__":
    sys.exit(main())
