"""The output spec's row invariants, shared by the property and hostile-input tests."""

from __future__ import annotations


def assert_invariants(text: str, rows) -> None:
    """Offsets are sacred: every span's text is the document's own characters; labels are the spec's."""
    for row in rows:
        assert text[row.quote_start : row.quote_end] == row.quote_text
        if row.cue_start is not None:
            assert text[row.cue_start : row.cue_end] == row.cue
        if row.mention_start is not None:
            assert text[row.mention_start : row.mention_end] == row.speaker_mention
        assert row.quote_type in ("direct", "indirect", "mixed")
        assert row.stance in ("assertion", "denial", "evaluation") and 0.0 <= row.stance_score <= 1.0
