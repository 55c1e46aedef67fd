"""The review report: one self-contained HTML page for a fact-checker.

Conflicts side by side (speaker, role, stance and the sentence around each claim), then every
article with its quotes highlighted by stance. Article text is untrusted: every piece of it goes
through html.escape, and a Content-Security-Policy forbids scripts and any network access, so
the page shows the same offline as online and a hostile article cannot run code in it.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import groupby
from typing import Iterable, Sequence

from attribution.conflicts import Conflict
from attribution.types import Attribution, Document

SENTENCE_ENDS = ".!?"
SENTENCE_CLOSERS = "\"'”’»)"
SENTENCE_REACH = 400  # characters each way: a "sentence" with no end stays readable
STANCE_LABELS = ("assertion", "denial", "evaluation")

STYLE = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d232a;background:#f4f5f7}
header,main{max-width:1100px;margin:0 auto;padding:0 20px}
header{padding-top:20px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 10px;border-bottom:2px solid #d0d4da}
h3{font-size:16px;margin:18px 0 8px}
.meta{color:#5b6470;font-size:13px}
.legend span{margin-right:10px}
.conflict{background:#fff;border:1px solid #d0d4da;border-radius:8px;padding:12px 14px;margin:12px 0}
.conflict h3{margin-top:0}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin:8px 0}
.claim{border-left:4px solid #9aa3ad;background:#fafbfc;padding:8px 10px;border-radius:4px}
.claim.assertion{border-color:#2f7d4f}.claim.denial{border-color:#b3261e}.claim.evaluation{border-color:#8a6d00}
.who{font-weight:600}.role{color:#5b6470}.doc{color:#5b6470;font-size:12px;float:right}
.sentence{margin:6px 0 0}
.badge{display:inline-block;font-size:11px;font-weight:600;text-transform:uppercase;letter-spacing:.04em;padding:1px 6px;border-radius:3px;color:#fff;background:#6b7480}
.badge.assertion{background:#2f7d4f}.badge.denial{background:#b3261e}.badge.evaluation{background:#8a6d00}
mark{padding:0 1px;border-radius:2px}
mark.assertion{background:#d3f0dc}mark.denial{background:#f9d3cf}mark.evaluation{background:#f6e7a8}
.score{color:#5b6470;font-size:12px}
article{background:#fff;border:1px solid #d0d4da;border-radius:8px;padding:4px 16px 12px;margin:12px 0}
article p{margin:8px 0;white-space:pre-wrap}
table{border-collapse:collapse;width:100%;font-size:13px;margin-top:8px}
td,th{border-top:1px solid #e3e6ea;padding:4px 6px;text-align:left;vertical-align:top}
.none{color:#5b6470;font-style:italic}
"""

# No scripts, no fetches, no frames: only the inline style may apply.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'"


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    attribution: Attribution


def render_report(
    documents: Sequence[Document],
    attributions: Iterable[Attribution],
    conflicts: Sequence[Conflict],
    title: str = "Review report",
) -> str:
    """The whole page as a string."""
    rows = sorted(attributions, key=lambda a: (a.doc_id, a.quote_start, a.quote_end))
    by_doc = {doc_id: list(group) for doc_id, group in groupby(rows, key=lambda a: a.doc_id)}
    texts = {d.doc_id: d.text for d in documents}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>",
        _header(title, documents, rows, conflicts),
        "<main>",
        _conflicts_section(conflicts, texts),
        '<h2 id="articles">Articles</h2>',
        *(_article(d, by_doc.get(d.doc_id, [])) for d in documents),
        "</main></body></html>",
    ]
    return "\n".join(parts) + "\n"


def _header(title: str, documents: Sequence[Document], rows: Sequence[Attribution], conflicts: Sequence[Conflict]) -> str:
    stances = Counter(a.stance for a in rows)
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    legend = " ".join(f'<span><mark class="{s}">{s}</mark> {stances[s]}</span>' for s in STANCE_LABELS)
    groups = len({c.conflict_id for c in conflicts})
    return (
        f"<header><h1>{_e(title)}</h1>"
        f'<p class="meta">{len(documents)} articles · {len(rows)} attributions · {groups} conflicts '
        f"({len(conflicts)} pairs) · generated {generated}</p>"
        f'<p class="legend meta">{legend}</p></header>'
    )


def _conflicts_section(conflicts: Sequence[Conflict], texts: dict[str, str]) -> str:
    parts = ['<h2 id="conflicts">Conflicting claims</h2>']
    if not conflicts:
        parts.append('<p class="none">No conflicting claims found.</p>')
    for conflict_id, group in groupby(conflicts, key=lambda c: c.conflict_id):
        pairs = list(group)
        parts.append(f'<section class="conflict" id="{_e(conflict_id)}"><h3>{_e(conflict_id)}: {_e(pairs[0].proposition)}</h3>')
        for pair in pairs:
            parts.append('<div class="pair">')
            parts.append(_claim_card(pair.a, texts.get(pair.a.doc_id, "")))
            parts.append(_claim_card(pair.b, texts.get(pair.b.doc_id, "")))
            parts.append(f'</div><div class="score">score {pair.score:.2f} (embedding + shared words)</div>')
        parts.append("</section>")
    return "\n".join(parts)


def _claim_card(a: Attribution, text: str) -> str:
    start, end = sentence_around(text, a.quote_start, a.quote_end)
    sentence = _marked(text, start, end, [Highlight(a.quote_start, a.quote_end, a)])
    role = f' <span class="role">({_e(a.speaker_role)})</span>' if a.speaker_role else ""
    return (
        f'<div class="claim {_e(a.stance)}"><span class="doc">{_e(a.doc_id)} · {_e(a.quote_id)}</span>'
        f'<span class="who">{_e(_speaker(a))}</span>{role} '
        f'<span class="badge {_e(a.stance)}">{_e(a.stance)}</span>'
        f'<p class="sentence">{sentence}</p></div>'
    )


def _article(document: Document, rows: Sequence[Attribution]) -> str:
    highlights = _non_overlapping(rows)
    source = f' <span class="meta">{_e(document.source)}</span>' if document.source else ""
    paragraphs = []
    for start, end in _paragraphs(document.text):
        inside = [h for h in highlights if start <= h.start and h.end <= end]
        paragraphs.append(f"<p>{_marked(document.text, start, end, inside)}</p>")
    table = _quote_table(rows) if rows else '<p class="none">No attributions found.</p>'
    return (
        f'<article id="doc-{_e(document.doc_id)}"><h3>{_e(document.doc_id)}{source}</h3>'
        + "".join(paragraphs) + table + "</article>"
    )  # fmt: skip


def _quote_table(rows: Sequence[Attribution]) -> str:
    lines = ["<table><tr><th>id</th><th>speaker</th><th>role</th><th>cue</th><th>stance</th><th>quote</th></tr>"]
    for a in rows:
        lines.append(
            f"<tr><td>{_e(a.quote_id)}</td><td>{_e(_speaker(a))}</td><td>{_e(a.speaker_role)}</td><td>{_e(a.cue)}</td>"
            f'<td><span class="badge {_e(a.stance)}">{_e(a.stance)}</span></td><td>{_e(a.quote_text)}</td></tr>'
        )
    return "".join(lines) + "</table>"


def _marked(text: str, start: int, end: int, highlights: Sequence[Highlight]) -> str:
    """text[start:end] escaped, with each highlight (inside it, not overlapping) wrapped in <mark>."""
    out, position = [], start
    for h in sorted(highlights, key=lambda h: h.start):
        a = h.attribution
        tip = f"{a.quote_id} · {_speaker(a) or 'unknown'} · {a.stance}"
        out.append(_e(text[position : h.start]))
        out.append(f'<mark class="{_e(a.stance)}" title="{_e(tip)}">{_e(text[h.start : h.end])}</mark>')
        position = h.end
    out.append(_e(text[position:end]))
    return "".join(out)


def _non_overlapping(rows: Sequence[Attribution]) -> list[Highlight]:
    """Quotes to highlight: where two overlap, the earlier (then longer) one wins."""
    chosen: list[Highlight] = []
    for a in sorted(rows, key=lambda a: (a.quote_start, -a.quote_end)):
        if not chosen or a.quote_start >= chosen[-1].end:
            chosen.append(Highlight(a.quote_start, a.quote_end, a))
    return chosen


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line: news text puts one paragraph on a line."""
    spans, start = [], 0
    for line in text.splitlines(keepends=True):
        end = start + len(line.rstrip("\r\n"))
        if text[start:end].strip():
            spans.append((start, end))
        start += len(line)
    return spans


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence(s) holding text[start:end], reaching at most SENTENCE_REACH
    characters past it each way (a text without sentence ends stays readable)."""
    left, floor = start, max(0, start - SENTENCE_REACH)
    while left > floor and not _starts_sentence(text, left):
        left -= 1
    while left < start and text[left].isspace():
        left += 1
    right, ceiling = end, min(len(text), end + SENTENCE_REACH)
    while right < ceiling and not _ends_sentence(text, right):
        right += 1
    return left, right


def _starts_sentence(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in "\r\n" or (text[i - 1].isspace() and _ends_sentence(text, i - 1))


def _ends_sentence(text: str, i: int) -> bool:
    """A sentence ends just before position i: ".", "!" or "?" (maybe then a closing quote), then a space."""
    if i >= len(text) or text[i] in "\r\n":
        return True
    if not text[i].isspace() or i == 0:
        return False
    j = i - 1
    if text[j] in SENTENCE_CLOSERS and j > 0:
        j -= 1
    if text[j] not in SENTENCE_ENDS:
        return False
    # "U.S. Secretary": a period after a lone capital is an initial, not a sentence end.
    return not (text[j] == "." and j >= 1 and text[j - 1].isupper() and (j < 2 or not text[j - 2].isalpha()))


def _speaker(a: Attribution) -> str:
    return a.speaker or a.speaker_mention


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)
