"""Parse helpers shared by the direct and reported rules: who is the source, what is the cue."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token

from attribution.types import TextSpan

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
PASSIVE_MARK_DEPS = frozenset({"nsubjpass", "csubjpass", "auxpass"})
EXPLETIVE_DEPS = frozenset({"expl"})
# A participle, infinitive or coordinated verb shares the subject of the verb it hangs from
# ("Austin told reporters ..., confirming ...", "He paused and said ...").
SUBJECT_SHARING_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp"})
MAX_SUBJECT_HOPS = 3
# Verbs of feeling whose passive subject feels ("is intrigued by", "was surprised by").
FEELING_VERBS = frozenset({
    "intrigue", "interest", "concern", "worry", "please", "surprise", "disappoint", "frustrate", "trouble",
    "alarm", "encourage", "anger", "impress", "shock", "excite", "thrill", "bother", "upset", "offend",
    "disturb", "puzzle", "amaze", "annoy", "delight", "dismay", "outrage", "satisfy", "disgust", "confuse",
    "scare", "frighten", "horrify", "embarrass", "unnerve", "astonish", "baffle", "stun", "hearten",
})  # fmt: skip
# Words that open a clause or a noun phrase alike, which the parse may read as prepositions.
CLAUSE_PREPOSITIONS = frozenset({"after", "before", "since", "until", "as", "while", "than"})
# What someone issues or releases, which then "says" what they say ("issued a statement saying").
PUBLISHED_NOUNS = frozenset(
    {"statement", "release", "letter", "video", "ad", "advertisement", "tweet", "post", "email", "memo", "message", "report"}
)
REPORTED_CLAUSE_DEPS = frozenset({"ccomp"})
# "It was [at the conference] that Swanson delivered ...": the clause a cleft brings forward.
CLEFT_CLAUSE_DEPS = frozenset({"ccomp", "relcl"})
CLEFT_RELATIVES = frozenset({"that", "who", "which"})
# Parts of a noun phrase that describe the source rather than name it ("Leonid Slutsky, Chairman
# of ...": the apposition; "Smith, who ...": the relative clause).
MENTION_STOP_DEPS = frozenset({"appos", "relcl", "acl", "advcl", "punct", "parataxis", "dep"})
TIME_ENTITIES = frozenset({"DATE", "TIME"})
PARTICLE_DEPS = frozenset({"prt"})
AUDIENCE_DEPS = frozenset({"dative", "dobj"})
MAX_AUDIENCE_TOKENS = 3  # "told reporters", "told CNN's Jake Tapper" ...
MAX_SETTING_TOKENS = 6  # "said in a statement", "said in an interview with CNN"


def char_span(doc: Doc, start: int, end: int) -> TextSpan:
    """The characters of tokens [start, end) as a TextSpan of the document text."""
    first, last = doc[start], doc[end - 1]
    # Span.text is the document's characters from the first token to the end of the last one;
    # Doc.text would rebuild the whole document's text on every call.
    return TextSpan(first.idx, last.idx + len(last.text), doc[start:end].text)


def is_unattributed_passive(verb: Token) -> bool:
    """"It was anticipated that ...", "it is said that ...": a passive or expletive with no agent."""
    deps = {child.dep_ for child in verb.children}
    if "agent" in deps:
        return False
    return bool(deps & PASSIVE_MARK_DEPS) or bool(deps & EXPLETIVE_DEPS)


def agent_of(verb: Token) -> Token | None:
    """The `by X` of a passive cue ("it was reported by AFP that ...")."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def subject_of(verb: Token) -> Token | None:
    """The head of the cue's subject, climbing from a participle to the verb it hangs from.

    A participle may hang (wrongly or not) from the verb of a reported clause ("He said [the
    treaty was signed], noting ..."; "told reporters, “[There is evidence ...],” confirming ...");
    the subject of that clause is what is reported on, so the climb goes past it to the speaker.
    """
    experiencer = _experiencer(verb)
    if experiencer is not None:
        return experiencer
    current = verb
    for _ in range(MAX_SUBJECT_HOPS + 1):
        reported = current.i != verb.i and current.dep_ in REPORTED_CLAUSE_DEPS
        subject = None if reported else _nearest_subject(current, passive=current.i != verb.i)
        if subject is not None:
            return _cleft_clause_subject(subject) or subject
        if _speaker_aside(current):
            return current.head
        stranded = _stranded_subject(current) or _appositive_before(current) or _subject_taken_for_object(current)
        if stranded is not None:
            return stranded
        if _says_what_it_published(current):
            current = current.head.head  # "issued a statement saying ...": the issuer speaks
            continue
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head  # "reminds voters ... by mentioning ...": past the preposition
            continue
        if current.head.i == current.i or not (current.dep_ in SUBJECT_SHARING_DEPS or reported or _climbs_out(verb, current)):
            return None
        current = current.head
    return None


def _stranded_subject(verb: Token) -> Token | None:
    """"dismissed claims ..., a day after a historian said ...": a verb the parse coordinated with
    an earlier one though no "and" joins them, right after a noun the parse took for the object
    of a word that may open a clause ("after", "before"); that noun is who said it, not the
    earlier verb's subject."""
    if verb.dep_ != "conj" or verb.i == 0:
        return None
    head = verb.head
    if any(c.dep_ == "cc" and head.i < c.i < verb.i for c in head.children):
        return None
    before = verb.doc[verb.i - 1]
    clause_opening = before.dep_ == "pobj" and before.head.lower_ in CLAUSE_PREPOSITIONS
    return before if clause_opening and before.pos_ in ("NOUN", "PROPN") else None


def _subject_taken_for_object(verb: Token) -> Token | None:
    """"McCain supported it and Cruz, as he has in the past, opposed the measure": a verb with no
    subject, after a name the parse joined to the earlier verb's object; that name is its subject."""
    if verb.dep_ not in ("advcl", "conj"):
        return None
    head = verb.head
    for obj in (c for c in head.children if c.dep_ == "dobj" and c.i < verb.i):
        for name in (c for c in obj.children if c.dep_ == "conj" and c.pos_ == "PROPN" and c.i < verb.i):
            after = name.right_edge.i + 1
            if after == verb.i or (after < verb.i and verb.doc[after].text == ","):
                return name
    return None


def _experiencer(verb: Token) -> Token | None:
    """"the former House Speaker is intrigued by the opportunity": the one a feeling is of
    speaks; what moved them (the `by` phrase) is no speaker."""
    if verb.lemma_.lower() not in FEELING_VERBS:
        return None
    subject = next((c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
    if subject is None and verb.tag_ == "VBN" and verb.dep_ == "advcl":
        # "Angered by the changes of the 1960s, Schlafly led campaigns ...": the one it opens onto
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return subject


def _appositive_before(verb: Token) -> Token | None:
    """"At Boca West, Jay DiPietro, the club's president, suggested ...": a main verb with no
    subject, right after a name the parse set beside the place before it; that name speaks."""
    if verb.dep_ != "ROOT":
        return None
    for phrase in (c for c in verb.lefts if c.dep_ == "prep"):
        for place in (c for c in phrase.children if c.dep_ == "pobj"):
            named = [c for c in place.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            if named and all(t.is_punct for t in verb.doc[named[-1].right_edge.i + 1 : verb.i]):
                return named[-1]
    return None


def _cleft_clause_subject(subject: Token) -> Token | None:
    """"It was at the conference that Swanson delivered his tirade, pointing to ...": the "it" of
    a cleft stands for no one; the subject of the clause it brings forward ("that Swanson
    delivered") is who speaks. An adjective or a common noun after "is" makes no cleft but an
    extraposed clause ("It is clear that ...", "It is a fact that ..."), which has no speaker."""
    copula = subject.head
    if subject.lower_ != "it" or copula.lemma_ != "be":
        return None
    if any(c.dep_ == "acomp" or (c.dep_ == "attr" and c.pos_ != "PROPN") for c in copula.children):
        return None
    for clause in copula.subtree:
        if clause.i > copula.i and clause.dep_ in CLEFT_CLAUSE_DEPS and any(c.lower_ == "that" and c.i < clause.i for c in clause.children):
            inner = _nearest_subject(clause)
            return inner if inner is not None and inner.lower_ not in CLEFT_RELATIVES else None
    return None


def _speaker_aside(participle: Token) -> bool:
    """"said Sherman, speaking of politicians": a participle set off by a comma after a subject
    is what that subject does."""
    head = participle.head
    return (
        participle.dep_ == "acl"
        and participle.tag_ == "VBG"
        and head.dep_ in SUBJECT_DEPS
        and participle.i > 0
        and participle.doc[participle.i - 1].text == ","
    )


def _says_what_it_published(participle: Token) -> bool:
    """"Mr. Trump issued a statement Tuesday saying ...", "released a video showing ...": a
    participle on the object that names what someone published."""
    noun = participle.head
    return (
        participle.dep_ == "acl"
        and participle.tag_ == "VBG"
        and noun.dep_ == "dobj"
        and noun.lemma_.lower() in PUBLISHED_NOUNS
    )


def _climbs_out(verb: Token, current: Token) -> bool:
    """A participle's climb may leave the reported clause it was attached to."""
    return verb.tag_ == "VBG" and current.dep_ in REPORTED_CLAUSE_DEPS


def _nearest_subject(verb: Token, passive: bool = False) -> Token | None:
    """The verb's subject, or its `by` agent; the nearest one when the parser found two.

    `passive` also takes a passive subject: the one a participle shares when it hangs from a
    passive verb ("she was honoured on Tuesday, saying ..."; the parser reads "she's tacked to
    the left, criticizing ..." as a passive)."""
    deps = SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS if passive else SUBJECT_DEPS
    subjects = [c for c in verb.children if c.dep_ in deps]
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    return agent_of(verb)


def mention_bounds(head: Token) -> tuple[int, int]:
    """Token bounds [start, end) of the noun phrase naming the source, without its asides."""
    start = end = head.i
    for child in reversed(list(head.lefts)):
        if (child.dep_ in MENTION_STOP_DEPS or child.is_punct) and not _joining_hyphen(child):
            break
        start = child.left_edge.i
    for child in head.rights:
        if child.dep_ in MENTION_STOP_DEPS or child.is_punct or _is_time_phrase(child):
            break
        if child.left_edge.is_punct and not _joining_hyphen(child.left_edge):  # "two-thirds of voters"
            break
        end = child.right_edge.i
    end = _before_open_bracket(head.doc, start, end)
    while start < end and head.doc[end].is_punct:
        end -= 1
    while start < end and head.doc[start].is_punct:
        start += 1
    return start, end + 1


def _before_open_bracket(doc: Doc, start: int, last: int) -> int:
    """"The Federal Bureau of Investigation (FBI) said": the name ends where a bracket opens
    that the phrase does not close."""
    words = [t.text for t in doc[start : last + 1]]
    if "(" in words[1:] and ")" not in words[words.index("(") :]:
        return start + words.index("(") - 1
    return last


def _joining_hyphen(token: Token) -> bool:
    """The hyphen of "a pro-Rubio super PAC", written between two words."""
    before = token.doc[token.i - 1] if token.i > 0 else None
    return token.text in ("-", "–") and not token.whitespace_ and before is not None and not before.whitespace_


def _is_time_phrase(child: Token) -> bool:
    """"media ... on the 24th": a date hanging from the noun is not part of the source's name."""
    return child.dep_ == "prep" and any(t.ent_type_ in TIME_ENTITIES for t in child.subtree)


def mention_span(head: Token | None) -> TextSpan | None:
    if head is None:
        return None
    start, end = mention_bounds(head)
    return char_span(head.doc, start, end)


def cue_bounds(verb: Token, audience_verbs: frozenset[str], settings: frozenset[str]) -> tuple[int, int]:
    """The cue verb with its particle ("pointed out"), audience ("told reporters") and setting
    ("said in a statement"), as long as they follow it without a gap."""
    end = verb.i + 1
    for child in verb.rights:
        if child.left_edge.i != end:
            break
        if child.dep_ in PARTICLE_DEPS:
            end = child.right_edge.i + 1
        elif child.dep_ in AUDIENCE_DEPS and verb.lemma_ in audience_verbs and _short(child, MAX_AUDIENCE_TOKENS):
            end = child.right_edge.i + 1
        elif child.dep_ == "prep" and _is_setting(child, settings):
            end = child.right_edge.i + 1
        else:
            break
    return verb.i, end


def _short(token: Token, limit: int) -> bool:
    return token.right_edge.i - token.left_edge.i < limit


def _is_setting(prep: Token, settings: frozenset[str]) -> bool:
    """"in a statement", "in an interview": a prepositional phrase naming the speech event."""
    if prep.lower_ not in ("in", "during", "on") or not _short(prep, MAX_SETTING_TOKENS):
        return False
    return any(c.dep_ == "pobj" and c.lemma_.lower() in settings for c in prep.children)


class Paragraphs:
    """Token bounds of paragraphs (runs of tokens between line breaks), to keep a cue and its
    content in one paragraph: the parser often joins the end of one paragraph to the next."""

    def __init__(self, doc: Doc) -> None:
        self._breaks = [t.i for t in doc if t.is_space and "\n" in t.text]
        self._size = len(doc)

    def bounds(self, token: Token) -> tuple[int, int]:
        index = bisect_left(self._breaks, token.i)
        start = self._breaks[index - 1] + 1 if index > 0 else 0
        end = self._breaks[index] if index < len(self._breaks) else self._size
        return start, end

    def clip(self, anchor: Token, start: int, end: int) -> tuple[int, int]:
        """[start, end) cut to the anchor's paragraph."""
        low, high = self.bounds(anchor)
        return max(start, low), min(end, high)
