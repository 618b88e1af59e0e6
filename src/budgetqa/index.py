"""Retrieval over parsed disclosures: chunks rendered as self-contained Chinese sentences, a
Chroma vector index and a BM25 index over jieba words + character bigrams, fused by RRF.

Example::

    from budgetqa.embeddings import E5Embeddings
    from budgetqa.index import BudgetRetriever, HybridIndex, build_chunks

    index = HybridIndex(settings.chroma_path, E5Embeddings())
    index.replace_document(doc.doc_id, build_chunks(doc))
    hits = index.search("2060101 行政运行", k=6, document=doc.doc_id)
    retriever = BudgetRetriever(index=index, k=6)   # a LangChain retriever over the same index
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import unicodedata
import uuid
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever

from budgetqa.embeddings import embedding_model_id
from budgetqa.model import (
    Definition,
    Indicator,
    NarrativeFact,
    ParsedDocument,
    Passage,
    ProjectForm,
    Section,
    Table,
)

CHUNK_KINDS = ("row", "form_field", "indicator", "section", "definition", "fact")
PASSAGE_CHARS = 300  # target length of a narrative passage
# The dense model costs ~1 ms per token on 2 cores, so it sees a short "gist" of each chunk
# (names, headings, the start of the text); the lexical index sees every character.
EMBED_CHARS = 160
GIST_CHARS = 40  # content characters of a form field or summary in its gist
GENERIC_LABELS = frozenset(
    "合计 小计 总计 部门合计 本年收入合计 本年支出合计 收入总计 支出总计 其他".split()
)
SHORT_FIELD_CHARS = 40  # form fields up to this long go into the project's summary chunk
# Reciprocal-rank-fusion constant. The textbook 60 (tuned for fusing long TREC runs) let a
# chunk ranked ~20th by both retrievers beat one ranked 1st by either; with 5, each
# retriever's top hits count most (seed questions: recall@5 0.87 -> 0.97; see benchmarks/).
RRF_K = 5


# ---------------------------------------------------------------- chunks


@dataclass
class Chunk:
    """One retrievable unit: a rendered table row, form field, indicator group, narrative
    passage, definition or stated fact, with the lines it came from.

    ``embed_text`` is the (shorter) text the dense model sees; empty means ``text``. It is
    not stored: the stored vector already reflects it.
    """

    id: str
    document: str
    text: str
    kind: str
    section: str
    line_start: int
    line_end: int
    page: int | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    embed_text: str = ""

    def dense_text(self) -> str:
        return (self.embed_text or self.text)[:EMBED_CHARS]


def build_chunks(doc: ParsedDocument) -> list[Chunk]:
    """Render everything retrievable in ``doc`` as chunks with deterministic ids
    (document + kind + line), so indexing the same document twice gives the same chunks."""
    builder = _ChunkBuilder(doc)
    for table in doc.tables:
        builder.table(table)
    for form in doc.forms:
        builder.form(form)
    for section in doc.sections:
        builder.section(section)
    for definition in doc.definitions:
        builder.definition(definition)
    builder.facts(doc.facts)
    return builder.chunks


class _ChunkBuilder:
    def __init__(self, doc: ParsedDocument) -> None:
        self.doc = doc
        self.chunks: list[Chunk] = []
        self._seen_ids: dict[str, int] = defaultdict(int)

    def add(
        self,
        kind: str,
        text: str,
        section: str,
        line_start: int,
        line_end: int | None = None,
        page: int | None = None,
        embed_text: str = "",
        **extra: Any,
    ) -> None:
        base = f"{self.doc.doc_id}:{kind}:{line_start}"
        self._seen_ids[base] += 1
        n = self._seen_ids[base]
        chunk_id = base if n == 1 else f"{base}:{n}"
        metadata = {
            "department": self.doc.department,
            "year": self.doc.year,
            "content_hash": self.doc.content_hash,
            **{k: v for k, v in extra.items() if v is not None},
        }
        self.chunks.append(
            Chunk(
                id=chunk_id,
                document=self.doc.doc_id,
                text=text,
                kind=kind,
                section=section,
                line_start=line_start,
                line_end=line_end if line_end is not None else line_start,
                page=page,
                metadata=metadata,
                embed_text=embed_text,
            )
        )

    # ---- tables

    def table(self, table: Table) -> None:
        title = _with_year(table.title, self.doc.year)
        prefix = f"{self.doc.department} {title}（单位：{table.unit}）："
        short = _short_title(table.title)
        common = {"table": table.kind, "table_title": table.title, "unit": table.unit}
        if table.empty or not table.rows:
            labels = "、".join(_row_name(r) for r in table.rows)
            text = prefix + "本表无数据。"
            if labels:
                text += f"表中列出的项目：{labels}，均无数据。"
            if table.note:
                text += table.note
            self.add("row", text, table.title, table.line_start, table.line_end, table.page,
                     embed_text=f"{short}：本表无数据", empty_table=True, **common)
            return
        blank = [r for r in table.rows if all(v is None for v in r.values.values()) and not r.texts]
        blank_ids = {id(r) for r in blank}
        for row in table.rows:
            if id(row) in blank_ids:
                continue
            cells = [
                f"{col}{_money(v)}{table.unit}" if v is not None else f"{col}空白"
                for col, v in row.values.items()
            ]
            cells += [f"{col}：{t}" for col, t in row.texts.items() if t]
            text = f"{prefix}{_row_name(row, side=True)}：{'，'.join(cells)}。"
            self.add("row", text, table.title, row.line, row.line, row.page or table.page,
                     embed_text=_row_gist(row, short, self.doc.department),
                     code=row.code, label=row.label, label2=row.label2, side=row.side, **common)
        if blank:
            labels = "、".join(_row_name(r, side=True) for r in blank)
            self.add("row", f"{prefix}以下项目空白（无数据）：{labels}。", table.title,
                     blank[0].line, blank[-1].line, blank[0].page or table.page,
                     embed_text=f"{short}：无数据的项目", blank_rows=True, **common)
        if table.note:
            self.add("row", f"{prefix}{table.note}", table.title, table.line_end, table.line_end,
                     table.page, note=True, **common)

    # ---- project forms

    def form(self, form: ProjectForm) -> None:
        name = form.project
        section = f"项目支出绩效目标申报表：{name}"
        common = {"project": name}
        short: list[str] = []
        short_lines = [form.line_start]
        for key, value in form.fields.items():
            value = (value or "").strip()
            if not value or key == "项目名称":
                continue
            line = form.field_lines.get(key, form.line_start)
            if len(value) <= SHORT_FIELD_CHARS:
                short.append(f"{key}：{value}")
                short_lines.append(line)
                continue
            for i, part in enumerate(_split_passages(value, PASSAGE_CHARS)):
                label = key if i == 0 else f"{key}（续）"
                self.add("form_field", f"项目「{name}」的{label}：{part}", section, line, line,
                         embed_text=f"{name}的{label}：{part[:GIST_CHARS]}", field=key, **common)
        for key, amount in form.amounts.items():
            if amount is not None:
                short.append(f"{key}{_money(amount)}{form.unit}")
                short_lines.append(form.amount_lines.get(key, form.line_start))
        summary = f"项目「{name}」（项目支出绩效目标申报表）：" + "；".join(short) + "。"
        self.add("form_field", summary, section, form.line_start, max(short_lines),
                 embed_text=f"{name}项目概要：" + "；".join(short)[:GIST_CHARS], field="概要",
                 **common)
        self._indicators(form, section, common)

    def _indicators(self, form: ProjectForm, section: str, common: dict[str, Any]) -> None:
        by_period: dict[str, list[Indicator]] = {}
        for indicator in form.indicators:
            if indicator.level3 or indicator.value:  # blank rows like an empty 经济效益指标
                by_period.setdefault(indicator.period, []).append(indicator)
        # (label, indicators shown, indicators whose lines count)
        groups = [(period, items, items) for period, items in by_period.items()]
        if len(groups) == 2 and _indicator_key(groups[0][1]) == _indicator_key(groups[1][1]):
            # Both periods often list the very same indicators: say it once.
            (p1, a, _), (p2, b, _) = groups
            groups = [(f"{p1}和{p2}", a, a + b)]
        for period, shown, counted in groups:
            parts = []
            for ind in shown:
                levels = "·".join(x for x in (ind.level1, ind.level2) if x)
                value = f"：{ind.value}" if ind.value else ""
                parts.append(f"{levels}「{ind.level3}」{value}" if ind.level3 else f"{levels}{value}")
            head = f"项目「{form.project}」{period}绩效指标："
            lines = [i.line for i in counted]
            for piece in _pack(parts, PASSAGE_CHARS - len(head), "；"):
                names = "、".join(re.findall(r"「(.*?)」", piece))  # the measures, not their targets
                self.add("indicator", head + piece + "。", section, min(lines), max(lines),
                         embed_text=f"{form.project}{period}绩效指标：{names[:2 * GIST_CHARS]}",
                         period=period, **common)

    # ---- narrative

    def section(self, section: Section) -> None:
        heading = _heading(section)
        text = section.text.strip()
        if not text:
            return
        if any(section.line_start <= d.line <= section.line_end for d in self.doc.definitions):
            return  # the 名词解释 part: each definition is its own chunk already
        title = heading.rsplit(" > ", 1)[-1]
        for part in _split_passages(text, PASSAGE_CHARS):
            self.add("section", f"{heading}：{part}", heading, section.line_start,
                     section.line_end, section.page, embed_text=f"{title}：{part}")

    def definition(self, definition: Definition) -> None:
        term = _clean_term(definition.term)
        text = definition.text.strip()
        self.add("definition", f"名词解释「{term}」：{text}", "名词解释", definition.line,
                 term=term)

    def facts(self, facts: Sequence[NarrativeFact]) -> None:
        # One chunk per sentence: a sentence often states several figures
        # (本年, 比上年增减额, 增减%), and repeating it per figure would crowd results.
        by_sentence: dict[tuple[int, str], list[NarrativeFact]] = {}
        for fact in facts:
            by_sentence.setdefault((fact.line, fact.sentence), []).append(fact)
        for (line, sentence), group in by_sentence.items():
            stated = "；".join(f"{f.subject}{f.measure}{_money(f.value)}{f.unit}"
                               + ("（与上年持平）" if "增减" in f.measure and f.value == 0 else "") for f in group)
            section = self._section_at(line)
            self.add("fact", f"{stated}。原文：{sentence}", section, line, line, group[0].page,
                     embed_text="、".join(dict.fromkeys(f"{f.subject}{f.measure}" for f in group)),
                     subject=group[0].subject,
                     measures="、".join(f.measure for f in group))

    def _section_at(self, line: int) -> str:
        for s in self.doc.sections:
            if s.line_start <= line <= s.line_end:
                return _heading(s)
        return "情况说明"


def _heading(section: Section) -> str:
    path = [p for p in section.path if p]
    if section.title and (not path or path[-1] != section.title):
        path.append(section.title)
    return " > ".join(p.rstrip("：: ") for p in path)


def _with_year(title: str, year: int) -> str:
    return title if str(year) in title else f"{year}年{title}"


def _row_gist(row: Any, short_title: str, department: str) -> str:
    """What the dense model sees of a row: its name. Codes and amounts only add tokens
    (the lexical index matches those exactly); a name alone, like 住房公积金, is shared by
    several tables and then embedded once. Generic names (合计) keep the table's title."""
    name = row.label + (f"（{row.label2}）" if row.label2 else "")
    if row.label in GENERIC_LABELS or row.label == department or len(row.label) < 2:
        name = f"{short_title}{row.label}"
    return f"{row.side}{name}" if row.side else name


def _short_title(title: str) -> str:
    return re.sub(r"^\s*\d{4}\s*年度?", "", title).replace("（不含上年结转）", "").strip()


def _row_name(row: Any, side: bool = False) -> str:
    parts = []
    if side and row.side:
        parts.append(row.side)
    if row.code:
        parts.append(row.code)
    parts.append(row.label + (f"（{row.label2}）" if row.label2 else ""))
    return " ".join(parts)


def _money(value: Decimal) -> str:
    return format(value, ",") if isinstance(value, Decimal) else str(value)


def _indicator_key(items: Sequence[Indicator]) -> list[tuple[str, str, str, str]]:
    return [(i.level1, i.level2, i.level3, i.value) for i in items]


def _clean_term(term: str) -> str:
    term = re.sub(r"^[一二三四五六七八九十]+、", "", term.strip())
    return term.strip("：: *")


_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n+")


def _split_passages(text: str, limit: int) -> list[str]:
    """Split on sentence ends into passages of at most ``limit`` characters (a longer
    sentence is cut at the limit)."""
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]
    pieces: list[str] = []
    for s in sentences:
        while len(s) > limit:
            pieces.append(s[:limit])
            s = s[limit:]
        pieces.append(s)
    return _pack(pieces, limit, "")


def _pack(pieces: Iterable[str], limit: int, sep: str) -> list[str]:
    out: list[str] = []
    current = ""
    for piece in pieces:
        if current and len(current) + len(sep) + len(piece) > limit:
            out.append(current)
            current = piece
        else:
            current = f"{current}{sep}{piece}" if current else piece
    if current:
        out.append(current)
    return out


# ---------------------------------------------------------------- lexical side

# Words that say nothing about which passage answers a question.
STOPWORDS = frozenset(
    "的 了 是 吗 呢 啊 吧 么 和 与 及 或 在 对 为 把 被 给 向 从 也 都 就 还 又 "
    "什么 多少 怎么 怎样 如何 哪些 哪个 为什么 请问 一下 有没有 是否 有无 告诉 "
    "我 我们 你 你们 他们 这个 那个 这些 那些 其中 以及 一共 总共 共".split()
)
# Budget words jieba's general dictionary splits; whole-word matches weigh more.
DOMAIN_WORDS = (
    "三公经费 机关运行经费 公务接待费 公务用车 因公出国 住房公积金 公积金 基本支出 项目支出 "
    "人员经费 公用经费 一般公共预算 政府性基金 国有资本经营预算 财政拨款 上年结转 职业年金 "
    "养老保险 绩效目标 绩效指标 政府采购 政府购买服务 财政专户 单位资金 名词解释 行政运行"
).split()

_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_LATIN = re.compile(r"[a-z]{2,}")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_QUOTES = re.compile("[\u201c\u201d\u2018\u2019\"']")
_CODE = re.compile(r"(?<![\d.,])(\d{3}|\d{5}|\d{7})(?![\d.,年元万])")

_jieba_lock = threading.Lock()
_jieba: Any = None


def _jieba_tokenizer() -> Any:
    global _jieba
    with _jieba_lock:
        if _jieba is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            for word in DOMAIN_WORDS:
                tokenizer.add_word(word, freq=200_000)
            _jieba = tokenizer
        return _jieba


def tokenize(text: str) -> list[str]:
    """Lexical tokens: whole numbers and codes (thousands separators dropped, trailing
    zeros trimmed), latin words, jieba words, and character bigrams within each run of
    non-stopword Chinese, so '2060101' and '住房公积金' match exactly and partially."""
    # Quotes split words ("“三公”经费" is 三公经费), so they go before segmenting.
    text = _QUOTES.sub("", unicodedata.normalize("NFKC", text).lower())
    tokens = [_normalise_number(m.group()) for m in _NUMBER.finditer(text)]
    tokens += _LATIN.findall(text)
    cut = _jieba_tokenizer().cut
    for run in _CJK_RUN.finditer(text):
        stretch = ""
        for word in cut(run.group(), HMM=True):
            if word in STOPWORDS:
                tokens += _bigrams(stretch)
                stretch = ""
                continue
            if len(word) >= 2:
                tokens.append(word)
            stretch += word
        tokens += _bigrams(stretch)
    return tokens


def _bigrams(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1)]


def _normalise_number(number: str) -> str:
    number = number.replace(",", "")
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    return number


class _LexicalIndex:
    """Okapi BM25 (Lucene's always-positive idf) over an inverted index of one document's chunks.
    Several are searched together by :func:`_lexical_search`, their statistics summed, as if one
    index held all their chunks. Never changed once built (a write makes a new one), so it is
    searched without a lock; chunk tokens are not kept, only their counts. It also holds the
    chunks' stored vectors, when given, so a search within the document ranks them exactly in
    memory (:meth:`nearest`) rather than asking the collection again."""

    def __init__(self, chunks: Iterable[Chunk], vectors: Iterable[Any] | None = None) -> None:
        self.chunks: dict[str, Chunk] = {c.id: c for c in chunks}
        self.ids = list(self.chunks)
        self.vectors: np.ndarray | None = None
        if vectors is not None:
            matrix = np.asarray(list(vectors), dtype=np.float32)
            if matrix.ndim == 2 and len(matrix) == len(self.ids):
                norms = np.linalg.norm(matrix, axis=1, keepdims=True)
                self.vectors = matrix / np.where(norms > 0, norms, 1.0)
        postings: dict[str, dict[int, int]] = defaultdict(dict)
        lengths = []
        for n, chunk_id in enumerate(self.ids):
            tokens = tokenize(self.chunks[chunk_id].text)
            lengths.append(len(tokens))
            for token in tokens:
                postings[token][n] = postings[token].get(n, 0) + 1
        self.postings = {
            t: (np.fromiter(p.keys(), dtype=np.int64, count=len(p)),
                np.fromiter(p.values(), dtype=np.float64, count=len(p)))
            for t, p in postings.items()
        }
        self.lengths = np.array(lengths, dtype=np.float64)

    def nearest(self, query_vector: Sequence[float], k: int) -> list[str]:
        """The ids of the ``k`` chunks whose vectors are nearest ``query_vector`` by cosine, as
        the collection's cosine space ranks them, but exact (every chunk compared)."""
        if self.vectors is None or not self.ids:
            return []
        q = np.asarray(query_vector, dtype=np.float32)
        q = q / (float(np.linalg.norm(q)) or 1.0)
        scores = self.vectors @ q
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        return [self.ids[i] for i in sorted(top, key=lambda i: (-scores[i], i))]


def _lexical_search(indexes: Sequence[_LexicalIndex], query: str, limit: int,
                    k1: float = 1.2, b: float = 0.75) -> list[str]:
    """The ids of the ``limit`` best chunks for ``query`` in ``indexes`` taken as one collection:
    document frequencies, chunk count and mean length are those of all of them together."""
    indexes = [i for i in indexes if i.ids]
    if not indexes:
        return []
    n_docs = sum(len(i.ids) for i in indexes)
    lengths = np.concatenate([i.lengths for i in indexes])
    avg = float(lengths.mean()) or 1.0
    norm = k1 * (1 - b + b * lengths / avg)
    offsets = np.cumsum([0] + [len(i.ids) for i in indexes])
    scores = np.zeros(n_docs)
    for token in set(tokenize(query)):
        found = [(off, i.postings[token]) for off, i in zip(offsets, indexes) if token in i.postings]
        if not found:
            continue
        rows = np.concatenate([r + off for off, (r, _) in found])
        tf = np.concatenate([t for _, (_, t) in found])
        idf = np.log(1 + (n_docs - len(rows) + 0.5) / (len(rows) + 0.5))
        scores[rows] += idf * tf * (k1 + 1) / (tf + norm[rows])
    candidates = np.flatnonzero(scores > 0)
    best = candidates[np.argsort(-scores[candidates], kind="stable")][:limit]
    ids = [cid for i in indexes for cid in i.ids]
    return [ids[n] for n in best]


# ---------------------------------------------------------------- hybrid index


@dataclass
class Hit:
    """A retrieved chunk with its fused score and its rank in each list (1-based; None
    when that retriever did not return it)."""

    chunk: Chunk
    score: float
    dense_rank: int | None
    lexical_rank: int | None

    def to_passage(self) -> Passage:
        c = self.chunk
        return Passage(c.document, c.section, c.line_start, c.line_end, c.text, c.page)

    def to_document(self) -> Document:
        c = self.chunk
        metadata = {
            **c.metadata,
            "id": c.id,
            "document": c.document,
            "kind": c.kind,
            "section": c.section,
            "line_start": c.line_start,
            "line_end": c.line_end,
            "page": c.page,
            "score": self.score,
            "dense_rank": self.dense_rank,
            "lexical_rank": self.lexical_rank,
        }
        return Document(page_content=c.text, metadata=metadata, id=c.id)


@dataclass
class ReplaceResult:
    """What ``replace_document`` did: chunks stored, chunks newly embedded, old ones removed."""

    chunks: int
    embedded: int
    removed: int
    unchanged: bool = False


_RESERVED = ("document", "kind", "section", "line_start", "line_end", "page", "embed_hash")


class HybridIndex:
    """Chroma (dense) + BM25 (lexical) over chunks of any number of documents.

    ``location`` is a local Chroma folder or a Chroma server's URL (``http://host:port``, with
    an optional ``/database``; see :mod:`budgetqa.chroma`). The embeddings are passed in;
    Chroma's own embedding function is never used (it would download a model). Vectors of
    different models live in different collections.

    The lexical side is one BM25 index per document, built from that document's texts stored
    in Chroma on the first search in it (so a new process needs no re-embedding, and a search
    never reads another document's chunks) and kept for the :attr:`LEXICAL_CACHE_DOCUMENTS`
    documents searched last. Each document has a revision, stamped after every write of it (in a
    small collection beside the chunks'), and its lexical index is built again when its revision
    changed: a process sharing the store with others never searches text another process has
    replaced, and a write of one document leaves every other document's index in place. A search
    without a document ranks lexically within the documents its dense candidates come from, taken
    as one collection.

    >>> index = HybridIndex(tmp_path / "chroma", E5Embeddings())  # doctest: +SKIP
    >>> index = HybridIndex("http://localhost:8000", E5Embeddings())  # doctest: +SKIP
    >>> index.replace_document("doc", build_chunks(parsed))        # doctest: +SKIP
    >>> [h.chunk.text for h in index.search("住房公积金", k=3)]     # doctest: +SKIP
    """

    # A document's lexical index holds its chunks, their postings and their vectors, ~6.5 KB a
    # chunk (0.65 MB for a disclosure of 100 chunks, 5.6 MB for 860); building one costs 0.1-1 s on 2 cores
    # (reading it back from Chroma, jieba).
    LEXICAL_CACHE_DOCUMENTS = 128

    def __init__(self, location: Path | str, embeddings: Embeddings, *, pool: int = 40) -> None:
        from budgetqa.chroma import open_client

        self.location = location
        self.embeddings = embeddings
        self.model_id = embedding_model_id(embeddings)
        self.pool = pool  # candidates taken from each retriever before fusion
        self._client = open_client(location)
        self._name = _collection_name(self.model_id)
        self._collection = self._client.get_or_create_collection(
            name=self._name,
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"embedding_model": self.model_id},
        )
        # Each document's revision, one record a document (upserted alone, so two processes
        # writing two documents never overwrite each other's stamp; a record needs a vector).
        self._revisions = self._client.get_or_create_collection(
            name=f"{self._name}-revisions", embedding_function=None, metadata={"revisions_of": self._name})
        self._max_batch = int(self._client.get_max_batch_size())
        # document -> (its revision when built, its lexical index), least recently searched first
        self._lexical: OrderedDict[str, tuple[str | None, _LexicalIndex]] = OrderedDict()
        self._lock = threading.RLock()

    # ---- writing

    def replace_document(self, doc_id: str, chunks: Sequence[Chunk]) -> ReplaceResult:
        """Make ``chunks`` the document's only chunks. Vectors of unchanged chunk texts are
        reused, so re-indexing an identical document embeds nothing and writes nothing."""
        for chunk in chunks:
            if chunk.document != doc_id:
                raise ValueError(f"chunk {chunk.id} belongs to {chunk.document}, not {doc_id}")
        with self._lock:
            old = self._collection.get(
                where={"document": doc_id}, include=["metadatas", "documents", "embeddings"]
            )
            old_rows = {
                i: (d, m) for i, d, m in zip(old["ids"], old["documents"], old["metadatas"])
            }
            old_vectors: dict[str, np.ndarray] = {}
            for meta, vector in zip(old["metadatas"], _rows(old.get("embeddings"))):
                old_vectors[str(meta.get("embed_hash"))] = vector

            records = [(c, self._chroma_metadata(c)) for c in chunks]
            new_ids = [c.id for c in chunks]
            stale = [i for i in old_rows if i not in set(new_ids)]
            if not stale and len(old_rows) == len(chunks) and all(
                old_rows.get(c.id) == (c.text, meta) for c, meta in records
            ):
                return ReplaceResult(len(chunks), 0, 0, unchanged=True)

            missing = sorted({m["embed_hash"]: c.dense_text() for c, m in records
                              if m["embed_hash"] not in old_vectors}.items())
            if missing:
                vectors = _as_array(self.embeddings.embed_documents([t for _, t in missing]))
                old_vectors.update({h: v for (h, _), v in zip(missing, vectors)})
            vectors_in_order = [old_vectors[m["embed_hash"]] for _, m in records]
            for start in range(0, len(records), self._max_batch):
                part = records[start : start + self._max_batch]
                self._collection.upsert(
                    ids=[c.id for c, _ in part],
                    documents=[c.text for c, _ in part],
                    metadatas=[m for _, m in part],
                    embeddings=np.vstack(vectors_in_order[start : start + len(part)]),
                )
            for start in range(0, len(stale), self._max_batch):
                self._collection.delete(ids=stale[start : start + self._max_batch])
            self._changed(doc_id)
            return ReplaceResult(len(chunks), len(missing), len(stale))

    def remove_document(self, doc_id: str) -> int:
        """Delete every chunk of ``doc_id``; returns how many there were."""
        with self._lock:
            ids = self._collection.get(where={"document": doc_id}, include=[])["ids"]
            for start in range(0, len(ids), self._max_batch):
                self._collection.delete(ids=ids[start : start + self._max_batch])
            if ids:
                self._changed(doc_id)
            return len(ids)

    # ---- reading

    def count(self, document: str | None = None) -> int:
        if document is None:
            return self._collection.count()
        return len(self._collection.get(where={"document": document}, include=[])["ids"])

    def documents(self) -> dict[str, str]:
        """Indexed document ids and the content hash each was indexed from."""
        found: dict[str, str] = {}
        for _, _, meta in self._stored():
            found.setdefault(str(meta["document"]), str(meta.get("content_hash", "")))
        return found

    def has_document(self, doc_id: str, content_hash: str | None = None) -> bool:
        got = self._collection.get(where={"document": doc_id}, include=["metadatas"], limit=1)
        if not got["ids"]:
            return False
        return content_hash is None or got["metadatas"][0].get("content_hash") == content_hash

    def warm_up(self, documents: Sequence[str] = ()) -> None:
        """Load jieba's dictionary, the model and Chroma's vector index now, and build the
        lexical index of ``documents``, so the first question is fast (otherwise it pays ~1-3 s,
        more with many chunks: a local Chroma reads its whole vector index on the first query)."""
        tokenize("预算")
        vector = self.embeddings.embed_query("预算")
        if self._collection.count():
            self._collection.query(query_embeddings=[vector], n_results=1, include=[])
        self._lexical_indexes(list(documents)[: self.LEXICAL_CACHE_DOCUMENTS])

    def refresh(self) -> None:
        """Forget the lexical cache now (a search also notices another process's writes by
        itself, through each document's revision)."""
        with self._lock:
            self._lexical.clear()

    def search(self, query: str, k: int = 6, document: str | None = None) -> list[Hit]:
        """The ``k`` best chunks for ``query`` (optionally within one document): dense and
        lexical rankings fused with reciprocal rank fusion."""
        if not query.strip():
            return []
        pool = max(self.pool, k)
        if document:
            indexes = self._lexical_indexes([document])
            if not indexes[0].chunks:
                return []
            # within one document its vectors, kept with its lexical index, are ranked in memory
            dense = [(i, {}) for i in indexes[0].nearest(self.embeddings.embed_query(query), pool)] \
                if indexes[0].vectors is not None else self._dense(query, pool, document)
        else:
            # No document: the dense ranking over every chunk picks the documents, and the
            # lexical ranking runs over those together (building every document's index would
            # read back the whole collection).
            if not self._collection.count():
                return []
            dense = self._dense(query, pool, None)
            indexes = self._lexical_indexes(list(dict.fromkeys(str(m["document"]) for _, m in dense)))
        # A budget code identifies a row (DOMAIN.md): when the question quotes one, the
        # exact match must win over mere semantic closeness.
        lexical_weight = 2.0 if _CODE.search(unicodedata.normalize("NFKC", query)) else 1.0
        lexical = _lexical_search(indexes, query, pool)
        chunks = indexes[0].chunks if len(indexes) == 1 else {i: c for x in indexes for i, c in x.chunks.items()}
        return fuse(chunks, [i for i, _ in dense], lexical, k, lexical_weight=lexical_weight)

    # ---- internals

    def _dense(self, query: str, pool: int, document: str | None) -> list[tuple[str, dict[str, Any]]]:
        """The ``pool`` nearest chunks (within ``document`` if given): ids, and the metadata
        only when no document is given (to know which documents they come from)."""
        got = self._collection.query(
            query_embeddings=[self.embeddings.embed_query(query)],
            n_results=pool,
            where={"document": document} if document else None,
            include=["distances"] if document else ["metadatas"],
        )
        return list(zip(got["ids"][0], got["metadatas"][0] if not document else [{}] * len(got["ids"][0])))

    def _lexical_indexes(self, documents: Sequence[str]) -> list[_LexicalIndex]:
        """The BM25 index of each of ``documents``, as of its current revision: kept ones, or
        built from the document's stored chunks (and only those)."""
        with self._lock:
            # The revisions are read before any chunks: a write landing while they are read
            # stamps a newer one after it, so the next search in that document reads them again.
            revisions = self._revisions_of(documents)
            out = []
            for document in documents:
                revision = revisions.get(document)
                kept = self._lexical.get(document)
                if kept is None or kept[0] != revision:
                    stored = list(self._stored({"document": document}, vectors=True))
                    index = _LexicalIndex((_chunk_from_stored(i, d, m) for i, d, m, _ in stored),
                                          [v for *_, v in stored])
                    self._lexical[document] = (revision, index)
                else:
                    index = kept[1]
                self._lexical.move_to_end(document)
                out.append(index)
            while len(self._lexical) > max(self.LEXICAL_CACHE_DOCUMENTS, len(documents)):
                self._lexical.popitem(last=False)
            return out

    def _revisions_of(self, documents: Sequence[str]) -> dict[str, str]:
        """The revision of each of ``documents`` that has one (a document written before
        revisions were kept has none until its next write): one small request to a server, a
        SQLite read for a folder."""
        if not documents:
            return {}
        got = self._revisions.get(ids=list(dict.fromkeys(documents)), include=["metadatas"])
        return {i: str((m or {}).get("revision")) for i, m in zip(got["ids"], got["metadatas"])}

    def _changed(self, doc_id: str) -> None:
        """After a write of ``doc_id``: stamp its new revision (every process's next search in it
        builds its lexical index again; the other documents' stay) and forget ours. Forgetting,
        rather than patching ours with this write, keeps it right when another process wrote
        between our last build and this write."""
        self._revisions.upsert(ids=[doc_id], metadatas=[{"revision": uuid.uuid4().hex}], embeddings=[[0.0]])
        self._lexical.pop(doc_id, None)

    def _stored(self, where: dict[str, Any] | None = None, vectors: bool = False) -> Iterable[tuple]:
        """(id, text, metadata) of each stored chunk, and its vector last when ``vectors``."""
        offset = 0
        while True:
            got = self._collection.get(
                where=where, include=["documents", "metadatas", *(["embeddings"] if vectors else [])],
                limit=self._max_batch, offset=offset
            )
            if not got["ids"]:
                return
            if vectors:
                yield from zip(got["ids"], got["documents"], got["metadatas"], got["embeddings"])
            else:
                yield from zip(got["ids"], got["documents"], got["metadatas"])
            offset += len(got["ids"])

    def _chroma_metadata(self, chunk: Chunk) -> dict[str, Any]:
        meta: dict[str, Any] = {
            key: _primitive(value)
            for key, value in chunk.metadata.items()
            if value is not None and key not in _RESERVED
        }
        meta.update(
            document=chunk.document,
            kind=chunk.kind,
            section=chunk.section,
            line_start=int(chunk.line_start),
            line_end=int(chunk.line_end),
            embed_hash=hashlib.sha1(chunk.dense_text().encode("utf-8")).hexdigest(),
        )
        if chunk.page is not None:
            meta["page"] = int(chunk.page)
        return meta


def fuse(
    chunks: dict[str, Chunk],
    dense: Sequence[str],
    lexical: Sequence[str],
    k: int,
    *,
    lexical_weight: float = 1.0,
    dense_weight: float = 1.0,
) -> list[Hit]:
    """Reciprocal rank fusion of two ranked id lists: score = sum of weight / (RRF_K + rank)."""
    dense_rank = {cid: r for r, cid in enumerate(dense, start=1)}
    lexical_rank = {cid: r for r, cid in enumerate(lexical, start=1)}
    scores: dict[str, float] = defaultdict(float)
    for cid, r in dense_rank.items():
        scores[cid] += dense_weight / (RRF_K + r)
    for cid, r in lexical_rank.items():
        scores[cid] += lexical_weight / (RRF_K + r)
    ranked = sorted((cid for cid in scores if cid in chunks), key=lambda c: -scores[c])
    return [
        Hit(chunks[cid], scores[cid], dense_rank.get(cid), lexical_rank.get(cid))
        for cid in ranked[:k]
    ]


def _chunk_from_stored(chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
    return Chunk(
        id=chunk_id,
        document=str(meta["document"]),
        text=text,
        kind=str(meta["kind"]),
        section=str(meta.get("section", "")),
        line_start=int(meta.get("line_start", 0)),
        line_end=int(meta.get("line_end", 0)),
        page=int(meta["page"]) if "page" in meta else None,
        metadata={k: v for k, v in meta.items() if k not in _RESERVED},
    )


def _collection_name(model_id: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", model_id.lower()).strip("-")[:40].strip("-")
    digest = hashlib.sha1(model_id.encode("utf-8")).hexdigest()[:8]
    return f"chunks-{slug}-{digest}"


def _primitive(value: Any) -> str | int | float | bool:
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _rows(embeddings: Any) -> list[np.ndarray]:
    if embeddings is None:
        return []
    return [np.asarray(v, dtype=np.float32) for v in embeddings]


def _as_array(vectors: Any) -> np.ndarray:
    return np.asarray(vectors, dtype=np.float32)


# ---------------------------------------------------------------- LangChain


class BudgetRetriever(BaseRetriever):
    """LangChain retriever over a :class:`HybridIndex`; each ``Document`` carries the
    chunk's provenance (document, section, lines, page) and ranks in its metadata.

    >>> retriever = BudgetRetriever(index=index, k=6, document="yangquan-2023")  # doctest: +SKIP
    >>> retriever.invoke("三公经费有多少")                                      # doctest: +SKIP
    """

    index: HybridIndex
    k: int = 6
    document: str | None = None

    def for_document(self, document: str | None) -> BudgetRetriever:
        """A copy limited to one document (the original is left as it is)."""
        return self.model_copy(update={"document": document})

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        return [hit.to_document() for hit in self.index.search(query, self.k, self.document)]
