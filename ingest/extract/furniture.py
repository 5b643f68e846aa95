"""Wire furniture: what an outlet prints around a story that is not the story.

Version marks and slugs in headlines ("(2nd LD)", "(Yonhap Feature)"), ATTN
and "(END)" lines, photo credits (the caption itself stays: it names what the
story names, sometimes the only full name of someone the story calls "the
minister"), bylines and e-mail lines, editor's notes, "Related Articles" /
"Read also" lists. The rules are
data (:mod:`.outlets`, ``ingest/resources/wire/*.yaml``); this module only
applies them, on the page path (after extraction) and on plain text
(``ingest enrich FILE``), always before entity recognition and quotes.

:func:`strip` removes furniture and keeps its facts (the authors of a byline,
the month and day of a dateline). The dateline itself stays in the text (it
is where the story starts); :func:`for_language_tools` then hides what the
language tools must not read as names: the outlet in a dateline ("(Yonhap)",
"/TASS/"), speaker labels of transcripts, and broadcast transcript lines
("[Name/Title, Institute: "…"]") become plain attributions ("Name, Title,
Institute: "…"") so the quote keeps its speaker.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from .outlets import Outlet, for_url, load

_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
# Agency bylines ("By Yonhap", "AFP") count only when no reporter is named.
AGENCIES = frozenset({"yonhap", "afp", "ap", "reuters", "tass", "interfax", "xinhua", "kyodo", "bloomberg"})
_IN_PLACE = re.compile(r"\s+in\s+[A-Z][\w .-]*$")


@dataclass
class Dateline:
    month: str
    day: int
    outlet: str | None = None


@dataclass
class Stripped:
    text: str
    title: str = ""
    authors: list[str] = field(default_factory=list)
    dateline: Dateline | None = None
    source: str | None = None  # the agency a dateline or lead byline credits ("/ТАСС/", "(서울=연합뉴스)")


SIGNOFF_PARAGRAPHS = 3  # a sign-off closes one of the story's last paragraphs
LEAD_PARAGRAPHS = 5  # a lead byline opens one of its first (after a subtitle of up to four lines: Newsis)
# A list item ("- 푸틴 방북 계기로 …", the summary points Newspim puts above its lead) is not one of them.
_LIST_ITEM = re.compile(r"^[-•*]\s")


def _lead_window(paragraphs: list[str]) -> list[int]:
    """Indexes of the first :data:`LEAD_PARAGRAPHS` paragraphs that are not list items (with the list
    items among them): where a lead byline may stand."""
    out, prose = [], 0
    for i, para in enumerate(paragraphs):
        if prose >= LEAD_PARAGRAPHS:
            break
        out.append(i)
        prose += not _LIST_ITEM.match(para.strip())
    return out
_SCRIPTS = {"ko": re.compile(r"[가-힣]"), "ru": re.compile(r"[А-Яа-яЁё]")}


def _in_language(outlets: tuple[Outlet, ...], text: str) -> tuple[Outlet, ...]:
    """The formats whose ``language`` is written in ``text`` (those without a language always)."""
    return tuple(o for o in outlets if not o.language or o.language not in _SCRIPTS or _SCRIPTS[o.language].search(text))


def _signoffs(paragraphs: list[str], rules) -> tuple[list[str], list[str]]:
    """Sign-offs cut from the last paragraphs ("… 검토할 방침이다. 한지우 기자 jiwoo@…" keeps its
    sentence); a paragraph that was only the sign-off goes. Returns (paragraphs, names)."""
    names: list[str] = []
    out = list(paragraphs)
    for i in range(len(out) - 1, max(-1, len(out) - 1 - SIGNOFF_PARAGRAPHS), -1):
        m = _any(rules, out[i].strip())
        if not m:
            break  # the story's own text: no sign-off above it
        found = [n for n in byline_names(match_names(m)) if n not in names]
        names = found + names
        out[i] = out[i].strip()[: m.start()].rstrip()
    return [p for p in out if p.strip()], names


def _any(rules, text: str) -> re.Match | None:
    for rule in rules:
        m = rule.search(text)
        if m:
            return m
    return None


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_NUMBERED_REF = re.compile(r"\\[1-9]")


@lru_cache(maxsize=256)
def _joined(patterns: tuple[str, ...], flags: int) -> re.Pattern | None:
    """One regex that matches where any of ``patterns`` does (their named groups made plain), or None when
    they cannot be joined (a back-reference)."""
    if any(_NUMBERED_REF.search(p) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{_NAMED_GROUP.sub('(?:', p)})" for p in patterns), flags)
    except re.error:  # (?P=name) without its group
        return None


def _at_start(pattern: str) -> bool:
    """Whether every match of ``pattern`` starts at a line start: a leading ``^`` and no ``|`` outside groups."""
    if not pattern.startswith("^"):
        return False
    depth, i, in_class = 0, 1, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += pattern.startswith("[^]", i) or pattern.startswith("[]", i)  # a leading "]" is literal
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return False
        i += 1
    return True


@lru_cache(maxsize=256)
def _plan(rules: tuple[re.Pattern, ...]) -> tuple[re.Pattern | None, tuple[re.Pattern, ...]]:
    """(the rules anchored at the line start joined into one regex, or None; the rules to try one by one)."""
    start = tuple(r for r in rules if _at_start(r.pattern))
    flags = {r.flags for r in start}
    joined = _joined(tuple(r.pattern for r in start), flags.pop()) if len(flags) == 1 else None
    return (joined, tuple(r for r in rules if r not in start)) if joined is not None else (None, rules)


def _matches(rules: tuple[re.Pattern, ...], text: str) -> bool:
    """Whether any rule matches ``text`` (a line): the rules anchored at the line start are tried as one
    regex at its start only, the others one by one (a line is tried against every rule of every outlet,
    one search each was most of the time spent stripping)."""
    if not rules:
        return False
    if "\n" in text:
        return _any(rules, text) is not None
    joined, rest = _plan(tuple(rules))
    return (joined is not None and joined.match(text) is not None) or _any(rest, text) is not None


def _rules(outlets: tuple[Outlet, ...], key: str) -> tuple[re.Pattern, ...]:
    return tuple(r for o in outlets for r in o.rules(key))


def person_case(name: str) -> str:
    """"LEE HYUN-JOO" → "Lee Hyun-joo"; names already in mixed case stay as written."""
    if not name.isupper() or len(name) <= 4:  # AFP, KBS stay upper case
        return name
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


def match_names(m: re.Match) -> str:
    """A byline match's names: its ``names`` group and any ``names2``, ``names3`` … ("Reporting by
    X; Writing by Y"), joined as one list; none for a sign-off that names nobody (a photo's credit tail)."""
    parts = [m.groupdict().get("names")] + [v for k, v in sorted(m.groupdict().items()) if k.startswith("names") and k != "names" and v]
    return ", ".join(p for p in parts if p)


def byline_names(raw: str) -> list[str]:
    """Names in a byline's names part: "Joon Park in Seoul and Irina Volkova in Moscow" → two names."""
    out = []
    for part in _NAME_SPLIT.split(raw):
        name = _IN_PLACE.sub("", part.strip(" .")).strip()
        if name and len(name.split()) <= 4:
            out.append(person_case(name))
    return out


def strip_title(title: str, outlets: tuple[Outlet, ...]) -> str:
    for rule in _rules(outlets, "title_marks"):
        title = rule.sub("", title, count=1)
    return title.strip()


def _blocks_cut(paragraphs: list[str], outlets: tuple[Outlet, ...]) -> list[str]:
    """Paragraphs without "Related Articles"-style blocks (to the end) and "Read also" + one headline."""
    blocks, short = _rules(outlets, "blocks"), _rules(outlets, "short_blocks")
    out: list[str] = []
    skip_next = False
    for para in paragraphs:
        lines = para.split("\n")
        if skip_next:
            skip_next = False
            lines = lines[1:]
        if _matches(blocks, lines[0].strip() if lines else ""):
            break
        if lines and _matches(short, lines[0].strip()):
            skip_next = len(lines) == 1  # the headline is the next paragraph
            lines = lines[2:]
        if any(line.strip() for line in lines):
            out.append("\n".join(lines))
    return out


def strip(text: str, url: str | None = None, title: str = "", outlets: tuple[Outlet, ...] | None = None) -> Stripped:
    """The story without its furniture, with the byline's authors and the dateline's month and day."""
    outlets = for_url(url, outlets)
    drop, credits, bylines = _rules(outlets, "drop"), _rules(outlets, "caption_credit"), _rules(outlets, "bylines")
    authors: list[str] = []
    for rule in bylines:  # a byline spread over lines ("Name" then a date line) is read on the whole text
        m = rule.search(text) if "\\n" in rule.pattern else None
        if m:
            authors.extend(byline_names(match_names(m)))
            text = text[: m.start("names")] + text[m.end("names") :]
    kept: list[str] = []
    for para in _PARAGRAPHS.split(text.strip()):
        lines = []
        for line in para.split("\n"):
            bare = line.strip()
            byline = _any((r for r in bylines if "\\n" not in r.pattern), bare)
            if byline:
                authors.extend(n for n in byline_names(match_names(byline)) if n not in authors)
                continue
            if _matches(credits, bare):
                continue
            if bare and _matches(drop, bare):
                continue
            lines.append(line)
        if any(line.strip() for line in lines):
            kept.append("\n".join(lines).strip())
    paragraphs = _blocks_cut(kept, outlets)
    local = _in_language(outlets, text)
    lead: list[str] = []
    for i in _lead_window(paragraphs):
        para = paragraphs[i]
        for rule in _rules(local, "lead_bylines"):
            m = rule.search(para.strip())
            if not m:
                continue
            lead.extend(byline_names(match_names(m)))
            if m.groupdict().get("cut"):  # a byline with no place in it ("[스포츠조선 박아람 기자]"): it goes
                bare = para.strip()
                paragraphs[i] = (bare[: m.start("cut")] + bare[m.end("cut"):]).strip()
    paragraphs, signed = _signoffs(paragraphs, _rules(local, "signoffs"))
    for name in lead + signed:
        if name not in authors:
            authors.append(name)
    source = None
    for rule in _rules(local, "agency"):
        m = rule.search(paragraphs[0]) if paragraphs else None
        if m:
            source = m.group("agency")
            break
    body = "\n\n".join(paragraphs)
    people = [a for a in authors if a.casefold() not in AGENCIES]
    return Stripped(body, strip_title(title, outlets), people or authors, find_dateline(body, outlets), source)


def byline_authors(lines, url: str | None = None, outlets: tuple[Outlet, ...] | None = None) -> list[str]:
    """Authors from the first line of a page that is a byline of its outlet ("BY SARAH KIM, LEE HYUN-JOO [...]")."""
    rules = [r for r in _rules(for_url(url, outlets), "bylines") if "\\n" not in r.pattern]
    for line in lines:
        bare = " ".join(line.split())
        m = _any(rules, bare) if 0 < len(bare) <= 200 else None
        if m:
            names = [n for n in byline_names(match_names(m)) if n.casefold() not in AGENCIES]
            if names:
                return names
    return []


def find_dateline(text: str, outlets: tuple[Outlet, ...] | None = None, url: str | None = None) -> Dateline | None:
    """The dateline opening the story ("SEOUL, Oct. 21 (Yonhap) --"), or None."""
    outlets = outlets if outlets is not None else for_url(url)
    head = "\n\n".join(_PARAGRAPHS.split(text.strip(), maxsplit=3)[:3])
    for rule in _rules(outlets, "datelines"):
        m = rule.search(head)
        if m and "month" in m.groupdict() and m["month"]:
            outlet = m.groupdict().get("outlet")
            return Dateline(m["month"], int(m["day"]), outlet)
    return None


def _unslug(match: re.Match) -> str:
    """The dateline without its outlet: "SEOUL, Oct. 21 (Yonhap) -- " → "SEOUL, Oct. 21 -- "."""
    text = match.group(0)
    if "outlet" not in match.groupdict() or match["outlet"] is None:
        return text
    a, b = match.span("outlet")
    a, b = a - match.start(), b - match.start()
    while a > 0 and text[a - 1] in "(/ ":
        a -= 1
    while b < len(text) and text[b] in ")/":
        b += 1
    if text[:a].endswith(".") and text[b:].startswith("."):  # "July 13. /TASS/. " → "July 13. "
        b += 1
    return text[:a] + text[b:]


def _transcript(match: re.Match) -> str:
    title = " ".join((match.groupdict().get("title") or "").split())
    who = f"{match['name']}, {title}" if title else match["name"]
    return f"{who}: {match['quote']}"


def for_language_tools(text: str, url: str | None = None, outlets: tuple[Outlet, ...] | None = None) -> str:
    """Stripped text as entity recognition and quote attribution should read it (see module doc)."""
    outlets = for_url(url, outlets)
    for rule in _rules(outlets, "datelines"):
        text = rule.sub(_unslug, text, count=1)
    for rule in _rules(outlets, "transcripts"):
        text = rule.sub(_transcript, text)
    for rule in _rules(outlets, "mask"):
        text = rule.sub("", text)
    return text


def for_enrichment(title: str, body: str, url: str | None = None) -> tuple[str, str]:
    """(title, body) as enrichment reads them: furniture stripped, then :func:`for_language_tools`."""
    outlets = for_url(url)
    stripped = strip(body, title=title, outlets=outlets)
    return stripped.title, for_language_tools(stripped.text, outlets=outlets)


def blank(text: str, language: str, outlets: tuple[Outlet, ...] | None = None) -> str:
    """``text`` with the inline furniture of its language's press blanked: same length, newlines kept.

    The rules are the ``blank`` lists of the formats for ``language``
    (``korean-press.yaml``, ``russian-press.yaml``); a rule with a ``blank``
    group blanks only that group.
    """
    chars = list(text)
    for outlet in outlets if outlets is not None else load():
        if outlet.language != language:
            continue
        for rule in outlet.rules("blank"):
            for m in rule.finditer(text):
                start, end = m.span("blank") if "blank" in rule.groupindex else m.span()
                for i in range(start, end):
                    if chars[i] != "\n":
                        chars[i] = " "
    return "".join(chars)


__all__ = ["blank", "for_enrichment", "byline_authors", "Dateline", "Stripped", "strip", "strip_title", "find_dateline", "for_language_tools", "byline_names",
           "person_case"]
