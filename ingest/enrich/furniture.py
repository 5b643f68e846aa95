"""Wire furniture in Korean and Russian copy, blanked out before entities and quotes.

Bylines, photo credits, e-mail lines, copyright tails, related-article lists,
transcript markers and the outlet in a dateline name people and outlets that
are not what the article is about: ``(서울=뉴스1) 김예원 기자 =``, ``(외교부 제공)
2024.10.21/뉴스1``, ``[연합뉴스 자료사진]``, ``▶ …``, ``<저작권자…>``, ``МОСКВА,
1 ноября. /ТАСС/.``, ``— РИА Новости.``, ``INTERFAX.RU -``, a Kommersant
author line. :func:`mask` replaces them with spaces, so every offset of the
text stays valid; the dateline's city is kept (it is a place of the story).
"""

from __future__ import annotations

import re

_KO = [
    # dateline outlet and byline: "(서울=뉴스1) 김예원 기자 =", "(모스크바·서울=연합뉴스) 최인영 특파원 김지헌 기자 ="
    re.compile(r"(?<==)[^()\n=]{1,12}\)\s*(?:[가-힣]{2,4}\s*(?:특파원|기자)?\s*){0,4}(?:특파원|기자)\s*="),
    re.compile(r"(?<==)(?:뉴스1|연합뉴스|뉴시스|연합뉴스TV)\)"),
    re.compile(r"\((?:[^()\n]{1,20}\s)?(?:제공|갈무리|캡처)\)"),  # (외교부 제공), (조선중앙TV 갈무리)
    re.compile(r"\[[^\[\]\n]{0,80}(?:자료사진|연합뉴스|캡처|재배포|재판매|DB 금지|뉴스1|제공)[^\[\]\n]{0,80}\]"),
    re.compile(r"\d{4}\.\d{1,2}\.\d{1,2}(?:/\S+)?(?:\s*ⓒ\s*\S+(?:=\S+)?(?:\s+[가-힣]{2,4}\s*기자)?)*"),
    re.compile(r"ⓒ\s*\S+(?:=\S+)?(?:\s+[가-힣]{2,4}\s*기자)?"),
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    re.compile(r"<저작권자[^>\n]*>|<[^<>\n]*무단[^<>\n]*>"),
    re.compile(r"^\s*\[?관련 ?기사\]?\s*$(?:\n(?:\s*▶.*|\s*)$)*", re.M),
    re.compile(r"^\s*▶.*$", re.M),
    re.compile(r"^\s*\[(?:앵커|리포트|기자|인터뷰|영상|뉴스\d*|뉴스9|단독|속보|종합)\]", re.M),
    re.compile(r"\((?:종합\d*보?|\d+보|속보|단독)\)"),
    re.compile(r"^.*(?:뉴스|KBS|MBC|SBS|YTN|연합뉴스TV)\s+[가-힣]{2,4}입니다\.?\s*$", re.M),
    re.compile(r"^\s*(?:촬영기자|영상편집|그래픽|영상취재|편집)\s*:.*$", re.M),
    re.compile(r"[가-힣]{2,4}\s*기자가 전해드립니다"),
]

_RU = [
    # "МОСКВА, 1 ноября. /ТАСС/.", "МОСКВА, 15 янв — РИА Новости.", "Москва. 24 октября. INTERFAX.RU -"
    re.compile(r"/\s*(?:ТАСС|ИТАР-ТАСС|TASS)\s*/\.?"),
    re.compile(r"[—–-]\s*(?:РИА Новости|Интерфакс|ТАСС|Прайм|RT)\.(?=\s)"),
    re.compile(r"\b(?:INTERFAX\.RU|Интерфакс)\s*[—–-](?=\s)"),
    re.compile(r"(?:Фото|Фотография)\s*:.*$", re.M),
    re.compile(r"©.*$", re.M),
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    re.compile(r"^\s*(?:Читайте также|Читайте|Смотрите также)\b.*$(?:\n\s*[-—•▶].*$)*", re.M),
]
# A Kommersant-style author line closing the article: "Елена Черненко, Кирилл Кривошеев", "Анна Занина; Владивосток".
_RU_AUTHORS = re.compile(r"\n\s*([А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+(?:\s*[,;]\s*[А-ЯЁ][а-яё]+(?: [А-ЯЁ][а-яё]+)?)*)\s*$")

PATTERNS = {"ko": _KO, "ru": _RU}


def spans(text: str, language: str) -> list[tuple[int, int]]:
    """(start, end) of every piece of furniture in text."""
    out = [(m.start(), m.end()) for p in PATTERNS.get(language, ()) for m in p.finditer(text)]
    if language == "ru":
        m = _RU_AUTHORS.search(text)
        if m:
            out.append((m.start(1), m.end(1)))
    return sorted(out)


def mask(text: str, language: str) -> str:
    """text with its furniture blanked (same length, newlines kept)."""
    chars = list(text)
    for a, b in spans(text, language):
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
