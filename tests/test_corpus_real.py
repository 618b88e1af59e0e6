"""Real disclosures from many provinces (``../shared/corpus-real``), read in place.

The figures were read off the PDF pages by people who never saw the parser
(``tests/data/corpus_real_figures_*.json``); each is looked up in its table, on its page, in its
row and column (``tests/corpus_real.py``). Figures the reader still gets wrong are listed in
``tests/data/corpus_real_known_gaps.json`` and run as strict xfails: fixing one fails the
suite until it is taken off the list, so the list can only shrink honestly.
"""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from corpus_real import CORPUS_REAL, check_body, documents, find, manifest

pytestmark = pytest.mark.slow

if not CORPUS_REAL.exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"CI must have the real corpus at {CORPUS_REAL}")
    pytest.skip(f"{CORPUS_REAL} is not here", allow_module_level=True)

GAPS = set(json.loads((Path(__file__).parent / "data" / "corpus_real_known_gaps.json")
                      .read_text("utf-8")))


def figure_id(doc: dict, fig: dict) -> str:
    return f"{Path(doc['file']).stem}:p{fig['page']}:{fig['table']}:{fig.get('code') or fig['row']}:{fig['column']}"


FIGURES = [(d, f) for d in documents() for f in d["figures"]]


@pytest.fixture(scope="session")
def parsed():
    from budgetqa.parsing.pdf import parse_pdf

    cache: dict[str, object] = {}

    def get(file: str):
        if file not in cache:
            cache[file] = parse_pdf(CORPUS_REAL / file)
        return cache[file]

    return get


@pytest.mark.parametrize(
    "doc,fig",
    [pytest.param(d, f, id=figure_id(d, f),
                  marks=[pytest.mark.xfail(strict=True, reason="known reading gap")]
                  if figure_id(d, f) in GAPS else [])
     for d, f in FIGURES])
def test_figure_read_off_the_page_is_in_its_cell(parsed, doc, fig):
    value, where = find(parsed(doc["file"]), fig)
    assert value is not None, where
    assert abs(value - Decimal(str(fig["value"]))) <= Decimal("0.000001"), where


def test_at_least_six_figures_pinned_in_twelve_documents_of_several_provinces():
    per_doc: dict[str, int] = {}
    for d, f in FIGURES:
        if figure_id(d, f) not in GAPS:
            per_doc[d["file"]] = per_doc.get(d["file"], 0) + 1
    pinned = [f for f, n in per_doc.items() if n >= 6]
    provinces = {m["province"] for m in manifest() if m["file"] in pinned}
    assert len(pinned) >= 12, per_doc
    assert len(provinces) >= 8, provinces


def _plain(name: str) -> str:
    return re.sub(r"[（(].*?[）)]", "", name)


MANIFEST = manifest()


@pytest.mark.parametrize("entry", MANIFEST, ids=[m["file"] for m in MANIFEST])
def test_body_year_kind_and_scope_are_detected(parsed, entry):
    doc = parsed(entry["file"])
    kind = "决算" if "决算" in entry["kind"] else "预算"
    scope = "单位" if entry["kind"].startswith("单位") else "部门"
    assert (doc.year, doc.kind, doc.scope) == (int(entry["year"]), kind, scope)
    if "tables only" in entry["kind"]:
        # The body is named only in its narrative file: ingesting both gives it (see below).
        return
    assert _plain(entry["body"]) in _plain(doc.department) or _plain(doc.department) in _plain(entry["body"])
    assert doc.evidence.get("department") is not None


@pytest.mark.parametrize("entry", MANIFEST, ids=[m["file"] for m in MANIFEST])
def test_place_level_and_aliases_of_the_body_as_detected(parsed, entry):
    if "tables only" in entry["kind"]:
        return  # the body is named in its narrative file (see below)
    check_body(parsed(entry["file"]).department, entry)


def test_a_disclosure_published_as_two_files_is_one_document(tmp_path):
    from budgetqa.ingest import ingest
    from budgetqa.store import Store

    store = Store(tmp_path / "store.db")
    report = ingest([CORPUS_REAL / "beijing-stats-2026-budget-narrative.pdf",
                     CORPUS_REAL / "beijing-stats-2026-budget-tables.pdf"], store)
    assert report.ingested == ["beijing-stats-2026-budget"]
    doc = store.load("beijing-stats-2026-budget")
    assert (doc.department, doc.year, doc.kind) == ("北京市统计局", 2026, "预算")
    assert doc.table("gp_expense") is not None and doc.sections


# ------------------------------------------------------------------ answering on real documents
# Each blind document also came with questions a citizen might ask (a total, a subject by name
# and by code, 三公, a 决算数), written with the figures by the same helpers. Asked of the
# ingested document, the answer's first figure must be that figure (in the question's unit).
# First run, before any answering fix: 50 of 60 right, 7 wrong figures (see README).

QUESTIONS = [(d, q) for d in documents() for q in d.get("questions", [])]


@pytest.fixture(scope="module")
def answering(tmp_path_factory):
    from budgetqa.ingest import ingest
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings
    from budgetqa.store import Store

    home = tmp_path_factory.mktemp("real-answers")
    store = Store(home / "store.db")
    files = sorted({CORPUS_REAL / d["file"] for d, _ in QUESTIONS})
    # a disclosure published as two files is ingested as both
    files += [f.with_name(f.name.replace("-tables", "-narrative")) for f in files
              if "-tables" in f.name and f.with_name(f.name.replace("-tables", "-narrative")).exists()]
    report = ingest(files, store)
    # a merged disclosure's id is the common stem of its files
    ids = {f.name: next(c.doc_id for c in report.coverage if f.stem.startswith(c.doc_id))
           for f in files}
    return BudgetQA(Settings(home=home), store, None), ids


@pytest.mark.parametrize("doc,q", [pytest.param(d, q, id=f"{Path(d['file']).stem}:{q['question']}")
                                   for d, q in QUESTIONS])
def test_question_on_a_real_document_gets_the_printed_figure(answering, doc, q):
    from budgetqa.model import convert

    qa, ids = answering
    answer = qa.answer(q["question"], document=ids[doc["file"]])
    assert answer.figures, answer.text
    figure = answer.figures[0]
    value = convert(figure.value, figure.unit, q["unit"])
    assert abs(value - Decimal(str(q["value"]))) <= Decimal("0.000001"), answer.text


# ---------------------------------------------------------------- the narrative of real documents

@pytest.mark.parametrize("file,terms", [
    # '第四部分名词解释' whose numbered items read like subheadings
    ("wuxi-xinfang-2025-budget.pdf", ["基本支出", "机关运行经费", "一般公共服务支出(类)信访事务(款)信访业务(项)"]),
    # '六、专业性名词解释' under another part, items numbered （一）
    ("chongqing-gov-office-2026-budget.pdf", ["财政拨款收入", "项目支出", "机关运行经费"]),
    ("guangzhou-xinfang-2026-budget.pdf", ["财政拨款收入", "基本支出"]),
])
def test_glossary_terms_are_read_wherever_the_heading_sits(parsed, file, terms):
    doc = parsed(file)
    got = {d.term: d.text for d in doc.definitions}
    for term in terms:
        assert term in got, sorted(got)
        assert len(got[term]) >= 8


def test_a_list_of_units_printed_as_a_grid_stays_in_its_section(parsed):
    doc = parsed("shanghai-putuo-social-work-2024-final.pdf")
    section = next(s for s in doc.sections if "单位构成" in s.title)
    assert "上海市普陀区社会工作发展服务中心" in section.text
    assert "从预算单位构成看" in section.text  # the paragraph above the grid is not dropped


# Every error and warning the audit gives on the real corpus, each confirmed on the printed page
# (the README lists what they say). A new finding is either a new false alarm or a real slip
# to confirm on the page before it is added here.
CONFIRMED = json.loads((Path(__file__).parent / "data" / "audit_confirmed_findings.json").read_text("utf-8"))


@pytest.mark.parametrize("entry", MANIFEST, ids=[m["file"] for m in MANIFEST])
def test_the_audit_reports_only_what_was_confirmed_on_the_page(parsed, entry):
    from budgetqa.audit import audit

    findings = audit(parsed(entry["file"]))
    flagged = sorted({(f.rule, f.severity, min(f.pages) if f.pages else None)
                      for f in findings if f.severity in ("error", "warning")})
    assert flagged == sorted(tuple(x) for x in CONFIRMED.get(Path(entry["file"]).stem, []))
    assert all(f.figures and all(e.page for e in f.figures if e.table) for f in findings
               if f.severity in ("error", "warning")), "every finding shows its evidence and pages"


# ---------------------------------------------------------------- layouts read as printed
# Each test pins figures read off the printed page for one class of layout the reader once got
# wrong; the same rule serves every document printed that way.

def _row(table, label):
    return next(r for r in table.rows if r.label == label)


def test_a_total_merged_over_grid_rows_and_a_byline_inside_the_grid_are_read_as_printed(parsed):
    doc = parsed("jiangsu-procuratorate-2019-budget.pdf")
    office = next(t for t in doc.tables if t.kind == "office_running" and t.page == 21)
    assert [r.label for r in office.rows].count("合计") == 1
    assert _row(office, "合计").values == {"机关运行经费支出": Decimal("2391.92")}
    purchase = next(t for t in doc.tables if t.kind == "gov_purchase" and t.page == 22)
    assert purchase.unit == "万元" and purchase.columns == ["合计"]
    assert _row(purchase, "合计").values == {"合计": Decimal("2744.84")}
    desktop = next(r for r in purchase.rows if r.label == "台式计算机（20万以下）")
    assert (desktop.values, desktop.texts) == ({"合计": Decimal("9.00")}, {"采购组织形式": "分散自行组织"})
    # p15: the figures are printed one thin column left of their headers
    expense = next(t for t in doc.tables if t.kind == "expense" and t.page == 15)
    assert _row(expense, "合计").values == {
        "合计": Decimal("24169.74"), "基本支出": Decimal("15844.04"), "项目支出": Decimal("4335.30"),
        "单位预留机动经费": Decimal("3990.4"), "结转下年资金": None}


def test_a_carried_over_money_table_is_not_the_fiscal_expense_table_and_a_grid_toc_is_no_table(parsed):
    doc = parsed("xian-hrss-2020-budget.pdf")
    assert not [t for t in doc.tables if t.page == 28]  # the 目录, printed as a grid
    assert doc.table("summary").page == 29 and doc.table("fiscal_expense") is None
    carried = doc.table("carryover")
    assert (carried.page, carried.title) == (45, "2020年部门综合预算财政拨款结转资金支出表")
    assert [(r.label, r.values["预算数"]) for r in carried.rows] == [
        ("2019年城乡居民养老保险经费", Decimal("7.70")), ("2019年就业工作经费", Decimal("47.51")),
        ("2019年就业工作经费", Decimal("26.38")), ("2019年就业工作经费", Decimal("3.82")),
        ("市级就业补助及创业贷款贴息资金", Decimal("5.16"))]
    assert carried.rows[0].texts["功能分类科目名称"] == "社会保险经办机构"


def test_a_project_category_column_is_not_the_project_name(parsed):
    project = parsed("yantai-stats-2026-budget.pdf").table("project")
    assert [(r.label, r.values["合计"], r.texts.get("项目类别")) for r in project.rows] == [
        ("合计", Decimal("419.00"), None),
        ("实施公车统管费用", Decimal("25.00"), "其他运转类"),
        ("设备购置更新", Decimal("16.00"), "特定目标类"),
        ("统计周期性调查", Decimal("368.00"), "特定目标类"),
        ("1%人口抽样调查", Decimal("10.00"), "特定目标类")]


def test_codes_and_figures_printed_across_the_row_rules_stay_with_their_names(parsed):
    # 重庆 prints each row's code and figures half a row below its name, across the rule
    doc = parsed("chongqing-sci-tech-2026-budget.pdf")
    income = doc.table("income")
    rows = {r.code: r for r in income.rows if r.code}
    assert [r.label for r in income.rows if r.code is None] == ["合计"]
    assert (rows["201"].label, rows["201"].values["合计"]) == ("一般公共服务支出", Decimal("5183.00"))
    assert (rows["20602"].label, rows["20602"].values["合计"]) == ("基础研究", Decimal("52333.24"))
    assert (rows["2060201"].label, rows["2060201"].values["合计"], rows["2060201"].values["事业收入"],
            rows["2060201"].values["其他收入"]) == ("机构运行", Decimal("7060.96"), Decimal("1258.96"),
                                               Decimal("5802.00"))
    # the last row of p9, printed across the table's bottom rule, is read
    assert (rows["2060203"].page, rows["2060203"].label, rows["2060203"].values["合计"]) == (
        9, "自然科学基金", Decimal("15500.00"))
    # p11: two rows pdfplumber put in one cell are two rows again
    assert (rows["2080501"].label, rows["2080501"].values["合计"]) == ("行政单位离退休", Decimal("31.01"))
    assert (rows["2080505"].label, rows["2080505"].values["合计"], rows["2080505"].values["一般公共预算"]) \
        == ("机关事业单位基本养老保险缴费支出", Decimal("424.00"), Decimal("405.68"))
    expense = {r.code: r for r in doc.table("expense").rows if r.code}
    assert (expense["2060201"].label, expense["2060201"].values) == (
        "机构运行", {"合计": Decimal("7060.96"), "基本支出": Decimal("1260.96"), "项目支出": Decimal("5800.00")})
    fiscal = doc.table("fiscal_summary")
    spent = {r.label: r.values["合计"] for r in fiscal.rows if r.side == "支出"}
    assert (spent["（一）一般公共服务支出"], spent["（三）科学技术支出"]) == (Decimal("5183.00"), Decimal("147502.38"))


def _form(doc, project):
    return next(f for f in doc.forms if f.project == project)


def _levels(form):
    return [(i.level1, i.level2, i.level3, i.value) for i in form.indicators]


def test_key_value_performance_forms_are_read_with_amounts_targets_and_indicators(parsed):
    doc = parsed("fuzhou-police-swat-2026-unit-budget.pdf")
    assert [f.project for f in doc.forms] == [
        "公安执法执勤车辆消耗费", "警务辅助人员经费", "警用直升机租金及养护费", "民警法定工作日之外加班补贴",
        "特警队训练经费", "特警伙食补助费"]
    form = _form(doc, "公安执法执勤车辆消耗费")
    assert (form.unit, form.amounts) == ("万元", {"年度资金总额": Decimal("77.48"), "年度:财政拨款": Decimal("77.48"),
                                                   "年度:其他资金": Decimal("0.00")})
    assert (form.fields["主管部门"], form.fields["实施单位"], form.fields["年度目标"]) == (
        "福州市公安局", "福州市公安局巡特警支队", "用于补助“110”巡逻车及其他公安执法执勤车辆消耗费支出。")
    assert _levels(form) == [
        ("成本指标", "经济成本指标", "车辆消耗费总额", "≤77.48万元"),
        ("产出指标", "数量指标", "维保车辆数", "≥40辆"),
        ("产出指标", "质量指标", "车辆年检合格率", "=90%"),
        ("产出指标", "时效指标", "车辆保险及时缴纳率", "≥90%"),
        ("效益指标", "生态效益指标", "现有车辆国V标准达到率", "=100%"),
        ("满意度指标", "服务对象满意度指标", "单位车辆调度平台收到的投诉件数量", "≤10件")]
    stats = parsed("yantai-stats-2026-budget.pdf")
    assert [(f.project, f.amounts["年度资金总额"]) for f in stats.forms] == [
        ("实施公车统管费用", Decimal("25.00")), ("设备购置更新", Decimal("16.00")),
        ("统计周期性调查", Decimal("368.00")), ("1%人口抽样调查", Decimal("10.00"))]
    assert _levels(stats.forms[0])[0] == ("成本指标", "经济成本", "公车统管费用总量控制", "≤25万元")
    assert stats.forms[0].fields["年度目标"] == "主要用于保障机构正常运转、完成调查任务工作。"
    hrss = parsed("xian-hrss-2020-budget.pdf")
    assert _form(hrss, "市级就业补助及创业贷款贴息资金").amounts["实施期资金总额"] == Decimal("15000")
    # the department's own form: its total is the 金额合计 row, not its first task's
    whole = _form(hrss, "部门整体支出")
    assert whole.amounts == {"年度资金总额": Decimal("182066.56"), "年度:财政拨款": Decimal("181716.56"),
                             "年度:其他资金": Decimal("350.00")}


def test_a_list_of_projects_with_their_indicator_rows_is_read_and_a_cut_off_one_is_not(parsed):
    doc = parsed("beijing-xinfang-2026-budget.pdf")
    # 849-办公设备购置类项目 and 449-接访场所保障费 are split by page breaks with their names
    # printed outside the grid: left unread rather than read with part of their rows
    assert [(f.project, f.amounts.get("年度资金总额"), len(f.indicators)) for f in doc.forms] == [
        ("信息系统运维类项目", Decimal("689.157460"), 16), ("财务业务咨询服务", Decimal("22.200000"), 7),
        ("因公出国（境）经费", Decimal("14.850000"), 6), ("信访宣传经费", Decimal("125.856287"), 6),
        ("机动经费", Decimal("100.000000"), 5), ("劳务派遣管理服务费", Decimal("7.970570"), 4),
        ("部门整体支出", Decimal("9626.777589"), 10)]
    form = doc.forms[0]
    assert form.unit == "万元" and form.fields["年度目标"].startswith("一、完成信息系统性能优化及软件、硬件维护")
    assert _levels(form)[:2] == [("产出指标", "时效指标", "支出进度指标值", "优"),
                                 ("产出指标", "时效指标", "故障应急响应时间", "≤5分钟")]
    assert _levels(doc.forms[-1])[0] == ("产出指标", "质量指标", "来信扫描完成率", "＝100%")
    # a list run over pages whose grids rule only its right-hand columns on some pages: the
    # pages after one of those are still the list, their projects read with their numbers
    civil = parsed("beijing-civil-affairs-2026-budget.pdf")
    assert len(civil.forms) >= 50
    assert _form(civil, "免费殡仪服务补贴").amounts["年度资金总额"] == Decimal("399.000000")
    assert _form(civil, "免费殡仪服务补贴").fields["年度目标"].startswith("对选择骨灰海葬或者骨灰自然葬")
    car = _form(civil, "公务用车购置项目")
    assert (car.fields["项目编号"], car.amounts["年度资金总额"]) == ("2430", Decimal("18.690000"))
    chongqing = parsed("chongqing-sci-tech-2026-budget.pdf")
    form = _form(chongqing, "科学事务管理")
    assert form.amounts == {"年度资金总额": Decimal("26675.34")}
    assert _levels(form)[:2] == [("", "", "转改制院所保障经费发放单位", "≥16个"),
                                 ("", "", "转改制院所保障经费发放人数", "≥2900人")]
    # its target's figures are printed on other lines of the text layer: not read
    assert "年度目标" not in form.fields


def test_a_section_list_of_key_projects_is_read_as_forms(parsed):
    forms = parsed("guangzhou-commerce-2026-budget.pdf").forms
    assert len(forms) == 16
    assert (forms[0].project, forms[0].amounts, forms[0].unit) == ("会展业专题", {"年度资金总额": Decimal("3000")}, "万元")
    assert forms[0].fields["年度目标"].startswith("通过组织实施广州市促进商务高质量发展专项资金会展专题")
    meteo = parsed("hangzhou-meteo-2026-budget.pdf").forms
    assert [(f.project, f.fields["实施单位"], f.amounts["年度资金总额"]) for f in meteo] == [
        ("气象业务建设", "杭州市气象局", Decimal("1097.02")),
        ("气象设施维护及科普", "杭州市气象局", Decimal("887.90")),
        ("专业系统维护及科普", "杭州市气象服务中心（杭州市预警信息发布中心）", Decimal("146.69"))]


def test_prose_cut_into_one_row_grids_is_read_as_prose(parsed):
    # 长沙 prints its 情况说明 as justified lines that pdfplumber cuts into one-row "tables"
    # (1 | 、贯彻执行… | 、, or 163. | 46 out of a sentence): the sentences stay in the narrative
    doc = parsed("changsha-public-security-2025-budget.pdf")
    text = re.sub(r"\s", "", "".join(s.text for s in doc.sections))
    assert "工程类采购预算9,021.25万元" in text
    assert "机关运行经费2045.01万元" in text
    assert "依政策压减项目经费" in text
    assert "主要是在职民警及普通雇员人数较上年度减少" in text  # a whole line boxed on its own


def test_a_table_titled_inside_its_grid_continues_no_table_before_it(parsed):
    # 北京 draws each table's title inside its grid: 预算05表 starts a table, it does not
    # continue 预算04表 on the page before
    doc = parsed("beijing-finance-2026-budget.pdf")
    gp = doc.table("gp_expense")
    assert gp is not None and {"2010607", "2010650"} <= {r.code for r in gp.rows}
    assert not any(r.code == "2010607" for r in doc.table("fiscal_summary").rows)


def test_every_part_of_a_two_level_heading_told_apart_by_its_group_carries_the_group(parsed):
    # 北京's 收入总表 prints 上年结转结余 over 一般公共预算 … 单位资金: the parts 本年收入 also prints
    # were told apart by the group, and 单位资金, printed once, is that group's too
    income = parsed("beijing-civil-affairs-2026-budget.pdf").table("income")
    total = income.rows[0].values
    assert total["上年结转结余·单位资金"] == Decimal("2251.590406")
    assert total["上年结转结余·一般公共预算"] == Decimal("1270.007258")
    assert total["一般公共预算"] == Decimal("66197.668103") and "本年收入·一般公共预算" not in total
