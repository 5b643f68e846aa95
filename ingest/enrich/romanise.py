"""Names outside the knowledge base, kept as one Latin name each.

- Russian: the name in the nominative (``ingest.enrich.mentions_ru.nominative``, pymorphy3 with the
  name's gender), then iuliia's ``wikipedia`` scheme (Андрей Ланьков → Andrey Lankov).
- Korean names in Hangul: the family name by the usual spelling (``kb/romanisation.yaml``),
  the given name in Revised Romanization (korean-romanizer), syllables hyphenated
  (양무진 → Yang Mu-jin).
- Foreign names in Hangul, and any romanised name: matched to a KB person's Latin name by a
  phonetic key when exactly one KB person has that key (이재웅 → Lee Jae-woong); otherwise
  the Revised Romanization of each word (숀 새빗 → Syon Saebit).
- A foreign name in Hangul is also keyed on its letters (jamo) themselves, not on a
  romanisation, against the KB's Latin names and aliases as Hangul writes English (no r
  before a consonant, ng as n): 블링컨 → P R N K N = Blinken, 사브리나 싱 = Sabrina Singh. Only a
  key held by exactly one KB person counts; a lone surname needs four consonant classes.

The same name in another inflection or article gives the same Latin name, so it merges.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.enrich.kb import KB, KBEntity
from ingest.resources import load_yaml, path as resource_path

_HANGUL = re.compile(r"^[\uac00-\ud7a3 ]+$")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_CLASSES = {**dict.fromkeys("bpfv", "P"), **dict.fromkeys("dt", "T"), **dict.fromkeys("gkcq", "K"),
            **dict.fromkeys("szjx", "S"), **dict.fromkeys("lr", "R"), "m": "M", "n": "N"}


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_yaml((resource_path("kb") / "romanisation.yaml").read_text(encoding="utf-8")) or {}


def _rr(text: str) -> str:
    from korean_romanizer.romanizer import Romanizer

    return Romanizer(text).romanize()


def _word_key(word: str, english: bool) -> str:
    w = word.lower()
    w = re.sub(r"[^a-z]", "", w)
    if english:  # as Hangul writes English: no r before a consonant or at the end, ph is f
        w = w.replace("ph", "f").replace("ck", "k")
        w = re.sub(r"r(?=[^aeiouy]|$)", "", w)
        w = re.sub(r"c(?=[eiy])", "s", w)
    w = w.replace("kh", "h").replace("ng", "n").replace("ch", "j").replace("sh", "s")
    w = re.sub(r"(.)\1+", r"\1", w)
    return "".join(_CLASSES.get(ch, "") for ch in w)


# Hangul jamo as consonant classes: initials (19) and finals (28), as the Latin classes above.
_INITIAL = "K K N T T R M P P S S _ S S S K T P _".split()
_FINAL = "_ K K KS N NS N T R RK RM RP RS RT RP R M P PS T S N S S K T P _".split()


def hangul_key(name: str) -> str:
    """Consonant classes of a Hangul name, per word, repeats merged: 블링컨 → PRNKN."""
    words = []
    for word in name.split():
        out = ""
        for ch in word:
            code = ord(ch) - 0xAC00
            if not 0 <= code < 11172:
                return ""
            out += _INITIAL[code // 588].strip("_") + _FINAL[code % 28].strip("_")
        words.append(re.sub(r"(.)\1+", r"\1", out))
    return " ".join(words)


def _merged(key: str) -> str:
    return " ".join(re.sub(r"(.)\1+", r"\1", w) for w in key.split())


def _kb_hangul_keys(kb: KB) -> dict[str, list[KBEntity]]:
    def build(kb: KB) -> dict[str, list[KBEntity]]:
        out: dict[str, list[KBEntity]] = {}
        for ent in kb.entities:
            if ent.type != "person":
                continue
            for form in {ent.name, *ent.aliases}:
                if not re.fullmatch(r"[A-Za-z .'\-]+", form):
                    continue
                key = _merged(phonetic_key(form, True))
                out.setdefault(key, []).append(ent)
                if len(key.split()) > 1:
                    out.setdefault("~" + key.split()[-1], []).append(ent)
        return out

    return kb.memo("romanise.hangul", build)


def kb_by_hangul(name: str, kb: KB) -> KBEntity | None:
    """The one KB person whose Latin name Hangul would write this way (블링컨, 토니 블링컨), else None."""
    key = hangul_key(name)
    if not key:
        return None
    keys = _kb_hangul_keys(kb)
    if len(key.split()) > 1:
        found = {e.name: e for e in keys.get(key, [])}
    elif len(key) >= 4:
        found = {e.name: e for e in keys.get("~" + key, [])}
    else:
        return None
    return next(iter(found.values())) if len(found) == 1 else None


def phonetic_key(name: str, english: bool = False) -> str:
    return " ".join(_word_key(w, english) for w in re.split(r"[\s\-]+", name) if w)


def _kb_keys(kb: KB) -> dict[str, list[KBEntity]]:
    def build(kb: KB) -> dict[str, list[KBEntity]]:
        out: dict[str, list[KBEntity]] = {}
        for ent in kb.entities:
            if ent.type == "person":
                for key in {phonetic_key(ent.name, True), phonetic_key(ent.name, False)}:
                    out.setdefault(key, []).append(ent)
        return out

    return kb.memo("romanise.phonetic", build)


def kb_by_sound(latin: str, kb: KB) -> KBEntity | None:
    """The one KB person whose Latin name sounds like this (several words only), else None."""
    if len(latin.split()) < 2 and "-" not in latin:
        return None
    found = {e.name: e for e in _kb_keys(kb).get(phonetic_key(latin), [])}
    return next(iter(found.values())) if len(found) == 1 else None


def korean_name(name: str) -> str | None:
    """A Korean personal name in Hangul (양무진) in Latin letters, or None if it does not look like one."""
    surnames = _data().get("korean_surnames") or {}
    word = name.replace(" ", "")
    if not (2 <= len(word) <= 4) or " " in name.strip():
        return None
    fam = next((s for s in (word[:2], word[:1]) if s in surnames and len(word) - len(s) >= 1), None)
    if fam is None:
        return None
    given = "-".join(_rr(ch) for ch in word[len(fam):])
    return f"{surnames[fam]} {given[:1].upper()}{given[1:]}"


def _japanese_word(word: str, table: dict) -> str | None:
    """One word of a Japanese name in Hangul in Hepburn letters, or None if Japanese does not write it so."""
    out, double = "", False
    for k, ch in enumerate(word):
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            return None
        (i, v), f = divmod(code // 28, 21), code % 28
        onset = (table["initials_first"] if k == 0 else table["initials"])[i]
        vowel = table["vowels"].get(v)
        if onset == "-" or vowel is None or f not in (0, 4, 19) or v == 18 and i not in (9, 10, 12):
            return None
        if onset in ("s", "j", "ch") and vowel == "i":
            onset = {"s": "sh", "j": "j", "ch": "ch"}[onset]
        elif onset in ("j", "ch") and vowel[0] == "y":
            vowel = vowel[1:]  # 쇼, 조, 추: sho, jo, chu
        elif onset == "s" and vowel[0] == "y":
            onset, vowel = "sh", vowel[1:]
        elif onset == "h" and vowel == "u":
            onset = "f"
        elif onset == "ts" and vowel != "u" or onset == "j" and v == 18:
            onset = "z" if onset == "j" else onset  # 즈 → zu
        if double and onset:
            out += "t" if onset == "ch" else onset[0]
        out += onset + vowel + ("n" if f == 4 else "")
        double = f == 19
    return out[:1].upper() + out[1:]


def japanese_name(name: str) -> str | None:
    """A Japanese person's name in Hangul, family name first (마쓰노 히로카즈), in Latin letters given name first
    (Hirokazu Matsuno); None if it does not read as Japanese (tables in ``kb/romanisation.yaml``)."""
    table = _data().get("japanese_hangul") or {}
    words = name.split()
    if len(words) != 2 or not table or not all(2 <= len(w) <= 5 for w in words):
        return None
    latin_words = [_japanese_word(w, table) for w in words]
    if None in latin_words:
        return None
    if words[0] not in table["surnames"] and not any(c in name for c in "쓰즈"):
        return None
    return f"{latin_words[1]} {latin_words[0]}"


def foreign_latin(word: str) -> str:
    """A foreign name's word in Hangul back in Latin letters (클리모프 → Klimov, 안드레이 → Andrei,
    세르게이 → Sergei): the loanword spelling read backwards, tables in ``kb/romanisation.yaml``."""
    table = _data().get("foreign_hangul") or {}
    ini, vow, fin = table["initials"], table["vowels"], table["finals"]
    sylls = [divmod(divmod(ord(ch) - 0xAC00, 28)[0], 21) + (divmod(ord(ch) - 0xAC00, 28)[1],) for ch in word]
    out = ""
    for k, (i, v, f) in enumerate(sylls):
        last = k == len(sylls) - 1
        onset = ini[i]
        if onset == "r" and (k == 0 or sylls[k - 1][2] == 8):  # a word's first ㄹ, and ㄹㄹ, is l
            onset = "" if k else "l"
        vowel = vow[v]
        if vowel == "eu" and i != 11:  # the vowel written only to carry a consonant
            cluster = f == 8 and not last and sylls[k + 1][0] == 5  # 클리: the l of kl
            vowel = "" if f == 0 or cluster else "o"
        if vowel == "i" and i == 11 and k and not sylls[k - 1][2] and out[-1:] in "aeiou":
            vowel = "i"  # 레이 → rei
        if last and f == 0 and vowel == "" and onset in ("p", "b") and out[-1:] in ("o", "e"):
            onset = "v"  # -ov, -ev
        elif not last and vowel == "" and f == 0 and onset == "b" and out[-1:] in ("a", "e", "i", "o", "u"):
            onset = "v"  # 라브로프 → Lavrov
        if vowel == "" and onset == "ch":
            onset = "ts"  # 츠: Skibitsky, not Skibichky
        if v == 4 and f == 0 and k and (last or sylls[k + 1][1] == 18 and sylls[k + 1][0] != 11 and sylls[k + 1][2] == 0):
            vowel = "er"  # 어 at the end or before a bare consonant is English -er: 스나이더 → Snaider, 로버트 → Lobert
        out += onset + vowel + fin[f]
    return out[:1].upper() + out[1:]


def _korean_cyrillic_nominative(word: str) -> str:
    """The last syllable of a Korean name in Russian spelling out of an oblique case: Чхоля/Чхолю/Чхолем →
    Чхоль, Мёна/Мёну/Мёном → Мён (a Korean syllable ends in a vowel or н, к, м, п, т, ль)."""
    for ending, stem in (("лем", "ль"), ("ля", "ль"), ("лю", "ль"), ("ле", "ль")):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: -len(ending)] + stem
    m = re.match(r"^(.*[нкмптг])(?:ом|ем|а|у|е)$", word)
    return m.group(1) if m and len(m.group(1)) >= 2 else word


def cyrillic_nominative(name: str) -> str:
    """A person's name in Cyrillic in the nominative: a Korean name in Russian spelling is no Russian name to
    decline, only its last syllable takes a case ("Пак Ин Чхоля" is Пак Ин Чхоль, "Ли Чхолем" Ли Чхоль)."""
    import iuliia

    from ingest.enrich.mentions_ru import nominative

    words = name.split()
    if len(words) in (2, 3) and iuliia.WIKIPEDIA.translate(words[0]) in (_data().get("korean_surnames_latin") or ()):
        words[-1] = _korean_cyrillic_nominative(words[-1])
        return " ".join(words)
    return nominative_name(words, nominative)


def latin(name: str, language: str, kb: KB) -> tuple[str, bool]:
    """(Latin name, whether it is a KB person) for a person name outside the KB."""
    if _CYRILLIC.search(name):
        import iuliia

        out = iuliia.WIKIPEDIA.translate(cyrillic_nominative(name))
        words = out.split()
        if len(words) == 2 and words[0] in (_data().get("korean_surnames_latin") or ()):
            out = " ".join(re.sub(r"(?i)kh", lambda m: "H" if m.group(0)[0] == "K" else "h", w) for w in words)  # Li Chhol
        if len(words) == 3 and words[0] in (_data().get("korean_surnames_latin") or ()):
            # Ким Хён Ук: a Korean name in Russian spelling; Kh is h, the given name hyphenated
            words = [re.sub(r"(?i)kh", lambda m: "H" if m.group(0)[0] == "K" else "h", w) for w in words]
            # Гвон, Хван: в after a consonant is the Korean w (Son-gwon, Hwan)
            words = [re.sub(r"(?<=[GKHSJTDBPgkhsjtdbp])v(?=[aeiouy])", "w", w) for w in words]
            out = f"{words[0]} {words[1]}-{words[2].lower()}"
    elif _HANGUL.match(name):
        korean = korean_name(name)
        if korean is None:
            hit = kb_by_hangul(name, kb)
            if hit is not None:
                return hit.name, True
        out = korean or japanese_name(name) or " ".join(foreign_latin(w) for w in name.split())
    else:
        return name, False
    hit = kb_by_sound(out, kb)
    if hit is not None and _CYRILLIC.search(name) and not _same_onsets(out, hit.name):
        hit = None  # Ким Сон Иль is no Kim Jong Il: Russian spelling keeps s and ch/j apart, the Hangul sound key does not
    return (hit.name, True) if hit is not None else (out, False)


def _same_onsets(a: str, b: str) -> bool:
    """Each word starts with the same kind of sibilant: s (S, Sh) or an affricate (Ch, J, Ts, Zh)."""
    def onset(w: str) -> str:
        w = w.lower()
        return "j" if w.startswith(("ch", "j", "ts", "zh", "c")) else "s" if w.startswith("s") else ""
    wa, wb = re.split(r"[\s-]+", a), re.split(r"[\s-]+", b)
    return len(wa) != len(wb) or all(onset(x) == onset(y) or not onset(x) or not onset(y) for x, y in zip(wa, wb))


def nominative_name(words: list[str], nominative) -> str:
    """The name in the nominative: a word that already reads as a nominative name stays as it is."""
    from ingest.enrich.mentions_ru import morph

    if all(any({"Name", "Surn", "Patr"} & set(p.tag.grammemes) and "nomn" in p.tag.grammemes for p in morph().parse(w))
           or not _CYRILLIC.search(w) for w in words):
        return " ".join(words)
    if len(words) == 2 and any("Name" in p.tag.grammemes and "nomn" in p.tag.grammemes for p in morph().parse(words[0])):
        return f"{words[0]} {words[1]}"  # Андрей Ланьков: the first name is nominative, so is the unknown surname
    return nominative(words)


_OBLIQUE_ENDINGS = ("а", "у", "ом", "ым", "е")


def _nominative_by_lone(name: str, lones: set[str]) -> str:
    """A Cyrillic name in an oblique case whose surname the article also writes alone in the nominative
    (военкора Александра Коца … Коц): that surname, and the first name in the nominative of its
    masculine reading (a surname in -а is a man's genitive here, not a woman's name)."""
    words = name.split()
    if len(words) != 2 or not _CYRILLIC.search(name):
        return name
    last = words[-1]
    lone = next((w for w in lones if last != w and last.startswith(w) and last[len(w):] in _OBLIQUE_ENDINGS), None)
    if lone is None:
        return name
    from ingest.enrich.mentions_ru import morph

    first = words[0]
    masc = [p for p in morph().parse(first) if "Name" in p.tag.grammemes and p.tag.gender == "masc"]
    form = masc[0].inflect({"nomn"}) if masc else None
    if form is not None:
        first = form.word[:1].upper() + form.word[1:]
    return f"{first} {lone}"


def _same_surname(short: str, full_last: str) -> bool:
    if _CYRILLIC.search(short):
        n = max(4, min(len(short), len(full_last)) - 2)
        return short[:n] == full_last[:n]
    return short == full_last


def _source(m) -> str:
    """The form a person outside the KB is romanised from: the Cyrillic surface of a full name, else the name."""
    surface = m.surface or ""
    if _CYRILLIC.search(surface) and len(surface.split()) > 1 and not re.search(r"(?:вич|вна|ична)$", surface.split()[-1]):
        return surface
    return m.name  # "Валентин Петрович": the name the article gives in full


def localise(mentions: list, language: str | None, kb: KB) -> tuple[list, dict[str, str]]:
    """Person mentions outside the KB under one Latin name each; a lone surname takes the article's
    full name, and a name cut short the article's longer one. Returns the mentions and, per Latin name, the native form it was written in."""
    from dataclasses import replace

    full = [m for m in mentions if m.type == "person" and not m.in_kb and len(m.name.split()) > 1]
    lones = {m.surface for m in mentions if m.type == "person" and m.surface and len(m.surface.split()) == 1 and _CYRILLIC.search(m.surface)}
    native: dict[str, str] = {}
    out = []
    cache: dict[str, tuple[str, bool]] = {}
    for m in mentions:
        if m.type != "person" or m.in_kb or kb.lookup(m.name) is not None:
            out.append(m)
            continue
        name = _source(m)
        if len((m.surface or "").split()) == 1 and len(m.name.split()) > 1:
            # a lone surname the language rules gave the article's full name (Коц → Александра Коца):
            # the same source as that full name, so both come out as one person
            same = [f for f in full if f.name == m.name and len((f.surface or "").split()) > 1]
            if same:
                name = _source(min(same, key=lambda f: abs(f.start - m.start)))
        name = _nominative_by_lone(name, lones)
        if len(name.split()) == 1:
            match = [f for f in full if _same_surname(name, f.name.split()[-1])]
            if match:
                name = min(match, key=lambda f: abs(f.start - m.start)).name
        else:  # a name cut short in one place (Ким Хён beside Ким Хён Ук) is the longer one
            words = name.split()
            longer = [f for f in full if (w := _source(f).split()) and len(w) > len(words) and w[: len(words)] == words]
            if longer:
                name = _source(min(longer, key=lambda f: abs(f.start - m.start)))
        if name not in cache:
            cache[name] = latin(name, language or "", kb)
        new, in_kb = cache[name]
        if new != name or in_kb:
            if new != name:  # the native form in the nominative ("Ли Чхоль", not the "Ли Чхоля" the text declines)
                native.setdefault(new, cyrillic_nominative(name) if _CYRILLIC.search(name) else name)
            m = replace(m, name=new, in_kb=in_kb)
        out.append(m)
    return out, native
