"""One measure across chosen documents (the 对比 view): a row per document with its value in 万元
and the figure's source, for a table, a chart and a CSV file.

Each document is asked through the single-document answerer the cross-document questions use
(:func:`budgetqa.answering.across._answer_each`). A document that does not give the figure has
no value (``None``, with a note saying why), never a zero.

    >>> c = compare(qa, "三公经费", ["yunxi-health-commission-2024-budget", "qinghe-transport-bureau-2022-budget"])
    >>> [(r.body, r.value) for r in c.rows]
    [('云溪市卫生健康委员会', Decimal('20.30')), ('青禾县交通运输局', Decimal('0'))]
    >>> c.to_csv()        # UTF-8 with a BOM, so that Excel reads the Chinese
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .answering.across import Member, _answer_each
from .errors import ParameterError
from .limits import UNREADABLE
from .model import Provenance, _number

MIN_DOCUMENTS = 2
MAX_DOCUMENTS = 50
MAX_MEASURE_CHARS = 50
UNIT = "万元"
# Measures the chat offers with one click: ones that every template prints under one name.
EXAMPLE_MEASURES = ("三公经费", "机关运行经费", "收入总计", "项目支出", "基本支出")

# What a measure may end with that only asks for it: 三公经费是多少？ is 三公经费.
ASKING = re.compile(r"(是多少|有多少|多少钱|多少|是|[？?。.！!\s])+$")
# A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR at its start).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
UNSAFE_IN_FILENAME = re.compile(r'[\\/:*?"<>|\s]+')
MAX_ID_CHARS = 200

CSV_HEADER = ("文档ID", "部门", "年度", "类型", "指标", "金额（万元）", "所取数字", "表", "行", "列", "页码", "行号", "说明")


@dataclass(frozen=True)
class Row:
    """One document's value of the measure: ``value`` in 万元, or ``None`` with a ``note``."""

    document: str
    body: str
    year: int
    kind: str  # 预算 or 决算
    value: Decimal | None
    figure: str = ""  # the figure's own label, as the answerer names it
    source: Provenance | None = None
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.body}{self.year}年{self.kind}"

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "body": self.body, "year": self.year, "kind": self.kind,
                "label": self.label, "value": None if self.value is None else _number(self.value),
                "unit": UNIT, "figure": self.figure or None,
                "source": None if self.source is None else self.source.to_dict(), "note": self.note or None}


@dataclass
class Comparison:
    """The measure asked of each document, in the order the documents were given."""

    measure: str
    rows: list[Row] = field(default_factory=list)

    @property
    def given(self) -> list[Row]:
        """The rows whose document gives the figure (what a chart may plot)."""
        return [r for r in self.rows if r.value is not None]

    @property
    def missing(self) -> list[Row]:
        return [r for r in self.rows if r.value is None]

    def to_dict(self) -> dict[str, Any]:
        return {"measure": self.measure, "unit": UNIT, "rows": [r.to_dict() for r in self.rows],
                "missing": [r.document for r in self.missing]}

    def to_csv(self) -> str:
        """A header row, then a row per document; a missing value is an empty cell with its
        note. Starts with a BOM so that Excel opens it as UTF-8."""
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(CSV_HEADER)
        for r in self.rows:
            s = r.source or Provenance(r.document)
            w.writerow([_cell(r.document), _cell(r.body), r.year, _cell(r.kind), _cell(self.measure),
                        "" if r.value is None else plain(r.value), _cell(r.figure), _cell(s.table or ""),
                        _cell(s.row or ""), _cell(s.column or ""), s.page or "", s.line or "", _cell(r.note)])
        return "\ufeff" + out.getvalue()

    def csv_filename(self) -> str:
        return "对比-" + UNSAFE_IN_FILENAME.sub("_", self.measure) + ".csv"


def plain(value: Decimal) -> str:
    """A 万元 amount as a spreadsheet reads it: at least two decimals, no thousands separator."""
    two = value.quantize(Decimal("0.01"))
    return f"{two:f}" if two == value else f"{value.normalize():f}"


def _cell(text: str) -> str:
    # Text from a document must not become a formula in Excel (CSV injection).
    return "'" + text if text.startswith(FORMULA_START) else text


def check_measure(measure: Any) -> str:
    """The measure as asked (its question words taken off), or :class:`ParameterError`."""
    if measure is None:
        raise ParameterError("缺少指标：请写要对比的指标，例如 三公经费 (measure is required)")
    if not isinstance(measure, str):
        raise ParameterError("指标必须是文字 (measure must be text)")
    if UNREADABLE.search(measure):
        raise ParameterError("指标里有无法识别的字符，请删掉后重新输入 (unreadable character)")
    m = ASKING.sub("", measure.strip())
    if not m:
        raise ParameterError("指标是空的：请写要对比的指标，例如 三公经费 (empty measure)")
    if len(m) > MAX_MEASURE_CHARS:
        raise ParameterError(f"指标太长（{len(m)} 字），最多 {MAX_MEASURE_CHARS} 字 (measure too long)")
    return m


def check_documents(qa, documents: Any) -> list[str]:
    """The document ids, each once, in the order given; :class:`ParameterError` for too few or
    too many, :class:`~budgetqa.errors.UnknownDocumentError` for one the store does not hold."""
    if documents is None:
        documents = []
    if isinstance(documents, str) or not isinstance(documents, (list, tuple)) or \
            not all(isinstance(d, str) for d in documents):
        raise ParameterError("document 必须是文档 ID 的列表 (documents must be a list of ids)")
    ids = list(dict.fromkeys(d.strip() for d in documents if d.strip()))
    if any(len(d) > MAX_ID_CHARS for d in ids):
        raise ParameterError(f"文档 ID 太长，最多 {MAX_ID_CHARS} 个字符 (document id too long)")
    if len(ids) > MAX_DOCUMENTS:
        raise ParameterError(f"文档太多（{len(ids)} 个），一次最多对比 {MAX_DOCUMENTS} 个")
    for d in ids:
        qa.answerer(d)  # UnknownDocumentError: 没有这个文档：…
    if len(ids) < MIN_DOCUMENTS:
        raise ParameterError(f"请至少选 {MIN_DOCUMENTS} 个不同的文档来对比（收到 {len(ids)} 个）")
    return ids


def compare(qa, measure: Any, documents: Any) -> Comparison:
    """``measure`` asked of each of ``documents`` (ids) by the single-document answerer."""
    m = check_measure(measure)
    ids = check_documents(qa, documents)
    return Comparison(m, [_row(qa, member) for member in _answer_each(qa, ids, m)])


def _row(qa, member: Member) -> Row:
    doc = qa.answerer(member.doc_id).doc
    base = {"document": member.doc_id, "body": doc.department, "year": doc.year, "kind": doc.kind}
    value, f, a = member.wan(), member.figure, member.answer
    if value is not None:
        return Row(**base, value=value, figure=f.label, source=f.source)
    if a is None:
        note = "回答这份文件时出错，没有取到数字"
    elif a.answerable and a.figures:
        g = a.figures[0]
        note = f"这份文件给出的不是金额：{g.label} {g.value}{g.unit}"
    else:
        note = _first_sentence(a.text) or "这份文件没有给出这个数字"
    return Row(**base, value=None, note=note)


def _first_sentence(text: str, limit: int = 80) -> str:
    s = re.split(r"(?<=[。！？])", text.strip(), maxsplit=1)[0]
    return s if len(s) <= limit else s[:limit - 1] + "…"
