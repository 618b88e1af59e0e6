"""One reader for every province's tables: PDF grids -> canonical :class:`Table` objects.

A table is recognised by what its title says (:mod:`budgetqa.parsing.vocabulary`), its unit is
read from the lines and cells around it, its columns get roles (code, code part, label,
amount) from their header paths and, where the header is silent, from what the cells hold.
Each label column starts a *segment* (a two-sided 收支总表 has two, a three-part one three);
codes are read joined ("2010505"), split over 类/款/项, or inside the name cell
("2010505-专项统计业务"). A table printed without a title right after another one (a page break
the geometry did not join) continues it. Blank cells stay None.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from ..model import Row, Table
from .lines import SourceLine, parse_amount
from .vocabulary import VOCABULARY, TableKind, Vocabulary, squeeze

if TYPE_CHECKING:
    from .pdf import PdfContent, PdfTable

Cell = str | None

UNIT = re.compile(r"(?:金额)?单位[：:]\s*(?:人民币)?\s*(亿\s*元|万\s*元|元)|[（(](亿元|万元|元)[）)]")
_PAGE_FURNITURE = re.compile(r"^[-—\s]*\d{1,3}[-—\s]*$|^第\s*\d+\s*页")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$|^\d{3}(?:\d{2}){0,2}\d{2,3}$")
_CODE_IN_NAME = re.compile(r"^\[?(\d{3}(?:\d{2}){0,3})\]?\s*[-－—_:：\s]?\s*([\u4e00-\u9fa5A-Za-z（(“].*)$")
_INDEX_CELL = re.compile(r"^(?:栏次|行次|\d{1,2}|[a-zA-Z]|[*＊]+)$")
_UNIT_COLUMN = "预算单位"
# The unit a row of a table printed with a 单位名称 column beside its names is of (each 监狱's
# 狱政设施建设): kept with the row's texts.
UNIT_OF_ROW = "单位名称"
_ECONOMIC = ("gp_basic_economic", "gp_economic", "office_running")
_TOTAL = re.compile(r"^(?:合计|总计|小计|收入总计|支出总计)$")


@dataclass
class UnreadTable:
    """A grid with a recognised title that could not be read, and why."""

    kind: str
    title: str
    page: int
    reason: str


@dataclass
class _Segment:
    """One label column with the code columns before it and the amount columns after it."""

    label: int
    codes: list[int] = field(default_factory=list)
    code_parts: list[int] = field(default_factory=list)
    amounts: list[tuple[int, str]] = field(default_factory=list)
    side: str | None = None
    extra: list[int] = field(default_factory=list)  # a second classification's key columns
    prefix: list[str] = field(default_factory=list)  # 类, 款 of the last coded row (carried)
    unit: int = -1  # the 预算单位 column beside the name column, if any
    spill: dict[int, int] = field(default_factory=dict)  # unheaded column -> amount column
    attributes: list[tuple[int, str]] = field(default_factory=list)  # text columns, by name


@dataclass
class _Layout:
    """How the body rows of one printed table are read (kept to read its continuation)."""

    kind: TableKind
    width: int
    segments: list[_Segment]
    header: set[tuple[str, ...]]


def read_tables(content: PdfContent, vocabulary: Vocabulary = VOCABULARY
                ) -> tuple[list[Table], list[UnreadTable]]:
    """Every table of the document whose title the vocabulary knows, in printed order, and the
    recognised ones that could not be read."""
    tables: list[Table] = []
    unread: list[UnreadTable] = []
    default_unit = _document_unit(content)
    previous: tuple[_Layout, list[Table]] | None = None
    last_layout: _Layout | None = None
    running = _running_lines(content)
    for grid in (part for g in content.tables for part in _split_at_titles(g, vocabulary)):
        found = _title(grid, vocabulary)
        if found is None:
            if previous is not None and _continues(grid, previous[0], running):
                _read_continuation(grid, *previous)
            elif _has_words(grid, running):
                previous = None
            continue
        title, kind, rows_used = found
        body = grid.rows[rows_used:]
        unit = _unit(grid, rows_used) or default_unit
        try:
            # The title repeated on the next page: 类/款 carry over from the page before.
            carry = last_layout if tables and last_layout is not None and (
                tables[-1].kind, tables[-1].title) == (kind.kind, squeeze(title.text)) else None
            layout, read = _read_grid(grid, rows_used, kind, vocabulary, carry)
            last_layout = layout
        except _Unreadable as e:
            unread.append(UnreadTable(kind.kind, title.text, title.page or grid.page, str(e)))
            previous = None
            continue
        note = " ".join(ln.text for ln in grid.after if ln.text.lstrip().startswith("注")) or None
        for table in read:
            table.title = squeeze(title.text)
            table.unit = unit
            table.note = note
            table.line_start = title.no
            table.page = title.page or grid.page
            table.line_end = max([r.line for r in table.rows], default=title.no)
            table.empty = not any(v is not None for r in table.rows for v in r.values.values())
        last = tables[-1] if tables else None
        if (last is not None and len(read) == 1 and last.kind == read[0].kind
                and last.title == read[0].title and last.columns == read[0].columns):
            last.rows.extend(read[0].rows)  # the title repeated on each page of one table
            last.line_end = max(last.line_end, read[0].line_end)
            last.empty = last.empty and read[0].empty
            read = [last]
        else:
            tables.extend(read)
        previous = (layout, read) if body else None
    for table in tables:
        _units_as_row_texts(table, vocabulary)
        skipped = _keep_department_block(table, vocabulary)
        if skipped:
            unread.append(UnreadTable(table.kind, table.title, table.page or 0,
                                      f"只读入部门合计；其后 {skipped} 个下属单位的分单位明细未读入"))
    return tables, unread


def _units_as_row_texts(table: Table, vocabulary: Vocabulary) -> None:
    """A project table printing each unit's subtotal above its projects (合计 | 广州市统计局 |
    its projects | 广州市统计监测中心 | its projects): each project keeps its unit in its texts and
    the subtotal rows go, when every unit's row is the sum of the rows under it up to the next
    unit's (a project named like a body, …-珠海边检总站, is one of those rows)."""
    if table.kind != "project" or not table.columns:
        return
    col = "合计" if "合计" in table.columns else table.columns[0]
    rows = [r for r in table.rows if not _TOTAL.match(r.label)]
    if not rows or rows[0].code is not None or not vocabulary.body_row.search(squeeze(rows[0].label)):
        return
    blocks: list[tuple[Row, list[Row]]] = []
    k = 0
    while k < len(rows):
        unit = rows[k]
        if unit.code is not None or unit.values.get(col) is None or \
                not vocabulary.body_row.search(squeeze(unit.label)):
            return  # (not a unit's row where one must start: the table is left as printed)
        total, end = Decimal(0), k + 1
        while end < len(rows) and rows[end].values.get(col) is not None:
            total += rows[end].values[col]
            end += 1
            if abs(total - unit.values[col]) <= Decimal("0.01") * (end - k) and (
                    end == len(rows) or vocabulary.body_row.search(squeeze(rows[end].label))):
                break
        else:
            return
        if end == k + 1:
            return
        blocks.append((unit, rows[k + 1:end]))
        k = end
    if len(blocks) < 1:
        return
    for unit, projects in blocks:
        for r in projects:
            r.texts.setdefault(UNIT_OF_ROW, unit.label)
    dropped = {id(unit) for unit, _ in blocks}
    table.rows = [r for r in table.rows if id(r) not in dropped]


def _keep_department_block(table: Table, vocabulary: Vocabulary) -> int:
    """A table printed unit by unit (a row naming a 预算单位, then its subjects or items; the
    first unit is the department as a whole) keeps the department's block and returns how many
    units' blocks it dropped. A table whose rows are only units keeps them all."""
    def names_unit(r: Row) -> bool:
        return r.code is None and (_UNIT_COLUMN in r.texts or bool(
            vocabulary.body_row.search(squeeze(r.label))))

    starts = [k for k, r in enumerate(table.rows) if names_unit(r)]
    if len(starts) < 2 or starts[0] != 0 or all(names_unit(r) for r in table.rows[starts[1]:]):
        return 0
    del table.rows[starts[1]:]
    table.line_end = max((r.line for r in table.rows), default=table.line_end)
    return len(starts) - 1


class _Unreadable(Exception):
    pass


# ---------------------------------------------------------------- title and unit


def _split_at_titles(grid: PdfTable, vocabulary: Vocabulary) -> list[PdfTable]:
    """A ruled area holding several tables (titles printed inside the grid, or two tables
    joined over a page break) as one grid per table, each starting at its title row."""
    cuts = [r for r, row in enumerate(grid.rows) if r > 0 and _title_row(row, vocabulary)]
    if not cuts:
        return [grid]
    if sum(b == a + 1 for a, b in zip(cuts, cuts[1:])) * 2 >= len(cuts):
        return []  # titles one under another: a 目录 printed as a grid, not tables
    from .pdf import PdfTable  # the grid type lives with the extractor

    parts = []
    for lo, hi in zip([0] + cuts, cuts + [len(grid.rows)]):
        spans = {(r - lo, c): v for (r, c), v in grid.spans.items() if lo <= r < hi}
        parts.append(PdfTable(grid.row_pages[lo], grid.rows[lo:hi], grid.row_pages[lo:hi],
                              grid.row_lines[lo:hi], spans, grid.column_x,
                              before=grid.before if lo == 0 else [],
                              after=grid.after if hi == len(grid.rows) else []))
    return parts


def _title_row(row: list[Cell], vocabulary: Vocabulary) -> bool:
    texts = [c for c in row if c and c.strip()]
    return 0 < len(texts) <= 2 and vocabulary.table_kind(" ".join(texts)) is not None


def _title(grid: PdfTable, vocabulary: Vocabulary
           ) -> tuple[SourceLine, TableKind, int] | None:
    """(title line, kind, grid rows above the header that hold the title or unit)."""
    before = [ln for ln in grid.before if not _PAGE_FURNITURE.match(ln.text)][-6:]
    inside: list[SourceLine] = []
    top = 0
    for r, row in enumerate(grid.rows[:4]):
        texts = [c for c in row if c and c.strip()]
        text = " ".join(texts)
        # A title or unit cell, or a byline row ('部门： | 江苏省人民检察院 | 单位：万元')
        if texts and all(parse_amount(c) is None for c in texts) and (
                len(texts) <= 2 or (len(texts) <= 4 and _is_byline(text))):
            if vocabulary.table_kind(text) or UNIT.search(text) or _is_byline(text):
                inside.append(SourceLine(grid.row_lines[r] or 0, text, grid.row_pages[r]))
                top = r + 1
                continue
        if not texts and r == top:
            top = r + 1
            continue
        break
    # Nearest first: a title inside the grid, then the lines above it from the bottom up,
    # then a title wrapped over two or three lines (its halves, or a stray quote mark).
    candidates = list(reversed(inside)) + list(reversed(before))
    for n in (2, 3):
        for k in range(len(before) - n, -1, -1):
            joined = "".join(ln.text for ln in before[k:k + n])
            candidates.append(SourceLine(before[k].no, joined, before[k].page))
    for line in candidates:
        kind = vocabulary.table_kind(line.text)
        if kind is not None:
            return line, kind, top
    return None


def _is_byline(text: str) -> bool:
    return bool(re.match(r"^(?:编制)?(?:部门|单位|预算单位|单位名称|部门名称)[：:]", squeeze(text)))


def _unit(grid: PdfTable, rows_used: int) -> str | None:
    texts = [ln.text for ln in grid.before] + [c for row in grid.rows[:rows_used + 4] for c in row if c]
    for text in texts:
        m = UNIT.search(text)
        if m:
            return squeeze(m.group(1) or m.group(2))
    return None


def _document_unit(content: PdfContent) -> str:
    """The unit most tables state: the fallback for one whose unit line is missing."""
    counts: dict[str, int] = {}
    for grid in content.tables:
        for ln in grid.before:
            m = UNIT.search(ln.text)
            if m:
                unit = squeeze(m.group(1) or m.group(2))
                counts[unit] = counts.get(unit, 0) + 1
    return max(counts, key=counts.get) if counts else "万元"


def _has_words(grid: PdfTable, running: frozenset[str] = frozenset()) -> bool:
    """Is there text above the grid other than page furniture (page numbers, and the running
    header ``running`` printed atop many pages)?"""
    return any(not _PAGE_FURNITURE.match(ln.text) and squeeze(ln.text) not in running
               for ln in grid.before)


def _running_lines(content: PdfContent) -> frozenset[str]:
    """Lines printed on at least three pages and a fifth of them: a running header or footer."""
    counts = Counter(t for p in content.pages for t in {squeeze(ln.text) for ln in p.lines})
    least = max(3, len(content.pages) // 5)
    return frozenset(t for t, n in counts.items() if n >= least and t)


# ---------------------------------------------------------------- header and columns


def _is_index_row(row: list[Cell]) -> bool:
    """A 栏次 row ('栏次 | 1 | 2 | 3') or a row of column letters."""
    texts = [squeeze(c) for c in row if c and c.strip()]
    return len(texts) >= 2 and all(_INDEX_CELL.match(t) for t in texts) and (
        any(t in ("栏次", "行次") for t in texts) or
        sum(1 for t in texts if t.isdigit()) >= 2)


def is_header_row(row: list[Cell]) -> bool:
    texts = [c.strip() for c in row if c and c.strip()]
    if not texts:
        return True
    if any(parse_amount(t) is not None and not _CODE.match(squeeze(t)) for t in texts):
        return False
    if any(_CODE.match(squeeze(t)) or _CODE_IN_NAME.match(squeeze(t)) for t in texts):
        return False
    if len(texts) == 1 and _TOTAL.match(squeeze(texts[0])):
        return False
    return True


def header_row_count(rows: list[list[Cell]]) -> int:
    n = 0
    while n < len(rows) and (is_header_row(rows[n]) or _is_index_row(rows[n])):
        n += 1
    # A header is followed by data: if every row is "header", the table has no body (an empty
    # table printed with only its header and blank rows).
    return n


def _paths(grid: PdfTable, start: int, header: int, width: int, vocabulary: Vocabulary
           ) -> list[list[str]]:
    """Each column's header texts, top down, merged cells filled in."""
    filled = [[""] * width for _ in range(header)]
    for r in range(header):
        row = grid.rows[start + r]
        if _is_index_row(row):
            continue
        for c in range(width):
            text = row[c] if c < len(row) else ""
            if text is None:
                continue
            rowspan, colspan = grid.spans.get((start + r, c), (1, 1))
            for rr in range(r, min(header, r + rowspan)):
                for cc in range(c, min(width, c + colspan)):
                    filled[rr][cc] = squeeze(text)
    # A header text over every amount column ('一般公共预算支出' over 合计 | 基本支出 | 项目支出)
    # is a caption, dropped; over some of them ('政府采购预算' over 小计 | 其中…) it is a group,
    # and a generic leaf under it ('小计') takes the group's name (Vocabulary.column).
    for r in range(header - 1):
        for text in {t for t in filled[r] if t}:
            inside = [c for c in range(width) if filled[r][c] == text]
            below = any(filled[rr][c] not in ("", text) for rr in range(r + 1, header) for c in inside)
            outside_amounts = any(
                filled[r][c] and vocabulary.column([filled[rr][c] for rr in range(header) if filled[rr][c]])[0] == "amount"
                for c in range(width) if c not in inside)
            if below and not outside_amounts:
                for c in inside:
                    filled[r][c] = ""
    paths = []
    for c in range(width):
        path: list[str] = []
        for r in range(header):
            t = filled[r][c]
            if t and (not path or path[-1] != t):
                path.append(t)
        paths.append(path)
    return paths


def _align_headers(grid: PdfTable, body_at: list[int], paths: list[list[str]]) -> None:
    """A header printed over the middle of wider body cells (Jiangsu rules each column as three
    thin ones: the header in the middle one, the cells under it across all three) names the
    column where those body cells start, in place."""
    for c, path in enumerate(paths):
        if not path or any(paths[n] == path for n in (c - 1, c + 1) if 0 <= n < len(paths)):
            continue  # no header, or one merged over several columns
        if any(c < len(grid.rows[r]) and (grid.rows[r][c] or "").strip() for r in body_at):
            continue  # the column has cells of its own
        rows = set(body_at)
        origins = Counter(c0 for (r0, c0), (rowspan, colspan) in grid.spans.items()
                          if c0 < c < c0 + colspan for r in range(r0, r0 + rowspan) if r in rows)
        if origins:
            c0, n = origins.most_common(1)[0]
            if not paths[c0] and 2 * n >= len(body_at):
                paths[c0], paths[c] = path, []


def _cell_kinds(rows: list[list[Cell]], c: int) -> tuple[int, int, int]:
    """(amounts, codes, words) among the non-empty cells of column ``c``."""
    amounts = codes = words = 0
    for row in rows:
        t = squeeze(row[c]) if c < len(row) and row[c] else ""
        if not t:
            continue
        if _CODE.match(t) or _CODE_IN_NAME.match(t):
            codes += 1
        elif parse_amount(t) is not None:
            amounts += 1
        else:
            words += 1
    return amounts, codes, words


def _roles(paths: list[list[str]], body: list[list[Cell]], vocabulary: Vocabulary
           ) -> list[tuple[str, str]]:
    """(role, name) per column: the header says it; the cells overrule a header that
    contradicts them (a '项目' column of amounts, an unlabeled column of names)."""
    roles: list[tuple[str, str]] = []
    for c, path in enumerate(paths):
        role, name = vocabulary.column(path) if path else ("", "")
        if c > 0 and path == paths[c - 1] and all(c >= len(r) or r[c] is None for r in body):
            roles.append(("", ""))  # the right part of a merged cell, not a column
            continue
        amounts, codes, words = _cell_kinds(body, c)
        if role in ("unit", "attribute"):
            pass
        elif role in ("code", "code_part") and words > codes + amounts:
            role = "label"
        elif role == "label" and amounts > words + codes:
            role = "amount"
        elif role in ("amount", ""):
            if words > amounts and words > codes:
                role = "label"
            elif codes > amounts and codes >= words and codes:
                role = "code"
            elif not role:
                role = "amount" if amounts else ""
        roles.append((role, name))
    return roles


def _segments(paths: list[list[str]], roles: list[tuple[str, str]], kind: TableKind
              ) -> list[_Segment]:
    segments: list[_Segment] = []
    pending_codes: list[int] = []
    pending_parts: list[int] = []
    pending_unit = -1
    pending_attributes: list[tuple[int, str]] = []
    for c, (role, name) in enumerate(roles):
        if role == "attribute":
            (segments[-1].attributes if segments else pending_attributes).append((c, name))
        elif role == "unit":
            pending_unit = c
        elif role == "code":
            pending_codes.append(c)
        elif role == "code_part":
            pending_parts.append(c)
        elif role == "label":
            if segments and not segments[-1].amounts and not pending_codes and not pending_parts:
                segments[-1].codes.append(segments[-1].label)  # two name columns: keep the first
                segments[-1].label = c
                continue
            segments.append(_Segment(c, pending_codes, pending_parts, unit=pending_unit))
            pending_codes, pending_parts, pending_unit = [], [], -1
        elif role == "amount" and name:
            if not segments:
                if pending_unit >= 0:
                    segments.append(_Segment(pending_unit, pending_codes, pending_parts))
                    pending_codes, pending_parts, pending_unit = [], [], -1  # rows are units
                elif pending_codes or pending_parts:
                    # codes with the names inside them ("2010505-专项统计业务")
                    first = (pending_codes or pending_parts)[0]
                    segments.append(_Segment(first, pending_codes[1:], pending_parts))
                    pending_codes, pending_parts = [], []
                else:
                    segments.append(_Segment(-1))
            segments[-1].amounts.append((c, name))
    if segments:
        segments[0].attributes[:0] = pending_attributes
    # Key columns after the last amount (a 功能分类科目 printed after a project's 金额) describe
    # the row: their texts are kept as its attributes.
    while len(segments) > 1 and not segments[-1].amounts:
        last = segments.pop()
        segments[-1].attributes.extend(
            (c, paths[c][-1] if paths[c] else f"列{c}")
            for c in sorted(last.codes + last.code_parts + [last.label]) if c >= 0)
        segments[-1].attributes.extend(last.attributes)
    # A group of key columns with no amounts of its own (部门经济分类 | 政府经济分类 | amounts)
    # is the row's first key; the group after it adds a second name.
    merged: list[_Segment] = []
    for s in segments:
        if merged and not merged[-1].amounts:
            first = merged[-1]
            first.extra = s.codes + s.code_parts + ([s.label] if s.label >= 0 else [])
            first.amounts = s.amounts
            continue
        merged.append(s)
    segments = merged
    for s in segments:
        s.amounts = _unique_names(s.amounts, paths)
    if kind.two_sided and len(segments) > 1:
        for k, s in enumerate(segments):
            top = " ".join(paths[s.label][:1]) if s.label >= 0 else ""
            s.side = "支出" if ("支出" in top and "收入" not in top) or (k > 0 and "收入" not in top) \
                else "收入"
    return segments


def _unique_names(amounts: list[tuple[int, str]], paths: list[list[str]]) -> list[tuple[int, str]]:
    """Two columns with one canonical name ('本年收入/一般公共预算' and '上年结转/一般公共预算')
    are told apart by their group: the first keeps the name, the next is '上年结转·一般公共预算'."""
    seen: set[str] = set()
    out = []
    told: set[str] = set()  # the groups some column was told apart by
    for c, name in amounts:
        if name in seen:
            groups = [p for p in paths[c][:-1] if p != name]
            name = f"{groups[0]}·{name}" if groups else f"{name}{c}"
            if groups and not re.fullmatch(r"合计|小计|总计", name.split("·")[-1]):
                told.add(groups[0])  # (every group has a 合计: that tells no group apart)
        seen.add(name)
        out.append((c, name))
    # The other parts of such a group carry its name too: 上年结转结余's 单位资金, printed once,
    # is '上年结转结余·单位资金' beside its '上年结转结余·一般公共预算' (its total keeps its name).
    # (a group over every column, as a side's 支出 heading, tells none of them apart)
    told = {g for g in told if not all(g in paths[c][:-1] for c, _ in out)}
    for k, (c, name) in enumerate(out):
        group = next((p for p in paths[c][:-1] if p in told), None)
        if group and "·" not in name and not (name in group or group in name) and \
                f"{group}·{name}" not in seen:
            out[k] = (c, f"{group}·{name}")
    return out


# ---------------------------------------------------------------- rows


def _read_grid(grid: PdfTable, start: int, kind: TableKind, vocabulary: Vocabulary,
               carry: _Layout | None = None
               ) -> tuple[_Layout, list[Table]]:
    rows = grid.rows[start:]
    width = max((len(r) for r in rows), default=0)
    if not rows or width == 0:
        return _Layout(kind, width, [], set()), [_table(kind.kind, [], [])]
    header = header_row_count(rows)
    paths = _paths(grid, start, header, width, vocabulary)
    body_at = [r for r in range(start + header, len(grid.rows)) if not _is_index_row(grid.rows[r])]
    body = [grid.rows[r] for r in body_at]
    _align_headers(grid, body_at, paths)
    roles = _roles(paths, body, vocabulary)
    header_keys = {_row_key(grid.rows[start + r]) for r in range(header)}
    segments = _segments(paths, roles, kind)
    if carry is not None and len(carry.segments) == len(segments):
        for s, before in zip(segments, carry.segments):
            if s.code_parts and before.code_parts:
                s.prefix = list(before.prefix)
    if kind.kind == "three_public" and _names_items(paths, roles, vocabulary):
        return _Layout(kind, width, [], header_keys), _pivot_items(grid, body_at, paths, roles,
                                                                    kind, vocabulary)
    if not segments:
        raise _Unreadable("表头里找不到科目名称列或金额列")
    _find_spills(segments, roles, body)
    if _is_items_table(segments, body):
        return _Layout(kind, width, [], header_keys), _read_items(
            grid, body_at, paths, roles, kind, vocabulary, segments[0].spill)
    layout = _Layout(kind, width, segments, header_keys)
    table_rows = _body_rows(grid, body_at, segments, kind, vocabulary)
    columns = []
    for s in segments:
        columns.extend(n for _, n in s.amounts if n not in columns)
    return layout, [_table(kind.kind, columns, table_rows)]


def _find_spills(segments: list[_Segment], roles: list[tuple[str, str]],
                 body: list[list[Cell]]) -> None:
    """An unheaded column of amounts beside a headed one, never filled on the same row, is the
    same column printed staggered (Jiangsu prints the items' amounts one column left of their
    classes'): its cells are read as the headed column's."""
    def filled(row: list[Cell], c: int) -> bool:
        return c < len(row) and bool((row[c] or "").strip())

    for c, (role, name) in enumerate(roles):
        if name or not any(filled(r, c) and parse_amount(r[c]) is not None for r in body):
            continue
        for n in (c + 1, c - 1):
            seg = next((s for s in segments if any(a == n for a, _ in s.amounts)), None)
            if seg is not None and not any(filled(r, c) and filled(r, n) for r in body):
                seg.spill[c] = n
                break


def _with_spills(grid: PdfTable, r: int, spill: dict[int, int]) -> PdfTable:
    """A copy of ``grid`` whose row ``r`` has each spilled figure in its headed column."""
    from dataclasses import replace

    cells = list(grid.rows[r])
    for c, n in spill.items():
        if c < len(cells) and n < len(cells) and not (cells[n] or "").strip():
            cells[n] = cells[c]
    return replace(grid, rows=[cells if k == r else row for k, row in enumerate(grid.rows)])


def _is_items_table(segments: list[_Segment], body: list[list[Cell]]) -> bool:
    """Columns that are the items (三公 parts) over a row or two of figures, no names."""
    return (len(segments) == 1 and segments[0].label < 0 and not segments[0].codes
            and len([r for r in body if any(c and c.strip() for c in r)]) <= 2)


def _body_rows(grid: PdfTable, body_at: list[int], segments: list[_Segment], kind: TableKind,
               vocabulary: Vocabulary) -> list[Row]:
    """The rows of a table body, one per printed row (see :func:`_printed_rows`)."""
    out: list[Row] = []
    for group in _printed_rows(grid, body_at, segments):
        if len(group) == 1:
            out.extend(_rows(grid, group[0], segments, kind, vocabulary))
            continue
        figured = [r for r in group if _has_amount(grid.rows[r], segments)]
        at = figured[0] if figured else group[0]
        cells: list[Cell] = []
        for c in range(max(len(grid.rows[r]) for r in group)):
            texts = [grid.rows[r][c] for r in group if c < len(grid.rows[r])]
            cells.append(next((t for t in texts if t and t.strip()), texts[0] if texts else None))
        out.extend(_rows(grid, at, segments, kind, vocabulary, cells))
    return out


def _printed_rows(grid: PdfTable, body_at: list[int], segments: list[_Segment]) -> list[list[int]]:
    """Grid rows grouped into the rows the page prints. A name cell merged down over grid rows
    that have no name or code of their own ('合计' over three grid rows, its figure in the
    middle one) is one printed row when at most one of those grid rows carries figures; when
    several do, each is a row of that name (a name merged over its sub-rows)."""
    keys = sorted({c for s in segments for c in s.codes + s.code_parts + [s.label] + s.extra
                   if c >= 0})
    groups: list[list[int]] = []
    for r in body_at:
        row = grid.rows[r]
        if groups and keys and all(c >= len(row) or row[c] is None for c in keys) and any(
                _merge_origin(grid, r, c) == groups[-1][0] for c in keys):
            groups[-1].append(r)
        else:
            groups.append([r])
    out: list[list[int]] = []
    for group in groups:
        if sum(_has_amount(grid.rows[r], segments) for r in group) > 1:
            out.extend([r] for r in group)
        else:
            out.append(group)
    return out


def _has_amount(row: list[Cell], segments: list[_Segment]) -> bool:
    columns = {c for s in segments for c, _ in s.amounts} | {c for s in segments for c in s.spill}
    return any(c < len(row) and parse_amount((row[c] or "").strip()) is not None for c in columns)


def _merge_origin(grid: PdfTable, r: int, c: int) -> int | None:
    """The row of the cell merged down over (r, c) from a row above, if any."""
    for (r0, c0), (rowspan, _) in grid.spans.items():
        if c0 == c and r0 < r < r0 + rowspan:
            return r0
    return None


def _rows(grid: PdfTable, r: int, segments: list[_Segment], kind: TableKind,
          vocabulary: Vocabulary, cells: list[Cell] | None = None) -> list[Row]:
    """The Row(s) of grid row ``r`` (one per segment), from ``cells`` when given (a printed row
    joined from several grid rows)."""
    cells = list(grid.rows[r] if cells is None else cells)
    for s in segments:  # a name or code cell merged down over several rows applies to each
        for c in s.codes + s.code_parts + [s.label] + s.extra:
            if 0 <= c < len(cells) and cells[c] is None:
                cells[c] = _merged_from_above(grid, r, c)
    out = []
    for s in segments:
        for c, n in s.spill.items():
            if c < len(cells) and n < len(cells) and not (cells[n] or "").strip():
                cells[n] = cells[c]
        code, label, label2 = _row_key_cells(cells, s, kind.kind in _ECONOMIC)
        values: dict[str, Decimal | None] = {}
        texts: dict[str, str] = {}
        for c, name in s.amounts:
            text = (cells[c] or "").strip() if c < len(cells) else ""
            amount = parse_amount(text)
            values[name] = amount
            if text and amount is None:
                texts[name] = text
        for c, name in s.attributes:
            if c < len(cells) and (cells[c] or "").strip():
                texts[name] = _label_text(cells[c])
        if not label and code is None and s.unit >= 0 and s.unit < len(cells) and cells[s.unit]:
            label = _label_text(cells[s.unit])  # the row of a 预算单位: its block's total
            texts[_UNIT_COLUMN] = label
        elif label and s.unit >= 0 and s.unit < len(cells) and cells[s.unit] and \
                _label_text(cells[s.unit]) != label:
            texts[UNIT_OF_ROW] = _label_text(cells[s.unit])  # 杭州市北郊监狱 | 狱政设施建设: whose row
        if not label and code is None:
            continue
        if kind.kind == "three_public" and (item := vocabulary.item(label)) is not None \
                and item.kind == "three_public" and not code:
            label2, label = (label if label != item.name else label2), item.name
        out.append(Row(label=label, values=values, line=_line(grid, r), code=code, label2=label2,
                       side=s.side, texts=texts, page=grid.row_pages[r]))
    return out


_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fa5（）“”、])\s+(?=[\u4e00-\u9fa5（）“”、])")


def _label_text(cell: str) -> str:
    """A name as printed, without the spaces a layout puts between its characters
    ('合 计' -> '合计'); other spaces stay ('2. 政府性基金')."""
    return _CJK_GAP.sub("", re.sub(r"\s+", " ", cell.strip())).translate(_BRACKETS)


_BRACKETS = str.maketrans({"(": "（", ")": "）"})


def _merged_from_above(grid: PdfTable, r: int, c: int) -> Cell:
    """The text of the cell merged down over (r, c) from a row above, if any."""
    for (r0, c0), (rowspan, _) in grid.spans.items():
        if c0 == c and r0 < r < r0 + rowspan:
            return grid.rows[r0][c0]
    return None


def _row_key_cells(cells: list[Cell], s: _Segment, economic: bool = False
                   ) -> tuple[str | None, str, str | None]:
    """(code, label, second label) of one row of one segment."""
    def text(c: int) -> str:
        return _label_text(cells[c]) if 0 <= c < len(cells) and cells[c] else ""

    code: str | None = None
    parts = [text(c) for c in s.code_parts]
    if any(parts) and all(p.isdigit() for p in parts if p):
        # '201 | 05 | 01' on one row, or one level per row ('201', then '| 05', then '| | 01'):
        # an empty leading part is the last printed one's.
        widths = (3, 2, 2, 2)
        filled = list(parts)
        first = next(k for k, p in enumerate(parts) if p)
        if first > 0 and len(s.prefix) >= first:
            filled[:first] = s.prefix[:first]
        if all(filled[:first + 1]):
            digits = [p.zfill(w) for p, w in zip(filled, widths) if p]
            code = "".join(digits)
            s.prefix = [p.zfill(w) for p, w in zip(filled, widths)][:len(digits)]
    labels: list[str] = []
    coded: list[tuple[str, str]] = []  # (code, name) of each code-in-name cell
    for c in sorted(s.codes + ([s.label] if s.label >= 0 else [])):
        t = text(c)
        if not t:
            continue
        if _CODE.match(t) and code is None:
            code = t
            continue
        m = _CODE_IN_NAME.match(t)
        if m and len(m.group(1)) in (3, 5, 7, 9):
            coded.append((m.group(1), m.group(2)))
        else:
            labels.append(t)
    if coded:
        coded += [(m.group(1), m.group(2)) for c in s.extra
                  if (m := _CODE_IN_NAME.match(text(c)))]
        # Several classifications on one row (功能 | 政府经济 | 部门经济): the first names the
        # row, except in an economic table, where the 部门经济分类 (3xx) does.
        main = next((x for x in coded if economic and x[0].startswith("3")), coded[0])
        code = code or main[0]
        labels = [main[1]] + [n for _, n in coded if n != main[1]] + labels
        label = labels[0]
        return code, label, labels[1] if len(labels) > 1 else None
    if not labels and parts and parts[0] and not parts[0].isdigit():
        labels.append(parts[0])  # 合计 printed across the 类/款/项 columns
    second = [text(c) for c in s.extra if text(c) and not text(c).isdigit()]
    if second and labels:
        labels = labels[:1] + [second[-1]]
    label = labels[-1] if labels else ""
    label2 = labels[0] if len(labels) > 1 and labels[0] != label else None
    if label and _TOTAL.match(label) is None and label2 and _TOTAL.match(label2):
        label, label2 = label2, None
    return code, label, label2


def _line(grid: PdfTable, r: int) -> int:
    for k in range(r, -1, -1):
        if grid.row_lines[k] is not None:
            return grid.row_lines[k]
    return next((n for n in grid.row_lines if n is not None), 0)


def _read_items(grid: PdfTable, body_at: list[int], paths: list[list[str]],
                roles: list[tuple[str, str]], kind: TableKind, vocabulary: Vocabulary,
                spill: dict[int, int] | None = None) -> list[Table]:
    """A table whose columns are its items: one Row per column. 三公 parts get their canonical
    names; a column that names another kind (机关运行经费) becomes that kind's table. A figure
    printed one column off its header (``spill``: unheaded column -> headed one) is its item's."""
    r = next((k for k in body_at if any(c and c.strip() for c in grid.rows[k])), None)
    if r is not None and spill:
        grid = _with_spills(grid, r, spill)
    by_kind: dict[str, list[Row]] = {}
    taken: set[tuple[str, str]] = set()
    # The 三公 total is the column under “三公”经费, not a 合计 that adds 会议费 and 培训费.
    order = sorted(range(len(paths)), key=lambda c: not any("三公" in p for p in paths[c]))
    for c in order:
        path = paths[c]
        if roles[c][0] != "amount" or not path:
            continue
        value = parse_amount((grid.rows[r][c] or "").strip()) if r is not None and c < len(grid.rows[r]) else None
        item = _item_for(path, vocabulary)
        if item is not None and (item.kind, item.name) not in taken and (
                item.kind == kind.kind or item.kind == "office_running"):
            target, label = item.kind, item.name
            taken.add((item.kind, item.name))
        else:
            target, label = kind.kind, "/".join(path)
        line = _line(grid, r if r is not None else len(grid.rows) - 1)
        page = grid.row_pages[r] if r is not None else grid.page
        by_kind.setdefault(target, []).append(
            Row(label=label, values={"合计": value}, line=line, page=page))
    if kind.kind != "three_public" and by_kind.get(kind.kind):
        # The columns of a total printed over one row (合计 | 基本支出 | 项目支出): one 合计 row.
        first = by_kind[kind.kind][0]
        named = _unique_names([(c, roles[c][1] or paths[c][-1]) for c, path in enumerate(paths)
                               if roles[c][0] == "amount" and path], paths)
        cells = grid.rows[r] if r is not None else []
        values = {name: parse_amount((cells[c] or "").strip()) if c < len(cells) else None
                  for c, name in named}
        by_kind[kind.kind] = [Row(label="合计", values=values, line=first.line, page=first.page)]
        return [_table(kind.kind, list(values), by_kind.pop(kind.kind))] + [
            _table(k, ["合计"], v) for k, v in by_kind.items()]
    by_kind.setdefault(kind.kind, [])
    return [_table(k, ["合计"], v) for k, v in by_kind.items()]


_TOTAL_CELL = re.compile(r"^(?:合计|总计|小计)$")
# Rows that say which figure of every item they hold (a year, 预算数 or 决算数, the change).
_MEASURE_ROW = re.compile(r"^(?:20\d{2}年度?|上年|本年|增减|变化|(?:年初|全年|调整)?预算数?$|决算数?$)")


def _item_cell(path: list[str], vocabulary: Vocabulary) -> int | None:
    """Which cell of a column's header path names a 三公 item, from the lowest up. A total cell
    ('小计') under an item is that item's; cells that name no item (预算数, 决算数, a year, a
    fund) are skipped, as they say which figure of the item the column holds."""
    for k in range(len(path) - 1, -1, -1):
        if _TOTAL_CELL.match(path[k]) and any(vocabulary.item(p) for p in path[:k]):
            continue
        if _item_at(path, k, vocabulary) is not None:
            return k
    return None


def _item_at(path: list[str], k: int, vocabulary: Vocabulary):
    """The item path[k] names; a bare total ('小计') with no item above it is the table's."""
    if _TOTAL_CELL.match(path[k]):
        return vocabulary.item("合计")
    return vocabulary.item(path[k])


def _names_items(paths: list[list[str]], roles: list[tuple[str, str]], vocabulary: Vocabulary
                 ) -> bool:
    """Do the columns name the 三公 items (因公出国 | 公务接待 | 公务用车…)?"""
    items = {_item_at(p, k, vocabulary).name for p, (role, _) in zip(paths, roles)
             if role == "amount" and p and (k := _item_cell(p, vocabulary)) is not None}
    return len(items - {"合计"}) >= 2


def _pivot_items(grid: PdfTable, body_at: list[int], paths: list[list[str]],
                 roles: list[tuple[str, str]], kind: TableKind, vocabulary: Vocabulary
                 ) -> list[Table]:
    """A 三公 table whose columns are its items, each perhaps split by year, by 预算数/决算数 or
    by fund: one row per item, one column per figure of it ('2026年预算数', '决算数',
    '一般公共预算'). The figures come from the total row, or from each row printed per year or
    per measure (2025年 | 2026年 | 增减变化金额; 预算数 | 决算数), or else from the first row."""
    def label(r: int) -> str:
        cells = [squeeze(grid.rows[r][c]) for c in range(min(len(roles), len(grid.rows[r])))
                 if roles[c][0] != "amount" and grid.rows[r][c]]
        return cells[-1] if cells else ""

    rows = [r for r in body_at if any(parse_amount((grid.rows[r][c] or "").strip()) is not None
                                       for c in range(min(len(roles), len(grid.rows[r])))
                                       if roles[c][0] == "amount")]
    total = [r for r in rows if _TOTAL.match(label(r))]
    # rows printed per unit under the total (杭州市东郊监狱 | 89.60 | …): each unit a column
    units = [r for r in rows if total and r != total[0] and label(r) and not _TOTAL.match(label(r))
             and not _MEASURE_ROW.match(label(r)) and not re.search(r"\d", label(r))]
    if total:
        picked = [(total[0], "")] + [(r, label(r)) for r in units]
    elif rows and all(_MEASURE_ROW.match(label(r)) for r in rows):
        picked = [(r, label(r)) for r in rows]
    else:
        picked = [(r, "") for r in rows[:1]]
    by_kind: dict[str, dict[str, Row]] = {}
    columns: dict[str, list[str]] = {}
    # The 三公 total is the column under “三公”经费, not a 合计 that adds 会议费 and 培训费.
    order = sorted(range(len(paths)), key=lambda c: not any("三公" in p for p in paths[c]))
    for r, row_label in picked:
        for c in order:
            path = paths[c]
            if roles[c][0] != "amount" or not path:
                continue
            k = _item_cell(path, vocabulary)
            item = _item_at(path, k, vocabulary) if k is not None else None
            measure = [p for j, p in enumerate(path) if j != k and not _TOTAL_CELL.match(p)
                       and vocabulary.item(p) is None]
            column = _measure_name([row_label] + measure)
            if item is None or item.kind not in (kind.kind, "office_running"):
                target, name = kind.kind, "/".join(path)
            else:
                target, name = item.kind, item.name
            row = by_kind.setdefault(target, {}).setdefault(name, Row(
                label=name, values={}, line=_line(grid, r), page=grid.row_pages[r]))
            if column in row.values:
                continue  # the 三公 column came first
            row.values[column] = parse_amount((grid.rows[r][c] or "").strip()) \
                if c < len(grid.rows[r]) else None
            if column not in columns.setdefault(target, []):
                columns[target].append(column)
    by_kind.setdefault(kind.kind, {})
    return [_table(k, columns.get(k, ["合计"]), list(v.values())) for k, v in by_kind.items()]


def _measure_name(parts: list[str]) -> str:
    """The column a figure of an item goes to: its year, 预算数/决算数 and fund, or 合计."""
    parts = [p for p in parts if p]
    if not parts:
        return "合计"
    name = parts[0]
    for p in parts[1:]:
        name += p if re.match(r"^20\d{2}年度?$", name) else f"·{p}"
    return name


def _item_for(path: list[str], vocabulary: Vocabulary):
    """The item a column's header path names, from its lowest cell up ('公务用车购置及运行费 /
    小计' is the 公务用车 subtotal, '“三公”经费 / 合计' the 三公 total)."""
    for k in range(len(path) - 1, -1, -1):
        cell = path[k]
        if vocabulary.generic_column.match(cell) and k > 0:
            continue
        return vocabulary.item(cell)
    return None


# ---------------------------------------------------------------- continuations


def _row_key(row: list[Cell]) -> tuple[str, ...]:
    return tuple(squeeze(c) for c in row)


def _continues(grid: PdfTable, layout: _Layout, running: frozenset[str] = frozenset()) -> bool:
    """An untitled grid right after a table, as wide as it, with nothing but page furniture
    above it, is the rest of that table."""
    width = max((len(r) for r in grid.rows), default=0)
    return bool(layout.segments) and width == layout.width and not _has_words(grid, running)


def _read_continuation(grid: PdfTable, layout: _Layout, tables: list[Table]) -> None:
    k = 0
    while k < len(grid.rows) and (_row_key(grid.rows[k]) in layout.header or
                                  _is_index_row(grid.rows[k]) or
                                  (is_header_row(grid.rows[k]) and k < 4 and
                                   not any(c and c.strip() for c in grid.rows[k]))):
        k += 1
    while k < len(grid.rows) and is_header_row(grid.rows[k]) and k < 4 and \
            all(not (c or "").strip() or parse_amount(c) is None for c in grid.rows[k]) and \
            any(squeeze(c) in {p for p in _flat(layout.header)} for c in grid.rows[k] if c):
        k += 1
    table = tables[0]
    body_at = [r for r in range(k, len(grid.rows)) if not _is_index_row(grid.rows[r])]
    table.rows.extend(_body_rows(grid, body_at, layout.segments, layout.kind, VOCABULARY))
    table.line_end = max([row.line for row in table.rows], default=table.line_end)
    table.empty = not any(v is not None for row in table.rows for v in row.values.values())


def _flat(keys: set[tuple[str, ...]]) -> set[str]:
    return {c for key in keys for c in key if c}


def _table(kind: str, columns: list[str], rows: list[Row]) -> Table:
    """A Table with placeholders; ``read_tables`` fills in title, unit, lines and page."""
    return Table(kind=kind, title="", unit="", columns=columns, rows=rows,
                 line_start=0, line_end=0)
