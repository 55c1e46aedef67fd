"""Descriptions as speakers: "the minister", "the campaign", "a CNN poll", "a spokesman for X".

A description names the entity it describes: a person or organisation named with it (an owner,
an appositive, a member), or the one it describes earlier in the document; an outlet for a media
word. Anything else stays unnamed, never guessed; a person description keeps its role.
"""

from __future__ import annotations

from dataclasses import replace

from attribution.speakers import lexicon
from attribution.speakers.coref import GROUP_KINDS, NOUN_GENDER, PERSON_KINDS, Entity, gender_fits, normalise
from attribution.speakers.ids import joint_name
from attribution.speakers.mentions import HYPHENS, NOT_NAME_ENTS, PLURAL_TAGS, SUBJECT_DEPS, common_word, honorific_gender, hyphen_joined, looks_like_name, span_text, title_cased
from attribution.speakers.resolved import UNNAMED, Resolved, is_media_name
from attribution.speakers.roles import phrase_role, role_head

# Dependents that name who a description belongs to: "a CNN poll", "Trump's campaign".
OWNER_DEPS = frozenset({"compound", "poss", "nmod"})
# Prepositions that name the owner or maker: "a poll by Quinnipiac", "a statement from the
# Kremlin". Not "at" or "with": "an editorial aimed at Clinton" is not Clinton's.
OWNER_PREPS = frozenset({"by", "from", "of", "for"})
# Participles through which a document names its maker: "a poll released by Latino Decisions".
MAKER_DEPS = frozenset({"acl", "relcl"})
# A person description's owner after these ("a spokesman for X") leaves the person unnamed;
# "the former secretary of State" is still someone named before.
PERSON_OWNER_PREPS = frozenset({"for", "at", "with"})
# Prepositions that name where a statement or ad comes from: "a statement from the campaign".
MAKER_PREPS = frozenset({"from", "by"})
# Works whose "of" names what they look at ("a study of the emails", "a poll of likely voters");
# the "of" of other documents may name their source ("the results of the latest Quinnipiac poll").
STUDY_NOUNS = frozenset(
    {"study", "review", "analysis", "investigation", "audit", "probe", "inquiry", "examination", "assessment",
     "survey", "poll", "count", "tally"}
)  # fmt: skip
# "a major foreign media including TASS": the named member stands for the group.
MEMBER_PREPS = frozenset({"including", "like", "such"})
# Words for a country or place that speaks as one ("the kingdom said"), and the entities they mean.
PLACE_NOUNS = frozenset({"kingdom", "country", "nation", "city", "republic", "emirate"})
# Nouns that speak for the place they name ("the state of Nevada"), never for one spoken of before
# ("the state" after "Flint" is Michigan).
NAMING_PLACE_NOUNS = PLACE_NOUNS | {"state", "town", "municipality", "county", "province"}
PLACE_KINDS = frozenset({"country"})
# Adjectives that make any noun a person's former title.
FORMER_WORDS = frozenset({"former", "retired"})
# Parties named before a person's title say which party, not whose person: "the GOP candidate".
PARTIES = frozenset({"gop", "republican party", "democratic party", "republicans", "democrats"})
PARTY_MEMBERS = frozenset({"republican", "democrat", "independent", "libertarian", "conservative", "liberal", "progressive"})
NOT_THIRD_PERSON = frozenset({"my", "our", "your"})
QUANTIFIERS = frozenset({"some", "many", "most", "several", "few", "other", "others", "both", "all", "a", "an", "one", "any", "each", "no"})
NAME_POS = frozenset({"PROPN"})
# Kinds of name that a description's appositive gives the speaker ("the newspaper Haaretz").
APPOSITIVE_KINDS = frozenset({"person", "organization"})
# Entity labels of places, which locate a description rather than own it.
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
DEFINITE_DETS = frozenset({"the", "this", "that"})
# Descriptions that fit any organisation ("the group"), tried on the latest one when no name
# holds the word; and how far back that may look (in sentences).
GENERIC_ORG_NOUNS = frozenset({"group", "organization", "organisation", "company", "firm", "agency", "outlet", "network", "newspaper", "paper", "magazine", "website", "channel", "broadcaster"})
DESCRIPTION_SENTENCES_BACK = 5
# A story may introduce an organisation by description and name it a few paragraphs later ("an
# anti-Trump super PAC is releasing a robocall ... paid for by Our Principles PAC"): how far on (in sentences).
INTRODUCED_SENTENCES_AHEAD = 8
# The sentences of a story's headline and lede (the first sentence is often the headline).
LEDE_SENTENCES = 2
# "the company" is the organisation just spoken of when one is this close (in sentences).
GENERIC_SENTENCES_BACK = 2
# Nouns that only gather what their "of" holds: "a new batch of emails", "a series of letters".
COLLECTION_NOUNS = frozenset({"batch", "series", "set", "trove", "cache", "collection", "stack", "pile", "spate", "slew", "flurry", "string", "round"})
# Verbs whose subject made or put out their object: "released a statement", "penned letters".
PRODUCING_VERBS = frozenset({
    "release", "issue", "publish", "send", "post", "tweet", "retweet", "write", "pen", "air", "run", "share",
    "file", "deliver", "put", "launch", "unveil", "circulate", "distribute", "draft", "submit", "produce",
    "broadcast", "email", "mail", "sign", "give",
})  # fmt: skip
# "an email obtained by Citizens United", "a memo reviewed by the Times": who came by a document
# did not make it.
FINDING_VERBS = frozenset({"obtain", "acquire", "receive", "get", "see", "review", "cite", "quote", "read", "find", "discover", "uncover", "examine", "analyze", "analyse", "view", "hear", "leak"})
# Clauses that share the subject of the verb they hang on: "..., releasing a statement".
SUBJECTLESS_CLAUSE_DEPS = frozenset({"advcl", "xcomp", "conj"})
# Documents that the name of their maker, written before them, names: "a Fox News poll".
# (Not "report": "a CNN report" is CNN speaking.) Makers joined by a slash are named together.
NAMED_DOCUMENTS = frozenset({"poll", "polls", "survey", "record", "records", "polling", "data"})
JOINT_MARKS = frozenset({"/"})
# Media products made only by an outlet: "the editorial" is the outlet's, when only one is named.
OUTLET_PRODUCTS = frozenset({"editorial"})
# "According to reports": news reports with no maker are hearsay, so unnamed; "exit polls" or
# "emails" name a kind of document, so media. "Figures" are as often people ("the party's top
# figures") as numbers.
UNNAMED_PLURALS = frozenset({"reports", "reporting", "figures"})
PAIR_DEPS = frozenset({"det", "predet", "nummod", "preconj"})  # "both", "the", "two" before a noun
NAMING_VERBS = frozenset({"name", "identify", "call", "know"})  # "a man named ...", "identified as ...", "known as ..."
NAMING_DEPS = frozenset({"acl"})
NAMING_COMPLEMENT_DEPS = frozenset({"dobj", "oprd", "attr"})
AGE_UNITS = frozenset({"year", "years"})  # "the 43-year-old"
PAIR_SENTENCES_BACK = 4  # "Both women" points back to people named in the last few sentences
# Organisations a person can own and that speak for them ("Trump's campaign" -> "Trump campaign").
PERSON_ORG_NOUNS = frozenset({"campaign", "camp", "team", "administration", "office", "foundation", "organization", "company", "committee", "pac"})
# Of those, the ones English names with the owner's possessive: "Powell's office", not "the Powell office".
POSSESSIVE_ORG_NOUNS = frozenset({"office"})
ORG_KINDS = frozenset({"organization"})
# "a pro-Rubio super PAC", "an anti-Trump group": what follows the hyphen is for or against, not owner.
STANCE_PREFIXES = frozenset({"pro", "anti"})
# Words before an organisation's head that single it out: "the Kestovian army", "the agriculture ministry".
ORG_MODIFIER_DEPS = frozenset({"amod", "compound"})
ORG_NAMING_POS = frozenset({"NOUN", "PROPN"})
ORG_NAMING_ENTS = frozenset({"NORP", "GPE"})


class Descriptions:
    """Resolves descriptions in one document. `speakers` turns entities into speakers
    (`from_entity`, `role`) and adds names NER missed (`add_unmarked`)."""

    def __init__(self, doc, index, speakers):
        self.doc = doc
        self.index = index
        self.speakers = speakers

    def resolve(self, root, start: int, end: int) -> Resolved:
        """The speaker a description names: a person or organisation named with it or before it,
        an outlet for a media word, else unnamed (with its role for a person)."""
        root = _collected(root)
        word = _hyphenated(root)
        lemma = root.lemma_.lower()
        people = self._appositive_people(root) or self._pair_referred_to(root)
        if people:  # "Two objectors, Lawrence Joyce and William Graham,"; "Both women"
            return Resolved(joint_name([self.speakers.from_entity(e, None).name for e in people]), "person")
        split = self._name_before_subject(root)
        if split is not None:
            named = self.speakers.resolve_phrase(split)
            if named.name:
                return named
        named_as = self._named_as(root, start, end)
        if named_as is not None:  # "the base chief known as Bob": Bob, the base chief
            resolved = self.speakers.from_entity(named_as, None)
            return replace(resolved, role=resolved.role or (phrase_role(self.doc, root) if named_as.kind == "person" else ""))
        named = self._appositive_name(root) or self._name_described(root)
        if named is not None:  # "another Twitter user, Johanna Bayer", "the Israeli newspaper Haaretz"
            return self.speakers.from_entity(named, None, media=word in lexicon.media_words() or lemma in lexicon.media_words())
        member = self._member_name(root) if word not in lexicon.unnamed_heads() else None
        if member is not None:
            return self.speakers.from_entity(member, None, media=word in lexicon.media_words() or lemma in lexicon.media_words())
        maker = self._maker_organisation(root) if {word, lemma} & (lexicon.speech_nouns() | lexicon.media_words()) else None
        if maker is not None:  # "a statement from the Clinton campaign"; "a survey by the institute" is media
            return maker if {word, lemma} & lexicon.speech_nouns() else replace(maker, speaker_type="media")
        if word in lexicon.speech_nouns() or lemma in lexicon.speech_nouns():
            said = self._speech_owner(root)
            if said is not None:  # "Donald Trump's rhetoric", "his speech", "an ad from the PAC"
                return self.speakers.from_entity(said, None)
            producer = _producer(root)
            if producer is not None:  # "Sanders ..., releasing a statement that accused ..."
                made = self.speakers.resolve_phrase(producer)
                if made.name:
                    return made
            if self._is_definite(root) and root.tag_ == "NN":  # "the statement said"
                earlier = self._earlier_statement(root)
                if earlier is not None:
                    return earlier
        if word in lexicon.media_words() or lemma in lexicon.media_words():
            return self._media_description(root)
        if lemma in lexicon.org_heads() or word in lexicon.org_heads():
            return self._org_description(root, start)
        if word in lexicon.titles() or lemma in lexicon.titles() or is_party_member(root) or _former(root):
            return self._person_description(root)
        described = self._described_earlier(root) or self._described_place(root) or self._aged_person(root) or self._named_after_lede(root)
        if described is not None:  # "The retired neurosurgeon" after "Ben Carson, a retired neurosurgeon,"
            return self.speakers.from_entity(described, None)
        return UNNAMED

    def _appositive_name(self, root) -> Entity | None:
        """"the Israeli newspaper Haaretz", "another Twitter user, Johanna Bayer"; not one person
        set beside a plural ("The lawyers also pointed to ..., Sen. John McCain": a misparse)."""
        plural = root.tag_ in PLURAL_TAGS
        for child in root.children:
            if child.dep_ == "appos" and child.i > root.i:
                entity = self.index.entity_at(child.i)
                if entity is None or entity.kind not in APPOSITIVE_KINDS:
                    continue
                if entity.kind != "person" or not plural or self._right_after(root, child):
                    return entity
        return None

    def _name_described(self, root) -> Entity | None:
        """The name a singular description is set after, when the mention is the description:
        "Sen. Marco Rubio, a candidate for president, said ..."."""
        if root.dep_ != "appos" or root.tag_ != "NN" or root.head.i > root.i or root.head.dep_ == "pobj":
            return None  # "At the townhall in Ho Chi Minh City, a young woman ... asked": a misparse
        entity = self.index.entity_at(root.head.i)
        return entity if entity is not None and entity.kind in APPOSITIVE_KINDS else None

    def _named_as(self, root, start: int, end: int) -> Entity | None:
        """"A man named John Doe", "A woman later identified as Eva Resnick-Day", "a group called
        Our Principles": the person or organisation the description is given the name of (the
        parser may make the naming verb the main one). The name must be the verb's one complement
        ("called AP's report a 'rush to judgment'" names no one)."""
        verbs = [child for child in root.children if child.dep_ in NAMING_DEPS]
        between = self.doc[end : root.head.i]  # "A woman [later] identified as ...": past the mention
        if root.dep_ in SUBJECT_DEPS and start <= root.head.i and all(t.pos_ == "ADV" for t in between):
            verbs.append(root.head)
        for verb in verbs:
            if verb.lemma_.lower() not in NAMING_VERBS:
                continue
            complements = [child for child in verb.children if child.dep_ in NAMING_COMPLEMENT_DEPS]
            complements += [pobj for prep in verb.children if prep.lower_ == "as" for pobj in prep.children if pobj.dep_ == "pobj"]
            if len(complements) == 1 and complements[0].dep_ != "dobj":
                named = self.index.entity_at(complements[0].i)
                if named is not None and named.kind in APPOSITIVE_KINDS:
                    return named
        return None

    def _name_before_subject(self, root):
        """"Felicia Sanders and Polly Sheppard, two survivors of the shooting, said": where the
        parser made the description set after a name the verb's subject, and left the name
        hanging from the verb unlabelled, the name is the speaker."""
        comma = root.left_edge.i - 1
        if root.dep_ != "nsubj" or comma < 1 or self.doc[comma].text != ",":
            return None
        name = self.doc[comma - 1]
        while name.head.i != root.head.i and name.head.i < comma and name.head.i != name.i:
            name = name.head  # from the last word of "A and B" to the phrase's head
        if name.head.i != root.head.i or name.dep_ != "dep" or self.index.entity_at(name.i) is None:
            return None
        return name

    def _right_after(self, root, appositive) -> bool:
        """"experts David Albright and ...", "Two objectors, Lawrence Joyce and ...": the names
        follow the noun at once, or after a comma."""
        start = appositive.left_edge.i
        return start == root.i + 1 or (start == root.i + 2 and self.doc[root.i + 1].text == ",")

    def _appositive_people(self, root) -> list[Entity]:
        """The people a plural names in apposition right after it, when there are two or more."""
        if root.tag_ not in PLURAL_TAGS:
            return []
        for child in root.children:
            if child.dep_ == "appos" and self._right_after(root, child):
                people = [self.index.entity_at(t.i) for t in [child, *child.conjuncts]]
                if len(people) > 1 and all(e is not None and e.kind == "person" for e in people):
                    return list(dict.fromkeys(people))
        return []

    def _pair_referred_to(self, root) -> tuple[Entity, ...]:
        """"Both women", "both candidates", "the two senators", "Both said": a pair of people
        named just before. A careful reader names them both (the speaker labels of three TRAIN
        samples do), where a plural description used to leave the speaker unnamed. The pair is
        the last two people named together ("a debate between Cruz and Rubio"), else, after a
        noun of people, the two most salient people; "both" alone is as often two places or
        things, so it needs people named together. A third person named since makes it unsure."""
        words = {child.lower_ for child in root.children if child.dep_ in PAIR_DEPS}
        both = root.lower_ == "both" or "both" in words
        the_two = (root.lower_ == "two" or "two" in words) and "the" in words
        bare = root.lower_ in ("both", "two")
        people_noun = root.tag_ in PLURAL_TAGS and (root.lemma_.lower() in lexicon.titles() or root.lemma_.lower() in lexicon.unnamed_heads())
        if not (both or the_two) or not (bare or people_noun) or root.conjuncts:  # "both Democrats and independents"
            return ()
        gender = NOUN_GENDER.get(root.lemma_.lower(), "")
        pair = self._people_named_together_before(root, gender)
        if not pair and not bare:
            pair = self.index.salient_pair(root, gender, PAIR_SENTENCES_BACK) or ()
        return () if not pair or self.index.other_person_since(pair, root, gender) else pair

    def _people_named_together_before(self, root, gender: str) -> tuple[Entity, ...]:
        """The last two people of `gender` joined by "and" before `root`, in its sentence or the few before."""
        sentence = self.index.sentence_of(root.i)
        for token in reversed(self.doc[: root.i]):
            if sentence - self.index.sentence_of(token.i) > PAIR_SENTENCES_BACK:
                break
            if token.dep_ != "conj" or len(token.head.conjuncts) != 1:
                continue
            pair = (self.index.entity_at(token.head.i), self.index.entity_at(token.i))
            if all(e is not None and e.kind == "person" and gender_fits(e, gender) for e in pair) and pair[0] is not pair[1]:
                return pair
        return ()

    def _member_name(self, root) -> Entity | None:
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ in MEMBER_PREPS:
                for noun in prep.subtree:
                    entity = self.index.entity_at(noun.i)
                    if entity is not None and entity.kind in ("organization", "person"):
                        return entity
        return None

    def _owner(self, root, preps: frozenset[str] = OWNER_PREPS, places: bool = True, modifiers: bool = True) -> Entity | None:
        """Who a description belongs to: "a CNN poll", "Trump's campaign", "a poll by Gallup",
        "the RealClearPolitics polling average", "the results of the latest Quinnipiac poll".
        Without `places`, a place written before the noun says where, not who ("a Baton Rouge
        newspaper", "New Hampshire surveys"); "Russia's statement" still belongs to Russia. Without
        `modifiers`, only an owner after a preposition counts ("a spokesman for X", not "the GOP
        senator")."""
        chain = _modifier_chain(root) if modifiers else []
        modifiers = [c for c in chain if c.ent_type_ not in NOT_NAME_ENTS and not _for_or_against(c)]
        for child in modifiers:
            entity = self.index.entity_at(child.i)
            if entity is not None and entity.kind != "group" and (places or not _is_place_modifier(child, entity)):
                return entity
        for child in sorted(modifiers, key=lambda t: -t.i):  # the last word of "Morning Consult" first
            # an unmarked capitalised word owns the phrase ("a RealClearPolitics average"); not one
            # NER labelled without it becoming a name (a group or place: "Muslim organizations"),
            # nor a capitalised number ("Eleven progressive organizations")
            unmarked = self.index.entity_at(child.i) is None and not child.ent_type_ and not child.like_num
            # ... nor a headline's first word the story writes in lower case ("New Poll Shows ...")
            opener = child.is_sent_start and (child.pos_ not in NAME_POS or common_word(child))
            if unmarked and looks_like_name(child) and not opener:
                return self.speakers.add_unmarked(child, root.left_edge.i, "ORG")
        makers = [
            c
            for v in root.children
            if v.dep_ in MAKER_DEPS and v.tag_ == "VBN" and v.lemma_.lower() not in FINDING_VERBS
            for c in v.children
            if c.dep_ == "agent"
        ]
        if root.lemma_.lower() in STUDY_NOUNS:
            preps = preps - {"of"}  # "a review of Hillary Clinton's emails": what it studies, not whose
        for child in list(root.children) + makers:
            if (child.dep_ == "prep" and child.lower_ in preps) or child.dep_ == "agent":
                for noun in child.children:
                    entity = self.index.entity_at(noun.i) if noun.dep_ == "pobj" else None
                    if entity is not None and entity.kind != "group":
                        return entity
                    if entity is None and noun.dep_ == "pobj" and noun.lemma_.lower() in lexicon.media_words():
                        return self._owner(noun, preps, places)
                    # "an ad from Our Principles PAC"; "a poll by RealClearPolitics" (tagged a common noun)
                    if entity is None and noun.dep_ == "pobj" and looks_like_name(noun) and not noun.ent_type_:
                        return self.speakers.add_unmarked(noun, noun.left_edge.i, "ORG")
        return None

    def _maker_organisation(self, root) -> Resolved | None:
        """The organisation a statement, ad or survey comes from when a description names it:
        "the Clinton campaign", "Ryan's office" (an organisation NER tagged is an owner already)."""
        for prep in root.children:
            if prep.dep_ != "prep" or prep.lower_ not in MAKER_PREPS:
                continue
            for noun in prep.children:
                lemma = noun.lemma_.lower()
                if noun.dep_ == "pobj" and lemma in lexicon.org_heads() and self.index.entity_at(noun.i) is None:
                    resolved = self._org_description(noun, noun.left_edge.i)
                    return resolved if resolved.name else None
        return None

    def _earlier_statement(self, root) -> Resolved | None:
        """"the statement" after "Cook provided a written statement" in the same sentence: whoever
        made that one. A statement, like any document, names its maker only in its own sentence:
        "the statement said" a sentence later is the statement's, with no name."""
        lemma = root.lemma_.lower()
        for token in reversed(self.doc[root.sent.start : root.i]):
            if token.lemma_.lower() != lemma or token.pos_ != "NOUN":
                continue
            owner = self._speech_owner(token)
            if owner is not None:
                return self.speakers.from_entity(owner, None)
            sayer = _subject_of_governing_verb(token)
            return self.speakers.resolve_phrase(sayer) if sayer is not None else None
        return None

    def _speech_owner(self, root) -> Entity | None:
        """Whose words these are: an owner named with them, or the one a possessive pronoun means."""
        owner = self._owner(root, places=False)
        if owner is not None:
            return owner
        return self._pronoun_owner(root) or self._described_owner(root)

    def _described_owner(self, root) -> Entity | None:
        """"the businessman's rhetoric": the person named before whom the story gives that role
        (never merely the person last spoken of: "the company's statement" is no one's)."""
        possessor = next((c for c in root.children if c.dep_ == "poss"), None)
        if possessor is None or possessor.tag_ != "NN" or not self._is_definite(possessor):
            return None
        return self.index.resolve_description(possessor, possessor.lemma_, PERSON_KINDS, self.speakers.role)

    def _pronoun_owner(self, root) -> Entity | None:
        """"his speech", "their campaign": the entity the possessive pronoun refers to."""
        possessor = next((c for c in root.children if c.dep_ == "poss"), None)
        pronoun = lexicon.pronouns().get(possessor.lower_) if possessor is not None else None
        if pronoun is None or pronoun.person != "3":
            return None
        return self.index.resolve_pronoun(possessor, pronoun.gender, pronoun.number == "pl")

    def _is_definite(self, root) -> bool:
        determiners = [c.lower_ for c in root.children if c.dep_ in ("det", "poss")]
        before = self.doc[root.i - 1] if root.i > 0 else None
        if not determiners and before is not None and before.dep_ == "det" and before.lower_ in DEFINITE_DETS:
            determiners = [before.lower_]  # "a trend that the foundation predicts": "the" hung on the verb
        if not determiners or determiners[0] in QUANTIFIERS or determiners[0] in NOT_THIRD_PERSON:
            return False
        return root.tag_ in ("NN", "NNP")

    def _media_description(self, root) -> Resolved:
        owner = self._owner(root, places=False)
        named = self._jointly_made(root, owner)
        if owner is None and self._is_definite(root):
            owner, earlier = self._earlier_owner(root)
            named = self._jointly_made(earlier, owner) if earlier is not None else None
        if named is not None:
            return named
        if owner is None and self._is_definite(root) and root.lemma_.lower() in GENERIC_ORG_NOUNS | OUTLET_PRODUCTS:
            outlets = [e for e in self.index.entities if e.kind == "organization" and is_media_name(e.name)]
            owner = self.index.most_salient(root, frozenset({"organization"}), DESCRIPTION_SENTENCES_BACK)
            owner = owner if owner in outlets else None
            named_before = [e for e in outlets if e.mentions[0].start < root.i]
            if owner is None and len(named_before) == 1:  # the only outlet named so far, however far back
                owner = named_before[0]
        if owner is not None:
            return self.speakers.from_entity(owner, None, media=True)
        return UNNAMED if root.lower_ in UNNAMED_PLURALS else Resolved("", "media")

    def _earlier_owner(self, root) -> tuple[Entity | None, object]:
        """"the poll" after "a Quinnipiac poll" (or "a USA TODAY/Suffolk University Poll", the
        word capitalised as part of a name) in the same sentence: the owner of the last
        same-headed phrase, and its head. A poll named a sentence before is only "the poll": a
        document names its maker in its own sentence, or in its own words ("The Morning Consult
        poll", where NER missed the name it found before)."""
        lemma = root.lemma_.lower()
        modifiers = self.doc[root.left_edge.i : root.i].text
        for token in reversed(self.doc[: root.i]):
            if token.lemma_.lower() == lemma and token.pos_ in ("NOUN", "PROPN"):
                owner = self._owner(token, places=False)
                if owner is not None and (token.i >= root.sent.start or owner.name in modifiers):
                    return owner, token
        return None, None

    def _jointly_made(self, root, owner: Entity | None) -> Resolved | None:
        """"an NBC News/Wall Street Journal poll", "a USA TODAY/Rock the Vote survey": a poll,
        survey or record named by makers joined by a slash, written before it, speaks for them
        together, as the story writes them. One maker alone ("a Fox News poll", "a poll by
        RealClearPolitics") is the speaker as the owner of any document is."""
        if owner is None or owner.kind == "person" or not {root.lower_, root.lemma_.lower()} & NAMED_DOCUMENTS:
            return None
        modifiers = [c for c in _modifier_chain(root) if c.dep_ != "poss" and not any(g.dep_ == "poss" for g in c.children)]
        if not any(self.index.entity_at(c.i) is owner for c in modifiers):
            return None
        joint = _joint_makers(root)
        return Resolved(joint, "media") if joint is not None else None

    def _org_description(self, root, start: int) -> Resolved:
        owner = self._owner(root, frozenset())  # "the Clinton campaign", "Trump's campaign"; not "a group of Rabbis"
        if owner is None:
            owner = self._pronoun_owner(root)
            if owner is not None and owner.kind == "person" and root.lemma_.lower() in PERSON_ORG_NOUNS:
                return Resolved(_owned_name(owner.name, root), "organization")
            owner = None
        if owner is not None and owner.kind == "person" and root.lemma_.lower() not in PERSON_ORG_NOUNS:
            return UNNAMED  # "Trump's army of Twitter followers": people, not an organisation
        if owner is not None:
            first = min(t.i for t in root.subtree if t.i >= start and not t.dep_ == "det")
            if owner.kind == "person":  # "House Speaker Paul Ryan's office" is Paul Ryan's, "Mrs. Clinton's campaign" hers
                named = next((t.i for t in self.doc[first : root.i] if self.index.entity_at(t.i) is owner), first)
                first = named - 1 if named > first and honorific_gender(self.doc[named - 1]) is not None else named
            # as the story writes it: "Trump's campaign", "the Clinton campaign", "Russia's Foreign Ministry"
            return Resolved(span_text(self.doc, first, root.i + 1), "organization")
        if self._is_definite(root):
            lemma = root.lemma_.lower()
            entity = self.index.resolve_description(root, root.lemma_, GROUP_KINDS, self.speakers.role)
            if entity is None and lemma in GENERIC_ORG_NOUNS:  # "Apple balked ... the company said"
                entity = self.index.most_salient(root, ORG_KINDS, GENERIC_SENTENCES_BACK)
            if entity is not None:
                return self.speakers.from_entity(entity, None)
            named = self._earlier_named_description(root)
            if named is not None:
                return named
            if lemma in GENERIC_ORG_NOUNS:
                entity = self.index.most_salient(root, ORG_KINDS, DESCRIPTION_SENTENCES_BACK)
                if entity is not None:
                    return self.speakers.from_entity(entity, None)
            if lemma == "campaign":  # no campaign named yet: that of the candidate just spoken of
                candidate = self.index.most_salient(root, PERSON_KINDS, DESCRIPTION_SENTENCES_BACK)
                if candidate is not None:
                    return Resolved(f"{candidate.name.split()[-1]} {root.text.lower()}", "organization")
            described = self._described_organisation(root)
            if described is not None:
                return described
        introduced = self._introduced(root)
        if introduced is not None:  # "an anti-Trump super PAC ..." then "Our Principles PAC"
            return self.speakers.from_entity(introduced, None)
        return UNNAMED

    def _introduced(self, root) -> Entity | None:
        """An organisation described before it is named: "the super PAC backing Hillary Clinton" when
        the story goes on "The super PAC, Priorities USA Action, ..."; "a conservative super PAC"
        (or a headline's "Super PAC") when the one name ending in that word follows."""
        if root.tag_ in PLURAL_TAGS:
            return None
        named = self._named_beside_later(root)
        if named is not None:
            return named
        determiners = [c.lower_ for c in root.children if c.dep_ == "det"]
        headline = not determiners and self.index.sentence_of(root.i) == 0
        if not (headline or determiners in (["a"], ["an"])):
            return None
        return self.index.named_later(root, root.lemma_.lower(), ORG_KINDS, INTRODUCED_SENTENCES_AHEAD)

    def _named_beside_later(self, root) -> Entity | None:
        """The organisation named in apposition to the next same-headed noun, a few sentences on."""
        last = self.index.sentence_of(root.i) + INTRODUCED_SENTENCES_AHEAD
        for token in self.doc[root.i + 1 :]:
            if self.index.sentence_of(token.i) > last:
                return None
            if token.lemma_ == root.lemma_ and token.pos_ == root.pos_:
                named = self._appositive_name(token)
                return named if named is not None and named.kind in ORG_KINDS else None
        return None

    def _described_organisation(self, root) -> Resolved | None:
        """"The Kestovian army", "the agriculture ministry": a definite organisation that its
        modifiers single out is named by them, as "Russia's Foreign Ministry" is by its owner."""
        if any(c.dep_ == "poss" for c in root.children):
            return None  # "his own brain trust": whose it is names it, or nothing does
        modifiers = [c for c in root.lefts if c.dep_ in ORG_MODIFIER_DEPS]
        if not any(c.pos_ in ORG_NAMING_POS or c.ent_type_ in ORG_NAMING_ENTS for c in modifiers):
            return None  # "the new company": an adjective alone singles nothing out
        return Resolved(span_text(self.doc, modifiers[0].left_edge.i, root.i + 1), "organization")

    def _earlier_named_description(self, root) -> Resolved | None:
        """"the campaign" after "the Clinton campaign": that phrase, as the document wrote it;
        "the budget office" after "the Congressional Budget Office": the organisation so named."""
        lemma = root.lemma_.lower()
        for token in reversed(self.doc[: root.i]):
            owner = self._owner(token) if token.lemma_.lower() == lemma else None
            if owner is None:
                continue
            named = self.index.entity_at(token.i)
            if named is not None and named.kind in GROUP_KINDS:
                return self.speakers.from_entity(named, None)
            first = min(t.i for t in token.subtree if t.dep_ != "det" and t.i <= token.i)
            # "his party's elders", "the famously liberal court led by Earl Warren": no name for it
            if not any(self.index.entity_at(t.i) is owner for t in self.doc[first : token.i]):
                continue
            return Resolved(span_text(self.doc, first, token.i + 1), "organization")
        return None

    def _person_description(self, root) -> Resolved:
        role = phrase_role(self.doc, root)
        entity = self._headline_person(root) or self._described_person(root) or self._named_after_lede(root)
        if entity is not None:
            self.speakers.note_description(entity, role)
            resolved = self.speakers.from_entity(entity, None)
            if resolved.role:
                return resolved
            # "the Florida senator" is the role the document gives a person it named bare
            return Resolved(resolved.name, resolved.speaker_type, role, resolved.entity)
        if root.tag_ == "NNS":
            return UNNAMED
        return Resolved("", "unnamed", role)

    def _named_after_lede(self, root) -> Entity | None:
        """"A federal judge has ordered ..." opening a story that goes on "Judge Gonzalo Curiel
        cited ...", "a prominent art historian said ..." then "Lucien Darrow, the historian": a
        story names, a few sentences on, whom its lede only describes. Only when no one was named
        before, and one person alone is named with that title or role."""
        if root.tag_ in PLURAL_TAGS or self.index.sentence_of(root.i) > LEDE_SENTENCES or is_party_member(root):
            return None
        if any(m.head < root.i for e in self.index.entities if e.kind in PERSON_KINDS for m in e.mentions):
            return None  # named before: the lede describes someone else, or the name is known
        named = self.index.described_after(root, root.lemma_, PERSON_KINDS, self.speakers.role, INTRODUCED_SENTENCES_AHEAD)
        return named[0] if len(named) == 1 else None

    def _described_earlier(self, root) -> Entity | None:
        """A description with no title word ("the retired neurosurgeon"): the person named before,
        by a full name, whose role has that head word. "The" only: "his doctor" is someone else."""
        if root.tag_ != "NN" or root.lower_ in lexicon.unnamed_heads() or not _after_the(root):
            return None
        if self._owner(root, PERSON_OWNER_PREPS, modifiers=False) is not None:
            return None
        return self.index.resolve_description(root, root.lower_, PERSON_KINDS, self._full_name_role_head, names=False)

    def _aged_person(self, root) -> Entity | None:
        """"the 43-year-old asked": a person known by age alone is the most salient person just
        before, not one named in a quotation ("Serafinowicz ... posted the clip. 'What if Donald
        Trump had elocution lessons?' the 43-year-old asked")."""
        old = root.head if root.lower_ in AGE_UNITS else root  # the parse may make "year" the head noun
        unit = next((child for child in old.children if child.lower_ in AGE_UNITS), None) if old.lower_ == "old" else None
        if unit is None or unit.left_edge.i == 0 or self.doc[unit.left_edge.i - 1].lower_ != "the":
            return None
        return self.index.most_salient(root, PERSON_KINDS, DESCRIPTION_SENTENCES_BACK, unquoted=True)

    def _described_place(self, root) -> Entity | None:
        """"the city of Chicago": the place it names; "the kingdom", "the city": the country or
        place just spoken of."""
        lemma = root.lemma_.lower()
        if lemma not in NAMING_PLACE_NOUNS or root.tag_ != "NN" or not _after_the(root):
            return None
        named = self._place_named_after(root)
        if named is not None or lemma not in PLACE_NOUNS or any(c.dep_ in OWNER_DEPS for c in root.children):
            return named
        return self.index.most_salient(root, PLACE_KINDS, DESCRIPTION_SENTENCES_BACK)

    def _place_named_after(self, root) -> Entity | None:
        for preposition in (c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"):
            for place in (c for c in preposition.children if c.dep_ == "pobj"):
                entity = self.index.entity_at(place.i)
                if entity is not None and entity.kind in PLACE_KINDS:
                    return entity
        return None

    def _full_name_role_head(self, entity: Entity) -> str:
        # a one-word "person" is often a misread name ("Senate" in "the New Hampshire state Senate")
        return role_head(self.speakers.role(entity)) if len(entity.name.split()) > 1 else ""

    def _headline_person(self, root) -> Entity | None:
        """"Texas Gov. Hears About ..." opening the story: the Texas governor it goes on to name."""
        sentence = root.sent
        if sentence.start != 0 or not title_cased(sentence) or root.tag_ in PLURAL_TAGS or is_party_member(root):
            return None
        named = self.index.described_after(root, root.lemma_, PERSON_KINDS, self.speakers.role)
        return named[0] if named else None

    def _described_person(self, root) -> Entity | None:
        """"the senator": the person named before with that title, or just spoken of."""
        if root.tag_ not in ("NN", "NNP") or not self._is_definite(root) or self._owner(root, PERSON_OWNER_PREPS, modifiers=False) is not None:
            return None
        # a party is no title to match: "Republican" in "Republican National Committee
        # Chairman" names a committee, and "the Wisconsin Republican" is whoever was just spoken of
        party = is_party_member(root)
        office = _office_modifiers(root)
        entity = None if party else self.index.resolve_description(root, root.lemma_, PERSON_KINDS, self.speakers.role, modifiers=office)
        if entity is None and not office and self._refers_back(root):
            # "the Utah Republican", "the candidate": the person just spoken of; but "the
            # Pentagon spokesman" is someone else unless a spokesman was named before
            # named before the phrase: "Heisman Trophy" in "the former Heisman Trophy winner" is no one
            before = self.doc[root.left_edge.i]
            entity = self._salient_fitting(before, root) if _former_office(root) else self.index.most_salient(before, PERSON_KINDS, DESCRIPTION_SENTENCES_BACK)
        return None if entity is not None and self.speakers.introduced_since(root, entity) else entity

    def _salient_fitting(self, before, root) -> Entity | None:
        """The most salient person just spoken of, passing over those the document gives
        another title: "The former secretary of state" after "Sanders, a senator from Vermont,
        ... Clinton" is Clinton. When every one has another title, the most salient. Only for
        an office held before: other descriptions ("the former first lady" for the "Democratic
        front-runner") may well differ from the title the document gave. `before` is where the
        description's phrase starts."""
        people = self.index.ranked_before(before, PERSON_KINDS, DESCRIPTION_SENTENCES_BACK)
        heads = [role_head(self.speakers.role(person)) for person in people]
        fitting = (p for p, head in zip(people, heads) if head in ("", root.lemma_.lower()) or head not in lexicon.titles())
        return next(fitting, people[0] if people else None)

    def _refers_back(self, root) -> bool:
        """Whether a person description with no title match may mean the person last spoken of:
        not when it says whose it is ("the prime minister's spokesman", "the Pentagon
        spokesman"; a place or party before it only says where from: "the Florida senator", "the
        GOP front-runner"), what office it holds ("the attorney general of the state of New
        York"), or is a word for people who go unnamed ("the spokesman", "the aide"). An office
        held before is the person's, whoever's it was: "the former secretary of state", "the
        former House Speaker"."""
        if _former(root):
            return not any(c.dep_ == "poss" for c in root.children)
        owner = self._owner(root, frozenset(), places=False)
        if (owner is not None and normalise(owner.name) not in PARTIES) or root.lower_ in lexicon.unnamed_heads():
            return False
        return not any(c.dep_ in ("poss", "prep") for c in root.children)


def _office_modifiers(root) -> tuple[str, ...]:
    """The words that make a title another office: "vice" in "the vice president", "attorney" in
    "the attorney general"; not a part of a hyphenated word ("the vice-presidential nominee")."""
    modifiers = (c for c in root.children if c.dep_ in ("compound", "amod") and c.whitespace_)
    return tuple(c.lower_ for c in modifiers if c.lower_ in lexicon.office_modifiers())


def _former(root) -> bool:
    """"the retired neurosurgeon", "the former Heisman Trophy winner": what someone was is a
    person's title, whatever the noun."""
    return root.tag_ in ("NN", "NNP") and any(c.dep_ == "amod" and c.lower_ in FORMER_WORDS for c in root.children)


def _former_office(root) -> bool:
    """"the former secretary of state": an office someone held, which its "of" completes."""
    return _former(root) and any(c.dep_ == "prep" for c in root.children)


def _after_the(root) -> bool:
    """"the" alone before the noun: not "his", "a" or "this"."""
    return [c.lower_ for c in root.children if c.dep_ in ("det", "poss")] == ["the"]


def _hyphenated(token) -> str:
    """The whole word the tokenizer split at a hyphen: "front-runner", not "runner"."""
    doc, i = token.doc, token.i
    if hyphen_joined(doc, i):
        return f"{doc[i - 2].lower_}-{token.lower_}"
    return token.lower_


def _subject_of_governing_verb(noun):
    """"Cook provided a statement", "X said in a statement": the subject of the verb the noun
    (or its preposition) hangs on."""
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)


def _producer(noun):
    """"X released a statement", "Fiorina penned letters", "Sanders ..., releasing a statement": the
    subject of a verb that makes or puts out the noun, its object (the verb's own subject, or that
    of the clause it hangs on). Not "read a letter" or "received an email": those are not theirs."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in COLLECTION_NOUNS:
        noun = noun.head.head  # "penned a series of letters"
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in PRODUCING_VERBS:
        return None
    for clause in (verb, verb.head) if verb.dep_ in SUBJECTLESS_CLAUSE_DEPS else (verb,):
        subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return subject
    return None


def _collected(root):
    """"A new batch of State Department emails": what a collection noun holds is the description."""
    if root.lemma_.lower() not in COLLECTION_NOUNS:
        return root
    held = [n for p in root.children if p.dep_ == "prep" and p.lower_ == "of" for n in p.children if n.dep_ == "pobj"]
    return held[0] if held else root


def _joint_makers(root) -> str | None:
    """"NBC News/Wall Street Journal poll": the capitalised words joined by a slash before the
    document noun, as the story writes them ("NBC News/Wall Street Journal"); None without a slash."""
    doc, first = root.doc, root.i
    while first > 0 and (doc[first - 1].pos_ == "PROPN" or doc[first - 1].text in JOINT_MARKS or doc[first - 1].lower_ in ("the", "of")):
        first -= 1
    while first < root.i and not doc[first].text[:1].isupper():
        first += 1
    words = doc[first : root.i]
    if not any(t.text in JOINT_MARKS for t in words) or words[0].text in JOINT_MARKS:
        return None
    return span_text(doc, first, root.i)


def _modifier_chain(root) -> list:
    """The compound, possessive and nmod modifiers before a noun, and theirs in turn."""
    found = []
    for child in root.children:
        if child.dep_ in OWNER_DEPS and child.i < root.i:
            found.append(child)
            found.extend(_modifier_chain(child))
    return found


def _for_or_against(modifier) -> bool:
    """"a pro-Rubio super PAC", "an anti-Donald Trump group": for or against X, not X's."""
    doc, first = modifier.doc, modifier.left_edge.i
    while first > 0 and doc[first - 1].pos_ == "PROPN":  # "anti-Donald Trump": back to the hyphen
        first -= 1
    return first >= 2 and doc[first - 1].text in HYPHENS and doc[first - 2].lower_ in STANCE_PREFIXES


def _is_place_modifier(token, entity: Entity) -> bool:
    """"a Baton Rouge newspaper": where from; not an outlet NER took for a place ("a Bloomberg poll")."""
    if entity.kind != "country" or is_media_name(entity.name):
        return False
    return token.dep_ != "poss" and not any(c.dep_ == "case" for c in token.children)


def is_party_member(token) -> bool:
    """"the Utah Republican", "a California Democrat": one person described by party."""
    return token.lower_ in PARTY_MEMBERS and token.tag_ in ("NNP", "NN")


def _owned_name(owner: str, noun) -> str:
    """"his campaign" after Donald Trump -> "Trump campaign"; "his office" -> "Powell's office"."""
    surname = owner.split()[-1]
    return f"{surname}'s {noun.text}" if noun.lemma_.lower() in POSSESSIVE_ORG_NOUNS else f"{surname} {noun.text}"
