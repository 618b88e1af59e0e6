"""Shared fixtures: every data directory points at a temp path; the seed is parsed once and
ingested once (embedding included) per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "yangquan-bigdata-bureau-2023-budget.txt"
sys.path.insert(0, str(Path(__file__).resolve().parent))  # `import builders`


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("BUDGETQA_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("BUDGETQA_CORPUS", str(ROOT / "corpus"))


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
