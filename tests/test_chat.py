"""The chat's rendering: figures in bold, sources in a <details>, every answer text escaped,
and the 预算结构 charts read from the parsed tables."""

from __future__ import annotations

from decimal import Decimal

from budgetqa.chat import render_answer, structure_html
from budgetqa.model import Answer, Figure, Passage, Provenance

DOC = "yangquan-bigdata-bureau-2023-budget"


def test_figures_bold_and_sources_listed():
    fig = Figure("智慧教育平台项目", Decimal("1000.00"), "万元",
                 Provenance(DOC, "2023年项目支出预算表（本年预算）", "智慧教育平台项目", "合计", 455),
                 arithmetic="1000.00 ÷ 11689.17 × 100% = 8.55%")
    html = render_answer(Answer("q", "预算1,000.00万元。", True, "lookup", [fig],
                                [Passage(DOC, "情况说明", 517, 517, "本部门无“三公”经费预算。")]))
    assert html.startswith("预算<strong>1,000.00万元</strong>。")
    assert "<details class=\"bqa-sources\"><summary>来源（2）</summary>" in html
    assert "<strong>智慧教育平台项目</strong> = 1,000.00 万元（表：2023年项目支出预算表（本年预算），行：智慧教育平台项目，列：合计，第455行）" in html
    assert "计算：<code>1000.00 ÷ 11689.17 × 100% = 8.55%</code>" in html
    assert "<li>情况说明（第517行）：本部门无“三公”经费预算。</li>" in html


def test_answer_text_is_escaped():
    evil = "<img src=x onerror=alert(1)>"
    html = render_answer(Answer(evil, evil + "没有找到", False, "refusal",
                                sources=[Passage(DOC, evil, 1, 2, evil + "\n\n<script>x</script>")]))
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;没有找到" in html
    assert "\n\n" not in html.split("<details", 1)[1]  # the sources stay one raw HTML block


def test_structure_reads_the_tables(seed_qa):
    html = structure_html(seed_qa, DOC)
    assert "按功能分类（类）的支出（万元）" in html
    for label, value in [("科学技术支出", "11,259.20"), ("基本支出", "519.08"), ("项目支出", "11,170.09"),
                         ("政府投资信息化项目专项资金", "5,000.00")]:
        assert label in html and value in html
    assert "信息事务" not in html  # only 类 (3-digit) rows, not 款/项


def test_pdf_sources_show_their_page():
    from decimal import Decimal

    from budgetqa.chat import render_answer
    from budgetqa.model import Answer, Figure, Passage, Provenance

    a = Answer("q", "机关运行经费213.28万元", True, "lookup",
               [Figure("机关运行经费", Decimal("213.28"), "万元",
                       Provenance("doc", "三公经费和机关运行经费预算表", "机关运行经费", "合计", 261, page=20))],
               [Passage("doc", "情况说明", 40, 41, "……", page=6)])
    html = render_answer(a)
    assert "第20页" in html and "第6页" in html
