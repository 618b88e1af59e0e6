"""Planted defects in the tables of real documents: the audit reports each one, at the cell
where it was planted, and nothing else changes.

Each document is read once (its PDF's lines and grids); a defect is planted in a copy of what
was printed (one cell made 10 larger), the copy is read again, and the new findings are
compared with the clean document's."""

from __future__ import annotations

import copy
import os
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from budgetqa.audit import RULES, audit
from budgetqa.model import ParsedDocument, Row, Table
from budgetqa.parsing.document import parse_text
from budgetqa.parsing.pdf import extract_pdf, parse_pdf_content

from conftest import SEED
from corpus_real import CORPUS_REAL as REAL

if not REAL.exists():
    if os.environ.get("CI"):  # CI has ../shared: never skip silently there
        raise RuntimeError(f"{REAL} is missing")
    pytest.skip(f"{REAL} is not here", allow_module_level=True)

# Each document with the defects planted in it (the tables it prints): seven provinces' layouts,
# a 决算 and the seed.
PLANTED = {
    "guangzhou-stats-2026-budget": ("项级支出科目", "公务接待费", "经济分类款级科目"),
    "shenzhen-audit-2026-budget": ("项级支出科目", "项目金额", "经济分类款级科目"),
    "yantai-stats-2026-budget": ("项级支出科目", "项目金额", "经济分类款级科目", "收入总表科目"),
    "chongqing-gov-office-2026-budget": ("收入总表科目",),
    "fuzhou-commerce-2026-budget": ("项级支出科目", "公务接待费", "经济分类款级科目"),
    "suzhou-audit-2026-budget": ("项级支出科目", "经济分类款级科目"),
    "xian-housing-2022-budget": ("经济分类款级科目",),
    "shenzhen-meteo-2026-budget": ("项目金额",),
    "shanghai-putuo-natres-2024-final": ("项级支出科目", "经济分类款级科目"),
    "seed": ("项级支出科目", "项目金额", "经济分类款级科目", "收入总表科目"),
}
DOCUMENTS = list(PLANTED)


@lru_cache(maxsize=None)
def printed(name: str):
    """What the document printed: a PDF's extracted content, or the seed's text."""
    if name == "seed":
        return SEED.read_text(encoding="utf-8")
    return extract_pdf(REAL / f"{name}.pdf")


def read(name: str, content) -> ParsedDocument:
    if name == "seed":
        return parse_text(content, SEED)
    return parse_pdf_content(content, REAL / f"{name}.pdf")


@lru_cache(maxsize=None)
def clean(name: str) -> ParsedDocument:
    return read(name, copy.deepcopy(printed(name)))


def _bigger(text: str) -> str:
    """The printed number 10 larger, in the same format (commas, decimals)."""
    plain = text.replace(",", "").strip()
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    value = Decimal(plain) + 10
    out = f"{value:,.{decimals}f}" if "," in text else f"{value:.{decimals}f}"
    return out


def _number(text: str | None) -> Decimal | None:
    if not text or not re.fullmatch(r"-?[\d,]+(\.\d+)?", text.strip()):
        return None
    return Decimal(text.strip().replace(",", ""))


def plant(name: str, table: Table, row: Row, column: str) -> ParsedDocument:
    """The document with one printed cell (``row``'s value in ``column``) made 10 larger."""
    content = copy.deepcopy(printed(name))
    if name == "seed":
        lines = content.splitlines()
        cells = lines[row.line - 1].split("\t")
        cells[_position(cells, table, row, column)] = _bigger(cells[_position(cells, table, row, column)])
        lines[row.line - 1] = "\t".join(cells)
        return read(name, "\n".join(lines))
    grids = [(g, r) for p in content.pages for g in p.tables
             for r, no in enumerate(g.row_lines) if no == row.line]
    assert len(grids) == 1, f"row {row.label} on line {row.line}"
    grid, r = grids[0]
    c = _position(grid.rows[r], table, row, column)
    grid.rows[r][c] = _bigger(grid.rows[r][c])
    return read(name, content)


def _position(cells: list, table: Table, row: Row, column: str) -> int:
    """Which printed cell is ``column``: the amount columns are the row's last cells, in the
    table's column order; else the one cell printing that value."""
    value, k = row.values[column], len(table.columns)
    hits = [i for i, text in enumerate(cells) if _number(text) == value]
    same = [c for c in table.columns if row.values.get(c) == value]
    if len(hits) > 1 and len(same) == len(hits):
        return hits[same.index(column)]  # 合计 and 人员经费 print one value: told apart by their order
    at = len(cells) - k + table.columns.index(column)
    if len(cells) >= k and _number(cells[at]) == value:
        return at
    hits = [i for i, text in enumerate(cells) if _number(text) == value]
    assert len(hits) == 1, (cells, column, value)
    return hits[0]


def plantable(table: Table, row: Row, column: str) -> bool:
    """A printed, non-zero amount (a blank or 0 may be left blank by a template) on a line of
    its own (a table printed across, one item per column, shares one line); while
    :data:`_ONLY_ONCE` is set, also printed once in its row (合计 equal to 人员经费 leaves the cell
    to plant in ambiguous)."""
    return bool(row.values.get(column)) and sum(r.line == row.line for r in table.rows) == 1 and \
        (not _ONLY_ONCE or list(row.values.values()).count(row.values[column]) == 1)


_ONLY_ONCE = False


def target_of(pick, doc: ParsedDocument):
    """The cell to plant in: one whose value its row prints once, if the document has one."""
    global _ONLY_ONCE
    _ONLY_ONCE = True
    try:
        found = pick(doc)
    finally:
        _ONLY_ONCE = False
    return found or pick(doc)


# ---------------------------------------------------------------- the defects


def leaf_expense_row(doc: ParsedDocument) -> tuple[Table, Row, str] | None:
    """A 项-level row of the expense table whose 基本支出 (or 项目支出) figure is its own."""
    t = doc.table("expense")
    if t is None:
        return None
    for col in ("基本支出", "项目支出"):
        for r in t.rows:
            if r.code and len(r.code) == 7 and col in t.columns and plantable(t, r, col) \
                    and any(p.code == r.code[:5] for p in t.rows):
                return t, r, col
    return None


def a_project(doc: ParsedDocument) -> tuple[Table, Row, str] | None:
    t = doc.table("project")
    if t is None or t.empty:
        return None
    col = "合计" if "合计" in t.columns else t.columns[0]
    r = next((r for r in t.rows if r.label not in ("合计", "总计") and plantable(t, r, col)), None)
    return (t, r, col) if r else None


def a_three_public_item(doc: ParsedDocument) -> tuple[Table, Row, str] | None:
    t = doc.table("three_public")
    if t is None or t.empty:
        return None
    for r in t.rows:
        for col in t.columns:
            if re.search(r"接待", col) and plantable(t, r, col):
                return t, r, col
    for r in t.rows:
        if "接待" in r.label and t.columns and plantable(t, r, t.columns[0]):
            return t, r, t.columns[0]
    return None


def an_economic_item(doc: ParsedDocument) -> tuple[Table, Row, str] | None:
    t = doc.table("gp_basic_economic")
    if t is None or t.empty:
        return None
    col = "合计" if "合计" in t.columns else t.columns[0]
    coded = [r for r in t.rows if r.code and len(r.code) == 5]
    items = coded or [r for r in t.rows if r.label2]
    r = next((r for r in items if plantable(t, r, col)), None)
    return (t, r, col) if r else None


def an_income_subject(doc: ParsedDocument) -> tuple[Table, Row, str] | None:
    """A 项-level row of a coded income table whose code the expense table prints too."""
    income, expense = doc.table("income"), doc.table("expense")
    if income is None or expense is None or "合计" not in income.columns:
        return None
    spent = {r.code for r in expense.rows if r.code}
    r = next((r for r in income.rows if r.code and len(r.code) == 7 and r.code in spent
              and plantable(income, r, "合计")), None)
    return (income, r, "合计") if r else None


DEFECTS = {  # what is planted -> the rule that must report it
    "项级支出科目": (leaf_expense_row, "subject_tree"),
    "项目金额": (a_project, "projects_total"),
    "公务接待费": (a_three_public_item, "three_public"),
    "经济分类款级科目": (an_economic_item, None),  # its class's sum, or its row's split
    "收入总表科目": (an_income_subject, "income_vs_expense"),
}

CASES = [(doc, defect) for doc, defects in PLANTED.items() for defect in defects]


def reported(findings, severities=("error", "warning")) -> set[tuple[str, str]]:
    return {(f.rule, f.message) for f in findings if f.severity in severities}


@pytest.mark.slow
def test_the_clean_documents_have_no_table_error():
    table_rules = {r.id for r in RULES if r.group in ("表内", "表间")}
    for name in DOCUMENTS:
        errors = [f.message for f in audit(clean(name)) if f.severity == "error" and f.rule in table_rules]
        assert errors == [], name


@pytest.mark.slow
@pytest.mark.parametrize("name, defect", CASES)
def test_a_planted_table_defect_is_reported_where_it_was_planted(name, defect):
    pick, rule = DEFECTS[defect]
    target = target_of(pick, clean(name))
    assert target is not None, f"{name}: no {defect} found to plant a defect in"
    table, row, column = target
    before = reported(audit(clean(name)))
    planted = [f for f in audit(plant(name, table, row, column))
               if f.severity in ("error", "warning") and (f.rule, f.message) not in before]
    assert planted, f"{defect} in {name}: nothing reported"
    for f in planted:  # every new finding points at the planted cell
        assert any(e.line == row.line and e.column == column for e in f.figures), f.message
    rules = {f.rule for f in planted}
    assert rule in rules if rule else rules & {"subject_tree", "ledger", "row_split"}, rules
