"""The seed article: every required quote's speaker and role, from its gold mention."""

from __future__ import annotations

import json
import re

import pytest

from attribution.speakers.resolve import resolve_speakers
from attribution.types import Quote, TextSpan

SEED = "duma-ratifies-dprk-treaty"


def _nearest(text: str, words: str, anchor: int) -> int:
    """The occurrence of `words` (as whole words) nearest the quote: gold gives mention text only."""
    starts = [m.start() for m in re.finditer(rf"\b{re.escape(words)}\b", text)]
    return min(starts, key=lambda s: abs(s - anchor))


@pytest.mark.slow
def test_seed_required_speakers_and_roles(nlp, seeds_dir):
    text = (seeds_dir / f"{SEED}.txt").read_text(encoding="utf-8")
    gold = [json.loads(line) for line in (seeds_dir / f"{SEED}.gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    quotes = []
    for g in gold:
        start = _nearest(text, g["speaker_mention"], g["char_start"])
        mention = TextSpan.of(text, start, start + len(g["speaker_mention"]))
        quotes.append(Quote(TextSpan.of(text, g["char_start"], g["char_end"]), g["quote_type"], None, mention))
    speakers = resolve_speakers(nlp(text), quotes)
    wrong = []
    for g, speaker in zip(gold, speakers):
        names = {g["speaker"], *g["speaker_aliases"]}
        types = {"organization", "country"} if g["speaker"] == "Russia" else {g["speaker_type"]}
        right = speaker.name in names and speaker.speaker_type in types and speaker.role == g["speaker_role"]
        if g["required"] and not right:
            wrong.append((g["quote_id"], speaker.name, speaker.speaker_type, speaker.role))
    assert wrong == []
