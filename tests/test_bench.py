"""attribution bench: the measures it reports, the documents it makes, and the memory probe."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from attribution.bench import MB, SAMPLE_SECONDS, PeakMemory, paragraphs, replicated, tree_memory
from attribution.cli.main import app
from attribution.types import Document

TINY = {"a.txt": '"We will win," the senator said on Monday.', "b.txt": "Officials denied the report.\n\nIt rained."}
MEASURE_FIELDS = {"label", "documents", "words", "seconds", "peak_mb", "rows", "failed", "docs_per_s", "words_per_s", "ms_per_doc"}


@pytest.fixture
def tiny_dev(tmp_path):
    for name, text in TINY.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("count, expected", [(0, []), (1, ["a~0"]), (5, ["a~0", "b~1", "a~2", "b~3", "a~4"])])
def test_bench_replicated_cycles_with_fresh_ids(count, expected):
    documents = [Document("a", "one"), Document("b", "two")]
    assert [d.doc_id for d in replicated(documents, count)] == expected


def test_bench_paragraphs_are_the_non_blank_lines():
    got = paragraphs([Document("b", "First line.\n\n  \nSecond line.")])
    assert [(d.doc_id, d.text) for d in got] == [("b#0", "First line."), ("b#1", "Second line.")]


def test_bench_peak_memory_sees_an_allocation():
    with PeakMemory() as small:
        pass
    with PeakMemory() as big:
        block = bytearray(200 * MB)
        block[::4096] = b"x" * len(block[::4096])  # touch every page so it is resident
        time.sleep(3 * SAMPLE_SECONDS)  # held across samples: other tests may have left worker processes
        del block
    assert big.peak - small.peak > 150 * MB


def test_bench_tree_memory_counts_child_processes():
    hold = "b = bytearray(200 * 2**20); b[::4096] = b'x' * len(b[::4096]); print('ready', flush=True); input()"
    child = subprocess.Popen([sys.executable, "-c", hold], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        held = tree_memory(child.pid)
        assert held > 150 * MB
        assert tree_memory() > held  # this process's share comes on top
    finally:
        child.communicate("\n")


@pytest.mark.parametrize("replicate", ["1,x", "0,2"])
def test_bench_rejects_bad_counts(tiny_dev, replicate):
    result = CliRunner().invoke(app, ["bench", "--dev", str(tiny_dev), "--replicate", replicate])
    assert result.exit_code == 2


def test_bench_missing_folder_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["bench", "--dev", str(tmp_path / "absent")])
    assert result.exit_code == 2 and "not found" in result.output


@pytest.mark.slow
def test_bench_json_reports_every_measure(tiny_dev):
    result = CliRunner().invoke(app, ["bench", "--dev", str(tiny_dev), "--replicate", "1,3", "--stream", "4", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["workers"] == 1 and report["ratio_extraction_to_spacy"] > 0
    measures = [report["spacy"], report["extraction"], *report["scaling"], report["stream"]]
    assert all(set(m) == MEASURE_FIELDS for m in measures)
    assert [m["documents"] for m in measures] == [2, 2, 1, 3, 4]
    assert report["spacy"]["words"] == report["extraction"]["words"] == sum(len(t.split()) for t in TINY.values())
    assert all(m["peak_mb"] > 0 for m in measures)


@pytest.mark.slow
def test_bench_table_names_the_ratio(tiny_dev):
    result = CliRunner().invoke(app, ["bench", "--dev", str(tiny_dev), "--replicate", "1"])
    assert result.exit_code == 0, result.output
    assert "spaCy alone" in result.output and "extraction / spaCy alone:" in result.output


@pytest.mark.slow
def test_bench_rules_only_times_the_pipeline_without_models(tiny_dev):
    result = CliRunner().invoke(app, ["bench", "--dev", str(tiny_dev), "--replicate", "1", "--rules-only", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["rules_only"] is True and report["extraction"]["label"] == "extraction, rules only"
