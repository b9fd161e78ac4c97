"""The connection to an output folder's database: opening it (and checking its schema) and
transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import NewsgraphError
from .damage import damage_of, damaged_error, is_damage
from .schema import DB_NAME, MIGRATIONS, SCHEMA, SCHEMA_VERSION


class Connection:
    """An open database of one output folder (created with its schema when missing)."""

    def __init__(self, out: Path, *, readonly: bool = False, any_language: bool = False
                 ) -> None:
        """``any_language``: whether articles in languages other than English are analysed
        too (``run --language any``); by default they are stored and listed, never
        analysed."""
        self.path = out / DB_NAME
        self.any_language = any_language
        self.readonly = readonly
        damage = damage_of(self.path)
        if damage:
            raise damaged_error(self.path, damage)
        try:
            self._open(out, readonly)
        except (sqlite3.OperationalError, sqlite3.DatabaseError, PermissionError) as exc:
            if isinstance(exc, sqlite3.DatabaseError) and is_damage(exc):
                raise damaged_error(self.path, str(exc)) from None
            raise NewsgraphError(
                f"{out}: cannot {'read' if readonly else 'write'} the output folder ({exc}); "
                f"check its permissions and free space, or choose another --out") from None

    def _open(self, out: Path, readonly: bool) -> None:
        if readonly:
            self.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                      isolation_level=None)
            self.db.execute("SELECT COUNT(*) FROM meta").fetchone()
            return
        out.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA recursive_triggers=ON")  # a replaced mention leaves the tally
        version = self._schema_version()
        while version in MIGRATIONS:  # an older folder: upgrade it in place
            self.db.executescript("BEGIN;" + MIGRATIONS[version] + "COMMIT;")
            version = self._schema_version()
        self.db.executescript(SCHEMA)
        self.db.execute(
            "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
        )
        version = self._schema_version()
        if version != SCHEMA_VERSION:
            self.db.close()
            raise NewsgraphError(
                f"{self.path}: made by another version of newsgraph (schema {version}, this "
                f"one needs {SCHEMA_VERSION}); use a new --out folder or delete this one")

    def _schema_version(self) -> str | None:
        try:
            row = self.db.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.OperationalError:  # a new database: no tables yet
            return None
        return row[0] if row else None

    def meta(self, key: str, default: str = "") -> str:
        """A value of the folder's ``meta`` table."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_meta(self, key: str, value: str) -> None:
        """Set a value of the ``meta`` table."""
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def touch(self) -> None:
        """Record that the stored results changed (call inside the changing transaction):
        the outputs written before no longer reflect the store."""
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)",
                        (str(int(self.meta("generation", "0")) + 1),))

    def generation(self) -> int:
        """How many times the stored results changed."""
        return int(self.meta("generation", "0"))

    def close(self) -> None:
        """Close the database connection. The last writer to close leaves the folder at rest
        in rollback-journal mode (one file, no ``-wal``/``-shm``), so a reader that opens it
        read-only (``status`` on a folder it may not write) needs to create nothing."""
        if not self.readonly:
            try:
                self.db.execute("PRAGMA journal_mode=DELETE")
            except sqlite3.Error:
                pass  # another connection is still open: the last one to close does it
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside are committed together, or not at all."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
