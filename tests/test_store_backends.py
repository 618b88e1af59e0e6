"""The Store contract, on SQLite and on PostgreSQL alike: every part of a document comes back as
saved, with its provenance; a document is replaced in one transaction; removing it removes every
row; migrations run once; many threads (and, on PostgreSQL, other connections) read whole
documents while one writes. And the one-line errors a bad URL or a server that is down give."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from decimal import Decimal as D
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from budgetqa.audit import audit
from budgetqa.audit.findings import Evidence, Finding
from budgetqa.cli import main
from budgetqa.errors import StoreError, UnknownDocumentError
from budgetqa.model import (Definition, FormVariant, Indicator, NarrativeFact, ParsedDocument,
                            ProjectForm, Row, Section, Table)
from budgetqa.settings import Settings
from budgetqa.store import MIGRATIONS, Store, redact

# Every table the schema has: after a removal none may keep a row of the removed document.
TABLES = ["documents", "tables", "table_rows", "cells", "forms", "form_fields", "form_amounts",
          "indicators", "form_variants", "sections", "definitions", "facts", "missing_forms",
          "audit_findings"]
DOWN = "postgresql://budgetqa:secret@127.0.0.1:1/budgetqa"  # nothing listens on port 1


def full_document(doc_id: str = "full", department: str = "某某局", year: int = 2026,
                  total: str = "10.50") -> ParsedDocument:
    """A document with every part the store keeps, and the awkward values: blank cells, trailing
    zeros, negatives, quotes, text cells, pages and lines everywhere."""
    rows = [Row("合计", {"合计": D(total), "基本支出": D("6.00"), "项目支出": D("4.50")}, line=11, page=3),
            Row("行政运行", {"合计": D("-3.20"), "基本支出": None, "项目支出": D("0")}, line=12,
                code="2010101", label2="“一般”行政管理事务", side="支出", texts={"备注": "含 \"引号\" 与\t制表符"},
                page=4)]
    expense = Table("expense", "2026年部门支出总表", "万元", ["合计", "基本支出", "项目支出"], rows,
                    line_start=10, line_end=12, page=3)
    empty = Table("three_public", "“三公”经费支出表", "万元", ["合计"], [], line_start=20, line_end=21,
                  empty=True, note="本单位没有“三公”经费。")
    form = ProjectForm("智慧教育平台项目", fields={"项目概述": "建设平台", "实施单位": "某某中心"},
                       field_lines={"项目概述": 31}, amounts={"年度资金总额": D("1000.00"), "其中：财政拨款": None},
                       amount_lines={"年度资金总额": 32}, indicators=[
                           Indicator("年度", "产出指标", "数量指标", "覆盖学校", "≥120所", 33),
                           Indicator("实施期", None, None, None, "", 34)],
                       line_start=30, line_end=35, unit="万元",
                       variants=[FormVariant(36, 40, {"项目概述": "另一版本"}, 2)])
    return ParsedDocument(
        doc_id, f"{doc_id}.pdf", f"{department}{year}年部门预算", department, year, "预算", "部门",
        f"hash-{doc_id}-{total}", "pdf", tables=[expense, empty], forms=[form],
        sections=[Section(["一、部门职责", "（一）主要职能"], "主要职能", "负责……\n第二行", 1, 5, page=1),
                  Section([], "说明", "", 6, 6)],
        definitions=[Definition("机关运行经费", "为保障行政单位运行……", 50)],
        facts=[NarrativeFact("一般公共预算支出", "本年", D("10.50"), "万元", 60, "一般公共预算支出10.50万元。", 2),
               NarrativeFact("一般公共预算支出", "增减%", D("-1.0"), "%", 61, "下降1.0%。")],
        missing_forms=["没有绩效表的项目", "另一个"])


def findings_for(doc_id: str) -> list[Finding]:
    return [Finding("row_split", "rounding", f"{doc_id}：基本支出 + 项目支出 = 合计，相差 0.05 万元",
                    [Evidence(D("10.50"), "万元", 3, 11, "2026年部门支出总表", "合计", "合计"),
                     Evidence(D("6.00"), "万元", 3, 11, "2026年部门支出总表", "合计", "基本支出", "一句话")],
                    D("10.45"), D("10.50")),
            Finding("punctuation", "warning", "重复的标点：。。", [Evidence(line=5)])]


def stored(doc: ParsedDocument) -> str:
    """Everything the store keeps of a document, Decimals with their exact digits (repr)."""
    return repr((doc.doc_id, doc.path, doc.title, doc.department, doc.year, doc.kind, doc.scope,
                 doc.content_hash, doc.source_type, doc.tables, doc.forms, doc.sections,
                 doc.definitions, doc.facts, doc.missing_forms))


def row_counts(store: Store) -> dict[str, int]:
    """Rows in every table of the schema, whatever document they belong to."""
    with store._db.read():
        return {t: store._db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


@pytest.fixture
def store(store_location):
    s = Store(store_location)
    yield s
    s.close()


# ---------------------------------------------------------------- the round trip


def test_every_part_comes_back_as_saved_with_its_provenance(store):
    doc = full_document()
    store.save(doc, findings_for("full"))
    back = store.load("full")
    assert stored(back) == stored(doc)
    cells = back.tables[0].rows[1]
    assert (cells.values, str(cells.values["项目支出"]), cells.code, cells.label2, cells.side, cells.line,
            cells.page, cells.texts) == ({"合计": D("-3.20"), "基本支出": None, "项目支出": D("0")}, "0",
                                         "2010101", "“一般”行政管理事务", "支出", 12, 4,
                                         {"备注": "含 \"引号\" 与\t制表符"})
    assert str(back.tables[0].rows[0].values["合计"]) == "10.50"
    assert (back.tables[1].empty, back.tables[1].rows, back.tables[1].note) == (True, [], "本单位没有“三公”经费。")
    form = back.forms[0]
    assert list(form.fields) == ["项目概述", "实施单位"] and form.field_lines == {"项目概述": 31}
    assert form.amounts == {"年度资金总额": D("1000.00"), "其中：财政拨款": None} and form.amount_lines == {"年度资金总额": 32}
    assert form.indicators[1] == Indicator("实施期", None, None, None, "", 34)
    assert form.variants == [FormVariant(36, 40, {"项目概述": "另一版本"}, 2)]
    assert back.missing_forms == ["没有绩效表的项目", "另一个"]
    assert [(f.value, f.page) for f in back.facts] == [(D("10.50"), 2), (D("-1.0"), None)]
    found = store.findings("full")
    assert found == findings_for("full")
    assert found[0].figures[1].to_dict() == {"value": "6.00", "unit": "万元", "page": 3, "line": 11,
                                             "table": "2026年部门支出总表", "row": "合计", "column": "基本支出",
                                             "text": "一句话"}
    assert (found[0].expected, found[0].actual, found[1].lines) == (D("10.45"), D("10.50"), [5])
    assert store.content_hash("full") == "hash-full-10.50" and store.content_hash("nope") is None


def test_the_seed_comes_back_whole_and_counted(store, seed_doc):
    findings = audit(seed_doc)
    store.save(seed_doc, findings)
    assert stored(store.load(seed_doc.doc_id)) == stored(seed_doc)
    assert store.findings(seed_doc.doc_id) == findings
    assert store.counts(seed_doc.doc_id) == {"tables": 13, "rows": 260, "forms": 11, "sections": 29,
                                             "findings": len(findings)}
    assert row_counts(store)["cells"] == sum(len(r.values) for t in seed_doc.tables for r in t.rows) == 834


def test_documents_are_listed_by_department_and_year_in_code_point_order(store):
    # Code point order, as SQLite compares text: "B" < "b" < "乙" (U+4E59) < "甲" (U+7532),
    # whatever the server's locale would say; one body and year in the order stored.
    for doc_id, department, year in [("d1", "甲局", 2024), ("d2", "乙局", 2025), ("d3", "b局", 2023),
                                     ("d4", "甲局", 2023), ("d5", "B局", 2023), ("d6", "乙局", 2025)]:
        store.save(full_document(doc_id, department, year))
    docs = store.documents()
    assert [d.id for d in docs] == ["d5", "d3", "d2", "d6", "d4", "d1"]
    first = docs[0].to_dict()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", first.pop("ingested_at"))
    assert first == {"id": "d5", "title": "B局2023年部门预算", "department": "B局", "year": 2023,
                     "kind": "预算", "scope": "部门", "path": "d5.pdf", "content_hash": "hash-d5-10.50",
                     "source_type": "pdf"}


def test_a_server_sorting_by_pinyin_still_lists_in_code_point_order(postgres_server):
    """A database whose own collation is Chinese (ICU "zh": 甲 jiǎ before 乙 yǐ, b before B)."""
    import uuid

    import psycopg

    name = f"budgetqa_test_zh_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'zh'")
    try:
        store = Store(urlsplit(postgres_server)._replace(path=f"/{name}").geturl())
        with store._db.read():
            assert store._db.execute("SELECT array_agg(x ORDER BY x) FROM unnest(ARRAY['乙局', 'b局', '甲局', 'B局']) x"
                                     ).fetchone()[0] == ["甲局", "乙局", "b局", "B局"]
        for doc_id, department in [("d1", "甲局"), ("d2", "乙局"), ("d3", "b局"), ("d4", "B局")]:
            store.save(full_document(doc_id, department))
        assert [d.department for d in store.documents()] == ["B局", "b局", "乙局", "甲局"]
        store.close()
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


# ---------------------------------------------------------------- replacing and removing


class Unreadable(Finding):
    """A finding that breaks while its row is being written: the last thing save() writes."""

    @property
    def figures(self):
        raise RuntimeError("boom")

    @figures.setter
    def figures(self, value):
        pass


def test_a_document_is_replaced_in_one_transaction(store):
    old, new = full_document(total="10.50"), full_document(total="99.99")
    new.tables[0].rows.append(Row("新增", {"合计": D("1.00")}, line=13))
    new.missing_forms = []
    store.save(old, findings_for("full"))
    before, stamp = row_counts(store), store.documents()[0].ingested_at
    with pytest.raises(RuntimeError, match="boom"):
        store.save(new, [Unreadable("x", "error", "坏")])
    assert stored(store.load("full")) == stored(old)  # nothing of the new one, all of the old
    assert store.findings("full") == findings_for("full")
    assert row_counts(store) == before and store.documents()[0].ingested_at == stamp
    store.save(new, findings_for("full"))
    assert stored(store.load("full")) == stored(new)
    assert row_counts(store) == {**before, "table_rows": 3, "cells": 7, "missing_forms": 0}
    assert store.load("full").tables[0].rows[0].values["合计"] == D("99.99")


def test_replacing_the_findings_leaves_the_document_alone(store):
    store.save(full_document(), findings_for("full"))
    before = row_counts(store)
    store.replace_findings("full", findings_for("full")[1:])
    assert store.findings("full") == findings_for("full")[1:]
    assert row_counts(store) == {**before, "audit_findings": 1}
    assert stored(store.load("full")) == stored(full_document())


def test_removing_a_document_removes_every_row_of_it(store):
    store.save(full_document("gone"), findings_for("gone"))
    alone = row_counts(store)
    store.save(full_document("kept", "乙局"), findings_for("kept"))
    store.remove("gone")
    assert row_counts(store) == alone
    assert [d.id for d in store.documents()] == ["kept"]
    assert store.counts("gone") == {"tables": 0, "rows": 0, "forms": 0, "sections": 0, "findings": 0}
    assert store.findings("gone") == [] and store.content_hash("gone") is None
    with pytest.raises(UnknownDocumentError, match="^没有这个文档: gone$"):
        store.load("gone")
    assert stored(store.load("kept")) == stored(full_document("kept", "乙局"))
    store.remove("never-stored")  # not an error
    assert [d.id for d in store.documents()] == ["kept"]


# ---------------------------------------------------------------- migrations


def test_migrations_run_once(store, store_location):
    store.save(full_document())
    assert store.migrate() == len(MIGRATIONS) == 3
    assert store.migrate() == 3
    again = Store(store_location)  # a second process opening the same store
    with again._db.read():
        assert [tuple(r)[0] for r in again._db.execute("SELECT version FROM _migrations ORDER BY version")] == [1, 2, 3]
    assert stored(again.load("full")) == stored(full_document())
    again.close()


# ---------------------------------------------------------------- concurrency


def test_many_threads_read_whole_documents_while_one_writes(store, seed_doc):
    changed = replace(seed_doc, content_hash="changed", tables=[
        replace(t, rows=[replace(r, values={k: (v + 1 if v is not None else None) for k, v in r.values.items()})
                         for r in t.rows]) for t in seed_doc.tables])
    versions = {stored(seed_doc), stored(changed)}
    findings = audit(seed_doc)
    store.save(seed_doc, findings)
    stop = threading.Event()

    def write():
        try:
            for i in range(6):
                store.save(changed if i % 2 == 0 else seed_doc, findings)
        finally:
            stop.set()

    def read(_):
        seen = 0
        while not stop.is_set() or seen < 3:
            assert stored(store.load(seed_doc.doc_id)) in versions
            assert [d.id for d in store.documents()] == [seed_doc.doc_id]
            assert len(store.findings(seed_doc.doc_id)) == len(findings)
            assert store.counts(seed_doc.doc_id)["rows"] == 260
            seen += 1
        return seen

    with ThreadPoolExecutor(max_workers=7) as pool:
        writer = pool.submit(write)
        readers = list(pool.map(read, range(6)))
        writer.result()
    assert min(readers) >= 3
    assert stored(store.load(seed_doc.doc_id)) == stored(seed_doc)


def test_another_connection_never_sees_half_a_document(postgres_url, seed_doc):
    """Two app processes on one server: one replaces a document while the other loads it."""
    writer, reader = Store(postgres_url), Store(postgres_url)
    changed = replace(seed_doc, tables=seed_doc.tables[:5], forms=seed_doc.forms[:2], content_hash="changed")
    versions = {stored(seed_doc), stored(changed)}
    writer.save(seed_doc)
    stop = threading.Event()

    def write():
        try:
            for i in range(8):
                writer.save(changed if i % 2 == 0 else seed_doc)
        finally:
            stop.set()

    thread = threading.Thread(target=write)
    thread.start()
    loads = 0
    try:
        while not stop.is_set():
            assert stored(reader.load(seed_doc.doc_id)) in versions
            loads += 1
    finally:
        thread.join()
    assert loads >= 1 and stored(reader.load(seed_doc.doc_id)) == stored(seed_doc)
    writer.close()
    reader.close()


def test_a_dropped_connection_is_one_store_error_then_opened_again(postgres_url):
    import psycopg

    store = Store(postgres_url)
    store.save(full_document())
    name = parse_qs(urlsplit(postgres_url).query)["application_name"][0]
    with psycopg.connect(postgres_url, autocommit=True) as admin:  # as a server restart would
        ended = admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                              " WHERE application_name = %s AND pid <> pg_backend_pid()", (name,)).fetchall()
    assert ended == [(True,)]
    with pytest.raises(StoreError) as e:
        store.documents()
    assert str(e.value).startswith(f"PostgreSQL 数据库 {redact(postgres_url)} 出错: ")
    assert "\n" not in str(e.value)
    assert [d.id for d in store.documents()] == ["full"]  # the next call connects again
    store.close()


# ---------------------------------------------------------------- errors at the edges


def test_a_server_that_is_down_is_one_line_without_the_password():
    with pytest.raises(StoreError) as e:
        Store(DOWN)
    message = str(e.value)
    assert message.startswith("无法连接 PostgreSQL 数据库 postgresql://budgetqa:***@127.0.0.1:1/budgetqa: "
                              "connection failed: ")
    assert "Connection refused" in message and "\n" not in message and "secret" not in message
    assert e.value.exit_code == 3 and e.value.http_status == 503 and e.value.code == "store_error"


def test_a_malformed_url_is_one_store_error():
    with pytest.raises(StoreError) as e:
        Store("postgresql://budgetqa@127.0.0.1:notaport/budgetqa")
    assert str(e.value).startswith("无法连接 PostgreSQL 数据库 postgresql://budgetqa@127.0.0.1:notaport/budgetqa: ")
    assert "notaport" in str(e.value)[60:] and "\n" not in str(e.value)


@pytest.mark.parametrize("args", [["documents"], ["ask", "智慧教育平台项目预算多少"], ["audit"], ["serve"]])
def test_the_cli_says_the_server_is_down_in_one_line(monkeypatch, args):
    monkeypatch.setenv("BUDGETQA_DATABASE_URL", DOWN)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 3, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output and "secret" not in result.output
    assert lines[0].startswith("错误: 无法连接 PostgreSQL 数据库 postgresql://budgetqa:***@127.0.0.1:1/budgetqa: ")


def test_a_url_that_is_not_postgresql_is_a_setting_error(monkeypatch):
    monkeypatch.setenv("BUDGETQA_DATABASE_URL", "mysql://budgetqa@localhost/budgetqa")
    result = CliRunner().invoke(main, ["documents"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "错误: 设置 BUDGETQA_DATABASE_URL 的值“mysql://budgetqa@localhost/budgetqa”无效：要写 postgresql:// "
        "开头的地址（留空则用 home 里的 SQLite）。例如 "
        "BUDGETQA_DATABASE_URL=postgresql://budgetqa:secret@127.0.0.1:5432/budgetqa")
    monkeypatch.delenv("BUDGETQA_DATABASE_URL")
    assert Settings(database_url=" postgresql://u@h/db ").database_url == "postgresql://u@h/db"
    assert Settings().database_url == ""


def test_redact_hides_only_the_password():
    assert redact("postgresql://u:p%40ss@h:5432/db?sslmode=require") == "postgresql://u:***@h:5432/db?sslmode=require"
    assert redact("postgresql://u@h/db") == "postgresql://u@h/db"
    assert redact("postgresql:///db") == "postgresql:///db"


@pytest.mark.parametrize("ci, outcome", [(True, "1 passed, 1 error"), (False, "1 passed, 1 skipped")])
def test_without_a_server_the_postgresql_tests_fail_under_ci_and_skip_locally(ci, outcome):
    import os
    import subprocess
    import sys

    from conftest import ROOT

    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update({"BUDGETQA_TEST_DATABASE_URL": DOWN, "PYTHONPATH": str(ROOT / "src")})
    if ci:
        env["CI"] = "true"
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs",
                        "tests/test_store_backends.py::test_migrations_run_once"],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert outcome in r.stdout, r.stdout[-2000:]
    assert (r.returncode != 0) is ci
    assert "no PostgreSQL at BUDGETQA_TEST_DATABASE_URL: connection failed:" in r.stdout
    assert ("CI is set: the PostgreSQL tests must run" in r.stdout) is ci
