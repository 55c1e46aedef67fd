"""Speaker resolution: each quote's source mention to a named person or organisation, with role.

The source mention is read by its head word: a pronoun is resolved to its antecedent (or, for
"I" and "we", to the speaker of the quote around it); a name to the entity it names, with the
fullest name the document uses; a description ("the minister", "the campaign", "the poll") to the
entity it describes earlier; an unnamed source ("officials", "a spokesman for X") stays unnamed,
never guessed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Sequence

from attribution.speakers import lexicon
from attribution.speakers.coref import GROUP_KINDS, PERSON_KINDS, Entity, EntityIndex, normalise
from attribution.speakers.ids import speaker_id
from attribution.speakers.mentions import (
    find_names,
    is_title_word,
    mention_for_tokens,
    sentence_of,
    sentence_starts,
    span_text,
)
from attribution.speakers.roles import channel_role, first_role, phrase_role
from attribution.types import Quote, Speaker

log = logging.getLogger(__name__)

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Dependents that name who a description belongs to: "a CNN poll", "Trump's campaign".
OWNER_DEPS = frozenset({"compound", "poss", "nmod"})
# Prepositions that name the owner or maker: "a poll by Quinnipiac", "a spokesman for Clinton".
OWNER_PREPS = frozenset({"by", "from", "of", "for", "at", "with"})
# Modifiers that never own a description ("a September poll").
NOT_OWNER_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
# A person description's owner after these ("a spokesman for X") leaves the person unnamed;
# "the former secretary of State" is still someone named before.
PERSON_OWNER_PREPS = frozenset({"for", "at", "with"})
# "a major foreign media including TASS": the named member stands for the group.
MEMBER_PREPS = frozenset({"including", "like", "such"})
QUOTE_MARKS = frozenset('"“”«»„')
HEAD_POS = frozenset({"PROPN", "NOUN", "PRON"})
PARTY_MEMBERS = frozenset({"republican", "democrat", "independent", "libertarian", "conservative", "liberal", "progressive"})
PERSON_RELATIVES = frozenset({"who", "whom", "whose"})
# How far up the parse "who" looks for the person its clause is about.
RELATIVE_HOPS = 4
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
# How many characters beside a quotation its reporting clause ("..., Murphy said") is sought.
ATTRIBUTION_WINDOW = 120
NOT_THIRD_PERSON = frozenset({"my", "our", "your"})
QUANTIFIERS = frozenset({"some", "many", "most", "several", "few", "other", "others", "both", "all", "a", "an", "one", "any", "each", "no"})
NAME_POS = frozenset({"PROPN"})
RELATIVE_HEAD_DEPS = frozenset({"relcl", "acl"})
# How a name hangs on a title that the parser made the head ("nominee Donald Trump").
NAME_LINK_DEPS = frozenset({"appos", "compound", "npadvmod", "dep"})
# Descriptions that fit any organisation ("the group"), tried on the latest one when no name
# holds the word; and how far back that may look (in sentences).
GENERIC_ORG_NOUNS = frozenset({"group", "organization", "organisation", "company", "firm", "agency", "outlet", "network", "newspaper", "paper", "magazine", "website", "channel", "broadcaster"})
DESCRIPTION_SENTENCES_BACK = 5
# Organisations a person can own and that speak for them ("Trump's campaign" -> "Trump campaign").
PERSON_ORG_NOUNS = frozenset({"campaign", "administration", "office", "foundation", "organization", "company", "committee", "pac"})
# Verbs of reporting that make an organisation a media outlet ("Variety reported").
MEDIA_CUE_LEMMAS = frozenset({"report", "publish", "broadcast"})


@dataclass(frozen=True)
class Resolved:
    """A speaker before its mention and id are attached."""

    name: str
    speaker_type: str
    role: str = ""
    entity: Entity | None = None


UNNAMED = Resolved("", "unnamed")
NONE = Resolved("", "none")


def resolve_speakers(doc, quotes: Sequence[Quote]) -> list[Speaker]:
    """One Speaker per quote, in the same order."""
    resolver = _Resolver(doc, quotes)
    return [resolver.speaker(i) for i in range(len(quotes))]


class _Resolver:
    def __init__(self, doc, quotes: Sequence[Quote]):
        self.doc = doc
        self.quotes = quotes
        self.starts = sentence_starts(doc)
        self.index = EntityIndex(doc, find_names(doc), self._sentence_of)
        self.roles: dict[int, str] = {}
        self.done: dict[int, Resolved] = {}
        self.pending: set[int] = set()
        # Resolve in the order the mentions are written: the speaker of the last quote is
        # then known when "He added" is reached.
        for i in sorted(range(len(quotes)), key=self._position):
            self._resolve_quote(i)

    def _sentence_of(self, token_index: int) -> int:
        return sentence_of(self.starts, token_index)

    def _position(self, i: int) -> int:
        quote = self.quotes[i]
        span = quote.source_mention or quote.cue or quote.content
        return span.start

    def speaker(self, i: int) -> Speaker:
        resolved = self.done[i]
        mention = self.quotes[i].source_mention
        return Speaker(
            name=resolved.name,
            speaker_type=resolved.speaker_type,
            role=resolved.role,
            mention=mention,
            speaker_id=speaker_id(resolved.name, resolved.speaker_type),
        )

    def _resolve_quote(self, i: int) -> Resolved:
        if i in self.done:
            return self.done[i]
        if i in self.pending:  # a quote inside its own speaker's words: no answer, not a loop
            return UNNAMED
        self.pending.add(i)
        try:
            resolved = self._resolve_mention(self.quotes[i])
        except (IndexError, ValueError, KeyError) as exc:  # odd parses must not sink the document
            log.warning("speaker of quote %d not resolved: %s", i, type(exc).__name__)
            resolved = UNNAMED
        self.pending.discard(i)
        self.done[i] = resolved
        return resolved

    def _resolve_mention(self, quote: Quote) -> Resolved:
        mention = quote.source_mention
        if mention is None or not mention.text.strip():
            return NONE
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return NONE
        root = self._span_head(span)
        resolved = self._resolve_head(root, span.start, span.end, quote)
        if resolved.entity is not None:
            self.index.note_speaker(resolved.entity, root.i)
        if resolved.speaker_type == "organization" and _cue_lemma(self.doc, quote.cue) in MEDIA_CUE_LEMMAS:
            resolved = Resolved(resolved.name, "media", resolved.role, resolved.entity)
        if resolved.speaker_type in ("organization", "country") and not resolved.role:
            verb = root.head if root.dep_ in SUBJECT_DEPS else None
            role = channel_role(self.doc, verb)
            resolved = Resolved(resolved.name, resolved.speaker_type, role, resolved.entity)
        return resolved

    def _span_head(self, span):
        """The word the mention is about: of the words whose head lies outside it, the first
        that names an entity, else the first noun or pronoun. (spaCy's span.root may be an
        adjective or a title when a parse hangs the phrase on two heads.)"""
        heads = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
        named = [t for t in heads if self.index.entity_at(t.i) is not None and t.pos_ in NAME_POS]
        nouns = [t for t in heads if t.pos_ in HEAD_POS]
        if not named and not nouns:  # "by Senate campaign chairman Chuck Schumer": below a preposition
            nouns = [t for t in span if t.pos_ in HEAD_POS and t.head.pos_ not in HEAD_POS]
        return (named or nouns or [span.root])[0]

    # -- by the kind of head word -------------------------------------------------------------

    def _resolve_head(self, root, start: int, end: int, quote: Quote | None) -> Resolved:
        pronoun = lexicon.pronouns().get(root.lower_)
        if pronoun is not None and root.pos_ in ("PRON", "DET", "SCONJ") or (pronoun and end - start == 1):
            return self._pronoun(root, pronoun, quote)
        entity = self.index.entity_at(root.i)
        if entity is not None and entity.kind == "person" and self._names_someone_else(root, start, entity):
            entity = self._add_unmarked(root, start, "PERSON")
        if entity is not None:
            return self._possessed(root, start) or self._from_entity(entity, root)
        named = self._titled_person(root, start, end)
        if named is not None:
            return self._from_entity(named, root)
        if _looks_like_name(root) and root.lower_ not in lexicon.unnamed_heads():
            return self._unmarked_name(root, start)
        return self._description(root, start, end)

    def _names_someone_else(self, root, start: int, entity: Entity) -> bool:
        """"Ivanka Trump" where NER only found "Trump" (Donald): a first name and surname whose
        first name disagrees with the entity's is another person."""
        first = root.i
        while first - 1 >= start and self.doc[first - 1].pos_ in NAME_POS and self.doc[first - 1].is_title:
            first -= 1
        words = [t.lower_ for t in self.doc[first : root.i + 1] if not is_title_word(t)]
        known = entity.name.lower().split()
        return len(words) == 2 and len(known) > 1 and words[0] != known[0] and words[-1] == known[-1]

    def _titled_person(self, root, start: int, end: int) -> Entity | None:
        """"presumptive Republican nominee Donald Trump" parsed with the title as head: the name
        joined to it (as compound or appositive) is the speaker, not the title."""
        if not (root.lower_ in lexicon.titles() or root.lemma_.lower() in lexicon.titles()):
            return None
        for token in self.doc[start:end]:
            entity = self.index.entity_at(token.i)
            if entity is not None and entity.kind == "person" and token.dep_ in NAME_LINK_DEPS and token.head.i == root.i:
                return entity
            if entity is not None and entity.kind == "person" and root.dep_ in ("compound", "appos") and root.head.i == token.i:
                return entity
        return None

    def _possessed(self, root, start: int) -> Resolved | None:
        """"Russia's Foreign Ministry": the organisation is named with its owner, in the document's words."""
        entity = self.index.entity_at(root.i)
        possessor = next((c for c in root.children if c.dep_ == "poss"), None)
        if entity.kind != "organization" or possessor is None or possessor.i < start:
            return None
        owner = self.index.entity_at(possessor.i)
        if owner is None or owner.kind not in ("country", "organization"):
            return None
        name = span_text(self.doc, possessor.left_edge.i, root.i + 1)
        return Resolved(name, "organization", self._role(entity), entity)

    def _pronoun(self, root, pronoun, quote: Quote | None) -> Resolved:
        if pronoun.person == "rel":
            return self._relative(root)
        if pronoun.person == "1":
            return self._first_person(root, quote)
        if pronoun.person == "2":
            return UNNAMED
        plural = pronoun.number == "pl"
        entity = self.index.resolve_pronoun(root, pronoun.gender, plural)
        if entity is None or (plural and self._plural_noun_nearer(root, entity)):
            return UNNAMED
        return self._from_entity(entity, None)

    def _relative(self, root) -> Resolved:
        """"..., who said": the noun the relative clause hangs on. "who" means a person: when the
        parse hangs it on an organisation ("Matt Duss, the president of the Foundation ..., who"),
        the person that organisation's phrase belongs to."""
        verb = root.head
        if verb.dep_ not in RELATIVE_HEAD_DEPS or verb.head is verb:
            return UNNAMED
        noun = verb.head
        if root.lower_ in PERSON_RELATIVES:
            noun = self._person_above(noun) or noun
        return self._resolve_head(noun, noun.left_edge.i, noun.i + 1, None)

    def _person_above(self, noun):
        token = noun
        for _ in range(RELATIVE_HOPS):
            entity = self.index.entity_at(token.i)
            if entity is not None and entity.kind == "person":
                return token
            if token.head is token:
                return None
            token = token.head
        return None

    def _first_person(self, root, quote: Quote | None) -> Resolved:
        """"I" and "we" in someone's words are that someone: the speaker of the quote around them,
        or of the quotation marks around them."""
        inside = [
            i
            for i, other in enumerate(self.quotes)
            if other is not quote and other.content.start <= root.idx < other.content.end
        ]
        if inside:
            innermost = min(inside, key=lambda i: self.quotes[i].content.end - self.quotes[i].content.start)
            return self._resolve_quote(innermost)
        region = quoted_region(self.doc.text, root.idx)
        if region is None:
            return UNNAMED
        subject = self._subject_next_to(region)
        if subject is None:
            return UNNAMED
        return self._resolve_head(subject, subject.left_edge.i, subject.i + 1, None)

    def _subject_next_to(self, region: tuple[int, int]):
        """The subject of the reporting clause right after (or else right before) a quotation."""
        start, end = region
        after = self.doc.char_span(end, min(len(self.doc.text), end + ATTRIBUTION_WINDOW), alignment_mode="contract")
        before = self.doc.char_span(max(0, start - ATTRIBUTION_WINDOW), start, alignment_mode="contract")
        for span in (after, before):
            if span is None:
                continue
            tokens = span if span is after else reversed(span)
            for token in tokens:
                if token.dep_ in SUBJECT_DEPS and token.lower_ not in FIRST_PERSON and token.head.pos_ in ("VERB", "AUX"):
                    return token
        return None

    def _plural_noun_nearer(self, root, entity: Entity) -> bool:
        """"Officials ... they said": a plural noun subject nearer than the entity is the antecedent."""
        last = max((m.head for m in entity.mentions if m.head < root.i), default=-1)
        for token in self.doc[last + 1 : root.i]:
            if token.tag_ == "NNS" and token.dep_ in SUBJECT_DEPS:
                return True
        return False

    def _unmarked_name(self, root, start: int) -> Resolved:
        """A capitalised name NER did not mark ("Devine said"): a person unless it looks otherwise."""
        entity = self._add_unmarked(root, start, "PERSON")
        return UNNAMED if entity is None else self._from_entity(entity, root)

    def _add_unmarked(self, root, start: int, default_label: str) -> Entity | None:
        first = root.i
        while first - 1 >= start and self.doc[first - 1].pos_ in NAME_POS:
            first -= 1
        words = {t.lower_ for t in self.doc[first : root.i + 1]}
        is_org = (
            words & (lexicon.org_heads() | lexicon.outlet_words())
            or normalise(root.text) in lexicon.outlets()
            or _camel_or_domain(root.text)
        )
        mention = mention_for_tokens(self.doc, first, root.i + 1, "ORG" if is_org else default_label)
        return None if mention is None else self.index.add(mention)

    def _description(self, root, start: int, end: int) -> Resolved:
        word = root.lower_
        lemma = root.lemma_.lower()
        named = self._appositive_person(root)
        if named is not None:  # "another Twitter user, Johanna Bayer"
            return self._from_entity(named, None)
        member = self._member_name(root) if word not in lexicon.unnamed_heads() else None
        if member is not None:
            return self._from_entity(member, None, media=word in lexicon.media_words() or lemma in lexicon.media_words())
        if word in lexicon.media_words() or lemma in lexicon.media_words():
            return self._media_description(root)
        if lemma in lexicon.org_heads() or word in lexicon.org_heads():
            return self._org_description(root, start)
        if word in lexicon.titles() or lemma in lexicon.titles() or _is_party_member(root):
            return self._person_description(root)
        return UNNAMED

    def _appositive_person(self, root):
        for child in root.children:
            if child.dep_ == "appos" and child.i > root.i:
                entity = self.index.entity_at(child.i)
                if entity is not None and entity.kind == "person":
                    return entity
        return None

    def _member_name(self, root) -> Entity | None:
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ in MEMBER_PREPS:
                for noun in prep.subtree:
                    entity = self.index.entity_at(noun.i)
                    if entity is not None and entity.kind in ("organization", "person"):
                        return entity
        return None

    def _owner(self, root, preps: frozenset[str] = OWNER_PREPS) -> Entity | None:
        """Who a description belongs to: "a CNN poll", "Trump's campaign", "a poll by Gallup",
        "the RealClearPolitics polling average", "the results of the latest Quinnipiac poll"."""
        modifiers = [c for c in _modifier_chain(root) if c.ent_type_ not in NOT_OWNER_ENTS]
        for child in modifiers:
            entity = self.index.entity_at(child.i)
            if entity is not None and entity.kind != "group":
                return entity
        for child in modifiers:
            if _looks_like_name(child) and (child.pos_ in NAME_POS or not child.is_sent_start):
                return self._add_unmarked(child, child.left_edge.i, "ORG")
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for noun in child.children:
                    entity = self.index.entity_at(noun.i) if noun.dep_ == "pobj" else None
                    if entity is not None and entity.kind != "group":
                        return entity
                    if entity is None and noun.dep_ == "pobj" and noun.lemma_.lower() in lexicon.media_words():
                        return self._owner(noun, preps)
        return None

    def _is_definite(self, root) -> bool:
        determiners = [c.lower_ for c in root.children if c.dep_ in ("det", "poss")]
        if not determiners or determiners[0] in QUANTIFIERS or determiners[0] in NOT_THIRD_PERSON:
            return False
        return root.tag_ in ("NN", "NNP")

    def _media_description(self, root) -> Resolved:
        owner = self._owner(root)
        if owner is None and self._is_definite(root):
            owner = self._earlier_owner(root)
        if owner is None and self._is_definite(root) and root.lemma_.lower() in GENERIC_ORG_NOUNS:
            outlets = [e for e in self.index.entities if e.kind == "organization" and is_media_name(e.name)]
            owner = self.index.most_salient(root, frozenset({"organization"}), DESCRIPTION_SENTENCES_BACK)
            owner = owner if owner in outlets else None
        if owner is not None:
            return self._from_entity(owner, None, media=True)
        # Bare plurals ("reports said") name no source at all; "the poll" names a document.
        return UNNAMED if root.tag_ == "NNS" and not self._is_definite(root) else Resolved("", "media")

    def _earlier_owner(self, root) -> Entity | None:
        """"the poll" after "a Quinnipiac poll": the owner of the last same-headed phrase."""
        lemma = root.lemma_.lower()
        for token in reversed(self.doc[: root.i]):
            if token.lemma_.lower() == lemma and token.pos_ == "NOUN":
                owner = self._owner(token)
                if owner is not None:
                    return owner
        return None

    def _org_description(self, root, start: int) -> Resolved:
        owner = self._owner(root, frozenset())  # "the Clinton campaign", "Trump's campaign"; not "a group of Rabbis"
        possessor = next((c for c in root.children if c.dep_ == "poss"), None)
        if owner is None and possessor is not None and possessor.lower_ in lexicon.pronouns():
            pronoun = lexicon.pronouns()[possessor.lower_]
            owner = self.index.resolve_pronoun(possessor, pronoun.gender, pronoun.number == "pl")
            if owner is not None and owner.kind == "person" and root.lemma_.lower() in PERSON_ORG_NOUNS:
                return Resolved(f"{owner.name.split()[-1]} {root.text}", "organization")
            owner = None
        if owner is not None and owner.kind == "person" and root.lemma_.lower() not in PERSON_ORG_NOUNS:
            return UNNAMED  # "Trump's army of Twitter followers": people, not an organisation
        if owner is not None:
            first = min(t.i for t in root.subtree if t.i >= start and not t.dep_ == "det")
            text = span_text(self.doc, first, root.i + 1)
            if owner.kind == "person":
                return Resolved(_drop_possessive(text), "organization")
            return Resolved(text, "organization")
        if self._is_definite(root):
            entity = self.index.resolve_description(root, root.lemma_, GROUP_KINDS, self._role)
            if entity is not None:
                return self._from_entity(entity, None)
            named = self._earlier_named_description(root)
            if named:
                return Resolved(named, "organization")
            if root.lemma_.lower() in GENERIC_ORG_NOUNS:
                entity = self.index.most_salient(root, frozenset({"organization"}), DESCRIPTION_SENTENCES_BACK)
                if entity is not None:
                    return self._from_entity(entity, None)
        return UNNAMED

    def _earlier_named_description(self, root) -> str:
        """"the campaign" after "the Clinton campaign": that phrase, as the document wrote it."""
        lemma = root.lemma_.lower()
        for token in reversed(self.doc[: root.i]):
            if token.lemma_.lower() == lemma and self._owner(token) is not None:
                owner = self._owner(token)
                first = min(t.i for t in token.subtree if t.dep_ != "det" and t.i <= token.i)
                text = span_text(self.doc, first, token.i + 1)
                return _drop_possessive(text) if owner.kind == "person" else text
        return ""

    def _person_description(self, root) -> Resolved:
        role = phrase_role(self.doc, root)
        if root.tag_ in ("NN", "NNP") and self._is_definite(root) and self._owner(root, PERSON_OWNER_PREPS) is None:
            entity = self.index.resolve_description(root, root.lemma_, PERSON_KINDS, self._role)
            if entity is None:  # "the Utah Republican", "the candidate": the person just spoken of
                entity = self.index.most_salient(root, PERSON_KINDS, DESCRIPTION_SENTENCES_BACK)
            if entity is not None:
                return self._from_entity(entity, None)
        if root.tag_ == "NNS":
            return UNNAMED
        return Resolved("", "unnamed", role)

    # -- entities to speakers -----------------------------------------------------------------

    def _from_entity(self, entity: Entity, root, media: bool = False) -> Resolved:
        if entity.kind == "group":
            return UNNAMED
        if entity.kind == "person" and not normalise(entity.name) in lexicon.outlets():
            return Resolved(entity.name, "person", self._role(entity), entity)
        speaker_type = "media" if media or is_media_name(entity.name) else entity.kind
        return Resolved(entity.name, speaker_type, self._role(entity), entity)

    def _role(self, entity: Entity) -> str:
        if entity.eid not in self.roles:
            self.roles[entity.eid] = first_role(self.doc, entity.mentions)
        return self.roles[entity.eid]


def quoted_region(text: str, offset: int) -> tuple[int, int] | None:
    """The quotation marks around `offset` within its paragraph, as (open, close) offsets."""
    para_start = text.rfind("\n", 0, offset) + 1
    para_end = text.find("\n", offset)
    para_end = len(text) if para_end < 0 else para_end
    opening = None
    i = para_start
    while i < para_end:
        mark = _quote_mark_at(text, i)
        if mark:
            if opening is None:
                opening = i
            elif i >= offset:
                return (opening, i + len(mark)) if opening < offset else None
            else:
                opening = None
            i += len(mark)
        else:
            i += 1
    return None


def _quote_mark_at(text: str, i: int) -> str:
    if text.startswith("''", i) or text.startswith("``", i):
        return text[i : i + 2]
    return text[i] if text[i] in QUOTE_MARKS else ""


def _cue_lemma(doc, cue) -> str:
    if cue is None:
        return ""
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    return span.root.lemma_.lower() if span is not None and len(span) else ""


def _modifier_chain(root) -> list:
    """The compound, possessive and nmod modifiers before a noun, and theirs in turn."""
    found = []
    for child in root.children:
        if child.dep_ in OWNER_DEPS and child.i < root.i:
            found.append(child)
            found.extend(_modifier_chain(child))
    return found


def _is_party_member(token) -> bool:
    """"the Utah Republican", "a California Democrat": one person described by party."""
    return token.lower_ in PARTY_MEMBERS and token.tag_ in ("NNP", "NN")


def _camel_or_domain(word: str) -> bool:
    """"RealClearPolitics", "GunBroker.com": written like an organisation, not a person."""
    inner_capital = any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))
    return inner_capital or "." in word.strip(".")


def _looks_like_name(token) -> bool:
    """A capitalised word NER left untagged: a proper noun, or a capital that is not just the
    sentence's first letter ("GunBroker.com", "Devine")."""
    if len(token.text) < 2 or not token.text[0].isupper() and not any(c.isupper() for c in token.text[1:]):
        return False
    return token.pos_ in NAME_POS or not token.is_sent_start


def is_media_name(name: str) -> bool:
    """An outlet or agency: a known outlet, or a name with a media word ("The New York Times")."""
    key = normalise(name)
    if key in lexicon.outlets():
        return True
    return any(word in lexicon.outlet_words() for word in key.split())


def _drop_possessive(text: str) -> str:
    """"Trump's campaign" -> "Trump campaign": the organisation's name, not a phrase about it."""
    return text.replace("'s ", " ").replace("’s ", " ")

