"""The operations table: each operation's test of when it applies, the one that settles a
question on the seed (or the final accounts) document, and the type of answer it gives; and
the typed intent the table reads (answer type, modifiers)."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from budgetqa.answering.engine import DocumentAnswerer
from budgetqa.answering.operations import OPERATIONS, OPERATIONS_BY_NAME, decide
from budgetqa.answering.router import OPS, parse_question

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seed(seed_doc):
    return DocumentAnswerer(seed_doc)


@pytest.fixture(scope="module")
def final_accounts():
    from budgetqa.parsing.document import parse_path

    return DocumentAnswerer(parse_path(ROOT / "tests" / "data" / "final-accounts-city-culture-2023.txt"))


def read(answerer, question):
    """The question as the service hands it to the answerer: its intent and confident matches."""
    intent = parse_question(question)
    return intent, answerer.confident(intent.q, answerer.cat.match(intent.q))


def applies(name, answerer, question) -> bool:
    intent, matches = read(answerer, question)
    return OPERATIONS_BY_NAME[name].applies(intent, matches, answerer)


def settled(answerer, question):
    """(name of the operation that settles the question, its answer)."""
    op, answer = decide(*read(answerer, question), answerer)
    return (op.name if op else None), answer


def type_of(answer) -> str:
    """The type of answer given, from its first figure's unit (no figure: text)."""
    if not answer.figures:
        return "text"
    unit = answer.figures[0].unit
    return {"元": "money", "万元": "money", "亿元": "money", "%": "percent", "个": "count"}.get(unit, "quantity")


# ---------------------------------------------------------------- the table


def test_the_table_is_in_the_order_the_decision_is_made():
    assert [op.name for op in OPERATIONS] == [
        "definition", "definition_in_words", "empty_topic", "grand_total", "table_total", "own_level", "project_subset",
        "rank", "count", "completion", "share", "ratio", "nth", "prev_year", "change", "diff", "sum",
        "avg", "reason", "change_refusal", "stated_fact", "reason_in_words", "indicator", "nothing_named", "lookup"]
    assert OPERATIONS[-1].final  # the lookup always settles what nothing before it answered


def test_operations_named_for_the_routers_ops_keep_its_order():
    # the table tries them in the order the router lists them in Intent.ops
    named = {"rank": "top_n", "count": "count", "completion": "completion", "share": "share",
             "ratio": "ratio", "nth": "nth", "prev_year": "prev_year", "change": "change", "diff": "diff",
             "sum": "sum", "avg": "avg", "reason": "reason"}
    order = [name for name, _ in OPS]
    positions = [order.index(named[op.name]) for op in OPERATIONS if op.name in named]
    assert positions == sorted(positions)


@pytest.mark.parametrize("question", [
    "金额最大的前三个项目占总支出的比例", "项目支出比基本支出多多少，是它的几倍", "为什么比上年增长了百分之几",
    "哪个项目钱最多，一共有几个项目", "上年三公经费比今年多多少",
])
def test_intent_lists_its_ops_in_the_routers_order(question):
    order = [name for name, _ in OPS]
    ops = parse_question(question).ops
    assert ops == sorted(ops, key=order.index)


def test_every_operation_says_what_it_returns():
    for op in OPERATIONS:
        assert op.returns and set(op.returns) <= {"money", "count", "percent", "text", "date", "quantity"}, op.name


# ---------------------------------------------------------------- each operation


def test_a_question_asking_what_a_term_is_is_a_definition(seed):
    assert applies("definition", seed, "什么是三公经费")
    name, answer = settled(seed, "公务接待费反映的是什么支出")
    assert name == "definition" and "公务接待费反映" in answer.text and type_of(answer) == "text"


def test_what_a_project_is_is_left_to_its_form(seed):
    assert not applies("definition", seed, "驻村补贴项目的概况是什么")
    name, answer = settled(seed, "驻村补贴项目的概况是什么")
    assert name == "lookup" and "平定县柏井镇东山村" in answer.text


def test_a_meaning_not_defined_is_told_in_words_not_by_an_amount(seed):
    assert settled(seed, "数字政府是什么意思") == ("definition_in_words", None)
    assert not applies("definition_in_words", seed, "数字政府是什么意思，金额多少")


def test_a_topic_printed_empty_is_an_answer_of_nothing_budgeted(seed):
    name, answer = settled(seed, "三公经费预算是多少")
    assert name == "empty_topic" and "没有这项预算" in answer.text
    assert (answer.figures[0].value, type_of(answer)) == (D(0), "money")


def test_the_whole_budget_asked_is_the_grand_total(seed):
    name, answer = settled(seed, "预算总共多少钱")
    assert name == "grand_total" and (answer.figures[0].value, answer.figures[0].unit) == (D("11689.17"), "万元")
    assert settled(seed, "智慧教育平台项目预算多少")[0] != "grand_total"


def test_projects_picked_by_their_names(seed):
    name, answer = settled(seed, "项目名称以“政府投资信息化项目”开头的几个项目合计多少万元")
    assert name == "project_subset" and "有4个" in answer.text and type_of(answer) == "money"


def test_a_question_with_qian_san_applies_top_n(seed):
    intent, _ = read(seed, "金额最大的前三个项目")
    assert intent.modifiers.top_n == 3 and applies("rank", seed, "金额最大的前三个项目")
    name, answer = settled(seed, "金额最大的前三个项目")
    assert name == "rank" and len(answer.figures) == 3 and answer.figures[0].value == D("5000.00")


def test_the_least_is_ranked_from_the_bottom(seed):
    name, answer = settled(seed, "预算最少的项目是哪个")
    assert name == "rank" and answer.figures[0].value == D("0.20")


def test_counting_projects_with_a_threshold(seed):
    assert applies("count", seed, "不到100万元的项目有几个")
    name, answer = settled(seed, "不到100万元的项目有几个")
    assert name == "count" and (answer.figures[0].value, type_of(answer)) == (D(6), "count")


def test_a_count_question_about_one_project_is_left_to_the_projects_form(seed):
    assert applies("count", seed, "有几个项目")
    assert not applies("count", seed, "智慧教育平台项目有几个")
    assert settled(seed, "智慧教育平台项目有几个")[0] == "lookup"


def test_completion_of_the_budget_in_final_accounts(final_accounts):
    name, answer = settled(final_accounts, "文物保护（项）完成年初预算的比例是多少")
    assert name == "completion" and (answer.figures[0].value, type_of(answer)) == (D("115.56"), "percent")


def test_a_share_is_a_percent_of_a_whole(seed):
    name, answer = settled(seed, "基本支出占总支出的比例是多少")
    assert name == "share" and (answer.figures[0].value, type_of(answer)) == (D("4.44"), "percent")
    assert not applies("share", seed, "基本支出是多少")


def test_a_ratio_is_how_many_times(seed):
    name, answer = settled(seed, "项目支出是基本支出的多少倍")
    assert name == "ratio" and (answer.figures[0].value, answer.figures[0].unit) == (D("21.52"), "倍")


def test_the_nth_largest(seed):
    assert not applies("rank", seed, "金额排第二的项目是哪个")
    name, answer = settled(seed, "金额排第二的项目是哪个")
    assert name == "nth" and answer.figures[0].value == D("3383.20")


def test_last_years_figure_worked_out_from_the_stated_change(seed):
    name, answer = settled(seed, "上年预算总额是多少")
    assert name == "prev_year" and answer.figures[0].value == D("6580.75") and "11689.17 − 5108.42" in \
        answer.figures[0].arithmetic


def test_a_change_the_narrative_states(seed):
    name, answer = settled(seed, "本年部门预算支出总计比上年增加多少")
    assert name == "change" and answer.figures[0].value == D("5108.42")


def test_a_difference_of_two_named_amounts(seed):
    name, answer = settled(seed, "基本工资比绩效工资多多少")
    assert name == "diff" and answer.figures[0].value == D("92.25")


def test_a_sum_of_named_amounts(seed):
    name, answer = settled(seed, "水费加电费一共多少")
    assert name == "sum" and answer.figures[0].value == D("1.29")


def test_an_average_over_projects(seed):
    name, answer = settled(seed, "12个项目平均每个项目多少钱")
    assert name == "avg" and answer.figures[0].value == D("930.84")


def test_a_reason_from_the_narrative_but_of_one_project_from_its_form(seed):
    name, answer = settled(seed, "机关运行经费为什么有变化")
    assert name == "reason" and "新增一名选调生" in answer.text and type_of(answer) == "text"
    assert not applies("reason", seed, "智慧教育平台项目为什么要设立")
    name, answer = settled(seed, "智慧教育平台项目为什么要设立")
    assert name == "lookup" and "项目设立必要性" in answer.text


def test_a_change_not_stated_is_refused_with_the_reason_given(seed):
    name, answer = settled(seed, "机关运行经费比上年增加了多少钱")
    assert name == "change_refusal" and answer.route == "refusal" and not answer.figures
    assert answer.text.startswith("公开文件没有给出这一项比上年的变化金额。它只说明了原因")


def test_a_stated_change_of_a_named_item(seed):
    assert applies("stated_fact", seed, "本年部门预算支出总计减少了")
    assert not applies("stated_fact", seed, "智慧教育平台项目减少了")  # no stated change of it
    name, answer = settled(seed, "本年部门预算支出总计减少了")
    assert name == "stated_fact" and answer.figures[0].source.column == "比上年增减额"


def test_nothing_named_is_no_answer_here(seed):
    assert settled(seed, "帮我写一首关于春天的诗") == ("nothing_named", None)
    assert not applies("nothing_named", seed, "智慧教育平台项目预算多少")


def test_a_named_row_is_looked_up(seed):
    name, answer = settled(seed, "智慧教育平台项目预算多少")
    assert name == "lookup" and (answer.figures[0].value, type_of(answer)) == (D("1000.00"), "money")


# ---------------------------------------------------------------- the typed intent


@pytest.mark.parametrize("question,expected", [
    ("智慧教育平台项目预算多少", "money"),
    ("基本支出占总支出的比例是多少", "percent"),
    ("今年预算比上年增长了百分之多少", "percent"),
    ("有几个项目", "count"),
    ("项目支出是基本支出的多少倍", "quantity"),
    ("需要建设多少公里", "quantity"),
    ("公务用车有几辆", "quantity"),
    ("服务多少家企业", "quantity"),
    ("什么是三公经费", "text"),
    ("为什么三公经费增加", "text"),
    ("智慧教育平台项目的填报日期是什么时候", "date"),
])
def test_the_intent_says_what_type_of_answer_is_expected(question, expected):
    assert parse_question(question).answer_type == expected


def test_modifiers_read_from_the_question():
    m = parse_question("金额最大的前5个项目").modifiers
    assert (m.top_n, m.exclude, m.threshold, m.per, m.years_span, m.inside) == (5, None, None, None, None, None)
    m = parse_question("1000万元以上的项目有几个").modifiers
    assert (m.threshold, m.below) == ((D("1000"), "万元"), False)
    assert parse_question("不到100万元的项目有几个").modifiers.below is True
    assert parse_question("除了智慧教育平台以外的项目一共多少钱").modifiers.exclude == "智慧教育平台"
    assert parse_question("聘用人员每月多少元").modifiers.per == "月"
    assert parse_question("近三年合计多少").modifiers.years_span == 3
    assert parse_question("三公经费其中公务接待费多少").modifiers.inside == ("三公经费", "公务接待费多少")


def test_top_n_and_threshold_stay_readable_on_the_intent():
    intent = parse_question("1000万元以上的项目有几个")
    assert intent.threshold == intent.modifiers.threshold == (D("1000"), "万元")
    intent.top_n = 2
    assert intent.modifiers.top_n == 2


def test_what_a_ranking_ranks_is_chosen_in_one_table():
    from budgetqa.answering.computations import POPULATIONS
    assert [p.name for p in POPULATIONS] == ["units", "three_public", "children", "listed", "functional", "economic"]
    applies = {p.name: p.applies for p in POPULATIONS}
    assert applies["units"]("哪个预算单位的收入最多") and not applies["units"]("哪个项目钱最多")
    assert applies["three_public"]("三公经费哪一项最多") and not applies["three_public"]("哪一项费用最多")
    assert applies["functional"]("哪一类支出最多") and not applies["functional"]("哪类项目最多")
    assert applies["economic"]("哪项费用最多") and not applies["economic"]("哪个项目费用最多")
