"""A model folder's README.md (model card), written from a record so every shipped model reads alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

CARD = "README.md"


@dataclass(frozen=True)
class ModelCard:
    name: str
    summary: str
    intended_use: str
    data: str
    recipe: tuple[tuple[str, str], ...]  # (setting, value) rows
    scores_title: str
    scores: tuple[tuple[str, str], ...]  # (measure, value) rows
    size: str
    speed: str
    weaknesses: tuple[str, ...]
    licence: str = "Base encoder: sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)."
    reproduce: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)


def _table(header: tuple[str, str], rows: Sequence[tuple[str, str]]) -> list[str]:
    lines = [f"| {header[0]} | {header[1]} |", "|---|---|"]
    lines += [f"| {a} | {b} |" for a, b in rows]
    return lines


def render_card(card: ModelCard) -> str:
    lines = [f"# {card.name}", "", card.summary, "", "## Intended use", "", card.intended_use, ""]
    lines += ["## Training data", "", card.data, "", "## Recipe", ""]
    lines += _table(("setting", "value"), card.recipe)
    lines += ["", f"## {card.scores_title}", ""]
    lines += _table(("measure", "value"), card.scores)
    lines += ["", "## Size and speed", "", card.size, "", card.speed, ""]
    lines += ["## Known weaknesses", ""] + [f"- {w}" for w in card.weaknesses] + [""]
    if card.notes:
        lines += ["## Notes", ""] + [f"- {n}" for n in card.notes] + [""]
    if card.reproduce:
        lines += ["## Reproduce", "", "```", card.reproduce, "```", ""]
    lines += ["## Licence", "", card.licence, ""]
    return "\n".join(lines)


def write_card(folder: Path, card: ModelCard) -> Path:
    path = folder / CARD
    path.write_text(render_card(card), encoding="utf-8")
    return path
