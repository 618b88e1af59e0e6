"""Loading one document reads only its own rows: every query of ``Store.load`` is answered from
an index, so opening a store of hundreds of documents does not scan every table per document."""

from __future__ import annotations

import re
import sqlite3

from budgetqa.store import Store

# The tables a document's rows live in, by the column that names their document (or form).
CHILD_TABLES = {"sections": "document_id", "definitions": "document_id", "facts": "document_id",
                "missing_forms": "document_id", "audit_findings": "document_id", "tables": "document_id",
                "forms": "document_id", "form_fields": "form_id", "form_amounts": "form_id",
                "indicators": "form_id", "form_variants": "form_id"}


def test_every_table_a_document_is_loaded_from_is_searched_by_an_index(tmp_path):
    Store(tmp_path / "s.sqlite3").close()
    conn = sqlite3.connect(tmp_path / "s.sqlite3")
    for table, column in CHILD_TABLES.items():
        plan = " ".join(str(r[-1]) for r in conn.execute(
            f"EXPLAIN QUERY PLAN SELECT * FROM {table} WHERE {column}=?", ("x",)))
        assert re.search(rf"SEARCH {table} USING (COVERING )?INDEX", plan), (table, plan)
