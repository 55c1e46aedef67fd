"""The detector: the rules' rows (tagger off, so each rule is tested on its own), and the rules
with the tagger on the seed article's gold."""

from __future__ import annotations

import json

import pytest

from attribution.evaluate.matching import LENIENT, AlnumIndex, match_spans
from attribution.quotes.detect import _past_dateline, _without_raised_subject, detect_quotes
from attribution.types import Quote, TextSpan

pytestmark = pytest.mark.slow

SEED = "duma-ratifies-dprk-treaty"


def rows(nlp, text: str) -> list[tuple]:
    (quotes,) = detect_quotes([nlp(text)], tagger=False)
    return [
        (q.content.text, q.quote_type, q.cue.text, q.source_mention.text if q.source_mention else None)
        for q in quotes
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a direct quote and the same cue's complement are one row: the quote
        ('He added, "This treaty aims to counter the growing threat."', [("This treaty aims to counter the growing threat.", "direct", "added", "He")]),
        # ... unless the complement reports more than the quoted words
        (
            'He said the treaty "is clearly defensive" and aimed at nobody.',
            [('the treaty "is clearly defensive" and aimed at nobody', "mixed", "said", "He")],
        ),
        # a quote split around its cue is one row, from its first piece to its last
        (
            "“I’m not worried,” he said, “because the voters know us.”",
            [("I’m not worried,” he said, “because the voters know us.", "direct", "said", "he")],
        ),
        # ... and so is a reported clause split around its cue, which its content then holds
        (
            "Freeing her husband, he promised, was one of his top priorities.",
            [("Freeing her husband, he promised, was one of his top priorities", "indirect", "promised", "he")],
        ),
        # an indirect piece and a quoted one of the same cue are one row, mixed
        (
            'He pledged to oppose legal status for undocumented immigrants, "today, tomorrow, forever."',
            [('to oppose legal status for undocumented immigrants, "today, tomorrow, forever.', "mixed", "pledged", "He")],
        ),
        # a partial quote in reported speech, then a full sentence of the same speaker: one row
        (
            'Biden "has a lot of roles to play," said Doyle. "He deservedly has that appeal."',
            [('Biden "has a lot of roles to play," said Doyle. "He deservedly has that appeal.', "mixed", "said", "Doyle")],
        ),
        # a participle after the quote is a second attribution of the same speaker
        (
            'He added, "This treaty aims to counter the West," explaining that it was needed.',
            [
                ("This treaty aims to counter the West,", "direct", "added", "He"),
                ("that it was needed", "indirect", "explaining", "He"),
            ],
        ),
        # nested cues are not rows of their own: inside a quote, or inside another content
        ('"I think we will win," she said.', [("I think we will win,", "direct", "said", "she")]),
        ("Smith said that Jones believes the plan works.", [("that Jones believes the plan works", "indirect", "said", "Smith")]),
        # a title in quotation marks does not make a content mixed
        (
            'The Duma ratified the "Partnership Treaty" by unanimous vote, according to TASS.',
            [('The Duma ratified the "Partnership Treaty" by unanimous vote', "indirect", "according to", "TASS")],
        ),
        # a dateline is no source: the subject the parser hung on it as an appositive is
        (
            "TALLAHASSEE — Democratic U.S. Rep. Gwen Graham on Friday pummeled Donald Trump as divisive while praising "
            "Hillary Clinton as a work horse.",
            [("Hillary Clinton as a work horse", "indirect", "praising", "Democratic U.S. Rep. Gwen Graham")],
        ),
        # nor is one with a date and an agency after the place
        (
            "CLEVELAND, July 19 (UPI) — Former Attorney General Michael Mukasey told delegates that Hillary Clinton "
            "should be disqualified.",
            [("that Hillary Clinton should be disqualified", "indirect", "told delegates", "Former Attorney General Michael Mukasey")],
        ),
        # a colon introducing a quotation is narration, not the content of the cue after the quotation
        (
            'Mosman saw the words differently: "When he says he will die a free man, I take that seriously," he said.',
            [("When he says he will die a free man, I take that seriously,", "direct", "said", "he")],
        ),
        (
            "Fallon fired back: “As a guardian of the legacy,” he wrote, “we know you are rooting for Clinton.”",
            [("As a guardian of the legacy,” he wrote, “we know you are rooting for Clinton.", "direct", "wrote", "he")],
        ),
        # ... and what the introduction reports itself is a row of its own
        (
            'He told the Journal that the casino would not last long: "Once the cold winds blow, it won\'t make it," Roffman predicted.',
            [
                ("that the casino would not last long", "indirect", "told the Journal", "He"),
                ("Once the cold winds blow, it won't make it,", "direct", "predicted", "Roffman"),
            ],
        ),
        # a source's words joined by a hyphen stay one mention
        (
            "Nearly two-thirds of Democratic voters said that Wall Street hurts the economy.",
            [("that Wall Street hurts the economy", "indirect", "said", "Nearly two-thirds of Democratic voters")],
        ),
        # a turn of the writer's argument is no one's speech, nor part of the content after it
        ("Having said that, the plan has flaws, he said.", [("the plan has flaws", "indirect", "said", "he")]),
        # negatives
        ("That said, Cruz cannot realistically win the nomination.", []),
        ("It was previously anticipated that the Duma would handle the bill by mid-month.", []),
        ("© The Asia Business Daily. All rights reserved.", []),
        ('The Duma ratified the "Comprehensive Strategic Partnership Treaty" on Monday.', []),
        ("", []),
    ],
)
def test_detect_rows(nlp, text, expected):
    assert rows(nlp, text) == expected


def test_detect_rows_are_in_text_order_with_exact_offsets(nlp):
    text = 'Smith said the plan works.\n\n"It is a disaster," Jones said. Lee denied the claims.'
    (quotes,) = detect_quotes([nlp(text)])
    assert [q.content.start for q in quotes] == sorted(q.content.start for q in quotes)
    for quote in quotes:
        for span in (quote.content, quote.cue, quote.source_mention):
            assert span is None or text[span.start : span.end] == span.text


def test_detect_survives_odd_text(nlp):
    texts = ['"' * 50, "“" * 20 + "”" * 3, "'" * 30 + " said he", "\n\n\n", "said said said", "“a\n" * 200]
    assert len(detect_quotes(list(nlp.pipe(texts)))) == len(texts)


def test_detect_seed_article(nlp, seeds_dir):
    text = (seeds_dir / f"{SEED}.txt").read_text(encoding="utf-8")
    gold = [json.loads(line) for line in (seeds_dir / f"{SEED}.gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    negatives = [
        json.loads(line) for line in (seeds_dir / f"{SEED}.negatives.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    (quotes,) = detect_quotes([nlp(text)])
    index = AlnumIndex(text)
    predicted = [(q.content.start, q.content.end) for q in quotes]
    matches = match_spans(index, predicted, [[(g["char_start"], g["char_end"])] for g in gold], LENIENT)
    found = {m.gold for m in matches}
    required = [i for i, g in enumerate(gold) if g["required"]]
    assert all(i in found for i in required)
    unmatched = [span for p, span in enumerate(predicted) if p not in {m.pred for m in matches}]
    for negative in negatives:
        start = text.index(negative["text"])
        end = start + len(negative["text"])
        size = index.count(start, end)
        assert all(index.overlap([span], [(start, end)]) < LENIENT * size for span in unmatched), negative["text"]


def test_detect_dateline_source_is_the_appositive_past_the_dash(nlp):
    # where the parser hangs both the agency in brackets and the real subject on the place, the
    # subject after the dash is the source
    text = "CLEVELAND, July 19 (UPI) — Former Attorney General Michael Mukasey told delegates that Hillary Clinton should go."
    doc = nlp(text)
    place, agency, name = (next(t for t in doc if t.text == word) for word in ("CLEVELAND", "UPI", "Mukasey"))
    for token in (agency, name):
        token.head, token.dep_ = place, "appos"
    cleveland = TextSpan.of(text, 0, len("CLEVELAND"))
    quote = Quote(TextSpan.of(text, text.index("that"), len(text) - 1), "indirect", None, cleveland)
    assert _past_dateline(doc, text, quote).source_mention.text == "Former Attorney General Michael Mukasey"


@pytest.mark.parametrize(
    "text, subject, cue, kept",
    [
        ("Clinton still seems not to have found a comfortable voice.", "Clinton", "seems", False),
        ("Christie appears to be embracing his duties.", "Christie", "appears", False),
        ("Castro reportedly has lived like a king.", "Castro", "reportedly", False),
        ("Cruz denied it, appearing to rely on a discredited definition.", "Cruz", "appearing", True),
        ("Cruz said it was fine.", "Cruz", "said", True),
        ("Trump is expected to speak tonight.", "Trump", "expected", False),
        ("Analysts expected that rates would rise.", "Analysts", "expected", True),
    ],
)
def test_detect_raised_subject_is_no_source(nlp, text, subject, cue, kept):
    # the subject of "seems to", "appears to", "reportedly" is part of what is said, by no one named
    mention = TextSpan.of(text, text.index(subject), text.index(subject) + len(subject))
    cue_span = TextSpan.of(text, text.index(cue), text.index(cue) + len(cue))
    quote = Quote(TextSpan.of(text, 0, len(text) - 1), "indirect", cue_span, mention)
    assert (_without_raised_subject(nlp(text), quote).source_mention == mention) is kept


def test_detect_complement_past_the_quotation_is_the_speaker_not_content(nlp):
    """The parser hangs "Darrow, who ..." on the quote, so the complement of "told" runs past the
    closing mark; what it holds there is the speaker, and the quotation is the row."""
    found = rows(nlp, "“This is not a Hollemans,” Darrow, who has written two books on the painter, told the Arts Desk.")
    assert ("This is not a Hollemans,", "direct", "told the Arts Desk", "Darrow") in found
    assert not any("Darrow" in content for content, *_ in found)
