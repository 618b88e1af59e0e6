"""One printed amount with its provenance (:class:`Cell`), how answers print amounts, and the
small text helpers every part of :class:`~budgetqa.answering.engine.DocumentAnswerer` shares.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..model import Provenance
from .catalogue import Catalogue


# How the figure of an answer that there is none is labelled: an empty table's 0, a blank row's.
ABSENCE_LABELS = ("（本表无数据）", "（未填列）")

# Characters that carry the question's form, not its subject.
QUESTION_CHARS = set("的了是吗呢么什怎样多少哪个些有和与及在为对就都也还请问一下我你他它这那吧啊呀？?，,。"
                     "钱元万亿年度预算金额总共一共几比例占") | set("0123456789")


def q2(v: Decimal) -> Decimal:
    return v.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def fmt(v: Decimal, unit: str) -> str:
    if v == 0 and unit in ("元", "万元", "亿元"):
        return f"0.00{unit}"  # as a table prints an empty amount
    if unit in ("元", "个") and v == v.to_integral_value():
        return f"{int(v):,}{unit}"
    if unit == "%":
        return f"{q2(v)}%"
    s = f"{v:,.2f}" if abs(v.as_tuple().exponent) <= 2 else f"{v:,}"
    if unit in ("万元", "亿元") and v != q2(v):
        s = f"{v:,}".rstrip("0").rstrip(".")
    return f"{s}{unit}"


@dataclass
class Cell:
    """One printed amount and where it is."""

    value: Decimal
    unit: str
    prov: Provenance
    label: str


def _common_chars(name: str, q: str, cat: Catalogue) -> float:
    return sum(cat.weight(ch) for ch in sorted(set(name)) if ch in q)  # sorted: the same sum in every process


def _without(q: str, name: str) -> str:
    """``q`` with the runs of two or more characters it shares with ``name`` removed, until
    the name is accounted for (so 项目 in 项目期 survives after 智慧教育平台项目 is gone)."""
    removed = 0
    while removed < len(name) - 1:
        best = ""
        for i in range(len(q)):
            for j in range(i + 2, len(q) + 1):
                if q[i:j] in name:
                    if j - i > len(best):
                        best = q[i:j]
                else:
                    break
        if len(best) < 2:
            return q
        q = q.replace(best, "", 1)
        removed += len(best)
    return q


def _longest_run(span: set[int]) -> set[int]:
    best: list[int] = []
    run: list[int] = []
    for p in sorted(span):
        run = run + [p] if run and p == run[-1] + 1 else [p]
        if len(run) > len(best):
            best = run
    return set(best)
