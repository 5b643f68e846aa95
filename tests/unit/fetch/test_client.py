"""The fetcher on the fixture server: politeness, robots.txt, retries, caps, redirects."""

from __future__ import annotations

import email.utils
import socket
import threading
import time
from datetime import timezone
from typing import Callable

import pytest

from ingest.fetch import robots
from ingest.settings import Settings
from ingest.fetch.client import (
    FEED,
    HTML,
    JSON,
    BadContentType,
    Blocked,
    ConnectionFailed,
    FetchError,
    Fetcher,
    FetchResult,
    FetchTimeout,
    HostRateLimiter,
    HTTPStatusError,
    RedirectLoop,
    RobotsDisallowed,
    TooLarge,
    TooManyRedirects,
    Truncated,
    Validators,
    content_type_ok,
    parse_retry_after,
)

from tests.fixtureserver import SITE_DIR, FixtureServer, Response


@pytest.fixture
def fcfg(cfg: Settings, fixture_server: FixtureServer) -> Settings:
    """Settings read after the fixture server allowed private hosts."""
    return Settings.from_env()


def fetch(cfg: Settings, url: str, **kwargs) -> FetchResult:
    with Fetcher(cfg) as fetcher:
        return fetcher.fetch(url, **kwargs)


class RawServer:
    """A one-purpose TCP server on 127.0.0.1 for what the fixture server cannot do
    (trickling bodies, bodies without Content-Length). Bounded: it stops with the test."""

    def __init__(self, respond: Callable[[socket.socket], None]) -> None:
        self.respond = respond
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            data = b""
            try:
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(4096)
                    if not chunk:
                        return
                    data += chunk
                if data.startswith(b"GET /robots.txt"):
                    conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    return
                self.respond(conn)
            except OSError:
                pass

    def __enter__(self) -> "RawServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()


# -- the basics ---------------------------------------------------------------------


def test_fetch_sends_user_agent_and_returns_a_complete_result(fcfg: Settings, fixture_server: FixtureServer) -> None:
    result = fetch(fcfg, fixture_server.url("/fetch/page.html"), accept=HTML)
    assert result.status == 200 and not result.not_modified
    assert result.content == (SITE_DIR / "fetch" / "page.html").read_bytes()
    assert result.final_url == result.url == fixture_server.url("/fetch/page.html")
    assert result.fetched_at.tzinfo is not None and result.fetched_at.utcoffset() == timezone.utc.utcoffset(None)
    assert result.content_type == "text/html" and result.charset == "utf-8"
    assert result.headers["etag"] and result.headers["last-modified"]
    assert result.elapsed > 0
    page = fixture_server.hits("/fetch/page.html")[0]
    assert page.headers["user-agent"] == fcfg.user_agent
    assert "text/html" in page.headers["accept"]
    assert fixture_server.hits("/robots.txt")[0].headers["user-agent"] == fcfg.user_agent


# -- robots.txt ---------------------------------------------------------------------


def test_robots_disallow_is_honoured_and_robots_fetched_once_per_host(fcfg: Settings, fixture_server: FixtureServer) -> None:
    with Fetcher(fcfg) as fetcher:
        for path in ("/private/secret.html", "/report.pdf", "/search?q=korea"):
            with pytest.raises(RobotsDisallowed) as info:
                fetcher.fetch(fixture_server.url(path))
            assert info.value.reason == "robots_disallowed" and not info.value.transient
        assert fetcher.fetch(fixture_server.url("/private/open-letter.html")).status == 200  # longer Allow wins
        assert fetcher.fetch(fixture_server.url("/fetch/page.html")).status == 200
        results = fetcher.fetch_many([fixture_server.url(f"/fetch/page.html?n={i}") for i in range(6)], workers=4)
    assert all(isinstance(r, FetchResult) for r in results.values())
    assert fixture_server.hits("/private/secret.html") == []
    assert fixture_server.hits("/report.pdf") == []
    assert len(fixture_server.hits("/robots.txt")) == 1


def test_robots_fetched_once_even_under_concurrency(fcfg: Settings, fixture_server: FixtureServer) -> None:
    fixture_server.route("/robots.txt", Response(200, "User-agent: *\nDisallow: /nope\n", {"Content-Type": "text/plain"}, delay=0.3))
    with Fetcher(fcfg) as fetcher:
        results = fetcher.fetch_many([fixture_server.url(f"/fetch/page.html?i={i}") for i in range(8)], workers=8)
    assert all(isinstance(r, FetchResult) for r in results.values())
    assert len(fixture_server.hits("/robots.txt")) == 1


def test_robots_missing_allows_all_but_unreachable_disallows_all(fcfg: Settings, fixture_server: FixtureServer) -> None:
    fixture_server.route("/robots.txt", Response(404, "gone", {"Content-Type": "text/plain"}))
    assert fetch(fcfg, fixture_server.url("/private/secret.html")).status == 200

    fixture_server.reset()
    fixture_server.route("/robots.txt", Response(503, "down", {"Content-Type": "text/plain"}))
    with Fetcher(fcfg) as fetcher:
        for _ in range(2):
            with pytest.raises(RobotsDisallowed, match=r"unreachable \(http_503\)") as info:
                fetcher.fetch(fixture_server.url("/fetch/page.html"))
            assert info.value.transient
    assert fixture_server.hits("/fetch/page.html") == []
    assert len(fixture_server.hits("/robots.txt")) == 2  # one retry, then cached for the run


def test_crawl_delay_spaces_requests(fcfg: Settings, fixture_server: FixtureServer) -> None:
    fixture_server.route("/robots.txt", Response(200, "User-agent: *\nCrawl-delay: 0.4\n", {"Content-Type": "text/plain"}))
    with Fetcher(fcfg) as fetcher:
        for i in range(3):
            fetcher.fetch(fixture_server.url(f"/fetch/page.html?{i}"))
    times = [s.time for s in fixture_server.requests if s.path.startswith("/fetch/")]
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.35


def test_robots_parser_follows_rfc9309() -> None:
    text = (SITE_DIR / "robots.txt").read_text()
    ours = robots.parse(text, "KoreaRussiaNewsBot/0.1 (+https://x)")
    assert not ours.allowed("/private/x.html")
    assert ours.allowed("/private/open-letter.html")
    assert not ours.allowed("/files/report.pdf") and ours.allowed("/files/report.pdf?x=1")
    assert ours.allowed("/admin/")  # our own group replaces the * group
    other = robots.parse(text, "OtherBot/2.0")
    assert not other.allowed("/admin/") and other.allowed("/files/report.pdf")
    tie = robots.parse("User-agent: *\nDisallow: /a\nAllow: /a\n", "x")
    assert tie.allowed("/a/b")
    empty = robots.parse("User-agent: *\nDisallow:\n", "x")
    assert empty.allowed("/anything")
    grouped = robots.parse("User-agent: a\nUser-agent: *\nDisallow: /x\n\nUser-agent: b\nDisallow: /y\n", "z")
    assert not grouped.allowed("/x/1") and grouped.allowed("/y/1")
    assert robots.RobotsRules.forbid_everything().allowed("/robots.txt")


# -- conditional GET ---------------------------------------------------------------


def test_304_with_etag_is_a_result(fcfg: Settings, fixture_server: FixtureServer) -> None:
    with Fetcher(fcfg) as fetcher:
        first = fetcher.fetch(fixture_server.url("/fetch/feed.xml"), accept=FEED)
        assert first.status == 200 and first.validators().etag
        second = fetcher.fetch(fixture_server.url("/fetch/feed.xml"), accept=FEED, validators=first.validators())
    assert second.status == 304 and second.not_modified and second.content == b""
    sent = fixture_server.hits("/fetch/feed.xml")[1].headers
    assert sent["if-none-match"] == first.headers["etag"]
    assert sent["if-modified-since"] == first.headers["last-modified"]


def test_304_with_last_modified_only(fcfg: Settings, fixture_server: FixtureServer) -> None:
    stamp = email.utils.formatdate(1_700_000_000, usegmt=True)

    def handler(headers: dict[str, str]) -> Response:
        if headers.get("if-modified-since") == stamp:
            return Response(304, headers={"Last-Modified": stamp})
        return Response(200, "<rss/>", {"Content-Type": "text/xml", "Last-Modified": stamp})

    fixture_server.route("/lm.xml", handler)
    with Fetcher(fcfg) as fetcher:
        first = fetcher.fetch(fixture_server.url("/lm.xml"), accept=FEED)
        second = fetcher.fetch(fixture_server.url("/lm.xml"), accept=FEED, validators=Validators(last_modified=stamp))
    assert first.status == 200 and first.validators() == Validators(None, stamp)
    assert second.not_modified and "if-none-match" not in fixture_server.hits("/lm.xml")[1].headers


# -- retries -------------------------------------------------------------------------


def test_retries_503_then_succeeds(fcfg: Settings, fixture_server: FixtureServer) -> None:
    fixture_server.route("/flaky", [Response(503), Response(502), Response(200, "<p>ok</p>")])
    result = fetch(fcfg, fixture_server.url("/flaky"), accept=HTML)
    assert result.status == 200 and result.content == b"<p>ok</p>"
    assert len(fixture_server.hits("/flaky")) == 3


def test_429_retry_after_is_honoured(fcfg: Settings, fixture_server: FixtureServer) -> None:
    fixture_server.route("/busy", [Response(429, headers={"Retry-After": "1"}), Response(200, "<p>ok</p>")])
    assert fetch(fcfg, fixture_server.url("/busy")).status == 200
    first, second = fixture_server.hits("/busy")
    assert second.time - first.time >= 0.95


def test_retry_after_beyond_the_cap_gives_up_at_once(fcfg: Settings, fixture_server: FixtureServer) -> None:
    fixture_server.route("/later", Response(429, headers={"Retry-After": "3600"}))
    with pytest.raises(HTTPStatusError) as info:
        fetch(fcfg, fixture_server.url("/later"))
    assert info.value.reason == "http_429" and info.value.retry_after == 3600 and info.value.transient
    assert len(fixture_server.hits("/later")) == 1


def test_gives_up_after_retries(fcfg: Settings, fixture_server: FixtureServer) -> None:
    fixture_server.route("/down", Response(503, "down"))
    with pytest.raises(HTTPStatusError) as info:
        fetch(fcfg, fixture_server.url("/down"))
    assert info.value.reason == "http_503" and info.value.status == 503
    assert str(info.value).startswith("http_503: ") and "\n" not in str(info.value)
    assert len(fixture_server.hits("/down")) == fcfg.fetch_retries + 1


def test_404_is_not_retried(fcfg: Settings, fixture_server: FixtureServer) -> None:
    with pytest.raises(HTTPStatusError) as info:
        fetch(fcfg, fixture_server.url("/missing.html"))
    assert info.value.reason == "http_404" and not info.value.transient
    assert len(fixture_server.hits("/missing.html")) == 1


def test_parse_retry_after_forms() -> None:
    assert parse_retry_after("120") == 120.0
    now = 1_700_000_000.0
    assert parse_retry_after(email.utils.formatdate(now + 30, usegmt=True), now=now) == pytest.approx(30, abs=1)
    assert parse_retry_after(email.utils.formatdate(now - 30, usegmt=True), now=now) == 0.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


# -- timeouts and broken connections ---------------------------------------------------


def test_timeout_on_slow_route(fcfg: Settings, fixture_server: FixtureServer) -> None:
    fixture_server.route("/slow", Response(200, "late", delay=3))
    start = time.monotonic()
    with pytest.raises(FetchTimeout) as info:
        fetch(Settings.from_env(fetch_timeout=0.5), fixture_server.url("/slow"))
    assert info.value.reason == "timeout"
    assert time.monotonic() - start < 2.5
    assert len(fixture_server.hits("/slow")) == 1  # a slow host is not hammered with retries


def test_trickling_body_is_cut_off_by_the_total_deadline(fcfg: Settings) -> None:
    def trickle(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n")
        for _ in range(100):
            conn.sendall(b"x")
            time.sleep(0.1)

    start = time.monotonic()
    with RawServer(trickle) as raw, pytest.raises(FetchTimeout, match="not complete"):
        fetch(Settings.from_env(fetch_timeout=1.0), raw.url("/drip"), accept=HTML)
    assert time.monotonic() - start < 3


def test_connection_reset(fcfg: Settings, fixture_server: FixtureServer) -> None:
    fixture_server.route("/reset", Response(reset=True))
    with pytest.raises(ConnectionFailed) as info:
        fetch(fcfg, fixture_server.url("/reset"))
    assert info.value.reason == "connection" and info.value.transient
    assert len(fixture_server.hits("/reset")) == fcfg.fetch_retries + 1


def test_connection_refused(fcfg: Settings) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nobody listens there now
    quick = Settings.from_env(fetch_retries=1)
    with pytest.raises(ConnectionFailed, match="while fetching robots.txt") as info:
        fetch(quick, f"http://127.0.0.1:{port}/x")
    assert info.value.transient
    with pytest.raises(ConnectionFailed) as failed:
        fetch(quick, f"http://127.0.0.1:{port}/x", check_robots=False)
    assert failed.value.transient and "robots" not in str(failed.value)


# -- size cap and truncation ------------------------------------------------------------


def test_big_body_is_too_large(fcfg: Settings, fixture_server: FixtureServer) -> None:
    fixture_server.route("/big", Response(200, b"x" * 50_000, {"Content-Type": "text/html"}))
    with pytest.raises(TooLarge) as info:
        fetch(Settings.from_env(fetch_max_bytes=10_000), fixture_server.url("/big"))
    assert info.value.reason == "too_large" and "Content-Length" in info.value.detail


def test_size_cap_applies_while_streaming_without_content_length(fcfg: Settings) -> None:
    """The header cannot be trusted (or is absent): reading stops past the cap."""

    def endless(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n")
        for _ in range(200):
            conn.sendall(b"y" * 1024)

    with RawServer(endless) as raw, pytest.raises(TooLarge, match="body over 10000 bytes"):
        fetch(Settings.from_env(fetch_max_bytes=10_000), raw.url("/stream"), accept=HTML)


def test_lying_content_length_is_truncated(fcfg: Settings, fixture_server: FixtureServer) -> None:
    fixture_server.route("/short", Response(200, b"<p>only part</p>", {"Content-Type": "text/html"}, truncate=True))
    with pytest.raises(Truncated) as info:
        fetch(fcfg, fixture_server.url("/short"))
    assert info.value.reason == "truncated"


# -- content types ----------------------------------------------------------------------


def test_wrong_content_type_is_refused(fcfg: Settings, fixture_server: FixtureServer) -> None:
    with Fetcher(fcfg) as fetcher:
        with pytest.raises(BadContentType, match="application/json") as info:
            fetcher.fetch(fixture_server.url("/fetch/data.json"), accept=HTML)
        assert info.value.reason == "bad_content_type"
        with pytest.raises(BadContentType):
            fetcher.fetch(fixture_server.url("/fetch/page.html"), accept=FEED)
        assert fetcher.fetch(fixture_server.url("/fetch/feed.xml"), accept=FEED).content_type == "application/rss+xml"
        assert fetcher.fetch(fixture_server.url("/fetch/data.json"), accept=JSON).status == 200


def test_content_type_sets() -> None:
    assert content_type_ok("text/xml; charset=utf-8", FEED)
    assert content_type_ok("application/xml", FEED)
    assert content_type_ok("application/atom+xml", FEED)
    assert content_type_ok("Application/LD+JSON", JSON)
    assert content_type_ok("text/html;charset=EUC-KR", HTML)
    assert not content_type_ok("", HTML)
    assert not content_type_ok("application/pdf", HTML)
    assert content_type_ok("application/pdf", None)


# -- redirects ---------------------------------------------------------------------------


def _redirect(to: str, status: int = 302) -> Response:
    return Response(status, headers={"Location": to})


def test_redirect_chain(fcfg: Settings, fixture_server: FixtureServer) -> None:
    fixture_server.route("/r1", _redirect("/r2", 301))
    fixture_server.route("/r2", _redirect(fixture_server.url("/r3"), 307))
    fixture_server.route("/r3", _redirect("fetch/page.html", 308))  # relative to /
    result = fetch(fcfg, fixture_server.url("/r1"), accept=HTML)
    assert result.status == 200
    assert result.url == fixture_server.url("/r1") and result.final_url == fixture_server.url("/fetch/page.html")


def test_redirect_loop(fcfg: Settings, fixture_server: FixtureServer) -> None:
    fixture_server.route("/a", _redirect("/b"))
    fixture_server.route("/b", _redirect("/a#again"))
    with pytest.raises(RedirectLoop) as info:
        fetch(fcfg, fixture_server.url("/a"))
    assert info.value.reason == "redirect_loop"
    assert len(fixture_server.hits("/a")) == 1


def test_too_many_redirects(fcfg: Settings, fixture_server: FixtureServer) -> None:
    for i in range(10):
        fixture_server.route(f"/hop{i}", _redirect(f"/hop{i + 1}"))
    with pytest.raises(TooManyRedirects):
        fetch(Settings.from_env(fetch_max_redirects=3), fixture_server.url("/hop0"))
    assert len(fixture_server.hits("/hop3")) == 1 and fixture_server.hits("/hop4") == []


@pytest.mark.parametrize(
    "target",
    ["http://127.0.0.1:{other}/internal", "http://169.254.169.254/latest/meta-data/", "http://[::1]:{other}/", "file:///etc/passwd", "http://2130706433:{other}/"],
)
def test_redirect_to_an_inside_address_is_blocked(
    cfg: Settings, fixture_server: FixtureServer, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    """A 'public' site (the allow-listed fixture port) redirects inside: the hop is refused before connecting."""
    inside = FixtureServer().start()
    try:
        monkeypatch.setenv("INGEST_ALLOW_PRIVATE_HOSTS", "0")
        monkeypatch.setenv("INGEST_ALLOWED_PRIVATE_HOSTS", f"127.0.0.1:{fixture_server.port}")
        strict = Settings.from_env()
        fixture_server.route("/go", _redirect(target.format(other=inside.port)))
        with pytest.raises(Blocked, match="redirect to") as info:
            fetch(strict, fixture_server.url("/go"))
        assert info.value.reason == "blocked"
        assert len(fixture_server.hits("/go")) == 1
        assert inside.requests == []
    finally:
        inside.stop()


# -- rate limit and fetch_many -----------------------------------------------------------


def test_per_host_delay_across_threads(fcfg: Settings, fixture_server: FixtureServer) -> None:
    with Fetcher(Settings.from_env(host_delay=0.25)) as fetcher:
        results = fetcher.fetch_many([fixture_server.url(f"/fetch/page.html?{i}") for i in range(4)], workers=4)
    assert all(isinstance(r, FetchResult) for r in results.values())
    times = sorted(s.time for s in fixture_server.requests)  # robots.txt counts as a request too
    assert len(times) == 5
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.22


def test_rate_limiter_reserves_slots() -> None:
    now = [100.0]
    slept: list[float] = []
    limiter = HostRateLimiter(2.0, clock=lambda: now[0], sleep=slept.append)
    assert [limiter.wait("a:80"), limiter.wait("a:80"), limiter.wait("b:80"), limiter.wait("a:80")] == [0, 2.0, 0, 4.0]
    now[0] = 110.0
    assert limiter.wait("a:80") == 0
    assert slept == [2.0, 4.0]


def test_fetch_many_reports_each_url(fcfg: Settings, fixture_server: FixtureServer) -> None:
    fixture_server.route("/down", Response(500))
    urls = [
        fixture_server.url("/fetch/page.html"),
        fixture_server.url("/nothing-here.html"),
        fixture_server.url("/private/secret.html"),
        "file:///etc/passwd",
        "not a url",
        fixture_server.url("/down"),
        fixture_server.url("/fetch/page.html"),  # duplicates collapse
    ]
    with Fetcher(fcfg) as fetcher:
        results = fetcher.fetch_many(urls, accept=HTML, workers=3)
    assert list(results) == list(dict.fromkeys(urls))
    reasons = {u: (r.status if isinstance(r, FetchResult) else r.reason) for u, r in results.items()}
    assert reasons == {
        urls[0]: 200,
        urls[1]: "http_404",
        urls[2]: "robots_disallowed",
        urls[3]: "blocked",
        urls[4]: "blocked",
        urls[5]: "http_500",
    }
    assert all("\n" not in str(r) for r in results.values() if isinstance(r, FetchError))


def test_robots_redirecting_inside_means_disallow_all(cfg: Settings, fixture_server: FixtureServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INGEST_ALLOW_PRIVATE_HOSTS", "0")
    monkeypatch.setenv("INGEST_ALLOWED_PRIVATE_HOSTS", f"127.0.0.1:{fixture_server.port}")
    fixture_server.route("/robots.txt", _redirect("http://169.254.169.254/robots.txt"))
    with pytest.raises(RobotsDisallowed, match="blocked") as info:
        fetch(Settings.from_env(), fixture_server.url("/fetch/page.html"))
    assert not info.value.transient
    assert fixture_server.hits("/fetch/page.html") == []
