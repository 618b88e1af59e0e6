"""Classes of questions the twenty-seventh blind round (and the misses left from earlier rounds)
answered with a wrong figure or missed, each pinned on a document built by hand with other names
and figures: the reason asked of a short subject (收入) is the sentence where that subject is what
changed, with the body named first in any of its short forms; an indicator's weight is never its
value, nor is a project named before an indicator another form's; a share of its own budget (占其
全年预算) is never a share of the whole; money asked of a project whose form states counts is never
those counts nor the project's whole amount, nor is a part of a project named (律师服务支出); who
supplies a project's goods is refused; a word the document prints (信访工作经费) is never read as a
slip for a row's name (工会经费). And for its misses: a part of a project the narrative states
(大厅律师服务支出 120 万元) is that figure; a row named in a list without the kind
of body its name begins with (基本养老保险缴费) is that row; a table cited by its whole title, brackets
and all, is the table the figure is read from; the reason a 决算 fell short of its budget (决算数小于
预算数的主要原因) is that sentence of the section, not its opening; a form's indicators asked by
their level (满意度指标是什么) are those of the one period it prints; an indicator whose name repeats
a word of the project's (房屋出租率 of 驻沪办房屋修缮) or is said in one run (目标完成率, not 项目完成率)
is that indicator; how a thing is done asked in words (怎么运作的) is read in the narrative, never
an amount; a change stated with no reason loses to the sentence giving the reason for its part.

The twenty-eighth round's wrong figures, each a class: a difference of two siblings said inside
their total's name (政府采购货物预算比服务预算) is of the siblings, never the total less one; a share
of a whole named last before 中 (基本支出的人员经费中，工资福利支出占) is of that whole; an amount per
item (平均每辆) is the amount divided by the count the question states, or refused; two figures
asked one after the other are answered in turn, the first first."""

from __future__ import annotations

from decimal import Decimal as D

from budgetqa.model import Indicator, ParsedDocument
from budgetqa.service import BudgetQA
from budgetqa.settings import Settings
from budgetqa.store import Store
from parsed_tables import row, table
from test_answering_eleventh import form, income, retrieving_every_section, section, summary
from test_answering_parts import qa_over


def qa_of(store_location, department: str, *tables, forms=(), sections=(), kind: str = "预算") -> BudgetQA:
    doc = ParsedDocument("d", "d.pdf", f"{department}2026年部门{kind}", department, 2026, kind, "部门", "h",
                         tables=list(tables), forms=list(forms), sections=list(sections))
    Store(store_location).save(doc)
    return BudgetQA(Settings(), Store(store_location), None)


# ---------------------------------------------------------------- reasons


def test_the_reason_asked_of_a_short_subject_is_where_that_subject_changed(store_location):
    said = section("一、部门预算收支情况",
                   "（一）收入预算。2026 年年初预算数 9,230.18 万元，其中：一般公共预算拨款 8,417.70 万元，收入比"
                   " 2025 年增加 1,784.38 万元，其中：一般公共预算财政拨款增加 1,781.90 万元，主要是增加了便民热线"
                   "运营项目二期预算；事业收入增加 2.48 万元，主要是统一政策要求。")
    running = section("五、其他重要事项的情况说明",
                      "（一）机关运行经费。2026 年一般公共预算财政拨款运行经费 815 万元，比 2025 年增加 21.99 万元，"
                      "主要原因为在职人员较去年有所增加；主要用于办公费、印刷费。")
    qa = qa_of(store_location, "泸州市人民政府办公室", income(), summary(), sections=[said, running])
    for q in ("泸州市政府办公室2026年收入增加的主要原因是什么？", "收入为什么比上年增加了？"):
        a = qa.answer(q)
        assert "便民热线" in a.text, (q, a.text)


# ---------------------------------------------------------------- forms


def test_an_indicators_weight_is_never_its_value_nor_another_forms(store_location):
    whole = form("部门整体支出", "9000", ("布局关键技术", "≥260项"), ("获批自然基金项目数量", "≥800项"))
    qa = qa_over(store_location, income(), summary(), forms=[whole])
    for q in ("科技发展专项绩效指标里“布局关键技术”的权重是多少？", "科技发展专项绩效指标里布局关键技术的目标是多少？",
              "部门整体支出绩效指标里布局关键技术的权重是多少？"):
        a = qa.answer(q)
        assert not a.figures and "260" not in a.text, (q, a.text)
    said = qa.answer("部门整体支出绩效指标里布局关键技术的目标是多少？")
    assert said.figures and said.figures[0].value == D("260"), said.text


def test_money_asked_of_a_form_stating_counts_is_neither_the_counts_nor_the_whole(store_location):
    hall = form("信访大厅运行", "603.84")
    hall.fields["年度目标"] = "通过预算投入，聘请常驻律师至少6名，确保常驻律师到位及时率达100%，推动普法与信访无缝衔接。"
    hall.field_lines["年度目标"] = hall.line_start + 1
    listed = table("project", "项目支出表", ["合计"], [row("合计", 合计="603.84"), row("信访大厅运行", 合计="603.84")])
    qa = qa_over(store_location, income(), summary(), listed, forms=[hall])
    for q in ("信访大厅聘请律师的大厅律师服务支出安排了多少？", "信访大厅运行项目里律师服务支出安排了多少？"):
        a = qa.answer(q)
        assert not a.figures and not any(n in a.text for n in ("603.84", "6名", "100%")), (q, a.text)
    whole = qa.answer("信访大厅运行项目安排了多少？")
    assert whole.figures and whole.figures[0].value == D("603.84"), whole.text


def test_who_supplies_a_projects_goods_is_refused(store_location):
    listed = table("project", "项目支出表", ["合计"], [row("合计", 合计="16"), row("设备购置更新", 合计="16")])
    a = qa_over(store_location, income(), summary(), listed).answer("设备购置更新项目的设备是由哪家公司供货的？")
    assert not a.figures and not a.answerable, a.text


# ---------------------------------------------------------------- shares


def test_a_share_of_its_own_budget_is_never_a_share_of_the_whole(store_location):
    spent = table("expense", "支出总表", ["合计", "基本支出"], [
        row("合计", 合计="307.82", 基本支出="307.82"), row("事业运行", "2013950", 合计="11.31", 基本支出="11.31")])
    a = qa_over(store_location, income(), summary(), spent).answer("事业运行的预算数占其全年预算的百分比是多少？")
    assert not a.figures, a.text


# ---------------------------------------------------------------- rows and tables


def test_a_row_named_without_the_kind_of_body_it_begins_with_is_summed_in_a_list(store_location):
    basic = table("gp_basic_economic", "一般公共预算基本支出预算表", ["合计"], [
        row("合计", 合计="900"), row("机关事业单位基本养老保险缴费", 合计="135.62"),
        row("职业年金缴费", 合计="67.81"), row("住房公积金", 合计="209.04")])
    subjects = table("gp_expense", "一般公共预算支出预算表", ["合计"], [
        row("合计", 合计="900"), row("机关事业单位基本养老保险缴费支出", "2080505", 合计="201.65")])
    a = qa_over(store_location, income(), summary(), basic, subjects).answer(
        "基本养老保险缴费、职业年金缴费和住房公积金三项加起来是多少？")
    assert a.figures and a.figures[0].value == D("412.47"), a.text


def test_a_table_cited_by_its_whole_title_is_read_from(store_location):
    by_item = table("gp_economic", "一般公共预算支出表（按经济分类）", ["支出总计", "基本支出"], [
        row("合计", 支出总计="5000", 基本支出="3000"), row("委托业务费", "30227", 支出总计="1143.78", 基本支出="0")])
    basic = table("gp_basic_economic", "基本支出总表", ["合计"], [row("合计", 合计="3000"), row("办公费", "30201", 合计="40")])
    a = qa_over(store_location, income(), summary(), basic, by_item).answer(
        "一般公共预算支出表（按经济分类）里委托业务费总共多少？")
    assert a.figures and a.figures[0].value == D("1143.78"), a.text


# ---------------------------------------------------------------- parts and slips


def hall_of_petitions(store_location):
    said = section("一、深圳市信访局",
                   "2.信访大厅运行 603.84 万元，主要包括：大厅保安和安检服务项目支出 328.69 万元；大厅律师服务支出"
                   " 120 万元，用于市信访大厅法律服务室聘请专业律师。3.信访专项 486.39 万元，主要包括：信访工作经费"
                   " 216.40 万元，用于信访事项办理。")
    listed = table("project", "项目支出表", ["合计"], [
        row("合计", 合计="1090.23"), row("信访大厅运行", 合计="603.84"), row("信访专项", 合计="486.39")])
    by_item = table("gp_economic", "一般公共预算支出表（按经济分类）", ["支出总计"], [
        row("合计", 支出总计="3000"), row("工会经费", "30228", 支出总计="36.91")])
    hall = form("信访大厅运行", "603.84")
    hall.fields["年度目标"] = "通过预算投入，聘请常驻律师至少6名，确保常驻律师到位及时率达100%。"
    hall.field_lines["年度目标"] = hall.line_start + 1
    return retrieving_every_section(qa_of(store_location, "深圳市信访局", income(), summary(), listed, by_item,
                                          forms=[hall], sections=[said]))


def test_a_part_of_a_project_the_narrative_states_is_that_figure(store_location):
    qa = hall_of_petitions(store_location)
    for q, value in (("市信访大厅聘请律师的大厅律师服务支出安排了多少？", "120"),
                     ("信访大厅运行项目里律师服务支出是多少？", "120")):
        a = qa.answer(q)
        assert a.figures and a.figures[0].value == D(value), (q, a.text)


def test_a_word_the_document_prints_is_never_a_slip_for_a_rows_name(store_location):
    qa = hall_of_petitions(store_location)
    a = qa.answer("信访工作经费是多少？")
    assert not a.figures or a.figures[0].value == D("216.40"), a.text
    slip = qa.answer("工会经废是多少？")  # (a slip of the pen the document never prints)
    assert slip.figures and slip.figures[0].value == D("36.91"), slip.text


# ---------------------------------------------------------------- final accounts and forms


def test_the_reason_a_final_account_fell_short_of_its_budget_is_that_sentence(store_location):
    said = section("五、一般公共预算财政拨款支出决算情况说明",
                   "（一）一般公共预算财政拨款支出决算总体情况（二）一般公共预算财政拨款支出决算结构情况"
                   "（三）一般公共预算财政拨款支出决算具体情况 一般公共预算财政拨款支出年初预算为 0 万元，全年预算为"
                   " 321.02 万元，支出决算为 307.82 万元。决算数小于预算数的主要原因：人员经费支出数小于预算数。"
                   "与上年相比，一般公共预算财政拨款支出增加 307.82 万元，主要原因：单位于2024年成立。")
    a = qa_of(store_location, "某某部", income(), summary(), sections=[said], kind="决算").answer(
        "一般公共预算财政拨款支出决算小于预算的主要原因是什么？")
    assert "人员经费支出数小于预算数" in a.text and "单位于2024年成立" not in a.text, a.text


def repair(store_location):
    lines = iter(range(900, 960))
    repaired = form("驻沪办房屋修缮经费", "28.50")
    repaired.indicators = [Indicator("实施期", level1, level2, name, value, next(lines)) for level1, level2, name, value in (
        ("产出指标", "时效指标", "目标完成率", "≥90%"), ("产出指标", "数量指标", "项目完成率", "≥95%"),
        ("效益指标", "经济效益指标", "房屋出租率", "≥98%"),
        ("满意度指标", "服务对象满意度指标", "物业及租户满意度", "≥85%"))]
    return qa_over(store_location, income(), summary(), forms=[repaired])


def test_a_forms_indicators_asked_by_their_level_are_those_of_its_one_period(store_location):
    a = repair(store_location).answer("驻沪办房屋修缮经费项目的满意度指标是什么？")
    assert "物业及租户满意度" in a.text and "≥85%" in a.text and "房屋出租率" not in a.text, a.text


def test_an_indicator_named_with_a_word_of_its_project_or_in_one_run_is_that_indicator(store_location):
    qa = repair(store_location)
    for q, value in (("驻沪办房屋修缮项目的房屋出租率目标值是多少？", "98"),
                     ("驻沪办房屋修缮项目的经济效益指标“房屋出租率”目标值是多少？", "98"),
                     ("驻沪办房屋修缮项目的目标完成率目标值是多少？", "90")):
        a = qa.answer(q)
        assert a.figures and a.figures[0].value == D(value), (q, a.text)


# ---------------------------------------------------------------- words asked


def test_how_a_thing_is_done_asked_in_words_is_read_in_the_narrative_never_an_amount(store_location):
    listed = table("project", "专项业务经费支出表", ["项目金额"], [
        row("合计", 项目金额="9000"), row("农村电影放映工程市级财政专项补贴", 项目金额="338.16")])
    said = section("三、专项业务经费说明",
                   "我市农村电影放映工程按照“企业经营、市场运作、政府购买、群众受惠”的原则，每个行政村每月放映一场公益性数字电影。")
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), listed, sections=[said]))
    a = qa.answer("农村电影放映工程是怎么运作的？")
    assert "市场运作" in a.text and not a.figures, a.text


def test_a_change_stated_with_no_reason_loses_to_the_reason_of_its_part(store_location):
    said = section("一、2026年“三公”经费预算情况说明",
                   "2026年“三公”经费预算数为47.91万元，比2025年预算增加25万元。其中：\n（一）因公出国（境）费0万元，"
                   "比2025年预算持平。主要原因是因公出国（境）费保持不变。\n（二）公务用车购置及运行费46.56万元，比2025年"
                   "预算增加25万元，主要原因是购置公务用车。")
    a = qa_of(store_location, "上海市普陀区人民政府万里街道办事处", income(), summary(), sections=[said]).answer(
        "万里街道2026年三公经费为什么增加")
    assert "购置公务用车" in a.text, a.text


# ---------------------------------------------------------------- the twenty-eighth round


def test_a_difference_of_siblings_said_inside_their_totals_name_is_of_the_siblings(store_location):
    bought = table("gov_purchase", "2026年政府采购预算明细表", ["合计", "一般公共预算"], [
        row("合计", 合计="712.49", 一般公共预算="504.98"), row("货物", 合计="486.50", 一般公共预算="480.50"),
        row("服务", 合计="225.99", 一般公共预算="24.48")])
    a = qa_over(store_location, income(), summary(), bought).answer("政府采购货物预算比服务预算多多少？")
    assert a.figures and a.figures[0].value == D("260.51"), a.text


def test_a_share_of_the_whole_named_last_before_zhong_is_of_that_whole(store_location):
    basic = table("gp_basic_economic", "一般公共预算财政拨款基本支出决算表", ["决算数"], [
        row("合计", 决算数="98606.29"), row("人员经费合计", 决算数="96513.21"),
        row("工资福利支出", "301", 决算数="92835.98"), row("公用经费合计", 决算数="2093.08")])
    a = qa_of(store_location, "某某委员会", income(), summary(), basic, kind="决算").answer(
        "一般公共预算财政拨款基本支出的人员经费中，工资福利支出占多少比例？")
    assert a.figures and a.figures[0].value == D("96.19"), a.text


def test_an_amount_per_item_is_divided_by_the_count_the_question_states_or_refused(store_location):
    three = table("three_public", "“三公”经费支出表", ["合计"], [
        row("合计", 合计="200"), row("公务用车购置费", 合计="136.48"), row("公务用车运行费", 合计="63.52")])
    qa = qa_over(store_location, income(), summary(), three)
    a = qa.answer("今年购置了5辆公务用车，平均每辆车的购置费是多少万元？")
    assert a.figures and a.figures[0].value == D("27.30") and "136.48 ÷ 5" in a.text, a.text
    unsaid = qa.answer("平均每辆车的购置费是多少万元？")
    assert not unsaid.figures, unsaid.text


def test_two_figures_asked_one_after_the_other_are_answered_in_turn(store_location):
    held = section("十二、国有资产占用情况说明",
                   "截至2025年12月31日，本部门共有车辆 517辆，其中：特种专业技术用车 375辆，其他用车 142辆。")
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[held]))
    a = qa.answer("截至2025年末，共有多少辆车？其中特种专业技术用车几辆？")
    assert [f.value for f in a.figures[:2]] == [D("517"), D("375")], a.text
