"""Who writes: the "I" of an op-ed or a letter, outside quotation marks.

Op-eds close on a line that says who wrote them ("Rick Scott is the Republican governor of
Florida."); letters to the editor are signed on a line of their own ("Richard Hays Powell.").
"""

from __future__ import annotations

from attribution.speakers.coref import Entity, EntityIndex
from attribution.speakers.roles import phrase_role

# A letter's signature follows its last paragraph closely: lines searched after the pronoun's.
MAX_LINES_TO_SIGNATURE = 8


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
    "Rick Scott is the Republican governor of Florida." -> (Rick Scott, "Republican governor of Florida")."""
    if not lines:
        return None
    tokens = doc.char_span(*lines[-1], alignment_mode="contract")
    if tokens is None or len(tokens) == 0:
        return None
    person = _person_opening(index, tokens)
    if person is None:
        return None
    subject = tokens[0]
    while subject.head.i != subject.i and subject.dep_ not in ("nsubj", "nsubjpass"):
        subject = subject.head
    verb = subject.head
    if subject.dep_ != "nsubj" or verb.lemma_ != "be":
        return None
    attribute = next((c for c in verb.children if c.dep_ == "attr"), None)
    return person, phrase_role(doc, attribute, any_noun=True) if attribute is not None else ""


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
