"""Which column an answer comes from, on layouts real disclosures print: the column the
question names or none at all, this year's figure and never a comparison, a subject's whole
amount rather than one of its economic-item parts, a total row that carries the body's name."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from budgetqa.model import ParsedDocument, Table
from budgetqa.service import BudgetQA
from budgetqa.settings import Settings
from budgetqa.store import Store
from parsed_tables import row, table

def qa_over(store_location, doc: ParsedDocument) -> BudgetQA:
    """A service over ``doc`` alone, stored in SQLite or PostgreSQL (``store_location``)."""
    store = Store(store_location)
    store.save(doc)
    return BudgetQA(Settings(), store, None)


def document(kind: str, *tables: Table) -> ParsedDocument:
    return ParsedDocument("d", "d.pdf", "某某局2026年部门" + kind, "某某局", 2026, kind, "部门",
                          "h", tables=list(tables))


@pytest.fixture
def final_accounts(store_location):
    econ = table("gp_basic_economic", "一般公共预算财政拨款基本支出决算表", ["决算数"], [
        row("合计", 决算数="100"), row("公务接待费", "30217", 决算数="0.11")])
    three = table("three_public", "财政拨款“三公”经费支出决算表", ["预算数", "决算数"], [
        row("合计", 预算数="5.00", 决算数="4.00"), row("公务接待费", 预算数="1.86", 决算数="0.11")])
    return qa_over(store_location, document("决算", econ, three))


def test_a_column_asked_for_comes_from_the_table_that_prints_it(final_accounts):
    a = final_accounts.answer("公务接待费的预算数是多少")
    assert a.figures[0].value == D("1.86")
    assert a.figures[0].source.table == "财政拨款“三公”经费支出决算表"


def test_a_column_no_table_prints_is_refused_not_replaced(store_location):
    expense = table("expense", "支出总表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="10", 基本支出="6", 项目支出="4"),
        row("行政运行", "2010101", 合计="6", 基本支出="6", 项目支出=None)])
    qa = qa_over(store_location, document("预算", expense))
    a = qa.answer("行政运行的人员经费是多少")
    assert not a.figures and "人员经费" in a.text
    a = qa.answer("行政运行的决算数是多少")
    assert not a.figures


def test_the_default_column_is_this_years_figure_never_the_change(store_location):
    three = table("three_public", "财政拨款“三公”经费支出表",
                  ["上年一般公共预算", "一般公共预算", "增减变化金额·一般公共预算"], [
                      row("合计", 上年一般公共预算="6.00", 一般公共预算="5.58",
                          **{"增减变化金额·一般公共预算": "-0.42"})])
    qa = qa_over(store_location, document("预算", three))
    assert qa.answer("三公经费预算多少").figures[0].value == D("5.58")


def test_a_subject_printed_once_per_economic_item_is_answered_from_its_whole_row(store_location):
    by_item = table("expense", "支出总表", ["合计", "项目支出"], [
        row("信访业务", "2014004", "办公经费", 合计="4", 项目支出="4"),
        row("信访业务", "2014004", "委托业务费", 合计="1145.92", 项目支出="1145.92")])
    whole = table("gp_expense", "一般公共预算支出表", ["合计", "项目支出"], [
        row("信访业务", "2014004", 合计="2141.55", 项目支出="2141.55")])
    qa = qa_over(store_location, document("预算", by_item, whole))
    assert qa.answer("信访业务（2014004）的项目支出是多少").figures[0].value == D("2141.55")


def test_a_total_row_named_after_the_body_answers_the_totals(store_location):
    expense = table("expense", "支出总表", ["支出总计", "基本支出", "项目支出"], [
        row("合计", label2="某某局", 支出总计="4684.30", 基本支出="3072.01", 项目支出="1612.29"),
        row("行政运行", "2014001", 支出总计="1866.84", 基本支出="1866.84", 项目支出="0")])
    qa = qa_over(store_location, document("预算", expense))
    assert qa.answer("今年的项目支出预算有多少").figures[0].value == D("1612.29")


def test_an_economic_item_in_the_basic_and_the_project_tables_is_their_sum_when_neither_is_asked(store_location):
    basic = table("gp_basic_economic", "一般公共预算基本支出情况表", ["预算数"], [
        row("委托业务费", "30227", 预算数="36.00")])
    project = table("gp_economic", "一般公共预算项目支出情况表（按经济分类科目）", ["预算数"], [
        row("委托业务费", "30227", 预算数="442.20")])
    qa = qa_over(store_location, document("预算", basic, project))
    whole = qa.answer("一般公共预算安排的委托业务费是多少")
    assert whole.figures[0].value == D("478.20") and "36.00" in whole.text and "442.20" in whole.text
    assert qa.answer("基本支出中的委托业务费是多少").figures[0].value == D("36.00")


@pytest.mark.parametrize("question,kind", [
    ("一般公共预算支出表里“气象服务”这一项是多少", "gp_expense"),
    ("一般公共预算拨款支出预算表中项目支出合计", "gp_expense"),
    ("财政拨款支出表中行政运行是多少", "fiscal_expense"),
    ("基本支出预算表里的办公费", "gp_basic_economic"),
    ("政府性基金预算支出表有数据吗", "fund_expense"),
    ("支出总表里的项目支出", "expense"),
])
def test_the_table_a_question_names_is_read_first(question, kind):
    from budgetqa.answering.engine import table_named

    assert table_named(question) == kind


def test_a_column_heading_written_out_in_the_question_is_read_for_a_units_row(store_location):
    income = table("income", "收入总体情况表", ["合计", "一般公共预算", "事业收入", "事业单位经营收入", "其他收入"], [
        row("合计", 合计="120", 一般公共预算="30", 事业收入="80", 事业单位经营收入="6", 其他收入="4"),
        row("某某医院", 合计="100", 一般公共预算="20", 事业收入="70", 事业单位经营收入="6", 其他收入="4")])
    qa = qa_over(store_location, document("预算", income))
    assert qa.answer("某某医院的事业收入是多少").figures[0].value == D("70")
    assert qa.answer("某某医院的事业单位经营收入是多少").figures[0].value == D("6")
    assert qa.answer("某某医院的收入合计是多少").figures[0].value == D("100")


def test_a_purchase_row_printed_with_its_category_letter_answers_to_its_name(store_location):
    purchase = table("gov_purchase", "预算10表政府采购预算明细表", ["预算数"], [
        row("A-货物", 预算数="28"), row("C-服务", 预算数="40"), row("合计", 预算数="68")])
    qa = qa_over(store_location, document("预算", purchase))
    assert qa.answer("政府采购预算中货物类是多少").figures[0].value == D("28")
    assert qa.answer("政府采购服务类是多少").figures[0].value == D("40")
    assert not qa.answer("政府采购预算总额是多少").figures or qa.answer("政府采购预算总额是多少").figures[0].value == D("68")
    a = qa.answer("政府采购预算中服务类是多少", history=["政府采购预算中货物类是多少？"])
    assert a.figures[0].value == D("40")


def test_a_follow_up_naming_another_item_keeps_the_tables_and_money_of_the_last_question(store_location):
    basic = table("gp_basic_economic", "一般公共预算基本支出情况表（按经济分类科目）", ["预算数"], [
        row("合计", 预算数="50"), row("商品和服务支出", "302", 预算数="20"),
        row("办公费", "30201", 预算数="12"), row("印刷费", "30202", 预算数="4.40")])
    project = table("gp_economic", "一般公共预算项目支出情况表（按经济分类科目）", ["预算数"], [
        row("合计", 预算数="9"), row("商品和服务支出", "302", 预算数="9"),
        row("办公费", "30201", 预算数="8.90"), row("印刷费", "30202", 预算数="0.10")])
    qa = qa_over(store_location, document("预算", basic, project))
    a = qa.answer("印刷费呢？", history=["一般公共预算基本支出里办公费是多少？"])
    assert a.figures[0].value == D("4.40"), a.text
    assert a.figures[0].source.table == "一般公共预算基本支出情况表（按经济分类科目）"


def test_a_difference_of_two_named_columns_is_not_the_difference_of_the_words_that_scope_them(store_location):
    gp = table("gp_expense", "一般公共预算支出表", ["合计", "基本支出", "人员经费", "公用经费", "项目支出"], [
        row("合计", 合计="100", 基本支出="60", 人员经费="45", 公用经费="15", 项目支出="40")])
    qa = qa_over(store_location, document("预算", gp))
    a = qa.answer("一般公共预算基本支出中，人员经费比公用经费多多少？")
    assert a.figures and a.figures[0].value == D("30"), a.text


def test_a_total_row_followed_by_a_column_reads_that_column_of_the_total(store_location):
    spent = table("expense", "支出决算表", ["本年支出合计", "基本支出", "项目支出"], [
        row("合计", 本年支出合计="97", 基本支出="53", 项目支出="44"),
        row("行政运行", "2010101", 本年支出合计="53", 基本支出="53", 项目支出=None)])
    qa = qa_over(store_location, document("决算", spent))
    assert qa.answer("本年支出合计中基本支出是多少").figures[0].value == D("53")
    assert qa.answer("本年支出合计是多少").figures[0].value == D("97")


def test_projects_of_one_name_printed_for_two_units_are_two_projects(store_location):
    projects = table("project", "项目支出预算表", ["合计"], [
        row("合计", 合计="60"), row("综合交通运行保障", 合计="10"), row("公路养护", 合计="30"),
        row("综合交通运行保障", 合计="20")])
    qa = qa_over(store_location, document("预算", projects))
    a = qa.answer("项目支出预算表一共列了多少个项目？")
    assert a.figures and a.figures[0].value == D("3"), a.text
    # a set the table does not mark (一级预算项目 under 绩效目标管理) is not the table's count
    b = qa.answer("全面实施绩效目标管理的一级预算项目有多少个？")
    assert not b.figures or b.figures[0].value != D("3"), b.text


def test_a_row_named_inside_a_longer_items_name_is_not_that_item(store_location):
    services = table("gov_services", "政府购买服务明细表", ["预算数"], [
        row("合计", 预算数="150"), row("养老服务", 预算数="105"), row("社区服务", 预算数="45")])
    qa = qa_over(store_location, document("预算", services))
    assert qa.answer("养老服务预算多少").figures[0].value == D("105")
    a = qa.answer("养老服务补助-养老机构运营补贴方向年度金额是多少")
    assert not a.figures, a.text
