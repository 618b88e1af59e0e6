"""Colloquial names of a budget's grand totals are read as the template's terms, but only when
they stand alone: a part's name (基本支出预算, 事业收入预算) or a table's (支出预算总表) is left as
it is."""

import pytest

from budgetqa.answering.normalize import apply_aliases


@pytest.mark.parametrize("question,term", [
    ("部门收入预算是多少", "收入总计"),
    ("收入预算总数是多少", "收入总计"),
    ("2026年支出预算是多少", "支出总计"),
    ("预算总规模换算成亿元是多少", "支出总计"),
])
def test_a_grand_total_said_in_other_words(question, term):
    assert term in apply_aliases(question)


@pytest.mark.parametrize("question", [
    "基本支出预算是多少", "事业收入预算是多少", "项目支出预算是多少", "支出预算总表里基本支出合计是多少",
])
def test_a_part_or_a_table_is_not_the_grand_total(question):
    out = apply_aliases(question)
    assert "支出总计" not in out and "收入总计" not in out


@pytest.mark.parametrize("question", ["因公出国（境）经费的目的是什么", "因公出国(境)经费多少", "出国（境）费用多少"])
def test_a_template_term_written_with_another_ending_is_not_expanded_again(question):
    # 出国 -> 因公出国（境）费 would print the term twice (因公因公出国(境)费(境)经费)
    assert "因公因公" not in apply_aliases(question) and "费(境)" not in apply_aliases(question)


def test_a_colloquial_name_is_still_expanded():
    assert "机关事业单位基本养老保险缴费" in apply_aliases("养老保险缴费和职业年金缴费加起来多少元")
    assert "因公出国(境)费" in apply_aliases("出国经费多少")


@pytest.mark.parametrize("question", ["今年买公务车花多少钱", "购买公务车多少钱"])
def test_buying_an_official_car_is_the_car_purchase_item(question):
    assert "公务用车购置费" in apply_aliases(question) and "购公务" not in apply_aliases(question)


def test_a_colloquial_word_inside_a_project_name_said_in_full_is_not_expanded():
    # "…运转经费项目": the project's printed name, not 公用经费
    assert "运转经费项目" in apply_aliases("民辅警意外险及健康警队运转经费项目的保费标准是每人多少元")
    assert "公用经费" in apply_aliases("单位的运转经费是多少")


def test_a_total_ranked_among_several_is_not_the_grand_total():
    assert "收入总计" not in apply_aliases("各预算单位中,哪一家2026年收入预算合计最多?")
    assert "收入总计" in apply_aliases("2026年收入预算合计是多少")
