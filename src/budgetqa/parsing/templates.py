"""Template descriptions: which tables a disclosure family prints and how to recognise them.

A template is data, not code: table title patterns mapped to canonical kinds, with the few
facts the shared reader needs (two-sided layout, code column, ledger pairs). A new province
is a new description; :mod:`budgetqa.parsing.tables` reads every one of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class TableSpec:
    """How to recognise one standard table and what it means."""

    kind: str
    name: str  # the short name people use, e.g. '预算支出总表'
    title: re.Pattern[str]
    two_sided: bool = False  # 收入 on the left, 支出 on the right
    description: str = ""


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# Order matters: the first matching spec wins, so the specific titles come first.
STANDARD_TABLES: tuple[TableSpec, ...] = (
    TableSpec("fiscal_summary", "财政拨款收支总表", _p(r"财政拨款收(入)?支(出)?(预算|决算)?总表"), True,
              "财政拨款（一般公共预算、政府性基金、国有资本经营）的收入与支出"),
    TableSpec("summary", "预算收支总表", _p(r"(部门)?(财务)?收(入)?支(出)?(预算|决算)?总表"), True,
              "部门全部收入与按功能分类的全部支出"),
    TableSpec("income", "预算收入总表", _p(r"收入(预算|决算)?总表|(^|[、\s年度表])收入(预算|决算)表"), False,
              "按科目与来源的收入"),
    TableSpec("expense", "预算支出总表", _p(r"支出(预算|决算)?总表|(^|[、\s年度表])支出(预算|决算)表"), False,
              "按功能分类科目的支出，分基本支出与项目支出"),
    TableSpec("gp_basic_economic", "一般公共预算基本支出分经济科目表",
              _p(r"基本支出.*(经济(科目|分类)|表)"), False, "基本支出按经济分类，分人员经费与公用经费"),
    TableSpec("fund_income", "政府性基金预算收入表", _p(r"政府性基金.*收入"), False, ""),
    TableSpec("fund_expense", "政府性基金预算支出表", _p(r"政府性基金.*支出"), False, ""),
    TableSpec("soe", "国有资本经营预算收支预算表", _p(r"国有资本经营.*(收支|支出|收入)"), True, ""),
    TableSpec("three_public", "“三公”经费支出预算表", _p(r"三公.{0,2}经费"), False,
              "因公出国（境）费、公务接待费、公务用车购置及运行费"),
    TableSpec("office_running", "机关运行经费预算表", _p(r"机关运行经费"), False,
              "行政单位的公用经费"),
    TableSpec("project_carryover", "项目支出预算表（上年结转）", _p(r"项目支出.*(上年结转)"), False, ""),
    TableSpec("project", "项目支出预算表", _p(r"项目支出(预算|绩效)?.{0,6}表"), False,
              "每个项目的预算"),
    TableSpec("gp_expense", "一般公共预算支出预算表", _p(r"一般公共预算.*支出.*表"), False,
              "一般公共预算按功能分类的支出"),
    TableSpec("gov_purchase", "政府采购预算表", _p(r"政府采购.*表"), False, ""),
)

SPEC_BY_KIND = {s.kind: s for s in STANDARD_TABLES}

# A table title is short, names a 表, and is not a form or a TOC line.
_TITLE_SHAPE = re.compile(r"表(（[^）]{0,12}）|\([^)]{0,12}\))?\s*$")


def match_table_title(text: str) -> TableSpec | None:
    """The spec whose title this line is, or None. ``text`` is one plain line."""
    t = text.strip().replace(" ", "")
    if not t or len(t) > 60 or "..." in t or "…" in t or "\t" in text.strip():
        return None
    if "绩效目标" in t or not _TITLE_SHAPE.search(t):
        return None
    if t.startswith(("注", "见", "单位")):
        return None
    for spec in STANDARD_TABLES:
        if spec.title.search(t):
            return spec
    return None


# Words that only appear in header cells.
HEADER_WORD = re.compile(
    r"项目|科目|编码|名称|合计|小计|金额|预算|决算|收入|支出|拨款|资金|结转|结余|经费|基本|本年|上年|年初|调整|"
    r"一般公共|政府性基金|国有资本|财政专户|单位|^\d{4}年?"
)

# Labels of a table's own total row.
TOTAL_LABELS = frozenset({"合计", "总计", "部门合计"})
