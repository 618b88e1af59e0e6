"""Classes of questions the seventeenth blind round answered wrongly or not at all, each pinned on
a document built by hand with other names and figures: 几个小时 asks a duration, never a count; an
item printed only in a table of 基本支出 is the narrative's whole when the narrative states one;
按经济分类 alone names the economic table of all spending; a category of a column (服务类 of 政府
采购项目) is never the column's figure; a 决算's execution rate over the plan its 情况说明 states;
a year named far before what is asked; a reason runs to its sentence's end; the sentence about
the body's own income is found though it begins with the year and the body's name."""

from __future__ import annotations

from decimal import Decimal as D

from budgetqa.answering.normalize import ASKS_COUNT, ASKS_INDICATOR_COUNT
from budgetqa.answering.passage_figures import figure_in_passages, measure_asked
from budgetqa.answering.router import parse_question
from budgetqa.model import ParsedDocument, Passage
from budgetqa.service import BudgetQA
from budgetqa.settings import Settings
from budgetqa.store import Store
from parsed_tables import row, table
from test_answering_eleventh import income, retrieving_every_section, section, summary
from test_answering_parts import qa_over


# ---------------------------------------------------------------- what is asked


def test_a_number_of_hours_is_a_duration_never_a_count():
    q = "设施维护项目要求设备故障响应时效是几个小时？"
    assert ASKS_COUNT.search(q) is None and ASKS_INDICATOR_COUNT.search(q) is None
    assert ASKS_COUNT.search("有几个科室") is not None  # 几个 before a noun still counts
    assert measure_asked(q) == "duration"
    p = Passage("d", "项目绩效目标", 1, 2, "站点维护数量 162 个，资料接收及时率达到 98％以上，设备故障响应时效 24 小时。")
    found = figure_in_passages(q, [p], "duration")
    assert found is not None and found.value == D("24") and found.unit == "小时", found
    assert figure_in_passages(q, [p], "个") is None or figure_in_passages(q, [p], "个").value != D("24")


def test_a_year_named_before_a_long_name_asks_last_years_figure():
    intent = parse_question("2025年某某市财政局机关运行经费年初预算是多少？")
    assert "prev_year" in intent.ops, intent.ops


# ---------------------------------------------------------------- tables of 基本支出 only


def test_an_item_only_a_basic_table_prints_is_the_narratives_whole_when_it_states_one(store_location):
    basic = table("gp_basic_economic", "一般公共预算基本支出预算表", ["人员经费", "公用经费", "合计"], [
        row("合计", 人员经费="300", 公用经费="100", 合计="400"),
        row("委托业务费", 人员经费=None, 公用经费="29.50", 合计="29.50")])
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), basic, sections=[
        section("委托业务费安排情况", "2026年本部门委托业务费财政拨款预算总额236.75万元。")]))
    whole = qa.answer("委托业务费财政拨款预算总额用元表示是多少？")
    assert whole.figures and whole.figures[0].value == D("2367500") and whole.figures[0].unit == "元", whole.text
    part = qa.answer("基本支出里的委托业务费是多少？")
    assert part.figures and part.figures[0].value == D("29.50"), part.text


def test_the_economic_classification_alone_names_the_table_of_all_spending(store_location):
    basic = table("gp_basic_economic", "基本支出总表", ["合计", "财政拨款收入"], [
        row("合计", 合计="500", 财政拨款收入="500"), row("委托业务费", 合计="2.00", 财政拨款收入="2.00")])
    economic = table("gp_economic", "一般公共预算支出表（按经济分类）", ["支出总计", "基本支出", "项目支出"], [
        row("合计", 支出总计="9000", 基本支出="500", 项目支出="8500"),
        row("委托业务费", "30227", 支出总计="8749.68", 基本支出="2.00", 项目支出="8747.68")])
    qa = qa_over(store_location, income(), summary(), basic, economic)
    a = qa.answer("按经济分类，委托业务费（30227）一共多少？")
    assert a.figures and a.figures[0].value == D("8749.68"), a.text


def test_a_category_of_a_column_is_never_the_columns_figure(store_location):
    expense = table("expense", "支出总表", ["合计", "基本支出", "项目支出", "政府采购项目"], [
        row("合计", 合计="9000", 基本支出="500", 项目支出="8500", 政府采购项目="3790.75")])
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), expense, sections=[
        section("政府采购预算情况", "2026年政府采购预算3,790.75万元，其中：货物类项目242.80万元，服务类项目3,547.95万元。")]))
    a = qa.answer("纳入部门预算的政府采购项目中，服务类有多少？")
    assert not a.figures or a.figures[0].value == D("3547.95"), a.text
    whole = qa.answer("政府采购项目是多少？")
    assert whole.figures and whole.figures[0].value == D("3790.75"), whole.text


# ---------------------------------------------------------------- a 决算's plan in its narrative


def _final_accounts(store_location, sections) -> BudgetQA:
    fiscal = table("gp_expense", "一般公共预算财政拨款支出决算表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="300", 基本支出="100", 项目支出="200"),
        row("事业运行", "2013950", 合计="11.31", 基本支出="11.31", 项目支出="0"),
        row("行政单位医疗", "2101101", 合计="2.22", 基本支出="2.22", 项目支出="0"),
        row("事业单位医疗", "2101102", 合计="0.49", 基本支出="0.49", 项目支出="0")])
    doc = ParsedDocument("f", "f.pdf", "某某部2024年部门决算", "某某部", 2024, "决算", "部门", "h",
                         tables=[fiscal], sections=list(sections))
    store = Store(store_location)
    store.save(doc)
    return BudgetQA(Settings(), store, None)


def test_an_execution_rate_is_the_outturn_over_the_plan_the_narrative_states(store_location):
    qa = _final_accounts(store_location, [section("一般公共预算财政拨款支出决算情况说明", (
        "1、一般公共服务支出（类）社会工作事务（款）事业运行（项）。主要用于：事业单位人员支出。全年预算为17.68万元，"
        "支出决算为11.31万元。\n"
        "2、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。全年预算为2.23万元，支出决算为2.22万元。\n"
        "3、卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）。全年预算为2.29万元，支出决算为0.49万元。"))])
    a = qa.answer("事业运行（2013950）支出决算完成全年预算的百分之几？", document="f")
    assert a.figures and a.figures[0].value == D("63.97") and a.figures[0].unit == "%", a.text
    b = qa.answer("事业单位医疗的预算执行率是多少？", document="f")  # (not 行政事业单位医疗's plan)
    assert b.figures and b.figures[0].value == D("21.40"), b.text


def test_no_execution_rate_without_a_plan_stated(store_location):
    qa = _final_accounts(store_location, [section("情况说明", "事业运行支出决算为11.31万元。")])
    a = qa.answer("事业运行的预算执行率是多少？", document="f")
    assert not a.figures, a.text


# ---------------------------------------------------------------- reasons


def test_a_reason_runs_to_the_end_of_its_sentence(store_location):
    qa = qa_over(store_location, income(), summary(), sections=[section("三公经费支出情况", (
        "公务用车购置费261.90万元，比上年减少2.30万元，下降0.87%。主要原因是：公务用车数量与上年相比不变，"
        "经费定额与上年持平；本年车辆购置税预算减少。"))])
    a = qa.answer("公务用车购置费为什么比上年少了2.3万元？")
    assert "车辆购置税预算减少" in a.text, a.text


def test_the_reason_for_the_bodys_income_is_found_behind_the_year_and_its_name(store_location):
    qa = qa_over(store_location, income(), summary(), sections=[
        section("预算收支总体情况", "2026年,某某局部门收入预算为15184.81万元，比上年增加4385.72万元，"
                                    "主要原因是本年新增三年保安服务采购预算。"),
        section("三公经费支出情况", "（二）公务接待费2026年预算安排18.85万元，比上年增加0.00万元，增长0.00%，"
                                    "与上年持平。主要原因是：预计公务接待任务基本不变，保障日常接待需要。")])
    a = qa.answer("2026年收入预算为什么比上年多了4000多万？")
    assert "保安服务" in a.text, a.text


def test_a_change_said_in_a_sentence_of_its_own_is_the_change_of_the_sentence_before(store_location):
    qa = qa_over(store_location, income(), summary(), sections=[
        section("预算表情况说明", "2026年一般公共预算财政拨款支出预算17981.68万元，与上年相比增加1454.35万元，"
                                                  "增长8.8%。主要原因是工资改革增加人员经费支出。"),
        section("预算表情况说明", "项目支出预算数为5533万元。与上年相比减少20万元，减少0.36%。主要原因是监督员转隶"
                                "其他部门管辖后压减相关费用预算。")])
    a = qa.answer("为什么2026年项目支出比上年减少了20万元？")
    assert "转隶" in a.text, a.text


# ---------------------------------------------------------------- after the eighteenth run


def _units(store_location, *extra):
    income_by_unit = table("income", "部门收入总表", ["合计", "一般公共预算"], [
        row("合计", 合计="900", 一般公共预算="900"),
        row("某某市公路运输管理中心", "101001", 合计="500", 一般公共预算="500"),
        row("某某市港航管理中心", "101002", 合计="400", 一般公共预算="400")])
    expense_by_unit = table("expense", "部门支出总表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="900", 基本支出="300", 项目支出="600"),
        row("某某市公路运输管理中心", "101001", 合计="500", 基本支出="200", 项目支出="300"),
        row("某某市港航管理中心", "101002", 合计="400", 基本支出="100", 项目支出="300")])
    three = table("three_public", "“三公”经费支出表", ["合计"], [row("合计", 合计="12.5"), row("公务接待费", 合计="2.5")])
    return qa_over(store_location, income_by_unit, expense_by_unit, three, summary(), *extra)


def test_a_part_named_inside_another_column_is_the_parts_column(store_location):
    gp = table("gp_expense", "一般公共预算支出情况表", ["合计", "基本支出", "人员经费", "公用经费", "项目支出"], [
        row("合计", 合计="800", 基本支出="536", 人员经费="451", 公用经费="85", 项目支出="264")])
    qa = qa_over(store_location, income(), summary(), gp)
    a = qa.answer("一般公共预算支出里，基本支出中的人员经费合计多少？")
    assert a.figures and a.figures[0].value == D("451"), a.text


def test_units_items_added_up_are_never_the_units_totals_and_the_bodys_item(store_location):
    qa = _units(store_location)
    a = qa.answer("公路运输管理中心和港航管理中心的“三公”经费加起来是多少？")
    assert not a.figures, a.text
    both = qa.answer("某某市公路运输管理中心和某某市港航管理中心的支出加起来是多少？")
    assert not both.figures or both.figures[0].value == D("900"), both.text


def test_a_units_projects_summed_are_never_the_units_total(store_location):
    detail = table("gp_expense", "一般公共预算支出明细表", ["合计", "基本支出", "专项业务经费支出"], [
        row("合计", 合计="900", 基本支出="300", 专项业务经费支出="600")])
    qa = _units(store_location, detail)
    a = qa.answer("某某市港航管理中心的专项业务经费项目加起来一共多少钱？")
    assert not a.figures or a.figures[0].value != D("400"), a.text


def test_a_name_matched_on_a_character_standing_alone_is_no_amount_of_a_difference(store_location):
    gp = table("gp_expense", "一般公共预算支出表", ["合计", "基本支出", "项目支出", "扣除基建项目后预算数"], [
        row("合计", 合计="900", 基本支出="600", 项目支出="300", 扣除基建项目后预算数="280")])
    basic = table("gp_basic_economic", "一般公共预算基本支出表", ["合计"], [row("合计", 合计="600")])
    qa = qa_over(store_location, income(), summary(), gp, basic)
    a = qa.answer("一般公共预算支出表中项目支出里的基建项目有多少？（项目支出总数减去扣除基建项目后预算数）")
    assert not a.figures or a.figures[0].value == D("20"), a.text
