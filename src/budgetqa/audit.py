"""The audit: the document's own arithmetic, checked. Feature for staff, self-test for the parser.

Each check yields a :class:`Finding`: ``ok`` (adds up exactly), ``rounding`` (off by a few
cents, as independently rounded totals are) or ``error`` (does not add up).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .model import ParsedDocument, Row, Table, convert
from .parsing.lines import name_key, strip_ordinal
from .parsing.templates import TOTAL_LABELS
from .parsing.vocabulary import VOCABULARY

CODE_TABLES = ("income", "expense", "gp_expense", "fund_expense", "fund_income")


@dataclass
class Finding:
    check: str
    severity: str  # 'ok' | 'rounding' | 'error'
    message: str
    lines: list[int] = field(default_factory=list)
    expected: Decimal | None = None  # what the parts add up to
    actual: Decimal | None = None  # what is printed

    def to_dict(self) -> dict:
        return {"check": self.check, "severity": self.severity, "message": self.message,
                "lines": self.lines, "expected": None if self.expected is None else str(self.expected),
                "actual": None if self.actual is None else str(self.actual)}


def _tolerance(unit: str) -> Decimal:
    return Decimal("0.05") if unit == "万元" else Decimal("5")


def _compare(check: str, what: str, parts: list[Decimal], printed: Decimal | None, unit: str,
             lines: list[int]) -> Finding | None:
    if printed is None and not any(parts):
        return None
    total = sum(parts, Decimal(0))
    printed_v = printed if printed is not None else Decimal(0)
    diff = total - printed_v
    if diff == 0:
        sev, msg = "ok", f"{what}：各项相加 {total} {unit}，与印出的 {printed_v} {unit} 一致"
    elif abs(diff) <= _tolerance(unit):
        sev, msg = "rounding", (f"{what}：各项相加 {total} {unit}，印出 {printed_v} {unit}，"
                                f"相差 {diff} {unit}（四舍五入差异）")
    else:
        sev, msg = "error", (f"{what}：各项相加 {total} {unit}，但印出 {printed_v} {unit}，"
                             f"相差 {diff} {unit}")
    return Finding(check, sev, msg, sorted(set(lines)), total, printed_v)


def _v(row: Row, col: str) -> Decimal:
    return row.values.get(col) or Decimal(0)


def _is_total(row: Row) -> bool:
    return row.label.replace(" ", "") in TOTAL_LABELS


def audit(doc: ParsedDocument) -> list[Finding]:
    """Run every check that applies to ``doc``."""
    out: list[Finding] = []
    for t in doc.tables:
        if t.empty:
            continue
        if t.kind in CODE_TABLES:
            out += _check_subject_tree(t)
        if t.kind in ("expense", "gp_expense", "fund_expense"):
            whole = next((c for c in ("合计", "支出总计", "总计") if c in t.columns), "合计")
            others = tuple(c for c in t.columns if _OTHER_EXPENSE.search(c))
            out += _check_row_split(t, ("基本支出", "项目支出"), whole, f"基本支出 + 项目支出 = {whole}",
                                    others)
        if t.kind == "gp_basic_economic":
            out += _check_row_split(t, ("人员经费", "公用经费"), "合计", "人员经费 + 公用经费 = 合计")
            # Coded economic rows (301 > 30101) form a tree; uncoded ones pair 部门/政府 items.
            out += _check_subject_tree(t) if any(r.code for r in t.rows) else _check_ledger(t)
        if t.kind == "project":
            out += _check_projects(doc, t)
    out += _check_forms(doc)
    out += _check_cross_tables(doc)
    return [f for f in out if f is not None]


def _check_subject_tree(t: Table) -> list[Finding]:
    """Each coded row equals the sum of the rows printed under it one level down, and the 合计
    row the sum of the top-level rows. Children are the rows that follow a row (a code may
    print twice, once under each 政府经济分类 class)."""
    out = []
    rows = [r for r in t.rows if r.code and r.side != "收入" or (r.code and t.kind == "income")]
    total = next((r for r in t.rows if _is_total(r)), None)
    children = {i: _children(rows, i) for i in range(len(rows))}
    for col in t.columns:
        for i, r in enumerate(rows):
            if not children[i]:
                continue
            f = _compare("subject_tree", f"{t.title} {r.code} {r.label} 的下级科目之和（{col}）",
                         [_v(c, col) for c in children[i]], r.values.get(col), t.unit,
                         [r.line] + [c.line for c in children[i]])
            if f:
                out.append(f)
        if total is not None:
            top = [r for r in rows if len(r.code) == 3]
            if top:
                f = _compare("total_row", f"{t.title} 合计行（{col}）", [_v(r, col) for r in top],
                             total.values.get(col), t.unit, [total.line] + [r.line for r in top])
                if f:
                    out.append(f)
    return out


def _children(rows: list[Row], i: int) -> list[Row]:
    """The rows directly below ``rows[i]`` among those printed right after it: one level down,
    or deeper where the level between is not printed (301 > 3010201 without 30102)."""
    parent, out = rows[i].code or "", []
    for r in rows[i + 1:]:
        code = r.code or ""
        if len(code) <= len(parent) or not code.startswith(parent):
            break
        if not any(code.startswith(c.code or "") and len(code) > len(c.code or "") for c in out):
            out.append(r)
    return out


# Expense columns printed beside 基本支出 and 项目支出 that the total also includes.
_OTHER_EXPENSE = re.compile(r"^(?!其中).*(?:经营支出|对附属单位补助|上缴上级|预留机动)")


def _check_row_split(t: Table, parts: tuple[str, ...], whole: str, what: str,
                     others: tuple[str, ...] = ()) -> list[Finding]:
    """Each row's parts add up to its whole. Where the table prints further parts (``others``:
    经营支出, 对附属单位补助支出…), some templates count them in the whole and some do not: the
    row agrees if either sum matches."""
    if not all(p in t.columns for p in parts) or whole not in t.columns:
        return []
    out = []
    for r in t.rows:
        if r.values.get(whole) is None:
            continue
        if others and any(_v(r, o) for o in others) and _compare(
                "row_split", what, [_v(r, p) for p in parts + others], r.values.get(whole),
                t.unit, [r.line]).severity == "ok":
            continue
        f = _compare("row_split", f"{t.title} {r.code or ''}{r.label}{'/' + r.label2 if r.label2 else ''}：{what}",
                     [_v(r, p) for p in parts], r.values.get(whole), t.unit, [r.line])
        if f and (f.severity != "ok" or _is_total(r)):
            out.append(f)
    return out


def _check_ledger(t: Table) -> list[Finding]:
    """Economic-item rows add up to their category subtotal, and categories to the 合计."""
    out = []
    total = next((r for r in t.rows if _is_total(r)), None)
    groups = _economic_groups(t)
    for col in t.columns:
        for head, items in groups:
            if not items:
                continue
            f = _compare("ledger", f"{t.title} {head.label} 各经济科目之和（{col}）",
                         [_v(i, col) for i in items], head.values.get(col), t.unit,
                         [head.line] + [i.line for i in items])
            if f:
                out.append(f)
        if total is not None and groups:
            f = _compare("total_row", f"{t.title} 合计行（{col}）", [_v(h, col) for h, _ in groups],
                         total.values.get(col), t.unit, [total.line] + [h.line for h, _ in groups])
            if f:
                out.append(f)
    return out


def _economic_groups(t: Table) -> list[tuple[Row, list[Row]]]:
    """Each economic class row with its item rows. Items are told from classes by a second
    label (Shanghai prints '工资福利支出 | 基本工资') or, in a table printed without codes, by
    the class names of the classification (VOCABULARY.economic_classes); failing both, every
    row is its own group."""
    rows = [r for r in t.rows if not _is_total(r)]
    if any(r.label2 for r in rows):
        is_class = lambda r: not r.label2  # noqa: E731
    elif any(VOCABULARY.economic_class(r.label) for r in rows):
        is_class = lambda r: VOCABULARY.economic_class(r.label) is not None  # noqa: E731
    else:
        return [(r, []) for r in rows]
    groups: list[tuple[Row, list[Row]]] = []
    for r in rows:
        if is_class(r):
            groups.append((r, []))
        elif groups:
            groups[-1][1].append(r)
    return groups


def _expense_total(doc: ParsedDocument, col: str, prefer: tuple[str, ...] = ("expense", "gp_expense")
                   ) -> tuple[Decimal | None, Row | None, Table | None]:
    for kind in prefer:
        t = doc.table(kind)
        if t:
            total = next((r for r in t.rows if _is_total(r)), None)
            if total is not None and col in total.values:
                return total.values[col], total, t
    return None, None, None


def _check_projects(doc: ParsedDocument, t: Table) -> list[Finding]:
    projects = [r for r in t.rows if not _is_total(r)]
    col = "合计" if "合计" in t.columns else (t.columns[0] if t.columns else None)
    if not col or not projects:
        return []
    printed, row, et = _expense_total(doc, "项目支出")
    if printed is None:
        return []
    printed_in_t = convert(printed, et.unit, t.unit)
    f = _compare("projects_total", f"{t.title} {len(projects)} 个项目之和 vs {et.title} 项目支出合计",
                 [_v(p, col) for p in projects], printed_in_t, t.unit,
                 [p.line for p in projects] + [row.line])
    return [f] if f else []


def _check_forms(doc: ParsedDocument) -> list[Finding]:
    t = doc.table("project")
    if t is None:
        return []
    col = "合计" if "合计" in t.columns else (t.columns[0] if t.columns else None)
    by_name = {name_key(r.label): r for r in t.rows}
    out = []
    for form in doc.forms:
        row = by_name.get(name_key(form.project))
        annual = form.amounts.get("年度资金总额")
        if row is None or annual is None or col is None or row.values.get(col) is None:
            continue
        table_amount = convert(row.values[col], t.unit, form.unit)
        diff = annual - table_amount
        sev = "ok" if diff == 0 else ("rounding" if abs(diff) <= 100 else "error")
        out.append(Finding(
            "form_amount", sev,
            f"项目「{form.project}」申报表年度资金总额 {annual:,} {form.unit}"
            f"{'等于' if diff == 0 else '不等于'}项目支出表的 {row.values[col]} {t.unit}"
            f"（= {table_amount:,.0f} {form.unit}）",
            sorted({row.line, form.amount_lines.get("年度资金总额", form.line_start)}),
            table_amount, annual))
    return out


def _check_cross_tables(doc: ParsedDocument) -> list[Finding]:
    out = []
    econ = doc.table("gp_basic_economic")
    # the economic table covers 一般公共预算 only: compare it with the table of the same money
    basic, brow, bt = _expense_total(doc, "基本支出", prefer=("gp_expense", "expense"))
    if econ and basic is not None:
        total = next((r for r in econ.rows if _is_total(r)), None)
        parts = _personnel_and_public(econ, total)
        if parts is not None:
            values, lines = parts
            f = _compare("cross_table", f"{econ.title} 人员经费 + 公用经费 vs {bt.title} 基本支出",
                         values, convert(basic, bt.unit, econ.unit), econ.unit, lines + [brow.line])
            if f:
                out.append(f)
    # Summary tables agree with detail tables on each 类 (3-digit) total.
    expense = doc.table("expense")
    summary = doc.table("summary")
    if expense and summary:
        by_name = {r.label: r for r in expense.rows if r.code and len(r.code) == 3}
        for r in summary.rows:
            if r.side != "支出":
                continue
            name = strip_ordinal(r.label)
            if name in by_name and r.values.get("合计") is not None:
                d = by_name[name]
                f = _compare("cross_table", f"{summary.title} {name} vs {expense.title}",
                              [_v(d, "合计")], r.values.get("合计"), summary.unit, [r.line, d.line])
                if f:
                    out.append(f)
    return out


def _personnel_and_public(econ: Table, total: Row | None):
    """人员经费 and 公用经费: columns of the total row, or rows of their own (决算 tables)."""
    if total is not None and ("人员经费" in econ.columns or "公用经费" in econ.columns):
        return [_v(total, "人员经费"), _v(total, "公用经费")], [total.line]
    rows = [r for r in econ.rows if r.label in ("人员经费", "公用经费")]
    if len(rows) == 2:
        col = econ.columns[0] if econ.columns else None
        if col:
            return [_v(r, col) for r in rows], [r.line for r in rows]
    return None


