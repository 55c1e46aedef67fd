"""attribution.engines.spark on Spark local mode: the same rows as one machine, typed, sorted, errors apart."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from attribution.errors import InputError
from attribution.pipeline import Pipeline
from attribution.types import COLUMNS, Document

if shutil.which("java") is None:
    pytest.skip("Spark needs Java 17+ and `java` is not on the PATH", allow_module_level=True)
try:
    import pyarrow.parquet as pq
    import pyspark  # noqa: F401
except ImportError as exc:  # Java is here, so the engine is tested, never skipped for a missing package
    raise ImportError(f"{exc.name} is not installed: scripts/test.sh installs requirements-spark.lock (or pip install 'attribution[spark]')") from exc

from attribution.cli.main import app  # noqa: E402
from attribution.engines.spark import (  # noqa: E402
    DEFAULT_MASTER,
    default_master,
    documents_frame,
    extract_spark,
    output_format_of,
    spark_session,
    write_frame,
)

pytestmark = pytest.mark.slow
POLNEAR_ARTICLES = 3
# As small and quiet as Spark gets: two cores, two shuffle partitions, no web UI.
LOCAL_CONFIG = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
}


@pytest.fixture(scope="module")
def spark():
    session = spark_session("local[2]", LOCAL_CONFIG)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def seed_paths(seeds_dir: Path) -> list[Path]:
    return sorted(seeds_dir.glob("*.txt"))


@pytest.fixture(scope="module")
def polnear_paths(polnear_dev: Path) -> list[Path]:
    """A few PolNeAR dev articles (skipped, saying where it looked, when ../shared is absent)."""
    return sorted((polnear_dev / "text").glob("*.txt"))[:POLNEAR_ARTICLES]


def single_machine_run(paths: list[Path]) -> tuple[list[dict], int]:
    """The rows of `Pipeline().run` in the Spark output's order, and how many documents failed."""
    documents = [Document(p.stem, p.read_text(encoding="utf-8"), str(p)) for p in paths]
    results = list(Pipeline().run(documents))
    rows = [a.as_row() for r in results for a in r.attributions]
    failed = sum(r.error is not None for r in results)
    return sorted(rows, key=lambda row: (row["doc_id"], len(row["quote_id"]), row["quote_id"])), failed


def assert_same_rows(got: list[dict], expected: list[dict]) -> None:
    # Spark batches documents differently; a document's rows, scores included, must not move with it.
    assert got == expected


# The single-machine rows are made first: Spark's idle Python workers (models loaded) live one minute,
# so back-to-back Spark runs load the models once.
@pytest.mark.parametrize("corpus", ["seed", "polnear"])
def test_spark_rows_equal_single_machine_rows(spark, request, tmp_path, corpus):
    paths = request.getfixturevalue(f"{corpus}_paths")
    expected, failed = single_machine_run(paths)
    summary = extract_spark([str(p) for p in paths], tmp_path / "out", spark=spark)
    table = pq.read_table(tmp_path / "out")
    assert (summary.rows, summary.failed) == (len(expected), failed)
    assert len(expected) > len(paths)  # rows from every article, not an empty match
    assert tuple(table.column_names) == COLUMNS
    assert [(f.name, str(f.type), f.nullable) for f in table.schema if f.name in ("quote_start", "cue_start", "stance_score")] == [
        ("quote_start", "int32", False),
        ("cue_start", "int32", True),
        ("stance_score", "double", False),
    ]
    assert_same_rows(table.to_pylist(), expected)


def test_spark_rules_only_rows_equal_the_single_machine_rules_only_rows(spark, seed_paths, tmp_path):
    documents = [Document(p.stem, p.read_text(encoding="utf-8"), str(p)) for p in seed_paths]
    expected = [a.as_row() for r in Pipeline(rules_only=True).run(documents) for a in r.attributions]
    out = tmp_path / "rules.parquet"
    summary = extract_spark(seed_paths, out, spark=spark, rules_only=True)
    assert summary.rows == len(expected) > 0
    got = pq.read_table(out).to_pylist()
    assert all(row["model_version"].endswith("+rules") for row in got)
    assert_same_rows(got, sorted(expected, key=lambda row: (row["doc_id"], len(row["quote_id"]), row["quote_id"])))


def test_spark_extract_command_writes_the_single_machine_rows(spark, seeds_dir, seed_paths, tmp_path):
    expected, _ = single_machine_run(seed_paths)
    out, errors = tmp_path / "quotes.parquet", tmp_path / "failed.parquet"
    result = CliRunner().invoke(app, ["extract", "--engine", "spark", str(seeds_dir), "-o", str(out), "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    assert f"{len(expected)} rows, 0 failed documents" in result.output
    assert_same_rows(pq.read_table(out).to_pylist(), expected)
    assert pq.read_table(errors).num_rows == 0


@pytest.mark.parametrize(
    "args, message",
    [
        (["-o", "{tmp}/q.parquet", "--workers", "2"], "--workers cannot be used with --engine spark"),
        (["-o", "{tmp}/q.csv", "--strict", "--format", "csv"], "--strict, --format cannot be used"),
        ([], "give -o OUT.parquet or -o OUT.csv"),
        (["-o", "{tmp}/q.jsonl"], "name it .parquet or .csv"),
        (["-o", "{tmp}/old.parquet"], "exists: Spark writes a new folder"),
    ],
)
def test_spark_extract_command_usage_errors(seeds_dir, tmp_path, args, message):
    (tmp_path / "old.parquet").mkdir()
    result = CliRunner().invoke(app, ["extract", "--engine", "spark", str(seeds_dir), *(a.format(tmp=tmp_path) for a in args)])
    assert result.exit_code == 2
    assert message in " ".join(result.output.replace("│", " ").split())  # the words, out of rich's wrapped error box


@pytest.mark.parametrize(
    "path, expected",
    [("q.parquet", "parquet"), ("out/Q.CSV", "csv"), ("hdfs://nn:8020/archive/quotes.parquet/", "parquet"), ("q.jsonl", None), ("quotes", None)],
)
def test_spark_output_format_of(path, expected):
    if expected is None:
        with pytest.raises(ValueError, match="name it .parquet or .csv"):
            output_format_of(path)
    else:
        assert output_format_of(path) == expected


@pytest.mark.parametrize("gateway, expected", [(None, DEFAULT_MASTER), ("40123", None)])
def test_spark_default_master_defers_to_spark_submit(monkeypatch, gateway, expected):
    if gateway is None:
        monkeypatch.delenv("PYSPARK_GATEWAY_PORT", raising=False)
    else:
        monkeypatch.setenv("PYSPARK_GATEWAY_PORT", gateway)
    assert default_master() == expected


ODD_TEXT = 'He said "no",\nthen left.'


@pytest.mark.parametrize("name", ["docs.parquet", "docs.jsonl", "docs.csv"])
def test_spark_reads_id_text_tables_itself(spark, tmp_path, name):
    import pandas as pd

    table = pd.DataFrame({"id": ["a1", "b2"], "text": [ODD_TEXT, "Plain text."], "other": [1, 2]})
    path = tmp_path / name
    if path.suffix == ".parquet":
        table.to_parquet(path)
    elif path.suffix == ".jsonl":
        table.to_json(path, orient="records", lines=True)
    else:
        table.to_csv(path, index=False)
    where = str(path) if path.suffix == ".parquet" else path.as_uri()  # a URI: read by Spark, not on the driver
    documents, errors = documents_frame(spark, [where])
    assert errors == []
    assert sorted((r.doc_id, r.text, r.source.endswith(name)) for r in documents.collect()) == [("a1", ODD_TEXT, True), ("b2", "Plain text.", True)]


def test_spark_table_without_the_text_field_is_an_input_error(spark, tmp_path):
    import pandas as pd

    pd.DataFrame({"id": ["a1"], "body": ["x"]}).to_parquet(tmp_path / "docs.parquet")
    with pytest.raises(InputError, match="'text'"):
        documents_frame(spark, [str(tmp_path / "docs.parquet")])


@pytest.mark.parametrize(
    "encoding_errors, texts, failures",
    [("strict", [], ["NotUtf8Error"]), ("replace", ["caf\ufffd said no."], [])],
)
def test_spark_local_files_read_with_encoding_errors(spark, tmp_path, encoding_errors, texts, failures):
    (tmp_path / "latin1.txt").write_bytes(b"caf\xe9 said no.")
    documents, errors = documents_frame(spark, [str(tmp_path)], encoding_errors=encoding_errors)
    assert [r.text for r in documents.collect()] == texts
    assert [e.error for e in errors] == failures


def read_csv_parts(folder: Path) -> list[dict]:
    rows = []
    for part in sorted(folder.glob("part-*.csv")):
        with open(part, encoding="utf-8", newline="") as handle:
            rows += list(csv.DictReader(handle))
    return rows


def test_spark_reports_failed_documents_apart(spark, tmp_path):
    documents = spark.createDataFrame(
        [("good", "The minister said the plan works."), ("empty", "   "), ("missing", None)], "doc_id string, text string"
    )
    summary = extract_spark(documents, tmp_path / "rows", output_format="csv", errors_output=tmp_path / "errors", spark=spark)
    errors = read_csv_parts(tmp_path / "errors")
    assert summary.failed == len(errors)
    assert [(e["doc_id"], e["error"]) for e in errors if e["stage"] == "ingest"] == [
        ("empty", "EmptyDocumentError"),
        ("missing", "MissingFieldError"),
    ]
    assert all(row["doc_id"] == "good" for row in read_csv_parts(tmp_path / "rows"))


@pytest.mark.parametrize(
    "cell, raw, expected",
    [
        ("=SUM(A1)", False, "'=SUM(A1)"),
        ("@cmd", False, "'@cmd"),
        ("-1 point", False, "'-1 point"),
        ("plain, with \"quotes\"", False, 'plain, with "quotes"'),
        ("=SUM(A1)", True, "=SUM(A1)"),
    ],
)
def test_spark_csv_cells_neutralised_unless_raw(spark, tmp_path, cell, raw, expected):
    frame = spark.createDataFrame([("d1", cell, 7)], "doc_id string, quote_text string, quote_start int")
    write_frame(frame, tmp_path / "out", "csv", raw_cells=raw)
    assert read_csv_parts(tmp_path / "out") == [{"doc_id": "d1", "quote_text": expected, "quote_start": "7"}]
