"""The chat's 对比 tab (``budgetqa.chat_compare``): the table of the documents that give the
figure, the notes listing those that do not, the Plotly chart (only what is given, never a 0 for a
missing figure), the CSV link, every text from documents and users escaped, and the list of
documents: read from the store when the page loads and when a list is opened, each label carrying the body's short names.

Uses tests/test_compare.py's documents (built from the template with known figures)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

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


# ---------------------------------------------------------------- the lists follow the store


def test_a_document_ingested_after_the_page_was_built_is_listed_when_a_list_is_opened(tmp_path):
    """Every list of documents (问答, 预算结构, 对比, 审核) is read from the store when the page
    loads and again when any list is opened, sending nothing while the store is unchanged; the
    page's session then accepts the new document in a comparison and a question."""
    import json

    from fastapi.testclient import TestClient

    from builders import sample_health_commission_2024, sample_transport_bureau_2022, write_disclosure
    from budgetqa.server import create_app
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings
    from test_chat_routes import run_event

    qa = BudgetQA.open(Settings(home=tmp_path / "home", rate_limit_per_minute=1000), with_index=False)
    qa.ingest([write_disclosure(tmp_path / "in", sample_health_commission_2024())])
    with TestClient(create_app(qa.settings, qa)) as client:
        deps = client.get("/config").json()["dependencies"]
        event = {d["api_name"]: i for i, d in enumerate(deps)}
        triggers = [t[1] for t in deps[event["document_lists"]]["targets"]]
        assert triggers == ["load", "focus", "focus", "focus", "focus"]

        loaded = run_event(client, event["document_lists"], [H24, H24, None], session="page")
        assert loaded["output"]["data"][2]["choices"][0][1] == H24
        unchanged = run_event(client, event["document_lists"], [H24, H24, None], session="page")
        assert unchanged["success"] is True
        assert all(update == {"__type__": "update"} for update in unchanged["output"]["data"][:4])  # no change sent

        qa.ingest([write_disclosure(tmp_path / "later", sample_transport_bureau_2022())])
        done = run_event(client, event["document_lists"], [H24, H24, None], session="page")
        questions, structure, comparison, audit, _ = done["output"]["data"]
        listed = [["云溪市卫生健康委员会 2024年预算", H24], ["青禾县交通运输局 2022年预算", T22]]
        assert questions["choices"] == [["自动选择", "__auto__"]] + listed and questions["visible"] is True
        assert structure["choices"] == audit["choices"] == listed
        assert comparison["choices"] == [["云溪市卫生健康委员会 2024年预算（简称：市卫健委、云溪卫健委）", H24],
                                         ["青禾县交通运输局 2022年预算（简称：县交通局、青禾交通局）", T22]]
        assert "value" not in structure and "value" not in audit  # what the page shows is kept

        done = run_event(client, event["show"], [[H24, T22], "机关运行经费"], session="page")
        assert done["success"] is True, done["output"]
        assert [row[:2] for row in done["output"]["data"][0]["data"]] == [
            ["云溪市卫生健康委员会2024年预算", "86.44"], ["青禾县交通运输局2022年预算", "29.80"]]
        done = run_event(client, event["respond"], ["机关运行经费是多少", None, None, T22], session="page")
        assert "29.80" in json.dumps(done["output"]["data"][1][-1], ensure_ascii=False)


# ---------------------------------------------------------------- short names in the list


def typed(choices: list[tuple[str, str]], text: str) -> list[str]:
    """The documents the page's list shows as ``text`` is typed: Gradio keeps the choices whose
    label contains it."""
    return [doc for label, doc in choices if text.lower() in label.lower()]


def test_the_list_finds_a_body_by_a_short_name_its_name_prints_in_full(qa):
    from budgetqa.chat_compare import document_choices

    choices = document_choices(qa.documents())
    assert dict((d, label) for label, d in choices)[H24] == "云溪市卫生健康委员会 2024年预算（简称：市卫健委、云溪卫健委）"
    assert typed(choices, "卫健委") == typed(choices, "市卫健委") == [H24, H25]
    assert typed(choices, "交通局") == typed(choices, "县交通局") == [T22]
    assert typed(choices, "云溪市卫生健康委员会 2024") == [H24]  # the full name and the year, as before
    assert typed(choices, "统计局") == []


@pytest.mark.parametrize("department, short, shown", [
    ("广州市发展和改革委员会", "发改委", "广州市发展和改革委员会 2026年预算（简称：市发改委、广州发改委）"),
    ("广州市人力资源和社会保障局", "人社局", "广州市人力资源和社会保障局 2026年预算（简称：市人社局、广州人社局）"),
    ("上海市普陀区人民政府办公室", "区府办", "上海市普陀区人民政府办公室 2026年预算（简称：区政府办公室、区府办、普陀府办）"),
    ("白石县市场监督管理局", "市场监管局", "白石县市场监督管理局 2026年预算（简称：县市场监管局、白石市场监管局）"),
    ("北京市统计局", "统计局", "北京市统计局 2026年预算"),  # nothing its name does not print
])
def test_each_label_carries_the_short_names_the_body_is_known_by(department, short, shown):
    from budgetqa.chat_compare import document_choices
    from budgetqa.documents import list_documents
    from budgetqa.store import DocumentInfo

    infos = [DocumentInfo("d", f"{department}2026年部门预算", department, 2026, "预算", "部门", "/d.pdf", "h", "pdf", "")]
    choices = document_choices(list_documents(infos))
    assert choices == [(shown, "d")]
    assert typed(choices, short) == ["d"]
    if "简称" in shown:  # and as people type it with the place written short: 广州发改委
        assert typed(choices, shown.split("、")[-1].rstrip("）")) == ["d"]
