"""The newcomer's journey, the keyboard, accessibility (axe-core) and hostile text, in Chromium."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from tests.browser.conftest import shot
from tests.web_corpus import EVIL, HOSTILE_ID

ZINOVIEV = "/entity/" + quote("Georgy Zinoviev")


def settle(page) -> None:
    page.wait_for_load_state("networkidle")


def clean(page) -> None:
    """Nothing ran that should not have: no dialog, no other host, no CSP violation, no script error."""
    w = page.watch
    assert w.dialogs == [] and w.foreign == [] and w.errors == [], (w.dialogs, w.foreign, w.errors)
    assert page.evaluate("window.__csp") == []


def test_newcomers_journey(page, base_url, archive):
    _, ids = archive
    page.goto(base_url + "/")
    page.get_by_label('Words, "phrases", -exclusions').fill("Зиновьев")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=%D0%97"))
    settle(page)
    assert "Зиновьев → Georgy Zinoviev" in page.locator(".notice").inner_text()
    results = page.locator("#results .hits > li")
    assert results.count() >= 6
    page.wait_for_selector(".chart canvas", timeout=10_000)  # the histogram drew under the CSP
    shot(page, "search")

    page.locator(".notice a", has_text="Georgy Zinoviev").click()
    page.wait_for_url(base_url + ZINOVIEV)
    settle(page)
    names = page.locator("dl.names").inner_text()
    assert "지노비예프" in names and "Зиновьев" in names
    page.wait_for_selector(".chart canvas", timeout=10_000)
    assert page.locator("#quotes-h").is_visible()
    shot(page, "entity")

    page.get_by_role("link", name="All quotes by Georgy Zinoviev").click()
    page.wait_for_url(re.compile(r"/quotes\?speaker=Georgy"))
    settle(page)
    assert page.locator("blockquote").count() >= 3
    shot(page, "quotes")

    korean = page.locator("section.results a", has_text="주한 러 대사 초치").first
    korean.click()
    page.wait_for_url(base_url + "/article/" + ids["news1_ko_zinoviev_summoned"])
    settle(page)
    assert page.locator("article a.ent[href='%s']" % ZINOVIEV).count() >= 1  # his name, marked and linked
    coverage = page.locator("#coverage")
    assert "Seoul summons Russian ambassador" in coverage.inner_text()
    shot(page, "article")

    coverage.get_by_role("link", name=re.compile("Seoul summons Russian ambassador")).click()
    page.wait_for_url(base_url + "/article/" + ids["koreaherald_zinoviev_summoned"])
    assert "주한 러 대사 초치" in page.locator("#coverage").inner_text()  # and back the other way
    page.go_back()
    page.wait_for_url(base_url + "/article/" + ids["news1_ko_zinoviev_summoned"])
    clean(page)


def test_fonts_render_hangul_and_cyrillic(page, base_url):
    page.goto(base_url + ZINOVIEV)
    settle(page)
    widths = page.evaluate("""() => {
        const c = document.createElement('canvas').getContext('2d');
        c.font = '16px ' + getComputedStyle(document.querySelector('dd[lang=ko]')).fontFamily;
        const tofu = c.measureText('\\u{10FFFD}').width;  // a code point no font has
        return {ko: c.measureText('지').width, ru: c.measureText('Ж').width, tofu};
    }""")
    assert document_fonts_loaded(page)
    assert widths["ko"] > 0 and widths["ru"] > 0
    assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK KR\"', '지노비예프')")


def document_fonts_loaded(page) -> bool:
    return page.evaluate("document.fonts.status") == "loaded"


PAGES = {
    "search": "/search?q=Zinoviev",
    "latest": "/search",
    "entity": ZINOVIEV,
    "quotes": "/quotes",
    "article": "/article/{news1_ko_zinoviev_summoned}",
    "not-found": "/entity/Nobody%20Atall",
    "bad-query": "/search?q=%22red+line",
}


def _url(ids, path: str) -> str:
    return path.format(**ids)


@pytest.mark.parametrize("name", list(PAGES))
def test_keyboard_reaches_everything_and_shows_focus(page, base_url, archive, name):
    _, ids = archive
    page.goto(base_url + _url(ids, PAGES[name]))
    settle(page)
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent.trim()")
    assert first == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # every link, field and button of the main content is reached by Tab, in order, each with a visible focus ring
    wanted = page.evaluate("""() => { window.__stops = [...document.querySelectorAll('main a[href],'
        + ' main input:not([type=hidden]), main select, main button, main summary')].filter(e => e.offsetParent !== null);
        return window.__stops.length; }""")
    reached = set()
    for _ in range(min(wanted, 60)):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
            return {inMain: !!e.closest('main'), at: window.__stops.indexOf(e), key: e.outerHTML.slice(0, 120),
                    ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2}; }""")
        if not info["inMain"]:
            break
        assert info["ring"], f"no visible focus on {info['key']}"
        reached.add(info["at"])
    assert sorted(reached) == list(range(len(reached))), "focus skipped an element or went back"
    assert len(reached) >= min(wanted, 60) * 0.9, (len(reached), wanted)
    if name == "search":  # Enter on a facet link follows it, as a click does
        page.goto(base_url + PAGES["search"])
        settle(page)
        page.get_by_role("link", name="Russian", exact=True).focus()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile("language=ru"))
    clean(page)


@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_serious_or_critical_violation(page, base_url, archive, name):
    _, ids = archive
    page.goto(base_url + _url(ids, PAGES[name]))
    settle(page)
    page.add_script_tag(url="/static/vendor/axe.min.js")  # same origin: allowed by the CSP
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
           if v["impact"] in ("serious", "critical")]
    assert bad == []


HOSTILE = ["/article/" + HOSTILE_ID, "/article/{koreaherald_hostile}", "/search?q=Envoy", "/search?q=meets+envoys",
           "/quotes", ZINOVIEV, "/quotes?speaker=" + quote("Evil " + EVIL + " Person"),
           "/search?q=" + quote(EVIL), "/entity/" + quote("Evil " + EVIL + " Person")]


@pytest.mark.parametrize("path", HOSTILE)
def test_hostile_fixtures_are_inert(page, base_url, archive, path):
    _, ids = archive
    page.goto(base_url + _url(ids, path))
    settle(page)
    # hover and focus everything, as a reader would: no handler may fire
    for el in page.locator("main a, main blockquote, main h1, main p").all()[:80]:
        el.hover(timeout=2000)
    clean(page)
    assert page.evaluate("document.querySelectorAll('main script, main iframe, main img, main svg, [onerror], [onload]').length") == 0
    hrefs = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))]
    if path.startswith("/article/" + HOSTILE_ID):
        assert "<script>" in page.locator("h1").inner_text()  # shown as text
        shot(page, "hostile-article")


def test_raw_page_downloads_and_is_never_shown(page, base_url, archive):
    _, ids = archive
    page.goto(base_url + "/article/" + ids["koreaherald_hostile"])
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("download the archived page")).click()
    download = info.value
    assert download.suggested_filename.endswith(".txt")
    assert page.url.endswith(ids["koreaherald_hostile"])  # the page stayed; nothing was rendered
    clean(page)
