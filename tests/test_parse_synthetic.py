"""The parser reads the *template*, not the seed: synthetic disclosures (tests/builders.py) for
other departments, years and projects, in three layouts, parse into exactly what the builder
printed. Every expected value comes from the builder's own data, never from the seed.

In the ``'spaces'`` layout a blank cell is only padding, so (as the builder's docstring says)
only non-blank cells are asserted there; ``'tab'`` and ``'pipes'`` also pin blank cells as None.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

import pytest

from budgetqa.audit import audit
from budgetqa.ingest import ingest
from budgetqa.parsing.document import parse_path, parse_text
from budgetqa.service import BudgetQA
from budgetqa.settings import Settings
from budgetqa.store import Store
from builders import (
    ECON_GROUPS,
    NO_DATA,
    THREE_PUBLIC_ITEMS,
    render,
    sample_health_commission_2024,
    sample_transport_bureau_2022,
    table_titles,
    write_disclosure,
)
from conftest import SEED

SAMPLES = {"health": sample_health_commission_2024, "transport": sample_transport_bureau_2022}

# (sample, layout, drop_optional_column, watermark)
CASES = [
    ("health", "tab", False, True),
    ("health", "pipes", True, True),
    ("health", "spaces", False, True),
    ("health", "spaces", True, False),
    ("transport", "tab", True, True),
    ("transport", "pipes", False, False),
    ("transport", "spaces", True, True),
]

STANDARD_KINDS = ["summary", "income", "expense", "fiscal_summary", "gp_expense", "gp_basic_economic",
                  "fund_income", "fund_expense", "soe", "three_public", "office_running", "project",
                  "project_carryover"]

D0 = Decimal(0)


@lru_cache(maxsize=None)
def _parsed(sample: str, layout: str, drop: bool, watermark: bool):
    d = SAMPLES[sample]()
    text = render(d, layout=layout, drop_optional_column=drop, watermark=watermark)
    return d, parse_text(text, f"{d.slug}-{d.year}-{layout}.txt")


@pytest.fixture(params=CASES, ids=lambda c: "-".join(str(x) for x in c))
def case(request):
    """(the builder's Disclosure, the ParsedDocument, the layout, the sample's key)."""
    sample, layout, drop, watermark = request.param
    d, doc = _parsed(sample, layout, drop, watermark)
    return d, doc, layout, sample


def pct(part: Decimal, whole: Decimal) -> Decimal:
    return (part * 100 / whole).quantize(Decimal("0.01"), ROUND_HALF_UP)


def rows(doc, kind):
    t = doc.table(kind)
    assert t is not None, f"no {kind} table"
    return t.rows


def by_code(doc, kind, code):
    hits = [r for r in rows(doc, kind) if r.code == code]
    assert len(hits) == 1, f"{kind}: {len(hits)} rows with code {code}"
    return hits[0]


def by_label(doc, kind, label, side=None):
    hits = [r for r in rows(doc, kind) if r.label == label and (side is None or r.side == side)]
    assert hits, f"{kind}: no row {label!r} (side {side})"
    return hits[0]


def check_cell(row, column, expected, layout):
    """A printed cell: exact when printed; a blank cell is None (not asserted in 'spaces')."""
    if expected is None:
        if layout != "spaces":
            assert row.values.get(column) is None, (row.label, row.code, column, row.values)
        return
    assert row.values.get(column) == expected, (row.label, row.code, column, row.values)


# ---------------------------------------------------------------- metadata and tables


def test_metadata(case):
    d, doc, _, _ = case
    assert doc.department == d.department
    assert doc.year == d.year
    assert (doc.kind, doc.scope) == ("预算", "部门")


def test_every_standard_table_is_recognised(case):
    d, doc, _, _ = case
    assert [t.kind for t in doc.tables] == STANDARD_KINDS
    assert all(t.unit == "万元" for t in doc.tables)
    titles = table_titles(d.year)
    assert doc.table("expense").title == titles["expenditure"]
    assert doc.table("project").title == titles["projects"]


@pytest.mark.parametrize("kind", ["expense", "gp_expense"])
def test_expense_totals_and_subject_rows(case, kind):
    d, doc, layout, _ = case
    total = by_label(doc, kind, "合计")
    assert total.values["合计"] == d.total
    assert total.values["基本支出"] == d.basic_total
    assert total.values["项目支出"] == d.project_total
    function_rows = d.function_rows()
    assert {r.code for r in rows(doc, kind) if r.code} == {r.code for r in function_rows}
    for fr in function_rows:
        r = by_code(doc, kind, fr.code)
        assert r.label == fr.name
        check_cell(r, "合计", fr.total, layout)
        check_cell(r, "基本支出", fr.basic, layout)
        check_cell(r, "项目支出", fr.project, layout)


def test_income_table_by_code(case):
    d, doc, layout, _ = case
    t = doc.table("income")
    assert "一般公共预算" in t.columns and "单位资金" in t.columns
    total = by_label(doc, "income", "合计")
    assert total.values["合计"] == total.values["一般公共预算"] == d.total
    for fr in d.function_rows():
        r = by_code(doc, "income", fr.code)
        check_cell(r, "合计", fr.total, layout)
        check_cell(r, "一般公共预算", fr.total, layout)
        check_cell(r, "单位资金", None, layout)


def test_summary_tables_two_sides(case):
    d, doc, layout, _ = case
    assert by_label(doc, "summary", "一、一般公共预算", side="收入").values["金额"] == d.total
    assert by_label(doc, "summary", "收入总计", side="收入").values["金额"] == d.total
    assert by_label(doc, "summary", "支出总计", side="支出").values["合计"] == d.total
    assert by_label(doc, "fiscal_summary", "收入总计", side="收入").values["金额"] == d.total
    expense_side = [r for r in rows(doc, "summary") if r.side == "支出"]
    fiscal_side = [r for r in rows(doc, "fiscal_summary") if r.side == "支出"]
    for cr in d.class_rows():
        row = next(r for r in expense_side if r.label.endswith("、" + cr.name))
        assert row.values["合计"] == cr.total, cr.name
        check_cell(row, "上年结转安排", None, layout)
        fiscal = next(r for r in fiscal_side if r.label.endswith("、" + cr.name))
        assert fiscal.values["小计"] == cr.total, cr.name


def test_economic_table_totals_and_ledger_pairs(case):
    d, doc, layout, sample = case
    total = by_label(doc, "gp_basic_economic", "合计")
    assert total.values["合计"] == d.basic_total
    assert total.values["人员经费"] == d.personnel_total
    assert total.values["公用经费"] == d.public_total
    for group in ECON_GROUPS:
        items = [e for e in d.econ_items if e.resolved_group == group]
        if items:
            head = by_label(doc, "gp_basic_economic", group)
            assert head.label2 is None
            assert head.values["合计"] == sum((e.total for e in items), D0)
    # every ledger item keeps each of its rows with its 政府经济科目, in order; an item printed
    # on two rows (机关 + 事业单位 government categories) keeps both rows
    names = [e.dept_name for e in d.econ_items]
    if sample == "health":  # its ledger prints items on two rows
        assert any(names.count(n) == 2 for n in names)
    for name in dict.fromkeys(names):
        parsed = [r for r in rows(doc, "gp_basic_economic") if r.label == name]
        expected = [e for e in d.econ_items if e.dept_name == name]
        assert [(r.label2, r.values["合计"]) for r in parsed] == [(e.gov_name, e.total) for e in expected]
        for r, e in zip(parsed, expected):
            check_cell(r, "人员经费", e.personnel, layout)
            check_cell(r, "公用经费", e.public, layout)


def test_three_public_table(case):
    d, doc, layout, _ = case
    t = doc.table("three_public")
    if d.three_public is None:
        assert t.empty and NO_DATA in (t.note or "")
        assert all(v is None for r in t.rows for v in r.values.values())
        section = next(s for s in doc.sections if s.title.startswith("七、"))
        assert "无“三公”经费" in section.text
    else:
        assert not t.empty
        for item in THREE_PUBLIC_ITEMS:
            r = by_label(doc, "three_public", item)
            assert r.values["合计"] == d.three_public[item], item
            assert r.values["一般公共预算"] == d.three_public[item], item
            check_cell(r, "政府性基金预算", None, layout)
        assert by_label(doc, "three_public", "合计").values["合计"] == d.three_public_total


def test_office_running(case):
    d, doc, _, _ = case
    assert not doc.table("office_running").empty
    assert by_label(doc, "office_running", "部门合计").values["合计"] == d.office_running
    assert by_label(doc, "office_running", d.department).values["一般公共预算"] == d.office_running


def test_empty_tables_are_marked(case):
    _, doc, _, _ = case
    for kind in ("fund_income", "fund_expense", "soe", "project_carryover"):
        t = doc.table(kind)
        assert t.empty and NO_DATA in (t.note or ""), kind


def test_every_project_with_its_amount(case):
    d, doc, layout, _ = case
    t = doc.table("project")
    assert {r.label: r.values["合计"] for r in t.rows} == {p.name: p.amount_wan for p in d.projects}
    for p in d.projects:
        r = by_label(doc, "project", p.name)
        check_cell(r, "一般公共预算", p.amount_wan, layout)
        check_cell(r, "政府性基金预算", None, layout)


# ---------------------------------------------------------------- forms


def test_forms_amounts_and_fields(case):
    d, doc, _, _ = case
    assert len(doc.forms) == len(d.forms)
    assert [f.project for f in doc.forms] == [p.name for p in d.forms]
    for p in d.forms:
        f = next(f for f in doc.forms if f.project == p.name)
        assert f.unit == "元"
        assert f.amounts["年度资金总额"] == p.amount_wan * 10000 == p.annual_yuan
        assert f.amounts["实施期资金总额"] == p.total_yuan
        expected = {"实施单位": p.unit_name, "项目属性": p.attribute,
                    "项目期": f"{p.period_years}年", "项目概况": p.overview, "立项依据": p.basis,
                    "经办人": p.handler, "联系电话": p.phone}
        for name, value in expected.items():
            if name in p.form_missing_fields:
                continue
            assert f.fields.get(name) == value, (p.name, name, f.fields.get(name))
        assert f.fields.get("主管部门") == f"{d.dept_code}-{d.department}"


def test_form_indicators(case):
    d, doc, _, _ = case
    for p in d.forms:
        f = next(f for f in doc.forms if f.project == p.name)
        got = {(i.period, i.level1, i.level2, i.level3, i.value) for i in f.indicators}
        for level1, level2, level3, value in p.indicators:
            for period in ("实施期", "年度"):
                assert (period, level1, level2, level3, value) in got, (p.name, period, level3)
        # the template's empty placeholder rows are not indicators
        assert all(i.level3 or i.value for i in f.indicators)


def test_project_without_form_is_listed_missing(case):
    d, doc, _, _ = case
    assert doc.missing_forms == [p.name for p in d.projects if not p.has_form]


def test_form_missing_fields_are_absent(case):
    d, doc, _, sample = case
    incomplete = [p for p in d.forms if p.form_missing_fields]
    if sample == "transport":  # one of its forms prints 立项依据 and 联系电话 blank
        assert incomplete
    for p in incomplete:
        f = next(f for f in doc.forms if f.project == p.name)
        for name in p.form_missing_fields:
            assert not f.fields.get(name), (p.name, name, f.fields.get(name))
        # the neighbours of a blank field keep their own values, none shifts into the gap
        present = {"项目概况": p.overview, "项目属性": p.attribute, "经办人": p.handler}
        for name, value in present.items():
            if name not in p.form_missing_fields:
                assert f.fields.get(name) == value, (p.name, name)


# ---------------------------------------------------------------- narrative, definitions, audit


def test_narrative_facts(case):
    d, doc, _, _ = case
    facts = {}
    for f in doc.facts:
        facts.setdefault((f.subject, f.measure), f.value)
    change = d.last_year_change
    assert facts[("预算收入总计", "金额")] == d.total
    assert facts[("预算收入总计", "比上年增减额")] == change
    signed_pct = d.change_percent if change >= 0 else -d.change_percent
    assert facts[("预算收入总计", "比上年增减%")] == signed_pct
    assert facts[("基本支出", "金额")] == d.basic_total
    assert facts[("基本支出", "占比")] == pct(d.basic_total, d.total)
    assert facts[("项目支出", "占比")] == pct(d.project_total, d.total)
    assert facts[("人员经费", "金额")] == d.personnel_total
    assert facts[("公用经费", "金额")] == d.public_total
    if d.three_public is not None:
        assert facts[("“三公”经费预算", "金额")] == d.three_public_total


def test_definitions(case):
    d, doc, _, _ = case
    assert [x.term for x in doc.definitions] == list(d.definitions)
    parsed = {x.term: x.text for x in doc.definitions}
    for term, text in d.definitions.items():
        assert parsed[term] == text, term


def test_sections(case):
    d, doc, _, _ = case
    titles = [s.title for s in doc.sections]
    assert "一、本部门职责" in titles and "七、“三公”经费增减变动原因说明" in titles
    duties = next(s for s in doc.sections if s.title == "一、本部门职责")
    assert all(duty in duties.text for duty in d.duties)
    office = next(s for s in doc.sections if s.title.startswith("八、"))
    assert office.text == d.office_running_reason


def test_audit_has_no_errors_and_exact_project_sum(case):
    d, doc, _, _ = case
    findings = audit(doc)
    errors = [f.message for f in findings if f.severity == "error"]
    assert errors == []
    projects = next(f for f in findings if f.check == "projects_total")
    assert projects.severity == "ok"
    assert projects.expected == projects.actual == d.project_total
    forms = [f for f in findings if f.check == "form_amount"]
    assert len(forms) == len(d.forms) and all(f.severity == "ok" for f in forms)


# ---------------------------------------------------------------- several documents side by side


@pytest.fixture
def three_documents(tmp_path, store_location):
    """The health commission (tab), the transport bureau (spaces, optional columns dropped) and
    the seed, ingested into one store (SQLite, then PostgreSQL)."""
    health, transport = sample_health_commission_2024(), sample_transport_bureau_2022()
    files = [write_disclosure(tmp_path / "corpus", health),
             write_disclosure(tmp_path / "corpus", transport, layout="spaces", drop_optional_column=True),
             SEED]
    store = Store(store_location)
    report = ingest(files, store)
    assert report.documents == 3 and report.unchanged == 0
    return store, files, health, transport


def test_store_lists_three_documents_side_by_side(three_documents):
    store, files, health, transport = three_documents
    seed = parse_path(SEED)
    docs = {d.id: (d.department, d.year) for d in store.documents()}
    assert docs == {files[0].stem: (health.department, health.year),
                    files[1].stem: (transport.department, transport.year),
                    SEED.stem: (seed.department, seed.year)}
    assert len({dept for dept, _ in docs.values()}) == 3
    for path, d in zip(files, (health, transport)):
        back = store.load(path.stem)
        assert {r.label: r.values["合计"] for r in back.table("project").rows} == \
            {p.name: p.amount_wan for p in d.projects}
        assert back.missing_forms == [p.name for p in d.projects if not p.has_form]
        assert store.counts(path.stem)["forms"] == len(d.forms)


def test_service_answers_from_the_right_document(three_documents, tmp_path):
    store, files, health, transport = three_documents
    qa = BudgetQA(Settings(home=tmp_path / "home"), store, None)
    # a project named without its department is found in its own document, with or without a form
    for path, d in zip(files, (health, transport)):
        for p in d.projects:
            a = qa.answer(f"{p.name}预算多少")
            assert a.answerable and a.document == path.stem, (p.name, a.document, a.text)
            assert (a.figures[0].value, a.figures[0].unit) == (p.amount_wan, "万元"), p.name
            assert a.figures[0].source.document == path.stem

    # a question naming the department is answered from that department's document
    b = qa.answer(f"{transport.department}的预算总额是多少")
    assert b.document == files[1].stem
    assert b.answerable and b.figures and b.figures[0].value == transport.total
