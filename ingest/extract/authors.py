"""Authors: bylines from JSON-LD, <meta>, rel=author or a visible byline, cleaned to plain names.

Cleaning drops "By", roles ("Staff reporter", "기자", "корреспондент"),
e-mail addresses, URLs, agency credits, dates and duplicates.
"""

from __future__ import annotations

import re
from typing import Iterable

from .dates import strip_dates
from .metadata import ld_text
from .text import squash

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# Where a page names its authors (selectors as data).
LD_AUTHOR_KEYS = ("author", "creator")
AUTHOR_META = frozenset({"author", "article:author", "dc.creator", "sailthru.author", "parsely-author", "byl"})
AUTHOR_CLASS = re.compile(r"byline|author|writer|reporter|journalist", re.I)
REL_AUTHOR_LIMIT, BYLINE_LIMIT, BYLINE_MAX_CHARS = 5, 20, 160

_BY = re.compile(r"^(?:(?:written|reported|posted|story|text|words)\s+)?by[:\s]+|^(?:author|автор|авторы|текст|글|사진)\s*[:：]\s*", re.I)
_ROLE_WORDS = re.compile(
    r"\b(?:senior\s+|chief\s+|special\s+|staff\s+|contributing\s+|political\s+|diplomatic\s+|"
    r"foreign\s+|north\s+korea\s+|moscow\s+|seoul\s+)*"
    r"(?:staff\s+reporter|staff\s+writer|reporter|correspondent|columnist|contributor|editor|"
    r"writer|journalist|staff|newsroom|desk|bureau chief)s?\b",
    re.I,
)
_KO_ROLE = re.compile(r"\s*(?:선임기자|기자|특파원|논설위원|객원기자|인턴기자|편집위원)\s*$|^\(.*?=.*?\)\s*")
_RU_ROLE = re.compile(r"\b(?:корреспондент|обозреватель|редактор|журналист)[а-я]*\b", re.I)
_AGENCY = re.compile(r"\((?:yonhap|ap|afp|reuters|tass|ria novosti|interfax|news1|newsis|연합뉴스|뉴스1)\)", re.I)
AGENCY_NAMES = frozenset({
    "ap", "afp", "reuters", "tass", "тасс", "yonhap", "연합뉴스", "ria novosti", "риа новости", "interfax",
    "интерфакс", "news1", "뉴스1", "newsis", "뉴시스", "xinhua", "kcna", "bloomberg", "associated press",
    "agence france-presse", "staff", "agencies", "wire services",
})
_SPLIT_AUTHORS = re.compile(r"\s*(?:,|;|\||/|&|\band\b|\bи\b|·|\n)\s*", re.I)
_BYLINE_TAIL = re.compile(r"\b(?:published|updated|posted|modified|опубликовано|обновлено)\b|입력|수정|송고", re.I)
_URL = re.compile(r"(?:https?://|www\.)\S+")
_KO_PREFIX = re.compile(r"^[(\[][^)\]]*=[^)\]]*[)\]]\s*")  # "(서울=뉴스1)"
_NOT_NAME = re.compile(r"https?://|www\.|\d|@|[{}<>]")
_EDGES = " -–—:=,.()[]"


def _name(part: str) -> str:
    name = _BY.sub("", part.strip(_EDGES))
    name = _RU_ROLE.sub(" ", _ROLE_WORDS.sub(" ", name))
    name = _KO_ROLE.sub("", name.strip())
    return squash(name).strip(_EDGES)


def clean_authors(values: Iterable[str]) -> list[str]:
    """Bylines to plain names: no "By", roles, emails, agencies, duplicates."""
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        text = _URL.sub(" ", EMAIL.sub(" ", value or ""))
        text = squash(_KO_PREFIX.sub("", _AGENCY.sub(" ", squash(text))))
        text = strip_dates(_BYLINE_TAIL.split(text)[0])
        text = re.sub(r"\s*=\s*$", "", text)
        for part in _SPLIT_AUTHORS.split(text):
            name = _name(part)
            if not name or len(name) > 60 or len(name) < 2 or _NOT_NAME.search(name):
                continue
            if len(name.split()) > 5 or name.casefold() in AGENCY_NAMES:
                continue
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                out.append(name)
    return out


def _declared(soup, ld: dict) -> list[str]:
    """Authors the page declares: JSON-LD, else <meta>, else rel=author links."""
    for key in LD_AUTHOR_KEYS:
        value = ld.get(key)
        if value:
            return [ld_text(a) for a in (value if isinstance(value, list) else [value])]
    raw = []
    for tag in soup.find_all("meta"):
        key = (tag.get("name") or tag.get("property") or "").lower()
        content = tag.get("content") or ""
        if key in AUTHOR_META and content and not content.startswith("http"):
            raw.append(content)
    return raw or [tag.get_text(" ") for tag in soup.find_all(attrs={"rel": "author"}, limit=REL_AUTHOR_LIMIT)]


def authors(soup, ld: dict) -> list[str]:
    """The page's authors as plain names (empty when it names none)."""
    raw = _declared(soup, ld)
    if raw:
        return clean_authors(raw)
    # Visible bylines: the shortest matching element is the most specific one.
    texts = {squash(tag.get_text(" ")) for tag in soup.find_all(class_=AUTHOR_CLASS, limit=BYLINE_LIMIT)}
    for text in sorted((t for t in texts if 0 < len(t) <= BYLINE_MAX_CHARS), key=len):
        names = clean_authors([text])
        if names:
            return names
    return []


__all__ = ["clean_authors", "authors", "EMAIL"]
