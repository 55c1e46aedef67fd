"""attribution.io.csv: header, RFC 4180 quoting, formula neutralisation, deterministic bytes."""

from __future__ import annotations

import csv
import io

import pytest

from attribution.io.csv import CsvWriter, neutralise, to_cell
from attribution.types import COLUMNS, Attribution


def make_row(**changes) -> Attribution:
    values = dict(
        doc_id="d1", quote_id="q001", quote_type="direct", quote_text="We will fight on,", quote_start=1,
        quote_end=18, cue="said", cue_start=31, cue_end=35, speaker="", speaker_type="unnamed",
        speaker_role="", speaker_mention="the senator", mention_start=19, mention_end=30,
        stance="assertion", stance_score=0.91,
    )
    values.update(changes)
    return Attribution(**values)


def write(rows, **options) -> str:
    handle = io.StringIO(newline="")
    writer = CsvWriter(handle, **options)
    for row in rows:
        writer.write(row)
    return handle.getvalue()


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+44 20 7946", "'+44 20 7946"),
        ("-1 said the bank", "'-1 said the bank"),
        ("@handle said", "'@handle said"),
        ("\tindented", "'\tindented"),
        ("\rcarriage", "'\rcarriage"),
        # negatives: ordinary text, and signs that are not at the start
        ("He said so.", "He said so."),
        ("", ""),
        ("a=b", "a=b"),
        (" =x", " =x"),
        ("'quoted'", "'quoted'"),
    ],
)
def test_csv_neutralise(value, expected):
    assert neutralise(value) == expected


@pytest.mark.parametrize("value, raw, expected", [(None, False, ""), (-3, False, -3), (0.5, False, 0.5), ("=x", True, "=x"), ("=x", False, "'=x")])
def test_csv_to_cell(value, raw, expected):
    assert to_cell(value, raw) == expected


def test_csv_header_and_crlf():
    text = write([make_row()])
    lines = text.split("\r\n")
    assert lines[0] == ",".join(COLUMNS)
    assert lines[1].startswith("d1,q001,direct,\"We will fight on,\",1,18,said,31,35,,unnamed,,the senator,19,30,assertion,0.91")
    assert lines[2] == "" and "\n" not in text.replace("\r\n", "")


def test_csv_none_offsets_are_empty_cells():
    text = write([make_row(cue="", cue_start=None, cue_end=None)])
    row = next(csv.DictReader(io.StringIO(text, newline="")))
    assert (row["cue"], row["cue_start"], row["cue_end"]) == ("", "", "")


TRICKY_TEXTS = ['He said "no", twice.', "line one\nline two", "crlf\r\ninside", "comma, and \"quote\"", "", " spaces ", "тест 北京 🙂"]


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_csv_rfc4180_round_trip(text):
    written = write([make_row(quote_text=text, speaker=text)])
    header, row = list(csv.reader(io.StringIO(written, newline="")))
    assert header == list(COLUMNS)
    assert row[COLUMNS.index("quote_text")] == text and row[COLUMNS.index("speaker")] == text


def test_csv_formula_cells_neutralised_by_default_and_raw_on_request():
    row = make_row(quote_text="=HYPERLINK(\"http://x\")", speaker="@evil", speaker_mention="-2")
    for raw, prefix in ((False, "'"), (True, "")):
        parsed = list(csv.DictReader(io.StringIO(write([row], raw=raw), newline="")))[0]
        assert parsed["quote_text"] == prefix + '=HYPERLINK("http://x")'
        assert parsed["speaker"] == prefix + "@evil"
        assert parsed["speaker_mention"] == prefix + "-2"
        assert parsed["quote_start"] == "1"  # numbers are never touched


def test_csv_same_rows_same_bytes():
    rows = [make_row(quote_id=f"q{n:03d}", stance_score=n / 7) for n in range(1, 5)]
    assert write(rows) == write(list(rows))


def test_csv_custom_columns():
    assert write([make_row()], columns=("doc_id", "stance")) == "doc_id,stance\r\nd1,assertion\r\n"
