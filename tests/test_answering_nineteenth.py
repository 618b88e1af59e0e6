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
from test_answering_eleventh import form, income, retrieving_every_section, section, summary
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


# ---------------------------------------------------------------- the narrative's figures


def test_a_score_the_narrative_states_is_answered_in_points(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[
        section("十三、预算绩效情况说明", "根据年度设定的绩效目标，部门整体支出自评得分96.5，全年预算执行率98.20%。"
                "组织对31个项目开展绩效自评，涉及预算金额815.48万元，平均得分93.17分。")]))
    whole = qa.answer("部门整体支出绩效自评得了多少分？")
    assert whole.figures and whole.figures[0].value == D("96.5") and whole.figures[0].unit == "分", whole.text
    mean = qa.answer("项目绩效自评的平均得分是多少？")
    assert mean.figures and mean.figures[0].value == D("93.17"), mean.text
    unknown = qa.answer("绩效评价的专家打分是多少分？")
    assert not unknown.figures, unknown.text


def test_a_figure_said_after_a_bracketed_qualifier_is_anchored_on_the_words_before_it(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[
        section("十一、其他重要事项的情况说明", "某某局2024年度政府采购金额\n（以合同签订为准）为 2319.21 万元，其中：货物采购金额 "
                "122.43 万元、工程采购金额 1387.72 万元、服务采购金额 809.07 万元。")]))
    a = qa.answer("政府采购金额（以合同签订为准）约合多少亿元？")
    assert a.figures and a.figures[0].value == D("0.231921") and a.figures[0].unit == "亿元", a.text
    assert "以合同签订为准" in a.text, a.text  # (quoted as printed)


def test_between_anchors_alike_the_one_saying_more_of_the_question_wins(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[
        section("十一、政府采购支出情况说明", "（一）2022年度政府采购支出总额共7,206.69万元，其中：政府采购货物支出1,997.86万元、"
                "政府采购服务支出5,208.83万元。（二）政府采购授予中小企业合同金额2,498.01万元。")]))
    a = qa.answer("政府采购支出总额是多少？")
    assert a.figures and a.figures[0].value == D("7206.69"), a.text


def test_whether_there_is_an_amount_the_narrative_states_as_zero_is_no(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[
        section("十一、国有资本经营预算支出预算情况说明", "某某局2026年国有资本经营预算支出0万元。与上年预算数相同。")]))
    a = qa.answer("有没有国有资本经营预算支出？")
    assert a.text.startswith("没有") and a.figures and a.figures[0].value == 0, a.text


def test_the_parts_of_a_purchase_listed_after_qizhong_are_purchases_too(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[
        section("3.国有资产", "截至2025年8月31日，共有车辆45辆，其中，一般公务用车12辆、执法执勤用车33辆。"
                "2026年部门预算安排购置车辆23辆，其中，一般公务用车4辆、执法执勤用车0辆、其他用车19辆。")]))
    bought = qa.answer("2026年部门预算安排购置执法执勤用车多少辆？")
    assert bought.figures and bought.figures[0].value == 0, bought.text
    held = qa.answer("现有执法执勤用车多少辆？")
    assert held.figures and held.figures[0].value == 33, held.text


def test_the_end_of_a_date_before_a_bodys_suffix_names_no_body():
    from budgetqa.answering.mentions import org_mentions
    assert org_mentions("截至2025年8月31日学院共有多少辆车？") == []
    assert org_mentions("截至2025年8月31日某某市技师学院共有多少辆车？") == ["某某市技师学院"]


# ---------------------------------------------------------------- rankings and counts in a scope


def test_a_ranking_inside_a_named_economic_class_ranks_its_items(store_location):
    basic = table("gp_basic_economic", "一般公共预算基本支出情况表", ["合计", "人员经费", "公用经费"], [
        row("合计", 合计="900", 人员经费="700", 公用经费="200"),
        row("工资福利支出", "301", 合计="700", 人员经费="700", 公用经费=None),
        row("基本工资", "30101", 合计="500", 人员经费="500", 公用经费=None),
        row("津贴补贴", "30102", 合计="200", 人员经费="200", 公用经费=None),
        row("商品和服务支出", "302", 合计="200", 人员经费=None, 公用经费="200"),
        row("办公费", "30201", 合计="76", 人员经费=None, 公用经费="76"),
        row("其他交通费用", "30239", 合计="124", 人员经费=None, 公用经费="124")])
    gp = table("gp_expense", "一般公共预算支出表", ["合计"], [
        row("合计", 合计="5000"), row("一般公共服务支出", "201", 合计="4000"), row("住房保障支出", "221", 合计="1000")])
    qa = qa_over(store_location, income(), summary(), basic, gp)
    items = qa.answer("在一般公共预算基本支出的商品和服务支出各款中，哪一项金额最大？")
    assert items.figures and items.figures[0].value == D("124") and "其他交通费用" in items.text, items.text
    running = qa.answer("公用经费里哪一个经济科目的金额最大？")
    assert running.figures and running.figures[0].value == D("124") and "其他交通费用" in running.text, running.text


def test_the_projects_performance_forms_are_counted_without_the_bodys_own(store_location):
    forms = [form(name, total) for name, total in
             (("警用直升机租金", "120"), ("特警队训练经费", "80"), ("特警伙食补助费", "60"), ("部门整体支出", "900"))]
    qa = qa_over(store_location, income(), summary(), forms=forms)
    a = qa.answer("这份预算一共公开了几个项目的绩效目标表？")
    assert a.figures and a.figures[0].value == 3, a.text
    listed = qa.answer("项目支出绩效目标表里一共列了几个项目？")
    assert listed.figures and listed.figures[0].value == 3, listed.text
    some = qa.answer("重点项目绩效目标表中，某某血液中心列了几个项目？")
    assert not some.figures or some.figures[0].value != 3, some.text  # (a part of them: not every form)


def test_a_name_said_only_inside_the_title_of_the_table_named_is_not_the_item(store_location):
    fiscal = table("fiscal_summary", "财政拨款收支预算总表", ["预算数"], [
        row("一、财政拨款", 预算数="636.38"), row("二、上年结转", 预算数="17.85"), row("收入总计", 预算数="654.23"),
        row("支出总计", 预算数="654.23")])
    qa = qa_over(store_location, income(), summary(), fiscal)
    a = qa.answer("财政拨款收支预算总表的收入总计是多少？")
    assert a.figures and a.figures[0].value == D("654.23"), a.text


def test_with_no_project_table_read_the_projects_with_forms_are_ranked_and_said_so(store_location):
    forms = [form(name, total) for name, total in
             (("警用直升机租金", "120"), ("特警队训练经费", "380"), ("特警伙食补助费", "60"), ("部门整体支出", "900"))]
    qa = qa_over(store_location, income(), summary(), forms=forms)
    a = qa.answer("项目支出绩效目标表中哪个项目的资金最多？")
    assert a.figures and a.figures[0].value == D("380") and "特警队训练经费" in a.text, a.text
    assert "绩效目标表" in a.text, a.text  # (what was compared is said)


def test_a_purchase_is_found_by_the_project_its_table_names_it_under(store_location):
    purchase = table("gov_purchase", "政府采购支出表", ["合计", "一般公共预算", "政府性基金预算"], [
        row("合计", 合计="2194.03", 一般公共预算="894.03", 政府性基金预算="1300.00"),
        row("其他水利管理服务", label2="城区污水处理运营服务费", 合计="2129.00", 一般公共预算="829.00", 政府性基金预算="1300.00"),
        row("其他咨询服务", label2="专项工作经费", 合计="19.40", 一般公共预算="19.40", 政府性基金预算=None),
        row("其他水利管理服务", label2="专项工作经费", 合计="45.63", 一般公共预算="45.63", 政府性基金预算=None)])
    qa = qa_over(store_location, income(), summary(), purchase)
    a = qa.answer("城区污水处理运营服务费的政府采购预算是多少？")
    assert a.figures and a.figures[0].value == D("2129.00"), a.text
    twice = qa.answer("专项工作经费的政府采购预算是多少？")  # (printed on two rows: neither alone)
    assert not twice.figures or twice.figures[0].value == D("65.03"), twice.text
