"""Build the annotated extraction benchmark: bench/data/extraction/NAME.html + NAME.txt.

Each page puts one story from :mod:`bench.corpus` into a template modelled on a
kind of news CMS (wire service, WordPress, Drupal, a React/Next.js app, AMP,
an old table layout, Korean and Russian portals...), with the clutter such
sites carry: navigation, cookie banners, bylines, figures with captions, pull
quotes, inline "Read more" links and related boxes, ads, newsletter promos,
tags, comments, footers. NAME.txt is the article text a reader would call the
body (no captions, pull quotes, related links or comments).

    python -m bench.make_extraction_data [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Callable

from .corpus import COMMENTS, COMMENTS_KO, COMMENTS_RU, OTHER_HEADLINES, OTHER_HEADLINES_KO, OTHER_HEADLINES_RU, STORIES, Story

OUT = Path(__file__).resolve().parent / "data" / "extraction"


def plain(para: str) -> str:
    return para[3:] if para.startswith("## ") else para[2:] if para.startswith(("- ", "> ")) else para


def truth(story: Story, lead: str = "") -> str:
    """The true body: the story's paragraphs, with a template's dateline ``lead`` on the first."""
    paras = [plain(p) for p in story.paragraphs]
    paras[0] = lead + paras[0]
    return "\n\n".join(paras)


def blocks(story: Story, p_attr: str = "", inserts: dict[int, str] | None = None, dateline: str = "") -> str:
    """The story's paragraphs as HTML; ``inserts`` puts clutter before paragraph i."""
    out: list[str] = []
    in_list = False
    for i, para in enumerate(story.paragraphs):
        if inserts and i in inserts:
            if in_list:
                out.append("</ul>")
                in_list = False
            out.append(inserts[i])
        if para.startswith("- "):
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{escape(para[2:])}</li>")
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        if para.startswith("## "):
            out.append(f"<h2>{escape(para[3:])}</h2>")
        elif para.startswith("> "):
            out.append(f"<blockquote><p>{escape(para[2:])}</p></blockquote>")
        else:
            text = escape(para)
            if i == 0 and dateline:
                text = escape(dateline) + text
            out.append(f"<p{p_attr}>{text}</p>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def heads(story: Story) -> list[str]:
    return OTHER_HEADLINES_RU if story.lang == "ru" else OTHER_HEADLINES_KO if story.lang == "ko" else OTHER_HEADLINES


def comments(story: Story) -> list[tuple[str, str]]:
    return COMMENTS_RU if story.lang == "ru" else COMMENTS_KO if story.lang == "ko" else COMMENTS


def link_list(items: list[str], cls: str = "") -> str:
    lis = "".join(f'<li><a href="/news/{i}">{escape(t)}</a></li>' for i, t in enumerate(items))
    return f'<ul class="{cls}">{lis}</ul>'


def jsonld(story: Story, site: str, body: bool = False) -> str:
    data = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": story.title,
        "datePublished": story.date, "author": [{"@type": "Person", "name": a} for a in story.authors],
        "publisher": {"@type": "Organization", "name": site},
    }
    if body:
        data["articleBody"] = truth(story)
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def pretty_date(story: Story) -> str:
    return datetime.fromisoformat(story.date).strftime("%B %d, %Y %H:%M")


def sentence(story: Story) -> str:
    """A sentence from the story, used as a pull quote (a duplicate, not body text)."""
    para = next(p for p in story.paragraphs[2:] if not p.startswith(("#", "-", ">")))
    return para.split(". ")[0].rstrip(".") + "."


# ------------------------------------------------------------------ templates

def t_wire(story: Story, rng: random.Random) -> tuple[str, str]:
    heads_ = heads(story)
    lead = f"{story.dateline}, {datetime.fromisoformat(story.date).strftime('%b. %d')} (Wire) -- "
    return lead, f"""<!DOCTYPE html><html lang="{story.lang}"><head><meta charset="utf-8">
<title>{escape(story.title)} | Wire News Agency</title>
<meta property="og:title" content="{escape(story.title)}"><meta name="description" content="{escape(story.summary)}">
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}</script>
<style>.gnb{{display:flex}}</style></head><body>
<div id="skip"><a href="#content">Skip to content</a></div>
<div class="gnb"><ul><li><a href="/nk">North Korea</a></li><li><a href="/politics">Politics</a></li><li><a href="/economy">Economy</a></li><li><a href="/world">World</a></li></ul></div>
<div class="header-search"><input type="text" placeholder="Search"></div>
<div id="content" class="container">
<div class="title-article01"><h1 class="tit">{escape(story.title)}</h1>
<p class="update-time">{pretty_date(story)} KST</p></div>
<div class="story-news article">
<div class="comp-box photo-group"><figure><img src="/photo/1.jpg" alt=""><figcaption class="desc-con">This file photo shows officials at a ceremony. (Wire News Agency)</figcaption></figure></div>
{blocks(story, dateline=lead)}
<p class="txt-copyright">newsdesk@wire.example (END)</p>
</div>
<div class="keyword-zone"><strong>Keywords</strong> <a href="#">#North Korea</a> <a href="#">#Russia</a></div>
<div class="related-zone"><h2 class="tit-sub">Related articles</h2>{link_list(heads_[:4])}</div>
<div class="aside-box"><h2>Most Viewed</h2>{link_list(heads_[4:9])}</div>
</div>
<div class="footer"><p>Copyright Wire News Agency. All rights reserved. Redistribution prohibited.</p><p>Address: 25 Newsroom Street, Seoul</p></div>
</body></html>"""


def t_herald(story: Story, rng: random.Random) -> tuple[str, str]:
    # Text set with <br> rather than <p>, as some older Korean English-language CMSs do.
    paras = []
    for p in story.paragraphs:
        paras.append(escape(plain(p)))
    body = "<br><br>\n".join(paras)
    author = story.authors[0]
    return "", f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{escape(story.title)}</title>
<meta property="og:site_name" content="The Daily Herald"><meta property="article:published_time" content="{story.date}">
</head><body>
<div class="header"><div class="logo"><a href="/">The Daily Herald</a></div>
<ul class="gnb"><li><a href="/national">National</a></li><li><a href="/business">Business</a></li><li><a href="/life">Life&amp;Style</a></li><li><a href="/opinion">Opinion</a></li></ul></div>
<div class="view_tit_area"><h1 class="view_tit">{escape(story.title)}</h1>
<div class="view_tit_byline"><a class="author" href="/author/1">By {escape(author)}</a> Published : {pretty_date(story)}</div></div>
<div class="view_con_wrap"><div class="view_con article">
<div class="img_box"><img src="/x.jpg"><div class="img_caption">{escape(story.dateline.title())} harbor on a winter morning. (Herald file photo)</div></div>
{body}
<br><br>{escape(author.lower().replace(' ', ''))}@herald.example
</div></div>
<div class="news_list"><p class="tit">Most Popular</p>{link_list(heads(story)[:6])}</div>
<div class="footer">Copyright The Daily Herald. All Rights Reserved.</div>
</body></html>"""


def t_wordpress(story: Story, rng: random.Random) -> tuple[str, str]:
    quote = f'<blockquote class="wp-block-pullquote"><p>{escape(sentence(story))}</p></blockquote>'
    readmore = f'<p><strong>Read more:</strong> <a href="/2024/01/other">{escape(heads(story)[1])}</a></p>'
    inserts = {2: readmore, 4: quote}
    cms = "\n".join(
        f'<li class="comment"><div class="comment-author vcard"><cite class="fn">{escape(n)}</cite></div><div class="comment-content"><p>{escape(t)}</p></div></li>'
        for n, t in comments(story))
    return "", f"""<!DOCTYPE html><html lang="{story.lang}-US"><head><meta charset="UTF-8">
<title>{escape(story.title)} &#8211; Eastern Frontier Review</title>
<link rel="canonical" href="https://frontier.example/2024/05/{story.slug}/">
<meta property="og:type" content="article"><meta property="og:site_name" content="Eastern Frontier Review">
<meta name="author" content="{escape(', '.join(story.authors))}">
<link rel="stylesheet" href="/wp-content/themes/news/style.css"></head>
<body class="post-template-default single single-post">
<div id="cookie-notice" role="dialog"><span>We use cookies to ensure that we give you the best experience on our website. If you continue to use this site we will assume that you are happy with it.</span><a class="button">Ok</a></div>
<header id="masthead" class="site-header"><p class="site-title"><a href="/">Eastern Frontier Review</a></p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu"><li><a href="/category/korea/">Korea</a></li><li><a href="/category/russia/">Russia</a></li><li><a href="/category/analysis/">Analysis</a></li><li><a href="/about/">About</a></li></ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-1841" class="post-1841 post type-post status-publish">
<header class="entry-header"><h1 class="entry-title">{escape(story.title)}</h1>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{story.date}">{pretty_date(story)}</time></span> <span class="byline">by <span class="author vcard"><a class="url fn n" href="/author/x/">{escape(story.authors[0])}</a></span></span></div></header>
<div class="entry-content">
<figure class="wp-block-image"><img src="/wp-content/uploads/photo.jpg"><figcaption>A border crossing near the Tumen River. Photo: Eastern Frontier Review</figcaption></figure>
{blocks(story, inserts=inserts)}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a href="#">Twitter</a></li><li><a href="#">Facebook</a></li></ul></div>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/korea/">Korea</a></span><span class="tags-links">Tagged <a href="#">Russia</a>, <a href="#">North Korea</a></span></footer>
</article>
<nav class="navigation post-navigation"><div class="nav-previous"><a href="/prev">{escape(heads(story)[2])}</a></div><div class="nav-next"><a href="/next">{escape(heads(story)[3])}</a></div></nav>
<div id="comments" class="comments-area"><h2 class="comments-title">{len(comments(story))} thoughts on &ldquo;{escape(story.title)}&rdquo;</h2><ol class="comment-list">{cms}</ol>
<div id="respond" class="comment-respond"><h3>Leave a Reply</h3><form><textarea></textarea><p class="form-submit"><input type="submit" value="Post Comment"></p></form></div></div>
</main></div>
<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">Recent Posts</h2>{link_list(heads(story)[4:9])}</section>
<section class="widget widget_text"><h2 class="widget-title">About us</h2><div class="textwidget"><p>Eastern Frontier Review is an independent publication covering politics, economy and society in the Russian Far East and on the Korean Peninsula since 2009.</p></div></section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">&copy; 2025 Eastern Frontier Review. Proudly powered by WordPress.</div></footer>
<script src="/wp-includes/js/wp-embed.min.js"></script></body></html>"""


def t_next(story: Story, rng: random.Random) -> tuple[str, str]:
    state = {"props": {"pageProps": {"article": {"id": story.slug, "title": story.title, "teaser": story.summary,
                                                   "related": heads(story)[:3]}}}}
    ad = '<div class="css-8atqhb ad-slot"><span class="css-17xgxkt">Advertisement</span><div id="dfp-ad-mid"></div></div>'
    promo = ('<div class="css-1x3lk2 newsletter-signup"><p class="css-1kk9x3">Get the Asia Briefing newsletter: the most '
             'important stories from the region, delivered to your inbox every weekday morning.</p>'
             '<input type="email" placeholder="Email address"><button>Sign up</button></div>')
    inserts = {2: ad, 4: promo}
    paras = blocks(story, p_attr=' class="css-at9mc1 evys1bk0"', inserts=inserts)
    return "", f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{escape(story.title)} - The Global Desk</title>
<meta property="og:title" content="{escape(story.title)} - The Global Desk"><meta property="og:url" content="/world/asia/{story.slug}.html">
<meta property="og:description" content="{escape(story.summary)}">
{jsonld(story, "The Global Desk")}
<script>!function(){{var e=document.createElement("script");e.src="/vendor.js";document.head.appendChild(e)}}();</script></head>
<body><div id="__next"><div class="css-1r8ulyz">
<div class="css-1bymuyk e1m0pzr40"><a class="css-nhjri9" href="/">The Global Desk</a><div class="css-1w6ywnl"><a href="/section/world">World</a><a href="/section/business">Business</a><a href="/section/opinion">Opinion</a><a href="/subscribe">Subscribe for $1/week</a></div></div>
<main id="site-content"><div class="css-1vkm6nb ehdk2mb0"><h1 data-testid="headline" class="css-1j5ig4p e1h9rw200">{escape(story.title)}</h1>
<div class="css-79elbk"><span class="css-1baulvz">By {escape(' and '.join(story.authors))}</span><time datetime="{story.date}">{pretty_date(story)}</time></div></div>
<section name="articleBody" class="meteredContent css-1r7ky0e"><div class="css-s99gbd StoryBodyCompanionColumn"><div class="css-53u6y8">
{paras}
</div></div></section>
<div class="css-1dv1kvn"><h2 class="css-1hyfx7x">More in Asia</h2>{link_list(heads(story)[3:8])}</div>
</main>
<footer class="css-1ra1ofe"><div>&copy; 2025 The Global Desk Company</div><a href="/privacy">Privacy Policy</a> <a href="/terms">Terms of Service</a></footer>
</div></div>
<script id="__NEXT_DATA__" type="application/json">{json.dumps(state)}</script></body></html>"""


def t_drupal(story: Story, rng: random.Random) -> tuple[str, str]:
    return "", f"""<!DOCTYPE html><html lang="{story.lang}" dir="ltr"><head><meta charset="utf-8">
<title>{escape(story.title)} | Institute for Northeast Asian Affairs</title>
<meta name="dcterms.created" content="{story.date}"><link rel="canonical" href="/node/{rng.randint(1000, 9999)}">
</head><body class="path-node page-node-type-article">
<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<div class="dialog-off-canvas-main-canvas"><div class="layout-container">
<header role="banner"><div class="region region-header"><div id="block-sitebranding"><a href="/">Institute for Northeast Asian Affairs</a><div class="site-slogan">Research and commentary since 1998</div></div></div>
<div class="region region-primary-menu"><nav role="navigation" id="block-mainnavigation"><ul class="menu"><li class="menu-item"><a href="/research">Research</a></li><li class="menu-item"><a href="/events">Events</a></li><li class="menu-item"><a href="/experts">Experts</a></li></ul></nav></div></header>
<div class="region region-breadcrumb"><nav class="breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/commentary">Commentary</a></li></ol></nav></div>
<main role="main"><a id="main-content" tabindex="-1"></a><div class="layout-content">
<div class="region region-content"><article role="article" class="node node--type-article node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title">{escape(story.title)}</span></h1>
<div class="node__meta"><span class="field field--name-uid">{escape(story.authors[0])}</span> <span>{datetime.fromisoformat(story.date).strftime('%d %B %Y')}</span></div>
<div class="node__content"><div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">
{blocks(story)}
</div>
<div class="field field--name-field-tags field--type-entity-reference"><div class="field__label">Topics</div><div class="field__items"><div class="field__item"><a href="/topics/1">Russia</a></div><div class="field__item"><a href="/topics/2">Korean Peninsula</a></div></div></div>
</div></article>
<div class="views-element-container block-views-related"><h2>Related Content</h2>{link_list(heads(story)[:5])}</div>
</div></div></main>
<footer role="contentinfo"><div class="region region-footer"><p>Institute for Northeast Asian Affairs is a non-profit research organization. The views expressed are those of the authors.</p><p>Contact us | Donate | Privacy</p></div></footer>
</div></div></body></html>"""


def t_table(story: Story, rng: random.Random) -> tuple[str, str]:
    body = "\n".join(f"<p><font size=\"2\">{escape(plain(p))}</font></p>" for p in story.paragraphs)
    return "", f"""<HTML><HEAD><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=utf-8"><TITLE>{escape(story.title)}</TITLE></HEAD>
<BODY bgcolor="#ffffff"><TABLE width="100%" border=0><TR><TD colspan=2><IMG src="/img/logo.gif"> <B>Far East Daily Online</B> | <A href="/">Home</A> | <A href="/arch">Archive</A> | <A href="/contact">Contact</A></TD></TR>
<TR><TD width="180" valign="top" class="leftcol"><B>Sections</B><BR><A href="/p">Politics</A><BR><A href="/e">Economy</A><BR><A href="/s">Society</A><BR><A href="/w">Weather</A><BR><BR><B>Archive</B><BR><A href="/2024">2024</A><BR><A href="/2023">2023</A></TD>
<TD valign="top"><FONT size="4"><B>{escape(story.title)}</B></FONT><BR><FONT size="1" color="gray">{datetime.fromisoformat(story.date).strftime('%d.%m.%Y %H:%M')} | {escape(story.authors[0])}</FONT><BR><BR>
{body}
<BR><FONT size="1">Printable version | Send to a friend</FONT><BR><BR>
<TABLE><TR><TD><B>Other news</B></TD></TR>{''.join(f'<TR><TD><A href="/n{i}">{escape(h)}</A></TD></TR>' for i, h in enumerate(heads(story)[:5]))}</TABLE>
</TD></TR><TR><TD colspan=2 align="center"><FONT size="1">Far East Daily Online 1999-2025. Reproduction without permission is prohibited.</FONT></TD></TR></TABLE></BODY></HTML>"""


def t_kportal(story: Story, rng: random.Random) -> tuple[str, str]:
    author = story.authors[0]
    lead = f"({story.dateline}=뉴스원) {author} 기자 = " if story.lang == "ko" else ""
    cms = "".join(f'<li class="reply"><strong class="nick">{escape(n)}</strong><p class="txt">{escape(t)}</p><span class="like">공감 12</span></li>' for n, t in comments(story))
    return lead, f"""<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>{escape(story.title)} - 뉴스원</title>
<meta property="og:site_name" content="뉴스원"><meta property="og:title" content="{escape(story.title)}">
<meta name="article:published_time" content="{story.date}"></head><body>
<div id="header"><div class="gnb"><a href="/politics">정치</a> <a href="/economy">경제</a> <a href="/society">사회</a> <a href="/world">국제</a> <a href="/nk">북한</a> <a href="/login">로그인</a></div></div>
<div id="container"><div class="article_head"><h2 class="title">{escape(story.title)}</h2><div class="info"><span class="writer">{escape(author)} 기자</span> <span class="date">송고 {datetime.fromisoformat(story.date).strftime('%Y.%m.%d %H:%M')}</span></div>
<div class="util"><a href="#">글자크기</a> <a href="#">인쇄</a> <a href="#">공유</a></div></div>
<div id="articles_detail" class="detail">
<div class="photo"><img src="/p.jpg"><p class="caption">자료사진. (뉴스원 DB) 재판매 및 DB 금지</p></div>
{blocks(story, dateline=lead)}
<p class="byline_email">{escape(author)} 기자 (reporter@news1.example)</p>
<p class="copy">ⓒ 뉴스원코리아, 무단전재 및 재배포 금지</p>
</div>
<div class="related_news"><h3>관련 기사</h3>{link_list(heads(story)[:4])}</div>
<div class="comment_area"><h3>댓글 {len(comments(story))}</h3><ul>{cms}</ul></div>
<div class="rank"><h3>많이 본 뉴스</h3>{link_list(heads(story)[1:5])}</div>
</div><div id="footer"><p>뉴스원코리아 | 서울특별시 종로구 | 등록번호 서울 아00000</p><p>Copyright ⓒ 뉴스원. All rights reserved.</p></div></body></html>"""


def t_rusportal(story: Story, rng: random.Random) -> tuple[str, str]:
    see_also = f'<div class="b-material-incut"><span>Читайте также</span><a href="/x">{escape(heads(story)[0])}</a></div>'
    cms = "".join(f'<div class="comment"><b>{escape(n)}</b><p>{escape(t)}</p></div>' for n, t in comments(story))
    lead = f"{story.dateline}, {datetime.fromisoformat(story.date).day} декабря. /Корр. ВВ/. " if story.lang == "ru" else ""
    return lead, f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>{escape(story.title)} — Восточный вестник</title>
<meta property="og:title" content="{escape(story.title)}"><meta property="og:site_name" content="Восточный вестник">
<meta name="description" content="{escape(story.summary)}">{jsonld(story, "Восточный вестник")}</head><body>
<div class="cookie-banner">Мы используем файлы cookie, чтобы сделать сайт удобнее. Продолжая пользоваться сайтом, вы соглашаетесь с этим.<button>Понятно</button></div>
<header class="header"><a class="logo" href="/">Восточный вестник</a><nav class="menu"><a href="/politika">Политика</a><a href="/ekonomika">Экономика</a><a href="/obshchestvo">Общество</a><a href="/mir">В мире</a></nav></header>
<div class="layout"><div class="news-header"><h1 class="news-header__title">{escape(story.title)}</h1><div class="news-header__lead">{escape(story.summary)}</div>
<span class="news-header__date">{datetime.fromisoformat(story.date).strftime('%d.%m.%Y, %H:%M')}</span></div>
<div class="text-block"><div class="text-content">
{blocks(story, inserts={2: see_also}, dateline=lead)}
</div><div class="author-line">Автор: {escape(story.authors[0])}</div>
<div class="tags">Теги: <a href="#">КНДР</a> <a href="#">Россия</a></div></div>
<div class="comments"><h3>Комментарии</h3>{cms}</div>
<div class="sidebar"><h3>Главное</h3>{link_list(heads(story)[1:5])}</div></div>
<footer>© 2025 Восточный вестник. Все права защищены. При использовании материалов ссылка обязательна. 18+</footer></body></html>"""


def t_amp(story: Story, rng: random.Random) -> tuple[str, str]:
    return "", f"""<!doctype html><html ⚡ lang="{story.lang}"><head><meta charset="utf-8"><title>{escape(story.title)}</title>
<link rel="canonical" href="https://peninsula.example/news/{story.slug}">
<script async src="https://cdn.ampproject.org/v0.js"></script><style amp-custom>body{{font-family:serif}}</style>
<meta property="og:description" content="{escape(story.summary)}"></head><body>
<amp-sidebar id="sidebar" layout="nodisplay"><ul><li><a href="/">Home</a></li><li><a href="/korea">Korea</a></li><li><a href="/world">World</a></li></ul></amp-sidebar>
<header class="amp-header"><button on="tap:sidebar.toggle">Menu</button><a href="/">Peninsula Post</a></header>
<article class="amp-article"><h1>{escape(story.title)}</h1><div class="amp-byline">By {escape(story.authors[0])} · {pretty_date(story)}</div>
<amp-img src="/img.jpg" width="600" height="400" layout="responsive"></amp-img><p class="amp-caption">Officials meet in a file photo.</p>
<div class="article-body">{blocks(story, inserts={3: '<amp-ad width="300" height="250" type="doubleclick" data-slot="/1/amp"></amp-ad>'})}</div>
<div class="amp-related"><h3>You may also like</h3>{link_list(heads(story)[2:6])}</div></article>
<footer class="amp-footer">© Peninsula Post. <a href="/privacy">Privacy</a></footer></body></html>"""


def t_magazine(story: Story, rng: random.Random) -> tuple[str, str]:
    related = ('<div class="related-article"><span class="label">Related article</span>'
               f'<a href="/news/2024/related"><h4>{escape(heads(story)[5])}</h4></a></div>')
    support = ('<div class="support-banner"><p>We need your help. Independent journalism about the region is under pressure as never before. '
               'Please support our work with a one-time or monthly donation.</p><a class="btn" href="/donate">Contribute</a></div>')
    return "", f"""<!DOCTYPE html><html lang="{story.lang}"><head><meta charset="utf-8"><title>{escape(story.title)} - The Harbor Times</title>
<meta property="og:site_name" content="The Harbor Times"><meta property="article:published_time" content="{story.date}">
<meta property="og:url" content="https://harbortimes.example/{datetime.fromisoformat(story.date).strftime('%Y/%m/%d')}/{story.slug}"></head><body>
<div class="top-bar"><a href="/">The Harbor Times</a> <a href="/news">News</a> <a href="/opinion">Opinion</a> <a href="/business">Business</a> <a href="/donate" class="donate">Support us</a></div>
<div class="container"><div class="row"><div class="col-md-8">
<div class="article-header"><div class="article__category">News</div><h1>{escape(story.title)}</h1><div class="article__excerpt">{escape(story.summary)}</div>
<div class="article__byline">{escape(', '.join(story.authors))} <span class="article__date">{pretty_date(story)}</span></div></div>
<div class="article__featured-image"><img src="/i.jpg"><div class="article__featured-image__caption">A view of the port. <span class="credit">Harbor Times archive</span></div></div>
<div class="article__content">{blocks(story, inserts={2: related, 5: support})}</div>
<div class="article__bottom"><div class="article__author-info"><p class="author-bio">{escape(story.authors[0])} is a correspondent covering diplomacy and security in East Asia. Previously she worked for regional newspapers in Seoul and Vladivostok.</p></div>
<div class="read-more"><h3>Read more</h3>{link_list(heads(story)[:4])}</div></div>
</div><div class="col-md-4 sidebar"><h3>Most read</h3>{link_list(heads(story)[4:9])}</div></div></div>
<footer class="footer"><p>The Harbor Times is an independent news outlet. All rights reserved.</p></footer></body></html>"""


def t_analysis(story: Story, rng: random.Random) -> tuple[str, str]:
    """Think-tank style: long sections, a table of contents, footnotes, an author box."""
    toc = "".join(f"<li><a href='#s{i}'>{escape(p[3:])}</a></li>" for i, p in enumerate(story.paragraphs) if p.startswith("## "))
    toc_html = f'<div class="toc"><p>Contents</p><ol>{toc}</ol></div>' if toc else ""
    return "", f"""<!DOCTYPE html><html lang="{story.lang}"><head><meta charset="utf-8"><title>{escape(story.title)}</title>
<meta name="citation_publication_date" content="{story.date[:10]}"><meta name="author" content="{escape(story.authors[0])}"></head><body>
<div class="utility-nav"><a href="/login">Log in</a> <a href="/newsletters">Newsletters</a> <a href="/donate">Donate</a></div>
<div class="masthead"><a href="/">Pacific Policy Forum</a><ul class="primary-nav"><li><a href="/regions">Regions</a></li><li><a href="/topics">Topics</a></li><li><a href="/publications">Publications</a></li></ul></div>
<div class="page"><div class="hero"><span class="eyebrow">Commentary</span><h1>{escape(story.title)}</h1><p class="meta">{escape(story.authors[0])} | {datetime.fromisoformat(story.date).strftime('%B %d, %Y')}</p></div>
{toc_html}
<div class="rich-text">{blocks(story)}</div>
<div class="disclaimer"><p>The views expressed in this commentary are solely those of the author and do not necessarily reflect the position of the Pacific Policy Forum.</p></div>
<div class="more-by-author"><h3>More from this author</h3>{link_list(heads(story)[6:9])}</div></div>
<div class="site-footer"><div class="newsletter"><p>Sign up for our weekly newsletter on Asia-Pacific security.</p><form><input></form></div><p>1234 Policy Avenue, Washington DC</p></div></body></html>"""


def t_liveshell(story: Story, rng: random.Random) -> tuple[str, str]:
    """Server-rendered SPA: lots of inline JSON and attribute noise, text in spans inside divs."""
    paras = "\n".join(
        f'<div class="paragraph" data-block="{i}"><span class="text">{escape(plain(p))}</span></div>'
        for i, p in enumerate(story.paragraphs))
    state = {"user": None, "flags": {"paywall": False, "ads": True}, "nav": heads(story)}
    return "", f"""<!DOCTYPE html><html lang="{story.lang}"><head><meta charset="utf-8"><title>{escape(story.title)} — Signal Asia</title>
<meta property="og:title" content="{escape(story.title)}">{jsonld(story, "Signal Asia", body=True)}
<script>window.__STATE__={json.dumps(state, ensure_ascii=False)};</script></head><body>
<div id="root"><div class="app"><div class="topnav"><a href="/">Signal Asia</a><span>Menu</span><span>Search</span></div>
<div class="story"><div class="story-title"><span>{escape(story.title)}</span></div><div class="story-meta"><span>{escape(story.authors[0])}</span><span>{pretty_date(story)}</span></div>
<div class="story-body">{paras}</div>
<div class="story-footer"><span>Share</span><span>Copy link</span></div></div>
<div class="recirc"><div class="recirc-title">Up next</div>{''.join(f'<div class="recirc-item"><a href="/s/{i}">{escape(h)}</a></div>' for i, h in enumerate(heads(story)[:4]))}</div></div></div>
<script src="/static/js/main.8f3a1.js"></script></body></html>"""


def t_blogger(story: Story, rng: random.Random) -> tuple[str, str]:
    """Blog platform: paragraphs as <div>s and <br>s, archive widget, long comment thread."""
    body = "\n".join(f"<div>{escape(plain(p))}</div><div><br /></div>" for p in story.paragraphs)
    cms = "".join(f'<li class="comment"><div class="comment-block"><div class="comment-header"><cite class="user">{escape(n)}</cite><span class="datetime">5 days ago</span></div><p class="comment-content">{escape(t)}</p></div></li>' for n, t in comments(story) * 2)
    return "", f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Notes from the Border: {escape(story.title)}</title>
<meta content="{escape(story.summary)}" property="og:description"/></head><body class="variant-indie">
<div class="navbar section" id="navbar"></div><div class="header-outer"><div class="Header"><h1 class="title">Notes from the Border</h1><p class="description">A blog about life and politics between Primorye and the Korean Peninsula</p></div></div>
<div class="main-outer"><div class="date-outer"><h2 class="date-header"><span>{datetime.fromisoformat(story.date).strftime('%A, %B %d, %Y')}</span></h2>
<div class="post hentry"><h3 class="post-title entry-title">{escape(story.title)}</h3>
<div class="post-header"><div class="post-header-line-1"></div></div>
<div class="post-body entry-content" id="post-body-1">
{body}
</div>
<div class="post-footer"><span class="post-author vcard">Posted by <span class="fn">{escape(story.authors[0])}</span></span> <span class="post-labels">Labels: <a href="#">Korea</a>, <a href="#">Russia</a></span></div></div>
<div class="comments" id="comments"><h4>{len(comments(story)) * 2} comments:</h4><ol>{cms}</ol></div></div></div>
<div class="sidebar-outer"><div class="widget BlogArchive"><h2>Blog Archive</h2><ul><li><a href="#">2025 (14)</a></li><li><a href="#">2024 (31)</a></li><li><a href="#">2023 (22)</a></li></ul></div>
<div class="widget PopularPosts"><h2>Popular Posts</h2>{link_list(heads(story)[:5])}</div></div>
<div class="footer-outer">Powered by Blogger.</div></body></html>"""


def t_ria(story: Story, rng: random.Random) -> tuple[str, str]:
    """Block-based CMS: every paragraph a div block; inline related-article blocks between them."""
    parts = []
    for i, p in enumerate(story.paragraphs):
        if i == 2:
            parts.append(f'<div class="article__block" data-type="article"><div class="article__article"><a href="/x"><span class="article__article-title">{escape(heads(story)[2])}</span><span class="article__article-info">{datetime.fromisoformat(story.date).strftime("%d.%m.%Y")}</span></a></div></div>')
        if i == 4:
            parts.append('<div class="article__block" data-type="banner"><div class="banner" data-position="article_middle"></div></div>')
        parts.append(f'<div class="article__block" data-type="text"><div class="article__text">{escape(plain(p))}</div></div>')
    lead = f"{story.dateline.upper()}, {datetime.fromisoformat(story.date).strftime('%d.%m')} — "
    parts[0] = parts[0].replace('<div class="article__text">', '<div class="article__text"><strong>' + escape(lead) + '</strong>', 1)
    return lead, f"""<!DOCTYPE html><html lang="{story.lang}"><head><meta charset="utf-8"><title>{escape(story.title)} - Новости дня</title>
<meta property="og:title" content="{escape(story.title)}"><meta name="analytics:rubric" content="world"></head><body>
<div class="page"><div class="header"><div class="header__logo"><a href="/">Новости дня</a></div><div class="nav"><a href="/politics/">Политика</a><a href="/world/">В мире</a><a href="/economy/">Экономика</a><a href="/society/">Общество</a><a href="/incidents/">Происшествия</a></div></div>
<div class="layout-article"><div class="article m-article"><div class="article__header"><div class="article__info"><div class="article__info-date"><a href="/20240101/">{datetime.fromisoformat(story.date).strftime('%H:%M %d.%m.%Y')}</a></div></div>
<h1 class="article__title">{escape(story.title)}</h1></div>
<div class="article__announce"><div class="photoview__open"><img src="/a.jpg"><div class="media__copyright">© Фото / Пресс-служба</div></div></div>
<div class="article__body js-mediator-article">{''.join(parts)}</div>
<div class="article__tags"><ul class="article__tags-list"><li><a href="/tag1">КНДР</a></li><li><a href="/tag2">Россия</a></li></ul></div>
<div class="article__footer"><div class="share">Поделиться</div><div class="article__subscribe">Подписывайтесь на наш канал в мессенджере, чтобы первыми узнавать о главных событиях</div></div></div>
<div class="lenta"><div class="lenta__title">Лента новостей</div>{link_list(heads(story))}</div></div></div>
<div class="footer"><p>Сетевое издание «Новости дня». Свидетельство о регистрации Эл № ФС77-00000. 18+</p></div></body></html>"""


def t_kbr(story: Story, rng: random.Random) -> tuple[str, str]:
    """Korean newspaper CMS: text in one div with <br /> breaks, photo tables, bracketed credits."""
    paras = [escape(plain(p)) for p in story.paragraphs]
    photo = '<table class="photo"><tr><td><img src="/p.jpg"></td></tr><tr><td class="photo_caption">[사진=연합뉴스]</td></tr></table>' if story.lang == "ko" else \
        '<table class="photo"><tr><td><img src="/p.jpg"></td></tr><tr><td class="photo_caption">[Photo by Yonhap]</td></tr></table>'
    related = "▶ 관련기사 : " + escape(heads(story)[0]) if story.lang == "ko" else "▶ Related: " + escape(heads(story)[0])
    body = paras[:2] + [related] + paras[2:]
    email = f"{story.authors[0]} 기자 reporter@daily.example" if story.lang == "ko" else f"{story.authors[0]} reporter@daily.example"
    return "", f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>{escape(story.title)} : 데일리 한반도</title>
<meta property="og:type" content="article"><meta name="twitter:title" content="{escape(story.title)}"></head><body>
<div id="wrap"><div id="header"><ul class="top_menu"><li><a href="/">홈</a></li><li><a href="/politics">정치</a></li><li><a href="/unification">통일·북한</a></li><li><a href="/intl">국제</a></li><li><a href="/en">English</a></li></ul></div>
<div id="content"><div class="article_title"><h3>{escape(story.title)}</h3><p class="date">입력 {datetime.fromisoformat(story.date).strftime('%Y-%m-%d %H:%M')} | 수정 {datetime.fromisoformat(story.date).strftime('%Y-%m-%d')} 18:02</p></div>
<div id="articleBody" class="article_body">{photo}{'<br /><br />'.join(body)}<br /><br />{escape(email)}</div>
<div class="article_bottom"><p>※ 이 기사의 저작권은 데일리 한반도에 있습니다. 무단 전재 및 재배포를 금합니다.</p></div>
<div class="best_click"><h4>오늘의 주요뉴스</h4>{link_list(heads(story))}</div></div>
<div id="footer">회사소개 | 광고안내 | 개인정보처리방침 | 청소년보호정책</div></div></body></html>"""


def t_newsroom(story: Story, rng: random.Random) -> tuple[str, str]:
    """Modern news site: inline 'Related coverage' list inside the body, gallery with long captions."""
    rel = ('<div class="inline-list"><h3>Related coverage</h3><ul>'
           + "".join(f'<li><a href="/r{i}">{escape(h)}</a></li>' for i, h in enumerate(heads(story)[6:9])) + "</ul></div>")
    gallery = ('<div class="gallery"><div class="slide"><img src="/g1.jpg"><p class="slide-text">Workers load containers onto a freight train at a border station in an undated photo released by the regional government.</p></div>'
               '<div class="slide"><img src="/g2.jpg"><p class="slide-text">Delegations walk past a guard of honour during an official visit earlier this year, according to state media.</p></div></div>')
    return "", f"""<!DOCTYPE html><html lang="{story.lang}"><head><meta charset="utf-8"><title>{escape(story.title)} | Pacific Wire</title>
<meta property="og:site_name" content="Pacific Wire"><meta property="og:title" content="{escape(story.title)}">
<meta name="parsely-pub-date" content="{story.date}"><meta name="parsely-author" content="{escape(story.authors[0])}"></head><body>
<div class="site-wrap"><div class="alert-bar"><a href="/live">LIVE: Updates from the region</a></div>
<div class="brand-bar"><a href="/">Pacific Wire</a><div class="sections"><a href="/asia">Asia</a><a href="/europe">Europe</a><a href="/markets">Markets</a><a href="/video">Video</a></div></div>
<div class="story-wrap"><h1 class="story-headline">{escape(story.title)}</h1><div class="story-deck">{escape(story.summary)}</div>
<div class="story-info"><span class="story-by">{escape(story.authors[0])}</span> <span class="story-time">Updated {pretty_date(story)} GMT</span></div>
{gallery}
<div class="story-text">{blocks(story, inserts={3: rel})}</div>
<div class="story-corrections"><p>Our Standards: The Trust Principles.</p></div>
</div><div class="more-stories"><h2>More from Pacific Wire</h2>{link_list(heads(story)[:5])}</div></div>
<div class="site-footer"><p>All quotes delayed a minimum of 15 minutes. Pacific Wire, the news and media division.</p></div></body></html>"""


TEMPLATES: dict[str, Callable[[Story, random.Random], tuple[str, str]]] = {
    "wire": t_wire, "herald": t_herald, "wordpress": t_wordpress, "next": t_next, "drupal": t_drupal,
    "table": t_table, "kportal": t_kportal, "rusportal": t_rusportal, "amp": t_amp, "magazine": t_magazine,
    "analysis": t_analysis, "liveshell": t_liveshell,
    # Written after the extractor was tuned, to check it did not overfit the templates above.
    "blogger": t_blogger, "ria": t_ria, "kbr": t_kbr, "newsroom": t_newsroom,
}

# Each story appears in two different templates; Korean and Russian stories get their own portals too.
PLAN = {
    "treaty-ratified": ["wire", "wordpress"], "rason-bridge": ["next", "magazine"],
    "seoul-moscow-flights": ["herald", "drupal"], "lavrov-wonsan": ["amp", "analysis"],
    "shells-report": ["analysis", "next"], "kia-plant": ["table", "magazine"],
    "fishing-quota": ["wire", "drupal"], "students-vladivostok": ["wordpress", "liveshell"],
    "kursk-pows": ["herald", "amp"], "ruble-won": ["table", "wire"],
    "satellite-tech": ["liveshell", "wordpress"], "tourism-masikryong": ["magazine", "next"],
    "ru-dogovor": ["rusportal", "drupal"], "ru-poezd": ["rusportal", "wordpress"], "ru-seoul-trade": ["table", "rusportal"],
    "ko-joyak": ["kportal", "amp"], "ko-myeongtae": ["kportal", "herald"], "ko-pabyeong": ["kportal", "liveshell"],
}
HELD_OUT = {
    "treaty-ratified": ["newsroom"], "rason-bridge": ["blogger"], "kursk-pows": ["kbr"], "shells-report": ["newsroom"],
    "students-vladivostok": ["blogger"], "ru-dogovor": ["ria"], "ru-poezd": ["ria"], "ru-seoul-trade": ["ria"],
    "ko-joyak": ["kbr"], "ko-pabyeong": ["kbr"], "fishing-quota": ["newsroom"], "tourism-masikryong": ["blogger"],
}
# Legacy encodings, as such sites still serve them.
ENCODINGS = {("ru-seoul-trade", "table"): "windows-1251", ("ko-myeongtae", "kportal"): "euc-kr"}


def build(out: Path = OUT) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    names = []
    by_slug = {s.slug: s for s in STORIES}
    for slug, templates in [*PLAN.items(), *HELD_OUT.items()]:
        story = by_slug[slug]
        for tname in templates:
            rng = random.Random(f"{slug}-{tname}")
            lead, html = TEMPLATES[tname](story, rng)
            enc = ENCODINGS.get((slug, tname), "utf-8")
            if enc != "utf-8":
                html = html.replace('charset="utf-8"', f'charset="{enc}"').replace("charset=utf-8", f"charset={enc}")
            name = f"{tname}-{slug}"
            (out / f"{name}.html").write_bytes(html.encode(enc, errors="xmlcharrefreplace"))
            (out / f"{name}.txt").write_text(truth(story, lead) + "\n", encoding="utf-8")
            names.append(name)
    return names


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    names = build(args.out)
    print(f"wrote {len(names)} pages to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
