"""Speaker resolution: each quote's source mention to a named person or organisation, with role.

The source mention is read by its head word: a pronoun is resolved to its antecedent (or, for
"I" and "we", to the speaker of the quote around it); a name to the entity it names, with the
fullest name the document uses; a description ("the minister", "the campaign", "the poll") to the
entity it describes earlier; an unnamed source ("officials", "a spokesman for X") stays unnamed,
never guessed.
"""

from __future__ import annotations

import logging
import re
from functools import cached_property
from typing import Sequence

from attribution.quotes.marks import introducing_colon
from attribution.speakers import lexicon
from attribution.speakers.authors import signed_by, tagline_author, text_lines
from attribution.speakers.coref import NOUN_GENDER, PERSON_KINDS, Entity, EntityIndex, is_generic_name, normalise
from attribution.speakers.descriptions import FORMER_WORDS, Descriptions, is_party_member
from attribution.speakers.ids import joint_name, speaker_id
from attribution.speakers.mentions import (
    PLURAL_TAGS,
    POLL_WORDS,
    SUBJECT_DEPS,
    camel_or_domain,
    find_names,
    honorific_gender,
    hyphen_joined,
    is_possessive,
    is_subject,
    is_title_word,
    looks_like_name,
    mention_for_tokens,
    sentence_of,
    sentence_starts,
    span_text,
)
from attribution.speakers.resolved import NONE, UNNAMED, Resolved, is_media_name
from attribution.speakers.roles import channel_role, described_job, first_role, is_form_of_address, phrase_role
from attribution.types import Quote, Speaker

log = logging.getLogger(__name__)

QUOTE_MARKS = frozenset('"“”«»„')
HEAD_POS = frozenset({"PROPN", "NOUN", "PRON"})
PERSON_RELATIVES = frozenset({"who", "whom", "whose"})
# How far up the parse "who" looks for the person its clause is about.
RELATIVE_HOPS = 4
# How many words back "who" looks for a person when the parse hangs it on a thing.
RELATIVE_REACH = 5
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
INDEFINITE_ARTICLES = frozenset({"a", "an"})
DETERMINERS = INDEFINITE_ARTICLES | {"the"}
# How many sentences back a pronoun with no named antecedent looks for the person described as a
# subject: the one before, and one more, since the parser can make a closing quotation mark a
# sentence of its own ('The mayor said "we will win." / She added ...').
UNNAMED_SENTENCES_BACK = 2
# Person nouns that tell a gender: "a spokesman ... she said" is someone else.
SINGULAR_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
# Paragraphs that open an interview's answer ("A: Because ...") and question ("Q: ...", "QWhat ...").
ANSWER_LINE = re.compile(r"^A[:.] ", re.MULTILINE)
# A party and state after a lawmaker's name: "Rep. Xavier Becerra (D-Calif.)", "Joni Ernst, R-Iowa".
PARTY_STATE = re.compile(r"[DRI]-[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?")
QUESTION_LINE = re.compile(r"^Q(?:[:.] |[A-Z])", re.MULTILINE)
# How many characters beside a quotation its reporting clause ("..., Murphy said") is sought.
ATTRIBUTION_WINDOW = 120
# Objects of a verb (who was asked: "asked Sanders whether ..."), and the words that open a question.
OBJECT_DEPS = frozenset({"dobj", "dative"})
QUESTION_WORDS = frozenset({"whether", "if", "what", "why", "how", "when", "who", "where", "which"})
MAX_LABEL_CHARS = 40  # "Sen. Marco Rubio:" opening a line, not a sentence that ends in a colon
NAME_POS = frozenset({"PROPN"})
# Pronouns whose antecedent the narration carries from sentence to sentence.
CHAIN_PRONOUNS = frozenset({"he", "she"})
RELATIVE_HEAD_DEPS = frozenset({"relcl", "acl"})
# How a name hangs on a title that the parser made the head ("nominee Donald Trump").
NAME_LINK_DEPS = frozenset({"appos", "compound", "npadvmod", "dep"})
# Possessives that begin some organisations' names ("Our Principles PAC", "My Brother's Keeper").
NAME_POSSESSIVES = frozenset({"Our", "My"})
# Phrases put before a main clause, whose pronouns may point forward to its subject.
FRONTED_DEPS = frozenset({"prep", "advcl", "npadvmod"})
CONDITION_MARKERS = frozenset({"if", "unless", "though", "although", "whether"})
# "It seems that ...", "it's impossible to ...": a pronoun with a verb of seeming or being names no source.
DUMMY_SUBJECTS = frozenset({"it", "this", "that"})
RAISING_LEMMAS = frozenset({"seem", "appear", "be", "look", "sound"})
# "He added", "she continued": the one who spoke last goes on speaking, if that was this close.
CONTINUING_LEMMAS = frozenset({"add", "continue"})
CONTINUING_SENTENCES_BACK = 3
# Verbs of reporting that make an organisation a media outlet ("Variety reported").
MEDIA_CUE_LEMMAS = frozenset({"report", "publish", "broadcast"})
# Nouns that introduce an outlet by its name ("the website Politco", "the newspaper Haaretz").
OUTLET_NOUNS = frozenset({"newspaper", "paper", "outlet", "network", "broadcaster", "channel", "magazine"})
OUTLET_NOUNS |= {"tabloid", "website", "site", "blog", "publication", "station", "newsletter"}


def resolve_speakers(doc, quotes: Sequence[Quote]) -> list[Speaker]:
    """One Speaker per quote, in the same order."""
    resolver = _Resolver(doc, quotes)
    return [resolver.speaker(i) for i in range(len(quotes))]


class _Resolver:
    def __init__(self, doc, quotes: Sequence[Quote]):
        self.doc = doc
        self.text = doc.text  # built once: Doc.text joins every token on each call
        self.quotes = quotes
        self.starts = sentence_starts(doc)
        self.index = EntityIndex(doc, find_names(doc), self._sentence_of)
        self.descriptions = Descriptions(doc, self.index, self)
        self.roles: dict[int, str] = {}
        self.described: dict[int, str] = {}  # a person's role from the first description of them ("the Florida senator")
        self.done: dict[int, Resolved] = {}
        self.pending: set[int] = set()
        # Resolve in the order the mentions are written: the speaker of the last quote, and the
        # person the narration last called "he" or "the admiral", are then known when "He
        # added" is reached.
        sources = {t.i for q in quotes if q.source_mention for t in self._tokens(q.source_mention)}
        events = [(self._position(i), 1, i) for i in range(len(quotes))]
        events += [(t.idx, 0, t.i) for t in doc if t.i not in sources and self._is_chain_subject(t)]
        for _, is_quote, i in sorted(events):
            if is_quote:
                self._resolve_quote(i)
            else:
                self._note_chain(doc[i])

    def _tokens(self, span):
        tokens = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        return tokens if tokens is not None else []

    def _is_chain_subject(self, token) -> bool:
        """A subject in the narration that refers back: "he" / "she", or "the admiral"."""
        if token.dep_ not in SUBJECT_DEPS or self.index.quoted[token.i]:
            return False
        if token.lower_ in CHAIN_PRONOUNS:
            return True
        determiners = [c.lower_ for c in token.children if c.dep_ == "det"]
        return token.tag_ == "NN" and determiners == ["the"] and token.lemma_.lower() in lexicon.titles()

    def _note_chain(self, token) -> None:
        pronoun = lexicon.pronouns().get(token.lower_)
        if pronoun is not None:
            entity = self.index.resolve_pronoun(token, pronoun.gender, False)
        else:
            entity = self.index.resolve_description(token, token.lemma_, PERSON_KINDS, self.role)
            if entity is not None:
                self.note_description(entity, phrase_role(self.doc, token))
        if entity is not None:
            self.index.note_mention(entity, token.i, is_subject(token))

    def note_description(self, entity: Entity, role: str) -> None:
        """Remember how the narration describes a person ("the real estate mogul"): the role of
        every quote of theirs when their names come with none, or with only "Sen." or "Rep."."""
        if role and entity.kind == "person":
            self.described.setdefault(entity.eid, role)

    def _sentence_of(self, token_index: int) -> int:
        return sentence_of(self.starts, token_index)

    def _position(self, i: int) -> int:
        quote = self.quotes[i]
        span = quote.source_mention or quote.cue or quote.content
        return span.start

    def speaker(self, i: int) -> Speaker:
        resolved = self.done[i]
        mention = self.quotes[i].source_mention
        role = resolved.role
        # no role, or only "Sen." or "Rep.": what the narration calls the person ("the Vermont senator") says more
        if (not role or is_form_of_address(role)) and resolved.speaker_type == "person" and resolved.entity is not None:
            role = self.described.get(resolved.entity.eid, role)
        speaker_type = "organization" if self._reports_as_organisation(i, resolved) else resolved.speaker_type
        return Speaker(
            name=resolved.name,
            speaker_type=speaker_type,
            role=role,
            mention=mention,
            speaker_id=speaker_id(resolved.name, speaker_type),
        )

    def _reports_as_organisation(self, i: int, resolved: Resolved) -> bool:
        """"Variety reported" makes an organisation an outlet, but not one the story has speak as
        an organisation too ("Halvard reported a net profit ... the company said"): one speaker,
        one type, one speaker_id."""
        entity = resolved.entity
        if resolved.speaker_type != "media" or entity is None or entity.kind != "organization" or is_media_name(resolved.name):
            return False
        if _cue_lemma(self.doc, self.quotes[i].cue) not in MEDIA_CUE_LEMMAS:
            return False
        return any(other.name == resolved.name and other.speaker_type == "organization" for other in self.done.values())

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
        if ANSWER_LINE.match(self.text, mention.start) and mention.text.strip() == "A":
            interviewee = self._interviewee()  # "A: Because ...": the answer's label
            return UNNAMED if interviewee is None else self.from_entity(interviewee, None)
        if mention.text.strip().lower() in DUMMY_SUBJECTS and _cue_lemma(self.doc, quote.cue) in RAISING_LEMMAS:
            return NONE  # "it seems that ...", "This seems like a fair idea": no one is the source
        if mention.text.strip().lower() == "it" and _extraposed_infinitive(self.doc, span, quote.cue):
            return NONE  # "it's hard to imagine X", "it's safe to say X": no one but the writer
        if PARTY_STATE.fullmatch(mention.text.strip()) and (tagged := self._tagged_lawmaker(span.start)) is not None:
            return self.from_entity(tagged, None)
        root = self._span_head(span)
        resolved = self._resolve_head(root, span.start, span.end, quote)
        if resolved.entity is not None:
            self._note_speaker(resolved.entity, root.i, quote)
        resolved = self._joint(root, span.start, span.end, resolved)
        if resolved.speaker_type == "organization" and _cue_lemma(self.doc, quote.cue) in MEDIA_CUE_LEMMAS:
            resolved = Resolved(resolved.name, "media", resolved.role, resolved.entity)
        if resolved.speaker_type in ("organization", "country") and not resolved.role:
            verb = root.head if root.dep_ in SUBJECT_DEPS else None
            role = channel_role(self.doc, verb)
            # "Russia denied ... through a Foreign Ministry briefing": Russia stays the speaker
            # (typed as everywhere else, so its speaker_id does not split), the body is its role.
            resolved = Resolved(resolved.name, resolved.speaker_type, role, resolved.entity)
        return resolved

    def _note_speaker(self, entity: Entity, mention_head: int, quote: Quote) -> None:
        """The speaker is salient where named and, when the quote runs on from the mention's
        sentence into a later one, where it ends: "'...,' she said. 'But ... beat Donald Trump
        ...' She also compared" is hers, though Trump was named last (in her words)."""
        self.index.note_speaker(entity, mention_head)
        first, last = self._token_at(quote.content.start), self._token_at(quote.content.end - 1)
        if first is None or last is None:
            return
        if self._sentence_of(first.i) <= self._sentence_of(mention_head) < self._sentence_of(last.i):
            self.index.note_speaker(entity, last.i)

    def _token_at(self, offset: int):
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def _tagged_lawmaker(self, tag_start: int) -> Entity | None:
        """The person named right before a party-and-state tag, past its bracket or comma."""
        i = tag_start - 1
        while i >= 0 and self.doc[i].text in ("(", ","):
            i -= 1
        entity = self.index.entity_at(i) if i >= 0 else None
        return entity if entity is not None and entity.kind == "person" else None

    def _joint(self, root, start: int, end: int, first: Resolved) -> Resolved:
        """"Felicia Sanders and Polly Sheppard said", "Both Cruz and Peña Nieto": named people who
        speak together are the speaker together, each by the fullest name ("Sanders and his aides"
        is Sanders: unnamed people add no one). Two titles joined before one name are one person's
        ("former Pennsylvania Gov. and DNC Chairman Ed Rendell")."""
        conjuncts = [c for c in root.conjuncts if start <= c.i < end]
        if conjuncts and is_title_word(root):
            people = [e for c in conjuncts if (e := self.index.entity_at(c.i)) is not None and e.kind == "person"]
            return self.from_entity(people[0], None) if len(people) == 1 else first
        conjuncts = [self._described_name(c, start, end) for c in conjuncts]
        if first.speaker_type != "person":
            return self._named_together(first, conjuncts)
        if not conjuncts or any(map(is_title_word, conjuncts)):  # "Trump and his campaign manager"
            return self._people_joined_in(start, end) or first
        names = [first.name]
        for conjunct in conjuncts:
            entity = self.index.entity_at(conjunct.i)
            if entity is None and looks_like_name(conjunct):
                entity = self.add_unmarked(conjunct, start, "PERSON")
            if entity is None or entity.kind != "person":
                return self._people_joined_in(start, end) or first
            name = self.from_entity(entity, conjunct).name
            names += [name] if name not in names else []  # one person NER split in two
        return Resolved(joint_name(names), "person") if len(names) > 1 else first

    def _named_together(self, first: Resolved, conjuncts) -> Resolved:
        """"Russia and China said", "Both The New York Times and the Wall Street Journal
        confirmed": organisations, countries or outlets that speak together, when each is named
        and of the first one's type; otherwise the first ("NATO and the Pentagon's spokesman")."""
        if not first.name or not conjuncts:
            return first
        names = [first.name]
        for conjunct in conjuncts:
            entity = self.index.entity_at(conjunct.i)
            resolved = self.from_entity(entity, conjunct) if entity is not None else None
            if resolved is None or resolved.speaker_type != first.speaker_type:
                return first
            names += [resolved.name] if resolved.name not in names else []
        return Resolved(joint_name(names), first.speaker_type) if len(names) > 1 else first

    def _people_joined_in(self, start: int, end: int) -> Resolved | None:
        """People a mention joins by "and" where the parse did not join them ("Republican Trump and
        Democrat Clinton", read as one name; "Eisenhower and his future secretary of State, John
        Foster Dulles"): each person named in it, but not one it only speaks of ("Trump's lawyer
        and ...", "the brother of George W. Bush and ...")."""
        if not any(t.dep_ == "cc" and t.lower_ in ("and", "&") for t in self.doc[start:end]):
            return None
        people: list[Entity] = []
        for token in self.doc[start:end]:
            entity = self.index.entity_at(token.i)
            if entity is not None and entity.kind == "person" and entity not in people and not _spoken_of(token, start, end):
                people.append(entity)
        if len(people) < 2:
            return None
        return Resolved(joint_name([self.from_entity(e, None).name for e in people]), "person")

    def _described_name(self, conjunct, start: int, end: int):
        """A conjunct described before its name ("he and [the developer] Arthur G. Cohen") is the name."""
        if conjunct.pos_ != "NOUN":
            return conjunct
        named = (c for c in conjunct.children if c.dep_ == "appos" and start <= c.i < end and self.index.entity_at(c.i))
        return next(named, conjunct)

    def _span_head(self, span):
        """The word the mention is about: of the words whose head lies outside it, the first
        that names an entity, else the first noun or pronoun. (spaCy's span.root may be an
        adjective or a title when a parse hangs the phrase on two heads.)"""
        heads = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]
        named = [t for t in heads if self.index.entity_at(t.i) is not None and t.pos_ in NAME_POS]
        nouns = [t for t in heads if t.pos_ in HEAD_POS or _partitive_one(t)]
        if not named and not nouns:  # "by Senate campaign chairman Chuck Schumer": below a preposition
            nouns = [t for t in span if t.pos_ in HEAD_POS and t.head.pos_ not in HEAD_POS]
        return (named or nouns or [span.root])[0]

    # -- by the kind of head word -------------------------------------------------------------

    def _resolve_head(self, root, start: int, end: int, quote: Quote | None) -> Resolved:
        pronoun = lexicon.pronouns().get(root.lower_)
        if pronoun is not None and root.pos_ in ("PRON", "DET", "SCONJ") or (pronoun and end - start == 1):
            return self._pronoun(root, pronoun, quote)
        if honorific_gender(root) is not None and root.i + 1 < len(self.doc) and self.index.entity_at(root.i + 1):
            root = self.doc[root.i + 1]  # "Mrs" cut from "Mrs. Clinton's": her name follows
        entity = self.index.entity_at(root.i)
        if entity is not None and entity.kind == "person" and self._names_someone_else(root, start, entity):
            entity = self.add_unmarked(root, start, "PERSON")
        if entity is not None and entity.kind == "group" and is_party_member(root):
            return self.descriptions.resolve(root, start, end)  # "the Utah Republican": one person
        if entity is not None and is_generic_name(entity.name):
            return self.descriptions.resolve(root, start, end)  # "a pro-Rubio super PAC": "PAC" is no name
        if entity is not None:
            return self._possessed(root, start) or self.from_entity(entity, root)
        named = self._titled_person(root, start, end)
        if named is not None:
            return self.from_entity(named, root)
        name_start = self._name_start(root, start)
        # "a Morning Consult Poll": a capitalised poll is a description, made by the pollster; so
        # is a media word capitalised alone in a headline ("Newspaper Calls On ...")
        lone_media_word = root.lower_ in lexicon.media_words() and name_start == root.i
        plural_org_word = root.lower_.removesuffix("s") in lexicon.org_heads() and root.lower_.endswith("s")  # "Super PACs said"
        # "Former Clinton Pollster" is a title, "The New Hampshire Union Leader" a newspaper's name,
        # "the former House Speaker" a title again: no newspaper was ever former
        former = name_start > 0 and self.doc[name_start - 1].lower_ in FORMER_WORDS
        title = is_title_word(root) and (former or not any(t.lower_ in lexicon.org_heads() for t in self.doc[name_start : root.i]))
        description = root.lower_ in lexicon.unnamed_heads() or root.lower_ in POLL_WORDS or lone_media_word or title or plural_org_word
        if looks_like_name(root) and not description:
            return self._unmarked_name(root, start)
        return self.descriptions.resolve(root, start, end)

    def _names_someone_else(self, root, start: int, entity: Entity) -> bool:
        """"Ivanka Trump" where NER only found "Trump" (Donald): a first name and surname whose
        first name disagrees with the entity's is another person. A party or nationality is no
        first name ("Democrat Clinton")."""
        first = root.i
        while first - 1 >= start and self.doc[first - 1].pos_ in NAME_POS and self.doc[first - 1].is_title and self.doc[first - 1].ent_type_ != "NORP":
            first -= 1
        words = [t.lower_ for t in self.doc[first : root.i + 1] if not is_title_word(t)]
        known = entity.name.lower().split()
        # the first names the entity goes by: "Hillary" of "Crooked Hillary Clinton", also written "Hillary Clinton"
        firsts = {m.name.lower().split()[0] for m in entity.mentions if len(m.name.split()) > 1}
        return len(words) == 2 and len(known) > 1 and words[0] not in firsts and words[-1] == known[-1]

    def _titled_person(self, root, start: int, end: int) -> Entity | None:
        """"presumptive Republican nominee Donald Trump" parsed with the title as head: the name
        joined to it (as compound or appositive) is the speaker, not the title."""
        if not (root.lower_ in lexicon.titles() or root.lemma_.lower() in lexicon.titles()):
            return None
        if root.tag_ in PLURAL_TAGS:  # "Clinton officials", "Trump aides": people unnamed
            return None
        for token in self.doc[start:end]:
            entity = self.index.entity_at(token.i)
            if entity is not None and entity.kind == "person" and _modifies_title(token, root):
                return None  # "a Clinton campaign official": her official, not Clinton
            if entity is not None and entity.kind == "person" and token.dep_ in NAME_LINK_DEPS and token.head.i == root.i:
                return entity
            if entity is not None and entity.kind == "person" and root.dep_ in ("compound", "appos") and root.head.i == token.i:
                return entity
            if entity is not None and entity.kind == "person" and _titled_by(entity, root, token):
                return entity
        return self._named_beside_job(root)

    def _named_beside_job(self, root) -> Entity | None:
        """"The chief executive of the trust, Helena Voss, said": the person set beside the job,
        whether the mention takes in the name or stops before it."""
        for token in root.subtree:
            entity = self.index.entity_at(token.i)
            job = described_job(token) if entity is not None and entity.kind == "person" else None
            if job is not None and job.i == root.i:
                return entity
        return None

    def _possessed(self, root, start: int) -> Resolved | None:
        """"Russia's Foreign Ministry": the organisation is named with its owner, in the document's words."""
        entity = self.index.entity_at(root.i)
        possessor = next((c for c in root.children if c.dep_ == "poss"), None)
        if entity.kind != "organization" or possessor is None or possessor.i < start:
            return None
        owner = self.index.entity_at(possessor.i)
        if owner is None or owner is entity or owner.kind not in ("country", "organization"):
            return None  # "The Rail Workers' Union": a possessive inside the name owns nothing
        first = possessor.left_edge.i
        if self.doc[first].lower_ == "the":
            first += 1  # "the Kremlin's press office", as every name is written: without "the"
        return Resolved(span_text(self.doc, first, root.i + 1), "organization", self.role(entity), entity)

    def _pronoun(self, root, pronoun, quote: Quote | None) -> Resolved:
        if pronoun.person == "rel":
            return self._relative(root)
        if pronoun.person == "1":
            return self._first_person(root, quote)
        if pronoun.person == "2":
            return UNNAMED
        plural = pronoun.number == "pl"
        entity = None if plural else (
            self._introducer(root, pronoun, quote)
            or self._named_after(root, pronoun)
            or self._named_before(root, pronoun)
            or self._asked_before(pronoun, quote)
            or self._goes_on(root, pronoun, quote)
        )
        if entity is None:
            spoken_about = set(self._content_tokens(quote)) | _co_arguments(root)
            entity = self.index.resolve_pronoun(root, pronoun.gender, plural, spoken_about)
        if plural and (entity is None or self._plural_noun_nearer(root, entity)):
            return self._people_named_together(root) or UNNAMED
        if entity is None:  # singular here: a plural with no entity was answered above
            someone = self._unnamed_subject_before(root, pronoun.gender)
        else:
            someone = None if plural else self._unnamed_person_nearer(root, entity, pronoun.gender)
        if someone is not None:
            return self.descriptions.resolve(someone, someone.left_edge.i, someone.i + 1)
        return UNNAMED if entity is None else self.from_entity(entity, None)

    def _introducer(self, root, pronoun, quote: Quote | None) -> Entity | None:
        """'Fallon fired back: “As a guardian of the legacy,” he wrote': a pronoun speaking after a
        quotation that a colon introduces means the person who introduced it, the subject before
        the colon (not the speaker of the paragraph before, whom the story may have been quoting)."""
        if quote is None or pronoun.gender not in ("m", "f") or root.idx < quote.content.start:
            return None
        offset = introducing_colon(self.text, quote.content.start)
        colon = self.doc.char_span(offset, offset + 1, alignment_mode="expand") if offset is not None else None
        if colon is None or not len(colon):
            return None
        sentence = colon[0].sent
        subject = next((t for t in self.doc[sentence.start : colon[0].i] if t.dep_ in SUBJECT_DEPS and t.head.i < colon[0].i), None)
        entity = self.index.entity_at(subject.i) if subject is not None else None
        if entity is None or entity.kind != "person" or entity.gender not in ("", pronoun.gender):
            return None
        return entity

    def _named_after(self, root, pronoun) -> Entity | None:
        """"In his assessment of Trump, Calderon intimated ...", "When she arrived, Clinton said":
        a pronoun in a phrase put before the main clause means that clause's subject, named after it."""
        verb = root.sent.root
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i > root.i), None)
        if subject is None:
            return None
        token = root
        while token.head.i != verb.i and token.head.i != token.i:  # spaCy makes a new Token each time: compare indices
            token = token.head
        if token.head.i != verb.i or token.i == verb.i or token.dep_ not in FRONTED_DEPS or token.i > subject.i:
            return None
        entity = self.index.entity_at(subject.i)
        if entity is None:
            return None
        if pronoun.gender in ("m", "f"):
            fits = entity.kind == "person" and entity.gender in ("", pronoun.gender)
        else:  # "In its statement, the Kremlin said": an organisation or country
            fits = entity.kind != "person"
        return entity if fits else None

    def _named_before(self, root, pronoun) -> Entity | None:
        """"In an example of how sensitive Obama is about his legacy, he used ...", "When Rubio
        did take Trump on, he did it sideways": the subject pronoun of a clause means the one
        person of its gender who is a subject in the phrase put before it. Not "Asked about Trump,
        he said", nor a condition ("If Trump is not nominated, he said he would ..."), nor
        someone named in quoted words."""
        if root.dep_ not in SUBJECT_DEPS or pronoun.gender not in ("m", "f"):
            return None
        fronted = [c for c in root.head.children if c.dep_ in FRONTED_DEPS and c.i < root.i and not _is_condition(c)]
        subjects = {
            entity.eid: entity
            for phrase in fronted
            for t in phrase.subtree
            if t.dep_ in SUBJECT_DEPS and not self.index.quoted[t.i]
            and (entity := self.index.entity_at(t.i)) is not None and entity.kind == "person"
        }
        fitting = [e for e in subjects.values() if e.gender in ("", pronoun.gender)]
        return fitting[0] if len(subjects) == 1 and len(fitting) == 1 else None

    def _asked_before(self, pronoun, quote: Quote | None) -> Entity | None:
        """"X asked Sanders whether ... / “Sure it is ...,” he said": the one asked a question in
        the sentence before a quote answers it (not one asked to do something)."""
        tokens = self._tokens(quote.content) if quote is not None and quote.quote_type == "direct" else []
        if not len(tokens) or tokens[0].sent.start == 0 or pronoun.gender not in ("m", "f"):
            return None
        for verb in self.doc[tokens[0].sent.start - 1].sent:
            if verb.lemma_ != "ask" or not any(_asks_a_question(c) for c in verb.children):
                continue
            asked = next((c for c in verb.children if c.dep_ in OBJECT_DEPS), None)
            entity = self.index.entity_at(asked.i) if asked is not None else None
            if entity is not None and entity.kind == "person" and entity.gender in ("", pronoun.gender):
                return entity
        return None

    def _goes_on(self, root, pronoun, quote: Quote | None) -> Entity | None:
        """"He added", "she continued": the speaker of the last quote goes on speaking."""
        if pronoun.gender not in ("m", "f") or quote is None or _cue_lemma(self.doc, quote.cue) not in CONTINUING_LEMMAS:
            return None
        return self.index.last_speaker(root, pronoun.gender, CONTINUING_SENTENCES_BACK)

    def _content_tokens(self, quote: Quote | None) -> range:
        if quote is None:
            return range(0)
        tokens = self._tokens(quote.content)
        return range(tokens.start, tokens.end) if len(tokens) else range(0)

    def _relative(self, root) -> Resolved:
        """"..., who said": the noun the relative clause hangs on. "who" means a person: when the
        parse hangs it on an organisation ("Matt Duss, the president of the Foundation ..., who"),
        the person that organisation's phrase belongs to."""
        verb = root.head
        while verb.dep_ == "conj" and verb.head.i != verb.i:  # "..., who ran and who said": the first clause
            verb = verb.head
        if verb.dep_ not in RELATIVE_HEAD_DEPS or verb.head.i == verb.i:
            return self._people_before_comma(root)
        noun = verb.head
        if root.lower_ in PERSON_RELATIVES:
            noun = self._person_above(noun) or self._person_just_before(root, noun) or noun
        elif noun.dep_ == "appos" and (self.index.entity_at(noun.head.i) is not None or looks_like_name(noun.head)):
            noun = noun.head  # "Wealth-X, a private company that tracks ...": the name
        else:
            noun = self._organisation_just_before(root, noun) or noun
        return self._resolve_head(noun, noun.left_edge.i, noun.i + 1, None)

    def _organisation_just_before(self, relative, noun):
        """"members of the World Trade Organization, which writes the rules": the parse hung
        "which" on the noun the name's phrase belongs to; the organisation named right before its
        comma is what it means."""
        named = relative.i - 2
        if self.index.entity_at(noun.i) is not None or named < relative.sent.start or self.doc[named + 1].text != ",":
            return None
        entity = self.index.entity_at(named)
        return self.doc[named] if entity is not None and entity.kind in ("organization", "country") else None

    def _people_before_comma(self, relative) -> Resolved:
        """"... candidates such as Marco Rubio and John Kasich, who show ...": where the parse hung
        "who" on no noun, the people named right before its comma."""
        last = relative.i - 2
        if relative.lower_ not in PERSON_RELATIVES or last < relative.sent.start or self.doc[last + 1].text != ",":
            return UNNAMED
        entity = self.index.entity_at(last)
        if entity is None or entity.kind != "person":
            return UNNAMED
        first = self.doc[last]
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        start = first.left_edge.i
        return self._joint(first, start, last + 1, self._resolve_head(first, start, last + 1, None))

    def _person_just_before(self, relative, noun):
        """"Bundy says to Santilli on camera, who responds": the parse hung "who" on a thing
        ("camera"); the person named just before it, a few words back, is whom it means."""
        if is_title_word(noun) or noun.pos_ == "PROPN":
            return None
        for token in reversed(self.doc[max(relative.sent.start, relative.i - RELATIVE_REACH) : relative.i]):
            entity = self.index.entity_at(token.i)
            if entity is not None and entity.kind == "person":
                return token
        return None

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
        or of the quotation marks around them; in an interview's answers, the interviewee."""
        if root.lower_ in SINGULAR_FIRST_PERSON and in_answer(self.text, root.idx):
            interviewee = self._interviewee()
            return UNNAMED if interviewee is None else self.from_entity(interviewee, None)
        inside = [
            i
            for i, other in enumerate(self.quotes)
            if other is not quote and other.content.start <= root.idx < other.content.end
        ]
        if inside:
            innermost = min(inside, key=lambda i: self.quotes[i].content.end - self.quotes[i].content.start)
            return self._resolve_quote(innermost)
        labelled = self._line_label(root)
        if labelled is not None:
            return self.from_entity(labelled, None)
        region = quoted_region(self.text, root.idx)
        if region is None:
            return self._writer(root)
        subject = self._subject_next_to(region)
        if subject is None:
            return UNNAMED
        return self._resolve_head(subject, subject.left_edge.i, subject.i + 1, None)

    def _writer(self, pronoun) -> Resolved:
        """"I" in the narration is whoever wrote it: the letter's signer, or the op-ed's author."""
        if pronoun.lower_ not in SINGULAR_FIRST_PERSON:
            return UNNAMED
        signer = signed_by(self.doc, self.index, self._lines, pronoun.idx)
        if signer is not None:
            return self.from_entity(signer, None)
        if self._tagline is None:
            return UNNAMED
        author, role = self._tagline
        resolved = self.from_entity(author, None)
        if resolved.role and not (role and is_form_of_address(resolved.role)):
            return resolved  # "Rep." says less than the tagline's "chairs the ... Committee"
        return Resolved(resolved.name, resolved.speaker_type, role, resolved.entity)

    @cached_property
    def _lines(self) -> list[tuple[int, int]]:
        return text_lines(self.text)

    @cached_property
    def _tagline(self) -> tuple[Entity, str] | None:
        return tagline_author(self.doc, self.index, self._lines)

    def _line_label(self, pronoun) -> Entity | None:
        """"Rubio: I Still Believe ...": the name a line opens with, before a colon, speaks the
        words after it."""
        line_start = self.text.rfind("\n", 0, pronoun.idx) + 1
        label = self.text[line_start : pronoun.idx].rstrip()
        if not label.endswith(":") or len(label) > MAX_LABEL_CHARS:
            return None
        tokens = self.doc.char_span(line_start, line_start + len(label) - 1, alignment_mode="contract")
        named = [e for t in tokens or () if (e := self.index.entity_at(t.i)) is not None and e.kind != "group"]
        return named[-1] if named else None

    def _interviewee(self) -> Entity | None:
        """The person a Q&A interviews: the first person the introduction names as a subject
        ("Vice President Joe Biden spent Thursday ..."), before the first question."""
        first_question = next((m.start() for m in QUESTION_LINE.finditer(self.text)), len(self.text))
        for entity in sorted(self.index.entities, key=lambda e: e.mentions[0].start):
            mentions = [m for m in entity.mentions if self.doc[m.head].idx < first_question]
            if entity.kind == "person" and any(m.is_subject for m in mentions):
                return entity
        return None

    def _subject_next_to(self, region: tuple[int, int]):
        """The subject of the reporting clause right after (or else right before) a quotation."""
        start, end = region
        after = self.doc.char_span(end, min(len(self.text), end + ATTRIBUTION_WINDOW), alignment_mode="contract")
        before = self.doc.char_span(max(0, start - ATTRIBUTION_WINDOW), start, alignment_mode="contract")
        for span in (after, before):
            if span is None:
                continue
            tokens = span if span is after else reversed(span)
            for token in tokens:
                if token.dep_ in SUBJECT_DEPS and token.lower_ not in FIRST_PERSON and token.head.pos_ in ("VERB", "AUX"):
                    return token
        return None

    def _people_named_together(self, root) -> Resolved | None:
        """"Clinton and Sanders met in Brooklyn. Their debate ...": "they" is the people named
        together as the last subject, in the sentence before or earlier in the same one."""
        sentence = root.sent
        subjects = [t for t in sentence if t.i < root.i and t.dep_ in SUBJECT_DEPS]
        if not subjects and sentence.start > 0:
            subjects = [t for t in self.doc[sentence.start - 1].sent if t.dep_ in SUBJECT_DEPS]
        # the last subject that joins names: "Palmer and Sherman, who sat down ... as they were
        # preparing, bring ...": a pronoun subject in a clause between is no other pair
        joined = [t for t in subjects if t.tag_ not in PLURAL_TAGS and t.conjuncts and t.pos_ != "PRON"]
        if not joined or any(t.i > joined[-1].i and t.pos_ != "PRON" for t in subjects):
            return None
        people = [self.index.entity_at(t.i) for t in (joined[-1], *joined[-1].conjuncts)]
        if any(e is None or e.kind != "person" for e in people) or len({e.eid for e in people}) < 2:
            return None
        return Resolved(joint_name([self.from_entity(e, None).name for e in people]), "person")

    def _plural_noun_nearer(self, root, entity: Entity) -> bool:
        """"Officials ... they said": a plural noun subject nearer than the entity is the antecedent."""
        return any(token.tag_ == "NNS" and token.dep_ in SUBJECT_DEPS for token in self._since_mention(root, entity))

    def _unnamed_person_nearer(self, root, entity: Entity, gender: str):
        """"A 29-year-old Berlin woman ... received probation after she had posted ...": someone
        brought in unnamed ("a"/"an" and a person noun) as a sentence's subject in the narration,
        after the entity's last mention, is who "he" or "she" means when the noun allows the
        pronoun's gender."""
        if entity.kind not in PERSON_KINDS:
            return None
        return self._introduced_subject_noun(self._since_mention(root, entity), gender, INDEFINITE_ARTICLES)

    def _unnamed_subject_before(self, root, gender: str):
        """"A spokesman for the ministry said ... He added", "The mayor said ... She added": with
        no one named before it, "he" or "she" is the person a subject just before describes, if
        the noun allows the pronoun's gender; "it" is the report, poll or paper a subject just
        before is ("The paper notes ... it lists steps")."""
        first = self.starts[max(self._sentence_of(root.i) - UNNAMED_SENTENCES_BACK, 0)]
        nouns = lexicon.media_words() if gender == "n" else None
        return self._introduced_subject_noun(self.doc[first : root.i], gender, DETERMINERS, nouns)

    def _introduced_subject_noun(self, words, gender: str, articles: frozenset[str], nouns: frozenset[str] | None = None):
        """The last person noun (or one of `nouns`) in `words` that is a sentence's subject, with
        one of `articles`."""
        nouns = nouns or lexicon.unnamed_heads() | lexicon.titles()
        for token in reversed(words):
            if not self._introduced_subject(token, articles) or token.lower_ not in nouns:
                continue
            if NOUN_GENDER.get(token.lower_, gender) == gender:
                return token
        return None

    def introduced_since(self, description, entity: Entity) -> bool:
        """"A second CIA officer ... backed Bob's account. ... the officer said": someone brought in
        unnamed with the description's noun, since the sentence that last named the entity, is
        whom it means."""
        noun = description.lower_
        last = entity.last_mention_before(description.i)
        words = self.doc[self.doc[last].sent.start if last >= 0 else 0 : description.i]
        # the noun's own gender, so that "a spokesman" ... "the spokesman" passes the gender check
        introduced = self._introduced_subject_noun(words, NOUN_GENDER.get(noun, ""), INDEFINITE_ARTICLES, frozenset({noun}))
        # not "A former officer, Bob Smith, ...": the one introduced there is named
        return introduced is not None and not any(self.index.entity_at(t.i) is entity for t in introduced.subtree)

    def _since_mention(self, root, entity: Entity):
        """The words between the entity's last mention before `root` and `root`."""
        return self.doc[entity.last_mention_before(root.i) + 1 : root.i]

    def _introduced_subject(self, token, articles: frozenset[str]) -> bool:
        """"A former manager gave ...": a singular common noun with one of `articles`, subject of
        its sentence's main verb, outside quotation marks and named entities."""
        if token.tag_ != "NN" or token.dep_ not in SUBJECT_DEPS or token.head.dep_ != "ROOT":
            return False
        determined = any(c.dep_ == "det" and c.lower_ in articles for c in token.children)
        return determined and not token.ent_type_ and not self.index.quoted[token.i]

    def _unmarked_name(self, root, start: int) -> Resolved:
        """A capitalised name NER did not mark ("Devine said"): a person unless it looks otherwise."""
        entity = self.add_unmarked(root, start, "PERSON")
        return UNNAMED if entity is None else self.from_entity(entity, root)

    def add_unmarked(self, root, start: int, default_label: str) -> Entity | None:
        first = self._name_start(root, start)
        words = {t.lower_ for t in self.doc[first : root.i + 1]}
        is_org = (
            words & (lexicon.org_heads() | lexicon.outlet_words())
            or normalise(root.text) in lexicon.outlets()
            or camel_or_domain(root.text)
            or _set_beside_an_organisation_word(root, first)
            or _written_like_a_brand(span_text(self.doc, first, root.i + 1))
        )
        if is_org:  # "The Clark County Coroner's Office": an organisation's name may hold an "'s"
            while first - 2 >= start and is_possessive(self.doc[first - 1]) and self.doc[first - 2].pos_ in NAME_POS:
                first = self._name_start(self.doc[first - 2], start)
            before = self.doc[first - 1] if first - 1 >= start else None
            if before is not None and before.text in NAME_POSSESSIVES and not before.is_sent_start:
                first -= 1  # "by Our Principles PAC": a capital "Our" mid-sentence begins the name
        mention = mention_for_tokens(self.doc, first, root.i + 1, "ORG" if is_org else default_label)
        return None if mention is None else self.index.add(mention)

    def resolve_phrase(self, head) -> Resolved:
        """The speaker a noun phrase names, as if it were a source mention ("Powell's office"),
        with the people joined to it ("Goodlatte and Gowdy wrote a letter")."""
        first = self._resolve_head(head, head.left_edge.i, head.i + 1, None)
        return self._joint(head, head.left_edge.i, head.right_edge.i + 1, first)

    def _name_start(self, root, start: int) -> int:
        """Where the name ending at `root` starts: a possessive ends the name before it, even
        one tagged as a proper noun ("The Huffington Post’s Scott Conroy")."""
        first = root.i
        while True:
            before = self.doc[first - 1] if first - 1 >= start else None
            if before is not None and before.pos_ in NAME_POS and not is_possessive(before):
                first -= 1
            elif first - 2 >= start and hyphen_joined(self.doc, first) and self.doc[first - 2].pos_ in NAME_POS:
                first -= 2  # "Jean-Claude Juncker": a hyphenated first name is one word
            else:
                return first

    def from_entity(self, entity: Entity, root, media: bool = False) -> Resolved:
        if entity.kind == "group":
            return UNNAMED
        outlet = any(m.start > 0 and self.doc[m.start - 1].lower_ in OUTLET_NOUNS for m in entity.mentions)
        if entity.kind == "person" and not outlet and not normalise(entity.name) in lexicon.outlets():
            return Resolved(entity.name, "person", self.role(entity), entity)
        speaker_type = "media" if media or outlet or is_media_name(entity.name) else entity.kind
        return Resolved(entity.name, speaker_type, self.role(entity), entity)

    def role(self, entity: Entity) -> str:
        """A person's role. What an appositive says of an organisation ("Wealth-X, a private
        company") is no role; an organisation's role is only the part that spoke for it."""
        if entity.kind != "person":
            return ""
        if entity.eid not in self.roles:
            self.roles[entity.eid] = first_role(self.doc, entity.mentions)
        return self.roles[entity.eid]


def _partitive_one(token) -> bool:
    """"One of the university's top executives, Michael Sexton,": "one" heads the phrase."""
    return token.lower_ == "one" and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)


def _spoken_of(token, start: int, end: int) -> bool:
    """Whether a word hangs, inside the mention [start, end), from a possessive or a preposition:
    "Trump's lawyer", "brother of George W. Bush"; not the mention itself from one outside it
    ("according to Trump and Clinton")."""
    while start <= token.head.i < end and token.head.i != token.i:
        if token.dep_ in ("poss", "pobj"):
            return True
        token = token.head
    return False


def _set_beside_an_organisation_word(name, first: int) -> bool:
    """"Teck, the Canadian mining company, says": an appositive right after the name (its last
    word; `first` is its first) calls it an organisation; not "Ms. Arnold, who helped found EDGE,
    an environmental group"."""
    doc = name.doc
    if any(honorific_gender(t) is not None for t in doc[max(first - 1, 0) : name.i]):
        return False
    return any(
        c.dep_ == "appos" and c.lower_ in lexicon.org_heads() and c.left_edge.i == name.i + 2 and doc[name.i + 1].text == ","
        for c in name.children
    )


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


def in_answer(text: str, offset: int) -> bool:
    """Whether `offset` lies in an interview's answer: after a paragraph that opens with "A:",
    before the next that opens with a question ("Q:", or "Q" run into the question)."""
    last_answer = max((m.start() for m in ANSWER_LINE.finditer(text, 0, offset)), default=-1)
    if last_answer < 0:
        return False
    return not any(True for _ in QUESTION_LINE.finditer(text, last_answer, offset))


def _quote_mark_at(text: str, i: int) -> str:
    if text.startswith("''", i) or text.startswith("``", i):
        return text[i : i + 2]
    return text[i] if text[i] in QUOTE_MARKS else ""


def _asks_a_question(child) -> bool:
    """"asked X whether ...", "asked X about ...", "asked X what ...": a question, not a request."""
    if child.dep_ == "prep":
        return child.lower_ == "about"
    if child.dep_ in ("ccomp", "advcl"):
        return any(t.lower_ in QUESTION_WORDS for t in child.subtree if t.i < child.i)
    return False


def _is_condition(clause) -> bool:
    """"If Trump is not nominated, ...", "Though Cruz won, ...": a clause about what may not be."""
    return any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKERS for c in clause.children)


def _written_like_a_brand(name: str) -> bool:
    """"G-III", "3M", "AT&T": capitals with a digit or a sign, and no lower-case letter, name a firm, not a person."""
    return not any(c.islower() for c in name) and any(not c.isalpha() and not c.isspace() and c != "." for c in name)


def _co_arguments(pronoun) -> set[int]:
    """The words of the objects of the verb a subject pronoun governs: "he told Rubio" is not
    Rubio, nor is "she" in "she met reporters with Clinton"."""
    if pronoun.dep_ not in SUBJECT_DEPS:
        return set()
    objects = [c for c in pronoun.head.children if c.dep_ in OBJECT_DEPS]
    objects += [o for c in pronoun.head.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    return {t.i for o in objects for t in o.subtree}


def _extraposed_infinitive(doc, mention, cue) -> bool:
    """The cue is an infinitive after "it is <adjective>" ("it's hard to [imagine]", "it's safe to
    [say]"): "it" stands for the infinitive clause, so nobody is said to imagine or say anything."""
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand") if cue is not None else None
    if span is None or not len(span):
        return False
    verb, copula = span.root, mention.root.head
    return verb.tag_ == "VB" and verb.dep_ == "xcomp" and verb.head.i == copula.i and copula.lemma_ == "be"


def _cue_lemma(doc, cue) -> str:
    if cue is None:
        return ""
    span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    return span.root.lemma_.lower() if span is not None and len(span) else ""


def _modifies_title(token, title) -> bool:
    """A name written before the title modifies it: "a Clinton spokesman", "a Clinton campaign
    official" work for Clinton."""
    return token.dep_ == "compound" and token.i < title.i


def _titled_by(entity: Entity, root, token) -> bool:
    """"Speaker of the House Rep. Paul Ryan", however the parse hangs it: the name's own title
    run starts at the mention's head. Not "a spokesman for Sen. X", whose title run is only
    joined to the head by "for"."""
    for mention in entity.mentions:
        if mention.start <= token.i < mention.end and mention.title_start <= root.i < mention.start:
            return not any(t.lower_ == "for" for t in root.doc[root.i : mention.start])
    return False
