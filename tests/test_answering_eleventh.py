"""Classes of questions the eleventh blind round (ten documents, questions written from the PDFs
alone) answered wrongly or not at all, each pinned on a document built by hand with other names
and figures: a government's own budget asked of a body's, who did the work, an item printed in
two tables, an amount quoted before a conversion, the names a narrative lists counted, a count
of people answered in money, a heading naming the sentence's item, follow-ups on what the
narrative answered, a project's column said short, an indicator named without its project, a
body's name before 收入预算, a refusal word inside a printed name. Each failed before its change."""

from __future__ import annotations

from decimal import Decimal as D

from budgetqa.answering.previous_year import last_year
from budgetqa.answering.passage_figures import narrative_passages
from budgetqa.model import Answer, Indicator, ParsedDocument, Passage, ProjectForm, Section
from parsed_tables import next_line, row, table
from test_answering_parts import qa_over


def section(title, text) -> Section:
    line = next_line()
    return Section([title], title, text, line, line + 8)


def form(project, total, *indicators) -> ProjectForm:
    line = next_line()
    return ProjectForm(project, {"项目名称": project}, {"项目名称": line}, {"年度资金总额": D(total)},
                       {"年度资金总额": line}, [Indicator("年度", "产出指标", "数量指标", name, value, line)
                                               for name, value in indicators], line, line + 5, "万元")


def retrieving_every_section(qa, first: int | None = None):
    """A stand-in for the vector index (none is built here): every section of the narrative (or
    the ``first`` few) is what the retriever returns, so what follows retrieval is tested."""
    def retrieve(intent, doc_id):
        passages = narrative_passages(qa.answerer(doc_id).doc)[:first]
        found = Answer(intent.raw, passages[0].text, True, "retrieval", [], passages, document=doc_id)
        return qa.stated_figure(intent, doc_id, found)
    qa.retrieve = retrieve
    return qa


def income():
    return table("income", "收入总表", ["合计", "一般公共预算"], [
        row("合计", 合计="800", 一般公共预算="800")])


def summary():
    return table("summary", "收支总表", ["预算数"], [
        row("本年收入合计", 预算数="800"), row("收入总计", 预算数="800"), row("支出总计", 预算数="800")])


def projects():
    return table("project", "项目支出表", ["合计", "财政拨款收入", "单位资金"], [
        row("合计", 合计="300", 财政拨款收入="290", 单位资金="10"),
        row("全市统计人员培训", 合计="120", 财政拨款收入="110", 单位资金="10"),
        row("预决算编审业务", 合计="180", 财政拨款收入="180", 单位资金="0")])


# ---------------------------------------------------------------- what no body's document holds


def test_the_whole_governments_budget_is_refused_not_answered_with_the_bodys(store_location):
    qa = qa_over(store_location, income(), summary())
    for q in ("全市一般公共预算收入是多少？", "省里的一般公共预算支出总共多少", "全县财政收入多少"):
        a = qa.answer(q)
        assert not a.answerable and not a.figures, (q, a.text)


def test_a_project_beginning_with_quan_shi_is_still_the_bodys(store_location):
    qa = qa_over(store_location, income(), summary(), projects())
    a = qa.answer("全市统计人员培训项目占全部项目支出的比例是多少？")
    assert a.figures and a.figures[0].value == D("40.00"), a.text  # 120 ÷ 300


def test_who_did_the_work_or_got_the_money_is_refused(store_location):
    qa = qa_over(store_location, income(), summary(), projects())
    for q in ("预决算编审业务是哪家会计师事务所承接的？", "全市统计人员培训最终贴给了哪些银行和个人？"):
        a = qa.answer(q)
        assert not a.answerable and not a.figures, (q, a.text)


def test_a_refusal_word_inside_a_printed_project_name_asks_nothing_refused(store_location):
    qa = qa_over(store_location, income(), summary(), projects())
    a = qa.answer("“预决算编审业务”这个项目预算多少？")
    assert a.figures and a.figures[0].value == D("180"), a.text


# ---------------------------------------------------------------- which cell


def test_an_item_in_two_tables_is_read_from_the_table_the_question_titles(store_location):
    basic = table("gp_basic_economic", "基本支出总表", ["合计", "一般公共预算"], [
        row("合计", 合计="50", 一般公共预算="50"), row("委托业务费", 合计="2", 一般公共预算="2")])
    economic = table("gp_economic", "一般公共预算支出表（按经济分类）", ["支出总计", "基本支出", "项目支出"], [
        row("合计", 支出总计="500", 基本支出="50", 项目支出="450"),
        row("委托业务费", "30227", 支出总计="90", 基本支出="2", 项目支出="88")])
    qa = qa_over(store_location, basic, economic)
    a = qa.answer("按经济分类，一般公共预算支出中委托业务费合计是多少？")
    assert a.figures[0].value == D("90"), a.text


def test_a_projects_source_of_money_said_short_is_its_column(store_location):
    qa = qa_over(store_location, income(), summary(), projects())
    for q in ("全市统计人员培训的财政拨款是多少？", "全市统计人员培训中财政拨款是多少"):
        a = qa.answer(q)
        assert a.figures and a.figures[0].value == D("110"), (q, a.text)


def test_a_bodys_name_before_shou_ru_yu_suan_asks_the_total():
    from budgetqa.answering.normalize import apply_aliases
    for q in ("巡特警支队收入预算是多少", "某某服务中心支出预算是多少", "某某研究院收入预算多少"):
        assert "总计" in apply_aliases(q), q
    assert "总计" not in apply_aliases("事业收入预算是多少")  # a part's budget, not the total


# ---------------------------------------------------------------- an amount quoted in the question


def test_an_amount_quoted_before_a_conversion_is_checked_not_looked_up(store_location):
    qa = qa_over(store_location, income(), summary(), projects())
    a = qa.answer("全市统计人员培训120万元换算成元是多少？")
    assert a.figures and a.figures[0].value == D("1200000") and a.figures[0].unit == "元", a.text
    a = qa.answer("全市统计人员培训125万元换算成元是多少？")  # not what the document prints
    assert not any(f.value in (D("1200000"), D("1250000")) for f in a.figures), a.text


# ---------------------------------------------------------------- counts


def test_the_names_a_narrative_lists_are_counted():
    from budgetqa.answering.listed_counts import listed_count
    numbered = Passage("d", "机构设置", 40, 48, "纳入本部门预算编制范围的二级预算单位包括：\n"
                       "1.某某局（本级）\n2.某某服务中心\n3.某某研究院\n十、基本支出：指…")
    assert listed_count("二级预算单位有几个？", [numbered]).value == 3
    in_words = Passage("d", "机构设置", 10, 12, "本部门内设机构包括：办公室、综合处、法规处（审理处）、信息中心。"
                       "本部门下属单位包括：某某审计中心。")
    assert listed_count("一共有多少个内设机构？", [in_words]).value == 4
    assert listed_count("有几个下属单位", [in_words]).value == 1


def test_a_sentence_that_is_not_a_list_of_names_is_not_counted():
    from budgetqa.answering.listed_counts import listed_count
    glossary = Passage("d", "名词解释", 1, 2, "项目支出：指预算单位为完成其特定的行政工作任务所发生的支出。")
    assert listed_count("一共包括几家预算单位？", [glossary]) is None
    cars = Passage("d", "其他", 1, 2, "单位共有：车辆 0 辆，其中：执法执勤用车 0 辆、其他用车 0 辆。")
    assert listed_count("单位一共有几个？", [cars]) is None
    stated = Passage("d", "机构设置", 1, 2, "纳入编制范围的预算单位共计1家，具体包括：某某局。")
    assert listed_count("预算单位有几家", [stated]) is None  # the count is stated: that answers


def test_the_listed_count_answers_with_the_names_and_where(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[section(
        "二、机构设置", "本部门内设机构包括：办公室、综合处、法规处、信息处、财务处。")]))
    a = qa.answer("某某局一共有几个内设机构？")
    assert a.figures and a.figures[0].value == 5 and "财务处" in a.text, a.text


def test_a_number_of_people_is_never_answered_with_money(store_location):
    qa = qa_over(store_location, income(), summary(), projects())
    a = qa.answer("全市统计人员培训项目里参训人数是多少？")
    assert not any(f.unit in ("万元", "元") for f in a.figures), a.text


def test_an_indicator_named_in_full_without_its_project_is_answered(store_location):
    qa = qa_over(store_location, income(), summary(), forms=[
        form("统计信息化运维", "60", ("统计数据发布平台年访问量", "≥300万人次"), ("系统故障修复率", "≥98%"))])
    a = qa.answer("统计数据发布平台年访问量的绩效目标是多少？")
    assert a.figures and a.figures[0].value == 300, a.text


def test_an_indicator_two_forms_print_differently_is_not_picked(store_location):
    qa = qa_over(store_location, income(), summary(), forms=[
        form("统计信息化运维", "60", ("统计数据发布平台年访问量", "≥300万人次")),
        form("统计宣传", "20", ("统计数据发布平台年访问量", "≥500万人次"))])
    a = qa.answer("统计数据发布平台年访问量的绩效目标是多少？")
    assert not any(f.value in (300, 500) for f in a.figures), a.text


# ---------------------------------------------------------------- last year, and follow-ups


def test_a_heading_names_the_item_of_the_sentence_under_it():
    d = ParsedDocument("d", "d.pdf", "某市统计局2026年部门预算", "某市统计局", 2026, "预算", "部门", "h")
    d.sections = [Section(["情况说明"], "五、其他重要事项", "（一）机关运行经费。2026年一般公共预算财政拨款运行经费"
                          "815万元，比2025年增加21.5万元，主要原因是人员增加。", 10, 14, 3)]
    ly = last_year("2025年机关运行经费是多少", d)
    assert ly is not None and ly.value == D("793.5") and ly.item == "机关运行经费", ly


def test_a_change_asked_after_a_question_the_narrative_answered(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[section(
        "五、其他重要事项", "（一）机关运行经费。2026年一般公共预算财政拨款运行经费815万元，比2025年增加21.5万元。")]))
    a = qa.answer("比2025年增加了多少？", ["某某局2026年的机关运行经费是多少？"])
    assert a.figures and a.figures[0].value == D("21.5"), a.text


def test_a_follow_up_naming_only_a_column_word_points_back(store_location):
    three = table("three_public", "“三公”经费支出表", ["预算数"], [
        row("合计", 预算数="30"), row("公务接待费", 预算数="9.5")])
    qa = qa_over(store_location, income(), summary(), three, sections=[section(
        "二、三公经费", "3.公务接待费9.5万元，比上年减少1万元，主要原因是压减接待。")])
    a = qa.answer("那2025年的预算数是多少？", ["某某局2026年公务接待费预算是多少？"])
    assert a.figures and a.figures[0].value == D("10.5"), a.text


# ---------------------------------------------------------------- figures said in words


def test_which_ones_asks_the_names_not_a_count():
    from budgetqa.answering.normalize import ASKS_COUNT, ASKS_COUNT_OR_ITEMS
    assert not ASKS_COUNT.search("下设哪几个二级预算单位") and not ASKS_COUNT_OR_ITEMS.search("包括哪几项")
    assert ASKS_COUNT.search("下设几个二级预算单位")


def test_an_amount_a_forms_target_states_is_its_figure_but_a_rate_is_quoted_whole(store_location):
    target = form("外贸稳增长补助", "500")
    target.fields["年度目标"] = "稳步扩大进出口规模，年度加工贸易进出口达1800亿元以上。"
    rent = form("人才租赁补贴", "80")
    rent.fields["年度目标"] = "向D类人才发放租赁补贴标准：1000元/人、月，财政承担80%。"
    qa = qa_over(store_location, income(), summary(), forms=[target, rent])
    a = qa.answer("外贸稳增长补助项目的绩效目标里，年度加工贸易进出口要达到多少？")
    assert a.figures and (a.figures[0].value, a.figures[0].unit) == (1800, "亿元"), a.text
    b = qa.answer("人才租赁补贴项目里，D类人才的租赁补贴标准是多少？")
    assert "1000元/人、月" in b.text and not any(f.value == 1000 for f in b.figures), b.text


def test_two_parts_the_narrative_states_are_summed_with_the_arithmetic_shown(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[section(
        "五、政府采购情况", "2026年政府采购预算623.63万元，其中：政府采购货物预算34.44万元，"
        "政府采购工程预算280.65万元，政府采购服务预算308.54万元。")]))
    a = qa.answer("2026年政府采购里货物和工程两类预算加起来是多少？")
    assert a.figures and a.figures[0].value == D("315.09") and "34.44 + 280.65" in a.text, a.text


def test_a_share_within_the_topics_own_table_is_its_answer(store_location):
    purchase = table("gov_purchase", "政府采购支出表", ["合计"], [
        row("合计", 合计="188.50"), row("货物", 合计="5.50"), row("服务", 合计="183.00")])
    qa = qa_over(store_location, income(), summary(), purchase)
    a = qa.answer("政府采购预算中服务类占总额的比例是多少？")
    assert a.figures and a.figures[0].value == D("97.08"), a.text


def _narrative(*texts):
    d = ParsedDocument("d", "d.pdf", "某市审计局2026年部门预算", "某市审计局", 2026, "预算", "部门", "h")
    d.sections = [Section(["情况说明"], f"第{i}节", t, 10 * i, 10 * i + 5, i) for i, t in enumerate(texts, 1)]
    return d


def test_whose_item_it_is_said_before_de_does_not_hide_the_item():
    d = _narrative("1.机关运行经费。2026年本局1家行政单位以及某中心、某所2家参公事业单位的机关运行经费"
                   "财政拨款预算598.67万元，比上年预算增加66.73万元，增长12.5%。")
    ly = last_year("上年机关运行经费预算是多少", d)
    assert ly is not None and ly.value == D("531.94"), ly


def test_both_sides_total_said_once_is_last_years_total_but_the_states_money_total_is_not():
    d = _narrative("某市审计局2026年度收入、支出预算总计4,651.67万元，与上年相比收、支预算总计各增加47.15万元。")
    for q in ("2025年的收支预算总计是多少", "上年支出总计是多少", "2025年收入总计是多少"):
        ly = last_year(q, d)
        assert ly is not None and ly.value == D("4604.52"), (q, ly)
    fiscal = _narrative("某市审计局2026年度财政拨款收、支总预算17981.68万元。与上年相比，财政拨款收、支总计各增加1454.35万元。")
    assert last_year("2025年收支预算总计是多少", fiscal) is None  # the state's money only, not the whole
    assert last_year("2025年财政拨款收支总计是多少", fiscal).value == D("16527.33")


def test_one_item_in_two_named_tables_is_differenced_across_them(store_location):
    expense = table("expense", "支出预算总表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="9000", 基本支出="500", 项目支出="8500"),
        row("其他政府办公厅（室）及相关机构事务支出", "2010399", 合计="8142.61", 基本支出="0", 项目支出="8142.61")])
    gp = table("gp_expense", "一般公共预算拨款支出预算表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="4442.61", 基本支出="500", 项目支出="3942.61"),
        row("其他政府办公厅（室）及相关机构事务支出", "2010399", 合计="3942.61", 基本支出="0", 项目支出="3942.61")])
    qa = qa_over(store_location, income(), summary(), expense, gp)
    a = qa.answer("科目2010399在支出预算总表中的数和一般公共预算拨款支出表中的数相差多少？")
    assert a.figures and a.figures[0].value == D("4200.00"), a.text


def test_a_count_in_its_own_counter_is_read_from_every_section(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[
        section("二、国有资产占用情况", "截至2025年10月，共有车辆2辆，其中：机要通信用车1辆、应急保障用车1辆。"),
        section("五、三公经费", "公务用车运行维护费减少2.40万元。本部门公务用车保有量为2辆。")]), first=1)
    a = qa.answer("现有公务用车保有量是几辆？")
    assert a.figures and a.figures[0].value == 2, a.text


def test_a_sum_not_said_to_go_to_the_recipient_named_is_not_its_answer(store_location):
    qa = retrieving_every_section(qa_over(store_location, income(), summary(), sections=[
        section("三、财政拨款情况", "安排重报广电全媒体体系建设专项资金190万元。")]))
    a = qa.answer("支持广电全媒体体系建设具体拨了多少钱给广电集团？")
    assert not any(f.value == 190 for f in a.figures), a.text
