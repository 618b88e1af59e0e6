"""The command line: a thin edge over :class:`budgetqa.service.BudgetQA`.

Domain errors become one line on stderr and a non-zero exit code; never a traceback.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click

from .errors import BudgetQAError, SettingsError
from .settings import Settings, load_settings, normalize_origin


def _fail(e: BudgetQAError) -> None:
    click.echo(f"错误: {e}", err=True)
    sys.exit(e.exit_code)


def _settings(**overrides) -> Settings:
    try:
        return load_settings(**overrides)
    except SettingsError as e:
        _fail(e)
        raise  # unreachable: _fail exits


def _open(with_index: bool = True):
    from .service import BudgetQA

    return BudgetQA.open(_settings(), with_index=with_index)


# Click's own usage errors, in Chinese (pattern → message; unknown ones keep click's words).
USAGE_MESSAGES = [
    (r"No such option:? '?([^'\s]+?)'?\.?(?:\s+Did you mean '?([^'\s]+?)'?\?)?$",
     lambda m: f"没有这个选项：{m[1]}" + (f"（是不是 {m[2]}？）" if m[2] else "")),
    (r"No such command '(.+)'\.", lambda m: f"没有这个命令：{m[1]}"),
    (r"Missing argument '(.+)'\.", lambda m: f"缺少参数 {m[1]}"),
    (r"Missing option '(.+)'\.", lambda m: f"缺少选项 {m[1]}"),
    (r"Option '(.+)' requires an argument\.", lambda m: f"选项 {m[1]} 后面要写一个值"),
    (r"Got unexpected extra arguments? \((.+)\)", lambda m: f"多余的参数：{m[1]}（问题里有空格时请加引号）"),
    (r"Invalid value for '(.+?)': (.+)", lambda m: f"参数 {m[1]} 的值无效：{_value_message(m[2])}"),
]


def _value_message(text: str) -> str:
    for pattern, say in [
        (r"'(.+)' is not a valid integer( range)?\.", lambda m: f"“{m[1]}” 不是整数"),
        (r"Path '(.+)' does not exist\.", lambda m: f"文件 {m[1]} 不存在"),
        (r"'(.+)' is not one of (.+)\.", lambda m: f"“{m[1]}” 不是可选值之一：{m[2]}"),
        (r"(.+) is not in the range (.+)\.", lambda m: f"{m[1]} 不在范围 {m[2]} 内"),
    ]:
        m = re.fullmatch(pattern, text.strip())
        if m:
            return say(m)
    return text


def usage_message(text: str) -> str:
    """A click usage error in Chinese."""
    for pattern, say in USAGE_MESSAGES:
        m = re.match(pattern, text.strip())
        if m:
            return say(m)
    return text


class ChineseGroup(click.Group):
    """A click group whose usage errors are one Chinese line plus the usage (exit code 2)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as e:
            if e.ctx is not None:
                click.echo(e.ctx.get_usage().replace("Usage: ", "用法："), err=True)
            name = e.ctx.command_path if e.ctx is not None else "budgetqa"
            click.echo(f"错误: {usage_message(e.format_message())}", err=True)
            click.echo(f"（运行 {name} --help 查看说明）", err=True)
            sys.exit(2)
        except click.ClickException as e:
            click.echo(f"错误: {e.format_message()}", err=True)
            sys.exit(e.exit_code)
        except click.Abort:
            click.echo("已取消", err=True)
            sys.exit(1)


def _progress(msg: str) -> None:
    click.echo(msg, err=True)


@click.group(cls=ChineseGroup)
@click.version_option(package_name="budgetqa")
def main() -> None:
    """budgetqa: 用中文提问部门预算公开，得到带出处的准确数字。

    Data lives in $BUDGETQA_HOME (default ./.budgetqa).
    """


@main.command("ingest")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the coverage report (what was read from each document, the core "
                   "totals, the audit's verdict) to this JSON file.")
@click.option("--department", help="The body's name, when the documents do not print it.")
@click.option("--year", type=click.IntRange(1990, 2100), help="The budget year, when not printed.")
@click.option("--kind", type=click.Choice(["预算", "决算"]), help="预算 or 决算, when not printed.")
@click.option("--scope", type=click.Choice(["部门", "单位"]), help="部门 or 单位, when not printed.")
@click.option("--no-index", is_flag=True,
              help="Store and audit only; skip the search index (much faster for many files).")
def ingest_cmd(paths: tuple[Path, ...], report_path: Path | None, department: str | None,
               year: int | None, kind: str | None, scope: str | None, no_index: bool) -> None:
    """Parse, audit, store and index disclosures (default: corpus/).

    PATHS may be files (.txt, .md, .pdf) or folders. Identical files are skipped; a changed
    file replaces its rows. If any file is bad, nothing is written. The narrative and the
    tables of one disclosure, published as two files, become one document.
    """
    from .coverage import report as coverage_report, summary_line

    settings = _settings()
    overrides = {"department": department, "year": year, "kind": kind, "scope": scope}
    try:
        qa = _open(with_index=not no_index)
        if qa.index is not None:
            qa.index.embeddings = EmbeddingProgress(qa.index.embeddings)
        with click.progressbar(length=1, label="解析", file=sys.stderr, show_pos=True,
                               item_show_func=lambda x: x) as bar:
            def on_file(i: int, n: int, path: Path) -> None:
                bar.length = n
                bar.update(1 if i > 1 else 0, path.name)

            report = qa.ingest(list(paths) or [settings.corpus], _progress, overrides, on_file)
            bar.update(bar.length - bar.pos, "完成")
    except BudgetQAError as e:
        _fail(e)
    for warning in report.warnings:
        click.echo(f"提醒: {warning}", err=True)
    click.echo(report.summary())
    click.echo(summary_line(report.coverage))
    if report_path is not None:
        report_path.write_text(json.dumps(coverage_report(report.coverage), ensure_ascii=False,
                                          indent=1), encoding="utf-8")
        click.echo(f"覆盖率报告已写入 {report_path}")


@main.command("ask")
@click.argument("question", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON answer object.")
@click.option("--questions", type=click.Path(exists=True, path_type=Path),
              help="Answer a JSONL file of {id, question} objects; write one answer a line.")
@click.option("--document", help="Answer from this document id only.")
@click.option("--history", multiple=True, help="An earlier question of the conversation (repeatable).")
def ask_cmd(question: str | None, as_json: bool, questions: Path | None, document: str | None,
            history: tuple[str, ...]) -> None:
    """Ask a question, e.g. budgetqa ask "智慧教育平台项目预算多少"."""
    try:
        qa = _open()
        report = qa.ensure_corpus(_progress)
        if report:
            click.echo(f"首次使用：已导入 {qa.settings.corpus}（{report.summary()}）", err=True)
        if questions:
            _ask_batch(qa, questions)
            return
        if question is None:
            raise click.UsageError("请给出一个问题，或用 --questions FILE")
        answer = qa.answer(question, list(history), document)
    except BudgetQAError as e:
        _fail(e)
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
    else:
        click.echo(answer.text)
        for f in answer.figures:
            s = f.source
            click.echo(f"  · {f.label} = {f.value} {f.unit}  [{s.table} | {s.row} | {s.column} | 第{s.line}行]")
            if f.arithmetic:
                click.echo(f"    计算：{f.arithmetic}")


def _ask_batch(qa, path: Path) -> None:
    """One answer object a line; a line that fails says why, and the exit code is 1 if any did."""
    failed = total = 0
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        total += 1
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("not an object")
        except ValueError:
            failed += 1
            click.echo(json.dumps({"line": n, "error": "不是有效的 JSON 对象"}, ensure_ascii=False))
            continue
        try:
            out = qa.answer(item.get("question"), item.get("history"), item.get("document")).to_dict()
        except BudgetQAError as e:
            failed += 1
            out = {"question": item.get("question"), "error": str(e), "answerable": False}
        out = {"id": item.get("id"), **out}
        click.echo(json.dumps(out, ensure_ascii=False))
    if failed:
        click.echo(f"错误: {total} 行中有 {failed} 行没有回答（见输出里的 error）", err=True)
        sys.exit(1)


class EmbeddingProgress:
    """Wraps the index's embeddings to draw a progress bar over the slowest step of ingest.

    Texts are embedded distinct, in first-seen order and in the backend's own batch size, so
    the vectors are the ones the backend alone would give."""

    def __init__(self, inner):
        self.inner = inner

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        distinct = list(dict.fromkeys(texts))
        size = getattr(self.inner, "batch_size", 32) or 32
        vectors: dict[str, list[float]] = {}
        with click.progressbar(length=len(distinct), label="向量化", file=sys.stderr,
                               show_pos=True) as bar:
            for start in range(0, len(distinct), size):
                batch = distinct[start:start + size]
                vectors.update(zip(batch, self.inner.embed_documents(batch)))
                bar.update(len(batch))
        return [vectors[t] for t in texts]


@main.command("audit")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--document", help="Audit only this document id.")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per finding: document, severity, rule, message, figures.")
@click.option("--all", "show_all", is_flag=True, help="Also list the checks that hold.")
def audit_cmd(file: Path | None, document: str | None, as_json: bool, show_all: bool) -> None:
    """Check what each document says against itself and print the findings with their pages.

    With FILE, audit that file (a draft) without adding it to the store.
    """
    from .audit.report import render_text
    from .service import BudgetQA

    if file is not None and document:
        click.echo("错误: FILE 与 --document 只能用一个", err=True)
        sys.exit(2)
    try:
        if file is not None:
            audits = [BudgetQA.audit_file(file)]
        else:
            audits = _open(with_index=False).audit(document)
    except BudgetQAError as e:
        _fail(e)
    if not audits:
        click.echo("语料库是空的：请先运行 budgetqa ingest。", err=True)
        sys.exit(1)
    for a in audits:
        if as_json:
            for d in a.to_dicts(show_all):
                click.echo(json.dumps(d, ensure_ascii=False))
        else:
            click.echo(render_text(a, show_all))


@main.command("documents")
@click.option("--body", metavar="TEXT", help="Part of the body's name or a usual short form "
              "(统计局, 市统计局, 卫健委, 北京市统计局).")
@click.option("--year", metavar="N", help="The budget year, e.g. 2026.")
@click.option("--kind", metavar="预算|决算", help="Budgets (预算) or final accounts (决算).")
@click.option("--place", metavar="TEXT", help="A place the body's name shows (北京, 普陀区, 福州市).")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per document, with its places, level and aliases.")
def documents_cmd(body: str | None, year: str | None, kind: str | None, place: str | None,
                  as_json: bool) -> None:
    """List the documents in the store, filtered by body, year, kind and place.

    Each line: id, body, year, scope and kind, place, level (省级/市级/区县级/乡镇级), source.
    The place and level are only what the body's name shows (福州市…: 福州, not 福建).
    """
    settings = _settings()
    if not settings.database_url and not settings.db_path.exists():  # listing must not create an empty store
        click.echo(f"错误: {settings.home} 里还没有数据，请先运行 budgetqa ingest", err=True)
        sys.exit(1)
    try:
        docs = _open(with_index=False).documents(body=body, year=year, kind=kind, place=place)
    except BudgetQAError as e:
        _fail(e)
    for d in docs:
        if as_json:
            click.echo(json.dumps(d, ensure_ascii=False))
        else:
            click.echo(f"{d['id']}\t{d['department']}\t{d['year']}\t{d['scope']}{d['kind']}\t"
                       f"{d['place'] or '-'}\t{d['level'] or '-'}\t{d['source_type']}")


@main.command("compare")
@click.argument("measure")
@click.option("--document", "documents", multiple=True, metavar="ID",
              help="A document id (repeat it: 2 to 50 documents; see budgetqa documents).")
@click.option("--csv", "as_csv", is_flag=True, help="Print the table as CSV (UTF-8 with BOM, for Excel).")
def compare_cmd(measure: str, documents: tuple[str, ...], as_csv: bool) -> None:
    """Compare one measure across documents (ids from budgetqa documents), e.g.

    \b
    budgetqa compare 三公经费 --document ID --document ID

    Each line: id, body, year and kind, the value in 万元, the figure taken and where the
    document prints it. A document that does not give the figure is listed with why, never as 0.
    """
    settings = _settings()
    if not settings.database_url and not settings.db_path.exists():
        click.echo(f"错误: {settings.home} 里还没有数据，请先运行 budgetqa ingest", err=True)
        sys.exit(1)
    try:
        c = _open(with_index=False).compare(measure, list(documents))
    except BudgetQAError as e:
        _fail(e)
    if as_csv:
        click.echo(c.to_csv(), nl=False)
        return
    from .compare import plain

    for r in c.rows:
        head = f"{r.document}\t{r.body}\t{r.year}年{r.kind}\t"
        if r.value is None:
            click.echo(head + f"没有给出（{r.note}）")
            continue
        s = r.source
        where = " | ".join(x for x in (s.table, s.row, s.column, s.page and f"第{s.page}页",
                                       s.line and f"第{s.line}行") if x)
        click.echo(head + f"{plain(r.value)} 万元\t{r.figure}\t[{where}]")


@main.command("eval")
@click.option("--questions", type=click.Path(exists=True, path_type=Path),
              default=Path("eval/questions.jsonl"), show_default=True)
@click.option("--report", type=click.Path(path_type=Path), default=Path("eval/report.json"),
              show_default=True, help="Where to write the full report (JSON).")
def eval_cmd(questions: Path, report: Path) -> None:
    """Grade the answers to an evaluation set: accuracy by category, wrong figures, latency."""
    from .evaluation import asker, format_report, load_questions, run_eval

    try:
        qa = _open()
        qa.ensure_corpus(_progress)
        items = load_questions(questions)
    except BudgetQAError as e:
        _fail(e)

    ask = asker(qa)
    for item in items[:3]:  # warm-up, not timed
        ask(item)
    result = run_eval(items, ask)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    click.echo(format_report(result))
    click.echo(f"\nreport: {report}")


@main.command("serve")
@click.option("--host", default=None, help="Bind address (default from settings: 127.0.0.1).")
@click.option("--port", default=None, type=click.IntRange(1, 65535), help="Port (default 7860).")
@click.option("--allow-origin", "allow_origins", multiple=True, metavar="URL",
              help="Also allow this site to embed the widget, e.g. https://www.example.gov.cn "
                   "(repeatable; adds to BUDGETQA_ALLOWED_ORIGINS).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes on the one port, for a machine with more cores. The corpus "
                   "is ingested once before they start; each keeps its own rate limit, so a "
                   "client may ask up to N x BUDGETQA_RATE_LIMIT_PER_MINUTE per minute. With N > 1 "
                   "only the API, the widget and /docs are served, not the chat page.")
def serve_cmd(host: str | None, port: int | None, allow_origins: tuple[str, ...], workers: int) -> None:
    """Start the chat app, the HTTP API and the widget on one server."""
    try:
        from .server import run
    except ImportError as e:
        click.echo(f"错误: 缺少网页依赖，请运行 pip install 'budgetqa[app]' ({e})", err=True)
        sys.exit(4)
    settings = _serve_settings(host, port, allow_origins)
    try:
        run(settings, settings.host, settings.port, workers)
    except BudgetQAError as e:  # e.g. the store's server, the embedding model or the Chroma server
        _fail(e)


def _serve_settings(host: str | None, port: int | None, allow_origins: tuple[str, ...]) -> Settings:
    settings = _settings()
    changes: dict = {k: v for k, v in (("host", host), ("port", port)) if v}
    extra = []
    for origin in allow_origins:  # checked like the environment: one line, exit code 2
        try:
            extra.append(normalize_origin(origin))
        except ValueError as e:
            _fail(SettingsError(f"--allow-origin 的值“{origin}”无效：{e}。例如 --allow-origin https://www.example.gov.cn"))
    if extra:
        changes["allowed_origins"] = settings.allowed_origins + [o for o in extra if o not in settings.allowed_origins]
    return settings.model_copy(update=changes)


if __name__ == "__main__":  # pragma: no cover
    main()
