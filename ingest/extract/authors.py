"""Authors: bylines from JSON-LD, <meta>, rel=author, the embedded state or a visible byline,
cleaned to plain names.

The order is fixed: structured data first (JSON-LD ``author`` people, then
``<meta name=author>``, then ``rel=author`` links), then the page's embedded state,
then a byline element of the article. Nothing is read from navigation, related,
recommendation, most-read, premium or sidebar blocks. Organisations, photo credits
and agencies are not people: an agency named as the author is the page's ``source``.
A byline in the text itself ("○○○ 기자", "KBS 뉴스 ○○○입니다", "Автор: …") is read by
:mod:`.furniture` from the outlet formats. Cleaning drops "By", roles ("Staff
reporter", "기자", "корреспондент"), e-mail addresses, URLs, agency credits, dates
and duplicates. The same bytes give the same names in the same order, always.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from .dates import strip_dates
from .metadata import ld_text
from .text import squash

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

# Where a page names its authors (selectors as data).
LD_AUTHOR_KEYS = ("author", "creator")
AUTHOR_META = frozenset({"author", "article:author", "dc.creator", "sailthru.author", "parsely-author", "byl"})
AUTHOR_CLASS = re.compile(r"byline|author|writer|reporter|journalist|contributor", re.I)
REL_AUTHOR_LIMIT, BYLINE_LIMIT, BYLINE_MAX_CHARS = 5, 20, 160
HEADINGS = ("h1", "h2", "h3")

# "By" before a name; glued to a Hangul name ("by남궁민관 기자", Edaily's AMP line) too, a Latin word
# never being part of a Korean name
_BY = re.compile(r"^(?:(?:written|reported|posted|story|text|words)\s+)?by(?:[:\s]+|(?=[가-힣]))|"
                 r"^(?:author|автор|авторы|[тt]екст|글|사진)\s*[:：]\s*", re.I)
_ROLE_WORDS = re.compile(
    r"\b(?:senior\s+|chief\s+|special\s+|staff\s+|contributing\s+|political\s+|diplomatic\s+|"
    r"foreign\s+|north\s+korea\s+|moscow\s+|seoul\s+)*"
    r"(?:staff\s+reporter|staff\s+writer|reporter|correspondent|columnist|contributor|editor|"
    r"writer|journalist|staff|newsroom|desk|bureau chief)s?\b",
    re.I,
)
_KO_ROLE = re.compile(r"\s*(?:선임기자|기자|특파원|논설위원|객원기자|인턴기자|편집위원|기상캐스터|앵커|아나운서|통신원)\s*$|^\(.*?=.*?\)\s*|^[가-힣]{1,10}(?:\([가-힣]{1,10}\))?=(?=[가-힣])")
_RU_ROLE = re.compile(r"\b(?:корреспондент|обозреватель|редактор|журналист)[а-я]*\b", re.I)
_AGENCY = re.compile(r"\((?:yonhap|ap|afp|reuters|tass|ria novosti|interfax|news1|newsis|연합뉴스|뉴스1)\)", re.I)
AGENCY_NAMES = frozenset({
    "ap", "afp", "reuters", "tass", "тасс", "yonhap", "연합뉴스", "ria novosti", "риа новости", "interfax",
    "интерфакс", "news1", "뉴스1", "newsis", "뉴시스", "xinhua", "kcna", "bloomberg", "associated press",
    "agence france-presse", "staff", "agencies", "wire services", "ria", "риа", "интерфакс.ру", "interfax.ru",
    "итар-тасс", "прайм", "рбк", "rbc", "reuters/tass", "연합뉴스tv", "редакция", "editorial board",
})
# Not a person: organisations, outlets, photo credits (a name with these in it is no author).
NOT_PERSON = re.compile(
    r"\.(?:ru|com|kr|ua|net|org)\b|\b(?:news|media|press|agency|online|group|desk|team|"
    r"staff|editor(?:ial)?s?)\b|новост|редакци|пресс-служб|агентств|издани|газет|журнал|телеканал|"
    r"^фото|фото\s|инстаграм|telegram|телеграм|^photo|뉴스|일보|신문|방송|통신|닷컴|제공|사진|자료|^ⓒ|©|"
    r"^(?:автор|авторы|author|authors|by|текст|written by|글|기자)$",
    re.I)
# Blocks a byline is never read from: other articles' previews and the site around the article.
NOT_ARTICLE_TAGS = frozenset({"nav", "aside", "footer"})
# A credit inside a picture ("Владимир Смирнов / ТАСС" in a span classed "…__author") is the
# photographer's, not a byline.
PICTURE_TAGS = ("figure", "figcaption")
NOT_ARTICLE_BLOCK = re.compile(
    r"related|recommend|most|popular|rank|sidebar|aside|premium|plus_|partner|news-?feed|feed-list|"
    r"also|more|widget|promo|trend|teaser|banner|live|footer|gnb|menu|nav", re.I)
NOT_ARTICLE_DEPTH = 12  # ancestors looked at
# "X with AP"; Russian "и" only between spaces (the initials of "В.И. Денисов" are no conjunction)
_SPLIT_AUTHORS = re.compile(r"\s*(?:,|;|\||/|&|\band\b|\bwith\b|(?<=\s)и(?=\s)|·|\n)\s*", re.I)
# what follows the name: a time stamp, or a dash and the author's titles ("В.И. Денисов – доктор наук, профессор")
_BYLINE_TAIL = re.compile(r"\b(?:published|updated|posted|modified|опубликовано|обновлено)\b|입력|수정|송고|\s[–—]\s", re.I)
_URL = re.compile(r"(?:https?://|www\.)\S+")
_KO_PREFIX = re.compile(r"^[(\[](?:[^()\[\]=]|\([^()=]*\))*=[^)\]]*[)\]]\s*")  # "(서울=뉴스1)", "(블라디보스토크(러시아)=뉴스1)"
_NOT_NAME = re.compile(r"https?://|www\.|\d|@|[{}<>]")
_ACRONYM = re.compile(r"^[A-Z&]{2,6}$")  # an outlet's initials ("KBS" on a portal's info line), never a person
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
            if len(name.split()) > 5 or name.casefold() in AGENCY_NAMES or NOT_PERSON.search(name) or _ACRONYM.match(name):
                continue
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                out.append(name)
    return out


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    source: str | None = None  # the agency whose copy this is, when the page names one as its author


def _outside_article(tag, foreign: frozenset[int] = frozenset()) -> bool:
    """Whether ``tag`` sits in navigation, a related/recommended/premium box or a sidebar, or in
    one of the ``foreign`` blocks (ids of the elements its outlet's ``not_article`` names)."""
    node, depth = tag, 0
    while node is not None and depth < NOT_ARTICLE_DEPTH and getattr(node, "name", None) not in (None, "[document]"):
        if node.name in NOT_ARTICLE_TAGS or id(node) in foreign:
            return True
        marks = " ".join([*(node.get("class") or []), node.get("id") or ""])
        if marks and NOT_ARTICLE_BLOCK.search(marks):
            return True
        node, depth = node.parent, depth + 1
    return False


def _agency(name: str) -> str | None:
    key = squash(name).casefold()
    return squash(name) if key in AGENCY_NAMES and key not in {"staff", "agencies", "wire services", "редакция",
                                                                 "editorial board"} else None


def _ld_people(ld: dict) -> tuple[list[str], str | None]:
    people: list[str] = []
    source = None
    for key in LD_AUTHOR_KEYS:
        value = ld.get(key)
        for item in value if isinstance(value, list) else [value] if value else []:
            kind = str(item.get("@type") or "").lower() if isinstance(item, dict) else ""
            name = ld_text(item)
            if not name:
                continue
            if kind and kind != "person":  # Organization, NewsMediaOrganization…: not a person
                source = source or _agency(name)
                continue
            people.append(name)
        if people:
            break
    return people, source


def _meta_authors(soup, site: str | None) -> list[str]:
    raw = []
    for tag in soup.find_all("meta"):
        key = (tag.get("name") or tag.get("property") or "").lower()
        content = tag.get("content") or ""
        if key in AUTHOR_META and content and not content.startswith("http"):
            if site and squash(content).casefold() == site.casefold():
                continue
            raw.append(content)
    return raw


def _foreign(soup, url: str | None) -> frozenset[int]:
    """The blocks the page's outlet format says are no part of the article (``not_article``), by id."""
    from .outlets import outlet_of

    outlet = outlet_of(url) if url else None
    return frozenset(id(t) for selector in (outlet.not_article if outlet is not None else ())
                     for t in soup.select(selector))


def _outlet_elements(soup, url: str | None, foreign: frozenset[int] = frozenset()) -> list[str]:
    """Texts of the elements the page's outlet format names as its byline (``byline_elements``)."""
    from .outlets import outlet_of

    outlet = outlet_of(url) if url else None
    texts: list[str] = []
    for selector in outlet.byline_elements if outlet is not None else ():
        texts.extend(squash(t.get_text(" ")) for t in soup.select(selector, limit=BYLINE_LIMIT)
                     if not _outside_article(t, foreign))
    return texts


def byline(soup, ld: dict, state_authors: Iterable[str] = (), site: str | None = None,
           url: str | None = None) -> Byline:
    """The page's authors as plain names and, when an agency is named as the author, its ``source``."""
    people, source = _ld_people(ld)
    foreign = _foreign(soup, url)
    for raw in (people, _meta_authors(soup, site),
                [t.get_text(" ") for t in soup.find_all(attrs={"rel": "author"}, limit=REL_AUTHOR_LIMIT)
                 if not _outside_article(t, foreign)],
                list(state_authors)):
        names = clean_authors(raw)
        if names:
            return Byline(names, source)
        source = source or next((a for a in map(_agency, raw) if a), None)
    names = clean_authors(_outlet_elements(soup, url, foreign))  # where the outlet's format says its byline is
    if names:
        return Byline(names, source)
    # Visible bylines of the article (never of a sidebar): the shortest matching element is the
    # most specific one; equal lengths go in page order.
    texts: list[tuple[tuple, str]] = []  # ((tag, classes), text) in page order
    for tag in soup.find_all(class_=AUTHOR_CLASS, limit=BYLINE_LIMIT):
        text = squash(tag.get_text(" "))
        kind = (tag.name, tuple(tag.get("class") or ()))
        if tag.find(HEADINGS):  # a header block holding the headline too, not a byline
            continue
        if tag.name in PICTURE_TAGS or tag.find_parent(PICTURE_TAGS) is not None:  # a photo credit
            continue
        if 0 < len(text) <= BYLINE_MAX_CHARS and (kind, text) not in texts and not _outside_article(tag, foreign):
            texts.append((kind, text))
    for text in sorted(texts, key=lambda t: len(t[1])):  # stable: ties keep page order
        names = clean_authors([text[1]])
        if names:
            # Kommersant and others give each author an element of the same kind: all of them count.
            kin = [t for t in texts if t[0] == text[0]]
            return Byline(clean_authors([t[1] for t in kin]) if len(kin) > 1 else names, source)
    return Byline([], source)


def article_lines(soup, url: str | None = None) -> list[str]:
    """The page's text lines outside navigation, related/recommended boxes and sidebars (and the
    blocks ``url``'s outlet format names ``not_article``)."""
    foreign = _foreign(soup, url)
    lines: list[str] = []
    for node in soup.find_all(string=True):
        parent = node.parent
        if (parent is None or parent.name in ("script", "style", "noscript", "template")
                or _outside_article(parent, foreign)):
            continue
        text = squash(str(node))
        if text:
            lines.append(text)
    return lines


def authors(soup, ld: dict) -> list[str]:
    """The page's authors as plain names (empty when it names none)."""
    return byline(soup, ld).authors


__all__ = ["clean_authors", "authors", "article_lines", "byline", "Byline", "EMAIL", "NOT_PERSON"]
