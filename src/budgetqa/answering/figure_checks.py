"""Why an exact figure would not answer the question it was found for: each check a small named
unit with the reason the route gives when it fails, tried in the order of :data:`FIGURE_CHECKS`.

The route (:mod:`budgetqa.answering.routing`) reads the exact answer's figures against the
question once the document's tables gave one; the first check that fails decides: a refusal
with its reason, or ``"retrieve"`` (the narrative may state the figure). To add a check, write
its test over a :class:`Found` and put it where it belongs in the table.

>>> found = Found("年初结转和结余是多少", exact)   # exact: a figure named 年末结转和结余
>>> first_failing(found).name, first_failing(found).reason
('start_for_end', 'opposite')
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from ..model import Answer, convert
from ..parsing.pdf_tables import UNIT_OF_ROW
from .catalogue import Match, _lcs_positions, clean_name
from .cells import ABSENCE_LABELS
from .lookup import OWN_LEVEL_LEFT_OUT, CITED_TABLE, GENERAL_WORDS, table_named
from .mentions import ORG_END, covers, names_no_body, org_mentions, org_names
from .router import COUNT_NOUNS, LEAVE_OUT, MONEY_WORDS, PERCENT_WORDS, asked_per

# The DocumentAnswerer of engine.py (its tables, catalogue and column words).
Answerer = Any


@dataclass(frozen=True)
class Found:
    """An exact answer and what it was found from: the question (as normalised and scoped), the
    document's answerer, the confident matches and all matches of the question."""

    question: str
    exact: Answer
    answerer: Answerer = None
    matches: Sequence[Match] = ()
    all_matches: Sequence[Match] = ()
    answer_type: str | None = None  # what the question expects (money, percent, count…)
    quoted: tuple | None = None  # an amount the question quotes for the item ("97.84万元换算成元")


@dataclass(frozen=True)
class FigureCheck:
    """One reason a figure would not answer: when it ``fails``, the route gives ``reason`` (a
    refusal's key, or ``"retrieve"``)."""

    name: str
    reason: str
    fails: Callable[[Found], bool]


# A 科目编码 as questions write it: 类 (3 digits), 款 (5), 项 (7) of the functional (2…), the
# 部门 economic (3…) or the 政府 economic (5…) classification; not a year, an amount or a count.
SUBJECT_CODE = re.compile(r"(?<![\d.])(?<!\d,)([235]\d{2}(?:\d{2}){0,2})(?![\d.,]|\s*(?:年|万|元|亿|%|个|人|项|台|辆|件|家|"
                          r"次|套|平方|米|公里|条|名|户|天|日|小时|座|所|份|篇|期|批|场|张|册|吨|亩|床|位|分))")


def _unknown_code(q: str, ans: Answerer) -> bool:
    """The question names a subject code the document prints nowhere: whatever was matched on
    its other words is not that subject."""
    # (a 政府 economic code, 501, where the document prints none of that classification's codes
    # is said beside the name it prints: the name decides)
    government = any(c.startswith("5") for c in ans.cat.codes)
    return any(c not in ans.cat.codes and (government or not c.startswith("5")) for c in SUBJECT_CODE.findall(q))


def _named_instead(q: str, exact: Answer, matches):
    """The subject the question also names in full, under the 类 of the code it writes, that
    the answer is about: it may answer for a code the document does not print."""
    named = next((m.entity for m in matches[:1] if m.exact and m.entity.kind == "subject"), None)
    if named is None or not named.code or any(c[:3] != named.code[:3] for c in SUBJECT_CODE.findall(q)) or \
            not all(f.source.code in (None, named.code) for f in exact.figures):
        return None
    return named


def unknown_code(found: Found) -> bool:
    """A 科目编码 the document does not print, and no subject named in full to answer for it."""
    return _unknown_code(found.question, found.answerer) and \
        _named_instead(found.question, found.exact, found.matches) is None


def code_note(found: Found) -> str:
    """'（文件中没有科目编码X；按名称“Y”（编码Z）回答）' when a subject answers for a code the
    document does not print; '' otherwise."""
    q, ans, exact, matches = found.question, found.answerer, found.exact, found.matches
    named = _named_instead(q, exact, matches) if _unknown_code(q, ans) else None
    if named is None:
        return ""
    codes = SUBJECT_CODE.findall(q)
    return f"（文件中没有科目编码{'、'.join(codes)}；按名称“{named.name}”（编码{named.code}）回答）"


# A source of money a question may scope a figure to, and the tables that hold only that money.
SOURCE_TABLES = {"政府性基金": ("fund_expense", "fund_income"), "国有资本经营": ("soe",)}


def other_money(found: Found) -> bool:
    """The question asks within one source of money (政府性基金预算支出中的基本支出) and the
    answer's figure is of other money: not from that source's table, and not a cell naming it.
    A share asked within 一般公共预算 is computed from its cells, never from all funds'."""
    q, ans, exact = found.question, found.answerer, found.exact
    kinds = {t.title: t.kind for t in ans.doc.tables}
    if "一般公共预算" in q:
        for f in exact.figures:
            cells = [f.source, *f.cells]
            if f.unit == "%" and not any(kinds.get(c.table or "") in ("gp_expense", "gp_basic_economic", "gp_economic")
                                         or "一般公共预算" in f"{c.table or ''}{c.row or ''}{c.column or ''}"
                                         for c in cells):
                return True
    for word, tables in SOURCE_TABLES.items():
        if word not in q:
            continue
        for f in exact.figures:
            where = f"{f.source.table or ''}{f.source.row or ''}{f.source.column or ''}{f.label}"
            if kinds.get(f.source.table or "") not in tables and word not in where:
                return True
    return False


GP_TABLES = ("gp_expense", "gp_basic_economic", "gp_economic")
NAMES_A_SOURCE = re.compile(r"一般公共预算|公共预算|财政拨款|财政资金|政府性基金|国有资本|本级财力")
TOTAL_ROW = re.compile(r"合计|总计|本年支出合计|支出合计")


# Income that is not 一般公共预算 money, current or carried over.
OTHER_INCOME = re.compile(r"其他收入|事业收入|经营收入|单位资金|政府性基金|国有资本|财政专户|附属单位|上级补助")


def part_money_for_whole(found: Found) -> bool:
    """The question names no source of money (基本支出比项目支出多多少), the 支出总表 prints no
    total of its own (北京's is printed unit by unit), the document's income holds money other
    than 一般公共预算 (其他收入, 单位资金), and the figure is the total of a 一般公共预算 table:
    that part of the money is not the whole the question asks about."""
    ans = found.answerer
    if ans is None or NAMES_A_SOURCE.search(found.question):
        return False
    expense = ans.tables.get("expense")
    if expense is None or any(TOTAL_ROW.fullmatch(re.sub(r"\W", "", r.label)) for r in expense.rows):
        return False
    kinds = {t.title: t.kind for t in ans.doc.tables}
    if not any(kinds.get(c.table or "") in GP_TABLES and TOTAL_ROW.fullmatch(re.sub(r"\W", "", c.row or ""))
               for f in found.exact.figures for c in [f.source, *f.cells]):
        return False
    income = ans.tables.get("income")
    total = next((r for r in income.rows if TOTAL_ROW.fullmatch(re.sub(r"\W", "", r.label))), None) \
        if income is not None else None
    return total is not None and any(v and OTHER_INCOME.search(c) for c, v in total.values.items())


# Words of a figure's name whose opposite a question may say: a match on the rest of the name
# (结转和结余) must not answer the one with the other.
START_END = (("年初", "年末"), ("期初", "期末"))
INCOME_SPENDING = (("收入", "支出"),)


# Money carried over from earlier years: a figure so named answers only a question that says so.
CARRIED = re.compile(r"结转|结余")


def _named(f) -> str:
    """What a figure is named by: its row, its column and its label."""
    return f"{f.source.row or ''}{f.source.column or ''}{f.label}"


def _all_named(f) -> list[str]:
    """Every name a figure is read under: its own with its table's, and each cell's it adds up."""
    return [_named(f) + (f.source.table or "")] + [f"{c.row or ''}{c.column or ''}{c.table or ''}" for c in f.cells]



def carried_over_not_asked(found: Found) -> bool:
    """The figure is money carried over (上年结转结余·政府性基金预算) and the question does not
    ask about carry-overs, nor about a total (总计, 合计) that holds them."""
    q = found.question
    for f in found.exact.figures:
        # "（不含上年结转）" in a name or a title says the money is this year's only
        carried = re.sub(r"不含[^）)，,]*", "", _named(f) + (f.source.table or ""))
        if CARRIED.search(carried) and not CARRIED.search(q) and not re.search(r"总计|合计", q):
            return True
    return False


# A carry-over of one source of money, as a question names it (上年结转的一般公共预算拨款).
CARRIED_MONEY = re.compile(r"(?:上年结转|结转结余).{0,6}?(一般公共预算|政府性基金|国有资本)|"
                           r"(一般公共预算|政府性基金|国有资本).{0,6}?(?:上年结转|结转结余)")


def carried_over_of_other_money(found: Found) -> bool:
    """The question asks for one source's carry-over (上年结转的一般公共预算拨款) and the figure's
    name does not say that source (the whole 上年结转)."""
    money = CARRIED_MONEY.search(found.question)
    return bool(money) and any((money.group(1) or money.group(2)) not in _named(f)
                               for f in found.exact.figures)


# Money that is not 财政拨款, as questions and figures name it.
NOT_FISCAL = re.compile(r"非财政拨款|其他资金|单位资金")


def fiscal_for_non_fiscal(found: Found) -> bool:
    """The question asks for the money not from 财政拨款 (非财政拨款, 单位资金) and the figure is a
    财政拨款 one (by its name or its table)."""
    if not NOT_FISCAL.search(found.question):
        return False
    return any("财政拨款" in f"{_named(f)}{f.source.table or ''}" and not NOT_FISCAL.search(_named(f))
               for f in found.exact.figures)


def income_table_for_spending(found: Found) -> bool:
    """The question asks for spending (一般公共预算支出) and the figure is a total of the 收入总表
    (its 一般公共预算 column): a non-zero amount read, not worked out, whose name says no 支出."""
    q = found.question
    if "支出" not in q or "收入" in q:
        return False
    return any(f.value != 0 and not f.arithmetic and "支出" not in _named(f)
               and re.search(r"收入(总|预算|决算)?[总汇]?表", f.source.table or "")
               and re.search(r"合计|总计", f.source.row or "")
               for f in found.exact.figures)


def _opposite_of(q: str, f, pairs: tuple[tuple[str, str], ...]) -> bool:
    """The question says one word of a pair, the figure's name the other (and neither both)."""
    name = _named(f)
    return any(a in q and b not in q and b in name and a not in name
               for a, b in pairs + tuple((y, x) for x, y in pairs))


def start_for_end(found: Found) -> bool:
    """The question says 年初 (期初) and the figure is named 年末 (期末), or the other way round."""
    return any(_opposite_of(found.question, f, START_END) for f in found.exact.figures)


def income_for_spending(found: Found) -> bool:
    """The question says 收入 and the figure is named 支出, or the other way round; a money with
    nothing in it (本表无数据, 0) has neither."""
    return any(f.value != 0 and _opposite_of(found.question, f, INCOME_SPENDING) for f in found.exact.figures)


def year_for_month(found: Found) -> bool:
    """The question asks an amount per month and the figure is not one stated per month (its
    name, row or value says 月): a year's budget is never a month's."""
    if asked_per(found.question) != "月":  # ("驻村补贴一个月多少钱")
        return False
    return any(f.unit in ("元", "万元", "亿元") and "月" not in _named(f) + (f.source.table or "") + (f.arithmetic or "")
               for f in found.exact.figures)


BASIC_PROJECT = (("项目支出", "基本支出"),)


def basic_for_project(found: Found) -> bool:
    """The question says 项目支出 and the figure is named, or printed in a table named, 基本支出
    (or the other way round): 由项目支出安排的工资福利支出 is not the 基本支出表's."""
    q = found.question
    for f in found.exact.figures:
        name = _named(f) + (f.source.table or "")
        if any(a in q and b not in q and b in name and a not in name
               for a, b in BASIC_PROJECT + tuple((y, x) for x, y in BASIC_PROJECT)):
            return True
    return False


# How a figure's own names say it is of 基本支出 or of 项目支出 (西安's template prints 基本支出
# as 人员经费和公用经费支出, 项目支出 as 专项业务经费).
SPENDING_PART_SAID = {"基本支出": re.compile(r"基本|人员经费|公用经费|日常"), "项目支出": re.compile(r"项目|专项")}


def spending_part_left_out(found: Found) -> bool:
    """The question asks 基本支出 (or 项目支出) and the figure is named, in its row, column,
    label or table, as neither that part nor any of it: the department's whole budget
    (一、部门预算) is not its 基本支出."""
    q = found.question
    asked = [p for p in SPENDING_PART_SAID if p in q]
    if len(asked) != 1:
        return False
    said = SPENDING_PART_SAID[asked[0]]
    for f in found.exact.figures[:1]:
        if f.arithmetic or (f.value == 0 and f.label.endswith(ABSENCE_LABELS[0])):
            return False  # (a table printing nothing prints no part either)
        return not any(said.search(n) for n in _all_named(f))
    return False


# Projects added up: "几个项目加起来", "各项目合计", "所有项目一共".
PROJECTS_SUMMED = re.compile(r"(?:几个|各个?|所有|全部|这些|那些|[两二三四五六七八九十\d]+个)项目[^，,。？?]{0,6}?(?:加起来|合计|一共|总共|共计|总额|总计|加总)")


def projects_summed_for_total(found: Found) -> bool:
    """The question adds up projects (局本级的几个项目加起来) and the figure is named as no
    project nor any 项目支出 (a unit's row of the 收入总表): a unit's total is not its projects'."""
    if not PROJECTS_SUMMED.search(found.question):
        return False
    for f in found.exact.figures[:1]:
        return not any(re.search(r"项目|专项", n) for n in _all_named(f))
    return False


# "不含上年结转", "扣除结转结余": this year's money only.
CARRY_EXCLUDED = re.compile(r"(?:不含|不包括|不计|除去|扣除|剔除)(?:上年)?(?:结转|结余)")


def carried_over_left_in(found: Found) -> bool:
    """The question leaves carried-over money out (不含上年结转), the document prints money
    carried over from last year (a row or column of 上年结转, not 0), and the figure's own name
    does not say it is this year's only (本年, 不含): the figure may hold what was left out
    (重庆's 一般公共预算资金 of its 收支总表 holds that year's carry-over)."""
    if not CARRY_EXCLUDED.search(found.question) or found.answerer is None:
        return False
    last_year = re.compile(r"上年(?:结转|结余)|结转结余")
    carried = any(any(v for v in r.values.values()) if last_year.search(r.label) else
                  any(r.values.get(c) for c in t.columns if last_year.search(c))
                  for t in found.answerer.doc.tables for r in t.rows)
    return carried and any(not f.arithmetic and not re.search(r"本年|当年|不含", _named(f) + (f.source.table or ""))
                           for f in found.exact.figures)


# A 绩效目标 form's indicator, as a question asks for one.
INDICATOR_ASKED = re.compile(r"指标|目标值|绩效目标")


def indicator_from_table(found: Found) -> bool:
    """The question asks for what a 绩效目标 form sets (an indicator, a target) and the figure is
    a budget table's cell, not a form's: a project's or a unit's money is no target."""
    if not INDICATOR_ASKED.search(found.question):
        return False
    return any(f.source.table and "绩效" not in f.source.table for f in found.exact.figures)


# "截至2025年底有多少辆": what is held at a date, which the narrative's 国有资产占用 states
HELD_AT = re.compile(r"(?:截至|截止)到?\s*(?:\d{4}|[二〇零一三四五六七八九]{4})\s*年")


def target_for_holding(found: Found) -> bool:
    """The question asks what is held at a date (截至2025年底有多少辆执法执勤用车) and the figure
    is a 绩效目标 form's: a target set for the budget year, never a holding."""
    if not HELD_AT.search(found.question):
        return False
    return any(f.source.table and "绩效" in f.source.table for f in found.exact.figures)


def own_level_left_out(found: Found) -> bool:
    """The question asks for the body's own level (局本级, 本级) of a document that also holds
    its units, and the figure is the whole document's: a row named neither 本级 nor the body."""
    q, ans = found.question, found.answerer
    if "本级" not in q or ans is None or "本级" in ans.doc.department or OWN_LEVEL_LEFT_OUT.search(q):
        return False  # (除本级外: the body's own level left out, not asked)
    body = clean_name(ans.doc.department)
    # (a row printed as the body's own, in a table of every unit's rows, is the body's level)
    own_rows = {(t.title, r.line) for t in ans.doc.tables for r in t.rows
                if clean_name(r.texts.get(UNIT_OF_ROW, "")) == body}
    # (a count or sum of all the body's projects is the whole document's too)
    return any("本级" not in _named(f) + (f.arithmetic or "") and
               clean_name((f.source.row or "").split("/")[-1]) != body and
               (f.arithmetic or (f.source.table, f.source.line) not in own_rows) for f in found.exact.figures)


def unit_left_out(found: Found) -> bool:
    """The question names a body other than the document's (a unit inside it: 某某监狱,
    某某中心), and the answer gives the body's own figure: not that unit's row, nor a project
    (which a unit may run)."""
    question, ans, exact = found.question, found.answerer, found.exact
    said = re.sub(r"\W", "", question)
    # (a longer name the question says in full holds it: 政府办公厅（室）及相关机构事务, a 款)
    inside = [k for e in ans.cat.entities if e.kind in ("subject", "row", "econ", "project")
              for k in {e.key, re.sub(r"\W", "", e.name)} if len(k) >= 6 and k in said]
    printed = {e.key for e in ans.cat.entities if e.kind in ("subject", "row", "econ", "project")}
    units = [org for org in org_mentions(question) if len(org) >= 4 and not names_no_body(org, question)
             and re.sub(r"\W", "", org) not in printed  # (公立医院: a subject of that name, 21002款)
             and not any(covers(org, name) or org in name for name in org_names(ans))
             and not any(re.sub(r"\W", "", org) in k and len(k) > len(re.sub(r"\W", "", org)) + 2 for k in inside)]
    # a unit the tables print a row for, named by what follows the body's own name in it
    # (发展研究中心 of 泉州市人民政府发展研究中心, in 泉州市人民政府办公室's document)
    department = ans.doc.department
    for name in ans.cat.unit_names:
        tail = name[len(os.path.commonprefix([name, department])):]
        if len(tail) >= 4 and tail in said and tail not in department and "项目" not in said:
            units.append(tail)
    if not units:
        return False
    kinds = {t.title: t.kind for t in ans.doc.tables}
    for f in exact.figures:
        label = re.sub(r"\s", "", (f.source.row or "") + (f.label or ""))
        in_projects = kinds.get(f.source.table or "") == "project"
        row_name = re.sub(r"[（(].*?[）)]|\s", "", (f.source.row or "").split("/")[0])
        if in_projects and "项目" not in question and re.search(f"(?:{ORG_END.pattern})$", row_name) and \
                any(u in row_name or covers(u, row_name) for u in units):
            return True  # the unit's row of the project table is its projects', not its whole budget
        # a project the unit runs; not a count or sum of all of them, nor one of several
        # projects of that name (one per unit: 狱政设施建设 of each 监狱), which the unit decides
        printed = [r for t in ans.doc.tables if t.title == f.source.table for r in t.rows
                   if r.label == (f.source.row or "")]
        one_project = in_projects and not f.arithmetic and exact.route == "lookup" and len(printed) <= 1
        if one_project or any(u in label or covers(u, label) for u in units):
            return False
        # the row read is printed as the unit's own (杭州市北郊监狱 | 狱政设施建设)
        whose = {r.texts.get(UNIT_OF_ROW, "") for r in printed if r.line == f.source.line} - {""}
        if not f.arithmetic and len(whose) == 1 and any(u in w or covers(u, w) for u in units for w in whose):
            return False
    return True


# The sources of a department's money: words that scope a figure, not items with one.
MONEY_SOURCE = re.compile(r"(?:一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?|财政专户管理资金|财政)?"
                          r"(?:拨款)?(?:收入|资金)?|单位资金|事业收入|上年结转")


def term_left_out(found: Found) -> bool:
    """A 名词解释 term the question names in full (机关运行经费) that no table row, project or
    measure of the document stands for, that no matched entity covers and that the answer's
    figure (its table, row and column) does not name: the exact answer, built from the
    question's other words (财政拨款), is not about it."""
    q, ans, exact = found.question, found.answerer, found.exact
    matches, all_matches = found.matches, found.all_matches
    said = "".join(f"{f.source.table or ''}{f.source.row or ''}{f.source.column or ''}{f.label}"
                   for f in exact.figures)
    others = [m for m in matches if m.entity.kind not in ("definition", "section")]
    for t in all_matches:
        if t.entity.kind != "definition" or not t.exact or len(t.span) < 4:
            continue
        words = "".join(q[i] for i in sorted(t.span) if i < len(q))
        if MONEY_SOURCE.fullmatch(words) or ans.named_column(words):
            continue  # a source of money (财政拨款) or a column (人员经费) scopes a figure, it is not one
        if any(words in e.key for e in ans.cat.entities if e.kind not in ("definition", "section")):
            continue  # a row or measure of that name exists: the tables can answer it
        if any(t.span & o.span for o in others) or len(_lcs_positions(words, said)) >= 0.75 * len(words):
            continue
        return True
    return False


def _behind_the_figure(ans: Answerer, exact: Answer, key: str) -> bool:
    """Whether the entity named ``key`` is where the answer's figure sits: an ancestor of its
    row (生活补助（30305） under 对个人和家庭的补助, 行政运行 under 数据事务), or a row printing
    the same figure (收入总计 = 一、部门预算)."""
    codes = [c.code for f in exact.figures for c in [f.source, *f.cells] if c.code]
    for e in ans.cat.entities:
        if e.key != key:
            continue
        if e.code and any(code != e.code and code.startswith(e.code) for code in codes):
            return True
        for table, row in e.rows:
            for v in row.values.values():
                if v is not None and any(convert(v, table.unit, f.unit) == f.value for f in exact.figures
                                         if f.unit in ("元", "万元", "亿元") and table.unit in ("元", "万元", "亿元")):
                    return True
    rows = {re.sub(r"\W|^\d+", "", c.row or "") for f in exact.figures for c in [f.source, *f.cells]}
    for t in ans.doc.tables:
        # uncoded tables: the named row printed a few rows above a row of the figure's name,
        # holding at least as much (气象事务 above its 行政运行)
        for i, r in enumerate(t.rows):
            if r.code or re.sub(r"\W", "", r.label) not in rows:
                continue
            first = next((v for v in r.values.values() if v is not None), None)
            for x in reversed(t.rows[max(0, i - 40):i]):
                top = next((v for v in x.values.values() if v is not None), None)
                if re.sub(r"\W", "", x.label) == key and first is not None and top is not None and top >= first:
                    return True
    if codes:
        # an uncoded ancestor: the row printed above the figure's, one level up the code tree
        for f in exact.figures:
            for t in ans.doc.tables:
                if t.title != f.source.table:
                    continue
                for i, r in enumerate(t.rows):
                    if r.code and r.code == f.source.code:
                        above = [x for x in t.rows[:i] if x.code and len(x.code) < len(r.code)
                                 and r.code.startswith(x.code)]
                        if any(key in re.sub(r"\W", "", x.label) for x in above):
                            return True
    return False


def named_left_out(found: Found) -> bool:
    """The question names, in full, a row, item or project of the document (委托业务费 in
    "信访业务里的委托业务费") that the answer's figure neither is nor lies inside: its table,
    row, column and cells do not name it, and its name is not part of a name they use. The
    figure is about the question's other words only."""
    ans, exact, all_matches = found.answerer, found.exact, found.all_matches
    said = "".join(f"{c.table or ''}{c.row or ''}{c.column or ''}"
                   for f in exact.figures for c in [f.source, *f.cells]) + \
        "".join(f.label for f in exact.figures)
    # (and the unit a row read is printed as the unit's: 杭州市北郊监狱 | 狱政设施建设)
    lines = {(c.table, c.line) for f in exact.figures for c in [f.source, *f.cells]}
    said += "".join(r.texts.get(UNIT_OF_ROW, "") for t in ans.doc.tables for r in t.rows if (t.title, r.line) in lines)
    said = re.sub(r"\W", "", said)
    department = re.sub(r"\W", "", ans.doc.department)
    empty = {t.title for t in ans.doc.tables if t.empty}
    if any(f.source.table in empty for f in exact.figures):
        return False  # "本表无数据": the table's note answers whatever item of it is asked
    named = [m for m in all_matches if m.exact and m.entity.kind in ("subject", "econ", "project", "row")]
    rows = re.sub(r"\W", "", "".join(f"{c.row or ''}{c.column or ''}" for f in exact.figures
                                     for c in [f.source, *f.cells]) + "".join(f.label for f in exact.figures))
    used: set[int] = set()
    for m in all_matches:
        if m.entity.key in rows:
            used |= m.span  # the figure's own row, however the question words it (not its table's title)
    left_out = _left_out_spans(found.question)
    for m in named:
        key = re.sub(r"\W", "", m.entity.key)  # (as ``said`` is: 粤财工〔2025〕139号 without its brackets)
        if len(key) < 3 or key in said or key in department or m.span & used:
            continue
        if m.span and any(set(m.span) <= set(r) for r in left_out):
            continue  # "除了财政局本级": named to be left out
        if MONEY_SOURCE.fullmatch(key) or ans.named_column(key):
            continue  # a source of money or a column scopes the figure
        if re.fullmatch(r"(?:部门|单位)(?:综合)?(?:预算|决算)", key):
            continue  # "按部门预算支出经济分类": the document's own kind names the document, no row
        if re.search(r"合计|总计", key) and re.search(r"合计|总计", said):
            continue  # 支出总计 asked, the table's 合计 given: the same whole
        side = re.fullmatch(r"(?:本年)?(收入|支出)(?:总计|合计)", key)
        if side and any(re.fullmatch(rf"(?:本?部门)?{side.group(1)}(?:预算)?(?:总额|总计|合计)?",
                                     re.sub(r"\W", "", f.source.row or "")) for f in exact.figures):
            continue  # 收入预算 (收入总计) asked, the narrative's 收入 given: the same whole
        topic = re.sub(r"(?:预算|决算|支出|经费|总额)+$", "", key)
        if len(topic) >= 4 and topic in said:
            continue  # 政府采购预算 asked, a cell of the 政府采购支出表 given: the topic's own table
        if _behind_the_figure(ans, exact, key):
            continue
        return True
    return False


# Words of a question that name no item: scope, the operation, politeness, the asking itself.
FILLER = re.compile(r"请问|一下|哪(?:个|些|一个|一)?项目|是多少|有多少|多少钱|多少|是否|有没有|有无|哪些|哪个|哪项|什么|怎么|"
                    r"预算数?|安排了?|金额|数额|资金|总额|共计|一共|总共|合计|大约|大概|约|"
                    r"今年|本年|当年|年度|全年|本部门|本单位|整个|部门|单位|里面|里|中的?|之中|其中|占|"
                    r"(?:总|全部|所有|整体)(?:预算|支出|收入|经费|资金)|那个|这个|哪个|各个|每个|不含|包含|包括|含|"
                    r"用于|用在|用来|主要|具体|分别|列出|列示|列有|列了|公开了|共列|"
                    r"是|的|了|在|为|有|呢|吗|啊|那|这个|这项|该|按|对|给|和|与|及|"
                    r"万元|亿元|元|[A-Za-z0-9]+")
# An item's name ends with one of these: a fee, an expense, a fund, a subsidy, a project.
ITEM_END = re.compile(r"(?:费|经费|支出|收入|补助|补贴|津贴|奖金|(?<=[\u4e00-\u9fff]{4})奖励|资金|专项|项目|工程|平台|采购|指标值?)$")


def item_left_out(found: Found) -> bool:
    """After the words the answer's figure is named by (its table, row, column and cells), the
    question still names an item of its own (委托业务费 in "信访业务里的委托业务费"): a run of
    three or more characters, none of them said, ending like an item's name, and not a column,
    measure or source of money that scopes a figure. The figure answers the other words only."""
    q, ans, exact, all_matches = found.question, found.answerer, found.exact, found.all_matches
    empty = {t.title for t in ans.doc.tables if t.empty}
    if any(f.source.table in empty for f in exact.figures):
        return False  # "本表无数据": the table's note answers whatever item of it is asked
    if exact.route == "computation" and re.search(r"哪一?(类|款|种)", q) and \
            re.search(r"功能分类|功能科目|各类|类级|哪一?类", q):
        return False  # "功能分类的各类支出中哪一类最多": words that name the classes ranked
    said = re.sub(r"\W", "", "".join(f"{c.table or ''}{c.row or ''}{c.column or ''}"
                                     for f in exact.figures for c in [f.source, *f.cells]) +
                  "".join(f.label for f in exact.figures))
    covered: set[int] = set()
    for m in all_matches:
        if m.entity.key in said:
            covered |= m.span  # the row the figure is from, however the question words it
    names = {re.sub(r"\W", "", n) for f in exact.figures for c in [f.source, *f.cells]
             for n in [c.table or "", c.column or "", *(c.row or "").split("/")]} | \
        {re.sub(r"\W", "", f.label) for f in exact.figures}
    for name in names:
        if len(name) >= 2:
            at = _lcs_positions(name, q)
            if len(at) >= max(2, 0.6 * len(name)):
                covered.update(at)  # 评审项目个数 ~ "评审多少个项目"
    for i in range(len(q)):
        for j in range(len(q), i + 2, -1):
            if q[i:j] in said:
                covered.update(range(i, j))
                break
    runs = re.findall(r"[\u4e00-\u9fff]+", "".join(ch if i not in covered else " " for i, ch in enumerate(q)))
    scoping = [e.key for e in ans.cat.entities if e.kind in ("measure", "definition")]
    for run in runs:
        edges = re.sub(rf"^(?:{FILLER.pattern})+|(?:{FILLER.pattern})+$", "", run)
        for word in {edges, *FILLER.split(run)}:
            end = ITEM_END.search(word)
            if len(word) < 3 or not end or len(FILLER.sub("", word[:end.start()])) < 2:
                continue  # 个项目, 该项目: no name of its own
            if MONEY_SOURCE.fullmatch(word) or ans.named_column(word) or any(word in n for n in scoping):
                continue
            if _behind_the_figure(ans, exact, re.sub(r"\W", "", word)):
                continue  # the figure's own class (对个人和家庭的补助 of 生活补助)
            return True
    return False


def part_table(found: Found) -> bool:
    """A funding source's total (财政拨款收入, 事业单位经营收入) read from a table of one part of the
    spending (基本支出总表, 项目支出总表) answers a question about the whole: it is the part's."""
    q, exact = found.question, found.exact
    for f in exact.figures:
        part = re.search(r"基本支出|项目支出", f.source.table or "")
        if part and part.group(0) not in q and re.search(r"收入|拨款|资金|结转|结余", f.source.column or "") and \
                re.search(r"合计|总计", f.source.row or ""):
            return True
    return False


# Topics a table of its own stands for, by the word a question names them with.
TOPIC_WORDS = {"office_running": "机关运行", "three_public": "三公"}


def topic_elsewhere(found: Found) -> bool:
    """The question names a topic with a table of its own (机关运行经费, 三公经费) and no figure of
    the answer is from that table or names the topic: a row of the question's other words
    (机构运行, 一、财政拨款) is not it."""
    q, ans, exact = found.question, found.answerer, found.exact
    kinds = {t.title: t.kind for t in ans.doc.tables}
    for kind, word in TOPIC_WORDS.items():
        if word not in q:
            continue
        cells = [c for f in exact.figures for c in [f.source, *f.cells]]
        said = "".join(f"{c.table or ''}{c.row or ''}{c.column or ''}" for c in cells) + \
            "".join(f.label for f in exact.figures)
        if cells and word not in said and not any(kinds.get(c.table or "") == kind for c in cells):
            return True
    return False


# How something is done or what it consists of, asked in words ("怎么运作的", "具体要修什么").
WORDS_ASKED = re.compile(r"怎么(?:运作|开展|实施|做|执行|管理|使用|运行)|如何|怎样|具体(?:要|做|内容|包括)|做什么|干什么|干嘛")


def words_asked(found: Found) -> bool:
    """The question asks in words how something is done or what it is (怎么运作的), and no
    figure: an amount found answers nothing of it; the narrative may tell it."""
    q = found.question
    return bool(found.exact.figures) and bool(WORDS_ASKED.search(q)) and not re.search(r"多少|几|百分|比例|占比|%", q)


# A question asking which company (supplier, maker) does or supplies something.
COMPANY_ASKED = re.compile(r"哪(?:家|个|些)[\u4e00-\u9fff]{0,6}(?:公司|企业|厂)|供货|厂家|厂商|生产商|供应商|什么公司")


def company_asked(found: Found) -> bool:
    """The question asks which company does or supplies something (由哪家公司供货): a figure,
    the project's amount, answers nothing of it; the narrative may name the company."""
    return bool(found.exact.figures) and bool(COMPANY_ASKED.search(found.question))


def other_table(found: Found) -> bool:
    """The question names a table the document prints ("支出总表中，基本支出…") and no figure
    of the answer comes from a table of that kind."""
    q, ans, exact = found.question, found.answerer, found.exact
    if "表" not in q:
        return False
    kind = table_named(q)
    kinds = {t.title: t.kind for t in ans.doc.tables}
    if kind is None:
        return False
    plain = re.sub(r"\W", "", q)
    written = max((w for t in kinds if len(w := re.sub(r"\W", "", t)) >= 6 and w in plain), key=len, default="")
    if written and any(re.sub(r"\W", "", c.table or "") == written for f in exact.figures for c in [f.source, *f.cells]):
        return False  # the figure's own table, its title written in full (一般公共预算支出表（按经济分类）)
    if kind not in kinds.values():
        # a table the document (as read) does not hold: another table's row may not be what
        # that table prints ("一般公共预算支出表中…各行加起来"), so no figure stands for it
        return kind in ("gp_expense", "fiscal_expense", "fund_expense", "project") and bool(exact.figures)
    return not any(kinds.get(c.table or "") == kind for f in exact.figures for c in [f.source, *f.cells])


# "…X项目": the name a question gives a project, up to the words before it that name none.
PROJECT_NAMED = re.compile(r"([^，,。；;：:？?的里中在为对从和与及、]{6,}?)项目(?!支出|经费|资金|预算|数|个数|总数|合计|总额|表|类|的数)")
NO_NAME = re.compile(r"那个|这个|哪个|哪些|这些|那些|各个|每个|所有|全部|多少个|几个|属性|类别|类型|"
                     r"[一二三四五六七八九十两几\d]+个|以上|以下|一级|二级")


def project_left_out(found: Found) -> bool:
    """The question names a project (six or more characters before 项目) that no project, row
    or item of the document matches even in half, and the answer's figure does not name: the
    figure (项目支出's total) is about the question's other words only."""
    q, exact, all_matches = found.question, found.exact, found.all_matches
    if exact.route != "lookup":
        return False  # a count or sum of projects by some property names no project
    said = re.sub(r"\W", "", "".join(f"{c.table or ''}{c.row or ''}{c.column or ''}"
                                     for f in exact.figures for c in [f.source, *f.cells]) +
                  "".join(f.label for f in exact.figures))
    for hit in PROJECT_NAMED.finditer(q):
        name = re.sub(rf"^(?:{FILLER.pattern})+|[“”\"（）()]", "", hit.group(1))
        if NO_NAME.search(name) or len(re.findall(r"[\u4e00-\u9fff]", name)) < 6 or name in said:
            continue  # 那个项目, 两个项目, 一级项目: no name of a project
        lo, hi = hit.span(1)
        near = [m for m in all_matches if m.entity.kind not in ("definition", "section", "fact", "measure")
                and len({i for i in m.span if lo <= i < hi}) >= 0.5 * (hi - lo)]
        if not near:
            return True
    return False




def subject_in_table_title(found: Found) -> bool:
    """The figure is of a name said only inside the title of the table the question cites, and
    the question goes on to name something else (培训费 after "按三公经费、会议费、培训费支出预算表，"):
    the figure answers the table's title, not the question."""
    cited = CITED_TABLE.search(found.question)
    if cited is None or not found.exact.figures:
        return False
    lo, hi = cited.span(1)
    said = re.sub(r"\W", "", "".join(f"{f.label}{f.source.row or ''}" for f in found.exact.figures[:1]))
    own = [m for m in found.matches if m.span and re.sub(r"\W", "", m.entity.name) in said]
    if not own or not all(lo <= i < hi for m in own for i in m.span):
        return False
    after = found.question[cited.end():]
    names = {re.sub(r"\W", "", m.entity.name) for m in own}
    if any(n in after for n in names):
        return False  # the title's subject asked again after it: it is what is asked
    return len(re.findall(r"[\u4e00-\u9fff]", GENERAL_WORDS.sub("", after))) >= 2


# Words that ask for a figure in some form or unit, or whether there is one: no item of their own.
ASKING_AS = re.compile(r"[（(]?不(?:含|包括)[^）)]*[）)]?|换算成?|折合成?|折成|换成|表示|计算|等于|来说|总数|总额|是不是|不是|"
                       r"没有|有没有|\d[\d,.]*(?:亿元|万元|元)?|用|成|花")


def part_of_topic_left_out(found: Found) -> bool:
    """The figure is a table's total standing for its topic (政府采购预算, 三公经费), and the
    question says more than the topic and general words (政府采购里服务类, 统计普查中心的会议服务
    政府采购): the total is not the part asked; the narrative may state the part."""
    from .catalogue import TABLE_TOPICS

    q = found.question
    for f in found.exact.figures[:1]:
        if f.arithmetic or re.sub(r"\W", "", f.source.row or "") not in ("合计", "总计", "部门合计"):
            return False
        topic = next((m for m in found.matches if m.entity.name in TABLE_TOPICS.values()
                      and m.entity.name in (f.label or "")), None)
        if topic is None:
            return False
        cited = CITED_TABLE.search(q)
        skip = set(topic.span) | (set(range(*cited.span())) if cited else set())  # (按…表，: the table's title)
        rest = "".join(ch for i, ch in enumerate(q) if i not in skip).replace(topic.entity.key, "")
        rest = ASKING_AS.sub("", GENERAL_WORDS.sub("", ASKING_AS.sub("", rest)))
        body = found.answerer.doc.department if found.answerer is not None else ""
        rest = "".join(ch for ch in rest if ch not in body)  # the body by a short name (烟台民政)
        rest = "".join(ch for ch in rest if ch not in (f.source.column or ""))  # a unit's own column
        return len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 2
    return False


def part_of_stated_whole(found: Found) -> bool:
    """The figure is one the narrative states for a whole (政府采购预算983.05万元) and the question
    asks a part of it: a part the narrative states beside it (政府采购货物预算), a word the
    sentence lists after 其中 (货物类采购预算), a category (服务类), or a qualifier of the
    question's own right after the whole's name (政府采购软件预算). The whole asked first and a
    part after 其中 (…总额是多少？其中服务类多少？) is the whole."""
    ans = found.answerer
    q = re.sub(r"\W", "", found.question)
    for f in found.exact.figures[:1]:
        whole = re.sub(r"\W", "", f.source.row or "")
        if f.arithmetic or f.source.table != "情况说明" or len(whole) < 2 or ans is None or \
                f.source.column not in ("本年预算", "金额"):
            return False  # (a change stated for the whole is the whole's)
        if "其中" in q and whole in q.split("其中")[0]:
            return False
        sentence = next((fact.sentence for fact in ans.doc.facts
                         if fact.subject == (f.source.row or "") and fact.line == f.source.line), "")
        parts = {fact.subject[len(whole):] for fact in ans.doc.facts
                 if fact.subject.startswith(whole) and len(fact.subject) >= len(whole) + 2}
        if any(part in q for part in parts):
            return True  # a part the narrative states, which this whole is not
        asked = ASKING_AS.sub("", GENERAL_WORDS.sub("", re.sub(
            r"(?:比|较|与|和)?(?:上年|去年|上一年|\d{4}年)(?:相比|比)?|增加|减少|增长|下降|持平", "|", q.replace(whole, "|"))))
        listed = sentence.split("其中", 1)[1] if "其中" in sentence else ""
        if any(asked[i:i + 2] in listed and asked[i:i + 2] not in whole
               for i in range(len(asked) - 1) if re.fullmatch(r"[\u4e00-\u9fff]{2}", asked[i:i + 2])):
            return True  # a part the sentence lists after 其中
        kind = re.search(r"([\u4e00-\u9fff]{2})类", q)
        if kind and kind.group(1) not in whole and not re.search(r"分|哪|各|每|这|那", kind.group(1)):
            return True  # 服务类: a category of the whole
        if whole not in q:
            return False
        after = q[q.index(whole) + len(whole):]
        rest = ASKING_AS.sub("", GENERAL_WORDS.sub("", after))
        rest = re.sub(r"^(?:之中|中|里|内|按|以|折|换|计算|算)+", "", rest)
        return bool(re.match(r"[\u4e00-\u9fff]{2}", rest)) and rest[:2] in after[:6]
    return False


def stated_part_for_whole(found: Found) -> bool:
    """The figure is one the narrative states for a part (政府采购工程预算) of a whole whose other
    parts it states beside it (政府采购货物, 政府采购服务), and the question does not say the part's
    own words (政府采购预算总额): the whole asked, which the part is not."""
    ans = found.answerer
    q = re.sub(r"\W", "", found.question)
    for f in found.exact.figures[:1]:
        part = re.sub(r"\W", "", f.source.row or "")
        if f.arithmetic or f.source.table != "情况说明" or ans is None:
            return False
        sentence = next((fact.sentence for fact in ans.doc.facts if fact.subject == part and fact.line == f.source.line), "")
        if "其中" not in sentence:
            return False
        # (parts listed together after 其中 in one sentence: 收入 and 支出 of 财政拨款, each said
        # in a sentence of its own, are no parts of one whole)
        siblings = [fact.subject for fact in ans.doc.facts if fact.subject != part and fact.sentence == sentence and
                    len(common := os.path.commonprefix([fact.subject, part])) >= 2 and
                    len(part) - len(common) >= 2 and len(fact.subject) - len(common) >= 2]
        if not siblings:
            return False
        own = part[len(os.path.commonprefix([siblings[0], part])):]
        return not any(ch in q for ch in own)
    return False


# The columns a table prints for a part of spending: a question naming one asks that column.
_PART_COLUMNS = ("基本支出", "项目支出", "人员经费", "公用经费")


def column_left_out(found: Found) -> bool:
    """The question names a part of spending (项目支出) that the figure's own table prints as a
    column, and the figure is another column of that table, of a row that is no such part
    (一般公共预算安排的项目支出 answered by the 一般公共预算 row's 预算数)."""
    ans, q = found.answerer, re.sub(r"\W", "", found.question)
    if ans is None:
        return False
    for f in found.exact.figures[:1]:
        if f.arithmetic:
            return False
        t = next((t for t in ans.doc.tables if t.title == f.source.table), None)
        if t is None:
            return False
        said = [c for c in _PART_COLUMNS if c in q and c in t.columns]
        # (one part named: 基本支出加项目支出 names the whole the total column is)
        return len(said) == 1 and (f.source.column or "") not in said and \
            not any(c in (f.source.row or "") or c in (f.label or "") for c in said)
    return False


# A number a question writes by itself (0848, （5030）): not a year, an amount or a count.
LONE_NUMBER = re.compile(r"(?<![\d.,])(\d{3,6})(?![\d.,]|\s*(?:年|月|日|万|元|亿|%|个|人|项|次|家|件|条|辆|台|套|名))")


def other_project_number(found: Found) -> bool:
    """The figure is of a form whose project prints a number ('0848-公务用车购置项目') and the
    question writes another number (公务用车购置项目（2430）): two projects of one name, and the
    one asked may be the other."""
    forms = {f.project: f for f in found.answerer.doc.forms} if found.answerer is not None else {}
    for f in found.exact.figures[:1]:
        table = f.source.table or ""
        if "绩效目标" not in table or "：" not in table:
            return False
        form = forms.get(table.split("：", 1)[1])
        number = form.fields.get("项目编号") if form is not None else None
        said = LONE_NUMBER.findall(found.question)
        return bool(number and said and number not in said)
    return False


def _left_out_spans(q: str) -> list[range]:
    """Where the question names what it leaves out (除了财政局本级，…; 不含上年结转)."""
    # (as router.EXCLUDE reads the operation's modifier, bare 除 and a bracket's end included)
    return [range(*x.span()) for x in re.finditer(rf"(?:{LEAVE_OUT}|除)[^，,。？?）)]{{0,12}}?(?:以外|之外|外|[，,。？?）)]|$)", q)]


def left_out_answered(found: Found) -> bool:
    """The figure is of the very row the question leaves out ("除了本级，哪个单位收入最多"
    answered with 本级's row)."""
    spans = _left_out_spans(found.question)
    if not spans:
        return False
    rows = {re.sub(r"\W", "", f.source.row or "") for f in found.exact.figures if not f.arithmetic}
    for m in found.all_matches:
        if m.span and any(set(m.span) <= set(r) for r in spans) and m.entity.kind in ("row", "subject", "econ", "project"):
            if any(re.sub(r"\W", "", r.label) in rows for _, r in m.entity.rows):
                return True
    return False


def other_kind_of_figure(found: Found) -> bool:
    """The question expects a share (占…的百分之多少) and the figure is an amount, or a count and
    the figure is a percentage: an answer of another kind is not its answer."""
    figures = found.exact.figures[:1]
    if not figures or found.answer_type is None:
        return False
    unit, q = figures[0].unit, found.question
    # (1%人口抽样调查: a percent inside a name asks for no percent; a count answered in money is
    # the route's count_in_narrative)
    if found.answer_type == "quantity" and unit in ("元", "万元", "亿元") and COUNT_NOUNS.search(q) and \
            not MONEY_WORDS.search(COUNT_NOUNS.sub("", q)):
        return True  # "申报免学费人数是多少" answered with the project's amount
    if found.answer_type == "count" and unit == "%":
        return True  # "列出了几项年度主要任务" answered with an indicator's 100%
    return found.answer_type == "percent" and unit in ("元", "万元", "亿元") and \
        bool(PERCENT_WORDS.search(re.sub(r"\d+(?:\.\d+)?%(?=[\u4e00-\u9fff])", "", q)))


def quoted_amount_differs(found: Found) -> bool:
    """The question quotes the item's amount ("经费97.84万元换算成元") and the figure found is
    another: it is not the item the asker read."""
    figures = found.exact.figures[:1]
    if found.quoted is None or not figures or figures[0].unit not in ("元", "万元", "亿元"):
        return False
    value, unit = found.quoted
    places = -value.as_tuple().exponent if value.as_tuple().exponent < 0 else 0
    return round(convert(figures[0].value, figures[0].unit, unit), places) != value


def _check(name: str, reason: str, fails: Callable[[Found], bool]) -> FigureCheck:
    return FigureCheck(name, reason, fails)


# The checks, in order: the first that fails gives its reason. (Checks with the same reason
# next to each other may be reordered among themselves; the others may not.)
FIGURE_CHECKS: tuple[FigureCheck, ...] = (
    # "经费97.84万元换算成元" answered with another amount than the one quoted
    _check("quoted_amount_differs", "retrieve", quoted_amount_differs),
    # "占项目支出的百分之多少" answered with 项目支出's amount
    _check("other_kind_of_figure", "retrieve", other_kind_of_figure),
    # "科目2010399…": a code the document does not print
    _check("unknown_code", "code", unknown_code),
    # "除了本级，哪个单位…": the figure is of the row left out
    _check("left_out_answered", "unknown", left_out_answered),
    # 政府性基金…的基本支出 answered from a 一般公共预算 table
    _check("other_money", "source", other_money),
    # 基本支出 asked, the 一般公共预算 table's total read, the 支出总表 printing none
    _check("part_money_for_whole", "retrieve", part_money_for_whole),
    # 政府性基金预算拨款收入 asked, 上年结转结余·政府性基金预算 found
    _check("carried_over_not_asked", "opposite", carried_over_not_asked),
    # 上年结转的一般公共预算拨款 asked, the whole 上年结转 found
    _check("carried_over_of_other_money", "opposite", carried_over_of_other_money),
    # 非财政拨款 asked, a 财政拨款 figure found
    _check("fiscal_for_non_fiscal", "opposite", fiscal_for_non_fiscal),
    # 一般公共预算支出 asked, the 收入总表's 一般公共预算 column found
    _check("income_table_for_spending", "opposite", income_table_for_spending),
    # 年初结转 asked, 年末结转 found
    _check("start_for_end", "opposite", start_for_end),
    # 收入 asked, a 支出 found (or the other way round)
    _check("income_for_spending", "opposite", income_for_spending),
    # 一个月多少钱 asked, a year's figure found
    _check("year_for_month", "monthly", year_for_month),
    # 项目支出 asked, a figure of the 基本支出 table found (or the other way round)
    _check("basic_for_project", "opposite", basic_for_project),
    _check("spending_part_left_out", "retrieve", spending_part_left_out),
    _check("projects_summed_for_total", "retrieve", projects_summed_for_total),
    # "农村电影放映工程是怎么运作的": how it is done asked in words, an amount found
    _check("words_asked", "retrieve", words_asked),
    # "设备是由哪家公司供货的": a company asked, an amount found
    _check("company_asked", "retrieve", company_asked),
    # 不含上年结转 asked, a total of a table printing carry-overs found
    _check("carried_over_left_in", "opposite", carried_over_left_in),
    # a form's target asked (绩效目标里…目标, 成本指标), a budget table's cell found
    _check("indicator_from_table", "retrieve", indicator_from_table),
    # "截至2025年底有多少辆…": a holding asked, a form's target found
    _check("target_for_holding", "retrieve", target_for_holding),
    # 事业单位经营收入 asked, the 基本支出总表's column of it found
    _check("part_table", "item", part_table),
    # 机关运行经费 asked, a row 机构运行 (or 一、财政拨款) found
    _check("topic_elsewhere", "retrieve", topic_elsewhere),
    # "西郊监狱的三公经费": a unit of the body named, answered by the body's own figure
    _check("unit_left_out", "unit", unit_left_out),
    # "局本级的项目支出": the body's own level asked, the whole document's total found
    _check("own_level_left_out", "unit", own_level_left_out),
    # "机关运行经费财政拨款预算": a glossary term no row stands for, answered by a row of the
    # question's other words (一、财政拨款)
    _check("term_left_out", "retrieve", term_left_out),
    # "支出总表中，基本支出…": the table named prints it, the figure is from another
    _check("other_table", "unknown", other_table),
    # "政府采购预算中工程类": a table's total for its topic, a part of it asked
    _check("part_of_topic_left_out", "retrieve", part_of_topic_left_out),
    # "一般公共预算安排的项目支出" answered by the 一般公共预算 row's 预算数, its table printing 项目支出
    _check("column_left_out", "item", column_left_out),
    # "政府采购服务预算" answered by the 政府采购预算 the narrative states, its parts stated beside it
    _check("part_of_stated_whole", "retrieve", part_of_stated_whole),
    # "政府采购预算总额" answered by the 政府采购工程预算 stated beside its sibling parts
    _check("stated_part_for_whole", "retrieve", stated_part_for_whole),
    # "按三公经费、会议费、培训费支出预算表，培训费…": the figure is of the cited table's title
    _check("subject_in_table_title", "item", subject_in_table_title),
    # "信访业务里的委托业务费": a row or project named in full that the figure is not about
    _check("named_left_out", "item", named_left_out),
    # …or a name of an item the question still says after the figure's own words
    _check("item_left_out", "item", item_left_out),
    # "用于长三角…更新改造（高铁站路网道路）项目的…": a project the document does not list
    _check("project_left_out", "item", project_left_out),
    # "公务用车购置项目（0848）": the form read is of the project numbered otherwise
    _check("other_project_number", "item", other_project_number),
)

FIGURE_CHECKS_BY_NAME: dict[str, FigureCheck] = {c.name: c for c in FIGURE_CHECKS}


def first_failing(found: Found) -> FigureCheck | None:
    """The first check of :data:`FIGURE_CHECKS` the figure fails, or None: it answers."""
    return next((check for check in FIGURE_CHECKS if check.fails(found)), None)
