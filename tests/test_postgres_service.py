"""The whole service on a PostgreSQL store: the seed corpus ingested there answers every question
exactly as the SQLite-backed service does (text, figures, sources), audits alike, and the
command line and the API read it through BUDGETQA_DATABASE_URL."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from budgetqa.cli import main
from budgetqa.ingest import ingest
from budgetqa.server import create_app
from budgetqa.service import BudgetQA
from budgetqa.settings import Settings
from budgetqa.store import open_store, redact

from conftest import ROOT, SEED

QUESTIONS = [
    "2060101行政运行的项目支出是多少",        # lookup by code
    "智慧教育平台项目预算多少",                # a project
    "基本支出占总支出的比例是多少",            # a share
    "哪个项目钱最多",                          # a ranking
    "三公经费有吗",
    "什么是机关运行经费",                      # a definition
    "公积金交了多少",                          # a colloquial name
    "政府采购预算总额是多少",                  # the narrative
    "驻村补贴给了哪个村",                      # retrieval
    "今天天气怎么样",                          # refusal
    "局长的工资是多少",
]


@pytest.fixture
def pg_qa(seed_qa, postgres_url, tmp_path):
    """The seed ingested into PostgreSQL, answering over the same search index as ``seed_qa``."""
    settings = Settings(home=tmp_path / "pg-home", corpus=ROOT / "corpus", database_url=postgres_url)
    store = open_store(settings)
    assert store.backend == "postgresql"
    report = ingest([ROOT / "corpus"], store)  # the index is seed_qa's: nothing to embed again
    assert (report.documents, report.unchanged) == (1, 0)
    qa = BudgetQA(settings, store, seed_qa.index)
    yield qa
    store.close()


def test_the_seed_on_postgresql_answers_exactly_as_on_sqlite(pg_qa, seed_qa):
    assert seed_qa.store.backend == "sqlite"
    for question in QUESTIONS:
        assert pg_qa.answer(question).to_dict() == seed_qa.answer(question).to_dict(), question
    follow_up = ("元呢？", ["智慧教育平台项目预算多少"])
    assert pg_qa.answer(*follow_up).to_dict() == seed_qa.answer(*follow_up).to_dict()
    a = pg_qa.answer(QUESTIONS[0])
    assert a.text == ("阳泉市大数据应用局2023年行政运行的项目支出为10,128.79万元。来源：2023年预算支出总表，"
                      "“行政运行”行“项目支出”列（第202行）。")
    assert [(f.label, str(f.value), f.unit, f.source.table, f.source.row, f.source.column, f.source.line)
            for f in a.figures] == [("行政运行（项目支出）", "10128.79", "万元", "2023年预算支出总表", "行政运行",
                                     "项目支出", 202)]
    assert pg_qa.answer("智慧教育平台项目预算多少").figures[0].value == 1000


def test_the_audit_and_the_document_list_are_the_same(pg_qa, seed_qa):
    assert [a.to_dicts(True) for a in pg_qa.audit()] == [a.to_dicts(True) for a in seed_qa.audit()]
    strip = [{k: v for k, v in d.items() if k != "ingested_at"} for d in pg_qa.documents()]
    assert strip == [{k: v for k, v in d.items() if k != "ingested_at"} for d in seed_qa.documents()]
    assert [d["id"] for d in strip] == [SEED.stem]


def test_the_api_serves_the_postgresql_store_and_a_lost_connection_is_a_503(pg_qa, postgres_url):
    import psycopg

    with TestClient(create_app(pg_qa.settings, pg_qa, with_chat=False)) as client:
        assert [d["id"] for d in client.get("/api/documents").json()["documents"]] == [SEED.stem]
        r = client.post("/api/ask", json={"question": "智慧教育平台项目预算多少"})
        assert r.status_code == 200 and r.json()["figures"][0]["value"] == 1000
        assert client.get("/api/audit", params={"document": SEED.stem}).status_code == 200
        name = parse_qs(urlsplit(postgres_url).query)["application_name"][0]
        with psycopg.connect(postgres_url, autocommit=True) as admin:  # the server restarts
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                          " WHERE application_name = %s AND pid <> pg_backend_pid()", (name,))
        r = client.get("/api/documents")
        assert r.status_code == 503
        error = r.json()["error"]
        assert error["code"] == "store_error"
        assert error["message"].startswith(f"PostgreSQL 数据库 {redact(postgres_url)} 出错: ")
        assert "budgetqa:budgetqa@" not in r.text and "Traceback" not in r.text
        assert client.get("/api/documents").json()["documents"][0]["id"] == SEED.stem  # connected again


def test_the_service_opens_ingests_once_and_the_cli_lists_it(postgres_url, tmp_path, monkeypatch):
    settings = Settings(home=tmp_path / "a", corpus=ROOT / "corpus", database_url=postgres_url)
    first = BudgetQA.open(settings, with_index=False)
    assert first.ensure_corpus().documents == 1
    # Another process, with a home of its own, finds the corpus already on the server.
    other = BudgetQA.open(settings.model_copy(update={"home": tmp_path / "b"}), with_index=False)
    assert other.ensure_corpus() is None
    sqlite = BudgetQA.open(Settings(home=tmp_path / "c", corpus=ROOT / "corpus"), with_index=False)
    sqlite.ensure_corpus()
    for question in QUESTIONS[:8]:
        assert other.answer(question).to_dict() == sqlite.answer(question).to_dict(), question
    monkeypatch.setenv("BUDGETQA_DATABASE_URL", postgres_url)
    monkeypatch.setenv("BUDGETQA_HOME", str(tmp_path / "empty"))  # no SQLite file needed
    result = CliRunner().invoke(main, ["documents"])
    assert result.exit_code == 0, result.output
    assert result.output == f"{SEED.stem}\t阳泉市大数据应用局\t2023\t部门预算\t阳泉市\t市级\ttext\n"
    for qa in (first, other, sqlite):
        qa.store.close()
