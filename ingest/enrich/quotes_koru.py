"""Direct quotations and their speakers in Korean and Russian news.

Quoted spans come from :func:`ingest.enrich.quotes.find_quoted` (“…”, «…",
"…", joined over paragraphs); what makes one a direct quote, and who said it,
follows each language's news style. Headline quotes are left out.

Korean: the closing mark is followed by the quotative particle (“…”라고 말했다,
“…”고 강조했다, “…”이라며 …); the speaker is the first person (else body)
named in the sentence before the quote (김 차관은 “…”), else after it
(“…”라고 김 차관이 말했다); a body named by its kind (통신은, 외무성은) is the latest body of
that kind; 그는 / 그녀는, or no subject at all (Korean drops
a subject that carries over), mean the subject of the latest sentence that
names a person. ‘…’ single quotes are names and terms, not quotations.

Russian: «…», — заявил X / «…» — сказал он / «…», — отметил глава МИД;
X: «…»; По словам X, «…» (the whole clause inside the marks). A quoted
fragment inside indirect speech (заявил, что договор «…») is not a quote. The
verb's ending gives the gender (заявила → she), so "он", "она" and a title
(министр, глава МИД, дипломат) resolve to the latest person who fits, not one named in a
reported clause (подчеркнул, что президент Ли …);
"собеседник", "источник" stay unnamed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from ingest.enrich.link import Mention
from ingest.enrich.quotes import find_quoted
from ingest.models import Quote

_SPEAKERS = ("person", "organization")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")

_KO_QUOTATIVE = re.compile(r"\s*(?:이?라고(?:만|도)?|고(?:만|도)?|이?라며|며|이?라면서도?|면서도?)(?=[\s,]|$)")
# 통신은 “…”고 전했다: a body named by its kind is the latest body of that kind (조선중앙통신)
_KO_BODY = re.compile(r"(?:^|\s)(통신|신문|방송|외무성|외교부|외무부|국방부|국방성|국무부|통일부|백악관|크렘린궁|대통령실|정부|당국|대사관)(?:은|는|이|가|측은)\s")
# [녹취: 밀러 대변인] “…” / <인터뷰> 이름/소속 : "…": a broadcast sound bite names its speaker before the quote
_KO_SOUNDBITE = re.compile(r"(?:\[\s*(?:녹취|인터뷰|싱크)\s*:?[^\]\n]*\]|<인터뷰>[^\n]*:)\s*$")
# “…”고 밝혔다. + 매슈 밀러 국무부 대변인은 … 이같이 밝히고: the next sentence names who said it
_KO_LIKEWISE = re.compile(r"이같이\s*(?:밝히|밝혔|말하|말했|강조하|강조했|전하|전했|설명하|설명했|주장하|주장했)")
_KO_NOT_SUBJECT = re.compile(r"(?:의|을|를|에|에게|에서|와|과|로|으로|\s*관계자의|\s*당국자의)(?=\s)")
_KO_PRONOUN = re.compile(r"(?:^|\s)(그|그녀|이|그들)(?:는|은|가|도)\s")
# 대변인은 "…" with no name: the voice of the body named last (VOA's 국무부 대변인 … 대변인은 "…")
_KO_ASKED = re.compile(r"(?:질문|물음)에(?:는|도)?\s|(?:묻자|묻는 말에)\s")
_RELAYED_BY = re.compile(r"(?:передает|передаёт|сообщает|пишет|со ссылкой на)\s+$", re.IGNORECASE)
_KO_UNNAMED_VOICE = re.compile(r"(?:^|\s)(?:부?대변인|당국자|관계자)(?:은|는|이|가|도)\s")
# 그러면서 "…", 이어 "…": the sentence goes on with the speaker of the one before
_KO_GOES_ON = re.compile(r"^\s*(?:그러면서|이어|이어서|아울러|또한|또|그러나|다만|특히)\s")

def _attribution() -> dict:
    from ingest.resources import load_yaml, path as resource_path

    return load_yaml((resource_path("kb") / "attribution.yaml").read_text(encoding="utf-8")) or {}


_CUES = _attribution()
_RU_VERBS = "|".join(re.escape(v) for v in _CUES["ru"]["verbs"])
_RU_STATEMENT = re.compile(r"\s*[,.!?…]?\s*[—–-]?\s*(?:говорится|говорилось|указано|указывается|сказано|отмечается) в (?:" + "|".join(_CUES["ru"]["statements"]) + ")", re.IGNORECASE)
_RU_AFTER = re.compile(rf"\s*[,.!?…]?\s*[—–-]\s*((?:{_RU_VERBS})[а-яё]*)", re.IGNORECASE)
_RU_BY_WORDS = re.compile(r"\b[Пп]о (?:(его|ее|её|их) )?словам(?: [^,«\"“]{1,80})?,\s*$")
_RU_PRONOUN = re.compile(r"^\s*(?:[а-яё]+\s+)?(он|она|они)\b", re.IGNORECASE)
_RU_TITLE_WORDS = (
    r"(глава|министр|дипломат|посол|пресс-секретарь|представитель|президент|лидер|губернатор|"
    r"замминистра|помощник|премьер|спикер|политик|председатель|вице-премьер|генсек|секретарь|депутат|сенатор|"
    r"глава ассоциации)\b"
)
_RU_TITLE = re.compile(r"^\s*(?:[а-яё]+\s+)?" + _RU_TITLE_WORDS, re.IGNORECASE)
_RU_TITLE_ANY = re.compile(r"\b" + _RU_TITLE_WORDS, re.IGNORECASE)
_RU_UNNAMED = re.compile(r"(?:^|\s)(собеседник|источник|эксперт|аналитик|знакомый|очевидец)(?! агентства| издания)", re.IGNORECASE)
# "— добавил аналитик" right after the verb: the expert the article has named, not an unnamed one
_RU_EXPERT_AFTER = re.compile(r"^\s*(?:[а-яё]+\s+)?(?:эксперт|аналитик|политолог|востоковед|кореевед)[.,!]?\s*$", re.IGNORECASE)
# "— отмечает журнал", "— уточнили в краевом правительстве": the publication or body the article named last
_RU_BODY_SUBJECT = re.compile(r"^\s*(?:[а-яё]+\s+)?(?:журнал|издание|газета|агентство|телеканал|ведомство|министерство|"
                              r"пресс-служба|компания|радиостанция|представители|в компании|в корпорации)\b", re.IGNORECASE)
_RU_IN_BODY = re.compile(r"^\s*(?:в|во)\s", re.IGNORECASE)  # after a plural verb: "— уточнили в краевом правительстве"
# "собеседник агентства" is the person interviewed; "приводит его слова X" quotes "him"
_RU_INTERVIEWEE = re.compile(r"\s*(?:собеседник (?:агентства|издания)|(его|ее|её) слова)\b", re.IGNORECASE)


_REPORTED = re.compile(r",\s*(?:что|чтобы)\s")


class _Speakers:
    """The people and bodies named in an article, outside the quotations, in text order."""

    def __init__(self, text: str, mentions: Sequence[Mention], inside: list[tuple[int, int]]):
        self.text = text
        # a name that is all of a quoted span is a name, not a quotation (радиостанция «Голос Кореи», «Ренхап»)
        self.people = [m for m in mentions if m.type in _SPEAKERS
                       and not any(a <= m.start < b and not (m.start <= a + 1 and m.end >= b - 1) for a, b in inside)]
        self.starts = [m.start for m in self.people]

    def named_in(self, a: int, b: int, object_bodies: bool = True) -> str | None:
        """The first person named in text[a:b], else the first body; without ``object_bodies``, a body
        followed by a particle that makes it no subject (백악관 관계자의 답변이 …, 외교부에) does not count."""
        found = self.people[bisect.bisect_left(self.starts, a) : bisect.bisect_left(self.starts, b)]
        if not object_bodies:
            found = [m for m in found if m.type == "person" or not _KO_NOT_SUBJECT.match(self.text, m.end)]
        pick = [m for m in found if m.type == "person"] or found
        return pick[0].name if pick else None

    def topic_person(self, a: int, b: int) -> str | None:
        """Of two or more people named in text[a:b], the one its title marks as the topic (김 대사 옆자리에 앉아
        있던 세르기 키슬리차 … 대사는 "…": Kyslytsya), else None."""
        found = [m for m in self.people[bisect.bisect_left(self.starts, a) : bisect.bisect_left(self.starts, b)]
                 if m.type == "person"]
        if len({m.name for m in found}) < 2:
            return None
        for k, m in enumerate(found):
            stop = found[k + 1].start if k + 1 < len(found) else b
            words = self.text[m.end : stop].split()
            for w in words[:5]:
                if re.search(r"(?:은|는)$", w) and len(w) >= 2:
                    return m.name
                if re.search(r"(?:에|의|을|를|던|고|며|서|와|과|에게)$", w):
                    break
        return None

    def voice_of(self, pos: int) -> str | None:
        """The latest body named before pos with its spokesperson or official (국무부 대변인, 통일부 당국자)."""
        for m in reversed(self.people[: bisect.bisect_left(self.starts, pos)]):
            if m.type == "organization" and re.match(r"\s*(?:부?대변인|당국자|관계자)", self.text[m.end : m.end + 8]):
                return m.name
        return None

    def subject_person_before(self, a: int, b: int) -> bool:
        """A person named in text[a:b] whose phrase ends in a subject particle right before b (통신은 김정은
        국무위원장이 "…"이라며: Kim is the one quoted)."""
        found = [m for m in self.people[bisect.bisect_left(self.starts, a) : bisect.bisect_left(self.starts, b)]
                 if m.type == "person"]
        if not found:
            return False
        words = self.text[found[-1].end : b].split()
        return bool(words) and len(words) <= 3 and re.search(r"(?:이|가|은|는)$", words[-1]) is not None \
            and not any(re.search(r"(?:의|을|를|에|에게)$", w) for w in words[:-1])

    def person_in(self, a: int, b: int) -> str | None:
        """The first person named in text[a:b], else None."""
        found = self.people[bisect.bisect_left(self.starts, a) : bisect.bisect_left(self.starts, b)]
        return next((m.name for m in found if m.type == "person"), None)

    def latest_body(self, pos: int, kind: str | None = None) -> str | None:
        """The latest organisation named before pos (of that kind when one is given and named: 통신 →
        조선중앙통신)."""
        bodies = [m for m in self.people[: bisect.bisect_left(self.starts, pos)] if m.type == "organization"
                  and not _RELAYED_BY.search(self.text, max(0, m.start - 16), m.start)]  # "передает РИА Новости": a relay
        if kind:
            bodies = [m for m in bodies if (m.surface or "").endswith(kind)] or bodies
        return bodies[-1].name if bodies else None

    def latest_person(self, pos: int, gender: str | None = None) -> str | None:
        """The subject of the latest sentence before pos naming a person who fits the gender."""
        fits = [
            m
            for m in self.people[: bisect.bisect_left(self.starts, pos)]
            if m.type == "person" and not (gender and m.gender and m.gender != gender)
        ]
        # a person named in a reported clause ("подчеркнул, что президент Ли …") is not the subject
        fits = [m for m in fits if not _REPORTED.search(self.text, sentence_start(self.text, m.start), m.start)] or fits
        if not fits:
            return None
        start = sentence_start(self.text, fits[-1].start)
        return next(m for m in fits if m.start >= start).name


def sentence_start(text: str, pos: int) -> int:
    last = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        last = m.end()
    return last


def sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_END.search(text, pos)
    return m.start() if m else len(text)


def _quotes(text: str, mentions: Sequence[Mention], attribute) -> list[Quote]:
    quoted = find_quoted(text)
    headline = text.find("\n")
    speakers = _Speakers(text, mentions, [(q.start, q.end) for q in quoted])
    out: list[Quote] = []
    prev: tuple[int, str | None] | None = None  # (end, speaker) of the last quote kept
    for q in quoted:
        if 0 <= headline and q.start < headline:
            continue
        found = attribute(text, q, speakers, prev)
        if found is None:
            continue
        speaker = found[0]
        out.append(Quote(text=q.text.strip(" ,"), speaker=speaker))
        prev = (q.end, speaker)
    return out


def _ko_attribute(text: str, q, speakers: _Speakers, prev) -> tuple[str | None] | None:
    after = _KO_QUOTATIVE.match(text, q.end + 1)
    line = text.rfind("\n", 0, q.start) + 1
    if after is None and q.closed and _KO_SOUNDBITE.search(text, line, q.start):
        return (speakers.person_in(line, q.start) or speakers.latest_person(line),)
    if after is None and q.closed and line == q.start and line > 0:
        # a broadcast caption line naming the voice, then the quote on its own line ("조선중앙TV" / "…")
        prev_start = text.rfind("\n", 0, line - 1) + 1
        label = text[prev_start : line].strip()
        if 0 < len(label) <= 25 and not re.search(r"[.!?다]$", label):
            who = speakers.named_in(prev_start, line)
            if who is not None and len(label) <= len(who) + 12:
                return (who,)
    if after is None and q.closed and line == q.start and re.match(r"[.\s]*\n", text[q.end + 1 :] + "\n"):
        # a paragraph that is all quote, and the next says who: "…". + 토미 피곳 … 이같이 밝혔다.
        return _ko_next_paragraph_speaker(text, speakers, q.end + 1)
    if after is None or not q.closed:
        return None
    start = sentence_start(text, q.start)
    before = text[start : q.start]
    pronoun = _KO_PRONOUN.search(" " + before)
    if pronoun:  # 그는 …: the subject of an earlier sentence, not a person this one names (안규백 장관을 향해)
        return (speakers.latest_person(start, "f" if pronoun.group(1) == "그녀" else None) or speakers.latest_person(q.start),)
    if not speakers.person_in(start, q.start) and _KO_ASKED.search(before) and prev is not None \
            and text.count("\n", prev[0], q.start) <= 8 and not _KO_UNNAMED_VOICE.search(" " + before):
        return (prev[1],)  # …느냐는 질문에는 "…"고 답했다: the briefer answering, the speaker of the quotes before
    surname_title = re.match(r"\s*([가-힣])\s+(?:부?대변인|당국자|관계자)", before)  # 전 대변인은: a surname, not nobody
    if _KO_UNNAMED_VOICE.search(" " + before) and not speakers.person_in(start, q.start) and surname_title is None:
        voice = speakers.voice_of(q.start)  # 외교부 당국자는 … 묻자 "…": the body the official speaks for
        if voice is not None:
            return (voice,)
    if not speakers.named_in(start, q.start):
        if _KO_UNNAMED_VOICE.search(" " + before) and surname_title is None:
            return (speakers.voice_of(q.start) or speakers.latest_body(q.start),)
        if _KO_GOES_ON.match(before) and prev is not None and text.count("\n", prev[0], q.start) <= 6:
            return (prev[1],)
    if re.match(r"\s*성명(?:은|에서|을 통해)\s", before) and not speakers.named_in(start, q.start):
        return (speakers.latest_body(q.start),)  # 성명은 "…": the statement of the body named last
    named = speakers.topic_person(start, q.start) or speakers.named_in(start, q.start, object_bodies=False)
    body = _KO_BODY.search(" " + before)
    if named is None and body:
        named = speakers.latest_body(q.start, body.group(1))
    if named is None:
        named = speakers.named_in(after.end(), sentence_end(text, after.end()))
    if named is None and prev is not None and text.count("\n", prev[0], q.start) <= 2:
        named = prev[1]
    first_person = next((m.start for m in speakers.people if start <= m.start < q.start and m.type == "person"), None)
    body_first = body is not None and first_person is not None and start + body.start() - 1 < first_person
    if body_first and speakers.topic_person(start, q.start) is None and body.group(0).rstrip().endswith(("은", "는")) \
            and not speakers.subject_person_before(start, q.start):
        # 크렘린궁은 … 푸틴 대통령의 방북 계획이 "아직 없다"고: the body is the topic, the person a modifier
        named = speakers.latest_body(q.start, body.group(1)) or named
    if first_person is None or body_first:
        # no person before the quote, or a body is the subject and the people are objects (일본 정부는 … 김정은 …
        # 정상회담을 연 것과 관련해 "…"): the next sentence may say who (마쓰노 … 관방장관은 … 이같이 말했다)
        named = _ko_next_sentence_speaker(text, speakers, after.end()) or named
    if named is None:
        named = speakers.latest_person(start)
    return (named,)


def _ko_next_paragraph_speaker(text: str, speakers: _Speakers, pos: int) -> tuple[str | None] | None:
    """The person the next paragraph's first sentence names before 이같이 밝혔다, as a speaker, else None."""
    a = text.find("\n", pos)
    if a < 0:
        return None
    while a < len(text) and text[a].isspace():
        a += 1
    b = sentence_end(text, a)
    likewise = _KO_LIKEWISE.search(text, a, b)
    name = speakers.person_in(a, likewise.start()) if likewise else None
    return (name,) if name else None


def _ko_next_sentence_speaker(text: str, speakers: _Speakers, pos: int) -> str | None:
    """The person the next sentence names before 이같이 밝히고 / 이같이 말했다, else None."""
    end = sentence_end(text, pos)
    a = end + 1
    while a < len(text) and text[a].isspace():
        a += 1
    b = sentence_end(text, a)
    likewise = _KO_LIKEWISE.search(text, a, b)
    return speakers.person_in(a, likewise.start()) if likewise else None


def _ru_gender(verb: str) -> str | None:
    verb = verb.lower()
    return "f" if verb.endswith(("ла", "лась")) else "m" if verb.endswith(("л", "лся")) else None


def _ru_attribute(text: str, q, speakers: _Speakers, prev) -> tuple[str | None] | None:
    para = text.rfind("\n", 0, q.start) + 1
    statement = _RU_STATEMENT.match(text, q.end + 1)
    if statement:  # «…», — говорится в сообщении пресс-службы: the body that issued it
        region_end = sentence_end(text, statement.end())
        named = [m for m in speakers.people if statement.end() <= m.start < region_end and m.type == "organization"]
        return (named[0].name if named else speakers.latest_body(q.start),)
    lead = text[para : q.start]
    after = _RU_AFTER.match(text, q.end + 1)
    if after:
        gender = _ru_gender(after.group(1))
        region_end = sentence_end(text, after.end())
        interviewee = _RU_INTERVIEWEE.match(text, after.end())
        if interviewee:
            return (speakers.latest_person(q.start, _pronoun_gender(interviewee.group(1)) or gender),)
        return (_ru_speaker(text, speakers, after.end(), region_end, q.start, gender, at_start=True,
                            plural=after.group(1).lower().endswith("ли")),)
    by_words = _RU_BY_WORDS.search(lead)
    if by_words:  # По словам Зиновьева, «…»: the quote is the whole clause, whatever its first letter
        if by_words.group(1):
            return (speakers.latest_person(q.start, _pronoun_gender(by_words.group(1))),)
        return (speakers.named_in(para + by_words.start(), q.start),)
    if not q.text[:1].isupper():
        return None  # a fragment inside a sentence (назвал решение «…»)
    if lead.rstrip().endswith(":"):
        start = sentence_start(text, q.start)
        verb = re.search(rf"\b((?:{_RU_VERBS})[а-яё]*)\s*[^\s]*:\s*$", text[start : q.start], re.IGNORECASE)
        return (_ru_speaker(text, speakers, start, q.start, q.start, _ru_gender(verb.group(1)) if verb else None),)
    if not lead.strip() and prev is not None and text.count("\n", prev[0], q.start) <= 2 and q.text[-1:] in ".!?…":
        return (prev[1],)  # a further sentence of the same speaker, quoted on its own
    return None


def _pronoun_gender(word: str | None) -> str | None:
    return {"его": "m", "он": "m", "ее": "f", "её": "f", "она": "f"}.get((word or "").lower())


def _ru_speaker(text: str, speakers: _Speakers, a: int, b: int, pos: int, gender: str | None, at_start: bool = False,
                plural: bool = False) -> str | None:
    """Who text[a:b] names as the speaker: nobody for an unnamed source, the latest fitting person
    for a pronoun or a title (глава МИД, министр), the latest body for a publication or a body
    (— отмечает журнал, — уточнили в правительстве), else the person (or body) named there."""
    region = text[a:b]
    named = speakers.named_in(a, b)
    title = _RU_TITLE.match(region) if at_start else _RU_TITLE_ANY.search(region)
    if at_start and named is None and _RU_EXPERT_AFTER.match(region):
        return speakers.latest_person(pos, gender)
    if _RU_UNNAMED.search(region) and not (named and at_start and not _RU_UNNAMED.match(region)):
        return None
    if at_start and named is None and (_RU_BODY_SUBJECT.match(region) or plural and _RU_IN_BODY.match(region)):
        return speakers.latest_body(pos)
    if title and at_start and _has_person(speakers, a, min(b, a + 70)):
        return speakers.person_in(a, min(b, a + 70))  # "— сказал глава Минприроды РФ Александр Козлов": the one named
    if title and (at_start or named is None or not _has_person(speakers, a, b)):
        return speakers.latest_person(pos, gender)
    pronoun = _RU_PRONOUN.match(region)
    if pronoun and not _has_person(speakers, a, b):
        return speakers.latest_person(pos, _pronoun_gender(pronoun.group(1)) or gender)
    return named or speakers.latest_person(pos, gender)


def _has_person(speakers: _Speakers, a: int, b: int) -> bool:
    lo, hi = bisect.bisect_left(speakers.starts, a), bisect.bisect_left(speakers.starts, b)
    return any(m.type == "person" for m in speakers.people[lo:hi])


def ko_quotes(text: str, mentions: Sequence[Mention]) -> list[Quote]:
    """Direct quotes of a Korean article with canonical speakers (see module doc), and the lines of a
    broadcast transcript ([우드 차석대사] 마지막으로 …)."""
    return _quotes(text, mentions, _ko_attribute) + _ko_transcript_lines(text, mentions)


# A transcript line of a broadcast report: "[우드 차석대사] 마지막으로 … 질문을 하나 드리겠습니다." (no quotation marks)
_KO_TRANSCRIPT_LINE = re.compile(r"(?m)^[ \t]*\[(?:(?:녹취|인터뷰|싱크)\s*:\s*)?(?P<who>[^\]\n:]{2,30})\][ \t]*(?P<q>[^\s\"“'‘「<\[][^\n]{9,})$")


def _ko_transcript_lines(text: str, mentions: Sequence[Mention]) -> list[Quote]:
    speakers = _Speakers(text, mentions, [])
    out = []
    for m in _KO_TRANSCRIPT_LINE.finditer(text):
        who = speakers.person_in(m.start("who"), m.end("who"))
        if who is not None:  # [사진], [앵커], [기자]: no speaker of the story, no quote
            out.append(Quote(text=m.group("q").strip(), speaker=who))
    return out


def ru_quotes(text: str, mentions: Sequence[Mention]) -> list[Quote]:
    """Direct quotes of a Russian article with canonical speakers (see module doc), and the lines of
    dash dialogue (— Текст, — написал Коц)."""
    return _quotes(text, mentions, _ru_attribute) + _ru_dash_lines(text, mentions)


# A paragraph of Russian dash dialogue: "— Перед началом работы …, — написал Коц в своем Telegram-канале."
_RU_DASH_LINE = re.compile(rf"(?m)^[ \t]*[—–][ \t]+(?P<q>[^\n«»\"“”]+?)[,.!?…]?[ \t]+[—–][ \t]+(?P<verb>(?:{_RU_VERBS})[а-яё]*)\b", re.IGNORECASE)


def _ru_dash_lines(text: str, mentions: Sequence[Mention]) -> list[Quote]:
    speakers = _Speakers(text, mentions, [])
    out = []
    for m in _RU_DASH_LINE.finditer(text):
        if not m.group("q")[:1].isupper():
            continue
        end = sentence_end(text, m.end())
        speaker = _ru_speaker(text, speakers, m.end("verb"), end, m.start(), _ru_gender(m.group("verb")), at_start=True,
                              plural=m.group("verb").lower().endswith("ли"))
        out.append(Quote(text=m.group("q").strip(" ,"), speaker=speaker))
    return out
