"""The audit's findings, the store's round trip, idempotent ingest and bad input."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetqa.audit import audit
from budgetqa.cli import main
from budgetqa.errors import IngestError, NotADisclosureError
from budgetqa.ingest import ingest
from budgetqa.parsing.document import parse_path, parse_text
from budgetqa.store import Store

from conftest import SEED


def test_audit_finds_exact_project_sum_and_ledger_rounding(seed_doc):
    findings = audit(seed_doc)
    projects = next(f for f in findings if f.check == "projects_total")
    assert projects.severity == "ok" and projects.expected == D("11170.09") == projects.actual
    ledger = next(f for f in findings if f.check == "ledger" and "商品和服务支出" in f.message and "（合计）" in f.message)
    assert (ledger.severity, ledger.expected, ledger.actual) == ("rounding", D("51.62"), D("51.64"))
    assert 322 in ledger.lines
    assert not [f for f in findings if f.severity == "error"]
    forms = [f for f in findings if f.check == "form_amount"]
    assert len(forms) == 11 and all(f.severity == "ok" for f in forms)


def test_store_round_trip(store_location, seed_doc):
    store = Store(store_location)
    store.save(seed_doc, audit(seed_doc))
    back = store.load(seed_doc.doc_id)
    assert [t.title for t in back.tables] == [t.title for t in seed_doc.tables]
    assert back.table("expense").rows[1].values == seed_doc.table("expense").rows[1].values
    assert back.forms[0].indicators == seed_doc.forms[0].indicators
    assert back.missing_forms == seed_doc.missing_forms
    assert store.counts(seed_doc.doc_id)["forms"] == 11


def test_reingest_identical_file_changes_nothing(store_location):
    store = Store(store_location)
    first = ingest([SEED], store)
    assert (first.documents, first.unchanged) == (1, 0)
    stamp = store.documents()[0].ingested_at
    second = ingest([SEED], store)
    assert second.unchanged == 1 and store.documents()[0].ingested_at == stamp


def test_changed_file_replaces_its_rows(tmp_path, store_location):
    store = Store(store_location)
    path = tmp_path / "doc.txt"
    path.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    ingest([path], store)
    path.write_text(SEED.read_text(encoding="utf-8").replace("智慧教育平台项目\t1,000.00", "智慧教育平台项目\t1,100.00"),
                    encoding="utf-8")
    ingest([path], store)
    doc = store.load("doc")
    assert next(r for r in doc.table("project").rows if r.label == "智慧教育平台项目").values["合计"] == D("1100.00")
    assert len(store.documents()) == 1


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"\x00\x01\x02binary", "binary"),
    ("预算".encode("gbk") + b"\xff\xfe", "not UTF-8"),
    ("今天天气很好，我们去公园散步。\n".encode(), "不像部门预算"),
])
def test_bad_files_get_one_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError) as e:
        parse_path(path)
    assert message in str(e.value) and "bad.txt" in str(e.value)


def test_table_cut_off_mid_row(tmp_path):
    text = SEED.read_text(encoding="utf-8").splitlines()
    cut = next(i for i, line in enumerate(text) if line.startswith("2060101\t行政运行"))
    path = tmp_path / "cut.txt"
    path.write_text("\n".join(text[:cut] + ["2060101\t行政运行\t10,25"]), encoding="utf-8")
    with pytest.raises(IngestError) as e:
        parse_path(path)
    assert "截断" in str(e.value) and f":{cut + 1}:" in str(e.value)


def test_cli_bad_input_leaves_store_as_it_was(tmp_path, monkeypatch, store_location):
    monkeypatch.setenv("BUDGETQA_HOME", str(tmp_path / "home"))
    if isinstance(store_location, str):  # the CLI on the PostgreSQL store
        monkeypatch.setenv("BUDGETQA_DATABASE_URL", store_location)
    else:
        store_location = tmp_path / "home" / "budgetqa.sqlite3"
    store = Store(store_location)
    ingest([SEED], store)
    before = store.documents()
    (tmp_path / "empty.txt").write_text("")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(tmp_path / "empty.txt")])
    assert result.exit_code == 2
    assert "empty.txt" in result.output and "Traceback" not in result.output
    missing = runner.invoke(main, ["ingest", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2 and "nope.txt" in missing.output
    assert [d.content_hash for d in Store(store_location).documents()] == \
        [d.content_hash for d in before]


def test_not_a_disclosure_text():
    with pytest.raises(NotADisclosureError):
        parse_text("第一章 总则\n本办法适用于全体员工。\n", "rules.txt")
