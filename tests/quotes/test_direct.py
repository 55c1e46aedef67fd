"""Direct quotes: which quoted spans are speech, and which cue and source attribute them."""

from __future__ import annotations

import pytest

from attribution.quotes.direct import direct_quotes
from attribution.quotes.lexicon import load_lexicon
from attribution.quotes.marks import quoted_spans

pytestmark = pytest.mark.slow


def rows(nlp, text: str) -> list[tuple]:
    doc = nlp(text)
    return [
        (q.content.text, q.quote_type, q.cue.text, q.source_mention.text if q.source_mention else None)
        for q in direct_quotes(doc, quoted_spans(text), load_lexicon())
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the cue after, before, or splitting the quote
        ('"The economy is weak," he said.', [("The economy is weak,", "direct", "said", "he")]),
        ('He said, "The economy is weak."', [("The economy is weak.", "direct", "said", "He")]),
        (
            "“We will win this election,” Smith told reporters on Monday.",
            [("We will win this election,", "direct", "told reporters", "Smith")],
        ),
        (
            "“I’m not worried,” he said, “because the voters know us.”",
            [
                ("I’m not worried,", "direct", "said", "he"),
                ("because the voters know us.", "direct", "said", "he"),
            ],
        ),
        # an abbreviated title keeps its full stop and stays with the name ("Capt." is one token)
        (
            "“The candidates left just don’t understand the military,” said Army Capt. Christian Pardo, who said he "
            "would not vote for either Clinton or Trump.",
            [("The candidates left just don’t understand the military,", "direct", "said", "Army Capt. Christian Pardo")],
        ),
        # of two cues hanging from the quote's clause, the nearer one
        (
            'Emphasizing the urgency of the matter, Trump said, "If we do not get tough, we are not going to have a country."',
            [("If we do not get tough, we are not going to have a country.", "direct", "said", "Trump")],
        ),
        # a second sentence of the same speaker, with no cue of its own
        (
            "“Closing Gitmo is an imperative,” Harman said. “It’s been a black eye on the nation.”",
            [
                ("Closing Gitmo is an imperative,", "direct", "said", "Harman"),
                ("It’s been a black eye on the nation.", "direct", "said", "Harman"),
            ],
        ),
        # colon introductions, with and without a verb
        ("The senator said: “We are not going to give up.”", [("We are not going to give up.", "direct", "said", "The senator")]),
        (
            "Sanders on Twitter: “This is a rigged system and we will fight it.”",
            [("This is a rigged system and we will fight it.", "direct", ":", "Sanders")],
        ),
        # a verb of no lexicon with a nominal subject introduces the quote
        (
            "As John Cornyn, the No. 2 in the leadership, put it: “This person will not be confirmed.”",
            [("This person will not be confirmed.", "direct", "put", "John Cornyn")],
        ),
        (
            "The board was conclusive in its findings: “Further discussion on this issue is unnecessary.”",
            [("Further discussion on this issue is unnecessary.", "direct", "was", "The board")],
        ),
        # other mark styles
        ("He added, «We will win this fight».", [("We will win this fight", "direct", "added", "He")]),
        ("‘We are ready to talk,’ the minister said.", [("We are ready to talk,", "direct", "said", "the minister")]),
        ("''We will not back down,'' Mr. Trump said.", [("We will not back down,", "direct", "said", "Mr. Trump")]),
        # a quote running over two paragraphs
        (
            "“The first paragraph of the statement goes here.\n“And the second one ends it,” she said.",
            [("The first paragraph of the statement goes here.\n“And the second one ends it,", "direct", "said", "she")],
        ),
        # a paragraph that is all quote, right after the tag of an attributed one, goes on with it
        (
            "“He is taller than me,” Rubio said Sunday in Virginia.\n\n“Which is why I don’t understand his hands.”",
            [
                ("He is taller than me,", "direct", "said", "Rubio"),
                ("Which is why I don’t understand his hands.", "direct", "said", "Rubio"),
            ],
        ),
        # but not after a paragraph that went on to other things, nor one that holds words of its own
        (
            "“He is taller than me,” Rubio said. Then the crowd cheered and the senator left the stage in a hurry for his bus.\n\n“Which is why I don’t understand his hands.”",
            [("He is taller than me,", "direct", "said", "Rubio")],
        ),
        (
            "“He is taller than me,” Rubio said.\n\n“Which is why I don’t understand his hands.” The crowd cheered.",
            [("He is taller than me,", "direct", "said", "Rubio")],
        ),
        # brought in by "that": quoted words in reported syntax
        (
            'Russia denied it, stating that "reports of troop deployment are false."',
            [("reports of troop deployment are false.", "mixed", "stating", "Russia")],
        ),
        # the source is the name, not its apposition
        (
            'Leonid Slutsky, Chairman of the Committee, praised the treaty, saying, "This treaty is historic."',
            [("This treaty is historic.", "direct", "saying", "Leonid Slutsky")],
        ),
        # no one is named inside their own quotation: the parser may hang the name after the
        # closing mark on a word of the quote, and take the quote's subject for the speaker's
        (
            "“The brushwork is wrong. This is not a Hollemans,” Darrow, who has written two books, told the Arts Desk.",
            [("The brushwork is wrong. This is not a Hollemans,", "direct", "told the Arts Desk", "Darrow")],
        ),
        (
            "“We were tremendously wrong to not have confronted him,” Ramos, 58, told AFP in an interview.",
            [("We were tremendously wrong to not have confronted him,", "direct", "told AFP in an interview", "Ramos")],
        ),
        (
            "“It’s unanimous,” councilmember Mark Levine said of the council’s support.",
            [("It’s unanimous,", "direct", "said", "councilmember Mark Levine")],
        ),
        # negatives: titles, scare quotes, fragments, apostrophes, unbalanced marks, no cue
        ('The Duma ratified the "Comprehensive Strategic Partnership Treaty" on Monday.', []),
        ('He appeared on "This Week," and said little.', []),
        ('Rudenko dismissed the existence of any "secret clauses" in the treaty.', []),
        ('She waited in an "extraordinarily long line snaking around" a church, she said.', []),
        ("It's the '90s again, don't you think, and Jones' book isn't out.", []),
        ('He said "this is the end of it all and more', []),
        ("“This opening mark is never closed.\nThe next paragraph is prose and the minister said nothing.", []),
        ("“We have to do better than this.”", []),
    ],
)
def test_direct_quotes(nlp, text, expected):
    assert rows(nlp, text) == expected


def test_direct_offsets_point_into_the_text(nlp):
    text = 'Intro.\n\n"The economy is weak," said Ann Lee, a lawyer. "Jobs are scarce."'
    doc = nlp(text)
    for quote in direct_quotes(doc, quoted_spans(text), load_lexicon()):
        for span in (quote.content, quote.cue, quote.source_mention):
            assert text[span.start : span.end] == span.text
