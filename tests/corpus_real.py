"""The real disclosures in ``../shared/corpus-real`` and the figures people read off their pages
(``tests/data/corpus_real_figures_*.json``, written from the PDFs by readers who never saw the
parser), with the rule that finds such a figure in a parsed document.

A figure is found only in the table of its kind, on its page, in the row with its code (or its
label, and side), in the column its header names: never by searching for the value.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from budgetqa.model import ParsedDocument, Row, Table, convert
from budgetqa.parsing.lines import name_key
from budgetqa.parsing.vocabulary import VOCABULARY, squeeze

ROOT = Path(__file__).resolve().parents[1]
CORPUS_REAL = (ROOT.parent / "shared" / "corpus-real").resolve()
FIGURE_FILES = sorted((ROOT / "tests" / "data").glob("corpus_real_figures_*.json"))

TABLE_KINDS = {
    "收支总表": "summary", "收入总表": "income", "支出总表": "expense",
    "财政拨款收支总表": "fiscal_summary", "一般公共预算支出表": "gp_expense",
    "一般公共预算基本支出表": "gp_basic_economic", "政府性基金预算支出表": "fund_expense",
    "国有资本经营预算支出表": "soe", "三公经费表": "three_public",
    "机关运行经费表": "office_running", "项目支出表": "project", "政府采购表": "gov_purchase",
}


def documents() -> list[dict]:
    """Every document entry of every figures file."""
    return [d for f in FIGURE_FILES for d in json.loads(f.read_text("utf-8"))["documents"]]


def manifest() -> list[dict[str, str]]:
    lines = (CORPUS_REAL / "MANIFEST.tsv").read_text("utf-8").splitlines()
    head = lines[0].split("\t")
    return [dict(zip(head, ln.split("\t"))) for ln in lines[1:] if ln.strip()]


def expected_body(entry: dict[str, str]) -> dict[str, str]:
    """What the manifest says a body's name shows: the province only when the name prints it
    (福州市… does not print 福建), the city ('-' for a province's own body), the level (省级 for a
    province's body, 区县级 for a district's, else 市级), and the name without its places."""
    body = re.sub(r"[（(].*?[）)]$", "", entry["body"])
    province = entry["province"] if entry["province"] in body else ""
    city = "" if entry["city"] == "-" else entry["city"]
    level = "省级" if entry["level"].startswith("province (") else \
        "区县级" if entry["level"].startswith("district") else "市级"
    bare = body.replace("中共", "")
    for place in (f"{entry['province']}省", f"{city}市"):
        bare = bare.replace(place, "") if len(place) > 1 else bare
    return {"body": body, "province": province, "city": city, "level": level, "without_places": bare.lstrip("委")}


def check_body(name: str, entry: dict[str, str]) -> None:
    """``name`` (a body's name as printed or detected) shows what the manifest says of ``entry``:
    its body, province, city and level, and among its aliases the name without its places."""
    from budgetqa.parsing.bodies import describe_body

    want = expected_body(entry)
    b = describe_body(name)
    assert (b.body, b.province, b.city, b.level) == (want["body"], want["province"], want["city"], want["level"])
    assert b.aliases[0] == name and want["body"] in b.aliases and want["without_places"] in b.aliases
    assert want["without_places"].endswith(b.own)


def _label_key(text: str) -> str:
    t = squeeze(text)
    t = re.sub(r"^\[?\d{3,9}\]?[-－—_]?", "", t)  # "2014001-行政运行" names 行政运行
    t = re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、])", "", t)
    return name_key(t)


def _column_name(fig: dict) -> str:
    path = fig.get("header_path") or [fig["column"]]
    if isinstance(path, str):
        path = re.split(r"\s*[>/]\s*", path)
    return VOCABULARY.column(path)[1]


def find(doc: ParsedDocument, fig: dict) -> tuple[Decimal | None, str]:
    """(value in the figure's unit, where it was found) or (None, why not)."""
    kind = TABLE_KINDS[fig["table"]]
    tables = [t for t in doc.tables if t.kind == kind]
    if not tables:
        return None, f"no {kind} table"
    if kind == "three_public":
        # Items printed as columns over a 合计 row ('合计' row, '公务接待费' column) are read
        # as one row per item: the figure is that item's row.
        by_column = VOCABULARY.item(fig["column"])
        by_row = VOCABULARY.item(fig["row"])
        if by_column is not None and by_column.name != "合计" and (by_row is None or by_row.name == "合计"):
            fig = {**fig, "row": by_column.name, "column": "合计", "header_path": None}
        elif any(VOCABULARY.item(p) for p in (fig.get("header_path") or [])):
            # the header path names the item (its row), the column is the measure (预算数/决算数)
            fig = {**fig, "header_path": None}
    want = _column_name(fig)
    label = fig["row"]
    item = VOCABULARY.item(label) if kind == "three_public" else None
    for table in tables:
        for row in table.rows:
            if row.page != fig["page"]:
                continue
            if fig.get("side") and row.side and row.side != fig["side"]:
                continue
            if fig.get("code"):
                if row.code != fig["code"]:
                    continue
            elif not _same_label(row, label, item):
                continue
            value = _value(table, row, want, fig, item)
            if value is not None:
                return convert(value, table.unit, fig["unit"]), f"{table.title} p{row.page} {row.label}"
    return None, f"no row {label!r}/{fig.get('code')} with column {want!r} on p{fig['page']}"


def _same_label(row: Row, label: str, item) -> bool:
    if item is not None and row.label == item.name:
        return True
    return _label_key(row.label) == _label_key(label) or (
        row.label2 is not None and _label_key(row.label2) == _label_key(label))


def _value(table: Table, row: Row, want: str, fig: dict, item) -> Decimal | None:
    """The row's value in the figure's column; a row with one amount has no other column, so
    a generic header ('预算数', '金额', '2026年预算数') names it."""
    if want in row.values:
        return row.values[want]
    generic = VOCABULARY.generic_column.match(squeeze(fig["column"])) or item is not None
    if len(row.values) == 1 and generic:
        return next(iter(row.values.values()))
    if generic and "预算数" in row.values:  # this year's beside last year's (上年预算数)
        return row.values["预算数"]
    return None
