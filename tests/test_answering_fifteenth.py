"""Classes of questions the fifteenth blind round (and the pdf set) answered wrongly or not at
all, each pinned on a document built by hand with other names and figures: an area the narrative
states; a clause with no subject of its own; an indicator told from its neighbours by the words
its project does not share; a transfer payment's direction named without 方向; a reward named
after a row's name; this year's spending total as a share's whole; 差了多少; an indicator whose
name begins like a body's; a source of money asked with 收入; a table's own row before a project
of the same name; a part read from its whole's table; a code after the classification named;
the body's own level of a project each unit prints; a figure only the narrative states; the
units a budget is made of, counted. Each failed before its change."""

from __future__ import annotations

from decimal import Decimal as D

from budgetqa.answering.listed_counts import listed_count
from budgetqa.answering.passage_figures import figure_in_passages, measure_asked
from budgetqa.answering.router import parse_question
from budgetqa.model import Indicator, Passage, ProjectForm, Row
from budgetqa.parsing.pdf_tables import UNIT_OF_ROW
from parsed_tables import next_line, row, table
from test_answering_eleventh import income, retrieving_every_section, section, summary
from test_answering_parts import qa_over


def _form(project, total, *indicators, level2="数量指标") -> ProjectForm:
    line = next_line()
    return ProjectForm(project, {"项目名称": project, "年度目标": f"{project}的目标"}, {"项目名称": line, "年度目标": line},
                       {"年度资金总额": D(total)}, {"年度资金总额": line},
                       [Indicator("年度", "产出指标", level2, name, value, line) for name, value in indicators],
                       line, line + 5, "万元")


# ---------------------------------------------------------------- the narrative's figures


def test_an_area_asked_is_the_area_the_narrative_states_never_an_amount():
    text = ("本工程位于某路，用地面积约为3200.5平方米。本工程规划建筑面积约为10880平方米，其中地上建筑面积为"
            "7000平方米，地下建筑面积为3880平方米，总投资5000万元。")
    p = Passage("d", "项目概况", 1, 3, text)
    assert measure_asked("新建工程规划建筑面积多大") == "area"
    found = figure_in_passages("新建工程规划建筑面积多大", [p], "area")
    assert found is not None and found.value == D("10880") and found.unit == "平方米"
    under = figure_in_passages("地下建筑面积是多少平方米", [p], "area")
    assert under is not None and under.value == D("3880")
    assert measure_asked("这个项目投资多少") is None


def test_an_area_asked_of_a_document_is_answered_with_its_unit(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[
        section("项目概况", "本工程规划建筑面积约为10880平方米，总投资5000万元。")]))
    a = qa.answer("新建工程规划建筑面积多大？")
    assert a.figures and a.figures[0].value == D("10880") and a.figures[0].unit == "平方米", a.text


def test_a_clause_with_no_subject_of_its_own_says_its_figure_of_the_clause_before():
    p = Passage("d", "绩效目标设置情况", 1, 2,
                "本部门开展了项目预算绩效目标编报工作，编报绩效目标的项目9个，涉及项目预算资金4321万元。")
    found = figure_in_passages("编报绩效目标的项目涉及多少预算资金", [p], "money")
    assert found is not None and found.value == D("4321"), found


def test_words_a_table_row_does_not_explain_are_read_from_the_narrative_that_states_them(store_location):
    basic = table("gp_basic_economic", "基本支出表", ["合计"], [row("合计", 合计="500"), row("一、财政拨款", 合计="500")])
    qa = qa_over(store_location, income(), summary(), basic, sections=[
        section("委托业务费安排情况", "2026年本局各单位委托业务费财政拨款总额321.40万元。")])
    qa = retrieving_every_section(qa)
    a = qa.answer("各单位委托业务费财政拨款总额是多少？")
    assert a.figures and a.figures[0].value == D("321.40"), a.text


def test_the_units_a_budget_is_made_of_are_counted_from_the_list_of_their_budgets():
    p = Passage("d", "机构设置", 1, 3, "从预算单位构成看，某某局预算包括：局本级预算、局属甲中心预算、"
                                       "局属乙中心预算和局属丙服务中心预算。")
    found = listed_count("部门预算由几个预算单位组成", [p])
    assert found is not None and found.value == D("4"), found
    assert found.items == ["局本级", "局属甲中心", "局属乙中心", "局属丙服务中心"]


# ---------------------------------------------------------------- forms and indicators


def _direction_forms():
    return [_form("就业共同事权转移支付-养老服务补助-毕业生入职奖励方向", "160",
                  ("入职奖励第一年及第二年奖励标准（本科）", "18000元/人/年"),
                  ("入职奖励第三年奖励标准（本科）", "24000元/人/年"),
                  ("入职奖励第三年奖励标准（专科）", "20000元/人/年"),
                  ("入职奖励第三年奖励标准（中职）", "16000元/人/年"), level2="成本指标")]


def test_an_indicator_is_told_from_its_neighbours_by_the_words_its_project_does_not_share(store_location):
    qa = qa_over(store_location, income(), summary(), forms=_direction_forms())
    a = qa.answer("毕业生入职奖励中，本科毕业生第三年的奖励标准是多少？")
    assert a.figures and a.figures[0].value == D("24000"), a.text  # (中 of 奖励中 says no 中职)
    b = qa.answer("毕业生入职奖励第三年奖励标准是多少？")  # which qualifier, not said: no figure
    assert not b.figures, b.text


def test_a_transfer_payments_direction_is_named_without_fang_xiang(store_location):
    purchase = table("gov_purchase", "政府购买服务明细表", ["预算数"], [row("合计", 预算数="300"), row("养老服务", 预算数="105")])
    qa = qa_over(store_location, income(), summary(), purchase, forms=_direction_forms())
    a = qa.answer("养老服务毕业生入职奖励的年度资金总额是多少？")
    assert a.figures and a.figures[0].value == D("160"), a.text
    goal = qa.answer("发放养老服务毕业生入职奖励想达到什么目的？")
    assert not goal.figures and "目标" in goal.text, goal.text


def test_a_reward_named_after_a_rows_name_is_not_that_rows_figure(store_location):
    purchase = table("gov_purchase", "财政拨款政府购买服务明细表", ["预算数"], [
        row("合计", 预算数="300"), row("养老服务", None, "01-公共服务", 预算数="105")])
    qa = qa_over(store_location, income(), summary(), purchase)
    a = qa.answer("养老服务毕业生一次性入职奖励中，本科毕业生第三年的奖励标准是多少？")
    assert not a.figures, a.text


def test_yi_ci_xing_is_a_word_not_a_count():
    assert "一次性" in parse_question("毕业生一次性入职奖励多少").q
    assert "1次" in parse_question("一次多少钱").q


def test_an_indicator_whose_name_begins_like_a_body_is_no_other_body(store_location):
    whole = _form("部门整体支出", "900", ("市政府门户网站和政务新媒体访问量", "≥2000万人次"),
                  ("民呼我为（“12345”）咨询一次性解答率", "≥70%"))
    qa = qa_over(store_location, income(), summary(), forms=[whole])
    a = qa.answer("部门整体绩效目标中“市政府门户网站和政务新媒体访问量”的指标值是多少？")
    assert a.figures and a.figures[0].value == D("2000"), a.text
    b = qa.answer("民呼我为（“12345”）咨询一次性解答率的目标值是多少？")
    assert b.figures and b.figures[0].value == D("70") and b.figures[0].unit == "%", b.text


# ---------------------------------------------------------------- tables


def test_a_share_of_this_years_spending_total_is_over_that_total_not_the_grand_total(store_location):
    two_sided = table("summary", "收支总表", ["预算数"], [
        Row("一、一般公共预算", {"预算数": D("900")}, next_line(), side="收入"),
        Row("社会保障和就业支出", {"预算数": D("600")}, next_line(), side="支出"),
        Row("本年收入合计", {"预算数": D("900")}, next_line(), side="收入"),
        Row("本年支出合计", {"预算数": D("800")}, next_line(), side="支出"),
        Row("结转下年", {"预算数": D("200")}, next_line(), side="支出"),
        Row("收入总计", {"预算数": D("1000")}, next_line(), side="收入"),
        Row("支出总计", {"预算数": D("1000")}, next_line(), side="支出")])
    qa = qa_over(store_location, income(), two_sided)
    a = qa.answer("社会保障和就业支出占本年支出合计的比重是多少？")
    assert a.figures and a.figures[0].value == D("75.00"), a.text  # 600 ÷ 800
    b = qa.answer("社会保障和就业支出占支出总计的比重是多少？")
    assert b.figures and b.figures[0].value == D("60.00"), b.text  # 600 ÷ 1000


def test_cha_le_duo_shao_between_two_tables_is_their_difference():
    assert "diff" in parse_question("信访业务在支出总表和财政拨款支出表里的数差了多少？").ops


def test_a_source_of_money_asked_with_shou_ru_is_its_row_not_a_column_of_another_table(store_location):
    two_sided = table("summary", "收支总表", ["预算数"], [
        Row("一、财政拨款", {"预算数": D("700")}, next_line(), side="收入"),
        Row("1.一般公共预算拨款", {"预算数": D("700")}, next_line(), side="收入"),
        Row("收入总计", {"预算数": D("900")}, next_line(), side="收入")])
    basic = table("gp_basic_economic", "基本支出总表", ["合计", "财政拨款收入"], [row("合计", 合计="300", 财政拨款收入="250")])
    qa = qa_over(store_location, income(), two_sided, basic)
    a = qa.answer("一般公共预算拨款收入有多少？")
    assert a.figures and a.figures[0].value == D("700"), a.text


def test_the_named_tables_own_row_comes_before_a_project_of_the_same_name(store_location):
    fiscal = table("fiscal_summary", "财政拨款收支总表", ["预算数"], [
        Row("一般公共预算拨款", {"预算数": D("900")}, next_line(), side="收入"),
        Row("节能环保支出", {"预算数": D("800")}, next_line(), side="支出"),
        Row("污染防治", {"预算数": D("366.02")}, next_line(), side="支出")])
    qa = qa_over(store_location, income(), summary(), fiscal,
                 forms=[_form("污染防治", "120", ("危险废物企业评估", "≥80家"))])
    a = qa.answer("财政拨款收支总表中“污染防治”款的支出是多少？")
    assert a.figures and a.figures[0].value == D("366.02"), a.text


def test_a_part_is_read_from_its_wholes_table_when_its_column_says_qi_zhong(store_location):
    expense = table("expense", "支出总表", ["合计", "基本支出", "项目支出"], [row("合计", 合计="5000", 基本支出="3000", 项目支出="2000")])
    gp = table("gp_expense", "一般公共预算支出表", ["合计", "其中：基本支出", "项目支出"], [
        row("合计", **{"合计": "400", "其中：基本支出": "100", "项目支出": "300"})])
    qa = qa_over(store_location, income(), summary(), expense, gp)
    a = qa.answer("一般公共预算支出中基本支出占多少比例？")
    assert a.figures and a.figures[0].value == D("25.00"), a.text  # 100 ÷ 400, never 3000 ÷ 400


def test_a_code_after_the_classification_named_is_the_row_of_that_table(store_location):
    basic = table("gp_basic_economic", "一般公共预算基本支出", ["预算数"], [
        row("合计", 预算数="500"), row("住房公积金", "30113", 预算数="61.5"), row("办公费", "30201", 预算数="12")])
    qa = qa_over(store_location, income(), summary(), basic)
    a = qa.answer("一般公共预算基本支出按经济分类，30113住房公积金是多少？")
    assert a.figures and a.figures[0].value == D("61.5"), a.text


def test_the_bodys_own_level_of_a_project_each_unit_prints_is_the_row_printed_as_the_bodys(store_location):
    def project_row(unit, amount):
        r = row("保健经费", 合计=amount)
        r.texts[UNIT_OF_ROW] = unit
        return r
    projects = table("project", "项目支出表", ["合计"], [
        row("合计", 合计="1000"), project_row("某某局", "364.18"), project_row("某某医院", "90.98"),
        project_row("某某中心", "38.00")])
    qa = qa_over(store_location, income(), summary(), projects)
    a = qa.answer("局本级的保健经费是多少？")
    assert a.figures and a.figures[0].value == D("364.18"), a.text
    assert "某某局" in a.text


def test_a_change_the_narrative_states_is_not_the_items_amount():
    p = Passage("d", "财政拨款支出情况", 1, 2, "比上年减少3,840万元，主要原因是城区污水处理运营服务费减少3,840万元。")
    assert figure_in_passages("城区污水处理运营服务费是多少", [p], "money") is None
    change = figure_in_passages("城区污水处理运营服务费比上年减少了多少", [p], "money")
    assert change is not None and change.value == D("3840")


def test_a_duration_asked_with_duo_chang_is_no_length():
    assert measure_asked("督查工作业务经费项目实施周期多长") is None
    assert measure_asked("新建道路全长多少公里") == "length"


def test_a_conversion_asked_with_duo_shao_is_the_last_answer_in_that_unit(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[
        section("支出情况", "（6）气象防灾减灾服务 253.08 万元。")]))
    a = qa.answer("折合多少元？", ["气象防灾减灾服务安排了多少钱？"])
    assert a.figures and a.figures[0].value == D("2530800") and a.figures[0].unit == "元", a.text


def test_the_bodys_name_said_plainly_is_the_body_not_its_own_level(store_location):
    three = table("three_public", "“三公”经费支出表", ["某某局", "某某局（本级）"], [
        row("合计", **{"某某局": "581.59", "某某局（本级）": "300"}),
        row("公务接待费", **{"某某局": "25.19", "某某局（本级）": "10"})])
    qa = qa_over(store_location, income(), summary(), three)
    a = qa.answer("其中公务接待费呢？", ["2026年某某局“三公”经费预算是多少？"])
    assert a.figures and a.figures[0].value == D("25.19"), a.text


def test_which_project_is_the_thing_ranked_not_an_item_left_out(store_location):
    projects = table("project", "项目支出预算情况表", ["合计"], [
        row("合计", 合计="900"), row("儿童村运转经费", 合计="586"), row("慈善事业工作经费", 合计="314")])
    qa = qa_over(store_location, income(), summary(), projects)
    a = qa.answer("项目支出预算表里金额最大的是哪个项目？")
    assert a.answerable and "儿童村运转经费" in a.text, a.text


def test_a_special_funds_form_is_keyed_by_its_name_and_its_years_money():
    from budgetqa.parsing.pdf_forms import meaning
    assert meaning("专项资金名称") == "name"
    assert meaning("年度预算资金（万元）") == "total"


def test_a_groups_figure_is_not_one_of_its_members():
    p = Passage("d", "预算绩效情况说明", 1, 2,
                "本部门反映核酸检测费用等82个一级项目的绩效自评结果，涉及预算资金597,650.29万元。")
    assert figure_in_passages("核酸检测费用项目执行了多少钱", [p], "money") is None


def test_an_amount_a_section_not_retrieved_states_is_read_when_anchored_on_six_characters(store_location):
    qa = qa_over(store_location, income(), summary(), sections=[
        section("机构设置", "本部门下设办公室。"),
        section("绩效目标设置情况", "本部门开展了绩效目标编报工作，编报绩效目标的项目9个，涉及项目预算资金4321万元。")])
    qa = retrieving_every_section(qa, first=1)  # (the retriever returns only the first section)
    a = qa.answer("编报绩效目标的项目涉及多少预算资金？")
    assert a.figures and a.figures[0].value == D("4321"), a.text


def test_the_years_overall_target_is_the_years_target_of_a_form_printing_no_other(store_location):
    qa = qa_over(store_location, income(), summary(), forms=[_form("入住养老机构补贴方向", "93")])
    a = qa.answer("入住养老机构补贴方向的转移支付，年度总体目标是什么？")
    assert "入住养老机构补贴方向的目标" in a.text and not a.figures, a.text


# ---------------------------------------------------------------- after the sixteenth round's first run


def test_duties_on_one_topic_are_the_duties_that_name_it(store_location):
    duties = "主要职责：" + "".join(f"（{n}）负责{w}工作，拟订有关政策、规划和标准并组织实施，指导各区开展相关工作，"
                                     f"监督检查有关法律法规和政策措施的落实情况，协调解决重大问题。"
                                     for n, w in zip("一二三四五六七八九十", ["规划", "财务", "人事", "统计", "信息化",
                                                                      "安全生产", "宣传", "法治", "中医药事业发展", "审计"]))
    qa = qa_over(store_location, income(), summary(), sections=[section("一、主要职责", duties)])
    a = qa.answer("在中医药方面有什么职责？")
    assert "中医药事业发展" in a.text and "信息化" not in a.text, a.text


def test_the_units_a_budget_lists_with_their_kind_and_a_page_number_between_are_counted():
    made_of = Passage("d", "机构设置", 1, 3, "从预算单位构成看，某某局部门预算包括：某某局本级预算（行政单位）、某某管理服务中心"
                                             "（参公事业单位）、某某技师学院（某某高级技工学校）（事业单位）和某某保障中心（事业单位）预算。")
    found = listed_count("部门预算由几家预算单位组成", [made_of])
    assert found is not None and found.value == D("4"), found
    numbered = Passage("d", "机构设置", 1, 3, "纳入本部门预算编制范围的二级预算单位\n\n—5—\n包括：\n1.某某局\n"
                                              "2.某某监督站3.某某服务中心4.某某交易中心\n—6—")
    found = listed_count("二级预算单位有几个", [numbered])
    assert found is not None and found.value == D("4"), found


def test_a_count_asked_of_a_qualified_noun_is_read_after_its_qualifiers(store_location):
    target = _form("会计人员考培", "50")
    target.fields["年度目标"] = "对业务骨干进行集中培训，培养40名充分掌握先进会计理论人才，提高业务水平。"
    bridges = _form("航道养护和疏浚服务", "80")
    bridges.fields["年度目标"] = "完成维护测量面积约35平方公里以及100座桥梁基础数据采集测量。"
    qa = qa_over(store_location, income(), summary(), forms=[target, bridges])
    a = qa.answer("会计人员考培项目的绩效目标计划培养多少名会计理论人才？")
    assert a.figures and a.figures[0].value == D("40"), a.text
    b = qa.answer("航道养护和疏浚服务项目要完成多少座桥梁的基础数据采集测量？")
    assert b.figures and b.figures[0].value == D("100"), b.text


def test_an_area_asked_of_a_forms_indicator_is_its_value_not_the_projects_purpose(store_location):
    office = _form("房租物业及建设管理等补助", "300", ("租用办公楼面积", "=10010.89㎡"))
    qa = qa_over(store_location, income(), summary(), forms=[office])
    a = qa.answer("房租物业及建设管理等补助项目绩效目标里，租用办公楼面积是多少平方米？")
    assert a.figures and a.figures[0].value == D("10010.89"), a.text


def test_ji_ge_yi_asks_an_amount_in_yi_yuan():
    q = parse_question("政府性基金预算拨款收入有几个亿？")
    assert "多少亿元" in q.q and q.unit == "亿元", (q.q, q.unit)


def test_which_internal_division_does_a_piece_of_work_is_no_contractor_question():
    assert parse_question("数据局的计划财务工作是由哪个内设机构承担的？").refusal is None
    assert parse_question("审计服务是哪家会计师事务所承接的？").refusal == "contractor"


def test_what_a_project_with_no_form_is_for_is_its_tables_target_column(store_location):
    r = row("社工服务外包项目", 合计="45")
    r.texts["绩效目标"] = "引入社会工作专业人员参与信访工作，为信访人提供情绪安抚服务。"
    projects = table("project", "部门预算项目支出及其他支出预算表", ["合计"], [row("合计", 合计="45"), r])
    qa = qa_over(store_location, income(), summary(), projects)
    a = qa.answer("社工服务外包项目主要干什么？")
    assert a.answerable and "情绪安抚服务" in a.text and not a.figures, a.text
    money = qa.answer("社工服务外包项目预算多少？")
    assert money.figures and money.figures[0].value == D("45"), money.text


def test_a_change_of_the_bodys_income_is_the_narratives_change_of_its_income(store_location):
    from budgetqa.model import NarrativeFact, ParsedDocument
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings
    from budgetqa.store import Store
    sentence = "2026年本部门收入预算121,393.52万元，比上年增加10,410.58万元，增长9.4%。"
    two_sided = table("summary", "收支总表", ["预算数"], [
        Row("收入总计", {"预算数": D("121393.52")}, next_line(), side="收入"),
        Row("支出总计", {"预算数": D("121393.52")}, next_line(), side="支出")])
    doc = ParsedDocument("d", "d.pdf", "某某局2026年部门预算", "某某局", 2026, "预算", "部门", "h",
                         tables=[income(), two_sided], sections=[section("一、收支增减变化情况", sentence)],
                         facts=[NarrativeFact("收入", "本年预算", D("121393.52"), "万元", 10, sentence),
                                NarrativeFact("收入", "比上年增减额", D("10410.58"), "万元", 10, sentence)])
    Store(store_location).save(doc)
    qa = BudgetQA(Settings(), Store(store_location), None)
    a = qa.answer("今年收入预算比上年增加了多少？")
    assert a.figures and a.figures[0].value == D("10410.58"), a.text


def test_the_reason_for_a_change_may_follow_what_the_item_is_for(store_location):
    text = ("2.公务接待费：2026 年安排公务接待费预算 27.10 万元，比上年预算数减少 5.00 万元，下降 15.6%。"
            "主要用于接待省内外各单位调研、交流和学习等公务活动支出。减少的主要原因是执法队公务接待频次预计减少。")
    qa = qa_over(store_location, income(), summary(), sections=[section("三公经费预算情况说明", text)])
    a = qa.answer("公务接待费为什么比上年减少？")
    assert "公务接待频次预计减少" in a.text, a.text


def test_two_counts_the_narrative_states_are_compared_in_their_counter(store_location):
    text = "截至2018年底，本部门共有车辆53辆，其中：一般公务用车13辆、执法执勤用车40辆。"
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[section("国有资产占用情况", text)]))
    a = qa.answer("本部门车辆中，执法执勤用车比一般公务用车多几辆？")
    assert a.figures and a.figures[0].value == D("27") and a.figures[0].unit == "辆", a.text


def test_a_forms_target_count_named_before_its_count_and_a_target_share_are_read(store_location):
    fair = _form("内外经贸发展专项资金（促进会展业发展事项）", "300")
    fair.fields["年度目标"] = ("1.吸引一批符合我市产业发展需要的会展项目在本市举办；2.扶持项目数量8个及以上；"
                             "3.所扶持的展览项目中，中大型展览占比80%及以上。")
    qa = qa_over(store_location, income(), summary(), forms=[fair])
    a = qa.answer("“内外经贸发展专项资金（促进会展业发展事项）”的绩效目标要求扶持多少个项目？")
    assert a.figures and a.figures[0].value == D("8"), a.text
    b = qa.answer("促进会展业发展事项里，中大型展览的占比目标是多少？")
    assert b.figures and b.figures[0].value == D("80") and b.figures[0].unit == "%", b.text


def test_a_sum_of_three_units_said_with_he_ji_is_never_one_units_row(store_location):
    by_unit = table("income", "收入总体情况表", ["合计", "一般公共预算"], [
        row("合计", 合计="1000", 一般公共预算="1000"), row("某某局", 合计="700", 一般公共预算="700"),
        row("某某投资促进中心", 合计="100", 一般公共预算="100"), row("某某会展服务中心", 合计="120", 一般公共预算="120"),
        row("某某商贸发展服务中心", 合计="80", 一般公共预算="80")])
    qa = qa_over(store_location, by_unit, summary())
    a = qa.answer("投资促进中心、会展服务中心和商贸发展服务中心的收入预算合计多少？")
    assert not a.figures or a.figures[0].value == D("300"), a.text
