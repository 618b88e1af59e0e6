"""Performance-target forms printed as PDF grids, on small grids built as the extractor hands
them over: a key/value form per project, and a list of projects whose name cell is merged over
its indicator rows (one cut off by a page break is left unread)."""

from __future__ import annotations

from decimal import Decimal as D

from budgetqa.model import Indicator
from budgetqa.parsing.lines import SourceLine
from budgetqa.parsing.pdf import PdfContent, PdfPage, PdfTable
from budgetqa.parsing.pdf_forms import read_forms

_line = iter(range(1, 100_000))


def grid(page: int, rows, before=(), spans=None, xs=None) -> PdfTable:
    width = len(rows[0])
    above = [SourceLine(next(_line), t, page) for t in before]
    return PdfTable(page=page, rows=[list(r) for r in rows], row_pages=[page] * len(rows),
                    row_lines=[next(_line) for _ in rows], spans=spans or {},
                    column_x=[float(x) for x in (xs or range(0, 10 * width + 1, 10))],
                    before=above)


def content(*grids: PdfTable) -> PdfContent:
    """The pages of these grids, each page's lines those over its grids and in its rows."""
    pages = []
    for n in sorted({g.page for g in grids}):
        on_page = [g for g in grids if g.page == n]
        lines = [ln for g in on_page for ln in g.before] + [
            SourceLine(no, " ".join(c for c in row if c), n)
            for g in on_page for no, row in zip(g.row_lines, g.rows)]
        pages.append(PdfPage(n, sorted(lines, key=lambda ln: ln.no), on_page, set(), {}))
    return PdfContent("test.pdf", pages)


def test_a_key_value_form_gives_the_project_its_amounts_target_and_indicators():
    (form,) = read_forms(content(grid(1, [
        ["某某项目绩效目标表", None, None, None, None],
        ["项目名称", "执法车辆消耗费", None, None, None],
        ["主管部门", "某某局", None, "实施单位", "某某支队"],
        ["专项资金情况（万元）", "资金总额", None, "77.48", None],
        [None, "财政拨款", None, "77.48", None],
        [None, "其他资金", None, "0.00", None],
        ["年度目标", "用于补助执法车辆消耗费支出。", None, None, None],
        ["绩效目标指标", "一级指标", "二级指标", "三级指标", "指标值"],
        [None, "成本指标", "经济成本指标", "车辆消耗费总额", "≤77.48万元"],
        [None, "产出指标", "数量指标", "维保车辆数", "≥40辆"],
        [None, None, "质量指标", "车辆年检合格率", "=90%"],
        ["备注", "", None, None, None],
    ], before=["（二）绩效目标表及说明"], spans={(0, 0): (1, 5), (1, 1): (1, 4), (3, 0): (3, 1),
                                             (7, 0): (4, 1), (9, 1): (2, 1)})))
    assert (form.project, form.unit) == ("执法车辆消耗费", "万元")
    assert form.amounts == {"年度资金总额": D("77.48"), "年度:财政拨款": D("77.48"),
                            "年度:其他资金": D("0.00")}
    assert (form.fields["主管部门"], form.fields["实施单位"], form.fields["年度目标"]) == (
        "某某局", "某某支队", "用于补助执法车辆消耗费支出。")
    assert [(i.level1, i.level2, i.level3, i.value) for i in form.indicators] == [
        ("成本指标", "经济成本指标", "车辆消耗费总额", "≤77.48万元"),
        ("产出指标", "数量指标", "维保车辆数", "≥40辆"),
        ("产出指标", "质量指标", "车辆年检合格率", "=90%")]


def test_a_list_reads_each_named_project_and_leaves_the_one_a_page_break_cuts_off():
    header = ["项目名称", "项目总额", "绩效目标", "一级指标", "二级指标", "三级指标", "绩效指标性质",
              "本年绩效指标值", "绩效度量单位"]
    first = grid(1, [
        header,
        ["11000021Y000000390 843-信息系统运维类项目", "689.157460", "保障信息系统安全稳定运行。",
         "产出指标", "时效指标", "故障应急响应时间", "≤", "5", "分钟"],
        [None, None, None, "产出指标", "质量指标", "系统故障修复率", "≥", "99", "%"],
        ["机动经费", "100.000000", "应对临时性应急事件。", "产出指标", "时效指标", "支出进度指标", "定性", "优", ""],
        [None, None, None, "效益指标", "社会效益指标", "部门稳定运行", "定性", "优", ""],
    ], before=["预算表12 项目支出绩效目标表", "金额单位：万元"],
        spans={(1, 0): (2, 1), (1, 1): (2, 1), (1, 2): (2, 1), (3, 0): (2, 1), (3, 1): (2, 1),
               (3, 2): (2, 1)})
    # the next page goes on with the last project's rows: its name is not printed there
    rest = grid(2, [
        [None, None, None, "满意度指标", "服务对象满意度指标", "使用人员满意度", "≥", "95", "%"],
    ], before=["目，合理安排各"])
    forms = read_forms(content(first, rest))
    assert [(f.project, f.unit, f.amounts["年度资金总额"]) for f in forms] == [
        ("信息系统运维类项目", "万元", D("689.157460"))]
    assert forms[0].indicators == [
        Indicator("年度", "产出指标", "时效指标", "故障应急响应时间", "≤5分钟", forms[0].indicators[0].line),
        Indicator("年度", "产出指标", "质量指标", "系统故障修复率", "≥99%", forms[0].indicators[1].line)]
    assert forms[0].fields["年度目标"] == "保障信息系统安全稳定运行。"


def test_a_section_list_of_key_projects_reads_name_amount_and_target():
    forms = read_forms(content(grid(1, [
        ["项目", "预算数（单位：万元）", "绩效目标"],
        ["会展业专题", "3000", "培育、引进优质会展项目。"],
        ["电子商务专题", "3490", "促进跨境电商进出口高质量发展。"],
    ], before=["七、重点项目预算绩效目标情况", "2026年，本部门重点项目绩效目标情况如下："])))
    assert [(f.project, f.amounts, f.unit, f.fields["年度目标"]) for f in forms] == [
        ("会展业专题", {"年度资金总额": D("3000")}, "万元", "培育、引进优质会展项目。"),
        ("电子商务专题", {"年度资金总额": D("3490")}, "万元", "促进跨境电商进出口高质量发展。")]


def test_a_target_whose_figures_the_text_layer_lost_is_left_unread():
    (form,) = read_forms(content(grid(1, [
        ["项目名称", "科学事务管理", "当年预算", "26,675.34"],
        ["当年绩效目标", "年布局关键技术不少于 项,获批项目数量不少于 项", None, None],
    ], before=["市级重点专项资金绩效目标表"], spans={(1, 1): (1, 3)})))
    assert form.amounts == {"年度资金总额": D("26675.34")} and "年度目标" not in form.fields


def test_a_grid_with_a_goal_column_outside_a_performance_section_is_no_form():
    assert read_forms(content(grid(1, [
        ["项目名称", "金额", "绩效目标"],
        ["信息系统运维", "10.00", "保障运行。"],
    ], before=["部门预算项目支出及其他支出预算表"]))) == []


def test_indicators_under_no_header_row_are_read_and_paired_ones_split():
    # (Xi'an 2020: a form whose indicator rows follow its target with no '一级指标 二级指标…'
    # row, and one row pairing two indicators: '指标：A；B' valued 'a；b')
    (form,) = read_forms(content(grid(1, [
        ["专项（项目）名称", None, None, "技能补贴发放", None],
        ["主管部门", None, None, "某某局", None],
        ["资金金额（万元）", None, None, "实施期资金总额：", "3000"],
        ["总体目标", "完成技能补贴申领审核。", None, None, None],
        ["绩效指标", "产出指标", "数量指标", "指标：申报补贴人数；申报免费培训人数", "7375人；30195人"],
        [None, None, "质量指标", "指标：补贴发放到位率", "100%"],
        [None, "满意度指标", "服务对象满意度指标", "指标：企业满意率；学员满意率", "≥95%；≥90%"],
    ], before=["专项（项目）绩效目标表"], spans={(4, 0): (3, 1), (4, 1): (2, 1)})))
    assert form.project == "技能补贴发放"
    assert [(i.level2, i.level3, i.value) for i in form.indicators] == [
        ("数量指标", "指标：申报补贴人数", "7375人"),
        ("数量指标", "申报免费培训人数", "30195人"),
        ("质量指标", "指标：补贴发放到位率", "100%"),
        ("服务对象满意度指标", "指标：企业满意率", "≥95%"),
        ("服务对象满意度指标", "学员满意率", "≥90%"),
    ]
