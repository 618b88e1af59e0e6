"""Two-sided tables (收入 on the left, 支出 on the right): a bare 合计 is its side's, the parts
printed under 二、上年结转 are the carry-over's, and a question's side picks the row."""

from __future__ import annotations

from decimal import Decimal as D
from itertools import count

from budgetqa.answering.catalogue import Catalogue
from budgetqa.answering.engine import DocumentAnswerer
from budgetqa.answering.router import parse_question
from budgetqa.model import ParsedDocument, Row, Table

_n = count(1)


def side(label: str, side_name: str, value: str) -> Row:
    return Row(label, {"预算数": D(value)}, next(_n), side=side_name)


def document() -> ParsedDocument:
    summary = Table("summary", "部门收支总表", "万元", ["预算数"], [
        side("合计", "收入", "120"), side("合计", "支出", "120"),
        side("一、一般公共预算资金", "收入", "100"), side("一、一般公共服务支出", "支出", "90")], 1, 9)
    fiscal = Table("fiscal_summary", "财政拨款收支总表", "万元", ["预算数"], [
        side("一、本年收入", "收入", "100"), side("二、上年结转", "收入", "7"),
        side("（一）一般公共预算拨款", "收入", "7"), side("收入合计", "收入", "107")], 10, 19)
    return ParsedDocument("d", "d", "某局2026年部门预算", "某局", 2026, "预算", "部门", "",
                          tables=[summary, fiscal])


def keys(doc: ParsedDocument) -> set[str]:
    return {e.key for e in Catalogue(doc).entities}


def test_a_bare_total_of_a_two_sided_table_is_named_by_its_side():
    assert {"收入合计", "支出合计"} <= keys(document())


def test_the_parts_under_a_carry_over_heading_are_the_carry_overs():
    ks = keys(document())
    assert "上年结转一般公共预算拨款" in ks and "一般公共预算拨款" not in ks


def test_the_side_the_question_says_picks_the_row():
    answerer = DocumentAnswerer(document())
    for q, value in (("收入总计是多少", D("120")), ("支出总计是多少", D("120")),
                     ("财政拨款收入合计是多少", D("107"))):
        intent = parse_question(q)
        a = answerer.answer(intent, answerer.confident(intent.q, answerer.cat.match(intent.q)))
        assert a is not None and a.figures and a.figures[0].value == value, (q, a and a.text)

