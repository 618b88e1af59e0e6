"""The domain model: what the parser produces, the store keeps and the answerer returns.

Every figure carries its provenance as data (document, table, row, column, line, page).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

# Unit factors to 元.
UNIT_FACTORS: dict[str, Decimal] = {
    "元": Decimal(1),
    "万元": Decimal(10_000),
    "亿元": Decimal(100_000_000),
}


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """Convert a money amount between 元, 万元 and 亿元 (exact decimal arithmetic)."""
    if from_unit == to_unit:
        return value
    return value * UNIT_FACTORS[from_unit] / UNIT_FACTORS[to_unit]


@dataclass(frozen=True)
class Provenance:
    """Where one figure was printed: a cell of a table, or a line of a form or narrative."""

    document: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    line: int | None = None
    page: int | None = None
    code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"document": self.document, "table": self.table, "row": self.row,
             "column": self.column, "line": self.line}
        if self.page is not None:
            d["page"] = self.page
        if self.code:
            d["code"] = self.code
        return d


# ---------------------------------------------------------------- parsed document


@dataclass
class Row:
    """One table row. ``values`` maps a column name to its amount; ``None`` is a blank cell
    (distinct from a printed 0.00)."""

    label: str
    values: dict[str, Decimal | None]
    line: int
    code: str | None = None
    label2: str | None = None  # secondary label, e.g. the 政府预算经济科目 of a ledger row
    side: str | None = None  # '收入' / '支出' in two-sided summary tables
    texts: dict[str, str] = field(default_factory=dict)  # non-numeric cells by column
    page: int | None = None


@dataclass
class Table:
    """A standard budget table, recognised by its title. ``kind`` is a canonical key from
    :mod:`budgetqa.parsing.templates`; ``title`` is the printed title."""

    kind: str
    title: str
    unit: str
    columns: list[str]
    rows: list[Row]
    line_start: int
    line_end: int
    empty: bool = False
    note: str | None = None
    page: int | None = None


@dataclass
class Indicator:
    """One performance indicator row of a 绩效目标申报表."""

    period: str  # '实施期' | '年度'
    level1: str
    level2: str
    level3: str
    value: str
    line: int


@dataclass
class FormVariant:
    """One printed copy of a project form (the seed prints one form four times)."""

    line_start: int
    line_end: int
    fields: dict[str, str]
    indicator_count: int


@dataclass
class ProjectForm:
    """A 项目支出绩效目标申报表, merged over its printed copies. Amounts are in ``unit`` (元)."""

    project: str
    fields: dict[str, str]
    field_lines: dict[str, int]
    amounts: dict[str, Decimal | None]
    amount_lines: dict[str, int]
    indicators: list[Indicator]
    line_start: int
    line_end: int
    unit: str = "元"
    variants: list[FormVariant] = field(default_factory=list)


@dataclass
class Section:
    """A narrative section under its heading path."""

    path: list[str]
    title: str
    text: str
    line_start: int
    line_end: int
    page: int | None = None


@dataclass
class Definition:
    """A 名词解释 term and its definition."""

    term: str
    text: str
    line: int


@dataclass
class NarrativeFact:
    """A figure stated in prose, e.g. '比上年增加5108.42万元' about '预算收入总计'."""

    subject: str
    measure: str  # e.g. '本年', '比上年增减额', '增减%', '占比', '上年执行数'
    value: Decimal
    unit: str
    line: int
    sentence: str
    page: int | None = None


@dataclass
class ParsedDocument:
    """Everything read from one disclosure."""

    doc_id: str
    path: str
    title: str
    department: str
    year: int
    kind: str  # '预算' | '决算'
    scope: str  # '部门' | '单位'
    content_hash: str
    source_type: str = "text"  # 'text' | 'pdf'
    tables: list[Table] = field(default_factory=list)
    forms: list[ProjectForm] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    facts: list[NarrativeFact] = field(default_factory=list)
    missing_forms: list[str] = field(default_factory=list)  # projects with no form
    # How the metadata was read: field -> page it was found on (None: given by the user).
    evidence: dict[str, int | None] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)  # metadata fields that could not be found
    unread_tables: list[str] = field(default_factory=list)  # recognised titles not read, and why
    pages: int = 0
    # Every printed line (number, text, page), for the audit's checks of wording and form.
    # Not kept in the store: the audit runs on the freshly parsed document.
    lines: list[Any] = field(default_factory=list, repr=False)

    def table(self, kind: str) -> Table | None:
        """The table of this kind: the first with figures (a 目录 can print a title that reads
        as a table), else the first."""
        of_kind = [t for t in self.tables if t.kind == kind]
        return next((t for t in of_kind if not t.empty), of_kind[0] if of_kind else None)


# ---------------------------------------------------------------- answers


@dataclass
class Figure:
    """A figure stated in an answer. ``cells`` lists the source cells of a computed figure."""

    label: str
    value: Decimal
    unit: str
    source: Provenance
    arithmetic: str | None = None
    cells: list[Provenance] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "label": self.label,
            "value": _number(self.value),
            "unit": self.unit,
            "source": self.source.to_dict(),
        }
        if self.arithmetic:
            d["arithmetic"] = self.arithmetic
        if self.cells:
            d["cells"] = [c.to_dict() for c in self.cells]
        return d


@dataclass
class Passage:
    """A retrieved passage of narrative (or a rendered row) used as a source."""

    document: str
    section: str
    line_start: int
    line_end: int
    text: str
    page: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"document": self.document, "section": self.section,
             "line_start": self.line_start, "line_end": self.line_end, "text": self.text}
        if self.page is not None:
            d["page"] = self.page
        return d


@dataclass
class Answer:
    """The one contract every edge (CLI, API, chat, widget) renders."""

    question: str
    text: str
    answerable: bool
    route: str  # 'lookup' | 'computation' | 'retrieval' | 'refusal'
    figures: list[Figure] = field(default_factory=list)
    sources: list[Passage] = field(default_factory=list)
    document: str | None = None
    alternatives: list[str] = field(default_factory=list)  # other documents it could mean

    def to_dict(self) -> dict[str, Any]:
        d = {
            "question": self.question,
            "answer": self.text,
            "answerable": self.answerable,
            "figures": [f.to_dict() for f in self.figures],
            "sources": [s.to_dict() for s in self.sources],
            "route": self.route,
            "document": self.document,
        }
        if self.alternatives:
            d["alternatives"] = self.alternatives
        return d


def _number(value: Decimal) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def as_plain_dict(obj: Any) -> Any:
    """dataclass -> JSON-friendly dict (Decimals as strings)."""
    def fix(v: Any) -> Any:
        if isinstance(v, Decimal):
            return str(v)
        if isinstance(v, dict):
            return {k: fix(x) for k, x in v.items()}
        if isinstance(v, list):
            return [fix(x) for x in v]
        return v
    return fix(asdict(obj))
