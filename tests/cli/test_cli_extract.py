"""`attribution extract` on temp folders: formats, summary, exit codes, atomic output.

Most tests swap the Pipeline for a stub so they run without models; the batch test at the
end (the issue-2 done-criterion) runs the real pipeline.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import attribution.parallel as parallel_module
from attribution.cli import extract as extract_module
from attribution.cli.main import app
from attribution.errors import ModelError
from attribution.pipeline import DocumentResult
from attribution.types import COLUMNS, Attribution, DocumentError

runner = CliRunner()


def first_word_row(document) -> Attribution:
    word = document.text.split()[0]
    start = document.text.index(word)
    return Attribution(
        document.doc_id, "q001", "direct", word, start, start + len(word), "", None, None,
        "", "none", "", "", None, None, "assertion", 0.5,
    )


class StubPipeline:
    """Stands in for Pipeline: one row per document (its first word); a text holding FAIL fails,
    MODEL fails as a model that cannot load, CRASH raises out of the run."""

    events: list[tuple[str, str]] = []

    def __init__(self, batch_size: int = 16, rules_only: bool = False):
        self.batch_size = batch_size
        self.rules_only = rules_only

    def run(self, items):
        for item in items:
            if isinstance(item, DocumentError):
                yield item
                continue
            StubPipeline.events.append(("result", item.doc_id))
            if "FAIL" in item.text:
                yield DocumentResult(item, error=DocumentError(item.doc_id, item.source, "pipeline", "RuntimeError", "boom"))
            elif "MODEL" in item.text:
                yield DocumentResult(item, error=DocumentError(item.doc_id, item.source, "pipeline", "ModelError", "models/stance has no MANIFEST.sha256"))
            elif "CRASH" in item.text:
                raise RuntimeError("the whole run dies")
            else:
                yield DocumentResult(item, (first_word_row(item),))


@pytest.fixture
def stub(monkeypatch):
    StubPipeline.events = []
    monkeypatch.setattr(parallel_module, "Pipeline", StubPipeline)
    monkeypatch.setattr(extract_module, "Pipeline", StubPipeline)
    monkeypatch.setattr(extract_module, "load_models", lambda: None)
    return StubPipeline


def make_folder(root: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def invoke(*args: str, stdin: bytes | None = None):
    return runner.invoke(app, ["extract", *args], input=stdin)


def csv_rows(data: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data, newline="")))


# --- formats and destinations ------------------------------------------------------------------


def test_cli_extract_csv_to_stdout_by_default(stub, tmp_path):
    folder = make_folder(tmp_path / "in", {"a.txt": b"Alpha said.", "b.txt": b"Beta said."})
    result = invoke(str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(",".join(COLUMNS).encode() + b"\r\n")
    assert [(r["doc_id"], r["quote_text"]) for r in csv_rows(result.stdout)] == [("a", "Alpha"), ("b", "Beta")]
    assert result.stderr.strip() == "2 documents, 2 rows, 0 failed"


@pytest.mark.parametrize(
    "out_name, extra, expected_format",
    [("out.csv", [], "csv"), ("out.jsonl", [], "jsonl"), ("out.ndjson", [], "jsonl"), ("out.txt", ["--format", "jsonl"]  , "jsonl"), ("out.jsonl", ["--format", "csv"], "csv")],
)
def test_cli_extract_output_format(stub, tmp_path, out_name, extra, expected_format):
    folder = make_folder(tmp_path / "in", {"a.txt": "Ünïcödé said.".encode()})
    out = tmp_path / out_name
    result = invoke(str(folder), "-o", str(out), *extra)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    if expected_format == "csv":
        assert csv_rows(text)[0]["quote_text"] == "Ünïcödé"
    else:
        assert json.loads(text.splitlines()[0])["quote_text"] == "Ünïcödé"


def test_cli_extract_same_input_same_bytes(stub, tmp_path):
    folder = make_folder(tmp_path / "in", {f"{n}.txt": f"Word{n} said.".encode() for n in range(5)})
    outputs = []
    for name in ("one.csv", "two.csv"):
        assert invoke(str(folder), "-o", str(tmp_path / name)).exit_code == 0
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]


def test_cli_extract_stdin(stub):
    result = invoke("-", stdin="Stdin text here.".encode())
    assert result.exit_code == 0, result.output
    assert [(r["doc_id"], r["quote_text"]) for r in csv_rows(result.stdout)] == [("stdin", "Stdin")]


def test_cli_extract_stdin_jsonl_with_fields(stub):
    data = b'{"key": "k1", "body": "From JSONL."}\n'
    result = invoke("-", "--input-format", "jsonl", "--id-field", "key", "--text-field", "body", stdin=data)
    assert [(r["doc_id"], r["quote_text"]) for r in csv_rows(result.stdout)] == [("k1", "From")]


def test_cli_extract_formula_cells_neutralised_unless_raw(stub, tmp_path):
    folder = make_folder(tmp_path / "in", {"a.txt": b"=cmd|' /C calc'!A0 said."})
    assert csv_rows(invoke(str(folder)).stdout)[0]["quote_text"] == "'=cmd|'"
    assert csv_rows(invoke(str(folder), "--raw-cells").stdout)[0]["quote_text"] == "=cmd|'"


def test_cli_extract_max_bytes_and_encoding_errors(stub, tmp_path):
    folder = make_folder(tmp_path / "in", {"a.txt": b"caf\xe9 said.", "b.txt": b"x" * 50})
    result = invoke(str(folder), "--max-bytes", "20", "--encoding-errors", "replace")
    assert [r["quote_text"] for r in csv_rows(result.stdout)] == ["caf\ufffd"]
    assert "b (" in result.stderr and "DocumentTooLargeError" in result.stderr
    assert result.exit_code == 3


@pytest.mark.parametrize(("args", "expected"), [(["--batch-size", "4"], [(4, False)]), (["--rules-only"], [(16, True)])])
def test_cli_extract_batch_size_and_rules_only_reach_pipeline(monkeypatch, stub, tmp_path, args, expected):
    seen = []

    def pipeline(batch_size, rules_only):
        seen.append((batch_size, rules_only))
        return StubPipeline(batch_size, rules_only)

    monkeypatch.setattr(extract_module, "Pipeline", pipeline)
    result = invoke(str(make_folder(tmp_path / "in", {"a.txt": b"A."})), *args)
    assert result.exit_code == 0, result.output
    assert seen == expected


# --- failures, summary, exit codes --------------------------------------------------------------


def test_cli_extract_failures_reported_and_exit_3(stub, tmp_path):
    folder = make_folder(tmp_path / "in", {"a.txt": b"Good one.", "b.txt": b"", "c.txt": b"FAIL here", "d.txt": b"Good two."})
    errors = tmp_path / "errors.csv"
    result = invoke(str(folder), "--errors", str(errors))
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert lines[0] == "4 documents, 2 rows, 2 failed"
    assert lines[1] == f"  failed: b ({folder / 'b.txt'}): EmptyDocumentError: the document is empty"
    assert lines[2] == f"  failed: c ({folder / 'c.txt'}): RuntimeError: boom"
    report = csv_rows(errors.read_text(encoding="utf-8"))
    assert [(r["doc_id"], r["stage"], r["error"]) for r in report] == [("b", "ingest", "EmptyDocumentError"), ("c", "pipeline", "RuntimeError")]


def test_cli_extract_error_report_jsonl_and_empty(stub, tmp_path):
    folder = make_folder(tmp_path / "in", {"a.txt": b"Good."})
    errors = tmp_path / "errors.jsonl"
    assert invoke(str(folder), "--errors", str(errors)).exit_code == 0
    assert errors.read_text(encoding="utf-8") == ""
    errors_csv = tmp_path / "errors.csv"
    assert invoke(str(folder), "--errors", str(errors_csv)).exit_code == 0
    assert errors_csv.read_bytes() == b"doc_id,source,stage,error,message\r\n"


def test_cli_extract_folder_without_readable_files_says_so(stub, tmp_path):
    folder = make_folder(tmp_path / "in", {"scan.pdf": b"%PDF-1.4", "notes.docx": b"PK"})
    result = invoke(str(folder))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "0 documents, 0 rows, 0 failed",
        "  no document in the inputs (folders are read for .csv .htm .html .jsonl .md .txt files; others are skipped)",
    ]


def test_cli_extract_summary_lists_at_most_50_failures(stub, tmp_path):
    folder = make_folder(tmp_path / "in", {f"e{n:03d}.txt": b"" for n in range(60)})
    result = invoke(str(folder))
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert lines[0] == "60 documents, 0 rows, 60 failed"
    assert len([line for line in lines if line.startswith("  failed: ")]) == 50
    assert lines[-1] == "  ... and 10 more (use --errors FILE to list them all)"


def test_cli_extract_strict_stops_and_writes_nothing(stub, tmp_path):
    folder = make_folder(tmp_path / "in", {"a.txt": b"Good.", "b.txt": b"FAIL", "c.txt": b"Never reached."})
    out = tmp_path / "out.csv"
    out.write_text("previous run", encoding="utf-8")
    result = invoke(str(folder), "-o", str(out), "--strict")
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "previous run"
    assert result.stderr.splitlines()[0] == "2 documents, 1 rows, 1 failed"
    assert ("result", "c") not in stub.events
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.csv"]


def test_cli_extract_crash_leaves_no_half_file(stub, tmp_path):
    folder = make_folder(tmp_path / "in", {"a.txt": b"Good.", "b.txt": b"CRASH"})
    result = invoke(str(folder), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code != 0 and isinstance(result.exception, RuntimeError)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_cli_extract_missing_model_exits_1(monkeypatch, stub, tmp_path):
    def missing():
        raise ModelError("spaCy model 'x' is not installed")

    monkeypatch.setattr(extract_module, "load_models", missing)
    result = invoke(str(make_folder(tmp_path / "in", {"a.txt": b"A."})))
    assert result.exit_code == 1 and "not installed" in result.stderr


def test_cli_extract_model_failure_mid_run_stops_with_exit_1(stub, tmp_path):
    folder = make_folder(tmp_path / "in", {"a.txt": b"Good.", "b.txt": b"MODEL", "c.txt": b"Never reached."})
    result = invoke(str(folder), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: models/stance has no MANIFEST.sha256"
    assert ("result", "c") not in stub.events
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


@pytest.mark.parametrize(
    "args",
    [
        ["missing-folder"],
        ["-", "-"],
        ["IN", "-o", "out.txt"],
        ["IN", "-o", "no/such/folder/out.csv"],
        ["IN", "-o", "IN"],
        ["IN", "--format", "xml"],
        ["IN", "--encoding-errors", "ignore"],
        ["IN", "--max-bytes", "0"],
        ["IN", "--batch-size", "0"],
        [],
    ],
)
def test_cli_extract_usage_errors_exit_2(stub, tmp_path, args):
    folder = make_folder(tmp_path / "in", {"a.txt": b"A."})
    args = [str(folder) if a == "IN" else (str(tmp_path / a) if a.startswith(("out", "no/")) else a) for a in args]
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert stub.events == []


# --- streaming and progress ---------------------------------------------------------------------


def test_cli_extract_streams_rows_as_results_arrive(monkeypatch, stub, tmp_path):
    real_open_writer = extract_module.open_writer

    class SpyWriter:
        def __init__(self, inner):
            self.inner = inner

        def write(self, record):
            stub.events.append(("row", record.doc_id))
            self.inner.write(record)

    monkeypatch.setattr(extract_module, "open_writer", lambda *a, **k: SpyWriter(real_open_writer(*a, **k)))
    invoke(str(make_folder(tmp_path / "in", {"a.txt": b"A.", "b.txt": b"B.", "c.txt": b"C."})))
    assert stub.events == [("result", "a"), ("row", "a"), ("result", "b"), ("row", "b"), ("result", "c"), ("row", "c")]


@pytest.mark.parametrize("count, flag, shown", [(5, "--progress", True), (3, "--progress", False), (5, "--no-progress", False), (5, None, False)])
def test_cli_extract_progress_bar(stub, tmp_path, count, flag, shown):
    folder = make_folder(tmp_path / "in", {f"{n}.txt": b"Text." for n in range(count)})
    result = invoke(str(folder), *([flag] if flag else []))
    assert ("doc/s" in result.stderr or "s/doc" in result.stderr) == shown
    assert result.stderr.splitlines()[-1] == f"{count} documents, {count} rows, 0 failed"


def test_cli_extract_help_documents_inputs_formats_exit_codes():
    result = runner.invoke(app, ["extract", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for words in (".jsonl", ".csv", ".html", "standard input", "Exit codes", "0 every document", "3 the batch", "1 --strict", "2 usage", "Example: attribution extract"):
        assert words in result.stdout


# --- the issue-2 done-criterion: a mixed folder with the real pipeline -------------------------

GOOD_ARTICLE = (
    "WASHINGTON (AP) — The Senate rejected the spending bill on Tuesday by three votes.\n\n"
    '"We will fight on," the senator said.\n\n'
    "Opponents said the measure was too costly.\n"
)



@pytest.mark.slow
def test_cli_extract_mixed_folder_finishes_with_good_rows(tmp_path):
    folder = make_folder(
        tmp_path / "news",
        {
            "empty.txt": b"",
            "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
            "latin1.txt": "Le ministre a déclaré « Nous continuerons ».".encode("latin-1"),
            "huge.txt": b"All work and no play. " * 240_000,  # 5.3 MB
            "senate.txt": GOOD_ARTICLE.encode("utf-8"),
        },
    )
    out = tmp_path / "rows.csv"
    result = invoke(str(folder), "-o", str(out))
    assert result.exit_code == 3, result.output
    summary, *failures = result.stderr.splitlines()
    assert summary.startswith("5 documents, ") and summary.endswith(" rows, 4 failed")
    expected = {
        "binary": "BinaryDocumentError",
        "empty": "EmptyDocumentError",
        "huge": "DocumentTooLargeError",
        "latin1": "NotUtf8Error",
    }
    assert [line.split(" (")[0] for line in failures] == [f"  failed: {name}" for name in expected]
    for line, (name, error) in zip(failures, expected.items()):
        assert str(folder / f"{name}.txt") in line and error in line
    rows = csv_rows(out.read_text(encoding="utf-8"))
    assert {row["doc_id"] for row in rows} == {"senate"}
    for row in rows:
        start, end = int(row["quote_start"]), int(row["quote_end"])
        assert GOOD_ARTICLE[start:end] == row["quote_text"].removeprefix("'")
    assert any(row["quote_text"].startswith("We will fight on") for row in rows), rows


@pytest.mark.slow
def test_cli_extract_output_is_byte_identical_across_runs_and_workers(tmp_path):
    articles = tmp_path / "in"
    articles.mkdir()
    for i in range(5):
        (articles / f"a{i}.txt").write_text(f'"We will fight on {i}," the senator said. Officials denied it.', encoding="utf-8")
    outputs = []
    for run, workers in enumerate(["1", "1", "2"]):
        out = tmp_path / f"out{run}.csv"
        result = CliRunner().invoke(app, ["extract", str(articles), "-o", str(out), "--workers", workers])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0].count(b"\r\n") > 5  # header + rows from every article
