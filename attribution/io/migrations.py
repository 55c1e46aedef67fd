"""Versioned schema of the claims database, applied in order and recorded in `schema_migrations`.

A migration is never edited once released: a schema change is a new migration with the next
version. Each one runs in its own transaction together with the row that records it, so a
database is always at exactly one known version.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone

from attribution.errors import StoreError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]  # one SQL statement each: trigger bodies hold semicolons


INITIAL = Migration(
    1,
    "documents, speakers, attributions",
    (
        """CREATE TABLE documents (
            doc_id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            text TEXT NOT NULL,
            model_version TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        )""",
        """CREATE TABLE speakers (
            speaker_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            speaker_type TEXT NOT NULL,
            roles TEXT NOT NULL DEFAULT '[]'
        )""",
        # An explicit INTEGER PRIMARY KEY keeps rowids stable across VACUUM (the FTS index uses them).
        """CREATE TABLE attributions (
            row_id INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
            quote_id TEXT NOT NULL,
            quote_type TEXT NOT NULL,
            quote_text TEXT NOT NULL,
            quote_start INTEGER NOT NULL,
            quote_end INTEGER NOT NULL,
            cue TEXT NOT NULL,
            cue_start INTEGER,
            cue_end INTEGER,
            speaker TEXT NOT NULL,
            speaker_type TEXT NOT NULL,
            speaker_role TEXT NOT NULL,
            speaker_mention TEXT NOT NULL,
            mention_start INTEGER,
            mention_end INTEGER,
            stance TEXT NOT NULL,
            stance_score REAL NOT NULL,
            speaker_id TEXT REFERENCES speakers(speaker_id),
            kind TEXT NOT NULL,
            model_version TEXT NOT NULL,
            UNIQUE (doc_id, quote_id)
        )""",
        "CREATE INDEX attributions_speaker ON attributions(speaker_id)",
    ),
)

CLAIMS_SEARCH = Migration(
    2,
    "full-text search over quote text",
    (
        """CREATE VIRTUAL TABLE claims_fts USING fts5(
            quote_text, content='attributions', content_rowid='row_id', tokenize='porter unicode61'
        )""",
        """CREATE TRIGGER attributions_fts_insert AFTER INSERT ON attributions BEGIN
            INSERT INTO claims_fts(rowid, quote_text) VALUES (new.row_id, new.quote_text);
        END""",
        """CREATE TRIGGER attributions_fts_delete AFTER DELETE ON attributions BEGIN
            INSERT INTO claims_fts(claims_fts, rowid, quote_text) VALUES ('delete', old.row_id, old.quote_text);
        END""",
        """CREATE TRIGGER attributions_fts_update AFTER UPDATE ON attributions BEGIN
            INSERT INTO claims_fts(claims_fts, rowid, quote_text) VALUES ('delete', old.row_id, old.quote_text);
            INSERT INTO claims_fts(rowid, quote_text) VALUES (new.row_id, new.quote_text);
        END""",
        "INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')",
    ),
)

MIGRATIONS: tuple[Migration, ...] = (INITIAL, CLAIMS_SEARCH)


def schema_version(conn: sqlite3.Connection) -> int:
    """The highest migration recorded in the database; 0 for a new one."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    return conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]


def apply_migrations(conn: sqlite3.Connection, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[int]:
    """Bring the database up to the newest migration; return the versions applied now.

    `conn` must be in autocommit mode (isolation_level=None): each migration is one explicit transaction.
    """
    current = schema_version(conn)
    newest = migrations[-1].version if migrations else 0
    if current > newest:
        raise StoreError(f"the database is at schema version {current}, newer than this program knows ({newest}); upgrade attribution")
    applied = []
    for migration in migrations:
        if migration.version <= current:
            continue
        _apply(conn, migration)
        applied.append(migration.version)
    return applied


def _apply(conn: sqlite3.Connection, migration: Migration) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated between our version check and the lock.
        if conn.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (migration.version,)).fetchone():
            conn.execute("COMMIT")
            return
        for statement in migration.statements:
            conn.execute(statement)
        applied_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (migration.version, migration.name, applied_at),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    log.info("applied migration %d: %s", migration.version, migration.name)
