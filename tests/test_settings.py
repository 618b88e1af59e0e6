"""The settings door: a malformed BUDGETQA_* value is one line naming the variable and an
example, exit code 2, from the app and from the command line; lists are JSON or comma-separated;
origins with ports work. And the command line's own usage errors and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from budgetqa.cli import main
from budgetqa.errors import SettingsError
from budgetqa.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("variable, value, message", [
    ("BUDGETQA_RATE_LIMIT_PER_MINUTE", "lots",
     "设置 BUDGETQA_RATE_LIMIT_PER_MINUTE 的值“lots”无效：需要一个整数。例如 BUDGETQA_RATE_LIMIT_PER_MINUTE=30"),
    ("BUDGETQA_RATE_LIMIT_PER_MINUTE", "0",
     "设置 BUDGETQA_RATE_LIMIT_PER_MINUTE 的值“0”无效：需要一个整数（至少 1）。例如 BUDGETQA_RATE_LIMIT_PER_MINUTE=30"),
    ("BUDGETQA_PORT", "99999", "设置 BUDGETQA_PORT 的值“99999”无效：需要一个整数（至多 65535）。例如 BUDGETQA_PORT=7860"),
    ("BUDGETQA_ALLOWED_ORIGINS", "www.example.gov.cn",
     "设置 BUDGETQA_ALLOWED_ORIGINS 的值“www.example.gov.cn”无效：“www.example.gov.cn” 不是一个网站地址"
     "（要写 http:// 或 https:// 开头）。例如 BUDGETQA_ALLOWED_ORIGINS=https://www.example.gov.cn,http://localhost:8080"),
    ("BUDGETQA_ALLOWED_ORIGINS", "https://www.example.gov.cn/budget/",
     "设置 BUDGETQA_ALLOWED_ORIGINS 的值“https://www.example.gov.cn/budget/”无效：“https://www.example.gov.cn/budget” "
     "只能写到域名和端口，不能带路径。例如 BUDGETQA_ALLOWED_ORIGINS=https://www.example.gov.cn,http://localhost:8080"),
    ("BUDGETQA_ALLOWED_ORIGINS", '["http://a.gov.cn"',
     "设置 BUDGETQA_ALLOWED_ORIGINS 的值“[\"http://a.gov.cn\"”无效：不是有效的 JSON 列表。"
     "例如 BUDGETQA_ALLOWED_ORIGINS=https://www.example.gov.cn,http://localhost:8080"),
    ("BUDGETQA_TRUSTED_PROXIES", "nginx",
     "设置 BUDGETQA_TRUSTED_PROXIES 的值“nginx”无效：“nginx” 不是 IP 地址或网段。"
     "例如 BUDGETQA_TRUSTED_PROXIES=127.0.0.1,10.0.0.0/8"),
])
def test_a_malformed_value_is_one_line_naming_the_variable(monkeypatch, variable, value, message):
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as e:
        load_settings()
    assert str(e.value) == message
    assert e.value.exit_code == 2


@pytest.mark.parametrize("value, origins", [
    ("http://a.gov.cn", ["http://a.gov.cn"]),
    ("https://www.example.gov.cn, http://localhost:8080", ["https://www.example.gov.cn", "http://localhost:8080"]),
    ('["https://www.example.gov.cn", "http://localhost:8080/"]', ["https://www.example.gov.cn", "http://localhost:8080"]),
    ("HTTPS://WWW.Example.gov.cn:443/", ["https://www.example.gov.cn"]),
    ("http://[::1]:8080", ["http://[::1]:8080"]),
])
def test_allowed_origins_are_comma_separated_or_json_and_keep_ports(monkeypatch, value, origins):
    monkeypatch.setenv("BUDGETQA_ALLOWED_ORIGINS", value)
    assert load_settings().allowed_origins == origins


def test_trusted_proxies_are_addresses_or_networks(monkeypatch):
    monkeypatch.setenv("BUDGETQA_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8")
    assert load_settings().trusted_proxies == ["127.0.0.1", "10.0.0.0/8"]
    assert load_settings.__module__ == "budgetqa.settings"
    monkeypatch.delenv("BUDGETQA_TRUSTED_PROXIES")
    assert load_settings().trusted_proxies == []


def run_app(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "app.py"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "src"), **env})


@pytest.mark.parametrize("variable, value", [("BUDGETQA_RATE_LIMIT_PER_MINUTE", "lots"),
                                             ("BUDGETQA_ALLOWED_ORIGINS", "a.gov.cn")])
def test_app_py_exits_2_with_one_line(variable, value, tmp_path):
    r = run_app({variable: value, "BUDGETQA_HOME": str(tmp_path / "h")})
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"错误: 设置 {variable} 的值") and f"例如 {variable}=" in lines[0]
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "h").exists()


def test_cli_exits_2_with_one_line_on_a_malformed_setting(monkeypatch):
    monkeypatch.setenv("BUDGETQA_RATE_LIMIT_PER_MINUTE", "lots")
    for args in (["documents"], ["ask", "三公经费有吗"], ["serve"]):
        r = CliRunner().invoke(main, args)
        assert r.exit_code == 2, args
        assert r.output.strip() == ("错误: 设置 BUDGETQA_RATE_LIMIT_PER_MINUTE 的值“lots”无效：需要一个整数。"
                                    "例如 BUDGETQA_RATE_LIMIT_PER_MINUTE=30")


def test_serve_allow_origin_adds_to_the_allow_list(monkeypatch):
    from budgetqa.cli import _serve_settings

    s = _serve_settings(None, 8000, ("https://www.example.gov.cn/",))
    assert s.allowed_origins == ["http://localhost", "http://127.0.0.1", "https://www.example.gov.cn"]
    assert s.port == 8000


def test_serve_refuses_a_bad_allow_origin_in_one_line():
    r = CliRunner().invoke(main, ["serve", "--allow-origin", "www.example.gov.cn"])
    assert r.exit_code == 2
    assert r.output.strip() == ("错误: --allow-origin 的值“www.example.gov.cn”无效：“www.example.gov.cn” 不是一个"
                                "网站地址（要写 http:// 或 https:// 开头）。例如 --allow-origin https://www.example.gov.cn")


# ---------------------------------------------------------------- the command line


@pytest.mark.parametrize("args, message", [
    (["ask", "--nope"], "错误: 没有这个选项：--nope"),
    (["ask", "--questoins", "x"], "错误: 没有这个选项：--questoins（是不是 --questions？）"),
    (["nosuch"], "错误: 没有这个命令：nosuch"),
    (["ask", "三公经费", "有吗"], "错误: 多余的参数：有吗（问题里有空格时请加引号）"),
    (["ingest", "--year", "abc"], "错误: 参数 --year 的值无效：“abc” 不是整数"),
    (["ask", "--questions", "/no/such.jsonl"], "错误: 参数 --questions 的值无效：文件 /no/such.jsonl 不存在"),
])
def test_usage_errors_are_chinese(args, message):
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 2
    lines = r.output.strip().splitlines()
    assert lines[0].startswith("用法：")
    assert lines[1] == message
    assert lines[2].endswith("--help 查看说明）")


def test_documents_in_an_empty_folder_does_not_create_a_store(tmp_path, monkeypatch):
    monkeypatch.setenv("BUDGETQA_HOME", str(tmp_path / "h"))
    r = CliRunner().invoke(main, ["documents"])
    assert r.exit_code == 1
    assert r.output.strip() == f"错误: {tmp_path / 'h'} 里还没有数据，请先运行 budgetqa ingest"
    assert not (tmp_path / "h").exists()


def test_batch_answering_exits_1_and_counts_the_failed_lines(seed_qa, tmp_path, monkeypatch):
    monkeypatch.setenv("BUDGETQA_HOME", str(seed_qa.settings.home))
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join([
        json.dumps({"id": 1, "question": "智慧教育平台项目预算多少"}, ensure_ascii=False),
        "not json",
        json.dumps({"id": 3, "question": ""}),
        json.dumps({"id": 4, "question": "三公经费有吗"}, ensure_ascii=False),
    ]), encoding="utf-8")
    r = CliRunner().invoke(main, ["ask", "--questions", str(questions)])
    assert r.exit_code == 1
    out = [json.loads(line) for line in r.stdout.strip().splitlines()]
    assert [o.get("id") for o in out] == [1, None, 3, 4]
    assert out[0]["figures"][0]["value"] == 1000
    assert r.stderr.strip() == "错误: 4 行中有 2 行没有回答（见输出里的 error）"


def test_batch_answering_exits_0_when_every_line_is_answered(seed_qa, tmp_path, monkeypatch):
    monkeypatch.setenv("BUDGETQA_HOME", str(seed_qa.settings.home))
    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"id": 1, "question": "三公经费有吗"}, ensure_ascii=False), encoding="utf-8")
    assert CliRunner().invoke(main, ["ask", "--questions", str(questions)]).exit_code == 0


def test_ingest_draws_a_progress_bar_over_embedding(tmp_path, monkeypatch):
    monkeypatch.setenv("BUDGETQA_HOME", str(tmp_path / "h"))
    r = CliRunner().invoke(main, ["ingest", str(ROOT / "corpus")])
    assert r.exit_code == 0, r.output
    assert "\n向量化" in r.stderr  # the bar's label (a terminal also sees the bar and n/N)
    assert r.stdout.startswith("文档 1 个（未变化 0）")


def test_the_embedding_progress_bar_gives_the_backends_own_vectors():
    """Batches of the backend's size over the distinct texts, in order: the same vectors."""
    from budgetqa.cli import EmbeddingProgress
    from budgetqa.embeddings import E5Embeddings

    texts = [f"第{i % 45}项 政府采购预算" for i in range(70)]
    calls = []

    class Counting(E5Embeddings):
        def embed_documents(self, batch):
            calls.append(len(batch))
            return super().embed_documents(batch)

    assert EmbeddingProgress(Counting(batch_size=32)).embed_documents(texts) == E5Embeddings().embed_documents(texts)
    assert calls == [32, 13]
