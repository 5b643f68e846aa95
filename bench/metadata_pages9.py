"""The ninth metadata set: real Korean, Russian and English pages on Korea-Russia relations, in each outlet's layout.

The specs and their gold are in ``bench/gold/metadata/set9.yaml``; each names the stored page it
was written from (``source_url``). This module renders every spec into
``bench/data/metadata/set9/<name>.html`` and splits the set into tuning and held-back pages:

* **the split**: the names, sorted, shuffled by ``random.Random(SEED)``; the first ``HELD``
  are held back (``set9-heldout``), the rest are for tuning (``set9-tune``).
  ``SEED = 20261219`` was fixed before any page was rendered or scored.

The layouts imitate what each stored page shows around its article: lead bylines ("[서울=뉴시스] 박준호 기자 =",
"【STV 김형석 기자】"), AMP by-lines with the second ("by남궁민관 기자 2025.06.17 20:36:11"), e-mail sign-offs,
an editor's name with her desk, an author note, portal info lines (Daum, Zum, Zum TV), 기사등록/최종수정 and
입력/수정 stamps; and what must not be taken: photo and video credits, photographers, agency datelines and
"Источник" lines, editorial-team signatures, tip-off boxes, subscription prompts, tour adverts, related and
most-read boxes with other stories' authors and times. The text is original.

    python -m bench.metadata_pages9          # (re)write the pages of the set
"""

from __future__ import annotations

import sys

from bench.metadata_pages import (
    KO_NAV, RU_NAV, daum_layers, esc, figure, head, li_links, li_pairs, nav, og_site, page_end, paras,
    published_meta, related, split_set, write_set,
)

SEED = 20261219
HELD = 6
SET = "set9"


# ---------------------------------------------------------------- Korean outlets

def fnnews9(p: dict) -> str:
    return (head(p, "ko", og_site("파이낸셜뉴스")) + f'<body>\n<header>{nav(KO_NAV, "gnb")}</header>\n'
            f'<main><div class="view_hd"><p class="section">{esc(p["section"])}</p>\n'
            f'<h1 class="tit_view">{esc(p["headline"])}</h1>\n<div class="byline"><span class="name">{esc(p["byline"])}</span>'
            '<span class="media">파이낸셜뉴스</span></div>\n'
            f'<div class="row_date"><span>{esc(p["shown"])}</span><span>{esc(p["updated"])}</span></div></div>\n'
            f'<div class="cont_view" id="article_content">{figure(p["caption"])}\n{paras(p["paras"])}\n<p>{esc(p["signoff"])}</p></div>\n'
            '<div class="survey"><strong>fnSurvey</strong> <p>이번 주 가장 궁금한 뉴스는?</p></div>\n'
            f'<aside class="rank"><h3>많이 본 뉴스</h3><ol>{li_pairs(p.get("popular", []), "reporter")}</ol></aside></main>\n'
            + page_end("Copyright ⓒ 파이낸셜뉴스. 무단전재 및 재배포 금지."))


def edaily9(p: dict) -> str:
    """Edaily's AMP page: "by<name> 기자" with the second, the summary points, the lead byline in brackets."""
    first, *rest = p["paras"]
    points = "".join(f"<li>{esc(x)}</li>" for x in p.get("points", []))
    return (head(p, "ko", og_site("이데일리")) + '<body>\n<header class="amp-header"><a href="/">이데일리</a> <a href="/menu">메뉴</a></header>\n'
            f'<main><article><h1 class="news_titles">{esc(p["headline"])}</h1>\n'
            f'<div class="news_date"><span class="reporter">by{esc(p["byline"])}</span> <span class="date">{esc(p["shown"])}</span></div>\n'
            f'<ul class="summary">{points}</ul>\n<div class="news_body">'
            f'<p>{esc(p["lead_byline"])} {esc(first)}</p>\n{figure(p["caption"])}\n{paras(rest)}</div>\n'
            '<div class="subscribe"><a href="/sub">이데일리 채널 구독하기</a></div>\n'
            f'<aside class="related"><h3>이 시각 주요뉴스</h3><ul>{li_pairs(p.get("related", []), "reporter")}</ul></aside></article></main>\n'
            + page_end("ⓒ 이데일리. 무단전재 및 재배포 금지"))


def stv9(p: dict) -> str:
    first, *rest = p["paras"]
    return (head(p, "ko", og_site("STV NEWS")) + f'<body>\n<header><a href="/">STV NEWS</a>{nav(["정치", "경제", "사회", "국제", "연예"], "menu")}</header>\n'
            f'<main><article><h1 class="art_title">{esc(p["headline"])}</h1>\n<div class="art_date">{esc(p["shown"])}</div>\n'
            f'<h2 class="art_sub">{esc(p["subtitle"])}</h2>\n<div class="art_body">'
            f'<p>{esc(p["lead_byline"])}{esc(first)}</p>\n{paras(rest)}\n<p class="copy">{esc(p["copyright"])}</p></div>\n'
            '<div class="jebo"><a href="/jebo">기사제보</a></div></article>\n'
            f'<aside class="best"><h3>많이 본 뉴스</h3><ol>{li_links(p.get("popular", []))}</ol></aside></main>\n'
            + page_end("Copyright © STV NEWS. All rights reserved."))


def newsis9(p: dict) -> str:
    first, *rest = p["paras"]
    return (head(p, "ko", og_site("뉴시스") + "\n" + published_meta(p.get("meta_time", ""))) +
            '<body>\n<header><ul class="sns"><li>페이스북</li><li>트위터</li><li>유튜브</li></ul>'
            f'{nav(KO_NAV, "gnb")}</header>\n<main><div class="viewer"><h1 class="tit">{esc(p["headline"])}</h1>\n'
            f'<div class="infoLine"><span>{esc(p["shown"])}</span><span>{esc(p["updated"])}</span></div>\n'
            '<ul class="tool"><li>이메일 보내기</li><li>프린터</li><li>PDF</li></ul>\n'
            f'<div class="viewer_cont"><div class="thumCont">{figure(p["caption"], "summary_view")}</div>\n'
            f'<p>{esc(p["lead_byline"])} {esc(first)}</p>\n{paras(rest)}\n<p>{esc(p["promo"])}</p></div></div>\n'
            f'<aside class="most"><h3>많이 본 기사</h3><ol>{li_pairs(p.get("popular", []))}</ol></aside></main>\n'
            + page_end("Copyright © NEWSIS.COM, All rights reserved."))


def zum9(p: dict) -> str:
    """Zum's mobile article page: media and day under the title, the caption with its credit, the sign-off."""
    return (head(p, "ko", og_site("ZUM 뉴스")) + '<body>\n<a class="skip" href="#content">컨텐츠 바로가기</a>\n'
            f'<header>{nav(["홈", "뉴스", "연예", "스포츠", "경제"], "gnb")}</header>\n<main id="content"><div class="article_head">'
            f'<h2 class="title">{esc(p["headline"])}</h2>\n<div class="article_info"><span class="media">{esc(p["media"])}</span>'
            f'<span class="time">{esc(p["shown"])}</span></div>\n'
            '<div class="util"><span class="comment">댓글 첫 댓글을 작성해보세요</span><span class="copy_url">주소복사가 완료되었습니다</span></div></div>\n'
            f'<div class="article_body" id="article_body">{figure(p["caption"])}\n{paras(p["paras"])}\n'
            f'<p>{esc(p["signoff"])}</p>\n<p class="copyright">{esc(p["copyright"])}</p></div>\n'
            f'<aside class="ranking"><h3>많이 본 뉴스</h3><ol>{li_pairs(p.get("ranking", []), "media")}</ol></aside></main>\n'
            + page_end("© ZUM internet Corp."))


def zumtv9(p: dict) -> str:
    """Zum TV's play page: title, broadcast day and views, the "정보 더보기" toggle, the transcript."""
    return (head(p, "ko", og_site("ZUM TV")) + f'<body>\n<header>{nav(["홈", "뉴스", "연예", "스포츠"], "gnb")}</header>\n'
            '<main><div class="player"><video src="/v.mp4"></video></div>\n'
            f'<div class="clip_info"><span class="media">{esc(p["media"])}</span><h2 class="tit">{esc(p["headline"])}</h2>\n'
            f'<p class="meta"><span class="date">{esc(p["shown"])}</span> <span class="view">{esc(p["views"])}</span></p>\n'
            f'<button class="more">정보 더보기</button>\n<div class="desc">{paras(p["paras"])}</div></div>\n'
            f'<aside class="series"><h3>다른 영상 보기</h3><ul>{li_pairs(p.get("more", []), "media")}</ul></aside></main>\n'
            + page_end("© ZUM internet Corp."))


def daum9(p: dict) -> str:
    """Daum's copy of a broadcaster's report: the info line with the 입력 time and no reporter, the tip-off box."""
    meta = (og_site("Daum") + f'\n<meta property="og:article:author" content="{esc(p["outlet"])}">'
            f'\n<meta property="og:regDate" content="{esc(p["regdate"])}">')
    jebo = "".join(f"<p>{esc(x)}</p>" for x in p.get("jebo", []))
    return (head(p, "ko", meta) + f'<body>\n<header class="head_view">{nav(["뉴스", "엔터", "스포츠"], "gnb_comm")}</header>\n'
            f'<div class="main-content"><div class="head_view"><h3 class="tit_view">{esc(p["headline"])}</h3>\n'
            f'<div class="info_view"><span class="txt_info">입력 <span class="num_date">{esc(p["shown"])}</span></span></div></div>\n'
            + daum_layers() +
            f'<div class="news_view"><div class="article_view" data-translation-body="true"><section dmcf-sid="x">{paras(p["paras"])}</section></div>\n'
            f'<div class="jebo">{jebo}</div>\n'
            f'<p class="txt_copyright">Copyright © {esc(p["outlet"])}. All rights reserved. 무단 전재, 재배포 및 AI학습 이용 금지.</p></div>\n'
            f'<div class="link_cp"><p>{esc(p["outlet"])}에서 직접 확인하세요.</p><ul>{li_pairs(p.get("recommend", []), "txt_cp")}</ul></div></div>\n'
            + page_end("Daum"))


def daum_en9(p: dict) -> str:
    """Daum's copy of an English column: the summary layer, the font-size sample, the author note after the text."""
    meta = (og_site("Daum") + f'\n<meta property="og:article:author" content="{esc(p["outlet"])}">'
            f'\n<meta property="og:regDate" content="{esc(p["regdate"])}">')
    summary = "".join(f"<li>{esc(x)}</li>" for x in p.get("summary", []))
    return (head(p, "en", meta) + f'<body>\n<header class="head_view">{nav(["뉴스", "엔터", "스포츠"], "gnb_comm")}</header>\n'
            f'<div class="main-content"><div class="head_view"><h3 class="tit_view">{esc(p["headline"])}</h3>\n'
            f'<div class="info_view"><span class="txt_info"><span class="num_date">{esc(p["shown"])}</span></span></div></div>\n'
            + daum_layers().replace("</div>\n", f"<ul>{summary}</ul></div>\n", 1) +
            f'<div class="news_view"><div class="article_view" data-translation-body="true"><section dmcf-sid="x">{paras(p["paras"])}</section></div>\n'
            f'<div class="author_note"><p>{esc(p["author_note"])}</p></div>\n'
            f'<p class="txt_copyright">Copyright © {esc(p["outlet"])}. 무단전재 및 재배포 금지.</p></div>\n'
            f'<div class="link_cp"><ul>{li_pairs(p.get("recommend", []), "txt_cp")}</ul></div></div>\n'
            + page_end("Daum"))


def joongangdaily9(p: dict) -> str:
    date = f'<p class="date">{esc(p["shown"])}</p>' if p.get("shown") else ""
    return (head(p, "en", og_site("Korea JoongAng Daily")) + f'<body>\n<header>{nav(["National", "Business", "Entertainment", "Sports", "Opinion"], "gnb")}</header>\n'
            f'<main><div class="view-article"><p class="crumbs">{esc(p["crumbs"])}</p>\n<div class="tools">print dictionary print</div>\n'
            f'<h1 class="view-article-title">{esc(p["headline"])}</h1>\n{date}\n'
            f'<div id="article_body" class="view-article-body">{figure(p.get("caption", ""))}\n{paras(p["paras"])}</div>\n'
            '<div class="comments"><p>To write comments, please log in to one of the accounts.</p><p>Standards Board Policy (0/250자)</p></div></div>\n'
            f'<aside class="related"><h3>Related Articles</h3><ul>{li_pairs(p.get("related", []), "byline")}</ul></aside></main>\n'
            + page_end("Copyright © Korea JoongAng Daily. All rights reserved."))


# ---------------------------------------------------------------- Russian outlets

def lenta9(p: dict) -> str:
    return (head(p, "ru", og_site("Лента.Ру")) + f'<body>\n<header class="header">{nav(RU_NAV, "menu")}</header>\n'
            '<main class="topic-page">\n<div class="topic-page__header">'
            f'<a class="topic-header__rubric" href="/rubrics/russia/">{esc(p["rubric"])}</a>'
            f'<time class="topic-header__time">{esc(p["shown_day"])}</time></div>\n'
            f'<h1 class="topic-body__titles"><span class="topic-body__title">{esc(p["headline"])}</span>'
            f'<span class="topic-body__title-yandex">{esc(p["lead"])}</span></h1>\n'
            '<div class="topic-authors"><a class="topic-authors__author" href="/tags/authors/leonov/">'
            f'<span class="topic-authors__name">{esc(p["author"])}</span><span class="topic-authors__position">({esc(p["author_role"])})</span></a></div>\n'
            f'<figure><img src="/p.jpg" alt=""><div class="picture__caption"><span class="picture__author">{esc(p["photo"])}</span></div></figure>\n'
            f'<div class="topic-body__content">{paras(p["paras"], "topic-body__content-text")}</div>\n'
            f'{related("Последние новости", p.get("related", []), "last24")}</main>\n'
            + page_end("© 1999–2025 ООО «Лента.Ру»"))


def fivetv9(p: dict) -> str:
    return (head(p, "ru", og_site("Пятый канал")) + f'<body>\n<header><a href="/">5-tv.ru</a>{nav(["Новости", "Программы", "Эфир"], "menu")}</header>\n'
            f'<main><article><h1>{esc(p["headline"])}</h1>\n<div class="date">{esc(p["shown_day"])}</div>\n'
            f'<p class="lead">{esc(p["lead"])}</p>\n<div class="media"><video src="/v.mp4"></video><p class="credit">{esc(p["credit"])}</p></div>\n'
            f'<div class="text">{paras(p["paras"])}</div>\n<div class="tg"><a href="https://t.me/tv5">Пятый канал в Telegram</a></div></article>\n'
            f'<aside><h3>Главное</h3><ul>{li_links(p.get("more", []))}</ul></aside></main>\n' + page_end("© АО «ТРК «Петербург»"))


def kontur9(p: dict) -> str:
    first, *rest = p["paras"]
    return (head(p, "ru", og_site("Контур")) + f'<body>\n<header>{nav(["Главная", "Безопасность", "Экономика", "Общество"], "menu")}</header>\n'
            f'<main><article><p class="rubric">{esc(p["rubric"])}</p>\n<h1>{esc(p["headline"])}</h1>\n'
            f'<p class="summary">{esc(p["lead"])}</p>\n<div class="byline">{esc(p["author"])} | <time>{esc(p["shown_day"])}</time></div>\n'
            f'{figure(p["caption"])}\n<div class="article-body"><p>{esc(p["dateline"])} {esc(first)}</p>\n{paras(rest)}</div>\n'
            '<div class="newsletter">Подписаться на рассылку</div></article>\n'
            f'{related("Похожие материалы", p.get("more", []), "more")}</main>\n' + page_end("© Контур"))


def mailru9(p: dict) -> str:
    first, *rest = p["paras"]
    promo = "".join(f'<a href="https://t.me/mail">{esc(x)}</a>' for x in p.get("promo", []))
    return (head(p, "ru", og_site("Новости Mail")) + f'<body>\n<header><a href="/">Новости Mail</a>{nav(["Политика", "Экономика", "Общество", "Спорт"], "menu")}</header>\n'
            f'<main><article><div class="note"><time>{esc(p["shown_day"])}</time></div>\n<h1>{esc(p["headline"])}</h1>\n'
            f'<div class="article-text"><p>{esc(p["dateline"])} {esc(first)}</p>\n<p class="source">{esc(p["source"])}</p>\n{paras(rest)}</div>\n'
            f'<div class="promo">{promo}</div></article>\n'
            f'<aside><h3>Главное</h3><ul>{li_links(p.get("more", []))}</ul></aside></main>\n' + page_end("© 2026 VK"))


def silarf9(p: dict) -> str:
    more = "".join(f'<li><a href="/n/{i}">{esc(h)}</a> <time>{esc(t)}</time></li>' for i, (h, t) in enumerate(p.get("more", []), 1))
    return (head(p, "ru", og_site("Силовой Блок")) + f'<body>\n<header><a href="/">Силовой Блок</a>{nav(["Россия", "Мир", "Армия", "Флот"], "menu")}</header>\n'
            f'<main><article><p class="rubric">{esc(p["rubric"])}</p>\n<h1>{esc(p["headline"])}</h1>\n<div class="date">{esc(p["shown"])}</div>\n'
            f'{figure(p["photo"])}\n<div class="stamp">{esc(p["stamp"])}</div>\n<div class="entry-content">{paras(p["paras"])}</div></article>\n'
            f'<aside><h3>Последние новости</h3><ul>{more}</ul></aside></main>\n' + page_end("© Силовой Блок"))


def tonkosti9(p: dict) -> str:
    tours = "".join(f'<li><a href="/tours/{i}">{esc(x)}</a></li>' for i, x in enumerate(p.get("tours", []), 1))
    return (head(p, "ru", og_site("Тонкости туризма")) + f'<body>\n<header><a href="/">Тонкости туризма</a>{nav(["Страны", "Курорты", "Новости", "Туры"], "menu")}</header>\n'
            f'<main><article class="news"><h1>{esc(p["headline"])}</h1>\n<div class="news-meta">{esc(p["signature"])}</div>\n'
            f'<div class="news-text">{paras(p["paras"])}</div></article>\n'
            f'<aside class="tours"><h3>Туры в Корею</h3><ul>{tours}</ul><a class="btn" href="/tours">Подобрать тур</a></aside></main>\n'
            + page_end("© Тонкости туризма"))


def primorye9(p: dict) -> str:
    return (head(p, "ru", og_site("Приморье24")) + f'<body>\n<header><a href="/">Приморье24</a>{nav(["Новости", "Владивосток", "Общество", "Фото"], "menu")}</header>\n'
            f'<main><article><p class="img-name">{esc(p["image"])}</p>\n<h1>{esc(p["headline"])}</h1>\n'
            f'<h2 class="subtitle">{esc(p["subtitle"])}</h2>\n<div class="date">{esc(p["shown_day"])}</div>\n'
            f'<div class="post-text">{paras(p["paras"])}</div>\n<div class="tg"><a href="https://t.me/primorye24">Приморье24 в Telegram</a></div></article>\n'
            f'<aside><h3>Новости</h3><ul>{li_links(p.get("more", []))}</ul></aside></main>\n' + page_end("© Приморье24"))


def ria9(p: dict) -> str:
    first, *rest = p["paras"]
    more = "".join(f'<li><a href="/n/{i}">{esc(h)}</a> <span class="time">{esc(t)}</span></li>' for i, (h, t) in enumerate(p.get("more", []), 1))
    return (head(p, "ru", og_site("РИА Новости")) + f'<body>\n<header>{nav(RU_NAV, "menu")}</header>\n'
            f'<main><div class="article"><div class="article__info-date">{esc(p["shown_day"])}</div>\n'
            f'<h1 class="article__title">{esc(p["headline"])}</h1>\n<div class="article__tags">{esc(p["tags"])}</div>\n'
            f'<div class="article__body"><p><strong>{esc(p["dateline"])}</strong> {esc(first)}</p>\n{paras(rest)}</div>\n'
            '<div class="tg"><a href="https://t.me/rian_ru">РИА Новости в Telegram</a></div></div>\n'
            f'<aside class="lenta"><h3>Лента новостей</h3><ul>{more}</ul></aside></main>\n'
            + page_end("© 2025 МИА «Россия сегодня»"))


LAYOUTS = {f.__name__: f for f in (fnnews9, edaily9, stv9, newsis9, zum9, zumtv9, daum9, daum_en9, joongangdaily9,
                                    lenta9, fivetv9, kontur9, mailru9, silarf9, tonkosti9, primorye9, ria9)}


def load_split(part: str) -> list[dict]:
    """``tune`` or ``heldout`` pages of the ninth set, in file order."""
    return split_set(SET, SEED, HELD, part)


def main(argv: list[str] | None = None) -> int:
    return write_set(SET, LAYOUTS)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
