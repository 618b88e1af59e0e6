"""The chat's 对比 tab end to end in headless Chromium, under the page's CSP: pick documents by
typing in the list, name a measure, see the table, the Plotly chart and the documents that do
not give the figure, and download the CSV; a measure written as HTML stays text.

Uses tests/test_browser.py's browser and page; importing it applies its rule: without the
`playwright` package or /usr/bin/chromium these tests skip, except under CI (env CI set), where
that is a failure (tests/test_browser_policy.py checks both files)."""

from __future__ import annotations

import csv
import dataclasses
import io
import threading
import time
from contextlib import contextmanager
from decimal import Decimal as D

import pytest

from builders import sample_health_commission_2024, sample_transport_bureau_2022, write_disclosure
from test_browser import SHOTS, browser, free_port, page  # noqa: F401  (fixtures; skips or fails first)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

H24, H25, T22 = ("yunxi-health-commission-2024-budget", "yunxi-health-commission-2025-budget",
                 "qinghe-transport-bureau-2022-budget")
# The list's labels: body, year, kind and the short names the body's name does not contain.
QINGHE22 = "青禾县交通运输局 2022年预算（简称：县交通局、青禾交通局）"
YUNXI24, YUNXI25 = ("云溪市卫生健康委员会 2024年预算（简称：市卫健委、云溪卫健委）", "云溪市卫生健康委员会 2025年预算（简称：市卫健委、云溪卫健委）")
XSS = "<img src=x onerror=alert(1)>三公经费"
# Every CSP refusal the page meets (an eval, an inline script, a remote file), as the browser reports it.
WATCH_CSP = ("window.__csp = []; document.addEventListener('securitypolicyviolation',"
             " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));")


def open_qa(home, docs):
    """A service over these documents built from the template (no search index: the 对比 tab
    does not need one)."""
    from budgetqa.service import BudgetQA
    from budgetqa.settings import Settings

    qa = BudgetQA.open(Settings(home=home / "home", rate_limit_per_minute=1000), with_index=False)
    qa.ingest([write_disclosure(home / "in", d) for d in docs])
    return qa


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The server with its chat over three documents."""
    health = sample_health_commission_2024()
    docs = (health, dataclasses.replace(health, year=2025, office_running=D("76.44")), sample_transport_bureau_2022())
    with serving(open_qa(tmp_path_factory.mktemp("compare-site"), docs)) as url:
        yield url


@contextmanager
def serving(qa):
    """The real server over ``qa`` on a free port, in a thread, while within."""
    import uvicorn

    from budgetqa.server import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(qa.settings, qa), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started:
        assert time.time() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def open_tab(page, server):
    page.add_init_script(WATCH_CSP)
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    response = page.goto(server + "/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self' 'nonce-" in csp and "unsafe-eval" not in csp
    page.get_by_role("tab", name="对比").click()
    return page.locator("#bqa-compare-documents input")


def pick(page, box, typed: str, option: str):
    """Type into the document list and choose the one option the typing leaves."""
    box.click()
    box.fill(typed)
    options = page.get_by_role("option")
    options.first.wait_for()
    assert options.all_inner_texts() == [option]  # the list filters as one types
    page.get_by_role("option", name=option).click()


def wait_for_text(page, selector: str, text: str):
    page.wait_for_function("([s, t]) => { const e = document.querySelector(s); return e && e.innerText.includes(t); }",
                           arg=[selector, text], timeout=20_000)


def test_compare_documents_table_chart_missing_and_csv(page, server):
    box = open_tab(page, server)
    pick(page, box, "青禾", QINGHE22)
    pick(page, box, "2025", YUNXI25)
    pick(page, box, "云溪市卫生健康委员会 2024", YUNXI24)
    page.locator("#bqa-compare-measure textarea, #bqa-compare-measure input").first.fill("农村公路养护补助")
    page.locator("#bqa-compare-go").click()

    wait_for_text(page, "#bqa-compare-table", "520.00")
    table = page.locator("#bqa-compare-table").inner_text()
    assert "青禾县交通运输局2022年预算" in table and "第407行" in table and "云溪" not in table
    notes = page.locator("#bqa-compare-notes").inner_text()
    assert "没有给出这个数字的文档（未画入图中）" in notes
    assert "云溪市卫生健康委员会2025年预算：公开文件中没有找到与这个问题相关的内容。" in notes
    chart = page.locator("#bqa-compare-chart .js-plotly-plot")
    chart.wait_for(timeout=20_000)
    assert chart.locator(".bars path").count() == 1  # the two missing figures are not bars of 0
    assert chart.locator(".ytick text").all_text_contents() == ["青禾县交通运输局2022年预算"]

    link = page.locator("#bqa-compare-csv")
    assert link.evaluate("e => e.tagName") == "A"
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "对比-农村公路养护补助.csv"
    data = open(download.value.path(), "rb").read()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert [(r[0], r[5], r[-1]) for r in rows[1:]] == [
        (T22, "520.00", ""), (H25, "", "公开文件中没有找到与这个问题相关的内容。"),
        (H24, "", "公开文件中没有找到与这个问题相关的内容。")]

    page.locator(".bqa-measure", has_text="机关运行经费").click()  # an example measure: compared at once
    wait_for_text(page, "#bqa-compare-table", "76.44")
    page.wait_for_function("() => document.querySelectorAll('#bqa-compare-chart .bars path').length === 3",
                           timeout=20_000)
    assert "3 个文档给出了数字" in page.locator("#bqa-compare-notes").inner_text()
    page.screenshot(path=str(SHOTS / "compare.png"), full_page=True)
    assert page.evaluate("window.__csp") == [] and page.csp_errors == [] and page.errors == []


def test_compare_shows_a_measure_written_as_html_as_text(page, server):
    box = open_tab(page, server)
    pick(page, box, "青禾", QINGHE22)
    pick(page, box, "2024", YUNXI24)
    page.locator("#bqa-compare-measure textarea, #bqa-compare-measure input").first.fill(XSS)
    page.locator("#bqa-compare-go").click()
    wait_for_text(page, "#bqa-compare-notes", "<img src=x onerror=alert(1)>")
    page.wait_for_timeout(500)  # let the chart draw, if any
    assert page.locator("img[src='x']").count() == 0 and page.dialogs == []
    assert page.evaluate("window.__csp") == [] and page.errors == []


def test_compare_with_one_document_says_to_pick_two(page, server):
    box = open_tab(page, server)
    pick(page, box, "青禾", QINGHE22)
    page.locator("#bqa-compare-measure textarea, #bqa-compare-measure input").first.fill("三公经费")
    page.locator("#bqa-compare-go").click()
    wait_for_text(page, "#bqa-compare-notes", "请至少选 2 个不同的文档来对比（收到 1 个）")
    assert not page.locator("#bqa-compare-csv").is_visible()


def test_a_document_ingested_while_the_server_runs_is_listed_once_the_page_loads_again(page, tmp_path):
    qa = open_qa(tmp_path, [sample_health_commission_2024()])
    with serving(qa) as url:
        box = open_tab(page, url)
        box.click()
        box.fill("青禾")
        page.wait_for_timeout(300)
        assert page.get_by_role("option").count() == 0  # not in the store yet

        qa.ingest([write_disclosure(tmp_path / "later", sample_transport_bureau_2022())])
        box = open_tab(page, url)  # the page loaded again
        pick(page, box, "青禾", QINGHE22)
        pick(page, box, "2024", YUNXI24)
        page.locator("#bqa-compare-measure textarea, #bqa-compare-measure input").first.fill("机关运行经费")
        page.locator("#bqa-compare-go").click()
        wait_for_text(page, "#bqa-compare-table", "29.80")
        assert "86.44" in page.locator("#bqa-compare-table").inner_text()
        assert page.evaluate("window.__csp") == [] and page.errors == []


def test_a_document_ingested_while_the_page_is_open_is_offered_when_the_list_is_opened(page, tmp_path):
    qa = open_qa(tmp_path, [sample_health_commission_2024()])
    with serving(qa) as url:
        box = open_tab(page, url)
        qa.ingest([write_disclosure(tmp_path / "later", sample_transport_bureau_2022())])
        box.click()  # opening the list reads the store again: no reload
        box.fill("青禾")
        options = page.get_by_role("option")
        options.first.wait_for(timeout=20_000)
        assert options.all_inner_texts() == [QINGHE22]
        page.get_by_role("option", name=QINGHE22).click()
        pick(page, box, "2024", YUNXI24)
        page.locator("#bqa-compare-measure textarea, #bqa-compare-measure input").first.fill("机关运行经费")
        page.locator("#bqa-compare-go").click()
        wait_for_text(page, "#bqa-compare-table", "29.80")
        assert page.evaluate("window.__csp") == [] and page.errors == []


def test_typing_a_short_name_finds_the_body(page, server):
    """卫健委 is how people write 卫生健康委员会: typing it (or 市卫健委, 交通局) filters the list to
    those bodies, though their names print it in full."""
    box = open_tab(page, server)
    for typed, shown in (("卫健委", [YUNXI24, YUNXI25]), ("市卫健委", [YUNXI24, YUNXI25]), ("交通局", [QINGHE22])):
        box.click()
        box.fill(typed)
        options = page.get_by_role("option")
        options.first.wait_for()
        assert options.all_inner_texts() == shown, typed
    box.fill("卫健委")
    page.get_by_role("option", name=YUNXI25).click()
    pick(page, box, "交通局", QINGHE22)
    page.locator("#bqa-compare-measure textarea, #bqa-compare-measure input").first.fill("机关运行经费")
    page.locator("#bqa-compare-go").click()
    wait_for_text(page, "#bqa-compare-table", "76.44")
    assert "29.80" in page.locator("#bqa-compare-table").inner_text()
