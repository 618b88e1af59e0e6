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
