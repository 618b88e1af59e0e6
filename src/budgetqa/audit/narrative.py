"""Rules between the narrative and the tables: each amount, share and year-on-year change the
情况说明 states for a named item, checked against the table cell it names and against itself.

A statement is checked only where its link to a cell is unambiguous: the item named exactly
(by the budget vocabulary in :data:`ITEMS`, a functional class or a subject code), this year's
column, a figure whose preceding words are nothing but the item's name. Anything else is left
alone: a rule here reports an error only where every reading of the sentence disagrees.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Iterable, Iterator

from ..model import ParsedDocument, Row, Table, convert
from ..parsing.lines import SourceLine, name_key, strip_markup, strip_ordinal, to_fullwidth_free
from ..parsing.narrative import heading_level
from .findings import Evidence, Finding, cell, tolerance
from .registry import rule

# ---------------------------------------------------------------- sentences


@dataclass
class Sentence:
    """One sentence of the narrative, spaces removed, with the printed line of every offset."""

    text: str
    starts: list[int]  # offset where each line's text begins
    lines: list[SourceLine]
    previous: "Sentence | None" = None  # the sentence printed before it
    heading: bool = False

    def line_at(self, offset: int) -> SourceLine:
        return self.lines[max(0, bisect_right(self.starts, offset) - 1)]


_FURNITURE = re.compile(r"^[-—–\s]*\d{1,3}[-—–\s]*$")  # page numbers: '- 4 -', '— 2 —', '23'
_SENTENCE_END = re.compile(r"[。！？!?]")


def _narrative_lines(doc: ParsedDocument) -> list[SourceLine]:
    """Printed lines outside every table and project form."""
    inside: set[int] = set()
    for t in doc.tables:
        inside.update(range(t.line_start, t.line_end + 1))
    for f in doc.forms:
        inside.update(range(f.line_start, f.line_end + 1))
    return [ln for ln in doc.lines if ln.no not in inside and not _FURNITURE.match(ln.text)]


def _is_heading(ln: SourceLine, plain: str) -> bool:
    """A numbered heading line: short, no figure, not the start of a sentence that wraps."""
    body = re.sub(r"\d{4}年", "", _LEADING_ORDINAL.sub("", plain))
    return (heading_level(ln) is not None and len(plain) <= 30 and not re.search(r"\d", body)
            and not plain.endswith(("，", ",", "：", ":", "、")))


_LEADING_ORDINAL = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d{1,2}[.．、])")


def sentences(doc: ParsedDocument) -> list[Sentence]:
    """The narrative's sentences: lines joined (the layout wraps them), cut at 。 and at each
    heading; a heading is a sentence of its own. Spaces are dropped ('卫 生 健 康')."""
    out: list[Sentence] = []
    text, starts, lines = "", [], []
    previous: Sentence | None = None

    def flush(heading: bool = False) -> None:
        nonlocal text, starts, lines, previous
        if text.strip():
            previous = Sentence(text, starts, lines, previous, heading)
            out.append(previous)
        text, starts, lines = "", [], []

    for ln in _narrative_lines(doc):
        plain = re.sub(r"\s+", "", to_fullwidth_free(strip_markup(ln.text)))
        if not plain:
            continue
        heading = _is_heading(ln, plain)
        if heading:
            flush()
        pos = 0
        for m in _SENTENCE_END.finditer(plain):
            starts.append(len(text))
            lines.append(ln)
            text += plain[pos:m.end()]
            pos = m.end()
            flush()
        if pos < len(plain):
            starts.append(len(text))
            lines.append(ln)
            text += plain[pos:]
        if heading:
            flush(heading=True)
    flush()
    return out


# ---------------------------------------------------------------- figures in a sentence

_FIGURE = re.compile(r"(?P<num>\d[\d,]*(?:\.\d+)?)(?P<unit>万元|亿元|元|%)")
_BOUNDARY = re.compile(r"[，,；;：:、。]|其中|包括|主要用于")
_UP, _DOWN = ("增加", "增长", "上升", "增幅", "提高"), ("减少", "下降", "降低", "降幅", "减幅")
_DIRECTION = re.compile(r"(?P<dir>增加|增长|上升|增幅|提高|减少|下降|降低|降幅|减幅)了?(?:幅度)?为?$|"
                        r"(?P<cmp>大于|小于|多于|少于|高于|低于)(?:上年|\d{4}年)[^，,。]{0,8}?$")
_MORE = ("大于", "多于", "高于")
_COMPARED = re.compile(r"(?:比|较|与|同)(?:上年|上一年|去年|\d{4}年)")
_PREVIOUS = re.compile(r"^(?:比|较)(?:上年|上一年|去年|\d{4}年)(?:度)?(?:年初)?(?:预算|执行)?数?为?$")
_SHARE = re.compile(r"占(?P<whole>[^，,；;。%]*?)(?:的)?(?:比重|比例)?为?$")


@dataclass
class Figure:
    """One number of a sentence and what its preceding words make of it."""

    value: Decimal
    unit: str
    role: str  # 'amount' | 'previous' | 'delta' | 'pct' | 'share' | 'other'
    subject: str = ""  # for an amount: the normalised words naming it
    sign: int = 0  # for a delta or pct: +1 增加, -1 减少
    word: str = ""  # the direction word as printed
    whole: str = ""  # for a share: what it is a share of, as printed ('' when implicit)
    start: int = 0
    end: int = 0
    decimals: int = 0
    lead: str = ""  # the words between the previous figure (or clause start) and this one


def figures(s: Sentence, owner: str = "") -> list[Figure]:
    """The sentence's figures; ``owner`` (the department's name) is a word of scope, like
    本部门, when it precedes an item."""
    out: list[Figure] = []
    last_end = 0
    for m in _FIGURE.finditer(s.text):
        if m.start() > 0 and (s.text[m.start() - 1].isdigit() or s.text[m.start() - 1] == "."):
            continue
        lead_all = s.text[last_end:m.start()]
        last_end = m.end()
        cut = max((b.end() for b in _BOUNDARY.finditer(lead_all)), default=0)
        lead = lead_all[cut:]
        num = m.group("num").replace(",", "")
        value = Decimal(num)
        f = Figure(value, m.group("unit"), "other", start=m.start(), end=m.end(), lead=lead,
                   decimals=len(num.split(".")[1]) if "." in num else 0)
        direction = _DIRECTION.search(lead)
        share = _SHARE.search(lead) if "占" in lead else None
        if share and f.unit == "%":
            f.role, f.whole = "share", _normalise(share.group("whole"))
        elif direction and (direction.group("cmp") or _COMPARED.search(s.text[:m.start()])):
            f.role = "pct" if f.unit == "%" else "delta"
            f.word = direction.group("dir") or direction.group("cmp")
            f.sign = 1 if f.word in _UP + _MORE else -1
        elif f.unit != "%" and _PREVIOUS.match(lead):
            f.role = "previous"
        elif f.unit != "%":
            f.role, f.subject = "amount", _subject(lead.replace(owner, "") if owner else lead)
        out.append(f)
    return out


# Words before an item's name that do not change what it is: ordinals, the year, the scope
# of the whole document, list openers.
_LEADING = re.compile(
    r"^(?:[^，。]*?(?:情况说明|说明)(?:（[^）]*）)?(?=\d{4}年)|（(?![一二三四五六七八九十\d]+）)|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d{1,2}[.．、]|"
    r"其中|包括|此外|另外|主要包括|所属各预算单位|按支出功能分类|按功能分类|相应安排|安排|"
    r"\d{4}年度?|本年度|本部门|本单位|部门|单位|我局|我单位|本局|全年)+")
_TRAILING = re.compile(r"(?:为|是|共|共计|总额|总数|数|安排|了)+$")
_BUDGET_WORD = re.compile(r"(?<!公共)(?<!基金)(?<!经营)(?:预算|年初预算)(?:数)?")


def _normalise(words: str) -> str:
    w = re.sub(r"[“”\"'‘’「」]", "", words)
    w = w.replace("收入、支出", "收支").replace("收、支", "收支").replace("(", "（").replace(")", "）")
    return w


def _subject(lead: str) -> str:
    w = _normalise(lead)
    w = _LEADING.sub("", w)
    w = _BUDGET_WORD.sub("", w)
    w = _TRAILING.sub("", w)
    return _LEADING.sub("", w)


# ---------------------------------------------------------------- the items and their cells


@dataclass(frozen=True)
class Cell:
    """A table cell an item names: this year's figure, and last year's where printed."""

    table: Table
    row: Row
    column: str
    previous: str | None = None  # the same row's 上年 column

    def evidence(self, column: str | None = None) -> Evidence:
        return cell(self.table, self.row, column or self.column)

    def value(self, unit: str, column: str | None = None) -> Decimal | None:
        v = self.row.values.get(column or self.column)
        return None if v is None else convert(v, self.table.unit, unit)


_WHOLE_COLUMNS = ("合计", "小计", "总计", "金额", "预算数", "本年预算数", "预算金额", "当年", "决算数", "本年")


def _clean(label: str) -> str:
    return name_key(strip_ordinal(label.replace(" ", "")))


def _current_columns(t: Table) -> list[str]:
    cols = [c for c in t.columns if c.replace(" ", "") in _WHOLE_COLUMNS]
    return cols or t.columns[:1]


def _previous_column(t: Table) -> str | None:
    cols = [c for c in t.columns if re.match(r"^上年(预算数?|一般公共预算)?$", c.replace(" ", ""))]
    return cols[0] if len(cols) == 1 else None


def _tables(doc: ParsedDocument, *kinds: str) -> list[Table]:
    return [t for t in doc.tables if t.kind in kinds and not t.empty]


def _total_rows(t: Table) -> list[Row]:
    return [r for r in t.rows if r.label.replace(" ", "") in ("合计", "总计", "部门合计")][:1]


def _rows_cells(t: Table, rows: Iterable[Row], columns: list[str] | None = None) -> list[Cell]:
    prev = _previous_column(t)
    return [Cell(t, r, c, prev if prev and _pairs(prev, c) else None)
            for r in rows for c in (columns or _current_columns(t)) if r.values.get(c) is not None]


def _pairs(previous: str, current: str) -> bool:
    """Whether a 上年 column is last year's figure of ``current`` ('上年一般公共预算' of
    '一般公共预算'; '上年预算数' of '预算数' or '合计')."""
    rest = previous.replace(" ", "")[2:]
    cur = current.replace(" ", "")
    return rest == cur or (rest in ("", "预算", "预算数") and cur in ("预算数", "合计", "当年", "本年", "本年预算数"))


def _side_rows(doc: ParsedDocument, kinds: tuple[str, ...], side: str,
               test: Callable[[str], bool]) -> list[Cell]:
    out = []
    for t in _tables(doc, *kinds):
        out += _rows_cells(t, [r for r in t.rows if r.side == side and test(_clean(r.label))])
    return out


def _total_column(doc: ParsedDocument, kinds: tuple[str, ...], test: Callable[[str], bool]) -> list[Cell]:
    out = []
    for t in _tables(doc, *kinds):
        cols = [c for c in t.columns if test(c.replace(" ", ""))]
        if cols:
            out += _rows_cells(t, _total_rows(t), cols[:1])
    return out


def _is(*names: str) -> Callable[[str], bool]:
    return lambda label: label in names


def _like(pattern: str) -> Callable[[str], bool]:
    p = re.compile(pattern)
    return lambda label: bool(p.search(label))


_SUMMARY = ("summary",)
_FISCAL = ("fiscal_summary",)


def _income_total(doc):
    return _side_rows(doc, _SUMMARY, "收入", _is("收入总计", "收入合计", "总计"))


def _income_year(doc):
    return (_side_rows(doc, _SUMMARY, "收入", _like(r"^本年收入(合计)?$"))
            + _total_column(doc, ("income",), _is("合计", "本年收入·合计", "本年收入合计")))


def _expense_total(doc):
    return _side_rows(doc, _SUMMARY, "支出", _is("支出总计", "支出合计", "总计"))


def _expense_year(doc):
    return (_side_rows(doc, _SUMMARY, "支出", _like(r"^本年支出(合计)?$"))
            + _total_column(doc, ("expense",), _is("合计", "总计", "支出总计")))


def _fiscal(side: str):
    return lambda doc: _side_rows(doc, _FISCAL, side, _like(rf"^(本年{side}(合计)?|{side}总计|{side}合计|总计)$"))


def _source_income(source: str):
    """一般公共预算 / 政府性基金 / 国有资本经营 money received this year."""
    col = re.compile(rf"^(?!其中|上年)(?:.*财政拨款.*)?{source}(?:预算)?(?:拨款)?(?:收入)?$")
    return lambda doc: (_total_column(doc, ("income",), lambda c: bool(col.match(c)))
                        + _side_rows(doc, _SUMMARY + _FISCAL, "收入",
                                     lambda lab: bool(re.match(rf"^{source}(预算)?(拨款)?(收入)?$", lab))))


def _source_expense(kind: str, source: str):
    def find(doc):
        out = _total_column(doc, (kind,), _is("合计", "总计"))
        for t in _tables(doc, *_FISCAL):
            cols = [c for c in t.columns if re.match(rf"^{source}", c.replace(" ", ""))]
            rows = [r for r in t.rows if r.side == "支出" and re.match(r"^本年支出(合计)?$", _clean(r.label))]
            out += _rows_cells(t, rows, cols[:1]) if cols else []
        return out
    return find


def _other_income(name: str):
    return lambda doc: (_total_column(doc, ("income",), _is(name))
                        + _side_rows(doc, _SUMMARY, "收入", _is(name)))


def _split(column: str, kinds: tuple[str, ...]):
    return lambda doc: _total_column(doc, kinds, _is(column))


def _economic(column: str):
    def find(doc):
        out = _total_column(doc, ("gp_basic_economic",), _is(column))
        for t in _tables(doc, "gp_basic_economic"):
            if column not in t.columns:
                out += _rows_cells(t, [r for r in t.rows if _clean(r.label) == column])
        return out
    return find


def _three_public_tables(doc) -> list[Table]:
    """"三公"经费 tables whose 合计 is the three items only (not 会议费、培训费 too)."""
    return [t for t in _tables(doc, "three_public") if not re.search(r"会议|培训", t.title)]


def _three_public(test: Callable[[str], bool], total: bool = False):
    def find(doc):
        out = []
        for t in (_three_public_tables(doc) if total else _tables(doc, "three_public")):
            cols = _three_public_columns(t)
            rows = [r for r in t.rows if test(_clean(r.label)) and "其中" not in (r.label2 or "")[:2]]
            if total:
                rows = [r for r in t.rows if r.label.replace(" ", "") == "合计"
                        and (r.label2 is None or "三公" in r.label2)][:1]
            out += _rows_cells(t, rows, cols)
        return out
    return find


def _three_public_columns(t: Table) -> list[str]:
    cols = [c for c in t.columns if c.replace(" ", "") in _WHOLE_COLUMNS or c == "一般公共预算"]
    return cols or t.columns[:1]


def _office_running(doc):
    out = []
    for t in _tables(doc, "office_running"):
        rows = [r for r in t.rows if r.label.replace(" ", "") in ("合计", "机关运行经费")]
        out += _rows_cells(t, rows[:1], _current_columns(t))
    return out


def _purchase(kind: str | None):
    def find(doc):
        out = []
        for t in _tables(doc, "gov_purchase"):
            if kind is None:
                rows = _total_rows(t)
            else:
                rows = [r for r in t.rows if re.match(rf"^(?:[A-C]-?)?{kind}(?:类)?[A-C]?$", _clean(r.label))]
            out += _rows_cells(t, rows[:1], _current_columns(t))
        return out
    return find


def _union(*finders):
    return lambda doc: [c for f in finders for c in f(doc)]


_GP = "一般公共预算"
_FUND = "政府性基金"
_SOE = "国有资本经营"

def _basic_total(doc):
    return _total_column(doc, ("gp_basic_economic",), _is("合计"))


# The budget vocabulary: an item's names (after the words of :func:`_subject` are removed,
# 预算 included) and where its figure is printed. Every name is the whole subject, never a
# part of it; a finder receives the match, for the names that say which column or row.
Finder = Callable[[ParsedDocument, re.Match[str]], list[Cell]]


def _plain(finder) -> Finder:
    return lambda doc, m: finder(doc)


ITEMS: tuple[tuple[re.Pattern[str], Finder], ...] = (
    (re.compile(r"^(?:部门)?收入总计$"), _plain(_income_total)),
    (re.compile(r"^(?:部门)?收入$"), _plain(_union(_income_total, _income_year))),
    (re.compile(r"^本年收入(?:合计)?$|^当年收入$"), _plain(_income_year)),
    (re.compile(r"^(?:部门)?支出总计$"), _plain(_expense_total)),
    (re.compile(r"^(?:部门)?支出$"), _plain(_union(_expense_total, _expense_year))),
    (re.compile(r"^本年支出(?:合计)?$|^当年支出$"), _plain(_expense_year)),
    (re.compile(r"^收支(?:总计|总|合计)?$|^收入支出总计$"),
     _plain(_union(_income_total, _expense_total, _income_year, _expense_year))),
    (re.compile(r"^(?:本年|当年)?财政拨款收入(?:总计|合计)?$"), _plain(_fiscal("收入"))),
    (re.compile(r"^(?:本年|当年)?财政拨款支出(?:总计|合计)?$"), _plain(_fiscal("支出"))),
    (re.compile(r"^财政拨款收支(?:总计|总|合计)?$|^财政拨款收入支出总计$"),
     _plain(_union(_fiscal("收入"), _fiscal("支出")))),
    (re.compile(r"^一般公共预算(?:拨款|财政拨款|当年拨款)?收入$"), _plain(_source_income(_GP))),
    (re.compile(r"^一般公共预算(?:拨款|财政拨款|当年拨款)?支出$"), _plain(_source_expense("gp_expense", _GP))),
    # 一般公共预算当年拨款 is left out: some templates count the carry-over in it, some not.
    (re.compile(r"^政府性基金预算(?:拨款|财政拨款)?收入$"), _plain(_source_income(_FUND))),
    (re.compile(r"^政府性基金预算(?:拨款|财政拨款)?支出$"), _plain(_source_expense("fund_expense", _FUND))),
    (re.compile(r"^国有资本经营预算(?:拨款|财政拨款)?收入$"), _plain(_source_income(_SOE))),
    (re.compile(r"^(事业收入|事业单位经营收入|上级补助收入|附属单位上缴收入|其他收入)$"),
     lambda doc, m: _other_income(m.group(1))(doc)),
    (re.compile(r"^基本支出$"), _plain(_union(_split("基本支出", ("expense", "gp_expense")), _basic_total))),
    (re.compile(r"^项目支出$"), _plain(_split("项目支出", ("expense", "gp_expense")))),
    (re.compile(r"^一般公共预算(?:拨款|财政拨款)?基本支出$"),
     _plain(_union(_split("基本支出", ("gp_expense",)), _basic_total))),
    (re.compile(r"^一般公共预算(?:拨款|财政拨款)?项目支出$"), _plain(_split("项目支出", ("gp_expense",)))),
    (re.compile(r"^(人员经费|公用经费)$"), lambda doc, m: _economic(m.group(1))(doc)),
    (re.compile(r"^(?:一般公共预算)?(?:财政拨款)?(?:安排)?的?三公经费$"),
     _plain(_three_public(lambda lab: False, total=True))),
    (re.compile(r"^因公出国（境）(?:费用?|经费)$"), _plain(_three_public(_is("因公出国（境）费")))),
    (re.compile(r"^公务接待费$"), _plain(_three_public(_is("公务接待费")))),
    (re.compile(r"^公务用车购置及运行(?:维护)?费$"), _plain(_three_public(_is("公务用车购置及运行费")))),
    (re.compile(r"^公务用车购置费$"), _plain(_three_public(_is("公务用车购置费")))),
    (re.compile(r"^公务用车运行(?:维护)?费$"), _plain(_three_public(_like(r"^公务用车运行(维护)?费$")))),
    (re.compile(r"^(?:财政拨款的?)?机关运行经费$"), _plain(_office_running)),
    (re.compile(r"^政府采购(?:总额)?$"), _plain(_purchase(None))),
    (re.compile(r"^政府采购(货物|工程|服务)$"), lambda doc, m: _purchase(m.group(1))(doc)),
)


# ---------------------------------------------------------------- functional classes and codes

_CODE_TABLES = ("expense", "gp_expense", "fund_expense")


def _split_columns(t: Table) -> list[str]:
    """A functional row's 合计, and its 基本支出 and 项目支出: a narrative listing the classes
    of the 项目支出 gives the row's 项目支出."""
    return _current_columns(t) + [c for c in ("基本支出", "项目支出") if c in t.columns]


# The 类 of the 支出功能分类科目 (government expenditure by function), as the MoF names them;
# a table printed without codes names its 类 rows so.
FUNCTION_CLASSES = frozenset((
    "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
    "文化旅游体育与传媒支出", "文化体育与传媒支出", "社会保障和就业支出", "社会保险基金支出",
    "卫生健康支出", "医疗卫生与计划生育支出", "节能环保支出", "城乡社区支出", "农林水支出",
    "交通运输支出", "资源勘探工业信息等支出", "资源勘探信息等支出", "商业服务业等支出", "金融支出",
    "援助其他地区支出", "自然资源海洋气象等支出", "国土海洋气象等支出", "住房保障支出",
    "粮油物资储备支出", "国有资本经营预算支出", "灾害防治及应急管理支出", "预备费", "其他支出",
    "转移性支出", "债务还本支出", "债务付息支出", "债务发行费用支出"))


def _class_cells(doc: ParsedDocument, name: str) -> list[Cell]:
    """A 类 by its name: the 3-digit rows of the code tables (or, in a table printed without
    codes, the row of a 类 name), and the 收支总表 rows of it."""
    out = []
    for t in _tables(doc, *_CODE_TABLES):
        coded = any(r.code for r in t.rows)
        rows = [r for r in t.rows if name_key(r.label) == name
                and (len(r.code or "") == 3 if coded else name in FUNCTION_CLASSES)]
        out += _rows_cells(t, rows[:1] if not coded else rows, _split_columns(t))
    if out:
        out += _side_rows(doc, _SUMMARY + _FISCAL, "支出", _is(name))
    return out


def _code_cells(doc: ParsedDocument, code: str, name: str) -> list[Cell]:
    out = []
    for t in _tables(doc, *_CODE_TABLES):
        out += _rows_cells(t, [r for r in t.rows if r.code == code and name_key(r.label) == name],
                           _split_columns(t))
    return out


def _path_cells(doc: ParsedDocument, names: list[str]) -> list[Cell]:
    """'一般公共服务支出（类）财政事务（款）行政运行（项）': the row under its parents."""
    out = []
    for t in _tables(doc, *_CODE_TABLES):
        found: list[Row] = []
        for parent_len, name in zip((3, 5, 7), names):
            prefix = found[-1].code if found else ""
            rows = [r for r in t.rows if r.code and len(r.code) == parent_len
                    and r.code.startswith(prefix or "") and name_key(r.label) == name]
            if len({r.code for r in rows}) != 1:
                found = []
                break
            found.append(rows[0])
        if found:
            out += _rows_cells(t, [r for r in t.rows if r.code == found[-1].code][:1], _split_columns(t))
    return out


_CODE_FIRST = re.compile(r"^(\d{3}(?:\d{2}){0,2})[-－—.．]?([^\d].*)$")
_CODE_AFTER = re.compile(r"^([^\d].*?)（(\d{3}(?:\d{2}){0,2})）$")
_LEVELS = re.compile(r"（[类款项]）")


def item_cells(doc: ParsedDocument, subject: str) -> list[Cell]:
    """The table cells an amount's subject names, or [] when it names none unambiguously."""
    if not subject:
        return []
    for pattern, finder in ITEMS:
        m = pattern.match(subject)
        if m:
            return finder(doc, m)
    m = _CODE_FIRST.match(subject) or None
    if m:
        return _code_cells(doc, m.group(1), name_key(m.group(2)))
    m = _CODE_AFTER.match(subject)
    if m:
        return _code_cells(doc, m.group(2), name_key(m.group(1)))
    parts = [p for p in _LEVELS.split(subject) if p]
    if len(_LEVELS.findall(subject)) >= 2 and subject.endswith(("（款）", "（项）")) and len(parts) in (2, 3):
        names = [parts[0] if parts[0].endswith("支出") else parts[0] + "支出"] + parts[1:]
        return _path_cells(doc, [name_key(n) for n in names])
    name = re.sub(r"科目$", "", subject)
    name = re.sub(r"（类）支出$|支出（类）$", "支出", name)
    if name.endswith("支出") and not _LEVELS.search(name):
        return _class_cells(doc, name_key(name))
    return []


# ---------------------------------------------------------------- statements


_ORG = re.compile(r"[\u4e00-\u9fa5]{2,}?(?:中心|研究院|研究所|监狱|戒毒所|学校|学院|医院|管理站|馆|大队|支队|分局|"
                  r"管理局|办公室|站)|本级")
# Words that make an amount another year's or another stage's: 年初预算 of a 决算, 上年.
_OTHER_STAGE = re.compile(r"年初|全年预算|调整预算|上年|去年")
# Bare totals ('支出3942.61万元') are the department's only when the sentence says so.
_BARE_TOTAL = re.compile(r"^(?:收入|支出|收支)(?:总计|合计|总)?$")
_OWNER = re.compile(r"\d{4}年|本年度|本部门|本单位|部门|相应安排|我局|我单位")


@dataclass
class Statement:
    """A sentence read: its figures, each amount with the cells it names."""

    sentence: Sentence
    figures: list[Figure]
    cells: dict[int, list[Cell]] = field(default_factory=dict)  # figure index -> cells
    previous: "Statement | None" = None  # the statement printed before it

    def evidence(self, f: Figure) -> Evidence:
        ln = self.sentence.line_at(f.start)
        return Evidence(f.value, f.unit, ln.page, ln.no, text=self.sentence.text)


def _other_unit(doc: ParsedDocument, text: str) -> bool:
    """A sentence about a unit under the department, not the department itself."""
    dept = name_key(doc.department or "")
    return any(name_key(m.group(0)) not in dept for m in _ORG.finditer(text))


def _functional(cells: list[Cell]) -> bool:
    return all(c.table.kind in _CODE_TABLES + _SUMMARY + _FISCAL and not _is_total_cell(c) for c in cells)


def _is_total_cell(c: Cell) -> bool:
    return c.row.label.replace(" ", "") in ("合计", "总计", "部门合计") or c.row.side is not None and "计" in c.row.label


def _appropriation_scope(st: Statement) -> bool:
    """Functional amounts listed under '一般公共预算当年拨款': some templates count the
    carry-over in it, so which table's figures they are is not certain."""
    texts, cur = [], st.sentence
    while cur is not None and len(texts) < 3:
        texts.append(cur.text)
        cur = cur.previous
    return any("当年拨款" in t for t in texts)


def _part_of_unknown(st: Statement, i: int) -> bool:
    """'对个人和家庭的补助(303)100151.38万元，其中：人员经费138.06万元': a 其中 part of an
    amount whose item is not known is a part of that item, not of the department."""
    text = st.sentence.text
    heads = [j for j, f in enumerate(st.figures[:i])
             if f.role in ("amount", "other") and re.match(r"[:：]|[，,]?其中", text[f.end:])]
    return bool(heads) and not st.cells.get(heads[-1])


_UNIT_OPENING = re.compile(r"^(?:[（(]?[一二三四五六七八九十\d]+[）)、.．]?)?(?P<unit>[\u4e00-\u9fa5（）()]{4,40}?)"
                           r"(?:\d{4}年度?)?(?:部门|单位)?(?:预算|收入|支出|收支|$)")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")


def _opens_other_unit(doc: ParsedDocument, s: Sentence) -> bool | None:
    """True for a heading or sentence that opens a unit's own account ('二、深圳市生态环境
    监测站', '深圳市生态环境局福田管理局预算…'); False for one that opens the department's or
    a new part; None otherwise."""
    if _PART.match(s.text):
        return False
    m = _UNIT_OPENING.match(s.text)
    if not m or not (s.heading or m.end() < len(s.text)):
        return None
    unit = m.group("unit")
    if not _ORG.search(unit):
        return False if name_key(doc.department or "-") == name_key(unit) else None
    return _other_unit(doc, unit)


def statements(doc: ParsedDocument) -> list[Statement]:
    """Every sentence with a figure, read; sentences in a unit's own account are left out
    (the tables are the department's)."""
    out: list[Statement] = []
    other_unit = False
    for s in sentences(doc):
        opens = _opens_other_unit(doc, s)
        if opens is not None:
            other_unit = opens
        figs = figures(s, re.sub(r"\s+", "", doc.department or ""))
        if not figs or other_unit:
            continue
        st = Statement(s, figs)
        for i, f in enumerate(figs):
            if f.role != "amount":
                continue
            before = s.text[:f.start]
            lead = s.text[(figs[i - 1].end if i else 0):f.start]
            years = [int(y) for y in re.findall(r"(\d{4})年", lead)]
            if (any(y != doc.year for y in years[-1:]) or _other_unit(doc, before)
                    or _OTHER_STAGE.search(lead) or (doc.kind == "决算" and _BUDGET_WORD.search(lead))
                    or (_BARE_TOTAL.match(f.subject) and not _OWNER.search(lead))
                    or _part_of_unknown(st, i)):
                f.role = "other"
                continue
            st.cells[i] = item_cells(doc, f.subject)
            if st.cells[i] and _functional(st.cells[i]) and _appropriation_scope(st):
                st.cells[i] = []
        out.append(st)
    for before, st in zip([None] + out, out):
        st.previous = before
    return out


# ---------------------------------------------------------------- comparing


def _half(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals) / 2


def _grade(stated: Decimal, expected: Decimal, decimals: int, lo: Decimal | None = None,
           hi: Decimal | None = None, slack: Decimal = Decimal(0)) -> str:
    """ok when ``stated`` is ``expected`` printed to its decimals (or inside [lo, hi], the
    range the rounded inputs allow); rounding within one unit of its last digit; else error."""
    lo = expected if lo is None else lo
    hi = expected if hi is None else hi
    half = _half(decimals)
    if lo - half <= stated <= hi + half:
        return "ok"
    if lo - 3 * half - slack <= stated <= hi + 3 * half + slack:
        return "rounding"
    return "error"


_RANK = {"ok": 0, "rounding": 1, "error": 2}


def best_cell(st: Statement, i: int) -> tuple[str, Decimal, Cell] | None:
    """The cell an amount is compared with: the one that agrees best."""
    f = st.figures[i]
    graded = []
    for c in st.cells.get(i, []):
        v = c.value(f.unit)
        if v is not None:
            sev = _grade(f.value, v, f.decimals, slack=tolerance(f.unit))
            graded.append((_RANK[sev], abs(v - f.value), sev, v, c))
    if not graded:
        return None
    _, _, sev, v, c = min(graded, key=lambda g: (g[0], g[1]))
    return sev, v, c


def _amount_values(st: Statement, i: int, unit: str) -> list[tuple[Decimal, Evidence]]:
    """An amount as stated and as tabulated (the cell it is compared with)."""
    f = st.figures[i]
    out = [(convert(f.value, f.unit, unit), st.evidence(f))]
    best = best_cell(st, i)
    if best is not None:
        v = best[2].value(unit)
        if v is not None:
            out.append((v, best[2].evidence()))
    return out


def _fmt(v: Decimal) -> str:
    return f"{v.normalize():f}" if v == v.to_integral_value() else f"{v:.2f}"


# ---------------------------------------------------------------- rules


def _has_narrative(doc: ParsedDocument) -> bool:
    return bool(doc.lines) and bool(doc.tables)


@rule("narrative_amount", "文字与表", "情况说明所述金额 = 表中所指项目的本年数（元、万元、亿元换算）",
      _has_narrative)
def check_amounts(doc: ParsedDocument) -> Iterator[Finding]:
    for st in statements(doc):
        for i, f in enumerate(st.figures):
            cells = st.cells.get(i) or []
            if f.role != "amount" or not cells:
                continue
            best = best_cell(st, i)
            if best is None:
                continue
            sev, v, c = best
            where = f"{c.table.title}「{c.row.label}」{c.column}"
            if sev == "ok":
                msg = f"情况说明「{f.subject}」{_fmt(f.value)}{f.unit}，与{where}一致"
            elif sev == "rounding":
                msg = f"情况说明「{f.subject}」{_fmt(f.value)}{f.unit}，{where}为 {v}{f.unit}（四舍五入差异）"
            else:
                msg = f"情况说明「{f.subject}」{_fmt(f.value)}{f.unit}，但{where}为 {v}{f.unit}，相差 {f.value - v}{f.unit}"
            yield Finding("narrative_amount", sev, msg, [st.evidence(f), c.evidence()], v, f.value)


def _block(st: Statement) -> list[Statement]:
    """This statement and the few before it (a total is often stated above the heading of
    its breakdown), nearest first."""
    out, cur = [], st
    while cur is not None and len(out) < 6:
        out.append(cur)
        cur = cur.previous
    return out


def _whole_candidates(st: Statement, k: int, part: Decimal, unit: str) -> list[tuple[Decimal, Evidence]]:
    """What an implicit share ('…600万元，占70.06%') is a share of: an amount stated before it
    under the same heading, at least as large as the part, as stated or as tabulated."""
    out = []
    for n, other in enumerate(_block(st)):
        for j, f in enumerate(other.figures):
            if f.role not in ("amount", "other") or f.unit == "%" or (n == 0 and j >= k):
                continue
            for v, e in _amount_values(other, j, unit):
                if v >= part and v > 0:
                    out.append((v, e))
    return out


def _named_whole(doc: ParsedDocument, st: Statement, k: int, whole: str, unit: str
                 ) -> list[tuple[Decimal, Evidence]]:
    """An explicit whole ('占本年支出合计的99.86%'): its amount stated under the same heading,
    or its table cell."""
    subject = _subject(whole)
    out = []
    for n, other in enumerate(_block(st)):
        for j, f in enumerate(other.figures):
            if f.role == "amount" and f.subject == subject and not (n == 0 and j >= k):
                out += _amount_values(other, j, unit)
    for c in item_cells(doc, subject) if subject else []:
        v = c.value(unit)
        if v is not None:
            out.append((v, c.evidence()))
    return out


def _share_range(part: Decimal, pd: int, whole: Decimal, wd: int) -> tuple[Decimal, Decimal]:
    """The share the printed (rounded) part and whole allow, in %."""
    hp, hw = _half(pd), _half(wd)
    lo = max(part - hp, Decimal(0)) / (whole + hw) * 100
    hi = (part + hp) / max(whole - hw, Decimal("1e-9")) * 100
    return lo, hi


@rule("narrative_share", "文字与表", "情况说明所述占比（占…的X%）= 该项金额 ÷ 总额（所述或表中）", _has_narrative)
def check_shares(doc: ParsedDocument) -> Iterator[Finding]:
    for st in statements(doc):
        for k, f in enumerate(st.figures):
            if f.role != "share" or k == 0 or st.figures[k - 1].role != "amount":
                continue
            part_fig = st.figures[k - 1]
            if not part_fig.subject:
                continue
            unit = part_fig.unit
            parts = _amount_values(st, k - 1, unit)
            wholes = (_named_whole(doc, st, k - 1, f.whole, unit) if f.whole
                      else _whole_candidates(st, k - 1, parts[0][0], unit))
            if not wholes:
                continue
            best = None
            for pv, pe in parts:
                for wv, we in wholes:
                    if wv <= 0:
                        continue
                    lo, hi = _share_range(pv, part_fig.decimals, wv, 2)
                    share = pv / wv * 100
                    sev = _grade(f.value, share, f.decimals, lo, hi, slack=_RATE_SLACK)
                    key = (_RANK[sev], abs(share - f.value))
                    if best is None or key < best[0]:
                        best = (key, sev, share, pv, pe, wv, we)
            if best is None:
                continue
            _, sev, share, pv, pe, wv, we = best
            of = f"「{f.whole}」" if f.whole else "总额"
            text = (f"情况说明「{part_fig.subject}」{_fmt(pv)}{unit}占{of} {_fmt(wv)}{unit} 的 {f.value}%"
                    f"：按金额计算为 {share:.2f}%")
            msg = text + {"ok": "，一致", "rounding": "（四舍五入差异）", "error": "，与所述不符"}[sev]
            figs = [st.evidence(f), pe, we]
            yield Finding("narrative_share", sev, msg, _unique(figs), share.quantize(Decimal("0.01")), f.value)


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    out: list[Evidence] = []
    for e in evidence:
        if e not in out:
            out.append(e)
    return out


# ---------------------------------------------------------------- year-on-year changes


_LEVEL = re.compile(r"(?:与|和|同|较|比)(?:上年|上一年|去年|\d{4}年)(?:度)?(?:年初)?(?:预算)?(?:数)?(?:相比)?"
                    r"(?:基本)?(?P<word>持平|相同|一致|不变)")
_NOT_BUDGET_BASE = re.compile(r"执行|决算|实际")  # 比上年执行数: not the 上年预算 a table prints


@dataclass
class Change:
    """A stated change of one amount: 增减额 and/or 增减率 (or 持平), with its base."""

    st: Statement
    base: int | None  # index of the amount it is the change of (same sentence), if any
    delta: Figure | None
    pct: Figure | None
    level: re.Match[str] | None = None  # 与上年持平
    previous: Figure | None = None  # 比2025年预算数X万元: the base year's amount, stated

    @property
    def figures(self) -> list[Figure]:
        return [f for f in (self.delta, self.pct) if f is not None]


def _apart(st: Statement, start: int, end: int) -> bool:
    """Two places of a sentence in different clause groups (a ； or a numbered item between)."""
    between = st.sentence.text[start:end]
    return bool(re.search(r"[；;]|[（(]\d{1,2}[）)]", between))


def changes(st: Statement) -> list[Change]:
    out: list[Change] = []
    figs = st.figures
    k = 0
    while k < len(figs):
        f = figs[k]
        if f.role in ("delta", "pct"):
            delta = f if f.role == "delta" else None
            pct = f if f.role == "pct" else (figs[k + 1] if k + 1 < len(figs) and figs[k + 1].role == "pct" else None)
            base = next((j for j in range(k - 1, -1, -1) if figs[j].role in ("amount", "other")
                         and figs[j].unit != "%"), None)
            if base is not None and _apart(st, figs[base].end, f.start):
                base = None  # '…；（8）…增加29.23万元': the change of something not in this sentence
            prev = next((figs[j] for j in range(k - 1, -1, -1) if figs[j].role == "previous"), None)
            if prev is not None and base is not None and prev.start < figs[base].start:
                prev = None
            out.append(Change(st, base, delta, pct, previous=prev))
            k += 2 if (delta is not None and pct is not None) else 1
            continue
        k += 1
    for m in _LEVEL.finditer(st.sentence.text):
        base = next((j for j in range(len(figs) - 1, -1, -1) if figs[j].end <= m.start()), None)
        following = [f for f in figs if f.start > m.end() - 12 and f.role in ("delta", "pct")]
        if (base is not None and figs[base].role == "amount" and not following
                and not _apart(st, figs[base].end, m.start())):
            out.append(Change(st, base, None, None, level=m))
    return out


def _base_values(ch: Change, unit: str) -> list[tuple[Decimal, Evidence]]:
    """What a change may be the change of, as stated or tabulated: the amounts before it in
    its clause group, or, for a sentence that opens with the change ('与上年相比增加…'), the
    amounts of the two statements before (a total, then its 其中 parts)."""
    st = ch.st
    out: list[tuple[Decimal, Evidence]] = []
    if ch.base is not None:
        if st.figures[ch.base].role == "other":
            return []  # another year's or unit's amount: its change is not checked
        for j in range(ch.base, -1, -1):
            f = st.figures[j]
            if f.role == "amount" and not _apart(st, f.end, ch.figures[0].start):
                out += _amount_values(st, j, unit)
        return out
    opening = st.sentence.text[:ch.figures[0].start] if ch.figures else ""
    if re.match(r"^(?:与|和|同|较|比)(?:上年|上一年|\d{4}年)", opening):
        before = st.previous
        for _ in range(2):
            if before is None:
                break
            for j, f in enumerate(before.figures):
                if f.role in ("amount", "other") and f.unit != "%":  # '上年结转0万元。与上年相比减少…'
                    out += _amount_values(before, j, unit)
            before = before.previous
    return out


def _table_years(ch: Change) -> tuple[Decimal, Decimal, Cell] | None:
    """This year's and last year's figure of the changed amount, where its table prints both
    (and the sentence compares with last year's budget, as the table does)."""
    if ch.base is None or _NOT_BUDGET_BASE.search(ch.st.sentence.text):
        return None
    best = best_cell(ch.st, ch.base)
    if best is None or best[0] == "error" or best[2].previous is None:
        return None
    c = best[2]
    unit = ch.st.figures[ch.base].unit
    cur, prev = c.value(unit), c.value(unit, c.previous)
    if cur is None or prev is None:
        return None
    return cur, prev, c


_RATE_SLACK = Decimal("0.05")  # percentage points: a rate a few hundredths off is a slip, not a contradiction


def _pct_grade(stated: Figure, delta: Decimal, base: Decimal, decimals: int) -> tuple[str, Decimal]:
    """A stated rate (magnitude) against delta ÷ base, allowing for the amounts' rounding."""
    hd, hb = _half(decimals), _half(decimals)
    rate = abs(delta) / base * 100
    lo = max(abs(delta) - hd, Decimal(0)) / (base + hb) * 100
    hi = (abs(delta) + hd) / max(base - hb, Decimal("1e-9")) * 100
    return _grade(stated.value, rate, stated.decimals, lo, hi, slack=_RATE_SLACK), rate


def _word(f: Figure) -> str:
    return f.word or ("增加" if f.sign > 0 else "减少")


@rule("narrative_direction", "文字与表",
      "情况说明的增减用词（增加/增长/减少/下降/持平、大于/小于/等于）与数字的正负一致", _has_narrative)
def check_directions(doc: ParsedDocument) -> Iterator[Finding]:
    for st in statements(doc):
        for ch in changes(st):
            yield from _direction(st, ch)


def _direction(st: Statement, ch: Change) -> Iterator[Finding]:
    if ch.delta is not None and ch.pct is not None and ch.delta.sign != ch.pct.sign and (ch.delta.value or ch.pct.value):
        yield Finding("narrative_direction", "error",
                      f"情况说明同一变动先说「{_word(ch.delta)}」{_fmt(ch.delta.value)}{ch.delta.unit}，"
                      f"又说「{_word(ch.pct)}」{ch.pct.value}%，增减方向自相矛盾",
                      [st.evidence(ch.delta), st.evidence(ch.pct)])
        return
    years = _years(ch)
    if years is None:
        return
    cur, prev, evidence = years
    diff = cur - prev
    unit = st.figures[ch.base].unit if ch.base is not None else "万元"
    said = ch.figures[0] if ch.figures else None
    if ch.level is not None:
        word, sign_said = ch.level.group("word"), 0
    elif said is not None and said.value != 0:
        word, sign_said = _word(said), said.sign
    else:
        return
    tol = tolerance(unit)
    sign_is = 0 if abs(diff) <= tol else (1 if diff > 0 else -1)
    ok = sign_is == sign_said
    what = f"本年 {_fmt(cur)}{unit}、上年 {_fmt(prev)}{unit}"
    figs = ([st.evidence(said)] if said is not None else [st.evidence(st.figures[ch.base])]) + evidence
    if ok:
        yield Finding("narrative_direction", "ok", f"情况说明称「{word}」，{what}，方向一致", figs, diff, None)
    else:
        yield Finding("narrative_direction", "error",
                      f"情况说明称「{word}」，但{what}，实际{'增加' if diff > 0 else ('减少' if diff < 0 else '持平')}"
                      f" {_fmt(abs(diff))}{unit}", figs, diff, None)


def _years(ch: Change) -> tuple[Decimal, Decimal, list[Evidence]] | None:
    """This year's and last year's amount of a change: stated in the sentence (比2025年预算数
    X万元) or printed in the table's 上年 column."""
    if ch.base is None or ch.st.figures[ch.base].role != "amount":
        return None
    base = ch.st.figures[ch.base]
    if ch.previous is not None:
        prev = convert(ch.previous.value, ch.previous.unit, base.unit)
        return base.value, prev, [ch.st.evidence(base), ch.st.evidence(ch.previous)]
    found = _table_years(ch)
    if found is None:
        return None
    cur, prev, c = found
    return cur, prev, [c.evidence(), c.evidence(c.previous)]


@rule("narrative_change", "文字与表",
      "情况说明的比上年增减额、增减率 = 由两年金额（所述或表中）算出的变动", _has_narrative)
def check_changes(doc: ParsedDocument) -> Iterator[Finding]:
    for st in statements(doc):
        for ch in changes(st):
            if ch.level is not None or not ch.figures:
                continue
            if ch.delta is not None and ch.pct is not None and ch.delta.sign != ch.pct.sign:
                continue  # narrative_direction reports it
            finding = _change_by_years(ch) or _change_by_rate(ch)
            if finding is not None:
                yield finding


def _change_by_years(ch: Change) -> Finding | None:
    """增减额 and 增减率 against last year's amount, stated or tabulated."""
    years = _years(ch)
    if years is None:
        return None
    cur, prev, evidence = years
    st, unit = ch.st, ch.st.figures[ch.base].unit
    diff = cur - prev
    grades = []
    if ch.delta is not None:
        d = convert(ch.delta.value, ch.delta.unit, unit)
        grades.append((_grade(d, abs(diff), ch.delta.decimals, slack=tolerance(unit)), ch.delta,
                       f"增减额 {_fmt(abs(diff))}{unit}"))
    if ch.pct is not None and prev > 0:
        sev, rate = _pct_grade(ch.pct, diff, prev, 2)
        grades.append((sev, ch.pct, f"增减率 {rate:.2f}%"))
    if not grades:
        return None
    sev = max((g[0] for g in grades), key=_RANK.get)
    said = "，".join(f"{_word(f)} {_fmt(f.value)}{f.unit}" for f in ch.figures)
    computed = "，".join(g[2] for g in grades)
    msg = (f"情况说明称比上年{said}；按本年 {_fmt(cur)}{unit}、上年 {_fmt(prev)}{unit} 计算为{computed}"
           + {"ok": "，一致", "rounding": "（四舍五入差异）", "error": "，不符"}[sev])
    return Finding("narrative_change", sev, msg, [st.evidence(f) for f in ch.figures] + evidence,
                   abs(diff), convert(ch.delta.value, ch.delta.unit, unit) if ch.delta else None)


def _change_by_rate(ch: Change) -> Finding | None:
    """增减额 with 增减率 and no printed base year: the rate must be the 增减额 over
    (本年 − 增减额), for some reading of the amount changed."""
    if ch.delta is None or ch.pct is None:
        return None
    unit = ch.delta.unit
    if unit == "%":
        return None
    if (ch.base is not None and not ch.st.cells.get(ch.base)
            and re.search(r"[（(]\d{1,2}[）)]", ch.st.sentence.text[:ch.delta.start])):
        return None  # a change after a numbered list of unknown items: whose, is not certain
    signed = ch.delta.value * ch.delta.sign
    best = None
    for value, e in _base_values(ch, unit):
        base = value - signed
        if base <= 0:
            continue
        sev, rate = _pct_grade(ch.pct, signed, base, ch.delta.decimals)
        key = (_RANK[sev], abs(rate - ch.pct.value))
        if best is None or key < best[0]:
            best = (key, sev, rate, value, e, base)
    if best is None:
        return None
    _, sev, rate, value, e, base = best
    msg = (f"情况说明称比上年{_word(ch.delta)} {_fmt(ch.delta.value)}{unit}、{_word(ch.pct)} {ch.pct.value}%；"
           f"按本年 {_fmt(value)}{unit}、上年 {_fmt(base)}{unit} 计算，增减率为 {rate:.2f}%"
           + {"ok": "，一致", "rounding": "（四舍五入差异）", "error": "，不符"}[sev])
    return Finding("narrative_change", sev, msg, _unique([ch.st.evidence(ch.delta), ch.st.evidence(ch.pct), e]),
                   rate.quantize(Decimal("0.01")), ch.pct.value)
