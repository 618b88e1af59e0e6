"""The one core service every edge calls: ``BudgetQA.answer(question, history, document)``.

It owns the store, the search index and one :class:`DocumentAnswerer` per document, picks
the document a question is about, and routes between lookup, computation, retrieval and
refusal (see :mod:`budgetqa.answering.router`).

>>> qa = BudgetQA.open(Settings())
>>> qa.answer("智慧教育平台项目预算多少").figures[0].value
"""

from __future__ import annotations

import re
from decimal import Decimal
import threading
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from .answering.catalogue import _lcs_positions
from .answering.across import answer_across
from .answering.holdings import answer_holdings
from .answering.engine import DocumentAnswerer, table_named
from .answering.name_index import MAX_CODE_CANDIDATES, NameIndex
from .answering.normalize import ASKS_COUNT
from .answering.previous_year import last_year, last_year_figure
from .answering.passage_figures import figure_in_passages, longest_common, whole_of
from .answering.router import Intent, parse_question
from .limits import check_question
from .documents import list_documents
from .errors import ConfigError, QuestionError, UnknownDocumentError
from .ingest import IngestReport, ingest
from .model import Answer, Figure, Passage, Provenance, convert
from .settings import Settings
from .store import Store, open_store

if TYPE_CHECKING:
    from .audit.report import DocumentAudit
    from .compare import Comparison

ORG_SUFFIX = re.compile(r"(委员会|办公室|办事处|街道办|街道|局|委|厅|中心|政府)$")
PLACE = re.compile(r"^([\u4e00-\u9fa5]{1,6}?(?<![社小园景片校营专城])(?:省|市|县|区|镇|乡))")
FUNCTION_WORDS = re.compile(r"的|了|是|在|和|与|及|对应|给|向|把|被|从|由|为|\d+年度?|[，,。？?、\s“”\"（）()：:\d]")


def org_mentions(q: str, weak_too: bool = False) -> list[str]:
    """Names of bodies in a question: 教育局, 太原市大数据应用局, 区府办, 普陀区政府办公室.

    Every stretch ending in an organisation suffix is a candidate (scoring trims leading
    words). Weak suffixes (政府, 中心, 委, 办公室) count only after a place name, so 数字政府
    or 体验中心 inside a project name are not departments."""
    out = []
    for chunk in FUNCTION_WORDS.split(q):
        for m in ORG_END.finditer(chunk):
            end = m.end()
            name = re.sub(r"^(年度|年|度)", "", chunk[max(0, end - 14):end])
            # "内设多少个处室": what a question asks of the body, not another body's name
            name = re.split(r"多少|几个|几家|哪些|哪个|什么|内设|下设|设有|共有", name)[-1]
            if DEICTIC.match(name):
                continue  # 你们局, 贵局, 本单位: the body asked
            weak = re.search(r"(政府|中心|委|办公室|办|院|馆|所|站|队|部|室)$", name) and \
                not re.search(r"委员会$|医院$|学院$|研究院$|法院$|检察院$", name)
            if len(name) < 3 or (weak and not weak_too and
                                 not (PLACE.match(name) or re.search(r"(省|市|县|区)(政府|府)", name))):
                continue
            out.append(name)
    return out


ORG_END = re.compile(r"府办|委员会|办公室|办事处|街道|局|委|厅|中心|政府|医院|学校|幼儿园|监狱|杂志社|报社|出版社|"
                     r"大学|学院|院(?!校)|馆|所(?![属有在以得需述谓])|站(?!点)|队(?![伍列])|部(?![门分署])|室(?![内外])|"
                     r"办$")  # 信访办, 外事办: at the end of a run, and only after a place (weak)
# "你们局", "贵单位", "本部门": the body in scope, not another one.
DEICTIC = re.compile(r"^(?:你们|您们|咱们|我们|贵|本)(?:单位|部门|机关)?")


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
    "opinion": "我只陈述公开文件中的事实，不做评价。",
    "year": "公开文件中没有这一年的数据。",
    "department": "语料库中没有这个部门的预算公开文件。",
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


def _content_of(q: str, doc) -> str:
    """The question without the body's name and the year (they anchor nothing)."""
    for name in sorted({doc.department, re.sub(r"^(.{2,3}?[省市区县])", "", doc.department)}, key=len,
                       reverse=True):
        if name:
            q = q.replace(name, "")
    return re.sub(r"(19|20)\d{2}年度?|今年|本年度?", "", q)


# A name a question quotes (“市行政中心保安服务”项目): the thing asked about.
QUOTED = re.compile(r"[“\"「『]([^”\"」』]{3,})[”\"」』]")
SIBLING = re.compile(r"^(?:那么|那|还有|另外)?[^，,。？?]{2,20}呢[？?]?$")
POINTS_BACK = re.compile(r"^(?:那么|那|还有|另外|其中)")
ASKED_PART = re.compile(r"^(?:那么|那|还有|另外|其中)|(?:是多少|有多少|多少钱|多少|呢|吗)?[？?。！!\s]*$")
ASKING = re.compile(r"(?:的)?(?:总额|总数|总计|合计|一共|总共|共计|是多少|有多少|多少|是什么|有哪些)")
ASKS_AMOUNT = re.compile(r"多少|金额|钱|预算数|万元|元|比例|几个|几项|占")
# Template vocabulary for the narrative's standard sections: (question words, section title).
SECTION_HINTS: tuple[tuple[str, str, bool], ...] = (  # (question words, title, own title first)
    (r"干什么|做什么|职责|职能|负责|管不管|主要工作|管哪些|业务范围|管什么", r"职责|职能", True),
    (r"级别|性质|科室|内设|机构设置|处室|下设|机构|下属|几家事业单位|哪些事业单位|合署|单位构成|哪些单位|预算单位|下属单位|所属单位|哪些.{0,4}单位",
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
        self._names = NameIndex.build({}, _org_names)
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
            self._names = NameIndex.build(answerers, _org_names)  # scoping looks only at the few near
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
        intent = parse_question(q)
        if previous and self._needs_context(intent, document):
            intent = self._merge_follow_up(intent, previous, document)
        elif previous and SIBLING.search(intent.q):
            intent = self._sibling_follow_up(intent, previous[-1], document)
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
        if alternatives and a.answerable:
            names = "、".join(self._label(d) for d in alternatives)
            a.text = f"（按{self._label(doc_id)}回答；也可能指：{names}）" + a.text
            a.alternatives = alternatives
        elif len(self._answerers) > 1 and a.answerable and self._label(doc_id).split("20")[0] not in a.text:
            a.text = f"（按{self._label(doc_id)}回答）" + a.text
        return a

    def route(self, intent: Intent, doc_id: str) -> Answer:
        """The routing decision, in one place: refusal, then exact answers, then retrieval."""
        ans = self._answerers[doc_id]
        doc = ans.doc
        intent.q = strip_scope(intent.q, doc.department, doc.year)
        if "prev_year" in intent.ops and not re.search(r"上年|去年|上一年|前一年|\d{4}\s*年", intent.q):
            intent.ops.remove("prev_year")  # the year named was the document's own
        if intent.refusal == "actual" and (doc.kind == "决算" or (
                re.search(r"执行数|执行了", intent.q) and any(f.measure == "上年执行数" for f in doc.facts))):
            intent.refusal = None  # final accounts, or last year's executed figures per item, are stated
        if intent.refusal == "actual" and re.search(rf"上年|去年|上一年|{doc.year - 1}\s*年", intent.q) and \
                "执行数" in intent.q and not re.search(r"实际|决算", intent.q):
            derived = self._last_year(intent, ans)  # 比上年执行数增加…: last year's 执行数
            if derived is not None:
                return derived
        if intent.refusal in ("personal", "offtopic") and intent.refused_words and any(
                intent.refused_words in sec.text for sec in doc.sections):
            # 天气 for a 气象局, 人口 for a 统计局, 编制 for a body that states its staffing: the
            # document speaks of it, so only what it states may answer (never a guess)
            intent.refusal = None
        if intent.refusal:
            return self.refuse(intent, intent.refusal, doc_id)
        if intent.unexplained:
            return self.refuse(intent, "words", doc_id)
        # Years inside a named row or project (2022年专业人员聘用补贴) do not scope the question.
        named = set().union(*[m.span for m in ans.cat.match(intent.q) if m.exact] or [set()])
        q_free = "".join(ch for i, ch in enumerate(intent.q) if i not in named)
        other_years = [int(y) for y in re.findall(r"(20\d{2})\s*年(?!\d{1,2}月)", q_free) if int(y) != doc.year]
        if other_years and not (set(other_years) <= {doc.year - 1} and
                                ({"prev_year", "change"} & set(intent.ops) or "执行" in intent.q)):
            if not any(str(y) in ans.cat.doc.title for y in other_years):
                return self.refuse(intent, "year", doc_id)
        people = {f.fields.get(k, "") for f in doc.forms for k in ("经办人", "负责人")} - {""}
        if any(p in intent.q for p in people) and re.search(r"工资|薪|收入|奖金|入职|年龄|学历|住|家|是谁", intent.q):
            return self.refuse(intent, "personal", doc_id)
        all_matches = ans.cat.match(intent.q)
        matches = ans.confident(intent.q, all_matches)
        defined = ans.answer_definition(intent, all_matches) if "definition" in intent.ops else None
        if defined is not None and defined.sources and defined.sources[0].section == "名词解释":
            return defined
        about_project = any(m.entity.kind == "project" for m in matches[:1]) and \
            not re.search(r"负责|职责|职能|管不管", intent.q)  # a department's duties, not a project
        if not about_project and not ASKS_AMOUNT.search(intent.q) and \
                set(intent.ops) <= {"purpose", "definition", "reason"}:
            section = self._section_for(intent, ans, all_matches)
            if section is not None:
                return self._stated_figure(intent, doc_id, self._section_answer(intent, ans, section))
        exact = ans.answer(intent, matches)
        asks_last_year = "prev_year" in intent.ops and re.search(r"(?<![比较])(上年|去年|上一年|前一年)(?!结转)", intent.q)
        if "prev_year" in intent.ops and (asks_last_year or (other_years and set(other_years) <= {doc.year - 1})):
            derived = self._last_year(intent, ans)  # worked out from the narrative's comparison
            if derived is not None:
                return derived
        if other_years or asks_last_year:
            # Only a figure stated or derived for last year may answer a question about last year.
            last_year_fact = exact is not None and exact.answerable and any(
                f.source.column in ("上年执行数", "增减额", "增减%", "比上年增减额", "比上年增减%",
                                    "本年预算 − 上年执行数") for f in exact.figures)
            if not last_year_fact and (exact is None or exact.route != "computation" or "prev_year" not in intent.ops):
                if not (exact is not None and "change" in intent.ops and exact.answerable):
                    derived = self._last_year(intent, ans) if set(other_years) <= {doc.year - 1} else None
                    return derived or self.refuse(intent, "year", doc_id)
        if exact is not None and exact.answerable and exact.figures:
            wrong = next((why for why, misattributed in FIGURE_CHECKS
                          if misattributed(intent.q, ans, exact, matches, all_matches)), None)
            if wrong == "retrieve":
                return self.retrieve(intent, doc_id)  # the narrative may state the term's figure
            if wrong is not None:
                return self.refuse(intent, wrong, doc_id)
            exact.text = _code_note(intent.q, ans, exact, matches) + exact.text
        if exact is not None and exact.answerable and exact.figures:
            whole = self._item_section_for_part(intent, ans, exact)
            if isinstance(whole, Passage):  # the item's whole, stated in a sentence of the narrative
                return self._stated_figure(intent, doc_id, Answer(intent.raw, "", True, "retrieval", [],
                                                                  [whole], document=doc_id))
            if whole is not None:
                return self._stated_figure(intent, doc_id, self._section_answer(intent, ans, whole))
            lost = self._operation_lost(intent, exact, doc.department)
            if lost:
                if lost == "count":  # a count the narrative may state (共有车辆 5 辆)
                    section = self._section_for(intent, ans, all_matches)
                    if section is not None:
                        return self._stated_figure(intent, doc_id, self._section_answer(intent, ans, section))
                    return self.retrieve(intent, doc_id)
                return self.refuse(intent, "unknown", doc_id)
        if exact is not None:
            return exact
        section = next((m for m in matches[:3] if m.entity.kind == "section"
                        and (m.coverage >= 0.6 or m.exact)), None)
        if section is not None:
            return self._stated_figure(intent, doc_id, self._section_answer(intent, ans, section.entity.section))
        return self.retrieve(intent, doc_id)

    def _last_year(self, intent: Intent, ans: DocumentAnswerer) -> Answer | None:
        """Last year's figure of the item asked, worked out from the narrative's comparison."""
        if intent.ops and set(intent.ops) - {"prev_year", "change"}:
            return None  # a share, sum or ranking of last year's figures is not stated
        bare = re.sub(r"[（）()\[\]【】“”\"\s]|\d{3,9}", "", intent.q)
        named = [e.key for e in ans.cat.entities if e.kind in ("row", "subject", "econ", "project")
                 and len(e.key) >= 3 and e.key in bare]
        ly = last_year(intent.q, ans.doc, named)
        if ly is None:
            return None
        figure, text = last_year_figure(ly, ans.doc, intent.unit)
        return Answer(intent.raw, text, True, "computation", [figure], [ly.passage], document=ans.doc.doc_id)

    @staticmethod
    def _item_section_for_part(intent: Intent, ans: DocumentAnswerer, exact: Answer):
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

    def _section_for(self, intent: Intent, ans: DocumentAnswerer, matches):
        """The narrative section a question is about: named by its title, or by the
        template's vocabulary for it (职责, 机构设置, 收入, 国有资产…)."""
        named = next((m for i, m in enumerate(matches[:3])
                      if m.entity.kind == "section" and (m.exact or m.coverage >= 0.7 or
                                                         (i == 0 and m.coverage >= 0.5 and len(m.span) >= 4))), None)
        hinted = self._hinted_section(intent, ans)
        if named is not None and not (hinted is not None and not named.exact and named.coverage < 0.7 and
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
            if own_title_first and not re.search(r"职责|职能|负责|管不管|业务范围", intent.q) and \
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

    def _section_answer(self, intent: Intent, ans: DocumentAnswerer, s) -> Answer:
        from .answering.retrieval import best_sentences
        from .model import Passage

        if len(s.text) <= 400 or re.search(r"哪些|哪几|都有|有什么|名单|列出|包括", intent.q):
            excerpt = s.text if len(s.text) <= 600 else s.text[:600] + "……"  # a list is answered whole
        elif not _specific_words(intent.q, ans.doc.department, s):
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
        if self._chain is None:
            from .answering.retrieval import build_chain
            from .index import BudgetRetriever

            self._chain = build_chain(BudgetRetriever(index=self.index, k=self.settings.retrieval_k))
        with self._lock:
            a = self._chain.invoke({"question": intent.raw, "normalized": intent.q, "document": doc_id})
        if not a.answerable:
            return self.refuse(intent, "unknown", doc_id)
        if re.search(r"哪家|哪个公司|什么公司|哪家单位", intent.q) and "公司" not in a.text:
            return self.refuse(intent, "contractor", doc_id)
        return self._stated_figure(intent, doc_id, a)

    @staticmethod
    def _operation_lost(intent: Intent, exact: Answer, department: str) -> str | None:
        """Does an exact answer drop what the question asks? A share, difference or sum answered
        by one looked-up amount; a count (几辆, 多少个) answered in 万元; a name in quotes the
        answer's row does not carry."""
        first = exact.figures[0]
        stated_change = re.search(r"增减|比上年|增加|减少|变化|增长|下降|执行数|上年", f"{first.source.column}{first.label}")
        if exact.route == "lookup" and (set(intent.ops) & {"share", "ratio"} or (
                set(intent.ops) & {"diff", "change"} and not stated_change)):
            return "operation"
        unnamed = _without_name(intent.q, department)  # 规划和自然资源局: 和 inside the body's name
        if "sum" in intent.ops and exact.route == "lookup" and re.search(r"[和与及、]", unnamed) and \
                re.search(r"加起来|合起来|加在一起|一共|合计|总共|之和", intent.q):
            return "operation"  # "A和B加起来": one of them is not the sum
        if exact.route == "computation" and set(intent.ops) & {"share", "ratio"}:
            # a share's part and whole are each named in the question (by name or code), or total
            for cell in first.cells:
                if cell.code and cell.code in intent.q:
                    continue
                row = re.sub(r"\W|^[一二三四五六七八九十]+、", "", cell.row or "")
                if row and row not in ("合计", "总计", "小计") and not re.search(r"合计|总计", row) \
                        and sum(1 for ch in set(row) if ch in intent.q) < 0.6 * len(set(row)) \
                        and longest_common(row, intent.q) < 4:
                    return "operand"
        if ASKS_COUNT.search(intent.q) and \
                not re.search(r"多少(万|亿)?元|多少钱|金额", intent.q) and first.unit in ("元", "万元", "亿元"):
            return "count"
        for quoted in re.findall(r"[“\"「『]([^”\"」』]{4,})[”\"」』]", intent.raw):
            said = re.sub(r"\W", "", quoted)
            row = re.sub(r"\W", "", f"{first.source.row or ''}{first.label}")
            if sum(1 for ch in set(said) if ch in row) < 0.8 * len(set(said)):
                return "name"
        return None

    def _stated_figure(self, intent: Intent, doc_id: str, a: Answer) -> Answer:
        """A passage answering a question that asks for a figure: the figure the narrative
        states for what the question names, or no figure at all (never the passage's others)."""
        if re.search(r"代码|编码|编号|电话|号码|邮编|代号|日期|时间", intent.q):
            return a  # an identifier or a date, quoted as printed
        money_q = re.search(r"多少钱|多少元|多少万|多少亿|(预算|投资|资金|是|有|为|安排了?|花了?|用了?)多少|"
                            r"金额|总额|总计|合计|几亿|几万|折合", intent.q)
        counter = re.search(r"(?:几|多少)(个|家|辆|人|次|项|名|套|所|台)", intent.q)
        percent_q = re.search(r"比例|占比|百分|比重|几成|%", intent.q)
        if not counter and not percent_q and re.search(r"多少(?!平方|公里|米|吨|亩|天|年|次)", intent.q):
            money_q = money_q or re.search(r"多少", intent.q)
        if not (money_q or counter or percent_q):
            return a  # asked in words: the passage answers
        # Asked for a figure: only one the narrative states for what the question names.
        wants = "%" if percent_q else counter.group(1) if counter else "money"
        narrative = [p for p in a.sources if not _TABLE_PASSAGE.match(p.text)]
        found = None
        computing = set(intent.ops) & COMPUTING_OPS
        if not re.search(r"上年|去年|上一年|前一年|比", intent.q):
            computing.discard("prev_year")  # '2026年…预算总额' names this year
        if not computing:
            # anchored on the question as asked (公车 ~ 车辆), and as normalised (预算总额 ~ 支出总计)
            doc = self._answerers[doc_id].doc
            found = figure_in_passages(_content_of(intent.raw, doc), narrative, wants) or \
                figure_in_passages(_content_of(intent.q, doc), narrative, wants)
            terms = [d.term for d in doc.definitions if len(d.term) >= 4 and d.term in intent.q]
            if found is None and terms:
                # the passages retrieved may be the term's definition, not the sentence that
                # states its figure: every section of the narrative, under the same rule (one
                # figure anchored on the question's words, or none), the term said in full
                every = [Passage(doc_id, s.title, s.line_start, s.line_end, s.text, s.page)
                         for s in doc.sections if s.text and s.title != "名词解释"]
                found = figure_in_passages(_content_of(intent.q, doc), every, wants)
                if found is not None and any(t in found.anchor.replace(" ", "") for t in terms):
                    a.sources = [found.passage] + a.sources
                else:
                    found = None
        if computing & {"share", "diff"} and not computing - {"share", "diff", "prev_year"}:
            computed = self._narrative_computation(intent, doc_id, "share" if "share" in computing else "diff")
            if computed is not None:
                return computed
        quoted = QUOTED.findall(intent.raw)
        if found is not None and quoted and longest_common(found.anchor.replace(" ", ""), quoted[0]) < \
                min(4, len(quoted[0])):
            found = None  # "“市行政中心保安服务”项目…": a figure not said of the name quoted
        if found is None:
            where = "；".join(f"{p.section}，第{p.line_start}–{p.line_end}行" for p in a.sources[:2])
            return Answer(intent.raw, f"公开文件没有直接给出这个数字。相关段落：{where}。", False,
                          "refusal", [], a.sources, document=doc_id)
        prov = Provenance(doc_id, found.passage.section, found.anchor, "情况说明",
                          found.passage.line_start, found.passage.page)
        unit = found.unit or found.counter
        value = found.value
        if found.unit in ("元", "万元", "亿元") and intent.unit in ("元", "万元", "亿元"):
            value, unit = convert(value, found.unit, intent.unit), intent.unit
        figure = Figure(found.anchor or "情况说明", value, unit or "", prov)
        printed = f"{found.value:,}{found.unit or found.counter or ''}"
        text = (f"{value:,}{unit or ''}。情况说明写道：“{found.anchor} {printed}”"
                f"（来源：{found.passage.section}，第{found.passage.line_start}–{found.passage.line_end}行）。")
        return Answer(intent.raw, text, True, "retrieval", [figure], a.sources, document=doc_id)

    def _narrative_computation(self, intent: Intent, doc_id: str, op: str) -> Answer | None:
        """A share or a difference of two figures the narrative states ("政府采购中货物类比服务类多
        多少", "服务类占政府采购总额的比例"), each found by the rule for one stated figure, the
        whole of a share being the amount its part is listed under (其中). Shown with its
        arithmetic; None when either figure is not found for certain."""
        doc = self._answerers[doc_id].doc
        q = _content_of(intent.q, doc)
        every = [Passage(doc_id, s.title, s.line_start, s.line_end, s.text, s.page)
                 for s in doc.sections if s.text and s.title != "名词解释"]
        if op == "share":
            head, _, tail = q.partition("占")
            denom = re.sub(r"^比|(的)?(比例|比重|百分之几|百分比|占比|%|多少|几成|是|呢|\?|？).*$", "", tail)
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
        else:
            m = re.match(r"^(.+?)比(.+?)(多|少|高|低)", q)
            if not m:
                return None
            a_text, b_text = m.group(1), m.group(2)
            context = re.match(r"^(.*?(?:中|里|的))", a_text)
            a = figure_in_passages(a_text, every, "money")
            b = figure_in_passages((context.group(1) if context else "") + b_text, every, "money")
            if a is None or b is None or a.anchor == b.anchor or a.unit != b.unit:
                return None
            value = abs(a.value - b.value)
            arithmetic = f"{max(a.value, b.value)} − {min(a.value, b.value)} = {value}"
            label, unit, used = f"{a.anchor}与{b.anchor}之差", a.unit, [a, b]
            text = (f"{a.anchor} {a.value:,}{a.unit}，{b.anchor} {b.value:,}{b.unit}，"
                    f"相差{value:,}{a.unit}")
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
            other = self._names_another_body(q, [chosen]) if chosen is not None and \
                chosen.doc.department not in q else None
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
                    (cover_ratio(m, dept) * len(expand_abbreviation(m)) for m in mentions if _covers(m, dept)),
                    default=0.0)
            scores[d] = by_name[dept]
            top = max(top, scores[d])
        named = [d for d in self._answerers if scores.get(d, 0.0) > 0 and scores[d] >= top - 1e-9]
        other = self._names_another_body(q, docs, names) if not named else None
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
            ms = self._answerers[d].cat.match(q, limit=1)
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
            bodies = names.org_names_near(expand_abbreviation(org)) if names is not None else \
                [name for a in docs for name in _org_names(a)]
            if any(_covers(org, name) for name in bodies):
                continue
            tails = [org[k:] for k in range(0, max(1, len(org) - 3))]  # 北郊监狱比杭州市西郊监狱
            keys = names.entity_keys_near(org, tails) if names is not None else \
                [e.key for a in docs for e in a.cat.entities]
            if any(tail in key for tail in tails for key in keys) or any(
                    len(set(org) & set(key)) >= 0.75 * len(set(org)) and _covers(org, key) for key in keys):
                continue  # a row or a project of the documents, not another department
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
        return any(a.doc.department in q or any(_covers(m, a.doc.department) for m in mentions)
                   for a in (self._answerers.get(d) for d, _ in near) if a is not None)

    def _needs_context(self, intent: Intent, document: str | None) -> bool:
        """A follow-up names nothing of its own ("那它的实施单位呢？", "元呢？"). A question that is
        complete as an operation ("哪个项目钱最多") is not one, unless it points back ("那…呢")."""
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
                  if m.entity.kind not in ("definition", "section", "fact")]
            if ms:
                return False  # "那数字政府二期呢" names its own subject
        return True

    def _subject_of(self, question: str, document: str | None):
        """The row, project or item an earlier question was about, and its parsed intent; none
        when that question was refused ("气象防灾减灾服务" is not the 气象服务 it resembles)."""
        p = parse_question(question)
        if not self._answer(question, [], document).answerable:
            return None, p
        for a in ([self._answerers[document]] if document else self._answerers.values()):
            pq = strip_scope(p.q, a.doc.department, a.doc.year)
            inner = [m for m in a.inner_subject(pq) if m.entity.kind in
                     ("project", "subject", "econ", "row", "measure")]
            if inner:
                return inner[0].entity, p  # "三公经费里因公出国（境）费用": the part, not the whole
            ms = [m for m in a.confident(pq, a.cat.match(pq, limit=5)) if m.entity.kind in
                  ("project", "subject", "econ", "row", "measure")
                  and (m.exact or (m.coverage >= 0.6 and len(m.span) >= 0.6 * len(m.entity.key))
                       or a.distinctive(pq, m))]
            if ms:
                return ms[0].entity, p
        return None, p

    def _merge_follow_up(self, intent: Intent, previous: list[str], document: str | None) -> Intent:
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
                merged = parse_question(f"{names[1]}和{names[0]}" + intent.q)
                merged.raw, merged.unit, merged.ops = intent.raw, intent.unit, intent.ops
                return merged
        for prev in reversed(previous):
            e, p = self._subject_of(prev, document)
            if e is not None:
                merged = parse_question(e.name + intent.q)
                merged.raw = intent.raw
                merged.unit = intent.unit or p.unit
                merged.ops = intent.ops
                merged.refusal = intent.refusal
                merged.years = intent.years or p.years
                return merged
        return self._within_last(intent, previous[-1]) if previous else intent

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
        if named is None or own is None or own is e or own.kind != e.kind:
            return intent
        merged = parse_question(p.q.replace(named, part, 1))
        merged.raw, merged.unit = intent.raw, intent.unit or p.unit
        merged.refusal, merged.years = intent.refusal or merged.refusal, intent.years or p.years
        return merged

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
        merged = parse_question(f"{whole}中{part}是多少")
        merged.raw, merged.unit = intent.raw, intent.unit or p.unit
        merged.refusal, merged.years = intent.refusal, intent.years or p.years
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


def cover_ratio(mention: str, name: str) -> float:
    """How well ``mention`` (大数据局, 区府办, 万里街道) names ``name`` (the full department):
    the best share of the mention's characters found in order in the name, over the mention
    with leading words trimmed. A place named in the mention (太原市) must be in the name."""
    mention = expand_abbreviation(mention)
    last = next((m.group(0) for m in ORG_END.finditer(mention) if m.end() == len(mention)), None)
    if last and last not in name and not (last == "委" and "委员会" in name):
        return 0.0  # 某市文化馆 is not 某市文化和旅游局: another kind of body
    best = 0.0
    for k in range(0, max(1, len(mention) - 2)):
        part = mention[k:]
        place = PLACE.search(part)
        if k == 0 and place and place.group(1) not in name and not name.startswith(place.group(1)[-1]):
            if not re.fullmatch(r"(省|市|县|区)", place.group(1)):
                return 0.0
        core = re.sub(r"^(市|县|区|省)", "", part)
        if len(core) < 2:
            continue
        ratio = len(_lcs_positions(core, name)) / len(core)
        # trimming costs a little, so the whole mention wins ties
        best = max(best, ratio - 0.01 * k)
    # The places two bodies share (上海市普陀区) do not make one the other: what follows them
    # (民政局 vs 规划和自然资源局) must be named too.
    own, name_own = _without_places(mention), _without_places(name)
    places = name[:len(name) - len(name_own)]
    while len(own) > 2 and own[0] in places:  # 普陀规划资源局: 普陀 is the name's place, unmarked
        own = own[1:]
    if len(own) >= 2 and not any(len(_lcs_positions(own[k:], name_own)) >= 0.75 * len(own[k:])
                                 for k in range(0, max(1, len(own) - 2))):  # leading words trimmed
        return min(best, 0.5)
    # Nor does a parent body both name (福州市公安局): the unit after it (交通警察支队 vs
    # 巡特警支队) must be named too.
    shared = 0
    while shared < min(len(mention), len(name)) and mention[shared] == name[shared]:
        shared += 1
    parent = next((m.end() for m in ORG_END.finditer(mention[:shared]) if m.end() <= shared), 0)
    if parent and parent < len(mention) and parent < len(name):
        tail, name_tail = mention[parent:], name[parent:]
        if len(tail) >= 2 and len(_lcs_positions(tail, name_tail)) < 0.75 * len(tail):
            return min(best, 0.5)
    return best


def _without_places(name: str) -> str:
    """A body's name after the places it begins with: 上海市普陀区民政局 -> 民政局."""
    while (m := PLACE.match(name)) and len(name) > len(m.group(1)):
        name = name[len(m.group(1)):]
    return name


def _naming_part(mention: str, department: str) -> str:
    """The tail of a mention that names the department ('大数据局' of '其他科学技术支出大数据局')."""
    best, best_ratio = mention, -1.0
    for k in range(0, max(1, len(mention) - 1)):
        part = mention[k:]
        core = re.sub(r"^(市|县|区|省)", "", expand_abbreviation(part))
        if len(core) < 2:
            continue
        ratio = len(_lcs_positions(core, department)) / len(core)
        if ratio > best_ratio + 1e-9:
            best, best_ratio = part, ratio
    return best


def expand_abbreviation(mention: str) -> str:
    """区府办 -> 区政府办公室 (the usual short form of a government office)."""
    return re.sub(r"(?<!政)府办(?!公)", "政府办公室", mention)


def _covers(mention: str, name: str) -> bool:
    return cover_ratio(mention, name) >= 0.75


def _mentions(q: str, department: str) -> bool:
    return department in q or any(_covers(m, department) for m in org_mentions(q))


_SECTION_ASK = re.compile(r"主要|负责|职责|职能|工作|业务|做什么|干什么|管什么|管哪些|范围|情况|介绍|说明|概况|"
                          r"是什么|有哪些|内容|介绍一下|讲讲|说说|单位|部门|机构")


# A 科目编码 as questions write it: 类 (3 digits), 款 (5), 项 (7) of the functional (2…) or
# economic (3…) classification; not a year, an amount or a count.
SUBJECT_CODE = re.compile(r"(?<![\d.])(?<!\d,)([23]\d{2}(?:\d{2}){0,2})(?![\d.,]|\s*(?:年|万|元|亿|%|个|人|项))")


def _unknown_code(q: str, ans: DocumentAnswerer) -> bool:
    """The question names a subject code the document prints nowhere: whatever was matched on
    its other words is not that subject."""
    return any(c not in ans.cat.codes for c in SUBJECT_CODE.findall(q))


def _named_instead(q: str, exact: Answer, matches):
    """The subject the question also names in full, under the 类 of the code it writes, that
    the answer is about: it may answer for a code the document does not print."""
    named = next((m.entity for m in matches[:1] if m.exact and m.entity.kind == "subject"), None)
    if named is None or not named.code or any(c[:3] != named.code[:3] for c in SUBJECT_CODE.findall(q)) or \
            not all(f.source.code in (None, named.code) for f in exact.figures):
        return None
    return named


def _code_note(q: str, ans: DocumentAnswerer, exact: Answer, matches) -> str:
    """'（文件中没有科目编码X；按名称“Y”（编码Z）回答）' when a subject answers for a code the
    document does not print; '' otherwise."""
    named = _named_instead(q, exact, matches) if _unknown_code(q, ans) else None
    if named is None:
        return ""
    codes = SUBJECT_CODE.findall(q)
    return f"（文件中没有科目编码{'、'.join(codes)}；按名称“{named.name}”（编码{named.code}）回答）"


# A source of money a question may scope a figure to, and the tables that hold only that money.
SOURCE_TABLES = {"政府性基金": ("fund_expense", "fund_income"), "国有资本经营": ("soe",)}


def _other_money(q: str, ans: DocumentAnswerer, exact: Answer) -> bool:
    """The question asks within one source of money (政府性基金预算支出中的基本支出) and the
    answer's figure is of other money: not from that source's table, and not a cell naming it.
    A share asked within 一般公共预算 is computed from its cells, never from all funds'."""
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


# Words of a figure's name whose opposite a question may say: a match on the rest of the name
# (结转和结余) must not answer the one with the other.
OPPOSITES = (("年初", "年末"), ("期初", "期末"), ("收入", "支出"))


# Money carried over from earlier years: a figure so named answers only a question that says so.
CARRIED = re.compile(r"结转|结余")


def _opposite_named(q: str, exact: Answer) -> bool:
    """The question says one of a pair (年初) and the answer's figure is named by the other; or
    the figure is a carry-over (上年结转结余·政府性基金预算) the question does not ask about."""
    for f in exact.figures:
        name = f"{f.source.row or ''}{f.source.column or ''}{f.label}"
        carried = re.sub(r"不含[^）)，,]*", "", name + (f.source.table or ""))  # (不含上年结转): this year's money only
        if CARRIED.search(carried) and not CARRIED.search(q) and not re.search(r"总计|合计", q):
            return True
        money = re.search(r"(?:上年结转|结转结余).{0,6}?(一般公共预算|政府性基金|国有资本)|"
                          r"(一般公共预算|政府性基金|国有资本).{0,6}?(?:上年结转|结转结余)", q)
        if money and (money.group(1) or money.group(2)) not in name:
            return True  # 上年结转的一般公共预算拨款 asked, the whole 上年结转 found
        if re.search(r"非财政拨款|其他资金|单位资金", q) and "财政拨款" in f"{name}{f.source.table or ''}" and \
                not re.search(r"非财政拨款|其他资金|单位资金", name):
            return True  # the money not from 财政拨款 asked, a 财政拨款 figure found
        if "支出" in q and "收入" not in q and f.value != 0 and not f.arithmetic and \
                re.search(r"收入(总|预算|决算)?[总汇]?表", f.source.table or "") and "支出" not in name and \
                re.search(r"合计|总计", f.source.row or ""):
            return True  # 一般公共预算支出 asked, the 收入总表's 一般公共预算 column found
        for a, b in OPPOSITES + tuple((y, x) for x, y in OPPOSITES):
            if a in q and b not in q and b in name and a not in name:
                if {a, b} == {"收入", "支出"} and f.value == 0:
                    continue  # a money with nothing in it (本表无数据) has neither
                return True
    return False


def _unit_left_out(question: str, ans: DocumentAnswerer, exact: Answer) -> bool:
    """The question names a body other than the document's (a unit inside it: 某某监狱,
    某某中心), and the answer gives the body's own figure: not that unit's row, nor a project
    (which a unit may run)."""
    units = [org for org in org_mentions(question) if len(org) >= 4
             and not any(_covers(org, name) or org in name for name in _org_names(ans))]
    if not units:
        return False
    kinds = {t.title: t.kind for t in ans.doc.tables}
    for f in exact.figures:
        label = re.sub(r"\s", "", (f.source.row or "") + (f.label or ""))
        in_projects = kinds.get(f.source.table or "") == "project"
        row_name = re.sub(r"[（(].*?[）)]|\s", "", (f.source.row or "").split("/")[0])
        if in_projects and "项目" not in question and re.search(f"(?:{ORG_END.pattern})$", row_name) and \
                any(u in row_name or _covers(u, row_name) for u in units):
            return True  # the unit's row of the project table is its projects', not its whole budget
        one_project = in_projects and not f.arithmetic and \
            exact.route == "lookup"  # a project the unit runs; not a count or sum of all of them
        if one_project or any(u in label or _covers(u, label) for u in units):
            return False
    return True


# The sources of a department's money: words that scope a figure, not items with one.
MONEY_SOURCE = re.compile(r"(?:一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?|财政专户管理资金|财政)?"
                          r"(?:拨款)?(?:收入|资金)?|单位资金|事业收入|上年结转")


def _term_left_out(q: str, ans: DocumentAnswerer, all_matches, matches, exact: Answer) -> bool:
    """A 名词解释 term the question names in full (机关运行经费) that no table row, project or
    measure of the document stands for, that no matched entity covers and that the answer's
    figure (its table, row and column) does not name: the exact answer, built from the
    question's other words (财政拨款), is not about it."""
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


def _behind_the_figure(ans: DocumentAnswerer, exact: Answer, key: str) -> bool:
    """Whether the entity named ``key`` is where the answer's figure sits: an ancestor of its
    row (生活补助（30305） under 对个人和家庭的补助, 行政运行 under 数据事务), or a row printing
    the same figure (收入总计 = 一、部门预算)."""
    codes = [c.code for f in exact.figures for c in [f.source, *f.cells] if c.code]
    values = {f.value for f in exact.figures if f.unit in ("元", "万元", "亿元")}
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


def _named_left_out(q: str, ans: DocumentAnswerer, all_matches, exact: Answer) -> bool:
    """The question names, in full, a row, item or project of the document (委托业务费 in
    "信访业务里的委托业务费") that the answer's figure neither is nor lies inside: its table,
    row, column and cells do not name it, and its name is not part of a name they use. The
    figure is about the question's other words only."""
    said = "".join(f"{c.table or ''}{c.row or ''}{c.column or ''}"
                   for f in exact.figures for c in [f.source, *f.cells]) + \
        "".join(f.label for f in exact.figures)
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
    for m in named:
        key = m.entity.key
        if len(key) < 3 or key in said or key in department or m.span & used:
            continue
        if MONEY_SOURCE.fullmatch(key) or ans.named_column(key):
            continue  # a source of money or a column scopes the figure
        if re.search(r"合计|总计", key) and re.search(r"合计|总计", said):
            continue  # 支出总计 asked, the table's 合计 given: the same whole
        if _behind_the_figure(ans, exact, key):
            continue
        return True
    return False


# Words of a question that name no item: scope, the operation, politeness, the asking itself.
FILLER = re.compile(r"请问|一下|是多少|有多少|多少钱|多少|是否|有没有|有无|哪些|哪个|哪项|什么|怎么|"
                    r"预算数?|安排了?|金额|数额|资金|总额|共计|一共|总共|合计|大约|大概|约|"
                    r"今年|本年|当年|年度|全年|本部门|本单位|部门|单位|里面|里|中的?|之中|其中|"
                    r"(?:总|全部|所有|整体)(?:预算|支出|收入|经费|资金)|那个|这个|哪个|各个|每个|不含|包含|包括|含|"
                    r"用于|用在|用来|主要|具体|分别|是|的|了|在|为|有|呢|吗|啊|那|这个|这项|该|按|对|给|和|与|及|"
                    r"万元|亿元|元|[A-Za-z0-9]+")
# An item's name ends with one of these: a fee, an expense, a fund, a subsidy, a project.
ITEM_END = re.compile(r"(?:费|经费|支出|收入|补助|补贴|资金|专项|项目|工程|平台|采购|指标值?)$")


def _item_left_out(q: str, ans: DocumentAnswerer, all_matches, exact: Answer) -> bool:
    """After the words the answer's figure is named by (its table, row, column and cells), the
    question still names an item of its own (委托业务费 in "信访业务里的委托业务费"): a run of
    three or more characters, none of them said, ending like an item's name, and not a column,
    measure or source of money that scopes a figure. The figure answers the other words only."""
    empty = {t.title for t in ans.doc.tables if t.empty}
    if any(f.source.table in empty for f in exact.figures):
        return False  # "本表无数据": the table's note answers whatever item of it is asked
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


def _part_table(q: str, exact: Answer) -> bool:
    """A funding source's total (财政拨款收入, 事业单位经营收入) read from a table of one part of the
    spending (基本支出总表, 项目支出总表) answers a question about the whole: it is the part's."""
    for f in exact.figures:
        part = re.search(r"基本支出|项目支出", f.source.table or "")
        if part and part.group(0) not in q and re.search(r"收入|拨款|资金", f.source.column or "") and \
                re.search(r"合计|总计", f.source.row or ""):
            return True
    return False


# Topics a table of its own stands for, by the word a question names them with.
TOPIC_WORDS = {"office_running": "机关运行", "three_public": "三公"}


def _topic_elsewhere(q: str, ans: DocumentAnswerer, exact: Answer) -> bool:
    """The question names a topic with a table of its own (机关运行经费, 三公经费) and no figure of
    the answer is from that table or names the topic: a row of the question's other words
    (机构运行, 一、财政拨款) is not it."""
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


def _other_table(q: str, ans: DocumentAnswerer, exact: Answer) -> bool:
    """The question names a table the document prints ("支出总表中，基本支出…") and no figure
    of the answer comes from a table of that kind."""
    if "表" not in q:
        return False
    kind = table_named(q)
    kinds = {t.title: t.kind for t in ans.doc.tables}
    if kind is None:
        return False
    if kind not in kinds.values():
        # a table the document (as read) does not hold: another table's row may not be what
        # that table prints ("一般公共预算支出表中…各行加起来"), so no figure stands for it
        return kind in ("gp_expense", "fiscal_expense", "fund_expense", "project") and bool(exact.figures)
    return not any(kinds.get(c.table or "") == kind for f in exact.figures for c in [f.source, *f.cells])


# Why an exact figure would not answer the question, checked in this order: the refusal reason
# (or "retrieve": the narrative may state it) and the test of when it applies. Each test takes
# (question, answerer, exact answer, confident matches, all matches).
FIGURE_CHECKS: tuple[tuple[str, Callable[..., bool]], ...] = (
    # a 科目编码 the document does not print, and no subject named in full to answer for it
    ("code", lambda q, ans, exact, m, am: _unknown_code(q, ans) and _named_instead(q, exact, m) is None),
    # 政府性基金…的基本支出 answered from a 一般公共预算 table
    ("source", lambda q, ans, exact, m, am: _other_money(q, ans, exact)),
    # 年初结转 asked, 年末结转 found; a carry-over nobody asked for
    ("opposite", lambda q, ans, exact, m, am: _opposite_named(q, exact)),
    # 事业单位经营收入 asked, the 基本支出总表's column of it found
    ("item", lambda q, ans, exact, m, am: _part_table(q, exact)),
    # 机关运行经费 asked, a row 机构运行 (or 一、财政拨款) found
    ("retrieve", lambda q, ans, exact, m, am: _topic_elsewhere(q, ans, exact)),
    # "西郊监狱的三公经费": a unit of the body named, answered by the body's own figure
    ("unit", lambda q, ans, exact, m, am: _unit_left_out(q, ans, exact)),
    # "机关运行经费财政拨款预算": a glossary term no row stands for, answered by a row of the
    # question's other words (一、财政拨款)
    ("retrieve", lambda q, ans, exact, m, am: _term_left_out(q, ans, am, m, exact)),
    # "支出总表中，基本支出…": the table named prints it, the figure is from another
    ("unknown", lambda q, ans, exact, m, am: _other_table(q, ans, exact)),
    # "信访业务里的委托业务费": a row or project named in full that the figure is not about
    ("item", lambda q, ans, exact, m, am: _named_left_out(q, ans, am, exact) or
     _item_left_out(q, ans, am, exact)),
    # "用于长三角…更新改造（高铁站路网道路）项目的…": a project named that the document does not list
    ("item", lambda q, ans, exact, m, am: _project_left_out(q, ans, am, exact)),
)


# "…X项目": the name a question gives a project, up to the words before it that name none.
PROJECT_NAMED = re.compile(r"([^，,。；;：:？?的里中在为对从和与及、]{6,}?)项目(?!支出|经费|资金|预算|数|个数|总数|合计|总额|表|类|的数)")
NO_NAME = re.compile(r"那个|这个|哪个|哪些|这些|那些|各个|每个|所有|全部|多少个|几个|属性|类别|类型|[一二三四五六七八九十两几\d]+个|以上|以下|一级|二级")


def _project_left_out(q: str, ans: DocumentAnswerer, all_matches, exact: Answer) -> bool:
    """The question names a project (a name of four or more characters before 项目) that no
    project, row or item of the document matches nearly in full, and the answer's figure does
    not name: the figure (项目支出's total) is about the question's other words only."""
    said = re.sub(r"\W", "", "".join(f"{c.table or ''}{c.row or ''}{c.column or ''}"
                                     for f in exact.figures for c in [f.source, *f.cells]) +
                  "".join(f.label for f in exact.figures))
    if exact.route != "lookup":
        return False  # a count or sum of projects by some property names no project
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


def clean_item(label: str) -> str:
    """An economic item's name without its code and second label ('30227 委托业务费/劳务费')."""
    return re.sub(r"^\d+\s*|/.*$|\s", "", label)


def _specific_words(q: str, department: str, section) -> str:
    """What a narrative question says beyond the body, the section's own title words and
    general question words ('主要负责什么工作' says nothing more; '政府采购方面负责什么' does)."""
    from .answering.engine import GENERAL_WORDS

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


def strip_scope(q: str, department: str, year: int) -> str:
    """The question without the department and year that scoped it."""
    out = q.replace(department, "")
    for m in sorted(org_mentions(q, weak_too=True), key=len, reverse=True):  # 普陀区政府办公室 before 普陀区政府
        if _covers(m, department):
            out = out.replace(_naming_part(m, department), "")
    out = re.sub(rf"{year}\s*年度?", "", out)
    out = re.sub(r"^(本部门|本单位|该部门|这个部门|我局|贵局|你们|他们)", "", out)
    return out if len(out.strip("？?。 ")) >= 2 else q


def _org_names(a: DocumentAnswerer) -> list[str]:
    names = [a.doc.department]
    # the bodies every form names (the body itself, its 主管部门); a unit that runs only some
    # projects (each 监狱 of a 司法局) is a unit inside the body, not another name of it
    for key in ("实施单位", "主管部门"):
        printed = {f.fields.get(key, "") for f in a.doc.forms} - {""}
        if len(printed) == 1:
            names += list(printed)
    t = a.doc.table("office_running")
    if t:
        names += [r.label for r in t.rows]
    return [n for n in names if n]
