"""PDF table grids -> :class:`Table` objects, following a template's table layouts.

Titles pick the layout; header paths (top header row down to the cell's own) name the
columns; split code columns (类/款/项) are joined into one digit string; blank cells stay None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Mapping, TypeVar

from ..model import Row, Table
from .lines import SourceLine, parse_amount
from .pdf_templates import PdfTableLayout, PdfTemplate, normalise_header

if TYPE_CHECKING:
    from .pdf import PdfContent, PdfTable

Cell = str | None
T = TypeVar("T")


def read_tables(content: PdfContent, template: PdfTemplate) -> list[Table]:
    """Every table of the document whose title the template knows, in printed order."""
    tables: list[Table] = []
    for grid in content.tables:
        found = _title(grid.before, template)
        if found is None:
            continue
        title_line, layout = found
        unit = next((m.group("unit") for ln in grid.before if (m := template.unit.search(ln.text))),
                    "元")
        note = " ".join(ln.text for ln in grid.after if template.table_note.search(ln.text)) or None
        header = header_row_count(grid.rows)
        paths = _header_paths(grid, header)
        reader = _READERS[layout.shape]
        for table in reader(grid, header, paths, layout, template):
            table.title = title_line.text.replace(" ", "")
            table.unit = unit
            table.note = note
            table.line_start = title_line.no
            table.page = title_line.page
            table.empty = not any(v is not None for r in table.rows for v in r.values.values())
            table.line_end = max([r.line for r in table.rows], default=title_line.no)
            tables.append(table)
    return tables


def _title(lines: list[SourceLine], template: PdfTemplate
           ) -> tuple[SourceLine, PdfTableLayout] | None:
    for line in lines:
        layout = template.layout_for(line.text)
        if layout is not None and not template.unit.search(line.text):
            return line, layout
    return None


# ---------------------------------------------------------------- headers

_TOTAL = re.compile(r"^(合计|总计|小计)$")


def is_header_row(row: list[Cell]) -> bool:
    """A header row has text and no amounts, and is not a blank total row ('合计' alone)."""
    texts = [c.strip() for c in row if c and c.strip()]
    if not texts:
        return False
    if len(texts) == 1 and _TOTAL.match(re.sub(r"\s+", "", row[0] or "")):
        return False
    return all(parse_amount(t) is None for t in texts)


def header_row_count(rows: list[list[Cell]]) -> int:
    """How many rows at the top of a grid are header rows."""
    n = 0
    while n < len(rows) and is_header_row(rows[n]):
        n += 1
    return n



def _header_paths(grid: PdfTable, header: int) -> list[list[str]]:
    """For each column, the normalised header texts above it, top down, merged cells filled."""
    width = len(grid.rows[0]) if grid.rows else 0
    filled: list[list[str]] = [[""] * width for _ in range(header)]
    for r in range(header):
        for c in range(width):
            text = grid.rows[r][c]
            if text is None:
                continue
            rowspan, colspan = grid.spans.get((r, c), (1, 1))
            for rr in range(r, min(header, r + rowspan)):
                for cc in range(c, min(width, c + colspan)):
                    filled[rr][cc] = normalise_header(text)
    paths: list[list[str]] = []
    for c in range(width):
        path: list[str] = []
        for r in range(header):
            text = filled[r][c]
            if text and (not path or path[-1] != text):
                path.append(text)
        paths.append(path)
    return paths


def _lookup(mapping: Mapping[str, T], path: list[str]) -> T | None:
    """The mapping entry for the longest suffix of ``path`` ('a/b/c', 'b/c', 'c')."""
    for k in range(len(path)):
        key = "/".join(path[k:])
        if key in mapping:
            return mapping[key]
    return None


def _leaf(path: list[str]) -> str:
    return path[-1] if path else ""


def _column_name(layout: PdfTableLayout, path: list[str]) -> str:
    return _lookup(layout.columns, path) or _leaf(path)


# ---------------------------------------------------------------- cells


def _text(cell: Cell) -> str:
    return (cell or "").strip()


def _amount(cell: Cell) -> Decimal | None:
    return parse_amount(_text(cell))


def _row_values(cells: list[Cell], columns: list[tuple[int, str]]
                ) -> tuple[dict[str, Decimal | None], dict[str, str]]:
    values: dict[str, Decimal | None] = {}
    texts: dict[str, str] = {}
    for i, name in columns:
        cell = _text(cells[i])
        amount = parse_amount(cell)
        values[name] = amount
        if cell and amount is None:
            texts[name] = cell
    return values, texts


def _line(grid: PdfTable, r: int) -> int:
    """The text line of row ``r``, or of the nearest row above that has one."""
    for k in range(r, -1, -1):
        if grid.row_lines[k] is not None:
            return grid.row_lines[k]
    return next((n for n in grid.row_lines if n is not None), 0)


# ---------------------------------------------------------------- the three shapes


def _read_coded(grid: PdfTable, header: int, paths: list[list[str]], layout: PdfTableLayout,
                template: PdfTemplate) -> list[Table]:
    code_at = {_leaf(p): i for i, p in enumerate(paths) if _leaf(p) in layout.code_columns}
    code_cols = [code_at[name] for name in layout.code_columns if name in code_at]
    label_col = next((i for i, p in enumerate(paths) if _leaf(p) in layout.label_columns), None)
    keyed = set(code_cols) | {label_col}
    columns = [(i, _column_name(layout, p)) for i, p in enumerate(paths)
               if i not in keyed and p]
    rows: list[Row] = []
    for r in range(header, len(grid.rows)):
        cells = grid.rows[r]
        code, stray = _join_code([cells[i] for i in code_cols], template.code_widths)
        label = _text(cells[label_col]) if label_col is not None else ""
        label = label or stray
        if not label and code is None:
            continue
        values, texts = _row_values(cells, columns)
        rows.append(Row(label=label, values=values, line=_line(grid, r), code=code,
                        texts=texts, page=grid.row_pages[r]))
    return [_table(layout.kind, [name for _, name in columns], rows)]


def _join_code(parts: list[Cell], widths: tuple[int, ...]) -> tuple[str | None, str]:
    """(code, stray label) of the code cells of a row.

    ('212', '01', '01') -> ('2120101', ''); ('301', '2') -> ('30102', ''): each part is
    zero-padded to its width. ('合计', None, None) -> (None, '合计'): a total printed across
    the code columns is the row's label.
    """
    digits: list[str] = []
    for part, width in zip(parts, widths):
        text = _text(part)
        if not text:
            break
        if not text.isdigit() or len(text) > width:
            return None, "" if digits else text
        digits.append(text.zfill(width))
    return ("".join(digits) or None), ""


@dataclass
class _Half:
    """The 收入 or 支出 half of a two-sided table: its label column and amount columns."""

    side: str
    label: int | None = None
    columns: list[tuple[int, str]] = field(default_factory=list)


def _read_two_sided(grid: PdfTable, header: int, paths: list[list[str]],
                    layout: PdfTableLayout, template: PdfTemplate) -> list[Table]:
    halves: dict[str, _Half] = {}
    for i, path in enumerate(paths):
        side = layout.sides.get(path[0]) if path else None
        if side is None:
            continue
        half = halves.setdefault(side, _Half(side))
        if _leaf(path) in layout.label_columns and half.label is None:
            half.label = i
        else:
            half.columns.append((i, _column_name(layout, path[1:] or path)))
    names: list[str] = []
    for half in halves.values():
        names.extend(n for _, n in half.columns if n not in names)
    rows: list[Row] = []
    for r in range(header, len(grid.rows)):
        cells = grid.rows[r]
        for half in halves.values():
            label = _text(cells[half.label]) if half.label is not None else ""
            if not label:
                continue
            values, texts = _row_values(cells, half.columns)
            rows.append(Row(label=label, values=values, line=_line(grid, r), side=half.side,
                            texts=texts, page=grid.row_pages[r]))
    return [_table(layout.kind, names, rows)]


def _read_single_row(grid: PdfTable, header: int, paths: list[list[str]],
                     layout: PdfTableLayout, template: PdfTemplate) -> list[Table]:
    body = next((r for r in range(header, len(grid.rows))
                 if any(_text(c) for c in grid.rows[r])), None)
    by_kind: dict[str, list[Row]] = {}
    for i, path in enumerate(paths):
        target = _lookup(layout.cells, path)
        if target is None:
            continue
        kind, label = target
        value = _amount(grid.rows[body][i]) if body is not None else None
        line = _line(grid, body if body is not None else len(grid.rows) - 1)
        page = grid.row_pages[body] if body is not None else grid.page
        by_kind.setdefault(kind, []).append(
            Row(label=label, values={layout.value_column: value}, line=line, page=page))
    return [_table(kind, [layout.value_column], rows) for kind, rows in by_kind.items()]


_READERS = {"coded": _read_coded, "two_sided": _read_two_sided, "single_row": _read_single_row}


def _table(kind: str, columns: list[str], rows: list[Row]) -> Table:
    """A Table with placeholders; ``read_tables`` fills in title, unit, lines and page."""
    return Table(kind=kind, title="", unit="", columns=columns, rows=rows,
                 line_start=0, line_end=0)

