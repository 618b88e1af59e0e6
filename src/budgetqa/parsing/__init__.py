"""Parsing disclosures (text and PDF) into :class:`budgetqa.model.ParsedDocument`."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """A digest of the parser's own source, so a new parser re-reads unchanged files."""
    h = hashlib.sha256()
    for f in sorted(Path(__file__).parent.glob("*.py")):
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def content_hash(data: bytes) -> str:
    """The identity of a parsed file: its bytes and the parser that read them."""
    return hashlib.sha256(data + parser_fingerprint().encode()).hexdigest()
