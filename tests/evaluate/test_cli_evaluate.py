from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from attribution.cli.main import app
from attribution.types import COLUMNS

TEXT = 'Smith said, "Taxes will rise." The "Big Plan" was shown. All rights reserved.'


@pytest.fixture
def seed(tmp_path):
    """A one-article seeds folder: text, gold, negatives, and a predictions CSV (one right, one negative)."""
    (tmp_path / "d.txt").write_text(TEXT, encoding="utf-8")
    gold = {"doc_id": "d", "quote_id": "q01", "quote_type": "direct", "char_start": 13, "char_end": 29,
            "cue": "said", "speaker": "John Smith", "speaker_aliases": ["Smith"], "speaker_type": "person",
            "speaker_role": "", "stance": "assertion", "stance_also_acceptable": [], "speaker_mention": "Smith",
            "required": True}
    (tmp_path / "d.gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    negatives = [{"doc_id": "d", "text": "Big Plan", "why": "title"}, {"doc_id": "d", "text": "All rights reserved."}]
    (tmp_path / "d.negatives.jsonl").write_text("".join(json.dumps(n) + "\n" for n in negatives), encoding="utf-8")
    rows = [
        dict(doc_id="d", quote_id="q001", quote_type="direct", quote_text="Taxes will rise.", quote_start=13,
             quote_end=29, cue="said", cue_start=6, cue_end=10, speaker="Smith", speaker_type="person",
             speaker_mention="Smith", mention_start=0, mention_end=5, stance="assertion", stance_score=0.9),
        dict(doc_id="d", quote_id="q002", quote_type="direct", quote_text="Big Plan", quote_start=36,
             quote_end=44, speaker="'=x", stance="assertion", stance_score=0.5),
    ]
    with (tmp_path / "pred.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS), restval="")
        writer.writeheader()
        writer.writerows(rows)
    return tmp_path


def test_cli_evaluate_json_picks_up_negatives(seed):
    args = ["evaluate", str(seed / "pred.csv"), "--gold", str(seed / "d.gold.jsonl"), "--json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert (scores["content"]["lenient"]["matched"], scores["content"]["lenient"]["predicted"]) == (1, 2)
    assert scores["content"]["lenient"]["precision"] == 0.5 and scores["content"]["strict"]["recall"] == 1.0
    assert scores["speaker_name"] == {"value": 1.0, "k": 1, "n": 1}
    assert (scores["source"]["k"], scores["cue"]["k"]) == (1, 1)
    assert scores["negatives_reported"] == {"value": 0.5, "k": 1, "n": 2}
    assert scores["required"] == {"value": 1.0, "k": 1, "n": 1}


def test_cli_evaluate_table_on_seeds_folder(seed):
    result = CliRunner().invoke(app, ["evaluate", str(seed / "pred.csv"), "--gold", str(seed)])
    assert result.exit_code == 0, result.output
    assert "content precision (lenient)" in result.stdout
    assert "1/2" in result.stdout and "negatives reported" in result.stdout


def test_cli_evaluate_explicit_negatives_and_labels(seed):
    labels = seed / "labels.jsonl"
    labels.write_text(json.dumps({"doc_id": "d", "content_spans": [[13, 29]], "stance": "denial",
                                  "speaker_name": "Smith"}) + "\n", encoding="utf-8")
    args = ["evaluate", str(seed / "pred.csv"), "--gold", str(seed), "--labels", str(labels), "--json"]
    scores = json.loads(CliRunner().invoke(app, args).stdout)
    assert scores["stance"]["accuracy"]["k"] == 0  # the labels file overrides the seed's own labels


@pytest.mark.parametrize(
    "pred, gold, message",
    [
        ("missing.csv", "d.gold.jsonl", "predictions file not found"),
        ("pred.csv", "nowhere", "gold not found"),
        ("d.txt", "d.gold.jsonl", "must be .csv or .jsonl"),
        ("pred.csv", "d.txt", "gold must be"),
    ],
)
def test_cli_evaluate_clear_errors(seed, pred, gold, message):
    result = CliRunner().invoke(app, ["evaluate", str(seed / pred), "--gold", str(seed / gold)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
