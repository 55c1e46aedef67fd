"""Named errors. The library raises these; only the CLI turns them into messages and exit codes."""


class AttributionError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(AttributionError):
    """A document or input source cannot be read."""


class EmptyDocumentError(InputError):
    """The document holds no text."""


class BinaryDocumentError(InputError):
    """The document looks like binary data, not text."""


class NotUtf8Error(InputError):
    """The document is not valid UTF-8."""


class DocumentTooLargeError(InputError):
    """The document is larger than the configured limit."""


class UnsupportedFormatError(InputError):
    """The file's extension is not one we read."""


class MalformedRecordError(InputError):
    """A JSONL or CSV record cannot be parsed."""


class MissingFieldError(MalformedRecordError):
    """A JSONL or CSV record lacks the text field, or holds no string there."""


class UnreadableDocumentError(InputError):
    """The operating system refused to read the file (permissions, a vanished file, an I/O error)."""


class EvaluationFormatError(InputError):
    """A gold, labels, negatives or predictions file is malformed or does not fit its documents."""


class StoreError(AttributionError):
    """The claims database cannot be opened or is of a schema version this code does not know."""


class EngineError(AttributionError):
    """A distributed engine (Spark) is not installed or cannot start."""


class WorkerError(AttributionError):
    """Worker processes keep dying whatever the document: the machine, not the input, is at fault."""


class ModelError(AttributionError):
    """A shipped model is missing, corrupt or does not match its manifest."""


class ManifestMismatchError(ModelError):
    """A model file's sha256 differs from the one in its MANIFEST.sha256."""
