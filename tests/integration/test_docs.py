"""The docs site: it builds in strict mode, and its generated parts match the code and the results files.

The command reference, the settings table and the benchmark and rehearsal tables are written
into the pages by cog (scripts/docsgen.py); ``cog --check`` fails when any of them is stale.
No network: mkdocs-material runs with ``font: false`` and no plugin that downloads.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import docsgen  # noqa: E402

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
PAGES = sorted((ROOT / "docs").glob("*.md"))
GENERATED = [*PAGES, ROOT / "README.md"]  # pages with cog blocks: the README holds the soak's table


def _build(config: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "--config-file", str(config), "--site-dir", str(site)],
                          cwd=config.parent, env=ENV, capture_output=True, text=True, timeout=300)


def test_generated_parts_match_the_code_and_results():
    proc = subprocess.run([sys.executable, "-m", "cogapp", "--check", "-I", "scripts", *map(str, GENERATED)],
                          cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"stale generated docs: run `make docs`\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}"


def test_site_builds_strictly_offline(tmp_path):
    proc = _build(ROOT / "mkdocs.yml", tmp_path / "site")
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-3000:]
    assert "WARNING" not in log, log[-3000:]
    html = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html"))
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    for page in PAGES:  # every page is built (the lead adds new ones to the nav)
        target = tmp_path / "site" / ("index.html" if page.stem == "index" else f"{page.stem}/index.html")
        assert target.exists(), page.name


@pytest.mark.parametrize("broken", ["[gone](no-such-page.md)", "[gone](settings.md#no-such-anchor)"])
def test_a_broken_link_fails_the_build(tmp_path, broken):
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    page = tmp_path / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\nSee {broken}.\n", encoding="utf-8")
    proc = _build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert proc.returncode != 0 and ("no-such" in proc.stdout + proc.stderr)


def test_results_tables_are_those_of_their_files():
    """Each results file a page names is rendered there exactly as bench/report.py renders it."""
    from bench.report import results_markdown

    calls = re.compile(r"docsgen\.(bench_tables|rehearsal_table|heldout_table|soak_table|web_table)\('([^']+)'\)")
    seen = set()
    for page in GENERATED:
        text = page.read_text(encoding="utf-8")
        for _func, name in calls.findall(text):
            data = json.loads((ROOT / "bench" / "results" / name).read_text(encoding="utf-8"))
            assert results_markdown(data) in text, f"{page.name}: the tables of {name} differ from the file"
            seen.add(name)
    assert {"bench-20261130-021837.json", "heldout-20261130.json", "rehearsal-20261207-174445.json",
            "soak-20261207-165835.json", "web-2026-12-07-quiet.json"} <= seen


def test_every_setting_is_in_the_generated_table_with_a_meaning():
    table = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    rows = {m[1]: m[2] for m in re.finditer(r"^\| `(INGEST_[A-Z0-9_]+)` \|.*\| ([^|]*) \|$", table, re.M)}
    envs = [env for env, _path, _field in docsgen.settings_rows()]
    assert envs and set(envs) == set(rows)
    assert all(rows[e].strip() for e in envs)


def test_settings_walk_nested_sections():
    """A section model with its own env_prefix, or under the parent's nested delimiter, names its variables."""
    from pydantic import BaseModel, Field
    from pydantic_settings import BaseSettings, SettingsConfigDict

    class Es(BaseModel):
        url: str = "http://127.0.0.1:9200"
        timeout: float = Field(30.0, gt=0)

    class Fetch(BaseSettings):
        model_config = SettingsConfigDict(env_prefix="INGEST_FETCH_")
        retries: int = Field(3, ge=0, le=20)

    class Top(BaseSettings):
        model_config = SettingsConfigDict(env_prefix="INGEST_", env_nested_delimiter="__")
        es: Es = Es()
        fetch: Fetch = Fetch()
        schedule: str = "@hourly"

    rows = [(env, path, docsgen._type(f), docsgen._default(f)) for env, path, f in docsgen.settings_rows(Top)]
    assert rows == [
        ("INGEST_ES__URL", "es.url", "text", "`http://127.0.0.1:9200`"),
        ("INGEST_ES__TIMEOUT", "es.timeout", "float > 0", "`30.0`"),
        ("INGEST_FETCH_RETRIES", "fetch.retries", "int ≥ 0, ≤ 20", "`3`"),
        ("INGEST_SCHEDULE", "schedule", "text", "`@hourly`"),
    ]


def test_readme_is_short_and_its_links_resolve():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    for target in re.findall(r"\]\((docs/[^)#]+\.md)(?:#[^)]*)?\)", readme):
        assert (ROOT / target).exists(), target


def test_every_path_the_docs_name_exists():
    """A file or folder named in backticks (`ingest/…`, `tests/…`, `scripts/…`) is still there."""
    named = re.compile(r"`((?:ingest|tests|bench|scripts|docker|mappings|data|dags|docs)/[A-Za-z0-9_./-]+)`")
    gone = [f"{page.name}: {path}" for page in [*PAGES, ROOT / "README.md"]
            for path in named.findall(page.read_text(encoding="utf-8")) if not (ROOT / path.rstrip(".")).exists()]
    assert not gone, gone
