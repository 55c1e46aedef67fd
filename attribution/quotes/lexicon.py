"""The quote detector's cue word lists (attribution/data/quotes_*.en.txt), loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def read_word_list(name: str, language: str = "en") -> frozenset[str]:
    """One lower-case entry per line; blank lines and `#` comments are skipped."""
    path = DATA_DIR / f"{name}.{language}.txt"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip().lower()
        if entry:
            words.add(entry)
    return frozenset(words)


@dataclass(frozen=True)
class CueLexicon:
    speech_verbs: frozenset[str]  # say, tell, deny ...: their complement is what was said
    belief_verbs: frozenset[str]  # believe, want, plan ...: their complement is an attributed belief
    object_verbs: frozenset[str]  # deny, dismiss, confirm ...: their direct object is the claim
    intention_verbs: frozenset[str]  # want, plan, promise ...: their `to`-clause (xcomp) is the content
    nominal_cues: frozenset[str]  # statement, claim, interview ...: nouns that report speech
    findings_nouns: frozenset[str]  # poll, survey ...: "In a new poll, ..." is the source of its sentence
    audience_verbs: frozenset[str]  # tell, inform ...: their object is who heard it ("told reporters")
    prepositional_cues: frozenset[str]  # "call for", "talk about": the prepositional object is the content

    def is_cue_verb(self, lemma: str) -> bool:
        return lemma in self.speech_verbs or lemma in self.belief_verbs

    def kind(self, lemma: str) -> str:
        return "belief" if lemma in self.belief_verbs and lemma not in self.speech_verbs else "speech"


@lru_cache(maxsize=None)
def load_lexicon(language: str = "en") -> CueLexicon:
    return CueLexicon(
        speech_verbs=read_word_list("quotes_reporting_verbs", language),
        belief_verbs=read_word_list("quotes_belief_verbs", language),
        object_verbs=read_word_list("quotes_object_cue_verbs", language),
        intention_verbs=read_word_list("quotes_intention_verbs", language),
        nominal_cues=read_word_list("quotes_nominal_cues", language),
        findings_nouns=read_word_list("quotes_findings_nouns", language),
        audience_verbs=read_word_list("quotes_audience_verbs", language),
        prepositional_cues=read_word_list("quotes_prepositional_cues", language),
    )
