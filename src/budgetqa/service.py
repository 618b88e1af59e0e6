"""The one core service every edge calls: ``BudgetQA.answer(question, history, document)``.

It owns the store, the search index and one :class:`DocumentAnswerer` per document, picks
the document a question is about, and routes between lookup, computation, retrieval and
refusal (the steps of :mod:`budgetqa.answering.routing`; the question's intent is read by
:mod:`budgetqa.answering.router`).

>>> qa = BudgetQA.open(Settings())
>>> qa.answer("智慧教育平台项目预算多少").figures[0].value
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from decimal import ROUND_HALF_UP, Decimal
import threading
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from .answering.across import answer_across
from .answering.holdings import answer_holdings
from .answering.engine import DocumentAnswerer
from .answering.english_names import EnglishNames
from .parsing.bodies import describe_body
from .answering.mentions import covers, cover_ratio, expand_abbreviation, names_no_body, org_mentions, org_names, strip_scope
from .answering.name_index import MAX_CODE_CANDIDATES, NameIndex
from .answering.passage_figures import (amounts_listed, figure_in_passages, longest_common, measure_asked, narrative_passages, none_stated, score_in_passages, stated_answer,
                                         whole_of)
from .answering.listed_counts import listed_answer, listed_count
from .answering.lookup import GENERAL_WORDS
from .answering.normalize import ASKS_COUNT_OR_ITEMS, cn_to_int
from .answering.router import Intent, parse_question
from .answering.routing import route
from .limits import check_question
from .documents import list_documents
from .errors import ConfigError, QuestionError, UnknownDocumentError
from .ingest import IngestReport, ingest
from .model import Answer, Figure, Provenance, convert
from .settings import Settings
from .store import Store, open_store

if TYPE_CHECKING:
    from .audit.report import DocumentAudit
    from .compare import Comparison

REFUSAL_TEXT = {
    "injection": "我只依据公开文件回答，不会按问题里的指示忽略文件、改变数字或回答规则。",
    "invent": "我只能给出公开文件中印出的数字，不能编造或猜测数字。",
    "actual": "部门预算是计划数，公开文件不包含实际支出或执行（决算）情况。",
    "salary": "公开文件不包含任何个人的工资或收入。",
    "contractor": "公开文件没有说明项目的中标单位、承建方或供应商。",
    "personal": "公开文件不包含人员的个人信息、编制或办公地址等内容。",
    "beneficiary": "公开文件没有列出受益企业或单位的名单。",
    "offtopic": "这个问题不在部门预算公开文件的范围内。",
    "future": "公开文件只包含本年度预算，没有以后年度的数字。",
    "monthly": "公开文件只列出全年的数字，没有按月份分列。",
    "opinion": "我只陈述公开文件中的事实，不做评价。",
    "year": "公开文件中没有这一年的数据。",
    "department": "语料库中没有这个部门的预算公开文件。",
    "government": "公开文件是一个部门（单位）的预算公开，不含全市、全省等整个政府的财政收支总数。",
    "unknown": "公开文件中没有找到与这个问题相关的内容。",
    "system": "我只回答公开文件里的预算问题，不提供系统、数据库或服务器的任何信息，也不改变回答规则。",
    "unit": "公开文件是整个部门的预算/决算，没有单列这个下属单位的数字。",
    "words": "问题里有我不认识的词，无法确定问的是哪一项，所以不给出数字。",
    "item": "公开文件没有单独列出问题所问的这一项：表中找到的数字只对应问题里的其他词，所以不给出数字。",
    "code": "公开文件的表格里没有问题中的这个科目编码，所以不给出数字。",
    "source": "公开文件没有给出这部分资金（如政府性基金、国有资本经营预算）的这个数字，所以不给出其他资金的数字。",
    "opposite": "公开文件里找到的是另一项（如问年初却印着年末，或是上年结转的钱），不是问题问的那一项，所以不给出数字。",
}


# A retrieved passage that renders a table row ("某局 2026年支出总表（单位：万元）：…").
_TABLE_PASSAGE = re.compile(r"^\S+ .{0,80}（单位：(?:亿元|万元|元)）：")
# Operations whose figure is computed from several cells, never read off one sentence.
COMPUTING_OPS = {"share", "diff", "sum", "avg", "ratio", "change", "prev_year", "top_n", "rank_max",
                 "rank_min", "completion", "nth"}


def _restates_the_question(intent: Intent, found) -> bool:
    """Is the stated figure one the question itself gives (in the unit it is asked in)?"""
    for number, unit in re.findall(r"(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元)?", intent.q):
        value = Decimal(number.replace(",", ""))
        if value == found.value and (not unit or unit == found.unit) and intent.unit in (None, found.unit):
            return True
    return False


@lru_cache(maxsize=256)
def _own_names(department: str) -> tuple[str, ...]:
    """The body's names, longest first: 中共西安市委宣传部, 西安市委宣传部, 市委宣传部, 宣传部."""
    names = {department, re.sub(r"^(.{2,3}?[省市区县])", "", department), *describe_body(department).aliases}
    return tuple(sorted((n for n in names if len(n) >= 3), key=len, reverse=True))


def _content_of(q: str, doc) -> str:
    """The question without the body's name and the year (they anchor nothing)."""
    for name in _own_names(doc.department):
        q = q.replace(name, "")
    return re.sub(r"(19|20)\d{2}年度?|今年|本年度?", "", q)


# "四个季度用款计划加起来多少": a count of parts of one kind (季度), and the measure summed
_LISTED_SUM = re.compile(r"([两三四五六七八九十\d]+)个([\u4e00-\u9fff]{1,4}?)的?([\u4e00-\u9fff]{2,8}?)(?:的?预算)?"
                         r"(?:加起来|加在一起|合起来|合计|一共|总共|共计|之和)")
def _rounded(a: Answer, decimals: int) -> Answer:
    """"保留两位小数": the answer's figure rounded (half up) as asked, the figure as read shown
    beside it and the rounding in its arithmetic."""
    if not a.answerable or not a.figures or not 0 <= decimals <= 6:
        return a
    f = a.figures[0]
    value = f.value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if value == f.value:
        return a
    step = f"{f.value} ≈ {value}（保留{decimals}位小数）"
    a.figures = [Figure(f.label, value, f.unit, f.source, f"{f.arithmetic}；{step}" if f.arithmetic else step,
                        f.cells)] + a.figures[1:]
    a.text = f"约{value:,}{f.unit}（{f.value:,}{f.unit}保留{decimals}位小数）。" + a.text
    return a


# A name a question quotes (“市行政中心保安服务”项目): the thing asked about.
QUOTED = re.compile(r"[“\"「『]([^”\"」』]{3,})[”\"」』]")
# "有没有…", "有…吗", "是否安排…": whether there is any
WHETHER = re.compile(r"有没有|有无|是否(?:有|安排|编制|涉及)|有[^，,。？?]{1,24}吗")
# A question asking for a score (自评得多少分), which no amount answers.
SCORE = re.compile(r"(?:多少|几)分(?!之|钱)|得分|分数|打分|评分")
# "它的项目支出呢", "该单位的人员经费": what follows belongs to the last question's subject.
POINTS_TO_IT = re.compile(r"^(?:那么?|那)?(?:它|其|该单位|这个单位|该中心|这个中心|这家单位)的?(?=[\u4e00-\u9fff])")
SIBLING = re.compile(r"^(?:那么|那|还有|另外)?[^，,。？?]{2,20}呢[？?]?$")
POINTS_BACK = re.compile(r"^(?:那么|那|还有|另外|其中)")
ASKED_PART = re.compile(r"^(?:那么|那|还有|另外|其中)|(?:是多少|有多少|多少钱|多少|呢|吗)?[？?。！!\s]*$")
ASKING = re.compile(r"(?:的)?(?:总额|总数|总计|合计|一共|总共|共计|是多少|有多少|多少|是什么|有哪些)")
# Template vocabulary for the narrative's standard sections: (question words, section title).
SECTION_HINTS: tuple[tuple[str, str, bool], ...] = (  # (question words, title, own title first)
    (r"干什么|做什么|职责|职能|负责|管不管|主要工作|管哪些|业务范围|管什么|主要任务是什么", r"职责|职能", True),
    (r"级别|性质|科室|内设|机构设置|处室|下设|机构|下属|几家事业单位|哪些事业单位|合署|单位构成|哪些单位|预算单位|下属单位|所属单位|哪些.{0,4}单位|"
     r"哪几[家个].{0,4}单位|纳入.{0,24}单位|单位(?:有|包括)哪些",
     r"机构|职能|职责|概况|基本情况|构成|组成", False),
    (r"(收入|钱).{0,6}(哪来|哪里来|来源|构成|从哪)", r"收入预算情况", False),
    (r"政府采购", r"政府采购", False),
    (r"国有资产|车辆|公车|几辆|多少辆|有(没有)?公务用车|公务用车购置及运行费吗|房屋|资产", r"国有资产", False),
    (r"购买服务", r"购买服务", False),
)


class BudgetQA:
    """Answers questions over every document in one store.

    Full answers are remembered per process (:attr:`ANSWER_CACHE_SIZE`, least recently used
    first out), keyed by the question, the earlier questions and the document; ``reload`` (every
    ingest) forgets them all. A returned :class:`Answer` may be shared: callers must not change it.
    """

    ANSWER_CACHE_SIZE = 1024

    def __init__(self, settings: Settings, store: Store, index=None):
        self.settings = settings
        self.store = store
        self.index = index
        self._answerers: dict[str, DocumentAnswerer] = {}
        self._names = NameIndex.build({}, org_names)
        self._chain = None
        self._lock = threading.RLock()
        self._answers: OrderedDict[tuple, Answer] = OrderedDict()
        self._answers_lock = threading.Lock()
        self._generation = 0  # bumped by reload: an answer computed across a reload is not kept
        self.reload()

    @classmethod
    def open(cls, settings: Settings | None = None, with_index: bool = True) -> "BudgetQA":
        settings = settings or Settings()
        store = open_store(settings)
        index = None
        if with_index:
            from .embeddings import make_embeddings
            from .index import HybridIndex

            try:
                embeddings = make_embeddings(settings)
            except (ValueError, ImportError) as e:
                raise ConfigError(f"嵌入模型设置无法使用：{e}") from None
            index = HybridIndex(settings.chroma_location, embeddings)
        return cls(settings, store, index)

    # ------------------------------------------------------------ corpus

    def reload(self) -> None:
        with self._lock:
            answerers = {d.id: DocumentAnswerer(self.store.load(d.id)) for d in self.store.documents()}
            self._names = NameIndex.build(answerers, org_names)  # scoping looks only at the few near
            self._english = EnglishNames({d: a.doc.department for d, a in answerers.items()})
            self._answerers = answerers
            self._forget_answers()

    def _forget_answers(self) -> None:
        with self._answers_lock:
            self._generation += 1
            self._answers.clear()

    def ingest(self, paths: list[Path], progress: Callable[[str], None] | None = None,
               overrides: dict[str, object] | None = None,
               on_file: Callable[[int, int, Path], None] | None = None) -> IngestReport:
        with self._lock:
            report = ingest(paths, self.store, self.index, progress, overrides, on_file)
            self.reload()
            return report

    def ensure_corpus(self, progress: Callable[[str], None] | None = None) -> IngestReport | None:
        """On a fresh store, ingest the bundled corpus first."""
        if self._answerers:
            return None
        return self.ingest([self.settings.corpus], progress)

    def clear_caches(self) -> None:
        """Forget per-question memos (answers, entity matches, query vectors): for honest benchmarks."""
        self._forget_answers()
        for a in self._answerers.values():
            a.cat._memo.clear()
        try:
            from .embeddings import _e5_query

            _e5_query.cache_clear()
        except ImportError:  # pragma: no cover
            pass

    def documents(self, body: Any = None, year: Any = None, kind: Any = None,
                  place: Any = None) -> list[dict[str, Any]]:
        """The stored documents with their bodies' places, level and aliases, filtered by a
        part of a body's name, the year, 预算/决算 and a place (see :mod:`budgetqa.documents`).
        Raises :class:`~budgetqa.errors.ParameterError` for a filter that cannot be used."""
        return list_documents(self.store.documents(), body, year, kind, place)

    def compare(self, measure: Any, documents: Any) -> "Comparison":
        """One measure of each of several documents (the 对比 view), see :mod:`budgetqa.compare`.
        Raises :class:`~budgetqa.errors.ParameterError` / ``UnknownDocumentError`` for bad input."""
        from .compare import compare

        return compare(self, measure, documents)

    # ------------------------------------------------------------ the audit

    def audit(self, document: str | None = None) -> list["DocumentAudit"]:
        """The stored audit of one document, or of every document."""
        from .audit.report import DocumentAudit

        docs = self.store.documents()
        if document is not None:
            docs = [d for d in docs if d.id == document]
            if not docs:
                raise UnknownDocumentError(f"没有这个文档：{document}")
        return [DocumentAudit(d.id, d.title, self.store.findings(d.id)) for d in docs]

    @staticmethod
    def audit_file(path: Path) -> "DocumentAudit":
        """Audit a file (a draft) without adding it to the store."""
        from .audit import audit
        from .audit.report import DocumentAudit
        from .parsing.document import parse_path

        doc = parse_path(Path(path))
        return DocumentAudit(doc.doc_id, doc.title, audit(doc))

    def answerer(self, doc_id: str) -> DocumentAnswerer:
        if doc_id not in self._answerers:
            raise UnknownDocumentError(f"没有这个文档：{doc_id}")
        return self._answerers[doc_id]

    # ------------------------------------------------------------ answering

    def validate(self, question: Any) -> str:
        if not isinstance(question, str):
            raise QuestionError("问题必须是文字 (question must be a string)")
        check_question(question)  # every door (API, chat, batch) asks through here
        q = question.strip()
        if not q:
            raise QuestionError("问题是空的，请输入一个问题 (empty question)")
        if len(q) > self.settings.max_question_chars:
            raise QuestionError(
                f"问题太长（{len(q)} 字），请控制在 {self.settings.max_question_chars} 字以内")
        return q

    def answer(self, question: Any, history: list | None = None, document: str | None = None) -> Answer:
        """The answer to ``question`` (a follow-up of ``history``, within ``document`` if given).
        Raises :class:`QuestionError` / :class:`UnknownDocumentError` for what cannot be asked."""
        key, cached = self._cached(question, history, document)
        if cached is not None:
            return cached
        with self._answers_lock:
            generation = self._generation
        a = self._answer(key[0], list(key[1]), document)
        with self._answers_lock:
            if generation == self._generation:
                self._answers[key] = a
                if len(self._answers) > self.ANSWER_CACHE_SIZE:
                    self._answers.popitem(last=False)
        return a

    def cached_answer(self, question: Any, history: list | None = None,
                      document: str | None = None) -> Answer | None:
        """The remembered answer, or None: cheap enough to call on an event loop. Checks the
        question and the document exactly as :meth:`answer` does."""
        return self._cached(question, history, document)[1]

    def _cached(self, question: Any, history: list | None, document: str | None) -> tuple[tuple, Answer | None]:
        q = self.validate(question)
        if document is not None and document not in self._answerers:
            raise UnknownDocumentError(f"没有这个文档：{document}")
        # The answer depends on the history only through the earlier questions' text.
        key = (q, tuple(_previous_questions(history)), document)
        with self._answers_lock:
            a = self._answers.get(key)
            if a is not None:
                self._answers.move_to_end(key)
        return key, a

    def _answer(self, q: str, previous: list[str], document: str | None) -> Answer:
        if not self._answerers:
            return Answer(q, "语料库是空的：请先运行 budgetqa ingest。", False, "refusal")
        parts = _asked_parts(q)
        if parts is not None:
            # "共有多少辆车？其中特种专业技术用车几辆？": each asked in turn, the first's figure first
            first = self._answer(parts[0], previous, document)
            if not first.answerable:
                return replace(first, question=q)  # (the second is not asked: its figure would come first)
            then = self._answer(parts[1], previous + [parts[0]], document)
            return replace(first, question=q, text=f"{first.text}\n{then.text}",
                           figures=first.figures + (then.figures if then.answerable else []),
                           sources=first.sources + (then.sources if then.answerable else []))
        asked, other_body = self._english.translate(q, document)  # English names of bodies
        if other_body:
            return self.refuse(parse_question(q), "department", None)
        intent = parse_question(asked)
        if previous and self._needs_context(intent, document):
            intent = self._merge_follow_up(intent, previous, document)
        elif previous and SIBLING.search(intent.q):
            intent = self._other_unit(intent, previous[-1], document) or \
                self._sibling_follow_up(intent, previous[-1], document)
        if document is None and previous and len(self._answerers) > 1:
            document = self._department_in_history(intent, previous)
        if document is None and intent.refusal in (None, "actual", "system") and \
                (held := answer_holdings(self, intent)) is not None:
            return held  # what the store holds: 库里有几份单位预算
        if document is None and intent.refusal in (None, "actual"):
            # one measure of several bodies or years ("actual": a 决算 against its 预算 is asked)
            across = answer_across(self, intent)
            if across is not None:
                return across
        doc_id, alternatives, reason = self.scope(intent, document)
        if doc_id is None:
            return self.refuse(intent, reason or "department", None)
        a = self.route(intent, doc_id)
        a.question = q
        if intent.modifiers.decimals is not None:
            a = _rounded(a, intent.modifiers.decimals)
        if alternatives and a.answerable:
            names = "、".join(self._label(d) for d in alternatives)
            a.text = f"（按{self._label(doc_id)}回答；也可能指：{names}）" + a.text
            a.alternatives = alternatives
        elif len(self._answerers) > 1 and a.answerable and self._label(doc_id).split("20")[0] not in a.text:
            a.text = f"（按{self._label(doc_id)}回答）" + a.text
        return a

    def route(self, intent: Intent, doc_id: str) -> Answer:
        """The routing decision, in one place: the steps of :data:`budgetqa.answering.routing.ROUTE`
        (refusal, then exact answers, then the narrative and retrieval)."""
        return route(self, intent, doc_id)

    def section_for(self, intent: Intent, ans: DocumentAnswerer, matches):
        """The narrative section a question is about: named by its title, or by the
        template's vocabulary for it (职责, 机构设置, 收入, 国有资产…)."""
        named = next((m for i, m in enumerate(matches[:3])
                      if m.entity.kind == "section" and (m.exact or m.coverage >= 0.7 or
                                                         (i == 0 and m.coverage >= 0.5 and len(m.span) >= 4))), None)
        hinted = self._hinted_section(intent, ans)
        # (a title matched on two or three characters, 收入…预算, is no title said over the hint)
        if named is not None and not (hinted is not None and not named.exact and
                                      (named.coverage < 0.7 or len(named.span) < 4) and
                                      hinted.title != named.entity.section.title):
            return named.entity.section
        return hinted

    @staticmethod
    def _hinted_section(intent: Intent, ans: DocumentAnswerer):
        """The section the template's vocabulary points to (负责 → 职责/职能, 哪些单位 → 构成)."""
        from .answering.retrieval import overlap

        for words, title, own_title_first in SECTION_HINTS:
            if not re.search(words, intent.q):
                continue
            if own_title_first and not re.search(r"职责|职能|负责|管不管|业务范围|主要任务", intent.q) and \
                    _specific_words(intent.q, ans.doc.department, None):
                continue  # "那个中心建成后做什么用": what a named thing is for, not the body's duties
            found = [s for s in ans.doc.sections if re.search(title, s.title) or
                     any(re.search(title, p) for p in s.path[:-1])]
            found = [s for s in found if s.text]
            if own_title_first:  # the section so titled before those merely under it
                found = [s for s in found if re.search(title, s.title)] or found
            if found:
                from .answering.retrieval import bigram_overlap

                return max(found, key=lambda s: bigram_overlap(intent.q, s.title + s.text) + overlap(intent.q, s.title))
        return None

    def section_answer(self, intent: Intent, ans: DocumentAnswerer, s) -> Answer:
        from .answering.retrieval import best_sentences
        from .model import Passage

        specific = _specific_words(intent.q, ans.doc.department, s)
        topic = re.search(r"(?:在|对|关于)?([\u4e00-\u9fff]{2,8}?)(?:方面|领域|工作方面)", intent.q)
        if len(s.text) <= 400 or (re.search(r"哪些|哪几|都有|有什么|名单|列出|包括", intent.q) and
                                  not (topic and len(s.text) > 600)):
            excerpt = s.text if len(s.text) <= 600 else s.text[:600] + "……"  # a list is answered whole
        elif topic and len(s.text) > 600:
            # "在口岸方面有哪些职责": of a long list of duties, the sentences on that topic
            said = [x.strip() for x in re.split(r"(?<=[。；;])", s.text) if topic.group(1) in x]
            excerpt = "".join(said[:4]) if said else best_sentences(topic.group(1), s.text, limit=3)
        elif not specific:
            # "主要负责什么工作": nothing narrows it, so the section's opening, not stray sentences
            excerpt = _opening(s.text, 300)
        else:
            excerpt = best_sentences(intent.q, s.text, limit=3)
        text = f"{s.title.rstrip('：:')}：{excerpt}（来源：{' > '.join(s.path)}，第{s.line_start}–{s.line_end}行）"
        return Answer(intent.raw, text, True, "retrieval", [],
                      [Passage(ans.doc.doc_id, " > ".join(s.path), s.line_start, s.line_end, s.text, s.page)],
                      document=ans.doc.doc_id)

    def retrieve(self, intent: Intent, doc_id: str) -> Answer:
        if self.index is None:
            return self.refuse(intent, "unknown", doc_id)
        if not (_IDENTIFIER.search(intent.q) or SCORE.search(intent.q) or _CONTRACTOR.search(intent.q)) and \
                any(_figure_asked(intent)) and \
                (computed := self.narrative_computation(intent, doc_id)) is not None:
            # a sum, share or difference of figures the narrative states: worked out from every
            # section, whatever the retrieval would find (so it is not asked)
            return computed
        if self._chain is None:
            from .answering.retrieval import build_chain
            from .index import BudgetRetriever

            self._chain = build_chain(BudgetRetriever(index=self.index, k=self.settings.retrieval_k))
        with self._lock:
            a = self._chain.invoke({"question": intent.raw, "normalized": intent.q, "document": doc_id})
        if not a.answerable:
            return self.refuse(intent, "unknown", doc_id)
        if _CONTRACTOR.search(intent.q) and "公司" not in a.text:
            return self.refuse(intent, "contractor", doc_id)
        return self.stated_figure(intent, doc_id, a)

    def _units_named(self, q: str, doc_id: str) -> list[str]:
        """The units of the body the question names (not the body itself)."""
        cat = self._answerers[doc_id].cat
        dept = re.sub(r"[（(][^）)]*[）)]$", "", cat.doc.department)
        return [u for u in cat.units_said(q) if re.sub(r"[（(][^）)]*[）)]$", "", u) != dept]

    def _units_sections(self, q: str, doc_id: str) -> list:
        """The narrative's sections about the units the question names (十二、某某管理局)."""
        named = self._units_named(q, doc_id)
        cat = self._answerers[doc_id].cat
        return [p for p in narrative_passages(cat.doc) if any(cat.unit_said(u, p.section.replace(" ", "")) for u in named)] \
            if named else []

    def _of_units_named(self, q: str, doc_id: str, found) -> bool:
        """Is a figure the narrative states said of the units of the body the question names, if
        it names any: the unit said in the words before it (its sentence, or the lines above it
        in its section, or the section's title)?"""
        cat = self._answerers[doc_id].cat
        named = self._units_named(q, doc_id)
        if not named or re.search(r"申报表|绩效目标表", found.passage.section):
            return True  # (a project's form is its own unit's, whatever the form prints)
        before = f"{found.passage.section}\n{found.passage.text[max(0, found.start - 300):found.start]}".replace(" ", "")
        return any(cat.unit_said(u, before) for u in named)

    def stated_figure(self, intent: Intent, doc_id: str, a: Answer) -> Answer:
        """A passage answering a question that asks for a figure: the figure the narrative
        states for what the question names, or no figure at all (never the passage's others)."""
        if _IDENTIFIER.search(intent.q):
            return a  # an identifier or a date, quoted as printed
        if SCORE.search(intent.q):
            # a score (自评得分): the one the narrative states after the question's words, in 分;
            # else none (its amounts are not one)
            doc = self._answerers[doc_id].doc
            said = score_in_passages(_content_of(intent.q, doc), narrative_passages(doc))
            if said is not None:
                return stated_answer(intent.raw, None, doc_id, said, [said.passage] + a.sources)
            where = "；".join(f"{p.section}，第{p.line_start}–{p.line_end}行" for p in a.sources[:2])
            return Answer(intent.raw, f"公开文件没有把问题所问的分数作为数字列出。相关段落：{where}。", False,
                          "refusal", [], a.sources, document=doc_id)
        money_q, counter, percent_q, measure = _figure_asked(intent)
        if not (money_q or counter or percent_q or measure):
            if WHETHER.search(intent.q):
                # "有没有国有资本经营预算支出": a narrative that states it as 0 says no, and so do we
                doc = self._answerers[doc_id].doc
                zero = figure_in_passages(_content_of(intent.q, doc), [p for p in a.sources
                                                                      if not _TABLE_PASSAGE.match(p.text)], "money")
                if zero is not None and zero.value == 0:
                    said = stated_answer(intent.raw, None, doc_id, zero, a.sources)
                    text = zero.passage.text
                    start = max(text.rfind(c, 0, zero.start) for c in "。；;\n") + 1
                    end = min((i for i in (text.find(c, zero.start) for c in "。；;\n") if i >= 0), default=len(text))
                    said.text = (f"没有（0{zero.unit}）。情况说明写道：“{text[start:end].strip()}”（来源："
                                 f"{zero.passage.section}，第{zero.passage.line_start}–{zero.passage.line_end}行）。")
                    return said
            return a  # asked in words: the passage answers
        # Asked for a figure: only one the narrative states for what the question names.
        wants = "%" if percent_q else counter.group(1) if counter else measure or "money"
        narrative = [p for p in a.sources if not _TABLE_PASSAGE.match(p.text)]
        found = None
        computing = _computing(intent)
        if not computing:
            # anchored on the question as asked (公车 ~ 车辆), and as normalised (预算总额 ~ 支出总计)
            doc = self._answerers[doc_id].doc
            if counter and counter.group(1) not in ("个", "项"):
                # a count in its own counter (几辆, 几家, 几人): every section, not only those
                # retrieved (the sentence saying 公务用车保有量为2辆 may not be among them)
                narrative = list({(p.section, p.line_start): p for p in narrative + narrative_passages(doc)}.values())
            own, unitless = self._units_sections(intent.q, doc_id), _content_of(intent.q, doc)
            for u in self._units_named(intent.q, doc_id) if own else []:
                # (its section is the unit's: its name, or the end of it said, anchors nothing)
                said = next((u[k:] for k in range(len(u) - 2) if u[k:] in unitless), "")
                unitless = unitless.replace(said, "") if said else unitless
            found = (figure_in_passages(unitless, own, wants) if own else None) or \
                figure_in_passages(_content_of(intent.raw, doc), narrative, wants) or \
                figure_in_passages(_content_of(intent.q, doc), narrative, wants)
            if found is None and ((counter and counter.group(1) in ("个", "项")) or (
                    wants == "money" and re.search(r"资金|金额|预算|钱|经费|万元|亿元|元", intent.q)
                    and not re.search(r"(?:多少|几)[\u4e00-\u9fff]?(?:份|次|人|家|个|项|辆|套)", intent.q))):
                # "编报绩效目标的项目有几个": a count of 个 in a section not retrieved, anchored on
                # four characters of the question in a row or more (never on a word or two); an
                # amount ("编报绩效目标的项目涉及多少预算资金"), on six
                wide = figure_in_passages(_content_of(intent.q, doc), narrative_passages(doc), wants)
                if wide is not None and longest_common(wide.anchor.replace(" ", ""), _content_of(intent.q, doc)) >= \
                        (6 if wants == "money" else 4):
                    found = wide
            if found is not None and found.passage not in a.sources:
                a.sources = [found.passage] + a.sources
            terms = [d.term for d in doc.definitions if len(d.term) >= 4 and d.term in intent.q]
            if found is None and terms:
                # the passages retrieved may be the term's definition, not the sentence that
                # states its figure: every section of the narrative, under the same rule (one
                # figure anchored on the question's words, or none), the term said in full
                every = narrative_passages(doc)
                found = figure_in_passages(_content_of(intent.q, doc), every, wants)
                if found is not None and any(t in found.anchor.replace(" ", "") for t in terms):
                    a.sources = [found.passage] + a.sources
                else:
                    found = None
        computed = self.narrative_computation(intent, doc_id)
        if computed is not None:
            return computed
        if found is not None and (to := _RECIPIENT.search(intent.q)) and to.group(1) not in \
                re.split(r"[。；;]", found.passage.text[found.start:])[0] + found.anchor.replace(" ", ""):
            found = None  # "拨了多少钱给广电集团": a sum not said to go to that recipient
        if found is not None and not self._of_units_named(intent.q, doc_id, found):
            found = None  # "宝安管理局的项目支出": a sum the narrative says of the whole body
        if found is not None and _EACH.search(intent.q):
            found = None  # "那9个项目分别叫什么、各自金额多少": each one's figure, never the one total stated
        if found is not None and _restates_the_question(intent, found):
            found = None  # "按每人每月5388.88元…算，一年多少": the figure the question gives is not its answer
        quoted = QUOTED.findall(intent.raw)
        if found is not None and quoted and longest_common(found.anchor.replace(" ", ""), quoted[0]) < \
                min(4, len(quoted[0])):
            found = None  # "“市行政中心保安服务”项目…": a figure not said of the name quoted
        if found is None and counter and not computing:
            # "二级预算单位有几个": the names the narrative lists for it, counted
            listed = listed_count(intent.q, narrative_passages(self._answerers[doc_id].doc))
            if listed is not None:
                return listed_answer(intent.raw, doc_id, listed)
        if found is None and counter and not computing and \
                (none := none_stated(intent.raw, a.sources[:2], counter.group(1))) is not None:
            return none  # "单位有几辆公车" of a section 车辆情况 that says 无
        if found is None:
            where = "；".join(f"{p.section}，第{p.line_start}–{p.line_end}行" for p in a.sources[:2])
            return Answer(intent.raw, f"公开文件没有直接给出这个数字。相关段落：{where}。", False,
                          "refusal", [], a.sources, document=doc_id)
        return stated_answer(intent.raw, intent.unit, doc_id, found, a.sources)

    def narrative_computation(self, intent: Intent, doc_id: str) -> Answer | None:
        """A share, difference or sum asked of figures the narrative states (see
        :meth:`_narrative_computation`); None for any other operation."""
        computing = _computing(intent)
        if not computing & {"share", "diff", "sum"} or computing - {"share", "diff", "sum", "prev_year"}:
            return None
        op = "share" if "share" in computing else "diff" if "diff" in computing else "sum"
        return self._narrative_computation(intent, doc_id, op)

    def _narrative_computation(self, intent: Intent, doc_id: str, op: str) -> Answer | None:
        """A share or a difference of two figures the narrative states ("政府采购中货物类比服务类多
        多少", "服务类占政府采购总额的比例"), each found by the rule for one stated figure, the
        whole of a share being the amount its part is listed under (其中). Shown with its
        arithmetic; None when either figure is not found for certain."""
        doc = self._answerers[doc_id].doc
        q = _content_of(intent.q, doc)
        every = narrative_passages(doc)
        if op == "share":
            head, _, tail = q.partition("占")
            denom = re.sub(r"^比|(的)?(多大|多高|多少|比例|比重|百分之几|百分比|占比|%|几成|是|呢|\?|？).*$", "", tail)
            part = figure_in_passages(head, every, "money")
            whole = whole_of(part) if part is not None else None
            if part is None or whole is None or whole.value == 0:
                return None
            rest = re.sub(r"总额|合计|总计|总数|全部|总|预算|的", "", denom)
            if rest and longest_common(rest, whole.anchor) < len(rest):
                return None  # a whole other than the one the part is listed under
            value = (part.value / convert(whole.value, whole.unit, part.unit) * 100).quantize(Decimal("0.01"))
            arithmetic = f"{part.value} ÷ {whole.value} × 100% = {value}%"
            label, unit, used = f"{part.anchor}占比", "%", [part, whole]
            text = f"{part.anchor} {part.value:,}{part.unit}，占{whole.anchor} {whole.value:,}{whole.unit}的{value}%"
        elif op == "sum":
            # "政府采购预算中货物类和工程类加起来": each part by the rule for one stated figure,
            # both said within the whole named before them
            m = re.match(r"^(.*?(?:中|里|的))?(.{2,12}?)(?:和|与|及|、|加上?)(.{2,12}?)(?:两类|两项|这两项|二者|两者)?"
                         r"(?:的?预算)?(?:加起来|加在一起|合起来|合计|一共|总共|共计|之和)", q)
            # "四个季度用款计划加起来": every amount the narrative lists of one kind and measure
            listed = _LISTED_SUM.search(q) if not m else None
            count = (int(listed.group(1)) if listed.group(1).isdigit() else cn_to_int(listed.group(1))) if listed else None
            if listed and count and count >= 2:
                found = amounts_listed(q, every, count, listed.group(2), listed.group(3))
            elif m:
                # "执法执勤用车和特种专业技术用车加起来一共多少辆": two counts in the counter asked
                counted = re.search(r"(?:多少|几)([辆人个家名台套所次项座])", q)
                context = m.group(1) or ""
                found = [figure_in_passages(context + m.group(k), every, counted.group(1) if counted else "money")
                         for k in (2, 3)]
            else:
                return None
            if not found or any(f is None for f in found) or len({f.anchor for f in found}) < len(found) or \
                    len({(f.unit, f.counter) for f in found}) != 1:
                return None
            value = sum((f.value for f in found), Decimal(0))
            arithmetic = " + ".join(str(f.value) for f in found) + f" = {value}"
            unit = found[0].unit or found[0].counter or ""
            label, used = "与".join(f.anchor for f in found) + "之和", found
            text = "，".join(f"{f.anchor} {f.value:,}{unit}" for f in found) + f"，合计{value:,}{unit}"
        else:
            m = re.match(r"^(.+?)比(.+?)(多|少|高|低)", q)
            if not m:
                return None
            a_text, b_text = m.group(1), m.group(2)
            context = re.match(r"^(.*?(?:中|里|的))", a_text)
            # "执法执勤用车比一般公务用车多几辆": two counts in the counter asked
            counted = re.search(r"(?:多|少)了?(?:几|多少)([辆人个家名台套所次项座])", q)
            wants = counted.group(1) if counted else "money"
            a = figure_in_passages(a_text, every, wants)
            b = figure_in_passages((context.group(1) if context else "") + b_text, every, wants)
            if a is None or b is None or a.anchor == b.anchor or (a.unit, a.counter) != (b.unit, b.counter):
                return None
            value = abs(a.value - b.value)
            arithmetic = f"{max(a.value, b.value)} − {min(a.value, b.value)} = {value}"
            shown = a.unit or a.counter or ""
            label, unit, used = f"{a.anchor}与{b.anchor}之差", shown, [a, b]
            text = (f"{a.anchor} {a.value:,}{shown}，{b.anchor} {b.value:,}{shown}，"
                    f"相差{value:,}{shown}")
        cells = [Provenance(doc_id, f.passage.section, f.anchor, "情况说明", f.passage.line_start, f.passage.page)
                 for f in used]
        figure = Figure(label, value, unit, cells[0], arithmetic, cells)
        where = "；".join(dict.fromkeys(f"{f.passage.section}，第{f.passage.line_start}–{f.passage.line_end}行"
                                        for f in used))
        return Answer(intent.raw, f"{text}（{arithmetic}）。（来源：情况说明 {where}）", True, "computation",
                      [figure], [f.passage for f in used], document=doc_id)

    def refuse(self, intent: Intent, reason: str, doc_id: str | None) -> Answer:
        text = REFUSAL_TEXT.get(reason, REFUSAL_TEXT["unknown"])
        if doc_id:
            doc = self._answerers[doc_id].doc
            text += (f"本文档是{doc.department}{doc.year}年{doc.scope}{doc.kind}公开，可以问它的收支总额、各科目和项目的金额"
                     f"{'、项目绩效目标' if doc.forms else ''}、情况说明和名词解释。")
        else:
            text += "现有文档：" + "；".join(self._label(d) for d in self._answerers) + "。"
        return Answer(intent.raw, text, False, "refusal", document=doc_id)

    # ------------------------------------------------------------ scope

    def _label(self, doc_id: str) -> str:
        d = self._answerers[doc_id].doc
        return f"{d.department}{d.year}年{d.kind}"

    def scope(self, intent: Intent, document: str | None) -> tuple[str | None, list[str], str | None]:
        """The document a question is about, other candidates, or a reason to refuse."""
        q = intent.q
        if document:
            # The document is chosen, but a question naming another body is not about it.
            chosen = self._answerers.get(document)
            other = _refused_body(intent, self._names_another_body(q, [chosen]) if chosen is not None and
                                  chosen.doc.department not in q else None)
            if other:
                return None, [], other
            return document, [], None
        docs = list(self._answerers.values())
        names = self._names
        # Department named? The best-covered department(s) win.
        # Weak mentions (云溪卫健委) may name a department we hold; only strong ones refuse.
        mentions = org_mentions(q, weak_too=True)
        # score = characters of the department named (a longer, fuller mention wins). Only the
        # documents the name index finds near can score, and only those whose bound may reach
        # the best score so far are scored (the best bound first).
        scores: dict[str, float] = {}
        by_name: dict[str, float] = {}
        top = 0.0
        for d, bound in names.departments_near(q, [expand_abbreviation(m) for m in mentions]):
            if bound < top - 1e-9 or d not in self._answerers:
                continue
            dept = self._answerers[d].doc.department
            if dept not in by_name:
                by_name[dept] = float(len(dept)) if dept in q else max(
                    (cover_ratio(m, dept) * len(expand_abbreviation(m)) for m in mentions if covers(m, dept)),
                    default=0.0)
            scores[d] = by_name[dept]
            top = max(top, scores[d])
        named = [d for d in self._answerers if scores.get(d, 0.0) > 0 and scores[d] >= top - 1e-9]
        other = _refused_body(intent, self._names_another_body(q, docs, names) if not named else None)
        if other:
            return None, [], other
        candidates = named or [a.doc.doc_id for a in docs]
        if intent.years:
            by_year = [d for d in candidates if self._answerers[d].doc.year in intent.years]
            if by_year:
                candidates = by_year
        if len(candidates) == 1:
            return candidates[0], [], None
        if len(candidates) > 3:
            # Many documents: only the few whose names share most with the question (and any
            # that hold a code it names) are matched in full.
            codes = set(re.findall(r"(?<!\d)(\d{3,9})(?!\d|\s*年)", q))
            holding = names.holding_codes(codes)
            affinity = names.affinity(q)
            ranked = sorted(candidates, key=lambda d: affinity.get(d, 0), reverse=True)
            # a code most documents print (2010101) would have every one of them matched in
            # full: the few with most in common with the question are enough
            with_code = [d for d in ranked if d in holding][:MAX_CODE_CANDIDATES]
            candidates = list(dict.fromkeys(with_code + ranked))[:max(3, len(with_code))]
        scored = []
        for d in candidates:
            ms = self._answerers[d].cat.match(q)[:1]  # (the route's own match of q: memoised)
            scored.append((ms[0].score * (0.5 + ms[0].coverage) if ms else 0.0, d))
        scored.sort(reverse=True)
        best = scored[0]
        alternatives = [d for s, d in scored[1:] if best[0] and s >= 0.9 * best[0]]
        return best[1], alternatives, None

    @staticmethod
    def _names_another_body(q: str, docs: list[DocumentAnswerer], names: NameIndex | None = None) -> str | None:
        """Does the question name a body none of ``docs`` is? 'department' for another body;
        'unit' for one the narrative lists as part of a document's body (某市博物馆 of 某市文化和
        旅游局), whose own figures the disclosure does not print; None when the name is the
        body's, or a row's or project's (数字政府, 体验中心). With ``names`` (the index of every
        document, when ``docs`` are all of them) only the names it finds near are compared."""
        for org in org_mentions(q):
            if names_no_body(org, q):
                continue
            bodies = names.org_names_near(expand_abbreviation(org)) if names is not None else \
                [name for a in docs for name in org_names(a)]
            if any(covers(org, name) for name in bodies):
                continue
            tails = [org[k:] for k in range(0, max(1, len(org) - 3))]  # 北郊监狱比杭州市西郊监狱
            keys = names.entity_keys_near(org, tails) if names is not None else \
                [k for a in docs for e in a.cat.entities for k in (e.key, re.sub(r"\W", "", e.name))]
            if any(tail in key for tail in tails for key in keys) or any(
                    len(set(org) & set(key)) >= 0.75 * len(set(org)) and covers(org, key) for key in keys):
                continue  # a row or a project of the documents, not another department
            if _printed_on(q, org, docs):
                continue  # "市政府门户网站和政务新媒体访问量": the start of a name a form prints
            if names.in_sections(org) if names is not None else \
                    any(org in sec.text for a in docs for sec in a.doc.sections):
                return "unit"
            return "department"
        return None

    # ------------------------------------------------------------ conversation

    def _department_in_history(self, intent: Intent, previous: list[str]) -> str | None:
        """A follow-up that names no department stays with the one the conversation named."""
        here, _, _ = self.scope(intent, None)
        if here is not None and self._named(intent.q):
            return None
        for prev in reversed(previous):
            p = parse_question(prev)
            if self._named(p.q):
                doc_id, _, _ = self.scope(p, None)
                return doc_id
        return None

    def _named(self, q: str) -> bool:
        mentions = org_mentions(q, weak_too=True)
        near = self._names.departments_near(q, [expand_abbreviation(m) for m in mentions])
        return any(a.doc.department in q or any(covers(m, a.doc.department) for m in mentions)
                   for a in (self._answerers.get(d) for d, _ in near) if a is not None)

    def _needs_context(self, intent: Intent, document: str | None) -> bool:
        """A follow-up names nothing of its own ("那它的实施单位呢？", "元呢？"). A question that is
        complete as an operation ("哪个项目钱最多") is not one, unless it points back ("那…呢")."""
        if POINTS_TO_IT.match(intent.q):
            return True  # "它的项目支出呢": the last question's subject's, not the body's
        for a in ([self._answerers[document]] if document else self._answerers.values()):
            if strip_scope(intent.q, a.doc.department, a.doc.year).startswith("其中"):
                return True  # "其中公务接待费占多少": a part of what was just asked about
        if intent.ops and not intent.follow_up and not set(intent.ops) <= {"change", "diff", "prev_year"}:
            return False  # "比上年少了多少" names no item: it asks about the last one
        for a in ([self._answerers[document]] if document else self._answerers.values()):
            q = strip_scope(intent.q, a.doc.department, a.doc.year)
            if "share" in intent.ops and "占" in q:
                q = q.split("占")[0]  # what follows 占 is the denominator, not the subject
            ms = [m for m in a.confident(q, a.cat.match(q, limit=3))
                  if m.entity.kind not in ("definition", "section", "fact")
                  and not _GENERAL_ONLY.fullmatch("".join(q[i] for i in sorted(m.span) if i < len(q)))]
            if ms:
                return False  # "那数字政府二期呢" names its own subject (预算数 names none)
        return True

    def _answered(self, question: str, document: str | None) -> bool:
        """Whether an earlier question, asked alone, was answered: through the answer cache, so
        a conversation's earlier turns are worked out once, not again at every follow-up."""
        try:
            return self.answer(question, None, document).answerable
        except (QuestionError, UnknownDocumentError):
            return False

    def _subject_of(self, question: str, document: str | None):
        """The row, project or item an earlier question was about, and its parsed intent; none
        when that question was refused ("气象防灾减灾服务" is not the 气象服务 it resembles)."""
        p = parse_question(question)
        if not self._answered(question, document):
            return None, p
        # (answered by the narrative, 政府采购支出总额: about a row only if it names one exactly,
        # never one its words resemble, 支出总计)
        told = self.answer(question, None, document).route == "retrieval"
        for a in ([self._answerers[document]] if document else self._answerers.values()):
            pq = strip_scope(p.q, a.doc.department, a.doc.year)
            inner = [m for m in a.inner_subject(pq) if m.entity.kind in
                     ("project", "subject", "econ", "row", "measure")]
            if inner:
                return inner[0].entity, p  # "三公经费里因公出国（境）费用": the part, not the whole
            ms = [m for m in a.confident(pq, a.cat.match(pq, limit=5)) if m.entity.kind in
                  ("project", "subject", "econ", "row", "measure")
                  and (m.exact or (not told and ((m.coverage >= 0.6 and len(m.span) >= 0.6 * len(m.entity.key))
                                                  or a.distinctive(pq, m))))]
            if ms:
                return ms[0].entity, p
        return None, p

    def _merge_follow_up(self, intent: Intent, previous: list[str], document: str | None) -> Intent:
        if intent.unit and UNIT_ONLY.fullmatch(intent.q):
            # "那换算成元是多少": the last question itself (基本支出里的办公费), in the unit asked
            return _restated(intent, previous[-1], parse_question(previous[-1]), own_refusal=True)
        if {"diff", "sum", "ratio"} & set(intent.ops):
            # "两者差多少" / "加一起呢": the items of the last questions, in the order asked
            names = []
            for prev in reversed(previous):
                e, _ = self._subject_of(prev, document)
                if e is not None and e.name not in names:
                    names.append(e.name)
                if len(names) == 2:
                    break
            if len(names) == 2:
                return _restated(intent, f"{names[1]}和{names[0]}" + intent.q, keep_ops=True, own_refusal=True)
        for prev in reversed(previous):
            e, p = self._subject_of(prev, document)
            if e is not None:
                # "其中公务用车购置费呢" after "西郊监狱的三公经费…": still that unit's
                # (unless the follow-up names a unit of its own: "那发展研究中心呢")
                unit = self._unit_named(prev, document) if not self._names_a_unit(intent.q, document) else None
                subject = e.name
                if unit and re.fullmatch(r"(?:本年)?(?:收入|支出)?(?:总计|合计)", re.sub(r"\W", "", e.name)):
                    subject = ""  # (the unit's own row was read: its parts are its columns)
                return _restated(intent, (f"{unit}的" if unit and unit not in e.name else "") + subject +
                                 POINTS_TO_IT.sub("", intent.q), p, keep_ops=True)
        if previous and set(intent.ops) & {"change", "prev_year"} and self._answered(previous[-1], document):
            # "比2025年增加了多少" after a question the narrative answered (机关运行经费是多少):
            # the change of what that question asked
            p = parse_question(previous[-1])
            whole = re.split(ASKING, p.q)[0].rstrip("的")
            if len(whole) >= 2:
                return _restated(intent, whole + POINTS_TO_IT.sub("", intent.q), p, keep_ops=True)
        return self._within_last(intent, previous[-1]) if previous else intent

    def _other_unit(self, intent: Intent, prev: str, document: str | None) -> Intent | None:
        """"那贸易服务中心呢" after "珠海市会议展览局的基本支出是多少": the last question asked of the
        one other unit the follow-up names and nothing else, never a part inside the first unit's
        figure; None when the follow-up says more, or either names no unit or several."""
        if document is None:
            document, _, _ = self.scope(parse_question(prev), None)
        a = self._answerers.get(document) if document else None
        if a is None:
            return None
        now, before = a.cat.units_said(intent.q), a.cat.units_said(prev)
        if len(now) != 1 or len(before) != 1 or set(now) == set(before):
            return None
        (unit, at), (_, was) = next(iter(now.items())), next(iter(before.items()))
        rest = ASKED_PART.sub("", "".join(ch for k, ch in enumerate(intent.q) if k not in at))
        if re.sub(r"[的那呢\W]", "", rest) or not was:
            return None
        return _restated(intent, prev[:min(was)] + unit + prev[max(was) + 1:], parse_question(prev), own_refusal=True)

    def _unit_named(self, question: str, document: str | None) -> str | None:
        """The one unit of the document's body a question names (西郊监狱 of 杭州市司法局's
        杭州市西郊监狱), as printed; None when it names none, or several."""
        if document is None:
            document, _, _ = self.scope(parse_question(question), None)
        a = self._answerers.get(document) if document else None
        if a is None:
            return None
        said = [u for u in a.cat.unit_names if u != a.doc.department and a.cat.unit_said(u, question)]
        return said[0] if len(said) == 1 else None

    def _names_a_unit(self, question: str, document: str | None) -> bool:
        a = self._answerers.get(document) if document else None
        return a is not None and any(a.cat.unit_said(u, question) for u in a.cat.unit_names)

    def _sibling_follow_up(self, intent: Intent, prev: str, document: str | None) -> Intent:
        """"印刷费呢" after "一般公共预算基本支出里办公费是多少": another item of the same kind, asked
        in the last question's frame (its table, money and column), by putting it in the place
        of the item the last question named."""
        e, p = self._subject_of(prev, document)
        part = ASKED_PART.sub("", intent.q)
        if e is None or len(part) < 2:
            return intent
        named = next((n for n in (e.name, e.key) if n and n in p.q), None)
        own = self._named_in_full(part, document)
        if own is None and named is not None:
            # "运行维护费呢" after "…公务用车购置费是多少": the sibling sharing the last item's head
            own = self._sibling_named(part, named, e, document)
            if own is not None:
                return _restated(intent, p.q.replace(named, own.name, 1), p, own_refusal=True)
        if named is None or own is None or own is e or own.kind != e.kind:
            return intent
        asked = p.q.replace(named, part, 1)
        if e.code and e.code in asked:  # (行政单位医疗（2101101）: the code was the last item's)
            asked = re.sub(r"[（(]\s*[）)]", "", asked.replace(e.code, own.code or ""))
        return _restated(intent, asked, p, own_refusal=True)

    def _sibling_named(self, part: str, named: str, e, document: str | None):
        """The one item of ``e``'s kind whose name is a head ``named`` begins with (公务用车) and
        then ``part`` (运行维护费): 公务用车运行维护费; None when there is none, or several."""
        if len(part) < 2:
            return None
        kinds = {e.kind} | ({"row", "subject", "econ"} if e.kind in ("row", "subject", "econ") else set())
        found = {x.name: x for a in ([self._answerers[document]] if document else self._answerers.values())
                 for x in a.cat.entities if x.kind in kinds and x.name != named and x.name.endswith(part)
                 and len(x.name) - len(part) >= 2 and named.startswith(x.name[:len(x.name) - len(part)])}
        return next(iter(found.values())) if len(found) == 1 else None

    def _named_in_full(self, words: str, document: str | None):
        """The row, item or project ``words`` name in full (水费, 印刷费), if any."""
        for a in ([self._answerers[document]] if document else self._answerers.values()):
            ms = [m for m in a.cat.match(words, limit=3) if m.exact and len(m.span) >= len(words) - 1
                  and m.entity.kind in ("project", "subject", "econ", "row")]
            if ms:
                return ms[0].entity
        return None

    @staticmethod
    def _within_last(intent: Intent, prev: str) -> Intent:
        """"其中服务类呢" after "政府采购预算总额是多少", whose subject is no row or project: the
        part asked, inside what the last question asked about (政府采购预算中服务类是多少)."""
        if not POINTS_BACK.match(intent.q):
            return intent  # "给中小企业预留了多少" is no part named after 那/其中
        part = ASKED_PART.sub("", intent.q)
        p = parse_question(prev)
        whole = re.split(ASKING, p.q)[0].rstrip("的")
        if len(part) < 2 or len(whole) < 2 or part in whole:
            return intent
        return _restated(intent, f"{whole}中{part}是多少", p)


def _computing(intent: Intent) -> set[str]:
    """The operations a question asks that compute a figure from several (a year named that is
    the document's own, 2026年…预算总额, asks no last year's)."""
    computing = set(intent.ops) & COMPUTING_OPS
    if not re.search(r"上年|去年|上一年|前一年|比", intent.q):
        computing.discard("prev_year")
    return computing


# a code, a number to call, a date: quoted as printed, never a figure worked out
_IDENTIFIER = re.compile(r"代码|编码|编号|电话|号码|邮编|代号|日期|时间")
# "分别叫什么、各自金额多少": a figure for each of several items asked
_EACH = re.compile(r"分别|各自|各(?:是|为)多少")
# "哪家公司承办": a contractor, which a disclosure names only in its text
_CONTRACTOR = re.compile(r"哪家|哪个公司|什么公司|哪家单位|供货|厂家|厂商|生产商|供应商")


def _asked_parts(q: str) -> tuple[str, str] | None:
    """A question asking two figures one after the other ("共有多少辆车？其中特种专业技术用车
    几辆？"): the two, or None (one question; or one the router refuses whole, which stays whole)."""
    parts = [p for p in re.split(r"(?<=[？?])", q.strip()) if p.strip()]
    if len(parts) != 2 or parse_question(q).refusal is not None:
        return None
    if not all(len(p) >= 4 and re.search(r"多少|几", p) for p in parts):
        return None
    return parts[0], parts[1]


def _refused_body(intent: Intent, other: str | None) -> str | None:
    """Why a body the question names is refused ("unit", "department"…), or None: a unit of the
    body asked about in words (审计委员会办公室设在哪里) is left to the narrative that names it."""
    return None if other == "unit" and not any(_figure_asked(intent)) else other


def _figure_asked(intent: Intent) -> tuple:
    """What kind of figure a question asks for, if any: (an amount, a count (its match, whose
    group 1 is the counter), a percentage, a physical measure); each falsy when not asked."""
    money_q = re.search(r"多少钱|多少元|多少万|多少亿|(预算|投资|资金|是|有|为|安排了?|花了?|用了?)多少|"
                        r"金额|总额|总计|合计|几亿|几万|折合|(规模|资金|数额|额度|预算)有?多大", intent.q)
    # (多少份, 几张: a count of documents, never an amount)
    counter = ASKS_COUNT_OR_ITEMS.search(intent.q) or re.search(r"(?:几|多少)([份张篇])", intent.q)
    measure = measure_asked(intent.q)
    percent_q = re.search(r"比例|占比|百分|比重|几成|%", intent.q)
    if not counter and not percent_q and re.search(r"多少(?!平方|公里|米|吨|亩|天|年|次)", intent.q):
        money_q = money_q or re.search(r"多少", intent.q)
    if measure and not percent_q:
        money_q, counter = None, None  # "建筑面积多大": an area, never an amount or a count
    return money_q, counter, percent_q, measure


# "具体拨了多少钱给广电集团": the recipient a sum is asked of, named after 给
_RECIPIENT = re.compile(r"(?:拨|补助|补贴|支付|转|发|给)了?(?:多少钱?|几万元?|多少万元?)给([\u4e00-\u9fff]{2,10}?)(?:[？?。，,]|$)")


def _printed_on(q: str, org: str, docs: list) -> bool:
    """Whether the body-like word ``org`` starts a longer run of the question (four characters
    more) that a form of one of ``docs`` prints as an indicator or a field: a name, not a body."""
    start = q.find(org)
    if start < 0 or len(q) < start + len(org) + 4:
        return False
    # (the mention's tail: "部门整体绩效目标中市政府" is read with the words before the name)
    runs = [q[start + k:start + len(org) + 4] for k in range(0, len(org) - 1)]
    texts = [re.sub(r"\W", "", t) for a in docs for f in a.doc.forms
             for t in [*(i.level3 for i in f.indicators), *f.fields.values()]]
    return any(run in text for run in runs for text in texts)


# Words that name no subject of their own (预算数, 支出): a follow-up saying only them points back.
_GENERAL_ONLY = re.compile(rf"(?:{GENERAL_WORDS.pattern})+")

# A follow-up that asks only for another unit ("那换算成元是多少", "万元呢", "用亿元表示").
UNIT_ONLY = re.compile(r"(?:那|那么|这|那这)?(?:个|笔)?(?:钱|金额|数字?)?(?:再)?(?:换算成?|折合成?|折成|换成|转换成|用|按|以)?"
                       r"(?:多少)?(?:元|万元|亿元)(?:来)?(?:表示|计|算)?(?:的话)?(?:是|为|等于)?(?:多少)?(?:呢|吗)?[?？。!！]*")


def _restated(intent: Intent, text: str, earlier: Intent | None = None, keep_ops: bool = False,
              own_refusal: bool = False) -> Intent:
    """A follow-up ``intent`` restated as the whole question ``text`` it stands for: shown in the
    user's own words (raw), in the unit and years it asks or else the earlier question's, with
    its own operations (``keep_ops``: "两者差多少" keeps diff) and its own refusal, or also the
    restated question's (``own_refusal``)."""
    merged = parse_question(text)
    merged.raw = intent.raw
    if earlier is None:  # two earlier subjects put together: the restated question's own years
        merged.unit = intent.unit
    else:
        merged.unit = intent.unit or earlier.unit
        merged.years = intent.years or earlier.years
    if keep_ops:
        merged.ops = intent.ops
    merged.refusal = (intent.refusal or merged.refusal) if own_refusal else intent.refusal
    return merged


def _previous_questions(history: list | None) -> list[str]:
    out = []
    for h in history or []:
        if isinstance(h, str):
            out.append(h)
        elif isinstance(h, dict) and isinstance(h.get("question"), str):
            out.append(h["question"])
        elif isinstance(h, (list, tuple)) and h and isinstance(h[0], str):
            out.append(h[0])
    return out


_SECTION_ASK = re.compile(r"主要|负责|职责|职能|工作|业务|做什么|干什么|管什么|管哪些|范围|情况|介绍|说明|概况|"
                          r"是什么|有哪些|内容|介绍一下|讲讲|说说|单位|部门|机构")


def _specific_words(q: str, department: str, section) -> str:
    """What a narrative question says beyond the body, the section's own title words and
    general question words ('主要负责什么工作' says nothing more; '政府采购方面负责什么' does)."""

    rest = strip_scope(q, department, 0)
    rest = "".join(ch for ch in rest if ch not in set(section.title if section else ""))
    rest = GENERAL_WORDS.sub("", _SECTION_ASK.sub("", rest))
    return "".join(re.findall(r"[\u4e00-\u9fff]", rest))


def _opening(text: str, limit: int) -> str:
    """The first sentences of a text, up to about ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = max(text.rfind("。", 0, limit), text.rfind("；", 0, limit))
    return text[:cut + 1] if cut > limit // 3 else text[:limit] + "……"


