"""The tenth metadata set: real Korean and Russian pages on Korea-Russia relations, in each outlet's layout.

The specs and their gold are in ``bench/gold/metadata/set10.yaml``; each names the stored page it
was written from (``source_url``). This module renders every spec into
``bench/data/metadata/set10/<name>.html`` and splits the set into tuning and held-back pages:

* **the split**: the names, sorted, shuffled by ``random.Random(SEED)``; the first ``HELD``
  are held back (``set10-heldout``), the rest are for tuning (``set10-tune``).
  ``SEED = 20261220`` was fixed before any page was rendered or scored.

The layouts imitate what each stored page shows around its article: 입력/수정 and 기사입력/최종수정 stamps, an anchor's
hand-over to the reporter, "취재 : … 기자 / e-mail" credits, lead bylines ("[서울=뉴스핌] 유신모 외교전문기자 ="),
place-and-reporter lines ("아스타나(카자흐스탄)=정해훈 기자"), Daum's info line and sign-off, a portal photo card with its
press and time; Russian time-first and dotted stamps ("09:05 03.12.2025", "27 ноября 2025 / 17:58", "18:50, 28 сентября
2025", "2025-08-12T03:18+0300"), agency datelines and "Источник" lines; and what must not be taken: photo credits, read-aloud
notes, tip-off boxes, app and channel promos, subscription buttons, summary points, topic bars, a site header with the day the
page was served, view counters, tag lines, related, most-read and sidebar boxes with other stories' reporters and times. The
text is original.

    python -m bench.metadata_pages10          # (re)write the pages of the set
"""

from __future__ import annotations

import sys

from bench.metadata_pages import (
    KO_NAV, RU_NAV, daum_layers, esc, figure, head, li_links, li_pairs, nav, og_site, page_end, paras,
    related, split_set, write_set,
)

SEED = 20261220
HELD = 6
SET = "set10"


# ---------------------------------------------------------------- Korean outlets

def kbs10(p: dict) -> str:
    """KBS News: 입력/수정 in one line, the read-aloud note, the anchor's hand-over, the 제보 box."""
    jebo = "".join(f"<p>{esc(x)}</p>" for x in p.get("jebo", []))
    return (head(p, "ko", og_site("KBS 뉴스")) + f'<body>\n<header id="header">{nav(KO_NAV, "gnb")}</header>\n'
            f'<main id="contents"><div class="view-headline"><h4 class="headline-title">{esc(p["headline"])}</h4>\n'
            f'<div class="dates"><em class="input-date">{esc(p["shown"])}</em></div></div>\n'
            f'<div class="view-tts"><p>{esc(p["reader_note"])}</p></div>\n'
            f'<div class="detail-body font-size" id="cont_newstext">{paras(p["paras"])}</div>\n'
            f'<div class="jebo-box">{jebo}</div>\n'
            f'<aside class="box-content related"><h3>관련 기사</h3><ul>{li_pairs(p.get("related", []), "reporter")}</ul></aside></main>\n'
            + page_end("Copyright © KBS. All rights reserved. 무단 전재, 재배포 및 이용(AI 학습 포함) 금지"))


def mbnamp10(p: dict) -> str:
    """MBN's AMP page: section, title, 입력 | 수정, the 취재/제작 credits and the app promo."""
    credits = "".join(f"<p>{esc(x)}</p>" for x in p.get("credits", []))
    return (head(p, "ko", og_site("MBN")) + '<body>\n<header class="amp-header"><a href="/">MBN</a> <a href="/menu">메뉴</a></header>\n'
            f'<main><article><p class="section">{esc(p["section"])}</p>\n<h1 class="title">{esc(p["headline"])}</h1>\n'
            f'<p class="date">{esc(p["shown"])}</p>\n<div class="amp-video"><amp-youtube data-videoid="x"></amp-youtube></div>\n'
            f'<div class="detail">{paras(p["paras"])}\n{credits}</div>\n'
            f'<div class="app"><a href="/app">{esc(p["app"])}</a></div></article>\n'
            f'<aside class="popular"><h3>많이 본 뉴스</h3><ol>{li_pairs(p.get("popular", []), "reporter")}</ol></aside></main>\n'
            + page_end("Copyright ⓒ MBN(www.mbn.co.kr) 무단전재 및 재배포 금지"))


def newspim10(p: dict) -> str:
    """Newspim: the breaking ticker, 기사입력/최종수정, font-size and translation tools, summary points, the lead byline."""
    first, *rest = p["paras"]
    points = "".join(f"<li>{esc(x)}</li>" for x in p.get("points", []))
    return (head(p, "ko", og_site("뉴스핌")) + f'<body>\n<header><a href="/">뉴스핌</a>{nav(["전체기사", "최신뉴스", "GAM"], "gnb")}</header>\n'
            f'<div class="breaking"><strong>속보</strong><ul>{li_links(p.get("breaking", []))}</ul><a href="/breaking">더보기</a></div>\n'
            f'<main><div class="view_top"><p class="crumbs">{esc(p["crumbs"])}</p>\n<h2 class="tit">{esc(p["headline"])}</h2>\n'
            f'<div class="date"><span>{esc(p["shown"])}</span><span>{esc(p["updated"])}</span></div>\n'
            '<div class="tools"><p>※ 본문 글자 크기 조정</p><ul><li>더 작게</li><li>작게</li><li>보통</li><li>크게</li><li>더 크게</li></ul>'
            '<p>※ 번역할 언어 선택</p></div></div>\n'
            f'<div class="contents" id="news-contents"><ul class="summary">{points}</ul>\n'
            f'<p>{esc(p["lead_byline"])} {esc(first)}</p>\n{figure(p["caption"])}\n{paras(rest)}</div></main>\n'
            + page_end("저작권자 © 뉴스핌 무단전재 및 재배포 금지"))


def ajutv10(p: dict) -> str:
    """Aju (ajutv.co.kr): 최종수정 before 기사입력, the place=reporter line, the 구독하기 button, the caption twice."""
    return (head(p, "ko", og_site("아주경제")) + f'<body>\n<header><a href="/">아주경제</a>{nav(KO_NAV, "gnb")}</header>\n'
            f'<main><article><h1 class="tit">{esc(p["headline"])}</h1>\n'
            f'<div class="info"><span class="upd">{esc(p["updated"])}</span><span class="reg">{esc(p["shown"])}</span>'
            f'<span class="writer">{esc(p["byline"])}</span> <a class="subs" href="/sub">{esc(p["subscribe"])}</a></div>\n'
            f'<div class="article_con"><p class="img_alt">{esc(p["caption"])}</p>\n{figure(p["caption"])}\n{paras(p["paras"])}</div>\n'
            f'<p class="copyright">{esc(p["copyright"])}</p></article>\n'
            f'<aside class="more"><h3>주요 뉴스</h3><ul>{li_pairs(p.get("more", []), "reporter")}</ul></aside></main>\n'
            + page_end("아주경제 | 서울특별시 중구 | Copyright ⓒ Aju News Corporation"))


def asiae10(p: dict) -> str:
    """Asia Economy's realtime view: title, subtitle, the image credit and "원본보기 아이콘", no byline or time in the text."""
    half = len(p["paras"]) // 2
    return (head(p, "ko", og_site("아시아경제")) + f'<body>\n<header><a href="/">아시아경제</a>{nav(KO_NAV, "gnb")}</header>\n'
            f'<main><div class="area_title"><h1>{esc(p["headline"])}</h1>\n<h2 class="sub">{esc(p["subtitle"])}</h2></div>\n'
            f'<div class="va_cont" id="txt_area">{paras(p["paras"][:half])}\n'
            f'{figure(p["caption"])}\n<p class="origin">{esc(p["original"])}</p>\n{paras(p["paras"][half:])}\n'
            f'<p class="txt_prohibition">{esc(p["copyright"])}</p></div>\n'
            f'<aside class="ranking"><h3>많이 본 뉴스</h3><ol>{li_links(p.get("popular", []))}</ol></aside></main>\n'
            + page_end("(주)아시아경제 | 서울특별시 중구 | Copyright ⓒ asiae.co.kr"))


def hankyungamp10(p: dict) -> str:
    """Hankyung's AMP photo page: the [포토] title, the photo with its agency credit, the caption text, the 핫이슈 box."""
    return (head(p, "ko", og_site("한국경제")) + '<body>\n<header class="amp-header"><a href="/">한국경제</a></header>\n'
            f'<main><article><h1 class="headline">{esc(p["headline"])}</h1>\n'
            f'<figure><amp-img src="/p.jpg" alt=""></amp-img></figure>\n<div class="article-body">{paras(p["paras"])}\n'
            f'<p class="credit">{esc(p["credit"])}</p></div></article>\n'
            f'<aside class="hot"><h3>핫이슈</h3><ul>{li_links(p.get("hot", []))}</ul></aside></main>\n'
            + page_end("ⓒ 한국경제신문 & hankyung.com, 무단전재 및 재배포 금지"))


def daum10(p: dict) -> str:
    """Daum's copy of a broadcaster's brief: the info line with the time, the reporter's bracket sign-off, the press's other stories."""
    meta = (og_site("Daum") + f'\n<meta property="og:article:author" content="{esc(p["outlet"])}">'
            f'\n<meta property="og:regDate" content="{esc(p["regdate"])}">')
    return (head(p, "ko", meta) + f'<body>\n<header class="head_view">{nav(["뉴스", "엔터", "스포츠"], "gnb_comm")}</header>\n'
            f'<div class="main-content"><div class="head_view"><h3 class="tit_view">{esc(p["headline"])}</h3>\n'
            f'<div class="info_view"><span class="txt_info">{esc(p["outlet"])}</span> <span class="txt_info"><span class="num_date">{esc(p["shown"])}</span></span></div></div>\n'
            + daum_layers() +
            f'<div class="news_view"><div class="article_view" data-translation-body="true"><section dmcf-sid="x">{paras(p["paras"])}\n'
            f'<p>{esc(p["signoff"])}</p>\n<p>{esc(p["own_copyright"])}</p></section></div>\n'
            f'<p class="txt_copyright">Copyright © {esc(p["outlet"])}. 무단전재, 재배포 및 AI학습 이용 금지.</p></div>\n'
            '<div class="emotion"><p>이 기사에 대해 어떻게 생각하시나요?</p></div>\n'
            f'<div class="link_cp"><p>{esc(p["outlet"])}에서 직접 확인하세요. 해당 언론사로 이동합니다.</p><ul>{li_pairs(p.get("recommend", []), "txt_cp")}</ul></div></div>\n'
            + page_end("Daum"))


def donga10(p: dict) -> str:
    """Dong-A: the paper's name and 입력 line, the captioned photo with its source, like/comment/share tools."""
    return (head(p, "ko", og_site("동아일보")) + f'<body>\n<header id="header">{nav(KO_NAV, "gnb")}</header>\n'
            f'<main><section class="head_group"><h1 class="title">{esc(p["headline"])}</h1>\n'
            f'<ul class="news_info"><li>동아일보</li><li><span aria-hidden="true">{esc(p["shown"])}</span></li></ul></section>\n'
            f'<section class="news_view">{figure(p["caption"])}\n{paras(p["paras"])}</section>\n'
            f'<div class="tools">{esc(p["tools"])}</div>\n'
            f'<aside class="most_viewed"><h3>많이 본 뉴스</h3><ol>{li_pairs(p.get("popular", []), "media")}</ol></aside></main>\n'
            + page_end("Copyright by dongA.com All rights reserved."))


def zumcard10(p: dict) -> str:
    """Zum's photo-news card: the picture, the headline, the teaser, the press and its time, the link to the full story."""
    cards = "".join(f'<li><a href="/photo/{i}">{esc(h)}</a> <span class="media">{esc(m)}</span></li>'
                    for i, (h, m) in enumerate(p.get("cards", []), 1))
    return (head(p, "ko", og_site("ZUM 뉴스")) + f'<body>\n<header>{nav(["홈", "뉴스", "연예", "스포츠", "경제"], "gnb")}</header>\n'
            '<main><div class="photo_view"><img src="/p.jpg" alt="">\n'
            f'<div class="txt_area"><h2 class="tit">{esc(p["headline"])}</h2>\n<div class="desc">{paras(p["paras"])}</div>\n'
            f'<ul class="info"><li class="media">{esc(p["media"])}</li><li class="time">{esc(p["shown"])}</li></ul>\n'
            f'<a class="more" href="/articles/x">{esc(p["more"])}</a></div></div>\n'
            f'<aside class="photo_list"><h3>포토 뉴스</h3><ul>{cards}</ul></aside></main>\n'
            + page_end("© ZUM internet Corp."))


# ---------------------------------------------------------------- Russian outlets

def _timed(items) -> str:
    return "".join(f'<li><a href="/n/{i}">{esc(h)}</a> <time>{esc(t)}</time></li>' for i, (h, t) in enumerate(items, 1))


def ng10(p: dict) -> str:
    """Nezavisimaya Gazeta's news page: time before the dotted day, the "Источник" line, the news feed with times."""
    return (head(p, "ru", og_site("Независимая газета")) + f'<body>\n<header><a href="/">Независимая газета</a>{nav(RU_NAV, "menu")}</header>\n'
            f'<main><article class="news"><h1>{esc(p["headline"])}</h1>\n'
            f'<div class="info"><span class="date">{esc(p["shown"])}</span> <span class="source">{esc(p["source"])}</span></div>\n'
            f'<div class="typography">{paras(p["paras"])}</div></article>\n'
            f'<aside class="lenta"><h3>Новости</h3><ul>{_timed(p.get("more", []))}</ul></aside></main>\n'
            + page_end("© «Независимая газета». Перепечатка материалов без разрешения запрещена."))


def inforos10(p: dict) -> str:
    """Inforos: the topic bar, the rubric, "27 ноября 2025 / 17:58", the photo credit, a sidebar of other stories' times."""
    return (head(p, "ru", og_site("Инфорос")) + f'<body>\n<header><a href="/">Инфорос</a>{nav(RU_NAV, "menu")}</header>\n'
            f'<div class="topics">{esc(p["topics"])}</div>\n'
            f'<aside class="side"><ul>{_timed(p.get("sidebar", []))}</ul></aside>\n'
            f'<main><article><p class="rubric">{esc(p["rubric"])}</p>\n<h1>{esc(p["headline"])}</h1>\n'
            f'<div class="date">{esc(p["shown"])}</div>\n{figure(p["photo"], "copy")}\n'
            f'<div class="text">{paras(p["paras"])}</div></article></main>\n'
            + page_end("© Инфорос. Все права защищены."))


def vladnews10(p: dict) -> str:
    """VladNews' AMP page: title, subtitle, "18:50, 28 сентября 2025 Общество", the Telegram promo, the city's other news."""
    return (head(p, "ru", og_site("VladNews")) + '<body>\n<header class="amp-header"><a href="/">VladNews</a></header>\n'
            f'<main><article><h1>{esc(p["headline"])}</h1>\n<h2 class="lead">{esc(p["subtitle"])}</h2>\n'
            f'<div class="meta"><time>{esc(p["shown"])}</time> <a class="rubric" href="/society">{esc(p["rubric"])}</a></div>\n'
            f'<div class="post-content">{paras(p["paras"])}</div>\n<div class="tg"><a href="https://t.me/vladnews">{esc(p["tg"])}</a></div></article>\n'
            f'<aside><h3>Новости Владивостока</h3><ul>{li_links(p.get("more", []))}</ul></aside></main>\n'
            + page_end("© Газета «Владивосток»"))


def prime10(p: dict) -> str:
    """Prime: the ISO stamp with its offset as shown, the tag line, the agency dateline, the feed with times."""
    first, *rest = p["paras"]
    return (head(p, "ru", og_site("ПРАЙМ")) + f'<body>\n<header><a href="/">ПРАЙМ</a>{nav(["Экономика", "Финансы", "Энергетика", "Бизнес"], "menu")}</header>\n'
            f'<main><article><h1 class="article__title">{esc(p["headline"])}</h1>\n'
            f'<div class="article__info-date">{esc(p["shown"])}</div>\n<div class="article__tags">{esc(p["tags"])}</div>\n'
            f'<div class="article__body"><p><strong>{esc(p["dateline"])}</strong> {esc(first)}</p>\n{paras(rest)}</div></article>\n'
            f'<aside class="lenta"><h3>Лента новостей</h3><ul>{_timed(p.get("more", []))}</ul></aside></main>\n'
            + page_end("© 2025 МИА «Россия сегодня»"))


def ura10(p: dict) -> str:
    """Ura.ru: the day, the two summary points, the photo line with an empty credit, the Telegram prompt."""
    points = "".join(f"<li>{esc(x)}</li>" for x in p.get("points", []))
    return (head(p, "ru", og_site("URA.RU")) + f'<body>\n<header><a href="/">URA.RU</a>{nav(RU_NAV, "menu")}</header>\n'
            f'<main><article><div class="publication-date">{esc(p["shown_day"])}</div>\n<h1>{esc(p["headline"])}</h1>\n'
            f'<ul class="points">{points}</ul>\n<figure><img src="/p.jpg" alt=""><figcaption>{esc(p["points"][-1])} {esc(p["photo"])}</figcaption></figure>\n'
            f'<div class="item-text">{paras(p["paras"])}</div>\n<div class="subscribe"><a href="https://t.me/uranews">{esc(p["subscribe"])}</a></div></article>\n'
            f'{related("Новости", p.get("more", []), "more")}</main>\n'
            + page_end("© 2005–2025 URA.RU"))


def tv360(p: dict) -> str:
    """360.ru: the rubric and day, the text, the MAX promo, the most-read box."""
    return (head(p, "ru", og_site("360°")) + f'<body>\n<header><a href="/">360°</a>{nav(["Новости", "Подмосковье", "Путешествия", "Видео"], "menu")}</header>\n'
            f'<main><article><p class="rubric">{esc(p["rubric"])}</p>\n<h1>{esc(p["headline"])}</h1>\n<time>{esc(p["shown_day"])}</time>\n'
            f'<div class="article-text">{paras(p["paras"])}</div>\n<div class="promo"><a href="https://max.ru/tv360">{esc(p["promo"])}</a></div></article>\n'
            f'<aside><h3>Самое читаемое</h3><ul>{li_links(p.get("more", []))}</ul></aside></main>\n'
            + page_end("© 2026 Телеканал 360°"))


def toz10(p: dict) -> str:
    """Tikhookeanskaya Zvezda: the site header with the day it was served, the ad phone, the age mark, the article's own day and views."""
    return (head(p, "ru", og_site("Тихоокеанская звезда")) + '<body>\n'
            f'<div class="topline"><span class="today">{esc(p["today"])}</span> <span class="city">{esc(p["city"])}</span> '
            f'<span class="ad">{esc(p["ad"])}</span> <span class="age">{esc(p["age"])}</span></div>\n'
            f'<header><a href="/">Тихоокеанская звезда</a>{nav(["Новости", "Газета", "Будь в курсе", "Спецпроекты"], "menu")}</header>\n'
            f'<main><article><p class="rubric">{esc(p["rubric"])}</p>\n<h1>{esc(p["headline"])}</h1>\n'
            f'<div class="meta"><span class="date">{esc(p["shown_day"])}</span> <span class="views">{esc(p["views"])}</span></div>\n'
            f'<div class="text">{figure("")}{paras(p["paras"])}</div>\n<div class="comments">{esc(p["comments"])}</div></article></main>\n'
            + page_end("© АО «Издательский дом «Тихоокеанская звезда»"))


def tass10(p: dict) -> str:
    """TASS: title and lead, the day, the agency dateline, the Telegram promo, the feed."""
    first, *rest = p["paras"]
    return (head(p, "ru", og_site("ТАСС")) + f'<body>\n<header><a href="/">ТАСС</a>{nav(RU_NAV, "menu")}</header>\n'
            f'<main><article><h1 class="tass_pkg_title">{esc(p["headline"])}</h1>\n<h3 class="lead">{esc(p["lead"])}</h3>\n'
            f'<div class="date">{esc(p["shown_day"])}</div>\n'
            f'<div class="text-content"><p>{esc(p["dateline"])} {esc(first)}</p>\n{paras(rest)}</div>\n'
            '<div class="tg"><a href="https://t.me/tass_agency">ТАСС в Telegram</a></div></article>\n'
            f'<aside><h3>Лента</h3><ul>{li_links(p.get("more", []))}</ul></aside></main>\n'
            + page_end("© ТАСС"))


def ria10(p: dict) -> str:
    """RIA Novosti: time before the dotted day, the tag line, the lead, the archive photo with its credit, the dateline."""
    first, *rest = p["paras"]
    return (head(p, "ru", og_site("РИА Новости")) + f'<body>\n<header>{nav(RU_NAV, "menu")}</header>\n'
            f'<main><div class="article"><div class="article__info-date">{esc(p["shown"])}</div>\n'
            f'<h1 class="article__title">{esc(p["headline"])}</h1>\n<div class="article__tags">{esc(p["tags"])}</div>\n'
            f'<h2 class="article__second-title">{esc(p["lead"])}</h2>\n'
            f'<figure><img src="/p.jpg" alt=""><figcaption>{esc(p["credit"])} | Перейти в медиабанк {esc(p["caption"])}</figcaption></figure>\n'
            f'<div class="article__body"><p><strong>{esc(p["dateline"])}</strong> {esc(first)}</p>\n{paras(rest)}</div>\n'
            '<div class="tg"><a href="https://t.me/rian_ru">РИА Новости в Telegram</a></div></div>\n'
            f'<aside class="lenta"><h3>Лента новостей</h3><ul>{_timed(p.get("more", []))}</ul></aside></main>\n'
            + page_end("© 2026 МИА «Россия сегодня»"))


LAYOUTS = {f.__name__: f for f in (kbs10, mbnamp10, newspim10, ajutv10, asiae10, hankyungamp10, daum10, donga10, zumcard10,
                                    ng10, inforos10, vladnews10, prime10, ura10, tv360, toz10, tass10, ria10)}


def load_split(part: str) -> list[dict]:
    """``tune`` or ``heldout`` pages of the tenth set, in file order."""
    return split_set(SET, SEED, HELD, part)


def main(argv: list[str] | None = None) -> int:
    return write_set(SET, LAYOUTS)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
