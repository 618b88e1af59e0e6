"""Performance-target forms printed as PDF grids (项目支出绩效目标表, 部门整体支出绩效目标表, a
section's 重点项目绩效目标 list) read into :class:`~budgetqa.model.ProjectForm` objects.

    >>> forms = read_forms(extract_pdf("fuzhou-police-swat-2026-unit-budget.pdf"))
    >>> forms[0].project, forms[0].amounts["年度资金总额"], forms[0].unit
    ('公安执法执勤车辆消耗费', Decimal('77.48'), '万元')

Two layouts, both recognised by their printed words (``FORM_WORDS``), never by position:

* a **key/value form**, one per project: 项目名称 | …, 资金总额 | …, 年度目标 | …, then a header
  row (一级指标 | 二级指标 | 三级指标 | 指标值) over the indicator rows;
* a **list**, one project per printed row: 项目名称 | 金额 | 绩效目标 (| 一级指标 | … when the
  project's cell is merged over its indicator rows).

A project whose rows the page cuts off (its name cell split by a page break, its name printed
outside the grid) is left unread rather than read with part of its indicators.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from ..model import Indicator, ProjectForm
from .lines import SourceLine, parse_amount
from .vocabulary import squeeze

if TYPE_CHECKING:
    from .pdf import PdfContent, PdfTable

Cell = str | None

# What the printed words of a form mean, matched against a cell with its spaces removed,
# brackets full-width and a trailing colon dropped. Order matters: the first match wins.
FORM_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((meaning, re.compile(p)) for meaning, p in (
    # the project (or the transfer, or the department as a whole) the form is about
    ("name", r"^(?:项目名称|专项（项目）名称|项目（专项）名称|一级项目名称|单位（项目）名称|转移支付名称|专项资金名称|项目)$"),
    ("department", r"^(?:主管部门|市级主管部门|资金主管部门|主管部门及代码|部门名称)$"),
    ("implementer", r"^(?:实施单位|项目实施单位|单位名称|二级预算单位名称)$"),
    # amounts: the year's total, the whole period's, and their parts
    ("period_total", r"^实施期资金总额"),
    ("total", r"^(?:资金总额|项目总额|年度资金总额|年度预算资金(?:总额)?|年度金额|当年预算|预算数|金额|预算金额|"
              r"当年财政拨款预算金额|预算支出总额)(?:（(?:单位：)?(?:万元|元)）)?$"),
    ("part", r"^(?:其中：?)?(?:财政拨款|财政资金|其他资金|中央财政资金|市级财政资金|市级支出|补助区县)$"),
    ("money", r"^(?:专项|项目)?资金(?:情况|金额)?（(?:万元|元)）$|^总体资金情况（(?:万元|元)）$"),
    # targets
    ("period_goal", r"^(?:项目)?实施期(?:总体)?目标$"),
    ("goal", r"^(?:年度目标|年度总体目标|总体目标|绩效目标|当年绩效目标|项目总体绩效目标|"
             r"当年整体绩效目标|整体绩效目标|年度绩效目标)$"),
    ("overview", r"^(?:项目概况|项目基本情况)$"),
    ("goal_group", r"^(?:绩效目标指标|绩效指标|其中：|备注)$"),
    # the indicator grid's columns
    ("level1", r"^一级指标$"),
    ("level2", r"^二级指标$"),
    ("level3", r"^(?:三级指标|指标名称|指标内容)$"),
    ("operator", r"^(?:绩效)?指标性质$|^指标值类型$"),
    ("value", r"^(?:本年|年度)?(?:绩效)?(?:指标值|目标值)$"),
    ("measure", r"^(?:绩效)?(?:度量|计量)单位$"),
))
_MEANING = {m: p for m, p in FORM_WORDS}
_UNIT = re.compile(r"（(?:单位：)?(万元|元)）|单位[：:]\s*(万元|元)|单位\s+(万元|元)")
_FORM_TITLE = re.compile(r"绩效目标|绩效表|绩效情况")
_NOT_A_NAME = re.compile(r"预算表|绩效目标表|项目名称|项目总额|\d+\.\d{3,}|[。，]")
_SELF_REVIEW = re.compile(r"自评表")  # a 决算's self-evaluation reports results, not targets
_WHOLE = re.compile(r"部门整体")
_COMPARE = re.compile(r"^[≥≤＝=<>＜＞≧≦]+$")
_TITLE_ROW = re.compile(r"绩效目标表|绩效表$")
# A quantity with no figure ('不少于 项'): the PDF put the text's digits on another line.
_LOST_FIGURES = re.compile(r"(?:少于|低于|超过|高于|达到)[\s,，]*[项个人次件家天台套份篇万亿元%]")
_PAGE_NUMBER = re.compile(r"^[-—\s]*\d{1,3}[-—\s]*$|^第\s*\d+\s*页")
_BLANK = re.compile(r"^[-—/／\s无]*$")


def meaning(text: Cell) -> str | None:
    """What a printed cell of a form means (``FORM_WORDS``), or None for a value."""
    t = squeeze(text).rstrip("：")
    return next((m for m, p in FORM_WORDS if p.search(t)), None) if t and len(t) <= 24 else None


# ---------------------------------------------------------------- finding the form grids


def read_forms(content: PdfContent) -> list[ProjectForm]:
    """Every performance-target form printed as a grid, in printed order."""
    forms: list[ProjectForm] = []
    previous: _FormGrid | None = None
    unit = "万元"  # until a form states its own: what budget forms print in
    last_page = -1  # the page of the last form grid: forms follow one another
    grids = content.tables
    lines = content.lines
    for k, grid in enumerate(grids):
        # the lines printed before the grid (on this page or the last) and its title rows
        first = next((n for n in grid.row_lines if n is not None), 0)
        context = " ".join(ln.text for ln in _before(lines, first)) + " " + " ".join(
            " ".join(texts) for row in grid.rows[:3]
            if len(texts := [c for c in row if c and c.strip()]) <= 2)
        layout = _layout(grid)
        continues = previous is not None and _continues(previous.grids, grid)
        if layout is None and not continues:
            previous = None
            continue
        if layout is not None and (_SELF_REVIEW.search(squeeze(context)) or (
                not _FORM_TITLE.search(squeeze(context))
                and grid.page not in (last_page, last_page + 1))):
            previous = None
            continue
        last_page = grid.page
        if layout is not None:
            previous = _FormGrid(layout, grid.page, squeeze(context))
        previous.grids.append(grid)
        previous.last_page = grid.page
        following = grids[k + 1] if k + 1 < len(grids) else None
        if following is None or not _continues(previous.grids, following):
            unit = _unit_of(previous.grids[0]) or unit
            forms.extend(previous.read(unit))
            previous = None
    # A project printed again on the next page (its name repeated over the rest of its rows)
    # is one form.
    merged: list[ProjectForm] = []
    for form in (f for f in forms if _worth_keeping(f)):
        last = merged[-1] if merged else None
        if last is not None and (last.project, last.amounts) == (form.project, form.amounts):
            last.indicators.extend(form.indicators)
            last.line_end = max(last.line_end, form.line_end)
            for name, value in form.fields.items():
                last.fields.setdefault(name, value)
                last.field_lines.setdefault(name, form.field_lines[name])
        else:
            merged.append(form)
    return merged


def _before(lines: list[SourceLine], first: int) -> list[SourceLine]:
    """The last four lines printed before line ``first``, page numbers aside."""
    k = bisect.bisect_left([ln.no for ln in lines], first)
    return [ln for ln in lines[max(0, k - 6):k] if not _PAGE_NUMBER.match(ln.text)][-4:]


def _continues(run: list[PdfTable], following: PdfTable) -> bool:
    """Is ``following`` the rest of the grids ``run``: no header of its own, ruled like one of
    them (a page whose left columns carry no rules prints only some of them), on the page the
    last one ends on or the next?"""
    return (_layout(following) is None and any(_aligned(g, following) for g in run)
            and following.page in (run[-1].pages[-1], run[-1].pages[-1] + 1))


def _aligned(first: PdfTable, part: PdfTable) -> bool:
    """Is ``part`` ruled like ``first`` (same right edge, its left edge one of first's rules)?"""
    return abs(first.column_x[-1] - part.column_x[-1]) <= 6 and any(
        abs(x - part.column_x[0]) <= 6 for x in first.column_x)


def _layout(grid: PdfTable) -> str | None:
    """'list' when one header row names a project column and its target or indicator columns,
    'keys' when the grid holds a form's keys, else None."""
    for row in grid.rows[:8]:
        meanings = [meaning(c) for c in row]
        if "name" in meanings and ("goal" in meanings or "level3" in meanings) and (
                "total" in meanings or "level3" in meanings):
            return "list"
    words = {meaning(c) for row in grid.rows for c in row}
    if ("level3" in words and "value" in words) or ("goal" in words and (
            "name" in words or "total" in words)):
        return "keys"
    return None


def _worth_keeping(form: ProjectForm) -> bool:
    """A form with a name that is one (not a title or header printed over it) and something
    read besides."""
    return bool(form.project) and not _NOT_A_NAME.search(form.project) and bool(
        form.amounts or form.indicators or form.fields.get("年度目标"))


@dataclass
class _FormGrid:
    """The grids of one printed run of forms (a form or list continued over pages)."""

    layout: str
    last_page: int
    context: str
    grids: list[PdfTable] = field(default_factory=list)

    def read(self, unit: str) -> list[ProjectForm]:
        """The forms of these grids; ``unit`` is the one stated before them, if they state none."""
        rows = [_Row(g, r) for g in self.grids for r in range(len(g.rows))]
        unit = _unit_of(self.grids[0]) or unit
        if self.layout == "list":
            return _read_list(rows, unit)
        return _read_keyed(rows, unit, self.context)


@dataclass
class _Row:
    """One grid row, with what is needed to read merged cells and provenance."""

    grid: PdfTable
    r: int

    @property
    def cells(self) -> list[Cell]:
        return self.grid.rows[self.r]

    @property
    def line(self) -> int:
        for k in range(self.r, -1, -1):
            if self.grid.row_lines[k] is not None:
                return self.grid.row_lines[k]
        return 0

    def col(self, x: float) -> int | None:
        """The column of the cell under the point ``x`` (a column's middle, read off its
        header): inside a cell merged across columns, that cell's first column."""
        xs = self.grid.column_x
        c = next((k for k in range(len(xs) - 1) if xs[k] <= x < xs[k + 1]), None)
        while c is not None and 0 < c < len(self.cells) and self.cells[c] is None \
                and self.origin(c) is None:
            c -= 1
        return c

    def at(self, x: float) -> str:
        c = self.col(x)
        return self.text(c) if c is not None else ""

    def middle(self, c: int) -> float:
        """The middle of the cell printed at column ``c`` (merged cells: of all they cover)."""
        xs = self.grid.column_x
        span = self.grid.spans.get((self.r, c), (1, 1))[1]
        return (xs[c] + xs[min(c + span, len(xs) - 1)]) / 2

    def text(self, c: int) -> str:
        """The cell's text, a cell merged down over it from a row above included."""
        if c >= len(self.cells):
            return ""
        cell = self.cells[c]
        if cell is None:
            origin = self.origin(c)
            cell = self.grid.rows[origin][c] if origin is not None else None
        return _tidy(cell or "")

    def origin(self, c: int) -> int | None:
        """The row of the merged cell covering column ``c`` of this row, if it starts above."""
        for (r0, c0), (rowspan, colspan) in self.grid.spans.items():
            if c0 <= c < c0 + colspan and r0 < self.r < r0 + rowspan:
                return r0
        return None

    def texts(self) -> list[tuple[int, str]]:
        """(column, text) of the cells printed on this row (merged cells at their first row)."""
        return [(c, _tidy(t)) for c, t in enumerate(self.cells) if t and t.strip()]


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text.strip())
    return re.sub(r"(?<=[\u4e00-\u9fff（），。、；：“”])\s+(?=[\u4e00-\u9fff（），。、；：“”])", "", text)


def _unit_of(grid: PdfTable) -> str | None:
    """The unit the lines over a grid or its cells state ('金额单位：万元', '资金总额（万元）')."""
    texts = [ln.text for ln in grid.before[-4:]] + [c for row in grid.rows for c in row if c]
    for t in texts:
        m = _UNIT.search(squeeze(t))
        if m:
            return next(g for g in m.groups() if g)
    return None


# ---------------------------------------------------------------- key/value forms


def _read_keyed(rows: list[_Row], unit: str, context: str) -> list[ProjectForm]:
    """Forms printed as keys and values, one after another (a form title or a second project
    name starts the next)."""
    blocks: list[list[_Row]] = []
    for row in rows:
        texts = row.texts()
        starts = bool(texts) and (_TITLE_ROW.search(squeeze(texts[0][1])) is not None
                                  and len(texts) == 1)
        named = any(meaning(t) == "name" for _, t in texts)
        if not blocks or starts or (named and _has_name(blocks[-1]) and not _only_title(blocks[-1])):
            blocks.append([])
        blocks[-1].append(row)
    return [f for b in blocks if (f := _read_block(b, unit, context)) is not None]


def _has_name(block: list[_Row]) -> bool:
    return any(meaning(t) == "name" for row in block for _, t in row.texts())


def _only_title(block: list[_Row]) -> bool:
    return all(len(row.texts()) <= 1 and not _has_name([row]) for row in block)


@dataclass
class _FormBuilder:
    unit: str
    project: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict)
    amounts: dict[str, Decimal | None] = field(default_factory=dict)
    amount_lines: dict[str, int] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    def set_field(self, name: str, value: str, line: int) -> None:
        if _LOST_FIGURES.search(value):
            return  # a text whose figures the text layer printed elsewhere: left unread
        if value and name not in self.fields:
            self.fields[name] = value
            self.field_lines[name] = line

    def set_amount(self, name: str, text: str, line: int) -> None:
        value = parse_amount(text) if text else None
        if value is not None and name not in self.amounts:
            self.amounts[name] = value
            self.amount_lines[name] = line

    def form(self) -> ProjectForm:
        if self.project:
            self.fields = {"项目名称": self.project, **self.fields}
            self.field_lines = {"项目名称": min(self.lines, default=0), **self.field_lines}
        return ProjectForm(project=self.project, fields=self.fields, field_lines=self.field_lines,
                           amounts=self.amounts, amount_lines=self.amount_lines,
                           indicators=self.indicators, line_start=min(self.lines, default=0),
                           line_end=max(self.lines, default=0), unit=self.unit)


def _read_block(block: list[_Row], unit: str, context: str) -> ProjectForm | None:
    out = _FormBuilder(unit)
    columns: dict[str, float] | None = None
    pending_goal: str | None = None
    period = "年度"
    title = next((t for row in block for _, t in row.texts()[:1] if _TITLE_ROW.search(squeeze(t))),
                 "") or _title_over(block[0])
    for row in block:
        texts = row.texts()
        if not texts:
            continue
        out.lines.append(row.line)
        keyed = [(c, t, meaning(t)) for c, t in texts]
        header = {m: row.middle(c) for c, _, m in keyed if m in (
            "level1", "level2", "level3", "operator", "value", "measure")}
        if "value" in header and "level3" not in header:
            # one column of all three levels ('产出指标质量指标系统故障修复率') under 绩效指标
            header.update({"level3": row.middle(c) for c, t, m in keyed
                           if m == "goal_group" and squeeze(t) == "绩效指标"})
        if "level3" in header and "value" in header:
            columns = header
            continue
        if columns is None and (inferred := _columns_by_level2(row)) is not None:
            columns = inferred  # a form printing its indicators under no header row
        if columns is not None and not any(m in _MEANING and m not in ("goal_group",)
                                           for _, _, m in keyed if m):
            out.indicators += _indicators(row, columns, period)
            continue
        if pending_goal and not any(m for _, _, m in keyed if m not in ("goal", "goal_group")):
            out.set_field(pending_goal, max((t for _, t, _ in keyed), key=len), row.line)
            pending_goal = None
            continue
        for k, (c, text, what) in enumerate(keyed):
            value = next((t for _, t, m in keyed[k + 1:k + 2] if m is None), "")
            if not value and what in ("total", "period_total", "part"):
                xs = row.grid.column_x  # under a key over several columns: its first (合计)
                value = _amount_below(block, row, (xs[c] + xs[c + 1]) / 2)
            if what == "name" and value:
                out.project = out.project or value
            elif what == "department" and value:
                out.set_field("主管部门", value, row.line)
            elif what == "implementer" and value:
                out.set_field("实施单位", value, row.line)
            elif what in ("total", "period_total"):
                if (m := _UNIT.search(squeeze(text))) is not None:
                    out.unit = next(g for g in m.groups() if g)
                name = "实施期资金总额" if what == "period_total" else "年度资金总额"
                out.set_amount(name, value, row.line)
            elif what == "part":
                part = re.sub(r"^其中：?", "", squeeze(text).rstrip("："))
                out.set_amount(f"年度:{part}", value, row.line)
            elif what == "money":
                m = _UNIT.search(squeeze(text))
                out.unit = next(g for g in m.groups() if g) if m else out.unit
            elif what in ("goal", "period_goal", "overview"):
                name = {"goal": "年度目标", "period_goal": "实施期目标", "overview": "项目概况"}[what]
                if what == "period_goal":
                    period = "实施期"
                if value:
                    out.set_field(name, value, row.line)
                else:
                    pending_goal = name
    if not out.project and _WHOLE.search(squeeze(title) or context):
        out.project = "部门整体支出"
    elif not out.project and (m := _PROJECT_TITLE.match(re.sub(r"\s+", "", title))):
        out.project = m.group(1)  # '市行政中心保安服务项目绩效目标表' names its project
    if not out.project:
        return None
    if out.indicators and period == "实施期":
        out.indicators = [Indicator("实施期", i.level1, i.level2, i.level3, i.value, i.line)
                          for i in out.indicators]
    return out.form()


def _own(row: _Row, x: float) -> bool:
    """Is the cell under ``x`` printed on this row (not merged down from a row above)?"""
    c = row.col(x)
    return c is not None and c < len(row.cells) and bool((row.cells[c] or "").strip())


def _amount_below(block: list[_Row], row: _Row, x: float) -> str:
    """The figure printed under a key that heads its column ('预算支出总额' over '9,626.78'):
    the first one, or the 合计 row's when the column lists parts (任务1 … 金额合计)."""
    k = block.index(row)
    figures: list[tuple[_Row, str]] = []
    for below in block[k + 1:]:
        if any(meaning(t) in ("goal", "period_goal", "level3", "name") for _, t in below.texts()):
            break
        text = below.at(x)
        if parse_amount(text) is not None:
            figures.append((below, text))
    total = next((text for below, text in figures if any(
        re.search(r"合计|总计", squeeze(t)) for _, t in below.texts())), None)
    return total or (figures[0][1] if figures else "")


# The levels a performance indicator is filed under (national list), to split a cell that prints
# all three at once ('产出指标质量指标系统故障修复率').
_LEVELS = re.compile(r"^(产出指标|效益指标|满意度指标|成本指标)"
                     r"((?:数量|质量|时效|成本|经济成本|社会成本|生态环境成本|经济效益|社会效益|"
                     r"生态效益|可持续影响|服务对象满意度)指标)(.+)$")


def _title_over(row: _Row) -> str:
    """The form title printed right over the grid a block starts, if it starts one."""
    if row.r != 0 or not row.grid.before:
        return ""
    text = row.grid.before[-1].text
    return text if _TITLE_ROW.search(squeeze(text)) else ""


# A title that names its one project: '<project>项目绩效目标表' (not a year's or a kind's list).
_PROJECT_TITLE = re.compile(r"^(?!.*(?:20\d{2}年|部门|政策和项目))(.{2,40}?)项目(?:支出)?绩效目标表$")


def _indicator(row: _Row, columns: dict[str, float], period: str) -> Indicator | None:
    def text(name: str) -> str:
        return row.at(columns[name]) if name in columns else ""

    if not any(_own(row, columns[name]) for name in ("level3", "value") if name in columns):
        return None  # the grid rows under one indicator's merged cells: it is read once
    level1, level2, level3 = text("level1"), text("level2"), text("level3")
    value = _value(text("operator"), text("value"), text("measure"))
    if not level1 and not level2 and (m := _LEVELS.match(squeeze(level3))):
        level1, level2, level3 = m.groups()
    if not level3 or not value or meaning(level3) is not None or _BLANK.match(level3):
        return None  # no indicator, a header, or one marked not applicable ('/', '-')
    return Indicator(period, level1, level2, level3, value, row.line)


# A second-level indicator's name (数量指标, 服务对象满意度指标), printed in its own cell.
_LEVEL2 = re.compile(r"(?:数量|质量|时效|成本|经济成本|社会成本|生态环境成本|经济效益|社会效益|生态效益|"
                     r"可持续影响|服务对象满意度|满意度)指标")


def _columns_by_level2(row: _Row) -> dict[str, float] | None:
    """The indicator columns of a form printing no header row ('一级指标 二级指标 指标内容 指标值'):
    the cell naming a second-level indicator (数量指标), then the indicator, then its value."""
    texts = row.texts()
    for k, (c, t) in enumerate(texts):
        if _LEVEL2.fullmatch(squeeze(t)) and len(texts) >= k + 3:
            (c3, _), (cv, _) = texts[k + 1], texts[k + 2]
            columns = {"level2": row.middle(c), "level3": row.middle(c3), "value": row.middle(cv)}
            if k >= 1:
                columns["level1"] = row.middle(texts[k - 1][0])
            return columns
    return None


def _indicators(row: _Row, columns: dict[str, float], period: str) -> list[Indicator]:
    """The indicator of a row; two or more when the row pairs them ('指标：申报国家助学金人数；
    申报免学费人数' valued '7375人；30195人'), as many names as values."""
    one = _indicator(row, columns, period)
    if one is None:
        return []
    names, values = re.split(r"[；;]", one.level3), re.split(r"[；;]", one.value)
    if len(names) < 2 or len(names) != len(values) or not all(n.strip() and v.strip() for n, v in zip(names, values)):
        return [one]
    return [Indicator(one.period, one.level1, one.level2, n.strip(), v.strip(), one.line)
            for n, v in zip(names, values)]


def _value(operator: str, value: str, measure: str) -> str:
    """'≥' '800' '项' -> '≥800项'; '定性' '优' -> '优'."""
    op = operator if _COMPARE.match(squeeze(operator)) else ""
    if not value:
        return ""
    return f"{op}{value}{measure if measure and not value.endswith(measure) else ''}"


# ---------------------------------------------------------------- lists of projects


def _read_list(rows: list[_Row], unit: str) -> list[ProjectForm]:
    """A list of projects, one per printed row or per name cell merged over its indicator rows.
    A header row repeated on each page is skipped; rows under no printed name (the name cell
    split by a page break, its name printed outside the grid) are left unread, and so is the
    project whose rows run on into such rows on the next page."""
    columns: dict[str, float] = {}  # what a column holds -> its middle
    parts: dict[float, str] = {}
    groups: list[list[_Row]] = []
    cut: set[int] = set()  # groups whose rows a page break cut off
    for row in rows:
        texts = row.texts()
        meanings = [meaning(t) for _, t in texts]
        if "name" in meanings and ("goal" in meanings or "level3" in meanings):
            columns = {}
            for (c, _), m in zip(texts, meanings):
                if m:
                    columns.setdefault(m, row.middle(c))
            continue
        if not columns or not texts:
            continue
        if "level3" in meanings and "value" in meanings and not groups:
            for (c, _), m in zip(texts, meanings):  # the indicator header's second row
                if m:
                    columns.setdefault(m, row.middle(c))
            continue
        if all(m == "part" for m in meanings):  # 其中： 财政资金 | 其他资金, under the total
            parts = {row.middle(c): re.sub(r"^其中：?", "", squeeze(t).rstrip("："))
                     for (c, t), m in zip(texts, meanings) if m == "part"}
            continue
        c = row.col(columns["name"])
        name_cell = row.cells[c] if c is not None and c < len(row.cells) else None
        current = groups[-1] if groups else None
        if name_cell is None:
            origin = row.origin(c) if c is not None else None  # no name column: nothing to go by
            if current and current[0].grid is row.grid and current[0].r == origin:
                current.append(row)
            elif current and current[-1].grid is not row.grid and origin is None \
                    and current[-1].r == len(current[-1].grid.rows) - 1:
                cut.add(len(groups) - 1)  # the name cell went on over the page break
                groups.append([])
            continue
        if not name_cell.strip():
            if current and not _is_index_or_total(" ".join(t for _, t in texts)):
                current.append(row)  # a row of the project above (its name printed once)
            continue
        if _is_index_or_total(name_cell):
            continue
        groups.append([row])
    forms = [_list_form(g, columns, parts, unit) for k, g in enumerate(groups) if g and k not in cut]
    # A row with neither target nor indicators (a unit's subtotal) is no project; one whose
    # amount cannot be read had its cells overprinted (a title printed across them).
    return [f for f in forms if (f.indicators or f.fields.get("年度目标"))
            and ("total" not in columns or "年度资金总额" in f.amounts)]


def _is_index_or_total(text: str) -> bool:
    t = squeeze(text)
    return bool(re.match(r"^(?:\*+|\d{1,3}|合计|总计|小计)$", t))


def _list_form(group: list[_Row], columns: dict[str, float], parts: dict[float, str],
               unit: str) -> ProjectForm:
    first = group[0]
    out = _FormBuilder(unit)
    out.project = _project_name(first.at(columns["name"]))
    out.lines = [row.line for row in group]
    number = _project_number(first.at(columns["name"]))
    if number:
        out.set_field("项目编号", number, first.line)
    for what, name in (("department", "主管部门"), ("implementer", "实施单位"), ("goal", "年度目标")):
        if what in columns:
            # a text the page broke over two rows is printed in both (merged cells: once)
            printed = [_tidy(cell) for row in group if (c := row.col(columns[what])) is not None
                       and c < len(row.cells) and (cell := row.cells[c])]
            out.set_field(name, "".join(printed), first.line)
    if "total" in columns:
        out.set_amount("年度资金总额", first.at(columns["total"]), first.line)
    for x, part in parts.items():
        out.set_amount(f"年度:{part}", first.at(x), first.line)
    if "level3" in columns and "value" in columns:
        for row in group:
            indicator = _indicator(row, columns, "年度")
            if indicator is not None:
                out.indicators.append(indicator)
    return out.form()


def _project_number(text: str) -> str:
    """The short number the budget system prints before a project's name ('0848' of
    '11000022T00000048 0848-公务用车购置项目'): two projects of one name are told apart by it."""
    m = re.match(r"^(?:[0-9A-Z]{12,}\s*)?(\d{3,6})\s*[-－]\s*[^\d\s]", text.strip())
    return m.group(1) if m else ""


def _project_name(text: str) -> str:
    """The project's name without the budget system's code printed before it
    ('11000021Y000000390 843-信息系统运维类项目' -> '信息系统运维类项目')."""
    return re.sub(r"^[0-9A-Z]{12,}\s*\d*[-－]?\s*", "", text).strip()
