"""Read a PDF disclosure: ``extract_pdf`` gets its text lines and table grids page by page,
``parse_pdf`` turns them into a :class:`ParsedDocument` using a template description.

    >>> doc = parse_pdf(Path("shanghai-putuo-wanli-street-2024-budget.pdf"))
    >>> doc.table("gp_expense").rows[0].code, doc.table("gp_expense").unit
    ('201', '元')

What varies between provinces lives in ``vocabulary.toml`` (tables) and
:mod:`budgetqa.parsing.narrative_vocabulary` (narrative).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EncryptedPdfError, IngestError, NotADisclosureError, ScannedPdfError
from ..model import ParsedDocument
from . import content_hash as file_hash
from .lines import SourceLine
from .metadata import detect_metadata
from .narrative_vocabulary import NARRATIVE
from .pdf_forms import read_forms
from .pdf_narrative import read_narrative
from .pdf_tables import header_row_count, is_header_row, read_tables
from .templates import TOTAL_LABELS

# Geometry tolerances, in PDF points.
_SAME_X = 6.0  # a continued table starts and ends within this of the first part
_EDGE = 1.5  # cell edges closer than this are the same grid line

Cell = str | None


@dataclass
class PdfTable:
    """One table as printed, possibly over several pages, as a grid of cells.

    ``rows[r][c]`` is the cell text, ``''`` for an empty cell and ``None`` for a position
    covered by a merged cell (whose text sits at its top-left position; ``spans`` gives its
    (rowspan, colspan)). A repeated header on a continuation page is dropped.
    """

    page: int
    rows: list[list[Cell]]
    row_pages: list[int]
    row_lines: list[int | None]  # the text line each row was printed on
    spans: dict[tuple[int, int], tuple[int, int]]
    column_x: list[float]  # left edge of each column, then the right edge of the table
    before: list[SourceLine] = field(default_factory=list)  # title, unit line...
    after: list[SourceLine] = field(default_factory=list)  # notes under the table

    @property
    def pages(self) -> list[int]:
        return sorted(set(self.row_pages))


@dataclass
class PdfPage:
    """One page: its text lines (top to bottom) and the tables that start on it."""

    number: int
    lines: list[SourceLine]
    tables: list[PdfTable]
    table_lines: set[int]  # numbers of the lines printed inside a table grid
    right_edges: dict[int, float]  # line number -> x of its last character


@dataclass
class PdfContent:
    """The text and tables of a PDF, before any interpretation."""

    path: str
    pages: list[PdfPage]

    @property
    def lines(self) -> list[SourceLine]:
        return [ln for p in self.pages for ln in p.lines]

    @property
    def tables(self) -> list[PdfTable]:
        return [t for p in self.pages for t in p.tables]


# ---------------------------------------------------------------- extraction


def extract_pdf(path: str | Path) -> PdfContent:
    """Text lines and table grids of every page. Raises :class:`EncryptedPdfError`,
    :class:`ScannedPdfError` or :class:`IngestError` for files that cannot be read."""
    import pdfplumber  # imported here so text-only use of budgetqa does not need it
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    path = Path(path)
    pages: list[PdfPage] = []
    try:
        with pdfplumber.open(path) as pdf:
            line_no = 0
            for number, page in enumerate(pdf.pages, start=1):
                extracted = _extract_page(page, number, line_no)
                line_no += len(extracted.lines)
                pages.append(extracted)
    except (PdfminerException, MalformedPDFException, PSException) as e:
        raise _open_error(e, path) from None
    if not any(p.lines for p in pages):
        raise ScannedPdfError(
            "PDF 没有文字层（可能是扫描件），需先做 OCR (no text layer; scanned PDF?)", path)
    _merge_continued_tables(pages)
    return PdfContent(str(path), pages)


def _open_error(error: Exception, path: Path) -> IngestError:
    """The domain error for a pdfminer failure (pdfplumber wraps the original in args[0])."""
    from pdfminer.pdfdocument import PDFEncryptionError

    causes = [error, *(a for a in error.args if isinstance(a, BaseException))]
    if any(isinstance(c, PDFEncryptionError) for c in causes):  # includes a wrong password
        return EncryptedPdfError("PDF 已加密，需要密码才能打开 (encrypted PDF)", path)
    return IngestError(f"无法读取 PDF 文件 (unreadable PDF: {causes[-1]})", path)


def _extract_page(page, number: int, first_no: int) -> PdfPage:
    raw_lines = [t for t in page.extract_text_lines() if t["text"].strip()]
    lines = [SourceLine(first_no + i + 1, t["text"].strip(), number)
             for i, t in enumerate(raw_lines)]
    middles = [((t["top"] + t["bottom"]) / 2) for t in raw_lines]
    right_edges = {ln.no: t["x1"] for ln, t in zip(lines, raw_lines)}

    tables: list[PdfTable] = []
    table_lines: set[int] = set()
    found = page.find_tables() if (page.rects or page.lines or page.curves) else []
    found.sort(key=lambda t: t.bbox[1])
    for k, table in enumerate(found):
        texts, bottom = _cell_texts(table)
        top = table.bbox[1]
        upper = found[k - 1].bbox[3] if k else 0.0
        lower = found[k + 1].bbox[1] if k + 1 < len(found) else float("inf")
        grid = _grid(table, texts, number, lines, middles)
        grid.before = [ln for ln, m in zip(lines, middles) if upper <= m < top]
        grid.after = [ln for ln, m in zip(lines, middles) if bottom < m <= lower]
        table_lines.update(ln.no for ln, m in zip(lines, middles) if top <= m <= bottom)
        tables.append(grid)
    return PdfPage(number, lines, tables, table_lines, right_edges)


def _cell_texts(table) -> tuple[list[list[str | None]], float]:
    """The text of each cell of a pdfplumber table, and the table's bottom edge.

    Some layouts print the codes and figures of a row half a row below its name, right across
    the rule between two rows (重庆 prints '201 | 5,183.00' on the line under '一般公共服务支出'):
    pdfplumber then puts every name one row above its code and figures, and drops the last row's
    code and figures, printed across the table's bottom rule. When many texts are cut by a row
    rule, each cut text joins the row on the side of the rule where the rows' other texts sit
    closer, the same side for the whole table, and the bottom edge moves down to take in the
    last row's."""
    rules = sorted({row.bbox[1] for row in table.rows} | {table.bbox[3]})
    x0, top, x1, bottom = table.bbox
    height = max((b - a for a, b in zip(rules, rules[1:])), default=0.0)
    chars = [c for c in table.page.chars if c["text"].strip() and x0 <= (c["x0"] + c["x1"]) / 2 <= x1
             and top <= (c["top"] + c["bottom"]) / 2 <= bottom + height / 2]

    def rule(y: float) -> int | None:
        return next((k for k, r in enumerate(rules) if abs(r - y) <= _EDGE), None)

    def cut(c) -> int | None:
        """The rule of its own cell that cuts this character well inside its height, if any
        (the rules between the rows a merged cell spans are not printed)."""
        h, x, y = c["bottom"] - c["top"], (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        k = bisect.bisect_right(rules, c["top"] + h / 4 - _EDGE)
        if k == len(rules) or rules[k] >= c["bottom"] - h / 4 + _EDGE:
            return None  # no rule runs through it
        cell = next((b for b in table.cells if b[0] <= x < b[2] and b[1] <= y < b[3]), None)
        if cell is None:
            if y <= bottom:
                return None  # inside the frame but in no cell (a title printed across it)
            cell = (x0, bottom, x1, bottom + height)  # under the table: its bottom rule
        if c["top"] + h / 4 < cell[1]:
            return rule(cell[1])
        if c["bottom"] - h / 4 > cell[3]:
            return rule(cell[3])
        return None

    cuts = {id(c): k for c in chars if (k := cut(c)) is not None}
    inside = [c for c in chars if id(c) not in cuts and (c["top"] + c["bottom"]) / 2 <= bottom]
    if len(cuts) < 12 or len(cuts) * 4 < len(chars):
        return table.extract(), bottom

    def middle(c) -> float:
        return (c["top"] + c["bottom"]) / 2

    def row_of(y: float) -> int:
        return max((k for k, r in enumerate(rules[:-1]) if r <= y), default=0)

    by_row: dict[int, list[float]] = {}
    for c in inside:
        by_row.setdefault(row_of(middle(c)), []).append(middle(c))
    votes = 0  # > 0: cut texts belong to the row above their rule
    for c in chars:
        if id(c) in cuts:
            k = cuts[id(c)]
            above = min((abs(middle(c) - y) for y in by_row.get(k - 1, [])), default=float("inf"))
            below = min((abs(middle(c) - y) for y in by_row.get(k, [])), default=float("inf"))
            votes += (above < below) - (below < above)
    moved = []
    for c in chars:
        if id(c) in cuts:
            k = cuts[id(c)]
            y = (rules[k - 1] + rules[k]) / 2 if votes > 0 and k > 0 else \
                (rules[k] + rules[k + 1]) / 2 if k + 1 < len(rules) else middle(c)
            h = c["bottom"] - c["top"]
            c = {**c, "top": y - h / 2, "bottom": y + h / 2}
        moved.append(c)
    if votes > 0:
        bottom = max([bottom] + [c["bottom"] for c in chars if id(c) in cuts])
    return _extract_cells(table, moved), bottom


def _extract_cells(table, chars: list[dict]) -> list[list[str | None]]:
    """pdfplumber's ``Table.extract`` over the given characters."""
    from pdfplumber.utils import extract_text

    def inside(c, bbox) -> bool:
        h, v = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        return bbox[0] <= h < bbox[2] and bbox[1] <= v < bbox[3]

    out = []
    for row in table.rows:
        row_chars = [c for c in chars if inside(c, row.bbox)]
        cells = []
        for bbox in row.cells:
            if bbox is None:
                cells.append(None)
                continue
            own = [c for c in row_chars if inside(c, bbox)]
            cells.append(extract_text(own) if own else "")
        out.append(cells)
    return out


def _grid(table, texts: list[list[str | None]], page_number: int, lines: list[SourceLine],
          middles: list[float]) -> PdfTable:
    """A pdfplumber table (its cells' ``texts``) as cells, spans of merged cells and the text
    line of each row."""
    xs = _edges([c[0] for c in table.cells] + [table.bbox[2]])
    ys = _edges([c[1] for c in table.cells] + [table.bbox[3]])
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    row_lines: list[int | None] = []
    for r, row in enumerate(table.rows):
        for c, bbox in enumerate(row.cells):
            if bbox is not None:
                span = (_count_inside(ys, bbox[1], bbox[3]), _count_inside(xs, bbox[0], bbox[2]))
                if span != (1, 1):
                    spans[(r, c)] = span
        top, bottom = row.bbox[1], row.bbox[3]
        row_lines.append(next((ln.no for ln, m in zip(lines, middles) if top <= m <= bottom),
                              None))
    rows = [[_clean_cell(cell) for cell in row] for row in texts]
    return PdfTable(page_number, rows, [page_number] * len(rows), row_lines, spans, xs)


def _edges(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _EDGE:
            out.append(v)
    return out


def _count_inside(edges: list[float], lo: float, hi: float) -> int:
    """How many grid columns (or rows) a cell from ``lo`` to ``hi`` covers."""
    return max(1, sum(1 for e in edges[:-1] if lo - _EDGE <= e < hi - _EDGE))


def _clean_cell(cell: str | None) -> Cell:
    """Join a wrapped cell: no break between CJK characters, one space between words."""
    if cell is None:
        return None
    parts = [p.strip() for p in cell.split("\n") if p.strip()]
    text = ""
    for part in parts:
        if text and text[-1].isascii() and part[0].isascii() and text[-1].isalnum():
            text += " "
        text += part
    return text


# ---------------------------------------------------------------- tables over pages


def _merge_continued_tables(pages: list[PdfPage]) -> None:
    """Append a table that continues on the next page to its first part, in place.

    A continuation is the first table of a page with no text above it (page numbers aside),
    as wide as the last table of the page before, which has no text under it. Its header
    rows, if they repeat the first part's, are dropped.
    """
    previous: PdfTable | None = None
    for page in pages:
        merged = False
        if (previous is not None and page.tables and _only_furniture(page.tables[0].before)
                and _same_width(previous, page.tables[0]) and not _titled(page.tables[0])):
            _append(previous, page.tables.pop(0))
            merged = True
        if page.tables:
            previous = page.tables[-1]
        elif not merged:
            previous = None  # a page without a table ends any table
        if previous is not None and not _only_furniture(previous.after):
            previous = None  # text under a table ends it


_PAGE_FURNITURE = re.compile(r"^[-—\s]*\d{1,3}[-—\s]*$|^第\s*\d+\s*页")


_TITLE_ROW = re.compile(r"^[^\d,.，]{0,8}\d{0,2}[^\d,.，]{0,12}表.{0,30}表([（(].{0,20}[）)])?$")


def _titled(part: PdfTable) -> bool:
    """A grid with a table's title in its first rows (预算05表 一般公共预算支出表, drawn inside
    the grid) starts a table of its own: it continues none."""
    return any(_TITLE_ROW.match(re.sub(r"\s", "", "".join(c for c in row if c))) for row in part.rows[:3])


def _only_furniture(lines: list[SourceLine]) -> bool:
    """True if these lines are nothing but page numbers."""
    return all(_PAGE_FURNITURE.match(ln.text) for ln in lines)


def _same_width(first: PdfTable, part: PdfTable) -> bool:
    return (abs(first.column_x[0] - part.column_x[0]) <= _SAME_X
            and abs(first.column_x[-1] - part.column_x[-1]) <= _SAME_X)


def _append(first: PdfTable, part: PdfTable) -> None:
    """Add the rows of ``part`` to ``first``, re-gridded to its columns, minus a repeated
    header."""
    header = {_row_key(row) for row in first.rows[: header_row_count(first.rows)]}
    mapping = [_columns_covered(first.column_x, part.column_x[c], part.column_x[c + 1])
               for c in range(len(part.column_x) - 1)]
    rows = [_regrid(part, r, mapping, len(first.column_x) - 1) for r in range(len(part.rows))]
    skip = 0
    while skip < len(rows) and is_header_row(rows[skip][0]) and _row_key(rows[skip][0]) in header:
        skip += 1
    for r in range(skip, len(rows)):
        cells, spans = rows[r]
        first.spans.update({(len(first.rows), c): span for c, span in spans.items()})
        first.rows.append(cells)
        first.row_pages.append(part.row_pages[r])
        first.row_lines.append(part.row_lines[r])
    first.after = part.after


def _regrid(part: PdfTable, r: int, mapping: list[list[int]], width: int
            ) -> tuple[list[Cell], dict[int, tuple[int, int]]]:
    """Row ``r`` of ``part`` on the first part's columns ('合计' over four columns of a
    one-row grid lands in the first of them), with the spans of its merged cells."""
    cells: list[Cell] = [None] * width
    spans: dict[int, tuple[int, int]] = {}
    for c, text in enumerate(part.rows[r]):
        covered = mapping[c] if c < len(mapping) else []
        if text is None or not covered:
            continue
        cells[covered[0]] = text
        rowspan = part.spans.get((r, c), (1, 1))[0]
        if (rowspan, len(covered)) != (1, 1):
            spans[covered[0]] = (rowspan, len(covered))
    return cells, spans


def _columns_covered(xs: list[float], lo: float, hi: float) -> list[int]:
    """Columns of the first part whose middle lies between ``lo`` and ``hi``."""
    return [c for c in range(len(xs) - 1) if lo - _EDGE <= (xs[c] + xs[c + 1]) / 2 <= hi + _EDGE]


def _row_key(row: list[Cell]) -> tuple[str, ...]:
    return tuple(re.sub(r"\s+", "", c or "") for c in row)


# ---------------------------------------------------------------- the document


def parse_pdf(path: str | Path, overrides: dict[str, object] | None = None) -> ParsedDocument:
    """Parse a PDF disclosure into tables, sections, definitions and narrative facts.

    Whatever the province: tables are recognised by their titles and headers (the vocabulary),
    the body, year, kind and scope by the cover and headings. A field that cannot be found is
    listed in ``ParsedDocument.unknown`` (and may be given in ``overrides``); only a file with
    no budget content at all is refused.
    """
    path = Path(path)
    if not path.exists():
        raise IngestError("文件不存在 (no such file)", path)
    return parse_pdf_content(extract_pdf(path), path, overrides, file_hash(path.read_bytes()))


def parse_pdf_content(content: PdfContent, path: str | Path, overrides: dict[str, object] | None = None,
                      content_hash: str = "") -> ParsedDocument:
    """Read what :func:`extract_pdf` got from a PDF (its lines and grids) into a document. Split
    from :func:`parse_pdf` so a test can change a printed line or cell and read the result."""
    path = Path(path)
    tables, unread = read_tables(content)
    lines = content.lines
    meta = detect_metadata([ln.text for ln in lines], [ln.page or 0 for ln in lines],
                           [(t.title, t.page or 0) for t in tables])
    for name, value in (overrides or {}).items():
        if value:
            setattr(meta, name, value)
            meta.evidence[name] = None
    _resolve_year_columns(tables, meta.year)
    _label_body_totals(tables, meta.department)
    sections, definitions, facts = read_narrative(content, NARRATIVE)
    forms = read_forms(content)
    head = "".join(ln.text.replace(" ", "") for p in content.pages[:3] for ln in p.lines)
    if not tables and not re.search(r"(部门|单位)(综合)?(预算|决算)|预算表|决算表", head):
        raise NotADisclosureError(
            "不像部门预算/决算公开文件：找不到预算标题或预算表 (not a budget disclosure)", path)
    department = meta.department or "（未识别的单位）"
    year = meta.year
    return ParsedDocument(
        doc_id=path.stem, path=str(path),
        title=f"{department}{year or ''}{'年' if year else ''}{meta.scope}{meta.kind}",
        department=department, year=year, kind=meta.kind, scope=meta.scope,
        content_hash=content_hash, source_type="pdf",
        tables=tables, forms=forms, sections=sections, definitions=definitions, facts=facts,
        evidence=dict(meta.evidence), unknown=meta.unknown,
        unread_tables=[f"{u.title}（第{u.page}页：{u.reason}）" for u in unread],
        pages=len(content.pages), lines=lines,
    )


def _label_body_totals(tables: list, department: str | None) -> None:
    """A table whose total row carries the body's own name (Shenzhen prints the 预算单位 on it)
    and no 合计 row: that row is the 合计 row, its printed name kept as the second label."""
    if not department:
        return
    for table in tables:
        if any(r.label.replace(" ", "") in TOTAL_LABELS for r in table.rows):
            continue
        first = next((r for r in table.rows if any(v is not None for v in r.values.values())), None)
        if first is not None and first.code is None and first.label.replace(" ", "") == department:
            first.label, first.label2 = "合计", first.label


def _resolve_year_columns(tables: list, year: int) -> None:
    """'2026年预算数' is this year's 预算数 and '2025年预算数' last year's, once the document's
    year is known; another year's column keeps its printed name."""
    if not year:
        return
    names = {f"{year}年": "", f"{year}年度": "", f"{year - 1}年": "上年", f"{year - 1}年度": "上年"}

    def rename(column: str) -> str:
        m = re.match(r"^(20\d{2}年度?)(.*)$", column)
        if not m or m.group(1) not in names:
            return column
        rest = m.group(2) or "预算数"
        if rest in ("预算", "预算数", "金额", "预算金额"):
            rest = "预算数"
        return names[m.group(1)] + rest

    for table in tables:
        mapping = {c: rename(c) for c in table.columns}
        if len(set(mapping.values())) < len(mapping):
            continue  # renaming would merge two columns
        table.columns = [mapping[c] for c in table.columns]
        for row in table.rows:
            row.values = {mapping.get(k, k): v for k, v in row.values.items()}
            row.texts = {mapping.get(k, k): v for k, v in row.texts.items()}
