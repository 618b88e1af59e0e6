"""The door every request passes first: who the client is, how much it may send, which routes
exist, who may call the API from a browser, how often anyone may ask, and the security headers.

One pure ASGI middleware (cheap per request) in front of the FastAPI app and the mounted chat:

    >>> app.add_middleware(Guard, settings=settings, chat=True)
"""

from __future__ import annotations

import ipaddress
import math
import re
import secrets
import threading
import time
from collections import defaultdict, deque
from typing import Any, Callable

from .settings import Settings, normalize_origin

# The routes that answer questions (/api/compare: one measure of several documents), all under
# one rate limit. The chat's page talks to Gradio through queue/join (one call per event); every
# other way into Gradio's functions is closed.
ANSWERING = {("POST", "/api/ask"), ("GET", "/api/compare"), ("POST", "/gradio_api/queue/join")}

# What the chat page itself needs from Gradio. Everything else Gradio would serve (upload,
# file=, proxy=, call/run/api, monitoring, login, run history, vibe editing…) is a 404.
CHAT_ROUTES = re.compile(
    r"^/(?:|config/?|assets/[\w./-]+|static/[\w./-]+|theme\.css|favicon\.ico|manifest\.json|robots\.txt|"
    r"gradio_api/(?:queue/join|queue/data|heartbeat/[\w-]+|theme\.css))$")
OWN_ROUTES = re.compile(r"^/(?:api/.*|widget\.js|chat-a11y\.js|docs|openapi\.json)$")

BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
PROXY_HEADERS = frozenset((b"x-forwarded-for", b"x-forwarded-host", b"x-forwarded-proto", b"x-real-ip",
                           b"forwarded"))


class SlidingWindowLimiter:
    """At most ``limit`` events per client in any ``window`` seconds (in memory, per process)."""

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
            if len(self._events) > 10_000:  # forget clients whose window has passed
                for key in [k for k, q in self._events.items() if not q or q[-1] <= now - self.window]:
                    del self._events[key]
            q = self._events[client]
            while q and q[0] <= now - self.window:
                q.popleft()
            if len(q) >= self.limit:
                return max(1, math.ceil(q[0] + self.window - now))
            q.append(now)
            return None


def _json_error(status: int, code: str, message: str, headers: dict[str, str] | None = None):
    from fastapi.responses import JSONResponse

    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def _headers(pairs: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in pairs.items()]


class Guard:
    """ASGI middleware in front of everything the server answers.

    - the client's address: the peer, or X-Forwarded-For only when the peer is a trusted proxy
      (proxy headers from anyone else are dropped, so Gradio never sees them either);
    - request bodies above ``max_body_bytes``: 413, before the app reads them;
    - with the chat mounted, only the routes its page needs are reachable;
    - ``/api/*``: CORS for allow-listed origins only (a refused preflight gets the JSON shape);
    - every route that answers a question: one sliding-window limit per client;
    - every response: nosniff, no referrer, frame rules and a CSP (a nonce for the chat's scripts).
    """

    def __init__(self, app, settings: Settings, chat: bool = True):
        self.app = app
        self.chat = chat
        self.allowed = set()
        for origin in settings.allowed_origins:
            try:
                self.allowed.add(normalize_origin(origin))
            except ValueError:
                continue  # Settings() has refused it already; a hand-built copy may carry one
        self.any_origin = "*" in self.allowed
        self.own = set()
        if settings.host not in ("0.0.0.0", "::", ""):  # behind a wildcard bind, list the name
            self.own = {normalize_origin(f"http://{h}:{settings.port}") for h in
                        {settings.host, *(("localhost", "127.0.0.1") if settings.host in
                                           ("127.0.0.1", "localhost") else ())}}
        self.proxies = [ipaddress.ip_network(p, strict=False) for p in settings.trusted_proxies]
        self.limiter = SlidingWindowLimiter(settings.rate_limit_per_minute)
        self.max_body = settings.max_body_bytes
        ancestors = "*" if self.any_origin else " ".join(sorted(self.allowed)) or "'none'"
        common = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
                  "X-Frame-Options": "DENY"}
        self.plain_headers = _headers({**common, "Content-Security-Policy":
                                       "default-src 'none'; frame-ancestors 'none'"})
        self.widget_headers = _headers({**common, "Content-Security-Policy": "default-src 'none'",
                                        "Cross-Origin-Resource-Policy": "cross-origin"})
        self.common_headers = _headers(common)
        self.page_csp = ("default-src 'self'; script-src 'self' 'nonce-{nonce}'; "
                         "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
                         "connect-src 'self'; media-src 'self' blob:; worker-src 'self' blob:; "
                         "object-src 'none'; base-uri 'self'; form-action 'self'; "
                         f"frame-ancestors {ancestors}")
        self.owned = {name for name, _ in self.plain_headers + self.widget_headers}

    # ------------------------------------------------------------ who is asking

    def _trusted(self, address: str) -> bool:
        if not self.proxies:  # the usual case: no address to parse
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in net for net in self.proxies)

    def client_address(self, scope) -> str:
        """The peer's address; behind a trusted proxy, the last X-Forwarded-For hop it did not add."""
        peer = (scope.get("client") or ("unknown", 0))[0]
        if not self.proxies or not self._trusted(peer):
            return peer
        hops = [h.strip() for name, value in scope["headers"] if name == b"x-forwarded-for"
                for h in value.decode("latin-1").split(",") if h.strip()]
        for hop in reversed(hops):
            if not self._trusted(hop):
                return hop
        return hops[0] if hops else peer

    def origin_allowed(self, origin: str) -> bool:
        """Allow-listed, or the server's own configured origin; the Host header is never trusted."""
        return self.any_origin or origin in self.allowed or origin in self.own

    # ------------------------------------------------------------ the middleware

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket":  # nothing the product serves speaks WebSocket
            return await send({"type": "websocket.close", "code": 1008})
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path, method = scope["path"], scope["method"]
        peer = scope.get("client") or ("unknown", 0)
        client = self.client_address(scope)
        if not self._trusted(peer[0]) and any(k in PROXY_HEADERS for k, _ in scope["headers"]):
            # Gradio builds its root URL from X-Forwarded-Host: only a trusted proxy may set it.
            scope = dict(scope, headers=[(k, v) for k, v in scope["headers"] if k not in PROXY_HEADERS])
        if client != peer[0]:
            scope = dict(scope, client=(client, 0))  # downstream logs see the real client
        headers = dict(scope["headers"])
        is_api = path.startswith("/api/")
        extra: list[tuple[bytes, bytes]] = []
        nonce = None
        if path == "/widget.js":
            fixed = self.widget_headers
        elif self.chat and method in ("GET", "HEAD") and path == "/":  # the chat page
            nonce = secrets.token_urlsafe(16)
            fixed = self.common_headers + _headers({"Content-Security-Policy": self.page_csp.format(nonce=nonce)})
            # Uncompressed, so that the page's inline scripts can be given the nonce.
            scope = dict(scope, headers=[(k, v) for k, v in scope["headers"] if k != b"accept-encoding"])
        elif path == "/docs":
            nonce = secrets.token_urlsafe(16)
            fixed = self.common_headers + _headers({"Content-Security-Policy":
                                                    f"default-src 'none'; style-src 'nonce-{nonce}'; "
                                                    "frame-ancestors 'none'"})
        elif self.chat and not is_api and path.startswith(("/assets/", "/static/")):
            fixed = self.common_headers  # scripts and styles of the chat page itself
        else:
            fixed = self.plain_headers

        async def send_secured(message):
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in self.owned]
                message = dict(message, headers=kept + fixed + extra)
            await send(message)

        def refuse(resp):
            return resp(scope, receive, send_secured)

        if self.chat and not is_api and (".." in path or not (OWN_ROUTES.match(path) or CHAT_ROUTES.match(path))):
            return await refuse(_json_error(404, "not_found", f"没有这个地址：{path} (not found)"))

        if is_api:
            origin = headers.get(b"origin", b"").decode("latin-1").rstrip("/")
            if origin:
                if not self.origin_allowed(origin):
                    return await refuse(_json_error(
                        403, "origin_not_allowed", f"这个网站（{origin}）没有被允许调用本接口 (origin not allowed)"))
                extra = _headers({"Access-Control-Allow-Origin": origin, "Vary": "Origin",
                                  "Access-Control-Expose-Headers": "Retry-After"})
            if method == "OPTIONS" and b"access-control-request-method" in headers:
                from starlette.responses import Response

                extra += _headers({"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                                   "Access-Control-Allow-Headers": "Content-Type",
                                   "Access-Control-Max-Age": "600"})
                return await refuse(Response(status_code=204))

        if method in BODY_METHODS:
            length = headers.get(b"content-length", b"")
            if length and (not length.isdigit() or int(length) > self.max_body):
                return await refuse(self._too_large())
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            body = message.get("body", b"")
            if message.get("more_body"):  # a body in several pieces: gather them, counting
                parts = bytearray(body)
                while True:
                    if len(parts) > self.max_body:
                        return await refuse(self._too_large())
                    message = await receive()
                    if message["type"] != "http.request":
                        return
                    parts += message.get("body", b"")
                    if not message.get("more_body"):
                        break
                body = bytes(parts)
            if len(body) > self.max_body:
                return await refuse(self._too_large())
            receive = _replay(body, receive)

        if (method, path) in ANSWERING:
            wait = self.limiter.hit(client)
            if wait is not None:
                extra += _headers({"Retry-After": str(wait)})
                return await refuse(_json_error(
                    429, "rate_limited", f"提问太频繁了，请 {wait} 秒后再试 (rate limit exceeded)"))

        if nonce is None or method != "GET":
            return await self.app(scope, receive, send_secured)
        return await self.app(scope, receive, _with_nonce(nonce, send_secured))


    def _too_large(self):
        return _json_error(413, "body_too_large", f"请求体太大，最多 {self.max_body} 字节 (request body too large)")


def _replay(body: bytes, receive):
    sent = False

    async def replay():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


SCRIPT_TAG = re.compile(rb"<(script|style)(?=[\s>])")


def _with_nonce(nonce: str, send):
    """Buffer an HTML page and give each of its <script> and <style> tags the CSP nonce."""
    start: dict[str, Any] = {}
    chunks: list[bytes] = []
    passthrough = False

    async def send_with_nonce(message):
        nonlocal start, passthrough
        if passthrough or message["type"] not in ("http.response.start", "http.response.body"):
            return await send(message)
        if message["type"] == "http.response.start":
            ctype = next((v for k, v in message.get("headers", []) if k.lower() == b"content-type"), b"")
            passthrough = not ctype.startswith(b"text/html")
            if passthrough:
                return await send(message)
            start = message
            return None
        chunks.append(message.get("body", b""))
        if message.get("more_body"):
            return None
        page = SCRIPT_TAG.sub(lambda m: b"<" + m.group(1) + b' nonce="' + nonce.encode() + b'"', b"".join(chunks))
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        await send(dict(start, headers=headers + [(b"content-length", str(len(page)).encode())]))
        await send({"type": "http.response.body", "body": page, "more_body": False})

    return send_with_nonce
