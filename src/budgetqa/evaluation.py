"""Evaluation: grade answers against a JSONL question set, by the published rule.

Two rules are reported side by side (``eval/README.md``):

- **strict** (the headline): a figure question is right only when the answer is answerable and
  ``figures[0]`` equals the gold value or an alt (元/万元/亿元 converted); a text question when
  the text contains one of ``text_any``; an unanswerable one when ``answerable`` is false.
  Every figure the answer states counts, in ``figures`` or as an amount in its text: a stated
  figure that is not the gold one, or any figure stated for an unanswerable question, is a
  *wrong figure*.
- **lenient** (the rule the first sets were graded by): as strict, but a figure question is
  also right when the text contains one of ``text_any``, and only ``figures`` count as stated.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

from .answering.normalize import COUNTERS as COUNTER_CHARS
from .model import UNIT_FACTORS

MONEY = set(UNIT_FACTORS)
COUNTERS = set(COUNTER_CHARS)
TOLERANCE = Decimal("0.005")


def load_questions(path: Path) -> list[dict[str, Any]]:
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as e:
            from .errors import BudgetQAError

            raise BudgetQAError(f"{path}:{n}: 不是有效的 JSON ({e.msg})") from None
    return out


def same_value(value: Any, unit: str | None, gold: Any, gold_unit: str | None) -> bool:
    if value is None or gold is None:
        return False
    v, g = Decimal(str(value)), Decimal(str(gold))
    if unit in COUNTERS and gold_unit in COUNTERS | {None}:
        unit = gold_unit  # a count is a count, whatever its counter (5 家 = 5 个)
    if unit and gold_unit and "/" in unit and "/" not in gold_unit and unit.split("/")[0] == gold_unit:
        unit = gold_unit  # a rate's amount (710 元/人月) against a gold written without its per-part (710 元)
    if unit in MONEY and gold_unit in MONEY:
        v = v * UNIT_FACTORS[unit] / UNIT_FACTORS[gold_unit]
    elif gold_unit and unit and unit != gold_unit:
        return False
    return abs(v - g) <= TOLERANCE


# An amount stated in an answer's text: a number with a money unit or a percent sign.
_STATED = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|元|%)")


def stated_in_text(text: str) -> list[tuple[Decimal, str]]:
    """The amounts an answer's text states, with their units ('4,684.30万元' -> 4684.30 万元)."""
    out = []
    for number, unit in _STATED.findall(text or ""):
        try:
            out.append((Decimal(number.replace(",", "")), unit))
        except ArithmeticError:
            continue
    return out


def grade(item: dict[str, Any], answer: dict[str, Any], strict: bool = True) -> tuple[bool, bool]:
    """(correct, wrong_figure_stated) for one question and its answer object."""
    gold = item["gold"]
    kind = gold["type"]
    text = answer.get("answer", "")
    figures = answer.get("figures") or []
    text_any = gold.get("text_any") or []
    in_text = any(t and t in text for t in text_any)
    in_words = stated_in_text(text) if strict else []
    if kind == "unanswerable":
        return (not answer.get("answerable"), bool(figures) or bool(in_words))
    if kind == "text":
        return (in_text, False)
    first = figures[0] if figures else None
    golds = [(gold.get("value"), gold.get("unit"))] + [tuple(a) for a in gold.get("alt_values") or []]

    def is_gold(value: Any, unit: str | None) -> bool:
        return any(same_value(value, unit, g, u) for g, u in golds)

    figure_ok = bool(first) and is_gold(first.get("value"), first.get("unit"))
    if strict:
        correct = bool(answer.get("answerable")) and figure_ok
        # Without figures, an amount in the text that is not the gold one is a wrong figure.
        wrong = (bool(first) and not figure_ok) or (
            not first and bool(in_words) and not any(is_gold(v, u) for v, u in in_words))
        return (correct, wrong)
    correct = bool(answer.get("answerable")) and (figure_ok or in_text)
    wrong = bool(first) and not figure_ok
    return (correct, wrong)


def asker(qa) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Answer one evaluation item with a BudgetQA service, as the CLI and the tests do."""
    from .errors import BudgetQAError

    def ask(item: dict[str, Any]) -> dict[str, Any]:
        try:
            return qa.answer(item["question"], item.get("history"), item.get("document")).to_dict()
        except BudgetQAError as e:
            return {"answer": str(e), "answerable": False, "figures": [], "route": "error"}

    return ask


def run_eval(items: list[dict[str, Any]], ask: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[str, Any]:
    """Answer every item with ``ask`` and grade it; returns the report."""
    by_cat: dict[str, list[bool]] = defaultdict(list)
    lat: dict[str, list[float]] = defaultdict(list)
    wrong_figures = lenient_wrong_figures = 0
    lenient: list[bool] = []
    results = []
    for item in items:
        t0 = time.perf_counter()
        answer = ask(item)
        ms = (time.perf_counter() - t0) * 1000
        correct, wrong = grade(item, answer)
        lenient_ok, lenient_wrong = grade(item, answer, strict=False)
        lenient.append(lenient_ok)
        lenient_wrong_figures += lenient_wrong
        by_cat[item.get("category", "other")].append(correct)
        lat[answer.get("route", "?")].append(ms)
        wrong_figures += wrong
        results.append({"id": item.get("id"), "category": item.get("category"), "question": item["question"],
                        "correct": correct, "wrong_figure": wrong, "route": answer.get("route"),
                        "ms": round(ms, 2), "answer": answer.get("answer"),
                        "figures": answer.get("figures"), "gold": item["gold"]})
    total = sum(len(v) for v in by_cat.values())
    right = sum(sum(v) for v in by_cat.values())
    return {
        "total": total,
        "correct": right,
        "accuracy": right / total if total else 0.0,
        "by_category": {k: {"n": len(v), "correct": sum(v), "accuracy": sum(v) / len(v)}
                        for k, v in sorted(by_cat.items())},
        "wrong_figures": wrong_figures,
        "lenient": {"correct": sum(lenient), "accuracy": sum(lenient) / total if total else 0.0,
                    "wrong_figures": lenient_wrong_figures},
        "latency_ms": {k: {"n": len(v), "p50": _pct(v, 50), "p95": _pct(v, 95)} for k, v in sorted(lat.items())},
        "results": results,
    }


def _pct(values: list[float], p: int) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    k = min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))
    return round(s[k], 2)


def format_report(report: dict[str, Any]) -> str:
    lines = ["| category | n | correct | accuracy |", "|---|---|---|---|"]
    for k, v in report["by_category"].items():
        lines.append(f"| {k} | {v['n']} | {v['correct']} | {v['accuracy']:.1%} |")
    lines.append(f"| **overall** | {report['total']} | {report['correct']} | {report['accuracy']:.1%} |")
    lines.append("")
    lines.append(f"wrong figures stated: {report['wrong_figures']}")
    if "lenient" in report:
        le = report["lenient"]
        lines.append(f"(lenient rule: {le['correct']}/{report['total']} = {le['accuracy']:.1%}, "
                     f"{le['wrong_figures']} wrong figures)")
    lines.append("")
    lines.append("| route | n | p50 ms | p95 ms |")
    lines.append("|---|---|---|---|")
    for k, v in report["latency_ms"].items():
        lines.append(f"| {k} | {v['n']} | {v['p50']} | {v['p95']} |")
    return "\n".join(lines)

