"""Deterministic answering over one parsed document: lookups, computations, absences.

Every figure comes from a cell (with its provenance) or from arithmetic over cells that the
answer shows. When nothing fits, :meth:`DocumentAnswerer.answer` returns ``None`` and the
service falls back to retrieval or refusal.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..model import Answer, Figure, ParsedDocument, Passage, Provenance, Row, Table, convert
from .catalogue import TABLE_TOPICS, Catalogue, Entity, Match, _lcs_positions, clean_name

TABLE_TOPIC_KEYS = frozenset(clean_name(t) for t in TABLE_TOPICS.values())
from .previous_year import last_year
from .normalize import ASKS_COUNT
from ..parsing.templates import TOTAL_LABELS as TOTAL_KEYS
from .router import Intent

# Form fields and the words people use for them (general vocabulary of the 绩效目标 form).
FORM_FIELDS: tuple[tuple[str, str], ...] = (
    ("实施单位", r"实施单位|执行单位|谁(来)?(实施|负责|执行)|哪个单位.{0,4}(实施|负责|执行|承担)|由谁|由哪个单位|哪个单位"),
    ("主管部门", r"主管部门|主管单位|归谁管"),
    ("项目属性", r"项目属性|什么性质|属性|经常性|一次性|延续性"),
    ("项目期", r"项目期|几年|多少年|周期|期限|实施期限"),
    ("经办人", r"经办人|谁经办|经手"),
    ("负责人", r"负责人"),
    ("联系电话", r"联系电话|电话|联系方式|号码"),
    ("填报日期", r"填报日期|填报时间|什么时候填"),
    ("立项依据", r"立项依据|依据|根据什么|文件"),
    ("项目设立必要性", r"必要性|为什么要(设|搞|做|立)|为什么设|为何设|设立.{0,4}(原因|理由)"),
    ("保证项目实施的制度、措施", r"制度|措施|保障措施"),
    ("项目实施计划", r"实施计划|计划|怎么实施|进度安排"),
    ("年度目标", r"年度目标|今年目标|本年目标"),
    ("实施期目标", r"实施期目标|总体目标|长期目标|目标"),
    ("项目概况", r"概况|简介|介绍|干什么|做什么|是干嘛|建什么|具体是|内容|用途|用来"),
)
AMOUNT_FIELDS: tuple[tuple[str, str], ...] = (
    ("实施期资金总额", r"实施期.{0,6}(资金|总额|金额|多少)|总投资|实施期资金"),
    ("年度资金总额", r"年度资金|年度.{0,4}(总额|金额)|今年.{0,4}资金"),
)

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

COLUMN_PATTERNS = dict(COLUMN_WORDS)

# Columns named in so many words: an answer must come from such a column or not be given.
# (决算 only in a budget and 预算数 only in final accounts, where the other one is the default.)
STRICT_COLUMN_WORDS: tuple[tuple[str, str], ...] = (
    ("决算", r"决算"),
    ("预算数", r"预算数|年初预算|全年预算|调整预算|调整后预算"),
    ("人员经费", r"人员经费|人员支出"),
    ("公用经费", r"公用经费|公用支出"),
)

# Columns that compare with another year rather than state this year's figure.
COMPARISON = re.compile(r"^上年(?!结转)|增减|变化|较上年|比上年|同比|增长")

# How people name a table in a question (general template vocabulary). A 三公 item named
# alone is the 三公 table's row; named inside 基本支出 or 经济分类, the economic table's.
TABLE_NAMES: tuple[tuple[str, str], ...] = (
    ("gp_basic_economic", r"经济分类|经济科目"),
    ("three_public", r"三公|因公出国|公务接待|公务用车|会议费|培训费"),
    ("office_running", r"机关运行"),
    ("fiscal_summary", r"财政拨款收支"),
    ("income", r"收入总表|收入预算表"),
    ("summary", r"(?<!拨款)收支(预算|决算)?总表|(?<!拨款)收支总体情况表"),
    ("project", r"项目支出(预算)?表"),
    ("gp_basic_economic", r"基本支出(预算|决算)?(情况|明细)?表"),
    ("gp_expense", r"一般公共预算(拨款)?支出(预算|决算)?(情况|明细)?表"),
    ("fiscal_expense", r"财政拨款支出(预算|决算)?(情况|明细)?表"),
    ("fund_expense", r"政府性基金(预算)?(拨款)?支出(预算|决算)?(情况|明细)?表"),
    ("expense", r"(?<![款目费])支出(决算|预算)?总?表"),
)

# Words that ask, scope or qualify in general terms, and so explain no name of their own.
GENERAL_WORDS = re.compile(
    r"请问|告诉我|帮我|请|查一下|查查|看看|我想知道|想知道|问一下|一下|今年|本年度?|全年|每年|年度|一共|总共|合计|总计|总额|金额|多少|是否|有没有|什么|哪些|哪个|"
    r"怎么|如何|大概|大约|左右|预算数?|决算数?|安排|支出|收入|资金|经费|费用|部门|单位|本级|机关|财政拨款|"
    r"一般公共预算|政府性基金|基本|项目|实际|这块|这项|这个|那个|方面|部分|里面|其中|中的|当中|用于|用在|"
    r"用来|拿出|打算|计划|准备|人员|公用|经济分类|功能分类|科目|编码|代码|维护|类|款|项|的|了|是|有|为|在|"
    r"里|中|给|和|与|及|或|共|各|个|吗|呢|啊|呀|吧|多|少|几|钱|元|万|亿|年|月|[0-9０-９%（）()，,。？?、\s]")


# "A其中B", "A里的B", "A中B": B named inside the whole A
_INSIDE = re.compile(r"^(.+?)(其中|里面|里的|中的|之中|当中|里|中)[，,、\s]*(.+)$")

GENERAL_END = re.compile(f"(?:{GENERAL_WORDS.pattern}|那笔|这笔|那项|这项|那个|这个|那些|这些|就是|一下|问问|想问)$")


_INDICATOR_VALUE = re.compile(r"^\s*(?:[≥≤><=]=?|不低于|不少于|不高于|不超过|大于|小于|达到|约)?\s*"
                              r"(\d[\d,]*(?:\.\d+)?)\s*([^\d\s，,。；;]{1,6})?\s*$")


def indicator_figure(value: str) -> tuple[Decimal, str] | None:
    """(number, unit) of an indicator value printed as one number with its unit ("≥20家",
    "101套", "6人次", "5388.88元/月", "95%"); None for words or several numbers."""
    m = _INDICATOR_VALUE.match(value or "")
    if not m:
        return None
    return Decimal(m.group(1).replace(",", "")), (m.group(2) or "")


def table_named(q: str) -> str | None:
    """The kind of table a question names, if any."""
    for kind, pattern in TABLE_NAMES:
        if re.search(pattern, q):
            if kind == "three_public" and "三公" not in q and re.search(r"基本支出|经济分类|经济科目", q):
                continue  # "基本支出中的公务接待费": the economic table's row
            return kind
    return None


EMPTY_TOPICS: tuple[tuple[str, str], ...] = (
    ("three_public", r"三公|因公出国|公务接待|公务用车|公车"),
    ("fund_expense", r"政府性基金"),
    ("soe", r"国有资本经营|国有资本"),
    ("project_carryover", r"结转项目|上年结转.{0,4}项目"),
)


# Characters that carry the question's form, not its subject.
QUESTION_CHARS = set("的了是吗呢么什怎样多少哪个些有和与及在为对就都也还请问一下我你他它这那吧啊呀？?，,。"
                     "钱元万亿年度预算金额总共一共几比例占") | set("0123456789")


def q2(v: Decimal) -> Decimal:
    return v.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def fmt(v: Decimal, unit: str) -> str:
    if unit in ("元", "个") and v == v.to_integral_value():
        return f"{int(v):,}{unit}"
    if unit == "%":
        return f"{q2(v)}%"
    s = f"{v:,.2f}" if abs(v.as_tuple().exponent) <= 2 else f"{v:,}"
    if unit in ("万元", "亿元") and v != q2(v):
        s = f"{v:,}".rstrip("0").rstrip(".")
    return f"{s}{unit}"


@dataclass
class Cell:
    """One printed amount and where it is."""

    value: Decimal
    unit: str
    prov: Provenance
    label: str


class DocumentAnswerer:
    """Answers what one document's tables, forms and facts can answer exactly."""

    def __init__(self, doc: ParsedDocument):
        self.doc = doc
        self.cat = Catalogue(doc)
        self.tables = {kind: t for kind in {t.kind for t in doc.tables} if (t := doc.table(kind))}

    # ------------------------------------------------------------ helpers

    def confident(self, q: str, matches: list[Match]) -> list[Match]:
        """Matches that explain the question well enough to answer from: named exactly, or
        most of the name found, or most of the question explained, or one clear winner built
        on rare characters (驻村 names one project only)."""
        content = [i for i, ch in enumerate(q) if ch not in QUESTION_CHARS]
        total = sum(self.cat.weight(q[i]) for i in content) or 1.0
        by_score = sorted(matches, key=lambda m: m.score, reverse=True)
        top = by_score[0].score if by_score else 0.0
        second = by_score[1].score if len(by_score) > 1 else 0.0
        out = []
        for m in matches:
            if m.entity.key in TOTAL_KEYS and self.has_content(q.replace(m.entity.key, "")):
                continue  # "…用款计划合计多少": 合计 is a word of the question, not the total row
            if m.entity.key in TABLE_TOPIC_KEYS and re.search(re.escape(m.entity.key) + r"(预算|决算)?(情况|明细)?表", q) \
                    and self.has_content(re.sub(re.escape(m.entity.key) + r"(预算|决算)?(情况|明细)?表", "", q)):
                continue  # "一般公共预算支出表里的气象服务": the table named, to read a row of it
            if not m.exact and (_substituted(q, m) or _other_side(q, m) or _qualified(q, m)):
                continue  # 一般公共[预算]支出 is not 一般公共[服务]支出: another word in the name's place
            key_len = max(len(m.entity.key), 1)
            run = len(_longest_run(m.span))
            q_cov = sum(self.cat.weight(q[i]) for i in m.span if i < len(q)) / total
            named = (m.coverage >= 0.6 and len(m.span) >= 0.75 * key_len and m.score >= 0.4 * top
                     and (run >= min(3, key_len) or m.coverage >= 0.9))
            explains = q_cov >= 0.45 and len(m.span) >= 3 and run > 0.5 * key_len
            winner = (m is by_score[0] and m.score >= 9 and m.score >= 2 * second and len(m.span) >= 2
                      and self.distinctive(q, m, min_len=2))
            # one mistyped character inside a short name (差率费 for 差旅费, 公级金 for 公积金)
            typo = (key_len >= 3 and len(m.span) == key_len - 1 and m.span
                    and max(m.span) - min(m.span) + 1 == key_len
                    and m.entity.kind in ("project", "subject", "econ", "row", "measure"))
            if m.exact or named or explains or winner or typo or self.distinctive(q, m):
                out.append(m)
                continue
        return out

    def distinctive(self, q: str, m: Match, min_len: int = 4) -> bool:
        """A run of four or more characters of the question found in this name and no other
        (数字政府 names one project)."""
        if m.entity.kind not in ("project", "subject", "econ", "row") or len(m.span) < min_len:
            return False
        run = sorted(_longest_run(m.span))
        span_text = q[run[0]:run[-1] + 1]
        key = m.entity.key
        text = max((span_text[i:j] for i in range(len(span_text)) for j in range(i + min_len, len(span_text) + 1)
                    if span_text[i:j] in key), key=len, default="")
        if not text or (m.entity.kind != "project" and len(text) <= 0.5 * len(key)):
            return False  # a row is named by most of its name; a project by a telling part
        owners = {id(e) for e in self.cat.entities
                  if e.kind in ("project", "subject", "econ", "row") and text in e.key}
        return owners == {id(m.entity)}

    def prov(self, t: Table, r: Row, col: str) -> Provenance:
        row = r.label if not r.label2 else f"{r.label}/{r.label2}"
        return Provenance(self.doc.doc_id, t.title, row, col, r.line, r.page, r.code)

    def cell(self, t: Table, r: Row, col: str) -> Cell | None:
        v = r.values.get(col)
        if v is None:
            return None
        return Cell(v, t.unit, self.prov(t, r, col), r.label)

    def total_row(self, t: Table, side: str | None = None) -> Row | None:
        for r in t.rows:
            if clean_name(r.label) in TOTAL_KEYS and (side is None or r.side == side):
                return r
        return None

    def figure(self, c: Cell, label: str, unit: str | None, arithmetic: str | None = None,
               cells: list[Cell] | None = None) -> Figure:
        out_unit = unit if unit and unit in ("元", "万元", "亿元") and c.unit in ("元", "万元", "亿元") else c.unit
        value = convert(c.value, c.unit, out_unit)
        return Figure(label, value, out_unit, c.prov, arithmetic, [x.prov for x in cells or []])

    def _unit_note(self, c: Cell, fig: Figure) -> str:
        if fig.unit != c.unit:
            return f"（原表为 {fmt(c.value, c.unit)}）"
        return ""

    def where(self, c: Cell) -> str:
        p = c.prov
        page = f"第{p.page}页，" if p.page else ""
        return f"来源：{p.table}，{page}“{p.row}”行“{p.column}”列（第{p.line}行）"

    # ------------------------------------------------------------ entry

    def answer(self, intent: Intent, matches: list[Match]) -> Answer | None:
        q = intent.q
        ops = intent.ops
        project_first = bool(matches) and matches[0].entity.kind == "project" and matches[0].entity.form
        if "definition" in ops and not project_first:
            a = self.answer_definition(intent, matches)
            if a:
                return a
            if re.search(r"意思|含义|指什么|是指|指的是|定义|解释|怎么理解", q) and \
                    not re.search(r"多少|几|金额|数额|比例|占", q):
                return None  # what a term means is told in words (the narrative), not by an amount
        empty = self.answer_empty_topic(intent, matches)
        if empty:
            return empty
        total = self.answer_grand_total(intent) or self.answer_project_subset(intent)
        if total:
            return total
        for op in ops:
            if op in ("reason", "count") and project_first:
                continue  # about one project: its form says (项目设立必要性, 评审项目个数)
            handler = {
                "top_n": self.answer_rank, "rank_max": self.answer_rank, "rank_min": self.answer_rank,
                "count": self.answer_count, "share": self.answer_share, "prev_year": self.answer_prev_year,
                "change": self.answer_change, "diff": self.answer_diff, "sum": self.answer_sum,
                "avg": self.answer_avg, "reason": self.answer_reason, "ratio": self.answer_ratio,
                "completion": self.answer_completion,
                "nth": self.answer_rank,
            }.get(op)
            if handler:
                a = handler(intent, matches)
                if a:
                    return a
        if "change" in ops and re.search(r"(比|较)(上年|去年|上一年)|增加了多少|减少了多少|增长了多少|变化了多少", q):
            reason = self.answer_reason(intent, matches)
            text = "公开文件没有给出这一项比上年的变化金额。"
            amount = re.compile(r"\d[\d,.]*\s*(?:万元|亿元|元|%)")
            said = re.sub(r"（来源：.*$", "", reason.text) if reason is not None else ""
            why = re.search(r"(?:主要)?原因[是为：:][^。；]*", said)
            if said and not amount.search(said):
                text += "它只说明了原因：" + reason.text
            elif why and not amount.search(why.group(0)):
                text += "它只说明了" + why.group(0) + "。"  # no amount of another item stated
            return Answer(intent.raw, text, False, "refusal", [], reason.sources if reason else [],
                          document=self.doc.doc_id)
        if re.search(r"执行数|执行了|(比|较)(上年|去年|上一年|\d{4}年)|增减|增长|下降|减少了|增加了", q):
            for m in matches:
                if m.entity.kind == "fact" and {f.measure for f in m.entity.facts} & {
                        "上年执行数", "增减额", "增减%", "比上年增减额", "比上年增减%"}:
                    return self.answer_fact(intent, m.entity)
        if not matches:
            return self.answer_grand_total(intent)
        return self.answer_lookup(intent, matches)

    def answer_grand_total(self, intent: Intent) -> Answer | None:
        """'预算一共多少钱', '今年预算大约几亿元': the document's total, when nothing narrower is named."""
        q = intent.q
        if not re.search(r"预算|总额|一共|总共|多少钱|几亿|几万|花多少", q):
            return None
        if any(y != self.doc.year for y in intent.years) or re.search(r"上年|去年|上一年|前一年", q):
            return None  # another year's total is derived elsewhere, or refused
        q = re.sub(r"[（(][^）)]*[）)]", "", q)
        rest = re.sub(r"预算|总额|总计|合计|一共|总共|全部|整体|大约|大概|约|多少|钱|几亿|几万|亿元|万元|元|是|的|有|呢|吗|收支|"
                      r"今年|本年|部门|单位|本部门|花|[^\u4e00-\u9fa5]", "", q)
        if len(rest) >= 2:
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

    # ------------------------------------------------------------ lookups

    def answer_lookup(self, intent: Intent, matches: list[Match]) -> Answer | None:
        usable = [m for m in matches if m.entity.kind not in ("definition", "section")]
        inner = self.inner_subject(intent.q)
        if inner:
            usable = inner
        usable.sort(key=lambda m: _funding_source(m.entity))  # stable: only demotes them
        kind = table_named(intent.q)
        if kind:
            # "三公经费里的公务接待费": the row of the table the question names comes first
            def in_named(m: Match) -> bool:
                return any(t.kind == kind for t, _ in m.entity.rows)
            # (a project named in full is itself what is asked: 公务用车购置项目 is not 公务用车购置费)
            others = list(usable)  # (a list being sorted reads as empty)

            def own_project(m: Match) -> bool:  # not a part of a longer name asked (运行维护费)
                return m.exact and m.entity.kind == "project" and not any(
                    o.exact and m.entity.key in o.entity.key and o.entity.key != m.entity.key
                    for o in others)
            usable.sort(key=lambda m: (not (in_named(m) or own_project(m)), in_named(m) and not m.exact))
        if not usable:
            return self.answer_definition(intent, matches) if matches[0].entity.kind == "definition" \
                and re.search(r"是什么|什么是|意思|含义|指", intent.q) else None
        if usable[0].entity.kind == "fact":
            same = next((m for m in usable[1:] if m.entity.kind != "fact" and m.entity.key == usable[0].entity.key), None)
            if same is not None:
                usable.insert(0, same)  # a table cell is the primary source; the narrative repeats it
        best = usable[0]
        if best.entity.kind == "row" and re.search(r"(合计|总计)$", best.entity.key):
            # "项目支出合计": the measure read first, then its total, not the row 支出合计
            earlier = next((m for m in usable if m.entity.kind == "measure" and m.exact
                            and set(m.span) & set(best.span) and min(m.span) < min(best.span)), None)
            best = earlier or best
        if best.entity.kind == "measure":
            # "行政运行的人员经费": the named row, in the measure's column
            row = next((m for m in usable[1:] if m.entity.kind in ("subject", "econ") and m.exact
                        and not set(m.span) & set(best.span)), None)
            best = row or best
        if best.entity.kind == "subject" and best.entity.code:
            # "行政运行（数据事务）", "信访事务（款）行政运行（项）": the child of the named parent
            child = next((m for m in usable if m.entity.kind == "subject" and m.exact and m.entity.code
                          and len(m.entity.code) > len(best.entity.code)
                          and m.entity.code.startswith(best.entity.code)), None)
            best = child or best
        if best.entity.kind != "project" and self.missing_column(intent.q, best.entity):
            # the same name in another table that prints the column asked for (公务接待费 of the
            # 三公 table, with its 预算数, rather than of the 基本支出 决算 table)
            best = next((m for m in usable[1:] if m.entity.key == best.entity.key
                         and not self.missing_column(intent.q, m.entity)), best)
        e = best.entity
        extra = self.unexplained(intent.q, best, usable) if e.kind in ("subject", "row", "econ", "project") \
            else None
        if extra:
            return Answer(intent.raw, f"您是指“{e.name}”吗？公开文件中没有问题里说的"
                          f"“{extra}”这一项，所以不给出数字。",
                          False, "refusal", [], document=self.doc.doc_id)
        if "purpose" in intent.ops and e.kind != "project":
            return None  # what something is for is told by the narrative, not by its amount
        if e.kind == "project":
            return self.answer_project(intent, self.refine_project(intent, best))
        if e.kind in ("subject", "row", "econ", "measure"):
            return self.answer_amount(intent, e, matches)
        if e.kind == "fact":
            return self.answer_fact(intent, e)
        if e.kind == "definition":
            return self.answer_definition(intent, matches)
        return None

    def unexplained(self, q: str, m: Match, usable: list[Match]) -> str | None:
        """Words that narrow the name an amount question matched but that the name does not
        have: '航母' right before '维修费' (matched 维修（护）费), '交通' between '智慧' and '平台'
        (matched 智慧教育平台). Other matched names, the scope and general question and budget
        words explain the rest; what is left means the document does not hold what was asked."""
        if not m.span or not re.search(r"多少|金额|钱|预算|安排", q) or \
                ASKS_COUNT.search(q):
            return None
        explained = set().union(*(o.span for o in usable if o.exact or o.coverage >= 0.8)) | m.span
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
            if 2 <= b - a - 1 <= 4 and not any(i in explained for i in range(a + 1, b)):
                rest = GENERAL_WORDS.sub("", gap)
                if len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 2:
                    return rest
        run, i = "", span[0]
        while i > 0 and (i - 1) not in explained and "\u4e00" <= q[i - 1] <= "\u9fff" \
                and not GENERAL_END.search(q[:i]):
            run, i = q[i - 1] + run, i - 1  # the words right before the name, up to a general one
        return run if len(run) >= 2 else None

    def inner_subject(self, q: str) -> list[Match]:
        """'三公经费其中公务接待呢', '基本支出中人员经费多少': the part named after 其中/中/里,
        when what precedes it is itself a named whole."""
        for sep in re.finditer(r"其中|中的|之中|当中|里的|里面|中|里", q):
            head, tail = q[:sep.start()], q[sep.end():]
            if sep.group(0) != "其中":
                ends = [m for m in self.confident(head, self.cat.match(head))
                        if m.exact and max(m.span) == len(head) - 1]
                if not ends:
                    continue  # 中 inside a name (中小学, 体验中心), not a container
            inner = [m for m in self.confident(tail, self.cat.match(tail))
                     if m.entity.kind not in ("definition", "section")]
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

    def entity_cell(self, intent: Intent, e: Entity) -> tuple[Cell, str | None, list[Cell]] | None:
        """The amount an entity stands for under this question: (cell, arithmetic, parts)."""
        q = intent.q
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
        col = self.pick_column(q, t, default=None)
        if col is None and self.missing_column(q, e):
            return None
        if col in ("基本支出", "项目支出", "人员经费", "公用经费") and r.values.get(col) is None \
                and re.search(COLUMN_PATTERNS[col], q.replace(clean_name(e.name), "")):
            return None  # the part asked is blank in this row: never the row's total instead
        if col is None or r.values.get(col) is None:
            col = col if col and r.values.get(col) is not None else self.default_column(t, r)
        if col is None:
            return None
        c = self.cell(t, r, col)
        return (c, None, []) if c else None

    def basic_plus_project(self, q: str, e: Entity) -> tuple[Cell, str, list[Cell]] | None:
        """An economic item printed both in the 基本支出 economic table and in the 项目支出
        economic table, asked without saying which: its whole amount is the two added up, shown."""
        if e.kind != "subject" or not (e.code or "").startswith("3") or \
                re.search(r"基本支出|项目支出|人员经费|公用经费|基本|项目", q):
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
        return col

    def pick_row(self, q: str, e: Entity) -> tuple[Table | None, Row | None]:
        if e.kind == "measure":
            return e.rows[0]
        order = ["expense", "gp_expense", "income", "summary", "fiscal_summary", "project",
                 "gp_basic_economic", "office_running", "three_public"]
        if re.search(r"收入|来源", q):
            order = ["income", "summary", "fiscal_summary"] + order
        if "财政拨款" in q:
            order = ["fiscal_expense", "fiscal_summary"] + order
        if "一般公共预算" in q and "支出" in q:
            order = ["gp_expense"] + order
        if "国有资本" in q:
            order = ["soe"] + order
        if kind := table_named(q):
            order = [kind] + order
        if e.kind == "subject" and re.search(r"项目支出|项目经费", q) and any(
                t.kind == "gp_economic" and ("项目" in t.title or "项目支出" in t.columns) for t, _ in e.rows):
            # an economic item "in 项目支出": the economic table of project spending, not of 基本支出
            order = ["gp_economic"] + order
        rows = sorted(e.rows, key=lambda tr: order.index(tr[0].kind) if tr[0].kind in order else 99)
        # a two-sided table prints a name on both sides: the side the question says first
        side = "收入" if re.search(r"收入|来源", q) and "支出" not in q else \
            "支出" if "支出" in q and "收入" not in q else None
        if side:
            rows.sort(key=lambda tr: tr[1].side not in (None, side))
        # A table printing the subject once per economic item (Beijing's 支出总表) gives its
        # parts, not its amount: a table printing it on one row comes first.
        per_table = Counter(id(t) for t, _ in e.rows)
        rows.sort(key=lambda tr: per_table[id(tr[0])] > 1 and tr[1].label2 is not None)
        named_col = self.named_column(q)
        if named_col == "预算数" and self.doc.kind == "预算":
            named_col = None  # in a budget every amount is a 预算数: the word names no table
        if named_col:
            # "年初预算数是多少": the table that prints that column
            rows.sort(key=lambda tr: not any(named_col in c for c in tr[0].columns))
        if e.kind in ("subject", "row") and len(rows) > 1:
            # 行政运行 under several 款: the one whose 款 the question names (监狱行政运行), by its
            # code's parent, or where no codes are printed, by a row printed above it since the
            # previous row of the same name
            key = e.key

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
                    name = clean_name(x.label)
                    if name == key:
                        return False
                    if len(name) >= 2 and name in q and name not in key:
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

    def pick_column(self, q: str, t: Table, default: str | None) -> str | None:
        last_year = re.search(r"上年|去年|上一年|前一年", q)
        for col, pattern in COLUMN_WORDS:
            if re.search(pattern, q):
                for c in t.columns:
                    if (c.startswith(col) or col in c) and (last_year or not COMPARISON.search(c)):
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

    def answer_amount(self, intent: Intent, e: Entity, matches: list[Match]) -> Answer | None:
        asked = self.named_column(intent.q.replace(e.name, ""), strict=True)
        if e.kind == "measure" and asked and asked not in (e.column or ""):
            # "基本支出中公用经费": the 基本支出 total is not the 公用经费 asked for
            return Answer(intent.raw, f"公开文件没有给出{asked}的这一合计数。", False, "refusal", [],
                          document=self.doc.doc_id)
        got = self.entity_cell(intent, e)
        missing = self.missing_column(intent.q, e) if got is None else None
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
            text += f"该经济科目分两行列示（机关与事业单位部分），合计：{arithmetic} {c.unit}。"
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
        note = f"（表注：{t.note}）" if t.note else ""
        text = (f"{t.title}中“{r.label}”一行没有填列金额{note}，即{self.doc.year}年没有安排这项预算（0万元）。"
                f"来源：{t.title}第{r.line}行。")
        col = next(iter(r.values), "金额")
        figures = [Figure(f"{r.label}（未填列）", Decimal(0), intent.unit or t.unit,
                          self.prov(t, r, col))] if re.search(r"多少|金额|几", intent.q) else []
        return Answer(intent.raw, text, True, "lookup", figures, document=self.doc.doc_id,
                      sources=[Passage(self.doc.doc_id, t.title, r.line, r.line, r.label)])

    def answer_project(self, intent: Intent, e: Entity) -> Answer | None:
        q = intent.q
        form = e.form
        rest = _without(q, e.name)  # what the question asks about the project
        counter = re.search(r"(多少|几)(家|次|人|个|套|名|项|场|台|户|所)|率|满意度|指标|覆盖|目标值", rest)
        money = re.search(r"多少钱|预算|金额|资金|万元|元|花|拨|经费|钱", rest) or not self.has_content(rest, e.name)
        if form is not None:
            if not counter:
                for name, pattern in FORM_FIELDS:
                    if re.search(pattern, rest) and form.fields.get(name):
                        return self.answer_form_field(intent, e, form, name)
            for name, pattern in AMOUNT_FIELDS:
                if re.search(pattern, q) and form.amounts.get(name) is not None:
                    return self.answer_form_amount(intent, e, form, name)
            ind = self.match_indicator(intent, form) or self.indicators_by_level2(intent, form)
            if ind is not None:
                return ind
            if counter or not money:
                found = self.search_form_text(intent, form)
                if found:
                    return found
            if re.search(r"指标|目标值", rest):
                return Answer(intent.raw, f"在“{form.project}”的绩效目标申报表中没有找到这项指标。", False,
                              "refusal", [], document=self.doc.doc_id)
        elif (counter or any(re.search(p, rest) for _, p in FORM_FIELDS + AMOUNT_FIELDS)) and not money:
            text = (f"“{e.name}”没有印出项目支出绩效目标申报表，公开文件未说明它的这项信息。"
                    f"它在项目支出预算表中列示。")
            return Answer(intent.raw, text, False, "refusal", [], document=self.doc.doc_id)
        got = self.entity_cell(intent, e)
        if got is None:
            return None
        c, _, _ = got
        fig = self.figure(c, f"{e.name}", intent.unit)
        text = (f"{e.name}{self.doc.year}年预算{fmt(fig.value, fig.unit)}{self._unit_note(c, fig)}。"
                f"{self.where(c)}。")
        if form is not None and form.amounts.get("年度资金总额") is not None:
            text += f"其绩效目标申报表的年度资金总额为{fmt(form.amounts['年度资金总额'], form.unit)}。"
        return Answer(intent.raw, text, True, "lookup", [fig], document=self.doc.doc_id)

    def has_content(self, text: str, name: str = "") -> bool:
        """Does ``text`` say more than question words and the entity's own name (a typo of it)?"""
        return sum(1 for ch in text if ch not in QUESTION_CHARS and not ch.isspace()
                   and ch not in "？?，,。、（）()“”" and ch not in name) >= 2

    def search_form_text(self, intent: Intent, form) -> Answer | None:
        """The form sentence or indicator that best answers a question about the project."""
        from .retrieval import overlap

        q = _without(intent.q, form.project)
        if len(q) < 2:
            return None
        candidates = [(f"{i.level3}：{i.value}", i.line, f"{i.period}绩效指标") for i in form.indicators if i.level3]
        for name, value in form.fields.items():
            for sentence in re.split(r"(?<=[。；;])", value):
                if sentence.strip():
                    candidates.append((sentence.strip(), form.field_lines.get(name, form.line_start), name))
        best, best_score = None, 0.0
        for text, line, where in candidates:
            score = overlap(q, text)
            if score > best_score:
                best, best_score = (text, line, where), score
        if best is None or best_score < 0.5:
            return None
        text, line, where = best
        return Answer(intent.raw, f"{form.project}（{where}）：{text}（来源：该项目绩效目标申报表，第{line}行）",
                      True, "lookup", [], [Passage(self.doc.doc_id, f"绩效目标申报表：{form.project}", line, line, text)],
                      document=self.doc.doc_id)

    def form_prov(self, form, field: str, line: int | None) -> Provenance:
        return Provenance(self.doc.doc_id, f"项目支出绩效目标申报表：{form.project}", form.project,
                          field, line or form.line_start)

    def answer_form_amount(self, intent: Intent, e: Entity, form, name: str) -> Answer:
        v = form.amounts[name]
        c = Cell(v, form.unit, self.form_prov(form, name, form.amount_lines.get(name)), e.name)
        fig = self.figure(c, f"{e.name} {name}", intent.unit)
        text = (f"{e.name}的{name}为{fmt(fig.value, fig.unit)}{self._unit_note(c, fig)}。"
                f"来源：该项目绩效目标申报表（第{c.prov.line}行）。")
        return Answer(intent.raw, text, True, "lookup", [fig], document=self.doc.doc_id)

    def answer_form_field(self, intent: Intent, e: Entity, form, name: str) -> Answer:
        value = form.fields[name]
        line = form.field_lines.get(name, form.line_start)
        text = f"{e.name}的{name}：{value}（来源：该项目绩效目标申报表，第{line}行）。"
        figures = []
        m = re.fullmatch(r"(\d+)年", value.strip())
        if name == "项目期" and m:
            figures.append(Figure(f"{e.name} 项目期", Decimal(m.group(1)), "年",
                                  self.form_prov(form, name, line)))
        return Answer(intent.raw, text, True, "lookup", figures,
                      [Passage(self.doc.doc_id, f"绩效目标申报表：{form.project}", line, line,
                               f"{name}：{value}")], document=self.doc.doc_id)

    def indicators_by_level2(self, intent: Intent, form) -> Answer | None:
        """'成本指标是多少': the indicators filed under the 二级指标 the question names."""
        q = intent.q
        period = "实施期" if "实施期" in q else "年度"
        level2 = {i.level2 for i in form.indicators if i.level2}
        named = [l2 for l2 in level2 if l2 and (l2 in q or l2.replace("指标", "") + "指标" in q)]
        if not named:
            return None
        inds = [i for i in form.indicators if i.level2 in named and i.period == period and i.level3] or \
               [i for i in form.indicators if i.level2 in named and i.level3]
        if not inds:
            return None
        listing = "；".join(f"{i.level3}：{i.value}" for i in inds)
        text = f"{form.project}的{period}{'、'.join(named)}：{listing}（来源：绩效目标申报表第{inds[0].line}行）。"
        return Answer(intent.raw, text, True, "lookup", [],
                      [Passage(self.doc.doc_id, f"绩效目标申报表：{form.project}", inds[0].line, inds[-1].line,
                               listing)], document=self.doc.doc_id)

    def match_indicator(self, intent: Intent, form) -> Answer | None:
        if not form.indicators:
            return None
        q = _without(intent.q, form.project)  # the project's own name says nothing of the indicator
        period = "实施期" if "实施期" in q else "年度"
        named_period = re.search(r"年度|实施期", q)
        best, best_score = None, 0.0
        for ind in form.indicators:
            if named_period and ind.period != period:
                continue
            name = clean_name(ind.level3)
            if len(name) < 2:
                continue
            common = _common_chars(name, q, self.cat)
            score = common / max(sum(self.cat.weight(ch) for ch in name), 1e-6)
            if ind.period == period:
                score += 0.3 if re.search(r"年度|实施期", intent.q) else 0.01
            if score > best_score:
                best, best_score = ind, score
        wants_indicator = re.search(r"指标|绩效|目标值|满意度|完成率|达标|次数|数量|合格率|覆盖率", q)
        if best is None or best_score < (0.5 if wants_indicator else 0.75):
            if wants_indicator and re.search(r"指标(有哪些|是什么|都有|列表)|绩效指标$|哪些指标", q):
                inds = [i for i in form.indicators if i.period == period]
                listing = "；".join(f"{i.level3}：{i.value}" for i in inds if i.level3)
                return Answer(intent.raw, f"{form.project}的{period}绩效指标：{listing}。", True, "lookup",
                              [], [Passage(self.doc.doc_id, f"绩效目标申报表：{form.project}",
                                           inds[0].line if inds else form.line_start,
                                           inds[-1].line if inds else form.line_end, listing)],
                              document=self.doc.doc_id)
            return None
        text = (f"{form.project}的{best.period}绩效指标“{best.level3}”（{best.level1}/{best.level2}）"
                f"指标值为：{best.value}（来源：绩效目标申报表第{best.line}行）。")
        figures = []
        value = indicator_figure(best.value)
        if value is not None:  # "≥20家", "101套", "5388.88元/月": a figure, with its unit
            amount, unit = value
            figures = [Figure(f"{best.level3}（{best.period}指标值：{best.value}）", amount, unit,
                              Provenance(self.doc.doc_id, f"绩效目标申报表：{form.project}",
                                         best.level3, "指标值", best.line))]
        return Answer(intent.raw, text, True, "lookup", figures,
                      [Passage(self.doc.doc_id, f"绩效目标申报表：{form.project}", best.line, best.line,
                               f"{best.level3}：{best.value}")], document=self.doc.doc_id)

    def pick_fact(self, intent: Intent, facts: list) -> object:
        """The stated figure the question asks for among one subject's facts."""
        q = intent.q
        measures = {f.measure: f for f in facts}
        if re.search(r"(比|较)(上年|去年|\d{4}年)|少了|多了|增加|减少|增长|下降|变化|变动|增减|持平", q):
            pct = re.search(r"%|百分|幅|比例|率|几成", q)
            order = ["增减%", "比上年增减%"] if pct else ["增减额", "比上年增减额", "增减%", "比上年增减%"]
        elif re.search(r"执行数|执行了|上年执行|去年执行", q):
            order = ["上年执行数"]
        elif "share" in intent.ops:
            order = ["占比"]
        elif re.search(r"%|百分|比例|完成率|完成.{0,6}预算", q):
            order = ["比例", "占比"]
        else:
            return next((measures[m] for m in ("本年预算", "金额", "数量", "比例") if m in measures), facts[0])
        # An executed figure or a change was asked: only that measure answers it.
        return next((measures[m] for m in order if m in measures), None)

    def answer_fact(self, intent: Intent, e: Entity) -> Answer | None:
        facts = e.facts
        pick = self.pick_fact(intent, facts)
        pct = re.search(r"%|百分|幅|比例|率", intent.q)
        if pick is None or (pick.measure == "增减%" and not pct and
                            "增减额" not in {f.measure for f in facts}):
            derived = self.derived_change(intent, e, percent=bool(pct))
            if derived or pick is None:
                return derived
        prov = Provenance(self.doc.doc_id, "情况说明", pick.subject, pick.measure, pick.line, pick.page)
        unit = pick.unit
        value = abs(pick.value) if "增减" in pick.measure else pick.value
        if intent.unit and unit in ("元", "万元", "亿元"):
            value, unit = convert(value, unit, intent.unit), intent.unit
        fig = Figure(f"{pick.subject}（{pick.measure}）", value, unit, prov)
        text = f"{pick.sentence}。（来源：情况说明第{pick.line}行）"
        return Answer(intent.raw, text, True, "lookup", [fig],
                      [Passage(self.doc.doc_id, "情况说明", pick.line, pick.line, pick.sentence)],
                      document=self.doc.doc_id)

    def answer_definition(self, intent: Intent, matches: list[Match]) -> Answer | None:
        defs = [m for m in matches if m.entity.kind == "definition"]
        if not defs:
            defs = self.cat.match(intent.q, kinds=("definition",))
        defs = [m for m in defs if m.exact or (m.coverage >= 0.8 and len(_longest_run(m.span)) >= 3)]
        if not defs:
            return self.answer_definition_sentence(intent)
        d = defs[0].entity.definition
        text = f"{d.term}：{d.text}（来源：名词解释，第{d.line}行）"
        return Answer(intent.raw, text, True, "retrieval", [],
                      [Passage(self.doc.doc_id, "名词解释", d.line, d.line, f"{d.term}：{d.text}")],
                      document=self.doc.doc_id)

    def answer_definition_sentence(self, intent: Intent) -> Answer | None:
        """A term defined inside another term's definition (公务接待费 inside “三公”经费)."""
        from .retrieval import overlap

        term = re.sub(r"主要|花在|用在|用于|哪些方面|哪几个方面|哪几|包括哪些|包含哪些|包括什么|包含什么|都包含|都包括|反映的是什么|反映什么|什么是|是什么意思|"
                      r"什么意思|指什么|的含义|含义是|定义|解释一下|是指什么|是啥|是什么|费用|哪些|[？?。的]", "", intent.q)
        import unicodedata

        term = unicodedata.normalize("NFKC", term)
        candidates = [(d.text, f"名词解释“{d.term}”", d.line, "") for d in self.doc.definitions]
        candidates += [(sec.text, " > ".join(sec.path), sec.line_start, sec.title) for sec in self.doc.sections]
        best, best_score = None, 0.0
        for text, where, line, title in candidates:
            for sentence in re.split(r"(?<=[。；;])", text):
                plain = unicodedata.normalize("NFKC", sentence)
                if term and (term in plain or (title and term in unicodedata.normalize("NFKC", title))):
                    score = 2.0 + (1.0 if re.search(re.escape(term) + r".{0,12}(反映|是指|指|包括|包含|主要包括)", plain)
                                   or (term not in plain and re.search(r"包括|包含", plain)) else 0.0)
                    if term not in plain:
                        score -= 0.5
                else:
                    score = overlap(term, plain) if term else 0.0
                if score > best_score:
                    best, best_score = (where, line, sentence.strip()), score
        if best is None or best_score < 0.8:
            return None
        where, line, sentence = best
        return Answer(intent.raw, f"{sentence}（来源：{where}，第{line}行）", True, "retrieval", [],
                      [Passage(self.doc.doc_id, where, line, line, sentence)], document=self.doc.doc_id)

    def answer_reason(self, intent: Intent, matches: list[Match]) -> Answer | None:
        """Why something changed: the narrative sentence that states a reason."""
        from .retrieval import bigram_overlap

        best, best_score = None, 0.0
        for s in self.doc.sections:
            sentences = [x for x in re.split(r"(?<=[。；;])", s.text) if x.strip()]
            units = []
            for k, sentence in enumerate(sentences):
                follow = sentences[k + 1].strip() if k + 1 < len(sentences) else ""
                if not re.search(r"原因|因为|由于", sentence) and \
                        re.match(r"(?:[一二三四五六七八九十\d]+[是、.．])?(?:主要)?(?:原因|是由于|由于|因为|系|主要是|一是)", follow):
                    sentence = sentence + follow  # "…比上年增加0.78万元。主要原因是…": the reason follows
                units.append(sentence)
            for sentence in units:
                if not re.search(r"原因|因为|由于|新增|增加|减少", sentence):
                    continue
                score = bigram_overlap(intent.q, sentence) + bigram_overlap(intent.q, s.title) + \
                    (0.5 if re.search(r"原因|因为|由于", sentence + s.title) else 0.0)
                if score > best_score:
                    best, best_score = (s, sentence.strip()), score
        if best is None or best_score < 0.3:
            return None
        s, sentence = best
        text = f"{sentence}（来源：{' > '.join(s.path)}，第{s.line_start}–{s.line_end}行）"
        return Answer(intent.raw, text, True, "retrieval", [],
                      [Passage(self.doc.doc_id, " > ".join(s.path), s.line_start, s.line_end, s.text)],
                      document=self.doc.doc_id)

    def answer_empty_topic(self, intent: Intent, matches: list[Match]) -> Answer | None:
        if "definition" in intent.ops:
            return None
        for kind, pattern in EMPTY_TOPICS:
            if not re.search(pattern, intent.q):
                continue
            t = self.tables.get(kind) or (self.tables.get("fund_income") if kind == "fund_expense" else None)
            if t is None or not t.empty:
                continue
            said = self.narrative_saying(pattern)
            text = f"{self.doc.department}{self.doc.year}年没有这项预算：{t.title}注明“{t.note or '本表无数据'}”。"
            sources = [Passage(self.doc.doc_id, t.title, t.line_start, t.line_end, t.note or "本表无数据")]
            if said:
                text += f"情况说明写道：“{said[1]}”（第{said[0]}行）。"
                sources.append(Passage(self.doc.doc_id, "情况说明", said[0], said[0], said[1]))
            figures = []
            if re.search(r"多少|金额|几", intent.q):
                figures.append(Figure(f"{t.title}（本表无数据）", Decimal(0), intent.unit or t.unit,
                                      Provenance(self.doc.doc_id, t.title, "合计", "合计", t.line_start)))
            return Answer(intent.raw, text, True, "lookup", figures, sources, document=self.doc.doc_id)
        return None

    def narrative_saying(self, pattern: str) -> tuple[int, str] | None:
        for s in self.doc.sections:
            for k, sentence in enumerate(re.split(r"(?<=[。；])", s.text)):
                if re.search(pattern, sentence) and re.search(r"无|没有|未安排|0\.00万元|为0", sentence):
                    return s.line_start + 1, sentence.strip()
        return None

    # ------------------------------------------------------------ computations

    def projects(self) -> list[tuple[Entity, Cell]]:
        out = []
        for e in self.cat.entities:
            if e.kind != "project" or not e.rows:
                continue
            t, r = e.rows[0]
            if t.kind != "project":
                continue
            c = self.cell(t, r, self.default_column(t, r) or "合计")
            if c:
                out.append((e, c))
        return out

    def rank_population(self, intent: Intent) -> tuple[str, list[tuple[Entity, Cell]]]:
        q = intent.q
        if re.search(r"科目|功能|类|款|方面|领域|用途|花在", q) and not re.search(r"项目", q):
            level = 7 if re.search(r"项级|项科目", q) else 5 if re.search(r"款级|款科目", q) else 3
            out = []
            for e in self.cat.entities:
                functional = any(t.kind in ("expense", "gp_expense", "income", "fiscal_summary") for t, _ in e.rows)
                if e.kind == "subject" and e.code and len(e.code) == level and functional:
                    got = self.entity_cell(intent, e)
                    if got:
                        out.append((e, got[0]))
            return f"支出功能分类（{ {3: '类', 5: '款', 7: '项'}[level] }）", out
        if re.search(r"经济科目|经济分类|开支|哪项费|哪种费|费用", q) and not re.search(r"项目", q):
            out = []
            for e in self.cat.entities:
                coded_item = e.kind == "subject" and e.code and len(e.code) == 5 and \
                    any(t.kind == "gp_basic_economic" for t, _ in e.rows)
                if e.kind == "econ" or coded_item:
                    got = self.entity_cell(intent, e)
                    if got:
                        out.append((e, got[0]))
            return "基本支出经济科目", out
        return "项目", self.projects()

    def answer_rank(self, intent: Intent, matches: list[Match]) -> Answer | None:
        what, pop = self.rank_population(intent)
        if not pop:
            return None
        desc = "rank_min" not in intent.ops
        ranked = sorted(pop, key=lambda ec: ec[1].value, reverse=desc)
        nth = re.search(r"第([二三四五六七八九十\d]+)", intent.q) if "nth" in intent.ops else None
        if nth:
            from .normalize import cn_to_int
            k = int(nth.group(1)) if nth.group(1).isdigit() else (cn_to_int(nth.group(1)) or 1)
            if not 1 <= k <= len(ranked):
                return None
            e, c = ranked[k - 1]
            fig = self.figure(c, e.name, intent.unit)
            text = (f"{what}中金额第{k}{'高' if desc else '低'}的是“{e.name}”，{fmt(fig.value, fig.unit)}。"
                    f"（在{len(pop)}个{what}中排序；{self.where(c)}）")
            return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)
        n = intent.top_n or (len(ranked) if "top_n" in intent.ops and not intent.top_n else 1)
        n = max(1, min(n, len(ranked)))
        top = ranked[:n]
        figs = [self.figure(c, e.name, intent.unit) for e, c in top]
        word = "最多" if desc else "最少"
        if n == 1:
            e, c = top[0]
            text = (f"{what}中金额{word}的是“{e.name}”，{fmt(figs[0].value, figs[0].unit)}。"
                    f"（在{len(pop)}个{what}中比较；{self.where(c)}）")
        else:
            listing = "；".join(f"{i + 1}. {e.name} {fmt(f.value, f.unit)}" for i, ((e, c), f) in
                                enumerate(zip(top, figs)))
            text = f"{what}按金额从{'高到低' if desc else '低到高'}前{n}名：{listing}。（来源：{top[0][1].prov.table}）"
        return Answer(intent.raw, text, True, "computation", figs, document=self.doc.doc_id)

    def project_subset(self, intent: Intent) -> tuple[str, list[tuple[Entity, Cell]]] | None:
        """Projects picked by their name: '以政府投资信息化项目开头的', '名称带补贴的'."""
        q = intent.q
        m = re.search(r"以(.{2,20}?)(开头|打头|起头)", q)
        if m:
            word, test = m.group(1), (lambda name, w=m.group(1): clean_name(name).startswith(clean_name(w)))
        else:
            m = re.search(r"(名称|名字)?(包含|含有|带有|带)(.{1,12}?)(字样|二字|的)", q)
            if not m:
                return None
            word, test = m.group(3), (lambda name, w=m.group(3): clean_name(w) in clean_name(name))
        chosen = [(e, c) for e, c in self.projects() if test(e.name)]
        return (word, chosen) if chosen else None

    def answer_project_subset(self, intent: Intent) -> Answer | None:
        subset = self.project_subset(intent)
        if subset is None:
            return None
        word, chosen = subset
        names = "、".join(f"{e.name}（{fmt(c.value, c.unit)}）" for e, c in chosen)
        if re.search(r"(合计|总共|一共|加起来|共计|总额).{0,6}(多少|金额)|多少(万元|钱|元)|金额", intent.q):
            unit = chosen[0][1].unit
            total = sum((c.value for _, c in chosen), Decimal(0))
            arithmetic = " + ".join(str(c.value) for _, c in chosen) + f" = {total}"
            fig = self.figure(Cell(total, unit, chosen[0][1].prov, word), f"名称含“{word}”的项目合计", intent.unit,
                              arithmetic, [c for _, c in chosen])
            text = f"名称含“{word}”的项目有{len(chosen)}个：{names}，合计{fmt(fig.value, fig.unit)}（{arithmetic}）。"
            return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)
        prov = chosen[0][1].prov
        fig = Figure(f"名称含“{word}”的项目个数", Decimal(len(chosen)), "个", prov,
                     f"逐个计数：{'、'.join(e.name for e, _ in chosen)}", [c.prov for _, c in chosen])
        return Answer(intent.raw, f"名称含“{word}”的项目有{len(chosen)}个：{names}。", True, "computation",
                      [fig], document=self.doc.doc_id)

    def answer_count(self, intent: Intent, matches: list[Match]) -> Answer | None:
        q = intent.q
        subset = self.answer_project_subset(intent)
        if subset is not None:
            return subset
        by_field = self.count_by_form_field(intent)
        if by_field is not None:
            return by_field
        if not re.search(r"(几|多少)个?项目|项目.{0,6}(几|多少)个|项目数|项目的?(个数|数量)", q):
            return None
        pop = self.projects()
        if not pop:
            return None
        chosen = pop
        cond = ""
        if intent.threshold:
            value, unit = intent.threshold
            unit_t = pop[0][1].unit
            th = convert(value, unit, unit_t)
            if re.search(r"以下|小于|低于|不足|不到|少于|[≤<]", q) and not re.search(r"不少于|不低于", q):
                strict = not re.search(r"以下|不超过|≤|<=", q) or "不到" in q
                chosen = [ec for ec in pop if (ec[1].value < th if strict else ec[1].value <= th)]
                cond = f"{'低于' if strict else '不超过'}{fmt(value, unit)}"
            else:
                strict = bool(re.search(r"超过|大于|高于|多于|>(?!=)", q)) and not re.search(r"≥|>=|不少于|不低于", q)
                chosen = [ec for ec in pop if (ec[1].value > th if strict else ec[1].value >= th)]
                cond = f"{'超过' if strict else '达到或超过'}{fmt(value, unit)}"
        prov = Provenance(self.doc.doc_id, pop[0][1].prov.table, "项目", pop[0][1].prov.column,
                          pop[0][1].prov.line)
        fig = Figure(f"项目个数{cond}", Decimal(len(chosen)), "个", prov,
                     f"逐个计数：{'、'.join(e.name for e, _ in chosen)}", [c.prov for _, c in chosen])
        names = "、".join(f"{e.name}（{fmt(c.value, c.unit)}）" for e, c in chosen)
        text = f"项目支出预算表共列{len(pop)}个项目" + (f"，其中{cond}的有{len(chosen)}个：{names}。" if cond
                                                    else f"：{names}。")
        return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)

    def count_by_form_field(self, intent: Intent) -> Answer | None:
        """'项目属性是经常性项目的有几个': count forms whose field holds the value named."""
        q = intent.q
        for name, pattern in FORM_FIELDS:
            if not re.search(pattern, q):
                continue
            values = {f.fields.get(name, "") for f in self.doc.forms} - {""}
            hits = [v for v in values if any(v[i:i + 4] in q for i in range(max(1, len(v) - 3)))]
            if not hits:
                continue
            forms = [f for f in self.doc.forms if f.fields.get(name) in hits]
            prov = Provenance(self.doc.doc_id, "项目支出绩效目标申报表", name, name, forms[0].line_start)
            fig = Figure(f"{name}为{'/'.join(sorted(hits))}的项目个数", Decimal(len(forms)), "个", prov,
                         f"逐个计数：{'、'.join(f.project for f in forms)}",
                         [Provenance(self.doc.doc_id, f"项目支出绩效目标申报表：{f.project}", f.project, name,
                                     f.field_lines.get(name, f.line_start)) for f in forms])
            text = (f"在{len(self.doc.forms)}份绩效目标申报表中，{name}为“{'”或“'.join(sorted(hits))}”的有"
                    f"{len(forms)}个：{'、'.join(f.project for f in forms)}。")
            return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)
        return None

    def side_total(self, side: str, label: str) -> Cell | None:
        """A total row of one side of the 收支总表 (本年收入合计, 收入总计), by its printed name."""
        t = self.tables.get("summary")
        if t is None:
            return None
        names = {label, label.replace("合计", "总计"), label.replace("总计", "合计")}
        r = next((x for x in t.rows if x.side in (None, side) and clean_name(x.label) in names), None)
        if r is None and not label.startswith("本年"):
            # a two-sided table's bare 合计 on that side is its 收入总计
            r = next((x for x in t.rows if x.side == side and clean_name(x.label) in ("合计", "总计")), None)
        col = self.default_column(t, r) if r is not None else None
        return self.cell(t, r, col) if col and r.values.get(col) is not None else None

    def grand_total(self, q: str) -> Cell | None:
        """The expense table's total: its 项目支出 or 基本支出 column when ``q`` names one."""
        if re.search(r"项目支出", q):
            wanted = "项目支出"
        elif re.search(r"基本支出", q) and not re.search(r"基本支出(的)?(比例|比重|占)", q):
            wanted = "基本支出"
        else:
            wanted = "合计"
        # the expense table's total row; where it is not read (empty, or printed per unit),
        # the next functional table that prints one
        def total(kind: str) -> Cell | None:
            t = self.tables.get(kind)
            if t is None or t.empty:
                return None
            r = self.total_row(t)
            if r is None:
                return None
            col = wanted
            if r.values.get(col) is None and col == "合计":
                col = self.default_column(t, r) or col  # 决算 tables: 本年支出合计, 决算数合计
            return self.cell(t, r, col) if r.values.get(col) is not None else None

        found = total("expense")
        if found is not None or "expense" in self.tables and wanted != "合计":
            return found  # the 支出总表 is printed: its 基本/项目支出, or nothing
        if wanted == "合计":
            t = self.tables.get("summary")
            r = next((x for x in t.rows if x.side == "支出" and clean_name(x.label) in ("支出总计", "支出合计")),
                     None) if t is not None else None
            col = self.default_column(t, r) if r is not None else None
            if col and r.values.get(col) is not None:
                return self.cell(t, r, col)  # the 收支总表's 支出总计
            if t is not None:
                return None
        # no 支出总表 and no 收支总表: the functional table's total
        return total("gp_expense") or total("fiscal_expense")

    def amounts_in(self, intent: Intent, text: str | None = None, limit: int = 6) -> list[tuple[Entity, Cell]]:
        """The amounts a question names, in the order it names them (spans do not overlap)."""
        q = intent.q if text is None else text
        sub = intent if text is None else Intent(raw=intent.raw, q=text, unit=intent.unit, ops=intent.ops)
        used: set[int] = set()
        found: list[tuple[int, Entity, Cell]] = []
        while len(found) < limit:
            ms = sorted((m for m in self.confident(q, self.cat.match(q, exclude=used))
                         if m.entity.kind not in ("definition", "section", "fact")), key=lambda m: _funding_source(m.entity))
            ms = [m for m in ms
                  if clean_name(m.entity.name) not in TOTAL_KEYS
                  and not re.search(r"(合计|总计)$", clean_name(m.entity.name))
                  and all(m.entity is not e for _, e, _ in found)]
            named = table_named(q)
            if named:  # "会议费和培训费": the rows of the table those words name (三公) first
                ms.sort(key=lambda m: not any(t.kind == named for t, _ in m.entity.rows))
            got = None
            for m in ms:
                cell = self.entity_cell(sub, m.entity)
                if cell:
                    got = (m, cell[0])
                    break
            if got is None:
                break
            m, c = got
            found.append((min(m.span) if m.span else 0, m.entity, c))
            used |= _longest_run(m.span)  # shared words (支出) stay available to the next name
        if not found:
            fa = self.first_amount(sub, [])
            return [fa] if fa else []
        if any(not _funding_source(e) for _, e, _ in found):
            found = [x for x in found if not _funding_source(x[1])]  # they qualify, not name
        return [(e, c) for _, e, c in sorted(found, key=lambda x: x[0])]

    def answer_share(self, intent: Intent, matches: list[Match]) -> Answer | None:
        q = intent.q
        head, _, tail = q.partition("占")
        denom = re.sub(r"(的)?(比例|比重|百分之几|百分比|%之几|%|多少|几成|份额|多大|是|呢|？|\?).*$", "", tail)
        denom = re.sub(r"^(比|了|的)+", "", denom)
        inside = _INSIDE.match(head)
        if inside and not denom:
            denom, head = inside.group(1), inside.group(3)  # "三公经费里公务用车…占多大比例"
        elif inside and len(inside.group(3)) >= 2:
            head = inside.group(3)  # "基本支出中人员经费占基本支出": the part is what follows 中
        parts = self.amounts_in(intent, head) if head != q else self.amounts_in(intent)
        if not parts:
            return None
        e, c = parts[0]
        whole = None
        this_year = bool(re.match(r"^(本年|当年)", denom or ""))
        denom = re.sub(r"^(全部|总|整体|所有|全|部门|本部门|整个|当年|本年)+", "", denom or "")
        if re.fullmatch(r"收入(合计|总计|总额)?", denom):
            # the income side's total: 本年收入合计 (this year's money) or 收入总计
            whole = self.side_total("收入", "本年收入合计" if this_year else "收入总计")
            if whole is None:
                return None
            denom = ""
        elif re.fullmatch(r"(支出|预算|部门预算|金额|资金)?(合计|总计|总额)?", denom):
            denom = ""  # the whole budget
        gp = self.tables.get("gp_expense")
        if denom and gp is not None and re.search(r"一般公共预算", denom) and re.search(r"支出", denom) \
                and not re.search(r"基本|项目|人员|公用", denom):
            gp_total = self.total_row(gp)
            col = self.default_column(gp, gp_total) if gp_total else None
            whole = self.cell(gp, gp_total, col) if col else None
            denom = "" if whole is not None else denom
        if denom:
            found = self.amounts_in(intent, denom)
            if found:
                whole = found[0][1]
            elif re.search(r"项目支出", denom):
                whole = self.grand_total("项目支出")
            elif re.search(r"基本支出", denom):
                whole = self.grand_total("基本支出")
        if whole is None and re.search(r"收入", denom) and not re.search(r"支出", denom):
            return None  # an income whole not found: never the expense total
        if whole is None:
            whole = self.grand_total("基本支出") if e.kind == "econ" else self.grand_total("")
        if whole is None or whole.value == 0:
            return None
        wv = convert(whole.value, whole.unit, c.unit)
        if c.prov == whole.prov or (c.value == wv and clean_name(e.name) in clean_name(whole.label + whole.prov.column)):
            return None  # the part found is the whole itself: the part asked for is not printed
        pct = q2(c.value / wv * 100)
        if pct > 100 and (inside or not denom):
            return None  # a part of its whole above 100%: the whole found is not the one meant
        arithmetic = f"{c.value} ÷ {wv} × 100% = {pct}%"
        fig = Figure(f"{e.name}占比", pct, "%", c.prov, arithmetic, [c.prov, whole.prov])
        text = (f"{e.name}{fmt(c.value, c.unit)}，占{whole.label}（{whole.prov.column}）"
                f"{fmt(whole.value, whole.unit)}的{pct}%（{arithmetic}）。{self.where(c)}。")
        return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)

    def first_amount(self, intent: Intent, matches: list[Match], exclude_kinds=("definition", "section")):
        for m in matches:
            if m.entity.kind in exclude_kinds or m.entity.kind == "fact":
                continue
            got = self.entity_cell(intent, m.entity)
            if got:
                return m.entity, got[0]
        # A column named alone: '基本支出占比' -> the 合计 row of the expense table
        for col, pattern in COLUMN_WORDS[:4]:
            if re.search(pattern, intent.q):
                for kind in ("expense", "gp_expense", "gp_basic_economic"):
                    t = self.tables.get(kind)
                    if t and col in t.columns:
                        r = self.total_row(t)
                        c = self.cell(t, r, col) if r else None
                        if c:
                            return Entity("measure", col, col, rows=[(t, r)]), c
        return None

    def answer_completion(self, intent: Intent, matches: list[Match]) -> Answer | None:
        """决算数 ÷ 预算数 for a named row of a final-accounts table that prints both."""
        for m in matches:
            for t, r in m.entity.rows:
                done = next((c for c in t.columns if "决算" in c and r.values.get(c) is not None), None)
                plan = next((c for c in t.columns if "预算" in c and r.values.get(c)), None)
                if done and plan:
                    a, b = r.values[done], r.values[plan]
                    pct = q2(a / b * 100)
                    arithmetic = f"{a} ÷ {b} × 100% = {pct}%"
                    fig = Figure(f"{m.entity.name}完成预算的比例", pct, "%", self.prov(t, r, done), arithmetic,
                                 [self.prov(t, r, done), self.prov(t, r, plan)])
                    text = (f"{m.entity.name}{done}{fmt(a, t.unit)}，{plan}{fmt(b, t.unit)}，完成预算的{pct}%"
                            f"（{arithmetic}）。来源：{t.title}第{r.line}行。")
                    return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)
        return None

    def named_pair(self, intent: Intent) -> list[tuple[Entity, Cell]] | None:
        """The two amounts a difference or ratio is about, in the order the question names them."""
        pair = self.form_amount_pair(intent) or self.amounts_in(intent)[:2]
        return pair if len(pair) == 2 else None

    def answer_diff(self, intent: Intent, matches: list[Match]) -> Answer | None:
        pair = self.named_pair(intent)
        if pair is None:
            return None
        (ea, ca), (eb, cb) = pair
        vb = convert(cb.value, cb.unit, ca.unit)
        d = ca.value - vb
        arithmetic = f"{ca.value} − {vb} = {d}"
        fig = self.figure(Cell(abs(d), ca.unit, ca.prov, ea.name), f"{ea.name}与{eb.name}之差", intent.unit,
                          arithmetic, [ca, cb])
        more = "多" if d >= 0 else "少"
        text = (f"{ea.name}（{fmt(ca.value, ca.unit)}）比{eb.name}（{fmt(cb.value, cb.unit)}）"
                f"{more}{fmt(fig.value, fig.unit)}（{arithmetic} {ca.unit}）。")
        return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)

    def answer_ratio(self, intent: Intent, matches: list[Match]) -> Answer | None:
        pair = self.named_pair(intent)
        if pair is None:
            return None
        (ea, ca), (eb, cb) = pair
        vb = convert(cb.value, cb.unit, ca.unit)
        if vb == 0:
            return None
        r = q2(ca.value / vb)
        arithmetic = f"{ca.value} ÷ {vb} = {r}"
        fig = Figure(f"{ea.name}是{eb.name}的倍数", r, "倍", ca.prov, arithmetic, [ca.prov, cb.prov])
        text = f"{ea.name}（{fmt(ca.value, ca.unit)}）是{eb.name}（{fmt(cb.value, cb.unit)}）的{r}倍（{arithmetic}）。"
        return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)

    def form_amount_pair(self, intent: Intent) -> list[tuple[Entity, Cell]]:
        """Two amounts of one project's form named together (实施期资金总额 vs 年度资金总额)."""
        named = [name for name, pattern in AMOUNT_FIELDS if re.search(pattern, intent.q)]
        if len(named) < 2:
            return []
        m = next((m for m in self.confident(intent.q, self.cat.match(intent.q))
                  if m.entity.kind == "project" and m.entity.form is not None), None)
        if m is None:
            return []
        form = m.entity.form
        order = sorted(named, key=lambda n: re.search(dict(AMOUNT_FIELDS)[n], intent.q).start())
        out = []
        for name in order:
            v = form.amounts.get(name)
            if v is None:
                return []
            c = Cell(v, form.unit, self.form_prov(form, name, form.amount_lines.get(name)), name)
            out.append((Entity("row", name, name), c))
        return out

    def answer_sum(self, intent: Intent, matches: list[Match]) -> Answer | None:
        subset = self.answer_project_subset(intent)
        if subset is not None:
            return subset
        parts = self.amounts_in(intent)
        if len(parts) < 2:
            return None
        listed = re.split(r"(加起来|合起来|一共|总共|合计|共计|之和|加在一起|加一起|是多少|多少)", intent.q)[0]
        between = listed
        for e, _ in parts:
            between = between.replace(e.name, "").replace(e.key, "")
        if not re.search(r"[、，,+＋]|加上|以及|还有|和|与|加|及|跟|同", between):
            return None  # "基本支出里的日常公用支出一共多少": one thing inside another, not a list
        found_chars = set("".join(e.name + e.key for e, _ in parts))
        listed = re.sub(r"[两三四五六七八九十\d]+(个|项|类|笔|部分)|科目|项目|支出|费用|经费|资金|这些|那些|的", "", listed)
        missing = [x for x in re.split(r"[、，,]|加上|以及|还有|和|与|加|\+", listed)
                   if self.has_content("".join(ch for ch in x if ch not in found_chars))]
        if missing:
            found = "、".join(e.name for e, _ in parts)
            return Answer(intent.raw, f"问题列出的“{'、'.join(missing)}”在公开文件中没有找到，只找到{found}，"
                          f"无法给出准确合计。请写出各项的全称。", False, "refusal", [],
                          document=self.doc.doc_id)
        unit = parts[0][1].unit
        values = [convert(c.value, c.unit, unit) for _, c in parts]
        total = sum(values, Decimal(0))
        arithmetic = " + ".join(str(v) for v in values) + f" = {total}"
        names = "、".join(e.name for e, _ in parts)
        c0 = parts[0][1]
        fig = self.figure(Cell(total, unit, c0.prov, names), f"{names}之和", intent.unit, arithmetic,
                          [c for _, c in parts])
        text = f"{names}合计{fmt(fig.value, fig.unit)}（{arithmetic} {unit}）。"
        return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)

    def answer_avg(self, intent: Intent, matches: list[Match]) -> Answer | None:
        if not re.search(r"项目", intent.q):
            return None
        pop = self.projects()
        if not pop:
            return None
        total = sum((c.value for _, c in pop), Decimal(0))
        avg = q2(total / len(pop))
        arithmetic = f"{total} ÷ {len(pop)} = {avg}"
        c0 = pop[0][1]
        fig = self.figure(Cell(avg, c0.unit, c0.prov, "平均"), "项目平均金额", intent.unit, arithmetic,
                          [c for _, c in pop])
        text = f"{len(pop)}个项目合计{fmt(total, c0.unit)}，平均每个{fmt(fig.value, fig.unit)}（{arithmetic}）。"
        return Answer(intent.raw, text, True, "computation", [fig], document=self.doc.doc_id)

    def change_fact(self, q: str, measure: str):
        facts = [f for f in self.doc.facts if f.measure == measure]
        if not facts:
            return None
        q = re.sub(r"[（(][^）)]*[）)]", "", q)
        rest = re.sub(r"(比|较|同)?(上年|去年|上一年|前一年)|增加|减少|增长|下降|了|多少|钱|万元|元|亿元|"
                      r"是|的|预算|总额|总计|合计|变化|变动|增减|幅度|百分之|%|几|为什么|原因|呢|吗|大概|大约|约|"
                      r"请问|一共|总共|整体|全部|那|这|今年|本年|之|长|了|部门|单位|本部门|根据|推算|倒推|计算|算|按照|按|金额|数额|额|请|"
                      r"说明|里|中|\d{4}年度?|[^\u4e00-\u9fa5]", "", q)
        if rest:
            # the subject must account for every word the question adds
            facts = [f for f in facts if all(ch in f.subject for ch in rest)]
            if not facts:
                return None
        # the subject most in common with the question, then the one adding fewest words of its own
        # (收入总计, not 财政拨款收入总计)
        scored = sorted(facts, key=lambda f: (_common_chars(clean_name(f.subject), q, self.cat),
                                              -sum(ch not in q for ch in clean_name(f.subject))), reverse=True)
        return scored[0]

    def derived_change(self, intent: Intent, e: Entity, percent: bool = False) -> Answer | None:
        """本年预算 − 上年执行数 (or the change in %), shown, when the narrative states both
        figures but not the change asked for."""
        by = {f.measure: f for f in e.facts}
        now, before = by.get("本年预算"), by.get("上年执行数")
        if not now or not before or now.unit != before.unit:
            return None
        if percent:
            if before.value == 0:
                return None
            pct = q2((now.value - before.value) / before.value * 100)
            arithmetic = f"({now.value} − {before.value}) ÷ {before.value} × 100% = {pct}%"
            prov = Provenance(self.doc.doc_id, "情况说明", now.subject, "增减%（推算）", now.line, now.page)
            fig = Figure(f"{e.name}比上年增减%", abs(pct), "%", prov, arithmetic, [prov])
            text = (f"{e.name}本年预算{fmt(now.value, now.unit)}，上年执行数{fmt(before.value, before.unit)}，"
                    f"{'增长' if pct >= 0 else '下降'}{abs(pct)}%（{arithmetic}）。")
            return Answer(intent.raw, text, True, "computation", [fig],
                          [Passage(self.doc.doc_id, "情况说明", now.line, now.line, now.sentence, now.page)],
                          document=self.doc.doc_id)
        d = now.value - before.value
        arithmetic = f"{now.value} − {before.value} = {d}"
        prov = Provenance(self.doc.doc_id, "情况说明", now.subject, "本年预算 − 上年执行数", now.line, now.page)
        unit = now.unit
        value = abs(d)
        if intent.unit in ("元", "万元", "亿元") and unit in ("元", "万元", "亿元"):
            value, unit = convert(value, unit, intent.unit), intent.unit
        fig = Figure(f"{e.name}比上年{'增加' if d >= 0 else '减少'}", value, unit, prov, arithmetic,
                     [prov, Provenance(self.doc.doc_id, "情况说明", before.subject, "上年执行数", before.line,
                                       before.page)])
        text = (f"{e.name}本年预算{fmt(now.value, now.unit)}，上年执行数{fmt(before.value, before.unit)}，"
                f"比上年{'增加' if d >= 0 else '减少'}{fmt(value, unit)}（{arithmetic}）。"
                f"（来源：情况说明{'第' + str(now.page) + '页' if now.page else '第' + str(now.line) + '行'}：“{now.sentence}”）")
        return Answer(intent.raw, text, True, "computation", [fig],
                      [Passage(self.doc.doc_id, "情况说明", now.line, now.line, now.sentence, now.page)],
                      document=self.doc.doc_id)

    def answer_change(self, intent: Intent, matches: list[Match]) -> Answer | None:
        q = intent.q
        # A named item with stated year-on-year facts (per-item narratives)?
        asks_executed = re.search(r"执行数", q) and not re.search(r"(比|较)|增减|增长|下降|增加|减少|变化", q)
        for m in matches:
            if m.entity.kind != "fact":
                continue
            measures = {f.measure for f in m.entity.facts}
            if measures & {"增减额", "增减%", "上年执行数", "比上年增减额", "比上年增减%"}:
                pct = re.search(r"%|百分|幅|比例|率|几成", q)
                if asks_executed:
                    return self.answer_fact(intent, m.entity)
                if not pct and "增减额" not in measures and "比上年增减额" not in measures:
                    derived = self.derived_change(intent, m.entity)
                    if derived:
                        return derived
                return self.answer_fact(intent, m.entity)
        pct = bool(re.search(r"%|百分|幅|比例|增长率|几成", q))
        f = self.change_fact(q, "比上年增减%" if pct else "比上年增减额")
        if f is None:
            if pct or "reason" in intent.ops:
                return None  # a reason asked is told in words, not by the amount
            return self.stated_change(intent)
        prov = Provenance(self.doc.doc_id, "情况说明", f.subject, f.measure, f.line, f.page)
        value, unit = f.value, f.unit
        if intent.unit and unit in ("元", "万元", "亿元"):
            value, unit = convert(value, unit, intent.unit), intent.unit
        fig = Figure(f"{f.subject}{f.measure}", abs(value), unit, prov)
        reason = re.search(r"(主要原因是[^。；]*)", f.sentence)
        text = (f"{f.subject}比上年{'增加' if f.value >= 0 else '减少'}{fmt(abs(value), unit)}"
                f"{'，' + reason.group(1) if reason else ''}。（来源：情况说明第{f.line}行：“{f.sentence}”）")
        return Answer(intent.raw, text, True, "lookup", [fig],
                      [Passage(self.doc.doc_id, "情况说明", f.line, f.line, f.sentence)], document=self.doc.doc_id)

    def stated_change(self, intent: Intent) -> Answer | None:
        """The change a narrative sentence states right after the item's amount ("公务接待费
        54.96万元，比2025年减少25.3万元"), for the item the question names."""
        bare = re.sub(r"[（）()\[\]【】“”\"\s]|\d{3,9}", "", intent.q)
        named = [e.key for e in self.cat.entities if e.kind in ("row", "subject", "econ", "project")
                 and len(e.key) >= 3 and e.key in bare]
        ly = last_year(intent.q, self.doc, named)
        if ly is None or ly.change is None:
            return None
        value, unit = abs(ly.change), ly.unit
        if intent.unit in ("元", "万元", "亿元") and unit in ("元", "万元", "亿元"):
            value, unit = convert(value, unit, intent.unit), intent.unit
        source = Provenance(self.doc.doc_id, ly.passage.section, ly.item, "比上年增减额", ly.passage.line_start,
                            ly.passage.page)
        word = "增加" if ly.change > 0 else "减少"
        fig = Figure(f"{ly.item}比上年{word}", value, unit, source)
        text = (f"{ly.item}比上年{word}{fmt(value, unit)}。情况说明写道：“{ly.sentence}”"
                f"（来源：{ly.passage.section}，第{ly.passage.line_start}–{ly.passage.line_end}行）。")
        return Answer(intent.raw, text, True, "lookup", [fig], [ly.passage], document=self.doc.doc_id)

    def answer_prev_year(self, intent: Intent, matches: list[Match]) -> Answer | None:
        q = intent.q
        if intent.years and self.doc.year - 1 not in intent.years:
            return None
        if not re.search(r"上年|去年|上一年|前一年", q) and not intent.years:
            return None
        q = re.sub(r"[（(][^）)]*[）)]", "", q)  # "(按说明里的增长额倒推)" says how, not what
        if re.search(r"(比|较)(上年|去年|上一年)[^，,。]{0,6}(增加|减少|增长|下降|多|少|变化|变动)", q) or \
                re.search(r"增减|变化|变动", q):
            return None  # the change itself was asked, not last year's level
        f = self.change_fact(q, "比上年增减额")
        if f is None:
            return None
        same = [x for x in self.doc.facts if x.subject == f.subject and x.measure in ("金额", "本年预算")
                and x.unit == f.unit]
        current = min(same, key=lambda x: abs(x.line - f.line), default=None)
        if current is None or abs(current.line - f.line) > 3:
            return None
        prev = current.value - f.value
        arithmetic = (f"{current.value} − {f.value} = {prev}" if f.value >= 0
                      else f"{current.value} + {abs(f.value)} = {prev}")
        prov = Provenance(self.doc.doc_id, "情况说明", f.subject, "上年（推算）", f.line, f.page)
        fig = Figure(f"上年{f.subject}（推算）", convert(prev, f.unit, intent.unit) if intent.unit in ("元", "万元", "亿元") else prev,
                     intent.unit if intent.unit in ("元", "万元", "亿元") else f.unit, prov, arithmetic,
                     [prov])
        text = (f"公开文件没有直接列出上年数，但说明了{f.subject}{self.doc.year}年为{fmt(current.value, current.unit)}，"
                f"比上年{'增加' if f.value >= 0 else '减少'}{fmt(abs(f.value), f.unit)}，"
                f"可推算上年约为{fmt(prev, f.unit)}（{arithmetic}）。"
                f"（来源：情况说明第{f.line}行）")
        return Answer(intent.raw, text, True, "computation", [fig],
                      [Passage(self.doc.doc_id, "情况说明", f.line, f.line, f.sentence)], document=self.doc.doc_id)


FUNCTION_CHARS = QUESTION_CHARS - set("钱元万亿年度预算金额总共一共几比例占0123456789") | set("之与及、，, ")


def _substituted(q: str, m: Match) -> bool:
    """Two or more characters of the question sit inside the matched span where the name has two
    or more characters of its own: the question names another term (一般公共预算支出 against
    一般公共服务支出), not this one with a word left out (一个字 differing is a typo, allowed)."""
    if not m.span:
        return False
    runs, run = [], []
    for i in sorted(m.span):
        if run and i != run[-1] + 1:
            runs.append(run)
            run = []
        run.append(i)
    runs.append(run)
    runs = [r for r in runs if len(r) >= 2]  # a stray character matched far away says nothing
    if not runs:
        return False
    key = m.entity.key
    if len(runs) < 2:
        return _replaced_tail(q, m, key)
    lo, hi = runs[0][0], runs[-1][-1]
    # the question's own words inside the span: not the name's (out of order), not function words
    gap = [q[i] for i in range(lo, hi + 1) if i not in m.span and q[i] not in key and q[i] not in FUNCTION_CHARS
           and "\u4e00" <= q[i] <= "\u9fff"]
    if len(gap) < 2:
        return False
    return sum(1 for ch in key if ch not in q) >= 2  # and the name's own words the question lacks


def _replaced_tail(q: str, m: Match, key: str) -> bool:
    """The name's last words are not in the question, and the question goes on, right after the
    matched words, with two words of its own: 一般公共[服务] against 一般公共[预算]拨款收入."""
    matched = {q[i] for i in m.span if i < len(q)}
    last = max((j for j, ch in enumerate(key) if ch in matched), default=-1)
    tail = key[last + 1:]
    if len(tail) < 2 or any(ch in q for ch in tail) or re.fullmatch(r"项目|支出|经费|资金|费用|补助|补贴|工程|平台|系统|合计|总计|小计|金额", tail):
        return False  # a generic ending a question may leave out (智慧教育平台[项目]年度指标)
    after = q[max(m.span) + 1:max(m.span) + 3]
    return len(after) == 2 and all("\u4e00" <= ch <= "\u9fff" and ch not in key and ch not in FUNCTION_CHARS
                                   for ch in after)


# Words that make a name another kind of money when the question does not say them:
# 财政[专户]拨款 is not 财政拨款, [年终]结转 not 结转.
QUALIFIERS = ("专户", "结转", "结余", "年终", "经营收入", "国有资本")


def _qualified(q: str, m: Match) -> bool:
    return any(w in m.entity.key and w not in q for w in QUALIFIERS)


def _other_side(q: str, m: Match) -> bool:
    """The name's unmatched part is one side of the budget (支出) and the question asks the other
    (收入): 一般公共预算拨款收入 is not 一般公共预算支出."""
    matched = "".join(q[i] for i in sorted(m.span) if i < len(q))
    rest = q.replace(matched, "") if matched in q else q
    for side, other in (("支出", "收入"), ("收入", "支出")):
        if side in m.entity.key and side not in matched and other in rest and other not in m.entity.key:
            return True
    return False


def _common_chars(name: str, q: str, cat: Catalogue) -> float:
    return sum(cat.weight(ch) for ch in set(name) if ch in q)


def _without(q: str, name: str) -> str:
    """``q`` with the runs of two or more characters it shares with ``name`` removed, until
    the name is accounted for (so 项目 in 项目期 survives after 智慧教育平台项目 is gone)."""
    removed = 0
    while removed < len(name) - 1:
        best = ""
        for i in range(len(q)):
            for j in range(i + 2, len(q) + 1):
                if q[i:j] in name:
                    if j - i > len(best):
                        best = q[i:j]
                else:
                    break
        if len(best) < 2:
            return q
        q = q.replace(best, "", 1)
        removed += len(best)
    return q


def _longest_run(span: set[int]) -> set[int]:
    best: list[int] = []
    run: list[int] = []
    for p in sorted(span):
        run = run + [p] if run and p == run[-1] + 1 else [p]
        if len(run) > len(best):
            best = run
    return set(best)


def _funding_source(e: Entity) -> bool:
    """A source-of-funds row of a summary table ('一、一般公共预算' on the 收入 side): in
    '一般公共预算基本支出' it qualifies another name rather than being the subject."""
    if re.fullmatch(r"(一般公共预算|政府性基金|国有资本经营)(预算)?(拨款)?(收入)?", clean_name(e.name)):
        return True
    return bool(e.rows) and all(
        (t.kind in ("summary", "fiscal_summary") and r.side == "收入")
        or re.fullmatch(r"([一二三四五六七八九十]+、)?(一般公共预算|政府性基金|国有资本经营)(预算)?(拨款)?(收入)?", r.label)
        for t, r in e.rows)
