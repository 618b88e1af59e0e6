"""The audit's rules of completeness and form (完整与格式): each finds the defect it names, and
only that one, when it is planted in a real disclosure, and stays quiet on the unchanged one.

The real PDFs are read in place from ../shared/corpus-real (never copied); without them the
real-document tests skip, except under CI (env CI set), where that is a failure.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import os
import re
from collections import Counter
from pathlib import Path

import pytest

from budgetqa.audit import audit
from budgetqa.audit.findings import Finding
from budgetqa.model import ParsedDocument, Row, Table
from budgetqa.parsing.document import parse_text
from budgetqa.parsing.lines import SourceLine
from budgetqa.parsing.pdf import PdfContent, extract_pdf, parse_pdf_content

ROOT = Path(__file__).resolve().parents[1]
CORPUS_REAL = ROOT.parent / "shared" / "corpus-real"
SEED = ROOT / "corpus" / "yangquan-bigdata-bureau-2023-budget.txt"
FORM_RULES = ("toc_tables", "empty_table_note", "placeholder", "wrong_year", "unit_mismatch",
              "punctuation")

# Checked before any test runs: under CI the real documents must be there.
if not CORPUS_REAL.is_dir() and os.environ.get("CI"):
    pytest.fail(f"{CORPUS_REAL} is missing (CI is set: the real-document tests must run)",
                pytrace=False)
real = pytest.mark.skipif(not CORPUS_REAL.is_dir(), reason=f"{CORPUS_REAL} not available")


# ---------------------------------------------------------------- small documents


def document(*texts: str, tables: list[Table] = (), year: int = 2026, kind: str = "预算",
             page_of=lambda no: 1 + no // 40) -> ParsedDocument:
    """A document printing ``texts`` as lines 1, 2, 3… (page 1 holds lines 1-39)."""
    lines = [SourceLine(no, text, page_of(no)) for no, text in enumerate(texts, start=1)]
    return ParsedDocument("t", "t.pdf", "t", "某局", year, kind, "部门", "", source_type="pdf",
                          tables=list(tables), lines=lines)


def table(kind: str, title: str, start: int, end: int, rows: list[Row] = (), unit: str = "万元",
          page: int = 1) -> Table:
    return Table(kind, title, unit, ["合计"], list(rows), start, end, empty=not rows, page=page)


def found(doc: ParsedDocument, rule_id: str) -> list[tuple[str, int | None, str]]:
    """(severity, line, message) of every finding of one rule."""
    return [(f.severity, f.figures[0].line if f.figures else None, f.message)
            for f in audit(doc) if f.rule == rule_id]


def problems(doc: ParsedDocument, rule_id: str) -> list[tuple[str, int | None]]:
    return [(sev, line) for sev, line, _ in found(doc, rule_id) if sev != "ok"]


def test_a_doubled_full_stop_and_a_doubled_de_are_reported_on_their_line():
    doc = document("本部门收入预算100.00万元。。其中财政拨款100.00万元。", "完成市委交办的的其他任务。")
    assert found(doc, "punctuation") == [
        ("warning", 1, "标点重复「。。」"), ("warning", 2, "叠字「的的」，疑为多打了一个字")]


def test_dot_leaders_ellipses_decimals_and_idioms_are_not_punctuation_faults():
    doc = document("一、部门概况......................2", "（一）主要职能……………………3",
                   "金额为1.00万元，增长0.8%。", "问题不能不了了之。", "常常、人人、天天都要讲。",
                   "实实在在、的的确确地为了了解情况。", "达到目的的程度，缓和和改善关系。", "无法识别？？")
    assert problems(doc, "punctuation") == []


def test_a_line_printed_in_fake_bold_is_not_read_as_doubled_words():
    assert problems(document("的的预预算算说说明明", "一一、、"), "punctuation") == []


def test_placeholders_are_found_but_document_numbers_in_brackets_are_not():
    doc = document("XX局2026年收入预算××万元。", "联系人：某某，电话：＿＿＿＿。", "项目名称：【待填写】",
                   "根据沪府规【2016】168号文件。", "详见附表（略）。")
    assert problems(doc, "placeholder") == [("warning", 1), ("warning", 1), ("warning", 2),
                                            ("warning", 2), ("warning", 3)]


def test_a_table_title_of_another_year_is_an_error():
    doc = document("表5：2025年市级部门一般公共预算支出预算表", "单位：万元",
                   tables=[table("gp_expense", "表5：2025年市级部门一般公共预算支出预算表", 1, 2)])
    ((severity, line, message),) = found(doc, "wrong_year")
    assert (severity, line) == ("error", 1)
    assert message == "表名「表5：2025年市级部门一般公共预算支出预算表」写的是2025年，文件是2026年预算"


def test_last_years_budget_compared_plans_and_dates_are_not_wrong_years():
    doc = document("2026年收入预算5000万元，比2025年预算减少290万元。",
                   "与2025年部门预算相比，支出减少。",
                   "2025年部门预算中城市建设项目由部门代编。",
                   "落实“十四五”规划和2021-2025年发展纲要。",
                   "2026年1月20日公开2026年部门预算。",
                   "2025年预算数 2026年预算数",
                   "完成2027年部门预算编制培训工作。",
                   "主要原因是2025年部门预算安排了一次性项目。")
    assert problems(doc, "wrong_year") == []


def test_a_heading_or_statement_about_this_documents_budget_in_another_year_is_a_warning():
    doc = document("二、2025 年杭州市气象局部门预算安排情况说明",
                   "2025年，上海市审计局收入预算19,577万元，其中财政拨款19,577万元。")
    assert problems(doc, "wrong_year") == [("warning", 1), ("warning", 2)]


def test_a_final_account_speaks_of_its_years_budget_without_a_wrong_year():
    doc = document("一、2024年度部门决算收支总体情况说明", "2024年预算安排100万元，决算支出98万元。",
                   "2023年度部门决算支出总计90万元。", year=2024, kind="决算")
    assert problems(doc, "wrong_year") == []
    assert problems(document("一、2023年度部门决算收支总体情况说明", year=2024, kind="决算"),
                    "wrong_year") == [("warning", 1)]


def test_a_title_or_note_in_yuan_under_a_table_headed_in_wan_yuan_is_an_error():
    rows = [Row("合计", {"合计": 1}, 3)]
    doc = document("“三公”经费支出表（元）", "单位：万元", "合计 1.00", "注：本表金额单位为元。",
                   tables=[table("three_public", "“三公”经费支出表（元）", 1, 3, rows)])
    assert problems(doc, "unit_mismatch") == [("error", 2), ("error", 2)]
    assert found(doc, "unit_mismatch")[0][2] == "「“三公”经费支出表（元）」单位行写万元，表名却写元"


def test_a_unit_stated_once_is_consistent():
    rows = [Row("合计", {"合计": 1}, 3)]
    doc = document("“三公”经费支出表（万元）", "单位：万元", "合计 1.00",
                   tables=[table("three_public", "“三公”经费支出表（万元）", 1, 3, rows)])
    assert [sev for sev, _, _ in found(doc, "unit_mismatch")] == ["ok"]


def test_an_empty_table_needs_its_note():
    bare = document("政府性基金预算支出表", "单位：万元", "合计",
                    tables=[table("fund_expense", "政府性基金预算支出表", 1, 3)])
    noted = document("政府性基金预算支出表", "单位：万元", "合计", "注：本部门没有政府性基金预算拨款，故本表无数据。",
                     tables=[table("fund_expense", "政府性基金预算支出表", 1, 3)])
    said = document("本部门2026年无政府性基金预算支出。", "政府性基金预算支出表", "单位：万元", "合计",
                    tables=[table("fund_expense", "政府性基金预算支出表", 2, 4)])
    assert found(bare, "empty_table_note") == [
        ("warning", 1, "「政府性基金预算支出表」没有数字，也没有“本表无数据”之类的说明")]
    assert [sev for sev, _, _ in found(noted, "empty_table_note")] == ["ok"]
    assert [sev for sev, _, _ in found(said, "empty_table_note")] == ["ok"]


def test_a_table_whose_figures_the_reader_missed_or_that_prints_zeros_is_not_empty():
    missed = document("支出预算总表", "单位：万元", "24169.74 15844.04 4335.30",
                      tables=[table("expense", "支出预算总表", 1, 3)])
    zeros = document("政府性基金预算支出表", "单位：元", "合 计 0 0 0",
                     tables=[table("fund_expense", "政府性基金预算支出表", 1, 3)])
    assert found(missed, "empty_table_note") == found(zeros, "empty_table_note") == []


def test_a_toc_whose_tables_are_published_in_another_file_is_not_checked():
    doc = _toc_document("表9 政府性基金预算支出表", "合计 1.00")
    assert found(doc, "toc_tables") == []


_TOC = ("目 录", "一、收支总表..........3", "二、收入总表..........4", "三、政府采购预算表......5")


def _toc_document(*body: str) -> ParsedDocument:
    rows = [Row("合计", {"合计": 1}, 1)]
    lines = list(_TOC) + [""] * (40 - len(_TOC) - 1) + list(body)
    starts = [i for i, text in enumerate(lines, start=1) if text.endswith("表")]
    tables = [table("summary" if "收支" in lines[n - 1] else "income", lines[n - 1], n, n + 1,
                    [dataclasses.replace(rows[0], line=n + 1)], page=2) for n in starts]
    return document(*lines, tables=tables)


def test_every_table_the_toc_lists_is_printed_under_a_title_worded_its_own_way():
    doc = _toc_document("表1：2026年市级部门收支预算总表", "合计 1.00", "表2 收入总体情况表", "合计 1.00",
                        "政府采购预算表（按项目）", "合计 1.00")
    assert [sev for sev, _, _ in found(doc, "toc_tables")] == ["ok"]


def test_a_table_the_toc_lists_but_the_document_does_not_print_is_reported_at_its_toc_line():
    doc = _toc_document("表1：2026年市级部门收支预算总表", "合计 1.00", "表2 收入总体情况表", "合计 1.00")
    assert found(doc, "toc_tables") == [
        ("warning", 4, "目录列出「政府采购预算表」，但文件中没有印出这张表")]


def test_a_table_printed_again_over_the_same_rows_is_reported_with_both_places():
    body = ["表1 收支总表", "合计 1.00", "表2 收入总表", "合计 1.00", "政府采购预算表", "合计 1.00"]
    doc = _toc_document(*body, "表2 收入总表", "合计 1.00")
    assert found(doc, "toc_tables") == [("warning", 3, "「表2 收入总表」印了两次：第2页和第2页")]
    assert [(e.line, e.text) for e in audit_of(doc, "toc_tables")[0].figures] == [
        (3, "二、收入总表..........4"), (42, "表2 收入总表"), (46, "表2 收入总表")]


def test_the_same_title_over_other_rows_is_another_units_table_not_a_second_printing():
    doc = _toc_document("表1 收支总表", "合计 1.00", "表2 收入总表", "合计 1.00", "政府采购预算表", "合计 1.00",
                        "表2 收入总表", "合计 2.00")
    doc.tables[-1].rows[0].values = {"合计": 2}
    assert [sev for sev, _, _ in found(doc, "toc_tables")] == ["ok"]


def audit_of(doc: ParsedDocument, rule_id: str) -> list[Finding]:
    return [f for f in audit(doc) if f.rule == rule_id]


def test_a_document_without_a_toc_has_no_toc_finding():
    assert found(document("收支总表", "合计 1.00"), "toc_tables") == []


# ---------------------------------------------------------------- real documents, planted defects


PDFS = ("shanghai-audit-2026-unit-budget", "guangzhou-xinfang-2026-budget",
        "jiangsu-procuratorate-2019-budget", "hangzhou-meteo-2026-budget")


@functools.cache
def extracted(name: str) -> PdfContent:
    return extract_pdf(CORPUS_REAL / f"{name}.pdf")


@functools.cache
def unchanged(name: str) -> ParsedDocument:
    if name == "seed":
        return parse_text(SEED.read_text("utf-8"), SEED)
    return parse_pdf_content(extracted(name), CORPUS_REAL / f"{name}.pdf")


def line(content: PdfContent, page: int, contains: str) -> SourceLine:
    """The first line printed on ``page`` that contains ``contains``."""
    hits = [ln for ln in content.pages[page - 1].lines if contains in ln.text]
    assert hits, f"nothing on page {page} contains {contains!r}"
    return hits[0]


def set_text(content: PdfContent, no: int, text: str) -> None:
    """Print line ``no`` as ``text`` (wherever the reader keeps it: page, title, notes)."""
    def fix(lines: list[SourceLine]) -> list[SourceLine]:
        return [dataclasses.replace(ln, text=text) if ln.no == no else ln for ln in lines]
    for page in content.pages:
        page.lines = fix(page.lines)
        for grid in page.tables:
            grid.before, grid.after = fix(grid.before), fix(grid.after)


def edit(page: int, contains: str, old: str, new: str):
    """A change of the first line on ``page`` containing ``contains``: ``old`` becomes ``new``."""
    def change(content: PdfContent) -> tuple[int, int]:
        ln = line(content, page, contains)
        assert old in ln.text
        set_text(content, ln.no, ln.text.replace(old, new, 1))
        return page, ln.no
    return change


# Every figure a table row prints: amounts, and the codes of its subjects.
_AMOUNT = re.compile(r"-?\d[\d,]*\.\d+|\d{1,3}(?:,\d{3})+|(?<!\d)\d{3,}(?![\d年])")


def empty_table(page: int, title: str):
    """Print the table titled ``title`` without any figure: its cells, and its printed lines
    (to the next table on the page)."""
    def change(content: PdfContent) -> tuple[int, int]:
        grids = content.pages[page - 1].tables
        k, grid = next((k, g) for k, g in enumerate(grids) if any(title in ln.text for ln in g.before))
        grid.rows = [[None if c is None else _AMOUNT.sub("", c) for c in row] for row in grid.rows]
        title_no = next(ln.no for ln in grid.before if title in ln.text)
        end = grids[k + 1].before[0].no if k + 1 < len(grids) and grids[k + 1].before else None
        for p in content.pages:
            if p.number not in grid.pages:
                continue
            inside = {n for n in p.table_lines if n > title_no and (end is None or n < end)}
            p.lines = [dataclasses.replace(ln, text=_AMOUNT.sub("", ln.text)) if ln.no in inside else ln
                       for ln in p.lines]
        return page, title_no
    return change


def remove_pages(*pages: int):
    """Print the document without ``pages``: the pages after them move up."""
    def change(content: PdfContent) -> None:
        content.pages = [p for p in content.pages if p.number not in pages]
        for new_number, page in enumerate(content.pages, start=1):
            if page.number != new_number:
                renumber_page(page, new_number)
    return change


def renumber_page(page, number: int) -> None:
    def moved(lines: list[SourceLine]) -> list[SourceLine]:
        return [dataclasses.replace(ln, page=number) for ln in lines]
    page.number, page.lines = number, moved(page.lines)
    for grid in page.tables:
        shift = number - grid.page
        grid.page, grid.before, grid.after = number, moved(grid.before), moved(grid.after)
        grid.row_pages = [p + shift for p in grid.row_pages]


def print_again(page: int):
    """Print page ``page`` once more at the end of the document (new page and line numbers)."""
    def change(content: PdfContent) -> None:
        original = content.pages[page - 1]
        copied = copy.deepcopy(original)
        number = len(content.pages) + 1
        first = max(ln.no for p in content.pages for ln in p.lines) + 1
        renumber = {ln.no: first + k for k, ln in enumerate(original.lines)}

        def moved(lines: list[SourceLine]) -> list[SourceLine]:
            return [dataclasses.replace(ln, no=renumber.get(ln.no, ln.no), page=number) for ln in lines]
        copied.number, copied.lines = number, moved(copied.lines)
        copied.table_lines = {renumber.get(n, n) for n in copied.table_lines}
        copied.right_edges = {renumber.get(n, n): x for n, x in copied.right_edges.items()}
        for grid in copied.tables:
            grid.page, grid.before, grid.after = number, moved(grid.before), moved(grid.after)
            grid.row_pages = [number for _ in grid.row_pages]
            grid.row_lines = [renumber.get(n, n) if n is not None else None for n in grid.row_lines]
        content.pages.append(copied)
    return change


def mutated_pdf(name: str, change) -> tuple[ParsedDocument, object]:
    content = copy.deepcopy(extracted(name))
    where = change(content)
    return parse_pdf_content(content, CORPUS_REAL / f"{name}.pdf"), where


def new_problems(before: ParsedDocument, after: ParsedDocument) -> list[Finding]:
    """The errors and warnings of every rule that the change added (findings compared by rule,
    severity and message, so a finding that only moved is not new)."""
    def key(f: Finding) -> tuple[str, str, str]:
        return f.rule, f.severity, f.message
    seen = Counter(key(f) for f in audit(before) if f.severity in ("error", "warning"))
    out = []
    for f in audit(after):
        if f.severity in ("error", "warning"):
            if seen[key(f)]:
                seen[key(f)] -= 1
            else:
                out.append(f)
    return out


def toc_line(name: str, page: int, contains: str) -> tuple[int, int]:
    return page, line(extracted(name), page, contains).no


# (document, change, rule, severity, where the finding points: (page, line) or None when the
# change itself tells it). Lines are found by their printed words, never by position alone.
S, G, J, H = PDFS
PLANTED = [
    # toc_tables: a listed table not printed, a table printed twice
    (S, remove_pages(16), "toc_tables", "warning", lambda: toc_line(S, 2, "国有资本经营预算支出功能分类")),
    (G, remove_pages(17), "toc_tables", "warning", lambda: toc_line(G, 2, "十、国有资本经营预算支出情况表")),
    (J, remove_pages(22, 23, 24), "toc_tables", "warning", lambda: toc_line(J, 2, "政府采购支出预算表")),
    (J, print_again(21), "toc_tables", "warning", lambda: toc_line(J, 2, "机关运行经费支出预算表")),
    (G, print_again(15), "toc_tables", "warning", lambda: toc_line(G, 2, "“三公”经费预算表")),
    # empty_table_note: a table emptied of its figures, with no note saying why
    (S, empty_table(8, "收入预算总表"), "empty_table_note", "warning", None),
    (G, empty_table(7, "收入总体情况表"), "empty_table_note", "warning", None),
    (H, empty_table(16, "收入预算总表"), "empty_table_note", "warning", None),
    (J, empty_table(15, "收入预算总表"), "empty_table_note", "warning", None),
    # placeholder
    (S, edit(3, "上海市审计局是主管全市审计工作", "上海市审计局", "XX局"), "placeholder", "warning", None),
    (G, edit(3, "贯彻执行党和国家有关信访工作", "信访工作", "××工作"), "placeholder", "warning", None),
    (J, edit(3, "人民检察院是国家的法律监督机关", "省检察院", "【待填】"), "placeholder", "warning", None),
    (H, edit(3, "制定本行政区域气象事业发展规划", "本行政区域", "某某区域"), "placeholder", "warning", None),
    # wrong_year: a table title (error), a heading, a 目录 line, a statement of the totals
    (S, edit(10, "2026年预算单位支出预算总表", "2026", "2025"), "wrong_year", "error", None),
    (H, edit(19, "一般公共预算支出预算表", "2026", "2025"), "wrong_year", "error", None),
    (H, edit(4, "年杭州市气象局部门预算安排情况说明", "2026", "2025"), "wrong_year", "warning", None),
    (G, edit(2, "第二部分 2026年部门预算表", "2026", "2025"), "wrong_year", "warning", None),
    (S, edit(6, "上海市审计局收入预算", "2026", "2025"), "wrong_year", "warning", None),
    # unit_mismatch: a title or a note in 元 under a unit line in 万元
    (S, edit(19, "经费和机关运行经费预算表", "预算表", "预算表（元）"), "unit_mismatch", "error", None),
    (J, edit(21, "一般公共预算机关运行经费支出预算表", "预算表", "预算表（元）"), "unit_mismatch", "error", None),
    (H, edit(22, "本部门没有政府性基金预算", "本表无数据。", "本表无数据。金额单位：元。"), "unit_mismatch", "error", None),
    (G, edit(16, "注：本表本年无发生额", "无发生额。", "无发生额，金额单位为元。"), "unit_mismatch", "error", None),
    # punctuation: doubled marks and words in the narrative
    (S, edit(3, "上海市审计局是主管全市审计工作", "。", "。。"), "punctuation", "warning", None),
    (G, edit(3, "贯彻执行党和国家有关信访工作", "方针、", "方针、、"), "punctuation", "warning", None),
    (J, edit(3, "其主要职责有", "的统一", "的的统一"), "punctuation", "warning", None),
    (H, edit(3, "业；组织管理雷电防御工作", "业；", "业；；"), "punctuation", "warning", None),
    (H, edit(4, "象局 2026 年收支总预算", "。", "。。"), "punctuation", "warning", None),
]


@real
@pytest.mark.parametrize("name, change, rule_id, severity, where", PLANTED,
                         ids=[f"{p[0].split('-')[0]}-{p[2]}-{i}" for i, p in enumerate(PLANTED)])
def test_a_planted_defect_is_reported_exactly_and_alone(name, change, rule_id, severity, where):
    doc, changed = mutated_pdf(name, change)
    expected = where() if where is not None else changed
    (finding,) = new_problems(unchanged(name), doc)
    assert (finding.rule, finding.severity) == (rule_id, severity), finding.message
    assert expected in [(e.page, e.line) for e in finding.figures], finding.message


@real
def test_a_table_printed_twice_names_both_places():
    doc, _ = mutated_pdf(J, print_again(21))
    (finding,) = new_problems(unchanged(J), doc)
    pages = [e.page for e in finding.figures]
    assert pages == [2, 21, len(extracted(J).pages) + 1]
    assert finding.message == f"「一般公共预算机关运行经费支出预算表」印了两次：第21页和第{pages[-1]}页"


# The seed: an OCR'd text with a 目录. A change keeps every line number (a removed line is
# printed blank). Each change returns the number of the line it made.


def _title_at(lines: list[str], title: str) -> int:
    """The index of the table title line (not its 目录 entry)."""
    return next(i for i, t in enumerate(lines) if t.lstrip("# ").strip() == title)


def seed_remove(title: str, next_title: str):
    def change(lines: list[str]) -> int:
        start, end = _title_at(lines, title), _title_at(lines, next_title)
        lines[start:end] = [""] * (end - start)
        return start + 1
    return change


def seed_empty(title: str, next_title: str):
    def change(lines: list[str]) -> int:
        start, end = _title_at(lines, title), _title_at(lines, next_title)
        lines[start + 1:end] = [_AMOUNT.sub("", t) for t in lines[start + 1:end]]
        return start + 1
    return change


def seed_edit(contains: str, old: str, new: str):
    def change(lines: list[str]) -> int:
        i = next(i for i, t in enumerate(lines) if contains in t and "....." not in t)
        lines[i] = lines[i].replace(old, new, 1)
        return i + 1
    return change


SEED_PLANTED = [
    (seed_remove("2023年机关运行经费预算财政拨款情况统计表", "2023年项目支出预算表（本年预算）"),
     "toc_tables", "warning", "目录"),
    (seed_empty("2023年预算收入总表", "2023年预算支出总表"), "empty_table_note", "warning", "title"),
    (seed_edit("阳泉市大数据应用局是市人民政府工作部门", "市人民政府", "XX人民政府"), "placeholder", "warning", "title"),
    (seed_edit("2023年预算支出总表", "2023", "2022"), "wrong_year", "error", "title"),
    (seed_edit("2023年机关运行经费预算财政拨款情况统计表", "统计表", "统计表（元）"), "unit_mismatch", "error", "title"),
    (seed_edit("内设4个科室，全部为正科级", "科室，", "科室，，"), "punctuation", "warning", "title"),
    (seed_edit("2、统筹推进全市新型智慧城市", "全市", "全市的的"), "punctuation", "warning", "title"),
]


@pytest.mark.parametrize("change, rule_id, severity, points_at", SEED_PLANTED,
                         ids=[f"seed-{p[1]}-{i}" for i, p in enumerate(SEED_PLANTED)])
def test_a_defect_planted_in_the_seed_is_reported_exactly_and_alone(change, rule_id, severity, points_at):
    lines = SEED.read_text("utf-8").splitlines()
    original = list(lines)
    changed_no = change(lines)
    doc = parse_text("\n".join(lines) + "\n", SEED)
    (finding,) = new_problems(unchanged("seed"), doc)
    assert (finding.rule, finding.severity) == (rule_id, severity), finding.message
    if points_at == "目录":  # the 目录 line listing the removed table
        assert original[finding.figures[0].line - 1].startswith(original[changed_no - 1] + ".....")
    else:  # the changed line: the sentence, or the title of the table
        assert changed_no in [e.line for e in finding.figures]


@pytest.mark.parametrize("name", [pytest.param(n, marks=real) for n in PDFS] + ["seed"])
def test_the_unchanged_documents_give_no_form_warning_or_error(name):
    doc = unchanged(name)
    assert [(f.rule, f.severity, f.message) for f in audit(doc)
            if f.rule in FORM_RULES and f.severity in ("error", "warning")] == []
    assert any(f.rule == "toc_tables" and f.severity == "ok" for f in audit(doc)) == (name != H)


def test_the_plants_cover_every_rule_in_five_documents():
    plants = [(p[0], p[2]) for p in PLANTED] + [("seed", p[1]) for p in SEED_PLANTED]
    assert len(plants) >= 25
    assert {rule_id for _, rule_id in plants} == set(FORM_RULES)
    assert len({name for name, _ in plants}) >= 5
