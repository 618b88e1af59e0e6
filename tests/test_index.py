"""Hybrid retrieval over a hand-built disclosure, with the real bundled e5 model, in a real
Chroma folder under tmp_path and again in a fresh database on the test Chroma server."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal

import pytest
from langchain_core.documents import Document

from budgetqa.embeddings import E5Embeddings
from budgetqa.index import BudgetRetriever, HybridIndex, _lexical_search, build_chunks, tokenize
from budgetqa.model import Definition, ParsedDocument, Row, Section, Table

from conftest import offline

D = Decimal


@pytest.fixture(scope="module", autouse=True)
def no_network():
    """Indexing and search must never reach the network (no model hub, no telemetry), only
    the test Chroma server on loopback. Module-scoped and autouse, so it is in place before
    the shared index is built."""
    with offline():
        yield


def make_doc(doc_id: str = "yangquan-2023", department: str = "阳泉市大数据应用局") -> ParsedDocument:
    columns = ["合计", "基本支出", "项目支出"]

    def row(code, label, total, basic, project, line):
        values = dict(zip(columns, (total, basic, project)))
        return Row(label=label, values=values, line=line, code=code)

    table = Table(
        kind="expenditure_total",
        title="2023年预算支出总表",
        unit="万元",
        columns=columns,
        rows=[
            row("206", "科学技术支出", D("11259.20"), D("130.41"), D("11128.79"), 194),
            row("20601", "科学技术管理事务", D("10259.20"), D("130.41"), D("10128.79"), 195),
            row("2060101", "行政运行", D("10259.20"), D("130.41"), D("10128.79"), 196),
            row("2210201", "住房公积金", D("38.88"), D("38.88"), None, 211),
        ],
        line_start=180,
        line_end=211,
    )
    sections = [
        Section(
            path=["第三部分 2023年度部门预算情况说明"],
            title="七、“三公”经费增减变动原因说明",
            text="本部门无“三公”经费预算。",
            line_start=517,
            line_end=519,
        ),
        Section(
            path=["第三部分 2023年度部门预算情况说明"],
            title="三、支出预算情况说明",
            text="2023年度支出预算11,689.17万元，其中：基本支出519.08万元，占4.44%；"
            "项目支出11,170.09万元，占95.56%。",
            line_start=480,
            line_end=482,
        ),
    ]
    definitions = [
        Definition(
            term="三、“三公”经费",
            text="指省直部门用财政拨款安排的因公出国（境）费用、公务用车购置及运行费和公务接待费。",
            line=1044,
        ),
        Definition(
            term="八、上年结转",
            text="指以前年度预算安排、结转到本年仍按原规定用途继续使用的资金。",
            line=1054,
        ),
    ]
    return ParsedDocument(
        doc_id=doc_id,
        path=f"corpus/{doc_id}.txt",
        title=f"{department}2023年度部门预算公开",
        department=department,
        year=2023,
        kind="预算",
        scope="部门",
        content_hash=f"hash-{doc_id}",
        tables=[table],
        sections=sections,
        definitions=definitions,
    )


class CountingE5(E5Embeddings):
    """The real e5 model, counting how many passages it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.embedded = 0

    def embed_documents(self, texts):
        self.embedded += len(texts)
        return super().embed_documents(texts)


@pytest.fixture(scope="module")
def indexed(module_chroma_location):
    path = module_chroma_location
    index = HybridIndex(path, E5Embeddings())
    index.replace_document("yangquan-2023", build_chunks(make_doc()))
    other = make_doc("pingding-2023", "平定县教育局")
    index.replace_document("pingding-2023", build_chunks(other))
    return path, index


def test_row_renders_as_a_self_contained_sentence():
    chunks = build_chunks(make_doc())
    row = next(c for c in chunks if c.metadata.get("code") == "2060101")
    assert row.text == (
        "阳泉市大数据应用局 2023年预算支出总表（单位：万元）：2060101 行政运行："
        "合计10,259.20万元，基本支出130.41万元，项目支出10,128.79万元。"
    )
    assert (row.id, row.kind, row.section, row.line_start, row.line_end) == (
        "yangquan-2023:row:196", "row", "2023年预算支出总表", 196, 196
    )
    fund = next(c for c in chunks if c.metadata.get("code") == "2210201")
    assert fund.text.endswith("合计38.88万元，基本支出38.88万元，项目支出空白。")


def test_chunk_ids_are_deterministic_and_unique():
    first = [c.id for c in build_chunks(make_doc())]
    assert first == [c.id for c in build_chunks(make_doc())]
    assert len(first) == len(set(first))
    definition = next(c for c in build_chunks(make_doc()) if c.kind == "definition")
    assert definition.text == (
        "名词解释「“三公”经费」：指省直部门用财政拨款安排的因公出国（境）费用、"
        "公务用车购置及运行费和公务接待费。"
    )


def test_tokens_keep_codes_and_amounts_whole():
    tokens = tokenize("2060101 行政运行 合计10,259.20万元")
    assert "2060101" in tokens
    assert "10259.2" in tokens
    assert "行政运行" in tokens
    assert "行政" in tokens and "运行" in tokens


def test_code_query_ranks_its_row_first(indexed):
    _, index = indexed
    hits = index.search("2060101", k=6, document="yangquan-2023")
    assert hits[0].chunk.metadata["code"] == "2060101"
    assert hits[0].lexical_rank == 1


def test_what_is_sangong_returns_the_definition(indexed):
    _, index = indexed
    hits = index.search("什么是三公经费", k=6, document="yangquan-2023")
    top2 = [h.chunk for h in hits[:2]]
    assert any(c.kind == "definition" and c.metadata["term"] == "“三公”经费" for c in top2)


def test_document_filter(indexed):
    _, index = indexed
    hits = index.search("住房公积金", k=6, document="pingding-2023")
    assert hits
    assert {h.chunk.document for h in hits} == {"pingding-2023"}
    assert hits[0].chunk.text.startswith("平定县教育局")
    unfiltered = index.search("住房公积金", k=6)
    assert {h.chunk.document for h in unfiltered} == {"yangquan-2023", "pingding-2023"}


def test_replace_document_is_idempotent(indexed):
    path, _ = indexed
    embeddings = CountingE5()
    index = HybridIndex(path, embeddings)
    before = index.count()
    result = index.replace_document("yangquan-2023", build_chunks(make_doc()))
    assert result.unchanged and result.embedded == 0
    assert index.count() == before
    assert embeddings.embedded == 0


def test_changed_document_replaces_its_chunks(chroma_location):
    embeddings = CountingE5()
    index = HybridIndex(chroma_location, embeddings)
    doc = make_doc()
    index.replace_document(doc.doc_id, build_chunks(doc))
    first = embeddings.embedded
    doc.definitions.pop()  # one chunk fewer, the others unchanged
    result = index.replace_document(doc.doc_id, build_chunks(doc))
    assert (result.embedded, result.removed) == (0, 1)
    assert embeddings.embedded == first
    assert index.count("yangquan-2023") == len(build_chunks(doc))
    assert not any("上年结转" in h.chunk.text for h in index.search("上年结转是什么", k=10))
    assert index.remove_document(doc.doc_id) == len(build_chunks(doc))
    assert index.count() == 0
    assert index.search("上年结转") == []


def test_fresh_index_finds_chunks_without_reembedding(indexed):
    path, first = indexed
    embeddings = CountingE5()
    fresh = HybridIndex(path, embeddings)
    assert fresh.count() == first.count()
    assert fresh.documents() == {"yangquan-2023": "hash-yangquan-2023",
                                 "pingding-2023": "hash-pingding-2023"}
    hits = fresh.search("2060101 行政运行", k=3, document="yangquan-2023")
    assert hits[0].chunk.metadata["code"] == "2060101"
    assert (hits[0].chunk.line_start, hits[0].chunk.section) == (196, "2023年预算支出总表")
    assert embeddings.embedded == 0


def test_retriever_returns_documents_with_provenance(indexed):
    _, index = indexed
    retriever = BudgetRetriever(index=index, k=3, document="yangquan-2023")
    docs = retriever.invoke("三公经费")
    assert len(docs) == 3
    assert all(isinstance(d, Document) for d in docs)
    assert {d.metadata["document"] for d in docs} == {"yangquan-2023"}
    first = docs[0].metadata
    assert {"id", "kind", "section", "line_start", "line_end", "page", "department", "year"} <= set(first)
    assert first["department"] == "阳泉市大数据应用局" and first["year"] == 2023
    other = retriever.for_document("pingding-2023").invoke("三公经费")
    assert {d.metadata["document"] for d in other} == {"pingding-2023"}
    assert retriever.document == "yangquan-2023"


def test_a_write_through_another_index_is_seen_by_the_next_search(chroma_location):
    """Two app processes share one index: each search notices the other's writes (the
    collection's revision changed) instead of searching its own stale lexical copy."""
    reader = HybridIndex(chroma_location, E5Embeddings())
    writer = HybridIndex(chroma_location, E5Embeddings())
    doc = make_doc()
    writer.replace_document(doc.doc_id, build_chunks(doc))
    assert "合计10,259.20万元" in reader.search("2060101", k=1)[0].chunk.text

    doc.tables[0].rows[2].values["合计"] = D("9999.99")  # the same chunk id, new text
    doc.content_hash = "hash-changed"
    writer.replace_document(doc.doc_id, build_chunks(doc))
    hit = reader.search("2060101", k=1)[0]
    assert "合计9,999.99万元" in hit.chunk.text
    assert hit.chunk.metadata["content_hash"] == "hash-changed"
    assert reader.has_document(doc.doc_id, "hash-changed")

    writer.remove_document(doc.doc_id)
    assert reader.search("2060101") == []
    assert reader.documents() == {}


WRITER = """
import sys
from budgetqa.embeddings import E5Embeddings
from budgetqa.index import HybridIndex, build_chunks
from test_index import make_doc

index = HybridIndex(sys.argv[1], E5Embeddings())
if sys.argv[2] == "add":
    index.replace_document("pingding-2023", build_chunks(make_doc("pingding-2023", "平定县教育局")))
else:
    index.remove_document("yangquan-2023")
"""


def test_another_process_ingesting_into_the_server_is_seen(chroma_server_url):
    """A real second process writes to the server while this one holds a built lexical index."""
    from conftest import ROOT, chroma_database

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "tests")])}
    with chroma_database(chroma_server_url) as url:
        index = HybridIndex(url, E5Embeddings())
        index.replace_document("yangquan-2023", build_chunks(make_doc()))
        assert {h.chunk.document for h in index.search("住房公积金", k=6)} == {"yangquan-2023"}

        subprocess.run([sys.executable, "-c", WRITER, url, "add"], env=env, check=True, timeout=300)
        assert {h.chunk.document for h in index.search("住房公积金", k=6)} == {"yangquan-2023", "pingding-2023"}
        assert index.search("住房公积金", k=1, document="pingding-2023")[0].chunk.text.startswith("平定县教育局")

        subprocess.run([sys.executable, "-c", WRITER, url, "remove"], env=env, check=True, timeout=300)
        assert {h.chunk.document for h in index.search("住房公积金", k=6)} == {"pingding-2023"}
        assert set(index.documents()) == {"pingding-2023"}


# ---------------------------------------------------------------- one lexical index per document


class ReadsRecorded:
    """The real Chroma collection, recording the document of every chunk its ``get`` returns
    with text (what building a lexical index reads back)."""

    def __init__(self, collection) -> None:
        self._collection = collection
        self.read: list[str] = []

    def get(self, *args, **kwargs):
        got = self._collection.get(*args, **kwargs)
        if "documents" in (kwargs.get("include") or []):
            self.read += [str(m["document"]) for m in got["metadatas"]]
        return got

    def __getattr__(self, name):
        return getattr(self._collection, name)


def recorded(index: HybridIndex) -> ReadsRecorded:
    index._collection = ReadsRecorded(index._collection)
    return index._collection


def test_a_search_in_one_document_reads_only_its_chunks(indexed):
    path, _ = indexed
    fresh = HybridIndex(path, E5Embeddings())
    reads = recorded(fresh)
    hits = fresh.search("住房公积金", k=6, document="pingding-2023")
    assert hits[0].chunk.text.startswith("平定县教育局")
    assert set(reads.read) == {"pingding-2023"}
    assert len(reads.read) == fresh.count("pingding-2023")
    assert list(fresh._lexical) == ["pingding-2023"]
    fresh.search("三公经费", k=6, document="pingding-2023")  # kept: nothing read again
    assert len(reads.read) == fresh.count("pingding-2023")


def test_a_document_ranks_lexically_as_if_alone_in_the_store(indexed, tmp_path):
    """BM25's statistics are the document's own: its lexical ranking in a store of two
    documents is exactly the ranking it has in a store holding only it."""
    _, shared = indexed
    alone = HybridIndex(tmp_path / "alone", E5Embeddings())
    alone.replace_document("yangquan-2023", build_chunks(make_doc()))
    for query in ("2060101", "住房公积金", "什么是三公经费", "上年结转", "科学技术支出合计", "行政运行基本支出"):
        ranked = _lexical_search(shared._lexical_indexes(["yangquan-2023"]), query, 40)
        assert ranked and ranked == _lexical_search(alone._lexical_indexes(["yangquan-2023"]), query, 40)


def test_a_search_without_a_document_reads_only_the_documents_of_its_dense_candidates(chroma_location):
    index = HybridIndex(chroma_location, E5Embeddings())
    index.replace_document("yangquan-2023", build_chunks(make_doc()))
    index.replace_document("pingding-2023", build_chunks(make_doc("pingding-2023", "平定县教育局")))
    reader = HybridIndex(chroma_location, E5Embeddings())
    reader.pool = 1  # the nearest chunk only: one document's
    reads = recorded(reader)
    [(_, nearest)] = reader._dense("科学技术支出", 1, None)
    hits = reader.search("科学技术支出", k=1)
    assert {h.chunk.document for h in hits} == {nearest["document"]}
    assert set(reads.read) == {nearest["document"]}
    assert len(reads.read) == reader.count(nearest["document"])
    reader.pool = 40  # every chunk: both documents, ranked lexically together
    assert {h.chunk.document for h in reader.search("住房公积金", k=6)} == {"yangquan-2023", "pingding-2023"}


def test_reingesting_a_document_renews_what_other_processes_keep(chroma_location):
    """A reader keeps each document's lexical index while nothing is written; another index's
    unchanged re-ingest writes nothing and keeps it; a changed one is seen by the next search,
    in that document (the other keeps its own, see below)."""
    writer = HybridIndex(chroma_location, E5Embeddings())
    doc, other = make_doc(), make_doc("pingding-2023", "平定县教育局")
    writer.replace_document(doc.doc_id, build_chunks(doc))
    writer.replace_document(other.doc_id, build_chunks(other))
    reader = HybridIndex(chroma_location, E5Embeddings())
    reads = recorded(reader)
    assert "合计10,259.20万元" in reader.search("2060101", k=1, document=doc.doc_id)[0].chunk.text
    assert reader.search("2060101", k=1, document=other.doc_id)[0].chunk.document == other.doc_id
    assert len(reads.read) == writer.count()

    assert writer.replace_document(doc.doc_id, build_chunks(doc)).unchanged
    reader.search("2060101", k=1, document=doc.doc_id)
    assert len(reads.read) == writer.count()  # nothing written, nothing read again

    doc.tables[0].rows[2].values["合计"] = D("9999.99")
    writer.replace_document(doc.doc_id, build_chunks(doc))
    reads.read.clear()
    assert "合计9,999.99万元" in reader.search("2060101", k=1, document=doc.doc_id)[0].chunk.text
    assert set(reads.read) == {doc.doc_id}
    assert reader.search("2060101", k=1, document=other.doc_id)[0].chunk.text.startswith("平定县教育局")

    writer.remove_document(doc.doc_id)
    assert reader.search("2060101", document=doc.doc_id) == []
    assert reader.search("2060101", k=1, document=other.doc_id)[0].chunk.document == other.doc_id


def test_only_the_documents_searched_last_are_kept(indexed):
    path, _ = indexed
    reader = HybridIndex(path, E5Embeddings())
    reader.LEXICAL_CACHE_DOCUMENTS = 1
    reads = recorded(reader)
    first = reader.search("2060101", k=3, document="yangquan-2023")
    reader.search("2060101", k=3, document="pingding-2023")
    assert list(reader._lexical) == ["pingding-2023"]
    again = reader.search("2060101", k=3, document="yangquan-2023")  # read again, ranked alike
    assert [h.chunk.id for h in again] == [h.chunk.id for h in first]
    assert reads.read.count("yangquan-2023") == 2 * reader.count("yangquan-2023")
    assert list(reader._lexical) == ["yangquan-2023"]


def test_a_write_of_one_document_keeps_every_other_documents_lexical_index(chroma_location):
    """A write stamps its document's revision only: the writer and every other process build
    that document's lexical index again on their next search in it, and keep the others'."""
    writer = HybridIndex(chroma_location, E5Embeddings())
    doc, other = make_doc(), make_doc("pingding-2023", "平定县教育局")
    writer.replace_document(doc.doc_id, build_chunks(doc))
    writer.replace_document(other.doc_id, build_chunks(other))
    reader = HybridIndex(chroma_location, E5Embeddings())
    for index in (reader, writer):
        index.search("2060101", k=1, document=doc.doc_id)
        index.search("2060101", k=1, document=other.doc_id)
    reads, writer_reads = recorded(reader), recorded(writer)

    doc.tables[0].rows[2].values["合计"] = D("9999.99")
    writer.replace_document(doc.doc_id, build_chunks(doc))
    writer_reads.read.clear()  # what the write itself read of the old chunks
    for index, read in ((reader, reads), (writer, writer_reads)):
        assert index.search("2060101", k=1, document=other.doc_id)[0].chunk.text.startswith("平定县教育局")
        assert read.read == []  # the other document's index was kept
        assert "合计9,999.99万元" in index.search("2060101", k=1, document=doc.doc_id)[0].chunk.text
        assert set(read.read) == {doc.doc_id} and len(read.read) == writer.count(doc.doc_id)
        assert list(index._lexical) == [other.doc_id, doc.doc_id]

    reads.read.clear()
    writer.remove_document(doc.doc_id)
    assert reader.search("2060101", document=doc.doc_id) == []
    assert reader.search("2060101", k=1, document=other.doc_id)[0].chunk.document == other.doc_id
    assert set(reads.read) == set()  # the removed document has no chunks to read; the other was kept


def test_a_search_in_one_document_ranks_its_stored_vectors_as_the_collection_does(indexed):
    """Within one document the vectors kept with its lexical index are ranked in memory, by
    cosine over every chunk: the same order the collection's cosine search gives, and no query
    sent to the collection."""
    path, _ = indexed
    fresh = HybridIndex(path, E5Embeddings())
    kept = fresh._lexical_indexes(["yangquan-2023"])[0]
    assert kept.vectors is not None and kept.vectors.shape == (len(kept.ids), 384)
    for question in ("住房公积金是多少", "什么是三公经费", "智慧教育平台项目"):
        vector = fresh.embeddings.embed_query(question)
        n = len(kept.ids)
        by_collection = fresh._collection.query(query_embeddings=[vector], n_results=n,
                                                where={"document": "yangquan-2023"})["ids"][0]
        assert kept.nearest(vector, n)[:5] == by_collection[:5], question

    class NoQueries:
        def __init__(self, collection):
            self._collection = collection

        def query(self, *args, **kwargs):
            raise AssertionError("a search within one document asked the collection")

        def __getattr__(self, name):
            return getattr(self._collection, name)

    fresh._collection = NoQueries(fresh._collection)
    assert fresh.search("住房公积金", k=6, document="yangquan-2023")
