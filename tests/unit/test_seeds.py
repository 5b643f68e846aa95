from __future__ import annotations

import filecmp

from ingest import seeds
from tests import ROOT as PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared" / "seeds"


def test_seed_files_are_verbatim_copies():
    files = sorted(p.name for p in (PROJECT_ROOT / "data" / "seed").glob("*.txt"))
    assert len(files) == 2
    if SHARED.is_dir():  # present beside the checkout on the team's machines and in CI
        for name in files:
            assert filecmp.cmp(SHARED / name, PROJECT_ROOT / "data" / "seed" / name, shallow=False)


def test_seeds_load_with_known_metadata_and_attested_dates(cfg):
    # this checkout's seeds (an editable install may map ingest.resources.seed to another tree)
    articles = seeds.load_seeds(cfg.model_copy(update={"seed_dir": PROJECT_ROOT / "data" / "seed"}))
    assert [a.source for a in articles] == ["Yonhap News Agency", "OREANDA-NEWS"]
    yonhap, oreanda = articles
    assert yonhap.title.startswith("(Yonhap Interview) Russia’s top envoy")
    assert yonhap.body.startswith("SEOUL, Russia does not want")
    assert oreanda.title.startswith("The increased interaction between the Russian Federation")
    assert "OREANDA-NEWS" not in oreanda.title
    assert yonhap.published_at.date().isoformat() == "2024-02-07"
    assert oreanda.published_at.date().isoformat() == "2024-05-16"
    for a in articles:
        assert a.seed and a.url == "" and a.language == "en"
        assert a.to_doc()["date_source"] == "published"


def test_seed_dates_are_attested_with_evidence():
    import yaml

    meta = yaml.safe_load((PROJECT_ROOT / "data" / "seed" / "seeds.yaml").read_text(encoding="utf-8"))
    for entry in meta["seeds"]:
        assert entry["date_source"] == "attested" and entry["published_at"]
        assert all(e.get("url", "").startswith("https://") and e.get("says") for e in entry["evidence"])


def test_an_unattested_seed_date_is_refused():
    import pytest

    from ingest.errors import ConfigError

    with pytest.raises(ConfigError):
        seeds._attested_date({"id": "x", "published_at": "2024-01-01"})


def test_title_split_rules():
    assert seeds.seed_title_and_body("Head\n\nBody text.", "first_line") == ("Head", "Body text.")
    title, body = seeds.seed_title_and_body("AGENCY-NEWS First sentence here. Second one.", "first_sentence")
    assert title == "First sentence here" and body.startswith("AGENCY-NEWS")
