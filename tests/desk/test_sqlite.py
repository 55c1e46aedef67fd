"""The claims store: idempotent ingest, replacement, migrations, queries, crash safety."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from attribution.errors import StoreError
from attribution.io.migrations import MIGRATIONS, apply_migrations, schema_version
from attribution.io.sqlite import ClaimStore, ingest_documents
from attribution.types import Document, DocumentError

from .fake_pipeline import FakePipeline, rows_for

HERE = Path(__file__).resolve().parent


@pytest.fixture
def store(tmp_path):
    with ClaimStore.open(tmp_path / "claims.db") as opened:
        yield opened


def _counts(store: ClaimStore) -> tuple[int, int, int]:
    return tuple(store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("documents", "attributions", "speakers"))


def test_sqlite_same_document_twice_is_stored_once(store):
    document = Document("a", "One. Two.", "a.txt")
    pipeline = FakePipeline()
    first = [e.outcome for e in ingest_documents(store, [document], pipeline)]
    second = [e.outcome for e in ingest_documents(store, [document], pipeline)]
    assert (first, second) == (["added"], ["unchanged"])
    assert pipeline.seen == 1  # the unchanged document is not even parsed again
    assert _counts(store) == (1, 2, 1)


def test_sqlite_changed_document_replaces_its_rows(store):
    pipeline = FakePipeline()
    list(ingest_documents(store, [Document("a", "One. Two. Three.")], pipeline))
    events = list(ingest_documents(store, [Document("a", "Only one now.")], pipeline))
    assert [e.outcome for e in events] == ["replaced"]
    assert [a.quote_text for a in store.attributions()] == ["Only one now"]
    assert store.documents()[0].text == "Only one now."


def test_sqlite_new_model_version_reingests(store):
    document = Document("a", "One.")
    list(ingest_documents(store, [document], FakePipeline(model_version="v1")))
    assert [e.outcome for e in ingest_documents(store, [document], FakePipeline(model_version="v2"))] == ["replaced"]


def test_sqlite_failed_replacement_keeps_the_old_rows(store, monkeypatch):
    document = Document("a", "One. Two.")
    store.replace_document(document, rows_for(document, "m"), "m")
    broken = rows_for(document, "m") + (rows_for(document, "m")[0],)  # a duplicate quote id violates UNIQUE
    with pytest.raises(sqlite3.IntegrityError):
        store.replace_document(Document("a", "One. Two."), broken, "m")
    assert _counts(store) == (1, 2, 1)  # the transaction rolled back whole


def test_sqlite_ingest_errors_pass_through(store):
    error = DocumentError("bad", "bad.txt", "ingest", "NotUtf8Error", "not UTF-8")
    events = list(ingest_documents(store, [error, Document("a", "One.")], FakePipeline()))
    assert [(e.doc_id, e.outcome) for e in events] == [("bad", "failed"), ("a", "added")]


def test_sqlite_speakers_drop_when_their_last_document_changes(store, make_row):
    document = Document("a", "Ann Lee said hi. Bo Chan said no.")
    store.replace_document(document, [make_row(document, "q001", "hi", "Ann Lee", "assertion", speaker_role="mayor"),
                                      make_row(document, "q002", "no", "Bo Chan", "denial")], "m")  # fmt: skip
    changed = Document("a", "Ann Lee said hi again.")
    store.replace_document(changed, [make_row(changed, "q001", "hi again", "Ann Lee", "assertion")], "m")
    assert [(s.name, s.roles, s.claims) for s in store.speakers()] == [("Ann Lee", (), 1)]


def test_sqlite_migrations_are_recorded_in_order(store):
    recorded = store.conn.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert recorded == [(m.version, m.name) for m in MIGRATIONS]
    assert apply_migrations(store.conn) == []  # nothing left to apply


def test_sqlite_migrations_apply_only_the_missing_ones(tmp_path):
    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    assert apply_migrations(conn, MIGRATIONS[:1]) == [1]
    assert apply_migrations(conn) == [m.version for m in MIGRATIONS[1:]]
    assert schema_version(conn) == MIGRATIONS[-1].version


def test_sqlite_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    with ClaimStore.open(path) as opened:
        opened.conn.execute("INSERT INTO schema_migrations VALUES (999, 'from the future', 'now')")
    with pytest.raises(StoreError, match="newer"):
        ClaimStore.open(path)


def test_sqlite_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        ClaimStore.open(path)


@pytest.mark.parametrize(
    ("about", "expected"),
    [
        ("troops", ["q001", "q002"]),  # stemmed: "troop" in q002
        ("TROOP", ["q001", "q002"]),
        ("troops Russia", ["q001"]),  # every word must occur
        ("tariffs", []),
        ('" OR "1"="1', []),  # FTS5 syntax in user input is searched as words, never run
        ("NEAR(troops", []),  # "near" is searched as a word (absent here), not run as an operator
        ("", []),
    ],
)
def test_sqlite_claims_about_searches_quote_text(store, make_row, about, expected):
    document = Document("d", "Austin said troops are in Russia. Kim said one troop left. Lee said prices rose.")
    store.replace_document(document, [
        make_row(document, "q001", "troops are in Russia", "Lloyd Austin", "assertion"),
        make_row(document, "q002", "one troop left", "Kim Yo", "assertion"),
        make_row(document, "q003", "prices rose", "Lee Ha", "assertion"),
    ], "m")  # fmt: skip
    found = [a.quote_id for a in store.claims_about(about)]
    assert sorted(found) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Lloyd Austin", ["q001", "q002"]),
        ("lloyd austin", ["q001", "q002"]),
        ("Austin", ["q001", "q002"]),  # a word of the name
        ("the secretary", ["q001", "q002"]),  # a mention used for him in some document
        ("Lloyd", ["q001", "q002"]),
        ("Aus", []),  # part of a word is not a name
        ("Maria Zakharova", []),
        ("%", []),
    ],
)
def test_sqlite_who_said_matches_names_and_aliases(store, make_row, query, expected):
    document = Document("d", "Lloyd Austin said troops moved. The secretary said more came. Lee said no.")
    store.replace_document(document, [
        make_row(document, "q001", "troops moved", "Lloyd Austin", "assertion"),
        make_row(document, "q002", "more came", "Lloyd Austin", "assertion", speaker_mention="The secretary"),
        make_row(document, "q003", "no", "Lee Ha", "denial"),
    ], "m")  # fmt: skip
    assert [a.quote_id for a in store.who_said(query)] == expected


def test_sqlite_rows_round_trip_unchanged(store, make_row, troops_doc):
    rows = [make_row(troops_doc, "q001", "North Korean troops are in Russia.", "Lloyd Austin", "assertion",
                     speaker_id="person:lloyd-austin", cue_start=34, cue_end=38)]  # fmt: skip
    store.replace_document(troops_doc, rows, "test")
    assert store.attributions() == rows
    assert store.find_attribution("troops", "q001") == rows[0]


def test_sqlite_unnamed_speaker_gets_no_speaker_row(store, make_row, troops_doc):
    rows = [make_row(troops_doc, "q001", "North Korean troops are in Russia.", "", "assertion", speaker_type="unnamed")]
    store.replace_document(troops_doc, rows, "m")
    assert store.speakers() == []
    assert store.attributions()[0].speaker_id == ""


def test_sqlite_killed_ingest_keeps_commits_and_a_rerun_completes(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(200):
        (folder / f"doc{number:03d}.txt").write_text(f"Ann Lee said item {number}. It was {number * 2}.", encoding="utf-8")
    db = tmp_path / "claims.db"
    victim = subprocess.Popen(
        [sys.executable, str(HERE / "fake_pipeline.py"), str(db), str(folder), "0.02"],
        cwd=HERE.parent.parent, env={**os.environ, "PYTHONPATH": str(HERE.parent.parent)},
    )
    committed = _wait_for_documents(db, at_least=20)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    with ClaimStore.open(db) as store:
        (documents, rows, _), = [_counts(store)]
        assert 20 <= documents < 200, "the ingest should have been killed midway"
        assert rows == 2 * documents  # every committed document has all its rows, no half documents
        assert committed <= documents
        assert store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        events = list(ingest_documents(store, _read(folder), FakePipeline()))
        outcomes = {e.outcome for e in events}
        assert outcomes == {"added", "unchanged"}
        assert sum(e.outcome == "unchanged" for e in events) == documents
        assert _counts(store)[:2] == (200, 400)  # completed, no duplicates


def _read(folder: Path):
    from attribution.ingest import read_documents

    return read_documents([folder])


def _wait_for_documents(db: Path, at_least: int, timeout_s: float = 60.0) -> int:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    count = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
                if count >= at_least:
                    return count
            except sqlite3.OperationalError:
                pass  # tables not created yet
        time.sleep(0.01)
    raise AssertionError(f"the ingest did not commit {at_least} documents in {timeout_s}s")
