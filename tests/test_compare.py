"""One measure across chosen documents (``budgetqa.compare``, the 对比 view): each document asked
by the single-document answerer, a row per document with its value in 万元 and its source; a
document that does not give the figure has no value, never 0. The same comparison through the
service, ``GET /api/compare`` (JSON and CSV) and ``budgetqa compare``.

The documents are built from the template (tests/builders.py) with known figures: 云溪市卫生健康
委员会 2024 and 2025 (机关运行经费 86.44 and 76.44, “三公” 20.30) and 青禾县交通运输局 2022
(机关运行经费 29.80, no “三公” budget, the project 农村公路养护补助 520.00)."""

from __future__ import annotations

import csv
import dataclasses
import io
from decimal import Decimal as D

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from builders import sample_health_commission_2024, sample_transport_bureau_2022, write_disclosure

from budgetqa.cli import main
from budgetqa.compare import MAX_DOCUMENTS, Comparison, Row, compare
from budgetqa.errors import ParameterError, UnknownDocumentError
from budgetqa.model import Provenance

H24, H25, T22 = ("yunxi-health-commission-2024-budget", "yunxi-health-commission-2025-budget",
                 "qinghe-transport-bureau-2022-budget")
HEADER = ["文档ID", "部门", "年度", "类型", "指标", "金额（万元）", "所取数字", "表", "行", "列", "页码", "行号", "说明"]
NOT_FOUND = "公开文件中没有找到与这个问题相关的内容。"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("compare")


@pytest.fixture(scope="module")
def qa(home):
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings

    health = sample_health_commission_2024()
    later = dataclasses.replace(health, year=2025, office_running=D("76.44"))
    paths = [write_disclosure(home / "in", d) for d in (health, later, sample_transport_bureau_2022())]
    service = BudgetQA.open(Settings(home=home / "home"), with_index=False)
    service.ingest(paths)
    assert sorted(service._answerers) == sorted([H24, H25, T22])
    return service


# ---------------------------------------------------------------- the core


def test_one_measure_across_bodies_and_years_with_each_source(qa):
    c = compare(qa, "机关运行经费", [H24, H25, T22])
    assert c.measure == "机关运行经费"
    assert [(r.document, r.body, r.year, r.kind, r.value) for r in c.rows] == [
        (H24, "云溪市卫生健康委员会", 2024, "预算", D("86.44")),
        (H25, "云溪市卫生健康委员会", 2025, "预算", D("76.44")),
        (T22, "青禾县交通运输局", 2022, "预算", D("29.80"))]
    assert c.rows[2].source == Provenance(T22, "2022年机关运行经费预算财政拨款情况统计表", "部门合计", "合计", 395)
    assert c.rows[0].label == "云溪市卫生健康委员会2024年预算" and c.missing == []


def test_a_document_that_does_not_give_the_figure_has_no_value_never_zero(qa):
    c = qa.compare("农村公路养护补助", [H24, T22])  # the service's method: the same comparison
    health, transport = c.rows
    assert health.value is None and health.source is None and health.note == NOT_FOUND
    assert transport.value == D("520.00")
    assert transport.source == Provenance(T22, "2022年项目支出预算表（本年预算）", "农村公路养护补助", "合计", 407)
    assert c.given == [transport] and c.missing == [health]
    assert c.to_dict()["rows"][0]["value"] is None and c.to_dict()["missing"] == [H24]


def test_a_budget_the_document_says_it_has_none_of_is_its_stated_zero(qa):
    # 青禾县 prints its “三公” table empty (注：本表无数据) and says 本部门无“三公”经费预算: a
    # figure the document gives, with its source, unlike a measure the document never mentions.
    c = compare(qa, "三公经费", [H24, T22])
    assert [r.value for r in c.rows] == [D("20.30"), D("0")]
    assert c.rows[1].figure == "2022年一般公共预算“三公”经费支出预算表（本表无数据）"
    assert c.rows[1].source.table == "2022年一般公共预算“三公”经费支出预算表"


def test_the_measure_may_be_asked_as_a_question_and_documents_are_taken_once(qa):
    c = compare(qa, " 机关运行经费是多少？", [T22, H24, T22])
    assert c.measure == "机关运行经费"
    assert [r.document for r in c.rows] == [T22, H24]


def test_csv_has_a_bom_a_header_and_an_empty_cell_with_a_note_for_a_missing_value(qa):
    text = compare(qa, "农村公路养护补助", [T22, H24]).to_csv()
    assert text.startswith("\ufeff文档ID,")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows == [
        HEADER,
        [T22, "青禾县交通运输局", "2022", "预算", "农村公路养护补助", "520.00", "农村公路养护补助",
         "2022年项目支出预算表（本年预算）", "农村公路养护补助", "合计", "", "407", ""],
        [H24, "云溪市卫生健康委员会", "2024", "预算", "农村公路养护补助", "", "", "", "", "", "", "", NOT_FOUND]]
    assert text.endswith("\r\n") and text.encode("utf-8").startswith(b"\xef\xbb\xbf")


def test_csv_cells_from_a_document_cannot_run_as_spreadsheet_formulas():
    c = Comparison("=1+1", [Row("d1", "=HYPERLINK(\"http://x\")", 2024, "预算", D("-1.5"), "@SUM(A1)",
                                Provenance("d1", "+表", "-行", "合计", 3)),
                            Row("d2", "某局", 2024, "预算", None, note="=没有")])
    rows = list(csv.reader(io.StringIO(c.to_csv()[1:])))
    assert rows[1] == ["d1", "'=HYPERLINK(\"http://x\")", "2024", "预算", "'=1+1", "-1.50", "'@SUM(A1)", "'+表",
                       "'-行", "合计", "", "3", ""]
    assert rows[2][-1] == "'=没有"
    assert c.csv_filename() == "对比-=1+1.csv"


@pytest.mark.parametrize("measure, documents, error, message", [
    ("三公经费", [H24, "no-such-doc"], UnknownDocumentError, "没有这个文档：no-such-doc"),
    ("三公经费", [H24], ParameterError, "请至少选 2 个不同的文档来对比（收到 1 个）"),
    ("三公经费", [H24, H24], ParameterError, "请至少选 2 个不同的文档来对比（收到 1 个）"),
    ("三公经费", [], ParameterError, "请至少选 2 个不同的文档来对比（收到 0 个）"),
    ("三公经费", [f"doc-{i}" for i in range(MAX_DOCUMENTS + 1)], ParameterError,
     "文档太多（51 个），一次最多对比 50 个"),
    ("三公经费", H24, ParameterError, "document 必须是文档 ID 的列表 (documents must be a list of ids)"),
    ("三公经费", [H24, "x" * 201], ParameterError, "文档 ID 太长，最多 200 个字符 (document id too long)"),
    ("", [H24, T22], ParameterError, "指标是空的：请写要对比的指标，例如 三公经费 (empty measure)"),
    ("是多少？", [H24, T22], ParameterError, "指标是空的：请写要对比的指标，例如 三公经费 (empty measure)"),
    (None, [H24, T22], ParameterError, "缺少指标：请写要对比的指标，例如 三公经费 (measure is required)"),
    (42, [H24, T22], ParameterError, "指标必须是文字 (measure must be text)"),
    ("经" * 51, [H24, T22], ParameterError, "指标太长（51 字），最多 50 字 (measure too long)"),
    ("三公\x00经费", [H24, T22], ParameterError, "指标里有无法识别的字符，请删掉后重新输入 (unreadable character)"),
])
def test_bad_input_is_one_clear_message(qa, measure, documents, error, message):
    with pytest.raises(error) as e:
        compare(qa, measure, documents)
    assert type(e.value) is error and str(e.value) == message


# ---------------------------------------------------------------- GET /api/compare


@pytest.fixture(scope="module")
def client(qa):
    from budgetqa.server import create_app

    settings = qa.settings.model_copy(update={"rate_limit_per_minute": 1000})
    with TestClient(create_app(settings, qa, with_chat=False)) as c:
        yield c


def test_api_json(client):
    r = client.get("/api/compare", params=[("measure", "农村公路养护补助"), ("document", T22), ("document", H24)])
    assert r.status_code == 200, r.text
    assert r.json() == {"measure": "农村公路养护补助", "unit": "万元", "missing": [H24], "rows": [
        {"document": T22, "body": "青禾县交通运输局", "year": 2022, "kind": "预算", "label": "青禾县交通运输局2022年预算",
         "value": 520, "unit": "万元", "figure": "农村公路养护补助", "note": None,
         "source": {"document": T22, "table": "2022年项目支出预算表（本年预算）", "row": "农村公路养护补助",
                    "column": "合计", "line": 407}},
        {"document": H24, "body": "云溪市卫生健康委员会", "year": 2024, "kind": "预算",
         "label": "云溪市卫生健康委员会2024年预算", "value": None, "unit": "万元", "figure": None, "source": None,
         "note": NOT_FOUND}]}


def test_api_csv_is_a_download_with_a_chinese_file_name(client):
    r = client.get("/api/compare", params=[("measure", "机关运行经费"), ("document", H24), ("document", H25),
                                           ("format", "csv")])
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"] == (
        "attachment; filename=\"budgetqa-compare.csv\"; "
        "filename*=UTF-8''%E5%AF%B9%E6%AF%94-%E6%9C%BA%E5%85%B3%E8%BF%90%E8%A1%8C%E7%BB%8F%E8%B4%B9.csv")
    assert r.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0] == HEADER and [row[5] for row in rows[1:]] == ["86.44", "76.44"]


@pytest.mark.parametrize("query, status, code, message", [
    ([("document", H24), ("document", T22)], 400, "bad_parameter",
     "缺少指标：请写要对比的指标，例如 三公经费 (measure is required)"),
    ([("measure", ""), ("document", H24), ("document", T22)], 400, "bad_parameter",
     "指标是空的：请写要对比的指标，例如 三公经费 (empty measure)"),
    ([("measure", "经" * 51), ("document", H24), ("document", T22)], 400, "bad_parameter",
     "指标太长（51 字），最多 50 字 (measure too long)"),
    ([("measure", "三公经费"), ("document", H24)], 400, "bad_parameter",
     "请至少选 2 个不同的文档来对比（收到 1 个）"),
    ([("measure", "三公经费"), *[("document", f"d{i}") for i in range(51)]], 400, "bad_parameter",
     "文档太多（51 个），一次最多对比 50 个"),
    ([("measure", "三公经费"), ("document", H24), ("document", "nope")], 404, "unknown_document",
     "没有这个文档：nope"),
    ([("measure", "三公经费"), ("document", H24), ("document", T22), ("format", "xlsx")], 400, "bad_parameter",
     "format 只能是 json 或 csv（收到“xlsx”）"),
])
def test_api_bad_input_is_a_4xx_in_the_one_error_shape(client, query, status, code, message):
    r = client.get("/api/compare", params=query)
    assert r.status_code == status, r.text
    assert r.json() == {"error": {"code": code, "message": message}}


def test_api_compare_counts_under_the_answering_rate_limit(qa):
    from budgetqa.server import create_app

    settings = qa.settings.model_copy(update={"rate_limit_per_minute": 2})
    query = [("measure", "三公经费"), ("document", H24), ("document", T22)]
    with TestClient(create_app(settings, qa, with_chat=False)) as c:
        assert [c.get("/api/compare", params=query).status_code for _ in range(3)] == [200, 200, 429]
        assert c.post("/api/ask", json={"question": "三公经费有吗"}).status_code == 429  # one budget


# ---------------------------------------------------------------- budgetqa compare


@pytest.fixture
def stored(qa, home, monkeypatch):
    monkeypatch.setenv("BUDGETQA_HOME", str(home / "home"))


def test_cli_prints_a_line_per_document_in_the_order_given(stored):
    r = CliRunner().invoke(main, ["compare", "农村公路养护补助", "--document", H24, "--document", T22])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        f"{H24}\t云溪市卫生健康委员会\t2024年预算\t没有给出（{NOT_FOUND}）",
        f"{T22}\t青禾县交通运输局\t2022年预算\t520.00 万元\t农村公路养护补助\t"
        "[2022年项目支出预算表（本年预算） | 农村公路养护补助 | 合计 | 第407行]"]


def test_cli_csv_is_the_api_csv(stored, client):
    r = CliRunner().invoke(main, ["compare", "机关运行经费", "--csv", "--document", H24, "--document", T22])
    assert r.exit_code == 0, r.output
    api = client.get("/api/compare", params=[("measure", "机关运行经费"), ("document", H24), ("document", T22),
                                             ("format", "csv")])
    assert r.stdout_bytes == api.content  # the same bytes: BOM, CRLF rows
    assert r.stdout_bytes.startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("args, message", [
    (["三公经费", "--document", H24], "错误: 请至少选 2 个不同的文档来对比（收到 1 个）"),
    (["三公经费", "--document", H24, "--document", "nope"], "错误: 没有这个文档：nope"),
    (["  ", "--document", H24, "--document", T22], "错误: 指标是空的：请写要对比的指标，例如 三公经费 (empty measure)"),
])
def test_cli_bad_input_is_one_line_and_exit_code_2(stored, args, message):
    r = CliRunner().invoke(main, ["compare", *args])
    assert r.exit_code == 2
    assert r.output.strip() == message


def test_cli_without_a_store_says_to_ingest_first(tmp_path):
    r = CliRunner().invoke(main, ["compare", "三公经费", "--document", H24, "--document", T22])
    assert r.exit_code == 1 and "请先运行 budgetqa ingest" in r.output
    assert not (tmp_path / "home").exists()  # asking did not create an empty store
