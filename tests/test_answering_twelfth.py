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
