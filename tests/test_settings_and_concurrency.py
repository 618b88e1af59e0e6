"""Every setting is documented; many users asking at once get the same answers as one."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal as D
from pathlib import Path

from budgetqa.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_has_a_description_and_is_in_the_readme():
    for name, field in Settings.model_fields.items():
        assert field.description, f"setting {name} has no description"
        assert f"BUDGETQA_{name.upper()}" in README, f"BUDGETQA_{name.upper()} is not in the README"


def test_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("BUDGETQA_HOME", str(tmp_path / "h"))
    monkeypatch.setenv("BUDGETQA_RATE_LIMIT_PER_MINUTE", "7")
    s = Settings()
    assert s.home == tmp_path / "h" and s.rate_limit_per_minute == 7
    assert s.db_path == tmp_path / "h" / "budgetqa.sqlite3"


def test_concurrent_questions_get_the_answers_a_single_user_gets(seed_qa):
    questions = ["智慧教育平台项目预算多少", "哪个项目钱最多", "三公经费有吗", "什么是机关运行经费",
                 "基本支出占总支出的比例是多少", "驻村补贴给了哪个村", "今天天气怎么样", "公积金交了多少"] * 4
    alone = {q: seed_qa.answer(q).to_dict() for q in set(questions)}
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(pool.map(lambda q: (q, seed_qa.answer(q).to_dict()), questions))
    for q, answer in together:
        assert answer == alone[q], q
    assert alone["智慧教育平台项目预算多少"]["figures"][0]["value"] == 1000
    assert D(str(alone["基本支出占总支出的比例是多少"]["figures"][0]["value"])) == D("4.44")


def test_an_unknown_embedding_backend_is_one_clear_cli_error(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from budgetqa.cli import main

    monkeypatch.setenv("BUDGETQA_HOME", str(tmp_path / "h"))
    monkeypatch.setenv("BUDGETQA_EMBEDDING_BACKEND", "word2vec")
    result = CliRunner().invoke(main, ["ask", "智慧教育平台项目预算多少"])
    assert result.exit_code == 4
    assert "word2vec" in result.output and "Traceback" not in result.output
