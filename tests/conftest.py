"""Shared fixtures: every data directory points at a temp path; the seed is parsed once and
ingested once (embedding included) per session; a store's tests run on SQLite and on PostgreSQL
(a schema of their own on the server of BUDGETQA_TEST_DATABASE_URL)."""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "yangquan-bigdata-bureau-2023-budget.txt"
sys.path.insert(0, str(Path(__file__).resolve().parent))  # `import builders`


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("BUDGETQA_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BUDGETQA_CORPUS", str(ROOT / "corpus"))
    monkeypatch.delenv("BUDGETQA_DATABASE_URL", raising=False)  # never a developer's own server


@pytest.fixture(scope="session")
def seed_doc():
    from budgetqa.parsing.document import parse_path

    return parse_path(SEED)


@pytest.fixture(scope="session")
def seed_qa(tmp_path_factory):
    """A service over a store holding the seed, with the real embedded index."""
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings

    home = tmp_path_factory.mktemp("seedhome")
    settings = Settings(home=home, corpus=ROOT / "corpus")
    qa = BudgetQA.open(settings)
    qa.ensure_corpus()
    return qa


# ---------------------------------------------------------------- PostgreSQL

TEST_DATABASE_URL = "BUDGETQA_TEST_DATABASE_URL"


def _no_postgres(reason: str):
    """Locally the PostgreSQL tests skip; under CI (where .ci/run starts the server) they fail."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the PostgreSQL tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The URL of the test server (``bash .ci/postgres`` prints one), checked once."""
    url = os.environ.get(TEST_DATABASE_URL, "")
    if not url:
        _no_postgres(f"{TEST_DATABASE_URL} is not set: "
                     f"export {TEST_DATABASE_URL}=\"$(bash .ci/postgres)\" to run the PostgreSQL tests")
    try:
        import psycopg

        psycopg.connect(url, connect_timeout=5).close()
    except Exception as e:  # ImportError, a bad URL, a server that is down
        _no_postgres(f"no PostgreSQL at {TEST_DATABASE_URL}: {' '.join(str(e).split())}")
    return url


def schema_url(url: str, schema: str) -> str:
    """``url`` with ``schema`` first on the search path, and its connections named after it."""
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}&application_name={schema}"


@pytest.fixture
def postgres_url(postgres_server):
    """A URL whose store lives in a schema of its own, dropped (its connections ended) afterwards."""
    import psycopg

    schema = f"budgetqa_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    yield schema_url(postgres_server, schema)
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
                      (schema,))
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request, tmp_path):
    """Where a test's store lives: an SQLite file, then (the same test again) a PostgreSQL schema."""
    if request.param == "sqlite":
        return tmp_path / "store.sqlite3"
    return request.getfixturevalue("postgres_url")
