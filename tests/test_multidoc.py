"""A corpus holding the seed and both real PDFs: scoped answers, page provenance, per-item
year-on-year facts, and asking which department when a question fits several."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from conftest import ROOT

EXTRA = ROOT.parent / "shared" / "corpus-extra"
WANLI = EXTRA / "shanghai-putuo-wanli-street-2024-budget.pdf"
OFFICE = EXTRA / "shanghai-putuo-district-office-2025-budget.pdf"

pytestmark = pytest.mark.skipif(not (WANLI.exists() and OFFICE.exists()),
                                reason=f"real PDFs not available at {EXTRA}")


@pytest.fixture(scope="module")
def qa(tmp_path_factory):
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings

    home = tmp_path_factory.mktemp("multidoc")
    service = BudgetQA.open(Settings(home=home, corpus=ROOT / "corpus"))
    report = service.ingest([ROOT / "corpus", EXTRA])  # the folder's README.md is skipped
    assert report.documents == 3 and len(report.skipped) == 1
    return service


def first(a):
    f = a.figures[0]
    return f.value, f.unit


def test_department_named_by_short_name_selects_its_document(qa):
    a = qa.answer("区府办人员经费是多少")
    assert a.document == "shanghai-putuo-district-office-2025-budget"
    assert first(a) == (D("22473997.81"), "元")
    b = qa.answer("万里街道机关运行经费是多少")
    assert b.document == "shanghai-putuo-wanli-street-2024-budget" and first(b)[0] == D("443.18")


def test_pdf_figures_carry_their_page(qa):
    a = qa.answer("普陀区政府办公室机关运行经费合多少元")
    assert first(a) == (D("2132800"), "元")  # printed as 213.28 万元, asked in 元
    assert a.figures[0].source.page == 20
    assert "原表为 213.28万元" in a.text


def test_split_code_and_table_in_yuan_asked_in_wanyuan(qa):
    a = qa.answer("万里街道2120101的基本支出是多少万元")
    assert first(a) == (D("1635.3248"), "万元")
    assert a.figures[0].source.code == "2120101" and a.figures[0].source.page == 19


def test_per_item_last_year_executed_and_change(qa):
    a = qa.answer("万里街道公共法律服务2023年预算执行数是多少")
    assert first(a) == (D("15.00"), "万元") and a.answerable
    b = qa.answer("万里街道专项普查活动比上年少了多少")
    assert first(b) == (D("34.36"), "万元")
    assert "60.13" in b.figures[0].arithmetic


def test_other_department_or_year_is_refused(qa):
    assert not qa.answer("太原市大数据应用局2023年预算多少").answerable
    assert qa.answer("万里街道2025年部门预算是多少").route == "refusal"


def test_question_fitting_several_documents_says_which_and_offers_others(qa):
    a = qa.answer("三公经费是多少")
    assert a.answerable and a.alternatives
    assert "按" in a.text and "也可能指" in a.text


def test_seed_still_answers_in_the_mixed_corpus(qa):
    a = qa.answer("阳泉市大数据应用局智慧教育平台项目预算多少")
    assert a.document == "yangquan-bigdata-bureau-2023-budget" and first(a) == (D("1000.00"), "万元")
