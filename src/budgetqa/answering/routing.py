"""The route one question takes through one document: refusal, the tables' exact answer, the
narrative or retrieval, as a table of small steps tried in the order of :data:`ROUTE`.

Each :class:`Step` says when it ``applies`` to a :class:`RouteContext` and what it ``run``s; the
first step that applies and answers settles the question (a step that applies may still pass,
with None, to the next). The context carries the question's intent, scoped to the document by
:func:`prepare`, and works out what the steps read (the matches, the years named, the exact
answer) the first time a step asks. The order is the decision: to add a step, write its test
of when it applies and its run, and put it where it belongs in the table.

>>> step, answer = decide(prepare(qa, parse_question("智慧教育平台项目预算多少"), doc_id))
>>> step.name, answer.route
('exact', 'lookup')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Callable

from ..model import Answer, Passage
from .catalogue import AS_AT, Match
from .cells import ABSENCE_LABELS
from .figure_checks import Found, code_note, first_failing
from .mentions import strip_scope
from .normalize import ASKS_COUNT, apply_aliases, normalize_question
from .passage_figures import figure_in_passages, longest_common
from .previous_year import last_year, last_year_figure
from .router import Intent, refusal_of

# The BudgetQA of service.py, which imports this table (so it is not imported here): the steps
# use its refusal, its retrieval and its answers from the narrative.
Service = Any
# The DocumentAnswerer of engine.py: one document's catalogue, tables and exact answers.
Answerer = Any


@dataclass
class RouteContext:
    """One question on its way through one document. What a step reads is worked out once,
    when a step first asks for it, from the intent as :func:`prepare` left it."""

    qa: Service
    intent: Intent
    doc_id: str
    answerer: Answerer

    @property
    def doc(self):
        return self.answerer.doc

    @cached_property
    def all_matches(self) -> list[Match]:
        """Every entity the question names, best first."""
        return self.answerer.cat.match(self.intent.q)

    @cached_property
    def matches(self) -> list[Match]:
        """The matches that explain the question well enough to answer from."""
        return self.answerer.confident(self.intent.q, self.all_matches)

    @cached_property
    def other_years(self) -> list[int]:
        """The years the question names other than the document's. Years inside a named row or
        project (2022年专业人员聘用补贴) do not scope the question."""
        named = set().union(*[m.span for m in self.all_matches if m.exact] or [set()])
        # (and a year a name matched well prints itself, said inside the match: 2025年珠海市冬季
        # 促消费专项资金（第一批） of 粤财工〔2025〕139号2025年珠海市冬季促消费专项资金（第一批）)
        for y in re.finditer(r"(?:19|20)\d{2}年", self.intent.q):
            inside = set(range(*y.span()))
            if any(m.coverage >= 0.5 and len(m.span) >= 8 and inside <= m.span and y.group(0) in m.entity.name
                   and m.entity.kind == "project" for m in self.all_matches):
                named |= inside
        q_free = "".join(ch for i, ch in enumerate(self.intent.q) if i not in named)
        # "截至2025年底有几辆车" of a 2026 budget whose narrative counts its assets 截至2025年12月31日:
        # the date the document itself states a holding at, not another year's figures
        dated = {int(y) for y in AS_AT.findall(self.intent.q)} & self.answerer.cat.as_at_years
        return [int(y) for y in re.findall(r"(20\d{2})\s*年(?!\d{1,2}月)", q_free)
                if int(y) != self.doc.year and int(y) not in dated]

    @cached_property
    def asks_last_year(self) -> bool:
        """Last year's figure asked (上年, 去年), not a comparison with it (比上年) nor its carry-over."""
        return "prev_year" in self.intent.ops and bool(
            re.search(r"(?<![比较])(上年|去年|上一年|前一年)(?!结转|结余|度?结转)", self.intent.q))

    @cached_property
    def exact(self) -> Answer | None:
        """What the document's tables, forms and facts answer exactly (see :mod:`.operations`)."""
        return self.answerer.answer(self.intent, self.matches)

    @property
    def figures_found(self) -> bool:
        """The exact answer gives figures: they must still be checked against the question.
        (Asked only whether there is any, 三公经费有吗, an answer that there is none gives its
        table's 0 as what it says, not a figure found for the question's words.)"""
        if self.exact is None or not self.exact.answerable or not self.exact.figures:
            return False
        return not (all(f.value == 0 and f.label.endswith(ABSENCE_LABELS) for f in self.exact.figures)
                    and not re.search(r"多少|金额|几", self.intent.q))

    @cached_property
    def found(self) -> Found:
        """The exact answer with what it was found from, as the figure checks read it."""
        return Found(self.intent.q, self.exact, self.answerer, self.matches, self.all_matches,
                     self.intent.answer_type, self.intent.quoted)

    @cached_property
    def lost(self) -> str | None:
        """What the exact figures drop of the question (see :func:`operation_lost`)."""
        return operation_lost(self.intent, self.exact, self.doc.department) if self.figures_found else None

    def refuse(self, reason: str) -> Answer:
        return self.qa.refuse(self.intent, reason, self.doc_id)

    def stated(self, a: Answer) -> Answer:
        """A passage's answer, giving only a figure the narrative states for what is asked."""
        return self.qa.stated_figure(self.intent, self.doc_id, a)

    def section(self, section) -> Answer:
        """A narrative section as the answer (under the rule of :meth:`stated`)."""
        return self.stated(self.qa.section_answer(self.intent, self.answerer, section))

    def retrieve(self) -> Answer:
        return self.qa.retrieve(self.intent, self.doc_id)


def prepare(qa: Service, intent: Intent, doc_id: str) -> RouteContext:
    """The context of ``intent`` in the document ``doc_id``: the question without the body and
    year that scoped it, and the refusals the document lifts by stating what was asked."""
    ans = qa.answerer(doc_id)
    doc = ans.doc
    plain = normalize_question(intent.raw)
    if plain != intent.q and apply_aliases(plain) == intent.q and any(len(e.key) >= 6 and e.key in plain and e.key not in intent.q
                                 for e in ans.cat.entities if e.kind == "project"):
        # "民辅警意外险及健康警队运转经费的保费标准": a colloquial word (运转经费) inside a name
        # the document prints, said in full: the name as said, not its word rewritten
        intent.q = plain
    intent.q = ans.cat.units_as_printed(intent.q)
    intent.q = strip_scope(intent.q, doc.department, doc.year, keep=ans.cat.names_kept)
    if "prev_year" in intent.ops and not re.search(r"上年|去年|上一年|前一年|\d{4}\s*年", intent.q):
        intent.ops.remove("prev_year")  # the year named was the document's own
    if intent.refusal == "actual" and (doc.kind == "决算" or (
            re.search(r"执行数|执行了", intent.q) and any(f.measure == "上年执行数" for f in doc.facts))):
        intent.refusal = None  # final accounts, or last year's executed figures per item, are stated
    if intent.refusal in ("personal", "offtopic") and intent.refused_words and any(
            intent.refused_words in sec.text for sec in doc.sections):
        # 天气 for a 气象局, 人口 for a 统计局, 编制 for a body that states its staffing: the
        # document speaks of it, so only what it states may answer (never a guess)
        intent.refusal = None
    said_in_names = ""
    while intent.refusal in ("invent", "offtopic", "personal", "actual") and intent.refused_words and any(
            _named_around(intent.q, intent.refused_words, name) for name in _printed_names(doc)):
        # 预测 of the subject 气象预报预测, 入职 of the project …毕业生一次性入职奖励方向: the word
        # is part of a name the document prints, and the question says that name; what else the
        # question asks may still be refused (预决算编审业务是哪家事务所承接的)
        said_in_names = (said_in_names or intent.q).replace(intent.refused_words, "　" * len(intent.refused_words))
        intent.refusal, intent.refused_words = refusal_of(said_in_names)
    return RouteContext(qa, intent, doc_id, ans)


def _printed_names(doc) -> list[str]:
    """The names the document prints: its tables' row labels and its forms' projects."""
    return [r.label for t in doc.tables for r in t.rows] + [f.project for f in doc.forms]


def _named_around(q: str, word: str, name: str, more: int = 3) -> bool:
    """Does ``q`` say ``word`` as part of ``name``: with at least ``more`` characters of the
    name around it, as the name prints them?"""
    start = name.find(word)
    while start >= 0:
        at = q.find(word)
        while at >= 0:
            left = 0
            while left < min(start, at) and name[start - left - 1] == q[at - left - 1]:
                left += 1
            right, end, q_end = 0, start + len(word), at + len(word)
            while end + right < len(name) and q_end + right < len(q) and name[end + right] == q[q_end + right]:
                right += 1
            if left + right >= more:
                return True
            at = q.find(word, at + 1)
        start = name.find(word, start + 1)
    return False


@dataclass(frozen=True)
class Step:
    """One decision of the route: when it ``applies``, what it ``run``s (None: the next step)."""

    name: str
    applies: Callable[[RouteContext], bool]
    run: Callable[[RouteContext], "Answer | None"]


# What a question says that some steps read.
ASKS_AMOUNT = re.compile(r"多少|金额|钱|预算数|万元|元|比例|几个|几项|占")
# Words of a question about a body's duties (not what a project is for).
ASKS_DUTIES = re.compile(r"负责|职责|职能|管不管")
# Words about a person's own affairs (pay, age, home): never in a disclosure.
ASKS_PERSONAL = re.compile(r"工资|薪|收入|奖金|入职|年龄|学历|住|家|是谁")
# The columns of a figure stated or derived for last year.
LAST_YEAR_COLUMNS = ("上年执行数", "增减额", "增减%", "比上年增减额", "比上年增减%", "本年预算 − 上年执行数")


def always(ctx: RouteContext) -> bool:
    """Tried on every question."""
    return True


# ---------------------------------------------------------------- refusals


def _executed_last_year(ctx: RouteContext) -> bool:
    # "比上年执行数增加…": last year's 执行数, which a 预算 states through its comparison
    q = ctx.intent.q
    return ctx.intent.refusal == "actual" and bool(re.search(rf"上年|去年|上一年|{ctx.doc.year - 1}\s*年", q)) \
        and "执行数" in q and not re.search(r"实际|决算", q)


def _year_not_held(ctx: RouteContext) -> bool:
    years = ctx.other_years
    if not years or (set(years) <= {ctx.doc.year - 1} and
                     ({"prev_year", "change", "reason"} & set(ctx.intent.ops) or "执行" in ctx.intent.q)):
        return False  # no other year, or last year's change or 执行数, which the document states
    return not any(str(y) in ctx.answerer.cat.doc.title for y in years)


# "全市一般公共预算收入是多少", "省里的财政支出": the whole government's budget, not a body's
WHOLE_GOVERNMENT = re.compile(r"(全国|全省|全市|全区|全县|全镇|省里|市里|区里|县里)的?"
                              r"(一般公共预算|政府性基金|国有资本经营|财政|税收)(预算)?(总)?(收入|支出)")


def _whole_government(ctx: RouteContext) -> bool:
    """The question asks a government's own budget (全市一般公共预算收入), outside every name
    the document prints (a project 全市财政收入分析 names it)."""
    named = set().union(*[set(m.span) for m in ctx.all_matches if m.exact] or [set()])
    return any(not set(range(*m.span())) <= named for m in WHOLE_GOVERNMENT.finditer(ctx.intent.q))


def _person_named(ctx: RouteContext) -> bool:
    people = {f.fields.get(k, "") for f in ctx.doc.forms for k in ("经办人", "负责人")} - {""}
    return any(p in ctx.intent.q for p in people) and bool(ASKS_PERSONAL.search(ctx.intent.q))


# ---------------------------------------------------------------- the narrative first


def _glossary(ctx: RouteContext) -> Answer | None:
    defined = ctx.answerer.answer_definition(ctx.intent, ctx.all_matches)
    where = defined.sources[0].section if defined is not None and defined.sources else ""
    if where == "名词解释" or (where.startswith("名词解释") and re.search(r"是指|系指|指的是", defined.text)):
        # (a term's own entry, or a sentence defining it inside another's: 财政拨款结转是指…)
        return defined
    return None


def _asked_in_words(ctx: RouteContext) -> bool:
    # what the body does, how it is organised, what something is for: no amount asked
    about_project = any(m.entity.kind == "project" for m in ctx.matches[:1]) and \
        not ASKS_DUTIES.search(ctx.intent.q)  # a department's duties, not a project
    # (the document's own year said, 纳入2019年部门汇总预算的单位, asks of no other year)
    ops = set(ctx.intent.ops) - ({"prev_year"} if not ctx.other_years and not ctx.asks_last_year else set())
    return not about_project and not ASKS_AMOUNT.search(ctx.intent.q) and \
        ops <= {"purpose", "definition", "reason"}


def _purpose_asked(ctx: RouteContext) -> bool:
    # "其他一般公共服务支出12868万元主要用于什么": what it is for, no figure asked (the amount
    # quoted names the item)
    q = re.sub(r"\d[\d,.]*\s*(?:万元|亿元|元)?", "", ctx.intent.q)
    form_named = any(m.entity.kind == "project" and m.entity.form is not None for m in ctx.matches[:1])
    return "purpose" in ctx.intent.ops and not ASKS_AMOUNT.search(q) and not form_named  # (a form says it)


def _narrative_section(ctx: RouteContext) -> Answer | None:
    section = ctx.qa.section_for(ctx.intent, ctx.answerer, ctx.all_matches)
    if section is None:
        return None
    if "reason" in ctx.intent.ops:
        # "…决算小于预算的主要原因": the sentence of the section stating the reason, not its opening
        why = ctx.answerer.answer_reason(ctx.intent, ctx.all_matches)
        if why is not None and why.sources and why.sources[0].section == " > ".join(section.path):
            return why
    return ctx.section(section)


# ---------------------------------------------------------------- last year


def _last_year_asked(ctx: RouteContext) -> bool:
    years = ctx.other_years
    compared = bool(re.search(rf"(?:比|较|同){ctx.doc.year - 1}\s*年|(?:与|和|跟){ctx.doc.year - 1}\s*年度?(?:相比|比较|对比)",
                              ctx.intent.q))  # 比2025年增加了多少, 与2025年相比下降了百分之几
    return "prev_year" in ctx.intent.ops and (
        ctx.asks_last_year or bool(years and set(years) <= {ctx.doc.year - 1} and not compared))


def _last_year_not_stated(ctx: RouteContext) -> bool:
    # only a figure stated or derived for last year may answer a question about last year
    if not (ctx.other_years or ctx.asks_last_year):
        return False
    if "reason" in ctx.intent.ops and not re.search(r"多少|几|百分|%", ctx.intent.q):
        return False  # "为什么比2025年增加": the reason, which the narrative tells in words
    exact, ops = ctx.exact, ctx.intent.ops
    last_year_fact = exact is not None and exact.answerable and any(
        f.source.column in LAST_YEAR_COLUMNS for f in exact.figures)
    if last_year_fact or not (exact is None or exact.route != "computation" or "prev_year" not in ops):
        return False  # stated for last year, or worked out from it
    return not (exact is not None and "change" in ops and exact.answerable)  # a change answered


def _last_year_or_refusal(ctx: RouteContext) -> Answer:
    derived = last_year_answer(ctx.intent, ctx.answerer) if set(ctx.other_years) <= {ctx.doc.year - 1} else None
    return derived or _last_years_column(ctx) or ctx.refuse("year")


def _last_years_column(ctx: RouteContext) -> Answer | None:
    """"2025年因公出国（境）费是多少": the cell the exact answer read, in the column beside it that
    its table prints for last year (上年一般公共预算 beside 一般公共预算)."""
    exact = ctx.exact
    if exact is None or not exact.answerable or not exact.figures or set(ctx.other_years) - {ctx.doc.year - 1}:
        return None
    f = exact.figures[0]
    src = f.source
    t = next((t for t in ctx.doc.tables if t.title == src.table), None)
    rows = [r for r in t.rows if r.line == src.line and r.label == src.row] if t is not None else []
    r = rows[0] if len(rows) == 1 else None  # (the very row read, named and placed as the answer's cell)
    c = ctx.answerer.last_years_cell(t, r, src.column) if r is not None and src.column else None
    if c is None or f.arithmetic:
        return None
    fig = ctx.answerer.figure(c, f"{ctx.doc.year - 1}年{src.row}", ctx.intent.unit)
    text = (f"{ctx.doc.department}{ctx.doc.year - 1}年{src.row}为{fig.value:,}{fig.unit}"
            f"{ctx.answerer._unit_note(c, fig)}（表中上年一栏）。{ctx.answerer.where(c)}。")
    return Answer(ctx.intent.raw, text, True, "lookup", [fig], document=ctx.doc_id)


# ---------------------------------------------------------------- the exact figures, checked


def _figure_checks(ctx: RouteContext) -> Answer | None:
    check = first_failing(ctx.found)
    if check is None:
        return None
    if check.reason == "retrieve":
        return ctx.retrieve()  # the narrative may state the term's figure
    return ctx.refuse(check.reason)


def _whole_in_narrative(ctx: RouteContext) -> Answer | None:
    whole = whole_in_narrative(ctx.intent, ctx.answerer, ctx.exact)
    if isinstance(whole, Passage):  # the item's whole, stated in a sentence of the narrative
        return ctx.stated(Answer(ctx.intent.raw, "", True, "retrieval", [], [whole], document=ctx.doc_id))
    if whole is not None:  # the item's own section
        return ctx.section(whole)
    return None


def _count_in_narrative(ctx: RouteContext) -> Answer:
    # a count the narrative may state (共有车辆 5 辆)
    section = ctx.qa.section_for(ctx.intent, ctx.answerer, ctx.all_matches)
    return ctx.section(section) if section is not None else ctx.retrieve()


def _exact(ctx: RouteContext) -> Answer:
    exact = ctx.exact
    if ctx.figures_found:  # checked above: it answers, noting a code it answered for by name
        exact.text = code_note(ctx.found) + exact.text
    return exact


# ---------------------------------------------------------------- no exact answer


def _section_matched(ctx: RouteContext) -> Match | None:
    return next((m for m in ctx.matches[:3] if m.entity.kind == "section"
                 and (m.coverage >= 0.6 or m.exact)), None)


# The decision, in order.
ROUTE: tuple[Step, ...] = (
    # "比上年执行数增加多少" in a 预算: last year's 执行数, worked out from the narrative
    Step("executed_last_year", _executed_last_year, lambda c: last_year_answer(c.intent, c.answerer)),
    # what the router refuses (实际支出, 工资, 天气…) and the document does not state
    Step("refusal", lambda c: bool(c.intent.refusal), lambda c: c.refuse(c.intent.refusal)),
    # English or other words the vocabulary does not know: no figure is guessed for them
    Step("unexplained_words", lambda c: bool(c.intent.unexplained), lambda c: c.refuse("words")),
    # "2019年…" of a 2023 budget: another year's figures are not in this document
    Step("other_year", _year_not_held, lambda c: c.refuse("year")),
    # "全市一般公共预算收入": a government's budget, which no body's disclosure states
    Step("whole_government", _whole_government, lambda c: c.refuse("government")),
    # "张三的工资": a person a form names as its 经办人 or 负责人
    Step("personal_name", _person_named, lambda c: c.refuse("personal")),
    # "什么是三公经费": the glossary's (名词解释) definition
    Step("glossary", lambda c: "definition" in c.intent.ops, _glossary),
    # "主要负责什么工作", "有哪些下属单位": a section of the narrative, named or hinted
    Step("narrative_section", _asked_in_words, _narrative_section),
    # "科学技术支出5000万元主要用来干什么": the sentence saying what the item is for
    Step("purpose", _purpose_asked, lambda c: c.answerer.answer_purpose(c.intent, c.all_matches)),
    # "上年三公经费是多少": worked out from the narrative's comparison
    Step("last_year", _last_year_asked, lambda c: last_year_answer(c.intent, c.answerer)),
    # a year (last year) the exact answer does not state: derived, or refused
    Step("year_not_stated", _last_year_not_stated, _last_year_or_refusal),
    # the exact figures against the question (see figure_checks.FIGURE_CHECKS)
    Step("figure_checks", lambda c: c.figures_found, _figure_checks),
    # an economic item read from the 基本支出 table: its whole, stated in the narrative
    Step("whole_in_narrative", lambda c: c.figures_found, _whole_in_narrative),
    # "有几辆车" answered in 万元: a count the narrative may state
    Step("count_in_narrative", lambda c: c.lost == "count", _count_in_narrative),
    # a share, difference, sum or quoted name the exact figures drop
    Step("operation_lost", lambda c: c.lost is not None,
         lambda c: (c.qa.narrative_computation(c.intent, c.doc_id) if c.lost == "operation" else None)
         or c.refuse("unknown")),
    # the exact answer: a lookup, a computation, a form's field, a stated fact
    Step("exact", lambda c: c.exact is not None, _exact),
    # a narrative section the question names
    Step("section", lambda c: _section_matched(c) is not None,
         lambda c: c.section(_section_matched(c).entity.section)),
    # the rest: the passages retrieved, under the rule for stated figures
    Step("retrieval", always, lambda c: c.retrieve()),
)

ROUTE_BY_NAME: dict[str, Step] = {step.name: step for step in ROUTE}


def decide(ctx: RouteContext) -> tuple[Step, Answer]:
    """The step that settles the question and its answer: the first in :data:`ROUTE` that
    applies and answers (retrieval, last, always does)."""
    for step in ROUTE:
        if not step.applies(ctx):
            continue
        answer = step.run(ctx)
        if answer is not None:
            return step, answer
    raise AssertionError("the route's last step answers every question")  # pragma: no cover


def route(qa: Service, intent: Intent, doc_id: str) -> Answer:
    """The answer to ``intent`` from the document ``doc_id``."""
    return decide(prepare(qa, intent, doc_id))[1]


# ---------------------------------------------------------------- what the steps read


def _without_name(q: str, name: str, least: int = 4) -> str:
    """``q`` without any run of at least ``least`` characters it shares with ``name`` (a body
    named in full or in part: 普陀区规划和自然资源局 of 上海市普陀区规划和自然资源局)."""
    out, i = [], 0
    while i < len(q):
        j = i
        while j < len(q) and q[i:j + 1] in name:
            j += 1
        if j - i >= least:
            i = j
            continue
        out.append(q[i])
        i += 1
    return "".join(out)


def clean_item(label: str) -> str:
    """An economic item's name without its code and second label ('30227 委托业务费/劳务费')."""
    return re.sub(r"^\d+\s*|/.*$|\s", "", label)


def last_year_answer(intent: Intent, ans: Answerer) -> Answer | None:
    """Last year's figure of the item asked, worked out from the narrative's comparison."""
    if intent.ops and set(intent.ops) - {"prev_year", "change"}:
        return None  # a share, sum or ranking of last year's figures is not stated
    bare = re.sub(r"[（）()\[\]【】“”\"\s]|\d{3,9}", "", intent.q)
    named = [e.key for e in ans.cat.entities if e.kind in ("row", "subject", "econ", "project")
             and len(e.key) >= 3 and e.key in bare]
    # (as normalised, and as asked: 收入支出总计 is said as printed before an alias shortens it)
    as_asked = normalize_question(intent.raw)
    said = ans.cat.last_year_statements
    ly = last_year(intent.q, ans.doc, named, said) or (
        last_year(as_asked, ans.doc, named, said) if as_asked != intent.q else None)
    if ly is None:
        return None
    figure, text = last_year_figure(ly, ans.doc, intent.unit)
    return Answer(intent.raw, text, True, "computation", [figure], [ly.passage], document=ans.doc.doc_id)


def whole_in_narrative(intent: Intent, ans: Answerer, exact: Answer):
    """An economic item answered from the 基本支出 economic table, which holds only its
    基本支出 part, when the question does not ask for that part: the narrative section the
    item has to itself (四、委托业务费情况) states the whole, so it answers instead."""
    f = exact.figures[0]
    if len(exact.figures) != 1 or f.arithmetic or re.search(r"基本|人员|公用|日常|表|经济分类", intent.q):
        return None  # the 基本支出 part, or the table itself, asked for
    table = next((t for t in ans.doc.tables if t.title == f.source.table), None)
    item = clean_item(f.source.row or "")
    if table is None or table.kind != "gp_basic_economic" or len(item) < 3:
        return None
    own = [s for s in ans.doc.sections if s.text and item in re.sub(r"\s", "", s.title)
           and re.search(r"\d", s.text)]
    if own:
        return own[0] if len(own) == 1 else None
    # no section of its own: a sentence naming the item in full right before an amount
    said = [Passage(ans.doc.doc_id, s.title, s.line_start, s.line_end, s.text, s.page)
            for s in ans.doc.sections if s.text and s.title != "名词解释" and item in s.text]
    found = figure_in_passages(item, said, "money")
    anchor = found.anchor.replace(" ", "") if found is not None else ""
    if item in anchor and not re.search(r"增|减|下降|比上年|其中", anchor):
        return found.passage
    return None


def operation_lost(intent: Intent, exact: Answer, department: str) -> str | None:
    """Does an exact answer drop what the question asks? A share, difference or sum answered
    by one looked-up amount; a count (几辆, 多少个) answered in 万元; a name in quotes the
    answer's row does not carry."""
    first = exact.figures[0]
    stated_change = re.search(r"增减|比上年|增加|减少|变化|增长|下降|执行数|上年", f"{first.source.column}{first.label}")
    if exact.route == "lookup" and set(intent.ops) & {"rank_max", "rank_min", "top_n"} and "哪" in intent.q:
        return "operation"  # "哪一家收入最多": one amount looked up ranks nothing
    if exact.route == "lookup" and (set(intent.ops) & {"share", "ratio"} or (
            set(intent.ops) & {"diff", "change"} and not stated_change)):
        return "operation"
    unnamed = _without_name(intent.q, department)  # 规划和自然资源局: 和 inside the body's name
    for f in exact.figures:
        # 商品和服务支出, 对个人和家庭的补助: 和 inside the name of the row answered
        unnamed = unnamed.replace(re.sub(r"^[一二三四五六七八九十\d]+[、.．]", "", f.source.row or "") or "\0", "")
    if "sum" in intent.ops and exact.route == "lookup" and re.search(r"[和与及、]", unnamed) and \
            re.search(r"加起来|合起来|加在一起|一共|合计|总共|之和", intent.raw):
        return "operation"  # "A和B加起来": one of them is not the sum
    if exact.route == "computation" and set(intent.ops) & {"share", "ratio"}:
        # a share's part and whole are each named in the question (by name or code), or total
        for cell in first.cells:
            if cell.code and cell.code in intent.q:
                continue
            if "本级" in intent.q and "本级" in first.label and (cell.row or "") in first.label:
                continue  # the body's own level, named 本级 (杭州市气象局 printed again for it)
            row = re.sub(r"\W|^[一二三四五六七八九十]+、", "", cell.row or "")
            if row and row not in ("合计", "总计", "小计") and not re.search(r"合计|总计", row) \
                    and sum(1 for ch in set(row) if ch in intent.q) < 0.6 * len(set(row)) \
                    and longest_common(row, intent.q) < 4:
                return "operand"
    ranked = bool({"rank_max", "rank_min", "top_n"} & set(intent.ops)) and "哪" in intent.q  # (几个项目中哪一个最多)
    if ASKS_COUNT.search(intent.q) and not ranked and \
            not re.search(r"多少(万|亿)?元|多少钱|金额", intent.q) and first.unit in ("元", "万元", "亿元"):
        return "count"
    for quoted in re.findall(r"[“\"「『]([^”\"」』]{4,})[”\"」』]", intent.raw):
        said = re.sub(r"\W|\d{3,9}", "", quoted)  # ("30103-奖金": the item's code beside its name)
        row = re.sub(r"\W", "", f"{first.source.row or ''}{first.label}")
        if len(said) < 2:
            continue
        if sum(1 for ch in set(said) if ch in row) < 0.8 * len(set(said)):
            return "name"
    return None
