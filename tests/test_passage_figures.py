"""A figure taken from the narrative: only the one the question's words anchor, the whole
before its parts, and none when two figures are anchored equally well."""

from decimal import Decimal

from budgetqa.answering.passage_figures import figure_in_passages
from budgetqa.model import Passage


def _passage(text: str) -> Passage:
    return Passage("doc", "其他重要事项说明", 1, 3, text)


PURCHASE = _passage("（二）政府采购情况 2026 年，某市商务局政府采购预算总额 822.55 万元，其中：政府采购货物预算"
                    " 10.05 万元、政府采购工程预算 0万元、政府采购服务预算 812.5 万元。")


def test_the_total_before_the_parts_listed_after_qizhong():
    found = figure_in_passages("政府采购预算总额是多少", [PURCHASE], "money")
    assert found is not None and found.value == Decimal("822.55")


def test_a_part_named_in_the_question_is_that_part():
    found = figure_in_passages("政府采购服务预算是多少", [PURCHASE], "money")
    assert found is not None and found.value == Decimal("812.5")


def test_two_counts_anchored_equally_well_give_no_figure():
    vehicles = _passage("截至2023年底，本单位共有车辆 7辆。2024年度安排购置车辆 1辆。")
    assert figure_in_passages("今年还要买几辆", [vehicles], "辆") is None
