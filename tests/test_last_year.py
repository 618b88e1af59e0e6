"""Last year's figure of an item, worked out from what the 情况说明 says of this year's
(``budgetqa.answering.previous_year``): the item the question names, this year's amount and
its change printed right after it; budget and executed figures never mixed; none when two
sentences disagree or the question names something more specific."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from budgetqa.answering.previous_year import last_year
from budgetqa.model import ParsedDocument, Section


def doc(*texts: str, year: int = 2026) -> ParsedDocument:
    d = ParsedDocument("d", "d.pdf", "某市统计局2026年部门预算", "某市统计局", year, "预算", "部门", "h")
    d.sections = [Section(["情况说明"], f"第{i}节", t, 10 * i, 10 * i + 5, i) for i, t in enumerate(texts, 1)]
    return d


NARRATIVE = doc(
    "2026年“三公”经费预算207.46万元，比2025年减少48.3万元，主要原因是压减公务接待。",
    "2026年,某市统计局收入预算为10344.71万元，其中：一般公共预算拨款收入10344.71万元。比上年减少32.61万元，下降0.31%。",
    "3.统计信息事务（款）专项普查活动（项）支出315.58万元，与上年相比增加181.78万元，增长135.86%。",
    "2026年收入预算5,876.67万元，比上年执行数增加48.92万元，增长0.8%。",
    "2026年本部门委托业务费财政拨款预算为17.5万元，比上年增加14万元，增长400%。",
    "2026年一般公共预算财政拨款支出18,417.70万元，比2025年增加2,781.90万元。",
    "（一）机关运行经费2026年本单位机关运行经费财政拨款预算1,040.46万元，较2025年年初预算减少73.33万元。",
)


@pytest.mark.parametrize("question,value", [
    ("2025年的三公经费预算是多少", "255.76"),          # 207.46 + 48.3
    ("上年收入预算是多少", "10377.32"),               # the whole before 其中, the change after it
    ("上年专项普查活动预算是多少", "133.80"),          # the 项 of 某某（款）某某（项）
    ("2025年的委托业务费预算是多少", "3.5"),           # 财政拨款 says where it comes from, not what
    ("2025年收入的上年执行数是多少", "5827.75"),        # 比上年执行数: last year's 执行数
    ("2025年一般公共预算支出是多少", "15635.80"),       # 一般公共预算财政拨款支出 is 一般公共预算支出
    ("上一年的机关运行经费是多少", "1113.79"),          # the item after its heading and year
])
def test_last_years_figure_is_this_years_less_its_change(question, value):
    ly = last_year(question, NARRATIVE)
    assert ly is not None and ly.value == D(value), ly


def test_the_arithmetic_is_shown():
    ly = last_year("2025年的三公经费预算是多少", NARRATIVE)
    assert ly.arithmetic() == "207.46 + 48.3 = 255.76"
    assert ly.passage.section == "第1节"


@pytest.mark.parametrize("question", [
    "2025年的办公费是多少",               # no sentence says it
    "2025年的一般公共预算拨款收入是多少",   # a part listed under 其中: the change is the whole's
])
def test_no_sentence_no_figure(question):
    assert last_year(question, NARRATIVE) is None


def test_an_executed_figure_never_answers_for_a_budget_and_back():
    only_executed = doc("2026年支出预算5,876.67万元，比上年执行数增加48.92万元。")
    assert last_year("2025年的支出预算是多少", only_executed) is None
    assert last_year("2025年支出执行数是多少", NARRATIVE) is None


def test_two_sentences_that_disagree_give_nothing():
    twice = doc("2026年三公经费预算20万元，比上年减少5万元。", "2026年三公经费预算20万元，比上年减少6万元。")
    assert last_year("上年三公经费是多少", twice) is None


def test_a_more_specific_row_named_is_not_answered_by_its_whole():
    assert last_year("2025年因公出国（境）费是多少", NARRATIVE, named=["因公出国境费"]) is None


def test_a_follow_up_that_names_no_item_asks_about_the_last_one(seed_qa):
    a = seed_qa.answer("比上年多了多少？", history=["预算收入总计是多少"])
    assert [(f.value, f.unit) for f in a.figures] == [(D("5108.42"), "万元")], a.text


def test_a_follow_up_after_a_part_of_a_whole_keeps_the_part(seed_qa):
    a = seed_qa.answer("换算成元是多少", history=["基本支出中人员经费是多少"])
    assert [(f.value, f.unit) for f in a.figures] == [(D("4674500.00"), "元")], a.text


def test_an_item_under_a_heading_naming_it_and_a_cost_said_as_spending_are_found():
    narrative = doc(
        "（一）机关运行经费支出情况 机关运行经费支出 142.80 万元，比 2025 年度减少 13.52 万元，下降 8.65%。",
        "某市统计局2026年度一般公共预算拨款安排的培训费预算支出16.2万元，比上年预算减少20.19万元。",
        "某市统计局2026年度收入支出总计9859.38万元。与2025年度相比，收入支出总计增加1062.85万元，增长12.08%。",
        "某市统计局2026年度财政拨款收入支出总计9746.50万元。与2025年度相比，财政拨款收入支出总计增加1193.20万元。")
    assert last_year("2025年度机关运行经费支出是多少", narrative).value == D("156.32")
    assert last_year("上年培训费预算是多少", narrative).value == D("36.39")
    # the item as printed before the one with a source of money in front of it
    assert last_year("2025年度收入支出总计是多少", narrative).value == D("8796.53")
    assert last_year("2025年度财政拨款收入支出总计是多少", narrative).value == D("8553.30")
