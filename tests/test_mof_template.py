"""A disclosure in the Ministry of Finance's national template (not the seed's): a 目录 that
lists the table titles, a 三公 table whose columns are the items, a project table keyed by
unit and project name, and a fictional department. Written for these tests."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from budgetqa.audit import audit
from budgetqa.parsing.document import parse_path

DOC = Path(__file__).parent / "data" / "mof-county-education-2025-budget.txt"


@pytest.fixture(scope="module")
def doc():
    return parse_path(DOC)


def test_table_titles_in_the_table_of_contents_are_not_tables(doc):
    assert [t.kind for t in doc.tables] == ["summary", "income", "expense", "fiscal_summary", "gp_expense",
                                            "gp_basic_economic", "three_public", "fund_expense", "soe", "project"]
    assert all(t.title.startswith("表") for t in doc.tables)
    assert (doc.department, doc.year) == ("某县教育局", 2025)


def test_a_table_whose_columns_are_its_items(doc):
    rows = {r.label: r.values["合计"] for r in doc.table("three_public").rows}
    assert rows == {"合计": D("23.10"), "因公出国（境）费": D("0.00"), "公务用车购置及运行费": D("18.60"),
                    "公务用车购置费": D("0.00"), "公务用车运行费": D("18.60"), "公务接待费": D("4.50")}


def test_projects_are_named_by_the_project_column_not_the_unit(doc):
    rows = [(r.label, r.label2, r.values["合计"]) for r in doc.table("project").rows if r.label != "合计"]
    assert rows[2] == ("初中校舍维修改造项目", "某县第一初级中学", D("280.00"))
    assert len(rows) == 5


def test_the_audit_compares_like_with_like(doc):
    findings = audit(doc)
    assert not [f for f in findings if f.severity == "error"]


def test_definitions_start_at_the_last_名词解释_heading(doc):
    assert "机关运行经费" in [d.term for d in doc.definitions]
    assert any(s.title.startswith("（一）机关运行经费") or "机关运行经费" in s.text for s in doc.sections)


def test_answers_over_the_national_template(tmp_path):
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings

    qa = BudgetQA.open(Settings(home=tmp_path / "h"), with_index=False)
    qa.ingest([DOC])
    a = qa.answer("某县教育局人员经费占一般公共预算基本支出的比例是多少？")
    assert (a.figures[0].value, a.figures[0].unit) == (D("94.13"), "%")
    b = qa.answer("某县教育局的教师培训项目有多少钱？")
    assert b.figures[0].value == D("120.00")
    c = qa.answer("某县教育局2025年机关运行经费是多少？")
    assert c.figures[0].value == D("68.35")
    d = qa.answer("某县教育局三公经费预算多少？")
    assert d.figures[0].value == D("23.10")
