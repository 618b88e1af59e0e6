"""A final-accounts disclosure (部门决算), written for these tests: 决算 table titles, plan and
outturn side by side, 人员经费/公用经费 printed as rows, and what was actually spent as an answer."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from budgetqa.audit import audit
from budgetqa.parsing.document import parse_path

DOC = Path(__file__).parent / "data" / "final-accounts-city-culture-2023.txt"


@pytest.fixture(scope="module")
def doc():
    return parse_path(DOC)


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings

    service = BudgetQA.open(Settings(home=tmp_path_factory.mktemp("fa")), with_index=False)
    service.ingest([DOC])
    return service


def test_kind_and_every_final_accounts_table(doc):
    assert (doc.kind, doc.department, doc.year) == ("决算", "某市文化和旅游局", 2023)
    assert [t.kind for t in doc.tables] == ["summary", "income", "expense", "fiscal_summary", "gp_expense",
                                            "gp_basic_economic", "three_public", "fund_income", "soe"]
    assert doc.table("three_public").columns == ["预算数", "决算数"]


def test_the_audit_reads_personnel_and_public_rows(doc):
    assert not [f for f in audit(doc) if f.severity == "error"]


def test_what_was_actually_spent_is_answered_from_the_outturn(qa):
    a = qa.answer("某市文旅局2023年三公经费实际花了多少")
    assert a.answerable and (a.figures[0].value, a.figures[0].source.column) == (D("21.36"), "决算数")
    b = qa.answer("某市文旅局公务用车运行费预算数是多少")
    assert (b.figures[0].value, b.figures[0].source.column) == (D("22.00"), "预算数")


def test_completion_rate_is_outturn_over_plan(qa):
    a = qa.answer("某市文旅局文物保护（项）完成年初预算的比例是多少")
    assert (a.figures[0].value, a.figures[0].unit) == (D("115.56"), "%")
    assert "÷" in a.figures[0].arithmetic


def test_a_change_stated_for_both_totals(qa):
    a = qa.answer("某市文旅局2023年度收入总计比上年增加了多少万元")
    assert a.answerable and (a.figures[0].value, a.figures[0].unit) == (D("342.25"), "万元")
