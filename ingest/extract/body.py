"""Main text: trafilatura, checked against a paragraph-density pass with BeautifulSoup.

Trafilatura runs in precision mode (balanced mode without tables when that
finds little). The density pass (the container holding most paragraph text)
fills the gaps trafilatura leaves inside the article and takes over when
trafilatura finds too little; a tag-stripping pass is the last resort for
markup no parser copes with. Lists of headlines, boilerplate lines and
repeated lines are dropped (:mod:`.boilerplate`).
"""

from __future__ import annotations

import html as html_mod
import re
from collections import Counter
from typing import Any

from .boilerplate import dedupe_lines
from .text import SCRIPTISH, TAG, squash

MIN_BODY_CHARS = 250  # shorter bodies are not articles (teasers, stubs)
# A Hangul syllable or a Han character carries about what two or three Latin letters do: a Korean
# brief of four sentences is some 200 characters. In the length a body is held to, each counts twice.
_DENSE_SCRIPT = re.compile(r"[\uac00-\ud7a3\u3400-\u4dbf\u4e00-\u9fff\u3040-\u30ff]")
MIN_TEXT_CHARS = 80  # not even a sentence or two: an app shell, a bare template
INDEX_LINK_SHARE = 0.6  # a "body" mostly made of link text is a list of headlines

# Elements that sit inside article containers but are not article text (trafilatura's prune_xpath).
PRUNE_XPATH = [
    "//figcaption",
    "//*[contains(concat(' ', normalize-space(@class), ' '), 'caption') or contains(@class, '-caption')"
    " or contains(@class, 'caption_') or contains(@class, 'img_caption') or contains(@class, 'photo-credit')]",
    "//*[contains(@class, 'pullquote') or contains(@class, 'pull-quote')]",
    "//*[contains(@class, 'related-article') or contains(@class, 'newsletter') or contains(@class, 'ad-slot')]",
    # A portal's popup layers (Daum's "layer_summary" digest of the story, its "layer_util" font-size
    # sample) repeat or frame the article: not its text.
    "//*[starts-with(@class, 'layer_') or contains(@class, ' layer_')]",
    # Text only screen readers get ("Share this story", "Advertisement") is never article text.
    "//*[contains(@class, 'sr-only') or contains(@class, 'visually-hidden') or contains(@class, 'visuallyhidden')"
    " or contains(@class, 'screen-reader') or contains(@class, 'hide-text')]",
]
# Containers that are never article text in the density pass, by tag or by class/id/role words.
DROP_TAGS = ("script", "style", "noscript", "template", "nav", "footer", "aside", "form", "iframe",
             "svg", "button", "select", "figcaption", "header", "menu", "dialog", "object", "embed")
DROP_WORDS = (
    "comments?", "related", "share", "sharing", "social", "cookie", "consent", "newsletter", "subscribe", "promo",
    r"advert\w*", "ads?", "banner", "sidebar", "footer", r"nav\w*", "menu", "breadcrumbs?", "popular",
    "most-?read", r"recommend\w*", "tags?", "caption", "byline", "author", "dateline", "meta", "toolbar",
    "widget", "pull-?quote", "paywall", "modal", "popup", "read-?more", "more-?stories", "outbrain", "taboola",
    "copyright", "layer", "sr-only", "visually-?hidden", "screen-?reader(?:-text)?", "hide-text",
)
DROP_ATTR = re.compile(r"(?:^|[\s_-])(?:" + "|".join(DROP_WORDS) + r")(?:$|[\s_-])", re.I)
KEEP_TAGS = ("html", "body", "article", "main")
BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre")
SUBHEADINGS = ("h2", "h3", "h4")
MIN_PARAGRAPH_CHARS = 25

# "More stories" lists: every item short, most items mostly link text.
LINK_ITEM_MAX = 200  # longer list items are text, not headlines
LINK_ITEM_SHARE = 0.4  # "The Struggle to Save Lives <a>Inside Gaza's Hospitals</a>" is half link
LINK_LIST_SHARE = 0.75  # of its items; one promo line ("Sign up for our picks") may be plain text
HEADING_MAX = 80


# ---------------------------------------------------------------- trafilatura

def trafilatura_text(html: str, url: str | None, **options: Any) -> str:
    """Trafilatura's text (comments, images, metadata off; :data:`PRUNE_XPATH` pruned); "" when it fails."""
    import trafilatura

    try:
        text = trafilatura.extract(
            html, url=url, include_comments=False, include_images=False, deduplicate=False,
            with_metadata=False, prune_xpath=PRUNE_XPATH, **options,
        )
    except (RecursionError, ValueError, TypeError, AttributeError, IndexError, KeyError):
        return ""
    return text or ""


def precise_text(html: str, url: str | None) -> str:
    return trafilatura_text(html, url, favor_precision=True, include_tables=True)


def _layout_table(text: str) -> bool:
    """Trafilatura renders tables as "| a | b |" rows; a page laid out with a table gives
    rows hundreds of characters long that swallow navigation and article alike."""
    rows = [line for line in text.split("\n") if line.startswith("|")]
    return any(len(row) > 300 for row in rows) and sum(map(len, rows)) > 0.3 * max(1, len(text))


def best_trafilatura_text(html: str, url: str | None) -> str:
    """Precision mode first; if that finds little or only a layout table, balanced mode without tables.
    "Little" is measured as :func:`body_weight`: a Korean photo story of four sentences is enough."""
    text = precise_text(html, url)
    if body_weight(text) < MIN_BODY_CHARS or _layout_table(text):
        other = trafilatura_text(html, url, include_tables=False)
        if len(other) > len(text) or _layout_table(text):
            text = other
    return text


# ---------------------------------------------------------------- density pass

def _link_chars(tag) -> int:
    return sum(len(squash(a.get_text(" "))) for a in tag.find_all("a"))


def _dropped(soup, keep: frozenset[int] | set[int] = frozenset()) -> set[int]:
    """Ids of the nodes inside clutter containers, in one pass in document order; the nodes of
    ``keep`` are never clutter by their class words (their tag still decides)."""
    dropped: set[int] = set()
    for tag in soup.find_all(True):
        parent = tag.parent
        if (parent is not None and id(parent) in dropped) or tag.name in DROP_TAGS:
            dropped.add(id(tag))
            continue
        if tag.name in KEEP_TAGS:
            continue
        attrs = tag.attrs
        words = " ".join(
            [str(attrs.get("id") or "")] + [str(c) for c in (attrs.get("class") or [])] + [str(attrs.get("role") or "")]
        )
        if words.strip() and DROP_ATTR.search(words) and id(tag) not in keep:
            dropped.add(id(tag))
    return dropped


HEADLINE_TAGS = ("h1", "h2", "h3")


def headline_containers(soup, headline: str) -> frozenset[int]:
    """Ids of the elements holding the page's headline shown as a heading: the article itself,
    whatever its class says (Dong-A's newsletter issue sits in ``newsletter_view``)."""
    want = squash(headline)
    ids: set[int] = set()
    for tag in soup.find_all(HEADLINE_TAGS, limit=40) if want else ():
        if squash(tag.get_text(" ")) == want:
            ids.update(id(a) for a in tag.parents)
    return frozenset(ids)


def _nested_block(tag, stop) -> bool:
    """True when a block sits inside another block below ``stop`` (its text is counted there)."""
    for parent in tag.parents:
        if parent is stop:
            return False
        if parent.name in BLOCK_TAGS:
            return True
    return False


def density_blocks(soup, keep: frozenset[int] | set[int] = frozenset()) -> list[str]:
    """Paragraph-density extraction: the container holding most paragraph text wins.

    The tree is never modified (decompose on a deep tree is quadratic in bs4); clutter is
    a set of dropped node ids."""
    dropped = _dropped(soup, keep)
    score: Counter[int] = Counter()
    nodes: dict[int, Any] = {}
    for p in soup.find_all("p"):
        if id(p) in dropped:
            continue
        text = squash(p.get_text(" "))
        parent = p.parent
        if len(text) < MIN_PARAGRAPH_CHARS or parent is None:
            continue
        weight = max(len(text) - 2 * _link_chars(p), 0)
        score[id(parent)] += weight
        nodes[id(parent)] = parent
        if parent.parent is not None:
            score[id(parent.parent)] += weight // 2
            nodes[id(parent.parent)] = parent.parent
    if not score:
        body = soup.body or soup
        lines = [s.strip() for s in body.find_all(string=True) if s.parent is not None and id(s.parent) not in dropped]
        return [line for line in lines if len(line) >= MIN_PARAGRAPH_CHARS]
    best = nodes[score.most_common(1)[0][0]]
    raw: list[tuple[str, str, bool]] = []  # (text, tag name, mostly links)
    for tag in best.find_all(BLOCK_TAGS):
        if id(tag) in dropped or _nested_block(tag, best):
            continue
        text = squash(tag.get_text(" "))
        if text:
            raw.append((("- " + text) if tag.name == "li" else text, tag.name, _link_chars(tag) >= 0.5 * len(text)))
    blocks = []
    for i, (text, name, links) in enumerate(raw):
        if links:
            continue
        # A heading over a list of links ("Related coverage") goes with its links.
        if name in SUBHEADINGS and (i + 1 == len(raw) or raw[i + 1][2]):
            continue
        blocks.append(text)
    return blocks


def regex_blocks(html: str) -> list[str]:
    """Last resort for markup no parser copes with: strip tags, keep long lines."""
    text = SCRIPTISH.sub(" ", html)
    text = re.sub(r"(?i)</?(p|div|br|h\d|li|article|section|blockquote)\b[^>]*>", "\n", text)
    text = html_mod.unescape(TAG.sub(" ", text))
    return [line for line in (squash(raw) for raw in text.split("\n")) if len(line) >= 40]


# ---------------------------------------------------------------- link lists

def link_share(body: str, soup) -> float:
    """Share of the body's paragraphs that are mostly link text (index pages are lists of headlines)."""
    anchors = {squash(a.get_text(" ")).casefold() for a in soup.find_all("a", limit=5000)}
    anchors = {a for a in anchors if len(a) >= 15}
    paras = [p.casefold() for p in body.split("\n\n") if p]
    if not paras:
        return 0.0
    linked = 0
    for para in paras:
        covered = max((len(a) for a in anchors if a in para), default=0)
        if covered >= 0.5 * len(para):
            linked += len(para)
    return linked / max(1, sum(len(p) for p in paras))


def _key(line: str) -> str:
    return squash(line.lstrip("-•* ")).casefold()


def link_lists(soup) -> set[str]:
    """Keys of the items of "more stories" lists, and of the heading right above each.

    Trafilatura keeps a list of headlines after the article ("More must-reads: - ...") because
    it reads as a list; in the markup every item is short and most items are mostly link
    text, which a list inside the article text is not. Only lists of two or more items count."""
    keys: set[str] = set()
    for lst in soup.find_all(("ul", "ol"), limit=3000):
        items = lst.find_all("li", recursive=False)
        if len(items) < 2:
            continue
        texts, linked_items = [], 0
        for li in items:
            text = squash(li.get_text(" "))
            if len(text) > LINK_ITEM_MAX:
                break
            linked_items += bool(text) and _link_chars(li) >= LINK_ITEM_SHARE * len(text)
            texts.append(text)
        else:
            if linked_items < LINK_LIST_SHARE * len(items):
                continue
            keys.update(_key(t) for t in texts if t)
            heading = lst.find_previous_sibling(True)
            if heading is not None and heading.name in ("h2", "h3", "h4", "h5", "h6"):
                text = squash(heading.get_text(" "))
                if text and len(text) <= HEADING_MAX:
                    keys.add(_key(text))
    return keys


# ---------------------------------------------------------------- choice

def fill_gaps(traf_lines: list[str], bs_lines: list[str]) -> list[str]:
    """Trafilatura sometimes drops a subheading or list inside the article. When the density
    pass saw the same article (it holds nearly all of trafilatura's lines, in order), take the
    density pass's blocks between trafilatura's first and last line."""
    if not traf_lines or not bs_lines:
        return traf_lines
    position = {_key(line): i for i, line in enumerate(bs_lines)}
    found = [position.get(_key(line)) for line in traf_lines]
    covered = sum(len(line) for line, idx in zip(traf_lines, found) if idx is not None)
    hits = [idx for idx in found if idx is not None]
    if covered < 0.9 * sum(map(len, traf_lines)) or hits != sorted(hits):
        return traf_lines
    have = {_key(line) for line in traf_lines}
    out: list[str] = []
    prev = None
    for line, idx in zip(traf_lines, found):
        if idx is not None and prev is not None:
            out.extend(b for b in bs_lines[prev + 1:idx] if _key(b) not in have)
        out.append(line)
        prev = idx if idx is not None else prev
    return out


def choose_body(traf: str, blocks: list[str], ld_body: str, title: str,
                link_keys: frozenset[str] | set[str] = frozenset()) -> str:
    """The body from trafilatura's text, the density pass's blocks and JSON-LD's articleBody."""
    traf_lines = [line for line in dedupe_lines(traf.split("\n"), title) if _key(line) not in link_keys]
    bs_lines = [line for line in dedupe_lines(blocks, title) if _key(line) not in link_keys]
    traf_text = "\n\n".join(fill_gaps(traf_lines, bs_lines))
    bs_text = "\n\n".join(bs_lines)
    ld_text = "\n\n".join(dedupe_lines(re.split(r"\n+", ld_body), title)) if ld_body else ""
    best = traf_text
    # Trafilatura in precision mode can drop a real article's lead or tail; the density pass
    # is noisier, so it wins only when trafilatura clearly found too little.
    if len(best) < MIN_BODY_CHARS or len(bs_text) > 2 * len(best):
        if len(bs_text) > len(best):
            best = bs_text
    if len(best) < MIN_BODY_CHARS and len(ld_text) > len(best):
        best = ld_text
    return best


# Site chrome read as a body: region pickers, currency strips, menus and headline lists are
# paragraphs of a few words with no sentence in them.
CHROME_ITEM_CHARS = 60  # a paragraph this short without a sentence end is a menu or list item
CHROME_SHARE = 0.7  # of the text's characters in such items: the "body" is chrome
CHROME_MIN_ITEMS = 4
_SENTENCE_END = re.compile(r"[.!?。…\"”»’)]$|[다요죠]\.?$")


def chrome_reason(text: str) -> str | None:
    """Why ``text`` is site chrome and not an article ("7 of 8 paragraphs are menu or list
    items"), or None when it reads as prose."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    items = [p for p in paragraphs if len(p) < CHROME_ITEM_CHARS and not _SENTENCE_END.search(p)]
    total = sum(len(p) for p in paragraphs)
    if len(items) >= CHROME_MIN_ITEMS and total and sum(len(p) for p in items) / total > CHROME_SHARE:
        return f"chrome: {len(items)} of {len(paragraphs)} paragraphs are menu or list items"
    return None


def body_weight(text: str) -> int:
    """The length :data:`MIN_BODY_CHARS` is measured in: characters, a Hangul syllable, kana or Han
    character counting twice (a 212-character Korean brief of four sentences is an article)."""
    return len(text) + len(_DENSE_SCRIPT.findall(text))


def teaser(html: str, url: str | None, title: str) -> str:
    """The article part of a page marked paywalled, when it is only a teaser (else "").

    What surrounds a teaser (offers, menus) is not the article, however long it is."""
    text = "\n\n".join(dedupe_lines(precise_text(html, url).split("\n"), title))
    return text if MIN_TEXT_CHARS <= len(text) < MIN_BODY_CHARS else ""


__all__ = [
    "MIN_BODY_CHARS", "MIN_TEXT_CHARS", "INDEX_LINK_SHARE", "PRUNE_XPATH", "trafilatura_text",
    "best_trafilatura_text", "density_blocks", "regex_blocks", "link_share", "link_lists", "fill_gaps",
    "choose_body", "teaser", "chrome_reason", "body_weight",
]
