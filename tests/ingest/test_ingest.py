"""attribution.ingest: every format, every per-document error, order, and text kept exactly as read."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attribution.ingest import read_documents, visible_text
from attribution.types import Document, DocumentError


def read_all(paths, **options) -> list[Document | DocumentError]:
    return list(read_documents([str(p) for p in paths], **options))


def read_file(tmp_path: Path, name: str, data: bytes, **options) -> Document | DocumentError:
    path = tmp_path / name
    path.write_bytes(data)
    (item,) = read_all([path], **options)
    return item


def read_stdin(data: bytes, **options) -> list[Document | DocumentError]:
    return list(read_documents(["-"], stdin=io.BytesIO(data), **options))


def outcome(item: Document | DocumentError) -> str:
    return item.error if isinstance(item, DocumentError) else "Document"


class CountingStream(io.BytesIO):
    """Records how many bytes were asked for, to prove a large input is never read whole."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.requested = 0

    def read(self, size: int | None = -1) -> bytes:
        self.requested += len(self.getbuffer()) if size is None or size < 0 else size
        return super().read(size)


# --- plain text: kept exactly as read ---------------------------------------------------------


@pytest.mark.parametrize(
    "data, text",
    [
        (b'"We will fight on," the senator said.', '"We will fight on," the senator said.'),
        (b"Line one.\r\nLine two.\r\n", "Line one.\r\nLine two.\r\n"),
        (b"\n\n  Leading blank lines and trailing spaces  \n\n", "\n\n  Leading blank lines and trailing spaces  \n\n"),
        (b"Old Mac line ends.\rSecond.\r", "Old Mac line ends.\rSecond.\r"),
        ("Tabs\tand\u00a0no-break spaces stay".encode(), "Tabs\tand\u00a0no-break spaces stay"),
        ("Ünïcödé “curly” — dash, 北京, emoji 🙂".encode(), "Ünïcödé “curly” — dash, 北京, emoji 🙂"),
        (b"\xef\xbb\xbfA BOM is dropped.\r\n", "A BOM is dropped.\r\n"),
    ],
)
def test_ingest_text_kept_exactly(tmp_path, data, text):
    item = read_file(tmp_path, "article.txt", data)
    assert item == Document("article", text, str(tmp_path / "article.txt"))


def test_ingest_markdown_read_as_plain_text(tmp_path):
    data = b"# Title\n\n*He* said [so](http://x).\n"
    assert read_file(tmp_path, "note.md", data).text == data.decode()


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\r\n\t"), min_size=1)
    .filter(lambda t: t.strip() and not t.startswith("\ufeff"))
)
def test_ingest_any_utf8_text_round_trips(text):
    (item,) = read_stdin(text.encode("utf-8"))
    assert item.text == text


# --- per-document errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("empty.txt", b"", "EmptyDocumentError"),
        ("blank.txt", b" \r\n\t\n", "EmptyDocumentError"),
        ("nul.txt", b"text\x00with a NUL", "BinaryDocumentError"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "BinaryDocumentError"),
        ("controls.txt", b"a\x01b\x02c\x03d\x04e\x05", "BinaryDocumentError"),
        ("utf16.txt", "He said so.".encode("utf-16"), "BinaryDocumentError"),
        ("latin1.txt", "Café au lait, he said.".encode("latin-1"), "NotUtf8Error"),
        ("cp1252.txt", "“Quoted,” he said.".encode("cp1252"), "NotUtf8Error"),
        ("notes.pdf", b"%PDF-1.7", "UnsupportedFormatError"),
        ("no_extension", b"He said so.", "UnsupportedFormatError"),
        # negatives: odd but fine text is read
        ("escape.txt", b"Colour \x1b[1mbold\x1b[0m text with one escape code.", "Document"),
        ("formfeed.txt", b"Page one.\x0cPage two.", "Document"),
        ("good.txt", b"He said so.", "Document"),
    ],
)
def test_ingest_file_outcomes(tmp_path, name, data, expected):
    item = read_file(tmp_path, name, data)
    assert outcome(item) == expected
    assert item.doc_id == Path(name).stem
    if isinstance(item, DocumentError):
        assert item.stage == "ingest" and item.source == str(tmp_path / name) and item.message


def test_ingest_not_utf8_names_byte_offset(tmp_path):
    item = read_file(tmp_path, "latin.txt", b"\xef\xbb\xbfabc caf\xe9")
    assert item.error == "NotUtf8Error"
    assert "0xe9" in item.message and "offset 10" in item.message  # counted in the file, BOM included


def test_ingest_encoding_errors_replace_decodes_with_replacement_char(tmp_path):
    item = read_file(tmp_path, "latin.txt", b"caf\xe9 ok", encoding_errors="replace")
    assert item.text == "caf\ufffd ok"


@pytest.mark.parametrize("size, max_bytes, expected", [(101, 100, "DocumentTooLargeError"), (100, 100, "Document"), (99, 100, "Document")])
def test_ingest_size_limit(tmp_path, size, max_bytes, expected):
    assert outcome(read_file(tmp_path, "a.txt", b"a" * size, max_bytes=max_bytes)) == expected


def test_ingest_large_file_never_read_whole(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 1_000_000)  # 5 MB
    (item,) = read_all([path])
    assert item.error == "DocumentTooLargeError" and "5,000,000 bytes" in item.message
    stream = CountingStream(b"word " * 1_000_000)
    (item,) = list(read_documents(["-"], stdin=stream, max_bytes=1000))
    assert item.error == "DocumentTooLargeError"
    assert stream.requested <= 1001


def test_ingest_missing_file_is_unreadable(tmp_path):
    (item,) = read_all([tmp_path / "gone.txt"])
    assert (item.doc_id, item.error) == ("gone", "UnreadableDocumentError")


def test_ingest_input_format_reads_named_file_without_extension(tmp_path):
    path = tmp_path / "article"
    path.write_bytes(b"He said so.")
    (item,) = read_all([path], input_format="text")
    assert item.text == "He said so."


def test_ingest_bad_options_raise():
    with pytest.raises(ValueError):
        list(read_documents(["x"], encoding_errors="ignore"))
    with pytest.raises(ValueError):
        list(read_documents(["x"], input_format="pdf"))


# --- folders and order -------------------------------------------------------------------------


def test_ingest_folder_walk_is_sorted_and_filtered(tmp_path):
    files = {
        "b.txt": "B.",
        "a.md": "A.",
        "C.html": "<p>C.</p>",
        "skip.pdf": "not read",
        ".hidden.txt": "not read",
        "sub/z.txt": "Z.",
        "sub/deeper/y.txt": "Y.",
        ".git/x.txt": "not read",
        "a2.txt": "A2.",
        "a.gold.jsonl": '{"quote_text": "gold, not a document"}',
        "a.negatives.jsonl": '{"text": "not a document"}',
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    ids = [item.doc_id for item in read_all([tmp_path])]
    assert ids == ["C", "a", "a2", "b", "z", "y"]  # code-point order; a folder's files before its subfolders
    assert ids == [item.doc_id for item in read_all([tmp_path])]


def test_ingest_inputs_keep_command_line_order(tmp_path):
    for name in ("x.txt", "y.txt"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    items = list(read_documents([str(tmp_path / "y.txt"), "-", str(tmp_path / "x.txt")], stdin=io.BytesIO(b"From stdin.")))
    assert [(i.doc_id, i.source) for i in items] == [("y", str(tmp_path / "y.txt")), ("stdin", "<stdin>"), ("x", str(tmp_path / "x.txt"))]


# --- stdin -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, input_format, expected",
    [
        (b"Plain text\r\n", None, [("stdin", "Plain text\r\n")]),
        (b'{"id": "a", "text": "One."}\n{"text": "Two."}\n', "jsonl", [("a", "One."), ("stdin-2", "Two.")]),
        (b"id,text\nc,Three.\n", "csv", [("c", "Three.")]),
        (b"<html><body><p>Four.</p></body></html>", "html", [("stdin", "Four.")]),
    ],
)
def test_ingest_stdin_formats(data, input_format, expected):
    assert [(d.doc_id, d.text) for d in read_stdin(data, input_format=input_format)] == expected


def test_ingest_empty_stdin_is_an_error():
    (item,) = read_stdin(b"")
    assert (item.doc_id, item.source, item.error) == ("stdin", "<stdin>", "EmptyDocumentError")


# --- JSONL -------------------------------------------------------------------------------------


JSONL_LINES = [
    json.dumps({"id": "a1", "text": '"Go," he said.\r\n'}),  # 1: a document, CRLF inside the text kept
    "",  # 2: blank lines are skipped
    json.dumps({"text": "No id here."}),  # 3: id from the file name and line
    "{not json",  # 4
    json.dumps({"id": "z"}),  # 5: no text
    json.dumps({"id": 7, "text": 12}),  # 6: text not a string; numeric id kept as text
    json.dumps({"id": "w", "text": "   "}),  # 7: whitespace only
    json.dumps(["a", "list"]),  # 8
    json.dumps({"id": "s", "text": "lone \ud800"}),  # 9: a lone surrogate, no UTF-8 output can hold it
    json.dumps({"id": "", "text": "Empty id."}),  # 10
    json.dumps({"id": "u", "text": "Ünïcödé ✓"}, ensure_ascii=False),  # 11
]


def test_ingest_jsonl_records_and_errors(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(JSONL_LINES) + "\n", encoding="utf-8")
    got = [(item.doc_id, outcome(item), item.source.rsplit(":", 1)[1]) for item in read_all([path])]
    assert got == [
        ("a1", "Document", "1"),
        ("feed-3", "Document", "3"),
        ("feed-4", "MalformedRecordError", "4"),
        ("z", "MissingFieldError", "5"),
        ("7", "MissingFieldError", "6"),
        ("w", "EmptyDocumentError", "7"),
        ("feed-8", "MalformedRecordError", "8"),
        ("s", "NotUtf8Error", "9"),
        ("feed-10", "Document", "10"),
        ("u", "Document", "11"),
    ]
    assert read_all([path])[0].text == '"Go," he said.\r\n'


@pytest.mark.parametrize(
    "line",
    [
        b"[" * 100_000 + b"]" * 100_000,  # nesting deeper than the recursion limit
        b'{"text": "x", "n": ' + b"9" * 5000 + b"}",  # an integer Python refuses to convert
        b'{"text": "x"',
    ],
)
def test_ingest_jsonl_hostile_line_is_one_error(line):
    items = read_stdin(line + b'\n{"text": "After."}\n', input_format="jsonl")
    assert [outcome(i) for i in items] == ["MalformedRecordError", "Document"]


def test_ingest_jsonl_custom_fields_and_replace(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"key": "k1", "body": "lone \ud800 here"}).encode(), b'{"key": "k2", "body": "caf\xe9"}']
    path.write_bytes(b"\n".join(lines))
    strict = read_all([path], id_field="key", text_field="body")
    assert [(i.doc_id, outcome(i)) for i in strict] == [("k1", "NotUtf8Error"), ("feed-2", "NotUtf8Error")]
    assert "offset" in strict[1].message
    replaced = read_all([path], id_field="key", text_field="body", encoding_errors="replace")
    assert [(i.doc_id, i.text) for i in replaced] == [("k1", "lone \ufffd here"), ("k2", "caf\ufffd")]


def test_ingest_jsonl_overlong_line_skipped_and_file_goes_on(tmp_path):
    path = tmp_path / "feed.jsonl"
    huge = json.dumps({"id": "huge", "text": "x" * 80_000})  # over 6 * 10 + 64 KiB
    path.write_text("\n".join([huge, json.dumps({"id": "ok", "text": "Fine."})]), encoding="utf-8")
    got = [(i.doc_id, outcome(i)) for i in read_all([path], max_bytes=10)]
    assert got == [("feed-1", "DocumentTooLargeError"), ("ok", "Document")]


def test_ingest_jsonl_record_over_text_limit(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "é" * 60}) + "\n", encoding="utf-8")  # 120 bytes of text
    assert [outcome(i) for i in read_all([path], max_bytes=100)] == ["DocumentTooLargeError"]


def test_ingest_jsonl_streams_record_by_record():
    data = b"".join(json.dumps({"id": f"r{n}", "text": "Some text."}).encode() + b"\n" for n in range(10_000))
    stream = io.BytesIO(data)
    first = next(read_documents(["-"], stdin=stream, input_format="jsonl"))
    assert first.doc_id == "r0"
    assert stream.tell() < 1000  # only the first line was read


# --- CSV ---------------------------------------------------------------------------------------


def test_ingest_csv_records_and_errors(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_bytes(
        b"\xef\xbb\xbfid,text,other\r\n"  # line 1: header with a BOM
        b'c1,"Multi\r\nline ""quoted"", with comma",x\r\n'  # lines 2-3
        b",No id.,x\r\n"  # line 4
        b"\r\n"  # line 5: blank, skipped
        b"c3,caf\xe9,x\r\n"  # line 6: not UTF-8
        b"c4,,x\r\n"  # line 7: empty text
        b"c5,Last one.,x\r\n"  # line 8
    )
    items = read_all([path])
    got = [(i.doc_id, outcome(i), i.source.rsplit(":", 1)[1]) for i in items]
    assert got == [
        ("c1", "Document", "2"),
        ("sheet-4", "Document", "4"),
        ("c3", "NotUtf8Error", "6"),
        ("c4", "EmptyDocumentError", "7"),
        ("c5", "Document", "8"),
    ]
    assert items[0].text == 'Multi\r\nline "quoted", with comma'
    assert "offset" in items[2].message


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"", [("sheet", "EmptyDocumentError")]),
        (b"id,text\r\n", []),
        (b"id,body\r\nc1,Text.\r\n", [("c1", "MissingFieldError")]),
        (b"id,text\r\nc1,caf\xe9\r\n", [("c1", "NotUtf8Error")]),
        (b"id,te\xe9xt\r\nc1,x\r\n", [("sheet", "NotUtf8Error")]),
    ],
)
def test_ingest_csv_edge_cases(tmp_path, data, expected):
    path = tmp_path / "sheet.csv"
    path.write_bytes(data)
    assert [(i.doc_id, outcome(i)) for i in read_all([path])] == expected


def test_ingest_csv_replace_mode(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_bytes(b"id,text\r\nc1,caf\xe9\r\n")
    assert [i.text for i in read_all([path], encoding_errors="replace")] == ["caf\ufffd"]


def test_ingest_csv_article_longer_than_default_field_limit(tmp_path):
    path = tmp_path / "sheet.csv"
    article = "He said so. " * 20_000  # 240 KB, over csv's default 128 KiB field limit
    path.write_text(f'id,text\n"c1","{article}"\n', encoding="utf-8")
    assert [i.text for i in read_all([path])] == [article]


def test_ingest_csv_overlong_line_ends_file(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text("id,text\nok,Fine.\nhuge," + "x" * 80_000 + "\nafter,Never read.\n", encoding="utf-8")
    got = [(i.doc_id, outcome(i)) for i in read_all([path], max_bytes=10)]
    assert got == [("ok", "Document"), ("sheet-3", "DocumentTooLargeError")]


def test_ingest_csv_streams_record_by_record():
    data = b"id,text\n" + b"".join(f"r{n},Some text.\n".encode() for n in range(10_000))
    stream = io.BytesIO(data)
    assert next(read_documents(["-"], stdin=stream, input_format="csv")).doc_id == "r0"
    assert stream.tell() < 1000


# --- HTML --------------------------------------------------------------------------------------

ARTICLE_HTML = """<!DOCTYPE html><html><head><title>Vote</title><script>var tracking = "He said nothing";</script>
<style>p { color: red }</style></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Senator vows to fight on</h1>
<p>"We will fight on," the senator said on Tuesday after the vote in the chamber failed.</p>
<p>The bill failed by three votes, according to officials who spoke to reporters in Washington.</p>
<p>Opponents said the measure was too costly and would not pass again this year.</p>
</article><footer>Copyright 2024 Example News. All rights reserved.</footer></body></html>"""


def test_ingest_html_article_text(tmp_path):
    item = read_file(tmp_path, "vote.html", ARTICLE_HTML.encode())
    assert '"We will fight on," the senator said' in item.text
    assert "tracking" not in item.text and "color" not in item.text and "Sport" not in item.text


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<p>One.</p><p>Two <b>bold</b> words.</p>", "One.\nTwo bold words."),
        ("<div>Shown<script>hidden()</script><style>.x{}</style> too</div>", "Shown too"),
        ("<ul><li>a</li><li>b</li></ul>", "a\nb"),
        ("<p>Kept<!-- a comment --> tail</p>", "Kept tail"),
        ("<?xml version='1.0' encoding='utf-8'?><html><body><p>XHTML.</p></body></html>", "XHTML."),
        ("<script>only()</script>", ""),
        ("", ""),
    ],
)
def test_ingest_visible_text(html, expected):
    assert visible_text(html) == expected


def test_ingest_html_without_text_is_empty(tmp_path):
    item = read_file(tmp_path, "blank.htm", b"<html><head><script>x()</script></head><body> </body></html>")
    assert item.error == "EmptyDocumentError"


def test_ingest_html_raw_limit_allows_markup(tmp_path):
    page = "<html><body><p>Short text.</p>" + "<!-- padding -->" * 20 + "</body></html>"
    assert len(page) > 200
    assert read_file(tmp_path, "page.html", page.encode(), max_bytes=200).text == "Short text."
