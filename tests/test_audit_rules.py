"""The audit's arithmetic rules on the layouts real disclosures print: each rule finds a printed
inconsistency and stays quiet on a consistent table, whatever the province's layout."""

from __future__ import annotations

from decimal import Decimal as D

from budgetqa.audit import audit
from budgetqa.model import ParsedDocument, Row, Table

_n = iter(range(1, 10_000))


def row(label: str, code: str | None = None, label2: str | None = None, **values: str) -> Row:
    return Row(label=label, code=code, label2=label2, line=next(_n),
               values={k: D(v) for k, v in values.items()})


def table(kind: str, columns: list[str], rows: list[Row], title: str = "表") -> Table:
    return Table(kind, title, "万元", columns, rows, 1, 99)


def errors(*tables: Table) -> list[str]:
    doc = ParsedDocument("t", "t", "t", "某某局", 2026, "预算", "部门", "", tables=list(tables))
    return [f.message for f in audit(doc) if f.severity == "error"]


def test_a_code_printed_under_each_government_class_is_added_up_where_it_is_printed():
    # Shandong prints 301 once under 501 机关工资福利支出 and again under 505 对事业单位经常性补助.
    rows = [row("合计", 合计="10"),
            row("机关工资福利支出", "301", 合计="6"), row("基本工资", "30101", 合计="6"),
            row("对事业单位经常性补助", "301", 合计="4"), row("基本工资", "30101", 合计="4")]
    assert errors(table("gp_basic_economic", ["合计"], rows)) == []
    rows[-1].values["合计"] = D("3")
    assert len(errors(table("gp_basic_economic", ["合计"], rows))) == 1


def test_a_level_not_printed_is_skipped_over():
    rows = [row("工资福利支出", "301", 合计="5"), row("基本工资", "30101", 合计="2"),
            row("津贴补贴", "3010201", 合计="1"), row("改革性补贴", "3010202", 合计="2")]
    assert errors(table("gp_basic_economic", ["合计"], rows)) == []


def test_a_missing_child_is_an_error():
    rows = [row("公安", "20402", 合计="7927.40"), row("行政运行", "2040201", 合计="6556.70"),
            row("其他公安支出", "2040299", 合计="1051.46")]
    (message,) = errors(table("expense", ["合计"], rows))
    assert "相差 -319.24" in message


def test_economic_classes_printed_without_codes_are_told_from_their_items_by_name():
    cols = ["合计"]
    rows = [row("合计", 合计="10"), row("工资福利支出", 合计="6"), row("基本工资", 合计="4"),
            row("津贴补贴", 合计="2"), row("商品和服务支出", 合计="4"), row("办公费", 合计="4")]
    assert errors(table("gp_basic_economic", cols, rows)) == []
    rows[2].values["合计"] = D("5")
    assert len(errors(table("gp_basic_economic", cols, rows))) == 1


def test_other_expense_columns_count_in_the_total_only_where_the_template_counts_them():
    cols = ["支出总计", "基本支出", "项目支出", "事业单位经营支出"]
    in_total = row("合计", 支出总计="12", 基本支出="6", 项目支出="4", 事业单位经营支出="2")
    beside = row("合计", 支出总计="10", 基本支出="6", 项目支出="4", 事业单位经营支出="2")
    wrong = row("合计", 支出总计="11", 基本支出="6", 项目支出="4", 事业单位经营支出="2")
    assert errors(table("expense", cols, [in_total])) == []
    assert errors(table("expense", cols, [beside])) == []
    assert len(errors(table("expense", cols, [wrong]))) == 1


def findings(*tables: Table, kind: str = "预算"):
    doc = ParsedDocument("t", "t", "t", "某某局", 2026, kind, "部门", "", tables=list(tables))
    return audit(doc)


def test_a_table_where_two_rows_were_read_as_one_reports_no_sum_error():
    rows = [row("行政单位离退休", "20805", 合计="1043.69"), row("行政单位离退休", "2080501", 合计="31.01"),
            row("其他", "2080599", 合计="376.67")]
    assert len(errors(table("expense", ["合计"], rows))) == 1
    rows[1].texts["一般公共预算"] = "31.01 424.00"  # the PDF printed no rule between two rows
    assert errors(table("expense", ["合计"], rows)) == []


def test_the_three_public_items_add_up_with_meetings_and_training_where_the_total_counts_them():
    items = [row("合计", 合计="30"), row("因公出国（境）费", 合计="5"), row("公务接待费", 合计="5"),
             row("公务用车购置及运行费", 合计="10"), row("公务用车购置费", 合计="4"),
             row("公务用车运行费", 合计="6"), row("会议费", 合计="6"), row("培训费", 合计="4")]
    t = table("three_public", ["合计"], items)
    assert {f.severity for f in findings(t) if f.rule == "three_public"} == {"ok"}
    items[5].values["合计"] = D("7")  # 购置 + 运行 no longer make 用车
    (bad,) = [f for f in findings(t) if f.severity == "error"]
    assert bad.rule == "three_public" and items[5].line in bad.lines


def test_a_fiscal_row_is_the_sum_of_its_three_sources():
    cols = ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]
    r = row("一般公共服务支出", 合计="10", 一般公共预算="7", 政府性基金预算="3", 国有资本经营预算="0")
    assert not errors(table("fiscal_summary", cols, [r]))
    r.values["合计"] = D("11")
    assert len(errors(table("fiscal_summary", cols, [r]))) == 1


def test_a_final_account_balances_carry_over_income_spending_and_carry_forward():
    cols = ["年初结转和结余", "本年收入", "本年支出", "年末结转和结余"]
    r = row("合计", 年初结转和结余="2", 本年收入="10", 本年支出="9", 年末结转和结余="3")
    assert not [f for f in findings(table("fiscal_summary", cols, [r]), kind="决算") if f.severity == "error"]
    r.values["年末结转和结余"] = D("4")
    (bad,) = [f for f in findings(table("fiscal_summary", cols, [r]), kind="决算") if f.severity == "error"]
    assert bad.rule == "final_balance" and {e.column for e in bad.figures} >= {"本年支出", "年末结转和结余"}


def test_a_detail_total_may_match_the_summary_total_for_the_year_or_with_carry_overs():
    summary = table("summary", ["合计"], [
        Row("本年收入合计", {"合计": D("100")}, next(_n), side="收入"),
        Row("收入总计", {"合计": D("120")}, next(_n), side="收入")])
    income = table("income", ["合计", "上年结转"], [row("合计", 合计="120", 上年结转="20")])
    assert [f.severity for f in findings(summary, income) if f.rule == "summary_totals"] == ["ok"]
    income.rows[0].values["合计"] = D("130")
    assert [f.severity for f in findings(summary, income) if f.rule == "summary_totals"] == ["error"]


def test_the_two_sides_of_a_summary_table_balance_and_a_line_index_is_not_money():
    def side(label, side_name, **values):
        return Row(label, {k: D(v) for k, v in values.items()}, next(_n), side=side_name)
    rows = [side("本年收入合计", "收入", 行次="1", 合计="90"), side("收入总计", "收入", 行次="30", 合计="100"),
            side("本年支出合计", "支出", 行次="31", 合计="95"), side("支出总计", "支出", 行次="60", 合计="100")]
    t = table("summary", ["行次", "合计"], rows)
    assert [f.severity for f in findings(t) if f.rule == "summary_balance"] == ["ok"]
    rows[3].values["合计"] = D("101")
    (bad,) = [f for f in findings(t) if f.severity == "error"]
    assert bad.rule == "summary_balance" and {e.line for e in bad.figures} == {rows[1].line, rows[3].line}


def test_income_and_expense_by_subject_agree_when_the_tables_cover_the_same_money():
    def tables(income_leaf: str, income_total: str = "10"):
        income = table("income", ["合计"], [row("合计", 合计=income_total), row("行政运行", "2010101", 合计=income_leaf)])
        expense = table("expense", ["合计"], [row("合计", 合计="10"), row("行政运行", "2010101", 合计="6")])
        return income, expense
    assert [f.severity for f in findings(*tables("6")) if f.rule == "income_vs_expense"] == ["ok"]
    assert [f.severity for f in findings(*tables("7")) if f.rule == "income_vs_expense"] == ["error"]
    # an income table that also counts carry-overs is not compared row by row
    assert [f for f in findings(*tables("7", income_total="12")) if f.rule == "income_vs_expense"] == []


def test_the_fiscal_table_and_the_general_budget_table_agree_by_class():
    def side(label, **values):
        return Row(label, {k: D(v) for k, v in values.items()}, next(_n), side="支出")
    fiscal = table("fiscal_summary", ["合计", "一般公共预算"],
                   [side("一、一般公共服务支出", 合计="8", 一般公共预算="8"), side("本年支出合计", 合计="8", 一般公共预算="8")])
    general = table("gp_expense", ["合计"], [row("合计", 合计="8"), row("一般公共服务支出", "201", 合计="8")])
    assert [f.severity for f in findings(fiscal, general) if f.rule == "fiscal_vs_general"] == ["ok"]
    fiscal.rows[0].values["一般公共预算"] = D("9")
    assert [f.severity for f in findings(fiscal, general) if f.rule == "fiscal_vs_general"] == ["error"]


def test_personnel_and_public_funds_printed_as_rows_are_the_sums_of_their_classes():
    rows = [row("工资福利支出", "301", 决算数="80"), row("商品和服务支出", "302", 决算数="15"),
            row("对个人和家庭的补助", "303", 决算数="5"), row("资本性支出", "310", 决算数="2"),
            row("人员经费合计", 决算数="85"), row("公用经费合计", 决算数="17")]
    t = table("gp_basic_economic", ["决算数"], rows)
    assert [f.severity for f in findings(t) if f.rule == "personnel_split"] == ["ok", "ok"]
    rows[4].values["决算数"] = D("84")
    (bad,) = [f for f in findings(t) if f.severity == "error"]
    assert bad.rule == "personnel_split" and rows[4].line in bad.lines
