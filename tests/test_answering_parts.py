"""Parts and wholes, on layouts real disclosures print: a list summed inside the scope it is
named in, the subjects printed under a parent ranked and counted, a share that can never exceed
its whole, a project that only its form prints, totals only the narrative states, the table a
question cites by its title. Each test failed on the code before its change."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from budgetqa.model import Indicator, ParsedDocument, ProjectForm, Section
from budgetqa.service import BudgetQA
from budgetqa.settings import Settings
from budgetqa.store import Store
from parsed_tables import next_line, row, table

def form(project, total, *indicators) -> ProjectForm:
    line = next_line()
    return ProjectForm(project, {"项目名称": project}, {"项目名称": line}, {"年度资金总额": D(total)},
                       {"年度资金总额": line}, [Indicator("年度", "产出指标", "数量指标", name, value, line)
                                               for name, value in indicators], line, line + 5, "万元")


def section(title, text) -> Section:
    line = next_line()
    return Section([title], title, text, line, line + 3)


def qa_over(store_location, *tables, forms=(), sections=()) -> BudgetQA:
    doc = ParsedDocument("d", "d.pdf", "某某局2026年部门预算", "某某局", 2026, "预算", "部门", "h",
                         tables=list(tables), forms=list(forms), sections=list(sections))
    store = Store(store_location)
    store.save(doc)
    return BudgetQA(Settings(), store, None)


@pytest.fixture
def economic(store_location):
    basic = table("gp_basic_economic", "一般公共预算基本支出表", ["合计"], [
        row("合计", 合计="300"),
        row("工资福利支出", "301", 合计="200"), row("基本工资", "30101", 合计="120"),
        row("津贴补贴", "30102", 合计="50"), row("其他工资福利支出", "30199", 合计="30"),
        row("商品和服务支出", "302", 合计="100"), row("水费", "30205", 合计="7"),
        row("电费", "30206", 合计="13"), row("租赁费", "30214", 合计="80")])
    return qa_over(store_location, basic)


def test_a_list_named_inside_a_scope_is_summed_without_the_scope(economic):
    a = economic.answer("基本支出中水费和电费加起来一共多少？")
    assert a.figures[0].value == D("20")


def test_one_item_in_two_places_is_not_summed_with_the_places(store_location):
    basic = table("gp_basic_economic", "基本支出表", ["合计"], [row("合计", 合计="50"),
                                                                row("委托业务费", "30227", 合计="5")])
    expense = table("expense", "支出总表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="90", 基本支出="50", 项目支出="40")])
    qa = qa_over(store_location, basic, expense)
    a = qa.answer("基本支出和项目支出里的委托业务费加起来一共多少？")
    assert not a.figures  # never 50 + 40 + 5


def test_the_subjects_under_a_parent_are_ranked_by_their_codes(economic):
    a = economic.answer("工资福利支出下面哪个经济科目的金额最多？")
    assert "基本工资" in a.text and a.figures[0].value == D("120")
    a = economic.answer("商品和服务支出里，哪一项金额最大？")
    assert "租赁费" in a.text


def test_the_subjects_under_a_parent_are_counted_by_their_codes(store_location):
    expense = table("gp_expense", "一般公共预算支出表", ["合计"], [
        row("合计", 合计="100"), row("公安", "20402", 合计="100"),
        row("行政运行", "2040201", 合计="60"), row("执法办案", "2040219", 合计="40")])
    qa = qa_over(store_location, expense)
    a = qa.answer("“公安”款（20402）下面列了几个项级科目？")
    assert a.figures[0].value == 2 and a.figures[0].unit == "个"


def test_a_share_of_a_part_named_inside_a_table_is_of_that_tables_total(store_location):
    purchase = table("gov_purchase", "政府采购预算明细表", ["预算数"], [
        row("合计", 预算数="200"), row("A-货物", 预算数="50"), row("C-服务", 预算数="150")])
    expense = table("expense", "支出总表", ["合计"], [row("合计", 合计="1000")])
    qa = qa_over(store_location, purchase, expense)
    a = qa.answer("政府采购预算中服务类占总额的比重是多少？")
    assert a.figures[0].value == D("75.00")


def test_a_share_above_the_whole_it_is_a_part_of_is_refused(store_location):
    income = table("income", "收入总表", ["合计"], [row("合计", 合计="5000"),
                                                   row("某某执法队", 合计="4000")])
    three = table("three_public", "“三公”经费预算表", ["合计"], [row("合计", 合计="80")])
    qa = qa_over(store_location, income, three)
    a = qa.answer("某某执法队的“三公”经费占全部门“三公”经费的比例是多少？")
    assert not a.figures  # never 4000 ÷ 80 = 5000%


def test_a_project_only_its_form_prints_is_answered_with_the_forms_amount(store_location):
    qa = qa_over(store_location, table("expense", "支出总表", ["合计"], [row("合计", 合计="9000")]),
                 forms=[form("天网工程租赁和服务费", "1900.00"),
                        form("警务辅助人员经费（含机关大院30名）", "15470.00", ("招录辅警人员数量", "≥500人"))])
    assert qa.answer("天网工程租赁和服务费项目安排了多少资金？").figures[0].value == D("1900.00")
    assert qa.answer("天网工程租赁和服务费折合多少元？").figures[0].value == D("19000000")
    # named with its bracketed note, or without it: never 人员经费 or a body's figure
    assert qa.answer("“警务辅助人员经费（含机关大院30名）”这个项目的资金总额是多少？").figures[0].value == D("15470.00")
    a = qa.answer("警务辅助人员经费招录辅警人员数量是多少")
    assert "500" in a.text and all(f.value != D("9000") for f in a.figures)


def test_a_question_about_a_unit_named_like_a_project_does_not_get_the_projects_amount(store_location):
    qa = qa_over(store_location, table("expense", "支出总表", ["合计"], [row("合计", 合计="9000")]),
                 forms=[form("环境技术交流与转移中心", "2100.00")])
    a = qa.answer("环境技术交流与转移中心的在职人员经费是多少？")
    assert all(f.value != D("2100.00") for f in a.figures)


def test_a_total_no_table_prints_is_read_from_the_narrative(store_location):
    basic = table("gp_basic_economic", "一般公共预算基本支出经济分类情况表", ["预算数"], [
        row("合计", 预算数="3861.25"), row("工资福利支出", "301", 预算数="2964.61")])
    told = section("五、一般公共预算拨款基本支出情况",
                   "2026年一般公共预算拨款基本支出3861.25万元，其中：人员经费3551.21万元，公用经费310.04万元。")
    expense = table("expense", "支出预算总表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="5000", 基本支出="3861.25", 项目支出="1138.75")])
    qa = qa_over(store_location, basic, expense, sections=[told])
    assert qa.answer("基本支出中人员经费是多少？").figures[0].value == D("3551.21")
    assert qa.answer("基本支出中的人员经费合计多少亿元？").figures[0].value == D("0.355121")


def test_a_table_cited_by_its_title_is_not_the_subject_asked(store_location):
    three = table("three_public", "“三公”经费、会议费、培训费支出预算表", ["合计"], [
        row("合计", 合计="418.26")])
    qa = qa_over(store_location, three)
    a = qa.answer("按“三公”经费、会议费、培训费支出预算表，培训费预算是多少？")
    assert all(f.value != D("418.26") for f in a.figures)
    assert qa.answer("按“三公”经费、会议费、培训费支出预算表，三公经费是多少？").figures[0].value == D("418.26")


def test_an_economic_item_asked_as_such_is_read_from_the_table_of_all_spending(store_location):
    everything = table("gp_economic", "一般公共预算支出明细表（按支出经济分类科目）", ["合计"], [
        row("合计", 合计="2000"), row("资本性支出", "310", 合计="1500")])
    basic = table("gp_basic_economic", "一般公共预算基本支出明细表（支出经济分类科目）", ["合计"], [
        row("合计", 合计="500"), row("资本性支出", "310", 合计="0")])
    qa = qa_over(store_location, everything, basic)
    assert qa.answer("资本性支出（310）安排了多少？").figures[0].value == D("1500")
    assert qa.answer("基本支出中资本性支出安排了多少？").figures[0].value == D("0")


def test_an_officials_salary_is_refused_whatever_the_title(store_location):
    expense = table("gp_expense", "一般公共预算支出表", ["合计"], [row("合计", 合计="100"),
                                                                  row("检察", "20404", 合计="90")])
    qa = qa_over(store_location, expense)
    for q in ("检察长一年的工资是多少？", "检察长的年薪多少", "检察院检察长工资多少"):
        assert not qa.answer(q).figures, q


def test_what_a_term_covers_is_told_in_words_never_by_its_amount(store_location):
    three = table("three_public", "“三公”经费预算表", ["合计"], [row("合计", 合计="458.50")])
    qa = qa_over(store_location, three)
    for q in ("文件里说的“三公”经费具体指哪些？", "“三公”经费具体指哪几项？"):
        assert not qa.answer(q).figures, q


def test_the_body_said_again_as_this_bureau_is_the_body_in_scope(store_location):
    expense = table("expense", "支出总表", ["合计"], [row("合计", 合计="9"),
                                                     row("自然资源海洋气象等支出", "220", 合计="7")])
    qa = qa_over(store_location, expense)
    assert qa.answer("2026年该局“自然资源海洋气象等支出”预算安排了多少？").figures[0].value == D("7")


def test_the_reason_for_a_change_against_last_years_execution_is_no_question_about_execution(store_location):
    told = section("二、收入预算情况说明",
                   "2026年收入预算665964.37万元，比上年执行数增加107573.11万元，增长19.3%，主要原因是城市轨道交通运营补助项目预算增加。")
    qa = qa_over(store_location, table("summary", "收支总表", ["预算数"], [row("收入总计", 预算数="665964.37")]),
                 sections=[told])
    a = qa.answer("2026年收入预算比上年执行数增长19.3%，主要原因是什么？")
    assert a.answerable and "城市轨道交通运营补助" in a.text


def test_a_subject_printed_on_two_rows_of_a_table_asked_as_a_whole_is_their_sum(store_location):
    # 北京's 基本支出表 prints 30113 住房公积金 under two government classes (50103, 50501)
    basic = table("gp_basic_economic", "一般公共预算基本支出表", ["合计"], [
        row("合计", 合计="3000"),
        row("住房公积金", "30113", "50103-住房公积金", 合计="900.81"),
        row("住房公积金", "30113", "50501-工资福利支出", 合计="1026.38")])
    qa = qa_over(store_location, basic)
    a = qa.answer("一般公共预算基本支出表里住房公积金一共安排了多少？")
    assert a.figures[0].value == D("1927.19") and "900.81" in a.text and "1026.38" in a.text
    assert qa.answer("住房公积金两行加起来是多少").figures[0].value == D("1927.19")


def test_a_project_each_unit_lists_under_one_name_asked_as_a_whole_is_their_sum(store_location):
    # 烟台's 项目支出预算情况表 lists 实施公车统管 once under each unit that runs it
    projects = table("project", "项目支出预算情况表", ["合计"], [
        row("合计", 合计="500"), row("实施公车统管", 合计="35.00"), row("城建档案整理", 合计="400"),
        row("实施公车统管", 合计="12.00"), row("实施公车统管", 合计="2.50")])
    qa = qa_over(store_location, projects)
    a = qa.answer("各单位“实施公车统管”项目加起来一共多少钱？")
    assert a.figures[0].value == D("49.50") and "35.00" in a.text and "2.50" in a.text


def test_a_blank_row_heading_numbered_parts_is_no_zero(store_location):
    # 西安's 收支总表 prints 1、财政拨款 blank over (1)一般公共预算拨款收入 and (2)政府性基金收入
    summary = table("summary", "收支总表", ["预算数"], [
        row("1、财政拨款", 预算数=None), row("（1）一般公共预算拨款收入", 预算数="181716.56"),
        row("（2）政府性基金收入", 预算数="0"), row("2、上级补助收入", 预算数=None),
        row("3、事业收入", 预算数="350")])
    qa = qa_over(store_location, summary)
    assert not any(f.value == 0 for f in qa.answer("财政拨款收入预算总计多少万元？").figures)
    blank = qa.answer("上级补助收入是多少？")  # a blank row heading nothing is still nothing budgeted
    assert blank.figures[0].value == 0 and "没有填列金额" in blank.text


def test_both_parts_of_a_row_asked_together_are_its_whole(store_location):
    economic = table("gp_economic", "一般公共预算支出表（按经济分类）", ["支出总计", "基本支出", "项目支出"], [
        row("合计", 支出总计="900", 基本支出="600", 项目支出="300"),
        row("差旅费", "30211", 支出总计="95.05", 基本支出="18.00", 项目支出="77.05")])
    qa = qa_over(store_location, economic)
    assert qa.answer("差旅费合计（基本支出加项目支出）是多少？").figures[0].value == D("95.05")
    assert qa.answer("差旅费的项目支出是多少？").figures[0].value == D("77.05")


def test_a_units_spending_is_not_its_row_of_the_income_table(store_location):
    income = table("income", "收入预算总表", ["合计", "一般公共预算"], [
        row("合计", 合计="7000", 一般公共预算="7000"), row("某某票据管理中心", 合计="273.77", 一般公共预算="273.77")])
    expense = table("expense", "支出预算总表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="7000", 基本支出="5733.25", 项目支出="1266.75")])
    qa = qa_over(store_location, income, expense)
    assert not any(f.value == D("273.77") for f in qa.answer("某某票据管理中心的项目支出是多少？").figures)
    assert qa.answer("某某票据管理中心的收入预算是多少？").figures[0].value == D("273.77")
    # "它的…" carries the unit the last question named: never the body's own total
    it = qa.answer("它的项目支出呢？", ["某某票据管理中心的收入预算是多少？"])
    assert not any(f.value in (D("273.77"), D("1266.75")) for f in it.figures)


def test_a_projects_performance_target_asked_is_its_forms_target_not_its_money(store_location):
    # 深圳's 重点项目绩效目标 print one 年度目标 per project
    target = "编制完成并印发审计事业发展规划，指导未来五年审计工作发展方向。"
    planned = form("规划类经费", "6.50")
    planned.fields["年度目标"] = target
    projects = table("project", "项目支出总表", ["合计"], [row("合计", 合计="1531.45"), row("规划类经费", 合计="6.50")])
    qa = qa_over(store_location, projects, forms=[planned])
    a = qa.answer("重点项目“规划类经费”的绩效目标是什么？")
    assert "指导未来五年审计工作发展方向" in a.text and not a.figures
    assert qa.answer("规划类经费多少钱").figures[0].value == D("6.50")


def test_the_reason_for_a_change_is_the_one_said_of_the_item_and_amount_asked(store_location):
    # 深圳 numbers each 三公 item as a heading of its own, then its change and reason; a reason
    # may follow in the next sentence (较上年减少主要是因为…)
    told = section("第五部分“三公”经费预算情况",
                   "1.因公出国（境）费用。2026年预算数28.00万元，较2025年年初预算增加27.20万元，主要是2025年因公出国（境）"
                   "费用根据核定额度在年中预算内调剂安排。2.公务接待费。2026年预算数3.50万元，较2025年年初预算减少0.01万元，"
                   "主要是认真贯彻落实中央八项规定。3.公务用车运行维护费2026年预算数3.60万元，较2025年年初预算减少2.40万元，"
                   "主要是用于一般公务车维修、加油等开支。较2025年年初部门预算减少主要是因为新购置车辆属于混合动力车，公车运维标准调整。")
    qa = qa_over(store_location, table("summary", "收支总表", ["预算数"], [row("收入总计", 预算数="10737.69")]),
                 sections=[told])
    assert "年中预算内调剂安排" in qa.answer("为什么2026年因公出国（境）费用比2025年年初预算增加了27.20万元？").text
    assert "混合动力车" in qa.answer("公务用车运行维护费为什么比上年减少？").text


def test_the_units_an_income_table_lists_are_ranked_without_the_bodys_total_row(store_location):
    # 湖州's 收入预算总表: the body's row repeating the total, its 本级, then each centre
    income = table("income", "收入预算总表", ["合计"], [
        row("合计", 合计="6838.41"), row("某某市财政局", 合计="6838.41"), row("某某市财政局本级", 合计="4467.55"),
        row("某某市国库支付中心", 合计="724.30"), row("某某市项目预算审核中心", 合计="731.02"),
        row("某某市票据管理中心", 合计="273.77")])
    qa = qa_over(store_location, income)
    assert qa.answer("收入预算总表里哪个单位的收入最多？").figures[0].value == D("4467.55")
    below = qa.answer("除本级外，哪个单位的收入预算最多？")
    assert below.figures[0].value == D("731.02") and "项目预算审核中心" in below.text


def test_a_share_of_the_whole_budget_named_with_the_body_or_in_other_words(store_location):
    expense = table("expense", "支出预算总表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="10344.71", 基本支出="8974.01", 项目支出="1370.70")])
    qa = qa_over(store_location, expense)  # the body is 某某局
    assert qa.answer("基本支出占某某局支出预算总额的比例是多少？").figures[0].value == D("86.75")
    assert qa.answer("项目支出占全部支出预算的比例是多少？").figures[0].value == D("13.25")


def test_a_longer_column_said_nearly_in_full_is_asked_rather_than_the_short_one_inside_it(store_location):
    # 深圳's 支出总表 prints 政府采购项目 and, beside it, its part for small firms
    expense = table("expense", "支出总表", ["合计", "政府采购项目", "其中：2026年政府采购项目中预留给中小企业的项目资金规模"], [
        row("合计", **{"合计": "10737.69", "政府采购项目": "775.86",
                       "其中：2026年政府采购项目中预留给中小企业的项目资金规模": "554.08"})])
    qa = qa_over(store_location, expense)
    assert qa.answer("政府采购项目里预留给中小企业的项目资金规模是多少？").figures[0].value == D("554.08")
    assert qa.answer("政府采购项目是多少？").figures[0].value == D("775.86")


def test_the_budgets_income_asked_alone_is_its_income_total(store_location):
    summary = table("summary", "收支总表", ["预算数"], [
        row("收入总计", 预算数="10737.69"), row("支出总计", 预算数="10737.69")])
    summary.rows[0].side, summary.rows[1].side = "收入", "支出"
    qa = qa_over(store_location, summary)
    a = qa.answer("某某局2026年部门预算收入是多少？")
    assert a.figures[0].value == D("10737.69") and "收入总计" in a.text
    assert not qa.answer("本年收入是多少？").figures  # this year's income leaves the carry-over out


def test_the_table_of_all_spending_by_economic_item_is_not_the_one_of_basic_spending(store_location):
    # 泉州 prints 一般公共预算支出经济分类情况表 (all spending) beside a 基本支出 table
    every = table("gp_economic", "2026年度一般公共预算支出经济分类情况表", ["预算数"], [
        row("合计", 预算数="9000"), row("商品和服务支出", "302", 预算数="5474.56")])
    basic = table("gp_basic_economic", "2026年度一般公共预算基本支出经济分类情况表", ["预算数"], [
        row("合计", 预算数="4000"), row("商品和服务支出", "302", 预算数="692.81")])
    qa = qa_over(store_location, every, basic)
    assert qa.answer("一般公共预算支出经济分类情况表里，商品和服务支出（302）是多少？").figures[0].value == D("5474.56")
    assert qa.answer("基本支出经济分类表里商品和服务支出是多少？").figures[0].value == D("692.81")


def test_the_classes_of_spending_a_table_prints_without_codes_are_ranked_by_name(store_location):
    # 泉州 and 北京 print the 类 on the 收支总表's 支出 side, named, with no codes
    summary = table("summary", "收支预算总表", ["预算数"], [
        row("一、一般公共服务支出", 预算数="4194.82"), row("二、外交支出", 预算数=None),
        row("八、社会保障和就业支出", 预算数="310.00"), row("十九、住房保障支出", 预算数="120.55"),
        row("支出总计", 预算数="4625.37")])
    for r in summary.rows:
        r.side = "支出"
    qa = qa_over(store_location, summary)
    a = qa.answer("在功能分类的各类支出中，哪一类支出最多？")
    assert a.figures[0].value == D("4194.82") and "一般公共服务支出" in a.text
    assert qa.answer("按功能分类，哪一类支出最少？").figures[0].value == D("120.55")


def test_two_columns_compared_inside_a_named_row_are_that_rows(store_location):
    expense = table("expense", "支出总表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="7199.97", 基本支出="3217.16", 项目支出="3982.81")])
    economic = table("gp_economic", "一般公共预算支出表（按经济分类）", ["支出总计", "基本支出", "项目支出"], [
        row("合计", 支出总计="7199.97", 基本支出="3217.16", 项目支出="3982.81"),
        row("电费", "30206", 支出总计="194.00", 基本支出="83.60", 项目支出="110.40")])
    qa = qa_over(store_location, expense, economic)
    a = qa.answer("电费里项目支出比基本支出多多少？")
    assert a.figures[0].value == D("26.80") and "电费" in a.text
    assert not qa.answer("印刷费里项目支出比基本支出多多少？").figures  # a row not printed: not the totals'
    assert qa.answer("项目支出比基本支出多多少？").figures[0].value == D("765.65")


def test_a_rate_a_forms_sentence_states_is_a_figure_in_percent(store_location):
    aid = form("法律援助", "317.82")
    aid.fields["年度目标"] = "完成法律援助案件指派，刑事案件510件。对受援群众进行满意度调查，做到零投诉，满意率达95％以上。"
    qa = qa_over(store_location, table("project", "项目支出预算表", ["合计"], [row("合计", 合计="317.82")]), forms=[aid])
    a = qa.answer("法律援助项目对受援群众满意率的目标是多少？")
    assert (a.figures[0].value, a.figures[0].unit) == (D("95"), "%")


def test_money_left_over_from_last_year_is_this_years_row_not_last_years_figure(store_location):
    summary = table("summary", "收支总表", ["预算数"], [row("收入总计", 预算数="8138.31"),
                                                        row("上年结余、结转", 预算数="60.00")])
    qa = qa_over(store_location, summary)
    assert qa.answer("收支总表里上年结余、结转是多少？").figures[0].value == D("60.00")


def test_a_subject_whose_name_holds_a_refused_word_is_still_answered(store_location):
    # 气象预报预测 holds 预测, which alone asks for a guess
    expense = table("expense", "支出总表", ["支出总计"], [row("合计", 支出总计="7199.97"),
                                                        row("气象预报预测", "2200508", 支出总计="1257.00")])
    qa = qa_over(store_location, expense)
    assert qa.answer("科目2200508气象预报预测安排了多少？").figures[0].value == D("1257.00")
    assert not qa.answer("帮我预测一下明年的预算").figures


def test_the_three_items_of_the_three_public_table_are_ranked(store_location):
    three = table("three_public", "财政拨款三公经费支出情况表", ["合计"], [
        row("合计", 合计="207.46"), row("因公出国（境）费", 合计="120.00"), row("公务接待费", 合计="12.46"),
        row("公务用车购置及运行费", 合计="75.00"), row("公务用车购置费", 合计="0"), row("公务用车运行费", 合计="75.00")])
    qa = qa_over(store_location, three)
    a = qa.answer("三公经费的几项里哪一项最多？")
    assert a.figures[0].value == D("120.00") and "因公出国" in a.text
    assert qa.answer("三公经费里哪一项最少？").figures[0].value == D("12.46")  # of the three, not a part


def test_an_item_quoted_with_its_code_as_beijing_prints_it_is_that_item(store_location):
    basic = table("gp_basic_economic", "一般公共预算基本支出表", ["合计"], [
        row("合计", 合计="9000"), row("奖金", "30103", "50101-工资奖金津补贴", 合计="3847.7423"),
        row("办公费", "30201", "50201-办公经费", 合计="121.70")])
    qa = qa_over(store_location, basic)
    assert qa.answer("一般公共预算基本支出表里“30103-奖金”是多少？").figures[0].value == D("3847.7423")
    # two rows asked together, one printed: that row is not their sum
    assert not qa.answer("基本支出表里“30201-办公费”两行加起来一共是多少？").figures


def test_an_indicator_value_with_its_unit_printed_first_is_a_figure(store_location):
    # 福州 prints the 度量单位 before the value: 吨≥1000, 个≥7
    qa = qa_over(store_location, table("expense", "支出总表", ["合计"], [row("合计", 合计="9000")]),
                 forms=[form("菜篮子工程建设专项资金", "1800.00", ("冻猪肉储备量", "吨≥1000"), ("年内完成率", "90≥"))])
    a = qa.answer("菜篮子工程建设专项资金的绩效目标里，冻猪肉储备量要达到多少吨以上？")
    assert a.figures[0].value == D("1000") and a.figures[0].unit == "吨"
    assert not qa.answer("菜篮子工程建设专项资金的年内完成率是多少").figures  # "90≥" is no figure of 90 "≥"


def test_items_the_question_lists_are_ranked_among_themselves(store_location):
    three = table("three_public", "“三公”经费支出表", ["合计"], [
        row("合计", 合计="180"), row("因公出国（境）费", 合计="127.74"), row("公务接待费", 合计="11.64"),
        row("公务用车运行费", 合计="39.50")])
    econ = table("gp_basic_economic", "基本支出表", ["合计"], [row("合计", 合计="500"),
                                                              row("维修（护）费", "30213", 合计="300")])
    qa = qa_over(store_location, three, econ)
    a = qa.answer("因公出国（境）费、公务接待费和公务用车运行费哪一项最多？")
    assert "因公出国（境）费" in a.text and a.figures[0].value == D("127.74")
    # 维修（护）费 was not listed: neither it nor its amount is compared (a line number may be 300)
    assert "维修" not in a.text and not re.search(r"(?<!第)300(?!行)", a.text)


def test_a_reason_printed_after_a_line_break_is_the_reason_given(store_location):
    told = section("六、其他重要事项的情况说明",
                   "机关运行经费2045.01万元，比上年预算减少29.30万元，下降1.41%。主要\n是在职民警人数较上年度减少导致机关运行经费的下降。")
    qa = qa_over(store_location, table("summary", "收支总表", ["预算数"], [row("收入总计", 预算数="100")]),
                 sections=[told])
    assert "在职民警人数较上年度减少" in qa.answer("机关运行经费为什么比上年下降？").text


def test_a_project_asked_by_another_number_than_its_forms_is_not_answered_from_that_form(store_location):
    # two units each file a 公务用车购置项目; the one read is numbered 2430, the one asked 0848
    car = form("公务用车购置项目", "18.69", ("车辆购置单价", "≤17.8万元"))
    car.fields["项目编号"] = "2430"
    qa = qa_over(store_location, table("project", "项目支出表", ["合计"], [row("合计", 合计="18.69")]), forms=[car])
    assert not qa.answer("公务用车购置项目（0848）对车辆购置单价的上限是多少？").figures
    assert qa.answer("公务用车购置项目（2430）对车辆购置单价的上限是多少？").figures[0].value == D("17.8")
    assert qa.answer("公务用车购置项目的车辆购置单价上限是多少？").figures[0].value == D("17.8")


def test_what_an_item_is_for_is_the_sentence_that_names_it_before_saying_what_for(store_location):
    expense = table("expense", "支出总表", ["合计", "项目支出"], [
        row("合计", 合计="20000", 项目支出="12868"),
        row("其他一般公共服务支出", "2019999", 合计="12868.00", 项目支出="12868.00"),
        row("公务接待费", 合计="3.00")])
    said = section("二、预算安排情况说明",
                   "（2）一般公共服务支出（类）其他一般公共服务支出（项）12,868.00万元，主要用于监狱改扩建项目方面的支出。"
                   "日常公用支出838.27万元，主要包括：办公费、印刷费、公务接待费、劳务费。")
    qa = qa_over(store_location, expense, sections=[said])
    for question in ("其他一般公共服务支出12868万元主要用于什么？", "其他一般公共服务支出主要用来干什么？"):
        a = qa.answer(question)
        assert "监狱改扩建" in a.text and not a.figures, question
    # listed after another item's 主要包括: not what 公务接待费 is for
    assert "日常公用支出" not in qa.answer("公务接待费主要用来干什么？").text


def test_a_refused_word_inside_a_project_the_question_names_is_no_refusal(store_location):
    # 入职 alone asks of a person; here it is part of a project's name
    bonus = form("社会保障和就业共同事权转移支付-养老服务补助-毕业生一次性入职奖励方向", "161.50")
    bonus.fields["年度目标"] = "鼓励和引导毕业生进入养老服务行业，稳定养老服务人才队伍。"
    qa = qa_over(store_location, table("project", "项目支出表", ["合计"], [row("合计", 合计="161.50")]), forms=[bonus])
    assert "鼓励和引导毕业生" in qa.answer("毕业生一次性入职奖励这笔转移支付是为了什么？").text
    assert "个人信息" in qa.answer("局长什么时候入职的？").text


def test_an_item_printed_only_as_the_second_label_of_subject_rows_is_their_sum(store_location):
    # 北京's 支出总表: each row a subject (信访业务) and an economic item of the government
    # classification (委托业务费, 设备购置), once per unit
    expense = table("expense", "预算03表支出总表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="2000"),
        row("行政运行", "2014001", "办公经费", 合计="76.00", 基本支出="76.00"),
        row("信访业务", "2014004", "委托业务费", 合计="1145.92", 项目支出="1145.92"),
        row("信访业务", "2014004", "设备购置", 合计="14.50", 项目支出="14.50"),
        row("事业运行", "2014050", "设备购置", 合计="14.86", 项目支出="14.86")])
    qa = qa_over(store_location, expense)
    assert qa.answer("委托业务费预算是多少？").figures[0].value == D("1145.92")
    bought = qa.answer("设备购置一共多少？").figures[0]
    assert bought.value == D("29.36") and bought.arithmetic


def test_a_whole_listed_with_its_parts_is_not_added_to_them(economic):
    a = economic.answer("工资福利支出（基本工资、津贴补贴、其他工资福利支出）加起来一共多少？")
    assert a.figures[0].value == D("200")
    assert economic.answer("基本工资、津贴补贴和其他工资福利支出加起来一共多少？").figures[0].value == D("200")


def test_a_source_of_money_said_alone_or_in_full_is_the_amount_and_qualifies_a_whole_said_after_it(store_location):
    summary = table("summary", "收支总表", ["预算数"], [
        row("1.一般公共预算拨款", 预算数="7099.97"), row("2.政府性基金预算拨款", 预算数="100.00"),
        row("收入总计", 预算数="7199.97")])
    for r, side in zip(summary.rows, ("收入", "收入", "收入")):
        r.side = side
    gp = table("gp_expense", "一般公共预算支出表", ["合计", "基本支出", "人员经费", "公用经费", "项目支出"], [
        row("合计", 合计="7099.97", 基本支出="300", 人员经费="240", 公用经费="60", 项目支出="6799.97")])
    basic = table("gp_basic_economic", "一般公共预算基本支出表", ["决算数"], [
        row("合计", 决算数="300"), row("人员经费合计", 决算数="240"), row("公用经费合计", 决算数="60")])
    qa = qa_over(store_location, summary, gp, basic)
    # the income row, not the spending table's total (the same amount, on the other side)
    a = qa.answer("一般公共预算拨款占收入总计的比重是多少？")
    assert a.figures[0].value == D("98.61") and "一般公共预算拨款" in a.figures[0].source.row
    # 政府性基金预算拨款 says more than 财政拨款: the fund's row, not a measure inside its name
    assert qa.answer("政府性基金预算拨款比一般公共预算拨款少多少？").figures[0].value == D("6999.97")
    # an item's own subtotal (人员经费合计) names it; the whole is the 基本支出 the source qualifies
    assert qa.answer("一般公共预算基本支出中，人员经费占多大比例？").figures[0].value == D("80.00")


def test_a_share_of_a_balanced_two_sided_tables_income_is_of_its_income_total(store_location):
    fiscal = table("fiscal_summary", "财政拨款收支总表", ["预算数"], [
        row("一、本年收入", 预算数="372917.67"), row("（二）政府性基金预算拨款", 预算数="143999.00"),
        row("收入总计", 预算数="372917.67"), row("支出总计", 预算数="372917.67")])
    for r, side in zip(fiscal.rows, ("收入", "收入", "收入", "支出")):
        r.side = side
    qa = qa_over(store_location, fiscal)
    assert qa.answer("政府性基金预算拨款占财政拨款收入总额的百分比是多少？").figures[0].value == D("38.61")


def test_who_received_a_grant_and_how_much_each_is_not_the_grants_total(store_location):
    expense = table("expense", "支出总表", ["合计"], [row("合计", 合计="5000"), row("资助影院建设", 合计="1035.60")])
    qa = qa_over(store_location, expense)
    assert not qa.answer("资助影院建设的1,035.60万元具体给了哪些影院，每家多少？").figures
    assert qa.answer("资助影院建设安排了多少？").figures[0].value == D("1035.60")


def test_an_item_in_the_basic_and_the_project_tables_asked_in_both_is_its_two_parts(store_location):
    basic = table("gp_basic_economic", "一般公共预算基本支出情况表（按经济分类科目）", ["预算数"], [
        row("合计", 预算数="8401.67"), row("办公费", "30201", 预算数="31.78"), row("委托业务费", "30227", 预算数="25.30")])
    project = table("gp_economic", "一般公共预算项目支出情况表（按经济分类科目）", ["预算数"], [
        row("合计", 预算数="1032.05"), row("办公费", "30201", 预算数="4.80"), row("委托业务费", "30227", 预算数="208.00")])
    expense = table("expense", "支出总体情况表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="9483.72", 基本支出="8401.67", 项目支出="1082.05")])
    qa = qa_over(store_location, basic, project, expense)
    both = qa.answer("委托业务费在基本支出和项目支出里加起来一共多少？").figures[0]
    assert both.value == D("233.30") and both.arithmetic
    # a follow-up asking only another unit is the last question itself, in that unit
    again = qa.answer("那换算成元是多少？", ["基本支出里的办公费是多少？"])
    assert (again.figures[0].value, again.figures[0].unit) == (D("317800"), "元")


def test_a_column_whose_heading_joins_its_words_otherwise_is_the_column_asked(store_location):
    project = table("project", "项目支出总表", ["合计", "一般公共预算", "上年结余、结转"], [
        row("合计", 合计="1612.29", 一般公共预算="1604.95", **{"上年结余、结转": "7.34"}),
        row("信访大厅运行", 合计="603.84", 一般公共预算="596.94", **{"上年结余、结转": "6.90"})])
    qa = qa_over(store_location, project)
    a = qa.answer("信访大厅运行项目里有多少是上年结转资金？")
    assert a.figures[0].value == D("6.90") and "上年结余、结转" in a.text
    assert qa.answer("信访大厅运行项目多少钱？").figures[0].value == D("603.84")


def _units_income(*rows):
    income = table("income", "收入总表", ["合计"], [row(label, 合计=v) for label, v in rows])
    summary = table("summary", "收支总表", ["预算数"], [row("收入总计", 预算数=rows[0][1])])
    summary.rows[0].side = "收入"
    return income, summary


def test_the_bodys_own_level_is_the_row_a_table_of_its_units_prints_for_it(store_location):
    # printed as its own row (某某局（本级）), or the body's name again under the row of its whole
    named = _units_income(("合计", "3210.10"), ("某某局", "3210.10"), ("某某局（本级）", "2663.92"),
                          ("某某统计普查中心", "546.18"))
    qa = qa_over(store_location, *named)
    assert qa.answer("某某局（本级）2026年收入预算是多少？").figures[0].value == D("2663.92")
    assert qa.answer("本级收入占整个部门收入的比重是多少？").figures[0].value == D("82.99")
    # a unit whose name holds 中 (中心) is the part, not what follows 中
    assert qa.answer("某某统计普查中心的收入占整个部门收入的比例是多少？").figures[0].value == D("17.01")
    # spending asked of a table listing units' income only: no figure
    assert not qa.answer("本级支出多少？").figures


def test_the_bodys_name_printed_again_under_its_whole_is_its_own_level(store_location):
    again = _units_income(("合计", "5876.67"), ("某某局", "5876.67"), ("某某局", "5011.05"),
                          ("某某服务中心", "865.62"))
    qa = qa_over(store_location, *again)
    assert qa.answer("某某局本级的收入占整个部门收入预算的百分之几？").figures[0].value == D("85.27")
    # 本级 left out: never its own row
    assert not qa.answer("除了本级，下属单位里哪个单位收入最多？").figures


def test_a_glossary_term_is_found_by_its_bracketed_name_or_inside_anothers_entry(store_location):
    from budgetqa.model import Definition, ParsedDocument

    doc = ParsedDocument("d", "d.pdf", "某某局2026年部门预算", "某某局", 2026, "预算", "部门", "h",
                         tables=[table("expense", "支出总表", ["合计"], [row("合计", 合计="100")])])
    doc.definitions = [
        Definition("行政经费（机关运行经费）", "指用于维持行政（参公）单位机关运行的经费。", next_line()),
        Definition("上年结转结余资金", "包括财政拨款结转、财政拨款结余和单位资金结转结余。财政拨款结转是指项目实施周期内，"
                   "年度预算执行结束时，预算未全部执行或因故未执行，下年需要按照原用途继续使用的财政拨款资金。", next_line())]
    Store(store_location).save(doc)
    qa = BudgetQA(Settings(), Store(store_location), None)
    assert "维持行政（参公）单位机关运行" in qa.answer("什么是机关运行经费？").text
    said = qa.answer("什么叫财政拨款结转？").text
    assert said.startswith("财政拨款结转是指项目实施周期内")


def test_a_ranking_scoped_to_so_many_projects_is_a_ranking_not_a_count(store_location):
    project = table("project", "项目支出表", ["合计"], [
        row("合计", 合计="1612.29"), row("社工服务项目", 合计="498.82"), row("信访大厅运行", 合计="603.84"),
        row("信访专项", 合计="486.39")])
    qa = qa_over(store_location, project)
    a = qa.answer("几个项目中哪一个预算最多？")
    assert a.figures[0].value == D("603.84") and "信访大厅运行" in a.text


def test_a_reason_is_the_one_given_for_the_item_or_the_rate_the_question_names(store_location):
    said = section("一、收支预算总体情况说明",
                   "（1）一般公共预算拨款收入 48,592.98 万元，与上年相比增加 15,573.36 万元，增长 47.16%。主要原因是胥江引水工程等"
                   "2025 年在政府性基金预算拨款收入中列支，2026 年在一般公共预算拨款收入中列支。"
                   "（2）政府性基金预算拨款收入 44,003.26 万元，与上年相比增加 13,424.11 万元，增长 43.9%。"
                   "主要原因是新增转拨项目太湖生态清淤一期工程。"
                   "4.水利工程建设（项）支出 29,430 万元，与上年相比增加 20,180 万元，增长 218.16%。主要原因是续建吴淞江整治工程。")
    qa = qa_over(store_location, table("expense", "支出总表", ["合计"], [row("合计", 合计="92596.24")]), sections=[said])
    assert "太湖生态清淤" in qa.answer("政府性基金预算拨款收入大幅增加的原因是什么？").text
    # "是什么原因" asks a reason, not a definition
    assert "吴淞江" in qa.answer("水利工程建设支出比上年增长218%，主要是什么原因？").text


def test_an_items_class_said_before_it_is_no_word_the_item_leaves_unexplained(economic):
    # 基本工资 (30101) is printed under 工资福利支出 (301): the class explains itself
    assert economic.answer("工资福利支出中的基本工资（30101）是多少万元？").figures[0].value == D("120")


def test_money_named_by_its_source_is_read_from_the_income_table_first(store_location):
    # a spending table printing a column of the same name (基本支出总表: 上年结余、结转 0.00) holds
    # only its part
    basic = table("expense", "基本支出总表", ["合计", "一般公共预算", "上年结余、结转"], [
        row("合计", 合计="3072.01", 一般公共预算="3072.01", **{"上年结余、结转": "0.00"})])
    income = table("income", "收入总表", ["合计", "一般公共预算", "上年结余、结转"], [
        row("合计", 合计="4684.30", 一般公共预算="4676.96", **{"上年结余、结转": "7.34"})])
    qa = qa_over(store_location, basic, income)
    assert qa.answer("上年结余结转资金是多少？").figures[0].value == D("7.34")
