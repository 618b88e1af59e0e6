"""Rows and tables as the parser gives them, for tests that build a document by hand."""

from __future__ import annotations

from decimal import Decimal as D

from budgetqa.model import Row, Table

_n = iter(range(1, 10_000))


def next_line() -> int:
    """A fresh line number: every row and form built here sits on a line of its own."""
    return next(_n)


def row(label, code=None, label2=None, **values) -> Row:
    return Row(label=label, code=code, label2=label2, line=next(_n), page=3,
               values={k: (D(v) if v is not None else None) for k, v in values.items()})


def table(kind, title, columns, rows) -> Table:
    return Table(kind, title, "万元", columns, rows, rows[0].line, rows[-1].line, page=3)
