"""attribution bench --quotes: textacy's triples as rows, raises counted, both systems in one table."""

from __future__ import annotations

import importlib.util
import json

import pytest
import spacy
from typer.testing import CliRunner

from attribution.bench_quotes import guarded, triple_row
from attribution.cli.main import app

NO_TEXTACY = importlib.util.find_spec("textacy") is None
NO_TEXTACY_WHY = "textacy not installed: pip install --require-hashes --no-deps -r requirements-bench.lock"

TEXT = '"We will win this race," the senator has said on Monday.'
# A closed quote textacy can attribute, and an unclosed quotation mark textacy raises on.
GOLD = {
    "a": ('"We will win this race," the senator said on Monday.', "We will win this race,", "said", "the senator"),
    "b": ('The mayor said: "We are ready. And we will stay.', "We are ready. And we will stay.", "said", "The mayor"),
}


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


@pytest.mark.parametrize(
    "speaker, cue, expected_mention, expected_cue",
    [
        ((8, 9), (10, 11), "the senator", "has said"),  # token lists become the range that covers them
        ((9,), (11,), "senator", "said"),
        ((), (), None, None),  # nothing given: no span, no offsets
    ],
)
def test_bench_quotes_triple_row_keeps_offsets(blank, speaker, cue, expected_mention, expected_cue):
    doc = blank(TEXT)
    row = triple_row("d", "q001", TEXT, [doc[i] for i in speaker], [doc[i] for i in cue], doc[0:8])
    assert (row.quote_text, TEXT[row.quote_start : row.quote_end]) == ('"We will win this race,"',) * 2
    assert row.speaker_mention == (expected_mention or "")
    assert row.cue == (expected_cue or "")
    if expected_mention is None:
        assert (row.mention_start, row.cue_start) == (None, None)
    else:
        assert TEXT[row.mention_start : row.mention_end] == expected_mention
        assert TEXT[row.cue_start : row.cue_end] == expected_cue


@pytest.mark.parametrize(
    "bad, batch_size, expected_raised",
    [(set(), 2, 0), ({"b"}, 2, 1), ({"b"}, 1, 1), ({"a", "b", "c"}, 2, 3)],
)
def test_bench_quotes_guarded_counts_raises_and_keeps_the_rest(blank, bad, batch_size, expected_raised):
    docs = [blank(doc_id) for doc_id in "abc"]

    def extract(batch):
        if any(doc.text in bad for doc in batch):
            raise ValueError("unclosed quotation")
        return [(doc.text,) for doc in batch]  # stand-ins for rows

    rows, raised = guarded(extract, docs, batch_size)
    assert raised == expected_raised
    assert rows == [d for d in "abc" if d not in bad]


@pytest.fixture
def tiny_gold(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    for doc_id, (text, content, cue, source) in GOLD.items():
        (tmp_path / "text" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        spans = [("Content", content), ("Cue", cue), ("Source", source)]
        lines = [f"T{n}\t{label} {text.index(s)} {text.index(s) + len(s)}\t{s}" for n, (label, s) in enumerate(spans, 1)]
        lines.append("E1\tAttribution:T2 Content:T1 Cue:T2 Source:T3")
        (tmp_path / "attributions" / f"{doc_id}_x.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


@pytest.mark.slow
@pytest.mark.skipif(NO_TEXTACY, reason=NO_TEXTACY_WHY)
def test_bench_quotes_cli_prints_both_systems(tiny_gold):
    runner = CliRunner()
    table = runner.invoke(app, ["bench", "--quotes", str(tiny_gold)])
    assert table.exit_code == 0, table.output
    rows = {line.split()[0]: line for line in table.output.splitlines() if line.startswith(("attribution ", "textacy "))}
    assert set(rows) == {"attribution", "textacy"}
    assert rows["textacy"].endswith("on 1 of 2 articles")  # the unclosed quotation mark in "b"

    as_json = runner.invoke(app, ["bench", "--quotes", str(tiny_gold), "--json"])
    assert as_json.exit_code == 0, as_json.output
    systems = json.loads(as_json.output)["systems"]
    assert [s["system"].split()[0] for s in systems] == ["attribution", "textacy"]
    textacy = systems[1]["scores"]["content"]["lenient"]
    assert (textacy["matched"], textacy["gold"], systems[1]["raised"]) == (1, 2, 1)


def test_bench_quotes_without_textacy_says_how_to_install(tiny_gold, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_textacy(name, *args, **kwargs):
        if name.startswith("textacy"):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_textacy)
    result = CliRunner().invoke(app, ["bench", "--quotes", str(tiny_gold)])
    assert result.exit_code == 1
    assert "requirements-bench.lock" in result.output
