"""The fifth metadata set: 22 real pages on Korea-Russia relations, rendered in each outlet's layout.

The specs and their gold are in ``bench/gold/metadata/set5.yaml``; each names the stored page it
was written from (``source_url``). This module renders every spec into
``bench/data/metadata/set5/<name>.html`` and splits the set into tuning and held-back pages:

* **the split**: the names, sorted, shuffled by ``random.Random(SEED)``; the first ``HELD``
  (a third, 7 of 22) are held back (``set5-heldout``), the rest are for tuning (``set5-tune``).
  ``SEED = 20261209`` was fixed before any page was rendered or scored.

The layouts imitate what each stored page shows around its article (bylines, author boxes, photo
credits, datelines, portal summary boxes, tag lines, most-read lists, other stories with their
authors, paywall notes); the text is original.

    python -m bench.metadata_pages5          # (re)write the pages of the set
"""

from __future__ import annotations

import sys


from bench.metadata_pages import KO_NAV, RU_NAV, esc, head, nav, paras, related, split_set, write_set

SEED = 20261209
HELD = 7
SET = "set5"
EN_NAV = ["World", "Asia", "North Korea", "Politics", "Business", "Opinion", "Video"]


def _lis(items) -> str:
    return "".join(f'<li><a href="/n/{i}">{esc(x)}</a></li>' for i, x in enumerate(items, 1))


def _fig(caption: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<figure><img src="/p.jpg" alt=""><figcaption{attr}>{esc(caption)}</figcaption></figure>'


def _end(text: str) -> str:
    return f'<footer><p>{esc(text)}</p></footer>\n</body></html>\n'


# ---------------------------------------------------------------- English pages

def japantoday(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Japan Today">'
    return (head(p, "en", meta) + f'<body>\n<header><a class="logo" href="/">Japan Today</a>{nav(EN_NAV, "nav")}</header>\n<main><article>\n'
            f'{_fig(p["caption"], "caption")}\n<div class="category">world</div>\n'
            f'<h1 class="article-title">{esc(p["headline"])}</h1>\n<time class="date">{esc(p["shown"])}</time>\n'
            f'<p class="byline">{esc(p["byline"])}</p>\n<p class="dateline">{esc(p["dateline"])}</p>\n'
            f'<div class="article-body">{paras(p["paras"])}</div>\n<p class="copyright">© Thomson Reuters 2019.</p>\n</article>\n'
            '<aside class="popular"><h3>Popular</h3><ol>' + _lis(p.get("popular", [])) + '</ol></aside></main>\n'
            + _end("© 2019 GPlusMedia Inc."))


def nknews(p: dict) -> str:
    meta = '<meta property="og:site_name" content="NK News - North Korea News">'
    return (head(p, "en", meta) + f'<body>\n<header>{nav(["News", "Analysis", "Features", "NK Pro", "Podcast"], "menu")}</header>\n'
            '<main><article><div class="post-category">News</div>\n'
            f'<h1 class="entry-title">{esc(p["headline"])}</h1>\n<p class="subtitle">{esc(p["subtitle"])}</p>\n'
            f'<div class="post-meta"><a class="author-name" href="/author/jooheon-kim/">{esc(p["author"])}</a> '
            f'<time>{esc(p["shown"])}</time></div>\n'
            f'<div class="entry-content">{paras(p["paras"])}</div>\n'
            f'<div class="about-author"><h4>About the Author</h4><a href="/author/jooheon-kim/">{esc(p["author"])}</a>'
            f'<p>{esc(p["author_bio"])}</p></div>\n'
            '<div class="newsletter">Get behind the headlines | Get the Daily Update: Start your day with the latest.</div>\n'
            '</article></main>\n' + _end("© Korea Risk Group. All rights reserved."))


def joongang_daily(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Korea JoongAng Daily">'
    return (head(p, "en", meta) + f'<body>\n<header>{nav(["National", "Business", "Culture", "Sports", "Opinion"], "gnb")}</header>\n'
            '<div class="location">Home &gt; National &gt; North Korea</div>\n<main><article>\n'
            f'<h1 class="view-article-title">{esc(p["headline"])}</h1>\n<div class="tools">print dictionary print</div>\n'
            f'<ul class="journalist"><li><img alt="기자 사진" src="/j.jpg"></li><li class="name">{esc(p["author"])}</li></ul>\n'
            f'<div class="date">Published: {esc(p["shown"])}</div>\n'
            f'<div id="article_body">{_fig(p["caption"], "caption")}\n{paras(p["paras"])}</div>\n</article>\n'
            f'{related("Related Articles", p.get("related", []), "related-news")}</main>\n' + _end("Copyright © JoongAng Daily"))


def kbsworld_en(p: dict) -> str:
    meta = '<meta property="og:site_name" content="KBS WORLD">'
    return (head(p, "en", meta) + f'<body>\n<header><a href="#content">Menu Content</a>{nav(["News", "Politics", "N. Korea", "Economy"], "gnb")}</header>\n'
            f'<div id="content" class="news_view"><h2 class="title">{esc(p["headline"])}</h2>\n'
            f'<p class="date">{esc(p["shown"])}</p>\n{_fig(p["credit"], "photo_caption")}\n'
            f'<div class="body_txt">{"<br><br>".join(esc(x) for x in p["paras"])}</div></div>\n'
            + _end("Korean Broadcasting System"))


def devdiscourse(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Devdiscourse">'
    return (head(p, "en", meta) + f'<body>\n<header>{nav(["Politics", "Business", "Technology", "Health"], "nav")}</header>\n'
            f'<main><h1>{esc(p["headline"])}</h1>\n<p class="summary"><b>{esc(p["summary"])}</b></p>\n'
            f'<p class="meta">{esc(p["shown"])}</p>\n<div id="content">{paras(p["paras"])}</div>\n'
            '<p class="disclaimer">(This story has not been edited by Devdiscourse staff and is auto-generated from a syndicated feed.)</p>\n'
            '<aside class="more"><h3>Devdiscourse News Desk</h3></aside></main>\n' + _end("© Devdiscourse"))


def mbph(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Manila Bulletin">'
    first, *rest = p["paras"]
    return (head(p, "en", meta) + f'<body>\n<header>{nav(["News", "Business", "World", "Lifestyle"], "menu")}</header>\n'
            '<div class="ad">ADVERTISEMENT</div>\n<main><article>\n'
            f'<h1 class="title">{esc(p["headline"])}</h1>\n<p class="published">{esc(p["shown"])}</p>\n'
            f'<div class="article-content"><p>{esc(p["dateline"])} {esc(first)}</p>\n'
            f'{_fig(p["caption"])}\n{paras(rest)}</div></article></main>\n' + _end("© Manila Bulletin"))


def koreanvibe(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Korean Vibe">'
    first, *rest = p["paras"]
    return (head(p, "en", meta) + f'<body>\n<header>{nav(["News", "K-Culture", "Politics"], "menu")}</header>\n'
            f'<table class="news"><tr><td>{_fig(p["caption"])}</td></tr></table>\n'
            f'<div class="category">{esc(p["category"])}</div>\n<h1 class="news-title">{esc(p["headline"])}</h1>\n'
            f'<div id="news_body"><p>{esc(p["dateline"])} {esc(first)}</p>\n{paras(rest)}</div>\n'
            + _end("© Korean Vibe"))


def koreapro(p: dict) -> str:
    meta = (f'<meta property="og:site_name" content="KOREA PRO">\n'
            f'<meta property="article:published_time" content="{esc(p["datetime"])}">')
    return (head(p, "en", meta) + f'<body>\n<header>{nav(["Analysis", "Data", "Reports", "Briefings"], "menu")}</header>\n'
            f'<main><article><h1 class="entry-title">{esc(p["headline"])}</h1>\n'
            f'<time datetime="{esc(p["datetime"])}">{esc(p["shown"])}</time>\n'
            f'<div class="entry-content">{paras(p["paras"])}</div>\n'
            f'<div class="paywall">{esc(p["paywall"])}</div></article></main>\n'
            + _end("© Korea Risk Group. All rights reserved."))


# ---------------------------------------------------------------- Korean pages

def daum5(p: dict) -> str:
    meta = f'<meta property="og:site_name" content="Daum">\n<meta property="og:article:author" content="{esc(p["outlet"])}">'
    summary = "<br>".join(esc(x) for x in p["paras"][:3])
    return (head(p, "ko", meta) + f'<body>\n<header class="head_view">{nav(["뉴스", "엔터", "스포츠"], "gnb_comm")}'
            f'<a class="link_cp" href="/cp"><img alt="{esc(p["outlet"])}" src="/logo.png"></a></header>\n'
            f'<div class="main-content"><div class="head_view"><h3 class="tit_view">{esc(p["headline"])}</h3>\n'
            f'<div class="info_view"><span class="txt_info"><span class="num_date">{esc(p["shown"])}</span></span></div>\n'
            '<div class="util_view"><button>음성재생 설정</button><button>번역beta</button><button>글자크기 설정</button></div></div>\n'
            f'<div class="layer_summary"><p class="desc_summary">전체 맥락을 이해하기 위해서는 본문 보기를 권장합니다.</p><p>{summary}</p></div>\n'
            '<div class="layer_util"><p>이 글자크기로 변경됩니다.</p><p>(예시) 가장 빠른 뉴스가 있고 다양한 정보, 쌍방향 소통이 숨쉬는 다음뉴스를 만나보세요.</p></div>\n'
            f'<div class="news_view"><div class="article_view"><section>\n<p>{esc(p["lead_byline"])} {esc(p["paras"][0])}</p>\n'
            f'{paras(p["paras"][1:])}\n<p>{esc(p["email"])}</p>\n</section></div>\n'
            f'<p class="txt_copyright">Copyright © {esc(p["outlet"])}. All rights reserved. 무단 전재 및 재배포, AI학습 이용 금지.</p></div>\n'
            '<div class="box_recommend"><ul>' + _lis(p.get("recommend", [])) + '</ul></div></div>\n' + _end("Daum"))


def businesspost(p: dict) -> str:
    meta = '<meta property="og:site_name" content="비즈니스포스트">'
    return (head(p, "ko", meta) + f'<body>\n<header>{nav(KO_NAV, "gnb")}</header>\n<div class="view">\n'
            f'<p class="date">{esc(p["shown"])}</p>\n<div class="detail"><p>{esc(p["lead"])}</p>\n'
            f'<h2 class="view_title">{esc(p["headline"])}</h2>\n{_fig(p["caption"])}\n'
            f'{paras(p["paras"])}\n<p>{esc(p["signoff"])}</p></div></div>\n'
            '<aside class="ranking"><h3>많이 본 기사</h3><ol>' + _lis(p.get("popular", [])) + '</ol></aside>\n'
            + _end("Copyright © 비즈니스포스트 무단전재 및 재배포 금지"))


def news1_photo(p: dict) -> str:
    meta = '<meta property="og:site_name" content="뉴스1">'
    body = " ".join(p["paras"])
    return (head(p, "ko", meta) + f'<body>\n<header><button>닫기</button> <button>공유하기</button></header>\n'
            f'<div class="photo-view"><ul><li><h2 class="tit">{esc(p["headline"])}</h2>\n<img src="/p.jpg" alt="">\n'
            f'<p class="byline">{esc(p["byline"])}</p>\n<p class="desc">{esc(body)} {esc(p["caption_day"])} {esc(p["email"])}</p></li></ul></div>\n'
            + _end("Copyright ⓒ 뉴스1코리아"))


def segye5(p: dict) -> str:
    meta = '<meta property="og:site_name" content="세계일보">'
    return (head(p, "ko", meta) + f'<body>\n<header>{nav(KO_NAV, "gnb")}</header>\n<div class="viewBox">\n'
            f'<h3 class="title">{esc(p["headline"])}</h3>\n<div class="viewInfo"><p>{esc(p["shown"])}</p><p>{esc(p["updated"])}</p></div>\n'
            f'<article class="viewBox2"><figure><img src="/p.jpg" alt=""></figure>\n{paras(p["paras"])}</article>\n'
            '<div class="subscribe"><a href="/sub">세계일보 구독신청</a></div></div>\n' + _end("ⓒ 세계일보"))


# ---------------------------------------------------------------- Russian pages

def tvzvezda(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Телеканал «Звезда»">'
    return (head(p, "ru", meta) + '<body>\n<header><a href="/">МЕДИАГРУППА «ЗВЕЗДА»</a>' + nav(RU_NAV, "menu") + '</header>\n<main>\n'
            f'<h1 class="news_title">{esc(p["headline"])}</h1>\n<div class="news_lead">{esc(p["lead"])}</div>\n'
            f'<div class="news_info"><span class="author">{esc(p["author"])}</span> <span class="date">{esc(p["shown"])}</span></div>\n'
            f'{_fig(p["credit"], "photo-author")}\n<div class="news_text">{paras(p["paras"])}</div>\n'
            f'{related("Читайте также", p.get("related", []), "more-news")}</main>\n' + _end("© АО «ТРК ВС РФ «ЗВЕЗДА»"))


def globalaffairs(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Россия в глобальной политике">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(["Журнал", "Статьи", "Авторы", "Подписка на журнал"], "menu")}</header>\n<main><article>\n'
            f'<h1>{esc(p["headline"])}</h1>\n<div class="date">{esc(p["shown"])}</div>\n<h2 class="subtitle">{esc(p["subtitle"])}</h2>\n'
            f'<div class="authors"><p><b>{esc(p["author"])}</b> – {esc(p["author_note"])}</p></div>\n'
            f'<p class="summary">{esc(p["summary"])}</p>\n<div class="text">{paras(p["paras"])}</div></article></main>\n'
            + _end("© Россия в глобальной политике"))


def ria5(p: dict) -> str:
    meta = '<meta property="og:site_name" content="РИА Новости">'
    first, *rest = p["paras"]
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "menu")}</header>\n<div class="article">\n'
            f'<div class="article__info-date">{esc(p["shown"])}</div>\n<h1 class="article__title">{esc(p["headline"])}</h1>\n'
            f'<div class="article__tags">{", ".join(esc(t) for t in p["tags"])}</div>\n'
            f'<div class="article__body"><div class="article__text"><strong>{esc(p["dateline"])}</strong> {esc(first)}</div>\n'
            + "".join(f'<div class="article__text">{esc(x)}</div>' for x in rest) + '</div></div>\n'
            '<aside class="lenta"><h3>Лента новостей</h3></aside>\n' + _end("© 2025 МИА «Россия сегодня»"))


def interfax5(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Интерфакс">'
    first, *rest = p["paras"]
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(["Россия", "В мире", "Экономика", "Интервью"], "menu")}</header>\n'
            f'<main><article><time>{esc(p["shown_day"])}</time>\n<h1>{esc(p["headline"])}</h1>\n<h2>{esc(p["subtitle"])}</h2>\n'
            f'{_fig(p["credit"])}\n<p><b>{esc(p["dateline"])}</b> {esc(first)}</p>\n{paras(rest)}</article>\n'
            '<aside><a href="/interview/">Все интервью</a></aside></main>\n' + _end("© 1991—2026 Interfax"))


def lenta5(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Лента.Ру">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "menu")}</header>\n'
            f'<main><div class="topic-page"><h1 class="topic-body__title">{esc(p["headline"])}</h1>\n'
            f'<time class="topic-header__time">{esc(p["shown_day"])}</time>\n'
            f'<div class="topic-body__content">{paras(p["paras"], "topic-body__content-text")}</div></div>\n'
            f'{related("Последние новости", p.get("related", []), "related")}</main>\n' + _end("© 1999–2025 ООО «Лента.Ру»"))


def riamo(p: dict) -> str:
    meta = '<meta property="og:site_name" content="РИАМО">'
    return (head(p, "ru", meta) + f'<body>\n<header><a href="/">Подмосковье сегодня</a>{nav(RU_NAV, "menu")}</header>\n'
            f'<main><article><time class="date" datetime="{esc(p["datetime"])}">{esc(p["shown"])}</time>\n'
            f'<h1>{esc(p["headline"])}</h1>\n<div class="article-text">{paras(p["paras"])}</div></article></main>\n'
            + _end("© РИАМО"))


def newsru(p: dict) -> str:
    meta = '<meta property="og:site_name" content="NEWS.ru">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "menu")}</header>\n<main><article>\n'
            f'<div class="article-date">{esc(p["shown"])}</div>\n<h1>{esc(p["headline"])}</h1>\n{_fig(p["caption"])}\n'
            f'<div class="article-text">{paras(p["paras"])}</div></article>\n'
            '<aside><h3>Читайте также</h3><ul><li><a href="/n/1">Курс доллара на неделю</a></li></ul></aside></main>\n'
            + _end("© NEWS.ru"))


def klops(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Клопс">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(["Калининград", "Россия и мир", "Общество", "Происшествия"], "menu")}</header>\n'
            f'<main><article><time datetime="{esc(p["datetime"])}">{esc(p["shown"])}</time>\n<h1>{esc(p["headline"])}</h1>\n'
            f'<ol class="breadcrumbs"><li>{esc(p["rubric"])}</li></ol>\n'
            f'{_fig(p["headline"] + " - Новости Калининграда | " + p["credit"])}\n<p class="photo-credit">{esc(p["credit"])}</p>\n'
            f'<div class="article-body">{paras(p["paras"])}</div></article></main>\n' + _end("© Клопс"))


def baikal24(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Байкал24">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(["Новости", "Общество", "Экономика"], "menu")}</header>\n'
            f'<main><h1>{esc(p["headline"])}</h1>\n<div class="date">{esc(p["shown_day"])}</div>\n'
            f'<div class="text">{paras(p["paras"])}<p>{esc(p["note"])}</p></div></main>\n'
            '<aside class="banners"><a href="/b1">РСХБ</a> <a href="/b2">Авторские экскурсии</a> <a href="/b3">ТГ</a></aside>\n'
            + _end("© Байкал24"))


def onyxmedia(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Onyx Media">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(["Главные новости", "Общество", "Экономика", "Политика"], "menu")}</header>\n'
            f'<main><article><h1>{esc(p["headline"])}</h1>\n<div class="news-date">{esc(p["shown"])}</div>\n'
            f'<div class="news-text">{paras(p["paras"])}</div></article>\n'
            '<aside><h3>Популярное</h3><ul><li><a href="/n/2">Погода на выходные</a></li></ul></aside></main>\n' + _end("© Onyx Media"))


LAYOUTS = {f.__name__: f for f in (japantoday, nknews, joongang_daily, kbsworld_en, devdiscourse, mbph, koreanvibe, koreapro,
                                    daum5, businesspost, news1_photo, segye5, tvzvezda, globalaffairs, ria5, interfax5, lenta5,
                                    riamo, newsru, klops, baikal24, onyxmedia)}


def load_split(part: str) -> list[dict]:
    """``tune`` or ``heldout`` pages of the fifth set, in file order."""
    return split_set(SET, SEED, HELD, part)


def main(argv: list[str] | None = None) -> int:
    return write_set(SET, LAYOUTS)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
