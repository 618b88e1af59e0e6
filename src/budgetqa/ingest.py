"""Ingestion: files -> parsed documents -> audit -> store + search index.

All files are parsed before anything is written, so one bad file leaves the store as it was.
An identical file (same content hash) is skipped; a changed one replaces its rows.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .audit import audit
from .errors import IngestError, NotADisclosureError
from .model import ParsedDocument
from .parsing.document import SUPPORTED_SUFFIXES, parse_path
from .store import Store

Progress = Callable[[str], None]


@dataclass
class IngestReport:
    documents: int = 0
    unchanged: int = 0
    tables: int = 0
    rows: int = 0
    projects: int = 0
    forms: int = 0
    sections: int = 0
    chunks: int = 0
    findings: int = 0
    findings_by_severity: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    ingested: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in a folder that are not disclosures
    coverage: list = field(default_factory=list)  # DocumentCoverage per parsed document
    warnings: list[str] = field(default_factory=list)  # fields not found, tables not read

    def summary(self) -> str:
        sev = "，".join(f"{_SEVERITY.get(k, k)} {v}" for k, v in sorted(self.findings_by_severity.items()))
        per_doc = self.seconds / self.documents if self.documents else 0.0
        return (f"文档 {self.documents} 个（未变化 {self.unchanged}），表 {self.tables} 张，"
                f"行 {self.rows}，项目 {self.projects}，绩效表 {self.forms}，章节 {self.sections}，"
                f"检索片段 {self.chunks}，审计发现 {self.findings} 条"
                f"{'（' + sev + '）' if sev else ''}；用时 {self.seconds:.1f} 秒"
                f"（每个文档 {per_doc:.1f} 秒）"
                + (f"；跳过 {len(self.skipped)} 个非预算公开文件" if self.skipped else ""))

    def to_dict(self) -> dict:
        d = dict(self.__dict__)
        d["coverage"] = [c.to_dict() for c in self.coverage]
        return d


_SEVERITY = {"error": "错误", "warning": "提醒", "rounding": "四舍五入", "ok": "通过"}
_FIELD_FLAGS = {"department": "--department", "year": "--year", "kind": "--kind",
                "scope": "--scope"}


def discover(paths: list[Path]) -> list[Path]:
    """Files to ingest under the given paths (folders are searched, sorted)."""
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise IngestError("路径不存在 (no such file or directory)", p)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                           and not f.name.startswith("."))
            if not found:
                raise IngestError("文件夹里没有可读取的 .txt/.md/.pdf 文件", p)
            files.extend(found)
        else:
            files.append(p)
    return files


def ingest(paths: list[Path], store: Store, index=None, progress: Progress | None = None,
           overrides: dict[str, object] | None = None,
           on_file: Callable[[int, int, Path], None] | None = None) -> IngestReport:
    """Parse every file, then write each changed document to the store and the index.

    ``overrides`` sets metadata the documents do not print (department, year, kind, scope).
    Files of one disclosure (the same body, year, kind and scope, e.g. its narrative and its
    tables published apart) become one document. ``on_file(i, n, path)`` is called before
    each file is parsed, for a progress bar.
    """
    from .coverage import document_coverage

    say = progress or (lambda s: None)
    started = time.perf_counter()
    report = IngestReport()
    files = discover(paths)
    named = {Path(p).resolve() for p in paths if Path(p).is_file()}
    parsed: list[tuple[ParsedDocument, float]] = []
    for i, f in enumerate(files, 1):
        if on_file is not None:
            on_file(i, len(files), f)
        else:
            say(f"[{i}/{len(files)}] 解析 {f}")
        t0 = time.perf_counter()
        try:
            doc = parse_path(f)
        except NotADisclosureError as e:
            if f.resolve() in named:
                raise  # a file the user named must be a disclosure
            report.skipped.append(str(f))
            say(f"跳过（不是预算公开文件）：{e}")
            continue
        _apply_overrides(doc, overrides or {})
        parsed.append((doc, time.perf_counter() - t0))
    if not parsed:
        raise IngestError("没有找到预算公开文件", files[0] if files else None)
    parsed = merge_parts(parsed)
    ids = [d.doc_id for d, _ in parsed]
    dup = {x for x in ids if ids.count(x) > 1}
    if dup:
        raise IngestError(f"多个文件使用了相同的文档名 {', '.join(sorted(dup))}；请改名", files[0])
    for doc, seconds in parsed:
        for name in doc.unknown:
            report.warnings.append(f"{doc.doc_id}：没有找到{_FIELD_NAMES[name]}，"
                                   f"可用 {_FIELD_FLAGS[name]} 指定")
        for title in doc.unread_tables:
            report.warnings.append(f"{doc.doc_id}：表格未能读取：{title}")
        report.tables += len(doc.tables)
        report.rows += sum(len(t.rows) for t in doc.tables)
        project = doc.table("project")
        report.projects += len([r for r in project.rows if r.label not in ("合计",)]) if project else 0
        report.forms += len(doc.forms)
        report.sections += len(doc.sections)
        findings = audit(doc)
        report.coverage.append(document_coverage(doc, findings, seconds))
        if store.content_hash(doc.doc_id) == doc.content_hash and (index is None or index.count(doc.doc_id)):
            report.unchanged += 1
            report.documents += 1
            store.replace_findings(doc.doc_id, findings)  # the rules may have changed
            report.findings += len(findings)
            if index is not None:
                report.chunks += index.count(doc.doc_id)
            say(f"未变化，跳过 {doc.doc_id}")
            continue
        for f in findings:
            report.findings_by_severity[f.severity] = report.findings_by_severity.get(f.severity, 0) + 1
        report.findings += len(findings)
        if index is not None:
            from .index import build_chunks

            chunks = build_chunks(doc)
            say(f"索引 {doc.doc_id}：{len(chunks)} 个片段（向量化中…）")
            index.replace_document(doc.doc_id, chunks)
            report.chunks += len(chunks)
        store.save(doc, findings)
        report.documents += 1
        report.ingested.append(doc.doc_id)
        say(f"已入库 {doc.doc_id}：{doc.department} {doc.year}年{doc.scope}{doc.kind}")
    report.seconds = time.perf_counter() - started
    return report


_FIELD_NAMES = {"department": "部门（单位）名称", "year": "年度", "kind": "类型（预算/决算）",
                "scope": "范围（部门/单位）"}


def _apply_overrides(doc: ParsedDocument, overrides: dict[str, object]) -> None:
    for name, value in overrides.items():
        if value:
            setattr(doc, name, value)
            doc.evidence[name] = None
            if name in doc.unknown:
                doc.unknown.remove(name)
    if any(overrides.values()):
        doc.title = f"{doc.department}{doc.year}年{doc.scope}{doc.kind}"


def merge_parts(parsed: list[tuple[ParsedDocument, float]]) -> list[tuple[ParsedDocument, float]]:
    """Join the files of one disclosure: documents of the same body, year, kind and scope,
    one with tables and one without (a narrative published apart), become one document."""
    out: list[tuple[ParsedDocument, float]] = []
    for doc, seconds in parsed:
        partner = next((k for k, (d, _) in enumerate(out) if _same_disclosure(d, doc)), None)
        if partner is None:
            out.append((doc, seconds))
            continue
        first, s0 = out[partner]
        out[partner] = (_merge(first, doc), s0 + seconds)
    return out


def _same_disclosure(a: ParsedDocument, b: ParsedDocument) -> bool:
    return (a.department == b.department and a.year == b.year and a.kind == b.kind
            and a.scope == b.scope and "department" not in a.unknown
            and bool(a.tables) != bool(b.tables))


def _merge(a: ParsedDocument, b: ParsedDocument) -> ParsedDocument:
    import hashlib
    import os

    tables, text = (a, b) if a.tables else (b, a)
    stem = os.path.commonprefix([a.doc_id, b.doc_id]).rstrip("-_ .") or tables.doc_id
    merged = tables
    merged.doc_id = stem
    merged.path = f"{tables.path} + {text.path}"
    merged.sections = text.sections + tables.sections
    merged.definitions = text.definitions + tables.definitions
    merged.facts = text.facts + tables.facts
    merged.pages = a.pages + b.pages
    merged.lines = text.lines + tables.lines
    merged.content_hash = hashlib.sha256((a.content_hash + b.content_hash).encode()).hexdigest()
    merged.evidence = {**tables.evidence, **{k: v for k, v in text.evidence.items() if v}}
    return merged
