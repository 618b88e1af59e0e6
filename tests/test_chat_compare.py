"""The chat's 对比 tab (``budgetqa.chat_compare``): the table of the documents that give the
figure, the notes listing those that do not, the Plotly chart (only what is given, never a 0 for a
missing figure), the CSV link, and every text from documents and users escaped.

Uses tests/test_compare.py's documents (built from the template with known figures)."""

from __future__ import annotations

from decimal import Decimal as D

from test_compare import H24, H25, NOT_FOUND, T22, home, qa  # noqa: F401  (fixtures)

from budgetqa.compare import Comparison, Row, compare
from budgetqa.model import Provenance


def test_chat_table_notes_chart_and_link(qa):
    from budgetqa.chat_compare import compare_chart, compare_notes, compare_table, csv_link

    c = compare(qa, "农村公路养护补助", [H24, T22, H25])
    assert compare_table(c).values.tolist() == [
        ["青禾县交通运输局2022年预算", "520.00", "农村公路养护补助",
         "2022年项目支出预算表（本年预算），“农村公路养护补助”行，“合计”列，第407行"]]
    assert compare_notes(c) == (
        "**农村公路养护补助**：1 个文档给出了数字（万元）。\n\n**没有给出这个数字的文档（未画入图中）：**\n\n"
        f"- 云溪市卫生健康委员会2024年预算：{NOT_FOUND}\n- 云溪市卫生健康委员会2025年预算：{NOT_FOUND}")
    bar = compare_chart(c).data[0]
    assert list(bar.y) == ["青禾县交通运输局2022年预算"] and list(bar.x) == [520.0]  # missing: not plotted
    assert csv_link(c) == ("api/compare?measure=%E5%86%9C%E6%9D%91%E5%85%AC%E8%B7%AF%E5%85%BB%E6%8A%A4%E8%A1%A5%E5%8A%A9"
                           f"&document={H24}&document={T22}&document={H25}&format=csv")
    assert compare_chart(compare(qa, "农村公路养护补助", [H24, H25])) is None  # nothing to plot


def test_chat_escapes_what_documents_and_users_write():
    from budgetqa.chat_compare import compare_chart, compare_notes

    evil = "<img src=x onerror=alert(1)>"
    c = Comparison(evil + "经费", [Row("d1", evil + "局", 2024, "预算", D("1"), evil, Provenance("d1", evil)),
                                   Row("d2", "乙局", 2024, "预算", None, note=evil)])
    notes = compare_notes(c)
    assert "<img" not in notes and "&lt;img src=x onerror=alert\\(1\\)&gt;经费" in notes
    fig = compare_chart(c)
    assert fig.data[0].y[0] == "&lt;img src=x onerror=alert(1)&gt;局2024年预算"
    assert "<img" not in fig.layout.title.text and "<img" not in fig.data[0].hovertext[0]


def test_chat_shows_an_amount_printed_in_yuan_exactly_and_the_page():
    from budgetqa.chat_compare import compare_table

    c = Comparison("收入总计", [
        Row("d1", "甲局", 2026, "预算", D("9626.777589"), "收入总计（预算数）", Provenance("d1", "收支总表", "收入总计", "预算数", 33, 1)),
        Row("d2", "乙局", 2026, "预算", D("3944.080000"), "收入总计（预算数）", Provenance("d2", "收支总表", "收入总计", "预算数", 102, 6))])
    assert compare_table(c).values.tolist() == [
        ["甲局2026年预算", "9,626.777589", "收入总计（预算数）", "收支总表，“收入总计”行，“预算数”列，第1页，第33行"],
        ["乙局2026年预算", "3,944.08", "收入总计（预算数）", "收支总表，“收入总计”行，“预算数”列，第6页，第102行"]]
    assert [line.split(",")[5] for line in c.to_csv().splitlines()[1:]] == ["9626.777589", "3944.08"]
