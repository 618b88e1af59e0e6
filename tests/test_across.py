"""Questions across documents (``budgetqa.answering.across``): one measure asked of the bodies a
question names, each answered by its own document under every single-document rule, then
compared, summed, ranked or listed, with every figure's source; a member whose document does
not give the figure is named, never counted as zero."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings

    home = tmp_path_factory.mktemp("across")
    service = BudgetQA.open(Settings(home=home, corpus=ROOT / "corpus"))
    service.ingest([ROOT / "corpus", ROOT / "tests" / "data" / "mof-county-education-2025-budget.txt",
                    ROOT / "tests" / "data" / "final-accounts-city-culture-2023.txt"])
    return service


def test_a_difference_between_two_named_bodies(qa):
    a = qa.answer("阳泉市大数据应用局和某县教育局的收入总计相差多少")
    assert a.route == "computation" and a.figures[0].value == D("2110.25"), a.text
    assert a.figures[0].arithmetic == "13799.42 − 11689.17 = 2110.25"
    assert {c.document for c in a.figures[0].cells} == {"yangquan-bigdata-bureau-2023-budget",
                                                        "mof-county-education-2025-budget"}


def test_which_of_two_named_bodies_has_more(qa):
    a = qa.answer("阳泉市大数据应用局和某县教育局的收入总计谁更多")
    assert a.text.startswith("收入总计最多的是某县教育局2025年预算"), a.text
    assert a.figures[0].value == D("13799.42")


def test_a_sum_over_named_bodies_shows_each_term(qa):
    a = qa.answer("阳泉市大数据应用局、某县教育局和某市文化和旅游局的项目支出加起来是多少")
    assert a.figures[0].value == D("14502.97"), a.text
    assert len(a.figures[0].cells) == 3


def test_a_question_about_one_body_is_not_a_cross_document_question(qa):
    a = qa.answer("某县教育局的收入总计是多少")
    assert a.route == "lookup" and a.figures[0].value == D("13799.42")
    assert qa.answer("哪个项目钱最多", document="yangquan-bigdata-bureau-2023-budget").route != "refusal"
