"""Gold attributions from any source, as one record type the scorer understands.

Two readers: a PolNeAR BRAT folder (content, cue and source spans, no labels) and our seed gold
JSONL (content offsets, cue and mention as words only, full labels). The seed gives no offsets for
the cue and the mention, so they are located by text search near the quote (see `locate_near`);
where that fails the scorer falls back to comparing normalised text.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from attribution.corpus.brat import GoldDocument, read_polnear
from attribution.errors import EvaluationFormatError, InputError
from attribution.types import TextSpan

log = logging.getLogger(__name__)

# A cue or mention is looked for within this many characters of the quote; a seed article's
# attribution never reaches further, and a longer window would pick up another quote's speaker.
LOCATE_WINDOW = 400

SEED_GOLD_FIELDS = ("doc_id",)  # and the content: char_start and char_end, or a unique `quote`


@dataclass(frozen=True)
class GoldLabels:
    """What our annotators say about one attribution (seed gold or the stance-dev labels)."""

    speaker_name: str  # "" when the source is unnamed or absent
    speaker_aliases: tuple[str, ...]
    speaker_type: str
    speaker_role: str
    stance: str  # one of STANCES, or "other" (not a claim: left out of stance scores)
    stance_also_acceptable: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldQuote:
    """One gold attribution. Span tuples are sorted; content may be discontinuous."""

    doc_id: str
    gold_id: str  # the BRAT event id ("E3") or the seed's quote_id ("q03")
    content: tuple[TextSpan, ...]
    cue: tuple[TextSpan, ...] = ()
    source: tuple[TextSpan, ...] = ()
    cue_text: str = ""  # the cue's words, for a text comparison when no cue span is known
    source_text: str = ""  # likewise for the source mention
    quote_type: str = ""  # "" where the gold does not say (PolNeAR)
    required: bool | None = None  # None where the gold has no such notion (PolNeAR)
    labels: GoldLabels | None = None

    @property
    def content_key(self) -> tuple[tuple[int, int], ...]:
        """The content's offsets, sorted: the key labels are joined on."""
        return tuple(sorted((s.start, s.end) for s in self.content))


@dataclass(frozen=True)
class Negative:
    """Text in a document that must not be reported as a quote, at every place it occurs."""

    doc_id: str
    text: str
    why: str
    spans: tuple[TextSpan, ...]


@dataclass(frozen=True)
class GoldDoc:
    doc_id: str
    text: str
    quotes: tuple[GoldQuote, ...]
    negatives: tuple[Negative, ...] = ()


@dataclass(frozen=True)
class GoldSet:
    docs: tuple[GoldDoc, ...]
    name: str = ""  # where it was read from, for the report

    @property
    def quotes(self) -> Iterator[GoldQuote]:
        for doc in self.docs:
            yield from doc.quotes


def gold_from_polnear(documents: Sequence[GoldDocument], name: str = "") -> GoldSet:
    """Convert the PolNeAR reader's documents; they carry spans but no labels."""
    docs = tuple(
        GoldDoc(
            doc_id=gd.document.doc_id,
            text=gd.document.text,
            quotes=tuple(
                GoldQuote(
                    doc_id=a.doc_id,
                    gold_id=a.ann_id,
                    content=a.content,
                    cue=a.cue,
                    source=a.source,
                    cue_text=" ".join(s.text for s in a.cue),
                    source_text=" ".join(s.text for s in a.source),
                )
                for a in gd.attributions
            ),
        )
        for gd in documents
    )
    return GoldSet(docs, name)


def read_brat_gold(folder: str | Path) -> GoldSet:
    """A PolNeAR-style folder holding `text/` and `attributions/`."""
    folder = Path(folder)
    if not (folder / "attributions").is_dir() or not (folder / "text").is_dir():
        raise InputError(f"{folder} is not a BRAT gold folder (it needs text/ and attributions/)")
    return gold_from_polnear(read_polnear(folder), str(folder))


def read_jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, record) for each non-blank line; a bad line names its place."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvaluationFormatError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
            if not isinstance(record, dict):
                raise EvaluationFormatError(f"{path}:{number}: expected a JSON object")
            yield number, record


def read_gold_jsonl(path: str | Path, text_dir: str | Path | None = None) -> GoldSet:
    """Our seed gold: one attribution per line; each document's text is `<text_dir>/<doc_id>.txt`."""
    path = Path(path)
    text_dir = Path(text_dir) if text_dir is not None else path.parent
    texts: dict[str, str] = {}
    quotes: dict[str, list[GoldQuote]] = {}
    for number, record in read_jsonl(path):
        missing = [f for f in SEED_GOLD_FIELDS if f not in record]
        if missing:
            raise EvaluationFormatError(f"{path}:{number}: missing field(s) {', '.join(missing)}")
        doc_id = str(record["doc_id"])
        if doc_id not in texts:
            texts[doc_id] = _read_text(text_dir / f"{doc_id}.txt", path)
        quotes.setdefault(doc_id, []).append(_seed_quote(record, texts[doc_id], f"{path}:{number}", f"line{number}"))
    docs = tuple(
        GoldDoc(doc_id, texts[doc_id], tuple(sorted(qs, key=lambda q: q.content_key)))
        for doc_id, qs in sorted(quotes.items())
    )
    return GoldSet(docs, str(path))


def _read_text(text_path: Path, gold_path: Path) -> str:
    if not text_path.is_file():
        raise InputError(f"{gold_path}: the document text {text_path} is missing (needed to count characters)")
    return text_path.read_text(encoding="utf-8")


def quote_offsets(record: dict, text: str, where: str) -> tuple[int, int]:
    """A gold row's content: its offsets (char_start, char_end), or a `quote` found once in the text
    (the benchmark sets' claims.gold.jsonl, written by hand)."""
    if "char_start" in record or "char_end" in record:
        start, end = int(record.get("char_start", -1)), int(record.get("char_end", -1))
        if not 0 <= start < end <= len(text):
            raise EvaluationFormatError(f"{where}: offsets {start}-{end} fall outside the document")
        return start, end
    quote = record.get("quote")
    if not isinstance(quote, str) or not quote or text.count(quote) != 1:
        raise EvaluationFormatError(f"{where}: {quote!r} is not a unique substring of document {record.get('doc_id')!r}")
    start = text.index(quote)
    return start, start + len(quote)


def _seed_quote(record: dict, text: str, where: str, default_id: str) -> GoldQuote:
    start, end = quote_offsets(record, text, where)
    if "quote_text" in record and text[start:end] != record["quote_text"]:
        raise EvaluationFormatError(f"{where}: quote_text differs from the document text at {start}-{end}")
    content = (TextSpan.of(text, start, end),)
    cue_text = str(record.get("cue") or "")
    source_text = str(record.get("speaker_mention") or "")
    cue = locate_near(text, cue_text, content)
    source = locate_near(text, source_text, content)
    for what, words, span in (("cue", cue_text, cue), ("speaker_mention", source_text, source)):
        if words and span is None:
            log.warning("%s: %s %r not found near the quote; it is scored by its text", where, what, words)
    return GoldQuote(
        doc_id=str(record["doc_id"]),
        gold_id=str(record.get("quote_id") or default_id),
        content=content,
        cue=(cue,) if cue else (),
        source=(source,) if source else (),
        cue_text=cue_text,
        source_text=source_text,
        quote_type=str(record.get("quote_type") or ""),
        required=bool(record.get("required", True)),
        labels=labels_from_record(record, name_field="speaker"),
    )


def labels_from_record(record: dict, name_field: str) -> GoldLabels | None:
    """Labels from a seed or stance-dev record; None when it has no stance."""
    if not record.get("stance"):
        return None
    return GoldLabels(
        speaker_name=str(record.get(name_field) or ""),
        speaker_aliases=tuple(str(a) for a in record.get("speaker_aliases") or ()),
        speaker_type=str(record.get("speaker_type") or ""),
        speaker_role=str(record.get("speaker_role") or ""),
        stance=str(record["stance"]),
        stance_also_acceptable=tuple(str(s) for s in record.get("stance_also_acceptable") or ()),
    )


def locate_near(text: str, words: str, content: Sequence[TextSpan], window: int = LOCATE_WINDOW) -> TextSpan | None:
    """The occurrence of `words` (as whole words) that most plausibly belongs to this quote.

    Exact case first, then any case. Among occurrences within `window` characters, prefer one in
    the same paragraph (a quote's speaker is named beside it, not across a line break), then one
    outside the content, then the nearest.
    """
    if not words.strip():
        return None
    lo, hi = min(s.start for s in content), max(s.end for s in content)
    for flags in (0, re.IGNORECASE):
        # re.escape makes the pattern a literal: no backtracking risk on any input.
        pattern = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)", flags)
        candidates = []
        for found in pattern.finditer(text):
            start, end = found.span()
            gap = max(lo - end, start - hi, 0)
            if gap > window:
                continue
            between = text[end:lo] if end <= lo else text[hi:start] if start >= hi else ""
            inside = start < hi and end > lo
            candidates.append(("\n" in between, inside, gap, start, end))
        if candidates:
            *_, start, end = min(candidates)
            return TextSpan.of(text, start, end)
    return None
