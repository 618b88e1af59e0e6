"""The retrieval path: a LangChain chain (hybrid retriever -> extractive answer).

With no LLM configured (the default; none is available offline) the answer is the retrieved
passage's most relevant sentences, quoted with their lines. It never states a figure.
"""

from __future__ import annotations

import re
from typing import Any

from langchain_core.documents import Document
from langchain_core.runnables import RunnableLambda

from ..model import Answer, Passage

STOP_CHARS = set("的了是吗呢么什怎样多少哪个些有和与及在为对就都也还请问一下我你他它这那吧啊呀？?，,。")
# When a question is asked (目前有几辆车): the document's own time, said of nothing in it.
ASKED_NOW = re.compile(r"目前|现在|当前|眼下|如今|现阶段")


def _content_chars(q: str) -> set[str]:
    return {ch for ch in ASKED_NOW.sub("", q) if ch not in STOP_CHARS and not ch.isspace()}


def overlap(question: str, text: str) -> float:
    """Share of the question's content characters found in the text."""
    qc = _content_chars(question)
    if not qc:
        return 0.0
    return sum(1 for ch in qc if ch in text) / len(qc)


def bigram_overlap(question: str, text: str) -> float:
    """Share of the question's content bigrams (信息安全 -> 信息, 息安, 安全) found in the text;
    ties broken by single characters."""
    chars = [ch for ch in question if ch not in STOP_CHARS and not ch.isspace()]
    grams = {a + b for a, b in zip(chars, chars[1:])}
    if not grams:
        return overlap(question, text)
    return sum(1 for g in grams if g in text) / len(grams) + 0.1 * overlap(question, text)


def best_sentences(question: str, text: str, limit: int = 2) -> str:
    sentences = [s.strip() for s in re.split(r"(?<=[。；;！？\n])", text) if s.strip()]
    if len(sentences) <= limit:
        return text.strip()
    ranked = sorted(range(len(sentences)), key=lambda i: bigram_overlap(question, sentences[i]), reverse=True)
    keep = sorted(ranked[:limit])
    return "".join(sentences[i] for i in keep)


def _compose(inputs: dict[str, Any]) -> Answer:
    question: str = inputs["question"]
    normalized: str = inputs.get("normalized", question)
    docs: list[Document] = inputs["docs"]
    min_overlap: float = inputs.get("min_overlap", 0.5)
    scored = sorted(docs, key=lambda d: overlap(normalized, d.page_content), reverse=True)
    if not scored or overlap(normalized, scored[0].page_content) < min_overlap:
        return Answer(question, "", False, "refusal")
    top = scored[0]
    m = top.metadata
    excerpt = best_sentences(normalized, top.page_content)
    where = f"{m.get('section', '')}，第{m.get('line_start')}–{m.get('line_end')}行"
    sources = [Passage(d.metadata.get("document", ""), d.metadata.get("section", ""),
                       int(d.metadata.get("line_start") or 0), int(d.metadata.get("line_end") or 0),
                       d.page_content, d.metadata.get("page")) for d in scored[:3]]
    text = f"{excerpt}（来源：{where}）"
    return Answer(question, text, True, "retrieval", [], sources, document=m.get("document"))


def build_chain(retriever) -> Any:
    """``{"question", "normalized", "document"} -> Answer``: LangChain runnable composition."""

    def retrieve(inputs: dict[str, Any]) -> dict[str, Any]:
        retriever.document = inputs.get("document")
        docs = retriever.invoke(inputs.get("normalized") or inputs["question"])
        return {**inputs, "docs": docs}

    return RunnableLambda(retrieve) | RunnableLambda(_compose)
