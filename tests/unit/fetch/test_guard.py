"""SSRF guard: inside addresses, odd numeric forms and foreign schemes are refused before any connection."""

from __future__ import annotations

import ipaddress
import socket

import pytest

from ingest.fetch import guard
from ingest.settings import Settings
from ingest.errors import Blocked
from ingest.fetch.client import Fetcher

STRICT = Settings(allow_private_hosts=False)

INSIDE = [
    "http://127.0.0.1/",
    "http://127.8.9.10/",
    "http://localhost/",
    "http://LOCALHOST./",
    "http://news.localhost/",
    "http://[::1]/",
    "http://[0:0:0:0:0:0:0:1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[2002:7f00:1::]/",  # 6to4 wrapping 127.0.0.1
    "http://[64:ff9b::a00:1]/",  # NAT64 wrapping 10.0.0.1
    "http://2130706433/",
    "http://0x7f000001/",
    "http://0x7f.1/",
    "http://0177.0.0.1/",
    "http://0177.1/",
    "http://127.1/",
    "http://0.0.0.0/",
    "http://0/",
    "http://[::]/",
    "http://10.1.2.3/",
    "http://172.16.5.4/",
    "http://172.31.255.255/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:169.254.169.254]/",
    "http://2852039166/",  # 169.254.169.254 in decimal
    "http://169.254.1.1/",
    "http://[fe80::1]/",
    "http://[fe80::1%25eth0]/",
    "http://224.0.0.1/",
    "http://239.255.255.250/",
    "http://[ff02::1]/",
    "http://240.0.0.1/",
    "http://255.255.255.255/",
    "http://[fc00::1]/",
    "http://[fd12:3456::1]/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://metadata/",
    "https://user:pw@127.0.0.1:8443/x",
]


@pytest.mark.parametrize("url", INSIDE)
def test_inside_addresses_are_refused(url: str) -> None:
    with pytest.raises(guard.Blocked) as info:
        guard.check_url(url, STRICT)
    assert "\n" not in str(info.value) and info.value.reason


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "gopher://example.com:70/", "ftp://example.com/x", "data:text/html,<b>x</b>", "javascript:alert(1)", "//example.com/x", "example.com"],
)
def test_foreign_schemes_are_refused(url: str) -> None:
    with pytest.raises(guard.Blocked, match="scheme"):
        guard.check_url(url, STRICT)


@pytest.mark.parametrize("url", ["http://93.184.216.34/", "https://8.8.8.8/x", "http://[2606:4700:4700::1111]/", "http://1.1.1.1:8080/"])
def test_public_numeric_addresses_pass(url: str) -> None:
    assert guard.check_url(url, STRICT)  # numeric: no DNS needed, no connection made


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("10.1", "10.0.0.1"),
        ("192.168.257", "192.168.1.1"),
        ("0", "0.0.0.0"),
        ("8.8.8.8", "8.8.8.8"),
        ("::1", "::1"),
        ("4294967296", None),  # too big
        ("1.2.3.4.5", None),
        ("256.1.1.1", None),
        ("09.1.1.1", None),  # 09 is not octal
        ("example.com", None),
        ("1e3", None),
    ],
)
def test_numeric_host_forms_follow_inet_aton(host: str, expected: str | None) -> None:
    parsed = guard.parse_numeric_host(host)
    assert (str(parsed) if parsed else None) == expected
    if expected and ":" not in host:
        # the libc this runs on agrees, so the guard judges what a connection would reach
        assert socket.getaddrinfo(host, 80, type=socket.SOCK_STREAM)[0][4][0] == expected


def _fake_dns(answers: dict[str, list[str]]):
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        if host in answers:
            return [
                (socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))
                for ip in answers[host]
            ]
        return real(host, port, *args, **kwargs)

    return fake


def test_dns_answer_pointing_inside_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        _fake_dns({"evil.example": ["10.0.0.7"], "mixed.example": ["93.184.216.34", "127.0.0.1"], "good.example": ["93.184.216.34"], "v6.example": ["fd00::5"]}),
    )
    with pytest.raises(guard.Blocked, match=r"private address \(evil.example -> 10.0.0.7\)"):
        guard.check_url("https://evil.example/news", STRICT)
    with pytest.raises(guard.Blocked, match="loopback"):  # one bad answer among good ones refuses the name
        guard.check_url("https://mixed.example/news", STRICT)
    with pytest.raises(guard.Blocked, match="unique-local"):
        guard.check_url("https://v6.example/news", STRICT)
    assert guard.check_url("https://good.example/news", STRICT) == [ipaddress.ip_address("93.184.216.34")]


def test_private_hosts_allowed_only_when_configured() -> None:
    assert Settings().allow_private_hosts is False
    assert guard.check_url("http://127.0.0.1:8000/", Settings(allow_private_hosts=True))
    pair = Settings(allowed_private_hosts="127.0.0.1:8000, [::1]:9000")
    assert guard.check_url("http://127.0.0.1:8000/x", pair)
    assert guard.check_url("http://[::1]:9000/x", pair)
    for url in ("http://127.0.0.1:8001/x", "http://127.0.0.1/x", "http://10.0.0.1:8000/x"):
        with pytest.raises(guard.Blocked):
            guard.check_url(url, pair)


def test_env_var_turns_allowance_on_and_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INGEST_ALLOW_PRIVATE_HOSTS", raising=False)
    assert Settings.from_env().allow_private_hosts is False
    monkeypatch.setenv("INGEST_ALLOW_PRIVATE_HOSTS", "1")
    assert Settings.from_env().allow_private_hosts is True


# -- through the fetcher: refused before any request reaches the server ----------


@pytest.fixture
def strict_cfg(cfg, fixture_server, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("INGEST_ALLOW_PRIVATE_HOSTS", "0")
    return Settings.from_env()


def test_fetcher_refuses_loopback_forms_before_connecting(strict_cfg: Settings, fixture_server) -> None:
    port = fixture_server.port
    urls = [
        f"http://127.0.0.1:{port}/fetch/page.html",
        f"http://localhost:{port}/fetch/page.html",
        f"http://2130706433:{port}/fetch/page.html",
        f"http://0x7f000001:{port}/fetch/page.html",
        f"http://0177.0.0.1:{port}/fetch/page.html",
        f"http://127.1:{port}/fetch/page.html",
        f"http://[::ffff:127.0.0.1]:{port}/fetch/page.html",
        "file:///etc/passwd",
        "gopher://127.0.0.1:70/_GET",
        "ftp://127.0.0.1/",
        "data:text/plain,hello",
    ]
    with Fetcher(strict_cfg) as fetcher:
        for url in urls:
            with pytest.raises(Blocked) as info:
                fetcher.fetch(url)
            assert info.value.reason == "blocked"
            assert "\n" not in str(info.value)
        results = fetcher.fetch_many(urls)
    assert all(isinstance(r, Blocked) for r in results.values())
    assert fixture_server.requests == []  # not even robots.txt was asked


def test_dns_rebinding_is_caught_at_connect_time(strict_cfg: Settings, fixture_server, monkeypatch: pytest.MonkeyPatch) -> None:
    """The name looks public at the first lookup and points inside at the second: no request is sent."""
    calls: list[str] = []
    real = socket.getaddrinfo

    def rebinding(host, port, *args, **kwargs):
        if host == "rebind.example":
            calls.append(host)
            ip = "93.184.216.34" if len(calls) == 1 else "127.0.0.1"
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with Fetcher(strict_cfg) as fetcher, pytest.raises(Blocked, match="loopback"):
        fetcher.fetch(f"http://rebind.example:{fixture_server.port}/fetch/page.html", check_robots=False)
    assert len(calls) == 2  # checked before the request, and again by the connection itself
    assert fixture_server.requests == []


def test_connection_goes_to_the_checked_address_with_the_original_host_header(
    cfg, fixture_server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _fake_dns({"pinned.example": ["127.0.0.1"]}))
    with Fetcher(Settings.from_env()) as fetcher:
        result = fetcher.fetch(f"http://pinned.example:{fixture_server.port}/fetch/page.html")
    assert result.status == 200
    seen = fixture_server.hits("/fetch/page.html")[0]
    assert seen.headers["host"] == f"pinned.example:{fixture_server.port}"


def test_allow_listed_fixture_port_is_fetched_but_other_ports_are_not(strict_cfg: Settings, fixture_server) -> None:
    allowed = Settings.from_env(allowed_private_hosts=f"127.0.0.1:{fixture_server.port}")
    with Fetcher(allowed) as fetcher:
        assert fetcher.fetch(fixture_server.url("/fetch/page.html")).status == 200
        with pytest.raises(Blocked):
            fetcher.fetch(f"http://127.0.0.1:{fixture_server.port + 1}/")
        with pytest.raises(Blocked, match="internal host name"):
            fetcher.fetch(f"http://localhost:{fixture_server.port}/fetch/page.html")


# -- TLS with a pinned address: SNI and certificate checks use the original name -----


class _TLSServer:
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for one name (openssl CLI)."""

    def __init__(self, folder, name: str) -> None:
        import http.server
        import ssl
        import subprocess
        import threading

        cert, key = folder / f"{name}.pem", folder / f"{name}.key"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
             "-days", "1", "-subj", f"/CN={name}", "-addext", f"subjectAltName=DNS:{name}"],
            check=True, capture_output=True,
        )  # fmt: skip
        self.cert = cert
        self.sni: list[str | None] = []
        self.hosts: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                outer.hosts.append(self.headers.get("Host", ""))
                body = b"User-agent: *\nDisallow:\n" if self.path == "/robots.txt" else b"<p>secure</p>"
                self.send_response(200)
                self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        context.sni_callback = lambda sock, server_name, ctx: outer.sni.append(server_name)
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def client_context(self):
        import ssl

        return ssl.create_default_context(cafile=str(self.cert))

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_https_through_the_pinned_address_keeps_sni_and_certificate_name(
    cfg, fixture_server, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ingest.fetch.client import ConnectionFailed

    server = _TLSServer(tmp_path, "secure.example")
    try:
        monkeypatch.setattr(socket, "getaddrinfo", _fake_dns({"secure.example": ["127.0.0.1"], "wrong.example": ["127.0.0.1"]}))
        live = Settings.from_env(fetch_retries=0)
        with Fetcher(live, transport=guard.GuardedTransport(live, verify=server.client_context())) as fetcher:
            result = fetcher.fetch(f"https://secure.example:{server.port}/news", accept={"text/html"})
            assert result.content == b"<p>secure</p>"
            assert server.sni and set(server.sni) == {"secure.example"}
            assert server.hosts[-1] == f"secure.example:{server.port}"
            # the certificate names secure.example only: a name pinned to the same IP must fail verification
            with pytest.raises(ConnectionFailed, match="certificate|CERTIFICATE"):
                fetcher.fetch(f"https://wrong.example:{server.port}/news", check_robots=False)
    finally:
        server.stop()
