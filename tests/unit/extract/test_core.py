"""ingest.extract.extract end to end: outlets' pages, rejections, hostile input, the shared site articles."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest

from ingest.errors import IngestError
from ingest.extract import Extracted, Rejected, extract
from ingest.extract.body import MIN_BODY_CHARS
from ingest.extract.decode import MAX_INPUT_BYTES

from .pages import PAGES, SITE, article, page, paragraphs

# ------------------------------------------------------------------ outlets


def test_wire_page_all_fields():
    c = extract(page("yonhap_treaty.html"), url="https://en.hanbando-news.example/view/AEN20241109001200315")
    assert isinstance(c, Extracted)
    assert c.title == "Russia ratifies defense pact with North Korea as Seoul voices concern"
    assert c.site_name == "Hanbando News Agency"
    assert c.published_at == datetime(2024, 11, 9, 5, 20, tzinfo=timezone.utc)  # "2024-11-09T14:20:00+09:00"
    assert c.published_at.utcoffset() == timedelta(hours=9)  # the page's own offset is kept
    assert c.published_precision == "second" and c.published_local_date == "2024-11-09"
    assert c.authors == ["Kim Min-seo"]  # JSON-LD said "By Kim Min-seo, Staff reporter"
    assert c.language == "en"
    assert c.canonical_url == "https://en.hanbando-news.example/view/AEN20241109001200315"
    assert c.summary.startswith("Russia's upper house approved")  # og:description
    paras = paragraphs(c.body)
    assert paras[0].startswith("SEOUL, Nov. 9 (Hanbando) -- Russia's upper house")
    assert paras[-1].startswith("The treaty will enter into force")
    assert "Questions over troop deployments" in paras  # subheading kept as its own paragraph
    for junk in ("cookies", "Most Viewed", "Related articles", "Won falls", "(Yonhap)", "@hanbando-news", "(END)",
                 "Copyright", "Keywords", "Advertisement", "_gaq"):
        assert junk not in c.body, junk


def test_herald_br_layout_byline_with_email_and_relative_canonical():
    c = extract(page("herald_flights.html"), url="https://www.peninsulaherald.example/view.php?ud=20250217000612&x=1")
    assert c.title == "Korean Air weighs return of Seoul–Moscow flights as talks stall"
    assert c.authors == ["Choi Hye-rin"]
    assert c.canonical_url == "https://www.peninsulaherald.example/view.php?ud=20250217000612"
    assert c.published_at == datetime(2025, 2, 17, 18, 40, tzinfo=timezone.utc)  # dateline text, no zone -> UTC
    assert len(paragraphs(c.body)) == 5  # <br><br> separated text becomes paragraphs
    assert "heraldcorp.example" not in c.body
    assert "Most Popular" not in c.body
    assert c.summary.startswith("Korean Air is studying")  # no description meta: first paragraph


def test_moscow_times_like_graph_jsonld_two_authors_support_banner():
    c = extract(page("moscowtimes_bridge.html"))
    assert c.authors == ["Lee Ji-hoon", "Anna Sokolova"]
    assert c.published_at == datetime(2025, 4, 30, 6, 5, tzinfo=timezone.utc)
    assert c.canonical_url == "https://harbortimes.example/2025/04/30/rason-bridge-a12345"
    assert c.site_name == "The Harbor Times"
    assert c.summary == "Construction starts on the first road link between Russia and North Korea."
    assert "We need your help" not in c.body
    assert "Far East ports" not in c.body
    assert c.body.count("\n\n") == 5


def test_tass_like_russian_windows_1251():
    raw = page("tass_dogovor_cp1251.html")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    c = extract(raw, url="https://tass.example/politika/22612345")
    assert c.language == "ru"
    assert c.title.startswith("Россия и КНДР обменялись ратификационными грамотами")
    assert c.published_at == datetime(2024, 12, 4, 13, 0, tzinfo=timezone.utc)  # <time datetime>
    assert c.site_name == "Телеграфное агентство"
    assert "Церемония прошла в Пхеньяне" in c.body
    assert "cookies" not in c.body and "Все права защищены" not in c.body
    assert "Путин провел телефонный разговор" not in c.body


def test_news1_like_korean_euc_kr_date_from_url():
    raw = page("news1_joyak_euckr.html")
    c = extract(raw, url="https://www.news1.example/nk/2024/12/05/5630001")
    assert c.language == "ko"
    assert c.title.startswith("북러 조약 발효")
    assert c.authors == ["김지현"]  # meta author "김지현 기자"
    # no date metadata: the URL's day, a day in Seoul (the page is Korean), not midnight UTC
    assert c.published_local_date == "2024-12-05" and c.published_precision == "day"
    assert c.published_at.utcoffset() == timedelta(hours=9)
    assert "비준서를 교환하면서" in c.body
    assert "무단전재" not in c.body and "관련 기사" not in c.body


# ------------------------------------------------------------------ rejections

@pytest.mark.parametrize(
    "name, reason",
    [
        ("nknews_teaser.html", "too_short"),  # paywall teaser: one sentence
        ("app_shell.html", "no_article_text"),  # script-only single-page app
        ("index_page.html", "index_page"),  # list of headlines
        ("empty.html", "empty"),
        ("binary_junk.bin", "binary"),
    ],
)
def test_rejections(name, reason):
    with pytest.raises(Rejected) as err:
        extract(page(name))
    assert err.value.reason == reason


# Rejections by the input checks are in test_decode.py.
@pytest.mark.parametrize(
    "raw, content_type, reason",
    [
        (b"<html><body><p>Short.</p></body></html>", "text/html", "no_article_text"),
        (b"<html><head></head><body><div><br></div></body></html>", None, "empty"),  # markup only
    ],
)
def test_rejection_reasons_inline(raw, content_type, reason):
    with pytest.raises(Rejected) as err:
        extract(raw, content_type=content_type)
    assert err.value.reason == reason
    assert str(err.value).startswith(reason)
    assert isinstance(err.value, IngestError)  # the package's one error tree


def test_min_body_boundary():
    sentence = "Seoul and Moscow held consultations on consular matters in the capital. "
    short = sentence * (MIN_BODY_CHARS // len(sentence))
    long = sentence * (MIN_BODY_CHARS // len(sentence) + 3)

    def make(text: str) -> bytes:
        return f"<html><head><title>T</title></head><body><article><p>{text}</p></article></body></html>".encode()

    with pytest.raises(Rejected) as err:
        extract(make(short[: MIN_BODY_CHARS - 10]))
    assert err.value.reason == "too_short"
    assert len(extract(make(long)).body) >= MIN_BODY_CHARS


# ------------------------------------------------------------------ hostile input

@pytest.mark.timeout(60)
def test_20mb_page_is_bounded():
    para = "<p>" + "Seoul and Moscow discussed trade, fisheries and consular affairs at length. " * 5 + "</p>\n"
    raw = ("<html><head><title>Huge</title></head><body><article>" + para * 60_000).encode()
    assert len(raw) > 20_000_000
    start = time.monotonic()
    try:
        c = extract(raw)
        assert len(c.body.encode()) <= MAX_INPUT_BYTES
    except Rejected as err:
        assert err.reason
    assert time.monotonic() - start < 45


@pytest.mark.timeout(60)
def test_deeply_nested_divs_do_not_crash():
    text = "North Korean workers arrived in Vladivostok to work on construction sites, officials said. " * 6
    raw = ("<html><head><title>Nested</title></head><body>" + "<div>" * 20_000 + f"<p>{text}</p>"
           + "</div>" * 20_000 + "</body></html>").encode()
    try:
        c = extract(raw)
        assert "Vladivostok" in c.body
    except Rejected as err:  # acceptable: bounded, with a reason, never a RecursionError
        assert err.reason


def test_a_bug_in_extraction_raises_as_a_bug_not_a_rejection(monkeypatch):
    from ingest.extract import metadata

    def summary_with_a_bug(*args, **kwargs):
        raise KeyError("og:description")

    monkeypatch.setattr(metadata, "summary", summary_with_a_bug)
    with pytest.raises(KeyError):
        extract(article())


def test_markup_too_deep_for_the_metadata_leaves_a_note_and_keeps_the_article(monkeypatch):
    from ingest.extract import MARKUP_TOO_DEEP, metadata

    assert extract(article()).notes == []

    def too_deep(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(metadata, "json_ld", too_deep)
    c = extract(article())
    assert c.notes == [MARKUP_TOO_DEEP] and "diplomats" in c.body


def test_nul_bytes_and_enormous_title():
    raw = article(title="T" * 100_000).replace(b"diplomats", b"dipl\x00omats")
    c = extract(raw)
    assert "\x00" not in c.body and "diplomats" in c.body
    assert len(c.title) <= 501


def test_every_fixture_page_either_extracts_or_rejects():
    for path in sorted(PAGES.iterdir()):
        if path.suffix not in (".html", ".bin"):
            continue
        try:
            c = extract(path.read_bytes())
            assert c.title and len(c.body) >= MIN_BODY_CHARS, path.name
        except Rejected as err:
            assert err.reason in {"empty", "binary", "not_html", "no_article_text", "too_short", "index_page"}


def test_mutated_pages_only_ever_reject():
    """Random damage to real-looking pages: extract returns or raises Rejected, nothing else."""
    import random

    rng = random.Random(20240611)
    sources = [p.read_bytes() for p in sorted(PAGES.glob("*.html")) if p.stat().st_size]
    reasons = set()
    for _ in range(60):
        data = bytearray(rng.choice(sources))
        for _ in range(rng.randint(1, 30)):
            pos = rng.randrange(len(data))
            op = rng.random()
            if op < 0.3:
                del data[pos:pos + rng.randint(1, 50)]
            elif op < 0.7:
                data[pos:pos] = rng.choice([b"<div>" * 40, b"<![CDATA[", b"<!--", b"<script>", b"\xff\xfe",
                                            b"&#x110000;", b"&#0;", b"\x00", b'"><', b"</html>"])
            else:
                data[pos:pos] = rng.randbytes(5)
        url = rng.choice([None, "https://example.org/2024/01/02/a", "not a url", "http://[::1", "http://x:99999/"])
        ctype = rng.choice([None, "text/html; charset=bogus", "text/html; charset=utf-16", "text/html"])
        try:
            c = extract(bytes(data), url=url, content_type=ctype)
            assert isinstance(c.body, str) and "\x00" not in c.body
        except Rejected as err:
            reasons.add(err.reason)
    assert "parse_error" not in reasons


# ------------------------------------------------------------------ shared site articles

SITE_EXPECT = {
    "treaty-ratified.html": ("en", "Russia ratifies defense pact"),
    "rason-bridge.html": ("en", "Russia and North Korea begin building road bridge"),
    "shells-report.html": ("en", "Report: North Korean shells"),
    "kursk-pows.html": ("en", "Captured North Korean soldiers"),
    "kpop-tour.html": ("en", "K-pop group announces"),
    "ru-poezd.html": ("ru", "Пассажирский поезд Москва"),
    "ko-myeongtae.html": ("ko", "한러 어업협상 타결"),
}


@pytest.mark.parametrize("name", sorted(SITE_EXPECT))
def test_site_articles(name):
    lang, title = SITE_EXPECT[name]
    c = extract((SITE / name).read_bytes(), url=f"http://127.0.0.1:8000/articles/{name}")
    assert c.language == lang
    assert c.title.startswith(title)
    assert c.published_at is not None and c.published_at.tzinfo is not None
    assert len(c.body) >= MIN_BODY_CHARS


def test_benchmark_scorer_and_cli(tmp_path):
    import json

    from bench import extraction

    assert extraction.score("a b c d e", "a b c d e") == (1.0, 1.0, 1.0)
    p, r, f = extraction.score("a b c d x y z w", "a b c d e")
    assert p == pytest.approx(1 / 5) and r == pytest.approx(1 / 2)
    assert extraction.score("", "a b c d") == (0.0, 0.0, 0.0)
    src = SITE / "treaty-ratified.html"
    (tmp_path / "one.html").write_bytes(src.read_bytes())
    (tmp_path / "one.txt").write_text(extract(src.read_bytes()).body, encoding="utf-8")
    (tmp_path / "junk.html").write_bytes(b"<html><body><div id=root></div></body></html>")
    (tmp_path / "junk.txt").write_text("Some true text that nobody extracts from this page.", encoding="utf-8")
    out = tmp_path / "r.json"
    assert extraction.main(["--data", str(tmp_path), "--json", str(out)]) == 0
    results = {r["name"]: r for r in json.loads(out.read_text())["results"]}
    assert results["ours"]["per_page"]["one"]["f1"] == 1.0
    assert results["ours"]["per_page"]["junk"]["f1"] == 0.0
    assert results["ours"]["pages"] == 2 and results["ours"]["failures"] == 1
    assert extraction.main(["--data", str(tmp_path / "missing")]) == 2
