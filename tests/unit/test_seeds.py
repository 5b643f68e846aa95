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


def test_seeds_load_with_known_metadata_and_no_invented_dates(cfg):
    articles = seeds.load_seeds(cfg)
    assert [a.source for a in articles] == ["Yonhap News Agency", "OREANDA-NEWS"]
    yonhap, oreanda = articles
    assert yonhap.title.startswith("(Yonhap Interview) Russia’s top envoy")
    assert yonhap.body.startswith("SEOUL, Russia does not want")
    assert oreanda.title.startswith("The increased interaction between the Russian Federation")
    assert "OREANDA-NEWS" not in oreanda.title
    for a in articles:
        assert a.seed and a.published_at is None and a.url == "" and a.language == "en"
        assert a.to_doc()["date_source"] == "first_seen"


def test_title_split_rules():
    assert seeds.split_title("Head\n\nBody text.", "first_line") == ("Head", "Body text.")
    title, body = seeds.split_title("AGENCY-NEWS First sentence here. Second one.", "first_sentence")
    assert title == "First sentence here" and body.startswith("AGENCY-NEWS")
