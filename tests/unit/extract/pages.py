"""Pages and page builders shared by the extraction tests."""

from __future__ import annotations

from tests import FIXTURES

PAGES = FIXTURES / "pages"
SITE = FIXTURES / "site" / "articles"


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p]


def article(meta: str = "", body_extra: str = "", title: str = "Seoul and Moscow hold talks") -> bytes:
    """A plain English article page with ``meta`` in its head and ``body_extra`` above its text."""
    text = " ".join(["South Korean and Russian diplomats met in Moscow to discuss consular issues and trade."] * 5)
    return (f"<html lang='en'><head><title>{title}</title>{meta}</head><body><article><h1>{title}</h1>"
            f"{body_extra}<p>{text}</p><p>{text}</p></article></body></html>").encode()


STORY = [
    "Russian and North Korean officials met in Vladivostok on Tuesday to discuss a new road bridge across the Tumen river.",
    "The bridge, the first road link between the two countries, is due to open next year, the regional governor said.",
    "Officials did not say how much the project would cost or who would pay for the approach roads on either side.",
    "Traders in the border town of Khasan said the link could cut delivery times for building materials by half.",
]


def news_page(extra_in_article: str = "", after_article: str = "") -> bytes:
    """A news page (header, article of :data:`STORY`, footer) with extra markup inside or after the article."""
    paras = "".join(f"<p>{p}</p>" for p in STORY)
    return (
        "<html><head><title>Bridge talks in Vladivostok</title></head><body>"
        "<header><a href='/'>Home</a></header><main><article><h1>Bridge talks in Vladivostok</h1>"
        f"{paras}{extra_in_article}</article>{after_article}</main>"
        "<footer>Contact us</footer></body></html>"
    ).encode()


PAYWALL_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Seoul weighs response to Moscow's new shipping rules | The Peninsula Ledger</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Seoul weighs response to Moscow's new shipping rules", "datePublished": "2025-03-04T09:00:00+09:00",
 "isAccessibleForFree": "False",
 "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": "False", "cssSelector": ".locked"}}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/economy">Economy</a> <a href="/world">World</a></nav>
<article><h1>Seoul weighs response to Moscow's new shipping rules</h1>
<p class="lead">South Korea is weighing how to respond to Russia's new rules for ships calling at Far Eastern ports.
Officials in Seoul said carriers could face delays of up to a week at Vladivostok from next month.</p>
BODY
</article>
<aside class="offer"><h2>Subscribe to keep reading</h2>
<p>Get unlimited access to every story, our daily briefing on North Korea and Russia, the archive since 2011 and
the weekly analysis newsletter written by our correspondents in Seoul, Tokyo and Moscow. Cancel anytime.</p>
<p>Already a subscriber? Log in to continue reading this article and all our coverage of the peninsula.</p>
<p>Student and group subscriptions are available at reduced rates; contact our subscriptions desk for details.</p></aside>
<footer>About us · Contact · Terms of use · Privacy policy · Advertise with us · Careers</footer>
</body></html>"""
