"""The route table: each step's test of when it applies and a question it settles, on the seed
(or a small document written here for what the seed does not say); and each figure check, on a
figure it stops and one it lets through."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from budgetqa.answering.engine import DocumentAnswerer
from budgetqa.answering.figure_checks import FIGURE_CHECKS, FIGURE_CHECKS_BY_NAME, Found, first_failing
from budgetqa.answering.router import parse_question
from budgetqa.answering.routing import ROUTE, ROUTE_BY_NAME, RouteContext, decide, prepare
from budgetqa.model import (Answer, Definition, Figure, ParsedDocument, Provenance, Row, Section, Table)

SEED = "yangquan-bigdata-bureau-2023-budget"
STATS = "stats-2026"
FINAL = "stats-2026-final"


def stats_bureau() -> ParsedDocument:
    """A 2026 budget whose narrative states what the seed's does not: last year's 执行数 and
    三公经费 through their changes, 委托业务费 in a section of its own, the cars it holds."""
    doc = ParsedDocument(STATS, "stats.pdf", "某市统计局2026年部门预算", "某市统计局", 2026, "预算", "部门", "h")
    doc.tables = [
        Table("gp_basic_economic", "2026年一般公共预算基本支出分经济科目表", "万元", ["合计", "人员经费", "公用经费"],
              [Row("合计", {"合计": D("300.00"), "人员经费": D("250.00"), "公用经费": D("50.00")}, 10),
               Row("委托业务费", {"合计": D("5.00"), "人员经费": None, "公用经费": D("5.00")}, 11, code="30227"),
               Row("办公费", {"合计": D("8.00"), "人员经费": None, "公用经费": D("8.00")}, 12, code="30201")],
              8, 12),
        Table("expense", "2026年支出总表", "万元", ["合计", "基本支出", "项目支出"],
              [Row("合计", {"合计": D("1000.00"), "基本支出": D("300.00"), "项目支出": D("700.00")}, 20),
               Row("统计信息事务", {"合计": D("1000.00"), "基本支出": D("300.00"), "项目支出": D("700.00")}, 21,
                   code="20105")],
              18, 21),
    ]
    doc.sections = [
        Section(["概况"], "二、主要职责", "负责组织全市人口普查和人口抽样调查。", 0, 0, 1),
        Section(["情况说明"], "一、收支预算总体情况", "2026年收入预算1000万元，比上年执行数增加100万元。"
                "2026年“三公”经费预算20.46万元，比2025年减少4.3万元。", 1, 3, 1),
        Section(["情况说明"], "四、委托业务费情况", "2026年本部门委托业务费预算为17.5万元，比上年增加14万元。", 4, 6, 2),
        Section(["情况说明"], "五、国有资产占有使用情况", "截至2025年底，本部门共有车辆3辆。", 7, 8, 2),
    ]
    doc.definitions = [Definition("政府购买服务", "政府购买服务：指把属于政府职责范围内的事项交由社会力量承担。", 30)]
    return doc


@pytest.fixture(scope="module")
def stats_qa(tmp_path_factory):
    """A service over a store holding :func:`stats_bureau` (as a budget and as final accounts),
    without a search index."""
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings
    from budgetqa.store import Store

    home = tmp_path_factory.mktemp("statshome")
    store = Store(home / "s.sqlite3")
    store.save(stats_bureau())
    final = stats_bureau()  # the same body's final accounts
    final.doc_id, final.kind, final.title = FINAL, "决算", "某市统计局2026年部门决算"
    store.save(final)
    return BudgetQA(Settings(home=home), store)


def context(qa, question: str, doc_id: str = SEED) -> RouteContext:
    return prepare(qa, parse_question(question), doc_id)


def applies(name: str, qa, question: str, doc_id: str = SEED) -> bool:
    return ROUTE_BY_NAME[name].applies(context(qa, question, doc_id))


def settled(qa, question: str, doc_id: str = SEED) -> tuple[str, Answer]:
    """(name of the step that settles the question, its answer)."""
    step, answer = decide(context(qa, question, doc_id))
    return step.name, answer


# ---------------------------------------------------------------- the table


def test_the_route_is_in_the_order_the_decision_is_made():
    assert [step.name for step in ROUTE] == [
        "executed_last_year", "refusal", "unexplained_words", "other_year", "whole_government", "personal_name", "glossary",
        "narrative_section", "purpose", "last_year", "year_not_stated", "figure_checks", "whole_in_narrative",
        "count_in_narrative", "operation_lost", "exact", "section", "retrieval"]
    assert ROUTE[-1].applies(None)  # retrieval is tried on whatever nothing before it settled


def test_the_service_routes_through_the_table(seed_qa):
    question = "智慧教育平台项目预算多少"
    assert seed_qa.route(parse_question(question), SEED).text == settled(seed_qa, question)[1].text


def test_prepare_scopes_the_question_to_the_document(seed_qa):
    ctx = context(seed_qa, "阳泉市大数据应用局2023年上年预算总额是多少")
    assert ctx.intent.q == "上年支出总计是多少"  # as normalised: 预算总额 ~ 支出总计
    ctx = context(seed_qa, "2023年的预算总额是多少")
    assert "prev_year" not in ctx.intent.ops  # the year named was the document's own


def test_prepare_lifts_a_refusal_the_document_answers(seed_qa, stats_qa):
    # actual spending: stated by final accounts, not by a budget
    assert context(seed_qa, "2023年大数据局实际花了多少钱").intent.refusal == "actual"
    assert context(stats_qa, "2026年实际花了多少钱", FINAL).intent.refusal is None
    # 人口 is off the topic of a budget, unless the document speaks of it (a 统计局's duties)
    assert context(seed_qa, "人口有多少").intent.refusal == "offtopic"
    assert context(stats_qa, "人口有多少", STATS).intent.refusal is None


# ---------------------------------------------------------------- each step


def test_last_years_executed_figure_worked_out_from_the_narrative(stats_qa, seed_qa):
    name, answer = settled(stats_qa, "上年收入预算执行数是多少", STATS)
    assert name == "executed_last_year" and answer.route == "computation"
    assert (answer.figures[0].value, answer.figures[0].unit) == (D("900"), "万元")
    assert not applies("executed_last_year", stats_qa, "收入预算是多少", STATS)
    # nothing in the seed's narrative states it: the refusal of actual spending stands
    name, answer = settled(seed_qa, "本年部门预算支出总计比上年执行数增加多少，上年执行数是多少")
    assert name == "refusal" and answer.text.startswith("部门预算是计划数")


def test_a_question_the_router_refuses_is_refused(seed_qa):
    assert applies("refusal", seed_qa, "2023年大数据局实际花了多少钱")
    assert not applies("refusal", seed_qa, "智慧教育平台项目预算多少")
    name, answer = settled(seed_qa, "驻村的干部叫什么名字")
    assert name == "refusal" and answer.route == "refusal" and not answer.figures


def test_words_the_vocabulary_does_not_know_give_no_figure(seed_qa):
    assert applies("unexplained_words", seed_qa, "asdfgh")
    assert not applies("unexplained_words", seed_qa, "基本支出是多少")
    name, answer = settled(seed_qa, "How much is the smart education platform budget?")
    assert name == "unexplained_words" and answer.text.startswith("问题里有我不认识的词")


def test_another_year_is_not_in_the_document(seed_qa):
    assert applies("other_year", seed_qa, "2024年大数据局预算多少钱")
    assert not applies("other_year", seed_qa, "2023年大数据局预算多少钱")
    assert not applies("other_year", seed_qa, "2022年比上年增加了多少")  # last year's change is stated
    name, answer = settled(seed_qa, "阳泉市大数据应用局2021年预算是多少")
    assert name == "other_year" and answer.text.startswith("公开文件中没有这一年的数据")


def test_a_person_a_form_names_is_not_asked_about(seed_qa):
    assert applies("personal_name", seed_qa, "段杨超工资多少")
    assert not applies("personal_name", seed_qa, "段杨超经办的是哪个项目")
    name, answer = settled(seed_qa, "段杨超工资多少")
    assert name == "personal_name" and answer.text.startswith("公开文件不包含人员的个人信息")


def test_a_term_the_glossary_defines(seed_qa):
    assert applies("glossary", seed_qa, "什么是基本支出")
    assert not applies("glossary", seed_qa, "基本支出是多少")
    name, answer = settled(seed_qa, "三公经费指的是什么")
    assert name == "glossary" and answer.sources[0].section == "名词解释"


def test_what_a_body_does_is_its_narrative_section(seed_qa):
    assert applies("narrative_section", seed_qa, "大数据局主要是干什么的")
    assert not applies("narrative_section", seed_qa, "大数据局有多少钱")
    name, answer = settled(seed_qa, "大数据局有哪些科室")
    assert name == "narrative_section" and answer.route == "retrieval"
    assert answer.text.startswith("二、机构设置情况：")


def test_last_years_figure_worked_out_from_the_narratives_comparison(stats_qa):
    assert applies("last_year", stats_qa, "2025年的三公经费预算是多少", STATS)
    assert not applies("last_year", stats_qa, "三公经费预算是多少", STATS)
    name, answer = settled(stats_qa, "上年“三公”经费预算是多少", STATS)
    assert name == "last_year" and answer.figures[0].value == D("24.76")
    assert "20.46 + 4.3 = 24.76" in answer.text


def test_a_year_the_exact_answer_does_not_state_is_refused(seed_qa):
    assert applies("year_not_stated", seed_qa, "2022年基本支出是多少")
    assert not applies("year_not_stated", seed_qa, "上年预算总额是多少")  # worked out from the stated change
    name, answer = settled(seed_qa, "去年的三公经费是多少")
    assert name == "year_not_stated" and answer.text.startswith("公开文件中没有这一年的数据")


def test_a_figure_that_fails_a_check_is_not_given(seed_qa):
    assert applies("figure_checks", seed_qa, "非财政拨款收入是多少")
    assert not applies("figure_checks", seed_qa, "大数据局主要是干什么的")  # no figure found
    name, answer = settled(seed_qa, "阳泉市数字经济发展中心的三公经费是多少")
    assert name == "figure_checks" and answer.text.startswith("公开文件是整个部门的预算/决算，没有单列这个下属单位的数字")
    assert not answer.figures


def test_an_items_whole_stated_in_the_narrative_answers_for_its_basic_part(stats_qa):
    name, answer = settled(stats_qa, "委托业务费是多少", STATS)
    assert name == "whole_in_narrative" and answer.route == "retrieval"
    source = answer.figures[0].source
    assert answer.figures[0].value == D("17.5") and (source.row, source.line) == ("2026年本部门委托业务费预算为", 4)
    # the 基本支出 part asked for: the table's own figure
    name, answer = settled(stats_qa, "委托业务费的公用经费是多少", STATS)
    assert name == "exact" and answer.figures[0].value == D("5.00")


def test_a_count_answered_in_money_goes_to_the_narrative(seed_qa):
    assert applies("count_in_narrative", seed_qa, "有几辆公车")
    assert not applies("count_in_narrative", seed_qa, "公务用车购置及运行费是多少钱")
    name, answer = settled(seed_qa, "有几辆公车")
    # the seed's 车辆情况 says only 无: none, quoted from that section, never a money figure
    assert name == "count_in_narrative" and [(f.value, f.unit) for f in answer.figures] == [(0, "辆")]
    assert "十一、国有资产占有使用情况 > 1、车辆情况" in answer.text and "无" in answer.text


def test_a_quoted_name_the_figure_drops_is_refused(stats_qa):
    assert applies("operation_lost", stats_qa, "“统计信息事务管理”的预算是多少", STATS)
    assert not applies("operation_lost", stats_qa, "“统计信息事务”的预算是多少", STATS)
    name, answer = settled(stats_qa, "“统计信息事务管理”的预算是多少", STATS)
    assert name == "operation_lost" and answer.text.startswith("公开文件中没有找到与这个问题相关的内容")


def test_the_exact_answer(seed_qa):
    assert applies("exact", seed_qa, "智慧教育平台项目预算多少")
    assert not applies("exact", seed_qa, "大数据局占用房屋情况怎么样")
    name, answer = settled(seed_qa, "智慧教育平台项目预算多少")
    assert name == "exact" and answer.route == "lookup"
    assert (answer.figures[0].value, answer.figures[0].unit) == (D("1000.00"), "万元")


def test_the_exact_answer_notes_a_code_it_answered_for_by_name(seed_qa):
    # 2060999 is not printed; 行政运行 (2060101), of the same 类, is named in full
    name, answer = settled(seed_qa, "行政运行（2060999）是多少")
    assert name == "exact" and answer.figures[0].source.code == "2060101"
    assert answer.text.startswith("（文件中没有科目编码2060999；按名称“行政运行”（编码2060101）回答）")
    # of another 类, the name does not answer for the code
    assert settled(seed_qa, "行政运行（2019999）是多少")[0] == "figure_checks"


def test_a_narrative_section_the_question_names(seed_qa):
    assert applies("section", seed_qa, "大数据局占用房屋情况怎么样")
    assert not applies("section", seed_qa, "智慧教育平台项目预算多少")
    name, answer = settled(seed_qa, "大数据局占用房屋情况怎么样")
    assert name == "section" and answer.route == "retrieval" and "国有资产" in answer.sources[0].section


def test_the_rest_is_retrieved(seed_qa, stats_qa):
    name, answer = settled(seed_qa, "有几个科室")
    assert name == "retrieval" and (answer.figures[0].value, answer.figures[0].unit) == (D(4), "个")
    # without a search index, nothing retrieved: refused
    name, answer = settled(stats_qa, "有几辆车", STATS)
    assert name == "retrieval" and answer.route == "refusal"


# ---------------------------------------------------------------- the figure checks


def test_the_checks_are_in_the_order_they_are_tried():
    assert [(c.name, c.reason) for c in FIGURE_CHECKS] == [
        ("quoted_amount_differs", "retrieve"), ("other_kind_of_figure", "retrieve"),
        ("unknown_code", "code"), ("left_out_answered", "unknown"), ("other_money", "source"),
        ("part_money_for_whole", "retrieve"), ("carried_over_not_asked", "opposite"), ("carried_over_of_other_money", "opposite"),
        ("fiscal_for_non_fiscal", "opposite"), ("income_table_for_spending", "opposite"),
        ("start_for_end", "opposite"), ("income_for_spending", "opposite"),
        ("year_for_month", "monthly"), ("basic_for_project", "opposite"), ("spending_part_left_out", "retrieve"),
        ("projects_summed_for_total", "retrieve"), ("words_asked", "retrieve"), ("company_asked", "retrieve"), ("carried_over_left_in", "opposite"),
        ("indicator_from_table", "retrieve"), ("target_for_holding", "retrieve"),
        ("part_table", "item"), ("topic_elsewhere", "retrieve"), ("unit_left_out", "unit"),
        ("own_level_left_out", "unit"), ("term_left_out", "retrieve"), ("other_table", "unknown"), ("part_of_topic_left_out", "retrieve"),
        ("column_left_out", "item"), ("part_of_stated_whole", "retrieve"), ("stated_part_for_whole", "retrieve"),
        ("subject_in_table_title", "item"), ("named_left_out", "item"),
        ("item_left_out", "item"), ("project_left_out", "item"), ("other_project_number", "item")]


@pytest.fixture(scope="module")
def seed(seed_doc):
    return DocumentAnswerer(seed_doc)


@pytest.fixture(scope="module")
def stats():
    return DocumentAnswerer(stats_bureau())


def found_in(answerer, question: str) -> Found:
    """The exact answer the document gives ``question`` and what it was found from."""
    ctx = RouteContext(None, parse_question(question), answerer.doc.doc_id, answerer)
    assert ctx.figures_found, question
    return ctx.found


def fails(name: str, found: Found) -> bool:
    return FIGURE_CHECKS_BY_NAME[name].fails(found)


def figure(table: str, row: str, column: str, value: str = "34", label: str | None = None, **kw) -> Answer:
    """An exact answer of one figure, read from (table, row, column)."""
    return Answer("q", "t", True, "lookup", [Figure(label or column, D(value), "万元",
                                                      Provenance("d", table, row, column), **kw)])


@pytest.mark.parametrize("name, document, stopped, passed", [
    # a code the seed does not print, answered by a row of the question's other words
    ("unknown_code", "seed", "行政运行（2019999）是多少", "行政运行是多少"),
    # 政府性基金 asked of a document without a fund's table: the 支出总表's 基本支出 is other money
    ("other_money", "stats", "政府性基金预算中的基本支出是多少", "基本支出是多少"),
    # the figure found is 财政拨款 money
    ("fiscal_for_non_fiscal", "seed", "非财政拨款收入是多少", "财政拨款收入是多少"),
    # 三公经费 asked, the 基本支出 table's 公用经费 found
    ("topic_elsewhere", "stats", "三公经费预算是多少", "基本支出是多少"),
    # a centre inside the body, answered by the body's own (empty) 三公 table
    ("unit_left_out", "seed", "阳泉市数字经济发展中心的三公经费是多少", "阳泉市大数据应用局的三公经费是多少"),
    # a term of the glossary no row stands for
    ("term_left_out", "stats", "政府购买服务的基本支出是多少", "基本支出是多少"),
    # the 项目支出表 named, a figure of the 基本支出 economic table found
    ("other_table", "seed", "项目支出表中基本工资是多少", "基本工资是多少"),
    # 行政运行 named in full, a row of the economic table found
    ("named_left_out", "seed", "行政运行里的办公费是多少", "基本工资是多少"),
    # 专项经费: an item of the question's own that the figure's row does not name
    ("item_left_out", "stats", "统计信息事务的普查经费是多少", "统计信息事务的预算是多少"),
    # a project the seed does not list, answered by the 项目支出 total
    ("project_left_out", "seed", "用于产业园区基础设施更新改造项目的项目支出是多少", "项目支出是多少"),
    # a part of 机关运行经费 the table does not print, answered by the table's total
    ("part_of_topic_left_out", "seed", "机关运行经费里的咨询费是多少", "机关运行经费换算成元是多少"),
    # the table cited by its title names the subject found, the question asks another item
    ("subject_in_table_title", "seed", "按机关运行经费预算财政拨款情况统计表，办公费是多少",
     "按机关运行经费预算财政拨款情况统计表，机关运行经费是多少"),
])
def test_a_check_stops_a_figure_found_for_other_words(name, document, stopped, passed, seed, stats):
    answerer = {"seed": seed, "stats": stats}[document]
    assert fails(name, found_in(answerer, stopped))
    assert not fails(name, found_in(answerer, passed))


def test_basic_spending_asked_is_never_a_figure_named_as_no_part_of_spending():
    whole = figure("部门综合预算收支总表", "一、部门预算", "预算数")
    assert fails("spending_part_left_out", Found("某某局部门预算的基本支出合计是多少", whole))
    assert not fails("spending_part_left_out", Found("某某局部门预算合计是多少", whole))
    # (西安's template names 基本支出 人员经费和公用经费支出)
    named = figure("部门综合预算收支总表", "1、人员经费和公用经费支出", "预算数")
    assert not fails("spending_part_left_out", Found("基本支出合计是多少", named))
    assert not fails("spending_part_left_out", Found("基本支出合计是多少", figure("支出总表", "合计", "基本支出")))


def test_projects_added_up_are_never_a_units_total():
    unit = figure("市级部门收入预算总表", "某某市财政局", "合计")
    assert fails("projects_summed_for_total", Found("局本级的几个项目加起来一共多少钱", unit))
    assert not fails("projects_summed_for_total", Found("局本级一共多少钱", unit))
    assert not fails("projects_summed_for_total", Found("局本级的几个项目加起来一共多少钱",
                                                        figure("项目支出表", "合计", "合计")))


def test_a_carry_over_answers_only_a_question_about_carry_overs():
    carried = figure("收入总表", "合计", "上年结转结余·政府性基金预算")
    assert fails("carried_over_not_asked", Found("政府性基金预算拨款收入是多少", carried))
    assert not fails("carried_over_not_asked", Found("上年结转的政府性基金是多少", carried))
    assert not fails("carried_over_not_asked", Found("收入总计是多少", carried))  # a total holds it
    # "（不含上年结转）" says the money is this year's
    assert not fails("carried_over_not_asked", Found("政府性基金预算收入有多少",
                                                     figure("收入总表", "合计", "政府性基金预算（不含上年结转）")))


def test_a_carry_over_of_one_source_is_not_the_whole_carry_over():
    q = "财政拨款收支总表中上年结转的一般公共预算拨款是多少"
    assert fails("carried_over_of_other_money", Found(q, figure("财政拨款收支总表", "合计", "上年结转")))
    assert not fails("carried_over_of_other_money",
                     Found(q, figure("财政拨款收支总表", "合计", "上年结转·一般公共预算拨款")))


def test_spending_is_not_read_from_the_income_tables_total():
    income = figure("2026年收入总表", "合计", "一般公共预算拨款")
    assert fails("income_table_for_spending", Found("一般公共预算支出是多少", income))
    assert not fails("income_table_for_spending", Found("一般公共预算拨款收入是多少", income))
    assert not fails("income_table_for_spending",
                     Found("一般公共预算支出是多少", figure("2026年支出总表", "合计", "一般公共预算拨款")))
    assert not fails("income_table_for_spending", Found("一般公共预算支出是多少",
                                                        figure("2026年收入总表", "合计", "一般公共预算拨款", "0")))


def test_the_start_of_the_year_is_not_its_end():
    year_end = figure("总表", "年末结转和结余", "决算数", label="年末结转和结余（决算数）")
    assert fails("start_for_end", Found("年初结转和结余是多少", year_end))
    assert not fails("start_for_end", Found("年末结转和结余是多少", year_end))
    assert fails("start_for_end", Found("期末余额是多少", figure("总表", "期初余额", "金额")))


def test_income_is_not_spending():
    spending = figure("收支总表", "支出总计", "合计")
    assert fails("income_for_spending", Found("收入总计是多少", spending))
    assert not fails("income_for_spending", Found("支出总计是多少", spending))
    # a money with nothing in it (本表无数据) is neither
    assert not fails("income_for_spending", Found("收入总计是多少", figure("收支总表", "支出总计", "合计", "0")))


def test_a_years_budget_is_not_a_months():
    year = figure("项目支出预算表", "精准扶贫干部驻村生活补贴", "合计", "2.50")
    assert fails("year_for_month", Found("驻村补贴一个月多少钱", year))
    assert not fails("year_for_month", Found("驻村补贴一年多少钱", year))
    assert not fails("year_for_month", Found("伙食补助每人每月多少元",
                                              figure("绩效目标申报表", "伙食补助标准", "570元/人/月", "570")))


def test_project_spending_is_not_read_from_the_basic_spending_table():
    basic = figure("一般公共预算基本支出经济分类情况表", "工资福利支出", "预算数")
    assert fails("basic_for_project", Found("由项目支出安排的工资福利支出有多少", basic))
    assert not fails("basic_for_project", Found("基本支出中的工资福利支出有多少", basic))
    assert not fails("basic_for_project", Found("由项目支出安排的工资福利支出有多少",
                                                figure("一般公共预算支出经济分类表", "工资福利支出", "项目支出")))


def test_money_with_the_carry_over_left_out_is_not_a_total_that_may_hold_it():
    from budgetqa.model import ParsedDocument
    from parsed_tables import row, table

    def printing(carried: str) -> DocumentAnswerer:
        fiscal = table("fiscal_summary", "财政拨款收支总表", ["预算数"], [
            row("本年收入", 预算数="17552.65"), row("上年结转", 预算数=carried)])
        return DocumentAnswerer(ParsedDocument("d", "d.pdf", "某局2026年部门预算", "某局", 2026, "预算", "部门",
                                               "h", tables=[fiscal]))

    total = figure("收支总表", "一般公共预算资金", "预算数")
    q = "不含上年结转，一般公共预算收入是多少"
    assert fails("carried_over_left_in", Found(q, total, answerer=printing("865.06")))
    assert not fails("carried_over_left_in", Found(q, total, answerer=printing("0")))  # nothing carried
    assert not fails("carried_over_left_in", Found("一般公共预算收入是多少", total, answerer=printing("865.06")))
    assert not fails("carried_over_left_in", Found(q, figure("财政拨款收支总表", "本年收入", "预算数"),
                                                   answerer=printing("865.06")))


def test_a_target_of_a_form_is_not_a_budget_tables_cell():
    unit_row = figure("2026年市级部门收入预算总表", "某某审核中心", "合计")
    assert fails("indicator_from_table", Found("某某审核中心的项目绩效目标里，全年审核目标是多少", unit_row))
    assert not fails("indicator_from_table", Found("某某审核中心的收入预算是多少", unit_row))
    assert not fails("indicator_from_table", Found("某某项目的绩效目标里审核数量是多少",
                                                   figure("项目支出绩效目标申报表：某某项目", "审核数量", "指标值")))


def test_what_is_held_at_a_date_is_not_a_forms_target():
    target = figure("项目支出绩效目标申报表：某某车辆消耗费", "维保车辆数", "指标值", "40")
    assert fails("target_for_holding", Found("截至2025年底有多少辆执法执勤用车", target))
    assert not fails("target_for_holding", Found("某某车辆消耗费的维保车辆数是多少", target))
    assert not fails("target_for_holding", Found("截至2025年底有多少辆执法执勤用车",
                                                 figure("国有资产占用情况", "执法执勤用车", "情况说明", "95")))


def test_the_bodys_own_level_is_not_the_whole_documents_total(seed):
    total = figure("支出总表", "合计", "项目支出")
    assert fails("own_level_left_out", Found("局本级的项目支出合计多少", total, answerer=seed))
    assert not fails("own_level_left_out", Found("项目支出合计多少", total, answerer=seed))
    assert not fails("own_level_left_out", Found("局本级的项目支出合计多少",
                                                 figure("项目支出表", "局本级", "项目支出"), answerer=seed))


def test_a_sources_total_in_a_table_of_one_part_of_the_spending_is_the_parts():
    part = figure("2026年基本支出总表", "合计", "事业单位经营收入")
    assert fails("part_table", Found("事业单位经营收入预算有多少", part))
    assert not fails("part_table", Found("基本支出中的事业单位经营收入是多少", part))


def test_the_first_check_a_figure_fails_decides(seed):
    found = found_in(seed, "阳泉市数字经济发展中心的三公经费是多少")
    assert first_failing(found).name == "unit_left_out"
    assert first_failing(found_in(seed, "智慧教育平台项目预算多少")) is None


def test_a_share_answered_with_an_amount_is_not_its_answer():
    from budgetqa.answering.figure_checks import other_kind_of_figure

    where = Provenance("d", "t", "合计", "项目支出")
    amount = Answer("q", "", True, "lookup", [Figure("项目支出", D("18061.16"), "万元", where)])
    share = Answer("q", "", True, "computation", [Figure("占比", D("38.57"), "%", where)])
    asks = parse_question("第四次全国农业普查项目经费占北京市统计局2026年项目支出预算的百分之多少？")
    assert asks.answer_type == "percent" and "share" in asks.ops
    assert other_kind_of_figure(Found(asks.q, amount, answer_type="percent"))
    assert not other_kind_of_figure(Found(asks.q, share, answer_type="percent"))
    # a percent inside a name asks for no percent
    assert not other_kind_of_figure(Found("那1%人口抽样调查呢", amount, answer_type="percent"))


@pytest.mark.parametrize("question", ["与2025年相比，2026年财政拨款三公经费预算下降了百分之几？",
                                      "和上年相比，三公经费减少了多少？"])
def test_a_comparison_with_another_year_in_other_words_is_a_change(question):
    intent = parse_question(question)
    assert "change" in intent.ops and "share" not in intent.ops


def test_what_a_question_leaves_out_in_brackets_is_never_its_answer():
    from budgetqa.answering.figure_checks import _left_out_spans

    q = parse_question("2017年三公经费预算一共多少（不含会议费和培训费）？").q
    spans = _left_out_spans(q)
    assert spans and any(q.index("培训费") in r for r in spans)


def test_a_code_the_question_writes_picks_its_row_among_rows_printed_under_one_name():
    # 西安's economic table prints 30199 under the name of its class (工资福利支出, 301)
    doc = ParsedDocument("d", "x.pdf", "某局2022年部门预算", "某局", 2022, "预算", "部门", "h")
    doc.tables = [Table("gp_basic_economic", "2022年一般公共预算基本支出表", "元", ["合计"],
                        [Row("合计", {"合计": D("120.00")}, 10),
                         Row("工资福利支出", {"合计": D("100.00")}, 11, code="301"),
                         Row("工资福利支出", {"合计": D("7.00")}, 12, code="30199"),
                         Row("商品和服务支出", {"合计": D("20.00")}, 13, code="302")], 9, 13)]
    a = DocumentAnswerer(doc)
    for question in ("工资福利支出（301）安排了多少？", "工资福利支出安排了多少？"):
        intent = parse_question(question)
        got = a.answer(intent, a.confident(intent.q, a.cat.match(intent.q)))
        assert got is not None and got.figures[0].value == D("100.00"), (question, got and got.text)


def _unit_by_unit(other_income: D | None) -> DocumentAnswerer:
    """北京's layout: a 支出总表 printed unit by unit with no total row, the 一般公共预算 tables
    with theirs, and an income table that may hold money of other sources."""
    doc = ParsedDocument("d", "x.pdf", "某市统计局2026年部门预算", "某市统计局", 2026, "预算", "部门", "h")
    doc.tables = [
        Table("income", "收入总表", "万元", ["合计", "一般公共预算", "其他收入"],
              [Row("合计", {"合计": D("1000.00") + (other_income or 0), "一般公共预算": D("1000.00"),
                            "其他收入": other_income}, 5)], 4, 5),
        Table("expense", "支出总表", "万元", ["合计", "基本支出", "项目支出"],
              [Row("行政运行", {"合计": D("300.00"), "基本支出": D("300.00"), "项目支出": None}, 8, code="2010501"),
               Row("行政运行", {"合计": D("200.00"), "基本支出": D("200.00"), "项目支出": None}, 9, code="2010501")], 7, 9),
        Table("gp_expense", "一般公共预算支出表", "万元", ["合计", "基本支出", "项目支出"],
              [Row("合计", {"合计": D("1000.00"), "基本支出": D("600.00"), "项目支出": D("400.00")}, 12)], 11, 12)]
    return DocumentAnswerer(doc)


def test_a_whole_asked_is_not_the_general_budget_part_when_other_money_is_held():
    where = Provenance("d", "一般公共预算支出表", "合计", "基本支出")
    amount = Answer("q", "", True, "lookup", [Figure("基本支出", D("600.00"), "万元", where)])
    fails = FIGURE_CHECKS_BY_NAME["part_money_for_whole"].fails
    assert fails(Found("基本支出是多少", amount, _unit_by_unit(D("50.00"))))
    # the 一般公共预算 named, or no other money held: the table's total is the answer
    assert not fails(Found("一般公共预算基本支出是多少", amount, _unit_by_unit(D("50.00"))))
    assert not fails(Found("基本支出是多少", amount, _unit_by_unit(None)))


def test_a_table_whose_every_cell_is_zero_says_there_is_none_with_the_narratives_sentence():
    doc = ParsedDocument("d", "x.pdf", "某市住建局2022年部门预算", "某市住建局", 2022, "预算", "部门", "h")
    doc.tables = [Table("fund_expense", "2022年政府性基金收支表", "元", ["预算数"],
                        [Row("合计", {"预算数": D("0.00")}, 5), Row("城乡社区支出", {"预算数": D("0.00")}, 6)], 4, 6)]
    doc.sections = [Section(["政府性基金预算支出情况"], "政府性基金预算支出情况",
                            "表八\n2022年政府性基金收支表 单位：元 120000 100000 80000 60000\n本部门无当年政府性基金预算收支，并已公开空表。",
                            1, 3, 9)]
    a = DocumentAnswerer(doc)
    intent = parse_question("2022年住建局有政府性基金预算收支吗？")
    got = a.answer(intent, a.confident(intent.q, a.cat.match(intent.q)))
    assert got is not None and "没有这项预算" in got.text and "各栏均为0.00元" in got.text
    assert "本部门无当年政府性基金预算收支" in got.text and "120000" not in got.text


def test_a_units_income_is_its_row_of_the_income_table_not_its_projects():
    doc = ParsedDocument("d", "x.pdf", "某市住建局2022年部门预算", "某市住建局", 2022, "预算", "部门", "h")
    doc.tables = [
        Table("income", "收入总表", "元", ["合计", "一般公共预算"],
              [Row("合计", {"合计": D("900.00"), "一般公共预算": D("900.00")}, 5),
               Row("某市城建档案馆", {"合计": D("120.00"), "一般公共预算": D("120.00")}, 6)], 4, 6),
        Table("project", "专项业务经费支出表", "元", ["合计"],
              [Row("某市城建档案馆", {"合计": D("30.00")}, 9),
               Row("档案数字化", {"合计": D("30.00")}, 10)], 8, 10)]
    a = DocumentAnswerer(doc)
    intent = parse_question("某市城建档案馆2022年预算收入是多少？")
    got = a.answer(intent, a.confident(intent.q, a.cat.match(intent.q)))
    assert got is not None and got.figures[0].value == D("120.00"), got and got.text


def test_a_ranking_answered_by_one_amount_looked_up_has_lost_its_operation():
    from budgetqa.answering.routing import operation_lost

    where = Provenance("d", "收支总表", "收入总计", "预算数")
    total = Answer("q", "", True, "lookup", [Figure("收入总计", D("3324258.76"), "万元", where)])
    assert operation_lost(parse_question("各预算单位中，哪一家收入最多？"), total, "某委") == "operation"
    assert operation_lost(parse_question("收入总计是多少？"), total, "某委") is None


def test_a_category_of_a_column_asked_is_left_to_the_narrative_not_refused():
    # 深圳's 支出总表 prints a column 政府采购项目; "服务类项目" of it is stated only in words
    doc = ParsedDocument("d", "x.pdf", "某市财政局2026年部门预算", "某市财政局", 2026, "预算", "部门", "h")
    doc.tables = [Table("expense", "支出总表", "万元", ["合计", "基本支出", "项目支出", "政府采购项目"],
                        [Row("合计", {"合计": D("900.00"), "基本支出": D("600.00"), "项目支出": D("300.00"),
                                      "政府采购项目": D("120.00")}, 5)], 4, 5)]
    a = DocumentAnswerer(doc)
    intent = parse_question("政府采购预算中工程类项目有多少？")
    got = a.answer_lookup(intent, a.confident(intent.q, a.cat.match(intent.q)) or a.cat.match(intent.q))
    assert got is None or (not got.figures and "您是指" not in got.text)


def test_a_glossary_kept_as_prose_under_another_heading_is_still_the_glossary():
    doc = ParsedDocument("d", "x.pdf", "某市统计局2026年部门预算", "某市统计局", 2026, "预算", "部门", "h")
    doc.sections = [Section(["某市统计局主要职责", "六、名词解释"], "六、名词解释",
                            "基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。 "
                            "项目支出：指在基本支出之外为完成特定行政任务或事业发展目标所发生的支出。", 168, 170, 8)]
    a = DocumentAnswerer(doc)
    intent = parse_question("预算公开里说的“项目支出”是什么意思？")
    got = a.answer_definition(intent, a.cat.match(intent.q))
    assert got is not None and "基本支出之外" in got.text and "保障机构正常运转" not in got.text


def test_and_inside_the_name_of_the_row_answered_asks_no_sum():
    from budgetqa.answering.routing import operation_lost

    where = Provenance("d", "一般公共预算支出经济分类情况表", "商品和服务支出", "预算数")
    row = Answer("q", "", True, "lookup", [Figure("商品和服务支出", D("19637.13"), "万元", where)])
    assert operation_lost(parse_question("经济分类情况表里，商品和服务支出（302）合计多少？"), row, "某局") is None
    assert operation_lost(parse_question("办公费和差旅费加起来合计多少？"), row, "某局") == "operation"


def test_a_body_word_inside_a_subject_said_in_full_names_no_unit():
    doc = ParsedDocument("d", "x.pdf", "某市信访局2025年部门预算", "某市信访局", 2025, "预算", "部门", "h")
    doc.tables = [Table("gp_expense", "一般公共预算支出表", "万元", ["合计", "人员经费", "公用经费"],
                        [Row("合计", {"合计": D("1200.00"), "人员经费": D("985.61"), "公用经费": D("214.39")}, 5),
                         Row("政府办公厅（室）及相关机构事务", {"合计": D("1200.00"), "人员经费": D("985.61"),
                                                      "公用经费": D("214.39")}, 6, code="20103"),
                         Row("行政运行", {"合计": D("1200.00"), "人员经费": D("985.61"), "公用经费": D("214.39")},
                             7, code="2010301")], 4, 7)]
    a = DocumentAnswerer(doc)
    q = parse_question("一般公共预算支出表里，政府办公厅（室）及相关机构事务下的行政运行，人员经费安排了多少？").q
    where = Provenance("d", "一般公共预算支出表", "行政运行", "人员经费")
    row = Answer("q", "", True, "lookup", [Figure("行政运行（人员经费）", D("985.61"), "万元", where)])
    assert not FIGURE_CHECKS_BY_NAME["unit_left_out"].fails(Found(q, row, a, (), a.cat.match(q)))
    # a unit named alone is still a unit
    other = parse_question("某市信访接待中心的人员经费是多少？").q
    assert FIGURE_CHECKS_BY_NAME["unit_left_out"].fails(Found(other, row, a, (), a.cat.match(other)))
