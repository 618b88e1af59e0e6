"""Classes of questions the twenty-first blind round answered with a wrong figure or missed, each
pinned on a document built by hand with other names and figures: a follow-up naming only another
unit asks the last question of that unit; a share's whole named after 在 is that whole; a category
a purchase is asked of (工程类) is never the purchase's total; what is held at a date is never a
target of a performance form, nor a purchase said under the verb of the clause before it; counts
the narrative states are summed; a sum's list restated as 两项 and a ranking inside 各明细科目
name nothing of their own; names listed before what they are (…，为某某局派出机构) are counted."""

from __future__ import annotations

from decimal import Decimal as D

from parsed_tables import row, table
from test_answering_eleventh import form, income, retrieving_every_section, section, summary
from test_answering_parts import qa_over


# ---------------------------------------------------------------- follow-ups and shares


def test_a_follow_up_naming_only_another_unit_asks_the_last_question_of_that_unit(store_location):
    by_unit = table("income", "收入总体情况表", ["合计", "一般公共预算"], [
        row("合计", 合计="9000", 一般公共预算="8900"),
        row("某某市商务局", 合计="7396.97", 一般公共预算="7300"),
        row("某某市贸易服务中心", 合计="1090.13", 一般公共预算="1086.98"),
        row("某某市会议展览局", 合计="512.90", 一般公共预算="512.63")])
    qa = qa_over(store_location, by_unit, summary())
    unread = qa.answer("那贸易服务中心呢？", ["某某市会议展览局的基本支出是多少？"])
    assert not unread.figures, unread.text  # (no table of the units' 基本支出: never their income)
    read = qa.answer("那贸易服务中心呢？", ["某某市会议展览局的一般公共预算是多少？"])
    assert read.figures and read.figures[0].value == D("1086.98"), read.text


def test_a_shares_whole_named_after_zai_is_that_whole_never_the_budget(store_location):
    three = table("three_public", "财政拨款安排的行政经费及“三公”经费预算表", ["合计", "一般公共预算"], [
        row("行政经费", 合计="3555.29", 一般公共预算="3555.29"),
        row("合计", 合计="304.63", 一般公共预算="304.63"),
        row("因公出国（境）费", 合计="250.00", 一般公共预算="250.00"),
        row("公务用车购置及运行费", 合计="9.73", 一般公共预算="9.73"),
        row("公务接待费", 合计="44.90", 一般公共预算="44.90")])
    expense = table("expense", "本年支出总体情况表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="121393.52", 基本支出="16310.73", 项目支出="105082.79")])
    qa = qa_over(store_location, income(), summary(), expense, three)
    a = qa.answer("因公出国（境）费在“三公”经费中占比多少？")
    assert a.figures and a.figures[0].value == D("82.07"), a.text
    b = qa.answer("公务接待费在三公经费里所占比例是多少？")
    assert b.figures and b.figures[0].value == D("14.74"), b.text


# ---------------------------------------------------------------- the narrative's figures


def test_a_category_of_a_purchase_is_never_the_purchases_total(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[
        section("十二、政府采购预算情况说明", "2017 年我部门政府采购预算总金额为 2889.8 万元。其中\n拟购买货物 334 万元；"
                "拟购买工程 0 万元；拟购买服务\n2555.8 万元。")]))
    works = qa.answer("政府采购预算中工程类采购金额是多少？")
    assert works.figures and works.figures[0].value == 0, works.text
    more = qa.answer("政府采购预算中，服务类比货物类多多少？")
    assert more.figures and more.figures[0].value == D("2221.8"), more.text
    total = qa.answer("政府采购预算总金额是多少？")
    assert total.figures and total.figures[0].value == D("2889.8"), total.text


def test_a_clause_without_a_verb_is_said_under_the_verb_of_the_clause_before_it(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[
        section("二、国有资产占用情况", "截至 2025 年 10 月，某某局共有车辆 3 辆，其中：机要通信用车 1 辆、其他用车 2 辆；"
                "单价 100 万元以上设备 16 台（套）。2026 年计划购置车辆 0 辆、0.00 万元，主要是本单位无计划购置车辆；"
                "单价 100 万元以上设备 0 台（套）、0.00 万元。")]))
    held = qa.answer("截至2025年10月，有多少台单价100万元以上的设备？")
    assert held.figures and held.figures[0].value == 16, held.text


def test_what_is_held_at_a_date_is_never_a_forms_target_and_counts_are_summed(store_location):
    forms = [form("公安执法执勤车辆消耗费", "300", ("维保车辆数", "≥40辆"))]
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), forms=forms, sections=[
        section("八、其他重要事项说明", "截至2025年12月31日共有车辆144辆，其中执法执勤用车95辆、特种专业技术用车38辆、"
                "其他用车11辆。")]))
    held = qa.answer("截至2025年底，有多少辆执法执勤用车？")
    assert held.figures and held.figures[0].value == 95, held.text
    both = qa.answer("执法执勤用车和特种专业技术用车加起来一共多少辆？")
    assert both.figures and both.figures[0].value == 133, both.text
    target = qa.answer("公安执法执勤车辆消耗费的维保车辆数指标是多少？")
    assert target.figures and target.figures[0].value == 40, target.text


# ---------------------------------------------------------------- lists, rankings and counts


def basic_by_item():
    return table("gp_basic_economic", "财政拨款基本支出表（经济科目）", ["合计"], [
        row("合计", 合计="3000"),
        row("工资福利支出", "301", 合计="2500"),
        row("基本工资", "30101", 合计="700"),
        row("津贴补贴", "30102", 合计="1300.77"),
        row("机关事业单位基本养老保险缴费", "30108", 合计="421.08"),
        row("职业年金缴费", "30109", 合计="78.15"),
        row("商品和服务支出", "302", 合计="500"),
        row("办公费", "30201", 合计="500")])


def test_a_sums_list_restated_as_its_count_names_nothing(store_location):
    expense = table("expense", "支出预算总表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="3000", 基本支出="3000", 项目支出=None),
        row("行政事业单位养老支出", "20805", 合计="499.23", 基本支出="499.23", 项目支出=None),
        row("机关事业单位基本养老保险缴费支出", "2080505", 合计="421.08", 基本支出="421.08", 项目支出=None),
        row("机关事业单位职业年金缴费支出", "2080506", 合计="78.15", 基本支出="78.15", 项目支出=None)])
    qa = qa_over(store_location, income(), summary(), expense, basic_by_item())
    a = qa.answer("基本养老保险缴费和职业年金缴费两项加起来是多少？")
    assert a.figures and a.figures[0].value == D("499.23"), a.text


def test_a_ranking_among_a_classs_detailed_items_ranks_its_children(store_location):
    qa = qa_over(store_location, income(), summary(), basic_by_item())
    a = qa.answer("工资福利支出的各明细科目中哪一项金额最多？")
    assert a.figures and a.figures[0].value == D("1300.77") and "津贴补贴" in a.text, a.text


def test_names_listed_before_what_they_are_are_counted(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[
        section("二、部门机构设置", "某某局设下列内设机构：办公室、规划科、人事科、陆空口岸科。机关党委按规定设置。"
                "甲口岸分局、乙港口岸分局、丙口岸分局，为某某局派出机构。")]))
    posts = qa.answer("某某局有几个口岸分局？")
    assert posts.figures and posts.figures[0].value == 3, posts.text
    sent = qa.answer("某某局有几个派出机构？")
    assert sent.figures and sent.figures[0].value == 3, sent.text
    inner = qa.answer("内设机构有多少个？")
    assert inner.figures and inner.figures[0].value == 4, inner.text


# ---------------------------------------------------------------- after the twenty-second run


def units_income():
    return table("income", "收入预算总表", ["合计", "一般公共预算", "其他收入"], [
        row("合计", 合计="90000", 一般公共预算="80000", 其他收入="10000"),
        row("某某市司法局", 合计="3000", 一般公共预算="3000", 其他收入=None),
        row("某某市北郊监狱", 合计="24308.97", 一般公共预算="22000", 其他收入="2308.97"),
        row("某某市东郊监狱", 合计="18764.53", 一般公共预算="17000", 其他收入="1764.53"),
        row("某某市法律援助中心", 合计="1112.70", 一般公共预算="1112.70", 其他收入=None)])


def prisons_expense():
    return table("expense", "支出预算总表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="90000", 基本支出="60000", 项目支出="30000"),
        row("监狱", "2040401", 合计="59935.35", 基本支出="50000", 项目支出="9935.35")])


def test_a_name_inside_a_units_name_is_never_compared_for_the_unit(store_location):
    qa = qa_over(store_location, units_income(), prisons_expense(), summary())
    a = qa.answer("北郊监狱和东郊监狱的收入预算相差多少？")
    assert a.figures and a.figures[0].value == D("5544.44"), a.text


def test_the_units_below_the_body_are_ranked_when_the_question_names_them_so(store_location):
    qa = qa_over(store_location, units_income(), prisons_expense(), summary())
    a = qa.answer("下属各预算单位中，收入预算总计最高的是哪家？")
    assert "北郊监狱" in a.text and a.figures and a.figures[0].value == D("24308.97"), a.text


def test_each_ones_figure_asked_is_never_the_one_total_stated(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[
        section("四、绩效目标设置情况", "本单位编报绩效目标的项目共9个，涉及项目预算资金 1,887.00万元。")]))
    each = qa.answer("那9个绩效目标项目分别叫什么、各自金额多少？")
    assert not each.figures, each.text
    total = qa.answer("编报绩效目标的项目涉及多少预算资金？")
    assert total.figures and total.figures[0].value == D("1887.00"), total.text


def test_yusuan_before_a_total_word_qualifies_nothing():
    from budgetqa.answering.router import parse_question
    assert "支出总计" in parse_question("某某局2026年预算总支出是多少亿元？").q
    assert "支出总计" in parse_question("全年预算总盘子大概几亿元？").q
    assert "支出总计" not in parse_question("项目预算总支出是多少").q  # (a part's, never the whole)


def test_the_part_of_a_share_said_before_the_body_is_no_part_of_its_name():
    from budgetqa.answering.mentions import org_mentions
    said = org_mentions("项目支出占某某市政府办2026年支出预算总额的百分之多少？", weak_too=True)
    assert "某某市政府办" in said and all(m.startswith("某某市") for m in said), said


def test_one_item_in_the_basic_and_project_tables_is_summed_when_both_are_named_first(store_location):
    basic = table("gp_basic_economic", "一般公共预算基本支出情况表（按经济分类科目）", ["合计"], [
        row("合计", 合计="900"), row("商品和服务支出", "302", 合计="300"), row("办公费", "30201", 合计="25.00")])
    project = table("gp_economic", "一般公共预算项目支出情况表（按经济分类科目）", ["合计"], [
        row("合计", 合计="500"), row("商品和服务支出", "302", 合计="500"), row("办公费", "30201", 合计="9.02")])
    expense = table("expense", "本年支出总体情况表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="1400", 基本支出="900", 项目支出="500")])
    qa = qa_over(store_location, income(), summary(), expense, basic, project)
    a = qa.answer("把基本支出和项目支出中的办公费加起来一共多少？")
    assert a.figures and a.figures[0].value == D("34.02"), a.text


def test_the_subjects_of_a_level_are_counted(store_location):
    expense = table("expense", "支出预算总表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="1000", 基本支出="700", 项目支出="300"),
        row("一般公共服务支出", "201", 合计="800", 基本支出="500", 项目支出="300"),
        row("审计事务", "20108", 合计="800", 基本支出="500", 项目支出="300"),
        row("行政运行", "2010801", 合计="500", 基本支出="500", 项目支出=None),
        row("审计业务", "2010804", 合计="300", 基本支出=None, 项目支出="300"),
        row("住房保障支出", "221", 合计="200", 基本支出="200", 项目支出=None),
        row("住房改革支出", "22102", 合计="200", 基本支出="200", 项目支出=None),
        row("住房公积金", "2210201", 合计="200", 基本支出="200", 项目支出=None)])
    qa = qa_over(store_location, income(), summary(), expense)
    classes = qa.answer("按功能分类，支出涉及几个类级科目？")
    assert classes.figures and classes.figures[0].value == 2, classes.text
    items = qa.answer("支出预算总表里一共列了多少个项级功能科目？")
    assert items.figures and items.figures[0].value == 3, items.text
    said = qa.answer("支出预算数不为0的支出功能类有几个？")
    assert said.figures and said.figures[0].value == 2, said.text


def test_how_many_rows_a_name_has_said_with_it_names_nothing_else(store_location):
    projects = table("project", "项目支出预算情况表", ["合计"], [
        row("合计", 合计="4000"),
        row("政府专项债券付息", 合计="126.32"),
        row("城建档案管理", 合计="467.62"),
        row("政府专项债券付息", 合计="3279.87")])
    qa = qa_over(store_location, income(), summary(), projects)
    a = qa.answer("项目支出表中两笔“政府专项债券付息”合计是多少？")
    assert a.figures and a.figures[0].value == D("3406.19"), a.text


def test_a_count_of_things_held_or_bought_is_asked_and_anchored_on_its_own_words(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[
        section("五、国有资产占有使用情况", "截至2025年12月31日，本部门共有车辆2辆。单价在100万元以上的设备 1台。"
                "2026 年部门预算安排购置单位价值 100 万\n元以上设备 0 台（套）。")]))
    bought = qa.answer("2026年预算安排购置单位价值100万元以上的设备有几台？")
    assert bought.figures and bought.figures[0].value == 0, bought.text
    held = qa.answer("单价100万元以上的设备现在有几台？")
    assert held.figures and held.figures[0].value == 1, held.text
    cars = qa.answer("现在有几台公车？")  # (no sentence counts 公车 in 台: never the 设备's)
    assert not cars.figures or cars.figures[0].value != 1, cars.text


def test_a_unit_the_narrative_names_is_asked_about_in_words(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[
        section("一、部门职责", "中共某某市委审计委员会办公室设在市审计局。负责全市审计工作。")]))
    a = qa.answer("中共某某市委审计委员会办公室设在哪里？")
    assert a.answerable and "设在市审计局" in a.text, a.text
    money = qa.answer("中共某某市委审计委员会办公室的预算是多少？")
    assert not money.figures, money.text


def test_a_ranking_by_the_departments_economic_classification_ranks_its_items(store_location):
    basic = table("gp_basic_economic", "一般公共预算基本支出表", ["合计"], [
        row("合计", 合计="1000"),
        row("工资奖金津补贴", "50101", 合计="600"),
        row("商品和服务支出", "50201", 合计="400"),
        row("基本工资", "30101", 合计="250"),
        row("津贴补贴", "30102", 合计="350"),
        row("办公费", "30201", 合计="400.5")])
    qa = qa_over(store_location, income(), summary(), basic)
    a = qa.answer("一般公共预算基本支出按部门经济分类，哪一个科目的金额最大？")
    assert a.figures and a.figures[0].value == D("400.5") and "办公费" in a.text, a.text


# ---------------------------------------------------------------- after the twenty-third run


def test_all_funds_against_one_funds_own_is_read_from_each_table(store_location):
    expense = table("expense", "支出预算总表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="9000", 基本支出="6868.39", 项目支出="2131.61"),
        row("公共安全支出", "204", 合计="7646.81", 基本支出="6000", 项目支出="1646.81")])
    gp = table("gp_expense", "一般公共预算支出预算表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="8876.39", 基本支出="6868.39", 项目支出="2008.00"),
        row("公共安全支出", "204", 合计="6908.12", 基本支出="6000", 项目支出="908.12")])
    qa = qa_over(store_location, income(), summary(), expense, gp)
    projects = qa.answer("全部项目支出比一般公共预算安排的项目支出多出多少？")
    assert projects.figures and projects.figures[0].value == D("123.61"), projects.text
    subject = qa.answer("公共安全支出的总预算比一般公共预算安排的公共安全支出多出多少？")
    assert subject.figures and subject.figures[0].value == D("738.69"), subject.text


def test_a_difference_of_one_cell_with_itself_is_never_stated(store_location):
    gp = table("gp_expense", "一般公共预算支出预算表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="8876.39", 基本支出="6868.39", 项目支出="2008.00")])
    qa = qa_over(store_location, income(), summary(), gp)
    a = qa.answer("全部项目支出比一般公共预算安排的项目支出多出多少？")
    assert not a.figures or a.figures[0].value != 0, a.text


def test_a_count_asked_is_never_answered_with_a_percentage(store_location):
    forms = [form("部门整体支出", "5000", ("各项目标任务按期完成率", "100%"), ("培训人次", "≥300人次"))]
    qa = qa_over(store_location, income(), summary(), forms=forms)
    a = qa.answer("部门整体支出绩效目标表列出了几项年度主要任务？")
    assert not a.figures or a.figures[0].unit != "%", a.text


def test_the_items_printed_under_a_class_without_codes_are_its_children(store_location):
    basic = table("gp_basic_economic", "一般公共预算基本支出预算表", ["合计"], [
        row("合计", 合计="3000"),
        row("工资福利支出", 合计="2000"), row("基本工资", 合计="700"), row("绩效工资", 合计="1076.40"),
        row("住房公积金", 合计="223.60"),
        row("商品和服务支出", 合计="1000"), row("办公费", 合计="1000")])
    qa = qa_over(store_location, income(), summary(), basic)
    a = qa.answer("工资福利支出的各明细里，哪一项金额最大？")
    assert a.figures and a.figures[0].value == D("1076.40") and "绩效工资" in a.text, a.text
    n = qa.answer("工资福利支出下面有几个科目？")
    assert n.figures and n.figures[0].value == 3, n.text


def test_a_count_of_a_classs_children_keeps_the_threshold_asked(store_location):
    basic = table("gp_basic_economic", "一般公共预算基本支出预算表", ["合计"], [
        row("合计", 合计="3000"),
        row("商品和服务支出", 合计="300"), row("办公费", 合计="50.01"), row("水费", 合计="9"),
        row("电费", 合计="71.06"), row("印刷费", 合计="50")])
    qa = qa_over(store_location, income(), summary(), basic)
    a = qa.answer("商品和服务支出里，有几个科目超过50万元？")
    assert a.figures and a.figures[0].value == 2, a.text
