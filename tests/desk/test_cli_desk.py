"""The desk's commands through typer's CliRunner: ingest, who-said, claims, speakers, conflicts, report, export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from attribution.cli.main import app
from attribution.io.sqlite import ClaimStore

from .fake_pipeline import FakePipeline

runner = CliRunner()
SEED = Path(__file__).resolve().parents[2] / "seeds" / "duma-ratifies-dprk-treaty.txt"


@pytest.fixture
def db(tmp_path, make_row, troops_doc):
    path = tmp_path / "claims.db"
    with ClaimStore.open(path) as store:
        store.replace_document(troops_doc, [
            make_row(troops_doc, "q001", "North Korean troops are in Russia.", "Lloyd Austin", "assertion",
                     speaker_role="U.S. Defense Secretary", speaker_mention="Lloyd Austin"),
            make_row(troops_doc, "q002", "North Korean soldiers had been sent to Russia", "Russia", "denial",
                     speaker_type="country", speaker_mention="Moscow"),
        ], "test")  # fmt: skip
    return path


@pytest.fixture
def fake_models(monkeypatch):
    monkeypatch.setattr("attribution.pipeline.Pipeline", FakePipeline)
    monkeypatch.setattr("attribution.resources.load_nlp", lambda: None)


def test_cli_desk_ingest_is_idempotent(tmp_path, fake_models):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("One. Two.", encoding="utf-8")
    (folder / "b.txt").write_text("Three.", encoding="utf-8")
    db = tmp_path / "claims.db"
    first = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    second = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert first.exit_code == 0 and "2 added" in first.stderr
    assert second.exit_code == 0 and "2 unchanged" in second.stderr
    with ClaimStore.open(db) as store:
        assert len(store.attributions()) == 3


def test_cli_desk_ingest_rules_only_extracts_again_what_the_models_stored(tmp_path, fake_models):
    (tmp_path / "a.txt").write_text("One. Two.", encoding="utf-8")
    db = tmp_path / "claims.db"
    assert runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", str(db), "--rules-only"])
    assert result.exit_code == 0 and "1 replaced" in result.stderr
    with ClaimStore.open(db) as store:
        assert {a.model_version for a in store.attributions()} == {"fake-1+rules"}


def test_cli_desk_ingest_reports_failed_documents(tmp_path, fake_models):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Fine.", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "empty.txt"), str(tmp_path / "good.txt"), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 3
    assert "failed empty" in result.stderr and "1 added" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["who-said", "--speaker", "lloyd austin"], ["q001"]),
        (["who-said", "--speaker", "Moscow"], ["q002"]),
        (["who-said", "--speaker", "Maria Zakharova"], []),
        (["claims", "--about", "troops"], ["q001"]),
        (["claims", "--about", "soldiers Russia"], ["q002"]),
    ],
)
def test_cli_desk_queries_as_jsonl(db, args, expected):
    result = runner.invoke(app, [*args, "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["quote_id"] for line in result.stdout.splitlines()] == expected


def test_cli_desk_query_table_on_terminal(db):
    result = runner.invoke(app, ["who-said", "--speaker", "Austin", "--db", str(db)])
    assert result.exit_code == 0
    assert "Lloyd Austin" in result.stdout and "(1 rows)" in result.stdout


def test_cli_desk_speakers_csv_file(db, tmp_path):
    out = tmp_path / "speakers.csv"
    result = runner.invoke(app, ["speakers", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["name"], r["speaker_type"], r["claims"], r["denials"], r["roles"]) for r in rows] == [
        ("Lloyd Austin", "person", "1", "0", "U.S. Defense Secretary"),
        ("Russia", "country", "1", "1", ""),
    ]


def test_cli_desk_missing_database_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["speakers", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no such claims database" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_cli_desk_unknown_output_extension_is_a_usage_error(db, tmp_path):
    result = runner.invoke(app, ["claims", "--about", "troops", "--db", str(db), "-o", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 2


def test_cli_desk_export_claimreview_selected_quote(db, tmp_path):
    out = tmp_path / "claims.jsonld"
    result = runner.invoke(app, ["export-claimreview", "--db", str(db), "--quote", "troops:q002", "-o", str(out)])
    assert result.exit_code == 0, result.output
    (review,) = json.loads(out.read_text(encoding="utf-8"))["@graph"]
    assert review["claimReviewed"] == "North Korean soldiers had been sent to Russia"
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Russia"}


def test_cli_desk_export_claimreview_unknown_quote(db):
    result = runner.invoke(app, ["export-claimreview", "--db", str(db), "--quote", "troops:q999"])
    assert result.exit_code == 1 and "no claim 'troops:q999'" in result.stderr


def test_cli_desk_export_claimreview_defaults_to_every_claim(db):
    result = runner.invoke(app, ["export-claimreview", "--db", str(db)])
    assert [r["itemReviewed"]["identifier"] for r in json.loads(result.stdout)["@graph"]] == ["troops:q001", "troops:q002"]


def test_cli_desk_conflicts_needs_inputs_or_db():
    assert runner.invoke(app, ["conflicts"]).exit_code == 2


@pytest.mark.parametrize("command", ["conflicts", "report"])
def test_cli_desk_a_missing_conflict_model_fails_before_extraction(tmp_path, monkeypatch, fake_models, command):
    from attribution import resources

    extracted = []
    monkeypatch.setattr("attribution.cli.desk.read_documents", lambda inputs: extracted.append(inputs) or [])
    monkeypatch.setattr(resources, "MODELS_DIR", tmp_path / "models")
    resources.load_proposition_encoder.cache_clear()
    try:
        result = runner.invoke(app, [command, str(SEED), "-o", str(tmp_path / "out.csv")])
    finally:
        resources.load_proposition_encoder.cache_clear()
    assert result.exit_code == 1
    assert "model 'propositions' not found" in result.output and "Traceback" not in result.output
    assert not extracted and not (tmp_path / "out.csv").exists()


@pytest.mark.slow
def test_cli_desk_conflicts_and_report_from_db(db, tmp_path):
    out = tmp_path / "conflicts.csv"
    result = runner.invoke(app, ["conflicts", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["speaker_a"], r["stance_a"], r["speaker_b"], r["stance_b"]) for r in rows] == [
        ("Lloyd Austin", "assertion", "Russia", "denial")
    ]
    assert f"1 pair in 1 conflict, 0 across documents -> {out}" in result.output
    page = tmp_path / "review.html"
    result = runner.invoke(app, ["report", "--db", str(db), "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert "Lloyd Austin" in page.read_text(encoding="utf-8")


@pytest.mark.slow
def test_cli_desk_seed_conflict_is_found_end_to_end(tmp_path):
    """The seed's target: Austin/NATO (assertion) against Russia (denial), and no agreeing pair."""
    db = tmp_path / "claims.db"
    assert runner.invoke(app, ["ingest", str(SEED), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["conflicts", "--db", str(db), "--format", "jsonl"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    sides = {(r["stance_a"], r["stance_b"]) for r in rows}
    assert sides == {("assertion", "denial")}
    assert any(r["speaker_b"] == "Russia" and "North Korean troop" in r["quote_text_b"] for r in rows)
    assert all(r["speaker_a"] != "Russia" for r in rows)
