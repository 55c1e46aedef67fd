"""Hostile text through the real pipeline and CLI: no crash, rows only where a quote is, and every
row keeps the spec's invariants (text[start:end] == quote_text, likewise cue and mention)."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from attribution.cli.main import app
from attribution.ingest import read_documents
from attribution.io.csv import neutralise
from attribution.pipeline import Pipeline
from attribution.types import Document
from invariants import assert_invariants

pytestmark = pytest.mark.slow

PARAGRAPH = '"Our plan, step {}, is to keep the roads open and the schools running through the winter'
TWENTY_PARAGRAPHS = "\n\n".join(PARAGRAPH.format(n) for n in range(1, 21))  # opening marks only, as newspapers do
LONG_QUOTE = "The mayor said on Monday:\n\n" + TWENTY_PARAGRAPHS + '."\n\nThe council did not reply.'

SCRIPT = 'var note = "He said the launch is secret"; document.write("<p>“Injected,” the hacker said.</p>");'
PAGE = f"""<!DOCTYPE html><html><head><script>{SCRIPT}</script></head><body>
<article><h1>Vote fails</h1>
<p>“We will fight on,” the senator said on Tuesday after the vote in the chamber failed.</p>
<script>{SCRIPT}</script>
<p>The bill failed by three votes, according to officials who spoke to reporters.</p></article>
<noscript>Officials said JavaScript is off.</noscript></body></html>"""


def extract_one(text: str):
    (result,) = Pipeline().run([Document("hostile", text)])
    assert result.error is None, result.error
    assert_invariants(text, result.attributions)
    return result.attributions


# --- quotation marks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, found",
    [
        ('The minister said "we will not resign. Then she left the room.', "we will not resign"),  # never closed
        ('We will not resign," the minister said. Reporters waited.', "We will not resign"),  # never opened
        ("He said 'she told me “no”' today.", "she told me “no”"),  # nested, two styles
        ('"We will win," the senator said. ' + '"' * 1_000, "We will win,"),  # a run of marks after a quote
        ('"' * 300 + " '' `` «» “” ‘ ’ „ " * 20, None),  # marks, no words: no row
        ('Hello there." And then" he left "the', None),  # stray marks, no speech
    ],
)
def test_hostile_quotation_marks(text, found):
    rows = extract_one(text)
    if found is None:
        assert rows == ()
    else:
        assert any(found in row.quote_text for row in rows), rows


@pytest.mark.xfail(strict=True, reason="quotes/marks.py: a second “ inside an open “…” drops the outer quote")
def test_hostile_nested_same_style_marks_keep_the_outer_quote():
    text = "“He said ‘she told me “no”’ today,” the witness told the court."
    rows = extract_one(text)
    assert [(r.quote_text, r.speaker_mention) for r in rows] == [("He said ‘she told me “no”’ today,", "the witness")]


def test_hostile_quote_twenty_paragraphs_long_is_one_row():
    rows = extract_one(LONG_QUOTE)
    assert len(rows) == 1
    (row,) = rows
    assert row.quote_text.startswith("Our plan, step 1,") and row.quote_text.rstrip(".").endswith("step 20, is to keep the roads open and the schools running through the winter")
    assert row.quote_text.count("\n\n") == 19
    assert row.speaker_mention == "The mayor"


# --- other languages ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, quoted",
    [
        ("„Wir werden weiterkämpfen“, sagte die Senatorin am Dienstag. Die Opposition widersprach.", "Wir werden weiterkämpfen"),
        ("« Nous ne céderons pas », a déclaré le ministre mardi. L’opposition a protesté.", "Nous ne céderons pas"),
        ("«Мы не отступим», — заявил министр во вторник. Оппозиция возразила.", "Мы не отступим"),
        ("外交部发言人表示：“我们将继续推动对话。”他还说，局势稳定。", "我们将继续推动对话。"),
        ("قال وزير الخارجية إن «الحوار سيستمر» يوم الثلاثاء.", "الحوار سيستمر"),
        ("Le temps est beau aujourd'hui à Paris, et les marchés sont ouverts.", None),  # no quote: no row
        ("الطقس جميل اليوم في القاهرة والأسواق مفتوحة.", None),
        ("今天北京天气很好，市场照常开放。", None),
    ],
)
def test_hostile_other_languages_rows_only_where_quoted(text, quoted):
    rows = extract_one(text)
    if quoted is None:
        assert rows == ()
        return
    start = text.index(quoted)
    for row in rows:  # the English pipeline may miss a foreign quote, but a row it gives is that quote
        assert row.quote_start < start + len(quoted) and row.quote_end > start, row


# --- HTML --------------------------------------------------------------------------------------


def test_hostile_html_script_never_reaches_rows(tmp_path):
    path = tmp_path / "vote.html"
    path.write_text(PAGE, encoding="utf-8")
    (document,) = read_documents([str(path)])
    for hidden in ("launch is secret", "Injected", "hacker", "document.write", "JavaScript"):
        assert hidden not in document.text
    rows = extract_one(document.text)
    assert any(row.quote_text.startswith("We will fight on") for row in rows), rows


def test_hostile_batch_through_the_cli(tmp_path):
    texts = {
        "long.txt": LONG_QUOTE,
        "nested.txt": "He said 'she told me “no”' today.",
        "french.txt": "« Nous ne céderons pas », a déclaré le ministre mardi.",
        "unbalanced.txt": 'The minister said "we will not resign. Then she left the room.',
    }
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "vote.html").write_text(PAGE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    out, errors = tmp_path / "rows.csv", tmp_path / "failed.csv"
    result = CliRunner().invoke(app, ["extract", str(folder), "-o", str(out), "--errors", str(errors)])
    assert result.exit_code == 3, result.output
    assert result.stderr.splitlines()[0].startswith("6 documents, ") and result.stderr.splitlines()[0].endswith(" 1 failed")
    assert [(r["doc_id"], r["error"]) for r in csv.DictReader(io.StringIO(errors.read_text(encoding="utf-8")))] == [("empty", "EmptyDocumentError")]
    ingested = {d.doc_id: d.text for d in read_documents([str(folder)]) if isinstance(d, Document)}
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert {r["doc_id"] for r in rows} >= {"long", "vote"}
    for row in rows:
        text = ingested[row["doc_id"]]
        assert neutralise(text[int(row["quote_start"]) : int(row["quote_end"])]) == row["quote_text"]
        assert "secret" not in row["quote_text"] and "hacker" not in row["speaker_mention"]
