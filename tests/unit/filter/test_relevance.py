"""Relevance: both a Russia side and a Korea side, scored, with machine-friendly reasons."""

from __future__ import annotations


import pytest

from ingest.filter.relevance import load_rules, score
from ingest.errors import ConfigError
from ingest.filter.terms import TermList, parse_weights
from tests import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"
SEED_DIRS = [SEEDS, ROOT / "data" / "seed"]


def seed_texts() -> list[tuple[str, str]]:
    """(title, body) of the two seed articles; the first line of the Yonhap one is its title."""
    for folder in SEED_DIRS:
        files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
        if len(files) >= 2:
            break
    else:
        pytest.fail("seed articles not found in /work/shared/seeds or data/seed")
    out = []
    for f in files[:2]:
        text = f.read_text(encoding="utf-8")
        first, _, rest = text.partition("\n")
        # The Yonhap seed starts with its headline on its own line; the Oreanda one does not.
        out.append((first, rest) if len(first) < 200 else ("", text))
    return out


def test_both_seeds_are_relevant_with_a_clear_margin():
    for title, body in seed_texts():
        r = score(title, body, threshold=2.0)
        assert r.relevant, r
        assert r.reason == "relevant"
        assert r.score >= 5.0
        assert r.korea_hits and r.russia_hits and r.relation_hits


def test_yonhap_seed_hits_are_explained():
    title, body = seed_texts()[0]
    r = score(title, body, threshold=2.0)
    assert "s. korea" in r.korea_hits  # "S. Korea" in the headline
    assert r.korea_hits.get("seoul", 0) >= 5
    assert "russia*" in r.russia_hits and "moscow" in r.russia_hits
    assert "sanction*" in r.relation_hits


def test_ukraine_only_article_is_irrelevant():
    r = score(
        "Russia launches massive drone attack on Kyiv",
        "Russian forces struck Ukraine's energy grid overnight. The Kremlin said the strikes targeted military sites. "
        "Ukrainian President Volodymyr Zelensky called for more air defence from Western allies.",
        threshold=2.0,
    )
    assert not r.relevant and r.reason == "no_korea_terms" and r.score == 0.0
    assert r.russia_hits and not r.korea_hits


def test_kpop_in_seoul_is_irrelevant():
    r = score(
        "K-pop group announces world tour opening in Seoul",
        "The South Korean boy band will open its world tour with two concerts at Seoul Olympic Stadium, "
        "its agency said, before heading to Tokyo, Bangkok and Los Angeles.",
        threshold=2.0,
    )
    assert r.reason == "no_russia_terms" and not r.relevant


def test_passing_mention_is_below_threshold_with_formatted_reason():
    r = score("Russia hits Ukraine", "Russian forces hit Kyiv; some missiles were reportedly made in North Korea.", threshold=2.0)
    assert not r.relevant
    assert r.reason == f"below_threshold({round(r.score, 2)}<2.0)"
    assert 0 < r.score < 2.0


def test_title_counts_more_than_body():
    in_title = score("Russia and South Korea", "The two met.", threshold=2.0)
    in_body = score("The two met", "Russia and South Korea.", threshold=2.0)
    assert in_title.score == pytest.approx(3 * in_body.score)
    assert in_title.relevant and not in_body.relevant


def test_relation_words_lift_a_borderline_article():
    plain = score("", "Russia and Korea were mentioned.", threshold=2.0)
    related = score("", "Russia and Korea discussed sanctions, the treaty and their bilateral ties.", threshold=2.0)
    assert related.score > plain.score
    assert related.relevant and not plain.relevant


def test_south_korea_and_north_korea_both_count_as_korea():
    for korea in ("South Korea", "North Korea", "the DPRK", "Pyongyang", "S. Korea"):
        r = score(f"Moscow and {korea} hold talks", "", threshold=2.0)
        assert r.relevant, korea


def test_korean_text_is_scored():
    r = score(
        "북러 정상회담…푸틴, 평양서 김정은과 포괄적 전략 동반자 조약 서명",
        "블라디미르 푸틴 러시아 대통령이 평양에서 김정은 국무위원장과 정상회담을 갖고 조약에 서명했다. "
        "한국 정부는 러시아와의 군사협력에 우려를 표명했다.",
        threshold=2.0,
    )
    assert r.relevant
    assert {"북러", "평양", "김정은"} <= set(r.korea_hits)
    assert {"러시아", "푸틴"} <= set(r.russia_hits)


def test_russian_text_with_inflections_is_scored():
    r = score(
        "Лавров: Россия и КНДР продолжат развивать военное сотрудничество",
        "Министр иностранных дел России заявил, что Москва и Пхеньян будут развивать отношения. "
        "Посол Республики Корея был вызван в МИД РФ. Южнокорейская сторона ввела санкции против Российской Федерации.",
        threshold=2.0,
    )
    assert r.relevant
    assert r.russia_hits["росси*"] >= 3  # Россия, России, Российской
    assert {"кндр", "пхеньян*", "корея"} <= set(r.korea_hits)
    assert "санкци*" in r.relation_hits


def test_russian_false_friend_words_do_not_count():
    # "корень" (root) and "Прусcия"-like words must not look like Korea / Russia
    r = score("", "Корень проблемы в Пруссии и в москитах.", threshold=2.0)
    assert not r.korea_hits and not r.russia_hits


def test_word_boundaries_for_latin_terms():
    r = score("", "Prussia and Muscovy; rock music from Seoul", threshold=2.0)
    assert not r.russia_hits
    assert "rok" not in r.korea_hits


def test_threshold_comes_from_settings(monkeypatch):
    from ingest.settings import Settings

    title, body = seed_texts()[1]
    monkeypatch.setenv("INGEST_RELEVANCE_THRESHOLD", "1000")
    r = score(title, body, threshold=Settings.from_env().relevance_threshold)
    assert not r.relevant and r.reason.startswith("below_threshold(") and r.reason.endswith("<1000.0)")
    assert score(title, body, threshold=Settings().relevance_threshold).relevant


def test_empty_input_is_irrelevant_not_an_error():
    r = score("", "", threshold=2.0)
    assert r.reason == "no_russia_terms" and r.score == 0.0
    assert score(None, None, threshold=2.0).reason == "no_russia_terms"  # type: ignore[arg-type]


def test_bad_terms_file_is_a_one_line_error(tmp_path):
    bad = tmp_path / "terms.yaml"
    bad.write_text("korea: {en: [korea]}\nrussia: {}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'russia' term list is empty"):
        load_rules(bad)
    bad.write_text("korea: {en: {korea: heavy}}\nrussia: [russia]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="weight must be a number"):
        load_rules(bad)
    bad.write_text("korea: [", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read") as info:
        load_rules(bad)
    assert "\n" not in str(info.value)


# --------------------------------------------------------------------------- the shared matcher


def test_termlist_stems_spaces_hyphens_and_hangul_substrings():
    terms = TermList(parse_weights({"en": {"kim jong un": 2, "korea*": 1}, "ko": ["러시아"], "ru": ["ким чен ын*"]}))
    counts = terms.count("Kim Jong-un met Koreans; 러시아는 and 러시아와; Ким Чен Ыном")
    assert counts == {"kim jong un": 1, "korea*": 1, "러시아": 2, "ким чен ын*": 1}
    # overlapping terms are not double counted: "North Korea" is one hit
    assert TermList({"north korea": 1, "korea": 1}).count("North Korea and Korea") == {"north korea": 1, "korea": 1}


def test_termlist_caps_repeated_terms_and_weights_title():
    terms = TermList({"sanction*": 2.0}, max_count=3)
    hits = terms.match("Sanctions", "sanctions " * 10, title_weight=3.0)
    assert hits.title == {"sanction*": 1} and hits.body == {"sanction*": 10}
    assert hits.score == 3.0 * 2.0 + 3 * 2.0
    assert hits.terms == {"sanction*": 11}


def test_yo_is_folded_to_ye():
    # terms are reported in their normalised (lowercase, ё -> е) form
    assert TermList({"Ким Ё Чжон": 1}).count("Ким Е Чжон и КИМ Ё ЧЖОН") == {"ким е чжон": 2}
