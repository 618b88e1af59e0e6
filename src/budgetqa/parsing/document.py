"""Read one disclosure file into a :class:`ParsedDocument`: metadata, tables, forms, narrative.

``parse_path`` dispatches on the file type (text or PDF); ``parse_text`` reads the OCR'd text
template. Bad input raises :class:`IngestError` naming the file and line.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..errors import IngestError, NotADisclosureError
from . import content_hash as file_hash
from ..model import ParsedDocument, Table
from . import forms as form_parser
from .lines import (
    ALIGN_CAP,
    SourceLine,
    align_space_cells,
    clean_lines,
    column_starts,
    is_pipe_separator,
    name_key,
    is_space_aligned,
    pick_metric,
    space_spans,
    split_cells,
    strip_markup,
)
from .narrative import extract_facts, parse_definitions, split_sections
from .tables import GridRow, read_grid
from .templates import TOTAL_LABELS, match_table_title

TEXT_SUFFIXES = {".txt", ".md", ".text"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".pdf"}

_UNIT = re.compile(r"(?:金额)?单位[：:]\s*(万元|亿元|元)")
_DEPT = re.compile(r"^(?:部门|单位)名称[：:]\s*(\S+)")
_YEAR = re.compile(r"(20\d{2})\s*年")
_TOC = re.compile(r"\.{3,}|…{2,}|^目\s*录$")
_EMPTY_NOTE = re.compile(r"本表无数据|无数据|本部门无|没有.*(数据|经费)")


def doc_id_for(path: Path) -> str:
    """A stable, readable document id: the file stem."""
    return path.stem


def read_text_file(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise IngestError("文件为空 (empty file)", path)
    if b"\x00" in data[:4096]:
        raise IngestError("不是文本文件，像是二进制文件 (binary file)", path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise IngestError("不是 UTF-8 编码的文本 (not UTF-8)", path, line) from None
    if not text.strip():
        raise IngestError("文件为空 (empty file)", path)
    return text


def parse_path(path: Path) -> ParsedDocument:
    """Parse a disclosure file of any supported type."""
    path = Path(path)
    if not path.exists():
        raise IngestError("文件不存在 (no such file)", path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        from .pdf import parse_pdf  # pdfplumber is only needed for PDFs

        return parse_pdf(path)
    if suffix not in TEXT_SUFFIXES:
        raise IngestError(f"不支持的文件类型 {suffix or '(无扩展名)'}，支持 .txt .md .pdf", path)
    return parse_text(read_text_file(path), path)


def parse_text(text: str, path: Path | str = "document.txt") -> ParsedDocument:
    """Parse the text template (OCR'd or typed) of a 部门预算公开."""
    path = Path(path)
    printed = clean_lines(text)
    lines = [ln for ln in printed if not _TOC.search(strip_markup(ln.text))]
    if not lines:
        raise IngestError("文件为空 (empty file)", path)
    title, department, year, kind, scope = _metadata(lines)
    if not _looks_like_disclosure(lines):
        raise NotADisclosureError(
            "不像部门预算/决算公开文件：找不到预算表格或“预算公开”标题", path)

    forms, blocks = form_parser.parse_forms(lines)
    in_form = set()
    for start, end in blocks:
        in_form.update(range(start, end))

    tables: list[Table] = []
    narrative: list[SourceLine] = []
    i = 0
    while i < len(lines):
        if i in in_form:
            i += 1
            continue
        spec = match_table_title(strip_markup(lines[i].text))
        if spec is None:
            narrative.append(lines[i])
            i += 1
            continue
        table, j, dept = _read_text_table(lines, i, spec, path, in_form)
        if table is None:  # a title with nothing under it: a 目录 entry or a mention
            narrative.append(lines[i])
            i += 1
            continue
        i = j
        department = department or dept
        tables.append(table)

    year = year or _year_from_tables(tables)
    if not department:
        raise NotADisclosureError("找不到部门名称", path)
    content_hash = file_hash(text.encode("utf-8"))

    # the last 名词解释 heading: an earlier one is a 目录 entry
    definitions_start = next((k for k in range(len(narrative) - 1, -1, -1)
                              if "名词解释" in narrative[k].text and len(strip_markup(narrative[k].text)) < 20), None)
    body = narrative if definitions_start is None else narrative[:definitions_start]
    definition_lines = [] if definitions_start is None else narrative[definitions_start + 1:]
    sections = split_sections(narrative, title)
    project_table = next((t for t in tables if t.kind == "project"), None)
    form_names = {name_key(f.project) for f in forms}
    missing = [r.label for r in project_table.rows
               if name_key(r.label) not in form_names and not _is_total(r.label)] if project_table and forms else []
    return ParsedDocument(
        doc_id=doc_id_for(path), path=str(path), title=title, department=department,
        year=year or 0, kind=kind, scope=scope, content_hash=content_hash, source_type="text",
        tables=tables, forms=forms, sections=sections,
        definitions=parse_definitions(definition_lines), facts=extract_facts(body),
        missing_forms=missing, lines=printed,
    )


def _is_total(label: str) -> bool:
    return label.replace(" ", "") in TOTAL_LABELS


def _looks_like_disclosure(lines: list[SourceLine]) -> bool:
    head = "".join(strip_markup(ln.text) for ln in lines[:80])
    titled = bool(re.search(r"(部门|单位)(预算|决算)|预算公开|决算公开", head))
    tables = sum(1 for ln in lines if match_table_title(strip_markup(ln.text)))
    return tables >= 2 or (titled and tables >= 1)


def _metadata(lines: list[SourceLine]) -> tuple[str, str, int | None, str, str]:
    department = ""
    title = ""
    year: int | None = None
    for ln in lines[:30]:
        t = strip_markup(ln.text)
        m = re.search(r"(20\d{2})\s*年度?\s*(部门|单位)?(预算|决算)", t)
        if m and not title:
            title = t
            year = int(m.group(1))
        if not department and ln.text.lstrip().startswith("# ") and "预算" not in t and "决算" not in t:
            department = t
        dm = _DEPT.match(t)
        if dm and not department:
            department = dm.group(1)
    if not department and title:
        m = re.match(r"(.+?)20\d{2}", title)
        if m:
            department = m.group(1).strip()
    kind = "决算" if "决算" in title else "预算"
    scope = "单位" if re.search(r"单位(预算|决算)", title) else "部门"
    if department and title and not title.startswith(department):
        title = f"{department}{title}"
    return title or department, department, year, kind, scope


def _year_from_tables(tables: list[Table]) -> int | None:
    for t in tables:
        m = _YEAR.search(t.title)
        if m:
            return int(m.group(1))
    return None


def _is_cell_line(ln: SourceLine) -> bool:
    t = ln.text
    return "\t" in t or t.count("|") >= 2 or bool(re.search(r"\S(\s{2,}|\u3000)\S", t.strip()))


def _read_text_table(lines: list[SourceLine], i: int, spec, path: Path,
                     in_form: set[int]) -> tuple[Table | None, int, str]:
    """Read the table whose title is at ``lines[i]``; return it and the index after it."""
    title_line = lines[i]
    title = strip_markup(title_line.text).replace(" ", "")
    unit = "万元"
    department = ""
    note: str | None = None
    grid: list[GridRow] = []
    grid_texts: list[str] = []
    unit_seen = False
    j = i + 1
    while j < len(lines) and j not in in_form:
        ln = lines[j]
        plain = strip_markup(ln.text)
        if match_table_title(plain):
            break
        if _UNIT.search(plain) and not grid:
            unit = _UNIT.search(plain).group(1)
            unit_seen = True
            dm = re.match(r"^(?:部门|单位)(?:名称)?[：:]\s*(\S+)", plain)
            if dm:
                department = department or dm.group(1)
            j += 1
            continue
        dm = _DEPT.match(plain)
        if dm and not grid:
            department = dm.group(1)
            j += 1
            continue
        if re.match(r"^(预算)?公开表\s*\d+$", plain) or is_pipe_separator(ln.text):
            j += 1
            continue
        if plain.startswith(("注：", "注:")):
            note = plain
            j += 1
            break
        if not _is_cell_line(ln) and not (grid and _continues_spaced_table(lines, j, grid_texts, in_form)):
            break
        grid.append(GridRow(split_cells(ln.text), ln.no, ln.page))
        grid_texts.append(ln.text)
        j += 1
    if grid_texts and all(is_space_aligned(t) for t in grid_texts):
        # Fixed-width layout: runs of spaces lose blank cells, the character offsets keep them.
        for g, cells in zip(grid, align_space_cells(grid_texts)):
            g.cells = cells
    if not grid and note is None and not unit_seen:
        return None, j, department
    if j >= len(lines) and grid and note is None:
        _check_not_cut(grid, path)
    empty_note = note if note and re.search(r"无数据|本部门无|无此|没有", note) else None
    table = read_grid(spec, title, unit, grid, title_line.no,
                      grid[-1].line if grid else title_line.no, empty_note)
    if note and not empty_note:
        table.note = note
    return table, j, department


_SENTENCE_END = re.compile(r"[。；;！!？?]\s*$")


def _row_candidate(ln: SourceLine, starts: set[int], wide: bool) -> bool:
    """A one-cell, space-aligned line that may be a table row whose other cells are blank: a
    short label starting on one of the table's column starts, not a heading or a sentence."""
    text = ln.text
    if not is_space_aligned(text) or text.lstrip().startswith(("#", "注", "- ", "* ")):
        return False
    spans = space_spans(text, wide)
    if len(spans) != 1:
        return False
    start, end, cell = spans[0]
    return (start in starts and end - start <= ALIGN_CAP and not _SENTENCE_END.search(cell)
            and match_table_title(strip_markup(cell)) is None)


def _continues_spaced_table(lines: list[SourceLine], j: int, grid_texts: list[str],
                            in_form: set[int]) -> bool:
    """Is the one-cell line ``lines[j]`` a row of the space-aligned table read so far?

    In a fixed-width layout a row whose other cells are blank is one indented label (the 支出
    half of a two-sided table) or one label at the margin (合计 of an empty table). An indented
    label on a column start of the table is a row; a label at the margin is one only if the
    table visibly goes on after it (a note, or a row of several cells on the table's columns).
    """
    if not all(is_space_aligned(t) for t in grid_texts):
        return False
    wide = pick_metric(grid_texts)
    starts = set(column_starts(grid_texts, wide))
    if not _row_candidate(lines[j], starts, wide):
        return False
    if space_spans(lines[j].text, wide)[0][0] > 0:
        return True
    for k in range(j + 1, min(j + 40, len(lines))):
        if k in in_form:
            return False
        ln = lines[k]
        plain = strip_markup(ln.text)
        if plain.startswith(("注：", "注:")):
            return True
        if _row_candidate(ln, starts, wide):
            continue
        spans = space_spans(ln.text, wide) if is_space_aligned(ln.text) else []
        return len(spans) >= 2 and all(s in starts for s, _, _ in spans[:2])
    return False


def _check_not_cut(grid: list[GridRow], path: Path) -> None:
    """A file that ends inside a table, on a row shorter than its neighbours, was cut off."""
    if len(grid) < 2:
        raise IngestError("表格在文件末尾被截断 (table cut off)", path, grid[-1].line)
    last, prev = grid[-1].cells, grid[-2].cells
    if len(last) < len(prev):
        raise IngestError("表格在此行被截断 (table cut off mid-row)", path, grid[-1].line)
