"""What an audit finding is: a rule, a severity, a message and the printed figures it compares.

Every finding carries its evidence as data (:class:`Evidence`: value, unit, page, line, table,
row, column), so a reviewer can open the page and see both figures. Severities, worst first:

- ``error``: two printed figures that cannot both be right;
- ``warning``: wording or form (a placeholder, a doubled 。, a table the 目录 lists but the
  document does not print);
- ``rounding``: a gap of a few cents, as independently rounded totals have;
- ``ok``: a check that holds (listed with ``--all``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..model import Row, Table

SEVERITIES = ("error", "warning", "rounding", "ok")
SEVERITY_NAMES = {"error": "错误", "warning": "提示", "rounding": "尾差", "ok": "通过"}


@dataclass(frozen=True)
class Evidence:
    """One printed figure (or passage) a finding rests on, with where it is printed."""

    value: Decimal | None = None
    unit: str | None = None
    page: int | None = None
    line: int | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    text: str | None = None  # the sentence or words, for a narrative or form finding

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"value": None if self.value is None else str(self.value),
                             "unit": self.unit, "page": self.page, "line": self.line,
                             "table": self.table, "row": self.row, "column": self.column}
        if self.text:
            d["text"] = self.text
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Evidence":
        return cls(value=None if d.get("value") is None else Decimal(d["value"]),
                   unit=d.get("unit"), page=d.get("page"), line=d.get("line"),
                   table=d.get("table"), row=d.get("row"), column=d.get("column"),
                   text=d.get("text"))


def cell(t: Table, r: Row, column: str) -> Evidence:
    """The evidence of one table cell (a blank cell reads as 0)."""
    label = f"{r.code} {r.label}" if r.code else r.label
    if r.label2:
        label += f"/{r.label2}"
    return Evidence(r.values.get(column) or Decimal(0), t.unit, r.page or t.page, r.line,
                    t.title, label, column)


@dataclass
class Finding:
    """One result of one rule. ``expected`` is what the parts give, ``actual`` what is printed."""

    rule: str
    severity: str
    message: str
    figures: list[Evidence] = field(default_factory=list)
    expected: Decimal | None = None
    actual: Decimal | None = None

    @property
    def check(self) -> str:  # the name earlier versions used
        return self.rule

    @property
    def lines(self) -> list[int]:
        return sorted({e.line for e in self.figures if e.line is not None})

    @property
    def pages(self) -> list[int]:
        return sorted({e.page for e in self.figures if e.page is not None})

    def to_dict(self, document: str | None = None) -> dict[str, Any]:
        d: dict[str, Any] = {}
        if document is not None:
            d["document"] = document
        d.update({"severity": self.severity, "rule": self.rule, "message": self.message,
                  "figures": [e.to_dict() for e in self.figures]})
        if self.expected is not None:
            d["expected"] = str(self.expected)
        if self.actual is not None:
            d["actual"] = str(self.actual)
        return d


def tolerance(unit: str | None) -> Decimal:
    """The gap that is rounding, not error: a few cents whatever the unit."""
    return Decimal("0.05") if unit == "万元" else (Decimal("0.0005") if unit == "亿元" else Decimal("5"))


def compare(rule: str, what: str, parts: list[Evidence], printed: Evidence | None,
            unit: str) -> Finding | None:
    """Parts that should add up to a printed whole: ok, rounding or error, with the evidence of
    every figure. No finding when nothing is printed on either side."""
    values = [p.value or Decimal(0) for p in parts]
    if (printed is None or printed.value is None) and not any(values):
        return None
    total = sum(values, Decimal(0))
    printed_v = printed.value if printed is not None and printed.value is not None else Decimal(0)
    diff = total - printed_v
    if diff == 0:
        sev, msg = "ok", f"{what}：各项相加 {total} {unit}，与印出的 {printed_v} {unit} 一致"
    elif abs(diff) <= tolerance(unit):
        sev, msg = "rounding", (f"{what}：各项相加 {total} {unit}，印出 {printed_v} {unit}，"
                                f"相差 {diff} {unit}（四舍五入差异）")
    else:
        sev, msg = "error", (f"{what}：各项相加 {total} {unit}，但印出 {printed_v} {unit}，"
                             f"相差 {diff} {unit}")
    evidence = ([printed] if printed is not None else []) + parts
    return Finding(rule, sev, msg, evidence, total, printed_v)
