"""Rules inside one table: subject trees, 合计 rows, 基本 + 项目 = 合计, economic ledgers, the
balance of a 决算, the sources across a row and the "三公" sum."""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import ParsedDocument, Row, Table
from ..parsing.templates import TOTAL_LABELS
from ..parsing.vocabulary import VOCABULARY
from .findings import Evidence, Finding, cell, compare
from .registry import rule

CODE_TABLES = ("income", "expense", "gp_expense", "fund_expense", "fund_income")
EXPENSE_TABLES = ("expense", "gp_expense", "fund_expense")


def is_total(row: Row) -> bool:
    return row.label.replace(" ", "") in TOTAL_LABELS


_NOT_AMOUNT = re.compile(r"行次|栏次|序号|编码|代码")


def amount_columns(t: Table) -> list[str]:
    """The columns that print money (not a 行次 or 栏次 index)."""
    return [c for c in t.columns if not _NOT_AMOUNT.search(c)]


def tables_of(doc: ParsedDocument, *kinds: str) -> list[Table]:
    return [t for t in doc.tables if t.kind in kinds and not t.empty]


def _has(*kinds: str):
    return lambda doc: bool(tables_of(doc, *kinds))


# ---------------------------------------------------------------- subject trees


@rule("subject_tree", "表内", "功能分类（或经济分类）科目：上级科目 = 下级科目之和；合计行 = 各类之和",
      _has(*CODE_TABLES, "gp_basic_economic"))
def check_subject_trees(doc: ParsedDocument):
    for t in tables_of(doc, *CODE_TABLES):
        yield from _subject_tree(t)
    for t in tables_of(doc, "gp_basic_economic"):
        if any(r.code for r in t.rows):
            yield from _subject_tree(t)


# Two rows' amounts read into one cell ("31.01 424.00"): the PDF left out a rule between rows,
# so the rows around it cannot be trusted to be whole.
_MERGED_AMOUNTS = re.compile(r"-?[\d,]+\.\d+(?:\s+-?[\d,]+\.\d+)+")


def merged_rows(t: Table) -> bool:
    return any(_MERGED_AMOUNTS.fullmatch(v.strip()) for r in t.rows for v in r.texts.values())


def _subject_tree(t: Table) -> list[Finding]:
    """Each coded row equals the sum of the rows printed under it one level down, and the 合计
    row the sum of the top-level rows. Children are the rows that follow a row (a code may
    print twice, once under each 政府经济分类 class). In a table where two printed rows were
    read as one, a sum that does not agree is not reported: the reading, not the document,
    may be what is wrong."""
    out = _subject_tree_sums(t)
    return [f for f in out if f.severity != "error"] if merged_rows(t) else out


def _subject_tree_sums(t: Table) -> list[Finding]:
    out = []
    rows = [r for r in t.rows if r.code and r.side != "收入" or (r.code and t.kind == "income")]
    total = next((r for r in t.rows if is_total(r)), None)
    children = _tree(rows)
    for col in amount_columns(t):
        for i, r in enumerate(rows):
            if not children[i]:
                continue
            out.append(compare("subject_tree", f"{t.title} {r.code} {r.label} 的下级科目之和（{col}）",
                               [cell(t, c, col) for c in children[i]],
                               _printed(t, r, col), t.unit))
        if total is not None:
            top = [r for r in rows if len(r.code) == 3]
            if top:
                out.append(compare("subject_tree", f"{t.title} 合计行（{col}）",
                                   [cell(t, r, col) for r in top], _printed(t, total, col), t.unit))
    return [f for f in out if f]


def _printed(t: Table, r: Row, col: str) -> Evidence:
    """A cell as printed: None stays None (a blank is not a printed 0)."""
    e = cell(t, r, col)
    return Evidence(r.values.get(col), e.unit, e.page, e.line, e.table, e.row, e.column)


def _tree(rows: list[Row]) -> dict[int, list[Row]]:
    """Each coded row's children. Where every code is printed once, by code whatever the order
    (a 决算 prints 人员经费 and 公用经费 side by side, so their rows interleave); else by order."""
    codes = [r.code or "" for r in rows]
    if len(set(codes)) < len(codes):
        return {i: _children(rows, i) for i in range(len(rows))}
    at = {c: i for i, c in enumerate(codes)}
    out: dict[int, list[Row]] = {i: [] for i in range(len(rows))}
    for r in rows:
        code = r.code or ""
        parent = next((code[:k] for k in range(len(code) - 1, 0, -1) if code[:k] in at), None)
        if parent is not None:
            out[at[parent]].append(r)
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


# ---------------------------------------------------------------- parts of a row


# Expense columns printed beside 基本支出 and 项目支出 that the total also includes.
OTHER_EXPENSE = re.compile(r"^(?!其中).*(?:经营支出|对附属单位补助|上缴上级|预留机动)")


@rule("row_split", "表内", "每一行：基本支出 + 项目支出（+ 其他支出列）= 合计；人员经费 + 公用经费 = 合计",
      _has(*EXPENSE_TABLES, "gp_basic_economic"))
def check_row_splits(doc: ParsedDocument):
    for t in tables_of(doc, *EXPENSE_TABLES):
        whole = next((c for c in ("合计", "支出总计", "总计") if c in t.columns), "合计")
        others = tuple(c for c in t.columns if OTHER_EXPENSE.search(c))
        yield from row_split(t, ("基本支出", "项目支出"), whole, f"基本支出 + 项目支出 = {whole}", others)
    for t in tables_of(doc, "gp_basic_economic"):
        yield from row_split(t, ("人员经费", "公用经费"), "合计", "人员经费 + 公用经费 = 合计")


def row_split(t: Table, parts: tuple[str, ...], whole: str, what: str,
              others: tuple[str, ...] = (), rule_id: str = "row_split") -> list[Finding]:
    """Each row's parts add up to its whole. Where the table prints further parts (``others``:
    经营支出, 对附属单位补助支出…), some templates count them in the whole and some do not: the
    row agrees if either sum matches. Only disagreements and the 合计 row are reported."""
    if not all(p in t.columns for p in parts) or whole not in t.columns:
        return []
    out = []
    for r in t.rows:
        if r.values.get(whole) is None:
            continue
        if others and any(r.values.get(o) for o in others):
            wide = compare(rule_id, what, [cell(t, r, p) for p in parts + others],
                           _printed(t, r, whole), t.unit)
            if wide and wide.severity == "ok":
                continue
        label = f"{r.code or ''}{r.label}{'/' + r.label2 if r.label2 else ''}"
        f = compare(rule_id, f"{t.title} {label}：{what}", [cell(t, r, p) for p in parts],
                    _printed(t, r, whole), t.unit)
        if f and (f.severity != "ok" or is_total(r)):
            out.append(f)
    return out


# ---------------------------------------------------------------- economic ledgers


@rule("ledger", "表内", "基本支出经济分类表（无编码）：各经济科目之和 = 类合计；各类之和 = 合计",
      lambda doc: any(not any(r.code for r in t.rows) for t in tables_of(doc, "gp_basic_economic")))
def check_ledgers(doc: ParsedDocument):
    for t in tables_of(doc, "gp_basic_economic"):
        if not any(r.code for r in t.rows):
            yield from _ledger(t)


def _ledger(t: Table) -> list[Finding]:
    out = []
    total = next((r for r in t.rows if is_total(r)), None)
    groups = _economic_groups(t)
    for col in amount_columns(t):
        for head, items in groups:
            if items:
                out.append(compare("ledger", f"{t.title} {head.label} 各经济科目之和（{col}）",
                                   [cell(t, i, col) for i in items], _printed(t, head, col), t.unit))
        if total is not None and groups:
            out.append(compare("ledger", f"{t.title} 合计行（{col}）",
                               [cell(t, h, col) for h, _ in groups], _printed(t, total, col), t.unit))
    return [f for f in out if f]


def _economic_groups(t: Table) -> list[tuple[Row, list[Row]]]:
    """Each economic class row with its item rows. Items are told from classes by a second
    label (Shanghai prints '工资福利支出 | 基本工资') or, in a table printed without codes, by
    the class names of the classification (VOCABULARY.economic_classes); failing both, every
    row is its own group."""
    rows = [r for r in t.rows if not is_total(r)]
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


# ---------------------------------------------------------------- sources across a row

# The columns of the money's sources, as the MoF template names them.
_SOURCES = {
    "一般公共预算": re.compile(r"^(?!其中)(?:.*财政拨款.*)?一般公共预算(?:拨款)?(?:收入|资金)?$"),
    "政府性基金": re.compile(r"^(?!其中)(?:.*财政拨款.*)?政府性基金(?:预算)?(?:拨款)?(?:收入|资金)?$"),
    "国有资本经营": re.compile(r"^(?!其中)(?:.*财政拨款.*)?国有资本经营(?:预算)?(?:拨款)?(?:收入|资金)?$"),
}


@rule("fiscal_sources", "表内",
      "财政拨款收支总表每一行：合计 = 一般公共预算 + 政府性基金 + 国有资本经营", _has("fiscal_summary"))
def check_fiscal_sources(doc: ParsedDocument):
    """Only where the table prints all three sources and one 合计 beside them: a table that
    prints two of them may leave out a source it has none of, or not."""
    for t in tables_of(doc, "fiscal_summary"):
        cols = [next((c for c in t.columns if p.search(c.replace(" ", ""))), None)
                for p in _SOURCES.values()]
        whole = next((c for c in t.columns if c.replace(" ", "") in ("合计", "小计", "总计")), None)
        if whole is None or None in cols:
            continue
        for r in t.rows:
            if r.values.get(whole) is None or not any(r.values.get(c) is not None for c in cols):
                continue
            f = compare("fiscal_sources", f"{t.title} {r.label}：一般公共预算 + 政府性基金 + 国有资本经营 = {whole}",
                        [cell(t, r, c) for c in cols], _printed(t, r, whole), t.unit)
            if f and (f.severity != "ok" or is_total(r)):
                yield f


# ---------------------------------------------------------------- "三公"经费

_THREE = (re.compile(r"出国|出境"), re.compile(r"接待"),
          re.compile(r"公务用车购置及运行|公务用车(?:费|支出)?$|^公务用车(?!.*(?:购置|运行))"))
_EXTRA_ITEMS = re.compile(r"会议费|培训费")
_CAR_PARTS = (re.compile(r"^(?:其中[：:])?(?:公务用车)?购置(?:费)?$"), re.compile(r"^(?:其中[：:])?(?:公务用车)?运行(?:维护)?(?:费)?$"))


@rule("three_public", "表内", "“三公”经费：合计 = 因公出国（境）+ 公务接待 + 公务用车购置及运行；用车 = 购置 + 运行",
      _has("three_public"))
def check_three_public(doc: ParsedDocument):
    """The template prints the items either as columns of one row per year or as rows."""
    for t in tables_of(doc, "three_public"):
        cols = [c.replace(" ", "") for c in t.columns]
        by_col = [next((t.columns[i] for i, c in enumerate(cols) if p.search(c)), None) for p in _THREE]
        whole = next((t.columns[i] for i, c in enumerate(cols) if c in ("合计", "小计", "总计")
                      or c.endswith("三公”经费合计") or re.search(r"三公.{0,2}经费(合计|小计)?$", c)), None)
        car_parts = [next((t.columns[i] for i, c in enumerate(cols) if p.search(c)), None) for p in _CAR_PARTS]
        # a table of "三公"经费、会议费、培训费 counts those in its 合计 too
        extra = [c for c in t.columns if _EXTRA_ITEMS.search(c) and "其中" not in c]
        if whole and None not in by_col:
            for r in t.rows:
                if r.values.get(whole) is None:
                    continue
                parts = [cell(t, r, c) for c in by_col]
                wide = compare("three_public", f"{t.title} {r.label}：出国 + 接待 + 用车 + 会议/培训 = 合计",
                               parts + [cell(t, r, c) for c in extra], _printed(t, r, whole), t.unit)
                if extra:  # a total over more items than are read is not checked
                    yield wide if wide and wide.severity != "error" else None
                else:
                    yield compare("three_public", f"{t.title} {r.label}：出国 + 接待 + 用车 = 合计",
                                  parts, _printed(t, r, whole), t.unit)
                if None not in car_parts and r.values.get(by_col[2]) is not None:
                    yield compare("three_public", f"{t.title} {r.label}：购置 + 运行 = 公务用车",
                                  [cell(t, r, c) for c in car_parts], _printed(t, r, by_col[2]), t.unit)
        elif None in by_col:
            yield from _three_public_rows(t)


def _three_public_rows(t: Table) -> list[Finding]:
    """Items printed as rows: 合计 = the three items (or the three and 会议费、培训费, where the
    table prints those too and its 合计 counts them); 公务用车 = 购置 + 运行."""
    out: list[Finding | None] = []
    labels = [r.label.replace(" ", "") for r in t.rows]
    total = next((r for r, lab in zip(t.rows, labels) if lab in TOTAL_LABELS or re.search(r"三公.{0,2}经费(合计)?$", lab)), None)
    items = [next((r for r, lab in zip(t.rows, labels) if p.search(lab) and "其中" not in lab), None)
             for p in _THREE]
    extra = [r for r, lab in zip(t.rows, labels) if _EXTRA_ITEMS.search(lab)]
    parts = [next((r for r, lab in zip(t.rows, labels) if p.search(lab)), None) for p in _CAR_PARTS]
    for col in t.columns:
        if total is not None and None not in items:
            narrow = compare("three_public", f"{t.title}（{col}）：出国 + 接待 + 用车 = 合计",
                             [cell(t, r, col) for r in items], _printed(t, total, col), t.unit)
            wide = compare("three_public", f"{t.title}（{col}）：出国 + 接待 + 用车 + 会议/培训 = 合计",
                           [cell(t, r, col) for r in items + extra], _printed(t, total, col), t.unit)
            if not extra or (narrow and narrow.severity != "error"):
                out.append(narrow)
            elif wide and wide.severity != "error":
                out.append(wide)
            # else: a total over more items than are read is not checked
        if items[2] is not None and None not in parts:
            out.append(compare("three_public", f"{t.title}（{col}）：购置 + 运行 = 公务用车",
                               [cell(t, r, col) for r in parts], _printed(t, items[2], col), t.unit))
    return [f for f in out if f]


# ---------------------------------------------------------------- 决算 balance


@rule("final_balance", "表内", "决算：年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余（每一行）",
      lambda doc: doc.kind == "决算" and bool(tables_of(doc, "fiscal_summary", "expense", "gp_expense")))
def check_final_balance(doc: ParsedDocument):
    for t in tables_of(doc, "fiscal_summary", "gp_expense", "expense", "fund_expense"):
        cols = {c.replace(" ", ""): c for c in t.columns}
        start = next((v for k, v in cols.items() if k.startswith(("年初", "上年结转")) and "结转" in k
                      and "其中" not in k), None)
        income = next((v for k, v in cols.items() if k.startswith("本年") and "收入" in k and "其中" not in k), None)
        # 本年支出, or the 合计 printed over 基本支出 | 项目支出 between income and carry-forward
        spent = next((v for k, v in cols.items() if k.startswith("本年") and "支出" in k and "其中" not in k),
                     cols.get("合计"))
        end = next((v for k, v in cols.items() if k.startswith("年末") and "结转" in k and "其中" not in k), None)
        if None in (start, income, spent, end):
            continue
        for r in t.rows:
            if all(r.values.get(c) is None for c in (start, income, spent, end)):
                continue
            inflow = [cell(t, r, start), cell(t, r, income)]
            out = sum((e.value or Decimal(0) for e in (cell(t, r, spent), cell(t, r, end))), Decimal(0))
            f = compare("final_balance", f"{t.title} {r.code or ''}{r.label}：年初结转 + 本年收入 = 本年支出 + 年末结转",
                        inflow, Evidence(out, t.unit, r.page or t.page, r.line, t.title, r.label,
                                         f"{spent} + {end}"), t.unit)
            if f and (f.severity != "ok" or is_total(r)):
                f.figures = f.figures[1:] + [cell(t, r, spent), cell(t, r, end)]
                yield f


# ---------------------------------------------------------------- the two sides of a 收支总表


def _grand_total(t: Table, side: str) -> Row | None:
    """The side's grand total (收入总计 / 支出总计): the last total row printed on that side."""
    rows = [r for r in t.rows if r.side == side and re.sub(r"\s", "", r.label).endswith("总计")]
    return rows[-1] if rows else None


@rule("summary_balance", "表内", "收支总表、财政拨款收支总表：收入总计 = 支出总计",
      _has("summary", "fiscal_summary"))
def check_summary_balance(doc: ParsedDocument):
    for t in tables_of(doc, "summary", "fiscal_summary"):
        income, spent = _grand_total(t, "收入"), _grand_total(t, "支出")
        if income is None or spent is None:
            continue
        for col in amount_columns(t):
            if income.values.get(col) is None or spent.values.get(col) is None:
                continue
            yield compare("summary_balance", f"{t.title} 收入总计 vs 支出总计（{col}）",
                          [cell(t, income, col)], _printed(t, spent, col), t.unit)


# ---------------------------------------------------------------- 人员经费 and 公用经费 as rows

_PERSONNEL = {"人员经费": ("301", "303"), "公用经费": ("302", "310")}


@rule("personnel_split", "表内", "基本支出经济分类表印出人员经费、公用经费合计行时：人员经费 = 工资福利支出 + 对个人和家庭的补助；"
      "公用经费 = 商品和服务支出 + 资本性支出", _has("gp_basic_economic"))
def check_personnel_split(doc: ParsedDocument):
    """As the MoF template defines them, where the table prints them as rows of their own (a
    决算 prints '人员经费合计' and '公用经费合计' under the classes)."""
    for t in tables_of(doc, "gp_basic_economic"):
        classes = {r.code: r for r in t.rows if r.code and len(r.code) == 3}
        for name, codes in _PERSONNEL.items():
            total = next((r for r in t.rows if not r.code and re.sub(r"\s", "", r.label) in (name, f"{name}合计")), None)
            if total is None or codes[0] not in classes:
                continue
            parts = [classes[c] for c in codes if c in classes]
            for col in amount_columns(t):
                yield compare("personnel_split", f"{t.title} {name}（{col}）= {' + '.join(r.label for r in parts)}",
                              [cell(t, r, col) for r in parts], _printed(t, total, col), t.unit)
