"""The deployment that scales out, end to end: the structured store on a PostgreSQL server and the
search index on a Chroma server (BUDGETQA_DATABASE_URL, BUDGETQA_CHROMA_URL), ingesting the seed
and answering the same questions exactly as the default deployment (an SQLite file and a local
Chroma folder) does: the same text, figures and sources. `.ci/run` starts both servers; under CI
these tests fail rather than skip without them."""

from __future__ import annotations

import pytest

from budgetqa.service import BudgetQA
from budgetqa.settings import Settings

from conftest import ROOT, chroma_database
from test_postgres_service import QUESTIONS


@pytest.fixture
def servers_qa(postgres_url, chroma_server_url, tmp_path):
    with chroma_database(chroma_server_url) as chroma_url:
        settings = Settings(home=tmp_path / "home", corpus=ROOT / "corpus", database_url=postgres_url,
                            chroma_url=chroma_url)
        qa = BudgetQA.open(settings)
        assert qa.store.backend == "postgresql"
        qa.ensure_corpus()
        yield qa
        qa.store.close()


def _answer(qa: BudgetQA, question: str) -> dict:
    a = qa.answer(question).to_dict()
    return {k: a[k] for k in ("answer", "answerable", "route", "figures", "sources")}


def test_postgresql_and_a_chroma_server_answer_as_sqlite_and_a_folder(servers_qa, seed_qa):
    assert servers_qa.settings.chroma_url and not seed_qa.settings.chroma_url
    for question in QUESTIONS:
        assert _answer(servers_qa, question) == _answer(seed_qa, question), question


def test_the_search_index_on_the_server_is_the_one_searched(servers_qa):
    # some of the questions are answered from passages the index on the Chroma server returns
    routes = {q: servers_qa.answer(q).route for q in QUESTIONS}
    assert "retrieval" in routes.values(), routes
