"""Sanity checks for tests/builders.py: the synthetic disclosures it renders are well-formed.

These pin the builder, not the parser: titles, printed totals, form amounts and layouts.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest

from builders import (
    FUNCTION_CLASSES,
    LAYOUTS,
    NO_DATA,
    WATERMARK,
    Disclosure,
    EconItem,
    Project,
    Subject,
    render,
    sample_health_commission_2024,
    sample_transport_bureau_2022,
    table_titles,
    wan,
    write_disclosure,
)

SAMPLES = [sample_health_commission_2024, sample_transport_bureau_2022]
AMOUNT = re.compile(r"^\d{1,3}(,\d{3})*\.\d{2}$")


def tab_table(text: str, title: str) -> list[list[str]]:
    """The rows (header included) of the tab-layout table printed under ``title``.

    Rows run from the first tabbed line after the title to the first non-blank, untabbed line
    that is not a watermark; page breaks inside the table are skipped."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip("# ") == title)
    rows = []
    for line in lines[start + 1:]:
        if "\t" in line:
            rows.append(line.split("\t"))
        elif rows and line.strip() and line != WATERMARK:
            break
    return rows


def money(cell: str) -> Decimal | None:
    return Decimal(cell.replace(",", "")) if cell else None


def by_code(rows: list[list[str]]) -> dict[str, list[str]]:
    return {r[0]: r for r in rows if r[0].isdigit() or r[0] == "合计"}


@pytest.fixture(params=SAMPLES, ids=lambda f: f.__name__)
def disclosure(request) -> Disclosure:
    return request.param()


# ---------------------------------------------------------------- the samples themselves


def test_samples_are_consistent_and_unlike_the_seed(disclosure):
    disclosure.validate()
    text = render(disclosure)
    assert disclosure.year != 2023
    assert "阳泉" not in text and "大数据" not in text
    assert "11,689.17" not in text
    assert disclosure.total == disclosure.basic_total + disclosure.project_total


def test_health_commission_figures():
    d = sample_health_commission_2024()
    assert (d.total, d.basic_total, d.project_total) == (
        Decimal("3071.33"), Decimal("1269.73"), Decimal("1801.60"))
    assert d.three_public_total == Decimal("20.30")
    assert [p.name for p in d.projects if not p.has_form] == ["突发公共卫生事件应急物资储备"]


def test_transport_bureau_figures():
    d = sample_transport_bureau_2022()
    assert (d.total, d.basic_total, d.project_total) == (
        Decimal("2700.86"), Decimal("344.36"), Decimal("2356.50"))
    assert d.three_public is None
    assert d.last_year_change < 0


# ---------------------------------------------------------------- titles and structure


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_part_and_table_title_is_printed(disclosure, layout):
    text = render(disclosure, layout=layout)
    lines = {line.lstrip("# ") for line in text.splitlines()}
    assert f"# {disclosure.department}" in text
    assert f"## {disclosure.year}年度部门预算公开" in text
    for title in table_titles(disclosure.year).values():
        assert title in lines, title
    for heading in ["第一部分 概况", f"第三部分 {disclosure.year}年度部门预算情况说明",
                    "十一、国有资产占有使用情况", "第四部分 名词解释"]:
        assert heading in lines
    assert text.count(f"部门名称：{disclosure.department}") == 13


def test_empty_tables_say_so(disclosure):
    text = render(disclosure)
    # 政府性基金收入/支出, 国有资本经营, 上年结转 projects, and 三公 when there is none.
    expected = 4 + (disclosure.three_public is None)
    assert text.count(NO_DATA) == expected


# ---------------------------------------------------------------- printed totals


@pytest.mark.parametrize("key", ["expenditure", "general_expenditure"])
def test_function_tables_print_parents_as_sums_of_children(disclosure, key):
    rows = by_code(tab_table(render(disclosure), table_titles(disclosure.year)[key]))
    leaves = {c: r for c, r in rows.items() if len(c) == 7}
    assert set(leaves) == {s.code for s in disclosure.subjects}
    for code, row in rows.items():
        kids = [r for c, r in leaves.items() if code == "合计" or c.startswith(code)]
        for col in (2, 3, 4):  # 合计, 基本支出, 项目支出
            expected = sum((money(r[col]) or Decimal(0) for r in kids), Decimal(0))
            assert (money(row[col]) or Decimal(0)) == expected, (code, col)
        assert money(row[2]) == (money(row[3]) or 0) + (money(row[4]) or 0)
    assert money(rows["合计"][2]) == disclosure.total


def test_income_table_totals(disclosure):
    rows = by_code(tab_table(render(disclosure), table_titles(disclosure.year)["income"]))
    leaves = [r for c, r in rows.items() if len(c) == 7]
    assert money(rows["合计"][2]) == sum(money(r[2]) for r in leaves) == disclosure.total
    assert all(r[2] == r[3] for r in rows.values())  # all income is 一般公共预算


@pytest.mark.parametrize("key", ["summary", "fiscal_summary"])
def test_two_sided_summaries_balance(disclosure, key):
    rows = tab_table(render(disclosure), table_titles(disclosure.year)[key])
    classes = [r for r in rows if re.match(r"^[一二三四五六七八九十]+、", r[2])]
    assert len(classes) == len(FUNCTION_CLASSES)
    class_sum = sum((money(r[3]) or Decimal(0) for r in classes), Decimal(0))
    totals = {r[0]: r for r in rows if r[0] in ("本年收入合计", "收入总计")}
    for row in totals.values():
        assert money(row[1]) == money(row[3]) == class_sum == disclosure.total


def test_economic_ledger_subtotals(disclosure):
    rows = tab_table(render(disclosure), table_titles(disclosure.year)["basic_economic"])[2:]
    groups: dict[str, list[list[str]]] = {}
    current = None
    for row in rows[1:]:
        if row[1] == "":
            current = row[0]
            groups[current] = [row]
        else:
            groups[current].append(row)
    assert set(groups) <= {"工资福利支出", "商品和服务支出", "对个人和家庭的补助"}
    for name, (subtotal, *items) in groups.items():
        for col in (2, 3, 4):
            expected = sum((money(r[col]) or Decimal(0) for r in items), Decimal(0))
            assert (money(subtotal[col]) or Decimal(0)) == expected, (name, col)
    total = rows[0]
    assert money(total[2]) == sum(money(g[0][2]) for g in groups.values()) == disclosure.basic_total
    assert money(total[3]) == disclosure.personnel_total
    assert money(total[4]) == disclosure.public_total


def test_project_table_lists_every_project(disclosure):
    rows = tab_table(render(disclosure), table_titles(disclosure.year)["projects"])[3:]
    assert [(r[0], money(r[1])) for r in rows] == [(p.name, p.amount_wan) for p in disclosure.projects]
    assert sum(money(r[1]) for r in rows) == disclosure.project_total


def test_table_amounts_are_formatted_in_wan(disclosure):
    text = render(disclosure)
    for key in ("summary", "income", "expenditure", "basic_economic", "projects", "office_running"):
        for row in tab_table(text, table_titles(disclosure.year)[key]):
            for cell in row[1:]:
                if cell and re.match(r"^[\d,.]+$", cell) and not cell.isdigit():
                    assert AMOUNT.match(cell), cell
    assert wan(Decimal("1234567.8")) == "1,234,567.80"


def test_three_public_table_and_sentence():
    health, transport = sample_health_commission_2024(), sample_transport_bureau_2022()
    rows = {r[0]: r for r in tab_table(render(health), table_titles(2024)["three_public"])}
    assert rows["合计"][1] == "20.30"
    assert rows["公务用车购置及运行费"][1] == "12.80"
    assert rows["①公务用车购置费"][1] == "0.00"
    assert "“三公”经费预算20.30万元" in render(health)

    text = render(transport)
    rows = {r[0]: r for r in tab_table(text, table_titles(2022)["three_public"])}
    assert all(cell == "" for cell in rows["合计"][1:])
    assert "本部门无“三公”经费预算。" in text


# ---------------------------------------------------------------- narrative


def test_narrative_sentences():
    health = render(sample_health_commission_2024())
    assert "2024年度预算收入总计3,071.33万元" in health
    assert "比上年增加326.58万元，增加11.90%" in health
    assert "基本支出1,269.73万元，占41.34%；项目支出1,801.60万元，占58.66%。" in health
    assert "实行绩效管理的项目5个,涉及一般公共\n\n预算当年拨款1801.60万元。" in health

    transport = render(sample_transport_bureau_2022())
    assert "比上年减少412.30万元，减少13.24%" in transport
    assert "实行绩效管理的项目4个" in transport


# ---------------------------------------------------------------- forms


def form_fields(text: str, project: str) -> dict[str, list[str]]:
    """label -> row cells of the tab-layout form for ``project``."""
    lines = text.splitlines()
    start = lines.index(f"项目名称\t\t{project}\t\t\t\t\t\t")
    rows = {}
    for line in lines[start:]:
        if not line:
            break
        cells = line.split("\t")
        rows.setdefault(cells[0] or cells[2], cells)
    return rows


def test_one_form_per_project_with_a_form(disclosure):
    text = render(disclosure)
    assert text.count(disclosure.form_title) == len(disclosure.forms)
    for p in disclosure.projects:
        assert (f"项目名称\t\t{p.name}\t" in text) == p.has_form


def test_form_amounts_are_project_amounts_in_yuan(disclosure):
    text = render(disclosure)
    for p in disclosure.forms:
        row = form_fields(text, p.name)["项目资金（元）"]
        assert Decimal(row[8].replace(",", "")) == p.amount_wan * 10000
        assert row[8] == f"{p.annual_yuan:,}" and row[4] == f"{p.total_yuan:,}"
        city = form_fields(text, p.name)["市县（区）财政资金"]
        assert city[8] == row[8]


def test_form_indicators_and_signature(disclosure):
    text = render(disclosure)
    for p in disclosure.forms:
        fields = form_fields(text, p.name)
        for _, _, level3, value in p.indicators:
            assert any(r[3] == level3 and r[4] == value and r[7] == value
                       for r in fields.values()), level3
        signature = fields["负责人："]
        assert signature[2] == ("" if "经办人" in p.form_missing_fields else p.handler)


def test_missing_form_fields_keep_their_label_with_a_blank_value():
    d = sample_transport_bureau_2022()
    fields = form_fields(render(d), "县乡公路改建工程")
    assert fields["立项依据"][1:] == [""] * 8
    assert fields["负责人："][3:5] == ["联系电话：", ""]
    complete = form_fields(render(d), "危桥改造工程")
    assert complete["立项依据"][2] == "晋交建管〔2021〕215号"


# ---------------------------------------------------------------- layouts and options


def test_tab_layout_keeps_blank_cells_as_empty_fields(disclosure):
    rows = tab_table(render(disclosure), table_titles(disclosure.year)["expenditure"])
    assert {len(r) for r in rows} == {5}
    assert "|" not in render(disclosure)


def test_pipes_layout(disclosure):
    text = render(disclosure, layout="pipes")
    lines = text.splitlines()
    title = table_titles(disclosure.year)["expenditure"]
    start = next(i for i, line in enumerate(lines) if line.lstrip("# ") == title)
    table = [line for line in lines[start:start + 40] if line.startswith("|")]
    assert table[0] == f"| 项目 |  | {disclosure.year}年预算数 |  |  |"
    assert table[2] == "|---|---|---|---|---|"
    assert table[3] == f"| 合计 |  | {wan(disclosure.total)} | {wan(disclosure.basic_total)} | " \
                       f"{wan(disclosure.project_total)} |"
    assert "\t" not in text
    assert text.count("|---|") >= 13 + len(disclosure.forms)


def test_spaces_layout(disclosure):
    text = render(disclosure, layout="spaces")
    assert "\t" not in text and "|" not in text
    lines = text.splitlines()
    title = table_titles(disclosure.year)["expenditure"]
    start = next(i for i, line in enumerate(lines) if line.lstrip("# ") == title)
    total_row = next(line for line in lines[start:] if line.startswith("合计"))
    assert re.split(r" {2,}", total_row) == [
        "合计", wan(disclosure.total), wan(disclosure.basic_total), wan(disclosure.project_total)]
    for s in disclosure.subjects:
        row = next(line for line in lines[start:] if line.startswith(s.code + " "))
        cells = re.split(r" {2,}", row)
        assert cells[:3] == [s.code, s.name, wan(s.total)]


def test_drop_optional_column():
    d = sample_health_commission_2024()
    text = render(d, drop_optional_column=True)
    income = tab_table(text, table_titles(2024)["income"])
    assert "财政专户管理资金" not in income[1] and "单位资金" in income[1]
    assert income[0][-1] == "上年结转" and len(income[0]) == len(income[1]) == 8
    projects = tab_table(text, table_titles(2024)["projects"])
    assert projects[0][-1] == "财政专户管理资金" and "单位资金" not in projects[0]
    assert projects[2] == ["1", "2", "3", "4", "5", "6"]
    assert render(d) != text


def test_page_break_inside_long_tables(disclosure):
    text = render(disclosure)
    lines = text.splitlines()
    i = next(n for n, line in enumerate(lines) if line.endswith("二十七、债务还本支出\t\t\t"))
    assert lines[i + 1:i + 5] == ["", WATERMARK, "", WATERMARK]
    assert lines[i + 6].startswith("\t\t二十八、债务付息支出")
    bare = render(disclosure, watermark=False)
    assert WATERMARK not in bare
    # Without the watermark the break is still a blank line inside the table.
    lines = bare.splitlines()
    i = next(n for n, line in enumerate(lines) if line.endswith("二十七、债务还本支出\t\t\t"))
    assert lines[i + 1:i + 3] == ["", "\t\t二十八、债务付息支出\t\t\t"]


# ---------------------------------------------------------------- building new disclosures


def test_a_new_year_and_department_render_through():
    d = dataclasses.replace(sample_transport_bureau_2022(), year=2026, department="青禾县水利局")
    text = render(d, layout="pipes")
    assert "2026年预算收支总表" in text and "部门名称：青禾县水利局" in text
    assert "2022年预算" not in text


def test_a_minimal_disclosure_built_from_scratch():
    d = Disclosure(
        department="石川区统计局", year=2021,
        subjects=[Subject("2010501", "行政运行", Decimal("80.00"), None),
                  Subject("2010507", "专项普查活动", None, Decimal("12.34"))],
        econ_items=[EconItem("基本工资", "工资奖金津补贴", Decimal("70.00"), None),
                    EconItem("办公费", "办公经费", None, Decimal("10.00"))],
        projects=[Project("第五次全国经济普查", Decimal("12.34"), "石川区统计局", "一次性项目（1年结束）",
                          1, 123_400, 123_400, "开展普查。", "国经普发〔2020〕1号", "张三",
                          "0000-1234567", [("产出指标", "数量指标", "普查对象", "≥5000个")])],
        office_running=Decimal("10.00"), three_public=None, last_year_change=Decimal("0"),
        change_reason="无重大变化", duties=["负责全区统计工作。"], offices=["办公室"],
        region="石川区", subject_names={"20105": "统计信息事务"},
    )
    text = render(d)
    rows = by_code(tab_table(text, "2021年预算支出总表"))
    assert rows["201"][2:] == ["92.34", "80.00", "12.34"]
    assert rows["20105"][1] == "统计信息事务"
    assert "石川区区级预算部门（单位）项目支出绩效目标申报表" in text


def test_validate_rejects_inconsistent_inputs():
    d = sample_health_commission_2024()
    bad = dataclasses.replace(d, projects=d.projects[:-1])
    with pytest.raises(ValueError, match="项目支出"):
        render(bad)
    assert "2024年预算收支总表" in render(bad, validate=False)
    with pytest.raises(KeyError, match="20199"):
        dataclasses.replace(d, subjects=[Subject("2019901", "x", None, None)]).function_rows()
    with pytest.raises(ValueError, match="layout"):
        render(d, layout="csv")


def test_write_disclosure(tmp_path, disclosure):
    path = write_disclosure(tmp_path, disclosure)
    assert path == tmp_path / f"{disclosure.slug}-{disclosure.year}-budget.txt"
    assert path.read_text(encoding="utf-8") == render(disclosure)
    pipes = write_disclosure(tmp_path, disclosure, layout="pipes", drop_optional_column=True)
    assert pipes.name.endswith("-pipes.txt")
    named = write_disclosure(tmp_path / "sub", disclosure, name="x.txt", watermark=False)
    assert named.read_text(encoding="utf-8") == render(disclosure, watermark=False)
