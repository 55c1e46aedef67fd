"""The shipped stance classifier on small sentences and on the seed article's gold spans."""

from __future__ import annotations

import json

import pytest

from attribution.resources import model_dir
from attribution.stance.classify import load_stance_model
from attribution.stance.inputs import format_input
from attribution.types import STANCES


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "cue", "expected"),
    [
        ("The ministry denied the allegations.", "the allegations", "denied", "denial"),
        ("A spokesman said the report was false and baseless.", "the report was false and baseless", "said", "denial"),
        ("The senator praised the deal as a historic achievement.", "the deal", "praised", "evaluation"),
        ('"This is a disgrace and a disaster for our country," he said.', "This is a disgrace and a disaster for our country,", "said", "evaluation"),
        ("The company said sales rose 5 percent in May.", "sales rose 5 percent in May", "said", "assertion"),
        ("Police said two people were arrested on Tuesday.", "two people were arrested on Tuesday", "said", "assertion"),
    ],
)
def test_classify_small_sentences(stance_input, text, content, cue, expected):
    (stance,) = load_stance_model().predict([stance_input(text, content, cue)])
    assert stance.label == expected
    assert 1 / len(STANCES) <= stance.score <= 1.0


@pytest.mark.slow
def test_classify_seed_article_from_gold_spans(seeds_dir):
    """Denials, evaluations and assertions of the seed, from its gold content and cue spans."""
    text = (seeds_dir / "duma-ratifies-dprk-treaty.txt").read_text(encoding="utf-8")
    gold = [json.loads(line) for line in (seeds_dir / "duma-ratifies-dprk-treaty.gold.jsonl").read_text().splitlines() if line]
    inputs = []
    for record in gold:
        start, end, cue = record["char_start"], record["char_end"], record["cue"]
        # the gold names the cue, not its offsets: take its occurrence nearest the content
        places = [i for i in range(len(text)) if text.startswith(cue, i) and not start <= i < end]
        cue_at = min(places, key=lambda i: start - i if i < start else i - end)
        inputs.append(format_input(text, [(start, end)], [(cue_at, cue_at + len(cue))]))
    predicted = load_stance_model().predict(inputs)
    wrong = [
        (r["quote_id"], r["stance"], p.label)
        for r, p in zip(gold, predicted)
        if r["required"] and p.label != r["stance"] and p.label not in r["stance_also_acceptable"]
    ]
    assert wrong == []


def test_classify_manifest_checked(tmp_path, monkeypatch):
    """A changed byte in a shipped file stops the load."""
    import shutil

    from attribution import resources
    from attribution.errors import ManifestMismatchError

    folder = model_dir("stance")
    copy = tmp_path / "stance"
    copy.mkdir()
    for name in ("MANIFEST.sha256", "labels.json", "config.json"):
        shutil.copy(folder / name, copy / name)
    for line in (folder / "MANIFEST.sha256").read_text().splitlines():
        name = line.split(maxsplit=1)[1]
        if not (copy / name).exists():
            (copy / name).symlink_to(folder / name)
    monkeypatch.setattr(resources, "MODELS_DIR", tmp_path)
    assert resources.model_dir("stance") == copy
    (copy / "labels.json").write_text('{"labels": ["assertion", "denial", "evaluation"], "temperature": 9}')
    with pytest.raises(ManifestMismatchError):
        resources.model_dir("stance")


@pytest.mark.parametrize(
    "lengths, batch_size, expected",
    [
        ([5, 40, 16, 17, 3], 8, [[4, 0, 2], [3], [1]]),  # widths 16, 16, 16 | 32 | 48
        ([10, 12, 14, 9], 2, [[0, 1], [2, 3]]),  # one width, cut at the batch size
        ([], 4, []),
    ],
)
def test_stance_width_batches_hold_one_padded_width_each(lengths, batch_size, expected):
    from attribution.stance.classify import PAD_MULTIPLE, width_batches

    batches = width_batches(lengths, batch_size)
    assert [sorted(b) for b in batches] == [sorted(b) for b in expected]
    for batch in batches:
        assert len({-(-lengths[i] // PAD_MULTIPLE) for i in batch}) == 1
