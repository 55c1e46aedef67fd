"""Who writes: the "I" of an op-ed or a letter, outside quotation marks.

Op-eds close on a line that says who wrote them ("Rick Scott is the Republican governor of
Florida."); letters to the editor are signed on a line of their own ("Richard Hays Powell.").
"""

from __future__ import annotations

from attribution.speakers.coref import Entity, EntityIndex
from attribution.speakers.mentions import honorific_gender, is_title_word
from attribution.speakers.roles import phrase_role

# A letter's signature follows its last paragraph closely: lines searched after the pronoun's.
MAX_LINES_TO_SIGNATURE = 8
# Words of a title before the author's name on the tagline ("Rep.", "Former Gov.").
MAX_TITLE_TOKENS = 3


def text_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line that holds more than white space, without its line break."""
    spans, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def tagline_author(doc, index: EntityIndex, lines: list[tuple[int, int]]) -> tuple[Entity, str] | None:
    """The person an op-ed's last line says it is by, and the role it gives them:
    "Rick Scott is the Republican governor of Florida." -> (Rick Scott, "Republican governor of
    Florida"); "Rep. Debbie Wasserman Schultz, D-Fla., chairs the Democratic National Committee."
    -> (Debbie Wasserman Schultz, "chairs the Democratic National Committee")."""
    if not lines:
        return None
    tokens = doc.char_span(*lines[-1], alignment_mode="contract")
    if tokens is None or len(tokens) == 0:
        return None
    opening = next((t for t in tokens[:MAX_TITLE_TOKENS + 1] if index.entity_at(t.i) is not None), tokens[0])
    if any(not (is_title_word(t) or honorific_gender(t) is not None or t.is_punct) for t in tokens[: opening.i - tokens.start]):
        return None  # the line opens with words that are no title: it is about someone, not by them
    person = _person_opening(index, tokens[opening.i - tokens.start :])
    if person is None:
        return None
    subject = opening
    while subject.head.i != subject.i and subject.dep_ not in ("nsubj", "nsubjpass"):
        subject = subject.head
    verb = subject.head
    if subject.dep_ != "nsubj":
        return None
    if verb.lemma_ == "be":
        attribute = next((c for c in verb.children if c.dep_ == "attr"), None)
        return person, phrase_role(doc, attribute, any_noun=True) if attribute is not None else ""
    job = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if job is None or verb.tag_ != "VBZ" or verb.dep_ != "ROOT":
        return None
    return person, doc[verb.i : job.right_edge.i + 1].text  # "chairs the Democratic National Committee"


def signed_by(doc, index: EntityIndex, lines: list[tuple[int, int]], offset: int) -> Entity | None:
    """The person who signs, on a line of its own, the letter that holds `offset`."""
    later = [line for line in lines if line[0] > offset][:MAX_LINES_TO_SIGNATURE]
    for start, end in later:
        tokens = doc.char_span(start, end, alignment_mode="contract")
        if tokens is None or len(tokens) == 0:
            continue
        person = _person_opening(index, tokens)
        words = [t for t in tokens if not t.is_punct]
        if person is not None and all(index.entity_at(t.i) is person for t in words):
            return person
    return None


def _person_opening(index: EntityIndex, tokens) -> Entity | None:
    entity = index.entity_at(tokens[0].i)
    return entity if entity is not None and entity.kind == "person" else None
