"""Synthetic, deterministic news for the performance benchmarks.

Each article is drawn from its own ``random.Random(f"{seed}:{i}")``, so article
``i`` is the same whatever else is generated, and 100k articles can be
streamed without holding them. Text is built from sentence templates filled
with the domain's names (people, agencies, places), quotes with speakers, a
theme or two per article, and lengths drawn log-normally (median ~600 words,
clamped to 300–1500) like real news. About 8% of pages are Russian, 7% Korean,
10% off-topic. :func:`render_html` wraps an article in a news site's
boilerplate (nav, cookie banner, scripts, related links, footer, JSON-LD);
:func:`to_article` gives the indexed record directly, with entities, quotes and
topics filled from what was generated (for the 100k index/search corpus).

    python -m bench.generate --n 5 --out /tmp/pages   # write a few pages to look at
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

from ingest.models import Article, Entity, Quote

from .corpus import STORIES, IRRELEVANT

MIN_WORDS, MAX_WORDS, MEDIAN_WORDS, SIGMA = 300, 1500, 600, 0.45
SHARE_RU, SHARE_KO, SHARE_OFFTOPIC = 0.08, 0.07, 0.10
EPOCH = datetime(2023, 1, 1, tzinfo=timezone.utc)
SPAN_DAYS = 3 * 365

# (name, role used in attributions)
PEOPLE = [
    ("Kim Jong Un", "North Korean leader"),
    ("Vladimir Putin", "Russian President"),
    ("Sergei Lavrov", "Russian Foreign Minister"),
    ("Georgy Zinoviev", "Russian Ambassador to Seoul"),
    ("Yoon Suk Yeol", "then-President"),
    ("Choe Son Hui", "North Korean Foreign Minister"),
    ("Sergei Shoigu", "Security Council Secretary"),
    ("Andrei Belousov", "Russian Defense Minister"),
    ("Kim Yo Jong", "senior North Korean official"),
    ("Cho Tae-yul", "South Korean Foreign Minister"),
    ("Andrei Rudenko", "Russian Deputy Foreign Minister"),
    ("Alexander Matsegora", "Russian Ambassador to Pyongyang"),
    ("Lee Jae-myung", "South Korean President"),
    ("Dmitry Peskov", "Kremlin spokesman"),
    ("Maria Zakharova", "Russian foreign ministry spokeswoman"),
    ("Volodymyr Zelensky", "Ukrainian President"),
]
ORGS = [
    "KCNA", "Yonhap", "TASS", "RIA Novosti", "the Kremlin", "the UN Security Council",
    "South Korea's Foreign Ministry", "the National Intelligence Service", "the Ministry of Unification",
    "the Workers' Party of Korea", "Rosatom", "Roscosmos", "the Russian Defense Ministry", "NATO",
    "the Korean Central News Agency", "Interfax",
]
PLACES = [
    "Pyongyang", "Moscow", "Seoul", "Vladivostok", "Khasan", "Rason", "Kursk", "Wonsan",
    "the Tumen River", "Khabarovsk", "the Vostochny Cosmodrome", "Busan", "Tumangang", "Nampo",
]
SOURCES = [  # (source name, site name, host, language)
    ("yonhap-en", "Yonhap News Agency", "en.yna.example", "en"),
    ("korea-herald", "The Korea Herald", "www.koreaherald.example", "en"),
    ("korea-times", "The Korea Times", "www.koreatimes.example", "en"),
    ("nknews", "NK News", "www.nknews.example", "en"),
    ("tass-en", "TASS", "tass.example", "en"),
    ("kcna-watch", "KCNA Watch", "kcnawatch.example", "en"),
    ("ria-ru", "РИА Новости", "ria.example", "ru"),
    ("tass-ru", "ТАСС", "tass.ru.example", "ru"),
    ("news1-ko", "뉴스1", "www.news1.example", "ko"),
    ("yonhap-ko", "연합뉴스", "www.yna.example", "ko"),
]
AUTHORS = ["Kim Min-seo", "Lee Ji-hoon", "Anna Sokolova", "Choi Hye-rin", "Daniel Brooks", "Park Soo-jin",
           "Olivia Grant", "Sergei Volkov", "Jung Da-eun", "Maria Petrova", "Kim Tae-yang", "Yoon Seo-ah"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Theme -> sentence templates. Slots: {p} {p2} person, {role} role of {p}, {org}, {place}, {place2},
# {day}, {num}, {year}. Themes map to the topic labels of ingest/resources/kb/topics.yaml.
THEMES: dict[str, tuple[str, list[str]]] = {
    "sanctions": ("Sanctions & export controls", [
        "The shipments would breach UN Security Council resolutions that ban arms trade with North Korea, {org} said on {day}.",
        "Officials in {place} said {num} vessels had been added to the sanctions list for carrying coal and oil above the cap.",
        "A panel of experts that monitored the sanctions was disbanded after Russia vetoed the renewal of its mandate.",
        "Seoul announced unilateral sanctions on {num} individuals and entities linked to arms transfers between {place} and {place2}.",
        "Banking restrictions have made payments between Russian and Korean firms slow and costly, traders in {place} said.",
        "Export controls on dual-use goods were tightened after customs officers found components of Korean origin in Russian drones.",
    ]),
    "military": ("Military cooperation & arms transfers", [
        "Satellite images showed containers being loaded at the port of Rajin before trains left for {place}.",
        "{role} {p} inspected a munitions factory and called for higher output of artillery shells, {org} reported.",
        "About {num},000 North Korean troops were deployed to the Kursk region, according to the National Intelligence Service.",
        "The two militaries held talks on joint exercises, the first such discussion since the Cold War, officials in {place} said.",
        "Ballistic missiles made in North Korea were fired at Ukrainian cities, according to analysts who examined the debris.",
        "{role} {p} met {p2} in {place} to discuss what both sides called strategic military cooperation.",
    ]),
    "diplomacy": ("Diplomacy & dialogue", [
        "{role} {p} held talks with {p2} in {place} on {day}, the latest in a series of high-level visits.",
        "The comprehensive strategic partnership treaty signed in {place} in June commits both countries to mutual assistance.",
        "South Korea summoned the Russian ambassador, {p}, to protest against the deepening military ties, {org} said.",
        "Diplomats in {place} said a summit between {p} and {p2} could take place before the end of {year}.",
        "The foreign ministers agreed to expand exchanges and to coordinate their positions at the United Nations.",
        "{org} described the visit as a new page in relations between {place} and {place2}.",
    ]),
    "nuclear": ("Nuclear & missiles", [
        "North Korea test-fired an intercontinental ballistic missile into the sea off its east coast, the Joint Chiefs of Staff said.",
        "Analysts fear Russia could transfer satellite and missile technology to Pyongyang in return for munitions.",
        "{role} {p} said the nuclear arsenal would be expanded exponentially, according to {org}.",
        "The launch from the Sohae site came weeks after {p} toured the Vostochny Cosmodrome with {p2}.",
        "Seoul and Washington said any nuclear test would be met with an overwhelming response.",
    ]),
    "ukraine_war": ("War in Ukraine", [
        "Ukrainian officials said North Korean soldiers had been captured in the Kursk region and questioned by interrogators.",
        "{p2} said troops from North Korea had suffered heavy losses in fighting near {place}.",
        "Russia has used millions of North Korean artillery shells on the front line in Ukraine, according to {org}.",
        "The war in Ukraine has drawn Pyongyang closer to Moscow than at any time since the collapse of the Soviet Union.",
        "Kyiv urged Seoul to send weapons directly, a step South Korea has so far avoided.",
    ]),
    "trade_energy": ("Trade, economy & energy", [
        "Trade between Russia and North Korea rose to ${num} million last year, according to customs data cited by {org}.",
        "A road bridge across the Tumen River between Khasan and Tumangang is due to open next year.",
        "Korean carmakers that left Russia have kept buyback options on their former plants near {place}.",
        "Russian coal and oil products reached Nampo on tankers that switched off their transponders, analysts said.",
        "Fishing quotas for Korean vessels in Russian waters were set at {num},000 tons of pollock for the year.",
        "Direct flights between {place} and {place2} resumed, with {num} passengers on the first service.",
    ]),
    "humanitarian": ("Humanitarian", [
        "Aid groups said food shortages in rural North Korea had worsened despite Russian wheat deliveries.",
        "North Korean workers were sent to construction sites in {place} in breach of UN resolutions, rights groups said.",
        "South Korea's Ministry of Unification said it would accept captured soldiers who asked to defect.",
        "Families separated by the border have had no news from relatives for years, a charity in {place} said.",
    ]),
    "history_culture": ("History & culture", [
        "Russian tourists began arriving at the Wonsan-Kalma beach resort after tour operators in {place} advertised packages.",
        "Enrollment in Korean studies at Far Eastern Federal University in {place} rose for a third year.",
        "A monument to Soviet soldiers who fought in Korea in 1945 was restored in {place} ahead of the anniversary.",
        "A Russian ballet company performed in {place} for the first time in decades, {org} reported.",
    ]),
    "security_espionage": ("Security & espionage", [
        "Hackers linked to North Korea targeted Russian defense firms, a cybersecurity company in {place} said.",
        "A South Korean missionary was detained in {place} on spying charges, {org} reported.",
        "Investigators in {place} said the suspects had passed information on military logistics to foreign agents.",
    ]),
}
QUOTES = [
    "The mutual defense clause is the most significant commitment Moscow has made to Pyongyang since the Cold War",
    "Our cooperation is not directed against any third country",
    "We will respond firmly to any step that threatens our security",
    "The heroism of the Korean soldiers will never be forgotten",
    "This partnership changes the calculation for every government in the region",
    "There is no basis for these accusations, and we reject them",
    "We are watching the situation very closely together with our allies",
    "Relations between our countries have reached a new strategic level",
    "Sanctions will not stop the development of our economy",
    "Any transfer of military technology would cross a red line",
]
FILLER = [
    "Officials in {place} did not respond to requests for comment.",
    "The statement was carried by {org} early on {day}.",
    "Analysts said the move reflected a broader shift in the region since {year}.",
    "The details could not be independently verified.",
    "Reporters were not allowed to attend the meeting in {place}.",
    "Markets in {place} showed little reaction to the news on {day}.",
    "A spokesperson for {org} declined to give further details.",
    "The talks lasted about {num} hours, according to people familiar with the matter.",
    "Experts cautioned that the figures were estimates and could change.",
    "It was not clear when the next round of talks would be held.",
]
SUBHEADS = ["Reaction in Seoul", "What Moscow wants", "Questions over troop deployments", "Sanctions pressure",
            "A new alliance", "Trade and transport", "What comes next"]

RU_PEOPLE = ["Ким Чен Ын", "Владимир Путин", "Сергей Лавров", "Георгий Зиновьев", "Юн Сок Ёль", "Цой Сон Хи"]
RU_PLACES = ["Пхеньян", "Москва", "Сеул", "Владивосток", "Хасан", "Расон", "Курская область"]
RU_TEMPLATES = [
    "{p} провел переговоры в городе {place}, сообщает ТАСС.",
    "Министр иностранных дел России {p} заявил, что сотрудничество с КНДР не направлено против третьих стран.",
    "Товарооборот между Россией и КНДР вырос на {num} процентов, сообщили в Минэкономразвития.",
    "Строительство автомобильного моста через реку Туманная планируется завершить в {year} году.",
    "В Сеуле выразили обеспокоенность углублением военного сотрудничества между Москвой и Пхеньяном.",
    "По данным РИА Новости, делегация прибыла в {place} в {day}.",
    "«Наши отношения вышли на новый уровень», — заявил {p} журналистам.",
    "Эксперты отмечают, что санкции Совета Безопасности ООН фактически перестали действовать.",
]
KO_PEOPLE = ["김정은", "푸틴", "라브로프", "지노비예프", "윤석열", "최선희"]
KO_PLACES = ["평양", "모스크바", "서울", "블라디보스토크", "하산", "나선", "쿠르스크"]
KO_TEMPLATES = [
    "{p} 위원장은 {place}에서 러시아 대표단을 만났다고 조선중앙통신이 보도했다.",
    "외교부는 북러 군사협력 심화에 대해 깊은 우려를 표명했다.",
    "연합뉴스에 따르면 북한군 약 {num}천 명이 쿠르스크 지역에 파병된 것으로 알려졌다.",
    "정부는 러시아와 북한 간 무기 거래가 유엔 안보리 결의 위반이라고 밝혔다.",
    "두만강 자동차 다리는 {year}년 완공될 예정이다.",
    "\"양국 관계는 새로운 전략적 수준에 올라섰다\"고 {p}는 말했다.",
    "전문가들은 러시아가 북한에 군사 기술을 이전할 가능성을 우려하고 있다.",
    "{place} 주재 대사관은 이번 방문의 의미를 강조했다.",
]
OFFTOPIC_TEMPLATES = [
    "The group will perform {num} concerts at a stadium in Busan before heading to Tokyo.",
    "Tickets for the shows go on sale next month through fan club presales.",
    "Heavy rain is expected across the southern provinces on {day}, the weather agency said.",
    "The national football team beat its rival {num}-1 in a friendly match on {day}.",
    "Housing prices in the capital region rose for the {num}th consecutive week.",
    "The festival drew more than {num},000 visitors over the weekend, organizers said.",
    "Local officials said the new subway line would open by the end of the year.",
]


@dataclass
class SynthArticle:
    """One generated article with what the generator knows to be in it."""
    index: int
    url: str
    source: str
    site_name: str
    host: str
    lang: str
    title: str
    paragraphs: list[str]
    authors: list[str]
    published_at: datetime
    summary: str = ""
    persons: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    quotes: list[tuple[str, str]] = field(default_factory=list)  # (speaker, text)
    topics: list[str] = field(default_factory=list)
    relevant: bool = True

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


def target_words(rng: random.Random) -> int:
    """A log-normal article length, clamped to the range of real news."""
    return max(MIN_WORDS, min(MAX_WORDS, int(rng.lognormvariate(math.log(MEDIAN_WORDS), SIGMA))))


class _Filler:
    """Fills template slots and remembers which names it used."""

    def __init__(self, rng: random.Random, people: list, places: list, orgs: list) -> None:
        self.rng, self.people, self.places, self.orgs = rng, people, places, orgs
        self.persons: dict[str, None] = {}
        self.locations: dict[str, None] = {}
        self.organizations: dict[str, None] = {}

    def person(self) -> tuple[str, str]:
        p = self.rng.choice(self.people)
        name, role = p if isinstance(p, tuple) else (p, "")
        self.persons[name] = None
        return name, role

    def fill(self, template: str) -> str:
        rng = self.rng
        p, role = self.person() if "{p}" in template or "{role}" in template else ("", "")
        p2 = self.person()[0] if "{p2}" in template else ""
        place = rng.choice(self.places) if "{place}" in template else ""
        place2 = rng.choice([x for x in self.places if x != place]) if "{place2}" in template else ""
        org = rng.choice(self.orgs) if "{org}" in template and self.orgs else ""
        for value, seen in ((place, self.locations), (place2, self.locations), (org, self.organizations)):
            if value:
                seen[value] = None
        text = template.format(p=p, p2=p2, role=role, place=place, place2=place2, org=org,
                               day=rng.choice(WEEKDAYS), num=rng.randint(2, 90), year=rng.choice((2023, 2024, 2025, 2026)))
        return text[0].upper() + text[1:]


def _paragraphs(rng: random.Random, sentences: list[str], words: int) -> list[str]:
    out, para, count = [], [], 0
    for s in sentences:
        para.append(s)
        count += len(s.split())
        if len(para) >= rng.randint(2, 4):
            out.append(" ".join(para))
            para = []
        if count >= words:
            break
    if para:
        out.append(" ".join(para))
    return out


def _english(rng: random.Random, index: int, relevant: bool) -> dict:
    words = target_words(rng)
    fill = _Filler(rng, PEOPLE, PLACES, ORGS)
    if not relevant:
        fill = _Filler(rng, [], ["Busan", "Incheon", "Daegu"], [])
        pool = OFFTOPIC_TEMPLATES + [s for s in IRRELEVANT.paragraphs]
        sentences = [fill.fill(rng.choice(pool)) for _ in range(words // 12 + 5)]
        return {"title": rng.choice(["K-pop group announces world tour", "Heavy rain forecast for the south",
                                     "Housing prices keep rising in the capital", "Football team wins friendly"])
                + f" ({index})", "paragraphs": _paragraphs(rng, sentences, words), "fill": fill, "topics": [], "quotes": []}
    themes = rng.sample(sorted(THEMES), k=rng.choice((1, 2, 2, 3)))
    story = rng.choice([s for s in STORIES if s.lang == "en"])
    sentences: list[str] = []
    quotes: list[tuple[str, str]] = []
    # a lead from the hand-written corpus, then generated sentences
    lead = [p for p in story.paragraphs if not p.startswith(("#", "-", ">"))][:2]
    budget = words - sum(len(p.split()) for p in lead)
    have = 0
    while have < budget:
        roll = rng.random()
        if roll < 0.08:
            name, role = fill.person()
            text = rng.choice(QUOTES)
            quotes.append((name, text))
            sentences.append(f'"{text}," {role} {name} said.' if rng.random() < 0.6 else f'{role} {name} said: "{text}."'.strip())
        elif roll < 0.2:
            sentences.append(fill.fill(rng.choice(FILLER)))
        else:
            sentences.append(fill.fill(rng.choice(THEMES[rng.choice(themes)][1])))
        have += len(sentences[-1].split())
    paragraphs = lead + _paragraphs(rng, sentences, budget)
    for _ in range(rng.randint(0, 2)):  # subheadings, kept as their own short paragraph
        paragraphs.insert(rng.randint(2, max(2, len(paragraphs) - 1)), "## " + rng.choice(SUBHEADS))
    name = next(iter(fill.persons), "Kim Jong Un")
    place = next(iter(fill.locations), "Pyongyang")
    title = rng.choice([
        f"{name} and {THEMES[themes[0]][0].split(' ')[0].lower()}: what the talks in {place} mean",
        f"{story.title}",
        f"{name} says ties with {'Moscow' if place != 'Moscow' else 'Pyongyang'} at a new level",
        f"Seoul voices concern as {place} hosts {THEMES[themes[0]][0].split(' &')[0].lower()} talks",
    ])
    return {"title": title, "paragraphs": paragraphs, "fill": fill, "topics": [THEMES[t][0] for t in themes], "quotes": quotes}


def _foreign(rng: random.Random, lang: str) -> dict:
    people, places, templates = (RU_PEOPLE, RU_PLACES, RU_TEMPLATES) if lang == "ru" else (KO_PEOPLE, KO_PLACES, KO_TEMPLATES)
    words = target_words(rng)
    fill = _Filler(rng, people, places, [])
    story = rng.choice([s for s in STORIES if s.lang == lang])
    sentences = [fill.fill(rng.choice(templates)) for _ in range(words // 8 + 5)]
    paragraphs = story.paragraphs[:2] + _paragraphs(rng, sentences, words)
    return {"title": story.title, "paragraphs": [p for p in paragraphs if not p.startswith(("#", "-", ">"))],
            "fill": fill, "topics": [], "quotes": []}


def synth_article(seed: int, index: int) -> SynthArticle:
    """Article ``index`` of the corpus for ``seed`` (independent of every other index)."""
    rng = random.Random(f"{seed}:{index}")
    roll = rng.random()
    lang = "ru" if roll < SHARE_RU else "ko" if roll < SHARE_RU + SHARE_KO else "en"
    relevant = lang != "en" or rng.random() >= SHARE_OFFTOPIC
    parts = _english(rng, index, relevant) if lang == "en" else _foreign(rng, lang)
    source, site, host, _ = rng.choice([s for s in SOURCES if s[3] == lang])
    published = EPOCH + timedelta(seconds=rng.randrange(SPAN_DAYS * 86400))
    slug = hashlib.sha1(f"{seed}:{index}".encode()).hexdigest()[:10]
    fill: _Filler = parts["fill"]
    paragraphs = parts["paragraphs"]
    return SynthArticle(
        index=index,
        url=f"https://{host}/news/{published:%Y/%m/%d}/{slug}-{index}.html",
        source=source, site_name=site, host=host, lang=lang,
        title=parts["title"], paragraphs=paragraphs,
        authors=rng.sample(AUTHORS, k=rng.choice((1, 1, 2))) if lang == "en" else [],
        published_at=published,
        summary=next((p for p in paragraphs if not p.startswith("## ")), "")[:300],
        persons=list(fill.persons), organizations=list(fill.organizations), locations=list(fill.locations),
        quotes=parts["quotes"], topics=parts["topics"], relevant=relevant,
    )


def synth_articles(n: int, seed: int = 1, start: int = 0) -> Iterator[SynthArticle]:
    for i in range(start, start + n):
        yield synth_article(seed, i)


# ------------------------------------------------------------------ HTML pages

_TRACKER = "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());"
_BUNDLE_LINE = "!function(e,t){var n=e.__app||{};n.q=n.q||[];n.push=function(r){n.q.push([r,Date.now()])};e.__app=n}(window,document);"
LAYOUTS = ("wire", "newsroom", "portal", "magazine", "blog")


def _p(text: str) -> str:
    if text.startswith("## "):
        return f"<h2>{html.escape(text[3:])}</h2>"
    return f"<p>{html.escape(text)}</p>"


def render_html(a: SynthArticle, related: list[str] | None = None) -> bytes:
    """A full news page for the article: the text inside a site's usual boilerplate."""
    rng = random.Random(f"html:{a.url}")
    layout = LAYOUTS[a.index % len(LAYOUTS)]
    related = related or [rng.choice(STORIES).title for _ in range(6)]
    esc = html.escape
    nav = "".join(f'<li><a href="/section/{s.lower()}">{s}</a></li>' for s in
                  ("Politics", "North Korea", "World", "Economy", "Defense", "Culture", "Sports", "Opinion", "Video", "Photos", "Podcasts"))
    ld = json.dumps({
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": a.title,
        "datePublished": a.published_at.isoformat(), "inLanguage": a.lang,
        "author": [{"@type": "Person", "name": n} for n in a.authors],
        "publisher": {"@type": "Organization", "name": a.site_name}, "mainEntityOfPage": a.url,
    }, ensure_ascii=False)
    bundle = "\n".join(_BUNDLE_LINE.replace("__app", f"__app{i}") for i in range(rng.randint(40, 160)))
    body_html = "\n".join(_p(p) for p in a.paragraphs)
    if a.quotes and layout in ("magazine", "blog"):
        body_html += f'\n<blockquote class="pullquote">{esc(a.quotes[0][1])}</blockquote>'
    related_html = "".join(f'<li><a href="/news/related-{i}.html">{esc(t)}</a><span class="time">{i + 1}h ago</span></li>'
                           for i, t in enumerate(related))
    byline = ", ".join(a.authors)
    comments = ""
    if layout == "blog":
        comments = '<section class="comments"><h3>Comments</h3>' + "".join(
            f'<div class="comment"><b>{esc(u)}</b><p>{esc(t)}</p></div>' for u, t in
            (("Paul_K", "Interesting analysis, thanks."), ("seoulwatcher", "We need more reporting like this."))) + "</section>"
    page = f"""<!DOCTYPE html>
<html lang="{a.lang}"><head><meta charset="utf-8">
<title>{esc(a.title)} | {esc(a.site_name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{esc(a.summary[:200])}">
<meta property="og:title" content="{esc(a.title)}"><meta property="og:site_name" content="{esc(a.site_name)}">
<meta property="og:type" content="article"><meta property="og:url" content="{esc(a.url)}">
<meta property="article:published_time" content="{a.published_at.isoformat()}">
<link rel="canonical" href="{esc(a.url)}"><link rel="stylesheet" href="/static/css/main.{a.index % 7}.css">
<script type="application/ld+json">{ld}</script>
<script>{_TRACKER}</script>
<script async src="/static/js/ads.js"></script>
</head><body class="{layout}">
<div id="cookie-banner" class="cookie"><p>We use cookies to improve your experience and to show personalised ads. By continuing you agree to our cookie policy.</p><button>Accept all</button><button>Settings</button></div>
<header class="site-header"><a class="logo" href="/">{esc(a.site_name)}</a><nav><ul>{nav}</ul></nav>
<form class="search" action="/search"><input name="q" placeholder="Search"></form></header>
<div class="ad ad-top">Advertisement</div>
<ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/section/north-korea">North Korea</a></li></ol>
<main><article class="story">
<h1 class="headline">{esc(a.title)}</h1>
<div class="byline">By <span class="author">{esc(byline)}</span> <time datetime="{a.published_at.isoformat()}">{a.published_at:%B %d, %Y %H:%M}</time></div>
<div class="share"><a href="#">Facebook</a> <a href="#">X</a> <a href="#">Telegram</a> <a href="#">Copy link</a></div>
<div class="article-body">
{body_html}
</div>
<div class="tags">{"".join(f'<a href="/tag/{esc(t)}">{esc(t)}</a>' for t in a.persons[:4])}</div>
<p class="copyright">© {a.published_at.year} {esc(a.site_name)}. All rights reserved. Reproduction prohibited.</p>
</article>
<aside class="related"><h3>Related articles</h3><ul>{related_html}</ul></aside>
<aside class="newsletter"><h3>Newsletter</h3><p>Get the day's top North Korea stories in your inbox.</p><input placeholder="Email"><button>Subscribe</button></aside>
{comments}
</main>
<footer><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of use</a></li><li><a href="/rss">RSS</a></li></ul>
<p>© {esc(a.site_name)} — registered as a news agency. Address: 1 Media Street.</p></footer>
<script>{bundle}</script>
</body></html>"""
    return page.encode("utf-8")


@dataclass
class Page:
    url: str
    html: bytes
    truth: SynthArticle


def synth_pages(n: int, seed: int = 1, start: int = 0) -> list[Page]:
    """``n`` rendered pages (deterministic for the seed)."""
    return [Page(a.url, render_html(a), a) for a in synth_articles(n, seed, start)]


# ------------------------------------------------------------ indexed records

def to_article(a: SynthArticle, doc_id: str | None = None) -> Article:
    """The enriched Article the pipeline would index for this page (without running it)."""
    from ingest.urls import doc_id as make_id

    entities = ([Entity(n, "person", a.body.count(n.split()[-1]) or 1) for n in a.persons]
                + [Entity(n, "organization") for n in a.organizations] + [Entity(n, "location") for n in a.locations])
    art = Article(
        id=doc_id or make_id(a.url), url=a.url, title=a.title, body=a.body, source=a.source, site_name=a.site_name,
        summary=a.summary, published_at=a.published_at, fetched_at=a.published_at + timedelta(minutes=30),
        first_seen_at=a.published_at + timedelta(minutes=20), language=a.lang, authors=list(a.authors),
        relevance_score=5.0 if a.relevant else 0.0, relevance_reason="relevant" if a.relevant else "no_russia_terms",
        entities=entities, quotes=[Quote(text=t, speaker=s) for s, t in a.quotes], topics=list(a.topics),
    )
    art.enriched_hash = art.content_hash
    return art


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for page in synth_pages(args.n, args.seed):
        (args.out / f"{page.truth.index:06d}.html").write_bytes(page.html)
    print(f"wrote {args.n} pages to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
