"""The audit: what a disclosure says, checked against itself. A feature for staff who review a
draft and for citizens who read the published one, and a self-test for the parser.

Rules live in one registry (:mod:`.registry`), grouped by module: inside a table
(:mod:`.tables`), between tables (:mod:`.cross`), the narrative against the tables
(:mod:`.narrative`), completeness and form (:mod:`.completeness`). Each finding names its rule, its severity
and the printed figures it compares, with their pages and lines (:mod:`.findings`).
"""

from __future__ import annotations

from ..model import ParsedDocument
# Registered in this order: inside tables, between tables, narrative, completeness and form.
from . import tables, cross, narrative, completeness  # noqa: F401,I001  (registers the rules)
from .findings import SEVERITIES, SEVERITY_NAMES, Evidence, Finding
from .registry import RULES, Rule, run

__all__ = ["audit", "Evidence", "Finding", "RULES", "Rule", "SEVERITIES", "SEVERITY_NAMES"]


def audit(doc: ParsedDocument) -> list[Finding]:
    """Every finding of every rule that applies to ``doc``, in rule order."""
    return run(doc)
