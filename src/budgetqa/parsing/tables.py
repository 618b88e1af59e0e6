"""The shared table reader: a grid of cells (from text lines or PDF cells) -> a :class:`Table`.

Header rows are told from data rows by their vocabulary, column names come from the lowest
header cell at each position, and blank cells stay ``None`` (not zero).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..model import Row, Table
from .lines import parse_amount, strip_markup
from .templates import HEADER_WORD, TableSpec

CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
SPLIT_CODE = re.compile(r"^(\d{3})\s+(\d{2})(?:\s+(\d{2}))?$")


@dataclass
class GridRow:
    """One row of cells with its source position."""

    cells: list[str]
    line: int
    page: int | None = None


def normalise_code(cell: str) -> str | None:
    c = cell.strip()
    if CODE.match(c):
        return c
    m = SPLIT_CODE.match(c)
    if m:
        return "".join(g for g in m.groups() if g)
    return None


def normalise_column(name: str) -> str:
    """'2023年合计' -> '合计'; '2023年' -> '金额'; '2023预算数' -> '预算数'."""
    n = strip_markup(name).replace(" ", "")
    n = re.sub(r"^\d{4}年?(度)?", "", n)
    return n or "金额"


def _is_index_row(cells: list[str]) -> bool:
    vals = [c.strip() for c in cells if c.strip()]
    return len(vals) >= 3 and all(v.isdigit() for v in vals) and \
        [int(v) for v in vals] == list(range(int(vals[0]), int(vals[0]) + len(vals)))


def _is_header_row(cells: list[str]) -> bool:
    vals = [c for c in cells if c.strip()]
    if not vals:
        return True
    if any(parse_amount(c) is not None for c in vals) and not _is_index_row(cells):
        return False
    if normalise_code(cells[0]):
        return False
    first = cells[0].strip()
    if first and not HEADER_WORD.search(first):
        return False
    return all(HEADER_WORD.search(v) for v in vals)


def _column_names(header: list[list[str]], width: int) -> list[str]:
    names: list[str] = []
    for i in range(width):
        stack = [row[i].strip() for row in header
                 if i < len(row) and row[i].strip() and not row[i].strip().isdigit()]
        name = stack[-1] if stack else ""
        if name == "小计" and len(stack) > 1 and not re.search(r"金额|合计|预算|^\d|年|收入|支出$", stack[-2]):
            name = stack[-2]  # "公务用车购置及运行费 / 小计" is the group's own total
        names.append(normalise_column(name) if name else "")
    return names


def _side_split(header: list[list[str]]) -> int | None:
    """Position where the 支出 half of a two-sided table starts, from the top header row."""
    for row in header:
        filled = [(i, c.strip()) for i, c in enumerate(row) if c.strip()]
        if len(filled) >= 2 and "收入" in filled[0][1] and "支出" in filled[1][1]:
            return filled[1][0]
    return None


def _role(name: str) -> str:
    if "编码" in name:
        return "code"
    if "名称" in name or name in {"项目", "科目"} or name.endswith("项目"):
        return "label"
    return "value"


def read_grid(spec: TableSpec, title: str, unit: str, grid: list[GridRow],
              line_start: int, line_end: int, empty_note: str | None = None) -> Table:
    """Read header and rows of one table from its grid of cells."""
    header: list[list[str]] = []
    body: list[GridRow] = []
    single = _single_row_start(grid)
    for k, g in enumerate(grid):
        if single is not None:
            (header if k < single else body).append(g.cells if k < single else g)
        elif not body and (_is_header_row(g.cells) or _is_index_row(g.cells)):
            header.append(g.cells)
        elif _is_index_row(g.cells):
            continue
        else:
            body.append(g)
    width = max([len(r) for r in header] + [len(g.cells) for g in body] + [1])
    names = _column_names(header, width)
    if single is not None:
        return _read_single_row(spec, title, unit, names, body, line_start, line_end, empty_note)
    split = _side_split(header) if spec.two_sided else None
    halves = [(0, split, "收入"), (split, width, "支出")] if split else [(0, width, None)]

    rows: list[Row] = []
    columns: list[str] = []
    for g in body:
        cells = g.cells + [""] * (width - len(g.cells))
        for lo, hi, side in halves:
            row = _read_row(cells[lo:hi], names[lo:hi], g, side, _primary_label(spec, names[lo:hi]))
            if row is not None:
                rows.append(row)
                columns.extend(c for c in row.values if c not in columns)
    if not columns:
        for lo, hi, _ in halves:
            columns.extend(n for n in names[lo:hi] if n and _role(n) == "value" and n not in columns)
    has_data = any(v is not None and v != 0 for r in rows for v in r.values.values())
    return Table(
        kind=spec.kind, title=title, unit=unit, columns=columns, rows=rows,
        line_start=line_start, line_end=line_end,
        empty=bool(empty_note) or not has_data, note=empty_note,
        page=grid[0].page if grid else None,
    )


def _primary_label(spec: TableSpec, names: list[str]) -> int | None:
    """The label column that names the row: 项目名称 in a project table that also has 单位名称."""
    if spec.kind in ("project", "project_carryover"):
        for i, n in enumerate(names):
            if "项目" in n and "名称" in n:
                return i
    return None


def _single_row_start(grid: list[GridRow]) -> int | None:
    """Tables whose columns are the items ('合计 | 因公出国（境）费 | 公务用车… ' over one row of
    numbers): the index of the first all-number row, when every row before it is text."""
    for k, g in enumerate(grid):
        vals = [c for c in g.cells if c.strip()]
        if not vals:
            continue
        numeric = [c for c in vals if parse_amount(c) is not None]
        if len(numeric) == len(vals) and len(vals) >= 2 and not _is_index_row(g.cells):
            return k if k > 0 else None
        if numeric:
            return None
    return None


def _read_single_row(spec: TableSpec, title: str, unit: str, names: list[str], body: list[GridRow],
                     line_start: int, line_end: int, empty_note: str | None) -> Table:
    """One row per item column, read from the first row of numbers."""
    g = body[0]
    rows = []
    for i, name in enumerate(names):
        if not name or i >= len(g.cells):
            continue
        rows.append(Row(label=name, values={"合计": parse_amount(g.cells[i])}, line=g.line, page=g.page))
    has_data = any(r.values["合计"] for r in rows)
    return Table(kind=spec.kind, title=title, unit=unit, columns=["合计"], rows=rows,
                 line_start=line_start, line_end=line_end, empty=bool(empty_note) or not has_data,
                 note=empty_note, page=g.page)


def _read_row(cells: list[str], names: list[str], g: GridRow, side: str | None,
              primary: int | None = None) -> Row | None:
    if not any(c.strip() for c in cells):
        return None
    code: str | None = None
    labels: list[str] = []
    values: dict[str, Decimal | None] = {}
    texts: dict[str, str] = {}
    for i, (cell, name) in enumerate(zip(cells, names)):
        cell = cell.strip()
        role = _role(name) if name else ("label" if i == 0 else "value")
        if role == "code" or (i == 0 and normalise_code(cell)):
            code = normalise_code(cell)
            if code is None and cell:
                labels.append(cell)
            continue
        amount = parse_amount(cell)
        if role == "label" or (amount is None and cell and not labels and i <= 1):
            if cell:
                labels.append(cell)
            continue
        if not name and not cell:
            continue  # a trailing separator, not a column
        col = name or f"列{i + 1}"
        if amount is not None or not cell:
            values[col] = amount
        else:
            texts[col] = cell
    if not labels and code is None:
        return None
    if primary is not None and cells[primary].strip() and len(labels) > 1:
        main = cells[primary].strip()
        labels = [main] + [x for x in labels if x != main]
    label = labels[0] if labels else ""
    label2 = labels[1] if len(labels) > 1 else None
    if not label and label2:
        label, label2 = label2, None
    return Row(label=label, values=values, line=g.line, code=code, label2=label2,
               side=side, texts=texts, page=g.page)
