"""The Gradio chat (Chinese): questions and sourced answers, a 预算结构 tab of charts, a 对比 tab
(one measure across documents: :mod:`budgetqa.chat_compare`) and an 审核 tab of the audit's findings.

A thin edge over :class:`~budgetqa.service.BudgetQA`; every piece of answer text is escaped
before it is rendered, and errors become one friendly sentence.

    >>> mount_chat(app, BudgetQA.open(Settings()), Settings())   # on the server's FastAPI app
"""

from __future__ import annotations

import html
import logging
import re
from decimal import Decimal
from typing import Any

import gradio as gr

from .errors import BudgetQAError, UnknownDocumentError
from .limits import UNREADABLE
from .model import Answer
from .service import BudgetQA
from .settings import Settings

log = logging.getLogger("budgetqa.chat")

EXAMPLES = [
    "智慧教育平台项目预算多少",
    "三公经费有吗",
    "哪个项目钱最多",
    "驻村补贴给了哪个村",
    "基本支出占总支出的比例是多少",
]

AUTO = "__auto__"

# An amount as printed in an answer: 1,000.00万元, 10,000,000元, 4.44%.
FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元|%)")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|~>])")

CSS = """
.bqa-bars { font-size: 14px; }
.bqa-bar-row { display: flex; align-items: center; gap: 8px; margin: 4px 0; }
.bqa-bar-label { width: 16em; text-align: right; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bqa-bar { height: 18px; background: #2f6fdb; border-radius: 3px; min-width: 2px; }
.bqa-bar-value { white-space: nowrap; }
footer { display: none !important; }
.bqa-examples button { flex: 0 1 auto !important; min-width: 0 !important; }
"""

# Gradio labels each chat bubble "<role>'s message: <its raw HTML>"; static/chat-a11y.js gives
# a screen reader the text instead. A script file (not inline) so that the page's CSP allows it.
HEAD = '<script src="/chat-a11y.js"></script>'


def _text(s: str) -> str:
    """Escape untrusted text for a Markdown+HTML chat bubble: HTML first, then Markdown."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(s, quote=True))


def _raw(s: str) -> str:
    """Escape text placed inside a raw HTML block (where Markdown does not apply), on one line."""
    return html.escape(s, quote=True).replace("\r", "").replace("\n", "<br>")


def _amount(v: Any) -> str:
    return f"{Decimal(str(v)):,.2f}"


def render_answer(a: Answer) -> str:
    """The answer text with figures in bold, then a collapsible 来源 listing every source."""
    body = FIGURE.sub(lambda m: f"<strong>{m.group(0)}</strong>", html.escape(a.text, quote=True))
    body = MARKDOWN_SPECIAL.sub(r"\\\1", body.replace("<strong>", "\x00").replace("</strong>", "\x01"))
    body = body.replace("\x00", "<strong>").replace("\x01", "</strong>")
    items: list[str] = []
    for f in a.figures:
        s = f.source
        where = "，".join(x for x in (
            s.table and f"表：{s.table}", s.row and f"行：{s.row}", s.column and f"列：{s.column}",
            s.page and f"第{s.page}页", s.line and f"第{s.line}行") if x)
        item = f"<li><strong>{_raw(f.label)}</strong> = {_raw(_amount(f.value))} {_raw(f.unit)}（{_raw(where)}）"
        if f.arithmetic:
            item += f"<br>计算：<code>{_raw(f.arithmetic)}</code>"
        items.append(item + "</li>")
    for p in a.sources:
        lines = f"第{p.line_start}行" if p.line_start == p.line_end else f"第{p.line_start}–{p.line_end}行"
        if p.page:
            lines = f"第{p.page}页，{lines}"
        items.append(f"<li>{_raw(p.section)}（{lines}）：{_raw(p.text[:300])}</li>")
    if not items:
        return body
    return (body + "\n\n<details class=\"bqa-sources\"><summary>来源（" + str(len(items)) + "）</summary><ul>"
            + "".join(items) + "</ul></details>")


def known_document(qa: BudgetQA, doc_id: Any) -> bool:
    """Is ``doc_id`` (as sent by the page) a document the service holds now, one ingested after
    the page was built included?"""
    if not isinstance(doc_id, str):
        return False
    try:
        qa.answerer(doc_id)
    except UnknownDocumentError:
        return False
    return True


def friendly_error(e: Exception) -> str:
    if isinstance(e, BudgetQAError):
        return "抱歉，" + _text(str(e))
    return "抱歉，出了点问题，请换个问法再试一次。"


# ---------------------------------------------------------------- 预算结构 charts


def _bars(title: str, rows: list[tuple[str, Decimal]], unit: str) -> str:
    rows = [(label, v) for label, v in rows if v is not None]
    if not rows:
        return f"<h3>{html.escape(title)}</h3><p>本文档没有这项数据。</p>"
    top = max(v for _, v in rows) or Decimal(1)
    out = [f"<h3>{html.escape(title)}（{html.escape(unit)}）</h3><div class=\"bqa-bars\">"]
    for label, v in rows:
        pct = float(v / top * 100) if top else 0.0
        out.append(
            f"<div class=\"bqa-bar-row\"><span class=\"bqa-bar-label\" title=\"{html.escape(label)}\">"
            f"{html.escape(label)}</span><span class=\"bqa-bar\" style=\"width:{pct * 0.55:.1f}%\"></span>"
            f"<span class=\"bqa-bar-value\">{_amount(v)}</span></div>")
    out.append("</div>")
    return "".join(out)


def structure_html(qa: BudgetQA, doc_id: str) -> str:
    """Spending by functional category (类), basic vs project spending, projects by amount."""
    doc = qa.answerer(doc_id).doc
    parts = [f"<h2>{html.escape(doc.title)}</h2>"]
    expense = doc.table("expense")
    if expense is not None:
        cats = [(r.label, r.values.get("合计")) for r in expense.rows if r.code and len(r.code) == 3]
        parts.append(_bars("按功能分类（类）的支出", cats, expense.unit))
        total = next((r for r in expense.rows if r.label.replace(" ", "") in ("合计", "总计")), None)
        if total is not None:
            parts.append(_bars("基本支出与项目支出",
                               [("基本支出", total.values.get("基本支出")),
                                ("项目支出", total.values.get("项目支出"))], expense.unit))
    project = doc.table("project")
    if project is not None:
        projects = sorted(((r.label, r.values.get("合计")) for r in project.rows
                           if r.values.get("合计") is not None and r.label.replace(" ", "") not in ("合计", "总计")),
                          key=lambda x: x[1], reverse=True)
        parts.append(_bars("项目金额", projects, project.unit))
    return "".join(parts)


def audit_markdown(qa: BudgetQA, doc_id: str, show_all: bool = False) -> str:
    """The 审核 tab: the document's findings by severity, each with its rule and pages."""
    from .audit.report import render_markdown

    (audit,) = qa.audit(doc_id)
    return render_markdown(audit, show_all)


# ---------------------------------------------------------------- the Blocks


MAX_SHOWN = 50  # turns kept on screen (server-side state)


def document_choices(docs: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The (label, id) pairs of the 问答, 预算结构 and 审核 lists for these documents."""
    return [(f"{d['department']} {d['year']}年{d['kind']}", d["id"]) for d in docs]


def build_chat(qa: BudgetQA, settings: Settings | None = None) -> gr.Blocks:
    """The chat UI. Conversation state (the turns shown, the earlier questions for follow-ups)
    lives on the server; the page sends only the question and the chosen document. The lists of
    documents are read from the store again when the page loads and when a list is opened, so a
    document ingested after the server started is listed (and accepted) without a reload."""
    from .chat_compare import document_choices as compare_choices

    settings = settings or qa.settings
    docs = qa.documents()
    choices = document_choices(docs)
    several = len(docs) > 1

    keep = max(settings.max_history_items, 0)

    def respond(question: Any, messages: Any, asked: Any, document: Any):
        # Values arrive from the page (or anyone posting to the queue): check each before use.
        messages = messages if isinstance(messages, list) else []
        asked = [q for q in asked if isinstance(q, str)][-keep:] if isinstance(asked, list) and keep else []
        question = question.strip() if isinstance(question, str) else ""
        if not question:
            return "", messages, messages, asked
        document = document if known_document(qa, document) else None
        try:
            a = qa.answer(question, list(asked), document)
            reply = render_answer(a)
            asked = (asked + [question])[-keep:] if keep else []
        except Exception as e:  # every failure becomes one sentence, never a traceback
            if not isinstance(e, BudgetQAError):
                log.exception("chat answer failed")
            reply = friendly_error(e)
            # Shown back as typed, less what cannot be shown (a lone surrogate cannot even be sent).
            question = UNREADABLE.sub("\ufffd", question)[:settings.max_question_chars]
        messages = (messages + [{"role": "user", "content": _text(question)},
                                {"role": "assistant", "content": reply}])[-2 * MAX_SHOWN:]
        return "", messages, messages, asked

    private = {"api_visibility": "private"}
    with gr.Blocks(title="预算问答", analytics_enabled=False) as demo:
        gr.Markdown("## 预算问答\n用中文提问部门预算公开，得到带出处的准确数字。")
        with gr.Tabs():
            with gr.Tab("问答"):
                with gr.Row(elem_classes=["bqa-examples"]):
                    gr.Markdown("**试试这些问题：**")
                    buttons = [gr.Button(q, size="sm", elem_classes=["bqa-example"]) for q in EXAMPLES]
                document = gr.Dropdown(
                    choices=[("自动选择", AUTO)] + choices, value=AUTO, label="文档",
                    visible=several, elem_id="bqa-document", allow_custom_value=True)
                chatbot = gr.Chatbot(label="对话", height=420, elem_id="bqa-chat",
                                     sanitize_html=True, feedback_options=None)
                shown = gr.State([])
                asked = gr.State([])
                with gr.Row():
                    box = gr.Textbox(placeholder="例如：智慧教育平台项目预算多少", label="输入你的问题",
                                     show_label=False, scale=8, elem_id="bqa-question", max_lines=3,
                                     max_length=settings.max_question_chars)
                    send = gr.Button("提问", variant="primary", scale=1, elem_id="bqa-send")
                clear = gr.Button("新对话", size="sm")
                inputs = [box, shown, asked, document]
                outputs = [box, chatbot, shown, asked]
                box.submit(respond, inputs, outputs, **private)
                send.click(respond, inputs, outputs, **private)
                for b, q in zip(buttons, EXAMPLES):
                    b.click(lambda m, a, d, q=q: respond(q, m, a, d), [shown, asked, document], outputs,
                            **private)
                clear.click(lambda: ("", [], [], []), None, outputs, **private)
            with gr.Tab("预算结构"):
                chart_doc = gr.Dropdown(choices=choices, value=choices[0][1] if choices else None,
                                        label="文档", visible=several, allow_custom_value=True)
                # Markdown, not gr.HTML: Gradio evaluates gr.HTML's value as a JavaScript template
                # (needs 'unsafe-eval', and would run any "${...}" printed in a document).
                charts = gr.Markdown(structure_html(qa, choices[0][1]) if choices else "语料库是空的。",
                                     elem_id="bqa-structure", sanitize_html=True)
                chart_doc.change(lambda d: structure_html(qa, d) if known_document(qa, d) else "<p>没有这个文档。</p>",
                                 chart_doc, charts, **private)
            with gr.Tab("对比"):
                from .chat_compare import compare_tab

                picked = compare_tab(qa, docs, private)
            with gr.Tab("审核"):
                gr.Markdown("文件里的数字彼此核对：表内加总、表与表、文字与表、目录与格式。"
                            "每条发现列出规则和所在页码；命令行 `budgetqa audit 文件` 可审核尚未公开的稿件。")
                with gr.Row():
                    audit_doc = gr.Dropdown(choices=choices, value=choices[0][1] if choices else None,
                                            label="文档", visible=several, allow_custom_value=True,
                                            elem_id="bqa-audit-document")
                    audit_all = gr.Checkbox(False, label="也列出通过的检查", elem_id="bqa-audit-all")
                findings = gr.Markdown(audit_markdown(qa, choices[0][1]) if choices else "语料库是空的。",
                                       elem_id="bqa-audit", sanitize_html=True)
                for control in (audit_doc, audit_all):
                    control.change(lambda d, a: audit_markdown(qa, d, bool(a)) if known_document(qa, d) else "没有这个文档。",
                                   [audit_doc, audit_all], findings, **private)

        seen = gr.State(None)  # the ids this page's lists show

        def document_lists(chart_shown: Any, audit_shown: Any, shown_ids: Any):
            """Every list of documents as the store holds them now (a 预算结构 or 审核 list that
            showed none, on an empty store, shows the first); nothing is sent when the page's
            lists already show the store's documents."""
            now = qa.documents()
            ids = [d["id"] for d in now]
            if shown_ids == ids:
                return (gr.skip(),) * 5
            listed = document_choices(now)
            first = listed[0][1] if listed else None
            many = len(now) > 1
            return (gr.Dropdown(choices=[("自动选择", AUTO)] + listed, visible=many),
                    gr.Dropdown(choices=listed, visible=many,
                                **({} if known_document(qa, chart_shown) else {"value": first})),
                    gr.Dropdown(choices=compare_choices(now)),
                    gr.Dropdown(choices=listed, visible=many,
                                **({} if known_document(qa, audit_shown) else {"value": first})),
                    ids)

        # Read when the page loads and again whenever a list is opened, so a document ingested
        # while the page is open is offered without reloading it.
        gr.on([demo.load] + [lst.focus for lst in (document, chart_doc, picked, audit_doc)],
              document_lists, [chart_doc, audit_doc, seen], [document, chart_doc, picked, audit_doc, seen],
              **private)
    return demo


def mount_chat(app, qa: BudgetQA, settings: Settings) -> None:
    """Mount the chat at / on the server's app: no footer, no analytics, no monitoring, no MCP,
    no uploads (the guard also refuses those routes), a bounded queue."""
    demo = build_chat(qa, settings)
    demo.queue(api_open=False, max_size=64, default_concurrency_limit=4)
    gr.mount_gradio_app(app, demo, path="/", footer_links=[], run_history=False,
                        show_error=False, max_file_size=1, ssr_mode=False, enable_monitoring=False,
                        pwa=False, mcp_server=False, head=HEAD, css=CSS)
