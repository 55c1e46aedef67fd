"""Stance v1, the baseline: a cue lexicon with negation, rebuttal and evaluative word lists.

It also gives the weak labels of the stance training data. The rules follow shared/spec/stance.md:
a rebuttal wins over the rest, a plain negative statement is an assertion, a judgement is an
evaluation, and the cue word alone does not decide when the content rebuts a claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from attribution.types import Stance

if TYPE_CHECKING:  # inputs.py calls lexicon_label to give the model the lexicon's verdict
    from attribution.stance.inputs import StanceInput

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Scores: the rough share of right answers each rule is meant to have, not calibrated.
NEGATED_CUE_SCORE = 0.5
DENIAL_CUE_SCORE = 0.9
DENIAL_CONTENT_SCORE = 0.7
EVALUATION_CUE_SCORE = 0.8
EVALUATION_CONTENT_SCORE = 0.6
DEFAULT_SCORE = 0.7
NEGATION_REACH = 2  # words before the cue that can negate it ("did not deny", "never praised")

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")  # no nested quantifiers: linear on any input


@dataclass(frozen=True)
class WordList:
    """Single words, matched as tokens, and phrases, matched as whole-word token runs."""

    words: frozenset[str]
    phrases: tuple[str, ...]

    def found_in(self, tokens: list[str]) -> bool:
        if any(token in self.words for token in tokens):
            return True
        joined = f" {' '.join(tokens)} "
        return any(f" {phrase} " in joined for phrase in self.phrases)


@lru_cache(maxsize=None)
def word_list(name: str) -> WordList:
    """attribution/data/<name>.en.txt, loaded once."""
    text = (DATA_DIR / f"{name}.en.txt").read_text(encoding="utf-8")
    entries = [" ".join(tokens(line)) for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return WordList(frozenset(e for e in entries if " " not in e), tuple(e for e in entries if " " in e))


def tokens(text: str) -> list[str]:
    """Lower-case word tokens; curly apostrophes read as straight ones ("isn’t" -> "isn't")."""
    return WORD.findall(text.lower().replace("\u2019", "'"))


def negated(words: Iterable[str]) -> bool:
    negations = word_list("stance_negations")
    return any(w in negations.words or w.endswith("n't") for w in words)


def lexicon_stance(item: "StanceInput") -> Stance:
    """The baseline's stance for one attribution."""
    return lexicon_label(item.cue, item.content, item.before_cue)


def lexicon_label(cue_text: str, content_text: str, before_cue: str = "") -> Stance:
    """The rules on plain strings: the cue, the content, and the words just before the cue."""
    cue, content = tokens(cue_text), tokens(content_text)
    if negated(cue) or negated(tokens(before_cue)[-NEGATION_REACH:]):
        # Withheld or negated speech ("did not deny", "declined to criticise") takes no stance.
        return Stance("assertion", NEGATED_CUE_SCORE)
    if word_list("stance_denial_cues").found_in(cue):
        return Stance("denial", DENIAL_CUE_SCORE)
    if _rebuts(content):
        return Stance("denial", DENIAL_CONTENT_SCORE)
    if _judging_cue(cue, content):
        return Stance("evaluation", EVALUATION_CUE_SCORE)
    if word_list("stance_evaluation_words").found_in(content):
        return Stance("evaluation", EVALUATION_CONTENT_SCORE)
    return Stance("assertion", DEFAULT_SCORE)


def _rebuts(content: list[str]) -> bool:
    """Rebuttal words ("false", "not true"), or a claim in circulation that is negated."""
    if word_list("stance_denial_words").found_in(content):
        return True
    return word_list("stance_claim_nouns").found_in(content) and negated(content)


def _judging_cue(cue: list[str], content: list[str]) -> bool:
    """An evaluation cue, except "called for / called on", which demand or propose, not judge."""
    if not word_list("stance_evaluation_cues").found_in(cue):
        return False
    particles = word_list("stance_call_particles").words
    calls = {"call", "calls", "called", "calling"}
    if any(w in calls for w in cue):
        after_call = cue[max(i for i, w in enumerate(cue) if w in calls) + 1 :] + content[:1]
        return not (after_call and after_call[0] in particles)
    return True
