"""Documents in, attributions out. No file I/O here: ingest reads, io/ writes."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Iterable, Iterator, Sequence

from attribution.quotes.detect import detect_quotes
from attribution.parse import parse_texts
from attribution.resources import has_model
from attribution.speakers.ids import SurnameIndex
from attribution.speakers.resolve import resolve_speakers
from attribution.stance.classify import classify_stances, lexicon_stances
from attribution.types import Attribution, Document, DocumentError, Quote, Speaker, Stance

log = logging.getLogger(__name__)

SHIPPED_MODELS = ("quotes", "stance")


def current_model_version(rules_only: bool = False) -> str:
    """attribution-<version>+<model>-<digest of its manifest>...[+bf16], or attribution-<version>+rules:
    each row can be traced to the code, the exact weights and the precision that made it, and the
    tracker re-ingests a document when one of them changes."""
    from attribution import __version__

    if rules_only:
        return f"attribution-{__version__}+rules"
    import torch

    from attribution.resources import MANIFEST, MODELS_DIR, inference_dtype, sha256_file

    models = [f"{name}-{sha256_file(MODELS_DIR / name / MANIFEST)[:12]}" for name in SHIPPED_MODELS if has_model(name)]
    precision = ["bf16"] if models and inference_dtype() == torch.bfloat16 else []
    return "+".join([f"attribution-{__version__}", *models, *precision])


@dataclass(frozen=True)
class DocumentResult:
    """The rows for one document, or the error that stopped it."""

    document: Document
    attributions: tuple[Attribution, ...] = ()
    error: DocumentError | None = None


@dataclass
class Pipeline:
    """`rules_only`: no transformer model runs; the rules alone find quotes (no span tagger) and the
    cue lexicon labels stance. About twice as fast, with lower recall on reported speech."""

    batch_size: int = 16
    rules_only: bool = False
    model_version: str = ""  # default: current_model_version(rules_only)

    def __post_init__(self) -> None:
        self.model_version = self.model_version or current_model_version(self.rules_only)

    def run(self, items: Iterable[Document | DocumentError]) -> Iterator[DocumentResult | DocumentError]:
        """Yield one result per input, in input order; ingest errors pass straight through."""
        batch: list[Document] = []
        for item in items:
            if isinstance(item, DocumentError):
                yield from self._run_batch(batch)
                batch = []
                yield item
                continue
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield from self._run_batch(batch)
                batch = []
        yield from self._run_batch(batch)

    def _run_batch(self, documents: Sequence[Document]) -> Iterator[DocumentResult]:
        if not documents:
            return
        try:
            yield from self._annotate(documents)
        except Exception:  # one bad document must not sink the batch: retry them one by one
            if len(documents) == 1:
                yield self._failed(documents[0])
                return
            for document in documents:
                yield from self._run_batch([document])

    def _failed(self, document: Document) -> DocumentResult:
        import sys

        exc = sys.exc_info()[1]
        log.info("document %s failed: %s", document.doc_id, type(exc).__name__)  # the caller gets the DocumentError
        error = DocumentError(document.doc_id, document.source, "pipeline", type(exc).__name__, str(exc)[:500])
        return DocumentResult(document, error=error)

    def _annotate(self, documents: Sequence[Document]) -> list[DocumentResult]:
        docs = list(parse_texts(d.text for d in documents))
        quotes_per_doc = detect_quotes(docs, tagger=not self.rules_only)
        speakers_per_doc = [resolve_speakers(doc, quotes) for doc, quotes in zip(docs, quotes_per_doc)]
        stances_per_doc = (lexicon_stances if self.rules_only else classify_stances)(docs, quotes_per_doc)
        return [
            DocumentResult(document, build_attributions(document.doc_id, document.text, q, s, st, self.model_version))
            for document, q, s, st in zip(documents, quotes_per_doc, speakers_per_doc, stances_per_doc)
        ]


def merge_speaker_ids(results: Iterable[DocumentResult | DocumentError]) -> Iterator[DocumentResult | DocumentError]:
    """Speaker ids across the documents of one run: a bare surname ("person:austin") takes the id
    of the one full name with that surname met so far ("person:lloyd-austin"), in this document
    or an earlier one. It streams (only the names are kept) and follows input order, so the ids
    are the same with one worker or several and whatever the batch size; a surname met before
    its full name keeps its own id."""
    index = SurnameIndex()
    for result in results:
        if isinstance(result, DocumentResult) and result.attributions:
            for row in result.attributions:
                index.note(row.speaker, row.speaker_type, row.speaker_id)
            rows = tuple(
                replace(row, speaker_id=index.merged_id(row.speaker, row.speaker_type, row.speaker_id))
                for row in result.attributions
            )
            result = replace(result, attributions=rows)
        yield result


def build_attributions(
    doc_id: str,
    text: str,
    quotes: Sequence[Quote],
    speakers: Sequence[Speaker],
    stances: Sequence[Stance],
    model_version: str = "",
) -> tuple[Attribution, ...]:
    """Rows in text order with ids q001, q002, ...: deterministic for the same input."""
    ordered = sorted(zip(quotes, speakers, stances), key=lambda t: (t[0].content.start, t[0].content.end))
    return tuple(
        make_attribution(doc_id, f"q{number:03d}", text, quote, speaker, stance, model_version)
        for number, (quote, speaker, stance) in enumerate(ordered, start=1)
    )


def make_attribution(
    doc_id: str, quote_id: str, text: str, quote: Quote, speaker: Speaker, stance: Stance, model_version: str
) -> Attribution:
    """One row; its words are sliced from `text`, the document as given, since the parsed text has
    its markup masked (attribution/parse.py)."""
    content, cue, mention = quote.content, quote.cue, speaker.mention
    return Attribution(
        doc_id=doc_id,
        quote_id=quote_id,
        quote_type=quote.quote_type,
        quote_text=text[content.start : content.end],
        quote_start=content.start,
        quote_end=content.end,
        cue=text[cue.start : cue.end] if cue else "",
        cue_start=cue.start if cue else None,
        cue_end=cue.end if cue else None,
        speaker=speaker.name,
        speaker_type=speaker.speaker_type,
        speaker_role=speaker.role,
        speaker_mention=text[mention.start : mention.end] if mention else "",
        mention_start=mention.start if mention else None,
        mention_end=mention.end if mention else None,
        stance=stance.label,
        stance_score=round(stance.score, 4),
        speaker_id=speaker.speaker_id,
        kind=quote.kind,
        model_version=model_version,
    )
