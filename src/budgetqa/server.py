"""The web edge: one FastAPI app serving the JSON API, the Gradio chat and the widget script.

Every answer comes from the same in-process :class:`~budgetqa.service.BudgetQA`; every error
leaves as ``{"error": {"code", "message"}}`` and never as a traceback.

    >>> app = create_app(Settings())        # then: uvicorn.run(app), or run(settings, host, port)
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import defaultdict, deque
from importlib import resources
from typing import Any, Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .errors import BudgetQAError
from .service import BudgetQA
from .settings import Settings

log = logging.getLogger("budgetqa.server")

API_PATHS = {"/api/ask": "POST", "/api/documents": "GET", "/api/health": "GET"}


class AskRequest(BaseModel):
    """The body of ``POST /api/ask``."""

    model_config = ConfigDict(extra="ignore")

    question: str = Field(description="The question, in Chinese; at most max_question_chars characters.")
    history: list[Any] | None = Field(
        default=None, description="Earlier questions of the conversation, oldest first (strings).")
    document: str | None = Field(default=None, description="Answer from this document id only.")


def error_body(code: str, message: str) -> dict[str, Any]:
    """The one error shape of the API."""
    return {"error": {"code": code, "message": message}}


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


# ---------------------------------------------------------------- rate limit and CORS


class SlidingWindowLimiter:
    """At most ``limit`` events per client in any ``window`` seconds (in memory)."""

    def __init__(self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self.window = window
        self.clock = clock
        self._events: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def hit(self, client: str) -> int | None:
        """Record one event; return None if allowed, else the seconds to wait (Retry-After)."""
        now = self.clock()
        with self._lock:
            q = self._events[client]
            while q and q[0] <= now - self.window:
                q.popleft()
            if len(q) >= self.limit:
                return max(1, math.ceil(q[0] + self.window - now))
            q.append(now)
            return None


class ApiGuard:
    """ASGI middleware for ``/api/*``: CORS for allow-listed origins only, and the rate limit.

    Written by hand (not Starlette's CORSMiddleware) so that a refused preflight also gets the
    one JSON error shape.
    """

    def __init__(self, app, settings: Settings):
        self.app = app
        self.allowed = {o.rstrip("/") for o in settings.allowed_origins}
        self.limiter = SlidingWindowLimiter(settings.rate_limit_per_minute)

    def _allowed(self, origin: str, scope) -> bool:
        if origin in self.allowed or "*" in self.allowed:
            return True
        # The server's own pages (same origin) may always call it.
        host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
        return origin in (f"http://{host}", f"https://{host}")

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        origin = headers.get(b"origin", b"").decode("latin-1").rstrip("/")
        cors: dict[str, str] = {}
        if origin:
            if not self._allowed(origin, scope):
                resp = error_response(403, "origin_not_allowed",
                                      f"这个网站（{origin}）没有被允许调用本接口 (origin not allowed)")
                return await resp(scope, receive, send)
            cors = {"Access-Control-Allow-Origin": origin, "Vary": "Origin",
                    "Access-Control-Expose-Headers": "Retry-After"}
        if scope["method"] == "OPTIONS" and b"access-control-request-method" in headers:
            resp = Response(status_code=204, headers={
                **cors, "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Content-Type", "Access-Control-Max-Age": "600"})
            return await resp(scope, receive, send)
        if scope["path"] == "/api/ask" and scope["method"] == "POST":
            client = (scope.get("client") or ("unknown", 0))[0]
            wait = self.limiter.hit(client)
            if wait is not None:
                resp = error_response(429, "rate_limited",
                                      f"提问太频繁了，请 {wait} 秒后再试 (rate limit exceeded)",
                                      {**cors, "Retry-After": str(wait)})
                return await resp(scope, receive, send)

        async def send_with_cors(message):
            if message["type"] == "http.response.start" and cors:
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + [
                    (k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in cors.items()]
            await send(message)

        return await self.app(scope, receive, send_with_cors)


# ---------------------------------------------------------------- the app


def open_service(settings: Settings, progress: Callable[[str], None] | None = None) -> BudgetQA:
    """Open the store, ingest the bundled corpus on a fresh one, and warm the answerer up."""
    qa = BudgetQA.open(settings)
    qa.ensure_corpus(progress)
    try:
        qa.answer("预算总额是多少")  # loads the tokenizer once, before requests run in threads
    except BudgetQAError:
        pass
    return qa


def _validation_error(exc: RequestValidationError) -> JSONResponse:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return error_response(400, "malformed_json", "请求体不是有效的 JSON (malformed JSON body)")
    first = errors[0] if errors else {}
    loc = [str(x) for x in first.get("loc", ()) if x != "body"]
    field = loc[0] if loc else ""
    if field == "question" or (not loc and first.get("type") in ("missing", "model_attributes_type")):
        if first.get("type") == "missing":
            return error_response(422, "bad_question", "缺少问题：请在 question 字段里写一个问题 (question is required)")
        if first.get("type") == "model_attributes_type":
            return error_response(422, "bad_request", "请求体必须是一个 JSON 对象 (body must be a JSON object)")
        return error_response(422, "bad_question", "问题必须是文字 (question must be a string)")
    where = ".".join(loc) or "body"
    return error_response(422, "bad_request", f"字段 {where} 的类型不对 ({first.get('msg', 'invalid value')})")


def create_app(settings: Settings, qa: BudgetQA | None = None, with_chat: bool = True) -> FastAPI:
    """The whole web server: API under /api, the widget at /widget.js, the chat at /."""
    qa = qa or open_service(settings)
    app = FastAPI(title="budgetqa", version="0.1.0",
                  description="问部门预算公开，得到带出处的准确数字。All errors: "
                              '{"error": {"code": ..., "message": ...}}.')
    app.state.qa = qa
    app.add_middleware(ApiGuard, settings=settings)

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError):
        return _validation_error(exc)

    @app.exception_handler(BudgetQAError)
    async def on_domain_error(request: Request, exc: BudgetQAError):
        return error_response(exc.http_status, exc.code, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return error_response(exc.status_code, code, str(exc.detail))

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return error_response(500, "internal_error", "服务器内部出错了，请稍后再试 (internal error)")

    @app.post("/api/ask", summary="Ask a question",
              response_description="The answer: text, figures with provenance, sources, route.")
    def ask(body: AskRequest) -> dict[str, Any]:
        """Answer one question. `history` lists earlier questions for follow-ups."""
        return qa.answer(body.question, body.history, body.document).to_dict()

    @app.get("/api/documents", summary="The documents in the store")
    def documents() -> dict[str, Any]:
        keep = ("id", "title", "department", "year", "kind", "scope", "source_type")
        return {"documents": [{k: d.get(k) for k in keep} for d in qa.documents()]}

    @app.get("/api/health", summary="Liveness and the number of documents")
    def health() -> dict[str, Any]:
        return {"status": "ok", "documents": len(qa.documents())}

    @app.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
                   include_in_schema=False)
    def api_not_found(request: Request, rest: str):
        # Registered before the chat's catch-all mount, so /api never falls through to Gradio.
        path = "/api/" + rest
        if path in API_PATHS:
            return error_response(405, "method_not_allowed",
                                  f"{path} 只接受 {API_PATHS[path]} 请求 (method not allowed)")
        return error_response(404, "not_found", f"没有这个接口：{path} (not found)")

    @app.get("/widget.js", include_in_schema=False)
    def widget_js() -> Response:
        js = resources.files("budgetqa").joinpath("static/widget.js").read_text(encoding="utf-8")
        return Response(js, media_type="application/javascript; charset=utf-8",
                        headers={"Cache-Control": "no-cache"})

    if with_chat:
        import gradio as gr

        from .chat import build_chat

        gr.mount_gradio_app(app, build_chat(qa), path="/")
    return app


def run(settings: Settings, host: str, port: int) -> None:
    """Open the service (ingesting the corpus on a fresh store) and serve until interrupted."""
    import uvicorn

    qa = open_service(settings, lambda msg: print(msg, flush=True))
    app = create_app(settings, qa)
    print(f"budgetqa: chat http://{host}:{port}/  API http://{host}:{port}/docs  "
          f"widget http://{host}:{port}/widget.js", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
