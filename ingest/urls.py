"""URLs: one validator, the canonical form that keys an article, its document id,
and whether two addresses belong to the same site.

* :func:`http_url` is the one check every module uses: an absolute http(s) URL
  (optionally resolved against a base), or ``None``.
* :func:`canonical_url` folds the many addresses of one article (tracking
  parameters, AMP and mobile variants, default ports, fragments) into one
  identity key; the fetchable address stays in ``Article.url``. Tracking
  parameters are courlan's list plus a few news-specific ones. courlan's own
  ``normalize_url`` is not used for the key: it decodes HTML entities inside
  query strings (``&section=`` becomes ``§ion=``) and its strict mode drops
  parameters that identify an article.
* :func:`registered_domain` is the public-suffix-aware domain (courlan, on the
  ``tld`` package's list): ``www.yna.co.kr`` → ``yna.co.kr``, ``evil.co.kr`` →
  ``evil.co.kr``, so :func:`same_site` never takes ``co.kr`` or ``co.uk`` for a site.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

from courlan import extract_domain
from courlan.clean import TRACKERS_RE

from ingest.errors import ConfigError

MAX_URL = 2048
SCHEMES = {"http": 80, "https": 443}

# Beyond courlan's trackers: parameters that never identify a news article.
EXTRA_TRACKING = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid", "mc_cid",
     "mc_eid", "ref", "ref_src", "ref_url", "cmpid", "ncid", "ocid", "smid", "sr_share", "_ga", "_gl",
     "spm", "s_cid", "guccounter", "amp"}
)
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hsa_", "vero_", "oly_")
# Parameters that only choose a navigation context on a given site, never the article.
HOST_PARAMS = {
    "yna.co.kr": frozenset({"section", "site", "input", "mobile"}),
    "koreaherald.com": frozenset({"np", "mp", "kr"}),
    "koreatimes.co.kr": frozenset({"tm"}),
}
HOST_PREFIXES = ("www.", "m.", "mobile.", "amp.")


class URLError(ConfigError):
    """Not an absolute http(s) URL."""

    reason = "bad_url"


def http_url(url: object, base: str | None = None) -> str | None:
    """``url`` as an absolute http(s) URL (resolved against ``base``), or None when it is not one."""
    if not isinstance(url, str) or not url.strip():
        return None
    try:
        absolute = urljoin(base or "", url.strip()) if base else url.strip()
        parts = urlsplit(absolute)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return None
    if parts.scheme.lower() not in SCHEMES or not parts.hostname or len(absolute) > MAX_URL:
        return None
    if any(ch.isspace() for ch in parts.netloc):
        return None
    return absolute


def require_http_url(url: object, what: str = "URL") -> str:
    """:func:`http_url` or a one-line :class:`URLError`."""
    checked = http_url(url)
    if checked is None:
        raise URLError(f"{what} must be an absolute http(s) URL, got {str(url)[:200]!r}")
    return checked


def _tracking(key: str, value: str, host_params: frozenset[str]) -> bool:
    low = key.lower()
    if low in EXTRA_TRACKING or low.startswith(TRACKING_PREFIXES) or low in host_params:
        return True
    if low == "outputtype" and value.lower() == "amp":
        return True
    return bool(TRACKERS_RE.search(low))


def _host_params(host: str) -> frozenset[str]:
    domain = registered_domain_of_host(host)
    return HOST_PARAMS.get(domain, frozenset())


def _strip_host(host: str) -> str:
    changed = True
    while changed:
        changed = False
        for prefix in HOST_PREFIXES:
            rest = host[len(prefix):]
            if host.startswith(prefix) and "." in rest:
                host, changed = rest, True
    return host


def _normalize_path(path: str) -> str:
    # Decode what needs no encoding, encode what must be, so %7E and ~ agree.
    path = quote(unquote(path), safe="/:@!$&'()*+,;=-._~%")
    path = re.sub(r"/{2,}", "/", path) or "/"
    trailing = path.endswith("/")
    path = "/".join(s for s in path.split("/") if s.lower() != "amp") or "/"
    if trailing and not path.endswith("/"):
        path += "/"
    path = re.sub(r"\.amp(\.html?)$", r"\1", path, flags=re.IGNORECASE)
    path = re.sub(r"\.amp$", "", path, flags=re.IGNORECASE)
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/") or "/"
    return path or "/"


def canonical_url(url: str) -> str:
    """One key for every variant of an article's address. Raises :class:`URLError`."""
    raw = (url or "").strip() if isinstance(url, str) else ""
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as exc:
        raise URLError(f"bad URL {raw[:200]!r}: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES or not parts.hostname:
        raise URLError(f"not an absolute http(s) URL: {raw[:200]!r}")
    host = parts.hostname.lower().rstrip(".")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            pass
    host = _strip_host(host)
    netloc = host if port in (None, SCHEMES[scheme]) else f"{host}:{port}"
    drop = _host_params(host)
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k, v, drop))
    return urlunsplit((scheme, netloc, _normalize_path(parts.path), urlencode(query), ""))


def clean_url(url: str) -> str:
    """The fetchable address without tracking parameters and fragment (host and path as given)."""
    parts = urlsplit(url)
    drop = _host_params((parts.hostname or "").lower())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k, v, drop)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(query), ""))


def doc_id(url: str) -> str:
    """Stable document id: sha1 of the canonical URL, 20 hex characters."""
    return hashlib.sha1(canonical_url(url).encode("utf-8")).hexdigest()[:20]


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


@lru_cache(maxsize=4096)
def registered_domain_of_host(host: str) -> str:
    host = host.lower().rstrip(".")
    if not host or _is_ip(host) or "." not in host:
        return host
    domain = extract_domain(f"http://{host}/", fast=False)
    return domain or host


def registered_domain(url: str) -> str:
    """The public-suffix-aware registered domain (``news.bbc.co.uk`` → ``bbc.co.uk``); IPs and bare hosts as they are."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return registered_domain_of_host(host)


def same_site(a: str, b: str) -> bool:
    """True when both URLs are on one registered domain (``en.yna.co.kr`` and ``www.yna.co.kr``; not ``evil.co.kr``)."""
    da, db = registered_domain(a), registered_domain(b)
    return bool(da) and da == db


def claimed_canonical(page_url: str, claimed: str | None, known_as: str | None = None) -> str:
    """The canonical URL of a page: its claim when on the page's own registered domain.

    Otherwise the address the pipeline knows the page by (``known_as``, else the
    page's own URL). A page may not claim another site's URL: that would let it
    overwrite another outlet's document (``evil.co.kr`` claiming ``yna.co.kr``).
    """
    fallback = canonical_url(known_as or page_url)
    if claimed:
        try:
            claim = canonical_url(claimed)
        except URLError:
            return fallback
        if same_site(claim, page_url):
            return claim
    return fallback


__all__ = [
    "URLError", "http_url", "require_http_url", "canonical_url", "clean_url", "doc_id",
    "registered_domain", "same_site", "claimed_canonical", "MAX_URL",
]
