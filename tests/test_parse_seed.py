"""The seed disclosure parses into exact tables, forms, sections and definitions."""

from __future__ import annotations

from decimal import Decimal as D

import pytest


def row(doc, kind, label=None, code=None, side=None):
    t = doc.table(kind)
    for r in t.rows:
        if (code and r.code == code) or (label and r.label == label and (side is None or r.side == side)):
            return r
    raise AssertionError(f"no row {label or code} in {kind}")


def test_metadata(seed_doc):
    assert seed_doc.department == "阳泉市大数据应用局"
    assert seed_doc.year == 2023
    assert (seed_doc.kind, seed_doc.scope) == ("预算", "部门")


def test_every_standard_table_is_recognised(seed_doc):
    kinds = [t.kind for t in seed_doc.tables]
    assert kinds == ["summary", "income", "expense", "fiscal_summary", "gp_expense", "gp_basic_economic",
                     "fund_income", "fund_expense", "soe", "three_public", "office_running", "project",
                     "project_carryover"]
    assert all(t.unit == "万元" for t in seed_doc.tables)


def test_summary_table_two_sides(seed_doc):
    assert row(seed_doc, "summary", "一、一般公共预算", side="收入").values["金额"] == D("11689.17")
    sci = row(seed_doc, "summary", "六、科学技术支出", side="支出")
    assert sci.values["合计"] == D("11259.20") and sci.values["上年结转安排"] is None
    # the table continues after a page break
    assert row(seed_doc, "summary", "支出总计", side="支出").values["合计"] == D("11689.17")


def test_income_and_expense_rows_by_code(seed_doc):
    assert row(seed_doc, "income", code="2080506").values["合计"] == D("23.34")
    assert row(seed_doc, "income", code="2080506").values["单位资金"] is None  # blank, not zero
    r = row(seed_doc, "expense", code="2060101")
    assert (r.values["合计"], r.values["基本支出"], r.values["项目支出"]) == (D("10259.20"), D("130.41"), D("10128.79"))
    assert row(seed_doc, "expense", code="20699").values["基本支出"] is None
    assert row(seed_doc, "gp_expense", code="2210201").values["合计"] == D("38.88")
    total = row(seed_doc, "expense", "合计")
    assert (total.values["基本支出"], total.values["项目支出"]) == (D("519.08"), D("11170.09"))


def test_fiscal_summary_continues_after_page_break(seed_doc):
    assert row(seed_doc, "fiscal_summary", "二十、住房保障支出", side="支出").values["小计"] == D("38.88")
    assert row(seed_doc, "fiscal_summary", "收入总计", side="收入").values["金额"] == D("11689.17")


def test_economic_ledger_rows_pair_two_government_items(seed_doc):
    t = seed_doc.table("gp_basic_economic")
    basic = [r for r in t.rows if r.label == "基本工资"]
    assert [(r.label2, r.values["合计"]) for r in basic] == [("工资奖金津补贴", D("53.35")), ("工资福利支出", D("93.72"))]
    total = row(seed_doc, "gp_basic_economic", "合计")
    assert (total.values["人员经费"], total.values["公用经费"]) == (D("467.45"), D("51.64"))
    assert row(seed_doc, "gp_basic_economic", "退休费").values["人员经费"] == D("29.57")


def test_empty_tables_are_marked(seed_doc):
    for kind in ("fund_income", "fund_expense", "soe", "three_public", "project_carryover"):
        t = seed_doc.table(kind)
        assert t.empty and "本表无数据" in t.note, kind
    assert not seed_doc.table("office_running").empty
    assert row(seed_doc, "office_running", "部门合计").values["合计"] == D("22.94")


PROJECTS = {
    "大数据与智能物联网应用基地体验中心运行费": "10.00", "政府投资信息化项目专项资金": "5000.00",
    "政府投资信息化项目管理费": "60.00", "政府投资信息化项目2022年度未形成支付专项资金": "3383.20",
    "政府投资信息化项目2022年未形成支付管理费": "0.20", "市级数字经济项目奖励资金": "360.39",
    "认定数字经济企业专项资金": "265.00", "数字经济领域活动费用": "50.00", "智慧教育平台项目": "1000.00",
    "阳泉市数字政府(智慧城市)建设项目(二期)": "1000.00", "精准扶贫干部驻村生活补贴": "2.50",
    "2022年专业人员聘用补贴": "38.80",
}


def test_all_twelve_projects(seed_doc):
    t = seed_doc.table("project")
    assert {r.label: str(r.values["合计"]) for r in t.rows} == PROJECTS


def test_forms_merge_and_missing_form(seed_doc):
    assert len(seed_doc.forms) == 11
    repeated = next(f for f in seed_doc.forms if f.project == "政府投资信息化项目2022年度未形成支付专项资金")
    assert len(repeated.variants) == 4
    assert repeated.amounts["年度资金总额"] == D("33832000")
    assert seed_doc.missing_forms == ["阳泉市数字政府(智慧城市)建设项目(二期)"]
    village = next(f for f in seed_doc.forms if f.project == "精准扶贫干部驻村生活补贴")
    assert "平定县柏井镇东山村" in village.fields["项目概况"]
    assert village.amounts["年度资金总额"] == D("25000")


def test_sections_and_definitions(seed_doc):
    titles = [s.title for s in seed_doc.sections]
    assert "七、“三公”经费增减变动原因说明" in titles
    three = next(s for s in seed_doc.sections if s.title.startswith("七、"))
    assert three.text == "本部门无“三公”经费预算。"
    terms = [d.term for d in seed_doc.definitions]
    assert terms[:2] == ["基本支出", "项目支出"] and "机关运行经费" in terms and "单位资金" in terms


def test_narrative_facts(seed_doc):
    facts = {(f.subject, f.measure): f.value for f in seed_doc.facts}
    assert facts[("预算收入总计", "比上年增减额")] == D("5108.42")
    assert facts[("预算收入总计", "比上年增减%")] == D("77.63")
    assert facts[("基本支出", "占比")] == D("4.44")
