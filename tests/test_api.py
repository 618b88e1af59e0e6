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


def test_a_remembered_answer_gets_the_same_json_and_the_same_checks(client):
    question = "人员经费是多少"
    first = client.post("/api/ask", json={"question": question})
    again = client.post("/api/ask", json={"question": question})
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert again.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert_error(client.post("/api/ask", json={"question": question, "document": "no-such-doc"}),
                 404, "unknown_document")
    assert_error(client.post("/api/ask", json={"question": question, "history": ["三公经费有吗"] * 11}),
                 422, "bad_history")
    assert_error(client.post("/api/ask", json={"question": question + "\x00"}), 422, "bad_question")


def test_documents(client):
    r = client.get("/api/documents")
    assert r.status_code == 200
    assert r.json() == {"documents": [{
        "id": DOC, "title": "阳泉市大数据应用局2023年度部门预算公开", "department": "阳泉市大数据应用局",
        "year": 2023, "kind": "预算", "scope": "部门", "source_type": "text", "body": "阳泉市大数据应用局",
        "province": "", "city": "阳泉", "district": "", "town": "", "place": "阳泉市", "level": "市级",
        "aliases": ["阳泉市大数据应用局", "阳泉大数据应用局", "市大数据应用局", "大数据应用局"]}]}


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


# ---------------------------------------------------------------- limits (issue 12)


@pytest.mark.parametrize("kwargs, status, code, message", [
    ({"content": b'{"question": "\\ud800"}', "headers": {"content-type": "application/json"}}, 422,
     "bad_question", "问题里有无法识别的字符，请删掉后重新输入 (unreadable character)"),
    ({"json": {"question": "预算\x00多少"}}, 422, "bad_question",
     "问题里有无法识别的字符，请删掉后重新输入 (unreadable character)"),
    ({"json": {"question": "预算多少", "history": ["三公经费有吗"] * 11}}, 422, "bad_history",
     "对话历史太长（11 条），最多 10 条 (history too long)"),
    ({"json": {"question": "预算多少", "history": ["预" * 501]}}, 422, "bad_history",
     "对话历史里有一项太长（501 字），每项最多 500 字 (history item too long)"),
    ({"json": {"question": "预算多少", "history": [7]}}, 422, "bad_history",
     "对话历史里的每一项都必须是文字 (history items must be strings)"),
    ({"content": b'{"question": "x", "history": ["\\udfff"]}', "headers": {"content-type": "application/json"}},
     422, "bad_history", "对话历史里有无法识别的字符 (unreadable character in history)"),
])
def test_unusable_questions_and_histories_get_the_error_shape(client, kwargs, status, code, message, caplog):
    assert_error(client.post("/api/ask", **kwargs), status, code, message)
    assert not [r for r in caplog.records if r.exc_info], "a client's bad input logged a traceback"


def test_history_of_exactly_the_limit_is_accepted(client):
    r = client.post("/api/ask", json={"question": "元呢？", "history": ["智慧教育平台项目预算多少"] * 10})
    assert r.status_code == 200


def test_a_body_over_the_limit_is_refused_before_it_is_read(seed_qa):
    app = create_app(settings_for(seed_qa, max_body_bytes=2048), seed_qa, with_chat=False)
    with TestClient(app) as c:
        big = {"question": "三公经费有吗", "padding": "x" * 4000}
        assert_error(c.post("/api/ask", json=big), 413, "body_too_large",
                     "请求体太大，最多 2048 字节 (request body too large)")

        def chunks():  # no Content-Length: counted as it arrives
            yield '{"question": "三公经费有吗", "padding": "'.encode()
            for _ in range(10):
                yield b"x" * 1000
            yield b'"}'
        assert_error(c.post("/api/ask", content=chunks(), headers={"content-type": "application/json"}),
                     413, "body_too_large")
        assert c.post("/api/ask", json={"question": "三公经费有吗"}).status_code == 200


def test_default_body_limit_refuses_100_mb(client):
    r = client.post("/api/ask", content=b"{" + b" " * (100 * 1024 * 1024) + b"}",
                    headers={"content-type": "application/json"})
    assert_error(r, 413, "body_too_large", "请求体太大，最多 65536 字节 (request body too large)")


# ---------------------------------------------------------------- rate limit behind proxies


def limited_client(seed_qa, peer: str, **changes):
    app = create_app(settings_for(seed_qa, rate_limit_per_minute=2, **changes), seed_qa, with_chat=False)
    return TestClient(app, client=(peer, 50000))


def test_spoofed_forwarded_for_from_an_untrusted_peer_does_not_escape_the_limit(seed_qa):
    with limited_client(seed_qa, "203.0.113.9") as c:
        codes = [c.post("/api/ask", json={"question": "三公经费有吗"},
                        headers={"X-Forwarded-For": f"198.51.100.{i}"}).status_code for i in range(4)]
    assert codes == [200, 200, 429, 429]


def test_forwarded_for_from_a_trusted_proxy_names_the_client(seed_qa):
    with limited_client(seed_qa, "10.0.0.2", trusted_proxies=["10.0.0.0/8"]) as c:
        def ask(xff):
            return c.post("/api/ask", json={"question": "三公经费有吗"},
                          headers={"X-Forwarded-For": xff}).status_code
        # The client prepends an invented hop; the proxy appends the address it saw.
        assert [ask("1.2.3.4, 198.51.100.7"), ask("5.6.7.8, 198.51.100.7"), ask("198.51.100.7")] == [200, 200, 429]
        assert ask("198.51.100.8") == 200  # another client behind the same proxy


# ---------------------------------------------------------------- origins and headers


def test_same_origin_check_does_not_trust_the_host_header(client):
    r = client.post("/api/ask", json={"question": "三公经费有吗"},
                    headers={"Origin": "http://evil.example", "Host": "evil.example"})
    assert_error(r, 403, "origin_not_allowed")


def test_allow_list_entries_with_ports_and_trailing_slashes_work(seed_qa):
    app = create_app(settings_for(seed_qa, allowed_origins=["http://localhost:8080/"]), seed_qa, with_chat=False)
    with TestClient(app) as c:
        pre = c.options("/api/ask", headers={"Origin": "http://localhost:8080",
                                             "Access-Control-Request-Method": "POST"})
        assert pre.status_code == 204
        assert pre.headers["access-control-allow-origin"] == "http://localhost:8080"
        assert c.options("/api/ask", headers={"Origin": "http://localhost:8081",
                                              "Access-Control-Request-Method": "POST"}).status_code == 403


@pytest.mark.parametrize("path", ["/api/health", "/api/documents", "/api/nothing", "/widget.js", "/docs",
                                  "/openapi.json", "/"])
def test_security_headers_on_every_response(client, path):
    r = client.get(path)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["x-frame-options"] == "DENY"
    assert "content-security-policy" in r.headers


def test_api_responses_cannot_be_framed_or_run_anything(client):
    for r in (client.get("/api/health"), client.post("/api/ask", json={}),
              client.post("/api/ask", json={"question": "三公经费有吗"}, headers={"Origin": ALLOWED})):
        assert r.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_widget_script_may_be_loaded_by_any_site(client):
    r = client.get("/widget.js")
    assert r.headers["cross-origin-resource-policy"] == "cross-origin"
    assert r.headers["x-content-type-options"] == "nosniff"


def test_docs_are_served_without_a_cdn_or_scripts(client):
    r = client.get("/docs")
    assert r.status_code == 200
    assert "<script" not in r.text and "cdn" not in r.text.lower() and "http" not in r.text.split("</style>")[1].replace('href="/openapi.json"', "")
    assert "POST /api/ask" in r.text and "question" in r.text
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert client.get("/redoc").status_code == 404


@pytest.mark.slow
def test_spoofed_forwarded_for_through_the_real_server_does_not_escape_the_limit(seed_qa):
    """uvicorn by default believes X-Forwarded-For from 127.0.0.1; the server as run must not."""
    import socket
    import threading
    import time

    import httpx
    import uvicorn

    from budgetqa.server import server_config

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(settings_for(seed_qa, rate_limit_per_minute=2), seed_qa, with_chat=False)
    server = uvicorn.Server(server_config(app, "127.0.0.1", port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.time() + 20
        while not server.started:
            assert time.time() < deadline
            time.sleep(0.05)
        codes = [httpx.post(f"http://127.0.0.1:{port}/api/ask", json={"question": "三公经费有吗"},
                            headers={"X-Forwarded-For": f"198.51.100.{i}"}).status_code for i in range(4)]
        assert codes == [200, 200, 429, 429]
        assert "server" not in httpx.get(f"http://127.0.0.1:{port}/api/health").headers
    finally:
        server.should_exit = True
        thread.join(10)
