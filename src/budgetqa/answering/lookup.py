"""Lookups: the amount a named row, subject, measure or item stands for, in the column the
question names, with the tables' and columns' vocabulary; and the document's grand total.

Mixed into :class:`~budgetqa.answering.engine.DocumentAnswerer` (``self.doc``, ``self.cat``,
``self.tables`` and the cell helpers come from there).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal

from ..model import Answer, Figure, Passage, Provenance, Row, Table, convert
from ..parsing.pdf_tables import UNIT_OF_ROW
from .catalogue import TABLE_TOPIC_KEYS, Entity, Match, _lcs_positions, clean_name
from .cells import ABSENCE_LABELS, Cell, fmt
from .normalize import ASKS_COUNT
from .router import Intent


COLUMN_WORDS: tuple[tuple[str, str], ...] = (
    ("决算", r"决算|实际|花了|花掉|用了|支出了|执行数"),  # final accounts: what was spent
    ("预算数", r"预算数|年初预算|调整预算|原定预算|计划数"),
    ("基本支出", r"基本支出|基本经费"),
    ("项目支出", r"项目支出|项目经费"),
    ("人员经费", r"人员经费|人员支出|人员类"),
    ("公用经费", r"公用经费|公用支出|日常公用"),
    ("一般公共预算", r"一般公共预算"),
    ("政府性基金", r"政府性基金"),
    ("当年预算安排", r"当年预算|当年安排"),
    ("上年结转", r"上年结转|结转"),
)
# A source of money that heads a column of some tables only (a project's 财政拨款收入): it picks
# that column where one is printed, and is no column missing where none is.
SOURCE_COLUMN_WORDS: tuple[tuple[str, str], ...] = (
    ("财政拨款", r"(?<!非)财政拨款(?!收支|结转|结余)"),
)

COLUMN_PATTERNS = dict(COLUMN_WORDS)


# Columns named in so many words: an answer must come from such a column or not be given.
# (决算 only in a budget and 预算数 only in final accounts, where the other one is the default.)
STRICT_COLUMN_WORDS: tuple[tuple[str, str], ...] = (
    ("决算", r"决算"),
    ("预算数", r"预算数|年初预算|全年预算|调整预算|调整后预算"),
    ("人员经费", r"人员经费|人员支出"),
    ("公用经费", r"公用经费|公用支出"),
)


# The body's own level said to be left out (除本级外, 不含本级).
OWN_LEVEL_LEFT_OUT = re.compile(r"除.{0,8}本级|不含本级|本级以?外")

# Columns that compare with another year rather than state this year's figure.
COMPARISON = re.compile(r"^上年(?!结转|结余)|增减|变化|较上年|比上年|同比|增长")


# How people name a table in a question (general template vocabulary). A 三公 item named
# alone is the 三公 table's row; named inside 基本支出 or 经济分类, the economic table's.
TABLE_NAMES: tuple[tuple[str, str], ...] = (
    # "一般公共预算支出经济分类情况表": all spending by economic item, not only 基本支出's
    ("gp_economic", r"(?<!基本)支出(预算|决算)?经济分类(情况|明细|预算)?表"),
    # (政府预算支出经济分类 is the 5xx classification, not the 部门 one these tables print)
    ("gp_basic_economic", r"(?<!政府)(?<!政府预算)(?<!政府预算支出)经济分类|经济科目"),
    ("three_public", r"三公|因公出国|公务接待|公务用车|会议费|培训费"),
    ("office_running", r"机关运行"),
    ("fiscal_summary", r"财政拨款收(?:入)?支(?:出)?(?:预算|决算)?(?:总)?表?"),
    ("income", r"收入总表|收入预算表"),
    ("summary", r"(?<!拨款)收支(预算|决算)?总表|(?<!拨款)收支总体情况表|(?<!拨款)收入支出(预算|决算)?总表"),
    ("project", r"项目支出(预算)?表"),
    ("gp_basic_economic", r"基本支出(预算|决算)?(情况|明细)?表"),
    ("gp_expense", r"一般公共预算(拨款)?支出(预算|决算)?(情况|明细)?表"),
    ("fiscal_expense", r"财政拨款支出(预算|决算)?(情况|明细)?表"),
    ("fund_expense", r"政府性基金(预算)?(拨款)?支出(预算|决算)?(情况|明细)?表"),
    ("soe", r"国有资本经营(预算)?(拨款)?支出(预算|决算)?(情况|明细)?表"),
    ("gov_purchase", r"政府采购(预算|支出|决算)?(预算)?(情况|明细)?表"),
    ("expense", r"(?<![款目费])支出(决算|预算)?总?表"),
)


# Words that ask, scope or qualify in general terms, and so explain no name of their own.
GENERAL_WORDS = re.compile(
    r"请问|告诉我|帮我|请|查一下|查查|看看|我想知道|想知道|问一下|一下|今年|本年度?|全年|每年|年度|一共|总共|合计|总计|总额|金额|多少|是否|有没有|什么|哪些|哪个|哪一[个家项类]|哪家|"
    r"怎么|如何|大概|大约|左右|预算数?|决算数?|安排|支出|收入|资金|经费|费用|部门|单位|本级|机关|财政拨款|"
    r"一般公共预算|政府性基金|基本|项目|实际|这块|这项|这个|那个|方面|部分|里面|其中|中的|当中|用于|用在|"
    r"用来|拿出|打算|计划|准备|人员|公用|经济分类|功能分类|科目|编码|代码|维护|口径下?|下面|类|款|项|的|了|是|有|为|在|"
    r"里|中|给|和|与|及|或|共|各|个|吗|呢|啊|呀|吧|多|少|几|钱|元|万|亿|年|月|"
    r"[两二三四五六七八九十\d]笔|所有|全部|[0-9０-９%（）()，,。？?、\s]")  # (两笔: how many rows a name has)


GENERAL_END = re.compile(f"(?:{GENERAL_WORDS.pattern}|那笔|这笔|那项|这项|那个|这个|那些|这些|就是|一下|问问|想问)$")


# A table cited by its title before the question proper: "按“三公”经费、会议费、培训费支出预算表，…"
CITED_TABLE = re.compile(r"(?:按|根据|依据|在|从|看)([^，,。？?；;]{2,40}?表)(?:中|里|内|上)?[，,]")


# the words of a total, in a heading or a row (支出合计, 本年收入合计, 总计)
TOTAL_WORD = re.compile(r"合计|总计")
# "…明细表的合计金额是多少": a table's total asked by the table's printed title
TABLE_TOTAL_ASKED = re.compile(r"([\u4e00-\u9fff“”\"（）()、]{3,40}?表)(?:中|里|上)?的?(?:本年)?(收入|支出)?(?:合计|总计)(?:数|金额|额|数字)?|"
                               r"([\u4e00-\u9fff“”\"（）()、]{3,40}?表)(?:中|里|上)?的?(?:总额|总金额)")


def _title_key(title: str) -> str:
    """A table's title as compared: no numbering (预算11表, 表7：), year, quotes, brackets or
    spaces."""
    t = re.sub(r"^(?:预算)?\d{1,2}表|^表[一二三四五六七八九十\d]+[：:、.]?|\s|[“”\"（）()]", "", title)
    return re.sub(r"^(?:按|根据|依据|在|从|看)|(?:19|20)\d{2}年度?", "", t)


def table_named(q: str) -> str | None:
    """The kind of table a question names, if any."""
    for kind, pattern in TABLE_NAMES:
        if re.search(pattern, q):
            if kind == "three_public" and "三公" not in q and re.search(r"基本支出|经济分类|经济科目", q):
                continue  # "基本支出中的公务接待费": the economic table's row
            return kind
    return None


def _title_said(q: str, m: Match) -> int:
    """How many pairs of adjacent characters of the question, outside the match, the title of a
    table printing the match's entity has (the larger, the more the question names that table)."""
    rest = "".join(ch if i not in m.span else "|" for i, ch in enumerate(q))
    pairs = {rest[i:i + 2] for i in range(len(rest) - 1)}
    return max((sum(1 for p in pairs if "|" not in p and p in t.title) for t, _ in m.entity.rows), default=0)


def _funding_source(e: Entity) -> bool:
    """A source-of-funds row of a summary table ('一、一般公共预算' on the 收入 side): in
    '一般公共预算基本支出' it qualifies another name rather than being the subject."""
    if re.fullmatch(r"(一般公共预算|政府性基金|国有资本经营)(预算)?(拨款)?(收入)?", clean_name(e.name)):
        return True
    return bool(e.rows) and all(
        (t.kind in ("summary", "fiscal_summary") and r.side == "收入")
        or re.fullmatch(r"([一二三四五六七八九十]+、)?(一般公共预算|政府性基金|国有资本经营)(预算)?(拨款)?(收入)?", r.label)
        for t, r in e.rows)


# A question asking for every row of a name together.
TWINS_ADDED = re.compile(r"一共|合计|总共|共计|加起来|加在一起|各行|两行|几行|总计|总额")


# "全年预算为 52.00 万元", "年初预算为0万元": a 决算 narrative's plan for an item, in 万元.
PLAN_SAID = re.compile(r"(年初|全年|调整后?|调整)预算(?:数)?(?:为|是)?\s*([\d,]+(?:\.\d+)?)\s*万元")


def plan_column_asked(column: str, q: str, kind: str) -> bool:
    """May ``column`` answer a question naming a 决算's plan (年初预算, 全年预算, 预算数)? Only a
    plan column, and one of the plan the question names when it names one: a 决算 prints the
    outturn beside the plan, and 年初预算 is not 全年预算. True when no plan is asked."""
    if kind != "决算" or not re.search(r"预算数|年初预算|全年预算|调整后?预算", q):
        return True
    if "预算" not in column:
        return False
    qualifier = re.search(r"年初|全年|调整", q)
    named = re.search(r"年初|全年|调整", column)
    return not (qualifier and named and qualifier.group(0) != named.group(0))


class LookupAnswers:
    """Amounts looked up in the tables: which row, which column, which cell."""

    def answer_grand_total(self, intent: Intent) -> Answer | None:
        """'预算一共多少钱', '今年预算大约几亿元': the document's total, when nothing narrower is named."""
        q = intent.q
        if not re.search(r"预算|总额|一共|总共|多少|几亿|几万|花多少", q):
            return None
        if any(y != self.doc.year for y in intent.years) or re.search(r"上年|去年|上一年|前一年", q):
            return None  # another year's total is derived elsewhere, or refused
        own_level = "" if "本级" in self.doc.department else "(?!本级)"  # (（本级）: the body's own level)
        q = re.sub(rf"[（(]{own_level}[^）)]*[）)]", "", q)
        rest = re.sub(r"预算|总额|总计|合计|一共|总共|全部|整体|大约|大概|约|多少|钱|几亿|几万|亿元|万元|元|是|的|有|呢|吗|收支|"
                      r"今年|本年|全年|部门|单位|本部门|花|换算成?|折合成?|折算成?|换成|转换成?|转成|化成|写成|等于|相当于|用|以|表示|"
                      r"^(?:请|把|将)|[^\u4e00-\u9fa5]", "", q)
        if rest == "收入":  # "部门预算收入是多少": the income side's total (本年收入 is not 收入总计)
            return self.income_total(intent) if not re.search(r"本年|当年", q) else None
        if rest == "支出" and not re.search(r"本年|当年", q):
            rest = ""  # "部门预算支出折合多少元": the spending side's total, the budget's
        if len(rest) >= 2 or not re.search(r"预算|总额|一共|总共|多少钱|几亿|几万|花多少", q):
            return None
        for kind, side in (("summary", "支出"), ("expense", None), ("gp_expense", None)):
            t = self.tables.get(kind)
            if t is None:
                continue
            row = next((r for r in t.rows if clean_name(r.label) in ("支出总计", "合计", "总计")
                        and (side is None or r.side == side)), None)
            if row is None:
                continue
            col = self.default_column(t, row)
            c = self.cell(t, row, col) if col else None
            if c:
                fig = self.figure(c, f"{self.doc.year}年预算总额", intent.unit)
                text = (f"{self.doc.department}{self.doc.year}年预算总额为{fmt(fig.value, fig.unit)}"
                        f"{self._unit_note(c, fig)}。{self.where(c)}。")
                return Answer(intent.raw, text, True, "lookup", [fig], document=self.doc.doc_id)
        return None

    def answer_table_total(self, intent: Intent) -> Answer | None:
        """"政府性基金预算支出表的合计数", "财政拨款政府购买服务明细表的合计金额": the total row of
        the one printed table whose title the question writes, when it asks nothing else."""
        m = TABLE_TOTAL_ASKED.search(intent.q)
        if m is None:
            return None
        said = _title_key(m.group(1) or m.group(3))
        before, after = intent.q[:m.start()], intent.q[m.end():]
        if len(said) < 3 or re.search(r"[\u4e00-\u9fff]", re.sub(r"^(?:按|根据|依据|在|从|看)", "", before)) or \
                not re.fullmatch(r"(?:是|为|有)?(?:多少|几何)?(?:钱|万元|元|亿元)?[？?。！!]*", after):
            return None  # (a row or column named besides the table: not its total)
        tables = [t for t in self.doc.tables if said in _title_key(t.title)]
        if len({t.title for t in tables}) != 1:
            return None
        t = tables[0]
        if m.group(2) and t.kind in ("summary", "fiscal_summary"):
            return None  # (收支总表里支出合计: one side of a two-sided table, not its total row)
        row = self.total_row(t)
        col = self.default_column(t, row) if row is not None else None
        c = self.cell(t, row, col) if col else None
        if c is None:
            return None
        fig = self.figure(c, f"{t.title}合计", intent.unit)
        text = f"{t.title}的{row.label}为{fmt(fig.value, fig.unit)}{self._unit_note(c, fig)}。{self.where(c)}。"
        return Answer(intent.raw, text, True, "lookup", [fig], document=self.doc.doc_id)

    def income_total(self, intent: Intent) -> Answer | None:
        """The document's whole income: the 收支总表's 收入总计, else the 收入总表's total."""
        for kind, side in (("summary", "收入"), ("income", None)):
            t = self.tables.get(kind)
            if t is None:
                continue
            row = next((r for r in t.rows if clean_name(r.label) in ("收入总计", "合计", "总计")
                        and (side is None or r.side == side)), None)
            col = self.default_column(t, row) if row is not None else None
            c = self.cell(t, row, col) if col else None
            if c:
                fig = self.figure(c, f"{self.doc.year}年收入总计", intent.unit)
                return Answer(intent.raw, f"{self.doc.department}{self.doc.year}年收入总计为{fmt(fig.value, fig.unit)}"
                              f"{self._unit_note(c, fig)}。{self.where(c)}。", True, "lookup", [fig],
                              document=self.doc.doc_id)
        return None

    def answer_lookup(self, intent: Intent, matches: list[Match]) -> Answer | None:
        usable = [m for m in matches if m.entity.kind not in ("definition", "section")]
        inner = self.inner_subject(intent.q)
        if inner:
            usable = inner
        # "财政拨款收支预算总表的收入总计": a name said only inside the title of the table the
        # question names (财政拨款) is not the item asked, when another is named
        titled = {i for _, pattern in TABLE_NAMES for t in re.finditer(pattern, intent.q)
                  if t.group().endswith("表") for i in range(t.start(), t.end())}
        in_title = [m for m in usable if m.span and set(m.span) <= titled]
        if in_title and any(m.exact and m.span and not set(m.span) <= titled for m in usable):
            usable = [m for m in usable if m not in in_title]
        # a source of money qualifies another name it stands beside (一般公共预算 of 一般公共预算
        # 基本支出), and is the subject when nothing else is named (一般公共预算拨款有多少)
        named = list(usable)  # (a list being sorted reads as empty)
        # (收入 is a source's own word: 一般公共预算拨款收入 names no other item, 财政拨款收入)
        usable.sort(key=lambda m: _funding_source(m.entity) and any(
            not _funding_source(o.entity) and {i for i in set(o.span) - set(m.span) if intent.q[i] not in "收入"}
            for o in named))
        kind = table_named(intent.q)
        if kind:
            # "三公经费里的公务接待费": the row of the table the question names comes first
            either = kind == "gp_basic_economic" and "基本" not in intent.q

            def in_named(m: Match) -> bool:  # (按经济分类 alone: of all spending or of 基本支出)
                return any(t.kind == kind or (either and t.kind == "gp_economic" and "项目" not in t.title)
                           for t, _ in m.entity.rows)
            # (a project named in full is itself what is asked: 公务用车购置项目 is not 公务用车购置费)
            others = list(usable)  # (a list being sorted reads as empty)

            def own_project(m: Match) -> bool:  # not a part of a longer name asked (运行维护费)
                # (nor a name the table named prints as its own row: 财政拨款收支总表中“污染防治”款)
                return m.exact and m.entity.kind == "project" and not any(
                    o.exact and m.entity.key in o.entity.key and o.entity.key != m.entity.key
                    for o in others) and not any(
                    o is not m and o.exact and o.entity.key == m.entity.key and in_named(o) for o in others)
            # (a name the question says only in part, 公务用车购置费 for 公务用车运行维护费, is no row
            # of the table named, however that table is named)
            usable.sort(key=lambda m: (not ((in_named(m) and (m.exact or m.coverage >= 0.8)) or own_project(m)),
                                       in_named(m) and not m.exact))
        unit = usable[0].entity.name if usable and usable[0].entity.name in self.cat.unit_names else None
        unit_span = set(usable[0].span) if unit is not None else set()  # (a list being sorted reads as empty)

        def of_the_unit(m: Match) -> bool:  # an item printed per unit: in the unit's rows or column
            return m.exact and m.entity.name != unit and bool(set(m.span) - unit_span) and any(
                r.texts.get(UNIT_OF_ROW) == unit or unit in t.columns for t, r in m.entity.rows)
        if unit is not None and any(of_the_unit(m) for m in usable[1:]):
            # "东郊监狱日常保障运行": the unit scopes the item it names (its rows, its column), not its total
            usable.sort(key=lambda m: not of_the_unit(m))
        if not usable:
            return self.answer_definition(intent, matches) if matches[0].entity.kind == "definition" \
                and re.search(r"是什么|什么是|意思|含义|指", intent.q) else None
        if usable[0].entity.kind == "fact":
            same = next((m for m in usable[1:] if m.entity.kind != "fact" and m.entity.key == usable[0].entity.key), None)
            if same is not None:
                usable.insert(0, same)  # a table cell is the primary source; the narrative repeats it
        best = usable[0]
        if best.exact and best.entity.kind in ("row", "subject", "econ"):
            # the same name in two tables: the one whose title the question says (一般公共预算
            # 支出…按经济分类 of 一般公共预算支出表（按经济分类）, not 基本支出总表)
            same = [m for m in usable if m.exact and m.entity.key == best.entity.key
                    and m.span == best.span and m.entity.kind in ("row", "subject", "econ")]
            titled = max(same, key=lambda m: _title_said(intent.q, m))
            if _title_said(intent.q, titled) >= max(3, _title_said(intent.q, best) + 2):
                best = titled  # (a title said in several words, not one such as 预算)
        quoted = {clean_name(x) for x in re.findall(r"[“\"「『]([^”\"」』]{2,})[”\"」』]", intent.raw)}
        named_project = next((m for m in usable if m.exact and m.entity.kind == "project" and m.entity.key in quoted), None)
        if named_project is not None and best.entity.key not in quoted:
            best = named_project  # "杭州市法律援助中心“法律援助”项目": the project quoted, not its unit
        elif best.entity.kind == "project" and (re.search(r"收入", intent.q) or "项目" not in intent.q):
            # "西安市城建档案馆预算收入", "…评审中心的预算总额": a unit the 项目支出表 groups projects
            # under, and a row of the 收入总表 (支出总表): its income or its budget is the row's,
            # never its projects' sum (unless its 项目 are asked)
            kinds = ("income",) if re.search(r"收入", intent.q) else ("expense", "income")
            best = next((m for m in usable[1:] if m.exact and m.entity.key == best.entity.key
                         and any(t.kind in kinds for t, _ in m.entity.rows)), best)
        # a longer name said nearly in full around the exact one (政府采购项目中，预留给中小企业的
        # 项目资金规模: a column of its own, not 政府采购项目 with words left over)
        best = next((m for m in usable[1:] if not m.exact and m.coverage >= 0.9 and best.span < m.span
                     and len(m.span) >= len(best.span) + 4 and m.entity.kind == best.entity.kind), best)
        if best.entity.kind == "row" and best.entity.key in ("支出总计", "收入总计"):
            # "西安市财政投资评审中心的预算总额 (支出总计)": the total of a unit the income and
            # expense tables print a row for, not the document's
            unit = next((m for m in usable if m.exact and m.span and max(m.span) < min(best.span or {0})
                         and m.entity.kind in ("subject", "row")
                         and any(t.kind in ("income", "expense") for t, _ in m.entity.rows)
                         and not TOTAL_WORD.search(m.entity.key)), None)
            best = unit or best
        if best.entity.kind in ("row", "measure") and re.search(r"(合计|总计)$", best.entity.key):
            # "项目支出合计": the measure read first, then its total, not the row 支出合计
            earlier = next((m for m in usable if m.entity.kind == "measure" and m.exact
                            and set(m.span) & set(best.span) and min(m.span) < min(best.span)), None)
            # "本年支出合计中基本支出": the total's part, the column named right after 中/里
            later = next((m for m in usable if m.entity.kind == "measure" and m.exact and m.span
                          and min(m.span) > max(best.span) and re.fullmatch(
                              r"(其中|中的?|之中|当中|里的?|里面)", intent.q[max(best.span) + 1:min(m.span)])), None)
            best = earlier or later or best
        if best.entity.kind == "row" and best.entity.key in TABLE_TOPIC_KEYS:
            # "一般公共预算基本支出的办公费": a row of the table the words name, not its total
            tables = {t.title for t, _ in best.entity.rows}
            # (or "…基本支出按经济分类，30113住房公积金": its classification, a code, between)
            best = next((m for m in usable if m is not best and m.exact and m.span
                         and re.fullmatch(r"(的|中的?|里的?|之中|当中|其中)|(?:[(（]?按(?:经济|功能)分类(?:科目)?[)）]?)?"
                                          r"[，,：:\s]*(?:的|中的?|里的?|其中)?[，,：:\s]*\d*",
                                          intent.q[max(best.span) + 1:min(m.span)])
                         and m.entity.kind in ("subject", "econ", "row", "project")
                         and any(t.title in tables for t, _ in m.entity.rows)), best)
        if best.entity.kind == "measure":
            # "行政运行的人员经费": the named row, in the measure's column
            column = best.entity.column
            row = next((m for m in usable[1:] if m.exact and not set(m.span) & set(best.span) and (
                m.entity.kind in ("subject", "econ") or (m.entity.kind == "row" and any(
                    column in t.columns for t, _ in m.entity.rows)))), None)  # 某医院的事业收入
            best = row or best
        if best.entity.kind == "subject" and best.entity.code:
            # "行政运行（数据事务）", "信访事务（款）行政运行（项）": the child of the named parent
            # (never a child printed under the parent's own name: 30199 of 工资福利支出（301）)
            child = next((m for m in usable if m.entity.kind == "subject" and m.exact and m.entity.code
                          and len(m.entity.code) > len(best.entity.code)
                          and m.entity.code.startswith(best.entity.code)
                          and m.entity.key != best.entity.key), None)
            best = child or best
        elif best.exact and best.entity.kind in ("subject", "row") and best.span:
            # "强制隔离戒毒（款）行政运行（项）" in tables printing no codes: the child said after the
            # parent, printed under it (the nearest of the two names above one of its rows)
            best = next((m for m in usable if m.exact and m.span and m.entity.kind in ("subject", "row")
                         and min(m.span) > max(best.span) and m.entity.key != best.entity.key
                         and _printed_under(best.entity, m.entity)), best)
        if best.span and best.entity.kind in ("subject", "row", "econ") and best.entity.name not in self.cat.unit_names:
            said = next((at for at in self.cat.units_said(intent.q).values() if set(best.span) < at), None)
            if said and not any((m.exact or m.coverage >= 0.6) and m.span and not set(m.span) <= said
                                for m in matches if m is not best):
                # "富春强制隔离戒毒所的项目": a name inside a unit's name said, and nothing else
                # named, is not what is asked
                return None
        if best.entity.kind != "project" and self.missing_column(intent.q, best.entity):
            # the same name in another table that prints the column asked for (公务接待费 of the
            # 三公 table, with its 预算数, rather than of the 基本支出 决算 table)
            best = next((m for m in usable[1:] if m.entity.key == best.entity.key
                         and not self.missing_column(intent.q, m.entity)), best)
        e = best.entity
        if "sum" in intent.ops and best.span and e.name in self.cat.unit_names and \
                all(t.kind in ("income", "expense") for t, _ in e.rows) and \
                re.search(r"项目.{0,6}(?:加起来|合计|一共|总共|共计|总计|之和)", intent.q[max(best.span) + 1:]):
            return None  # "某仲裁院的专项业务经费项目加起来": its projects summed, never the unit's total
        extra = self.unexplained(intent.q, best, usable) if e.kind in ("subject", "row", "econ", "project") \
            or (e.kind == "measure" and not best.exact) else None
        if extra and e.kind == "row" and clean_name(e.name) in TABLE_TOPIC_KEYS:
            return None  # "政府采购工程预算": a part of a topic's table, which the narrative may state
        if extra and re.search(rf"{re.escape(extra)}类", intent.q):
            return None  # "政府采购预算里服务类项目": a category of it, which the narrative may state
        if extra is None and e.kind == "measure" and best.span and (category := re.match(
                r"(?:中|里|之中|当中|里面)?的?[，,：:\s]*([\u4e00-\u9fff]{1,4}?)类", intent.q[max(best.span) + 1:])) and \
                not any(o.exact and o is not best and intent.q.find(category.group(1)) in o.span for o in usable):
            return None  # "政府采购项目中，服务类有多少": a category of the column, not the column
        if extra and (stated := self._stated_of(intent, extra)) is not None:
            return stated  # "各单位委托业务费财政拨款总额": the narrative states it, no table does
        if extra:
            return Answer(intent.raw, f"您是指“{e.name}”吗？公开文件中没有问题里说的"
                          f"“{extra}”这一项，所以不给出数字。",
                          False, "refusal", [], document=self.doc.doc_id)
        if "purpose" in intent.ops and e.kind != "project":
            return None  # what something is for is told by the narrative, not by its amount
        if e.kind == "project":
            return self.answer_project(intent, self.refine_project(intent, best))
        if e.kind in ("subject", "row", "econ", "measure"):
            answer = self.answer_amount(intent, e, matches)
            if self._basic_part_only(intent, e) and answer is not None and answer.figures and \
                    (stated := self._stated_of(intent, clean_name(e.name))) is not None and stated.figures and \
                    convert(stated.figures[0].value, stated.figures[0].unit, "万元") != \
                    convert(answer.figures[0].value, answer.figures[0].unit, "万元"):
                return stated  # "委托业务费财政拨款预算总额": the narrative's whole, not 基本支出's part
            return answer
        if e.kind == "fact":
            return self.answer_fact(intent, e)
        if e.kind == "definition":
            return self.answer_definition(intent, matches)
        return None

    @staticmethod
    def _basic_part_only(intent: Intent, e: Entity) -> bool:
        """An item printed only in tables of 基本支出, asked without saying 基本支出: its rows give
        the part spent on running the body, which a narrative stating the item's whole overrides."""
        return e.kind in ("subject", "econ", "row") and bool(e.rows) and \
            all(t.kind == "gp_basic_economic" for t, _ in e.rows) and \
            not re.search(r"基本|人员经费|公用经费|人员|公用", intent.q)

    def _stated_of(self, intent: Intent, words: str) -> Answer | None:
        """The one amount the narrative states for the question, said after ``words`` and more
        of the question's words with them (委托业务费财政拨款总额), not after the words alone; or None."""
        from .passage_figures import figure_in_passages, longest_common, narrative_passages, stated_answer
        if words not in self.cat.narrative_text:
            return None  # (most items are never named by the narrative: no scan of its sentences)
        found = figure_in_passages(intent.q, narrative_passages(self.doc), "money")
        anchor = found.anchor.replace(" ", "") if found is not None else ""
        if words not in anchor or longest_common(anchor, intent.q) < len(words) + 2:
            return None
        return stated_answer(intent.raw, intent.unit, self.doc.doc_id, found, [found.passage])

    def unexplained(self, q: str, m: Match, usable: list[Match]) -> str | None:
        """Words that narrow the name an amount question matched but that the name does not
        have: '航母' right before '维修费' (matched 维修（护）费), '交通' between '智慧' and '平台'
        (matched 智慧教育平台). Other matched names, the scope and general question and budget
        words explain the rest; what is left means the document does not hold what was asked."""
        if not m.span or not re.search(r"多少|金额|钱|预算|安排", q) or \
                ASKS_COUNT.search(q):
            return None
        explained = set().union(*(o.span for o in usable if o.exact or o.coverage >= 0.8)) | m.span
        # another name of the same printed row (行业服务质量提升经费 | 其他咨询服务 of one purchase)
        own_rows = {id(r) for _, r in m.entity.rows}
        code = m.entity.code or ""
        named = self.cat.match(q) if own_rows or code else []
        for o in named if own_rows else []:
            if o.exact and o.span and any(id(r) in own_rows for _, r in o.entity.rows):
                explained |= o.span
        for o in named if code else []:  # its class named before it (工资福利支出中的奖金)
            if o.exact and o.entity.code and o.entity.code != code and code.startswith(o.entity.code):
                explained |= o.span
        for key in [m.entity.key, m.entity.name, *m.entity.extra_keys]:  # its name beside its code
            at = q.find(key) if key else -1
            if at >= 0:
                explained |= set(range(at, at + len(key)))
        # characters of the name itself (因公出国（境）经费 ~ 因公出国（境）费) and runs of the
        # body's own name (烟台民政 of 烟台市民政局) explain themselves
        own = set(clean_name(m.entity.name))
        explained |= {i for i, ch in enumerate(q) if ch in own}
        dept = self.doc.department
        explained |= {i for i in range(len(q) - 1) if q[i:i + 2] in dept} | \
            {i + 1 for i in range(len(q) - 1) if q[i:i + 2] in dept}
        span = sorted(m.span)
        for a, b in zip(span, span[1:]):  # a gap inside the matched name
            gap = q[a + 1:b]
            widest = 6 if m.entity.kind == "measure" else 4  # 政府采购[预算中服务类]项目
            if 2 <= b - a - 1 <= widest and not any(i in explained for i in range(a + 1, b)):
                rest = GENERAL_WORDS.sub("", gap)
                if len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 2:
                    return rest
        run, i = "", span[0]
        while i > 0 and (i - 1) not in explained and "\u4e00" <= q[i - 1] <= "\u9fff" \
                and not GENERAL_END.search(q[:i]):
            run, i = q[i - 1] + run, i - 1  # the words right before the name, up to a general one
        if any(run in t.title for t, _ in m.entity.rows):
            return None  # the table the row is printed in (政府采购 of 政府采购预算明细表 C-服务)
        return run if len(run) >= 2 else None

    def _column_of(self, e: Entity, words: str) -> bool:
        """Whether ``words`` name (by a general column word) a column of a table printing ``e``."""
        return any(re.search(pattern, words) and any(col in c and f"非{col}" not in c for c in t.columns)
                   for col, pattern in COLUMN_WORDS + SOURCE_COLUMN_WORDS for t, _ in e.rows)

    def inner_subject(self, q: str) -> list[Match]:
        """'三公经费其中公务接待呢', '基本支出中人员经费多少': the part named after 其中/中/里,
        when what precedes it is itself a named whole."""
        for sep in re.finditer(r"其中|中的|之中|当中|里的|里面|(?<![以之])下的|下面的?|中(?![心学专小])|里", q):
            head, tail = q[:sep.start()], q[sep.end():]
            head = re.sub(r"(?<=[\u4e00-\u9fff]{2})[类款项]$", "", head)  # "公路水路运输款下的行政运行"
            if sep.group(0) != "其中":
                ends = [m for m in self.confident(head, self.cat.match(head))
                        if m.exact and max(m.span) == len(head) - 1]
                if not ends:
                    continue  # 中 inside a name (中小学, 体验中心), not a container
            inner = [m for m in self.confident(tail, self.cat.match(tail))
                     if m.entity.kind not in ("definition", "section")]
            if sep.group(0) != "其中" and inner and self._column_of(ends[0].entity, tail):
                continue  # "民政业务工作经费中财政拨款": a column of the project's own row
            if inner and inner[0].entity.kind != "measure":
                return inner  # a column after 中 ("科学技术支出中的项目支出") is the head's column
        return []

    def refine_project(self, intent: Intent, m: Match) -> Entity:
        """A project named inside a longer project name ('政府投资信息化项目专项资金' within
        '政府投资信息化项目2022年度未形成支付专项资金'): the longer one when the rest of the
        question speaks of what it adds ('去年未支付的' ~ '2022年度未形成支付')."""
        e = m.entity
        leftover = "".join(ch for i, ch in enumerate(intent.q) if i not in m.span)
        if re.search(r"不是|并非|除了|而非|不要|不含", leftover):
            return e  # "（不是未形成支付的那个）": the name as said
        leftover = re.sub(r"去年|上年|上一年", f"{self.doc.year - 1}年度", leftover)
        best, best_gain = e, 0.0
        for other in self.cat.entities:
            if other.kind != "project" or other is e or len(other.key) <= len(e.key):
                continue
            if len(_lcs_positions(e.key, other.key)) < len(e.key):
                continue  # not an extension of the matched name
            extra = "".join(ch for ch in other.key if ch not in e.key)
            if len(extra) < 2:
                continue
            gain = sum(1 for ch in set(extra) if ch in leftover) / len(set(extra))
            if gain >= 0.5 and gain > best_gain:
                best, best_gain = other, gain
        return best

    def of_unit_named(self, q: str, e: Entity) -> tuple[Entity, str | None]:
        """"北郊监狱狱政设施建设": of a name printed once per unit (each 监狱's 狱政设施建设), the
        rows of the one unit the question names, in full or without the place the body's name
        begins with; the entity as it is when the question names none of them."""
        units = {r.texts.get(UNIT_OF_ROW) for _, r in e.rows} - {None}
        if len(units) < 2:
            return e, None
        said = [u for u in units if self.cat.unit_said(u, q)]
        if not said and "本级" in q and not OWN_LEVEL_LEFT_OUT.search(q):
            # "委本级的保健经费": the rows printed as the body's own
            said = [u for u in units if clean_name(u) == clean_name(self.doc.department)]
        if len(said) != 1:
            return e, None
        return replace(e, rows=[(t, r) for t, r in e.rows if r.texts.get(UNIT_OF_ROW) == said[0]]), said[0]

    def entity_cell(self, intent: Intent, e: Entity) -> tuple[Cell, str | None, list[Cell]] | None:
        """The amount an entity stands for under this question: (cell, arithmetic, parts)."""
        q = intent.q
        e, unit = self.of_unit_named(q, e)
        if unit is not None:
            found = self.entity_cell(intent, e)
            if found is None:
                return None
            cell, arithmetic, parts = found
            return Cell(cell.value, cell.unit, cell.prov, f"{unit}{cell.label}"), arithmetic, parts
        if e.kind == "econ":
            t = e.rows[0][0]
            col = self.pick_column(q, t, default="合计")
            outside = q.replace(clean_name(e.name), "").replace(e.name, "")
            rows = [(tt, r) for tt, r in e.rows if r.label2 and r.label2 in outside and r.label2 != r.label] or e.rows
            parts = [c for tt, r in rows if (c := self.cell(tt, r, col))]
            if not parts:
                return None
            if len(parts) == 1:
                return parts[0], None, []
            total = sum((p.value for p in parts), Decimal(0))
            arithmetic = " + ".join(f"{p.value}（{p.prov.row}）" for p in parts) + f" = {total}"
            prov = Provenance(self.doc.doc_id, t.title, e.name, col, parts[0].prov.line, parts[0].prov.page)
            return Cell(total, t.unit, prov, e.name), arithmetic, parts
        whole = self.basic_plus_project(q, e)
        if whole is not None:
            return whole
        t, r = self.pick_row(q, e)
        if t is None:
            return None
        if e.kind == "measure":
            gp = self.tables.get("gp_expense")
            if "一般公共预算" in q and gp is not None and e.column in gp.columns and t.kind != "gp_basic_economic":
                t, r = gp, self.total_row(gp) or r  # 一般公共预算基本支出: the 一般公共预算 table's total
            elif "一般公共预算" in q and not re.search(r"公共预算|拨款|收入|资金", e.column or "") and \
                    t.kind not in ("gp_expense", "gp_basic_economic", "gp_economic"):
                gb = self.tables.get("gp_basic_economic")
                total = self.total_row(gb) if gb is not None and e.column == "基本支出" else None
                c = self.cell(gb, total, "合计") if total is not None and "合计" in gb.columns else None
                return (c, None, []) if c else None  # never the all-funds table's figure
            c = self.cell(t, r, e.column)
            return (c, None, []) if c else None
        col = self.pick_column(q, t, default=None, row=r)
        if col is None and self.missing_column(q, e):
            return None
        if col is None and t.kind == "income" and re.search(r"基本支出|项目支出", q.replace(e.key, "")):
            return None  # a unit's 项目支出 asked, its row of the 收入总表 found: no spending there
        if col is not None and col in r.values and r.values.get(col) is None \
                and re.search(COLUMN_PATTERNS.get(col, re.escape(col)), q.replace(clean_name(e.name), "")):
            return None  # the part asked is blank in this row: never the row's total instead
        if col is None or r.values.get(col) is None:
            col = col if col and r.values.get(col) is not None else self.default_column(t, r)
        if col is None:
            return None
        c = self.cell(t, r, col)
        if c is not None and (e.kind == "subject" and e.code or e.kind == "project"):
            whole = self.twin_rows(q, e, t, r, col, c)
            if whole is not None:
                return whole
        if c is not None and re.search(r"[两几各]行|两处", q):
            return None  # "两行加起来" of a name printed once here: one row is not their sum
        return (c, None, []) if c else None

    def twin_rows(self, q: str, e: Entity, t: Table, r: Row, col: str, c: Cell
                  ) -> tuple[Cell, str, list[Cell]] | None:
        """A coded subject printed on several rows of one table (each unit's block, or the
        government and the department economic classification: 50103-住房公积金 and
        50501-工资福利支出 · 30113 住房公积金), or a project each unit lists under the same name,
        asked as a whole (一共, 合计, 两行加起来): those rows added up, shown."""
        same = (lambda rr: rr.code == r.code) if e.kind == "subject" else (lambda rr: rr.label == r.label)
        rows = [rr for tt, rr in e.rows if tt is t and same(rr)]
        if len(rows) >= 2 and e.kind == "subject" and not TWINS_ADDED.search(q):
            return self.unit_blocks(t, rows, e, col, c)
        if len(rows) < 2 or not (TWINS_ADDED.search(q) or e.kind == "project"):
            return None  # (a subject asked without saying all of them: the row the table prints first)
        # (a project of one name listed once per unit is, for the body, all of them)
        parts = [self.cell(t, rr, col) for rr in rows]
        if any(p is None for p in parts):
            return None
        if not TWINS_ADDED.search(q) and len({p.value for p in parts}) == 1:
            return None  # one amount printed twice (a project under its own heading): the row itself
        total = sum((p.value for p in parts), Decimal(0))
        arithmetic = " + ".join(f"{p.value}（第{p.prov.line}行）" for p in parts) + f" = {total}"
        prov = Provenance(self.doc.doc_id, t.title, e.name, col, r.line, r.page, e.code)
        return Cell(total, c.unit, prov, e.name), arithmetic, parts

    def unit_blocks(self, t: Table, rows: list[Row], e: Entity, col: str, c: Cell
                    ) -> tuple[Cell, str | None, list[Cell]] | None:
        """A subject printed on several rows of one table that nothing tells apart (北京's
        一般公共预算支出表 prints each unit's block under no unit's name): the body's amount is
        the row that is the others' sum (a block of the whole first), else all of them added up,
        shown; None when the rows are told apart (two 政府 classes) or print one amount."""
        if len({(rr.label, rr.label2 or "", rr.texts.get(UNIT_OF_ROW, "")) for rr in rows}) != 1:
            return None  # (told apart: the row the table prints first, as before)
        parts = [self.cell(t, rr, col) for rr in rows]
        if any(p is None for p in parts) or len({p.value for p in parts}) == 1:
            return None
        total = sum((p.value for p in parts), Decimal(0))
        whole = next((p for p in parts if p.value * 2 == total), None)
        if whole is not None:
            return whole, None, []  # (the whole's block, then its units': the whole's row)
        arithmetic = " + ".join(f"{p.value}（第{p.prov.line}行）" for p in parts) + f" = {total}"
        prov = Provenance(self.doc.doc_id, t.title, e.name, col, rows[0].line, rows[0].page, e.code)
        return Cell(total, c.unit, prov, e.name), arithmetic, parts

    def basic_plus_project(self, q: str, e: Entity, both_asked: bool = False) -> tuple[Cell, str, list[Cell]] | None:
        """An economic item printed both in the 基本支出 economic table and in the 项目支出
        economic table, asked without saying which (or asked in both, ``both_asked``): its
        whole amount is the two added up, shown."""
        if e.kind != "subject" or not (e.code or "").startswith("3") or \
                (not both_asked and re.search(r"基本支出|项目支出|人员经费|公用经费|基本|项目", q)):
            return None
        basic = [(t, r) for t, r in e.rows if t.kind == "gp_basic_economic"]
        project = [(t, r) for t, r in e.rows if t.kind == "gp_economic" and "项目" in t.title]
        if len(basic) != 1 or len(project) != 1:
            return None
        parts = []
        for t, r in (basic[0], project[0]):
            col = self.default_column(t, r)
            c = self.cell(t, r, col) if col else None
            if c is None or c.unit != (parts[0].unit if parts else c.unit):
                return None
            parts.append(c)
        total = parts[0].value + parts[1].value
        arithmetic = (f"{parts[0].value}（{basic[0][0].title}）+ {parts[1].value}（{project[0][0].title}）"
                      f" = {total}")
        prov = Provenance(self.doc.doc_id, f"{basic[0][0].title} + {project[0][0].title}", e.name,
                          "基本支出 + 项目支出", parts[0].prov.line, parts[0].prov.page, e.code)
        return Cell(total, parts[0].unit, prov, e.name), arithmetic, parts

    def missing_column(self, q: str, e: Entity) -> str | None:
        """The column the question asks for in so many words that no table printing this
        entity has: the answer is that the disclosure does not give it, not another column."""
        rest = q.replace(e.name, "").replace(clean_name(e.name), "")
        col = self.named_column(rest, strict=True)
        if col is None or any(col in c for t, _ in e.rows for c in t.columns):
            return None
        if col in ("合计", "总计") and any(TOTAL_WORD.search(c) for t, _ in e.rows for c in t.columns):
            return None  # "一共多少": 支出总计 is the row's total as 合计 is
        return col

    def pick_row(self, q: str, e: Entity) -> tuple[Table | None, Row | None]:
        if e.kind == "measure":
            return e.rows[0]
        order = ["expense", "gp_expense", "income", "summary", "fiscal_summary", "project",
                 "gp_basic_economic", "office_running", "three_public"]
        said = q
        q = re.sub(r"[（(](?:含|包括|包含)[^）)]*[）)]", "", q)  # （含各类资金来源）: no source asked
        if re.search(r"收入|来源", q):
            order = ["income", "summary", "fiscal_summary"] + order
        if "财政拨款" in q:
            order = ["fiscal_expense", "fiscal_summary"] + order
        if "一般公共预算" in q and ("支出" in q or (e.kind == "subject" and not re.search(r"收入|来源", q))):
            # (a spending subject the 一般公共预算 gives, 安排, 拨给: its table, never all funds')
            order = ["gp_expense"] + order
        if "国有资本" in q:
            order = ["soe"] + order
        if "政府性基金" in q and "收入" not in q:
            order = ["fund_expense"] + order  # "政府性基金里城市建设支出": the fund's own table
        if kind := table_named(q):
            order = [kind] + order
        if e.kind == "subject" and re.search(r"项目支出|项目经费", q) and any(
                t.kind == "gp_economic" and ("项目" in t.title or "项目支出" in t.columns) for t, _ in e.rows):
            # an economic item "in 项目支出": the economic table of project spending, not of 基本支出
            order = ["gp_economic"] + order
        rows = sorted(e.rows, key=lambda tr: order.index(tr[0].kind) if tr[0].kind in order else 99)
        if e.name in self.cat.unit_names and not re.search(r"基金|国有资本", q):
            # a unit's row in the table of one fund (政府性基金预算支出表) gives the fund's part of
            # its spending, never its spending asked plainly (宝安管理局的项目支出)
            rows = [tr for tr in rows if tr[0].kind not in ("fund_expense", "soe")]
            if not rows:
                return None, None
        if e.kind == "subject" and (e.code or "").startswith("3") and \
                not re.search(r"基本|人员经费|公用经费|项目", q):
            # an economic item asked as such (资本性支出): the economic table of all spending,
            # not the one of 基本支出 only (nor one of 项目支出 only)
            rows.sort(key=lambda tr: not (tr[0].kind == "gp_economic" and "项目" not in tr[0].title))
        # a two-sided table prints a name on both sides: the side the question says first
        side = "收入" if re.search(r"收入|来源", q) and "支出" not in q else \
            "支出" if "支出" in q and "收入" not in q else None
        if side:
            rows.sort(key=lambda tr: tr[1].side not in (None, side))
        # A table printing the subject once per economic item (Beijing's 支出总表) gives its
        # parts, not its amount: a table printing it on one row comes first.
        per_table = Counter(id(t) for t, _ in e.rows)
        rows.sort(key=lambda tr: per_table[id(tr[0])] > 1 and tr[1].label2 is not None)
        named_col = self.named_column(q.replace(e.key, ""))  # (一般公共预算资金 names no column)
        if named_col == "预算数" and self.doc.kind == "预算":
            named_col = None  # in a budget every amount is a 预算数: the word names no table
        if named_col in ("合计", "总计"):
            # "一共多少": any table printing a total column, in the order above (the economic
            # table of all spending prints 支出总计, the 基本支出 one 合计)
            rows.sort(key=lambda tr: not any(TOTAL_WORD.search(c) for c in tr[0].columns))
        elif named_col:
            # "年初预算数是多少": the table that prints that column
            rows.sort(key=lambda tr: not any(named_col in c for c in tr[0].columns))
        # a total's heading said in full (本年支出合计): a table printing it, whatever the words around
        rows.sort(key=lambda tr: not any(len(c) >= 5 and TOTAL_WORD.search(c) and c in said for c in tr[0].columns))
        if e.kind in ("subject", "row") and len(rows) > 1:
            # 行政运行 under several 款: the one whose 款 the question names (监狱行政运行), by its
            # code's parent, or where no codes are printed, by a row printed above it since the
            # previous row of the same name
            key = e.key
            unnamed = q  # the question without the tables it names (财政拨款收支总表 heads no row)
            for _, pattern in TABLE_NAMES:
                unnamed = re.sub(pattern, "", unnamed)

            def parent_named(tr: tuple[Table, Row]) -> bool:
                t, r = tr
                if r.code and len(r.code) >= 5:
                    parent = next((x for x in t.rows if x.code == r.code[:-2]), None)
                    name = clean_name(parent.label) if parent is not None else ""
                    return len(name) >= 2 and name in q
                i = next((n for n, x in enumerate(t.rows) if x is r), None)
                if i is None:
                    return False
                for x in reversed(t.rows[:i]):
                    if x.side != r.side:
                        continue  # (the other side of a 收支 table heads nothing here)
                    name = clean_name(x.label)
                    if name == key:
                        return False
                    if len(name) >= 2 and name in unnamed and name not in key:
                        return True
                return False
            named = [tr for tr in rows if parent_named(tr)]
            if named and len(named) < len(rows):
                # within each table only: the tables keep the order the question chose
                first = {}
                for n, (t, _) in enumerate(rows):
                    first.setdefault(id(t), n)
                rows.sort(key=lambda tr: (first[id(tr[0])], not parent_named(tr)))
        for t, r in rows:
            if any(v is not None for v in r.values.values()):
                return t, r
        return rows[0] if rows else (None, None)

    def named_column(self, q: str, strict: bool = False) -> str | None:
        """The column the question names ('人员经费', '决算数'), if any. ``strict``: only a
        column named in so many words, which an answer must then come from (预算数 only in
        final accounts, where it differs from the 决算数)."""
        for _, pattern in TABLE_NAMES:
            q = re.sub(pattern, "", q)  # "支出决算表里…": the table's name is not a column
        words = STRICT_COLUMN_WORDS if strict else COLUMN_WORDS
        for col, pattern in words:
            if strict and (col == "预算数") != (self.doc.kind == "决算"):
                continue
            if re.search(pattern, q):
                return col
        return None

    def pick_column(self, q: str, t: Table, default: str | None, row: Row | None = None) -> str | None:
        """The column the question names: one of the table's own headings written out in it
        (事业收入, 事业单位经营收入: the longest), else a general column word, else ``default``."""
        last_year = re.search(r"上年|去年|上一年|前一年", q)
        outside = q.replace(row.label, "") if row is not None else q
        outside = re.sub(r"[（(]?(?:含|包括|包含)[^）)，,。？?]*[）)]?", "", outside)  # （含事业收入）: not the column
        units = set(self.cat.unit_names)

        def written(c: str) -> int:
            """How much of heading ``c`` the question writes: all of it, or the part after its
            group (单位资金 of 上年结转结余·单位资金), the group counting when written too; a unit's
            column (杭州市西郊监狱) said without the place the body's name begins with (西郊监狱)."""
            group, _, leaf = c.rpartition("·")
            if c in units and c not in outside:
                return len(c) if self.cat.unit_said(c, outside) else 0
            if len(c) < 3 or leaf not in outside or (COMPARISON.search(c) and not last_year):
                return 0
            return len(c) if c in outside else len(leaf) + (len(group) if group and group in outside else 0)

        scored = [(written(c), "·" not in c) for c in t.columns]
        chosen = [c for c, sc in zip(t.columns, scored) if sc[0] >= 3]
        part = next((b for a in chosen for b in chosen if a != b and re.search(
            rf"{re.escape(a)}(?:中的?|里的?|里面的?|之中|当中|其中)[：:，,]?{re.escape(b)}", outside)), None)
        if part is not None:
            return part  # "基本支出中的人员经费": the part named inside the other column
        whole = next((c for c in t.columns if re.fullmatch(r"合计|总计|小计|(?:支出|收入)(?:合计|总计)", c)), None)
        if len(chosen) >= 2 and whole and re.search(r"加|合计|一共|总共|共计|两者|两项", outside) and \
                not any(a in b for a in chosen for b in chosen if a != b):
            return whole  # 差旅费合计（基本支出加项目支出）: both parts asked, the row's whole
        if chosen:
            return t.columns[max(range(len(scored)), key=lambda k: scored[k])]  # the first best
        for col, pattern in COLUMN_WORDS + SOURCE_COLUMN_WORDS:
            if re.search(pattern, q):
                for c in t.columns:
                    # (上年结转 is the heading 上年结余、结转, its words joined otherwise)
                    joined = re.sub(r"[、，,·\s]|结余", "", c)
                    if (c.startswith(col) or col in c or col in joined) and (last_year or not COMPARISON.search(c)) \
                            and f"非{col}" not in c:
                        return c
        return default

    def default_column(self, t: Table, r: Row) -> str | None:
        """The row's own amount when the question names no column: its total, this year's;
        never a comparison column (上年…, 增减…)."""
        prefs = ["合计", "小计", "金额", "预算数", "支出总计", "收入总计"]
        if self.doc.kind == "决算":
            # final accounts print the plan beside the outturn: the outturn is the answer
            prefs = [c for c in t.columns if "决算" in c] + prefs
        own = {c: v for c, v in r.values.items() if v is not None and not COMPARISON.search(c)}
        for pref in prefs:
            if pref in own:
                return pref
        for c in own:
            if "合计" in c or "总计" in c:
                return c
        return next(iter(own), None)

    def plan_in_narrative(self, intent: Intent, e: Entity, computing: bool = False) -> Answer | None:
        """A 决算's plan for an item its tables print only the outturn of: the sentence of the
        情况说明 that names the item (or its code) and says "全年预算为52.00万元" (or 年初预算,
        调整预算), the plan the question names; a bare 预算 only when every plan said agrees."""
        from .passage_figures import PassageFigure, narrative_passages, stated_answer

        asked = re.search(r"(年初|全年|调整后?|调整)预算", intent.q)
        if self.doc.kind != "决算" or not re.search(r"预算", intent.q) or \
                (set(intent.ops) - {"prev_year"} and not computing):
            return None
        names = {n for n in (e.name, clean_name(e.name), e.key, e.code) if n and len(n) >= 3}
        for q in (intent.raw, intent.q):
            if said_before := re.search(r"([\u4e00-\u9fff]{4,}?)的?(?:年初|全年|调整)预算", q):
                # "一般公共预算财政拨款支出的全年预算": the item as the question says it
                names.add(re.sub(r"^(?:年度|年)", "", said_before.group(1)))
        said: list[tuple[str, Decimal, object, int, str]] = []
        whole: list[bool] = []
        for p in narrative_passages(self.doc):
            offset = 0
            for item in re.split(r"\n(?=\s*\d+\s*[、.．])", p.text):
                at, offset = offset, offset + len(item) + 1
                numbered = re.match(r"\s*\d+\s*[、.．]", item)
                for m in PLAN_SAID.finditer(item):
                    # a numbered item names its item in its first sentence; elsewhere the name
                    # is said before the plan, in the same sentence
                    where = item.split("。")[0] if numbered else re.split(r"[。；;]", item[:m.start()])[-1]
                    if any(n in where.replace(" ", "") for n in names):
                        clause = re.split(r"[，,。；;]", item[:m.start(2)])[-1].strip()
                        anchor = f"{where.strip()}……{clause}" if numbered else \
                            re.split(r"[。；;]", item[:m.start(2)])[-1].strip()
                        said.append((m.group(1), Decimal(m.group(2).replace(",", "")), p, at + m.start(2), anchor))
                        # (the name said whole, not inside a longer one: 事业单位医疗 of 行政事业单位医疗)
                        whole.append(any(re.search(rf"(?<![\u4e00-\u9fff]){re.escape(n)}", where.replace(" ", ""))
                                         for n in names))
        if len({x[1] for x in said}) > 1 and any(whole):
            said = [x for x, w in zip(said, whole) if w]
        if asked:
            said = [x for x in said if x[0].startswith(asked.group(1)[:2])]
        if not said or len({x[1] for x in said}) != 1:
            return None  # none said, or plans that differ (年初预算 0, 全年预算 321.02) for a bare 预算
        _, value, p, at, anchor = said[0]
        found = PassageFigure(value, "万元", None, anchor, p, at)
        return stated_answer(intent.raw, intent.unit, self.doc.doc_id, found, [p])

    def stated_in_narrative(self, intent: Intent, asked: str) -> Answer | None:
        """The one money figure the narrative states right after ``asked`` (a total no table
        prints: 人员经费 in a document whose tables print only economic items), or None."""
        from .passage_figures import figure_in_passages, narrative_passages, stated_answer

        if set(intent.ops) & {"sum", "diff", "share", "ratio", "avg", "rank_max", "rank_min", "top_n", "count",
                              "change", "prev_year", "nth"}:
            return None  # one stated figure answers no computation
        found = figure_in_passages(intent.q, narrative_passages(self.doc), "money")
        if found is None or asked not in found.anchor.replace(" ", "")[-len(asked) - 4:]:
            return None
        return stated_answer(intent.raw, intent.unit, self.doc.doc_id, found, [found.passage])

    def answer_own_level(self, intent: Intent) -> Answer | None:
        """'无锡市统计局（本级）收入预算': the body's own level, from the row a table of its units
        prints for it (income, or spending when asked); None when no table prints one."""
        own = next((e for e in self.cat.entities if e.kind == "row" and "本级" in e.extra_keys), None)
        if own is None or set(intent.ops) - {"prev_year"}:
            return None  # (a share or a ranking reads the row by its name)
        kind = "expense" if re.search(r"支出", intent.q) and not re.search(r"收入", intent.q) else "income"
        rows = [(t, r) for t, r in own.rows if t.kind == kind]
        if not rows:  # its income asked of spending, or the other way round: never the other's row
            what = "支出" if kind == "expense" else "收入"
            return Answer(intent.raw, f"公开文件没有按单位列出{what}，所以没有{own.name}的{what}数字。", False,
                          "refusal", [], document=self.doc.doc_id)
        t, r = rows[0]
        col = self.pick_column(intent.q, t, default=None, row=r) or self.default_column(t, r)
        c = self.cell(t, r, col) if col else None
        if c is None:
            return None
        fig = self.figure(c, f"{own.name}（{col}）", intent.unit)
        text = (f"{own.name}{self.doc.year}年{'支出' if kind == 'expense' else '收入'}预算（{col}）为"
                f"{fmt(fig.value, fig.unit)}{self._unit_note(c, fig)}。{self.where(c)}。")
        return Answer(intent.raw, text, True, "lookup", [fig], document=self.doc.doc_id)

    def answer_amount(self, intent: Intent, e: Entity, matches: list[Match]) -> Answer | None:
        asked = self.named_column(intent.q.replace(e.name, ""), strict=True)
        if e.kind == "measure" and asked and asked not in (e.column or ""):
            # "基本支出中公用经费": the 基本支出 total is not the 公用经费 asked for; the narrative
            # may state it ("其中人员经费3551.21万元")
            stated = self.stated_in_narrative(intent, asked)
            if stated is not None:
                return stated
            return Answer(intent.raw, f"公开文件没有给出{asked}的这一合计数。", False, "refusal", [],
                          document=self.doc.doc_id)
        got = self.entity_cell(intent, e)
        missing = self.missing_column(intent.q, e) if got is None else None
        if got is not None and not plan_column_asked(got[0].prov.column or "", intent.q, self.doc.kind):
            got, missing = None, "预算数"  # "全年预算" of a 决算: never its outturn, nor its 年初预算
        stated = (self.plan_in_narrative(intent, e) or self.stated_in_narrative(intent, missing)) if missing else None
        if stated is not None:
            return stated
        if missing:
            tables = "、".join(dict.fromkeys(t.title for t, _ in e.rows))
            text = (f"公开文件没有给出{e.name}的{missing}{'数' if missing == '决算' else ''}："
                    f"列出它的表（{tables}）没有这一列。")
            return Answer(intent.raw, text, False, "refusal", [], document=self.doc.doc_id)
        if got is None:
            fact = next((m.entity for m in self.cat.match(intent.q, kinds=("fact",), limit=3)
                         if m.exact or m.coverage >= 0.8), None)
            if fact is not None:
                return self.answer_fact(intent, fact)
            return self.answer_blank(intent, e)
        c, arithmetic, parts = got
        fig = self.figure(c, f"{e.name}（{c.prov.column}）", intent.unit, arithmetic, parts)
        text = f"{self.doc.department}{self.doc.year}年{e.name}的{c.prov.column}为{fmt(fig.value, fig.unit)}{self._unit_note(c, fig)}。"
        if arithmetic and len({p.prov.table for p in parts}) > 1:
            text += f"它在基本支出和项目支出两张表中分别列示，合计：{arithmetic} {c.unit}。"
        elif arithmetic:
            text += f"它在表中分{len(parts)}行列示，合计：{arithmetic} {c.unit}。"
        text += self.where(c if not parts else parts[0]) + "。"
        return Answer(intent.raw, text, True, "lookup", [fig], document=self.doc.doc_id)

    def answer_blank(self, intent: Intent, e: Entity) -> Answer | None:
        """A row printed with no amount means nothing was budgeted for it, but only when no
        table prints an amount for it (a blank 财政拨款 row beside a filled 支出总表 row is not
        a zero)."""
        if not e.rows or any(v is not None for _, r in e.rows for v in r.values.values()):
            return None
        if any(re.search(r"合计|总计|小计", r.label) for _, r in e.rows):
            return None  # a total printed blank is a total not read, never a zero
        key = clean_name(e.name)
        if any(clean_name(r.label) == key and any(v is not None for v in r.values.values())
               for t in self.doc.tables for r in t.rows):
            return None  # another table prints an amount for the same name
        t, r = e.rows[0]
        if heads_parts(t, r):
            return None  # 1、财政拨款 over (1)一般公共预算拨款收入…: a heading, not a zero
        note = f"（表注：{t.note}）" if t.note else ""
        text = (f"{t.title}中“{r.label}”一行没有填列金额{note}，即{self.doc.year}年没有安排这项预算（0万元）。"
                f"来源：{t.title}第{r.line}行。")
        col = next(iter(r.values), "金额")
        # (asked whether there is any, 有没有…吗, the answer is the same 0, from the same cell)
        figures = [Figure(f"{r.label}{ABSENCE_LABELS[1]}", Decimal(0), intent.unit or t.unit, self.prov(t, r, col))]
        return Answer(intent.raw, text, True, "lookup", figures, document=self.doc.doc_id,
                      sources=[Passage(self.doc.doc_id, t.title, r.line, r.line, r.label)])


def heads_parts(t: Table, r: Row) -> bool:
    """Whether row ``r`` heads parts printed under it: the next row on its side of the table
    (a line further down) is numbered one level below ((1), （一）) or begins with 其中."""
    after = t.rows[t.rows.index(r) + 1:]
    nxt = next((x for x in after if x.side == r.side and x.line > r.line), None)
    return nxt is not None and bool(re.match(r"\s*(?:[（(]\s*[\d一二三四五六七八九十]+\s*[)）]|其中)", nxt.label))


def _printed_under(parent: Entity, child: Entity) -> bool:
    """Is one of ``child``'s rows printed in ``parent``'s block: a row of the parent's name is the
    nearest row above it of either name, and the child's name is not inside the parent's?"""
    if child.key in parent.key or parent.key in child.key or TOTAL_WORD.search(child.key):
        return False  # (a total, 支出总计, is printed under no subject)
    for t, r in child.rows:
        at = next((n for n, x in enumerate(t.rows) if x is r), None)
        for x in reversed(t.rows[:at] if at is not None else []):
            if x.side != r.side:
                continue
            name = clean_name(x.label)
            if name == child.key:
                break
            if name == parent.key:
                return True
    return False
