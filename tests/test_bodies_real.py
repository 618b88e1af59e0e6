"""The place, level and aliases of every body in ``../shared/corpus-real/MANIFEST.tsv``, read
from its name and checked against the manifest's body, province and city columns (under CI a
missing corpus is an error, not a skip)."""

from __future__ import annotations

import os

import pytest

from budgetqa.documents import list_documents
from budgetqa.parsing.bodies import describe_body
from budgetqa.store import DocumentInfo

from corpus_real import CORPUS_REAL, check_body, expected_body, manifest

if not CORPUS_REAL.exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"CI must have the real corpus at {CORPUS_REAL}")
    pytest.skip(f"{CORPUS_REAL} is not here", allow_module_level=True)

MANIFEST = manifest()


@pytest.mark.parametrize("entry", MANIFEST, ids=[m["file"] for m in MANIFEST])
def test_place_level_and_aliases_of_every_body_in_the_manifest(entry):
    check_body(entry["body"], entry)


@pytest.mark.parametrize("entry", MANIFEST, ids=[m["file"] for m in MANIFEST])
def test_every_alias_finds_its_document_in_a_store_of_the_whole_corpus(entry):
    infos = [DocumentInfo(m["file"], m["body"], m["body"], int(m["year"]), "预算", "部门", m["file"], "", "pdf", "")
             for m in MANIFEST]
    for alias in describe_body(entry["body"]).aliases:
        assert entry["file"] in [d["id"] for d in list_documents(infos, body=alias)], alias
    want = expected_body(entry)
    found = [d["id"] for d in list_documents(infos, place=want["city"] or want["province"])]
    assert entry["file"] in found


def test_the_department_and_its_own_account_are_one_body():
    by_file = {m["file"]: describe_body(m["body"]).body for m in MANIFEST}
    assert by_file["quanzhou-gov-office-2026-budget.pdf"] == by_file["quanzhou-gov-office-2026-unit-budget.pdf"]
    assert by_file["beijing-stats-2026-budget-narrative.pdf"] == by_file["beijing-stats-2026-budget-tables.pdf"]
