"""The HTTP API: each endpoint, the one error shape for every bad request, the rate limit and
CORS. Uses the session's real service (seed ingested once), through FastAPI's TestClient."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from budgetqa.server import create_app

DOC = "yangquan-bigdata-bureau-2023-budget"
ALLOWED = "https://budget.example.gov.cn"


def settings_for(qa, **changes):
    return qa.settings.model_copy(update={"allowed_origins": [ALLOWED], "rate_limit_per_minute": 1000,
                                          **changes})


@pytest.fixture(scope="module")
def client(seed_qa):
    app = create_app(settings_for(seed_qa), seed_qa)
    with TestClient(app) as c:
        yield c


def assert_error(r, status: int, code: str, message: str | None = None):
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    if message is not None:
        assert body["error"]["message"] == message
    assert "Traceback" not in r.text


# ---------------------------------------------------------------- endpoints


def test_ask_returns_the_answer_json(client):
    r = client.post("/api/ask", json={"question": "智慧教育平台项目预算多少"})
    assert r.status_code == 200
    body = r.json()
    assert body["answer"].startswith("智慧教育平台项目2023年预算1,000.00万元。")
    assert body["answerable"] is True
    assert body["route"] == "lookup"
    assert body["document"] == DOC
    assert body["figures"] == [{
        "label": "智慧教育平台项目", "value": 1000, "unit": "万元",
        "source": {"document": DOC, "table": "2023年项目支出预算表（本年预算）",
                   "row": "智慧教育平台项目", "column": "合计", "line": 455}}]
    assert set(body) == {"question", "answer", "answerable", "figures", "sources", "route", "document"}


def test_ask_with_document_and_history(client):
    r = client.post("/api/ask", json={"question": "哪个项目钱最多", "history": ["三公经费有吗"],
                                      "document": DOC})
    assert r.status_code == 200
    assert r.json()["figures"][0]["label"] == "政府投资信息化项目专项资金"
    assert r.json()["figures"][0]["value"] == 5000


def test_documents(client):
    r = client.get("/api/documents")
    assert r.status_code == 200
    assert r.json() == {"documents": [{
        "id": DOC, "title": "阳泉市大数据应用局2023年度部门预算公开", "department": "阳泉市大数据应用局",
        "year": 2023, "kind": "预算", "scope": "部门", "source_type": "text"}]}


def test_health(client):
    r = client.get("/api/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "documents": 1}


def test_openapi_docs_and_widget_and_chat_are_served(client):
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/documents", "/api/health"} <= set(paths)
    js = client.get("/widget.js")
    assert js.status_code == 200
    assert js.headers["content-type"].startswith("application/javascript")
    assert "attachShadow" in js.text
    assert client.get("/").status_code == 200  # the Gradio chat


# ---------------------------------------------------------------- one error shape


@pytest.mark.parametrize("kwargs, status, code, message", [
    ({"json": {}}, 422, "bad_question", "缺少问题：请在 question 字段里写一个问题 (question is required)"),
    ({"json": {"question": ""}}, 422, "bad_question", "问题是空的，请输入一个问题 (empty question)"),
    ({"json": {"question": "   "}}, 422, "bad_question", "问题是空的，请输入一个问题 (empty question)"),
    ({"json": {"question": "预" * 501}}, 422, "bad_question", "问题太长（501 字），请控制在 500 字以内"),
    ({"json": {"question": 42}}, 422, "bad_question", "问题必须是文字 (question must be a string)"),
    ({"json": {"question": ["a"]}}, 422, "bad_question", "问题必须是文字 (question must be a string)"),
    ({"json": {"question": "预算多少", "history": "不是列表"}}, 422, "bad_request", None),
    ({"json": {"question": "预算多少", "document": 7}}, 422, "bad_request", None),
    ({"json": ["智慧教育平台项目预算多少"]}, 422, "bad_request",
     "请求体必须是一个 JSON 对象 (body must be a JSON object)"),
    ({"content": b'{"question": ', "headers": {"content-type": "application/json"}}, 400,
     "malformed_json", "请求体不是有效的 JSON (malformed JSON body)"),
    ({"json": {"question": "预算多少", "document": "no-such-doc"}}, 404, "unknown_document",
     "没有这个文档：no-such-doc"),
])
def test_bad_requests_get_one_error_shape(client, kwargs, status, code, message):
    assert_error(client.post("/api/ask", **kwargs), status, code, message)


def test_question_of_exactly_the_limit_is_accepted(client):
    assert client.post("/api/ask", json={"question": "预" * 500}).status_code == 200


def test_unknown_api_path_and_wrong_method(client):
    assert_error(client.get("/api/nothing"), 404, "not_found", "没有这个接口：/api/nothing (not found)")
    assert_error(client.get("/api/ask"), 405, "method_not_allowed",
                 "/api/ask 只接受 POST 请求 (method not allowed)")


class ExplodingService:
    """A stand-in service whose answer() fails unexpectedly (no real part fails on demand)."""

    def answer(self, question, history=None, document=None):
        raise RuntimeError("secret internal detail /etc/passwd")

    def documents(self):
        return []


def test_unexpected_exception_is_a_500_without_traceback(seed_qa):
    app = create_app(settings_for(seed_qa), ExplodingService(), with_chat=False)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/api/ask", json={"question": "预算多少"})
    assert_error(r, 500, "internal_error", "服务器内部出错了，请稍后再试 (internal error)")
    assert "secret" not in r.text


# ---------------------------------------------------------------- rate limit


def test_rate_limit_gives_429_with_retry_after(seed_qa):
    app = create_app(settings_for(seed_qa, rate_limit_per_minute=2), seed_qa, with_chat=False)
    with TestClient(app) as c:
        assert c.post("/api/ask", json={"question": "三公经费有吗"}).status_code == 200
        assert c.post("/api/ask", json={"question": "三公经费有吗"}).status_code == 200
        r = c.post("/api/ask", json={"question": "三公经费有吗"})
        assert_error(r, 429, "rate_limited")
        assert 1 <= int(r.headers["retry-after"]) <= 60
        assert r.json()["error"]["message"] == f"提问太频繁了，请 {r.headers['retry-after']} 秒后再试 (rate limit exceeded)"
        # Reading endpoints are not limited.
        assert c.get("/api/health").status_code == 200


def test_sliding_window_frees_a_slot_after_a_minute():
    from budgetqa.server import SlidingWindowLimiter

    now = [1000.0]
    limiter = SlidingWindowLimiter(2, clock=lambda: now[0])
    assert limiter.hit("a") is None
    now[0] += 30
    assert limiter.hit("a") is None
    assert limiter.hit("a") == 30
    assert limiter.hit("b") is None  # per client
    now[0] += 30.5
    assert limiter.hit("a") is None


# ---------------------------------------------------------------- CORS


def test_allowed_origin_gets_cors_headers(client):
    r = client.post("/api/ask", json={"question": "三公经费有吗"}, headers={"Origin": ALLOWED})
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == ALLOWED
    pre = client.options("/api/ask", headers={"Origin": ALLOWED, "Access-Control-Request-Method": "POST",
                                              "Access-Control-Request-Headers": "content-type"})
    assert pre.status_code == 204
    assert pre.headers["access-control-allow-origin"] == ALLOWED
    assert "POST" in pre.headers["access-control-allow-methods"]


def test_refused_origin_gets_no_cors_header(client):
    evil = "https://evil.example"
    r = client.post("/api/ask", json={"question": "三公经费有吗"}, headers={"Origin": evil})
    assert_error(r, 403, "origin_not_allowed",
                 "这个网站（https://evil.example）没有被允许调用本接口 (origin not allowed)")
    assert "access-control-allow-origin" not in r.headers
    pre = client.options("/api/ask", headers={"Origin": evil, "Access-Control-Request-Method": "POST"})
    assert pre.status_code == 403
    assert "access-control-allow-origin" not in pre.headers


def test_default_allow_list_is_localhost_only():
    from budgetqa.settings import Settings

    assert Settings().allowed_origins == ["http://localhost", "http://127.0.0.1"]
