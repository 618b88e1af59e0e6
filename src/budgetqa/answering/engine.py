"""Deterministic answering over one parsed document: lookups, computations, absences.

:class:`DocumentAnswerer` holds one document's catalogue and tables and the helpers that read a
cell; its :meth:`~DocumentAnswerer.answer` tries the operations of
:data:`budgetqa.answering.operations.OPERATIONS` in order. The operations themselves live by
concern: :mod:`.lookup`, :mod:`.forms_answers`, :mod:`.computations`, :mod:`.changes` and
:mod:`.narrative_answers`. Every figure comes from a cell (with its provenance) or from
arithmetic over cells that the answer shows. When nothing fits, ``answer`` returns ``None`` and
the service falls back to retrieval or refusal.
"""

from __future__ import annotations

import re

from ..model import Answer, Figure, ParsedDocument, Provenance, Row, Table, convert
from ..parsing.templates import TOTAL_LABELS as TOTAL_KEYS
from .catalogue import TABLE_TOPIC_KEYS, Catalogue, Match, clean_name
from .cells import QUESTION_CHARS, Cell, _longest_run, fmt, q2
from .changes import ChangeAnswers
from .computations import Computations
from .forms_answers import AMOUNT_FIELDS, FORM_FIELDS, FormAnswers, indicator_figure
from .lookup import (COLUMN_WORDS, COMPARISON, GENERAL_END, GENERAL_WORDS, STRICT_COLUMN_WORDS, TABLE_NAMES,
                     LookupAnswers, table_named)
from .narrative_answers import EMPTY_TOPICS, NarrativeAnswers
from .operations import decide
from .router import Intent

# Names other modules and tests import from here.
__all__ = ["AMOUNT_FIELDS", "COLUMN_WORDS", "COMPARISON", "Cell", "DocumentAnswerer", "EMPTY_TOPICS",
           "FORM_FIELDS", "GENERAL_END", "GENERAL_WORDS", "QUESTION_CHARS", "STRICT_COLUMN_WORDS",
           "TABLE_NAMES", "fmt", "indicator_figure", "q2", "table_named"]





# The kind of body a row's name may begin with, which a question leaves out (机关事业单位基本养老
# 保险缴费 asked as 基本养老保险缴费).
BODY_KIND_HEAD = re.compile(r"机关事业单位|行政事业单位|机关|事业单位|行政单位")

class DocumentAnswerer(LookupAnswers, FormAnswers, Computations, ChangeAnswers, NarrativeAnswers):
    """Answers what one document's tables, forms and facts can answer exactly.

    >>> a = DocumentAnswerer(parse_path(Path("corpus/yangquan-bigdata-bureau-2023-budget.txt")))
    >>> intent = parse_question("哪个项目钱最多")
    >>> a.answer(intent, a.confident(intent.q, a.cat.match(intent.q))).route
    'computation'
    """

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
            if m.exact and _inside_longer_item(q, m):
                continue  # 养老服务 inside "养老服务补助-养老机构运营补贴方向": a longer item of its own
            # the name as matched: its shortest key that can hold what was found (其中：2026年…
            # is also named without its 其中 and year)
            key_len = max(min((len(k) for k in [m.entity.key, *m.entity.extra_keys] if len(k) >= len(m.span)),
                              default=len(m.entity.key)), 1)
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
                    and m.entity.kind in ("project", "subject", "econ", "row", "measure")
                    and q[min(m.span):max(m.span) + 1] not in self.cat.printed_words)
            if m.exact or named or explains or winner or typo or self.distinctive(q, m) or self.tail_named(q, m):
                out.append(m)
                continue
        return out

    def tail_named(self, q: str, m: Match) -> bool:
        """A row named without the kind of body its name begins with (基本养老保险缴费 of 机关事业
        单位基本养老保险缴费), four characters or more, that no other row's name ends with."""
        if m.entity.kind not in ("subject", "econ", "row") or len(m.span) < 4 or \
                max(m.span) - min(m.span) + 1 != len(m.span):
            return False
        said, key = q[min(m.span):max(m.span) + 1], m.entity.key
        if not (key.endswith(said) and BODY_KIND_HEAD.fullmatch(key[:-len(said)])):
            return False
        return {e.key for e in self.cat.entities if e.kind in ("subject", "econ", "row") and e.key.endswith(said)} == {key}

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

    def has_content(self, text: str, name: str = "") -> bool:
        """Does ``text`` say more than question words and the entity's own name (a typo of it)?"""
        return sum(1 for ch in text if ch not in QUESTION_CHARS and not ch.isspace()
                   and ch not in "？?，,。、（）()“”" and ch not in name) >= 2

    # ------------------------------------------------------------ entry

    def answer(self, intent: Intent, matches: list[Match]) -> Answer | None:
        """The first operation of :data:`~budgetqa.answering.operations.OPERATIONS` that applies
        and answers (or that settles the question, even with no answer)."""
        return decide(intent, matches, self)[1]


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


# Words that end a longer item's name: said right after a row's name, they make another item
# (养老服务[补助]); the generic endings people add to any name (经费, 资金, 支出) do not.
LONGER_ITEM = re.compile(r"^(?:补助|补贴|专项|工程|平台|系统|基金|奖励|转移支付)")


def _inside_longer_item(q: str, m: Match) -> bool:
    """An exact row, subject or economic item name followed in the question by the ending of a
    longer item's name, that the name itself does not have."""
    if m.entity.kind not in ("row", "subject", "econ") or not m.span:
        return False
    after = q[max(m.span) + 1:]
    hit = LONGER_ITEM.match(after)
    return bool(hit) and hit.group(0) not in m.entity.key


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
