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


@pytest.fixture(scope="module")
def qa_plans(tmp_path_factory):
    """The same 决算 whose 情况说明 says one item's plan in a sentence after its heading, as
    上海's do: "2.…图书馆（项）。主要用于：…。全年预算为 520.00 万元，支出决算为…"."""
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings

    text = DOC.read_text("utf-8").replace(
        "2.文化旅游体育与传媒支出（类）文化和旅游（款）图书馆（项）：年初预算为498.00万元，",
        "2.文化旅游体育与传媒支出（类）文化和旅游（款）图书馆（项）。主要用于：公共图书馆运行。全年预算为 520.00 万元，")
    assert "全年预算为 520.00" in text
    path = tmp_path_factory.mktemp("plans") / "final-accounts-city-culture-2023.txt"
    path.write_text(text, "utf-8")
    service = BudgetQA.open(Settings(home=tmp_path_factory.mktemp("fa2")), with_index=False)
    service.ingest([path])
    return service


def test_a_plan_no_table_prints_is_the_one_the_narrative_says_for_that_item(qa_plans):
    a = qa_plans.answer("图书馆的全年预算是多少？")
    assert a.figures and (a.figures[0].value, a.figures[0].unit) == (D("520.00"), "万元")
    assert "全年预算为" in a.text and "图书馆" in a.text
    # another item's sentence says only its 年初预算: that is not the 全年预算 asked
    other = qa_plans.answer("博物馆的全年预算是多少？")
    assert not other.figures
