"""The chat's 对比 tab: pick documents (the list filters as you type), name a measure, and see
each document's value as a table with sources, a Plotly bar chart and a CSV download.

Built inside :func:`budgetqa.chat.build_chat`; the figures come from
:meth:`BudgetQA.compare <budgetqa.service.BudgetQA.compare>`, the CSV from ``GET /api/compare``
(the chat page links to it: Gradio's own file routes stay closed, see :mod:`budgetqa.guard`).
Plotly draws with no ``eval`` (Gradio's native plots need ``'unsafe-eval'``, which the page's
CSP refuses). Text from documents and users is escaped for Markdown, HTML and Plotly's labels.

    >>> with gr.Tab("对比"):
    ...     documents = compare_tab(qa, qa.documents(), {"api_visibility": "private"})
    >>> demo.load(lambda: gr.Dropdown(choices=document_choices(qa.documents())), None, documents)
"""

from __future__ import annotations

import html
import logging
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

import gradio as gr
import pandas as pd

from .compare import EXAMPLE_MEASURES, MAX_DOCUMENTS, MAX_MEASURE_CHARS, Comparison, Row
from .errors import BudgetQAError

log = logging.getLogger("budgetqa.chat")

COLUMNS = ["文档", "金额（万元）", "所取数字", "出处"]
INTRO = ("选两个或更多文档（输入部门或其简称、年份、地名或 预算/决算 可筛选），写一个指标，"
         "比较它们公开的数字。每个数字都注明出处；没有给出这个数字的文档列在表下，不画成 0。")


def document_label(d: dict[str, Any]) -> str:
    """How a document is named in the list: body, year and kind, the place when the body's name
    does not show it, and the body's short names (卫健委, 发改委, 人社局, 区府办…) its name does not
    contain, so that typing a place or a short name finds it (the list filters on what its labels
    contain): 云溪市卫生健康委员会 2024年预算（简称：市卫健委、云溪卫健委）."""
    from .parsing.bodies import describe_body

    place = d.get("place") or ""
    where = f"（{place}）" if place and place not in d["department"] else ""
    body = describe_body(d["department"])
    shorts = list(body.short_names())
    # and the short name after the place written short (广州卫健委), as people type it
    cores = [s[1:] if s[:1] in "省市区县" else s for s in shorts]
    shorts += sorted((a for a in body.aliases if a not in shorts and a not in d["department"]
                      and any(a == p + c for p in body.place_names() for c in cores)), key=len)[:1]
    also = f"（简称：{'、'.join(shorts)}）" if shorts else ""  # after the year: 卫生健康委员会 2024 still matches
    return f"{d['department']}{where} {d['year']}年{d['kind']}{also}"


def document_choices(docs: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The list's (label, id) pairs for these documents (``qa.documents()``)."""
    return [(document_label(d), d["id"]) for d in docs]


def _wan(value) -> str:
    """An amount in 万元 as the document gives it: 1,269.73; 7,045.905745 (printed in 元), not rounded."""
    from .chat import _amount

    return _amount(value) if value == value.quantize(Decimal("0.01")) else f"{value.normalize():,f}"


def _where(r: Row) -> str:
    s = r.source
    return "，".join(x for x in (s.table, s.row and f"“{s.row}”行", s.column and f"“{s.column}”列",
                                 s.page and f"第{s.page}页", s.line and f"第{s.line}行") if x)


def compare_table(c: Comparison) -> pd.DataFrame:
    """The documents that give the figure, one row each, as plain text cells."""
    return pd.DataFrame([[r.label, _wan(r.value), r.figure, _where(r)] for r in c.given], columns=COLUMNS)


def compare_notes(c: Comparison) -> str:
    """Markdown under the table: how many documents give the figure, then each that does not."""
    from .chat import _text

    head = f"**{_text(c.measure)}**：{len(c.given)} 个文档给出了数字（万元）。"
    if not c.missing:
        return head
    items = "\n".join(f"- {_text(r.label)}：{_text(r.note)}" for r in c.missing)
    return f"{head}\n\n**没有给出这个数字的文档（未画入图中）：**\n\n{items}"


def _plotly_text(s: str) -> str:
    # Plotly reads <br>, <b>, <a href> and entities in labels: escaped, a name is only text.
    return html.escape(s, quote=True)


def compare_chart(c: Comparison):
    """A horizontal Plotly bar per document that gives the figure, or None when none does."""
    import plotly.graph_objects as go

    rows = c.given
    if not rows:
        return None
    labels, seen = [], set()
    for r in rows:  # Plotly merges bars of one name: two documents of one label stay apart
        label = r.label if r.label not in seen else f"{r.label}（{r.document}）"
        seen.add(label)
        labels.append(_plotly_text(label))
    fig = go.Figure(go.Bar(
        x=[float(r.value) for r in rows], y=labels, orientation="h", marker_color="#2f6fdb",
        text=[_wan(r.value) for r in rows], textposition="auto",
        hovertext=[_plotly_text(f"{r.label}：{_wan(r.value)}万元（{_where(r)}）") for r in rows],
        hoverinfo="text"))
    fig.update_layout(
        title={"text": _plotly_text(f"{c.measure}（万元）")}, template="plotly_white",
        height=140 + 40 * len(rows), margin={"l": 10, "r": 20, "t": 50, "b": 40},
        yaxis={"autorange": "reversed", "automargin": True}, xaxis={"title": {"text": "万元"}, "rangemode": "tozero"},
        font={"family": "PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif"})
    return fig


def csv_link(c: Comparison) -> str:
    """The CSV of this comparison: a link relative to the chat page (``api/compare?…``), so it
    also works when the whole server sits under a path on a proxy."""
    query = [("measure", c.measure)] + [("document", r.document) for r in c.rows] + [("format", "csv")]
    return "api/compare?" + urlencode(query)


def compare_tab(qa, docs: list[dict[str, Any]], private: dict[str, Any]) -> gr.Dropdown:
    """The tab's components and events, built inside the current ``gr.Tab``; returns the list of
    documents, whose choices the page refreshes from the store on load (see :func:`budgetqa.chat.build_chat`)."""
    from .chat import known_document

    gr.Markdown(INTRO)
    picked = gr.Dropdown(choices=document_choices(docs), value=[], multiselect=True,
                         filterable=True, max_choices=MAX_DOCUMENTS, label="文档（可输入筛选，可多选）",
                         elem_id="bqa-compare-documents")
    with gr.Row():
        measure = gr.Textbox(label="指标", placeholder="例如：三公经费", max_lines=1, max_length=MAX_MEASURE_CHARS,
                             scale=6, elem_id="bqa-compare-measure")
        go_button = gr.Button("对比", variant="primary", scale=1, elem_id="bqa-compare-go")
    with gr.Row(elem_classes=["bqa-examples"]):
        gr.Markdown("**常用指标：**")
        examples = [gr.Button(m, size="sm", elem_classes=["bqa-measure"]) for m in EXAMPLE_MEASURES]
    table = gr.Dataframe(value=pd.DataFrame(columns=COLUMNS), headers=COLUMNS, datatype="str", interactive=False,
                         wrap=True, label="对比表", elem_id="bqa-compare-table")
    with gr.Row():
        notes = gr.Markdown(elem_id="bqa-compare-notes", sanitize_html=True)
        download = gr.Button("下载 CSV", link=None, visible=False, size="sm", scale=0, min_width=120,
                             elem_id="bqa-compare-csv")
    chart = gr.Plot(label="柱状图", elem_id="bqa-compare-chart")

    def show(chosen: Any, asked: Any):
        # Values arrive from the page (or anyone posting to the queue): check each before use.
        chosen = [d for d in chosen if known_document(qa, d)] if isinstance(chosen, list) else []
        try:
            c = qa.compare(asked if isinstance(asked, str) else None, chosen)
        except Exception as e:  # every failure becomes one sentence, never a traceback
            from .chat import friendly_error

            if not isinstance(e, BudgetQAError):
                log.exception("chat comparison failed")
            return pd.DataFrame(columns=COLUMNS), friendly_error(e), None, gr.Button(visible=False)
        return (compare_table(c), compare_notes(c), compare_chart(c),
                gr.Button(link=csv_link(c), visible=True))

    outputs = [table, notes, chart, download]
    go_button.click(show, [picked, measure], outputs, **private)
    measure.submit(show, [picked, measure], outputs, **private)
    for b, m in zip(examples, EXAMPLE_MEASURES):  # fills the box in, and compares
        b.click(lambda chosen, m=m: (m, *show(chosen, m)), [picked], [measure, *outputs], **private)
    return picked
