import re

import pytest

import attribution
from attribution.parse import mask_markup

TWEETS = """Republicans offered their thoughts and prayers to the victims:

<tweet pic="" author="GovMikeHuckabee" timestamp="1449075600" tweet_id="672151859491016704">Praying for those impacted by the shooting in California today.</tweet>.

<tweet pic="" author="JebBush" timestamp="1449075600" tweet_id="672153025243426816">Praying for the victims and their families.</tweet>.

The senator said the <a href="https://example.com/bill" title="the bill">bill</a> would pass on Friday.
"""
TAG = re.compile(r"<[^<>]*>")


def blank(tag: str) -> str:
    return "".join("\n" if c == "\n" else " " for c in tag)


@pytest.mark.parametrize(
    "text, masked",
    [
        ('a <b class="x">bold</b> word', "a " + blank('<b class="x">') + "bold" + blank("</b>") + " word"),
        ('<!-- said "no"\n -->end', blank('<!-- said "no"\n -->') + "end"),
        ("x < y and y > z", "x < y and y > z"),
        ("I <3 it, 2<4 and a<b>", "I <3 it, 2<4 and a" + blank("<b>")),
        ('<tweet author="A" pic="">', " " * 25),
    ],
)
def test_parse_mask_markup_blanks_tags_keeping_length_and_line_breaks(text, masked):
    assert mask_markup(text) == masked


def test_parse_markup_never_reaches_rows():
    rows = attribution.extract(TWEETS)
    tags = [(m.start(), m.end()) for m in TAG.finditer(TWEETS)]

    def in_a_tag(start, end):
        return start is not None and any(start < tag_end and tag_start < end for tag_start, tag_end in tags)

    assert rows, "the senator's claim is found"
    for row in rows:
        assert TWEETS[row.quote_start : row.quote_end] == row.quote_text
        assert not in_a_tag(row.cue_start, row.cue_end), row
        assert not in_a_tag(row.mention_start, row.mention_end), row
        assert not in_a_tag(row.quote_start, row.quote_start + 1), row  # begins and ends in words
        assert not in_a_tag(row.quote_end - 1, row.quote_end), row
    senator = next(row for row in rows if row.cue == "said")
    assert senator.quote_text.startswith("the <a href") and senator.quote_text.endswith("on Friday")
