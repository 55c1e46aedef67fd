from __future__ import annotations

import csv
import json

import pytest

from attribution.errors import EvaluationFormatError, InputError, UnsupportedFormatError
from attribution.evaluate.predictions import read_predictions, unguard
from attribution.evaluate.scores import evaluate
from attribution.types import COLUMNS


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("'=SUM(A1)", "=SUM(A1)"),
        ("'+7", "+7"),
        ("'-5 percent", "-5 percent"),
        ("'@home", "@home"),
        ("'\tx", "\tx"),
        ("'Tis the season", "'Tis the season"),  # not a guard: nothing to undo
        ("'", "'"),
        ("", ""),
        ("Trump", "Trump"),
    ],
)
def test_predictions_unguard(cell, expected):
    assert unguard(cell) == expected


def _write_csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in COLUMNS})


def test_predictions_csv_formula_guard_stripped_and_offsets_kept(tmp_path, make_gold):
    text = "He said -5 percent is =bad and left."
    path = tmp_path / "pred.csv"
    _write_csv(
        path,
        [
            dict(doc_id="a", quote_id="q001", quote_type="indirect", quote_text="'-5 percent is =bad",
                 quote_start=8, quote_end=27, cue="said", cue_start=3, cue_end=7, speaker="'=Evil Corp",
                 speaker_mention="He", mention_start=0, mention_end=2, stance="assertion", stance_score="0.9"),
        ],
    )
    [row] = read_predictions(path)
    assert (row.speaker, row.quote_text) == ("=Evil Corp", "-5 percent is =bad")
    assert (row.quote_start, row.quote_end, row.cue_start, row.mention_end, row.stance_score) == (8, 27, 3, 2, 0.9)
    scores = evaluate([row], make_gold(text, [[(8, 27)]]))
    assert scores.strict.matched == 1


def test_predictions_csv_blank_offsets_become_none(tmp_path):
    path = tmp_path / "pred.csv"
    _write_csv(path, [dict(doc_id="a", quote_start="1.0", quote_end="5")])
    [row] = read_predictions(path)
    assert (row.quote_start, row.cue_start, row.mention_start, row.stance_score) == (1, None, None, 0.0)


def test_predictions_jsonl_raw_text(tmp_path):
    path = tmp_path / "pred.jsonl"
    record = {c: None for c in COLUMNS} | dict(doc_id="a", quote_start=0, quote_end=4, speaker="'=raw", cue_start=2)
    path.write_text(json.dumps(record) + "\n\n", encoding="utf-8")
    [row] = read_predictions(path)
    assert (row.speaker, row.cue_start, row.cue_end) == ("'=raw", 2, None)  # JSONL is never guarded


@pytest.mark.parametrize(
    "name, content, error",
    [
        ("pred.txt", "x", UnsupportedFormatError),
        ("pred.jsonl", "{not json\n", EvaluationFormatError),
        ("pred.jsonl", '{"doc_id": "a"}\n', EvaluationFormatError),
        ("pred.jsonl", '{"doc_id": "a", "quote_start": 1.5, "quote_end": 3}\n', EvaluationFormatError),
        ("pred.csv", "doc_id,quote_start,quote_end\na,x,3\n", EvaluationFormatError),
    ],
)
def test_predictions_bad_files_raise_named_errors(tmp_path, name, content, error):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(error):
        read_predictions(path)


def test_predictions_missing_file(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_predictions(tmp_path / "nope.csv")
