"""The review page: escaped article text, highlights by stance, conflicts side by side."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from attribution.conflicts import Conflict
from attribution.io.report_html import render_report, sentence_around
from attribution.types import Document

HOSTILE = Document(
    "evil<doc>",
    'The mayor said "<script>alert(1)</script> is fine." <img src=x onerror=alert(2)>\n'
    'Critics denied that "we & they" agreed. <a href="http://example.com/x">link</a>',
    "<b>source</b>.txt",
)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def _tags(page: str) -> list[str]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def test_report_html_escapes_article_text(make_row):
    rows = [
        make_row(HOSTILE, "q001", "<script>alert(1)</script> is fine.", "The <i>mayor</i>", "assertion", speaker_role="<u>role</u>"),
        make_row(HOSTILE, "q002", '"we & they" agreed', "Critics", "denial"),
    ]
    page = render_report([HOSTILE], rows, [Conflict("c01", "<b>label</b>", rows[0], rows[1], 0.9)])
    tags = set(_tags(page))
    assert not tags & {"script", "img", "a", "b", "i", "u", "iframe"}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "evil&lt;doc&gt;" in page and "&lt;b&gt;label&lt;/b&gt;" in page


def test_report_html_is_self_contained():
    page = render_report([HOSTILE], [], [])
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page.replace("http://example.com/x", ""))
    assert "<link" not in page


def test_report_html_highlights_quotes_by_stance(make_row, troops_doc):
    rows = [
        make_row(troops_doc, "q001", "North Korean troops are in Russia.", "Lloyd Austin", "assertion"),
        make_row(troops_doc, "q002", "North Korean soldiers had been sent to Russia", "Moscow", "denial"),
    ]
    page = render_report([troops_doc], rows, [])
    assert re.search(r'<mark class="assertion" title="q001 · Lloyd Austin · assertion">North Korean troops are in Russia\.</mark>', page)
    assert '<mark class="denial"' in page
    assert "No conflicting claims found." in page


def test_report_html_overlapping_quotes_highlight_once(make_row, troops_doc):
    rows = [
        make_row(troops_doc, "q001", "North Korean troops are in Russia.", "Lloyd Austin", "assertion"),
        make_row(troops_doc, "q002", "troops are in Russia", "Lloyd Austin", "assertion"),
    ]
    page = render_report([troops_doc], rows, [])
    article = page[page.index("<article"):]
    assert article.count("<mark") == 1


def test_report_html_conflict_shows_both_claims_with_roles(make_row, troops_doc):
    a = make_row(troops_doc, "q001", "North Korean troops are in Russia.", "Lloyd Austin", "assertion", speaker_role="U.S. Defense Secretary")
    b = make_row(troops_doc, "q002", "North Korean soldiers had been sent to Russia", "Moscow", "denial")
    page = render_report([troops_doc], [a, b], [Conflict("c01", "troops in Russia", a, b, 0.8)])
    section = page[page.index('<section class="conflict"'):page.index("</section>")]
    assert "Lloyd Austin" in section and "(U.S. Defense Secretary)" in section and "Moscow" in section
    assert "Moscow denied that" in section  # the sentence around the claim


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        ("First one. He said it rained. Then sun.", "it rained", "He said it rained."),
        ('Rain fell. U.S. Secretary Austin said "troops are here." B.', "troops are here.", 'U.S. Secretary Austin said "troops are here."'),
        ("Line one\nShe said yes\nLine three", "yes", "She said yes"),
        ("no end at all", "end", "no end at all"),
        ("", "", ""),
    ],
)
def test_report_html_sentence_around(text, quote, expected):
    start = text.index(quote)
    s, e = sentence_around(text, start, start + len(quote))
    assert text[s:e] == expected
