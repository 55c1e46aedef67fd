"""Our quotes beside textacy's `direct_quotations`, scored in one run on the same documents.

Every gold document is parsed once by our spaCy pipeline and both systems read the same parsed
docs, so each system's seconds are what it adds on top of that parse (model loading left out).
textacy is an optional extra (`pip install 'attribution[bench]'`, or requirements-bench.lock): it
raises on some articles (an odd number of quotation marks); such a document is scored as one with
no predictions and the raises are counted, so the baseline is measured as it behaves.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from spacy.tokens import Doc, Token
from spacy.util import minibatch

from attribution.errors import AttributionError
from attribution.evaluate import GoldSet, Scores, evaluate, scores_to_dict
from attribution.parallel import WARM_UP
from attribution.pipeline import make_attribution
from attribution.resources import load_nlp
from attribution.spacy_component import AttributionComponent
from attribution.types import Attribution, Quote, Speaker, Stance, TextSpan

log = logging.getLogger(__name__)

OURS = "attribution"
TEXTACY = "textacy direct_quotations"
NO_STANCE = Stance("", 0.0)  # textacy gives none

# One parsed batch of documents in, each document's rows out.
Extractor = Callable[[Sequence[Doc]], list[tuple[Attribution, ...]]]


class BaselineMissingError(AttributionError):
    """textacy is not installed: it is an optional extra, kept out of the main install."""


@dataclass(frozen=True)
class SystemRun:
    system: str
    scores: Scores
    seconds: float  # on top of the shared parse
    raised: int  # documents on which the system raised; scored as documents with no predictions

    def as_dict(self) -> dict:
        return {"system": self.system, "seconds": self.seconds, "raised": self.raised, "scores": scores_to_dict(self.scores)}


@dataclass(frozen=True)
class QuoteBench:
    gold: str
    documents: int
    parse_seconds: float  # our spaCy pipeline over the documents, once, shared by both systems
    systems: tuple[SystemRun, ...]

    def as_dict(self) -> dict:
        return {
            "gold": self.gold,
            "documents": self.documents,
            "parse_seconds": self.parse_seconds,
            "systems": [run.as_dict() for run in self.systems],
        }


def run_quote_bench(gold: GoldSet, batch_size: int = 16) -> QuoteBench:
    """Parse the gold's documents once, run our extraction and textacy's over them, score both."""
    if not gold.docs:
        raise ValueError("the quote benchmark needs at least one gold document")
    direct_quotations, version = load_textacy()  # before minutes of parsing, not after
    ours = _ours(batch_size)
    nlp = load_nlp()
    start = time.perf_counter()
    docs = list(nlp.pipe((d.text for d in gold.docs), batch_size=batch_size))
    parse_seconds = time.perf_counter() - start
    for doc, gold_doc in zip(docs, gold.docs):
        doc.user_data["doc_id"] = gold_doc.doc_id  # the component names its rows' document from this
    systems = (
        _scored(OURS, ours, docs, gold, batch_size),
        _scored(f"{TEXTACY} {version}", lambda batch: [textacy_rows(doc, direct_quotations) for doc in batch], docs, gold, 1),
    )
    return QuoteBench(gold.name, len(gold.docs), parse_seconds, systems)


def load_textacy() -> tuple[Callable[[Doc], Iterable], str]:
    """textacy's `direct_quotations` and textacy's version, or a clear error where it is not installed."""
    try:
        import textacy
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:
        raise BaselineMissingError(
            f"textacy is not installed ({exc}): pip install 'attribution[bench]', or "
            "pip install --require-hashes --no-deps -r requirements-bench.lock"
        ) from None
    return direct_quotations, textacy.__version__


def _ours(batch_size: int) -> Extractor:
    """Our full extraction (quotes, speakers, stance) on parsed docs, its models loaded and warm."""
    component = AttributionComponent()
    list(component.pipe([load_nlp()(WARM_UP.text)]))  # loading the models is not the extraction's time

    def extract(batch: Sequence[Doc]) -> list[tuple[Attribution, ...]]:
        return [doc._.attributions for doc in component.pipe(batch, batch_size=batch_size)]

    return extract


def _scored(system: str, extract: Extractor, docs: Sequence[Doc], gold: GoldSet, batch_size: int) -> SystemRun:
    start = time.perf_counter()
    rows, raised = guarded(extract, docs, batch_size)
    seconds = time.perf_counter() - start
    if raised:
        log.info("%s raised on %d of %d documents", system, raised, len(docs))
    return SystemRun(system, evaluate(rows, gold), seconds, raised)


def guarded(extract: Extractor, docs: Sequence[Doc], batch_size: int) -> tuple[list[Attribution], int]:
    """All rows and the number of documents that raised; a batch that raises is retried one by one."""
    rows: list[Attribution] = []
    raised = 0
    for batch in minibatch(docs, size=batch_size):
        try:
            per_doc = extract(batch)
        except Exception:  # a baseline's failure is part of its measure: counted, never fatal
            per_doc = []
            for doc in batch:
                try:
                    per_doc += extract([doc])
                except Exception as exc:
                    log.debug("%s raised %s: %s", doc.user_data.get("doc_id", ""), type(exc).__name__, exc)
                    raised += 1
        rows += [row for found in per_doc for row in found]
    return rows, raised


def textacy_rows(doc: Doc, direct_quotations: Callable[[Doc], Iterable]) -> tuple[Attribution, ...]:
    """textacy's (speaker, cue, content) triples for `doc` as our rows; raises where textacy raises."""
    triples = sorted(direct_quotations(doc), key=lambda t: (t.content.start_char, t.content.end_char))
    return tuple(
        triple_row(doc.user_data.get("doc_id", ""), f"q{number:03d}", doc.text, t.speaker, t.cue, t.content)
        for number, t in enumerate(triples, start=1)
    )


def triple_row(doc_id: str, quote_id: str, text: str, speaker: Sequence[Token], cue: Sequence[Token], content) -> Attribution:
    """One row: content is textacy's span (its quotation marks included); cue and speaker are the
    character range covering their tokens (textacy gives token lists, e.g. "has not said")."""
    content_span = TextSpan.of(text, content.start_char, content.end_char)
    quote = Quote(content_span, quote_type="direct", cue=_covering(text, cue))  # the only kind textacy finds
    mention = _covering(text, speaker)
    # textacy resolves nothing: its name is the mention, with no type, role or stance
    source = Speaker(mention.text if mention else "", "", mention=mention)
    return make_attribution(doc_id, quote_id, text, quote, source, NO_STANCE, "textacy")


def _covering(text: str, tokens: Sequence[Token]) -> TextSpan | None:
    if not tokens:
        return None
    return TextSpan.of(text, min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens))
