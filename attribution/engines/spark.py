"""The extraction on Apache Spark: `mapInPandas` over partitions of (doc_id, text, source) rows.

pyspark is optional (`pip install 'attribution[spark]'`). Every Python worker of every executor
builds the pipeline once (a module-level cache) and keeps it between tasks, since Spark reuses its
Python workers. Each partition's documents go through `Pipeline.run` exactly as on one machine, so
the rows are the single-machine rows; they are written sorted by (doc_id, quote_id).

Inputs: local files and folders are read on the driver by `attribution.ingest` (every format it
reads, with its checks); Parquet, and JSONL or CSV behind a URI (hdfs://, s3a://, ...), are read
by Spark itself, for archives too large for the driver.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import sys
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, Sequence

from attribution.errors import EngineError, InputError, MissingFieldError
from attribution.ingest import DEFAULT_MAX_BYTES, check_text, read_documents
from attribution.io.csv import FORMULA_PREFIXES, NEUTRALISER
from attribution.io.errors_report import ERROR_COLUMNS
from attribution.pipeline import DocumentResult, Pipeline
from attribution.types import COLUMNS, Attribution, Document, DocumentError

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

log = logging.getLogger(__name__)

APP_NAME = "attribution"
# The master of a session this package starts: two local cores, the size of the project's machines.
DEFAULT_MASTER = "local[2]"
OUTPUT_FORMATS = ("parquet", "csv")
INPUT_SCHEMA = "doc_id string, text string, source string"
ERROR_SCHEMA = ", ".join(f"{name} string" for name in ERROR_COLUMNS)
# Read by Spark rather than on the driver: columnar files, and anything behind a URI the driver cannot open.
SPARK_SUFFIXES = {".parquet": "parquet", ".jsonl": "json", ".json": "json", ".ndjson": "json", ".csv": "csv"}
# A failed document travels as one row whose attribution columns hold placeholders and whose
# error columns are set; it is split off before writing, so the output columns stay non-null.
ERROR_PREFIX = "error_"
ERROR_FIELDS = tuple(ERROR_PREFIX + name for name in ERROR_COLUMNS if name != "doc_id")  # error_source, error_stage, ...
ERROR_FLAG = ERROR_PREFIX + "error"
PLACEHOLDERS = {"str": "", "int": 0, "float": 0.0}


@dataclass(frozen=True)
class SparkSummary:
    rows: int
    failed: int


def extract_spark(
    inputs: "Sequence[str | os.PathLike] | DataFrame",
    output: str | os.PathLike,
    *,
    output_format: str = "parquet",
    errors_output: str | os.PathLike | None = None,
    master: str | None = None,
    spark: "SparkSession | None" = None,
    partitions: int | None = None,
    batch_size: int = 16,
    id_field: str = "id",
    text_field: str = "text",
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding_errors: str = "strict",
    input_format: str | None = None,
    raw_cells: bool = False,
    overwrite: bool = False,
    rules_only: bool = False,
) -> SparkSummary:
    """Extract attributions from `inputs` (paths, or a DataFrame with doc_id and text) and write them.

    `output` is a Spark output folder (Parquet or CSV part files, rows sorted by doc_id, quote_id);
    failed documents go to `errors_output` (same format; columns of the error report) when given.
    `master` is used only when this call starts the session (e.g. "local[2]"); under spark-submit leave it out.
    `encoding_errors` and `input_format` apply to the local files read on the driver (as in `read_documents`).
    `rules_only` runs no transformer model (as `Pipeline(rules_only=True)`).
    """
    if output_format not in OUTPUT_FORMATS:
        raise ValueError(f"output format must be one of {OUTPUT_FORMATS}, not {output_format!r}")
    session = spark or spark_session(master)
    documents, ingest_errors = documents_frame(
        session, inputs, id_field=id_field, text_field=text_field, max_bytes=max_bytes, encoding_errors=encoding_errors, input_format=input_format
    )
    if partitions:
        documents = documents.repartition(partitions)
    # Kept once computed: the sort's sampling, the row write and the error write must not re-run the models.
    results = extract_frame(documents, batch_size=batch_size, max_bytes=max_bytes, rules_only=rules_only).persist()
    try:
        rows, errors = attributions_of(results), errors_of(results)
        if ingest_errors:
            errors = errors.unionByName(session.createDataFrame([astuple(e) for e in ingest_errors], ERROR_SCHEMA))
        write_frame(sort_rows(rows), output, output_format, raw_cells=raw_cells, overwrite=overwrite)
        if errors_output is not None:
            write_frame(errors.orderBy(*ERROR_COLUMNS), errors_output, output_format, raw_cells=raw_cells, overwrite=overwrite)
        return SparkSummary(rows=rows.count(), failed=errors.count())
    finally:
        results.unpersist()


def default_master() -> str | None:
    """DEFAULT_MASTER, except under spark-submit (which hands pyspark its JVM's port), where spark-submit's --master rules."""
    return None if "PYSPARK_GATEWAY_PORT" in os.environ else DEFAULT_MASTER


@contextlib.contextmanager
def command_session(master: str | None) -> "Iterator[SparkSession]":
    """A session for one command, stopped at its end; a session already active (a notebook, a test) is used and left running."""
    active = _pyspark().sql.SparkSession.getActiveSession()
    session = active or spark_session(master)
    try:
        yield session
    finally:
        if active is None:
            session.stop()


def output_format_of(path: str | os.PathLike) -> str:
    """parquet or csv, from the suffix of the output folder's name."""
    suffix = Path(str(path).rstrip("/")).suffix.lower().lstrip(".")
    if suffix not in OUTPUT_FORMATS:
        raise ValueError(f"cannot tell the output format of {path}: name it .parquet or .csv")
    return suffix


def is_uri(path: str | os.PathLike) -> bool:
    """hdfs://, s3a://, file://...: a location for Spark, not a local path for the driver."""
    return "://" in str(path)


def spark_session(master: str | None = None, config: Mapping[str, str] | None = None) -> "SparkSession":
    """The active Spark session, or a new one; in local mode the executors run this very Python."""
    SparkSession = _pyspark().sql.SparkSession
    builder = SparkSession.builder.appName(APP_NAME)
    if master:
        builder = builder.master(master)
        if master.startswith("local"):
            # pyspark runs UDFs with $PYSPARK_PYTHON, else `python3` on the PATH, which need not
            # have this package or pyarrow; locally the executors should run this very Python.
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    for key, value in (config or {}).items():
        builder = builder.config(key, value)
    try:
        return builder.getOrCreate()
    except Exception as exc:  # py4j raises bare Exceptions when the JVM cannot start (no Java)
        raise EngineError(f"cannot start Spark ({type(exc).__name__}: {exc}); is Java 17+ installed?") from exc


def attribution_schema(with_errors: bool = False):
    """The output columns with Spark types: str -> string, int -> int, float -> double; `int | None` nullable."""
    types = _pyspark().sql.types
    spark_types = {"str": types.StringType(), "int": types.IntegerType(), "float": types.DoubleType()}
    columns = [
        types.StructField(f.name, spark_types[_base_type(f.type)], nullable=f.type.endswith("None"))
        for f in fields(Attribution)
    ]
    if with_errors:
        columns += [types.StructField(name, types.StringType(), nullable=True) for name in ERROR_FIELDS]
    return types.StructType(columns)


def documents_frame(
    spark: "SparkSession",
    inputs: "Sequence[str | os.PathLike] | DataFrame",
    *,
    id_field: str = "id",
    text_field: str = "text",
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding_errors: str = "strict",
    input_format: str | None = None,
) -> "tuple[DataFrame, list[DocumentError]]":
    """A DataFrame of (doc_id, text, source), and the local files that could not be read."""
    F = _pyspark().sql.functions
    if isinstance(inputs, _pyspark().sql.DataFrame):
        source = F.col("source") if "source" in inputs.columns else F.lit("")
        frame = inputs.select(F.col("doc_id").cast("string"), F.col("text").cast("string"), source.cast("string").alias("source"))
        return frame, []
    local = [p for p in inputs if not _read_by_spark(p)]
    frames = [_read_with_spark(spark, p, id_field, text_field) for p in inputs if _read_by_spark(p)]
    errors: list[DocumentError] = []
    if local or not frames:
        records = []
        read = read_documents(
            local, id_field=id_field, text_field=text_field, max_bytes=max_bytes, encoding_errors=encoding_errors, input_format=input_format
        )
        for item in read:
            if isinstance(item, DocumentError):
                errors.append(item)
            else:
                records.append((item.doc_id, item.text, item.source))
        frames.append(spark.createDataFrame(records, INPUT_SCHEMA))
    return functools.reduce(lambda a, b: a.unionByName(b), frames), errors


def extract_frame(
    documents: "DataFrame", *, batch_size: int = 16, max_bytes: int = DEFAULT_MAX_BYTES, rules_only: bool = False
) -> "DataFrame":
    """Attribution rows, plus one error row per failed document (lazy: nothing runs until an action)."""
    partition = functools.partial(extract_partition, batch_size=batch_size, max_bytes=max_bytes, rules_only=rules_only)
    return documents.mapInPandas(partition, attribution_schema(with_errors=True))


def attributions_of(results: "DataFrame") -> "DataFrame":
    return results.where(results[ERROR_FLAG].isNull()).select(*COLUMNS)


def errors_of(results: "DataFrame") -> "DataFrame":
    """The failed documents with the error report's columns (doc_id, source, stage, error, message)."""
    F = _pyspark().sql.functions
    failed = results.where(results[ERROR_FLAG].isNotNull())
    return failed.select("doc_id", *(F.col(name).alias(name[len(ERROR_PREFIX):]) for name in ERROR_FIELDS))


def sort_rows(rows: "DataFrame") -> "DataFrame":
    """By doc_id and quote_id, then every other column, so even rows of documents sharing an id keep one order."""
    F = _pyspark().sql.functions
    # quote_id by length first so that q1000 follows q999, as in the single-machine text order.
    return rows.orderBy("doc_id", F.length("quote_id"), *COLUMNS[1:])


def write_frame(frame: "DataFrame", path: str | os.PathLike, output_format: str, *, raw_cells: bool = False, overwrite: bool = False) -> None:
    writer = frame if output_format == "parquet" or raw_cells else _neutralised(frame)
    writer = writer.write.mode("overwrite" if overwrite else "errorifexists")
    if output_format == "parquet":
        writer.parquet(str(path))
    else:
        # RFC 4180: quotes inside a cell are doubled (Spark's default escape is a backslash).
        writer.options(header=True, quote='"', escape='"', emptyValue="", encoding="UTF-8").csv(str(path))


def extract_partition(
    frames: "Iterator[pd.DataFrame]", *, batch_size: int, max_bytes: int, rules_only: bool = False
) -> "Iterator[pd.DataFrame]":
    """Runs on the executors: each Arrow batch of (doc_id, text, source) rows through the pipeline."""
    pipeline = _executor_pipeline(batch_size, rules_only)
    for frame in frames:
        items = [_item(doc_id, text, source, max_bytes) for doc_id, text, source in frame[["doc_id", "text", "source"]].itertuples(index=False)]
        yield results_frame(pipeline.run(items))


def results_frame(results: Iterable[DocumentResult | DocumentError]) -> "pd.DataFrame":
    """The rows of `results`, failures as error rows, with the dtypes of attribution_schema(with_errors=True)."""
    import pandas as pd

    records = []
    for result in results:
        error = result if isinstance(result, DocumentError) else result.error
        if error is not None:
            records.append(_error_record(error))
        else:
            records.extend({**row.as_row(), **dict.fromkeys(ERROR_FIELDS)} for row in result.attributions)
    frame = pd.DataFrame.from_records(records, columns=[*COLUMNS, *ERROR_FIELDS])
    return frame.astype(_pandas_dtypes())


@functools.lru_cache(maxsize=None)
def _executor_pipeline(batch_size: int, rules_only: bool = False) -> Pipeline:
    """One pipeline per Python worker; the models inside it load on first use and stay (resources caches them)."""
    log.info("loading the attribution pipeline in executor process %d", os.getpid())
    return Pipeline(batch_size=batch_size, rules_only=rules_only)


def _item(doc_id: str | None, text: str | None, source: str | None, max_bytes: int) -> Document | DocumentError:
    doc_id, source = doc_id or "", source or ""
    try:
        if not doc_id:
            raise MissingFieldError("the record has no document id")
        if not isinstance(text, str):
            raise MissingFieldError("the record has no text")
        check_text(text, max_bytes)
    except InputError as exc:
        return DocumentError(doc_id, source, "ingest", type(exc).__name__, str(exc))
    return Document(doc_id, text, source)


def _error_record(error: DocumentError) -> dict:
    placeholders = {f.name: PLACEHOLDERS[_base_type(f.type)] for f in fields(Attribution) if not f.type.endswith("None")}
    values = {name: getattr(error, name[len(ERROR_PREFIX):]) for name in ERROR_FIELDS}
    return {**dict.fromkeys(COLUMNS), **placeholders, "doc_id": error.doc_id, **values}


def _pandas_dtypes() -> dict[str, str]:
    by_type = {"str": "object", "int": "int32", "int | None": "Int32", "float": "float64"}
    return {f.name: by_type[f.type] for f in fields(Attribution)} | dict.fromkeys(ERROR_FIELDS, "object")


def _base_type(annotation: str) -> str:
    return annotation.split("|")[0].strip()


def _read_by_spark(path: str | os.PathLike) -> bool:
    return is_uri(path) or Path(str(path)).suffix.lower() == ".parquet"


def _read_with_spark(spark: "SparkSession", path: str | os.PathLike, id_field: str, text_field: str) -> "DataFrame":
    F = _pyspark().sql.functions
    text = str(path)
    reader_format = SPARK_SUFFIXES.get(Path(text.rstrip("/")).suffix.lower(), "parquet")  # a bare folder: Parquet
    reader = spark.read.format(reader_format)
    if reader_format == "csv":
        reader = reader.options(header=True, multiLine=True, escape='"')
    frame = reader.load(text)
    missing = [name for name in (id_field, text_field) if name not in frame.columns]
    if missing:
        raise InputError(f"{text} has no column {missing[0]!r} (columns: {', '.join(frame.columns)})")
    return frame.select(
        F.col(id_field).cast("string").alias("doc_id"), F.col(text_field).cast("string").alias("text"), F.input_file_name().alias("source")
    )


def _neutralised(frame: "DataFrame") -> "DataFrame":
    """String cells a spreadsheet would run as formulas get a leading "'" (as io/csv.py does)."""
    F = _pyspark().sql.functions
    strings = {f.name for f in frame.schema.fields if f.dataType.typeName() == "string"}
    risky = lambda c: F.substring(F.col(c), 1, 1).isin(list(FORMULA_PREFIXES))  # noqa: E731
    return frame.select(
        *(F.when(risky(c), F.concat(F.lit(NEUTRALISER), F.col(c))).otherwise(F.col(c)).alias(c) if c in strings else F.col(c) for c in frame.columns)
    )


def _pyspark():
    try:
        import pyspark
        import pyspark.sql.functions  # noqa: F401  (submodules used through `pyspark.sql`)
        import pyspark.sql.types  # noqa: F401
    except ImportError as exc:
        raise EngineError("the Spark engine needs pyspark: pip install 'attribution[spark]'") from exc
    return pyspark
