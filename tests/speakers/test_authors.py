"""The writer as the "I" of the narration: an op-ed's closing tagline, a letter's signature."""

from __future__ import annotations

import pytest

OP_ED = (
    "Political pundits are shocked that Donald Trump is leading in the polls.\n\n"
    "I know Donald Trump personally, and I think he will win.\n\n"
    "Voters want new ideas.\n\n"
    "Rick Scott is the Republican governor of Florida."
)
LETTERS = (
    "When Trump undermines confidence in the election, I am glad journalists point this out.\n\n"
    "Richard Hays Powell.\n\n"
    "Gainesville, Fla.\n\n"
    "I think young voters are too smart to vote for him.\n\n"
    "Ken Kenjo."
)
OP_ED_WITH_TITLE = (
    "This weekend's debate gave Democrats much to be proud of.\n\n"
    "I look forward to our debates and to the conversations that matter to voters.\n\n"
    "Rep. Debbie Wasserman Schultz, D-Fla., chairs the Democratic National Committee."
)
WRITERS = [
    # a title before the name, and a job said by a verb other than "is"
    (OP_ED_WITH_TITLE, "I", 1, ("Debbie Wasserman Schultz", "person", "chairs the Democratic National Committee")),
    # a last line that tells what someone did is news, not a tagline
    ("I think the race is close.\n\nRick Scott signed the bill on Tuesday.", "I", 1, ("", "unnamed", "")),
    ("I think the race is close.\n\nIn Ohio, Rick Scott is the favourite.", "I", 1, ("", "unnamed", "")),
    (OP_ED, "I", 2, ("Rick Scott", "person", "Republican governor of Florida")),
    (LETTERS, "I", 1, ("Richard Hays Powell", "person", "")),
    # each letter is its own writer's
    (LETTERS, "I", 2, ("Ken Kenjo", "person", "")),
    # no tagline and no signature: the writer stays unnamed
    ("I think the race is close.\n\nThe vote is on Tuesday.", "I", 1, ("", "unnamed", "")),
    # a last line about someone who is not the subject is no tagline
    ("I think the race is close.\n\nThe vote is on Tuesday, Rick Scott said.", "I", 1, ("", "unnamed", "")),
]


@pytest.mark.slow
@pytest.mark.parametrize("text, mention, occurrence, expected", WRITERS)
def test_writer_of_the_narration(speaker_of, text, mention, occurrence, expected):
    assert speaker_of(text, mention, occurrence) == expected


@pytest.mark.slow
def test_writer_is_found_once_per_document_not_once_per_pronoun(nlp):
    """Each narrator's "I" must not rescan the whole text: a 300-paragraph op-ed with an "I" in
    every paragraph resolves in a fraction of the time a scan per pronoun took (over a minute)."""
    import time

    from attribution.speakers.resolve import resolve_speakers
    from attribution.types import Quote, TextSpan

    paragraph = "I think plan {} will fail."
    text = "\n\n".join(paragraph.format(i) for i in range(300)) + "\n\nRick Scott is the Republican governor of Florida."
    doc = nlp(text)
    starts = [i for i in range(len(text)) if text.startswith("I think", i)]
    quotes = [Quote(TextSpan.of(text, s + 8, s + 8 + len("plan 0 will fail")), "indirect", None, TextSpan.of(text, s, s + 1)) for s in starts]
    began = time.process_time()
    speakers = resolve_speakers(doc, quotes)
    assert time.process_time() - began < 10
    assert {s.name for s in speakers} == {"Rick Scott"}
