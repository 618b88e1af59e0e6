"""Descriptions of PDF disclosure templates: printed table titles -> canonical kinds, what each
header column means, how codes, units, headings and narrative statements are printed.

This is data only. :mod:`budgetqa.parsing.pdf` reads any template described here, so another
province's PDFs need a new ``PdfTemplate`` value, not new reading code.

    >>> SHANGHAI_DISTRICT.layout_for("2024年部门一般公共预算支出功能分类预算表").kind
    'gp_expense'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

NUM = r"\d[\d,]*(?:\.\d+)?"  # a printed amount: 1,202.95 / 25 / 0.00


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("NUM", NUM))


@dataclass(frozen=True)
class PdfTableLayout:
    """One table of a template.

    ``shape`` says how rows are read:

    * ``'coded'``: subject code split over ``code_columns`` (e.g. 类/款/项), a name column
      (one of ``label_columns``) and amount columns; one Row per printed row.
    * ``'two_sided'``: a 收入 half and a 支出 half side by side; ``sides`` maps the top header of
      each half to the Row.side it produces; each half has a ``label_columns`` column.
    * ``'single_row'``: a header over one row of figures; ``cells`` maps each header to the
      (table kind, row label) it becomes, so one printed table may yield several Tables, each
      with the single column ``value_column``.

    Headers are keyed by their normalised path from the top header row down, joined with '/';
    ``columns`` and ``cells`` are looked up with the longest matching suffix of that path, so
    '公务用车购置及运行费/小计' and '小计' are both valid keys. An unmapped amount column keeps
    its (normalised) lowest header as its name.
    """

    kind: str
    title: re.Pattern[str]
    shape: str = "coded"
    code_columns: tuple[str, ...] = ()
    label_columns: tuple[str, ...] = ()
    columns: Mapping[str, str] = field(default_factory=dict)
    sides: Mapping[str, str] = field(default_factory=dict)
    cells: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    value_column: str = "合计"


@dataclass(frozen=True)
class FactPattern:
    """A narrative statement that yields one figure.

    ``pattern`` has a ``value`` group (optional when it has a ``dir`` group that can read
    持平, which means zero) and optionally ``dir`` (增加/增长 positive, 减少/下降 negative) and
    ``subject`` (otherwise the subject comes from the enclosing statement).
    """

    measure: str
    pattern: re.Pattern[str]
    unit: str = "万元"


@dataclass(frozen=True)
class PdfTemplate:
    """Everything template-specific about one family of PDF disclosures."""

    name: str
    # Cover page: groups year, scope (部门/单位), kind (预算/决算).
    cover: re.Pattern[str]
    # Lines naming the department; group ``dept``. Tried in order.
    department: tuple[re.Pattern[str], ...]
    # The unit line above each table; group ``unit``.
    unit: re.Pattern[str]
    # Digits of each split code column (类 3, 款 2, 项 2); shorter printed parts are zero-padded.
    code_widths: tuple[int, ...]
    tables: tuple[PdfTableLayout, ...]
    # Narrative: top-level headings (each starts a section tree), headings to skip with their
    # body, numbered subheadings, notes under tables.
    headings: tuple[re.Pattern[str], ...]
    skip_headings: tuple[re.Pattern[str], ...]
    subheading: re.Pattern[str]
    definitions_heading: re.Pattern[str]
    definition_item: re.Pattern[str]  # groups term, text
    table_note: re.Pattern[str]
    # Per-item statements of the 编制说明: group ``path`` (the quoted subject) and ``amount``;
    # ``item_path_split`` cuts the path into 类/款/项 names; ``item_facts`` read the rest, up
    # to ``item_reason``.
    item_statement: re.Pattern[str]
    item_path_split: re.Pattern[str]
    item_facts: tuple[FactPattern, ...]
    item_reason: re.Pattern[str]  # where the stated reason starts; no figures read after it
    # Statements anywhere in the narrative: "X 47.91万元，比2023年预算增加25万元".
    comparisons: tuple[re.Pattern[str], ...]  # groups subject, value, dir, delta
    statements: tuple[FactPattern, ...]
    # Prefixes and suffixes stripped from a subject read out of prose.
    subject_noise: re.Pattern[str]

    def layout_for(self, title: str) -> PdfTableLayout | None:
        """The table layout whose title pattern matches this printed title, or None."""
        t = normalise_header(title)
        for layout in self.tables:
            if layout.title.search(t):
                return layout
        return None


_FULLWIDTH = str.maketrans({"(": "（", ")": "）", '"': "“", ":": "："})


def normalise_header(text: str | None) -> str:
    """A header or title as the template keys it: no spaces or line breaks, no leading year,
    full-width brackets. '2024年机关运行经\\n费预算数' -> '机关运行经费预算数'."""
    t = re.sub(r"\s+", "", text or "").translate(_FULLWIDTH)
    return re.sub(r"^\d{4}年度?", "", t)


# ---------------------------------------------------------------- Shanghai district template

_FUNCTION_CODE = ("类", "款", "项")
_FUNCTION_NAME = ("功能分类科目名称",)

SHANGHAI_DISTRICT = PdfTemplate(
    name="shanghai-district",
    cover=_p(r"(?P<year>20\d{2})年.{0,6}?(?P<scope>部门|单位)(?P<kind>预算|决算)"),
    department=(
        _p(r"^预算主管部门[：:]\s*(?P<dept>\S+)"),
        _p(r"^预算单位[：:]\s*(?P<dept>\S+)"),
        _p(r"^编制(?:部门|单位)[：:]\s*(?P<dept>\S+?)\s+单位[：:]"),
    ),
    unit=_p(r"单位[：:]\s*(?P<unit>万元|亿元|元)"),
    code_widths=(3, 2, 2),
    tables=(
        # Specific titles first: the first match wins.
        PdfTableLayout(
            "fiscal_summary", _p(r"财政拨款收支预算总表"), "two_sided",
            label_columns=("项目",),
            sides={"财政拨款收入": "收入", "财政拨款支出": "支出"},
        ),
        PdfTableLayout(
            "summary", _p(r"(财务)?收支预算总表"), "two_sided",
            label_columns=("项目",),
            sides={"本年收入": "收入", "本年支出": "支出"},
        ),
        PdfTableLayout(
            "income", _p(r"收入预算总表"),
            code_columns=_FUNCTION_CODE, label_columns=_FUNCTION_NAME,
        ),
        PdfTableLayout(
            "expense", _p(r"支出预算总表"),
            code_columns=_FUNCTION_CODE, label_columns=_FUNCTION_NAME,
        ),
        PdfTableLayout(
            "gp_basic_economic", _p(r"一般公共预算基本支出.*经济分类"),
            code_columns=("类", "款"), label_columns=("经济分类科目名称",),
        ),
        PdfTableLayout(
            "gp_expense", _p(r"一般公共预算支出功能分类"),
            code_columns=_FUNCTION_CODE, label_columns=_FUNCTION_NAME,
        ),
        PdfTableLayout(
            "fund_expense", _p(r"政府性基金预算支出"),
            code_columns=_FUNCTION_CODE, label_columns=_FUNCTION_NAME,
        ),
        PdfTableLayout(
            "soe", _p(r"国有资本经营预算支出"),
            code_columns=_FUNCTION_CODE, label_columns=_FUNCTION_NAME,
        ),
        # One printed table, two canonical ones: "三公" parts become rows of 'three_public'
        # (as the seed prints them), 机关运行经费 the single row of 'office_running'.
        PdfTableLayout(
            "three_public", _p(r"“三公”经费和机关运行经费"), "single_row",
            cells={
                "“三公”经费预算数/合计": ("three_public", "合计"),
                "因公出国（境）费": ("three_public", "因公出国（境）费"),
                "公务接待费": ("three_public", "公务接待费"),
                "公务用车购置及运行费/小计": ("three_public", "公务用车购置及运行费"),
                "公务用车购置及运行费/购置费": ("three_public", "公务用车购置费"),
                "公务用车购置及运行费/运行费": ("three_public", "公务用车运行费"),
                "机关运行经费预算数": ("office_running", "机关运行经费"),
            },
        ),
    ),
    headings=(
        _p(r"主要职能$"),
        _p(r"机构设置$"),
        _p(r"^名词解释$"),
        _p(r"预算编制说明$"),
        _p(r"^其他相关情况说明$"),
        _p(r"项目经费情况说明$"),
    ),
    skip_headings=(_p(r"^目录$"),),
    subheading=_p(r"^[一二三四五六七八九十]+、[^，。；…]{1,30}$"),
    definitions_heading=_p(r"^名词解释$"),
    definition_item=_p(r"^（[一二三四五六七八九十]+）(?P<term>[^：:（]{1,20})[：:](?P<text>.*)$"),
    table_note=_p(r"^注[：:]"),
    item_statement=_p(
        r"(?:^|(?<=[。\n]))\s*\d{1,3}[.．、]\s*[“\"](?P<path>[^”\"]{2,80})[”\"](?:科目)?"
        r"(?P<amount>NUM)万元"
    ),
    item_path_split=_p(r"（[类款项]）|-"),
    item_facts=(
        FactPattern("上年执行数", _p(r"\d{4}年(?:当年)?(?:预算)?执行数为(?P<value>NUM)万元")),
        FactPattern("本年预算", _p(r"\d{4}年预算(?:安排|为)(?P<value>NUM)万元")),
        FactPattern("增减额", _p(r"比\d{4}年(?:预算)?执行数(?P<dir>增加|减少)(?P<value>NUM)万元")),
        FactPattern("增减额", _p(r"比\d{4}年(?:预算)?执行数(?P<dir>持平)")),
        FactPattern("增减%", _p(
            r"比\d{4}年(?:预算)?执行数(?:(?:增加|减少)NUM万元[，,]?)?"
            r"(?P<dir>增加|减少|增长|下降)(?P<value>NUM)%"), "%"),
        FactPattern("增减%", _p(r"比\d{4}年(?:预算)?执行数(?P<dir>持平)"), "%"),
    ),
    item_reason=_p(r"主要原因"),
    comparisons=(
        _p(r"(?P<subject>[^，。；：:\d\n]{2,40}?)(?:预算数)?为?(?P<value>NUM)万元[，,。]?"
           r"(?:比|与)\d{4}年预算(?P<dir>增加|减少|持平)(?:(?P<delta>NUM)万元)?"),
    ),
    statements=(
        FactPattern("本年预算", _p(r"(?P<subject>机关运行经费)预算(?:数)?为(?P<value>NUM)万元")),
        FactPattern("本年预算", _p(r"(?P<subject>政府采购(?:货物|工程|服务)?预算)(?P<value>NUM)万元")),
    ),
    subject_noise=_p(r"^(?:年|其中|（[一二三四五六七八九十]+）|\d+[.．、])+|(?:预算数为|预算数|预算|为)+$"),
)

TEMPLATES: tuple[PdfTemplate, ...] = (SHANGHAI_DISTRICT,)
