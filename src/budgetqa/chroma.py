"""Where the vector index lives: a local Chroma folder (the default) or a Chroma server
(``BUDGETQA_CHROMA_URL``), and the one place a server that cannot be reached becomes a domain error.

Example::

    from budgetqa.chroma import open_client

    client = open_client(Path(".budgetqa/chroma"))           # chromadb.PersistentClient
    client = open_client("http://localhost:8000")             # chromadb.HttpClient, default database
    client = open_client("http://localhost:8000/budgetqa")    # ... in the database "budgetqa"
"""

from __future__ import annotations

import logging
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import IndexUnavailableError

log = logging.getLogger("budgetqa.chroma")

DEFAULT_DATABASE = "default_database"  # chromadb's own default
# Chroma's rule for database names: 3-512 of [a-zA-Z0-9._-], starting and ending alphanumeric.
_DATABASE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{1,510})[A-Za-z0-9]")
# How long opening the index waits for the server's heartbeat. Chroma's own HTTP client has no
# timeout at all, so without this a host that drops packets would hang the app's start.
HEARTBEAT_SECONDS = 5.0


@dataclass(frozen=True)
class ChromaServer:
    """A Chroma server address: ``http[s]://host[:port][/database]``.

    >>> ChromaServer.parse("http://localhost:8000/budgetqa").database
    'budgetqa'
    """

    scheme: str
    host: str
    port: int
    database: str = DEFAULT_DATABASE

    @classmethod
    def parse(cls, url: str) -> "ChromaServer":
        """Raises ValueError (in Chinese, for the settings message) for anything else."""
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"“{url}” 不是 Chroma 服务器地址（要写 http:// 或 https:// 开头）")
        if parts.query or parts.fragment or parts.username:
            raise ValueError(f"“{url}” 只能写 http://主机:端口，后面可以再加 /数据库名")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 8000)
        except ValueError:
            raise ValueError(f"“{url}” 的端口不对") from None
        database = parts.path.strip("/") or DEFAULT_DATABASE
        if not _DATABASE.fullmatch(database):
            raise ValueError(f"“{database}” 不是 Chroma 数据库名（3 个以上字母、数字、._-）")
        host = parts.hostname.lower()
        return cls(parts.scheme, host, port, database)

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"

    def __str__(self) -> str:
        path = "" if self.database == DEFAULT_DATABASE else f"/{self.database}"
        return self.base_url + path


def is_server(location: Path | str) -> bool:
    """Is ``location`` a server URL (rather than a folder)?"""
    return isinstance(location, str) and location.strip().lower().startswith(("http://", "https://"))


# Said to whoever asked (API client, chat user) when the server stops answering while serving:
# not the server's address, which is the operator's business.
GONE = "检索索引暂时不可用（连不上 Chroma 服务器），请稍后再试"


def unavailable(server: ChromaServer | str, why: Any) -> IndexUnavailableError:
    """The one-line error for a server that does not answer when the index is opened (said
    to the operator starting the app or the command line: the address and what to do)."""
    reason = str(why).strip().splitlines()[0] if str(why).strip() else type(why).__name__
    return IndexUnavailableError(
        f"连不上保存检索索引的 Chroma 服务器 {server}（BUDGETQA_CHROMA_URL）：{reason}。"
        f"请确认服务器已启动（chroma run --path 目录 --port 端口）且地址正确")


def heartbeat(server: ChromaServer, timeout: float | None = None) -> None:
    """Raise :class:`IndexUnavailableError` unless the server answers its heartbeat within
    ``timeout`` seconds (default :data:`HEARTBEAT_SECONDS`)."""
    url = f"{server.base_url}/api/v2/heartbeat"
    try:
        with urllib.request.urlopen(url, timeout=timeout or HEARTBEAT_SECONDS) as r:
            r.read()
    except urllib.error.HTTPError as e:
        raise unavailable(server, f"心跳检查返回 HTTP {e.code}") from None
    except (urllib.error.URLError, OSError) as e:
        raise unavailable(server, getattr(e, "reason", e)) from None


def open_client(location: Path | str) -> Any:
    """A chromadb client for a folder (created if missing) or a server URL (its database created
    if missing). Telemetry is off either way. Raises :class:`IndexUnavailableError` when the
    server does not answer."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if not is_server(location):
        Path(location).mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(location), settings=settings)
    server = ChromaServer.parse(str(location))
    heartbeat(server)
    with translated(server):
        _ensure_database(server)
        client = chromadb.HttpClient(host=server.host, port=server.port, ssl=server.scheme == "https",
                                     database=server.database, settings=settings)
    return Translating(client, server)


def _ensure_database(server: ChromaServer) -> None:
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from chromadb.errors import NotFoundError

    if server.database == DEFAULT_DATABASE:
        return
    admin = chromadb.AdminClient(ChromaSettings(
        chroma_api_impl="chromadb.api.fastapi.FastAPI", chroma_server_host=server.host,
        chroma_server_http_port=server.port, chroma_server_ssl_enabled=server.scheme == "https",
        anonymized_telemetry=False))
    try:
        admin.get_database(server.database)
    except NotFoundError:
        try:
            admin.create_database(server.database)
        except Exception:  # another process created it first
            admin.get_database(server.database)


class translated:
    """Context manager: a transport failure talking to ``server`` becomes
    :class:`IndexUnavailableError` (chromadb lets httpx's errors through as they are); with
    ``serving``, the message is :data:`GONE`, without the address."""

    def __init__(self, server: ChromaServer | str, serving: bool = False) -> None:
        self.server = server
        self.serving = serving

    def __enter__(self) -> "translated":
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        if error is None:
            return False
        import httpx

        if isinstance(error, httpx.TransportError) or (
                isinstance(error, ValueError) and "Could not connect" in str(error)):
            if self.serving:
                log.warning("Chroma server %s does not answer: %s", self.server, error)
                raise IndexUnavailableError(GONE) from None
            raise unavailable(self.server, error) from None
        return False


class Translating:
    """A chromadb client or collection on a server whose every call translates transport
    failures (see :class:`translated`); a collection a call returns is wrapped too, and
    attributes that are not methods pass through."""

    def __init__(self, target: Any, server: ChromaServer) -> None:
        self._target = target
        self._server = server

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._target, name)
        if not callable(attribute):
            return attribute

        def call(*args: Any, **kwargs: Any) -> Any:
            from chromadb.api.models.Collection import Collection

            with translated(self._server, serving=True):
                result = attribute(*args, **kwargs)
            return Translating(result, self._server) if isinstance(result, Collection) else result

        return call
