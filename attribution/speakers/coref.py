"""Coreference for speakers, built on the parse and NER (no coreference model is available).

Names are grouped into entities (a surname joins the full name it shortens; an acronym joins the
name it abbreviates); each person's gender comes only from the document itself (honorifics, and
pronouns used where that person is the only candidate); pronouns and descriptions ("the
minister") are resolved to the most salient compatible entity before them.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from attribution.speakers import lexicon
from attribution.speakers.mentions import (
    SUBJECT_DEPS,
    SUFFIX_WORDS,
    NameMention,
    honorific_gender,
    inside_brackets,
    inside_quotes,
    is_untagged_first_name,
    mention_for_tokens,
    name_cased,
    title_cased,
    written_together_again,
)
from attribution.speakers.roles import described_job, predicated_job

# Suffixes as written, with or without their full stop ("Martin Luther King Jr.").
NAME_SUFFIXES = SUFFIX_WORDS | {"jr.", "sr."}
# Names are compared over and over while mentions are grouped: their keys are computed once.
NAME_CACHE = 65536
# Small words that an acronym skips ("North Atlantic Treaty Organization" -> NATO).
ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "on", "in", "&"})
# How far back (in sentences) a pronoun or description looks for its antecedent.
MAX_SENTENCES_BACK = 8
# "they" only means an organisation named as a subject this close (in sentences).
PLURAL_SENTENCES_BACK = 1
# "it" only means an organisation or country named as a subject this close (in sentences).
NEUTER_SENTENCES_BACK = 2
# Salience weights: the subject of a recent sentence, and the speaker of a recent quote, are the
# likeliest antecedents of "he said" in news; distance costs one point a sentence.
SUBJECT_BONUS = 0.5
SPEAKER_BONUS = 0.5
KNOWN_GENDER_BONUS = 0.5
FREQUENCY_WEIGHT = 0.05
# A name inside someone's quoted words is rarely who "he said" is ("'I prefer Kasich,' he said").
QUOTED_PENALTY = 1.0
# Nor one named in an aside in brackets ("(As BuzzFeed reported, Mr. Trump voiced ...)") when
# the pronoun is outside it.
BRACKETED_PENALTY = 1.5
# Nor is a name used as a modifier ("a Clinton supporter").
MODIFIER_PENALTY = 0.75
# Nor someone named in the quote itself: people speak of others by name, of themselves as "I".
SPOKEN_ABOUT_PENALTY = 2.0
GENDERED = {"m": frozenset({"he", "him", "his", "himself"}), "f": frozenset({"she", "her", "hers", "herself"})}
PRONOUN_GENDER = {word: gender for gender, words in GENDERED.items() for word in words}
NOUN_GENDER = {"man": "m", "spokesman": "m", "chairman": "m", "woman": "f", "spokeswoman": "f", "chairwoman": "f"}
GENDERED_POSSESSIVES = frozenset({"his", "her"})
MAX_AGE = 120  # "Ramos, 58,": a number beside a name, no higher, is an age
# Words for a relative: a name set beside one ("his wife, Melania,") is a person's.
RELATIVES = frozenset(
    {"wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "cousin", "widow", "widower"}
    | {"nephew", "niece", "grandson", "granddaughter", "fiancee", "fiancée", "fiance"}
)
# Gender needs this much pronoun evidence (a strong vote, or two weak ones), twice the other's.
STRONG_VOTE = 2
MIN_GENDER_VOTES = 2
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj"})
# A name in these relations only modifies another noun ("Clinton's campaign", "a Clinton aide").
MODIFIER_DEPS = frozenset({"poss", "compound"})
PERSON_KINDS = frozenset({"person"})
# A two-word name the story then calls this often by its last word alone is a person's, unless
# its first word begins a place's name.
SURNAME_USES = 2
# Roles an organisation or a country can be said to hold too ("Turkey is a member of NATO", "the
# host of the summit", "the leader in smartphones"): saying a name is one does not make it a person.
ORGANISATION_ROLES = frozenset({"leader", "member", "head", "host", "author", "founder", "chief", "executive", "general", "major", "justice", "candidate", "incumbent", "frontrunner", "front-runner", "contender", "challenger", "delegate", "chair"})
PLACE_PREFIXES = frozenset({"north", "south", "east", "west", "new", "san", "santa", "los", "las", "saint", "fort", "port", "mount", "lake", "upper", "lower", "greater"})
# Kinds whose names are sought again where NER missed them.
REPEAT_KINDS = frozenset({"person", "organization"})
GROUP_KINDS = frozenset({"organization", "country", "group"})
_PUNCT = re.compile(r"[^\w\s-]")
# Titles written short, so that "the senator" is "Sen. Warren" and a headline's "Texas Gov." is "Texas Governor Greg Abbott".
TITLE_ABBREVIATIONS = {"sen": "senator", "gov": "governor", "rep": "representative", "gen": "general", "lt": "lieutenant", "atty": "attorney", "sec": "secretary", "supt": "superintendent"}


@dataclass(frozen=True)
class Entity:
    """A person, organisation, country or group, with every mention of it in the document."""

    eid: int
    kind: str
    name: str  # the fullest name the document uses
    mentions: tuple[NameMention, ...]
    gender: str = ""  # "m", "f" or "" (unknown)

    @property
    def surname(self) -> str:
        return surname_of(self.name)

    def last_mention_before(self, token_index: int) -> int:
        """The head of the entity's last name mention before `token_index`; -1 if none."""
        return max((m.head for m in self.mentions if m.head < token_index), default=-1)


@dataclass(frozen=True)
class Candidate:
    """A place where an entity was mentioned (or spoke) before a pronoun or description."""

    entity: Entity
    token: int
    sentence: int
    is_subject: bool
    is_speaker: bool = False


@lru_cache(maxsize=NAME_CACHE)
def normalise(name: str) -> str:
    """Lower case, no punctuation, no leading "the", no possessive: the key names are compared by."""
    text = name.lower().replace("’", "'")
    text = re.sub(r"'s?$", "", text)
    text = _PUNCT.sub("", text)
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=NAME_CACHE)
def _name_words(name: str) -> tuple[str, ...]:
    words = [w for w in normalise(name).split() if w]
    while len(words) > 1 and words[-1].strip(".") in SUFFIX_WORDS:
        words.pop()
    return tuple(words)


def _suffix(name: str) -> str:
    """"Jr." in "Donald Trump Jr.": father and son share every other word."""
    last = normalise(name).split()[-1:]
    return last[0] if last and last[0] in NAME_SUFFIXES else ""


def surname_of(name: str) -> str:
    words = _name_words(name)
    return words[-1] if words else ""


def _first_names_agree(a: str, b: str) -> bool:
    """"John" and "John" agree, and so do an initial and the name it starts ("J." / "John")."""
    a, b = a.strip("."), b.strip(".")
    if a == b:
        return True
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def acronym(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ACRONYM_SKIP]
    return "".join(w[0] for w in words if w[0].isupper()).upper()


@dataclass
class _Group:
    kind: str
    mentions: list[NameMention] = field(default_factory=list)
    # What pronouns say of the full name alone, and from which token on (see _full_name_genders).
    pronoun_gender: tuple[str, int] = ("", 0)

    @property
    def full(self) -> list[NameMention]:
        return [m for m in self.mentions if len(_name_words(m.name)) > 1]

    def honorific_gender(self) -> str:
        marks = {m.gender for m in self.mentions if m.gender}
        return marks.pop() if len(marks) == 1 else ""


def _join_person(groups: list[_Group], mention: NameMention) -> _Group | None:
    words = _name_words(mention.name)
    if len(words) > 1:
        for group in groups:
            # "Wasserman Schultz" shortens "Debbie Wasserman Schultz".
            if any(_name_words(m.name)[-len(words) :] == words and len(_name_words(m.name)) > len(words) for m in group.full):
                return group
        for group in groups:
            if any(
                _name_words(m.name)[-1] == words[-1]
                and _first_names_agree(_name_words(m.name)[0], words[0])
                and _suffix(m.name) == _suffix(mention.name)
                for m in group.full
            ):
                return group
        return None
    return _join_surname(groups, mention, words[0] if words else "")


def _join_surname(groups: list[_Group], mention: NameMention, word: str) -> _Group | None:
    """A bare surname joins the full name it shortens: the one named last before it, among those
    whose honorifics do not contradict it ("Mrs. Clinton" is not Bill Clinton)."""
    matches = [g for g in groups if g.full and _name_words(g.full[0].name)[-1] == word]
    if mention.gender:  # "Mrs. Clinton": one known by then to be a woman, else one not known to be a man
        known = [g for g in matches if _known_gender(g, mention.start) == mention.gender]
        matches = known or [g for g in matches if not _known_gender(g, mention.start)]
    if not matches:
        firsts = [g for g in groups if g.full and _name_words(g.full[0].name)[0] == word]
        if len(firsts) == 1:  # a first name alone ("Bernie") names the one person it can
            return firsts[0]
        return next((g for g in groups if not g.full and _name_words(g.mentions[0].name) == (word,)), None)

    # The person the story introduces first is the one a bare surname means: writers name the
    # second Clinton or Trump in full ("Bill Clinton", "Eric Trump") to set them apart.
    return min(matches, key=lambda g: g.full[0].start)


def _known_gender(group: _Group, token_index: int) -> str:
    """The group's gender by its honorifics, or else by pronouns written before `token_index`."""
    gender, since = group.pronoun_gender
    return group.honorific_gender() or (gender if since < token_index else "")


def _join_other(groups: list[_Group], mention: NameMention) -> _Group | None:
    key = normalise(mention.name)
    for group in groups:
        if group.kind == mention.kind and any(normalise(m.name) == key for m in group.mentions):
            return group
    if mention.name.isupper() and len(mention.name) > 1:
        for group in groups:
            if group.kind == mention.kind and any(acronym(m.name) == mention.name for m in group.mentions):
                return group
    for group in groups:
        if group.kind == mention.kind and any(m.name.isupper() and acronym(mention.name) == m.name for m in group.mentions):
            return group
    # "the Times" after "The New York Times": a shortened name that ends only one longer one.
    longer = [
        g
        for g in groups
        if g.kind == mention.kind and any(normalise(m.name).endswith(" " + key) for m in g.mentions)
    ]
    if len(longer) == 1:
        return longer[0]
    # "the Committee" after "the EP Committee on Civil Liberties ...": an organisation word alone
    # means the only organisation named with it.
    if key in lexicon.org_heads():
        holding = [g for g in groups if g.kind == mention.kind and any(key in normalise(m.name).split()[:-1] for m in g.mentions)]
        return holding[0] if len(holding) == 1 else None
    return None


def _fullest(group: _Group) -> str:
    """The longest name used (most words, then most characters), the first such when tied; a
    name in capitals only where it has no other form ("DONALD TRUMP" in a byline)."""
    best = max(group.mentions, key=lambda m: (len(_name_words(m.name)), not m.name.isupper(), len(m.name), -m.start))
    return best.name


def _as_person_where_named(doc, mentions: list[NameMention]) -> list[NameMention]:
    """NER often tags a surname as an organisation or a nationality ("Corker said", "Calabrese
    said"): a one-word organisation, place or group that is the surname of a person named in
    full, or an organisation or place that carries a title or honorific, is a person; so is a
    one-word organisation that NER reads as a person elsewhere in the story ("Trump told
    Newsmax" beside "Trump said"); so is a
    longer one with no organisation word that has a job ("Eswar Prasad, a professor of ...", "The
    chief executive of the trust, Helena Voss"), a
    family name ("Naghmeh Abedini" beside "Saeed Abedini") or "her" or "his" things ("Carly
    Fiorina threw her support behind ..."), or that the story goes on to call by its last word
    alone, never its first ("Carly Fiorina" ... "Fiorina said"; a firm is "Goldman", not "Sachs").
    Full names first, so their surnames count."""
    alone = Counter(_name_words(m.name)[0] for m in mentions if len(_name_words(m.name)) == 1 and m.kind != "group")
    full = [
        replace(m, kind="person") if len(_name_words(m.name)) > 1 and (_reads_as_person(doc, m, set()) or _called_by_surname(doc, m, alone)) else m
        for m in mentions
    ]
    surnames = {_name_words(m.name)[-1] for m in full if m.kind == "person" and len(_name_words(m.name)) > 1}
    # written in capitals, a person's name is a transcript's label ("FALLIN:"), an acronym ("SVP") is no one's
    read_as_people = {_name_words(m.name) for m in full if m.kind == "person" and len(_name_words(m.name)) == 1 and not m.name.isupper()}
    people = [
        replace(m, kind="person") if _reads_as_person(doc, m, surnames) or _one_word_firm_read_as_person(m, read_as_people) else m
        for m in full
    ]
    # "Fiorina, the former Hewlett-Packard CEO" made a person: the firm "Carly Fiorina" is that
    # person too, and so is "Melania" wherever NER read it as a place after "his wife, Melania"
    titled = {_name_words(m.name)[0] for m, was in zip(people, full) if was.kind == "organization" != m.kind and len(_name_words(m.name)) == 1}
    made = {m.name for m, was in zip(people, full) if was.kind != m.kind and len(_name_words(m.name)) == 1}
    return [replace(m, kind="person") if _surname_titled(doc, m, titled) or m.name in made else m for m in people]


def _one_word_firm_read_as_person(mention: NameMention, read_as_people: set[tuple[str, ...]]) -> bool:
    """Not a place or a nationality: "Cologne" or "Israel", read as a person once, stays a place."""
    return mention.kind == "organization" and _name_words(mention.name) in read_as_people


def _surname_titled(doc, mention: NameMention, titled: set[str]) -> bool:
    """An organisation written like a full name whose last word, alone, was found a person's."""
    return mention.kind == "organization" and _written_as_full_name(doc, mention) and _name_words(mention.name)[-1] in titled


def _called_by_surname(doc, mention: NameMention, alone: Counter) -> bool:
    """Written like a first name and surname, and then called by the second word alone, never by the first."""
    words = _name_words(mention.name)
    return mention.kind in ("organization", "country", "group") and _written_as_full_name(doc, mention) and alone[words[-1]] >= SURNAME_USES and not alone[words[0]]


def _written_as_full_name(doc, mention: NameMention) -> bool:
    """Two capitalised words like a first name and surname, not "RJR Nabisco", "Alphabet's
    Google", "Popular Christian", "West Miami" or "Fox News"."""
    words = _name_words(mention.name)
    tokens = doc[mention.start : mention.end]
    if len(words) != 2 or len(tokens) != 2:
        return False
    if not all(t.is_alpha and name_cased(t) for t in tokens) or tokens[0].tag_ == "JJ" or words[0] in PLACE_PREFIXES:
        return False
    return not (lexicon.org_heads() & set(words) or lexicon.outlet_words() & set(words))


def _reads_as_person(doc, mention: NameMention, surnames: set[str]) -> bool:
    if mention.kind not in ("organization", "country", "group") or mention.name.isupper():
        return False
    words = _name_words(mention.name)
    head = doc[mention.head]
    titled = (
        _person_title(mention.title)
        or (mention.start > 0 and honorific_gender(doc[mention.start - 1]) is not None)
        or _has_role_appositive(head)
        or _names_a_relative(head)
        or _aged_or_who(head)
    )
    if len(words) == 1:
        return words[0] in surnames or bool(titled and mention.kind != "group")
    if lexicon.org_heads() & set(words) or lexicon.outlet_words() & set(words):
        return False
    predicated = predicated_job(head)
    has_job = described_job(head) is not None or predicated is not None and predicated.lower_ not in ORGANISATION_ROLES
    return bool(titled) or _family_name(mention, words, surnames) or _owns_gendered_object(head) or has_job


def _person_title(title: str) -> bool:
    """A title word before a name makes it a person's ("Defense Secretary Lloyd Austin"); not a
    title an organisation also has ("the consulting firm McKinsey", "snack giant Nabisco"), nor
    a mere description ("Port operator Eastbank Terminals")."""
    words = title.lower().split()
    if not words or words[-1] in lexicon.org_heads() or words[-1] in lexicon.outlet_words():
        return False
    return any(word in lexicon.titles() for word in words)


def _owns_gendered_object(subject) -> bool:
    """"Carly Fiorina threw her support": the object of the name's own verb is "her" or "his" something."""
    if subject.dep_ != "nsubj":
        return False
    objects = [c for c in subject.head.children if c.dep_ == "dobj"]
    return any(c.dep_ == "poss" and c.lower_ in GENDERED_POSSESSIVES for o in objects for c in o.children)


def _family_name(mention: NameMention, words: tuple[str, ...], surnames: set[str]) -> bool:
    """Whether the name ends in a person's surname, written as a name, not as an acronym ("Junge SVP")."""
    return words[-1] in surnames and not mention.name.split()[-1].isupper()


def is_generic_name(name: str) -> bool:
    """A common word NER took for a name: an organisation word in capitals or with its modifier
    ("PAC", "Super PAC"), or people unnamed ("Aides said" opening a sentence). Such a name is
    a group: its speaker stays unnamed."""
    words = _name_words(name)
    if " ".join(words) in lexicon.org_heads():
        return name.isupper() or len(words) > 1
    return len(words) == 1 and words[0] in lexicon.unnamed_heads()


def _the_names_as_organisations(doc, mentions: list[NameMention]) -> list[NameMention]:
    person_words = _person_name_words(m.name for m in mentions if m.kind == "person")
    return [replace(m, kind="organization") if _organisation_after_the(doc, m, person_words) else m for m in mentions]


def _organisation_after_the(doc, mention: NameMention, person_words: set[str]) -> bool:
    """NER, and the rule for names it missed, take some outlets and bodies for people ("The Blaze
    reported", "The Advocate", "the U.S. Chamber"): a name written right after "the" is an
    organisation's, unless a person of the story is named by one of its words or by its plural
    ("the Donald", "the Clintons")."""
    if mention.kind != "person" or mention.title_start != mention.start or mention.start == 0:
        return False
    if doc[mention.start - 1].lower_ != "the" or any(t.lower_ in lexicon.titles() for t in doc[mention.start : mention.end]):
        return False  # "the President" is a person's title
    return not any({word, word[:-1]} & person_words for word in _name_words(mention.name))


def _described_as_organisation(doc, mention: NameMention) -> bool:
    """"Citizens United, the conservative advocacy group": a person by NER, set beside an
    organisation word, is that organisation."""
    if mention.kind != "person":
        return False
    head = doc[mention.head]
    return any(c.dep_ == "appos" and c.i > head.i and c.tag_ == "NN" and c.lower_ in lexicon.org_heads() for c in head.children)


def _person_name_words(names) -> set[str]:
    """The words of people's names given in full ("Donald Trump": "donald", "trump")."""
    return {word for name in names if len(_name_words(name)) > 1 for word in _name_words(name)}


def _has_role_appositive(token) -> bool:
    """"Tanden, head of the Center for American Progress": only a person has a job. Set off by
    punctuation: in "his rally in San Jose, California the GOP candidate went on" the parse hangs the
    sentence's subject on the place."""
    doc = token.doc
    return any(
        c.dep_ == "appos" and c.lower_ in lexicon.titles() and c.i > token.i and c.left_edge.i > 0 and doc[c.left_edge.i - 1].is_punct
        for c in token.children
    )


def _aged_or_who(token) -> bool:
    """"Ramos, 58, told AFP", "Darrow, who has written two books": an age set off beside a name,
    or a relative clause on it opened by "who", is said only of a person; not of a description
    ("Murphy, a Jupiter Democrat who ...": the name is Murphy)."""
    if any(c.dep_ == "det" for c in token.children):
        return False
    for child in token.children:
        if child.i < token.i:
            continue
        if child.dep_ == "appos" and child.like_num and child.text.isdigit() and int(child.text) <= MAX_AGE:
            return True
        if child.dep_ == "relcl" and any(g.lower_ == "who" and g.dep_ in ("nsubj", "nsubjpass") for g in child.children):
            return True
    return False


def _names_a_relative(token) -> bool:
    """"Trump's wife, Melania,", "his son, Grant,": the name set beside a word for a relative or a
    job is a person's."""
    noun = token.head
    return token.dep_ == "appos" and noun.i < token.i and (noun.lower_ in RELATIVES or noun.lower_ in lexicon.titles())


def _untagged_surnames(doc, mentions: list[NameMention]) -> list[NameMention]:
    """Surnames NER left untagged ("Zimmerman has been ..."): a proper noun outside every name
    that is the surname of a person named in full becomes a mention of that person."""
    surnames = {_name_words(m.name)[-1] for m in mentions if m.kind == "person" and len(_name_words(m.name)) > 1}
    covered = {i for m in mentions for i in range(m.title_start, m.end)} | {t.i for ent in doc.ents for t in ent}
    found = []
    for token in doc:
        if token.i in covered or token.lower_ not in surnames or not name_cased(token):
            continue
        start = token.i - 1 if _untagged_first_name_before(doc, token, covered) else token.i
        mention = mention_for_tokens(doc, start, token.i + 1, "PERSON")
        if mention is not None:
            found.append(_as_surname(mention))
    return found


def _as_surname(mention: NameMention) -> NameMention:
    """A person's surname, even one an outlet has ("Mayor Don Guardian" ... "Guardian hopes"),
    but not a platform's name ("Wilayat Twitter", an account, then "Twitter said")."""
    if mention.kind == "person" or normalise(mention.name) in lexicon.platforms():
        return mention
    return replace(mention, kind="person")


def _untagged_first_name_before(doc, surname, covered: set[int]) -> bool:
    """"Ivanka Trump" where NER tagged neither word: another first name before the surname, so
    another person than "Donald Trump"; a sentence's first word only when the two are written
    together again elsewhere ("Absent Sanders, ..." is no name)."""
    before = doc[surname.i - 1] if surname.i > 0 else None
    if before is None or before.i in covered or not is_untagged_first_name(before, surname):
        return False
    return not before.is_sent_start or written_together_again(before, surname)


def _untagged_repeats(doc, mentions: list[NameMention]) -> list[NameMention]:
    """NER tags a name in one place and misses it in another ("Wealth-X says"): every other
    occurrence of a name of several tokens, outside every name, is a mention of it too."""
    covered = {i for m in mentions for i in range(m.title_start, m.end)} | {t.i for ent in doc.ents for t in ent}
    labels = {m.name: ("PERSON" if m.kind == "person" else "ORG") for m in mentions if m.end - m.start > 1 and m.kind in REPEAT_KINDS}
    found, text = [], doc.text
    for name, label in labels.items():
        for match in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            span = doc.char_span(match.start(), match.end())
            if span is None or any(t.i in covered for t in span):
                continue
            mention = mention_for_tokens(doc, span.start, span.end, label)
            if mention is not None:
                found.append(mention)
                covered.update(range(span.start, span.end))
    return found


def _repair_headlines(doc, mentions: list[NameMention]) -> list[NameMention]:
    """A headline's capitals make NER run names into words ("Glenn Beck Blasts Drudge"): such a
    name that holds a name used elsewhere in the story is cut down to that name."""
    body = {normalise(m.name) for m in mentions if not title_cased(doc[m.head].sent)}
    surnames = {surname_of(m.name) for m in mentions if m.kind == "person" and normalise(m.name) in body}
    repaired = []
    for m in mentions:
        key = normalise(m.name)
        if key not in body and title_cased(doc[m.head].sent):
            inner = [b for b in body if len(b.split()) > 1 and f" {b} " in f" {key} "]
            if not inner and key.split()[0] in surnames:  # "Maher Tells Guest ...": a surname first
                inner = [key.split()[0]]
            if inner:
                best = max(inner, key=len)
                m = replace(m, name=_original_case(m.name, best))
        repaired.append(m)
    return repaired


def _original_case(name: str, key: str) -> str:
    words = name.split()
    size = len(key.split())
    for i in range(len(words) - size + 1):
        if normalise(" ".join(words[i : i + size])) == key:
            return " ".join(words[i : i + size])
    return name


def _group_mentions(mentions: list[NameMention], full_name_genders: dict[str, tuple[str, int]] | None = None) -> list[_Group]:
    genders = full_name_genders or {}
    groups: list[_Group] = []
    # Full names first, so a surname written before the full name still finds it.
    persons = [m for m in mentions if m.kind == "person"]
    ordered = sorted(persons, key=lambda m: (len(_name_words(m.name)) < 2, m.start))
    for mention in ordered + [m for m in mentions if m.kind != "person"]:
        join = _join_person if mention.kind == "person" else _join_other
        group = join(groups, mention)
        if group is None:
            group = _Group(mention.kind, pronoun_gender=genders.get(normalise(mention.name), ("", 0)))
            groups.append(group)
        group.mentions.append(mention)
    for group in groups:
        group.mentions.sort(key=lambda m: m.start)
    return groups


def _full_name_genders(doc, mentions: list[NameMention], sentence_of, quoted: list[bool]) -> dict[str, tuple[str, int]]:
    """The gender pronouns give each full name before bare surnames are joined to it, and the
    token where that became known: "Hillary Clinton ... her husband" sends a later "Mrs.
    Clinton" to her, whichever Clinton the story names first. Every bare surname counts as a
    person of its own here, so a pronoun after "Mr. Clinton" votes for no one."""
    persons = [m for m in mentions if m.kind == "person"]
    full = [m for m in persons if len(_name_words(m.name)) > 1]
    full_groups = _group_mentions(full)
    surnames = [_Group("person", [m]) for m in persons if len(_name_words(m.name)) < 2]
    tallies: dict[int, dict[str, int]] = {}
    known: dict[int, tuple[str, int]] = {}
    for group, gender, weight, at in _pronoun_votes(doc, full_groups + surnames, sentence_of, quoted, skip_modifiers=True):
        tally = tallies.setdefault(group, {"m": 0, "f": 0})
        tally[gender] += weight
        if group < len(full_groups) and group not in known and _gender(full_groups[group], tally):
            known[group] = (_gender(full_groups[group], tally), at)
    genders = {}
    for i, (gender, at) in known.items():
        if _gender(full_groups[i], tallies[i]) == gender:  # later pronouns may undo it
            genders.update({normalise(m.name): (gender, at) for m in full_groups[i].mentions})
    return genders


def _pronoun_gender_votes(doc, groups: list[_Group], sentence_of, quoted: list[bool]) -> dict[int, dict[str, int]]:
    """The votes of pronouns that can mean one person, then of those that can mean only one once
    the genders so learnt rule the others out ("Trump has gone after Kelly for what he perceives
    as unfair reporting on her show": Trump is a man, so "her" is Kelly)."""
    votes: dict[int, dict[str, int]] = {}
    for group, gender, weight, _ in _pronoun_votes(doc, groups, sentence_of, quoted):
        tally = votes.setdefault(group, {"m": 0, "f": 0})
        tally[gender] += weight
    known = [_gender(g, votes.get(i)) for i, g in enumerate(groups)]
    for group, gender, weight, _ in _pronoun_votes(doc, groups, sentence_of, quoted, known=known):
        tally = votes.setdefault(group, {"m": 0, "f": 0})
        tally[gender] += weight
    return votes


def _pronoun_votes(
    doc, groups: list[_Group], sentence_of, quoted: list[bool], skip_modifiers: bool = False, known: list[str] | None = None
):
    """Gender evidence from pronouns in the narration whose sentence names exactly one person
    before them, as (group, gender, weight, pronoun's token index) in text order. "Mary Smith
    said she was tired" (the pronoun is the subject of what the person said or did, or a
    reflexive) is a strong vote; any other such pronoun a weak one. Pronouns in quotations are
    too often about someone else to count. With `skip_modifiers`, a name that only modifies a
    noun does not count as a person beside the subject of the pronoun's clause ("Bill Clinton's
    policies ..., Hillary Clinton is shaping the role her husband would play"), and only that
    subject gets a vote. With `known` (each group's gender), only the pronouns of sentences that
    name several people, of whom all but one are known to be of the other gender, vote: weakly,
    for that one."""
    person_heads = {m.head: gi for gi, g in enumerate(groups) if g.kind == "person" for m in g.mentions}
    heads_by_sentence: dict[int, list[int]] = {}
    for head in sorted(person_heads):
        heads_by_sentence.setdefault(sentence_of(head), []).append(head)
    in_names = {i for g in groups for m in g.mentions for i in range(m.title_start, m.end)}
    for token in doc:
        gender = PRONOUN_GENDER.get(token.lower_)
        if gender is None or token.pos_ != "PRON" or quoted[token.i]:
            continue
        in_sentence = heads_by_sentence.get(sentence_of(token.i), [])
        heads = [h for h in in_sentence[: bisect_left(in_sentence, token.i)] if not quoted[h]]
        if skip_modifiers:
            heads = [h for h in heads if doc[h].dep_ not in MODIFIER_DEPS] or heads
        seen = {person_heads[h] for h in heads}
        if known is not None:
            fitting = [g for g in seen if known[g] in ("", gender)]
            if len(seen) > 1 and len(fitting) == 1 and not known[fitting[0]] and _unambiguous(doc, heads, token, in_names):
                yield fitting[0], gender, 1, token.i
            continue
        if len(seen) != 1 or (skip_modifiers and not _subject_over(token, doc[heads[-1]])):
            continue
        group = seen.pop()
        if _bound_to_subject(token, person_heads, group):
            yield group, gender, STRONG_VOTE, token.i
        elif _unambiguous(doc, heads, token, in_names):
            yield group, gender, 1, token.i


def _subject_over(pronoun, name) -> bool:
    """Whether the name is the subject of a verb the pronoun's clause hangs on."""
    return name.dep_ in SUBJECT_DEPS and any(a.i == name.head.i for a in pronoun.ancestors)


def _unambiguous(doc, heads: list[int], pronoun, in_names: set[int]) -> bool:
    """A weak vote counts only where the name is the only person the pronoun can mean: not when
    the name is a modifier ("Clinton's campaign removed the mayor after he ..."), nor when a
    person is described between them without a name ("The general stumped for Clinton, and the
    campaign touted his endorsement")."""
    if all(doc[h].dep_ in MODIFIER_DEPS for h in heads):
        return False
    start = min(heads)
    return not any(
        t.pos_ == "NOUN" and t.lemma_.lower() in lexicon.titles() and t.i not in in_names
        for t in doc[pronoun.sent.start : pronoun.i]
        if t.i != start
    )


def _bound_to_subject(pronoun, person_heads: dict[int, int], group: int) -> bool:
    """"Mary said she ...", "Mary hurt herself": the pronoun's clause hangs on a verb whose
    subject is the person."""
    verb = pronoun.head
    if pronoun.dep_ in SUBJECT_DEPS and verb.dep_ in COMPLEMENT_DEPS:
        verb = verb.head
    elif not pronoun.lower_.endswith("self"):
        return False
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return any(person_heads.get(s.i) == group for s in subjects)


class EntityIndex:
    """The entities of one document and the resolution of pronouns and descriptions to them."""

    def __init__(self, doc, mentions: list[NameMention], sentence_of):
        self.doc = doc
        self.sentence_of = sentence_of
        mentions = _the_names_as_organisations(doc, _as_person_where_named(doc, _repair_headlines(doc, mentions)))
        mentions = [replace(m, kind="organization") if _described_as_organisation(doc, m) else m for m in mentions]
        mentions = [replace(m, kind="group") if is_generic_name(m.name) else m for m in mentions]
        mentions = mentions + _untagged_repeats(doc, mentions)
        mentions = sorted(mentions + _untagged_surnames(doc, mentions), key=lambda m: m.start)
        self.quoted = inside_quotes(doc)
        self.bracketed = inside_brackets(doc)
        groups = _group_mentions(mentions, _full_name_genders(doc, mentions, sentence_of, self.quoted))
        votes = _pronoun_gender_votes(doc, groups, sentence_of, self.quoted)
        self.entities = [
            Entity(i, g.kind, _fullest(g), tuple(g.mentions), _gender(g, votes.get(i)))
            for i, g in enumerate(groups)
        ]
        self._by_token = {t: e for e in self.entities for m in e.mentions for t in range(m.start, m.end)}
        self.events: list[Candidate] = []  # speakers of quotes, and mentions the narration refers back with

    def entity_at(self, token_index: int) -> Entity | None:
        return self._by_token.get(token_index)

    def add(self, mention: NameMention) -> Entity:
        """The entity for a name NER missed: joined to a known one when the name matches."""
        if _organisation_after_the(self.doc, mention, _person_name_words(e.name for e in self.entities if e.kind == "person")):
            mention = replace(mention, kind="organization")
        groups = [_Group(e.kind, list(e.mentions)) for e in self.entities]
        group = _join_person(groups, mention) if mention.kind == "person" else _join_other(groups, mention)
        if group is not None:
            return self.entities[groups.index(group)]
        entity = Entity(len(self.entities), mention.kind, mention.name, (mention,), mention.gender)
        self.entities.append(entity)
        for t in range(mention.start, mention.end):
            self._by_token[t] = entity
        return entity

    def note_speaker(self, entity: Entity, token_index: int) -> None:
        """Remember who spoke where: the speaker of a recent quote is the likeliest "he"."""
        self.events.append(Candidate(entity, token_index, self.sentence_of(token_index), True, True))

    def note_mention(self, entity: Entity, token_index: int, is_subject: bool) -> None:
        """Remember a pronoun or description resolved to `entity` in the narration ("He visited
        Netanyahu, where he ..."): the chain keeps the entity salient past other names."""
        self.events.append(Candidate(entity, token_index, self.sentence_of(token_index), is_subject))

    def candidates_before(self, token_index: int, kinds: frozenset[str], max_back: int = MAX_SENTENCES_BACK) -> list[Candidate]:
        """Mentions and resolved references of these kinds before `token_index`, in its sentence
        or the `max_back` before it."""
        sentence = self.sentence_of(token_index)
        found = [
            Candidate(e, m.head, m.sentence, m.is_subject)
            for e in self.entities
            if e.kind in kinds
            for m in e.mentions
            if m.head < token_index and sentence - m.sentence <= max_back
        ]
        found += [
            c
            for c in self.events
            if c.entity.kind in kinds and c.token < token_index and sentence - c.sentence <= max_back
        ]
        return found

    def resolve_pronoun(self, token, gender: str, plural: bool, words: Collection[int] = ()) -> Entity | None:
        """The most salient entity before `token` whose kind, number and gender fit the pronoun.
        `words` are the tokens of what the pronoun's referent says, or of the objects of its
        verb: someone named in them is spoken about or to, rarely the one speaking ("'Trump's
        best bet is ...,' he said", "he told Rubio")."""
        if gender in ("m", "f"):
            kinds = PERSON_KINDS
        elif gender == "n" or plural:
            kinds = GROUP_KINDS
        else:
            kinds = PERSON_KINDS | GROUP_KINDS
        candidates = [c for c in self.candidates_before(token.i, kinds) if c.entity.gender in ("", gender) or gender not in ("m", "f")]
        sentence = self.sentence_of(token.i)
        if plural:  # "they" is an organisation subject just before, or (usually) people unnamed
            candidates = [
                c
                for c in candidates
                if c.entity.kind == "organization" and c.is_subject and sentence - c.sentence <= PLURAL_SENTENCES_BACK
            ]
        elif gender == "n":  # "it" is an organisation or country that was a subject just before,
            # or (usually) a thing: "It probably signals ..." after "Florida" is no speaker
            candidates = [c for c in candidates if c.is_subject and sentence - c.sentence <= NEUTER_SENTENCES_BACK]
        spoken_about = {e.eid for e in self.entities for m in e.mentions if m.head in words}
        return self._most_salient(candidates, token.i, gender, spoken_about)

    def last_speaker(self, token, gender: str, max_back: int) -> Entity | None:
        """The speaker of the latest quote in the last `max_back` sentences before `token`, a
        person the pronoun's gender fits, when the narration names no other such person since
        (names in quotation marks are the speaker's own words)."""
        sentence = self.sentence_of(token.i)
        spoke = [c for c in self.events if c.is_speaker and c.token < token.i and sentence - c.sentence <= max_back]
        latest = max(spoke, key=lambda c: c.token, default=None)
        if latest is None or latest.entity.kind not in PERSON_KINDS or not gender_fits(latest.entity, gender):
            return None
        named_since = self._person_named_between(latest.token, token.i, gender, [latest.entity], unquoted=True)
        return None if named_since else latest.entity

    def resolve_description(
        self, token, head_word: str, kinds: frozenset[str], role_of, names: bool = True, modifiers: tuple[str, ...] = ()
    ) -> Entity | None:
        """"the minister" / "the campaign": the most salient entity whose names, titles or role
        (`role_of(entity)`) hold the description's head word, and its `modifiers` ("the vice
        president"); only the role without `names`."""
        candidates = self.candidates_before(token.i, kinds)
        fitting = [
            c for c in candidates if all(_described_by(c.entity, word, role_of(c.entity), names) for word in (head_word, *modifiers))
        ]
        return self._most_salient(fitting, token.i, "")

    def described_after(self, token, head_word: str, kinds: frozenset[str], role_of, max_ahead: int | None = None) -> list[Entity]:
        """The entities the story names with that title or role in the sentences after
        `token`'s (at most `max_ahead` on), in the order it first so names them: "Texas Gov. Greg
        Abbott" after a headline's "Texas Gov.", "Judge Gonzalo Curiel" after a lede's "A federal judge"."""
        sentence = self.sentence_of(token.i)
        later = sorted(
            (m.head, e.eid)
            for e in self.entities
            if e.kind in kinds and _described_by(e, head_word, role_of(e))
            for m in e.mentions
            if sentence < m.sentence and (max_ahead is None or m.sentence - sentence <= max_ahead)
        )
        return [self.entities[eid] for eid in dict.fromkeys(eid for _, eid in later)]

    def named_later(self, token, head_word: str, kinds: frozenset[str], max_ahead: int) -> Entity | None:
        """An organisation described before it is named ("a super PAC"): the one entity of the
        document whose name ends in the head word ("Our Principles PAC"), when it is named after
        `token`, at most `max_ahead` sentences on."""
        sentence = self.sentence_of(token.i)
        fitting = [e for e in self.entities if e.kind in kinds and _name_words(e.name)[-1:] == (head_word,)]
        if len(fitting) != 1:
            return None
        ahead = [m for m in fitting[0].mentions if m.head > token.i and m.sentence - sentence <= max_ahead]
        return fitting[0] if ahead else None

    def most_salient(self, token, kinds: frozenset[str], max_back: int, unquoted: bool = False) -> Entity | None:
        """The most salient entity of these kinds in the last `max_back` sentences; with
        `unquoted`, never one only named inside quotation marks."""
        candidates = self.candidates_before(token.i, kinds, max_back)
        candidates = [c for c in candidates if not (unquoted and self.quoted[c.token] and not c.is_speaker)]
        return self._most_salient(candidates, token.i, "")

    def ranked_before(self, token, kinds: frozenset[str], max_back: int) -> list[Entity]:
        """The entities of these kinds in the last `max_back` sentences, most salient first."""
        return self._ranked(self.candidates_before(token.i, kinds, max_back), token.i, "")

    def salient_pair(self, token, gender: str, max_back: int) -> tuple[Entity, Entity] | None:
        """"Both women", "the two candidates": the two most salient people (of `gender`, when the
        noun gives one) in the last `max_back` sentences, in the order the document names them."""
        candidates = [c for c in self.candidates_before(token.i, PERSON_KINDS, max_back) if gender_fits(c.entity, gender)]
        ranked = self._ranked(candidates, token.i, gender)
        if len(ranked) < 2:
            return None
        first, second = sorted(ranked[:2], key=lambda e: e.mentions[0].start)
        return first, second

    def other_person_since(self, pair: Sequence[Entity], token, gender: str) -> bool:
        """Whether a person other than the pair (and of a gender that fits) is named between the
        pair's last mentions and `token`: then "both" could mean another two."""
        since = min(e.last_mention_before(token.i) for e in pair)
        return self._person_named_between(since, token.i, gender, pair)

    def _person_named_between(self, since: int, until: int, gender: str, besides: Sequence[Entity], unquoted: bool = False) -> bool:
        """Whether a person of a gender that fits, other than `besides`, is named between the
        tokens `since` and `until` (outside quotation marks only, with `unquoted`)."""
        return any(
            e not in besides and e.kind in PERSON_KINDS and gender_fits(e, gender) and since < m.head < until
            and not (unquoted and self.quoted[m.head])
            for e in self.entities
            for m in e.mentions
        )

    def _most_salient(
        self, candidates: list[Candidate], token_index: int, gender: str, spoken_about: frozenset[int] | set[int] = frozenset()
    ) -> Entity | None:
        ranked = self._ranked(candidates, token_index, gender, spoken_about)
        return ranked[0] if ranked else None

    def _ranked(
        self, candidates: list[Candidate], token_index: int, gender: str, spoken_about: frozenset[int] | set[int] = frozenset()
    ) -> list[Entity]:
        """The candidates' entities, most salient first: recent, a subject or a speaker, of the
        pronoun's known gender, often named; not quoted, bracketed, a modifier or spoken about."""
        sentence = self.sentence_of(token_index)
        best: dict[int, tuple[float, int]] = {}
        for c in candidates:
            score = -(sentence - c.sentence)
            score += SUBJECT_BONUS * c.is_subject + SPEAKER_BONUS * c.is_speaker
            score += KNOWN_GENDER_BONUS * (gender in ("m", "f") and c.entity.gender == gender)
            score += FREQUENCY_WEIGHT * math.log(len(c.entity.mentions))
            score -= QUOTED_PENALTY * (self.quoted[c.token] and not c.is_speaker)
            score -= BRACKETED_PENALTY * (self.bracketed[c.token] and not self.bracketed[token_index])
            score -= MODIFIER_PENALTY * (self.doc[c.token].dep_ == "compound" and not c.is_speaker)
            score -= SPOKEN_ABOUT_PENALTY * (c.entity.eid in spoken_about)
            key = (score, c.token)
            if c.entity.eid not in best or key > best[c.entity.eid]:
                best[c.entity.eid] = key
        return [self.entities[eid] for eid in sorted(best, key=lambda eid: best[eid], reverse=True)]


def gender_fits(entity: Entity, gender: str) -> bool:
    """Whether a word of `gender` ("m", "f"; "" when it has none) can mean the entity: one of
    unknown gender fits either."""
    return not gender or entity.gender in ("", gender)


def _described_by(entity: Entity, head_word: str, role: str, names: bool = True) -> bool:
    """Whether "the <head_word>" can mean this entity: a title, name or role of it holds the word,
    or the full name its acronym stands for does ("the bureau" after "the FBI")."""
    word = head_word.strip(".").lower()
    texts = [role] + ([f"{m.title} {m.name}" for m in entity.mentions] if names else [])
    words = {w.strip(".,").lower() for text in texts for w in text.split()}
    if names:
        words |= {lexicon.acronym_heads().get(m.name.replace(".", "").upper(), "") for m in entity.mentions} - {""}
    return _unabbreviated(word) in {_unabbreviated(w) for w in words}


def _unabbreviated(word: str) -> str:
    return TITLE_ABBREVIATIONS.get(word, word)


def _gender(group: _Group, votes: dict[str, int] | None) -> str:
    if group.kind != "person":
        return ""
    marked = group.honorific_gender()
    if marked:
        return marked
    if not votes:
        return ""
    for gender, other in (("m", "f"), ("f", "m")):
        if votes[gender] >= MIN_GENDER_VOTES and votes[gender] >= 2 * votes[other]:
            return gender
    return ""
