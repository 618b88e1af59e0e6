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


def test_each_of_the_named_bodies_is_listed_with_those_lacking_the_figure_named(qa):
    a = qa.answer("阳泉市大数据应用局、某县教育局的收入总计各是多少？")
    assert a.route == "computation" and "13,799.42" in a.text and "阳泉市大数据应用局" in a.text, a.text


def test_a_question_about_one_body_is_not_a_cross_document_question(qa):
    a = qa.answer("某县教育局的收入总计是多少")
    assert a.route == "lookup" and a.figures[0].value == D("13799.42")
    assert qa.answer("哪个项目钱最多", document="yangquan-bigdata-bureau-2023-budget").route != "refusal"


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    """One body's budgets of two years (机关运行经费 10.00 万元 less in the later), and another body."""
    import dataclasses
    import sys

    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings

    sys.path.insert(0, str(ROOT / "tests"))
    from builders import sample_transport_bureau_2022, write_disclosure

    home = tmp_path_factory.mktemp("years")
    early = sample_transport_bureau_2022()
    late = dataclasses.replace(early, year=2023, office_running=early.office_running - D("10.00"))
    paths = [write_disclosure(home / "docs", early), write_disclosure(home / "docs", late)]
    service = BudgetQA.open(Settings(home=home, corpus=ROOT / "corpus"))
    service.ingest(paths + [ROOT / "corpus"])
    return service, early, late


def test_one_bodys_change_between_two_years_is_the_later_less_the_earlier(two_years):
    qa, early, late = two_years
    a = qa.answer(f"{early.department}2023年的机关运行经费比2022年减少了多少？")
    assert a.route == "computation" and a.figures[0].value == D("10.00"), a.text
    assert a.figures[0].unit == "万元" and "2023年比2022年减少" in a.text
    assert {c.document for c in a.figures[0].cells} == {f"{early.slug}-2022-budget", f"{early.slug}-2023-budget"}
    other_way = qa.answer(f"{early.department}的机关运行经费，2022年比2023年多了多少")
    assert other_way.figures[0].value == D("10.00") and "2023年比2022年减少" in other_way.text, other_way.text


def test_one_bodys_growth_between_two_years_as_a_percentage(two_years):
    qa, early, late = two_years
    a = qa.answer(f"从2022年到2023年，{early.department}的机关运行经费下降了百分之几？")
    want = (D("10.00") / early.office_running * 100).quantize(D("0.01"))
    assert a.figures[0].unit == "%" and a.figures[0].value == want, a.text


def test_a_year_the_store_does_not_hold_is_not_compared(two_years):
    qa, early, _ = two_years
    a = qa.answer(f"{early.department}2023年的机关运行经费比2021年减少了多少？")
    assert not a.figures or a.figures[0].value != D("10.00"), a.text


def test_the_store_counts_its_documents_by_kind_scope_and_place(qa):
    a = qa.answer("库里有几份预算？")
    assert a.figures[0].value == 2 and a.figures[0].unit == "份", a.text
    assert {c.document for c in a.figures[0].cells} == {"yangquan-bigdata-bureau-2023-budget",
                                                        "mof-county-education-2025-budget"}
    assert qa.answer("库里有几份山西省的部门预算").figures[0].value == 1  # 阳泉 is a city of 山西
    assert qa.answer("库里有几份广东省的部门预算").figures[0].value == 0
    assert qa.answer("库里一共有几份部门决算（不是部门预算）？").figures[0].value == 1


def test_the_store_lists_its_documents(qa):
    a = qa.answer("库里有哪些决算？")
    assert a.answerable and "某市文化和旅游局2023年部门决算" in a.text and "阳泉" not in a.text, a.text
    assert qa.answer("库里有几个单位预算").figures[0].value == 0


@pytest.fixture(scope="module")
def budget_and_final(tmp_path_factory):
    """A body's 决算 (the test-built 某市文化和旅游局 2023) and a budget of the same body and year."""
    import dataclasses
    import sys

    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings

    sys.path.insert(0, str(ROOT / "tests"))
    from builders import sample_transport_bureau_2022, write_disclosure

    home = tmp_path_factory.mktemp("execution")
    plan = dataclasses.replace(sample_transport_bureau_2022(), department="某市文化和旅游局", year=2023,
                               slug="city-culture")
    service = BudgetQA.open(Settings(home=home, corpus=ROOT / "corpus"))
    service.ingest([write_disclosure(home / "docs", plan), ROOT / "tests" / "data" / "final-accounts-city-culture-2023.txt"])
    return service


def test_a_budgets_execution_rate_is_its_final_accounts_over_its_budget(budget_and_final):
    qa = budget_and_final
    plan = qa.answer("支出总计是多少", document="city-culture-2023-budget").figures[0]
    done = qa.answer("支出总计是多少", document="final-accounts-city-culture-2023").figures[0]
    a = qa.answer("某市文化和旅游局2023年预算执行率是多少？")
    assert a.route == "computation" and a.figures[0].unit == "%", a.text
    assert a.figures[0].value == (done.value / plan.value * 100).quantize(D("0.01"))
    assert {c.document for c in a.figures[0].cells} == {"city-culture-2023-budget", "final-accounts-city-culture-2023"}


def test_what_was_spent_is_not_summed_from_budgets(qa):
    a = qa.answer("阳泉市大数据应用局和某县教育局实际花了多少钱合计")
    assert not a.figures, a.text


# ---------------------------------------------------------------- one city's bodies over years

# (department, the place its projects' units print, years, its 三公经费 in 2025 and later, 万元)
CITY = [
    ("澜川市东湖区统计局", "澜川市东湖区", (2024, 2025), D("30.00")),
    ("澜川市西岭区统计局", "澜川市西岭区", (2025,), D("20.00")),
    ("澜川市统计局", "澜川市", (2025,), D("50.00")),
    ("澜川市民政局", "澜川市", (2025,), D("40.00")),
    ("澜川市人民政府办公室", "澜川市", (2025,), D("60.00")),
]


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """Six documents of one invented city (built by the test builders): two years of one
    district's 统计局, another district's, the city's own 统计局, 民政局 and 人民政府办公室. No
    search index: every answer here is the documents' tables."""
    import dataclasses

    from builders import render, sample_health_commission_2024
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings

    base = sample_health_commission_2024()
    folder = tmp_path_factory.mktemp("city-files")
    paths = []
    for n, (department, region, years, three) in enumerate(CITY):
        for year in years:
            # the 2024 document prints one tenth more, so a ranking over both years would differ
            scale = D("1") if year >= 2025 else D("1.1")
            parts = {k: v * three * scale / base.three_public_total for k, v in base.three_public.items()}
            d = dataclasses.replace(base, department=department, year=year, region=region,
                                    three_public=parts, slug=f"city-{n}")
            path = folder / f"city-{n}-{year}-budget.txt"
            path.write_text(render(d).replace(base.region, region), encoding="utf-8")
            paths.append(path)
    service = BudgetQA.open(Settings(home=tmp_path_factory.mktemp("city"), corpus=ROOT / "corpus"),
                            with_index=False)
    service.ingest(paths)
    return service


def test_each_body_counts_once_in_its_latest_year(city):
    """各区统计局 are the districts' 统计局 (not the city's), each once, in its latest year."""
    a = city.answer("各区统计局的三公经费排个名")
    assert sorted(a.alternatives) == ["city-0-2025-budget", "city-1-2025-budget"], a.text
    assert a.text.startswith("三公经费最多的是澜川市东湖区统计局2025年预算，30.00万元。在2个文件中比较"), a.text


def test_a_place_names_its_own_bodies_not_its_districts(city):
    from budgetqa.answering.across import members_of

    assert sorted(members_of(city, "澜川市哪个部门的三公经费最多", [])) == [
        "city-2-2025-budget", "city-3-2025-budget", "city-4-2025-budget"]
    a = city.answer("澜川市哪个部门的三公经费最多")
    assert a.text.startswith("三公经费最多的是澜川市人民政府办公室2025年预算，60.00万元。在3个文件中比较"), a.text
    # 人民政府 holds the characters 民政 but is not a 民政 body
    assert members_of(city, "所有民政部门的三公经费", []) == ["city-3-2025-budget"]


def test_two_named_bodies_are_two_members_whatever_years_the_store_holds(city):
    a = city.answer("澜川市东湖区统计局和澜川市西岭区统计局的三公经费相差多少")
    assert a.route == "computation" and a.figures[0].value == D("10.00"), a.text
    assert a.figures[0].arithmetic == "30.00 − 20.00 = 10.00"


def test_one_body_across_the_years_it_names(city):
    a = city.answer("澜川市东湖区统计局2024年和2025年的三公经费相差多少")
    assert sorted(a.alternatives) == ["city-0-2024-budget", "city-0-2025-budget"], a.text
    assert a.figures[0].arithmetic == "33.00 − 30.00 = 3.00"


def test_only_the_members_are_answered(city, monkeypatch):
    """The work is one single-document answer per member, whatever else the store holds, and
    the measure is read once."""
    import budgetqa.answering.router as router

    routed, parsed = [], []
    route, parse = type(city).route, router.parse_question
    monkeypatch.setattr(type(city), "route", lambda self, intent, d: routed.append(d) or route(self, intent, d))
    monkeypatch.setattr(router, "parse_question", lambda q: parsed.append(q) or parse(q))
    city.clear_caches()
    city.answer("澜川市哪个部门的三公经费最多")
    assert sorted(routed) == ["city-2-2025-budget", "city-3-2025-budget", "city-4-2025-budget"]
    assert parsed == ["三公经费是多少"]


def test_one_place_finder_reads_the_vocabulary_or_the_stored_bodies_places():
    """``places_in`` is the one finder: of the vocabulary's provinces and cities (the store's
    counts) or of the places the stored bodies print (a group across documents), in the
    question's order, each once, the longest where two overlap."""
    from budgetqa.parsing.bodies import places_in

    assert places_in("库里有几份2026年的部门预算来自广东省") == ["广东省"]
    assert places_in("深圳市和广东的预算") == ["深圳市", "广东"]
    printed = {"澜川市", "东湖区", "西岭区", "白石县"}
    assert places_in("白石县和澜川市东湖区的统计局，澜川市的呢", printed) == ["白石县", "澜川市", "东湖区"]
    assert places_in("广东省的统计局", printed) == []  # only the stored bodies' places


def test_the_stores_counts_and_a_group_read_the_same_places(city):
    """澜川市东湖区 is no city of the vocabulary; the count of the store's documents finds it among
    the stored bodies' places, as a group across documents does."""
    from budgetqa.answering.across import members_of

    a = city.answer("库里有几份澜川市东湖区的部门预算")
    assert a.figures[0].value == 2, a.text
    assert {c.document for c in a.figures[0].cells} == {"city-0-2024-budget", "city-0-2025-budget"}
    assert members_of(city, "澜川市东湖区哪个部门的三公经费最多", []) == ["city-0-2025-budget"]


def test_a_total_of_named_bodies_one_of_which_has_no_document_of_the_year_is_not_given(qa):
    # 某县教育局's disclosure is of 2025: the 2023 total of the three is not the two others' sum
    a = qa.answer("阳泉市大数据应用局、某县教育局和某市文化和旅游局2023年的项目支出加起来是多少")
    assert not a.figures and "某县教育局" in a.text, a.text


def test_the_measure_asked_across_two_documents_of_one_body_is_what_remains_of_the_question():
    from budgetqa.answering.across import measure_of

    q = "某市人民政府办公室2026年的部门预算和它的本级单位预算，收入合计相差多少万元？"
    assert measure_of(q, ["某市人民政府办公室", "某市人民政府办公室（本级）"]) == "收入合计"
