"""BUDGETQA_CHROMA_URL: the setting; a Chroma server that does not answer is one line at every
edge (the command line, the app's start, the API, the chat); and the seed, ingested through the
service into a Chroma server, answers exactly as it does from the local folder."""

from __future__ import annotations

import os
import shutil
import sys
import socket
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from budgetqa.chroma import ChromaServer, heartbeat
from budgetqa.cli import main
from budgetqa.errors import IndexUnavailableError, SettingsError
from budgetqa.settings import Settings, load_settings

from conftest import ROOT, chroma_database


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def refused(url: str) -> str:
    return (f"连不上保存检索索引的 Chroma 服务器 {url}（BUDGETQA_CHROMA_URL）：[Errno 111] Connection refused。"
            "请确认服务器已启动（chroma run --path 目录 --port 端口）且地址正确")


# ---------------------------------------------------------------- the setting


@pytest.mark.parametrize("value, message", [
    ("localhost:8000",
     "设置 BUDGETQA_CHROMA_URL 的值“localhost:8000”无效：“localhost:8000” 不是 Chroma 服务器地址"
     "（要写 http:// 或 https:// 开头）。例如 BUDGETQA_CHROMA_URL=http://localhost:8000"),
    ("http://localhost:8000/a",
     "设置 BUDGETQA_CHROMA_URL 的值“http://localhost:8000/a”无效：“a” 不是 Chroma 数据库名"
     "（3 个以上字母、数字、._-）。例如 BUDGETQA_CHROMA_URL=http://localhost:8000"),
    ("http://localhost:80000",
     "设置 BUDGETQA_CHROMA_URL 的值“http://localhost:80000”无效：“http://localhost:80000” 的端口不对。"
     "例如 BUDGETQA_CHROMA_URL=http://localhost:8000"),
])
def test_a_malformed_chroma_url_is_one_line(monkeypatch, value, message):
    monkeypatch.setenv("BUDGETQA_CHROMA_URL", value)
    with pytest.raises(SettingsError) as e:
        load_settings()
    assert str(e.value) == message
    assert e.value.exit_code == 2


@pytest.mark.parametrize("value, url, database", [
    ("HTTP://LocalHost:8000/", "http://localhost:8000", "default_database"),
    ("http://chroma.internal", "http://chroma.internal:8000", "default_database"),
    ("https://chroma.example.gov.cn/budgetqa-prod", "https://chroma.example.gov.cn:443/budgetqa-prod",
     "budgetqa-prod"),
])
def test_chroma_url_names_a_server_and_a_database(monkeypatch, value, url, database):
    monkeypatch.setenv("BUDGETQA_CHROMA_URL", value)
    settings = load_settings()
    assert settings.chroma_url == settings.chroma_location == url
    assert ChromaServer.parse(url).database == database


def test_the_local_folder_is_the_default(tmp_path):
    settings = Settings(home=tmp_path)
    assert settings.chroma_url == ""
    assert settings.chroma_location == tmp_path / "chroma"


# ---------------------------------------------------------------- a server that does not answer


def test_a_refused_server_is_one_line_and_exit_3_from_the_command_line(monkeypatch, tmp_path):
    url = f"http://127.0.0.1:{_free_port()}"
    monkeypatch.setenv("BUDGETQA_CHROMA_URL", url)
    for args in (["ask", "三公经费有吗"], ["ingest"], ["serve"], ["serve", "--workers", "2"]):
        r = CliRunner().invoke(main, args)
        assert r.exit_code == 3, (args, r.output)
        assert r.output.strip().splitlines()[-1] == f"错误: {refused(url)}", args
        assert "Traceback" not in r.output
    assert not (tmp_path / "home" / "chroma").exists()


def test_app_py_exits_3_with_one_line(tmp_path):
    url = f"http://127.0.0.1:{_free_port()}"
    r = subprocess.run([sys.executable, "app.py"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                       env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "BUDGETQA_HOME": str(tmp_path / "h"),
                            "BUDGETQA_CHROMA_URL": url})
    assert r.returncode == 3
    assert r.stderr.strip() == f"错误: {refused(url)}"


def test_a_server_that_never_answers_times_out_with_one_line(monkeypatch):
    """Chroma's own client waits forever; the heartbeat at opening does not."""
    import budgetqa.chroma

    monkeypatch.setattr(budgetqa.chroma, "HEARTBEAT_SECONDS", 0.5)
    with socket.socket() as silent:  # the kernel completes the connection; no one ever answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        started = time.monotonic()
        with pytest.raises(IndexUnavailableError) as e:
            from budgetqa.index import HybridIndex

            HybridIndex(url, None)  # type: ignore[arg-type]  (fails before embedding anything)
    assert time.monotonic() - started < 5
    assert str(e.value) == (f"连不上保存检索索引的 Chroma 服务器 {url}（BUDGETQA_CHROMA_URL）：timed out。"
                            "请确认服务器已启动（chroma run --path 目录 --port 端口）且地址正确")
    assert (e.value.exit_code, e.value.http_status, e.value.code) == (3, 503, "index_unavailable")


def start_chroma(folder: Path) -> tuple[subprocess.Popen, str]:
    """A Chroma server of this test's own (``chroma run``, installed with chromadb)."""
    port = _free_port()
    process = subprocess.Popen([shutil.which("chroma") or "chroma", "run", "--path", str(folder),
                                "--host", "127.0.0.1", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            heartbeat(ChromaServer.parse(url), timeout=1)
            return process, url
        except IndexUnavailableError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise
            time.sleep(0.2)


@pytest.mark.slow
def test_a_server_gone_while_serving_is_a_503_and_a_chat_sentence(seed_qa, tmp_path):
    """The server stops after the app opened its index: the API answers 503 in the one error
    shape, the chat says one sentence, and neither shows the server's address. The server is
    this test's own (it is stopped), started with the `chroma` command chromadb installs."""
    from budgetqa.chat import friendly_error
    from budgetqa.index import HybridIndex, build_chunks
    from budgetqa.server import create_app
    from budgetqa.service import BudgetQA

    process, url = start_chroma(tmp_path / "chroma-data")
    try:
        index = HybridIndex(url, seed_qa.index.embeddings)
        doc = seed_qa.answerer("yangquan-bigdata-bureau-2023-budget").doc
        # One project's chunks are enough to answer about it (and quick to embed).
        chunks = [c for c in build_chunks(doc) if c.metadata.get("project") == "2022年专业人员聘用补贴"]
        index.replace_document(doc.doc_id, chunks)
        qa = BudgetQA(seed_qa.settings, seed_qa.store, index)
        question = "聘用人员是跟哪家劳务派遣公司签的协议"  # answered by retrieval
        assert "鑫佳源" in qa.answer(question).text
        qa.clear_caches()
    finally:
        process.terminate()
        process.wait(timeout=30)
    gone = "检索索引暂时不可用（连不上 Chroma 服务器），请稍后再试"
    with pytest.raises(IndexUnavailableError, match=f"^{gone}$"):
        index.search("劳务派遣")
    settings = seed_qa.settings.model_copy(update={"rate_limit_per_minute": 1000})
    with TestClient(create_app(settings, qa, with_chat=False)) as client:
        r = client.post("/api/ask", json={"question": question})
    assert r.status_code == 503
    assert r.json() == {"error": {"code": "index_unavailable", "message": gone}}
    assert url not in r.text
    with pytest.raises(IndexUnavailableError) as e:
        qa.answer(question)
    assert friendly_error(e.value) == f"抱歉，{gone}"
    assert qa.answer("智慧教育平台项目预算多少").figures[0].value == 1000  # a table lookup needs no index


# ---------------------------------------------------------------- the seed, from a server


# Questions the seed answers by retrieval over the index (with the earlier questions of a
# follow-up): passages, not table cells.
RETRIEVAL_QUESTIONS = [
    ("聘用人员是跟哪家劳务派遣公司签的协议", []),
    ("绩效目标申报表上主管部门代码是多少", []),
    ("为什么今年预算比去年增加这么多", []),
    ("什么叫机关运行经费", []),
    ("公务用车运行维护费包括哪些费用", []),
    ("它要办几次论坛", []),  # a figure read from a retrieved passage: 3次
    ("驻的是哪个村", ["驻村补贴多少"]),
    ("分别叫什么", ["大数据局有几个科室"]),
]


@pytest.mark.slow
def test_the_seed_answers_the_same_from_a_chroma_server(seed_qa, chroma_server_url, tmp_path):
    from budgetqa.service import BudgetQA

    with chroma_database(chroma_server_url) as url:
        settings = Settings(home=tmp_path / "home", corpus=ROOT / "corpus", chroma_url=url)
        qa = BudgetQA.open(settings)
        report = qa.ensure_corpus()
        assert report is not None and report.chunks == seed_qa.index.count()
        assert not settings.chroma_path.exists()  # nothing went to a local folder
        assert qa.index.documents() == seed_qa.index.documents()
        through_index = 0
        for question, history in RETRIEVAL_QUESTIONS:
            served, local = qa.answer(question, history).to_dict(), seed_qa.answer(question, history).to_dict()
            assert served["route"] == "retrieval", question
            assert served == local, question  # text, figures, sources
            through_index += len(served["sources"]) > 1
        assert through_index >= 4  # several answers cite more than one retrieved passage
        forums = qa.answer("它要办几次论坛")
        assert (forums.figures[0].value, forums.figures[0].unit) == (3, "次")
