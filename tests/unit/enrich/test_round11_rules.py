"""Round-11 rules: a Russian woman's name by her first name, a title followed by the person it names, a broadcast
caption line before a quote, only spaces (or an acronym) between a name, its body and its title, a reporter's
name is no body, and a council between name and title."""

from ingest.enrich.enrich import enrich_text
from ingest.enrich.mentions_ru import surname_gender
from ingest.settings import Settings

CFG = Settings()


def _run(body: str, language: str, title: str = "제목"):
    entities, quotes, _ = enrich_text(title, body, CFG, language)
    return entities, {q.text: q.speaker for q in quotes}


def test_a_womans_first_name_tells_her_gender_when_the_surname_reads_both_ways():
    assert surname_gender("Анна Евстигнеева") == "f"
    assert surname_gender("Сергей Лавров") == "m"


def test_the_diplomat_after_a_womans_name_is_her():
    body = ("Об этом заявила заместитель постоянного представителя РФ при ООН Анна Евстигнеева, передает ТАСС.\n\n"
            "«Призываем южнокорейских коллег одуматься», — сказала дипломат.")
    _, got = _run(body, "ru", "Заголовок")
    assert got["Призываем южнокорейских коллег одуматься"] not in (None, "TASS")


def test_a_title_followed_by_its_holders_name_is_that_person():
    body = ("Ранее гендиректор фирмы Инна Мухина рассказала о ценах.\n\n"
            "«Частота полетов будет определена позже», — сказал глава Минприроды РФ Александр Козлов.")
    _, got = _run(body, "ru", "Заголовок")
    assert got["Частота полетов будет определена позже"] == "Alexander Kozlov"


def test_a_broadcast_caption_line_names_the_voice_of_the_quote_under_it():
    body = ('[리포트]\n\n김정은 국무위원장이 쇼이구 서기를 끌어안습니다.\n\n'
            '조선중앙TV\n"뜻깊은 시기에 평양을 찾은 동지를 반갑게 맞이하시었습니다."')
    _, got = _run(body, "ko")
    assert got["뜻깊은 시기에 평양을 찾은 동지를 반갑게 맞이하시었습니다."] == "Korean Central Television"


def test_no_name_and_title_across_punctuation_and_a_reporter_is_no_body():
    body = ("지노비예프 대사는 러시아 외무부에서 중국과 남북한, 몽골을 맡는 제1아주국장을 지낸 동북아 전문가다. "
            "세르게이 쇼이구 국가안보회의 서기가 평양을 찾았다.\n\n김지원 기자 kim.jiwon@joongang.co.kr")
    entities, _ = _run(body, "ko")
    persons = {e.name for e in entities if e.type == "person"}
    assert persons == {"Georgy Zinoviev", "Sergei Shoigu"}
    assert not any(e.native in ("김지원", "국가안보회의") for e in entities)


def test_a_surname_resolved_to_a_headline_fragment_goes_to_the_person_of_that_name():
    body = ("Russian President Vladimir Putin met North Korean leader Kim Jong Un in Pyongyang.\n\n"
            '"I hope it will be possible to sign a new document," Kim said.')
    entities, got = _run(body, "en", "Putin Meet Kim in Pyongyang to Advance Ties")
    assert "Putin Meet Kim" not in {e.name for e in entities}
    assert got["I hope it will be possible to sign a new document"] == "Kim Jong Un"


def test_a_reporter_and_news_desk_byline_names_no_entity():
    body = "by Abbey Fenbert and The Kyiv Independent news desk\n\nZelensky said the world was watching."
    entities, _ = _run(body, "en", "Zelensky on North Korean troops")
    assert not {"Abbey Fenbert", "Kyiv Independent"} & {e.name for e in entities}


def test_chinese_vietnamese_and_eu_officials_in_hangul_are_their_kb_persons():
    body = ("중국 국무원 총리 리창과 또 럼 베트남 공산당 서기장이 참석했다. "
            "마오닝 외교부 대변인은 \"관계가 발전하고 있다\"고 말했다. "
            "호세프 보렐 유럽연합(EU) 외교안보 고위대표는 한국을 방문한다.\n\n"
            '대외관계청(EEAS)은 성명을 올리고 "북한 군대가 주둔하고 있다"고 밝혔다.\n\n'
            '성명은 "북한은 무기를 제공해 왔다"고 했다.')
    entities, got = _run(body, "ko")
    names = {e.name for e in entities}
    assert {"Li Qiang", "To Lam", "Mao Ning", "Josep Borrell", "State Council of China"} <= names
    assert got["관계가 발전하고 있다"] == "Mao Ning"
    assert got["북한은 무기를 제공해 왔다"] == "European External Action Service"


def test_a_bare_foreign_ministry_as_subject_is_the_one_named_before():
    body = ('러시아 외무부는 26일 홈페이지에 성과를 올렸다.\n\n김정은 국무위원장과 푸틴 대통령. 자료사진\n\n'
            '외무부는 "관계가 새로운 차원으로 발전했다"고 강조했다.')
    _, got = _run(body, "ko")
    assert got["관계가 새로운 차원으로 발전했다"] == "Russian Foreign Ministry"


def test_ukrainska_pravdas_quote_paragraphs_take_the_source_lines_speaker():
    body = ("Yevhen Kizilov — Thursday, 24 April 2025, 21:38\n\n"
            "Ukrainian President Volodymyr Zelenskyy has said the strike used a North Korean missile.\n\n"
            "Source: Zelenskyy on Facebook\n\n"
            'Quote: "There must be real pressure on Russia to stop this."\n\n'
            "Background: Ukraine came under a large-scale attack.")
    entities, got = _run(body, "en", "Zelenskyy: Russia likely struck Kyiv with North Korean missile")
    assert got["There must be real pressure on Russia to stop this."] == "Volodymyr Zelensky"
    assert not {"Background", "Yevhen Kizilov"} & {e.name for e in entities}


def test_a_korean_name_after_a_kb_body_the_recogniser_ran_into_it_is_a_person():
    body = ("Профессор южнокорейского университета Донг-А Кан Дон Ван назвал условия ужасающими. "
            '"Это действительно ужасные условия", - сказал эксперт.')
    entities, got = _run(body, "ru", "Заголовок")
    person = next(e for e in entities if e.type == "person")
    assert person.native == "Кан Дон Ван" and person.name.startswith("Kan")
    assert got["Это действительно ужасные условия"] == person.name
