"""Polite, bounded HTTP fetching for feeds, pages and APIs.

One :class:`Fetcher` per run: it sends a clear User-Agent, honours robots.txt
(fetched once per origin, RFC 9309), waits ``cfg.host_delay`` between requests
to the same host (across threads), retries 429/5xx/connection failures with
exponential backoff and Retry-After, sends conditional requests, caps the body
size while streaming, checks the content type, cuts off hosts that trickle
bytes (a total deadline per attempt) and follows redirects itself so the SSRF
guard (:mod:`ingest.fetch.guard`) checks every hop. Failures raise a
:class:`FetchError` whose ``reason`` is a short machine word.
"""

from __future__ import annotations

import random
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Iterable, Mapping
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from ingest.errors import Blocked, FetchError
from ingest.fetch import robots as robots_mod
from ingest.fetch.guard import GuardedTransport, check_url
from ingest.fetch.response import (
    FEED, HEADERS_OF_INTEREST, HTML, JSON, BadContentType, ConnectionFailed, DecodingFailed, FetchResult,
    FetchTimeout, HTTPStatusError, RedirectLoop, RobotsDisallowed, TooLarge, TooManyRedirects, Truncated,
    Validators, accept_header, content_type_ok, media_type, parse_retry_after,
)
from ingest.settings import FetchSettings

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
NOT_RETRIED_5XX = frozenset({501, 505})


def host_key(url: str) -> str:
    """Rate-limit key: scheme-less ``host:port``."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{(parts.hostname or '').lower()}:{port}"


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _without_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


class HostRateLimiter:
    """At most one request per ``delay`` seconds per host, across threads.

    Each caller reserves the next free slot under the lock, then sleeps
    outside it, so threads for different hosts never wait on each other.
    """

    def __init__(self, delay: float, *, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay = max(0.0, delay)
        self._next: dict[str, float] = {}
        self._delays: dict[str, float] = {}
        self._lock = threading.Lock()
        self._clock = clock
        self._sleep = sleep

    def set_delay(self, key: str, delay: float) -> None:
        with self._lock:
            self._delays[key] = max(self.delay, delay)

    def wait(self, key: str) -> float:
        """Block until this host may be asked again; return the seconds waited."""
        with self._lock:
            now = self._clock()
            slot = max(now, self._next.get(key, now))
            self._next[key] = slot + self._delays.get(key, self.delay)
        pause = slot - now
        if pause > 0:
            self._sleep(pause)
        return pause


@dataclass
class _Answer:
    status: int
    headers: dict[str, str]
    content: bytes
    location: str | None = None


class Fetcher:
    """A polite HTTP client for one run; use as a context manager.

    ``transport`` replaces the guarded transport (tests of the guard itself
    should not); ``sleep`` lets tests observe waits.
    """

    def __init__(
        self,
        cfg: FetchSettings,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.cfg = cfg
        self._sleep = sleep
        self._client = httpx.Client(
            transport=transport or GuardedTransport(self.cfg),
            headers={"User-Agent": self.cfg.user_agent},
            follow_redirects=False,
            trust_env=False,
            timeout=httpx.Timeout(self.cfg.fetch_timeout),
        )
        self.limiter = HostRateLimiter(self.cfg.host_delay, sleep=sleep)
        self._robots: dict[str, robots_mod.RobotsRules] = {}
        self._robots_locks: defaultdict[str, threading.Lock] = defaultdict(threading.Lock)
        self._lock = threading.Lock()

    # -- lifecycle -----------------------------------------------------------
    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # -- public API ----------------------------------------------------------
    def fetch(
        self,
        url: str,
        *,
        accept: Iterable[str] | None = None,
        validators: Validators | None = None,
        check_robots: bool = True,
    ) -> FetchResult:
        """GET ``url``; a 2xx or 304 is a result, anything else raises FetchError."""
        started = time.monotonic()
        accept = frozenset(accept) if accept is not None else None
        current = url
        visited: set[str] = set()
        hops = 0
        while True:
            self._guard(current, url, hops)  # also rejects malformed URLs, so splitting below is safe
            key = _without_fragment(current)
            if key in visited:
                raise RedirectLoop(url, f"back to {current}")
            visited.add(key)
            if check_robots:
                self._check_robots(current)
            headers = {"Accept": accept_header(accept)}
            if validators:
                headers.update(validators.headers())
            answer = self._with_retries(current, headers, accept, self.cfg.fetch_retries)
            if answer.status in REDIRECT_STATUSES and answer.location:
                hops += 1
                if hops > self.cfg.fetch_max_redirects:
                    raise TooManyRedirects(url, f"more than {self.cfg.fetch_max_redirects}")
                try:
                    current = urljoin(current, answer.location.strip())
                except ValueError:
                    raise Blocked(f"malformed redirect to {answer.location[:200]}", url) from None
                continue
            if answer.status == 304 or 200 <= answer.status < 300:
                return FetchResult(
                    url=url,
                    final_url=current,
                    status=answer.status,
                    headers=answer.headers,
                    content=answer.content if answer.status != 304 else b"",
                    fetched_at=datetime.now(timezone.utc),
                    not_modified=answer.status == 304,
                    elapsed=time.monotonic() - started,
                )
            raise HTTPStatusError(url, answer.status, "" if current == url else f"at {current}")

    def fetch_many(
        self,
        urls: Iterable[str],
        *,
        accept: Iterable[str] | None = None,
        validators: Mapping[str, Validators] | None = None,
        workers: int = 4,
        check_robots: bool = True,
    ) -> dict[str, FetchResult | FetchError]:
        """Fetch concurrently; every URL maps to its result or its error (never raises).

        URLs are interleaved by host so a slow-to-please host (rate limit)
        does not hold every worker while other hosts wait.
        """
        unique = list(dict.fromkeys(urls))
        validators = validators or {}

        def one(u: str) -> FetchResult | FetchError:
            try:
                return self.fetch(u, accept=accept, validators=validators.get(u), check_robots=check_robots)
            except FetchError as exc:
                return exc
            except Exception as exc:  # never let one URL break the batch
                return FetchError("error", str(u), f"{type(exc).__name__}: {exc}")

        order = _interleave_by_host(unique)
        with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="fetch") as pool:
            done = dict(zip(order, pool.map(one, order), strict=True))
        return {u: done[u] for u in unique}

    def robots_for(self, url: str) -> robots_mod.RobotsRules:
        """The robots.txt rules of the URL's origin, fetched once per run."""
        key = origin(url)
        with self._lock:
            cached = self._robots.get(key)
            lock = self._robots_locks[key]
        if cached is not None:
            return cached
        with lock:
            with self._lock:
                cached = self._robots.get(key)
            if cached is None:
                cached = self._load_robots(key)
                with self._lock:
                    self._robots[key] = cached
                if cached.crawl_delay:
                    self.limiter.set_delay(host_key(url), min(cached.crawl_delay, self.cfg.fetch_max_retry_after))
        return cached

    # -- internals -----------------------------------------------------------
    def _guard(self, current: str, asked: str, hops: int) -> None:
        try:
            check_url(current, self.cfg)
        except Blocked as exc:
            where = f"redirect to {current}: " if hops else ""
            raise Blocked(where + exc.detail, asked) from None
        except OSError:
            pass  # DNS failure: the request attempt reports it (and retries)

    def _check_robots(self, url: str) -> None:
        rules = self.robots_for(url)
        if rules.allowed(url):
            return
        if rules.failure == "connection":  # the host itself is unreachable: say so
            raise ConnectionFailed(url, "while fetching robots.txt")
        if rules.failure == "timeout":
            raise FetchTimeout(url, "while fetching robots.txt")
        detail = f"robots.txt {rules.source}" if rules.disallow_all else "disallowed by robots.txt"
        raise RobotsDisallowed(url, detail)

    def _load_robots(self, base: str) -> robots_mod.RobotsRules:
        """RFC 9309: 2xx parse, 4xx allow all, 5xx/unreachable disallow all (for this run)."""
        url = f"{base}/robots.txt"
        current, visited = url, {url}
        for _hop in range(6):  # RFC 9309 2.3.1.2: follow at least five redirects
            try:
                check_url(current, self.cfg)
                answer = self._with_retries(current, {"Accept": "text/plain, */*;q=0.1"}, None, 1, truncate=True)
            except Blocked as exc:
                return robots_mod.RobotsRules.forbid_everything("blocked", exc.detail)
            except OSError as exc:
                return robots_mod.RobotsRules.forbid_everything("connection", type(exc).__name__)
            except FetchError as exc:
                return robots_mod.RobotsRules.forbid_everything(exc.reason)
            if answer.status in REDIRECT_STATUSES and answer.location:
                try:
                    current = urljoin(current, answer.location.strip())
                except ValueError:
                    return robots_mod.RobotsRules.allow_everything("bad_redirect")
                if current in visited:
                    return robots_mod.RobotsRules.allow_everything("redirect_loop")
                visited.add(current)
                continue
            if 200 <= answer.status < 300:
                text = answer.content.decode("utf-8", errors="replace")
                return robots_mod.parse(text, self.cfg.user_agent)
            if 400 <= answer.status < 500 and answer.status != 429:
                return robots_mod.RobotsRules.allow_everything()
            return robots_mod.RobotsRules.forbid_everything(f"http_{answer.status}")
        return robots_mod.RobotsRules.allow_everything("too_many_redirects")

    def _with_retries(
        self, url: str, headers: dict[str, str], accept: frozenset[str] | None, retries: int, *, truncate: bool = False
    ) -> _Answer:
        """One request with retries on 429/5xx/connection failures and backoff."""
        attempt = 0
        while True:
            try:
                answer = self._attempt(url, headers, accept, truncate=truncate)
            except (ConnectionFailed, Truncated):
                if attempt >= retries:
                    raise
                wait = self._backoff(attempt)
            else:
                retryable = answer.status == 429 or (answer.status >= 500 and answer.status not in NOT_RETRIED_5XX)
                if not retryable:
                    return answer
                retry_after = parse_retry_after(answer.headers.get("retry-after"))
                if attempt >= retries:
                    raise HTTPStatusError(url, answer.status, f"after {attempt + 1} attempts", retry_after)
                if retry_after is not None and retry_after > self.cfg.fetch_max_retry_after:
                    raise HTTPStatusError(url, answer.status, f"Retry-After {retry_after:.0f}s exceeds the cap", retry_after)
                wait = max(self._backoff(attempt), retry_after or 0.0)
            attempt += 1
            self._sleep(wait)

    def _backoff(self, attempt: int) -> float:
        base = self.cfg.fetch_backoff * (2**attempt)
        return base + random.uniform(0, base / 10)

    def _attempt(self, url: str, headers: dict[str, str], accept: frozenset[str] | None, *, truncate: bool = False) -> _Answer:
        """A single GET with a total deadline, size cap and content-type check."""
        self.limiter.wait(host_key(url))
        cfg = self.cfg
        deadline = time.monotonic() + cfg.fetch_timeout
        try:
            request = self._client.build_request("GET", url, headers=headers)
            response = self._client.send(request, stream=True)
        except Blocked as exc:
            raise Blocked(exc.detail, url) from None
        except httpx.ConnectTimeout as exc:
            raise ConnectionFailed(url, f"connect timeout: {exc}") from None
        except httpx.TimeoutException as exc:
            raise FetchTimeout(url, f"no answer within {cfg.fetch_timeout:g}s ({type(exc).__name__})") from None
        except (httpx.TransportError, OSError) as exc:
            raise ConnectionFailed(url, f"{type(exc).__name__}: {exc}") from None
        except httpx.InvalidURL as exc:
            raise Blocked(f"invalid URL: {exc}", url) from None
        try:
            kept = {k: response.headers[k] for k in HEADERS_OF_INTEREST if k in response.headers}
            status = response.status_code
            if status in REDIRECT_STATUSES or not 200 <= status < 300:
                _drain(response)
                return _Answer(status, kept, b"", response.headers.get("location") if status in REDIRECT_STATUSES else None)
            if not content_type_ok(kept.get("content-type", ""), accept):
                raise BadContentType(url, f"got {media_type(kept.get('content-type', '')) or 'none'}")
            declared = kept.get("content-length", "")
            if not truncate and declared.isdigit() and int(declared) > cfg.fetch_max_bytes:
                raise TooLarge(url, f"Content-Length {declared} > {cfg.fetch_max_bytes}")
            body = self._read_body(response, url, deadline, truncate)
            return _Answer(status, kept, body)
        finally:
            response.close()

    def _read_body(self, response: httpx.Response, url: str, deadline: float, truncate: bool) -> bytes:
        cap = robots_mod.MAX_ROBOTS_BYTES if truncate else self.cfg.fetch_max_bytes
        chunks: list[bytes] = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                chunks.append(chunk)
                if size > cap:
                    if truncate:
                        return b"".join(chunks)[:cap]
                    raise TooLarge(url, f"body over {cap} bytes")
                if time.monotonic() > deadline:
                    raise FetchTimeout(url, f"body not complete within {self.cfg.fetch_timeout:g}s")
        except httpx.DecodingError as exc:
            raise DecodingFailed(url, str(exc)) from None
        except httpx.TimeoutException:
            raise FetchTimeout(url, f"body stalled for {self.cfg.fetch_timeout:g}s") from None
        except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise Truncated(url, f"body incomplete: {exc}") from None
        return b"".join(chunks)


def _drain(response: httpx.Response, limit: int = 65_536) -> None:
    """Read a small unwanted body so the connection can be reused; big ones are dropped."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) <= limit:
        try:
            response.read()
        except httpx.HTTPError:
            pass


def _interleave_by_host(urls: list[str]) -> list[str]:
    buckets: dict[str, list[str]] = {}
    for u in urls:
        try:
            key = host_key(u)
        except (ValueError, TypeError, AttributeError):  # malformed: fetch() reports it
            key = ""
        buckets.setdefault(key, []).append(u)
    out: list[str] = []
    queues = list(buckets.values())
    while queues:
        for q in queues:
            out.append(q.pop(0))
        queues = [q for q in queues if q]
    return out


def fetch_many(
    urls: Iterable[str],
    cfg: FetchSettings,
    *,
    accept: Iterable[str] | None = None,
    validators: Mapping[str, Validators] | None = None,
    workers: int = 4,
) -> dict[str, FetchResult | FetchError]:
    """Fetch URLs with a fresh :class:`Fetcher`; see :meth:`Fetcher.fetch_many`."""
    with Fetcher(cfg) as fetcher:
        return fetcher.fetch_many(urls, accept=accept, validators=validators, workers=workers)


__all__ = [
    "FEED",
    "HTML",
    "JSON",
    "BadContentType",
    "Blocked",
    "ConnectionFailed",
    "DecodingFailed",
    "FetchError",
    "FetchResult",
    "FetchTimeout",
    "Fetcher",
    "HTTPStatusError",
    "HostRateLimiter",
    "RedirectLoop",
    "RobotsDisallowed",
    "TooLarge",
    "TooManyRedirects",
    "Truncated",
    "Validators",
    "content_type_ok",
    "fetch_many",
    "parse_retry_after",
]
