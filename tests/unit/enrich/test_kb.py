from pathlib import Path

import pytest

from ingest.errors import ConfigError
from ingest.enrich.kb import alias_key, get_kb, load


def test_alias_key_ignores_case_spacing_hyphens_and_diacritics():
    assert alias_key("Kim Jong-un") == alias_key("KIM JONG UN") == alias_key("Kim Jong Un")
    assert alias_key("António Guterres") == alias_key("Antonio Guterres")
    assert alias_key("U.S.") == alias_key("US")
    assert alias_key("Shin Won-sik") == alias_key("Shin Wonsik")


@pytest.mark.parametrize(
    "alias, canonical, etype",
    [
        ("Kim Jong-un", "Kim Jong Un", "person"),
        ("김정은", "Kim Jong Un", "person"),
        ("Владимир Путин", "Vladimir Putin", "person"),
        ("Kiev", "Kyiv", "location"),
        ("DPRK", "North Korea", "location"),
        ("Republic of Korea", "South Korea", "location"),
        ("Russian Federation", "Russia", "location"),
        ("Yoon Suk-yeol", "Yoon Suk Yeol", "person"),
        ("Choi Son-hui", "Choe Son Hui", "person"),
        ("KCNA", "Korean Central News Agency", "organization"),
        ("Yonhap", "Yonhap News Agency", "organization"),
        ("Zelenskyy", None, None),  # surname only: resolved by linking, not an alias
    ],
)
def test_lookup_variants(alias, canonical, etype):
    hit = get_kb().lookup(alias)
    if canonical is None:
        assert hit is None
    else:
        assert (hit.name, hit.type) == (canonical, etype)


def test_kb_is_broad_and_wikidata_only_where_given():
    kb = get_kb()
    people = [e for e in kb.entities if e.type == "person"]
    assert len(people) >= 60
    assert kb.lookup("Putin") is None
    assert kb.lookup("Vladimir Putin").wikidata == "Q7747"
    assert kb.lookup("Kim Jong Un").wikidata == "Q56226"
    assert kb.lookup("Maria Zakharova").gender == "f"
    assert kb.demonym("South Korean").name == "South Korea"


def test_surname_index_covers_spelling_variants_and_refuses_ambiguity():
    kb = get_kb()
    assert kb.by_surname_unique("Zelenskiy").name == "Volodymyr Zelensky"
    assert kb.by_surname_unique("Lavrov").name == "Sergei Lavrov"
    assert kb.by_surname_unique("Kim") is None  # many Kims


def test_duplicate_alias_is_an_error(tmp_path: Path):
    f = tmp_path / "kb.yaml"
    f.write_text(
        "- {name: A One, type: person, aliases: [Same]}\n- {name: B Two, type: person, aliases: [same]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="names both"):
        load(f)


@pytest.mark.parametrize("content", ["- {name: X}\n", "just text", "- [unclosed\n"])
def test_malformed_kb_gives_one_line_error(tmp_path: Path, content: str):
    f = tmp_path / "kb.yaml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        load(f)


def test_missing_kb_file(tmp_path: Path):
    with pytest.raises(ConfigError, match="cannot read"):
        load(tmp_path / "nope.yaml")


def test_the_shipped_kb_files_load_together():
    """Every entities*.yaml loads as one KB: no name defined twice, no alias naming two entities."""
    from ingest.enrich.kb import kb_files, load

    assert len(kb_files()) >= 3
    load()
