"""The audit at every door: `budgetqa audit` (text, --json, --all, a FILE not in the store),
`GET /api/audit`, the chat's 审核 tab, and the README's rule table."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from budgetqa.audit import RULES
from budgetqa.audit.registry import rule_table
from budgetqa.chat import audit_markdown
from budgetqa.cli import main
from budgetqa.server import create_app

from conftest import ROOT, SEED

DOC = "yangquan-bigdata-bureau-2023-budget"
FIGURE_KEYS = {"value", "unit", "page", "line", "table", "row", "column"}


def draft_with_a_wrong_project_amount(tmp_path: Path) -> Path:
    text = SEED.read_text(encoding="utf-8")
    assert "智慧教育平台项目\t1,000.00" in text
    path = tmp_path / "draft.txt"
    path.write_text(text.replace("智慧教育平台项目\t1,000.00", "智慧教育平台项目\t1,100.00"), encoding="utf-8")
    return path


@pytest.fixture()
def stored_seed():
    result = CliRunner().invoke(main, ["ingest", str(SEED), "--no-index"])
    assert result.exit_code == 0, result.output


def json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_json_prints_one_object_per_finding_with_the_evidence_of_every_figure(stored_seed):
    result = CliRunner().invoke(main, ["audit", "--document", DOC, "--json", "--all"])
    assert result.exit_code == 0, result.output
    findings = json_lines(result.output)
    assert len(findings) > 50
    for f in findings:
        assert {"document", "severity", "rule", "message", "figures"} <= set(f)
        assert f["document"] == DOC and f["severity"] in ("error", "warning", "rounding", "ok")
        assert all(FIGURE_KEYS <= set(e) for e in f["figures"])
    projects = next(f for f in findings if f["rule"] == "projects_total")
    assert projects["severity"] == "ok"
    assert {e["table"] for e in projects["figures"]} >= {"2023年部门预算项目支出表", "2023年预算支出总表"} or \
        len({e["table"] for e in projects["figures"]}) == 2


def test_without_all_the_checks_that_hold_are_left_out_except_the_headline_ones(stored_seed):
    shown = json_lines(CliRunner().invoke(main, ["audit", "--json"]).output)
    assert {f["severity"] for f in shown} <= {"rounding", "ok", "warning", "error"}
    assert all(f["severity"] != "ok" or f["rule"] in ("projects_total", "basic_vs_economic",
                                                      "summary_vs_expense", "summary_totals")
               for f in shown)


def test_a_draft_file_is_audited_without_entering_the_store(tmp_path):
    draft = draft_with_a_wrong_project_amount(tmp_path)
    result = CliRunner().invoke(main, ["audit", str(draft), "--json"])
    assert result.exit_code == 0, result.output
    errors = [f for f in json_lines(result.output) if f["severity"] == "error"]
    assert {f["rule"] for f in errors} == {"projects_total", "form_amount"}
    form = next(f for f in errors if f["rule"] == "form_amount")
    assert "智慧教育平台项目" in form["message"]
    assert not (Path(os.environ["BUDGETQA_HOME"]) / "budgetqa.sqlite3").exists()


def test_the_text_report_names_the_rule_and_the_lines(tmp_path):
    draft = draft_with_a_wrong_project_amount(tmp_path)
    out = CliRunner().invoke(main, ["audit", str(draft)]).output
    assert re.search(r"\[错误\] projects_total：.*第[\d、…]+行", out)
    assert out.splitlines()[0].startswith("# ") and "错误 2" in out.splitlines()[0]


def test_bad_arguments_get_one_clear_line(tmp_path, stored_seed):
    runner = CliRunner()
    missing = runner.invoke(main, ["audit", str(tmp_path / "nope.pdf")])
    assert missing.exit_code != 0 and "文件不存在" in missing.output
    unknown = runner.invoke(main, ["audit", "--document", "nope"])
    assert unknown.exit_code != 0 and "没有这个文档" in unknown.output
    both = runner.invoke(main, ["audit", str(SEED), "--document", DOC])
    assert both.exit_code == 2


def test_the_api_gives_the_same_objects(seed_qa):
    app = create_app(seed_qa.settings.model_copy(update={"rate_limit_per_minute": 1000}), seed_qa)
    with TestClient(app) as c:
        body = c.get("/api/audit", params={"document": DOC, "all": "true"}).json()
        assert body["documents"][0]["id"] == DOC and body["documents"][0]["counts"]["error"] == 0
        assert body["findings"] == [f.to_dict(DOC) for f in seed_qa.audit(DOC)[0].shown(True)]
        missing = c.get("/api/audit", params={"document": "nope"})
        assert missing.status_code == 404 and set(missing.json()) == {"error"}
        assert c.post("/api/audit").status_code == 405


def test_the_audit_tab_lists_findings_by_severity_with_their_pages(seed_qa):
    md = audit_markdown(seed_qa, DOC)
    assert md.index("**尾差") < md.index("**通过")
    assert "规则 `subject_tree`" in md and "第" in md and "行" in md
    assert "没有发现错误" in md


def test_the_readme_rule_table_is_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert rule_table() in readme, "regenerate it: python -m budgetqa.audit"
    assert len(rule_table().splitlines()) == len(RULES) + 2


def test_every_finding_names_a_registered_rule(seed_doc):
    from budgetqa.audit import audit

    assert {f.rule for f in audit(seed_doc)} <= {r.id for r in RULES}
