"""`budgetqa serve --workers N`: the settings reach each worker through the environment, the
factory builds a working app, the corpus is ingested once before the workers start, and two
real worker processes on one port both answer."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from budgetqa.cli import main
from budgetqa.server import api_from_environment, app_from_environment, prepare_store, settings_environment
from budgetqa.settings import Settings, load_settings

from conftest import ROOT

QUESTION = "智慧教育平台项目预算多少"


def test_settings_travel_to_the_workers_through_the_environment(monkeypatch, tmp_path):
    settings = Settings(home=tmp_path / "h", port=8123, allowed_origins=["https://www.example.gov.cn"],
                        trusted_proxies=["10.0.0.0/8"], rate_limit_per_minute=7, max_history_items=0)
    env = settings_environment(settings)
    assert env["BUDGETQA_ALLOWED_ORIGINS"] == '["https://www.example.gov.cn"]'
    assert env["BUDGETQA_PORT"] == "8123"
    assert set(env) == {f"BUDGETQA_{name.upper()}" for name in Settings.model_fields}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert load_settings() == settings


@pytest.mark.parametrize("factory, chat_page", [(app_from_environment, 200), (api_from_environment, 404)])
def test_the_factories_build_a_working_app(seed_qa, monkeypatch, factory, chat_page):
    for name, value in settings_environment(seed_qa.settings).items():
        monkeypatch.setenv(name, value)
    with TestClient(factory()) as client:
        r = client.post("/api/ask", json={"question": QUESTION})
        assert r.status_code == 200
        assert r.json()["answer"].startswith("智慧教育平台项目2023年预算1,000.00万元。")
        assert r.headers["x-content-type-options"] == "nosniff"
        assert client.get("/api/health").json() == {"status": "ok", "documents": 1}
        assert client.get("/widget.js").status_code == 200
        page = client.get("/")
        assert page.status_code == chat_page
        if chat_page == 404:  # several workers: no chat page, and the error in the one shape
            assert page.json()["error"]["code"] == "not_found"


def test_a_store_holding_documents_is_not_ingested_again(seed_qa, monkeypatch):
    from budgetqa.service import BudgetQA

    def no_open(*args, **kwargs):
        raise AssertionError("opened the service (and its embedding model) for nothing")

    monkeypatch.setattr(BudgetQA, "open", no_open)
    prepare_store(seed_qa.settings)


def test_a_fresh_store_is_ingested_before_the_workers_start(tmp_path):
    from budgetqa.service import BudgetQA
    from budgetqa.store import Store

    settings = Settings(home=tmp_path / "h", corpus=ROOT / "corpus", embedding_backend="no-such-backend")
    ingested = []
    original = BudgetQA.open

    class Fake:
        def ensure_corpus(self, progress=None):
            ingested.append(settings.corpus)

    BudgetQA.open = classmethod(lambda cls, s: Fake())
    try:
        prepare_store(settings)
    finally:
        BudgetQA.open = original
    assert ingested == [ROOT / "corpus"]
    assert Store(settings.db_path).documents() == []


@pytest.mark.parametrize("value, message", [
    ("0", "错误: 参数 --workers 的值无效：0 不在范围 1<=x<=64 内"),
    ("two", "错误: 参数 --workers 的值无效：“two” 不是整数"),
])
def test_workers_must_be_a_positive_number(value, message):
    r = CliRunner().invoke(main, ["serve", "--workers", value])
    assert r.exit_code == 2
    assert r.output.strip().splitlines()[1] == message


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def _established_sockets(pid: int, port: int) -> int:
    """How many TCP connections to ``port`` the process ``pid`` holds open (server side)."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if int(fields[1].split(":")[1], 16) == port and fields[3] == "01":
            inodes.add(fields[9])
    held = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in inodes:
            held += 1
    return held


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_workers_on_one_port_both_answer(seed_qa, tmp_path, request, backend):
    port = _free_port()
    settings = seed_qa.settings
    if backend == "postgresql":  # the seed's store on the server, seed_qa's index copied beside it
        from budgetqa.ingest import ingest
        from budgetqa.store import Store

        url = request.getfixturevalue("postgres_url")
        store = Store(url)
        ingest([ROOT / "corpus"], store)
        store.close()
        shutil.copytree(seed_qa.settings.chroma_path, tmp_path / "h" / "chroma")
        settings = settings.model_copy(update={"home": tmp_path / "h", "database_url": url})
    env = {**os.environ, **settings_environment(settings),
           "PYTHONPATH": str(ROOT / "src"), "BUDGETQA_RATE_LIMIT_PER_MINUTE": "1000"}
    log = tmp_path / "serve.log"
    server = subprocess.Popen([sys.executable, "-m", "budgetqa.cli", "serve", "--workers", "2", "--port", str(port)],
                              env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    connections: list[http.client.HTTPConnection] = []
    try:
        deadline = time.time() + 60
        workers: list[int] = []
        while True:
            assert server.poll() is None, log.read_text()
            assert time.time() < deadline, log.read_text()
            workers = _children(server.pid)
            workers = [w for w in workers if "spawn_main" in Path(f"/proc/{w}/cmdline").read_text()]
            if len(workers) == 2 and log.read_text().count("Application startup complete") == 2:
                break
            time.sleep(0.2)
        # Keep-alive connections, each answered, until both workers hold at least one.
        while min(_established_sockets(w, port) for w in workers) == 0:
            assert len(connections) < 64, [_established_sockets(w, port) for w in workers]
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
            conn.request("POST", "/api/ask", json.dumps({"question": QUESTION}).encode(),
                         {"Content-Type": "application/json"})
            r = conn.getresponse()
            assert r.status == 200
            assert json.loads(r.read())["figures"][0]["value"] == 1000
            connections.append(conn)
        assert "Started parent process" in log.read_text()
        if backend == "postgresql":  # each worker reads the server, and nothing went to SQLite
            import psycopg

            with psycopg.connect(url, autocommit=True) as admin:
                pids = {r[0] for r in admin.execute(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = %s AND pid <> pg_backend_pid()",
                    (parse_qs(urlsplit(url).query)["application_name"][0],))}
            assert len(pids) >= 2, pids
            assert not settings.db_path.exists()
        assert "the chat page needs a server with one worker" in log.read_text()
    finally:
        for conn in connections:
            conn.close()
        server.terminate()
        server.wait(20)
