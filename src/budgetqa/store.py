"""The structured store: numbered migrations, every figure with its provenance, kept in SQLite
(a file in ``home``, the default) or on a PostgreSQL server (``database_url``).

Schema (see MIGRATIONS): documents > tables > table_rows > cells; forms > form_fields,
form_amounts, indicators, form_variants; sections, definitions, facts, missing_forms and
audit_findings per document. A document is replaced in one transaction.

Every query and migration is written once, in SQLite's words; what PostgreSQL needs instead
(placeholders, identity keys, insertion order, byte-wise text order, the id of an inserted row,
transactions and locks) is said in one place, :class:`_Postgres`.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urlsplit, urlunsplit

from .errors import ConfigError, StoreError
from .model import (Definition, FormVariant, Indicator, NarrativeFact, ParsedDocument,
                    ProjectForm, Row, Section, Table)

# A migration is SQLite's SQL; on PostgreSQL :func:`_pg_ddl` rewrites it, and every table also
# gets a last column ``rowid`` (insertion order, as SQLite's own rowid). So a column added by a
# later migration comes after ``rowid`` there: insert into such a table naming the columns.
MIGRATIONS: list[str] = [
    # 1: the initial schema
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT NOT NULL, department TEXT NOT NULL,
        year INTEGER NOT NULL, kind TEXT NOT NULL, scope TEXT NOT NULL,
        content_hash TEXT NOT NULL, source_type TEXT NOT NULL, ingested_at TEXT NOT NULL
    );
    CREATE TABLE tables (
        id INTEGER PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, unit TEXT NOT NULL,
        columns_json TEXT NOT NULL, line_start INTEGER, line_end INTEGER,
        empty INTEGER NOT NULL, note TEXT, page INTEGER
    );
    CREATE TABLE table_rows (
        id INTEGER PRIMARY KEY, table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, label TEXT NOT NULL, code TEXT, label2 TEXT, side TEXT,
        line INTEGER, page INTEGER, texts_json TEXT NOT NULL
    );
    CREATE TABLE cells (
        row_id INTEGER NOT NULL REFERENCES table_rows(id) ON DELETE CASCADE,
        column_name TEXT NOT NULL, value TEXT,  -- decimal as text, NULL = blank cell
        PRIMARY KEY (row_id, column_name)
    );
    CREATE TABLE forms (
        id INTEGER PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, project TEXT NOT NULL, unit TEXT NOT NULL,
        line_start INTEGER, line_end INTEGER
    );
    CREATE TABLE form_fields (
        form_id INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE,
        name TEXT NOT NULL, value TEXT NOT NULL, line INTEGER
    );
    CREATE TABLE form_amounts (
        form_id INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE,
        name TEXT NOT NULL, value TEXT, line INTEGER
    );
    CREATE TABLE indicators (
        form_id INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
        period TEXT NOT NULL, level1 TEXT, level2 TEXT, level3 TEXT, value TEXT, line INTEGER
    );
    CREATE TABLE form_variants (
        form_id INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
        line_start INTEGER, line_end INTEGER, fields_json TEXT NOT NULL, indicator_count INTEGER
    );
    CREATE TABLE sections (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
        path_json TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL,
        line_start INTEGER, line_end INTEGER, page INTEGER
    );
    CREATE TABLE definitions (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        term TEXT NOT NULL, text TEXT NOT NULL, line INTEGER
    );
    CREATE TABLE facts (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        subject TEXT NOT NULL, measure TEXT NOT NULL, value TEXT NOT NULL, unit TEXT NOT NULL,
        line INTEGER, sentence TEXT NOT NULL, page INTEGER
    );
    CREATE TABLE missing_forms (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, project TEXT NOT NULL
    );
    CREATE TABLE audit_findings (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
        check_name TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL,
        lines_json TEXT NOT NULL, expected TEXT, actual TEXT
    );
    CREATE INDEX idx_tables_doc ON tables(document_id);
    CREATE INDEX idx_rows_table ON table_rows(table_id);
    CREATE INDEX idx_rows_code ON table_rows(code);
    CREATE INDEX idx_forms_doc ON forms(document_id);
    """,
    # 2: each finding's evidence (value, unit, page, line, table, row, column of every figure)
    """
    ALTER TABLE audit_findings ADD COLUMN figures_json TEXT;
    """,
    # 3: a document's sections, definitions, facts, findings and forms' parts are read by its id
    # (loading one document scanned them all: opening 450 documents took a minute, now seconds)
    """
    CREATE INDEX IF NOT EXISTS idx_sections_doc ON sections(document_id);
    CREATE INDEX IF NOT EXISTS idx_definitions_doc ON definitions(document_id);
    CREATE INDEX IF NOT EXISTS idx_facts_doc ON facts(document_id);
    CREATE INDEX IF NOT EXISTS idx_missing_forms_doc ON missing_forms(document_id);
    CREATE INDEX IF NOT EXISTS idx_findings_doc ON audit_findings(document_id);
    CREATE INDEX IF NOT EXISTS idx_form_fields_form ON form_fields(form_id);
    CREATE INDEX IF NOT EXISTS idx_form_amounts_form ON form_amounts(form_id);
    CREATE INDEX IF NOT EXISTS idx_indicators_form ON indicators(form_id);
    CREATE INDEX IF NOT EXISTS idx_form_variants_form ON form_variants(form_id);
    """,
]


@dataclass
class DocumentInfo:
    id: str
    title: str
    department: str
    year: int
    kind: str
    scope: str
    path: str
    content_hash: str
    source_type: str
    ingested_at: str

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _dec(v: str | None) -> Decimal | None:
    return None if v is None else Decimal(v)


def _s(v: Decimal | None) -> str | None:
    return None if v is None else str(v)


def is_database_url(location: object) -> bool:
    """True for a PostgreSQL URL (``postgresql://…``), False for a path to an SQLite file."""
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def redact(url: str) -> str:
    """The URL without its password, for messages: ``postgresql://u:***@host/db``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


def _one_line(e: Exception) -> str:
    return " ".join(str(e).split())


class _SQLite:
    """The default backend: one file and one connection shared by every thread. Every use of it
    holds the lock: a transaction belongs to the connection, so a query from another thread in
    the middle of a save would see the document half replaced (or gone)."""

    DatabaseError = sqlite3.DatabaseError

    def __init__(self, path: Path):
        self.where = str(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(path, check_same_thread=False, timeout=30)
        except (OSError, sqlite3.Error) as e:
            raise StoreError(f"无法打开数据库 {path}: {e}") from None
        self.lock = threading.RLock()
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.execute("PRAGMA journal_mode = WAL")
        self.execute = self._conn.execute
        self.executemany = self._conn.executemany

    def insert(self, sql: str, params: tuple) -> int:
        """Run an INSERT into a table with an ``id`` key; return the new row's id."""
        return self._conn.execute(sql, params).lastrowid

    @staticmethod
    def ddl(statement: str) -> str:
        return statement

    def read(self):
        """Around one query."""
        return self.lock

    def snapshot(self):
        """Around several queries that must see one state of the store."""
        return self.lock

    def migrating(self):
        """Around the whole of :meth:`Store.migrate`."""
        return self.lock

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.lock, self._conn:
            yield

    def close(self) -> None:
        self._conn.close()


def _pg_ddl(statement: str) -> str:
    """A migration statement in PostgreSQL's words: identity keys, 64-bit integers, text that
    compares byte-wise (SQLite's BINARY order, whatever the server's locale), and a ``rowid``."""
    statement = statement.replace("INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
    statement = re.sub(r"\bINTEGER\b", "BIGINT", statement)
    statement = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', statement).rstrip()
    if re.match(r"\s*CREATE TABLE\b", statement):  # "CREATE TABLE name (...)": one more column
        statement = statement.removesuffix(")").rstrip() + ",\n        rowid BIGINT GENERATED ALWAYS AS IDENTITY\n    )"
    return statement


@lru_cache(maxsize=256)
def _pg_sql(sql: str) -> str:
    """SQLite's ``?`` placeholders as psycopg's ``%s`` (no query holds a literal ? or %)."""
    return sql.replace("?", "%s")


class _Postgres:
    """A PostgreSQL server, through psycopg 3. One connection per :class:`Store`, used under
    its lock only: a transaction belongs to the connection, so no thread may slip a query into
    another's. Several processes share the server: writers take one advisory lock (one writer
    at a time, as SQLite), and a document is read inside one snapshot. A connection the server
    dropped is opened again on the next use."""

    def __init__(self, url: str):
        try:
            import psycopg
        except ImportError:
            raise ConfigError("BUDGETQA_DATABASE_URL 需要 PostgreSQL 驱动 psycopg："
                              "pip install -e \".[postgres]\"") from None
        self._psycopg = psycopg
        self.url = url
        self.where = redact(url)
        self.DatabaseError = psycopg.DatabaseError
        self.lock = threading.RLock()
        self._conn = self._connect()

    def _connect(self):
        psycopg = self._psycopg
        try:
            given = psycopg.conninfo.conninfo_to_dict(self.url)
            timeout = {} if "connect_timeout" in given else {"connect_timeout": 10}
            return psycopg.connect(self.url, autocommit=True, **timeout)
        except psycopg.Error as e:
            raise StoreError(f"无法连接 PostgreSQL 数据库 {self.where}: {_one_line(e)}") from None

    @contextmanager
    def _using(self) -> Iterator[None]:
        """Hold the lock, reconnect if the server dropped us, and turn a lost connection into a
        :class:`StoreError`."""
        with self.lock:
            if self._conn.broken:
                self._conn = self._connect()
            try:
                yield
            except self._psycopg.OperationalError as e:
                raise StoreError(f"PostgreSQL 数据库 {self.where} 出错: {_one_line(e)}") from None

    def execute(self, sql: str, params: tuple = ()):
        return self._conn.execute(_pg_sql(sql), params)

    def executemany(self, sql: str, rows: list) -> None:
        if rows:
            self._conn.cursor().executemany(_pg_sql(sql), rows)

    def insert(self, sql: str, params: tuple) -> int:
        return self._conn.execute(_pg_sql(sql) + " RETURNING id", params).fetchone()[0]

    ddl = staticmethod(_pg_ddl)

    def read(self):
        return self._using()

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        with self._using(), self._conn.transaction():
            self._conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield

    @contextmanager
    def transaction(self) -> Iterator[None]:
        # Nested (a migration inside migrate) it is a savepoint, and the advisory lock is re-entrant.
        with self._using(), self._conn.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(hashtext('budgetqa:' || current_schema()))")
            yield

    def migrating(self):
        return self.transaction()  # concurrent first starts must not both create the schema

    def close(self) -> None:
        self._conn.close()


class Store:
    """The store of parsed documents and audit findings: an SQLite file, or a PostgreSQL server
    when given its URL (the same queries, the same behaviour).

    >>> store = Store(Path(".budgetqa/budgetqa.sqlite3"))   # or Store("postgresql://u:p@host/db")
    >>> store.save(parsed_document, findings)
    >>> store.load(parsed_document.doc_id).tables[0].title
    """

    def __init__(self, location: Path | str):
        if is_database_url(location):
            self.path = None
            self._db: _SQLite | _Postgres = _Postgres(str(location))
        else:
            self.path = Path(location)
            self._db = _SQLite(self.path)
        self.location = self._db.where
        self.migrate()

    @property
    def backend(self) -> str:
        return "postgresql" if isinstance(self._db, _Postgres) else "sqlite"

    def close(self) -> None:
        self._db.close()

    # ------------------------------------------------------------ schema

    def migrate(self) -> int:
        """Apply numbered migrations not yet applied; return the schema version."""
        db = self._db
        with db.migrating():
            try:
                db.execute(db.ddl(
                    "CREATE TABLE IF NOT EXISTS _migrations (version INTEGER PRIMARY KEY, applied_at TEXT)"))
                done = {r[0] for r in db.execute("SELECT version FROM _migrations")}
                for version, sql in enumerate(MIGRATIONS, start=1):
                    if version in done:
                        continue
                    with db.transaction():
                        for stmt in [s for s in sql.split(";") if s.strip()]:
                            db.execute(db.ddl(stmt))
                        db.execute("INSERT INTO _migrations VALUES (?, ?)", (version, _now()))
            except db.DatabaseError as e:
                raise StoreError(f"数据库 {self.location} 已损坏或无法读取: {_one_line(e)}") from None
            return len(MIGRATIONS)

    # ------------------------------------------------------------ writing

    def content_hash(self, doc_id: str) -> str | None:
        with self._db.read():
            row = self._db.execute("SELECT content_hash FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def save(self, doc: ParsedDocument, findings: Iterable = ()) -> None:
        """Replace ``doc`` (and its audit findings) in one transaction."""
        c = self._db
        with c.transaction():
            c.execute("DELETE FROM documents WHERE id = ?", (doc.doc_id,))
            c.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?)",
                      (doc.doc_id, doc.path, doc.title, doc.department, doc.year, doc.kind,
                       doc.scope, doc.content_hash, doc.source_type, _now()))
            for ti, t in enumerate(doc.tables):
                tid = c.insert(
                    "INSERT INTO tables (document_id, seq, kind, title, unit, columns_json, line_start,"
                    " line_end, empty, note, page) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (doc.doc_id, ti, t.kind, t.title, t.unit, json.dumps(t.columns, ensure_ascii=False),
                     t.line_start, t.line_end, int(t.empty), t.note, t.page))
                for ri, r in enumerate(t.rows):
                    rid = c.insert(
                        "INSERT INTO table_rows (table_id, seq, label, code, label2, side, line, page,"
                        " texts_json) VALUES (?,?,?,?,?,?,?,?,?)",
                        (tid, ri, r.label, r.code, r.label2, r.side, r.line, r.page,
                         json.dumps(r.texts, ensure_ascii=False)))
                    c.executemany("INSERT INTO cells VALUES (?,?,?)",
                                  [(rid, k, _s(v)) for k, v in r.values.items()])
            for fi, f in enumerate(doc.forms):
                fid = c.insert(
                    "INSERT INTO forms (document_id, seq, project, unit, line_start, line_end)"
                    " VALUES (?,?,?,?,?,?)",
                    (doc.doc_id, fi, f.project, f.unit, f.line_start, f.line_end))
                c.executemany("INSERT INTO form_fields VALUES (?,?,?,?)",
                              [(fid, k, v, f.field_lines.get(k)) for k, v in f.fields.items()])
                c.executemany("INSERT INTO form_amounts VALUES (?,?,?,?)",
                              [(fid, k, _s(v), f.amount_lines.get(k)) for k, v in f.amounts.items()])
                c.executemany("INSERT INTO indicators VALUES (?,?,?,?,?,?,?,?)",
                              [(fid, i, x.period, x.level1, x.level2, x.level3, x.value, x.line)
                               for i, x in enumerate(f.indicators)])
                c.executemany("INSERT INTO form_variants VALUES (?,?,?,?,?,?)",
                              [(fid, i, v.line_start, v.line_end,
                                json.dumps(v.fields, ensure_ascii=False), v.indicator_count)
                               for i, v in enumerate(f.variants)])
            c.executemany("INSERT INTO sections VALUES (?,?,?,?,?,?,?,?)",
                          [(doc.doc_id, i, json.dumps(s.path, ensure_ascii=False), s.title, s.text,
                            s.line_start, s.line_end, s.page) for i, s in enumerate(doc.sections)])
            c.executemany("INSERT INTO definitions VALUES (?,?,?,?)",
                          [(doc.doc_id, d.term, d.text, d.line) for d in doc.definitions])
            c.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?,?,?)",
                          [(doc.doc_id, f.subject, f.measure, str(f.value), f.unit, f.line,
                            f.sentence, f.page) for f in doc.facts])
            c.executemany("INSERT INTO missing_forms VALUES (?,?)",
                          [(doc.doc_id, p) for p in doc.missing_forms])
            self._insert_findings(doc.doc_id, findings)

    def _insert_findings(self, doc_id: str, findings: Iterable) -> None:
        self._db.executemany(
            "INSERT INTO audit_findings (document_id, seq, check_name, severity, message, lines_json,"
            " expected, actual, figures_json) VALUES (?,?,?,?,?,?,?,?,?)",
            [(doc_id, i, f.rule, f.severity, f.message, json.dumps(f.lines), _s(f.expected),
              _s(f.actual), json.dumps([e.to_dict() for e in f.figures], ensure_ascii=False))
             for i, f in enumerate(findings)])

    def replace_findings(self, doc_id: str, findings: Iterable) -> None:
        """Replace a document's audit findings (the rules changed, the document did not)."""
        with self._db.transaction():
            self._db.execute("DELETE FROM audit_findings WHERE document_id = ?", (doc_id,))
            self._insert_findings(doc_id, findings)

    def remove(self, doc_id: str) -> None:
        with self._db.transaction():
            self._db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    # ------------------------------------------------------------ reading

    def documents(self) -> list[DocumentInfo]:
        # rowid last: documents of one body and year in the order they were stored, on both backends
        with self._db.read():
            rows = self._db.execute(
                "SELECT id, title, department, year, kind, scope, path, content_hash, source_type,"
                " ingested_at FROM documents ORDER BY department, year, rowid").fetchall()
        return [DocumentInfo(*r) for r in rows]

    def counts(self, doc_id: str) -> dict[str, int]:
        q = self._db.execute
        with self._db.snapshot():
            return {
                "tables": q("SELECT COUNT(*) FROM tables WHERE document_id=?", (doc_id,)).fetchone()[0],
                "rows": q("SELECT COUNT(*) FROM table_rows r JOIN tables t ON r.table_id=t.id"
                          " WHERE t.document_id=?", (doc_id,)).fetchone()[0],
                "forms": q("SELECT COUNT(*) FROM forms WHERE document_id=?", (doc_id,)).fetchone()[0],
                "sections": q("SELECT COUNT(*) FROM sections WHERE document_id=?", (doc_id,)).fetchone()[0],
                "findings": q("SELECT COUNT(*) FROM audit_findings WHERE document_id=?",
                              (doc_id,)).fetchone()[0],
            }

    def findings(self, doc_id: str) -> list:
        """The document's audit findings, as :class:`budgetqa.audit.Finding` objects."""
        from .audit.findings import Evidence, Finding

        with self._db.read():
            rows = self._db.execute(
                "SELECT check_name, severity, message, lines_json, expected, actual, figures_json"
                " FROM audit_findings WHERE document_id=? ORDER BY seq", (doc_id,)).fetchall()
        out = []
        for rule, severity, message, lines, expected, actual, figures in rows:
            evidence = ([Evidence.from_dict(e) for e in json.loads(figures)] if figures
                        else [Evidence(line=n) for n in json.loads(lines)])
            out.append(Finding(rule, severity, message, evidence, _dec(expected), _dec(actual)))
        return out

    def load(self, doc_id: str) -> ParsedDocument:
        """Rebuild the parsed document from the store."""
        with self._db.snapshot():
            return self._load(doc_id)

    def _load(self, doc_id: str) -> ParsedDocument:
        q = self._db.execute
        d = q("SELECT id, path, title, department, year, kind, scope, content_hash, source_type"
              " FROM documents WHERE id=?", (doc_id,)).fetchone()
        if d is None:
            from .errors import UnknownDocumentError
            raise UnknownDocumentError(f"没有这个文档: {doc_id}")
        doc = ParsedDocument(doc_id=d[0], path=d[1], title=d[2], department=d[3], year=d[4],
                             kind=d[5], scope=d[6], content_hash=d[7], source_type=d[8])
        cells: dict[int, dict[str, Decimal | None]] = {}
        for rid, col, val in q("SELECT c.row_id, c.column_name, c.value FROM cells c JOIN table_rows r"
                               " ON c.row_id=r.id JOIN tables t ON r.table_id=t.id"
                               " WHERE t.document_id=? ORDER BY c.rowid", (doc_id,)):
            cells.setdefault(rid, {})[col] = _dec(val)
        rows: dict[int, list[Row]] = {}
        for rid, tid, label, code, label2, side, line, page, texts in q(
                "SELECT r.id, r.table_id, r.label, r.code, r.label2, r.side, r.line, r.page, r.texts_json"
                " FROM table_rows r JOIN tables t ON r.table_id=t.id WHERE t.document_id=?"
                " ORDER BY r.table_id, r.seq", (doc_id,)):
            rows.setdefault(tid, []).append(Row(label=label, values=cells.get(rid, {}), line=line,
                                                code=code, label2=label2, side=side,
                                                texts=json.loads(texts), page=page))
        for tid, kind, title, unit, cols, ls, le, empty, note, page in q(
                "SELECT id, kind, title, unit, columns_json, line_start, line_end, empty, note, page"
                " FROM tables WHERE document_id=? ORDER BY seq", (doc_id,)):
            doc.tables.append(Table(kind=kind, title=title, unit=unit, columns=json.loads(cols),
                                    rows=rows.get(tid, []), line_start=ls, line_end=le,
                                    empty=bool(empty), note=note, page=page))
        for fid, project, unit, ls, le in q(
                "SELECT id, project, unit, line_start, line_end FROM forms WHERE document_id=?"
                " ORDER BY seq", (doc_id,)).fetchall():
            f = ProjectForm(project=project, fields={}, field_lines={}, amounts={}, amount_lines={},
                            indicators=[], line_start=ls, line_end=le, unit=unit)
            for name, value, line in q("SELECT name, value, line FROM form_fields WHERE form_id=?"
                                       " ORDER BY rowid", (fid,)):
                f.fields[name] = value
                if line is not None:
                    f.field_lines[name] = line
            for name, value, line in q("SELECT name, value, line FROM form_amounts WHERE form_id=?"
                                       " ORDER BY rowid", (fid,)):
                f.amounts[name] = _dec(value)
                if line is not None:
                    f.amount_lines[name] = line
            f.indicators = [Indicator(*r) for r in q(
                "SELECT period, level1, level2, level3, value, line FROM indicators WHERE form_id=?"
                " ORDER BY seq", (fid,))]
            f.variants = [FormVariant(r[0], r[1], json.loads(r[2]), r[3]) for r in q(
                "SELECT line_start, line_end, fields_json, indicator_count FROM form_variants"
                " WHERE form_id=? ORDER BY seq", (fid,))]
            doc.forms.append(f)
        doc.sections = [Section(path=json.loads(p), title=t, text=x, line_start=a, line_end=b, page=pg)
                        for p, t, x, a, b, pg in q(
                            "SELECT path_json, title, text, line_start, line_end, page FROM sections"
                            " WHERE document_id=? ORDER BY seq", (doc_id,))]
        doc.definitions = [Definition(*r) for r in q(
            "SELECT term, text, line FROM definitions WHERE document_id=? ORDER BY rowid", (doc_id,))]
        doc.facts = [NarrativeFact(subject=r[0], measure=r[1], value=Decimal(r[2]), unit=r[3],
                                   line=r[4], sentence=r[5], page=r[6]) for r in q(
            "SELECT subject, measure, value, unit, line, sentence, page FROM facts WHERE document_id=?"
            " ORDER BY rowid", (doc_id,))]
        doc.missing_forms = [r[0] for r in q(
            "SELECT project FROM missing_forms WHERE document_id=? ORDER BY rowid", (doc_id,))]
        return doc


def open_store(settings) -> Store:
    """The store that ``settings`` name: on the server of ``database_url``, else SQLite in ``home``."""
    return Store(settings.database_url or settings.db_path)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
