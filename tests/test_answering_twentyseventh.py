"""Classes of questions the twenty-seventh blind round (and the misses left from earlier rounds)
answered with a wrong figure or missed, each pinned on a document built by hand with other names
and figures: the reason asked of a short subject (收入) is the sentence where that subject is what
changed, with the body named first in any of its short forms."""

from __future__ import annotations

from budgetqa.model import ParsedDocument
from budgetqa.service import BudgetQA
from budgetqa.settings import Settings
from budgetqa.store import Store
from test_answering_eleventh import income, section, summary


def qa_of(store_location, department: str, *tables, sections=()) -> BudgetQA:
    doc = ParsedDocument("d", "d.pdf", f"{department}2026年部门预算", department, 2026, "预算", "部门", "h",
                         tables=list(tables), sections=list(sections))
    Store(store_location).save(doc)
    return BudgetQA(Settings(), Store(store_location), None)


# ---------------------------------------------------------------- reasons


def test_the_reason_asked_of_a_short_subject_is_where_that_subject_changed(store_location):
    said = section("一、部门预算收支情况",
                   "（一）收入预算。2026 年年初预算数 9,230.18 万元，其中：一般公共预算拨款 8,417.70 万元，收入比"
                   " 2025 年增加 1,784.38 万元，其中：一般公共预算财政拨款增加 1,781.90 万元，主要是增加了便民热线"
                   "运营项目二期预算；事业收入增加 2.48 万元，主要是统一政策要求。")
    running = section("五、其他重要事项的情况说明",
                      "（一）机关运行经费。2026 年一般公共预算财政拨款运行经费 815 万元，比 2025 年增加 21.99 万元，"
                      "主要原因为在职人员较去年有所增加；主要用于办公费、印刷费。")
    qa = qa_of(store_location, "泸州市人民政府办公室", income(), summary(), sections=[said, running])
    for q in ("泸州市政府办公室2026年收入增加的主要原因是什么？", "收入为什么比上年增加了？"):
        a = qa.answer(q)
        assert "便民热线" in a.text, (q, a.text)
