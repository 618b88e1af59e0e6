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

    def summary(self) -> str:
        sev = ", ".join(f"{k} {v}" for k, v in sorted(self.findings_by_severity.items()))
        return (f"documents {self.documents} (unchanged {self.unchanged}), tables {self.tables}, "
                f"rows {self.rows}, projects {self.projects}, forms {self.forms}, "
                f"sections {self.sections}, chunks {self.chunks}, audit findings {self.findings}"
                f"{' (' + sev + ')' if sev else ''}, {self.seconds:.1f} s"
                + (f"; skipped {len(self.skipped)} non-disclosure file(s)" if self.skipped else ""))

    def to_dict(self) -> dict:
        return dict(self.__dict__)


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


def ingest(paths: list[Path], store: Store, index=None, progress: Progress | None = None) -> IngestReport:
    """Parse every file, then write each changed document to the store and the index."""
    say = progress or (lambda s: None)
    started = time.perf_counter()
    report = IngestReport()
    files = discover(paths)
    named = {Path(p).resolve() for p in paths if Path(p).is_file()}
    parsed: list[ParsedDocument] = []
    for i, f in enumerate(files, 1):
        say(f"[{i}/{len(files)}] 解析 {f}")
        try:
            parsed.append(parse_path(f))
        except NotADisclosureError as e:
            if f.resolve() in named:
                raise  # a file the user named must be a disclosure
            report.skipped.append(str(f))
            say(f"跳过（不是预算公开文件）：{e}")
    if not parsed:
        raise IngestError("没有找到预算公开文件", files[0] if files else None)
    ids = [d.doc_id for d in parsed]
    dup = {x for x in ids if ids.count(x) > 1}
    if dup:
        raise IngestError(f"多个文件使用了相同的文档名 {', '.join(sorted(dup))}；请改名", files[0])
    for doc in parsed:
        report.tables += len(doc.tables)
        report.rows += sum(len(t.rows) for t in doc.tables)
        project = doc.table("project")
        report.projects += len([r for r in project.rows if r.label not in ("合计",)]) if project else 0
        report.forms += len(doc.forms)
        report.sections += len(doc.sections)
        if store.content_hash(doc.doc_id) == doc.content_hash and (index is None or index.count(doc.doc_id)):
            report.unchanged += 1
            report.documents += 1
            report.findings += len(store.findings(doc.doc_id))
            if index is not None:
                report.chunks += index.count(doc.doc_id)
            say(f"未变化，跳过 {doc.doc_id}")
            continue
        findings = audit(doc)
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
