"""Proper-name mentions of people and organisations, read from spaCy's parse and NER.

A mention keeps the title written before the name apart from the name itself, so that
"U.S. Secretary of Defense Lloyd Austin" gives the name "Lloyd Austin" and the title
"U.S. Secretary of Defense", and an honorific ("Mrs. Clinton") is kept as gender evidence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Span

from attribution.speakers import lexicon

# NER labels that can name a speaker, and the kind of entity each gives.
NAME_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
VERB_POS = frozenset({"VERB", "AUX"})
# A verb right after a name and hung on it: the name is the subject of a relative clause.
RELATIVE_VERB_TAGS = frozenset({"VBD", "VBN", "VBZ", "VBP"})
# Verb forms a title word never takes ("press", "head", "chair" as verbs); "acting" may be a title.
FINITE_OR_BARE_VERB_TAGS = frozenset({"VB", "VBD", "VBZ", "VBP"})
# Verbs heading a main clause (a reported clause "X said" often hangs as ccomp under the quote).
MAIN_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "parataxis"})
# Left-hand dependents that never belong to a name or a title ("the", "a", possessive "'s").
EDGE_DEPS = frozenset({"det", "predet", "preconj", "case", "punct", "cc"})
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
# "Its" may precede a name, never start one; "Our" may ("Our Principles PAC", "Our Revolution").
THIRD_PERSON_POSSESSIVES = frozenset({"its", "his", "her", "their"})
# Adjectives that rank a group, capitalised to open a sentence, which NER runs into the name after them.
RANK_ADJECTIVES = frozenset({"top", "senior", "leading", "prominent", "key", "longtime", "veteran", "fellow"})
# What a title before a name is made of, besides title words: "former U.S. Secretary of Defense".
TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ"})
TITLE_JOINERS = frozenset({"of", "for"})
HYPHENS = frozenset({"-", "–"})
DASHES = frozenset({"-", "–", "—", "--"})
DATELINE_PUNCTUATION = frozenset({",", "(", ")"})
TITLE_PUNCT = frozenset({".", "-"})
# Lower-case words that may sit inside a name ("Secretary of State", "Bank of America").
NAME_JOINERS = frozenset({"of", "and", "for", "the", "on", "&", "de", "la", "van", "von", "der", "du", "al", "bin", "da"})
NAME_POS = frozenset({"PROPN"})
# Honorifics that are also ordinary words, and the share of capitalised words that marks a headline.
WORD_HONORIFICS = frozenset({"miss"})
HEADLINE_CAPITALS = 0.7
# NER labels of a one-word name that an untagged first name before it may belong to.
FIRST_NAME_LABELS = frozenset({"PERSON", "ORG"})
QUOTE_TOKENS = frozenset({'"', "“", "”", "''", "``", "«", "»"})
# Words ending a pollster's name as NER takes it ("Quinnipiac University Poll").
POLL_WORDS = frozenset({"poll", "polls", "survey", "surveys"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# Relatives who share a surname often enough to be named by it: "Clinton's husband, Bill".
FAMILY = frozenset({"husband", "wife", "son", "daughter", "brother", "sister", "father", "mother"})
# Honorifics that belong to the name, unlike "Mr." or "Dr.": the style of a knight or dame.
NAME_STYLES = frozenset({"sir", "dame"})
CLAUSE_OPENER_DEPS = frozenset({"mark", "cc", "advmod", "prep"})
PLURAL_QUANTIFIERS = frozenset({"many", "some", "most", "several", "few", "all", "both", "no"})
# "ouest-france.fr", "Mic.com", "www.factcheck.org": one token, a website's address. It starts
# only where no word goes on before it, and its runs are possessive: linear time in any text.
WEB_ADDRESS = re.compile(r"(?<![\w.-])[a-z0-9][\w-]*+(?:\.[\w-]++)++", re.IGNORECASE)
# Names of people have few words: a title's "of" phrase keeps the words before the last two
# (initials and suffixes not counted: "Secretary of State Colin L. Powell").
MAX_NAME_AFTER_OF = 2
# Entity labels that never name a speaker, however capitalised: "Tuesday", "Two", "Fourth".
NOT_NAME_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
# Titles of several people at once, written before their names: "Sens. Cruz and Rubio".
PLURAL_TITLE_ABBREVIATIONS = frozenset({"sens.", "reps.", "gens."})
# Words after a surname that are not the surname ("Martin Luther King Jr."), full stop dropped.
SUFFIX_WORDS = frozenset({"jr", "sr", "ii", "iii", "iv"})
MAX_NAME_AFTER_TITLE = 3  # "Rep McCaul", "Sen Ted Cruz", "Gov. Mary Fallin"


@dataclass(frozen=True)
class NameMention:
    """One proper-name mention: the name's tokens [start, end) and what surrounds it."""

    start: int  # token index of the first name token
    end: int  # token index after the last name token
    name: str  # the name as written, without title, honorific, "the" or possessive
    kind: str  # "person", "organization", "country" or "group"
    title: str  # the title written before the name ("Deputy Minister"), "" if none
    title_start: int  # token index where the title begins (== start when none)
    gender: str  # "m" / "f" from an honorific ("Mr.", "Mrs."), else ""
    head: int  # token index of the name's last token
    sentence: int
    is_subject: bool

    @property
    def words(self) -> list[str]:
        return self.name.split()


def is_possessive(token) -> bool:
    return token.tag_ == "POS" or token.text in POSSESSIVE_MARKS


def name_cased(token) -> bool:
    """Written like a name: a capital first, then lower-case letters ("Trump", "McCain",
    "DeSantis", "O'Rourke"); str.istitle() refuses the inner capital of "McCain"."""
    text = token.text
    return text[:1].isupper() and any(c.islower() for c in text[1:])


def is_title_word(token) -> bool:
    if token.tag_ in FINITE_OR_BARE_VERB_TAGS:  # "tried to press Warren", "will head the panel"
        return False
    return token.lower_ in lexicon.titles() or (token.pos_ == "NOUN" and token.lemma_.lower() in lexicon.titles())


def honorific_gender(token) -> str | None:
    """The gender an honorific marks ("" for "Dr."), or None when the token is no honorific.
    An honorific that is also a word ("Miss") is taken for one only outside headlines, whose
    capitals make "Polls Miss Trump's Fall" look like a name."""
    gender = lexicon.honorifics().get(token.lower_)
    if gender is not None and not token.text[0].isupper():
        return None  # "polls miss Trump's fall": a verb
    if gender is not None and token.lower_ in WORD_HONORIFICS and title_cased(token.sent):
        return None
    return gender


def title_cased(sentence) -> bool:
    """A headline: most of its words (at least four) start with a capital, its main verb too
    ("Hillary Clinton spoke in Iowa on Monday." is mostly names, but its verb is in lower case)."""
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    if len(words) < 4 or sum(t.text[0].isupper() for t in words) < HEADLINE_CAPITALS * len(words):
        return False
    root = sentence.root
    return not (root.pos_ in VERB_POS and root.is_lower and len(root) > 3 and root.i != sentence.start)  # not "is"


def span_text(doc, start: int, end: int) -> str:
    """The document's own characters from token `start` to token `end - 1`."""
    # A Span joins only its own tokens; doc.text would join the whole document on every call.
    return doc[start:end].text if start < end else ""


def inside_quotes(doc) -> list[bool]:
    """For each token, whether it lies between quotation marks (reset at each paragraph)."""
    mask, open_ = [], False
    for token in doc:
        if "\n" in token.text:
            open_ = False
        if token.text in QUOTE_TOKENS:
            mask.append(False)
            open_ = not open_
            continue
        mask.append(open_)
    return mask


def inside_brackets(doc) -> list[bool]:
    """For each token, whether it lies inside round brackets (closed at each paragraph)."""
    mask, depth = [], 0
    for token in doc:
        if "\n" in token.text:
            depth = 0
        if token.text == ")":
            depth = max(depth - 1, 0)
        mask.append(depth > 0)
        if token.text == "(":
            depth += 1
    return mask


def sentence_starts(doc) -> list[int]:
    return [sent.start for sent in doc.sents]


def sentence_of(starts: list[int], token_index: int) -> int:
    from bisect import bisect_right

    return max(bisect_right(starts, token_index) - 1, 0)


def _trim(doc, start: int, end: int) -> tuple[int, int]:
    """Drop determiners, punctuation and possessive marks from both ends of a token range."""
    while start < end and (doc[start].dep_ in EDGE_DEPS or doc[start].is_punct or doc[start].lower_ == "the"):
        start += 1
    while end > start and (is_possessive(doc[end - 1]) or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def split_title(doc, start: int, end: int, search_end: int | None = None) -> tuple[int, int, str]:
    """Split a phrase into title and name: returns (name_start, title_start, gender).

    The title ends at its last title word or honorific before `search_end`; "Secretary of
    Defense Lloyd Austin" hands the words after "of" to the title except the last
    MAX_NAME_AFTER_OF (the name).
    """
    last_title, gender = None, ""
    for i in range(start, end if search_end is None else search_end):
        marked = honorific_gender(doc[i])
        if marked is not None:
            last_title, gender = i, marked or gender
        elif is_title_word(doc[i]):
            last_title = i
    if last_title is None:
        return start, start, gender
    if doc[last_title].lower_ in NAME_STYLES and last_title + 1 < end:
        return last_title, start, gender  # "Sir Peter Westmacott": a knight's style is part of his name
    name_start = last_title + 1
    if name_start < end and doc[name_start].lower_ == "of":
        if any(doc[i].lower_ in lexicon.org_heads() for i in range(name_start, end)):
            return start, start, gender  # "president of the Foundation for ...": an organisation
        name_start = _name_after_office(doc, name_start + 1, end)
        if name_start < end and doc[name_start].is_lower:
            return start, start, gender  # "director of the National Gallery of Esterra": no name ends it
    if name_start >= end:  # nothing left for a name: it is all title ("the President")
        return start, start, gender
    title_start = start
    return name_start, title_start, gender


def _name_after_office(doc, office_start: int, end: int) -> int:
    """Where the name starts in the words after a title's "of": the office keeps at least its first
    word, the name at most the last MAX_NAME_AFTER_OF words, initials and suffixes not counted
    ("State [Colin L. Powell]", "Defense [Lloyd J. Austin III]"); `end` when there is no name."""
    start, full_words = end, 0
    while start > office_start + 1 and full_words < MAX_NAME_AFTER_OF:
        start -= 1
        full_words += not _initial_or_suffix(doc[start])
    return start


def _initial_or_suffix(token) -> bool:
    word = token.lower_.strip(".")
    return word in SUFFIX_WORDS or (len(word) == 1 and token.text.endswith(".") and token.text[0].isupper())


def _title_prefix_start(doc, ent_start: int) -> int:
    """Where a title before the name may start: the run of nouns, adjectives, names, title words
    and "of" just before it ("former U.S. Secretary of Defense"), within the sentence. A
    possessive ends the run ("Russia's Foreign Minister X" keeps "Foreign Minister")."""
    sentence_start = doc[ent_start].sent.start
    i = ent_start - 1
    while i >= sentence_start and _may_be_in_title(doc, i):
        i -= 1
    return i + 1


def _may_be_in_title(doc, i: int) -> bool:
    token = doc[i]
    if is_possessive(token):
        return False
    if token.pos_ in TITLE_POS or is_title_word(token) or honorific_gender(token) is not None:
        return True
    if token.lower_ in TITLE_JOINERS:  # "Secretary of Defense", not "investigation of"
        return i > 0 and is_title_word(doc[i - 1])
    if token.lower_ == "the":  # "Speaker of the House", "Secretary of the Treasury"
        return i > 1 and doc[i - 1].lower_ in TITLE_JOINERS and is_title_word(doc[i - 2])
    return token.text in TITLE_PUNCT


def _mention_from_range(
    doc, start: int, end: int, label: str, starts: list[int], ent_start: int | None = None
) -> NameMention | None:
    start, end = _trim(doc, start, end)
    if start >= end:
        return None
    # Title words inside an organisation's name are part of it ("General Motors", "Office of the
    # President"); only a person's name is searched whole.
    search_end = end if label == "PERSON" or ent_start is None else max(ent_start, start)
    name_start, title_start, gender = split_title(doc, start, end, search_end)
    while name_start > start and name_start < end and not doc[name_start - 1].whitespace_:
        name_start -= 1  # "president of Wealth-X": a name is cut between words, not inside one
    styled = ent_start is not None and name_start == ent_start - 1 and doc[name_start].lower_ in NAME_STYLES
    if ent_start is not None and name_start < ent_start and not styled:  # no title: the words before are not the name
        name_start = title_start = ent_start
        if _is_descriptive_noun(doc, ent_start - 1, end):  # "retired neurosurgeon Ben Carson"
            title_start = max(start, doc[ent_start - 1].left_edge.i)
    name_start, end = _trim(doc, name_start, end)
    while name_start < end and _not_in_name(doc[name_start], alone=name_start == end - 1):
        name_start += 1
    end = _cut_at_lower_word(doc, name_start, end)
    if name_start >= end or _modifies_next_word(doc, end) or _capitalised_noun_modifier(doc, name_start, end):
        return None
    title = ""
    title_words = [t for t in doc[title_start:name_start] if honorific_gender(t) is None and not t.is_punct]
    while len(title_words) > 1 and _abbreviated_title(title_words[-1]) and any(_office_word(t) for t in title_words[:-1]):
        rank = title_words.pop()  # "Speaker of the House Rep. Paul Ryan": the office, not the form of address
        while len(title_words) > 1 and title_words[-1].head.i == rank.i and _office_word(title_words[-2]):
            title_words.pop()  # "Pentagon spokesman Navy Capt. Jeff Davis": the rank's service goes with it
    if any(is_title_word(t) for t in title_words) or (title_words and _is_descriptive_noun(doc, name_start - 1, end)):
        title = span_text(doc, title_words[0].i, title_words[-1].i + 1)
    kind = NAME_LABELS[label]
    while end - name_start > 1 and doc[end - 1].lower_ in POLL_WORDS:
        end -= 1  # "the Suffolk University Poll" speaks for the pollster, "Suffolk University"
        kind = "organization"  # even where NER took "Morning Consult Poll" for a person
    if kind == "country" and is_agency_acronym(span_text(doc, name_start, end)):
        kind = "organization"  # "the F.B.I." tagged GPE
    if title and doc[title_words[-1].i].lower_ in TITLE_JOINERS:
        kind, title = "organization", ""  # "president of Wealth-X": what the title heads is no person
    if title and (_subjects_apart(title_words[-1], doc[end - 1]) or _plural_title(title_words[-1])):
        title = ""  # "Republican presidential candidates Marco Rubio, ...": a list, not his title
    if (
        title
        and kind == "organization"
        and any(is_title_word(t) for t in title_words)  # not "the oil giant Exxon Mobil"
        and not any(doc[i].lower_ in lexicon.org_heads() for i in range(name_start, end))
    ):
        kind = "person"  # NER read "Defense Lloyd Austin" as an organisation; the title says otherwise
    if kind == "person" and span_text(doc, name_start, end).lower() in lexicon.platforms():
        kind = "organization"  # "Twitter" tagged PERSON
    if kind == "person" and _after_organisation_noun(doc, name_start, end):
        kind, title = "organization", ""  # "snack giant Nabisco", "the consulting firm McKinsey" tagged PERSON
    if kind == "person" and not title and _names_organisation(doc, name_start, end):
        kind = "organization"  # "Duma" tagged PERSON inside "the State Duma"; "Asawitiri Media"; not "Mayor Don Guardian"
    head = end - 1
    if len(span_text(doc, name_start, end).strip("-–—'\"“”‘’ ")) < 2:  # "Q" in a Q&A, a stray letter
        return None
    return NameMention(
        start=name_start,
        end=end,
        name=span_text(doc, name_start, end).strip("-–—'\"“”‘’ "),
        kind=kind,
        title=title,
        title_start=title_start if title else name_start,
        gender=gender,
        head=head,
        sentence=sentence_of(starts, head),
        is_subject=is_subject(doc[head]),
    )


def _plural_title(token) -> bool:
    """"candidates", "Sens.": a title shared by the names listed after it, no one's own."""
    return token.tag_ == "NNS" or token.lower_ in PLURAL_TITLE_ABBREVIATIONS


def _office_word(token) -> bool:
    """A title word written out ("Speaker", "spokesman"), not a rank shortened before a name ("Lt.")."""
    return is_title_word(token) and not _abbreviated_title(token)


def _abbreviated_title(token) -> bool:
    """"Rep.", "Sen.", "Gov.": a title shortened to be written before a name."""
    return token.text.endswith(".") and len(token.text) <= 5 and is_title_word(token)


def is_agency_acronym(name: str) -> bool:
    """"F.B.I.", "IRS": an acronym of three letters or more that is no country's."""
    letters = name.replace(".", "")
    return len(letters) >= 3 and letters.isalpha() and letters.isupper() and letters not in lexicon.country_acronyms()


def _not_in_name(token, alone: bool = False) -> bool:
    """Words NER ran into a name from the left: an adjective ("the nonpartisan Congressional
    Budget Office"), a possessive pronoun ("Its Clinton Health Access Initiative"), a gerund
    ("Entrusting Donald Trump with ..."), a preposition capitalised to open a sentence ("Beneath
    Clinton's strategy"). A title's words are not asked ("acting Secretary"). A word `alone` in
    the range is the name itself, not a gerund before one: the tagger reads "Schilling describes
    himself" as a gerund subject."""
    lower_word = token.is_lower and token.is_alpha and token.lower_ not in NAME_JOINERS
    preposition = any(c.dep_ == "pobj" for c in token.children)  # often tagged NNP, or the fragment's root
    gerund = token.tag_ == "VBG" and not alone
    rank = token.lower_ in RANK_ADJECTIVES and token.tag_ == "JJ"  # "Top Clinton aides" opening a sentence
    return lower_word or preposition or gerund or rank or token.lower_ in THIRD_PERSON_POSSESSIVES


def _names_organisation(doc, start: int, end: int) -> bool:
    """A capitalised organisation or outlet word ("State Duma", "Asawitiri Media", "Billy Casper
    Golf") or an ampersand ("Cushman & Wakefield") makes a name an organisation's."""
    words = doc[start:end]
    org_words = lexicon.org_heads() | lexicon.outlet_words()
    return any(t.text == "&" for t in words) or any(t.lower_ in org_words and t.is_title for t in words)


def _is_descriptive_noun(doc, i: int, end: int) -> bool:
    """A common noun right before a name and compounded to it describes the person."""
    if i < 0:
        return False
    token = doc[i]
    return token.tag_ == "NN" and token.is_lower and token.dep_ == "compound" and i < token.head.i < end


def _after_organisation_noun(doc, start: int, end: int) -> bool:
    """The name is set beside the organisation noun just before it ("the firm McKinsey")."""
    if start == 0:
        return False
    noun, head = doc[start - 1], doc[end - 1]
    beside = (noun.dep_ == "compound" and noun.head.i == head.i) or (head.dep_ == "appos" and head.head.i == noun.i)
    return beside and noun.is_lower and noun.lower_ in lexicon.org_heads()


def _capitalised_noun_modifier(doc, start: int, end: int) -> bool:
    """"Exit polls from ..." opening a sentence: a common noun (so tagged), capitalised only by
    its place, modifying the lower-case noun after it, is no name, whatever NER says; unless the
    story writes it as a name elsewhere ("Trump estimates that ..." misparsed as a compound)."""
    token = doc[start]
    following = doc[start + 1] if start + 1 < len(doc) else None
    return (
        end - start == 1
        and token.is_sent_start
        and token.tag_ == "NN"
        and token.dep_ == "compound"
        and following is not None
        and following.i == token.head.i
        and following.is_lower
        and not _written_as_a_name(token)
    )


def _modifies_next_word(doc, end: int) -> bool:
    """"the Sanders-supporting Working Families Party", "a Trump-backed bill": a name hyphened to
    a lower-case word describes something else and mentions no one."""
    return (
        end + 1 < len(doc)
        and not doc[end - 1].whitespace_
        and doc[end].text in HYPHENS
        and not doc[end].whitespace_
        and doc[end + 1].is_lower
    )


def _subjects_apart(title_word, name_head) -> bool:
    """"The federal judge Trump was referring to is ...": a noun and a name that are each the
    subject of a verb (the name's clause is relative, with no "that") are no title and its holder;
    nor are they when the parser hung that relative clause on the name ("the outright hostility
    Cruz faced from his colleagues")."""
    if title_word.dep_ in SUBJECT_DEPS and name_head.dep_ in SUBJECT_DEPS:
        return True
    following = name_head.doc[name_head.i + 1] if name_head.i + 1 < len(name_head.doc) else None
    return following is not None and following.head.i == name_head.i and following.tag_ in RELATIVE_VERB_TAGS


def _cut_at_lower_word(doc, start: int, end: int) -> int:
    """NER sometimes runs a name into the words after it ("Biden rubbished Trump"): a name
    stops before its first lower-case word that is no joiner ("Bank of America") and not the
    end of a hyphenated name ("Kim Jong-un", "Ban Ki-moon")."""
    for i in range(start + 1, end):
        token = doc[i]
        if token.is_alpha and token.is_lower and token.lower_ not in NAME_JOINERS and not hyphen_joined(doc, i):
            return i
    return end


def hyphen_joined(doc, i: int) -> bool:
    """Token i and the one before its hyphen are one word, split by the tokenizer: "Jong-un"."""
    return i >= 2 and doc[i - 1].text in HYPHENS and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_


def is_subject(token) -> bool:
    """The subject of a main clause, or the head of a phrase that is one ("Lloyd Austin, ...,
    told"). A subject inside a subordinate clause ("... than Obama did") is less salient."""
    while token.dep_ in ("compound", "flat", "appos") and token.head is not token:
        token = token.head
    if token.dep_ not in SUBJECT_DEPS or token.head.pos_ not in VERB_POS:
        return False  # "to hold Snyder accountable": the subject of an adjective is no actor
    verb = token.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    # A reported clause counts when it hangs on the sentence's root ("..., Murphy said"), not
    # when it sits deeper ("trying to hold Snyder accountable").
    return verb.dep_ == "ROOT" or (verb.dep_ in MAIN_CLAUSE_DEPS and verb.head.dep_ == "ROOT")


def find_names(doc) -> list[NameMention]:
    """Every proper-name mention of a person, organisation, country or group, in text order."""
    starts = sentence_starts(doc)
    mentions = []
    for ent in _entity_spans(doc):
        if ent.label_ not in NAME_LABELS:
            continue
        start, label = ent.start, ent.label_
        if _untagged_first_name(doc, ent):  # "Ilya Shapiro" tagged only as "Shapiro"
            start, label = ent.start - 1, "PERSON"
        elif (name_start := _name_after_short_title(doc, ent)) is not None:
            start, label = name_start, "PERSON"
        prefix = _title_prefix_start(doc, start)
        mention = _mention_from_range(doc, prefix, ent.end, label, starts, start)
        if mention is not None:
            mentions.append(mention)
    mentions = sorted(mentions + _untagged_subject_names(doc, starts), key=lambda m: m.start)
    return _bracketed_short_names(doc, _family_surnames(doc, _share_surnames(doc, mentions)))


def _untagged_subject_names(doc, starts: list[int]) -> list[NameMention]:
    """A first name and surname that NER left untagged, as the subject of a verb ("Adel Nefzi
    said", where NER took every "Nefzi" for a place): a person, when the surname is written alone
    elsewhere in the story and never in lower case, outside quotation marks. Found here, not only
    when a quote's source needs it, so that the surname's other mentions and the pronouns after
    it find him."""
    found, quoted = [], None
    for token in doc:
        if token.dep_ not in SUBJECT_DEPS or token.ent_type_ or token.i == 0 or not name_cased(token) or common_word(token):
            continue
        quoted = inside_quotes(doc) if quoted is None else quoted
        if quoted[token.i]:
            continue  # "I want America First", a slogan
        first = doc[token.i - 1]
        if first.dep_ != "compound" or not is_untagged_first_name(first, token):
            continue
        if _written_like_a_persons_name(doc[first.i : token.i + 1]):
            mention = _mention_from_range(doc, first.i, token.i + 1, "PERSON", starts, first.i)
            found.extend([mention] if mention is not None else [])
    return found


def _share_surnames(doc, mentions: list[NameMention]) -> list[NameMention]:
    """"Khizr and Ghazala Khan", "Bill and Hillary Clinton": a first name alone, joined by "and"
    to a full name, shares its surname. Not a surname ("Trump and Marco Rubio", "Keyworth and
    Dick Hackborn" where "Keyworth" alone names him again)."""
    surnames = {m.words[-1] for m in mentions if m.kind == "person" and len(m.words) > 1}
    alone = Counter(m.name for m in mentions if len(m.words) == 1)
    shared = list(mentions)
    for i, (first, full) in enumerate(zip(mentions, mentions[1:])):
        joined = full.start == first.end + 1 and doc[first.end].lower_ == "and"
        people = first.kind == full.kind == "person" and len(first.words) == 1 and len(full.words) > 1
        if joined and people and first.name not in surnames and alone[first.name] == 1:
            shared[i] = replace(first, name=f"{first.name} {full.words[-1]}")
    return shared


def _family_surnames(doc, mentions: list[NameMention]) -> list[NameMention]:
    """"Clinton's husband, Bill", "Trump's son Eric": a first name alone, set beside a close
    relative of someone named, takes that someone's surname."""
    named = []
    for mention in mentions:
        head = doc[mention.head]
        relative = head.head
        owner = next((c for c in relative.children if c.dep_ == "poss" and c.pos_ in NAME_POS), None)
        if mention.kind == "person" and len(mention.words) == 1 and head.dep_ == "appos" and relative.lower_ in FAMILY and owner is not None:
            mention = replace(mention, name=f"{mention.name} {owner.text}")
        named.append(mention)
    return named


def _entity_spans(doc):
    """NER's entities without the dateline it runs into a name ("ROME - Bernie Sanders said")
    or takes for one ("MIAMI - A super PAC ad ..."), split at an open bracket."""
    after_dateline = _dateline_ends(doc)
    for ent in _split_after_outlet(doc, _split_at_open_bracket(doc, _split_at_colon(doc, _with_nicknames(doc)))):
        start = after_dateline.get(ent.start, ent.start)
        if start == ent.start:
            yield ent
        elif start < ent.end:  # what NER tagged was the dateline with the name: the name's own kind is unknown
            label = "PERSON" if _written_like_a_persons_name(doc[start : ent.end]) else ent.label_
            yield Span(doc, start, ent.end, label)


def _written_like_a_persons_name(words) -> bool:
    """Two or three capitalised proper nouns, none a word of organisations or titles, the last
    also written alone elsewhere in the story ("Hannity followed up")."""
    not_personal = lexicon.org_heads() | lexicon.outlet_words() | lexicon.titles()
    if not 2 <= len(words) <= 3:
        return False
    last, before = words[-1].text, words[-2].text
    if _word_counts(words.doc)[last] - _pair_counts(words.doc)[(before, last)] < 1:
        return False
    return all(t.pos_ == "PROPN" and name_cased(t) and t.lower_ not in not_personal for t in words)


def _dateline_ends(doc) -> dict[int, int]:
    """For each token of a dateline ("ROME -", "NEW YORK (AP) —" opening a line), the token after its dash."""
    ends = {}
    for token in doc:
        if token.i > 0 and "\n" not in doc[token.i - 1].text:
            continue
        i = token.i
        while i < len(doc) and (doc[i].text in DATELINE_PUNCTUATION or (doc[i].is_alpha and doc[i].is_upper)):
            i += 1
        if i > token.i and i < len(doc) and doc[i].text in DASHES:
            ends.update({j: i + 1 for j in range(token.i, i + 1)})
    return ends


def _split_after_outlet(doc, entities):
    """"Fox News Sean Hannity": NER runs an outlet (the longest one named) into its host's name; two names."""
    for ent in entities:
        cut = next((i for i in reversed(range(ent.start + 1, ent.end - 1)) if " ".join(t.lower_ for t in doc[ent.start : i]) in lexicon.outlets()), None)
        if ent.label_ == "ORG" and cut is not None and _written_like_a_persons_name(doc[cut : ent.end]):
            yield Span(doc, ent.start, cut, "ORG")
            yield Span(doc, cut, ent.end, "PERSON")
        else:
            yield ent


def _with_nicknames(doc) -> list[Span]:
    """NER's entities, with a name that holds a nickname in quotation marks as one person:
    'John “Tig” Tiegen', 'C.L. "Butch" Otter' (NER cut them at the marks, or took "Tiegen" for a firm)."""
    names = [_nicknamed_name(doc, i) for i in range(1, len(doc) - 4)]
    names = [Span(doc, start, end, "PERSON") for start, end in filter(None, names)]
    kept = [e for e in doc.ents if not any(e.start < n.end and n.start < e.end for n in names)]
    return sorted(kept + names, key=lambda span: span.start)


def _nicknamed_name(doc, opening: int) -> tuple[int, int] | None:
    """Token bounds of a first name (or initials), a nickname of one or two words in quotation marks
    opening at `opening`, and a surname; NER must read the first name or the surname as a person's."""
    first = doc[opening - 1]
    if doc[opening].text not in QUOTE_TOKENS or doc[opening].whitespace_ or not first.whitespace_ or not first.text[:1].isupper() or first.is_stop:
        return None
    for closing in (opening + 2, opening + 3):
        if closing + 1 >= len(doc) or doc[closing].text not in QUOTE_TOKENS or not doc[closing].whitespace_:
            continue
        nickname, surname = doc[opening + 1 : closing], doc[closing + 1]
        person = "PERSON" in (first.ent_type_, surname.ent_type_)
        if person and all(name_cased(t) and t.is_alpha for t in nickname) and not doc[closing - 1].whitespace_ and name_cased(surname):
            return first.i, closing + 2
    return None


def _split_at_colon(doc, entities):
    """A headline's capitals make NER run a name over a colon ("De Blasio: Trust Bratton"): a
    name ends at a colon."""
    for ent in entities:
        colons = [t.i for t in ent if t.text == ":"]
        if not colons:
            yield ent
            continue
        for start, end in zip([ent.start] + [i + 1 for i in colons], colons + [ent.end]):
            if start < end:
                yield Span(doc, start, end, ent.label)


def _split_at_open_bracket(doc, entities):
    """NER runs an organisation's name into the short name that follows it in brackets: "the
    California Department of Transportation (Caltrans": two names. (A person's brackets hold
    an editor's insertion: "George (W. Bush)".)"""
    for ent in entities:
        words = [t.text for t in ent]
        if "(" in words[1:] and ")" not in words and ent.label_ != "PERSON":
            bracket = ent.start + words.index("(")
            yield Span(doc, ent.start, bracket, ent.label)
            if bracket + 1 < ent.end:
                yield Span(doc, bracket + 1, ent.end, ent.label)
        else:
            yield ent


def _bracketed_short_names(doc, mentions: list[NameMention]) -> list[NameMention]:
    """"the California Department of Transportation (Caltrans)", "NATO (North Atlantic Treaty
    Organization)": two names of one organisation; the longer stands for both, wherever the
    story uses them."""
    full_names = {}
    for named, bracketed in zip(mentions, mentions[1:]):
        closed = bracketed.end < len(doc) and doc[bracketed.end].text == ")"
        if bracketed.start == named.end + 1 and doc[named.end].text == "(" and closed and named.kind == bracketed.kind != "person":
            short, full = sorted((named.name, bracketed.name), key=len)
            full_names.setdefault((named.kind, short), full)
    return [replace(m, name=full_names.get((m.kind, m.name), m.name)) for m in mentions]


def _untagged_first_name(doc, ent) -> bool:
    """A one-word person (or organisation) name whose first name NER missed ("Ilya Shapiro"
    tagged only as "Shapiro"). A sentence's first word that is a common word elsewhere in the
    story, or a verb's "-ing" form, only when the two are written together again: "Though Bush's
    campaign", "Debating Clinton's character" are no names."""
    if len(ent) != 1 or ent.label_ not in FIRST_NAME_LABELS or ent.start == 0:
        return False
    before = doc[ent.start - 1]
    if not is_untagged_first_name(before, ent[0]):
        return False
    return not before.is_sent_start or not common_word(before) or written_together_again(before, ent[0])


def common_word(token) -> bool:
    """A verb's "-ing" form, or a word the document also writes in lower case."""
    return token.lower_.endswith("ing") or _word_counts(token.doc)[token.lower_] > 0


def written_together_again(first, second) -> bool:
    """Whether the two words stand together more than once in the document."""
    return _pair_counts(first.doc)[(first.text, second.text)] > 1


def _word_counts(doc) -> Counter:
    return _counts(doc)[0]


def _pair_counts(doc) -> Counter:
    return _counts(doc)[1]


@lru_cache(maxsize=1)
def _counts(doc) -> tuple[Counter, Counter]:
    """How often each word, and each pair of words, is written: counted once per document (a
    long document asks about many words), for the document being read now."""
    words = Counter(t.text for t in doc)
    pairs = Counter((a.text, b.text) for a, b in zip(doc, doc[1:]) if a.whitespace_)
    return words, pairs


def is_untagged_first_name(before, name) -> bool:
    """A capitalised proper noun right before a name, that NER left untagged and that is no
    title, honorific, organisation word or headline capital: the name's first name."""
    if before.pos_ not in NAME_POS or not name_cased(before) or before.ent_type_ or len(before) < 2:
        return False
    if before.dep_ in CLAUSE_OPENER_DEPS:
        return False  # "Though Kaine has ...": a conjunction tagged a proper noun
    if is_title_word(before) or lexicon.honorifics().get(before.lower_) is not None or title_cased(before.sent):
        return False
    org_words = lexicon.org_heads() | lexicon.outlet_words()
    return name.lower_ not in org_words and before.lower_ not in org_words and before.sent == name.sent


def _name_after_short_title(doc, ent) -> int | None:
    """"GOP Rep McCaul" tagged as one organisation: a short form of a title ("Rep", "Sen.",
    "Gov") followed by one to three capitalised names with no organisation word is a person's
    title and name. Returns where the name starts."""
    if ent.label_ == "PERSON":
        return None
    org_words = lexicon.org_heads() | lexicon.outlet_words()
    for token in ent[:-1]:
        if not _short_title(token):
            continue
        name = doc[token.i + 1 : ent.end]
        is_name = all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in org_words for t in name)
        if len(name) <= MAX_NAME_AFTER_TITLE and is_name:
            return token.i + 1
    return None


def _short_title(token) -> bool:
    """"Rep.", "Rep", "Sen", "Gov.": a title written short before a name."""
    word = token.lower_.rstrip(".")
    return token.text[:1].isupper() and len(word) <= 4 and f"{word}." in lexicon.titles()


def mention_for_tokens(doc, start: int, end: int, label: str = "PERSON") -> NameMention | None:
    """A name mention for a token range that NER did not mark (a source like "Devine")."""
    return _mention_from_range(doc, start, end, label, sentence_starts(doc))


def web_address(word: str) -> bool:
    """A dotted name whose last part is a domain of 2 to 6 letters."""
    return WEB_ADDRESS.fullmatch(word) is not None and 2 <= len(top := word.rsplit(".", 1)[1]) <= 6 and top.isalpha()


def camel_or_domain(word: str) -> bool:
    """"RealClearPolitics", "GunBroker.com": written like an organisation, not a person."""
    inner_capital = any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))
    return inner_capital or web_address(word)


def looks_like_name(token) -> bool:
    """A capitalised word NER left untagged. Where a sentence, or what follows a colon, opens,
    only a proper noun, a word written like a name ("GunBroker.com") or capitalised inside
    sentences elsewhere, or a word in capitals that the story writes again but never in lower
    case ("BOULDUAN:" labelling a transcript's lines, not "UPDATE:"); not "Mourners" in "The
    Latest: Mourners say ..."; nor, anywhere, a plural common noun ("PORT DELMAR — Relatives of
    passengers said": capitalised after a dateline, it is no name). A website's address is a
    name in any case."""
    text = token.text
    if web_address(text):
        return True  # "ouest-france.fr reported": a website's name, written in lower case
    if len(text) < 2 or not any(c.isupper() for c in text) or token.ent_type_ in NOT_NAME_ENTS:
        return False  # "Tuesday marked a turning point": a date NER did tag is no one
    if token.tag_ == "NNS" and token.is_title and not token.ent_type_:
        return False  # not "RealClearPolitics", tagged a plural noun
    if token.tag_ == "NNPS" and any(c.dep_ in ("det", "amod") and c.lower_ in PLURAL_QUANTIFIERS for c in token.children):
        return False  # "Many Millennials want ...": a name takes no "many" or "some"
    if not token.is_sent_start and not (token.i > 0 and token.nbor(-1).text == ":"):
        return True
    if text.isupper():  # a label is written again for each of the speaker's lines
        return not common_word(token) and _word_counts(token.doc)[text] > 1
    return token.pos_ in NAME_POS or camel_or_domain(text) or _written_as_a_name(token)


def _written_as_a_name(token) -> bool:
    """"D’Souza" opening a paragraph, tagged a common noun: the story writes it capitalised
    inside sentences too, and never in lower case."""
    return token.text in _capitalised_inside_sentences(token.doc) and _word_counts(token.doc)[token.lower_] == 0


@lru_cache(maxsize=1)
def _capitalised_inside_sentences(doc) -> frozenset[str]:
    """Words written with a capital where no sentence opens: counted once per document."""
    return frozenset(t.text for t in doc if name_cased(t) and not t.is_sent_start and not (t.i > 0 and t.nbor(-1).text == ":"))
