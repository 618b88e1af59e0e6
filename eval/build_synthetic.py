"""Render the synthetic evaluation document for ``eval/questions_synthetic.jsonl``.

The document is ``sample_health_commission_2024()`` from ``tests/builders.py`` (云溪市卫生健康委员会,
2024年度部门预算公开), rendered with layout ``'tab'`` (tab-separated cells, as the seed). It is built
on demand and never committed to ``corpus/``.

    python eval/build_synthetic.py [OUT]

OUT defaults to ``/tmp/budgetqa-synthetic/yunxi-health-commission-2024-budget.txt``; its folder
is created. Ingest that folder together with the seed (see eval/README.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = Path("/tmp/budgetqa-synthetic/yunxi-health-commission-2024-budget.txt")


def build() -> str:
    """The rendered text of the synthetic 云溪市卫生健康委员会 2024 disclosure."""
    tests = str(ROOT / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    from builders import render, sample_health_commission_2024

    return render(sample_health_commission_2024(), layout="tab")


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        print("usage: python eval/build_synthetic.py [OUT]", file=sys.stderr)
        return 2
    out = Path(argv[0]) if argv else DEFAULT_OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(build(), encoding="utf-8")
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
