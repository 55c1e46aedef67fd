"""The claims tracker: an embedded SQLite database of documents, speakers and attributions.

Ingest is incremental and idempotent: a document is keyed by its doc_id and the sha256 of its
text, so the same document twice is stored once, and a changed one replaces its rows. Each
document is written in its own transaction (WAL journal), so a killed ingest loses nothing it
committed and a rerun completes the rest.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from attribution.errors import StoreError
from attribution.io.migrations import apply_migrations
from attribution.speakers.ids import speaker_id
from attribution.types import COLUMNS, Attribution, Document, DocumentError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 30.0  # a second writer waits for the lock instead of failing at once
# speaker_id is NULL in the table for unnamed sources (no speakers row); the dataclass holds "".
SELECT_ATTRIBUTIONS = "SELECT " + ", ".join(
    "COALESCE(a.speaker_id, '')" if c == "speaker_id" else f"a.{c}" for c in COLUMNS
) + " FROM attributions a"
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SpeakerSummary:
    """One speaker across the database: how often they were quoted, and with which stance."""

    speaker_id: str
    name: str
    speaker_type: str
    roles: tuple[str, ...]
    claims: int
    documents: int
    assertions: int
    denials: int
    evaluations: int


@dataclass(frozen=True)
class IngestEvent:
    """What ingest did with one document: "added", "replaced", "unchanged" or "failed"."""

    doc_id: str
    outcome: str
    rows: int = 0
    error: DocumentError | None = None


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def speaker_key(attribution: Attribution) -> str | None:
    """The speaker's id: the resolver's when it gave one, else made from the name; None when unnamed."""
    return attribution.speaker_id or speaker_id(attribution.speaker, attribution.speaker_type) or None


def _casefold(value: str | None) -> str | None:
    return value.casefold() if isinstance(value, str) else value


class ClaimStore:
    """A claims database. Use `ClaimStore.open(path)`; it applies pending migrations."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    @classmethod
    def open(cls, path: str | Path) -> "ClaimStore":
        try:
            conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_S)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            # NORMAL in WAL mode survives a killed process (not a power cut) and commits fast.
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.create_function("casefold", 1, _casefold, deterministic=True)
            apply_migrations(conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open the claims database: {exc}") from exc
        return cls(conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "ClaimStore":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # ---- writing -------------------------------------------------------------------------

    def is_current(self, document: Document, model_version: str) -> bool:
        """True when this exact text was already ingested by this model version."""
        row = self.conn.execute(
            "SELECT content_hash, model_version FROM documents WHERE doc_id = ?", (document.doc_id,)
        ).fetchone()
        return row is not None and row == (content_hash(document.text), model_version)

    def replace_document(self, document: Document, attributions: Sequence[Attribution], model_version: str) -> str:
        """Store a document and its rows in one transaction, replacing any earlier version.

        Returns "added" or "replaced".
        """
        with self._transaction() as conn:
            old_speakers = {r[0] for r in conn.execute(
                "SELECT DISTINCT speaker_id FROM attributions WHERE doc_id = ? AND speaker_id IS NOT NULL", (document.doc_id,)
            )}
            existed = conn.execute("DELETE FROM documents WHERE doc_id = ?", (document.doc_id,)).rowcount > 0
            conn.execute(
                "INSERT INTO documents (doc_id, source, content_hash, text, model_version, ingested_at) VALUES (?, ?, ?, ?, ?, ?)",
                (document.doc_id, document.source, content_hash(document.text), document.text, model_version,
                 datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
            new_speakers = self._insert_rows(conn, attributions)
            self._refresh_speakers(conn, old_speakers | new_speakers)
        return "replaced" if existed else "added"

    def _insert_rows(self, conn: sqlite3.Connection, attributions: Sequence[Attribution]) -> set[str]:
        speaker_ids = set()
        for attribution in attributions:
            key = speaker_key(attribution)
            if key is not None:
                speaker_ids.add(key)
                # The fullest name seen wins: "Lloyd Austin" over "Austin".
                conn.execute(
                    """INSERT INTO speakers (speaker_id, name, speaker_type) VALUES (?, ?, ?)
                       ON CONFLICT(speaker_id) DO UPDATE SET
                       name = CASE WHEN length(excluded.name) > length(name) THEN excluded.name ELSE name END""",
                    (key, attribution.speaker, attribution.speaker_type),
                )
            row = attribution.as_row()
            row["speaker_id"] = key
            conn.execute(
                f"INSERT INTO attributions ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                [row[c] for c in COLUMNS],
            )
        return speaker_ids

    def _refresh_speakers(self, conn: sqlite3.Connection, speaker_ids: set[str]) -> None:
        """Recompute roles seen, and drop speakers whose last attribution went with a replaced document."""
        for speaker_id in sorted(speaker_ids):
            roles = [r[0] for r in conn.execute(
                "SELECT DISTINCT speaker_role FROM attributions WHERE speaker_id = ? AND speaker_role != '' ORDER BY speaker_role",
                (speaker_id,),
            )]
            if roles or conn.execute("SELECT 1 FROM attributions WHERE speaker_id = ? LIMIT 1", (speaker_id,)).fetchone():
                conn.execute("UPDATE speakers SET roles = ? WHERE speaker_id = ?", (json.dumps(roles), speaker_id))
            else:
                conn.execute("DELETE FROM speakers WHERE speaker_id = ?", (speaker_id,))

    # ---- reading -------------------------------------------------------------------------

    def documents(self) -> list[Document]:
        return [Document(*row) for row in self.conn.execute("SELECT doc_id, text, source FROM documents ORDER BY doc_id")]

    def attributions(self) -> list[Attribution]:
        return self._attributions(f"{SELECT_ATTRIBUTIONS} ORDER BY a.doc_id, a.quote_id")

    def find_attribution(self, doc_id: str, quote_id: str) -> Attribution | None:
        rows = self._attributions(f"{SELECT_ATTRIBUTIONS} WHERE a.doc_id = ? AND a.quote_id = ?", (doc_id, quote_id))
        return rows[0] if rows else None

    def who_said(self, name: str) -> list[Attribution]:
        """Rows whose speaker is `name`, case-insensitively: the full name, a word of it ("Austin"),
        or any mention used for that speaker in some document."""
        query = " ".join(name.casefold().split())
        if not query:
            return []
        like = "% " + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " %"
        return self._attributions(
            f"""{SELECT_ATTRIBUTIONS} WHERE casefold(a.speaker) = :q
                OR (' ' || casefold(a.speaker) || ' ') LIKE :like ESCAPE '\\'
                OR casefold(a.speaker_mention) = :q
                OR a.speaker_id IN (SELECT speaker_id FROM attributions WHERE casefold(speaker_mention) = :q)
                ORDER BY a.doc_id, a.quote_id""",
            {"q": query, "like": like},
        )

    def claims_about(self, about: str, limit: int | None = None) -> list[Attribution]:
        """Full-text search over quote text (every word must occur, stemmed), best matches first."""
        words = WORD.findall(about)
        if not words:
            return []
        # Each word quoted: user input never reaches FTS5's query syntax (AND, NEAR, "-", ...).
        match = " ".join('"' + w + '"' for w in words)
        return self._attributions(
            f"""{SELECT_ATTRIBUTIONS} JOIN claims_fts ON claims_fts.rowid = a.row_id
                WHERE claims_fts MATCH ? ORDER BY bm25(claims_fts), a.doc_id, a.quote_id LIMIT ?""",
            (match, -1 if limit is None else limit),
        )

    def speakers(self) -> list[SpeakerSummary]:
        rows = self.conn.execute(
            """SELECT s.speaker_id, s.name, s.speaker_type, s.roles, COUNT(*), COUNT(DISTINCT a.doc_id),
                      SUM(a.stance = 'assertion'), SUM(a.stance = 'denial'), SUM(a.stance = 'evaluation')
               FROM speakers s JOIN attributions a ON a.speaker_id = s.speaker_id
               GROUP BY s.speaker_id ORDER BY COUNT(*) DESC, s.name"""
        )
        return [SpeakerSummary(r[0], r[1], r[2], tuple(json.loads(r[3])), *r[4:]) for r in rows]

    def _attributions(self, sql: str, params: Sequence | dict = ()) -> list[Attribution]:
        return [Attribution(*row) for row in self.conn.execute(sql, params)]


def ingest_documents(store: ClaimStore, items: Iterable[Document | DocumentError], pipeline) -> Iterator[IngestEvent]:
    """Run `pipeline` (an attribution.pipeline.Pipeline) over the documents that are new or changed
    and store each as soon as it is done; unchanged ones are skipped without parsing."""
    # Skipping happens lazily inside the generator fed to the pipeline, so events keep input order.
    skipped: list[IngestEvent] = []

    def pending() -> Iterator[Document | DocumentError]:
        for item in items:
            if isinstance(item, Document) and store.is_current(item, pipeline.model_version):
                skipped.append(IngestEvent(item.doc_id, "unchanged"))
                continue
            yield item

    for result in pipeline.run(pending()):
        yield from _drain(skipped)
        yield _store_result(store, result, pipeline.model_version)
    yield from _drain(skipped)


def _drain(events: list[IngestEvent]) -> Iterator[IngestEvent]:
    while events:
        yield events.pop(0)


def _store_result(store: ClaimStore, result, model_version: str) -> IngestEvent:
    if isinstance(result, DocumentError):
        return IngestEvent(result.doc_id, "failed", error=result)
    if result.error is not None:
        return IngestEvent(result.document.doc_id, "failed", error=result.error)
    outcome = store.replace_document(result.document, result.attributions, model_version)
    return IngestEvent(result.document.doc_id, outcome, rows=len(result.attributions))
