"""The workspace in a real browser: Debian's chromium driven by Playwright, on the test archive.

Never skipped: a missing browser is a failure that names the install step
(`make browser-deps`: apt-get install chromium fonts-noto-cjk).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
import uuid
from pathlib import Path

import pytest

from ingest.settings import Settings, WebSettings
from ingest.web.app import create_app
from ingest.web.backend import Backend
from ingest.store.es.elastic import Elastic
from tests import ROOT, web_corpus

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = ROOT / "docs" / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="package")
def archive(es, tmp_path_factory):
    data = tmp_path_factory.mktemp("browser")
    cfg = Settings.from_env().replace(index_prefix=f"t{uuid.uuid4().hex[:8]}-", data_dir=data)
    try:
        yield cfg, web_corpus.build(cfg)
    finally:
        es.indices.delete(index=f"{cfg.index_prefix}*", ignore_unavailable=True, allow_no_indices=True)
        es.options(ignore_status=404).indices.delete_index_template(name=f"{cfg.index_prefix}*")


@pytest.fixture(scope="package")
def base_url(es, archive):
    """The workspace served by uvicorn on a free loopback port, for the browser tests."""
    import uvicorn

    cfg, _ = archive
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(Backend(Elastic(es, cfg.es), cfg.store), WebSettings()), host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("the workspace did not start", pytrace=False)
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


# Package scope, not session: while sync_playwright is open an event loop runs on the main
# thread, and the tests after these (the web app through httpx, the bench) call asyncio.run.
@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no chromium at {CHROMIUM}: run `make browser-deps` (apt-get install chromium fonts-noto-cjk)",
                    pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()


class Watch:
    """What a page did that it must not: dialogs, requests to another host, CSP violations, page errors."""

    def __init__(self, page, origin: str) -> None:
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.origin = origin
        page.on("dialog", self._dialog)
        page.on("request", self._request)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request) -> None:
        if not request.url.startswith((self.origin, "data:", "blob:", "about:")):
            self.foreign.append(request.url)


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB", accept_downloads=True)
    # CSP violations are recorded from the first script on (an init script runs before the page's own)
    context.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                            " e => window.__csp.push([e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber,"
                            " e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 120) : ''].join(' ')));")
    # nothing may leave 127.0.0.1: any other host is refused at the network layer (and recorded by Watch)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base_url)
                  else route.abort())
    page = context.new_page()
    page.watch = Watch(page, base_url)
    yield page
    context.close()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
