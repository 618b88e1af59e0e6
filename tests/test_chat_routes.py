"""The chat's door: only the routes its page needs are reachable (no upload, no file serving, no
Gradio REST API), its events share the API's rate limit and body limit, bad values from the page
are one friendly sentence without a traceback, and the page carries a nonce CSP and no analytics.
Through FastAPI's TestClient over the session's real service (seed ingested once)."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from fastapi.testclient import TestClient

from budgetqa.server import create_app

ALLOWED = "https://budget.example.gov.cn"


def make_client(qa, **changes):
    settings = qa.settings.model_copy(update={"allowed_origins": [ALLOWED], "rate_limit_per_minute": 1000,
                                              **changes})
    return TestClient(create_app(settings, qa))


@pytest.fixture(scope="module")
def client(seed_qa):
    with make_client(seed_qa) as c:
        yield c


def assert_refused(r, path: str):
    assert r.status_code == 404, r.text
    assert r.json() == {"error": {"code": "not_found", "message": f"没有这个地址：{path} (not found)"}}


def respond_index(c) -> int:
    deps = c.get("/config").json()["dependencies"]
    return next(i for i, d in enumerate(deps) if d["api_name"] == "respond")


def run_event(c, fn_index: int, data: list, session: str | None = None) -> dict:
    """Join the queue as the page does and read the event's stream to its end."""
    session = session or uuid.uuid4().hex
    body = {"data": data, "fn_index": fn_index, "session_hash": session, "event_data": None, "trigger_id": None}
    r = c.post("/gradio_api/queue/join", content=json.dumps(body).encode(),  # ASCII: lone surrogates pass
               headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text
    done = None
    with c.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
        for line in stream.iter_lines():
            if not line.startswith("data:"):
                continue
            msg = json.loads(line[5:])
            if msg["msg"] == "process_completed":
                done = msg
            if msg["msg"] == "close_stream" or done:
                break
    assert done is not None
    return done


# ---------------------------------------------------------------- closed doors


@pytest.mark.parametrize("method, path", [
    ("POST", "/gradio_api/upload"),
    ("GET", "/gradio_api/file=/etc/passwd"),
    ("GET", "/gradio_api/file/etc/passwd"),
    ("GET", "/gradio_api/proxy=https://example.com/x"),
    ("POST", "/gradio_api/call/respond"),
    ("POST", "/gradio_api/call/v2/respond"),
    ("POST", "/gradio_api/run/respond"),
    ("POST", "/gradio_api/api/respond"),
    ("GET", "/gradio_api/openapi.json"),
    ("GET", "/gradio_api/info"),
    ("GET", "/gradio_api/app_id"),
    ("GET", "/svelte/x.js"),
    ("GET", "/monitoring"),
    ("POST", "/login"),
    ("GET", "/gradio_api/runs"),
    ("POST", "/gradio_api/vibe-edit"),
    ("GET", "/gradio_api/upload_progress"),
    ("POST", "/gradio_api/component_server"),
])
def test_routes_the_chat_does_not_need_are_refused(client, method, path):
    assert_refused(client.request(method, path), path)


def test_an_upload_is_refused_and_nothing_is_stored(client, tmp_path):
    r = client.post("/gradio_api/upload", files={"files": ("x.html", b"<script>alert(1)</script>", "text/html")})
    assert_refused(r, "/gradio_api/upload")


def test_the_chat_page_and_its_assets_are_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "gradio_config" in page.text
    asset = re.search(r'src="\./(assets/index-[\w-]+\.js)"', page.text).group(1)
    assert client.get("/" + asset).status_code == 200
    assert client.get("/config").status_code == 200
    assert client.get("/chat-a11y.js").status_code == 200


# ---------------------------------------------------------------- limits shared with /api


def test_the_chats_queue_shares_the_apis_rate_limit(seed_qa):
    with make_client(seed_qa, rate_limit_per_minute=2) as c:
        assert c.post("/api/ask", json={"question": "三公经费有吗"}).status_code == 200
        fn = respond_index(c)
        join = {"data": ["三公经费有吗", None, None, None], "fn_index": fn, "session_hash": "s2"}
        assert c.post("/gradio_api/queue/join", json=join).status_code == 200
        r = c.post("/gradio_api/queue/join", json=join)
        assert r.status_code == 429
        assert r.json()["error"]["code"] == "rate_limited"
        assert "retry-after" in r.headers
        assert c.post("/api/ask", json={"question": "三公经费有吗"}).status_code == 429


def test_the_chats_queue_has_the_body_limit(client):
    r = client.post("/gradio_api/queue/join", json={"data": ["预" * 70_000], "fn_index": 0, "session_hash": "s"})
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "body_too_large"


# ---------------------------------------------------------------- bad values from the page


@pytest.mark.parametrize("data, reply", [
    (["三公经费有吗", None, None, []], "没有这项预算"),                 # document=[] (was a traceback)
    (["三公经费有吗", "x" * 10, {"a": 1}, {"evil": True}], "没有这项预算"),
    (["预算\ud800多少", None, None, None], "抱歉，问题里有无法识别的字符"),
    (["预" * 501, None, None, None], "抱歉，问题太长（501 字）"),
])
def test_bad_values_from_the_page_get_a_sentence_and_no_traceback(client, data, reply, caplog, capfd):
    done = run_event(client, respond_index(client), data)
    assert done["success"] is True
    messages = done["output"]["data"][1]
    text = messages[-1]["content"][0]["text"] if isinstance(messages[-1]["content"], list) else messages[-1]["content"]
    assert reply in text
    # (asyncio's complaint about the test closing its event stream early is not the server's)
    assert not [r for r in caplog.records if r.name != "asyncio" and (r.exc_info or "Traceback" in r.getMessage())]
    assert "Traceback" not in capfd.readouterr().err  # Gradio prints tracebacks to stderr


def test_the_conversation_is_kept_on_the_server(client):
    """The page sends the question only; a follow-up still knows the earlier question."""
    fn = respond_index(client)
    run_event(client, fn, ["智慧教育平台项目预算多少", None, None, None], session="conv")
    done = run_event(client, fn, ["元呢？", None, None, None], session="conv")
    messages = done["output"]["data"][1]
    assert len(messages) == 4
    assert "10,000,000" in json.dumps(messages[-1], ensure_ascii=False)


# ---------------------------------------------------------------- the page


def test_the_chat_page_has_a_nonce_csp_and_every_inline_script_carries_it(client):
    r = client.get("/", headers={"Accept-Encoding": "gzip, br"})
    csp = r.headers["content-security-policy"]
    nonce = re.search(r"'nonce-([\w-]+)'", csp).group(1)
    assert "'unsafe-eval'" not in csp and "script-src 'self' 'nonce-" in csp
    assert "frame-ancestors https://budget.example.gov.cn" in csp
    scripts = re.findall(r"<script\b[^>]*>", r.text)
    assert scripts and all(f'nonce="{nonce}"' in s for s in scripts)
    assert int(r.headers["content-length"]) == len(r.content)
    assert nonce != re.search(r"'nonce-([\w-]+)'", client.get("/").headers["content-security-policy"]).group(1)
    assert r.headers["x-content-type-options"] == "nosniff"


def test_analytics_off_no_footer_no_public_api(client):
    config = client.get("/config").json()
    assert config["analytics_enabled"] is False
    assert config["footer_links"] == []
    assert all(d["api_visibility"] == "private" for d in config["dependencies"])


def test_forwarded_host_from_an_untrusted_peer_does_not_change_the_pages_root(client):
    r = client.get("/", headers={"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"})
    assert "evil.example" not in r.text


def test_the_question_box_has_a_chinese_label():
    from budgetqa.chat import build_chat

    class NoDocuments:
        settings = __import__("budgetqa.settings", fromlist=["Settings"]).Settings()

        def documents(self):
            return []

    demo = build_chat(NoDocuments())
    box = next(b for b in demo.blocks.values() if getattr(b, "elem_id", None) == "bqa-question")
    assert box.label == "输入你的问题"
