"""The workspace through httpx's ASGI transport, on the real server with the test archive (tests/web_corpus.py)."""

from __future__ import annotations

import asyncio
import base64
import csv
import io
import os
import socket
import subprocess
import sys
import threading
import uuid
from urllib.parse import quote

import httpx
import pytest

from ingest.settings import Settings, WebSettings
from ingest.web.app import create_app
from ingest.web.backend import Backend
from ingest.store.es.elastic import Elastic
from tests import web_corpus


@pytest.fixture(scope="module")
def archive(es, tmp_path_factory):
    data = tmp_path_factory.mktemp("web")
    cfg = Settings.from_env().replace(index_prefix=f"t{uuid.uuid4().hex[:8]}-", data_dir=data)
    try:
        yield cfg, web_corpus.build(cfg)
    finally:
        es.indices.delete(index=f"{cfg.index_prefix}*", ignore_unavailable=True, allow_no_indices=True)
        es.options(ignore_status=404).indices.delete_index_template(name=f"{cfg.index_prefix}*")


@pytest.fixture(scope="module")
def app(es, archive):
    cfg, _ = archive
    return create_app(Backend(Elastic(es, cfg.es), cfg.store), WebSettings())


def fetch(app, url: str, **kw) -> httpx.Response:
    async def go() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as client:
            return await client.get(url, **kw)
    return asyncio.run(go())


def elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every element of a page as a browser's tokenizer reads it: (tag, attributes)."""
    from html.parser import HTMLParser

    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect(convert_charrefs=True).feed(html)
    return found


# ---------------------------------------------------------------- search

def test_search_in_cyrillic_finds_three_languages_and_says_which_entity(app, archive):
    r = fetch(app, "/search?q=" + quote("Зиновьев"))
    assert r.status_code == 200
    assert "Зиновьев → Georgy Zinoviev" in r.text
    page = fetch(app, "/search?format=json&q=" + quote("Зиновьев")).json()
    assert {h["language"] for h in page["hits"]} == {"en", "ko", "ru"}
    assert page["notices"] == [{"words": "Зиновьев", "entity": "Georgy Zinoviev", "type": "person"}]
    assert ("Georgy Zinoviev" in [f["value"] for f in page["facets"]["person"]])
    assert page["histogram"] and page["total"] >= 6 and page["took"] >= 0
    assert "<mark>" in r.text  # highlights, built from escaped fragments


def test_facets_sort_and_pages_live_in_the_url(app):
    lang = fetch(app, "/search?format=json&q=Zinoviev&language=ru").json()
    assert lang["hits"] and {h["language"] for h in lang["hits"]} == {"ru"}
    by_date = fetch(app, "/search?format=json&q=Zinoviev&sort=date").json()["hits"]
    dates = [h["date"][:23] for h in by_date]  # the index keeps milliseconds
    assert dates == sorted(dates, reverse=True)
    html = fetch(app, "/search?q=Zinoviev&language=ru").text
    assert 'href="/search?q=Zinoviev&amp;language=ru&amp;person=Georgy+Zinoviev"' in html  # a facet link keeps the state
    assert 'href="/search?q=Zinoviev"' in html  # removing the chosen filter
    first = fetch(app, "/search?format=json&q=&sort=date").json()
    assert first["total"] >= 11
    assert fetch(app, "/search?format=json&q=&sort=date&page=2").json()["hits"] == []  # 20 a page


def test_export_streams_the_whole_result_as_csv_and_json(app):
    total = fetch(app, "/search?format=json&q=").json()["total"]
    r = fetch(app, "/export.csv?q=")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == total
    assert all(not row["title"].startswith(("=", "+", "@")) for row in rows)
    data = fetch(app, "/export.json?q=Zinoviev&language=ko").json()
    assert data and {d["language"] for d in data} == {"ko"}


def test_export_is_bounded(es, archive):
    cfg, _ = archive
    small = create_app(Backend(Elastic(es, cfg.es), cfg.store), WebSettings(export_limit=3))
    assert len(fetch(small, "/export.json?q=").json()) == 3


# ---------------------------------------------------------------- entity, quotes, article

def test_entity_page_names_chart_quotes_and_co_mentions(app):
    r = fetch(app, "/entity/" + quote("Georgy Zinoviev"))
    assert r.status_code == 200
    assert "지노비예프" in r.text and "Зиновьев" in r.text and "Georgy Zinoviev" in r.text
    data = fetch(app, "/entity/" + quote("Georgy Zinoviev") + "?format=json").json()
    assert data["type"] == "person" and data["total"] >= 7
    assert {m["language"] for m in data["mentions"]} == {"en", "ko", "ru"}
    assert data["co_mentioned"] and all(c["name"] != "Georgy Zinoviev" for c in data["co_mentioned"])
    quoted = data["quotes"]["articles"]
    assert quoted and all(any(s == "Georgy Zinoviev" for _, s in [(q["text"], q["speaker"]) for q in a["quotes"]])
                          for a in quoted)
    assert [a["date"] for a in quoted] == sorted([a["date"] for a in quoted], reverse=True)
    assert 'class="chart"' in r.text and "data-spec=" in r.text
    if data["wikidata"]:
        assert f"https://www.wikidata.org/wiki/{data['wikidata']}" in r.text


def test_unknown_entity_is_a_404_page_with_a_search_link(app):
    r = fetch(app, "/entity/" + quote("Nobody Atall"))
    assert r.status_code == 404 and 'href="/search' in r.text and "Nobody Atall" in r.text


def test_quotes_filter_by_speaker_language_and_topic(app):
    data = fetch(app, "/quotes?format=json&speaker=" + quote("Georgy Zinoviev")).json()
    assert data["total"] >= 3
    assert all(q["speaker"] == "Georgy Zinoviev" for a in data["articles"] for q in a["quotes"])
    ko = fetch(app, "/quotes?format=json&language=ko").json()
    assert ko["articles"] and {a["language"] for a in ko["articles"]} == {"ko"}
    html = fetch(app, "/quotes?speaker=" + quote("Georgy Zinoviev")).text
    assert "<blockquote" in html and "/article/" in html


def test_article_page_marks_entities_and_shows_other_language_coverage(app, archive):
    _, ids = archive
    r = fetch(app, f"/article/{ids['news1_ko_zinoviev_summoned']}")
    assert r.status_code == 200
    assert '<a class="ent" href="/entity/Georgy%20Zinoviev"' in r.text
    assert "published date" in r.text and "Korean" in r.text
    data = fetch(app, f"/article/{ids['news1_ko_zinoviev_summoned']}?format=json").json()
    other = [c["id"] for c in data["coverage"]["other_languages"]]
    assert ids["koreaherald_zinoviev_summoned"] in other  # same day, same people: English coverage of it
    assert all(c["language"] != "ko" for c in data["coverage"]["other_languages"])
    choe = fetch(app, f"/article/{ids['yonhap_ko_lavrov_choe']}?format=json").json()
    assert choe["coverage"]["other_languages"][0]["id"] == ids["tass_ru_lavrov_choe"]


def test_raw_page_is_a_text_attachment_never_rendered(app, archive):
    _, ids = archive
    r = fetch(app, f"/article/{ids['koreaherald_hostile']}/raw")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    assert r.headers["content-disposition"].startswith("attachment")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert b"&lt;script&gt;" in r.content  # the archived bytes as they were
    assert fetch(app, "/article/seed-5e0db0e251ade6bb/raw").status_code == 404  # a seed has no raw page
    assert fetch(app, "/article/no-such-id").status_code == 404


def test_status_strip_shows_the_last_run_and_dead_letters(app):
    r = fetch(app, "/status")
    assert r.status_code == 200 and "partial" in r.text and "Airflow UI" in r.text
    assert fetch(app, "/status.json").json()["status"]["dead_letters"] == 1


# ---------------------------------------------------------------- hostile text, headers

PAGES = ["/search?q=Zinoviev", "/search?q=", "/search?q=Envoy", "/entity/Georgy%20Zinoviev", "/quotes",
         "/article/hostile-stored", "/quotes?speaker=" + quote("Evil " + web_corpus.EVIL + " Person")]


@pytest.mark.parametrize("url", PAGES)
def test_hostile_text_stays_text(app, archive, url):
    r = fetch(app, url)
    assert r.status_code == 200, url
    html = r.text
    assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html
    tags = elements(html)
    assert not {t for t, _ in tags} & {"iframe", "img", "svg", "object", "embed", "b"}
    assert not [(t, a) for t, attrs in tags for a, _ in attrs if a.startswith("on")]  # no event handler
    assert not [v for _, attrs in tags for a, v in attrs if a in ("href", "src", "action") and
                (v or "").strip().lower().startswith(("javascript:", "data:"))]
    assert {v for t, attrs in tags if t == "script" for a, v in attrs if a == "src"} <= {
        "/static/vendor/htmx.min.js", "/static/vendor/vega.min.js", "/static/vendor/vega-lite.min.js",
        "/static/vendor/vega-embed.min.js", "/static/workspace.js"}
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_hostile_article_page_escapes_every_field(app, archive):
    _, ids = archive
    for article_id in (ids["hostile-stored"], ids["koreaherald_hostile"]):
        html = fetch(app, f"/article/{article_id}").text
        assert "&lt;script&gt;" in html or "&lt;script" in html
        assert "<script>" not in html.replace('<script src="/static/', "")
    stored = fetch(app, "/article/hostile-stored").text
    assert "javascript:alert(document.domain)" in stored and 'href="javascript' not in stored  # shown, never a link


# ---------------------------------------------------------------- bad input

@pytest.mark.parametrize("query, says", [
    ('q="red line', "unbalanced quotes"),
    ("q=" + "a" * 10_000, "characters long"),
    ("q=x&since=2025-01-01&until=2024-01-01", "impossible date range"),
    ("q=x&since=yesterday", "not a date"),
    ("q=x&page=9999", "out of range"),
    ("q=x&sort=random", "unknown sort"),
    ("q=x&page=two", "not a number"),
])
def test_malformed_searches_get_a_page_that_says_what_is_wrong(app, query, says):
    r = fetch(app, "/search?" + query)
    assert r.status_code == 400 and says in r.text and 'href="/search' in r.text
    if "page=" not in query and "sort=" not in query:  # an export has neither
        assert fetch(app, "/export.csv?" + query).status_code == 400


class Proxy:
    """A TCP relay to Elasticsearch that can be cut and restored, to take the server away from the app."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.sock.listen(16)
        self._up = True
        self.open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def up(self) -> bool:
        return self._up

    @up.setter
    def up(self, value: bool) -> None:
        self._up = value
        if not value:  # cut the client's kept-alive connections too
            for s in self.open:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            self.open.clear()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            if not self.up:
                conn.close()
                continue
            upstream = socket.create_connection(self.target)
            self.open += [conn, upstream]
            for a, b in ((conn, upstream), (upstream, conn)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(a: socket.socket, b: socket.socket) -> None:
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        finally:
            for s in (a, b):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self.sock.close()


def test_elasticsearch_down_is_a_503_and_the_app_recovers_by_itself(archive):
    cfg, _ = archive
    from urllib.parse import urlsplit

    target = urlsplit(cfg.es_url)
    proxy = Proxy((target.hostname, target.port))
    try:
        via = cfg.replace(es_url=f"http://127.0.0.1:{proxy.port}", es_timeout=5)
        app = create_app(Backend(Elastic.connect(via.es), via.store))
        assert fetch(app, "/search?q=Zinoviev").status_code == 200
        proxy.up = False
        down = fetch(app, "/search?q=Zinoviev")
        assert down.status_code == 503 and "Elasticsearch is not answering" in down.text
        assert fetch(app, "/entity/Georgy%20Zinoviev").status_code == 503
        assert fetch(app, "/search?q=Zinoviev&format=json").json()["error"] == "unavailable"
        assert fetch(app, "/status").status_code == 200  # the strip says so instead of failing the page
        proxy.up = True
        assert fetch(app, "/search?q=Zinoviev").status_code == 200  # same app, no restart
    finally:
        proxy.close()


def test_no_index_yet_is_a_503_that_says_so(es):
    cfg = Settings.from_env().replace(index_prefix=f"t{uuid.uuid4().hex[:8]}-absent-")
    r = fetch(create_app(Backend(Elastic(es, cfg.es), cfg.store)), "/search?q=x")
    assert r.status_code == 503 and "make run" in r.text


# ---------------------------------------------------------------- password

def test_with_a_password_every_page_and_export_asks_for_it(es, archive):
    cfg, _ = archive
    app = create_app(Backend(Elastic(es, cfg.es), cfg.store), WebSettings(host="0.0.0.0", password="s3cret"))
    for url in ("/search?q=x", "/export.csv?q=", "/static/workspace.css", "/article/hostile-stored/raw", "/status"):
        r = fetch(app, url)
        assert r.status_code == 401 and "basic" in r.headers["www-authenticate"].lower(), url
    good = base64.b64encode(b"analyst:s3cret").decode()
    assert fetch(app, "/search?q=x", headers={"Authorization": f"Basic {good}"}).status_code == 200
    assert fetch(app, "/search?q=x", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    bad = base64.b64encode(b"analyst:wrong").decode()
    assert fetch(app, "/search?q=x", headers={"Authorization": f"Basic {bad}"}).status_code == 401


def test_serve_refuses_a_public_address_without_a_password():
    env = {k: v for k, v in os.environ.items() if not k.startswith("INGEST_WEB_")}
    proc = subprocess.run([sys.executable, "-m", "ingest.cli", "serve", "--host", "0.0.0.0", "--port", "8121"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 1 and "INGEST_WEB_PASSWORD" in proc.stderr
