"""The fourth metadata set: 31 real pages on Korea-Russia relations, rendered in each outlet's layout.

The specs and their gold are in ``bench/gold/metadata/set4.yaml``; each names the stored page it
was written from (``source_url``). This module renders every spec into
``bench/data/metadata/set4/<name>.html`` and splits the set into tuning and held-back pages:

* **the split**: the names, sorted, shuffled by ``random.Random(SEED)``; the first ``HELD``
  (a third, 10 of 31) are held back (``set4-heldout``), the rest are for tuning (``set4-tune``).
  ``SEED = 20261208`` was fixed before any page was rendered or scored.

The layouts imitate what each stored page shows around its article (where the headline, the date
line and the byline sit, photo credits, wire slugs, datelines, tip boxes, most-read lists, other
stories with their authors); the text is original.

    python -m bench.metadata_pages4          # (re)write the pages of the set
"""

from __future__ import annotations

import random
import sys

import yaml

from bench.metadata_pages import GOLD_DIR, KO_NAV, PAGE_DIR, RU_NAV, esc, head, nav, paras, related

SEED = 20261208
HELD = 10
SET = "set4"
EN_NAV = ["World", "Asia", "North Korea", "Politics", "Business", "Opinion", "Video"]


def _lis(items) -> str:
    return "".join(f'<li><a href="/n/{i}">{esc(x)}</a></li>' for i, x in enumerate(items, 1))


def _br(items) -> str:
    return "<br><br>".join(esc(x) for x in items)


# ---------------------------------------------------------------- Korean pages

def sportschosun(p: dict) -> str:
    meta = '<meta property="og:site_name" content="스포츠조선">'
    first, *rest = p["paras"]
    return (head(p, "ko", meta) + f'<body>\n<header><a class="logo" href="/">스포츠조선</a>{nav(["스포츠", "연예", "라이프", "포토"], "gnb")}</header>\n'
            '<div class="article-wrap"><div class="article-head">\n'
            f'<h1 class="article-title">{esc(p["headline"])}</h1>\n'
            f'<div class="article-info"><span class="date">{esc(p["shown"])}</span></div></div>\n'
            f'<div class="news_text" itemprop="articleBody">{esc(p["lead_byline"])} {esc(first)}<br><br>{_br(rest)}</div>\n'
            '<div class="copyright">Copyright © 스포츠조선. All rights reserved. 무단전재 및 재배포 금지</div>\n</div>\n'
            '<aside class="most-viewed"><h3>많이 본 기사</h3><ol>' + _lis(p.get("popular", [])) + '</ol></aside>\n'
            '<footer><p>스포츠조선 | 서울특별시 중구</p></footer>\n</body></html>\n')


def channela_amp(p: dict) -> str:
    meta = '<meta property="og:site_name" content="채널A">\n<link rel="canonical" href="https://ichannela.com/news/main/news_detailPage.do">'
    return (head(p, "ko", meta) + '<body>\n<header class="amp-header"><a href="/">채널A 홈</a></header>\n<article>\n'
            f'<h1 class="title">{esc(p["headline"])}</h1>\n'
            f'<div class="info"><span class="date">{esc(p["shown"])}</span> <span class="cate">{esc(p["section"])}</span></div>\n'
            f'<div class="article">{_br(p["paras"])}</div>\n</article>\n'
            '<section class="more"><h3>많이 본 뉴스</h3></section>\n'
            '<footer><p>Copyright © 채널A. All rights reserved.</p></footer>\n</body></html>\n')


def newsis_weekly(p: dict) -> str:
    meta = '<meta property="og:site_name" content="뉴시스">'
    return (head(p, "ko", meta) + f'<body>\n<header>{nav(KO_NAV, "gnb")}</header>\n<div class="view">\n'
            f'<h1 class="tit">{esc(p["headline"])}</h1>\n'
            '<div class="viewer">' + _br(p["paras"]) + f'<br><br>{esc(p["tail"])}</div>\n'
            f'{related("많이 본 기사", p.get("related", []), "rankingNews")}\n</div>\n'
            '<footer><p>Copyright © NEWSIS.COM, All rights reserved.</p></footer>\n</body></html>\n')


def hankyung(p: dict) -> str:
    meta = '<meta property="og:site_name" content="한국경제">'
    tools = "".join(f"<li>-</li><li>{t}</li>" for t in ("기사 스크랩", "공유", "댓글", "클린뷰", "프린트"))
    return (head(p, "ko", meta) + f'<body>\n<header>{nav(KO_NAV, "gnb")}</header>\n<div class="article-contents">\n'
            f'<h1 class="headline">{esc(p["headline"])}</h1>\n<ul class="article-tools">{tools}</ul>\n'
            f'<div class="article-body" id="articletxt">{_br(p["paras"])}<br><br>{esc(p["signoff"])}</div>\n</div>\n'
            '<footer><p>ⓒ 한국경제신문 &amp; hankyung.com, 무단전재 및 재배포 금지</p></footer>\n</body></html>\n')


def daum4(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Daum">'
    if p.get("press"):
        meta += f'\n<meta property="og:article:author" content="{esc(p["press"])}">'
    who = f'<span class="txt_info">{esc(p["reporter"])}</span> ' if p.get("reporter") else ""
    logo = f'<a class="link_cp" href="/cp"><img alt="{esc(p["press"])}" src="/logo.png"></a>' if p.get("press") else ""
    caption = (f'<figure class="figure_frm"><img src="/p.jpg" alt=""><figcaption class="txt_caption">{esc(p["caption"])}'
               '</figcaption></figure>') if p.get("caption") else ""
    goto = f'<p class="link_cp">{esc(p["goto"])}</p>' if p.get("goto") else ""
    return (head(p, "ko", meta) + f'<body>\n<header class="head_view">{nav(["뉴스", "엔터", "스포츠"], "gnb_comm")}{logo}</header>\n'
            '<div class="main-content"><div class="head_view">\n'
            f'<h3 class="tit_view" data-translation="true">{esc(p["headline"])}</h3>\n'
            f'<div class="info_view">{who}<span class="txt_info"><span class="num_date">{esc(p["shown"])}</span></span></div>\n'
            '<div class="util_view"><button>음성재생 설정</button><button>번역beta</button><button>글자크기 설정</button></div></div>\n'
            '<div class="news_view fs_type1"><div class="article_view" data-translation-body="true"><section>\n'
            f'{caption}\n{paras(p["paras"])}\n{paras(p.get("jebo", []))}\n</section></div>\n'
            f'<p class="txt_copyright">{esc(p["copyright"])}</p>\n'
            f'<div class="box_recommend"><p>이 기사에 대해 어떻게 생각하시나요?</p></div>{goto}</div>\n'
            f'<div class="foot_view"><strong>{esc(p.get("press") or "언론사")} 주요 뉴스</strong><ul>' + _lis(p.get("more", [])) + '</ul></div></div>\n'
            '<footer><p>Copyright © Kakao Corp. All rights reserved.</p></footer>\n</body></html>\n')


def news1_amp(p: dict) -> str:
    meta = '<meta property="og:site_name" content="뉴스1">'
    photos = "".join(f'<figure><amp-img src="/p{i}.jpg" alt=""></amp-img><figcaption>{esc(c)}</figcaption></figure>\n'
                     for i, c in enumerate(p["photos"]))
    kw = "".join(f'<a href="/tag/{i}">{esc(k)}</a>' for i, k in enumerate(p.get("keywords", [])))
    return (head(p, "ko", meta) + '<body>\n<header><a href="/">뉴스1</a></header>\n<article>\n'
            f'<h1 class="article-tit">{esc(p["headline"])}</h1>\n<div class="article-body">\n{photos}{paras(p["paras"])}\n</div>\n'
            f'<div class="keyword"><span>관련 키워드</span>{kw}</div>\n</article>\n'
            '<footer><p>Copyright ⓒ 뉴스1. All rights reserved. 무단 전재 및 재배포, AI학습 이용 금지.</p></footer>\n</body></html>\n')


def segye_m(p: dict) -> str:
    meta = '<meta property="og:site_name" content="세계일보">'
    return (head(p, "ko", meta) + '<body>\n<header><a href="/">세계일보</a><button>메뉴 보기</button><button>검색</button></header>\n'
            f'<div class="viewBox"><h3 class="title">{esc(p["headline"])}</h3>\n'
            f'<figure><img src="/p.jpg" alt=""><figcaption>{esc(p["caption"])}</figcaption></figure>\n'
            f'<article class="viewBox2">{_br(p["paras"])}</article></div>\n'
            '<footer><p>ⓒ 세계일보 &amp; Segye.com, 무단전재 및 재배포 금지</p></footer>\n</body></html>\n')


# ---------------------------------------------------------------- English pages

def scmp2018(p: dict) -> str:
    meta = '<meta property="og:site_name" content="South China Morning Post">'
    return (head(p, "en", meta) + f'<body>\n<header>{nav(EN_NAV, "nav")}</header>\n<div class="panel-pane pane-page-title">\n'
            f'<div class="section-name">{esc(p["section"])}</div>\n<h1 class="title">{esc(p["headline"])}</h1></div>\n'
            f'<div class="pane-node-created"><span>{esc(p["shown"])}</span></div>\n'
            f'<div class="pane-node-updated"><span>{esc(p["updated"])}</span></div>\n'
            f'<div class="node-author"><a href="/author/reuters">{esc(p["byline"])}</a></div>\n'
            f'<div class="pane-node-body">{paras(p["paras"])}</div>\n'
            '<aside class="most-popular"><h3>Most Popular</h3><ul>' + _lis(p.get("popular", [])) + '</ul></aside>\n'
            '<footer><p>Copyright © 2018 South China Morning Post Publishers Ltd.</p></footer>\n</body></html>\n')


def reuters2018(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Reuters">'
    top = "".join(f"<a href='/t/{i}'>{x}</a>" for i, x in enumerate(
        ("Financial", "Government Solutions", "Legal", "Reuters News Agency", "Risk Management Solutions",
         "Tax &amp; Accounting", "Blog: Answers On", "Innovation @ Thomson Reuters")))
    return (head(p, "en", meta) + f'<body>\n<div class="ThomsonReutersHeader">{top}</div>\n'
            '<div class="ArticleHeader_container">\n'
            f'<div class="ArticleHeader_date">{esc(p["shown"])}</div>\n'
            f'<h1 class="ArticleHeader_headline">{esc(p["headline"])}</h1>\n'
            f'<div class="BylineBar_byline"><a href="/journalists/reuters-staff">{esc(p["byline"])}</a></div>\n'
            '<div class="BylineBar_reading-time">1 Min Read</div></div>\n'
            f'<div class="StandardArticleBody_body">{paras(p["paras"])}\n'
            f'<p class="Attribution_content">{esc(p["credits"])}</p></div>\n'
            '<footer><p>Our Standards: The Thomson Reuters Trust Principles.</p></footer>\n</body></html>\n')


def tbsnews(p: dict) -> str:
    meta = '<meta property="og:site_name" content="The Business Standard">'
    return (head(p, "en", meta) + f'<body>\n<header>{nav(["Economy", "Bangladesh", "World", "Sports", "Videos"], "menu")}</header>\n'
            f'<main><div class="article-head"><h1 class="hide-for-small-only">{esc(p["headline"])}</h1>\n'
            f'<div class="intro">{esc(p["lead"])}</div>\n'
            f'<div class="date">{esc(p["shown_day"])}</div></div>\n'
            f'<article class="section-content">{paras(p["paras"])}</article>\n'
            '<div class="related-news"><h3>Related News</h3><ul>' + _lis(p.get("related", [])) + '</ul></div></main>\n'
            '<footer><p>© 2023 The Business Standard. All rights reserved.</p></footer>\n</body></html>\n')


def sputnikglobe(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Sputnik International">'
    return (head(p, "en", meta) + f'<body>\n<header>{nav(EN_NAV, "header__menu")}</header>\n<div class="article">\n'
            f'<div class="article__header"><h1 class="article__title">{esc(p["headline"])}</h1>\n'
            f'<div class="article__info-date"><a href="/20231018/">{esc(p["shown_day"])}</a></div></div>\n'
            f'<div class="article__body">{paras(p["paras"], "article__text")}</div></div>\n'
            '<div class="article__related"><h3>More</h3><ul>' + _lis(p.get("related", [])) + '</ul></div>\n'
            '<footer><p>© 2023 Sputnik. All rights reserved.</p></footer>\n</body></html>\n')


def euronews(p: dict) -> str:
    meta = '<meta property="og:site_name" content="euronews">'
    return (head(p, "en", meta) + '<body>\n<header><a href="/">Find Us</a>' + nav(["Europe", "World", "Business", "Travel"], "menu") + '</header>\n'
            f'<main><article><h1 class="c-article-title">{esc(p["headline"])}</h1>\n'
            f'<figure><img src="/p.jpg" alt=""><figcaption>{esc(p["caption"])} <span class="c-copyright">{esc(p["credit"])}</span></figcaption></figure>\n'
            f'<div class="c-article-contributors">{esc(p["byline"])}</div>\n'
            '<div class="c-article-publication-date">Published on <time class="c-article-publication-date__time"></time>'
            ' Updated <time></time></div>\n'
            '<div class="c-share"><button>Share this article</button><button>Comments</button><button>Copy to clipboard</button></div>\n'
            f'<div class="c-article-content">{paras(p["paras"])}</div></article></main>\n'
            '<footer><p>Copyright © euronews 2024</p></footer>\n</body></html>\n')


def voa_blog(p: dict) -> str:
    meta = '<meta property="og:site_name" content="VOA Breaking News">'
    return (head(p, "en", meta) + '<body>\n<div id="header"><a href="/">Breaking News</a></div>\n<div id="content">\n'
            f'<div class="post"><h2 class="entry-title">{esc(p["headline"])}</h2>\n'
            f'<div class="postmetadata">{esc(p["shown"])}<br><a href="#respond">Leave a comment</a></div>\n'
            f'<div class="entry">{paras(p["paras"])}</div></div></div>\n'
            '<div id="sidebar"><h3>Recent Posts</h3><ul>' + _lis(p.get("related", [])) + '</ul></div>\n'
            '<footer><p>Voice of America</p></footer>\n</body></html>\n')


def hani_en(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Hankyoreh">'
    return (head(p, "en", meta) + f'<body>\n<header>{nav(["Politics", "North Korea", "Economy", "Society", "International"], "gnb")}</header>\n'
            f'<div class="article-head"><h3 class="title">{esc(p["headline"])}</h3>\n'
            f'<p class="date-time">{esc(p["shown"])}</p></div>\n'
            f'<div class="article-text"><div class="subtitle">{esc(p["subtitle"])}</div>\n'
            f'<div class="image"><img src="/p.jpg" alt="{esc(p["caption"])}"><div class="desc">{esc(p["caption"])}</div></div>\n'
            f'{paras(p["paras"])}</div>\n'
            '<div class="most-viewed"><h4>Most viewed articles</h4><ol>' + _lis(p.get("popular", [])) + '</ol></div>\n'
            '<footer><p>ⓒ The Hankyoreh : All rights reserved.</p></footer>\n</body></html>\n')


# ---------------------------------------------------------------- Russian pages

def lenta4(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Лента.Ру">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "menu")}</header>\n'
            f'<div class="topic-header__teaser"><a href="/articles/2026/02/05/">{esc(p["teaser"])}</a></div>\n'
            f'<main><div class="topic-page"><h1 class="topic-body__title">{esc(p["headline"])}</h1>\n'
            f'<time class="topic-header__time">{esc(p["shown_day"])}</time>\n'
            f'<div class="topic-body__content">{paras(p["paras"], "topic-body__content-text")}</div></div>\n'
            '<div class="related"><h3>Последние новости</h3><ul>' + _lis(p.get("related", [])) + '</ul></div></main>\n'
            '<footer><p>© 1999–2026 ООО «Лента.Ру»</p></footer>\n</body></html>\n')


def vedomosti4(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Ведомости">'
    sub = f'<em class="article-headline__subtitle">{esc(p["subtitle"])}</em>' if p.get("subtitle") else ""
    photo = (f'<figure class="article-image"><img src="/p.jpg" alt=""><figcaption>{esc(p.get("caption", ""))}'
             f'<span class="article-image__author">{esc(p["credit"])}</span></figcaption></figure>') if p.get("credit") else ""
    rel = related("Читайте также", p.get("related", []), "article-related") if p.get("related") else ""
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "menu")}</header>\n<main><div class="article">\n'
            f'<div class="article-headline"><h1 class="article-headline__title">{esc(p["headline"])}</h1>{sub}</div>\n'
            f'<div class="article-meta"><time class="article-meta__date">{esc(p["shown_day"])}</time></div>\n{photo}\n'
            f'<div class="article-boxes-list">{paras(p["paras"], "box-paragraph__text")}</div></div>\n{rel}</main>\n'
            '<footer><p>© АО «Бизнес Ньюс Медиа»</p></footer>\n</body></html>\n')


def dailymoscow(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Daily Moscow">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(["Новости", "Город", "Общество", "Видео"], "menu")}</header>\n'
            f'<main><div class="news-detail"><div class="news-detail__date">{esc(p["shown"])}</div>\n'
            f'<h1>{esc(p["headline"])}</h1>\n<div class="news-detail__text">{paras(p["paras"])}</div></div></main>\n'
            '<footer>' + "".join(f"<p>{esc(x)}</p>" for x in p["address"]) + '</footer>\n</body></html>\n')


def bigasia(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Большая Азия">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(["Новости", "Китай", "Индия", "Корея", "Япония"], "menu")}</header>\n'
            f'<div class="post"><h1 class="entry-title">{esc(p["headline"])}</h1>\n'
            f'<div class="entry-meta">{esc(p["meta_line"])}</div>\n'
            f'<div class="entry-content">{paras(p["paras"])}</div></div>\n'
            '<div class="sidebar"><h3>Новости</h3><ul>' + _lis(p.get("related", [])) + '</ul></div>\n'
            '<footer><p>© Телеканал «Большая Азия»</p></footer>\n</body></html>\n')


def slovo_odessa(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Слово">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(["Новости", "Политика", "Одесса", "Культура"], "menu")}</header>\n'
            f'<div class="full-story"><div class="story-info"><span>Информация к новости</span><span class="date">{esc(p["shown"])}</span></div>\n'
            f'<h1 class="title">{esc(p["headline"])}</h1>\n<div class="category">{esc(p["category"])}</div>\n'
            f'<div class="telegram-notice">{esc(p["notice"])}</div>\n'
            f'<div class="full-text">{paras(p["paras"])}</div></div>\n'
            '<footer><p>© Газета «Слово», Одесса</p></footer>\n</body></html>\n')


def msk_news(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Новости Москвы">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(["Общество", "Происшествия", "Экономика", "Спорт"], "menu")}</header>\n'
            f'<div class="news"><h1>{esc(p["headline"])}</h1>\n<div class="news-text"><p><strong>{esc(p["headline"])}</strong></p>\n'
            f'{paras(p["paras"])}\n</div>\n' + "".join(f'<p class="source">{esc(x)}</p>' for x in p["after"]) + '</div>\n'
            '<div class="more-news"><ul>' + _lis(p.get("more", [])) + '</ul></div>\n'
            '<footer><p>msk-news.net — новости Москвы</p></footer>\n</body></html>\n')


def life4(p: dict) -> str:
    meta = ('<meta property="og:site_name" content="Life.ru">\n'
            f'<meta property="article:published_time" content="{p["meta_time"]}">')
    tags = "".join(f'<a href="/t/{i}">{esc(t)}</a>' for i, t in enumerate(p["tags"]))
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "header-menu")}<div class="hot-tags">{tags}</div></header>\n'
            f'<main><article><div class="styles_date">{esc(p["shown"])}</div>\n<h1 class="styles_title">{esc(p["headline"])}</h1>\n'
            f'<figure><img src="/c.jpg" alt=""><figcaption class="styles_copyright">{esc(p["credit"])}</figcaption></figure>\n'
            f'<div class="styles_text">{paras(p["paras"])}</div></article></main>\n'
            '<footer><p>© 2025 ООО «ЛайфМедиа»</p></footer>\n</body></html>\n')


def vz(p: dict) -> str:
    meta = '<meta property="og:site_name" content="ВЗГЛЯД">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(["Политика", "Экономика", "Общество", "Мир"], "menu")}</header>\n'
            f'<div class="text"><h1>{esc(p["headline"])}</h1>\n<p class="author"><b>{esc(p["author_line"])}</b></p>\n'
            f'{paras(p["paras"])}</div>\n{related("Новости", p.get("related", []), "news-more")}\n'
            '<footer><p>© 2005–2025 Деловая газета ВЗГЛЯД</p></footer>\n</body></html>\n')


def tass_ru(p: dict) -> str:
    meta = '<meta property="og:site_name" content="ТАСС">'
    first, *rest = p["paras"]
    return (head(p, "ru", meta) + f'<body>\n<header><a href="/">Все новости</a>{nav(RU_NAV, "menu")}</header>\n'
            f'<main><div class="news-header"><div class="news-header__date">{esc(p["shown_day"])}</div>\n'
            f'<h1 class="news-header__title">{esc(p["headline"])}</h1>\n'
            f'<div class="news-header__lead">{esc(p["lead"])}</div>\n'
            f'<figure><img src="/p.jpg" alt=""><figcaption>{esc(p["credit"])}</figcaption></figure></div>\n'
            f'<div class="text-content">{paras([p["dateline"] + " " + first, *rest])}</div></main>\n'
            '<footer><p>© ТАСС, 1999–2025</p></footer>\n</body></html>\n')


LAYOUTS = {f.__name__: f for f in (sportschosun, channela_amp, newsis_weekly, hankyung, daum4, news1_amp, segye_m,
                                    scmp2018, reuters2018, tbsnews, sputnikglobe, euronews, voa_blog, hani_en,
                                    lenta4, vedomosti4, dailymoscow, bigasia, slovo_odessa, msk_news, life4, vz, tass_ru)}


def load_all() -> list[dict]:
    return yaml.safe_load((GOLD_DIR / f"{SET}.yaml").read_text(encoding="utf-8"))["pages"]


def held_back_names(specs: list[dict]) -> set[str]:
    names = sorted(s["name"] for s in specs)
    random.Random(SEED).shuffle(names)
    return set(names[:HELD])


def load_split(part: str) -> list[dict]:
    """``tune`` or ``heldout`` pages of the fourth set, in file order."""
    specs = load_all()
    held = held_back_names(specs)
    return [s for s in specs if (s["name"] in held) == (part == "heldout")]


def render(spec: dict) -> str:
    return LAYOUTS[spec["layout"]](dict(spec["page"], url=spec["url"]))


def main(argv: list[str] | None = None) -> int:
    out = PAGE_DIR / SET
    out.mkdir(parents=True, exist_ok=True)
    for spec in load_all():
        (out / f"{spec['name']}.html").write_text(render(spec), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
