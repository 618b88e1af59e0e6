"""The server's warm-up: before the first request, what the first question that searches the index
needs is loaded (jieba, the embedding model, Chroma's vector index, and the lexical index of a
store's only document), so that question does not pay for it; with several documents, no
document's lexical index is built ahead of its first search."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetqa.index import HybridIndex
from budgetqa.server import open_service
from budgetqa.service import BudgetQA
from budgetqa.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SEED_ID = "yangquan-bigdata-bureau-2023-budget"
SEARCHED = "单位在信息化建设方面有哪些打算"  # answered by a search in the seed's index


class ReadsRecorded:
    """The real Chroma collection, recording what its ``get`` reads back with text (building a
    lexical index) and every vector query."""

    def __init__(self, collection) -> None:
        self._collection = collection
        self.read: list[str] = []
        self.queries = 0

    def query(self, *args, **kwargs):
        self.queries += 1
        return self._collection.query(*args, **kwargs)

    def get(self, *args, **kwargs):
        got = self._collection.get(*args, **kwargs)
        if "documents" in (kwargs.get("include") or []):
            self.read += [str(m["document"]) for m in got["metadatas"]]
        return got

    def __getattr__(self, name):
        return getattr(self._collection, name)


@pytest.fixture
def warm_ups(monkeypatch):
    """The documents each HybridIndex.warm_up was asked to build (the real warm-up runs)."""
    calls: list[list[str]] = []
    real = HybridIndex.warm_up
    monkeypatch.setattr(HybridIndex, "warm_up", lambda self, documents=(): calls.append(list(documents))
                        or real(self, documents))
    return calls


def test_after_warm_up_the_first_search_reads_nothing_back(seed_qa, warm_ups):
    qa = open_service(seed_qa.settings)  # the seed's store, opened afresh as the server does
    assert warm_ups == [[SEED_ID]]
    assert list(qa.index._lexical) == [SEED_ID]
    reads = qa.index._collection = ReadsRecorded(qa.index._collection)
    a = qa.answer(SEARCHED)
    assert a.route == "retrieval" and a.sources, a.text
    # it searched, all in memory: the lexical index and the document's vectors were there, so
    # nothing is read back and no query is sent to the collection
    assert reads.queries == 0 and reads.read == []


@pytest.fixture(scope="module")
def two_documents(tmp_path_factory):
    home = tmp_path_factory.mktemp("two-documents")
    settings = Settings(home=home, corpus=ROOT / "corpus")
    BudgetQA.open(settings).ingest([ROOT / "corpus", ROOT / "tests" / "data" / "mof-county-education-2025-budget.txt"])
    return settings


def test_with_several_documents_only_the_shared_parts_are_warmed(two_documents, warm_ups):
    qa = open_service(two_documents)
    assert warm_ups == [[]]  # jieba, the model and Chroma's vector index, no document's lexical index
    assert list(qa.index._lexical) == []
    reads = qa.index._collection = ReadsRecorded(qa.index._collection)
    qa.answer(SEARCHED, document=SEED_ID)
    assert set(reads.read) == {SEED_ID}  # built on the first search in it, and only its own
