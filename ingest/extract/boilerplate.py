"""Lines that are never article text: "Read more", rights notices, photo credits, bare dates…

The patterns are data: each entry of :data:`BOILERPLATE_STARTS` is the start
of a line to drop, by kind and language. :func:`dedupe_lines` applies them
and drops repeated lines, the title, and pull quotes.
"""

from __future__ import annotations

import re

from .authors import EMAIL
from .dates import date_in_text
from .text import squash

BOILERPLATE_STARTS = (
    # pointers to other articles
    r"(?:read|see)\s+(?:more|also)\b", r"related(?:\s+(?:articles?|stories|news|coverage))?\s*[:：]",
    r"also\s+read\b", r"more\s+(?:on|from)\s+this\b", r"recommended\s*[:：]",
    r"читайте\s+также", r"смотрите\s+также", r"подробнее\s*[:：]", r"по\s+теме\s*[:：]",
    r"관련\s*기사", r"함께\s*보면",
    # rights notices
    r"(?:copyright|©|\(c\))\s", r"all\s+rights\s+reserved", r"저작권자", r"무단\s*전재", r"ⓒ",
    r"все\s+права\s+защищены", r"при\s+(?:использовании|цитировании)",
    # calls to action and ad labels
    r"(?:follow|like)\s+us\s+on\b", r"subscribe\s+(?:to|now|for)\b", r"sign\s+up\s+for\b", r"share\s+this\b",
    r"click\s+here\b", r"advertisement$", r"реклама$", r"광고$",
    # photo captions and credits
    r"(?:this\s+)?(?:photo|image|file\s+photo|picture)\s+(?:shows|provided|released|taken)\b",
    r"(?:photo|image|фото)\s*[:：]",
    # tags, wire end marks, disclaimers, a bare e-mail address
    r"tags?\s*[:：]", r"теги\s*[:：]", r"[(\[]?(?:end|끝|конец)[)\]]?$",
    r"the\s+views\s+expressed\b", r"(?:you\s+need\s+to\s+|please\s+)?enable\s+javascript\b",
    r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+)$",
    # news tip lines of Korean outlets ("제보는 카카오톡 okjebo")
    r"제보는\s*카카오톡", r"▷\s*(?:카카오톡|이메일|전화)\s*:", r"\*?\s*재판매\s*및\s*DB\s*금지",
)
BOILERPLATE_LINE = re.compile("^(?:" + "|".join(BOILERPLATE_STARTS) + ")", re.I)
BULLETS = "-•*▶■◆▲ "

# A short line ending in a caption credit: "(Yonhap)", "(AP Photo/…)", "(사진=…)", "(фото …)".
CREDIT_TAIL = re.compile(
    r"[(\[](?:[^()\[\]]{0,40}\b(?:photo|file|image|yonhap|ap|afp|reuters|getty|epa|tass|ria|xinhua|kcna|pool|db)\b"
    r"[^()\[\]]{0,40}|[^()\[\]]*(?:사진|фото)[^()\[\]]*)[)\]]\s*$",
    re.I,
)
CREDIT_LINE_MAX = 200
EMAIL_LINE_MAX = 100
# "… 검토할 방침이다. 한지우 기자 jiwoo@…": a sentence with the sign-off joined to it is text (the
# sign-off is cut off later, by the outlet formats' `signoffs`); only a line that is mostly the
# address is noise.
SENTENCE_BEFORE_SIGNOFF = re.compile(r"^.{25,}?[.!?][\"”’»)]?\s+[^.!?]{0,60}@[\w-]+(?:\.[\w-]+)+\s*$")
# A rights notice anywhere in a short line ("™ & © 2013 Some Network, Inc. All rights reserved.",
# "<저작권자(c) 통신사, 무단 전재-재배포 금지>"); "저작권자" alone is just "copyright holder".
RIGHTS = re.compile(
    r"©|ⓒ|\ball\s+rights\s+reserved\b|все\s+права\s+защищены|무단\s*전재|저작권자\s*(?:\(c\)|ⓒ|©)", re.I
)
RIGHTS_LINE_MAX = 200
# A line this short with a date in it and few words is a dateline, not text.
DATE_LINE_MAX, DATE_LINE_WORDS = 60, 8
# A line this short inside a longer one is a coincidence (a subheading such as "Apology"),
# not a pull quote or a repeated caption.
CONTAINED_MIN, CONTAINED_MAX = 20, 200
_WORDS = re.compile(r"\w+")


def noise_line(line: str) -> bool:
    """True for a line that is boilerplate, a rights notice, a credit, an address or a bare date."""
    if BOILERPLATE_LINE.match(line.lstrip(BULLETS)):
        return True
    if len(line) <= RIGHTS_LINE_MAX and RIGHTS.search(line):
        return True
    if len(line) < CREDIT_LINE_MAX and CREDIT_TAIL.search(line):
        return True
    if len(line) <= EMAIL_LINE_MAX and EMAIL.search(line) and not SENTENCE_BEFORE_SIGNOFF.match(line):
        return True
    if len(line) <= DATE_LINE_MAX and len(_WORDS.findall(line)) <= DATE_LINE_WORDS and date_in_text(line):
        return True
    return False


def dedupe_lines(lines: list[str], title: str) -> list[str]:
    """Drop boilerplate lines, the title repeated, and short lines contained in a longer one
    (pull quotes, repeated captions)."""
    kept: list[str] = []
    seen: set[str] = set()
    title_key = title.casefold()
    for line in lines:
        line = squash(line)
        if not line or noise_line(line):
            continue
        key = line.casefold()
        if key in seen or key == title_key:
            continue
        seen.add(key)
        kept.append(line)
    out: list[str] = []
    for i, line in enumerate(kept):
        key = line.casefold().strip("\"'“”«»„ ")
        if CONTAINED_MIN <= len(key) < CONTAINED_MAX and any(
            j != i and len(other) > len(line) and key in other.casefold() for j, other in enumerate(kept)
        ):
            continue
        out.append(line)
    return out


__all__ = ["BOILERPLATE_STARTS", "noise_line", "dedupe_lines"]
