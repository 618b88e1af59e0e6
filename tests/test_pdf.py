"""PDF ingestion: two real Shanghai Putuo budgets read through ``parse_pdf``, figures pinned
to what the PDFs print (page numbers are 1-based PDF pages), and the unreadable-PDF errors.

The real PDFs live outside the repository (../shared/corpus-extra); those tests skip if absent.
The error cases use tiny PDFs written at test time by ``minipdf``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budgetqa.errors import (EncryptedPdfError, IngestError, NotADisclosureError,
                             ScannedPdfError)
from budgetqa.model import ParsedDocument, Row
from budgetqa.parsing.lines import SourceLine
from budgetqa.parsing.pdf import extract_pdf, parse_pdf
from minipdf import write_pdf

CORPUS_EXTRA = Path(__file__).resolve().parents[2] / "shared" / "corpus-extra"
WANLI = CORPUS_EXTRA / "shanghai-putuo-wanli-street-2024-budget.pdf"
OFFICE = CORPUS_EXTRA / "shanghai-putuo-district-office-2025-budget.pdf"

TABLE_KINDS = ["summary", "income", "expense", "fiscal_summary", "gp_expense", "fund_expense",
               "soe", "gp_basic_economic", "three_public", "office_running"]


def _parse(path: Path) -> ParsedDocument:
    if not path.exists():
        pytest.skip(f"real PDF not available: {path} (see ../shared/corpus-extra/README.md)")
    return parse_pdf(path)


@pytest.fixture(scope="module")
def wanli() -> ParsedDocument:
    return _parse(WANLI)


@pytest.fixture(scope="module")
def office() -> ParsedDocument:
    return _parse(OFFICE)


def row(doc: ParsedDocument, kind: str, key: str, side: str | None = None) -> Row:
    """The row of table ``kind`` whose code, or else label, is ``key``."""
    table = doc.table(kind)
    assert table is not None, f"no {kind} table"
    found = [r for r in table.rows
             if (r.code == key or (r.code is None and r.label == key))
             and (side is None or r.side == side)]
    assert len(found) == 1, f"{kind}/{key}: {len(found)} rows"
    return found[0]


def fact(doc: ParsedDocument, subject: str, measure: str) -> list:
    return [f for f in doc.facts if f.subject == subject and f.measure == measure]


# ---------------------------------------------------------------- 万里街道 2024


def test_wanli_metadata(wanli):
    assert wanli.department == "上海市普陀区人民政府万里街道办事处"
    assert (wanli.year, wanli.kind, wanli.scope) == (2024, "预算", "部门")
    assert wanli.source_type == "pdf"
    assert wanli.doc_id == "shanghai-putuo-wanli-street-2024-budget"
    assert [t.kind for t in wanli.tables] == TABLE_KINDS


@pytest.mark.parametrize("kind, key, side, column, value, page", [
    ("summary", "收入总计", "收入", "预算数", "156211123", 10),
    ("summary", "八、城乡社区支出", "支出", "预算数", "119385303", 10),
    ("income", "2120101", None, "财政拨款收入", "16603248", 14),
    # the 合计 row sits alone on page 15, a narrower grid than the table's first part
    ("income", "合计", None, "合计", "156211123", 15),
    ("income", "合计", None, "事业收入", "0", 15),
    ("expense", "2120101", None, "合计", "16603248", 19),
    ("expense", "2120101", None, "基本支出", "16353248", 19),
    ("expense", "2120101", None, "项目支出", "250000", 19),
    ("expense", "合计", None, "基本支出", "99706020", 20),
    ("fiscal_summary", "支出总计", "支出", "一般公共预算", "156211123", 21),
    # parent rows of the split 类/款/项 code are rows of their own
    ("gp_expense", "212", None, "合计", "119385303", 25),
    ("gp_expense", "21201", None, "合计", "94450003", 25),
    ("gp_expense", "2210201", None, "合计", "3503499", 26),
    ("gp_expense", "合计", None, "项目支出", "56505103", 26),
    ("gp_basic_economic", "合计", None, "人员经费", "88537451", 30),
    ("gp_basic_economic", "合计", None, "公用经费", "11168569", 30),
    # printed as '301 2': the 款 part is zero-padded
    ("gp_basic_economic", "30102", None, "合计", "16623810", 29),
    ("gp_basic_economic", "30217", None, "公用经费", "13500", 30),
    ("three_public", "合计", None, "合计", "47.91", 31),
    ("three_public", "因公出国（境）费", None, "合计", "0", 31),
    ("three_public", "公务接待费", None, "合计", "1.35", 31),
    ("three_public", "公务用车购置及运行费", None, "合计", "46.56", 31),
    ("three_public", "公务用车购置费", None, "合计", "25", 31),
    ("three_public", "公务用车运行费", None, "合计", "21.56", 31),
    ("office_running", "机关运行经费", None, "合计", "443.18", 31),
])
def test_wanli_figures(wanli, kind, key, side, column, value, page):
    r = row(wanli, kind, key, side)
    assert r.values[column] == Decimal(value)
    assert r.page == page


def test_wanli_units_as_printed(wanli):
    units = {t.kind: t.unit for t in wanli.tables}
    assert units.pop("three_public") == units.pop("office_running") == "万元"
    assert set(units.values()) == {"元"}


def test_wanli_item_statement_facts(wanli):
    subject = "一般公共服务支出-统计信息事务-专项普查活动"
    assert [(f.value, f.unit, f.page) for f in fact(wanli, subject, "上年执行数")] == [
        (Decimal("60.13"), "万元", 6)]
    assert [f.value for f in fact(wanli, subject, "本年预算")] == [Decimal("25.77")]
    assert [(f.value, f.unit) for f in fact(wanli, subject, "增减%")] == [
        (Decimal("-57.14"), "%")]
    assert "主要原因是：项目调整" in fact(wanli, subject, "增减%")[0].sentence
    # '比2023年预算执行数持平' is a change of zero
    assert [f.value for f in fact(wanli, "科学技术支出-科学技术普及-科普活动", "增减%")] == [0]


def test_wanli_item_printed_with_two_figures_keeps_both(wanli):
    # The PDF heads item 31 with 350.35万元 but says '2024年预算安排352.67万元'.
    facts = fact(wanli, "住房保障支出-住房改革支出-住房公积金", "本年预算")
    assert [(f.value, f.page) for f in facts] == [(Decimal("350.35"), 9), (Decimal("352.67"), 9)]


def test_wanli_changes_against_last_year_budget(wanli):
    assert [(f.value, f.page) for f in fact(wanli, "“三公”经费", "比上年增减额")] == [
        (Decimal("25"), 32)]
    assert [(f.value, f.page) for f in fact(wanli, "财政拨款收入", "比上年增减额")] == [
        (Decimal("-876.75"), 6)]
    assert [f.value for f in fact(wanli, "公务用车运行费", "比上年增减额")] == [0]
    assert [(f.value, f.page) for f in fact(wanli, "机关运行经费", "本年预算")] == [
        (Decimal("443.18"), 32)]


def test_wanli_blank_cell_stays_none_and_printed_zero_stays_zero(wanli):
    assert row(wanli, "summary", "2. 政府性基金", "收入").values == {"预算数": None}
    assert row(wanli, "fiscal_summary", "一、一般公共服务支出", "支出").values["政府性基金预算"] is None
    assert row(wanli, "income", "2010507").values["事业收入"] == Decimal(0)


def test_wanli_tables_over_pages_are_one_table_without_repeated_headers(wanli):
    gp = wanli.table("gp_expense")
    assert sorted({r.page for r in gp.rows}) == [22, 23, 24, 25, 26]
    assert [r.code for r in gp.rows] == [r.code for r in wanli.table("income").rows]
    assert len(gp.rows) == 67
    assert not [r for r in gp.rows if r.code is None and r.label != "合计"]
    assert (gp.page, gp.title) == (22, "2024年部门一般公共预算支出功能分类预算表")


def test_wanli_empty_and_annotated_tables(wanli):
    fund = wanli.table("fund_expense")
    assert fund.empty and fund.page == 27
    assert fund.note == "注:本部门2024年无政府性基金预算财政拨款安排的预算，故本表为空表。"
    # The "三公" table prints figures under a note calling it empty: figures win, note kept.
    three = wanli.table("three_public")
    assert not three.empty and "故本表为空表" in three.note


def test_wanli_narrative_sections(wanli):
    paths = [s.path for s in wanli.sections]
    assert ["2024年部门预算编制说明"] in paths
    assert ["其他相关情况说明", "二、机关运行经费预算"] in paths
    project = [s for s in wanli.sections if s.path[0] == "项目经费情况说明"]
    assert [s.title for s in project] == [
        "项目经费情况说明", "一、项目概况", "二、立项依据", "三、实施主体", "四、实施方案",
        "五、实施周期", "六、年度预算安排", "七、绩效目标"]
    budget = next(s for s in project if s.title == "六、年度预算安排")
    assert budget.page == 33 and "第一季度用款计划158.05万元" in budget.text
    # lines wrapped by the PDF are rejoined: no break inside '比2023年预算减少876.75万元'
    explanation = next(s for s in wanli.sections if s.title == "2024年部门预算编制说明")
    assert "其中：财政拨款收入15621.11万元，比2023年预算减少876.75万元" in explanation.text
    assert [d.term for d in wanli.definitions][-1] == "机关运行经费"


# ---------------------------------------------------------------- 区政府办公室 2025


def test_office_metadata(office):
    assert office.department == "上海市普陀区人民政府办公室"
    assert (office.year, office.kind, office.scope) == (2025, "预算", "部门")
    assert office.title == "上海市普陀区人民政府办公室2025年部门预算"
    assert [t.kind for t in office.tables] == TABLE_KINDS


@pytest.mark.parametrize("kind, key, side, column, value, page", [
    ("summary", "收入总计", "收入", "预算数", "91016775.35", 8),
    ("summary", "四、住房保障支出", "支出", "预算数", "3609125.22", 8),
    ("income", "2010301", None, "财政拨款收入", "12029501.84", 9),
    ("income", "合计", None, "合计", "91016775.35", 10),
    ("expense", "2010301", None, "合计", "12029501.84", 11),
    ("expense", "2010301", None, "基本支出", "11919501.84", 11),
    ("expense", "2010301", None, "项目支出", "110000.00", 11),
    ("expense", "2010302", None, "项目支出", "46140000.00", 11),
    ("expense", "合计", None, "基本支出", "24606775.35", 12),
    ("fiscal_summary", "一、一般公共服务支出", "支出", "一般公共预算", "82096797.42", 13),
    ("gp_expense", "20103", None, "合计", "82096797.42", 14),
    # first row after the header repeated on page 15
    ("gp_expense", "21011", None, "合计", "1097073.43", 15),
    ("gp_expense", "2210201", None, "合计", "1741445.22", 15),
    ("gp_expense", "合计", None, "项目支出", "66410000.00", 15),
    ("gp_basic_economic", "30101", None, "人员经费", "2540192.00", 18),
    ("gp_basic_economic", "30217", None, "公用经费", "185000.00", 19),
    ("gp_basic_economic", "合计", None, "人员经费", "22473997.81", 19),
    ("gp_basic_economic", "合计", None, "公用经费", "2132777.54", 19),
    ("three_public", "合计", None, "合计", "867.50", 20),
    ("three_public", "因公出国（境）费", None, "合计", "839.00", 20),
    ("three_public", "公务接待费", None, "合计", "28.50", 20),
    ("office_running", "机关运行经费", None, "合计", "213.28", 20),
])
def test_office_figures(office, kind, key, side, column, value, page):
    r = row(office, kind, key, side)
    assert r.values[column] == Decimal(value)
    assert r.page == page


def test_office_blank_cells_stay_none(office):
    # The "三公" row prints nothing under 公务用车购置及运行费 (text extraction drops those cells).
    for label in ("公务用车购置及运行费", "公务用车购置费", "公务用车运行费"):
        assert row(office, "three_public", label).values == {"合计": None}
    assert row(office, "expense", "2010302").values["基本支出"] is None
    assert row(office, "income", "合计").values["事业收入"] is None
    assert row(office, "gp_basic_economic", "30217").values["人员经费"] is None


def test_office_narrative_facts(office):
    item = "一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行"
    assert [(f.value, f.unit, f.page) for f in fact(office, item, "本年预算")] == [
        (Decimal("1202.95"), "万元", 6)]
    assert [(f.value, f.page) for f in fact(office, "住房保障支出-住房改革支出-住房公积金",
                                            "本年预算")] == [(Decimal("174.14"), 7)]
    assert [(f.value, f.page) for f in fact(office, "财政拨款收入", "比上年增减额")] == [
        (Decimal("-2389.52"), 6)]
    assert [(f.value, f.page) for f in fact(office, "“三公”经费", "本年预算")] == [
        (Decimal("867.50"), 21)]
    # '与2024年预算持平'
    assert [f.value for f in fact(office, "“三公”经费", "比上年增减额")] == [0]
    assert [(f.value, f.page) for f in fact(office, "机关运行经费", "本年预算")] == [
        (Decimal("213.28"), 21)]


def test_office_project_narrative(office):
    project = [s for s in office.sections if s.path[0].endswith("项目经费情况说明")]
    assert project[0].path == ["区政府督查及建议提案工作业务经费项目经费情况说明"]
    assert [s.page for s in project] == [22] * 8
    assert next(s for s in project if s.title == "五、实施周期").text == "2025全年度。"


# ---------------------------------------------------------------- extract_pdf


def test_extract_pdf_lines_and_grids():
    if not OFFICE.exists():
        pytest.skip(f"real PDF not available: {OFFICE}")
    content = extract_pdf(OFFICE)
    lines = content.lines
    assert isinstance(lines[0], SourceLine)
    assert (lines[0].no, lines[0].text, lines[0].page) == (1, "上海市普陀区2025年区级部门预算", 1)
    assert [ln.no for ln in lines] == list(range(1, len(lines) + 1))
    three = next(t for t in content.tables if t.page == 20)
    # empty cells are '', positions covered by a merged cell are None
    assert three.rows[-1] == ["867.50", "839.00", "28.50", "", "", "", "213.28"]
    assert three.rows[2][:3] == [None, None, None]
    gp = next(t for t in content.tables if t.page == 14)
    assert gp.pages == [14, 15]
    assert sum(1 for r in gp.rows if r[0] == "项目") == 1  # the header repeated on p.15 dropped


# ---------------------------------------------------------------- errors


def test_encrypted_pdf_is_refused(tmp_path):
    path = write_pdf(tmp_path / "locked.pdf", text="Budget", user_password="secret")
    with pytest.raises(EncryptedPdfError) as e:
        parse_pdf(path)
    assert str(e.value) == f"{path}: PDF 已加密，需要密码才能打开 (encrypted PDF)"
    assert e.value.code == "encrypted_pdf" and isinstance(e.value, IngestError)


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    # Restrictions without an open password are common in published PDFs: not an error.
    path = write_pdf(tmp_path / "restricted.pdf", text="Minutes of the meeting", user_password="")
    with pytest.raises(NotADisclosureError):
        parse_pdf(path)


def test_scanned_pdf_without_text_layer_is_refused(tmp_path):
    path = write_pdf(tmp_path / "scan.pdf", image=True)
    with pytest.raises(ScannedPdfError) as e:
        parse_pdf(path)
    assert str(e.value) == f"{path}: PDF 没有文字层（可能是扫描件），需先做 OCR (no text layer; scanned PDF?)"


def test_pdf_that_is_not_a_budget_is_refused(tmp_path):
    path = write_pdf(tmp_path / "minutes.pdf", text="Minutes of the annual meeting, 2024")
    with pytest.raises(NotADisclosureError) as e:
        parse_pdf(path)
    assert str(e.value) == (
        f"{path}: 不像部门预算/决算公开文件：找不到预算标题或预算表 (not a budget disclosure)")


def test_file_that_is_not_a_pdf_is_refused(tmp_path):
    path = tmp_path / "fake.pdf"
    path.write_bytes(b"just some bytes")
    with pytest.raises(IngestError) as e:
        parse_pdf(path)
    assert type(e.value) is IngestError
    assert str(e.value).startswith(f"{path}: 无法读取 PDF 文件")


def test_parse_path_dispatches_pdf_by_suffix():
    from budgetqa.parsing.document import parse_path

    if not OFFICE.exists():
        pytest.skip(f"real PDF not available: {OFFICE}")
    doc = parse_path(OFFICE)
    assert (doc.source_type, doc.department, doc.year) == ("pdf", "上海市普陀区人民政府办公室", 2025)
