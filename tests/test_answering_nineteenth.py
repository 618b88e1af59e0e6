"""Classes of questions the nineteenth blind round answered with a wrong figure, each pinned on a
document built by hand with other names and figures: a spending subject the 一般公共预算 gives is
its table's, never all funds'; a child named after its parent (某某（款）行政运行（项）) in tables
printing no codes is the child printed under that parent; a unit said without its place is never
the subject its name holds; a total's heading said in full picks the table printing
it; a unit's row in one fund's table is never its spending asked plainly, and a sum the narrative
says of the whole body is never the unit's."""

from __future__ import annotations

from decimal import Decimal as D

from parsed_tables import row, table
from test_answering_eleventh import income, retrieving_every_section, section, summary
from test_answering_parts import qa_over


def test_a_spending_subject_the_general_budget_gives_is_read_from_its_table(store_location):
    expense = table("expense", "本年支出总体情况表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="90000", 基本支出="30000", 项目支出="60000"),
        row("综合医院", "2100201", 合计="75334.92", 基本支出="36628.33", 项目支出="38706.59")])
    gp = table("gp_expense", "一般公共预算支出情况表（按功能分类科目）", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="8000", 基本支出="3000", 项目支出="5000"),
        row("综合医院", "2100201", 合计="2937.10", 基本支出="412.14", 项目支出="2524.96")])
    qa = qa_over(store_location, income(), summary(), expense, gp)
    a = qa.answer("一般公共预算给[2100201]综合医院安排了多少？")
    assert a.figures and a.figures[0].value == D("2937.10"), a.text
    every = qa.answer("综合医院安排了多少？")
    assert every.figures and every.figures[0].value == D("75334.92"), every.text


def test_a_child_said_after_its_parent_is_the_one_printed_under_it_in_tables_without_codes(store_location):
    gp = table("gp_expense", "一般公共预算支出预算表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="9000", 基本支出="6000", 项目支出="3000"),
        row("监狱", 合计="5000", 基本支出="4000", 项目支出="1000"),
        row("行政运行", 合计="4000", 基本支出="4000", 项目支出=None),
        row("强制隔离戒毒", 合计="411.97", 基本支出="390.17", 项目支出="21.80"),
        row("行政运行", 合计="390.17", 基本支出="390.17", 项目支出=None),
        row("强制隔离戒毒人员生活", 合计="21.80", 基本支出=None, 项目支出="21.80")])
    qa = qa_over(store_location, income(), summary(), gp)
    a = qa.answer("强制隔离戒毒（款）行政运行（项）在一般公共预算支出表里是多少？")
    assert a.figures and a.figures[0].value == D("390.17"), a.text
    parent = qa.answer("强制隔离戒毒是多少？")
    assert parent.figures and parent.figures[0].value == D("411.97"), parent.text


def test_a_unit_said_without_its_place_is_the_unit_never_the_subject_its_name_holds(store_location):
    by_unit = table("income", "收入预算总表", ["合计", "一般公共预算"], [
        row("合计", 合计="9000", 一般公共预算="9000"),
        row("某某市司法局", 合计="4000", 一般公共预算="4000"),
        row("某市青山强制隔离戒毒所", 合计="492.05", 一般公共预算="475.77")])
    expense = table("expense", "支出预算总表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="9000", 基本支出="6000", 项目支出="3000"),
        row("强制隔离戒毒", 合计="428.20", 基本支出="390.17", 项目支出="38.03")])
    qa = qa_over(store_location, by_unit, expense, summary())
    summed = qa.answer("青山强制隔离戒毒所所有项目加起来一共多少钱？")
    assert not summed.figures or summed.figures[0].value not in (D("428.20"), D("492.05")), summed.text
    spent = qa.answer("青山强制隔离戒毒所的支出是多少？")
    assert not spent.figures or spent.figures[0].value != D("428.20"), spent.text
    own = qa.answer("某市青山强制隔离戒毒所的收入预算是多少？")
    assert own.figures and own.figures[0].value == D("492.05"), own.text
    subject = qa.answer("强制隔离戒毒支出是多少？")
    assert subject.figures and subject.figures[0].value == D("428.20"), subject.text


def test_a_totals_heading_said_in_full_picks_the_table_printing_it(store_location):
    incomes = table("income", "收入决算表", ["本年收入合计", "财政拨款收入", "事业收入"], [
        row("合计", 本年收入合计="9000", 财政拨款收入="3000", 事业收入="6000"),
        row("卫生健康支出", "210", 本年收入合计="1473.76", 财政拨款收入="271.78", 事业收入="1201.98")])
    spending = table("expense", "支出决算表", ["本年支出合计", "基本支出", "项目支出"], [
        row("合计", 本年支出合计="9000", 基本支出="6000", 项目支出="3000"),
        row("卫生健康支出", "210", 本年支出合计="1474.83", 基本支出="1137.58", 项目支出="337.25")])
    qa = qa_over(store_location, incomes, spending, summary())
    a = qa.answer("卫生健康支出（类）的本年支出合计（含各类资金来源）是多少？")
    assert a.figures and a.figures[0].value == D("1474.83"), a.text
    received = qa.answer("卫生健康支出的本年收入合计是多少？")
    assert received.figures and received.figures[0].value == D("1473.76"), received.text


def test_a_units_spending_is_never_its_row_of_one_funds_table_nor_the_bodys_sum(store_location):
    by_unit = table("income", "收入总表", ["收入总计", "一般公共预算", "其他收入"], [
        row("合计", 收入总计="19028.20", 一般公共预算="18000", 其他收入="1028.20"),
        row("某某市生态环境局北湖管理局", 收入总计="1409.94", 一般公共预算="1279.94", 其他收入="130.00")])
    fund = table("fund_expense", "政府性基金预算支出表", ["支出总计", "基本支出", "项目支出"], [
        row("合计", 支出总计="0.00", 基本支出="0.00", 项目支出="0.00"),
        row("某某市生态环境局北湖管理局", 支出总计="0.00", 基本支出="0.00", 项目支出="0.00")])
    qa = retrieving_every_section(qa_over(store_location, by_unit, fund, summary(), sections=[
        section("二、实施部门预算绩效管理的项目情况", "本局所有项目支出预算纳入绩效管理，涉及预算资金 13,890.72万元。"),
        section("十二、某某市生态环境局北湖管理局",
                "某某市生态环境局北湖管理局预算 1,409.94 万元，包括在职人员经费 324.64 万元、项目支出 993.16 万元。")]))
    a = qa.answer("某某市生态环境局北湖管理局的项目支出有多少？")
    assert a.figures and a.figures[0].value == D("993.16"), a.text
    follow = qa.answer("其中项目支出有多少？", ["某某市生态环境局北湖管理局2026年预算总共多少？"])
    assert not follow.figures or follow.figures[0].value == D("993.16"), follow.text
    fund_part = qa.answer("北湖管理局的政府性基金预算项目支出有多少？")
    assert not fund_part.figures or fund_part.figures[0].value == D("0.00"), fund_part.text
