"""The model card renders every section from its record."""

from __future__ import annotations

from attribution.train.model_card import ModelCard, render_card, write_card

CARD = ModelCard(
    name="demo",
    summary="A demo model.",
    intended_use="Tests.",
    data="None.",
    recipe=(("epochs", "1"),),
    scores_title="Scores on nothing",
    scores=(("F1", "0.5"),),
    size="1 MB.",
    speed="Fast.",
    weaknesses=("Knows nothing.",),
    reproduce="make demo",
)


def test_model_card_renders_all_sections():
    text = render_card(CARD)
    for heading in ("# demo", "## Intended use", "## Training data", "## Recipe", "## Scores on nothing", "## Size and speed", "## Known weaknesses", "## Reproduce", "## Licence"):
        assert heading in text
    assert "| epochs | 1 |" in text and "- Knows nothing." in text


def test_model_card_without_weaknesses_or_reproduce_leaves_them_out(tmp_path):
    bare = ModelCard(**{**CARD.__dict__, "weaknesses": (), "reproduce": ""})
    text = write_card(tmp_path, bare).read_text(encoding="utf-8")
    assert "## Reproduce" not in text and "- Knows nothing." not in text
