"""Answer latency per route and peak memory, in one process after warm-up.

    python benchmarks/latency.py [--questions eval/questions.jsonl ...] [--repeat 3]

Uses the store in $BUDGETQA_HOME (ingesting corpus/ on a fresh store, not timed). After a
warm-up pass (models loaded, indexes built), every question is answered ``--repeat`` times
with the per-question caches cleared before each pass, so each timing is a first answer;
p50/p95 are over all timed answers of a route.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from budgetqa.errors import BudgetQAError
from budgetqa.evaluation import load_questions
from budgetqa.service import BudgetQA
from budgetqa.settings import Settings


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return s[k]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--questions", action="append", type=Path,
                    help="JSONL question files (default: eval/questions.jsonl)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(argv)
    files = args.questions or [Path("eval/questions.jsonl")]

    t0 = time.perf_counter()
    qa = BudgetQA.open(Settings())
    qa.ensure_corpus()
    items = [item for f in files for item in load_questions(f)]
    load_s = time.perf_counter() - t0

    def ask(item):
        try:
            return qa.answer(item["question"], item.get("history"), item.get("document")).route
        except BudgetQAError:
            return "error"

    for item in items:  # warm-up: models loaded, caches built, lexical index built
        ask(item)
    times: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.repeat):
        qa.clear_caches()
        for item in items:
            start = time.perf_counter()
            route = ask(item)
            times[route].append((time.perf_counter() - start) * 1000)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "questions": len(items), "repeat": args.repeat, "load_seconds": round(load_s, 2),
        "peak_rss_mb": round(peak_mb, 1),
        "routes": {r: {"n": len(v), "p50_ms": round(statistics.median(v), 2),
                       "p95_ms": round(percentile(v, 95), 2), "max_ms": round(max(v), 2)}
                   for r, v in sorted(times.items())},
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(f"{len(items)} questions × {args.repeat}, after warm-up; load {result['load_seconds']} s; "
              f"peak RSS {result['peak_rss_mb']} MB")
        print("| route | n | p50 ms | p95 ms | max ms |")
        print("|---|---|---|---|---|")
        for r, v in result["routes"].items():
            print(f"| {r} | {v['n']} | {v['p50_ms']} | {v['p95_ms']} | {v['max_ms']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
