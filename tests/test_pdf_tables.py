"""The generic table reader on small printed grids: each test is one layout seen in a real
province's disclosure, built as the PDF extractor hands it over (cells, merged cells, the lines
above the grid), so what the reader makes of it is pinned without the PDF."""

from __future__ import annotations

from decimal import Decimal as D

from budgetqa.audit import audit
from budgetqa.model import ParsedDocument
from budgetqa.parsing.lines import SourceLine
from budgetqa.parsing.pdf import PdfContent, PdfPage, PdfTable
from budgetqa.parsing.pdf_tables import read_tables

_line = iter(range(1, 100_000))


def grid(page: int, rows: list[list[str | None]], before: list[str] = (),
         spans: dict[tuple[int, int], tuple[int, int]] | None = None) -> PdfTable:
    lines = [next(_line) for _ in rows]
    return PdfTable(page=page, rows=[list(r) for r in rows], row_pages=[page] * len(rows),
                    row_lines=lines, spans=spans or {},
                    column_x=[float(x) for x in range(len(rows[0]) + 1)],
                    before=[SourceLine(next(_line), t, page) for t in before])


def content(*grids: PdfTable, extra_lines: dict[int, list[str]] | None = None) -> PdfContent:
    pages = []
    for number in sorted({g.page for g in grids} | set(extra_lines or {})):
        on_page = [g for g in grids if g.page == number]
        lines = [ln for g in on_page for ln in g.before]
        lines += [SourceLine(next(_line), t, number) for t in (extra_lines or {}).get(number, [])]
        pages.append(PdfPage(number, lines, on_page, set(), {}))
    return PdfContent("test.pdf", pages)


def read(*grids: PdfTable, **kw):
    tables, unread = read_tables(content(*grids, **kw))
    return tables, unread


def by_label(table, label):
    return [r for r in table.rows if r.label == label]


# ------------------------------------------------------------------ header rows


def test_a_row_of_asterisks_and_column_numbers_is_a_栏次_row_not_data():
    (t,), _ = read(grid(1, [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["**", "**", "1", "2", "3"],
        ["", "合计", "5.00", "3.00", "2.00"],
        ["201", "一般公共服务支出", "5.00", "3.00", "2.00"],
    ], before=["支出总表", "单位：万元"]))
    assert [r.label for r in t.rows] == ["合计", "一般公共服务支出"]
    assert not [f for f in audit(_doc(t)) if f.severity == "error"]


def test_a_generic_header_under_a_group_takes_the_group_name_but_not_under_a_caption():
    (t,), _ = read(grid(1, [
        ["科目编码", "科目名称", "支出总计", "基本支出", "项目支出", "政府采购项目", None],
        [None, None, None, None, None, "小计", "其中：预留给中小企业"],
        ["201", "一般公共服务支出", "10.00", "6.00", "4.00", "3.00", "1.00"],
    ], before=["支出总表"], spans={(0, 0): (2, 1), (0, 1): (2, 1), (0, 2): (2, 1),
                                 (0, 3): (2, 1), (0, 4): (2, 1), (0, 5): (1, 2)}))
    assert "合计" not in t.columns  # the 政府采购 group's 小计 is not the table's total
    assert t.rows[0].values["政府采购项目"] == D("3.00")

    (t,), _ = read(grid(1, [
        ["科目编码", "科目名称", "一般公共预算支出", None, None],
        [None, None, "合计", "基本支出", "项目支出"],
        ["201", "一般公共服务支出", "10.00", "6.00", "4.00"],
    ], before=["一般公共预算支出表"], spans={(0, 0): (2, 1), (0, 1): (2, 1), (0, 2): (1, 3)}))
    assert t.rows[0].values["合计"] == D("10.00")  # a caption over every amount column


# ------------------------------------------------------------------ tables over pages


def test_类款_carry_over_to_the_next_page_when_the_title_is_repeated():
    head = [["科目编码", None, None, "科目名称", "合计"], ["类", "款", "项", None, None]]
    spans = {(0, 0): (1, 3), (0, 3): (2, 1), (0, 4): (2, 1)}
    (t,), _ = read(
        grid(1, head + [["210", "", "", "卫生健康支出", "9.00"], ["", "11", "", "行政事业单位医疗", "9.00"],
                        ["", "", "01", "行政单位医疗", "4.00"]], before=["公开表3", "支出总体情况表"], spans=spans),
        grid(2, head + [["", "", "02", "事业单位医疗", "5.00"]], before=["公开表3", "支出总体情况表"],
             spans=spans))
    assert [r.code for r in t.rows] == ["210", "21011", "2101101", "2101102"]


def test_a_running_header_above_a_continuation_does_not_end_the_table():
    head = ["科目编码", "科目名称", "合计"]
    running = "某某局2026年度部门预算公开"
    (t,), _ = read(
        grid(1, [head, ["221", "住房保障支出", "3.00"], ["2210201", "住房公积金", "1.00"]],
             before=[running, "支出总表"]),
        grid(2, [["2210203", "购房补贴", "2.00"]], before=[running]),
        extra_lines={3: [running]})
    assert [r.code for r in t.rows] == ["221", "2210201", "2210203"]


# ------------------------------------------------------------------ odd layouts


def test_amounts_printed_one_column_off_are_read_as_their_column():
    (t,), _ = read(grid(1, [
        ["科目编码", "科目名称", "", "金额"],
        ["", "合计", "", "5.00"],
        ["301", "工资福利支出", "", "5.00"],
        ["30101", "基本工资", "2.00", ""],
        ["30102", "津贴补贴", "3.00", ""],
    ], before=["财政拨款基本支出预算表（经济科目）"]))
    assert [r.values["预算数"] for r in t.rows] == [D("5.00"), D("5.00"), D("2.00"), D("3.00")]
    assert not [f for f in audit(_doc(t)) if f.severity == "error"]


def test_a_table_printed_unit_by_unit_keeps_the_department_block_and_says_what_it_left():
    (t,), unread = read(grid(1, [
        ["预算单位", "科目编码", "科目名称", "支出总计", "基本支出", "项目支出"],
        ["某某局", "", "", "10.00", "6.00", "4.00"],
        ["", "201", "一般公共服务支出", "10.00", "6.00", "4.00"],
        ["某某局（本级）", "", "", "7.00", "4.00", "3.00"],
        ["", "201", "一般公共服务支出", "7.00", "4.00", "3.00"],
        ["某某中心", "", "", "3.00", "2.00", "1.00"],
        ["", "201", "一般公共服务支出", "3.00", "2.00", "1.00"],
    ], before=["支出总表"]))
    assert [(r.label, r.values["支出总计"]) for r in t.rows] == [
        ("某某局", D("10.00")), ("一般公共服务支出", D("10.00"))]
    assert len(unread) == 1 and "2 个下属单位" in unread[0].reason


def test_a_table_whose_rows_are_units_keeps_every_unit():
    (t,), unread = read(grid(1, [
        ["单位编码", "单位名称", "合计", "一般公共预算"],
        ["", "合计", "10.00", "10.00"],
        ["001", "某某局", "7.00", "7.00"],
        ["002", "某某中心", "3.00", "3.00"],
    ], before=["收入总表"]))
    assert [r.label for r in t.rows] == ["合计", "某某局", "某某中心"]
    assert not unread


def _doc(*tables) -> ParsedDocument:
    return ParsedDocument("t", "t", "t", "某某局", 2026, "预算", "部门", "", tables=list(tables))


# ------------------------------------------------------------------ 三公 items as columns


def test_三公_items_as_columns_split_into_预算数_and_决算数_become_one_row_per_item():
    (t,), _ = read(grid(1, [
        ["合计", None, "因公出国（境）费", None, "公务接待费", None],
        ["预算数", "决算数", "预算数", "决算数", "预算数", "决算数"],
        ["2.85", "0.39", "0.00", "0.00", "2.85", "0.39"],
    ], before=["财政拨款“三公”经费支出决算表"],
        spans={(0, 0): (1, 2), (0, 2): (1, 2), (0, 4): (1, 2)}))
    assert {r.label: r.values for r in t.rows} == {
        "合计": {"预算数": D("2.85"), "决算数": D("0.39")},
        "因公出国（境）费": {"预算数": D("0.00"), "决算数": D("0.00")},
        "公务接待费": {"预算数": D("2.85"), "决算数": D("0.39")}}


def test_三公_printed_once_per_year_keeps_each_year_as_a_column():
    (t,), _ = read(grid(1, [
        ["年度", "总计", "因公出国(境)费", "公务接待费"],
        ["2025年", "6.00", "1.00", "5.00"],
        ["2026年", "5.58", "0.00", "5.58"],
        ["增减变化金额", "-0.42", "-1.00", "0.58"],
    ], before=["财政拨款“三公”经费支出表"]))
    total = next(r for r in t.rows if r.label == "合计")
    assert total.values == {"2025年": D("6.00"), "2026年": D("5.58"), "增减变化金额": D("-0.42")}


def test_三公_columns_under_a_caption_with_a_total_row_read_the_total_row():
    (t,), _ = read(grid(1, [
        ["部门名称", "三公经费预算数", None, None, None],
        [None, "小计", "公务接待费", "因公出国（境）费", "其中：公务用车购置"],
        ["合计", "458.50", "28.50", "30.00", "150.00"],
        ["某某局", "458.50", "28.50", "30.00", "150.00"],
    ], before=["一般公共预算“三公”经费支出情况表"], spans={(0, 0): (2, 1), (0, 1): (1, 4)}))
    assert {r.label: r.values["合计"] for r in t.rows} == {
        "合计": D("458.50"), "公务接待费": D("28.50"), "因公出国（境）费": D("30.00"),
        "公务用车购置费": D("150.00")}


def test_三公_printed_per_unit_under_the_total_keeps_each_unit_as_a_column():
    (t,), _ = read(grid(1, [
        ["单位名称", "“三公”经费合计", "因公出国（境）费用", "公务用车购置费", "公务接待费"],
        ["合计", "413.68", None, "151.68", "74.00"],
        ["杭州市司法局", "17.00", None, None, "17.00"],
        ["杭州市东郊监狱", "89.60", None, "28.00", "15.00"],
    ], before=["表7：一般公共预算“三公”经费预算表"]))
    rows = {r.label: r.values for r in t.rows}
    assert rows["合计"] == {"合计": D("413.68"), "杭州市司法局": D("17.00"), "杭州市东郊监狱": D("89.60")}
    assert rows["公务接待费"]["杭州市东郊监狱"] == D("15.00")


def test_a_project_table_printed_with_a_unit_column_keeps_each_rows_unit():
    (t,), _ = read(grid(1, [
        ["单位名称", "项目名称", "总计", "一般公共预算"],
        ["合计", None, "13957.66", "13018.50"],
        ["杭州市东郊监狱", "狱政设施建设", "1059.66", "120.50"],
        ["杭州市北郊监狱", "狱政设施建设", "12898.00", "12898.00"],
    ], before=["表10：2026年市级部门项目支出预算表"]))
    assert [(r.label, r.texts.get("单位名称")) for r in t.rows if r.label == "狱政设施建设"] == [
        ("狱政设施建设", "杭州市东郊监狱"), ("狱政设施建设", "杭州市北郊监狱")]


def test_guangdongs_project_and_other_spending_table_is_the_project_table_its_goals_texts():
    (t,), _ = read(grid(1, [
        ["支出项目类别（资金使用单位）", "总计", "财政拨款", "其他资金", "绩效目标"],
        ["合计", "1,082.05", "1,032.05", "50.00", None],
        ["广州市统计局", "1,075.05", "1,025.05", "50.00", None],
        ["机构运行辅助经费", "86.37", "86.37", "0.00", "通过机关运行辅助工作，为统计事业发展提供后勤支持。"],
    ], before=["表12", "部门预算项目支出及其他支出预算表"]))
    assert t.kind == "project"
    support = by_label(t, "机构运行辅助经费")[0]
    assert support.values["合计"] == D("86.37") and "后勤支持" in support.texts["绩效目标"]


def test_三公_rows_of_预算数_and_决算数_become_columns():
    (t,), _ = read(grid(1, [
        ["项目", "财政拨款安排的“三公”经费", None, "会议费"],
        [None, "小计", "公务接待费", None],
        ["栏次", "1", "2", "3"],
        ["预算数", "593.46", "1.86", "86.81"],
        ["决算数", "587.55", "0.11", "86.81"],
    ], before=["财政拨款“三公”经费及会议费、培训费支出决算表"],
        spans={(0, 0): (2, 1), (0, 1): (1, 2), (0, 3): (2, 1)}))
    assert {r.label: r.values for r in t.rows}["合计"] == {"预算数": D("593.46"), "决算数": D("587.55")}


# ------------------------------------------------------------------ rows, columns and titles


def test_a_byline_and_unit_row_inside_the_grid_is_not_a_header():
    (t,), _ = read(grid(1, [
        ["部门：", "某某局", "单位：万元"],
        ["采购物品名称", "采购组织形式", "总计"],
        ["合 计", "", "24.00"],
        ["台式计算机", "分散自行组织", "9.00"],
        ["复印机", "部门集中采购", "15.00"],
    ], before=["政府采购支出预算表"]))
    assert t.unit == "万元" and t.columns == ["合计"]
    assert [(r.label, r.values, r.texts) for r in t.rows] == [
        ("合计", {"合计": D("24.00")}, {}),
        ("台式计算机", {"合计": D("9.00")}, {"采购组织形式": "分散自行组织"}),
        ("复印机", {"合计": D("15.00")}, {"采购组织形式": "部门集中采购"})]


def test_a_name_merged_over_grid_rows_with_one_figure_is_one_row():
    (t,), _ = read(grid(1, [
        ["科目编码", "科目名称", "机关运行经费支出"],
        ["合计", None, ""],
        [None, None, "2,391.92"],
        [None, None, ""],
        ["302", "商品和服务支出", "2,391.92"],
    ], before=["一般公共预算机关运行经费支出预算表", "单位：万元"],
        spans={(1, 0): (3, 2)}))
    assert [(r.code, r.label, r.values["机关运行经费支出"]) for r in t.rows] == [
        (None, "合计", D("2391.92")), ("302", "商品和服务支出", D("2391.92"))]


def test_a_name_merged_over_rows_that_each_carry_figures_stays_one_row_each():
    (t,), _ = read(grid(1, [
        ["项目名称", "金额"],
        ["信息系统运维", "10.00"],
        [None, "2.00"],
    ], before=["项目支出表", "单位：万元"], spans={(1, 0): (2, 1)}))
    assert [(r.label, r.values["预算数"]) for r in t.rows] == [
        ("信息系统运维", D("10.00")), ("信息系统运维", D("2.00"))]


def test_figures_of_a_one_row_table_printed_one_column_off_their_headers():
    (t,), _ = read(grid(1, [
        ["", "合计", "", "基本支出", "", "项目支出"],
        ["24169.74", None, "15844.04", None, "4335.30", None],
    ], before=["支出预算总表", "单位：万元"], spans={(1, 0): (1, 2), (1, 2): (1, 2), (1, 4): (1, 2)}))
    assert [(r.label, r.values) for r in t.rows] == [
        ("合计", {"合计": D("24169.74"), "基本支出": D("15844.04"), "项目支出": D("4335.30")})]


def test_a_header_over_the_middle_of_wider_body_cells_names_the_column_they_start_in():
    # Each column ruled as three thin ones: the header in the middle one, the cells across all.
    (t,), _ = read(grid(1, [
        ["", "采购物品名称", "", "", "总计", ""],
        ["合计", None, None, "30.00", None, None],
        ["台式计算机", None, None, "30.00", None, None],
    ], before=["政府采购支出预算表", "单位：万元"],
        spans={(1, 0): (1, 3), (1, 3): (1, 3), (2, 0): (1, 3), (2, 3): (1, 3)}))
    assert t.columns == ["合计"]
    assert [(r.label, r.values["合计"]) for r in t.rows] == [
        ("合计", D("30.00")), ("台式计算机", D("30.00"))]


def test_a_project_category_column_describes_the_row_and_does_not_name_it():
    (t,), _ = read(grid(1, [
        ["项目名称", "项目类别", "合计"],
        ["合   计", "", "41.00"],
        ["实施公车统管费用", "其他运转类", "25.00"],
        ["设备购置更新", "特定目标类", "16.00"],
    ], before=["项目支出预算情况表", "单位：万元"]))
    assert [(r.label, r.label2, r.texts) for r in t.rows] == [
        ("合计", None, {}), ("实施公车统管费用", None, {"项目类别": "其他运转类"}),
        ("设备购置更新", None, {"项目类别": "特定目标类"})]


def test_names_and_codes_after_the_last_amount_are_the_rows_texts():
    (t,), _ = read(grid(1, [
        ["预算项目名称", "金额", "功能分类科目代码", "功能分类科目名称", "资金性质"],
        ["2019年就业工作经费", "47.51", "2080799", "其他就业补助支出", "一般公共预算支出"],
    ], before=["财政拨款结转资金支出表", "单位：万元"]))
    assert t.kind == "carryover"
    (row,) = t.rows
    assert (row.code, row.label, row.values) == (None, "2019年就业工作经费", {"预算数": D("47.51")})
    assert row.texts == {"功能分类科目代码": "2080799", "功能分类科目名称": "其他就业补助支出",
                         "资金性质": "一般公共预算支出"}


def test_a_table_of_carried_over_money_is_never_the_years_expense_table():
    from budgetqa.parsing.vocabulary import VOCABULARY

    kind = VOCABULARY.table_kind
    assert kind("2020年部门综合预算财政拨款结转资金支出表").kind == "carryover"
    assert kind("表11 部门综合预算财政拨款上年结转资金支出表").kind == "carryover"
    assert kind("财政拨款支出预算表").kind == "fiscal_expense"
    assert kind("2022年部门综合预算专项业务经费支出表（不含上年结转）").kind == "project"
    assert kind("一般公共预算支出明细表（按支出功能分类科目-不含上年结转）").kind == "gp_expense"


def test_a_table_of_contents_printed_as_a_grid_is_not_read_as_tables():
    tables, _ = read(grid(1, [
        ["报表", "报表名称", "是否空表"],
        ["表1", "2020年部门综合预算收支总表", ""],
        ["表2", "2020年部门综合预算收入总表", ""],
        ["表3", "2020年部门综合预算支出总表", ""],
    ], before=["目录"]), grid(2, [
        ["项目", "预算数"],
        ["合计", "5.00"],
    ], before=["2020年部门综合预算收入总表", "单位：万元"]))
    assert [(t.kind, t.page) for t in tables] == [("income", 2)]
