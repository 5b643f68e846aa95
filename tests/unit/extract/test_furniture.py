"""Wire furniture per outlet: the fixture pages (authors, where the body starts, what is not body) and texts."""

import json
import re

import pytest

from ingest.extract import extract
from ingest.extract.furniture import byline_names, for_language_tools, strip
from ingest.extract.outlets import for_url, load
from tests import ROOT

PAGES = sorted((ROOT / "tests" / "fixtures" / "pages" / "wire").glob("*.html"))
WIRE_GOLD = ROOT / "bench" / "gold" / "wire"
# The Herald page opens its body with the subtitle (<h2 class="news_title_sub">): the body
# extractor's choice, not furniture the wire rules know.
BODY_START_KNOWN = {"koreaherald_zinoviev_interview.html"}


def _page(path):
    raw = path.read_bytes()
    meta = json.loads(re.match(rb"<!-- fixture: (.*?) -->", raw).group(1))
    url = re.search(rb'rel="canonical" href="([^"]+)"', raw)
    return raw, meta, url.group(1).decode() if url else None


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_page_furniture(path):
    raw, meta, url = _page(path)
    cleaned = extract(raw, url=url)
    assert cleaned.authors == meta["authors"]
    for furniture in meta["not_body"]:
        assert furniture not in cleaned.body
    if path.name not in BODY_START_KNOWN:
        assert cleaned.body.startswith(meta["body_starts_with"])


@pytest.mark.parametrize("path", sorted(WIRE_GOLD.glob("*.txt")), ids=lambda p: p.stem)
def test_text_bylines_parsed_into_authors(path):
    lines = path.read_text(encoding="utf-8").split("\n", 2)
    title, body = lines[0], lines[2]
    got = strip(body, title=title)
    assert got.authors == json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["authors"]
    for marker in ("(END)", "(ATTN:", "[NO SALES]", "Related Articles", "Related Stories", "Read also", "@"):
        assert marker not in got.text
    assert not got.title.startswith(("(", "["))


def test_version_marks_and_slugs_leave_the_headline():
    assert strip("x", title="(2nd LD) N. Korea blasts envoy").title == "N. Korea blasts envoy"
    assert strip("x", title="(LEAD) Seoul summons envoy").title == "Seoul summons envoy"
    assert strip("x", title="(Yonhap Interview) Envoy speaks").title == "Envoy speaks"


def test_dateline_outlet_hidden_from_language_tools_but_city_kept():
    text = "SEOUL, Oct. 21 (Yonhap) -- North Korea said on Monday.\n\nMOSCOW, November 1. /TASS/. Moscow said."
    out = for_language_tools(text)
    assert out.startswith("SEOUL, Oct. 21 -- North Korea") and "Yonhap" not in out
    assert "MOSCOW, November 1. Moscow said." in for_language_tools("MOSCOW, November 1. /TASS/. Moscow said.")


def test_transcript_line_becomes_an_attribution():
    line = '[Seo Jae-kyung/Senior Research Fellow, Korea Institute for National Unification: "We see it."]'
    assert for_language_tools(line) == 'Seo Jae-kyung, Senior Research Fellow, Korea Institute for National Unification: "We see it."'
    bite = '[Sound bite: Rep. Lee Seong-kweun - People Power Party (Korean)]\n"The NIS assessed it."'
    assert for_language_tools(bite) == 'Lee Seong-kweun, People Power Party: "The NIS assessed it."'


def test_credit_line_goes_and_the_caption_above_it_stays():
    # the caption names what the story names: the minister may be named in full only there
    body = "Envoy Georgy Zinoviev speaks in Seoul on Friday.\n\nKim Arin/The Korea Herald\n\n\"We are ready,\" the ambassador said."
    assert strip(body).text == 'Envoy Georgy Zinoviev speaks in Seoul on Friday.\n\n"We are ready," the ambassador said.'


def test_byline_names():
    assert byline_names("SARAH KIM, LEE HYUN-JOO") == ["Sarah Kim", "Lee Hyun-joo"]
    assert byline_names("Joon Park in Seoul and Irina Volkova in Moscow") == ["Joon Park", "Irina Volkova"]


def test_outlet_formats_load_and_a_page_gets_its_own_and_the_general_rules():
    names = {o.name for o in load()}
    assert {"yonhap", "tass", "koreaherald", "wires"} <= names
    got = {o.name for o in for_url("https://en.yna.co.kr/view/AEN20241021003500315")}
    assert "yonhap" in got and "wires" in got and "tass" not in got


def test_korean_and_russian_press_furniture_is_blanked_from_the_data_files():
    from ingest.extract.furniture import blank

    ko = "(서울=뉴스1) 김예원 기자 = 외교부는 지노비예프 대사를 초치했다.\n(외교부 제공) 2024.10.21/뉴스1\nkim@news1.kr"
    out = blank(ko, "ko")
    assert len(out) == len(ko) and out.count("\n") == ko.count("\n")
    assert "김예원" not in out and "뉴스1" not in out and "kim@news1.kr" not in out
    assert "지노비예프 대사를 초치했다" in out and "서울" in out  # the story and the dateline's city stay
    ru = "МОСКВА, 1 ноября. /ТАСС/. Лавров провел переговоры.\n\nЕлена Черненко, Кирилл Кривошеев"
    out = blank(ru, "ru")
    assert "ТАСС" not in out and "Черненко" not in out and "МОСКВА" in out and "Лавров провел" in out
    assert blank("(서울=뉴스1) 김예원 기자 =", "ru") == "(서울=뉴스1) 김예원 기자 ="  # rules apply to their own language only


def test_credits_in_any_outlets_words_hide_the_photographer():
    cases = [
        "Foreign Minister Cho Tae-yul speaks in Seoul on Tuesday. (Photo by Kim Min-soo)",
        "Ambassador Georgy Zinoviev speaks in Seoul on Wednesday. [Yonhap photo by Lee Ji-eun]",
        "Defense Minister Shin Won-sik visits a base. (Photo: Choi Jae-hoon/Newsis)",
        "Vice Minister Kim Hong-kyun talks with reporters in Seoul. Park Hae-mook/The Korea Herald",
        "A cargo train crosses the Tumen River. (Courtesy of Ha Jung-woo)",
    ]
    for line in cases:
        text = for_language_tools(strip(line + "\n\nThe talks went on.").text)
        assert not re.search(r"Kim Min-soo|Lee Ji-eun|Choi Jae-hoon|Park Hae-mook|Ha Jung-woo|[Pp]hoto", text), text
        assert text.split(".")[0] == line.split(".")[0]  # the caption itself stays
    # a credit line of its own goes, the caption above it stays
    text = strip("Kim Jong Un inspects a factory.\n\nPhoto by Ri Chol Nam\n\nThe talks went on.").text
    assert text == "Kim Jong Un inspects a factory.\n\nThe talks went on."


def test_reporter_hand_over_lines_are_hidden_in_their_usual_wordings():
    for tail in ("reports.", "has the details.", "has more.", "reports from Moscow."):
        line = f"Anchor: Talks opened in Moscow on Friday. Park Ji-won {tail}"
        assert for_language_tools(line) == "Talks opened in Moscow on Friday.", tail


def test_related_list_under_any_heading_and_credits_ending_a_caption():
    story = "Talks opened in Moscow.\n\nRelated articles\nBTS member to hold fan meeting in Incheon\n\nsoo@yna.co.kr"
    assert strip(story).text == "Talks opened in Moscow."
    caption = "Choe Son Hui leaves Pyongyang in this photo released by the KCNA, Oct. 29. KCNA-Yonhap"
    assert for_language_tools(strip(caption).text) == "Choe Son Hui leaves Pyongyang in this photo released by the KCNA, Oct. 29."
    caption = "Jeon Kyung-joo speaks at the forum on Tuesday. (Kim Arin/The Korea Herald)"
    assert for_language_tools(caption) == "Jeon Kyung-joo speaks at the forum on Tuesday."


def test_joined_rules_match_exactly_where_one_of_them_does():
    """_matches searches every outlet's rules of a kind as one regex: the same answer as trying each."""
    from ingest.extract import furniture
    from ingest.extract.outlets import load
    from tests import ROOT

    lines = {line.strip() for path in (ROOT / "bench" / "gold").rglob("*.txt")
             for line in path.read_text(encoding="utf-8").splitlines()}
    lines |= {"Photo by Yonhap", "(END)", "Related Articles", "Read also:", "", "(Yonhap) -- x"}
    for kind in ("drop", "caption_credit", "blocks", "short_blocks"):
        rules = furniture._rules(load(), kind)
        start = tuple(r.pattern for r in rules if furniture._at_start(r.pattern))
        assert start and furniture._joined(start, rules[0].flags) is not None, kind
        hits = {line for line in lines if furniture._matches(rules, line)}
        assert hits == {line for line in lines if furniture._any(rules, line)}, kind
        assert hits, kind  # the gold has furniture of each kind
    assert furniture._joined((r"(a)\1", "b"), 0) is None  # a back-reference: tried one by one
