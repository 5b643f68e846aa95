"""Metadata on Korean and Russian pages: dates in the outlet's zone, bylines, titles, script data."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from ingest.discover.feeds import entry_date
from ingest.errors import ConfigError, Rejected
from ingest.extract import extract
from ingest.extract.authors import byline, clean_authors
from ingest.extract.dates import parse_dated
from ingest.extract.outlets import default_timezone, timezone_of, zone
from ingest.extract.text import parse_html

SEOUL, MOSCOW = ZoneInfo("Asia/Seoul"), ZoneInfo("Europe/Moscow")
KO_TEXT = ("북한과 러시아가 두만강 자동차 다리 건설을 시작했다고 양측 당국이 밝혔다. 다리는 내년 말 완공될 예정이다. "
           "정부는 관련 동향을 면밀히 살펴보고 있다고 밝혔다. 전문가들은 물류 협력이 커질 것으로 본다. "
           "다리가 완공되면 두 나라를 잇는 첫 자동차 도로가 생긴다.")
KO_MORE = ("현재 두 나라 사이에는 1959년에 놓인 철교 하나만 있다. 러시아 연해주 정부는 통관 시설도 함께 짓겠다고 밝혔다. "
           "북한 매체는 착공식에 양국 대표단이 참석했다고 보도했다. 통일부는 대북 제재 위반 여부를 살펴보겠다고 말했다. "
           "업계는 관광객 왕래도 늘어날 것으로 내다봤다.")
RU_TEXT = ("Россия и КНДР начали строительство автомобильного моста через реку Туманная, сообщили власти края. "
           "Открыть движение планируют через полтора года, добавили в администрации. ") * 2


def ko_page(head: str = "", top: str = "", tail: str = "", extra: str = "", h1: str = "북러 다리 착공") -> bytes:
    return (f"<html lang='ko'><head><meta charset='utf-8'><title>{h1}</title>{head}</head><body>"
            f"<nav class='gnb'><a href='/1'>정치</a><a href='/2'>경제</a></nav>"
            f"<article><h1>{h1}</h1>{top}<p>{KO_TEXT}</p><p>{KO_MORE}{tail}</p></article>{extra}"
            "<footer>ⓒ 신문사</footer></body></html>").encode()


# ---------------------------------------------------------------- dates

def test_outlet_timezones_are_data():
    assert timezone_of("https://www.yna.co.kr/view/AKR2024") == SEOUL
    assert timezone_of("https://primamedia.ru/news/1/") == ZoneInfo("Asia/Vladivostok")  # its own format
    assert timezone_of("https://www.pravda.com.ua/rus/news/") == ZoneInfo("Europe/Kyiv")
    assert timezone_of("https://some-paper.ru/a") == MOSCOW  # the country domain's default
    assert timezone_of("https://example.com/a") is None
    assert timezone_of("https://example.com/a", "Asia/Seoul") == SEOUL  # the source's default
    assert default_timezone(None, "ko") == "Asia/Seoul"
    with pytest.raises(ConfigError):
        zone("Mars/Olympus_Mons")


@pytest.mark.parametrize("text, tz, at, precision", [
    ("2024-11-12 21:05", SEOUL, datetime(2024, 11, 12, 21, 5, tzinfo=SEOUL), "minute"),  # shown local: read local
    ("2024-11-12T21:05:00+03:00", SEOUL, datetime(2024, 11, 12, 18, 5, tzinfo=timezone.utc), "second"),  # offset wins
    ("20241115T2210", MOSCOW, datetime(2024, 11, 15, 22, 10, tzinfo=MOSCOW), "minute"),  # RIA's basic form
    ("입력 2024.11.17", SEOUL, datetime(2024, 11, 17, tzinfo=SEOUL), "day"),  # a date: that day, not midnight UTC
    ("2024.11.18 (21:24)", SEOUL, datetime(2024, 11, 18, 21, 24, tzinfo=SEOUL), "minute"),  # KBS
    ("21.11.2024 в 16:20", MOSCOW, datetime(2024, 11, 21, 16, 20, tzinfo=MOSCOW), "minute"),  # MK.ru
])
def test_a_time_without_offset_is_the_outlets_local_time(text, tz, at, precision):
    found = parse_dated(text, tz=tz)
    assert found.at == at and found.precision == precision


def test_an_evening_seoul_article_keeps_its_day_and_offset():
    html = ko_page(top="<p class='update-time'>송고 2024-11-12 21:05</p>")
    c = extract(html, url="https://www.yna.co.kr/view/AKR20241112162000009")
    assert c.published_at == datetime(2024, 11, 12, 12, 5, tzinfo=timezone.utc)
    assert c.published_at.utcoffset() == timedelta(hours=9)
    assert c.published_local_date == "2024-11-12" and c.published_precision == "minute"


def test_a_stamp_in_utc_is_shown_in_the_outlets_zone():
    html = ko_page(head="<meta property='article:published_time' content='2024-11-10T15:30:00Z'>")
    c = extract(html, url="https://www.chosun.com/international/2024/11/10/X/")
    assert c.published_at.isoformat() == "2024-11-11T00:30:00+09:00" and c.published_local_date == "2024-11-11"


def test_a_date_only_page_is_a_day():
    c = extract(ko_page(top="<div class='date'>입력 2024.11.17</div>"), url="https://www.hankookilbo.com/News/Read/A1")
    assert c.published_precision == "day" and c.published_local_date == "2024-11-17"
    assert c.published_at.utcoffset() == timedelta(hours=9)


def test_feed_dates_follow_the_same_rule():
    assert entry_date({"published": "Wed, 19 Jun 2024 21:05:00 +0900"}, SEOUL).isoformat() == "2024-06-19T21:05:00+09:00"
    assert entry_date({"published": "2024-06-19 21:05"}, SEOUL).isoformat() == "2024-06-19T21:05:00+09:00"
    assert entry_date({"published": "2024-06-19T12:05:00Z"}, MOSCOW).isoformat() == "2024-06-19T15:05:00+03:00"


# ---------------------------------------------------------------- bylines

def test_bylines_never_come_from_sidebars_and_organisations_are_not_people():
    sidebar = ("<aside class='related'><ul><li><a href='/x'>다른 기사</a> <span class='author'>김철수 기자</span></li></ul></aside>"
               "<div class='plus_box premium'><span class='byline'>오세훈 논설위원</span></div>")
    soup = parse_html(ko_page(extra=sidebar).decode())
    assert byline(soup, {}).authors == []
    ld = {"author": {"@type": "Organization", "name": "MK.RU"}}
    assert byline(parse_html("<p>x</p>"), ld).authors == []
    tass = byline(parse_html("<p>x</p>"), {"author": {"@type": "Organization", "name": "ТАСС"}})
    assert tass.authors == [] and tass.source == "ТАСС"
    assert clean_authors(["Фото из Инстаграма Марины Зиминой", "MK.RU", "Редакция", "Автор:"]) == []


def test_equal_length_bylines_keep_page_order_and_all_count():
    html = ("<html><body><article><h1>T</h1><p>text</p>"
            "<p class='document_authors'>Дмитрий Козлов</p><p class='document_authors'>Елена Малышева</p>"
            "</article></body></html>")
    assert byline(parse_html(html), {}).authors == ["Дмитрий Козлов", "Елена Малышева"]


def test_korean_signoff_is_split_from_its_paragraph():
    c = extract(ko_page(tail=" 정부는 추가 조치를 검토할 방침이다. 한지우 기자 jiwoo@kyunghyang.com"),
                url="https://www.khan.co.kr/article/202411151812001")
    assert c.authors == ["한지우"]
    assert "정부는 추가 조치를 검토할 방침이다." in c.body and "jiwoo@" not in c.body and "한지우" not in c.body


def test_lead_byline_and_agency_source():
    lead = "<p>(서울=연합뉴스) 박서연 기자 = 국가정보원은 8일 북한군 동향을 국회에 보고했다고 밝혔다.</p>"
    c = extract(ko_page(top=lead), url="https://www.yna.co.kr/view/AKR20241108151200504")
    assert c.authors == ["박서연"] and c.source == "연합뉴스"


def test_broadcast_signoff():
    c = extract(ko_page(tail="<br><br>KBS 뉴스 남궁윤입니다."), url="https://news.kbs.co.kr/news/pc/view/view.do?ncd=1")
    assert c.authors == ["남궁윤"]


# ---------------------------------------------------------------- titles

def test_double_escaped_og_title_gives_way_to_h1_and_quotes_stay():
    h1 = '"러시아 파병 대가는 기술" 전문가들이 본 북한의 계산'
    head = "<meta property='og:title' content='&amp;quot;러시아 파병 대가는 기술&amp;quot; 전문가들이 본 북한의 계산'>"
    c = extract(ko_page(head=head, h1=h1.replace('"', "&quot;")), url="https://www.joongang.co.kr/article/1")
    assert c.title == h1


# ---------------------------------------------------------------- script data and chrome

def test_article_only_in_fusion_state_is_read():
    story = {"type": "story", "headlines": {"basic": "러시아 장관 평양 도착"}, "credits": {"by": [{"name": "윤지호"}]},
             "first_publish_date": "2024-11-10T12:15:31.204Z",
             "content_elements": [{"type": "text", "content": KO_TEXT}, {"type": "text", "content": KO_TEXT[::-1]}]}
    html = ("<html lang='ko'><head><title>러시아 장관 평양 도착 - 조선일보</title></head><body><div id='fusion-app'>"
            "<main><section class='article-body'></section></main></div><script>Fusion.globalContent="
            + json.dumps(story, ensure_ascii=False) + ";Fusion.globalContentConfig={};</script></body></html>")
    c = extract(html.encode(), url="https://www.chosun.com/international/2024/11/10/ABC/")
    assert c.title == "러시아 장관 평양 도착" and c.authors == ["윤지호"]
    assert c.published_at.isoformat().startswith("2024-11-10T21:15:31") and c.published_local_date == "2024-11-10"
    assert KO_TEXT.split(". ")[0] in c.body


def test_article_only_in_next_data_is_read():
    data = {"props": {"pageProps": {"news": {"title": "Товарооборот вырос", "published_dt": "2024-11-25T11:02:00+03:00",
                                             "text": f"<p>{RU_TEXT}</p><p>{RU_TEXT}</p>"}}}}
    html = ("<html lang='ru'><head><title>Товарооборот вырос</title></head><body><div id='__next'></div>"
            "<script id='__NEXT_DATA__' type='application/json'>" + json.dumps(data, ensure_ascii=False)
            + "</script></body></html>")
    c = extract(html.encode(), url="https://tass.ru/ekonomika/1")
    assert c.title == "Товарооборот вырос" and c.published_at.isoformat() == "2024-11-25T11:02:00+03:00"
    assert "Россия и КНДР начали строительство" in c.body


def test_a_page_of_chrome_has_no_article_text():
    links = "".join(f"<li><a href='/r/{i}'>Регион {i}</a></li>" for i in range(30))
    html = (f"<html lang='ru'><body><nav><ul>{links}</ul></nav><div class='currency'>USD 97,25 ₽ EUR 104,10 ₽</div>"
            "<div class='breaking'><a href='/b'>Срочно: на Невском ограничат движение</a></div></body></html>")
    with pytest.raises(Rejected) as err:
        extract(html.encode(), url="https://www.fontanka.ru/politic/")
    assert err.value.reason in ("no_article_text", "index_page")


def test_a_body_of_menu_items_is_no_article_text_with_its_reason():
    regions = "".join(f"<li>{r}</li>" for r in ["Санкт-Петербург", "Ленинградская область", "Москва", "Калининград",
                                                 "Великий Новгород", "Псков", "Мурманск", "Архангельск", "Петрозаводск",
                                                 "Вологда", "Курс доллара ЦБ 97,25", "Курс евро ЦБ 104,10",
                                                 "Нефть Brent 73,4", "Погода: +3, облачно", "Пробки: 6 баллов"])
    html = f"<html lang='ru'><body><div class='region-picker'><h2>Выберите регион</h2><ul>{regions}</ul></div></body></html>"
    with pytest.raises(Rejected) as err:
        extract(html.encode(), url="https://www.fontanka.ru/")
    assert err.value.reason == "no_article_text" and "chrome" in str(err.value)


def test_time_before_date_and_site_zones():
    assert parse_dated("21:30, 10 декабря 2024", tz=MOSCOW).at == datetime(2024, 12, 10, 21, 30, tzinfo=MOSCOW)
    assert timezone_of("https://www.newsvl.ru/vlad/2024/12/12/1/") == ZoneInfo("Asia/Vladivostok")  # not Moscow
    assert timezone_of("https://www.newsis.com/view/NISX1") == SEOUL


def test_a_korean_page_on_a_com_domain_reads_times_in_seoul_by_its_language():
    c = extract(ko_page(top="<div class='date'>등록 2024.12.09 18:40:12</div>"), url="https://www.unknown-korean.com/a/1")
    assert c.published_at.isoformat() == "2024-12-09T18:40:12+09:00"


def test_bracket_lead_byline_and_russian_text_byline():
    lead = "<p>[서울=뉴시스] 하지현 기자 = 러시아 연해주 정부 대표단이 9일 한국을 찾았다.</p>"
    c = extract(ko_page(top=lead, tail="<br>*재판매 및 DB 금지"), url="https://www.newsis.com/view/NISX20241209_1")
    assert c.authors == ["하지현"] and c.source == "뉴시스" and "재판매" not in c.body
    ru = (f"<html lang='ru'><body><article><h1>Курсы корейского языка</h1><p>Текст: Татьяна Ширманова</p>"
          f"<p>{RU_TEXT}</p><p>Во Владивостоке открылись бесплатные курсы корейского языка для студентов.</p>"
          "</article></body></html>")
    c = extract(ru.encode(), url="https://rg.ru/2024/12/11/reg-dfo/kursy.html")
    assert c.authors == ["Татьяна Ширманова"] and "Текст:" not in c.body


# ---------------------------------------------------------------- third set's rules (bench/gold/metadata/set3.yaml)

def test_more_date_shapes_time_first_spaced_dots_and_site_zone():
    assert parse_dated("16:59 September 12, 2023", tz=SEOUL).at == datetime(2023, 9, 12, 16, 59, tzinfo=SEOUL)
    assert parse_dated("2024. 10. 27. 19:10", tz=SEOUL).at == datetime(2024, 10, 27, 19, 10, tzinfo=SEOUL)
    hk = timezone_of("https://www.scmp.com/news/world/article/3215478/x")
    assert hk == ZoneInfo("Asia/Hong_Kong")
    got = parse_dated("Updated: 5:07am, 31 Mar, 2023", tz=hk)
    assert got.at == datetime(2023, 3, 31, 5, 7, tzinfo=hk) and got.precision == "minute"


def test_a_logo_h1_is_no_headline():
    page = ko_page(head="<meta property='og:title' content='북러 다리 착공'><meta property='og:site_name' content='KBS 뉴스'>",
                   h1="북러 다리 착공").replace(b"<article>", b"<header><h1 class='logo'>KBS NEWS</h1></header><article>")
    assert extract(page, url="https://news.kbs.co.kr/news/pc/view/view.do?ncd=1").title == "북러 다리 착공"


def test_a_header_block_holding_the_headline_is_no_byline():
    html = ("<div class='view_tit_byline'><h1>Kim, Putin begin first summit over denuclearization, economic "
            "cooperation</h1><div class='view_tit_byline_l'>By Yonhap</div></div>")
    assert byline(parse_html(html), {}).authors == []


def test_daily_bracket_lead_byline_broadcast_handover_and_tip_box():
    c = extract(ko_page(top="<p>[이데일리 박종화 기자] 크렘린궁은 20일 북한과의 관계를 강화하겠다고 밝혔다.</p>"),
                url="https://m.edaily.co.kr/News/Read?newsId=1")
    assert c.authors == ["박종화"]
    tip = "<p>■ 제보하기</p><p>▷ 전화 : 02-781-1234</p><p>▷ 이메일 : kbs1234@kbs.co.kr</p>"
    c = extract(ko_page(top="<p>보도에 김명주 기자입니다.</p>", extra=tip), url="https://news.kbs.co.kr/news/pc/view/view.do?ncd=2")
    assert c.authors == ["김명주"] and "제보하기" not in c.body and "보도에" not in c.body


def test_dong_a_english_date_line_byline_and_kbs_world_stamp_line():
    text = ("<p>Moscow said on Tuesday that it expected to sign a new agreement with Pyongyang during the visit. "
            "Diplomats in Seoul described the plan as a step toward a formal security tie. The government said "
            "it would raise the matter with partners at the United Nations in the coming weeks.</p>") * 2
    page = (f"<html lang='en'><body><article><h1>N. Korea-Russia tie upgraded</h1><p class='date'>June. 19, 2024 "
            f"07:58. by Jin-Woo Shin niceshin@donga.com.</p>{text}</article></body></html>").encode()
    assert extract(page, url="https://www.donga.com/en/article/all/20240619/5012020/1").authors == ["Jin-Woo Shin"]
    ru = (f"<html lang='ru'><body><h3>Посол России</h3><p class='date'>Write: 2018-01-31 10:47:01Update: 2018-01-31 11:18:11</p>"
          f"<p>{RU_TEXT}</p><p>Рекомендуем</p><p>В целях повышения качества услуг на нашем сайте используются cookie.</p>"
          "</body></html>")
    c = extract(ru.encode(), url="http://rki.kbs.co.kr/service/news_view.htm?Seq_Code=51604&lang=r")
    assert c.published_at.isoformat() == "2018-01-31T10:47:01+09:00"
    assert "Write:" not in c.body and "Рекомендуем" not in c.body and "cookie" not in c.body


def test_after_the_third_held_back_score_roundup_slug_and_correspondent_handover():
    from ingest.extract.furniture import strip_title
    from ingest.extract.outlets import for_url

    title = "(4th LD) (ROUNDUP) Kim, Putin hold first summit"
    assert strip_title(title, for_url("https://en.yna.co.kr/view/AEN20190425000454325")) == "Kim, Putin hold first summit"
    c = extract(ko_page(top="<p>모스크바 하준수 특파원의 보도입니다.</p>"), url="https://news.kbs.co.kr/news/view.do?ncd=3")
    assert c.authors == ["하준수"] and "보도입니다" not in c.body


# ---------------------------------------------------------------- fourth set's rules (bench/gold/metadata/set4.yaml)

EN_TEXT = ("<p>Russia's foreign minister said on Tuesday that he had accepted an invitation to visit Pyongyang. "
           "He spoke after talks in Moscow with his North Korean counterpart. Moscow welcomed what it called an "
           "easing of tension on the Korean peninsula and backed contacts between Pyongyang and Washington.</p>") * 2


def test_time_after_a_slash_a_utc_offset_in_parentheses_and_day_first_with_dashes():
    got = parse_dated("April 10, 2018 / 10:08 AM / Updated 6 hours ago")
    assert got.at == datetime(2018, 4, 10, 10, 8, tzinfo=timezone.utc) and got.precision == "minute"
    got = parse_dated("Posted August 19th, 2011 at 11:50 pm (UTC-5)")
    assert got.at.utcoffset() == timedelta(hours=-5) and (got.at.hour, got.at.minute) == (23, 50)
    kyiv = ZoneInfo("Europe/Kyiv")
    assert parse_dated("13-09-2023, 16:00", tz=kyiv).at == datetime(2023, 9, 13, 16, 0, tzinfo=kyiv)


def test_newsis_article_id_gives_the_day_in_seoul():
    c = extract(ko_page(), url="https://weekly.newsis.com/view?id=NISX20230913_0002449501")
    assert c.published_at == datetime(2023, 9, 13, tzinfo=SEOUL) and c.published_precision == "day"


def test_a_portal_info_line_names_the_reporter_not_the_press():
    def daum(who: str) -> bytes:
        return ko_page(top=f"<div class='info_view'>{who}<span class='txt_info'><span class='num_date'>2023. 9. 13. 13:18"
                           "</span></span></div>")
    url = "https://v.daum.net/v/20230913131845304"
    assert extract(daum("<span class='txt_info'>최인영</span>"), url=url).authors == ["최인영"]
    assert extract(daum("<span class='txt_info'>KBS</span>"), url=url).authors == []
    assert extract(daum("<span class='txt_info'>최인영</span>"), url="https://news.example.kr/1").authors == []


def test_bad_byline_selector_is_a_config_error(tmp_path):
    from ingest.extract.outlets import load

    (tmp_path / "x.yaml").write_text("outlet: x\ndomains: [x.kr]\nbyline_elements: ['div[']\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load(str(tmp_path))


def test_correspondent_handover_mbc_and_yonhap_tip_lines_and_agency_credit():
    c = extract(ko_page(top="<p>모스크바 조빛나 특파원입니다.</p>"), url="https://v.daum.net/v/20230901063742576")
    assert c.authors == ["조빛나"] and "특파원입니다" not in c.body
    tips = ("<p>MBC 뉴스는 24시간 여러분의 제보를 기다립니다.</p><p>▷ 전화 02-784-4000</p><p>▷ 카카오톡 @mbc제보</p>")
    c = extract(ko_page(extra=tips), url="https://imnews.imbc.com/news/2023/politics/article/1.html")
    assert "제보" not in c.body and "02-784-4000" not in c.body
    c = extract(ko_page(tail="</p><p>▶제보는 카톡 okjebo</p><p>&lt;연합&gt;"), url="https://m.segye.com/view/20141119005362")
    assert "okjebo" not in c.body and "<연합>" not in c.body


def test_reuters_credit_line_gives_reporters_and_writers_not_editors():
    page = (f"<html lang='en'><body><article><h1>Lavrov accepts invitation</h1>"
            f"<div class='byline'>Reuters Staff</div>{EN_TEXT}"
            "<p>Reporting by Jack Stubbs; Writing by Maria Tsvetkova; Editing by Christian Lowe</p></article></body></html>")
    c = extract(page.encode(), url="https://www.reuters.com/article/us-northkorea-russia/x-idUSKBN1HH1DL")
    assert c.authors == ["Jack Stubbs", "Maria Tsvetkova"] and "Editing by" not in c.body


def test_contributors_line_with_an_agency_and_photo_credits_in_figures():
    page = (f"<html lang='en'><body><article><h1>Seoul warns Russia</h1><figure><img src='/a.jpg'><figcaption>"
            f"Soldiers fire a howitzer. <span class='c-copyright'>Copyright AP</span></figcaption></figure>"
            f"<div class='c-article-contributors'>By Angela Skujins with AP</div>{EN_TEXT}</article></body></html>")
    assert extract(page.encode(), url="https://www.euronews.com/2024/06/27/x").authors == ["Angela Skujins"]
    ru = (f"<html lang='ru'><body><article><h1>Что означает договор</h1><figure><img src='/a.jpg'><figcaption>"
          f"<span class='article-image__author'>Владимир Смирнов / ТАСС</span></figcaption></figure>"
          f"<p>{RU_TEXT}</p></article></body></html>")
    assert extract(ru.encode(), url="https://www.vedomosti.ru/politics/articles/2024/06/18/1044583-x").authors == []


def test_text_label_with_a_latin_t_video_credits_and_subscribe_lines():
    ru = (f"<html lang='ru'><body><article><h1>Ким Чен Ын посетил посольство</h1>"
          f"<p class='author'><b>Tекст: Катерина Туманова</b></p><p>{RU_TEXT}</p>"
          "<p>Видео: журналист ВГТРК Павел Зарубин</p><p>Подписаться на Москва 24</p>"
          "<p>Источник: Telegram-канал \"Москва 24\"</p></article></body></html>")
    c = extract(ru.encode(), url="https://vz.ru/news/2025/12/11/1380050.html")
    assert c.authors == ["Катерина Туманова"]
    assert not any(s in c.body for s in ("Видео:", "Подписаться", "Telegram-канал", "Tекст"))


def test_after_the_fourth_held_back_score_bracket_byline_goes_toolbar_and_meta_line():
    c = extract(ko_page(top="<p>[스포츠조선 박아람 기자] 러시아 언론인이 만든 다큐 영상이 방송을 통해 소개된다.</p>"),
                url="https://www.sportschosun.com/entertainment/2025-09-05/202509050100039100006380")
    assert c.authors == ["박아람"] and "스포츠조선 박아람" not in c.body and c.body.startswith("러시아 언론인이")
    c = extract(ko_page(top="<p>(서울=뉴스1) 박형기 기자 = 두 정상이 다시 만났다.</p>"), url="https://news1.kr/amp/world/1")
    assert c.authors == ["박형기"] and "(서울=뉴스1)" in c.body  # a dateline's place stays
    tools = "<ul><li>- 기사 스크랩</li><li>- 공유</li><li>- 클린뷰</li><li>- 프린트</li></ul>"
    c = extract(ko_page(top=tools), url="https://hankyung.com/article/2019042531607")
    assert "스크랩" not in c.body and "클린뷰" not in c.body
    ru = (f"<html lang='ru'><body><div class='post'><h1>Лидеры провели переговоры</h1><div class='entry-meta'>16.09.2023 "
          f"Игорь Митрофанов, телеканал «Большая Азия» 3125</div><p>{RU_TEXT}</p></div></body></html>")
    c = extract(ru.encode(), url="https://bigasia.ru/?p=395706")
    assert c.authors == ["Игорь Митрофанов"]


def test_fifth_set_tuning_rules_nested_dateline_portal_layers_photo_handle_and_zones():
    # "(블라디보스토크(러시아)=뉴스1) 이재명 기자": a dateline whose place has its country in parentheses
    assert clean_authors(["(블라디보스토크(러시아)=뉴스1) 이재명 기자"]) == ["이재명"]
    assert clean_authors(["(서울=뉴스1) 권진영 기자 ="]) == ["권진영"]
    # Daum's summary and font-size layers repeat or frame the story: not its text, and the lead byline leads
    layers = ("<div class='layer_summary'><p>전체 맥락을 이해하기 위해서는 본문 보기를 권장합니다.</p></div>"
              "<div class='layer_util'><p>이 글자크기로 변경됩니다.</p></div>")
    c = extract(ko_page(top=layers + "<p>(서울=뉴스1) 권진영 기자 = 러시아가 북한을 파트너라고 불렀다.</p>"),
                url="https://v.daum.net/v/20240115183343336")
    assert "전체 맥락" not in c.body and "글자크기" not in c.body and c.authors == ["권진영"]
    # a News1 photo page's reporter handle after the credit goes; the day of the credit stays
    c = extract(ko_page(tail=" 2019.4.22/뉴스1 2expulsion@"), url="https://m.news1.kr/photos/view/?3611098")
    assert "2expulsion@" not in c.body and "2019.4.22/뉴스1" in c.body
    assert timezone_of("https://klops.ru/other/2025-08-22/364633-x") == ZoneInfo("Europe/Kaliningrad")
    assert timezone_of("https://mb.com.ph/2025/5/1/x") == ZoneInfo("Asia/Manila")
    assert timezone_of("https://www.devdiscourse.com/article/politics/1") == ZoneInfo("Asia/Kolkata")


def test_after_the_fifth_held_back_score_initials_titles_after_a_dash_and_time_before_a_dotted_date():
    assert clean_authors(["В.И. Денисов – доктор исторических наук, профессор, главный научный сотрудник"]) == ["В.И. Денисов"]
    assert clean_authors(["Иван Петров и Анна Смирнова"]) == ["Иван Петров", "Анна Смирнова"]
    found = parse_dated("15:10 29.12.2025 (обновлено: 15:15 29.12.2025)", tz=MOSCOW)
    assert found.at == datetime(2025, 12, 29, 15, 10, tzinfo=MOSCOW) and found.precision == "minute"


def test_sixth_set_tuning_rules_korean_brief_length_address_first_signoff_and_newspic():
    # a Korean brief of four sentences (some 200 characters) is an article: Hangul counts twice in the minimum
    brief = ("<p>[파이낸셜뉴스] 24년 만에 북한 땅을 밟은 러시아 대통령이 19일 평양 도심에서 열린 공식 환영 행사에 나왔다.</p>"
             "<p>러시아 관영 통신은 대통령이 정오를 조금 넘겨 광장에 들어섰다고 전했다.</p>"
             "<p>두 정상은 의장대를 함께 사열하고 기념사진을 찍은 뒤 영빈관으로 자리를 옮겨 회담에 들어갈 계획이다.</p>"
             "<p>회담은 한 시간 반가량 이어질 것으로 알려졌다.</p><p>pjw@fnnews.com 박종원 기자</p>")
    page = (f"<html lang='ko'><head><meta charset='utf-8'><title>정상회담 예정</title></head><body><article>"
            f"<h1>정상회담 예정</h1>{brief}</article></body></html>").encode()
    c = extract(page, url="https://fnnews.com/ampNews/202406191239513693")
    assert c.body.startswith("[파이낸셜뉴스]") and c.authors == ["박종원"] and "fnnews.com" not in c.body
    # the same length in Latin letters is still a stub
    with pytest.raises(Rejected):
        extract(f"<html><body><article><h1>Stub</h1><p>{'Short teaser text. ' * 10}</p></article></body></html>".encode(),
                url="https://example.com/a")
    # Newspic: the day of the story id, and the portal's notice under its summary goes
    notice = "<p>뉴스픽의 주요 문장 추출 기술을 사용하여 “연합뉴스” 기사 내용을 3줄로 요약한 결과입니다.</p>"
    c = extract(ko_page(top=notice), url="https://m.newspic.kr/summary.html?cp=w3Hru72p&nid=2024110201524764731&pn=214")
    assert c.published_local_date == "2024-11-02" and c.published_precision == "day" and "뉴스픽" not in c.body


def test_newsis_toolbar_subtitle_lead_byline_and_closing_slogan():
    # Newsis: a toolbar ("이메일 보내기 / 프린터 / PDF") and a subtitle of three lines come before the lead byline,
    # and the story closes with the slogan and desk address ("◎공감언론 뉴시스 …", "[email protected]" as stored)
    tools = "<ul class='tool'><li>이메일 보내기</li><li>프린터</li><li>PDF</li></ul>"
    subtitle = "<div class='summury'><p>북러 다리 착공식 열려</p><p>완공은 내년 말 예정</p><p>통관 시설도 함께 건설</p></div>"
    for slogan in ("◎공감언론 뉴시스 [email protected]", "◎공감언론 뉴시스 bridge@newsis.com"):
        c = extract(ko_page(top=tools + subtitle + "<p>[서울=뉴시스] 남빛나라 기자 = 북한과 러시아가 다리를 짓는다.</p>",
                            tail=f"</p><p>{slogan}"),
                    url="https://www.newsis.com/view/NISX20250509_0003170114")
        assert c.authors == ["남빛나라"]
        assert "공감언론" not in c.body and "이메일 보내기" not in c.body and "프린터" not in c.body
        assert c.body.rstrip().endswith("내다봤다.")


def _ru_page(url: str, top: str = "", tail: str = "", lang: str = "ru"):
    page = (f"<html lang='{lang}'><head><meta charset='utf-8'><title>Мост через Туманную</title></head><body>"
            f"<article><h1>Мост через Туманную</h1>{top}<p>{RU_TEXT}</p><p>{RU_TEXT}</p>{tail}</article></body></html>")
    return extract(page.encode(), url=url)


def test_russian_language_pages_off_russian_domains_show_moscow_time_and_source_credits_go():
    # a Russian-language page on a .news/.org site states its time without an offset: Moscow time, not UTC
    c = _ru_page("https://gos.news/news/society/most", top="<div class='date'>15.03.2025 06:26</div>")
    assert c.published_at == datetime(2025, 3, 15, 6, 26, tzinfo=MOSCOW)
    assert default_timezone(None, "ru") == "Europe/Moscow" and default_timezone(None, "uk") == "Europe/Kyiv"
    assert default_timezone("https://focus.ua/world/1", "ru") == "Europe/Kyiv"  # the country domain first
    # a line crediting the site the story came from is furniture
    for credit in ("Источник и фото - ria.ru", "Источник: PrimaMedia.ru"):
        c = _ru_page("https://gos.news/news/society/most", tail=f"<p>{credit}</p>")
        assert "Источник" not in c.body
    c = _ru_page("https://gos.news/news/society/most", tail="<p>Источник: в правительстве края решение уже приняли.</p>")
    assert "Источник: в правительстве" in c.body  # a sentence citing a source stays


def test_a_tv_reports_correspondent_caption_is_its_byline():
    c = _ru_page("https://news.myseldon.com/ru/news/index/1", tail="<p>Максим Каленник, корреспондент</p><p>Конец.</p>")
    assert c.authors == ["Максим Каленник"] and "Каленник" not in c.body
    c = _ru_page("https://news.myseldon.com/ru/news/index/1", tail="<p>Олег Кожемяко, губернатор Приморского края</p>")
    assert c.authors == []  # someone interviewed is no author


def test_time_before_a_slashed_date_and_a_spaced_clock_beside_its_day():
    found = parse_dated("19:18 17/09/2023", tz=MOSCOW)
    assert found.at == datetime(2023, 9, 17, 19, 18, tzinfo=MOSCOW) and found.precision == "minute"
    # the clock and the day in two elements side by side, the clock in spaced digits (Seldon.News)
    c = _ru_page("https://news.myseldon.com/ru/news/index/1",
                 top="<div class='time'>11 : 33 : 00</div><div class='day'>11 января 2025 г.</div>")
    assert c.published_at == datetime(2025, 1, 11, 11, 33, tzinfo=MOSCOW) and c.published_precision == "second"
    c = _ru_page("https://news.myseldon.com/ru/news/index/1",
                 top="<div class='day'>11 января 2025 г.</div><div class='time'>11:33</div>")
    assert c.published_at == datetime(2025, 1, 11, 11, 33, tzinfo=MOSCOW) and c.published_precision == "minute"


def test_an_h1_holding_a_second_title_gives_way_to_the_og_title():
    head = "<meta property='og:title' content='В Москве начались переговоры'>"
    h1 = ("<h1><span class='title'>В Москве начались переговоры</span>"
          "<span class='title-yandex'>Лавров и глава МИД КНДР начали переговоры</span></h1>")
    page = f"<html lang='ru'><head>{head}</head><body><article>{h1}<p>{RU_TEXT}</p><p>{RU_TEXT}</p></article></body></html>"
    assert extract(page.encode(), url="https://lenta.ru/news/2025/10/27/x/").title == "В Москве начались переговоры"
    # an og:title that is no part of the <h1> still gives way to it
    page = page.replace("content='В Москве начались переговоры'", "content='Совсем другой заголовок'")
    assert extract(page.encode(), url="https://lenta.ru/news/2025/10/27/x/").title.startswith("В Москве начались переговоры Лавров")


def test_a_title_shown_whole_as_a_heading_keeps_its_tail():
    t = "주한러시아 대사가 바뀐다, 새 대사에 국장 - 대한국관은?"
    page = (f"<html lang='ko'><head><meta property='og:title' content='{t}'><meta property='og:site_name' content='바이러시아21'>"
            f"</head><body><header><h3 class='heading'>{t}</h3></header><article><p>{KO_TEXT}</p><p>{KO_MORE}</p></article></body></html>")
    assert extract(page.encode(), url="http://www.buyrussia21.com/news/articleView.html?idxno=1").title == t
    # a brand tail the page does not show in its heading still goes
    page = page.replace(f"<h3 class='heading'>{t}</h3>", "<h3 class='heading'>주한러시아 대사가 바뀐다, 새 대사에 국장</h3>")
    assert extract(page.encode(), url="http://www.buyrussia21.com/news/articleView.html?idxno=1").title == "주한러시아 대사가 바뀐다, 새 대사에 국장"


def test_a_newsletter_issue_is_an_article_and_its_writer_the_author():
    # the whole issue sits in a container classed "newsletter…", which is clutter on other pages
    page = ("<html lang='ko'><head><meta charset='utf-8'><title>북러 다리 착공</title></head><body>"
            "<nav class='gnb'><a href='/1'>정치</a><a href='/2'>경제</a></nav>"
            "<main><div class='newsletter_view'><h2 class='nl_title'>북러 다리 착공</h2><span class='nl_date'>2024.10.19</span>"
            f"<div class='nl_body'><p>안녕하세요.</p><p>동아일보 편집국 정원수 부국장입니다.</p><p>{KO_TEXT}</p><p>{KO_MORE}</p></div>"
            "<a class='btn_sub' href='/sub'>뉴스레터 구독하기</a></div></main></body></html>")
    c = extract(page.encode(), url="https://donga.com/news/Newsletter?m=view&p0=1&ymd=20241019")
    assert c.authors == ["정원수"] and "부국장입니다" not in c.body and KO_TEXT[:20] in c.body
    assert c.published_local_date == "2024-10-19"
    # a newsletter sign-up box on an article page is still no part of it
    page = ko_page(extra="<div class='newsletter'><p>매일 아침 가장 중요한 뉴스를 받아보세요. 지금 구독하시면 무료입니다.</p></div>")
    assert "구독" not in extract(page, url="https://www.donga.com/news/article/all/20241019/1").body


def test_a_visible_time_the_day_after_the_story_ids_day_is_the_publication():
    url = "https://m.ajunews.com/amp/20240509104544977"
    c = extract(ko_page(top="<p class='date'>2024-05-10 06:00</p>"), url=url)
    assert c.published_at == datetime(2024, 5, 10, 6, 0, tzinfo=SEOUL) and c.published_precision == "minute"
    # a day further off (or before the id's day) is no publication time of this story: the id's day stays
    for shown in ("2024-05-12 06:00", "2024-05-08 06:00"):
        c = extract(ko_page(top=f"<p class='date'>{shown}</p>"), url=url)
        assert c.published_local_date == "2024-05-09" and c.published_precision == "day"


def test_a_by_glued_to_a_korean_name_is_no_part_of_it():
    # Edaily's AMP line "by남궁민관 기자 2025.06.17 20:36:11": the name without its "by"
    assert clean_authors(["by남궁민관 기자"]) == ["남궁민관"]
    assert clean_authors(["By Jane Doe", "Byrne Smith"]) == ["Jane Doe", "Byrne Smith"]  # a name starting "By" stays
    c = extract(ko_page(top="<div class='news_date'><span class='reporter'>by김하늘 기자</span> "
                            "<span class='date'>2025.06.17 20:36:11</span></div>"),
                url="https://m.edaily.co.kr/amp/read?newsId=01")
    assert c.authors == ["김하늘"]


def test_a_portals_box_of_the_press_other_stories_gives_no_byline():
    # Daum's "KBS에서 직접 확인하세요." box: other stories, each with its reporter (the outlet format's not_article)
    box = ("<div class='link_cp'><p>KBS에서 직접 확인하세요.</p><ul><li><a href='/n/1'>봄철 미세먼지</a> "
           "<span class='txt_cp'>정혜진 기자</span></li></ul></div>")
    url = "https://v.daum.net/v/20240227130143714"
    assert extract(ko_page(extra=box), url=url).authors == []
    # the same box elsewhere is not named by any outlet format: its line still reads as a byline there
    assert extract(ko_page(extra=box), url="https://news.example.kr/1").authors == ["정혜진"]


def test_bad_not_article_selector_is_a_config_error(tmp_path):
    from ingest.extract.outlets import load

    (tmp_path / "x.yaml").write_text("outlet: x\ndomains: [x.kr]\nnot_article: ['div[']\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load(str(tmp_path))


def test_an_author_note_closing_a_column_names_its_author_and_goes():
    note = "<p>KIM MIN-JI The author is a professor of international relations at a university in Seoul.</p>"
    page = f"<html lang='en'><body><article><h1>Seoul and Moscow</h1>{EN_TEXT}{note}</article></body></html>"
    c = extract(page.encode(), url="https://v.daum.net/v/20240124192351196")
    assert c.authors == ["Kim Min-ji"] and "The author is" not in c.body
    # a sentence of the story about an author is no note
    page = page.replace(note, "<p>Critics said The author is a figure of the past.</p>")
    assert extract(page.encode(), url="https://v.daum.net/v/20240124192351196").authors == []


def test_newsis_call_for_photos_and_yonhap_app_promos_are_furniture():
    tail = ("</p><p>◎공감언론 뉴시스가 독자 여러분의 소중한 제보를 기다립니다. 사진 또는 영상을 보내주시면 적극 반영하겠습니다."
            "</p><p>▶연합뉴스 앱 지금 바로 다운받기~</p><p>▶네이버 연합뉴스 채널 구독하기")
    c = extract(ko_page(tail=tail), url="https://news.zum.com/articles/1")
    assert "제보를 기다립니다" not in c.body and "다운받기" not in c.body and "구독하기" not in c.body
    assert c.body.rstrip().endswith("내다봤다.")


def test_a_source_line_naming_a_body_is_furniture_a_sentence_stays():
    c = _ru_page("https://news.mail.ru/politics/1/", tail="<p>Источник: Пресс-служба Президента России</p>")
    assert "Пресс-служба" not in c.body
    c = _ru_page("https://news.mail.ru/politics/1/", tail="<p>Источник: Решение уже приняли, добавил он.</p>")
    assert "Решение уже приняли" in c.body


def test_times_of_other_stories_in_a_sidebar_are_not_the_publication():
    page = (f"<html lang='ru'><head><meta charset='utf-8'><title>Мост</title></head><body><main><article><h1>Мост</h1>"
            f"<div class='date'>21 июня 2025, 12:50</div><p>{RU_TEXT}</p><p>{RU_TEXT}</p></article>"
            "<aside><h3>Последние новости</h3><ul><li><a href='/n/1'>Учения</a> <time>20 июня 2025, 18:05</time></li>"
            "</ul></aside></main></body></html>")
    c = extract(page.encode(), url="https://www.sila-rf.ru/2025/06/21/most")
    assert c.published_at == datetime(2025, 6, 21, 12, 50, tzinfo=MOSCOW) and c.published_precision == "minute"
    # a <time> of the article itself still comes first
    page = page.replace("<div class='date'>21 июня 2025, 12:50</div>", "<time datetime='2025-06-21T12:50:00+03:00'>"
                        "21 июня</time>")
    assert extract(page.encode(), url="https://www.sila-rf.ru/2025/06/21/most").published_precision == "second"


def test_a_lead_byline_in_lenticular_brackets_names_its_reporter_and_goes():
    c = extract(ko_page(top="<p>【STV 김형석 기자】북한이 러시아에 공병을 보내기로 했다고 정부가 밝혔다.</p>"),
                url="https://stv.or.kr/mobile/article.html?no=1")
    assert c.authors == ["김형석"] and "【" not in c.body and "북한이 러시아에 공병을" in c.body


def test_an_anchor_intro_handing_over_to_a_desk_reporter_names_him():
    intro = ("<p>&lt;앵커&gt; 북한이 관광지 개발을 서두르고 있습니다. 러시아 관광객을 노린 것으로 보입니다. "
             "안정식 북한전문기자입니다.</p><p>&lt;기자&gt; 원산의 해변을 따라 대형 관광단지가 들어서 있습니다.</p>")
    c = extract(ko_page(top=intro), url="https://m.tv.zum.com/news/play/1")
    assert c.authors == ["안정식"] and "원산의 해변을" in c.body
    # a sentence of the intro that only ends in "입니다" names nobody
    c = extract(ko_page(top="<p>&lt;앵커&gt; 북한이 관광지 개발을 서두르고 있습니다. 러시아 관광객을 노린 것입니다.</p>"),
                url="https://m.tv.zum.com/news/play/1")
    assert c.authors == []


def test_a_correspondent_named_with_his_outlet_in_the_lead_is_the_author():
    top = ("<p>Корейские саперы каждый день очищают поля от мин. Корреспондент «Известий» Станислав Григорьев "
           "провел день вместе с ними.</p><p class='credit'>Фото, видео: 5-tv.ru</p>")
    c = _ru_page("https://www.5-tv.ru/news/1/", top=top)
    assert c.authors == ["Станислав Григорьев"] and "Фото, видео" not in c.body and "провел день" in c.body
    # the correspondent a source spoke to is no byline
    c = _ru_page("https://www.5-tv.ru/news/1/", top="<p>Министр сказал корреспонденту агентства, что мост откроют.</p>")
    assert c.authors == []


def test_a_cartoons_closing_bracketed_korean_name_is_its_artist():
    url = "https://koreajoongangdaily.joins.com/news/2023-09-13/opinion/cartoons/x/1"
    tail = "<p>The drawing follows a summit at which help with a launch was offered for shells. [PARK YONG-SEOK]</p>"
    page = f"<html lang='en'><body><article><h1>A step closer</h1>{EN_TEXT}{tail}</article></body></html>"
    c = extract(page.encode(), url=url)
    assert c.authors == ["Park Yong-seok"] and "[PARK" not in c.body and c.body.rstrip().endswith("for shells.")
    # an agency's or a desk's credit is no person
    c = extract(page.replace("[PARK YONG-SEOK]", "[YONHAP]").encode(), url=url)
    assert c.authors == []


def test_a_vladivostok_papers_times_are_vladivostok_time():
    page = (f"<html lang='ru'><head><meta charset='utf-8'><title>Паром</title></head><body><main><article><h1>Паром</h1>"
            f"<div class='meta'><time>18:50, 28 сентября 2025</time></div><p>{RU_TEXT}</p><p>{RU_TEXT}</p></article>"
            "</main></body></html>")
    c = extract(page.encode(), url="https://vladnews.ru/amp/2025-09-28/1/parom")
    assert c.published_at == datetime(2025, 9, 28, 18, 50, tzinfo=ZoneInfo("Asia/Vladivostok"))
    assert c.published_at.utcoffset() == timedelta(hours=10)


@pytest.mark.parametrize("url, day", [
    ("https://hankyung.com/amp/2024061853741", "2024-06-18"),  # the AMP copy carries the article's id
    ("https://www.hankyung.com/article/2024061853741", "2024-06-18"),
    ("http://www.asiae.co.kr/realtime/sokbo_viewNew.htm?idxno=2023091221425580285", "2023-09-12"),
    ("https://www.asiae.co.kr/article/2023091221425580285", "2023-09-12"),
])
def test_a_story_id_that_opens_with_its_day_dates_a_page_showing_none(url, day):
    c = extract(ko_page(), url=url)
    assert c.published_local_date == day and c.published_precision == "day"
    assert c.published_at.tzinfo is not None and c.published_at.utcoffset() == timedelta(hours=9)


def test_an_asiae_id_too_short_for_a_filing_stamp_gives_no_day():
    assert extract(ko_page(), url="https://www.asiae.co.kr/realtime/sokbo_viewNew.htm?idxno=20230912").published_at is None


@pytest.mark.parametrize("shown, at", [
    ("입력 2024년 12월 19일 11시 04분", datetime(2024, 12, 19, 11, 4, tzinfo=SEOUL)),  # Dong-A's stamp
    ("입력 2024년 12월 19일 오후 3시 04분", datetime(2024, 12, 19, 15, 4, tzinfo=SEOUL)),
])
def test_a_korean_stamp_with_the_clock_spelled_out_keeps_its_time(shown, at):
    c = extract(ko_page(top=f"<ul class='news_info'><li>신문사</li><li><span>{shown}</span></li></ul>"),
                url="https://www.donga.com/news/Politics/article/all/20241219/1/1")
    assert c.published_at == at and c.published_precision == "minute"


def test_an_hour_without_minutes_after_a_korean_date_is_no_stamp():
    found = parse_dated("2024년 12월 19일 오후 3시 회담", tz=SEOUL)
    assert found.precision == "day" and found.at == datetime(2024, 12, 19, tzinfo=SEOUL)


def test_a_broadcasters_credit_line_names_the_reporter_not_the_desk():
    tail = "<p>취재 : 주진희 기자 / jhookiza@naver.com</p><p>제작 : 디지털뉴스부</p>"
    extra = "<aside class='popular'><ol><li><a href='/n/1'>한파특보</a> <span>김민혁 기자</span></li></ol></aside>"
    c = extract(ko_page(tail="</p>" + tail + "<p>", extra=extra), url="https://m.mbn.co.kr/news-amp/1")
    assert c.authors == ["주진희"]
    assert "jhookiza" not in c.body and "디지털뉴스부" not in c.body and "두만강" in c.body


def test_a_bracketed_sign_off_with_its_address_names_the_reporter():
    tail = "<p>[김세희 기자 / saay@mbn.co.kr]</p>"
    c = extract(ko_page(tail="</p>" + tail + "<p>"), url="https://www.mbn.co.kr/news/politics/1")
    assert c.authors == ["김세희"] and "saay@" not in c.body


def test_any_press_lead_byline_with_a_desk_title_names_the_reporter():
    # five summary points above the lead: list items, not paragraphs the lead is looked for among
    points = ("<p class='crumbs'>정치 통일·외교</p><ul class='summary'><li>북한, 새로운 법률적 기초 언급</li>"
              "<li>세 번째 북러 조약 시사</li><li>군사동맹 부활 가능성</li><li>북방외교 성과 흔들릴 우려</li>"
              "<li>외교전략 부재 지적</li></ul>")
    lead = "<p>[서울=뉴스핌] 유신모 외교전문기자 = 최선희 외무상의 방러 이후 북러 관계에 관심이 쏠리고 있다.</p>"
    c = extract(ko_page(top=points + lead), url="https://www.newspim.com/news/view/20240122000074")
    assert c.authors == ["유신모"] and "최선희 외무상의 방러" in c.body
    # an office named where the reporter would stand is nobody
    c = extract(ko_page(top="<p>[서울=뉴스핌] 외교전문기자 = 최선희 외무상의 방러 이후 관심이 쏠린다.</p>"),
                url="https://www.newspim.com/news/view/1")
    assert c.authors == []


@pytest.mark.parametrize("line", ["※ 본문 글자 크기 조정", "※ 번역할 언어 선택", "- 더 작게", "- 보통", "원본보기 아이콘",
                                  "기사 전체 보기", "타스연합뉴스", "AP 연합뉴스", "제작 : 디지털뉴스부"])
def test_korean_page_furniture_lines_go(line):
    c = extract(ko_page(top=f"<p>{line}</p>"), url="https://www.newspim.com/news/view/1")
    assert line not in c.body and "두만강" in c.body


def test_a_sentence_naming_an_agency_or_a_size_is_no_furniture():
    from ingest.extract.furniture import strip

    text = "연합뉴스는 이날 보도했다.\n\n크게 늘었다.\n\n보통"
    assert strip(text, "https://www.newspim.com/news/view/1").text == text
