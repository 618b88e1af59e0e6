"""Browsing a store: each document's place, level and aliases read from its body's name, and the
one listing (`budgetqa documents`, `GET /api/documents`) filtered by body, year, kind and place."""

from __future__ import annotations

import dataclasses
import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from budgetqa.cli import main
from budgetqa.documents import list_documents
from budgetqa.errors import ParameterError
from budgetqa.parsing.bodies import describe_body
from budgetqa.store import DocumentInfo

from builders import sample_health_commission_2024, sample_transport_bureau_2022, write_disclosure
from conftest import SEED


@pytest.mark.parametrize("name, places, level, aliases", [
    ("上海市普陀区规划和自然资源局", ("上海", "上海", "普陀区", ""), "区县级",
     ("上海市普陀区规划和自然资源局", "普陀区规划和自然资源局", "普陀规划和自然资源局", "区规划和自然资源局",
      "规划和自然资源局", "上海市普陀区规划资源局", "上海市普陀区规资局", "普陀区规划资源局", "普陀区规资局",
      "普陀规划资源局", "普陀规资局", "区规划资源局", "区规资局", "规划资源局", "规资局")),
    ("深圳市气象局（本级）", ("", "深圳", "", ""), "市级",
     ("深圳市气象局（本级）", "深圳市气象局", "深圳气象局", "市气象局", "气象局")),
    ("中共重庆市委宣传部", ("重庆", "重庆", "", ""), "市级",
     ("中共重庆市委宣传部", "重庆市委宣传部", "市委宣传部", "宣传部")),
    ("福州市公安局巡特警支队", ("", "福州", "", ""), "市级",
     ("福州市公安局巡特警支队", "福州公安局巡特警支队", "市公安局巡特警支队", "公安局巡特警支队", "巡特警支队")),
    ("江苏省人民检察院", ("江苏", "", "", ""), "省级",
     ("江苏省人民检察院", "江苏人民检察院", "省人民检察院", "人民检察院", "江苏省检察院", "江苏检察院",
      "省检察院", "检察院")),
    ("上海市普陀区人民政府万里街道办事处", ("上海", "上海", "普陀区", "万里街道"), "乡镇级",
     ("上海市普陀区人民政府万里街道办事处", "上海市普陀区万里街道办事处", "普陀区万里街道办事处",
      "普陀万里街道办事处", "万里街道办事处", "万里街道")),
    ("青禾县交通运输局", ("", "", "青禾县", ""), "区县级",
     ("青禾县交通运输局", "青禾交通运输局", "县交通运输局", "交通运输局", "青禾县交通局", "青禾交通局",
      "县交通局", "交通局")),
    ("广州市卫生健康委员会", ("", "广州", "", ""), "市级",
     ("广州市卫生健康委员会", "广州卫生健康委员会", "市卫生健康委员会", "卫生健康委员会", "广州市卫健委",
      "广州市卫生健康委", "广州卫健委", "广州卫生健康委", "市卫健委", "市卫生健康委", "卫健委", "卫生健康委")),
    ("上海交通职业技术学院", ("上海", "上海", "", ""), "市级", ("上海交通职业技术学院", "交通职业技术学院")),
    ("吉林市财政局", ("", "吉林", "", ""), "市级", ("吉林市财政局", "吉林财政局", "市财政局", "财政局")),
    ("国家税务总局福州市税务局", ("", "", "", ""), "", ("国家税务总局福州市税务局", "福州市税务局")),
])
def test_place_level_and_aliases_are_what_the_name_shows(name, places, level, aliases):
    b = describe_body(name)
    assert (b.province, b.city, b.district, b.town) == places
    assert b.level == level
    assert b.aliases == aliases


def test_a_units_own_account_is_the_same_body_as_its_department():
    assert describe_body("泉州市人民政府办公室（本级）").body == describe_body("泉州市人民政府办公室").body == \
        "泉州市人民政府办公室"
    assert "区府办" in describe_body("上海市普陀区人民政府办公室").aliases


def _info(doc_id: str, department: str, year: int, kind: str = "预算", scope: str = "部门") -> DocumentInfo:
    return DocumentInfo(doc_id, f"{department}{year}年{scope}{kind}", department, year, kind, scope,
                        f"/corpus/{doc_id}.pdf", "h", "pdf", "2026-01-01T00:00:00")


STORE = [
    _info("bj-stats-2026", "北京市统计局", 2026),
    _info("gz-stats-2026", "广州市统计局", 2026),
    _info("gz-health-2026", "广州市卫生健康委员会", 2026),
    _info("sz-meteo-2026", "深圳市气象局（本级）", 2026, scope="单位"),
    _info("sz-meteo-2025", "深圳市气象局", 2025),
    _info("pt-natres-2024", "上海市普陀区规划和自然资源局", 2024, "决算"),
    _info("pt-office-2025", "上海市普陀区人民政府办公室", 2025),
    _info("sh-audit-2026", "上海市审计局", 2026, scope="单位"),
    _info("js-procuratorate-2019", "江苏省人民检察院", 2019),
]


@pytest.mark.parametrize("filters, ids", [
    ({}, [d.id for d in STORE]),
    ({"body": "统计局"}, ["bj-stats-2026", "gz-stats-2026"]),
    ({"body": "北京市统计局"}, ["bj-stats-2026"]),
    ({"body": "市统计局"}, ["bj-stats-2026", "gz-stats-2026"]),
    ({"body": "卫健委"}, ["gz-health-2026"]),
    ({"body": "深圳市气象局"}, ["sz-meteo-2026", "sz-meteo-2025"]),  # the 本级 account and the 部门
    ({"body": "区府办"}, ["pt-office-2025"]),
    ({"body": "检察院"}, ["js-procuratorate-2019"]),
    ({"body": "公安局"}, []),
    ({"place": "上海"}, ["pt-natres-2024", "pt-office-2025", "sh-audit-2026"]),
    ({"place": "普陀"}, ["pt-natres-2024", "pt-office-2025"]),
    ({"place": "上海市普陀区"}, ["pt-natres-2024", "pt-office-2025"]),
    ({"place": "广州市"}, ["gz-stats-2026", "gz-health-2026"]),
    ({"place": "广东"}, []),  # 广州市… does not print its province
    ({"place": "江苏"}, ["js-procuratorate-2019"]),
    ({"year": 2026}, ["bj-stats-2026", "gz-stats-2026", "gz-health-2026", "sz-meteo-2026", "sh-audit-2026"]),
    ({"year": "2025", "body": "气象局"}, ["sz-meteo-2025"]),
    ({"kind": "决算"}, ["pt-natres-2024"]),
    ({"kind": "预算", "place": "普陀"}, ["pt-office-2025"]),
    ({"body": "", "year": "", "kind": "", "place": ""}, [d.id for d in STORE]),  # empty: no filter
    ({"body": " 广州市 统计局 "}, ["gz-stats-2026"]),
])
def test_the_listing_is_filtered_by_body_year_kind_and_place(filters, ids):
    assert [d["id"] for d in list_documents(STORE, **filters)] == ids


@pytest.mark.parametrize("filters, message", [
    ({"year": "abc"}, "year 必须是四位年份，例如 2026（收到“abc”）"),
    ({"year": "26"}, "year 必须是四位年份，例如 2026（收到“26”）"),
    ({"year": 3026}, "year 必须是四位年份，例如 2026（收到“3026”）"),
    ({"kind": "budget"}, "kind 只能是 预算 或 决算（收到“budget”）"),
    ({"body": "局" * 101}, "body 太长（101 字），最多 100 字"),
    ({"place": 5}, "place 必须是文字 (place must be text)"),
])
def test_a_filter_that_cannot_be_used_says_which_and_why(filters, message):
    with pytest.raises(ParameterError) as e:
        list_documents(STORE, **filters)
    assert str(e.value) == message


def test_each_document_carries_its_place_level_and_aliases():
    [d] = list_documents(STORE, body="普陀区规划和自然资源局")
    assert {k: d[k] for k in ("id", "department", "body", "province", "city", "district", "town", "place",
                              "level")} == {
        "id": "pt-natres-2024", "department": "上海市普陀区规划和自然资源局", "body": "上海市普陀区规划和自然资源局",
        "province": "上海", "city": "上海", "district": "普陀区", "town": "", "place": "上海市普陀区",
        "level": "区县级"}
    assert d["aliases"][:5] == ["上海市普陀区规划和自然资源局", "普陀区规划和自然资源局", "普陀规划和自然资源局",
                                "区规划和自然资源局", "规划和自然资源局"]


# ---------------------------------------------------------------- the two edges, one store


@pytest.fixture()
def stored(tmp_path):
    """The seed and two documents the tests build (云溪市, 青禾县), stored without the index."""
    health = write_disclosure(tmp_path / "in", sample_health_commission_2024())
    transport = write_disclosure(tmp_path / "in", sample_transport_bureau_2022())
    later = write_disclosure(tmp_path / "in", dataclasses.replace(sample_transport_bureau_2022(), year=2023))
    r = CliRunner().invoke(main, ["ingest", "--no-index", str(SEED), str(health), str(transport), str(later)])
    assert r.exit_code == 0, r.output


def test_cli_lists_the_documents_with_place_and_level(stored):
    r = CliRunner().invoke(main, ["documents"])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines() == [
        "yunxi-health-commission-2024-budget\t云溪市卫生健康委员会\t2024\t部门预算\t云溪市\t市级\ttext",
        "yangquan-bigdata-bureau-2023-budget\t阳泉市大数据应用局\t2023\t部门预算\t阳泉市\t市级\ttext",
        "qinghe-transport-bureau-2022-budget\t青禾县交通运输局\t2022\t部门预算\t青禾县\t区县级\ttext",
        "qinghe-transport-bureau-2023-budget\t青禾县交通运输局\t2023\t部门预算\t青禾县\t区县级\ttext",
    ]


@pytest.mark.parametrize("args, ids", [
    (["--body", "交通局"], ["qinghe-transport-bureau-2022-budget", "qinghe-transport-bureau-2023-budget"]),
    (["--body", "交通局", "--year", "2023"], ["qinghe-transport-bureau-2023-budget"]),
    (["--place", "云溪"], ["yunxi-health-commission-2024-budget"]),
    (["--body", "卫健委", "--kind", "预算"], ["yunxi-health-commission-2024-budget"]),
    (["--kind", "决算"], []),
])
def test_cli_filters(stored, args, ids):
    r = CliRunner().invoke(main, ["documents", "--json", *args])
    assert r.exit_code == 0, r.output
    docs = [json.loads(line) for line in r.output.splitlines()]
    assert [d["id"] for d in docs] == ids


def test_cli_json_carries_the_place_and_aliases(stored):
    r = CliRunner().invoke(main, ["documents", "--json", "--body", "大数据"])
    [d] = [json.loads(line) for line in r.output.splitlines()]
    assert (d["city"], d["level"], d["aliases"]) == (
        "阳泉", "市级", ["阳泉市大数据应用局", "阳泉大数据应用局", "市大数据应用局", "大数据应用局"])


@pytest.mark.parametrize("args, message", [
    (["--year", "abc"], "错误: year 必须是四位年份，例如 2026（收到“abc”）"),
    (["--kind", "final"], "错误: kind 只能是 预算 或 决算（收到“final”）"),
])
def test_cli_bad_filter_is_one_line_and_exit_code_2(stored, args, message):
    r = CliRunner().invoke(main, ["documents", *args])
    assert r.exit_code == 2
    assert r.output.strip() == message


@pytest.fixture()
def client(stored):
    from budgetqa.server import create_app
    from budgetqa.service import BudgetQA
    from budgetqa.settings import load_settings

    settings = load_settings()
    with TestClient(create_app(settings, BudgetQA.open(settings, with_index=False), with_chat=False)) as c:
        yield c


def test_api_lists_and_filters_the_same_documents(client):
    r = client.get("/api/documents", params={"body": "交通局", "year": "2022", "kind": "预算", "place": "青禾"})
    assert r.status_code == 200
    assert r.json() == {"documents": [{
        "id": "qinghe-transport-bureau-2022-budget", "title": "青禾县交通运输局2022年度部门预算公开",
        "department": "青禾县交通运输局", "year": 2022, "kind": "预算", "scope": "部门", "source_type": "text",
        "body": "青禾县交通运输局", "province": "", "city": "", "district": "青禾县", "town": "",
        "place": "青禾县", "level": "区县级",
        "aliases": ["青禾县交通运输局", "青禾交通运输局", "县交通运输局", "交通运输局", "青禾县交通局", "青禾交通局",
                    "县交通局", "交通局"]}]}
    assert [d["id"] for d in client.get("/api/documents?place=&body=").json()["documents"]] == [
        "yunxi-health-commission-2024-budget", "yangquan-bigdata-bureau-2023-budget",
        "qinghe-transport-bureau-2022-budget", "qinghe-transport-bureau-2023-budget"]


@pytest.mark.parametrize("query, message", [
    ("year=abc", "year 必须是四位年份，例如 2026（收到“abc”）"),
    ("kind=budget", "kind 只能是 预算 或 决算（收到“budget”）"),
    ("place=" + "区" * 101, "place 太长（101 字），最多 100 字"),
])
def test_api_bad_parameter_is_a_400_in_the_one_error_shape(client, query, message):
    r = client.get(f"/api/documents?{query}")
    assert r.status_code == 400
    assert r.json() == {"error": {"code": "bad_parameter", "message": message}}
