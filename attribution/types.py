"""Records that cross stage boundaries. Plain frozen dataclasses: no dicts between stages."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

QUOTE_TYPES = ("direct", "indirect", "mixed")
SPEAKER_TYPES = ("person", "organization", "media", "country", "unnamed", "none")
STANCES = ("assertion", "denial", "evaluation")


@dataclass(frozen=True)
class Document:
    """One article as read: `text` is exactly the decoded input, nothing normalised."""

    doc_id: str
    text: str
    source: str = ""  # where it came from: a path, "path:line" or "<stdin>"


@dataclass(frozen=True)
class DocumentError:
    """A document that could not be read or processed; the batch goes on without it."""

    doc_id: str
    source: str
    stage: str  # "ingest" or "pipeline"
    error: str  # the error's class name, e.g. "NotUtf8Error"
    message: str


@dataclass(frozen=True)
class TextSpan:
    """A character span of a document; `text == document.text[start:end]` always holds."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "TextSpan":
        return cls(start, end, text[start:end])


@dataclass(frozen=True)
class Quote:
    """What the quote detector finds: content, cue and the words naming the source."""

    content: TextSpan
    quote_type: str  # one of QUOTE_TYPES
    cue: TextSpan | None = None
    source_mention: TextSpan | None = None  # may be a pronoun ("He"); resolved by speakers
    kind: str = "speech"  # "speech", or "belief" for attributed beliefs and intentions


@dataclass(frozen=True)
class Speaker:
    """Who made a quote, resolved through the document."""

    name: str  # fullest proper name in the document; "" when unnamed or absent
    speaker_type: str  # one of SPEAKER_TYPES
    role: str = ""
    mention: TextSpan | None = None
    speaker_id: str = ""  # stable across documents (see speakers.ids)


@dataclass(frozen=True)
class Stance:
    label: str  # one of STANCES
    score: float  # the model's probability for `label`


@dataclass(frozen=True)
class Attribution:
    """One row of the who-said-what table (shared/spec/output.md), in column order."""

    doc_id: str
    quote_id: str
    quote_type: str
    quote_text: str
    quote_start: int
    quote_end: int
    cue: str
    cue_start: int | None
    cue_end: int | None
    speaker: str
    speaker_type: str
    speaker_role: str
    speaker_mention: str
    mention_start: int | None
    mention_end: int | None
    stance: str
    stance_score: float
    # Extra columns follow the spec's columns, never between them.
    speaker_id: str = ""
    kind: str = "speech"
    model_version: str = field(default="")

    def as_row(self) -> dict:
        return asdict(self)


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Attribution))
SPEC_COLUMNS: tuple[str, ...] = COLUMNS[: COLUMNS.index("stance_score") + 1]
