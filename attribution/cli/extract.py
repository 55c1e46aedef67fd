"""`attribution extract`: articles in, the who-said-what table out (CSV or JSONL)."""

from __future__ import annotations

import contextlib
import io
import sys
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Annotated, Iterable, Iterator, Optional, TextIO

import typer

from attribution.errors import EngineError, InputError, ManifestMismatchError, ModelError
from attribution.ingest import DEFAULT_MAX_BYTES, FORMAT_BY_SUFFIX, STDIN, read_documents
from attribution.io.atomic import atomic_output
from attribution.io.errors_report import ERROR_COLUMNS, describe
from attribution.io.writers import RecordWriter, format_for, open_writer
from attribution.parallel import run_parallel
from attribution.pipeline import DocumentResult, Pipeline, merge_speaker_ids
from attribution.types import DocumentError

EXIT_OK = 0
EXIT_STOPPED = 1  # --strict stopped at a failed document, or a fatal error (model missing, output unwritable)
EXIT_USAGE = 2  # click's own code for usage errors
EXIT_SOME_FAILED = 3
PROGRESS_AFTER = 3  # a bar for one or two articles is noise
MAX_LISTED_FAILURES = 50  # the summary stays readable; the --errors file lists them all
# A model that cannot load fails every document alike: stop at once instead of reporting each one.
FATAL_ERRORS = frozenset({ModelError.__name__, ManifestMismatchError.__name__})



class OutputFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"


class Engine(str, Enum):
    local = "local"
    spark = "spark"


class InputFormat(str, Enum):
    text = "text"
    html = "html"
    jsonl = "jsonl"
    csv = "csv"


class EncodingErrors(str, Enum):
    strict = "strict"
    replace = "replace"


class StrictStop(Exception):
    """--strict met a failed document: unwinding discards the half-written outputs."""


class FatalStop(Exception):
    """A model failed to load mid-run; the message says which."""


@dataclass
class Summary:
    documents: int = 0
    rows: int = 0
    failed: int = 0
    failures: list[DocumentError] = field(default_factory=list)  # the first MAX_LISTED_FAILURES

    def add_failure(self, error: DocumentError) -> None:
        self.failed += 1
        if len(self.failures) < MAX_LISTED_FAILURES:
            self.failures.append(error)


def extract_command(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT", help="Files, folders, or - for stdin.", show_default=False)],
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="OUT", help="Output file (.csv or .jsonl); default: CSV to stdout. With --engine spark: a new folder of Parquet or CSV part files, named .parquet or .csv (a path or a URI such as hdfs://...).", show_default=False)] = None,
    output_format: Annotated[Optional[OutputFormat], typer.Option("--format", help="Output format; default: from OUT's extension.")] = None,
    input_format: Annotated[Optional[InputFormat], typer.Option("--input-format", help="Format of stdin (default text) and of files named directly (default: their extension).")] = None,
    id_field: Annotated[str, typer.Option(help="JSONL/CSV field holding the document id.")] = "id",
    text_field: Annotated[str, typer.Option(help="JSONL/CSV field holding the article text.")] = "text",
    max_bytes: Annotated[int, typer.Option(min=1, help="Skip documents whose text is larger than this many bytes (an HTML file may be 5 times larger).")] = DEFAULT_MAX_BYTES,
    encoding_errors: Annotated[EncodingErrors, typer.Option(help="strict: skip text that is not UTF-8; replace: decode it with U+FFFD.")] = EncodingErrors.strict,
    errors: Annotated[Optional[str], typer.Option("--errors", metavar="FILE", help="Write failed documents here (CSV, or JSONL for .jsonl): doc_id, source, stage, error, message. With --engine spark: a new folder, in OUT's format.", show_default=False)] = None,
    raw_cells: Annotated[bool, typer.Option("--raw-cells", help="Write CSV cells raw: no \"'\" before cells starting with = + - @.")] = False,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per model batch.")] = 16,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (models load once in each); the output is identical to one process.")] = 1,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="Run no transformer model: the rules alone find quotes and the cue lexicon labels stance. About twice as fast; lower recall on reported speech and lower stance accuracy (README, Numbers). Rows say +rules in model_version.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Stop at the first failed document (exit 1).")] = False,
    progress: Annotated[Optional[bool], typer.Option("--progress/--no-progress", help="Progress bar on stderr; default: when stderr is a terminal.", show_default=False)] = None,
    engine: Annotated[Engine, typer.Option(help="local: this machine (--workers processes); spark: Apache Spark, mapInPandas over partitions, models loaded once per executor (needs the spark extra: pyspark, pyarrow; and Java 17+).")] = Engine.local,
    spark_master: Annotated[Optional[str], typer.Option(metavar="URL", help="With --engine spark: the master, e.g. local[2], yarn, spark://host:7077. Default: local[2], or spark-submit's --master when run by spark-submit.", show_default=False)] = None,
) -> None:
    """Find who said what in news articles and write one row per quote.

    INPUT is a file, a folder (read recursively, in sorted order) or - for standard input. Files: .txt and .md (plain text, kept exactly as read), .html/.htm (the article's main text), .jsonl (one JSON object per line) and .csv (a header row); records hold the text in --text-field and the id in --id-field. A document's id is its file name without the extension, or its record's id (else FILE-LINE).

    The table goes to OUT as CSV or JSONL, chosen by OUT's extension (.csv, .jsonl) or --format; without -o, CSV goes to standard output. OUT is written whole or not at all. Documents that cannot be read or processed (empty, binary, not UTF-8, too large...) are skipped, listed on standard error under the summary line, and written to --errors FILE.

    Exit codes:
    0 every document was processed;
    3 the batch finished but some documents failed;
    1 --strict stopped at a failed document (OUT and FILE are not written), or a fatal error (model missing, output unwritable);
    2 usage error.

    With --engine spark the rows are the same as with --engine local, sorted by doc_id and quote_id, and Spark writes them to the folder OUT (.parquet or .csv); Parquet inputs and URIs (hdfs://, s3a://) are read by Spark, other files on this machine first. --workers, --strict, --format and --progress are for --engine local.

    Example: attribution extract articles/ -o quotes.csv --errors failed.csv

    Example: attribution extract --engine spark articles/ -o quotes.parquet
    """
    if engine is Engine.spark:
        given = {"--workers": workers != 1, "--strict": strict, "--format": output_format is not None, "--progress": progress is not None}
        code = _extract_with_spark(
            inputs, output, errors, spark_master, [name for name, is_given in given.items() if is_given],
            id_field=id_field, text_field=text_field, max_bytes=max_bytes, encoding_errors=encoding_errors.value,
            input_format=input_format.value if input_format else None, raw_cells=raw_cells, batch_size=batch_size,
            rules_only=rules_only,
        )  # fmt: skip
        raise typer.Exit(code)
    output, errors = (Path(path) if path else None for path in (output, errors))
    output_format = _output_format(output, output_format)
    _check_inputs(inputs)
    for path, name in ((output, "--output"), (errors, "--errors")):
        _check_writable(path, name)
    try:
        load_models()
    except ModelError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_STOPPED) from None
    documents = read_documents(
        inputs,
        id_field=id_field,
        text_field=text_field,
        max_bytes=max_bytes,
        encoding_errors=encoding_errors.value,
        input_format=input_format.value if input_format else None,
    )
    pipeline = Pipeline(batch_size=batch_size, rules_only=rules_only)
    results = merge_speaker_ids(run_parallel(documents, workers, batch_size, pipeline=pipeline))
    summary = Summary()
    try:
        with _outputs(output, errors) as (out_handle, errors_handle):
            writer = open_writer(output_format, out_handle, raw=raw_cells)
            error_writer = open_writer(format_for(errors) or "csv", errors_handle, ERROR_COLUMNS, raw=raw_cells) if errors else None
            _consume(results, writer, error_writer, summary, strict, progress)
    except StrictStop:
        _report(summary, errors)
        raise typer.Exit(EXIT_STOPPED) from None
    except FatalStop as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_STOPPED) from None
    except OSError as exc:
        typer.echo(f"error: cannot write the output: {exc}", err=True)
        raise typer.Exit(EXIT_STOPPED) from None
    _report(summary, errors)
    raise typer.Exit(EXIT_SOME_FAILED if summary.failed else EXIT_OK)


def _extract_with_spark(inputs: list[str], output: str | None, errors: str | None, master: str | None, local_only: list[str], **options) -> int:
    """Check the command line, then hand over to attribution.engines.spark.extract_spark; returns the exit code."""
    from attribution.engines import spark

    if local_only:
        raise typer.BadParameter(f"{', '.join(local_only)} cannot be used with --engine spark", param_hint="'--engine'")
    if output is None:
        raise typer.BadParameter("--engine spark writes a folder: give -o OUT.parquet or -o OUT.csv", param_hint="'--output'")
    try:
        output_format = spark.output_format_of(output)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--output'") from None
    _check_inputs([item for item in inputs if not spark.is_uri(item)])
    for path, name in ((output, "--output"), (errors, "--errors")):
        if path is not None and not spark.is_uri(path) and Path(path).exists():
            raise typer.BadParameter(f"{path} exists: Spark writes a new folder, so remove it or name another", param_hint=f"'{name}'")
    try:
        with spark.command_session(master or spark.default_master()) as session:
            summary = spark.extract_spark(inputs, output, output_format=output_format, errors_output=errors, spark=session, **options)
    except (EngineError, InputError) as exc:
        typer.echo(f"error: {exc}", err=True)
        return EXIT_STOPPED
    typer.echo(f"{summary.rows} rows, {summary.failed} failed documents; written to {output}" + (f" and {errors}" if errors else ""), err=True)
    return EXIT_SOME_FAILED if summary.failed else EXIT_OK


def load_models() -> None:
    """Load the models before reading anything, so a missing model is one clear error, not one per document."""
    from attribution.resources import load_nlp

    load_nlp()


def _consume(
    results: Iterable[DocumentResult | DocumentError],
    writer: RecordWriter,
    error_writer: RecordWriter | None,
    summary: Summary,
    strict: bool,
    progress: bool | None,
) -> None:
    """Write rows as each document's results arrive; nothing is held beyond one document."""
    with _Progress(progress) as bar:
        for result in results:
            summary.documents += 1
            bar.update(summary.documents)
            error = result if isinstance(result, DocumentError) else result.error
            if error is not None:
                if error.error in FATAL_ERRORS:
                    raise FatalStop(error.message)
                summary.add_failure(error)
                if error_writer is not None:
                    error_writer.write(error)
                if strict:
                    raise StrictStop
                continue
            for row in result.attributions:
                writer.write(row)
            summary.rows += len(result.attributions)


class _Progress:
    """A tqdm bar on stderr that appears only once there are more than PROGRESS_AFTER documents
    (the total is unknown while streaming); on by default only when stderr is a terminal."""

    def __init__(self, enabled: bool | None):
        self._enabled = sys.stderr.isatty() if enabled is None else enabled
        self._bar = None

    def __enter__(self) -> "_Progress":
        return self

    def update(self, done: int) -> None:
        if not self._enabled or done <= PROGRESS_AFTER:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(file=sys.stderr, unit="doc", desc="extract", initial=done - 1, dynamic_ncols=True)
        self._bar.update(1)

    def __exit__(self, *exc_info) -> None:
        if self._bar is not None:
            self._bar.close()


@contextlib.contextmanager
def _outputs(output: Path | None, errors: Path | None) -> Iterator[tuple[TextIO, TextIO | None]]:
    """Handles for the table and the error report; files are atomic, so all or nothing is written."""
    with contextlib.ExitStack() as stack:
        out_handle = stack.enter_context(atomic_output(output) if output else _stdout())
        errors_handle = stack.enter_context(atomic_output(errors)) if errors else None
        yield out_handle, errors_handle


@contextlib.contextmanager
def _stdout() -> Iterator[TextIO]:
    """Standard output as UTF-8 with newline="", so CSV's CRLF reaches it untranslated."""
    handle = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
    try:
        yield handle
    finally:
        handle.flush()
        handle.detach()  # stdout itself stays open for the summary and for the caller


def _report(summary: Summary, errors: Path | None) -> None:
    typer.echo(f"{summary.documents} documents, {summary.rows} rows, {summary.failed} failed", err=True)
    if not summary.documents and not summary.failed:
        suffixes = " ".join(sorted(FORMAT_BY_SUFFIX))
        typer.echo(f"  no document in the inputs (folders are read for {suffixes} files; others are skipped)", err=True)
    for error in summary.failures:
        typer.echo(f"  failed: {describe(error)}", err=True)
    hidden = summary.failed - len(summary.failures)
    if hidden:
        where = f" (all are in {errors})" if errors else " (use --errors FILE to list them all)"
        typer.echo(f"  ... and {hidden} more{where}", err=True)


def _output_format(output: Path | None, chosen: OutputFormat | None) -> str:
    if chosen is not None:
        return chosen.value
    if output is None:
        return OutputFormat.csv.value
    found = format_for(output)
    if found is None:
        raise typer.BadParameter(f"cannot tell the format of {output} from its extension: name it .csv or .jsonl, or pass --format", param_hint="'--output'")
    return found


def _check_inputs(inputs: list[str]) -> None:
    if inputs.count(STDIN) > 1:
        raise typer.BadParameter("'-' (stdin) can be read only once", param_hint="'INPUT...'")
    for item in inputs:
        if item != STDIN and not Path(item).exists():
            raise typer.BadParameter(f"{item} does not exist", param_hint="'INPUT...'")


def _check_writable(path: Path | None, name: str) -> None:
    if path is None:
        return
    if path.is_dir():
        raise typer.BadParameter(f"{path} is a folder, not a file", param_hint=f"'{name}'")
    if not path.absolute().parent.is_dir():
        raise typer.BadParameter(f"the folder of {path} does not exist", param_hint=f"'{name}'")
