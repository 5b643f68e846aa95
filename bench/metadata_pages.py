"""Korean and Russian article pages in their outlets' markup, for the metadata benchmark.

Each outlet's template reproduces how that outlet's article pages are built (where the
headline, dateline, byline, photo credits, related boxes and embedded state JSON sit);
the text of every page is original, written for this benchmark. The page specs and
their gold live in ``bench/gold/metadata/{tune,heldout}.yaml``; this module renders
the specs into ``bench/data/metadata/<set>/<name>.html``:

    python -m bench.metadata_pages            # (re)write every page of both sets
"""

from __future__ import annotations

import html as _html
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent
GOLD_DIR = ROOT / "gold" / "metadata"
PAGE_DIR = ROOT / "data" / "metadata"
SETS = ("tune", "heldout")


def esc(text: str) -> str:
    return _html.escape(text or "", quote=True)


def paras(items, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return "\n".join(f"<p{attr}>{esc(p)}</p>" for p in items)


def related(title: str, items: list[list[str]], cls: str = "related") -> str:
    lis = "".join(f'<li><a href="/news/{i}">{esc(h)}</a> <span class="author">{esc(w)}</span></li>'
                  for i, (h, w) in enumerate(items, 1000))
    return f'<aside class="{cls}"><h3>{esc(title)}</h3><ul>{lis}</ul></aside>'


def nav(items: list[str], cls: str = "gnb") -> str:
    return f'<nav class="{cls}"><ul>' + "".join(f'<li><a href="/{i}">{esc(x)}</a></li>' for i, x in enumerate(items)) + "</ul></nav>"


def ld_script(obj: dict) -> str:
    return '<script type="application/ld+json">' + json.dumps(obj, ensure_ascii=False) + "</script>"


KO_NAV = ["정치", "북한", "경제", "산업", "사회", "전국", "세계", "문화", "스포츠", "연예", "오피니언", "사람들", "포토", "영상"]
RU_NAV = ["Политика", "Экономика", "Общество", "В мире", "Происшествия", "Армия", "Наука", "Культура", "Спорт", "Регионы"]


def head(p: dict, lang: str, extra: str = "") -> str:
    og = p.get("og_title", p["headline"])
    og_attr = og if p.get("og_raw") else esc(og)  # og_raw: the page's own (mis)escaped attribute text
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{esc(p.get("html_title", p["headline"]))}</title>\n'
            f'<meta property="og:type" content="article">\n<meta property="og:title" content="{og_attr}">\n'
            f'<meta property="og:url" content="{esc(p["url"])}">\n'
            f'<meta property="og:description" content="{esc(p.get("description", p["paras"][0][:120] if p.get("paras") else ""))}">\n'
            f'{extra}\n</head>\n')


# ---------------------------------------------------------------- Korean outlets

def yonhap(p: dict) -> str:
    meta = '<meta property="og:site_name" content="연합뉴스">'
    if p.get("meta_time"):
        meta += f'\n<meta property="article:published_time" content="{p["meta_time"]}">'
    byline = (f'<div class="writer-zone01"><div class="tit-name"><a href="/reporter/{p["author_id"]}">'
              f'{esc(p["top_byline"])}</a></div></div>') if p.get("top_byline") else ""
    caption = (f'<div class="comp-box photo-group"><figure class="image-zone01"><span class="img-con01">'
               f'<img src="https://img3.yna.co.kr/photo/yna/YH/2024/x.jpg" alt=""></span><figcaption class="desc-con01">'
               f'<p class="txt-desc">{esc(p["caption"])}</p></figcaption></figure></div>') if p.get("caption") else ""
    return (head(p, "ko", meta) + '<body>\n<div id="skipNav"><a href="#container">본문 바로가기</a></div>\n'
            f'<header class="header01">{nav(KO_NAV, "nav-main01")}</header>\n'
            '<div id="container"><div class="container591"><div class="content03">\n'
            f'<div class="title-article01"><h1 class="tit01">{esc(p["headline"])}</h1>\n'
            f'<p class="update-time" data-published-time="{p["data_time"]}">송고<span class="txt-time01">{p["shown_time"]}</span></p>'
            f'{byline}</div>\n'
            f'<article class="story-news article">\n{caption}\n{paras(p["paras"])}\n'
            '<p class="txt-copyright adrs">제보는 카카오톡 okjebo<br>&lt;저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지&gt;'
            f'<br>{p["copyright_time"]} 송고</p>\n</article>\n'
            f'{related("관련 뉴스", p.get("related", []), "aside-box01 related-zone")}\n'
            '<div class="keyword-zone"><ul class="list01"><li><a href="#">#북러</a></li><li><a href="#">#파병</a></li></ul></div>\n'
            '</div></div></div>\n<footer class="footer01"><p>(주)연합뉴스 서울특별시 종로구 율곡로2길 25 ☎ 02-398-3114</p></footer>\n'
            '</body></html>\n')


def chosun(p: dict) -> str:
    """Arc/Fusion: the server sends an empty shell; the story is in Fusion.globalContent."""
    elements = []
    for para in p["paras"]:
        elements.append({"_id": "T" + str(len(elements)), "type": "text", "content": para})
        if len(elements) == 1 and p.get("caption"):
            elements.append({"_id": "IMG", "type": "image", "caption": p["caption"],
                             "credits": {"by": [{"type": "author", "name": p.get("photo_credit", "연합뉴스")}]}})
    story = {
        "_id": p["arc_id"], "type": "story", "canonical_url": p["url"].split("chosun.com")[1],
        "headlines": {"basic": p["headline"]}, "subheadlines": {"basic": p.get("subheadline", "")},
        "credits": {"by": [{"_id": "x", "type": "author", "name": n,
                            "additional_properties": {"original": {"byline": n + " 기자"}}} for n in p["state_authors"]]},
        "display_date": p["state_date"], "first_publish_date": p["state_date"], "last_updated_date": p["state_date"],
        "content_elements": elements, "taxonomy": {"primary_section": {"_id": "/international", "name": "국제"}},
    }
    script = ("window.Fusion=window.Fusion||{};Fusion.arcSite=\"chosun\";Fusion.contextPath=\"/pf\";"
              "Fusion.globalContent=" + json.dumps(story, ensure_ascii=False) +
              ";Fusion.globalContentConfig={\"source\":\"content-api\",\"query\":{}};Fusion.lastModified=1731156420000;")
    meta = '<meta property="og:site_name" content="조선일보">\n<meta name="twitter:site" content="@Chosun">'
    return (head(p, "ko", meta) + '<body>\n<div id="fusion-app">\n'
            f'<header class="site-header">{nav(KO_NAV, "gnb-nav")}</header>\n'
            '<main><section class="article-body" id="article-body"></section>\n'
            '<div class="box--hidden">이 기사를 공유합니다</div></main>\n'
            '<footer class="site-footer"><p>조선일보 | 서울특별시 중구 세종대로 135 | Copyright 조선일보</p></footer></div>\n'
            f'<script id="fusion-metadata" type="application/javascript">{script}</script>\n</body></html>\n')


def joongang(p: dict) -> str:
    meta = (f'<meta property="og:site_name" content="중앙일보">\n'
            f'<meta property="article:published_time" content="{p["meta_time"]}">\n'
            f'<meta name="author" content="{esc(p["meta_author"])}">' if p.get("meta_author") else
            f'<meta property="og:site_name" content="중앙일보">\n<meta property="article:published_time" content="{p["meta_time"]}">')
    premium = related("더중앙플러스", p.get("premium", []), "plus_box premium")
    return (head(p, "ko", meta) + f'<body>\n<header id="header">{nav(KO_NAV, "nav_menu")}</header>\n'
            '<main id="container"><div class="contents_bottom">\n<section id="article" class="article">\n'
            f'<header class="article_header"><h1 class="headline">{esc(p["headline"])}</h1>\n'
            f'<div class="datetime"><div class="time_bx"><p class="date">입력 {p["shown_time"]}</p></div></div>\n'
            f'<div class="byline"><a href="/reporter/{p.get("author_id", 1)}">{esc(p["top_byline"])}</a></div></header>\n'
            f'<div id="article_body" class="article_body fs3">\n'
            + "\n".join(f"{esc(x)}<br><br>" for x in p["paras"]) +
            f'\n</div>\n</section>\n{related("관련기사", p.get("related", []), "related_article")}\n{premium}\n'
            '</div></main>\n<footer id="footer"><p>Copyright by 중앙일보 Co., Ltd. All Rights Reserved.</p></footer>\n</body></html>\n')


def hankyoreh(p: dict) -> str:
    """Next.js: the article is in __NEXT_DATA__; ``dom`` says whether the server rendered it too."""
    article = {"id": p["hani_id"], "title": p["headline"], "subtitle": p.get("subheadline", ""),
               "reporter": [{"name": n, "email": e} for n, e in p["state_authors"]],
               "createDate": p["state_date"], "updateDate": p["state_date"],
               "content": "".join(f"<p>{esc(x)}</p>" for x in p["paras"]), "section": {"name": "국제"}}
    data = {"props": {"pageProps": {"article": article, "mostRead": [
        {"title": h, "reporter": w} for h, w in p.get("related", [])]}}, "page": "/arti/[...slug]",
        "query": {}, "buildId": "hani-2024", "isFallback": False}
    body_html = ""
    if p.get("dom"):
        body_html = (f'<div class="ArticleDetailView_titleWrap"><h3 class="ArticleDetailView_title">{esc(p["headline"])}</h3>'
                     f'<ul class="ArticleDetailView_dateList"><li class="ArticleDetailView_dateListItem">등록 {p["shown_time"]}</li></ul></div>'
                     f'<div class="article-text">{paras(p["paras"], "text")}\n<p class="text">{esc(p["signoff"])}</p></div>')
    meta = '<meta property="og:site_name" content="한겨레">'
    return (head(p, "ko", meta) + f'<body>\n<div id="__next"><header class="Header_header">{nav(KO_NAV, "Header_nav")}</header>\n'
            f'<main class="ArticleDetailView">{body_html}</main>\n'
            f'{related("많이 본 기사", p.get("related", []), "ArticleDetailView_mostRead")}\n'
            '<footer class="Footer_footer"><p>한겨레신문사 | 서울시 마포구 효창목길 6</p></footer></div>\n'
            '<script id="__NEXT_DATA__" type="application/json">' + json.dumps(data, ensure_ascii=False) + '</script>\n</body></html>\n')


def kyunghyang(p: dict) -> str:
    meta = '<meta property="og:site_name" content="경향신문">'
    body = "\n".join(f'<p class="content_text text-l">{esc(x)}</p>' for x in p["paras"])
    return (head(p, "ko", meta) + f'<body>\n<header class="header">{nav(KO_NAV, "gnb")}</header>\n'
            '<div id="container"><div class="article-wrap">\n'
            f'<div class="article-title-wrap"><h1 class="headline">{esc(p["headline"])}</h1>\n'
            f'<div class="date"><p>입력 {p["shown_time"]}</p></div></div>\n'
            f'<div class="art_body" id="articleBody">\n{body}\n</div>\n'
            f'{related("이 기사와 함께 많이 본 뉴스", p.get("related", []), "art_list most-view")}\n'
            '</div></div>\n<footer><p>ⓒ경향신문 &amp; 경향닷컴, 무단전재 및 재배포 금지</p></footer>\n</body></html>\n')


def donga(p: dict) -> str:
    ld = ld_script({"@context": "https://schema.org", "@type": "NewsArticle", "headline": p["headline"],
                    "datePublished": p["ld_date"], "dateModified": p["ld_date"],
                    "author": [{"@type": "Person", "name": n} for n in p["ld_authors"]],
                    "publisher": {"@type": "Organization", "name": "동아일보"}})
    meta = '<meta property="og:site_name" content="동아일보">\n' + ld
    return (head(p, "ko", meta) + f'<body>\n<header id="top_header">{nav(KO_NAV, "gnb")}</header>\n'
            f'<div id="contents"><div class="article_title"><h1 class="title">{esc(p["headline"])}</h1>\n'
            f'<div class="title_foot"><span class="date01">입력 {p["shown_time"]}</span></div></div>\n'
            '<section class="news_view">' + "<br><br>".join(esc(x) for x in p["paras"]) +
            f'<br><br>{esc(p["signoff"])}</section>\n'
            f'{related("오늘의 추천영상", p.get("related", []), "recommend_area")}\n</div>\n'
            '<footer><p>Copyright by dongA.com All rights reserved.</p></footer>\n</body></html>\n')


def hankook(p: dict) -> str:
    meta = '<meta property="og:site_name" content="한국일보">'
    return (head(p, "ko", meta) + f'<body>\n<header>{nav(KO_NAV, "gnb-menu")}</header>\n'
            f'<div class="end-top"><h1 class="title">{esc(p["headline"])}</h1>\n'
            f'<div class="info"><dl class="wrt-text"><dd>{esc(p["top_byline"])}</dd></dl>'
            f'<dl class="write-date"><dt>입력</dt><dd>{p["shown_time"]}</dd></dl></div></div>\n'
            f'<div class="col-main read">\n{paras(p["paras"], "editor-p")}\n</div>\n'
            f'{related("관련 기사", p.get("related", []), "more-news")}\n'
            '<footer><p>한국일보 서울특별시 중구 세종대로17 ⓒ한국일보</p></footer>\n</body></html>\n')


def broadcast(p: dict) -> str:
    """KBS and MBC: a transcript, the reporter's sign-off as the last line."""
    name = "KBS 뉴스" if p["outlet"] == "kbs" else "MBC 뉴스"
    meta = f'<meta property="og:site_name" content="{name}">'
    if p.get("meta_author"):
        meta += f'\n<meta name="author" content="{esc(p["meta_author"])}">'
    lines = "<br /><br />".join(esc(x) for x in p["paras"])
    return (head(p, "ko", meta) + f'<body>\n<header class="header">{nav(KO_NAV, "nav")}</header>\n'
            f'<div class="view-headline"><h4 class="headline-title">{esc(p["headline"])}</h4>\n'
            f'<div class="dates"><em class="input-date">입력 {p["shown_time"]}</em></div></div>\n'
            f'<div class="detail-body font-size" id="cont_newstext">{lines}<br /><br />{esc(p["signoff"])}</div>\n'
            f'<div class="photo-credit">[사진 출처 : 연합뉴스]</div>\n'
            f'{related("많이 본 뉴스", p.get("related", []), "box-content most-view")}\n'
            f'<footer><p>Copyright © {name}. All rights reserved.</p></footer>\n</body></html>\n')


def chrome_ko(p: dict) -> str:
    meta = '<meta property="og:site_name" content="연합뉴스">'
    regions = "".join(f'<li><a href="/local/{i}">{r}</a></li>' for i, r in enumerate(
        "서울 인천 경기 강원 대전 세종 충북 충남 광주 전북 전남 대구 경북 부산 울산 경남 제주".split()))
    lists = "".join(related(t, p["lists"][t], "section-list") for t in p["lists"])
    return (head(p, "ko", meta) + f'<body>\n<header>{nav(KO_NAV, "nav-main01")}</header>\n'
            f'<div class="breaking-news"><strong>속보</strong><ul>' + "".join(
                f'<li><a href="/b/{i}">{esc(x)}</a></li>' for i, x in enumerate(p["breaking"])) + '</ul></div>\n'
            f'<div class="local-zone"><h2>지역 뉴스</h2><ul>{regions}</ul></div>\n{lists}\n'
            f'<div class="weather">{esc(p["weather"])}</div>\n'
            '<footer><p>(주)연합뉴스 서울특별시 종로구 율곡로2길 25</p></footer>\n</body></html>\n')


# ---------------------------------------------------------------- Russian and Ukrainian outlets

def tass(p: dict) -> str:
    if p.get("state_only"):
        data = {"props": {"pageProps": {"news": {"id": p["tass_id"], "title": p["headline"], "lead": p.get("lead", ""),
                "published_dt": p["state_date"], "text": "".join(f"<p>{esc(x)}</p>" for x in p["paras"]),
                "authors": []}, "related": [{"title": h, "author": w} for h, w in p.get("related", [])]}},
                "page": "/[section]/[id]", "buildId": "tass-web"}
        meta = '<meta property="og:site_name" content="ТАСС">'
        return (head(p, "ru", meta) + f'<body>\n<div id="__next"><header class="Header_header">{nav(RU_NAV, "Menu_menu")}</header>\n'
                '<main class="NewsPage_container"><div class="Skeleton_skeleton"></div></main>\n'
                '<footer><p>© ТАСС Информационное агентство (свидетельство о регистрации СМИ № 03247)</p></footer></div>\n'
                '<script id="__NEXT_DATA__" type="application/json">' + json.dumps(data, ensure_ascii=False) +
                '</script>\n</body></html>\n')
    ld = ld_script({"@context": "https://schema.org", "@type": "NewsArticle", "headline": p["headline"],
                    "datePublished": p["ld_date"], "dateModified": p["ld_date"],
                    "author": {"@type": "Organization", "name": "ТАСС"},
                    "publisher": {"@type": "Organization", "name": "ТАСС", "logo": {"@type": "ImageObject", "url": "https://tass.ru/logo.png"}}})
    meta = '<meta property="og:site_name" content="ТАСС">\n' + ld
    return (head(p, "ru", meta) + f'<body>\n<header class="Header_header">{nav(RU_NAV, "Menu_menu")}</header>\n'
            f'<main><article class="NewsPage_container"><h1 class="NewsHeader_titles"><span class="tass_pkg_title">{esc(p["headline"])}</span></h1>\n'
            f'<div class="NewsHeader_lead">{esc(p.get("lead", ""))}</div>\n'
            f'<div class="PublishedMark_date">{p["shown_time"]}</div>\n'
            f'<div class="text-content"><article class="text-block">{paras(p["paras"])}</article></div>\n'
            f'{related("Читайте также", p.get("related", []), "RelatedNews_container")}\n</article></main>\n'
            '<footer><p>© ТАСС Информационное агентство</p></footer>\n</body></html>\n')


def ria(p: dict) -> str:
    meta = (f'<meta property="og:site_name" content="РИА Новости">\n'
            f'<meta property="article:published_time" content="{p["meta_time"]}">\n'
            f'<meta name="analytics:author" content="">')
    return (head(p, "ru", meta) + f'<body>\n<div class="page"><header class="header">{nav(RU_NAV, "cell-extension")}</header>\n'
            '<div class="layout-article"><div class="article m-article">\n'
            f'<div class="article__header"><div class="article__info"><div class="article__info-date"><a href="/20241109/">{p["shown_time"]}</a></div></div>\n'
            f'<h1 class="article__title">{esc(p["headline"])}</h1></div>\n'
            '<div class="article__announce"><div class="media"><div class="media__copyright">© РИА Новости / '
            f'{esc(p.get("photo_credit", "Алексей Никольский"))}</div></div></div>\n'
            '<div class="article__body js-mediator-article">\n'
            + "\n".join(f'<div class="article__block" data-type="text"><div class="article__text">{esc(x)}</div></div>' for x in p["paras"]) +
            f'\n</div>\n{related("Читать ria.ru в", [], "article__info-telegram")}\n'
            f'{related("Еще", p.get("related", []), "article__aside related")}\n</div></div>\n'
            '<footer class="footer"><p>Сетевое издание РИА Новости зарегистрировано в Федеральной службе по надзору в сфере связи</p></footer></div>\n'
            '</body></html>\n')


def kommersant(p: dict) -> str:
    ld = ld_script({"@context": "http://schema.org", "@type": "NewsArticle", "headline": p["headline"],
                    "datePublished": p["ld_date"], "dateModified": p["ld_date"],
                    "author": [{"@type": "Person", "name": n} for n in p.get("ld_authors", [])] or {"@type": "Organization", "name": "Коммерсантъ"},
                    "publisher": {"@type": "Organization", "name": "Коммерсантъ"}})
    meta = '<meta property="og:site_name" content="Коммерсантъ">\n' + ld
    authors = "".join(f'<p class="doc__text document_authors">{esc(a)}</p>' for a in p.get("end_authors", []))
    return (head(p, "ru", meta) + f'<body>\n<header class="main_header">{nav(RU_NAV, "main_nav")}</header>\n'
            '<main class="layout"><article class="doc" data-article-title="' + esc(p["headline"]) + '">\n'
            f'<header class="doc_header"><h1 class="doc_header__name js-search-mark">{esc(p["headline"])}</h1>\n'
            f'<div class="doc_header__time"><time class="doc_header__publish_time" datetime="{p["ld_date"]}">{p["shown_time"]}</time></div></header>\n'
            f'<div class="doc__body article_text_wrapper">\n{paras(p["paras"], "doc__text")}\n{authors}\n</div>\n'
            f'{related("Читайте также", p.get("related", []), "doc_footer__section uho")}\n</article></main>\n'
            '<footer><p>© АО «Коммерсантъ». Все права защищены.</p></footer>\n</body></html>\n')


def rbc(p: dict) -> str:
    meta = '<meta property="og:site_name" content="РБК">'
    authors = "".join(f'<span class="article__authors__author__name">{esc(a)}</span>' for a in p.get("top_authors", []))
    photo = f'<div class="article__main-image__author"><span>{esc(p["photo"])}</span></div>' if p.get("photo") else ""
    return (head(p, "ru", meta) + f'<body>\n<div class="topline">{nav(RU_NAV, "topline__menu")}'
            '<div class="topline__currency">USD ЦБ 97,25 EUR ЦБ 104,10 Нефть Brent 73,4</div></div>\n'
            '<div class="l-col-main"><div class="article" itemscope itemtype="https://schema.org/NewsArticle">\n'
            f'<div class="article__header"><span class="article__header__date" content="{p["meta_time"]}">{p["shown_time"]}</span>\n'
            f'<h1 class="article__header__title-in" itemprop="headline">{esc(p["headline"])}</h1></div>\n'
            f'<div class="article__authors">{authors}</div>\n{photo}\n'
            f'<div class="article__text article__text_free" itemprop="articleBody">\n{paras(p["paras"])}\n</div>\n'
            f'{related("Читайте РБК в Telegram", [], "article__inline-item")}\n'
            f'{related("Главное", p.get("related", []), "js-news-feed-list news-feed")}\n</div></div>\n'
            '<footer><p>© ООО «БизнесПресс», 2024</p></footer>\n</body></html>\n')


def izvestia(p: dict) -> str:
    ld = ld_script({"@context": "https://schema.org", "@type": "NewsArticle", "headline": p["headline"],
                    "datePublished": p["ld_date"], "author": [{"@type": "Person", "name": n} for n in p["ld_authors"]],
                    "publisher": {"@type": "Organization", "name": "Известия"}})
    meta = '<meta property="og:site_name" content="Известия">\n' + ld
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "header__menu")}</header>\n'
            '<div class="article"><div class="article-page">\n'
            f'<h1 itemprop="headline"><span>{esc(p["headline"])}</span></h1>\n'
            f'<div class="article_page__left__top__time"><time datetime="{p["ld_date"]}">{p["shown_time"]}</time></div>\n'
            f'<div class="article_page__left__top__author"><a href="/author/1">{esc(p["ld_authors"][0])}</a></div>\n'
            f'<figure><img src="/x.jpg" alt=""><figcaption>{esc(p["caption"])}<div class="figure__author">{esc(p["photo"])}</div></figcaption></figure>\n'
            f'<div class="text-article" itemprop="articleBody">\n{paras(p["paras"])}\n</div>\n'
            f'{related("Прямой эфир", p.get("related", []), "sidebar-live")}\n</div></div>\n'
            '<footer><p>© 2024 Известия iz.ru</p></footer>\n</body></html>\n')


def mk(p: dict) -> str:
    ld = ld_script({"@context": "https://schema.org", "@type": "NewsArticle", "headline": p["headline"],
                    "datePublished": p["ld_date"], "author": {"@type": "Organization", "name": "MK.RU"},
                    "publisher": {"@type": "Organization", "name": "Московский комсомолец"}})
    meta = '<meta property="og:site_name" content="MK.RU">\n' + ld
    return (head(p, "ru", meta) + f'<body>\n<header class="header">{nav(RU_NAV, "header__menu")}</header>\n'
            '<main class="article"><header class="article__header">\n'
            f'<h1 class="article__title">{esc(p["headline"])}</h1>\n'
            f'<div class="article__meta"><time class="meta__text" datetime="{p["ld_date"]}">{p["shown_time"]}</time></div>\n'
            f'<ul class="article__authors"><li class="article__authors-item"><span class="article__authors-label">Автор:</span> '
            f'<a class="article__authors-link" href="/authors/1">{esc(p["top_author"])}</a></li></ul></header>\n'
            f'<div class="article__body">\n{paras(p["paras"])}\n'
            f'<p class="article__photo-caption">{esc(p["photo"])}</p>\n</div>\n'
            f'{related("Самое интересное", p.get("related", []), "article-listing most-read")}\n</main>\n'
            '<footer><p>© МК, 2024. Сетевое издание «MK.RU»</p></footer>\n</body></html>\n')


def interfax(p: dict) -> str:
    meta = ('<meta property="og:site_name" content="Интерфакс">\n'
            f'<meta itemprop="datePublished" content="{p["meta_time"]}">')
    return (head(p, "ru", meta) + f'<body>\n<div class="header">{nav(RU_NAV, "mainMenu")}</div>\n'
            '<div class="mainblock"><div class="leftside"><article itemprop="articleBody">\n'
            f'<div class="textML"><h1 itemprop="headline">{esc(p["headline"])}</h1>\n'
            f'<aside class="textMLS"><a class="time" href="/news/">{p["shown_time"]}</a></aside></div>\n'
            f'{paras(p["paras"])}\n</article>\n'
            f'{related("Читайте также", p.get("related", []), "textMore")}\n</div>\n'
            f'<div class="rightside">{related("Главное", p.get("side", []), "news-list")}</div></div>\n'
            '<footer><p>© 1991—2024 Interfax</p></footer>\n</body></html>\n')


def fontanka(p: dict) -> str:
    extra = ""
    if p.get("ld_date"):
        extra = ld_script({"@context": "https://schema.org", "@type": "NewsArticle", "headline": p["headline"],
                           "datePublished": p["ld_date"],
                           "author": [{"@type": "Person", "name": n} for n in p.get("ld_authors", [])],
                           "publisher": {"@type": "Organization", "name": "Фонтанка.ру"}})
    meta = '<meta property="og:site_name" content="Фонтанка.ру">\n' + extra
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "header-menu")}'
            '<div class="weather">Санкт-Петербург +3°</div></header>\n'
            '<main><section class="article"><div class="header-wrap">\n'
            f'<h1 class="title" itemprop="headline">{esc(p["headline"])}</h1>\n'
            f'<div class="info"><span class="date">{p["shown_time"]}</span></div></div>\n'
            f'<div class="article-body" itemprop="articleBody">\n{paras(p["paras"])}\n'
            f'<figure><figcaption>{esc(p["photo"])}</figcaption></figure>\n'
            + (f'<div class="author-block"><p class="author-name">{esc(p["end_author"])}</p></div>\n' if p.get("end_author") else "") +
            '</div>\n'
            f'{related("Самое читаемое", p.get("related", []), "most-read-block")}\n</section></main>\n'
            '<footer><p>© Фонтанка.ру, 2024</p></footer>\n</body></html>\n')


def primamedia(p: dict) -> str:
    meta = ('<meta property="og:site_name" content="PrimaMedia">\n'
            f'<meta property="article:published_time" content="{p["meta_time"]}">')
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "menu")}'
            '<div class="regions"><a href="/vl">Владивосток</a> <a href="/nakhodka">Находка</a> <a href="/ussuriysk">Уссурийск</a></div></header>\n'
            f'<div class="news-view"><h1>{esc(p["headline"])}</h1>\n<div class="news-date">{p["shown_time"]}</div>\n'
            f'<div class="news-text">\n{paras(p["paras"])}\n<p class="signature">{esc(p["signoff"])}</p>\n</div>\n'
            f'{related("Новости партнеров", p.get("related", []), "partners-news")}\n</div>\n'
            '<footer><p>© 2024 ИА PrimaMedia</p></footer>\n</body></html>\n')


def pravda(p: dict) -> str:
    meta = ('<meta property="og:site_name" content="Украинская правда">\n'
            f'<meta name="author" content="{esc(p["meta_author"])}">')
    return (head(p, "ru", meta) + f'<body>\n<header class="main_header">{nav(RU_NAV, "main_menu")}</header>\n'
            '<div class="container_main"><article class="post">\n'
            f'<h1 class="post_title">{esc(p["headline"])}</h1>\n'
            f'<div class="post_news_date">{p["shown_time"]}</div>\n'
            f'<div class="post_text">\n{paras(p["paras"])}\n</div>\n</article>\n'
            f'{related("Последние новости", p.get("related", []), "article_news_list")}\n</div>\n'
            '<footer><p>© 2000-2024, Украинская правда</p></footer>\n</body></html>\n')


def chrome_ru(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Фонтанка.ру">'
    regions = "".join(f'<li><a href="/region/{i}">{r}</a></li>' for i, r in enumerate(
        ["Санкт-Петербург", "Ленинградская область", "Москва", "Калининград", "Великий Новгород", "Псков", "Мурманск", "Архангельск", "Петрозаводск", "Вологда"]))
    lists = "".join(related(t, p["lists"][t], "news-list") for t in p["lists"])
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "header-menu")}</header>\n'
            '<div class="currency"><span>USD 97,25 ₽</span><span>EUR 104,10 ₽</span><span>CNY 13,42 ₽</span><span>Нефть 73,4 $</span></div>\n'
            f'<div class="breaking"><b>Срочно</b><ul>' + "".join(
                f'<li><a href="/b/{i}">{esc(x)}</a></li>' for i, x in enumerate(p["breaking"])) + '</ul></div>\n'
            f'<div class="region-picker"><h2>Выберите регион</h2><ul>{regions}</ul></div>\n{lists}\n'
            '<footer><p>© Фонтанка.ру, 2024</p></footer>\n</body></html>\n')


TEMPLATES = {
    "yonhap": yonhap, "chosun": chosun, "joongang": joongang, "hankyoreh": hankyoreh, "kyunghyang": kyunghyang,
    "donga": donga, "hankook": hankook, "kbs": broadcast, "mbc": broadcast, "chrome_ko": chrome_ko,
    "tass": tass, "ria": ria, "kommersant": kommersant, "rbc": rbc, "izvestia": izvestia, "mk": mk,
    "interfax": interfax, "fontanka": fontanka, "primamedia": primamedia, "pravda": pravda, "chrome_ru": chrome_ru,
}


# ---------------------------------------------------------------- pieces the later sets' layouts share


def li_links(items) -> str:
    """A list of links, one per item."""
    return "".join(f'<li><a href="/n/{i}">{esc(x)}</a></li>' for i, x in enumerate(items, 1))


def li_pairs(items, cls: str = "info") -> str:
    """A list of links, each with its info span (an author, a time)."""
    return "".join(f'<li><a href="/n/{i}">{esc(h)}</a> <span class="{cls}">{esc(w)}</span></li>'
                   for i, (h, w) in enumerate(items, 1))


def og_site(name: str) -> str:
    """The page's og:site_name."""
    return f'<meta property="og:site_name" content="{esc(name)}">'


def published_meta(value: str) -> str:
    """The page's article:published_time, if it has one."""
    return f'<meta property="article:published_time" content="{esc(value)}">' if value else ""


def page_end(text: str) -> str:
    """A footer line and the end of the page."""
    return f'<footer><p>{esc(text)}</p></footer>\n</body></html>\n'


def daum_layers() -> str:
    """Daum's summary and font-size layers around every copied story."""
    return ('<div class="layer_summary"><strong>자동요약</strong><p>기사 제목과 주요 문장을 기반으로 자동요약한 결과입니다.</p>'
            '<p>전체 맥락을 이해하기 위해서는 본문 보기를 권장합니다.</p></div>\n'
            '<div class="layer_util"><p>글자크기 설정 파란원을 좌우로 움직이시면 글자크기가 변경 됩니다.</p><p>이 글자크기로 변경됩니다.</p>'
            '<p>(예시) 가장 빠른 뉴스가 있고 다양한 정보, 쌍방향 소통이 숨쉬는 다음뉴스를 만나보세요. '
            '다음뉴스는 국내외 주요이슈와 실시간 속보, 문화생활 및 다양한 분야의 뉴스를 입체적으로 전달하고 있습니다.</p></div>\n')


def figure(caption: str, cls: str = "") -> str:
    """A photo with its caption (none without a caption)."""
    attr = f' class="{cls}"' if cls else ""
    return f'<figure><img src="/p.jpg" alt=""><figcaption{attr}>{esc(caption)}</figcaption></figure>' if caption else ""


def load_set(name: str) -> list[dict]:
    return yaml.safe_load((GOLD_DIR / f"{name}.yaml").read_text(encoding="utf-8"))["pages"]


def render(spec: dict) -> str:
    page = dict(spec["page"], outlet=spec["outlet"], url=spec["url"])
    return TEMPLATES[spec.get("template", spec["outlet"])](page)


def main(argv: list[str] | None = None) -> int:
    for name in SETS:
        if not (GOLD_DIR / f"{name}.yaml").exists():
            continue
        out = PAGE_DIR / name
        out.mkdir(parents=True, exist_ok=True)
        for spec in load_set(name):
            (out / f"{spec['name']}.html").write_text(render(spec), encoding="utf-8")
    return 0



# ---------------------------------------------------------------- second held-back set: outlets with no tuning page

def news1(p: dict) -> str:
    ld = ld_script({"@context": "https://schema.org", "@type": "NewsArticle", "headline": p["headline"],
                    "datePublished": p["ld_date"], "dateModified": p["ld_date"],
                    "author": [{"@type": "Person", "name": n} for n in p["ld_authors"]],
                    "publisher": {"@type": "Organization", "name": "뉴스1"}})
    meta = '<meta property="og:site_name" content="뉴스1">\n' + ld
    return (head(p, "ko", meta) + f'<body>\n<header>{nav(KO_NAV, "gnb")}</header>\n<main><article>\n'
            f'<h1 class="article-h1">{esc(p["headline"])}</h1>\n'
            f'<div class="article-info"><span>{esc(p["ld_authors"][0])}</span> <span>{p["shown_time"]}</span></div>\n'
            f'<div id="articles_detail" class="detail">\n{paras(p["paras"])}\n'
            f'<figure><figcaption>{esc(p["caption"])}</figcaption></figure>\n</div>\n</article>\n'
            f'{related("많이 본 뉴스", p.get("related", []), "most-viewed")}\n</main>\n'
            '<footer><p>Copyright ⓒ 뉴스1. All rights reserved. 무단 전재 및 재배포, AI학습 이용 금지.</p></footer>\n</body></html>\n')


def newsis(p: dict) -> str:
    meta = '<meta property="og:site_name" content="뉴시스">'
    return (head(p, "ko", meta) + f'<body>\n<header>{nav(KO_NAV, "gnb")}</header>\n<div class="viewer">\n'
            f'<h1 class="tit title_area">{esc(p["headline"])}</h1>\n'
            f'<div class="infoLine"><p class="txt"><span>등록 {p["shown_time"]}</span></p></div>\n'
            f'<article><div class="viewer" id="content">' + "<br><br>".join(esc(x) for x in p["paras"]) +
            '</div></article>\n'
            f'{related("많이 본 기사", p.get("related", []), "rankingNews")}\n</div>\n'
            '<footer><p>Copyright © NEWSIS.COM, All rights reserved.</p></footer>\n</body></html>\n')


def sbs(p: dict) -> str:
    meta = (f'<meta property="og:site_name" content="SBS 뉴스">\n<meta name="author" content="{esc(p["meta_author"])}">\n'
            f'<meta property="article:published_time" content="{p["meta_time"]}">')
    return (head(p, "ko", meta) + f'<body>\n<header>{nav(KO_NAV, "gnb_menu")}</header>\n'
            f'<div class="w_article_title"><h1 id="news-title" class="article_main_tit">{esc(p["headline"])}</h1>\n'
            f'<div class="date_area"><span>{p["shown_time"]}</span></div></div>\n'
            f'<div class="article_cont_area"><div class="main_text"><div class="text_area">'
            + "<br><br>".join(esc(x) for x in p["paras"]) + '</div></div></div>\n'
            f'{related("SBS 뉴스 많이 본 뉴스", p.get("related", []), "w_news_list popular")}\n'
            '<footer><p>Copyright Ⓒ SBS. All rights reserved.</p></footer>\n</body></html>\n')


def hankyung(p: dict) -> str:
    meta = '<meta property="og:site_name" content="한국경제">'
    return (head(p, "ko", meta) + f'<body>\n<header>{nav(KO_NAV, "gnb")}</header>\n<div class="article-wrap">\n'
            f'<h1 class="headline">{esc(p["headline"])}</h1>\n'
            f'<div class="datetime"><span class="item">입력<span class="txt-date">{p["shown_time"]}</span></span></div>\n'
            f'<div class="author"><a href="/reporter/1" class="item">{esc(p["top_byline"])}</a></div>\n'
            '<div class="article-body" id="articletxt">' + "<br><br>".join(esc(x) for x in p["paras"]) + '</div>\n'
            f'{related("관련 뉴스", p.get("related", []), "news-list related")}\n</div>\n'
            '<footer><p>ⓒ 한국경제 &amp; hankyung.com, 무단전재 및 재배포 금지</p></footer>\n</body></html>\n')


def lenta(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Лента.Ру">'
    return (head(p, "ru", meta) + f'<body>\n<header class="header">{nav(RU_NAV, "menu")}</header>\n'
            '<main class="layout"><div class="topic-page">\n'
            f'<div class="topic-page__header"><time class="topic-header__time">{p["shown_time"]}</time>\n'
            f'<h1 class="topic-body__titles"><span class="topic-body__title">{esc(p["headline"])}</span></h1></div>\n'
            f'<div class="topic-body__content">{paras(p["paras"], "topic-body__content-text")}</div>\n'
            f'<div class="topic-authors"><a class="topic-authors__author" href="/tags/authors/x/">{esc(p["end_author"])}</a></div>\n'
            f'{related("Последние новости", p.get("related", []), "last24")}\n</div></main>\n'
            '<footer><p>© 1999–2024 ООО «Лента.Ру»</p></footer>\n</body></html>\n')


def vedomosti(p: dict) -> str:
    ld = ld_script({"@context": "https://schema.org", "@type": "NewsArticle", "headline": p["headline"],
                    "datePublished": p["ld_date"], "author": [{"@type": "Person", "name": n} for n in p["ld_authors"]],
                    "publisher": {"@type": "Organization", "name": "Ведомости"}})
    meta = '<meta property="og:site_name" content="Ведомости">\n' + ld
    return (head(p, "ru", meta) + f'<body>\n<div id="__nuxt"><header>{nav(RU_NAV, "header__menu")}</header>\n'
            f'<article class="article"><h1 class="article-headline__title">{esc(p["headline"])}</h1>\n'
            f'<div class="article-meta"><time class="article-meta__date" datetime="{p["ld_date"]}">{p["shown_time"]}</time>'
            + "".join(f'<a class="article-meta__author" href="/authors/x">{esc(a)}</a>' for a in p["ld_authors"]) + '</div>\n'
            f'<div class="article-boxes-list">{paras(p["paras"], "box-paragraph__text")}</div>\n</article>\n'
            f'{related("Главное", p.get("related", []), "news-feed")}\n</div>\n'
            '<script>window.__NUXT__=(function(a,b){return {data:[{}],state:{}}}(null,false));</script>\n'
            '<footer><p>© АО Бизнес Ньюс Медиа</p></footer>\n</body></html>\n')


def rg(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Российская газета">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "Header_menu")}</header>\n<main><article>\n'
            f'<div class="ContentMetaDefault_date">{p["shown_time"]}</div>\n'
            f'<h1 class="PageArticleCommonTitle_title">{esc(p["headline"])}</h1>\n'
            f'<div class="PageContentCommonStyling_text">\n<p>Текст: {esc(p["text_author"])}</p>\n{paras(p["paras"])}\n'
            f'<p>{esc(p["photo"])}</p>\n</div>\n</article>\n'
            f'{related("Читайте также", p.get("related", []), "PageArticleContent_relevant")}\n</main>\n'
            '<footer><p>© 1998–2024 ФГБУ «Редакция «Российской газеты»</p></footer>\n</body></html>\n')


def gazeta(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Газета.Ru">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "b_menu")}</header>\n'
            '<div class="b_article" itemscope itemtype="https://schema.org/NewsArticle">\n'
            f'<h1 class="headline" itemprop="headline">{esc(p["headline"])}</h1>\n'
            f'<time class="time" itemprop="datePublished" datetime="{p["ld_date"]}">{p["shown_time"]}</time>\n'
            f'<div class="b_article-author" itemprop="author"><a href="/authors/x">{esc(p["top_author"])}</a></div>\n'
            f'<div class="b_article-text" itemprop="articleBody">{paras(p["paras"])}</div>\n</div>\n'
            f'{related("Новости партнеров", p.get("related", []), "b_partners")}\n'
            '<footer><p>© 1999–2024 «Газета.Ру»</p></footer>\n</body></html>\n')


def vlru(p: dict) -> str:
    meta = '<meta property="og:site_name" content="VL.ru">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "header-menu")}</header>\n'
            f'<div class="news-item"><h1 class="news-item__title">{esc(p["headline"])}</h1>\n'
            f'<div class="news-item__date">{p["shown_time"]}</div>\n'
            f'<div class="news-item__text">{paras(p["paras"])}</div>\n'
            f'<div class="news-item__author">Автор: {esc(p["top_author"])}</div></div>\n'
            f'{related("Популярное", p.get("related", []), "popular-news")}\n'
            '<footer><p>© VL.ru, Владивосток</p></footer>\n</body></html>\n')


def interfax_ua(p: dict) -> str:
    meta = '<meta property="og:site_name" content="Интерфакс-Украина">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(RU_NAV, "main-menu")}</header>\n'
            f'<div class="article-content"><h1 class="article-content-title">{esc(p["headline"])}</h1>\n'
            f'<div class="article-time"><span class="time">{p["shown_time"]}</span></div>\n'
            f'<div class="article-content-text">{paras(p["paras"])}</div></div>\n'
            f'{related("Последние новости", p.get("related", []), "last-news-list")}\n'
            '<footer><p>© 1992-2024 Интерфакс-Украина</p></footer>\n</body></html>\n')


def chrome_kbs(p: dict) -> str:
    meta = '<meta property="og:site_name" content="KBS 뉴스">'
    sched = "".join(f"<li><span class='time'>{h:02d}:00</span> <span class='prog'>{t}</span></li>" for h, t in p["schedule"])
    return (head(p, "ko", meta) + f'<body>\n<header>{nav(KO_NAV, "nav")}</header>\n'
            f'<div class="onair"><h2>KBS 1TV 편성표</h2><ul>{sched}</ul></div>\n'
            f'<div class="weather-box">{esc(p["weather"])}</div>\n'
            f'{related("많이 본 뉴스", p.get("related", []), "most-view")}\n'
            '<footer><p>Copyright © KBS. All rights reserved.</p></footer>\n</body></html>\n')


TEMPLATES.update({"news1": news1, "newsis": newsis, "sbs": sbs, "hankyung": hankyung, "lenta": lenta,
                  "vedomosti": vedomosti, "rg": rg, "gazeta": gazeta, "vlru": vlru, "interfax_ua": interfax_ua,
                  "chrome_kbs": chrome_kbs})
SETS = SETS + ("heldout2",)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


def set_specs(set_name: str) -> list[dict]:
    """The specs of a rendered set (``bench/gold/metadata/<set>.yaml``), in file order."""
    return yaml.safe_load((GOLD_DIR / f"{set_name}.yaml").read_text(encoding="utf-8"))["pages"]


def split_set(set_name: str, seed: int, held: int, part: str) -> list[dict]:
    """``tune`` or ``heldout`` specs of a set: the first ``held`` names, sorted and shuffled by
    ``random.Random(seed)``, are held back."""
    import random

    specs = set_specs(set_name)
    names = sorted(s["name"] for s in specs)
    random.Random(seed).shuffle(names)
    back = set(names[:held])
    return [s for s in specs if (s["name"] in back) == (part == "heldout")]


def write_set(set_name: str, layouts: dict) -> int:
    """Render every spec of a set into ``bench/data/metadata/<set>/<name>.html`` by its layout."""
    out = PAGE_DIR / set_name
    out.mkdir(parents=True, exist_ok=True)
    for spec in set_specs(set_name):
        page = {k: v if isinstance(v, list) else str(v) for k, v in spec["page"].items()}  # YAML reads bare stamps as dates
        (out / f"{spec['name']}.html").write_text(layouts[spec["layout"]](dict(page, url=spec["url"])), encoding="utf-8")
    return 0
