"""attribution.engines.spark on Spark local mode: the same rows as one machine, typed, sorted, errors apart."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from attribution.errors import InputError
from attribution.pipeline import Pipeline
from attribution.types import COLUMNS, Document

pytest.importorskip("pyspark", reason="pyspark is not installed: pip install 'attribution[spark]'")
pytest.importorskip("pyarrow", reason="pyarrow is not installed: pip install 'attribution[spark]'")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java 17+ and `java` is not on the PATH", allow_module_level=True)

from attribution.engines.spark import documents_frame, extract_spark, spark_session, write_frame  # noqa: E402

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
def article_paths(seeds_dir: Path, polnear_dev: Path) -> list[Path]:
    return sorted(seeds_dir.glob("*.txt")) + sorted((polnear_dev / "text").glob("*.txt"))[:POLNEAR_ARTICLES]


def single_machine_run(paths: list[Path]) -> tuple[list[dict], int]:
    """The rows of `Pipeline().run` in the Spark output's order, and how many documents failed."""
    documents = [Document(p.stem, p.read_text(encoding="utf-8"), str(p)) for p in paths]
    results = list(Pipeline().run(documents))
    rows = [a.as_row() for r in results for a in r.attributions]
    failed = sum(r.error is not None for r in results)
    return sorted(rows, key=lambda row: (row["doc_id"], len(row["quote_id"]), row["quote_id"])), failed


def test_spark_rows_equal_single_machine_rows(spark, article_paths, tmp_path):
    import pyarrow.parquet as pq

    summary = extract_spark([str(p) for p in article_paths], tmp_path / "out", spark=spark)
    table = pq.read_table(tmp_path / "out")
    got = table.to_pylist()
    expected, failed = single_machine_run(article_paths)
    assert (summary.rows, summary.failed) == (len(expected), failed)
    assert tuple(table.column_names) == COLUMNS
    assert [(f.name, str(f.type), f.nullable) for f in table.schema if f.name in ("quote_start", "cue_start", "stance_score")] == [
        ("quote_start", "int32", False),
        ("cue_start", "int32", True),
        ("stance_score", "double", False),
    ]
    assert [{k: v for k, v in row.items() if k != "stance_score"} for row in got] == [
        {k: v for k, v in row.items() if k != "stance_score"} for row in expected
    ]
    # Spark batches documents differently; transformer padding may move a score in the last digit.
    assert [row["stance_score"] for row in got] == pytest.approx([row["stance_score"] for row in expected], abs=1e-4)


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
