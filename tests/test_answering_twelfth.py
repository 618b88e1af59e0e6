"""Classes of questions the twelfth blind round answered with a wrong figure, each pinned on a
document built by hand: what was paid so far, to whom and under what contract (refused); a
name the question says only in part is no row of the table it names; a child asked under its
parent (…款下的行政运行). Each failed before its change."""

from __future__ import annotations

from decimal import Decimal as D

from parsed_tables import row, table
from test_answering_eleventh import income, projects, summary
from test_answering_parts import qa_over


def test_what_was_paid_so_far_to_whom_and_under_what_contract_is_refused(store_location):
    qa = qa_over(store_location, income(), summary(), projects())
    for q in ("预决算编审业务到目前为止实际已经支付了多少钱？", "全市统计人员培训120万元是付给哪家培训机构的？",
              "预决算编审业务具体给了某某集团多少、按什么合同拨付？"):
        a = qa.answer(q)
        assert not a.answerable and not a.figures, (q, a.text)


def test_a_name_said_only_in_part_is_no_row_of_the_table_the_question_names(store_location):
    three = table("three_public", "“三公”经费支出预算表", ["合计"], [
        row("合计", 合计="20"), row("公务接待费", 合计="20"), row("公务用车购置费", 合计=None)])
    basic = table("gp_basic_economic", "基本支出预算表（经济科目）", ["预算数"], [
        row("合计", 预算数="300"), row("公务用车运行维护费", "30231", 预算数="237")])
    office = table("office_running", "机关运行经费支出预算表", ["机关运行经费支出"], [
        row("合计", 机关运行经费支出="237"), row("公务用车运行维护费", "30231", 机关运行经费支出="237")])
    qa = qa_over(store_location, income(), summary(), three, basic, office)
    a = qa.answer("公务用车运行维护费预算多少？")
    assert a.figures and a.figures[0].value == D("237"), a.text


def test_a_child_asked_under_its_parent_said_with_xia_de(store_location):
    expense = table("expense", "支出总表", ["合计"], [
        row("合计", 合计="500"),
        row("交通运输支出", 合计="400"), row("公路水路运输", 合计="300"), row("行政运行", 合计="200"),
        row("其他公路水路运输支出", 合计="100"),
        row("城乡社区支出", 合计="100"), row("城乡社区管理事务", 合计="100"), row("行政运行", 合计="60"),
        row("其他城乡社区管理事务支出", 合计="40")])
    qa = qa_over(store_location, income(), summary(), expense)
    a = qa.answer("公路水路运输款下的行政运行预算是多少？")
    assert a.figures and a.figures[0].value == D("200"), a.text
    b = qa.answer("城乡社区管理事务下面的行政运行是多少")
    assert b.figures and b.figures[0].value == D("60"), b.text


def _units_doc(store_location):
    income = table("income", "收入总表", ["合计", "一般公共预算"], [
        row("合计", 合计="5000", 一般公共预算="5000"), row("某某局（本级）", 合计="3000", 一般公共预算="3000"),
        row("某某投资评审中心", 合计="1200", 一般公共预算="1200"), row("某某法律援助中心", 合计="800", 一般公共预算="800")])
    expense = table("expense", "支出总表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="5000", 基本支出="2000", 项目支出="3000"),
        row("某某局（本级）", 合计="3000", 基本支出="1000", 项目支出="2000"),
        row("某某投资评审中心", 合计="1200", 基本支出="500", 项目支出="700"),
        row("某某法律援助中心", 合计="800", 基本支出="500", 项目支出="300")])
    project = table("project", "项目支出表", ["项目金额"], [
        row("合计", 项目金额="3000"), row("某某投资评审中心", 项目金额="700"), row("投资项目评审", 项目金额="700"),
        row("某某法律援助中心", 项目金额="300"), row("法律援助", 项目金额="300")])
    summary = table("summary", "收支总表", ["预算数"], [row("收入总计", 预算数="5000"), row("支出总计", 预算数="5000")])
    return qa_over(store_location, income, expense, project, summary)


def test_a_units_budget_is_its_row_of_the_expense_table_not_its_projects_nor_the_whole(store_location):
    qa = _units_doc(store_location)
    for q in ("某某投资评审中心2026年的预算总额是多少？", "某某投资评审中心预算多少"):
        a = qa.answer(q)
        assert a.figures and a.figures[0].value == D("1200"), (q, a.text)


def test_a_project_quoted_after_its_units_name_is_the_project(store_location):
    qa = _units_doc(store_location)
    a = qa.answer("某某法律援助中心“法律援助”项目预算是多少？")
    assert a.figures and a.figures[0].value == D("300"), a.text


def test_a_change_is_worked_out_from_a_table_printing_last_years_column(store_location):
    three = table("three_public", "财政拨款“三公”经费支出表", ["上年一般公共预算", "一般公共预算"], [
        row("合计", 上年一般公共预算="19.50", 一般公共预算="27.60"),
        row("因公出国（境）费", 上年一般公共预算="1.60", 一般公共预算="13.20")])
    qa = qa_over(store_location, income(), summary(), three)
    a = qa.answer("“三公”经费比2025年增长了百分之多少？")
    assert a.figures and (a.figures[0].value, a.figures[0].unit) == (D("41.54"), "%"), a.text
    assert "(27.60 − 19.50) ÷ 19.50" in a.text
    b = qa.answer("因公出国（境）费比上年增加了多少？")
    assert b.figures and b.figures[0].value == D("11.60"), b.text
    c = qa.answer("因公出国（境）费为什么比上年增加？")  # a reason is told in words, never by the amount
    assert not c.figures, c.text


def test_the_budgets_spending_is_its_total(store_location):
    expense = table("expense", "支出总表", ["合计", "基本支出", "项目支出"], [
        row("合计", 合计="800", 基本支出="500", 项目支出="300")])
    qa = qa_over(store_location, income(), expense)
    a = qa.answer("某某局2026年部门预算支出折合多少元？")
    assert a.figures and (a.figures[0].value, a.figures[0].unit) == (D("8000000"), "元"), a.text


def test_last_years_figure_is_the_column_its_table_prints_for_last_year(store_location):
    three = table("three_public", "财政拨款“三公”经费支出表", ["上年一般公共预算", "一般公共预算"], [
        row("合计", 上年一般公共预算="19.50", 一般公共预算="27.60"),
        row("因公出国（境）费", 上年一般公共预算="1.60", 一般公共预算="13.20")])
    for r in three.rows:
        r.line = three.rows[0].line  # (a PDF grid may give every row of a table the same line)
    qa = qa_over(store_location, income(), summary(), three)
    a = qa.answer("2025年因公出国（境）费预算是多少")
    assert a.figures and a.figures[0].value == D("1.60"), a.text
    assert not qa.answer("2024年因公出国（境）费预算是多少").figures  # no column for that year


def test_which_unit_asked_after_naming_the_units_ranks_the_units():
    from budgetqa.answering.computations import POPULATIONS
    units = next(p for p in POPULATIONS if p.name == "units")
    assert units.applies("在某某局下属的事业单位里，哪一家2026年预算最多？")


def test_a_unit_named_with_the_bodys_own_name_in_front_is_not_scoped_away(store_location):
    from budgetqa.model import ParsedDocument
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings
    from budgetqa.store import Store

    income = table("income", "收入总表", ["合计", "一般公共预算"], [
        row("合计", 合计="5000", 一般公共预算="5000"), row("泉州市人民政府办公室本级", 合计="4200", 一般公共预算="4200"),
        row("泉州市人民政府发展研究中心", 合计="453.95", 一般公共预算="453.95"),
        row("泉州市人民政府公报室", 合计="346.05", 一般公共预算="346.05")])
    summary = table("summary", "收支总表", ["预算数"], [row("收入合计", 预算数="5000"), row("支出合计", 预算数="5000")])
    doc = ParsedDocument("q", "q.pdf", "泉州市人民政府办公室2026年部门预算", "泉州市人民政府办公室", 2026, "预算",
                         "部门", "h", tables=[income, summary])
    store = Store(store_location)
    store.save(doc)
    qa = BudgetQA(Settings(), store, None)
    a = qa.answer("泉州市人民政府发展研究中心2026年收入预算是多少？")
    assert a.figures and a.figures[0].value == D("453.95"), a.text
    b = qa.answer("发展研究中心收入总计是多少？")  # its name less the body's: never the whole's total
    assert not any(f.value == D("5000") for f in b.figures), b.text


def test_the_scope_is_stripped_around_a_units_name_kept_whole():
    from budgetqa.answering.mentions import strip_scope
    assert strip_scope("泉州市人民政府办公室2026年收入预算", "泉州市人民政府办公室", 2026) == "收入预算"
    kept = strip_scope("泉州市人民政府发展研究中心2026年收入预算", "泉州市人民政府办公室", 2026,
                       keep=["泉州市人民政府发展研究中心"])
    assert kept == "泉州市人民政府发展研究中心收入预算"


def test_the_documents_own_kind_named_in_the_question_names_no_row(store_location):
    summary = table("summary", "收支总表", ["预算数"], [
        row("一、部门预算", 预算数="800"), row("收入总计", 预算数="800"), row("支出总计", 预算数="800")])
    economic = table("gp_economic", "一般公共预算支出明细表（按支出经济分类科目）", ["合计"], [
        row("合计", 合计="800"), row("工资福利支出", "301", 合计="705.38"), row("商品和服务支出", "302", 合计="94.62")])
    qa = qa_over(store_location, income(), summary, economic)
    a = qa.answer("按部门预算支出经济分类，工资福利支出（301）是多少？")
    assert a.figures and a.figures[0].value == D("705.38"), a.text
