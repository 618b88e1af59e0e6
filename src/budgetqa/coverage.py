"""The coverage report: for each ingested document, what was read (body, year, kind, scope and
where each was found; each canonical table with its page and row count; the core totals) and
the audit's verdict, with a summary of how many documents were read and consistent.

A document counts as *read* when at least six of the nine core tables were found, and as
*consistent* when the audit reports no error in the tables' arithmetic (the rules inside and
between tables: a self-test of the reading). What the narrative or the form gets wrong is the
document's own slip, reported by the audit but not counted here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .audit import RULES, Finding
from .model import ParsedDocument, Row, Table
from .parsing.lines import name_key
from .parsing.vocabulary import VOCABULARY

READ_THRESHOLD = 6  # core tables found for a document to count as read


@dataclass
class DocumentCoverage:
    file: str
    doc_id: str
    department: str
    year: int
    kind: str
    scope: str
    evidence: dict[str, int | None]
    unknown: list[str]
    pages: int
    seconds: float
    tables: list[dict[str, Any]]
    core_found: list[str]
    core_missing: list[str]
    unread_tables: list[str]
    totals: dict[str, dict[str, Any]]
    audit: dict[str, int]
    errors: list[str] = field(default_factory=list)
    table_errors: int = 0
    forms: int = 0  # performance-target forms read (项目 or 部门整体 绩效目标表)
    indicators: int = 0  # their indicator rows

    @property
    def read(self) -> bool:
        return len(self.core_found) >= READ_THRESHOLD

    @property
    def consistent(self) -> bool:
        return self.table_errors == 0

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["read"], d["consistent"] = self.read, self.consistent
        return d


def document_coverage(doc: ParsedDocument, findings: list[Finding], seconds: float,
                      file: str | None = None) -> DocumentCoverage:
    core = VOCABULARY.core_kinds
    kinds = {t.kind for t in doc.tables}
    audit: dict[str, int] = {}
    for f in findings:
        audit[f.severity] = audit.get(f.severity, 0) + 1
    return DocumentCoverage(
        file=file or doc.path, doc_id=doc.doc_id, department=doc.department, year=doc.year,
        kind=doc.kind, scope=doc.scope, evidence=doc.evidence, unknown=doc.unknown,
        pages=doc.pages, seconds=round(seconds, 2),
        tables=[{"kind": t.kind, "title": t.title, "page": t.page, "rows": len(t.rows),
                 "unit": t.unit, "empty": t.empty} for t in doc.tables],
        core_found=[k for k in core if k in kinds],
        core_missing=[VOCABULARY.by_kind[k].name for k in core if k not in kinds],
        unread_tables=doc.unread_tables, totals=core_totals(doc), audit=audit,
        errors=[f.message for f in findings if f.severity == "error"][:20],
        table_errors=sum(1 for f in findings if f.severity == "error" and _TABLE_RULE.get(f.rule)),
        forms=len(doc.forms), indicators=sum(len(f.indicators) for f in doc.forms),
    )


# The rules of the tables' arithmetic (inside and between tables).
_TABLE_RULE = {r.id: r.group in ("表内", "表间") for r in RULES}


def _figure(table: Table, row: Row, column: str | None = None) -> dict[str, Any] | None:
    values = [(c, v) for c, v in row.values.items() if v is not None]
    if column is not None:
        values = [(c, v) for c, v in values if c == column]
    if not values:
        return None
    c, v = values[0]
    return {"value": str(v), "unit": table.unit, "table": table.title, "row": row.label,
            "column": c, "page": row.page}


def _row(table: Table | None, labels: tuple[str, ...], side: str | None = None) -> Row | None:
    if table is None:
        return None
    keys = {name_key(x) for x in labels}
    return next((r for r in table.rows if name_key(r.label) in keys
                 and (side is None or r.side in (side, None))), None)


def core_totals(doc: ParsedDocument) -> dict[str, dict[str, Any]]:
    """The totals a reader checks first, each with where it was printed."""
    out: dict[str, dict[str, Any]] = {}
    summary = doc.table("summary")
    for name, labels, side in (("收入总计", ("收入总计", "收入合计", "总计"), "收入"),
                               ("支出总计", ("支出总计", "支出合计", "总计"), "支出")):
        row = _row(summary, labels, side)
        if row is not None and (f := _figure(summary, row)):
            out[name] = f
    expense = doc.table("expense") or doc.table("gp_expense")
    total = _row(expense, ("合计", "总计"))
    for column in ("基本支出", "项目支出"):
        if total is not None and (f := _figure(expense, total, column)):
            out[column] = f
    for kind, name in (("gp_expense", "一般公共预算支出"), ("fiscal_summary", "财政拨款收入")):
        table = doc.table(kind)
        row = _row(table, ("合计", "总计", "收入总计", "本年收入合计"),
                   "收入" if kind == "fiscal_summary" else None)
        if row is not None and (f := _figure(table, row)):
            out[name] = f
    return out


def summary_line(docs: list[DocumentCoverage]) -> str:
    n = len(docs)
    read = sum(d.read for d in docs)
    consistent = sum(d.read and d.consistent for d in docs)
    secs = sum(d.seconds for d in docs)
    pct = (lambda k: f"{100 * k / n:.1f}%") if n else (lambda k: "-")
    forms = sum(d.forms for d in docs)
    return (f"覆盖率：{n} 个文档，读出 {read}（{pct(read)}，≥{READ_THRESHOLD} 张核心表），"
            f"一致 {consistent}（{pct(consistent)}，审计无错误）；"
            f"绩效目标表 {forms} 份（{sum(d.forms > 0 for d in docs)} 个文档，"
            f"{sum(d.indicators for d in docs)} 条指标）；"
            f"共 {secs:.1f} 秒，平均每个 {secs / n if n else 0:.1f} 秒")


def report(docs: list[DocumentCoverage]) -> dict[str, Any]:
    n = len(docs) or 1
    return {
        "documents": [d.to_dict() for d in docs],
        "summary": {
            "documents": len(docs),
            "read": sum(d.read for d in docs),
            "consistent": sum(d.read and d.consistent for d in docs),
            "read_rate": round(sum(d.read for d in docs) / n, 4),
            "consistent_rate": round(sum(d.read and d.consistent for d in docs) / n, 4),
            "forms": sum(d.forms for d in docs),
            "documents_with_forms": sum(d.forms > 0 for d in docs),
            "indicators": sum(d.indicators for d in docs),
            "seconds": round(sum(d.seconds for d in docs), 1),
            "line": summary_line(docs),
        },
    }
