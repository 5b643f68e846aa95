"""The seventh metadata set: real Korean-outlet pages on Korea-Russia relations, rendered in each outlet's layout.

The specs and their gold are in ``bench/gold/metadata/set7.yaml``; each names the stored page it
was written from (``source_url``). This module renders every spec into
``bench/data/metadata/set7/<name>.html`` and splits the set into tuning and held-back pages:

* **the split**: the names, sorted, shuffled by ``random.Random(SEED)``; the first ``HELD``
  are held back (``set7-heldout``), the rest are for tuning (``set7-tune``).
  ``SEED = 20261217`` was fixed before any page was rendered or scored.

The set is byline- and time-rich: lead bylines ("(서울=뉴스1) 권영미 기자 =", "[서울=뉴시스] 남빛나라 기자 ="),
특파원 lines, e-mail sign-offs, anchor intros ("황정민 기자입니다."), portal info lines (Daum, Zum), and
입력/등록/승인/수정 stamps, with meta ``article:published_time`` in Seoul time, in UTC or with no offset. The
layouts also carry what must not be taken: photo credits and photographers, agency promos, related and
most-read boxes with other reporters' names, newsroom officers in footers, newsletter boilerplate. The
text is original.

    python -m bench.metadata_pages7          # (re)write the pages of the set
"""

from __future__ import annotations

import sys

from bench.metadata_pages import (
    KO_NAV, esc, head, li_links, nav, og_site, page_end, paras, published_meta, related, split_set,
    write_set,
)

SEED = 20261217
HELD = 5
SET = "set7"


# ---------------------------------------------------------------- portals

def daum7(p: dict) -> str:
    """Daum's copy: the summary and font-size layers, the info line (reporter, 입력 time), the outlet's
    copyright and the portal's recommendation box."""
    meta = (og_site("Daum") + f'\n<meta property="og:article:author" content="{esc(p["outlet"])}">'
            f'\n<meta property="og:regDate" content="{esc(p["regdate"])}">')
    summary = "".join(f"<li>{esc(x)}</li>" for x in p.get("summary", []))
    lead = "".join(f'<p class="link_figure">{esc(x)}</p>' for x in p.get("lead", []))
    recommend = "".join(f'<li><a href="/v/{i}">{esc(h)}</a> <span class="txt_cp">{esc(w)}</span></li>'
                        for i, (h, w) in enumerate(p.get("recommend", []), 1))
    return (head(p, "ko", meta) + f'<body>\n<header class="head_view">{nav(["뉴스", "엔터", "스포츠"], "gnb_comm")}</header>\n'
            f'<div class="main-content"><div class="head_view"><h3 class="tit_view">{esc(p["headline"])}</h3>\n'
            f'<div class="info_view"><span class="txt_info">{esc(p["byline"])}</span>'
            f'<span class="txt_info">입력 <span class="num_date">{esc(p["shown"])}</span></span></div></div>\n'
            f'<div class="layer_summary"><strong>요약보기</strong><p>전체 맥락을 이해하기 위해서는 본문 보기를 권장합니다.</p><ul>{summary}</ul></div>\n'
            '<div class="layer_util"><p>이 글자크기로 변경됩니다.</p><p>(예시) 가장 빠른 뉴스가 있고 다양한 정보, 쌍방향 소통이 숨쉬는 다음뉴스를 만나보세요. '
            '다음뉴스는 국내외 주요이슈와 실시간 속보, 문화생활 및 다양한 분야의 뉴스를 입체적으로 전달하고 있습니다.</p></div>\n'
            f'<div class="news_view"><div class="article_view" data-translation-body="true"><section dmcf-sid="x">{lead}\n{paras(p["paras"])}</section></div>\n'
            f'<p class="txt_copyright">Copyright © {esc(p["outlet"])}. 무단전재 및 재배포 금지.</p></div>\n'
            f'<div class="link_cp"><p>{esc(p["outlet"])}에서 직접 확인하세요. 해당 언론사로 이동합니다.</p><ul>{recommend}</ul></div></div>\n'
            + page_end("Daum"))


def zum7(p: dict) -> str:
    """Zum's article page: media and time under the title, the agency's caption, lead byline, sign-off and
    promo lines, the comment prompt and the ranking box."""
    first, *rest = p["paras"]
    lead = f'{esc(p["lead_byline"])} ' if p.get("lead_byline") else ""
    tail = "".join(f"<p>{esc(x)}</p>" for x in ([p["signoff"]] if p.get("signoff") else []) + p.get("promo", []))
    copy = f'<p class="copyright">{esc(p["copyright"])}</p>' if p.get("copyright") else ""
    more = f'<a class="go_origin" href="/articles/x">{esc(p["more"])}</a>' if p.get("more") else ""
    ranking = "".join(f'<li><a href="/articles/{i}">{esc(h)}</a> <span class="media">{esc(m)}</span></li>'
                      for i, (h, m) in enumerate(p.get("ranking", []), 1))
    return (head(p, "ko", og_site("ZUM 뉴스")) + '<body>\n<a class="skip" href="#content">컨텐츠 바로가기</a>\n'
            f'<header>{nav(["홈", "뉴스", "연예", "스포츠", "경제"], "gnb")}</header>\n<main id="content"><div class="article_head">'
            f'<h2 class="title">{esc(p["headline"])}</h2>\n<div class="article_info"><span class="media">{esc(p["media"])}</span>'
            f'<span class="time">{esc(p["shown"])}</span></div>\n'
            '<div class="util"><span class="comment">댓글 첫 댓글을 작성해보세요</span><span class="copy_url">주소복사가 완료되었습니다</span></div></div>\n'
            f'<div class="article_body" id="article_body"><figure><img src="/p.jpg" alt=""><figcaption>{esc(p["caption"])}</figcaption></figure>\n'
            f'<p>{lead}{esc(first)}</p>\n{paras(rest)}\n{tail}\n{copy}</div>\n{more}\n'
            f'<aside class="ranking"><h3>많이 본 뉴스</h3><ol>{ranking}</ol></aside></main>\n' + page_end("© ZUM internet Corp."))


def dailyissue7(p: dict) -> str:
    """A portal copy of Yonhap: provider and 입력 time on top, a photo block with its photographer inside the
    text, the reporter's address, and the portal's interstitial and content-provider links."""
    first, *rest = p["paras"]
    photo = (f'<figure class="photo"><img src="/p.jpg" alt=""><figcaption><strong>{esc(p["photo_title"])}</strong>'
             f'<p>{esc(p["photo_caption"])}</p></figcaption></figure>')
    return (head(p, "ko", og_site("데일리이슈") + "\n" + published_meta(p.get("meta_time", ""))) +
            f'<body>\n<header>{nav(KO_NAV, "gnb")}</header>\n<main><article>\n<div class="provider">{esc(p["provider"])}</div>\n'
            f'<h1 class="title">{esc(p["headline"])}</h1>\n<div class="date">{esc(p["shown"])}</div>\n'
            f'<div class="article-body"><p>{esc(p["lead_byline"])} {esc(first)}</p>\n{paras(rest)}\n{photo}\n'
            f'<p>{esc(p["signoff"])}</p></div>\n'
            '<div class="interstitial"><p>인기상품 확인하고 계속 읽어보세요!</p><p>원치 않을 경우 뒤로가기를 눌러주세요.</p></div>\n'
            f'<div class="cp-link"><a href="/cp/yna">{esc(p["provider"])} 콘텐츠 더보기</a> <span>해당 콘텐츠 제공사로 이동합니다.</span></div>\n'
            '</article>\n<aside class="popular"><h3>많이 본 최근 기사</h3><ul>' +
            "".join(f'<li><a href="/n/{i}">{esc(h)}</a> <span>{esc(m)}</span></li>' for i, (h, m) in enumerate(p.get("popular", []), 1)) +
            '</ul><h3>관심 많은 기사</h3></aside></main>\n' + page_end("© dailyissue.net"))


# ---------------------------------------------------------------- newspapers and agencies

def segye7(p: dict) -> str:
    return (head(p, "ko", og_site("세계일보") + "\n" + published_meta(p.get("meta_time", ""))) +
            f'<body>\n<header><a href="/">세계일보</a> <span class="search">검색</span>{nav(KO_NAV, "gnb")}</header>\n'
            f'<main><div class="viewBox"><div class="subTitle"><span class="issue">{esc(p["issue"])}</span></div>\n'
            f'<h3 id="title_sns">{esc(p["headline"])}</h3>\n<div class="viewInfo">{esc(p["shown"])} {esc(p["updated"])}</div>\n'
            '<div class="viewUtil">인쇄 메일 글씨 크기 선택 가장 작은 크기 글자 한 단계 작은 크기 글자 기본 크기 글자 한 단계 큰 크기 글자 가장 큰 크기 글자</div>\n'
            f'<article class="viewBox2" id="article_txt">{paras(p["paras"])}\n<p>{esc(p["signoff"])}</p>\n'
            f'<p class="copyright">{esc(p["copyright"])}</p></article></div>\n'
            '<aside class="popular"><h3>많이 본 뉴스</h3><ol>' + li_links(p.get("popular", [])) + '</ol></aside>\n'
            '<nav class="bottom"><a href="/opinion">오피니언</a> <a href="/photo">포토</a></nav></main>\n' + page_end("Copyright ⓒ 세계일보"))


def fnnews7(p: dict) -> str:
    popular = "".join(f'<li><a href="/news/{i}">{esc(h)}</a> <span class="reporter">{esc(w)}</span></li>'
                      for i, (h, w) in enumerate(p.get("popular", []), 1))
    return (head(p, "ko", og_site("파이낸셜뉴스") + "\n" + published_meta(p.get("meta_time", ""))) +
            f'<body>\n<header>{nav(KO_NAV, "gnb")}</header>\n<main><div class="view_hd"><p class="section">{esc(p["section"])}</p>\n'
            f'<h1 class="tit_view">{esc(p["headline"])}</h1>\n<div class="byline"><span class="name">{esc(p["byline"])}</span>'
            '<span class="media">파이낸셜뉴스</span></div>\n'
            f'<div class="row_date"><span>{esc(p["shown"])}</span><span>{esc(p["updated"])}</span></div></div>\n'
            f'<div class="cont_view" id="article_content"><figure><img src="/p.jpg" alt=""><figcaption>{esc(p["caption"])}</figcaption></figure>\n'
            f'{paras(p["paras"])}\n<p>{esc(p["signoff"])}</p></div>\n'
            '<div class="survey"><strong>fnSurvey</strong> <p>이번 주 가장 궁금한 뉴스는?</p></div>\n'
            f'<aside class="rank"><h3>많이 본 뉴스</h3><ol>{popular}</ol></aside></main>\n'
            + page_end("Copyright ⓒ 파이낸셜뉴스. 무단전재 및 재배포 금지."))


def newsis7(p: dict) -> str:
    points = "".join(f"<p>{esc(x)}</p>" for x in p.get("points", []))
    first, *rest = p["paras"]
    popular = "".join(f'<li><a href="/view/{i}">{esc(h)}</a> <span>{esc(w)}</span></li>'
                      for i, (h, w) in enumerate(p.get("popular", []), 1))
    return (head(p, "ko", og_site("뉴시스") + "\n" + published_meta(p.get("meta_time", ""))) +
            '<body>\n<header><ul class="sns"><li>페이스북</li><li>트위터</li><li>유튜브</li></ul>'
            f'{nav(KO_NAV, "gnb")}</header>\n<main><div class="viewer"><h1 class="tit">{esc(p["headline"])}</h1>\n'
            f'<div class="infoLine"><span>{esc(p["shown"])}</span><span>{esc(p["updated"])}</span></div>\n'
            '<ul class="tool"><li>이메일 보내기</li><li>프린터</li><li>PDF</li></ul>\n'
            f'<div class="summury">{points}</div>\n'
            f'<div class="viewer_cont"><div class="thumCont"><figure><img src="/p.jpg" alt=""><figcaption class="summary_view">{esc(p["caption"])}</figcaption></figure></div>\n'
            f'<p>{esc(p["lead_byline"])} {esc(first)}</p>\n{paras(rest)}\n<p>{esc(p["email"])}</p></div></div>\n'
            f'<aside class="most"><h3>많이 본 기사</h3><ol>{popular}</ol></aside></main>\n'
            + page_end("Copyright © NEWSIS.COM, All rights reserved."))


def news1_amp7(p: dict) -> str:
    first, *rest = p["paras"]
    more = "".join(f'<li><a href="/articles/{i}">{esc(h)}</a></li>' for i, (h, _w) in enumerate(p.get("more", []), 1))
    names = " ".join(esc(w) for _h, w in p.get("more", []))
    keywords = "".join(f"<li>{esc(k)}</li>" for k in p.get("keywords", []))
    return (head(p, "ko", og_site("뉴스1")) + f'<body>\n<header class="amp-header"><a href="/">뉴스1</a>{nav(KO_NAV, "gnb")}</header>\n'
            f'<main><article><h1 class="article-h1">{esc(p["headline"])}</h1>\n'
            f'<figure><amp-img src="/p.jpg" layout="responsive"></amp-img><figcaption>{esc(p["caption"])}</figcaption></figure>\n'
            f'<div id="articles_detail"><p>{esc(p["lead_byline"])} {esc(first)}</p>\n{paras(rest)}\n<p>{esc(p["signoff"])}</p></div>\n'
            f'<div class="keywords"><h3>관련 키워드</h3><ul>{keywords}</ul></div>\n'
            f'<div class="reporter-more"><h3>관련 기사</h3><p class="names">{names}</p><ul>{more}</ul></div></article></main>\n'
            f'<footer><p>{esc(p["footer"])}</p><p>Copyright ⓒ 뉴스1. All rights reserved. 무단 사용 및 재배포, AI학습 활용 금지.</p></footer>\n</body></html>\n')


def buyrussia7(p: dict) -> str:
    """ndsoft CMS (articleView.html): the byline list with e-mail and 승인 time above the text."""
    rel = related("관련기사", p.get("related", []), "article-relation")
    return (head(p, "ko", og_site("바이러시아21")) + '<body>\n<div class="top-util">홈으로 | 회원가입 | 로그인 | 날씨</div>\n'
            f'<header>{nav(["러시아 뉴스", "한-러 관계", "경제", "문화", "여행"], "nav")}</header>\n'
            f'<main><header class="article-view-header"><h3 class="heading">{esc(p["headline"])}</h3>\n'
            f'<ul class="infomation"><li><i class="icon-user"></i> {esc(p["byline"])}</li><li>{esc(p["email"])}</li>'
            f'<li><i class="icon-clock"></i> {esc(p["shown"])}</li><li>댓글 0</li></ul>\n'
            '<div class="share">이 기사를 공유합니다</div></header>\n'
            f'<article id="article-view-content-div"><figure><img src="/p.jpg" alt=""><figcaption>{esc(p["caption"])}</figcaption></figure>\n'
            f'{paras(p["paras"])}</article>\n{rel}\n'
            '<p class="copyright">저작권자 © 바이러시아21 무단전재 및 재배포 금지</p></main>\n' + page_end("바이러시아21"))


def donga_letter7(p: dict) -> str:
    """Dong-A's newsletter page: its boilerplate (the mailing hour), the signed greeting, the day."""
    greeting = "".join(f"<p>{esc(x)}</p>" for x in p["greeting"])
    others = "".join(f'<li><a href="/news/Newsletter?ymd={i}">{esc(x)}</a></li>' for i, x in enumerate(p.get("others", []), 1))
    return (head(p, "ko", og_site("동아일보")) + f'<body>\n<header id="top_header">{nav(KO_NAV, "gnb")}</header>\n'
            '<main><div class="newsletter_view"><p class="nl_name">뉴스레터</p>\n'
            f'<h2 class="nl_title">{esc(p["headline"])}</h2>\n<span class="nl_date">{esc(p["shown"])}</span>\n'
            f'<p class="nl_intro">{esc(p["intro"])}</p>\n<div class="nl_body">{greeting}\n{paras(p["paras"])}</div>\n'
            '<a class="btn_sub" href="/newsletter/sub">뉴스레터 구독하기</a></div>\n'
            f'<aside class="nl_list"><h3>지난 뉴스레터</h3><ul>{others}</ul></aside></main>\n'
            + page_end("Copyright by dongA.com All rights reserved."))


# ---------------------------------------------------------------- broadcasters

def imbc7(p: dict) -> str:
    """MBC's replay page: program, presenter's byline, 입력/수정, the transcript with its ◀ ▶ markers, the
    tip-off box and the comment prompt."""
    lines = "<br><br>".join(esc(x) for x in p["paras"])
    rel = related("관련 뉴스", p.get("related", []), "related-news")
    return (head(p, "ko", og_site("MBC 뉴스") + "\n" + published_meta(p.get("meta_time", ""))) +
            f'<body>\n<header>{nav(["뉴스데스크", "뉴스투데이", "정치", "사회", "국제", "경제"], "gnb")}</header>\n'
            f'<main><div class="article-head"><span class="program">{esc(p["program"])}</span>\n<h2 class="art_title">{esc(p["headline"])}</h2>\n'
            f'<div class="writer"><a href="/reporter/x">{esc(p["byline"])}</a></div>\n'
            f'<div class="date"><span class="input">입력 {esc(p["shown"])}</span> | <span class="modify">수정 {esc(p["updated"])}</span></div></div>\n'
            f'<div class="news_txt" itemprop="articleBody">{lines}</div>\n'
            '<div class="jebo"><p>MBC 뉴스는 24시간 여러분의 제보를 기다립니다.</p><p>▷ 전화 02-784-4000</p>'
            '<p>▷ 이메일 mbcjebo@mbc.co.kr</p><p>▷ 카카오톡 @mbc제보</p></div>\n'
            f'<div class="opinion">당신의 의견을 남겨주세요</div>\n{rel}</main>\n' + page_end("Copyright(c) Since 1996, MBC&iMBC All rights reserved."))


def tvchosun7(p: dict) -> str:
    """TV Chosun: section, title, 등록/수정 line, the share toolbar, the transcript or text, the related list
    above the text and the copyright with its tip-off link."""
    tool = '<ul class="share"><li>페이스북</li><li>트위터</li><li>이메일보내기</li><li>URL복사</li></ul>'
    rel = ("<div class=\"related\"><h4>관련기사</h4><ul>" + "".join(f"<li>- {esc(x)}</li>" for x in p["related"]) + "</ul></div>"
           if p.get("related") else "")
    fig = (f'<figure><img src="/p.jpg" alt=""><figcaption>{esc(p["caption"])}</figcaption></figure>' if p.get("caption") else "")
    return (head(p, "ko", og_site("TV조선")) + f'<body>\n<header>{nav(["뉴스", "정치", "사회", "국제", "경제"], "gnb")}</header>\n'
            f'<main><div class="article-head">{tool}\n<p class="section">{esc(p["section"])}</p>\n'
            f'<h3 class="title">{esc(p["headline"])}</h3>\n<p class="date">{esc(p["shown"])}</p>\n{tool}</div>\n{rel}\n'
            f'<div class="article-body">{fig}\n{paras(p["paras"])}</div>\n'
            '<p class="copy">Copyrights ⓒ TV조선. 무단전재 및 재배포 금지 <a href="/jebo">제보하기</a></p>\n'
            '<aside><h3>이시각 주요뉴스</h3><h3>많이 본 뉴스</h3><ol>' + li_links(p.get("popular", [])) + '</ol></aside></main>\n'
            + page_end("TV CHOSUN"))


LAYOUTS = {f.__name__: f for f in (daum7, zum7, dailyissue7, segye7, fnnews7, newsis7, news1_amp7, buyrussia7,
                                    donga_letter7, imbc7, tvchosun7)}


def load_split(part: str) -> list[dict]:
    """``tune`` or ``heldout`` pages of the seventh set, in file order."""
    return split_set(SET, SEED, HELD, part)


def main(argv: list[str] | None = None) -> int:
    return write_set(SET, LAYOUTS)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
