"""SSRF guard: the fetcher only talks to public http(s) hosts.

A feed or a redirect can point anywhere, including the machine's own
services, the private network or the cloud metadata endpoint. Every URL (and
every redirect hop) goes through :func:`check_url` before a request is sent,
and the connection itself is made by :class:`GuardedBackend`, which resolves
the name, checks *every* address it got and connects to one of those checked
addresses. The check and the connection therefore use the same DNS answer,
so a name that re-binds to an inside address between check and connect
(DNS rebinding) is still refused. TLS keeps the original name for SNI and
certificate checks, and the Host header is untouched, because only the TCP
connect is redirected to the pinned IP.

Numeric host forms that libc accepts (``2130706433``, ``0x7f000001``,
``0177.0.0.1``, ``127.1``) are parsed here with the same rules as
``inet_aton`` so they are judged as the address they really name.

Private addresses are allowed only when ``cfg.allow_private_hosts`` is true
(tests), or for the exact ``host:port`` pairs listed in
``cfg.allowed_private_hosts`` (comma separated).
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import typing
from urllib.parse import urlsplit

import httpcore
import httpx

from ingest.errors import Blocked
from ingest.settings import FetchSettings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}

# Names that always mean "this machine" or "the cloud's internals".
BLOCKED_NAMES = frozenset(
    {"localhost", "localhost.localdomain", "metadata", "metadata.google.internal", "instance-data", "ip6-localhost", "ip6-loopback"}
)
BLOCKED_SUFFIXES = (".localhost", ".internal", ".local", ".localdomain", ".home.arpa")

_CGNAT = ipaddress.IPv4Network("100.64.0.0/10")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_UNIQUE_LOCAL = ipaddress.IPv6Network("fc00::/7")


def parse_numeric_host(host: str) -> IPAddress | None:
    """The address a numeric host names, with ``inet_aton`` rules, else None.

    Accepts 1 to 4 dot-separated parts, each decimal, octal (leading 0) or
    hex (0x); the last part fills the remaining bytes (``127.1``,
    ``2130706433``). IPv6 literals (without brackets or zone) also parse.
    """
    host = host.strip().rstrip(".")
    if not host:
        return None
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            return None
    parts = host.split(".")
    if len(parts) > 4:
        return None
    values: list[int] = []
    for part in parts:
        try:
            if part.lower().startswith("0x"):
                value = int(part[2:] or "0", 16)
            elif len(part) > 1 and part.startswith("0"):
                value = int(part, 8)
            else:
                if not part.isdigit():
                    return None
                value = int(part, 10)
        except ValueError:
            return None
        values.append(value)
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (4 - len(head)):
        return None
    number = 0
    for v in head:
        number = number * 256 + v
    number = number * 256 ** (4 - len(head)) + last
    return ipaddress.IPv4Address(number)


def ip_blocked_reason(ip: IPAddress) -> str | None:
    """Why an address is not public (loopback, private...), or None when it is."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            inner = ip_blocked_reason(embedded)
            return f"{inner} (IPv4 inside IPv6)" if inner else None
        if ip in _UNIQUE_LOCAL:
            return "unique-local address"
    checks = (
        ("is_unspecified", "unspecified address"),
        ("is_loopback", "loopback address"),
        ("is_link_local", "link-local address"),
        ("is_multicast", "multicast address"),
        ("is_reserved", "reserved address"),
        ("is_private", "private address"),
    )
    for attr, label in checks:
        if getattr(ip, attr, False):
            if ip == ipaddress.IPv4Address("169.254.169.254"):
                return "cloud metadata address"
            return label
    if isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local:
        return "site-local address"
    if isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT:
        return "shared (CGNAT) address"
    if not ip.is_global:
        return "non-global address"
    return None


def _allowed_pairs(cfg: FetchSettings) -> set[str]:
    raw = getattr(cfg, "allowed_private_hosts", "") or ""
    return {p.strip().lower() for p in str(raw).split(",") if p.strip()}


def private_allowed(host: str, port: int, cfg: FetchSettings) -> bool:
    """True when inside addresses are allowed for this host and port."""
    if cfg.allow_private_hosts:
        return True
    host = host.lower().strip("[]").rstrip(".")
    name = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return name in _allowed_pairs(cfg)


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address a host name resolves to (numeric forms parsed locally).

    Raises OSError (``socket.gaierror``) when the name does not resolve.
    """
    numeric = parse_numeric_host(host)
    if numeric is not None:
        return [numeric]
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    out: list[IPAddress] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if ip not in out:
            out.append(ip)
    if not out:
        raise socket.gaierror(f"no address for {host}")
    return out


def check_host(host: str, port: int, cfg: FetchSettings) -> list[IPAddress]:
    """Resolve a host and return its addresses, or raise :class:`Blocked`.

    Every address must be public: one inside answer refuses the whole name,
    so a round-robin record cannot smuggle in a private address.
    """
    host = host.lower().strip("[]")
    bare = host.rstrip(".")
    allowed = private_allowed(bare, port, cfg)
    if not bare:
        raise Blocked("empty host")
    if not allowed and (bare in BLOCKED_NAMES or bare.endswith(BLOCKED_SUFFIXES)):
        raise Blocked(f"internal host name {bare!r}")
    addresses = resolve(bare, port)
    if not allowed:
        for ip in addresses:
            reason = ip_blocked_reason(ip)
            if reason:
                shown = bare if str(ip) == bare else f"{bare} -> {ip}"
                raise Blocked(f"{reason} ({shown})")
    return addresses


def split_url(url: str) -> tuple[str, str, int]:
    """Scheme, host and effective port of a URL, or raise :class:`Blocked`."""
    if not isinstance(url, str):
        raise Blocked(f"URL must be a string, not {type(url).__name__}")
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        if scheme not in ALLOWED_SCHEMES:
            raise Blocked(f"scheme {scheme or '(none)'!r} not allowed")
        host = parts.hostname or ""
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError as exc:
        raise Blocked(f"malformed URL: {exc}") from None
    if not host:
        raise Blocked("URL has no host")
    if any(ch.isspace() or ch in '<>"{}|\\^`' for ch in host):
        raise Blocked(f"malformed host {host[:80]!r}")
    return scheme, host, port


def check_url(url: str, cfg: FetchSettings) -> list[IPAddress]:
    """Refuse a URL that is not a public http(s) address; return its addresses."""
    _scheme, host, port = split_url(url)
    return check_host(host, port, cfg)


class GuardedBackend(httpcore.SyncBackend):
    """httpcore network backend that connects only to checked addresses.

    The name is resolved and checked here, at connect time, and the socket is
    opened to one of the addresses just checked (no second DNS lookup), which
    closes the DNS-rebinding window between check and connect.
    """

    def __init__(self, cfg: FetchSettings) -> None:
        self.cfg = cfg

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = check_host(host, port, self.cfg)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
        last: Exception | None = None
        for ip in addresses:
            try:
                sock = socket.create_connection(
                    (str(ip), port), timeout, source_address=(local_address, 0) if local_address else None
                )
            except socket.timeout as exc:
                last = httpcore.ConnectTimeout(str(exc) or "connect timed out")
                continue
            except OSError as exc:
                last = httpcore.ConnectError(str(exc))
                continue
            for option in socket_options or ():
                sock.setsockopt(*option)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return httpcore._backends.sync.SyncStream(sock)  # type: ignore[attr-defined]
        raise last or httpcore.ConnectError(f"no address for {host}")


class GuardedTransport(httpx.HTTPTransport):
    """httpx transport whose connections go through :class:`GuardedBackend`.

    Proxies from the environment are ignored on purpose: with a proxy the
    guard could not know where the bytes really go.
    """

    def __init__(self, cfg: FetchSettings, *, verify: bool | ssl.SSLContext = True, limits: httpx.Limits | None = None) -> None:
        limits = limits or httpx.Limits(max_connections=20, max_keepalive_connections=10)
        super().__init__(verify=verify, trust_env=False, limits=limits)
        # SSL_CERT_FILE / SSL_CERT_DIR are still honoured (a site CA bundle), proxies are not.
        ssl_context = httpx.create_ssl_context(verify=verify, trust_env=True)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=GuardedBackend(cfg),
        )


__all__ = [
    "Blocked",
    "GuardedBackend",
    "GuardedTransport",
    "check_host",
    "check_url",
    "ip_blocked_reason",
    "parse_numeric_host",
    "private_allowed",
    "resolve",
    "split_url",
]
