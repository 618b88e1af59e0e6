"""Telling one body from another by name: the places two bodies share do not make one the other,
a unit of the body named in a question is not the body itself, and a name's places end where its
body's own words (市场, 市政, 城市…) begin."""

from __future__ import annotations

import pytest

from budgetqa.answering.figure_checks import FIGURE_CHECKS, Found
from budgetqa.answering.mentions import _without_places, covers, org_mentions
from budgetqa.answering.routing import clean_item


def opposite(q, exact) -> bool:
    """Whether a check whose reason is 'opposite' (the figure is the other one of what was
    asked) fails for ``exact``."""
    return any(c.fails(Found(q, exact)) for c in FIGURE_CHECKS if c.reason == "opposite")


@pytest.mark.parametrize("mention, name", [
    ("普陀规划资源局", "上海市普陀区规划和自然资源局"),
    ("市规划自然资源局", "重庆市规划和自然资源局"),
    ("中共西安市委", "中共西安市委宣传部"),
    ("区府办", "上海市普陀区人民政府办公室"),
    ("大数据局", "阳泉市大数据应用局"),
    ("巡特警支队", "福州市公安局巡特警支队"),
    ("市公安局巡特警支队", "福州市公安局巡特警支队"),
])
def test_a_short_name_still_names_its_body(mention, name):
    assert covers(mention, name)


@pytest.mark.parametrize("mention, name", [
    ("上海市普陀区民政局", "上海市普陀区规划和自然资源局"),
    ("普陀区民政局", "上海市普陀区规划和自然资源局"),
    ("杭州市西郊监狱", "杭州市司法局"),
    # another unit of the same parent body: what follows the parent must be named too
    ("福州市公安局交通警察支队", "福州市公安局巡特警支队"),
    ("福州市公安局交警支队", "福州市公安局巡特警支队"),  # the suffix both end in names no unit
    ("西安市医疗保障局", "西安市人力资源和社会保障局"),  # after its place a name is not trimmed
    ("广州市商务局口岸办", "广州市商务局电子商务中心"),
    # a place and a kind of body in common: the words between them (海事, 交通) tell them apart
    ("上海海事职业技术学院", "上海交通职业技术学院"),
])
def test_another_body_of_the_same_place_is_not_the_body(mention, name):
    assert not covers(mention, name)


def test_places_come_off_the_front_of_a_name():
    assert _without_places("上海市普陀区民政局") == "民政局"
    assert _without_places("中共西安市委宣传部") == "委宣传部"


def test_a_prison_or_a_centre_is_a_body_a_question_can_name():
    assert "杭州市西郊监狱" in org_mentions("杭州市西郊监狱2026年的三公经费合计是多少")
    assert "广州市统计监测中心" in org_mentions("广州市统计监测中心基本支出中的工资福利支出是多少")


def test_an_economic_item_is_named_without_its_code_or_second_label():
    assert clean_item("30227 委托业务费/劳务费") == "委托业务费"


def test_a_figure_named_by_the_opposite_of_what_was_asked_does_not_answer():
    from budgetqa.model import Answer, Figure, Provenance
    from decimal import Decimal

    found = Answer("q", "t", True, "lookup", [Figure("年末结转和结余（决算数）", Decimal(100), "万元",
                                                      Provenance("d", "总表", "年末结转和结余", "决算数"))])
    assert opposite("年初结转和结余是多少", found)
    assert not opposite("年末结转和结余是多少", found)


@pytest.mark.parametrize("q, codes", [
    ("一般公共预算基本支出表中，30209物业管理费是多少", ["30209"]),
    ("科目2010399在支出总表中的数", ["2010399"]),
    ("2026年预算花了300万元，有301人", []),
])
def test_subject_codes_are_told_from_years_amounts_and_counts(q, codes):
    from budgetqa.answering.figure_checks import SUBJECT_CODE

    assert SUBJECT_CODE.findall(q) == codes


def test_a_figure_asked_within_one_source_of_money_is_not_taken_from_another():
    from decimal import Decimal

    from budgetqa.model import Answer, Figure, ParsedDocument, Provenance, Table
    from budgetqa.answering.figure_checks import other_money

    class Answerer:  # what other_money reads: the document's tables
        doc = ParsedDocument("d", "d", "t", "某局", 2026, "预算", "部门", "", tables=[
            Table("gp_expense", "一般公共预算支出表", "万元", [], [], 1, 2),
            Table("fund_expense", "政府性基金预算支出表", "万元", [], [], 3, 4)])

    def found(table: str) -> Answer:
        return Answer("q", "t", True, "lookup", [Figure("基本支出", Decimal(5), "万元",
                                                          Provenance("d", table, "合计", "基本支出"))])
    q = "政府性基金预算支出中的基本支出是多少"
    assert other_money(Found(q, found("一般公共预算支出表"), Answerer))
    assert not other_money(Found(q, found("政府性基金预算支出表"), Answerer))
    assert not other_money(Found("基本支出是多少", found("一般公共预算支出表"), Answerer))


def test_a_carried_over_figure_answers_only_a_question_about_carry_overs():
    from decimal import Decimal

    from budgetqa.model import Answer, Figure, Provenance

    def found(column: str, table: str = "收入总表") -> Answer:
        return Answer("q", "t", True, "lookup", [Figure(column, Decimal(34), "万元",
                                                          Provenance("d", table, "合计", column))])
    assert opposite("政府性基金预算拨款收入是多少", found("上年结转结余·政府性基金预算"))
    assert not opposite("上年结转的政府性基金是多少", found("上年结转结余·政府性基金预算"))
    # "（不含上年结转）" in a title says the money is this year's
    assert not opposite("政府性基金预算收入有多少", found("政府性基金预算（不含上年结转）"))


def test_a_quoted_name_is_what_a_question_asks_about():
    from budgetqa.service import QUOTED

    assert QUOTED.findall("泉州市政府办“市行政中心保安服务”项目预算多少钱？") == ["市行政中心保安服务"]
    assert QUOTED.findall("三公经费有吗") == []


@pytest.mark.parametrize("name, places, own, level", [
    ("白石县市场监督管理局", ("白石县",), "市场监督管理局", "区县级"),
    ("青禾县市政管理局", ("青禾县",), "市政管理局", "区县级"),
    ("普陀区市容环境卫生管理局", ("普陀区",), "市容环境卫生管理局", "区县级"),
    ("白石县城市管理局", ("白石县",), "城市管理局", "区县级"),
    ("浙江省白石县市场监督管理局", ("浙江省", "白石县"), "市场监督管理局", "区县级"),
    ("澜川市白石县市场监督管理局", ("澜川市", "白石县"), "市场监督管理局", "区县级"),
    # a city's own 市场监督管理局 keeps its city
    ("福州市市场监督管理局", ("福州市",), "市场监督管理局", "市级"),
    ("苏州市昆山市市场监督管理局", ("苏州市", "昆山市"), "市场监督管理局", "区县级"),
])
def test_a_county_ends_the_place_before_a_body_word_that_begins_with_shi(name, places, own, level):
    from budgetqa.parsing.bodies import describe_body

    b = describe_body(name)
    assert tuple(p.printed for p in b.places) == places
    assert (b.own, b.level) == (own, level)


def test_a_countys_market_bureau_is_found_by_its_county_not_a_city():
    from budgetqa.parsing.bodies import describe_body

    b = describe_body("白石县市场监督管理局")
    assert (b.city, b.district) == ("", "白石县")
    assert b.matches_place("白石") and not b.matches_place("白石县市")
    assert "县市场监督管理局" in b.aliases and "场监督管理局" not in b.aliases


@pytest.mark.parametrize("question, mention", [
    ("杭州市交通局今年政府性基金预算收入是多少?", "杭州市交通局"),  # not 杭州市交通局今年政府
    ("纳入省检察院2019年部门汇总预算的预算单位有哪些?", "省检察院"),  # not 纳入省检察院
    ("收入预算总表中泉州市机关事务服务中心的收入总计是多少?", "泉州市机关事务服务中心"),  # not 总表中泉州市…
])
def test_a_body_named_in_a_question_stops_at_time_words_and_starts_after_verbs(question, mention):
    assert org_mentions(question) == [mention]


@pytest.mark.parametrize("org, question, none", [
    ("这所学校", "这所学校隶属于哪个部门？", True),  # the body in scope, said by its kind
    ("财政拨款收入占学校", "财政拨款收入占学校全部收入的比重是多少？", True),
    ("经费占全局", "执法队的三公经费占全局三公经费的比例是多少？", True),
    ("名大厅", "社工服务项目计划采购多少名大厅纠纷调解社工？", True),  # a hall
    ("庆市委宣传部所属预算单位政府", "重庆市委宣传部所属预算单位政府采购预算总额是多少？", True),  # 政府采购
    ("上海海事职业技术学院", "上海海事职业技术学院的收入预算是多少？", False),
    ("苏州市节约用水办公室", "苏州市节约用水办公室设在哪个处室？", False),
])
def test_a_kind_of_body_said_alone_or_a_word_ending_like_one_names_no_body(org, question, none):
    from budgetqa.answering.mentions import names_no_body
    assert names_no_body(org, question) is none
