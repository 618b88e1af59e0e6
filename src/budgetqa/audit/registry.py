"""The audit's rules in one registry: each a small unit with a stable id, the test of when it
applies and the check itself. ``audit(doc)`` runs every rule that applies, in the order they
are registered; the README's rule table is generated from this list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ..model import ParsedDocument
from .findings import Finding


@dataclass(frozen=True)
class Rule:
    id: str  # stable: reviewers and scripts filter on it
    group: str  # 表内 | 表间 | 文字与表 | 完整与格式
    title: str  # what it checks, in the reviewer's words
    applies: Callable[[ParsedDocument], bool]
    check: Callable[[ParsedDocument], Iterable[Finding | None]]


RULES: list[Rule] = []


def rule(id: str, group: str, title: str,
         applies: Callable[[ParsedDocument], bool] = lambda doc: True):
    """Register ``check`` as the rule ``id``."""
    def register(check: Callable[[ParsedDocument], Iterable[Finding | None]]):
        if any(r.id == id for r in RULES):
            raise ValueError(f"rule {id} registered twice")
        RULES.append(Rule(id, group, title, applies, check))
        return check
    return register


def run(doc: ParsedDocument, rules: Iterable[Rule] | None = None) -> list[Finding]:
    out: list[Finding] = []
    for r in RULES if rules is None else rules:
        if r.applies(doc):
            out.extend(f for f in r.check(doc) if f is not None)
    return out


def rule_table() -> str:
    """The README's rule table, from the registry (``python -m budgetqa.audit``)."""
    from . import RULES as registered  # importing the package registers every rule

    rows = ["| 规则 | 类别 | 检查什么 |", "|---|---|---|"]
    rows += [f"| `{r.id}` | {r.group} | {r.title} |" for r in registered]
    return "\n".join(rows)
