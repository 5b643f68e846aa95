"""robots.txt rules per RFC 9309, as a pure parser (the fetcher does the I/O).

Python's ``urllib.robotparser`` applies the first matching rule and knows no
``*`` / ``$`` wildcards; RFC 9309 wants the longest match (``Allow`` wins a
tie) and wildcards, which real news sites use, so the parser lives here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309 2.5: parse at least the first 500 KiB


@dataclass(frozen=True)
class Rule:
    allow: bool
    pattern: str

    def regex(self) -> re.Pattern[str]:
        anchored = self.pattern.endswith("$")
        body = self.pattern[:-1] if anchored else self.pattern
        expr = ".*".join(re.escape(part) for part in body.split("*"))
        return re.compile(expr + ("$" if anchored else ""), re.DOTALL)


@dataclass(frozen=True)
class RobotsRules:
    """The rules that apply to one crawler on one origin."""

    rules: tuple[Rule, ...] = ()
    crawl_delay: float | None = None
    disallow_all: bool = False  # robots.txt unreachable (5xx): nothing may be fetched
    source: str = "parsed"  # parsed | missing (4xx: allow all) | unreachable (...)
    failure: str = ""  # why robots.txt could not be had: a FetchError reason (connection, timeout, http_503...)

    @classmethod
    def allow_everything(cls, source: str = "missing") -> "RobotsRules":
        return cls(source=source)

    @classmethod
    def forbid_everything(cls, failure: str = "", detail: str = "") -> "RobotsRules":
        shown = f"{failure}: {detail}" if failure and detail else failure or detail
        return cls(disallow_all=True, source=f"unreachable ({shown})" if shown else "unreachable", failure=failure)

    def allowed(self, url_or_path: str) -> bool:
        """True when the crawler may fetch this URL (or path with query)."""
        parts = urlsplit(url_or_path)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        if path == "/robots.txt":
            return True
        if self.disallow_all:
            return False
        target = unquote(path)
        best: Rule | None = None
        for rule in self.rules:
            if not rule.pattern:
                continue
            if rule.regex().match(target):
                longer = best is None or len(rule.pattern) > len(best.pattern)
                tie_allow = best is not None and len(rule.pattern) == len(best.pattern) and rule.allow
                if longer or tie_allow:
                    best = rule
        return True if best is None else best.allow


def product_token(user_agent: str) -> str:
    """The crawler's product token: the leading name of its User-Agent string."""
    match = re.match(r"[A-Za-z_-]+", user_agent.strip())
    return match.group(0).lower() if match else "*"


@dataclass
class _Group:
    agents: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    crawl_delay: float | None = None


def parse(text: str, user_agent: str) -> RobotsRules:
    """Rules for ``user_agent`` from a robots.txt body.

    Groups naming our product token (case-insensitive) are merged; without
    one, the ``*`` groups apply; without those, everything is allowed.
    """
    token = product_token(user_agent)
    groups: list[_Group] = []
    current: _Group | None = None
    in_agents = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (s.strip() for s in line.split(":", 1))
        key = key.lower()
        if key == "user-agent":
            if not in_agents:
                current = _Group()
                groups.append(current)
                in_agents = True
            assert current is not None
            current.agents.append(value.lower())
            continue
        if current is None:
            continue  # rules before any user-agent line belong to no group
        in_agents = False
        if key in ("allow", "disallow"):
            current.rules.append(Rule(allow=key == "allow", pattern=unquote(value)))
        elif key == "crawl-delay":
            try:
                current.crawl_delay = max(0.0, float(value))
            except ValueError:
                pass
    chosen = [g for g in groups if token in g.agents] or [g for g in groups if "*" in g.agents]
    rules = tuple(r for g in chosen for r in g.rules)
    delays = [g.crawl_delay for g in chosen if g.crawl_delay is not None]
    return RobotsRules(rules=rules, crawl_delay=max(delays) if delays else None)


__all__ = ["MAX_ROBOTS_BYTES", "Rule", "RobotsRules", "parse", "product_token"]
