"""End to end in headless Chromium: the Gradio chat under its CSP, the embedded widget on another
origin (also under a strict host CSP), a narrow screen, an injection attempt, a page on an origin
the allow-list refuses, a server that is down, and the widget's keyboard and screen-reader use.

Needs the `playwright` package and a system Chromium at /usr/bin/chromium (apt: chromium). Where
either is missing the tests skip, except under CI (env CI set), where that is a failure."""

from __future__ import annotations

import functools
import http.server
import os
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("BUDGETQA_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(os.environ.get("BUDGETQA_SCREENSHOTS", "/tmp/budgetqa-screenshots"))
XSS = "<img src=x onerror=alert(1)>智慧教育平台项目预算多少"


def _missing() -> str | None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


# Checked before any fixture runs: locally a missing browser skips the module; under CI (env CI
# set) it is an error, never a silent skip.
if (_reason := _missing()) is not None:
    if os.environ.get("CI"):
        pytest.fail(f"{_reason} (CI is set: browser tests must run)", pytrace=False)
    pytest.skip(_reason, allow_module_level=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def sites(seed_qa, tmp_path_factory):
    """The budgetqa server, and a static host site on another port serving examples/embed.html."""
    import uvicorn

    from budgetqa.server import create_app

    api_port, site_port = free_port(), free_port()
    api = f"http://127.0.0.1:{api_port}"
    site = f"http://127.0.0.1:{site_port}"
    refused = f"http://localhost:{site_port}"  # same files, but an origin not in the allow-list

    docroot = tmp_path_factory.mktemp("site")
    embed = (ROOT / "examples" / "embed.html").read_text(encoding="utf-8")
    (docroot / "embed.html").write_text(embed.replace("http://127.0.0.1:7860", api), encoding="utf-8")
    for name, page in host_pages(api).items():
        (docroot / name).write_text(page, encoding="utf-8")
    handler = functools.partial(QuietHandler, directory=str(docroot))
    static = http.server.ThreadingHTTPServer(("127.0.0.1", site_port), handler)
    threading.Thread(target=static.serve_forever, daemon=True).start()

    settings = seed_qa.settings.model_copy(update={"allowed_origins": [site], "rate_limit_per_minute": 1000})
    server = uvicorn.Server(uvicorn.Config(create_app(settings, seed_qa), host="127.0.0.1", port=api_port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started:
        assert time.time() < deadline, "server did not start"
        time.sleep(0.05)
    yield {"api": api, "site": site, "refused": refused}
    server.should_exit = True
    thread.join(10)
    static.shutdown()


def host_pages(api: str) -> dict[str, str]:
    """Host pages: a strict CSP (as a careful government site has), and data-open variants."""
    def page(script: str, head: str = "") -> str:
        return (f"<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">{head}"
                f"<title>host</title></head><body><h1>主页</h1><a href=\"#\" id=\"before\">链接</a>{script}</body></html>")

    strict = (f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
              f"script-src {api}; connect-src {api}; style-src 'self'\">")
    return {
        "csp.html": page(f'<script src="{api}/widget.js" data-title="预算问答"></script>', strict),
        "open-empty.html": page(f'<script src="{api}/widget.js" data-open=""></script>'),
        "open-true.html": page(f'<script src="{api}/widget.js" data-open="true"></script>'),
    }


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        yield b
        b.close()


@contextmanager
def phone_or_window(browser, width: int, height: int, **device):
    """A page in a fresh browser context of that viewport, closed afterwards."""
    context = browser.new_context(viewport={"width": width, "height": height}, **device)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.csp_errors = []
    pg.on("console", lambda m: pg.csp_errors.append(m.text)
          if m.type == "error" and "Content Security Policy" in m.text else None)
    yield pg
    context.close()


def widget_ask(page, question: str, n: int):
    """Type a question into the widget and wait for the n-th bot answer (welcome is 0)."""
    w = page.locator("[data-budgetqa-widget]")
    w.locator("input").fill(question)
    w.locator("button.send").click()
    answer = w.locator(".msg.bot, .msg.err").nth(n)
    answer.locator("xpath=.").wait_for()
    page.wait_for_function(
        "([n]) => { const r = document.querySelector('[data-budgetqa-widget]').shadowRoot;"
        " const m = r.querySelectorAll('.msg.bot, .msg.err')[n]; return m && m.textContent !== '…'; }",
        arg=[n], timeout=20_000)
    return answer


# ---------------------------------------------------------------- the Gradio chat


def test_chat_answers_with_figure_and_source(page, sites):
    page.goto(sites["api"] + "/")
    page.locator("#bqa-question textarea").fill("智慧教育平台项目预算多少")
    page.locator("#bqa-send").click()
    bot = page.locator("#bqa-chat .message.bot, #bqa-chat [data-testid='bot']").last
    bot.get_by_text("1,000.00万元").first.wait_for(timeout=20_000)
    assert bot.locator("strong", has_text="1,000.00万元").count() >= 1  # figures in bold
    bot.locator("summary", has_text="来源").first.click()
    sources = bot.locator("details").first
    assert "2023年项目支出预算表（本年预算）" in sources.inner_text()
    assert "第455行" in sources.inner_text()
    page.screenshot(path=str(SHOTS / "chat.png"), full_page=True)


def test_chat_example_button_and_injection_is_text(page, sites):
    page.goto(sites["api"] + "/")
    page.locator(".bqa-example", has_text="哪个项目钱最多").click()
    page.locator("#bqa-chat").get_by_text("5,000.00万元").first.wait_for(timeout=20_000)
    page.locator("#bqa-question textarea").fill(XSS)
    page.locator("#bqa-send").click()
    page.locator("#bqa-chat").get_by_text("<img src=x onerror=alert(1)>").first.wait_for(timeout=20_000)
    assert page.locator("#bqa-chat img[src='x']").count() == 0
    assert page.dialogs == []


def test_structure_tab_shows_charts(page, sites):
    page.goto(sites["api"] + "/")
    page.get_by_role("tab", name="预算结构").click()
    charts = page.locator("#bqa-structure")
    charts.get_by_text("科学技术支出").first.wait_for(timeout=10_000)
    text = charts.inner_text()
    assert "11,259.20" in text and "基本支出" in text and "政府投资信息化项目专项资金" in text
    page.screenshot(path=str(SHOTS / "structure.png"), full_page=True)


def test_audit_tab_lists_findings_by_severity_and_shows_the_checks_that_hold(page, sites):
    page.goto(sites["api"] + "/")
    page.get_by_role("tab", name="审核").click()
    findings = page.locator("#bqa-audit")
    findings.get_by_text("尾差（").first.wait_for(timeout=10_000)
    text = findings.inner_text()
    assert "没有发现错误" in text and "subject_tree" in text and "第161、162、163行" in text
    assert "projects_total" in text and "form_amount" not in text  # the checks that hold: headline ones only
    page.get_by_label("也列出通过的检查").check()
    page.wait_for_function("() => document.querySelector('#bqa-audit').innerText.includes('form_amount')",
                           timeout=10_000)
    assert page.csp_errors == []


# ---------------------------------------------------------------- the widget


def test_widget_two_questions_with_sources_and_history(page, sites):
    bodies = []
    page.on("request", lambda r: bodies.append(r.post_data_json) if r.url.endswith("/api/ask") else None)
    page.goto(sites["site"] + "/embed.html")
    w = page.locator("[data-budgetqa-widget]")
    w.locator(".launcher").click()
    assert w.locator(".panel.open").is_visible()
    first = widget_ask(page, "智慧教育平台项目预算多少", 1)
    assert "1,000.00万元" in first.text_content()
    first.locator("summary").click()
    assert "第455行" in first.locator("details").inner_text()
    second = widget_ask(page, "哪个项目钱最多", 2)
    assert "政府投资信息化项目专项资金" in second.text_content()
    assert "第448行" in second.locator("details").text_content()
    assert bodies == [{"question": "智慧教育平台项目预算多少", "history": []},
                      {"question": "哪个项目钱最多", "history": ["智慧教育平台项目预算多少"]}]
    # The host page's `div { color: red; font-size: 30px }` does not reach into the widget.
    assert w.locator(".msg.bot").first.evaluate("e => getComputedStyle(e).fontSize") == "14px"
    page.screenshot(path=str(SHOTS / "widget.png"))


def test_widget_full_width_on_a_phone(browser, sites):
    with phone_or_window(browser, 375, 740, is_mobile=True, has_touch=True) as page:
        page.goto(sites["site"] + "/embed.html")
        w = page.locator("[data-budgetqa-widget]")
        w.locator(".launcher").click()
        box = w.locator(".panel").bounding_box()
        assert box["x"] == 0 and box["width"] == 375
        answer = widget_ask(page, "三公经费有吗", 1)
        assert "没有这项预算" in answer.text_content()
        page.screenshot(path=str(SHOTS / "widget-375.png"))


def test_widget_shows_injection_as_text(page, sites):
    page.goto(sites["site"] + "/embed.html")
    w = page.locator("[data-budgetqa-widget]")
    w.locator(".launcher").click()
    widget_ask(page, XSS, 1)
    assert w.locator(".msg.user").first.text_content() == XSS
    assert page.evaluate(
        "document.querySelector('[data-budgetqa-widget]').shadowRoot.querySelectorAll('img').length") == 0
    assert page.locator("img").count() == 0
    assert page.dialogs == []


def test_origin_not_in_allow_list_is_refused(page, sites):
    page.goto(sites["refused"] + "/embed.html")
    w = page.locator("[data-budgetqa-widget]")
    w.locator(".launcher").click()
    refused = widget_ask(page, "智慧教育平台项目预算多少", 1)
    assert refused.text_content() == "此网站未被允许使用问答服务，请联系管理员"
    outcome = page.evaluate(
        """(api) => fetch(api + '/api/ask', {method: 'POST', headers: {'Content-Type': 'application/json'},
               body: JSON.stringify({question: '三公经费有吗'})}).then(() => 'answered', () => 'blocked')""",
        sites["api"])
    assert outcome == "blocked"


# ---------------------------------------------------------------- issue 12: CSP, keyboard, names


def test_chat_works_under_its_csp_with_chinese_accessible_names(page, sites):
    response = page.goto(sites["api"] + "/")
    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]
    box = page.get_by_role("textbox", name="输入你的问题")
    box.fill("智慧教育平台项目预算多少")
    page.locator("#bqa-send").click()
    page.locator("#bqa-chat").get_by_text("1,000.00万元").first.wait_for(timeout=20_000)
    answer = page.locator("#bqa-chat [aria-label^='回答：']").first
    answer.wait_for(timeout=5_000)
    page.wait_for_function("() => { const e = document.querySelector(\"#bqa-chat [aria-label^='回答：']\");"
                           " return e && e.getAttribute('aria-label').length > 10; }", timeout=5_000)
    label = answer.get_attribute("aria-label")
    assert label.startswith("回答：智慧教育平台项目2023年预算1,000.00万元") and "<" not in label
    assert page.locator("#bqa-chat [aria-label*=\"'s message\"]").count() == 0
    assert page.locator("[aria-label='Copy message'], [aria-label='Clear']").count() == 0
    assert page.locator("footer:visible").count() == 0
    page.get_by_role("tab", name="预算结构").click()
    page.locator("#bqa-structure").get_by_text("科学技术支出").first.wait_for(timeout=10_000)
    assert page.csp_errors == []


@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)])
def test_chat_examples_are_visible_without_scrolling(browser, sites, width, height):
    with phone_or_window(browser, width, height, is_mobile=width < 768) as page:
        page.goto(sites["api"] + "/")
        first = page.locator(".bqa-example").first
        first.wait_for()
        box = first.bounding_box()
        assert box["y"] + box["height"] <= height
        if width < 768:
            page.screenshot(path=str(SHOTS / "chat-390.png"))


def test_widget_under_a_strict_host_csp(page, sites):
    page.goto(sites["site"] + "/csp.html")
    w = page.locator("[data-budgetqa-widget]")
    w.locator(".launcher").click()
    answer = widget_ask(page, "智慧教育平台项目预算多少", 1)
    assert "1,000.00万元" in answer.text_content()
    assert w.locator(".msg.bot").first.evaluate("e => getComputedStyle(e).fontSize") == "14px"
    assert page.csp_errors == []


def test_widget_keyboard_and_screen_reader(page, sites):
    page.goto(sites["site"] + "/embed.html")
    w = page.locator("[data-budgetqa-widget]")
    launcher = w.get_by_role("button", name="打开预算问答")
    assert launcher.get_attribute("aria-expanded") == "false"
    assert w.locator(".launcher svg").count() == 1 and "💬" not in launcher.text_content()
    launcher.focus()
    page.keyboard.press("Enter")
    assert w.locator(".panel.open").is_visible()
    closer = w.get_by_role("button", name="关闭预算问答")
    assert closer.get_attribute("aria-expanded") == "true"
    assert w.get_by_role("textbox", name="你的问题").evaluate("e => e.getRootNode().activeElement === e")
    page.keyboard.press("Escape")
    assert not w.locator(".panel").is_visible()
    assert launcher.get_attribute("aria-expanded") == "false"
    assert launcher.evaluate("e => e.getRootNode().activeElement === e")  # focus back on the launcher
    launcher.click()
    w.locator("button.close").click()
    assert launcher.evaluate("e => e.getRootNode().activeElement === e")


@pytest.mark.parametrize("name, opened", [("open-empty.html", False), ("open-true.html", True)])
def test_widget_data_open_is_read_as_people_write_it(page, sites, name, opened):
    page.goto(sites["site"] + "/" + name)
    w = page.locator("[data-budgetqa-widget]")
    w.locator(".launcher").wait_for(state="attached")
    assert w.locator(".panel.open").count() == (1 if opened else 0)


def test_widget_at_390px(browser, sites):
    with phone_or_window(browser, 390, 844, is_mobile=True, has_touch=True) as page:
        page.goto(sites["site"] + "/embed.html")
        w = page.locator("[data-budgetqa-widget]")
        w.locator(".launcher").click()
        assert w.locator(".panel").bounding_box()["width"] == 390
        widget_ask(page, "智慧教育平台项目预算多少", 1)
        page.screenshot(path=str(SHOTS / "widget-390.png"))
