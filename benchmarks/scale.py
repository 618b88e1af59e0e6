"""Scale on one machine: a whole city's budgets in one store.

    python benchmarks/scale.py [--docs 500] [--real N] [--home DIR] [--questions 400] [--cross 40] [--json]

1. Ingests the real PDFs of ``../shared/corpus-real`` and ``../shared/corpus-extra`` (in name
   order, no more than ``--docs`` documents) into a fresh home, embedding included: seconds per
   document (parse, audit, index, store; p50 and max), store size on disk (SQLite + Chroma),
   peak RSS of the ingesting process.
2. Grows the store to ``--docs`` documents with disclosures the test builders generate
   (``tests/builders.py``): the departments of one invented city, its districts and counties,
   over several years, each with its own name, projects and figures.
3. In a fresh process: startup (``BudgetQA.open`` and the first answer) and its RSS; loading the
   models and the vector index; the first question that searches the index (its document's lexical index is built) and
   the first search in each of 20 other documents; then answer latency per route (the route
   each Answer carries) over ``--questions`` questions: the blind questions written for the
   real documents in the store and questions about the generated ones, and ``--cross``
   questions across the generated documents (timed as their own route, ``cross-document``).
   After a warm-up pass, per-question caches are cleared and every question is timed once.

``--home DIR`` keeps the store and reuses it: files already stored are no-ops, so a second run
only measures. Prints a Markdown table (``--json``: the figures as JSON).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REAL = [SHARED / "corpus-real", SHARED / "corpus-extra"]
TARGETS_MS = {"lookup": 30.0, "computation": 30.0, "retrieval": 150.0, "cross-document": 200.0}

# ---------------------------------------------------------------- the generated city

CITY = ("澜川市", "lanchuan")
# (name, slug, the word a county's or district's departments print before their own name)
PLACES = [
    ("澜川市", "city", "澜川市"), ("东湖区", "donghu", "澜川市东湖区"), ("西岭区", "xiling", "澜川市西岭区"),
    ("南浦区", "nanpu", "澜川市南浦区"), ("白石县", "baishi", "白石县"), ("松溪县", "songxi", "松溪县"),
]
DEPARTMENTS = [
    ("教育局", "education", "教育"), ("财政局", "finance", "财政"), ("公安局", "police", "公安"),
    ("民政局", "civil-affairs", "民政"), ("司法局", "justice", "司法"),
    ("人力资源和社会保障局", "hrss", "就业"), ("自然资源和规划局", "natres", "国土"),
    ("生态环境局", "eco-env", "环境"), ("住房和城乡建设局", "housing", "住房"),
    ("交通运输局", "transport", "交通"), ("水利局", "water", "水利"), ("农业农村局", "agriculture", "农业"),
    ("商务局", "commerce", "商贸"), ("文化和旅游局", "culture-tourism", "文旅"),
    ("卫生健康委员会", "health", "卫生"), ("应急管理局", "emergency", "应急"), ("审计局", "audit", "审计"),
    ("市场监督管理局", "market", "市场"), ("统计局", "stats", "统计"), ("医疗保障局", "medical-insurance", "医保"),
    ("退役军人事务局", "veterans", "优抚"), ("科学技术局", "sci-tech", "科技"), ("信访局", "xinfang", "信访"),
    ("体育局", "sports", "体育"), ("城市管理局", "urban", "市容"),
]
YEARS = [2024, 2025, 2026, 2023, 2022]
PROJECT_WORDS = ["信息化建设项目", "专项业务经费", "设施维护经费", "宣传培训经费", "应急保障经费"]


def generated(count: int) -> list[tuple[str, Any, str]]:
    """``count`` distinct disclosures of the invented city: (file name, Disclosure, text)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from builders import render, sample_health_commission_2024, sample_transport_bureau_2022

    bases = [sample_health_commission_2024(), sample_transport_bureau_2022()]
    out = []
    combos = [(y, p, d) for y in YEARS for d in DEPARTMENTS for p in PLACES]
    for n, (year, (place, place_slug, prefix), (dept, dept_slug, theme)) in enumerate(combos[:count]):
        base = bases[n % 2]
        name = prefix + dept
        region = prefix
        projects = [dataclasses.replace(p, name=f"{theme}{PROJECT_WORDS[i % len(PROJECT_WORDS)]}",
                                        unit_name=p.unit_name.replace(base.region, region))
                    for i, p in enumerate(base.projects)]
        d = dataclasses.replace(base, department=name, year=year, region=region, projects=projects,
                                slug=f"{CITY[1]}-{place_slug}-{dept_slug}")
        d = _scaled(d, 1 + n % 7, Decimal(n % 97) + Decimal("0.37"))
        # the builders' own place, left in project units and sentences, becomes this one
        text = render(d).replace(base.region, region)
        out.append((f"{d.slug}-{year}-budget.txt", d, text))
    return out


def _scaled(d, factor: int, extra: Decimal):
    """Every amount times ``factor``, and ``extra`` more 基本支出 on the first subject and the
    first personnel item, so each document prints its own figures and still adds up."""
    def times(v):
        return None if v is None else v * factor

    subjects = [dataclasses.replace(s, basic=times(s.basic), project=times(s.project)) for s in d.subjects]
    first = next(i for i, s in enumerate(subjects) if s.basic is not None)
    subjects[first] = dataclasses.replace(subjects[first], basic=subjects[first].basic + extra)
    econ = [dataclasses.replace(e, personnel=times(e.personnel), public=times(e.public)) for e in d.econ_items]
    paid = next(i for i, e in enumerate(econ) if e.personnel is not None)
    econ[paid] = dataclasses.replace(econ[paid], personnel=econ[paid].personnel + extra)
    projects = [dataclasses.replace(p, amount_wan=p.amount_wan * factor, total_yuan=p.total_yuan * factor,
                                    annual_yuan=p.annual_yuan * factor) for p in d.projects]
    three = None if d.three_public is None else {k: v * factor for k, v in d.three_public.items()}
    return dataclasses.replace(d, subjects=subjects, econ_items=econ, projects=projects,
                               office_running=d.office_running * factor, three_public=three,
                               last_year_change=d.last_year_change * factor)


def generated_questions(disclosures: list[Any]) -> list[dict[str, str]]:
    """Questions about the generated documents, naming each one's body and year."""
    out = []
    for d in disclosures:
        who = f"{d.department}{d.year}年"
        p = d.projects[0].name
        out += [
            {"question": f"{who}行政运行的基本支出是多少"},
            {"question": f"{who}{p}预算多少钱"},
            {"question": f"{who}项目支出占支出合计的比例是多少"},
            {"question": f"{who}哪个项目预算最多"},
            {"question": f"{d.department}主要负责哪些工作"},
            {"question": f"{who}机关运行经费为什么变化"},
            {"question": f"{d.department}局长的工资是多少"},
            {"question": f"{who}实际花了多少钱"},
        ]
    return out


# Kinds of body the cross-document questions group by ("各区统计局"): those answering.across
# knows as kinds of body.
GROUPED = ["统计局", "审计局", "财政局", "民政局", "公安局", "司法局", "交通运输局", "生态环境局", "商务局"]


def cross_questions(disclosures: list[Any], rng: random.Random, count: int) -> list[dict[str, str]]:
    """``count`` questions across the generated documents: rankings over a place's departments
    or a kind of body, differences and sums between named bodies, one body across years, each
    tagged ``cross-document`` (answering.across answers them with the route "computation")."""
    by_name: dict[str, dict[int, Any]] = {}
    for d in disclosures:
        by_name.setdefault(d.department, {})[d.year] = d
    names = sorted(by_name)
    years = sorted({d.year for d in disclosures})
    places = [p for p, _, _ in PLACES] + [f"澜川市{p}" for p, _, _ in PLACES[1:4]]
    measures = ["三公经费", "机关运行经费", "收入总计", "项目支出", "基本支出"]
    kinds = [k for k in GROUPED if any(n.endswith(k) for n in names)]
    several_years = [n for n in names if len(by_name[n]) > 1]

    def m() -> str:
        return rng.choice(measures)

    def two_bodies() -> tuple[str, str, int] | None:
        year = rng.choice(years)
        held = [n for n in names if year in by_name[n]]
        return (*rng.sample(held, 2), year) if len(held) >= 2 else None

    def kind() -> str | None:
        return rng.choice(kinds) if kinds else None

    forms = [
        lambda: f"{rng.choice(places)}哪个部门的{m()}最多",
        lambda: f"{rng.choice(places)}{rng.choice(years)}年哪个部门的{m()}最少",
        lambda: (k := kind()) and f"各区{k}的{m()}排个名",
        lambda: (k := kind()) and f"各县{k}{rng.choice(years)}年的{m()}分别是多少",
        lambda: (b := two_bodies()) and f"{b[0]}和{b[1]}{b[2]}年的{m()}相差多少",
        lambda: (b := two_bodies()) and f"{b[0]}和{b[1]}的{m()}谁更多",
        lambda: (b := two_bodies()) and f"{b[0]}、{b[1]}{b[2]}年的{m()}加起来是多少",
        lambda: (k := kind()) and f"列出所有{k}{rng.choice(years)}年的{m()}",
        lambda: several_years and (lambda n: f"{n}{min(by_name[n])}年和{max(by_name[n])}年的{m()}相差多少")(
            rng.choice(several_years)),
    ]
    out: list[dict[str, str]] = []
    for i in range(count * len(forms)):
        if len(out) == count:
            break
        question = forms[i % len(forms)]()
        if question and all(q["question"] != question for q in out):  # each timed uncached
            out.append({"question": question, "group": "cross-document"})
    return out


def real_questions(doc_ids: set[str]) -> list[dict[str, str]]:
    """The blind questions written for the real documents the store holds."""
    from budgetqa.evaluation import load_questions

    out = []
    for f in sorted((ROOT / "eval" / "blind_real").glob("*.jsonl")):
        if f.stem in doc_ids:
            out += [{"question": q["question"], **({"history": q["history"]} if q.get("history") else {})}
                    for q in load_questions(f)]
    return out


# ---------------------------------------------------------------- ingest


def ingest_timed(paths: list[Path], settings) -> tuple[list[float], list[str]]:
    """Ingest ``paths`` into the store and index of ``settings``; seconds per document stored
    (parse + audit + index + store) and their ids."""
    import budgetqa.ingest as ingest_module
    from budgetqa.embeddings import make_embeddings
    from budgetqa.index import HybridIndex
    from budgetqa.store import Store

    store = Store(settings.db_path)
    index = HybridIndex(settings.chroma_path, make_embeddings(settings))
    spent: dict[str, float] = {}

    def timed(name, fn):
        def wrapper(doc, *args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(doc, *args, **kwargs)
            finally:
                key = doc if isinstance(doc, str) else doc.doc_id
                spent[key] = spent.get(key, 0.0) + time.perf_counter() - t0
        return wrapper

    audit, save, replace = ingest_module.audit, store.save, index.replace_document
    ingest_module.audit = timed("audit", audit)
    store.save = timed("save", save)
    index.replace_document = timed("index", replace)
    try:
        report = ingest_module.ingest(paths, store, index, on_file=lambda i, n, f: print(
            f"  [{i}/{n}] {f.name}", file=sys.stderr, flush=True))
    finally:
        ingest_module.audit = audit
    parse = {c.doc_id: c.seconds for c in report.coverage}
    return [parse.get(d, 0.0) + spent.get(d, 0.0) for d in report.ingested], report.ingested


def real_files(limit: int) -> list[Path]:
    """The real PDFs in name order; the two files of one disclosure count once."""
    files = [f for folder in REAL if folder.exists() for f in sorted(folder.glob("*.pdf"))]
    out, stems = [], set()
    for f in files:
        stem = f.stem.rsplit("-", 1)[0] if f.stem.endswith(("-narrative", "-tables")) else f.stem
        if stem not in stems and len(stems) >= limit:
            continue
        stems.add(stem)
        out.append(f)
    return out


def size_mb(path: Path) -> float:
    """Megabytes on disk of a folder, or of a SQLite file with its write-ahead log."""
    if path.is_file():
        return sum(f.stat().st_size for f in path.parent.glob(path.name + "*") if f.is_file()) / 1e6
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6 if path.exists() else 0.0


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))]


# ---------------------------------------------------------------- answering (a fresh process)


def measure(home: Path, questions_file: Path) -> dict[str, Any]:
    """Startup and answer latency in this (fresh) process."""
    from budgetqa.errors import BudgetQAError
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings

    def rss_mb(field: str = "VmRSS") -> float:
        # VmHWM, not ru_maxrss: a child's ru_maxrss starts at its parent's RSS when it forked
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
        return 0.0

    t0 = time.perf_counter()
    qa = BudgetQA.open(Settings(home=home, corpus=ROOT / "corpus"))
    opened = time.perf_counter() - t0
    qa.answer("预算总额是多少")  # as the server does before it listens
    started = time.perf_counter() - t0
    rss_started = rss_mb()
    import budgetqa.index as index_module

    built: list[str] = []  # documents whose lexical index was built (first search in it, or again)

    class Counted(index_module._LexicalIndex):
        def __init__(self, chunks):
            super().__init__(chunks)
            built.append(next(iter(self.chunks.values())).document if self.chunks else "")

    index_module._LexicalIndex = Counted
    t0 = time.perf_counter()
    qa.index.warm_up()  # the embedding model, jieba's dictionary, Chroma's vector index
    models_s = time.perf_counter() - t0
    items = json.loads(questions_file.read_text("utf-8"))

    def ask(item) -> str:
        try:
            return qa.answer(item["question"], item.get("history"), item.get("document")).route
        except BudgetQAError:
            return "error"

    first_ms = None
    for item in items:  # the first question that searches the index: its document's lexical index is built
        n, t = len(built), time.perf_counter()
        ask(item)
        if len(built) > n:
            first_ms = (time.perf_counter() - t) * 1000
            break
    rss_first = rss_mb()
    rng = random.Random(3)
    cold_docs = rng.sample(sorted(set(qa._answerers) - set(built)), min(20, len(qa._answerers) - len(built)))
    cold = []
    for d in cold_docs:  # the first search in a document: read back its chunks, tokenise, index (one query vector)
        t = time.perf_counter()
        qa.index.search("机关运行经费增减变化的原因", k=qa.settings.retrieval_k, document=d)
        cold.append((time.perf_counter() - t) * 1000)
    for item in items:  # warm-up: every question once
        ask(item)
    qa.clear_caches()
    built_before = len(built)
    times: dict[str, list[float]] = {}
    for item in items:
        t = time.perf_counter()
        route = ask(item)
        times.setdefault(item.get("group", route), []).append((time.perf_counter() - t) * 1000)
    return {
        "documents": len(qa._answerers), "open_seconds": round(opened, 2), "startup_seconds": round(started, 2),
        "rss_after_startup_mb": round(rss_started, 1), "models_seconds": round(models_s, 2),
        "first_retrieval_ms": None if first_ms is None else round(first_ms, 1),
        "rss_after_first_retrieval_mb": round(rss_first, 1),
        "cold_search_ms": {"n": len(cold), "p50": round(statistics.median(cold), 1) if cold else None,
                           "max": round(max(cold), 1) if cold else None},
        "lexical_indexes_built": {"before_timing": built_before, "while_timing": len(built) - built_before,
                                  "kept_at_end": len(qa.index._lexical)},
        "rss_at_end_mb": round(rss_mb(), 1), "peak_rss_mb": round(rss_mb("VmHWM"), 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "routes": {r: {"n": len(v), "p50_ms": round(statistics.median(v), 2), "p95_ms": round(percentile(v, 95), 2),
                       "max_ms": round(max(v), 2)} for r, v in sorted(times.items())},
    }


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=500, help="documents in the store at the end (default 500)")
    ap.add_argument("--home", type=Path, help="store folder to build or reuse (default: a temp folder)")
    ap.add_argument("--real", type=int, default=10_000, help="at most this many real documents (default: all)")
    ap.add_argument("--questions", type=int, default=400, help="questions timed (default 400)")
    ap.add_argument("--cross", type=int, default=40,
                    help="questions across the generated documents timed besides (default 40)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # internal: the fresh process
    args = ap.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.home, args.measure)))
        return 0
    if args.home is None:
        with tempfile.TemporaryDirectory(prefix="budgetqa-scale-") as tmp:
            return run(args, Path(tmp))
    return run(args, args.home)


def run(args, home: Path) -> int:
    from budgetqa.settings import Settings
    from budgetqa.store import Store

    settings = Settings(home=home, corpus=ROOT / "corpus")
    result: dict[str, Any] = {"home": str(home)}

    print("1. real documents", file=sys.stderr)
    t0 = time.perf_counter()
    seconds, ids = ingest_timed(real_files(min(args.docs, args.real)), settings)
    real_ids = {d.id for d in Store(settings.db_path).documents() if not d.id.startswith(CITY[1] + "-")}
    result["real"] = {"documents": len(real_ids), "ingested_now": len(ids), "wall_seconds": round(time.perf_counter() - t0, 1),
                      **_spread(seconds), "sqlite_mb": round(size_mb(settings.db_path), 1),
                      "chroma_mb": round(size_mb(settings.chroma_path), 1),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}

    print("2. generated documents", file=sys.stderr)
    folder = home / "generated"
    folder.mkdir(parents=True, exist_ok=True)
    made = generated(max(0, args.docs - len(real_ids)))
    for name, _, text in made:
        path = folder / name
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, encoding="utf-8")
    t0 = time.perf_counter()
    seconds, ids = ingest_timed([folder / n for n, _, _ in made], settings) if made else ([], [])
    stored = Store(settings.db_path).documents()
    result["generated"] = {"documents": len(made), "ingested_now": len(ids),
                           "wall_seconds": round(time.perf_counter() - t0, 1), **_spread(seconds),
                           "sqlite_mb": round(size_mb(settings.db_path), 1),
                           "chroma_mb": round(size_mb(settings.chroma_path), 1),
                           "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}

    print("3. startup and answering (a fresh process)", file=sys.stderr)
    rng = random.Random(11)
    real_qs = real_questions({d.id for d in stored})
    made_qs = generated_questions([d for _, d, _ in made])
    half = args.questions // 2
    questions = rng.sample(real_qs, min(len(real_qs), half))
    questions += rng.sample(made_qs, min(len(made_qs), args.questions - len(questions)))
    if len(made) >= 2:
        questions += cross_questions([d for _, d, _ in made], rng, args.cross)
    qfile = home / "scale-questions.json"
    qfile.write_text(json.dumps(questions, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run([sys.executable, __file__, "--home", str(home), "--measure", str(qfile)],
                         capture_output=True, text=True, env=env, check=True)
    result["answering"] = json.loads(out.stdout.strip().splitlines()[-1])
    result["answering"]["questions"] = len(questions)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(markdown(result))
    return 0


def _spread(seconds: list[float]) -> dict[str, float]:
    if not seconds:
        return {"per_doc_p50_s": 0.0, "per_doc_max_s": 0.0}
    return {"per_doc_p50_s": round(statistics.median(seconds), 2), "per_doc_max_s": round(max(seconds), 2)}


def markdown(r: dict[str, Any]) -> str:
    a = r["answering"]
    lines = ["| phase | documents | ingest s/doc p50 | max | SQLite MB | Chroma MB | peak RSS MB |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for key, label in (("real", "real PDFs"), ("generated", "+ generated")):
        p = r[key]
        lines.append(f"| {label} ({p['ingested_now']} ingested now) | {p['documents']} | {p['per_doc_p50_s']} | "
                     f"{p['per_doc_max_s']} | {p['sqlite_mb']} | {p['chroma_mb']} | {p['peak_rss_mb']} |")
    built = a["lexical_indexes_built"]
    lines += ["", f"{a['documents']} documents: startup {a['startup_seconds']} s (open {a['open_seconds']} s), "
                  f"RSS {a['rss_after_startup_mb']} MB; models and vector index {a['models_seconds']} s; the first question that "
                  f"searches the index {a['first_retrieval_ms']} ms, RSS after {a['rss_after_first_retrieval_mb']} MB; the "
                  f"first search in a document p50 {a['cold_search_ms']['p50']} ms, max {a['cold_search_ms']['max']} "
                  f"ms ({a['cold_search_ms']['n']} documents); lexical indexes built before timing "
                  f"{built['before_timing']}, while timing {built['while_timing']}, kept {built['kept_at_end']}; "
                  f"after answering RSS {a['rss_at_end_mb']} MB, peak {a['peak_rss_mb']} MB; "
                  f"{a['questions']} questions, each timed once after a warm-up pass; load average "
                  f"{a['load_average']}", "",
              "| route | n | p50 ms | p95 ms | max ms | target p95 |", "|---|---:|---:|---:|---:|---:|"]
    for route, v in a["routes"].items():
        target = TARGETS_MS.get(route)
        mark = "" if target is None else f"≤ {target:g} ms {'✓' if v['p95_ms'] <= target else '✗'}"
        lines.append(f"| {route} | {v['n']} | {v['p50_ms']} | {v['p95_ms']} | {v['max_ms']} | {mark} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
