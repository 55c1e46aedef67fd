"""Conflicting claims: group claims about the same proposition, then pair opposite stances.

A claim is an attribution whose stance is an assertion or a denial. Its polarity toward its
proposition is +1 (asserted) or -1 (denied, or asserted with the main clause negated: "no
aircraft has entered our airspace"). Claims are grouped by average-linkage clustering over a
similarity that adds two signals, MiniLM sentence embeddings and shared content words (weighted
by rarity in the collection); claims of documents that name no entity in common (other stories)
are never grouped. Within a group, every pair of opposite
polarity from different speakers is a conflict. Agreeing claims never pair, by construction.

A content that only points back ("denied the allegations", "rejected the claim", "dismissed
the account") borrows the words of the nearest earlier claim by another speaker in its
document: that is what it denies.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np

from attribution.resources import load_encoder, load_nlp
from attribution.speakers.ids import slug
from attribution.types import Attribution, Document

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"

POLARITY = {"assertion": 1, "denial": -1}  # evaluations judge, they do not assert a proposition
ENTITY_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "LAW"})
TERM_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
# Dependents of the main verb whose own "no" negates the clause ("no aircraft", "no plans").
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd"})
CLAUSE_DEPS = frozenset({"acl", "relcl", "ccomp", "advcl"})  # "the claim that X": names its proposition

MIN_TERMS = 3  # fewer content words than this and a content leans on an earlier claim
ANTECEDENT_REACH = 1200  # characters back to look for the claim a pointing content refers to
EMBED_BATCH = 32
EMBED_MAX_TOKENS = 128
LABEL_WORDS = 10
TOKEN = re.compile(r"\w+(?:['’]\w+)?|[^\w\s]")  # words (with "n't") and single punctuation marks
ENTITY_STEM_MIN = 4  # "Korea"/"Korean": tokens this long match when one, less a letter, starts the other

CONFLICT_COLUMNS: tuple[str, ...] = (
    "conflict_id", "proposition",
    "doc_id_a", "quote_id_a", "speaker_a", "stance_a", "quote_text_a",
    "doc_id_b", "quote_id_b", "speaker_b", "stance_b", "quote_text_b",
    "score",
)  # fmt: skip


@dataclass(frozen=True)
class ConflictSettings:
    """Weights of the two signals and the grouping threshold (see benchmarks/conflicts/README.md)."""

    embedding_weight: float = 1.0
    terms_weight: float = 0.5
    group_threshold: float = 0.5


@dataclass(frozen=True)
class Claim:
    """An attribution as the conflict finder sees it."""

    attribution: Attribution
    polarity: int  # +1 asserts the proposition, -1 denies it
    text: str  # what the encoder reads: the content, after its antecedent's when it only points back
    terms: frozenset[str]  # content-word lemmas
    story: frozenset[tuple[str, ...]]  # the named entities of the claim's whole document

    @property
    def speaker(self) -> str:
        return self.attribution.speaker or self.attribution.speaker_mention


@dataclass(frozen=True)
class Conflict:
    """One pair of claims about the same proposition with opposite stances."""

    conflict_id: str
    proposition: str
    a: Attribution  # the asserting side
    b: Attribution  # the denying side
    score: float

    def as_row(self) -> dict:
        row = {"conflict_id": self.conflict_id, "proposition": self.proposition}
        for side, attribution in (("a", self.a), ("b", self.b)):
            row[f"doc_id_{side}"] = attribution.doc_id
            row[f"quote_id_{side}"] = attribution.quote_id
            row[f"speaker_{side}"] = attribution.speaker or attribution.speaker_mention
            row[f"stance_{side}"] = attribution.stance
            row[f"quote_text_{side}"] = attribution.quote_text
        row["score"] = round(self.score, 4)
        return row


def find_conflicts(
    attributions: Iterable[Attribution],
    documents: Iterable[Document],
    settings: ConflictSettings = ConflictSettings(),
) -> list[Conflict]:
    """Conflicting pairs among the attributions, in a deterministic order (ids c01, c02, ...)."""
    texts = {d.doc_id: d.text for d in documents}
    claims = build_claims([a for a in attributions if a.doc_id in texts], texts)
    if len(claims) < 2:
        return []
    similarity = claim_similarity(claims, settings)
    groups = group_claims(similarity, settings.group_threshold)
    return _conflicts(claims, groups, similarity)


# ---- claims ------------------------------------------------------------------------------


def build_claims(attributions: Sequence[Attribution], texts: Mapping[str, str]) -> list[Claim]:
    """Claims in document and text order; each document is parsed once."""
    by_doc: dict[str, list[Attribution]] = {}
    for attribution in attributions:
        if attribution.stance in POLARITY:
            by_doc.setdefault(attribution.doc_id, []).append(attribution)
    doc_ids = sorted(by_doc)
    claims: list[Claim] = []
    for doc_id, parsed in zip(doc_ids, load_nlp().pipe(texts[d] for d in doc_ids)):
        claims.extend(_document_claims(parsed, sorted(by_doc[doc_id], key=lambda a: (a.quote_start, a.quote_end))))
    return claims


def _document_claims(parsed, attributions: Sequence[Attribution]) -> list[Claim]:
    story = frozenset(key for key in map(_entity_key, parsed.ents) if key)
    claims: list[Claim] = []
    for attribution in attributions:
        span = parsed.char_span(attribution.quote_start, attribution.quote_end, alignment_mode="expand")
        if span is None or len(span) == 0:
            log.debug("%s %s: content offsets fall outside the text", attribution.doc_id, attribution.quote_id)
            continue
        claim = Claim(attribution, _polarity(attribution, span), span.text, _terms(span), story)
        if _points_back(span, claim):
            claim = _with_antecedent(claim, claims)
        claims.append(claim)
    return claims


def _polarity(attribution: Attribution, span) -> int:
    if attribution.stance == "denial":
        return -1  # a denial's content often restates the negative ("said no troops crossed"): no double flip
    return -1 if _negated(span.root) else 1


def _negated(root) -> bool:
    """The clause's main verb is negated, or its subject or object is ("no aircraft", "none of")."""
    negations = word_set("conflicts_negations")
    for child in root.children:
        if child.dep_ == "neg" or child.lower_ in negations:
            return True
        if child.dep_ in ARGUMENT_DEPS and any(g.dep_ == "det" and g.lower_ in negations for g in child.children):
            return True
    return False


def _terms(span) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in span if t.pos_ in TERM_POS and not t.is_stop and t.text.isalnum())


def _entity_key(entity) -> tuple[str, ...]:
    """ "the Valdorian Defence Ministry" -> ("valdorian", "defence", "ministry"); () for other labels."""
    if entity.label_ not in ENTITY_LABELS:
        return ()
    return tuple(t.lower_ for t in entity if t.is_alpha and t.lower_ != "the")


def _points_back(span, claim: Claim) -> bool:
    """The content names no proposition of its own: a pronoun ("denied it"), a claim noun without a
    clause ("rejected the claim"), or a denial with hardly any content words ("denied any wrongdoing")."""
    root = span.root
    if root.pos_ == "PRON":
        return True
    if root.lemma_.lower() in word_set("conflicts_claim_nouns") and not any(c.dep_ in CLAUSE_DEPS for c in root.children):
        return True
    # An assertion this short stands alone ("turnout was 64 percent"); a denial this short answers someone.
    return claim.attribution.stance == "denial" and len(claim.terms) < MIN_TERMS


def _with_antecedent(claim: Claim, earlier: Sequence[Claim]) -> Claim:
    """The claim joined with the nearest earlier claim by another speaker in the same document."""
    start = claim.attribution.quote_start
    for previous in reversed(earlier):
        if start - previous.attribution.quote_end > ANTECEDENT_REACH:
            break
        if previous.speaker != claim.speaker:
            return Claim(
                claim.attribution,
                claim.polarity,
                f"{previous.text} {claim.text}",
                claim.terms | previous.terms,
                claim.story,
            )
    return claim


# ---- similarity and groups ---------------------------------------------------------------


def claim_similarity(claims: Sequence[Claim], settings: ConflictSettings) -> np.ndarray:
    """Pairwise similarity; 0 between claims of documents that share no named entity (other stories)."""
    embeddings = embed([_without_negation(c.text) for c in claims])
    similarity = settings.embedding_weight * (embeddings @ embeddings.T)
    similarity += settings.terms_weight * _term_overlap(claims)
    similarity *= _same_story(claims)
    np.fill_diagonal(similarity, 0.0)
    return similarity


def _without_negation(text: str) -> str:
    """The text with its negation words dropped: polarity is kept apart, so "no aircraft entered
    our airspace" should read as close to "a drone entered our airspace" as the encoder allows."""
    negations = word_set("conflicts_negations")
    return " ".join(w for w in TOKEN.findall(text) if w.lower() not in negations and not w.lower().endswith("n't"))


def embed(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised MiniLM sentence embeddings (mean pooling over tokens), one row per text."""
    import torch

    tokenizer, model = load_encoder()
    rows = []
    for start in range(0, len(texts), EMBED_BATCH):
        batch = tokenizer(
            list(texts[start : start + EMBED_BATCH]),
            padding=True, truncation=True, max_length=EMBED_MAX_TOKENS, return_tensors="pt",
        )  # fmt: skip
        with torch.no_grad():
            hidden = model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)
        rows.append(torch.nn.functional.normalize(pooled, dim=1).numpy())
    return np.concatenate(rows) if rows else np.zeros((0, 0), dtype=np.float32)


def _term_overlap(claims: Sequence[Claim]) -> np.ndarray:
    return _weighted_jaccard([c.terms for c in claims])


def _weighted_jaccard(sets: Sequence[frozenset[str]]) -> np.ndarray:
    """Jaccard of sets whose members weigh their rarity among the sets: log(n / count).

    A word or name that every claim shares (the story's main actor) weighs nothing.
    """
    n = len(sets)
    counts = Counter(member for s in sets for member in s)
    weight = {member: math.log(n / count) for member, count in counts.items()}
    overlap = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        for j in range(i + 1, n):
            union = sum(weight[m] for m in sets[i] | sets[j])
            if union > 0:
                overlap[i, j] = overlap[j, i] = sum(weight[m] for m in sets[i] & sets[j]) / union
    return overlap


def _same_story(claims: Sequence[Claim]) -> np.ndarray:
    """1 for claims of one document or of documents that name a common entity, else 0."""
    stories = {c.attribution.doc_id: c.story for c in claims}
    related = {(x, y): x == y or _share_entity(stories[x], stories[y]) for x in stories for y in stories}
    docs = [c.attribution.doc_id for c in claims]
    return np.array([[1.0 if related[(x, y)] else 0.0 for y in docs] for x in docs], dtype=np.float32)


def _share_entity(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> bool:
    if a & b:
        return True
    return any(len(x) == len(y) and all(map(_same_stem, x, y)) for x in a for y in b)


def _same_stem(a: str, b: str) -> bool:
    """ "korea" ~ "korean", "valdoria" ~ "valdorian": a name and its adjective."""
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= ENTITY_STEM_MIN and long.startswith(short[:-1]) and len(long) - len(short) <= 3


def group_claims(similarity: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage clusters: merge the two closest groups while their mean similarity >= threshold."""
    groups: list[list[int]] = [[i] for i in range(len(similarity))]
    linkage = similarity.astype(np.float64).copy()
    np.fill_diagonal(linkage, -np.inf)
    alive = np.ones(len(groups), dtype=bool)
    while alive.sum() > 1:
        masked = np.where(np.outer(alive, alive), linkage, -np.inf)
        i, j = np.unravel_index(np.argmax(masked), masked.shape)
        if masked[i, j] < threshold:
            break
        i, j = min(i, j), max(i, j)
        size_i, size_j = len(groups[i]), len(groups[j])
        # Lance-Williams update for average linkage: the merged group's mean similarity to the rest.
        linkage[i, :] = (size_i * linkage[i, :] + size_j * linkage[j, :]) / (size_i + size_j)
        linkage[:, i] = linkage[i, :]
        linkage[i, i] = -np.inf
        groups[i] = groups[i] + groups[j]
        alive[j] = False
    return [sorted(groups[k]) for k in range(len(groups)) if alive[k] and len(groups[k]) > 1]


# ---- conflicts ---------------------------------------------------------------------------


def _conflicts(claims: Sequence[Claim], groups: Sequence[Sequence[int]], similarity: np.ndarray) -> list[Conflict]:
    conflicts: list[Conflict] = []
    number = 0
    for group in sorted(groups):
        pairs = [
            (i, j) for i in group for j in group
            if claims[i].polarity > 0 > claims[j].polarity and _different_speakers(claims[i], claims[j])
        ]  # fmt: skip
        if not pairs:
            continue
        number += 1
        label = proposition_label(claims, group, similarity)
        for i, j in pairs:
            score = float(similarity[i, j])
            conflicts.append(Conflict(f"c{number:02d}", label, claims[i].attribution, claims[j].attribution, score))
    return conflicts


def _different_speakers(a: Claim, b: Claim) -> bool:
    # By name, not speaker_id: the id carries the type, and one source typed two ways is still one.
    key_a, key_b = slug(a.attribution.speaker), slug(b.attribution.speaker)
    return key_a != key_b or not key_a  # two unnamed sources are not known to be the same


def proposition_label(claims: Sequence[Claim], group: Sequence[int], similarity: np.ndarray) -> str:
    """The opening words of the group's most central asserting claim (its own content)."""
    asserting = [i for i in group if claims[i].polarity > 0] or list(group)
    central = max(asserting, key=lambda i: (sum(similarity[i, j] for j in group), -i))
    words = claims[central].attribution.quote_text.strip(" \"'“”‘’«»„,.;:").split()
    if words[:1] == ["that"]:  # reported speech keeps its complementiser: "said that X" -> X
        words = words[1:]
    return " ".join(words[:LABEL_WORDS]) + (" …" if len(words) > LABEL_WORDS else "")


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """attribution/data/<name>.en.txt, loaded once: one entry a line, # comments."""
    lines = (DATA_DIR / f"{name}.en.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))
