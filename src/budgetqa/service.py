"""The one core service every edge calls: ``BudgetQA.answer(question, history, document)``.

It owns the store, the search index and one :class:`DocumentAnswerer` per document, picks
the document a question is about, and routes between lookup, computation, retrieval and
refusal (see :mod:`budgetqa.answering.router`).

>>> qa = BudgetQA.open(Settings())
>>> qa.answer("智慧教育平台项目预算多少").figures[0].value
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any, Callable

from .answering.catalogue import _lcs_positions
from .answering.engine import DocumentAnswerer
from .answering.router import Intent, parse_question
from .errors import QuestionError, UnknownDocumentError
from .ingest import IngestReport, ingest
from .model import Answer
from .settings import Settings
from .store import Store

ORG = re.compile(r"([\u4e00-\u9fa5]{2,14}?(?:委员会|办公室|办事处|街道|局|委|厅|中心|政府))")

REFUSAL_TEXT = {
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
}


class BudgetQA:
    """Answers questions over every document in one store."""

    def __init__(self, settings: Settings, store: Store, index=None):
        self.settings = settings
        self.store = store
        self.index = index
        self._answerers: dict[str, DocumentAnswerer] = {}
        self._chain = None
        self._lock = threading.RLock()
        self.reload()

    @classmethod
    def open(cls, settings: Settings | None = None, with_index: bool = True) -> "BudgetQA":
        settings = settings or Settings()
        store = Store(settings.db_path)
        index = None
        if with_index:
            from .embeddings import make_embeddings
            from .index import HybridIndex

            index = HybridIndex(settings.chroma_path, make_embeddings(settings))
        return cls(settings, store, index)

    # ------------------------------------------------------------ corpus

    def reload(self) -> None:
        with self._lock:
            self._answerers = {d.id: DocumentAnswerer(self.store.load(d.id)) for d in self.store.documents()}

    def ingest(self, paths: list[Path], progress: Callable[[str], None] | None = None) -> IngestReport:
        with self._lock:
            report = ingest(paths, self.store, self.index, progress)
            self.reload()
            return report

    def ensure_corpus(self, progress: Callable[[str], None] | None = None) -> IngestReport | None:
        """On a fresh store, ingest the bundled corpus first."""
        if self._answerers:
            return None
        return self.ingest([self.settings.corpus], progress)

    def documents(self) -> list[dict[str, Any]]:
        return [d.to_dict() for d in self.store.documents()]

    def answerer(self, doc_id: str) -> DocumentAnswerer:
        if doc_id not in self._answerers:
            raise UnknownDocumentError(f"没有这个文档：{doc_id}")
        return self._answerers[doc_id]

    # ------------------------------------------------------------ answering

    def validate(self, question: Any) -> str:
        if not isinstance(question, str):
            raise QuestionError("问题必须是文字 (question must be a string)")
        q = question.strip()
        if not q:
            raise QuestionError("问题是空的，请输入一个问题 (empty question)")
        if len(q) > self.settings.max_question_chars:
            raise QuestionError(
                f"问题太长（{len(q)} 字），请控制在 {self.settings.max_question_chars} 字以内")
        return q

    def answer(self, question: Any, history: list | None = None, document: str | None = None) -> Answer:
        q = self.validate(question)
        if document is not None and document not in self._answerers:
            raise UnknownDocumentError(f"没有这个文档：{document}")
        if not self._answerers:
            return Answer(q, "语料库是空的：请先运行 budgetqa ingest。", False, "refusal")
        intent = parse_question(q)
        previous = _previous_questions(history)
        if previous and self._needs_context(intent, document):
            intent = self._merge_follow_up(intent, previous, document)
        doc_id, alternatives, reason = self.scope(intent, document)
        if doc_id is None:
            return self.refuse(intent, reason or "department", None)
        a = self.route(intent, doc_id)
        a.question = q
        if alternatives and a.answerable:
            names = "、".join(self._label(d) for d in alternatives)
            a.text = f"（按{self._label(doc_id)}回答；也可能指：{names}）" + a.text
            a.alternatives = alternatives
        return a

    def route(self, intent: Intent, doc_id: str) -> Answer:
        """The routing decision, in one place: refusal, then exact answers, then retrieval."""
        ans = self._answerers[doc_id]
        doc = ans.doc
        if intent.refusal:
            return self.refuse(intent, intent.refusal, doc_id)
        # Years inside a named row or project (2022年专业人员聘用补贴) do not scope the question.
        named = set().union(*[m.span for m in ans.cat.match(intent.q) if m.exact] or [set()])
        q_free = "".join(ch for i, ch in enumerate(intent.q) if i not in named)
        other_years = [int(y) for y in re.findall(r"(20\d{2})\s*年", q_free) if int(y) != doc.year]
        if other_years and not (set(other_years) <= {doc.year - 1} and
                                {"prev_year", "change"} & set(intent.ops)):
            if not any(str(y) in ans.cat.doc.title for y in other_years):
                return self.refuse(intent, "year", doc_id)
        people = {f.fields.get(k, "") for f in doc.forms for k in ("经办人", "负责人")} - {""}
        if any(p in intent.q for p in people) and re.search(r"工资|薪|收入|奖金|入职|年龄|学历|住|家|是谁", intent.q):
            return self.refuse(intent, "personal", doc_id)
        matches = ans.confident(intent.q, ans.cat.match(intent.q))
        exact = ans.answer(intent, matches)
        if other_years:
            # Only a figure derived for last year may answer a question about last year.
            if exact is None or exact.route != "computation" or "prev_year" not in intent.ops:
                if not (exact is not None and "change" in intent.ops and exact.answerable):
                    return self.refuse(intent, "year", doc_id)
        if exact is not None:
            return exact
        section = next((m for m in matches[:3] if m.entity.kind == "section"
                        and (m.coverage >= 0.6 or m.exact)), None)
        if section is not None:
            return self._section_answer(intent, ans, section.entity.section)
        return self.retrieve(intent, doc_id)

    def _section_answer(self, intent: Intent, ans: DocumentAnswerer, s) -> Answer:
        from .answering.retrieval import best_sentences
        from .model import Passage

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
        return a

    def refuse(self, intent: Intent, reason: str, doc_id: str | None) -> Answer:
        text = REFUSAL_TEXT.get(reason, REFUSAL_TEXT["unknown"])
        if doc_id:
            doc = self._answerers[doc_id].doc
            text += f"本文档是{doc.department}{doc.year}年{doc.scope}{doc.kind}公开，可以问它的收支总额、各科目和项目的金额、项目绩效目标、情况说明和名词解释。"
        else:
            text += "现有文档：" + "；".join(self._label(d) for d in self._answerers) + "。"
        return Answer(intent.raw, text, False, "refusal", document=doc_id)

    # ------------------------------------------------------------ scope

    def _label(self, doc_id: str) -> str:
        d = self._answerers[doc_id].doc
        return f"{d.department}{d.year}年{d.kind}"

    def scope(self, intent: Intent, document: str | None) -> tuple[str | None, list[str], str | None]:
        """The document a question is about, other candidates, or a reason to refuse."""
        if document:
            return document, [], None
        docs = list(self._answerers.values())
        q = intent.q
        # Department named?
        named = []
        for a in docs:
            if _mentions(q, a.doc.department):
                named.append(a.doc.doc_id)
        if not named:
            for m in ORG.finditer(q):
                org = m.group(1)
                if any(org in e.key or _covers(org, e.key) for a in docs for e in a.cat.entities):
                    continue  # part of a project or row name (数字政府, 体验中心), not a department
                if not any(_covers(org, name) for a in docs for name in _org_names(a)):
                    return None, [], "department"
        candidates = named or [a.doc.doc_id for a in docs]
        if intent.years:
            by_year = [d for d in candidates if self._answerers[d].doc.year in intent.years]
            if by_year:
                candidates = by_year
        if len(candidates) == 1:
            return candidates[0], [], None
        scored = []
        for d in candidates:
            ms = self._answerers[d].cat.match(q, limit=1)
            scored.append((ms[0].score * (0.5 + ms[0].coverage) if ms else 0.0, d))
        scored.sort(reverse=True)
        best = scored[0]
        alternatives = [d for s, d in scored[1:] if best[0] and s >= 0.9 * best[0]]
        return best[1], alternatives, None

    # ------------------------------------------------------------ conversation

    def _needs_context(self, intent: Intent, document: str | None) -> bool:
        if intent.follow_up:
            return True
        for a in ([self._answerers[document]] if document else self._answerers.values()):
            ms = a.cat.match(intent.q, limit=1)
            if ms and (ms[0].exact or ms[0].coverage >= 0.6):
                return False
        return True

    def _merge_follow_up(self, intent: Intent, previous: list[str], document: str | None) -> Intent:
        for prev in reversed(previous):
            p = parse_question(prev)
            for a in ([self._answerers[document]] if document else self._answerers.values()):
                ms = [m for m in a.cat.match(p.q, limit=3) if m.entity.kind in
                      ("project", "subject", "econ", "row", "measure")]
                if ms and (ms[0].exact or ms[0].coverage >= 0.5):
                    e = ms[0].entity
                    text = e.name + intent.q
                    merged = parse_question(text)
                    merged.raw = intent.raw
                    merged.unit = intent.unit or p.unit
                    merged.ops = intent.ops
                    merged.refusal = intent.refusal
                    merged.years = intent.years or p.years
                    return merged
        return intent


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


def _covers(mention: str, name: str) -> bool:
    """Does ``mention`` (e.g. 大数据局) name ``name`` (e.g. 阳泉市大数据应用局)?"""
    core = re.sub(r"^(市|县|区|省)", "", mention)
    pos = _lcs_positions(core, name)
    return len(pos) >= max(2, int(0.75 * len(core) + 0.5))


def _mentions(q: str, department: str) -> bool:
    for m in ORG.finditer(q):
        if _covers(m.group(1), department):
            return True
    return False


def _org_names(a: DocumentAnswerer) -> list[str]:
    names = [a.doc.department]
    for f in a.doc.forms:
        names += [f.fields.get("实施单位", ""), f.fields.get("主管部门", "")]
    t = a.doc.table("office_running")
    if t:
        names += [r.label for r in t.rows]
    return [n for n in names if n]
