"""PolNeAR in BRAT standoff: `text/<id>.txt` and `attributions/<id>_<annotator>.ann`.

`T` lines are spans (Source / Cue / Content, possibly discontinuous "s e;s e"); `E` lines tie
them into one attribution. `Discuss` and `Discard` spans are not attributions. Where an article
has several annotators' files we use the first by name, so every run reads the same gold.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from attribution.types import Document, TextSpan


@dataclass(frozen=True)
class GoldAttribution:
    doc_id: str
    ann_id: str  # the E line's id, e.g. "E3"
    content: tuple[TextSpan, ...]  # discontinuous content has several pieces
    cue: tuple[TextSpan, ...]
    source: tuple[TextSpan, ...]  # empty for Attribution-no-source

    @property
    def content_start(self) -> int:
        return min(s.start for s in self.content)

    @property
    def content_end(self) -> int:
        return max(s.end for s in self.content)


@dataclass(frozen=True)
class GoldDocument:
    document: Document
    attributions: tuple[GoldAttribution, ...]


def _parse_spans(offsets: str, text: str) -> tuple[TextSpan, ...]:
    pieces = []
    for piece in offsets.split(";"):
        start, end = (int(x) for x in piece.split())
        pieces.append(TextSpan.of(text, start, end))
    return tuple(pieces)


def parse_ann(ann: str, text: str, doc_id: str) -> tuple[GoldAttribution, ...]:
    spans: dict[str, tuple[str, tuple[TextSpan, ...]]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, offsets = cols[1].partition(" ")
            spans[cols[0]] = (label, _parse_spans(offsets, text))
        elif line.startswith("E") and len(cols) >= 2:
            args = [tuple(arg.split(":", 1)) for arg in cols[1].split() if ":" in arg]
            events.append((cols[0], args))
    gold = []
    for event_id, args in events:
        parts: dict[str, list[TextSpan]] = {"Content": [], "Cue": [], "Source": []}
        for role, span_id in args:
            role = role.rstrip("0123456789")  # "Content2" is a second content piece
            if role in parts and span_id in spans:
                parts[role].extend(spans[span_id][1])
        if not parts["Content"]:
            continue
        gold.append(
            GoldAttribution(
                doc_id=doc_id,
                ann_id=event_id,
                content=tuple(sorted(parts["Content"], key=lambda s: s.start)),
                cue=tuple(sorted(parts["Cue"], key=lambda s: s.start)),
                source=tuple(sorted(parts["Source"], key=lambda s: s.start)),
            )
        )
    return tuple(sorted(gold, key=lambda g: (g.content_start, g.content_end)))


def read_polnear(folder: str | Path) -> list[GoldDocument]:
    """Read a PolNeAR split folder (holding `text/` and `attributions/`), sorted by doc id."""
    folder = Path(folder)
    ann_by_doc: dict[str, Path] = {}
    for ann_path in sorted((folder / "attributions").glob("*.ann")):
        doc_id = ann_path.stem.rsplit("_", 1)[0]
        ann_by_doc.setdefault(doc_id, ann_path)
    docs = []
    for doc_id, ann_path in sorted(ann_by_doc.items()):
        text_path = folder / "text" / f"{doc_id}.txt"
        text = text_path.read_text(encoding="utf-8")
        attributions = parse_ann(ann_path.read_text(encoding="utf-8"), text, doc_id)
        docs.append(GoldDocument(Document(doc_id, text, str(text_path)), attributions))
    return docs
