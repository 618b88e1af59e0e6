"""The web edge: one FastAPI app serving the JSON API, the Gradio chat and the widget script.

Every answer comes from the same in-process :class:`~budgetqa.service.BudgetQA`; every error
leaves as ``{"error": {"code", "message"}}`` and never as a traceback.

    >>> app = create_app(Settings())        # then: uvicorn.run(app), or run(settings, host, port)
"""

from __future__ import annotations

import html
import logging
from importlib import resources
from typing import Any, Callable

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .errors import BudgetQAError
from .guard import Guard, SlidingWindowLimiter  # noqa: F401  (SlidingWindowLimiter: re-exported)
from .limits import check_history
from .service import BudgetQA
from .settings import Settings

log = logging.getLogger("budgetqa.server")

# What /api/documents says of each document (not its path on the server, nor its hash).
DOCUMENT_KEYS = ("id", "title", "department", "year", "kind", "scope", "source_type", "body", "province",
                 "city", "district", "town", "place", "level", "aliases")
API_PATHS = {"/api/ask": "POST", "/api/documents": "GET", "/api/audit": "GET", "/api/compare": "GET",
             "/api/health": "GET"}


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


# ---------------------------------------------------------------- the app


def open_service(settings: Settings, progress: Callable[[str], None] | None = None) -> BudgetQA:
    """Open the store, ingest the bundled corpus on a fresh one, and warm the answerer and the
    search index up."""
    qa = BudgetQA.open(settings)
    qa.ensure_corpus(progress)
    try:
        qa.answer("预算总额是多少")  # loads the tokenizer once, before requests run in threads
        warm_index(qa)
    except BudgetQAError:
        pass
    return qa


def warm_index(qa: BudgetQA) -> None:
    """Load what the first question that searches needs: jieba's dictionary, the embedding model
    and Chroma's vector index (~2 s, else paid by that question), and the lexical index of the
    store's only document. With several, each document's lexical index is still built on the
    first search in it (0.1-1 s each: 500 would take minutes)."""
    if qa.index is None:
        return
    documents = [d.id for d in qa.store.documents()]
    qa.index.warm_up(documents if len(documents) == 1 else ())


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
    # FastAPI's /docs loads Swagger UI from a CDN (blank offline, and outside the CSP): ours below
    # is one server-rendered page.
    app = FastAPI(title="budgetqa", version="0.1.0", docs_url=None, redoc_url=None,
                  description="问部门预算公开，得到带出处的准确数字。All errors: "
                              '{"error": {"code": ..., "message": ...}}.')
    app.state.qa = qa
    app.add_middleware(Guard, settings=settings, chat=with_chat)

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
    async def ask(body: AskRequest) -> dict[str, Any]:
        """Answer one question. `history` lists earlier questions for follow-ups."""
        history = check_history(body.history, settings)
        # A remembered answer is served on the event loop; only a new one is worked out in a
        # thread. The JSON is returned as is: the answer's own to_dict is the response model.
        a = qa.cached_answer(body.question, history, body.document)
        if a is None:
            a = await run_in_threadpool(qa.answer, body.question, history, body.document)
        return JSONResponse(a.to_dict())

    @app.get("/api/documents", summary="The documents in the store",
             response_description="One object per document: id, title, department, year, kind, "
                                  "scope, source_type, and what the body's name shows: body, "
                                  "province, city, district, town, place, level, aliases.")
    def documents(body: str | None = Query(None, description="Part of the body's name or a short form (统计局, 卫健委)."),
                  year: str | None = Query(None, description="The budget year, e.g. 2026."),
                  kind: str | None = Query(None, description="预算 or 决算."),
                  place: str | None = Query(None, description="A place the body's name shows (北京, 普陀区).")
                  ) -> dict[str, Any]:
        """The stored documents, filtered; a filter that cannot be used is a 400 ``bad_parameter``."""
        return {"documents": [{k: d.get(k) for k in DOCUMENT_KEYS}
                              for d in qa.documents(body=body, year=year, kind=kind, place=place)]}

    @app.get("/api/audit", summary="The audit's findings",
             response_description="One object per finding: document, severity, rule, message, "
                                  "figures (value, unit, page, line, table, row, column).")
    def audit(document: str | None = Query(None, max_length=200),
              all: bool = Query(False, description="Also list the checks that hold.")) -> dict[str, Any]:
        """What the audit found in one document (``document=ID``) or in every document."""
        audits = qa.audit(document)
        return {"documents": [{"id": a.document, "title": a.title, "counts": a.counts} for a in audits],
                "findings": [d for a in audits for d in a.to_dicts(all)]}

    @app.get("/api/compare", summary="One measure across documents",
             response_description="measure, unit (万元) and one row per document: document, body, year, "
                                  "kind, label, value in 万元 (null when the document does not give it: a missing figure is never 0), "
                                  "figure, source (table, row, column, line, page), note; missing ids.")
    def compare(measure: str | None = Query(None, description="What to compare: 三公经费, 机关运行经费, 收入总计…"),
                document: list[str] = Query([], description="A document id; repeat it, 2 to 50 times."),
                fmt: str = Query("json", alias="format", description="json, or csv (UTF-8 with BOM, as a download).")):
        """Ask ``measure`` of each document, as the cross-document questions do; ``format=csv`` gives the table as a file."""
        from urllib.parse import quote

        if fmt not in ("json", "csv"):
            return error_response(400, "bad_parameter", f"format 只能是 json 或 csv（收到“{fmt[:20]}”）")
        c = qa.compare(measure, document)
        if fmt == "json":
            return c.to_dict()
        return Response(c.to_csv().encode("utf-8"), media_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": f"attachment; filename=\"budgetqa-compare.csv\"; "
                                   f"filename*=UTF-8''{quote(c.csv_filename(), safe='')}"})

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

    scripts = {name: resources.files("budgetqa").joinpath(f"static/{name}").read_bytes()
               for name in ("widget.js", "chat-a11y.js")}

    @app.get("/widget.js", include_in_schema=False)
    def widget_js() -> Response:
        return Response(scripts["widget.js"], media_type="application/javascript; charset=utf-8",
                        headers={"Cache-Control": "no-cache"})

    @app.get("/chat-a11y.js", include_in_schema=False)
    def chat_a11y_js() -> Response:
        return Response(scripts["chat-a11y.js"], media_type="application/javascript; charset=utf-8",
                        headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return Response(docs_page(app.openapi()), media_type="text/html; charset=utf-8")

    if with_chat:
        from .chat import mount_chat

        mount_chat(app, qa, settings)
    return app


def docs_page(spec: dict[str, Any]) -> str:
    """The API reference as one page without scripts or remote assets (works offline)."""
    e = html.escape
    out = [f"<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{e(spec['info']['title'])} API</title>",
           "<style>body{font:15px/1.6 system-ui,sans-serif;max-width:860px;margin:2em auto;padding:0 1em}"
           "code,pre{background:#f4f4f6;padding:2px 4px;border-radius:4px}h2{margin-top:1.6em}"
           "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}</style>",
           f"</head><body><h1>{e(spec['info']['title'])} API</h1><p>{e(spec['info'].get('description', ''))}</p>",
           "<p>机器可读的说明：<a href=\"/openapi.json\">/openapi.json</a></p>"]
    schemas = spec.get("components", {}).get("schemas", {})
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            out.append(f"<h2><code>{e(method.upper())} {e(path)}</code> {e(op.get('summary', ''))}</h2>")
            out.append(f"<p>{e(op.get('description', ''))}</p>")
            ref = (op.get("requestBody", {}).get("content", {}).get("application/json", {})
                   .get("schema", {}).get("$ref", ""))
            fields = schemas.get(ref.rsplit("/", 1)[-1], {}).get("properties", {}) if ref else {}
            if fields:
                out.append("<table><tr><th>字段</th><th>说明</th></tr>")
                out += [f"<tr><td><code>{e(k)}</code></td><td>{e(v.get('description', ''))}</td></tr>"
                        for k, v in fields.items()]
                out.append("</table>")
    out.append("</body></html>")
    return "".join(out)


def run(settings: Settings, host: str, port: int, workers: int = 1) -> None:
    """Open the service (ingesting the corpus on a fresh store) and serve until interrupted.

    With ``workers`` > 1, the corpus is ingested here, once, and then uvicorn starts that many
    processes on one socket, each building its app with :func:`api_from_environment` (its own
    store connection, index, caches and rate limit). They serve the API, the widget and /docs
    but not the chat page: Gradio keeps a browser's session in the process that took its
    ``queue/join``, and the kernel hands the page's next connection (``queue/data``) to any
    worker, so the chat would fail most of the time."""
    import uvicorn

    banner = (f"budgetqa: chat http://{host}:{port}/  API http://{host}:{port}/docs  "
              f"widget http://{host}:{port}/widget.js")
    if workers <= 1:
        qa = open_service(settings, lambda msg: print(msg, flush=True))
        app = create_app(settings, qa)
        print(banner, flush=True)
        uvicorn.Server(server_config(app, host, port)).run()
        return

    import os
    from uvicorn.supervisors import Multiprocess

    prepare_store(settings, lambda msg: print(msg, flush=True))
    # The workers are fresh interpreters: they read the settings (CLI options included) from
    # the environment they inherit.
    os.environ.update(settings_environment(settings.model_copy(update={"host": host, "port": port})))
    config = server_config(f"{__name__}:api_from_environment", host, port, workers=workers, factory=True)
    print(f"budgetqa: API http://{host}:{port}/docs  widget http://{host}:{port}/widget.js  "
          f"({workers} worker processes; the chat page needs a server with one worker)", flush=True)
    Multiprocess(config, sockets=[config.bind_socket()]).run()


def prepare_store(settings: Settings, progress: Callable[[str], None] | None = None) -> None:
    """Ingest the bundled corpus into a fresh store, once, before any worker opens it. A store
    that holds documents is left alone (without loading the embedding model here)."""
    from .store import open_store

    if settings.chroma_url:  # every worker connects to it: one clear error here, not N tracebacks
        from .chroma import ChromaServer, heartbeat

        heartbeat(ChromaServer.parse(settings.chroma_url))
    store = open_store(settings)
    try:
        if store.documents():
            return
    finally:
        store.close()
    BudgetQA.open(settings).ensure_corpus(progress)


def app_from_environment(with_chat: bool = True) -> FastAPI:
    """The whole app built from the BUDGETQA_* environment, its store (already ingested) opened
    by the calling process: an app factory for uvicorn (``--factory``)."""
    from .settings import load_settings

    settings = load_settings()
    return create_app(settings, open_service(settings), with_chat=with_chat)


def api_from_environment() -> FastAPI:
    """The app factory of each of several worker processes: everything but the chat page."""
    return app_from_environment(with_chat=False)


def settings_environment(settings: Settings) -> dict[str, str]:
    """BUDGETQA_* variables that :func:`~budgetqa.settings.load_settings` reads back as ``settings``."""
    import json

    out = {}
    for name, value in settings.model_dump().items():
        out[f"BUDGETQA_{name.upper()}"] = json.dumps(value) if isinstance(value, list) else str(value)
    return out


def server_config(app, host: str, port: int, log_level: str = "info", **options):
    """uvicorn's settings for budgetqa. uvicorn's own proxy-header handling is off: by default it
    believes X-Forwarded-For from 127.0.0.1, so anyone on the machine (or any local proxy that
    forwards the header) could pick their address; the guard reads it from trusted proxies only.
    ``options`` go to uvicorn.Config as they are (``workers``, ``factory``)."""
    import uvicorn

    return uvicorn.Config(app, host=host, port=port, log_level=log_level, proxy_headers=False,
                          forwarded_allow_ips="", server_header=False, **options)
