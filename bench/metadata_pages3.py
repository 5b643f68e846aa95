"""The third metadata set: real pages of 19 outlets, rendered in each outlet's page layout.

The specs and their gold are in ``bench/gold/metadata/set3.yaml``; each names the stored page it
was written from (``source_url``). This module renders every spec into
``bench/data/metadata/set3/<name>.html`` and splits the set into tuning and held-back pages:

* **the split**: the names, sorted, shuffled by ``random.Random(SEED)``; the first ``HELD``
  (a third, 8 of 25) are held back (``set3-heldout``), the rest are for tuning (``set3-tune``).
  ``SEED = 20261207`` was fixed before any page was rendered or scored.

The layouts imitate what each stored page shows around its article (the headline, where the date
and byline sit, most-read lists, notices, credits); the text is original.

    python -m bench.metadata_pages3          # (re)write the pages of the set
"""

from __future__ import annotations

import random
import sys

import yaml

from bench.metadata_pages import GOLD_DIR, KO_NAV, PAGE_DIR, RU_NAV, esc, head, nav, paras, related

SEED = 20261207
HELD = 8
SET = "set3"
EN_NAV = ["National", "North Korea", "Politics", "Business", "World", "Opinion", "Culture", "Sports"]


def _p(items, cls: str = "") -> str:
    return paras(items, cls)


def _lis(items) -> str:
    return "".join(f'<li><a href="/n/{i}">{esc(x)}</a></li>' for i, x in enumerate(items, 1))


def koreaherald(p: dict) -> str:
    meta = '<meta property="og:site_name" content="The Korea Herald">'
    return (head(p, "en", meta) + f'<body>\n<header class="header">{nav(EN_NAV, "gnb")}</header>\n'
            '<div class="main_r"><div class="most_popular"><h3>Most Popular</h3><ol class="list">'
            + _lis(p.get("popular", [])) + '</ol></div></div>\n'
            '<div class="view_bg"><div class="view_tit_byline">\n'
            f'<h1 class="view_tit">{esc(p["headline"])}</h1>\n'
            f'<div class="view_tit_byline_l"><a href="/list.php?ct=Yonhap">{esc(p["byline"])}</a></div>\n'
            f'<div class="view_tit_byline_r">{esc(p["shown"])}</div>\n'
            '<ul class="share"><li>Link copied</li></ul></div>\n'
            '<div class="view_con article">\n'
            f'<div class="img_box"><img src="/img/x.jpg" alt=""><p class="view_img_caption">{esc(p["caption"])}</p></div>\n'
            f'{_p(p["paras"])}\n</div></div>\n'
            '<footer class="footer"><p>© The Korea Herald. All rights reserved.</p></footer>\n</body></html>\n')


def donga_en(p: dict) -> str:
    meta = '<meta property="og:site_name" content="The Dong-A Ilbo">'
    rel = related("Related Articles", p.get("related", []), "related_news")
    return (head(p, "en", meta) + f'<body>\n<header>{nav(EN_NAV, "gnb")}</header>\n'
            '<div id="container"><div class="article_view">\n'
            f'<h1 class="title">{esc(p["headline"])}</h1>\n'
            f'<p class="date">{esc(p["shown"])}</p>\n'
            '<div class="article_txt">' + "<br><br>".join(esc(x) for x in p["paras"]) + '</div>\n'
            f'</div>{rel}</div>\n<footer><p>Copyright by dongA.com All rights reserved.</p></footer>\n</body></html>\n')


def yna_en(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Yonhap News Agency">'
    when = (f'<p class="update-time"><span class="section">{esc(p.get("section", ""))}</span> '
            f'<span class="txt">{esc(p["shown"])}</span></p>') if p.get("shown") else ""
    body = []
    if p.get("attn"):
        body.append(f'<p class="attn">{esc(p["attn"])}</p>')
    if p.get("byline"):
        body.append(f'<p class="byline">{esc(p["byline"])}</p>')
    if p.get("caption"):
        body.append(f'<div class="comp-box photo-group"><figure><img src="/p.jpg" alt=""><figcaption>{esc(p["caption"])}</figcaption></figure></div>')
    first, *rest = p["paras"]
    if p.get("dateline"):
        first = f'{p["dateline"]} {first}'
    body.append(_p([first, *rest]))
    if p.get("signoff"):
        body.append(f'<p>{esc(p["signoff"])}</p>')
    body.append('<p>(END)</p>')
    return (head(p, "en", meta) + '<body>\n<div id="skip"><a href="#c">Go to Contents</a> <a href="#n">Go to Navigation</a></div>\n'
            f'<header>{nav(EN_NAV, "nav-menu")}</header>\n<div id="c" class="container">\n'
            f'<div class="title-article"><h1 class="tit">{esc(p["headline"])}</h1>{when}</div>\n'
            '<article class="story-news article">\n' + "\n".join(body) + '\n</article>\n'
            '<div class="aside-box related"><ul>' + _lis(p.get("related", [])) + '</ul></div>\n</div>\n'
            '<footer><p>(C) Yonhap News Agency. All Rights Reserved</p></footer>\n</body></html>\n')


def joongangdaily(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Korea JoongAng Daily">'
    return (head(p, "en", meta) + f'<body>\n<header>{nav(EN_NAV, "gnb")}</header>\n<main><article class="article">\n'
            f'<h1 class="view-article-title">{esc(p["headline"])}</h1>\n'
            f'<div class="date"><span>{esc(p["shown"])}</span></div>\n'
            f'<div class="article-content-left pb-30" id="article_body">\n{_p(p["paras"])}\n</div>\n'
            '<div class="comment">' + _p(p.get("paras_after", [])) + '</div>\n</article></main>\n'
            '<footer><p>Copyright by JoongAng Ilbo Co., Ltd. All Rights Reserved.</p></footer>\n</body></html>\n')


def edaily(p: dict) -> str:
    meta = '<meta property="og:site_name" content="이데일리">'
    return (head(p, "ko", meta) + f'<body>\n<header>{nav(KO_NAV, "gnb")}</header>\n<div class="news_titles">\n'
            f'<h1 class="news_title">{esc(p["headline"])}</h1>\n'
            f'<div class="dates"><span>{esc(p["shown"])}</span></div></div>\n'
            f'<div class="news_body" itemprop="articleBody">{esc(p["paras"][0])}<br><br>'
            f'<table class="gisaimg"><tr><td><img src="/i.jpg" alt=""></td></tr><tr><td>{esc(p["caption"])}</td></tr></table>'
            + "<br><br>".join(esc(x) for x in p["paras"][1:]) + '</div>\n'
            + related("주요 뉴스", p.get("related", []), "main_news") +
            '\n<footer><p>ⓒ종합 경제정보 미디어 이데일리 - 상업적 무단전재 &amp; 재배포 금지</p></footer>\n</body></html>\n')


def newsis_weekly(p: dict) -> str:
    meta = '<meta property="og:site_name" content="뉴시스">'
    return (head(p, "ko", meta) + f'<body>\n<header>{nav(KO_NAV, "gnb")}</header>\n<div class="view">\n'
            f'<h1 class="tit">{esc(p["headline"])}</h1>\n<div class="date">{esc(p["shown"])}</div>\n'
            '<div class="summary">' + "<br>".join(esc(x) for x in p.get("subheads", [])) + '</div>\n'
            '<div class="viewer">' + "<br><br>".join(esc(x) for x in p["paras"]) + '</div>\n'
            f'{related("많이 본 기사", p.get("related", []), "rankingNews")}\n</div>\n'
            '<footer><p>Copyright © NEWSIS.COM, All rights reserved.</p></footer>\n</body></html>\n')


def kbs_news(p: dict) -> str:
    meta = '<meta property="og:site_name" content="KBS 뉴스">'
    tops = "".join(f'<div class="box"><a href="/t/{i}"><strong>{esc(h)}</strong><p>{esc(t)}</p></a></div>'
                   for i, (h, t) in enumerate(p.get("top_news", [])))
    notice = f'<p class="tts-notice">{esc(p["notice"])}</p>' if p.get("notice") else ""
    return (head(p, "ko", meta) + f'<body>\n<header><h1 class="logo">KBS NEWS</h1>{nav(KO_NAV, "gnb")}</header>\n'
            f'<div class="top-news">{tops}</div>\n<div class="landing-caption">\n'
            f'<h4 class="headline-title">{esc(p["headline"])}</h4>\n'
            f'<div class="dates"><em class="input-date">{esc(p["shown"])}</em></div>{notice}</div>\n'
            '<div class="detail-body font-size" id="cont_newstext">'
            + "<br /><br />".join(esc(x) for x in p["paras"]) + '</div>\n'
            '<footer><p>Copyright © KBS. All rights reserved.</p></footer>\n</body></html>\n')


def daum(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Daum">\n<meta property="og:article:author" content="' + esc(p["press"]) + '">'
    return (head(p, "ko", meta) + f'<body>\n<header class="head_view">{nav(["뉴스", "엔터", "스포츠"], "gnb_comm")}</header>\n'
            '<div class="main-content"><div class="head_view">\n'
            f'<h3 class="tit_view" data-translation="true">{esc(p["headline"])}</h3>\n'
            f'<div class="info_view"><span class="txt_info">{esc(p["press"])}</span> <span class="txt_info"><span class="num_date">{esc(p["shown"])}</span></span></div></div>\n'
            '<div class="news_view fs_type1"><div class="article_view" data-translation-body="true"><section>\n'
            f'{_p(p["paras"], "")}\n{_p(p.get("jebo", []))}\n</section></div>\n'
            f'<p class="txt_copyright">{esc(p["copyright"])}</p>\n'
            '<div class="box_recommend"><p>이 기사에 대해 어떻게 생각하시나요?</p></div></div>\n'
            '<div class="foot_view"><strong>KBS 주요 뉴스</strong><ul>' + _lis(p.get("more", [])) + '</ul></div></div>\n'
            '<footer><p>Copyright © Kakao Corp. All rights reserved.</p></footer>\n</body></html>\n')


def tass_en(p: dict) -> str:
    meta = '<meta property="og:site_name" content="TASS">'
    photo = (f'<figure class="news-header__image"><img src="/p.jpg" alt=""><figcaption>{esc(p["caption"])}'
             f'<span class="copyright">{esc(p["credit"])}</span></figcaption></figure>') if p.get("caption") else ""
    first, *rest = p["paras"]
    return (head(p, "en", meta) + f'<body>\n<header><a href="/">All news</a>{nav(EN_NAV, "menu")}</header>\n'
            '<main><div class="news-header">\n'
            f'<h1 class="news-header__title">{esc(p["headline"])}</h1>\n'
            f'<div class="news-header__lead">{esc(p["lead"])}</div>\n'
            f'<div class="news-header__date"><span class="date">{esc(p.get("shown_day", ""))}</span></div>\n{photo}</div>\n'
            f'<div class="text-content"><div class="text-block">\n{_p([p["dateline"] + " " + first, *rest])}\n</div></div>\n'
            '</main>\n<footer><p>© TASS, 1999-2024</p></footer>\n</body></html>\n')


def sputnik(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Sputnik International">'
    return (head(p, "en", meta) + f'<body>\n<header>{nav(EN_NAV, "header__menu")}</header>\n<div class="article">\n'
            f'<div class="article__header"><h1 class="article__title">{esc(p["headline"])}</h1>\n'
            f'<div class="article__info-date"><a href="/20240627/">{esc(p["shown_day"])}</a></div>\n'
            f'<div class="article__announce-text">{esc(p["lead"])}</div></div>\n'
            '<div class="article__announce"><div class="media"><img src="https://cdn1.img.sputnikglobe.com/img/x.jpg" alt=""></div></div>\n'
            f'<div class="article__body">\n{_p(p["paras"], "article__text")}\n</div></div>\n'
            '<footer><p>© 2024 Sputnik. All rights reserved.</p></footer>\n</body></html>\n')


def gazeta(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Газета.Ru">'
    lead = f'<h2 class="subheader">{esc(p["lead"])}</h2>' if p.get("lead") else ""
    credit = f'<div class="item_photo"><img src="/p.jpg" alt=""><span class="credits">{esc(p["credit"])}</span></div>' if p.get("credit") else ""
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "b_menu")}</header>\n'
            '<div class="b_top">' + _p(p.get("top", [])) + '</div>\n<div class="b_article">\n'
            f'<time class="time" datetime="">{esc(p["shown_day"])}</time>\n'
            f'<h1 class="headline">{esc(p["headline"])}</h1>\n{lead}\n{credit}\n'
            f'<div class="b_article-text">{_p(p["paras"])}</div>\n</div>\n'
            f'{related("Новости партнеров", p.get("related", []), "b_partners")}\n'
            '<footer><p>© 1999–2026 «Газета.Ru»</p></footer>\n</body></html>\n')


def ura(p: dict) -> str:
    meta = '<meta property="og:site_name" content="URA.RU">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "menu")}<div class="city">Екатеринбург</div></header>\n'
            '<div class="publication"><div class="publication-info">'
            f'<span class="publication-date">{esc(p["shown_day"])}</span></div>\n'
            f'<h1 class="publication-title">{esc(p["headline"])}</h1>\n'
            f'<div class="publication-lead">{esc(p["lead"])}</div>\n'
            f'<div class="publication-photo"><img src="/p.jpg" alt=""><div class="photo-source">{esc(p["credit"])}</div></div>\n'
            f'<div class="item-text">{_p(p["paras"])}</div></div>\n'
            '<footer><p>© 2005–2025 URA.RU</p></footer>\n</body></html>\n')


def realnoevremya(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Реальное время">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "menu")}<div class="city">Казань</div></header>\n'
            '<article class="detailCont"><div class="dateLine">' + esc(p["shown_day"]) + '</div>\n'
            f'<h1>{esc(p["headline"])}</h1>\n<h2 class="subtitle">{esc(p["lead"])}</h2>\n'
            f'<div class="text">{_p(p["paras"])}\n<p class="author"><strong>{esc(p["end_author"])}</strong></p></div>\n</article>\n'
            f'{related("Читайте также", p.get("related", []), "also-read")}\n'
            '<footer><p>© 2014–2025 «Реальное время»</p></footer>\n</body></html>\n')


def life(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Life.ru">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "header-menu")}</header>\n<main><article>\n'
            f'<h1 class="styles_title">{esc(p["headline"])}</h1>\n'
            f'<div class="styles_date">{esc(p["shown_day"])}</div>\n'
            f'<figure><img src="/c.jpg" alt=""><figcaption class="styles_copyright">{esc(p["credit"])}</figcaption></figure>\n'
            f'<div class="styles_text">{_p(p["paras"])}</div>\n</article></main>\n'
            '<footer><p>© 2025 ООО «ЛайфМедиа»</p></footer>\n</body></html>\n')


def r360(p: dict) -> str:
    meta = '<meta property="og:site_name" content="360°">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "menu")}<div class="region">Подмосковье</div></header>\n'
            f'<main><div class="article"><h1 class="article__title">{esc(p["headline"])}</h1>\n'
            f'<div class="article__date">{esc(p["shown_day"])}</div>\n'
            f'<div class="article__body">{_p(p["paras"])}</div></div>\n'
            f'{related("Популярное", p.get("related", []), "popular")}\n</main>\n'
            '<footer><p>© 2026 Телеканал 360°</p></footer>\n</body></html>\n')


def scmp(p: dict) -> str:
    meta = '<meta property="og:site_name" content="South China Morning Post">'
    crumbs = " / ".join(f'<a href="/c/{i}">{esc(c)}</a>' for i, c in enumerate(p["crumbs"]))
    return (head(p, "en", meta) + f'<body>\n<header>{nav(EN_NAV, "nav")}</header>\n<main><article>\n'
            f'<figure><img src="/p.jpg" alt=""><figcaption>{esc(p["caption"])}</figcaption></figure>\n'
            f'<div class="breadcrumb">{crumbs}</div>\n<h1 class="headline">{esc(p["headline"])}</h1>\n'
            '<ul class="summary">' + "".join(f"<li>{esc(b)}</li>" for b in p["bullets"]) + '</ul>\n'
            f'<div class="author"><a href="/author/ap">{esc(p["byline"])}</a></div>\n'
            f'<time class="updated">{esc(p["shown"])}</time>\n'
            f'<div class="article-body">{_p(p["paras"])}</div>\n'
            '<div class="trust">' + _p(p.get("after", [])) + '</div>\n</article></main>\n'
            '<footer><p>Copyright © 2023 South China Morning Post Publishers Ltd.</p></footer>\n</body></html>\n')


def forexlive(p: dict) -> str:
    meta = '<meta property="og:site_name" content="ForexLive">'
    return (head(p, "en", meta) + f'<body>\n<header>{nav(["News", "Technical Analysis", "Education"], "menu")}</header>\n'
            f'<main><article><h1 class="article__title">{esc(p["headline"])}</h1>\n'
            f'<div class="publisher-details"><span class="date">{esc(p["shown_day"])}</span></div>\n'
            f'<h2 class="article__subtitle">{esc(p["lead"])}</h2>\n'
            '<div class="article-body"><ul>' + "".join(f"<li>{esc(b)}</li>" for b in p["bullets"]) + '</ul>\n'
            f'{_p(p["paras"])}</div></article></main>\n'
            '<footer><p>© ForexLive 2019</p></footer>\n</body></html>\n')


def kbs_world(p: dict) -> str:
    meta = '<meta property="og:site_name" content="KBS WORLD Radio">'
    return (head(p, "ru", meta) + '<body>\n<div class="skip"><a href="#menu">Перейти к меню</a> <a href="#txt">Перейти к нужному тексту</a></div>\n'
            f'<header>{nav(RU_NAV, "gnb")}</header>\n<div id="txt" class="content"><h2 class="sec">{esc(p["section"])}</h2>\n'
            f'<div class="board_view"><h3 class="title">{esc(p["headline"])}</h3>\n'
            f'<p class="date">{esc(p["shown"])}</p>\n'
            f'<div class="body_txt">{_p(p["paras"])}</div></div>\n'
            '<div class="recommend">' + _p(p.get("after", [])) + '</div></div>\n'
            '<footer><p>© KBS WORLD Radio</p></footer>\n</body></html>\n')


def topnews(p: dict) -> str:
    meta = '<meta property="og:site_name" content="TopNews.RU">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "menu")}</header>\n<div class="news-page">\n'
            f'<div class="rubric">{esc(p["section"])}</div>\n<div class="date-author">{esc(p["shown"])}</div>\n'
            f'<h1>{esc(p["headline"])}</h1>\n'
            f'<div class="photo"><img src="/p.jpg" alt=""><span class="photo-source">{esc(p["caption"])}</span></div>\n'
            f'<div class="news-text">{_p(p["paras"])}</div></div>\n'
            '<footer><p>© TopNews.RU</p></footer>\n</body></html>\n')


LAYOUTS = {f.__name__: f for f in (koreaherald, donga_en, yna_en, joongangdaily, edaily, newsis_weekly, kbs_news,
                                    daum, tass_en, sputnik, gazeta, ura, realnoevremya, life, r360, scmp, forexlive,
                                    kbs_world, topnews)}


def load_all() -> list[dict]:
    return yaml.safe_load((GOLD_DIR / f"{SET}.yaml").read_text(encoding="utf-8"))["pages"]


def held_back_names(specs: list[dict]) -> set[str]:
    names = sorted(s["name"] for s in specs)
    random.Random(SEED).shuffle(names)
    return set(names[:HELD])


def load_split(part: str) -> list[dict]:
    """``tune`` or ``heldout`` pages of the third set, in file order."""
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
