"""The span tagger: windows, BIO decoding, linking, manifest checks, and the shipped model on the seed."""

from __future__ import annotations

import json
import re

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from attribution.errors import ManifestMismatchError
from attribution.quotes import tagger as tagger_module
from attribution.quotes.spans import B, I, LAYERS, O, Piece, decode_layer, fill_holes, link, tag_spans, whole_words
from attribution.quotes.tagger import decode_document, length_batches
from attribution.quotes.windows import Window, pack_windows, sentence_token_ranges
from attribution.resources import write_manifest

WORD = re.compile(r"\w+|[^\w\s]")


def word_offsets(text: str) -> list[tuple[int, int]]:
    """A stand-in for subword offsets: one token per word or punctuation mark."""
    return [m.span() for m in WORD.finditer(text)]


def piece(text: str, words: str, occurrence: int = 0) -> Piece:
    """The span of the n-th whole-word occurrence of `words` in `text`."""
    found = list(re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", text))[occurrence]
    return Piece(found.start(), found.end(), 0.9)


# --- decoding one layer -------------------------------------------------------------------

TEXT = "One said he plan was done"
OFFSETS = [(0, 3), (4, 8), (9, 11), (12, 16), (17, 20), (21, 25)]


def decode_tags(tags, offsets=OFFSETS, text=TEXT):
    """Decode hand-made tags as if the model were certain of each."""
    return decode_layer(text, [float(t == B) for t in tags], [float(t == I) for t in tags], offsets)


@pytest.mark.parametrize(
    "tags, expected",
    [
        ([O, O, O, O, O, O], []),
        ([B, I, I, O, O, O], [(0, 11)]),
        ([O, O, O, O, B, I], [(17, 25)]),  # a span running to the end is closed
        ([B, I, B, I, O, O], [(0, 8), (9, 16)]),  # B right after I starts a new span
        ([O, I, I, O, O, O], [(4, 11)]),  # I after O is read as a start
        ([B, O, B, O, B, O], [(0, 3), (9, 11), (17, 20)]),
    ],
)
def test_tagger_decode_layer_reads_bio(tags, expected):
    assert [(p.start, p.end) for p in decode_tags(tags)] == expected


@pytest.mark.parametrize(
    "begin, inside, expected",
    [
        ([0.2, 0.3, 0.4, 0.0, 0.0, 0.0], [0.0, 0.3, 0.1, 0.0, 0.0, 0.0], [(4, 11)]),  # B + I above 0.3 is inside
        ([0.9, 0.4, 0.6, 0.0, 0.0, 0.0], [0.1, 0.6, 0.4, 0.0, 0.0, 0.0], [(0, 11)]),  # a hesitant B does not split
        ([0.9, 0.0, 0.8, 0.0, 0.0, 0.0], [0.1, 0.9, 0.2, 0.0, 0.0, 0.0], [(0, 8), (9, 11)]),  # a clear B splits
        ([0.1, 0.1, 0.1, 0.1, 0.1, 0.1], [0.1, 0.1, 0.1, 0.1, 0.1, 0.1], []),
    ],
)
def test_tagger_decode_layer_reads_probabilities(begin, inside, expected):
    assert [(p.start, p.end) for p in decode_layer(TEXT, begin, inside, OFFSETS)] == expected


def test_tagger_decode_layer_scores_are_span_means():
    pieces = decode_layer(TEXT, [0.8, 0.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.6, 0.0, 0.0, 0.0, 0.0], OFFSETS)
    assert pieces[0].score == pytest.approx(0.7)


@pytest.mark.parametrize(
    "text, start, end, expected",
    [
        ("unregulated money", 2, 5, (0, 11)),  # a subword piece widens to its word
        ("unregulated money", 0, 11, (0, 11)),
        ("“self-vigilant”", 1, 5, (1, 5)),  # punctuation is a word edge
        ("the nation's", 4, 8, (4, 10)),
        ('said, "It is over",', 4, 19, (6, 18)),  # separators at the edges are dropped
        (",", 0, 1, (0, 1)),  # a span is never emptied
    ],
)
def test_tagger_whole_words(text, start, end, expected):
    assert whole_words(text, start, end) == expected


@pytest.mark.parametrize(
    "text, runs, blockers, expected",
    [
        ("he said the plan is, in short, dead", ["the plan is", "dead"], [], ["the plan is, in short, dead"]),
        ("the plan is.\nAnother day, it was dead", ["the plan is", "it was dead"], [], ["the plan is", "it was dead"]),
        ("“the plan,” he said, “is dead”", ["“the plan,”", "“is dead”"], ["said"], ["“the plan,”", "“is dead”"]),
        (
            "the plan is dead and nobody at all in the whole wide world would ever bring it back to life",
            ["the plan is dead", "back to life"],
            [],
            ["the plan is dead", "back to life"],
        ),
    ],
)
def test_tagger_fill_holes_joins_short_gaps_only(text, runs, blockers, expected):
    joined = fill_holes(text, [piece(text, r) for r in runs], [piece(text, b) for b in blockers])
    assert [text[p.start : p.end] for p in joined] == expected


@pytest.mark.parametrize(
    "spans, expected_tags",
    [
        ([], [O, O, O, O, O, O]),
        ([(4, 16)], [O, B, I, I, O, O]),
        ([(4, 8), (9, 16)], [O, B, B, I, O, O]),  # adjacent spans stay apart
        ([(0, 25), (9, 16)], [B, I, I, I, I, I]),  # a nested span never cuts its outer span
        ([(5, 10)], [O, B, I, O, O, O]),  # spans ending inside a token take the whole token
    ],
)
def test_tagger_tag_spans_lays_bio(spans, expected_tags):
    assert tag_spans(OFFSETS, spans) == expected_tags


@given(st.lists(st.sampled_from([O, B, I]), min_size=1, max_size=40))
def test_tagger_decode_then_tag_is_stable(tags):
    offsets = [(4 * i, 4 * i + 3) for i in range(len(tags))]
    text = "abc " * len(tags)
    pieces = decode_tags(tags, offsets, text)
    retagged = tag_spans(offsets, [(p.start, p.end) for p in pieces])
    again = decode_tags(retagged, offsets, text)
    assert again == pieces
    assert all(a.end <= b.start for a, b in zip(pieces, pieces[1:]))


# --- linking ------------------------------------------------------------------------------


def test_tagger_link_joins_content_split_around_its_cue():
    text = "“The plan,” he said, “is dead.” Later news came."
    found = link(
        text,
        [piece(text, "“The plan,”"), piece(text, "“is dead.”")],
        [piece(text, "said")],
        [piece(text, "he")],
        [0, text.index("Later")],
    )
    assert len(found) == 1
    assert [c.text for c in found[0].content] == ["“The plan,”", "“is dead.”"]
    assert found[0].cue.text == "said" and found[0].source.text == "he"


def test_tagger_link_keeps_two_quotes_with_two_cues_apart():
    text = "Smith said taxes rose sharply. Jones said they fell again."
    found = link(
        text,
        [piece(text, "taxes rose sharply"), piece(text, "they fell again")],
        [piece(text, "said"), piece(text, "said", 1)],
        [piece(text, "Smith"), piece(text, "Jones")],
        [0, text.index("Jones")],
    )
    assert [(f.content[0].text, f.cue.start, f.source.text) for f in found] == [
        ("taxes rose sharply", text.index("said"), "Smith"),
        ("they fell again", text.index("said", text.index("Jones")), "Jones"),
    ]


def test_tagger_link_nested_cue_and_source_belong_to_the_inner_quote():
    text = "Smith said that Jones claimed taxes rose sharply."
    outer, inner = piece(text, "Jones claimed taxes rose sharply"), piece(text, "taxes rose sharply")
    found = link(
        text,
        [outer, inner],
        [piece(text, "said"), piece(text, "claimed")],
        [piece(text, "Smith"), piece(text, "Jones")],
        [0],
    )
    by_content = {f.content[0].text: (f.cue.text, f.source.text) for f in found}
    assert by_content == {"Jones claimed taxes rose sharply": ("said", "Smith"), "taxes rose sharply": ("claimed", "Jones")}


@pytest.mark.parametrize(
    "text, linked",
    [
        ("He said it. Then it rained. Taxes rose sharply.", False),  # two sentences away: dropped
        ("He said it. Taxes rose sharply.", True),  # adjacent sentence
    ],
)
def test_tagger_link_cue_only_within_adjacent_sentences(text, linked):
    starts = [0] + [m.end() + 1 for m in re.finditer(r"\.", text)][:-1]
    found = link(text, [piece(text, "Taxes rose sharply")], [piece(text, "said")], [], starts)
    assert [f.cue.text for f in found] == (["said"] if linked else [])
    assert all(f.source is None for f in found)


@pytest.mark.parametrize(
    "content, kept",
    [("no", False), ("taxes up", False), ("taxes rose sharply", True)],
)
def test_tagger_link_drops_fragments(content, kept):
    text = f"He said {content}."
    found = link(text, [piece(text, content)], [piece(text, "said")], [piece(text, "He")], [0])
    assert len(found) == int(kept)


def test_tagger_link_takes_no_punctuation_for_a_source():
    text = "Smith, a survivor, made a call for racial unity."
    comma = Piece(text.index(", made"), text.index(", made") + 1, 0.9)  # nearer the cue than "Smith"
    found = link(text, [piece(text, "racial unity")], [piece(text, "made a call for")], [comma, piece(text, "Smith")], [0])
    assert found[0].source.text == "Smith"


def test_tagger_link_spans_match_the_text():
    text = "“No way,” she said, “never again.”"
    found = link(text, [piece(text, "“No way,”"), piece(text, "“never again.”")], [piece(text, "said")], [piece(text, "she")], [0])
    spans = [*found[0].content, found[0].cue, found[0].source]
    assert all(text[s.start : s.end] == s.text for s in spans)


# --- windows ------------------------------------------------------------------------------


@given(st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=30), st.integers(min_value=1, max_value=25))
def test_tagger_windows_cover_every_token_once(sentence_lengths, max_tokens):
    ranges, cursor = [], 0
    for n in sentence_lengths:
        ranges.append((cursor, cursor + n))
        cursor += n
    windows = pack_windows(ranges, max_tokens)
    assert windows[0][0] == 0 and windows[-1][1] == cursor
    assert all(a[1] == b[0] for a, b in zip(windows, windows[1:]))
    assert all(0 < b - a <= max_tokens for a, b in windows)


def test_tagger_windows_never_split_a_sentence_that_fits():
    ranges = [(0, 4), (4, 9), (9, 12)]
    assert pack_windows(ranges, 9) == [(0, 9), (9, 12)]
    assert pack_windows(ranges, 8) == [(0, 4), (4, 12)]


def test_tagger_sentence_token_ranges_follow_first_characters():
    text = "He left. She came back."
    offsets = word_offsets(text)
    assert sentence_token_ranges(offsets, [0, text.index("She")]) == [(0, 3), (3, 7)]


def test_tagger_decode_document_joins_a_span_across_windows():
    text = "He said the plan is dead now."
    offsets = word_offsets(text)
    cut = 4  # window edge inside the content "the plan is dead"
    tags = {"content": [O, O, B, I, I, I, O, O], "cue": [O, B, O, O, O, O, O, O], "source": [B, O, O, O, O, O, O, O]}
    probs = torch.zeros(len(offsets), len(LAYERS), 3)
    for k, layer in enumerate(LAYERS):
        probs[torch.arange(len(offsets)), k, torch.tensor(tags[layer])] = 1.0
    windows = [Window(tuple(range(cut)), tuple(offsets[:cut])), Window(tuple(range(cut, len(offsets))), tuple(offsets[cut:]))]
    found = decode_document(text, [0], windows, [probs[:cut], probs[cut:]])
    assert len(found) == 1
    assert found[0].content[0].text == "the plan is dead"
    assert (found[0].cue.text, found[0].source.text) == ("said", "He")
    assert found[0].confidence == pytest.approx(1.0)


def test_tagger_length_batches_group_all_indices_within_budget():
    lengths = [5, 200, 7, 120, 6, 250]
    batches = length_batches(lengths, batch_tokens=300)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert all(max(lengths[i] + 2 for i in b) * len(b) <= 300 or len(b) == 1 for b in batches)


# --- loading ------------------------------------------------------------------------------


def test_tagger_manifest_mismatch_raises(tmp_path, monkeypatch):
    folder = tmp_path / "quotes"
    folder.mkdir()
    (folder / "labels.json").write_text(json.dumps({"layers": list(LAYERS)}), encoding="utf-8")
    (folder / "model.safetensors").write_bytes(b"weights")
    write_manifest(folder)
    (folder / "model.safetensors").write_bytes(b"tampered")
    monkeypatch.setattr("attribution.resources.MODELS_DIR", tmp_path)
    tagger_module.load_tagger.cache_clear()
    try:
        with pytest.raises(ManifestMismatchError):
            tagger_module.load_tagger()
    finally:
        tagger_module.load_tagger.cache_clear()


@pytest.mark.slow
def test_tagger_finds_the_seed_quotes(nlp, seeds_dir):
    from attribution.resources import has_model

    if not has_model("quotes"):
        pytest.skip("models/quotes is not built (attribution train quotes)")
    text = (seeds_dir / "duma-ratifies-dprk-treaty.txt").read_text(encoding="utf-8")
    gold = [json.loads(line) for line in (seeds_dir / "duma-ratifies-dprk-treaty.gold.jsonl").read_text().splitlines() if line]
    [found] = tagger_module.tag_documents([nlp(text)])
    spans = [(f.start, f.end) for f in found]
    required = [g for g in gold if g["required"]]
    hit = [g for g in required if any(s < g["char_end"] and g["char_start"] < e for s, e in spans)]
    assert len(hit) >= 0.8 * len(required)
    for f in found:
        assert all(text[c.start : c.end] == c.text for c in f.content)
        assert 0.0 <= f.confidence <= 1.0


@pytest.mark.slow
def test_tagger_empty_and_odd_documents(nlp):
    from attribution.resources import has_model

    if not has_model("quotes"):
        pytest.skip("models/quotes is not built (attribution train quotes)")
    docs = [nlp(""), nlp("   \n\n  "), nlp("“”“ ” ,,, —")]
    assert all(isinstance(found, list) for found in tagger_module.tag_documents(docs))
    assert tagger_module.tag_documents([]) == []


@pytest.mark.slow
def test_tagger_int8_runs_outside_bfloat16_autocast(monkeypatch):
    from attribution.resources import has_model, inference_dtype

    if not has_model("quotes"):
        pytest.skip("models/quotes is not built (attribution train quotes)")
    monkeypatch.setenv("ATTRIBUTION_PRECISION", "auto")
    monkeypatch.setattr("attribution.resources.cpu_has_bfloat16", lambda: True)  # autocast on any CPU
    inference_dtype.cache_clear()
    monkeypatch.setattr(tagger_module, "load_tagger", tagger_module.load_tagger.__wrapped__)  # a fresh model
    text = "The minister said that the plan was working."
    [[found]] = tagger_module.load_tagger(quantize=True).tag([text], [[0]])
    assert found.cue.text == "said"
    inference_dtype.cache_clear()
