"""Classes of questions the twenty-fourth blind round answered with a wrong figure or missed, each
pinned on a document built by hand with other names and figures: a subject printed once per unit
with nothing telling the units apart is the body's sum; a 政府 economic code (501) is never the
部门 classification's row; 基本支出 asked is never the whole budget (and, in test_routing, a
unit's projects added up are never its total); what was actually spent last year is never worked
out from a budget's comparison; a count of a project's target is never a count the narrative
states of something else; a list of every project's form read in part is neither counted nor
ranked; the reason for a change is the one of the item asked, the way it changed; an empty table
or blank row asked 有没有 answers its 0; a figure the narrative states of a whole is never a part
asked; a count asked with its names gives both; where money went, the body's main task and the
units its budget takes in are read in words."""

from __future__ import annotations

from decimal import Decimal as D

from budgetqa.model import Indicator, ProjectForm
from parsed_tables import row, table
from test_answering_eleventh import form, income, retrieving_every_section, section, summary
from test_answering_parts import qa_over


# ---------------------------------------------------------------- rows and codes


def test_a_subject_printed_once_per_unit_with_no_unit_named_is_the_bodys_sum(store_location):
    # 北京's 一般公共预算支出表 prints each unit's block under no unit's name
    blocks = table("gp_expense", "预算05表一般公共预算支出表", ["合计", "基本支出"], [
        row("合计", 合计="900", 基本支出="900"),
        row("公务员医疗补助", "2101103", 合计="17.50", 基本支出="17.50"),
        row("行政运行", "2010501", 合计="300", 基本支出="300"),
        row("公务员医疗补助", "2101103", 合计="18.25", 基本支出="18.25"),
        row("公务员医疗补助", "2101103", 合计="9.00", 基本支出="9.00")])
    a = qa_over(store_location, blocks).answer("2101103公务员医疗补助这个科目的预算数是多少？")
    assert a.figures and a.figures[0].value == D("44.75"), a.text
    assert "17.50" in a.text and "9.00" in a.text  # (the arithmetic shown)


def test_a_subject_whose_first_block_is_the_whole_is_that_row(store_location):
    blocks = table("gp_expense", "一般公共预算支出表", ["合计"], [
        row("合计", 合计="900"),
        row("公务员医疗补助", "2101103", 合计="26.50"),
        row("公务员医疗补助", "2101103", 合计="17.50"),
        row("公务员医疗补助", "2101103", 合计="9.00")])
    a = qa_over(store_location, blocks).answer("公务员医疗补助是多少？")
    assert a.figures and a.figures[0].value == D("26.50"), a.text


def test_a_government_economic_code_is_never_the_department_classifications_row(store_location):
    summary_both = table("summary", "部门综合预算收支总表", ["预算数"], [
        row("本年收入合计", 预算数="9000"),
        row("1、机关工资福利支出", 预算数="5100.25"),
        row("（1）工资福利支出", 预算数="6020.40")])
    by_item = table("gp_economic", "一般公共预算支出明细表（按支出经济分类科目）", ["合计"], [
        row("合计", 合计="9000"), row("工资福利支出", "301", 合计="6020.40")])
    qa = qa_over(store_location, summary_both, by_item)
    for q in ("按政府预算支出经济分类，机关工资福利支出（501）是多少万元？",
              "按政府预算支出经济分类，机关工资福利支出是多少万元？"):
        a = qa.answer(q)
        assert not a.figures or a.figures[0].value == D("5100.25"), (q, a.text)
    said = qa.answer("机关工资福利支出是多少万元？")
    assert said.figures and said.figures[0].value == D("5100.25"), said.text


def test_basic_spending_asked_is_never_the_whole_budget(store_location):
    whole = table("summary", "部门综合预算收支总表", ["预算数"], [
        row("一、部门预算", 预算数="30331.26"), row("1、财政拨款", 预算数="30331.26"),
        row("本年收入合计", 预算数="30331.26")])
    a = qa_over(store_location, whole, income()).answer("某某局部门预算的基本支出合计是多少？")
    assert not a.figures, a.text


def test_a_soe_table_named_by_its_title_answers_from_it(store_location):
    soe = table("soe", "国有资本经营预算支出预算表", ["本年支出合计", "基本支出", "项目支出"], [
        row("合计", 本年支出合计="1640.00", 基本支出=None, 项目支出="1640.00"),
        row("国有资本经营预算支出", "223", 本年支出合计="1640.00", 基本支出=None, 项目支出="1640.00")])
    whole = table("summary", "收支总表", ["预算数"], [
        row("本年收入合计", 预算数="9000"), row("本年支出合计", 预算数="9000")])
    a = qa_over(store_location, whole, soe).answer("国有资本经营预算支出预算表里本年支出合计是多少？")
    assert a.figures and a.figures[0].value == D("1640.00"), a.text


# ---------------------------------------------------------------- empty and blank


def test_asked_whether_there_is_any_an_empty_table_or_blank_row_answers_its_zero(store_location):
    fund = table("fund_expense", "政府性基金预算支出表", ["合计"], [row("合计", 合计=None)])
    fund.empty = True
    three = table("three_public", "财政拨款“三公”经费支出表", ["合计"], [
        row("合计", 合计="12.00"), row("公务接待费", 合计="12.00"), row("公务用车购置费", 合计=None)])
    qa = qa_over(store_location, income(), summary(), fund, three)
    none = qa.answer("某某局2026年有没有政府性基金预算拨款支出？")
    assert none.figures and none.figures[0].value == 0, none.text
    blank = qa.answer("2026年安排了公务用车购置费吗？")
    assert blank.figures and blank.figures[0].value == 0, blank.text


# ---------------------------------------------------------------- last year, counts, forms


def test_what_was_actually_spent_last_year_is_never_worked_out_from_a_budgets_comparison(store_location):
    said = section("五、财政拨款支出预算情况说明",
                   "2.公路水路运输（款）公路建设（项）支出43,100万元，与上年相比增加12,100万元，增长39.03%。")
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[said]))
    actual = qa.answer("某某局2025年公路建设实际完成支出多少？")
    assert not actual.figures, actual.text


def test_a_count_of_a_projects_target_is_never_a_count_the_narrative_states_of_something_else(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[
        section("一、机构设置", "某某市统计局下属全额拨款事业单位 8个，差额拨款事业单位 1个。")]))
    a = qa.answer("某某市消费者信心调查项目设定的调查样本量是多少个？")
    assert not a.figures, a.text


def listed(project, number, total):
    f = form(project, total, ("完成率", "≥95%"))
    f.fields["项目编号"] = number
    return f


def test_a_list_of_every_projects_form_read_in_part_is_neither_counted_nor_ranked(store_location):
    whole = table("expense", "支出总表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="900", 基本支出="600", 项目支出="300")])
    part = [listed("统计资料编印工作经费", "0551", "76.64"), listed("统计人员岗位知识培训", "5703", "103.98")]
    qa = qa_over(store_location, income(), whole, forms=part)
    counted = qa.answer("项目支出绩效目标表一共列出了多少个项目？")
    assert not counted.figures, counted.text
    ranked = qa.answer("项目支出绩效目标表列出的项目中，哪个项目金额最大？")
    assert not ranked.figures, ranked.text


def test_a_list_of_every_projects_form_read_whole_is_counted(store_location):
    whole = table("expense", "支出总表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="780.62", 基本支出="600", 项目支出="180.62")])
    every = [listed("统计资料编印工作经费", "0551", "76.64"), listed("统计人员岗位知识培训", "5703", "103.98")]
    counted = qa_over(store_location, income(), whole, forms=every).answer("项目支出绩效目标表一共列出了多少个项目？")
    assert counted.figures and counted.figures[0].value == 2, counted.text


# ---------------------------------------------------------------- reasons


def test_the_reason_for_a_change_is_the_one_of_the_item_asked_the_way_it_changed(store_location):
    three = section("五、财政拨款“三公”经费预算情况",
                    "1.因公出国（境）费用。2026 年预算数 16.00 万元，较 2025 年年初预算增加 12.40 万元，"
                    "主要是出访经费根据核定额度在年初安排。\n"
                    "2.公务用车运行维护费 2026 年预算数 4.20 万元，较 2025 年年初预算减少 1.30 万元，主要是"
                    "用于公务车维修、加油等开支。较 2025 年年初部门预算减少主要是因为新购置车辆属于混合动力车。")
    total = section("二、部门预算收支总体情况",
                    "2026 年某某局部门预算支出 8,210.50 万元，较 2025 年年初预算减少 95.10 万元，下降 1.1%。\n"
                    "预算收支减少主要原因说明：数字化项目经费尚未安排和下达。")
    running = section("六、机关运行经费安排情况",
                      "2026 年本部门机关运行经费财政拨款预算 300.20 万元，较 2025 年年初预算减少 20.10 万元，"
                      "下降 6.3%。主要是一是压减公用经费支出；二是车辆购置更新费用减少。")
    qa = qa_over(store_location, income(), summary(), sections=[total, three, running])
    abroad = qa.answer("因公出国（境）费用为啥比2025年年初预算增加那么多？")
    assert "核定额度" in abroad.text, abroad.text
    budget = qa.answer("为什么某某局2026年部门预算比上年少了？")
    assert "尚未安排" in budget.text, budget.text
    fell = qa.answer("机关运行经费为什么比2025年下降了？")
    assert "压减公用经费" in fell.text, fell.text


def test_the_reason_for_an_item_said_with_where_its_money_comes_from_or_for_its_absence(store_location):
    entrusted = section("六、委托业务费安排情况",
                        "2026年，本部门机关运行经费安排980.55万元，比上年减少78.13万元，主要原因是办公费、印刷费有所减少。"
                        "2026年本部门一般公共预算安排委托业务费207.93万元，比上年减少12.77万元，下降5.8%，主要原因是业务调整。")
    abroad = section("七、“三公”经费预算情况",
                     "1.因公出国（境）费用：根据市本级因公出国（境）费用预算管理模式，本部门年初不编制因公出国（境）费用预算。"
                     "2.公务接待费 2026 年预算 3.50 万元，较上年减少 0.20 万元，主要是厉行节约。")
    qa = qa_over(store_location, income(), summary(), sections=[entrusted, abroad])
    why = qa.answer("委托业务费比上年减少的原因是什么？")
    assert "业务调整" in why.text, why.text
    none = qa.answer("为什么预算里没有因公出国（境）费用？")
    assert "不编制" in none.text, none.text


def test_a_part_after_qi_zhong_has_its_own_reason(store_location):
    said = section("三、财政拨款情况说明",
                   "2026 年一般公共预算财政拨款支出 22,795.11 万元，比 2025 年增加 834.73 万元。其中：基本支出 "
                   "11,300.72 万元，主要用于保障在职人员工资福利，比 2025 年增加 713.02 万元，主要原因一是监测站基本支出"
                   "纳入市级财政保障，二是职业年金缴存基数调整；项目支出 11,494.39 万元，主要用于国土空间规划，比 2025 年"
                   "增加 121.71 万元，主要原因是分局纳入市级部门预算编报，相应增加一般公共预算财政拨款支出。")
    a = qa_over(store_location, income(), summary(), sections=[said]).answer(
        "2026年一般公共预算基本支出为什么比2025年增加？")
    assert "纳入市级财政保障" in a.text, a.text


def test_a_reason_said_after_a_heading_run_into_its_sentence_is_of_the_item_asked(store_location):
    said = section("二、2026年部门预算安排情况说明",
                   "（二）关于某某局 2026 年收入预算情况说明 某某局 2026 年收入预算 6218.41 万元，比上年执行数减少"
                   " 702.20 万元，下降 10.1%，主要是根据厉行节约的要求，减少一般性支出的安排。"
                   "（九）关于 2026 年“三公”经费预算情况说明 某某局 2026 年“三公”经费预算数为 9.30 万元，比上年"
                   "预算数减少 10 万元，具体如下：1.因公出国（境）费用：2026 年安排因公出国（境）费用预算 0.00 万元，"
                   "比上年预算数下降 100%。减少的主要原因是按照厉行节约有关要求，因公出国（境）经费统筹管理。")
    a = qa_over(store_location, income(), summary(), sections=[said]).answer("2026年收入预算比上年减少的主要原因是什么？")
    assert "减少一般性支出" in a.text, a.text


# ---------------------------------------------------------------- the narrative in words


def test_a_figure_the_narrative_states_of_the_whole_is_never_one_part_asked(store_location):
    by_unit = table("income", "收入总表", ["收入总计", "一般公共预算"], [
        row("合计", 收入总计="9028.20", 一般公共预算="9028.20"),
        row("某某局北湖管理处", 收入总计="1209.94", 一般公共预算="1209.94")])
    qa = retrieving_every_section(qa_over(store_location, by_unit, summary(), sections=[
        section("十二、某某局北湖管理处",
                "某某局北湖管理处预算 1,209.94 万元，包括在职人员经费 324.64 万元、项目支出 793.16 万元。")]))
    part = qa.answer("北湖管理处的项目支出有多少？")
    assert part.figures and part.figures[0].value == D("793.16"), part.text
    other = qa.answer("北湖管理处的政府性基金预算项目支出有多少？")
    assert not other.figures, other.text


def test_a_count_asked_with_the_names_it_counts_gives_both(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[
        section("一、机构设置", "某某局下属全额拨款事业单位 3 个，即：某某局调查总队、某某局普查中心、某某局数据管理中心。")]))
    a = qa.answer("某某局下面有几个全额拨款事业单位？都是哪些？")
    assert a.figures and a.figures[0].value == 3 and "普查中心" in a.text and "数据管理中心" in a.text, a.text


def test_what_an_item_was_spent_on_said_as_where_it_went(store_location):
    said = section("三、支出决算情况说明",
                   "1、一般公共服务支出（类）社会工作事务（款）行政运行（项）。主要用于：行政单位人员支出、公用支出。"
                   "3、一般公共服务支出（类）社会工作事务（款）其他社会工作事务支出（项）。主要用于：新建部门开办费、"
                   "基层政权和社区建设项目支出。")
    spending = table("expense", "支出决算表", ["本年支出合计"], [
        row("合计", 本年支出合计="300"), row("社会工作事务", "20136", 本年支出合计="300"),
        row("行政运行", "2013601", 本年支出合计="97.80"),
        row("其他社会工作事务支出", "2013699", 本年支出合计="202.20")])
    a = qa_over(store_location, income(), summary(), spending, sections=[said]).answer(
        "其他社会工作事务支出主要用在了什么地方？")
    assert "开办费" in a.text and not a.figures, a.text


def test_the_bodys_main_task_and_the_units_its_budget_takes_in_are_its_sections(store_location):
    duties = section("一、主要职责", "人民检察院是国家的法律监督机关。省检察院的主要任务是领导全省各级检察院依法履行法律监督职责，"
                     "保证国家法律的统一正确实施。其主要职责有：（一）领导下级检察院工作。")
    units = section("二、部门机构设置及预算单位构成情况",
                    "从预算单位构成看，纳入本部门2026年部门汇总预算编制范围的预算单位共计3家，具体包括：某某局本级、"
                    "某某甲检察院、某某乙检察院。")
    income_said = section("二、收入预算情况说明", "某某局本年收入预算合计800万元，其中：一般公共预算收入800万元，占100%。")
    qa = qa_over(store_location, income(), summary(), sections=[duties, units, income_said])
    task = qa.answer("某某局的主要任务是什么？")
    assert "法律监督职责" in task.text, task.text
    taken_in = qa.answer("纳入某某局2026年部门汇总预算的有哪几家单位？")
    assert "某某甲检察院" in taken_in.text, taken_in.text


# ---------------------------------------------------------------- the twenty-fifth round


def test_a_count_of_one_kind_of_vehicle_is_never_the_count_of_all(store_location):
    held = section("六、其他重要事项的情况说明",
                   "（五）国有资产占用使用及新增资产配置情况：截至 2024年 12 月底，本单位共有公务用车 72 辆，其中，"
                   "机要通信用车1 辆，执法执勤用车 60 辆，特种专业技术用车 11 辆。2025 年拟新增配置公务用车 4 辆，其中，"
                   "执法执勤用车 4 辆。")
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[held]))
    kind = qa.answer("截至2024年底，某某局有多少辆执法执勤用车？")
    assert kind.figures and kind.figures[0].value == 60, kind.text
    all_of_them = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[
        section("六、其他重要事项的情况说明", "截至 2024年 12 月底，本单位共有公务用车 72 辆。")]))
    none = all_of_them.answer("截至2024年底，某某局有多少辆执法执勤用车？")
    assert not none.figures, none.text


def test_last_years_figure_of_one_fund_is_never_worked_out_from_all_funds(store_location):
    said = section("二、部门收支总体情况",
                   "（二）支出预算。2026年年初预算数19,230.18万元，其中：一般公共服务支出15,958.96万元；"
                   "支出比2025年增加2,784.38万元，主要是基本支出增加362.10万元。")
    qa = qa_over(store_location, income(), summary(), sections=[said])
    one_fund = qa.answer("表五一般公共预算支出合计中2025年预算数是多少？")
    assert not one_fund.figures or one_fund.figures[0].value != D("16445.80"), one_fund.text
    all_funds = qa.answer("2025年支出预算是多少？")
    assert all_funds.figures and all_funds.figures[0].value == D("16445.80"), all_funds.text


def test_an_item_in_the_basic_and_project_tables_named_first_is_their_sum(store_location):
    spending = table("expense", "本年支出总体情况表", ["合计", "其中：基本支出", "项目支出"], [
        row("合计", 合计="9000", **{"其中：基本支出": "3000"}, 项目支出="6000")])
    basic = table("gp_basic_economic", "一般公共预算基本支出情况表（按经济分类科目）", ["预算数"], [
        row("合计", 预算数="3000"), row("委托业务费", "30227", 预算数="102.52")])
    project = table("gp_economic", "一般公共预算项目支出情况表（按经济分类科目）", ["预算数"], [
        row("合计", 预算数="6000"), row("委托业务费", "30227", 预算数="4221.97")])
    a = qa_over(store_location, income(), spending, basic, project).answer(
        "一般公共预算里委托业务费基本支出加项目支出一共多少？")
    assert a.figures and a.figures[0].value == D("4324.49"), a.text


def test_who_a_service_is_contracted_to_is_refused(store_location):
    bought = table("gov_purchase", "政府采购支出预算表", ["合计"], [
        row("合计", 合计="800"), row("物业管理服务", 合计="370.00")])
    a = qa_over(store_location, income(), summary(), bought).answer("某某局的物业管理服务是哪家物业公司承包的？")
    assert not a.answerable and not a.figures, a.text


def test_last_year_said_first_asks_last_years_figure(store_location):
    said = section("九、“三公”经费支出预算情况说明",
                   "某某局2026年度一般公共预算拨款安排的“三公”经费支出预算3万元，比上年预算减少11.3万元，变动原因主要是"
                   "未安排因公出国（境）费预算。")
    a = qa_over(store_location, income(), summary(), sections=[said]).answer("上一年度某某局的“三公”经费预算是多少？")
    assert not a.figures or a.figures[0].value == D("14.3"), a.text


def test_a_reason_said_sentences_after_its_change_is_that_changes(store_location):
    said = section("2026年单位预算编制说明",
                   "2026年，某某场收入预算733万元，其中：财政拨款收入733万元，比2025年预算减少126万元；事业收入0万元；"
                   "事业单位经营收入0万元；其他收入0万元。"
                   "支出预算733万元，其中：财政拨款支出预算733万元，比2025年预算减少126万元。财政拨款支出预算中，一般公共"
                   "预算拨款支出预算733万元，比2025年预算减少126万元；政府性基金拨款支出预算为0。"
                   "财政拨款收入支出减少的主要原因是项目预算调减。")
    a = qa_over(store_location, income(), summary(), sections=[said]).answer("为什么2026年财政拨款比2025年减少了126万元？")
    assert "项目预算调减" in a.text, a.text


# ---------------------------------------------------------------- the twenty-sixth round


def test_last_year_is_never_worked_out_from_a_change_its_own_rate_denies(store_location):
    # (a page number run into the amount: 增加 3 / 7,331.92 read as 37,331.92, 增长 8.0%)
    said = section("（二）收入预算情况说明",
                   "2026 年收入预算 99,230.46 万元，比上年执行数增加37,331.92 万元，增长 8.0%，主要原因是改扩建工程。"
                   "2026 年支出预算 99,230.46 万元，比上年执行数增加 7,331.92 万元，增长 8.0%。")
    qa = qa_over(store_location, income(), summary(), sections=[said])
    income_asked = qa.answer("按今年增加额推算，上年收入执行数是多少？")
    assert not income_asked.figures or income_asked.figures[0].value != D("61898.54"), income_asked.text
    spending = qa.answer("上年支出执行数是多少？")
    assert spending.figures and spending.figures[0].value == D("91898.54"), spending.text


def test_a_count_asked_without_one_item_is_never_a_count_the_narrative_states(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[
        section("五、其他重要事项的情况说明", "截至2025年12月，所属各预算单位共有车辆 311 辆，其中业务用车 212 辆，"
                "执法执勤用车 99 辆。")]))
    a = qa.answer("除业务用车外，其他各类车辆一共有多少辆？")
    assert not a.figures, a.text


def test_a_sibling_follow_up_drops_the_last_items_code_and_keeps_its_head(store_location):
    health = table("gp_expense", "一般公共预算支出明细表", ["合计"], [
        row("合计", 合计="9000"), row("行政单位医疗", "2101101", 合计="143.08"),
        row("事业单位医疗", "2101102", 合计="198.08")])
    three = table("three_public", "财政拨款“三公”经费支出表", ["合计"], [
        row("合计", 合计="80"), row("公务用车购置费", 合计="29.36"), row("公务用车运行维护费", 合计="50.64")])
    basic = table("gp_basic_economic", "一般公共预算基本支出表", ["合计"], [
        row("合计", 合计="600"), row("公务用车运行维护费", "30231", 合计="32.06")])
    qa = qa_over(store_location, health, three, basic)
    other = qa.answer("事业单位医疗呢？", ["表5里行政单位医疗（2101101）是多少？"])
    assert other.figures and other.figures[0].value == D("198.08"), other.text
    running = qa.answer("运行维护费呢？", ["某某局三公经费中公务用车购置费是多少？"])
    assert running.figures and running.figures[0].value == D("50.64"), running.text


def test_a_change_from_last_years_printed_amount_is_worked_out(store_location):
    said = section("三、机关运行经费安排情况",
                   "2026年本部门机关运行经费安排211.87万元，较2025年预算208.27万元增加3.6万元，主要原因为人员增加。")
    qa = qa_over(store_location, income(), summary(), sections=[said])
    a = qa.answer("机关运行经费比2025年预算增加了多少？")
    assert a.figures and a.figures[0].value == D("3.6"), a.text
    follow = qa.answer("那比2025年预算增加了多少？", ["某某局2026年机关运行经费安排了多少？"])
    assert follow.figures and follow.figures[0].value == D("3.6"), follow.text


def test_a_count_in_a_forms_target_is_read_after_its_words(store_location):
    target = "专项资金公示时间不低于5个自然日，带动社会有效投资额不少于15000万元，提升受资助单位的满意度。"
    f = ProjectForm("生态环境专项资金", {"项目名称": "生态环境专项资金", "年度目标": target}, {"项目名称": 900, "年度目标": 901},
                    {"年度资金总额": D("3000")}, {"年度资金总额": 900}, [], 900, 910, "万元")
    a = qa_over(store_location, income(), summary(), forms=[f]).answer(
        "生态环境专项资金的绩效目标里，专项资金公示时间不低于几个自然日？")
    assert a.figures and a.figures[0].value == 5, a.text
