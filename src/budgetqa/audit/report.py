"""One document's audit as the edges show it: counts by severity, findings worst first, each
with its pages; JSON for scripts (``--json``, ``/api/audit``) and text for people."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .findings import SEVERITIES, SEVERITY_NAMES, Finding

# Findings of these rules are listed even when they hold: they are the checks a reviewer asks
# about first (do the projects add up to 项目支出? do the tables agree?).
HEADLINE_RULES = frozenset({"projects_total", "basic_vs_economic", "summary_vs_expense", "summary_totals"})


@dataclass
class DocumentAudit:
    document: str
    title: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in SEVERITIES}
        for f in self.findings:
            out[f.severity] = out.get(f.severity, 0) + 1
        return out

    def shown(self, show_all: bool = False) -> list[Finding]:
        """Worst first; ``ok`` findings only with ``show_all`` (or for the headline rules)."""
        keep = [f for f in self.findings
                if show_all or f.severity != "ok" or f.rule in HEADLINE_RULES]
        return sorted(keep, key=lambda f: SEVERITIES.index(f.severity) if f.severity in SEVERITIES else 9)

    def to_dicts(self, show_all: bool = False) -> list[dict[str, Any]]:
        return [f.to_dict(self.document) for f in self.shown(show_all)]

    def summary(self) -> str:
        counts = self.counts
        return "，".join(f"{SEVERITY_NAMES[s]} {counts[s]}" for s in SEVERITIES)


def where(f: Finding) -> str:
    """'第3、5页 第120、131行' (pages first: a reviewer opens the PDF at a page)."""
    pages = f.pages
    lines = f.lines
    parts = []
    if pages:
        parts.append("第" + "、".join(str(p) for p in pages[:8]) + ("…" if len(pages) > 8 else "") + "页")
    if lines:
        parts.append("第" + "、".join(str(n) for n in lines[:8]) + ("…" if len(lines) > 8 else "") + "行")
    return " ".join(parts)


def render_text(audit: DocumentAudit, show_all: bool = False) -> str:
    out = [f"# {audit.title}（{audit.document}）：{audit.summary()}"]
    for f in audit.shown(show_all):
        out.append(f"[{SEVERITY_NAMES.get(f.severity, f.severity)}] {f.rule}：{f.message}（{where(f)}）")
    return "\n".join(out)


def render_markdown(audit: DocumentAudit, show_all: bool = False) -> str:
    """For the chat's 审核 tab: a heading per severity, one line per finding with its pages."""
    out = [f"### {audit.title}", "", audit.summary(), ""]
    shown = audit.shown(show_all)
    if not [f for f in shown if f.severity in ("error", "warning")]:
        out += ["没有发现错误或需要注意的问题。", ""]
    for sev in SEVERITIES:
        group = [f for f in shown if f.severity == sev]
        if not group:
            continue
        out.append(f"**{SEVERITY_NAMES[sev]}（{len(group)}）**")
        out.append("")
        for f in group:
            out.append(f"- {_md(f.message)}（规则 `{f.rule}`，{where(f) or '位置未知'}）")
        out.append("")
    return "\n".join(out)


def _md(text: str) -> str:
    """Plain text safe inside Markdown: no markup or HTML from a document's words."""
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)
