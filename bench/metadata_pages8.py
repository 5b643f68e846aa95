"""The eighth metadata set: real Russian-language pages on Russia-North Korea relations, in each outlet's layout.

The specs and their gold are in ``bench/gold/metadata/set8.yaml``; each names the stored page it
was written from (``source_url``). This module renders every spec into
``bench/data/metadata/set8/<name>.html`` and splits the set into tuning and held-back pages:

* **the split**: the names, sorted, shuffled by ``random.Random(SEED)``; the first ``HELD``
  are held back (``set8-heldout``), the rest are for tuning (``set8-tune``).
  ``SEED = 20261218`` was fixed before any page was rendered or scored.

The layouts imitate what each stored page shows around its article (a special correspondent's
lead, an editor's byline with her role, photo credits, agency mentions, Telegram blocks, reader
clocks, currency and traffic widgets, rating and comment buttons, most-read lists with other
stories' authors); the text is original.

    python -m bench.metadata_pages8          # (re)write the pages of the set
"""

from __future__ import annotations

import sys

from bench.metadata_pages import (
    RU_NAV, esc, head, li_links, nav, og_site, page_end, paras, related, split_set, write_set,
)

SEED = 20261218
HELD = 5
SET = "set8"


def kommersant8(p: dict) -> str:
    return (head(p, "ru", og_site("Коммерсантъ")) + f'<body>\n<header class="main_header">{nav(RU_NAV, "main_nav")}</header>\n'
            '<main><article class="doc">\n<header class="doc_header">'
            f'<div class="doc_header__time">{esc(p["shown_day"])}</div>\n'
            f'<h1 class="doc_header__name">{esc(p["headline"])}</h1>\n<h2 class="doc_header__subheader">{esc(p["subtitle"])}</h2></header>\n'
            f'<p class="doc__text doc__intro">{esc(p["lead"])}</p>\n'
            f'<figure><img src="/p.jpg" alt=""><figcaption class="doc_media__copyright">{esc(p["photo"])}</figcaption></figure>\n'
            f'<div class="doc__body">{paras(p["paras"], "doc__text")}\n<p class="doc__text document_authors">{esc(p["author"])}</p></div>\n'
            f'{related("Читайте также", p.get("related", []), "doc_footer__section")}</article></main>\n'
            + page_end("© АО «Коммерсантъ». Все права защищены."))


def lenta8(p: dict) -> str:
    return (head(p, "ru", og_site("Лента.Ру")) + f'<body>\n<header class="header">{nav(RU_NAV, "menu")}</header>\n'
            '<main class="topic-page">\n<div class="topic-page__header">'
            f'<a class="topic-header__rubric" href="/rubrics/world/">{esc(p["rubric"])}</a>'
            f'<time class="topic-header__time">{esc(p["shown_day"])}</time></div>\n'
            f'<h1 class="topic-body__titles"><span class="topic-body__title">{esc(p["headline"])}</span>'
            f'<span class="topic-body__title-yandex">{esc(p["lead"])}</span></h1>\n'
            f'<div class="topic-authors"><a class="topic-authors__author" href="/tags/authors/kondratieva/">'
            f'<span class="topic-authors__name">{esc(p["author"])}</span><span class="topic-authors__position">{esc(p["author_role"])}</span></a></div>\n'
            f'<figure><img src="/p.jpg" alt=""><div class="picture__caption"><span class="picture__author">{esc(p["photo"])}</span></div></figure>\n'
            f'<div class="topic-body__content">{paras(p["paras"], "topic-body__content-text")}</div>\n'
            f'{related("Последние новости", p.get("related", []), "last24")}</main>\n'
            + page_end("© 1999–2025 ООО «Лента.Ру»"))


def life8(p: dict) -> str:
    meta = og_site("Life.ru") + f'\n<meta property="article:published_time" content="{p["meta_time"]}">'
    return (head(p, "ru", meta) + '<body>\n<header><a href="/">Life.ru</a>'
            '<p class="support">Функционирует при финансовой поддержке Министерства цифрового развития, связи и массовых коммуникаций Российской Федерации</p></header>\n'
            f'<main><article><div class="post-meta"><a class="rubric" href="/s/region">{esc(p["rubric"])}</a>'
            f'<time>{esc(p["shown"])}</time></div>\n<h1>{esc(p["headline"])}</h1>\n'
            f'<div class="post-body">{paras(p["paras"])}</div></article>\n'
            f'{related("Популярное", p.get("popular", []), "popular")}</main>\n' + page_end("© 2025 Life.ru"))


def monocle8(p: dict) -> str:
    tags = "".join(f'<a href="/tag/{i}">{esc(t)}</a> ' for i, t in enumerate(p.get("tags", [])))
    return (head(p, "ru", og_site("Монокль")) + f'<body>\n<header>{nav(RU_NAV, "menu")}</header>\n<main><article>\n'
            f'<h1 class="entry-title">{esc(p["headline"])}</h1>\n<div class="entry-date">{esc(p["shown"])}</div>\n'
            f'<figure><img src="/p.jpg" alt=""><figcaption class="credit">{esc(p["credit"])}</figcaption></figure>\n'
            f'<div class="entry-content">{paras(p["paras"])}</div>\n<div class="tags">{tags}</div>\n'
            '<div class="subscribe">Подписаться на рассылку</div></article></main>\n' + page_end("© Монокль"))


def mir24(p: dict) -> str:
    return (head(p, "ru", og_site("МИР 24")) + f'<body>\n<header>{nav(RU_NAV, "menu")}</header>\n<main><article>\n'
            f'<div class="article-date">{esc(p["shown"])}</div>\n<h1>{esc(p["headline"])}</h1>\n'
            f'<figure><img src="/p.jpg" alt=""><figcaption>{esc(p["photo"])}</figcaption></figure>\n'
            f'<div class="article-content">{paras(p["paras"])}</div></article>\n'
            '<aside><h3>Новости</h3><ul>' + li_links(h for h, _ in p.get("related", [])) + '</ul></aside></main>\n'
            + page_end("© МТРК «Мир»"))


def vostokmedia(p: dict) -> str:
    meta = og_site("Восток-Медиа") + f'\n<meta property="article:published_time" content="{p["meta_time"]}">'
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(["Новости", "Приморье", "Владивосток", "Происшествия"], "menu")}</header>\n'
            f'<main><article><h1>{esc(p["headline"])}</h1>\n<div class="dates">'
            f'<span>Posted {esc(p["posted"])}</span> <span>Published {esc(p["posted"])}</span> '
            f'<span>Modified {esc(p["modified"])}</span> <span>Updated {esc(p["modified"])}</span></div>\n'
            f'<div class="article-text">{paras(p["paras"])}</div>\n<div class="tg"><a href="https://t.me/vostokmedia">{esc(p["tg"])}</a></div></article>\n'
            f'{related("Читайте также", p.get("related", []), "more-news")}</main>\n' + page_end("© Восток-Медиа"))


def gosnews(p: dict) -> str:
    return (head(p, "ru", og_site("Gos.news")) + f'<body>\n<header>{nav(["Новости", "Общество", "Политика", "Экономика"], "menu")}</header>\n'
            f'<main><article><div class="meta"><span class="date">{esc(p["shown"])}</span> <span class="views">{esc(p["views"])}</span></div>\n'
            f'<h1>{esc(p["headline"])}</h1>\n<div class="text">{paras(p["paras"])}\n<p class="source">{esc(p["source"])}</p></div>\n'
            '<a href="/news/society/">Все новости раздела</a></article></main>\n' + page_end("© gos.news"))


def gazeta8(p: dict) -> str:
    return (head(p, "ru", og_site("Газета.Ru")) + f'<body>\n<header>{nav(RU_NAV, "b_menu")}<a href="https://t.me/gazetaru">Газета.Ru в Telegram</a></header>\n'
            '<main><div class="b_article">\n<div class="font-size">Размер шрифта</div>\n'
            f'<h1 class="headline">{esc(p["headline"])}</h1>\n<time class="time">{esc(p["shown_day"])}</time>\n'
            f'<div class="b_article-text">{paras(p["paras"])}</div></div>\n'
            '<aside class="b_partners"><h3>Новости партнеров</h3><ul>' + li_links(p.get("partners", [])) + '</ul></aside></main>\n'
            + page_end("© 1999–2025 «Газета.Ru»"))


def focus_ua(p: dict) -> str:
    meta = og_site("Фокус") + f'\n<meta property="article:published_time" content="{p["meta_day"]}">'
    first, *rest = p["paras"]
    return (head(p, "ru", meta) + f'<body>\n<header>{nav(["Мир", "Украина", "Политика", "Технологии"], "menu")}</header>\n'
            f'<main><article><h1 class="article-title">{esc(p["headline"])}</h1>\n<div class="article-date">{esc(p["shown_day"])}</div>\n'
            f'<div class="article-body"><p>{esc(first)}</p>\n<div class="related-video">{esc(p["related"][0])}</div>\n{paras(rest[:2])}\n'
            f'<figure><img src="/p.jpg" alt=""><figcaption>{esc(p["caption"])}</figcaption></figure>\n{paras(rest[2:])}</div>\n'
            '<div class="tg"><a href="https://t.me/focus">Фокус в Telegram</a></div></article></main>\n'
            + page_end("© ООО «Фокус Медиа»"))


def centrasia(p: dict) -> str:
    return (head(p, "ru", og_site("CentrAsia")) + '<body>\n<header><a href="/">CentrAsia</a>'
            f'<div class="colours">{esc(p["colours"])}</div></header>\n<main><table><tr><td>\n'
            f'<h1>{esc(p["headline"])}</h1>\n<div class="date">{esc(p["shown"])}</div>\n'
            f'<h2>{esc(p["subhead"])}</h2>\n<h3>{esc(p["lead_title"])}</h3>\n{paras(p["paras"])}\n'
            '<a href="?print=1">Версия для печати</a></td></tr></table></main>\n' + page_end("© CentrAsia"))


def charter97(p: dict) -> str:
    return (head(p, "ru", og_site("Хартия-97")) + f'<body>\n<header><div class="today">{esc(p["today"])}</div>{nav(["Новости", "Политика", "Общество", "Мир"], "menu")}</header>\n'
            f'<main><article><h1>{esc(p["headline"])}</h1>\n<div class="news-date">{esc(p["shown"])}</div>\n'
            f'<p class="lead"><strong>{esc(p["lead"])}</strong></p>\n<div class="news-text">{paras(p["paras"])}</div></article>\n'
            '<aside><h3>Самое читаемое</h3><ul>' + li_links(p.get("popular", [])) + '</ul></aside></main>\n'
            + page_end("© Хартия-97"))


def sibfm(p: dict) -> str:
    meta = og_site("Сиб.фм") + f'\n<meta property="article:published_time" content="{p["meta_day"]}">'
    bar = (f'<div class="topbar"><span>сегодня</span> <span>{esc(p["widget_time"])}</span> <span>пробки</span> '
           f'<span>{esc(p["traffic"])}</span> <span>курсы валют</span> <span>{esc(p["currency"])}</span></div>')
    return (head(p, "ru", meta) + f'<body>\n<header>{bar}{nav(["Новости", "Новосибирск", "Общество", "Транспорт"], "menu")}</header>\n'
            f'<main><article><h1>{esc(p["headline"])}</h1>\n<figure><img src="/p.jpg" alt=""><figcaption>{esc(p["photo"])}</figcaption></figure>\n'
            f'<div class="text">{paras(p["paras"])}</div></article></main>\n' + page_end("© Сиб.фм"))


def aif_region(p: dict) -> str:
    return (head(p, "ru", og_site("АиФ Хабаровск")) + f'<body>\n<header>{nav(["Общество", "Политика", "Экономика", "Здоровье"], "menu")}</header>\n'
            f'<main><article><div class="article_top"><span class="read_time">{esc(p["read_time"])}</span> <span class="views">{esc(p["views"])}</span></div>\n'
            f'<h1>{esc(p["headline"])}</h1>\n<div class="date">{esc(p["shown_day"])}</div>\n'
            f'<div class="article_text">{paras(p["paras"])}</div>\n'
            f'<div class="rate">{esc(p["rate"])}</div><div class="comments">{esc(p["comments"])}</div></article>\n'
            '<aside><h3>Топ 5 читаемых</h3><ul>' + li_links(p.get("top5", [])) + '</ul><h3>Самое интересное в регионах</h3></aside></main>\n'
            + page_end("© АО «Аргументы и Факты»"))


def nsn(p: dict) -> str:
    meta = og_site("НСН") + f'\n<meta property="article:published_time" content="{p["meta_day"]}">'
    return (head(p, "ru", meta) + '<body>\n<header><a href="/">Национальная служба новостей</a> <a href="/live">Слушать эфир</a></header>\n'
            f'<main><article><h1>{esc(p["headline"])}</h1>\n<div class="date">{esc(p["shown_day"])}</div>\n'
            f'<div class="text">{paras(p["paras"])}</div>\n<p class="radio"><a href="https://t.me/radiotochkansn">{esc(p["radio"])}</a></p></article></main>\n'
            + page_end("© НСН"))


def myseldon(p: dict) -> str:
    first, *rest = p["paras"]
    return (head(p, "ru", og_site("Seldon.News")) + '<body>\n<header><a href="/">Seldon.News</a> <a href="/login">Войти в систему</a></header>\n'
            f'<main><article><div class="time">{esc(p["shown_time"])}</div><div class="day">{esc(p["shown_day"])}</div>\n'
            f'<h1>{esc(p["headline"])}</h1>\n<div class="src">{esc(p["source"])}</div>\n'
            f'<div class="text">{paras([first, *rest[:3]])}\n<p>{esc(p["correspondent"])}, корреспондент</p>\n{paras(rest[3:])}</div></article></main>\n'
            + page_end("© Seldon.News"))


LAYOUTS = {f.__name__: f for f in (kommersant8, lenta8, life8, monocle8, mir24, vostokmedia, gosnews, gazeta8, focus_ua,
                                    centrasia, charter97, sibfm, aif_region, nsn, myseldon)}


def load_split(part: str) -> list[dict]:
    """``tune`` or ``heldout`` pages of the eighth set, in file order."""
    return split_set(SET, SEED, HELD, part)


def main(argv: list[str] | None = None) -> int:
    return write_set(SET, LAYOUTS)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
