"""ingest.clean: decoding, article fields, rejections, hostile input, Korean/Russian pages."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from ingest.clean import (
    MAX_INPUT_BYTES,
    MIN_BODY_CHARS,
    Cleaned,
    Rejected,
    clean_authors,
    decode_html,
    extract,
    parse_date,
)

PAGES = Path(__file__).parent / "fixtures" / "pages"
SITE = Path(__file__).parent / "fixtures" / "site" / "articles"


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p]


# ------------------------------------------------------------------ outlets

def test_wire_page_all_fields():
    c = extract(page("yonhap_treaty.html"), url="https://en.hanbando-news.example/view/AEN20241109001200315")
    assert isinstance(c, Cleaned)
    assert c.title == "Russia ratifies defense pact with North Korea as Seoul voices concern"
    assert c.site_name == "Hanbando News Agency"
    assert c.published_at == datetime(2024, 11, 9, 5, 20, tzinfo=timezone.utc)
    assert c.published_at.utcoffset() == timedelta(hours=9)
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
    assert c.published_at == datetime(2024, 12, 5, tzinfo=timezone.utc)  # no date metadata: the URL's
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


@pytest.mark.parametrize(
    "raw, content_type, reason",
    [
        (b"", None, "empty"),
        (b"   \n\t  ", None, "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", None, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "binary"),
        (b'{"articles": []}', "application/json", "not_html"),
        (b"just some plain words, no markup at all " * 20, None, "not_html"),
        (b"<html><body><p>Short.</p></body></html>", "text/html", "no_article_text"),
    ],
)
def test_rejection_reasons_inline(raw, content_type, reason):
    with pytest.raises(Rejected) as err:
        extract(raw, content_type=content_type)
    assert err.value.reason == reason
    assert str(err.value).startswith(reason)


def test_min_body_boundary():
    sentence = "Seoul and Moscow held consultations on consular matters in the capital. "
    short = sentence * (MIN_BODY_CHARS // len(sentence))
    long = sentence * (MIN_BODY_CHARS // len(sentence) + 3)
    make = lambda text: f"<html><head><title>T</title></head><body><article><p>{text}</p></article></body></html>".encode()
    with pytest.raises(Rejected) as err:
        extract(make(short[: MIN_BODY_CHARS - 10]))
    assert err.value.reason == "too_short"
    assert len(extract(make(long)).body) >= MIN_BODY_CHARS


# ------------------------------------------------------------------ encodings

RU = "Россия и Северная Корея подписали договор о всеобъемлющем стратегическом партнерстве в Пхеньяне."
KO = "북한과 러시아가 포괄적 전략적 동반자 관계 조약을 체결했다고 외교부가 밝혔다."


def html_doc(text: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{text}</p><p>{text}</p></body></html>"


@pytest.mark.parametrize(
    "text, encoding, content_type, meta",
    [
        (RU, "windows-1251", "text/html; charset=windows-1251", ""),  # header
        (RU, "windows-1251", None, '<meta charset="windows-1251">'),  # meta charset
        (RU, "koi8-r", None, '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'),
        (RU, "windows-1251", "text/html; charset=iso-8859-1", ""),  # header wrong
        (RU, "windows-1251", None, '<meta charset="iso-8859-1">'),  # meta wrong
        (RU, "windows-1251", None, ""),  # nothing declared
        (RU, "koi8-r", None, ""),
        (KO, "euc-kr", "text/html; charset=EUC-KR", ""),
        (KO, "cp949", None, '<meta charset="ks_c_5601-1987">'),
        (KO, "euc-kr", None, ""),
        (KO, "euc-kr", "text/html; charset=utf-8", ""),  # claims UTF-8, is not
        (KO, "utf-8", "text/html; charset=iso-8859-1", ""),  # UTF-8 served as Latin-1
        (RU, "utf-8", None, ""),
        ("Café in Zürich: Seoul–Moscow talks", "utf-8", None, ""),
        ("Café in Zürich: naïve résumé façade", "windows-1252", "text/html; charset=iso-8859-1", ""),
    ],
)
def test_decode_html(text, encoding, content_type, meta):
    raw = html_doc(text, meta).encode(encoding)
    assert text in decode_html(raw, content_type)


def test_decode_bom_wins_over_wrong_meta_and_nul_removed():
    raw = b"\xef\xbb\xbf" + html_doc(KO, '<meta charset="windows-1252">').encode("utf-8")
    out = decode_html(raw)
    assert KO in out and not out.startswith("\ufeff")
    assert "\x00" not in decode_html(b"<p>a\x00b</p>" + RU.encode("utf-8"))
    assert "ab" in decode_html(b"<p>a\x00b</p>")


def test_wrong_charset_and_undeclared_fixture_pages():
    c = extract(page("wrong_charset_cp1251.html"), content_type="text/html; charset=ISO-8859-1")
    assert c.language == "ru" and "Пхеньян" in c.title
    c = extract(page("no_charset_koi8r.html"))
    assert c.language == "ru" and c.title.startswith("Товарооборот России и Южной Кореи")
    c = extract(page("utf8_bom_kursk.html"))
    assert c.title.startswith("Captured North Korean soldiers")


def test_truncated_page_still_extracts():
    c = extract(page("truncated_fishing.html"))
    assert c.title.startswith("South Korea and Russia agree fishing quotas")
    assert c.body.rstrip().endswith("Industry groups in Busan welcomed the ag")


# ------------------------------------------------------------------ fields

@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-11-09T14:20:00+09:00", datetime(2024, 11, 9, 5, 20, tzinfo=timezone.utc)),
        ("2024-11-09T05:20:00Z", datetime(2024, 11, 9, 5, 20, tzinfo=timezone.utc)),
        ("2024-11-09 14:20:00+0900", datetime(2024, 11, 9, 5, 20, tzinfo=timezone.utc)),
        ("2024-11-09", datetime(2024, 11, 9, tzinfo=timezone.utc)),
        ("Tue, 03 Dec 2024 08:00:00 -0500", datetime(2024, 12, 3, 13, 0, tzinfo=timezone.utc)),
        ("Published : Feb. 17, 2025 - 18:40", datetime(2025, 2, 17, 18, 40, tzinfo=timezone.utc)),
        ("November 9, 2024 2:20 pm KST", datetime(2024, 11, 9, 5, 20, tzinfo=timezone.utc)),
        ("9 November 2024", datetime(2024, 11, 9, tzinfo=timezone.utc)),
        ("4 декабря 2024, 16:00 MSK", datetime(2024, 12, 4, 13, 0, tzinfo=timezone.utc)),
        ("입력 2024년 12월 5일 09:30", datetime(2024, 12, 5, 9, 30, tzinfo=timezone.utc)),
        ("2024.12.05 09:30", datetime(2024, 12, 5, 9, 30, tzinfo=timezone.utc)),
        ("05.12.2024", datetime(2024, 12, 5, tzinfo=timezone.utc)),
        ("1970-01-01T00:00:00Z", None),  # epoch placeholder
        ("1989-12-31", None),
        ("", None),
        ("not a date", None),
        ("2024-13-45", None),
    ],
)
def test_parse_date(value, expected):
    got = parse_date(value)
    assert got == expected
    if got is not None:
        assert got.tzinfo is not None


def test_future_dates_rejected_but_near_future_kept():
    soon = datetime.now(timezone.utc) + timedelta(days=1)
    later = datetime.now(timezone.utc) + timedelta(days=3)
    assert parse_date(soon.isoformat()) is not None  # time zones can put "today" a day ahead
    assert parse_date(later.isoformat()) is None
    assert parse_date("2099-01-01T00:00:00Z") is None


def _article(meta: str = "", body_extra: str = "", title: str = "Seoul and Moscow hold talks") -> bytes:
    text = " ".join(["South Korean and Russian diplomats met in Moscow to discuss consular issues and trade."] * 5)
    return (f"<html lang='en'><head><title>{title}</title>{meta}</head><body><article><h1>{title}</h1>"
            f"{body_extra}<p>{text}</p><p>{text}</p></article></body></html>").encode()


def test_absurd_published_dates_fall_back_or_none():
    c = extract(_article('<meta property="article:published_time" content="2199-01-01T00:00:00Z">'))
    assert c.published_at is None
    c = extract(_article('<meta property="article:published_time" content="1900-01-01">'),
                url="https://example.org/2023/06/02/talks")
    assert c.published_at == datetime(2023, 6, 2, tzinfo=timezone.utc)  # the URL's date, not 1900


def test_naive_dates_are_utc():
    c = extract(_article('<meta property="article:published_time" content="2024-03-01T10:00:00">'))
    assert c.published_at == datetime(2024, 3, 1, 10, 0, tzinfo=timezone.utc)


def test_dateline_date_in_text():
    extra = '<p class="article-date">Posted March 3, 2024 at 9:15 am</p>'
    c = extract(_article(body_extra=extra))
    assert c.published_at == datetime(2024, 3, 3, 9, 15, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "raw, expected",
    [
        (["By Kim Min-seo, Staff reporter"], ["Kim Min-seo"]),
        (["By John Smith and Jane Doe (jane.doe@example.com)"], ["John Smith", "Jane Doe"]),
        (["김지현 기자"], ["김지현"]),
        (["(서울=뉴스1) 김지현 기자 ="], ["김지현"]),
        (["Иван Петров, корреспондент ТАСС"], ["Иван Петров"]),
        (["By AP", "Reuters"], []),
        (["Written by: Olivia Grant | Senior Correspondent"], ["Olivia Grant"]),
        (["Kim Tae-yang", "kim tae-yang"], ["Kim Tae-yang"]),
        (["https://example.org/author/kim"], []),
        (["Lee Ji-hoon, Anna Sokolova April 30, 2025 09:05"], ["Lee Ji-hoon", "Anna Sokolova"]),
    ],
)
def test_clean_authors(raw, expected):
    assert clean_authors(raw) == expected


def test_title_site_suffix_stripped_and_capped():
    c = extract(_article('<meta property="og:site_name" content="Far East Daily">'
                         '<meta property="og:title" content="Seoul and Moscow hold talks | Far East Daily">'))
    assert c.title == "Seoul and Moscow hold talks"
    long_title = "Very long headline " * 200
    c = extract(_article(title=long_title))
    assert 0 < len(c.title) <= 501


def test_canonical_made_absolute_and_og_url_fallback():
    c = extract(_article('<link rel="canonical" href="/news/talks-123">'), url="https://example.org/amp/talks-123?x=1")
    assert c.canonical_url == "https://example.org/news/talks-123"
    c = extract(_article('<meta property="og:url" content="https://example.org/news/talks-9">'))
    assert c.canonical_url == "https://example.org/news/talks-9"
    c = extract(_article('<link rel="canonical" href="javascript:void(0)">'))
    assert c.canonical_url is None


def test_language_falls_back_to_html_lang_only_without_text():
    # Text decides even when the html lang attribute is wrong.
    raw = _article().replace(b"lang='en'", b"lang='ru'")
    assert extract(raw).language == "en"


def test_jsonld_article_body_used_for_js_rendered_page():
    body = "\\n".join(["Russian and North Korean officials opened a new border crossing for trucks near Khasan."] * 5)
    raw = ('<html><head><title>Crossing opens</title><script type="application/ld+json">'
           '{"@type": "NewsArticle", "headline": "Crossing opens", "articleBody": "' + body + '"}'
           '</script></head><body><div id="root"></div><script src="/app.js"></script></body></html>').encode()
    c = extract(raw)
    assert c.title == "Crossing opens"
    assert "Khasan" in c.body


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


def test_nul_bytes_and_enormous_title():
    raw = _article(title="T" * 100_000).replace(b"diplomats", b"dipl\x00omats")
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


# ------------------------------------------------------------------ real-page boilerplate rules

_STORY = [
    "Russian and North Korean officials met in Vladivostok on Tuesday to discuss a new road bridge across the Tumen river.",
    "The bridge, the first road link between the two countries, is due to open next year, the regional governor said.",
    "Officials did not say how much the project would cost or who would pay for the approach roads on either side.",
    "Traders in the border town of Khasan said the link could cut delivery times for building materials by half.",
]


def _news_page(extra_in_article: str = "", after_article: str = "") -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in _STORY)
    return (
        "<html><head><title>Bridge talks in Vladivostok</title></head><body>"
        "<header><a href='/'>Home</a></header><main><article><h1>Bridge talks in Vladivostok</h1>"
        f"{paras}{extra_in_article}</article>{after_article}</main>"
        "<footer>Contact us</footer></body></html>"
    ).encode()


def test_more_stories_link_list_under_article_is_dropped():
    items = [("The long wait for a bridge ", "across the Tumen river"),
             ("Why the ferry line to Rason ", "closed again this spring"),
             ("Fishing quotas ", "in the Sea of Japan and who sets them"),
             ("A week on the ", "Khasan-Rajin railway line"),
             ("How Vladivostok port ", "handles North Korean coal"),
             ("The Best ", "Border Towns of 2024")]
    lis = "".join(f"<li><span>{a}</span><a href='/s{i}'>{b}</a></li>" for i, (a, b) in enumerate(items))
    recirc = (f"<div class='inline-recirc'><h2>More Must-Reads</h2><ul>{lis}"
              "<li>Want our weekly picks? <a href='/nl'>Sign up</a> for the newsletter today</li></ul></div>")
    body = extract(_news_page(extra_in_article=recirc)).body
    assert "Tumen river." in body and "by half." in body
    for gone in ("More Must-Reads", "ferry line", "Fishing quotas", "Khasan-Rajin", "Border Towns", "weekly picks"):
        assert gone not in body


def test_list_inside_article_text_is_kept():
    facts = (
        "<p>The agreement covers three points:</p><ul>"
        "<li>Customs posts on both banks will open around the clock from the first day of operation.</li>"
        "<li>Trucks up to 40 tonnes may cross, according to the <a href='/doc'>published text</a> of the deal.</li>"
        "<li>Passenger buses will follow once a second lane is finished later in the decade.</li>"
        "</ul>"
    )
    body = extract(_news_page(extra_in_article=facts)).body
    assert "around the clock" in body and "40 tonnes" in body and "second lane" in body


def test_rights_notice_and_screen_reader_text_dropped():
    extra = ("<h2 class='sr-only'>Share this story</h2>"
             "<p>음원 저작권자들은 새 규정에 반대한다고 협회가 밝혔다.</p>"
             "<p>&lt;저작권자(c) 가상뉴스통신, 무단 전재-재배포 금지&gt;</p>"
             "<p>™ &amp; © 2024 Example Broadcasting Network, Inc. All rights reserved.</p>")
    body = extract(_news_page(extra_in_article=extra)).body
    assert "Traders in the border town" in body
    assert "음원 저작권자들은" in body  # "copyright holders" in a sentence is text
    assert "무단 전재" not in body
    assert "Share this story" not in body and "All rights reserved" not in body and "©" not in body


def test_short_subheading_inside_a_sentence_kept_but_pull_quote_dropped():
    quote = "The bridge will change life on both banks of the river"
    extra = (f"<h2>Apology</h2><p>The governor offered an apology to residents for the delays and said: "
             f"“{quote}, and it will be finished on time.”</p>"
             f"<blockquote class='quote'>“{quote}”</blockquote>")
    parts = paragraphs(extract(_news_page(extra_in_article=extra)).body)
    assert "Apology" in parts  # a one-word subheading, not a pull quote
    assert sum(quote in p for p in parts) == 1  # the repeated quote is kept once, inside its sentence


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


def test_a_paywall_teaser_is_the_body_not_padded_with_the_offer():
    page = PAYWALL_PAGE.replace("BODY", '<div class="locked"></div>')
    cleaned = extract(page.encode(), url="https://ledger.example/politics/2025/03/04/shipping")
    assert cleaned.paywalled
    assert cleaned.body.startswith("South Korea is weighing how to respond") and cleaned.body.endswith("from next month.")


def test_a_paywalled_page_that_carries_its_full_text_is_extracted():
    full = "".join(
        f"<p>Officials in Seoul said on Tuesday that paragraph {i} of the rules, published by Moscow last week, "
        "would require South Korean carriers to file cargo manifests three days before arrival in Vladivostok.</p>"
        for i in range(1, 6)
    )
    cleaned = extract(PAYWALL_PAGE.replace("BODY", full).encode(), url="https://ledger.example/politics/2025/03/04/shipping")
    assert "cargo manifests" in cleaned.body and "Subscribe" not in cleaned.body and not cleaned.paywalled
