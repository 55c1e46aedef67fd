"""Roles in the document's own words: a title before the name, an appositive after it, a channel.

The role is the shortest complete form: "Andrey Rudenko, Deputy Foreign Minister and the Russian
government representative for ..." gives "Deputy Foreign Minister" (a coordinated second role,
relative clauses and asides are cut); "U.S. Secretary of Defense Lloyd Austin" gives
"U.S. Secretary of Defense".
"""

from __future__ import annotations

from attribution.speakers import lexicon
from attribution.speakers.mentions import PLURAL_TAGS, NameMention, is_possessive, span_text

# Dependents that end a role: a second coordinated role, a clause about the person, an aside.
CUT_DEPS = frozenset({"cc", "conj", "relcl", "acl", "advcl", "appos", "parataxis", "npadvmod"})
# Punctuation that ends a role; a hyphen does not ("first-term senator", "then-Gov.").
CUT_PUNCT = frozenset({",", ";", ":", "(", ")", "[", "]", "—", "–", "--", '"', "“", "”"})
APPOSITIVE_ENDS = frozenset({",", ".", ";", "—", "–", "-", ")"})
# Finite verbs never sit inside a role: a phrase with one is a misparsed clause.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# A preposition whose object is one of these says when, not what role ("on Tuesday").
TIME_ENTS = frozenset({"DATE", "TIME"})
TIME_PREPOSITIONS = frozenset({"on", "in", "since", "during", "until", "till", "at", "from", "through"})
# Appositives that are no role: an age ("Ramil Carr, 31,"), a date, a place.
NOT_ROLE_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "GPE", "LOC", "PERSON", "ORG", "NORP", "MONEY", "PERCENT"})
# Leading words that belong to the phrase, not the role ("a spokesman" -> "spokesman").
LEADING_DEPS = frozenset({"det", "predet", "preconj"})
POSSESSIVE_PRONOUN_TAG = "PRP$"
# Prepositions by which an organisation speaks through a part of itself
# ("Russia denied it through a Foreign Ministry briefing").
CHANNEL_PREPS = frozenset({"through", "via", "in"})
CHANNEL_NOUNS = frozenset({"briefing", "statement", "release", "announcement", "spokesman", "spokeswoman", "spokesperson"})
NAME_HEAD_DEPS = frozenset({"compound", "flat"})
# "the first candidate to ...", "the next president", "the only nominee": a rank, not a job held
RANKING_WORDS = frozenset({"first", "last", "next", "only", "second", "third", "latest"})
# Words a role cannot end with, and the names that may complete a preposition at its end.
DANGLING_POS = frozenset({"ADP", "CCONJ", "DET", "SCONJ"})
# Words after a role's head noun: "president of ...", "analyst at ...", "who ...".
ROLE_HEAD_ENDS = frozenset({"of", "for", "at", "in", "on", "with", "from", "to", "and", "who", "whose", "that", "since"})
ROLE_PLACE_ENTS = frozenset({"ORG", "GPE", "FAC", "LOC", "NORP"})


def phrase_role(doc, head, any_noun: bool = False) -> str:
    """The role a noun phrase states: its head with the modifiers that make it complete.

    The head must be a title or role word, or, with `any_noun`, any common noun (an appositive
    like "a political scientist at RAND" states a role whatever its noun).
    """
    keep = _role_tokens(head)
    if not keep:
        return ""
    # "Its chief executive" is the chief executive: "its", "his", "our" only point back
    while keep and (keep[0].dep_ in LEADING_DEPS or keep[0].is_punct or keep[0].tag_ == POSSESSIVE_PRONOUN_TAG):
        keep = keep[1:]
    while keep and (keep[-1].is_punct or keep[-1].is_space or is_possessive(keep[-1])):
        keep = keep[:-1]
    keep = _complete_preposition(keep)
    if not keep:
        return ""
    if not any(_is_role_word(t) for t in keep if t.i <= head.i) and not (any_noun and _is_common_noun(head)):
        return ""
    if any(t.tag_ in FINITE_TAGS for t in keep) or keep[0].pos_ == "ADV":
        return ""
    return span_text(doc, keep[0].i, keep[-1].i + 1)


def _complete_preposition(keep: list) -> list:
    """A role must not end in a preposition ("political scientist at"): when the parse hung the
    name it governs elsewhere, the name right after it is taken in ("... at RAND"); else the
    preposition goes."""
    while keep and keep[-1].pos_ in DANGLING_POS:
        last = keep[-1]
        following = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
        if last.pos_ == "ADP" and following is not None and following.ent_iob_ == "B" and following.ent_type_ in ROLE_PLACE_ENTS:
            entity = next(e for e in last.doc.ents if e.start == following.i)
            return keep + list(entity)
        keep = keep[:-1]
    return keep


def _role_tokens(head) -> list:
    """The head's subtree without cut dependents, up to the first gap they leave."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in CUT_DEPS or child.text in CUT_PUNCT or _says_when(child) or _describes_the_person(child):
            continue
        tokens.extend(_role_tokens(child))
    tokens.sort(key=lambda t: t.i)
    # Keep the contiguous run around the head: a cut in the middle ends the role there.
    around = [head]
    index = {t.i for t in tokens}
    left = head.i - 1
    while left in index:
        around.insert(0, head.doc[left])
        left -= 1
    right = head.i + 1
    while right in index:
        around.append(head.doc[right])
        right += 1
    return around


def _says_when(child) -> bool:
    """"on Tuesday" in "The director of the gallery on Tuesday dismissed ...": when, not a role."""
    if child.dep_ != "prep" or child.lower_ not in TIME_PREPOSITIONS:
        return False  # "a veteran of 22 years" is a role
    return any(c.dep_ == "pobj" and c.ent_type_ in TIME_ENTS for c in child.children)


def _describes_the_person(child) -> bool:
    """"tycoon worth $300 million": an adjective with words of its own after the noun says
    something of the person, not the role; so does an age before it ("78-year-old")."""
    if child.dep_ != "amod":
        return False
    if child.i > child.head.i:
        return child.n_lefts + child.n_rights > 0
    return any(c.dep_ == "npadvmod" for c in child.children)


def _is_common_noun(token) -> bool:
    return token.pos_ == "NOUN" and token.ent_type_ not in NOT_ROLE_ENTS


def _is_role_word(token) -> bool:
    return token.lower_ in lexicon.titles() or token.lemma_.lower() in lexicon.titles()


def appositive_role(doc, mention: NameMention) -> str:
    """"Leonid Slutsky, Chairman of the ... Committee, said": the appositive's role, if any."""
    head = doc[mention.head]
    while head.dep_ in NAME_HEAD_DEPS and head.head.i > head.i and head.head.pos_ == "PROPN":
        head = head.head
    for child in head.children:
        if child.i < head.i or _inside_brackets(doc, head.i, child.i):
            continue
        if child.dep_ == "appos" and child.ent_type_ not in NOT_ROLE_ENTS and not _plural_beside_one(head, child):
            # Any noun may state a role when set off by commas ("Steve Coll, the dean of ...,");
            # a misparsed run of words may not.
            role = phrase_role(doc, child, any_noun=_set_off(doc, head.i, child))
        elif child.dep_ == "relcl" and child.lemma_ == "be":  # "Daniel Benjamin, who was coordinator ..."
            role = next((phrase_role(doc, c, any_noun=True) for c in child.children if c.dep_ == "attr"), "")
        else:
            continue
        if role:
            return role
    return ""


def _plural_beside_one(name, appositive) -> bool:
    """"Sanders would still be far from overtaking Clinton's lead in superdelegates, the party
    leaders and elected officials who ...": a plural set beside one name is a misparse or a list,
    not that person's role (beside "A and B" it may be theirs)."""
    return appositive.tag_ in PLURAL_TAGS and not any(c.dep_ == "conj" for c in name.children)


def _set_off(doc, name_index: int, appositive) -> bool:
    """An appositive right after "Name," that ends at a comma, a full stop or a dash."""
    if name_index + 1 >= len(doc) or doc[name_index + 1].text != ",":
        return False
    after = appositive.right_edge.i + 1
    return after >= len(doc) or doc[after].text in APPOSITIVE_ENDS


def _inside_brackets(doc, name_index: int, child_index: int) -> bool:
    """"Sanders (I-Vt.)": a bracketed aside is a party and state, not a role."""
    return any(doc[i].text in "([" for i in range(name_index + 1, child_index))


def mention_role(doc, mention: NameMention) -> str:
    """The role this mention gives: the title before the name, else an appositive after it, else
    the description the name is itself in apposition to ("Ms. Merkel's spokesman, Steffen Seibert");
    a title that is only a form of address ("Gen.") comes last of these."""
    if mention.title and not is_form_of_address(mention.title):
        return mention.title
    return appositive_role(doc, mention) or described_role(doc, mention) or predicated_role(doc, mention) or mention.title


def described_role(doc, mention: NameMention) -> str:
    """"the Vatican spokesman, Federico Lombardi": the role of the noun the name is set beside."""
    head = doc[mention.head]
    while head.dep_ in NAME_HEAD_DEPS and head.head.i > head.i and head.head.pos_ == "PROPN":
        head = head.head
    described = described_job(head)
    return phrase_role(doc, described) if described is not None else ""


def predicated_role(doc, mention: NameMention) -> str:
    """"Amanda Renteria is the Clinton campaign's national political director": the job the
    sentence says the name has."""
    job = predicated_job(doc[mention.head])
    return phrase_role(doc, job) if job is not None else ""


def predicated_job(name_head):
    """The role noun a main clause says a name has ("X is the director"), not one it may have,
    might have had or is the first to have ("if X is the nominee", "X will be the next president",
    "X is the first candidate to ...")."""
    verb = name_head.head
    if name_head.dep_ != "nsubj" or verb.lemma_ != "be" or verb.dep_ != "ROOT" or verb.tag_ not in ("VBZ", "VBD"):
        return None
    if any(c.dep_ in ("neg", "aux", "mark") for c in verb.children):
        return None
    job = next((c for c in verb.children if c.dep_ == "attr"), None)
    if job is None or job.tag_ != "NN" or not _is_role_word(job):
        return None
    return None if any(c.tag_ == "JJS" or c.dep_ == "amod" and c.lower_ in RANKING_WORDS for c in job.children) else job


def described_job(name_head):
    """The role noun a name is set beside: "the Vatican spokesman, Federico Lombardi". The parser
    hangs the name on the job's object as often as on the job when that object is a name too
    ("The chief executive of the Greywater Trust, Helena Voss"); set beside a common noun, a name
    is what the noun describes ("the chairman of the parent company, Berkshire Hathaway")."""
    if name_head.dep_ != "appos":
        return None
    described = name_head.head
    while described.pos_ == "PROPN" and described.dep_ == "pobj" and described.head.dep_ == "prep":
        described = described.head.head
    # a plural ("the lawyers ..., Sen. John McCain") is a misparse or a list, not this person's role
    if described.i >= name_head.i or described.tag_ != "NN" or not _is_role_word(described):
        return None
    return described


def first_role(doc, mentions) -> str:
    """The role the document gives at the first mention that gives one; a form of address
    ("Sen.", "Gen.") only when no mention states more ("Gen. Barry R. McCaffrey, the White House
    drug policy director ..." is the director)."""
    address = ""
    for mention in sorted(mentions, key=lambda m: m.start):
        role = mention_role(doc, mention)
        if role and not is_form_of_address(role):
            return role  # the first stated role: no need to read the rest
        address = address or role
    return address


def role_head(role: str) -> str:
    """The noun a role is about: "retired neurosurgeon" -> "neurosurgeon", "president of the
    Roosevelt Institute" -> "president"."""
    words = []
    for word in role.split():
        if word.lower() in ROLE_HEAD_ENDS:
            break
        words.append(word)
        if word.endswith((",", ";", ":")):
            break
    return words[-1].strip(",;:").lower() if words else ""


def is_form_of_address(role: str) -> bool:
    """"Sen.", "Gov.", "Gen.": a title alone, shortened to stand before a name ("Florida Sen." says more)."""
    return role.endswith(".") and " " not in role and role.lower() in lexicon.titles()


def channel_role(doc, verb) -> str:
    """"Russia has denied ... through a Foreign Ministry briefing": the organisation that spoke
    for the speaker ("Foreign Ministry"), named as a modifier of the channel noun."""
    if verb is None:
        return ""
    for verb_token in (verb, verb.head):
        for prep in verb_token.children:
            if prep.dep_ != "prep" or prep.lower_ not in CHANNEL_PREPS:
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lower_ in CHANNEL_NOUNS:
                    modifiers = [t for t in noun.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
                    if modifiers:
                        first = modifiers[0].left_edge.i
                        return span_text(doc, first, noun.i)
    return ""
