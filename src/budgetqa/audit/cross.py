"""Rules between tables: the projects against the 项目支出 column, each form against its project,
the 基本支出 economic table against the functional one, the 收支总表 against the detail tables."""

from __future__ import annotations

from collections import Counter

import re
from decimal import Decimal

from ..model import ParsedDocument, Row, Table, convert
from ..parsing.lines import name_key, strip_ordinal
from .findings import Evidence, Finding, cell, compare
from .registry import rule
from .tables import is_total


def _in_unit(e: Evidence, unit: str) -> Evidence:
    """The same printed figure, converted for comparison (the evidence keeps its place)."""
    if e.value is None or e.unit in (None, unit):
        return e
    return Evidence(convert(e.value, e.unit, unit), unit, e.page, e.line, e.table, e.row,
                    f"{e.column}（{e.value} {e.unit}）")


def _total_row(t: Table) -> Row | None:
    return next((r for r in t.rows if is_total(r)), None)


def _expense_total(doc: ParsedDocument, col: str, prefer: tuple[str, ...] = ("expense", "gp_expense")
                   ) -> tuple[Table, Row] | None:
    for kind in prefer:
        t = doc.table(kind)
        if t and not t.empty:
            total = _total_row(t)
            if total is not None and col in total.values:
                return t, total
    return None


def _amount_column(t: Table) -> str | None:
    return "合计" if "合计" in t.columns else (t.columns[0] if t.columns else None)


@rule("projects_total", "表间", "项目支出表：各项目之和 = 支出总表的项目支出合计",
      lambda doc: doc.table("project") is not None)
def check_projects(doc: ParsedDocument):
    t = doc.table("project")
    if t.empty:
        return
    projects = [r for r in t.rows if not is_total(r)]
    col = _amount_column(t)
    found = _expense_total(doc, "项目支出")
    if not col or not projects or found is None:
        return
    et, row = found
    yield compare("projects_total", f"{t.title} {len(projects)} 个项目之和 vs {et.title} 项目支出合计",
                  [cell(t, p, col) for p in projects], _in_unit(cell(et, row, "项目支出"), t.unit), t.unit)


@rule("form_amount", "表间", "项目绩效目标表的年度资金总额 = 项目支出表里该项目的金额",
      lambda doc: bool(doc.forms) and doc.table("project") is not None)
def check_forms(doc: ParsedDocument):
    t = doc.table("project")
    col = _amount_column(t)
    by_name = {name_key(r.label): r for r in t.rows}
    # A name printed for several projects (each unit's 日常保障运行) pairs no form with a row.
    named = Counter(name_key(r.label) for r in t.rows) + Counter(name_key(f.project) for f in doc.forms)
    for form in doc.forms:
        row = by_name.get(name_key(form.project))
        annual = form.amounts.get("年度资金总额")
        if row is None or annual is None or col is None or row.values.get(col) is None \
                or named[name_key(form.project)] > 2:
            continue
        table_amount = convert(row.values[col], t.unit, form.unit)
        diff = annual - table_amount
        gap = abs(convert(diff, form.unit, "元"))  # a few cents either way is rounding
        sev = "ok" if diff == 0 else ("rounding" if gap <= 100 else "error")
        line = form.amount_lines.get("年度资金总额", form.line_start)
        page = next((ln.page for ln in doc.lines if getattr(ln, "no", None) == line), None)
        printed = Evidence(annual, form.unit, page, line, "项目支出绩效目标表", form.project, "年度资金总额")
        yield Finding(
            "form_amount", sev,
            f"项目「{form.project}」申报表年度资金总额 {annual:,} {form.unit}"
            f"{'等于' if diff == 0 else '不等于'}项目支出表的 {row.values[col]} {t.unit}"
            f"（= {table_amount:,.0f} {form.unit}）",
            [printed, cell(t, row, col)], table_amount, annual)


@rule("basic_vs_economic", "表间", "基本支出经济分类表的人员经费 + 公用经费 = 一般公共预算支出表的基本支出合计",
      lambda doc: doc.table("gp_basic_economic") is not None)
def check_basic_vs_economic(doc: ParsedDocument):
    econ = doc.table("gp_basic_economic")
    # the economic table covers 一般公共预算 only: compare it with the table of the same money
    found = _expense_total(doc, "基本支出", prefer=("gp_expense", "expense"))
    if econ.empty or found is None:
        return
    bt, brow = found
    parts = _personnel_and_public(econ)
    if parts is not None:
        yield compare("basic_vs_economic", f"{econ.title} 人员经费 + 公用经费 vs {bt.title} 基本支出",
                      parts, _in_unit(cell(bt, brow, "基本支出"), econ.unit), econ.unit)


def _personnel_and_public(econ: Table) -> list[Evidence] | None:
    """人员经费 and 公用经费: columns of the total row, or rows of their own (决算 tables)."""
    total = _total_row(econ)
    if total is not None and ("人员经费" in econ.columns or "公用经费" in econ.columns):
        return [cell(econ, total, c) for c in ("人员经费", "公用经费")]
    rows = [r for r in econ.rows if r.label in ("人员经费", "公用经费")]
    col = econ.columns[0] if econ.columns else None
    if len(rows) == 2 and col:
        return [cell(econ, r, col) for r in rows]
    return None


@rule("summary_vs_expense", "表间", "收支总表支出方各功能分类（类）= 支出总表同一类的合计",
      lambda doc: doc.table("summary") is not None and doc.table("expense") is not None)
def check_summary_vs_expense(doc: ParsedDocument):
    expense, summary = doc.table("expense"), doc.table("summary")
    if expense.empty or summary.empty:
        return
    by_name = {r.label: r for r in expense.rows if r.code and len(r.code) == 3}
    for r in summary.rows:
        if r.side != "支出":
            continue
        name = strip_ordinal(r.label)
        if name in by_name and r.values.get("合计") is not None:
            d = by_name[name]
            yield compare("summary_vs_expense", f"{summary.title} {name} vs {expense.title}",
                          [_in_unit(cell(expense, d, "合计"), summary.unit)],
                          cell(summary, r, "合计"), summary.unit)


def _side_totals(t: Table, side: str) -> list[Row]:
    """The rows of a two-sided table giving one side's total: for the year (本年收入合计) first,
    then with the carry-overs (收入总计). A detail table's total is one or the other."""
    year, grand = [], []
    for r in t.rows:
        if r.side != side:
            continue
        label = r.label.replace(" ", "")
        if label.startswith("本年") and label.endswith("合计") or label in (f"{side}合计", "合计"):
            year.append(r)
        elif label.endswith(("总计", "合计")) and side in label:
            grand.append(r)
    return year[:1] + grand[:1]


@rule("summary_totals", "表间", "收入总表、支出总表的合计 = 收支总表的本年收入（支出）合计或收入（支出）总计",
      lambda doc: doc.table("summary") is not None)
def check_summary_totals(doc: ParsedDocument):
    summary = doc.table("summary")
    if summary.empty:
        return
    col = _amount_column(summary)
    for side, kind in (("收入", "income"), ("支出", "expense")):
        srows = [r for r in _side_totals(summary, side) if r.values.get(col) is not None]
        detail = doc.table(kind)
        if not srows or detail is None or detail.empty:
            continue
        drow = _total_row(detail)
        dcol = next((c for c in ("合计", "总计", "支出总计", "收入总计") if c in detail.columns), None)
        if drow is None or dcol is None or drow.values.get(dcol) is None:
            continue
        found = [compare("summary_totals", f"{summary.title} {s.label} vs {detail.title} {drow.label}",
                         [_in_unit(cell(detail, drow, dcol), summary.unit)], cell(summary, s, col),
                         summary.unit) for s in srows]
        yield min(found, key=lambda f: abs((f.expected or 0) - (f.actual or 0)))


def _coded(t: Table, digits: int | None = None) -> dict[str, Row]:
    """The table's rows by code (a code printed twice is left out: it is not one figure)."""
    rows = [r for r in t.rows if r.code and (digits is None or len(r.code) == digits)]
    codes = [r.code for r in rows]
    return {r.code: r for r in rows if codes.count(r.code) == 1}


def _agreeing_totals(a: Table, a_col: str, b: Table, b_col: str) -> bool:
    """Both tables print a 合计 row and the two totals are equal: they cover the same money, so
    their rows can be compared one by one (an income table may count carry-overs an expense
    table does not, or a 财政拨款 table money a 一般公共预算 table does not)."""
    ta, tb = _total_row(a), _total_row(b)
    if ta is None or tb is None or ta.values.get(a_col) is None or tb.values.get(b_col) is None:
        return False
    return abs(convert(ta.values[a_col], a.unit, b.unit) - tb.values[b_col]) <= Decimal("0.05")


@rule("income_vs_expense", "表间", "收入总表与支出总表都按科目列出时：同一科目的合计相等（两表合计相等时才逐行核对）",
      lambda doc: doc.table("income") is not None and doc.table("expense") is not None)
def check_income_vs_expense(doc: ParsedDocument):
    income, expense = doc.table("income"), doc.table("expense")
    if income.empty or expense.empty or "合计" not in income.columns or "合计" not in expense.columns:
        return
    if not _agreeing_totals(income, "合计", expense, "合计"):
        return
    spent = _coded(expense)
    for code, r in _coded(income).items():
        d = spent.get(code)
        if d is None or r.values.get("合计") is None or d.values.get("合计") is None:
            continue
        yield compare("income_vs_expense", f"{income.title} {code} {r.label} vs {expense.title}",
                      [_in_unit(cell(expense, d, "合计"), income.unit)], cell(income, r, "合计"), income.unit)


@rule("fiscal_vs_general", "表间", "财政拨款收支总表的一般公共预算支出（各类）= 一般公共预算支出表同一类的合计（两表合计相等时才逐行核对）",
      lambda doc: doc.table("fiscal_summary") is not None and doc.table("gp_expense") is not None)
def check_fiscal_vs_general(doc: ParsedDocument):
    fiscal, general = doc.table("fiscal_summary"), doc.table("gp_expense")
    col = next((c for c in fiscal.columns if c.replace(" ", "") in ("一般公共预算", "一般公共预算拨款")), None)
    if fiscal.empty or general.empty or col is None or "合计" not in general.columns:
        return
    spent_total = next((r for r in fiscal.rows if r.side == "支出" and re.sub(r"\s", "", r.label)
                        in ("本年支出合计", "支出合计")), None)
    gtotal = _total_row(general)
    if spent_total is None or gtotal is None or spent_total.values.get(col) is None \
            or gtotal.values.get("合计") is None:
        return
    agree = abs(convert(spent_total.values[col], fiscal.unit, general.unit) - gtotal.values["合计"])
    if agree > Decimal("0.05"):
        return  # the two tables cover different money (carry-overs…): no row-by-row check
    by_name = {r.label: r for r in general.rows if r.code and len(r.code) == 3}
    for r in fiscal.rows:
        name = strip_ordinal(r.label)
        d = by_name.get(name)
        if r.side != "支出" or d is None or r.values.get(col) is None or d.values.get("合计") is None:
            continue
        yield compare("fiscal_vs_general", f"{fiscal.title} {name}（{col}）vs {general.title}",
                      [_in_unit(cell(general, d, "合计"), fiscal.unit)], cell(fiscal, r, col), fiscal.unit)
