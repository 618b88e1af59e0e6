/* budgetqa widget: one <script src="http://HOST/widget.js" data-title="..." data-welcome="..."
 * data-color="#2f6fdb" data-position="right|left" data-open="true" data-document="doc-id"></script>
 * adds a floating button and a chat panel, inside a Shadow DOM so nothing leaks either way.
 * Answers come from POST {script origin}/api/ask; answer data is only ever set with textContent.
 * Works under a strict host CSP: no inline styles or scripts (a constructed style sheet), no eval;
 * the host page's CSP needs only script-src and connect-src for the budgetqa server. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var cfg = script.dataset || {};
  var apiBase = new URL(script.src, location.href).origin;
  var title = cfg.title || "预算问答";
  var welcome = cfg.welcome || "你好！可以问我部门预算里的任何数字，例如：智慧教育平台项目预算多少？";
  var color = /^#[0-9a-fA-F]{3,8}$|^[a-zA-Z]+$/.test(cfg.color || "") ? cfg.color : "#2f6fdb";
  var position = cfg.position === "left" ? "left" : "right";
  // Only data-open="true" (or "1") opens the panel; "", "false", "0" and anything else do not.
  var openByDefault = /^(true|1)$/i.test(String(cfg.open || "").trim());
  var MAX_HISTORY = 10;  // the server refuses longer histories (BUDGETQA_MAX_HISTORY_ITEMS)
  var REFUSED = "此网站未被允许使用问答服务，请联系管理员";
  var OFFLINE = "抱歉，连接不上问答服务，请稍后再试。";
  var SVG = "http://www.w3.org/2000/svg";
  var uid = "bqa" + Math.random().toString(36).slice(2, 8);
  var docId = cfg.document || null;
  var history = [];

  var host = document.createElement("div");
  host.setAttribute("data-budgetqa-widget", "");
  var root = host.attachShadow({ mode: "open" });

  var css = [
    ":host{all:initial}",
    "*{box-sizing:border-box;font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif}",
    ".launcher{position:fixed;bottom:20px;" + position + ":20px;width:56px;height:56px;border-radius:50%;",
    "border:none;background:var(--c);color:#fff;font-size:24px;cursor:pointer;box-shadow:0 4px 12px rgba(0,0,0,.25);z-index:2147483646}",
    ".panel{position:fixed;bottom:88px;" + position + ":20px;width:380px;max-height:min(600px,calc(100vh - 110px));",
    "display:none;flex-direction:column;background:#fff;color:#222;border-radius:12px;overflow:hidden;",
    "box-shadow:0 8px 28px rgba(0,0,0,.28);z-index:2147483647;font-size:14px;line-height:1.5}",
    ".panel.open{display:flex}",
    ".head{background:var(--c);color:#fff;padding:10px 14px;display:flex;align-items:center;justify-content:space-between}",
    ".head b{font-size:15px}.close{background:none;border:none;color:#fff;font-size:20px;cursor:pointer}",
    ".log{flex:1;overflow-y:auto;padding:12px;background:#f6f7f9;min-height:200px}",
    ".msg{margin:6px 0;padding:8px 10px;border-radius:10px;max-width:90%;white-space:pre-wrap;word-break:break-word}",
    ".user{background:var(--c);color:#fff;margin-left:auto}",
    ".bot{background:#fff;border:1px solid #e3e5e8}",
    ".err{background:#fff4f4;border:1px solid #f1c0c0}",
    "details{margin-top:6px;font-size:12px;color:#555}summary{cursor:pointer;color:var(--c)}",
    "details li{margin:3px 0}details ul{padding-left:18px;margin:4px 0}",
    ".arith{font-family:ui-monospace,monospace;color:#333}",
    "form{display:flex;gap:6px;padding:8px;border-top:1px solid #e3e5e8;background:#fff}",
    "input{flex:1;padding:8px;border:1px solid #ccd;border-radius:8px;font-size:14px}",
    "button.send{background:var(--c);color:#fff;border:none;border-radius:8px;padding:0 14px;cursor:pointer}",
    "button.send:disabled{opacity:.6}",
    "@media (max-width:767px){.panel{left:0;right:0;bottom:0;width:100%;max-height:100vh;height:85vh;border-radius:12px 12px 0 0}",
    ".panel.open ~ .launcher{display:none}}",
    ".launcher svg{width:28px;height:28px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round;vertical-align:middle}",
    ".launcher:focus-visible,.close:focus-visible,button.send:focus-visible,input:focus-visible{outline:3px solid #111;outline-offset:2px}",
    ".sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}"
  ].join("");
  // A constructed style sheet is not subject to the host page's style-src; <style> is the fallback.
  try {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch (e) {
    var style = document.createElement("style");
    style.textContent = css;
    root.appendChild(style);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = String(text);
    return e;
  }

  var wrap = el("div");
  wrap.style.setProperty("--c", color);
  var panel = el("div", "panel");
  panel.id = uid + "-panel";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", title);
  var head = el("div", "head");
  head.appendChild(el("b", null, title));
  var close = el("button", "close", "×");
  close.setAttribute("aria-label", "关闭");
  head.appendChild(close);
  var log = el("div", "log");
  log.setAttribute("aria-live", "polite");
  var form = el("form");
  var input = el("input");
  input.type = "text";
  input.id = uid + "-q";
  input.placeholder = "输入问题…";
  input.maxLength = 500;
  input.autocomplete = "off";
  var label = el("label", "sr-only", "你的问题");
  label.htmlFor = input.id;
  form.appendChild(label);
  var send = el("button", "send", "发送");
  send.type = "submit";
  form.appendChild(input);
  form.appendChild(send);
  panel.appendChild(head);
  panel.appendChild(log);
  panel.appendChild(form);
  var launcher = el("button", "launcher");
  launcher.type = "button";
  launcher.setAttribute("aria-label", "打开" + title);
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", panel.id);
  close.type = "button";
  wrap.appendChild(panel);
  wrap.appendChild(launcher);
  root.appendChild(wrap);

  function add(cls, text) {
    var m = el("div", "msg " + cls, text);
    log.appendChild(m);
    log.scrollTop = log.scrollHeight;
    return m;
  }

  function amount(v) {
    var n = Number(v);
    return isFinite(n) ? n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(v);
  }

  function sourcesOf(data) {
    var items = [];
    (data.figures || []).forEach(function (f) {
      var s = f.source || {};
      var li = el("li");
      var where = [s.table && "表：" + s.table, s.row && "行：" + s.row, s.column && "列：" + s.column,
                   s.page && "第" + s.page + "页", s.line && "第" + s.line + "行"].filter(Boolean).join("，");
      li.appendChild(el("b", null, f.label + " = " + amount(f.value) + " " + f.unit));
      li.appendChild(el("span", null, "（" + where + "）"));
      if (f.arithmetic) li.appendChild(el("div", "arith", "计算：" + f.arithmetic));
      items.push(li);
    });
    (data.sources || []).forEach(function (p) {
      var lines = p.line_start === p.line_end ? "第" + p.line_start + "行" : "第" + p.line_start + "–" + p.line_end + "行";
      if (p.page) lines = "第" + p.page + "页，" + lines;
      items.push(el("li", null, p.section + "（" + lines + "）：" + String(p.text || "").slice(0, 300)));
    });
    if (!items.length) return null;
    var d = el("details", "sources");
    d.appendChild(el("summary", null, "来源（" + items.length + "）"));
    var ul = el("ul");
    items.forEach(function (li) { ul.appendChild(li); });
    d.appendChild(ul);
    return d;
  }

  // The launcher's icon: a speech bubble, or a cross while open (SVG: no emoji font needed).
  function icon(open) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", open ? "M6 6l12 12M18 6L6 18"
                                : "M21 12a8 8 0 0 1-11.6 7.1L4 20.5l1.4-4.9A8 8 0 1 1 21 12z");
    svg.appendChild(path);
    return svg;
  }

  function setOpen(on) {
    var wasOpen = panel.classList.contains("open");
    panel.classList.toggle("open", on);
    launcher.setAttribute("aria-expanded", on ? "true" : "false");
    launcher.setAttribute("aria-label", (on ? "关闭" : "打开") + title);
    launcher.replaceChildren(icon(on));
    if (on) input.focus();
    else if (wasOpen) launcher.focus();  // focus goes back to where the user opened the panel
  }
  launcher.addEventListener("click", function () { setOpen(!panel.classList.contains("open")); });
  close.addEventListener("click", function () { setOpen(false); });
  root.addEventListener("keydown", function (ev) {
    if ((ev.key === "Escape" || ev.key === "Esc") && panel.classList.contains("open")) {
      ev.preventDefault();
      setOpen(false);
    }
  });
  launcher.appendChild(icon(false));

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = input.value.trim();
    if (!q) return;
    input.value = "";
    add("user", q);
    var pending = add("bot", "…");
    send.disabled = true;
    var body = { question: q, history: history.slice(-MAX_HISTORY) };
    if (docId) body.document = docId;
    fetch(apiBase + "/api/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (data) { return { ok: r.ok, data: data }; },
                           function () { return { ok: false, data: {} }; });
    }).then(function (res) {
      if (!res.ok) {
        pending.className = "msg err";
        pending.textContent = (res.data.error && res.data.error.message) || "抱歉，暂时无法回答，请稍后再试。";
        return;
      }
      history.push(q);
      pending.textContent = res.data.answer;
      var src = sourcesOf(res.data);
      if (src) pending.appendChild(src);
    }).catch(function () {
      // A refused origin gets no CORS headers, so the browser hides the answer: tell that apart
      // from a server that is down by whether an opaque request reaches it at all.
      return fetch(apiBase + "/api/health", { mode: "no-cors", cache: "no-store" }).then(
        function () { return REFUSED; }, function () { return OFFLINE; }
      ).then(function (message) {
        pending.className = "msg err";
        pending.textContent = message;
      });
    }).then(function () {
      send.disabled = false;
      log.scrollTop = log.scrollHeight;
    });
  });

  add("bot", welcome);
  function mount() {
    document.body.appendChild(host);
    if (openByDefault) setOpen(true);
  }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
