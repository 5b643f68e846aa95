"""SSRF from the command line: `ingest fetch` refuses every inside address, with the guard on.

The child process runs the real ``ingest fetch`` (``python -m ingest.cli``)
with no INGEST_ALLOW_PRIVATE_HOSTS. Inside targets that could really answer
here (loopback in all its spellings) point at a listener that counts
connections: it must count none. Private, link-local and metadata addresses
are never contacted: the guard refuses them before any socket is opened.

To prove that (and as a safety net: this machine must never send traffic
off loopback), the child gets a ``sitecustomize`` that only *observes*: an
audit hook logs every ``getaddrinfo`` and ``connect`` and refuses a connect to
anything but loopback. It changes no code path of the program; a guard that
let a URL through would show up as a connect in the log and as an error
other than ``blocked``.
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests import FIXTURES, ROOT
from tests.fixtureserver import Response

AUDIT_HOOK = '''
import ipaddress, json, os, sys

_log = os.environ.get("SSRF_AUDIT_LOG")
if _log:
    def _note(*row):
        with open(_log, "a", encoding="utf-8") as out:
            out.write(json.dumps(row) + "\\n")

    def _hook(event, args):
        if event == "socket.getaddrinfo":
            _note("getaddrinfo", str(args[0]), args[1])
        elif event == "socket.connect":
            address = args[1]
            host = str(address[0] if isinstance(address, tuple) else address)
            port = address[1] if isinstance(address, tuple) and len(address) > 1 else None
            _note("connect", host, port)
            try:
                inside = ipaddress.ip_address(host.split("%")[0]).is_loopback
            except ValueError:
                inside = False
            if not inside:
                raise PermissionError(f"test audit hook: no traffic off loopback ({host})")

    sys.addaudithook(_hook)
'''


class ConnectionCounter:
    """Listens on loopback (IPv4 and IPv6, one port) and counts every connection it accepts."""

    def __init__(self) -> None:
        self.v4 = socket.create_server(("127.0.0.1", 0))
        self.port = self.v4.getsockname()[1]
        self.v6 = socket.create_server(("::1", self.port), family=socket.AF_INET6)
        self.accepted: list[str] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._serve, args=(s,), daemon=True) for s in (self.v4, self.v6)]
        for t in self._threads:
            t.start()

    def _serve(self, sock: socket.socket) -> None:
        sock.settimeout(0.1)
        while not self._stop.is_set():
            try:
                conn, peer = sock.accept()
            except (socket.timeout, OSError):
                continue
            self.accepted.append(str(peer))
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<p>inside</p>")
            conn.close()

    def close(self) -> None:
        self._stop.set()
        for s in (self.v4, self.v6):
            s.close()


@pytest.fixture(scope="module")
def counter():
    c = ConnectionCounter()
    yield c
    c.close()


@pytest.fixture(scope="module")
def observer(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("observer")
    (folder / "sitecustomize.py").write_text(AUDIT_HOOK, encoding="utf-8")
    return folder


def fetch_cli(url: str, observer: Path, log: Path, tmp: Path, allowed: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INGEST_")}
    env.update({
        "PYTHONPATH": os.pathsep.join([str(observer), str(ROOT)]),
        "SSRF_AUDIT_LOG": str(log),
        "INGEST_DATA_DIR": str(tmp / "data"),
        "INGEST_HOST_DELAY": "0",
        "INGEST_FETCH_RETRIES": "0",
        "INGEST_FETCH_TIMEOUT": "5",
    })
    if allowed:
        env["INGEST_ALLOWED_PRIVATE_HOSTS"] = allowed
    assert "INGEST_ALLOW_PRIVATE_HOSTS" not in env
    return subprocess.run([sys.executable, "-m", "ingest.cli", "fetch", url, "--json"],
                          capture_output=True, text=True, timeout=60, env=env)


def audit(log: Path) -> list[list]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def run_all(urls: dict[str, str], observer: Path, tmp: Path, allowed: str = "") -> dict[str, tuple[subprocess.CompletedProcess, list]]:
    def one(item):
        name, url = item
        log = tmp / f"audit-{name}.jsonl"
        return name, (fetch_cli(url, observer, log, tmp, allowed), audit(log))

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, urls.items()))


def assert_refused(name: str, proc: subprocess.CompletedProcess, url: str) -> str:
    assert proc.returncode == 1, (name, proc.returncode, proc.stdout, proc.stderr)
    assert not proc.stdout, name
    assert "Traceback" not in proc.stderr, proc.stderr
    [line] = proc.stderr.strip().splitlines()  # one line, nothing else
    assert line.startswith("ingest fetch: error: blocked: "), (name, line)
    return line


LOOPBACK_FORMS = {
    "ipv4": "http://127.0.0.1:{port}/",
    "other-127": "http://127.0.0.2:{port}/",
    "name": "http://localhost:{port}/",
    "name-trailing-dot": "http://localhost.:{port}/",
    "subdomain-localhost": "http://anything.localhost:{port}/",
    "ipv6": "http://[::1]:{port}/",
    "ipv4-mapped-ipv6": "http://[::ffff:127.0.0.1]:{port}/",
    "decimal": "http://2130706433:{port}/",
    "hex": "http://0x7f000001:{port}/",
    "octal": "http://0177.0.0.1:{port}/",
    "short": "http://127.1:{port}/",
    "unspecified": "http://0.0.0.0:{port}/",
    "userinfo-trick": "http://news.example@127.0.0.1:{port}/",
}


def test_loopback_in_every_spelling_is_refused_and_never_reached(counter, observer, tmp_path):
    urls = {name: form.format(port=counter.port) for name, form in LOOPBACK_FORMS.items()}
    results = run_all(urls, observer, tmp_path)
    for name, (proc, events) in results.items():
        line = assert_refused(name, proc, urls[name])
        assert any(word in line for word in ("loopback", "internal host name", "unspecified")), line
        assert not [e for e in events if e[0] == "connect" and e[2] == counter.port], (name, events)
    assert counter.accepted == []


INSIDE = {
    "10/8": ("http://10.0.0.1/", "private address"),
    "172.16/12": ("http://172.16.5.4:8080/", "private address"),
    "192.168/16": ("http://192.168.1.1/admin", "private address"),
    "cgnat": ("http://100.64.0.1/", "shared (CGNAT) address"),
    "link-local": ("http://169.254.10.10/", "link-local address"),
    "aws-metadata": ("http://169.254.169.254/latest/meta-data/iam/security-credentials/", "cloud metadata address"),
    "metadata-decimal": ("http://2852039166/latest/meta-data/", "cloud metadata address"),
    "gcp-metadata": ("http://metadata.google.internal/computeMetadata/v1/", "internal host name"),
    "ipv6-unique-local": ("http://[fd00::1]/", "unique-local address"),
    "ipv6-link-local": ("http://[fe80::1]/", "link-local address"),
    "ipv6-mapped-private": ("http://[::ffff:10.0.0.1]/", "private address"),
}


def test_private_link_local_and_metadata_addresses_are_refused_before_any_socket(observer, tmp_path):
    results = run_all({name: url for name, (url, _) in INSIDE.items()}, observer, tmp_path)
    for name, (proc, events) in results.items():
        url, reason = INSIDE[name]
        line = assert_refused(name, proc, url)
        assert reason in line, (name, line)
        # no DNS lookup and no connection for the target: the guard decided from the URL alone
        assert not [e for e in events if e[0] == "connect"], (name, events)
        assert not [e for e in events if e[0] == "getaddrinfo" and not _is_loopback(e[1])], (name, events)


SCHEMES = {
    "file": "file:///etc/passwd",
    "file-host": "file://localhost/etc/passwd",
    "gopher": "gopher://127.0.0.1:{port}/_GET%20/%20HTTP/1.0",
    "ftp": "ftp://127.0.0.1:{port}/",
    "dict": "dict://127.0.0.1:{port}/info",
    "no-scheme": "//127.0.0.1:{port}/",
}


def test_foreign_schemes_are_refused(counter, observer, tmp_path):
    urls = {name: u.format(port=counter.port) for name, u in SCHEMES.items()}
    results = run_all(urls, observer, tmp_path)
    for name, (proc, events) in results.items():
        line = assert_refused(name, proc, urls[name])
        assert "not allowed" in line, line
        assert "root:" not in proc.stderr
        assert not [e for e in events if e[0] == "connect"], (name, events)
    assert counter.accepted == []


def test_redirects_from_an_allowed_host_to_inside_addresses_are_refused(counter, observer, tmp_path, fixture_server, monkeypatch):
    monkeypatch.delenv("INGEST_ALLOW_PRIVATE_HOSTS")  # the fixture server fixture turns it on for in-process tests
    server = fixture_server
    page = (FIXTURES / "site" / "articles" / "treaty-ratified.html").read_bytes()
    server.route("/ok.html", Response(200, page, {"Content-Type": "text/html; charset=utf-8"}))
    targets = {
        "loopback-other-port": f"http://127.0.0.1:{counter.port}/",
        "loopback-by-name": f"http://localhost:{server.port}/ok.html",
        "metadata": "http://169.254.169.254/latest/meta-data/",
        "private": "http://10.1.2.3/",
        "file": "file:///etc/passwd",
    }
    for name, target in targets.items():
        server.route(f"/go/{name}", Response(302, "", {"Location": target}))
    # two hops: allowed -> allowed -> inside
    server.route("/go/twice", Response(301, "", {"Location": "/go/metadata"}))
    urls = {name: server.url(f"/go/{name}") for name in [*targets, "twice"]}
    urls["allowed"] = server.url("/ok.html")  # the control: the allowed host itself is fetched
    allowed = f"127.0.0.1:{server.port}"

    results = run_all(urls, observer, tmp_path, allowed=allowed)
    proc, events = results.pop("allowed")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"].startswith("Russia ratifies defense pact")
    for name, (proc, events) in results.items():
        line = assert_refused(name, proc, urls[name])
        assert "redirect to " in line, line
        connects = {(e[1], e[2]) for e in events if e[0] == "connect"}
        assert connects <= {("127.0.0.1", server.port)}, (name, connects)  # only the allowed host:port
    assert counter.accepted == []
    for name in [*targets, "twice"]:
        assert server.hits(f"/go/{name}"), name  # the redirect itself was served, its target never asked
