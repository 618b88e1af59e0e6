"""Coverage of the real disclosures: ingest every PDF of ``../shared/corpus-real`` into a fresh
store (no search index, which is measured separately) and report, per document, what was read
and whether the audit finds it consistent; then the rates, a table by province and kind, the
documents that still fail with why, seconds per document and peak memory.

    python benchmarks/coverage.py [--out coverage.json] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = (ROOT.parent / "shared" / "corpus-real").resolve()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=Path("coverage.json"))
    parser.add_argument("--markdown", action="store_true", help="print the README tables")
    args = parser.parse_args()

    from budgetqa.coverage import report
    from budgetqa.ingest import ingest
    from budgetqa.store import Store

    manifest = _manifest(args.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        result = ingest([args.corpus], Store(Path(tmp) / "store.db"),
                        on_file=lambda i, n, f: print(f"[{i}/{n}] {f.name}", file=sys.stderr))
        wall = time.perf_counter() - started
    data = report(result.coverage)
    data["summary"]["wall_seconds"] = round(wall, 1)
    data["summary"]["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    data["summary"]["slowest"] = max(((d.seconds, d.doc_id) for d in result.coverage), default=None)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    print(data["summary"]["line"])
    print(f"wall {wall:.1f} s, peak RSS {data['summary']['peak_rss_mb']} MB, "
          f"slowest {data['summary']['slowest']}")
    if args.markdown:
        _markdown(result.coverage, manifest)


def _manifest(corpus: Path) -> dict[str, dict[str, str]]:
    lines = (corpus / "MANIFEST.tsv").read_text("utf-8").splitlines()
    head = lines[0].split("\t")
    rows = [dict(zip(head, ln.split("\t"))) for ln in lines[1:] if ln.strip()]
    return {Path(r["file"]).stem: r for r in rows}


def _markdown(docs, manifest) -> None:
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for d in docs:
        m = next((v for k, v in manifest.items() if k.startswith(d.doc_id)), {})
        groups[(m.get("province", "?"), f"{d.scope}{d.kind}")].append(d)
    print("\n| province | kind | documents | read | consistent |\n|---|---|---|---|---|")
    for (province, kind), ds in sorted(groups.items()):
        print(f"| {province} | {kind} | {len(ds)} | {sum(x.read for x in ds)} | "
              f"{sum(x.read and x.consistent for x in ds)} |")
    print("\n| document | why |\n|---|---|")
    for d in docs:
        if not d.read:
            print(f"| {d.doc_id} | core tables missing: {'、'.join(d.core_missing)} |")
        elif not d.consistent:
            print(f"| {d.doc_id} | audit: {d.audit.get('error')} error(s), e.g. {d.errors[0][:80]} |")


if __name__ == "__main__":
    main()
