"""The sixth metadata set: real pages on Korea-Russia relations, rendered in each outlet's layout.

The specs and their gold are in ``bench/gold/metadata/set6.yaml``; each names the stored page it
was written from (``source_url``). This module renders every spec into
``bench/data/metadata/set6/<name>.html`` and splits the set into tuning and held-back pages:

* **the split**: the names, sorted, shuffled by ``random.Random(SEED)``; the first ``HELD``
  are held back (``set6-heldout``), the rest are for tuning (``set6-tune``).
  ``SEED = 20261210`` was fixed before any page was rendered or scored.

The layouts imitate what each stored page shows around its article (sign-off bylines with an
e-mail, photo credits, wire slugs without a year, portal recommendation boxes, summary services,
weather widgets, most-read lists); the text is original.

    python -m bench.metadata_pages6          # (re)write the pages of the set
"""

from __future__ import annotations

import sys


from bench.metadata_pages import (
    KO_NAV, RU_NAV, esc, head, li_links, nav, og_site, page_end, paras, related, split_set, write_set,
)

SEED = 20261210
HELD = 10
SET = "set6"
EN_NAV = ["World", "Asia", "North Korea", "Politics", "Business", "Opinion"]


def _fig(caption: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<figure><img src="/p.jpg" alt=""><figcaption{attr}>{esc(caption)}</figcaption></figure>'


# ---------------------------------------------------------------- Korean pages

def fnnews_amp(p: dict) -> str:
    return (head(p, "ko", og_site("파이낸셜뉴스")) + f'<body>\n<header>{nav(KO_NAV, "gnb")}</header>\n<main><article>\n'
            f'<h1 class="tit">{esc(p["headline"])}</h1>\n<div class="info"><span class="date">{esc(p["shown"])}</span>'
            f'<span class="upd">{esc(p["updated"])}</span><a class="origin" href="/news/1">기사원문</a></div>\n'
            f'<div class="cont_art">{"<br><br>".join(esc(x) for x in p["paras"])}<br><br>{esc(p["signoff"])}</div></article>\n'
            '<aside class="rank"><h3>많이 본 뉴스</h3><ol>' + li_links(p.get("popular", [])) + '</ol></aside></main>\n'
            + page_end("Copyright ⓒ 파이낸셜뉴스. 무단전재 및 재배포 금지."))


def kmib(p: dict) -> str:
    return (head(p, "ko", og_site("국민일보")) + f'<body>\n<header>{nav(KO_NAV, "gnb")}</header>\n'
            '<div class="nwsti_btm"><span class="sec">시사 &gt; 전체기사</span></div>\n<main><div class="nwsti">'
            f'<h2>{esc(p["headline"])}</h2>\n<div class="date"><span>{esc(p["shown"])}</span></div></div>\n'
            f'<div class="tx" id="articleBody">{_fig(p["credit"])}\n{paras(p["paras"])}\n<p>{esc(p["signoff"])}</p>\n'
            '<p class="copy">GoodNews paper ⓒ 국민일보(www.kmib.co.kr), 무단전재, 수집, 재배포 및 AI학습 이용 금지</p></div>\n'
            '<div class="subscribe"><a href="/sub">국민일보 신문구독</a> X 페이스북 카카오톡</div></main>\n' + page_end("국민일보"))


def newsis6(p: dict) -> str:
    first, *rest = p["paras"]
    return (head(p, "ko", og_site("뉴시스")) + '<body>\n<header><ul class="sns"><li>페이스북</li><li>트위터</li><li>유튜브</li></ul>'
            f'{nav(KO_NAV, "gnb")}</header>\n<main><div class="viewer"><h1 class="tit">{esc(p["headline"])}</h1>\n'
            f'<div class="infoLine"><span>{esc(p["shown"])}</span><span>{esc(p["updated"])}</span></div>\n'
            '<ul class="tool"><li>이메일 보내기</li><li>프린터</li><li>PDF</li></ul>\n'
            f'<div class="viewer_cont"><div class="thumCont">{_fig(p["caption"], "summary_view")}</div>\n'
            f'<p>{esc(p["lead_byline"])} {esc(first)}</p>\n{paras(rest)}\n<p>{esc(p["email"])}</p></div></div>\n'
            '<aside class="most"><h3>많이 본 기사</h3><ol>' + li_links(p.get("popular", [])) + '</ol></aside></main>\n'
            + page_end("Copyright © NEWSIS.COM, All rights reserved."))


def daum_chosun(p: dict) -> str:
    meta = og_site("Daum") + f'\n<meta property="og:article:author" content="{esc(p["outlet"])}">'
    return (head(p, "ko", meta) + f'<body>\n<header class="head_view">{nav(["뉴스", "엔터", "스포츠"], "gnb_comm")}</header>\n'
            f'<div class="main-content"><div class="head_view"><h3 class="tit_view">{esc(p["headline"])}</h3>\n'
            f'<div class="info_view"><span class="txt_info">{esc(p["byline"])}</span><span class="txt_info"><span class="num_date">{esc(p["shown"])}</span></span></div></div>\n'
            f'<div class="news_view"><div class="article_view"><section>{paras(p["paras"])}</section></div>\n'
            f'<p class="txt_copyright">Copyright © {esc(p["outlet"])}. 무단전재 및 재배포 금지.</p></div>\n'
            '<div class="emotion"><p>이 기사에 대해 어떻게 생각하시나요?</p></div>\n'
            f'<div class="link_cp"><p>{esc(p["outlet"])}에서 직접 확인하세요. 해당 언론사로 이동합니다.</p><ul>' + li_links(p.get("recommend", [])) + '</ul></div></div>\n'
            + page_end("Daum"))


def ajunews_amp(p: dict) -> str:
    pts = "".join(f"<li>{esc(x)}</li>" for x in p.get("points", []))
    return (head(p, "ko", og_site("아주경제")) + f'<body>\n<header>{nav(KO_NAV, "gnb")}</header>\n<main><article>\n'
            f'<h1 class="tit">{esc(p["headline"])}</h1>\n<p class="date">{esc(p["shown"])}</p>\n<ul class="sub_tit">{pts}</ul>\n'
            f'<div class="article_con">{paras(p["paras"])}</div>\n<div class="tags">{" ".join(esc(t) for t in p.get("tags", []))}</div>\n'
            '<div class="btn"><a href="/report">기사제보 하기</a></div>\n'
            "<p class=\"copy\">©'5개국어 글로벌 경제신문' 아주경제. 무단전재·재배포 금지</p></article></main>\n" + page_end("아주경제"))


def newspic(p: dict) -> str:
    return (head(p, "ko", og_site("뉴스픽")) + f'<body>\n<header><a href="#">뒤로가기</a></header>\n<main>\n'
            f'<h1 class="title">{esc(p["headline"])}</h1>\n<div class="tabs"><span>3줄 요약</span> <a href="/full">본문전체읽기</a></div>\n'
            f'<div class="summary"><h2>{esc(p["headline"])}</h2>{paras(p["paras"])}</div>\n'
            f'<p class="notice">뉴스픽의 주요 문장 추출 기술을 사용하여 “{esc(p["agency"])}” 기사 내용을 3줄로 요약한 결과입니다. '
            '일부 누락된 내용이 있어 전반적인 이해를 위해서는 본문 전체 읽기를 권장합니다.</p>\n'
            '<div class="share"><p>이 콘텐츠를 공유하세요.</p><p>콘텐츠 공유하고 수익 받는 방법이 궁금하다면👋&gt;</p>'
            '<p>알림 문구가 한줄로 들어가는 영역입니다</p></div></main>\n' + page_end("NEWSPIC"))


# ---------------------------------------------------------------- Russian pages

def vedomosti6(p: dict) -> str:
    sub = f'<h2 class="article__subtitle">{esc(p["subtitle"])}</h2>\n' if p.get("subtitle") else ""
    fig = _fig(p["credit"], "article-image__credits") + "\n" if p.get("credit") else ""
    return (head(p, "ru", og_site("Ведомости")) + f'<body>\n<header>{nav(RU_NAV, "menu")}</header>\n<main><article>\n'
            f'<h1 class="article-headline__title">{esc(p["headline"])}</h1>\n{sub}{fig}'
            f'<time class="article-meta__date">{esc(p["shown"])}</time>\n'
            f'<div class="article-boxes-list">{paras(p["paras"], "box-paragraph__text")}</div></article>\n'
            f'{related("Новости", p.get("related", []), "news-feed")}</main>\n' + page_end("© АО «Бизнес Ньюс Медиа»"))


def rbc6(p: dict) -> str:
    return (head(p, "ru", og_site("РБК")) + '<body>\n<a class="skip" href="#main">Перейти к основному контенту</a>\n'
            f'<header>{nav(RU_NAV, "topline")}</header>\n<main id="main"><div class="article">\n'
            f'<div class="article__header"><a class="rubric" href="/politics/">Политика</a>, <span class="comments">0</span>'
            f'<time class="article__header__date">{esc(p["shown"])}</time></div>\n<h1 class="article__header__title">{esc(p["headline"])}</h1>\n'
            f'<div class="article__text__overview">{esc(p["lead"])}</div>\n'
            f'<div class="article__main-image"><img src="/p.jpg" alt=""><span class="caption">{esc(p["caption"])} ({esc(p["credit"])})</span></div>\n'
            f'<div class="article__text">{paras(p["paras"])}</div></div></main>\n' + page_end("© ООО «БизнесПресс»"))


def kp(p: dict) -> str:
    return (head(p, "ru", og_site("Комсомольская правда")) + '<body>\n<header><span class="award">Премия Рунета-2020</span>'
            f'<span class="geo">Россия Москва +26°</span><span class="counter">Boom metrics</span>{nav(RU_NAV, "menu")}</header>\n'
            f'<main><article><div class="meta"><span class="rubric">{esc(p["rubric"])}</span><span class="date">{esc(p["shown"])}</span></div>\n'
            f'<h1>{esc(p["headline"])}</h1>\n<h2 class="lead">{esc(p["lead"])}</h2>\n'
            f'<figure><img src="/p.jpg" alt=""><figcaption>{esc(p["caption"])}</figcaption><span class="credit">{esc(p["credit"])}</span></figure>\n'
            f'<div class="text">{paras(p["paras"])}</div></article></main>\n' + page_end("© АО «ИД «Комсомольская правда»"))


def saomos(p: dict) -> str:
    return (head(p, "ru", og_site("САО Москвы")) + f'<body>\n<header>{nav(["Новости", "Общество", "Транспорт", "ЖКХ"], "menu")}</header>\n'
            f'<main><article><h1>{esc(p["headline"])}</h1>\n<div class="date">{esc(p["shown"])}</div>\n'
            f'<div class="text">{paras(p["paras"])}</div></article>\n'
            '<aside><h3>Популярное</h3><ul>' + li_links(p.get("popular", [])) + '</ul></aside></main>\n' + page_end("© saomos.news"))


def newsmail(p: dict) -> str:
    return (head(p, "ru", og_site("Новости Mail")) + f'<body>\n<header>{nav(RU_NAV, "menu")}<span class="weather">{esc(p["weather"])}</span></header>\n'
            f'<main><article><span class="date">{esc(p["shown"])}</span>\n<h1>{esc(p["headline"])}</h1>\n'
            f'<p class="lead">{esc(p["lead"])}</p>\n<p class="source">Источник: {esc(p["source"])}</p>\n'
            f'<div class="article__text">{paras(p["paras"])}</div></article></main>\n' + page_end("© VK"))


def rambler_tass(p: dict) -> str:
    first, *rest = p["paras"]
    return (head(p, "ru", og_site("Рамблер")) + f'<body>\n<header>{nav(["Новости", "Авто", "Финансы", "Погода"], "menu")}</header>\n'
            f'<main><article><h1>{esc(p["headline"])}</h1>\n<p>{esc(p["dateline"])} {esc(first)}</p>\n{paras(rest)}</article>\n'
            '<aside><h3>Другие новости</h3><ul>' + li_links(p.get("more", [])) + '</ul></aside></main>\n' + page_end("© Rambler"))


def veved(p: dict) -> str:
    return (head(p, "ru", og_site("Вечерние ведомости")) + f'<body>\n<header>{nav(["События", "Общество", "Город"], "menu")}</header>\n'
            f'<main><article><h1>{esc(p["headline"])}</h1>\n<div class="date">{esc(p["shown"])}</div>\n'
            f'<div class="text">{paras(p["paras"])}</div>\n<p class="copy">© Вечерние ведомости</p>\n'
            '<p><a href="/src">Читать этот материал в источнике</a></p>\n<p><a href="/events/">Еще новости &gt;&gt;&gt;</a></p></article></main>\n'
            + page_end("veved.ru"))


def nakanune(p: dict) -> str:
    return (head(p, "ru", og_site("Накануне.RU")) + '<body>\n<header><a href="/">Накануне.RU</a> <a href="/news/">Новости</a></header>\n'
            f'<main><article><h1>{esc(p["headline"])}</h1>\n<div class="rubric">{esc(p["rubric"])}</div>\n<div class="date">{esc(p["shown"])}</div>\n'
            f'<div class="text">{paras(p["paras"])}</div></article></main>\n' + page_end("© ИА «Накануне.RU»"))


def gazeta_echo(p: dict) -> str:
    first, *rest = p["paras"]
    return (head(p, "ru", og_site("Газета Эхо")) + '<body>\n<header><div class="breadcrumbs">Домой Политика</div></header>\n'
            f'<main><article><h1 class="entry-title">{esc(p["headline"])}</h1>\n<div class="meta"><span class="views">{esc(p["views"])}</span> <span class="comm">0</span></div>\n'
            f'{_fig(p["caption"], "wp-caption-text")}\n<div class="td-post-content"><p>{esc(p["dateline"])} {esc(first)}</p>\n'
            f'{paras(rest[:2])}\n<h3>{esc(p["subhead"])}</h3>\n{paras(rest[2:])}</div></article></main>\n' + page_end("© gazeta-echo.ru"))


# ---------------------------------------------------------------- English pages

def hani_en(p: dict) -> str:
    return (head(p, "en", og_site("Hankyoreh")) + f'<body>\n<header>{nav(EN_NAV, "gnb")}</header>\n<main><div class="article-head">\n'
            f'<h3 class="title">{esc(p["headline"])}</h3>\n<p class="date">{esc(p["shown"])}</p>\n<h4 class="subtitle">{esc(p["subtitle"])}</h4></div>\n'
            f'<div class="article-text">{_fig(p["caption"], "image-desc")}\n{paras(p["paras"])}</div>\n'
            '<aside class="related"><h3>Related stories</h3><ul>' + li_links(p.get("related", [])) + '</ul></aside></main>\n'
            + page_end("© The Hankyoreh. All rights reserved."))


def donga_en(p: dict) -> str:
    return (head(p, "en", og_site("The Dong-A Ilbo")) + '<body>\n<a class="skip" href="#contents">Go to contents</a>\n'
            f'<header>{nav(EN_NAV, "gnb")}</header>\n<main id="contents"><div class="article_title"><h1>{esc(p["headline"])}</h1>\n'
            f'<span class="date">{esc(p["shown"])}</span></div>\n<div class="article_txt">{paras(p["paras"])}</div>\n'
            '<aside class="most"><h3>Most Viewed</h3><ol><li><a href="/n/1">Seoul stocks end higher</a></li></ol></aside></main>\n'
            + page_end("Copyright by dongA.com"))


def arabnews(p: dict) -> str:
    first, *rest = p["paras"]
    return (head(p, "en", og_site("Arab News PK")) + f'<body>\n<header>{nav(EN_NAV, "menu")}</header>\n<main><article>\n'
            f'<h1 class="entry-title">{esc(p["headline"])}</h1>\n{_fig(p["caption"])}\n'
            f'<div class="short-url">Short Url</div>\n<div class="updated">{esc(p["shown"])}</div>\n<div class="follow">Follow</div>\n'
            f'<ul class="bullets"><li>{esc(p["bullet"])}</li></ul>\n'
            f'<div class="entry-content"><p>{esc(p["dateline"])} {esc(first)}</p>\n{paras(rest)}</div></article></main>\n'
            + page_end("© Arab News Pakistan"))


def squid(p: dict) -> str:
    first, *rest = p["paras"]
    return (head(p, "en", og_site("Squid the Fuse")) + '<body>\n<header><a href="/">Squid the Fuse</a></header>\n'
            f'<main><article><h1 class="entry-title">{esc(p["headline"])}</h1>\n'
            f'<div class="entry-content"><p>{esc(p["dateline"])} {esc(first)}</p>\n{paras(rest)}</div></article></main>\n'
            f'<div id="bitnami-banner"><a href="#">{esc(p["banner"])}</a></div>\n' + page_end("Powered by WordPress"))


def moneytreck(p: dict) -> str:
    return (head(p, "en", og_site("MoneyTreck")) + f'<body>\n<header>{nav(["Markets", "World", "Crypto", "Economy"], "menu")}</header>\n'
            f'<main><article><h1>{esc(p["headline"])}</h1>\n<p class="excerpt">{esc(p["summary"])}</p>\n'
            f'<div class="post-date">{esc(p["shown"])}</div>\n<div class="post-content">{paras(p["paras"])}</div></article>\n'
            '<aside><h3>More news</h3><ul>' + li_links(p.get("more", [])) + '</ul></aside></main>\n' + page_end("© MoneyTreck"))


LAYOUTS = {f.__name__: f for f in (fnnews_amp, kmib, newsis6, daum_chosun, ajunews_amp, newspic, vedomosti6, rbc6, kp,
                                    saomos, newsmail, rambler_tass, veved, nakanune, gazeta_echo, hani_en, donga_en,
                                    arabnews, squid, moneytreck)}


def load_split(part: str) -> list[dict]:
    """``tune`` or ``heldout`` pages of the sixth set, in file order."""
    return split_set(SET, SEED, HELD, part)


def main(argv: list[str] | None = None) -> int:
    return write_set(SET, LAYOUTS)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
