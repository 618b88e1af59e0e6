"""The operations one document can answer with, each a small unit saying when it applies and
what type of answer it returns, tried in the order of :data:`OPERATIONS`.

The order is the decision: the first operation that applies and answers wins; a ``final``
operation ends the choice when it applies, even with no answer (the service then retrieves
or refuses). The operations named after an op of the router (``rank``, ``count``, ``share``…)
keep the order of :data:`budgetqa.answering.router.OPS`, which is the order ``Intent.ops``
lists them in. To add an operation, write its test of when it applies and its run, and put it
where it belongs in the table.

>>> intent = parse_question("哪个项目钱最多")
>>> op, answer = decide(intent, answerer.confident(intent.q, answerer.cat.match(intent.q)), answerer)
>>> op.name, answer.route
('rank', 'computation')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from ..model import Answer
from .catalogue import Match
from .router import AnswerType, Intent

# The DocumentAnswerer of engine.py, which imports this table (so it is not imported here).
Answerer = Any
Applies = Callable[[Intent, list[Match], Answerer], bool]
Run = Callable[[Intent, list[Match], Answerer], "Answer | None"]


@dataclass(frozen=True)
class Operation:
    """One way to answer: when it ``applies``, what it ``run``s, the types it ``returns``."""

    name: str
    applies: Applies
    run: Run
    returns: tuple[AnswerType, ...]
    final: bool = False  # when it applies, its answer (even None) is the answer


# What a question says that some operations read (general vocabulary).
TOLD_IN_WORDS = re.compile(r"意思|含义|指什么|是指|指的是|具体指|指哪|定义|解释|怎么理解")
ASKS_FIGURE = re.compile(r"多少|(?<!哪)几|金额|数额|比例|占")
CHANGE_ASKED = re.compile(r"(比|较)(上年|去年|上一年)|增加了多少|减少了多少|增长了多少|变化了多少")
EXECUTED_OR_CHANGED = re.compile(r"执行数|执行了|(比|较)(上年|去年|上一年|\d{4}年)|增减|增长|下降|减少了|增加了")


def project_first(matches: list[Match]) -> bool:
    """The best match is a project with a form: what the question asks of it, its form says
    (项目设立必要性 for 为什么, 评审项目个数 for 几个)."""
    return bool(matches) and matches[0].entity.kind == "project" and bool(matches[0].entity.form)


def asks(*ops: str, not_of_a_project: bool = False) -> Applies:
    """Applies when the router read one of ``ops`` (and, if ``not_of_a_project``, the question
    is not about one project with a form)."""
    wanted = set(ops)

    def applies(intent: Intent, matches: list[Match], answerer: Answerer) -> bool:
        return bool(wanted & set(intent.ops)) and not (not_of_a_project and project_first(matches))

    applies.__doc__ = f"asks {'/'.join(ops)}" + (", not of one project" if not_of_a_project else "")
    return applies


def always(intent: Intent, matches: list[Match], answerer: Answerer) -> bool:
    """Tried on every question: its run reads the question and declines with None."""
    return True


def _definition_told_in_words(intent: Intent, matches: list[Match], answerer: Answerer) -> bool:
    # what a term means is told in words (the narrative), not by an amount
    return "definition" in intent.ops and not project_first(matches) and \
        bool(TOLD_IN_WORDS.search(intent.q)) and not ASKS_FIGURE.search(intent.q)


def _change_not_stated(intent: Intent, matches: list[Match], answerer: Answerer) -> bool:
    return "change" in intent.ops and bool(CHANGE_ASKED.search(intent.q))


def _stated_fact(intent: Intent, matches: list[Match], answerer: Answerer) -> bool:
    return bool(EXECUTED_OR_CHANGED.search(intent.q)) and answerer.fact_of_change(matches) is not None


def _reason_told_in_words(intent: Intent, matches: list[Match], answerer: Answerer) -> bool:
    return "reason" in intent.ops and not ASKS_FIGURE.search(intent.q) and not project_first(matches)


def _nothing_named(intent: Intent, matches: list[Match], answerer: Answerer) -> bool:
    return not matches


def _no_project_named(intent: Intent, matches: list[Match], answerer: Answerer) -> bool:
    return bool(answerer.doc.forms) and not project_first(matches)


def _own_level_asked(intent: Intent, matches: list[Match], answerer: Answerer) -> bool:
    return "本级" in intent.q and not re.search(r"除.{0,8}本级|不含本级|下属|以外|之外", intent.q) \
        and "本级" not in answerer.doc.department  # (深圳市财政局（本级）: the whole document is)


def _op(name: str, applies: Applies, run: Run, *returns: AnswerType, final: bool = False) -> Operation:
    return Operation(name, applies, run, tuple(returns), final)


# The decision, in order. (What a run declines, the next operation may take.)
OPERATIONS: tuple[Operation, ...] = (
    # "什么是三公经费": the glossary or a sentence defining the term
    _op("definition", asks("definition", not_of_a_project=True),
        lambda i, m, a: a.answer_definition(i, m), "text"),
    # "…是什么意思" not defined above: the narrative tells it; no amount answers it
    _op("definition_in_words", _definition_told_in_words, lambda i, m, a: None, "text", final=True),
    # "三公经费多少" where the 三公 table is printed empty: nothing budgeted, said so
    _op("empty_topic", always, lambda i, m, a: a.answer_empty_topic(i, m), "money", "text"),
    # "预算一共多少钱": the document's total, when nothing narrower is named
    _op("grand_total", always, lambda i, m, a: a.answer_grand_total(i), "money"),
    # "政府性基金预算支出表的合计数": the total row of the table whose title the question writes
    _op("table_total", always, lambda i, m, a: a.answer_table_total(i), "money"),
    # "统计局（本级）收入预算": the row a table of the body's units prints for its own level
    _op("own_level", _own_level_asked, lambda i, m, a: a.answer_own_level(i), "money"),
    # "名称带补贴的项目有几个 / 合计多少": projects picked by their names
    _op("project_subset", always, lambda i, m, a: a.answer_project_subset(i), "count", "money"),
    # "前三个项目", "哪个项目钱最多", "最少的"
    _op("rank", asks("top_n", "rank_max", "rank_min"), lambda i, m, a: a.answer_rank(i, m), "money"),
    # "有几个项目", "1000万元以上的项目有几个"; of one project, its form says (评审项目个数)
    _op("count", asks("count", not_of_a_project=True), lambda i, m, a: a.answer_count(i, m), "count", "money"),
    # "完成预算的比例" (final accounts: 决算数 ÷ 预算数)
    _op("completion", asks("completion"), lambda i, m, a: a.answer_completion(i, m), "percent"),
    # "项目支出占总支出的比例"
    _op("share", asks("share"), lambda i, m, a: a.answer_share(i, m), "percent"),
    # "A是B的几倍"
    _op("ratio", asks("ratio"), lambda i, m, a: a.answer_ratio(i, m), "quantity"),
    # "金额第二高的项目"
    _op("nth", asks("nth"), lambda i, m, a: a.answer_rank(i, m), "money"),
    # "上年三公经费是多少": worked out from the stated change
    _op("prev_year", asks("prev_year"), lambda i, m, a: a.answer_prev_year(i, m), "money"),
    # "比上年增加了多少": stated, or worked out from 本年预算 and 上年执行数
    _op("change", asks("change"), lambda i, m, a: a.answer_change(i, m), "money", "percent"),
    # "A比B多多少"
    _op("diff", asks("diff"), lambda i, m, a: a.answer_diff(i, m), "money"),
    # "A和B加起来"
    _op("sum", asks("sum"), lambda i, m, a: a.answer_sum(i, m), "money"),
    # "项目平均多少钱"
    _op("avg", asks("avg"), lambda i, m, a: a.answer_avg(i, m), "money"),
    # "为什么增加": the narrative's reason; of one project, its form says (项目设立必要性)
    _op("reason", asks("reason", not_of_a_project=True), lambda i, m, a: a.answer_reason(i, m), "text"),
    # a change asked that nothing above states: refused, with the reason the narrative gives
    _op("change_refusal", _change_not_stated, lambda i, m, a: a.change_not_stated(i, m), "text", final=True),
    # "上年执行数", "增减": the figure the narrative states for the item named
    _op("stated_fact", _stated_fact, lambda i, m, a: a.answer_fact(i, a.fact_of_change(m)),
        "money", "percent", final=True),
    # "为什么比上年增加" that nothing above answered: told in words (the narrative), never by an amount
    _op("reason_in_words", _reason_told_in_words, lambda i, m, a: None, "text", final=True),
    # "门户网站访问量的绩效目标是多少": an indicator named in full, of no project named
    _op("indicator", _no_project_named, lambda i, m, a: a.indicator_anywhere(i),
        "count", "quantity", "percent", "money", "text"),
    # nothing named: no row to look up (the total was tried above), so no answer here
    _op("nothing_named", _nothing_named, lambda i, m, a: a.answer_grand_total(i), "money", final=True),
    # the named row, subject, project, measure, fact or definition: its amount or its words
    _op("lookup", always, lambda i, m, a: a.answer_lookup(i, m),
        "money", "count", "percent", "quantity", "text", "date", final=True),
)

OPERATIONS_BY_NAME: dict[str, Operation] = {op.name: op for op in OPERATIONS}


def decide(intent: Intent, matches: list[Match], answerer: Answerer) -> tuple[Operation | None, Answer | None]:
    """The operation that settles the question and its answer: the first in :data:`OPERATIONS`
    that applies and answers, or that applies and is ``final``."""
    for op in OPERATIONS:
        if not op.applies(intent, matches, answerer):
            continue
        answer = op.run(intent, matches, answerer)
        if answer or op.final:
            return op, answer
    return None, None
