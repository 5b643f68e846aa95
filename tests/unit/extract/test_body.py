"""ingest.extract.body and .boilerplate: main text, link lists, boilerplate lines, paywall teasers."""

from __future__ import annotations

import pytest

from ingest.extract import extract
from ingest.extract.boilerplate import dedupe_lines, noise_line
from ingest.extract.body import fill_gaps

from .pages import PAYWALL_PAGE, news_page, paragraphs


def test_jsonld_article_body_used_for_js_rendered_page():
    body = "\\n".join(["Russian and North Korean officials opened a new border crossing for trucks near Khasan."] * 5)
    raw = ('<html><head><title>Crossing opens</title><script type="application/ld+json">'
           '{"@type": "NewsArticle", "headline": "Crossing opens", "articleBody": "' + body + '"}'
           '</script></head><body><div id="root"></div><script src="/app.js"></script></body></html>').encode()
    c = extract(raw)
    assert c.title == "Crossing opens"
    assert "Khasan" in c.body


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
    body = extract(news_page(extra_in_article=recirc)).body
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
    body = extract(news_page(extra_in_article=facts)).body
    assert "around the clock" in body and "40 tonnes" in body and "second lane" in body


def test_rights_notice_and_screen_reader_text_dropped():
    extra = ("<h2 class='sr-only'>Share this story</h2>"
             "<p>음원 저작권자들은 새 규정에 반대한다고 협회가 밝혔다.</p>"
             "<p>&lt;저작권자(c) 가상뉴스통신, 무단 전재-재배포 금지&gt;</p>"
             "<p>™ &amp; © 2024 Example Broadcasting Network, Inc. All rights reserved.</p>")
    body = extract(news_page(extra_in_article=extra)).body
    assert "Traders in the border town" in body
    assert "음원 저작권자들은" in body  # "copyright holders" in a sentence is text
    assert "무단 전재" not in body
    assert "Share this story" not in body and "All rights reserved" not in body and "©" not in body


def test_short_subheading_inside_a_sentence_kept_but_pull_quote_dropped():
    quote = "The bridge will change life on both banks of the river"
    extra = (f"<h2>Apology</h2><p>The governor offered an apology to residents for the delays and said: "
             f"“{quote}, and it will be finished on time.”</p>"
             f"<blockquote class='quote'>“{quote}”</blockquote>")
    parts = paragraphs(extract(news_page(extra_in_article=extra)).body)
    assert "Apology" in parts  # a one-word subheading, not a pull quote
    assert sum(quote in p for p in parts) == 1  # the repeated quote is kept once, inside its sentence


@pytest.mark.parametrize(
    "line, noise",
    [
        ("Read more: Seoul and Moscow resume flights", True),
        ("Читайте также: Лавров прибыл в Пхеньян", True),
        ("관련 기사 북러 조약 발효", True),
        ("(END)", True),
        ("Kim Min-seo (minseo@example.org)", True),
        ("North Korean troops cross the border near Kursk. (Yonhap)", True),
        ("November 09, 2024 14:20 KST", True),  # a bare dateline
        ("입력 2024-12-05 09:30", True),
        ("The treaty was signed on June 19, 2024, in Pyongyang, and ratified by both parliaments in November.", False),
        ("Apology", False),
        ("Officials said the talks would continue next week in Moscow.", False),
    ],
)
def test_noise_lines(line, noise):
    assert noise_line(line) is noise


def test_dedupe_lines_drops_title_repeats_and_contained_lines():
    lines = ["Bridge talks", "The governor said the bridge will change life on both banks of the river.",
             "the bridge will change life on both banks", "The governor said the bridge will change life on both banks of the river."]
    assert dedupe_lines(lines, "Bridge talks") == [lines[1]]


def test_fill_gaps_takes_the_density_pass_blocks_between_trafilatura_lines():
    traf = ["First paragraph of the article text.", "Third paragraph of the article text."]
    dense = ["First paragraph of the article text.", "A subheading", "Third paragraph of the article text."]
    assert fill_gaps(traf, dense) == dense
    assert fill_gaps(traf, list(reversed(dense))) == traf  # another order: a different container, left alone


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


def test_a_short_korean_photo_story_keeps_its_paragraphs_and_no_headline_in_them():
    # four sentences, some 220 Hangul-heavy characters: enough for precision mode (a syllable counts
    # twice), so the balanced pass that glues the headline and the paragraphs into one line is not taken
    paras = ["푸틴 대통령의 방북을 하루 앞둔 18일, 평양 김일성광장에 두 정상의 대형 초상이 나란히 내걸렸다.",
             "푸틴 대통령이 북한 땅을 밟는 것은 2000년 7월 이후 24년 만이다.",
             "1박2일 일정 동안 푸틴 대통령은 김 위원장과 정상회담을 하고 협정에 서명할 예정이다.",
             "평양 시내 곳곳에는 러시아 국기와 환영 문구가 걸렸고, 광장 주변에서는 행사 준비가 이어졌다."]
    title = "[포토] 푸틴, 24년 만에 北 방문…분주한 평양"
    page = (f"<html lang='ko'><head><meta charset='utf-8'><title>{title}</title></head><body><main><article>"
            f"<h1 class='headline'>{title}</h1><figure><amp-img src='/p.jpg'></amp-img></figure>"
            "<div class='article-body'>" + "".join(f"<p>{p}</p>" for p in paras) + "<p class='credit'>타스연합뉴스</p>"
            "</div></article></main></body></html>")
    c = extract(page.encode(), url="https://www.hankyung.com/amp/2024061853741")
    assert c.body.split("\n\n") == paras
