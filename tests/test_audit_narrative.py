"""The 文字与表 rules: what the 情况说明 says against the tables it describes. A consistent
narrative passes; a changed amount, a wrong share, a wrong change or a flipped direction word
gives exactly one error, at the printed line, on small documents and on real disclosures."""

from __future__ import annotations

import copy
import dataclasses
import os
from decimal import Decimal as D
from functools import lru_cache
from pathlib import Path

import pytest

from budgetqa.audit import audit
from budgetqa.model import ParsedDocument, Row, Table
from budgetqa.parsing.lines import SourceLine

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "yangquan-bigdata-bureau-2023-budget.txt"
CORPUS_REAL = (ROOT.parent / "shared" / "corpus-real").resolve()
NARRATIVE_RULES = ("narrative_amount", "narrative_share", "narrative_change", "narrative_direction")

if os.environ.get("CI") and not CORPUS_REAL.is_dir():  # pragma: no cover - a broken CI checkout
    raise RuntimeError(f"the real corpus is missing: {CORPUS_REAL}")


# ---------------------------------------------------------------- small documents


def _row(label: str, line: int, code: str | None = None, side: str | None = None, **values: str) -> Row:
    return Row(label=label, code=code, side=side, line=line, values={k: D(v) for k, v in values.items()})


def small_doc(*narrative: str) -> ParsedDocument:
    """A department with a 收支总表, a 支出总表 and a "三公" table printing last year's budget,
    and the narrative lines given (numbered from 101)."""
    summary = Table("summary", "收支总表", "万元", ["预算数"], [
        _row("收入总计", 2, side="收入", 预算数="1000.00"),
        _row("支出总计", 2, side="支出", 预算数="1000.00")], 1, 3)
    expense = Table("expense", "支出总表", "万元", ["合计", "基本支出", "项目支出"], [
        _row("合计", 11, 合计="1000.00", 基本支出="600.00", 项目支出="400.00"),
        _row("一般公共服务支出", 12, "201", 合计="800.00", 基本支出="500.00", 项目支出="300.00"),
        _row("住房保障支出", 13, "221", 合计="200.00", 基本支出="100.00", 项目支出="100.00")], 10, 14)
    three = Table("three_public", "“三公”经费支出表", "万元", ["上年预算数", "预算数"], [
        _row("合计", 21, 上年预算数="50.00", 预算数="40.00"),
        _row("公务接待费", 22, 上年预算数="10.00", 预算数="12.00")], 20, 23)
    lines = [SourceLine(101 + i, text, 5) for i, text in enumerate(narrative)]
    return ParsedDocument("t", "t.pdf", "某某局2026年部门预算", "某某局", 2026, "预算", "部门", "",
                          source_type="pdf", tables=[summary, expense, three], lines=lines)


def findings(doc: ParsedDocument, severity: str) -> list[tuple[str, int]]:
    """(rule, line of the sentence's figure) of each narrative finding of this severity."""
    return [(f.rule, f.figures[0].line) for f in audit(doc)
            if f.rule in NARRATIVE_RULES and f.severity == severity]


CONSISTENT = ("2026年本部门支出预算1,000.00万元，比上年增加200.00万元，增长25.00%。",
              "其中：基本支出600.00万元，占60.00%；项目支出400.00万元，占40.00%。",
              "一般公共服务支出800.00万元。",
              "公务接待费12.00万元，比上年增加2.00万元。")


def test_a_consistent_narrative_passes_every_check():
    doc = small_doc(*CONSISTENT)
    assert findings(doc, "error") == []
    assert sorted({rule for rule, _ in findings(doc, "ok")}) == sorted(NARRATIVE_RULES)


def test_a_changed_amount_is_one_error_at_its_line():
    doc = small_doc(*CONSISTENT[:2], "一般公共服务支出880.00万元。", CONSISTENT[3])
    assert findings(doc, "error") == [("narrative_amount", 103)]
    [f] = [f for f in audit(doc) if f.severity == "error"]
    assert f.message == "情况说明「一般公共服务支出」880万元，但支出总表「一般公共服务支出」合计为 800.00万元，相差 80.00万元"
    assert [(e.value, e.table, e.column) for e in f.figures] == [(D("880.00"), None, None),
                                                                 (D("800.00"), "支出总表", "合计")]


def test_a_share_that_does_not_follow_from_the_amounts_is_one_error():
    doc = small_doc(CONSISTENT[0], "其中：基本支出600.00万元，占66.00%；项目支出400.00万元，占40.00%。",
                    *CONSISTENT[2:])
    assert findings(doc, "error") == [("narrative_share", 102)]


def test_a_rate_that_does_not_follow_from_the_change_is_one_error():
    doc = small_doc("2026年本部门支出预算1,000.00万元，比上年增加200.00万元，增长20.00%。", *CONSISTENT[1:])
    assert findings(doc, "error") == [("narrative_change", 101)]


def test_a_flipped_direction_word_is_one_error():
    doc = small_doc("2026年本部门支出预算1,000.00万元，比上年减少200.00万元，增长25.00%。", *CONSISTENT[1:])
    assert findings(doc, "error") == [("narrative_direction", 101)]


def test_a_direction_against_last_years_column_is_one_error():
    doc = small_doc(*CONSISTENT[:3], "公务接待费12.00万元，比上年减少2.00万元。")
    assert findings(doc, "error") == [("narrative_direction", 104)]


def test_a_sum_within_rounding_is_rounding_not_error():
    doc = small_doc(*CONSISTENT[:2], "一般公共服务支出800.03万元。", CONSISTENT[3])
    assert findings(doc, "error") == []
    assert findings(doc, "rounding") == [("narrative_amount", 103)]


@pytest.mark.parametrize("sentence", [
    "2025年一般公共服务支出880.00万元。",  # another year
    "其中一般公共预算拨款采购90.00万元：一般公共服务支出880.00万元。",  # a part of an unknown whole
    "某某中心预算880.00万元，其中一般公共服务支出880.00万元。",  # a unit of the department
    "一般公共服务支出年初预算880.00万元。",  # another stage
    "支出880.00万元。",  # a bare total nobody owns
])
def test_a_figure_of_another_scope_is_left_alone(sentence):
    assert findings(small_doc(sentence), "error") == []


def test_a_change_in_yuan_is_compared_in_yuan():
    doc = small_doc("公务接待费120,000元。")
    assert findings(doc, "ok") == [("narrative_amount", 101)]


# ---------------------------------------------------------------- real disclosures


@dataclasses.dataclass(frozen=True)
class Plant:
    """One defect planted in one printed line: ``old`` becomes ``new`` on line ``line``."""

    doc: str
    line: int
    old: str
    new: str
    rule: str

    def __str__(self) -> str:
        return f"{self.doc}:L{self.line}:{self.old}->{self.new}"


PLANTS = [
    # the seed (text)
    Plant("yangquan-bigdata-bureau-2023-budget", 487, "基本支出519.08万元", "基本支出591.08万元", "narrative_amount"),
    Plant("yangquan-bigdata-bureau-2023-budget", 512, "人员经费467.45万元", "人员经费476.45万元", "narrative_amount"),
    Plant("yangquan-bigdata-bureau-2023-budget", 502, "占2.56%", "占5.26%", "narrative_share"),
    Plant("yangquan-bigdata-bureau-2023-budget", 498, "增加77.63%", "增加67.63%", "narrative_change"),
    Plant("yangquan-bigdata-bureau-2023-budget", 498, "比上年增加5108.42万元", "比上年减少5108.42万元",
          "narrative_direction"),
    # Fujian template
    Plant("fuzhou-commerce-2026-budget", 479, "基本支出 3861.25 万元", "基本支出 3816.25 万元", "narrative_amount"),
    Plant("fuzhou-commerce-2026-budget", 487, "2163.74 万元", "2613.74 万元", "narrative_amount"),
    Plant("fuzhou-commerce-2026-budget", 474, "增长 2.50%", "增长 3.50%", "narrative_change"),
    Plant("fuzhou-commerce-2026-budget", 482, "下降 3.69%", "增长 3.69%", "narrative_direction"),
    # Guangzhou template
    Plant("guangzhou-stats-2026-budget", 461, "9,483.72万元", "9,438.72万元", "narrative_amount"),
    Plant("guangzhou-stats-2026-budget", 474, "公务接待费8.16万元", "公务接待费8.61万元", "narrative_amount"),
    Plant("guangzhou-stats-2026-budget", 474, "下降39.6%", "下降29.6%", "narrative_change"),
    Plant("guangzhou-stats-2026-budget", 467, "减少22.65万元", "增加22.65万元", "narrative_direction"),
    # Zhejiang template
    Plant("hangzhou-meteo-2026-budget", 92, "占 6.9%", "占 9.6%", "narrative_share"),
    Plant("hangzhou-meteo-2026-budget", 77, "占 14.3%", "占 41.3%", "narrative_share"),
    Plant("hangzhou-meteo-2026-budget", 74, "卫生健康支出 80.52 万", "卫生健康支出 85.02 万", "narrative_amount"),
    Plant("hangzhou-meteo-2026-budget", 89, "增长 0.2%", "增长 2.0%", "narrative_change"),
    # Shenzhen template: the "三公" table prints last year's budget beside this year's
    Plant("shenzhen-audit-2026-budget", 200, "减少 5.21 万元", "增加 5.21 万元", "narrative_direction"),
    Plant("shenzhen-audit-2026-budget", 267, "下降 6.58%", "下降 8.56%", "narrative_change"),
]
DOCUMENTS = sorted({p.doc for p in PLANTS})


def _source(name: str) -> Path:
    return SEED if name == SEED.stem else CORPUS_REAL / f"{name}.pdf"


@lru_cache(maxsize=None)
def _content(name: str):
    """The seed's text, or the PDF's extracted pages: read once per module."""
    if name == SEED.stem:
        return SEED.read_text("utf-8")
    from budgetqa.parsing.pdf import extract_pdf
    return extract_pdf(_source(name))


def parse(name: str, plant: Plant | None = None) -> ParsedDocument:
    """The document as printed, or with ``plant``'s line changed."""
    content = _content(name)
    if name == SEED.stem:
        from budgetqa.parsing.document import parse_text
        text = content
        if plant is not None:
            lines = text.split("\n")
            assert lines[plant.line - 1].count(plant.old) == 1, plant
            lines[plant.line - 1] = lines[plant.line - 1].replace(plant.old, plant.new)
            text = "\n".join(lines)
        return parse_text(text, _source(name))
    from budgetqa.parsing.pdf import parse_pdf_content
    content = copy.deepcopy(content)
    if plant is not None:
        page = next(p for p in content.pages if any(ln.no == plant.line for ln in p.lines))
        i = next(i for i, ln in enumerate(page.lines) if ln.no == plant.line)
        assert page.lines[i].text.count(plant.old) == 1, (plant, page.lines[i].text)
        page.lines[i] = dataclasses.replace(page.lines[i], text=page.lines[i].text.replace(plant.old, plant.new))
    return parse_pdf_content(content, _source(name))


def _alarms(doc: ParsedDocument) -> set[tuple[str, str, str]]:
    return {(f.rule, f.severity, f.message) for f in audit(doc) if f.severity in ("error", "warning")}


@lru_cache(maxsize=None)
def _baseline(name: str) -> frozenset:
    return frozenset(_alarms(parse(name)))


needs_corpus = pytest.mark.skipif(not CORPUS_REAL.is_dir(), reason="the real corpus is not here")


@needs_corpus
@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_printed_documents_raise_no_narrative_error(name):
    assert [a for a in _baseline(name) if a[0] in NARRATIVE_RULES] == []


@needs_corpus
@pytest.mark.parametrize("plant", PLANTS, ids=str)
def test_a_planted_defect_is_reported_once_at_its_line(plant):
    mutated = parse(plant.doc, plant)
    new = [f for f in audit(mutated) if f.severity in ("error", "warning")
           and (f.rule, f.severity, f.message) not in _baseline(plant.doc)]
    assert [(f.rule, f.severity) for f in new] == [(plant.rule, "error")], [f.message for f in new]
    assert plant.line in new[0].lines


def test_enough_defects_are_planted_in_enough_documents():
    assert len(PLANTS) >= 15 and len(DOCUMENTS) >= 4
    assert {p.rule for p in PLANTS} == set(NARRATIVE_RULES)
