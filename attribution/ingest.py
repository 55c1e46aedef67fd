"""Read articles from files, folders and stdin into Documents, one at a time.

Text is kept exactly as read (UTF-8 decoded, nothing stripped or normalised) because every
offset in the output points into it. A document that cannot be read becomes a DocumentError
(stage "ingest") and the stream goes on: one bad file never stops a batch.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from attribution.errors import (
    BinaryDocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    InputError,
    MalformedRecordError,
    MissingFieldError,
    NotUtf8Error,
    UnreadableDocumentError,
    UnsupportedFormatError,
)
from attribution.types import Document, DocumentError

log = logging.getLogger(__name__)

STDIN = "-"
STDIN_ID = "stdin"
STDIN_SOURCE = "<stdin>"
DEFAULT_MAX_BYTES = 500_000  # about 80,000 words, ten times a long news article; the speaker resolver and
# the spaCy parse grow faster than linearly, so far longer texts cost minutes and gigabytes (measured)

# Annotation sidecars that live beside articles (seeds/*.gold.jsonl ...) are not documents.
SIDECAR_SUFFIXES = (".gold.jsonl", ".conflicts.jsonl", ".negatives.jsonl")
FORMAT_BY_SUFFIX = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".csv": "csv"}
INPUT_FORMATS = ("text", "html", "jsonl", "csv")
ENCODING_ERRORS = ("strict", "replace")

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Control characters that never occur in prose; tab, newlines, form feed and escape are tolerated.
CONTROL_CODES = frozenset(set(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B}) | {0x7F}
BINARY_SAMPLE = 8192
BINARY_CONTROL_SHARE = 0.10  # prose has ~0% control characters; a tenth is already not text
# Raw HTML carries markup, scripts and styles around the text: allow this many times the text limit.
HTML_OVERHEAD = 5
# A JSONL line or CSV record holds the text escaped (\uXXXX is 6 bytes for a 2-4 byte character).
RECORD_OVERHEAD = 6
RECORD_SLACK = 65536  # the other fields of a record
READ_CHUNK = 1 << 20
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class ReadOptions:
    id_field: str = "id"
    text_field: str = "text"
    max_bytes: int = DEFAULT_MAX_BYTES
    encoding_errors: str = "strict"

    @property
    def record_line_limit(self) -> int:
        return RECORD_OVERHEAD * self.max_bytes + RECORD_SLACK


def read_documents(
    paths: Iterable[str | os.PathLike],
    *,
    id_field: str = "id",
    text_field: str = "text",
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding_errors: str = "strict",
    input_format: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | DocumentError]:
    """Documents from files, folders (recursive, sorted) and "-" (stdin), streamed in a fixed order.

    `input_format` ("text", "html", "jsonl", "csv") sets the format of stdin (default text) and
    of files named directly (default: from the extension); files found in folders always go by
    their extension (.txt .md .html .htm .jsonl .csv), others are skipped, as are hidden ones.
    """
    if input_format is not None and input_format not in INPUT_FORMATS:
        raise ValueError(f"input_format must be one of {INPUT_FORMATS}, not {input_format!r}")
    if encoding_errors not in ENCODING_ERRORS:
        raise ValueError(f"encoding_errors must be one of {ENCODING_ERRORS}, not {encoding_errors!r}")
    if max_bytes < 1:
        raise ValueError("max_bytes must be positive")
    options = ReadOptions(id_field, text_field, max_bytes, encoding_errors)
    for path in paths:
        if str(path) == STDIN:
            handle = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream(handle, STDIN_ID, STDIN_SOURCE, input_format or "text", options)
        elif Path(path).is_dir():
            for file in walk_folder(Path(path)):
                yield from _read_file(file, FORMAT_BY_SUFFIX[file.suffix.lower()], options)
        else:
            file = Path(path)
            yield from _read_file(file, input_format or FORMAT_BY_SUFFIX.get(file.suffix.lower()), options)


def walk_folder(folder: Path) -> Iterator[Path]:
    """Readable files under `folder`: each folder's files first, then its subfolders, all sorted by name."""
    for root, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name.lower().endswith(SIDECAR_SUFFIXES):
                continue
            if Path(name).suffix.lower() in FORMAT_BY_SUFFIX:
                yield Path(root) / name
            else:
                log.debug("skipping %s: not a format we read", Path(root) / name)


def _read_file(path: Path, input_format: str | None, options: ReadOptions) -> Iterator[Document | DocumentError]:
    doc_id, source = path.stem, str(path)
    if input_format is None:
        supported = ", ".join(FORMAT_BY_SUFFIX)
        yield _error(doc_id, source, UnsupportedFormatError(f"cannot read {path.suffix or 'files without an extension'}: use one of {supported}"))
        return
    try:
        with open(path, "rb") as handle:
            yield from _read_stream(handle, doc_id, source, input_format, options)
    except OSError as exc:
        yield _error(doc_id, source, UnreadableDocumentError(f"cannot read the file: {exc.strerror or exc}"))


def _read_stream(
    handle: BinaryIO, doc_id: str, source: str, input_format: str, options: ReadOptions
) -> Iterator[Document | DocumentError]:
    if input_format == "jsonl":
        yield from _read_jsonl(handle, doc_id, source, options)
    elif input_format == "csv":
        yield from _read_csv(handle, doc_id, source, options)
    else:
        yield _read_whole(handle, doc_id, source, input_format, options)


def _read_whole(handle: BinaryIO, doc_id: str, source: str, input_format: str, options: ReadOptions) -> Document | DocumentError:
    """A .txt/.md/.html file or plain stdin: a file over the limit is refused from its size, unread;
    from a pipe at most the limit (+1 byte to detect overflow) enters memory."""
    limit = options.max_bytes * (HTML_OVERHEAD if input_format == "html" else 1)
    try:
        size = _file_size(handle)
        if size is not None and size > limit:
            raise DocumentTooLargeError(f"{size:,} bytes is over the limit of {limit:,} bytes")
        data = handle.read(limit + 1)
        if len(data) > limit:  # a pipe, or a file that grew since
            raise DocumentTooLargeError(f"{_size_of(handle)} is over the limit of {limit:,} bytes")
        text = decode_text(data, options.encoding_errors)
        if input_format == "html":
            text = html_text(text)
        check_text(text, options.max_bytes)
    except InputError as exc:
        return _error(doc_id, source, exc)
    return Document(doc_id, text, source)


def _file_size(handle: BinaryIO) -> int | None:
    """The size of a regular file (stdin redirected from one included); None for pipes, terminals
    and in-memory streams, whose size is known only once read."""
    try:
        info = os.fstat(handle.fileno())
    except (OSError, ValueError, AttributeError):  # in-memory streams have no file descriptor
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _size_of(handle: BinaryIO) -> str:
    size = _file_size(handle)
    return "the input" if size is None else f"{size:,} bytes"


def decode_text(data: bytes, encoding_errors: str = "strict") -> str:
    """UTF-8 text of `data`, checked for emptiness and binary content before decoding."""
    if not data.strip():
        raise EmptyDocumentError("the document is empty" if not data else "the document holds only whitespace")
    if data.startswith(UTF16_BOMS):
        raise BinaryDocumentError("the document looks like UTF-16 text; convert it to UTF-8")
    if looks_binary(data):
        raise BinaryDocumentError("the document looks like binary data (NUL bytes or control characters), not text")
    # A UTF-8 byte order mark is not part of the text: dropped, so offsets count from the first character after it.
    bom = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    try:
        return data[bom:].decode("utf-8", errors=encoding_errors)
    except UnicodeDecodeError as exc:
        offset = bom + exc.start
        raise NotUtf8Error(f"not valid UTF-8: byte 0x{data[offset]:02x} at offset {offset:,}") from None


def looks_binary(data: bytes) -> bool:
    sample = data[:BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in CONTROL_CODES)
    return controls > BINARY_CONTROL_SHARE * len(sample)


def check_text(text: str, max_bytes: int) -> None:
    """Raise for decoded text that is empty, binary-looking or over the size limit."""
    if not text.strip():
        raise EmptyDocumentError("the document has no text")
    sample = text[:BINARY_SAMPLE]
    if "\x00" in sample or sum(1 for ch in sample if ord(ch) in CONTROL_CODES) > BINARY_CONTROL_SHARE * len(sample):
        raise BinaryDocumentError("the text holds NUL bytes or control characters, not prose")
    # Cheap bound first: a character is at most 4 bytes, so short texts need no encoding.
    if len(text) * 4 > max_bytes and len(text.encode("utf-8", errors="surrogatepass")) > max_bytes:
        raise DocumentTooLargeError(f"the text is over the limit of {max_bytes:,} bytes")


def html_text(html: str) -> str:
    """The article's main text (trafilatura), else all visible text; the document's text is this extract."""
    import trafilatura

    try:
        extracted = trafilatura.extract(html, include_comments=False, with_metadata=False, deduplicate=False)
    except Exception:  # trafilatura must never sink a document: the plain visible text is still there
        log.warning("trafilatura failed on a page; using its visible text", exc_info=True)
        extracted = None
    if extracted and extracted.strip():
        return extracted
    text = visible_text(html)
    if not text:
        raise EmptyDocumentError("the HTML page has no visible text")
    return text


INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption footer form h1 h2 h3 h4 h5 h6 header hr li "
    "main nav ol p pre section table td th tr ul".split()
)


def visible_text(html: str) -> str:
    """Text a reader sees on the page, one block per line, spaces collapsed; "" when there is none."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return ""
    etree.strip_elements(root, *INVISIBLE_TAGS, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        block = element.tag in BLOCK_TAGS
        if event == "start":
            parts.append("\n" if block else "")
            parts.append(element.text or "")
        else:
            parts.append("\n" if block else "")
            if element is not root:
                parts.append(element.tail or "")
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line)


def _read_jsonl(handle: BinaryIO, stem: str, source: str, options: ReadOptions) -> Iterator[Document | DocumentError]:
    """One record per line; blank lines are skipped; a bad line is reported and the file goes on."""
    for line_no, offset, line in _lines(handle, options.record_line_limit):
        doc_id, where = f"{stem}-{line_no}", f"{source}:{line_no}"
        try:
            if line is None:
                raise DocumentTooLargeError(f"the line is over the limit of {options.record_line_limit:,} bytes")
            if line_no == 1 and line.startswith(UTF8_BOM):
                line, offset = line[len(UTF8_BOM):], offset + len(UTF8_BOM)
            if not line.strip():
                continue
            record = _json_record(line, offset, options.encoding_errors)
            doc_id = _record_id(record.get(options.id_field), doc_id)
            text = _record_text(record.get(options.text_field), options.text_field)
            text = _valid_unicode(text, offset, options.encoding_errors)
            check_text(text, options.max_bytes)
        except InputError as exc:
            yield _error(doc_id, where, exc)
            continue
        yield Document(doc_id, text, where)


def _json_record(line: bytes, offset: int, encoding_errors: str) -> dict:
    try:
        decoded = line.decode("utf-8", errors=encoding_errors)
    except UnicodeDecodeError as exc:
        raise NotUtf8Error(f"not valid UTF-8: byte 0x{line[exc.start]:02x} at offset {offset + exc.start:,}") from None
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as exc:
        raise MalformedRecordError(f"not valid JSON: {exc.msg} at column {exc.colno}") from None
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        raise MalformedRecordError(f"not valid JSON: {str(exc)[:200]}") from None
    except RecursionError:  # deeply nested arrays: hostile input, not an article
        raise MalformedRecordError("not valid JSON: nested too deeply") from None
    if not isinstance(record, dict):
        raise MalformedRecordError(f"expected a JSON object, got {type(record).__name__}")
    return record


def _record_id(value: object, fallback: str) -> str:
    if value is None or isinstance(value, (dict, list)) or str(value).strip() == "":
        return fallback
    # Ids go into UTF-8 outputs and reports: lone surrogates (JSON "\\ud800", undecodable CSV bytes) become U+FFFD.
    return str(value).encode("utf-8", errors="surrogatepass").decode("utf-8", errors="replace")


def _valid_unicode(text: str, offset: int, encoding_errors: str) -> str:
    """JSON may escape lone surrogates ("\\ud800"), which no UTF-8 output can hold: an error, or U+FFFD
    under "replace" (one character for one, so offsets still hold)."""
    found = LONE_SURROGATE.search(text)
    if found is None:
        return text
    if encoding_errors == "strict":
        raise NotUtf8Error(f"the text holds a lone surrogate (U+{ord(found.group()):04X}); the line starts at byte offset {offset:,}")
    return LONE_SURROGATE.sub("\ufffd", text)


def _record_text(value: object, text_field: str) -> str:
    if value is None:
        raise MissingFieldError(f"the record has no {text_field!r} field")
    if not isinstance(value, str):
        raise MissingFieldError(f"the {text_field!r} field holds {type(value).__name__}, not text")
    return value


def _lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, int, bytes | None]]:
    """(line number, byte offset, line) per physical line; the line is None when longer than `limit`,
    and its rest is skipped in chunks so it never lands in memory whole."""
    line_no, offset = 0, 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        line_no += 1
        start = offset
        offset += len(line)
        if len(line) > limit and not line.endswith(b"\n"):
            offset += _skip_line(handle)
            yield line_no, start, None
        else:
            yield line_no, start, line


def _skip_line(handle: BinaryIO) -> int:
    skipped = 0
    while True:
        chunk = handle.readline(READ_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


class _CsvFeed:
    """Feeds csv.reader decoded lines while remembering, per record, the first undecodable byte
    and whether a line was over the limit (csv.reader only takes text, so errors are carried here).
    A line over the limit ends the feed: past it the csv parser's quoting state is unknown."""

    def __init__(self, handle: BinaryIO, limit: int, encoding_errors: str):
        self._lines = _lines(handle, limit)
        self._errors = "surrogateescape" if encoding_errors == "strict" else "replace"
        self.bad_offset: int | None = None
        self.too_long = False

    def reset(self) -> None:
        self.bad_offset, self.too_long = None, False

    def __iter__(self) -> Iterator[str]:
        for line_no, offset, line in self._lines:
            if line is None:
                self.too_long = True
                return
            if line_no == 1 and line.startswith(UTF8_BOM):
                line, offset = line[len(UTF8_BOM):], offset + len(UTF8_BOM)
            try:
                yield line.decode("utf-8")
            except UnicodeDecodeError as exc:
                if self.bad_offset is None:
                    self.bad_offset = offset + exc.start
                yield line.decode("utf-8", errors=self._errors)


def _read_csv(handle: BinaryIO, stem: str, source: str, options: ReadOptions) -> Iterator[Document | DocumentError]:
    """A header row, then one document per record; quoted fields may span lines.

    A record the csv module cannot parse ends the file (its state after an error is unreliable),
    so the rest of that file is reported as one error rather than read as garbage.
    """
    # The default field limit (128 KiB) is below an article; raise it to the longest record we accept.
    # csv.field_size_limit is process-wide, so it is only ever raised, never lowered.
    csv.field_size_limit(max(csv.field_size_limit(), options.record_line_limit))
    feed = _CsvFeed(handle, options.record_line_limit, options.encoding_errors)
    reader = csv.reader(iter(feed), strict=False)
    header = _csv_header(reader, feed, stem, source)
    if isinstance(header, DocumentError):
        yield header
        return
    while True:
        start_line = reader.line_num + 1
        doc_id, where = f"{stem}-{start_line}", f"{source}:{start_line}"
        feed.reset()
        try:
            row = next(reader, None)
        except csv.Error as exc:
            yield _error(doc_id, where, MalformedRecordError(f"cannot parse the CSV record ({exc}); the rest of the file is skipped"))
            return
        if feed.too_long:
            limit = options.record_line_limit
            yield _error(doc_id, where, DocumentTooLargeError(f"a line is over the limit of {limit:,} bytes; the rest of the file is skipped"))
            return
        if row is None:
            return
        if any(cell.strip() for cell in row):  # blank lines between records are no documents
            yield _csv_document(dict(zip(header, row)), doc_id, where, feed, options)


def _csv_header(reader, feed: _CsvFeed, stem: str, source: str) -> list[str] | DocumentError:
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return _error(stem, source, MalformedRecordError(f"cannot parse the CSV header: {exc}"))
    if not header or not any(cell.strip() for cell in header):
        return _error(stem, source, EmptyDocumentError("the CSV file has no header row"))
    if feed.bad_offset is not None:
        return _error(stem, source, NotUtf8Error(f"the CSV header is not valid UTF-8 (byte offset {feed.bad_offset:,})"))
    return [cell.strip() for cell in header]


def _csv_document(record: dict[str, str], doc_id: str, where: str, feed: _CsvFeed, options: ReadOptions) -> Document | DocumentError:
    doc_id = _record_id(record.get(options.id_field), doc_id)
    try:
        if feed.bad_offset is not None and options.encoding_errors == "strict":
            raise NotUtf8Error(f"not valid UTF-8 at byte offset {feed.bad_offset:,}")
        text = _record_text(record.get(options.text_field), options.text_field)
        check_text(text, options.max_bytes)
    except InputError as exc:
        return _error(doc_id, where, exc)
    return Document(doc_id, text, where)


def _error(doc_id: str, source: str, exc: InputError) -> DocumentError:
    log.info("skipping %s (%s): %s", doc_id, source, exc)
    return DocumentError(doc_id, source, "ingest", type(exc).__name__, str(exc))
